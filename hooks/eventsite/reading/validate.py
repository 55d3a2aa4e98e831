"""Every rule about the authors' files, in one place: files -> checked records -> model.

``load_catalogue`` reads a whole ``events/`` folder and either returns the model or raises
``InvalidSources`` carrying every problem in every file, each with its line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import yaml

from ..model import when
from ..model.model import (AgendaSlot, Booking, Bullet, Catalogue, Event, Image, Online, Organiser, Price, Series,
                           Session, Testimonial, Venue, VenueAccess, build)
from ..model.model import AgendaItem, Award, CallToAction, Cost, DateChoice, Option, Part, Programme
from . import schema
from .fields import Checker, Items, Record, SiteFile
from .load import read_yaml, refused_path
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


def _in_zone(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """``naive.replace(tzinfo=zone)`` in a sixth of the time: Python 3.11's replace() parses its
    keywords slowly, and every session needs two or three of these."""
    return dt.datetime.combine(naive.date(), naive.time(), zone)


_LONGEST_SESSION = dt.timedelta(days=31)


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _local_time(value, zone: ZoneInfo, zone_name: str, line: int, path: str, check: Checker):
    """A session's local time as it exists in its zone, or None with the problem reported.

    A time in the hour the clocks skip (spring) does not exist; one in the hour they repeat
    (autumn) happens twice, and the author says which by adding the offset or abbreviation in
    force ("01:30 BST" or "01:30 GMT"): it is kept as ``fold`` (0 the first, 1 the second)."""
    if not isinstance(value, dt.datetime):
        return value
    stated = value.tzinfo
    naive = value.replace(tzinfo=None)
    first = dt.datetime.combine(naive.date(), naive.time(), zone)
    second = first.replace(fold=1)
    shown = f"{naive:%Y-%m-%d %H:%M}"
    if first.utcoffset() == second.utcoffset():
        if stated is not None and stated.text not in (_offset(first.utcoffset()), first.tzname()) and \
                stated.offset != first.utcoffset():
            check.add(line, path, f"says {stated.text}, but {shown} in {zone_name} is {first.tzname()} "
                                  f"({_offset(first.utcoffset())}); leave out {stated.text}, or correct the time")
            return None
        return naive
    earlier, later = (first, second) if first.utcoffset() > second.utcoffset() else (second, first)
    back = first.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None) == naive
    if not back:  # the clocks go forward over it: no clock shows this time
        after = first.astimezone(dt.timezone.utc).astimezone(zone)
        check.add(line, path, f"{shown} does not exist in {zone_name}: the clocks go forward an hour that "
                              f"night ({first.tzname()} to {second.tzname()}), so no clock shows it; expected a "
                              f"time outside the missing hour, such as {after:%H:%M}")
        return None
    for candidate in (earlier, later):
        if stated is not None and (stated.text in (candidate.tzname(), _offset(candidate.utcoffset()))
                                   or stated.offset == candidate.utcoffset()):
            return naive.replace(fold=candidate.fold)
    said = f"says {stated.text}, which is neither; " if stated is not None else ""
    check.add(line, path, f"{shown} happens twice in {zone_name}, as the clocks go back an hour that night; "
                          f"{said}say which: '{shown} {earlier.tzname()}' (the first, {_offset(earlier.utcoffset())}) "
                          f"or '{shown} {later.tzname()}' (the second, {_offset(later.utcoffset())})")
    return None


def _shared(folder: Path, file_name: str, kind, label: str, problems: list[Problem],
            root: Path | None = None) -> Record:
    path = folder / file_name
    name = f"{folder.name}/{file_name}"
    if not os.path.lexists(path):  # a link to nothing is there, and refused below
        return Record()
    refused = refused_path(path, name, root or folder.parent)
    if refused is not None:
        problems.append(refused)
        return Record()
    node, found = read_yaml(path, name)
    problems.extend(found)
    if node is None:
        return Record()
    check = Checker(name)
    record = kind.read(node, "", check)
    problems.extend(check.problems)
    return record if record is not None else Record()


def _present(items) -> tuple:
    """A list's items that could be read: one that could not is None, and already reported."""
    return tuple(item for item in items or () if item is not None)


def _bullets(items) -> tuple[Bullet, ...]:
    return tuple([Bullet(*item) for item in _present(items)])


# A value that says only that nothing is known yet: the field is left out instead, so that no
# placeholder reaches a page, a calendar or a search engine.
_PLACEHOLDER = re.compile(r"\s*(?:tbc|tba|tbd|to be (?:confirmed|announced|decided|arranged|advised)|"
                          r"n/?a|none|unknown|not known|\?+|-+)\s*\.?\s*", re.IGNORECASE)


