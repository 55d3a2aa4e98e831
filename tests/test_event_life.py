"""The whole life of an event, stage by stage: drafts, dates and times to be confirmed, online and
hybrid sessions, series and alternatives, who can come, venue access, images, the accessibility
statement. Golden error messages first, then what pages say, then the .ics read back with
icalendar and vobject, then the structured data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from textwrap import dedent
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import vobject
import yaml

from conftest import EXPLAINERS, TASTER, joined, load_event, load_folder, problems_in, write_folder
from eventsite.model import series
from eventsite.outputs import calendar, calendar_links, pages, statement, structured
from eventsite.reading import drafts, retired
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

BEFORE = dt.date(2014, 11, 20)
PAGE = "https://events.example.org/events/taster/"
HEAD = TASTER.split("sessions:")[0]
F = "events/x.yml"

ACCESS_VENUES = """\
    melton:
      name: Pera Business Park
      address: [Nottingham Road, Melton Mowbray]
      postcode: LE13 0PB
    derby:
      name: Council House
      address: [Corporation Street, Derby]
      postcode: DE1 2FS
      access:
        step_free: yes
        accessible_toilets: yes
        hearing_loop: no
        parking: Blue Badge spaces by the door
        public_transport: Derby bus station, 5 minutes' walk
        bsl_on_request: yes
        other_support: a quiet room
    """


def event_of(tmp_path, text: str, **files):
    folder = write_folder(tmp_path, {"x.yml": text, **files})
    (event,) = load_catalogue(folder, EXPLAINERS).events
    return event


def sessions(*blocks: str) -> str:
    return "sessions:\n" + "".join(dedent(b) for b in blocks)


# --- golden messages ---------------------------------------------------------------------------

CASES = [
    ("date-alone-without-time-to-be-confirmed", joined(HEAD, """\
        sessions:
          - id: one
            start: 2015-02-12
            end: 13:00
            venue: melton
        """), [
        # A day alone is a time to be confirmed, but then an end time cannot be known either.
        f"{F}:7: sessions[1].end: gives a time, but start: gives only the day (2015-02-12); give both with "
        "times (start: 2015-06-15 09:30, end: 16:30), both as days for whole days (end: 2015-06-17), or "
        "leave end: out while the time is not known",
    ]),
    ("time-to-be-confirmed-but-a-time-given", joined(HEAD, """\
        sessions:
          - id: one
            start: 2015-02-12 10:00
            time_to_be_confirmed: yes
            venue: melton
        """), [
        f"{F}:7: sessions[1].time_to_be_confirmed: says the time is not known, but start: gives 10:00; "
        "give start: as the date alone (start: 2015-02-12), or remove time_to_be_confirmed:",
    ]),
    ("end-with-time-to-be-confirmed", joined(HEAD, """\
        sessions:
          - id: one
            start: 2015-02-12
            end: 13:00
            time_to_be_confirmed: morning
            venue: melton
        """), [
        f"{F}:7: sessions[1].end: is for a session whose time is known; leave it out while "
        "time_to_be_confirmed: is set, and give start: and end: times once the time is known",
    ]),
    ("area-beside-a-venue", joined(HEAD, """\
        sessions:
          - id: one
            start: 2015-02-12 10:00
            end: 13:00
            venue: melton
            area: TBC
        """), [
        f"{F}:9: sessions[1].area: 'TBC' says it is not known yet; leave area: out until the town is known",
        f"{F}:9: sessions[1].area: is for a session whose venue is not chosen yet; the venue says where it "
        "is, so remove area:",
    ]),
    ("online-without-platform-or-safe-link", joined(HEAD, """\
        sessions:
          - id: one
            start: 2015-02-12 10:00
            end: 13:00
            online:
              public_link: javascript:alert(1)
        """), [
        f"{F}:9: sessions[1].online.public_link: 'javascript:alert(1)' is not a web address; expected a "
        "web address starting https:// (or http://)",
    ]),
    ("no-sessions-and-dates-confirmed", joined(HEAD, "dates_to_be_confirmed: no\n"), [
        f"{F}:1: sessions: is missing; add it (a list of a set of fields (key: value lines, indented under "
        "this one), e.g. sessions: (a list of sessions, each starting '- id:'))",
    ]),
    ("series-mistakes", joined(HEAD, """\
        series:
          - id: spring
            title: Spring series
          - id: spring
            title: Again
          - id: autumn
            title: Autumn series
        sessions:
          - id: one
            start: 2015-02-12 10:00
            end: 13:00
            venue: melton
            series: sprung
          - id: two
            start: 2015-03-12 10:00
            end: 13:00
            venue: melton
            series: spring
        """), [
        f"{F}:7: series[2].id: 'spring' is already used by series[1]; each series needs its own id",
        f"{F}:9: series[3]: no session is in the series 'autumn'; add series: autumn to each of its "
        "sessions, or remove the series",
        f"{F}:16: sessions[1].series: 'sprung' is not a series of this event (series: spring, autumn); add "
        "it under series: at the top of the file, with an id and a title, or correct the name",
    ]),
    ("image-mistakes", joined(TASTER, """\
        image:
          src: https://cdn.example.com/taster.jpg
          alt: taster.jpg
        """), [
        f"{F}:10: image.src: 'https://cdn.example.com/taster.jpg' is a web address; put the file in "
        "docs/images/ and give its path from docs/, e.g. images/taster.jpg (the site serves its own "
        "images, so visitors' browsers contact no one else)",
    ]),
    ("image-outside-docs-and-not-an-image", joined(TASTER, """\
        image:
          src: ../secret/photo.jpg
          alt: A photo
        eligibility: []
        """), [
        f"{F}:10: image.src: '../secret/photo.jpg' is not a path inside docs/; give the path from docs/, "
        "e.g. images/taster.jpg",
        f"{F}:12: eligibility: has 0 items; expected at least 1",
    ]),
    ("image-not-an-image-file", joined(TASTER, """\
        image:
          src: images/programme.pdf
          alt: The programme
        """), [
        f"{F}:10: image.src: 'images/programme.pdf' is not an image file; expected a file ending .jpg, "
        ".jpeg, .png, .webp, .gif, .svg",
    ]),
    ("draft-is-yes-or-no", joined(TASTER, "draft: maybe\n"), [
        f"{F}:9: draft: 'maybe' is not yes or no; expected yes or no",
    ]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_located_problems(tmp_path, text, expected):
    assert problems_in(write_folder(tmp_path, {"x.yml": text})) == expected


def test_an_image_must_be_a_file_the_site_serves_and_its_alt_text_must_describe_it(tmp_path):
    folder = write_folder(tmp_path, {"x.yml": joined(TASTER, """\
        image:
          src: images/Taster.jpg
          alt: IMG_0042.JPG
        """)})
    with pytest.raises(InvalidSources) as info:
        load_catalogue(folder, EXPLAINERS, site_files=frozenset({"images/taster.jpg", "index.md"}))
    assert [str(p) for p in info.value.problems] == [
        f"{F}:10: image.src: 'images/Taster.jpg' is not a file in docs/ (images there: images/taster.jpg); "
        "put the image at docs/images/Taster.jpg, or correct the path",
        f"{F}:11: image.alt: 'IMG_0042.JPG' does not say what the image shows; describe it in a sentence, "
        "as you would to someone on the phone",
    ]
    good = write_folder(tmp_path / "good", {"x.yml": joined(TASTER, """\
        image:
          src: /images/taster.jpg
          alt: Six councillors around a table
        """)})
    (event,) = load_catalogue(good, EXPLAINERS, site_files=frozenset({"images/taster.jpg"})).events
    assert (event.image.src, event.image.alt) == ("images/taster.jpg", "Six councillors around a table")


def test_venue_access_fields_are_typed(tmp_path):
    folder = write_folder(tmp_path, {"_venues.yml": ACCESS_VENUES.replace("hearing_loop: no", "hearing_loop: sometimes")
                                     .replace("bsl_on_request: yes", "bsl_on_requst: yes"), "x.yml": TASTER})
    assert problems_in(folder) == [
        "events/_venues.yml:12: derby.access.hearing_loop: 'sometimes' is not yes or no; expected yes or no",
        "events/_venues.yml:15: derby.access.bsl_on_requst: unknown field; did you mean bsl_on_request?",
    ]


def test_old_event_files_load_as_before(tmp_path):
    event = load_event(tmp_path, TASTER)
    (session,) = event.sessions
    assert (event.draft, event.dates_to_be_confirmed, event.series, event.eligibility, event.image) == (
        False, False, (), (), None)
    assert (session.attendance, session.time_known, session.series, session.online) == ("in-person", True, None, None)


# --- drafts ------------------------------------------------------------------------------------

def test_a_draft_is_checked_but_left_out_unless_a_preview_asks(tmp_path):
    catalogue = load_folder(tmp_path, {"taster.yml": TASTER, "plan.yml": joined("draft: yes\n", TASTER)})
    assert [e.slug for e in catalogue.events] == ["plan", "taster"]
    assert [e.slug for e in drafts.published(catalogue).events] == ["taster"]
    assert [e.slug for e in drafts.published(catalogue, show=True).events] == ["plan", "taster"]
    assert [e.slug for e in drafts.for_feeds(catalogue).events] == ["taster"]
    assert drafts.draft_sources(catalogue) == ["events/plan.yml"]
    # A draft's mistakes are found like any other file's.
    assert problems_in(write_folder(tmp_path / "bad", {"plan.yml": joined("draft: yes\n", TASTER, "places: lots\n")}))


@pytest.mark.parametrize("value, shown", [("yes", True), ("1", True), ("no", False), ("", False)])
def test_the_preview_switch(value, shown):
    assert drafts.show_drafts({drafts.VARIABLE: value}) is shown
    assert drafts.show_drafts({}) is False


def git_project(tmp_path, files: dict[str, str]):
    folder = write_folder(tmp_path, files)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return folder


def test_making_a_published_event_with_sessions_to_come_a_draft_is_refused(tmp_path):
    folder = git_project(tmp_path, {"taster.yml": TASTER, "plan.yml": joined("draft: yes\n", TASTER)})
    (folder / "taster.yml").write_text("# comment\ndraft: yes\n" + dedent(TASTER), encoding="utf-8")
    catalogue = load_catalogue(folder, EXPLAINERS)
    problems = retired.refused_unpublishing(tmp_path, "events", drafts.draft_sources(catalogue), BEFORE)
    assert [str(p) for p in problems] == [
        "events/taster.yml:2: draft: was published with sessions to come (11 December 2014), and a draft "
        "leaves the site and its calendar feeds without telling anyone who added them. Remove draft: yes "
        "and set status: cancelled on those sessions instead; make it a draft once they have passed"]
    # Once the sessions have passed it may become a draft; a file that was always a draft never counts.
    assert retired.refused_unpublishing(tmp_path, "events", drafts.draft_sources(catalogue),
                                        dt.date(2015, 1, 1)) == []


# --- dates and times to be confirmed ------------------------------------------------------------

def test_an_event_with_no_dates_yet_offers_to_register_interest(tmp_path):
    event = load_event(tmp_path, joined(HEAD, """\
        dates_to_be_confirmed: spring 2015
        booking:
          email: k@example.org
        """))
    assert event.sessions == () and event.dates_to_be_confirmed == "spring 2015"
    view = pages.event_view(event, BEFORE)
    assert view["units"] == [] and view["bookable"] is False
    tbc = view["to_be_confirmed"]
    assert tbc["text"] == "Dates to be confirmed: spring 2015"
    assert parse_qs(urlsplit(tbc["href"]).query)["subject"] == ["Registering interest: Action planning for councillors"]
    assert tbc["href"].startswith("mailto:k@example.org?")
    # With no booking details, interest goes to the organiser.
    bare = load_event(tmp_path / "bare", joined(HEAD, "dates_to_be_confirmed: yes\n"))
    assert pages.event_view(bare, BEFORE)["to_be_confirmed"]["href"].startswith("mailto:events@example.org?")
    assert pages.event_view(bare, BEFORE)["to_be_confirmed"]["text"] == "Dates to be confirmed"
    assert structured.event_json_ld(event, PAGE, BEFORE) is None  # a schema.org Event needs a date


def test_listings_put_events_to_be_confirmed_after_dated_ones_and_say_so(tmp_path):
    catalogue = load_folder(tmp_path, {
        "dated.yml": TASTER,
        "later.yml": joined(HEAD.replace("Action planning for councillors", "Later"), "dates_to_be_confirmed: yes\n"),
        "again.yml": joined(TASTER.replace("2014-12-11", "2014-06-11"), "dates_to_be_confirmed: autumn 2015\n"),
    })
    listing = pages.listing(catalogue, BEFORE)
    assert [(c["slug"], c["when"], c["availability"]) for c in listing["upcoming"]] == [
        ("dated", "Thursday 11 December 2014, 10am to 1pm", "Booking is not open yet"),  # no way to book given
        ("again", "Dates to be confirmed: autumn 2015", "Register your interest"),
        ("later", "Dates to be confirmed", "Register your interest"),
    ]
    assert listing["past"] == []
    # Past sessions stay listed on the page; more dates are to come.
    view = pages.event_view(catalogue.events[0], BEFORE)
    assert [s.id for s in view["past"]] == ["taster"] and view["to_be_confirmed"]["text"].endswith("autumn 2015")


def test_a_session_whose_time_is_not_known_is_shown_honestly(tmp_path):
    event = load_event(tmp_path, joined(HEAD, """\
        booking:
          email: k@example.org
        sessions:
          - id: feb
            start: 2015-02-12
            time_to_be_confirmed: morning
            venue: melton
          - id: mar
            start: 2015-03-12
            time_to_be_confirmed: yes
            venue: melton
        """))
    feb, mar = pages.event_view(event, BEFORE)["upcoming"]
    assert feb.when == "Thursday 12 February 2015, morning (time to be confirmed)"
    assert mar.when == "Thursday 12 March 2015, time to be confirmed"
    assert (feb.start_iso, feb.time_known, feb.bookable) == ("2015-02-12", False, True)
    # Past only once the day has gone.
    assert pages.availability(event, event.sessions[0], dt.date(2015, 2, 12))[0] == "open"
    assert pages.availability(event, event.sessions[0], dt.date(2015, 2, 13))[0] == "past"


def test_a_time_to_be_confirmed_goes_into_calendars_as_a_tentative_whole_day(tmp_path):
    event = load_event(tmp_path, joined(HEAD, """\
        sessions:
          - id: feb
            start: 2015-02-12
            time_to_be_confirmed: morning
            venue: melton
        """))
    data = calendar.event_calendar(event, page_url=PAGE, uid_domain="events.example.org", today=BEFORE)
    (item,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert item.decoded("DTSTART") == dt.date(2015, 2, 12)
    assert item.decoded("DTEND") == dt.date(2015, 2, 13)  # exclusive: the next day
    assert str(item["STATUS"]) == "TENTATIVE" and str(item["X-MICROSOFT-CDO-BUSYSTATUS"]) == "TENTATIVE"
    assert str(item["DESCRIPTION"]).startswith("TIME TO BE CONFIRMED: Thursday 12 February 2015, morning")
    (v,) = vobject.readOne(data.decode()).vevent_list
    assert (v.dtstart.value, v.dtend.value, v.status.value) == (dt.date(2015, 2, 12), dt.date(2015, 2, 13), "TENTATIVE")
    assert b"DTSTART;VALUE=DATE:20150212\r\n" in data
    google = parse_qs(urlsplit(calendar_links.google(event, event.sessions[0], PAGE)).query)
    assert google["dates"] == ["20150212/20150213"]
    outlook = parse_qs(urlsplit(calendar_links.outlook_com(event, event.sessions[0], PAGE)).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (["2015-02-12"], ["2015-02-13"], ["true"])
    data_ld = structured.session_data(event, event.sessions[0], PAGE, BEFORE)
    assert (data_ld["startDate"], data_ld["endDate"]) == ("2015-02-12", "2015-02-12")
    # A cancelled one is still CANCELLED, not tentative.
    cancelled = dataclasses.replace(event.sessions[0], status="cancelled")
    assert str(calendar.session_component(event, cancelled, uid_domain="x", stamp=dt.datetime(2014, 1, 1),
                                          page_url=None)["STATUS"]) == "CANCELLED"


# --- online and hybrid ---------------------------------------------------------------------------

def online_events(tmp_path):
    return event_of(tmp_path, joined(HEAD, """\
        booking:
          email: k@example.org
        sessions:
          - id: online
            start: 2015-01-15 10:00
            end: 11:30
            online:
              platform: Microsoft Teams
          - id: hybrid
            start: 2015-01-22 14:00
            end: 15:30
            venue: derby
            online:
              platform: Zoom
              public_link: https://zoom.example.org/j/123
          - id: room
            start: 2015-01-29 14:00
            end: 15:30
            venue: derby
        """), **{"_venues.yml": ACCESS_VENUES})


def test_online_and_hybrid_sessions_on_the_page(tmp_path):
    online, hybrid, room = pages.event_view(online_events(tmp_path), BEFORE)["upcoming"]
    assert (online.attendance, online.attendance_text, online.venue_name, online.map_url) == (
        "online", "Online, on Microsoft Teams", None, None)
    assert (online.joining, online.joining_href) == ("The joining instructions are sent to you when you book.", None)
    assert hybrid.attendance_text == "In person at Council House, or online on Zoom: you choose"
    assert (hybrid.joining, hybrid.joining_href) == ("Anyone can join on Zoom", "https://zoom.example.org/j/123")
    assert (room.attendance, room.attendance_text, room.joining) == ("in-person", None, None)


def test_online_and_hybrid_sessions_in_calendars_never_publish_a_private_link(tmp_path):
    event = online_events(tmp_path)
    data = calendar.event_calendar(event, page_url=PAGE, uid_domain="events.example.org", today=BEFORE)
    online, hybrid, room = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(online["LOCATION"]) == "Online (Microsoft Teams)"
    assert "Online on Microsoft Teams: The joining instructions are sent to you when you book." in str(online["DESCRIPTION"])
    assert "CONFERENCE" not in online
    assert str(hybrid["LOCATION"]) == "Council House, Corporation Street, Derby, DE1 2FS; or online (Zoom)"
    assert str(hybrid["CONFERENCE"]) == "https://zoom.example.org/j/123"
    assert hybrid["CONFERENCE"].params["FEATURE"] == "VIDEO"
    assert "Join online on Zoom: https://zoom.example.org/j/123" in str(hybrid["DESCRIPTION"])
    vevents = vobject.readOne(data.decode()).vevent_list
    assert [v.location.value for v in vevents] == [str(online["LOCATION"]), str(hybrid["LOCATION"]), str(room["LOCATION"])]


def test_online_and_hybrid_sessions_in_structured_data(tmp_path):
    event = online_events(tmp_path)
    online, hybrid, room = json.loads(structured.event_json_ld(event, PAGE, BEFORE))
    schema = "https://schema.org/"
    assert online["eventAttendanceMode"] == schema + "OnlineEventAttendanceMode"
    # No public link: the VirtualLocation is the page, where people book and get the link.
    assert online["location"] == {"@type": "VirtualLocation", "name": "Microsoft Teams", "url": PAGE}
    assert hybrid["eventAttendanceMode"] == schema + "MixedEventAttendanceMode"
    assert [place["@type"] for place in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["location"][1]["url"] == "https://zoom.example.org/j/123"
    assert room["eventAttendanceMode"] == schema + "OfflineEventAttendanceMode"
    assert room["location"]["@type"] == "Place"


# --- venue access --------------------------------------------------------------------------------

def test_access_is_shown_once_per_venue_and_summarised_in_the_calendar(tmp_path):
    event = online_events(tmp_path)
    view = pages.event_view(event, BEFORE)
    assert view["access"] == [{"id": "derby", "name": "Council House", "lines": [
        "Step-free access", "Accessible toilets", "No hearing loop", "Parking: Blue Badge spaces by the door",
        "Nearest public transport: Derby bus station, 5 minutes' walk",
        "A British Sign Language (BSL) interpreter on request: ask when you book",
        "Other support on request: a quiet room"]}]
    data = calendar.event_calendar(event, page_url=PAGE, uid_domain="events.example.org", today=BEFORE)
    _, hybrid, room = icalendar.Calendar.from_ical(data).walk("VEVENT")
    for item in (hybrid, room):
        assert ("Access at Council House: Step-free access; Accessible toilets; No hearing loop; Parking: "
                "Blue Badge spaces by the door") in str(item["DESCRIPTION"])
    assert "Access at" not in str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])


# --- series and alternatives ---------------------------------------------------------------------

SERIES = joined(HEAD, """\
    booking:
      email: k@example.org
    places: 12
    series:
      - id: one
        title: Series 1
      - id: two
        title: Series 2
    sessions:
      - id: one-a
        series: one
        start: 2014-12-02 10:00
        end: 13:00
        venue: melton
      - id: one-b
        series: one
        start: 2015-01-06 10:00
        end: 13:00
        venue: melton
        places_left: 2
      - id: two-a
        series: two
        start: 2014-11-18 10:00
        end: 13:00
        venue: derby
      - id: two-b
        series: two
        start: 2015-01-13 10:00
        end: 13:00
        venue: derby
      - id: alone
        start: 2014-12-20 10:00
        end: 12:00
        venue: melton
    """)


def test_series_are_booked_whole_and_alternatives_alone(tmp_path):
    event = load_event(tmp_path, SERIES)
    assert [(u.kind, u.id, [s.id for s in u.sessions]) for u in series.units(event)] == [
        ("series", "one", ["one-a", "one-b"]), ("series", "two", ["two-a", "two-b"]), ("session", "alone", ["alone"])]
    view = pages.event_view(event, BEFORE)
    one, alone, two = view["units"]  # in date order of what is still to come
    assert (one["id"], one["availability"], one["availability_text"], one["bookable"]) == (
        "one", "few-places", "2 of 12 places left", True)
    assert parse_qs(urlsplit(one["book_href"]).query)["subject"] == [
        "Booking: Action planning for councillors, Series 1: all 2 sessions from 2 December 2014"]
    assert [s.bookable for s in one["sessions"]] == [False, False]  # never booked one by one
    assert [s.calendar_links for s in one["sessions"]] == [(), ()]  # and never added one by one
    # Series 2 began on 18 November: it has started, so it takes no more bookings.
    assert (two["availability"], two["bookable"], [s.id for s in two["sessions"]]) == ("started", False, ["two-b"])
    assert (alone["kind"], alone["bookable"], alone["sessions"][0].calendar_links != ()) == ("session", True, True)
    assert view["choice"] == ("There are 2 series running side by side. Choose one series: you book once and attend "
                              "every session in it. A date listed on its own is complete in itself: book it alone.")
    assert [u["ics_path"] for u in view["units"]] == [
        "events/taster/series-one.ics", "events/taster/session-alone.ics", "events/taster/series-two.ics"]


@pytest.mark.parametrize("text, choice", [
    (TASTER, None),
    (dedent(TASTER) + "  - id: again\n    start: 2015-01-15 10:00\n    end: 13:00\n    venue: melton\n",
     "Choose one of these dates: each session is complete in itself, so you book and attend just one."),
])
def test_alternatives_are_said_to_be_a_choice(tmp_path, text, choice):
    event = load_event(tmp_path, text)
    assert pages.event_view(event, BEFORE)["choice"] == choice
    assert series.separate_downloads(event) is (choice is not None)


def test_a_series_downloads_as_one_file_and_an_alternative_alone(tmp_path):
    event = load_event(tmp_path, SERIES)
    files = {}
    for unit in series.units(event):
        files[unit.id] = calendar.unit_calendar(event, unit, page_url=PAGE, uid_domain="events.example.org",
                                                today=BEFORE)
    whole = icalendar.Calendar.from_ical(calendar.event_calendar(event, page_url=PAGE, uid_domain="events.example.org",
                                                                 today=BEFORE))
    uids = {str(e["UID"]) for e in whole.walk("VEVENT")}
    for unit_id, expected in (("one", 2), ("two", 2), ("alone", 1)):
        ical = icalendar.Calendar.from_ical(files[unit_id])
        items = ical.walk("VEVENT")
        assert len(items) == expected == len(vobject.readOne(files[unit_id].decode()).vevent_list)
        assert {str(e["UID"]) for e in items} <= uids  # the same entries as the event's file and feeds
    one = icalendar.Calendar.from_ical(files["one"])
    assert str(one["X-WR-CALNAME"]) == "Action planning for councillors: Series 1"
    assert "Session 2 of 2 in Series 1: the series is booked as one, and you attend every session." in str(
        one.walk("VEVENT")[1]["DESCRIPTION"])
    ld = json.loads(structured.event_json_ld(event, PAGE, BEFORE))
    by_date = {item["startDate"][:10]: item for item in ld}
    assert by_date["2014-12-02"]["superEvent"] == {"@type": "EventSeries", "url": PAGE,
                                                   "name": "Action planning for councillors: Series 1"}
    assert "superEvent" not in by_date["2014-12-20"]


# --- who can come, image, past ---------------------------------------------------------------------

def test_eligibility_and_image_reach_the_view_and_listing(tmp_path):
    catalogue = load_folder(tmp_path, {"taster.yml": joined(TASTER, """\
        eligibility: Each council nominates one officer and one councillor, who both attend every session
        image:
          src: images/taster.png
          alt: Six councillors around a table
        """)})
    view = pages.event_view(catalogue.events[0], BEFORE)
    assert view["eligibility"] == ("Each council nominates one officer and one councillor, who both attend every session",)
    assert view["image"] == {"src": "images/taster.png", "alt": "Six councillors around a table"}
    assert pages.listing(catalogue, BEFORE)["upcoming"][0]["image"] == view["image"]
    data = structured.session_data(catalogue.events[0], catalogue.events[0].sessions[0], PAGE, BEFORE,
                                   image_url="https://events.example.org/images/taster.png")
    assert data["image"] == "https://events.example.org/images/taster.png"


def test_a_past_event_is_an_archive_with_no_booking_action(tmp_path):
    event = load_event(tmp_path, joined(TASTER, """\
        booking:
          email: k@example.org
          url: https://example.org/book
        """))
    view = pages.event_view(event, dt.date(2015, 1, 1))
    assert view["units"] == [] and view["upcoming"] == [] and view["bookable"] is False
    (past,) = view["past"]
    assert (past.bookable, past.book_href, past.calendar_links) == (False, None, ())


# --- the accessibility statement ------------------------------------------------------------------

def settings_node(text: str):
    return yaml.compose(dedent(text))


def test_statement_settings_are_checked_with_their_lines():
    node = settings_node("""\
        extra:
          events:
            accessibility:
              organisation: East Midlands Councils
              email: not an address
              standard: WCAG 2.2 AA
              compliance: partial
        """).value[0][1].value[0][1].value[0][1]
    found, problems = statement.read_statement(node, "mkdocs.yml")
    assert found is None
    assert [str(p) for p in problems] == [
        "mkdocs.yml:5: extra.events.accessibility.email: 'not an address' is not an email address; expected "
        "an email address such as events@example.org",
        "mkdocs.yml:4: extra.events.accessibility.tested: is missing; add it (a date as YYYY-MM-DD, e.g. "
        "2014-12-04, e.g. tested: 2014-11-20)",
        "mkdocs.yml:7: extra.events.accessibility.problems: is missing; a partially compliant site lists what "
        "does not meet the standard, and why, e.g. problems: [Some PDF programmes are not tagged for screen "
        "readers]",
    ]
    assert statement.read_statement(None, "mkdocs.yml") == (None, [])


def test_statement_view_words():
    node = settings_node("""\
        organisation: East Midlands Councils
        email: access@example.org
        phone: 01632 960 000
        standard: WCAG 2.2 AA
        compliance: partial
        problems: [Older PDF programmes are not tagged]
        tested: 2014-11-20
        """)
    found, problems = statement.read_statement(node, "mkdocs.yml")
    assert problems == []
    view = statement.statement_view(found, "Events")
    assert view["compliance_text"] == ("This website is partially compliant with the WCAG 2.2 AA standard, due to "
                                       "the non-compliances listed below.")
    assert (view["tested"], view["prepared"], view["reviewed"], view["tested_by"]) == (
        "20 November 2014", "20 November 2014", "20 November 2014", "East Midlands Councils")
    assert view["phone_href"] == "tel:01632960000"


def test_a_programme_can_be_a_draft_too(tmp_path):
    from conftest import ROOT
    text = (ROOT / "events" / "action-learning-ambassadors.yml").read_text(encoding="utf-8")
    folder = write_folder(tmp_path, {"plan.yml": text.replace("kind: programme\n", "kind: programme\ndraft: yes\n")})
    (folder / "_organisers.yml").write_text((ROOT / "events" / "_organisers.yml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    catalogue = load_catalogue(folder, {"action-learning-background"})
    assert [p.draft for p in catalogue.programmes] == [True]
    assert drafts.published(catalogue).programmes == ()
    assert drafts.draft_sources(catalogue) == ["events/plan.yml"]
