"""`make check` and `make new-event`: the authors' commands, run as authors run them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from eventsite import cli, starter
from eventsite.reading import schema

CLI = ROOT / "hooks" / "eventsite" / "cli.py"


def run_cli(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command as `make` runs it: the file, by path, with the project's Python."""
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTS_TODAY", "PYTHONPATH")}
    return subprocess.run([sys.executable, str(CLI), "-f", str(project / "mkdocs.yml"), *args],
                          input=stdin or "", capture_output=True, text=True, timeout=60, env=env)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "site")


# --- check ---------------------------------------------------------------------------------------

def test_check_passes_the_example_site_and_says_what_it_checked(project):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"No problems: \d+ events? with \d+ sessions?, .* checked in \d\.\d\d s\.\n", result.stdout)


def test_check_never_imports_mkdocs(project):
    # Python-Markdown itself is allowed: the check renders author text to see what sanitising removes.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from eventsite import cli; "
            "rc = cli.main(['-f', sys.argv[2], 'check']); "
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'jinja2')); "
            "print('LOADED', loaded); sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "hooks"), str(project / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


BAD_EVENT = """\
title: Taster
summary: A taster.
organiser: east-midlands-councils
titel: typo
sessions:
  - id: one
    start: 2014-02-30 10:00
    end: 13:00
    venue: emc-melton
explainers: [no-such-page]
"""


def test_check_prints_the_same_lines_as_the_build_and_exits_1(project):
    (project / "events" / "bad.yml").write_text(BAD_EVENT, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "events/bad.yml:4: titel: unknown field; did you mean title?",
        "events/bad.yml:7: sessions[1].start: '2014-02-30 10:00' is not a real date; expected a date "
        "and time as YYYY-MM-DD HH:MM, e.g. 2014-12-11 10:00",
    ]
    assert lines[2].startswith("events/bad.yml:10: explainers: 'no-such-page' is not a page in docs/explainers/ "
                               "(known: ")  # the example site's explainers, in alphabetical order
    assert lines[2].endswith("what-is-action-learning); add docs/explainers/no-such-page.md or correct the name")
    assert "3 problems found" in result.stderr
    build = run_build(project)
    assert build.returncode != 0
    for line in lines:
        assert line in build.stdout + build.stderr


def test_check_finds_testimonial_markers_that_name_nothing(project):
    page = project / "docs" / "testimonials.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- testimonials: nobody -->\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert result.stdout.startswith(f"docs/testimonials.md:{line}: testimonials: 'nobody' matches no testimonial")


