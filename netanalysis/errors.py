"""Errors a user can act on."""

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input the user can fix: a wrong file, an unusable row, an unknown person.

    The message is one plain sentence that names the file and, where it applies, the line, and
    says what to do. The command line prints it without a traceback and exits with status 2.

    Examples
    --------
    >>> raise InputError("Connections.csv, line 4: the header row was not found.")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: Connections.csv, line 4: the header row was not found.
    """
