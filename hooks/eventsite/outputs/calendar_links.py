"""Add-to-calendar links built at build time: plain URLs, no script, no third-party request
until the visitor follows one. Times are sent in UTC so no service has to guess the zone."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from urllib.parse import quote

from ..model.model import Event, Session
from .calendar import description, location


class _Quoted(NamedTuple):
    """A session's title, description and location, URL-encoded once for all three links: the
    description is most of each URL, and encoding it three times was a third of the time an
    event page took in our code."""

    title: str
    details: str
    location: str | None


def _quoted(event: Event, session: Session, page_url: str | None) -> _Quoted:
    title = f"{event.title}: {session.title}" if session.title else event.title
    place = location(session)
    return _Quoted(quote(title, safe=""), quote(description(event, session, page_url), safe=""),
                   quote(place, safe="") if place else None)


def _query(pairs: list[tuple[str, str]]) -> str:
    """Pairs already encoded, as urlencode(..., quote_via=quote) joins them."""
    return "&".join(f"{key}={value}" for key, value in pairs)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc)


def _next_day(session: Session) -> dt.date:
    """The day after the last (an all-day end is exclusive)."""
    return session.end.date() + dt.timedelta(days=1) if session.all_day else session.start.date() + dt.timedelta(days=1)


def _first_end(session: Session) -> dt.datetime:
    """When the first day ends: the session's end, or, for the same times each day, the end time
    on the first day (the days that follow are a daily repeat)."""
    if session.each_day:
        return dt.datetime.combine(session.start.date(), session.end.time(), session.end.tzinfo)
    return session.end


def _google(q: _Quoted, session: Session) -> str:
    recur = []
    if session.time_known:
        dates = f"{_utc(session.start):%Y%m%dT%H%M%SZ}%2F{_utc(_first_end(session)):%Y%m%dT%H%M%SZ}"
        if session.each_day:
            recur = [("recur", quote(f"RRULE:FREQ=DAILY;COUNT={session.days}", safe=""))]
    else:
        dates = f"{session.start:%Y%m%d}%2F{_next_day(session):%Y%m%d}"
    return "https://calendar.google.com/calendar/render?" + _query([
        ("action", "TEMPLATE"), ("text", q.title), ("dates", dates), ("details", q.details),
        *([("location", q.location)] if q.location else []), *recur])


def _outlook(host: str, q: _Quoted, session: Session) -> str:
    # Outlook's compose link takes no repeat: the same times each day give the first day, and the
    # description says every day.
    if session.time_known:
        start, end, all_day = (f"{_utc(session.start):%Y-%m-%dT%H%%3A%M%%3A%SZ}",
                               f"{_utc(_first_end(session)):%Y-%m-%dT%H%%3A%M%%3A%SZ}", [])
    else:
        start, end, all_day = f"{session.start:%Y-%m-%d}", f"{_next_day(session):%Y-%m-%d}", [("allday", "true")]
    return f"https://{host}/calendar/0/action/compose?" + _query([
        ("path", "%2Fcalendar%2Faction%2Fcompose"), ("rru", "addevent"), ("subject", q.title),
        ("startdt", start), ("enddt", end), ("body", q.details),
        *([("location", q.location)] if q.location else []), *all_day])


def google(event: Event, session: Session, page_url: str | None) -> str:
    """Google Calendar's event template link (a whole day, end exclusive, while the time is not known)."""
    return _google(_quoted(event, session, page_url), session)


def outlook_com(event: Event, session: Session, page_url: str | None) -> str:
    """Outlook.com (personal Microsoft accounts)."""
    return _outlook("outlook.live.com", _quoted(event, session, page_url), session)


def microsoft_365(event: Event, session: Session, page_url: str | None) -> str:
    """Outlook on the web for work and school accounts (Microsoft 365)."""
    return _outlook("outlook.office.com", _quoted(event, session, page_url), session)


def links(event: Event, session: Session, page_url: str | None) -> list[dict]:
    """The links an event page offers for one session, in the order shown."""
    q = _quoted(event, session, page_url)
    return [
        {"label": "Google Calendar", "href": _google(q, session)},
        {"label": "Outlook.com", "href": _outlook("outlook.live.com", q, session)},
        {"label": "Microsoft 365", "href": _outlook("outlook.office.com", q, session)},
    ]
