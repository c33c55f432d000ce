"""Other networks' archives and LinkedIn's Events.csv as record sources.

Fixtures mimic the real files: Facebook's pretty-printed JSON with each UTF-8 byte escaped as
``\\u00XX``, Instagram's two layouts, X's ``window.YTD…`` prefix. Counts are worked out by hand.
"""

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError
from netanalysis.io import address_csv, contacts_csv, linkedin_events, networks, read_source
from netanalysis.io.records import RECORD_SOURCES, detect_record_source, empty_records

FACEBOOK = r"""{
  "friends_v2": [
    {
      "name": "J\u00c3\u00bcrgen M\u00c3\u00bcller",
      "timestamp": 1457913600
    },
    {
      "name": "Zo\u00c3\u00ab \u00f0\u009f\u0098\u0080",
      "timestamp": 1600000000
    },
    {
      "name": "Ana Silva",
      "timestamp": 1600000001
    },
    {
      "name": "Ana Silva",
      "timestamp": 1600000002
    },
    {
      "name": "",
      "timestamp": 1600000003
    },
    "not an object",
    {
      "name": "Bo Chen"
    }
  ]
}"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _everything(records):
    return "\n".join([records.people.to_csv(), records.occasions.to_csv(), records.presence.to_csv(),
                      repr(records.report.to_dict()), repr(records.notes)])


def test_facebook_friends_with_mojibake_repaired(tmp_path):
    path = _write(tmp_path, "your_friends.json", FACEBOOK)
    assert detect_record_source(path) == "networks"
    records = read_source(path)
    assert records.kind == "facebook"
    report = records.report.files["your_friends.json"]
    assert (report.rows, report.used) == (7, 5)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (5, "no name"), (6, "not a friend entry (an object with a name)")]
    assert "2 names are repaired (UTF-8 bytes written as \\u00XX escapes)" in report.notes
    people = records.people
    assert list(people["name"]) == ["Jürgen Müller", "Zoë 😀", "Ana Silva", "Ana Silva", "Bo Chen"]
    assert list(people["person"]) == ["facebook:jurgen muller", "facebook:zoe", "facebook:ana silva",
                                      "facebook:ana silva#2", "facebook:bo chen"]
    assert all(emails == () and urls == () for emails, urls in zip(people["emails"], people["urls"], strict=True))
    occasions = records.occasions
    assert set(occasions["kind"]) == {"friendship"} and set(occasions["size"]) == {2}
    assert occasions.loc[0, "start"] == pd.Timestamp("2016-03-14 00:00", tz="UTC")
    assert occasions.loc[1, "start"] == pd.Timestamp("2020-09-13 12:26:40", tz="UTC")
    assert pd.isna(occasions.loc[4, "start"])
    assert not occasions["bulk"].any()
    assert list(records.presence["role"]) == ["friend"] * 5
    assert list(records.presence["person"]) == list(people["person"])
    assert occasions["start"].dtype == empty_records("x", "facebook").occasions["start"].dtype  # UTC


@pytest.mark.parametrize("key, what", [("deleted_friends_v2", "removed friends"),
                                       ("sent_requests_v2", "friend requests sent")])
def test_other_facebook_lists_are_refused_with_the_file_to_give(tmp_path, key, what):
    path = _write(tmp_path, "removed_friends.json", json.dumps({key: [{"name": "Ana", "timestamp": 1}]}))
    with pytest.raises(InputError, match=f"lists Facebook's {what}, not friends; give your_friends.json"):
        read_source(path)


INSTAGRAM_FOLLOWERS = """[
  {"title": "", "media_list_data": [], "string_list_data": [
    {"href": "https://www.instagram.com/maren.oy", "value": "maren.oy", "timestamp": 1690000000}]},
  {"title": "", "media_list_data": [], "string_list_data": [
    {"href": "https://www.instagram.com/Kwame_Builds", "value": "Kwame_Builds", "timestamp": 1690000001}]},
  {"title": "", "media_list_data": [], "string_list_data": []},
  {"title": "", "media_list_data": [], "string_list_data": [
    {"href": "https://www.instagram.com/maren.oy", "value": "maren.oy", "timestamp": 1690000002}]}
]"""
INSTAGRAM_FOLLOWING = """{
  "relationships_following": [
    {"title": "maren.oy", "string_list_data": [{"href": "https://www.instagram.com/_u/maren.oy", "timestamp": 1700000000}]},
    {"title": "", "string_list_data": [{"href": "https://www.instagram.com/_u/dana.w", "timestamp": 1700000001}]},
    {"title": "not a user name!", "string_list_data": [{"timestamp": 1700000002}]}
  ]
}"""


def test_instagram_followers_as_a_bare_list(tmp_path):
    records = read_source(_write(tmp_path, "followers_1.json", INSTAGRAM_FOLLOWERS))
    assert records.kind == "instagram"
    report = records.report.files["followers_1.json"]
    assert (report.rows, report.used) == (4, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [(3, "no user name"), (4, "the same account as entry 1")]
    assert list(records.people["person"]) == ["instagram:maren.oy", "instagram:kwame_builds"]
    assert list(records.people["name"]) == ["", ""]
    assert list(records.presence["role"]) == ["follower", "follower"]
    assert records.occasions.loc[1, "start"] == pd.Timestamp(1690000001, unit="s", tz="UTC")
    assert set(records.occasions["kind"]) == {"follow"}


def test_instagram_following_in_the_newer_layout(tmp_path):
    records = read_source(_write(tmp_path, "following.json", INSTAGRAM_FOLLOWING))
    report = records.report.files["following.json"]
    assert (report.rows, report.used) == (3, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [(3, "not an Instagram user name")]
    assert list(records.people["person"]) == ["instagram:maren.oy", "instagram:dana.w"]
    assert list(records.presence["role"]) == ["following", "following"]
    assert report.variant == "Instagram followings (line = entry number)"


def test_instagram_close_friends_are_refused(tmp_path):
    path = _write(tmp_path, "close_friends.json", '{"relationships_close_friends": []}')
    with pytest.raises(InputError, match="lists Instagram's close friends, not followers or following"):
        read_source(path)


X_FOLLOWING = """window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "1234567890",
      "userLink" : "https://twitter.com/intent/user?user_id=1234567890"
    }
  },
  {
    "following" : {
      "accountId" : "42",
      "userLink" : "https://twitter.com/intent/user?user_id=42"
    }
  },
  {
    "following" : {
      "userLink" : "https://twitter.com/intent/user?user_id="
    }
  },
  {
    "following" : {
      "accountId" : "42"
    }
  }
]"""


def test_x_following_gives_account_ids_only_and_says_so(tmp_path):
    path = _write(tmp_path, "following.js", X_FOLLOWING)
    assert detect_record_source(path) == "networks"
    records = read_source(path)
    assert records.kind == "x"
    report = records.report.files["following.js"]
    assert (report.rows, report.used) == (4, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [(3, "no account id"), (4, "the same account as entry 2")]
    assert list(records.people["person"]) == ["x:1234567890", "x:42"]
    assert list(records.presence["role"]) == ["following", "following"]
    assert records.occasions["start"].isna().all()
    assert any("account ids only" in note and "2 accounts cannot be matched to people offline" in note
               for note in records.notes)


def test_x_followers_and_other_x_files(tmp_path):
    followers = _write(tmp_path, "follower.js", 'window.YTD.follower.part0 = [ {"follower": {"accountId": "7"}} ]')
    records = read_source(followers)
    assert list(records.presence["role"]) == ["follower"]
    tweets = _write(tmp_path, "tweets.js", 'window.YTD.tweets.part0 = [ {"tweet": {"full_text": "hello"}} ]')
    assert detect_record_source(tweets) is None


def test_network_files_are_detected_by_content_not_name(tmp_path):
    for text in (FACEBOOK, INSTAGRAM_FOLLOWERS, INSTAGRAM_FOLLOWING, X_FOLLOWING):
        path = _write(tmp_path, "download.txt", text)
        assert networks.detect(path)
    for text in ('{"name": "Ana"}', "[1, 2, 3]", "[]x", '{"messages": []}', "name,email\nAna,a@b.example\n"):
        assert not networks.detect(_write(tmp_path, "other.json", text)), text


@pytest.mark.hostile
def test_broken_or_hostile_json_gives_one_line_with_its_line(tmp_path):
    truncated = _write(tmp_path, "your_friends.json", FACEBOOK[:200])
    with pytest.raises(InputError, match=r"your_friends.json, line \d+: not valid JSON"):
        read_source(truncated)
    nested = _write(tmp_path, "following.js", "window.YTD.following.part0 = " + "[" * 200_000)
    with pytest.raises(InputError, match=r"following\.js"):
        read_source(nested)
    not_a_list = _write(tmp_path, "your_friends.json", '{"friends_v2": {"name": "Ana"}}')
    with pytest.raises(InputError, match="is not a list of friends"):
        read_source(not_a_list)


@pytest.mark.hostile
def test_a_large_follower_list_reads_in_bounded_time(tmp_path):
    import time

    entries = json.dumps([{"follower": {"accountId": str(i)}} for i in range(100_000)])
    path = _write(tmp_path, "follower.js", f"window.YTD.follower.part0 = {entries}")
    started = time.perf_counter()
    records = read_source(path)
    assert time.perf_counter() - started < 15
    assert len(records.people) == 100_000


# ---------------------------------------------------------------------------------------------
# LinkedIn Events.csv

EVENTS = ("Event Name,Event Time,Status,External Url\n"
          'Data Summit 2024,"Apr 08, 2024 07:00 AM - Apr 08, 2024 05:00 PM",ATTENDING,\n'
          'Cloud Day,"May 02, 2024 09:00 AM - May 02, 2024 10:00 AM",RELINQUISHED,\n'
          '"Webinar: Graphs, live","Jun 11, 2024 06:00 PM - Jun 11, 2024 07:00 PM",REGISTERED,'
          "https://zoom.us/j/123456\n"
          "Mystery,,REGISTERED,\n"
          "Odd time,sometime soon,REGISTERED,\n")


def test_linkedin_events(tmp_path):
    path = _write(tmp_path, "Events.csv", EVENTS)
    assert detect_record_source(path) == "linkedin_events"
    records = read_source(path)
    assert records.kind == "linkedin_events"
    report = records.report.files["Events.csv"]
    assert (report.rows, report.used) == (5, 3)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (3, "status RELINQUISHED: the user gave up their place"), (5, "no event time")]
    occasions = records.occasions
    assert list(occasions["line"]) == [2, 4, 6]
    assert list(occasions["mode"]) == ["unknown", "online", "unknown"]
    assert occasions.loc[0, "start"] == pd.Timestamp("2024-04-08 07:00", tz="UTC")
    assert occasions.loc[1, "start"] == pd.Timestamp("2024-06-11 18:00", tz="UTC")
    assert pd.isna(occasions.loc[2, "start"])
    assert set(occasions["kind"]) == {"event"} and set(occasions["size"]) == {1}
    assert "1 event time is not understood as a date: left empty" in report.notes
    assert "statuses: ATTENDING (1), REGISTERED (3), RELINQUISHED (1)" in report.notes
    assert records.people.empty and records.presence.empty
    text = _everything(records)
    for private in ("Data Summit", "Webinar", "zoom.us", "Mystery"):
        assert private not in text


def test_events_and_address_books_do_not_claim_each_other(tmp_path):
    events = _write(tmp_path, "Events.csv", EVENTS)
    assert not address_csv.detect(events) and not contacts_csv.detect(events) and not networks.detect(events)
    connections = _write(tmp_path, "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,"
                                                      "Connected On\nBo,Lind,,,,,03 Jun 2026\n")
    assert not linkedin_events.detect(connections)


def test_network_sources_are_registered():
    assert RECORD_SOURCES["networks"] is networks and RECORD_SOURCES["linkedin_events"] is linkedin_events


_PIECES = st.sampled_from(['{"friends_v2": [', '{"relationships_following": [', "window.YTD.follower.part0 = [",
                           '{"name": "J\\u00c3\\u00bc", "timestamp": 1}', '{"follower": {"accountId": "12"}}',
                           '{"title": "ana", "string_list_data": [{"timestamp": 2}]}', ",", "]", "}", "null", '"x"',
                           "[", "{", "1e999", '{"name": 5}', '{"string_list_data": [{"href": "https://instagram.com/_u/b"}]}'])


@pytest.mark.hostile
@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_any_network_file_is_read_or_refused_in_one_line(tmp_path_factory, pieces):
    path = tmp_path_factory.mktemp("fuzz") / "network.json"
    path.write_text("".join(pieces), encoding="utf-8")
    if not networks.detect(path):
        return
    try:
        records = networks.read(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    report = records.report.files["network.json"]
    assert report.rows == report.used + len(report.skipped)
    assert len(records.people) == len(records.occasions) == len(records.presence) == report.used
