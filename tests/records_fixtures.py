"""Records built by hand, as the readers of issue 22 return them (the contract of ``netanalysis.io.records``),
and a tiny test-only record source that reads them from JSON, for the command-line tests."""

import json
from pathlib import Path

import pandas as pd

from netanalysis.io.records import empty_records
from netanalysis.io.tables import FileReport


def make_records(kind, people, occasions=(), presence=(), *, owner=(), path=None):
    """Records of ``kind``.

    people: (person, name, emails, urls, company); occasions: (occasion, kind, start, mode, place, size,
    direction, bulk); presence: (occasion, person, role, status); owner: the user's addresses.
    """
    records = empty_records(path or f"test.{kind}", kind)
    records.owner = {"emails": tuple(owner), "name": ""}
    if people:
        records.people = pd.DataFrame(
            [(p, n, tuple(e), tuple(u), c, i + 1) for i, (p, n, e, u, c) in enumerate(people)],
            columns=["person", "name", "emails", "urls", "company", "line"])
    if occasions:
        frame = pd.DataFrame([(*o, i + 1) for i, o in enumerate(occasions)],
                             columns=["occasion", "kind", "start", "mode", "place", "size", "direction", "bulk",
                                      "line"])
        frame["start"] = pd.to_datetime(frame["start"], utc=True)
        frame["bulk"] = frame["bulk"].astype(bool)
        records.occasions = frame
    if presence:
        records.presence = pd.DataFrame(list(presence), columns=["occasion", "person", "role", "status"])
    items = len(occasions) or len(people)
    records.report.files[Path(records.path).name] = FileReport(name=Path(records.path).name, rows=items, used=items)
    return records


def write_json_records(path, kind, people, occasions=(), presence=(), *, owner=()):
    """Write what :func:`make_records` takes as a ``.records.json`` file (read by :data:`JSON_SOURCE`)."""
    data = {"kind": kind, "people": [list(map(_plain, p)) for p in people],
            "occasions": [list(o) for o in occasions], "presence": [list(p) for p in presence], "owner": list(owner)}
    Path(path).write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


class JsonSource:
    """A record source for tests only: ``*.records.json`` files written by :func:`write_json_records`."""

    @staticmethod
    def detect(path):
        return str(path).endswith(".records.json")

    @staticmethod
    def read(path):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        people = [(p, n, tuple(e), tuple(u), c) for p, n, e, u, c in data["people"]]
        return make_records(data["kind"], people, [tuple(o) for o in data["occasions"]],
                            [tuple(p) for p in data["presence"]], owner=data["owner"], path=str(path))
