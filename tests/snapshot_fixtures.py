"""Two tiny hand-made exports of one person, six months apart, with known differences (tests/test_changes.py).

Mia Owner exports on 15 Jan 2024 (OLD) and 15 Jul 2024 (NEW). Between them, by construction:
- Ana Lima moves from Acme to Beta Corp (new_company);
- Bo Chen, still at Fund, goes from Analyst to Partner (new_position);
- Cy Dubois is no longer listed (removed); Hal Ito is new (added);
- Dee Roy's profile URL changes (dee-roy -> dee-roy-2b; same name and company): she was messaged on
  5 Dec 2023, met in person (ties.csv), and not since (gone_quiet, matched by name + company);
- Eve Martin was last messaged on 1 Mar 2021 and again on 10 Mar 2024 (back_in_touch, 36 months);
- Fay Wong was messaged before and after the old export (steady: no change);
- Gus Hale was messaged once on 1 Dec 2023 and not since, but the tie is online and weak (no change);
- Ida Blank had no company in OLD and Zeta in NEW (a blank is not a change).
"""

from pathlib import Path

OWNER = ("Mia Owner", "https://www.linkedin.com/in/mia-owner")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                   "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT")
IN = "https://www.linkedin.com/in/"

OLD_CONTACTS = [
    ("Ana", "Lima", "ana-lima", "Acme", "Engineer", "10 Jan 2020"),
    ("Bo", "Chen", "bo-chen", "Fund", "Analyst", "11 Feb 2020"),
    ("Cy", "Dubois", "cy-dubois", "Acme", "CTO", "12 Mar 2020"),
    ("Dee", "Roy", "dee-roy", "Gamma", "Designer", "13 Apr 2019"),
    ("Eve", "Martin", "eve-martin", "Delta", "Manager", "14 May 2018"),
    ("Fay", "Wong", "fay-wong", "Acme", "Sales", "15 Jun 2021"),
    ("Gus", "Hale", "gus-hale", "Omega", "Advisor", "16 Jul 2022"),
    ("Ida", "Blank", "ida-blank", "", "", "17 Aug 2022"),
]
NEW_CONTACTS = [
    ("Hal", "Ito", "hal-ito", "Acme", "Intern", "01 Mar 2024"),
    ("Ana", "Lima", "ana-lima", "Beta Corp", "Engineer", "10 Jan 2020"),
    ("Bo", "Chen", "bo-chen", "Fund", "Partner", "11 Feb 2020"),
    ("Dee", "Roy", "dee-roy-2b", "Gamma", "Designer", "13 Apr 2019"),
    ("Eve", "Martin", "eve-martin", "Delta", "Manager", "14 May 2018"),
    ("Fay", "Wong", "fay-wong", "Acme", "Sales", "15 Jun 2021"),
    ("Gus", "Hale", "gus-hale", "Omega", "Advisor", "16 Jul 2022"),
    ("Ida", "Blank", "ida-blank", "Zeta", "Founder", "17 Aug 2022"),
]
# (conversation, contact name, slug, date, sent by the owner?)
OLD_MESSAGES = [
    ("c-dee", "Dee Roy", "dee-roy", "2023-12-05 10:00:00", True),
    ("c-dee", "Dee Roy", "dee-roy", "2023-11-20 09:00:00", False),
    ("c-eve", "Eve Martin", "eve-martin", "2021-03-01 08:00:00", True),
    ("c-fay", "Fay Wong", "fay-wong", "2023-11-02 12:00:00", False),
    ("c-gus", "Gus Hale", "gus-hale", "2023-12-01 16:00:00", False),
]
NEW_MESSAGES = [
    ("c-dee", "Dee Roy", "dee-roy-2b", "2023-12-05 10:00:00", True),
    ("c-dee", "Dee Roy", "dee-roy-2b", "2023-11-20 09:00:00", False),
    ("c-eve", "Eve Martin", "eve-martin", "2024-03-10 18:30:00", False),
    ("c-eve", "Eve Martin", "eve-martin", "2021-03-01 08:00:00", True),
    ("c-fay", "Fay Wong", "fay-wong", "2024-02-14 12:00:00", True),
    ("c-fay", "Fay Wong", "fay-wong", "2023-11-02 12:00:00", False),
    ("c-gus", "Gus Hale", "gus-hale", "2023-12-01 16:00:00", False),
]
TIES = "key,name,company,met\n" f"{IN}dee-roy-2b,Dee Roy,Gamma,in_person\n"


def _messages(rows, owner=OWNER):
    lines = [MESSAGES_HEADER]
    for conv, name, slug, when, mine in rows:
        sender, recipient = (owner, (name, IN + slug)) if mine else ((name, IN + slug), owner)
        lines.append(f"{conv},,{sender[0]},{sender[1]},{recipient[0]},{recipient[1]},{when} UTC,,Hello,INBOX,,No")
    return "\n".join(lines) + "\n"


def write_export(directory, day, contacts, messages, owner=OWNER):
    """A folder ``Basic_LinkedInDataExport_<day>`` with Connections.csv and messages.csv."""
    folder = Path(directory) / f"Basic_LinkedInDataExport_{day}"
    folder.mkdir(parents=True)
    rows = [f"{f},{last},{IN}{slug},,{c},{p},{on}" for f, last, slug, c, p, on in contacts]
    (folder / "Connections.csv").write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    (folder / "messages.csv").write_text(_messages(messages, owner), encoding="utf-8")
    return folder


def write_pair(directory):
    """OLD, NEW (folders) and ties.csv in ``directory``."""
    old = write_export(directory, "01-15-2024", OLD_CONTACTS, OLD_MESSAGES)
    new = write_export(directory, "07-15-2024", NEW_CONTACTS, NEW_MESSAGES)
    ties = Path(directory) / "ties.csv"
    ties.write_text(TIES, encoding="utf-8")
    return old, new, ties
