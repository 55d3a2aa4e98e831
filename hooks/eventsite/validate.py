"""Every rule about the authors' files, in one place: files -> checked records -> model.

``load_catalogue`` reads a whole ``events/`` folder and either returns the model or raises
``InvalidSources`` carrying every problem in every file, each with its line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from . import schema
from .fields import Checker, Items, Record
from .load import read_yaml
from .model import Booking, Bullet, Catalogue, Event, Organiser, Price, Session, Testimonial, Venue
from .problems import InvalidSources, Problem

ORGANISERS_FILE = "_organisers.yml"
VENUES_FILE = "_venues.yml"
TESTIMONIALS_FILE = "_testimonials.yml"
SHARED_FILES = (ORGANISERS_FILE, VENUES_FILE, TESTIMONIALS_FILE)


def suggested_slug(stem: str) -> str:
    """The file name an author probably meant: accents folded, spaces to hyphens, lower case."""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "event"


def _zone(name: str, line: int, path: str, check: Checker) -> ZoneInfo | None:
    try:
        if "/" not in name and name != "UTC":
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = [z for z in sorted(available_timezones()) if z.lower().endswith("/" + name.lower().split("/")[-1])]
        hint = f" (did you mean {close[0]}?)" if close else ""
        check.add(line, path, f"{name!r} is not a known time zone{hint}; expected a name such as "
                              "Europe/London")
        return None


def _shared(folder: Path, file_name: str, kind, label: str, problems: list[Problem]) -> Record:
    path = folder / file_name
    name = f"{folder.name}/{file_name}"
    if not path.exists():
        return Record()
    node, found = read_yaml(path, name)
    problems.extend(found)
    if node is None:
        return Record()
    check = Checker(name)
    record = kind.read(node, "", check)
    problems.extend(check.problems)
    return record if record is not None else Record()


def _bullets(items) -> tuple[Bullet, ...]:
    return tuple(Bullet(text, subs) for text, subs in items or () if text is not None)


def _session(record: Record, path: str, event_zone: str, zone_line: int, venues: dict,
             check: Checker) -> Session | None:
    zone_name = record.get("timezone", event_zone)
    zone = _zone(zone_name, record.line_of("timezone") if "timezone" in record else zone_line,
                 f"{path}.timezone" if "timezone" in record else "timezone", check)
    venue_id = record.get("venue")
    venue = venues.get(venue_id)
    if venue_id is not None and venue is None:
        known = ", ".join(sorted(venues)) or "none yet"
        check.add(record.line_of("venue"), f"{path}.venue",
                  f"{venue_id!r} is not a venue in events/{VENUES_FILE} (known: {known}); "
                  "add it there or correct the name")
    start, end = record.get("start"), record.get("end")
    status = record.get("status", "scheduled")
    previous = record.get("previous_start")
    if status == "rescheduled" and previous is None and "previous_start" not in record.lines:
        check.add(record.line_of("status"), f"{path}.previous_start",
                  "is missing; a rescheduled session keeps its previous start, e.g. "
                  "previous_start: 2014-12-04 10:00")
    if previous is not None and status != "rescheduled":
        check.add(record.line_of("previous_start"), f"{path}.previous_start",
                  "is only for a rescheduled session; set status: rescheduled or remove it")
    if start is not None and end is not None:
        if isinstance(end, dt.time):
            end = dt.datetime.combine(start.date(), end)
        if end <= start:
            check.add(record.line_of("end"), f"{path}.end",
                      f"ends at {end:%Y-%m-%d %H:%M}, not after its start {start:%Y-%m-%d %H:%M}; "
                      "expected an end later than the start")
            return None
        if end - start > dt.timedelta(days=31):
            check.add(record.line_of("end"), f"{path}.end",
                      "is more than 31 days after the start; give each part as its own session")
            return None
    if None in (zone, venue, start, end) or not all(k in record for k in ("id",)):
        return None
    return Session(
        id=record["id"], start=start.replace(tzinfo=zone), end=end.replace(tzinfo=zone),
        timezone=zone_name, venue=venue, status=status,
        previous_start=previous.replace(tzinfo=zone) if previous else None,
        places_left=record.get("places_left"), revision=record.get("revision", 0))


def _event(record: Record, slug: str, name: str, shared: dict, explainer_ids: set[str],
           default_zone: str, check: Checker) -> Event | None:
    organisers, venues, testimonials = shared["organisers"], shared["venues"], shared["testimonials"]
    organiser = organisers.get(record.get("organiser"))
    if "organiser" in record and organiser is None:
        known = ", ".join(sorted(organisers)) or "none yet"
        check.add(record.line_of("organiser"), "organiser",
                  f"{record['organiser']!r} is not an organiser in events/{ORGANISERS_FILE} "
                  f"(known: {known}); add it there or correct the name")
    zone_name = record.get("timezone", default_zone)
    zone_line = record.line_of("timezone")
    sessions, seen = [], {}
    for index, (session_record, line) in enumerate(zip(record.get("sessions") or [],
                                                       getattr(record.get("sessions"), "lines", [])), 1):
        if session_record is None:
            continue
        path = f"sessions[{index}]"
        sid = session_record.get("id")
        if sid is not None:  # a missing or malformed id is reported where it is read
            if sid in seen:
                check.add(session_record.line_of("id"), f"{path}.id",
                          f"{sid!r} is already used by sessions[{seen[sid]}]; each session needs its own id")
                continue
            seen[sid] = index
        session = _session(session_record, path, zone_name, zone_line, venues, check)
        if session is not None:
            sessions.append(session)
    for key in ("explainers",):
        for value, line in zip(record.get(key) or [], getattr(record.get(key), "lines", [])):
            if value is not None and value not in explainer_ids:
                known = ", ".join(sorted(explainer_ids)) or "none yet"
                check.add(line, key, f"{value!r} is not a page in docs/explainers/ (known: {known}); "
                                     "add docs/explainers/" + value + ".md or correct the name")
    chosen = []
    for value, line in zip(record.get("testimonials") or [], getattr(record.get("testimonials"), "lines", [])):
        if value is not None and value not in testimonials:
            known = ", ".join(sorted(testimonials)) or "none yet"
            check.add(line, "testimonials", f"{value!r} is not a testimonial in events/{TESTIMONIALS_FILE} "
                                            f"(known: {known}); add it there or correct the name")
        elif value is not None:
            chosen.append(testimonials[value])
    all_tags = {tag for t in testimonials.values() for tag in t.tags}
    for tag, line in zip(record.get("testimonial_tags") or [], getattr(record.get("testimonial_tags"), "lines", [])):
        if tag is not None and tag not in all_tags:
            known = ", ".join(sorted(all_tags)) or "none yet"
            check.add(line, "testimonial_tags", f"no testimonial has the tag {tag!r} (tags in use: {known})")
        chosen.extend(t for t in testimonials.values() if tag in t.tags)
    booking = record.get("booking")
    if booking is not None and not any(k in booking for k in ("email", "phone", "url")):
        check.add(booking.line, "booking", "says nobody how to book; add email:, phone: or url:")
    if check.problems or organiser is None:
        return None
    price = record.get("price")
    return Event(
        slug=slug, source=name, title=record["title"], summary=record["summary"],
        organiser=organiser, sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.id))),
        audience=record.get("audience"), tags=tuple(record.get("tags") or ()),
        places=record.get("places"),
        price=None if price is None else Price(
            amount=price["amount"], currency=price.get("currency", "gbp").upper(),
            vat=price.get("vat"), per=price.get("per"), note=price.get("note")),
        booking=Booking(**booking) if booking else Booking(),
        outcomes=_bullets(record.get("outcomes")), benefits=_bullets(record.get("benefits")),
        body=record.get("body", ""), explainers=tuple(record.get("explainers") or ()),
        testimonials=tuple(dict.fromkeys(chosen)), updated=record.get("updated"),
        example=record.get("example", False))


def _shared_model(folder: Path, problems: list[Problem]) -> dict:
    organisers = {key: Organiser(id=key, **value)
                  for key, value in _shared(folder, ORGANISERS_FILE, schema.ORGANISERS, "organiser", problems).items()
                  if {"name", "email"} <= value.keys()}
    venues = {key: Venue(id=key, name=value["name"], address=tuple(value["address"]), postcode=value["postcode"])
              for key, value in _shared(folder, VENUES_FILE, schema.VENUES, "venue", problems).items()
              if {"name", "address", "postcode"} <= value.keys()}
    testimonials = {key: Testimonial(id=key, quote=value["quote"], by=value["by"],
                                     tags=tuple(value.get("tags") or ()))
                    for key, value in _shared(folder, TESTIMONIALS_FILE, schema.TESTIMONIALS, "testimonial",
                                              problems).items()
                    if {"quote", "by"} <= value.keys()}
    return {"organisers": organisers, "venues": venues, "testimonials": testimonials}


def event_files(folder: Path) -> list[Path]:
    """The event files in ``folder``: every ``*.yml`` except the shared ``_*.yml`` files."""
    return sorted(p for p in folder.glob("*.y*ml") if not p.name.startswith("_"))


def load_catalogue(folder: Path, explainer_ids: set[str] = frozenset(),
                   default_zone: str = "Europe/London") -> Catalogue:
    """Read and check every file in ``folder``; raise ``InvalidSources`` with all problems."""
    problems: list[Problem] = []
    shared = _shared_model(folder, problems)
    events, slugs = [], {}
    for path in event_files(folder):
        name = f"{folder.name}/{path.name}"
        if path.suffix != ".yml":
            problems.append(Problem(name, 1, "", f"event files end in .yml; rename it to {path.stem}.yml"))
            continue
        slug = path.stem
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            problems.append(Problem(name, 1, "", "the file name becomes the page address, so it may hold "
                                                 "only lower-case letters, digits and hyphens; rename it "
                                                 f"to {suggested_slug(slug)}.yml"))
            continue
        if slug in slugs:  # pragma: no cover - one folder cannot hold two files of one name
            problems.append(Problem(name, 1, "", f"has the same page address as {slugs[slug]}"))
            continue
        slugs[slug] = name
        node, found = read_yaml(path, name)
        problems.extend(found)
        if node is None:
            if not found:  # empty, or only comments: without this the event would vanish silently
                problems.append(Problem(name, 1, "", "the file is empty; an event needs at least "
                                                     "title:, summary:, organiser: and sessions:"))
            continue
        check = Checker(name)
        record = schema.EVENT.read(node, "", check)
        event = None
        if record is not None:
            event = _event(record, slug, name, shared, set(explainer_ids), default_zone, check)
        problems.extend(check.problems)
        if event is not None:
            events.append(event)
    if problems:
        raise InvalidSources(problems)
    return Catalogue(events=tuple(events), **shared)
