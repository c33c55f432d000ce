"""One self-contained HTML report of a person's network: headline first, then the details.

The page makes no request to any server: figures are inline PNG, the interactive map is embedded
in a sandboxed ``<iframe srcdoc>``, the style sheet is inline, and a strict Content-Security-Policy
forbids every script except the map's own (allowed by hash). Every string that comes from the
data is escaped by the templates. :func:`write_report` writes the page, the tables as formula-safe
CSV and the graph as GEXF, all through a staging folder and renames, refusing to overwrite without
``force``.

Modules: ``page`` (tables, figures, the map embed, the CSP, the page template), ``sections`` (one
function per section), ``build`` (:func:`build_report`), ``write`` (:class:`Report`,
:func:`write_report`, the anonymity check).
"""

import sys
import types

from . import build
from .build import BACKGROUND_MIN_TIES as BACKGROUND_MIN_TIES
from .build import GEXF_MAX_TIES as GEXF_MAX_TIES
from .build import Progress, build_report
from .page import html_table, render_page
from .sections import BETWEENNESS_PIVOTS as BETWEENNESS_PIVOTS
from .write import GEXF_FILE as GEXF_FILE
from .write import REPORT_FILE as REPORT_FILE
from .write import Report, check_anonymous, write_report

__all__ = ["Progress", "Report", "build_report", "html_table", "render_page", "write_report"]

# Compatibility for modules outside this change; the coordinator removes it after the merge.
# tests/test_anonymize.py calls report._check_anonymous; tests/test_background_betweenness.py and
# tests/test_shared_reads.py monkeypatch BACKGROUND_MIN_TIES, _SECTIONS and _shared_reads on this
# package, which build_report reads from netanalysis.report.build: setting them here sets them there.
_check_anonymous = check_anonymous
_SECTIONS = build.SECTIONS
_shared_reads = build._shared_reads
_FORWARDED = {"BACKGROUND_MIN_TIES": "BACKGROUND_MIN_TIES", "GEXF_MAX_TIES": "GEXF_MAX_TIES",
              "_SECTIONS": "SECTIONS", "_shared_reads": "_shared_reads"}


class _ForwardingModule(types.ModuleType):
    def __setattr__(self, name, value):
        if name in _FORWARDED:
            setattr(build, _FORWARDED[name], value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _ForwardingModule
