"""Listings as a visitor scans them: grouped by month, with a date badge, and filtered by
organiser or audience with a page per filter (pure functions in eventsite.outputs.pages)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import load_folder
from eventsite.outputs import pages

BEFORE = dt.date(2014, 11, 20)


def card(title, start_iso=None, **more):
    return {"title": title, "start_iso": start_iso, **more}


@pytest.mark.parametrize("cards, expected", [
    ([], []),
    ([card("a", "2014-12-11T10:00"), card("b", "2014-12-30T10:00"), card("c", "2015-01-02")],
     [("December 2014", "2014-12", ["a", "b"]), ("January 2015", "2015-01", ["c"])]),
    # Past events come newest first: the months follow the cards' order.
    ([card("new", "2014-10-20T10:00"), card("old", "2013-05-01T10:00")],
     [("October 2014", "2014-10", ["new"]), ("May 2013", "2013-05", ["old"])]),
    # Same month in two years is two groups; undated cards go last, whatever their place.
    ([card("tbc"), card("x", "2014-12-01"), card("y", "2015-12-01")],
     [("December 2014", "2014-12", ["x"]), ("December 2015", "2015-12", ["y"]),
      ("Dates to be confirmed", None, ["tbc"])]),
])
def test_cards_are_grouped_by_month_in_the_order_given(cards, expected):
    groups = pages.by_month(cards)
    assert [(g["title"], g["iso"], [c["title"] for c in g["cards"]]) for g in groups] == expected


@pytest.mark.parametrize("audience, slug", [
    ("Councillors in the East Midlands", "councillors-in-the-east-midlands"),
    ("Employer-facing staff in Sector Skills Councils (SSCs)", "employer-facing-staff-in-sector-skills-councils-sscs"),
    ("Élus & agents", "elus-agents"),
    ("!!!", "everyone"),
])
def test_audience_slug_is_a_url_folder(audience, slug):
    assert pages.audience_slug(audience) == slug


def listing_folder(tmp_path):
    def event(title, start, organiser="emc", audience=None):
        return (f"title: {title}\nsummary: x\norganiser: {organiser}\n"
                + (f"audience: {audience}\n" if audience else "")
                + f"sessions:\n  - id: s\n    start: {start}\n    end: 13:00\n    venue: melton\n")
    files = {
        "a.yml": event("Councillors in December", "2014-12-11 10:00", audience="Councillors"),
        "b.yml": event("Officers in January", "2015-01-08 10:00", "lga", audience="Officers"),
        "c.yml": event("Councillors last year", "2013-12-05 10:00", audience="Councillors"),
        "d.yml": event("Anyone", "2014-12-20 10:00"),
        "_organisers.yml": "emc:\n  name: East Midlands Councils\n  email: e@example.org\n"
                           "lga:\n  name: Local Government Association\n  email: l@example.org\n",
    }
    return load_folder(tmp_path, files)


def test_cards_carry_a_date_badge_and_what_filters_need(tmp_path):
    view = pages.listing(listing_folder(tmp_path), BEFORE)
    first = view["upcoming"][0]
    assert first["badge"] == {"day": "11", "month": "Dec", "iso": "2014-12-11"}
    assert (first["organiser_id"], first["organiser"]) == ("emc", "East Midlands Councils")
    assert (first["audience"], first["audience_slug"]) == ("Councillors", "councillors")
    assert [g["title"] for g in view["upcoming_by_month"]] == ["December 2014", "January 2015"]
    assert [g["title"] for g in view["past_by_month"]] == ["December 2013"]


def test_a_page_per_organiser_and_audience_with_their_events_only(tmp_path):
    filters = pages.filters(pages.listing(listing_folder(tmp_path), BEFORE))
    summary = {kind: [(f["path"], f["title"], [c["title"] for c in f["upcoming"]], [c["title"] for c in f["past"]])
                      for f in views] for kind, views in filters.items()}
    assert summary == {
        "organiser": [
            ("events/organiser/emc.md", "Events from East Midlands Councils",
             ["Councillors in December", "Anyone"], ["Councillors last year"]),
            ("events/organiser/lga.md", "Events from Local Government Association", ["Officers in January"], []),
        ],
        "audience": [  # an event that names no audience is on no audience page
            ("events/audience/councillors.md", "Events for Councillors",
             ["Councillors in December"], ["Councillors last year"]),
            ("events/audience/officers.md", "Events for Officers", ["Officers in January"], []),
        ],
    }
    councillors = filters["audience"][0]
    assert councillors["count"] == 1
    assert [g["title"] for g in councillors["upcoming_by_month"]] == ["December 2014"]
    assert [g["title"] for g in councillors["past_by_month"]] == ["December 2013"]
