"""Mailboxes (.mbox) as Records: Google Takeout and Thunderbird files, headers only, counts worked out by hand."""

import pytest

from netanalysis.errors import InputError
from netanalysis.io import mbox, read_source
from netanalysis.io.records import detect_record_source

# A Google Takeout mailbox (CRLF, X-Gmail-Labels). Messages begin on lines 1, 16, 28, 40, 49 and 58; line 14 is
# an escaped ">From", line 25 an unescaped "From " line inside a body (not followed by headers).
TAKEOUT = "\r\n".join([
    "From 1790000000000000001@xxx Mon Mar 03 09:00:00 +0000 2025",  # 1: sent by the owner, To/Cc/Bcc
    "X-GM-THRID: 1790000000000000001",
    "X-Gmail-Labels: Sent,Opened",
    "Message-ID: <m1@fjordline.example>",
    "From: Maren Oyelaran <maren@fjordline.example>",
    'To: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen.Mueller@Kestrel.example>, "Bo Lind" <bo@acme.example>',
    "Cc: =?UTF-8?B?QW5kcsOp?= <andre@northbeam.example>",
    "Bcc: teodor@fjordline.example",
    "Date: Mon, 03 Mar 2025 10:00:00 +0100",
    "Subject: =?UTF-8?Q?Secret_merger?=",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Hello all, the confidential body.",
    ">From the archive: nothing.",
    "",
    "From 1790000000000000002@xxx Tue Mar 04 09:00:00 +0000 2025",  # 16: a reply
    "X-Gmail-Labels: Inbox,Important",
    "Message-ID: <m2@acme.example>",
    "From: Bo Lind <bo@acme.example>",
    "To: maren@fjordline.example",
    "Date: Tue, 4 Mar 2025 08:30:00 -0500",
    "Subject: Re: Secret merger",
    "",
    "Thanks.",
    "From the desk of Bo: an unescaped line.",
    "Regards,",
    "",
    "From 1790000000000000003@xxx Wed Mar 05 09:00:00 +0000 2025",  # 28: a newsletter
    "X-Gmail-Labels: Inbox,Category Promotions",
    "Message-ID: <news1@shop.example>",
    "From: Kestrel Shop <news@shop.example>",
    "To: maren@fjordline.example",
    "List-Unsubscribe: <mailto:unsubscribe@shop.example>",
    "Precedence: bulk",
    "Date: Wed, 05 Mar 2025 07:00:00 +0000",
    "Subject: Weekly deals",
    "",
    "Buy now.",
    "",
    "From 1790000000000000004@xxx Thu Mar 06 09:00:00 +0000 2025",  # 40: no Date
    "X-Gmail-Labels: Inbox",
    "Message-ID: <m4@northbeam.example>",
    "From: =?ISO-8859-1?Q?Andr=E9?= <andre@northbeam.example>",
    "To: maren@fjordline.example",
    "Subject: no date here",
    "",
    "Body.",
    "",
    "From 1790000000000000005@xxx Fri Mar 07 09:00:00 +0000 2025",  # 49: spam
    "X-Gmail-Labels: Spam",
    "Message-ID: <spam@bad.example>",
    "From: winner@bad.example",
    "To: maren@fjordline.example",
    "Date: Fri, 07 Mar 2025 09:00:00 +0000",
    "",
    "You won.",
    "",
    "From 1790000000000000006@xxx Sat Mar 08 09:00:00 +0000 2025",  # 58: the message of line 16 again
    "X-Gmail-Labels: Inbox",
    "Message-ID: <m2@acme.example>",
    "From: Bo Lind <bo@acme.example>",
    "To: maren@fjordline.example",
    "Date: Tue, 4 Mar 2025 08:30:00 -0500",
    "",
    "Thanks.",
    "",
]).encode()

