"""The YAML slips authors make, said in plain words at the line where the slip is.

PyYAML words a syntax error by its own grammar ("expected <block end>, but found '<block mapping
start>'") at the place it noticed it, often a line after the slip. ``explain`` turns the errors
that the usual slips cause into what happened and what to write instead: a line indented one
space too many or too few, ': ' or a quote inside a value, a field with no colon or no space after
it, a tab, a list in brackets left open. ``cut_by_comments`` finds a value that YAML silently cut
short at a '#' (``note: Room #4 is upstairs`` reads as ``Room``).

Plain Python; ``load`` calls both.
"""

from __future__ import annotations

import re

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

from .problems import Problem

_FIELD = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s:#'\"][^:#]*?):(?: +(?P<value>.*))?$")
_NO_SPACE = re.compile(r"^ *(?:- +)?[\w-]+:[^\s/]")  # title:A (not a web address's https://)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    """(line number, text) of the lines before ``before`` (0-based) that hold more than a comment."""
    return [(n, lines[n]) for n in range(before - 1, -1, -1)
            if lines[n].strip() and not lines[n].lstrip().startswith("#")]


def explain(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem | None:
    """The problem, in plain words at the slip's line, for a syntax error an author's usual slip
    causes (file ``name``, read from ``text``); None for any other."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines() or [""]
    number = min(mark.line, len(lines) - 1)
    line = lines[number]
    problem = exc.problem or ""
    above = _content_lines(lines, number)
    if "found character '\\t'" in problem:
        if "\t" in line[:len(line) - len(line.lstrip())]:
            return Problem(name, number + 1, "", "YAML syntax error: this line is indented with a tab; indent with "
                                                 "spaces, not tabs (YAML allows only spaces there)")
        return Problem(name, number + 1, "", "YAML syntax error: this line has a tab inside its text, which YAML "
                                             "cannot read there; replace the tab with a space, or put the value in "
                                             "quotes (YAML takes spaces, not tabs, between words it reads unquoted)")
    if problem == "mapping values are not allowed here":
        return _colon_out_of_place(lines, number, mark.column, above, name)
    if problem.startswith("expected <block end>, but found '<block") and above:
        return _misaligned(line, number, above, "sequence" in problem, name)
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        field = _FIELD.match(line)
        if field and field["value"] and field["value"][0] in "'\"":
            quote = field["value"][0]
            other = '"' if quote == "'" else "'"
            doubled = ", or write '' for each ' inside single quotes" if quote == "'" else ""
            return Problem(name, number + 1, "", f"YAML syntax error: the value of {field['key']}: starts with a quote "
                                                 f"({quote}) and goes on after the quote that closes it; a value that "
                                                 f"starts with a quote must end with it. Put the whole value in "
                                                 f"{other} quotes instead{doubled}")
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        at = exc.context_mark.line
        shown = lines[at].strip() if at < len(lines) else ""
        return Problem(name, at + 1, "", f"YAML syntax error: this line ({shown!r}) has no colon: each field is "
                                         "written 'name: value'. If it is more of the text above, indent it like "
                                         "that text's second line, or put the text in quotes")
    if exc.context in ("while parsing a flow sequence", "while parsing a flow mapping", "while parsing a flow node"):
        opened = next((n for n in range(min(number, len(lines) - 1), -1, -1)
                       if lines[n].count("[") + lines[n].count("{") > lines[n].count("]") + lines[n].count("}")), None)
        if opened is not None:
            return Problem(name, opened + 1, "", "YAML syntax error: a list that opens with [ (or { ) on this line is "
                                                 "not closed before the next field; close it with ] (or } ) on this "
                                                 "line, or write the list one item per line starting '- '")
    return None


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _colon_out_of_place(lines: list[str], number: int, column: int, above, name: str) -> Problem:
    line = lines[number]
    field = _FIELD.match(line)
    if field and field["value"] and ": " in field["value"] and column > line.index(":"):
        key, value = field["key"], field["value"].split(" #")[0].rstrip().replace('"', '\\"')
        return Problem(name, number + 1, "", f"YAML syntax error: the value of {key}: holds ': ', which YAML reads "
                                             f"as the start of another field; put the whole value in quotes: "
                                             f"{key}: \"{value}\"")
    if above:
        previous_number, previous = above[0]
        if _NO_SPACE.match(previous):
            shown = previous.strip()
            fixed = re.sub(r":(?=\S)", ": ", shown, count=1)
            return Problem(name, previous_number + 1, "", f"YAML syntax error: there is no space after the colon in "
                                                          f"{shown!r}; YAML needs one after the colon of each "
                                                          f"field: {fixed}")
        if _indent(line) > _indent(previous) and _FIELD.match(previous) and _FIELD.match(previous)["value"]:
            parent = _FIELD.match(previous)
            return Problem(name, number + 1, "", f"YAML syntax error: this line is indented {_spaces(_indent(line))}, "
                                                 f"more than {parent['key']}: above it ({_indent(previous)}), so YAML "
                                                 f"reads it as more of that field's text and then finds a ':' it "
                                                 f"cannot place. Start it in the same column as {parent['key']}: if "
                                                 f"it is a field of its own; if it is text, put it in quotes")
    return Problem(name, number + 1, "", "YAML syntax error: YAML found a field ('name: value') where it cannot be: "
                                         "check that this line starts in the same column as the fields it belongs "
                                         "with, and put any value that holds ': ' in quotes")


def _misaligned(line: str, number: int, above, sequence: bool, name: str) -> Problem:
    here = _indent(line)
    previous = _indent(above[0][1])
    columns = sorted({_indent(text) for _, text in above if _indent(text) < previous} | {previous})
    nearest = min(columns, key=lambda c: abs(c - here))
    if sequence:
        items = [_indent(text) for _, text in above if text.lstrip().startswith("- ")]
        column = items[0] if items else previous
        return Problem(name, number + 1, "", f"YAML syntax error: this list item is indented {_spaces(here)}, but "
                                             f"the list's items above it start {_spaces(column)} in; start each "
                                             "'- ' of a list in the same column")
    return Problem(name, number + 1, "", f"YAML syntax error: this line is indented {_spaces(here)}, which matches "
                                         f"none of the lines above it (they start {', '.join(map(str, columns))} "
                                         f"spaces in): fields that belong together start in the same column. Move "
                                         f"it to {_spaces(nearest)}, in line with the field it belongs with")


# --- a '#' that cut a value short ----------------------------------------------------------------

_CUT = re.compile(r"\s#[^\s#!]")  # " #4", " #hashtag": a comment, but hardly one written on purpose


def cut_by_comments(text: str, root: yaml.Node | None, name: str) -> list[Problem]:
    """A problem for each plain value that a '#' cut short: YAML starts a comment at a '#' after a
    space, so ``note: Room #4 is upstairs`` reads as ``Room``. A comment written on purpose has a
    space after its '#' and is left alone."""
    if root is None or _CUT.search(text) is None:
        return []
    lines = text.splitlines()
    problems = []
    stack = [("", root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                where = f"{path}.{key.value}" if path else str(getattr(key, "value", ""))
                stack.append((where, value))
        elif isinstance(node, SequenceNode):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(node.value, start=1))
        elif isinstance(node, ScalarNode) and not node.style and node.value:
            end = node.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            comment = re.match(r"\s+(#.*)$", rest)
            if comment and re.match(r"#[^\s#!]", comment.group(1)):
                cut = comment.group(1)
                problems.append(Problem(name, end.line + 1, path, (
                    f"is read as {node.value!r}: YAML takes '{cut}' for a comment, as it starts with '#' after a "
                    f"space, and leaves it out. If it belongs to the value, put the whole value in quotes "
                    f"(\"{node.value} {cut}\"); if it is a comment, write a space after the '#'")))
    return sorted(problems)
