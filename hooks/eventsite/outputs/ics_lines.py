"""RFC 5545 content lines, written directly: ``NAME;PARAM=value:value`` folded and ended by CRLF.

Byte for byte what icalendar 7 writes for the same property (tests/test_ics_lines.py compares the
two), at a fraction of its cost: icalendar builds an object per property and folds a character
at a time, which made calendar files the slowest part of a large build.

- ``text``: TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped.
- ``param``: parameter values: RFC 6868 ``^`` escapes, double quotes where icalendar puts them.
- ``date``, ``date_time``, ``duration``: DATE, DATE-TIME (floating, UTC or with TZID) and
  DURATION values with the parameters they need.
- ``line``: one content line, folded as icalendar folds it.
"""

from __future__ import annotations

import datetime as dt
import functools

from icalendar.timezone.tzid import tzid_from_tzinfo

_CRLF = b"\r\n"
_FOLD = b"\r\n "
_QUOTED_IF = frozenset(",;:’")  # icalendar's QUOTABLE
_WIDTH = 74  # icalendar folds before a character that would take a line to 75 octets


def text(value: str) -> str:
    """A TEXT value: ``\\`` ``;`` ``,`` escaped, CRLF, LF and CR written ``\\n``.

    Like icalendar, ``\\N`` already in the text is read as a line break first."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def param(value: str, *, quote_if: str = "") -> str:
    """A parameter value: ``^``, ``"`` and line breaks escaped as RFC 6868 says, and the whole in
    double quotes if it holds ``,`` ``;`` ``:`` or ``’`` (icalendar's rule), or any of ``quote_if``
    (icalendar also quotes a CN holding a space or an apostrophe: ``quote_if=" '"``)."""
    quoted = any(c in value for c in quote_if)
    value = (value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n").replace("\r", "^n")
             .replace('"', "^'"))
    if quoted or not _QUOTED_IF.isdisjoint(value):
        return f'"{value}"'
    return value


def date(day: dt.date) -> tuple[str, str]:
    """(value, parameters) of a DATE: ``20150212``, ``;VALUE=DATE``, in ``line``'s order."""
    return f"{day.year:04}{day.month:02}{day.day:02}", ";VALUE=DATE"


@functools.lru_cache(maxsize=None)
def _zone_id(zone: dt.tzinfo) -> str | None:
    # icalendar's own reading of the zone, so that a zone it counts as UTC (Etc/UTC, but also
    # Africa/Abidjan or Atlantic/Reykjavik) is written with Z as it would be. Once per zone.
    return tzid_from_tzinfo(zone)


def date_time(moment: dt.datetime) -> tuple[str, str]:
    """(value, parameters) of a DATE-TIME: ``20141211T100000``, ``;TZID=Europe/London``; a UTC
    time ends in ``Z`` and has no TZID; a naive time is floating. Seconds kept, microseconds not."""
    value = (f"{moment.year:04}{moment.month:02}{moment.day:02}"
             f"T{moment.hour:02}{moment.minute:02}{moment.second:02}")
    if moment.tzinfo is None:
        return value, ""
    zone = _zone_id(moment.tzinfo) or moment.tzname()
    if zone == "UTC":
        return value + "Z", ""
    return value, (f";TZID={param(zone)}" if zone else "")


def duration(length: dt.timedelta) -> str:
    """A DURATION value: ``PT12H``, ``P1D``, ``P1DT2H30M``, ``-P1D`` (seconds kept, microseconds not)."""
    sign = ""
    if length.days < 0:
        sign, length = "-", -length
    time = ""
    if length.seconds:
        hours, rest = divmod(length.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        time = "T"
        if hours:
            time += f"{hours}H"
        if minutes or (hours and seconds):  # PT1H0M5S, as icalendar writes it
            time += f"{minutes}M"
        if seconds:
            time += f"{seconds}S"
    if length.days == 0 and time:
        return f"{sign}P{time}"
    return f"{sign}P{length.days}D{time}"


def line(name: str, value: str, params: str = "") -> bytes:
    """One content line, ``NAME`` + ``params`` (each ``;KEY=value``) + ``:`` + ``value``, in UTF-8,
    folded and ended by CRLF. ``value`` must already be written for its type (``text`` etc.)."""
    if value.startswith("\ufeff"):  # icalendar decodes each value as UTF-8-SIG, which drops a BOM
        value = value[1:]
    return fold(f"{name}{params}:{value}".encode())


def fold(data: bytes) -> bytes:
    """UTF-8 bytes of one unfolded line, folded at most 74 octets a line plus CRLF and a space,
    never inside a character, as icalendar folds.

    Like icalendar (its issue #1501), a piece never ends in ``\\`` or ``^``: that character starts
    the next piece, so no client sees an escape cut in two."""
    if len(data) <= _WIDTH:
        return data + _CRLF
    pieces, start, size = [], 0, len(data)
    while size - start > _WIDTH:
        end = start + _WIDTH
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: end before its character
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return _FOLD.join(pieces) + _CRLF
