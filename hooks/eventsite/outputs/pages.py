"""Model -> what templates show: plain values and words, no markup.

Templates in ``overrides/`` hold every tag; this module decides what a page says (which sessions
are past, whether booking is open, the mailto subject, the map link) so it can be tested alone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode

from ..model import series as series_, when
from ..model.model import Catalogue, Event, Session
from ..model.wording import (access_lines, attendance_text, joining_text, language_name, location_text, open_items,
                             places_text, price_text, session_when, session_when_in)
from . import calendar_links

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


def unit_availability(event: Event, unit: series_.Unit, today: dt.date) -> tuple[str, str]:
    """(key, words) for booking a unit: a session alone as ``availability`` says; a series by its
    first session still going ahead, with the fewest places left of any of its sessions. Once its
    first session has passed, a series has started and takes no more bookings."""
    if unit.kind == "session":
        return availability(event, unit.sessions[0], today)
    if all(s.end.date() < today for s in unit.sessions):
        return "past", "This series has taken place"
    if unit.sessions[0].end.date() < today:
        return "started", "This series has started: booking has closed"
    going = [s for s in unit.sessions if s.status != "cancelled"]
    if not going:
        return "cancelled", "Cancelled"
    lefts = [s.places_left for s in going if s.places_left is not None]
    # A group with places of its own (a set of 8 beside a set of 6) counts against them.
    counted = replace(event, places=unit.series.places) if unit.series.places else event
    return availability(counted, replace(going[0], places_left=min(lefts) if lefts else None), today)


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
    if not booking_open(event.booking, today):
        # How many places there will be, if known; when booking opens is said beside the booking.
        opens = event.booking.opens
        return "not-open", places_text(event.places, session.places_left) or (
            "Booking opens " + (f"on {when.day(opens)}" if isinstance(opens, dt.date) else opens)
            if opens else "Booking is not open yet")
    if session.places_left == 0:
        has_list = bool(event.booking.email or event.booking.phone)
        return "fully-booked", "Fully booked" + (": join the waiting list" if has_list else "")
    if session.places_left is not None and session.places_left <= FEW_PLACES:
        return "few-places", places_text(event.places, session.places_left)
    return "open", places_text(event.places, session.places_left) or "Places available"


def booking_open(booking, today: dt.date) -> bool:
    """Whether places can be booked: a way to book is given, and the day it opens (if any) has come."""
    if not booking.how:
        return False
    return booking.opens is None or (isinstance(booking.opens, dt.date) and booking.opens <= today)


def is_upcoming(session: Session, today: dt.date) -> bool:
    return session.end.date() >= today


def mailto(event: Event, session: Session | None, waiting_list: bool = False,
           unit: series_.Unit | None = None) -> str | None:
    """A mailto link whose subject says which event and date (or which series) it is about."""
    if not event.booking.email:
        return None
    what = "Waiting list" if waiting_list else "Booking"
    subject = f"{what}: {event.title}"
    if unit is not None and unit.kind == "series":
        subject += f", {series_.series_words(unit)} from {when.short_day(unit.sessions[0].start)}"
    elif session is not None:
        subject += f", {when.short_day(session.start)}"
    return f"mailto:{event.booking.email}?" + urlencode({"subject": subject}, quote_via=quote)


def dates_to_be_confirmed_text(event: Event) -> str | None:
    """'Dates to be confirmed', or 'Dates to be confirmed: spring 2015'."""
    words = event.dates_to_be_confirmed
    if words is False:
        return None
    return "Dates to be confirmed" + (f": {words}" if isinstance(words, str) else "")


def register_interest(event: Event) -> dict:
    """How to register interest in an event with no dates yet: the booking email (with a subject
    that says so), else the booking form, else the booking phone, else the organiser's email."""
    booking = event.booking
    subject = urlencode({"subject": f"Registering interest: {event.title}"}, quote_via=quote)
    if booking.email:
        href, how = f"mailto:{booking.email}?{subject}", f"email {booking.email}"
    elif booking.url:
        href, how = booking.url, "fill in the online form"
    elif booking.phone:
        href, how = "tel:" + booking.phone.replace(" ", ""), f"call {booking.phone}"
    else:
        href, how = f"mailto:{event.organiser.email}?{subject}", f"email {event.organiser.email}"
    return {"href": href, "how": how, "label": "Register your interest"}


