"""What a report is, and writing it: the page, formula-safe CSV tables and GEXF, atomically, checked anonymous."""

import contextlib
import dataclasses
import html
import os
import re
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from .._leakcheck import find_leaks, leak_terms, mask, tool_vocabulary
from ..errors import InputError
from ..export import to_gexf
from ..safefiles import atomic_write_text, write_csv

try:  # POSIX: a lock the kernel releases when its holder dies
    import fcntl
except ImportError:  # Windows: an exclusive create, and the holder's pid to recognise a stale lock
    fcntl = None

__all__ = ["GEXF_FILE", "LOCK_FILE", "REPORT_FILE", "REPORT_TABLES", "Report", "check_anonymous", "check_files",
           "claim_folder", "write_report"]

REPORT_FILE = "report.html"
GEXF_FILE = "network.gexf"
LOCK_FILE = ".netanalysis-report.lock"
STAGING_PREFIX = ".netanalysis-report-"  # hidden staging folders inside a report folder
# Every table a report may write (``<stem>.csv``). With ``force``, the files of these names that a
# run does not write are removed, so that an earlier report (a named one, with --to) leaves nothing
# beside the new one; any other file in the folder is the user's and is kept. A new table must be
# added here (tests/test_cli_report.py checks it).
REPORT_TABLES = frozenset({"annotations_unmatched", "brokerage", "brokerage_roles", "changes", "communities", "dormant_ties",
                           "files_read", "groups_by_company", "groups_by_role", "introductions", "movement", "rows_set_aside", "strength", "warm_paths"})
_HELD = set()  # report folders this process holds (resolved), so that write_report inside a claim does not wait on itself


@dataclasses.dataclass
class Report:
    """What :func:`build_report` returns and :func:`write_report` writes.

    Attributes
    ----------
    html : str
        The whole page.
    tables : dict
        File stem → DataFrame, written as ``<stem>.csv`` beside the page.
    graph : networkx.Graph
        The graph written as GEXF (the anonymised copy in anonymised mode).
    sections : list of str
        Ids of the sections present, in page order.
    omitted : dict
        Section id → why it was left out (a module not available, nothing to show…).
    anonymized : bool
    partition : dict
        ``key -> circle id`` used by the page (written into the GEXF as ``community``).
    gexf : bool
        Whether :func:`write_report` writes ``network.gexf`` (the page says so either way).
    leak_terms : LeakTerms or None
        In anonymised mode, what no file written may contain (:func:`netanalysis._leakcheck.leak_terms`):
        :func:`write_report` checks every file it wrote against it before any is put in place.
    """

    html: str
    tables: dict
    graph: nx.Graph
    sections: list
    omitted: dict
    anonymized: bool = False
    partition: dict = dataclasses.field(default_factory=dict)
    gexf: bool = True
    leak_terms: object = dataclasses.field(default=None, repr=False, compare=False)


_PROGRAM = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # code (run by its hash), not data


def check_anonymous(page, tables, mapping, *, terms=None, graph=None):
    """Refuse to return an anonymised report in which an original name, key or e-mail survived.

    The page and every table are searched for ``terms`` (by default, those of ``mapping``; see
    :func:`netanalysis._leakcheck.leak_terms`).

    Raises
    ------
    RuntimeError
        When one survived (a bug: every analysis reads the anonymised graph), naming the file and
        the kind of string, never the string itself.
    """
    terms = terms if terms is not None else leak_terms(nx.Graph(), mapping)
    files = {REPORT_FILE: page, **{f"{stem}.csv": df.to_csv(index=False) for stem, df in tables.items()}}
    check_files(files, terms, graph=graph)


