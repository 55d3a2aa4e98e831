"""Field kinds: how one YAML value is read from its node, what is expected, and its JSON Schema.

A kind converts the original text of a composed node itself (see ``load``), records a
``Problem`` with the node's line when the text is not what is expected, and returns ``None``
for a value it could not read, so that checking goes on and every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

from . import sanitise
from .problems import Problem

YEAR_MIN, YEAR_MAX = 1900, 2100

# The patterns each value is checked against, compiled once: a file has a hundred values, and
# re.fullmatch(text, ...) looks its pattern up in re's cache on every call.
_SHORT_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WHOLE_NUMBER = re.compile(r"\d+")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_DATE_TIME_GAP = re.compile(r"[ T]+")
# The form nearly every date and time is written in, with ASCII digits: read by the datetime
# module's own parsers (in C), in a third of the time of a match, int() on each part and a
# constructor. Anything else, including what those parsers refuse, is read by the steps that word
# what is wrong.
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)
_ISO_TIME = re.compile(r"\d\d:\d\d", re.ASCII)
_ISO_DATE_AND_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d", re.ASCII)
_YEAR_FIRST = re.compile(r"\d{4}-")
_EMAIL = re.compile(r"[^@\s<>\"'(),;:?&=%#/\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s<>\"]*)?")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,20}")


class Record(dict):
    """A checked mapping: its values by key, plus the line of the mapping and of each key."""

    line: int = 1
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class Items(list):
    """A checked list: its values, plus the line of each item."""

    lines: list


@dataclass
class Checker:
    """Collects the problems of one file while its nodes are read."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    # How this site renders author Markdown (sanitise.AuthorMarkdown, from its mkdocs.yml); None:
    # MkDocs' built-in extensions and attr_list.
    markdown: object = None

    def add(self, node_or_line: yaml.Node | int, path: str, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.problems.append(Problem(self.file, line, path, message))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _shown(node: yaml.Node) -> str:
    if isinstance(node, ScalarNode):
        text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
        return repr(text)
    return "a list" if isinstance(node, SequenceNode) else "a set of fields"


# Characters that show nothing, or change the direction of the text around them: in a title
# they make two texts that look the same differ (in search, in a calendar), and a direction
# override can show a name or address reversed or reordered. Zero-width joiners are kept where
# they join (an emoji sequence, letters of a script that needs them).
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters: in one line of text, those that are not white space (white space is joined
# to one space); in Markdown, all but tab and newline.
_CONTROL_IN_LINE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _joins(text: str, index: int) -> bool:
    """Whether the zero-width joiner or non-joiner at ``index`` stands where one is needed:
    inside an emoji sequence, or between letters of a script beyond Latin, Greek and Cyrillic."""
    if not 0 < index < len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    kinds = unicodedata.category(before), unicodedata.category(after)
    if text[index] == "\u200d" and kinds[1] == "So" and (kinds[0] in ("So", "Sk") or before == "\ufe0f"):
        return True
    return all(kind[0] in "LM" for kind in kinds) and min(ord(before), ord(after)) >= 0x0590


def _character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def _hidden(node: ScalarNode, path: str, check: Checker, single_line: bool) -> bool:
    """Report the first control character in a scalar, and in one line of text the first
    invisible or direction-changing one, named and placed; whether there was one."""
    text = node.value
    control = (_CONTROL_IN_LINE if single_line else _CONTROL_IN_TEXT).search(text)
    if control is not None:
        check.add(_line_at(node, text, control.start()), path,
                  f"has an invisible control character (U+{ord(control.group()):04X}); remove it")
        return True
    if not single_line:
        return False
    for match in _INVISIBLE.finditer(text):
        index, char = match.start(), match.group()
        if char in "\u200c\u200d" and _joins(text, index):
            continue
        what = ("a hidden character that changes the direction of the text around it" if char in _DIRECTION
                else "a character that shows nothing")
        check.add(_line_at(node, text, index), path,
                  f"has {_character_name(char)} {_position(node, text, index)}, {what}; expected visible "
                  "text only: delete it (it often comes with pasted text) and retype the text around it")
        return True
    return False


def _line_at(node: ScalarNode, text: str, index: int) -> int:
    """The file line of ``text[index]``: exact in a ``|`` block, as Markdown is written; in
    quoted or folded text, which may have fewer lines than the file, no later than its end."""
    if node.style not in ("|", ">") and "\n" not in text:
        return node.start_mark.line + 1
    first = node.start_mark.line + 1 + (1 if node.style in ("|", ">") else 0)
    return min(first + text.count("\n", 0, index), node.end_mark.line + 1)


def _position(node: ScalarNode, text: str, index: int) -> str:
    """Where ``text[index]`` is, as an editor counts: its column when the value is written on one
    line as it reads (no escapes, no folding), else its place in the text."""
    quotes = 0 if not node.style else 2 if node.style in ("'", '"') else None
    start, end = node.start_mark, node.end_mark
    width = len(text) + (quotes or 0) - text.count("\ufeff")  # PyYAML's columns leave out U+FEFF
    if quotes is not None and start.line == end.line and end.column - start.column == width:
        return f"at column {start.column + quotes // 2 + index + 1}"
    return f"as character {index + 1} of the text"


class Kind:
    """How one value is read. Subclasses set ``expected`` and implement ``read``."""

    expected = "a value"

    def read(self, node: yaml.Node, path: str, check: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    single_line = True  # whether invisible and direction-changing characters are refused too

    def scalar(self, node: yaml.Node, path: str, check: Checker) -> str | None:
        """The node's text, or None (with a problem) if it is a list or mapping, or holds a
        character no one can see (``_hidden``). Every value is read through here."""
        if not isinstance(node, ScalarNode):
            check.add(node, path, f"is {_shown(node)}; expected {self.expected}")
            return None
        # isprintable() is true for text of visible characters and plain spaces (nearly every
        # value): only other text is searched.
        if not node.value.isprintable() and _hidden(node, path, check, self.single_line):
            return None
        return node.value.strip()


@dataclass
class Text(Kind):
    """Plain text on one line (newlines written in YAML are joined by spaces)."""

    expected: str = "text"
    max_length: int = 300

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        # Most text is one line of printable characters and single spaces, which joining would
        # leave as it is and which holds no control character: isprintable() is false for every
        # control character and every white space but " ". Only other text is joined and searched.
        if not value.isprintable() or "  " in value:
            value = " ".join(value.split())  # control characters were refused in scalar()
        if not value:
            check.add(node, path, f"is empty (only spaces); expected {self.expected}, or leave the field out")
            return None
        if len(value) > self.max_length:
            check.add(node, path, f"is {len(value)} characters long; keep it under "
                                  f"{self.max_length} (put longer text in body)")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


_TEXT = Text()  # kinds hold no state: one of each serves every read


def _first_line(node: yaml.Node) -> int:
    """The file line of a scalar's first line of text (its own line, or the next after | or >)."""
    return node.start_mark.line + 1 + (1 if node.style in ("|", ">") else 0)


_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", re.M | re.S)  # fenced blocks, code spans
_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<inline>[^)\s>]+)|^ {0,3}\[[^\]]+\]:\s*<?(?P<reference>[^\s>]+)", re.M)


