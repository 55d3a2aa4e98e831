"""Bad input, tried as an attacker and as a hurried author would.

Each case gives a clear, located error or a correct page. None may give a traceback, hang, write
outside site/, or put unescaped markup into a page. The pure stages are tried in-process; a few
real builds are read back with BeautifulSoup, icalendar and vobject.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from textwrap import dedent

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import ROOT, TASTER, copy_project, load_event, problems_in, run_build, write_folder
from eventsite.model import when
from eventsite.outputs import calendar
from eventsite.reading.load import MAX_BYTES


@contextlib.contextmanager
def within(seconds: int):
    """Fail, rather than hang the run, if the block takes longer than ``seconds``."""
    def expired(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def event_with(*lines: str, base: str = TASTER) -> str:
    return dedent(base) + "".join(line + "\n" for line in lines)


# --- refused before parsing ----------------------------------------------------------------------

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


@pytest.mark.parametrize("name", ["bomb.yml", "_venues.yml"])
def test_an_alias_bomb_is_refused_at_once(tmp_path, name):
    folder = write_folder(tmp_path, {"taster.yml": TASTER})
    (folder / name).write_text(BILLION_LAUGHS, encoding="utf-8")
    with within(10):
        problems = problems_in(folder)
    assert f"events/{name}:2: YAML aliases (*name) are not allowed; write the value out in full" in problems


def test_a_merge_key_is_an_alias_too(tmp_path):
    text = "base: &base {start: 2014-12-11 10:00}\n" + dedent(TASTER) + "extra:\n  <<: *base\n"
    problems = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    assert any("YAML aliases (*name) are not allowed" in p for p in problems)


@pytest.mark.parametrize("name", ["huge.yml", "_organisers.yml"])
def test_a_50_mb_file_is_refused_without_being_read(tmp_path, name):
    folder = write_folder(tmp_path, {"taster.yml": TASTER})
    with open(folder / name, "wb") as out:  # sparse: 50 MB on paper, nothing on disk
        out.truncate(50 * 1024 * 1024)
    with within(5):
        problems = problems_in(folder)
    assert (f"events/{name}:1: file is 52,428,800 bytes; an event file must be under {MAX_BYTES:,} bytes. "
            "Split it or remove pasted content") in problems


@pytest.mark.parametrize("data, line", [
    (dedent(TASTER).replace("taster session", "taster séance").encode("latin-1"), 2),  # an old Windows editor
    (dedent(TASTER).encode("utf-16"), 1),  # Notepad's "Unicode"
    (b"title: Taster\nsummary: \xff\xfe\n", 2),
])
def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path, data, line):
    folder = write_folder(tmp_path, {})
    (folder / "taster.yml").write_bytes(data)
    assert problems_in(folder) == [
        f"events/taster.yml:{line}: this file is not UTF-8 text; save it as UTF-8 (in most editors: Save As, "
        "Encoding: UTF-8)"]


def test_a_byte_order_mark_is_accepted_and_leaves_no_trace(tmp_path):
    folder = write_folder(tmp_path, {})
    (folder / "taster.yml").write_bytes(b"\xef\xbb\xbf" + dedent(TASTER).encode("utf-8"))
    (folder / "_venues.yml").write_bytes(b"\xef\xbb\xbf" + (folder / "_venues.yml").read_bytes())
    from eventsite.reading.validate import load_catalogue
    (event,) = load_catalogue(folder).events
    assert event.title == "Action planning for councillors"
    assert event.sessions[0].venue.name == "Pera Business Park"


def test_indenting_with_tabs_names_the_line_and_the_cause(tmp_path):
    text = dedent(TASTER).replace("    start:", "\tstart:")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("\t"))
    (problem,) = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    assert problem.startswith(f"events/taster.yml:{line}: YAML syntax error: ")
    assert "indent with spaces, not tabs" in problem


def test_a_tab_pasted_into_a_value_is_named_and_in_quotes_is_just_a_space(tmp_path):
    # PyYAML cannot read a tab inside unquoted text: the author is told which line and why.
    text = dedent(TASTER).replace("Action planning for", "Action\tplanning for")
    (problem,) = problems_in(write_folder(tmp_path / "a", {"taster.yml": text}))
    assert problem.startswith("events/taster.yml:1: YAML syntax error: ") and "not tabs" in problem
    quoted = dedent(TASTER).replace("Action planning for councillors", '"Action\tplanning for councillors"')
    assert load_event(tmp_path / "b", quoted).title == "Action planning for councillors"


@pytest.mark.parametrize("text, line", [("title: Taster\x00\n", 1), ("title: Taster\nsummary: A \x1b[31mred\n", 2)])
def test_control_characters_are_refused_with_their_line(tmp_path, text, line):
    (problem,) = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    assert problem.startswith(f"events/taster.yml:{line}: has an invisible control character (U+00")


def test_control_characters_written_as_escapes_are_refused_too(tmp_path):
    text = dedent(TASTER).replace("title: Action planning for councillors", 'title: "Bell\\a and escape\\e"')
    assert problems_in(write_folder(tmp_path, {"taster.yml": text})) == [
        "events/taster.yml:1: title: has an invisible control character (U+0007); remove it"]


# --- file names and short names that try to leave their folder -----------------------------------

@pytest.mark.parametrize("file_name, suggestion", [
    ("Gŵyl Dewi.yml", "gwyl-dewi.yml"),
    ("ŷ-ŵ-taster.yml", "y-w-taster.yml"),
    ("🎉 party.yml", "party.yml"),
    ("...yml", "event.yml"),
    ("..%2F..%2Fescape.yml", "2f-2fescape.yml"),
    ("Taster_2015.yml", "taster-2015.yml"),
])
def test_a_file_name_that_cannot_be_a_page_address_is_refused_with_a_folded_name(tmp_path, file_name, suggestion):
    folder = write_folder(tmp_path, {file_name: TASTER})
    assert problems_in(folder) == [
        f"events/{file_name}:1: the file name becomes the page address, so it may hold only lower-case "
        f"letters, digits and hyphens; rename it to {suggestion}"]


@pytest.mark.parametrize("line, field", [
    ("explainers: [../../etc/passwd]", "explainers[1]"),
    ("tags: [../up]", "tags[1]"),
    ("testimonials: ['../../x']", "testimonials[1]"),
])
def test_short_names_cannot_hold_a_path(tmp_path, line, field):
    problems = problems_in(write_folder(tmp_path, {"taster.yml": event_with(line)}))
    assert any(f": {field}: " in p and "is not a short name" in p for p in problems), problems


@pytest.mark.parametrize("old, new, field", [
    ("  - id: taster", "  - id: ../../../tmp/x", "sessions[1].id"),
    ("    venue: melton", "    venue: ../melton", "sessions[1].venue"),
    ("organiser: emc", "organiser: /etc/passwd", "organiser"),
])
def test_ids_that_name_files_cannot_hold_a_path(tmp_path, old, new, field):
    text = dedent(TASTER).replace(old.strip(), new.strip())
    problems = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    assert any(f": {field}: " in p and "is not a short name" in p for p in problems), problems


# --- script and javascript: in every URL field -------------------------------------------------

HOSTILE_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
                "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                'https://example.org/"onmouseover="alert(1)', "https://example.org/<script>",
                "//example.org/x", "https://example.org/ x"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize("where", ["booking", "organiser"])
def test_url_fields_refuse_anything_but_a_web_address(tmp_path, url, where):
    quoted = json.dumps(url)
    if where == "booking":
        folder = write_folder(tmp_path, {"taster.yml": event_with(f"booking: {{url: {quoted}}}")})
        field = "booking.url"
    else:
        folder = write_folder(tmp_path, {"taster.yml": TASTER, "_organisers.yml": f"""\
            emc:
              name: East Midlands Councils
              email: events@example.org
              website: {quoted}
            """})
        field = "emc.website"
    problems = problems_in(folder)
    assert any(f": {field}: " in p and "is not a web address" in p for p in problems), problems


@pytest.mark.parametrize("email", ["x@example.org?cc=boss@example.org", "a&body=hi@example.org",
                                   "<script>@example.org", "javascript:alert(1)@example.org", "x@exa mple.org"])
def test_email_fields_refuse_what_would_add_headers_or_markup(tmp_path, email):
    problems = problems_in(write_folder(tmp_path, {"taster.yml": event_with(f"booking: {{email: {json.dumps(email)}}}")}))
    assert any(": booking.email: " in p and "is not an email address" in p for p in problems), problems


# --- Markdown in body -----------------------------------------------------------------------------

def body_problems(tmp_path, *body: str) -> list[str]:
    text = event_with("body: |", *("  " + line for line in body))
    return problems_in(write_folder(tmp_path, {"taster.yml": text}))


BODY_LINE = len(dedent(TASTER).splitlines()) + 2  # the first line after "body: |"


HTML_REFUSED = ("remove it, or write it in Markdown: **bold**, *italic*, [link text](https://...)")
ATTRIBUTE_REFUSED = "remove it (an attribute list {: ... } may only give a heading an #id, or an image a width and height)"
SCRIPT_LINK = ("links to a {}: address; a link must start https://, http://, mailto: or tel:, or be an address "
               "on this site such as /events/")


@pytest.mark.parametrize("html, removed", [
    ("<script>alert(1)</script>", f"has HTML that pages leave out (<script>); {HTML_REFUSED}"),
    ("<img src=x onerror=alert(1)>", f"sets onerror on <img>, which would run as script; {ATTRIBUTE_REFUSED}"),
    ("<iframe src=https://example.org></iframe>", f"has HTML that pages leave out (<iframe>); {HTML_REFUSED}"),
    ("</div><div onclick=alert(1)>", f"sets onclick on <div>, which would run as script; {ATTRIBUTE_REFUSED}"),
    ("<a href='javascript:alert(1)'>x</a>", SCRIPT_LINK.format("javascript")),
    ("<svg/onload=alert(1)>", f"has HTML that pages leave out (<svg>); {HTML_REFUSED}"),
    ("<style>body{display:none}</style>", f"has HTML that pages leave out (<style>); {HTML_REFUSED}"),
])
def test_html_in_body_is_refused_with_its_line(tmp_path, html, removed):
    assert body_problems(tmp_path, "A first paragraph.", "", f"Then {html} here.") == [
        f"events/taster.yml:{BODY_LINE + 2}: body: {removed}"]


@pytest.mark.parametrize("link, scheme", [
    ("[click](javascript:alert(1))", "javascript"), ("[click]( JaVaScRiPt:alert(1) )", "javascript"),
    ("[click](jav&#x61;script:alert(1))", "javascript"), ("[click](<javascript:alert(1)>)", "javascript"),
    ("[click](vbscript:x)", "vbscript"), ("[click](data:text/html,x)", "data"),
])
def test_links_to_script_addresses_in_body_are_refused(tmp_path, link, scheme):
    assert body_problems(tmp_path, f"See {link}.") == [f"events/taster.yml:{BODY_LINE}: body: "
                                                       + SCRIPT_LINK.format(scheme)]


def test_reference_links_to_script_addresses_are_refused(tmp_path):
    problems = body_problems(tmp_path, "See [the form][f].", "", "[f]: javascript:alert(1)")
    assert problems == [f"events/taster.yml:{BODY_LINE + 2}: body: " + SCRIPT_LINK.format("javascript")]


def test_ordinary_markdown_with_angle_brackets_and_safe_links_is_accepted(tmp_path):
    event = load_event(tmp_path, event_with(
        "body: |", "  Numbers: 3 < 5 and 5 > 3. Write `<br>` in code; <https://example.org/> is a link.",
        "  [Email us](mailto:events@example.org), [call](tel:+441632960000), [about](/about/),",
        "  [relative](../x/), [web](https://example.org/a?b=c&d=e).",
        "", "  ```", "  <b>code block</b>", "  ```"))
    assert "<https://example.org/>" in event.body


# --- a real build of hostile content -------------------------------------------------------------

PAYLOAD = "\"'><script>alert('{0}')</script><img src=x onerror=alert('{0}')><!--<script>"


def p(name: str) -> str:
    """A field's payload, quoted for YAML."""
    return json.dumps(f"{name}{PAYLOAD.format(name)}")


