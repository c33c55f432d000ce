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

from .build import BACKGROUND_MIN_TIES as BACKGROUND_MIN_TIES
from .build import GEXF_MAX_TIES as GEXF_MAX_TIES
from .build import Progress, build_report
from .page import html_table, render_page
from .sections import BETWEENNESS_PIVOTS as BETWEENNESS_PIVOTS
from .write import GEXF_FILE as GEXF_FILE
from .write import REPORT_FILE as REPORT_FILE
from .write import Report, write_report

__all__ = ["Progress", "Report", "build_report", "html_table", "render_page", "write_report"]
