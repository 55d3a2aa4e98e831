"""Print: each event page and the programme page printed to PDF by Chromium (page.pdf, print styles) and read back with
pypdf. The key facts are on paper; the site's navigation, search, footer and screen-only links
are not."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from browser_support import EVENT_PAGES, PAGES

# What a page shows on screen that has no place on paper.
NOT_ON_PAPER = [
    "Skip to content",            # Material's skip link
    "Type to start searching",    # the search box
    "Writing an event file",      # the navigation
    "Example site. Contact details",  # the footer's copyright line
    "This is an example site",    # the notice band at the top of every page
    "calendar.google.com",        # add-to-calendar links, whose addresses fill lines
    ".ics",
    "mailto:",                    # an email address prints as itself, not as its link
    "tel:",
]


def flat(text: str) -> str:
    # A line that wraps after a hyphen comes out of the PDF's text as "and- community".
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def printed(page) -> tuple[str, int]:
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return flat(" ".join(p.extract_text() for p in pdf.pages)), len(pdf.pages)


SCREEN_FACTS = """() => ({
    title: document.querySelector('h1').textContent,
    facts: Array.from(document.querySelectorAll('.md-content dl dd')).map(dd => {
        const copy = dd.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach(e => e.remove());
        copy.querySelectorAll('br').forEach(e => e.replaceWith(' '));
        return copy.textContent;
    }),
    banners: Array.from(document.querySelectorAll('[role=status]')).map(b => b.textContent),
})"""


PRINTED = {**EVENT_PAGES, "programme": PAGES["programme"]}


@pytest.mark.parametrize("path", [pytest.param(p, id=n) for n, p in PRINTED.items()])
def test_page_prints_its_facts_and_not_the_site_frame(open_page, path):
    page = open_page(path, idle=False).page
    screen = page.evaluate(SCREEN_FACTS)
    text, pages = printed(page)
    assert flat(screen["title"]) in text
    for fact in screen["facts"] + screen["banners"]:
        assert flat(fact) in text, f"{path}: on screen but not on paper: {flat(fact)!r}"
    for words in NOT_ON_PAPER:
        assert words not in text, f"{path}: {words!r} is printed"
    most = 10 if path == PAGES["programme"] else 4  # a programme's page is its whole brochure
    assert pages <= most, f"{path}: {pages} pages of A4"


def test_example_event_on_paper(open_page):
    """The facts a reader needs to turn up and book, read from the PDF itself."""
    text, _ = printed(open_page(PAGES["event"], idle=False).page)
    for fact in ["Action planning for councillors using action learning",
                 "Thursday 11 December 2014, 10am to 1pm", "Pera Business Park", "LE13 0PB",
                 "Free", "Limited to 8 places", "How to book your place",
                 "kirsty.lowe@example.org", "01632 960 637"]:
        assert fact in text, f"{fact!r} is not on paper"
