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
    dates = []
    for session in (record or {}).get("sessions") or []:
        if not session or session.get("status") == "cancelled" or "start" not in session:
            continue
        end = session.get("end")
        last = end.date() if isinstance(end, dt.datetime) else session["start"].date()
        if last >= today:
            dates.append(session["start"].date())
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
