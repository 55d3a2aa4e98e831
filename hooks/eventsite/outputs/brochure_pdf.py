"""The brochure as a tagged A4 PDF, made at build time by the Typst compiler.

Why Typst (the ``typst`` wheel from PyPI): it tags what it writes, a structure tree of headings,
paragraphs, lists, tables and quotations in reading order, with the document's language and
title, so that a screen reader reads the brochure in order; reportlab, used before, cannot tag
at all. It is one wheel with no system library and fetches nothing (no Typst package is
imported); it carries its own fonts (Libertinus Serif here), and system fonts are ignored, so
every machine draws the same glyphs. Its output is deterministic: no clock is read (the
document's date is the build's "today", passed in), and the file's ID comes from its content, so
the same sources give the same bytes. The build asks for PDF/UA-1, so Typst refuses, rather than
writes, a PDF that a screen reader could not use. (WeasyPrint needs Pango from the system;
printing through Chromium would put a browser into ``make build``.)

The layout is ``brochure.typ``, beside this file. This module turns what the brochure page
shows (the view from ``brochure.programme_view``, and the introduction and the explainers as
rendered, sanitised HTML) into plain data: words and blocks, never Typst markup. Typst reads
that data as JSON and places each word as text, so an author's ``#``, ``*`` or ``$`` prints as
written and cannot run anything.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import typst

from .palette import DEFAULT_COLOURS

TEMPLATE = Path(__file__).with_name("brochure.typ")
STANDARD = "ua-1"  # PDF/UA-1: tagged, titled, in a language; Typst checks it as it writes


class BrochurePdfError(ValueError):
    """Typst could not make the PDF (a logo it cannot read, say): its message, in words."""


# --- rendered Markdown -> blocks ---------------------------------------------------------------

class _Node:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []


class _Tree(HTMLParser):
    """HTML as a tree of elements and text (void elements such as <br> have no children)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self.open[-1].children.append(node)
        if tag not in self.VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, 0, -1):  # close up to the matching element
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        self.open[-1].children.append(data)


_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "ul", "ol", "li", "blockquote", "figure", "figcaption", "div", "section", "aside",
           "article", "header", "footer", "nav", "hr", "pre", "table", "thead", "tbody", "tr", "td", "th",
           "dl", "dt", "dd", "details", "summary", *_HEADINGS}
_SPACE = re.compile(r"\s+")


def blocks(html: str, *, shift: int = 0, base: str | None = None) -> list[dict]:
    """Rendered Markdown as blocks the layout places: headings (``shift`` levels deeper, at most
    6), paragraphs of text runs, lists, quotations. A link within the site is made absolute
    against ``base`` (the page's address), so that it still leads somewhere from a PDF; a web
    address is also printed after its link text, for readers of a paper copy."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return _blocks(tree.root, shift, base)


def _blocks(node: _Node, shift: int, base: str | None) -> list[dict]:
    out: list[dict] = []
    pending: list[dict] = []

    def flush():
        runs = _trimmed(pending)
        if runs:
            out.append({"kind": "paragraph", "inlines": runs})
        pending.clear()

    for child in node.children:
        if isinstance(child, str) or child.tag not in _BLOCKS:
            pending.extend(_inlines(child, {}, base))
            continue
        flush()
        tag = child.tag
        if tag in _HEADINGS:
            runs = _trimmed(_inlines(child, {}, base))
            if runs:
                out.append({"kind": "heading", "level": min(6, _HEADINGS[tag] + shift), "inlines": runs})
        elif tag == "p":
            runs = _trimmed(_inlines(child, {}, base))
            if runs:
                out.append({"kind": "paragraph", "inlines": runs})
        elif tag in ("ul", "ol"):
            items = [_blocks(li, shift, base) for li in child.children if isinstance(li, _Node) and li.tag == "li"]
            items = [item for item in items if item]
            if items:
                out.append({"kind": "list", "ordered": tag == "ol", "items": items})
        elif tag in ("blockquote", "figure"):
            out.append(_quote(child, shift, base))
        elif tag == "hr":
            continue
        else:  # a wrapper (div, section, li, a table's cells...): its content, in order
            out.extend(_blocks(child, shift, base))
    flush()
    return out


def _quote(node: _Node, shift: int, base: str | None) -> dict:
    """A blockquote, or a figure holding one with its caption (a testimonial): the caption is
    the quotation's attribution."""
    caption = next((c for c in node.children if isinstance(c, _Node) and c.tag == "figcaption"), None)
    inner = _Node("div", {})
    for child in node.children:
        if child is caption:
            continue
        inner.children.extend(child.children if isinstance(child, _Node) and child.tag == "blockquote" else [child])
    attribution = _trimmed(_inlines(caption, {}, base)) if caption is not None else None
    return {"kind": "quote", "blocks": _blocks(inner, shift, base), "attribution": attribution or None}


