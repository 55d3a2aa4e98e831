"""Dates and times: "today" for a build, and dates written the GOV.UK way.

GOV.UK style: "Thursday 11 December 2014", "10am", "1:30pm", "midday", "10am to 1pm".
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re

TODAY_VARIABLE = "EVENTS_TODAY"


class BadToday(ValueError):
    """The "today" setting is not a date."""


def today(setting: str | dt.date | None, environ=os.environ) -> dt.date:
    """The build's "today": the environment variable, else the setting, else the real date."""
    value = environ.get(TODAY_VARIABLE) or setting
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return _within_years(value.date())
    if isinstance(value, dt.date):
        return _within_years(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        raise BadToday(f"{value!r} is not a date; expected YYYY-MM-DD")
    try:
        parsed = dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise BadToday(f"{value!r} is not a real date; expected YYYY-MM-DD") from exc
    return _within_years(parsed)


def _within_years(value: dt.date) -> dt.date:
    # Years 1 or 9999 overflow date arithmetic (feeds look days back) and timestamps (gzip).
    from ..reading.fields import YEAR_MAX, YEAR_MIN
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise BadToday(f"'{value.isoformat()}' has the year {value.year}, outside {YEAR_MIN} to {YEAR_MAX}; "
                       "expected YYYY-MM-DD")
    return value


@functools.lru_cache(maxsize=8192)  # listings, pages and calendars name the same days again and again
def day(value: dt.date) -> str:
    """'Thursday 11 December 2014'."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_day(value: dt.date) -> str:
    """'11 December 2014'."""
    return f"{value.day} {value:%B %Y}"


def clock(value: dt.time | dt.datetime) -> str:
    """'10am', '1:30pm', 'midday', 'midnight'; in the hour the clocks go back, which of the two:
    '1:30am BST', '1:30am GMT'."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    said = f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"
    if isinstance(value, dt.datetime) and value.tzinfo is not None and twice(value):
        return f"{said} {value.tzname()}"
    return said


def twice(value: dt.datetime) -> bool:
    """Whether a local time happens twice (in the hour the clocks go back)."""
    return value.replace(fold=1 - value.fold).utcoffset() != value.utcoffset()


def span(start: dt.datetime, end: dt.datetime) -> str:
    """'Thursday 11 December 2014, 10am to 1pm', or across days with both dates."""
    if start.date() == end.date():
        return f"{day(start)}, {clock(start)} to {clock(end)}"
    return f"{day(start)}, {clock(start)} to {day(end)}, {clock(end)}"


def moment(value: dt.datetime) -> str:
    """'Thursday 11 December 2014, 10am'."""
    return f"{day(value)}, {clock(value)}"


def iso_local(value: dt.datetime) -> str:
    """ISO 8601 with offset, for <time datetime> and structured data."""
    return value.isoformat(timespec="minutes")


def day_list(dates, conjunction: str = "and") -> str:
    """Several days, the month and year said once per run:

    'Thursday 4 and Friday 5 March 2010', 'Monday 8, Tuesday 9, Wednesday 10 or Thursday 11
    February 2010', 'Friday 26 February and Monday 1 March 2010'.
    """
    dates = list(dates)
    words = []
    for index, value in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        text = f"{value:%A} {value.day}"
        if following is None or (following.year, following.month) != (value.year, value.month):
            text += f" {value:%B}"
        if following is None or following.year != value.year:
            text += f" {value.year}"
        words.append(text)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def day_span(first: dt.date, last: dt.date) -> str:
    """Whole days: 'Monday 15 to Wednesday 17 June 2015', 'Friday 26 February to Monday 1 March
    2010', 'Thursday 11 December 2014' for one day."""
    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%A} {first.day} to {day(last)}"
    if first.year == last.year:
        return f"{first:%A} {first.day} {first:%B} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def clock_span(start: dt.time, end: dt.time) -> str:
    """'9:30am to 4:30pm'."""
    return f"{clock(start)} to {clock(end)}"
