"""The brochure PDF (eventsite.outputs.brochure_pdf): tagged for screen readers, its text read back in the
structure tree's order, the same bytes from the same sources, and an author's text printed as
written. The real example brochure is checked in test_programme_build.py."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from eventsite.outputs import brochure, brochure_pdf, palette
from eventsite.outputs.brochure_pdf import blocks
from pdf_structure import lowest_text, reading_order, text_in_order
from test_programme_brochure import PROGRAMME, d

BRAND = palette.read_brand({"name": "East Midlands Councils (example)",
                            "colours": {"primary": "#6b2c91", "text_on_primary": "#ffffff"}})
URL = "https://events.example.org/programmes/ambassadors/"
INTRO = ("<h2>Why</h2><p>Because <strong>we</strong> can: see <a href=\"../../explainers/x/\">the background</a> "
         "and <a href=\"https://www.example.org/report\">the report</a>.</p>")


def squashed(text: str) -> str:
    """Text without its spaces: a PDF's words come back with spaces where lines and tags break."""
    return re.sub(r"\s+", "", text)


def make(programme=PROGRAMME, **options) -> bytes:
    view = brochure.programme_view(programme, d("2010-01-20"), markdown=lambda s: f"<p>{s}</p>")
    arguments = dict(intro_html=INTRO, explainers=[{"title": "Background", "html": "<p>Sets of six to eight.</p>"}],
                     page_url=URL, brand=BRAND, date=d("2010-01-20"))
    arguments.update(options)
    return brochure_pdf.brochure_pdf(view, **arguments)


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(io.BytesIO(make()))


# --- tagged, in order -------------------------------------------------------------------------------

def test_the_pdf_is_tagged_with_its_language_and_title(reader):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "Action Learning ambassadors"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # a reader shows the title, not the file name


def test_headings_lists_and_tables_are_in_the_structure_tree(reader):
    kinds = [kind for kind, _ in reading_order(reader)]
    for kind in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"):
        assert kind in kinds, kind
    headings = [(kind, text) for kind, text in reading_order(reader) if re.fullmatch(r"/H\d", kind)]
    assert headings[:4] == [("/H1", "Action Learning ambassadors"), ("/H2", "Why"), ("/H2", "The options compared"),
                            ("/H2", "Proposal 1")]
    assert [h for h in headings if h[0] == "/H2"][-2:] == [("/H2", "Call to action"), ("/H2", "Background")]
    header = [text for kind, text in reading_order(reader) if kind == "/TH"]
    assert header == ["Compared", "Proposal 1", "Proposal 2"]


def test_the_text_reads_in_order(reader):
    text = squashed(text_in_order(reader))
    phrases = ["East Midlands Councils (example)", "Action Learning ambassadors", "Two proposals.",
               "Options", "£950 plus VAT per candidate based on 8 delegates working in one set",
               "Roughly half of the Proposal 1 cost (in time and cash)", "Because we can",
               "The options compared", "Proposal 1", "Choose 3 of these 4 dates", "Cost for the 5 days",
               "Call to action", "Do you support this approach", "Sets of six to eight.",
               "Published by SSC M&L programme"]
    assert all(squashed(p) in text for p in phrases), [p for p in phrases if squashed(p) not in text]
    at = 0
    for phrase in phrases:  # each one after the one before
        found = text.find(squashed(phrase), at)
        assert found >= 0, f"{phrase!r} is not read after {text[max(0, at - 40):at]!r}"
        at = found + len(squashed(phrase))


def test_the_cover_names_the_organisation_in_its_colour_and_every_options_price(reader):
    cover = squashed(reader.pages[0].extract_text())
    for words in ("East Midlands Councils (example)", "Action Learning ambassadors", "Two proposals.",
                  "Options", "Proposal 1 (5 days) or Proposal 2 (2 days)",
                  # each option's price with its VAT and its basis, as the option states it
                  "Proposal 1: £950 plus VAT per candidate based on 8 delegates working in one set, or £884 per "
                  "candidate based on 14 delegates working in two sets",
                  "Proposal 2: Roughly half of the Proposal 1 cost (in time and cash)", URL):
        assert squashed(words) in cover, words
    # The band behind the organisation's name is the brand's primary colour: #6b2c91 as 0-1 RGB.
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"0\.4196\d*\s+0\.1725\d*\s+0\.5686\d*\s+(rg|sc|scn)", content), "no brand colour on the cover"


