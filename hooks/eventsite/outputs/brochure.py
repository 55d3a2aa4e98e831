"""Programme -> what the brochure page and the programmes listing show: words and links, no markup.

Templates in ``overrides/`` (programme.html, programmes.html) hold every tag. This module decides
what a brochure says: how the options compare, each option's timeline, the costs in words, which
calendar files a delegate can take, and whether the dates have passed. It is plain Python, so it
is tested without MkDocs; the adapter passes in what only MkDocs knows (``url_for`` turns a
docs-relative path into the site's URL, ``markdown`` renders an option's description).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Callable
from urllib.parse import quote, urlencode

from ..model import when
from ..model.model import CallToAction, Catalogue, Option, Part, Programme
from ..model.wording import alternatives, cost_text, price_text

NOT_STATED = "Not stated"


# --- where things are published (docs-relative paths) -------------------------------------------


def programme_page_path(programme: Programme) -> str:
    return f"programmes/{programme.slug}.md"


def programme_pdf_path(programme: Programme) -> str:
    return f"programmes/{programme.slug}.pdf"


def option_ics_path(programme: Programme, option: Option) -> str:
    """The .ics of an option's fixed dates."""
    return f"programmes/{programme.slug}/{option.id}.ics"


def choice_ics_path(programme: Programme, option: Option, part: Part, day: dt.date) -> str:
    """The .ics of one candidate date of a date choice: a delegate takes the ones they picked."""
    return f"programmes/{programme.slug}/{option.id}-{part.id}-{day:%Y-%m-%d}.ics"


# --- words ----------------------------------------------------------------------------------------


