"""The report's page kit: cell text, tables, inline figures, the embedded map, the CSP, the page template."""

import base64
import datetime as _dt
import hashlib
import html
import io as _io
import re

import pandas as pd

from ..model import is_missing
from ..templates import Markup, macro, render, stylesheet

__all__ = ["cell_text", "content_security_policy", "embed_map", "figure_html", "html_table", "render_page"]


def cell_text(value):
    """A plain-text rendering of a table cell.

    Examples
    --------
    >>> cell_text(0.5), cell_text(3.0), cell_text(True), cell_text(["a", "b"]), cell_text(None)
    ('0.50', '3', 'yes', 'a → b', '')
    """
    if is_missing(value):
        return ""
    if isinstance(value, (bool,)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value)}"
        return f"{value:.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return " → ".join(cell_text(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(cell_text(v) for v in value))
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return cell_text(value.item())
        except (ValueError, TypeError):
            pass
    return str(value)


def _is_numeric(series):
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


# How a tie was met, in the words the page uses everywhere (the CSV files keep the codes).
_MET_WORDS = {"in_person": "in person", "online": "online only", "unknown": "not said"}
_MET_COLUMNS = {"met", "met_a", "met_b"}


def _cell(c, value, percent):
    """One cell's text: shares as percentages, met codes in words, the rest by :func:`cell_text`."""
    if c in percent and not is_missing(value):
        return f"{float(value):.0%}"
    if c in _MET_COLUMNS and value in _MET_WORDS:
        return _MET_WORDS[value]
    return cell_text(value)


def html_table(df, *, columns=None, labels=None, caption=None, max_rows=50, percent=(), details=(), collapsed=None):
    """Render a table as escaped HTML that wraps to the page's column.

    Parameters
    ----------
    df : pandas.DataFrame
    columns : list of str, optional
        Columns to show, in order (default all); absent ones are skipped.
    labels : dict, optional
        Column → header text (plain words; the CSV keeps the column names).
    caption : str, optional
        Shown under the table: the sentence that says how to read it.
    max_rows : int or None
        Rows shown; the caption says how many were left out (the CSV has them all).
    percent : iterable of str
        Columns holding shares in [0, 1], shown as percentages.
    details : list of str
        Columns kept out of the table's width: each row shows them behind a "more" disclosure
        (empty values left out).
    collapsed : str, optional
        When given, the whole table sits behind a disclosure with this summary, closed by default.

    Returns
    -------
    str
        HTML text (marked safe); every cell and header is escaped by the template.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["<b>Ana</b>"], "share": [0.25], "n": [3]})
    >>> print(html_table(df, percent=["share"]))  # doctest: +NORMALIZE_WHITESPACE
    <div class="table-wrap"><table><thead><tr><th>name</th><th class="num">share</th><th class="num">n</th></tr></thead>
    <tbody><tr><td data-label="name">&lt;b&gt;Ana&lt;/b&gt;</td><td data-label="share" class="num">25%</td><td
    data-label="n" class="num">3</td></tr></tbody></table></div>
    >>> "<summary>more</summary><dl><dt>n</dt><dd>3</dd></dl>" in html_table(df, columns=["name"], details=["n"])
    True
    """
    labels = labels or {}
    percent = set(percent)
    cols = [c for c in (columns or [c for c in df.columns if c not in details]) if c in df.columns]
    extra = [c for c in details if c in df.columns and c not in cols]
    numeric = [_is_numeric(df[c]) for c in cols]
    head = [(cell_text(labels.get(c, c)), num) for c, num in zip(cols, numeric, strict=True)]
    shown = df if max_rows is None else df.head(max_rows)
    rows = []
    for record in shown[cols + extra].itertuples(index=False, name=None):
        cells = [(_cell(c, value, percent), num) for c, num, value in zip(cols, numeric, record, strict=False)]
        more = [(cell_text(labels.get(c, c)), _cell(c, value, percent))
                for c, value in zip(extra, record[len(cols):], strict=True)]
        rows.append((cells, [(label, text) for label, text in more if text]))
    notes = []
    if caption:
        notes.append(cell_text(caption))
    if max_rows is not None and len(df) > max_rows:
        notes.append(f"First {max_rows} of {len(df)} rows; the CSV file has them all.")
    return macro("macros.html.j2", "table")(head, rows, notes, max(len(cols), 1), cell_text(collapsed or ""))


def figure_html(fig, alt, caption=None):
    """A matplotlib figure as an inline PNG (a data: URI), then closed; the ``<figure>`` HTML."""
    import matplotlib.pyplot as plt

    buffer = _io.BytesIO()
    try:
        # No "Software" metadata: the same data gives byte-identical pages across versions.
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    finally:
        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return macro("macros.html.j2", "figure")(data, cell_text(alt), cell_text(caption) if caption else "")


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EXTERNAL_TAG = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
    r"(?:\s*</script\s*>)?",
    re.IGNORECASE,
)


def embed_map(map_html, title):
    """Embed the map page in a sandboxed iframe; return (html, CSP hashes of its inline scripts).

    The ``srcdoc`` page inherits this page's Content-Security-Policy, so its inline scripts are
    allowed one by one by their SHA-256 hash: nothing else, injected or not, can run. Tags that
    would load a resource from a server (pyvis adds Bootstrap from a CDN) are removed; the page
    must work offline without them.
    """
    cleaned = _EXTERNAL_TAG.sub("", map_html)
    hashes = []
    for attrs, body in _SCRIPT.findall(cleaned):
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    # str(): the page is text to escape into the srcdoc attribute, even when it came marked safe.
    frame = macro("macros.html.j2", "report_map")(str(cleaned), title)
    return frame, sorted(set(hashes))


def content_security_policy(script_hashes=()):
    """The report's Content-Security-Policy: nothing loads, only the scripts of these hashes run.

    Examples
    --------
    >>> "script-src 'none'" in content_security_policy()
    True
    """
    scripts = " ".join(script_hashes) if script_hashes else "'none'"
    return (
        "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
        f"script-src {scripts}; frame-src 'self' about:; child-src 'self' about:; "
        "connect-src 'none'; font-src data:; media-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_page(title, sections, *, subtitle="", footer="", script_hashes=()):
    """Assemble the page: CSP, inline style sheet, a table of contents and the sections.

    Parameters
    ----------
    title : str
        Plain text; escaped.
    sections : list of (id, heading, body_html)
        ``heading`` is plain text (escaped); ``body_html`` is HTML built with escaped values.
    subtitle, footer : str
        Plain text; escaped.
    script_hashes : iterable of str
        CSP source expressions (``'sha256-…'``) for the only scripts allowed to run.

    Returns
    -------
    str

    Examples
    --------
    >>> page = render_page("<Ana>'s network", [("one", "One", "<p>hi</p>")])
    >>> "&lt;Ana&gt;" in page and "<Ana>" not in page
    True
    >>> "script-src 'none'" in page
    True
    """
    sections = [{"id": sid, "heading": heading, "body": Markup(body)}  # safe: the caller's escaped HTML (see above)
                for sid, heading, body in sections]
    # Safe: the policy is our own text, escaped here; single quotes stay readable in the
    # double-quoted attribute.
    policy = Markup(html.escape(content_security_policy(script_hashes), quote=False).replace('"', "&quot;"))
    # Safe: the package's own style sheet, inlined (the page loads nothing).
    css = Markup(stylesheet("report.css"))
    return str(render("report.html.j2", title=title, subtitle=subtitle, footer=footer, sections=sections,
                      policy=policy, css=css))
