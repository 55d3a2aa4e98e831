#!/usr/bin/env python3
"""Benchmark: our build against plain mkdocs-material on the same pages, at several sizes.

For each size N (default 100, 1,000 and 5,000 events) this script

1. generates N synthetic event files in the project's own format (several sessions each, a pool
   of venues, organisers, testimonials and explainers) into ``bench/out/N/ours/``, beside a copy
   of the site layout (mkdocs.yml with its navigation adapted, overrides/, hooks/, docs/), and
   makes that folder a git repository of three commits with fixed dates, each later one changing
   every event file (``history_versions``), since the build reads the history of events/;
2. writes the same pages as ordinary Markdown into ``bench/out/N/baseline/``: plain
   mkdocs-material, the same navigation (events not in it; an index page lists them), the same
   search plugin, none of our extra outputs (no hooks, no .ics files, no templates);
3. builds both, alternately, several times, each in a fresh process, and records wall time, peak
   memory (``ru_maxrss`` of the build process, from ``os.wait4``) and output size;
4. times, in this process, validation alone (``eventsite.reading.validate.load_catalogue``), calendar
   generation alone (``eventsite.outputs.calendar.event_calendar`` for every event), per event, and the
   history read alone (``eventsite.reading.history.read_history``, its caches emptied first).

It prints a Markdown table and writes it to ``bench/out/results.md``.

    .venv/bin/python bench/run.py                     # 100, 1000 and 5000
    .venv/bin/python bench/run.py --sizes 1000        # one size (make bench N=1000)
    .venv/bin/python bench/run.py --profile 1000      # cProfile of our build at 1,000 events

Everything it writes is under bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TODAY = dt.date(2014, 11, 20)  # the example site's pinned "today": past and upcoming events both occur
SITE_URL = "https://events.example.org/"
DEFAULT_SIZES = (100, 1000, 5000)
# Runs per size: medians of 3; the largest size is slow (minutes on a shared 2-core machine), so once.
DEFAULT_RUNS = {100: 3, 1000: 3, 5000: 1}

# --------------------------------------------------------------------------------------------
# Synthetic data: deterministic for a given N.

TOPICS = ["Action learning", "Action planning", "Scrutiny", "Budget setting", "Community leadership",
          "Chairing meetings", "Effective questioning", "Coaching", "Mentoring", "Managing change",
          "Commissioning", "Safeguarding", "Planning committees", "Licensing", "Media handling",
          "Equality and diversity", "Partnership working", "Risk management", "Strategic planning",
          "Performance management", "Digital skills", "Public speaking", "Ward casework",
          "Local government finance", "Housing strategy"]
FORMATS = ["taster session", "workshop", "masterclass", "programme", "briefing", "learning set",
           "development day", "seminar"]
AUDIENCES = ["Councillors in the East Midlands", "Officers in local authorities",
             "New councillors", "Council leaders and cabinet members", "Senior managers",
             "Team leaders in the public sector", "Staff of Sector Skills Councils",
             "Clerks of parish and town councils"]
TAGS = ["action-learning", "councillors", "officers", "leadership", "finance", "scrutiny",
        "skills", "governance"]
TOWNS = ["Melton Mowbray", "Nottingham", "Leicester", "Derby", "Lincoln", "Northampton", "Loughborough",
         "Mansfield", "Chesterfield", "Grantham", "Kettering", "Newark", "Oakham", "Buxton",
         "Boston", "Corby", "Hinckley", "Matlock", "Retford", "Skegness"]
COUNTIES = ["Leicestershire", "Nottinghamshire", "Derbyshire", "Lincolnshire", "Northamptonshire",
            "Rutland"]
STREETS = ["Pera Business Park", "Nottingham Road", "Market Place", "High Street", "Station Road",
           "Church Lane", "Council House", "Civic Centre", "Town Hall", "Enterprise Way"]
NAMES = ["Kirsty Lowe", "Sam Patel", "Alex Morgan", "Jo Williams", "Chris Evans", "Pat Shaw",
         "Robin Hughes", "Lee Carter", "Nicola Grant", "Dev Mistry"]
SENTENCES = [
    "This {fmt} gives participants time to work on a real issue of their own with the support of a small group.",
    "Each participant brings a current challenge from their authority and leaves with a plan of action.",
    "The group meets with an experienced facilitator who keeps the discussion focused and practical.",
    "Questioning insight helps each member see their issue from new angles before deciding what to do.",
    "There is no lecture and no slides: the learning comes from the work of the group itself.",
    "Places are limited so that everyone has dedicated time and space to explore their issue in depth.",
    "The sessions are confidential, and what is discussed in the room stays in the room.",
    "Many participants go on to join a longer programme or to set up a learning set in their own council.",
    "Lunch and refreshments are provided, and the venue has step-free access throughout.",
    "You do not need any previous experience of {topic} to take part.",
    "The {fmt} is suitable for anyone who wants to make progress on a difficult problem at work.",
    "Past participants say that the time away from the day job was the most valuable part.",
]
OUTCOMES = ["Understand the principles of {topic}", "Have worked on an issue of their own",
            "Have an action plan to take back to their authority", "Reflect on their future learning needs",
            "Know how to support colleagues facing similar issues", "Be able to ask more useful questions",
            "Understand the role and impact of questioning insight"]
BENEFITS = ["Provides an opportunity to make progress on a current challenge",
            "Provides a supportive, yet challenging environment",
            "A way of working that helps people solve problems together",
            "Techniques to aid understanding of current and future issues"]
SKILLS = ["Problem solving", "Critical reflection", "Questioning insight", "Giving and receiving support",
          "Listening", "Planning"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _paragraph(rng: random.Random, topic: str, fmt: str, count: int) -> str:
    return " ".join(rng.choice(SENTENCES).format(topic=topic.lower(), fmt=fmt) for _ in range(count))


def synthesise(n: int) -> dict:
    """N events and the shared pools they name, as plain data (the same for both builds)."""
    rng = random.Random(n)
    organisers = {"east-midlands-councils": {"name": "East Midlands Councils", "email": "events@example.org",
                                             "website": "https://www.example.org/", "phone": "01632 960 000"}}
    for i in range(1, 25):
        organisers[f"organiser-{i:02d}"] = {
            "name": f"{rng.choice(COUNTIES)} Learning Partnership {i}", "email": f"events{i}@example.org",
            "website": f"https://org{i}.example.org/", "phone": f"01632 960 {i:03d}"}
    venues = {"emc-melton": {"name": "East Midlands Councils",
                             "address": ["Pera Business Park", "Melton Mowbray", "Leicestershire"],
                             "postcode": "LE13 0PB"}}
    for i in range(1, 60):
        town = rng.choice(TOWNS)
        venues[f"venue-{i:02d}"] = {"name": f"{town} {rng.choice(['Civic Centre', 'Conference Centre', 'Council House', 'Hub'])}",
                                    "address": [f"{rng.randint(1, 200)} {rng.choice(STREETS)}", town, rng.choice(COUNTIES)],
                                    "postcode": f"NG{rng.randint(1, 25)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"}
    testimonials = {}
    original = yaml.safe_load((ROOT / "events" / "_testimonials.yml").read_text(encoding="utf-8")) or {}
    testimonials.update(original)
    for i in range(1, 41):
        testimonials[f"quote-{i:02d}"] = {
            "quote": f"{rng.choice(SENTENCES).format(topic='action learning', fmt='session')} "
                     f"{rng.choice(SENTENCES).format(topic='action learning', fmt='session')}",
            "by": f"A participant in a {rng.choice(TOPICS).lower()} {rng.choice(FORMATS)}",
            "tags": sorted(rng.sample(TAGS, 2))}
    explainers = {}
    for i, topic in enumerate(TOPICS[:8], 1):
        eid = f"about-{_slug(topic)}"
        explainers[eid] = {"title": f"What is {topic.lower()}?",
                           "intro": [_paragraph(rng, topic, "programme", 4), _paragraph(rng, topic, "programme", 3)],
                           "more": [(f"How {topic.lower()} works", _paragraph(rng, topic, "programme", 5)),
                                    ("Who it is for", _paragraph(rng, topic, "programme", 3))]}
    explainer_ids = ["what-is-action-learning", *explainers]
    events = []
    start_window = (dt.date(2012, 1, 2), dt.date(2017, 12, 1))
    span_days = (start_window[1] - start_window[0]).days
    for i in range(n):
        topic, fmt = rng.choice(TOPICS), rng.choice(FORMATS)
        title = (f"{topic} {fmt} in {rng.choice(TOWNS)}" if rng.random() < 0.5
                 else f"{topic} {fmt} for {rng.choice(AUDIENCES).lower()}")
        slug = f"{_slug(title)[:60].strip('-')}-{i + 1:05d}"
        first = start_window[0] + dt.timedelta(days=rng.randrange(span_days))
        sessions = []
        gap = rng.choice([7, 14, 21, 28, 42])
        for k in range(rng.randint(2, 6)):
            day = first + dt.timedelta(days=gap * k)
            hour = rng.choice([9, 10, 13, 14])
            start = dt.datetime(day.year, day.month, day.day, hour, rng.choice([0, 30]))
            session = {"id": f"part-{k + 1}", "start": start,
                       "end": (start + dt.timedelta(hours=rng.choice([2, 3, 3, 4, 7]))).time(),
                       "venue": rng.choice(list(venues)), "status": "scheduled"}
            roll = rng.random()
            if roll < 0.05:
                session.update(status="rescheduled", revision=1, previous_start=start - dt.timedelta(days=7))
            elif roll < 0.08:
                session.update(status="postponed", revision=1)
            elif roll < 0.12:
                session.update(status="cancelled", revision=1)
            if rng.random() < 0.3:
                session["places_left"] = rng.randint(0, 8)
            if rng.random() < 0.01:
                session["timezone"] = "Europe/Dublin"
            sessions.append(session)
        price = {"amount": "free", "note": "free to councillors in the region"} if rng.random() < 0.5 else \
            {"amount": f"{rng.choice([95, 150, 250, 495, 950])}", "vat": rng.choice(["plus", "included"]),
             "per": rng.choice(["person", "delegate"])}
        contact = rng.choice(NAMES)
        booking = {"contact": contact, "email": f"{_slug(contact).replace('-', '.')}@example.org",
                   "phone": f"01632 960 {rng.randint(100, 999)}"}
        if rng.random() < 0.3:
            booking["url"] = f"https://book.example.org/{slug}"
        if rng.random() < 0.3:
            booking["closes"] = first - dt.timedelta(days=7)
        booking["note"] = f"For further details about the {fmt}, contact {contact}."
        outcomes = [o.format(topic=topic.lower()) for o in rng.sample(OUTCOMES, rng.randint(3, 5))]
        benefits = rng.sample(BENEFITS, rng.randint(2, 4))
        benefits.insert(1, {"Development of skills such as": rng.sample(SKILLS, 4)})
        body = [_paragraph(rng, topic, fmt, rng.randint(3, 5)) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.3:
            body.insert(2, "\n".join(f"- {s}" for s in rng.sample(SKILLS, 3)))
        events.append({
            "slug": slug, "title": title, "summary": _paragraph(rng, topic, fmt, 2),
            "organiser": rng.choice(list(organisers)), "audience": rng.choice(AUDIENCES),
            "tags": sorted(rng.sample(TAGS, rng.randint(1, 3))), "updated": first - dt.timedelta(days=rng.randint(20, 90)),
            "sessions": sessions, "places": rng.choice([8, 12, 16, 20, 30]), "price": price, "booking": booking,
            "outcomes": outcomes, "benefits": benefits,
            "explainers": rng.sample(explainer_ids, rng.choice([0, 1, 1, 2])),
            "testimonials": rng.sample(list(testimonials), rng.choice([0, 1, 2, 3])),
            "testimonial_tags": rng.sample(TAGS, 1) if rng.random() < 0.3 else [],
            "body": "\n\n".join(body)})
    original = (ROOT / "docs" / "explainers" / "what-is-action-learning.md").read_text(encoding="utf-8")
    return {"organisers": organisers, "venues": venues, "testimonials": testimonials,
            "explainers": explainers, "events": events,
            "original_intro": original.split("\n## ")[0].split("\n", 1)[1].strip()}


# --------------------------------------------------------------------------------------------
# Our format: events/*.yml.

def _when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def event_yaml(e: dict) -> str:
    lines = ["# yaml-language-server: $schema=../schema/event.schema.json", "",
             f"title: {e['title']}", "summary: >-", f"  {e['summary']}", f"organiser: {e['organiser']}",
             f"audience: {e['audience']}", f"tags: [{', '.join(e['tags'])}]", f"updated: {e['updated']}", "",
             "sessions:"]
    for s in e["sessions"]:
        lines += [f"  - id: {s['id']}", f"    start: {_when(s['start'])}", f"    end: {s['end']:%H:%M}",
                  f"    venue: {s['venue']}", f"    status: {s['status']}"]
        if "previous_start" in s:
            lines.append(f"    previous_start: {_when(s['previous_start'])}")
        for key in ("revision", "places_left", "timezone"):
            if key in s:
                lines.append(f"    {key}: {s[key]}")
    lines += ["", f"places: {e['places']}", "price:"]
    lines += [f"  {k}: {v}" for k, v in e["price"].items()]
    lines += ["", "booking:"]
    lines += [f"  {k}: {v}" for k, v in e["booking"].items()]
    lines += ["", "outcomes:"] + [f"  - {o}" for o in e["outcomes"]]
    lines += ["", "benefits:"]
    for b in e["benefits"]:
        if isinstance(b, dict):
            (head, subs), = b.items()
            lines += [f'  - "{head}":'] + [f"      - {s}" for s in subs]
        else:
            lines.append(f"  - {b}")
    lines.append("")
    for key in ("explainers", "testimonials", "testimonial_tags"):
        if e[key]:
            lines.append(f"{key}: [{', '.join(e[key])}]")
    lines += ["", "body: |"] + [f"  {line}" if line else "" for line in e["body"].splitlines()]
    return "\n".join(lines) + "\n"


def _shared_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def explainer_markdown(x: dict) -> str:
    parts = [f"# {x['title']}", *x["intro"]]
    for heading, text in x["more"]:
        parts += [f"## {heading}", text]
    return "\n\n".join(parts) + "\n"


def _nav(explainer_titles: dict) -> list:
    """The project's own navigation, with the synthetic explainers beside the real ones."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = config["nav"]
    extra = [{title: f"explainers/{eid}.md"} for eid, title in explainer_titles.items()]
    for entry in nav:
        (title, value), = entry.items()
        if isinstance(value, list) and any(str(v).startswith("explainers/") for item in value for v in item.values()):
            value.extend(extra)
            break
    else:
        nav.append({"Background": extra})
    return nav