def _links_out_of_docs(node: ScalarNode, text: str, path: str, check: Checker) -> bool:
    """Report each link or image whose address leads out of docs/, at its line; whether there was
    one. Pages made from author text are one folder down (events/NAME, programmes/NAME), so an
    address is read from there, as MkDocs reads it: MkDocs would stop a strict build at it with a
    warning that names no line of the author's file."""
    if "](" not in text and "]:" not in text:
        return False
    if "`" in text or "~~~" in text:
        text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found = False
    for match in _LINK_TARGET.finditer(text):
        target = match.group("inline") or match.group("reference") or ""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or not parts.path:
            continue
        if posixpath.normpath(posixpath.join("page-folder", unquote(parts.path))).split("/")[0] == "..":
            check.add(_line_at(node, text, match.start()), path,
                      f"links to {target!r}, outside docs/ (the files the site publishes); expected the address "
                      "of a page or file of this site, such as ../guide/authoring.md, or a web address starting "
                      "https://")
            found = True
    return found


@dataclass
class Markdown(Kind):
    """Several paragraphs of Markdown, usually written after ``|``."""

    expected: str = "Markdown text"
    single_line = False  # control characters only: a joiner or a direction mark may be meant here

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        # Event text may come from anyone who can edit a file: every page sanitises what Markdown
        # makes of it (eventsite.reading.sanitise), and whatever that would remove (HTML, an attribute
        # list, a javascript: link, an image from another site) is refused here, at its line.
        text = node.value.rstrip() + "\n"
        found = (check.markdown or sanitise.DEFAULT).problems(text)
        leaves = _links_out_of_docs(node, text, path, check)
        last = node.end_mark.line + 1  # a quoted or folded text has fewer lines in the file
        for index, message in found:
            check.add(min(_first_line(node) + index, last), path, message)
        return None if found or leaves else text

    def json_schema(self):
        return {"type": "string"}


