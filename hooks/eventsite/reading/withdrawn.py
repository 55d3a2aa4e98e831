"""Withdrawn sessions as models, read from the last text that published them (``history``).

A session that left the sources while still to come is published as cancelled, so that every
calendar holding it hears it is off: in its event's calendar file and in the feeds, until it has
passed plus ``feed_keep_past_days``. Where the whole file left (deleted, renamed or made a draft),
its address keeps a page saying the event was withdrawn, with the organiser's contact, and, for
a rename, a link to the new address.

The last published text is read as it was published: against the shared files of that version
(a venue since removed from ``_venues.yml`` is still the place calendars hold), and leniently,
because it passed the checks of its day and only its sessions, title and organiser are needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from ..model.model import Catalogue, Event
from ..model.wording import session_when
from . import schema, validate
from .fields import Checker
from .history import History, Withdrawal
from .load import compose


class _Lenient(Checker):
    """Reads what it can: a text that was published once passed the checks of its day."""

    def add(self, node_or_line, path, message) -> None:
        pass


def _shared_then(shared: dict, kept: dict | None = None) -> dict:
    """The shared files (venues, organisers, testimonials) as a version held them, read once per
    distinct set of texts (``kept``): withdrawals from one commit share them."""
    key = tuple(sorted(shared.items()))
    if kept is not None and key in kept:
        return kept[key]
    found = _read_shared(shared)
    if kept is not None:
        kept[key] = found
    return found


def _read_shared(shared: dict) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in shared.items():
            if text is not None:
                (Path(folder) / name).write_text(text, encoding="utf-8")
        return validate._shared_model(Path(folder), [])


def _read_then(withdrawal: Withdrawal, default_zone: str, now: dict, kept: dict | None = None) -> Event | None:
    """The event as the withdrawal's text published it, or None if it cannot be read at all."""
    node, _ = compose(withdrawal.text, withdrawal.name)
    if node is None or any(getattr(k, "value", None) == "kind" for k, _ in getattr(node, "value", ())):
        return None  # a programme's parts are not announced as withdrawn (its brochure says what changed)
    check = _Lenient(withdrawal.name)
    record = schema.EVENT.read(node, "", check)
    if record is None:
        return None
    for shared in (_shared_then(withdrawal.shared, kept), now):
        # Explainers and testimonials are not needed to say a session is off.
        record.pop("explainers", None)
        record.pop("testimonials", None)
        record.pop("image", None)
        event = validate._event(record, withdrawal.slug, withdrawal.name, shared, set(), default_zone, check)
        if event is not None:
            return event
    return None


@dataclasses.dataclass(frozen=True)
class WithdrawnPage:
    """A page at the address of an event file that left: what it held, and where it went."""

    event: Event  # its withdrawn sessions, cancelled
    on: dt.date
    renamed_to: str | None  # the slug of the event that replaced it, if any


