"""What pages say: availability, banners, booking links, prices and the order of listings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from textwrap import dedent

import pytest

from conftest import TASTER, joined, load_event, load_folder
from eventsite.model.model import Price
from eventsite.model.wording import money, places_text, price_text
from eventsite.outputs import pages

BEFORE = dt.date(2014, 11, 20)  # the example site's "today": the taster is upcoming
SAME_DAY = dt.date(2014, 12, 11)
AFTER = dt.date(2014, 12, 12)


def event_with(tmp_path, session: str = "", top: str = "booking:\n  email: kirsty@example.org\n"):
    """The taster with extra session lines (status, places_left...) and top-level lines."""
    # Session lines go under the taster's only session, so they keep its indentation.
    text = dedent(TASTER) + "".join(f"    {line}\n" for line in session.splitlines()) + top
    return load_event(tmp_path, text)


@pytest.mark.parametrize("session, top, today, key, words", [
    ("", "places: 8\nbooking:\n  email: k@example.org\n", BEFORE, "open", "Limited to 8 places"),
    ("", "booking:\n  email: k@example.org\n", BEFORE, "open", "Places available"),
    ("places_left: 5", "places: 8\nbooking:\n  email: k@example.org\n", BEFORE, "open", "5 of 8 places left"),
    ("places_left: 3", "places: 8\nbooking:\n  email: k@example.org\n", BEFORE, "few-places", "3 of 8 places left"),
    ("places_left: 1", "booking:\n  email: k@example.org\n", BEFORE, "few-places", "1 place left"),
    ("places_left: 0", "booking:\n  email: k@example.org\n", BEFORE, "fully-booked",
     "Fully booked: join the waiting list"),
    ("places_left: 0", "booking:\n  url: https://example.org/book\n", BEFORE, "fully-booked", "Fully booked"),
    ("", "booking:\n  email: k@example.org\n  closes: 2014-11-19\n", BEFORE, "booking-closed",
     "Booking has closed"),
    ("", "booking:\n  email: k@example.org\n  closes: 2014-11-20\n", BEFORE, "open", "Places available"),
    ("status: cancelled", "", BEFORE, "cancelled", "Cancelled"),
    ("status: postponed", "", BEFORE, "postponed", "Postponed: new date to be confirmed"),
    ("", "booking:\n  email: k@example.org\n", SAME_DAY, "open", "Places available"),
    ("", "", AFTER, "past", "This session has taken place"),
    ("status: cancelled", "", AFTER, "past", "This session has taken place"),
    # Booking not open yet: no way to book given, or a day it opens that has not come.
    ("", "", BEFORE, "not-open", "Booking is not open yet"),
    ("", "booking:\n  opens: 2014-11-24\n", BEFORE, "not-open", "Booking opens on Monday 24 November 2014"),
    ("", "booking:\n  email: k@example.org\n  opens: 2014-11-24\n", BEFORE, "not-open",
     "Booking opens on Monday 24 November 2014"),
    ("", "booking:\n  email: k@example.org\n  opens: 2014-11-20\n", BEFORE, "open", "Places available"),
    ("", "booking:\n  opens: in the new year\n", BEFORE, "not-open", "Booking opens in the new year"),
], ids=["open-capacity", "open", "places-left", "few-places", "last-place", "fully-booked-waiting-list",
        "fully-booked-no-list", "booking-closed", "closes-today-still-open", "cancelled", "postponed",
        "on-the-day", "past", "past-cancelled", "no-way-to-book-yet", "opens-on-a-day", "opens-with-email",
        "opens-today", "opens-in-words"])
def test_availability(tmp_path, session, top, today, key, words):
    event = event_with(tmp_path, session, top)
    assert pages.availability(event, event.sessions[0], today) == (key, words)


@pytest.mark.parametrize("session, top, bookable, link", [
    ("", "booking:\n  email: k@example.org\n", True, "mailto"),
    ("places_left: 0", "booking:\n  email: k@example.org\n", True, "mailto"),
    ("", "booking:\n  url: https://example.org/book\n", True, "https://example.org/book"),
    ("status: cancelled", "booking:\n  email: k@example.org\n", False, None),
    ("status: postponed", "booking:\n  email: k@example.org\n", False, None),
    ("", "booking:\n  email: k@example.org\n  closes: 2014-11-01\n", False, None),
])
def test_only_open_sessions_offer_a_booking_link(tmp_path, session, top, bookable, link):
    event = event_with(tmp_path, session, top)
    view = pages.session_view(event, event.sessions[0], BEFORE, "Europe/London")
    assert view.bookable is bookable
    assert (view.book_href or "").startswith(link or "") and (view.book_href is None) is (link is None)


def test_the_mailto_subject_names_the_event_and_date_encoded(tmp_path):
    event = load_event(tmp_path, joined(TASTER.replace("Action planning for councillors",
                                                       "'Budgets & scrutiny: 50% off?'"), """\
        booking:
          email: kirsty.lowe@example.org
        """))
    href = pages.mailto(event, event.sessions[0])
    assert href == ("mailto:kirsty.lowe@example.org?subject=Booking%3A%20Budgets%20%26%20scrutiny"
                    "%3A%2050%25%20off%3F%2C%2011%20December%202014")
    # What a mail program reads back: the subject exactly, no stray "+" for spaces.
    assert parse_qs(urlsplit(href).query) == {"subject": ["Booking: Budgets & scrutiny: 50% off?, 11 December 2014"]}
    waiting = pages.mailto(event, event.sessions[0], waiting_list=True)
    assert parse_qs(urlsplit(waiting).query)["subject"] == [
        "Waiting list: Budgets & scrutiny: 50% off?, 11 December 2014"]


def test_no_mailto_without_an_email(tmp_path):
    event = event_with(tmp_path, top="booking:\n  phone: 01632 960 637\n")
    assert pages.mailto(event, event.sessions[0]) is None


def test_the_map_link_searches_openstreetmap_for_the_venue_and_postcode(tmp_path):
    event = event_with(tmp_path)
    url = pages.map_url(event.sessions[0])
    assert url.startswith("https://www.openstreetmap.org/search?")
    assert parse_qs(urlsplit(url).query) == {"query": ["Pera Business Park, LE13 0PB"]}


@pytest.mark.parametrize("price, words", [
    (Price(Decimal(950), "GBP", vat="plus", per="candidate"), "£950 plus VAT per candidate"),
    (Price(Decimal("884.50"), "GBP", vat="included"), "£884.50 including VAT"),
    (Price(Decimal(1250), "EUR", per="person"), "€1,250 per person"),
    (Price(Decimal(0)), "Free"),
    (Price(Decimal(0), note="free to councillors in the East Midlands"),
     "Free (free to councillors in the East Midlands)"),
])
def test_price_wording(price, words):
    assert price_text(price) == words


def test_price_wording_from_an_event_file(tmp_path):
    event = load_event(tmp_path, joined(TASTER, """\
        price:
          amount: 950
          vat: plus
          per: candidate
        """))
    assert pages.event_view(event, BEFORE)["price"] == "£950 plus VAT per candidate"
    free = load_event(tmp_path / "free", joined(TASTER, "price:\n  amount: free\n"))
    assert pages.event_view(free, BEFORE)["price"] == "Free"


def test_money_shows_pence_only_when_there_are_some():
    assert money(Decimal("950.00"), "GBP") == "£950"
    assert money(Decimal("0.50"), "USD") == "$0.50"
    assert money(Decimal("10"), "CHF") == "CHF 10"


def test_places_wording():
    assert places_text(8, None) == "Limited to 8 places"
    assert places_text(1, None) == "Limited to 1 place"
    assert places_text(None, None) is None
    assert places_text(8, 0) == "Fully booked"


def test_banners_for_status_changes(tmp_path):
    event = load_event(tmp_path, joined(TASTER.split("sessions:")[0], """\
        sessions:
          - id: moved
            start: 2014-12-11 10:00
            end: 13:00
            venue: melton
            status: rescheduled
            previous_start: 2014-12-04 10:00
          - id: off
            start: 2014-12-12 10:00
            end: 13:00
            venue: melton
            status: cancelled
          - id: later
            start: 2014-12-13 10:00
            end: 13:00
            venue: melton
            status: postponed
          - id: normal
            start: 2014-12-14 10:00
            end: 13:00
            venue: melton
        """))
    banners = [pages.session_view(event, s, BEFORE, "Europe/London").banner for s in event.sessions]
    assert banners == [
        "This session has moved from Thursday 4 December 2014, 10am to Thursday 11 December 2014, 10am.",
        "This session has been cancelled.",
        "This session has been postponed. A new date will be announced.",
        None,
    ]


def test_event_view_splits_upcoming_and_past_and_notes_other_zones(tmp_path):
    event = load_event(tmp_path, joined(TASTER.split("sessions:")[0], """\
        booking:
          email: k@example.org
          phone: 01632 960 637
        sessions:
          - id: autumn
            start: 2014-10-02 10:00
            end: 13:00
            venue: melton
          - id: winter
            start: 2014-12-11 10:00
            end: 13:00
            venue: derby
            timezone: Europe/Paris
        """))
    view = pages.event_view(event, BEFORE)
    assert [s.id for s in view["upcoming"]] == ["winter"]
    assert [s.id for s in view["past"]] == ["autumn"]
    winter = view["upcoming"][0]
    assert winter.when == "Thursday 11 December 2014, 10am to 1pm"
    assert winter.start_iso == "2014-12-11T10:00+01:00"
    assert winter.timezone_note == "Europe/Paris time"
    assert view["booking"]["phone_href"] == "tel:01632960637"
    # One upcoming session: the general email link names its date too.
    assert view["booking"]["email_href"].endswith("%2C%2011%20December%202014")


def test_with_several_upcoming_sessions_the_general_email_names_no_date(tmp_path):
    event = load_event(tmp_path, joined(TASTER, """\
          - id: again
            start: 2015-01-15 10:00
            end: 13:00
            venue: melton
        booking:
          email: k@example.org
        """))
    href = pages.event_view(event, BEFORE)["booking"]["email_href"]
    assert parse_qs(urlsplit(href).query)["subject"] == ["Booking: Action planning for councillors"]


def listing_folder(tmp_path):
    def event(title, *starts):
        sessions = "".join(f"  - id: s{i}\n    start: {start}\n    end: 13:00\n    venue: melton\n"
                           for i, start in enumerate(starts))
        return f"title: {title}\nsummary: x\norganiser: emc\nsessions:\n{sessions}"
    return load_folder(tmp_path, {
        "a-spring.yml": event("Spring", "2015-03-01 10:00"),
        "b-next-week.yml": event("Next week", "2014-11-27 10:00"),
        "c-long-ago.yml": event("Long ago", "2013-05-01 10:00"),
        "d-last-month.yml": event("Last month", "2014-10-20 10:00"),
        "e-series.yml": event("Series", "2014-09-01 10:00", "2014-12-01 10:00", "2015-02-01 10:00"),
        "f-today.yml": event("Today", "2014-11-20 10:00"),
    })


def test_listing_upcoming_soonest_first_then_past_newest_first(tmp_path):
    listing = pages.listing(listing_folder(tmp_path), BEFORE)
    assert [c["title"] for c in listing["upcoming"]] == ["Today", "Next week", "Series", "Spring"]
    assert [c["title"] for c in listing["past"]] == ["Last month", "Long ago"]
    series = listing["upcoming"][2]
    # A series shows its next date, not its first, and says how many more are coming.
    assert series["when"] == "Monday 1 December 2014, 10am to 1pm" and series["more_dates"] == 1
    assert listing["past"][0]["availability"] == "Took place"
    assert listing["upcoming"][0]["page"] == "events/f-today.md"
    assert listing["today"] == "Thursday 20 November 2014"


def test_listing_moves_events_to_past_as_today_moves(tmp_path):
    listing = pages.listing(listing_folder(tmp_path), dt.date(2015, 2, 2))
    assert [c["title"] for c in listing["upcoming"]] == ["Spring"]
    assert [c["title"] for c in listing["past"]] == [
        "Series", "Next week", "Today", "Last month", "Long ago"]
