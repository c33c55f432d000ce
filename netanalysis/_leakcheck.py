"""The last check of anonymised output: nothing of the input that identifies a person is left.

:func:`leak_terms` lists what must not appear (names and their words, keys, profile slugs and their
parts, URLs, e-mail addresses, companies, free text); :func:`find_leaks` searches a text for them,
leaving out single words that are ordinary vocabulary (:func:`tool_vocabulary`). ``netanalysis.report``
and ``netanalysis.workshop`` run it on every file of anonymised output before any is put in place.
Pseudonyms never trip it: :func:`netanalysis.pseudonyms.pseudonym_names` draws none that holds a
word of the input.
"""

import dataclasses
import functools
import re
import unicodedata

import networkx as nx  # noqa: F401  (the examples)

from .anonymize import FREE_TEXT_EDGE_ATTRIBUTES, FREE_TEXT_NODE_ATTRIBUTES
from .model import clean_text as _clean
from .pseudonyms import is_person_replacement

__all__ = ["LeakTerms", "find_leaks", "leak_terms", "mask", "tool_vocabulary"]


_TOKEN = re.compile(r"[^\W_]+")  # words; "_" and "-" separate them (slugs, file names)
# An embedded image's base64 text is pixels, not words: a random run such as "+ivan/" in a PNG whose
# bytes change with the salt would otherwise be taken for a leaked name now and then.
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+;base64,[A-Za-z0-9+/=\s]+")
_COMPANY = "a company"
_GRAPH_FREE_TEXT = FREE_TEXT_EDGE_ATTRIBUTES | FREE_TEXT_NODE_ATTRIBUTES
# Month and day names: pages print dates, and "June" or "Avril" is also a first name.
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday janvier février mars avril mai juin juillet août septembre "
    "octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche".split())


@dataclasses.dataclass(frozen=True)
class LeakTerms:
    """What must not appear in anonymised output (casefolded), each with the kind of thing it is.

    ``phrases`` are searched as such (a full name, a key, a URL, an e-mail, a slug, a free-text
    value); ``words`` are single words longer than 3 characters (a first or last name, a part of
    a slug or of an e-mail address), searched as whole words unless they are ordinary vocabulary.
    """

    phrases: dict
    words: dict

    def __repr__(self):  # never print the originals by accident
        return f"LeakTerms({len(self.phrases)} phrases, {len(self.words)} words)"

    @functools.cached_property
    def split_phrases(self):
        """``(phrase, kind, words of the phrase)``, worked out once for all the files checked."""
        return [(phrase, kind, _TOKEN.findall(phrase)) for phrase, kind in sorted(self.phrases.items())]


def _words(text):
    return [w for w in _TOKEN.findall(text.casefold()) if len(w) > 3 and not w.isdigit()]


def _add_phrase(terms, text, kind):
    text = _clean(text)
    if text and len(text) >= 4:
        tokens = _TOKEN.findall(text.casefold())
        if len(tokens) > 1:
            terms.phrases.setdefault(text.casefold(), kind)
        elif tokens and len(tokens[0]) > 3 and not tokens[0].isdigit():
            terms.words.setdefault(tokens[0], kind)


def _add_key(terms, key):
    """A key, URL or e-mail address, its profile slug, and the slug's or address's parts."""
    from urllib.parse import unquote

    key = _clean(key)
    if not key:
        return
    if "@" in key and " " not in key:
        _add_phrase(terms, key, "an e-mail address")
        for word in _words(key.split("@", 1)[0]):
            terms.words.setdefault(word, "a part of an e-mail address")
        return
    if key.startswith("name:"):  # "name:ana silva|acme": the name is added as a name
        _add_phrase(terms, key, "a person key")
        return
    _add_phrase(terms, key, "a profile URL or key")
    match = re.search(r"/in/([^/?#\s]+)", key)
    if match:
        for slug in {match.group(1), unquote(match.group(1))}:
            _add_phrase(terms, slug, "a profile slug")
            for word in _words(slug):
                terms.words.setdefault(word, "a part of a profile slug")


def _add_name(terms, name):
    name = _clean(name)
    if not name:
        return
    _add_phrase(terms, name, "a name")
    for word in _words(name):
        terms.words[word] = "a first or last name"  # the most telling kind wins over a slug's part
        plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        terms.words[plain] = "a first or last name"  # "Hébert" is "Hebert" in a file name


