"""How fast, and in how much memory, are a large mailbox and a large calendar read? (issue 22)

    python benchmarks/sources.py                        # 100,000 messages and 20,000 events
        [--messages 100000] [--events 20000] [--world DIR] [--seed 5] [--out DIR]

Writes a seeded Google-Takeout-like mbox (CRLF, X-Gmail-Labels, encoded-word names, bodies of 1–4 KB,
3 % of the messages with a 30 KB base64 attachment, a few unescaped ``From `` body lines) and a
Google-like calendar (single events, weekly series with an EXDATE and a moved instance, Meet calls,
Windows zone names), once, into ``--world`` (reused by later runs). Then each reading runs in its own
child process, which reports its wall time, CPU time and peak memory (``ru_maxrss``):

- ``mbox: netanalysis`` — ``netanalysis.io.read_source`` on the mbox;
- ``mbox: mailbox headers`` — the bare library parse: ``mailbox.mbox`` and, for each message,
  ``BytesHeaderParser(policy=default)`` on ``get_file(key)`` and its From/To/Cc/Date read;
- ``calendar: netanalysis`` — ``read_source`` on the calendar (recurring series expanded);
- ``calendar: icalendar parse`` — ``icalendar.Calendar.from_ical`` on the file and every VEVENT's
  DTSTART, ORGANIZER and ATTENDEE read.

The goal (issue 22): reading within 3x of the bare parse, and under 1 GB of memory. Results:
``<out>/sources.json`` and ``<out>/sources.md``.
"""

import argparse
import base64
import json
import os
import platform
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 3.0
GOAL_BYTES = 1 << 30

FIRST = ["Maren", "Jürgen", "Inês", "Bo", "Teodor", "Priya", "Dana", "André", "Zoë", "Kai", "Noor", "Lee", "Sam",
         "Ana", "Chidi", "Mei", "Olu", "Sven", "Ines", "Ravi"]
LAST = ["Oyelaran", "Müller", "Carvalho", "Lind", "Vasquez", "Raman", "Whitfield", "Okafor", "Park", "Ruiz",
        "Berg", "Sato", "Novak", "Haddad", "Kowalski", "Nguyen", "Dubois", "Rossi", "Silva", "Ahmed"]
DOMAINS = ["fjordline.example", "kestrel.example", "northbeam.example", "acme.example", "contoso.example"]
OWNER = "maren@fjordline.example"


def _people(rng, n):
    people = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        address = f"{first.lower()}.{last.lower()}{i}@{rng.choice(DOMAINS)}".encode("ascii", "ignore").decode()
        people.append((f"{first} {last}", address))
    return people


def _encoded(name):
    if name.isascii():
        return f'"{name}"'
    return "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="