def days_text(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def duration_text(option: Option) -> str:
    """'5 days: 3 days, then 2 days 4 to 6 weeks later'; '3 days' for a single part."""
    if len(option.parts) == 1:
        return days_text(option.days)
    steps = []
    for index, part in enumerate(option.parts):
        step = days_text(part.days) if index == 0 else f"then {days_text(part.days)}"
        if index and part.after:
            step += f" {part.after} later"
        steps.append(step)
    return f"{days_text(option.days)}: " + ", ".join(steps)


def part_when(part: Part) -> str:
    """When a part happens, in words: fixed dates, a choice, the author's words, or not given."""
    times = f", {when.clock_span(part.start, part.end)}" if part.start and part.end else ""
    if part.dates:
        each = " each day" if times and len(part.dates) > 1 else ""
        return when.day_list(part.dates, "and") + times + each
    if part.choice:
        return (f"{days_text(part.choice.days)} chosen from "
                f"{when.day_list(part.choice.candidates, 'or')}{times}")
    if part.dates_text:
        return part.dates_text + times
    return "Dates not given"


def part_dates(part: Part) -> tuple[dt.date, ...]:
    """Every date a part may fall on: its fixed dates, or all the candidates of a choice."""
    return part.dates or (part.choice.candidates if part.choice else ())


def programme_dates(programme: Programme) -> list[dt.date]:
    return sorted({d for option in programme.options for part in option.parts for d in part_dates(part)})


def is_past(programme: Programme, today: dt.date) -> bool:
    """Every date given has passed (a programme with no dates is never past)."""
    dates = programme_dates(programme)
    return bool(dates) and dates[-1] < today


def costs_text(option: Option, titles: dict[str, str]) -> str | None:
    """'£950 plus VAT per candidate based on 8 delegates working in one set, or £884 ...'."""
    return alternatives(cost_text(c, titles) for c in option.costs) if option.costs else None


def headline_price(option: Option, titles: dict[str, str]) -> str | None:
    """An option's price in a few words, for the brochure's cover and its card: the amount, or
    'from' the lowest of several amounts, or a relative cost ('Roughly half of the Proposal 1
    cost'); None when the option states no cost."""
    priced = [c for c in option.costs if c.price is not None]
    if priced:
        cheapest = min(priced, key=lambda cost: cost.price.amount)
        lowest = cheapest.price
        words = price_text(replace(lowest, note=None))  # its VAT and basis as the author gave them
        if cheapest.basis:  # "based on 14 delegates working in two sets": the price depends on it
            words += f" ({cheapest.basis})"
        return f"From {words[:1].lower()}{words[1:]}" if len(option.costs) > 1 and not lowest.free else words
    if option.costs:
        cost = option.costs[0]
        return cost_text(replace(cost, basis=None, note=None), titles)
    return None


def _date_or_words(value) -> dict | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return {"text": when.day(value), "iso": value.isoformat(), "on": f"on {when.day(value)}"}
    return {"text": value, "iso": None, "on": value if value.lower().startswith(("on ", "by ")) else f"on {value}"}


# --- the brochure page ------------------------------------------------------------------------------


def part_view(programme: Programme, option: Option, part: Part, number: int, today: dt.date,
              url_for: Callable[[str], str]) -> dict:
    candidates = []
    if part.choice:
        for day in part.choice.candidates:
            candidates.append({
                "text": when.day(day), "iso": day.isoformat(), "past": day < today,
                "ics_url": url_for(choice_ics_path(programme, option, part, day)),
                "ics_name": f"{programme.slug}-{option.id}-{part.id}-{day:%Y-%m-%d}.ics"})
    return {
        "id": part.id, "number": number, "title": part.title, "days": days_text(part.days),
        "after": f"{part.after} later" if part.after else None,
        "when": part_when(part) if part.dates or part.choice or part.dates_text else None,
        "dates": [{"text": when.day(d), "iso": d.isoformat()} for d in part.dates],
        "choice": {"days": part.choice.days, "candidates": candidates} if part.choice else None,
        "times": when.clock_span(part.start, part.end) if part.start and part.end else None,
        "venue": part.venue,
        "points": part.points,
        "agenda": part.agenda,
    }


def option_view(programme: Programme, option: Option, today: dt.date, titles: dict[str, str], *,
                markdown: Callable[[str], str], url_for: Callable[[str], str]) -> dict:
    fixed = [d for part in option.parts for d in part.dates]
    return {
        "id": option.id, "title": option.title, "summary": option.summary,
        "description_html": markdown(option.description) if option.description else "",
        "benefits": option.benefits, "leaves_with": option.leaves_with, "award": option.award,
        "duration": duration_text(option), "days": days_text(option.days),
        "parts": [part_view(programme, option, part, n, today, url_for)
                  for n, part in enumerate(option.parts, 1)],
        "schedule_note": option.schedule_note,
        "costs": costs_text(option, titles),
        "headline_price": headline_price(option, titles),
        "funding": option.funding, "notes": option.notes,
        # A calendar file for the fixed dates, offered while any of them is still to come.
        "ics_url": url_for(option_ics_path(programme, option)) if fixed else None,
        "ics_name": f"{programme.slug}-{option.id}.ics",
        "ics_current": bool(fixed) and max(fixed) >= today,
        "has_choice": any(part.choice for part in option.parts),
        "undated": not any(part.dates or part.choice or part.dates_text for part in option.parts),
    }


def comparison(programme: Programme, titles: dict[str, str]) -> dict:
    """The options side by side: one column per option, one row per aspect. A row no option
    says anything about is left out; a cell an option leaves blank says so."""

    def dates(option: Option) -> list[str]:
        given = [p for p in option.parts if p.dates or p.choice or p.dates_text]
        return [f"{p.title}: {part_when(p)}" for p in given] or ["Dates not given"]

    rows = [
        ("In short", [[o.summary] for o in programme.options]),
        ("Duration", [[duration_text(o)] for o in programme.options]),
        ("Dates", [dates(o) for o in programme.options]),
        ("Cost", [[costs_text(o, titles)] if o.costs else [] for o in programme.options]),
        ("Award", [[o.award.name] if o.award else [] for o in programme.options]),
        ("What you leave with", [[b.text for b in o.leaves_with] for o in programme.options]),
    ]
    return {
        "caption": join_words([o.title for o in programme.options]) + " compared",
        "columns": [{"id": o.id, "title": o.title} for o in programme.options],
        "rows": [{"label": label, "cells": [cell or [NOT_STATED] for cell in cells]}
                 for label, cells in rows if any(cells)],
    }


def join_words(titles: list[str], conjunction: str = "and") -> str:
    """'Proposal 1 and Proposal 2', 'A, B or C'."""
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} {conjunction} {titles[-1]}"


