"""Subscribable feeds: what each holds, and what reaches calendars when sessions change."""

from __future__ import annotations

import datetime as dt

import icalendar
import vobject

import re

from conftest import TASTER, joined, load_folder

from eventsite.outputs import calendar, feeds

TWO_SESSIONS = TASTER.rstrip(" ") + """\
      - id: later
        start: 2015-03-05 10:00
        end: 2015-03-05 16:00
        venue: derby
        status: cancelled
"""


def with_session(text: str, *lines: str) -> str:
    """``text`` with ``lines`` added to its first session, at that session's indentation."""
    match = re.search(r"^( *)venue: melton\n", text, flags=re.M)
    indent = match.group(1)
    return text[:match.end()] + "".join(f"{indent}{line}\n" for line in lines) + text[match.end():]



def _feed_bytes(catalogue, today, keep=30):
    site = feeds.feeds_for(catalogue, "Example events")[0]
    rows = feeds.feed_sessions(site, today, keep)
    return calendar.calendar_for([(e, ss, None) for e, ss in rows], name=site.name, uid_domain="example.org",
                                 today=today, description_text=site.description,
                                 refresh=dt.timedelta(hours=12))


def test_feeds_exist_for_site_organisers_and_tags(tmp_path):
    catalogue = load_folder(tmp_path, {"a.yml": joined(TASTER, "tags: [action-learning, councillors]\n"),
                                       "b.yml": TASTER})
    found = [(f.path, len(f.events)) for f in feeds.feeds_for(catalogue, "Example events")]
    assert found == [("calendar.ics", 2), ("calendars/organiser-emc.ics", 2),
                     ("calendars/tag-action-learning.ics", 1), ("calendars/tag-councillors.ics", 1)]


def test_cancelled_future_sessions_stay_and_old_ones_leave(tmp_path):
    catalogue = load_folder(tmp_path, {"a.yml": TWO_SESSIONS})
    # On 1 February 2015 the December session ended 52 days ago: past the 30-day window.
    cal = icalendar.Calendar.from_ical(_feed_bytes(catalogue, dt.date(2015, 2, 1)))
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["a.later@example.org"]
    assert str(events[0]["STATUS"]) == "CANCELLED"
    assert int(events[0]["SEQUENCE"]) == 1
    # Ten days after the December session it is still there.
    cal = icalendar.Calendar.from_ical(_feed_bytes(catalogue, dt.date(2014, 12, 21)))
    assert len(cal.walk("VEVENT")) == 2


def test_an_empty_feed_still_has_its_name_refresh_interval_and_zone(tmp_path):
    catalogue = load_folder(tmp_path, {"a.yml": TASTER})
    data = _feed_bytes(catalogue, dt.date(2020, 1, 1))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in data
    cal = icalendar.Calendar.from_ical(data)
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == "Example events"
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/London"]
    parsed = vobject.readOne(data.decode())
    assert parsed.x_wr_calname.value == "Example events"


def test_moving_a_session_keeps_its_uid_and_raises_sequence(tmp_path):
    before = load_folder(tmp_path / "a", {"a.yml": TASTER}).events[0]
    moved = with_session(TASTER.replace("start: 2014-12-11 10:00", "start: 2014-12-18 10:00"),
                         "previous_start: 2014-12-11 10:00", "status: rescheduled")
    after = load_folder(tmp_path / "b", {"a.yml": moved}).events[0]
    old = icalendar.Calendar.from_ical(calendar.event_calendar(before, page_url=None, uid_domain="x.org",
                                                               today=dt.date(2014, 11, 1))).walk("VEVENT")[0]
    new = icalendar.Calendar.from_ical(calendar.event_calendar(after, page_url=None, uid_domain="x.org",
                                                               today=dt.date(2014, 11, 1))).walk("VEVENT")[0]
    assert old["UID"] == new["UID"]
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTART") == dt.datetime(2014, 12, 18, 10, 0, tzinfo=new.decoded("DTSTART").tzinfo)


def test_other_zones_are_written_in_utc_which_every_client_reads_exactly(tmp_path):
    # New York's clocks went forward on 9 March 2014 at 02:00 local time: 10:00 EDT the next day
    # is 14:00 UTC.
    text = with_session(TASTER, "timezone: America/New_York")
    text = text.replace("start: 2014-12-11 10:00", "start: 2014-03-10 10:00")
    event = load_folder(tmp_path, {"a.yml": text}).events[0]
    data = calendar.event_calendar(event, page_url=None, uid_domain="x.org", today=dt.date(2014, 1, 1))
    zones = {str(z["TZID"]) for z in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")}
    assert zones == set()  # an event's own file carries only the zones it uses (feeds carry the site's)
    assert b"DTSTART:20140310T140000Z" in data and b"TZID=America" not in data
    vevent = vobject.readOne(data.decode()).vevent
    assert vevent.dtstart.value == dt.datetime(2014, 3, 10, 14, 0, tzinfo=dt.timezone.utc)