@dataclass(frozen=True)
class SessionView:
    id: str
    when: str
    start_iso: str
    end_iso: str
    timezone_note: str | None
    venue_name: str | None  # None for a session that is online only
    address: tuple[str, ...]
    postcode: str | None
    map_url: str | None
    status: str
    banner: str | None
    availability: str
    availability_text: str
    bookable: bool
    book_href: str | None
    calendar_links: tuple = ()
    attendance: str = "in-person"  # in-person, online, hybrid
    attendance_text: str | None = None  # "Online, on Microsoft Teams"
    joining: str | None = None  # how to join online: sent on booking, unless a public link
    joining_href: str | None = None  # the meeting link, only when the author published it
    time_known: bool = True
    series: str | None = None  # the series' id: booked with its series, not alone
    venue_id: str | None = None
    town: str | None = None  # the venue's town or city: what a phone's first screen names
    area: str | None = None  # while the venue is not chosen: the town or area known
    title: str | None = None  # the session's own name
    summary: str | None = None
    agenda: tuple = ()  # ({"time": "10am", "time_iso": "10:00", "title": ..., "summary": ...}, ...)
    language: str | None = None  # the session's language, when not the page's
    venue_language: str | None = None  # the language of the venue's name ("cy"), if not the page's
    language_name: str | None = None  # "Welsh (Cymraeg)": said among the facts
    open_items: tuple = ()  # what is still to be confirmed about this session, in words
    register_href: str | None = None  # booking not open yet: where to register interest


BOOKABLE = ("open", "few-places", "fully-booked")


def session_view(event: Event, session: Session, today: dt.date, default_zone: str,
                 page_url: str | None = None) -> SessionView:
    key, words = availability(event, session, today)
    banner = BANNERS.get(session.status) or AVAILABILITY_BANNERS.get(key)
    if session.status == "rescheduled" and session.previous_start:
        banner = (f"This session has moved from {when.moment(session.previous_start)} "
                  f"to {when.moment(session.start) if session.time_known else session_when(session)}.")
    # A session in a series is booked with its series (see event_view), never alone.
    bookable = key in BOOKABLE and session.series is None
    href = None
    if bookable:
        href = mailto(event, session, waiting_list=key == "fully-booked") or event.booking.url
    venue = session.venue
    iso = when.iso_local if session.time_known else (lambda value: value.date().isoformat())
    interest = register_interest(event) if key == "not-open" else None
    return SessionView(
        id=session.id, when=session_when(session),
        start_iso=iso(session.start), end_iso=iso(session.end),
        timezone_note=None if session.timezone == default_zone or not session.time_known
        else f"{session.timezone} time",
        venue_name=venue.name if venue else None, address=venue.address if venue else (),
        postcode=venue.postcode if venue else None, map_url=map_url(session) if venue else None,
        status=session.status, banner=banner,
        availability=key, availability_text=words, bookable=bookable, book_href=href,
        # A series goes into calendars as one file (see unit_view): no links to add its sessions one by one.
        calendar_links=() if key in ("past", "cancelled", "postponed") or session.series is not None else
        tuple(calendar_links.links(event, session, page_url)),
        attendance=session.attendance, attendance_text=attendance_text(session),
        joining=(f"Anyone can join on {session.online.platform}" if session.online.public_link
                 else joining_text(session.online)) if session.online else None,
        joining_href=session.online.public_link if session.online else None,
        time_known=session.time_known, series=session.series, venue_id=venue.id if venue else None,
        town=venue.locality if venue else None, area=session.area if venue is None else None,
        title=session.title, summary=session.summary,
        agenda=tuple({"time": when.clock(a.time) if a.time else None,
                      "time_iso": f"{a.time:%H:%M}" if a.time else None, "title": a.title, "summary": a.summary}
                     for a in session.agenda),
        language=session.language if session.language != event.language else None,
        venue_language=venue.language if venue and venue.language != event.language else None,
        language_name=language_name(session.language) if session.language and session.language != event.language
        else None,
        open_items=tuple(item for item in open_items(event, session) if not item.startswith("how to book")),
        register_href=interest["href"] if interest else None)


