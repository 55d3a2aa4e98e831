"""An Atom feed of published events, newest first by their ``updated`` date."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from .model import Event
from .pages import dates_to_be_confirmed_text
from .wording import session_when

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(events: list[tuple[Event, str]], *, title: str, feed_url: str, site_url: str,
              today: dt.date, limit: int = 50) -> bytes:
    """The feed: ``events`` are (event, absolute page URL) pairs."""
    ET.register_namespace("", ATOM)
    ordered = sorted(events, key=lambda row: (row[0].updated or today, row[0].slug), reverse=True)[:limit]
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = max((e.updated or today for e, _ in ordered), default=today)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    for event, url in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = event.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(event.updated or today)
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = event.organiser.name
        dates = "; ".join(session_when(s) for s in event.sessions) or dates_to_be_confirmed_text(event)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{dates}. {event.summary}" if dates else event.summary
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