def _inlines(node, style: dict, base: str | None) -> list[dict]:
    if isinstance(node, str):
        return [{"text": _SPACE.sub(" ", node), **style}] if node else []
    tag = node.tag
    if tag == "br":
        return [{"break": True}]
    if tag == "img":
        alt = (node.attrs.get("alt") or "").strip()
        return [{"text": alt, **style}] if alt else []
    if tag in ("script", "style", "template"):
        return []
    style = dict(style)
    if tag in ("strong", "b"):
        style["strong"] = True
    elif tag in ("em", "i"):
        style["em"] = True
    elif tag == "code":
        style["code"] = True
    runs = [run for child in node.children for run in _inlines(child, style, base)]
    if tag == "a":
        href = (node.attrs.get("href") or "").strip()
        target = _target(href, base)
        if target:
            runs = [{**run, "href": target} if "text" in run else run for run in runs]
            shown = "".join(run.get("text", "") for run in runs).strip()
            if href.startswith(("http://", "https://")) and shown != href:
                runs.append({"text": f" ({href})", **style})
    return runs


def _target(href: str, base: str | None) -> str | None:
    """Where a link leads from a PDF: a web or mail address as it is, a link within the site
    made absolute (or dropped without the site's address), an anchor dropped."""
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    if not href or href.startswith("#") or ":" in href.split("/", 1)[0] or base is None:
        return None
    return urljoin(base, href)


def _trimmed(runs: list[dict]) -> list[dict]:
    """Runs with the space at either end of the paragraph removed, and none left empty."""
    runs = [dict(run) for run in runs]
    while runs and "text" in runs[0] and not runs[0]["text"].strip():
        runs.pop(0)
    while runs and "text" in runs[-1] and not runs[-1]["text"].strip():
        runs.pop()
    while runs and "break" in runs[-1]:
        runs.pop()
    if runs and "text" in runs[0]:
        runs[0]["text"] = runs[0]["text"].lstrip()
    if runs and "text" in runs[-1]:
        runs[-1]["text"] = runs[-1]["text"].rstrip()
    return [run for run in runs if "break" in run or run["text"]]


# --- the brochure -> data ----------------------------------------------------------------------

def _paragraph(text: str) -> dict:
    return {"kind": "paragraph", "inlines": [{"text": text}]}


def _bullets(bullets) -> list[dict]:
    """model.Bullet points (a text, maybe with sub-points) as one list."""
    items = []
    for bullet in bullets:
        item = [_paragraph(bullet.text)]
        if bullet.items:
            item.append({"kind": "list", "ordered": False, "items": [[_paragraph(sub)] for sub in bullet.items]})
        items.append(item)
    return [{"kind": "list", "ordered": False, "items": items}] if items else []


