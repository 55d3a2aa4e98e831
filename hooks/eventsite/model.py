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
