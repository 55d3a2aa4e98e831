"""Calendars that follow every edit by themselves: real builds across real commits.

Each test makes a git repository of the example site in a temporary folder, commits the edits an
author makes (move, cancel, restore, remove a session, delete or rename a file, edit twice in a
day) with fixed commit dates, builds after each, and reads the calendar files back with two
parsers (icalendar and vobject) that must agree. Nobody raises a ``revision:`` anywhere.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import build_ok, copy_project, run_build

TODAY = "2014-11-20"  # the example site's pinned today: its session on 11 December is to come
SEED = "events/action-planning-for-councillors.yml"
SEED_UID = "action-planning-for-councillors.taster-2014-12@events.example.org"

LATER = """\
title: Questioning skills for officers
summary: Two mornings on asking questions that open a problem up.
organiser: east-midlands-councils
sessions:
  - id: first
    start: 2015-01-15 09:30
    end: 12:30
    venue: emc-melton
  - id: second
    start: 2015-01-22 09:30
    end: 12:30
    venue: emc-melton
booking:
  email: events@example.org
"""


class Repo:
    """A git repository of the example site, committed with fixed dates, built on demand."""

    def __init__(self, path: Path):
        self.path = copy_project(path)
        (self.path / "events" / "later.yml").write_text(LATER, encoding="utf-8")
        self.day = 0
        self.git("init", "-q")
        self.commit("The example site")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        stamp = f"2014-11-{1 + self.day:02d}T{9 + self.hour:02d}:00:00Z" if hasattr(self, "hour") else None
        if stamp:
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        return subprocess.run(["git", "-C", str(self.path), *args], check=True, capture_output=True, text=True,
                              env=env).stdout

    def commit(self, message: str, *, same_day: bool = False) -> None:
        if same_day:
            self.hour += 1
        else:
            self.day, self.hour = self.day + 1, 0
        self.git("add", "-A", "events")
        self.git("commit", "-qm", message)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self, **env: str) -> "Built":
        build_ok(self.path, **{"EVENTS_TODAY": TODAY, "EVENTS_PDF": "no", **env})
        return Built(self.path / "site")


class Built:
    """One build's calendars, read by two parsers."""

    def __init__(self, site: Path):
        self.site = site
        self.feed = self.entries("calendar.ics")

    def entries(self, name: str) -> dict[str, dict]:
        data = (self.site / name).read_bytes()
        found = {}
        for item in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            found[str(item["UID"])] = {"SEQUENCE": int(item["SEQUENCE"]), "STATUS": str(item["STATUS"]),
                                       "DTSTART": item.decoded("DTSTART"), "DTSTAMP": item.decoded("DTSTAMP"),
                                       "SUMMARY": str(item["SUMMARY"])}
        second = {}
        for item in getattr(vobject.readOne(data.decode("utf-8")), "vevent_list", []):
            second[item.uid.value] = {"SEQUENCE": int(item.sequence.value), "STATUS": item.status.value,
                                      "DTSTART": item.dtstart.value, "DTSTAMP": item.dtstamp.value,
                                      "SUMMARY": item.summary.value}
        assert found == second  # the two parsers read the same
        return found

    def page(self, slug: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / "events" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")

    def files(self) -> dict[str, bytes]:
        return {p.relative_to(self.site).as_posix(): p.read_bytes()
                for p in sorted(self.site.rglob("*")) if p.is_file()}


@pytest.fixture()
def repo(tmp_path):
    return Repo(tmp_path / "site")


def test_every_edit_raises_sequence_by_itself_and_it_never_falls(repo):
    first = repo.build()
    assert first.feed[SEED_UID]["SEQUENCE"] == 0
    assert first.feed[SEED_UID]["STATUS"] == "CONFIRMED"

    repo.edit(SEED, "start: 2014-12-11 10:00", "start: 2014-12-11 10:30")  # moved half an hour
    repo.commit("Move the taster")
    moved = repo.build().feed[SEED_UID]
    assert (moved["SEQUENCE"], moved["STATUS"]) == (1, "CONFIRMED")
    assert moved["DTSTART"].hour == 10 and moved["DTSTART"].minute == 30

    repo.edit(SEED, "status: scheduled", "status: cancelled")
    repo.commit("Cancel the taster")
    built = repo.build()
    cancelled = built.feed[SEED_UID]
    assert (cancelled["SEQUENCE"], cancelled["STATUS"]) == (2, "CANCELLED")
    assert "Cancelled" in built.page("action-planning-for-councillors").get_text()

    repo.edit(SEED, "status: cancelled", "status: scheduled")  # restored: up again, never down
    repo.commit("Restore the taster")
    restored = repo.build().feed[SEED_UID]
    assert (restored["SEQUENCE"], restored["STATUS"]) == (3, "CONFIRMED")
    # Its stamp is the commit's time, not the build's day.
    assert restored["DTSTAMP"].isoformat() == "2014-11-05T09:00:00+00:00"


def test_two_edits_in_one_day_give_two_sequences_and_two_stamps(repo):
    repo.edit(SEED, "end: 13:00", "end: 13:30")
    repo.commit("Longer")
    morning = repo.build().feed[SEED_UID]
    repo.edit(SEED, "end: 13:30", "end: 14:00")
    repo.commit("Longer still", same_day=True)
    afternoon = repo.build().feed[SEED_UID]
    assert (morning["SEQUENCE"], afternoon["SEQUENCE"]) == (1, 2)
    assert afternoon["DTSTAMP"] > morning["DTSTAMP"]
    assert afternoon["DTSTAMP"].date() == morning["DTSTAMP"].date()


def test_a_change_of_the_venues_entry_moves_the_session_in_calendars(repo):
    repo.edit("events/_venues.yml", "postcode: LE13 0PB", "postcode: LE13 0PC")
    repo.commit("New postcode")
    assert repo.build().feed[SEED_UID]["SEQUENCE"] == 1


def test_other_edits_keep_sequence_and_the_same_sources_give_the_same_bytes(repo):
    repo.edit(SEED, "places: 8", "places: 9")  # not a time, place, title or status
    repo.commit("One more place")
    built = repo.build()
    assert built.feed[SEED_UID]["SEQUENCE"] == 0
    before = built.files()
    assert repo.build().files() == before


def test_a_removed_session_is_cancelled_in_feeds_and_on_its_page(repo):
    repo.build()
    repo.edit("events/later.yml", """\
  - id: second
    start: 2015-01-22 09:30
    end: 12:30
    venue: emc-melton
""", "")
    repo.commit("Only one morning")
    built = repo.build()
    gone = built.feed["later.second@events.example.org"]
    assert (gone["SEQUENCE"], gone["STATUS"]) == (1, "CANCELLED")
    assert gone["SUMMARY"].startswith("Cancelled:")
    assert built.feed["later.first@events.example.org"]["STATUS"] == "CONFIRMED"
    own = built.entries("events/later.ics")
    assert own["later.second@events.example.org"]["STATUS"] == "CANCELLED"
    # Brought back: up again, and confirmed.
    repo.git("revert", "--no-edit", "HEAD")
    back = repo.build().feed["later.second@events.example.org"]
    assert (back["SEQUENCE"], back["STATUS"]) == (2, "CONFIRMED")


def test_a_deleted_file_keeps_a_withdrawn_page_and_its_sessions_are_cancelled(repo):
    repo.build()
    repo.git("rm", "-q", "events/later.yml")
    repo.commit("Withdraw the questioning mornings")
    built = repo.build()
    for uid in ("later.first@events.example.org", "later.second@events.example.org"):
        assert (built.feed[uid]["SEQUENCE"], built.feed[uid]["STATUS"]) == (1, "CANCELLED")
    page = built.page("later")
    assert "This event has been withdrawn." in page.get_text()
    assert "events@example.org" in page.get_text()  # the organiser's contact
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert built.entries("calendars/organiser-east-midlands-councils.ics")[
        "later.first@events.example.org"]["STATUS"] == "CANCELLED"
    # Once the sessions have passed plus feed_keep_past_days (30), they leave the feeds.
    later = build_ok(repo.path, EVENTS_TODAY="2015-03-01", EVENTS_PDF="no")
    assert later.returncode == 0
    assert "later.first@events.example.org" not in Built(repo.path / "site").feed


def test_an_uncommitted_deletion_is_announced_too(repo):
    repo.build()
    (repo.path / "events" / "later.yml").unlink()
    built = repo.build()
    assert built.feed["later.first@events.example.org"]["STATUS"] == "CANCELLED"


def test_a_renamed_file_is_withdrawn_at_the_old_address_and_new_at_the_new(repo):
    repo.build()
    repo.git("mv", "events/later.yml", "events/questioning-skills.yml")
    repo.commit("A better address")
    built = repo.build()
    old = built.feed["later.first@events.example.org"]
    new = built.feed["questioning-skills.first@events.example.org"]
    assert (old["SEQUENCE"], old["STATUS"]) == (1, "CANCELLED")
    assert (new["SEQUENCE"], new["STATUS"]) == (0, "CONFIRMED")
    link = built.page("later").find("a", string="Questioning skills for officers")
    assert link is not None and link["href"] == "../questioning-skills/"


def test_revision_may_only_raise_sequence(repo):
    repo.edit(SEED, "status: scheduled", "status: scheduled\n    revision: 5")
    repo.commit("An old file that counted revisions")
    assert repo.build().feed[SEED_UID]["SEQUENCE"] == 5
    repo.edit(SEED, "revision: 5", "revision: 1")  # lowered: ignored, and the move still counts
    repo.edit(SEED, "end: 13:00", "end: 13:15")
    repo.commit("Lowered by mistake")
    assert repo.build().feed[SEED_UID]["SEQUENCE"] == 6


def test_a_shallow_clone_is_refused_in_ci_and_warned_about_locally(repo, tmp_path):
    repo.edit(SEED, "end: 13:00", "end: 13:15")
    repo.commit("Second commit")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow)], check=True)
    for part in ("docs", "hooks", "overrides", "mkdocs.yml"):  # the site's own files, not committed here
        src = repo.path / part
        subprocess.run(["cp", "-r", str(src), str(shallow / part)], check=True)
    refused = run_build(shallow, EVENTS_TODAY=TODAY, EVENTS_PDF="no", CI="true")
    assert refused.returncode != 0
    assert "shallow clone" in refused.stderr and "fetch-depth: 0" in refused.stderr
    assert "Traceback" not in refused.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    local = subprocess.run([str(Path(os.sys.executable).parent / "mkdocs"), "build", "-f", "mkdocs.yml"], cwd=shallow,
                           env={**env, "EVENTS_TODAY": TODAY, "EVENTS_PDF": "no", "NO_MKDOCS_2_WARNING": "1"},
                           capture_output=True, text=True)
    assert local.returncode == 0 and "WARNING" in local.stderr and "shallow clone" in local.stderr