def placeholder(value) -> bool:
    """Whether a text says only "to be confirmed" (TBC, TBA, n/a, ?, ...)."""
    return isinstance(value, str) and _PLACEHOLDER.fullmatch(value) is not None


def _refuse_placeholder(record: Record, key: str, path: str, check: Checker, instead: str) -> None:
    if placeholder(record.get(key)):
        check.add(record.line_of(key), path, f"{record[key]!r} says it is not known yet; {instead}")


def _days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


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
    _refuse_placeholder(record, "area", f"{path}.area", check, "leave area: out until the town is known")
    if "area" in record and venue_id is not None:
        check.add(record.line_of("area"), f"{path}.area",
                  "is for a session whose venue is not chosen yet; the venue says where it is, so remove area:")
    start, end = record.get("start"), record.get("end")
    if zone is not None and isinstance(start, dt.datetime):
        start = _local_time(start, zone, zone_name, record.line_of("start"), f"{path}.start", check)
    to_confirm = record.get("time_to_be_confirmed", False)
    each_day = record.get("each_day", False)
    all_day = False
    start_is_day = isinstance(start, dt.date) and not isinstance(start, dt.datetime)
    end_is_day = isinstance(end, dt.date) and not isinstance(end, dt.datetime)
    if isinstance(start, dt.datetime) and to_confirm:
        check.add(record.line_of("time_to_be_confirmed"), f"{path}.time_to_be_confirmed",
                  f"says the time is not known, but start: gives {start:%H:%M}; give start: as the "
                  f"date alone (start: {start:%Y-%m-%d}), or remove time_to_be_confirmed:")
        to_confirm = False
    elif start_is_day and end_is_day and not to_confirm:  # whole days: a residential, say
        if end < start:
            check.add(record.line_of("end"), f"{path}.end",
                      f"'{end:%Y-%m-%d}' is before the start {start:%Y-%m-%d}; expected the last day of the block")
            return None
        if _days_between(start, end) > _LONGEST_SESSION.days:
            check.add(record.line_of("end"), f"{path}.end",
                      "is more than 31 days after the start; give each part as its own session")
            return None
        all_day = True
        start, end = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
    elif start_is_day:
        if "end" in record.lines and to_confirm:
            check.add(record.line_of("end"), f"{path}.end",
                      "is for a session whose time is known; leave it out while time_to_be_confirmed: "
                      "is set, and give start: and end: times once the time is known")
            return None
        if "end" in record.lines:
            check.add(record.line_of("end"), f"{path}.end",
                      f"gives a time, but start: gives only the day ({start:%Y-%m-%d}); give both with "
                      "times (start: 2015-06-15 09:30, end: 16:30), both as days for whole days "
                      "(end: 2015-06-17), or leave end: out while the time is not known")
            return None
        # A day without a time: the time is to be confirmed (leaving it out is how an author says so).
        to_confirm = to_confirm or True
        start = dt.datetime.combine(start, dt.time())  # midnight: an all-day entry in calendars
        end = start
    elif isinstance(start, dt.datetime) and end_is_day:
        check.add(record.line_of("end"), f"{path}.end",
                  f"gives only a day, but start: gives a time ({start:%H:%M}); give end: a time too "
                  f"(end: 16:30, or end: {end:%Y-%m-%d} 16:30)")
        return None
    elif isinstance(start, dt.datetime) and end is None and "end" not in record.lines:
        check.add(record.line_of("start"), f"{path}.end",
                  f"is missing; the start gives a time ({start:%H:%M}), so give the end's time too (end: 13:00), "
                  f"or give start: as the day alone ({start:%Y-%m-%d}) while the times are not known")
        return None
    if each_day and (all_day or to_confirm):
        check.add(record.line_of("each_day"), f"{path}.each_day",
                  "is for a session with times over several days; give start: and end: with times")
        each_day = False
    status = record.get("status", "scheduled")
    previous = record.get("previous_start")
    if zone is not None and isinstance(previous, dt.datetime):
        previous = _local_time(previous, zone, zone_name, record.line_of("previous_start"), f"{path}.previous_start",
                               check)
    if status == "rescheduled" and previous is None and "previous_start" not in record.lines:
        check.add(record.line_of("status"), f"{path}.previous_start",
                  "is missing; a rescheduled session keeps its previous start, e.g. "
                  "previous_start: 2014-12-04 10:00")
    if previous is not None and status != "rescheduled":
        check.add(record.line_of("previous_start"), f"{path}.previous_start",
                  "is only for a rescheduled session; set status: rescheduled or remove it")
    if start is not None and end is not None and not to_confirm and not all_day:
        if isinstance(end, dt.time):
            end = dt.datetime.combine(start.date(), end)
        if zone is not None:
            end = _local_time(end, zone, zone_name, record.line_of("end"), f"{path}.end", check)
            if end is None:
                return None
        if end <= start:
            check.add(record.line_of("end"), f"{path}.end",
                      f"ends at {end:%Y-%m-%d %H:%M}, not after its start {start:%Y-%m-%d %H:%M}; "
                      "expected an end later than the start")
            return None
        if end - start > _LONGEST_SESSION:
            check.add(record.line_of("end"), f"{path}.end",
                      "is more than 31 days after the start; give each part as its own session")
            return None
        if each_day and (end.date() == start.date() or end.time() <= start.time()):
            check.add(record.line_of("each_day"), f"{path}.each_day",
                      f"says the times hold each day, but the session {'ends on its first day' if end.date() == start.date() else f'ends at {end:%H:%M}, before it starts each day ({start:%H:%M})'}; "
                      "expected end: on a later day, at a later time of day than start:")
            return None
    online = record.get("online")
    if online is not None:
        _refuse_placeholder(online, "platform", f"{path}.online.platform", check,
                            "leave platform: out (or write online: yes) until it is chosen")
    agenda = tuple(AgendaSlot(title=item["title"], time=item.get("time"), summary=item.get("summary"))
                   for item in record.get("agenda") or () if item is not None and "title" in item)
    if None in (zone, start, end) or "id" not in record:
        return None
    return build(
        Session, id=record["id"], start=_in_zone(start, zone), end=_in_zone(end, zone),
        timezone=zone_name, venue=venue, status=status,
        previous_start=_in_zone(previous, zone) if previous else None,
        places_left=record.get("places_left"), revision=record.get("revision", 0),
        online=Online(platform=online.get("platform"), joining=online.get("joining"),
                      public_link=online.get("public_link")) if online is not None else None,
        time_to_be_confirmed=to_confirm, series=record.get("series"), all_day=all_day, each_day=each_day,
        area=record.get("area"), title=record.get("title"), summary=record.get("summary"), agenda=agenda,
        language=record.get("language"))