def write_mbox(path, messages, seed):
    """A Takeout-like mbox of ``messages`` messages (CRLF)."""
    rng = random.Random(seed)
    people = _people(rng, 3000)
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    attachment = base64.encodebytes(rng.randbytes(30_000)).replace(b"\n", b"\r\n")
    words = ["meeting", "project", "budget", "thanks", "tomorrow", "draft", "numbers", "call", "notes", "plan"]
    with open(path, "wb") as out:
        for i in range(messages):
            when = start + timedelta(minutes=int(i * 30 + rng.randrange(30)))
            sent = rng.random() < 0.3
            other = rng.sample(people, rng.choice([1, 1, 1, 2, 3, 5]))
            sender = ("Maren Oyelaran", OWNER) if sent else other[0]
            to = other if sent else [("Maren Oyelaran", OWNER), *other[1:]]
            cc = rng.sample(people, rng.choice([0, 0, 0, 1, 2]))
            labels = "Sent,Opened" if sent else rng.choice(["Inbox,Opened", "Inbox,Important", "Opened"])
            headers = [
                f"From {1790000000000000000 + i}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}",
                f"X-GM-THRID: {1790000000000000000 + i // 3}",
                f"X-Gmail-Labels: {labels}",
                "Delivered-To: maren@fjordline.example",
                f"Message-ID: <{i}.{seed}@mail.example>",
                f"Date: {when:%a, %d %b %Y %H:%M:%S +0000}",
                f"From: {_encoded(sender[0])} <{sender[1]}>",
                "To: " + ", ".join(f"{_encoded(n)} <{a}>" for n, a in to),
            ]
            if cc:
                headers.append("Cc: " + ", ".join(f"{_encoded(n)} <{a}>" for n, a in cc))
            if rng.random() < 0.1:
                headers.append("List-Unsubscribe: <mailto:unsubscribe@news.example>")
            headers.append(f"Subject: {' '.join(rng.choices(words, k=5))}")
            body_lines = [" ".join(rng.choices(words, k=10)) for _ in range(rng.randrange(15, 60))]
            if rng.random() < 0.01:
                body_lines.insert(3, "From the desk of the author: an unescaped line")
            if rng.random() < 0.03:
                headers.append('Content-Type: multipart/mixed; boundary="b1"')
                body = ("--b1\r\nContent-Type: text/plain\r\n\r\n" + "\r\n".join(body_lines)
                        + "\r\n--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                out.write(("\r\n".join(headers) + "\r\n\r\n" + body).encode())
                out.write(attachment + b"--b1--\r\n\r\n")
            else:
                headers.append("Content-Type: text/plain; charset=UTF-8")
                out.write(("\r\n".join(headers) + "\r\n\r\n" + "\r\n".join(body_lines) + "\r\n\r\n").encode())


def write_calendar(path, events, seed):
    """A Google-like calendar of ``events`` VEVENTs: single events, weekly series with an EXDATE and a moved one."""
    rng = random.Random(seed)
    people = _people(rng, 800)
    start = datetime(2019, 1, 7, 9, 0)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "X-WR-CALNAME:Maren Oyelaran", "X-WR-TIMEZONE:Europe/Oslo"]
    written = 0
    while written < events:
        when = start + timedelta(days=rng.randrange(0, 2500), hours=rng.randrange(0, 9))
        guests = rng.sample(people, rng.choice([1, 1, 2, 3, 4, 6, 25]))
        zone = rng.choice(["Europe/Oslo", "Pacific Standard Time", "W. Europe Standard Time"])
        series = rng.random() < 0.01 and events - written >= 2
        uid = f"{written}.{seed}@google.com"
        event = ["BEGIN:VEVENT", f"DTSTART;TZID={zone}:{when:%Y%m%dT%H%M%S}",
                 f"DTEND;TZID={zone}:{when + timedelta(minutes=30):%Y%m%dT%H%M%S}",
                 "DTSTAMP:20260101T120000Z", f"UID:{uid}",
                 "ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
                 "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Maren Oyelaran;"
                 "X-NUM-GUESTS=0:mailto:maren@fjordline.example"]
        for name, address in guests:
            status = rng.choice(["ACCEPTED", "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"])
            event.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={name};"
                         f"X-NUM-GUESTS=0:mailto:{address}")
        if rng.random() < 0.4:
            event += ["LOCATION:", "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
                      "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij"]
        else:
            event.append(f"LOCATION:Room {rng.randrange(100)}\\, Fjordline office")
        event.append("SUMMARY:" + rng.choice(["Sync", "Coffee", "Review", "Planning", "1:1"]))
        if series:
            event.insert(3, "RRULE:FREQ=WEEKLY;COUNT=20")
            event.insert(4, f"EXDATE;TZID={zone}:{when + timedelta(weeks=2):%Y%m%dT%H%M%S}")
        lines += [*event, "END:VEVENT"]
        written += 1
        if series:
            moved = when + timedelta(weeks=3)
            lines += ["BEGIN:VEVENT", f"DTSTART;TZID={zone}:{moved + timedelta(days=1):%Y%m%dT%H%M%S}",
                      "DTSTAMP:20260101T120000Z", f"UID:{uid}",
                      f"RECURRENCE-ID;TZID={zone}:{moved:%Y%m%dT%H%M%S}",
                      "ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
                      f"ATTENDEE;PARTSTAT=ACCEPTED;CN={guests[0][0]}:mailto:{guests[0][1]}",
                      "LOCATION:Another room", "END:VEVENT"]
            written += 1
    lines.append("END:VCALENDAR")
    data = "\r\n".join(lines) + "\r\n"
    # Fold long lines as Google does (75 octets), sometimes inside a UTF-8 character.
    out = bytearray()
    for line in data.encode().split(b"\r\n"):
        while len(line) > 75:
            out += line[:75] + b"\r\n "
            line = line[75:]
        out += line + b"\r\n"
    Path(path).write_bytes(bytes(out[:-2]))


CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
wall, cpu = time.perf_counter(), time.process_time()
info = {}
if kind == "netanalysis":
    from netanalysis.io import read_source
    records = read_source(path)
    (report,) = records.report.files.values()
    info = {"occasions": len(records.occasions), "presence": len(records.presence), "people": len(records.people),
            "rows": report.rows, "used": report.used, "skipped": len(report.skipped), "owner": records.owner["emails"]}
elif kind == "mailbox":
    import mailbox
    from email.parser import BytesHeaderParser
    from email.policy import default
    parser = BytesHeaderParser(policy=default)
    box = mailbox.mbox(path, create=False)
    count = addresses = 0
    for key in box.iterkeys():
        with box.get_file(key) as handle:
            message = parser.parse(handle)
        for name in ("From", "To", "Cc"):
            for value in message.get_all(name, ()):
                addresses += len(value.addresses)
        message.get("Date")
        count += 1
    info = {"messages": count, "addresses": addresses}