def leak_terms(G, mapping):
    """Collect what an anonymised output of ``G`` must not contain.

    Every person string of ``mapping`` (names, keys, URLs and e-mail addresses read: those
    :func:`anonymize_graph` replaces by a pseudonym or removes), the names in ``ties.csv`` and
    ``knows.csv`` rows that match nobody, the people's companies, and the free-text values of the
    graph (where and when met, notes): as whole phrases, and each name, slug (the profile URL's last
    part) and e-mail address also word by word (split on spaces, ``-``, ``_`` and ``.``; words of 4
    characters or more, not numbers). A company made only of the tool's own words ("Data Systems")
    is not looked for (:func:`find_leaks`).

    Parameters
    ----------
    G : networkx.Graph
        The original (not anonymised) graph.
    mapping : dict
        As returned by :func:`anonymize_graph`.

    Returns
    -------
    LeakTerms

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("linkedin.com/in/ana-silva-0b39", "me", notes="call Ingrid")
    >>> terms = leak_terms(G, {"Ana Silva": "Person X", "linkedin.com/in/ana-silva-0b39": "anon:x"})
    >>> sorted(terms.phrases)
    ['ana silva', 'ana-silva-0b39', 'call ingrid', 'linkedin.com/in/ana-silva-0b39']
    >>> sorted(terms.words)
    ['0b39', 'silva']
    """
    terms = LeakTerms({}, {})
    for original, replacement in mapping.items():
        if not (isinstance(original, str) and is_person_replacement(replacement)):
            continue
        if not replacement.startswith(("anon:", "[email removed]")) and "/" not in original and "@" not in original:
            _add_name(terms, original)
        else:
            _add_key(terms, original)
    for node, data in G.nodes(data=True):
        _add_key(terms, str(node))
        _add_name(terms, data.get("name"))
        _add_phrase(terms, data.get("company"), _COMPANY)
    for key in ("ties_file", "knows_file"):
        info = G.graph.get(key)
        for row in (info.get("unmatched") or []) if isinstance(info, dict) else []:
            for field in ("name", "a", "b"):
                value = _clean(row.get(field))
                if value:
                    (_add_key if "/" in value or "@" in value else _add_name)(terms, value)
    datas = [d for _n, d in G.nodes(data=True)] + [d for _u, _v, d in G.edges(data=True)]
    for data in datas:
        for attr in _GRAPH_FREE_TEXT & set(data):
            if isinstance(data[attr], str):
                _add_phrase(terms, data[attr], "a free-text value (notes, where or when met)")
    return terms


@functools.lru_cache(maxsize=1)
def tool_vocabulary():
    """The words the tool itself writes: its templates and the string literals of its code.

    A word of this vocabulary ("strong", "design", "person") cannot be told apart from a surname
    spelled the same, so the leak check does not look for it alone (the full name, the slug and the
    key are still looked for). Docstrings and the fictional-data generator (``synth``, whose name
    lists are made of real first and last names) are left out, as are the labels of people.
    """
    import ast
    from pathlib import Path

    root = Path(__file__).parent
    words = set(_CALENDAR_WORDS)
    for path in sorted(root.rglob("*")):
        if "synth" in path.relative_to(root).parts or not path.is_file():
            continue
        if path.suffix in (".j2", ".css"):
            words.update(_TOKEN.findall(path.read_text(encoding="utf-8").casefold()))
        elif path.suffix == ".py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                          and node.body and isinstance(node.body[0], ast.Expr)
                          and isinstance(node.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                    words.update(_TOKEN.findall(node.value.casefold()))
    return frozenset(words)


def find_leaks(text, terms, *, vocabulary=frozenset()):
    """Return ``(kind, original)`` for each term of ``terms`` found in ``text``, phrases first.

    A phrase is found as a whole (case-insensitively, not inside a longer word); a single word only
    when it is not in ``vocabulary`` (see :func:`tool_vocabulary`): a surname that is also an
    ordinary word the output uses ("Design", "Person") would otherwise refuse every report.

    Examples
    --------
    >>> terms = LeakTerms({"ana silva": "a name"}, {"silva": "a first or last name", "design": "a first or last name"})
    >>> find_leaks("Person X (Design) met ANA SILVA", terms, vocabulary={"design"})
    [('a name', 'ana silva'), ('a first or last name', 'silva')]
    >>> find_leaks("Person X (Design)", terms, vocabulary={"design"})
    []
    >>> find_leaks('<img src="data:image/png;base64,iVBO+silva/Rw0KGgo=">', terms)  # pixels, not words
    []
    """
    low = _DATA_URI.sub(" ", text).casefold()
    tokens = set(_TOKEN.findall(low))
    found = []
    for phrase, kind, parts in terms.split_phrases:
        if kind == _COMPANY and all(p in vocabulary or len(p) <= 3 for p in parts):
            continue  # "Data Systems Inc.": the tool's own words, not telling
        # Cheap first: a phrase can be there only if each of its words is.
        if all(p in tokens for p in parts) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            found.append((kind, phrase))
    found.extend(sorted(((terms.words[w], w) for w in tokens & terms.words.keys() if w not in vocabulary),
                        key=lambda t: t[1]))
    return found


def mask(value):
    """Show a leaked value without repeating it: its first character, then one ``*`` per character.

    Examples
    --------
    >>> mask("silva")
    's****'
    """
    value = str(value)
    return value[:1] + "*" * (len(value) - 1)