def check_files(files, terms, *, graph=None):
    """Search each file's text (``name -> text``) for ``terms``; raise on the first file holding one.

    Text is searched unescaped (HTML, XML). A single word is not a leak when it is ordinary
    vocabulary: a word the tool itself writes (:func:`netanalysis._leakcheck.tool_vocabulary`), a
    word of the page's own program code, or a word of the anonymised companies and positions of
    ``graph`` (a surname "Design" is also a role family). Full names, keys, slugs, URLs and e-mail
    addresses are always searched.

    Raises
    ------
    RuntimeError
        One line: the file, how many strings, the kind and a masked form of the first one.

    Examples
    --------
    >>> from netanalysis._leakcheck import LeakTerms
    >>> terms = LeakTerms({"ana silva": "a name"}, {"vigdis": "a first or last name"})
    >>> check_files({"a.csv": "Person X", "b.csv": "met Vigdis"}, terms)
    Traceback (most recent call last):
    ...
    RuntimeError: b.csv: the anonymised report still holds 1 string of the input (a first or last name, 'v*****'); nothing was written. This is a bug in the anonymisation: please report it, without the files.
    """
    base = set(tool_vocabulary())
    if graph is not None:
        for attr in ("company", "position"):
            for _n, value in graph.nodes(data=attr):
                if isinstance(value, str):
                    base.update(w.casefold() for w in re.findall(r"[^\W_]+", value))
    for name, text in files.items():
        text = html.unescape(text)
        vocabulary = base.union(*(re.findall(r"[^\W_]+", code.casefold()) for code in _PROGRAM.findall(text)))
        leaks = find_leaks(text, terms, vocabulary=vocabulary)
        if leaks:
            kind, value = leaks[0]
            raise RuntimeError(
                f"{name}: the anonymised report still holds {len(leaks)} string{'s' if len(leaks) != 1 else ''} "
                f"of the input ({kind}, '{mask(value)}'); nothing was written. This is a bug in the "
                "anonymisation: please report it, without the files.")


