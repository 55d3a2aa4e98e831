"""Model -> .ics bytes: one VEVENT per session, reproducible, accepted by Outlook, Google and Apple.

- UID: the event's slug and the session's ``id`` at the site's domain, never the title or the
  time, so a moved session stays the same entry in every calendar that holds it.
- SEQUENCE and DTSTAMP: what the history of the events folder says (``history.Told``): a
  SEQUENCE that rises with every change of time, place, title or status and never falls, and the
  time of the commit that last changed the file. Without history: the session's ``revision``
  (plus one once it is not scheduled) and the event's ``updated`` date, else the build's "today".
  Either way, the same sources give the same bytes.
- VTIMEZONE: Europe/London written by hand with yearly rules (icalendar's generated zone
  starts summer time at 02:00 instead of 01:00 and lists RDATEs ical.js ignores). Sessions in
  other zones are written in UTC (``WITH_TZID`` says why).

The VCALENDAR's own lines and each VEVENT are written directly (``ics_lines``), byte for byte
what icalendar writes for the same components (``session_component``; tests/test_ics_lines.py
compares them). icalendar's serialisation, which builds an object per property and folds lines
a character at a time, cost about 0.7 ms a session; written directly, a session costs about
0.06 ms, so every file writes its VEVENTs afresh rather than keeping them in a cache. The
VTIMEZONEs still come from icalendar, serialised once per zone and years.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Iterable, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import (Event as VEvent, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur,
                       vText)

from ..model import when
from ..model.model import Event, Online, Organiser, Session
from ..model.series import Unit
from ..model.wording import access_lines, joining_text, location_text, open_items, price_text, session_when
from . import ics_lines
from ..reading.history import Told

PRODID = "-//eventsite//Event pages and calendars//EN"
STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}


def _europe_london() -> Timezone:
    zone = Timezone()
    zone.add("TZID", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("DTSTART", dt.datetime(1970, 3, 29, 1, 0))
    summer.add("RRULE", vRecur({"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"}))
    summer.add("TZOFFSETFROM", dt.timedelta(0))
    summer.add("TZOFFSETTO", dt.timedelta(hours=1))
    summer.add("TZNAME", "BST")
    winter = TimezoneStandard()
    winter.add("DTSTART", dt.datetime(1970, 10, 25, 2, 0))
    winter.add("RRULE", vRecur({"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"}))
    winter.add("TZOFFSETFROM", dt.timedelta(hours=1))
    winter.add("TZOFFSETTO", dt.timedelta(0))
    winter.add("TZNAME", "GMT")
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _transitions(zone: ZoneInfo, year: int) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]]:
    """Each change of UTC offset in ``year``: (local wall time it happens, offset before,
    offset after, abbreviation after), found by stepping through the year in UTC."""
    found = []
    moment = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.timezone.utc)
    step = dt.timedelta(hours=6)
    before = moment.astimezone(zone).utcoffset()
    while moment < end:
        after_moment = moment + step
        after = after_moment.astimezone(zone).utcoffset()
        if after != before:
            low, high = moment, after_moment  # narrow to the minute
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            local = (high.replace(tzinfo=None) + before).replace(second=0, microsecond=0)
            found.append((local, before, after, high.astimezone(zone).tzname() or ""))
            before = after
        moment = after_moment
    return found


@functools.lru_cache(maxsize=None)
def _zone_from_rules(name: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE with one dated sub-component per transition in the years given (no RDATE
    lists, which ical.js reads only the first of), checked against the IANA rules in zoneinfo."""
    zone = ZoneInfo(name)
    component = Timezone()
    component.add("TZID", name)
    changes = [c for year in range(first_year, last_year + 1) for c in _transitions(zone, year)]
    if not changes:  # a zone without clock changes: one STANDARD from the first year
        start = dt.datetime(first_year, 1, 1)
        offset = start.replace(tzinfo=zone).utcoffset()
        changes = [(start, offset, offset, start.replace(tzinfo=zone).tzname() or "")]
    for local, before, after, abbreviation in changes:
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("DTSTART", local)
        part.add("TZOFFSETFROM", before)
        part.add("TZOFFSETTO", after)
        if abbreviation:
            part.add("TZNAME", abbreviation)
        component.add_component(part)
    return component.to_ical()


