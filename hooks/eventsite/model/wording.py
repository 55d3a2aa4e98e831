"""How the model is written in words, the same on pages and in calendar files."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from . import when
from .model import Online, Price, Session, Venue, VenueAccess

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
VAT = {"plus": "plus VAT", "included": "including VAT", "exempt": "no VAT"}


def money(amount: Decimal, currency: str) -> str:
    """'£950', '£884.50': pence only when there are some."""
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{SYMBOLS.get(currency, currency + ' ')}{text}"


def price_text(price: Price) -> str:
    """'Free', or '£950 plus VAT per candidate'."""
    if price.free:
        words = "Free"
    else:
        words = " ".join(part for part in (
            money(price.amount, price.currency),
            VAT.get(price.vat or "", ""),
            f"per {price.per}" if price.per else "") if part)
    return f"{words} ({price.note})" if price.note else words


def places_text(capacity: int | None, left: int | None) -> str | None:
    """'Limited to 8 places', '3 of 8 places left', 'Fully booked'."""
    if left == 0:
        return "Fully booked"
    if left is not None and capacity:
        return f"{left} of {capacity} place{'s' if capacity != 1 else ''} left"
    if left is not None:
        return f"{left} place{'s' if left != 1 else ''} left"
    if capacity:
        return f"Limited to {capacity} place{'s' if capacity != 1 else ''}"
    return None


def cost_text(cost, option_titles: dict[str, str]) -> str:
    """'£950 plus VAT per candidate based on 8 delegates working in one set', or a relative cost:
    'Roughly half of the Proposal 1 cost (in time and cash)'. ``cost`` is a ``model.Cost``;
    ``option_titles`` names the options a relative cost can compare with."""
    if cost.price is not None:
        words = price_text(replace(cost.price, note=None))
        note = cost.price.note
    else:
        relative = cost.relative or ""
        words = f"{relative[:1].upper()}{relative[1:]} of the {option_titles.get(cost.of, cost.of)} cost"
        note = cost.note
    if cost.basis:
        words += f" based on {cost.basis}"
    return f"{words} ({note})" if note else words


def alternatives(texts) -> str:
    """'A', 'A, or B', 'A, B, or C': costs that are alternatives, not a sum."""
    texts = list(texts)
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + ", or " + texts[-1]


# --- sessions: when, where and how to get in ----------------------------------------------------

JOINING_SENT = "The joining instructions are sent to you when you book."

# Names of the languages a session is most often held in besides the site's, in English and in
# themselves; any other tag is shown as written.
LANGUAGES = {"cy": "Welsh (Cymraeg)", "ga": "Irish (Gaeilge)", "gd": "Scottish Gaelic (Gàidhlig)",
             "kw": "Cornish (Kernewek)", "gv": "Manx (Gaelg)", "en": "English", "fr": "French (français)",
             "de": "German (Deutsch)", "es": "Spanish (español)", "pl": "Polish (polski)",
             "ur": "Urdu (اردو)", "pa": "Punjabi (ਪੰਜਾਬੀ)", "bn": "Bengali (বাংলা)"}


def language_name(tag: str) -> str:
    """'Welsh (Cymraeg)' for cy; a tag with a region is named by its language ('en-GB': English)."""
    return LANGUAGES.get(tag) or LANGUAGES.get(tag.split("-")[0].lower()) or tag


def session_when(session: Session) -> str:
    """'Thursday 11 December 2014, 10am to 1pm', or, while only the date is known, 'Thursday 12
    February 2015, time to be confirmed' ('..., morning (time to be confirmed)'); whole days,
    'Monday 15 to Wednesday 17 June 2015'; the same times each day, 'Monday 15 to Wednesday 17
    June 2015, 9:30am to 4:30pm each day'."""
    if session.all_day:
        return when.day_span(session.start.date(), session.end.date())
    if session.each_day:
        return (f"{when.day_span(session.start.date(), session.end.date())}, "
                f"{when.clock(session.start)} to {when.clock(session.end)} each day")
    if session.time_known:
        return when.span(session.start, session.end)
    words = session.time_to_be_confirmed
    if isinstance(words, str):
        return f"{when.day(session.start)}, {words} (time to be confirmed)"
    return f"{when.day(session.start)}, time to be confirmed"


