"""The YAML slips authors make, said in plain words at their line (eventsite.reading.yaml_slips), and no
problem reported twice: one that only follows from another (a venue whose entry in _venues.yml
could not be read) is left out."""

from __future__ import annotations

from textwrap import dedent

import pytest

from conftest import TASTER, VENUES, problems_in, write_folder
from eventsite.reading.load import read_yaml


def _only(tmp_path, text: str) -> str:
    (problem,) = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    return problem


SLIPS = [
    pytest.param("title: Action learning\n summary: A taster.\n", "events/taster.yml:2: YAML syntax error: this line "
                 "is indented 1 space, more than title: above it (0), so YAML reads it as more of that field's text "
                 "and then finds a ':' it cannot place. Start it in the same column as title: if it is a field of "
                 "its own; if it is text, put it in quotes", id="a-stray-space-before-a-field"),
    pytest.param("sessions:\n  - id: a\n    start: 2014-12-11 10:00\n   end: 13:00\n", "events/taster.yml:4: YAML "
                 "syntax error: this line is indented 3 spaces, which matches none of the lines above it (they start "
                 "0, 2, 4 spaces in): fields that belong together start in the same column. Move it to 2 spaces, in "
                 "line with the field it belongs with", id="a-field-one-space-short"),
    pytest.param("sessions:\n  - id: a\n    start: 2014-12-11 10:00\n venue: x\n", "events/taster.yml:4: YAML syntax "
                 "error: this line is indented 1 space, which matches none of the lines above it (they start 0, 2, 4 "
                 "spaces in): fields that belong together start in the same column. Move it to 0 spaces, in line "
                 "with the field it belongs with", id="the-issue-s-block-end-error"),
    pytest.param("title: Action learning: a taster\n", "events/taster.yml:1: YAML syntax error: the value of title: "
                 "holds ': ', which YAML reads as the start of another field; put the whole value in quotes: title: "
                 "\"Action learning: a taster\"", id="a-colon-in-a-value"),
    pytest.param("title:Action learning\nsummary: A taster.\n", "events/taster.yml:1: YAML syntax error: there is no "
                 "space after the colon in 'title:Action learning'; YAML needs one after the colon of each field: "
                 "title: Action learning", id="no-space-after-a-colon"),
    pytest.param("tags:\n  - a\n - b\n", "events/taster.yml:3: YAML syntax error: this list item is indented 1 space, "
                 "but the list's items above it start 2 spaces in; start each '- ' of a list in the same column",
                 id="a-list-item-out-of-line"),
    pytest.param("title: A\nsummary\norganiser: emc\n", "events/taster.yml:2: YAML syntax error: this line "
                 "('summary') has no colon: each field is written 'name: value'. If it is more of the text above, "
                 "indent it like that text's second line, or put the text in quotes", id="a-field-with-no-colon"),
    pytest.param("title: 'It's a taster'\n", "events/taster.yml:1: YAML syntax error: the value of title: starts with "
                 "a quote (') and goes on after the quote that closes it; a value that starts with a quote must end "
                 "with it. Put the whole value in \" quotes instead, or write '' for each ' inside single quotes",
                 id="an-apostrophe-in-single-quotes"),
    pytest.param("tags: [action-learning, councillors\ntitle: A\n", "events/taster.yml:1: YAML syntax error: a list "
                 "that opens with [ (or { ) on this line is not closed before the next field; close it with ] (or } "
                 ") on this line, or write the list one item per line starting '- '", id="a-bracket-left-open"),
]


@pytest.mark.parametrize("text, expected", SLIPS)
def test_a_usual_slip_is_said_in_plain_words_at_its_line(tmp_path, text, expected):
    assert _only(tmp_path, text) == expected


def _read(tmp_path, text: str) -> list[str]:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in read_yaml(path, "events/x.yml")[1]]


@pytest.mark.parametrize("text, expected", [
    ("booking:\n  note: Room #4 is upstairs\n", ["events/x.yml:2: booking.note: is read as 'Room': YAML takes '#4 is "
                                                 "upstairs' for a comment, as it starts with '#' after a space, and "
                                                 "leaves it out. If it belongs to the value, put the whole value in "
                                                 "quotes (\"Room #4 is upstairs\"); if it is a comment, write a space "
                                                 "after the '#'"]),
    ("tags:\n  - action-learning #2014\n", ["events/x.yml:2: tags[1]: is read as 'action-learning': YAML takes '#2014' "
                                            "for a comment, as it starts with '#' after a space, and leaves it out. "
                                            "If it belongs to the value, put the whole value in quotes "
                                            "(\"action-learning #2014\"); if it is a comment, write a space after "
                                            "the '#'"]),
    # Comments written on purpose, a # inside a word or in quotes: nothing to say.
    ("# yaml-language-server: $schema=x\nexample: yes   # a comment\nnote: C# and F#\nurl: \"https://x.org/#a\"\n"
     "title: A # a comment after one space\n", []),
])
def test_a_hash_that_cut_a_value_short_is_named_with_its_field(tmp_path, text, expected):
    assert _read(tmp_path, text) == expected


def test_the_example_site_has_no_value_cut_short(tmp_path):
    from conftest import ROOT
    for path in sorted((ROOT / "events").glob("*.yml")):
        assert read_yaml(path, path.name)[1] == [], path


@pytest.mark.parametrize("venues, expected", [
    # A misspelt field: the venue's own problems, and not "'melton' is not a venue" for each event.
    (VENUES.replace("      name: Pera Business Park", "      nmae: Pera Business Park"),
     ["events/_venues.yml:2: melton.name: is missing; add it (text, e.g. name: Pera Business Park)",
      "events/_venues.yml:2: melton.nmae: unknown field; did you mean name?"]),
])
def test_a_venue_that_could_not_be_read_is_not_reported_again_by_each_event(tmp_path, venues, expected):
    folder = write_folder(tmp_path, {"taster.yml": TASTER})
    (folder / "_venues.yml").write_text(dedent(venues), encoding="utf-8")
    assert problems_in(folder) == expected


def test_a_venue_that_is_not_there_at_all_is_still_reported(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": dedent(TASTER).replace("venue: melton", "venue: meltn")})
    (problem,) = problems_in(folder)
    assert "'meltn' is not a venue in events/_venues.yml (known: derby, melton)" in problem