def _references(record: Record, testimonials: dict, explainer_ids: set[str], check: Checker) -> list:
    """Check ``explainers``, ``testimonials`` and ``testimonial_tags``; the testimonials chosen."""
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
    named = record.get("testimonial_tags")
    # Every testimonial's tags, gathered only for a file that names some: most name none.
    all_tags = {tag for t in testimonials.values() for tag in t.tags} if named else set()
    for tag, line in zip(named or [], getattr(named, "lines", [])):
        if tag is not None and tag not in all_tags:
            known = ", ".join(sorted(all_tags)) or "none yet"
            check.add(line, "testimonial_tags", f"no testimonial has the tag {tag!r} (tags in use: {known})")
        chosen.extend(t for t in testimonials.values() if tag in t.tags)
    return chosen


def _series(record: Record, sessions: list[Record | None], check: Checker) -> tuple[Series, ...]:
    """The event's series, each with at least one session; every session's series: names one."""
    found, seen = [], {}
    for index, item in enumerate(record.get("series") or (), 1):
        if item is None or "id" not in item:
            continue
        if item["id"] in seen:
            check.add(item.line_of("id"), f"series[{index}].id",
                      f"{item['id']!r} is already used by series[{seen[item['id']]}]; each series needs its own id")
            continue
        seen[item["id"]] = index
        if "title" in item:
            found.append((item, Series(id=item["id"], title=item["title"], note=item.get("note"),
                                       facilitator=item.get("facilitator"), places=item.get("places"))))
    used = set()
    for index, session_record in enumerate(sessions, 1):
        name = session_record.get("series") if session_record is not None else None
        if name is None:
            continue
        used.add(name)
        if name not in seen:
            known = ", ".join(seen) or "none yet"
            check.add(session_record.line_of("series"), f"sessions[{index}].series",
                      f"{name!r} is not a series of this event (series: {known}); add it under series: "
                      "at the top of the file, with an id and a title, or correct the name")
    for item, series in found:
        if series.id not in used:
            check.add(item.line_of("id"), f"series[{seen[series.id]}]",
                      f"no session is in the series {series.id!r}; add series: {series.id} to each of "
                      "its sessions, or remove the series")
    return tuple(series for _, series in found)


