"""Real builds with hostile author text in an event AND a programme (its body and an option's
description, which reach the page by different paths: the page's Markdown, and the brochure view).

The build refuses such text (tests/test_sanitise.py); here a test hook makes validation accept it,
as if the check had a hole, to show that rendering alone neutralises it on every page, and that
every page carries a Content-Security-Policy naming each inline script it runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project
from eventsite.outputs import csp
from hostile_text import HOSTILE_BLOCKS, accept_hostile_text, add_hostile_files
from test_sanitise import harm

EVENT_PAGE = Path("events/hostile-event/index.html")
PROGRAMME_PAGE = Path("programmes/hostile-programme/index.html")
AUTHOR_TEXT = [".event__body", ".brochure__intro", ".option__description"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-accepted") / "site-src")
    add_hostile_files(project)
    accept_hostile_text(project)
    build_ok(project, EVENTS_TODAY="2014-11-20")  # with the brochure PDFs
    return project / "site"


def page(site: Path, path: Path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_the_hostile_pages_were_built_with_the_authors_words(site):
    event, programme = page(site, EVENT_PAGE), page(site, PROGRAMME_PAGE)
    assert "An ordinary first paragraph." in event.select_one(".event__body").get_text()
    assert "An ordinary first paragraph." in programme.select_one(".brochure__intro").get_text()
    assert "An ordinary first paragraph." in programme.select_one(".option__description").get_text()
    for soup in (event, programme):
        assert "split across lines" in soup.get_text()  # a link's text stays when its address goes
    assert (site / "programmes" / "hostile-programme.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("path, region", [(EVENT_PAGE, ".event__body"), (PROGRAMME_PAGE, ".brochure__intro"),
                                          (PROGRAMME_PAGE, ".option__description")])
def test_no_author_text_can_run_script_or_load_from_elsewhere(site, path, region):
    text = page(site, path).select_one(region)
    assert text is not None
    assert harm(str(text)) == []
    assert len(text.find_all("a")) >= len([n for n in HOSTILE_BLOCKS if "link" in n]) - 2  # links kept, addresses gone


def test_no_page_has_a_handler_a_script_address_or_another_hosts_image(site):
    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site).as_posix()
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if name.startswith("on"):
                    found.append(f"{where}: <{tag.name} {name}>")
                if name in ("href", "src") and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                    found.append(f"{where}: <{tag.name} {name}={value!r}>")
                if name in ("href", "src") and re.match(r"\s*[/\\]{2}", value):
                    found.append(f"{where}: <{tag.name} {name}={value!r}>")
            if tag.name == "img" and re.match(r"\s*[a-z][a-z0-9+.-]*:", tag.get("src", ""), re.I):
                found.append(f"{where}: <img src={tag['src']!r}>")
            if tag.name in ("iframe", "object", "embed"):
                found.append(f"{where}: <{tag.name}>")
    assert found == []


def test_the_search_index_holds_no_markup_that_could_run(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"] if "hostile" in doc["location"])
    assert "An ordinary first paragraph." in texts
    assert harm(texts) == []


POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_has_a_policy_ahead_of_its_scripts_naming_each_inline_script(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15 and site / "404.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = POLICY.findall(html)
        assert len(policies) == 1, path
        assert html.index("Content-Security-Policy") < html.index("<script"), path
        directives = dict(d.split(" ", 1) for d in policies[0].split("; "))
        sources = directives["script-src"].split()
        assert sources[0] == "'self'" and all(s.startswith("'sha256-") for s in sources[1:]), path
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        for script in csp.inline_scripts(html):
            assert csp.script_hash(script) in sources, (path, script[:80])
        assert directives["default-src"] == "'self'"
        assert directives["img-src"] == "'self' data:" and directives["worker-src"] == "'self'"
        assert directives["object-src"] == "'none'"


def test_the_json_ld_blocks_are_data_the_policy_does_not_need_to_name(site):
    html = (site / EVENT_PAGE).read_text(encoding="utf-8")
    assert 'type="application/ld+json"' in html
    assert all("@context" not in script for script in csp.inline_scripts(html))
