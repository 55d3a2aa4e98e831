"""The .ics files, read back with icalendar and with vobject, an independent second parser.

vobject builds its time zones from the VTIMEZONE in the file (through dateutil), while icalendar
looks the TZID up in the system's zone database: a wrong hand-written rule shows in vobject.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from conftest import TASTER, joined, load_event
from eventsite.outputs.calendar import event_calendar

TODAY = dt.date(2014, 11, 20)
UTC = dt.timezone.utc
PAGE = "https://events.example.org/events/taster/"
HEAD = TASTER.split("sessions:")[0]


def ics_for(event, today=TODAY) -> bytes:
    return event_calendar(event, page_url=PAGE, uid_domain="events.example.org", today=today)


def parse_both(data: bytes):
    """(icalendar VEVENTs, vobject VEVENTs, icalendar calendar, vobject calendar)."""
    ical = icalendar.Calendar.from_ical(data)
    vcal = vobject.readOne(data.decode("utf-8"))
    return ical.walk("VEVENT"), list(vcal.vevent_list), ical, vcal


@pytest.fixture
def series(tmp_path):
    """Four sessions, one of each status, two of them moved or revised."""
    return load_event(tmp_path, joined(HEAD, """\
        updated: 2014-11-03
        booking:
          contact: Kirsty Lowe
          email: kirsty.lowe@example.org
        sessions:
          - id: first
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
          - id: second
            start: 2015-01-15 10:00
            end: 13:00
            venue: derby
            status: rescheduled
            previous_start: 2015-01-08 10:00
            revision: 1
          - id: third
            start: 2015-02-12 10:00
            end: 13:00
            venue: melton
            status: cancelled
            revision: 2
          - id: fourth
            start: 2015-03-12 10:00
            end: 13:00
            venue: melton
            status: postponed
        """))


def test_one_vevent_per_session_and_publish(series):
    data = ics_for(series)
    ical_events, v_events, ical, vcal = parse_both(data)
    assert len(ical_events) == len(v_events) == 4
    assert ical["METHOD"] == "PUBLISH" and vcal.method.value == "PUBLISH"
    assert ical["VERSION"] == "2.0" and ical["PRODID"] == "-//eventsite//Event pages and calendars//EN"
    assert [str(e["UID"]) for e in ical_events] == [e.uid.value for e in v_events] == [
        "taster.first@events.example.org", "taster.second@events.example.org",
        "taster.third@events.example.org", "taster.fourth@events.example.org"]
    # METHOD:PUBLISH obliges an ORGANIZER on every event (RFC 5546).
    assert {e.organizer.value for e in v_events} == {"mailto:events@example.org"}
    assert {e.organizer.params["CN"][0] for e in v_events} == {"East Midlands Councils"}


def test_status_and_summary_follow_each_session(series):
    ical_events, v_events, _, _ = parse_both(ics_for(series))
    assert [(e["STATUS"], e["TRANSP"]) for e in ical_events] == [
        ("CONFIRMED", "OPAQUE"), ("CONFIRMED", "OPAQUE"), ("CANCELLED", "TRANSPARENT"), ("TENTATIVE", "OPAQUE")]
    assert [e.status.value for e in v_events] == ["CONFIRMED", "CONFIRMED", "CANCELLED", "TENTATIVE"]
    assert [e.summary.value for e in v_events] == [
        "Action planning for councillors", "Action planning for councillors",
        "Cancelled: Action planning for councillors", "Action planning for councillors"]
    descriptions = [e.description.value for e in v_events]
    assert descriptions[2].startswith("CANCELLED.\n")
    assert descriptions[3].startswith("POSTPONED: a new date will be announced.\n")


def sequence_of(tmp_path, folder: str, session_lines: str) -> int:
    event = load_event(tmp_path / folder, joined(HEAD, """\
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
        """) + "".join(f"    {line}\n" for line in session_lines.splitlines()))
    (ical_event,), (v_event,), _, _ = parse_both(ics_for(event))
    assert ical_event["SEQUENCE"] == int(v_event.sequence.value)
    return ical_event["SEQUENCE"]


def test_sequence_is_the_revision_of_a_scheduled_session(tmp_path):
    assert sequence_of(tmp_path, "a", "") == 0
    assert sequence_of(tmp_path, "b", "revision: 3") == 3


@pytest.mark.parametrize("status", [
    "status: cancelled",
    "status: postponed",
    "status: rescheduled\nprevious_start: 2014-12-04 10:00",
])
def test_a_change_of_status_raises_the_sequence(tmp_path, status):
    # Calendars ignore an update whose SEQUENCE is not higher than the copy they hold.
    before = sequence_of(tmp_path, "before", "revision: 2")
    after = sequence_of(tmp_path, "after", status + "\nrevision: 2")
    assert after > before
    # Raising the revision raises the SEQUENCE by as much.
    assert sequence_of(tmp_path, "later", status + "\nrevision: 3") == after + 1


def test_dtstamp_comes_from_updated_not_from_the_clock(series, tmp_path):
    ical_events, v_events, _, _ = parse_both(ics_for(series))
    stamp = dt.datetime(2014, 11, 3, tzinfo=UTC)
    assert {e.decoded("DTSTAMP") for e in ical_events} == {stamp}
    assert {e.dtstamp.value for e in v_events} == {stamp}
    # Without updated:, the build's "today" is used: still no clock.
    plain = load_event(tmp_path / "plain", TASTER)
    (event,), _, _, _ = parse_both(ics_for(plain, today=dt.date(2014, 11, 20)))
    assert event.decoded("DTSTAMP") == dt.datetime(2014, 11, 20, tzinfo=UTC)


def test_the_same_sources_give_the_same_bytes(series):
    assert ics_for(series) == ics_for(series)


def test_lines_are_crlf_and_folded(series):
    data = ics_for(series)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_uid_survives_a_change_of_date_time_and_venue(tmp_path):
    def uid(sessions: str, folder: str) -> str:
        event = load_event(tmp_path / folder, joined(HEAD, sessions))
        (ical_event,), (v_event,), _, _ = parse_both(ics_for(event))
        assert str(ical_event["UID"]) == v_event.uid.value
        return v_event.uid.value

    before = uid("""\
        sessions:
          - id: taster-2014-12
            start: 2014-12-04 10:00
            end: 13:00
            venue: melton
        """, "before")
    moved = uid("""\
        sessions:
          - id: taster-2014-12
            start: 2014-12-11 14:00
            end: 17:30
            venue: derby
            status: rescheduled
            previous_start: 2014-12-04 10:00
            revision: 1
        """, "moved")
    renamed = uid("""\
        sessions:
          - id: taster-2015-01
            start: 2014-12-04 10:00
            end: 13:00
            venue: melton
        """, "renamed")
    assert before == moved == "taster.taster-2014-12@events.example.org"
    assert renamed != before


def test_europe_london_is_the_hand_written_rule_based_zone(series):
    _, _, ical, vcal = parse_both(ics_for(series))
    (zone,) = ical.walk("VTIMEZONE")  # one zone, however many sessions use it
    assert zone["TZID"] == "Europe/London"
    (summer,) = zone.walk("DAYLIGHT")
    (winter,) = zone.walk("STANDARD")
    assert summer.decoded("DTSTART") == dt.datetime(1970, 3, 29, 1, 0)
    assert dict(summer["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert (summer.decoded("TZOFFSETFROM"), summer.decoded("TZOFFSETTO"), summer["TZNAME"]) == (
        dt.timedelta(0), dt.timedelta(hours=1), "BST")
    assert winter.decoded("DTSTART") == dt.datetime(1970, 10, 25, 2, 0)
    assert dict(winter["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert (winter.decoded("TZOFFSETFROM"), winter.decoded("TZOFFSETTO"), winter["TZNAME"]) == (
        dt.timedelta(hours=1), dt.timedelta(0), "GMT")
    assert not zone.walk("RDATE") and "RDATE" not in summer and "RDATE" not in winter
    # Every DTSTART and DTEND names a zone the file defines.
    assert {e[name].params["TZID"] for e in ical.walk("VEVENT") for name in ("DTSTART", "DTEND")} == {
        "Europe/London"}


def test_the_zone_rules_match_the_zone_database_for_decades():
    # Read the file's own rules (vobject -> dateutil), then compare them with the system's zone
    # database hourly around every change from 1996 (EU rules) to 2037, and mid-winter and summer.
    data = event_calendar(_one_session_event(), page_url=None, uid_domain="x", today=TODAY)
    rules = vobject.readOne(data.decode()).vtimezone.gettzinfo()
    london = ZoneInfo("Europe/London")
    moments = []
    for year in range(1996, 2038):
        for month in (3, 10):
            last_sunday = max(dt.date(year, month, d) for d in range(25, 32) if dt.date(year, month, d).weekday() == 6)
            night = dt.datetime.combine(last_sunday, dt.time(), tzinfo=UTC) - dt.timedelta(hours=3)
            moments += [night + dt.timedelta(minutes=30 * i) for i in range(13)]
        moments += [dt.datetime(year, 1, 15, 12, tzinfo=UTC), dt.datetime(year, 7, 15, 12, tzinfo=UTC)]
    for moment in moments:
        expected = moment.astimezone(london)
        got = moment.astimezone(rules)
        assert (got.utcoffset(), got.replace(tzinfo=None)) == (expected.utcoffset(), expected.replace(tzinfo=None)), moment


def _one_session_event():
    from eventsite.model.model import Event, Organiser, Session, Venue
    venue = Venue("melton", "Pera Business Park", ("Nottingham Road",), "LE13 0PB")
    london = ZoneInfo("Europe/London")
    session = Session("s", dt.datetime(2014, 12, 11, 10, tzinfo=london),
                      dt.datetime(2014, 12, 11, 13, tzinfo=london), "Europe/London", venue)
    return Event(slug="e", source="events/e.yml", title="T", summary="S",
                 organiser=Organiser("emc", "EMC", "events@example.org"), sessions=(session,))


@pytest.mark.parametrize("start, end, utc_start, utc_end", [
    # Clocks go forward at 01:00 GMT on Sunday 30 March 2014.
    ("2014-03-30 00:30", "03:00", "2014-03-30 00:30", "2014-03-30 02:00"),
    # Clocks go back at 02:00 BST on Sunday 26 October 2014.
    ("2014-10-25 23:30", "2014-10-26 03:00", "2014-10-25 22:30", "2014-10-26 03:00"),
    ("2014-07-01 10:00", "13:00", "2014-07-01 09:00", "2014-07-01 12:00"),
], ids=["spring-forward", "fall-back", "summer"])
def test_sessions_across_the_clock_change_convert_to_the_right_utc(tmp_path, start, end, utc_start, utc_end):
    event = load_event(tmp_path, joined(HEAD, f"""\
        sessions:
          - id: night
            start: {start}
            end: {end}
            venue: melton
        """))
    (ical_event,), (v_event,), _, _ = parse_both(ics_for(event))
    expected = (dt.datetime.fromisoformat(utc_start).replace(tzinfo=UTC),
                dt.datetime.fromisoformat(utc_end).replace(tzinfo=UTC))
    assert (ical_event.decoded("DTSTART").astimezone(UTC), ical_event.decoded("DTEND").astimezone(UTC)) == expected
    assert (v_event.dtstart.value.astimezone(UTC), v_event.dtend.value.astimezone(UTC)) == expected


def test_another_zone_is_written_in_utc(tmp_path):
    event = load_event(tmp_path, joined(HEAD, """\
        sessions:
          - id: paris
            start: 2014-12-11 10:00
            end: 13:00
            venue: derby
            timezone: Europe/Paris
          - id: home
            start: 2014-12-12 10:00
            end: 13:00
            venue: melton
        """))
    _, v_events, ical, _ = parse_both(ics_for(event))
    assert sorted(z["TZID"] for z in ical.walk("VTIMEZONE")) == ["Europe/London"]
    assert v_events[0].dtstart.value.utcoffset() == dt.timedelta(0)  # UTC: exact in every client (calendar.WITH_TZID)
    assert v_events[0].dtstart.value.astimezone(UTC) == dt.datetime(2014, 12, 11, 9, 0, tzinfo=UTC)
    assert v_events[1].dtstart.value.astimezone(UTC) == dt.datetime(2014, 12, 12, 10, 0, tzinfo=UTC)


TRICKY = 'Budgets, scrutiny; and "you": a \\ backslash'


def test_commas_semicolons_and_quotes_in_titles_round_trip(tmp_path):
    title = TRICKY.replace("\\", "\\\\").replace('"', '\\"')
    event = load_event(tmp_path, joined(f'title: "{title}"\n', HEAD.split("\n", 1)[1], """\
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
        """))
    assert event.title == TRICKY
    data = ics_for(event)
    assert b"SUMMARY:Budgets\\, scrutiny\\; and \"you\": a \\\\ backslash\r\n" in data
    (ical_event,), (v_event,), ical, vcal = parse_both(data)
    assert str(ical_event["SUMMARY"]) == v_event.summary.value == TRICKY
    # The calendar's own name is escaped too (icalendar leaves NAME and X-WR-CALNAME raw by default).
    assert b"X-WR-CALNAME:Budgets\\, scrutiny\\;" in data and b"\r\nNAME:Budgets\\, scrutiny\\;" in data
    assert vcal.x_wr_calname.value == vcal.contents["name"][0].value == TRICKY
    # icalendar hands both back still escaped (it reads them as unknown properties, not TEXT).
    assert str(ical["X-WR-CALNAME"]) == str(ical["NAME"]) == 'Budgets\\, scrutiny\\; and "you": a \\\\ backslash'


def test_newlines_in_titles_and_descriptions_are_escaped(series):
    event = dataclasses.replace(series, title="Line one\nLine two, and more", summary="First\r\nSecond")
    data = ics_for(event)
    # No bare CR or LF inside a value: iOS drops events after one.
    assert all(b"\r" not in line and b"\n" not in line for line in data.split(b"\r\n"))
    assert b"SUMMARY:Line one\\nLine two\\, and more\r\n" in data
    ical_events, v_events, _, _ = parse_both(data)
    assert str(ical_events[0]["SUMMARY"]) == v_events[0].summary.value == "Line one\nLine two, and more"
    description = v_events[0].description.value
    assert str(ical_events[0]["DESCRIPTION"]) == description
    assert description.splitlines()[-2:] == [
        "To book: Kirsty Lowe, kirsty.lowe@example.org", f"Details: {PAGE}"]


def test_description_and_location_say_what_and_where(series):
    _, v_events, _, _ = parse_both(ics_for(series))
    first = v_events[0]
    assert first.location.value == "Pera Business Park, Nottingham Road, Melton Mowbray, LE13 0PB"
    assert first.url.value == PAGE
    assert first.description.value == (
        "A free half-day taster session.\n"
        "To book: Kirsty Lowe, kirsty.lowe@example.org\n"
        f"Details: {PAGE}")