def _image(record: Record, site_files: frozenset[str] | None, check: Checker) -> Image | None:
    image = record.get("image")
    if image is None or "src" not in image or "alt" not in image:
        return None
    src, alt = image["src"], image["alt"]
    if site_files is not None and src not in site_files:
        folder = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
        nearby = sorted(f for f in site_files if f.startswith(folder) and f.lower().endswith(SiteFile.extensions))
        hint = f" (images there: {', '.join(nearby[:5])})" if nearby and folder else ""
        check.add(image.line_of("src"), "image.src",
                  f"{src!r} is not a file in docs/{hint}; put the image at docs/{src}, or correct the path")
    if re.fullmatch(r"[\w .-]+\.(jpe?g|png|webp|gif|svg)", alt, re.I) or alt.lower() in ("image", "photo", "picture"):
        check.add(image.line_of("alt"), "image.alt",
                  f"{alt!r} does not say what the image shows; describe it in a sentence, as you would "
                  "to someone on the phone")
    return Image(src=src, alt=alt)


def _event(record: Record, slug: str, name: str, shared: dict, explainer_ids: set[str],
           default_zone: str, check: Checker, site_files: frozenset[str] | None = None) -> Event | None:
    organisers, venues, testimonials = shared["organisers"], shared["venues"], shared["testimonials"]
    organiser = _organiser(record, organisers, check)
    zone_name = record.get("timezone", default_zone)
    zone_line = record.line_of("timezone")
    sessions, seen = [], {}
    records = record.get("sessions") or []
    for index, (session_record, line) in enumerate(zip(records, getattr(records, "lines", [])), 1):
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
    series = _series(record, records, check)
    image = _image(record, site_files, check)
    chosen = _references(record, testimonials, explainer_ids, check)
    booking = record.get("booking")
    if booking is not None and not any(k in booking for k in ("email", "phone", "url", "opens")) \
            and not (check.problems and booking.lines.keys() & {"email", "phone", "url"}):
        # (A way to book that was given but is wrong is reported where it stands, not again here.)
        check.add(booking.line, "booking", "says nobody how to book; add email:, phone: or url: (or, while "
                                           "booking is not open yet, opens: with the day or words such as "
                                           "'in January')")
    if check.problems or organiser is None:
        return None
    price = record.get("price")
    return build(
        Event, slug=slug, source=name, title=record["title"], summary=record["summary"],
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
        example=record.get("example", False), draft=record.get("draft", False),
        dates_to_be_confirmed=record.get("dates_to_be_confirmed", False), series=series,
        eligibility=_present(record.get("eligibility")), image=image, language=record.get("language"))


def _shared_model(folder: Path, problems: list[Problem], root: Path | None = None) -> dict:
    organisers = {key: Organiser(id=key, **value)
                  for key, value in _shared(folder, ORGANISERS_FILE, schema.ORGANISERS, "organiser", problems,
                                            root).items()
                  if {"name", "email"} <= value.keys()}
    venue_records = _shared(folder, VENUES_FILE, schema.VENUES, "venue", problems, root)
    for key, value in venue_records.items():  # a venue "to be confirmed" is a session without venue:
        for field_name in ("name", "postcode", "town"):
            if placeholder(value.get(field_name)):
                problems.append(Problem(f"{folder.name}/{VENUES_FILE}", value.line_of(field_name), f"{key}.{field_name}",
                                        f"{value[field_name]!r} says it is not known yet; a venue that is not "
                                        "chosen yet is not a venue: leave venue: out of the session (with "
                                        "area: for the town, if it is known) and add the venue when it is chosen"))
        if any(placeholder(line) for line in value.get("address") or ()):
            problems.append(Problem(f"{folder.name}/{VENUES_FILE}", value.line_of("address"), f"{key}.address",
                                    "says it is not known yet; leave venue: out of the session until the "
                                    "venue is chosen, and add the venue with its address then"))
    venues = {key: Venue(id=key, name=value["name"], address=_present(value["address"]), postcode=value["postcode"],
                         access=VenueAccess(**value["access"]) if value.get("access") else None,
                         town=value.get("town"), language=value.get("language"))
              for key, value in venue_records.items()
              if {"name", "address", "postcode"} <= value.keys()}
    testimonials = {key: Testimonial(id=key, quote=value["quote"], by=value["by"],
                                     tags=_present(value.get("tags")))
                    for key, value in _shared(folder, TESTIMONIALS_FILE, schema.TESTIMONIALS, "testimonial",
                                              problems, root).items()
                    if {"quote", "by"} <= value.keys()}
    return {"organisers": organisers, "venues": venues, "testimonials": testimonials}


def event_files(folder: Path) -> list[Path]:
    """The event files in ``folder``: every ``*.yml`` except the shared ``_*.yml`` files."""
    # By name: for one folder's lower-case names, the order of whole paths, in a third of the time.
    return sorted((p for p in folder.glob("*.y*ml") if not p.name.startswith("_")), key=lambda p: p.name)


