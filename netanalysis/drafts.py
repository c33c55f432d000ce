"""First sentences for the to-do list, from fixed templates in English and French (no text generation).

Each kind of suggestion has one template per language; :func:`draft` fills it with the people's
first names, companies and positions. The user edits the sentence before sending it: it is a
start, written in the same plain register for everyone, never sent by the library.
"""

from .errors import InputError

__all__ = ["LANGUAGES", "TEMPLATES", "draft", "first_name", "role_text"]

LANGUAGES = ("en", "fr")

#: ``TEMPLATES[lang][template]``: the sentence, with ``{first}``, ``{company}``, ``{position}`` and, for
#: introductions, ``{a_first}``, ``{a_name}``, ``{a_role}``, ``{b_first}``, ``{b_name}``, ``{b_role}``.
TEMPLATES = {
    "en": {
        "new_company": "Congratulations on your new role at {company}, {first}! How are the first weeks going?",
        "new_position": "Congratulations on becoming {position}, {first}! Well deserved.",
        "reconnect": "Hi {first}, it has been a while. How are things going at {company}?",
        "reconnect_no_company": "Hi {first}, it has been a while. How are things going for you?",
        "ask_a": "Hi {a_first}, I know {b_name} ({b_role}) and I think you two would have a lot to talk about. "
                 "Would you like me to introduce you?",
        "ask_b": "Hi {b_first}, I know {a_name} ({a_role}) and I think you two would have a lot to talk about. "
                 "Would you like me to introduce you?",
        "introduce": "{a_first}, meet {b_first} ({b_role}). {b_first}, meet {a_first} ({a_role}). "
                     "You both said yes, so I will let you take it from here.",
    },
    "fr": {
        "new_company": "Félicitations pour votre nouveau poste chez {company}, {first} ! Comment se passent "
                       "les premières semaines ?",
        "new_position": "Félicitations pour votre nouvelle fonction de {position}, {first} ! C'est mérité.",
        "reconnect": "Bonjour {first}, cela fait longtemps ! Comment ça se passe chez {company} ?",
        "reconnect_no_company": "Bonjour {first}, cela fait longtemps ! Comment allez-vous ?",
        "ask_a": "Bonjour {a_first}, je connais {b_name} ({b_role}) et je pense que vous auriez beaucoup à "
                 "vous dire. Voulez-vous que je vous présente ?",
        "ask_b": "Bonjour {b_first}, je connais {a_name} ({a_role}) et je pense que vous auriez beaucoup à "
                 "vous dire. Voulez-vous que je vous présente ?",
        "introduce": "{a_first}, je vous présente {b_first} ({b_role}). {b_first}, voici {a_first} ({a_role}). "
                     "Vous avez tous les deux dit oui : je vous laisse poursuivre.",
    },
}

_ROLE_WORD = {"en": ("at", "a contact of mine"), "fr": ("chez", "une personne de mon réseau")}


def first_name(name):
    """The first word of a display name (``"Marie-Ève Tremblay"`` → ``"Marie-Ève"``); "" for none.

    Examples
    --------
    >>> first_name("Marie-Ève Tremblay"), first_name("")
    ('Marie-Ève', '')
    """
    words = str(name or "").split()
    return words[0] if words else ""


def role_text(position, company, lang="en"):
    """``"Designer at Acme"`` (``"Designer chez Acme"``), or what is known of it.

    Examples
    --------
    >>> role_text("Designer", "Acme", "fr"), role_text("", "Acme"), role_text("", "")
    ('Designer chez Acme', 'Acme', 'a contact of mine')
    """
    at, nobody = _ROLE_WORD[lang]
    position, company = str(position or "").strip(), str(company or "").strip()
    if position and company:
        return f"{position} {at} {company}"
    return position or company or nobody


def draft(template, lang="en", **fields):
    """Fill one template of :data:`TEMPLATES`.

    Parameters
    ----------
    template : str
        ``new_company``, ``new_position``, ``reconnect``, ``ask_a``, ``ask_b`` or ``introduce``
        (``reconnect`` falls back to its wording without a company when ``company`` is empty).
    lang : {"en", "fr"}
    **fields
        ``name`` (its first word becomes ``{first}``), ``company``, ``position``; for an
        introduction ``a_name``, ``a_position``, ``a_company`` and the same for ``b``.

    Returns
    -------
    str

    Examples
    --------
    >>> draft("new_company", "en", name="Ana Lima", company="Beta Corp")
    'Congratulations on your new role at Beta Corp, Ana! How are the first weeks going?'
    >>> draft("ask_b", "fr", a_name="Ana Lima", a_position="CTO", a_company="Acme", b_name="Bo Chen")
    'Bonjour Bo, je connais Ana Lima (CTO chez Acme) et je pense que vous auriez beaucoup à vous dire. Voulez-vous que je vous présente ?'
    """
    if lang not in LANGUAGES:
        raise InputError(f"no templates in '{lang}'; use one of {', '.join(LANGUAGES)}.")
    if template == "reconnect" and not str(fields.get("company") or "").strip():
        template = "reconnect_no_company"
    if template not in TEMPLATES[lang]:
        raise InputError(f"there is no template called '{template}'.")
    values = {
        "first": first_name(fields.get("name")), "company": str(fields.get("company") or "").strip(),
        "position": str(fields.get("position") or "").strip(),
    }
    for side in ("a", "b"):
        name = str(fields.get(f"{side}_name") or "").strip()
        values[f"{side}_name"] = name
        values[f"{side}_first"] = first_name(name)
        values[f"{side}_role"] = role_text(fields.get(f"{side}_position"), fields.get(f"{side}_company"), lang)
    return TEMPLATES[lang][template].format(**values)
