"""Readable pseudonyms: fictional names for people, kinds of organisation for companies, roles for positions.

Keyed by a secret salt (HMAC-SHA-256), so that the same input and salt give the same pseudonyms in
every run and nobody without the salt can link a pseudonym back to a person. Used by
:func:`netanalysis.anonymize.anonymize_graph`.
"""

import base64
import hashlib
import hmac
import itertools
import re
import unicodedata

from .errors import InputError
from .model import clean_text as _clean

__all__ = [
    "check_salt",
    "company_labels",
    "company_sector",
    "is_person_replacement",
    "pseudonym_code",
    "pseudonym_names",
    "role_family",
]

# Roles: (label, keywords). The first family whose keyword appears wins, so the most specific
# families come first ("engineering manager" is a manager, "data engineer" a data analyst).
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
    ("Data analyst", ["data", "données", "analyst", "analyste", "analytics", "scientist", "statisticien", "bi"]),
    ("Engineer", [
        "engineer", "ingénieur", "ingénieure", "developer", "développeur", "développeuse", "devops",
        "software", "logiciel", "programmer", "programmeur", "architect", "architecte", "it", "informatique",
        "technicien", "technician", "sysadmin", "sre", "qa", "tester",
    ]),
    ("HR specialist", [
        "recruiter", "recruteur", "recruteuse", "recruitment", "recrutement", "talent", "hr", "rh",
        "human resources", "ressources humaines", "people",
    ]),
    ("Sales representative", [
        "sales", "vente", "ventes", "vendeur", "account", "business development", "développement des affaires",
        "commercial", "commerciale", "représentant", "representative",
    ]),
    ("Communications specialist", [
        "marketing", "communication", "communications", "brand", "marque", "content", "contenu", "seo",
        "social media", "pr", "relations publiques", "journalist", "journaliste", "editor", "rédacteur",
    ]),
    ("Finance specialist", [
        "finance", "financial", "financier", "accountant", "comptable", "accounting", "comptabilité",
        "controller", "contrôleur", "auditor", "auditeur", "treasurer", "trésorier",
    ]),
    ("Consultant", ["consultant", "consultante", "consulting", "conseil", "conseiller", "conseillère", "advisor", "coach"]),
    ("Researcher or teacher", [
        "research", "researcher", "recherche", "chercheur", "chercheuse", "professor", "professeur",
        "professeure", "lecturer", "teacher", "enseignant", "enseignante", "phd", "postdoc", "scientifique",
    ]),
    ("Designer", ["designer", "design", "ux", "ui", "graphiste", "artist", "artiste"]),
    ("Legal specialist", ["lawyer", "avocat", "avocate", "legal", "juriste", "juridique", "counsel", "notaire"]),
    ("Health professional", ["nurse", "infirmier", "infirmière", "doctor", "médecin", "physician", "pharmacist", "pharmacien", "therapist"]),
    ("Operations specialist", ["operations", "opérations", "logistics", "logistique", "project", "projet", "product", "produit", "administrat"]),
]

_SECTORS = [
    ("Self-employed", ["self-employed", "freelance", "freelancer", "indépendant", "indépendante", "travailleur autonome", "autonome"]),
    ("Education", ["university", "université", "universite", "college", "collège", "cégep", "cegep", "school", "école", "ecole", "academy", "académie", "institut", "institute", "learning", "formation", "savoirs"]),
    ("Health", ["hospital", "hôpital", "hopital", "clinic", "clinique", "health", "santé", "sante", "pharma", "medical", "médical", "ciusss", "cisss", "soins", "care"]),
    ("Finance", ["bank", "banque", "capital", "invest", "investments", "finance", "financial", "assurance", "assurances", "insurance", "crédit", "credit", "desjardins", "placements", "wealth"]),
    ("Public sector", ["government", "gouvernement", "ministère", "ministry", "ville de", "city of", "municipal", "municipalité", "agency", "agence", "services publics", "bureau", "office", "secrétariat"]),
    ("Consulting", ["consulting", "conseil", "consultants", "advisory", "partners"]),
    ("Technology", ["software", "logiciel", "logiciels", "tech", "technologies", "technology", "digital", "numérique", "data", "ai", "labs", "systems", "systèmes", "informatique", "cloud", "analytics", "analytique", "code"]),
    ("Media", ["media", "médias", "presse", "news", "radio", "tv", "télé", "studio", "studios", "productions", "théâtre", "films", "créations"]),
    ("Legal", ["law", "avocats", "legal", "juridique", "notaires"]),
    ("Retail", ["retail", "store", "stores", "magasin", "shop", "boutique"]),
    ("Energy", ["energy", "énergie", "energie", "hydro", "power", "oil", "gas", "renouvelables", "éolien", "grid"]),
    ("Manufacturing", ["industries", "métal", "usinage", "fabrication", "composites", "machines", "manufacturing"]),
    ("Logistics", ["logistique", "logistics", "transport", "distribution", "freight", "entrepôts", "express"]),
    ("Non-profit", ["foundation", "fondation", "association", "ngo", "ong", "charity", "organisme", "alliance", "réseau", "collectif", "coalition"]),
]
# How a company of each sector reads once anonymised: "Software company B". Self-employed people
# share the one label (they have no company in common); every other company gets its own letters.
_SECTOR_LABELS = {"Self-employed": "Self-employed", "Education": "School", "Health": "Health organisation",
                  "Finance": "Financial firm", "Public sector": "Public agency", "Consulting": "Consulting firm",
                  "Technology": "Software company", "Media": "Media company", "Legal": "Law firm",
                  "Retail": "Retailer", "Energy": "Energy company", "Manufacturing": "Manufacturer",
                  "Logistics": "Logistics company", "Non-profit": "Non-profit", None: "Company"}