def unit_view(event: Event, unit: series_.Unit, sessions: list[SessionView], today: dt.date,
              separate: bool) -> dict:
    """One thing to book: a series (its sessions, one booking action, one calendar file) or a
    session alone. ``ics_path`` is where its calendar file is; the adapter turns it into a URL."""
    key, words = unit_availability(event, unit, today)
    bookable = key in BOOKABLE
    view = {"kind": unit.kind, "id": unit.id, "availability": key, "availability_text": words,
            "bookable": bookable, "sessions": sessions,
            "ics_path": series_.ics_path(event, unit) if separate else event_ics_path(event)}
    if unit.kind == "series":
        href = None
        if bookable:
            href = mailto(event, None, waiting_list=key == "fully-booked", unit=unit) or event.booking.url
        count = len(unit.sessions)
        view.update(title=unit.series.title, note=unit.series.note, count=count, book_href=href,
                    facilitator=unit.series.facilitator,
                    register_href=register_interest(event)["href"] if key == "not-open" else None,
                    book_label="Join the waiting list for " if key == "fully-booked" else "Book a place on ",
                    download_label=f"{series_.series_words(unit)} in one calendar file",
                    first=session_when(unit.sessions[0]), last=session_when(unit.sessions[-1]))
    else:
        view.update(download_label=f"{sessions[0].when} only")
    return view