def _nav_pages(nav) -> list[str]:
    pages = []
    for entry in nav:
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def write_ours(folder: Path, data: dict, history: bool = True) -> None:
    """A copy of the site layout with N generated event files; with ``history``, a git repository
    whose last commit holds them and whose two earlier commits held earlier versions of each
    (``git_history``)."""
    shutil.rmtree(folder, ignore_errors=True)
    for part in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / part, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
    for eid, x in data["explainers"].items():
        (folder / "docs" / "explainers" / f"{eid}.md").write_text(explainer_markdown(x), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = _nav({eid: x["title"] for eid, x in data["explainers"].items()})
    config["extra"]["events"]["today"] = TODAY.isoformat()
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    events = folder / "events"
    events.mkdir()
    if history:
        git_history(folder, data)
    else:
        _write_events(events, event_files(data))


def event_files(data: dict) -> dict[str, str]:
    """The events folder of the site built: file name -> text."""
    files = {"_organisers.yml": _shared_yaml(data["organisers"]), "_venues.yml": _shared_yaml(data["venues"]),
             "_testimonials.yml": _shared_yaml(data["testimonials"])}
    files.update((f"{e['slug']}.yml", event_yaml(e)) for e in data["events"])
    return files


def _write_events(events: Path, files: dict[str, str]) -> None:
    for old in events.glob("*.yml"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        path = events / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# History: the build reads the git history of events/ (SEQUENCE, DTSTAMP, withdrawn sessions).

# Commit dates, fixed so that the repository (its commit ids included) and the site are the same
# on every run; all before the pinned "today", so that sessions after them were "to come" then.
HISTORY_DATES = ("2014-06-02T09:00:00+00:00", "2014-09-01T09:00:00+00:00", "2014-11-03T09:00:00+00:00")
# Of every 200 events, one had a second run that was deleted in commit 2 and one had another
# file name until commit 3 (a rename): withdrawn pages at their old addresses.
DELETED_EVERY, RENAMED_EVERY = (200, 100), (200, 50)


def _change(e: dict, kind: str, rng: random.Random, venues: list[str]) -> dict:
    """An earlier version of event ``e``: the change ``kind`` undone (the later version is ``e``)."""
    e = {**e, "sessions": [dict(s) for s in e["sessions"]]}
    s = e["sessions"][rng.randrange(len(e["sessions"]))]
    if kind == "time":  # the session was moved an hour later
        s["start"] = s["start"] - dt.timedelta(hours=1)
        s["end"] = (dt.datetime.combine(s["start"].date(), s["end"]) - dt.timedelta(hours=1)).time()
    elif kind == "venue":  # it moved to another venue
        s["venue"] = venues[(venues.index(s["venue"]) + 1 + rng.randrange(len(venues) - 1)) % len(venues)]
    elif kind == "title":  # the event was retitled
        e["title"] = f"{e['title']} ({rng.choice(['provisional', 'first announcement', 'save the date'])})"
    else:  # "session": a session that was later removed, a week after the last one
        last = e["sessions"][-1]
        e["sessions"].append({"id": f"part-{len(e['sessions']) + 1}", "start": last["start"] + dt.timedelta(days=7),
                              "end": last["end"], "venue": last["venue"], "status": "scheduled"})
    return e


def history_versions(data: dict) -> list[dict[str, str]]:
    """The events folder at each of the three commits, oldest first: file name -> text. The last
    is the site built (``event_files``). Commits 2 and 3 each change every event file: a session
    moved, a venue changed, the event retitled or a session removed (about 4 in 10, 3, 2 and 1);
    commit 3 also changes one venue's entry in _venues.yml (every session there changes), commit 2
    deletes one extra event file in 200 and commit 3 renames one in 200."""
    rng = random.Random(f"history-{len(data['events'])}")
    venues = list(data["venues"])
    kinds = ["time"] * 4 + ["venue"] * 3 + ["title"] * 2 + ["session"]
    final = data["events"]
    second = [_change(e, rng.choice(kinds), rng, venues) for e in final]
    first = [_change(e, rng.choice(kinds), rng, venues) for e in second]
    deleted = [{**e, "slug": f"{e['slug'][:-6]}-second-run{e['slug'][-6:]}", "title": f"{e['title']}, second run",
                "sessions": [{**s, "start": s["start"] + dt.timedelta(days=91)} for s in e["sessions"]]}
               for i, e in enumerate(first) if i % DELETED_EVERY[0] == DELETED_EVERY[1]]
    renamed = {i: f"{e['slug'][:-6]}-old-name{e['slug'][-6:]}" for i, e in enumerate(final)
               if i % RENAMED_EVERY[0] == RENAMED_EVERY[1]}
    moved_venue = venues[len(venues) // 2]
    shared = {"_organisers.yml": _shared_yaml(data["organisers"]),
              "_testimonials.yml": _shared_yaml(data["testimonials"])}
    old_venues = {**data["venues"], moved_venue: {**data["venues"][moved_venue],
                                                  "name": f"{data['venues'][moved_venue]['name']} (old building)"}}

    def folder(events: list[dict], extra: list[dict], venue_data: dict, names: dict) -> dict[str, str]:
        files = {**shared, "_venues.yml": _shared_yaml(venue_data)}
        for i, e in enumerate(events):
            files[f"{names.get(i, e['slug'])}.yml"] = event_yaml(e)
        files.update((f"{e['slug']}.yml", event_yaml(e)) for e in extra)
        return files

    versions = [folder(first, deleted, old_venues, renamed), folder(second, [], old_venues, renamed),
                event_files(data)]
    assert versions[-1] == folder(final, [], data["venues"], {})
    return versions


def _git_env(date: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Bench",
               GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
               GIT_COMMITTER_EMAIL="bench@example.org", LC_ALL="C")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return env


def git(folder: Path, *args: str, date: str | None = None) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=_git_env(date)).stdout


def git_history(folder: Path, data: dict) -> None:
    """Make ``folder`` a git repository of three commits (``history_versions``): the first holds
    the whole site, each later one changes every event file; the working tree is the last."""
    (folder / ".gitignore").write_text("site/\n*.log\n", encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    for number, (files, date) in enumerate(zip(history_versions(data), HISTORY_DATES), 1):
        _write_events(folder / "events", files)
        git(folder, "add", "-A", ".")
        git(folder, "commit", "-q", "--no-gpg-sign", "-m", f"Events, version {number}", date=date)


# --------------------------------------------------------------------------------------------
# Baseline: the same pages as ordinary Markdown, plain mkdocs-material, no hooks.

def _day(value: dt.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _clock(value: dt.datetime | dt.time) -> str:
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{value.hour % 12 or 12}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _span(s: dict) -> str:
    return f"{_day(s['start'])}, {_clock(s['start'])} to {_clock(s['end'])}"


def _price(p: dict) -> str:
    if p["amount"] == "free":
        return "Free" + (f" ({p['note']})" if p.get("note") else "")
    return f"£{p['amount']} {'plus VAT' if p.get('vat') == 'plus' else 'including VAT'} per {p['per']}"


def _upcoming(e: dict) -> list[dict]:
    return [s for s in e["sessions"] if s["start"].date() >= TODAY]


def _testimonials_md(chosen: list[dict]) -> str:
    return "\n\n".join(f"> {t['quote']}\n>\n> {t['by']}" for t in chosen)


def event_markdown(e: dict, data: dict) -> str:
    o = data["organisers"][e["organiser"]]
    b = e["booking"]
    out = ["---", yaml.safe_dump({"title": e["title"], "description": e["summary"]}, sort_keys=True).strip(), "---", "",
           f"# {e['title']}", "", e["summary"], "", "## Upcoming dates for this event", ""]
    upcoming = _upcoming(e)
    if not upcoming:
        out += ["There are no upcoming dates for this event.", ""]
    for s in upcoming:
        v = data["venues"][s["venue"]]
        if s["status"] != "scheduled":
            out += [f"**This session is {s['status']}.**", ""]
        out += [f"- **Date and time:** {_span(s)}",
                f"- **Venue:** {v['name']}, {', '.join(v['address'])}, {v['postcode']} "
                f"([Map of {v['name']}, {v['postcode']} on OpenStreetMap](https://www.openstreetmap.org/search?query={v['postcode'].replace(' ', '%20')}))",
                f"- **Who it is for:** {e['audience']}", f"- **Price:** {_price(e['price'])}",
                f"- **Places:** {s.get('places_left', 'Places available')}", "",
                f"[Book a place](mailto:{b['email']}){{ .md-button .md-button--primary }}", ""]
    if upcoming:
        out += ["## How to book your place", "", f"- Email {b['contact']} at [{b['email']}](mailto:{b['email']})",
                f"- Call [{b['phone']}](tel:{b['phone'].replace(' ', '')})"]
        if "url" in b:
            out.append(f"- [Book online]({b['url']})")
        out += ["", b["note"], ""]
    out += ["## About this event", "", e["body"], "", "## What you will get from it", "",
            "By the end of the session participants will:", ""] + [f"- {x}" for x in e["outcomes"]]
    out += ["", "## Benefits", ""]
    for x in e["benefits"]:
        if isinstance(x, dict):
            (head, subs), = x.items()
            out += [f"- {head}"] + [f"    - {s}" for s in subs]
        else:
            out.append(f"- {x}")
    for eid in e["explainers"]:
        x = data["explainers"].get(eid)
        title, intro = (x["title"], x["intro"]) if x else ("What is action learning?", [data["original_intro"]])
        out += ["", f"## {title}", "", *intro, "", f"[Read more about {title.lower().rstrip('?')}](../explainers/{eid}.md)"]
    chosen = [data["testimonials"][t] for t in e["testimonials"]]
    chosen += [t for t in data["testimonials"].values() if set(e["testimonial_tags"]) & set(t.get("tags", ()))]
    if chosen:
        out += ["", "## What previous participants have said", "", _testimonials_md(chosen)]
    past = [s for s in e["sessions"] if s["start"].date() < TODAY]
    if past:
        out += ["", "## Past dates", ""] + [f"- {_span(s)}, {data['venues'][s['venue']]['name']}: "
                                             "this session has taken place." for s in past]
    out += ["", f"Organised by [{o['name']}]({o['website']}). Last updated {_day(e['updated'])}.", ""]
    return "\n".join(out)


def _card(e: dict, data: dict, session: dict) -> str:
    return (f"- **[{e['title']}]({e['slug']}.md)**  \n  {e['summary']}  \n  {_span(session)}, "
            f"{data['venues'][session['venue']]['name']}, {_price(e['price'])}")


def write_baseline(folder: Path, data: dict) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    docs = folder / "docs"
    for eid, x in data["explainers"].items():
        (docs / "explainers" / f"{eid}.md").write_text(explainer_markdown(x), encoding="utf-8")
    # Testimonial markers become written-out quotations (our hook does this at build time).
    marker = re.compile(r"^<!--\s*testimonials?:\s*(.*?)\s*-->$", re.M)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")

        def quotes(match):
            chosen = []
            for part in (p.strip() for p in match.group(1).split(",")):
                if part == "all":
                    chosen += [data["testimonials"][k] for k in sorted(data["testimonials"])]
                elif part.startswith("tag:"):
                    chosen += [t for _, t in sorted(data["testimonials"].items()) if part[4:] in t.get("tags", ())]
                elif part in data["testimonials"]:
                    chosen.append(data["testimonials"][part])
            return _testimonials_md(chosen)

        page.write_text(marker.sub(quotes, text), encoding="utf-8")
    events_dir = docs / "events"
    events_dir.mkdir()
    upcoming, past = [], []
    for e in data["events"]:
        (events_dir / f"{e['slug']}.md").write_text(event_markdown(e, data), encoding="utf-8")
        coming = _upcoming(e)
        if coming:
            upcoming.append((coming[0]["start"], e["slug"], e, coming[0]))
        else:
            past.append((e["sessions"][-1]["start"], e["slug"], e, e["sessions"][-1]))
    upcoming.sort(key=lambda r: r[:2])
    past.sort(key=lambda r: r[:2], reverse=True)
    listing = ["# Events", "", "## Upcoming events", ""] + [_card(r[2], data, r[3]) for r in upcoming]
    listing += ["", "## Past events", ""] + [_card(r[2], data, r[3]) for r in past]
    (events_dir / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    # The home page lists upcoming events too, as our home.html does.
    home = (docs / "index.md").read_text(encoding="utf-8")
    home = re.sub(r"\A---\n.*?\n---\n", "", home, flags=re.S)
    cards = [_card(r[2], data, r[3]).replace("](", "](events/", 1) for r in upcoming]
    (docs / "index.md").write_text(home + "\n## Upcoming events\n\n" + "\n".join(cards)
                                   + "\n\n[All events, including past events](events/index.md)\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = _nav({eid: x["title"] for eid, x in data["explainers"].items()})
    # Pages our hooks generate that the navigation names (programmes, calendars): a plain page each.
    for page in _nav_pages(config["nav"]):
        target = docs / page
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            title = page.split("/")[0].capitalize()
            target.write_text(f"# {title}\n\nThis page lists the {page.split('/')[0]} of the site.\n",
                              encoding="utf-8")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config.get("extra", {}).pop("events", None)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Measuring.

def _env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EVENTS_TODAY=TODAY.isoformat(), PYTHONHASHSEED="0")
    midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.timezone.utc)
    env["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return env


# Where the builds write their sites. On the shared machines this was measured on, the disk's
# file system makes creating a file cost from 0.02 to over 1 ms of system time, depending on
# what was deleted before (measured: the same build into the same folder took 0.4 to 4.6 s of
# system time), which swamps the build's own work and charges the side that writes more files
# (ours: calendar files) for the other side's deletions. "ram" (the default where /dev/shm is)
# writes to memory, so that the CPU figures are the builds'; "disk" writes to bench/out/N/KIND/site/.
OUTPUT = {"where": "ram"}


def site_folder(folder: Path) -> Path:
    """The output folder of a build of ``folder`` (bench/out/N/KIND), as ``OUTPUT`` says."""
    if OUTPUT["where"] == "ram" and Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        return Path("/dev/shm") / "eventsite-bench" / f"{folder.parent.name}-{folder.name}"
    return folder / "site"


def build_once(folder: Path) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall and CPU seconds, peak RSS (MB)."""
    site = site_folder(folder)
    shutil.rmtree(site, ignore_errors=True)
    log = folder / "build.log"
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml",
                                 "-d", str(site)], cwd=folder, env=_env(), stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    load = os.getloadavg()[0]
    if proc.returncode != 0:
        sys.exit(f"build failed in {folder}:\n{log.read_text(errors='replace')[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime, "system": usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024, "load": load}


def output_size(folder: Path, slugs: list[str]) -> dict:
    site = site_folder(folder)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [site / "events" / slug / "index.html" for slug in slugs]
    return {"out_mb": total / 1e6, "page_kb": statistics.mean(p.stat().st_size for p in pages) / 1e3,
            "files": sum(1 for p in site.rglob("*") if p.is_file())}


def per_event_timings(folder: Path, n: int, repeats: int = 3) -> dict:
    """Validation alone, calendar generation alone and the history read alone, in this process,
    per event (median): validation and calendars in CPU time, because other work on a shared
    machine stretches wall time several-fold; the history read in wall time and in CPU time with
    its git processes'."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from eventsite.outputs import calendar
        from eventsite.reading import history, withdrawn
        from eventsite.reading.validate import load_catalogue
    finally:
        sys.path.pop(0)
    explainer_ids = {p.stem for p in (folder / "docs" / "explainers").glob("*.md")}
    validation, calendars, reads, read_cpu, withdrawing = [], [], [], [], []
    for _ in range(repeats):
        start = time.process_time()
        catalogue = load_catalogue(folder / "events", explainer_ids, "Europe/London")
        validation.append(time.process_time() - start)
        # Cold each time: no version read by an earlier pass (as in a fresh build process).
        history.clear_caches()
        before, start = os.times(), time.perf_counter()
        found = history.read_history(folder, folder / "events", TODAY)
        reads.append(time.perf_counter() - start)
        after = os.times()
        read_cpu.append(sum(after[:4]) - sum(before[:4]))
        # What the build does next with it: each withdrawn session read from its last text.
        start = time.process_time()
        withdrawn.apply(catalogue, found, "Europe/London")
        withdrawing.append(time.process_time() - start)
        # Cold each pass: the written VEVENTs, VTIMEZONEs and zone names are forgotten, so that
        # each pass pays for all of them.
        calendar.clear_caches()
        start = time.process_time()
        for event in catalogue.events:
            calendar.event_calendar(event, page_url=f"{SITE_URL}events/{event.slug}/",
                                    uid_domain="events.example.org", today=TODAY, told=found.told)
        calendars.append(time.process_time() - start)
    sessions = sum(len(e.sessions) for e in catalogue.events)
    return {"validate_ms": statistics.median(validation) * 1000 / n,
            "calendar_ms": statistics.median(calendars) * 1000 / n, "sessions_per_event": sessions / n,
            "calendar_ms_session": statistics.median(calendars) * 1000 / sessions,
            "history_s": statistics.median(reads), "history_cpu_s": statistics.median(read_cpu),
            "withdrawn_s": statistics.median(withdrawing),
            "history_state": found.state, "history_versions": found.versions,
            "history_withdrawals": sum(len(w.sessions) for w in found.withdrawals),
            "history_files_gone": sum(1 for w in found.withdrawals if w.file_gone)}


def measure(n: int, runs: int) -> dict:
    base = OUT / str(n)
    t0 = time.perf_counter()
    data = synthesise(n)
    write_ours(base / "ours", data)
    write_baseline(base / "baseline", data)
    print(f"[{n}] generated {n} events in {time.perf_counter() - t0:.1f} s; {runs} run(s) each", flush=True)
    results = {"ours": [], "baseline": []}
    for run in range(runs):  # alternate, so that load from other work on the machine hits both alike
        for kind in ("ours", "baseline"):
            r = build_once(base / kind)
            results[kind].append(r)
            print(f"[{n}] run {run + 1} {kind:8s} {r['wall']:7.2f} s wall {r['cpu']:7.2f} s CPU "
                  f"{r['peak_mb']:6.0f} MB  (load {r['load']:.1f})", flush=True)
    slugs = [e["slug"] for e in data["events"]]
    # Each round's two builds ran one after the other: the median of their ratios follows the
    # machine's speed as it drifts, which the ratio of the two medians does not.
    row = {"n": n, "runs": runs, "paired_cpu": statistics.median(
        o["cpu"] / b["cpu"] for o, b in zip(results["ours"], results["baseline"]))}
    for kind in ("ours", "baseline"):
        row[kind] = {"wall": statistics.median(r["wall"] for r in results[kind]),
                     "walls": [r["wall"] for r in results[kind]],
                     "cpu": statistics.median(r["cpu"] for r in results[kind]),
                     "user": statistics.median(r["user"] for r in results[kind]),
                     "system": statistics.median(r["system"] for r in results[kind]),
                     "builds": results[kind],
                     "peak_mb": max(r["peak_mb"] for r in results[kind]),
                     **output_size(base / kind, slugs)}
    row.update(per_event_timings(base / "ours", n))
    print(f"[{n}] validation {row['validate_ms']:.3f} ms/event, calendar {row['calendar_ms']:.3f} ms/event, "
          f"history read {row['history_s']:.3f} s wall, {row['history_cpu_s']:.3f} s CPU with git's "
          f"({row['history_versions']:,} file versions, {row['history_state']}), withdrawn sessions "
          f"{row['withdrawn_s']:.3f} s CPU", flush=True)
    return row


def machine() -> str:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    return (f"{os.cpu_count()} cores (nproc), CPU {cpu}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average at the start {load[0]:.2f}")


def report(rows: list[dict], started: str, machine_text: str) -> str:
    def ratio(a, b):
        return f"{a / b:.2f}" if b else "-"

    lines = [f"Run {started} on {machine_text}.", "",
             "Times are medians of the runs, each a fresh `mkdocs build --strict` process, ours and baseline "
             "alternated. CPU is user + system time of the build process: other work on a shared machine "
             "moves it far less than wall time. Peak memory is the largest `ru_maxrss` of those processes; "
             "output is everything in site/ (ours includes the .ics files, feeds, Atom and listing pages). "
             f"Sites written to {'memory (/dev/shm)' if OUTPUT['where'] == 'ram' else 'disk'}.", "",
             "| events | runs | wall ours (s) | wall baseline (s) | ours/baseline | CPU ours (s) | CPU baseline (s) "
             "| ours/baseline | peak MB ours | peak MB baseline | output MB ours | output MB baseline "
             "| event page KB ours | event page KB baseline |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, b = r["ours"], r["baseline"]
        lines.append(f"| {r['n']:,} | {r['runs']} | {o['wall']:.1f} | {b['wall']:.1f} | {ratio(o['wall'], b['wall'])} "
                     f"| {o['cpu']:.1f} | {b['cpu']:.1f} | {ratio(o['cpu'], b['cpu'])} "
                     f"| {o['peak_mb']:.0f} | {b['peak_mb']:.0f} | {o['out_mb']:.1f} | {b['out_mb']:.1f} "
                     f"| {o['page_kb']:.1f} | {b['page_kb']:.1f} |")
    lines += ["", "CPU split (median user and system seconds) and files written:", "",
              "| events | user ours | system ours | user baseline | system baseline | files ours | files baseline |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['n']:,} | {r['ours']['user']:.2f} | {r['ours']['system']:.2f} | {r['baseline']['user']:.2f} "
              f"| {r['baseline']['system']:.2f} | {r['ours']['files']:,} | {r['baseline']['files']:,} |" for r in rows]
    lines += ["", "Per event, CPU time in one process (median of 3 passes over all events; the calendar "
              "cache emptied before each pass):", "",
              "| events | validation (ms/event) | event .ics (ms/event) | sessions/event | event .ics (ms/session) |",
              "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['n']:,} | {r['validate_ms']:.2f} | {r['calendar_ms']:.2f} | {r['sessions_per_event']:.1f} "
              f"| {r['calendar_ms_session']:.2f} |" for r in rows]
    lines += ["", "The history read alone (`eventsite.reading.history.read_history` on the site's git repository: "
              "3 commits, each later one changing every event file; median of 3 reads, each with its caches "
              "emptied; CPU includes git's), and then the withdrawn sessions read from their last texts "
              "(`eventsite.reading.withdrawn.apply`, CPU):", "",
              "| events | file versions read | sessions withdrawn | files withdrawn | history wall (s) "
              "| history CPU (s) | history wall per 1,000 events (s) | withdrawn CPU (s) |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['n']:,} | {r['history_versions']:,} | {r['history_withdrawals']} | {r['history_files_gone']} "
              f"| {r['history_s']:.2f} | {r['history_cpu_s']:.2f} | {r['history_s'] * 1000 / r['n']:.2f} "
              f"| {r['withdrawn_s']:.2f} |" for r in rows]
    lines += ["", "Every build, wall / CPU seconds (load average when it ended):", ""]
    lines += [f"- {r['n']:,} {kind}: " + ", ".join(f"{x['wall']:.1f} / {x['cpu']:.1f} ({x['load']:.1f})"
                                                   for x in r[kind]['builds'])
              for r in rows for kind in ("ours", "baseline")]
    by_n = {r["n"]: r for r in rows}
    checks = []
    def both(a, b):
        return f"wall {a['ours']['wall'] / b['ours']['wall']:.2f}, CPU {a['ours']['cpu'] / b['ours']['cpu']:.2f}"

    if 1000 in by_n and 5000 in by_n:
        big, mid = by_n[5000], by_n[1000]
        checks.append(f"time at 5,000 / time at 1,000: {both(big, mid)} (target <= 5.5; baseline wall "
                      f"{big['baseline']['wall'] / mid['baseline']['wall']:.2f}, CPU "
                      f"{big['baseline']['cpu'] / mid['baseline']['cpu']:.2f})")
    if 1000 in by_n:
        r = by_n[1000]
        checks.append(f"1,000 events, ours / baseline: wall {r['ours']['wall'] / r['baseline']['wall']:.2f}, "
                      f"CPU {r['ours']['cpu'] / r['baseline']['cpu']:.2f}; median of the rounds' CPU ratios "
                      f"{r['paired_cpu']:.2f} (target <= 1.15; issue 14: 0.75 to 0.80, as on 3 December)")
    if 5000 in by_n:
        checks.append(f"peak memory at 5,000: {by_n[5000]['ours']['peak_mb']:.0f} MB (target < 500)")
    if 100 in by_n and 5000 in by_n:
        checks.append(f"HTML per event page, 5,000 vs 100: {by_n[5000]['ours']['page_kb']:.1f} vs "
                      f"{by_n[100]['ours']['page_kb']:.1f} KB (target: no larger)")
    worst_v = max(r["validate_ms"] for r in rows)
    worst_c = max(r["calendar_ms"] for r in rows)
    checks.append(f"validation: at most {worst_v:.2f} ms/event (target < 0.5)")
    checks.append(f"event .ics: at most {worst_c:.2f} ms/event (target < 1)")
    lines += ["", "Targets (issue 7; measured, not asserted):", ""] + [f"- {c}" for c in checks]
    return "\n".join(lines) + "\n"


def profile(n: int, top: int) -> None:
    """cProfile one build of our site at N events; print the top entries, ours marked."""
    folder = OUT / str(n) / "ours"
    write_ours(folder, synthesise(n))
    profile_folder(folder, OUT / f"profile-{n}.prof", top)


def profile_folder(folder: Path, stats_file: Path, top: int) -> None:
    import pstats

    site = site_folder(folder)
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "-q",
                    "-f", "mkdocs.yml", "-d", str(site)], cwd=folder, env=_env(), check=True)
    stats = pstats.Stats(str(stats_file))
    ours = str(folder / "hooks")
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        print(f"\n== top {top} by {title} (total {stats.total_tt:.2f} s; * = our code) ==")
        entries = sorted(stats.stats.items(), key=lambda kv: kv[1][2 if key == "tottime" else 3], reverse=True)
        for (file, line, func), (cc, nc, tt, ct, _) in entries[:top]:
            mark = "*" if file.startswith(ours) else " "
            short = file.replace(str(folder) + "/", "").split("site-packages/")[-1]
            print(f"{mark} {tt:7.2f} {ct:7.2f} {nc:9d}  {short}:{line}({func})")
        mine = [kv for kv in entries if kv[0][0].startswith(ours)][:10]
        print(f"-- our code, top 10 by {title} --")
        for (file, line, func), (cc, nc, tt, ct, _) in mine:
            print(f"* {tt:7.2f} {ct:7.2f} {nc:9d}  {file.replace(str(folder) + '/', '')}:{line}({func})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of events (default: 100,1000,5000)")
    parser.add_argument("--runs", type=int, help="builds per size and kind (default: 3; 1 at 5,000 and over)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile our build at N events instead")
    parser.add_argument("--top", type=int, default=25, help="entries shown by --profile")
    parser.add_argument("--output", choices=("ram", "disk"), default="ram",
                        help="where builds write their sites: ram (/dev/shm, the default) or disk")
    args = parser.parse_args(argv)
    OUTPUT["where"] = args.output
    OUT.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.profile, args.top)
        return 0
    sizes = [int(s.replace("_", "")) for s in re.split(r"[,\s]+", args.sizes.strip()) if s]
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    machine_text = machine()
    print(machine_text, flush=True)
    rows = [measure(n, args.runs or DEFAULT_RUNS.get(n, 1 if n >= 5000 else 3)) for n in sizes]
    text = report(rows, started, machine_text)
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
