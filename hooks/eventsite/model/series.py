"""Series and alternatives: what a delegate books, and takes into a calendar, as one.

"Attend all three sessions of series 1" and "choose one of these dates" are different offers. A
series is a set of sessions booked together: one place, every session attended, one calendar file
holding them all. A session in no series is an alternative: complete in itself, booked alone and
downloaded alone. An event may run several series side by side, and alternatives beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Event, Series, Session


@dataclass(frozen=True)
class Unit:
    """What one booking covers: a whole series, or one session on its own."""

    id: str  # the series' id, or the session's
    sessions: tuple[Session, ...]
    series: Series | None = None

    @property
    def kind(self) -> str:
        return "series" if self.series is not None else "session"


def units(event: Event) -> list[Unit]:
    """The event's series in the order the file lists them, then each session in no series, in
    date order. A series with no session (a validation error) is left out."""
    found = [Unit(s.id, tuple(x for x in event.sessions if x.series == s.id), s) for s in event.series]
    found = [unit for unit in found if unit.sessions]
    found += [Unit(x.id, (x,)) for x in event.sessions if x.series is None]
    return found


def ics_path(event: Event, unit: Unit) -> str:
    """Where a unit's own calendar file is published, docs-relative: beside the event's page, in
    a folder no session or series id can collide in (``session-`` and ``series-`` prefixes)."""
    return f"events/{event.slug}/{unit.kind}-{unit.id}.ics"


def separate_downloads(event: Event) -> bool:
    """Whether each unit gets its own calendar file. With one unit (one session, or one series
    holding every session) the event's own file is that unit's file."""
    return len(units(event)) > 1


def is_open(unit: Unit, today: dt.date) -> bool:
    """Whether a unit is still offered: one of its sessions has not ended before ``today``. A page
    lists only these, so only these get a calendar file of their own (a past unit's would be linked
    from nowhere, and each file written costs a build more than its bytes)."""
    return any(s.end.date() >= today for s in unit.sessions)


def series_words(unit: Unit) -> str:
    """'Series 1: all 3 sessions', for booking subjects and calendar links."""
    n = len(unit.sessions)
    return f"{unit.series.title}: all {n} session{'s' if n != 1 else ''}"


def choice_text(upcoming: list[Unit]) -> str | None:
    """The sentence that makes the offer plain, above the dates and under "How to book"; None
    for a single session, where there is nothing to choose."""
    series = [u for u in upcoming if u.kind == "series"]
    alone = [u for u in upcoming if u.kind == "session"]
    parts = []
    if len(series) == 1:
        n = len(series[0].sessions)
        parts.append(f"{series[0].series.title} is a series of {n} session{'s' if n != 1 else ''}: you book "
                     "once and attend every session.")
    elif series:
        parts.append(f"There are {len(series)} series running side by side. Choose one series: you book "
                     "once and attend every session in it.")
    if alone and series:
        parts.append("A date listed on its own is complete in itself: book it alone." if len(alone) == 1 else
                     "Each date listed on its own is complete in itself: choose one and book it alone.")
    elif len(alone) > 1:
        parts.append("Choose one of these dates: each session is complete in itself, so you book and "
                     "attend just one.")
    return " ".join(parts) or None