WELSH = "Gŵyl Dewi: ŷ ŵ Ŷ Ŵ 🎉 dathlu; gyda, choffi"

HOSTILE = {
    "_venues.yml": f"""\
        evil:
          name: {p("venue")}
          address: [{p("street")}, "Town; with, semi\\\\colons"]
          postcode: "<b>PC</b>"
        """,
    "_organisers.yml": f"""\
        evil:
          name: {p("organiser")}
          email: events@example.org
          website: "https://example.org/'onmouseover=alert(1)"
        """,
    "hostile.yml": f"""\
        title: {p("title")}
        summary: {p("summary")}
        organiser: evil
        audience: {p("audience")}
        sessions:
          - id: one
            start: 2014-12-11 10:00
            end: 13:00
            venue: evil
        places: 8
        price:
          amount: 10
          note: {p("pricenote")}
        booking:
          contact: {p("contact")}
          email: bookings@example.org
          url: "https://example.org/book?a=1&b='x"
          note: {p("bookingnote")}
        outcomes:
          - {p("outcome")}
          - {p("head")}:
              - {p("sub")}
        benefits: [{p("benefit")}]
        testimonials: [evil]
        body: |
          A body with `<script>alert('code')</script>` in code, and &lt;script&gt; as text.
        """,
    "welsh.yml": f"""\
        title: "{WELSH}"
        summary: "Line one\\nline two; with a semicolon, a comma and a back\\\\slash"
        organiser: evil
        sessions:
          - id: one
            start: 2014-12-12 10:00
            end: 13:00
            venue: evil
        """,
}

