"""Events as organisations really announce them, built for real and read back: the fixtures in
tests/fixtures/announcements/ (details still to come, whole days, agendas, parallel sets, Welsh)
in a copy of the example site. HTML is read with a parser, .ics with two parsers, JSON-LD parsed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import HERE, build_ok, copy_project

FIXTURES = HERE / "fixtures" / "announcements"
TODAY = "2014-11-20"
PLACEHOLDERS = ("TBC", "TBA", "to be confirmed,", "Online, on Online", "Online (Online)")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("announcements"))
    for fixture in FIXTURES.glob("ann-*.yml"):
        shutil.copy2(fixture, project / "events" / fixture.name)
    venues = project / "events" / "_venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8") + (FIXTURES / "venues.yml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    build_ok(project, EVENTS_TODAY=TODAY, EVENTS_PDF="no")
    return project


def page(project: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / "events" / slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def entries(project: Path, name: str) -> dict:
    """Each VEVENT by UID, read by icalendar and checked against vobject."""
    data = (project / "site" / name).read_bytes()
    first = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    second = {e.uid.value: e for e in getattr(vobject.readOne(data.decode("utf-8")), "vevent_list", [])}
    assert set(first) == set(second)
    for uid, item in first.items():
        assert item.decoded("DTSTART") == second[uid].dtstart.value
    return first


def json_ld(soup: BeautifulSoup) -> list[dict]:
    found = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found += data if isinstance(data, list) else [data]
    return found


def test_details_still_to_come_are_said_once_and_never_as_a_placeholder(project):
    soup = page(project, "ann-details-to-come")
    text = words(soup.find(class_="event"))
    assert ("Still to be confirmed: the venue (in Melton Mowbray), the time, how to book. This page will be "
            "updated; register your interest to hear when booking opens.") in text
    assert "Thursday 22 January 2015, morning (time to be confirmed)" in text
    assert "Where Melton Mowbray" in text
    assert soup.find("a", string=lambda s: s and "OpenStreetMap" in s) is None  # no map without an address
    assert "Book a place" not in text
    action = soup.select_one(".session__action a.md-button--primary")
    assert action.get_text(" ", strip=True).startswith("Register your interest")
    assert action["href"].startswith("mailto:events@example.org?subject=Registering%20interest")
    assert soup.select("ul.booking") == []  # no empty "how to book" list
    assert text.count("Places") == 1 and "Limited to 12 places" in text
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text
    # Search engines get only what is known: no Event without a place.
    assert json_ld(soup) == []
    (item,) = entries(project, "events/ann-details-to-come.ics").values()
    assert str(item["LOCATION"]) == "Melton Mowbray"
    assert item.decoded("DTSTART") == dt.date(2015, 1, 22) and str(item["STATUS"]) == "TENTATIVE"
    assert "Still to be confirmed: the venue (in Melton Mowbray), how to book" in str(item["DESCRIPTION"])
    assert "TBC" not in str(item["DESCRIPTION"])
    og = soup.find("meta", property="og:description")["content"]
    assert og.startswith("Thursday 22 January 2015, morning (time to be confirmed). ")


def test_an_online_session_whose_platform_is_not_chosen_says_online_once(project):
    soup = page(project, "ann-online-platform-to-come")
    text = words(soup.find(class_="event"))
    assert "Still to be confirmed: the online platform." in text
    assert "How to take part Online (the platform is to be confirmed)" in text
    assert "Booking opens on Monday 1 December 2014." in text
    (item,) = entries(project, "events/ann-online-platform-to-come.ics").values()
    assert str(item["LOCATION"]) == "Online"
    (event,) = json_ld(soup)
    assert event["location"]["@type"] == "VirtualLocation" and event["offers"]["availability"].endswith("PreSale")


def test_whole_days_and_the_same_times_each_day(project):
    soup = page(project, "ann-residential")
    text = words(soup.find(class_="event"))
    assert "Monday 15 to Wednesday 17 June 2015" in text
    assert "Monday 6 to Wednesday 8 July 2015, 9:30am to 4:30pm each day" in text
    found = entries(project, "events/ann-residential.ics")
    block = found["ann-residential.residential@events.example.org"]
    assert block.decoded("DTSTART") == dt.date(2015, 6, 15)
    assert block.decoded("DTEND") == dt.date(2015, 6, 18)  # exclusive: the day after the last
    daily = found["ann-residential.follow-up@events.example.org"]
    assert daily.decoded("DTSTART").hour == 9 and daily.decoded("DTEND").date() == dt.date(2015, 7, 6)
    assert daily["RRULE"]["FREQ"] == ["DAILY"] and daily["RRULE"]["COUNT"] == [3]
    links = [a["href"] for a in soup.select(".calendar-links a")]
    google = next(h for h in links if "calendar.google.com" in h and "20150615" in h)
    assert "dates=20150615%2F20150618" in google
    outlook = next(h for h in links if "outlook.live.com" in h and "2015-06-15" in h)
    assert "allday=true" in outlook and "enddt=2015-06-18" in outlook
    assert any("recur=RRULE%3AFREQ%3DDAILY%3BCOUNT%3D3" in h for h in links)
    dates = {(e["startDate"], e["endDate"]) for e in json_ld(soup)}
    assert ("2015-06-15", "2015-06-17") in dates


def test_sessions_with_their_own_title_and_agenda(project):
    soup = page(project, "ann-launch-and-finale")
    launch = soup.find(id="session-launch")
    assert words(launch.select_one(".session__title")) == "Launch"
    agenda = [words(li) for li in launch.select("ol.agenda li")]
    assert agenda == ["10am Welcome and introductions", "11am What we want to change : each council's issue, in five minutes",
                      "1pm Lunch"]
    assert launch.select_one("ol.agenda time")["datetime"] == "10:00"
    found = entries(project, "events/ann-launch-and-finale.ics")  # one series: the event's own file
    item = found["ann-launch-and-finale.launch@events.example.org"]
    assert str(item["SUMMARY"]) == "Leading change programme: Launch"
    assert "10am: Welcome and introductions" in str(item["DESCRIPTION"])
    names = {e["name"] for e in json_ld(soup)}
    assert "Leading change programme: Finale with lunch" in names


def test_parallel_sets_each_with_its_facilitator_places_and_calendar(project):
    soup = page(project, "ann-parallel-sets")
    text = words(soup.find(class_="event"))
    assert "One officer and one councillor per council, attending all three meetings of one set" in text
    set_a, set_b = soup.find(id="series-set-a"), soup.find(id="series-set-b")
    assert "Facilitated by Jo Smith, Action Learning Associates." in words(set_a)
    assert "Limited to 8 places" in words(set_a)
    assert "2 of 6 places left" in words(set_b) and "Facilitated by Sam Patel." in words(set_b)
    assert "Loughborough" in words(set_b)
    for name in ("set-a", "set-b"):
        found = entries(project, f"events/ann-parallel-sets/series-{name}.ics")
        assert len(found) == 3 and all(uid.split(".")[1][0] == name[-1] for uid in found)


def test_text_in_another_language_carries_its_lang(project):
    soup = page(project, "ann-welsh")
    assert soup.html["lang"] == "en"  # the site's own language (theme.language in mkdocs.yml)
    welsh = soup.find(id="session-cymraeg")
    assert welsh.select_one(".session__title")["lang"] == "cy"
    assert welsh.select_one(".session__summary")["lang"] == "cy"
    assert "Held in Welsh (Cymraeg)" in words(welsh)
    assert welsh.find("span", lang="cy").get_text(strip=True).startswith("Canolfan y Celfyddydau")
    assert soup.find("h3", lang="cy").get_text(strip=True) == "Canolfan y Celfyddydau"
    english = soup.find(id="session-english")
    assert english.select_one(".session__title") is None and "Held in" not in words(english)
    assert {e.get("inLanguage") for e in json_ld(soup)} == {None, "cy"}


def test_search_finds_events_by_title_date_venue_town_and_organiser(project):
    docs = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_page = {}
    for doc in docs:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    details = " ".join(by_page["events/ann-details-to-come/"])
    for term in ("Scrutiny in practice", "Thursday 22 January 2015", "Melton Mowbray", "East Midlands Councils"):
        assert term in details, term
    welsh = " ".join(by_page["events/ann-welsh/"])
    assert "Canolfan y Celfyddydau" in welsh and "Aberystwyth" in welsh and "Sesiwn Gymraeg" in welsh
    # The page itself shows the body once (the search text is not on the page).
    soup = page(project, "action-planning-for-councillors")
    assert len(soup.select(".event__body")) == 1


def test_make_check_lists_what_is_still_to_be_confirmed(project):
    result = subprocess.run([sys.executable, str(project / "hooks" / "eventsite" / "cli.py"), "check"],
                            cwd=project, capture_output=True, text=True, env={"EVENTS_TODAY": TODAY, "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("note: events/ann-details-to-come.yml: still to be confirmed: the venue (in Melton Mowbray), the "
            "time, how to book") in result.stdout
    assert "note: events/ann-online-platform-to-come.yml: still to be confirmed: the online platform" in result.stdout
    assert "ann-residential" not in result.stdout


def test_every_calendar_file_is_valid_in_two_parsers(project):
    for path in sorted((project / "site").rglob("*.ics")):
        entries(project, path.relative_to(project / "site").as_posix())
