"""The brochure as an A4 PDF, made at build time with reportlab.

Why reportlab: it installs from PyPI alone (a pure-Python wheel; its one binary dependency,
Pillow, ships its libraries inside its own wheel), needs no browser and no system library,
fetches nothing, and in ``invariant`` mode leaves out the creation time and the random document
id, so the same brochure gives the same bytes. Its standard fonts use the Windows-1252
encoding, which covers £, €, dashes and curly quotes; no font file is embedded. (WeasyPrint
needs Pango from the system; printing with headless Chromium needs a browser; fpdf2's built-in
fonts stop at Latin-1, so an en dash would need a font file shipped with the site.)

Input is what the page shows: the view from ``brochure.programme_view`` and, as HTML, the
introduction and the explainers (Markdown already rendered). The few HTML elements Markdown
makes are turned into reportlab paragraphs here; reportlab's paragraph markup (<b>, <i>) is not
HTML and is escaped the same way. The layout follows brochure.css: A4, the comparison whole with
its header row, each option and the background starting a page, the call to action framed.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

BLUE = colors.HexColor("#1d4f91")
GREY = colors.HexColor("#b1b4b6")
MARGIN = 18 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=10, leading=14,
                          spaceAfter=6, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=20, leading=25,
                                spaceAfter=10),
        "summary": ParagraphStyle("summary", parent=body, fontSize=12, leading=16, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=19,
                             spaceBefore=12, spaceAfter=6, textColor=BLUE, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=16,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "h4": ParagraphStyle("h4", parent=body, fontName="Helvetica-Bold", fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "body": body,
        "gap": ParagraphStyle("gap", parent=body, fontName="Helvetica-Oblique", keepWithNext=1),
        "quote": ParagraphStyle("quote", parent=body, fontName="Helvetica-Oblique", leftIndent=12,
                                fontSize=10.5, leading=15),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontName="Helvetica-Bold", fontSize=8, leading=10,
                                textColor=BLUE, keepWithNext=1),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
    }


class _Blocks(HTMLParser):
    """Rendered Markdown -> [(kind, markup, depth)]: paragraphs, headings, list items, quotes."""

    BLOCK = {"p": "p", "h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "li": "li", "figcaption": "caption"}
    INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, int]] = []
        self.depth = 0
        self.quote = 0
        self.kind: str | None = None
        self.text: list[str] = []
        self.href: str | None = None

    def _flush(self):
        markup = " ".join("".join(self.text).split())
        if self.kind and markup:
            kind = "quote" if self.quote and self.kind == "p" else self.kind
            self.blocks.append((kind, markup, self.depth))
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.depth += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag in self.BLOCK:
            self._flush()
            self.kind = self.BLOCK[tag]
        elif tag in self.INLINE:
            self.text.append(f"<{self.INLINE[tag]}>")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
        elif tag == "br":
            self.text.append("<br/>")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._flush()
            self.depth -= 1
            self.kind = "li" if self.depth else None
        elif tag == "blockquote":
            self.quote -= 1
        elif tag in self.BLOCK:
            self._flush()
            self.kind = "li" if self.depth else None
        elif tag in self.INLINE:
            self.text.append(f"</{self.INLINE[tag]}>")
        elif tag == "a":
            # On paper a web address is printed after its link; a link within the site is text.
            if self.href and self.href.startswith(("http://", "https://")):
                self.text.append(escape(f" ({self.href})"))
            self.href = None

    def handle_data(self, data):
        if self.kind is None and data.strip():
            self.kind = "p"
        self.text.append(escape(data))

    def close(self):
        super().close()
        self._flush()


def _html(html: str, styles: dict) -> list:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    flowables, items = [], []

    def end_list():
        if items:
            flowables.append(_list(items, styles))
            items.clear()

    for kind, markup, depth in parser.blocks:
        if kind == "li":
            items.append(Paragraph(markup, styles["body"]) if depth <= 1
                         else Paragraph("– " + markup, ParagraphStyle("sub", parent=styles["body"], leftIndent=12)))
            continue
        end_list()
        style = {"h2": "h2", "h3": "h3", "h4": "h4", "quote": "quote", "caption": "small"}.get(kind, "body")
        if kind == "quote":  # on screen the stylesheet adds the quotation marks
            markup = f"“{markup}”"
        flowables.append(Paragraph(("— " if kind == "caption" else "") + markup, styles[style]))
    end_list()
    return flowables


def _text(value: str, style) -> Paragraph:
    return Paragraph(escape(value), style)


def _list(paragraphs: list, styles: dict) -> ListFlowable:
    return ListFlowable([ListItem(p, leftIndent=14) for p in paragraphs], bulletType="bullet", start="•",
                        leftIndent=14, bulletFontSize=9)


def _bullets(bullets, styles: dict) -> list:
    """model.Bullet points (a text, maybe with sub-points) as a list."""
    paragraphs = []
    for bullet in bullets:
        paragraphs.append(_text(bullet.text, styles["body"]))
        for sub in bullet.items:
            paragraphs.append(Paragraph("– " + escape(sub), ParagraphStyle("sub", parent=styles["body"], leftIndent=12)))
    return [_list(paragraphs, styles)] if paragraphs else []


def _comparison(view: dict, styles: dict, width: float) -> list:
    table = view["comparison"]
    header = [""] + [Paragraph(f"<b>{escape(c['title'])}</b>", styles["cell"]) for c in table["columns"]]
    rows = [header]
    for row in table["rows"]:
        cells = [Paragraph(f"<b>{escape(row['label'])}</b>", styles["cell"])]
        for cell in row["cells"]:
            cells.append(Paragraph("<br/><br/>".join(escape(line) for line in cell), styles["cell"]))
        rows.append(cells)
    first = 30 * mm
    others = (width - first) / max(1, len(table["columns"]))
    grid = Table(rows, colWidths=[first] + [others] * len(table["columns"]), repeatRows=1)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GREY),
        ("BACKGROUND", (1, 0), (-1, 0), colors.HexColor("#f3f2f1")),
        ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#f3f2f1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [KeepTogether([_text("The options compared", styles["h2"]),
                          _text(table["caption"], styles["small"]), grid])]


def _part(part: dict, styles: dict) -> list:
    out = []
    if part["after"]:
        out.append(_text(part["after"], styles["gap"]))
    out.append(Paragraph(f"{escape(part['title'])} <font name='Helvetica'>({escape(part['days'])})</font>",
                         styles["h4"]))
    if part["choice"]:
        times = f" ({part['times']})" if part["times"] else ""
        out.append(_text(f"Choose {part['choice']['days']} of these {len(part['choice']['candidates'])} "
                         f"dates{times}:", styles["body"]))
        out.append(_list([_text(c["text"], styles["body"]) for c in part["choice"]["candidates"]], styles))
    elif part["when"]:
        out.append(_text(part["when"], styles["body"]))
    if part["venue"]:
        venue = part["venue"]
        out.append(_text(", ".join((venue.name, *venue.address, venue.postcode)), styles["body"]))
    for item in part["agenda"]:
        heading = f"<b>{escape(item.title)}</b>" + (f": {escape(item.summary)}" if item.summary else "")
        out.append(Paragraph(heading, styles["body"]))
        out.extend(_bullets(item.points, styles))
    out.extend(_bullets(part["points"], styles))
    return [KeepTogether(out)]


def _option(option: dict, styles: dict) -> list:
    out = [PageBreak(), _text(option["title"], styles["h2"]), _text(option["summary"], styles["summary"])]
    if option["description_html"]:
        out.extend(_html(option["description_html"], styles))
    for heading, key in (("Benefits", "benefits"), ("What attendees leave with", "leaves_with")):
        if option[key]:
            out.append(_text(heading, styles["h3"]))
            out.extend(_bullets(option[key], styles))
    if option["award"]:
        out.append(_text("Award", styles["h3"]))
        out.append(Paragraph(f"<b>{escape(option['award'].name)}</b>", styles["body"]))
        if option["award"].note:
            out.append(_text(option["award"].note, styles["body"]))
    out.append(_text("Schedule", styles["h3"]))
    out.append(_text(option["duration"] + ".", styles["body"]))
    for part in option["parts"]:
        out.extend(_part(part, styles))
    if option["undated"]:
        out.append(_text("Dates not given.", styles["body"]))
    if option["schedule_note"]:
        out.append(_text(option["schedule_note"], styles["body"]))
    if option["costs"]:
        out.append(_text("Cost", styles["h3"]))
        out.append(_text(f"Cost for the {option['days']}: {option['costs']}.", styles["body"]))
    if option["funding"]:
        out.append(_text("Funding", styles["h3"]))
        out.append(_text(option["funding"], styles["body"]))
    if option["notes"]:
        out.append(_text("Also note", styles["h3"]))
        out.extend(_bullets(option["notes"], styles))
    return out


def _call_to_action(cta: dict, styles: dict, width: float) -> list:
    inside = [_text(cta["title"], styles["h2"]), _text(cta["ask"], styles["summary"])]
    if cta["questions"]:
        inside.append(ListFlowable([ListItem(_text(q, styles["body"])) for q in cta["questions"]],
                                   bulletType="1", bulletFormat="%s.", leftIndent=16))
    facts = [("Meeting", cta["meeting"] and cta["meeting"]["text"]), ("Where", cta["where"]),
             ("Reply by", cta["reply_by"] and cta["reply_by"]["text"]), ("Email", cta["email"]),
             ("Phone", cta["phone"])]
    for label, value in facts:
        if value:
            inside.append(Paragraph(f"<b>{label}:</b> {escape(value)}", styles["body"]))
    box = Table([[inside]], colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 3, BLUE), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return [Spacer(1, 8), KeepTogether([box])]


def brochure_pdf(view: dict, *, intro_html: str, explainers: list[dict], page_url: str | None) -> bytes:
    """The PDF of one brochure. ``explainers`` are {"title", "html"}; ``page_url`` is printed so
    that a paper copy leads back to the page (where the calendar files are)."""
    styles = _styles()
    buffer = io.BytesIO()
    organiser = view["organiser"].name

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 10 * mm, view["title"])
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=view["title"], author=organiser,
                            subject=view["summary"], creator="eventsite", invariant=1, lang="en-GB")
    width = A4[0] - 2 * MARGIN
    story = [_text(view["title"], styles["title"]), _text(view["summary"], styles["summary"])]
    if view["past"]:
        story.append(Paragraph("<b>The dates in this programme have passed.</b> It is kept here as it was "
                               "published.", styles["body"]))
    facts = [("Who it is for", view["audience"]),
             ("Options", view["options_text"]),
             ("Organised by", organiser),
             ("Online", page_url)]
    rows = [[Paragraph(f"<b>{escape(label)}</b>", styles["cell"]), _text(value, styles["cell"])]
            for label, value in facts if value]
    grid = Table(rows, colWidths=[35 * mm, width - 35 * mm])
    grid.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, GREY), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [grid, Spacer(1, 8)]
    story += _html(intro_html, styles)
    story += [PageBreak()] + _comparison(view, styles, width)
    for option in view["options"]:
        story += _option(option, styles)
    if view["call_to_action"]:
        story += _call_to_action(view["call_to_action"], styles, width)
    if explainers:
        story.append(PageBreak())
        for explainer in explainers:
            story += [_text("BACKGROUND", styles["label"]), _text(explainer["title"], styles["h2"])]
            story += _html(explainer["html"], styles)
    if view["testimonials"]:
        story.append(_text("What participants have said", styles["h2"]))
        for t in view["testimonials"]:
            story += [KeepTogether([_text(f"“{t.quote}”", styles["quote"]), _text(f"— {t.by}", styles["small"])])]
    closing = f"Published by {organiser}"
    closing += f" ({view['organiser'].email})." if view["organiser"].email else "."
    if view["updated"]:
        closing += f" Last updated {view['updated']}."
    story.append(Spacer(1, 12))
    if view["example"]:
        story.append(_text("This is example content: its contact details are reserved example values, "
                           "not real ones.", styles["small"]))
    story.append(_text(closing, styles["small"]))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
