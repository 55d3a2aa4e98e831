"""Settings under ``extra: events:`` in mkdocs.yml: every mistake is reported with its line, the
same by a build and by make check, and never as a Python traceback.

Each case is the example's mkdocs.yml with one change a site's staff could make.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build, settings_inherited
from eventsite.reading import project

CLI = ROOT / "hooks" / "eventsite" / "cli.py"
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# The notice, three lines in the example: its text is folded onto the next two.
NOTICE = CONFIG[CONFIG.index("    notice: >-\n"):CONFIG.index("    # The organisation's look")]


def changed(old: str, new: str) -> str:
    assert CONFIG.count(old) == 1, old
    return CONFIG.replace(old, new)


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


def site_with(tmp_path: Path, config: str) -> Path:
    (tmp_path / "events").mkdir(exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, config: str) -> list[str]:
    settings, found = project.read_settings(site_with(tmp_path, config))
    return [str(p) for p in found + project.check_settings(settings)]


# (case, the changed mkdocs.yml, the key whose line is reported, the message after "mkdocs.yml:LINE: ")
CASES = [
    ("a time zone given as a list", changed("timezone: Europe/London", "timezone: [Europe/London]"),
     "timezone:", "extra.events.timezone: is a list; expected text"),
    ("a number of days in words", changed("feed_keep_past_days: 30", "feed_keep_past_days: thirty"),
     "feed_keep_past_days:", "extra.events.feed_keep_past_days: 'thirty' is not a whole number; expected "
                             "a number such as 8"),
    ("a refresh of a year", changed("feed_refresh_hours: 12", "feed_refresh_hours: 9000"),
     "feed_refresh_hours:", "extra.events.feed_refresh_hours: 9000 is out of range; expected 1 to 168"),
    ("a mistyped setting", changed("feed_refresh_hours: 12", "feed_refresh_hour: 12"),
     "feed_refresh_hour:", "extra.events.feed_refresh_hour: unknown field; did you mean feed_refresh_hours?"),
    ("a notice as a list", changed(NOTICE, "    notice: [This is an example site.]\n"),
     "notice:", "extra.events.notice: is a list; expected text"),
    ("pdf neither yes nor no", changed("    today: 2014-11-20", "    today: 2014-11-20\n    pdf: sometimes"),
     "pdf:", "extra.events.pdf: 'sometimes' is not yes or no; expected yes or no"),
    ("authors_guide neither yes nor no", changed("    authors_guide: yes", "    authors_guide: sometimes"),
     "authors_guide:", "extra.events.authors_guide: 'sometimes' is not yes or no; expected yes or no"),
    ("a UID domain given as an address", changed("    today: 2014-11-20",
                                                  "    today: 2014-11-20\n    uid_domain: https://events.example.org/"),
     "uid_domain:", "extra.events.uid_domain: 'https://events.example.org/' is not a domain name; expected "
                    "a name such as events.example.gov.uk, with no https:// and no path"),
    ("a folder given as a list", changed("folder: events", "folder: [events]"),
     "folder:", "extra.events.folder: is a list; expected text"),
    ("a folder that is not there", changed("folder: events", "folder: evnts"),
     "folder:", "extra.events.folder: 'evnts' is not a folder next to mkdocs.yml; expected the folder that "
                "holds the event files, e.g. events"),
    ("events settings as a list", changed("  events:\n    folder: events", "  events: [folder]\n  was:\n    folder: events"),
     "events:", "extra.events: is a list; expected a set of fields (key: value lines, indented under this one)"),
    ("a brand colour as a list", changed('primary: "#1d4f91"', 'primary: ["#1d4f91"]'),
     "brand:", "extra.events.brand.colours.primary: ['#1d4f91'] is not a colour; expected #rrggbb, such as "
               "'#1d4f91' (quote it: YAML reads # as the start of a comment)"),
]


@pytest.mark.parametrize("config, key, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_line(tmp_path, config, key, message):
    assert problems(tmp_path, config) == [f"mkdocs.yml:{line_of(config, key)}: {message}"]


def test_the_example_settings_have_no_problem(tmp_path):
    assert problems(tmp_path, CONFIG) == []


def test_settings_are_read_as_mkdocs_gives_them(tmp_path, monkeypatch):
    config = changed("feed_refresh_hours: 12", "feed_refresh_hours: !ENV [EVENTS_REFRESH, 12]\n    pdf: no")
    monkeypatch.setenv("EVENTS_REFRESH", "6")
    settings, found = project.read_settings(site_with(tmp_path, config))
    assert found == []
    assert (settings.folder, settings.timezone, settings.today) == ("events", "Europe/London", "2014-11-20")
    assert (settings.feed_keep_past_days, settings.feed_refresh_hours, settings.pdf) == (30, 6, False)
    assert settings.notice.startswith("This is an example site.")
    monkeypatch.delenv("EVENTS_REFRESH")
    assert project.read_settings(tmp_path)[0].feed_refresh_hours == 12  # the !ENV default


def run_check(site: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTS_TODAY", "PYTHONPATH")}
    return subprocess.run([sys.executable, str(CLI), "-f", str(site / "mkdocs.yml"), "check"],
                          capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("case", ["a time zone given as a list", "a number of days in words",
                                  "a mistyped setting", "a folder that is not there",
                                  "events settings as a list"])
def test_a_build_and_make_check_stop_with_the_same_line(tmp_path, case):
    # Before, a build met these as a Python traceback (or, for the folder, as a testimonial
    # "not found"), and make check passed most of them.
    _, config, key, message = next(c for c in CASES if c[0] == case)
    site = copy_project(tmp_path / "site")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    expected = f"mkdocs.yml:{line_of(config, key)}: {message}"
    result = run_build(site, EVENTS_PDF="no")
    assert result.returncode != 0 and expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    check = run_check(site)
    assert check.returncode == 1 and expected in check.stdout


# --- INHERIT: settings in a file mkdocs.yml builds on ----------------------------------------------

BASE = """\
extra:
  events:
    timezone: Europe/London
    feed_refresh_hours: 6
    brand:
      name: County Council
      colours:
        primary: "#1d4f91"