def _set_setting(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_check_reports_a_bad_time_zone_setting_at_its_line_in_mkdocs_yml(project):
    _set_setting(project, "timezone: Europe/London", "timezone: Europe/Londn")
    line = next(i for i, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
                if "Europe/Londn" in text)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert (f"mkdocs.yml:{line}: extra.events.timezone: 'Europe/Londn' is not a known time zone; "
            "expected a name such as Europe/London") in result.stdout.splitlines()


def test_check_reads_the_events_folder_setting(project):
    (project / "events").rename(project / "sources")
    _set_setting(project, "folder: events", "folder: sources")
    assert run_cli(project, "check").returncode == 0
    _set_setting(project, "folder: sources", "folder: missing")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "extra.events.folder: 'missing' is not a folder next to mkdocs.yml" in result.stdout


def test_check_reports_a_bad_today_setting(project):
    _set_setting(project, "today: 2014-11-20", "today: 2014-11-31")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "extra.events.today: '2014-11-31' is not a real date; expected YYYY-MM-DD" in result.stdout


def test_check_tolerates_the_tags_mkdocs_configurations_use(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + dedent_tags(), encoding="utf-8")
    _set_setting(project, "timezone: Europe/London", "timezone: !ENV [EVENTS_TEST_ZONE, Europe/London]")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def dedent_tags() -> str:
    return ("\n# added by a test: tags only MkDocs' own loader constructs\n"
            "x_emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            "x_relative: !relative $config_dir/docs\n")


# --- new-event -----------------------------------------------------------------------------------

NEW = ["new-event", "--title", "Action learning: a taster for \"new\" officers", "--start", "2015-01-20 10:00",
       "--end", "13:00", "--venue", "emc-melton", "--organiser", "east-midlands-councils"]


def test_new_event_writes_a_file_that_passes_check(project):
    result = run_cli(project, *NEW)
    assert result.returncode == 0, result.stderr
    path = project / "events" / "action-learning-a-taster-for-new-officers.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/event.schema.json\n")
    assert 'title: "Action learning: a taster for \\"new\\" officers"' in text
    assert "  - id: jan-2015 " in text
    assert run_cli(project, "check").returncode == 0


def test_new_event_lists_every_optional_field_as_a_commented_hint(project):
    assert run_cli(project, *NEW, "--slug", "taster").returncode == 0
    text = (project / "events" / "taster.yml").read_text(encoding="utf-8")
    for fields in (schema.EVENT.fields, schema.SESSION.fields, schema.PRICE.fields, schema.BOOKING.fields):
        for key, spec in fields.items():
            active = re.search(rf"^ *(- )?{key}:", text, re.M)
            if spec.required and fields in (schema.EVENT.fields, schema.SESSION.fields):
                assert active, f"{key} is required but not filled in"
            else:  # optional, or required only inside an optional block (price: amount:)
                assert active or re.search(rf"^ *# *(- )?{key}:", text, re.M), f"{key} has no hint"


def test_every_hint_uncommented_still_passes_check(project):
    """The hints are real examples: uncommenting them all gives a valid file."""
    assert run_cli(project, *NEW, "--slug", "taster").returncode == 0
    path = project / "events" / "taster.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    body = [re.sub(r"^(\s*)# ?", r"\1", line) if i > start else line for i, line in enumerate(lines)]
    body = [line for line in body if not line.strip().startswith("#") or line.startswith("# yaml")]
    text = "\n".join(body) + "\n"
    # previous_start goes with status: rescheduled, as its hint says; area: instead of venue:.
    text = text.replace("status: scheduled", "status: rescheduled")
    text = re.sub(r"^    venue: .*\n", "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    # The image hint names a file the author first saves in docs/images/, as it says.
    (project / "docs" / "images").mkdir(exist_ok=True)
    (project / "docs" / "images" / "taster.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout


def test_new_event_refuses_to_overwrite(project):
    path = project / "events" / "action-planning-for-councillors.yml"
    before = path.read_bytes()
    result = run_cli(project, *NEW, "--slug", "action-planning-for-councillors")
    assert result.returncode == 1
    assert "events/action-planning-for-councillors.yml already exists" in result.stderr
    assert path.read_bytes() == before


def test_new_event_refuses_a_title_whose_file_name_is_taken(project):
    assert run_cli(project, *NEW).returncode == 0
    result = run_cli(project, *NEW)
    assert result.returncode == 1
    assert "already exists" in result.stderr


@pytest.mark.parametrize("option, value, message", [
    ("--slug", "Gŵyl Dewi!", "'Gŵyl Dewi!' cannot be a file name: use lower-case letters, digits and hyphens, "
                             "e.g. gwyl-dewi"),
    ("--slug", "../escape", "cannot be a file name"),
    ("--start", "2015-02-30 10:00", "start: '2015-02-30 10:00' is not a real date"),
    ("--end", "25:00", "end: '25:00' is not a real time"),
    ("--venue", "town-hall", "venue 'town-hall' is not in events/_venues.yml (known: "),
])
def test_new_event_refuses_bad_values_with_the_validators_words(project, option, value, message):
    args = list(NEW)
    before = sorted(p.name for p in (project / "events").iterdir())
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = run_cli(project, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(p.name for p in (project / "events").iterdir()) == before
    assert not (project / "escape.yml").exists()


def test_new_event_refuses_an_end_before_the_start(project):
    args = [a if a != "13:00" else "09:00" for a in NEW]
    result = run_cli(project, *args)
    assert result.returncode == 1
    assert "not written" in result.stderr and "sessions[1].end: ends at 2015-01-20 09:00" in result.stderr


def test_new_event_without_a_terminal_says_what_is_missing(project):
    result = run_cli(project, "new-event", "--start", "2015-01-20 10:00")
    assert result.returncode == 1
    assert "missing --title, --end" in result.stderr
    assert "make new-event TITLE=" in result.stderr


def test_new_event_without_an_organiser_takes_the_one_most_events_have_and_says_so(project):
    args = NEW[:NEW.index("--organiser")]
    result = run_cli(project, *args)
    assert result.returncode == 0, result.stderr
    assert "Organiser: east-midlands-councils, the organiser most events here have" in result.stdout
    text = (project / "events" / "action-learning-a-taster-for-new-officers.yml").read_text(encoding="utf-8")
    assert "organiser: east-midlands-councils " in text


def test_the_command_a_refusal_suggests_works_as_written(project):
    """The example in the message names this site's own venue and organiser."""
    result = run_cli(project, "new-event", "--start", "2015-01-20 10:00")
    example = next(line.strip() for line in result.stderr.splitlines() if line.strip().startswith("make new-event"))
    assert example == ('make new-event TITLE="Action learning taster" START="2015-01-20 10:00" END=13:00 '
                       "VENUE=emc-melton ORGANISER=east-midlands-councils")
    args = shlex.split(example)[2:]
    options = {a.split("=", 1)[0]: a.split("=", 1)[1] for a in args}
    written = run_cli(project, "new-event", "--title", options["TITLE"], "--start", options["START"], "--end",
                      options["END"], "--venue", options["VENUE"], "--organiser", options["ORGANISER"])
    assert written.returncode == 0, written.stderr
    assert run_cli(project, "check").returncode == 0


def test_a_venue_not_yet_defined_is_refused_with_where_to_add_it(project):
    args = list(NEW)
    args[args.index("--venue") + 1] = "county-hall"
    result = run_cli(project, *args)
    assert result.returncode == 1
    assert ("venue 'county-hall' is not in events/_venues.yml (known: emc-melton); add it there first, under that "
            "short name with its name, address and postcode") in result.stderr


def test_new_event_asks_for_what_is_missing(project):
    # Answers: title, file name (default), summary, start (first wrong, then right), end.
    answers = "Gŵyl y Gwanwyn\n\nA spring taster.\n2015-02-30 10:00\n2015-03-02 10:00\n12:30\n"
    result = run_cli(project, "new-event", "--interactive", "--venue", "emc-melton",
                     "--organiser", "east-midlands-councils", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "is not a real date" in result.stderr  # the wrong start was refused, then asked again
    text = (project / "events" / "gwyl-y-gwanwyn.yml").read_text(encoding="utf-8")
    assert "title: Gŵyl y Gwanwyn\n" in text and "summary: A spring taster.\n" in text
    assert "start: 2015-03-02 10:00\n" in text and "venue: emc-melton " in text
    assert run_cli(project, "check").returncode == 0


def test_make_targets_pass_values_through_intact(project):
    """`make new-event` with make variables, then `make check`, as the README shows them."""
    config = f"EVENTSITE_CONFIG={project / 'mkdocs.yml'}"
    title = "It's \"Welsh\" day: Gŵyl $HOME `date`"
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "new-event", f"TITLE={title}",
                             "START=2015-01-20 10:00", "END=13:00", "VENUE=emc-melton", "SLUG=welsh-day",
                             "ORGANISER=east-midlands-councils", config],
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "events" / "welsh-day.yml").read_text(encoding="utf-8")
    assert f"title: {starter.yaml_text(title)}\n" in text
    check = subprocess.run(["make", "-s", "-C", str(ROOT), "check", config], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    # A new event says nothing yet of how to book: said as information, not as a problem.
    assert check.stdout.splitlines() == ["note: events/welsh-day.yml: still to be confirmed: how to book",
                                         check.stdout.splitlines()[-1]]
    assert check.stdout.splitlines()[-1].startswith("No problems")


def _documented_commands() -> list[str]:
    """Every new-event command the README and the authors' guide show, as written there."""
    found = []
    for page in (ROOT / "README.md", ROOT / "docs" / "guide" / "authoring.md"):
        text = page.read_text(encoding="utf-8")
        for command in re.findall(r"(make new-event TITLE=[^`\n]*(?:\n[^`\n]*)?)(?=`|\n```|\n)", text):
            found.append(" ".join(command.split()))
        found += [" ".join(c.split()) for c in re.findall(r"(\.venv/bin/python hooks/eventsite/cli\.py new-event [^`|\n]+)",
                                                          text)]
    return found


def test_the_new_event_commands_in_the_readme_and_the_guide_work_as_written(project):
    commands = _documented_commands()
    assert len(commands) >= 4, commands
    config = f"EVENTSITE_CONFIG={project / 'mkdocs.yml'}"
    for command in commands:
        words = shlex.split(command.split("  #")[0])
        if words[0] == "make":
            run = ["make", "-s", "-C", str(ROOT), *words[1:], config]
        else:
            run = [sys.executable, str(project / "hooks" / "eventsite" / "cli.py"), *words[2:]]
        before = set((project / "events").iterdir())
        result = subprocess.run(run, cwd=project, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL, env={**os.environ, "EVENTSITE_CONFIG": str(project / "mkdocs.yml")})
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        (written,) = set((project / "events").iterdir()) - before
        assert run_cli(project, "check").returncode == 0, command
        written.unlink()


def test_module_entry_point_works_too(project):
    result = subprocess.run([sys.executable, "-m", "eventsite.cli", "-f", str(project / "mkdocs.yml"), "check"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr


def test_yaml_text_reads_back_as_the_same_text():
    import yaml
    for value in ["Plain title", "Title: with colon", "# hash", "'quoted'", 'say "hi"', "yes", "Gŵyl ŷ 🎉",
                  "[brackets]", "trailing space ", "- dash", "a #b", "50% off", "@home", "*star"]:
        node = yaml.compose(f"title: {starter.yaml_text(value)}\n")
        assert node.value[0][1].value == value, value


def test_main_reports_usage_errors_with_status_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["no-such-command"])
    assert exit_info.value.code == 2
