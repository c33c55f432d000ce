"""Anonymised copies of a network: stable pseudonyms, generalised companies and positions.

The anonymised mode exists so that a trainer can show a real cohort's network, or a user can share
their report, without showing who is in it. Every person key (a profile URL, which usually spells
the person's name), name, company, position, URL and e-mail address is replaced or removed; the
structure (ties, met in person or online, dates, message counts, strengths) is kept.
"""

import re
import secrets

import networkx as nx
import pandas as pd

from .identity import normalize_company
from .model import clean_text as _clean
from .pseudonyms import (
    check_salt,
    company_labels,
    is_person_replacement,
    pseudonym_code,
    pseudonym_names,
    role_family,
)

__all__ = [
    "anonymize_graph",
    "find_originals",
    "new_salt",
    "remove_quoted",
    "scrub_frame",
    "scrub_text",
]

def _trie_alternation(words):
    """A regex alternation of ``words`` (lower-case) shaped as a prefix tree.

    A flat ``a|b|c…`` of thousands of names is tried alternative by alternative at every position
    of the text; the tree makes the engine follow only the branch the text starts with.
    """
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node):
        end = "" in node
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return walk(trie)


# The look-behind makes a match start only where a run of address characters starts: without it,
# a long run with no "@" (minified code, a hash) is re-scanned from each of its characters.
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(
    r"(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|(?<![\w.-])www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![\w.-])(?:[\w-]+\.)*linkedin\.com/[^\s<>\"'()\[\]]*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")  # words, as the leak check splits them ("_" and "-" separate)
_URN = re.compile(r"urn:li:[\w:]+", re.IGNORECASE)


def new_salt():
    """Return a fresh random secret salt (32 bytes, hex-encoded).

    Keep it private: anyone with the salt and a candidate profile URL can check whether that person
    is in an anonymised report.

    Examples
    --------
    >>> len(new_salt())
    64
    """
    return secrets.token_hex(32)