def timezone_component(name: str, years: tuple[int, int] = (1970, 1970)) -> Timezone:
    """The VTIMEZONE for a zone name, covering sessions in ``years`` (first, last)."""
    if name == "Europe/London":
        return _europe_london()
    return Timezone.from_ical(_zone_from_rules(name, years[0] - 1, years[1] + 1))


# A calendar file is joined from the bytes of its parts: its own lines, each VTIMEZONE (made by
# icalendar once per zone and years) and each VEVENT (written directly, ``session_bytes``). A
# component's ``to_ical()`` is exactly its lines within the whole calendar's, so the result is
# what icalendar would write for the whole calendar.
_END = b"END:VCALENDAR\r\n"


@functools.lru_cache(maxsize=None)
def _zone_bytes(name: str, years: tuple[int, int]) -> bytes:
    """``timezone_component(name, years).to_ical()``, made once per zone and years."""
    return timezone_component(name, years).to_ical()


def sequence(session: Session, told: Told | None = None) -> int:
    """SEQUENCE: what the history says (``told``); without history, the author's revision plus
    one once a session is rescheduled, postponed or cancelled."""
    if told is not None:
        return told.sequence
    return session.revision + (0 if session.status == "scheduled" else 1)


# Zones whose times are written with their TZID and a VTIMEZONE. Any other zone's times are written
# in UTC, which every client reads exactly: Mozilla's ical.js converts to a zone by looking the
# offset up at the UTC wall time as if it were local, so it moves every clock change of a zone
# whose offset is not 0 before the change (New York, Paris) by that offset, whatever the
# VTIMEZONE says; London's changes happen at an offset of 0 or at 01:00 UTC, where it is right.
WITH_TZID = frozenset({"Europe/London"})


def _written(moment: dt.date | dt.datetime, zone: str) -> dt.date | dt.datetime:
    """A session's time as the .ics writes it: local with its TZID, or UTC (another zone, or the
    second of a time that happens twice: a local time with a TZID means the first, RFC 5545 3.3.5)."""
    if isinstance(moment, dt.datetime) and (zone not in WITH_TZID or (moment.fold and when.twice(moment))):
        return moment.astimezone(dt.timezone.utc)
    return moment


def description(event: Event, session: Session, page_url: str | None) -> str:
    """Plain-text DESCRIPTION: summary, the series it belongs to, the time if not yet known, how
    to join online, venue access, price, how to book and the page's address."""
    lines = [event.summary]
    if session.all_day or session.each_day:  # a block of days: which days, in words
        lines.append(f"{session_when(session)}.")
    if session.summary:
        lines.append(session.summary)
    for slot in session.agenda:
        lines.append(f"{when.clock(slot.time)}: {slot.title}" if slot.time else slot.title)
    if session.status == "cancelled":
        lines.insert(0, "CANCELLED.")
    elif session.status == "postponed":
        lines.insert(0, "POSTPONED: a new date will be announced.")
    if session.time_to_be_confirmed is not False:
        lines.insert(0, f"TIME TO BE CONFIRMED: {session_when(session)}. This entry covers the whole day "
                        "until the time is set.")
    still = [item for item in open_items(event, session) if item != "the time"]
    if still and session.status != "cancelled":
        lines.append("Still to be confirmed: " + ", ".join(still) + ". This entry will be updated.")
    series = next((s for s in event.series if s.id == session.series), None) if session.series else None
    if series is not None:
        together = [s for s in event.sessions if s.series == series.id]
        lines.append(f"Session {together.index(session) + 1} of {len(together)} in "
                     f"{series.title}: the series is booked as one, and you attend every session.")
    platform = f" on {session.online.platform}" if session.online is not None and session.online.platform else ""
    if session.online is not None and session.online.public_link:
        lines.append(f"Join online{platform}: {session.online.public_link}")
    elif session.online is not None:
        lines.append(f"Online{platform}: {joining_text(session.online)}")
    access = access_lines(session.venue.access if session.venue else None)
    if access:
        lines.append(f"Access at {session.venue.name}: " + "; ".join(access))
    price = price_text(event.price) if event.price else None
    if price:
        lines.append(f"Price: {price}")
    booking = event.booking
    how = [part for part in (booking.contact, booking.email, booking.phone, booking.url) if part]
    if how and session.status == "cancelled":  # nothing to book: whom to ask instead
        lines.append("Questions: " + ", ".join(how))
    elif how:
        lines.append("To book: " + ", ".join(how))
    if booking.opens and how and session.status != "cancelled":
        lines.append(f"Booking opens: {when.day(booking.opens) if isinstance(booking.opens, dt.date) else booking.opens}")
    if booking.closes and session.status != "cancelled":
        lines.append(f"Booking closes: {when.day(booking.closes)}")
    if page_url:
        lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def location(session: Session) -> str | None:
    return location_text(session)


