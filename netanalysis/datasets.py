"""The fictional sample data shipped in ``data/sample`` (made by :mod:`netanalysis.synth`)."""

from pathlib import Path

from .errors import InputError

__all__ = ["sample_dir", "sample_files"]

SAMPLES = ("cohort", "collector", "cultivator", "snapshots")


def sample_dir():
    """The folder holding the committed sample (``data/sample`` in the repository).

    Examples
    --------
    >>> sample_dir().name
    'sample'
    """
    return Path(__file__).resolve().parent.parent / "data" / "sample"


def sample_files(name="cohort"):
    """Paths of a sample data set, ready for ``read_export``, ``read_ties`` and ``read_knows``.

    Every person and company in the sample is fictional (see ``data/sample/README.md``).

    Parameters
    ----------
    name : {"cohort", "collector", "cultivator"}
        ``cohort``: the exports of an eight-person workshop cohort, the main persona (a networker)
        first, with the main persona's ``ties.csv`` and ``knows.csv``. ``collector``: one person
        who accepted everyone (thousands of contacts, mostly online). ``cultivator``: one person
        with a few hundred contacts, mostly met in person. ``snapshots``: two exports of one
        person six months apart (the older first), their ``ties.csv`` and, as ``truth``, the
        folder whose ``changes.csv`` lists every change between them.

    Returns
    -------
    dict
        ``exports`` (list of str: zip paths, main persona first), ``ties`` (str or None),
        ``knows`` (str or None), ``truth`` (str: the answer-key folder) and ``sources`` (list of str:
        the main persona's calendar, mailbox and address book, for ``cohort``; empty otherwise).

    Raises
    ------
    InputError
        For an unknown name, or when the sample folder is missing (an install without the data).

    Examples
    --------
    >>> files = sample_files("cohort")
    >>> len(files["exports"]), Path(files["exports"][0]).parent.name[:3]
    (8, '01-')
    >>> Path(files["ties"]).name, Path(files["truth"]).name
    ('ties.csv', 'truth')
    >>> sample_files("collector")["knows"] is None
    True
    """
    if name not in SAMPLES:
        raise InputError(f"there is no sample called '{name}'; use one of {', '.join(SAMPLES)}.")
    root = sample_dir()
    folder = {"cohort": root / "cohort", "snapshots": root / "snapshots"}.get(name, root / "personas" / name)
    exports = sorted(folder.glob("*/Basic_LinkedInDataExport_*.zip")) if name == "cohort" else \
        sorted(folder.glob("Basic_LinkedInDataExport_*.zip"))
    if not exports:
        raise InputError(
            f"the sample data is not in {folder}; run 'netanalysis sample all -o data/sample --seed 7' "
            "from the repository to recreate it."
        )
    ties = folder / "ties.csv"
    knows = folder / "knows.csv"
    return {
        "exports": [str(p) for p in exports],
        "ties": str(ties) if ties.exists() else None,
        "knows": str(knows) if knows.exists() else None,
        "truth": str(folder / "truth" if name == "snapshots" else root / "truth"),
        "sources": [str(p) for f in ("calendar.ics", "mail.mbox", "contacts.vcf")
                    for p in sorted(root.glob(f"sources/01-*/{f}"))[:1]] if name == "cohort" else [],
    }
