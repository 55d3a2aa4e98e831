"""Published event files made drafts while they still had sessions to come.

A draft is not published, so its sessions would leave the site and its feeds. Once committed,
the history of events/ announces them as cancelled (``history``, ``withdrawn``); before that,
while the change is only in the working tree, making a published event a draft is refused, so
that an author who meant only to hide a page hears what it would do. (Deleting a file needs no
such guard: the history announces its sessions as cancelled whether the deletion is committed
or not.) Files are compared with the last commit in git, where there is one.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from . import schema
from .fields import Checker
from .load import compose
from .problems import Problem


def upcoming_dates(text: str, name: str, today: dt.date) -> list[dt.date]:
    """Start dates of sessions in an event file's text that end on or after ``today``."""
    node, problems = compose(text, name)
    if node is None:
        return []
    record = schema.EVENT.read(node, "", Checker(name))
    if (record or {}).get("draft"):  # a draft was never published: no calendar holds its sessions
        return []
    dates = []
    for session in (record or {}).get("sessions") or []:
        if not session or session.get("status") == "cancelled" or "start" not in session:
            continue
        start, end = session["start"], session.get("end")
        # A start may be a date alone (time_to_be_confirmed); an end may be a time (same day).
        first = start.date() if isinstance(start, dt.datetime) else start
        last = end.date() if isinstance(end, dt.datetime) else first
        if last >= today:
            dates.append(first)
    return sorted(dates)


def refused_drafts(drafted: dict[str, str], today: dt.date, lines: dict[str, int] | None = None) -> list[Problem]:
    """One problem per file made a draft since it was published (name -> its last committed,
    published text) while it had sessions to come: a draft leaves feeds as silently as a
    deleted file. ``lines`` gives the line of each file's ``draft:``."""
    problems = []
    for name, text in sorted(drafted.items()):
        dates = upcoming_dates(text, name, today)
        if dates:
            listed = ", ".join(f"{d.day} {d:%B %Y}" for d in dates)
            problems.append(Problem(name, (lines or {}).get(name, 1), "draft",
                                    f"was published with sessions to come ({listed}), and a draft leaves "
                                    "the site and its calendar feeds without telling anyone who added them. "
                                    "Remove draft: yes and set status: cancelled on those sessions instead; "
                                    "make it a draft once they have passed"))
    return problems


def drafted_since_last_commit(root: Path, drafts: list[str]) -> dict[str, str]:
    """Of the files that are drafts now (``events/x.yml``, relative to ``root``), those whose last
    committed text was published: name -> that text. Empty without git or a commit."""
    found = {}
    for name in drafts:
        try:
            result = subprocess.run(["git", "-C", str(root), "show", f"HEAD:./{name}"], capture_output=True,
                                    timeout=20)
        except (OSError, subprocess.SubprocessError):
            return {}
        if result.returncode != 0:
            continue  # new since the last commit, or no git history: never published
        text = result.stdout.decode("utf-8", "replace")
        node, _ = compose(text, name)
        record = schema.EVENT.read(node, "", Checker(name)) if node is not None else None
        if record is not None and not record.get("draft"):
            found[name] = text
    return found


def draft_lines(root: Path, drafts: list[str]) -> dict[str, int]:
    """The line of ``draft:`` in each draft file, to point the author at it."""
    lines = {}
    for name in drafts:
        try:
            text = (root / name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("draft:"):
                lines[name] = number
                break
    return lines


def refused_unpublishing(root: Path, folder: str, draft_sources: list[str], today: dt.date) -> list[Problem]:
    """What the build and ``make check`` run: the drafts (as ``events/x.yml``, in ``folder``
    relative to ``root``) that were published, with sessions to come, at the last commit."""
    if not draft_sources:
        return []
    names = [f"{folder}/{Path(source).name}" for source in draft_sources]
    return refused_drafts(drafted_since_last_commit(root, names), today, draft_lines(root, names))