@dataclass
class Identifier(Kind):
    """A short name that refers to something defined elsewhere, or names a session."""

    expected: str = "a short name of lower-case letters, digits and hyphens"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if not _SHORT_NAME.fullmatch(value):
            folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
            folded = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "my-name"
            check.add(node, path, f"{value!r} is not a short name; expected {self.expected}, "
                                  f"such as {folded}")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


@dataclass
class Integer(Kind):
    minimum: int = 0
    maximum: int = 100_000
    expected: str = "a whole number"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if not _WHOLE_NUMBER.fullmatch(value):
            check.add(node, path, f"{value!r} is not a whole number; expected a number such as 8")
            return None
        number = int(value)
        if not self.minimum <= number <= self.maximum:
            check.add(node, path, f"{number} is out of range; expected {self.minimum} to {self.maximum}")
            return None
        return number

    def json_schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Amount(Kind):
    """Money: ``free``, or an amount such as ``950`` or ``884.50`` (no currency sign)."""

    expected: str = "free, or an amount such as 950 or 884.50"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if value.lower() == "free":
            return Decimal(0)
        cleaned = value.replace(",", "")
        if not re.fullmatch(r"\d{1,7}(\.\d{2})?", cleaned):
            hint = " (leave out the currency sign; set currency: instead)" if re.match(r"[£$€]", value) else ""
            check.add(node, path, f"{value!r} is not an amount; expected {self.expected}{hint}")
            return None
        try:
            return Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern above rules it out
            check.add(node, path, f"{value!r} is not an amount; expected {self.expected}")
            return None

    def json_schema(self):
        return {"anyOf": [{"const": "free"}, {"type": "number", "minimum": 0},
                          {"type": "string", "pattern": r"^\d{1,7}(\.\d{2})?$"}]}


