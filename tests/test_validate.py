"""Checking authors' files: golden error messages, exactly as an author reads them.

Each case is a small events/ folder (the shared files from conftest plus the files given) and
every line ``load_catalogue`` reports for it, sorted as the build prints them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from conftest import EXPLAINERS, TASTER, joined, load_event, load_folder, problems_in, write_folder
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

EXPECT_DATETIME = "expected a date and time as YYYY-MM-DD HH:MM, e.g. 2014-12-11 10:00"
EXPECT_END = EXPECT_DATETIME + ", or just a time such as 13:00 for the same day"
EXPECT_DATE = "expected a date as YYYY-MM-DD, e.g. 2014-12-04"

# (case id, {file name: text}, the problems reported, in order)
CASES = [
    ("missing-required-fields", {"x.yml": """\
        audience: Councillors
        """}, [
        "events/x.yml:1: organiser: is missing; add it (a short name of lower-case letters, digits "
        "and hyphens, e.g. organiser: east-midlands-councils)",
        "events/x.yml:1: sessions: is missing; add it (a list of a set of fields (key: value lines, "
        "indented under this one), e.g. sessions: (a list of sessions, each starting '- id:'))",
        "events/x.yml:1: summary: is missing; add it (text, e.g. summary: A free half-day taster session.)",
        "events/x.yml:1: title: is missing; add it (text, e.g. title: Action planning for councillors "
        "using action learning)",
    ]),
    ("missing-session-fields", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-12-11 10:00
        """}, [
        # A venue left out is "to be confirmed"; a start with a time needs its end.
        "events/x.yml:6: sessions[1].end: is missing; the start gives a time (10:00), so give the end's time "
        "too (end: 13:00), or give start: as the day alone (2014-12-11) while the times are not known",
    ]),
    ("empty-required-value", {"x.yml": """\
        title:
        summary: Short.
        organiser: emc
        sessions: []
        """}, [
        "events/x.yml:1: title: is empty; expected text, e.g. title: Action planning for councillors "
        "using action learning",
        "events/x.yml:4: sessions: has 0 items; expected at least 1",
    ]),
    ("empty-file", {"x.yml": "# a draft, nothing written yet\n"}, [
        "events/x.yml:1: the file is empty; an event needs at least title:, summary:, organiser: "
        "and sessions:",
    ]),
    ("unknown-field-did-you-mean", {"x.yml": """\
        titel: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venu: melton
        """}, [
        "events/x.yml:1: titel: unknown field; did you mean title?",
        "events/x.yml:1: title: is missing; add it (text, e.g. title: Action planning for councillors "
        "using action learning)",
        "events/x.yml:8: sessions[1].venu: unknown field; did you mean venue?",
    ]),
    ("impossible-date", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-02-30 10:00
            end: 13:00
            venue: melton
        booking:
          email: book@example.org
          closes: 2014-02-29
        """}, [
        f"events/x.yml:6: sessions[1].start: '2014-02-30 10:00' is not a real date; {EXPECT_DATETIME}",
        f"events/x.yml:11: booking.closes: '2014-02-29' is not a real date; {EXPECT_DATE}",
    ]),
    ("not-a-date-or-time", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 11 December 2014
            end: 25:00
            venue: melton
        """}, [
        f"events/x.yml:6: sessions[1].start: '11 December 2014' is not a date; {EXPECT_DATETIME}",
        f"events/x.yml:7: sessions[1].end: '25:00' is not a real time; {EXPECT_END}",
    ]),
    ("end-before-start", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: morning
            start: 2014-12-11 10:00
            end: 09:30
            venue: melton
          - id: overnight
            start: 2014-12-11 18:00
            end: 2014-12-10 09:00
            venue: melton
        """}, [
        "events/x.yml:7: sessions[1].end: ends at 2014-12-11 09:30, not after its start 2014-12-11 10:00; "
        "expected an end later than the start",
        "events/x.yml:11: sessions[2].end: ends at 2014-12-10 09:00, not after its start 2014-12-11 18:00; "
        "expected an end later than the start",
    ]),
    ("unknown-time-zone", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        timezone: London
        sessions:
          - id: one
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
          - id: two
            start: 2014-12-12 10:00
            end: 13:00
            venue: melton
            timezone: Europe/Lundon
        """}, [
        # Reported once at the event's line, though both sessions would use it.
        "events/x.yml:4: timezone: 'London' is not a known time zone (did you mean Europe/London?); "
        "expected a name such as Europe/London",
        "events/x.yml:14: sessions[2].timezone: 'Europe/Lundon' is not a known time zone; "
        "expected a name such as Europe/London",
    ]),
    ("unknown-references", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: east-midlands
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton-mowbray
        explainers: [what-is-action-learning, what-is-a-set]
        testimonials: [brave, brav]
        testimonial_tags: [councillors]
        """}, [
        "events/x.yml:3: organiser: 'east-midlands' is not an organiser in events/_organisers.yml "
        "(known: emc); add it there or correct the name",
        "events/x.yml:8: sessions[1].venue: 'melton-mowbray' is not a venue in events/_venues.yml "
        "(known: derby, melton); add it there or correct the name",
        "events/x.yml:9: explainers: 'what-is-a-set' is not a page in docs/explainers/ "
        "(known: what-is-action-learning); add docs/explainers/what-is-a-set.md or correct the name",
        "events/x.yml:10: testimonials: 'brav' is not a testimonial in events/_testimonials.yml "
        "(known: brave, useful); add it there or correct the name",
        "events/x.yml:11: testimonial_tags: no testimonial has the tag 'councillors' "
        "(tags in use: action-learning)",
    ]),
    ("bad-file-names", {"Café Event.yml": TASTER, "Taster.yaml": TASTER, "ok.yml": TASTER}, [
        "events/Café Event.yml:1: the file name becomes the page address, so it may hold only "
        "lower-case letters, digits and hyphens; rename it to cafe-event.yml",
        "events/Taster.yaml:1: event files end in .yml; rename it to Taster.yml",
    ]),
    ("fully-booked-is-not-a-status", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
            status: fully booked
          - id: again
            start: 2014-12-12 10:00
            end: 13:00
            venue: melton
            status: Canceled
        """}, [
        "events/x.yml:9: sessions[1].status: 'fully booked' is not allowed here; a fully booked "
        "session keeps status: scheduled; set places_left: 0 instead",
        "events/x.yml:14: sessions[2].status: 'Canceled' is not allowed (did you mean cancelled?); "
        "expected one of scheduled, rescheduled, postponed, cancelled",
    ]),
    ("duplicate-session-ids", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
          - id: taster
            start: 2015-01-15 10:00
            end: 13:00
            venue: melton
          - id: taster
            start: 2015-02-15 10:00
            end: 13:00
            venue: melton
        """}, [
        "events/x.yml:9: sessions[2].id: 'taster' is already used by sessions[1]; each session needs its own id",
        "events/x.yml:13: sessions[3].id: 'taster' is already used by sessions[1]; each session needs its own id",
    ]),
    ("sessions-without-ids-are-not-duplicates", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - start: 2014-12-11 10:00
            end: 13:00
            venue: melton
          - id: Second Session
            start: 2015-01-15 10:00
            end: 13:00
            venue: melton
        """}, [
        "events/x.yml:5: sessions[1].id: is missing; add it (a short name of lower-case letters, "
        "digits and hyphens, e.g. id: dec-2014)",
        "events/x.yml:8: sessions[2].id: 'Second Session' is not a short name; expected a short name "
        "of lower-case letters, digits and hyphens, such as second-session",
    ]),
    ("dates-outside-1900-2100", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        updated: 1899-12-31
        sessions:
          - id: taster
            start: 2101-01-01 10:00
            end: 13:00
            venue: melton
          - id: later
            start: 2014-12-11 10:00
            end: 20140-12-11 13:00
            venue: melton
        """}, [
        f"events/x.yml:4: updated: '1899-12-31' has the year 1899, outside 1900 to 2100; {EXPECT_DATE}",
        f"events/x.yml:7: sessions[1].start: '2101-01-01 10:00' has the year 2101, outside 1900 to 2100; "
        f"{EXPECT_DATETIME}",
        f"events/x.yml:12: sessions[2].end: '20140-12-11 13:00' is not a date; {EXPECT_END}",
    ]),
    ("rescheduled-needs-previous-start", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: moved
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
            status: rescheduled
          - id: not-moved
            start: 2014-12-12 10:00
            end: 13:00
            venue: melton
            previous_start: 2014-12-05 10:00
        """}, [
        "events/x.yml:9: sessions[1].previous_start: is missing; a rescheduled session keeps its "
        "previous start, e.g. previous_start: 2014-12-04 10:00",
        "events/x.yml:14: sessions[2].previous_start: is only for a rescheduled session; set status: "
        "rescheduled or remove it",
    ]),
    ("booking-and-price", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
        price:
          amount: £950
          vat: plus
        booking:
          contact: Kirsty Lowe
        places: eight
        """}, [
        "events/x.yml:10: price.amount: '£950' is not an amount; expected free, or an amount such as "
        "950 or 884.50 (leave out the currency sign; set currency: instead)",
        "events/x.yml:13: booking: says nobody how to book; add email:, phone: or url: (or, while "
        "booking is not open yet, opens: with the day or words such as 'in January')",
        "events/x.yml:14: places: 'eight' is not a whole number; expected a number such as 8",
    ]),
    ("bullets-that-are-not-text", {"x.yml": """\
        title: Taster
        summary: Short.
        organiser: emc
        outcomes:
          - [a, b]
        benefits:
          - Fine
          - [c]
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
        """}, [
        "events/x.yml:5: outcomes[1]: is a list; expected text",
        "events/x.yml:8: benefits[2]: is a list; expected text",
    ]),
    ("shared-lists-holding-a-list", {
        "_testimonials.yml": """\
            brave:
              quote: It made me brave enough.
              by: A participant
              tags: [action-learning, []]
            """,
        "x.yml": TASTER + "testimonial_tags: [leadership]\n",
        "_venues.yml": """\
            melton:
              name: Pera Business Park
              address: [Nottingham Road, [Melton Mowbray]]
              postcode: LE13 0PB
            """,
    }, [
        "events/_testimonials.yml:4: brave.tags[2]: is a list; expected a short name of lower-case "
        "letters, digits and hyphens",
        "events/_venues.yml:3: melton.address[2]: is a list; expected text",
        "events/x.yml:9: testimonial_tags: no testimonial has the tag 'leadership' (tags in use: "
        "action-learning)",
    ]),
    ("shared-files", {
        "_venues.yml": """\
            melton:
              name: Pera Business Park
              address: [Nottingham Road]
            Derby Council:
              name: Council House
              address: Derby
              postcode: DE1 2FS
            """,
        "_organisers.yml": """\
            emc:
              name: East Midlands Councils
              email: events at example.org
            """,
    }, [
        "events/_organisers.yml:3: emc.email: 'events at example.org' is not an email address; "
        "expected an email address such as events@example.org",
        "events/_venues.yml:2: melton.postcode: is missing; add it (text, e.g. postcode: LE13 0PB)",
        "events/_venues.yml:4: name: 'Derby Council' is not a short name; expected a short name of "
        "lower-case letters, digits and hyphens, such as derby-council",
    ]),
]


@pytest.mark.parametrize("files, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_golden_problems(tmp_path, files, expected):
    assert problems_in(write_folder(tmp_path, files)) == expected


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    folder = write_folder(tmp_path, {
        "first.yml": """\
            title: Taster
            summary: Short.
            organiser: nobody
            colour: blue
            sessions:
              - id: one
                start: 2014-12-11 10:00
                end: 09:00
                venue: melton
              - id: two
                start: 2014-12-12 10:00
                end: 13:00
                venue: nowhere
                status: full
                places_left: -1
            """,
        "second.yml": """\
            summary: Short.
            organiser: emc
            sessions:
              - id: one
                start: 2014-12-11 10:00
                end: 13:00
                venue: melton
            """,
    })
    with pytest.raises(InvalidSources) as info:
        load_catalogue(folder)
    report = str(info.value).splitlines()
    assert report == [
        "events/first.yml:3: organiser: 'nobody' is not an organiser in events/_organisers.yml "
        "(known: emc); add it there or correct the name",
        "events/first.yml:4: colour: unknown field; expected one of title, summary, organiser, audience, "
        "tags, timezone, sessions, places, price, booking, outcomes, benefits, body, explainers, "
        "testimonials, testimonial_tags, updated, example, dates_to_be_confirmed, series, eligibility, image, draft, "
        "language",
        "events/first.yml:8: sessions[1].end: ends at 2014-12-11 09:00, not after its start "
        "2014-12-11 10:00; expected an end later than the start",
        # Line 13 sorts after line 8, as numbers, not as text.
        "events/first.yml:13: sessions[2].venue: 'nowhere' is not a venue in events/_venues.yml "
        "(known: derby, melton); add it there or correct the name",
        "events/first.yml:14: sessions[2].status: 'full' is not allowed here; a fully booked session "
        "keeps status: scheduled; set places_left: 0 instead",
        "events/first.yml:15: sessions[2].places_left: '-1' is not a whole number; expected a number "
        "such as 8",
        "events/second.yml:1: title: is missing; add it (text, e.g. title: Action planning for "
        "councillors using action learning)",
        "7 problems found; nothing was built.",
    ]


def test_a_good_file_next_to_a_bad_one_does_not_hide_the_problem(tmp_path):
    folder = write_folder(tmp_path, {"good.yml": TASTER, "bad.yml": TASTER.replace("melton", "nowhere")})
    assert problems_in(folder) == [
        "events/bad.yml:8: sessions[1].venue: 'nowhere' is not a venue in events/_venues.yml "
        "(known: derby, melton); add it there or correct the name"]


def test_a_phone_number_without_spaces_stays_as_written(tmp_path):
    # YAML 1.1 reads 01664502637 as the octal number 248677791.
    event = load_event(tmp_path, joined(TASTER, """\
    booking:
      phone: 01664502637
    """))
    assert event.booking.phone == "01664502637"
    assert event.organiser.phone == "01664502637"  # from _organisers.yml, also written without spaces


def test_words_yaml_would_turn_into_booleans_stay_words(tmp_path):
    event = load_event(tmp_path, """\
        title: Yes
        summary: No
        organiser: emc
        audience: off
        example: no
        sessions:
          - id: taster
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
        """)
    assert (event.title, event.summary, event.audience, event.example) == ("Yes", "No", "off", False)


def test_a_valid_event_becomes_the_model(tmp_path):
    event = load_event(tmp_path, """\
        title: Action planning
        summary: >-
          A free half-day
          taster session.
        organiser: emc
        tags: action-learning
        places: 8
        price:
          amount: 884.50
          currency: EUR
          vat: plus
          per: candidate
        booking:
          email: mailto:book@example.org
          closes: 2014-12-04
        updated: 2014-11-03
        sessions:
          - id: second
            start: 2015-01-15 14:00
            end: 2015-01-16 12:00
            venue: derby
            places_left: 3
            revision: 2
          - id: first
            start: 2014-12-11T10:00
            end: 13.30
            venue: melton
            timezone: America/New_York
        """, slug="action-planning")
    london, new_york = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
    assert event.slug == "action-planning" and event.source == "events/action-planning.yml"
    assert event.summary == "A free half-day taster session."
    assert event.tags == ("action-learning",)
    assert (event.price.amount, event.price.currency, event.price.vat, event.price.per) == (
        Decimal("884.50"), "EUR", "plus", "candidate")
    assert event.booking.email == "book@example.org"
    assert event.booking.closes == dt.date(2014, 12, 4) and event.updated == dt.date(2014, 11, 3)
    # Sessions are in time order, whatever order the file lists them in.
    first, second = event.sessions
    assert first.id == "first" and first.venue.name == "Pera Business Park"
    assert first.start == dt.datetime(2014, 12, 11, 10, 0, tzinfo=new_york)
    assert first.end == dt.datetime(2014, 12, 11, 13, 30, tzinfo=new_york)  # a time alone: same day
    assert first.timezone == "America/New_York" and first.revision == 0 and first.status == "scheduled"
    assert second.start == dt.datetime(2015, 1, 15, 14, 0, tzinfo=london)
    assert second.end == dt.datetime(2015, 1, 16, 12, 0, tzinfo=london)
    assert (second.places_left, second.revision) == (3, 2)


def test_testimonials_chosen_by_name_and_tag_are_shown_once(tmp_path):
    event = load_event(tmp_path, joined(TASTER, """\
    testimonials: [brave, useful]
    testimonial_tags: action-learning
    """))
    assert [t.id for t in event.testimonials] == ["brave", "useful"]


def test_shared_files_may_be_absent(tmp_path):
    folder = write_folder(tmp_path, {}, shared=False)
    catalogue = load_catalogue(folder)
    assert catalogue.events == () and catalogue.venues == {} and catalogue.organisers == {}


def test_without_venues_file_an_event_is_told_so(tmp_path):
    folder = write_folder(tmp_path, {"_organisers.yml": """\
        emc:
          name: EMC
          email: events@example.org
        """, "taster.yml": TASTER}, shared=False)
    assert problems_in(folder) == [
        "events/taster.yml:8: sessions[1].venue: 'melton' is not a venue in events/_venues.yml "
        "(known: none yet); add it there or correct the name"]


def test_the_folded_name_suggested_for_a_bad_file_name_is_accepted(tmp_path):
    from eventsite.reading.validate import suggested_slug
    assert suggested_slug("Café Event") == "cafe-event"
    assert suggested_slug("Councillors' Day 2014!") == "councillors-day-2014"
    catalogue = load_folder(tmp_path, {suggested_slug("Café Event") + ".yml": TASTER})
    assert [e.slug for e in catalogue.events] == ["cafe-event"]


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
@pytest.mark.parametrize("valid", [True, False], ids=["valid", "invalid"])
def test_reading_leaves_the_cycle_collector_as_it_found_it(tmp_path, enabled, valid):
    # Validation pauses Python's cycle collector while it reads (it makes no cycles); the
    # process that called it (a build, mkdocs serve, a test run) must get it back as it was.
    import gc

    folder = write_folder(tmp_path, {"taster.yml": TASTER if valid else "title: [\n"})
    original = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        try:
            load_catalogue(folder, EXPLAINERS)
        except InvalidSources:
            assert not valid
        else:
            assert valid
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if original else gc.disable)()