TESTIMONIAL = f"""
evil:
  quote: {p("quote")}
  by: {p("by")}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "site-src")
    folder = project / "events"
    for old in folder.glob("*.yml"):
        if not old.name.startswith("_"):
            old.unlink()
    for name, text in {**HOSTILE, "_testimonials.yml": TESTIMONIAL}.items():
        path = folder / name  # shared files keep what the site's pages name, with the hostile entries added
        kept = path.read_text(encoding="utf-8") + "\n" if name.startswith("_") and path.exists() else ""
        path.write_text(kept + dedent(text), encoding="utf-8")
    before = _tree(project)
    result = run_build(project, "--site-dir", "site", EVENTS_TODAY="2014-11-20")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    after = _tree(project)
    assert {k: v for k, v in after.items() if not k.startswith("site/")} == before, "the build wrote outside site/"
    return project / "site"


def _tree(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_page_runs_or_embeds_anything_from_the_files(hostile_site):
    found = []
    for path, soup in _pages(hostile_site):
        for script in soup.find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":
                json.loads(text)  # whole, so nothing after it was swallowed into it
                assert "<" not in text, "JSON-LD must not hold a raw <"
            elif "alert(" in text:
                found.append(f"{path.name}: script {text[:60]!r}")
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if name.startswith("on"):
                    found.append(f"{path.relative_to(hostile_site)}: <{tag.name} {name}=...>")
                if name in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                    found.append(f"{path.relative_to(hostile_site)}: <{tag.name} {name}={value}>")
            if tag.name == "img" and tag.get("src") == "x":
                found.append(f"{path.relative_to(hostile_site)}: <img src=x>")
    assert not found


def test_every_text_field_shows_as_the_text_the_author_wrote(hostile_site):
    page = BeautifulSoup((hostile_site / "events" / "hostile" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = page.get_text()
    assert "<b>PC</b>" in text
    for name in ("title", "summary", "audience", "venue", "street", "pricenote", "contact",
                 "bookingnote", "outcome", "head", "sub", "benefit", "quote", "by"):
        assert f"{name}{PAYLOAD.format(name)}" in text, name
    title = f"title{PAYLOAD.format('title')}"
    assert page.h1.get_text() == title
    assert page.title.get_text().startswith(title + " - ")
    assert page.find("meta", attrs={"name": "description"})["content"].endswith(
        f"summary{PAYLOAD.format('summary')}")
    assert "<script>alert('code')</script>" in page.find("code").get_text()
    index = (hostile_site / "events" / "index.html").read_text(encoding="utf-8")
    assert title in BeautifulSoup(index, "html.parser").get_text()


def test_structured_data_and_feeds_carry_the_text_intact(hostile_site):
    page = BeautifulSoup((hostile_site / "events" / "hostile" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    data = json.loads(page.find("script", attrs={"type": "application/ld+json"}).string)
    assert data["name"] == f"title{PAYLOAD.format('title')}"
    ET.parse(hostile_site / "feed.xml")  # well-formed XML despite the markup in titles


def test_ics_fields_with_newlines_semicolons_and_commas_parse_back(hostile_site):
    raw = (hostile_site / "events" / "welsh.ics").read_bytes()
    (item,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(item["SUMMARY"]) == WELSH
    assert str(item["DESCRIPTION"]).splitlines()[0] == "Line one line two; with a semicolon, a comma and a back\\slash"
    assert "Town; with, semi\\colons" in str(item["LOCATION"])
    other = vobject.readOne(raw.decode("utf-8"))
    assert other.vevent.summary.value == WELSH
    assert "Town; with, semi\\colons" in other.vevent.location.value
    hostile = icalendar.Calendar.from_ical((hostile_site / "events" / "hostile.ics").read_bytes())
    assert str(hostile.walk("VEVENT")[0]["SUMMARY"]) == f"title{PAYLOAD.format('title')}"
    for line in raw.split(b"\r\n"):
        assert b"\n" not in line and b"\r" not in line


def test_welsh_and_emoji_titles_make_a_correct_page(hostile_site):
    page = BeautifulSoup((hostile_site / "events" / "welsh" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.h1.get_text() == WELSH
    assert page.title.get_text().startswith(WELSH)
    data = json.loads(page.find("script", attrs={"type": "application/ld+json"}).string)
    assert data["name"] == WELSH


def test_newlines_in_ics_text_cannot_add_properties(tmp_path):
    text = dedent(TASTER).replace("title: Action planning for councillors",
                                  'title: "Taster\\r\\nDTSTART:20300101T000000\\nX-EVIL:1"')
    event = load_event(tmp_path, text)
    raw = calendar.event_calendar(event, page_url=None, uid_domain="example.org", today=when.today("2014-11-20"))
    (item,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert "X-EVIL" not in item and str(item["SUMMARY"]) == "Taster DTSTART:20300101T000000 X-EVIL:1"
    assert item.decoded("DTSTART").year == 2014


# --- dates at the edges of the calendar ------------------------------------------------------------

@pytest.mark.parametrize("year", ["0001", "9999", "1899", "2101"])
@pytest.mark.parametrize("old, new, field", [
    ("start: 2014-12-11 10:00", "start: {y}-12-11 10:00", "sessions[1].start"),
    ("end: 13:00", "end: {y}-12-11 13:00", "sessions[1].end"),
])
def test_dates_far_outside_the_years_of_events_are_refused(tmp_path, year, old, new, field):
    text = dedent(TASTER).replace(old, new.format(y=year))
    problems = problems_in(write_folder(tmp_path, {"taster.yml": text}))
    assert any(f": {field}: " in p and f"has the year {int(year)}, outside 1900 to 2100" in p for p in problems), problems


@pytest.mark.parametrize("line", ["updated: 0001-01-01", "booking: {email: a@example.org, closes: 9999-12-31}"])
def test_plain_dates_far_outside_are_refused_too(tmp_path, line):
    problems = problems_in(write_folder(tmp_path, {"taster.yml": event_with(line)}))
    assert any("outside 1900 to 2100" in p for p in problems), problems


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_a_today_far_outside_is_refused_by_check_and_build(tmp_path, today):
    with pytest.raises(when.BadToday, match=f"'{today}' has the year"):
        when.today(today)
    project = copy_project(tmp_path / "site-src")
    result = run_build(project, EVENTS_TODAY=today)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"extra.events.today: '{today}' has the year" in result.stderr


# --- size ------------------------------------------------------------------------------------------

def test_an_event_with_500_sessions_builds(tmp_path):
    project = copy_project(tmp_path / "site-src")
    sessions = "".join(f"  - id: s{n}\n    start: {2015 + n // 200}-{1 + n % 200 // 20:02d}-{1 + n % 20:02d} 10:00\n"
                       f"    end: 13:00\n    venue: emc-melton\n" for n in range(500))
    (project / "events" / "many.yml").write_text(
        "title: Many dates\nsummary: The same session, 500 times.\norganiser: east-midlands-councils\n"
        f"sessions:\n{sessions}", encoding="utf-8")
    began = time.perf_counter()
    result = run_build(project, EVENTS_TODAY="2014-11-20")
    took = time.perf_counter() - began
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"500 sessions: built in {took:.1f} s")  # reported with -s; not asserted (machines differ)
    page = BeautifulSoup((project / "site" / "events" / "many" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert len(page.select(".session")) == 500
    assert len(icalendar.Calendar.from_ical((project / "site" / "events" / "many.ics").read_bytes())
               .walk("VEVENT")) == 500


def test_501_sessions_are_refused(tmp_path):
    sessions = "".join(f"  - id: s{n}\n    start: 2015-01-01 10:00\n    end: 13:00\n    venue: melton\n"
                       for n in range(501))
    text = "title: Many\nsummary: Many.\norganiser: emc\nsessions:\n" + sessions
    assert problems_in(write_folder(tmp_path, {"many.yml": text})) == [
        "events/many.yml:5: sessions: has 501 items; at most 500 are allowed"]
