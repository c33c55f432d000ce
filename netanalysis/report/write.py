"""What a report is, and writing it: the page, formula-safe CSV tables and GEXF, atomically, checked anonymous."""

import dataclasses
import html
import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from ..anonymize import find_originals
from ..errors import InputError
from ..export import to_gexf
from ..safefiles import atomic_write_text, write_csv

__all__ = ["GEXF_FILE", "REPORT_FILE", "Report", "check_anonymous", "write_report"]

REPORT_FILE = "report.html"
GEXF_FILE = "network.gexf"


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
    """

    html: str
    tables: dict
    graph: nx.Graph
    sections: list
    omitted: dict
    anonymized: bool = False
    partition: dict = dataclasses.field(default_factory=dict)
    gexf: bool = True


def check_anonymous(page, tables, mapping):
    """Refuse to return an anonymised report in which an original name, key or e-mail survived.

    Raises
    ------
    RuntimeError
        When one survived (a bug: every analysis reads the anonymised graph).
    """
    # The map's data are escaped inside srcdoc; search the unescaped text of the page and tables.
    text = html.unescape(page) + "\n" + "\n".join(df.to_csv(index=False) for df in tables.values())
    leaks = find_originals(text, mapping)
    if leaks:
        raise RuntimeError(f"anonymised report still contains {len(leaks)} original strings; this is a bug.")


def write_report(report, out_dir, *, force=False):
    """Write ``report.html``, one formula-safe CSV per table and ``network.gexf`` into ``out_dir``.

    ``network.gexf`` is written when ``report.gexf`` is true (see :func:`build_report`'s ``gexf``).

    Everything is first written to a staging folder inside ``out_dir`` and then renamed into
    place, the page last: an interrupted run leaves either no report or a complete one, never a
    half-written file. Existing files are never overwritten unless ``force`` is true.

    Parameters
    ----------
    report : Report
    out_dir : str or Path
        Created when missing.
    force : bool
        Overwrite files of the same names.

    Returns
    -------
    list of Path
        The files written, the page first.

    Raises
    ------
    InputError
        When ``out_dir`` is a file, or a file would be overwritten without ``force``.

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
    if not force:
        existing = [n for n in names if (out / n).exists()]
        if existing:
            raise InputError(
                f"{out / existing[0]} already exists; pass --force to overwrite it or choose another --out."
            )
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".netanalysis-report-"))
    written = []
    try:
        for stem in sorted(report.tables):
            write_csv(report.tables[stem], staging / f"{stem}.csv")
            written.append(f"{stem}.csv")
        if report.gexf:
            to_gexf(report.graph, staging / GEXF_FILE, partition=report.partition or None)
            written.append(GEXF_FILE)
        atomic_write_text(staging / REPORT_FILE, report.html)
        # The page last: its presence means the files beside it are complete.
        for name in written:
            os.replace(staging / name, out / name)
        os.replace(staging / REPORT_FILE, out / REPORT_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / REPORT_FILE, *(out / n for n in written)]
