"""An Atom feed of published events, newest first by when each last changed.

When an event changed: the commit that last changed its file (``history``), else its ``updated:``
date, else its first session's day: never the build's date, which would make every event look
updated on every build."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..model.model import Event
from ..model.wording import session_when
from .pages import dates_to_be_confirmed_text

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


def changed(event: Event, stamps: dict, today: dt.date) -> dt.datetime:
    """When an event last changed, in UTC (see the module's docstring)."""
    if event.slug in stamps:
        return stamps[event.slug]
    day = event.updated or (event.sessions[0].start.date() if event.sessions else today)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def atom_feed(events: list[tuple[Event, str]], *, title: str, feed_url: str, site_url: str,
              today: dt.date, limit: int = 50, stamps: dict | None = None) -> bytes:
    """The feed: ``events`` are (event, absolute page URL) pairs; ``stamps`` (slug -> UTC time)
    are the history's (``history.History.stamps``)."""
    ET.register_namespace("", ATOM)
    stamps = stamps or {}
    ordered = sorted(events, key=lambda row: (changed(row[0], stamps, today), row[0].slug), reverse=True)[:limit]
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = max((changed(e, stamps, today) for e, _ in ordered),
                 default=dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    for event, url in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = event.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(changed(event, stamps, today))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = event.organiser.name
        dates = "; ".join(session_when(s) for s in event.sessions) or dates_to_be_confirmed_text(event)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{dates}. {event.summary}" if dates else event.summary
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