def _read_pid(fd):
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (someone else's process), or we cannot tell: assume it runs
    return True


def _busy(out, pid):
    holder = f" (process {pid})" if pid else ""
    return InputError(f"{out} is being written by another netanalysis report{holder}; wait for it to finish "
                      "or choose another --out.")


def _lock(out):
    """Take ``out``'s lock file; return ``(fd, pid of an interrupted run whose lock was taken over)``.

    ``(None, None)`` when this process already holds it.
    """
    path = out / LOCK_FILE
    for _ in range(20):
        if fcntl is None:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                with open(path, "rb") as handle:
                    text = handle.read(64).decode("ascii", "replace").strip()
                pid = int(text) if text.isdigit() else None
                if pid == os.getpid():
                    return None, None  # this process holds it (another copy of this module claimed it)
                if pid is None or _alive(pid):
                    raise _busy(out, pid) from None
                Path(path).unlink(missing_ok=True)  # its holder is gone: a stale lock
                continue
            previous = None
        else:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # held by a running process
                pid = _read_pid(fd)
                os.close(fd)
                if pid == os.getpid():
                    # This process holds it: a claim made through another copy of this module (the
                    # doctest collector imports modules a second time), whose _HELD is not this one.
                    return None, None
                raise _busy(out, pid) from None
            try:  # the holder before us may have removed the file while we opened it: lock the file in place
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = _read_pid(fd)  # a pid left in an unlocked file: a run killed before it could clean up
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return fd, previous
    raise _busy(out, None)


@contextlib.contextmanager
def claim_folder(out_dir):
    """Hold a report folder for this process: a second report into it, at the same time, is refused.

    The claim is a lock file, ``.netanalysis-report.lock``, inside ``out_dir`` (created when
    missing). On POSIX it is locked with ``flock``: the kernel grants the lock to one process only
    and releases it when that process ends, however it ends, so a lock file left by a killed run
    is recognised (its lock is free) and taken over without a race. Elsewhere the file is created
    exclusively (``O_CREAT | O_EXCL``) and holds the pid of its holder; a file whose process is
    gone is stale and replaced. The file is removed when the block ends, and so is ``out_dir`` when
    this claim created it and it is still empty.

    Yields
    ------
    int or None
        The pid of an interrupted run whose lock was taken over, to report; None normally.

    Raises
    ------
    InputError
        When another process holds the folder, or ``out_dir`` is a file or cannot be created.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "report"
    >>> with claim_folder(out) as stale:
    ...     sorted(p.name for p in out.iterdir()), stale
    (['.netanalysis-report.lock'], None)
    >>> out.exists()
    False
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder; choose another --out.")
    key = out.resolve()
    if key in _HELD:
        yield None
        return
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create {out}: {error.strerror or error}; choose another --out.") from None
    fd, previous = _lock(out)
    if fd is None:  # already held by this process
        yield None
        return
    _HELD.add(key)
    try:
        _clear_staging(out)
    except BaseException:
        Path(out / LOCK_FILE).unlink(missing_ok=True)
        os.close(fd)
        raise
    try:
        yield previous
    finally:
        _HELD.discard(key)
        Path(out / LOCK_FILE).unlink(missing_ok=True)  # before the lock is released: nobody locks a removed file
        os.close(fd)
        if created:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty: a failed first run leaves no empty folder behind


def _clear_staging(out):
    """Remove the staging folders a killed run left in ``out`` (held: no other run is writing there).

    They hold a whole report's tables, possibly named ones: a later run, anonymised or not, never
    leaves them beside its own output.
    """
    for entry in os.scandir(out):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


def _report_names():
    return [REPORT_FILE, GEXF_FILE, *(f"{stem}.csv" for stem in sorted(REPORT_TABLES))]


def write_report(report, out_dir, *, force=False):
    """Write ``report.html``, one formula-safe CSV per table and ``network.gexf`` into ``out_dir``.

    ``network.gexf`` is written when ``report.gexf`` is true (see :func:`build_report`'s ``gexf``).

    Everything is first written to a staging folder inside ``out_dir`` and then renamed into
    place, the page last: an interrupted run leaves either no report or a complete one, never a
    half-written file. A staging folder left by a killed run is removed when the folder is next
    claimed (:func:`claim_folder`). Existing report files (``report.html``, ``network.gexf`` and
    the tables of :data:`REPORT_TABLES`) are never overwritten unless ``force`` is true; with
    ``force``, those of an earlier report that this one does not write are removed (so that an
    anonymised report never sits beside an earlier named one's ``warm_paths.csv``). Files of other
    names are the user's and are left alone.

    Parameters
    ----------
    report : Report
    out_dir : str or Path
        Created when missing.
    force : bool
        Replace an earlier report in ``out_dir``.

    Returns
    -------
    list of Path
        The files written, the page first.

    Raises
    ------
    InputError
        When ``out_dir`` is a file, or holds a report file and ``force`` is false.

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.report import build_report
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", met="in_person", strength=0.8)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_report(build_report(G), tmp)
    ...     [p.name for p in paths][0]
    'report.html'
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder; choose another --out.")
    names = [REPORT_FILE, *(f"{stem}.csv" for stem in sorted(report.tables)), *([GEXF_FILE] if report.gexf else [])]
    with claim_folder(out):  # checked while held: a report written meanwhile by another process counts
        earlier = [n for n in dict.fromkeys([*names, *_report_names()]) if os.path.lexists(out / n)]
        if earlier and not force:
            raise InputError(
                f"{out / earlier[0]} already exists; pass --force to overwrite it or choose another --out."
            )
        stale = [n for n in earlier if n not in names and not (out / n).is_dir()]
        return _write(report, out, stale)


def _write(report, out, stale=()):
    staging = Path(tempfile.mkdtemp(dir=out, prefix=STAGING_PREFIX))
    written = []
    try:
        for stem in sorted(report.tables):
            write_csv(report.tables[stem], staging / f"{stem}.csv")
            written.append(f"{stem}.csv")
        if report.gexf:
            to_gexf(report.graph, staging / GEXF_FILE, partition=report.partition or None)
            written.append(GEXF_FILE)
        atomic_write_text(staging / REPORT_FILE, report.html)
        if report.anonymized and report.leak_terms is not None:
            # The last check, on every file as written (the GEXF too): a leak writes nothing.
            check_files({name: (staging / name).read_text(encoding="utf-8") for name in [*written, REPORT_FILE]},
                        report.leak_terms, graph=report.graph)
        # The earlier page first, then what of the earlier report this one does not replace, the
        # new page last: its presence means the files beside it are complete and all this run's.
        if stale:
            Path(out / REPORT_FILE).unlink(missing_ok=True)
            for name in stale:
                Path(out / name).unlink(missing_ok=True)
        for name in written:
            os.replace(staging / name, out / name)
        os.replace(staging / REPORT_FILE, out / REPORT_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / REPORT_FILE, *(out / n for n in written)]
