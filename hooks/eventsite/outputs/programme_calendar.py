"""Programme -> .ics bytes: an option's fixed dates, and one file per candidate date of a choice.

The rules are those of event calendars (``calendar``): the same PRODID and Europe/London
VTIMEZONE, METHOD:PUBLISH with an ORGANIZER on every VEVENT, DTSTAMP from the file's ``updated``
date or else the build's "today" (the commit that last changed the file, where there is a history),
SEQUENCE from the history of the file (``history``: it rises with each change of a part's dates,
times, venue or title) or else the part's ``revision``, and UIDs that survive a change of date.
An option's fixed dates are also in the subscribable feeds (``feed_items``).

- Fixed dates (``dates:``) go in the option's file. A part on consecutive days with no times is
  one all-day VEVENT: DTSTART;VALUE=DATE on the first day and DTEND on the day after the last
  (RFC 5545 3.6.1: the end of an all-day event is exclusive). UID: ``slug.option.part``.
  Dates with gaps, or a part with times, give one VEVENT a day, UID ``slug.option.part.dayN``
  (N counts the part's days, so moving a part keeps its UIDs).
- A choice (``choose_from:``) is not a set of sessions: a delegate attends only the days they
  pick. Each candidate date gets a file of its own holding one VEVENT, and the page offers one
  link per date, so a delegate adds exactly the days they chose. Its UID is
  ``slug.option.part.YYYYMMDD``: a candidate date is not rescheduled but withdrawn or replaced,
  and a replaced date is a different choice.
- Dates given only in words, and a call to action's meeting, go in no calendar file.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent, vCalAddress, vText

from ..model import when
from ..model.model import Option, Part, Programme
from .brochure import choice_ics_path, costs_text, option_ics_path, part_when
from .calendar import PRODID, timezone_component


def _stamp(programme: Programme, today: dt.date) -> dt.datetime:
    day = programme.updated or today
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _runs(dates: tuple[dt.date, ...]) -> list[list[dt.date]]:
    """Consecutive days grouped: [4, 5, 9 March] -> [[4, 5], [9]]."""
    runs: list[list[dt.date]] = []
    for day in dates:
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _description(programme: Programme, option: Option, part: Part, page_url: str | None,
                 chosen: dt.date | None = None) -> str:
    lines = [programme.summary, f"{option.title}, {part.title}: {part_when(part)}."]
    if chosen is not None:
        lines.append(f"This file holds {when.day(chosen)}, one of the dates you chose. Add one file "
                     "for each day you will attend.")
    titles = {o.id: o.title for o in programme.options}
    costs = costs_text(option, titles)
    if costs:
        lines.append(f"Cost: {costs}")
    if page_url:
        lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def _component(programme: Programme, option: Option, part: Part, uid: str, start, end, *,
               stamp: dt.datetime, summary: str, description: str, page_url: str | None,
               sequence: int | None = None) -> VEvent:
    item = VEvent()
    item.add("UID", uid)
    item.add("DTSTAMP", stamp)
    item.add("SEQUENCE", part.revision if sequence is None else sequence)
    item.add("DTSTART", start)
    item.add("DTEND", end)
    item.add("SUMMARY", summary)
    item.add("DESCRIPTION", description)
    if part.venue is not None:
        venue = part.venue
        item.add("LOCATION", ", ".join((venue.name, *venue.address, venue.postcode)))
    if page_url:
        item.add("URL", page_url)
    organiser = vCalAddress(f"mailto:{programme.organiser.email}")
    organiser.params["CN"] = vText(programme.organiser.name)
    item.add("ORGANIZER", organiser)
    item.add("STATUS", "CONFIRMED")
    item.add("TRANSP", "OPAQUE")
    return item


def _days(programme: Programme, part: Part, dates: list[dt.date]):
    """(start, end) of one VEVENT covering ``dates``: all-day, or timed in the programme's zone."""
    if part.start and part.end:
        zone = ZoneInfo(programme.timezone)
        return (dt.datetime.combine(dates[0], part.start, tzinfo=zone),
                dt.datetime.combine(dates[-1], part.end, tzinfo=zone))
    return dates[0], dates[-1] + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive


def _calendar(name: str, items: list[VEvent], zones: dict[str, list[int]]) -> bytes:
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    for zone, years in sorted(zones.items()):
        cal.add_component(timezone_component(zone, (min(years), max(years))))
    for item in items:
        cal.add_component(item)
    return cal.to_ical()


