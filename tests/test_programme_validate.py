"""Programme files: what is read into the model, and every rule's exact message (golden lines).

Each case is the valid programme below with one change an author could make, and the lines the
author would read. Helpers are local so that this file depends on no other test module.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from eventsite.model.model import Catalogue
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

SHARED = {
    "_organisers.yml": """\
        ssc:
          name: SSC M&L programme
          email: ml@example.org
        """,
    "_venues.yml": """\
        hall:
          name: Council House
          address: [Corporation Street, Derby]
          postcode: DE1 2FS
        """,
    "_testimonials.yml": """\
        brave:
          quote: It made me brave enough.
          by: A participant
          tags: [action-learning]
        """,
}
EXPLAINERS = {"action-learning-background"}

# A valid programme: a choice of dates, fixed dates, an amount and a relative cost, a call to
# action whose meeting is given in words. Line numbers in the goldens refer to this text.
PROGRAMME = """\
kind: programme
title: Action Learning ambassadors
summary: Two proposals for training SSC staff.
organiser: ssc
options:
  - id: proposal-1
    title: Proposal 1
    summary: The full course.
    parts:
      - id: initial
        title: Initial session
        days: 3
        choose_from: [2010-02-08, 2010-02-09, 2010-02-10, 2010-02-11]
      - id: consolidation
        title: Final consolidation session
        days: 2
        after: 4 to 6 weeks
        dates: [2010-03-04, 2010-03-05]
    costs:
      - amount: 950
        currency: GBP
        vat: plus
        per: candidate
        basis: 8 delegates working in one set
  - id: proposal-2
    title: Proposal 2
    summary: A two day, 'lite' version.
    parts:
      - id: day-1
        title: First day
        days: 1
    costs:
      - relative: roughly half
        of: proposal-1
call_to_action:
  ask: Come to the meeting on the 27th ready to answer
  meeting: the 27th
  questions: [Do you support this approach]
