"""model.build makes the same objects as the model classes do, only faster (issue 7)."""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from eventsite.model.model import Booking, Event, Organiser, Session, Venue, build

LONDON = ZoneInfo("Europe/London")
VENUE = Venue(id="emc-melton", name="Pera Business Park", address=("Nottingham Road",), postcode="LE13 0PB")


def _session_values() -> dict:
    return dict(id="dec-2014", start=dt.datetime(2014, 12, 11, 10, tzinfo=LONDON),
                end=dt.datetime(2014, 12, 11, 13, tzinfo=LONDON), timezone="Europe/London", venue=VENUE,
                status="rescheduled", previous_start=dt.datetime(2014, 12, 4, 10, tzinfo=LONDON),
                places_left=3, revision=1, online=None, time_to_be_confirmed=False, series=None, all_day=False,
                each_day=False, area=None, title="Launch", summary=None, agenda=(), language=None)


def _event_values() -> dict:
    return dict(slug="taster", source="events/taster.yml", title="Taster", summary="A taster.",
                organiser=Organiser(id="emc", name="East Midlands Councils", email="e@example.org"),
                sessions=(Session(**_session_values()),), audience=None, tags=("action-learning",),
                places=8, price=None, booking=Booking(email="b@example.org"), outcomes=(), benefits=(),
                body="Body.\n", explainers=(), testimonials=(), updated=dt.date(2014, 11, 3), example=False,
                draft=False, dates_to_be_confirmed=False, series=(), eligibility=(), image=None, language=None)


@pytest.mark.parametrize("cls, values", [(Session, _session_values()), (Event, _event_values())],
                         ids=["Session", "Event"])
def test_build_makes_what_the_class_makes(cls, values):
    built, made = build(cls, **values), cls(**values)
    assert type(built) is cls
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert list(vars(built).items()) == list(vars(made).items())  # the same fields, in the same order
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.title = "changed"
    assert dataclasses.replace(built) == made


def test_build_needs_every_field_in_order():
    values = _session_values()
    with pytest.raises(TypeError, match="needs all its fields, in order"):
        build(Session, **{k: v for k, v in values.items() if k != "series"})
    with pytest.raises(TypeError, match="needs all its fields, in order"):
        build(Session, **dict(reversed(values.items())))
    with pytest.raises(TypeError):
        build(Session, **values, unknown=1)