class _Scrubber:
    """Replace known identifying strings (longest first), then any URL or e-mail left."""

    def __init__(self, mapping):
        self.exact = {k: v for k, v in mapping.items() if isinstance(k, str) and k}
        # Very short strings ("Al", "IT") would replace parts of ordinary words; they are still
        # replaced when they are a whole cell (exact match above).
        self.lookup = {}
        for k in sorted(self.exact, key=lambda k: (-len(k), k)):
            self.lookup.setdefault(k.lower(), self.exact[k])
        words = [k for k in self.lookup if len(k) >= 3]
        self.pattern = _word_pattern(words) if words else None

    def text(self, value):
        if value in self.exact:
            return self.exact[value]
        if self.pattern is not None:
            value = self.pattern.sub(self._replace, value)
        value = _EMAIL.sub("[email removed]", value)
        value = _URL.sub("[link removed]", value)
        return _URN.sub("[id removed]", value)

    def _replace(self, match):
        # The tree is greedy per branch; when the longest form is not a whole word, a shorter
        # known string may still be, and the lookup falls back on the removal marker.
        return self.lookup.get(match.group(0).lower(), "[removed]")

    def value(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, (set, frozenset)):
            return type(value)(self.value(v) for v in value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        return value


def _word_pattern(words):
    return re.compile(rf"(?<!\w)(?:{_trie_alternation(sorted(words))})(?!\w)", re.IGNORECASE)


def find_originals(text, mapping):
    """List the original names, profile keys, URLs and e-mail addresses still present in ``text``.

    Only strings that identify a person and cannot be an ordinary word are looked for: those
    replaced by a pseudonym or removed, and made of several words or holding ``/``, ``@`` or ``.``.
    Used as a last check before anonymised output is returned.

    Examples
    --------
    >>> find_originals("Data for Ana Silva", {"Ana Silva": "Person A", "Data": "Company 1"})
    ['Ana Silva']
    """
    people = {k.lower(): k for k, v in mapping.items()
              if isinstance(k, str) and len(k) >= 4 and isinstance(v, str)
              and is_person_replacement(v) and re.search(r"[\s/@.]", k)}
    if not people:
        return []
    pattern = _word_pattern(list(people))
    return sorted({people[m.group(0).lower()] for m in pattern.finditer(text) if m.group(0).lower() in people})


_SCRUBBERS = {}


def _scrubber(mapping):
    """The compiled scrubber of a mapping, reused while the mapping is unchanged.

    Compiling the pattern of a merged cohort's thousands of names takes about a second; a report
    scrubs a dozen tables with the same mapping.
    """
    key = hash(frozenset((k, v) for k, v in mapping.items() if isinstance(k, str) and isinstance(v, str)))
    scrubber = _SCRUBBERS.get(key)
    if scrubber is None:
        if len(_SCRUBBERS) >= 4:
            _SCRUBBERS.pop(next(iter(_SCRUBBERS)))
        scrubber = _SCRUBBERS[key] = _Scrubber(mapping)
    return scrubber


def scrub_text(text, mapping):
    """Replace every known name, key, company or URL in ``text``, then remove any URL or e-mail left.

    Parameters
    ----------
    text : str
    mapping : dict
        Original string → replacement, as returned by :func:`anonymize_graph`.

    Returns
    -------
    str

    Examples
    --------
    >>> scrub_text("Ana Silva (linkedin.com/in/ana-silva) and bob@x.org", {"Ana Silva": "Person A"})
    'Person A ([link removed]) and [email removed]'
    """
    return _scrubber(mapping).text(str(text))


def scrub_frame(df, mapping):
    """Return a copy of a table with every identifying string replaced (see :func:`scrub_text`).

    Cells equal to a known string (a key, a name, a company, a position) are replaced by its
    pseudonym or generalisation; other text has names and companies replaced inside it and every URL
    and e-mail address removed. Tuples and lists (e.g. the keys along a path) are scrubbed element by
    element; numbers and dates are unchanged. Column names are scrubbed too.

    Parameters
    ----------
    df : pandas.DataFrame
    mapping : dict
        Original string → replacement, as returned by :func:`anonymize_graph`.

    Returns
    -------
    pandas.DataFrame
        Same shape and columns.

    Examples
    --------
    >>> table = pd.DataFrame({"key": ["linkedin.com/in/ana"], "name": ["Ana Silva"],
    ...                       "reason": ["Ana Silva met you at a meetup"], "n": [3]})
    >>> scrub_frame(table, {"linkedin.com/in/ana": "anon:1", "Ana Silva": "Person 1"})
          key      name                      reason  n
    0  anon:1  Person 1  Person 1 met you at a meetup  3
    """
    scrubber = _scrubber(mapping)
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(lambda v: v if _is_missing(v) else scrubber.value(v)).astype(series.dtype)
    out.columns = [scrubber.text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _is_missing(value):
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return value is pd.NA or value is pd.NaT


def anonymize_graph(G, *, salt, exports=None):
    """Return an anonymised copy of the graph and the mapping used to scrub tables and text.

    - Every node key becomes ``anon:<code>``, where the code is a keyed hash of the original key
      (:func:`pseudonym_code`), and every person a readable fictional name (:func:`pseudonym_names`):
      the same person gets the same pseudonym in every run that uses the same secret salt. No
      pseudonym holds a word of the input (a name, a slug, an e-mail address, a company, a note),
      and two people never share one.
    - Companies become a kind of organisation with keyed letters (:func:`company_labels`:
      ``School K``, ``Software company B``, ``Company QX``); the same company keeps one label.
    - Positions become a role (:func:`role_family`: ``Data analyst``, ``Manager``…).
    - Every other text attribute of nodes, edges and the graph (rule notes, skip reasons…) has known
      names, keys and companies replaced, and any URL or e-mail address removed.
    Structure, ``met``, evidence, dates, message counts and strengths are kept as they are.

    Parameters
    ----------
    G : networkx.Graph
        The network (see ``docs/architecture.md`` for its attributes); it is not modified.
    salt : str or bytes
        Secret salt (at least 8 characters). Use :func:`new_salt` once and keep it to get the same
        pseudonyms in later runs.
    exports : list of Export, optional
        The exports read; their contacts' names, URLs and e-mail addresses, the owners' names and
        URLs and the invitation names are added to the mapping so that text taken from the exports
        (parse reports, messages) can be scrubbed too.

    Returns
    -------
    (networkx.Graph, dict)
        The anonymised copy and the mapping original string → replacement (it holds the original
        names: never write it next to the anonymised output). :func:`is_person_replacement` tells
        the replacements that stand for people.

    Raises
    ------
    InputError
        When the salt is missing or too short.

    Examples
    --------
    >>> G = nx.Graph(ego="linkedin.com/in/ego")
    >>> G.add_node("linkedin.com/in/ego", name="Eve Ego", company="Acme", position="CEO", ego=True)
    >>> G.add_node("linkedin.com/in/ana", name="Ana Silva", company="Université Laval",
    ...            position="Data engineer", ego=False)
    >>> G.add_edge("linkedin.com/in/ego", "linkedin.com/in/ana", met="in_person", strength=0.8)
    >>> H, mapping = anonymize_graph(G, salt="a secret salt")
    >>> ana, eve = mapping["linkedin.com/in/ana"], mapping["linkedin.com/in/ego"]
    >>> ana, H.nodes[ana]["name"], H.nodes[ana]["company"], H.nodes[ana]["position"]
    ('anon:vsavwkltjs', 'Briar Morcroft', 'School F', 'Data analyst')
    >>> H.nodes[eve]["name"], H.nodes[eve]["company"], H.nodes[eve]["position"]
    ('Reinhold Redmont', 'Company X', 'Founder or executive')
    >>> mapping["Ana Silva"], H.graph["ego"] == eve, H.edges[eve, ana]["met"]
    ('Briar Morcroft', True, 'in_person')
    """
    check_salt(salt)  # fail early on a missing salt
    nodes = sorted(G.nodes, key=str)
    keys = {}
    used = {}
    for node in nodes:
        code = pseudonym_code(node, salt)
        # A 50-bit collision is very unlikely even at 200,000 people; if it happens, the later key
        # (in sorted order) gets a longer code so that two people are never merged.
        length = 10
        while code in used and used[code] != node:
            length += 2
            code = pseudonym_code(node, salt, length=length)
        used[code] = node
        keys[node] = code

    exports = list(exports or [])
    people = [str(node) for node in nodes]
    for export in exports:
        people.extend(_export_people(export))
    names = pseudonym_names(people, salt, avoid=_input_words(G, exports))

    mapping = {}
    for node in nodes:
        mapping[str(node)] = f"anon:{keys[node]}"
        name = _clean(G.nodes[node].get("name"))
        if name and name not in mapping:
            mapping[name] = names[str(node)]

    companies = {_clean(d.get("company")) for _, d in G.nodes(data=True)} - {""}
    for export in exports:
        companies_frame = getattr(export, "contacts", None)
        if companies_frame is not None and "company" in companies_frame:
            companies |= {_clean(c) for c in companies_frame["company"]} - {""}
    company_map = company_labels(sorted(companies), salt)
    positions = {_clean(d.get("position")) for _, d in G.nodes(data=True)} - {""}
    position_map = {p: role_family(p) for p in positions}

    for export in exports:
        _add_export_strings(export, mapping, names, position_map, salt)
    # Companies after names: a person's name wins when a name is also a company ("Ana Silva Ltd").
    for company, label in company_map.items():
        mapping.setdefault(company, label)
    # The inference rules report companies in normalised form ("acme" for "Acme Inc.").
    for company, label in company_map.items():
        normalised = normalize_company(company)
        if normalised:
            mapping.setdefault(normalised, label)
    scrubber = _Scrubber(mapping)
    for position, label in position_map.items():
        scrubber.exact.setdefault(position, label)

    H = nx.Graph()
    H.graph.update({k: _scrub_graph_value(k, v, keys, scrubber) for k, v in G.graph.items()})
    for node in nodes:
        data = G.nodes[node]
        attrs = {}
        for attr, value in data.items():
            if attr == "name":
                attrs[attr] = names[str(node)]
            elif attr == "company":
                attrs[attr] = company_map.get(_clean(value), "")
            elif attr == "position":
                attrs[attr] = position_map.get(_clean(value), "")
            elif attr == "exports":
                attrs[attr] = sorted(f"anon:{keys[k]}" if k in keys else scrubber.text(str(k)) for k in value)
            elif _safe_attribute(attr, value, FREE_TEXT_NODE_ATTRIBUTES):
                attrs[attr] = scrubber.value(value)
        H.add_node(f"anon:{keys[node]}", **attrs)
    edges = sorted((tuple(sorted((u, v), key=str)) for u, v in G.edges), key=lambda e: (str(e[0]), str(e[1])))
    for u, v in edges:
        attrs = {attr: scrubber.value(value) for attr, value in G.edges[u, v].items()
                 if _safe_attribute(attr, value, FREE_TEXT_EDGE_ATTRIBUTES)}
        H.add_edge(f"anon:{keys[u]}", f"anon:{keys[v]}", **attrs)
    mapping.update({p: lab for p, lab in position_map.items() if p not in mapping})
    return H, mapping


def _words_into(value, words):
    if isinstance(value, str):
        words.update(_WORD.findall(value.casefold()))
    elif isinstance(value, dict):
        for k, v in value.items():
            _words_into(k, words)
            _words_into(v, words)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            _words_into(v, words)


def _input_words(G, exports=()):
    """Every word of the input's text: keys, names, companies, positions, free text, the exports' names.

    A pseudonym holds none of them, so that the leak check, which looks for the input's name
    words, never mistakes a pseudonym for a leak.
    """
    words = set()
    for node, data in G.nodes(data=True):
        _words_into(str(node), words)
        _words_into(list(data.values()), words)
    for _u, _v, data in G.edges(data=True):
        for attr in FREE_TEXT_EDGE_ATTRIBUTES & data.keys():
            _words_into(data[attr], words)
    _words_into(dict(G.graph), words)
    for export in exports:
        _words_into(getattr(export, "owner", None) or {}, words)
        _words_into(getattr(export, "profile", None) or {}, words)
        for frame_name, columns in (("contacts", ("key", "name", "url", "email", "company", "position")),
                                    ("invitations", ("from_name", "to_name")), ("messages", ("sender_name",))):
            frame = getattr(export, frame_name, None)
            for column in columns if frame is not None and len(frame) else ():
                if column in frame:
                    _words_into(list(frame[column].dropna().unique()), words)
    return words


def _export_people(export):
    """The people an export names who need a pseudonym: its owner, its contacts, invitation names."""
    owner = getattr(export, "owner", None) or {}
    yield _clean(owner.get("key")) or "name:" + _clean(owner.get("name")).casefold()
    contacts = getattr(export, "contacts", None)
    if contacts is not None and len(contacts):
        yield from (k for k in contacts["key"].map(_clean) if k)
    for name in _loose_names(export):
        yield "name:" + name.casefold()


def _loose_names(export):
    for frame_name, columns in (("invitations", ("from_name", "to_name")), ("messages", ("sender_name",))):
        frame = getattr(export, frame_name, None)
        for column in columns if frame is not None and len(frame) else ():
            if column in frame:
                yield from (v for v in map(_clean, frame[column].dropna().unique()) if v)


# Attributes written from the user's free text (ties.csv where_met/when_met/notes, knows.csv note):
# they can hold anything (a first name, a place, a phone number), so anonymised output drops them.
FREE_TEXT_EDGE_ATTRIBUTES = frozenset({"met_where", "met_when", "notes", "note", "where_met", "when_met"})
FREE_TEXT_NODE_ATTRIBUTES = frozenset({"notes", "note", "headline", "summary", "url", "email"})
# Text attributes known to hold only the tool's own vocabulary (kept, after scrubbing).
_SAFE_TEXT_ATTRIBUTES = frozenset({"met", "met_source", "evidence", "sources", "key_source", "exports",
                                   "community", "role", "layer"})


def _safe_attribute(attr, value, free_text):
    """Whether an attribute may go into anonymised output: a whitelist, not a blacklist.

    Numbers, booleans and dates are kept; text only in attributes whose values are the tool's own
    vocabulary (``met``, ``evidence``…); free text and unknown text attributes are dropped.
    """
    if attr in free_text:
        return False
    if isinstance(value, str) or (isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value)):
        return attr in _SAFE_TEXT_ATTRIBUTES
    return True


def remove_quoted(text, values=()):
    """Return ``text`` with the given values and every quoted value replaced by ``[removed]``.

    The reasons given for rows that match nobody quote the row (``'Ana X': no contact with this
    key, URL or name``): the values of the row itself are removed first, longest first and
    wherever they appear, then anything still between single quotes (an apostrophe between two
    letters, as in ``D'Arcy``, does not end a quoted value).

    Examples
    --------
    >>> remove_quoted("'Siobhan D'Arcy': no contact", ["Siobhan D'Arcy"])
    "'[removed]': no contact"
    >>> remove_quoted("'Siobhan D'Arcy': no contact")
    "'[removed]': no contact"
    >>> remove_quoted("met value 'IRL' is not one of in person, online")
    "met value '[removed]' is not one of in person, online"
    """
    text = str(text).replace("\0", "")
    for value in sorted({str(v) for v in values if isinstance(v, str) and v.strip()}, key=len, reverse=True):
        text = text.replace(value, "\0")
    # An apostrophe inside a word (O'Neil) does not end a quoted value.
    text = re.sub(r"'[^']*'", "\0", re.sub(r"(?<=\w)'(?=\w)", "\1", text))
    # A quote left alone: what follows it, up to the next separator, goes too.
    text = re.sub(r"'[^\s:;,()]*", "\0", text)
    return text.replace("\0", "'[removed]'").replace("\1", "'")


# Fields of graph-level records (unmatched ties.csv / knows.csv rows, companies skipped by an
# inference cap) that name a person or a company: an unknown value there is removed, not kept.
_IDENTIFYING_FIELDS = {"name", "a", "b", "key", "url", "email", "company", "from_name", "to_name"}
# Fields whose text may quote a row of the user's files: quoted values are removed.
_QUOTING_FIELDS = {"reason", "notes", "warning"}


def _strict(value, scrubber, field=None, quoted=()):
    if isinstance(value, dict):
        # A record quoting its own values (an unmatched row): those values are removed from its text.
        quoted = [v for k, v in value.items() if k in _IDENTIFYING_FIELDS and isinstance(v, str)]
        return {k: _strict(v, scrubber, k, quoted) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_strict(v, scrubber, field, quoted) for v in value)
    if isinstance(value, str):
        if field in _IDENTIFYING_FIELDS:
            known = scrubber.exact.get(value) or scrubber.lookup.get(value.lower())
            return known or "[removed]"
        if field in _QUOTING_FIELDS:  # "'Ana X': no contact with this key, URL or name" quotes the row
            if field == "warning":  # "ties of Ana.csv: the ties file matches…": no file name
                value = re.sub(r"^.*?\.csv: ", "", value, flags=re.IGNORECASE)
            return scrubber.text(remove_quoted(value, quoted))
        return scrubber.text(value)
    return scrubber.value(value)


def _scrub_graph_value(attr, value, keys, scrubber):
    if attr == "ego" and value in keys:
        return f"anon:{keys[value]}"
    if attr == "egos":
        return sorted(f"anon:{keys[k]}" if k in keys else scrubber.text(str(k)) for k in value)
    return _strict(value, scrubber)


def _add_export_strings(export, mapping, names, position_map, salt):
    """Add what an export says about people (names, URLs, e-mails) to the mapping."""
    owner = getattr(export, "owner", None) or {}
    owner_key = _clean(owner.get("key"))
    owner_id = owner_key or "name:" + _clean(owner.get("name")).casefold()
    profile = getattr(export, "profile", None) or {}
    full = f"{_clean(profile.get('first_name'))} {_clean(profile.get('last_name'))}".strip()
    for value in (_clean(owner.get("name")), full):
        if value and value not in mapping:
            mapping[value] = names[owner_id]
    url = _clean(owner.get("url"))
    if url and url not in mapping:
        mapping[url] = mapping.get(owner_key) or f"anon:{pseudonym_code(owner_id, salt)}"
    contacts = getattr(export, "contacts", None)
    if contacts is not None and len(contacts):
        for row in contacts.itertuples(index=False):
            key = _clean(getattr(row, "key", ""))
            if not key:
                continue
            replacements = {"name": names[key], "url": mapping.get(key) or f"anon:{pseudonym_code(key, salt)}",
                            "email": "[email removed]"}
            for field, replacement in replacements.items():
                value = _clean(getattr(row, field, ""))
                if value and value not in mapping:
                    mapping[value] = replacement
            position = _clean(getattr(row, "position", ""))
            if position:
                position_map.setdefault(position, role_family(position))
    for value in _loose_names(export):
        if value not in mapping:
            mapping[value] = names["name:" + value.casefold()]
