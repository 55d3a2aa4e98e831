"""The JSON Schema files editors use: generated from schema.py, committed, and true to the validator.

The validator is the authority; the schemas are its shadow for editors. These tests keep the two
from drifting: the committed files are what the generator writes, the example files and a new
file from `make new-event` pass the schemas, and mistakes the validator refuses the schemas
refuse too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from textwrap import dedent

import jsonschema
import pytest
import yaml

from conftest import ROOT
from eventsite import starter
from eventsite.editor import schema as editor_schema
from eventsite.reading.load import compose

SCHEMA_DIR = ROOT / editor_schema.FOLDER
COMMENT = re.compile(r"# yaml-language-server: \$schema=\.\./schema/([a-z]+\.schema\.json)\n")


def validator_for(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def data_of(text: str):
    node, problems = compose(text, "x.yml")
    assert not problems, problems
    return editor_schema.as_json(node)


def test_committed_schema_files_are_what_make_schema_writes():
    stale = editor_schema.stale(SCHEMA_DIR)
    assert not stale, f"{stale} differ from schema.py: run `make schema` and commit the result"


def test_every_declared_format_has_a_schema_file_and_each_is_a_valid_schema():
    names = set(editor_schema.schemas())
    assert {"event.schema.json", "organisers.schema.json", "venues.schema.json",
            "testimonials.schema.json"} <= names
    for name in names:
        jsonschema.Draft7Validator.check_schema(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", sorted((ROOT / "events").glob("*.yml")), ids=lambda p: p.name)
def test_example_files_name_their_schema_and_pass_it(path: Path):
    text = path.read_text(encoding="utf-8")
    match = COMMENT.match(text)
    assert match, f"{path.name} must start with the yaml-language-server comment"
    errors = sorted(validator_for(match.group(1)).iter_errors(data_of(text)), key=str)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_a_new_event_file_passes_the_event_schema():
    new = starter.NewEvent(slug="taster", title="Taster: day one", summary=starter.SUMMARY_PLACEHOLDER,
                           organiser="emc", session_id="jan-2015", start="2015-01-20 10:00", end="13:00",
                           venue="melton", today=__import__("datetime").date(2015, 1, 1))
    text = starter.render(new)
    assert COMMENT.match(text).group(1) == "event.schema.json"
    assert list(validator_for("event.schema.json").iter_errors(data_of(text))) == []


VALID = """\
    title: Taster
    summary: A taster.
    organiser: emc
    sessions:
      - id: one
        start: 2014-12-11 10:00
        end: 13:00
        venue: melton
    """


@pytest.mark.parametrize("change, fragment", [
    ("titel: typo\n", "Additional properties are not allowed ('titel' was unexpected)"),
    ("places: eight\n", "'eight' is not of type 'integer'"),
    ("price: {amount: £950}\n", "is not valid under any of the given schemas"),
    ("booking: {url: 'javascript:alert(1)'}\n", "does not match '^https?://'"),
    ("tags: [Action Learning]\n", "is not valid under any of the given schemas"),
    ("updated: 3 November 2014\n", "does not match"),
])
def test_mistakes_the_validator_refuses_the_schema_refuses_too(tmp_path, change, fragment):
    from conftest import problems_in, write_folder
    text = dedent(VALID) + change
    assert problems_in(write_folder(tmp_path, {"taster.yml": text}))  # the validator says no ...
    messages = [e.message for e in validator_for("event.schema.json").iter_errors(data_of(text))]
    assert any(fragment in m for m in messages), messages  # ... and so does the schema


def test_session_fields_are_checked_inside_the_list():
    text = dedent(VALID).replace("venue: melton", "venue: melton\n    status: fully booked")
    messages = [e.message for e in validator_for("event.schema.json").iter_errors(data_of(text))]
    assert any("is not valid under any of the given schemas" in m for m in messages)


@pytest.mark.parametrize("text, expected", [
    ("a: 13:00", {"a": "13:00"}), ("a: 2014-12-11", {"a": "2014-12-11"}), ("a: yes", {"a": "yes"}),
    ("a: true", {"a": True}), ("a: 8", {"a": 8}), ("a: 884.50", {"a": 884.5}), ("a: '8'", {"a": "8"}),
    ("a: 01632 960 637", {"a": "01632 960 637"}), ("a: ~", {"a": None}), ("a: [x, 1]", {"a": ["x", 1]}),
])
def test_values_are_typed_as_an_editor_reads_yaml_1_2(text, expected):
    assert editor_schema.as_json(yaml.compose(text)) == expected
