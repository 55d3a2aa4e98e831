"""Every page type in Chromium at 1280 and 390 px: axe-core finds no WCAG 2.0/2.1/2.2 A or AA
violation (of any impact), nothing leaves 127.0.0.1, the console stays clean, nothing scrolls
sideways at 320 px, headings form an outline and session details are a definition list."""

from __future__ import annotations

import pytest

from browser_support import EVENT_PAGES, PAGES, WIDTHS, describe_violations, run_axe

BY_TYPE = [pytest.param(path, id=name) for name, path in PAGES.items()]
BY_WIDTH = [pytest.param(width, id=name) for name, width in WIDTHS.items()]


@pytest.mark.parametrize("width", BY_WIDTH)
@pytest.mark.parametrize("path", BY_TYPE)
def test_axe_privacy_and_console(open_page, path, width):
    visit = open_page(path, width)
    violations = run_axe(visit.page)["violations"]
    problems = visit.problems()
    if violations:
        problems.append(f"axe at {width}px:\n{describe_violations(violations)}")
    assert not problems, f"{path} at {width}px:\n" + "\n".join(problems)


def test_every_built_page_is_visited(built_site, open_page):
    """Pages this list does not name (new page types, brochures, guides) get the same checks."""
    named = {p.rstrip("/") or "/" for p in PAGES.values()}
    others = []
    for html in sorted(built_site.rglob("*.html")):
        url = "/" + html.relative_to(built_site).as_posix()
        url = url.removesuffix("index.html").rstrip("/") or "/"
        if url not in named:
            others.append(url + ("" if url.endswith(".html") else "/"))
    assert others, "expected the guide and about pages at least"
    failures = []
    for path in others:
        for width in WIDTHS.values():
            visit = open_page(path, width)
            violations = run_axe(visit.page)["violations"]
            if violations:
                failures.append(f"axe at {width}px on {path}:\n{describe_violations(violations)}")
            failures += [f"{path} at {width}px: {p}" for p in visit.problems()]
            visit.page.context.close()
    assert failures == []


def test_missing_page_gets_the_404_page(open_page):
    visit = open_page("/no-such-page/")
    assert visit.page.locator("h1").inner_text().startswith("404")
    # The main document's 404 status is logged by Chromium; nothing else may be.
    assert [e for e in visit.console_errors if "404" not in e] == []
    assert visit.outside == []


def test_search_works_without_leaving_the_machine(open_page):
    visit = open_page("/", 1280)
    page = visit.page
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type("action learning")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


@pytest.mark.parametrize("path", BY_TYPE)
def test_no_horizontal_scrolling_at_320px(open_page, path):
    page = open_page(path, 320, 640, idle=False).page
    overflow = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.checkVisibility())
            .slice(0, 10).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' +
                              Math.round(e.getBoundingClientRect().right) + 'px');
    }""")
    assert overflow == [], f"{path} scrolls sideways at 320px; wider than the screen: {overflow}"


@pytest.mark.parametrize("path", BY_TYPE)
def test_headings_form_an_outline(open_page, path):
    headings = open_page(path, idle=False).page.evaluate("""() =>
        Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
             .filter(h => h.checkVisibility({visibilityProperty: true}) || h.closest('.md-content'))
             .map(h => [Number(h.tagName[1]), h.textContent.trim()])""")
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1, f"{path}: expected one h1, found {headings}"
    assert levels[0] == 1, f"{path}: the first heading is not the h1: {headings}"
    assert all(text for _, text in headings), f"{path}: an empty heading: {headings}"
    for (before, _), (level, text) in zip(headings, headings[1:]):
        assert level <= before + 1, f"{path}: h{before} is followed by h{level} ({text!r}): {headings}"


SESSION_FACTS = """() => Array.from(document.querySelectorAll('[id^="session-"]')).map(s => {
    const dl = s.querySelector('dl');
    const table = s.querySelector('table');
    const pairs = dl ? Array.from(dl.querySelectorAll('dt')).map(dt => {
        let dd = dt.nextElementSibling;
        return [dt.textContent.trim(), dd && dd.tagName === 'DD' ? dd.textContent.trim() : null];
    }) : [];
    const divs = Array.from(s.querySelectorAll('div')).filter(d => !d.closest('dl') && d !== s);
    return {id: s.id, pairs, tableHeaders: table ? table.querySelectorAll('th').length : 0,
            looseDivs: divs.map(d => d.className)};
})"""


@pytest.mark.parametrize("path", [pytest.param(p, id=n) for n, p in EVENT_PAGES.items() if n != "past"])
def test_session_details_are_a_definition_list(open_page, path):
    sessions = open_page(path, idle=False).page.evaluate(SESSION_FACTS)
    assert sessions, f"{path}: no session found"
    for s in sessions:
        assert s["pairs"] or s["tableHeaders"], f"{path}: {s['id']} has neither a <dl> nor a table with headers"
        terms = dict(s["pairs"])
        assert None not in terms.values(), f"{path}: a <dt> with no <dd> in {s['id']}: {s['pairs']}"
        assert "Date and time" in terms, f"{path}: {s['id']}: {s['pairs']}"
        # Where: the venue, the town while the venue is not chosen, or how to take part online.
        assert terms.keys() & {"Venue", "Where", "How to take part"}, f"{path}: {s['id']}: {s['pairs']}"
        assert all(terms.values()), f"{path}: an empty <dd> in {s['id']}: {s['pairs']}"
