"""What real announcements showed, each fixed and kept fixed: one build of the example site with
such files beside it, read back, plus the pure stages where the rule lives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import TASTER, build_ok, copy_project, joined, load_event, load_folder

from eventsite.outputs import atom, calendar, pages, structured

TODAY = dt.date(2014, 11, 20)
HEAD = TASTER.split("sessions:")[0]

FILES = {
    # A heading in the body, and a first session that is cancelled.
    "with-heading.yml": """\
title: Budget scrutiny
summary: Two dates; the first is off.
organiser: east-midlands-councils
sessions:
  - id: first
    start: 2014-12-02 10:00
    end: 12:00
    venue: emc-melton
    status: cancelled
  - id: second
    start: 2014-12-09 10:00
    end: 12:00
    venue: emc-melton
booking:
  email: events@example.org
body: |
  ## What to bring

  Your council's budget papers.
""",
    # No date yet, booking by a web form only, no body.
    "no-dates.yml": """\
title: Chairing skills
summary: Dates to follow.
organiser: east-midlands-councils
dates_to_be_confirmed: spring 2015
booking:
  url: https://example.org/register
""",
    # Every session in another zone.
    "new-york.yml": """\
title: Transatlantic exchange
summary: An exchange with a US city.
organiser: east-midlands-councils
timezone: America/New_York
sessions:
  - id: only
    start: 2014-12-04 10:00
    end: 12:00
    venue: emc-melton
booking:
  email: events@example.org
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("real"))
    for name, text in FILES.items():
        (project / "events" / name).write_text(text, encoding="utf-8")
    build_ok(project, EVENTS_TODAY=TODAY.isoformat(), EVENTS_PDF="no")
    return project / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_heading_in_the_body_gives_no_label_without_its_control(site):
    page = soup(site, "events/with-heading")
    assert page.find("h2", string="What to bring") is not None
    for label in page.find_all("label"):
        assert page.find(id=label["for"]) is not None, label


def test_listings_show_the_next_session_going_ahead_not_a_cancelled_first_one(site):
    card = next(li for li in soup(site, "events").select("li") if "Budget scrutiny" in li.get_text())
    assert "Tuesday 9 December 2014" in card.get_text(" ")
    assert "Tuesday 2 December 2014" not in card.get_text(" ")


def test_no_empty_about_section_without_a_body(site):
    assert soup(site, "events/no-dates").find(id="about") is None
    assert soup(site, "events/with-heading").find(id="about") is not None


def test_an_event_with_no_dates_has_no_empty_calendar_file(site):
    assert not (site / "events" / "no-dates.ics").exists()
    assert (site / "events" / "with-heading.ics").exists()


def test_the_register_interest_sentence_has_a_verb_with_only_a_web_form(site):
    text = " ".join(soup(site, "events/no-dates").get_text(" ").split())
    assert "To hear when they are, fill in the online form" in text


def test_another_zone_is_named_in_listings_and_shared_descriptions(site):
    card = next(li for li in soup(site, "events").select("li") if "Transatlantic" in li.get_text())
    assert "America/New_York time" in card.get_text(" ")
    page = soup(site, "events/new-york")
    for meta in (page.find("meta", attrs={"name": "description"}), page.find("meta", property="og:description")):
        assert "America/New_York time" in meta["content"]


def test_an_event_file_in_another_zone_carries_no_unused_london_zone(site):
    data = (site / "events" / "new-york.ics").read_bytes()
    assert icalendar.Calendar.from_ical(data).walk("VTIMEZONE") == []
    start = vobject.readOne(data.decode()).vevent.dtstart.value
    assert start == dt.datetime(2014, 12, 4, 15, 0, tzinfo=dt.timezone.utc)
    # Feeds still carry the site's zone, as every feed does.
    assert b"TZID:Europe/London" in (site / "calendar.ics").read_bytes()


def test_a_cancelled_session_tells_whom_to_ask_not_how_to_book(tmp_path):
    event = load_event(tmp_path, joined(HEAD, """\
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
            status: cancelled
        booking:
          email: events@example.org
          closes: 2014-12-01
        """))
    data = calendar.event_calendar(event, page_url=None, uid_domain="x.org", today=TODAY)
    description = str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])
    assert "To book" not in description and "Booking closes" not in description
    assert "Questions: events@example.org" in description


def test_structured_data_names_the_town_not_the_county(tmp_path):
    catalogue = load_folder(tmp_path, {"t.yml": TASTER, "_venues.yml": """\
        melton:
          name: Pera Business Park
          address: [Nottingham Road, Melton Mowbray, Leicestershire]
          postcode: LE13 0PB
        derby:
          name: Council House
          address: [Corporation Street, Derby]
          postcode: DE1 2FS
        hall:
          name: Guildhall
          address: [Market Square, Leicestershire]
          town: Loughborough
          postcode: LE11 3EB
        """})
    (event,) = catalogue.events
    data = json.loads(structured.event_json_ld(event, "https://x.org/e/", TODAY, None))
    found = data if isinstance(data, list) else [data]
    address = next(d for d in found if d.get("@type") == "Event")["location"]["address"]
    assert address["addressLocality"] == "Melton Mowbray"
    assert address["streetAddress"] == "Nottingham Road"
    assert catalogue.venues["derby"].locality == "Derby"
    assert catalogue.venues["hall"].locality == "Loughborough"


def test_the_atom_feed_does_not_say_every_event_changed_on_every_build(tmp_path):
    event = load_event(tmp_path, TASTER)
    assert event.updated is None
    rows = [(event, "https://x.org/events/taster/")]
    one = atom.atom_feed(rows, title="t", feed_url="https://x.org/feed.xml", site_url="https://x.org/", today=TODAY)
    two = atom.atom_feed(rows, title="t", feed_url="https://x.org/feed.xml", site_url="https://x.org/",
                         today=TODAY + dt.timedelta(days=1))
    assert one == two
    stamp = dt.datetime(2014, 11, 3, 9, 30, tzinfo=dt.timezone.utc)
    with_history = atom.atom_feed(rows, title="t", feed_url="https://x.org/feed.xml", site_url="https://x.org/",
                                  today=TODAY, stamps={"taster": stamp})
    assert b"<updated>2014-11-03T09:30:00Z</updated>" in with_history


def test_pure_listing_prefers_the_next_session_going_ahead(tmp_path):
    text = joined(HEAD, """\
        sessions:
          - id: off
            start: 2014-12-02 10:00
            end: 12:00
            venue: melton
            status: cancelled
          - id: on
            start: 2014-12-09 10:00
            end: 12:00
            venue: melton
        """)
    event = load_event(tmp_path, text)
    assert pages.next_session(event, TODAY).id == "on"
    # Only cancelled sessions to come: the listing shows the first, and says it is cancelled.
    assert pages.next_session(event, dt.date(2014, 12, 3)).id == "on"