# A Thunderbird folder (LF, no labels): the owner is the address on the most messages (Ana: 4 of 4).
THUNDERBIRD = "\n".join([
    "From - Mon Jan 06 10:00:00 2025",  # 1
    "X-Mozilla-Status: 0001",
    "X-Mozilla-Status2: 00000000",
    "Message-ID: <t1@x.example>",
    "Date: Mon, 6 Jan 2025 10:00:00 +0000",
    "From: Kai Berg <kai@me.example>",
    "To: Ana Ruiz <ana@icloud.example>",
    "Subject: hi there",
    "",
    "body one",
    "",
    "From - Tue Jan 07 10:00:00 2025",  # 12
    "Message-ID: <t2@x.example>",
    "Date: Tue, 7 Jan 2025 10:00:00 +0000",
    "From: Ana Ruiz <ana@icloud.example>",
    "To: Kai Berg <kai@me.example>, Noor <noor@me.example>",
    "",
    "body two",
    "",
    "From - Wed Jan 08 10:00:00 2025",  # 20
    "Message-ID: <t3@x.example>",
    "Date: garbage date",
    "From: Ana Ruiz <ANA@icloud.example>",
    "To: Kai Berg <kai@me.example>",
    "",
    "body three",
    "",
    "From - Thu Jan 09 10:00:00 2025",  # 28
    "Message-ID: <t4@x.example>",
    "Date: Thu, 9 Jan 2025 10:00:00 +0000",
    "From: Noor <noor@me.example>",
    "To: ana@icloud.example",
    "",
    "body four",
    "",
]).encode()


def _read(tmp_path, data, name="mail.mbox"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path)


def _report(records):
    (report,) = records.report.files.values()
    return report


def test_takeout_messages_worked_out_by_hand(tmp_path):
    records = _read(tmp_path, TAKEOUT, "All mail Including Spam and Trash.mbox")
    assert records.kind == "mail"
    occasions = records.occasions
    assert occasions["line"].tolist() == [1, 16, 28, 40]
    assert occasions["start"].dt.strftime("%Y-%m-%d %H:%M").fillna("NaT").tolist() == [
        "2025-03-03 09:00", "2025-03-04 13:30", "2025-03-05 07:00", "NaT"]
    assert occasions["size"].tolist() == [5, 2, 1, 2]  # the newsletter's sender is not a person
    assert occasions["direction"].tolist() == ["sent", "received", "received", "received"]
    assert occasions["bulk"].tolist() == [False, False, True, False]
    assert set(occasions["kind"]) == {"message"} and set(occasions["mode"]) == {"online"}
    assert set(occasions["place"]) == {""}
    report = _report(records)
    assert (report.rows, report.used) == (6, 4)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (49, "labelled Spam"), (58, "duplicate of line 16 (same Message-ID)")]
    assert any(note.startswith("1 'From ' lines inside a message body") and "line 25)" in note
               for note in report.notes)
    assert any(note.startswith("1 messages without a readable Date") and "line 40)" in note for note in report.notes)
    assert records.owner == {"emails": ("maren@fjordline.example",), "name": "Maren Oyelaran"}
    assert "CRLF" in report.variant


def test_takeout_people_decoded_names_and_roles(tmp_path):
    records = _read(tmp_path, TAKEOUT)
    names = records.people.set_index("person")["name"].to_dict()
    assert names == {"email:maren@fjordline.example": "Maren Oyelaran",
                     "email:juergen.mueller@kestrel.example": "Jürgen Müller",
                     "email:bo@acme.example": "Bo Lind", "email:andre@northbeam.example": "André",
                     "email:teodor@fjordline.example": ""}
    first = records.presence[records.presence["occasion"] == "mail:1"]
    assert first[["person", "role"]].values.tolist() == [
        ["email:maren@fjordline.example", "from"], ["email:juergen.mueller@kestrel.example", "to"],
        ["email:bo@acme.example", "to"], ["email:andre@northbeam.example", "cc"],
        ["email:teodor@fjordline.example", "bcc"]]
    assert len(records.presence) == 5 + 2 + 1 + 2
    assert set(records.presence["status"]) == {""}
    assert records.people.set_index("person")["emails"]["email:bo@acme.example"] == ("bo@acme.example",)


def test_thunderbird_owner_is_the_address_on_most_messages(tmp_path):
    records = _read(tmp_path, THUNDERBIRD, "Inbox")  # Thunderbird folders have no extension
    assert records.owner["emails"] == ("ana@icloud.example",)
    occasions = records.occasions
    assert occasions["line"].tolist() == [1, 12, 20, 28]
    assert occasions["direction"].tolist() == ["received", "sent", "sent", "received"]
    assert occasions["start"].isna().tolist() == [False, False, True, False]
    assert occasions["size"].tolist() == [2, 3, 2, 2]
    report = _report(records)
    assert (report.rows, report.used, report.skipped) == (4, 4, [])
    assert "CRLF" not in report.variant


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1000])
def test_the_same_records_whatever_the_chunk_size(tmp_path, monkeypatch, chunk):
    expected = _read(tmp_path, TAKEOUT)
    monkeypatch.setattr(mbox, "_CHUNK", chunk)
    records = _read(tmp_path, TAKEOUT)
    assert records.occasions.equals(expected.occasions)
    assert records.presence.equals(expected.presence)
    assert records.report.to_dict() == expected.report.to_dict()


