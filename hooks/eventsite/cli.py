"""Commands for authors and maintainers, run without installing anything and without MkDocs.

    python hooks/eventsite/cli.py check            # what `make check` runs
    python hooks/eventsite/cli.py edit             # what `make edit` runs: the site and its web editor
    python hooks/eventsite/cli.py new-event --title "Action learning taster" --start "2015-01-20 10:00" \
        --end 13:00 --venue emc-melton --organiser east-midlands-councils
    python hooks/eventsite/cli.py schema [--check]  # regenerate schema/*.schema.json
    python hooks/eventsite/cli.py error-guide [--check]  # regenerate docs/guide/errors.md

(``PYTHONPATH=hooks python -m eventsite.cli ...`` works too.) Exit status: 0 when all is well,
1 when a file has problems or would be overwritten, 2 when the command itself is wrong.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __name__ == "__main__" and not __package__:
    # Run as a file (python hooks/eventsite/cli.py): import the package from the folder above,
    # and take this folder off the path, where its modules and sub-packages (model/, editor/, ...)
    # would be importable under their bare names, hiding any others of those names.
    _here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
    sys.path.insert(0, str(_here.parent))
    __package__ = "eventsite"

import yaml  # noqa: E402

from eventsite import error_guide, starter  # noqa: E402
from eventsite.reading import drafts, history, project, schema, withdrawn  # noqa: E402
from eventsite.model import when, wording  # noqa: E402
from eventsite.editor import local_editor, schema as editor_schema  # noqa: E402
from eventsite.reading.fields import Checker, DateTime, Kind  # noqa: E402
from eventsite.reading.load import read_yaml  # noqa: E402
from eventsite.reading.problems import InvalidSources, Problem  # noqa: E402
from eventsite.reading.validate import ORGANISERS_FILE, SHARED_FILES, VENUES_FILE, load_catalogue  # noqa: E402


class Refused(Exception):
    """The command cannot go on; the message says why and what to do."""


# --- check ---------------------------------------------------------------------------------------

def run_check(args) -> int:
    began = time.perf_counter()
    root, config = _config(args)
    if args.settings:  # before MkDocs reads mkdocs.yml (make build, make serve): silent when all is well
        settings, problems = project.read_settings(root, config)
        problems += project.check_settings(settings)
        for problem in sorted(set(problems)):
            print(problem)
        return 1 if problems else 0
    catalogue, problems = project.check(root, config)
    for problem in problems:
        print(problem)
    took = time.perf_counter() - began
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found ({took:.2f} s).", file=sys.stderr)
        return 1
    settings, _ = project.read_settings(root, config)  # read without problems: check has just passed them
    today = when.today(settings.today)
    for note in _withdrawal_notes(root, settings, today, catalogue) + _open_item_notes(today, catalogue):
        print(note)
    sessions = sum(len(e.sessions) for e in catalogue.events)
    print(f"No problems: {_count(len(catalogue.events), 'event')} with {_count(sessions, 'session')}, "
          f"{_count(len(catalogue.venues), 'venue')}, {_count(len(catalogue.organisers), 'organiser')} "
          f"and {_count(len(catalogue.testimonials), 'testimonial')} checked in {took:.2f} s.")
    return 0


def _withdrawal_notes(root: Path, settings, today: dt.date, catalogue) -> list[str]:
    """What the change in the events folder withdraws from calendars, as information (not problems)."""
    found = history.read_history(root, settings.events_path, today)
    return withdrawn.notes(drafts.published(catalogue, False), found, settings.timezone, today,
                           settings.feed_keep_past_days)


def _open_item_notes(today: dt.date, catalogue) -> list[str]:
    """What each event still to come has not said yet (its venue, time, way to book), as information:
    leaving something out is how an author says it is to be confirmed."""
    notes = []
    for event in sorted(catalogue.events, key=lambda e: e.source):
        coming = [s for s in event.sessions if s.end.date() >= today and s.status != "cancelled"]
        if coming or (event.dates_to_be_confirmed and not event.sessions):
            items = wording.open_items(replace(event, sessions=tuple(coming)))
            if items:
                notes.append(f"note: {event.source}: still to be confirmed: {', '.join(items)}")
    return notes


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _config(args) -> tuple[Path, str]:
    config = Path(args.config)
    return config.resolve().parent, config.name


# --- new-event -----------------------------------------------------------------------------------

def _read_value(kind: Kind, text: str, label: str) -> tuple[object | None, str | None]:
    """(value, None) or (None, the validator's own message) for one value typed by the author."""
    check = Checker("")
    node = yaml.ScalarNode("tag:yaml.org,2002:str", text)
    node.start_mark = yaml.Mark("", 0, 0, 0, None, None)
    value = kind.read(node, label, check)
    return (value, None) if not check.problems else (None, f"{label}: {check.problems[0].message}")


def _known(folder: Path, file_name: str, kind: Kind) -> list[str]:
    path = folder / file_name
    if not path.exists():
        return []
    node, _ = read_yaml(path, file_name)
    record = kind.read(node, "", Checker(file_name)) if node is not None else None
    return sorted(record or {})


class Asker:
    """Takes each value from its option, else asks for it when a person is at the terminal."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.missing: list[str] = []

    def get(self, given: str | None, option: str, question: str, *, default: str | None = None,
            valid=lambda text: None) -> str | None:
        """The value: given, asked for (again until ``valid`` returns no message), or the default."""
        if given:
            message = valid(given)
            if message:
                raise Refused(message)
            return given
        if not self.interactive:
            if default is None:
                self.missing.append(option)
            return default
        suffix = f" [{default}]" if default else ""
        while True:
            try:
                answer = input(f"{question}{suffix}: ").strip()
            except EOFError:
                raise Refused("stopped; nothing was written") from None
            answer = answer or (default or "")
            message = valid(answer) if answer else f"{option.lstrip('-')} is needed"
            if not message:
                return answer
            print(f"  {message}", file=sys.stderr)


def _one_of(known: list[str], what: str, file_name: str):
    def valid(text: str) -> str | None:
        if text in known:
            return None
        fields = "name, address and postcode" if what == "venue" else "name and email"
        return (f"{what} {text!r} is not in events/{file_name} (known: {', '.join(known) or 'none yet'}); "
                f"add it there first, under that short name with its {fields} (the guide's 'Add a venue or "
                f"an organiser' shows one), or give a known one")
    return valid


def _usual_organiser(folder: Path, organisers: list[str]) -> str | None:
    """The organiser a new event most likely has: the only one, else the one most events name
    (None when there is no such one, or a tie)."""
    if len(organisers) == 1:
        return organisers[0]
    counts: dict[str, int] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        node, _ = read_yaml(path, path.name)
        fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)} \
            if isinstance(node, yaml.MappingNode) else {}
        named, kind = fields.get("organiser"), fields.get("kind")
        if isinstance(named, yaml.ScalarNode) and named.value in organisers and kind is None:
            counts[named.value] = counts.get(named.value, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def run_new_event(args) -> int:
    root, config = _config(args)
    settings, problems = project.read_settings(root, config)
    if problems:
        raise Refused("\n".join(map(str, problems)))
    folder = settings.events_path
    if not folder.is_dir():
        raise Refused(f"there is no folder {settings.folder}/ next to {config} (extra.events.folder)")
    venues = _known(folder, VENUES_FILE, schema.VENUES)
    organisers = _known(folder, ORGANISERS_FILE, schema.ORGANISERS)
    interactive = sys.stdin.isatty() if args.interactive is None else args.interactive
    ask = Asker(interactive)

    def slug_ok(text: str) -> str | None:
        if not starter.SLUG.fullmatch(text):
            return (f"{text!r} cannot be a file name: use lower-case letters, digits and hyphens, "
                    f"e.g. {starter.slug_for(text)}")
        if (folder / f"{text}.yml").exists():
            return f"events/{text}.yml already exists; choose another name, or edit that file"
        return None

    def text_ok(limit: int):
        return lambda text: f"keep it under {limit} characters" if len(text) > limit else None

    def date_ok(kind: Kind, label: str):
        return lambda text: _read_value(kind, text, label)[1]

    title = ask.get(args.title, "--title", "Title of the event", valid=text_ok(150))
    slug = ask.get(args.slug, "--slug", "File name (becomes the page address)",
                   default=starter.slug_for(title) if title else "", valid=slug_ok)
    if slug and not args.slug:
        message = slug_ok(slug)  # a name made from the title may still be taken
        if message:
            raise Refused(f"{message} (give another with SLUG=... or --slug)")
    summary = ask.get(args.summary, "--summary", "Summary (one or two sentences)",
                      default=starter.SUMMARY_PLACEHOLDER, valid=text_ok(300))
    start = ask.get(args.start, "--start", "Start (YYYY-MM-DD HH:MM)", valid=date_ok(DateTime(), "start"))
    end = ask.get(args.end, "--end", "End (HH:MM the same day, or YYYY-MM-DD HH:MM)",
                  valid=date_ok(DateTime(time_only=True), "end"))
    venue = ask.get(args.venue, "--venue", f"Venue ({', '.join(venues) or 'none yet'})",
                    default=venues[0] if len(venues) == 1 else None,
                    valid=_one_of(venues, "venue", VENUES_FILE))
    usual = _usual_organiser(folder, organisers)
    organiser = ask.get(args.organiser, "--organiser", f"Organiser ({', '.join(organisers) or 'none yet'})",
                        default=usual, valid=_one_of(organisers, "organiser", ORGANISERS_FILE))
    if ask.missing:
        raise Refused("missing " + ", ".join(ask.missing) + ". Give them as options, for example\n  "
                      + _example_command(venues, organisers)
                      + "\nor run the command in a terminal to be asked."
                      + ("" if venues and organisers else "\nThere is no venue or organiser yet: add one to "
                         f"events/{VENUES_FILE} or events/{ORGANISERS_FILE} first (the guide's 'Add a venue or "
                         "an organiser' shows how)."))
    if organiser == usual and not args.organiser and len(organisers) > 1:
        print(f"Organiser: {organiser}, the organiser most events here have (give another with "
              f"ORGANISER=..., or --organiser; known: {', '.join(organisers)}).")
    start_value = _read_value(DateTime(), start, "start")[0]
    new = starter.NewEvent(
        slug=slug, title=title, summary=summary, organiser=organiser,
        session_id=args.session_id or starter.session_id_for(start_value), start=start, end=end,
        venue=venue, today=when.today(settings.today))
    text = starter.render(new)
    problems = _problems_in_new_file(folder, f"{slug}.yml", text, settings.timezone)
    if problems:
        raise Refused("the new file would not pass the check, so it was not written:\n"
                      + "\n".join(f"  {p.field}: {p.message}" for p in problems))
    path = folder / f"{slug}.yml"
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise Refused(f"events/{slug}.yml already exists; choose another name, or edit that file") from None
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    print(f"Wrote {shown}. Next: open it, replace what it asks you to, uncomment the fields the "
          "event needs, then run make check.")
    return 0


def _example_command(venues: list[str], organisers: list[str]) -> str:
    """A new-event command that works as written on this site (its own venue and organiser)."""
    return ('make new-event TITLE="Action learning taster" START="2015-01-20 10:00" END=13:00 '
            f"VENUE={venues[0] if venues else 'your-venue'} "
            f"ORGANISER={organisers[0] if organisers else 'your-organiser'}")


def _problems_in_new_file(folder: Path, name: str, text: str, zone: str) -> list[Problem]:
    """The new file's own problems, checked beside copies of the shared files."""
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / folder.name
        trial.mkdir()
        for shared in SHARED_FILES:
            if (folder / shared).exists():
                shutil.copyfile(folder / shared, trial / shared)
        (trial / name).write_text(text, encoding="utf-8")
        try:
            load_catalogue(trial, default_zone=zone)
        except InvalidSources as exc:
            return [p for p in exc.problems if p.file.endswith("/" + name)]
    return []


# --- schema --------------------------------------------------------------------------------------

def run_schema(args) -> int:
    root, _ = _config(args)
    folder = root / editor_schema.FOLDER
    if args.check:
        stale = editor_schema.stale(folder)
        for name in stale:
            print(f"{editor_schema.FOLDER}/{name}: out of date; run make schema and commit the result")
        return 1 if stale else 0
    for path in editor_schema.write(folder):
        print(f"wrote {path.relative_to(root).as_posix()}")
    return 0


def run_edit(args) -> int:
    root, config = _config(args)
    settings, problems = project.read_settings(root, config)
    problems += project.check_settings(settings)
    if problems:
        raise Refused("\n".join(map(str, sorted(set(problems)))))
    try:
        return local_editor.run(root, config, site_port=args.site_port, editor_port=args.editor_port)
    except local_editor.CannotStart as exc:
        raise Refused(str(exc)) from None


def run_error_guide(args) -> int:
    root, _ = _config(args)
    if args.check:
        if (root / error_guide.PAGE).exists() and (root / error_guide.PAGE).read_text(encoding="utf-8") == error_guide.render():
            return 0
        print(f"{error_guide.PAGE.as_posix()}: out of date; run make error-guide and commit the result")
        return 1
    if error_guide.write(root):
        print(f"wrote {error_guide.PAGE.as_posix()}")
    return 0


# --- entry point ---------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="eventsite", description="Check and start event files.")
    top.add_argument("-f", "--config", default=os.environ.get("EVENTSITE_CONFIG", "mkdocs.yml"),
                     help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = top.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every file without building (what make check runs)")
    check.add_argument("--settings", action="store_true",
                       help="check only the settings in mkdocs.yml, printing nothing when they are right (make "
                            "build and make serve run it first: MkDocs stops at some mistakes, such as an "
                            "impossible date without quotes, with a Python error and no line)")
    check.set_defaults(run=run_check)
    new = commands.add_parser("new-event", help="write a new event file, asking for what is not given")
    for option, meaning in [("--title", "the event's title"), ("--slug", "the file name without .yml"),
                            ("--summary", "one or two sentences"), ("--start", "YYYY-MM-DD HH:MM"),
                            ("--end", "HH:MM the same day, or YYYY-MM-DD HH:MM"),
                            ("--venue", "a venue's short name"), ("--organiser", "an organiser's short name"),
                            ("--session-id", "the first session's id (default: month-year of the start)")]:
        new.add_argument(option, help=meaning)
    new.add_argument("--interactive", action=argparse.BooleanOptionalAction, default=None,
                     help="ask for missing values (default: when run in a terminal)")
    new.set_defaults(run=run_new_event)
    edit = commands.add_parser("edit", help="serve the site with the web editor at /admin/, saving into this "
                                            "folder (what make edit runs; needs Node.js and npm)")
    edit.add_argument("--site-port", type=int, default=8000, help="the site's port on 127.0.0.1 (default 8000)")
    edit.add_argument("--editor-port", type=int, default=local_editor.editor_config.LOCAL_PORT,
                      help="the editor's local server's port on 127.0.0.1 (default 8081)")
    edit.set_defaults(run=run_edit)
    gen = commands.add_parser("schema", help="write schema/*.schema.json from the declared formats")
    gen.add_argument("--check", action="store_true", help="only report files that are out of date")
    gen.set_defaults(run=run_schema)
    guide = commands.add_parser("error-guide", help=f"write {error_guide.PAGE.as_posix()}, every message explained")
    guide.add_argument("--check", action="store_true", help="only report whether it is out of date")
    guide.set_defaults(run=run_error_guide)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Refused as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped; nothing was written", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
