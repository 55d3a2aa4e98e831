"""Deleted event files that still had sessions to come.

Deleting an event file would make its future sessions vanish silently from subscribers'
calendars (a feed that stops listing an entry does not cancel it). So a deletion is refused until
the sessions have passed: the author sets ``status: cancelled`` instead, and the feed tells
every calendar. Files are compared with the last commit in git, where there is one.
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


def refused_deletions(deleted: dict[str, str], today: dt.date) -> list[Problem]:
    """One problem per deleted file (name -> its last committed text) with sessions to come."""
    problems = []
    for name, text in sorted(deleted.items()):
        dates = upcoming_dates(text, name, today)
        if dates:
            listed = ", ".join(f"{d.day} {d:%B %Y}" for d in dates)
            problems.append(Problem(name, 1, "", f"was deleted, but has sessions to come ({listed}); "
                                                 "calendars that hold them would never hear they are off. "
                                                 "Restore the file (git checkout -- " + name + ") and set "
                                                 "status: cancelled on those sessions; delete it once they "
                                                 "have passed"))
    return problems


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


def deleted_since_last_commit(root: Path, folder: str) -> dict[str, str]:
    """Event files committed in git but missing from the folder now: name -> committed text.

    Empty when ``root`` is not a git checkout or git is not installed."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None

    listed = git("ls-tree", "-r", "--name-only", "HEAD", "--", f"{folder}/")
    if not listed:
        return {}
    deleted = {}
    for name in listed.splitlines():
        if name.endswith(".yml") and "/_" not in name and not (root / name).exists():
            text = git("show", f"HEAD:./{name}")
            if text is not None:
                deleted[name] = text
    return deleted


def refused_unpublishing(root: Path, folder: str, draft_sources: list[str], today: dt.date) -> list[Problem]:
    """What the build and ``make check`` run: the drafts (as ``events/x.yml``, in ``folder``
    relative to ``root``) that were published, with sessions to come, at the last commit."""
    if not draft_sources:
        return []
    names = [f"{folder}/{Path(source).name}" for source in draft_sources]
    return refused_drafts(drafted_since_last_commit(root, names), today, draft_lines(root, names))
