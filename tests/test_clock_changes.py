"""Times that exist, once: the hour the clocks skip is refused, the hour they repeat needs saying which.

Generated over zones and years: every local time in a clock change's skipped hour is refused with
the file, line and field; every time in a repeated hour is refused unless it carries the offset
or abbreviation in force, and then the page says which ("1:30am GMT") and the .ics gives the
exact instant (read back by two parsers).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from conftest import TASTER, build_ok, copy_project, joined, load_event, problems_in, write_folder

from eventsite.model import when
from eventsite.outputs import calendar

HEAD = TASTER.split("sessions:")[0]
ZONES = ["Europe/London", "America/New_York", "Europe/Paris", "Australia/Sydney"]


def _walls(zone_name: str, year: int, kind: str) -> list[dt.datetime]:
    """Wall-clock times (every 5 minutes) in ``year`` that no clock shows (``kind`` "skipped") or
    that clocks show twice ("repeated"), found from the IANA rules alone."""
    zone, found = ZoneInfo(zone_name), []
    day = dt.date(year, 1, 1)
    while day.year == year:
        noon = dt.datetime.combine(day, dt.time(12), zone)
        if (noon - dt.timedelta(days=1)).utcoffset() != noon.utcoffset() or \
                (noon + dt.timedelta(days=1)).utcoffset() != noon.utcoffset():
            for step in range(0, 48 * 12):
                wall = dt.datetime.combine(day - dt.timedelta(days=1), dt.time()) + dt.timedelta(minutes=5 * step)
                local = wall.replace(tzinfo=zone)
                if local.utcoffset() == local.replace(fold=1).utcoffset():
                    continue
                exists = local.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None) == wall
                if (kind == "repeated") == exists:
                    found.append(wall)
        day += dt.timedelta(days=1)
    return sorted(set(found))


def _session(start: str, end: str, zone: str) -> str:
    return joined(HEAD, f"""\
        sessions:
          - id: night
            start: {start}
            end: {end}
            timezone: {zone}
            venue: melton
        """)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ZONES), st.integers(2010, 2030), st.integers(0, 1000))
def test_a_time_in_the_skipped_hour_is_refused_with_its_line(tmp_path_factory, zone, year, pick):
    walls = _walls(zone, year, "skipped")
    if not walls:
        return
    missing = walls[pick % len(walls)]
    start = f"{missing:%Y-%m-%d %H:%M}"
    folder = write_folder(tmp_path_factory.mktemp("gap"), {"a.yml": _session(start, "23:59", zone)})
    problems = problems_in(folder)
    assert [p for p in problems if p.startswith("events/a.yml:6: sessions[1].start: ")
            and "does not exist" in p and zone in p], problems


def test_the_skipped_hour_in_london_is_named_and_a_real_time_suggested(tmp_path):
    folder = write_folder(tmp_path, {"a.yml": _session("2015-03-29 01:30", "03:00", "Europe/London")})
    assert problems_in(folder) == [
        "events/a.yml:6: sessions[1].start: 2015-03-29 01:30 does not exist in Europe/London: the clocks go "
        "forward an hour that night (GMT to BST), so no clock shows it; expected a time outside the missing "
        "hour, such as 02:30"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ZONES), st.integers(2010, 2030), st.integers(0, 1000), st.booleans())
def test_a_repeated_time_needs_saying_which_and_then_means_that_instant(tmp_path_factory, zone, year, pick, first):
    walls = _walls(zone, year, "repeated")
    if not walls:
        return
    local = ZoneInfo(zone)
    wall = walls[pick % len(walls)]
    shown = f"{wall:%Y-%m-%d %H:%M}"
    folder = write_folder(tmp_path_factory.mktemp("twice"), {"a.yml": _session(shown, "23:59", zone)})
    (problem,) = problems_in(folder)
    assert problem.startswith("events/a.yml:6: sessions[1].start: ") and "happens twice" in problem
    meant = dt.datetime.combine(wall.date(), wall.time(), local).replace(fold=0 if first else 1)
    offset = meant.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    said = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    event = load_event(tmp_path_factory.mktemp("said"), _session(f"{shown} {said}", "23:59", zone))
    (session,) = event.sessions
    assert session.start.astimezone(dt.timezone.utc) == meant.astimezone(dt.timezone.utc)
    # The .ics gives that instant, read the same by two parsers.
    data = calendar.event_calendar(event, page_url=None, uid_domain="x.org", today=dt.date(2014, 1, 1))
    first_parser = icalendar.Calendar.from_ical(data).walk("VEVENT")[0].decoded("DTSTART")
    second_parser = vobject.readOne(data.decode()).vevent.dtstart.value
    utc = dt.timezone.utc  # compared as instants: PEP 495 makes an ambiguous time unequal across zones
    assert first_parser.astimezone(utc) == second_parser.astimezone(utc) == meant.astimezone(utc)
    # The page's words say which of the two it is.
    assert when.clock(session.start).endswith(session.start.tzname())


def test_a_stated_offset_that_does_not_hold_is_refused(tmp_path):
    folder = write_folder(tmp_path, {"a.yml": _session("2015-07-01 10:00 GMT", "11:00", "Europe/London")})
    assert problems_in(folder) == [
        "events/a.yml:6: sessions[1].start: says GMT, but 2015-07-01 10:00 in Europe/London is BST (+01:00); "
        "leave out GMT, or correct the time"]


def test_the_page_says_which_hour_and_the_calendar_the_instant(tmp_path):
    project = copy_project(tmp_path / "site")
    path = project / "events" / "action-planning-for-councillors.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start: 2014-12-11 10:00\n    end: 13:00",
                                 "start: 2014-10-26 01:30 GMT\n    end: 03:00"), encoding="utf-8")
    build_ok(project, EVENTS_TODAY="2014-10-01", EVENTS_PDF="no")
    page = BeautifulSoup((project / "site/events/action-planning-for-councillors/index.html").read_text("utf-8"),
                         "html.parser")
    assert "Sunday 26 October 2014, 1:30am GMT to 3am" in page.get_text(" ")
    data = (project / "site/events/action-planning-for-councillors.ics").read_bytes()
    assert b"DTSTART:20141026T013000Z" in data  # the second 01:30, not the first (00:30 UTC)
