"""Programmes are first-class in calendars and search engines: an option's fixed dates are in the
subscribable feeds (site, organiser, tag), follow edits by themselves as sessions do, and each
brochure carries schema.org Course data with its offers and dated instances."""

from __future__ import annotations

import json

import icalendar
import vobject
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project

from test_history_build import Repo

BEFORE = "2010-01-15"  # before the seed programme's dates (February and March 2010)
UID = "action-learning-ambassadors.proposal-1.consolidation@events.example.org"
PROGRAMME = "events/action-learning-ambassadors.yml"


def feed(site, name: str) -> dict:
    data = (site / name).read_bytes()
    first = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    second = {e.uid.value: e for e in getattr(vobject.readOne(data.decode()), "vevent_list", [])}
    assert set(first) == set(second)
    return first


def test_fixed_dates_are_in_the_feeds_and_choices_are_not(tmp_path):
    project = copy_project(tmp_path / "site")
    build_ok(project, EVENTS_TODAY=BEFORE, EVENTS_PDF="no")
    site = project / "site"
    everything = feed(site, "calendar.ics")
    assert UID in everything
    assert everything[UID].decoded("DTSTART").isoformat() == "2010-03-04"
    assert not any(".initial." in uid for uid in everything)  # a choice is added day by day by a delegate
    assert UID in feed(site, "calendars/organiser-ssc-ml-programme.ics")
    # Long after its dates (plus feed_keep_past_days) it has left the feeds.
    build_ok(project, EVENTS_TODAY="2014-11-20", EVENTS_PDF="no")
    assert UID not in feed(project / "site", "calendar.ics")


def test_a_brochure_carries_course_data_with_offers_and_dated_instances(tmp_path):
    project = copy_project(tmp_path / "site")
    build_ok(project, EVENTS_TODAY=BEFORE, EVENTS_PDF="no")
    page = BeautifulSoup((project / "site/programmes/action-learning-ambassadors/index.html").read_text("utf-8"),
                         "html.parser")
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    courses = [c for block in blocks for c in (block if isinstance(block, list) else [block])
               if c.get("@type") == "Course"]
    assert [c["name"].rsplit(": ", 1)[1] for c in courses] == ["Proposal 1", "Proposal 2"]
    first = courses[0]
    assert first["provider"]["name"] == "All sector M&L programme for Sector Skills Councils"
    assert {o["price"] for o in first["offers"]} == {"950.00", "884.00"}
    assert next(o for o in first["offers"] if o["price"] == "950.00")["priceSpecification"][
        "valueAddedTaxIncluded"] is False
    instances = {i["name"]: (i["startDate"], i["endDate"]) for i in first["hasCourseInstance"]}
    assert instances["Proposal 1: Final consolidation session"] == ("2010-03-04", "2010-03-05")
    assert instances["Proposal 1: Initial session"] == ("2010-02-08", "2010-02-11")


def test_moving_a_programmes_dates_raises_sequence_by_itself(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.build(EVENTS_TODAY=BEFORE)
    assert int(feed(repo.path / "site", "calendar.ics")[UID]["SEQUENCE"]) == 0
    repo.edit(PROGRAMME, "dates: [2010-03-04, 2010-03-05]", "dates: [2010-03-11, 2010-03-12]")
    repo.commit("A week later")
    repo.build(EVENTS_TODAY=BEFORE)
    moved = feed(repo.path / "site", "calendar.ics")[UID]
    assert int(moved["SEQUENCE"]) == 1 and moved.decoded("DTSTART").isoformat() == "2010-03-11"
    option = icalendar.Calendar.from_ical(
        next((repo.path / "site" / "programmes").rglob("*proposal-1*.ics")).read_bytes()).walk("VEVENT")
    assert [int(e["SEQUENCE"]) for e in option if str(e["UID"]) == UID] == [1]


def test_a_brochure_offers_its_action_until_its_dates_have_passed(tmp_path):
    project = copy_project(tmp_path / "site")
    build_ok(project, EVENTS_TODAY=BEFORE, EVENTS_PDF="no")
    path = project / "site/programmes/action-learning-ambassadors/index.html"
    action = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one(".brochure__action a")
    # The seed asks SSCs to reply to its proposal (its call to action names whom to email).
    assert action.get_text(" ", strip=True).startswith("Reply to this proposal")
    assert action["href"].startswith("mailto:") and "subject=Reply%3A%20Action%20Learning" in action["href"]
    build_ok(project, EVENTS_TODAY="2014-11-20", EVENTS_PDF="no")
    assert BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one(".brochure__action") is None