def _keyword_pattern(words):
    # Word boundaries so that "ai" does not match "Airbus" nor "it" match "Digital".
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_ROLE_PATTERNS = [(label, _keyword_pattern(words)) for label, words in _ROLE_FAMILIES]
_SECTOR_PATTERNS = [(label, _keyword_pattern(words)) for label, words in _SECTORS]

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


def check_salt(salt):
    """Refuse a missing or short salt (:class:`InputError`); return it as bytes.

    Examples
    --------
    >>> check_salt("a secret salt")
    b'a secret salt'
    """
    return _salt_bytes(salt)


def role_family(position):
    """Generalise a job title to one of a small vocabulary of roles, read as what the person is.

    The first family whose keyword is a word of the title wins, the most specific first
    ("engineering manager" is a manager, "data engineer" a data analyst).

    Parameters
    ----------
    position : str or None

    Returns
    -------
    str
        One of the roles (``"Engineer"``, ``"Manager"``, ``"Data analyst"``…), ``"Professional"`` when no
        keyword matches, or ``""`` when the position is empty.

    Examples
    --------
    >>> role_family("Senior Data Engineer")
    'Data analyst'
    >>> role_family("Directrice des ressources humaines")
    'Manager'
    >>> role_family("Chargée de recrutement")
    'HR specialist'
    >>> role_family("Astronaut")
    'Professional'
    >>> role_family("")
    ''
    """
    text = _clean(position)
    if not text:
        return ""
    for label, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return label
    return "Professional"


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


class _Pseudonym(str):
    """A person's readable pseudonym: a ``str`` that :func:`is_person_replacement` tells from a label."""

    __slots__ = ()


def is_person_replacement(value):
    """Whether a mapping value (see :func:`anonymize_graph`) stands for a person, not a company or role.

    True for a readable pseudonym, an ``anon:`` key and the e-mail marker (and for the older
    ``Person <CODE>`` labels, still accepted in hand-made mappings).

    Examples
    --------
    >>> names = pseudonym_names(["linkedin.com/in/ana"], "a secret salt")
    >>> is_person_replacement(names["linkedin.com/in/ana"]), is_person_replacement("Software company B")
    (True, False)
    >>> is_person_replacement("anon:x2k4"), is_person_replacement("Person X")
    (True, True)
    """
    return isinstance(value, _Pseudonym) or (isinstance(value, str) and value.startswith(_PEOPLE_MARKS))


_PEOPLE_MARKS = ("anon:", "Person ", "[email removed]")
_TOKEN = re.compile(r"[^\W_]+")  # words, as the leak check splits them ("_" and "-" separate)
_DRAWS = 32  # keyed draws per person before the free names are walked in order


