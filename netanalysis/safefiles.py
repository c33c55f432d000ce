"""Safe file writing, the floor every writer stands on: atomic writes and formula-safe CSV."""

import contextlib
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import InputError

__all__ = ["atomic_open", "atomic_write_bytes", "atomic_write_text", "check_target", "formula_safe", "formula_safe_frame",
           "write_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Make a text value inert in a spreadsheet: prefix a quote when it could start a formula.

    Spreadsheets run cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    (OWASP "CSV injection"). A leading apostrophe makes them plain text. Carriage returns become
    line feeds, so that a line break inside a value never splits a row. Numbers are unchanged.

    Examples
    --------
    >>> formula_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> formula_safe("-5 years")
    "'-5 years"
    >>> formula_safe(-5)
    -5
    >>> formula_safe("Data engineer")
    'Data engineer'
    >>> formula_safe("Ana\\r=cmd()")
    'Ana\\n=cmd()'
    """
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    if "\r" in value:
        # The csv writer quotes a field only for the line terminator it writes ("\n"), but
        # spreadsheets also break rows at a lone carriage return: "x\r=cmd()" would become a
        # new row starting with a formula. As line feeds, the breaks keep the field quoted.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def formula_safe_frame(df):
    """Return a copy of ``df`` with every text cell, header cells included, made formula-safe.

    Header cells count: a column may be named after data (``compare`` names its columns after the
    owners of the exports), and a spreadsheet runs a formula in the first row like in any other.
    See :func:`formula_safe`.

    Examples
    --------
    >>> formula_safe_frame(pd.DataFrame({"name": ["=1+1", "Ana"], "n": [-1, 2]}))
       name  n
    0  '=1+1 -1
    1   Ana  2
    >>> list(formula_safe_frame(pd.DataFrame({"=HYPERLINK(1)": [1], 3: [2]})).columns)
    ["'=HYPERLINK(1)", 3]
    """
    out = df.copy()
    for i in range(out.shape[1]):  # by position: two headers may read alike once quoted
        values = out.iloc[:, i]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out.isetitem(i, values.map(formula_safe))
    out.columns = [formula_safe(column) for column in out.columns]
    return out


def _same_file(a, b):
    """Whether two paths name the same file: the same resolved path, or the same inode (a hard link)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _inside(path, folder):
    """Whether ``path`` lies anywhere inside ``folder`` (both resolved, symbolic links followed)."""
    return folder.resolve() in path.resolve().parents


def check_target(path, *, inputs=(), force=False, folder=False, ignore=(), option="--output"):
    """Refuse, before any work is done, to write where the user's data would be lost.

    A file target is refused when it exists (unless ``force``), when it is a folder, and always
    (even with ``force``) when it is one of ``inputs`` (same resolved path or same inode) or an
    existing file inside an input folder (an export folder is read whole). A folder target is
    refused when it is a file, when it holds anything but the names in ``ignore`` (unless
    ``force``: then files of the same names are replaced, others are left alone), and always when
    an input lies inside it.

    Parameters
    ----------
    path : str or Path
        Where the command will write: a file, or a folder when ``folder`` is true.
    inputs : iterable of str or Path
        Every path the command reads (exports, ``--ties``, ``--knows``, salt file); ``None`` is skipped.
    force : bool
        The user's ``--force``: replace existing files, but never an input.
    folder : bool
    ignore : iterable of str
        Names inside a folder target that do not make it "not empty" (the command's own lock file).
    option : str
        The option that named ``path``, for the message.

    Raises
    ------
    InputError
        One sentence naming the path and what to do instead.

    Examples
    --------
    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "export.zip").write_text("PK")
    >>> check_target(tmp / "map.html", inputs=[tmp / "export.zip"])  # a new file: fine
    >>> check_target(tmp / "export.zip", inputs=[tmp / "export.zip"], force=True)
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: ... is one of this command's inputs; write the output somewhere else.
    >>> check_target(tmp, folder=True)
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: ... is not empty; pass --force to write into it ...
    """
    target = Path(path)
    sources = [Path(p) for p in inputs if p not in (None, "", "-")]
    if folder:
        if target.exists() and not target.is_dir():
            raise InputError(f"{target} is a file, not a folder; choose another {option}.")
        for source in sources:
            if _same_file(source, target) or _inside(source, target):
                raise InputError(f"{source} is one of this command's inputs and lies inside {target}; "
                                 f"choose another {option} (outputs never go where they could replace an input).")
        if not force and target.is_dir() and any(entry.name not in set(ignore) for entry in target.iterdir()):
            raise InputError(f"{target} is not empty; pass --force to write into it (files of the same names are "
                             f"replaced) or choose another {option}.")
        return
    if target.is_dir():
        raise InputError(f"{target} is a folder; give the name of a file to write.")
    for source in sources:
        if _same_file(source, target) or (target.exists() and source.is_dir() and _inside(target, source)):
            raise InputError(f"{target} is one of this command's inputs; write the output somewhere else.")
    if target.exists() and not force:
        raise InputError(f"{target} already exists; pass --force to replace it or choose another {option}.")


def _cannot_write(path, error):
    return InputError(f"cannot write {path}: {error.strerror or error}; choose another place.")


@contextlib.contextmanager
def atomic_open(path, *, encoding="utf-8"):
    """Open ``path`` for writing text through a temporary file, renamed into place on success.

    The text is written piece by piece into a temporary file beside ``path``; when the ``with``
    block ends normally the file is renamed to ``path``, and when it fails (an error, Ctrl-C) the
    temporary file is deleted. An interrupted run never leaves a half-written file behind, and a
    large file never has to be held in memory whole.

    Raises
    ------
    InputError
        When ``path`` is a folder, or a folder on the way is a file, or the file cannot be
        written (permission denied, read-only or full disk): the user can choose another place.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "out" / "lines.txt"
    >>> with atomic_open(path) as handle:
    ...     for word in ("one", "two"):
    ...         _ = handle.write(word + "\\n")
    >>> path.read_text().split()
    ['one', 'two']
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the name of a file to write.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        raise InputError(f"cannot write {path}: {blocker} is a file, not a folder; choose another place.") from None
    except OSError as error:  # permission denied, read-only or full disk: the user can choose another place
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
        # mkstemp creates the file private (0600); give it the permissions a normal write would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise


def atomic_write_text(path, text, *, encoding="utf-8"):
    """Write ``text`` to ``path`` through a temporary file and a rename (see :func:`atomic_open`).

    An interrupted run never leaves a half-written file behind.

    Raises
    ------
    InputError
        When ``path`` is a folder, or a folder on the way is a file, or the file cannot be
        written (permission denied, read-only or full disk): the user can choose another place.

    Examples
    --------
    >>> import tempfile
    >>> path = atomic_write_text(Path(tempfile.mkdtemp()) / "out" / "note.txt", "hello")
    >>> path.read_text()
    'hello'
    """
    with atomic_open(path, encoding=encoding) as handle:
        handle.write(text)
    return Path(path)


def atomic_write_bytes(path, data):
    """Write ``data`` (bytes: a PNG, an archive) to ``path`` through a temporary file and a rename.

    The binary twin of :func:`atomic_write_text`, with the same errors.

    Examples
    --------
    >>> import tempfile
    >>> path = atomic_write_bytes(Path(tempfile.mkdtemp()) / "out" / "a.bin", bytes([137, 80, 0, 255]))
    >>> list(path.read_bytes())
    [137, 80, 0, 255]
    """
    with atomic_open(path, encoding="latin-1") as handle:  # latin-1 maps each byte to one character and back
        handle.write(bytes(data).decode("latin-1"))
    return Path(path)


def write_csv(df, path, *, bom=False):
    """Write a table as formula-safe UTF-8 CSV, atomically.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path
    bom : bool
        Start with a UTF-8 byte-order mark so that Excel opens accents correctly.

    Examples
    --------
    >>> import tempfile
    >>> path = write_csv(pd.DataFrame({"name": ["=1+1"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> path.read_text().splitlines()
    ['name', "'=1+1"]
    """
    text = formula_safe_frame(df).to_csv(index=False, lineterminator="\r\n" if bom else "\n")
    return atomic_write_text(path, ("\ufeff" if bom else "") + text)
