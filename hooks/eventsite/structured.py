"""schema.org Event data for search engines (JSON-LD), following Google's Event requirements."""

from __future__ import annotations

import datetime as dt
import json

from . import pages, when
from .model import Event, Session

STATUS = {"scheduled": "EventScheduled", "rescheduled": "EventRescheduled",
          "postponed": "EventPostponed", "cancelled": "EventCancelled"}
AVAILABILITY = {"open": "InStock", "few-places": "LimitedAvailability", "fully-booked": "SoldOut",
                "booking-closed": "SoldOut", "past": "SoldOut", "cancelled": "Discontinued",
                "postponed": "PreOrder"}
SCHEMA = "https://schema.org/"


MODE = {"in-person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
        "hybrid": "MixedEventAttendanceMode"}


def _location(session: Session, page_url: str | None):
    """A Place, a VirtualLocation, or both for a hybrid session. A VirtualLocation's url is the
    meeting link only if the author published it; otherwise the event page, where people book."""
    places = []
    if session.venue is not None:
        places.append(_place(session))
    if session.online is not None:
        places.append({"@type": "VirtualLocation", "name": session.online.platform,
                       "url": session.online.public_link or page_url})
    return places[0] if len(places) == 1 else places


def _street(venue) -> tuple[str, ...]:
    """The address lines before the town (the county after it is the region, not the street)."""
    lines = venue.address
    if venue.locality in lines:
        lines = lines[:lines.index(venue.locality)]
    return lines or venue.address[:1]


def _place(session: Session) -> dict:
    venue = session.venue
    return {
        "@type": "Place", "name": venue.name,
        "address": {"@type": "PostalAddress",
                    "streetAddress": ", ".join(_street(venue)),
                    "addressLocality": venue.locality, "postalCode": venue.postcode,
                    "addressCountry": "GB" if session.timezone == "Europe/London" else None},
    }


def _offer(event: Event, session: Session, page_url: str | None, today: dt.date) -> dict | None:
    price = event.price
    if price is None:
        return None
    key, _ = pages.availability(event, session, today)
    offer = {"@type": "Offer", "price": f"{price.amount:.2f}", "priceCurrency": price.currency,
             "availability": SCHEMA + AVAILABILITY[key], "url": page_url}
    if price.vat:
        offer["priceSpecification"] = {
            "@type": "PriceSpecification", "price": f"{price.amount:.2f}", "priceCurrency": price.currency,
            "valueAddedTaxIncluded": price.vat != "plus"}
    if event.booking.closes:
        offer["validThrough"] = event.booking.closes.isoformat()
    return offer


def session_data(event: Event, session: Session, page_url: str | None, today: dt.date,
                 image_url: str | None = None) -> dict:
    """One schema.org Event for one session."""
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title,
        "description": event.summary,
        # While only the day is known, the dates are days (schema.org accepts a Date).
        "startDate": when.iso_local(session.start) if session.time_known else session.start.date().isoformat(),
        "endDate": when.iso_local(session.end) if session.time_known else session.start.date().isoformat(),
        "eventStatus": SCHEMA + STATUS[session.status],
        "eventAttendanceMode": SCHEMA + MODE[session.attendance],
        "location": _location(session, page_url),
        "organizer": {"@type": "Organization", "name": event.organiser.name,
                      "url": event.organiser.website},
        "offers": _offer(event, session, page_url, today),
        "url": page_url,
        "maximumAttendeeCapacity": event.places,
        "remainingAttendeeCapacity": session.places_left,
    }
    if session.status == "rescheduled" and session.previous_start:
        data["previousStartDate"] = when.iso_local(session.previous_start)
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    if session.series is not None:
        series = next((s for s in event.series if s.id == session.series), None)
        if series is not None:
            data["superEvent"] = {"@type": "EventSeries", "name": f"{event.title}: {series.title}",
                                  "url": page_url}
    if image_url:
        data["image"] = image_url
    return _without_empty(data)


def _without_empty(value):
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None}
    return value


def event_json_ld(event: Event, page_url: str | None, today: dt.date, image_url: str | None = None) -> str | None:
    """JSON-LD for an event page: one Event per session, safe to place inside <script>; None for
    an event with no date yet (a schema.org Event needs a start date)."""
    items = [session_data(event, s, page_url, today, image_url) for s in event.sessions]
    if not items:
        return None
    # Compact, so that the C encoder writes it: indent= takes the pure-Python one, twice as slow.
    text = json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    # "</" would end the script element early, and "<!--<script" would make the next "</script>"
    # not end it (the HTML parser's double-escaped state), swallowing the page: write every <, >
    # and & as a JSON escape, which means the same to a JSON reader.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