def call_to_action_view(call: CallToAction, title: str) -> dict:
    mailto = None
    if call.email:
        mailto = f"mailto:{call.email}?" + urlencode({"subject": f"Reply: {title}"}, quote_via=quote)
    return {
        "title": call.title, "ask": call.ask, "questions": call.questions,
        "meeting": _date_or_words(call.meeting), "where": call.where,
        "reply_by": _date_or_words(call.reply_by),
        "email": call.email, "email_href": mailto,
        "phone": call.phone, "phone_href": "tel:" + call.phone.replace(" ", "") if call.phone else None,
    }


def enquiry(programme: Programme) -> dict:
    """The brochure's one action: an email to whoever its call to action names (or the organiser),
    with a subject that says which programme it is about."""
    cta = programme.call_to_action
    email = (cta.email if cta is not None and cta.email else None) or programme.organiser.email
    label = "Reply to this proposal" if cta is not None else "Ask about this programme"
    subject = urlencode({"subject": f"{'Reply' if cta is not None else 'Enquiry'}: {programme.title}"},
                        quote_via=quote)
    return {"href": f"mailto:{email}?{subject}", "label": label, "email": email}


def programme_view(programme: Programme, today: dt.date, *, markdown: Callable[[str], str] = lambda s: s,
                   url_for: Callable[[str], str] = lambda path: path) -> dict:
    """Everything a brochure page shows, as words and links."""
    titles = {o.id: o.title for o in programme.options}
    return {
        "slug": programme.slug,
        "title": programme.title,
        "summary": programme.summary,
        "audience": programme.audience,
        "organiser": programme.organiser,
        # The brochure's action: reply to its call to action, else ask the organiser about it.
        "enquiry": enquiry(programme),
        "options_text": join_words([o.title for o in programme.options], "or"),
        # The cover's price line: each option's headline price, named when there are several.
        "headline_price": [{"option": o.title, "price": headline_price(o, titles)}
                           for o in programme.options if o.costs],
        "past": is_past(programme, today),
        "comparison": comparison(programme, titles),
        "options": [option_view(programme, o, today, titles, markdown=markdown, url_for=url_for)
                    for o in programme.options],
        "call_to_action": call_to_action_view(programme.call_to_action, programme.title)
        if programme.call_to_action else None,
        "testimonials": programme.testimonials,
        "updated": when.day(programme.updated) if programme.updated else None,
        "example": programme.example,
    }


# --- listings -----------------------------------------------------------------------------------------


def programme_listing(catalogue: Catalogue, today: dt.date) -> dict:
    """Programmes for the home page and the programmes index: those still to come (soonest
    first, undated ones after), then those whose dates have all passed (most recent first)."""
    current, past = [], []
    for programme in catalogue.programmes:
        dates = programme_dates(programme)
        card = {
            "slug": programme.slug, "title": programme.title, "summary": programme.summary,
            "page": programme_page_path(programme),
            "options": join_words([o.title for o in programme.options], "or"),
            "options_count": len(programme.options),
            "when": (when.day(dates[0]) if len(dates) == 1 else
                     f"{when.day(dates[0])} to {when.day(dates[-1])}") if dates else "Dates not given",
            "start_iso": dates[0].isoformat() if dates else None,
            "end_iso": dates[-1].isoformat() if dates else None,
            "past": is_past(programme, today),
        }
        (past if card["past"] else current).append((dates[0] if dates else dt.date.max, dates, card))
    current.sort(key=lambda row: (row[0], row[2]["slug"]))
    past.sort(key=lambda row: (row[1][-1], row[2]["slug"]), reverse=True)
    return {"current": [row[2] for row in current], "past": [row[2] for row in past]}
