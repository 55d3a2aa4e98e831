"""Real builds of a copy of the example site, read back as a visitor's browser and calendar would.

Builds run as child processes (``mkdocs build --strict``), as an author runs them: the hook pins
SOURCE_DATE_EPOCH in its own process, so nothing leaks into this one or into other tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
import yaml
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project, run_build

SITE_URL = "https://events.example.org/"
EXAMPLE = "events/action-planning-for-councillors/"
EXAMPLE_TITLE = "Action planning for councillors using action learning"

# Events added to the copy, so that listings have something to order.
EXTRA_EVENTS = {
    "spring-taster.yml": ("Spring taster", "2015-02-12 10:00"),
    "summer-meeting.yml": ("Summer meeting", "2014-06-05 14:00"),
    "autumn-2013.yml": ("Autumn 2013 meeting", "2013-09-12 10:00"),
}


def add_events(project: Path) -> None:
    for name, (title, start) in EXTRA_EVENTS.items():
        (project / "events" / name).write_text(
            f"title: {title}\n"
            "summary: Another session.\n"
            "organiser: east-midlands-councils\n"
            "sessions:\n"
            "  - id: only\n"
            f"    start: {start}\n"
            "    end: 16:00\n"
            "    venue: emc-melton\n", encoding="utf-8")


def fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under ``folders``, by path, with a hash of its bytes."""
    return {str(path.relative_to(folder.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()}


def every_file(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    add_events(project)
    before = fingerprint(project / "events", project / "docs")
    result = build_ok(project)
    after = fingerprint(project / "events", project / "docs")
    return SimpleNamespace(project=project, site=project / "site", before=before, after=after,
                           output=result.stdout + result.stderr)


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def target(site: Path, page_url: str, href: str) -> Path:
    """The file in ``site`` that a relative link on the page at ``page_url`` leads to."""
    path = urlsplit(urljoin(SITE_URL + page_url, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def facts(page: BeautifulSoup) -> dict[str, object]:
    """The first session's details: dt text -> its dd tag."""
    dl = page.select_one(".session dl")
    return {words(term): term.find_next_sibling("dd") for term in dl.find_all("dt")}


# --- the event page ----------------------------------------------------------------------------

def test_event_page_gives_the_details_as_a_description_list(built):
    details = facts(soup(built.site, EXAMPLE))
    assert list(details)[:2] == ["Date and time", "Venue"]
    when = details["Date and time"].find("time")
    assert words(when) == "Thursday 11 December 2014, 10am to 1pm"
    assert when["datetime"] == "2014-12-11T10:00+00:00"
    # The venue and its town, short enough for a phone's first screen; the address follows.
    venue = details["Venue"]
    assert words(venue).startswith("East Midlands Councils, Melton Mowbray")
    assert venue.find("a")["href"] == "#access-emc-melton"
    address = soup(built.site, EXAMPLE).select_one("#access-emc-melton ~ .venue__address")
    assert words(address) == "East Midlands Councils Pera Business Park Melton Mowbray Leicestershire LE13 0PB"
    assert words(details["Price"]) == "Free (free to councillors in the East Midlands)"
    assert words(details["Places"]) == "Limited to 8 places"
    assert words(details["Who it is for"]) == "Councillors in the East Midlands"


def test_the_venue_links_to_openstreetmap(built):
    link = soup(built.site, EXAMPLE).select_one("section[aria-labelledby=access] a[href*=openstreetmap]")
    url = urlsplit(link["href"])
    assert (url.scheme, url.netloc, url.path) == ("https", "www.openstreetmap.org", "/search")
    assert parse_qs(url.query) == {"query": ["East Midlands Councils, LE13 0PB"]}
    assert words(link) == "Map of East Midlands Councils, LE13 0PB on OpenStreetMap"


def test_booking_by_email_has_a_subject_naming_the_event_and_date(built):
    page = soup(built.site, EXAMPLE)
    links = page.select('.event a[href^="mailto:"]')
    assert links, "no mailto link"
    for link in links:
        url = urlsplit(link["href"])
        assert url.path == "kirsty.lowe@example.org"
        assert parse_qs(url.query) == {"subject": [f"Booking: {EXAMPLE_TITLE}, 11 December 2014"]}
    assert words(page.select_one(".session__action a")).startswith("Book a place")


def test_the_calendar_file_is_linked_for_download_and_holds_the_session(built):
    page = soup(built.site, EXAMPLE)
    (link,) = page.select(".event a[download]")
    assert link["download"] == "action-planning-for-councillors.ics"
    ics = target(built.site, EXAMPLE, link["href"])
    assert ics == built.site / "events" / "action-planning-for-councillors.ics"
    data = ics.read_bytes()
    (ical_event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    (v_event,) = vobject.readOne(data.decode("utf-8")).vevent_list
    london = ZoneInfo("Europe/London")
    assert ical_event.decoded("DTSTART") == dt.datetime(2014, 12, 11, 10, 0, tzinfo=london)
    assert v_event.dtstart.value.astimezone(dt.timezone.utc) == dt.datetime(2014, 12, 11, 10, 0, tzinfo=dt.timezone.utc)
    assert v_event.uid.value == "action-planning-for-councillors.taster-2014-12@events.example.org"
    assert v_event.url.value == SITE_URL + EXAMPLE
    assert v_event.summary.value == EXAMPLE_TITLE
    assert v_event.dtstamp.value == dt.datetime(2014, 11, 3, tzinfo=dt.timezone.utc)  # updated: 2014-11-03


def test_the_explainer_shows_its_introduction_and_links_to_the_whole_page(built):
    page = soup(built.site, EXAMPLE)
    (aside,) = page.select("aside.explainer")
    assert words(aside.select_one(".explainer__label")) == "Background"
    assert words(aside.find("h2")) == "What is action learning?"
    text = words(aside)
    assert "Action Learning is a reflective and questioning technique" in text
    assert "Action Learning sets usually have between 6-8 people" not in text  # only the intro
    (more,) = [a for a in aside.find_all("a") if words(a).startswith("Read more")]
    explainer = target(built.site, EXAMPLE, more["href"])
    assert explainer == built.site / "explainers" / "what-is-action-learning" / "index.html"
    assert explainer.is_file()


def test_testimonials_are_figures_with_quote_and_attribution(built):
    source = yaml.safe_load((built.project / "events" / "_testimonials.yml").read_text(encoding="utf-8"))
    # The example event asks for testimonial_tags: [east-midlands-councils].
    expected = [(" ".join(t["quote"].split()), t["by"]) for t in source.values()
                if "east-midlands-councils" in t["tags"]]
    figures = soup(built.site, EXAMPLE).select(".event figure")
    assert [(words(f.blockquote), words(f.figcaption)) for f in figures] == expected
    assert len(expected) == 3


# --- listings ---------------------------------------------------------------------------------

def listed(page: BeautifulSoup, section: str) -> list[str]:
    block = page.select_one(f'section[aria-labelledby="{section}"]')
    return [words(h) for h in block.select(".event-card__title")] if block else []


def test_events_index_lists_upcoming_soonest_first_then_past_newest_first(built):
    page = soup(built.site, "events")
    assert listed(page, "upcoming") == [EXAMPLE_TITLE, "Spring taster"]
    assert listed(page, "past") == ["Summer meeting", "Autumn 2013 meeting"]
    # Each card leads to its event's page.
    for link in page.select(".event-card__title a"):
        assert target(built.site, "events/", link["href"]).is_file()


def test_home_page_shows_upcoming_events_only(built):
    page = soup(built.site, "")
    assert listed(page, "upcoming") == [EXAMPLE_TITLE, "Spring taster"]
    assert "Summer meeting" not in words(page)


def test_testimonials_page_places_the_marked_testimonials(built):
    html = (built.site / "testimonials" / "index.html").read_text(encoding="utf-8")
    assert "<!-- testimonials" not in html
    source = yaml.safe_load((built.project / "events" / "_testimonials.yml").read_text(encoding="utf-8"))
    figures = BeautifulSoup(html, "html.parser").select("figure.testimonial")
    # The page says <!-- testimonials: all -->: every testimonial, by short name.
    assert [f["id"] for f in figures] == [f"testimonial-{key}" for key in sorted(source)]
    assert all(f.blockquote and f.figcaption for f in figures)


# --- what visitors' browsers fetch -------------------------------------------------------------

THIRD_PARTY = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "api.github.com",
               "cdnjs.cloudflare")
FETCHED = {"script": "src", "img": "src", "iframe": "src", "audio": "src", "video": "src",
           "source": "src", "embed": "src", "object": "data", "input": "src"}
NOT_FETCHED_LINKS = {"canonical", "alternate", "next", "prev"}  # <link>s that browsers do not load


def fetched_urls(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    urls = [tag[attr] for name, attr in FETCHED.items() for tag in page.find_all(name) if tag.get(attr)]
    urls += [link["href"] for link in page.find_all("link", href=True)
             if not NOT_FETCHED_LINKS & set(link.get("rel", []))]
    urls += [part.split()[0] for tag in page.find_all(srcset=True) for part in tag["srcset"].split(",")]
    styles = " ".join(t.get_text() for t in page.find_all("style")) + " ".join(
        t["style"] for t in page.find_all(style=True))
    urls += re.findall(r"""url\(\s*['"]?([^'")\s]+)""", styles)
    urls += re.findall(r"""@import\s+['"]([^'"]+)""", styles)
    return urls


def test_pages_fetch_nothing_from_other_hosts(built):
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for host in THIRD_PARTY:
            assert host not in html, f"{path.relative_to(built.site)} mentions {host}"
        for url in fetched_urls(html):
            parts = urlsplit(url)
            assert parts.scheme in ("", "data") and not parts.netloc, (
                f"{path.relative_to(built.site)} fetches {url}")


def test_stylesheets_fetch_nothing_from_other_hosts(built):
    for css in sorted(built.site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"""url\(\s*['"]?([^'")\s]+)""", text) + re.findall(r"""@import\s+['"]([^'"]+)""", text):
            assert url.startswith("data:") or not urlsplit(url).netloc, f"{css.name} fetches {url}"


# --- "today", reproducibility, sources --------------------------------------------------------

def lastmods(site: Path) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def test_pinning_today_moves_events_to_the_past(built):
    pinned = built.project / "site-2015-03-01"
    build_ok(built.project, "--site-dir", str(pinned), EVENTS_TODAY="2015-03-01")
    index = soup(pinned, "events")
    assert listed(index, "upcoming") == []
    assert listed(index, "past") == ["Spring taster", EXAMPLE_TITLE, "Summer meeting", "Autumn 2013 meeting"]
    assert "There are no upcoming events at the moment." in words(index)
    page = soup(pinned, EXAMPLE)
    assert "There are no upcoming dates for this event." in words(page)
    assert page.select(".event a[download]") == [] and page.select('.event a[href^="mailto:"]') == []
    past = page.select_one('section[aria-labelledby="past-dates"]')
    assert "Thursday 11 December 2014, 10am to 1pm" in words(past)
    # The sitemap's dates follow the pinned day too, not the clock.
    assert lastmods(pinned) == {"2015-03-01"}
    assert lastmods(built.site) == {"2014-11-20"}  # extra.events.today in mkdocs.yml


def test_two_builds_of_the_same_sources_are_byte_identical(built, tmp_path):
    # Built again from another folder, so that no absolute path may leak into the output either.
    again = copy_project(tmp_path / "again", origin=built.project)
    build_ok(again)
    first, second = every_file(built.site), every_file(again / "site")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.endswith(".ics") for name in first) and "sitemap.xml.gz" in first


def test_the_build_never_changes_its_sources(built):
    assert built.after == built.before
    assert any(name.startswith("events/") for name in built.before)
    assert any(name.startswith("docs/") for name in built.before)


def test_a_bad_event_file_stops_the_build_with_its_line_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "events" / "broken.yml").write_text(
        "title: Broken\n"
        "summary: A session on a day that does not exist.\n"
        "organiser: east-midlands-councils\n"
        "sessions:\n"
        "  - id: only\n"
        "    start: 2014-02-30 10:00\n"
        "    end: 13:00\n"
        "    venue: emc-melton\n"
        "colour: blue\n", encoding="utf-8")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ERROR" in output
    assert ("events/broken.yml:6: sessions[1].start: '2014-02-30 10:00' is not a real date; "
            "expected a date and time as YYYY-MM-DD HH:MM, e.g. 2014-12-11 10:00") in output
    assert "events/broken.yml:9: colour: unknown field;" in output
    assert "Traceback" not in output
    assert not (project / "site" / "events" / "broken").exists()


def test_properdocs_builds_the_same_event_page(built):
    other = built.project / "site-properdocs"
    build_ok(built.project, "--site-dir", str(other), tool="properdocs")
    ours, theirs = soup(built.site, EXAMPLE), soup(other, EXAMPLE)
    assert str(theirs.select_one(".event")) == str(ours.select_one(".event"))
    ics = "events/action-planning-for-councillors.ics"
    assert (other / ics).read_bytes() == (built.site / ics).read_bytes()
