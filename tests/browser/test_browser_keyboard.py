"""Keyboard alone: Tab reaches the booking and calendar links on every bookable event page, each
shows a focus indicator that can be seen (it changes the pixels and contrasts at 3:1 with what
is around it, WCAG 2.4.7 and 1.4.11), and Tab goes through every page without getting stuck on
anything invisible or unmarked."""

from __future__ import annotations

import pytest

from browser_support import EVENT_PAGES, PAGES

MAX_TABS = 150

# Mark the focused element and describe it: where it is, whether it shows, and how focus looks.
FOCUSED = """async () => {
    // Let the page react to the focus change first (Material opens search on focus, a frame later).
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    // Judge what focus ends up looking like, not a frame of a fade-in.
    document.getAnimations().forEach(a => { try { a.finish(); } catch (err) {} });
    if (!e.dataset.tabIndexSeen) e.dataset.tabIndexSeen = String(document.querySelectorAll('[data-tab-index-seen]').length);
    const style = getComputedStyle(e);
    const rect = e.getBoundingClientRect();
    const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // The colour the indicator is drawn on: the first opaque background outside the element.
    let behind = [255, 255, 255];
    for (let a = e.parentElement; a; a = a.parentElement) {
        const c = rgb(getComputedStyle(a).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) { behind = c.slice(0, 3); break; }
    }
    // Every colour of the indicator: the outline and each box-shadow ring.
    const colours = [];
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) colours.push(rgb(style.outlineColor));
    if (style.boxShadow !== 'none') for (const m of style.boxShadow.matchAll(/rgba?\\([^)]*\\)/g)) colours.push(rgb(m[0]));
    const ratio = c => {
        if (c.length === 4 && c[3] === 0) return 1;
        const [l1, l2] = [luminance(c), luminance(behind)].sort((x, y) => y - x);
        return (l1 + 0.05) / (l2 + 0.05);
    };
    return {
        seen: e.dataset.tabIndexSeen, tag: e.tagName.toLowerCase(), href: e.getAttribute('href') || '',
        text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 60),
        visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true})
                 && rect.width > 0 && rect.height > 0,
        inViewport: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
        box: {x: rect.x, y: rect.y, width: rect.width, height: rect.height},
        contrast: Math.max(1, ...colours.map(ratio)),
        indicator: colours.length > 0,
    };
}"""


SEARCH_READY = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    return !meta || !/Initializing/i.test(meta.textContent);
}"""


def settled(page):
    """Wait until Material's search is ready: until then, on a phone, focus can land on its box
    before the script that opens it on focus is listening (seen on a loaded machine)."""
    page.wait_for_function(SEARCH_READY, timeout=20_000)
    return page


def tab_through(page, inspect=None):
    """Press Tab until focus comes back round (or MAX_TABS); what each press focused, in order.
    ``inspect(focused)`` runs at each stop; it may blur the element (Tab then goes on from it)."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            if stops:
                break
            continue
        if stops and focused["seen"] == stops[0]["seen"]:
            break
        stops.append(focused)
        if inspect:
            inspect(focused)
    return stops


def focus_changes_pixels(page, box) -> bool:
    """Whether the focused element looks different from the same element unfocused."""
    pad = 8
    clip = {"x": max(box["x"] - pad, 0), "y": max(box["y"] - pad, 0),
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => document.activeElement.blur()")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    return focused != unfocused


BOOKABLE = {n: p for n, p in EVENT_PAGES.items() if n in ("event", "fully-booked", "rescheduled")}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", [pytest.param(p, id=n) for n, p in BOOKABLE.items()])
def test_booking_and_calendar_links_by_keyboard(open_page, path, width):
    page = settled(open_page(path, width).page)
    targets = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-content a[href^="mailto:"], .md-content a[href^="tel:"], .md-content a.md-button,'
            + ' .md-content a[href$=".ics"]'))
        .map(a => a.getAttribute('href'))""")
    assert any(h.endswith(".ics") for h in targets), f"{path}: no calendar link"
    assert any(h.startswith(("mailto:", "tel:")) for h in targets), f"{path}: no booking link"

    problems = []

    def inspect(focused):
        href = focused["href"]
        if href not in targets:
            return
        if not (focused["visible"] and focused["inViewport"]):
            problems.append(f"{href}: focused out of sight")
        if not focused["indicator"]:
            problems.append(f"{href}: no outline or ring when focused")
        elif focused["contrast"] < 3:
            problems.append(f"{href}: the focus indicator contrasts {focused['contrast']:.2f}:1 with its "
                            "surroundings; 3:1 is needed (WCAG 1.4.11)")
        if not focus_changes_pixels(page, focused["box"]):
            problems.append(f"{href}: focus changes nothing on screen")

    stops = tab_through(page, inspect)
    assert stops and "skip" in stops[0]["text"].lower(), (
        f"{path}: the first Tab should reach the skip link, got {stops[:1]}")
    reached = {s["href"] for s in stops}
    assert set(targets) <= reached, f"{path}: not reached by Tab: {sorted(set(targets) - reached)}"
    assert problems == [], f"{path} at {width}px:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", [pytest.param(p, id=n) for n, p in PAGES.items()])
def test_every_tab_stop_is_visible_and_marked(open_page, path, width):
    page = settled(open_page(path, width).page)
    stops = tab_through(page)
    assert len(stops) < MAX_TABS, f"{path}: focus never came back round (a keyboard trap?)"
    hidden = [s for s in stops if not (s["visible"] and s["inViewport"])]
    unmarked = [s for s in stops if s["visible"] and (not s["indicator"] or s["contrast"] < 3)]
    assert hidden == [], f"{path} at {width}px: Tab stops on something that cannot be seen: {hidden}"
    assert unmarked == [], f"{path} at {width}px: Tab stops with no focus indicator at 3:1: {unmarked}"


def test_navigation_drawer_by_keyboard_on_a_phone(open_page):
    """At 390 px the navigation is a drawer: Tab reaches its menu button, Enter opens it, and Tab
    then goes through its links, each in sight."""
    page = settled(open_page(PAGES["event"], 390).page)
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and focused["text"] == "Menu":
            break
    assert focused and focused["text"] == "Menu", "Tab does not reach the menu button"
    assert focused["visible"] and focused["indicator"] and focused["contrast"] >= 3
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked"), "Enter did not open the menu"
    links = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"] and focused["inViewport"], f"focus went out of sight: {focused}"
        links.append(focused["text"])
    assert "Events" in links, links
