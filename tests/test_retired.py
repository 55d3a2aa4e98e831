"""Deleting an event file with sessions to come is refused: its subscribers would never know."""

from __future__ import annotations

import datetime as dt
import subprocess

from conftest import TASTER, copy_project, joined, run_build

from eventsite import retired

TWO = TASTER.rstrip(" ") + """\
      - id: spring
        start: 2015-03-05 10:00
        end: 2015-03-05 16:00
        venue: derby
"""


def test_sessions_to_come_are_listed_and_cancelled_ones_are_not():
    from textwrap import dedent

    problems = retired.refused_deletions({"events/taster.yml": dedent(TWO)}, dt.date(2014, 12, 20))
    assert [str(p) for p in problems] == [
        "events/taster.yml:1: was deleted, but has sessions to come (5 March 2015); calendars that hold "
        "them would never hear they are off. Restore the file (git checkout -- events/taster.yml) and "
        "set status: cancelled on those sessions; delete it once they have passed"]
    assert retired.refused_deletions({"events/taster.yml": dedent(TASTER)}, dt.date(2014, 12, 20)) == []
    cancelled = dedent(TWO).replace("    venue: derby\n", "    venue: derby\n    status: cancelled\n")
    assert retired.refused_deletions({"events/taster.yml": cancelled}, dt.date(2014, 12, 20)) == []


def test_a_build_refuses_a_deleted_file_with_a_session_to_come(tmp_path):
    project = copy_project(tmp_path / "site")
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    (project / "events/action-planning-for-councillors.yml").unlink()
    result = run_build(project)  # the example's today is 20 November 2014: the session is to come
    assert result.returncode != 0
    assert "events/action-planning-for-councillors.yml:1: was deleted, but has sessions to come " \
           "(11 December 2014)" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    # Once the session has passed, deleting the file is fine.
    assert run_build(project, EVENTS_TODAY="2015-01-10").returncode == 0
