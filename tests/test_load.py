"""Reading an author's file: what is refused before parsing, and syntax errors with their line."""

from __future__ import annotations

from textwrap import dedent

import pytest
import yaml

from conftest import TASTER, problems_in, write_folder
from eventsite.load import MAX_BYTES, compose, read_yaml
from eventsite.problems import InvalidSources, Problem
from eventsite.validate import load_catalogue

NAME = "events/x.yml"


def read_bytes(tmp_path, data: bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(data)
    return read_yaml(path, NAME)


def only_problem(result) -> str:
    node, problems = result
    assert node is None
    assert len(problems) == 1, problems
    return str(problems[0])


def test_a_file_over_the_limit_is_refused_before_parsing(tmp_path):
    # Not YAML at all past the first line: had it been parsed, the error would be a syntax error.
    data = b"title: x\n" + b"[" * (MAX_BYTES + 1 - len(b"title: x\n"))
    assert only_problem(read_bytes(tmp_path, data)) == (
        "events/x.yml:1: file is 1,000,001 bytes; an event file must be under 1,000,000 bytes. "
        "Split it or remove pasted content")


def test_a_large_file_under_the_limit_is_read(tmp_path):
    # A long comment keeps the file valid YAML just under the limit.
    head = b"title: x\n# "
    data = head + b"x" * (MAX_BYTES - 1 - len(head) - 1) + b"\n"
    assert len(data) == MAX_BYTES - 1
    node, problems = read_bytes(tmp_path, data)
    assert problems == []
    assert node.value[0][0].value == "title"


def test_an_oversized_event_file_stops_the_whole_catalogue(tmp_path):
    folder = write_folder(tmp_path, {"big.yml": TASTER})
    (folder / "big.yml").write_bytes(b"#" * (MAX_BYTES + 10))
    assert problems_in(folder) == [
        "events/big.yml:1: file is 1,000,010 bytes; an event file must be under 1,000,000 bytes. "
        "Split it or remove pasted content"]


def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    # "Café" saved as Latin-1 on line 3, as an old Windows editor would.
    data = "title: Taster\nsummary: Short\nvenue: Café\n".encode("latin-1")
    assert only_problem(read_bytes(tmp_path, data)) == (
        "events/x.yml:3: this file is not UTF-8 text; save it as UTF-8 "
        "(in most editors: Save As, Encoding: UTF-8)")


def test_a_byte_order_mark_is_accepted_and_dropped(tmp_path):
    data = "\ufefftitle: Café\n".encode("utf-8")
    node, problems = read_bytes(tmp_path, data)
    assert problems == []
    ((key, value),) = node.value
    assert key.value == "title"  # not "\ufefftitle", which would be an unknown field
    assert value.value == "Café"


def test_an_event_file_with_a_byte_order_mark_builds(tmp_path):
    folder = write_folder(tmp_path, {})
    (folder / "taster.yml").write_bytes(b"\xef\xbb\xbf" + dedent(TASTER).encode())
    (event,) = load_catalogue(folder).events
    assert event.title == "Action planning for councillors"


def test_an_alias_is_refused_with_the_line_it_is_used_on():
    text = "title: &t Taster\nsummary: x\naudience: *t\n"
    node, problems = compose(text, NAME)
    assert node is None
    assert [str(p) for p in problems] == [
        "events/x.yml:3: YAML aliases (*name) are not allowed; write the value out in full"]


def test_exponential_aliases_are_refused_without_expanding_them():
    # "Billion laughs": nine levels of ten aliases each would be 10**9 strings.
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    node, problems = compose("\n".join(lines) + "\n", NAME)
    assert node is None
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (2, "YAML aliases (*name) are not allowed")]


def test_an_anchor_alone_is_harmless():
    node, problems = compose("title: &t Taster\n", NAME)
    assert problems == [] and node.value[0][1].value == "Taster"


@pytest.mark.parametrize("text, expected", [
    ("title: Taster\nsummary: Time: 10am\n",
     "events/x.yml:2: YAML syntax error: mapping values are not allowed here. Check the "
     "indentation and that text containing ': ' or '#' is in quotes"),
    ("title: Taster\nsessions:\n  - id: a\n - id: b\n",
     "events/x.yml:4: YAML syntax error: expected <block end>, but found '<block sequence start>'. "
     "Check the indentation and that text containing ': ' or '#' is in quotes"),
    ("title: Taster\nsessions:\n\t- id: a\n",
     "events/x.yml:3: YAML syntax error: found character '\\t' that cannot start any token; "
     "indent with spaces, not tabs. Check the indentation and that text containing ': ' or '#' "
     "is in quotes"),
], ids=["colon-in-text", "bad-indent", "tab-indent"])
def test_a_syntax_error_names_its_line(text, expected):
    node, problems = compose(text, NAME)
    assert node is None
    assert [str(p) for p in problems] == [expected]


def test_the_tab_hint_is_only_given_when_the_line_has_a_tab():
    _, problems = compose("title: Taster\nsummary: Time: 10am\n", NAME)
    assert "tabs" not in problems[0].message


def test_values_keep_their_original_text():
    # PyYAML's own conversion would give 248677791 (octal), False and a ValueError.
    node, problems = compose("phone: 01664502637\nexample: no\nstart: 2014-02-30\n", NAME)
    assert problems == []
    assert [value.value for _, value in node.value] == ["01664502637", "no", "2014-02-30"]
    with pytest.raises(ValueError):
        yaml.safe_load("start: 2014-02-30\n")


@pytest.mark.parametrize("problem, text", [
    (Problem("events/x.yml", 12, "sessions[2].start", "'2024-02-30' is not a real date"),
     "events/x.yml:12: sessions[2].start: '2024-02-30' is not a real date"),
    (Problem("events/x.yml", 3, "", "YAML aliases (*name) are not allowed"),
     "events/x.yml:3: YAML aliases (*name) are not allowed"),
])
def test_a_problem_reads_file_line_field_message(problem, text):
    assert str(problem) == text


def test_the_report_lists_every_problem_sorted_then_counts_them():
    report = InvalidSources([
        Problem("events/b.yml", 2, "title", "is missing"),
        Problem("events/a.yml", 10, "end", "is not a time"),
        Problem("events/a.yml", 9, "start", "is not a date"),
        Problem("events/a.yml", 9, "start", "is not a date"),  # the same problem found twice
    ]).report()
    assert report.splitlines() == [
        "events/a.yml:9: start: is not a date",
        "events/a.yml:10: end: is not a time",
        "events/b.yml:2: title: is missing",
        "3 problems found; nothing was built.",
    ]
    assert InvalidSources([Problem("f", 1, "", "m")]).report().endswith("\n1 problem found; nothing was built.")
