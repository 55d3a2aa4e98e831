"""Real builds of the example site with the event files in tests/fixtures/life/ added: pages read
back as a visitor's browser would, calendar files with icalendar and vobject, and `make check`
run as an author runs it. The example's pinned "today" is 20 November 2014.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import BIN, HERE, ROOT, build_env, build_ok, copy_project, run_build

FIXTURES = HERE / "fixtures" / "life"
SITE_URL = "https://events.example.org/"
CLI = ROOT / "hooks" / "eventsite" / "cli.py"


def add_fixtures(project: Path) -> Path:
    for path in sorted(FIXTURES.glob("life-*.yml")):
        shutil.copy2(path, project / "events" / path.name)
    venues = project / "events" / "_venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8") + (FIXTURES / "venues.yml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    shutil.copytree(FIXTURES / "images", project / "docs" / "images")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = add_fixtures(copy_project(tmp_path_factory.mktemp("life")))
    build_ok(project, EVENTS_PDF="no")
    return SimpleNamespace(project=project, site=project / "site")


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(tag) -> str:
    """The text as read, tags apart: block elements split by spaces."""
    return " ".join(tag.get_text(" ").split())


def inline(tag) -> str:
    """The text as read, inline tags joined: '<time>...</time>, Venue' stays '..., Venue'."""
    return " ".join(tag.get_text().split())


def target(site: Path, page_url: str, href: str) -> Path:
    path = urlsplit(urljoin(SITE_URL + page_url, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def parse_both(data: bytes):
    ical = icalendar.Calendar.from_ical(data)
    vcal = vobject.readOne(data.decode("utf-8"))
    return ical.walk("VEVENT"), list(getattr(vcal, "vevent_list", []))


def downloads(site: Path, url: str) -> dict[str, Path]:
    block = page(site, url).select_one(".calendar-links")
    return {words(a).split(" for ")[0]: target(site, url, a["href"]) for a in block.select("a[download]")}


# --- series and alternatives -------------------------------------------------------------------

SERIES = "events/life-series/"


def test_each_series_is_one_booking_and_one_calendar_file(built):
    soup = page(built.site, SERIES)
    blocks = soup.select(".series")
    assert [words(b.find("h3")) for b in blocks] == [
        "Series 1 (Derby): a series of 3 sessions", "Series 2 (Melton Mowbray): a series of 3 sessions"]
    for block in blocks:
        assert "You book the whole series at once, and attend every session in it." in words(block)
        # One booking action for the series, none per session; beside it, "Add to calendar".
        (action,) = block.select(".session__action a.md-button--primary")
        assert words(action).startswith("Book a place on Series")
        (calendar,) = block.select(".session__action a:not(.md-button--primary)")
        assert words(calendar).startswith("Add to calendar") and calendar["href"] == "#add-to-calendar"
        assert len(block.select(".series__sessions > li")) == 3
    subject = parse_qs(urlsplit(blocks[0].select_one(".session__action a")["href"]).query)["subject"]
    assert subject == ["Booking: Action learning sets for officers and councillors, Series 1 (Derby): all 3 "
                       "sessions from 4 December 2014"]
    assert "2 places left" in words(blocks[0])  # the fewest places left in any of its sessions
    files = downloads(built.site, SERIES)
    assert list(files) == ["Download Thursday 27 November 2014, 10am to midday only",
                           "Download Series 1 (Derby): all 3 sessions in one calendar file",
                           "Download Series 2 (Melton Mowbray): all 3 sessions in one calendar file"]
    counts = [len(parse_both(path.read_bytes())[0]) for path in files.values()]
    assert counts == [1, 3, 3]
    north, vnorth = parse_both(files["Download Series 1 (Derby): all 3 sessions in one calendar file"].read_bytes())
    assert [str(e["UID"]) for e in north] == [v.uid.value for v in vnorth] == [
        f"life-series.north-{n}@events.example.org" for n in (1, 2, 3)]


def test_the_page_says_which_sessions_are_a_choice(built):
    series_text = words(page(built.site, SERIES).select_one("section[aria-labelledby=dates]"))
    assert ("There are 2 series running side by side. Choose one series: you book once and attend every session in "
            "it. A date listed on its own is complete in itself: book it alone.") in series_text
    alternatives = page(built.site, "events/life-alternatives/")
    assert ("Choose one of these dates: each session is complete in itself, so you book and attend just one."
            in words(alternatives.select_one("section[aria-labelledby=dates]")))
    assert len(alternatives.select(".session .session__action a.md-button--primary")) == 3
    files = downloads(built.site, "events/life-alternatives/")
    assert len(files) == 3
    for path in files.values():
        items, vitems = parse_both(path.read_bytes())
        assert len(items) == len(vitems) == 1  # an alternative downloads alone


# --- who can come, image -----------------------------------------------------------------------

def test_who_can_come_is_shown_before_any_booking_action(built):
    soup = page(built.site, SERIES)
    section = soup.select_one("section[aria-labelledby=who-can-come]")
    assert "Each council nominates one officer and one councillor, who both attend every session of one series." \
        in words(section)
    html = str(soup.select_one(".event"))
    first_action = html.index('class="session__action"')
    assert html.index('id="who-can-come"') < first_action
    assert soup.select_one("#how-to-book").find_next("a")["href"] == "#who-can-come"


def test_the_image_is_on_the_page_in_listings_and_shared_links_and_served_here(built):
    soup = page(built.site, SERIES)
    img = soup.select_one("img.event__image")
    assert img["alt"] == "A set of six people around a table, one of them presenting an issue"
    assert target(built.site, SERIES, img["src"]) == built.site / "images" / "life-series.png"
    assert (built.site / "images" / "life-series.png").read_bytes()[:4] == b"\x89PNG"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:image"] == "https://events.example.org/images/life-series.png"
    assert og["og:image:alt"] == img["alt"]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert {item["image"] for item in data} == {og["og:image"]}
    card = page(built.site, "events/").select_one("img.event-card__image")
    assert card["alt"] == img["alt"]
    # Its size is on both <img>s (the file is 4 by 3 pixels), so the text under it stays put.
    assert (img["width"], img["height"]) == (card["width"], card["height"]) == ("4", "3")
    assert target(built.site, "events/", card["src"]) == built.site / "images" / "life-series.png"
    # Served from the site itself: no image on any page comes from another host.
    for html in built.site.rglob("*.html"):
        for tag in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("img"):
            assert not urlsplit(tag["src"]).netloc, (html, tag["src"])


# --- dates and times to be confirmed ---------------------------------------------------------------

def test_an_event_with_no_dates_offers_to_register_interest_and_is_listed_so(built):
    url = "events/life-to-be-confirmed/"
    soup = page(built.site, url)
    assert words(soup.select_one(".status-banner--to-be-confirmed")).startswith("Dates to be confirmed: spring 2015.")
    action = soup.select_one("section[aria-labelledby=dates] .session__action a")
    assert words(action) == "Register your interest in Scrutiny skills for new councillors"
    assert parse_qs(urlsplit(action["href"]).query)["subject"] == ["Registering interest: Scrutiny skills for new councillors"]
    assert not soup.find(string=lambda s: s and "Book a place" in s)
    assert soup.select_one("#how-to-book") is None and soup.select_one("#register-interest")
    assert soup.find("script", type="application/ld+json") is None
    cards = {words(c.select_one(".event-card__title")): c
             for c in page(built.site, "events/").select("section[aria-labelledby=upcoming] li.event-card")}
    card = cards["Scrutiny skills for new councillors"]
    assert "Date Dates to be confirmed: spring 2015" in words(card)  # the colon comes from CSS
    assert "Booking Register your interest" in words(card)
    assert list(cards)[-1] == "Scrutiny skills for new councillors"  # after the dated events


def test_a_time_to_be_confirmed_is_honest_on_the_page_and_tentative_all_day_in_calendars(built):
    url = "events/life-time-to-be-confirmed/"
    when = page(built.site, url).select_one(".session dl time")
    assert (words(when), when["datetime"]) == ("Thursday 12 February 2015, morning (time to be confirmed)", "2015-02-12")
    for path in (built.site / "events" / "life-time-to-be-confirmed.ics", built.site / "calendar.ics"):
        items, vitems = parse_both(path.read_bytes())
        (item,) = [i for i in items if str(i["UID"]).startswith("life-time-to-be-confirmed.")]
        (vitem,) = [v for v in vitems if v.uid.value == str(item["UID"])]
        assert (item.decoded("DTSTART"), item.decoded("DTEND")) == (dt.date(2015, 2, 12), dt.date(2015, 2, 13))
        assert (vitem.dtstart.value, vitem.dtend.value) == (dt.date(2015, 2, 12), dt.date(2015, 2, 13))
        assert str(item["STATUS"]) == vitem.status.value == "TENTATIVE"


# --- online and hybrid ---------------------------------------------------------------------------

def test_online_and_hybrid_pages_calendars_and_structured_data(built):
    online = page(built.site, "events/life-online/")
    facts = {words(d): words(d.find_next_sibling("dd")) for d in online.select(".session dl dt")}
    assert facts["How to take part"] == "Online, on Microsoft Teams"
    assert facts["Joining online"] == "The joining instructions are sent to you when you book."
    assert "Venue" not in facts
    (item,), (vitem,) = parse_both((built.site / "events" / "life-online.ics").read_bytes())
    assert str(item["LOCATION"]) == vitem.location.value == "Online (Microsoft Teams)"
    ld = json.loads(online.find("script", type="application/ld+json").string)
    assert ld["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert ld["location"]["url"] == SITE_URL + "events/life-online/"
    hybrid = page(built.site, "events/life-hybrid/")
    link = hybrid.select_one(".session dl a[href^='https://teams']")
    assert link["href"] == "https://teams.example.org/l/meetup-join/briefing"  # published: the author chose to
    (item,), _ = parse_both((built.site / "events" / "life-hybrid.ics").read_bytes())
    assert str(item["LOCATION"]) == "Council House, Corporation Street, Derby, DE1 2FS; or online (Microsoft Teams)"
    assert str(item["CONFERENCE"]) == link["href"]
    ld = json.loads(hybrid.find("script", type="application/ld+json").string)
    assert ld["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    # No meeting link is published anywhere for the online-only session.
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".xml", ".json"):
            assert b"teams.example.org/l/meetup-join/online" not in path.read_bytes()


# --- venue access ----------------------------------------------------------------------------------

def test_venue_access_on_the_page_and_in_the_calendar_description(built):
    soup = page(built.site, "events/life-alternatives/")
    section = soup.select_one("section[aria-labelledby=access]")
    lines = [words(li) for li in section.select("#access-derby-council-house ~ ul.access")[0].select("li")]
    assert lines == ["Step-free access", "Accessible toilets", "No hearing loop",
                     "Parking: Blue Badge spaces on Corporation Street; public car park at Bold Lane",
                     "Nearest public transport: Derby bus station, 5 minutes' walk",
                     "A British Sign Language (BSL) interpreter on request: ask when you book",
                     "Other support on request: a quiet room; papers in large print"]
    assert soup.select_one(".session a[href='#access-derby-council-house']")
    items, vitems = parse_both((built.site / "events" / "life-alternatives.ics").read_bytes())
    for item, vitem in zip(items, vitems):
        assert "Access at Council House: Step-free access; Accessible toilets; No hearing loop;" in str(item["DESCRIPTION"])
        assert "Access at Council House: Step-free access" in vitem.description.value


# --- past events, drafts -----------------------------------------------------------------------------

def test_a_past_event_stays_as_an_archive_with_no_booking_action(built):
    soup = page(built.site, "events/life-past/")
    event = soup.select_one(".event")
    assert "This event has taken place." in words(event.select_one(".status-banner--past"))
    assert "Thursday 5 June 2014, 10am to 1pm, East Midlands Councils: this session has taken place." in inline(
        event.select_one("#past-dates").find_next("ul"))
    assert event.select(".session__action, .calendar-links, #how-to-book") == []
    hrefs = [a["href"] for a in event.find_all("a", href=True)]
    assert not [h for h in hrefs if h.startswith(("mailto:", "tel:", "https://example.org/book"))]
    past = [words(c.select_one(".event-card__title"))
            for c in page(built.site, "events/").select("section[aria-labelledby=past] details li.event-card")]
    assert "Summer taster 2014" in past


def test_a_draft_is_not_published_anywhere(built):
    assert not (built.site / "events" / "life-draft").exists()
    assert not (built.site / "events" / "life-draft.ics").exists()
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".xml", ".json"):
            assert b"life-draft" not in path.read_bytes(), path


def test_a_preview_shows_drafts_with_a_banner_and_a_strict_build_refuses_it(tmp_path):
    project = add_fixtures(copy_project(tmp_path / "preview"))
    strict = run_build(project, EVENTS_PDF="no", EVENTS_DRAFTS="yes")
    assert strict.returncode != 0
    assert "Showing drafts (EVENTS_DRAFTS=yes): events/life-draft.yml" in strict.stdout + strict.stderr
    preview = subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, capture_output=True, text=True,
                             env=build_env(EVENTS_PDF="no", EVENTS_DRAFTS="yes"), timeout=300)
    assert preview.returncode == 0, preview.stderr
    soup = page(project / "site", "events/life-draft/")
    assert inline(soup.select_one(".draft-banner")).startswith("Draft: this page is not published.")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    cards = [c for c in page(project / "site", "events/").select("li.event-card") if "(draft)" in words(c)]
    assert len(cards) == 1
    # Even in a preview, feeds are publications: no draft in them.
    assert b"life-draft" not in (project / "site" / "calendar.ics").read_bytes()
    assert b"life-draft" not in (project / "site" / "feed.xml").read_bytes()


# --- calendar note, accessibility statement -----------------------------------------------------------

def test_near_every_calendar_link_a_line_says_downloads_do_not_update_and_subscribing_does(built):
    checked = 0
    for html in sorted(built.site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select(".calendar-links"):
            note = block.select_one(".calendar-note")
            assert note, html
            assert "does not change if the event does" in words(note)
            assert note.find("a", string="subscribe to a calendar")
            checked += 1
    assert checked >= 6
    calendars = words(page(built.site, "calendars/").select_one(".md-content"))
    assert "A file you download instead is a copy: it does not change when events do." in calendars


def test_every_page_links_the_accessibility_statement_from_its_footer(built):
    pages_checked = 0
    for html in sorted(built.site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("footer .footer-links a")
        assert link and words(link) == "Accessibility statement", html
        assert target(built.site, html.parent.relative_to(built.site).as_posix() + "/", link["href"]) == (
            built.site / "accessibility" / "index.html") or html.name == "404.html", html
        pages_checked += 1
    assert pages_checked > 10
    statement = page(built.site, "accessibility/")
    text = words(statement.select_one(".md-content"))
    assert words(statement.find("h1")) == "Accessibility statement for Action learning events (example site)"
    assert "This website is run by East Midlands Councils (example)." in text
    assert "This website is fully compliant with the WCAG 2.2 AA standard." in text
    assert "This website was last tested on 20 November 2014 against the WCAG 2.2 AA standard." in text
    assert statement.select_one("a[href='mailto:accessibility@example.org']")
    assert "Equality and Human Rights Commission" in text


def test_a_site_that_writes_its_own_statement_keeps_it_and_one_without_settings_has_no_link(tmp_path):
    own = copy_project(tmp_path / "own")
    (own / "docs" / "accessibility.md").write_text("# Our accessibility statement\n\nWritten by us.\n",
                                                   encoding="utf-8")
    build_ok(own, EVENTS_PDF="no")
    assert "Written by us." in (own / "site" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert page(own / "site", "events/").select_one("footer a[href$='accessibility/']")
    bare = copy_project(tmp_path / "bare")
    config = bare / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("    # The accessibility statement")
    end = text.index("\nnav:")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    build_ok(bare, EVENTS_PDF="no")
    assert not (bare / "site" / "accessibility").exists()
    assert page(bare / "site", "events/").select_one("footer a[href$='accessibility/']") is None


def test_bad_statement_settings_stop_the_build_and_make_check_with_their_line(tmp_path):
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("compliance: full", "compliance: partly"),
                      encoding="utf-8")
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "compliance:" in text)
    expected = (f"mkdocs.yml:{line}: extra.events.accessibility.compliance: 'partly' is not allowed (did you mean "
                "partial?); expected one of full, partial")
    result = run_build(project, EVENTS_PDF="no")
    assert result.returncode != 0 and expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    check = run_cli(project, "check")
    assert check.returncode == 1 and expected in check.stdout


# --- make check: deleting, or unpublishing, what people have in their calendars ---------------------

def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTS_TODAY", "PYTHONPATH")}
    return subprocess.run([sys.executable, str(CLI), "-f", str(project / "mkdocs.yml"), *args],
                          capture_output=True, text=True, timeout=60, env=env)


def committed(project: Path) -> Path:
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return project


def test_make_check_and_the_build_refuse_making_a_published_event_a_draft_while_sessions_are_to_come(tmp_path):
    project = committed(copy_project(tmp_path / "site"))
    path = project / "events" / "action-planning-for-councillors.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("example: yes", "draft: yes\nexample: yes"),
                    encoding="utf-8")
    expected = "events/action-planning-for-councillors.yml:4: draft: was published with sessions to come (11 December 2014)"
    result = run_cli(project, "check")
    assert result.returncode == 1 and expected in result.stdout
    build = run_build(project, EVENTS_PDF="no")
    assert build.returncode != 0 and expected in build.stdout + build.stderr
    # A new file that starts as a draft is fine, and so is deleting it.
    shutil.copy2(FIXTURES / "life-draft.yml", project / "events" / "life-draft.yml")
    path.write_text(path.read_text(encoding="utf-8").replace("draft: yes\n", ""), encoding="utf-8")
    assert run_cli(project, "check").returncode == 0
    committed_again = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*committed_again, "add", "-A"], check=True)
    subprocess.run([*committed_again, "commit", "-qm", "draft"], check=True)
    (project / "events" / "life-draft.yml").unlink()
    assert run_cli(project, "check").returncode == 0


def test_programme_calendar_links_carry_the_line_too(tmp_path):
    project = copy_project(tmp_path / "site")
    build_ok(project, EVENTS_PDF="no", EVENTS_TODAY="2010-01-20")  # before the programme's dates
    soup = page(project / "site", "programmes/action-learning-ambassadors/")
    links = soup.select("a[download$='.ics']")
    assert links
    for link in links:
        option = link.find_parent(class_="option") or link.find_parent("section") or soup
        note = link.find_next(class_="calendar-note")
        assert note is not None and option in note.parents, link["href"]
        assert "does not change if the event does" in words(note)