def apply(catalogue: Catalogue, history: History, default_zone: str,
          memory: dict | None = None) -> tuple[Catalogue, list[WithdrawnPage]]:
    """The catalogue with each withdrawn session added to its event as cancelled, and a page for
    each event file that left with sessions to come.

    ``memory`` (a dict kept between builds of one process, as ``make serve`` keeps one) holds what
    the last call read and made: a withdrawal is read again only if its text or the shared files
    changed, and an event given withdrawn sessions stays the same object while its own object and
    those sessions are, so that a rebuild after one saved file renders only that file's page."""
    if not history.withdrawals:
        return catalogue, []
    now = {"organisers": catalogue.organisers, "venues": catalogue.venues, "testimonials": catalogue.testimonials}
    memory = {} if memory is None else memory
    if memory.get("now") != now:  # the shared files changed: read every withdrawal again
        memory.clear()
        memory.update(now=now, read={}, merged={})
    read, merged_before = memory["read"], memory["merged"]
    memory["read"] = read_now = {}  # only what this call used is kept for the next
    by_slug: dict[str, list] = {}
    kept: dict = {}  # the shared files by their texts, read once
    for withdrawal in history.withdrawals:
        key = (withdrawal.name, withdrawal.slug, withdrawal.text, tuple(sorted(withdrawal.shared.items())),
               default_zone)
        event = read_now[key] = read[key] if key in read else _read_then(withdrawal, default_zone, now, kept)
        if event is None:
            continue
        wanted = set(withdrawal.sessions)
        sessions = [dataclasses.replace(s, status="cancelled", previous_start=None)
                    for s in event.sessions if s.id in wanted]
        if sessions:
            by_slug.setdefault(withdrawal.slug, []).append((withdrawal, event, sessions))
    current = {e.slug: e for e in catalogue.events}
    position = {e.slug: i for i, e in enumerate(catalogue.events)}
    events, pages = list(catalogue.events), []
    titles = {e.title: e.slug for e in catalogue.events}
    merged_now: dict = {}
    for slug, found in sorted(by_slug.items()):
        sessions = {s.id: s for _, _, ss in found for s in ss}  # a later withdrawal wins
        if slug in current:
            event = current[slug]
            own = {s.id for s in event.sessions}
            extra = tuple(s for sid, s in sessions.items() if sid not in own)
            if extra:
                before = merged_before.get(slug)
                if before is not None and before[0] is event and before[1] == extra:
                    merged = before[2]
                else:
                    merged = dataclasses.replace(event, sessions=tuple(sorted((*event.sessions, *extra),
                                                                              key=lambda s: (s.start, s.id))))
                merged_now[slug] = (event, extra, merged)
                events[position[slug]] = merged
            continue
        withdrawal, event, _ = found[-1]
        ordered = tuple(sorted(sessions.values(), key=lambda s: (s.start, s.id)))
        event = dataclasses.replace(event, sessions=ordered, draft=False)
        renamed = withdrawal.renamed_to if withdrawal.renamed_to in current else titles.get(event.title)
        pages.append(WithdrawnPage(event, withdrawal.on, renamed))
    memory["merged"] = merged_now
    return dataclasses.replace(catalogue, events=tuple(events)), pages


def for_feeds(catalogue: Catalogue, pages: list[WithdrawnPage]) -> Catalogue:
    """The catalogue whose feeds also carry the sessions of withdrawn files, as cancelled."""
    if not pages:
        return catalogue
    return dataclasses.replace(catalogue, events=(*catalogue.events, *(p.event for p in pages)))


def notes(catalogue: Catalogue, history: History, default_zone: str, today: dt.date, keep_days: int) -> list[str]:
    """What ``make check`` tells an author, as information: each session that has left the sources
    while to come and is still announced in the feeds as cancelled, and a shallow clone."""
    if history.state == "shallow":
        return ["note: this is a shallow clone, so calendars cannot be kept in step with what was published "
                "before; the build refuses to publish from it (git fetch --unshallow)"]
    if history.state == "none":  # a downloaded copy: nothing to compare with (the build says so)
        return []
    merged, pages = apply(catalogue, history, default_zone)
    found = []
    announced = {(e.slug, s.id) for e in catalogue.events for s in e.sessions}
    cut = today - dt.timedelta(days=keep_days)
    for event in merged.events:
        for session in event.sessions:
            if (event.slug, session.id) not in announced and session.end.date() >= cut:
                found.append(f"note: {event.source}: session {session.id!r} ({session_when(session)}) has left "
                             "the file; calendars that hold it will show it cancelled")
    for page in pages:
        coming = [s for s in page.event.sessions if s.end.date() >= cut]
        if coming:
            where = f" (pointing to events/{page.renamed_to}.yml's page)" if page.renamed_to else ""
            found.append(f"note: {page.event.source}: has left the site with {len(coming)} session"
                         f"{'s' if len(coming) != 1 else ''} to come ({', '.join(session_when(s) for s in coming)}); "
                         f"its address keeps a page saying it was withdrawn{where}, and calendars that hold "
                         "them will show them cancelled")
    return found