def test_links_lead_somewhere_from_paper_and_screen(reader):
    text = squashed(text_in_order(reader))
    assert squashed("the report (https://www.example.org/report)") in text  # a web address is printed
    links = [a["/A"]["/URI"] for page in reader.pages for a in (page.get("/Annots") or [])
             if a.get_object().get("/Subtype") == "/Link" and "/URI" in a.get_object().get("/A", {})]
    assert "https://events.example.org/explainers/x/" in links  # a link within the site, made absolute
    assert "https://www.example.org/report" in links


def test_no_page_but_the_last_is_half_empty(reader):
    height = float(reader.pages[0].mediabox.height)
    for number, low in enumerate(lowest_text(reader)[:-1], 1):
        assert low < height / 4, f"page {number} ends {low:.0f}pt above its foot"


# --- reproducible ----------------------------------------------------------------------------------

def test_the_same_sources_give_the_same_bytes_dated_by_the_build():
    first = make()
    assert first.startswith(b"%PDF-") and first == make()
    assert b"/CreationDate(D:20100120000000Z)" in first.replace(b" ", b"")
    assert make(date=d("2010-01-21")) != first


def test_an_authors_typst_markup_is_printed_as_written():
    tricky = "A #panic(\"x\") $y$ *not bold* _not em_ [link] <label> @ref \\ // not a comment"
    programme = PROGRAMME.__class__(**{**PROGRAMME.__dict__, "summary": tricky})
    assert squashed(tricky) in squashed(PdfReader(io.BytesIO(make(programme))).pages[0].extract_text())


def test_the_logo_is_drawn_on_the_cover_as_decoration(tmp_path):
    from PIL import Image

    Image.new("RGB", (80, 40), "#0b7a75").save(tmp_path / "logo.png")
    with_logo = PdfReader(io.BytesIO(make(logo=tmp_path / "logo.png")))
    without = PdfReader(io.BytesIO(make()))
    assert "/XObject" in with_logo.pages[0]["/Resources"] and "/XObject" not in without.pages[0]["/Resources"]
    # The organisation's name is beside it, so the logo is an artifact, not a figure with words.
    assert "/Figure" not in [kind for kind, _ in reading_order(with_logo)]
    assert text_in_order(with_logo) == text_in_order(without)
    svg = tmp_path / "logo.svg"  # a vector logo is drawn as paths, in its own colours
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
                   '<rect width="40" height="40" fill="#0b7a75"/></svg>', encoding="utf-8")
    drawn = PdfReader(io.BytesIO(make(logo=svg)))
    assert "/Figure" not in [kind for kind, _ in reading_order(drawn)]


def test_a_logo_typst_cannot_read_is_named_in_the_message(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    with pytest.raises(brochure_pdf.BrochurePdfError, match="Action Learning ambassadors"):
        make(logo=logo)


# --- rendered Markdown -> blocks ---------------------------------------------------------------------

def test_blocks_keep_headings_lists_quotes_and_links():
    html = ('<h2>How</h2><p>One <em>two</em>\n  three<br>four</p><ul><li>a</li><li><p>b</p><ul><li>c</li></ul></li></ul>'
            '<figure class="testimonial"><blockquote><p>Brave.</p></blockquote><figcaption>A councillor</figcaption></figure>'
            '<p><a href="#x">here</a> and <a href="mailto:a@example.org">mail</a></p>')
    assert blocks(html, shift=1) == [
        {"kind": "heading", "level": 3, "inlines": [{"text": "How"}]},
        {"kind": "paragraph", "inlines": [{"text": "One "}, {"text": "two", "em": True}, {"text": " three"},
                                          {"break": True}, {"text": "four"}]},
        {"kind": "list", "ordered": False, "items": [
            [{"kind": "paragraph", "inlines": [{"text": "a"}]}],
            [{"kind": "paragraph", "inlines": [{"text": "b"}]},
             {"kind": "list", "ordered": False, "items": [[{"kind": "paragraph", "inlines": [{"text": "c"}]}]]}]]},
        {"kind": "quote", "blocks": [{"kind": "paragraph", "inlines": [{"text": "Brave."}]}],
         "attribution": [{"text": "A councillor"}]},
        {"kind": "paragraph", "inlines": [{"text": "here"}, {"text": " and "},
                                          {"text": "mail", "href": "mailto:a@example.org"}]},
    ]


def test_a_link_within_the_site_needs_the_sites_address():
    assert blocks('<p><a href="../x/">x</a></p>', base=None) == [{"kind": "paragraph", "inlines": [{"text": "x"}]}]
    assert blocks('<p><a href="../x/">x</a></p>', base="https://e.org/p/q/")[0]["inlines"] == [
        {"text": "x", "href": "https://e.org/p/x/"}]


def test_timestamp_is_midnight_of_the_date():
    assert brochure_pdf._timestamp(dt.date(2010, 1, 20)) == 1263945600