def test_drafts_and_messages_deleted_in_thunderbird_are_skipped(tmp_path):
    data = (b"From - Mon Jan 06 10:00:00 2025\nX-Mozilla-Status: 0009\nFrom: a@b.example\nTo: c@d.example\n\nb\n\n"
            b"From 1@xxx Mon Jan 06 10:00:00 +0000 2025\nX-Gmail-Labels: Opened,Draft\nFrom: a@b.example\n"
            b"To: c@d.example\n\nb\n\n"
            b"From - Mon Jan 06 10:00:00 2025\nX-Mozilla-Status: 0001\nFrom: a@b.example\nTo: c@d.example\n\nb\n")
    report = _report(_read(tmp_path, data))
    assert (report.rows, report.used) == (3, 1)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "deleted in Thunderbird (X-Mozilla-Status), kept in the file until the folder is compacted"),
        (8, "a draft (labelled Draft: never sent)")]


def test_more_than_twenty_recipients_is_bulk(tmp_path):
    to = ", ".join(f"p{i}@team.example" for i in range(21))
    data = (f"From x Mon Jan 06 10:00:00 2025\nFrom: boss@team.example\nTo: {to}\n"
            "Date: Mon, 6 Jan 2025 10:00:00 +0000\n\nhi\n\n"
            "From x Mon Jan 06 10:00:00 2025\nFrom: boss@team.example\nTo: p1@team.example\n"
            "Date: Mon, 6 Jan 2025 11:00:00 +0000\n\nhi\n").encode()
    records = _read(tmp_path, data)
    assert records.occasions["size"].tolist() == [22, 2]
    assert records.occasions["bulk"].tolist() == [True, False]


def test_detect_by_content(tmp_path):
    path = tmp_path / "export"
    path.write_bytes(TAKEOUT)
    assert detect_record_source(path) == "mail"
    other = tmp_path / "notes.mbox"
    other.write_text("From here on, a letter.\nDear Bo,\n")
    assert not mbox.detect(other)


def test_no_subject_or_body_anywhere(tmp_path):
    for data in (TAKEOUT, THUNDERBIRD):
        records = _read(tmp_path, data)
        text = " ".join(frame.astype(str).to_csv() for frame in (records.people, records.occasions, records.presence))
        text += repr(records.report.to_dict()) + repr(records.notes) + repr(records.owner)
        for secret in ("Secret", "merger", "confidential", "archive", "desk of Bo", "Regards", "Weekly deals",
                       "Buy now", "You won", "hi there", "body one", "body two", "Thanks"):
            assert secret not in text, secret


# ---------------------------------------------------------------------------------------------
# Hostile input


@pytest.mark.hostile
def test_header_block_too_long_or_cut_off_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(mbox, "MAX_HEADER_BYTES", 200)
    long_header = "X-Long: " + "a" * 400
    data = ("From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\nTo: c@d.example\n\nbody\n\n"  # 1
            f"From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\n{long_header}\n\nbody\n\n"  # 7
            "From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\nTo: c@d.example").encode()  # 13, cut off
    report = _report(_read(tmp_path, data))
    assert (report.rows, report.used) == (3, 1)
    assert [s.line for s in report.skipped] == [7, 13]
    assert all("longer than 0 KiB or cut off" in s.reason for s in report.skipped)


@pytest.mark.hostile
def test_messages_without_sender_or_with_broken_headers_are_reported(tmp_path):
    data = (b"From x Mon Jan 06 10:00:00 2025\nTo: c@d.example\nDate: Mon, 6 Jan 2025 10:00:00 +0000\n\nb\n\n"  # 1
            b"From x Mon Jan 06 10:00:00 2025\nFrom: =?UTF-8?B?####?= <\x00@@>\nTo: ,,,;;;<<<\nDate: 99 Foo 99999\n\nb\n\n"
            b"From x\nFrom: ok@fine.example\nTo: you@fine.example\n\nb\n")  # 7, 14
    records = _read(tmp_path, data)
    report = _report(records)
    assert report.rows == report.used + len(report.skipped) == 3
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "no sender address (From)"), (7, "no sender address (From)")]
    assert records.occasions["line"].tolist() == [14]