class _Entry(NamedTuple):
    """What one session's VEVENT says, decided once for both writers below."""

    uid: str
    sequence: int
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    summary: str
    description: str
    location: str | None  # None while neither the venue nor its town is known
    url: str | None
    organiser: Organiser
    status: str
    transp: str
    conference: Online | None  # only an online session whose link the author chose to publish
    days: int  # the same times on this many days in a row (each_day), written as a daily RRULE


def _entry(event: Event, session: Session, uid_domain: str, page_url: str | None,
           told: Told | None = None) -> _Entry:
    days = 1
    if session.all_day:  # whole days: DTEND is the day after the last (RFC 5545 3.6.1, exclusive)
        start, end = session.start.date(), session.end.date() + dt.timedelta(days=1)
    elif session.each_day:  # the first day's times, repeated daily
        days = session.days
        first_end = session.end.tzinfo and dt.datetime.combine(session.start.date(), session.end.time(),
                                                                session.end.tzinfo)
        start, end = _written(session.start, session.timezone), _written(first_end, session.timezone)
    elif session.time_known:
        start, end = _written(session.start, session.timezone), _written(session.end, session.timezone)
    else:  # the day is known, the hour is not: an all-day entry (DTEND is the next day, exclusive)
        start = session.start.date()
        end = start + dt.timedelta(days=1)
    status = STATUS[session.status]
    if status == "CONFIRMED" and session.time_to_be_confirmed is not False:
        status = "TENTATIVE"
    online = session.online if session.online is not None and session.online.public_link else None
    title = f"{event.title}: {session.title}" if session.title else event.title
    return _Entry(uid=f"{event.slug}.{session.id}@{uid_domain}", sequence=sequence(session, told), start=start,
                  end=end, summary=("Cancelled: " if session.status == "cancelled" else "") + title,
                  description=description(event, session, page_url), location=location(session),
                  url=page_url or None, organiser=event.organiser, status=status,
                  transp="TRANSPARENT" if session.status == "cancelled" else "OPAQUE", conference=online,
                  days=days)


def session_component(event: Event, session: Session, *, uid_domain: str, stamp: dt.datetime,
                      page_url: str | None, told: Told | None = None) -> VEvent:
    """One VEVENT for one session, as an icalendar component (to read its properties): the
    component whose ``to_ical()`` ``session_bytes`` writes."""
    entry = _entry(event, session, uid_domain, page_url, told)
    item = VEvent()
    item.add("UID", entry.uid)
    item.add("DTSTAMP", stamp)
    item.add("SEQUENCE", entry.sequence)
    item.add("LAST-MODIFIED", stamp)
    item.add("DTSTART", entry.start)
    item.add("DTEND", entry.end)
    item.add("SUMMARY", entry.summary)
    item.add("DESCRIPTION", entry.description)
    if entry.location:
        item.add("LOCATION", entry.location)
    if entry.days > 1:
        item.add("RRULE", vRecur({"FREQ": "DAILY", "COUNT": entry.days}))
    if entry.url:
        item.add("URL", entry.url)
    organiser = vCalAddress(f"mailto:{entry.organiser.email}")
    organiser.params["CN"] = vText(entry.organiser.name)
    item.add("ORGANIZER", organiser)
    item.add("STATUS", entry.status)
    item.add("TRANSP", entry.transp)
    if entry.status == "TENTATIVE":
        item.add("X-MICROSOFT-CDO-BUSYSTATUS", "TENTATIVE")  # Outlook shows the day as tentative
    if entry.conference is not None:
        # RFC 7986: how to join. Only a link the author chose to publish (public_link) is here.
        parameters = {"VALUE": "URI", "FEATURE": "VIDEO"}
        if entry.conference.platform:
            parameters["LABEL"] = vText(entry.conference.platform)
        item.add("CONFERENCE", entry.conference.public_link, parameters=parameters)
    return item


