"""Person keys for whole columns: identity's keys, fast for the usual shapes and memoised (same results).

The same people recur across a person's files and across the exports of a merged organisation,
so most values are keyed by one dict lookup.
"""

import re
import unicodedata
from urllib.parse import unquote

from ..identity import NAME_KEY_PREFIX, PROFILE_KEY_PREFIX, normalize_company, normalize_name, profile_key

__all__ = ["fast_profile_key", "fast_profile_keys", "name_keys", "normalized_name", "profile_keys_column"]

_PLAIN_PROFILE_URL = re.compile(r"(?:https://)?www\.linkedin\.com/in/([^/?#\s]+)/?")


_PROFILE_PREFIX = "https://www.linkedin.com/in/"
_WWW_PREFIX = "www.linkedin.com/in/"  # endorsements' URLs have no scheme (profile_key adds https://)


def fast_profile_key(url):
    """profile_key(url), without urlsplit for the usual exact shapes (same result)."""
    if url.startswith(_PROFILE_PREFIX) or url.startswith(_WWW_PREFIX):
        slug = url[len(_PROFILE_PREFIX) if url.startswith("h") else len(_WWW_PREFIX):]
        if slug.endswith("/"):
            slug = slug[:-1]
        # Plain ASCII slugs (letters, digits, "-", "_") need no parsing at all.
        if slug.isascii() and slug.replace("-", "").replace("_", "").isalnum():
            return PROFILE_KEY_PREFIX + slug.lower()
    found = _PLAIN_PROFILE_URL.fullmatch(url)
    if not found:
        return profile_key(url) if url else ""
    slug = found.group(1)
    if "%" in slug:
        slug = unquote(slug)
        if "/" in slug or slug != slug.strip():
            return profile_key(url)
    return PROFILE_KEY_PREFIX + unicodedata.normalize("NFC", slug.lower())  # as profile_key


def fast_profile_keys(urls, cache=None):
    """profile_key over a column; ``cache`` (a dict) helps where URLs repeat (messages)."""
    if cache is None:
        return [fast_profile_key(url) for url in urls]
    keys = []
    for url in urls:
        key = cache.get(url)
        if key is None:
            key = fast_profile_key(url)
            if len(cache) < 200_000:
                cache[url] = key
        keys.append(key)
    return keys


# Keys already worked out, by function then URL. The same people recur across the exports of a
# merged organisation (and across a person's files), so most URLs are keyed by one dict lookup.
_KEY_CACHE = {}
_KEY_CACHE_LIMIT = 500_000  # URLs per function; past it, the cache starts again


def profile_keys_column(urls, exact=fast_profile_key):
    """``[exact(url) for url in urls]`` for a pure ``exact`` (profile_key or its equal), memoised."""
    cache = _KEY_CACHE.setdefault(exact, {})
    keys = list(map(cache.get, urls))
    if None in keys:
        if len(cache) > _KEY_CACHE_LIMIT:
            cache.clear()
        for i, key in enumerate(keys):
            if key is None:
                keys[i] = cache[urls[i]] = exact(urls[i])
    return keys


# Printable ASCII that normalize_name turns into spaces: everything but letters, digits, "_", "-".
_ASCII_NON_WORD = {c: " " for c in range(32, 127)
                   if not (chr(c).isalnum() or chr(c) in "_- ")}


def name_keys(names, companies):
    """name_key over columns, fast for plain-ASCII names and repeated companies (same result)."""
    company_keys = {}
    keys = []
    for name, company in zip(names, companies, strict=True):
        if not name:
            keys.append("")
            continue
        company_key = company_keys.get(company)
        if company_key is None:
            company_key = company_keys[company] = normalize_company(company)
        if name.isascii() and name.isprintable() and "," not in name:
            person = " ".join(name.lower().translate(_ASCII_NON_WORD).split())
        else:
            person = normalize_name(name)
        keys.append(f"{NAME_KEY_PREFIX}{person}|{company_key}")
    return keys


_NAME_CACHE = {}  # display name -> normalize_name(name); people recur across merged exports


def normalized_name(name):
    """normalize_name(name) for a string, fast for plain ASCII names and memoised (same result)."""
    found = _NAME_CACHE.get(name)
    if found is None:
        if name.isascii() and name.isprintable() and "," not in name:
            found = " ".join(name.lower().translate(_ASCII_NON_WORD).split())
        else:
            found = normalize_name(name)
        if len(_NAME_CACHE) > 500_000:
            _NAME_CACHE.clear()
        _NAME_CACHE[name] = found
    return found
