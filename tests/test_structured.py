"""schema.org Event data: what search engines read from an event page."""

from __future__ import annotations

import datetime as dt
import json

import re

from conftest import TASTER, joined, load_event

from eventsite.outputs import structured

PAID = joined(TASTER, """\
    places: 8
    price:
      amount: 950
      vat: plus
      per: candidate
    booking:
      email: book@example.org
      closes: 2014-12-04
    """)


def with_session(text: str, *lines: str) -> str:
    """``text`` with ``lines`` added to its first session, at that session's indentation."""
    match = re.search(r"^( *)venue: melton\n", text, flags=re.M)
    indent = match.group(1)
    return text[:match.end()] + "".join(f"{indent}{line}\n" for line in lines) + text[match.end():]



def test_google_required_fields_and_status(tmp_path):
    text = with_session(PAID, "status: rescheduled", "previous_start: 2014-12-04 10:00", "places_left: 2")
    event = load_event(tmp_path, text)
    data = json.loads(structured.event_json_ld(event, "https://e.org/events/taster/", dt.date(2014, 11, 20)))
    assert data["@type"] == "Event"
    assert data["name"] == "Action planning for councillors"
    assert data["startDate"] == "2014-12-11T10:00+00:00"
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2014-12-04T10:00+00:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["postalCode"] == "LE13 0PB"
    assert data["organizer"]["name"] == "East Midlands Councils"
    offer = data["offers"]
    assert (offer["price"], offer["priceCurrency"]) == ("950.00", "GBP")
    assert offer["priceSpecification"]["valueAddedTaxIncluded"] is False
    assert offer["availability"] == "https://schema.org/LimitedAvailability"
    assert data["remainingAttendeeCapacity"] == 2


def test_cancelled_and_sold_out(tmp_path):
    text = with_session(PAID, "status: cancelled")
    data = json.loads(structured.event_json_ld(load_event(tmp_path / "a", text), None, dt.date(2014, 11, 20)))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    text = with_session(PAID, "places_left: 0")
    data = json.loads(structured.event_json_ld(load_event(tmp_path / "b", text), None, dt.date(2014, 11, 20)))
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


def test_markup_in_text_cannot_end_the_script_element(tmp_path):
    text = TASTER.replace("summary: A free half-day taster session.", "summary: 'Bad </script><script>alert(1)'")
    out = structured.event_json_ld(load_event(tmp_path, text), None, dt.date(2014, 11, 20))
    assert "</script>" not in out
    assert json.loads(out)["description"] == "Bad </script><script>alert(1)"
