"""Header specifications of every CSV file the readers know, and which one a header row is.

A specification maps canonical columns to the header spellings accepted for them (normalised:
lower-case letters and digits only) and names the columns a header row must contain to be
recognised. The catalogue also serves the error messages: a file given in place of another is
named ("has the header of Connections.csv").
"""

import re

__all__ = ["LABELS", "RECOGNISED", "SPECS", "norm_header", "wanted_columns"]


def norm_header(cell):
    """A header cell as specifications spell it: lower-case letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", str(cell).casefold())

SPECS = {
    "connections": {
        "single_line": True,
        "display": "Connections.csv",
        "columns": {
            "first_name": ("firstname",), "last_name": ("lastname",), "url": ("url", "profileurl"),
            "email": ("emailaddress", "email"), "company": ("company",), "position": ("position",),
            "connected_on": ("connectedon",),
        },
        "required": ("first_name", "last_name", "connected_on"),
    },
    "messages": {
        "display": "messages.csv",
        "columns": {
            "conversation_id": ("conversationid",), "conversation_title": ("conversationtitle",),
            "from": ("from",), "sender_url": ("senderprofileurl",), "to": ("to",),
            "recipient_urls": ("recipientprofileurls",), "date": ("date",), "subject": ("subject",),
            "content": ("content",), "folder": ("folder",), "attachments": ("attachments",),
            "message_draft": ("ismessagedraft",), "conversation_draft": ("isconversationdraft",),
            "direction": ("direction",),
        },
        "required": ("from", "to", "date", "content"),
    },
    "invitations": {
        "single_line": True,
        "display": "Invitations.csv",
        "columns": {
            "from": ("from",), "to": ("to",), "sent_at": ("sentat",), "message": ("message",),
            "direction": ("direction",), "inviter_url": ("inviterprofileurl", "inviterprofileurn"),
            "invitee_url": ("inviteeprofileurl", "inviteeprofileurn"),
        },
        "required": ("from", "to", "sent_at", "direction"),
    },
    "endorsements_received": {
        "single_line": True,
        "display": "Endorsement_Received_Info.csv",
        "columns": {
            "date": ("endorsementdate",), "skill": ("skillname",), "first_name": ("endorserfirstname",),
            "last_name": ("endorserlastname",), "url": ("endorserpublicurl",),
            "status": ("endorsementstatus",),
        },
        "required": ("date", "skill", "first_name", "last_name"),
    },
    "endorsements_given": {
        "single_line": True,
        "display": "Endorsement_Given_Info.csv",
        "columns": {
            "date": ("endorsementdate",), "skill": ("skillname",), "first_name": ("endorseefirstname",),
            "last_name": ("endorseelastname",), "url": ("endorseepublicurl",),
            "status": ("endorsementstatus",),
        },
        "required": ("date", "skill", "first_name", "last_name"),
    },
    "recommendations_received": {
        "display": "Recommendations_Received.csv",
        "columns": {
            "first_name": ("firstname",), "last_name": ("lastname",), "company": ("company",),
            "job_title": ("jobtitle",), "text": ("text",), "created_at": ("creationdate",),
            "status": ("status",),
        },
        "required": ("first_name", "last_name", "text"),
    },
    "positions": {
        "display": "Positions.csv",
        "columns": {
            "company": ("companyname",), "title": ("title",), "description": ("description",),
            "location": ("location",), "started_on": ("startedon",), "finished_on": ("finishedon",),
        },
        "required": ("company", "title", "started_on"),
    },
    "education": {
        "display": "Education.csv",
        "columns": {
            "school": ("schoolname",), "started_on": ("startdate",), "finished_on": ("enddate",),
            "notes": ("notes",), "degree": ("degreename",), "activities": ("activities",),
        },
        "required": ("school", "degree"),
    },
    "profile": {
        "display": "Profile.csv",
        "columns": {"first_name": ("firstname",), "last_name": ("lastname",), "headline": ("headline",)},
        "required": ("first_name", "last_name", "headline"),
    },
    "contacts_book": {  # address-book uploads: recognised only to name them in error messages
        "display": "Contacts.csv (address book)",
        "columns": {"first_name": ("firstname",), "last_name": ("lastname",), "emails": ("emails",)},
        "required": ("first_name", "last_name", "emails"),
    },
    "ties": {
        "display": "ties.csv",
        "columns": {
            "key": ("key",), "url": ("url", "profileurl", "linkedinurl", "linkedin"),
            "name": ("name", "fullname"), "company": ("company",), "met": ("met", "metinperson"),
            "where_met": ("wheremet",), "when_met": ("whenmet",), "last_contact": ("lastcontact",),
            "notes": ("notes", "note"),
        },
        "required": (),
        "any_of": ("key", "url", "name"),  # a header row needs one of these
    },
    "knows": {
        "display": "knows.csv",
        "columns": {"a": ("a",), "b": ("b",), "met": ("met",), "note": ("note", "notes")},
        "required": ("a", "b"),
    },
}
SPECS["recommendations_given"] = dict(SPECS["recommendations_received"],
                                       display="Recommendations_Given.csv")

# How required columns are spelled in error messages.
LABELS = {
    "firstname": "First Name", "lastname": "Last Name", "connectedon": "Connected On", "from": "FROM",
    "to": "TO", "date": "DATE", "content": "CONTENT", "sentat": "Sent At", "direction": "Direction",
    "endorsementdate": "Endorsement Date", "skillname": "Skill Name",
    "endorserfirstname": "Endorser First Name", "endorserlastname": "Endorser Last Name",
    "endorseefirstname": "Endorsee First Name", "endorseelastname": "Endorsee Last Name",
    "text": "Text", "companyname": "Company Name", "title": "Title", "startedon": "Started On",
    "schoolname": "School Name", "degreename": "Degree Name", "headline": "Headline",
}

# The files a header is compared with, in this order, to name a file given in place of another.
RECOGNISED = ("connections", "messages", "invitations", "endorsements_received", "endorsements_given",
              "recommendations_received", "positions", "education", "profile", "contacts_book", "knows",
              "ties")


def wanted_columns(spec):
    """The columns a header row of ``spec`` needs, as error messages spell them."""
    wanted = ", ".join(LABELS.get(spec["columns"][c][0], spec["columns"][c][0]) for c in spec["required"])
    if wanted or not spec.get("any_of"):
        return wanted
    *others, last = spec["any_of"]
    return f"{', '.join(others)} or {last}"
