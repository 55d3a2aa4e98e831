"""Add-to-calendar links: the exact URL each service gets, for awkward titles and clock changes."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import re

from conftest import joined, load_event, TASTER

from eventsite.outputs import calendar_links

AWKWARD = TASTER.replace("title: Action planning for councillors",
                         'title: "Tea, cake & Llanfair Pwllgwyngyll: ŵ ŷ café"')


def with_session(text: str, *lines: str) -> str:
    """``text`` with ``lines`` added to its first session, at that session's indentation."""
    match = re.search(r"^( *)venue: melton\n", text, flags=re.M)
    indent = match.group(1)
    return text[:match.end()] + "".join(f"{indent}{line}\n" for line in lines) + text[match.end():]



def _query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}


def test_google_link_carries_title_and_utc_times_across_the_clock_change(tmp_path):
    # 26 October 2014: BST ends at 02:00. A session from 00:30 BST to 03:30 GMT is 4 hours long.
    text = AWKWARD.replace("start: 2014-12-11 10:00", "start: 2014-10-26 00:30").replace(
        "end: 13:00", "end: 03:30")
    event = load_event(tmp_path, text)
    url = calendar_links.google(event, event.sessions[0], "https://events.example.org/events/taster/")
    assert url.startswith("https://calendar.google.com/calendar/render?")
    query = _query(url)
    assert query["text"] == "Tea, cake & Llanfair Pwllgwyngyll: ŵ ŷ café"
    assert query["dates"] == "20141025T233000Z/20141026T033000Z"
    assert "Pera Business Park" in query["location"]
    assert "https://events.example.org/events/taster/" in query["details"]
    # The raw URL holds no unescaped separator that would cut the title short.
    assert "&" not in url.split("text=")[1].split("&dates")[0]


def test_outlook_links_use_iso_utc_and_the_compose_path(tmp_path):
    text = AWKWARD.replace("start: 2014-12-11 10:00", "start: 2014-03-30 00:30").replace(
        "end: 13:00", "end: 03:00")  # BST starts at 01:00 GMT on 30 March 2014
    event = load_event(tmp_path, text)
    session = event.sessions[0]
    for make, host in ((calendar_links.outlook_com, "outlook.live.com"),
                       (calendar_links.microsoft_365, "outlook.office.com")):
        url = make(event, session, None)
        assert urlsplit(url).netloc == host
        query = _query(url)
        assert query["subject"] == "Tea, cake & Llanfair Pwllgwyngyll: ŵ ŷ café"
        assert query["startdt"] == "2014-03-30T00:30:00Z"
        assert query["enddt"] == "2014-03-30T02:00:00Z"  # 03:00 BST
        assert query["rru"] == "addevent"
        assert query["path"] == "/calendar/action/compose"


def test_links_are_offered_only_for_sessions_that_will_happen(tmp_path):
    from eventsite.outputs.pages import event_view

    text = with_session(TASTER, "status: cancelled")
    event = load_event(tmp_path, text)
    view = event_view(event, dt.date(2014, 11, 20))
    assert view["upcoming"][0].calendar_links == ()
    open_event = load_event(tmp_path / "b", TASTER)
    labels = [link["label"] for link in event_view(open_event, dt.date(2014, 11, 20))["upcoming"][0].calendar_links]
    assert labels == ["Google Calendar", "Outlook.com", "Microsoft 365"]