@dataclass
class Choice(Kind):
    choices: tuple = ()
    advice: dict = field(default_factory=dict)  # wrong value -> what to write instead

    @property
    def expected(self):
        return "one of " + ", ".join(self.choices)

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        folded = value.lower().replace(" ", "-").replace("_", "-")
        if folded in self.choices:
            return folded
        if folded in self.advice:
            check.add(node, path, f"{value!r} is not allowed here; {self.advice[folded]}")
            return None
        close = difflib.get_close_matches(folded, self.choices, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        check.add(node, path, f"{value!r} is not allowed{hint}; expected {self.expected}")
        return None

    def json_schema(self):
        # read() ignores case and takes spaces or underscores for hyphens (GBP, Fully_Booked);
        # the enum offers the canonical words to editors, the pattern accepts what read() does.
        # Character classes, not (?i): editors run patterns as JavaScript regular expressions.
        def letters(choice: str) -> str:
            return "".join(f"[{c}{c.upper()}]" if c.isalpha() else "[- _]" if c == "-" else re.escape(c)
                           for c in choice)
        pattern = "^(" + "|".join(letters(c) for c in self.choices) + ")$"
        return {"anyOf": [{"enum": list(self.choices)}, {"type": "string", "pattern": pattern}]}


def _parse_date(text: str) -> dt.date | str:
    """A date from YYYY-MM-DD, or the reason it is not one."""
    if _ISO_DATE.fullmatch(text):
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:  # not a real date: worded below
            pass
        else:
            if YEAR_MIN <= date.year <= YEAR_MAX:
                return date
    match = _DATE.fullmatch(text)
    if not match:
        return "is not a date"
    year, month, day = map(int, match.groups())
    if not YEAR_MIN <= year <= YEAR_MAX:
        return f"has the year {year}, outside {YEAR_MIN} to {YEAR_MAX}"
    try:
        return dt.date(year, month, day)
    except ValueError:
        return "is not a real date"


def _parse_time(text: str) -> dt.time | str:
    """A time from HH:MM (or H:MM, or with a dot for the colon), or the reason it is not one."""
    if _ISO_TIME.fullmatch(text):
        try:
            return dt.time.fromisoformat(text)
        except ValueError:  # not a real time: worded below
            pass
    match = _TIME.fullmatch(text)
    if not match:
        return "is not a time"
    hour, minute = map(int, match.groups())
    if hour > 23 or minute > 59:
        return "is not a real time"
    return dt.time(hour, minute)


class _Parsed(Kind):
    """A scalar read by ``parse``, which returns the value or the reason the text is not one."""

    def parse(self, text: str):
        raise NotImplementedError

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        parsed = self.parse(value)
        if isinstance(parsed, str):
            check.add(node, path, f"{value!r} {parsed}; expected {self.expected}")
            return None
        return parsed


@dataclass
class Date(_Parsed):
    expected: str = "a date as YYYY-MM-DD, e.g. 2014-12-04"
    parse = staticmethod(_parse_date)

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


# A time may end with the UTC offset or the zone's abbreviation in force, to say which of the two
# times of the hour the clocks go back is meant: "2015-10-25 01:30 GMT", "01:30 +00:00".
_STATED = re.compile(r"(?P<time>.*\d)\s*(?:(?P<offset>[+-]\d\d:?\d\d)|\s(?P<name>[A-Z]{3,5}))", re.ASCII)


class Stated(dt.tzinfo):
    """What an author wrote after a time to say which one is meant: an offset or an abbreviation.
    Not a real zone: ``validate`` reads it against the session's zone and drops it."""

    def __init__(self, text: str, offset: dt.timedelta | None, name: str | None):
        self.text, self.offset, self.name = text, offset, name

    def utcoffset(self, moment):
        return self.offset

    def tzname(self, moment):
        return self.name or self.text

    def dst(self, moment):
        return None

    def __eq__(self, other):
        return isinstance(other, Stated) and other.text == self.text

    def __hash__(self):
        return hash(self.text)

    def __repr__(self):
        return f"Stated({self.text!r})"


def _stated(value: str) -> tuple[str, Stated | None]:
    """A time's text without what follows it, and what that says (None if nothing follows)."""
    match = _STATED.fullmatch(value)
    if match is None or not (match["offset"] or match["name"]):
        return value, None
    if match["offset"]:
        digits = match["offset"].replace(":", "")
        sign = -1 if digits[0] == "-" else 1
        offset = sign * dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
        return match["time"], Stated(match["offset"], offset, None)
    return match["time"], Stated(match["name"], None, match["name"])


@dataclass
class DateTime(Kind):
    """A local date and time; ``time_only`` also accepts ``HH:MM`` (meaning: same day);
    ``date_only`` also accepts a date alone, read as a ``date`` (``validate`` then decides whether
    a date without a time is allowed where it stands)."""

    time_only: bool = False
    date_only: bool = False

    @property
    def expected(self):
        full = "a date and time as YYYY-MM-DD HH:MM, e.g. 2014-12-11 10:00"
        return f"{full}, or just a time such as 13:00 for the same day" if self.time_only else full

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if _ISO_DATE_AND_TIME.fullmatch(value):  # the usual case, read in one step
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:  # not a real date or time: the steps below word what is wrong
                pass
            else:
                if YEAR_MIN <= parsed.year <= YEAR_MAX:
                    return parsed
        text, stated = _stated(value)
        parsed = self._read(text, node, path, check)
        if stated is None or parsed is None:
            return parsed
        if isinstance(parsed, dt.datetime) or isinstance(parsed, dt.time):
            return parsed.replace(tzinfo=stated)
        check.add(node, path, f"{value!r} gives {stated.text} after a date without a time; expected {self.expected}")
        return None

    def _read(self, value, node, path, check):
        if _ISO_DATE_AND_TIME.fullmatch(value):
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:  # not a real date or time: the steps below word what is wrong
                pass
            else:
                if YEAR_MIN <= parsed.year <= YEAR_MAX:
                    return parsed
        if self.time_only and _TIME.fullmatch(value):
            parsed = _parse_time(value)
            if isinstance(parsed, str):
                check.add(node, path, f"{value!r} {parsed}; expected {self.expected}")
                return None
            return parsed
        parts = _DATE_TIME_GAP.split(value, maxsplit=1)
        if self.date_only and len(parts) == 1 and _YEAR_FIRST.match(value):
            parsed = _parse_date(value)
            if isinstance(parsed, str):
                check.add(node, path, f"{value!r} {parsed}; expected {self.expected}")
                return None
            return parsed
        if len(parts) != 2:
            check.add(node, path, f"{value!r} has no time; expected {self.expected}")
            return None
        day, time = _parse_date(parts[0]), _parse_time(parts[1])
        for part in (day, time):
            if isinstance(part, str):
                check.add(node, path, f"{value!r} {part}; expected {self.expected}")
                return None
        return dt.datetime.combine(day, time)

    def json_schema(self):
        stated = r"( ?[+-]\d{2}:?\d{2}| [A-Z]{3,5})?"  # which of a time that happens twice
        full = r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}" + stated
        choices = [full]
        if self.date_only:  # a date alone
            choices.append(r"\d{4}-\d{2}-\d{2}")
        if self.time_only:  # a time alone, on the start's day
            choices.append(r"\d{1,2}:\d{2}" + stated)
        return {"type": "string", "pattern": f"^({'|'.join(choices)})$"}


