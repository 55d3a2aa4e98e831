"""Model -> what templates show: plain values and words, no markup.

Templates in ``overrides/`` hold every tag; this module decides what a page says (which sessions
are past, whether booking is open, the mailto subject, the map link) so it can be tested alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from . import calendar_links, when
from .model import Catalogue, Event, Session
from .wording import places_text, price_text

FEW_PLACES = 3

BANNERS = {
    "cancelled": "This session has been cancelled.",
    "postponed": "This session has been postponed. A new date will be announced.",
}


AVAILABILITY_BANNERS = {
    "fully-booked": "This session is fully booked.",
    "booking-closed": "Booking for this session has closed.",
}


def event_page_path(event: Event) -> str:
    """Where an event's page comes from, as a docs-relative Markdown path."""
    return f"events/{event.slug}.md"


def event_ics_path(event: Event) -> str:
    """Where an event's calendar file is published, docs-relative."""
    return f"events/{event.slug}.ics"


def map_url(session: Session) -> str:
    """A plain OpenStreetMap search for the venue's postcode (a link, never an embedded map)."""
    venue = session.venue
    return "https://www.openstreetmap.org/search?" + urlencode({"query": f"{venue.name}, {venue.postcode}"},
                                                                 quote_via=quote)


def availability(event: Event, session: Session, today: dt.date) -> tuple[str, str]:
    """(key, words) for whether a place can be booked; status changes are shown apart."""
    if session.end.date() < today:
        return "past", "This session has taken place"
    if session.status == "cancelled":
        return "cancelled", "Cancelled"
    if session.status == "postponed":
        return "postponed", "Postponed: new date to be confirmed"
    if event.booking.closes and event.booking.closes < today:
        return "booking-closed", "Booking has closed"
    if session.places_left == 0:
        has_list = bool(event.booking.email or event.booking.phone)
        return "fully-booked", "Fully booked" + (": join the waiting list" if has_list else "")
    if session.places_left is not None and session.places_left <= FEW_PLACES:
        return "few-places", places_text(event.places, session.places_left)
    return "open", places_text(event.places, session.places_left) or "Places available"


def is_upcoming(session: Session, today: dt.date) -> bool:
    return session.end.date() >= today


def mailto(event: Event, session: Session | None, waiting_list: bool = False) -> str | None:
    """A mailto link whose subject says which event and date the message is about."""
    if not event.booking.email:
        return None
    what = "Waiting list" if waiting_list else "Booking"
    subject = f"{what}: {event.title}"
    if session is not None:
        subject += f", {when.short_day(session.start)}"
    return f"mailto:{event.booking.email}?" + urlencode({"subject": subject}, quote_via=quote)


@dataclass(frozen=True)
class SessionView:
    id: str
    when: str
    start_iso: str
    end_iso: str
    timezone_note: str | None
    venue_name: str
    address: tuple[str, ...]
    postcode: str
    map_url: str
    status: str
    banner: str | None
    availability: str
    availability_text: str
    bookable: bool
    book_href: str | None
    calendar_links: tuple = ()


def session_view(event: Event, session: Session, today: dt.date, default_zone: str,
                 page_url: str | None = None) -> SessionView:
    key, words = availability(event, session, today)
    banner = BANNERS.get(session.status) or AVAILABILITY_BANNERS.get(key)
    if session.status == "rescheduled" and session.previous_start:
        banner = (f"This session has moved from {when.moment(session.previous_start)} "
                  f"to {when.moment(session.start)}.")
    bookable = key in ("open", "few-places", "fully-booked")
    href = None
    if bookable:
        href = mailto(event, session, waiting_list=key == "fully-booked") or event.booking.url
    return SessionView(
        id=session.id, when=when.span(session.start, session.end),
        start_iso=when.iso_local(session.start), end_iso=when.iso_local(session.end),
        timezone_note=None if session.timezone == default_zone else f"{session.timezone} time",
        venue_name=session.venue.name, address=session.venue.address, postcode=session.venue.postcode,
        map_url=map_url(session), status=session.status, banner=banner,
        availability=key, availability_text=words, bookable=bookable, book_href=href,
        calendar_links=() if key in ("past", "cancelled", "postponed") else
        tuple(calendar_links.links(event, session, page_url)))


def event_view(event: Event, today: dt.date, default_zone: str = "Europe/London",
               page_url: str | None = None) -> dict:
    """Everything an event page shows, as words and links."""
    sessions = [session_view(event, s, today, default_zone, page_url) for s in event.sessions]
    upcoming = [s for s in sessions if s.availability != "past"]
    past = [s for s in sessions if s.availability == "past"]
    coming = [s for s in event.sessions if is_upcoming(s, today)]
    booking = event.booking
    return {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "audience": event.audience,
        "organiser": event.organiser,
        "price": price_text(event.price) if event.price else None,
        "places": places_text(event.places, None),
        "upcoming": upcoming,
        "past": past,
        "bookable": any(s.bookable for s in upcoming),
        "booking": {
            "contact": booking.contact,
            "email": booking.email,
            "email_href": mailto(event, coming[0] if len(coming) == 1 else None),
            "phone": booking.phone,
            "phone_href": "tel:" + booking.phone.replace(" ", "") if booking.phone else None,
            "url": booking.url,
            "closes": when.day(booking.closes) if booking.closes else None,
            "closes_iso": booking.closes.isoformat() if booking.closes else None,
            "closed": bool(booking.closes and booking.closes < today),
            "note": booking.note,
        },
        "outcomes": event.outcomes,
        "benefits": event.benefits,
        "testimonials": event.testimonials,
        "updated": when.day(event.updated) if event.updated else None,
        "example": event.example,
    }


def next_session(event: Event, today: dt.date) -> Session | None:
    return next((s for s in event.sessions if is_upcoming(s, today)), None)


def listing(catalogue: Catalogue, today: dt.date) -> dict:
    """Events for index pages: upcoming (soonest first), then past (most recent first)."""
    upcoming, past = [], []
    for event in catalogue.events:
        coming = next_session(event, today)
        if coming is not None:
            key, words = availability(event, coming, today)
            upcoming.append((coming.start, event.slug, event, coming, words))
        elif event.sessions:
            last = event.sessions[-1]
            past.append((last.start, event.slug, event, last, "Took place"))
    upcoming.sort(key=lambda row: (row[0], row[1]))
    past.sort(key=lambda row: (row[0], row[1]), reverse=True)

    def card(row):
        start, _, event, session, words = row
        return {
            "slug": event.slug, "title": event.title, "summary": event.summary,
            "when": when.span(session.start, session.end), "start_iso": when.iso_local(session.start),
            "more_dates": sum(1 for s in event.sessions if is_upcoming(s, today)) - 1,
            "venue": session.venue.name, "price": price_text(event.price) if event.price else None,
            "availability": words, "page": event_page_path(event),
        }

    return {"upcoming": [card(r) for r in upcoming], "past": [card(r) for r in past],
            "today": when.day(today)}
