"""What a visitor sees before scrolling, and what surrounds it: an events site, not documentation.

On a small phone (375x667), with the example's notice band above the header, an event page's
first screen answers what (the title), when, where (the venue and its town), the price and the
places, and offers its actions: "Book a place" (or "Join the waiting list") and "Add to
calendar". A cancelled or fully booked session's banner and its changed action are on that
screen too, and the longest title in the fixtures does not push anything off it. The events index
and the home page show an event on their first screen. At 1280 px public pages have no
documentation sidebar, and the site's sections are tabs in the header.
"""

from __future__ import annotations

import pytest

from browser_support import PAGES

PHONE = {"width": 375, "height": 667}

# page -> (words of the banner that must be on the first screen, or None; the actions, in order)
EVENT_FIRST_SCREENS = {
    "event": (None, ["Book a place", "Add to calendar"]),
    "fully-booked": ("fully booked", ["Join the waiting list", "Add to calendar"]),
    "cancelled": ("has been cancelled", []),
    "postponed": ("has been postponed", []),
    "rescheduled": ("has moved from", ["Book a place", "Add to calendar"]),
    "booking-closed": ("has closed", ["Add to calendar"]),
    "long-words": (None, ["Book a place", "Add to calendar"]),
}
FACTS = ["Date and time", "Venue", "Price", "Places"]

# Where each thing is on the first screen: a box per element, and whether the page has scrolled.
FIRST_SCREEN = """() => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const visible = e => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const text = e => { const c = e.cloneNode(true);
                        c.querySelectorAll('.visually-hidden').forEach(x => x.remove());
                        return c.textContent.replace(/\\s+/g, ' ').trim(); };
    const key = document.querySelector('.event__key');
    const facts = key ? Array.from(key.querySelectorAll('dl.facts > div')).filter(visible).map(d => ({
        term: text(d.querySelector('dt')), value: text(d.querySelector('dd')), box: box(d)})) : [];
    return {
        scrollY: window.scrollY, height: window.innerHeight, width: window.innerWidth,
        title: {text: text(document.querySelector('h1')), box: box(document.querySelector('h1'))},
        banners: Array.from(document.querySelectorAll('.event [role=status]')).map(b => ({text: text(b), box: box(b)})),
        facts,
        actions: key ? Array.from(key.querySelectorAll('.session__action a.md-button')).filter(visible)
                          .map(a => ({text: text(a), box: box(a)})) : [],
    };
}"""


def on_screen(box: dict, screen: dict) -> bool:
    return box["top"] >= 0 and box["bottom"] <= screen["height"] and box["left"] >= 0 and box["right"] <= screen["width"]


@pytest.mark.parametrize("name", list(EVENT_FIRST_SCREENS))
def test_an_event_pages_first_phone_screen_has_the_facts_and_the_actions(open_page, name):
    banner_words, actions = EVENT_FIRST_SCREENS[name]
    screen = open_page(PAGES[name], **PHONE).page.evaluate(FIRST_SCREEN)
    assert screen["scrollY"] == 0
    where = f"{PAGES[name]} at 375x667"
    assert on_screen(screen["title"]["box"], screen), f"{where}: the title runs off the first screen"

    terms = [fact["term"] for fact in screen["facts"]]
    for term in FACTS:
        assert term in terms, f"{where}: no {term!r} among the facts {terms}"
        fact = next(f for f in screen["facts"] if f["term"] == term)
        assert fact["value"], f"{where}: {term} is empty"
        assert on_screen(fact["box"], screen), (
            f"{where}: {term} ({fact['value']!r}) is below the first screen (bottom at {fact['box']['bottom']:.0f}px)")
    venue = next(f["value"] for f in screen["facts"] if f["term"] == "Venue")
    assert "Melton Mowbray" in venue, f"{where}: the venue does not name its town: {venue!r}"

    if banner_words:
        banners = [b for b in screen["banners"] if banner_words in b["text"]]
        assert banners, f"{where}: no banner saying {banner_words!r}: {[b['text'] for b in screen['banners']]}"
        assert on_screen(banners[0]["box"], screen), f"{where}: the banner is below the first screen"
    shown = [a["text"] for a in screen["actions"]]
    assert len(shown) == len(actions) and all(a.startswith(want) for a, want in zip(shown, actions)), (
        f"{where}: expected the actions {actions}, found {shown}")
    for action in screen["actions"]:
        assert on_screen(action["box"], screen), (
            f"{where}: {action['text']!r} is below the first screen (bottom at {action['box']['bottom']:.0f}px)")


