"""Programme -> words, brochure view and .ics files: the pure stages, without MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import icalendar
import pytest
import vobject

from eventsite.model import when
from eventsite.model.model import (Award, CallToAction, Cost, DateChoice, Option, Organiser, Part, Price, Programme,
                                   Venue)
from eventsite.model.wording import alternatives, cost_text
from eventsite.outputs import brochure, programme_calendar

ORGANISER = Organiser(id="ssc", name="SSC M&L programme", email="ml@example.org")
HALL = Venue(id="hall", name="Council House", address=("Corporation Street", "Derby"), postcode="DE1 2FS")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


INITIAL = Part(id="initial", title="Initial session", days=3,
               choice=DateChoice(days=3, candidates=tuple(d(f"2010-02-{n:02d}") for n in (8, 9, 10, 11))))
CONSOLIDATION = Part(id="consolidation", title="Final consolidation session", days=2, after="4 to 6 weeks",
                     dates=(d("2010-03-04"), d("2010-03-05")))
FULL = Option(id="proposal-1", title="Proposal 1", summary="The full course.", parts=(INITIAL, CONSOLIDATION),
              costs=(Cost(price=Price(Decimal(950), "GBP", "plus", "candidate"),
                          basis="8 delegates working in one set"),
                     Cost(price=Price(Decimal(884), "GBP", None, "candidate"),
                          basis="14 delegates working in two sets")))
LITE = Option(id="proposal-2", title="Proposal 2", summary="A two day, 'lite' version.",
              parts=(Part(id="day-1", title="First day", days=1),
                     Part(id="day-2", title="Second day", days=1, after="4 to 6 weeks")),
              costs=(Cost(relative="roughly half", of="proposal-1", note="in time and cash"),))
PROGRAMME = Programme(slug="ambassadors", source="events/ambassadors.yml", title="Action Learning ambassadors",
                      summary="Two proposals.", organiser=ORGANISER, options=(FULL, LITE),
                      call_to_action=CallToAction(ask="Come to the meeting on the 27th", meeting="the 27th",
                                                  questions=("Do you support this approach",)))
TITLES = {"proposal-1": "Proposal 1", "proposal-2": "Proposal 2"}


# --- words ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dates, conjunction, expected", [
    (["2010-03-04"], "and", "Thursday 4 March 2010"),
    (["2010-03-04", "2010-03-05"], "and", "Thursday 4 and Friday 5 March 2010"),
    (["2010-02-08", "2010-02-09", "2010-02-10", "2010-02-11"], "or",
     "Monday 8, Tuesday 9, Wednesday 10 or Thursday 11 February 2010"),
    (["2010-02-26", "2010-03-01"], "and", "Friday 26 February and Monday 1 March 2010"),
    (["2009-12-31", "2010-01-04"], "and", "Thursday 31 December 2009 and Monday 4 January 2010"),
])
def test_day_list_says_month_and_year_once_per_run(dates, conjunction, expected):
    assert when.day_list([d(x) for x in dates], conjunction) == expected


@pytest.mark.parametrize("cost, expected", [
    (FULL.costs[0], "£950 plus VAT per candidate based on 8 delegates working in one set"),
    (FULL.costs[1], "£884 per candidate based on 14 delegates working in two sets"),
    (LITE.costs[0], "Roughly half of the Proposal 1 cost (in time and cash)"),
    (Cost(price=Price(Decimal("884.50"), "EUR", "included", "delegate", note="lunch extra")),
     "€884.50 including VAT per delegate (lunch extra)"),
    (Cost(price=Price(Decimal(0))), "Free"),
])
def test_costs_are_written_as_people_read_them(cost, expected):
    assert cost_text(cost, TITLES) == expected


def test_alternative_costs_read_with_or():
    assert alternatives(["A"]) == "A"
    assert brochure.costs_text(FULL, TITLES) == (
        "£950 plus VAT per candidate based on 8 delegates working in one set, or £884 per candidate "
        "based on 14 delegates working in two sets")


def test_duration_counts_days_and_keeps_the_gap_as_written():
    assert brochure.duration_text(FULL) == "5 days: 3 days, then 2 days 4 to 6 weeks later"
    assert brochure.duration_text(LITE) == "2 days: 1 day, then 1 day 4 to 6 weeks later"
    assert brochure.duration_text(replace(FULL, parts=(INITIAL,))) == "3 days"


def test_when_a_part_happens_in_words():
    assert brochure.part_when(INITIAL) == (
        "3 days chosen from Monday 8, Tuesday 9, Wednesday 10 or Thursday 11 February 2010")
    assert brochure.part_when(CONSOLIDATION) == "Thursday 4 and Friday 5 March 2010"
    timed = replace(CONSOLIDATION, start=dt.time(9, 30), end=dt.time(16, 30))
    assert brochure.part_when(timed) == "Thursday 4 and Friday 5 March 2010, 9:30am to 4:30pm each day"
    assert brochure.part_when(replace(CONSOLIDATION, dates=(), dates_text="to be agreed")) == "to be agreed"
    assert brochure.part_when(LITE.parts[0]) == "Dates not given"


# --- the brochure view --------------------------------------------------------------------------------

def test_comparison_has_a_column_per_option_and_says_what_is_not_stated():
    table = brochure.comparison(PROGRAMME, TITLES)
    assert table["caption"] == "Proposal 1 and Proposal 2 compared"
    assert [c["title"] for c in table["columns"]] == ["Proposal 1", "Proposal 2"]
    rows = {row["label"]: row["cells"] for row in table["rows"]}
    # Neither option names an award or what attendees leave with: those rows are left out.
    assert list(rows) == ["In short", "Duration", "Dates", "Cost"]
    assert rows["Dates"] == [
        ["Initial session: 3 days chosen from Monday 8, Tuesday 9, Wednesday 10 or Thursday 11 "
         "February 2010", "Final consolidation session: Thursday 4 and Friday 5 March 2010"],
        ["Dates not given"]]
    with_award = replace(PROGRAMME, options=(replace(FULL, award=Award(name="CMI level 5 Unit 5019 Managing Action Learning Award")), LITE))
    award_row = next(r for r in brochure.comparison(with_award, TITLES)["rows"] if r["label"] == "Award")
    assert award_row["cells"] == [["CMI level 5 Unit 5019 Managing Action Learning Award"], ["Not stated"]]


def test_view_offers_a_calendar_file_per_candidate_date_until_it_passes():
    before = brochure.programme_view(PROGRAMME, d("2010-01-20"))
    initial = before["options"][0]["parts"][0]
    assert [c["ics_url"] for c in initial["choice"]["candidates"]] == [
        f"programmes/ambassadors/proposal-1-initial-2010-02-{n:02d}.ics" for n in (8, 9, 10, 11)]
    assert not any(c["past"] for c in initial["choice"]["candidates"])
    assert before["options"][0]["ics_url"] == "programmes/ambassadors/proposal-1.ics"
    assert before["options"][0]["ics_current"] and not before["past"]
    assert before["options"][1]["ics_url"] is None  # Proposal 2 has no fixed dates

    during = brochure.programme_view(PROGRAMME, d("2010-02-10"))
    assert [c["past"] for c in during["options"][0]["parts"][0]["choice"]["candidates"]] == [
        True, True, False, False]

    after = brochure.programme_view(PROGRAMME, d("2014-11-20"))
    assert after["past"] and not after["options"][0]["ics_current"]


def test_call_to_action_keeps_a_meeting_in_words():
    view = brochure.programme_view(PROGRAMME, d("2010-01-20"))["call_to_action"]
    assert view["meeting"] == {"text": "the 27th", "iso": None, "on": "on the 27th"}
    dated = brochure.call_to_action_view(CallToAction(ask="Come", meeting=d("2010-01-27")), "T")
    assert dated["meeting"]["iso"] == "2010-01-27" and dated["meeting"]["text"] == "Wednesday 27 January 2010"


def test_listing_puts_programmes_still_to_come_first():
    in_2015 = replace(CONSOLIDATION, after=None, dates=(d("2015-03-04"), d("2015-03-05")))
    later = replace(PROGRAMME, slug="later", options=(replace(FULL, parts=(in_2015,)),))
    undated = replace(PROGRAMME, slug="undated", options=(LITE,))

    class Catalogue:
        programmes = (PROGRAMME, later, undated)

    listing = brochure.programme_listing(Catalogue, d("2014-11-20"))
    assert [c["slug"] for c in listing["current"]] == ["later", "undated"]
    assert [c["slug"] for c in listing["past"]] == ["ambassadors"]
    assert listing["past"][0]["when"] == "Monday 8 February 2010 to Friday 5 March 2010"
    assert listing["current"][1]["when"] == "Dates not given"


# --- calendar files -------------------------------------------------------------------------------------

def calendars(programme=PROGRAMME, today="2010-01-20"):
    return programme_calendar.programme_calendars(programme, page_url="https://events.example.org/p/",
                                                  uid_domain="events.example.org", today=d(today))


def events_in(data: bytes) -> list:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_files_are_the_fixed_dates_and_one_per_candidate_date():
    assert sorted(calendars()) == sorted(
        ["programmes/ambassadors/proposal-1.ics"]
        + [f"programmes/ambassadors/proposal-1-initial-2010-02-{n:02d}.ics" for n in (8, 9, 10, 11)])


def test_consecutive_fixed_days_are_one_all_day_event_with_an_exclusive_end():
    (event,) = events_in(calendars()["programmes/ambassadors/proposal-1.ics"])
    assert event.decoded("DTSTART") == d("2010-03-04")
    assert event.decoded("DTEND") == d("2010-03-06")  # the day after the last day
    assert str(event["UID"]) == "ambassadors.proposal-1.consolidation@events.example.org"
    assert str(event["ORGANIZER"]) == "mailto:ml@example.org"
    assert "£950 plus VAT per candidate" in str(event["DESCRIPTION"])


def test_a_candidate_date_file_holds_only_that_day():
    data = calendars()["programmes/ambassadors/proposal-1-initial-2010-02-09.ics"]
    (event,) = events_in(data)
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (d("2010-02-09"), d("2010-02-10"))
    assert str(event["UID"]) == "ambassadors.proposal-1.initial.20100209@events.example.org"
    assert "one of the dates you chose" in str(event["DESCRIPTION"])
    parsed = vobject.readOne(data.decode())
    assert parsed.vevent.dtstart.value == d("2010-02-09")


def test_uids_survive_a_change_of_dates_and_sequence_follows_revision():
    moved = replace(PROGRAMME, options=(replace(FULL, parts=(INITIAL, replace(
        CONSOLIDATION, dates=(d("2010-03-11"), d("2010-03-12")), revision=1))), LITE))
    (before,) = events_in(calendars()["programmes/ambassadors/proposal-1.ics"])
    (after,) = events_in(calendars(moved)["programmes/ambassadors/proposal-1.ics"])
    assert before["UID"] == after["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)


def test_dates_with_gaps_or_times_are_one_event_a_day():
    gappy = replace(CONSOLIDATION, dates=(d("2010-03-04"), d("2010-03-09")))
    timed = replace(CONSOLIDATION, start=dt.time(9, 30), end=dt.time(16, 30))
    for part in (gappy, timed):
        programme = replace(PROGRAMME, options=(replace(FULL, parts=(INITIAL, part)), LITE))
        data = calendars(programme)["programmes/ambassadors/proposal-1.ics"]
        events = events_in(data)
        assert [str(e["UID"]).split("@")[0] for e in events] == [
            "ambassadors.proposal-1.consolidation.day1", "ambassadors.proposal-1.consolidation.day2"]
        assert [str(e["SUMMARY"]).endswith(f"(day {n} of 2)") for n, e in enumerate(events, 1)] == [True, True]
    events = events_in(calendars(replace(PROGRAMME, options=(replace(FULL, parts=(INITIAL, timed)), LITE)))[
        "programmes/ambassadors/proposal-1.ics"])
    start = events[0].decoded("DTSTART")
    assert start == dt.datetime(2010, 3, 4, 9, 30, tzinfo=start.tzinfo) and str(start.tzinfo) == "Europe/London"
    assert b"BEGIN:VTIMEZONE" in calendars(replace(PROGRAMME, options=(replace(FULL, parts=(INITIAL, timed)),
                                                                       LITE)))["programmes/ambassadors/proposal-1.ics"]


def test_files_are_reproducible_and_stamped_from_the_sources():
    assert calendars(today="2010-01-20") == calendars(today="2010-01-20")
    (event,) = events_in(calendars(today="2010-01-20")["programmes/ambassadors/proposal-1.ics"])
    assert event.decoded("DTSTAMP") == dt.datetime(2010, 1, 20, tzinfo=dt.timezone.utc)
    updated = replace(PROGRAMME, updated=d("2010-01-11"))
    (event,) = events_in(calendars(updated, today="2014-11-20")["programmes/ambassadors/proposal-1.ics"])
    assert event.decoded("DTSTAMP") == dt.datetime(2010, 1, 11, tzinfo=dt.timezone.utc)


def test_an_option_with_no_fixed_dates_has_no_file():
    assert programme_calendar.option_calendar(PROGRAMME, LITE, page_url=None, uid_domain="x",
                                              today=d("2010-01-20")) is None


def test_the_pdf_is_the_same_bytes_for_the_same_sources():
    from eventsite.outputs.brochure_pdf import brochure_pdf

    def pdf():
        view = brochure.programme_view(PROGRAMME, d("2010-01-20"), markdown=lambda s: f"<p>{s}</p>")
        return brochure_pdf(view, intro_html="<h2>Why</h2><p>Because <strong>we</strong> can.</p>",
                            explainers=[{"title": "Background", "html": "<p>Sets of six to eight.</p>"}],
                            page_url="https://events.example.org/p/")

    first = pdf()
    assert first.startswith(b"%PDF-") and first == pdf()
