"""`make serve` (mkdocs serve --dirty): a saved event file rebuilds only what it changes, and the
result is what a clean build of the same sources gives.

The dirty builds run in a child process the way `mkdocs serve` runs them (the config loaded
afresh before each build, the hook module and plugins kept); one test runs `mkdocs serve` itself
and edits a file under it, as an author does.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BIN, build_env, build_ok, copy_project, settings_inherited

EVENT = "events/action-planning-for-councillors.yml"

# Builds the site in argv[1] into argv[2] as `mkdocs serve --dirty` does, once per line read
# from stdin, printing "built" (or "failed") after each.
DRIVER = r"""
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.ERROR)
project, site = sys.argv[1], sys.argv[2]
started = False
for line in sys.stdin:
    config = load_config(project + "/mkdocs.yml", site_dir=site)
    if not started:
        config.plugins.on_startup(command="serve", dirty=True)
        started = True
    try:
        build(config, dirty=True)
        print("built", flush=True)
    except Exception as exc:
        print("failed", type(exc).__name__, flush=True)
"""


class Rebuilder:
    """A child process that keeps the hook module and plugins between builds, as serve does."""

    def __init__(self, project: Path, site: Path):
        self.process = subprocess.Popen([sys.executable, "-c", DRIVER, str(project), str(site)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env=build_env(EVENTS_PDF="no"))

    def build(self) -> str:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _second_event(project: Path) -> None:
    """A second event beside the example's, so that one can change while the other does not."""
    text = (project / EVENT).read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: A second taster for councillors", text, count=1, flags=re.M)
    (project / "events" / "second-taster.yml").write_text(text, encoding="utf-8")


def _retitle(project: Path, title: str) -> None:
    path = project / EVENT
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


# Under serve, pages allow inline scripts (its live-reload script is inline and changes with each
# request; eventsite.outputs.csp.policy), so their Content-Security-Policy differs from a build's by design.
_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def _same_but_policy(left: Path, right: Path) -> bool:
    return _POLICY.sub(b"", left.read_bytes()) == _POLICY.sub(b"", right.read_bytes())


def _differences(left: Path, right: Path) -> list[str]:
    """Files that differ (pages apart from their policy), or are in one tree only."""
    found, stack = [], [filecmp.dircmp(left, right)]
    while stack:
        cmp = stack.pop()
        where = Path(cmp.left).relative_to(left)
        found += [f"only in dirty: {where / n}" for n in cmp.left_only]
        found += [f"only in clean: {where / n}" for n in cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        mismatch = [n for n in mismatch if not (n.endswith(".html") and _same_but_policy(
            Path(cmp.left) / n, Path(cmp.right) / n))]
        found += [f"differs: {where / n}" for n in mismatch + errors]
        stack.extend(cmp.subdirs.values())
    return sorted(found)


@pytest.fixture()
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    _second_event(project)
    return project


def test_an_edited_event_rebuilds_its_page_and_not_the_others(project, tmp_path):
    site = tmp_path / "served"
    rebuilder = Rebuilder(project, site)
    try:
        assert rebuilder.build() == "built"
        before = _stamps(site)
        time.sleep(0.05)  # so that a rewritten file has a later modification time
        _retitle(project, "Action planning, retitled")
        assert rebuilder.build() == "built"
        after = _stamps(site)
    finally:
        rebuilder.close()
    edited = "events/action-planning-for-councillors/index.html"
    assert "Action planning, retitled" in (site / edited).read_text(encoding="utf-8")
    assert after[edited] != before[edited]
    assert after["events/action-planning-for-councillors.ics"] != before["events/action-planning-for-councillors.ics"]
    # The untouched event's page and calendar file were not written again.
    for untouched in ("events/second-taster/index.html", "events/second-taster.ics",
                      "stylesheets/site.css"):
        assert after[untouched] == before[untouched], untouched
    # The listing names the new title; the search index still holds every page, once.
    assert "Action planning, retitled" in (site / "events/index.html").read_text(encoding="utf-8")
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))
    assert "events/second-taster/" in locations and "guide/authoring/" in locations
    assert any(d["title"] == "Action planning, retitled" for d in docs)