@pytest.mark.hostile
def test_an_address_header_the_policy_parser_fails_on_is_read_raw(tmp_path):
    # email.policy.default raises IndexError on this From (Python 3.11); the raw value still names Zoë.
    data = (b"From x Mon Jan 06 10:00:00 2025\nFrom: =?UTF-8?Q?Zo=C3=AB?= <zoe@fine.example>, =?UTF-8?B?####?= <\x00@@>\n"
            b"To: ,,,;;;<<<\nCc: Bo <bo@acme.example>\nDate: Mon, 6 Jan 2025 10:00:00 +0000\n\nb\n")
    records = _read(tmp_path, data)
    assert _report(records).used == 1
    assert records.people.set_index("person")["name"].to_dict() == {"email:zoe@fine.example": "Zoë",
                                                                   "email:bo@acme.example": "Bo"}


@pytest.mark.hostile
def test_binary_garbage_after_a_message_creates_no_message(tmp_path):
    data = (b"From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\nTo: c@d.example\n\n"
            + bytes(range(256)) * 50 + b"\nFrom \xff\xfe\n\x00\x00\nFrom  \n\n")
    records = _read(tmp_path, data)
    report = _report(records)
    assert (report.rows, report.used) == (1, 1)
    assert any("'From ' lines inside a message body" in note for note in report.notes)


@pytest.mark.hostile
def test_long_runs_without_a_newline_are_read_in_bounded_memory(tmp_path, monkeypatch):
    import tracemalloc

    monkeypatch.setattr(mbox, "_CHUNK", 1 << 16)
    first = b"From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\nTo: c@d.example\n\n"  # lines 1-4
    blob = b"A" * (12 << 20)  # 12 MiB of body without a newline (line 5)
    long_from = b"\nFrom " + b"y" * (300 << 10) + b"\n"  # line 6: a From line longer than a header block
    last = b"\nFrom x Mon Jan 06 10:00:00 2025\nFrom: e@f.example\nTo: c@d.example\n\nbye\n"  # line 8
    path = tmp_path / "mail.mbox"
    path.write_bytes(first + blob + long_from + last)
    tracemalloc.start()
    try:
        records = read_source(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20  # the 12 MiB line is never held whole
    assert records.occasions["line"].tolist() == [1, 8]
    report = _report(records)
    assert (report.rows, report.used) == (2, 2)
    assert any(note.startswith("1 'From ' lines inside a message body") and "line 6)" in note for note in report.notes)


@pytest.mark.hostile
def test_not_a_mailbox_is_refused_in_one_line(tmp_path):
    path = tmp_path / "mail.mbox"
    path.write_bytes(b"From: just a header\nno mbox\n")
    with pytest.raises(InputError, match="no reader recognises"):
        read_source(path)
    with pytest.raises(InputError, match=r"^mail\.mbox is not a mailbox"):
        mbox.read(path)


@pytest.mark.hostile
def test_many_messages_with_large_bodies_stream(tmp_path, monkeypatch):
    monkeypatch.setattr(mbox, "_CHUNK", 4096)
    body = ("x" * 75 + "\n") * 200
    message = ("From x Mon Jan 06 10:00:00 2025\nFrom: a@b.example\nTo: c@d.example\n"
               "Date: Mon, 6 Jan 2025 10:00:00 +0000\n\n" + body + "\n")
    records = _read(tmp_path, (message * 300).encode())
    assert len(records.occasions) == 300
    assert records.occasions["line"].tolist()[:3] == [1, 207, 413]


def _benchmark_module():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("benchmarks_sources", ROOT / "benchmarks" / "sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_mailbox_reads_every_message(tmp_path):
    bench = _benchmark_module()
    path = tmp_path / "mail.mbox"
    bench.write_mbox(path, 300, seed=2)
    records = read_source(path)
    report = _report(records)
    assert (report.rows, report.used) == (300, 300)
    assert records.owner["emails"] == (bench.OWNER,)
    unescaped = path.read_bytes().count(b"\r\nFrom the desk of the author")
    assert unescaped > 0
    assert any(note.startswith(f"{unescaped} 'From ' lines inside a message body") for note in report.notes)
    assert "bulk" in records.occasions and records.occasions["bulk"].sum() > 0
