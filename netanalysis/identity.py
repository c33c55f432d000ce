"""Stable keys for people across sources: profile URLs, e-mail addresses, a name-based fallback."""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

__all__ = [
    "EMAIL_KEY_PREFIX",
    "NAME_KEY_PREFIX",
    "PROFILE_KEY_PREFIX",
    "email_key",
    "key_source_of",
    "name_key",
    "normalize_company",
    "normalize_name",
    "profile_key",
    "profile_url",
]

# How each kind of key begins; ``key_source_of`` tells a key's kind from it.
PROFILE_KEY_PREFIX = "linkedin.com/in/"  # a LinkedIn profile (key_source "url")
EMAIL_KEY_PREFIX = "email:"  # an e-mail address (key_source "email")
NAME_KEY_PREFIX = "name:"  # normalised name plus company, the fallback (key_source "name")

# Suffixes people put after a comma in their LinkedIn name ("Lind, PhD", "Roy, CPA, CA").
_CREDENTIAL_WORDS = {
    "phd", "mba", "cpa", "ca", "pmp", "cfa", "md", "jr", "sr", "ii", "iii", "iv", "eng", "ing", "peng",
    "msc", "bsc", "ma", "ba", "meng", "llm", "llb", "dba", "mph", "rn", "frm", "cissp", "csm", "pe", "esq",
    "cma", "acca", "crha", "cria", "cpha", "pharmd", "edd", "dds", "dvm", "mcc", "pcc", "acc", "scrum",
    "cpa-ca", "shrm-cp", "shrm-scp", "chrp", "chrl", "ctp", "frsa", "pmi-acp", "adm", "avocat", "notaire",
}
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")
_COMPANY_SUFFIXES = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|llp|gmbh|sa|sas|sarl|srl|bv|nv|ag|plc|corp|corporation|co|ltée|ltee|inc\.)\.?$"
)


def profile_key(url):
    """Return the person key for a LinkedIn profile URL, or ``""`` when there is none.

    The key is ``linkedin.com/in/<slug>``: lower-case, percent-decoded, without scheme,
    ``www.``, query, fragment or trailing slash. Values that name no profile (empty, the bare
    ``https://www.linkedin.com/in`` of Dec 2023 invitations, ``urn:li:member:`` URNs) give ``""``.

    Parameters
    ----------
    url : str or None
        A profile URL as found in any export file (with or without scheme).

    Returns
    -------
    str
        The key, or ``""`` when the value names no profile.

    Examples
    --------
    >>> profile_key("https://www.linkedin.com/in/In%C3%AAs-Carvalho-9a1b2c4d/?trk=x")
    'linkedin.com/in/inês-carvalho-9a1b2c4d'
    >>> profile_key("linkedin.com/in/gae%CC%81tan-l") == profile_key("linkedin.com/in/ga%C3%A9tan-l")
    True
    >>> profile_key("www.linkedin.com/in/tvasquezlind")
    'linkedin.com/in/tvasquezlind'
    >>> profile_key("https://www.linkedin.com/in")
    ''
    >>> profile_key("urn:li:member:482913576")
    ''
    >>> profile_key("https://[www.linkedin.com/in/x")
    ''
    """
    if url is None:
        return ""
    text = str(url).strip()
    if not text or text.lower() in {"nan", "none"} or text.lower().startswith("urn:"):
        return ""
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # "Invalid IPv6 URL": an unbalanced bracket where the host should be
        return ""
    host = parts.netloc.lower()
    host = host.split("@")[-1].split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    # Country sub-domains (fr.linkedin.com) point at the same profile.
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = unquote(parts.path).strip().rstrip("/")
    segments = [s for s in path.split("/") if s]
    if host != "linkedin.com" or len(segments) < 2 or segments[0].lower() not in {"in", "pub"}:
        return ""
    # NFC after percent-decoding: "gae%CC%81tan" (e + combining accent) and "ga%C3%A9tan" (é)
    # are one person.
    slug = unicodedata.normalize("NFC", segments[1].strip().lower())
    if not slug:
        return ""
    return PROFILE_KEY_PREFIX + slug


def _is_credential(part):
    words = part.replace(".", " ").split()
    return bool(words) and all(
        w.casefold() in _CREDENTIAL_WORDS or (w.isupper() and w.replace("-", "").isalpha() and len(w) <= 6)
        for w in words
    )


