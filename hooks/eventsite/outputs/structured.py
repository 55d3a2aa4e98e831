"""schema.org Event data for search engines (JSON-LD), following Google's Event requirements."""

from __future__ import annotations

import datetime as dt
import json

from ..model import when
from ..model.model import Event, Session
from . import brochure as brochure_words, pages

STATUS = {"scheduled": "EventScheduled", "rescheduled": "EventRescheduled",
          "postponed": "EventPostponed", "cancelled": "EventCancelled"}
AVAILABILITY = {"open": "InStock", "few-places": "LimitedAvailability", "fully-booked": "SoldOut",
                "booking-closed": "SoldOut", "past": "SoldOut", "cancelled": "Discontinued",
                "postponed": "PreOrder", "not-open": "PreSale"}
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
        places.append({"@type": "VirtualLocation", "name": session.online.platform or "Online",
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
        "@context": "https://schema.org", "@type": "Event",
        "name": f"{event.title}: {session.title}" if session.title else event.title,
        "description": session.summary or event.summary,
        # While only the day is known, and for whole days, the dates are days (schema.org accepts a Date).
        "startDate": when.iso_local(session.start) if session.time_known else session.start.date().isoformat(),
        "endDate": (when.iso_local(session.end) if session.time_known
                    else session.end.date().isoformat() if session.all_day else session.start.date().isoformat()),
        "inLanguage": session.language or event.language,
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
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def event_json_ld(event: Event, page_url: str | None, today: dt.date, image_url: str | None = None) -> str | None:
    """JSON-LD for an event page: one Event per session, safe to place inside <script>; None for
    an event with no date yet (a schema.org Event needs a start date)."""
    # Google needs a place for an Event: a session whose venue is not chosen yet (and not online)
    # is left out rather than given a placeholder.
    items = [session_data(event, s, page_url, today, image_url) for s in event.sessions if s.place_known]
    if not items:
        return None
    # Compact, so that the C encoder writes it: indent= takes the pure-Python one, twice as slow.
    text = json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    # "</" would end the script element early, and "<!--<script" would make the next "</script>"
    # not end it (the HTML parser's double-escaped state), swallowing the page: write every <, >
    # and & as a JSON escape, which means the same to a JSON reader.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- Programmes: schema.org Course, one per option, with its dated instances ----------------------

def _course_offer(cost, page_url: str | None) -> dict | None:
    price = cost.price
    if price is None:
        return None
    offer = {"@type": "Offer", "price": f"{price.amount:.2f}", "priceCurrency": price.currency,
             "category": "Free" if price.free else "Paid", "url": page_url,
             "description": cost.basis}
    if price.vat:
        offer["priceSpecification"] = {
            "@type": "UnitPriceSpecification", "price": f"{price.amount:.2f}", "priceCurrency": price.currency,
            "valueAddedTaxIncluded": price.vat != "plus", "unitText": price.per}
    return offer


def _course_instances(programme, option) -> list[dict]:
    """A CourseInstance for each part with dates: fixed dates from the first to the last day, a
    choice from its first to its last candidate (the words say how many days are chosen); parts
    whose dates are given only in words have none."""
    found = []
    for part in option.parts:
        days = part.dates or (part.choice.candidates if part.choice else ())
        spans = [(days[0], days[-1])] if days else []
        for first, last in spans:
            instance = {"@type": "CourseInstance", "name": f"{option.title}: {part.title}",
                        "description": brochure_words.part_when(part),
                        "courseMode": "Onsite" if part.venue is not None else None,
                        "startDate": first.isoformat(), "endDate": last.isoformat(),
                        "courseWorkload": f"P{part.days}D"}
            if part.venue is not None:
                venue = part.venue
                instance["location"] = {
                    "@type": "Place", "name": venue.name,
                    "address": {"@type": "PostalAddress", "streetAddress": ", ".join(_street(venue)),
                                "addressLocality": venue.locality, "postalCode": venue.postcode}}
            found.append(instance)
    return found


def programme_json_ld(programme, page_url: str | None) -> str | None:
    """JSON-LD for a brochure: one schema.org Course per option (what Google's course rich
    results read: name, description, provider, offers, instances with dates), safe inside <script>."""
    items = []
    for option in programme.options:
        offers = [o for o in (_course_offer(c, page_url) for c in option.costs) if o is not None]
        items.append(_without_empty({
            "@context": "https://schema.org", "@type": "Course",
            "name": f"{programme.title}: {option.title}" if len(programme.options) > 1 else programme.title,
            "description": option.summary or programme.summary,
            "provider": {"@type": "Organization", "name": programme.organiser.name,
                         "url": programme.organiser.website},
            "url": page_url,
            "audience": {"@type": "Audience", "audienceType": programme.audience} if programme.audience else None,
            "offers": offers or None,
            "hasCourseInstance": _course_instances(programme, option) or None,
        }))
    if not items:
        return None
    text = json.dumps(items if len(items) > 1 else items[0], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
