"""The web editor at /admin/: its configuration made from the schema (eventsite.editor.config),
its committed bundle checked by every build (eventsite.editor.files), its page kept apart from the
public site, and its file format (editor/admin/format.js, run under Node).

The editor itself, driven through its form in Chromium, is tests/browser/test_browser_editor.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_ok, copy_project, run_build
from eventsite.editor import config as editor_config, files as editor_files
from eventsite.reading import project, schema
from eventsite.reading.fields import Choice, Field, Fields, ListOf, Text

EXAMPLE = editor_config.Site(explainers=("action-learning-background", "what-is-action-learning"))


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _by_name(fields: list[dict]) -> dict:
    return {f["name"]: f for f in fields}


def _walk(kind: Fields, fields: list[dict], path: str = "") -> list[str]:
    """Every field of ``kind`` missing from the Decap ``fields`` (recursively), by path."""
    missing, found = [], _by_name(fields)
    for key, spec in kind.fields.items():
        where = f"{path}{key}"
        if key not in found:
            missing.append(where)
            continue
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Fields) and "fields" in found[key]:
            missing += _walk(inner, found[key]["fields"], where + ".")
    return missing


def test_every_field_of_every_format_is_in_the_form():
    config = editor_config.config(EXAMPLE)
    assert _walk(schema.EVENT, _collection(config, "events")["fields"]) == []
    assert _walk(schema.PROGRAMME, _collection(config, "programmes")["fields"]) == []
    shared = {f["name"]: f["fields"][0]["fields"] for f in _collection(config, "shared")["files"]}
    for name, kind in (("venues", schema.VENUES), ("organisers", schema.ORGANISERS),
                       ("testimonials", schema.TESTIMONIALS)):
        assert _walk(kind.item, shared[name]) == []
        assert shared[name][0]["name"] == "id" and shared[name][0]["required"] is True


def test_a_field_added_to_a_format_appears_with_its_help_required_mark_and_choices(monkeypatch):
    fields = dict(schema.EVENT.fields)
    fields["language"] = Field(Choice(("english", "welsh")), required=True, example="welsh",
                               description="The language the event is held in.")
    monkeypatch.setattr(schema, "EVENT", Fields(fields))
    found = _by_name(_collection(editor_config.config(EXAMPLE), "events")["fields"])["language"]
    assert found == {"name": "language", "label": "Language", "widget": "select", "options": ["english", "welsh"],
                     "required": True, "hint": "The language the event is held in. For example: welsh."}


def test_a_kind_the_form_does_not_know_yet_gets_a_field_from_its_json_schema(monkeypatch):
    from dataclasses import dataclass

    from eventsite.reading.fields import Kind

    @dataclass
    class Postcode(Kind):
        expected: str = "a postcode such as LE13 0PB"

        def json_schema(self):
            return {"type": "string", "pattern": "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$"}

    fields = dict(schema.EVENT.fields)
    fields["postcode"] = Field(Postcode(), description="Where it is.")
    monkeypatch.setattr(schema, "EVENT", Fields(fields))
    found = _by_name(_collection(editor_config.config(EXAMPLE), "events")["fields"])["postcode"]
    assert found["widget"] == "string"
    assert found["pattern"] == ["^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$", "Expected a postcode such as LE13 0PB"]


def _specs(kind: Fields, fields: list[dict]):
    """(schema field, Decap field) for every field of a format, nested ones included."""
    found = _by_name(fields)
    for key, spec in kind.fields.items():
        yield spec, found[key]
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Fields) and "fields" in found[key]:
            yield from _specs(inner, found[key]["fields"])


def test_choices_references_and_required_marks_follow_the_schema():
    events = _by_name(_collection(editor_config.config(EXAMPLE), "events")["fields"])
    session = _by_name(events["sessions"]["fields"])
    assert session["status"]["options"] == list(schema.STATUSES)
    assert session["online"]["widget"] == "object" and session["online"]["eventsite_or_yes"] is True
    assert session["id"]["required"] is True and session["start"]["required"] is True
    # Needed unless another field is given: not marked required, and the help says when.
    for spec, field in _specs(schema.EVENT, _collection(editor_config.config(EXAMPLE), "events")["fields"]):
        if spec.required and spec.required_unless:
            assert field["required"] is False and "Needed unless" in field["hint"], field["name"]
    # Venues, organisers and testimonials are picked from the shared files.
    assert session["venue"] | {"hint": None} == {
        "name": "venue", "label": "Venue", "widget": "relation", "collection": "shared", "file": "venues",
        "value_field": "items.*.id", "search_fields": ["items.*.id", "items.*.name"],
        "display_fields": ["items.*.name"], "required": False, "hint": None}
    assert events["organiser"]["widget"] == "relation" and events["organiser"]["required"] is True
    assert events["testimonials"]["multiple"] is True and events["testimonials"]["file"] == "testimonials"
    assert events["explainers"] == {**events["explainers"], "widget": "select", "multiple": True,
                                    "options": ["action-learning-background", "what-is-action-learning"]}
    price = _by_name(events["price"]["fields"])
    assert price["vat"]["options"] == ["plus", "included", "exempt"]
    assert price["per"]["options"] == ["person", "candidate", "delegate", "organisation"]
    assert [o["value"] for o in price["currency"]["options"]] == ["gbp", "eur", "usd"]
    # A group left empty is not checked by Decap's required marks: its own are in the help.
    assert price["amount"]["required"] is False and price["amount"]["hint"].startswith("Needed when Price")
    assert events["example"]["options"] == ["yes", "no"]
    assert events["places"] | {"hint": None} == {"name": "places", "label": "Places", "widget": "number",
                                                 "value_type": "int", "min": 1, "max": 100000,
                                                 "required": False, "hint": None}
    assert events["updated"]["widget"] == "datetime" and events["updated"]["time_format"] is False


def _patterns(fields: list[dict]):
    for field in fields:
        if "pattern" in field:
            yield field["name"], field["pattern"]
        yield from _patterns(field.get("fields", []))
        if "field" in field:
            yield from _patterns([field["field"]])


SAMPLES = ["2015-01-20 10:00", "2015-10-25 01:30 GMT", "2015-01-20", "20/01/2015 10:00", "13:00", "1pm",
           "dec-2014", "Dec 2014", "free", "884.50", "£950", "events@example.org", "events at example.org",
           "https://example.org/book", "www.example.org", "01632 960 637", "call us"]


def _accepts(kind, text: str) -> bool:
    from eventsite.reading.fields import Checker
    node = yaml.ScalarNode("tag:yaml.org,2002:str", text, yaml.Mark("", 0, 0, 0, None, None),
                           yaml.Mark("", 0, 0, 0, None, None), style="")
    check = Checker("x.yml")
    return kind.read(node, "x", check) is not None and not check.problems


def test_the_form_refuses_what_make_check_refuses_and_nothing_it_accepts():
    """Each field with a pattern, tried on dates, times, short names, amounts and addresses: the
    pattern never refuses what the validator accepts, and refuses most of what it refuses."""
    config = editor_config.config(EXAMPLE)
    tried, refused = 0, set()
    for kind, collection in ((schema.EVENT, "events"), (schema.PROGRAMME, "programmes")):
        for spec, field in _specs(kind, _collection(config, collection)["fields"]):
            inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
            pattern = (field.get("field") or field).get("pattern")
            if not pattern or isinstance(inner, Fields):
                continue
            for text in SAMPLES:
                accepted = _accepts(inner, text)
                matched = re.search(pattern[0], text) is not None
                assert matched or not accepted, f"{field['name']}: the form refuses {text!r}, which make check accepts"
                tried += 1
                if not matched:
                    refused.add((field["name"], text))
    assert tried > 100
    assert {("start", "20/01/2015 10:00"), ("start", "1pm"), ("id", "Dec 2014"), ("amount", "£950"),
            ("email", "events at example.org"), ("url", "www.example.org"), ("phone", "call us")} <= refused


def test_every_pattern_is_a_regular_expression_with_a_message():
    config = editor_config.config(EXAMPLE)
    for collection in config["collections"]:
        for name, (pattern, message) in _patterns(collection.get("fields", [])
                                                  + [f for file in collection.get("files", []) for f in file["fields"]]):
            re.compile(pattern)  # the form runs them as JavaScript expressions: no (?i) or (?P<...>)
            assert not re.search(r"\(\?[aiLmsux]|\(\?P", pattern), name
            assert message.endswith(tuple("0123456789abcdefghijklmnopqrstuvwxyz")) or message, name


def test_the_configuration_names_the_repository_and_the_local_server():
    site = editor_config.Site(repo="my-council/events", branch="live", local_port=8093)
    config = editor_config.config(site)
    assert config["backend"]["name"] == "github-token"
    assert config["backend"]["repo"] == "my-council/events" and config["backend"]["branch"] == "live"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8093/api/v1"}
    assert config["media_folder"] == "docs/images" and config["public_folder"] == "images"
    relay = editor_config.config(editor_config.Site(repo="a/b", auth_url="https://auth.example.org"))
    assert relay["backend"] | {"commit_messages": None} == {
        "name": "github", "branch": "main", "repo": "a/b", "base_url": "https://auth.example.org",
        "auth_endpoint": "auth", "commit_messages": None}
    assert yaml.safe_load(editor_config.render(config)) == config  # no anchors, no Python tags


@pytest.mark.parametrize("repo, ok", [("my-council/events", True), ("a/b.c_d-e", True), (None, True),
                                      ("https://github.com/a/b", False), ("events", False)])
def test_a_repository_is_owner_slash_name(repo, ok):
    assert (editor_config.repo_problem(repo) is None) is ok


def test_a_bad_repository_setting_is_reported_at_its_line(tmp_path):
    project_dir = copy_project(tmp_path / "site")
    config = project_dir / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  events:\n", "  events:\n    editor:\n      repo: https://github.com/x/y\n", 1),
                      encoding="utf-8")
    settings, problems = project.read_settings(project_dir)
    problems += project.check_settings(settings)
    line = text.splitlines().index("  events:") + 3
    assert [str(p) for p in problems] == [
        f"mkdocs.yml:{line}: extra.events.editor.repo: 'https://github.com/x/y' is not a GitHub repository; "
        "expected OWNER/NAME, such as my-council/events"]


# --- the bundle and the built site ---------------------------------------------------------------

def test_the_committed_bundle_matches_its_checksums():
    assert editor_files.verify(ROOT) == []
    assert editor_files.versions(ROOT) == {"decap-cms": "3.16.3", "yaml": "2.9.1"}
    # editor.js signs in through Decap's own GitHub backend and registry: still there in this version.
    bundle = (ROOT / editor_files.FOLDER / "vendor/decap-cms/decap-cms.js").read_text(encoding="utf-8")
    for name in ("registerCustomFormat", "registerBackend", "getBackend", "CMS_MANUAL_INIT", "decap-cms-user"):
        assert name in bundle


def _with_editor(tmp_path: Path) -> Path:
    site = copy_project(tmp_path / "site")
    shutil.copytree(ROOT / editor_files.FOLDER, site / editor_files.FOLDER)
    return site


def test_a_bundle_file_changed_missing_or_unlisted_is_refused_by_name(tmp_path):
    site = _with_editor(tmp_path)
    vendor = site / editor_files.FOLDER / "vendor"
    with open(vendor / "decap-cms" / "1077.decap-cms.js", "a", encoding="utf-8") as changed:
        changed.write("\n// changed\n")
    (vendor / "yaml" / "dist" / "log.js").unlink()
    (vendor / "decap-cms" / "extra.js").write_text("", encoding="utf-8")
    messages = [f"{p.file}: {p.message.split(';')[0]}" for p in editor_files.verify(site)]
    assert messages == ["editor/admin/vendor/decap-cms/1077.decap-cms.js: differs from its checksum in "
                        "editor/admin/vendor/SHA256SUMS",
                        "editor/admin/vendor/yaml/dist/log.js: is missing",
                        "editor/admin/vendor/decap-cms/extra.js: is not listed in editor/admin/vendor/SHA256SUMS"]
    result = run_build(site)
    assert result.returncode != 0
    assert "editor/admin/vendor/decap-cms/1077.decap-cms.js:1: differs from its checksum" in result.stdout + result.stderr


def test_the_site_serves_the_editor_with_its_own_policy_and_no_public_page_loads_it(tmp_path):
    site = _with_editor(tmp_path)
    build_ok(site, EVENTS_EDITOR_PORT="8093")
    out = site / "site"
    page = (out / "admin" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#39;", "'")
    assert "script-src 'self' 'unsafe-eval'" in policy and "connect-src 'self' http://127.0.0.1:8093" in policy
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert page.index('src="manual-init.js"') < page.index('src="vendor/decap-cms/decap-cms.js"') < page.index('src="editor.js"')
    config = yaml.safe_load((out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"]["url"] == "http://127.0.0.1:8093/api/v1"
    assert _by_name(_collection(config, "events")["fields"])["explainers"]["options"] == [
        "action-learning-background", "what-is-action-learning"]
    for path in editor_files.files(ROOT):
        assert (out / path[0]).is_file(), path[0]
    # Public pages: none loads any of the editor or links to it, and the search index and sitemap
    # leave it out (the authors' guide links to the local one, at 127.0.0.1).
    for html in out.rglob("*.html"):
        if html.parent.name == "admin" or "admin" in html.relative_to(out).parts:
            continue
        text = html.read_text(encoding="utf-8")
        # No script, style or image from the editor, and no link to the site's own /admin/.
        assert not re.search(r'src="[^"]*(admin/|decap-cms|vendor/yaml)|href="(\.\./)*/?admin/', text), html
    assert "admin" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("admin")]


def test_a_site_without_the_editor_folder_builds_without_it(tmp_path):
    site = copy_project(tmp_path / "site")
    result = build_ok(site)
    assert not (site / "site" / "admin").exists()
    assert "built without the web editor" in result.stderr


# --- the file format, under Node -----------------------------------------------------------------

def test_the_editors_file_format(request):
    node = shutil.which("node")
    if node is None:
        message = "Node.js is missing: the web editor's file format (tests/editor/format.test.mjs) was not tested"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "editor")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