def test_without_history_the_build_says_so_once_and_follows_revision(tmp_path):
    project = copy_project(tmp_path / "zip")
    result = build_ok(project, "--verbose", EVENTS_TODAY=TODAY, EVENTS_PDF="no")
    assert result.stderr.count("calendars follow the sources alone") == 1
    assert "WARNING" not in result.stderr
    assert Built(project / "site").feed[SEED_UID]["SEQUENCE"] == 0


def test_make_check_reports_what_a_change_withdraws_as_information(repo):
    cli = [os.sys.executable, str(repo.path / "hooks" / "eventsite" / "cli.py"), "check"]
    env = {**os.environ, "EVENTS_TODAY": TODAY}
    clean = subprocess.run(cli, cwd=repo.path, capture_output=True, text=True, env=env)
    assert clean.returncode == 0 and "note:" not in clean.stdout
    repo.edit("events/later.yml", "  - id: second\n", "  - id: second-morning\n")  # a new id: a new entry
    (repo.path / "events" / "action-planning-for-councillors.yml").unlink()
    result = subprocess.run(cli, cwd=repo.path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("note: events/later.yml: session 'second' (Thursday 22 January 2015, 9:30am to 12:30pm) has left "
            "the file; calendars that hold it will show it cancelled") in result.stdout
    assert ("note: events/action-planning-for-councillors.yml: has left the site with 1 session to come "
            "(Thursday 11 December 2014, 10am to 1pm)") in result.stdout
    assert not (repo.path / "events" / "action-planning-for-councillors.yml").exists()  # nothing restored


def test_a_committed_version_that_is_not_an_event_does_not_stop_the_build(repo):
    for text in ("just words\n", "- a\n- list\n", "42\n"):
        (repo.path / "events" / "odd.yml").write_text(text, encoding="utf-8")
        repo.commit("An unreadable file, committed by mistake")
        (repo.path / "events" / "odd.yml").unlink()
        repo.commit("Removed again")
    assert repo.build().feed[SEED_UID]["SEQUENCE"] == 0


def test_whole_days_removed_while_to_come_are_cancelled(repo):
    (repo.path / "events" / "block.yml").write_text(LATER.replace(
        "    start: 2015-01-15 09:30\n    end: 12:30\n", "    start: 2015-01-15\n    end: 2015-01-16\n"),
        encoding="utf-8")
    repo.commit("A two-day block")
    repo.git("rm", "-q", "events/block.yml")
    repo.commit("Withdrawn")
    gone = repo.build().feed["block.first@events.example.org"]
    assert (gone["SEQUENCE"], gone["STATUS"]) == (1, "CANCELLED")


def test_the_versions_validation_composed_are_not_composed_again_and_read_alike(repo, monkeypatch):
    # The build hands the history what validation composed of the working tree (history.Seen):
    # the last commit's version of an unchanged file, and the working tree's of a changed one,
    # are then not composed again, and the history told is the same as when it composes them.
    import datetime as dt

    from eventsite.reading import history
    from eventsite.reading.validate import load_catalogue

    repo.edit("events/later.yml", "start: 2015-01-15 09:30", "start: 2015-01-15 10:00")
    repo.commit("Later by half an hour")
    repo.edit("events/later.yml", "start: 2015-01-22 09:30", "start: 2015-01-22 10:00")  # not committed
    today = dt.date.fromisoformat(TODAY)
    events = repo.path / "events"
    seen = history.Seen()
    explainers = {p.stem for p in (repo.path / "docs" / "explainers").glob("*.md")}
    load_catalogue(events, explainers, "Europe/London", seen=seen.add)
    assert {"later.yml", "action-planning-for-councillors.yml"} <= set(seen.versions)

    composed = []
    reading = history.read_version
    monkeypatch.setattr(history, "read_version", lambda text, name: composed.append(name) or reading(text, name))
    history.clear_caches()
    alone = history.read_history(repo.path, events, today)
    everything = len(composed)
    composed.clear()
    history.clear_caches()
    helped = history.read_history(repo.path, events, today, seen)
    history.clear_caches()
    assert helped == alone and helped.told
    # Every file's last committed version but later.yml's (changed since) was validation's.
    assert len(composed) == everything - len(seen.versions)
    assert composed.count("events/later.yml") == 2  # its two committed versions; the working tree's was seen
