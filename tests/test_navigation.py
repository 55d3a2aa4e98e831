"""What visitors navigate (eventsite.outputs.navigation): public pages without a documentation sidebar,
and the authors' guide published only when a site says so (extra.events.authors_guide)."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_ok, copy_project
from eventsite.outputs import navigation
from eventsite.reading import project

EXAMPLE_NAV = [
    {"Home": "index.md"},
    {"Events": "events/index.md"},
    {"About": [{"About this site": "about.md"}, {"What is action learning?": "explainers/what-is-action-learning.md"}]},
    {"For authors": [{"Adding and changing events": "guide/authoring.md"}, {"Writing an event file": "./guide/event-file.md"}]},
]


def test_without_the_guide_the_nav_loses_its_entries_and_its_empty_section():
    assert navigation.without_guide(EXAMPLE_NAV) == EXAMPLE_NAV[:3]


@pytest.mark.parametrize("nav, kept", [
    (None, None),  # no nav: setting: MkDocs lists the files, and the guide's are left out of them
    (["index.md", "guide/errors.md", "/guide/x.md"], ["index.md"]),
    ([{"Mixed": ["about.md", {"Errors": "guide/errors.md"}]}], [{"Mixed": ["about.md"]}]),
    ([{"Guide's home": "https://example.org/guide/"}], [{"Guide's home": "https://example.org/guide/"}]),
    ([{"Guidelines": "guidelines.md"}], [{"Guidelines": "guidelines.md"}]),  # only the folder guide/
])
def test_without_the_guide_keeps_everything_else(nav, kept):
    assert navigation.without_guide(nav) == kept


@pytest.mark.parametrize("src_uri, asked, hidden", [
    ("index.md", None, ["navigation", "toc"]),
    ("events/x.md", ["navigation", "toc"], ["navigation", "toc"]),
    ("events/organiser/x.md", ["toc"], ["toc", "navigation"]),
    ("explainers/what-is-action-learning.md", "navigation", ["navigation", "toc"]),  # not a list: ignored
    ("guide/authoring.md", None, []),
    ("guide/errors.md", ["toc"], ["toc"]),
])
def test_public_pages_hide_both_sidebars_and_the_guide_keeps_them(src_uri, asked, hidden):
    assert navigation.hidden_sidebars(src_uri, asked) == hidden


def test_the_setting_is_off_unless_a_site_turns_it_on(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    authors_guide: yes\n" in config  # the example shows its guide
    (tmp_path / "events").mkdir()
    (tmp_path / "mkdocs.yml").write_text(config.replace("    authors_guide: yes\n", ""), encoding="utf-8")
    settings, problems = project.read_settings(tmp_path)
    assert problems == [] and settings.authors_guide is False
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert project.read_settings(tmp_path)[0].authors_guide is True


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    """The example as a real site would start: the same files, without authors_guide: yes."""
    site = copy_project(tmp_path_factory.mktemp("public"))
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    authors_guide: yes\n", ""), encoding="utf-8")
    build_ok(site, EVENTS_PDF="no")
    return site / "site"


def test_a_site_without_the_setting_does_not_publish_the_guide(public_site):
    assert not (public_site / "guide").exists()
    home = BeautifulSoup((public_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    tabs = [" ".join(a.get_text().split()) for a in home.select(".md-tabs a")]
    assert tabs == ["Home", "Events", "Programmes", "Calendars", "About"]
    menu = " ".join(home.select_one(".md-nav--primary").get_text().split())
    assert "For authors" not in menu and "Writing an event file" not in menu
    # Not found by search, nor listed for search engines: a page that is built is public.
    index = json.loads((public_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("guide/")]
    assert "/guide/" not in (public_site / "sitemap.xml").read_text(encoding="utf-8")
    # The visitors' pages are all there.
    for page in ("about/index.html", "explainers/what-is-action-learning/index.html", "testimonials/index.html",
                 "events/action-planning-for-councillors/index.html", "calendars/index.html"):
        assert (public_site / page).is_file(), page


def test_the_example_publishes_the_guide_under_for_authors():
    # The example's own build (tests/test_pages_build.py and the browser tests) has the guide;
    # here only the nav: entry and the setting that keep it there.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - For authors:\n" in config and "guide/authoring.md" in config


def _menu_targets(site, page):
    """The active tab's words and every file the tabs and the menu of ``page`` link to."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    active = soup.select_one(".md-tabs__item--active")
    hrefs = [a["href"] for a in soup.select(".md-tabs a[href], .md-nav--primary a[href]")
             if not a["href"].startswith(("#", "http", "mailto:"))]
    missing = [h for h in hrefs if not ((page.parent / h.split("#")[0]).resolve() / "index.html").is_file()
               and not (page.parent / h.split("#")[0]).resolve().is_file()]
    return (" ".join(active.get_text().split()) if active else None), hrefs, missing


@pytest.fixture(scope="module")
def two_events_site(tmp_path_factory):
    """The example with a second event file beside the first."""
    site = copy_project(tmp_path_factory.mktemp("two-events"))
    first = site / "events" / "action-planning-for-councillors.yml"
    (site / "events" / "action-planning-again.yml").write_text(
        first.read_text(encoding="utf-8").replace("title: ", "title: Again, ", 1), encoding="utf-8")
    build_ok(site, EVENTS_PDF="no")
    return site / "site"


def test_every_event_page_has_the_menu_rendered_once_and_right_for_it(two_events_site):
    # The menu and tabs of event pages are rendered once a build and reused (eventsite.outputs.fragments):
    # each event page still has the Events tab active and links that work from where it is, and
    # a page of another section is not given the event pages' menu.
    public_site = two_events_site
    events = sorted(p for p in (public_site / "events").glob("*/index.html") if "Again, " in p.read_text(encoding="utf-8")
                    or p.parent.name == "action-planning-for-councillors")
    assert len(events) == 2
    menus = set()
    for page in events:
        active, hrefs, missing = _menu_targets(public_site, page)
        assert active == "Events" and hrefs and missing == [], page
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        menus.add(str(soup.select_one(".md-nav--primary")))
    assert len(menus) == 1
    for page, tab in (("about/index.html", "About"), ("calendars/index.html", "Calendars"),
                      ("events/index.html", "Events")):
        active, hrefs, missing = _menu_targets(public_site, public_site / page)
        assert active == tab and missing == [], page
    home = BeautifulSoup((public_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    about = BeautifulSoup((public_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    # The about page is in the menu: its entry is marked as the current page there, and only there.
    assert about.select(".md-nav--primary .md-nav__link--active") and not home.select(
        ".md-nav--primary a[href='about/'].md-nav__link--active")