def event_view(event: Event, today: dt.date, default_zone: str = "Europe/London",
               page_url: str | None = None) -> dict:
    """Everything an event page shows, as words and links."""
    sessions = [session_view(event, s, today, default_zone, page_url) for s in event.sessions]
    upcoming = [s for s in sessions if s.availability != "past"]
    past = [s for s in sessions if s.availability == "past"]
    coming = [s for s in event.sessions if is_upcoming(s, today)]
    by_id = {s.id: s for s in sessions}
    separate = series_.separate_downloads(event)
    units, open_units = [], []
    for unit in series_.units(event):
        if series_.is_open(unit, today):  # as the adapter decides which unit files to write
            shown = [by_id[s.id] for s in unit.sessions if by_id[s.id].availability != "past"]
            units.append(unit_view(event, unit, shown, today, separate))
            open_units.append(unit)
    units.sort(key=lambda u: (u["sessions"][0].start_iso, u["kind"], u["id"]))
    if len(open_units) == 1 and open_units[0].kind == "series":
        email_href = mailto(event, None, unit=open_units[0])
    else:
        email_href = mailto(event, coming[0] if len(coming) == 1 else None)
    to_confirm = dates_to_be_confirmed_text(event)
    venues = {}  # where the upcoming sessions take place, in the order they first do
    for session in event.sessions:
        if is_upcoming(session, today) and session.venue is not None:
            venues.setdefault(session.venue.id, session)
    booking = event.booking
    still = open_items(event, None) if units or not to_confirm else []
    return {
        "slug": event.slug,
        "title": event.title,
        "language": event.language,
        # What is still to be confirmed, said once near the top: "the venue (in Melton Mowbray),
        # the time, how to book". Nothing unknown is shown as a value anywhere else.
        "open_items": still,
        "register_interest": register_interest(event),
        "summary": event.summary,
        "audience": event.audience,
        "organiser": event.organiser,
        "price": price_text(event.price) if event.price else None,
        "places": places_text(event.places, None),
        "upcoming": upcoming,
        "past": past,
        "bookable": any(u["bookable"] for u in units),
        "units": units,
        "separate_downloads": separate,
        "choice": series_.choice_text(open_units),
        # No upcoming date, and the organiser says more are to come: register interest instead.
        "to_be_confirmed": {"text": to_confirm, **register_interest(event)} if to_confirm and not units else None,
        "further_dates": ("More dates are to be confirmed" + (f" ({event.dates_to_be_confirmed})" if isinstance(
            event.dates_to_be_confirmed, str) else "") + ".") if to_confirm and units else None,
        "eligibility": event.eligibility,
        # The page's first screen names each session's venue; its full address, a map link and
        # its access follow under "Getting there".
        "venues": [{"id": s.venue.id, "name": s.venue.name, "address": s.venue.address,
                    "language": s.venue.language if s.venue.language != event.language else None,
                    "postcode": s.venue.postcode, "map_url": map_url(s),
                    "access": access_lines(s.venue.access)}
                   for s in venues.values()],
        "access": [{"id": s.venue.id, "name": s.venue.name, "lines": access_lines(s.venue.access)}
                   for s in venues.values() if access_lines(s.venue.access)],
        "image": {"src": event.image.src, "alt": event.image.alt} if event.image else None,
        "draft": event.draft,
        "booking": {
            "how": booking.how,
            # "on Monday 5 January 2015", or the author's words ("in January")
            "opens": (f"on {when.day(booking.opens)}" if isinstance(booking.opens, dt.date) else booking.opens)
            if booking.opens else None,
            "open": booking_open(booking, today),
            "contact": booking.contact,
            "email": booking.email,
            "email_href": email_href,
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
    """The session a listing or a shared link shows: the next one that is going ahead, else the
    next one to come (cancelled: then the listing says so)."""
    coming = [s for s in event.sessions if is_upcoming(s, today)]
    return next((s for s in coming if s.status != "cancelled"), coming[0] if coming else None)


def place_short(session: Session) -> str | None:
    """Where, in a listing: 'Pera Business Park', 'Online', 'Pera Business Park, or online', or,
    while the venue is not chosen, the town ('Melton Mowbray') or 'Venue to be confirmed'."""
    if session.venue is None and session.online is None:
        return session.area or "Venue to be confirmed"
    if session.venue is None:
        return "Online"
    return session.venue.name + (", or online" if session.online is not None else "")


def listing(catalogue: Catalogue, today: dt.date, default_zone: str = "Europe/London") -> dict:
    """Events for index pages: upcoming (soonest first, then those whose dates are to be
    confirmed, by title), then past (most recent first)."""
    upcoming, later, past = [], [], []
    for event in catalogue.events:
        coming = next_session(event, today)
        if coming is not None:
            key, words = availability(event, coming, today)
            upcoming.append((coming.start, event.slug, event, coming, words))
        elif event.dates_to_be_confirmed:
            later.append((event.title.lower(), event.slug, event, None, "Register your interest"))
        elif event.sessions:
            last = event.sessions[-1]
            past.append((last.start, event.slug, event, last, "Took place"))
    upcoming.sort(key=lambda row: (row[0], row[1]))
    later.sort(key=lambda row: (row[0], row[1]))
    past.sort(key=lambda row: (row[0], row[1]), reverse=True)

    def card(row):
        start, _, event, session, words = row
        in_series = len(event.series) > 0
        return {
            "slug": event.slug, "title": event.title, "summary": event.summary,
            "when": session_when_in(session, default_zone) if session else dates_to_be_confirmed_text(event),
            "start_iso": (when.iso_local(session.start) if session.time_known else session.start.date().isoformat())
            if session else None,
            "more_dates": sum(1 for s in event.sessions if is_upcoming(s, today)) - 1 if session else 0,
            "venue": place_short(session) if session else None,
            "price": price_text(event.price) if event.price else None,
            "availability": words, "page": event_page_path(event),
            "sessions_note": (f"{len(event.series)} series side by side: book one, attend all its sessions"
                              if len(event.series) > 1 else "A series: book once, attend every session")
            if in_series else None,
            "image": {"src": event.image.src, "alt": event.image.alt} if event.image else None,
            "draft": event.draft, "to_be_confirmed": session is None,
            # The date badge: day and month, big enough to scan a list by.
            "badge": {"day": str(session.start.day), "month": f"{session.start:%b}",
                      "iso": session.start.date().isoformat()} if session else None,
            "organiser_id": event.organiser.id, "organiser": event.organiser.name,
            "audience": event.audience, "audience_slug": audience_slug(event.audience) if event.audience else None,
        }

    shown_upcoming, shown_past = [card(r) for r in upcoming + later], [card(r) for r in past]
    return {"upcoming": shown_upcoming, "past": shown_past, "today": when.day(today),
            "upcoming_by_month": by_month(shown_upcoming), "past_by_month": by_month(shown_past)}


TO_BE_CONFIRMED = "Dates to be confirmed"


def by_month(cards: list[dict]) -> list[dict]:
    """Cards grouped by the month of the date they show, in the order given (soonest first for
    upcoming events, most recent first for past ones): ``[{"title": "December 2014", "iso":
    "2014-12", "cards": [...]}]``. Cards with no date yet form a last group, "Dates to be confirmed"."""
    groups: list[dict] = []
    index: dict = {}
    for card in cards:
        iso = card["start_iso"][:7] if card.get("start_iso") else None
        if iso not in index:
            title = f"{dt.date(int(iso[:4]), int(iso[5:7]), 1):%B %Y}" if iso else TO_BE_CONFIRMED
            index[iso] = {"title": title, "iso": iso, "cards": []}
            groups.append(index[iso])
        index[iso]["cards"].append(card)
    # Undated cards last, whatever order they came in.
    return [g for g in groups if g["iso"]] + [g for g in groups if not g["iso"]]


def audience_slug(audience: str) -> str:
    """'Councillors in the East Midlands' -> 'councillors-in-the-east-midlands' (a URL folder)."""
    folded = unicodedata.normalize("NFKD", audience).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "everyone"


FILTERS = (  # kind, the card's key and name fields, the page title
    ("organiser", "organiser_id", "organiser", "Events from {}"),
    ("audience", "audience_slug", "audience", "Events for {}"),
)


def filter_path(kind: str, key: str) -> str:
    """Where a filter's page comes from, docs-relative: events/organiser/emc.md."""
    return f"events/{kind}/{key}.md"


def filters(view: dict) -> dict:
    """One page per organiser and per audience among the listed events, so that a visitor can
    narrow the list with plain links (no JavaScript). ``view`` is what ``listing`` returns; each
    filter holds the same cards, grouped the same way. Two audiences written differently but
    folding to the same folder share a page, named as first met."""
    result: dict = {"organiser": [], "audience": []}
    for kind, key_field, name_field, title in FILTERS:
        buckets: dict = {}
        for part in ("upcoming", "past"):
            for card in view[part]:
                if card.get(key_field):
                    bucket = buckets.setdefault(card[key_field], {"name": card[name_field], "upcoming": [], "past": []})
                    bucket[part].append(card)
        for key, bucket in sorted(buckets.items(), key=lambda kb: (kb[1]["name"].lower(), kb[0])):
            name, upcoming, past = bucket["name"], bucket["upcoming"], bucket["past"]
            result[kind].append({
                "kind": kind, "key": key, "name": name, "title": title.format(name),
                "path": filter_path(kind, key), "upcoming": upcoming, "past": past,
                "upcoming_by_month": by_month(upcoming), "past_by_month": by_month(past),
                "count": len(upcoming)})
    return result


def withdrawn_view(page, moved_to: dict | None) -> dict:
    """What the page at a withdrawn event's address shows: its title, the dates that will not
    take place, who to ask, and where it went (``moved_to``: title and url) if it was renamed.
    ``page`` is a ``withdrawn.WithdrawnPage``."""
    event = page.event
    return {
        "title": event.title,
        "sessions": [{"when": session_when(s), "place": location_text(s) if s.venue or s.online else None,
                      "start_iso": (when.iso_local(s.start) if s.time_known else s.start.date().isoformat())}
                     for s in event.sessions],
        "organiser": event.organiser,
        "moved_to": moved_to,
    }


def search_text(event: Event, default_zone: str = "Europe/London") -> dict:
    """What the site search should find an event by besides its body: its title and summary, each
    session's date (and title), venue, town or area, and the organiser (partials/search-text.html)."""
    lines = []
    for session in event.sessions:
        lines.append(session_when_in(session, default_zone))
        if session.title:
            lines.append(session.title)
        if session.venue is not None:
            lines.append(", ".join(dict.fromkeys((session.venue.name, session.venue.locality, *session.venue.address))))
        elif session.area:
            lines.append(session.area)
        if session.online is not None:
            lines.append(attendance_text(session) or "Online")
    if event.dates_to_be_confirmed:
        lines.append(dates_to_be_confirmed_text(event))
    lines.append(f"Organised by {event.organiser.name}")
    if event.audience:
        lines.append(f"For {event.audience}")
    return {"title": event.title, "summary": event.summary, "lines": list(dict.fromkeys(lines))}