def _part(part: dict) -> dict:
    out = []
    if part["choice"]:
        times = f" ({part['times']})" if part["times"] else ""
        out.append(_paragraph(f"Choose {part['choice']['days']} of these {len(part['choice']['candidates'])} "
                              f"dates{times}:"))
        out.append({"kind": "list", "ordered": False, "items": [[_paragraph(c["text"])] for c in part["choice"]["candidates"]]})
    elif part["when"]:
        out.append(_paragraph(part["when"]))
    if part["venue"]:
        venue = part["venue"]
        out.append(_paragraph(", ".join((venue.name, *venue.address, venue.postcode))))
    for item in part["agenda"]:
        runs = [{"text": item.title, "strong": True}] + ([{"text": f": {item.summary}"}] if item.summary else [])
        out.append({"kind": "paragraph", "inlines": runs})
        out.extend(_bullets(item.points))
    out.extend(_bullets(part["points"]))
    return {"title": part["title"], "days": part["days"], "after": part["after"], "blocks": out}


def _option(option: dict, base: str | None) -> dict:
    sections = [{"title": title, "blocks": _bullets(option[key])}
                for title, key in (("Benefits", "benefits"), ("What attendees leave with", "leaves_with"))
                if option[key]]
    if option["award"]:
        award = [{"kind": "paragraph", "inlines": [{"text": option["award"].name, "strong": True}]}]
        if option["award"].note:
            award.append(_paragraph(option["award"].note))
        sections.append({"title": "Award", "blocks": award})
    after = []
    schedule_notes = ([_paragraph("Dates not given.")] if option["undated"] else []) + (
        [_paragraph(option["schedule_note"])] if option["schedule_note"] else [])
    if schedule_notes:
        after.append({"title": "About the dates", "blocks": schedule_notes})
    if option["costs"]:
        after.append({"title": "Cost", "blocks": [_paragraph(f"Cost for the {option['days']}: {option['costs']}.")]})
    if option["funding"]:
        after.append({"title": "Funding", "blocks": [_paragraph(option["funding"])]})
    if option["notes"]:
        after.append({"title": "Also note", "blocks": _bullets(option["notes"])})
    return {"title": option["title"], "summary": option["summary"],
            "description": blocks(option["description_html"], base=base) if option["description_html"] else [],
            "sections": sections, "duration": option["duration"],
            "parts": [_part(p) for p in option["parts"]], "after": after}


def _call_to_action(cta: dict | None) -> dict | None:
    if cta is None:
        return None
    facts = [("Meeting", cta["meeting"] and cta["meeting"]["text"]), ("Where", cta["where"]),
             ("Reply by", cta["reply_by"] and cta["reply_by"]["text"]), ("Email", cta["email"]),
             ("Phone", cta["phone"])]
    return {"title": cta["title"], "ask": cta["ask"], "questions": list(cta["questions"]),
            "facts": [{"label": label, "value": value} for label, value in facts if value]}


def _cover(view: dict, page_url: str | None) -> list[dict]:
    """The cover's facts: who it is for, the options, each option's price with its VAT and
    basis (the whole cost, as the option states it), what the reader is asked, who runs it."""
    rows = []
    if view["audience"]:
        rows.append({"label": "Who it is for", "value": view["audience"]})
    options = view["options"]
    rows.append({"label": "Options" if len(options) > 1 else "Option",
                 "value": ", ".join(f"{o['title']} ({o['days']})" for o in options[:-1])
                 + (" or " if len(options) > 1 else "") + f"{options[-1]['title']} ({options[-1]['days']})"})
    priced = [o for o in options if o["costs"]]
    if len(priced) == 1 and len(options) == 1:
        rows.append({"label": "Price", "value": priced[0]["costs"]})
    elif priced:
        rows.append({"label": "Price", "value": [{"kind": "list", "ordered": False, "items": [
            [{"kind": "paragraph", "inlines": [{"text": o["title"], "strong": True}, {"text": f": {o['costs']}"}]}]
            for o in priced]}]})
    cta = view["call_to_action"]
    if cta:
        ask = cta["title"] + (f": come to the meeting {cta['meeting']['on']}" if cta["meeting"] else "")
        rows.append({"label": "What we ask of you", "value": ask})
    rows.append({"label": "Organised by", "value": view["organiser"].name})
    if page_url:
        rows.append({"label": "Online", "value": [{"kind": "paragraph", "inlines": [{"text": page_url, "href": page_url}]}]})
    return rows