LISTING_FIRST_SCREEN = """() => {
    const first = document.querySelector('.event-card__title a');
    const r = first ? first.getBoundingClientRect() : null;
    return {title: first ? first.textContent.trim() : null, top: r ? r.top : null, bottom: r ? r.bottom : null,
            height: window.innerHeight,
            openFilters: Array.from(document.querySelectorAll('details.event-filters__fold[open]')).length};
}"""


@pytest.mark.parametrize("name", ["home", "events-index", "events-filter"])
def test_the_first_phone_screen_of_a_listing_shows_an_event(open_page, name):
    screen = open_page(PAGES[name], **PHONE).page.evaluate(LISTING_FIRST_SCREEN)
    assert screen["title"], f"{PAGES[name]}: no event listed"
    assert 0 <= screen["top"] and screen["bottom"] <= screen["height"], (
        f"{PAGES[name]} at 375x667: the first event's title is at {screen['top']:.0f}-{screen['bottom']:.0f}px, "
        f"below the first screen")
    assert screen["openFilters"] == 0, f"{PAGES[name]}: the filters are open above the events"


# Every page type a visitor meets (the authors' guide is documentation and keeps its sidebar).
PUBLIC = [pytest.param(path, id=name) for name, path in PAGES.items()]
SIDEBARS = """() => Array.from(document.querySelectorAll('.md-sidebar'))
    .filter(s => s.checkVisibility({visibilityProperty: true}) && s.getBoundingClientRect().width > 0
                 && s.textContent.trim())
    .map(s => s.className)"""


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_documentation_sidebar_at_1280px(open_page, path):
    page = open_page(path, 1280, 800, idle=False).page
    assert page.evaluate(SIDEBARS) == [], f"{path}: a sidebar beside the page at 1280px"
    tabs = page.evaluate("""() => Array.from(document.querySelectorAll('.md-tabs a'))
        .filter(a => a.checkVisibility()).map(a => a.textContent.trim())""")
    assert {"Events", "Programmes", "Calendars", "About"} <= set(tabs), f"{path}: the sections are not tabs: {tabs}"


@pytest.mark.parametrize("path, tab", [("/events/action-planning-for-councillors/", "Events"),
                                       ("/events/", "Events"), ("/programmes/action-learning-ambassadors/", "Programmes"),
                                       ("/calendars/", "Calendars"), ("/explainers/what-is-action-learning/", "About")])
def test_the_tab_of_the_pages_section_is_marked_current(open_page, path, tab):
    current = open_page(path, 1280, 800, idle=False).page.evaluate(
        "() => Array.from(document.querySelectorAll('.md-tabs a[aria-current]')).map(a => a.textContent.trim())")
    assert current == [tab], f"{path}: the current tab is {current}"


def test_page_titles_share_one_type_scale(open_page):
    """Every page title is set alike (the documentation pages' titles were light grey and thin)."""
    looks = set()
    for path in ("/", "/events/", "/calendars/", "/programmes/", PAGES["event"], PAGES["programme"], "/about/",
                 "/testimonials/", "/404.html"):
        looks.add(tuple(open_page(path, 1280, 800, idle=False).page.evaluate("""() => {
            const s = getComputedStyle(document.querySelector('.md-content h1'));
            return [s.fontSize, s.fontWeight, s.color];
        }""")))
    assert len(looks) == 1, f"page titles differ: {looks}"
    ((size, weight, colour),) = looks
    assert int(weight) >= 700 and colour in ("rgb(31, 31, 31)", "rgba(0, 0, 0, 0.87)"), looks
