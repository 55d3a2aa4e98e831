"""A real build read back: event pages without the documentation frame, listings with date
badges grouped by month, past events in a closed archive, and a page per filter."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project

EXAMPLE = "events/action-planning-for-councillors/"
EXTRA = {  # name: (title, start, audience)
    "spring-taster.yml": ("Spring taster", "2015-02-12 10:00", "Officers"),
    "summer-meeting.yml": ("Summer meeting", "2014-06-05 14:00", None),
    "autumn-2013.yml": ("Autumn 2013 meeting", "2013-09-12 10:00", "Councillors in the East Midlands"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pages"))
    for name, (title, start, audience) in EXTRA.items():
        (project / "events" / name).write_text(
            f"title: {title}\nsummary: Another session.\norganiser: east-midlands-councils\n"
            + (f"audience: {audience}\n" if audience else "")
            + f"sessions:\n  - id: only\n    start: {start}\n    end: 16:00\n    venue: emc-melton\n",
            encoding="utf-8")
    build_ok(project)
    return project / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def titles(tag) -> list[str]:
    return [words(t) for t in tag.select(".event-card__title")]


@pytest.mark.parametrize("url", [EXAMPLE, "programmes/action-learning-ambassadors/", "", "events/", "calendars/",
                                 "programmes/", "about/", "explainers/what-is-action-learning/", "testimonials/",
                                 "events/organiser/east-midlands-councils/", "accessibility/"])
def test_public_pages_have_no_sidebar_or_contents(site, url):
    page = soup(site, url)
    # Material keeps the navigation in the markup for the phone menu, hidden beside the page.
    for kind in ("primary", "secondary"):
        assert page.select_one(f".md-sidebar--{kind}").has_attr("hidden"), kind


def test_the_authors_guide_keeps_its_sidebar(site):
    """The guide is a reference for authors: its pages keep the navigation and contents beside them."""
    page = soup(site, "guide/authoring/")
    for kind in ("primary", "secondary"):
        assert not page.select_one(f".md-sidebar--{kind}").has_attr("hidden"), kind


def test_404_page_has_no_sidebar(site):
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".md-sidebar--primary").has_attr("hidden")


def test_event_page_has_one_primary_action_and_add_to_calendar_after_the_facts(site):
    page = soup(site, EXAMPLE)
    (primary,) = page.select(".event a.md-button--primary")
    assert words(primary).startswith("Book a place")
    secondary = primary.find_next_sibling("a")
    assert words(secondary).startswith("Add to calendar") and secondary["href"] == "#add-to-calendar"
    html = str(page.select_one(".event"))
    assert html.index('class="facts"') < html.index("md-button--primary")


def test_listing_has_date_badges_grouped_by_month(site):
    upcoming = soup(site, "events/").select_one("section[aria-labelledby=upcoming]")
    assert [words(h) for h in upcoming.find_all("h3")] == ["December 2014", "February 2015"]
    badges = [(b["datetime"], words(b)) for b in upcoming.select(".event-card__badge time")]
    assert badges == [("2014-12-11", "11 Dec"), ("2015-02-12", "12 Feb")]
    # Each month's heading is followed by its own list of cards, titled one level below.
    december = upcoming.find("h3").find_next_sibling("ul")
    assert titles(december) == ["Action planning for councillors using action learning"]
    assert {c.name for c in upcoming.select(".event-card__title")} == {"h4"}


def test_past_events_are_in_a_closed_archive(site):
    past = soup(site, "events/").select_one("section[aria-labelledby=past]")
    archive = past.find("details")
    assert archive is not None and not archive.has_attr("open")
    assert words(archive.find("summary")) == "Show 2 past events"
    assert [words(h) for h in archive.find_all("h3")] == ["June 2014", "September 2013"]
    assert titles(archive) == ["Summer meeting", "Autumn 2013 meeting"]
    # The home page lists upcoming events only, by month, and links to the archive.
    home = soup(site, "")
    assert home.select_one("section[aria-labelledby=past]") is None
    assert [words(h) for h in home.select("section[aria-labelledby=upcoming] h3")] == ["December 2014", "February 2015"]


def test_a_page_per_filter_linked_from_the_index(site):
    index = soup(site, "events/")
    links = {words(a): a["href"] for a in index.select("nav.event-filters li a")}
    assert links == {"East Midlands Councils": "organiser/east-midlands-councils/",
                     "Councillors in the East Midlands": "audience/councillors-in-the-east-midlands/",
                     "Officers": "audience/officers/"}
    page = soup(site, "events/audience/councillors-in-the-east-midlands/")
    assert words(page.find("h1")) == "Events for Councillors in the East Midlands"
    assert titles(page.select_one("section[aria-labelledby=upcoming]")) == [
        "Action planning for councillors using action learning"]
    assert titles(page.select_one("section[aria-labelledby=past] details")) == ["Autumn 2013 meeting"]
    current = page.select_one('nav.event-filters a[aria-current="page"]')
    assert words(current) == "Councillors in the East Midlands"
    organiser = soup(site, "events/organiser/east-midlands-councils/")
    assert titles(organiser.select_one("section[aria-labelledby=upcoming]")) == [
        "Action planning for councillors using action learning", "Spring taster"]
    # No filter page is reached by script: every filter is an ordinary page in the sitemap.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "events/audience/officers/" in sitemap


def test_a_brand_below_4_5_to_1_stops_the_build_naming_the_pair(tmp_path):
    from conftest import run_build
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert 'primary: "#1d4f91"' in text
    config.write_text(text.replace('primary: "#1d4f91"', 'primary: "#5b9bd5"'), encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip() == "brand:")
    assert (f"mkdocs.yml:{line}: extra.events.brand.colours: text_on_primary #ffffff on primary #5b9bd5 has a "
            "contrast of 2.96:1") in result.stderr
    assert "Traceback" not in result.stderr


def test_the_brand_colours_and_footer_reach_every_page(site):
    for url in ("", EXAMPLE, "events/organiser/east-midlands-councils/"):
        page = soup(site, url)
        style = page.find("style", string=lambda s: s and "--md-primary-fg-color" in s)
        assert "--md-primary-fg-color: #1d4f91;" in style.string
        assert words(page.select_one("footer .brand-footer")).startswith("Run by East Midlands Councils")


def test_brochure_has_a_cover_and_option_cards_beside_its_table(site):
    page = soup(site, "programmes/action-learning-ambassadors/")
    cover = page.select_one(".brochure header.brochure__cover")
    assert words(cover.select_one(".brochure__organiser")) == "All sector M&L programme for Sector Skills Councils"
    assert cover.find("h1") is not None
    facts = {words(div.dt): words(div.dd) for div in cover.select("dl.facts > div")}
    assert facts["Who it is for"] == "Employer-facing staff in Sector Skills Councils (SSCs)"
    assert facts["Price"] == ("Proposal 1: From £884 per candidate (14 delegates working in two sets) "
                              "Proposal 2: Roughly half of the Proposal 1 cost")
    cards = page.select(".brochure__compare ul.option-cards > li.option-card")
    assert [words(c.find("h3")) for c in cards] == ["Proposal 1", "Proposal 2"]
    first = {words(div.dt): words(div.dd) for div in cards[0].select("dl > div")}
    assert first == {"Duration": "5 days: 3 days, then 2 days 4 to 6 weeks later",
                     "Cost": "From £884 per candidate (14 delegates working in two sets)",
                     "Award": "CMI level 5 Unit 5019 Managing Action Learning Award"}
    assert cards[0].select_one(".option-card__more a")["href"] == "#option-proposal-1"
    # The table stays: it has every row, and it is what prints.
    assert page.select_one(".brochure__compare table.compare caption")
