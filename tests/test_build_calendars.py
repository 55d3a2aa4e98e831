"""A real build of the example site: feeds, add-to-calendar links, structured data and sharing tags."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project

EVENT_PAGE = "events/action-planning-for-councillors/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("calendars"))
    build_ok(project)
    return project / "site"


def _soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_site_feed_is_subscribable_and_read_by_two_parsers(site):
    data = (site / "calendar.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Action learning events (example site)"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in data
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert uids == ["action-planning-for-councillors.taster-2014-12@events.example.org"]
    assert vobject.readOne(data.decode()).vevent.uid.value == uids[0]
    assert (site / "calendars/organiser-east-midlands-councils.ics").exists()


def test_calendars_page_offers_webcal_and_https(site):
    soup = _soup(site, "calendars/index.html")
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert "webcal://events.example.org/calendar.ics" in hrefs
    assert "https://events.example.org/calendar.ics" in soup.get_text()
    for heading in ("Outlook", "Google Calendar", "Apple Calendar (iPhone, iPad, Mac)"):
        assert soup.find("h3", string=heading)


def test_event_page_links_to_every_calendar_service(site):
    soup = _soup(site, EVENT_PAGE)
    block = soup.select_one(".calendar-links")
    links = {a.get_text(" ", strip=True).split(" (")[0]: a for a in block.find_all("a")}
    download = block.find("a", download=True)
    assert download["href"].endswith("action-planning-for-councillors.ics")
    hosts = [a["href"].split("/")[2] for a in block.find_all("a") if a["href"].startswith("https://")]
    assert hosts == ["calendar.google.com", "outlook.live.com", "outlook.office.com"]
    # Plain links: no script, reachable with Tab (no tabindex taking them out of the order).
    assert all(not a.get("tabindex") and not a.get("onclick") for a in links.values())


def test_event_page_structured_data_and_sharing_tags(site):
    soup = _soup(site, EVENT_PAGE)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2014-12-11T10:00+00:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["offers"]["price"] == "0.00"
    assert data["url"] == "https://events.example.org/events/action-planning-for-councillors/"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:title"] == "Action planning for councillors using action learning"
    assert og["og:description"].startswith("Thursday 11 December 2014, 10am to 1pm. A free half-day")
    assert og["og:url"] == data["url"]


def test_atom_feed_lists_the_event(site):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["Action planning for councillors using action learning"]
    assert root.find("a:entry/a:updated", ns).text == "2014-11-03T00:00:00Z"