"""


def folder_with(root: Path, files: dict[str, str]) -> Path:
    folder = root / "events"
    folder.mkdir()
    for name, text in {**SHARED, **files}.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    return folder


def load(root: Path, text: str) -> Catalogue:
    return load_catalogue(folder_with(root, {"ambassadors.yml": text}), EXPLAINERS)


def problems(root: Path, text: str) -> list[str]:
    with pytest.raises(InvalidSources) as info:
        load(root, text)
    return [str(p) for p in info.value.problems]


def changed(old: str, new: str) -> str:
    assert PROGRAMME.count(old) == 1, old
    return PROGRAMME.replace(old, new)


F = "events/ambassadors.yml"
CHOICE = "choose_from: [2010-02-08, 2010-02-09, 2010-02-10, 2010-02-11]"


def test_a_valid_programme_is_read_into_the_model(tmp_path):
    catalogue = load(tmp_path, PROGRAMME)
    assert catalogue.events == ()
    (programme,) = catalogue.programmes
    assert (programme.slug, programme.source) == ("ambassadors", F)
    first, second = programme.options
    assert [o.id for o in programme.options] == ["proposal-1", "proposal-2"]
    assert (first.days, second.days) == (5, 1)
    initial, consolidation = first.parts
    assert initial.dates == () and initial.choice.days == 3
    assert initial.choice.candidates == tuple(dt.date(2010, 2, d) for d in (8, 9, 10, 11))
    assert consolidation.dates == (dt.date(2010, 3, 4), dt.date(2010, 3, 5))
    assert consolidation.after == "4 to 6 weeks"
    (cost,) = first.costs
    assert (cost.price.amount, cost.price.currency, cost.price.vat, cost.price.per) == (
        Decimal(950), "GBP", "plus", "candidate")
    assert cost.basis == "8 delegates working in one set"
    (relative,) = second.costs
    assert (relative.price, relative.relative, relative.of) == (None, "roughly half", "proposal-1")
    assert programme.call_to_action.meeting == "the 27th"  # words: the source gives no month


def test_a_meeting_given_as_a_date_is_a_date(tmp_path):
    (programme,) = load(tmp_path, changed("meeting: the 27th", "meeting: 2010-01-27")).programmes
    assert programme.call_to_action.meeting == dt.date(2010, 1, 27)


def test_an_event_file_may_say_kind_event(tmp_path):
    event = """\
        kind: event
        title: Taster
        summary: A taster.
        organiser: ssc
        sessions:
          - id: one
            start: 2014-12-11 10:00
            end: 13:00
            venue: hall
        """
    catalogue = load_catalogue(folder_with(tmp_path, {"taster.yml": event}), EXPLAINERS)
    assert [e.slug for e in catalogue.events] == ["taster"] and catalogue.programmes == ()


GOLDEN = {
    "a choice of 3 days from a list of 2": (
        changed(CHOICE, "choose_from: [2010-02-08, 2010-02-09]"),
        [f"{F}:13: options[1].parts[1].choose_from: a choice of 3 days from a list of 2 dates is not "
         "possible; list at least 4 dates, or set days: to fewer"]),
    "a choice with nothing to choose": (
        changed(CHOICE, "choose_from: [2010-02-08, 2010-02-09, 2010-02-10]"),
        [f"{F}:13: options[1].parts[1].choose_from: lists exactly the 3 dates of a 3-day part, so "
         "there is nothing to choose; write dates: instead"]),
    "a price with no currency": (
        changed("        currency: GBP\n", ""),
        [f"{F}:20: options[1].costs[1].currency: is missing; an amount needs its currency, e.g. "
         "currency: GBP"]),
    "a currency sign in the amount": (
        changed("amount: 950", "amount: £950"),
        [f"{F}:20: options[1].costs[1].amount: '£950' is not an amount; expected free, or an amount "
         "such as 950 or 884.50 (leave out the currency sign; set currency: instead)"]),
    "an unknown field, with did you mean": (
        changed("choose_from:", "choose_form:"),
        [f"{F}:13: options[1].parts[1].choose_form: unknown field; did you mean choose_from?"]),
    "a mistyped kind": (
        changed("kind: programme", "kind: programm"),
        [f"{F}:1: kind: 'programm' is not allowed (did you mean programme?); expected one of programme"]),
    "options but no kind": (
        changed("kind: programme\n", ""),
        [f"{F}:1: kind: is missing; add it (one of programme, e.g. kind: programme)"]),
    "fewer dates than days": (
        changed("dates: [2010-03-04, 2010-03-05]", "dates: [2010-03-04]"),
        [f"{F}:18: options[1].parts[2].dates: lists 1 date for a 2-day part; give one date for each "
         "day, or set days: 1"]),
    "dates out of order": (
        changed("dates: [2010-03-04, 2010-03-05]", "dates: [2010-03-05, 2010-03-04]"),
        [f"{F}:18: options[1].parts[2].dates[2]: 2010-03-04 comes after 2010-03-05 in the list; list "
         "the dates earliest first"]),
    "parts out of order": (
        changed("dates: [2010-03-04, 2010-03-05]", "dates: [2010-02-01, 2010-02-02]"),
        [f"{F}:18: options[1].parts[2].dates: starts on Monday 1 February 2010, which is not after "
         "Thursday 11 February 2010, when options[1].parts[1] (Initial session) ends; list the parts "
         "in the order they happen"]),
    "fixed dates and dates in words": (
        changed("        dates: [2010-03-04, 2010-03-05]\n",
                "        dates: [2010-03-04, 2010-03-05]\n        dates_text: early March\n"),
        [f"{F}:19: options[1].parts[2].dates_text: cannot be given with dates:; a part has fixed "
         "dates:, a choice of dates (choose_from:) or its dates in words (dates_text:), one of them"]),
    "a gap before the first part": (
        changed("        days: 3\n", "        days: 3\n        after: 2 weeks\n"),
        [f"{F}:13: options[1].parts[1].after: the first part comes after nothing; put after: on the "
         "part that follows the gap"]),
    "a relative cost of an unknown option": (
        changed("of: proposal-1", "of: proposal-3"),
        [f"{F}:34: options[2].costs[1].of: 'proposal-3' is not an option in this file (options: "
         "proposal-1, proposal-2); correct the name"]),
    "a relative cost of itself": (
        changed("of: proposal-1", "of: proposal-2"),
        [f"{F}:34: options[2].costs[1].of: 'proposal-2' is this option itself; name another option "
         "to compare with"]),
    "a relative cost compared with nothing": (
        changed("        of: proposal-1\n", ""),
        [f"{F}:33: options[2].costs[1].of: is missing; say which option a relative cost compares "
         "with, e.g. of: proposal-1"]),
    "VAT on a relative cost": (
        changed("        of: proposal-1\n", "        of: proposal-1\n        vat: plus\n"),
        [f"{F}:35: options[2].costs[1].vat: applies only to an amount; remove it, or give amount: "
         "instead of relative:"]),
    "a meeting date that does not exist": (
        changed("meeting: the 27th", "meeting: 2010-02-30"),
        [f"{F}:37: call_to_action.meeting: '2010-02-30' is not a real date; expected a date as "
         "YYYY-MM-DD, or words such as 'the 27th' when no full date is known"]),
    "replies due after the meeting": (
        changed("  meeting: the 27th", "  meeting: 2010-01-27\n  reply_by: 2010-01-28"),
        [f"{F}:38: call_to_action.reply_by: 2010-01-28 is after the meeting on 2010-01-27; expected "
         "replies to be due by the meeting"]),
    "two parts with one id": (
        changed("      - id: consolidation", "      - id: initial"),
        [f"{F}:14: options[1].parts[2].id: 'initial' is already used by options[1].parts[1]; each "
         "part needs its own id"]),
    "a start time with no end": (
        changed("        days: 2\n", "        days: 2\n        start: 09:30\n"),
        [f"{F}:17: options[1].parts[2].end: is missing; a part with a start time needs an end time "
         "too, e.g. end: 16:30"]),
    "an end before the start": (
        changed("        days: 2\n", "        days: 2\n        start: 16:30\n        end: 09:30\n"),
        [f"{F}:18: options[1].parts[2].end: ends at 09:30, not after its start 16:30; expected a "
         "later time (the same times apply to each day)"]),
    "an unknown venue": (
        changed("        days: 2\n", "        days: 2\n        venue: hal\n"),
        [f"{F}:17: options[1].parts[2].venue: 'hal' is not a venue in events/_venues.yml (known: "
         "hall); add it there or correct the name"]),
    # Each list of bullets: an item that is not text is reported, not a crash.
    "a benefit that is a list": (
        changed("    costs:\n      - amount", "    benefits:\n      - [not, text]\n    costs:\n      - amount"),
        [f"{F}:20: options[1].benefits[1]: is a list; expected text"]),
    "something an attendee leaves with that is a list": (
        changed("    costs:\n      - amount", "    leaves_with:\n      - [a, b]\n    costs:\n      - amount"),
        [f"{F}:20: options[1].leaves_with[1]: is a list; expected text"]),
    "a note that is a list": (
        changed("    costs:\n      - amount", "    notes:\n      - Fine\n      - [x]\n    costs:\n      - amount"),
        [f"{F}:21: options[1].notes[2]: is a list; expected text"]),
    "a point of a part that is a list": (
        changed("        days: 1\n", "        days: 1\n        points:\n          - [x]\n"),
        [f"{F}:33: options[2].parts[1].points[1]: is a list; expected text"]),
    "unknown organiser, explainer and testimonial": (
        changed("organiser: ssc", "organiser: sscc") + "explainers: [action-learning-backgound]\n"
                                                       "testimonials: [bravo]\n",
        [f"{F}:4: organiser: 'sscc' is not an organiser in events/_organisers.yml (known: ssc); add "
         "it there or correct the name",
         f"{F}:39: explainers: 'action-learning-backgound' is not a page in docs/explainers/ (known: "
         "action-learning-background); add docs/explainers/action-learning-backgound.md or correct "
         "the name",
         f"{F}:40: testimonials: 'bravo' is not a testimonial in events/_testimonials.yml (known: "
         "brave); add it there or correct the name"]),
}


@pytest.mark.parametrize("case", GOLDEN, ids=list(GOLDEN))
def test_golden_error_messages(tmp_path, case):
    text, expected = GOLDEN[case]
    assert problems(tmp_path, text) == expected


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    text = (changed(CHOICE, "choose_from: [2010-02-08, 2010-02-09]")
            .replace("        currency: GBP\n", "")
            .replace("of: proposal-1", "of: proposal-3"))
    assert problems(tmp_path, text) == [
        GOLDEN["a choice of 3 days from a list of 2"][1][0],
        GOLDEN["a price with no currency"][1][0],
        # one line up: the line removed above it
        GOLDEN["a relative cost of an unknown option"][1][0].replace(":34:", ":33:"),
    ]


def test_the_example_programme_is_valid():
    root = Path(__file__).resolve().parents[1]
    explainers = {p.stem for p in (root / "docs" / "explainers").glob("*.md")}
    catalogue = load_catalogue(root / "events", explainers)
    assert [p.slug for p in catalogue.programmes] == ["action-learning-ambassadors"]
