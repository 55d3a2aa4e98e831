"""Model -> .ics bytes: one VEVENT per session, reproducible, accepted by Outlook, Google and Apple.

- UID: the event's slug and the session's ``id`` at the site's domain, never the title or the
  time, so a moved session stays the same entry in every calendar that holds it.
- DTSTAMP: the event's ``updated`` date, else the build's "today": same sources, same bytes.
- SEQUENCE: the session's ``revision``, which authors raise when they move or cancel it.
- VTIMEZONE: Europe/London written by hand with yearly rules (icalendar's generated zone
  starts summer time at 02:00 instead of 01:00 and lists RDATEs ical.js ignores); other zones
  come from icalendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from icalendar import Calendar, Event as VEvent, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText

from . import when
from .model import Event, Session
from .wording import price_text

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


def timezone_component(name: str) -> Timezone:
    """The VTIMEZONE for a zone name."""
    return _europe_london() if name == "Europe/London" else Timezone.from_tzid(name)


def description(event: Event, session: Session, page_url: str | None) -> str:
    """Plain-text DESCRIPTION: summary, price, how to book and the page's address."""
    lines = [event.summary]
    if session.status == "cancelled":
        lines.insert(0, "CANCELLED.")
    elif session.status == "postponed":
        lines.insert(0, "POSTPONED: a new date will be announced.")
    price = price_text(event.price) if event.price else None
    if price:
        lines.append(f"Price: {price}")
    booking = event.booking
    how = [part for part in (booking.contact, booking.email, booking.phone, booking.url) if part]
    if how:
        lines.append("To book: " + ", ".join(how))
    if booking.closes:
        lines.append(f"Booking closes: {when.day(booking.closes)}")
    if page_url:
        lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def location(session: Session) -> str:
    venue = session.venue
    return ", ".join((venue.name, *venue.address, venue.postcode))


def session_component(event: Event, session: Session, *, uid_domain: str, stamp: dt.datetime,
                      page_url: str | None) -> VEvent:
    """One VEVENT for one session."""
    item = VEvent()
    item.add("UID", f"{event.slug}.{session.id}@{uid_domain}")
    item.add("DTSTAMP", stamp)
    item.add("SEQUENCE", session.revision)
    item.add("DTSTART", session.start)
    item.add("DTEND", session.end)
    item.add("SUMMARY", ("Cancelled: " if session.status == "cancelled" else "") + event.title)
    item.add("DESCRIPTION", description(event, session, page_url))
    item.add("LOCATION", location(session))
    if page_url:
        item.add("URL", page_url)
    organiser = vCalAddress(f"mailto:{event.organiser.email}")
    organiser.params["CN"] = vText(event.organiser.name)
    item.add("ORGANIZER", organiser)
    item.add("STATUS", STATUS[session.status])
    item.add("TRANSP", "TRANSPARENT" if session.status == "cancelled" else "OPAQUE")
    return item


def calendar_for(events: Iterable[tuple[Event, Iterable[Session], str | None]], *, name: str,
                 uid_domain: str, today: dt.date) -> bytes:
    """A VCALENDAR holding the given sessions; each tuple is (event, its sessions, page URL)."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    zones, items = set(), []
    for event, sessions, page_url in events:
        stamp_day = event.updated or today
        stamp = dt.datetime(stamp_day.year, stamp_day.month, stamp_day.day, tzinfo=dt.timezone.utc)
        for session in sessions:
            zones.add(session.timezone)
            items.append(session_component(event, session, uid_domain=uid_domain, stamp=stamp,
                                           page_url=page_url))
    for zone in sorted(zones):
        cal.add_component(timezone_component(zone))
    for item in items:
        cal.add_component(item)
    return cal.to_ical()


def event_calendar(event: Event, *, page_url: str | None, uid_domain: str, today: dt.date) -> bytes:
    """The .ics download for one event: every session, past ones included."""
    return calendar_for([(event, event.sessions, page_url)], name=event.title,
                        uid_domain=uid_domain, today=today)
