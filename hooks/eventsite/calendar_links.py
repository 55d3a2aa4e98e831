"""Add-to-calendar links built at build time: plain URLs, no script, no third-party request
until the visitor follows one. Times are sent in UTC so no service has to guess the zone."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

from .model import Event, Session
from .calendar import description, location


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc)


def _next_day(session: Session) -> dt.date:
    return session.start.date() + dt.timedelta(days=1)


def google(event: Event, session: Session, page_url: str | None) -> str:
    """Google Calendar's event template link (a whole day, end exclusive, while the time is not known)."""
    if session.time_known:
        dates = f"{_utc(session.start):%Y%m%dT%H%M%SZ}/{_utc(session.end):%Y%m%dT%H%M%SZ}"
    else:
        dates = f"{session.start:%Y%m%d}/{_next_day(session):%Y%m%d}"
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates,
             "details": description(event, session, page_url), "location": location(session)}
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)


def _outlook(host: str, event: Event, session: Session, page_url: str | None) -> str:
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
             "startdt": f"{_utc(session.start):%Y-%m-%dT%H:%M:%SZ}",
             "enddt": f"{_utc(session.end):%Y-%m-%dT%H:%M:%SZ}",
             "body": description(event, session, page_url), "location": location(session)}
    if not session.time_known:
        query.update(startdt=f"{session.start:%Y-%m-%d}", enddt=f"{_next_day(session):%Y-%m-%d}", allday="true")
    return f"https://{host}/calendar/0/action/compose?" + urlencode(query, quote_via=quote)


def outlook_com(event: Event, session: Session, page_url: str | None) -> str:
    """Outlook.com (personal Microsoft accounts)."""
    return _outlook("outlook.live.com", event, session, page_url)


def microsoft_365(event: Event, session: Session, page_url: str | None) -> str:
    """Outlook on the web for work and school accounts (Microsoft 365)."""
    return _outlook("outlook.office.com", event, session, page_url)


def links(event: Event, session: Session, page_url: str | None) -> list[dict]:
    """The links an event page offers for one session, in the order shown."""
    return [
        {"label": "Google Calendar", "href": google(event, session, page_url)},
        {"label": "Outlook.com", "href": outlook_com(event, session, page_url)},
        {"label": "Microsoft 365", "href": microsoft_365(event, session, page_url)},
    ]