def document(view: dict, *, intro_html: str, explainers: list[dict], page_url: str | None,
             brand=None, logo: str | None = None, date: dt.date | None = None) -> dict:
    """Everything the brochure says, as the data ``brochure.typ`` lays out. ``brand`` is the
    site's palette.Brand (its name and colours head the cover); ``logo`` the logo's path as
    Typst finds it; ``date`` the document's date (the build's "today")."""
    colours = dict(DEFAULT_COLOURS, **(brand.colours if brand is not None else {}))
    organiser = view["organiser"]
    closing = []
    if view["example"]:
        closing.append("This is example content: its contact details are reserved example values, not real ones.")
    closing.append(f"Published by {organiser.name}" + (f" ({organiser.email})." if organiser.email else ".")
                   + (f" Last updated {view['updated']}." if view["updated"] else ""))
    return {
        "lang": "en", "region": "GB",
        "title": view["title"], "summary": view["summary"], "author": organiser.name,
        "date": [date.year, date.month, date.day] if date else None,
        "brand": {"name": (brand.name if brand is not None and brand.name else organiser.name),
                  "primary": colours["primary"], "on_primary": colours["text_on_primary"],
                  "text": colours["text"], "logo": logo},
        "past": view["past"],
        "cover": _cover(view, page_url),
        "intro": blocks(intro_html, base=page_url),
        "comparison": {"caption": view["comparison"]["caption"],
                       "columns": [c["title"] for c in view["comparison"]["columns"]],
                       "rows": [{"label": r["label"], "cells": r["cells"]} for r in view["comparison"]["rows"]]},
        "options": [_option(o, page_url) for o in view["options"]],
        "call_to_action": _call_to_action(view["call_to_action"]),
        "explainers": [{"title": e["title"], "blocks": _explainer_blocks(e["html"], e["title"], page_url)}
                       for e in explainers],
        "testimonials": [{"quote": t.quote, "by": t.by} for t in view["testimonials"]],
        "closing": closing,
    }


def _explainer_blocks(html: str, title: str, base: str | None) -> list[dict]:
    """An explainer's text under its own heading (level 2): its headings one level deeper, and
    its own title, if the text starts with it, left out."""
    found = blocks(html, shift=1, base=base)
    if found and found[0]["kind"] == "heading" and "".join(r.get("text", "") for r in found[0]["inlines"]) == title:
        found = found[1:]
    return found


def brochure_pdf(view: dict, *, intro_html: str, explainers: list[dict], page_url: str | None,
                 brand=None, logo: Path | None = None, date: dt.date | None = None) -> bytes:
    """The PDF of one brochure. ``explainers`` are {"title", "html"}; ``page_url`` is printed so
    that a paper copy leads back to the page (where the calendar files are); ``logo`` is the
    brand's logo file, if it has one."""
    root = logo.parent if logo is not None else TEMPLATE.parent
    data = document(view, intro_html=intro_html, explainers=explainers, page_url=page_url, brand=brand,
                     logo=f"/{logo.name}" if logo is not None else None, date=date)
    compiler = typst.Compiler(root=str(root), font_paths=typst.Fonts(include_system_fonts=False),
                              ignore_system_fonts=True)
    try:
        return compiler.compile(input=TEMPLATE.read_bytes(), format="pdf", pdf_standards=[STANDARD],
                                sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                                timestamp=_timestamp(date))
    except typst.TypstError as exc:
        raise BrochurePdfError(f"the brochure PDF of {view['title']!r} could not be made: "
                               f"{exc.message}{': ' + '; '.join(exc.hints) if exc.hints else ''}") from None


def _timestamp(date: dt.date | None) -> int:
    """The compiler's clock, set rather than read: midnight (UTC) of the date, or 1 January 1980."""
    day = date or dt.date(1980, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
