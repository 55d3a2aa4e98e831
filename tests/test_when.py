"""Dates and times written the GOV.UK way, and the build's "today"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from eventsite.model import when

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.parametrize("time, words", [
    ("10:00", "10am"),
    ("13:00", "1pm"),
    ("13:30", "1:30pm"),
    ("09:05", "9:05am"),
    ("12:00", "midday"),
    ("12:15", "12:15pm"),
    ("00:00", "midnight"),
    ("00:30", "12:30am"),
    ("23:59", "11:59pm"),
])
def test_clock_times(time, words):
    assert when.clock(dt.time.fromisoformat(time)) == words


@pytest.mark.parametrize("start, end, words", [
    ("2014-12-11 10:00", "2014-12-11 13:00", "Thursday 11 December 2014, 10am to 1pm"),
    ("2014-12-11 09:30", "2014-12-11 12:00", "Thursday 11 December 2014, 9:30am to midday"),
    ("2014-12-11 12:00", "2014-12-11 13:30", "Thursday 11 December 2014, midday to 1:30pm"),
    ("2010-02-08 10:00", "2010-02-11 16:00",
     "Monday 8 February 2010, 10am to Thursday 11 February 2010, 4pm"),
    ("2014-12-31 19:00", "2015-01-01 01:00",
     "Wednesday 31 December 2014, 7pm to Thursday 1 January 2015, 1am"),
], ids=["morning", "to-midday", "from-midday", "multi-day", "over-new-year"])
def test_span(start, end, words):
    assert when.span(at(start), at(end)) == words


def test_day_has_no_leading_zero_and_no_ordinal():
    assert when.day(dt.date(2014, 3, 4)) == "Tuesday 4 March 2014"
    assert when.short_day(dt.date(2014, 3, 4)) == "4 March 2014"
    assert when.moment(at("2014-12-04 10:00")) == "Thursday 4 December 2014, 10am"


def test_iso_local_keeps_the_offset_of_the_season():
    assert when.iso_local(at("2014-12-11 10:00")) == "2014-12-11T10:00+00:00"
    assert when.iso_local(at("2014-06-11 10:00")) == "2014-06-11T10:00+01:00"


def test_today_comes_from_the_environment_first_then_the_setting():
    assert when.today("2014-11-20", environ={}) == dt.date(2014, 11, 20)
    assert when.today(dt.date(2014, 11, 20), environ={}) == dt.date(2014, 11, 20)
    assert when.today("2014-11-20", environ={"EVENTS_TODAY": "2015-01-01"}) == dt.date(2015, 1, 1)
    assert when.today(None, environ={"EVENTS_TODAY": ""}) == dt.date.today()
    assert when.today(None, environ={}) == dt.date.today()


@pytest.mark.parametrize("value, message", [
    ("20/11/2014", "'20/11/2014' is not a date; expected YYYY-MM-DD"),
    ("2014-02-30", "'2014-02-30' is not a real date; expected YYYY-MM-DD"),
])
def test_a_bad_today_is_refused(value, message):
    with pytest.raises(when.BadToday) as info:
        when.today(None, environ={"EVENTS_TODAY": value})
    assert str(info.value) == message