elif kind == "icalendar":
    import icalendar
    with open(path, "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    count = attendees = 0
    for event in calendar.walk("VEVENT"):
        event["DTSTART"].dt
        event.get("ORGANIZER")
        value = event.get("ATTENDEE")
        attendees += len(value) if isinstance(value, list) else value is not None
        count += 1
    info = {"events": count, "attendees": attendees}
usage = resource.getrusage(resource.RUSAGE_SELF)
peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
                  "peak_rss": peak, "info": info}))
"""


def run_child(kind, path):
    """Run one reading in a fresh process; its timings and peak memory."""
    result = subprocess.run([sys.executable, "-c", CHILD, kind, str(path)], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    if result.returncode != 0:
        return {"status": "failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]}
    record = json.loads(result.stdout.strip().splitlines()[-1])
    record["status"] = "ok"
    return record


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--world", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    world = args.world or Path(os.environ.get("TMPDIR", "/tmp")) / f"netanalysis-sources-{args.seed}"
    world.mkdir(parents=True, exist_ok=True)
    mbox_path = world / f"mail-{args.messages}.mbox"
    calendar_path = world / f"calendar-{args.events}.ics"
    if not mbox_path.exists():
        write_mbox(mbox_path, args.messages, args.seed)
    if not calendar_path.exists():
        write_calendar(calendar_path, args.events, args.seed)
    runs = {}
    for label, kind, path in [("mbox: netanalysis", "netanalysis", mbox_path),
                              ("mbox: mailbox headers", "mailbox", mbox_path),
                              ("calendar: netanalysis", "netanalysis", calendar_path),
                              ("calendar: icalendar parse", "icalendar", calendar_path)]:
        runs[label] = run_child(kind, path)
        runs[label]["file_bytes"] = path.stat().st_size
        print(label, json.dumps(runs[label]), flush=True)
    result = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": platform.platform(),
              "python": platform.python_version(), "messages": args.messages, "events": args.events,
              "seed": args.seed, "runs": runs}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sources.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "sources.md").write_text(markdown(result))
    print(markdown(result))


def markdown(result):
    runs = result["runs"]
    lines = [f"# Reading a mailbox and a calendar ({result['date']})", "",
             f"{result['messages']:,} messages, {result['events']:,} events (seed {result['seed']}); "
             f"Python {result['python']}, {result['machine']}. One run each, in a fresh process.", "",
             "| reading | file | wall s | CPU s | peak memory | what it read |", "|---|---:|---:|---:|---:|---|"]
    for label, run in runs.items():
        if run.get("status") != "ok":
            lines.append(f"| {label} | | | | | {run.get('status')} |")
            continue
        info = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in run["info"].items())
        lines.append(f"| {label} | {run['file_bytes'] / 2**20:,.0f} MiB | {run['seconds']:.1f} | "
                     f"{run['cpu_seconds']:.1f} | {run['peak_rss'] / 2**20:,.0f} MiB | {info} |")
    lines += ["", "| goal | ratio (CPU) | peak memory | met |", "|---|---:|---:|---|"]
    for ours, bare in (("mbox: netanalysis", "mbox: mailbox headers"),
                       ("calendar: netanalysis", "calendar: icalendar parse")):
        if runs[ours].get("status") == "ok" and runs[bare].get("status") == "ok":
            ratio = runs[ours]["cpu_seconds"] / max(runs[bare]["cpu_seconds"], 1e-9)
            peak = runs[ours]["peak_rss"]
            met = ratio <= GOAL_RATIO and peak < GOAL_BYTES
            lines.append(f"| {ours} within {GOAL_RATIO:g}x of {bare}, < 1 GiB | {ratio:.2f} | "
                         f"{peak / 2**20:,.0f} MiB | {'yes' if met else 'no'} |")
    ours, bare = runs.get("mbox: netanalysis", {}), runs.get("mbox: mailbox headers", {})
    if ours.get("status") == "ok" and bare.get("status") == "ok":
        extra = bare["info"]["messages"] - ours["info"]["rows"]
        if extra > 0:
            lines += ["", f"`mailbox` counts {extra:,} more messages than there are: each unescaped `From ` line "
                          "in a body (about 1 % of the generated messages have one) starts a bogus message there; "
                          "netanalysis does not split at a `From ` line without a header block after it and lists "
                          "those lines in its report."]
    lines += ["", "Ratios compare CPU seconds (the machine is shared: wall times vary with its load). Peak memory "
                  "is the child process's `ru_maxrss`, Python and its imports included."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