@dataclass
class Email(Kind):
    expected: str = "an email address such as events@example.org"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        value = value.removeprefix("mailto:")
        # No ? & = % # / \ either: they would add headers (cc=, body=) to the mailto: links made from it.
        if not _EMAIL.fullmatch(value):
            check.add(node, path, f"{value!r} is not an email address; expected {self.expected}")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "format": "email"}


@dataclass
class Url(Kind):
    expected: str = "a web address starting https:// (or http://)"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if not _URL.fullmatch(value):
            check.add(node, path, f"{value!r} is not a web address; expected {self.expected}")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "pattern": "^https?://"}


@dataclass
class Phone(Kind):
    expected: str = "a phone number such as 01632 960 637"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if not _PHONE.fullmatch(value):
            check.add(node, path, f"{value!r} is not a phone number; expected {self.expected}")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "pattern": r"^\+?[0-9][0-9 ()-]{5,20}$"}


@dataclass
class Boolean(Kind):
    expected: str = "yes or no"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        folded = value.lower()
        if folded in ("yes", "true", "on"):
            return True
        if folded in ("no", "false", "off"):
            return False
        check.add(node, path, f"{value!r} is not yes or no; expected {self.expected}")
        return None

    def json_schema(self):
        return {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no"]}]}


@dataclass
class SiteFile(Kind):
    """A file the site itself serves, by its path inside ``docs/``: ``images/taster.jpg``.

    Never a web address: a page that loads an image from elsewhere tells another site about
    every visitor. Whether the file is there is checked in ``validate``, which knows the site.
    """

    extensions: tuple = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
    expected: str = "a path inside docs/, such as images/taster.jpg"

    def read(self, node, path, check):
        value = Text(max_length=200).read(node, path, check)
        if value is None:
            return None
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", value) and not re.match(r"[A-Za-z]:[\\/]", value):
            check.add(node, path, f"{value!r} is a web address; put the file in docs/images/ and give its "
                                  "path from docs/, e.g. images/taster.jpg (the site serves its own "
                                  "images, so visitors' browsers contact no one else)")
            return None
        cleaned = value.replace("\\", "/").lstrip("/")
        if re.match(r"[A-Za-z]:/", cleaned) or ".." in cleaned.split("/") or cleaned.startswith("docs/"):
            suggestion = cleaned.split("docs/", 1)[-1] if "docs/" in cleaned else "images/taster.jpg"
            check.add(node, path, f"{value!r} is not a path inside docs/; give the path from docs/, "
                                  f"e.g. {suggestion}")
            return None
        if not cleaned.lower().endswith(self.extensions):
            check.add(node, path, f"{value!r} is not an image file; expected a file ending "
                                  + ", ".join(self.extensions))
            return None
        return cleaned

    def json_schema(self):
        return {"type": "string", "pattern": r"^(?![A-Za-z][A-Za-z0-9+.-]*:|//)\S.*$"}


@dataclass
class Section(Kind):
    """A set of fields that another module reads by its own rules (the accessibility statement,
    the brand): kept as its node, so that module sees lines and values as written."""

    expected: str = "a set of fields (key: value lines, indented under this one)"

    def read(self, node, path, check):
        return node

    def json_schema(self):
        return {"type": "object"}


@dataclass
class YesOrText(Kind):
    """``yes``, or words that say more ("morning", "spring 2015"); ``no`` means not at all.

    For what is not known yet: ``time_to_be_confirmed: morning``, ``dates_to_be_confirmed: yes``.
    """

    expected: str = "yes, or a few words such as 'morning' or 'spring 2015'"
    max_length: int = 100

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        folded = value.lower()
        if folded in ("yes", "true", "on"):
            return True
        if folded in ("no", "false", "off"):
            return False
        return Text(max_length=self.max_length).read(node, path, check)

    def json_schema(self):
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "minLength": 1, "maxLength": self.max_length}]}