def _when(value: dt.date | dt.datetime) -> tuple[str, str]:
    """(value, parameters) of DTSTART or DTEND: a DATE-TIME, or a DATE for an all-day entry."""
    return ics_lines.date_time(value) if isinstance(value, dt.datetime) else ics_lines.date(value)


def session_bytes(event: Event, session: Session, *, uid_domain: str, stamp: dt.datetime,
                  page_url: str | None, told: Told | None = None) -> bytes:
    """One VEVENT for one session, as bytes: ``session_component(...).to_ical()``, written directly.

    The properties come in icalendar's order (SUMMARY, DTSTART, DTEND, DTSTAMP, UID, SEQUENCE,
    then the rest alphabetically), so the bytes are the same whichever writes them."""
    entry = _entry(event, session, uid_domain, page_url, told)
    line, text = ics_lines.line, ics_lines.text
    # icalendar stores DTSTAMP and LAST-MODIFIED in UTC, reading a naive time as UTC.
    utc = stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp.astimezone(dt.timezone.utc)
    stamp_value, _ = ics_lines.date_time(utc)
    # icalendar quotes a CN that holds a space or an apostrophe, besides the usual , ; :
    organiser_name = ics_lines.param(entry.organiser.name, quote_if=" '")
    parts = [b"BEGIN:VEVENT\r\n",
             line("SUMMARY", text(entry.summary)),
             line("DTSTART", *_when(entry.start)),
             line("DTEND", *_when(entry.end)),
             line("DTSTAMP", stamp_value),
             line("UID", text(entry.uid)),
             line("SEQUENCE", str(entry.sequence))]
    if entry.days > 1:  # icalendar writes RRULE right after SEQUENCE
        parts.append(line("RRULE", f"FREQ=DAILY;COUNT={entry.days}"))
    if entry.conference is not None:
        label = (f";LABEL={ics_lines.param(entry.conference.platform)}" if entry.conference.platform else "")
        parts.append(line("CONFERENCE", entry.conference.public_link, f";FEATURE=VIDEO{label};VALUE=URI"))
    parts += [line("DESCRIPTION", text(entry.description)),
              line("LAST-MODIFIED", stamp_value)]
    if entry.location:
        parts.append(line("LOCATION", text(entry.location)))
    parts.append(line("ORGANIZER", f"mailto:{entry.organiser.email}", f";CN={organiser_name}"))
    parts += [line("STATUS", text(entry.status)),
              line("TRANSP", text(entry.transp))]
    if entry.url:
        parts.append(line("URL", entry.url))
    if entry.status == "TENTATIVE":
        parts.append(line("X-MICROSOFT-CDO-BUSYSTATUS", "TENTATIVE"))  # Outlook shows the day as tentative
    parts.append(b"END:VEVENT\r\n")
    return b"".join(parts)


# A session's VEVENT goes into its event's .ics, the .ics of what one booking covers and several
# feeds: it is written once for the same objects and settings. Keyed by identity, because hashing
# an event by value costs more than writing it; an entry holds its objects, so their ids cannot be
# reused while it is kept. Under `mkdocs serve` an event file not saved since is the same object
# (validate's reuse), so a rebuild writes only the saved event's sessions.
_WRITTEN: dict[tuple, tuple[Event, Session, bytes]] = {}
_WRITTEN_LIMIT = 200_000


def _session_bytes_once(event: Event, session: Session, uid_domain: str, stamp: dt.datetime,
                        page_url: str | None, told: Told | None) -> bytes:
    key = (id(event), id(session), uid_domain, stamp, page_url, told)
    kept = _WRITTEN.get(key)
    if kept is not None and kept[0] is event and kept[1] is session:
        return kept[2]
    if len(_WRITTEN) >= _WRITTEN_LIMIT:
        _WRITTEN.clear()
    data = session_bytes(event, session, uid_domain=uid_domain, stamp=stamp, page_url=page_url, told=told)
    _WRITTEN[key] = (event, session, data)
    return data


def clear_caches() -> None:
    """Forget every written VEVENT and VTIMEZONE (for measuring the cost of writing them)."""
    _WRITTEN.clear()
    _zone_bytes.cache_clear()
    _zone_from_rules.cache_clear()
    ics_lines._zone_id.cache_clear()