def fixed_date_items(programme: Programme, option: Option, *, page_url: str | None, uid_domain: str,
                     today: dt.date, told: dict | None = None) -> list[tuple[VEvent, str | None, dt.date]]:
    """A VEVENT for each run of an option's fixed dates: (the component, the zone its times are
    in or None for all-day, its last day). SEQUENCE and DTSTAMP follow the history of the file
    (``told``, keyed by (slug, "option.part")) where there is one, else the part's ``revision``."""
    told = told or {}
    found = []
    for part in option.parts:
        if not part.dates:
            continue
        said = told.get((programme.slug, f"{option.id}.{part.id}"))
        stamp = said.stamp if said is not None and said.stamp else _stamp(programme, today)
        timed = bool(part.start and part.end)
        runs = _runs(part.dates)
        whole = len(runs) == 1 and not timed
        groups = [part.dates] if whole else [[day] for day in part.dates]
        for number, dates in enumerate(groups, 1):
            uid = f"{programme.slug}.{option.id}.{part.id}" + ("" if whole else f".day{number}")
            label = "" if whole or len(groups) == 1 else f" (day {number} of {len(groups)})"
            start, end = _days(programme, part, list(dates))
            item = _component(
                programme, option, part, f"{uid}@{uid_domain}", start, end, stamp=stamp,
                summary=f"{programme.title}: {option.title}, {part.title}{label}",
                description=_description(programme, option, part, page_url), page_url=page_url,
                sequence=max(part.revision, said.sequence) if said is not None else part.revision)
            found.append((item, programme.timezone if timed else None, dates[-1]))
    return found


def option_calendar(programme: Programme, option: Option, *, page_url: str | None, uid_domain: str,
                    today: dt.date, told: dict | None = None) -> bytes | None:
    """The .ics of an option's fixed dates, or None if it has none."""
    items, zones = [], {}
    for item, zone, last in fixed_date_items(programme, option, page_url=page_url, uid_domain=uid_domain,
                                             today=today, told=told):
        if zone:
            zones.setdefault(zone, []).append(last.year)
        items.append(item)
    if not items:
        return None
    return _calendar(f"{programme.title}: {option.title}", items, zones)


def feed_items(programme: Programme, *, page_url: str | None, uid_domain: str, today: dt.date,
               keep_past_days: int, told: dict | None = None) -> list[tuple[bytes, str | None, int]]:
    """The VEVENTs a subscribable feed carries for a programme: every option's fixed dates that
    have not ended more than ``keep_past_days`` ago, as (bytes, zone or None, year). A choice's
    candidate dates are not in feeds: a delegate adds only the days they chose."""
    cut = today - dt.timedelta(days=keep_past_days)
    return [(item.to_ical(), zone, last.year)
            for option in programme.options
            for item, zone, last in fixed_date_items(programme, option, page_url=page_url, uid_domain=uid_domain,
                                                     today=today, told=told)
            if last >= cut]


def choice_calendar(programme: Programme, option: Option, part: Part, day: dt.date, *,
                    page_url: str | None, uid_domain: str, today: dt.date) -> bytes:
    """The .ics of one candidate date of a choice: added by a delegate who picked that day."""
    zones = {programme.timezone: [day.year]} if part.start and part.end else {}
    start, end = _days(programme, part, [day])
    item = _component(
        programme, option, part, f"{programme.slug}.{option.id}.{part.id}.{day:%Y%m%d}@{uid_domain}",
        start, end, stamp=_stamp(programme, today),
        summary=f"{programme.title}: {option.title}, {part.title} (a day you chose)",
        description=_description(programme, option, part, page_url, chosen=day), page_url=page_url)
    return _calendar(f"{programme.title}: {option.title}, {when.day(day)}", [item], zones)


def programme_calendars(programme: Programme, *, page_url: str | None, uid_domain: str,
                        today: dt.date, told: dict | None = None) -> dict[str, bytes]:
    """Every .ics of a programme, by docs-relative path (see ``brochure`` for the paths)."""
    files = {}
    for option in programme.options:
        fixed = option_calendar(programme, option, page_url=page_url, uid_domain=uid_domain, today=today,
                                told=told)
        if fixed is not None:
            files[option_ics_path(programme, option)] = fixed
        for part in option.parts:
            for day in part.choice.candidates if part.choice else ():
                files[choice_ics_path(programme, option, part, day)] = choice_calendar(
                    programme, option, part, day, page_url=page_url, uid_domain=uid_domain, today=today)
    return files
