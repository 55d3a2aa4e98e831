"""A hand-written file in docs/ at the address of a page the build makes is refused by name,
by a build and by make check, rather than one of the two vanishing from the site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, TASTER, copy_project, load_folder, run_build
from eventsite.reading.clashes import clashes

CLI = ROOT / "hooks" / "eventsite" / "cli.py"


@pytest.mark.parametrize("own", ["events/taster.md", "events/taster/index.md", "events/taster/README.md",
                                 "events/taster.ics"])
def test_a_file_at_an_event_s_address_is_named(tmp_path, own):
    catalogue = load_folder(tmp_path, {"taster.yml": TASTER})
    (problem,) = clashes(catalogue, frozenset({own, "index.md", "events/other.md"}))
    assert problem.file == f"docs/{own}" and problem.line == 1
    assert "made from events/taster.yml is published; rename or move this file" in problem.message


def test_files_elsewhere_are_not_clashes(tmp_path):
    catalogue = load_folder(tmp_path, {"taster.yml": TASTER})
    # The events index may be the author's own (the build then leaves it), and other names are free.
    assert clashes(catalogue, frozenset({"events/index.md", "events/tasters.md", "taster.md"})) == []


def test_a_build_and_make_check_refuse_a_page_written_over_an_event_s(tmp_path):
    site = copy_project(tmp_path / "site")
    (site / "docs" / "events").mkdir()
    (site / "docs" / "events" / "action-planning-for-councillors.md").write_text("# My own page\n", encoding="utf-8")
    expected = ("docs/events/action-planning-for-councillors.md:1: is where the event page made from "
                "events/action-planning-for-councillors.yml is published; rename or move this file")
    result = run_build(site, EVENTS_PDF="no")
    assert result.returncode != 0 and expected in result.stderr
    assert "Traceback" not in result.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTS_TODAY", "PYTHONPATH")}
    check = subprocess.run([sys.executable, str(CLI), "-f", str(site / "mkdocs.yml"), "check"],
                           capture_output=True, text=True, timeout=60, env=env)
    assert check.returncode == 1 and expected in check.stdout
