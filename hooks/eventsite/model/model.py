"""The validated model: plain dataclasses, built only by ``validate``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

_Model = TypeVar("_Model")


def build(cls: type[_Model], **values) -> _Model:
    """``cls(**values)`` for a model class, given every field in the order the class lists them,
    in about half the time (a Session: 1.6 us instead of 3.4).

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which on
    Python 3.11 costs more than the rest of making the object, and validation sets about a
    hundred fields an event. ``build`` fills the new object's attributes in one step instead.
    The object is the same: frozen, and equal to and hashed as the one ``cls(**values)`` makes
    (tests/test_model_build.py). There are no defaults here: a field left out is an error."""
    if tuple(values) != cls.__match_args__:  # the fields __init__ takes, in order
        raise TypeError(f"{cls.__name__} needs all its fields, in order: {', '.join(cls.__match_args__)}")
    model = object.__new__(cls)
    model.__dict__.update(values)
    return model


@dataclass(frozen=True)
class Organiser:
    id: str
    name: str
    email: str
    website: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class VenueAccess:
    """What people ask before they come: each yes/no is None when the venue file does not say."""

    step_free: bool | None = None
    accessible_toilets: bool | None = None
    hearing_loop: bool | None = None
    parking: str | None = None
    public_transport: str | None = None  # the nearest stop or station, in words
    bsl_on_request: bool | None = None  # British Sign Language interpreters, if asked for
    other_support: str | None = None  # other support on request, in words
    note: str | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    address: tuple[str, ...]
    postcode: str
    access: VenueAccess | None = None
    town: str | None = None  # the town or city, where the address alone does not tell it
    language: str | None = None  # the language of its name and address, if not the site's ("cy")

    @property
    def locality(self) -> str:
        """The town or city: as given, else the line before the county (street, town, county), else
        the last line."""
        if self.town:
            return self.town
        return self.address[-2] if len(self.address) >= 3 else self.address[-1]


@dataclass(frozen=True)
class Online:
    """How a session is joined online. The meeting link is published only if the author gives it
    as ``public_link``; otherwise joining instructions go to those who book."""

    platform: str | None  # "Microsoft Teams"; None while not chosen yet (online: yes)
    joining: str | None = None  # how people get the instructions, if not "sent when you book"
    public_link: str | None = None


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
    opens: dt.date | str | None = None  # booking is not open yet: the day it opens, or words

    @property
    def how(self) -> bool:
        """Whether it says how to book (an email, a phone number or a web address)."""
        return bool(self.email or self.phone or self.url)


@dataclass(frozen=True)
class AgendaSlot:
    """A stretch of one session's day: "10:00 Welcome and introductions"."""

    title: str
    time: dt.time | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Session:
    id: str
    start: dt.datetime  # aware, in the session's zone
    end: dt.datetime  # aware, in the session's zone
    timezone: str
    venue: Venue | None  # None for a session that is online only
    status: str = "scheduled"
    previous_start: dt.datetime | None = None
    places_left: int | None = None
    revision: int = 0
    online: Online | None = None
    # The date is known but the time is not: start is midnight of that day and end equals it;
    # True, or the words the author gave ("morning").
    time_to_be_confirmed: bool | str = False
    series: str | None = None  # the id of the event's series this session belongs to
    # Whole days, from start's day to end's day (start and end are midnight of those days).
    all_day: bool = False
    # Over several days with the same times each day: start's time to end's time, every day from
    # start's day to end's day.
    each_day: bool = False
    area: str | None = None  # where, while the venue is not chosen: the town or area known
    title: str | None = None  # the session's own name ("Launch"), said with the event's
    summary: str | None = None
    agenda: tuple[AgendaSlot, ...] = ()
    language: str | None = None  # a BCP 47 tag ("cy") when the session is held in another language

    @property
    def attendance(self) -> str:
        """in-person, online or hybrid (schema.org's Offline, Online, Mixed)."""
        if self.online is None:
            return "in-person"
        return "online" if self.venue is None else "hybrid"

    @property
    def time_known(self) -> bool:
        """Whether the session has clock times (not an all-day block, not a time to be confirmed)."""
        return self.time_to_be_confirmed is False and not self.all_day

    @property
    def place_known(self) -> bool:
        """Whether where it happens is known: a venue, or online."""
        return self.venue is not None or self.online is not None

    @property
    def days(self) -> int:
        """How many days it spans."""
        return (self.end.date() - self.start.date()).days + 1


@dataclass(frozen=True)
class Bullet:
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Series:
    """Sessions that go together: a delegate books the series and attends every session in it."""

    id: str
    title: str
    note: str | None = None
    facilitator: str | None = None  # who leads this group, when groups run side by side
    places: int | None = None  # the group's own places (6 to 8 in a set), if not the event's


@dataclass(frozen=True)
class Image:
    src: str  # docs-relative path of a file the site serves: images/taster.jpg
    alt: str


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
    draft: bool = False  # checked, but published only in a preview that asks for drafts
    # No date is set yet (or none after the past ones): True, or words ("spring 2015").
    dates_to_be_confirmed: bool | str = False
    series: tuple[Series, ...] = ()
    eligibility: tuple[str, ...] = ()  # who can come and on what conditions, before booking
    image: Image | None = None
    language: str | None = None  # a BCP 47 tag when the event is in another language than the site's


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
    draft: bool = False
