"""Anonymised copies of a network: stable pseudonyms, generalised companies and positions.

The anonymised mode exists so that a trainer can show a real cohort's network, or a user can share
their report, without showing who is in it. Every person key (a profile URL, which usually spells
the person's name), name, company, position, URL and e-mail address is replaced or removed; the
structure (ties, met in person or online, dates, message counts, strengths) is kept.
"""

import base64
import hashlib
import hmac
import re
import secrets

import networkx as nx
import pandas as pd

from .errors import InputError
from .identity import normalize_company
from .model import clean_text as _clean

__all__ = [
    "anonymize_graph",
    "company_sector",
    "find_originals",
    "new_salt",
    "pseudonym_code",
    "role_family",
    "scrub_frame",
    "scrub_text",
]

# Role families: (label, keywords). The first family whose keyword appears wins, so the most
# specific families come first ("engineering manager" is management, "data engineer" is data).
_ROLE_FAMILIES = [
    ("Student", ["student", "étudiant", "étudiante", "intern", "stagiaire", "stage", "apprenti", "alternant"]),
    ("Founder or executive", [
        "founder", "co-founder", "cofounder", "fondateur", "fondatrice", "ceo", "cto", "cfo", "coo", "cio",
        "president", "président", "présidente", "owner", "propriétaire", "chief", "vp", "vice-president",
        "vice president", "vice-président", "partner", "associé", "associée", "managing director",
        "directeur général", "directrice générale", "pdg", "dg",
    ]),
    ("Manager", [
        "manager", "head", "director", "directeur", "directrice", "lead", "responsable", "chef",
        "supervisor", "superviseur", "gestionnaire", "coordinator", "coordonnateur", "coordinatrice",
    ]),
    ("Data and analytics", ["data", "données", "analyst", "analyste", "analytics", "scientist", "statisticien", "bi"]),
    ("Engineering and IT", [
        "engineer", "ingénieur", "ingénieure", "developer", "développeur", "développeuse", "devops",
        "software", "logiciel", "programmer", "programmeur", "architect", "architecte", "it", "informatique",
        "technicien", "technician", "sysadmin", "sre", "qa", "tester",
    ]),
    ("Recruiting and HR", [
        "recruiter", "recruteur", "recruteuse", "recruitment", "recrutement", "talent", "hr", "rh",
        "human resources", "ressources humaines", "people",
    ]),
    ("Sales and business development", [
        "sales", "vente", "ventes", "vendeur", "account", "business development", "développement des affaires",
        "commercial", "commerciale", "représentant", "representative",
    ]),
    ("Marketing and communications", [
        "marketing", "communication", "communications", "brand", "marque", "content", "contenu", "seo",
        "social media", "pr", "relations publiques", "journalist", "journaliste", "editor", "rédacteur",
    ]),
    ("Finance and accounting", [
        "finance", "financial", "financier", "accountant", "comptable", "accounting", "comptabilité",
        "controller", "contrôleur", "auditor", "auditeur", "treasurer", "trésorier",
    ]),
    ("Consulting", ["consultant", "consultante", "consulting", "conseil", "conseiller", "conseillère", "advisor", "coach"]),
    ("Research and teaching", [
        "research", "researcher", "recherche", "chercheur", "chercheuse", "professor", "professeur",
        "professeure", "lecturer", "teacher", "enseignant", "enseignante", "phd", "postdoc", "scientifique",
    ]),
    ("Design", ["designer", "design", "ux", "ui", "graphiste", "artist", "artiste"]),
    ("Legal", ["lawyer", "avocat", "avocate", "legal", "juriste", "juridique", "counsel", "notaire"]),
    ("Health", ["nurse", "infirmier", "infirmière", "doctor", "médecin", "physician", "pharmacist", "pharmacien", "therapist"]),
    ("Operations", ["operations", "opérations", "logistics", "logistique", "project", "projet", "product", "produit", "administrat"]),
]

