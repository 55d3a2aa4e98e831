"""Reading an author's file: what is refused before parsing, and syntax errors with their line."""

from __future__ import annotations

from textwrap import dedent

import pytest
import yaml

from conftest import TASTER, node_shape, problems_in, write_folder
from eventsite.reading import load
from eventsite.reading.load import MAX_BYTES, compose, read_yaml
from eventsite.reading.problems import InvalidSources, Problem
from eventsite.reading.validate import load_catalogue

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
    # The usual slips are said in plain words (eventsite.reading.yaml_slips; tests/test_yaml_slips.py has more).
    ("title: Taster\nsummary: Time: 10am\n",
     "events/x.yml:2: YAML syntax error: the value of summary: holds ': ', which YAML reads as the start of "
     "another field; put the whole value in quotes: summary: \"Time: 10am\""),
    ("title: Taster\nsessions:\n  - id: a\n - id: b\n",
     "events/x.yml:4: YAML syntax error: this list item is indented 1 space, but the list's items above it "
     "start 2 spaces in; start each '- ' of a list in the same column"),
    ("title: Taster\nsessions:\n\t- id: a\n",
     "events/x.yml:3: YAML syntax error: this line is indented with a tab; indent with spaces, not tabs (YAML "
     "allows only spaces there)"),
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


# Texts where libyaml and PyYAML's pure-Python composer part (or could), and ordinary ones: each must
# compose exactly as the pure-Python composer composes it, to the same nodes or the same problem.
# libyaml's tree is taken only where the two are known to agree.
@pytest.mark.parametrize("text", [
    "title: Taster\nsessions:\n- id: a\n  start: 2014-12-11 10:00\n",  # an indentless list
    "title: Taster\nsessions:\n  - id: a\n",
    "tags: [a, b]\nempty:\nquoted: ''\nblock: |\n  text\n",
    "title: &t Taster\nsummary: *t\n", "a: &x [b]\nc: *x\n", "&k a: b\n*k : c\n", "a: [&x b, *x]\n",
    "title: Q & A\nsummary: R&D\n", "url: http://x.org/?a=1&b=2\n",
    "a: !t b\n", "a: ! [b]\n", "a: !!str 1\n", "%TAG !e! tag:e.org,2000:\n---\na: !e!x b\n",
    "? a\n: b\n", "- ? a\n", "a: b ? c\n", "a: [b ? c]\n", "a: [b, ?c]\n", "a: {? b}\n",
    "a: {b: }\n", "a: [b: ]\n", "a: {b:\n  }\n", "a: [b:\n  ]\n", "a: {b, c: d}\n", "a: {b,\n  c}\n",
    "[a]: b\n", "{a: b}: c\n", "a: {[b]: c}\n",
    "a: |#\n  b\n", "a: |-#\n  b\n", "a: | #c\n  b\n", "a: >2\n   b\n",
    "a: b", "a:\tb\n", "a: b\n\ufeffc: d\n", "a: '\x85'\n", "a: b\u2028c\n",
    "", "# only a comment\n", "---\n", "a\n", "- a\n- b\n",
])
def test_a_text_composes_as_the_pure_python_composer_composes_it(text):
    node, problems = compose(text, NAME)
    pure, pure_problems = load._compose_pure(text, NAME)
    assert problems == pure_problems
    assert node_shape(node) == node_shape(pure)


def test_a_plain_scalar_has_the_same_style_whichever_composer_read_it():
    fast, _ = compose("a: b\n", NAME)  # libyaml
    pure, _ = compose("a: b", NAME)  # no newline at the end: the pure-Python composer
    assert [n.style for n in fast.value[0]] == [n.style for n in pure.value[0]] == ["", ""]


def test_every_control_character_is_refused_with_its_line_though_libyaml_reads_first():
    # The check for them runs only when libyaml declines a text: it must decline every one.
    refused = [chr(c) for c in range(0x110000) if load.Reader.NON_PRINTABLE.match(chr(c))]
    assert len(refused) > 2000  # C0 and C1 controls, surrogates, U+FFFE and U+FFFF
    for char in refused:
        _, problems = compose(f"title: x\nsummary: a{char}b\n", NAME)
        assert [str(p) for p in problems] == [
            f"events/x.yml:2: has an invisible control character (U+{ord(char):04X}); delete it and "
            "retype the text around it (it often comes from pasting)"]


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