_CONTEXT = "context"  # reuse's entry for what every file was read against
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _stamp(path: Path) -> tuple | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return path.name, info.st_mtime_ns, info.st_size, info.st_ino


def _read_event_file(path: Path, name: str, slug: str, shared: dict, explainer_ids: set[str],
                     default_zone: str, site_files: frozenset[str] | None,
                     markdown=None, seen=None) -> tuple[str, object, list[Problem]]:
    """One event or programme file: ("event" or "programme", the model or None, its problems)."""
    node, problems = read_yaml(path, name, seen)
    if node is None:
        if not problems:  # empty, or only comments: without this the event would vanish silently
            problems = [Problem(name, 1, "", "the file is empty; an event needs at least "
                                             "title:, summary:, organiser: and sessions:")]
        return "event", None, problems
    check = Checker(name, markdown=markdown)
    kind = _kind_node(node)  # looked for once: most files have none, and every key is looked at
    if _is_programme(node, kind):
        record = schema.PROGRAMME.read(node, "", check)
        programme = None
        if record is not None:
            programme = _programme(record, slug, name, shared, explainer_ids, default_zone, check)
        return "programme", programme, problems + check.problems
    record = schema.EVENT.read(node if kind is None else _without_kind(node), "", check)
    event = None
    if record is not None:
        event = _event(record, slug, name, shared, explainer_ids, default_zone, check, site_files)
    return "event", event, problems + check.problems


