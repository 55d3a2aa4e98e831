"""The accessibility statement, made from settings in mkdocs.yml (extra: events: accessibility:).

UK public sector websites must publish one (the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018). The page follows GOV.UK's sample
statement: who runs the site, how accessible it is, how to report a problem, the enforcement
procedure, the standard met and when the site was last tested. Every page links to it from its
footer. A site that writes its own ``docs/accessibility.md`` keeps that page instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from ..model import when
from ..reading import schema
from ..reading.fields import Checker
from ..reading.problems import Problem

PAGE = "accessibility.md"
SETTING = "extra.events.accessibility"


@dataclass(frozen=True)
class Statement:
    organisation: str
    email: str
    standard: str
    tested: dt.date
    phone: str | None = None
    compliance: str = "full"  # full or partial
    problems: tuple[str, ...] = ()
    tested_by: str | None = None
    prepared: dt.date | None = None
    reviewed: dt.date | None = None


def read_statement(node: yaml.Node | None, config_name: str) -> tuple[Statement | None, list[Problem]]:
    """The statement's settings from their node in mkdocs.yml, or the problems, with their lines.
    No node: no statement (the site has not set one up). Dates are not compared with "today":
    a build pinned to an earlier day (EVENTS_TODAY) must still work."""
    if node is None:
        return None, []
    check = Checker(config_name)
    record = schema.ACCESSIBILITY.read(node, SETTING, check)
    if record is None:
        return None, check.problems
    compliance = record.get("compliance", "full")
    if compliance == "partial" and "problems" not in record.lines:
        check.add(record.line_of("compliance"), f"{SETTING}.problems",
                  "is missing; a partially compliant site lists what does not meet the standard, and "
                  "why, e.g. problems: [Some PDF programmes are not tagged for screen readers]")
    if compliance == "full" and record.get("problems"):
        check.add(record.line_of("problems"), f"{SETTING}.compliance",
                  "is full (the default), but problems: lists content that does not meet the "
                  "standard; set compliance: partial, or remove the problems once fixed")
    if check.problems:
        return None, check.problems
    return Statement(
        organisation=record["organisation"], email=record["email"], standard=record["standard"],
        tested=record["tested"], phone=record.get("phone"), compliance=compliance,
        problems=tuple(p for p in record.get("problems") or () if p is not None),
        tested_by=record.get("tested_by"), prepared=record.get("prepared"), reviewed=record.get("reviewed")), []


def statement_view(statement: Statement, site_name: str) -> dict:
    """What the statement page says, in words: templates/accessibility.html adds the markup."""
    return {
        "site_name": site_name,
        "organisation": statement.organisation,
        "email": statement.email,
        "phone": statement.phone,
        "phone_href": "tel:" + statement.phone.replace(" ", "") if statement.phone else None,
        "standard": statement.standard,
        "compliance": statement.compliance,
        "compliance_text": (f"This website is fully compliant with the {statement.standard} standard."
                            if statement.compliance == "full" else
                            f"This website is partially compliant with the {statement.standard} standard, "
                            "due to the non-compliances listed below."),
        "problems": statement.problems,
        "tested": when.short_day(statement.tested),
        "tested_iso": statement.tested.isoformat(),
        "tested_by": statement.tested_by or statement.organisation,
        "prepared": when.short_day(statement.prepared or statement.tested),
        "reviewed": when.short_day(statement.reviewed or statement.prepared or statement.tested),
    }
