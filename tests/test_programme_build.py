"""The example site built for real in tmp_path, its brochure read back as a visitor and a
calendar program would: the HTML with BeautifulSoup, the .ics files with icalendar and vobject,
and the page compared with the seed proposal sentence by sentence, so that nothing is lost.

Two builds: "today" before the programme's dates (2010-01-20), when the calendar links are
offered, and the example site's own pinned today (2014-11-20), when the dates have passed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_428ec76005108116.txt"
PAGE = Path("programmes/action-learning-ambassadors/index.html")
ICS_FOLDER = Path("programmes/action-learning-ambassadors")


def build(root: Path, today: str | None) -> Path:
    """A copy of the site's sources in ``root``, built with ``mkdocs build --strict``."""
    for part in ("mkdocs.yml", "docs", "events", "hooks", "overrides"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / part)
    if today:
        # A date in mkdocs.yml that must not be after "today" (the accessibility statement's test
        # date) would stop a build dated before it: move it back with the build's today.
        config = root / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^(\s+tested:\s*)\d{4}-\d{2}-\d{2}", rf"\g<1>{today}",
                                 config.read_text(encoding="utf-8")), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if today:
        env["EVENTS_TODAY"] = today
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=root,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("before"), "2010-01-20")


@pytest.fixture(scope="module")
def past_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("after"), None)


def soup(site: Path, page: Path = PAGE) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "div", "section", "caption",
          "figure", "figcaption", "blockquote", "ol", "ul", "tr", "aside", "table"]