def _calendar_head(name: str, description_text: str | None, refresh: dt.timedelta | None,
                   source_url: str | None) -> bytes:
    """The VCALENDAR's own lines, in icalendar's order (VERSION, PRODID, CALSCALE, METHOD,
    DESCRIPTION, X-WR-CALDESC, NAME, X-WR-CALNAME, then the rest alphabetically)."""
    line, text = ics_lines.line, ics_lines.text
    parts = [b"BEGIN:VCALENDAR\r\n", line("VERSION", "2.0"), line("PRODID", text(PRODID)),
             line("CALSCALE", "GREGORIAN"), line("METHOD", "PUBLISH")]
    if description_text:
        parts += [line("DESCRIPTION", text(description_text)), line("X-WR-CALDESC", text(description_text))]
    # NAME (RFC 7986) and X-WR-CALNAME are TEXT, escaped like any other: a title may hold commas.
    parts += [line("NAME", text(name)), line("X-WR-CALNAME", text(name))]
    if refresh:  # RFC 7986 REFRESH-INTERVAL needs VALUE=DURATION; X-PUBLISHED-TTL is Outlook's
        parts.append(line("REFRESH-INTERVAL", ics_lines.duration(refresh), ";VALUE=DURATION"))
    if source_url:
        parts.append(line("SOURCE", source_url, ";VALUE=URI"))
    if refresh:
        parts.append(line("X-PUBLISHED-TTL", ics_lines.duration(refresh)))
    return b"".join(parts)


def calendar_for(events: Iterable[tuple[Event, Iterable[Session], str | None]], *, name: str,
                 uid_domain: str, today: dt.date, default_zone: str = "Europe/London",
                 description_text: str | None = None, refresh: dt.timedelta | None = None,
                 source_url: str | None = None, told: dict | None = None, feed: bool = True,
                 extra: Iterable[tuple[bytes, str | None, int]] = ()) -> bytes:
    """A VCALENDAR holding the given sessions; each tuple is (event, its sessions, page URL).

    A subscribable feed passes ``refresh`` (RFC 7986 REFRESH-INTERVAL) and its own URL. The
    default zone's VTIMEZONE is always present, so a feed with nothing in it is still valid.
    ``told`` maps (slug, session id) to what the history says (``history.History.told``). A file
    that is not a feed (``feed=False``: one event's download) carries only the zones it uses.
    ``extra`` are VEVENTs written elsewhere, as (bytes, their zone or None, year)."""
    zones, items = ({default_zone: [today.year]} if feed and default_zone in WITH_TZID else {}), []
    told = told or {}
    for event, sessions, page_url in events:
        stamp_day = event.updated or today
        day_stamp = dt.datetime(stamp_day.year, stamp_day.month, stamp_day.day, tzinfo=dt.timezone.utc)
        for session in sessions:
            if session.timezone in WITH_TZID:
                zones.setdefault(session.timezone, []).append(session.start.year)
            said = told.get((event.slug, session.id))
            stamp = said.stamp if said is not None and said.stamp is not None else day_stamp
            items.append(_session_bytes_once(event, session, uid_domain, stamp, page_url, said))
    for data, zone, year in extra:  # VEVENTs written elsewhere (a programme's fixed dates)
        if zone in WITH_TZID:
            zones.setdefault(zone, []).append(year)
        items.append(data)
    zone_parts = [_zone_bytes(zone, (min(years), max(years))) for zone, years in sorted(zones.items())]
    head = _calendar_head(name, description_text, refresh, source_url)
    return b"".join([head, *zone_parts, *items, _END])


def event_calendar(event: Event, *, page_url: str | None, uid_domain: str, today: dt.date,
                   told: dict | None = None) -> bytes:
    """The .ics download for one event: every session, past ones included."""
    return calendar_for([(event, event.sessions, page_url)], name=event.title,
                        uid_domain=uid_domain, today=today, told=told, feed=False)


def unit_calendar(event: Event, unit: Unit, *, page_url: str | None, uid_domain: str,
                  today: dt.date, told: dict | None = None) -> bytes:
    """The .ics download for what one booking covers: every session of a series in one file, or
    one session alone. UIDs are the session's own, so the entries match the event's feeds."""
    name = (f"{event.title}: {unit.series.title}" if unit.kind == "series"
            else f"{event.title}, {when.short_day(unit.sessions[0].start)}")
    return calendar_for([(event, unit.sessions, page_url)], name=name, uid_domain=uid_domain, today=today,
                        told=told, feed=False)