def _strip_credentials(name):
    parts = name.split(",")
    while len(parts) > 1 and _is_credential(parts[-1]):
        parts.pop()
    return ",".join(parts)


def normalize_name(name):
    """Normalise a display name for matching: accents, case, credentials and spacing removed.

    Credentials after a comma are dropped (``"Lind, PhD"``, ``"Roy, CPA, CA"``, ``"Tremblay, P. Eng."``);
    any other text after a comma is kept, so "Smith, Jane" and "Smith, John" stay two people.
    Emoji and punctuation other than hyphens are removed.

    Examples
    --------
    >>> normalize_name("  Teodor Vasquez-Lind, PhD ")
    'teodor vasquez-lind'
    >>> normalize_name("Inês Carvalho 🌱")
    'ines carvalho'
    >>> normalize_name("Marie Roy, CPA, CA"), normalize_name("Smith, Jane Roe")
    ('marie roy', 'smith jane roe')
    """
    if name is None:
        return ""
    text = _strip_credentials(str(name))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    return _SPACES.sub(" ", text).strip()


def normalize_company(company):
    """Normalise a company name: case, accents, punctuation and legal suffixes removed.

    Examples
    --------
    >>> normalize_company("Halvorsen & Pike, LLC")
    'halvorsen pike'
    >>> normalize_company("Clinique Évangéline Inc.")
    'clinique evangeline'
    """
    if company is None:
        return ""
    text = unicodedata.normalize("NFKD", str(company))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", text.replace("&", " "))).strip()
    previous = None
    while previous != text:
        previous = text
        text = _COMPANY_SUFFIXES.sub("", text).strip()
    return text


def name_key(name, company=""):
    """Fallback key for a person without a profile URL: normalised name plus company.

    Examples
    --------
    >>> name_key("Dana Whitfield", "Kestrel Robotics Inc.")
    'name:dana whitfield|kestrel robotics'
    """
    return f"{NAME_KEY_PREFIX}{normalize_name(name)}|{normalize_company(company)}"


# One "@" between a local part and a dotted domain, with nothing an address cannot hold.
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\.]+(?:\.[^@\s<>()\[\],;:\"\\.]+)+")


def email_key(address):
    """Return the person key for an e-mail address, or ``""`` when the value is not one.

    The key is ``email:`` plus the address in lower case, without surrounding spaces, a
    ``mailto:`` prefix or angle brackets. Anything else (no ``@``, no dotted domain, spaces,
    several addresses) gives ``""``.

    Parameters
    ----------
    address : str or None

    Returns
    -------
    str
        The key, or ``""``.

    Examples
    --------
    >>> email_key("  Dana.Whitfield@Kestrel-Robotics.example ")
    'email:dana.whitfield@kestrel-robotics.example'
    >>> email_key("mailto:<bo@acme.example>")
    'email:bo@acme.example'
    >>> email_key("dana at kestrel"), email_key("a@b.example, c@d.example")
    ('', '')
    """
    if address is None:
        return ""
    text = str(address).strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not _EMAIL.fullmatch(text):
        return ""
    return EMAIL_KEY_PREFIX + text.lower()


def key_source_of(key):
    """How a person key was made: ``"url"``, ``"email"`` or ``"name"`` (the node attribute ``key_source``).

    Profile keys (:func:`profile_key`) are ``"url"``, e-mail keys (:func:`email_key`) ``"email"``;
    everything else (name keys, placeholders such as ``owner:<file>``) is ``"name"``.

    Parameters
    ----------
    key : str

    Returns
    -------
    str

    Examples
    --------
    >>> key_source_of("linkedin.com/in/dana-whitfield")
    'url'
    >>> key_source_of("email:dana@kestrel.example"), key_source_of("name:dana whitfield|kestrel")
    ('email', 'name')
    """
    if key.startswith(PROFILE_KEY_PREFIX):
        return "url"
    if key.startswith(EMAIL_KEY_PREFIX):
        return "email"
    return "name"


def profile_url(key):
    """The LinkedIn profile URL of a profile key, or ``""`` for any other key.

    Examples
    --------
    >>> profile_url("linkedin.com/in/dana-whitfield")
    'https://www.linkedin.com/in/dana-whitfield'
    >>> profile_url("email:dana@kestrel.example")
    ''
    """
    return f"https://www.{key}" if key_source_of(key) == "url" else ""