def session_when_in(session: Session, default_zone: str) -> str:
    """``session_when``, naming the zone when it is not the site's: '..., 10am to 1pm (America/New_York
    time)', as the event page does, so listings and shared links say the same."""
    said = session_when(session)
    if session.time_known and session.timezone != default_zone:
        return f"{said} ({session.timezone} time)"
    return said


def venue_text(venue: Venue) -> str:
    return ", ".join((venue.name, *venue.address, venue.postcode))


def online_place(online: Online) -> str:
    """'Online (Microsoft Teams)': where an online session is, in a calendar's location; just
    'Online' while the platform is not chosen."""
    return f"Online ({online.platform})" if online.platform else "Online"


def location_text(session: Session) -> str | None:
    """A calendar entry's LOCATION: the venue, 'Online (Microsoft Teams)', or both; while the venue
    is not chosen, the town or area if it is known, else nothing (never a placeholder). A meeting
    link is never part of it: LOCATION is shown to anyone the entry is shared with."""
    if session.venue is None and session.online is None:
        return session.area
    if session.venue is None:
        return online_place(session.online)
    if session.online is None:
        return venue_text(session.venue)
    return f"{venue_text(session.venue)}; or {online_place(session.online)[0].lower()}{online_place(session.online)[1:]}"


def attendance_text(session: Session) -> str | None:
    """How people can take part, for a session that is not simply in person."""
    platform = f" on {session.online.platform}" if session.online and session.online.platform else ""
    if session.attendance == "online":
        return f"Online,{platform}" if platform else "Online (the platform is to be confirmed)"
    if session.attendance == "hybrid":
        return f"In person at {session.venue.name}, or online{platform}: you choose"
    return None


def joining_text(online: Online) -> str:
    """How an online session is joined. The link appears only when the author made it public."""
    if online.public_link:
        return f"Join{f' on {online.platform}' if online.platform else ''} at {online.public_link}"
    return online.joining or JOINING_SENT


def open_items(event, session: Session | None = None) -> list[str]:
    """What is still to be confirmed about an event (or one session of it), in words a visitor
    reads: 'the venue (in Melton Mowbray)', 'the time', 'the online platform', 'how to book'."""
    items = []
    sessions = [session] if session is not None else list(event.sessions)
    if event.dates_to_be_confirmed and not sessions:
        items.append("the dates")
    if any(s.venue is None and s.online is None for s in sessions):
        areas = sorted({s.area for s in sessions if s.venue is None and s.online is None and s.area})
        items.append("the venue" + (f" (in {', '.join(areas)})" if areas else ""))
    if any(s.online is not None and not s.online.platform for s in sessions):
        items.append("the online platform")
    if any(s.time_to_be_confirmed is not False for s in sessions):
        items.append("the time")
    going_ahead = [s for s in sessions if s.status != "cancelled"]
    if not event.booking.how and (going_ahead or not sessions):
        opens = event.booking.opens
        items.append("how to book" + (f" (booking opens {'on ' + when.day(opens) if hasattr(opens, 'year') else opens})"
                                      if opens else ""))
    return items


_YES_NO = (
    ("step_free", "Step-free access", "No step-free access"),
    ("accessible_toilets", "Accessible toilets", "No accessible toilets"),
    ("hearing_loop", "Hearing loop", "No hearing loop"),
)


def access_lines(access: VenueAccess | None) -> list[str]:
    """What a venue's access fields say, one line each, in a fixed order; a field not given says
    nothing (unknown is not the same as no)."""
    if access is None:
        return []
    lines = []
    for key, yes, no in _YES_NO:
        value = getattr(access, key)
        if value is not None:
            lines.append(yes if value else no)
    if access.parking:
        lines.append(f"Parking: {access.parking}")
    if access.public_transport:
        lines.append(f"Nearest public transport: {access.public_transport}")
    if access.bsl_on_request is not None:
        lines.append("A British Sign Language (BSL) interpreter on request: ask when you book"
                     if access.bsl_on_request else "No British Sign Language (BSL) interpreter")
    if access.other_support:
        lines.append(f"Other support on request: {access.other_support}")
    if access.note:
        lines.append(access.note)
    return lines
