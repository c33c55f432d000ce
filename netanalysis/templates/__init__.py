"""The Jinja2 environment that renders the package's HTML pages from the templates in this folder."""

import functools
import html
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["Markup", "escape", "macro", "render", "stylesheet"]


def escape(value):
    """Escape a value for HTML text or a quoted attribute, as :func:`html.escape` does.

    Autoescaping passes every ``{{ value }}`` through this function (the environment's
    ``finalize``): markupsafe's own escape writes ``&#39;``/``&#34;`` where ``html.escape`` writes
    ``&#x27;``/``&quot;``, and the pages keep the bytes they always had. A value already marked safe
    (a :class:`~markupsafe.Markup`, built by our code from escaped parts) is left as it is.

    Examples
    --------
    >>> escape("<Ana's>")
    Markup('&lt;Ana&#x27;s&gt;')
    >>> escape(Markup("<b>ok</b>"))
    Markup('<b>ok</b>')
    """
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value), quote=True))


@functools.cache
def _environment():
    # Autoescape on for every template; finalize escapes first (with html.escape's entities), so
    # the autoescape that follows sees Markup and leaves it. Filters that escape by themselves
    # (join, format, e) would use markupsafe's entities: the templates loop instead.
    return Environment(loader=PackageLoader("netanalysis", "templates"), autoescape=True, finalize=escape,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(name, **context):
    """Render the template ``name`` of this folder with ``context``; the text, marked safe.

    Examples
    --------
    >>> "&lt;b&gt;Ana&#x27;s&lt;/b&gt;" in render("report_dormant.html.j2", table="<b>Ana's</b>")
    True
    """
    return Markup(_environment().get_template(name).render(**context))


def macro(template, name):
    """The macro ``name`` of ``template``, callable from Python (it returns Markup).

    Examples
    --------
    >>> macro("macros.html.j2", "facts")([("Name", "<Ana>")])
    Markup('<dl class="facts"><dt>Name</dt><dd>&lt;Ana&gt;</dd></dl>')
    """
    return getattr(_environment().get_template(template).module, name)


@functools.cache
def stylesheet(name):
    """The text of ``netanalysis/static/<name>`` (inlined in a page: the pages load nothing)."""
    return (files("netanalysis") / "static" / name).read_text(encoding="utf-8")