@dataclass
class Bullet(Kind):
    """A list item: text, or ``text: [sub-items]`` for a point with its own list."""

    expected: str = "text, or text followed by a colon and a list of sub-points"

    def read(self, node, path, check):
        if isinstance(node, MappingNode) and len(node.value) == 1:
            key, value = node.value[0]
            head = _TEXT.read(key, path, check)
            subs = _SUB_POINTS.read(value, path, check)
            return None if head is None or subs is None else (head, tuple(subs))
        text = _TEXT.read(node, path, check)
        return None if text is None else (text, ())

    def json_schema(self):
        return {"anyOf": [{"type": "string"}, {"type": "object", "minProperties": 1, "maxProperties": 1,
                                                "additionalProperties": {"type": "array", "items": {"type": "string"}}}]}


@dataclass
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    minimum: int = 0
    maximum: int = 1000
    single_ok: bool = False  # a lone value may stand for a list of one

    @property
    def expected(self):
        return f"a list of {self.item.expected}"

    def read(self, node, path, check):
        if isinstance(node, ScalarNode) and self.single_ok:
            node = SequenceNode("tag:yaml.org,2002:seq", [node], node.start_mark, node.end_mark)
        if not isinstance(node, SequenceNode):
            check.add(node, path, f"is {_shown(node)}; expected {self.expected}, one per line starting '- '")
            return None
        if len(node.value) < self.minimum:
            check.add(node, path, f"has {len(node.value)} items; expected at least {self.minimum}")
            return None
        if len(node.value) > self.maximum:
            check.add(node, path, f"has {len(node.value)} items; at most {self.maximum} are allowed")
            return None
        items = Items()
        items.lines = lines = []
        read = self.item.read
        for index, child in enumerate(node.value, start=1):
            items.append(read(child, f"{path}[{index}]", check))
            lines.append(child.start_mark.line + 1)
        return items

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "maxItems": self.maximum}
        if self.minimum:
            schema["minItems"] = self.minimum
        if self.single_ok:
            return {"anyOf": [schema, self.item.json_schema()]}
        return schema


_SUB_POINTS = ListOf(_TEXT, minimum=1)


@dataclass
class Field:
    """One key of a mapping: its kind, whether it must be present, and a hint for authors."""

    kind: Kind
    required: bool = False
    example: str = ""
    description: str = ""
    # Required, except when one of these keys of the same mapping is given, with a value that is
    # not "no": a session at a venue or online, an event with sessions or dates to be confirmed.
    required_unless: tuple[str, ...] = ()