def _plain(word):
    """A word casefolded and without accents: "Hébert" and "hebert" are one word here."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _draws(salt, text):
    """Keyed numbers for ``text``: the HMAC-SHA-256 of ``text``, then of ``text`` + "\\0" + 1, 2…"""
    base = hmac.new(_salt_bytes(salt), digestmod=hashlib.sha256)
    attempt = 0
    while True:
        mac = base.copy()
        mac.update(text.encode("utf-8") if attempt == 0 else f"{text}\0{attempt}".encode())
        yield int.from_bytes(mac.digest(), "big")
        attempt += 1


def pseudonym_names(keys, salt, *, avoid=()):
    """Give each person key a readable, stable, fictional full name ("Orla Ashford").

    First names and surnames come from the pseudonyms' own vocabulary
    (``netanalysis/synth/_pseudonyms.py``: about 230 first names and 2,550 surnames, no word of
    which the fictional sample's people bear). A person's name is drawn with a keyed hash
    (HMAC-SHA-256 of the key, under the secret ``salt``): the same key and salt give the same name
    in every run. People are named one after the other in the order of their keyed hashes; a
    draw whose name is already taken, or which holds a word of ``avoid`` (accents and case
    ignored), is drawn again with the next keyed number; after 32 draws the free names are walked
    in order from the last one. Two keys never share a name.

    Parameters
    ----------
    keys : iterable of str
        Person keys (duplicates are named once).
    salt : str or bytes
        The secret salt, at least 8 characters.
    avoid : iterable of str
        Words (or texts, split into words) no pseudonym may hold: every word of the input (its
        people's names, slugs, e-mail addresses, companies), so that a pseudonym never repeats a
        real name's word.

    Returns
    -------
    dict
        Key → pseudonym (a ``str``: two capitalised words).

    Raises
    ------
    InputError
        When the salt is missing or short, or there are more people than free names.

    Examples
    --------
    >>> names = pseudonym_names(["linkedin.com/in/ana", "linkedin.com/in/bo"], "a secret salt")
    >>> names == pseudonym_names(["linkedin.com/in/bo", "linkedin.com/in/ana"], "a secret salt")
    True
    >>> [len(name.split()) for name in names.values()]
    [2, 2]
    >>> first, last = names["linkedin.com/in/ana"].split()
    >>> pseudonym_names(["linkedin.com/in/ana"], "a secret salt", avoid=[last])["linkedin.com/in/ana"].split()[1] != last
    True
    """
    from .synth._pseudonyms import PSEUDONYM_FIRST, PSEUDONYM_SURNAMES

    _salt_bytes(salt)
    avoid = {_plain(t) for w in avoid for t in _TOKEN.findall(str(w))}
    firsts = [w for w in PSEUDONYM_FIRST if _plain(w) not in avoid]
    lasts = [w for w in PSEUDONYM_SURNAMES if _plain(w) not in avoid]
    allowed = set(firsts) | set(lasts)
    keys = sorted({str(k) for k in keys}, key=lambda k: (pseudonym_code(k, salt, length=16), k))
    pool = len(firsts) * len(lasts)
    if len(keys) > pool:
        raise InputError(f"cannot give {len(keys):,} people distinct pseudonyms: only {pool:,} fictional names are "
                         "free of the input's words.")
    used, names = set(), {}
    n_first, n_last = len(PSEUDONYM_FIRST), len(PSEUDONYM_SURNAMES)
    for key in keys:
        for number in itertools.islice(_draws(salt, key), _DRAWS):
            name = (PSEUDONYM_FIRST[number % n_first], PSEUDONYM_SURNAMES[(number // n_first) % n_last])
            if name not in used and name[0] in allowed and name[1] in allowed:
                break
        else:  # the pool holds more names than people: the walk ends
            start = number % pool
            for step in range(pool):
                index = (start + step) % pool
                name = (firsts[index % len(firsts)], lasts[index // len(firsts)])
                if name not in used:
                    break
        used.add(name)
        names[key] = _Pseudonym(" ".join(name))
    return names


def company_labels(companies, salt, *, avoid=()):
    """Give each company a readable label: its sector and keyed letters ("Software company B").

    The sector comes from words of the company's name (:func:`company_sector`), read as a kind of
    organisation ("School", "Financial firm", "Public agency"…; "Company" when no word tells).
    Letters are drawn with a keyed hash of the company's name (case ignored), under the secret
    ``salt``, in the order of those hashes: one letter first, two after four taken draws, three
    after sixteen; a label already taken is drawn again. Two companies never share a label,
    except "Self-employed", which names no company. Spellings that differ only in case share one.

    Parameters
    ----------
    companies : iterable of str
    salt : str or bytes
    avoid : iterable of str
        Words no label may hold (a label whose letters spell one is drawn again).

    Returns
    -------
    dict
        Company → label.

    Examples
    --------
    >>> labels = company_labels(["Banque Boréale", "Acme Widgets", "ACME Widgets"], "a secret salt")
    >>> labels["Banque Boréale"].rsplit(" ", 1)[0], labels["Acme Widgets"].rsplit(" ", 1)[0]
    ('Financial firm', 'Company')
    >>> labels["Acme Widgets"] == labels["ACME Widgets"]
    True
    """
    avoid = {_plain(t) for w in avoid for t in _TOKEN.findall(str(w))}
    groups = {}
    for company in companies:
        text = _clean(company)
        if text:
            groups.setdefault(text.casefold(), []).append(company)
    order = sorted(groups, key=lambda c: (pseudonym_code("company:" + c, salt), c))
    used, labels = set(), {}
    for folded in order:
        sector = company_sector(folded)
        label = _SECTOR_LABELS[sector]
        if sector != "Self-employed":
            for attempt, number in enumerate(_draws(salt, "company:" + folded)):
                width = 1 if attempt < 4 else 2 if attempt < 16 else 3 + (attempt - 16) // 64
                letters = "".join(chr(65 + (number >> (5 * i)) % 26) for i in range(width))
                if f"{label} {letters}" not in used and _plain(letters) not in avoid:
                    break
            label = f"{label} {letters}"
        used.add(label)
        for company in groups[folded]:
            labels[company] = label
    return labels