def words(node) -> str:
    """The text as a reader sees it: spaces between blocks, none added inside a line."""
    for tag in node.find_all(BLOCKS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return " ".join(node.get_text("").split())


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on ``page`` points to."""
    return (site / page.parent / href).resolve()


# --- the page -----------------------------------------------------------------------------------------

def test_options_are_compared_in_an_accessible_table(site):
    table = soup(site).select_one("table.compare")
    assert words(table.caption) == "Proposal 1 and Proposal 2 compared"
    assert [(words(th), th["scope"]) for th in table.select("thead th")] == [
        ("Proposal 1", "col"), ("Proposal 2", "col")]
    rows = {words(tr.th): [words(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    assert all(tr.th["scope"] == "row" for tr in table.select("tbody tr"))
    assert list(rows) == ["In short", "Duration", "Dates", "Cost", "Award", "What you leave with"]
    assert rows["Duration"] == ["5 days: 3 days, then 2 days 4 to 6 weeks later",
                                "2 days: 1 day, then 1 day 4 to 6 weeks later"]
    assert rows["Cost"] == [
        "£950 plus VAT per candidate based on 8 delegates working in one set, or £884 per candidate "
        "based on 14 delegates working in two sets",
        "Roughly half of the Proposal 1 cost (in time and cash)"]
    assert rows["Award"] == ["CMI level 5 Unit 5019 Managing Action Learning Award", "Not stated"]
    # The table scrolls inside a region a keyboard can reach, named by the caption.
    region = table.find_parent("div", class_="table-scroll")
    assert region["tabindex"] == "0" and region["aria-labelledby"] == table.caption["id"]


def test_each_option_has_its_timeline_and_costs_in_words(site):
    page = soup(site)
    first, second = page.select("section.option")
    timeline = first.select_one("ol.timeline")
    parts = timeline.find_all("li", class_="timeline__part")
    assert [words(p.h4) for p in parts] == ["Initial session (3 days)", "Final consolidation session (2 days)"]
    assert words(parts[1].select_one(".timeline__gap")) == "4 to 6 weeks later"
    assert [t["datetime"] for t in parts[1].select(".timeline__when time")] == ["2010-03-04", "2010-03-05"]
    assert words(parts[1].select_one(".timeline__when")) == "Thursday 4 March 2010 and Friday 5 March 2010"
    assert [t["datetime"] for t in parts[0].select(".timeline__choices time")] == [
        "2010-02-08", "2010-02-09", "2010-02-10", "2010-02-11"]
    assert words(first.select_one(".option__cost")) == (
        "Cost for the 5 days: £950 plus VAT per candidate based on 8 delegates working in one set, or "
        "£884 per candidate based on 14 delegates working in two sets.")
    second_parts = second.select("li.timeline__part")
    assert [words(p.h4) for p in second_parts] == ["First day (1 day)", "Second day (1 day)"]
    assert [words(p) for p in second_parts[0].select(".timeline__agenda")] == [
        "First half: attendees are taught", "Second half: building the business wrapper for their sector"]


def test_the_call_to_action_stands_out(site):
    page = soup(site)
    section = page.select_one("section.call-to-action#call-to-action")
    assert words(section.h2) == "Call to action"
    assert words(section.select_one(".call-to-action__ask")) == (
        "Please review the above proposals and come to the meeting on the 27th with a view to answering:")
    assert [words(li) for li in section.select("ol.call-to-action__questions li")] == [
        "In principle do you support this approach", "Which of the two proposals your SSC would support."]
    facts = {words(div.dt): words(div.dd) for div in section.select("dl.facts > div")}
    assert facts == {"Meeting": "the 27th"}  # no month in the source: kept as words
    summary = {words(div.dt): words(div.dd) for div in page.select(".brochure__cover > dl.facts > div")}
    assert summary["What we ask of you"] == "Call to action: come to the meeting on the 27th"


def test_background_is_shown_in_full_with_its_testimonial(site):
    aside = soup(site).select_one("#background aside.explainer")
    text = words(aside)
    assert text.startswith("Background Action Learning background Action Learning Is an extensively used")
    assert "It was very supportive but also challenging. It made me brave enough to face my own situation." in text
    assert text.endswith("Participants are supported and challenged by peers and learn good practice from each other.")
    link = soup(site).find("a", string="Action Learning Background")
    assert resolve(site, PAGE, link["href"]).name == "action-learning-background"


def test_the_brochure_has_a_print_stylesheet(site):
    hrefs = [link["href"] for link in soup(site).select('link[rel="stylesheet"]')]
    assert any(h.endswith("stylesheets/brochure.css") for h in hrefs)
    css = (site / "stylesheets" / "brochure.css").read_text(encoding="utf-8")
    assert "@page { size: A4;" in css and "@media print" in css


def test_programme_appears_on_the_home_page_and_in_the_programmes_index(site):
    for page in (Path("index.html"), Path("programmes/index.html")):
        link = soup(site, page).select_one("li.programme-card h3 a")
        assert words(link) == "Action Learning ambassadors for Sector Skills Councils"
        assert resolve(site, page, link["href"]) == (site / PAGE.parent).resolve()


# --- calendar files -------------------------------------------------------------------------------------

def test_calendar_links_give_one_file_per_candidate_date_and_one_for_fixed_dates(site):
    page = soup(site)
    choices = page.select(".timeline__choices a.calendar-link")
    assert len(choices) == 4
    for link, day in zip(choices, (8, 9, 10, 11)):
        data = resolve(site, PAGE, link["href"]).read_bytes()
        assert link["download"].endswith(f"-initial-2010-02-{day:02d}.ics")
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")  # one day, not all four
        assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
            dt.date(2010, 2, day), dt.date(2010, 2, day + 1))
        parsed = vobject.readOne(data.decode("utf-8"))
        assert parsed.vevent.uid.value == f"action-learning-ambassadors.proposal-1.initial.201002{day:02d}@events.example.org"
    (fixed,) = [a for a in page.select("p.calendar-link a")]
    assert "fixed dates of Proposal 1" in words(fixed)
    data = resolve(site, PAGE, fixed["href"]).read_bytes()
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (dt.date(2010, 3, 4), dt.date(2010, 3, 6))
    assert str(event["URL"]) == "https://events.example.org/programmes/action-learning-ambassadors/"
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.vevent.dtstart.value == dt.date(2010, 3, 4) and parsed.method.value == "PUBLISH"
    assert parsed.vevent.organizer.value == "mailto:ml-programme@example.org"


def test_every_calendar_file_is_listed_and_parses(site):
    files = sorted(p.name for p in (site / ICS_FOLDER).glob("*.ics"))
    assert files == ["proposal-1-initial-2010-02-08.ics", "proposal-1-initial-2010-02-09.ics",
                     "proposal-1-initial-2010-02-10.ics", "proposal-1-initial-2010-02-11.ics",
                     "proposal-1.ics"]
    for name in files:
        data = (site / ICS_FOLDER / name).read_bytes()
        assert b"\r\n" in data and b"\r\n" not in data.replace(b"\r\n", b"")  # CRLF only
        assert icalendar.Calendar.from_ical(data).walk("VEVENT")
        vobject.readOne(data.decode("utf-8")).validate()


def test_when_the_dates_have_passed_the_page_says_so_and_offers_no_calendar(past_site):
    page = soup(past_site)
    assert "The dates in this programme have passed." in words(page.select_one(".status-banner"))
    assert page.select("a.calendar-link") == [] and page.select("p.calendar-link") == []
    index = soup(past_site, Path("programmes/index.html"))
    assert words(index.select_one("#past-programmes")) == "Past programmes"
    assert "(these dates have passed)" in words(index.select_one("li.programme-card"))


# --- nothing of the seed lost -------------------------------------------------------------------------

HEADINGS = ("Why are we making this proposal", "Proposal 1", "Proposal 2", "Call to action",
            "Action Learning Background")

# Seed sentences the brochure gives in another form (a table row, a timeline, a heading), each
# with the words on the page that carry it. Every other sentence must appear as written.
RESTRUCTURED = {
    "Benefits that flow from this approach:": ["Benefits"],
    "They will leave the course with a custom-built 'business issue' template designed to be highly "
    "relevant and attractive to their target employers.": [
        "What attendees leave with", "A custom-built 'business issue' template designed to be highly "
        "relevant and attractive to their target employers."],
    "The course comprises an initial 3 day session followed after 4 to 6 weeks with a final 2 day "
    "consolidation session.": [
        "Initial session (3 days)", "4 to 6 weeks later Final consolidation session (2 days)",
        "5 days: 3 days, then 2 days 4 to 6 weeks later"],
    "The only dates available in the next 6 months are:": [
        "These are the only dates available in the next 6 months."],
    "first 3 days selected from 8, 9, 10, 11 Feb; second 2 days on 4, 5 March.": [
        "Initial session: 3 days chosen from Monday 8, Tuesday 9, Wednesday 10 or Thursday 11 February 2010",
        "Choose 3 of these 4 dates", "Final consolidation session: Thursday 4 and Friday 5 March 2010"],
    "The cost for the 5 days will be £950 plus VAT per candidate based on 8 delegates working in one "
    "set, or £884 per candidate based on 14 delegates working in two sets.": [
        "Cost for the 5 days: £950 plus VAT per candidate based on 8 delegates working in one set, or "
        "£884 per candidate based on 14 delegates working in two sets."],
    "This is two day, 'lite' version of Proposal 1.": ["A two day, 'lite' version of Proposal 1."],
    "First day, first half – attendees are taught:": ["First day (1 day) First half: attendees are taught"],
    "First day, second half – building the business wrapper for their sector:": [
        "Second half: building the business wrapper for their sector"],
    "Second day, 4 to 6 weeks later:": ["4 to 6 weeks later Second day (1 day)"],
    "The cost in time and cash would be roughly half of the Proposal 1 figure.": [
        "Roughly half of the Proposal 1 cost (in time and cash)"],
}
TESTIMONIAL = "It was very supportive but also challenging. It made me brave enough to face my own situation."


def seed_sentences(text: str) -> list[str]:
    """The seed's sentences, headings and list items. Its bullets are private-use glyphs and 'o'
    markers; its testimonial is mangled by a font encoding (checked apart, as TESTIMONIAL)."""
    pieces, joined = [], ""
    for line in text.splitlines():
        line = line.strip()
        if re.search(r"[\u0100-\u03ff]", line):  # the mangled testimonial
            pieces.append("|")
            continue
        if line in HEADINGS:
            pieces.append(f"|{line}|")
            continue
        line = re.sub(r"^o ", "|", line.replace("\uf0b7", "|").replace("’", "'").replace("‘", "'"))
        pieces.append(line)
    for piece in pieces:  # a word broken across lines ("sector-" / "specific") is joined again
        joined += piece if joined.endswith("-") and piece[:1].isalpha() else " " + piece
    joined = " ".join(joined.split())
    return [s.strip() for part in joined.split("|") for s in re.split(r"(?<=[.:?])\s+", part) if s.strip()]


@pytest.mark.skipif(not SEED.exists(), reason="the seed is in ../shared/seeds, beside the repository")
def test_nothing_in_the_seed_is_lost(site):
    page = words(soup(site).select_one(".brochure")).replace("’", "'")
    sentences = seed_sentences(SEED.read_text(encoding="utf-8"))
    assert len(sentences) > 60
    missing = []
    for sentence in sentences:
        carriers = RESTRUCTURED.get(sentence, [sentence])
        missing += [(sentence, c) for c in carriers if c not in page]
    assert missing == []
    assert TESTIMONIAL in page
    assert set(RESTRUCTURED) <= set(sentences)  # the table above is about sentences the seed has


# --- the brochure PDF -------------------------------------------------------------------------------------

def test_the_brochure_pdf_is_offered_and_is_an_a4_document(site):
    link = soup(site).select_one(".brochure__pdf a")
    assert link["download"] == "action-learning-ambassadors.pdf"
    assert re.search(r"\(A4, \d+ KB\)$", words(link))
    data = resolve(site, PAGE, link["href"]).read_bytes()
    assert data.startswith(b"%PDF-")
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages} == {
        (595.3, 841.9)}  # A4 in points
    # No build timestamp: the date is the build's "today".
    assert b"/CreationDate(D:20100120000000Z)" in data.replace(b" ", b"")


def test_the_pdf_says_what_the_page_says(site):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(site / "programmes" / "action-learning-ambassadors.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for phrase in ("The options compared", "Cost for the 5 days: £950 plus VAT per candidate based on 8 "
                   "delegates working in one set, or £884 per candidate based on 14 delegates working in "
                   "two sets.", "CMI level 5 Unit 5019 Managing Action Learning Award",
                   "Choose 3 of these 4 dates", "Thursday 4 and Friday 5 March 2010", "4 to 6 weeks later",
                   "Roughly half of the Proposal 1 cost (in time and cash)",
                   "In principle do you support this approach", "Meeting: the 27th", TESTIMONIAL,
                   "https://events.example.org/programmes/action-learning-ambassadors/"):
        assert phrase in text, phrase
    assert reader.metadata.title == "Action Learning ambassadors for Sector Skills Councils"


def test_the_pdf_is_tagged_and_reads_in_order(site):
    """A screen reader reads the brochure from its structure tree: headings, lists and the
    comparison table, in the order of the page, in English, under the brochure's title."""
    pypdf = pytest.importorskip("pypdf")
    from pdf_structure import lowest_text, reading_order, text_in_order

    reader = pypdf.PdfReader(site / "programmes" / "action-learning-ambassadors.pdf")
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    order = reading_order(reader)
    assert [text for kind, text in order if kind in ("/H1", "/H2")] == [
        "Action Learning ambassadors for Sector Skills Councils", "Why are we making this proposal",
        "The options compared", "Proposal 1", "Proposal 2", "Call to action", "Action Learning background"]
    assert [text for kind, text in order if kind == "/TH"] == ["Compared", "Proposal 1", "Proposal 2"]
    text = " ".join(text_in_order(reader).split())
    assert text.startswith("East Midlands Councils (example) Action Learning ambassadors for Sector Skills Councils")
    # The cover: the brand's name, the title, who it is for and each option's price, on page 1.
    cover = " ".join(reader.pages[0].extract_text().split())
    for words in ("East Midlands Councils (example)", "Who it is for Employer-facing staff in Sector Skills Councils",
                  "£950 plus VAT per candidate based on 8 delegates working in one set, or £884 per candidate "
                  "based on 14 delegates working in two sets", "Roughly half of the Proposal 1 cost"):
        assert words in cover, words
    height = float(reader.pages[0].mediabox.height)
    assert all(low < height / 4 for low in lowest_text(reader)[:-1]), "a page but the last is half empty"