@dataclass
class Fields(Kind):
    """A mapping with known keys. Unknown keys are errors, with "did you mean" for typos."""

    fields: dict = field(default_factory=dict)
    expected: str = "a set of fields (key: value lines, indented under this one)"

    @functools.cached_property
    def _required(self) -> list:
        """The required fields, looked for in every mapping read."""
        return [(key, spec) for key, spec in self.fields.items() if spec.required]

    def read(self, node, path, check):
        if not isinstance(node, MappingNode):
            check.add(node, path or "file", f"is {_shown(node)}; expected {self.expected}")
            return None
        record = Record()
        record.line = node.start_mark.line + 1
        record.lines = lines = {}
        fields = self.fields
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else ""
            where = f"{path}.{key}" if path else key
            if key in lines:
                check.add(key_node, where, f"appears twice (first at line {lines[key]}); keep one")
                continue
            spec = fields.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else "expected one of " + ", ".join(fields)
                check.add(key_node, where, f"unknown field; {hint}")
                continue
            lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, ScalarNode) and not value_node.style and value_node.value.strip() == "":
                if spec.required:
                    check.add(key_node, where, f"is empty; expected {spec.kind.expected}"
                                               + (f", e.g. {key}: {spec.example}" if spec.example else ""))
                continue
            value = spec.kind.read(value_node, where, check)
            if value is not None:
                record[key] = value
        for key, spec in self._required:
            if key not in lines and not any(
                    k in lines and record.get(k) is not False for k in spec.required_unless):
                example = f", e.g. {key}: {spec.example}" if spec.example else ""
                check.add(node, _join(path, key), f"is missing; add it ({spec.kind.expected}{example})")
        return record

    def json_schema(self):
        properties = {}
        for key, spec in self.fields.items():
            schema = dict(spec.kind.json_schema())
            if spec.description:
                schema["description"] = spec.description
            properties[key] = schema
        required = [key for key, spec in self.fields.items() if spec.required and not spec.required_unless]
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        either = [{"anyOf": [{"required": [key]}] + [{"required": [k]} for k in spec.required_unless]}
                  for key, spec in self.fields.items() if spec.required and spec.required_unless]
        if either:
            schema["allOf"] = either
        return schema


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", re.ASCII)


@dataclass
class Language(Kind):
    """A language tag (BCP 47) for a page's ``lang`` attribute: ``cy`` (Welsh), ``en-GB``, ``ga``."""

    expected: str = "a language tag such as cy (Welsh), ga (Irish) or en-GB"

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if not _LANGUAGE.fullmatch(value):
            check.add(node, path, f"{value!r} is not a language tag; expected {self.expected}")
            return None
        return value

    def json_schema(self):
        return {"type": "string", "pattern": "^" + _LANGUAGE.pattern + "$"}


@dataclass
class FieldsOrYes(Fields):
    """A set of fields, or just ``yes`` when nothing more is known yet (``online: yes``: online,
    the platform to be confirmed): read as an empty set of fields."""

    def read(self, node, path, check):
        if isinstance(node, ScalarNode):
            value = Boolean().read(node, path, check)
            if value is None:
                return None
            if value is False:
                check.add(node, path, f"is no; leave the field out instead, or give {self.expected}")
                return None
            record = Record()
            record.line = node.start_mark.line + 1
            record.lines = {}
            return record
        return super().read(node, path, check)

    def json_schema(self):
        return {"anyOf": [super().json_schema(), {"type": "boolean", "const": True}]}


@dataclass
class Time(_Parsed):
    """A time of day, ``HH:MM``, with no date (programme parts give their dates apart)."""

    expected: str = "a time as HH:MM, e.g. 09:30"
    parse = staticmethod(_parse_time)

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$"}


@dataclass
class DateOrText(Kind):
    """A date as ``YYYY-MM-DD``, or words when the source gives no full date ("the 27th").

    Text that starts like a date (four digits and a dash) must be a real date, so that a
    mistyped date is an error rather than being shown as words.
    """

    expected: str = "a date as YYYY-MM-DD, or words such as 'the 27th' when no full date is known"
    max_length: int = 100

    def read(self, node, path, check):
        value = self.scalar(node, path, check)
        if value is None:
            return None
        if _YEAR_FIRST.match(value):
            parsed = _parse_date(value)
            if isinstance(parsed, str):
                check.add(node, path, f"{value!r} {parsed}; expected {self.expected}")
                return None
            return parsed
        return Text(max_length=self.max_length).read(node, path, check)

    def json_schema(self):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}
