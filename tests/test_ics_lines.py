"""The directly written content lines and calendar files are the bytes icalendar writes.

Every comparison here is with icalendar's own serialisation of the same property, VEVENT or
VCALENDAR, made at test time: a difference in escaping, quoting, folding or order fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import HERE, ROOT
from eventsite.model.model import AgendaSlot, Booking, Event, Online, Organiser, Price, Session, Venue, VenueAccess
from eventsite.outputs import calendar, feeds, ics_lines
from eventsite.reading.validate import load_catalogue

TODAY = dt.date(2014, 11, 20)
PAGE = "https://events.example.org/events/x/"
# Characters that change how a line is escaped, quoted or folded, and others of 1 to 4 octets.
AWKWARD = list("aZ é東🎉\\^,;:\"'’\n\rN\t\ufeff") + ["\r\n", "\\N"]
awkward = st.lists(st.sampled_from(AWKWARD) | st.characters(codec="utf-8"), max_size=160).map("".join)
one_line = awkward.map(lambda s: s.replace("\r", "").replace("\n", ""))  # URIs and e-mail addresses
ZONES = ["Europe/London", "Europe/Dublin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
         "Pacific/Chatham", "Africa/Abidjan", "Etc/UTC"]  # the last two icalendar writes as UTC


def icalendar_lines(name: str, value, parameters=None) -> bytes:
    """The content line(s) icalendar writes for one property."""
    item = icalendar.Event()
    item.add(name, value, parameters=parameters)
    return item.to_ical().removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")


# --- single lines --------------------------------------------------------------------------------

@pytest.mark.parametrize("character", ["é", "東", "🎉", "\\", "^", ",", "\n", "a"])
def test_folds_where_icalendar_folds_around_each_boundary(character):
    # A character of 1 to 4 octets, or one written as an escape, at every position around the
    # first two folds.
    for before in range(60, 155):
        value = "x" * before + character * 3 + "y" * 80
        assert ics_lines.line("SUMMARY", ics_lines.text(value)) == icalendar_lines("SUMMARY", value), before


@settings(max_examples=500)
@given(awkward)
def test_text_lines_are_icalendars(value):
    assert ics_lines.line("DESCRIPTION", ics_lines.text(value)) == icalendar_lines("DESCRIPTION", value)


@settings(max_examples=300)
@given(awkward, one_line)
def test_cn_parameter_is_quoted_and_escaped_as_icalendar_does(name, address):
    organiser = icalendar.vCalAddress(f"mailto:{address}")
    organiser.params["CN"] = icalendar.vText(name)
    cn = ics_lines.param(name, quote_if=" '")
    written = ics_lines.line("ORGANIZER", f"mailto:{address}", f";CN={cn}")
    assert written == icalendar_lines("ORGANIZER", organiser)


@settings(max_examples=300)
@given(awkward, one_line)
def test_conference_parameters_are_icalendars(label, link):
    params = {"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": icalendar.vText(label)}
    written = ics_lines.line("CONFERENCE", link, f";FEATURE=VIDEO;LABEL={ics_lines.param(label)};VALUE=URI")
    assert written == icalendar_lines("CONFERENCE", link, params)


@given(st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)),
       st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)), *ZONES]))
def test_date_times_are_icalendars(moment, zone):
    moment = moment.replace(tzinfo=ZoneInfo(zone) if isinstance(zone, str) else zone)
    assert ics_lines.line("DTSTART", *ics_lines.date_time(moment)) == icalendar_lines("DTSTART", moment)


@given(st.dates())
def test_dates_are_icalendars(day):
    assert ics_lines.line("DTEND", *ics_lines.date(day)) == icalendar_lines("DTEND", day)


@given(st.timedeltas(dt.timedelta(days=-3000), dt.timedelta(days=3000)))
def test_durations_are_icalendars(length):
    assert (ics_lines.line("REFRESH-INTERVAL", ics_lines.duration(length), ";VALUE=DURATION")
            == icalendar_lines("REFRESH-INTERVAL", length, {"VALUE": "DURATION"}))
    assert ics_lines.line("X-PUBLISHED-TTL", ics_lines.duration(length)) == icalendar_lines(
        "X-PUBLISHED-TTL", icalendar.vDuration(length))


# --- whole VEVENTs and calendar files -----------------------------------------------------------

def icalendar_calendar(rows, *, name: str, uid_domain: str, today: dt.date, description_text=None,
                       refresh=None, source_url=None, feed=True) -> bytes:
    """The calendar file as icalendar writes it whole: the components ``calendar_for`` stands for."""
    cal = icalendar.Calendar()
    cal.add("PRODID", calendar.PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", icalendar.vText(name))
    cal.add("X-WR-CALNAME", icalendar.vText(name))
    if description_text:
        cal.add("DESCRIPTION", icalendar.vText(description_text))
        cal.add("X-WR-CALDESC", icalendar.vText(description_text))
    if source_url:
        cal.add("SOURCE", source_url, parameters={"VALUE": "URI"})
    if refresh:
        cal.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        cal.add("X-PUBLISHED-TTL", icalendar.vDuration(refresh))
    zones, items = ({"Europe/London": [today.year]} if feed else {}), []  # a feed always has the site's zone
    for event, sessions, page_url in rows:
        day = event.updated or today
        stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        for session in sessions:
            if session.timezone in calendar.WITH_TZID:  # other zones are written in UTC
                zones.setdefault(session.timezone, []).append(session.start.year)
            items.append(calendar.session_component(event, session, uid_domain=uid_domain, stamp=stamp,
                                                    page_url=page_url))
    for zone, years in sorted(zones.items()):
        cal.add_component(calendar.timezone_component(zone, (min(years), max(years))))
    for item in items:
        cal.add_component(item)
    return cal.to_ical()


venues = st.builds(Venue, id=st.just("v"), name=awkward, address=st.lists(awkward, max_size=3).map(tuple),
                   postcode=awkward, access=st.none() | st.builds(VenueAccess, step_free=st.none() | st.booleans(),
                                                                  note=st.none() | awkward))


@st.composite
def sessions(draw, index: int) -> Session:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    start = draw(st.datetimes(dt.datetime(2005, 1, 1), dt.datetime(2025, 12, 31))).replace(
        second=0, microsecond=0, tzinfo=zone)
    to_be_confirmed = draw(st.sampled_from([False, False, True, "morning"]))
    shape = "timed" if to_be_confirmed else draw(st.sampled_from(["timed", "timed", "all_day", "each_day"]))
    if to_be_confirmed:  # as validate makes it: midnight of the day, ending where it starts
        start = start.replace(hour=0, minute=0)
        end = start
    elif shape == "all_day":  # whole days: midnight of the first and of the last day
        start = start.replace(hour=0, minute=0)
        end = start + dt.timedelta(days=draw(st.integers(0, 5)))
    elif shape == "each_day":  # later on a later day
        end = start + dt.timedelta(days=draw(st.integers(1, 5)), minutes=draw(st.integers(1, 600)))
    else:
        end = start + dt.timedelta(minutes=draw(st.integers(1, 3 * 24 * 60)))
    online = draw(st.none() | st.builds(Online, platform=st.none() | awkward, joining=st.none() | awkward,
                                        public_link=st.none() | one_line))
    agenda = tuple(draw(st.lists(st.builds(AgendaSlot, title=awkward, time=st.none() | st.times(),
                                           summary=st.none() | awkward), max_size=3)))
    return Session(id=draw(st.just(f"s{index}") | one_line), start=start, end=end, timezone=zone.key,
                   # No venue and not online: the venue is to be confirmed (with its town, or not).
                   venue=draw(st.none() | venues),
                   status=draw(st.sampled_from(["scheduled", "rescheduled", "postponed", "cancelled"])),
                   revision=draw(st.integers(0, 10_000)), online=online, time_to_be_confirmed=to_be_confirmed,
                   all_day=shape == "all_day", each_day=shape == "each_day", area=draw(st.none() | awkward),
                   title=draw(st.none() | awkward), summary=draw(st.none() | awkward), agenda=agenda)


@st.composite
def events(draw) -> Event:
    count = draw(st.integers(1, 4))
    price = st.builds(Price, amount=st.sampled_from([Decimal(0), Decimal("950"), Decimal("12.50")]),
                      note=st.none() | awkward)
    return Event(slug=draw(st.just("x") | one_line), source="events/x.yml", title=draw(awkward),
                 summary=draw(awkward), organiser=Organiser(id="o", name=draw(awkward), email=draw(one_line)),
                 sessions=tuple(draw(sessions(i)) for i in range(count)), price=draw(st.none() | price),
                 booking=Booking(contact=draw(st.none() | awkward), email=draw(st.none() | one_line),
                                 url=draw(st.none() | one_line), closes=draw(st.none() | st.dates())),
                 updated=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))))


@settings(max_examples=150, deadline=None)
@given(events(), st.none() | one_line.filter(bool))
def test_each_vevent_is_icalendars(event, page_url):
    stamp = dt.datetime(2014, 11, 3, tzinfo=dt.timezone.utc)
    for session in event.sessions:
        expected = calendar.session_component(event, session, uid_domain="events.example.org", stamp=stamp,
                                              page_url=page_url).to_ical()
        assert calendar.session_bytes(event, session, uid_domain="events.example.org", stamp=stamp,
                                      page_url=page_url) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), min_size=0, max_size=3), awkward, st.none() | awkward, st.none() | one_line,
       st.none() | st.timedeltas(dt.timedelta(0), dt.timedelta(days=30)))
def test_calendar_files_are_icalendars(items, name, description_text, source_url, refresh):
    rows = [(event, event.sessions, PAGE) for event in items]
    options = dict(name=name, uid_domain="events.example.org", today=TODAY, description_text=description_text,
                   refresh=refresh, source_url=source_url)
    assert calendar.calendar_for(rows, **options) == icalendar_calendar(rows, **options)


def test_a_naive_stamp_is_read_as_utc_as_icalendar_reads_it(tmp_path):
    event = real_events(tmp_path)[0]
    stamp = dt.datetime(2014, 1, 1)
    expected = calendar.session_component(event, event.sessions[0], uid_domain="x", stamp=stamp, page_url=None)
    assert calendar.session_bytes(event, event.sessions[0], uid_domain="x", stamp=stamp,
                                  page_url=None) == expected.to_ical()


def real_events(tmp_path) -> list[Event]:
    """The example site's events with the test fixtures beside them: every status, online and
    hybrid, a series, a time to be confirmed; plus a copy of each in other zones."""
    folder = tmp_path / "events"
    shutil.copytree(ROOT / "events", folder)
    for fixture in [*sorted((HERE / "fixtures" / "life").glob("life-*.yml")),
                    *sorted((HERE / "fixtures" / "statuses").glob("*.yml"))]:
        shutil.copy2(fixture, folder / fixture.name)
    venues = folder / "_venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8")
                      + (HERE / "fixtures" / "life" / "venues.yml").read_text(encoding="utf-8"), encoding="utf-8")
    explainers = {p.stem for p in (ROOT / "docs" / "explainers").glob("*.md")}
    found = list(load_catalogue(folder, explainers, "Europe/London").events)
    assert len(found) > 10
    moved = []
    for event, zone in zip(found, ["America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/Paris"]):
        here = ZoneInfo(zone)
        moved.append(dataclasses.replace(event, slug=f"{event.slug}-{zone.split('/')[1].lower()}", sessions=tuple(
            dataclasses.replace(s, timezone=zone, start=s.start.replace(tzinfo=here), end=s.end.replace(tzinfo=here))
            for s in event.sessions)))
    return found + moved


def test_the_example_and_fixture_events_give_icalendars_bytes(tmp_path):
    found = real_events(tmp_path)
    statuses = {s.status for e in found for s in e.sessions}
    assert statuses == {"scheduled", "rescheduled", "postponed", "cancelled"}
    assert any(not s.time_known for e in found for s in e.sessions)
    assert any(s.online and s.online.public_link for e in found for s in e.sessions)
    for event in found:
        rows = [(event, event.sessions, PAGE)]
        assert calendar.event_calendar(event, page_url=PAGE, uid_domain="events.example.org", today=TODAY) \
            == icalendar_calendar(rows, name=event.title, uid_domain="events.example.org", today=TODAY,
                                  feed=False), event.slug
    # A subscribable feed, as the site writes it: description, refresh interval and source.
    catalogue = dataclasses.replace(load_catalogue(tmp_path / "events", {p.stem for p in (
        ROOT / "docs" / "explainers").glob("*.md")}, "Europe/London"), events=tuple(found))
    site = feeds.feeds_for(catalogue, "Example events")[0]
    rows = [(e, ss, PAGE) for e, ss in feeds.feed_sessions(site, TODAY, 30)]
    options = dict(name=site.name, uid_domain="events.example.org", today=TODAY, description_text=site.description,
                   refresh=dt.timedelta(hours=12), source_url="https://events.example.org/calendar.ics")
    assert calendar.calendar_for(rows, **options) == icalendar_calendar(rows, **options)