def test_a_mistake_and_its_fix_do_not_rebuild_everything(project, tmp_path):
    site = tmp_path / "served"
    rebuilder = Rebuilder(project, site)
    try:
        assert rebuilder.build() == "built"
        before = _stamps(site)
        good = (project / EVENT).read_text(encoding="utf-8")
        (project / EVENT).write_text(good.replace("sessions:", "sessions: [", 1), encoding="utf-8")
        assert rebuilder.build().startswith("failed")
        time.sleep(0.05)
        (project / EVENT).write_text(good.replace("using action learning", "(fixed)"), encoding="utf-8")
        assert rebuilder.build() == "built"
        after = _stamps(site)
    finally:
        rebuilder.close()
    assert "(fixed)" in (site / "events/action-planning-for-councillors/index.html").read_text(encoding="utf-8")
    assert after["events/second-taster/index.html"] == before["events/second-taster/index.html"]


def test_dirty_rebuilds_give_what_a_clean_build_gives(project, tmp_path):
    site = tmp_path / "served"
    rebuilder = Rebuilder(project, site)

    def same_as_clean(step: str) -> None:
        clean = tmp_path / f"clean-{step}"
        build_ok(project, "-d", str(clean), EVENTS_PDF="no")
        assert _differences(site, clean) == [], step

    try:
        assert rebuilder.build() == "built"
        _retitle(project, "Action planning, first edit")
        assert rebuilder.build() == "built"
        same_as_clean("event edited")
        # A shared file: every page naming the venue changes, so everything is rebuilt.
        venues = project / "events" / "_venues.yml"
        venues.write_text(venues.read_text(encoding="utf-8").replace("Pera", "Pera Renamed"), encoding="utf-8")
        assert rebuilder.build() == "built"
        same_as_clean("shared file edited")
        # A mistake, then its fix: the failed build leaves nothing half-remembered.
        good = (project / EVENT).read_text(encoding="utf-8")
        (project / EVENT).write_text(good.replace("sessions:", "sessions: [", 1), encoding="utf-8")
        assert rebuilder.build().startswith("failed")
        (project / EVENT).write_text(good, encoding="utf-8")
        _retitle(project, "Action planning, second edit")
        assert rebuilder.build() == "built"
        same_as_clean("fixed after a failed build")
        # An event removed: its page and calendar go too.
        (project / "events" / "second-taster.yml").unlink()
        assert rebuilder.build() == "built"
        same_as_clean("event removed")
    finally:
        rebuilder.close()


def test_a_setting_changed_in_an_inherited_file_rebuilds_everything(project, tmp_path):
    # mkdocs.yml builds on base.yml, which holds the settings; the footer every page shows changes.
    base = settings_inherited(project)
    site = tmp_path / "served"
    rebuilder = Rebuilder(project, site)
    try:
        assert rebuilder.build() == "built"
        base.write_text(base.read_text(encoding="utf-8").replace("footer: Run by", "footer: Now run by"),
                        encoding="utf-8")
        assert rebuilder.build() == "built"
    finally:
        rebuilder.close()
    clean = tmp_path / "clean"
    build_ok(project, "-d", str(clean), EVENTS_PDF="no")
    assert _differences(site, clean) == []
    assert "Now run by" in (site / "events/second-taster/index.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_make_serve_shows_a_saved_edit(project):
    """The real thing: `mkdocs serve --dirty` (what `make serve` runs) and a saved file."""
    port = _free_port()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=build_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/events/action-planning-for-councillors/"
    try:
        deadline = time.monotonic() + 120
        while "<html" not in _get(url):
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.2)
        _retitle(project, "Saved while serving")
        deadline = time.monotonic() + 120
        while "Saved while serving" not in _get(url):
            assert time.monotonic() < deadline, "the saved edit never showed"
            time.sleep(0.2)
        assert "Saved while serving" in _get(f"http://127.0.0.1:{port}/events/")
        assert "A second taster for councillors" in _get(f"http://127.0.0.1:{port}/events/second-taster/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
