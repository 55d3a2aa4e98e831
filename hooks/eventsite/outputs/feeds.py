"""Subscribable calendar feeds: which ones exist and which sessions each holds.

One feed for the whole site (``calendar.ics``), one per organiser and one per tag. A feed holds
every session that has not ended more than ``keep_past_days`` ago, cancelled ones included, so a
subscriber's calendar sees a cancellation instead of an entry that silently disappears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.model import Catalogue, Event, Session

SITE_FEED = "calendar.ics"


@dataclass(frozen=True)
class Feed:
    path: str  # docs-relative, e.g. calendars/organiser-east-midlands-councils.ics
    name: str  # calendar name shown by calendar programs
    description: str
    kind: str  # site, organiser, tag
    key: str
    events: tuple[Event, ...]
    programmes: tuple = ()  # brochures whose fixed dates the feed carries (programme_calendar.feed_items)


def in_feed(session: Session, today: dt.date, keep_past_days: int) -> bool:
    """Whether a session belongs in feeds built on ``today``."""
    return session.end.date() >= today - dt.timedelta(days=keep_past_days)


def feed_sessions(feed: Feed, today: dt.date, keep_past_days: int) -> list[tuple[Event, list[Session]]]:
    """(event, its sessions in the feed) for the events with any."""
    rows = []
    for event in feed.events:
        sessions = [s for s in event.sessions if in_feed(s, today, keep_past_days)]
        if sessions:
            rows.append((event, sessions))
    return rows


def feeds_for(catalogue: Catalogue, site_name: str) -> list[Feed]:
    """Every feed the site publishes, in a stable order: the site's, organisers', tags'. Programmes
    are in them as events are: by organiser and by tag."""
    events = tuple(sorted(catalogue.events, key=lambda e: e.slug))
    programmes = tuple(sorted(catalogue.programmes, key=lambda p: p.slug))
    feeds = [Feed(SITE_FEED, site_name, f"All events from {site_name}", "site", "", events, programmes)]
    for key, organiser in sorted(catalogue.organisers.items()):
        theirs = tuple(e for e in events if e.organiser.id == key)
        their_programmes = tuple(p for p in programmes if p.organiser.id == key)
        if theirs or their_programmes:
            feeds.append(Feed(f"calendars/organiser-{key}.ics", f"{organiser.name} events",
                              f"Events organised by {organiser.name}", "organiser", key, theirs, their_programmes))
    for tag in sorted({t for e in events for t in e.tags} | {t for p in programmes for t in p.tags}):
        tagged = tuple(e for e in events if tag in e.tags)
        label = tag.replace("-", " ")
        feeds.append(Feed(f"calendars/tag-{tag}.ics", f"{site_name}: {label}",
                          f"Events tagged {label}", "tag", tag, tagged,
                          tuple(p for p in programmes if tag in p.tags)))
    return feeds