"""


def inheriting(tmp_path: Path, base: str, own: str) -> Path:
    (tmp_path / "events").mkdir()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "base.yml").write_text(base, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: config/base.yml\nsite_name: Events\n" + own, encoding="utf-8")
    return tmp_path


def test_settings_in_an_inherited_file_are_read_and_overridden_as_mkdocs_merges_them(tmp_path):
    site = inheriting(tmp_path, BASE, "extra:\n  events:\n    today: 2014-11-20\n    brand:\n      footer: Our footer\n")
    settings, found = project.read_settings(site)
    assert found == [] and project.check_settings(settings) == []
    assert (settings.timezone, settings.feed_refresh_hours, settings.today) == ("Europe/London", 6, "2014-11-20")
    brand = project.brand(settings)  # the two brand: mappings merged, key by key
    assert (brand.name, brand.footer, brand.colours["primary"]) == ("County Council", "Our footer", "#1d4f91")
    assert settings.file_of("extra.events.timezone") == "config/base.yml"
    assert settings.file_of("extra.events.today") == "mkdocs.yml"


def test_a_mistake_in_an_inherited_file_is_named_in_that_file(tmp_path):
    site = inheriting(tmp_path, BASE.replace("feed_refresh_hours: 6", "feed_refresh_hours: often")
                      .replace("Europe/London", "Europe/Londres"), "")
    settings, found = project.read_settings(site)
    problems = [str(p) for p in found + project.check_settings(settings)]
    assert problems == [
        "config/base.yml:4: extra.events.feed_refresh_hours: 'often' is not a whole number; expected a number such as 8",
        "config/base.yml:3: extra.events.timezone: 'Europe/Londres' is not a known time zone; expected a name "
        "such as Europe/London",
    ]


@pytest.mark.parametrize("target, why", [("config/missing.yml", "is not a file"),
                                         ("mkdocs.yml", "names a file this one inherits from already")])
def test_inherit_naming_no_file_to_build_on_is_reported(tmp_path, target, why):
    (tmp_path / "events").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"INHERIT: {target}\nsite_name: Events\n", encoding="utf-8")
    _, found = project.read_settings(tmp_path)
    assert [str(p) for p in found] == [f"mkdocs.yml:1: INHERIT: '{target}' {why}; expected the path, from "
                                       "mkdocs.yml, of the configuration it builds on"]


def test_a_build_uses_settings_from_an_inherited_file(tmp_path):
    # The example's own settings moved into a file mkdocs.yml inherits. Its pinned "today" (20
    # November 2014) must reach the build: with the real date, the December 2014 session would
    # be past; and its brand's footer must reach the pages.
    site = copy_project(tmp_path / "site")
    settings_inherited(site)
    result = run_build(site, EVENTS_PDF="no")
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "events" / "action-planning-for-councillors" / "index.html").read_text(encoding="utf-8")
    assert "Thursday 11 December 2014" in page
    assert "There are no upcoming dates for this event." not in page
    assert "Run by East Midlands Councils (example)" in page