@contextlib.contextmanager
def _cycle_collector_paused():
    """Pause Python's cycle collector, as it was before afterwards. Reading a file makes a
    hundred or so node and record objects, none in a cycle (reference counting frees them), yet
    each few hundred objects set off a collection that walks every young object: in a build of
    1,000 events that was a tenth of validation's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalogue(folder: Path, explainer_ids: set[str] = frozenset(),
                   default_zone: str = "Europe/London", site_files: frozenset[str] | None = None,
                   reuse: dict | None = None, markdown=None, root: Path | None = None,
                   seen=None) -> Catalogue:
    """Read and check every file in ``folder``; raise ``InvalidSources`` with all problems.

    Only regular files inside ``root``, the repository (by default the folder above ``folder``),
    are read: a link out of it, a folder or a named pipe among the files is refused by name.

    ``site_files`` are the docs-relative paths of the files the site serves, against which
    images are checked; None leaves that check out (the build and ``make check`` always pass it).
    ``reuse``, a dict the caller keeps between calls (``mkdocs serve``), holds each file's result
    by its size and modification time: a file not saved since, read against the same shared
    files, explainers and settings, is not read again. ``markdown`` (sanitise.AuthorMarkdown) renders
    author Markdown with the site's extensions, so that what sanitising would remove from it is
    reported; None: MkDocs' built-in extensions and attr_list. ``seen(name, text, node)`` is told
    of each event or programme file composed (``history.Seen.add``)."""
    with _cycle_collector_paused():
        return _load_catalogue(folder, explainer_ids, default_zone, site_files, reuse, markdown,
                               folder.parent if root is None else root, seen)


def _load_catalogue(folder: Path, explainer_ids, default_zone: str, site_files, reuse, markdown,
                    root: Path, seen=None) -> Catalogue:
    problems: list[Problem] = []
    shared = _shared_model(folder, problems, root)
    events, programmes, slugs = [], [], {}
    folder_name = folder.name
    explainer_ids = set(explainer_ids)
    site_files = None if site_files is None else frozenset(site_files)
    if reuse is not None:
        context = (shared, explainer_ids, default_zone, site_files, markdown)
        if reuse.get(_CONTEXT) != context:
            reuse.clear()
            reuse[_CONTEXT] = context
    for path in event_files(folder):
        name = f"{folder_name}/{path.name}"
        if path.suffix != ".yml":
            problems.append(Problem(name, 1, "", f"event files end in .yml; rename it to {path.stem}.yml"))
            continue
        slug = path.stem
        if not _SLUG.fullmatch(slug):
            problems.append(Problem(name, 1, "", "the file name becomes the page address, so it may hold "
                                                 "only lower-case letters, digits and hyphens; rename it "
                                                 f"to {suggested_slug(slug)}.yml"))
            continue
        if slug in slugs:  # pragma: no cover - one folder cannot hold two files of one name
            problems.append(Problem(name, 1, "", f"has the same page address as {slugs[slug]}"))
            continue
        slugs[slug] = name
        refused = refused_path(path, name, root)
        if refused is not None:
            problems.append(refused)
            continue
        stamp = _stamp(path) if reuse is not None else None
        if stamp is not None and stamp in reuse:
            kind, item, found = reuse[stamp]
        else:
            kind, item, found = _read_event_file(path, name, slug, shared, explainer_ids, default_zone,
                                                 site_files, markdown, seen)
            if stamp is not None:
                reuse[stamp] = kind, item, found
        problems.extend(found)
        if item is not None:
            (programmes if kind == "programme" else events).append(item)
    if problems:
        raise InvalidSources(_without_follow_ons(problems, shared))
    return Catalogue(events=tuple(events), programmes=tuple(programmes), **shared)


_REFERENCES = (("venues", VENUES_FILE, "a venue"), ("organisers", ORGANISERS_FILE, "an organiser"),
               ("testimonials", TESTIMONIALS_FILE, "a testimonial"))


def _without_follow_ons(problems: list[Problem], shared: dict) -> list[Problem]:
    """The problems less those that only follow from another: an event naming a venue (organiser,
    testimonial) whose own entry in the shared file has a problem, and so could not be read, is
    not told that the venue does not exist (a misspelt field in _venues.yml gave both)."""
    unread = {}
    for kind, file_name, _ in _REFERENCES:
        named = {p.field.split(".")[0].split("[")[0] for p in problems if p.file.endswith("/" + file_name) and p.field}
        unread[kind] = named - shared[kind].keys()
    if not any(unread.values()):
        return problems
    follow_on = tuple(f"{name!r} is not {what} in " for kind, _, what in _REFERENCES for name in unread[kind])
    return [p for p in problems if not p.message.startswith(follow_on)]


# --- Programmes ----------------------------------------------------------------------------------
# A programme file is an events/*.yml file that says ``kind: programme``. Its format is
# schema.PROGRAMME; these are the rules the format alone cannot state.


def _kind_node(node: yaml.Node) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "kind":
                return value
    return None


def _is_programme(node: yaml.Node, kind: yaml.Node | None) -> bool:
    """Whether to read a file as a programme: it says ``kind:`` (anything but ``event``; the
    programme format then reports a mistyped kind), or it has ``options:`` and no kind, so
    that the author hears "kind is missing" rather than a dozen unknown event fields. ``kind``
    is the value of its ``kind:`` key (``_kind_node``)."""
    if isinstance(kind, yaml.ScalarNode):
        return kind.value.strip().lower() != "event"
    if kind is not None:
        return True
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "options" for k, _ in node.value)


def _without_kind(node: yaml.Node) -> yaml.Node:
    """An event file may say ``kind: event``; the event format itself has no such field."""
    if _kind_node(node) is None:
        return node
    pairs = [(k, v) for k, v in node.value if not (isinstance(k, yaml.ScalarNode) and k.value == "kind")]
    return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)


def _organiser(record: Record, organisers: dict, check: Checker) -> Organiser | None:
    organiser = organisers.get(record.get("organiser"))
    if "organiser" in record and organiser is None:
        known = ", ".join(sorted(organisers)) or "none yet"
        check.add(record.line_of("organiser"), "organiser",
                  f"{record['organiser']!r} is not an organiser in events/{ORGANISERS_FILE} "
                  f"(known: {known}); add it there or correct the name")
    return organiser


def _dates_in_order(dates: Items, path: str, check: Checker) -> None:
    """Each date once, earliest first: a brochure reads them in order, and so do calendars."""
    for index in range(1, len(dates)):
        before, this = dates[index - 1], dates[index]
        if before is None or this is None:
            continue
        if this == before:
            check.add(dates.lines[index], f"{path}[{index + 1}]",
                      f"{this:%Y-%m-%d} appears twice; list each date once")
        elif this < before:
            check.add(dates.lines[index], f"{path}[{index + 1}]",
                      f"{this:%Y-%m-%d} comes after {before:%Y-%m-%d} in the list; list the dates "
                      "earliest first")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _part(record: Record, path: str, venues: dict, check: Checker) -> Part:
    days = record.get("days")
    given = [key for key in ("dates", "choose_from", "dates_text") if key in record.lines]
    for key in given[1:]:
        check.add(record.line_of(key), f"{path}.{key}",
                  f"cannot be given with {given[0]}:; a part has fixed dates:, a choice of dates "
                  "(choose_from:) or its dates in words (dates_text:), one of them")
    dates, candidates = record.get("dates"), record.get("choose_from")
    if dates is not None and None not in dates:
        _dates_in_order(dates, f"{path}.dates", check)
        if days is not None and len(dates) != days:
            check.add(record.line_of("dates"), f"{path}.dates",
                      f"lists {_plural(len(dates), 'date')} for a {days}-day part; give one date for "
                      f"each day, or set days: {len(dates)}")
    if candidates is not None and None not in candidates:
        _dates_in_order(candidates, f"{path}.choose_from", check)
        if days is not None and len(candidates) < days:
            check.add(record.line_of("choose_from"), f"{path}.choose_from",
                      f"a choice of {days} days from a list of {len(candidates)} dates is not "
                      f"possible; list at least {days + 1} dates, or set days: to fewer")
        elif days is not None and len(candidates) == days:
            check.add(record.line_of("choose_from"), f"{path}.choose_from",
                      f"lists exactly the {_plural(days, 'date')} of a {days}-day part, so there is "
                      "nothing to choose; write dates: instead")
    start, end = record.get("start"), record.get("end")
    for have, missing, example in (("start", "end", "16:30"), ("end", "start", "09:30")):
        if have in record.lines and missing not in record.lines:
            check.add(record.line_of(have), f"{path}.{missing}",
                      f"is missing; a part with a{'n' if have == 'end' else ''} {have} time needs "
                      f"a{'n' if missing == 'end' else ''} {missing} time too, e.g. {missing}: {example}")
    if start is not None and end is not None and end <= start:
        check.add(record.line_of("end"), f"{path}.end",
                  f"ends at {end:%H:%M}, not after its start {start:%H:%M}; expected a later time "
                  "(the same times apply to each day)")
    venue = venues.get(record.get("venue"))
    if "venue" in record and venue is None:
        known = ", ".join(sorted(venues)) or "none yet"
        check.add(record.line_of("venue"), f"{path}.venue",
                  f"{record['venue']!r} is not a venue in events/{VENUES_FILE} (known: {known}); "
                  "add it there or correct the name")
    agenda = tuple(AgendaItem(title=item.get("title"), summary=item.get("summary"),
                              points=_bullets(item.get("points")))
                   for item in record.get("agenda") or () if item is not None)
    return Part(
        id=record.get("id"), title=record.get("title"), days=days or 0, after=record.get("after"),
        dates=tuple(dates or ()),
        choice=DateChoice(days=days or 0, candidates=tuple(candidates)) if candidates else None,
        dates_text=record.get("dates_text"), start=start, end=end, venue=venue,
        points=_bullets(record.get("points")), agenda=agenda, revision=record.get("revision", 0))


def _part_span(part: Part) -> tuple[dt.date, dt.date] | None:
    """The first and last date a part can fall on (for a choice: its first and last candidate)."""
    dates = part.dates or (part.choice.candidates if part.choice else ())
    dates = [d for d in dates if d is not None]
    return (min(dates), max(dates)) if dates else None


def _cost(record: Record, path: str, option_ids: dict, own_id: str | None, check: Checker) -> Cost:
    has_amount, has_relative = "amount" in record.lines, "relative" in record.lines
    if has_amount and has_relative:
        check.add(record.line_of("relative"), f"{path}.relative",
                  "cannot be given with amount:; a cost is an amount, or relative to another "
                  "option's cost, not both")
    elif not (has_amount or has_relative):
        check.add(record.line, path, "gives no cost; add amount: with currency:, or relative: "
                                     "with of: (e.g. relative: roughly half, of: proposal-1)")
    amount = record.get("amount")
    if has_amount and amount is not None and amount != 0 and "currency" not in record.lines:
        check.add(record.line_of("amount"), f"{path}.currency",
                  "is missing; an amount needs its currency, e.g. currency: GBP")
    if has_relative:
        if "of" not in record.lines:
            check.add(record.line_of("relative"), f"{path}.of",
                      "is missing; say which option a relative cost compares with, e.g. of: proposal-1")
        for key in ("currency", "vat", "per"):
            if key in record.lines:
                check.add(record.line_of(key), f"{path}.{key}",
                          "applies only to an amount; remove it, or give amount: instead of relative:")
    elif "of" in record.lines:
        check.add(record.line_of("of"), f"{path}.of", "is only for a relative cost; add relative: or remove it")
    of = record.get("of")
    if of is not None and own_id is not None:
        if of == own_id:
            check.add(record.line_of("of"), f"{path}.of",
                      f"{of!r} is this option itself; name another option to compare with")
        elif of not in option_ids:
            known = ", ".join(option_ids) or "none"
            check.add(record.line_of("of"), f"{path}.of",
                      f"{of!r} is not an option in this file (options: {known}); correct the name")
    price = None
    if amount is not None:
        price = Price(amount=amount, currency=record.get("currency", "gbp").upper(), vat=record.get("vat"),
                      per=record.get("per"), note=record.get("note"))
    return Cost(price=price, basis=record.get("basis"), relative=record.get("relative"), of=of,
                note=None if price is not None else record.get("note"))


def _option(record: Record, path: str, option_ids: dict, venues: dict, check: Checker) -> Option:
    parts, seen = [], {}
    records = record.get("parts") or Items()
    for index, (part_record, line) in enumerate(zip(records, getattr(records, "lines", [])), 1):
        if part_record is None:
            continue
        part_path = f"{path}.parts[{index}]"
        pid = part_record.get("id")
        if pid is not None and pid in seen:
            check.add(part_record.line_of("id"), f"{part_path}.id",
                      f"{pid!r} is already used by {path}.parts[{seen[pid]}]; each part needs its own id")
        elif pid is not None:
            seen[pid] = index
        if index == 1 and "after" in part_record.lines:
            check.add(part_record.line_of("after"), f"{part_path}.after",
                      "the first part comes after nothing; put after: on the part that follows the gap")
        part = _part(part_record, part_path, venues, check)
        span = _part_span(part)
        earlier = next(((i, p, s) for i, p, s in reversed(parts) if s), None)
        if span and earlier and span[0] <= earlier[2][1]:
            key = "dates" if part.dates else "choose_from"
            check.add(part_record.line_of(key), f"{part_path}.{key}",
                      f"starts on {when.day(span[0])}, which is not after {when.day(earlier[2][1])}, "
                      f"when {path}.parts[{earlier[0]}] ({earlier[1].title}) ends; list the parts in "
                      "the order they happen")
        parts.append((index, part, span))
    costs = tuple(_cost(cost_record, f"{path}.costs[{index}]", option_ids, record.get("id"), check)
                  for index, cost_record in enumerate(record.get("costs") or (), 1)
                  if cost_record is not None)
    award = record.get("award")
    return Option(
        id=record.get("id"), title=record.get("title"), summary=record.get("summary"),
        parts=tuple(part for _, part, _ in parts), description=record.get("description", ""),
        benefits=_bullets(record.get("benefits")), leaves_with=_bullets(record.get("leaves_with")),
        award=Award(name=award["name"], note=award.get("note")) if award and "name" in award else None,
        schedule_note=record.get("schedule_note"), costs=costs, funding=record.get("funding"),
        notes=_bullets(record.get("notes")))


def _call_to_action(record: Record, check: Checker) -> CallToAction:
    meeting, reply_by = record.get("meeting"), record.get("reply_by")
    if isinstance(meeting, dt.date) and isinstance(reply_by, dt.date) and reply_by > meeting:
        check.add(record.line_of("reply_by"), "call_to_action.reply_by",
                  f"{reply_by:%Y-%m-%d} is after the meeting on {meeting:%Y-%m-%d}; expected replies "
                  "to be due by the meeting")
    return CallToAction(ask=record.get("ask"), title=record.get("title", "Call to action"), meeting=meeting,
                        where=record.get("where"), reply_by=reply_by,
                        questions=_present(record.get("questions")),
                        email=record.get("email"), phone=record.get("phone"))


def _programme(record: Record, slug: str, name: str, shared: dict, explainer_ids: set[str],
               default_zone: str, check: Checker) -> Programme | None:
    organiser = _organiser(record, shared["organisers"], check)
    zone_name = record.get("timezone", default_zone)
    _zone(zone_name, record.line_of("timezone"), "timezone", check)
    records = record.get("options") or Items()
    option_ids: dict = {}
    for index, (option_record, line) in enumerate(zip(records, getattr(records, "lines", [])), 1):
        oid = option_record.get("id") if option_record is not None else None
        if oid is not None and oid in option_ids:
            check.add(option_record.line_of("id"), f"options[{index}].id",
                      f"{oid!r} is already used by options[{option_ids[oid]}]; each option needs its own id")
        elif oid is not None:
            option_ids[oid] = index
    options = tuple(_option(option_record, f"options[{index}]", option_ids, shared["venues"], check)
                    for index, option_record in enumerate(records, 1) if option_record is not None)
    call = record.get("call_to_action")
    call_to_action = _call_to_action(call, check) if call is not None else None
    chosen = _references(record, shared["testimonials"], explainer_ids, check)
    if check.problems or organiser is None:
        return None
    return Programme(
        slug=slug, source=name, title=record["title"], summary=record["summary"], organiser=organiser,
        options=options, timezone=zone_name, audience=record.get("audience"),
        tags=tuple(record.get("tags") or ()), call_to_action=call_to_action, body=record.get("body", ""),
        explainers=tuple(record.get("explainers") or ()), testimonials=tuple(dict.fromkeys(chosen)),
        updated=record.get("updated"), example=record.get("example", False), draft=record.get("draft", False))