_SECTORS = [
    ("Self-employed", ["self-employed", "freelance", "freelancer", "indépendant", "indépendante", "travailleur autonome", "autonome"]),
    ("Education", ["university", "université", "universite", "college", "collège", "cégep", "cegep", "school", "école", "ecole", "academy", "académie", "institut", "institute"]),
    ("Health", ["hospital", "hôpital", "hopital", "clinic", "clinique", "health", "santé", "sante", "pharma", "medical", "médical", "ciusss", "cisss"]),
    ("Finance", ["bank", "banque", "capital", "invest", "investments", "finance", "financial", "assurance", "assurances", "insurance", "crédit", "credit", "desjardins"]),
    ("Public sector", ["government", "gouvernement", "ministère", "ministry", "ville de", "city of", "municipal", "municipalité", "agency", "agence"]),
    ("Consulting", ["consulting", "conseil", "consultants", "advisory", "partners"]),
    ("Technology", ["software", "logiciel", "logiciels", "tech", "technologies", "technology", "digital", "numérique", "data", "ai", "labs", "systems", "systèmes", "informatique", "cloud", "analytics"]),
    ("Media", ["media", "médias", "presse", "news", "radio", "tv", "télé", "studio", "studios"]),
    ("Legal", ["law", "avocats", "legal", "juridique", "notaires"]),
    ("Retail", ["retail", "store", "stores", "magasin", "shop", "boutique"]),
    ("Energy", ["energy", "énergie", "energie", "hydro", "power", "oil", "gas"]),
    ("Non-profit", ["foundation", "fondation", "association", "ngo", "ong", "charity", "organisme"]),
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


def _keyword_pattern(words):
    # Word boundaries so that "ai" does not match "Airbus" nor "it" match "Digital".
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_ROLE_PATTERNS = [(label, _keyword_pattern(words)) for label, words in _ROLE_FAMILIES]
_SECTOR_PATTERNS = [(label, _keyword_pattern(words)) for label, words in _SECTORS]

# The look-behind makes a match start only where a run of address characters starts: without it,
# a long run with no "@" (minified code, a hash) is re-scanned from each of its characters.
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(
    r"(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|(?<![\w.-])www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![\w.-])(?:[\w-]+\.)*linkedin\.com/[^\s<>\"'()\[\]]*",
    re.IGNORECASE,
)
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


def _salt_bytes(salt):
    if salt is None:
        raise InputError("anonymising needs a secret salt; pass salt=new_salt() or a saved one.")
    if isinstance(salt, bytes):
        data = salt
    else:
        data = str(salt).encode("utf-8")
    if len(data) < 8:
        raise InputError("the anonymisation salt is shorter than 8 characters; use a longer secret.")
    return data


def pseudonym_code(key, salt, *, length=10):
    """Return the pseudonym code of a person key: a keyed hash (HMAC-SHA-256) in base32.

    The same key and salt always give the same code; without the salt the code cannot be linked
    back to the key (a plain hash of a profile URL could be, by hashing candidate URLs).

    Parameters
    ----------
    key : str
        The person's key (normalised profile URL or name key).
    salt : str or bytes
        The secret salt, at least 8 characters.
    length : int
        Number of base32 characters kept (10 characters = 50 bits).

    Returns
    -------
    str
        Lower-case base32 code.

    Examples
    --------
    >>> pseudonym_code("linkedin.com/in/ana", "a secret salt")
    'vsavwkltjs'
    >>> pseudonym_code("linkedin.com/in/ana", "a secret salt") == pseudonym_code("linkedin.com/in/ana", "another salt")
    False
    """
    digest = hmac.new(_salt_bytes(salt), str(key).encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:length]


def role_family(position):
    """Generalise a job title to one of a small vocabulary of role families.

    Parameters
    ----------
    position : str or None

    Returns
    -------
    str
        One of the families (``"Engineering and IT"``, ``"Manager"``, …), ``"Other role"`` when no
        keyword matches, or ``""`` when the position is empty.

    Examples
    --------
    >>> role_family("Senior Data Engineer")
    'Data and analytics'
    >>> role_family("Directrice des ressources humaines")
    'Manager'
    >>> role_family("Chargée de recrutement")
    'Recruiting and HR'
    >>> role_family("Astronaut")
    'Other role'
    >>> role_family("")
    ''
    """
    text = _clean(position)
    if not text:
        return ""
    for label, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return label
    return "Other role"


def company_sector(company):
    """Guess a sector from words in a company's name, or ``None`` when no keyword matches.

    Examples
    --------
    >>> company_sector("Université de Montréal")
    'Education'
    >>> company_sector("Banque Nationale")
    'Finance'
    >>> company_sector("Acme Widgets") is None
    True
    """
    text = _clean(company)
    if not text:
        return None
    for label, pattern in _SECTOR_PATTERNS:
        if pattern.search(text):
            return label
    return None


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
              and v.startswith(("anon:", "Person ", "[email removed]")) and re.search(r"[\s/@.]", k)}
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

    - Every node key becomes ``anon:<code>`` and every name ``Person <CODE>``, where the code is a
      keyed hash of the original key (:func:`pseudonym_code`): the same person gets the same
      pseudonym in every run that uses the same secret salt.
    - Companies become a sector guessed from the name (``Education``, ``Finance``…) or, when no
      word gives one away, ``Company N`` (numbered in the order of their keyed hashes).
    - Positions become a role family (:func:`role_family`).
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
        names: never write it next to the anonymised output).

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
    >>> sorted(H.nodes(data="company"))
    [('anon:nahpchml6l', 'Company 1'), ('anon:vsavwkltjs', 'Education')]
    >>> H.nodes["anon:vsavwkltjs"]["name"], H.nodes["anon:vsavwkltjs"]["position"]
    ('Person VSAVWKLTJS', 'Data and analytics')
    >>> H.graph["ego"], H.edges["anon:nahpchml6l", "anon:vsavwkltjs"]["met"]
    ('anon:nahpchml6l', 'in_person')
    >>> mapping["Ana Silva"]
    'Person VSAVWKLTJS'
    """
    _salt_bytes(salt)  # fail early on a missing salt
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

    mapping = {}
    names = {}
    for node in nodes:
        code = keys[node]
        mapping[str(node)] = f"anon:{code}"
        name = _clean(G.nodes[node].get("name"))
        names[node] = f"Person {code.upper()}"
        if name and name not in mapping:
            mapping[name] = names[node]

    companies = sorted({_clean(d.get("company")) for _, d in G.nodes(data=True)} - {""})
    exports = list(exports or [])
    for export in exports:
        companies_frame = getattr(export, "contacts", None)
        if companies_frame is not None and "company" in companies_frame:
            companies = sorted(set(companies) | {_clean(c) for c in companies_frame["company"]} - {""})
    company_map = _company_map(companies, salt)
    positions = {_clean(d.get("position")) for _, d in G.nodes(data=True)} - {""}
    position_map = {p: role_family(p) for p in positions}

    for export in exports:
        _add_export_strings(export, mapping, company_map, position_map, salt)
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
                attrs[attr] = names[node]
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


def _without_quotes(text):
    """A reason with every quoted value (an unmatched row's name) removed."""
    return re.sub(r"'[^']*'", "'[removed]'", text)


# Fields of graph-level records (unmatched ties.csv / knows.csv rows, companies skipped by an
# inference cap) that name a person or a company: an unknown value there is removed, not kept.
_IDENTIFYING_FIELDS = {"name", "a", "b", "key", "url", "email", "company", "from_name", "to_name"}


def _strict(value, scrubber, field=None):
    if isinstance(value, dict):
        return {k: _strict(v, scrubber, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_strict(v, scrubber, field) for v in value)
    if isinstance(value, str):
        if field in _IDENTIFYING_FIELDS:
            known = scrubber.exact.get(value) or scrubber.lookup.get(value.lower())
            return known or "[removed]"
        if field == "reason":  # "'Ana X': no contact with this key, URL or name" quotes the row
            return scrubber.text(_without_quotes(value))
        return scrubber.text(value)
    return scrubber.value(value)


def _scrub_graph_value(attr, value, keys, scrubber):
    if attr == "ego" and value in keys:
        return f"anon:{keys[value]}"
    if attr == "egos":
        return sorted(f"anon:{keys[k]}" if k in keys else scrubber.text(str(k)) for k in value)
    return _strict(value, scrubber)


def _company_map(companies, salt):
    labels = {}
    unnamed = []
    for company in companies:
        sector = company_sector(company)
        if sector is None:
            unnamed.append(company)
        else:
            labels[company] = sector
    # Number the others in keyed-hash order: no alphabetical hint, stable for the same salt.
    unnamed.sort(key=lambda c: (pseudonym_code("company:" + c.casefold(), salt), c))
    for number, company in enumerate(unnamed, start=1):
        labels[company] = f"Company {number}"
    return labels


def _add_export_strings(export, mapping, company_map, position_map, salt):
    """Add what an export says about people (names, URLs, e-mails) to the mapping."""
    owner = getattr(export, "owner", None) or {}
    owner_key = _clean(owner.get("key"))
    for field in ("name", "url"):
        value = _clean(owner.get(field))
        if value and value not in mapping:
            mapping[value] = mapping.get(owner_key) or f"Person {pseudonym_code(owner_key or value, salt).upper()}"
    profile = getattr(export, "profile", None) or {}
    first, last = _clean(profile.get("first_name")), _clean(profile.get("last_name"))
    full = f"{first} {last}".strip()
    if full and full not in mapping:
        mapping[full] = mapping.get(owner_key) or f"Person {pseudonym_code(owner_key or full, salt).upper()}"
    contacts = getattr(export, "contacts", None)
    if contacts is not None and len(contacts):
        for row in contacts.itertuples(index=False):
            key = _clean(getattr(row, "key", ""))
            person = mapping.get(key) or f"anon:{pseudonym_code(key or 'unknown', salt)}"
            label = _name_label(mapping, key, salt)
            replacements = {"name": label, "url": person, "email": "[email removed]"}
            for field, replacement in replacements.items():
                value = _clean(getattr(row, field, ""))
                if value and value not in mapping:
                    mapping[value] = replacement
            position = _clean(getattr(row, "position", ""))
            if position:
                position_map.setdefault(position, role_family(position))
    for frame_name, columns in (("invitations", ("from_name", "to_name")), ("messages", ("sender_name",))):
        frame = getattr(export, frame_name, None)
        if frame is None or not len(frame):
            continue
        for column in columns:
            if column not in frame:
                continue
            for value in frame[column].dropna().unique():
                value = _clean(value)
                if value and value not in mapping:
                    mapping[value] = f"Person {pseudonym_code('name:' + value.casefold(), salt).upper()}"


def _name_label(mapping, key, salt):
    if key and mapping.get(key, "").startswith("anon:"):
        return "Person " + mapping[key][len("anon:"):].upper()
    return f"Person {pseudonym_code(key or 'unknown', salt).upper()}"
