"""The validated model: plain dataclasses, built only by ``validate``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Organiser:
    id: str
    name: str
    email: str
    website: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    address: tuple[str, ...]
    postcode: str


@dataclass(frozen=True)
class Testimonial:
    id: str
    quote: str
    by: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Price:
    amount: Decimal  # 0 means free
    currency: str = "GBP"
    vat: str | None = None  # plus, included, exempt
    per: str | None = None  # person, candidate, delegate, organisation
    note: str | None = None

    @property
    def free(self) -> bool:
        return self.amount == 0


@dataclass(frozen=True)
class Booking:
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    closes: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Session:
    id: str
    start: dt.datetime  # aware, in the session's zone
    end: dt.datetime  # aware, in the session's zone
    timezone: str
    venue: Venue
    status: str = "scheduled"
    previous_start: dt.datetime | None = None
    places_left: int | None = None
    revision: int = 0


@dataclass(frozen=True)
class Bullet:
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    slug: str
    source: str  # events/x.yml, as errors and pages name it
    title: str
    summary: str
    organiser: Organiser
    sessions: tuple[Session, ...]
    audience: str | None = None
    tags: tuple[str, ...] = ()
    places: int | None = None
    price: Price | None = None
    booking: Booking = field(default_factory=Booking)
    outcomes: tuple[Bullet, ...] = ()
    benefits: tuple[Bullet, ...] = ()
    body: str = ""
    explainers: tuple[str, ...] = ()
    testimonials: tuple[Testimonial, ...] = ()
    updated: dt.date | None = None
    example: bool = False


@dataclass(frozen=True)
class Catalogue:
    """Everything read from ``events/``: what the renderers and calendars work from."""

    events: tuple[Event, ...]
    organisers: dict[str, Organiser]
    venues: dict[str, Venue]
    testimonials: dict[str, Testimonial]
    programmes: tuple["Programme", ...] = ()


# --- Programmes: a brochure offering one or more options, each a course in parts -----------------


@dataclass(frozen=True)
class AgendaItem:
    """A stretch of a day: "First half: attendees are taught" and its points."""

    title: str
    summary: str | None = None
    points: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class DateChoice:
    """Each delegate attends ``days`` of the ``candidates``, chosen by them: not all of them."""

    days: int
    candidates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Part:
    """One part of a course, e.g. "an initial 3-day session"."""

    id: str
    title: str
    days: int
    after: str | None = None  # the gap after the previous part, in the author's words
    dates: tuple[dt.date, ...] = ()  # fixed dates, one a day, in order
    choice: DateChoice | None = None  # or a choice of dates
    dates_text: str | None = None  # or dates in words
    start: dt.time | None = None  # times each day; None means all-day
    end: dt.time | None = None
    venue: Venue | None = None
    points: tuple[Bullet, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    revision: int = 0


@dataclass(frozen=True)
class Cost:
    """An amount (a ``Price``) and what it is based on, or a cost relative to another option's."""

    price: Price | None = None
    basis: str | None = None  # "8 delegates working in one set"
    relative: str | None = None  # "roughly half"
    of: str | None = None  # the id of the option a relative cost compares with
    note: str | None = None  # for a relative cost; an amount's note is in its Price


@dataclass(frozen=True)
class Award:
    name: str
    note: str | None = None


@dataclass(frozen=True)
class Option:
    """One of the choices a brochure offers side by side, e.g. "Proposal 1"."""

    id: str
    title: str
    summary: str
    parts: tuple[Part, ...]
    description: str = ""  # Markdown
    benefits: tuple[Bullet, ...] = ()
    leaves_with: tuple[Bullet, ...] = ()
    award: Award | None = None
    schedule_note: str | None = None
    costs: tuple[Cost, ...] = ()
    funding: str | None = None
    notes: tuple[Bullet, ...] = ()

    @property
    def days(self) -> int:
        return sum(part.days for part in self.parts)


@dataclass(frozen=True)
class CallToAction:
    """What readers are asked to decide, when and where, and the questions to answer."""

    ask: str
    title: str = "Call to action"
    meeting: dt.date | str | None = None  # a date, or words when the source gives no full date
    where: str | None = None
    reply_by: dt.date | str | None = None
    questions: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Programme:
    slug: str
    source: str  # events/x.yml, as errors and pages name it
    title: str
    summary: str
    organiser: Organiser
    options: tuple[Option, ...]
    timezone: str = "Europe/London"
    audience: str | None = None
    tags: tuple[str, ...] = ()
    call_to_action: CallToAction | None = None
    body: str = ""
    explainers: tuple[str, ...] = ()
    testimonials: tuple[Testimonial, ...] = ()
    updated: dt.date | None = None
    example: bool = False
