"""Hostile and careless input: no file escapes the repository, no input crashes the build.

Every case ends in a located ``file:line: field: message`` problem, the same from ``make check``
(the command, run as make runs it) and from a real ``mkdocs build --strict``: exit status 1, no
traceback, nothing written into docs/ or events/. Each class of input is generated in many
variations against the checks themselves (fast), and at least one of each goes through both
commands, several classes to a build (a build reports every problem it finds at one stage).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ORGANISERS, ROOT, TASTER, TESTIMONIALS, VENUES, copy_project, run_build, write_folder
from eventsite.reading import clashes, images, load, project

CLI = ROOT / "hooks" / "eventsite" / "cli.py"
T = dedent(TASTER)  # the smallest valid event, as written in a file
EXAMPLE_EVENT = (ROOT / "events" / "action-planning-for-councillors.yml").read_text(encoding="utf-8")
EXAMPLE_PROGRAMME = "action-learning-ambassadors.yml"
LOCATED = re.compile(r"^(?:ERROR\s+-\s+)?(\S+:\d+: .*)$")
MANY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


# --- running both commands ------------------------------------------------------------------------

def run_check(site: Path, *args: str) -> subprocess.CompletedProcess:
    """`make check`: the command, by path, with the project's Python."""
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTS_TODAY", "PYTHONPATH")}
    return subprocess.run([sys.executable, str(CLI), "-f", str(site / "mkdocs.yml"), "check", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def located(output: str) -> list[str]:
    """The ``file:line: ...`` lines of an output (a build puts ``ERROR -`` before the first)."""
    return sorted(m.group(1) for line in output.splitlines() if (m := LOCATED.match(line)))


def tree_state(site: Path) -> dict:
    """What docs/ and events/ hold: each entry's kind, a link's target, a file's digest. Special
    files are described, never opened."""
    state = {}
    for part in ("docs", "events"):
        for folder, folders, names in os.walk(site / part):
            for name in folders + names:
                path = Path(folder) / name
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    state[str(path)] = ("link", os.readlink(path))
                elif stat.S_ISREG(info.st_mode):
                    state[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
                else:
                    state[str(path)] = (stat.S_IFMT(info.st_mode), None)
    return state


def both(site: Path) -> list[str]:
    """Run make check and a real build; assert they fail alike, located, without a traceback and
    without touching docs/ or events/; the located lines."""
    before = tree_state(site)
    check = run_check(site)
    build = run_build(site, EVENTS_PDF="no")
    for result in (check, build):
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    lines = located(check.stdout)
    assert lines, check.stdout + check.stderr
    assert located(build.stdout + build.stderr) == lines
    assert tree_state(site) == before
    assert not (site / "site" / "images" / "secret.png").exists()
    return lines


def example_event(title: str = "Action planning for councillors using action learning", body: str = "",
                  extra: str = "") -> str:
    text = re.sub(r"^title: .*$", f"title: {title}", EXAMPLE_EVENT, count=1, flags=re.M)
    if body:
        text = text.replace("body: |\n", "body: |\n" + "".join(f"  {line}\n" for line in body.splitlines()) + "\n", 1)
    return text + extra


def line_with(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A folder outside every project: what a link out of the repository reaches."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.png").write_bytes(b"not for publishing")
    (folder / "event.yml").write_text(example_event("An event from outside"), encoding="utf-8")
    (folder / "dir").mkdir()
    (folder / "dir" / "a.png").write_bytes(b"also not for publishing")
    return folder


# --- the four classes through both commands ------------------------------------------------------

def test_files_and_text_the_reading_stage_refuses_stop_check_and_build_alike(tmp_path, outside):
    """Everything refused while files are read and checked one by one: links out of the
    repository, a pipe and a folder named *.yml, nesting tens of thousands deep, a quote never
    closed, invisible characters, text of spaces, a control character and a link out of docs/."""
    site = copy_project(tmp_path / "site")
    events, docs = site / "events", site / "docs"
    (events / "linked.yml").symlink_to(outside / "event.yml")
    os.mkfifo(events / "pipe.yml")
    (events / "folder.yml").mkdir()
    (events / "deep.yml").write_text("title: " + "[" * 50_000 + "\n", encoding="utf-8")
    (events / "dashes.yml").write_text("title:\n" + "- " * 30_000 + "x\n", encoding="utf-8")
    quote = example_event('"Action planning for councillors')
    (events / "quote.yml").write_text(quote, encoding="utf-8")
    hidden = example_event("Action\u200bplanning")
    (events / "hidden.yml").write_text(hidden, encoding="utf-8")
    blank = example_event('"   "')
    (events / "blank.yml").write_text(blank, encoding="utf-8")
    control = re.sub(r"^body: \|\n(?:  .*\n|\n)*", lambda m: 'body: "A paragraph\\x01 with a control character"\n',
                     example_event(), count=1, flags=re.M)
    (events / "control.yml").write_text(control, encoding="utf-8")
    link = example_event(body="Read [the settings](../../mkdocs.yml) first.")
    (events / "link.yml").write_text(link, encoding="utf-8")
    (docs / "images").mkdir()
    (docs / "images" / "secret.png").symlink_to(outside / "secret.png")
    (docs / "linked").symlink_to(outside / "dir")
    os.mkfifo(docs / "pipe.md")

    lines = both(site)

    def problem(name: str, line: int, rest: str) -> str:
        return next(p for p in lines if p.startswith(f"{name}:{line}: {rest}"))

    assert problem("events/linked.yml", 1, f"is a link to {outside / 'event.yml'}, outside the repository")
    assert problem("events/pipe.yml", 1, "is a named pipe (FIFO), not a file")
    assert problem("events/folder.yml", 1, "is a folder, not a file")
    assert problem("events/deep.yml", 1, f"lists or mappings are nested more than {load.MAX_DEPTH} levels deep")
    assert problem("events/dashes.yml", 2, f"lists or mappings are nested more than {load.MAX_DEPTH} levels deep")
    assert problem("events/quote.yml", line_with(quote, "title:"), "YAML syntax error: a quote opened on this line")
    assert problem("events/hidden.yml", line_with(hidden, "title:"),
                   "title: has U+200B ZERO WIDTH SPACE at column 14, a character that shows nothing")
    assert problem("events/blank.yml", line_with(blank, "title:"), "title: is empty (only spaces)")
    assert problem("events/control.yml", line_with(control, "body:"),
                   "body: has an invisible control character (U+0001); remove it")
    assert problem("events/link.yml", line_with(link, "Read [the settings]"),
                   "body: links to '../../mkdocs.yml', outside docs/")
    assert problem("docs/images/secret.png", 1, f"is a link to {outside / 'secret.png'}, outside the repository")
    assert problem("docs/linked", 1, f"is a link to {outside / 'dir'}, outside the repository")
    assert problem("docs/pipe.md", 1, "is a named pipe (FIFO), not a file")
    assert len(lines) == 13, lines


SCRIPTED_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 30">
  <rect width="40" height="30" fill="#1d4f91"/>
  <script>fetch("/accessibility/").then(r => r.text()).then(alert)</script>
</svg>
"""


def test_names_of_listings_and_scripted_images_stop_check_and_build_alike(tmp_path):
    """Refused once every file reads well: event files named like the site's own listings, and an
    SVG image with a script that an event shows."""
    site = copy_project(tmp_path / "site")
    events = site / "events"
    (events / "index.yml").write_text(example_event("An event that would replace the listing"), encoding="utf-8")
    (events / "organiser.yml").write_text(example_event("An event above the organiser filters"), encoding="utf-8")
    (site / "docs" / "images").mkdir()
    (site / "docs" / "images" / "plan.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    shown = example_event(extra="image:\n  src: images/plan.svg\n  alt: A plan of the room, tables in a horseshoe\n")
    (events / "action-planning-for-councillors.yml").write_text(shown, encoding="utf-8")

    lines = both(site)
    assert lines == sorted([
        "docs/images/plan.svg:3: has a <script>: it would run on this site when the image is opened (shown by "
        "events/action-planning-for-councillors.yml); remove it, or save the image again as plain SVG, or as PNG",
        "events/index.yml:1: is named 'index', so its page would be published at /events/, the address of the "
        "events listing; expected another file name, such as index-1.yml or one made from the title",
        "events/organiser.yml:1: is named 'organiser', so its page would be published at /events/organiser/, the "
        "folder of the pages that list events by organiser; expected another file name, such as organiser-1.yml "
        "or one made from the title",
    ])


def test_settings_mistakes_stop_check_and_build_alike_and_name_only_mkdocs_yml(tmp_path, outside):
    """A folder outside the repository, a colour YAML reads as a comment, a logo that is not in
    docs/, and a time zone that does not exist: reported at their lines in mkdocs.yml, and not
    again against each event file that has no time zone of its own."""
    site = copy_project(tmp_path / "site")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in [("folder: events", f"folder: {outside}"), ('primary: "#1d4f91"', "primary: #1d4f91"),
                     ("timezone: Europe/London", "timezone: Europe/Londn"),
                     ("      name: East Midlands Councils (example)\n",
                      "      name: East Midlands Councils (example)\n      logo: images/logo.svg\n")]:
        assert old in text
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    lines = both(site)
    assert lines == sorted([
        f"mkdocs.yml:{line_with(text, 'folder: /')}: extra.events.folder: '{outside}' is outside the repository (the "
        "folder of mkdocs.yml); expected a folder inside it, e.g. events",
        f"mkdocs.yml:{line_with(text, 'primary: #')}: extra.events.brand.colours.primary: is empty: YAML reads "
        '#1d4f91 as a comment, as it starts with #; expected the colour in quotes, primary: "#1d4f91"',
        f"mkdocs.yml:{line_with(text, 'timezone: Europe/Londn')}: extra.events.timezone: 'Europe/Londn' is not a "
        "known time zone; expected a name such as Europe/London",
        f"mkdocs.yml:{line_with(text, 'logo: images')}: extra.events.brand.logo: 'images/logo.svg' is not a file in "
        "docs/; expected its path inside it, such as images/logo.svg",
    ])


def test_an_impossible_unquoted_date_in_mkdocs_yml_is_named_by_check_and_before_the_build(tmp_path):
    """MkDocs reads mkdocs.yml, and stops at ``today: 2014-02-30`` with a Python error, before
    any hook runs. make check names the line; make build and make serve run ``check --settings``
    first, which names it too, and stops there."""
    site = copy_project(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("today: 2014-11-20", "today: 2014-02-30"),
                      encoding="utf-8")
    expected = [f"mkdocs.yml:{line_with(config.read_text(), 'today:')}: extra.events.today: '2014-02-30' is not "
                "a real date; expected YYYY-MM-DD"]
    for args in ((), ("--settings",)):
        result = run_check(site, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert located(result.stdout) == expected
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "serve"):
        recipe = makefile.split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0]
        assert recipe.index("$(CLI) check --settings") < recipe.index("$(BIN)/mkdocs")


def test_check_settings_is_silent_when_the_settings_are_right(tmp_path):
    site = copy_project(tmp_path / "site")
    result = run_check(site, "--settings")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# --- files: only regular files inside the repository ---------------------------------------------

def small_site(root: Path, files: dict[str, str] | None = None, config: str = "site_name: Test\n") -> Path:
    write_folder(root, {"taster.yml": TASTER, **(files or {})})
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def checked(root: Path) -> list[str]:
    return [str(p) for p in project.check(root)[1]]


LINKS = {  # how a link is made, relative to the repository's root and the outside folder
    "absolute, out": lambda root, out: out / "event.yml",
    "relative, out": lambda root, out: Path(os.path.relpath(out / "event.yml", root / "events")),
    "to nothing": lambda root, out: root / "events" / "missing.yml",
    "to a folder outside": lambda root, out: out / "dir",
    "inside": lambda root, out: root / "kept" / "event.yml",
}


@pytest.mark.parametrize("how", LINKS)
@pytest.mark.parametrize("name", ["linked.yml", "_venues.yml", "_testimonials.yml"])
def test_a_linked_event_or_shared_file_is_read_only_when_it_stays_inside(tmp_path, outside, how, name):
    root = small_site(tmp_path / "site")
    (root / "kept").mkdir()
    (root / "kept" / "event.yml").write_text(
        dedent(VENUES if name == "_venues.yml" else TESTIMONIALS if name == "_testimonials.yml" else TASTER),
        encoding="utf-8")
    path = root / "events" / name
    path.unlink(missing_ok=True)
    target = LINKS[how](root, outside)
    path.symlink_to(target)
    problems = checked(root)
    if how == "inside":
        assert problems == []
        return
    # A refused shared file leaves the event naming what it would have defined: reported too.
    problems = [p for p in problems if p.startswith(f"events/{name}:")]
    if how == "to nothing":
        assert problems == [f"events/{name}:1: is a link to {target}, which does not exist; remove the link, or "
                            "put the file itself in its place"]
    elif how == "to a folder outside":
        assert problems == [f"events/{name}:1: is a link to {outside / 'dir'}, outside the repository; only "
                            "files inside it are read or published. Put the file itself in its place"]
    else:
        assert problems == [f"events/{name}:1: is a link to {outside / 'event.yml'}, outside the repository; "
                            "only files inside it are read or published. Put the file itself in its place"]


@pytest.mark.parametrize("how", LINKS)
@pytest.mark.parametrize("where", ["images/photo.png", "photo.png", "deep/er/photo.png"])
def test_a_linked_file_in_docs_is_published_only_when_it_stays_inside(tmp_path, outside, how, where):
    root = small_site(tmp_path / "site")
    (root / "kept").mkdir()
    (root / "kept" / "event.yml").write_bytes(b"inside")
    path = root / "docs" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    target = LINKS[how](root, outside)
    if how == "relative, out":
        target = Path(os.path.relpath(outside / "secret.png", path.parent))
    path.symlink_to(target)
    problems = checked(root)
    if how == "inside":
        assert problems == []
    else:
        (problem,) = problems
        assert problem.startswith(f"docs/{where}:1: is a link to ")
        assert ("which does not exist" if how == "to nothing" else "outside the repository") in problem


def test_a_linked_folder_in_docs_is_named_once_and_never_looked_into(tmp_path, outside):
    root = small_site(tmp_path / "site")
    (root / "docs" / "photos").symlink_to(outside / "dir")
    (root / "docs" / "inside").symlink_to(root / "events")  # inside: published as MkDocs would
    (root / "docs" / "again").symlink_to(root / "docs")  # a loop: looked into once
    assert checked(root) == [f"docs/photos:1: is a link to {outside / 'dir'}, outside the repository; only files "
                             "inside it are read or published. Put the file itself in its place"]
    found = project.site_files(root / "docs", root)
    assert "inside/taster.yml" in found and "photos" in found
    assert not any(name.startswith(("photos/", "again/")) for name in found)


def special_files():
    """(kind, a function that makes one at a path, the words the problem uses)."""
    def socket_at(path: Path) -> None:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    return [("pipe", os.mkfifo, "a named pipe (FIFO)"), ("folder", Path.mkdir, "a folder"),
            ("socket", socket_at, "a socket")]


@pytest.mark.parametrize("kind, make, words", special_files(), ids=[s[0] for s in special_files()])
@pytest.mark.parametrize("where", ["events/x.yml", "events/_venues.yml", "docs/x.md", "docs/images/x.png"])
def test_pipes_sockets_and_folders_are_refused_by_name_never_opened(where, kind, make, words):
    if kind == "folder" and where.startswith("docs/"):
        pytest.skip("a folder in docs/ is a folder MkDocs looks into")
    with tempfile.TemporaryDirectory(dir="/tmp") as scratch:  # a socket's path must be short
        root = small_site(Path(scratch))
        path = root / where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        make(path)
        problems = checked(root)  # a pipe opened for reading would wait here for ever
    assert f"{where}:1: is {words}, not a file; only regular files are read or published. Move it out of the " \
           "site's folders, or put the file itself in its place" in problems


def test_read_text_refuses_a_pipe_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "x.yml")
    text, problems = load.read_text(tmp_path / "x.yml", "events/x.yml")
    assert text is None and problems[0].message.startswith("is a named pipe (FIFO), not a file")


@pytest.mark.parametrize("slug", sorted(clashes.RESERVED_EVENT_NAMES))
def test_an_event_named_like_a_listing_is_refused(tmp_path, slug):
    root = small_site(tmp_path / "site", {f"{slug}.yml": TASTER})
    address = "/events/" if slug == "index" else f"/events/{slug}/"
    assert checked(root) == [f"events/{slug}.yml:1: is named {slug!r}, so its page would be published at {address}, "
                             f"{clashes.RESERVED_EVENT_NAMES[slug]}; expected another file name, such as {slug}-1.yml "
                             "or one made from the title"]


@pytest.mark.parametrize("slug", ["indexes", "index-2015", "organisers", "audiences", "calendar", "feed"])
def test_names_that_only_look_like_a_listing_are_fine(tmp_path, slug):
    assert checked(small_site(tmp_path / "site", {f"{slug}.yml": TASTER})) == []


def test_a_programme_named_index_is_refused(tmp_path):
    site = copy_project(tmp_path / "site")
    (site / "events" / EXAMPLE_PROGRAMME).rename(site / "events" / "index.yml")
    assert checked(site) == ["events/index.yml:1: is named 'index', so its page would be published at /programmes/, "
                             "the address of the programmes listing; expected another file name, such as "
                             "index-1.yml or one made from the title"]


# --- SVG images ----------------------------------------------------------------------------------

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 30">'
HOSTILE_SVG = {  # a line that makes an image unsafe -> what the problem says
    "<script>alert(1)</script>": "has a <script>",
    '<script xlink:href="https://example.org/x.js"/>': "has a <script>",
    '<rect width="4" height="3" onclick="alert(1)"/>': "sets onclick on <rect>, which would run as script",
    '<g onload="alert(1)"><rect width="4" height="3"/></g>': "sets onload on <g>",
    '<circle r="3" ONMOUSEOVER="alert(1)"/>': "sets ONMOUSEOVER on <circle>",
    '<use xlink:href="https://example.org/sprite.svg#a"/>': 'has <use href="https://example.org/sprite.svg#a">',
    '<use href="sprite.svg#a"/>': 'has <use href="sprite.svg#a">',
    '<image href="http://example.org/photo.png" width="4" height="3"/>': 'has <image href="http://example.org/',
    '<image xlink:href="data:image/svg+xml;base64,PHN2Zz4=" width="4" height="3"/>': "a reference outside the image",
    '<a href="javascript:alert(1)"><rect width="4" height="3"/></a>': 'has <a href="javascript:alert(1)">',
    '<set attributeName="href" to="javascript:alert(1)"/>': "has javascript: in to on <set>",
    '<foreignObject width="4" height="3"><p>text</p></foreignObject>': "has a <foreignObject>",
    '<rect width="4" height="3" style="fill: url(https://example.org/p.svg#x)"/>': "has a style on <rect> that loads",
    "<style>@import url(https://example.org/x.css);</style>": "has a <style> that loads from outside the image",
    "<style>rect { fill: url('http://example.org/p#x') }</style>": "has a <style> that loads from outside",
}
BENIGN_SVG = [
    '<rect width="40" height="30" fill="#1d4f91"/>',
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>',
    '<rect width="4" height="3" fill="url(#g)"/>',
    '<use href="#g"/>', '<use xlink:href="#g"/>',
    '<image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="3"/>',
    "<style>rect { fill: url(#g) }</style>",
    '<text x="1" y="10">On click, the set opens</text>',
    "<title>A plan of the room</title>",
]


@MANY
@given(hostile=st.sampled_from(sorted(HOSTILE_SVG)), before=st.lists(st.sampled_from(BENIGN_SVG), max_size=4),
       after=st.lists(st.sampled_from(BENIGN_SVG), max_size=3))
def test_an_svg_that_could_run_or_load_anything_is_refused_at_its_line(hostile, before, after):
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "plan.svg"
        path.write_text("\n".join([SVG_OPEN, *before, hostile, *after, "</svg>"]) + "\n", encoding="utf-8")
        problems = images.svg_problems(path, "docs/images/plan.svg", "shown by events/x.yml")
    assert problems, hostile
    first = problems[0]
    assert (first.file, first.line) == ("docs/images/plan.svg", 2 + len(before))
    assert HOSTILE_SVG[hostile] in first.message
    assert first.message.endswith("(shown by events/x.yml); remove it, or save the image again as plain SVG, or as PNG")


@MANY
@given(parts=st.lists(st.sampled_from(BENIGN_SVG), max_size=6))
def test_plain_drawings_are_accepted(parts):
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "plan.svg"
        path.write_text("\n".join(['<?xml version="1.0" encoding="UTF-8"?>', SVG_OPEN, *parts, "</svg>"]) + "\n",
                        encoding="utf-8")
        assert images.svg_problems(path, "docs/images/plan.svg", "shown by events/x.yml") == []


@pytest.mark.parametrize("text, line, words", [
    ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n'
     f"{SVG_OPEN}<text>&b;</text></svg>\n", 3, "declares an entity (<!ENTITY ...>)"),
    (f"{SVG_OPEN}\n<rect>\n</svg>\n", 3, "is not a well-formed SVG image: mismatched tag"),
    ("\x89PNG\r\n\x1a\n", 1, "is not a well-formed SVG image"),
])
def test_entities_and_broken_files_are_refused_before_anything_expands(tmp_path, text, line, words):
    path = tmp_path / "plan.svg"
    path.write_bytes(text.encode("latin-1"))
    (problem,) = images.svg_problems(path, "docs/images/plan.svg", "shown by events/x.yml")
    assert problem.line == line and problem.message.startswith(words)


def test_a_scripted_logo_or_event_image_is_refused_but_an_unused_svg_is_left_to_review(tmp_path):
    root = small_site(tmp_path / "site", {"taster.yml": T + "image:\n  src: images/plan.svg\n  alt: A plan\n"},
                      config="site_name: T\nextra:\n  events:\n    brand:\n      logo: images/logo.svg\n")
    (root / "docs" / "images").mkdir()
    for name in ("plan.svg", "logo.svg", "unused.svg"):
        (root / "docs" / "images" / name).write_text(SCRIPTED_SVG, encoding="utf-8")
    problems = checked(root)
    assert [p.split(": has a <script>")[0] for p in problems] == ["docs/images/logo.svg:3"]  # settings first
    (root / "docs" / "images" / "logo.svg").write_text(SVG_OPEN + "</svg>\n", encoding="utf-8")
    problems = checked(root)
    assert [p.split(": has a <script>")[0] for p in problems] == ["docs/images/plan.svg:3"]
    assert "(shown by events/taster.yml)" in problems[0]


# --- crashes: nesting, the events folder --------------------------------------------------------------

NESTINGS = {  # depth -> text whose lists and mappings nest that deep (the file's mapping included)
    "flow lists": lambda d: "title: " + "[" * (d - 1) + "]" * (d - 1) + "\n",
    "flow mappings": lambda d: "title: " + "{a: " * (d - 1) + "b" + "}" * (d - 1) + "\n",
    "compact list entries": lambda d: "title:\n" + "- " * (d - 1) + "x\n",
    "indented mappings": lambda d: "".join("  " * i + "a:\n" for i in range(d - 1)) + "  " * (d - 1) + "a: b\n",
    "list entries with mappings": lambda d: ("".join("  " * i + "- a:\n" for i in range((d - 1) // 2))
                                             + "  " * ((d - 1) // 2 + 1) + "x: y\n"),
}


def depth_of(form: str, depth: int) -> int:
    return depth - (depth - 1) % 2 if form == "list entries with mappings" else depth


@settings(max_examples=120, deadline=None)
@given(form=st.sampled_from(sorted(NESTINGS)), depth=st.integers(load.MAX_DEPTH - 4, load.MAX_DEPTH + 4))
def test_nesting_past_the_limit_is_refused_and_up_to_it_is_read(form, depth):
    text = NESTINGS[form](depth)
    node, problems = load.compose(text, "events/deep.yml")
    if depth_of(form, depth) > load.MAX_DEPTH:
        (problem,) = problems
        assert problem.message.startswith(f"lists or mappings are nested more than {load.MAX_DEPTH} levels deep here")
        assert node is None
    else:
        assert not any("nested" in p.message for p in problems), problems


@pytest.mark.parametrize("form, depth", [
    *((form, depth) for form in ("flow lists", "flow mappings", "compact list entries") for depth in (1_000, 50_000)),
    ("indented mappings", 700), ("list entries with mappings", 1_400)])
def test_nesting_thousands_deep_is_refused_without_a_crash(form, depth):
    # In a child process: were the limit missing, libyaml would crash the interpreter.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from eventsite.reading import load; "
            "text = sys.stdin.read(); print(load.compose(text, 'events/deep.yml')[1][0].message)")
    text = NESTINGS[form](depth)
    assert len(text) < load.MAX_BYTES
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "hooks")], input=text, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("lists or mappings are nested more than")


def test_the_bound_that_spares_ordinary_files_the_exact_count_holds():
    # _may_nest_too_deep lets a text through uncounted only when it cannot be too deep.
    for form, make in NESTINGS.items():
        text = make(load.MAX_DEPTH + 1)
        assert load._may_nest_too_deep(text), form
    for path in [*(ROOT / "events").glob("*.yml"), *(ROOT / "tests" / "fixtures").rglob("*.yml")]:
        assert load.nesting_problem(path.read_text(encoding="utf-8"), path.name) is None


def test_a_deep_mkdocs_yml_is_named_not_a_recursion_error(tmp_path):
    root = small_site(tmp_path / "site", config="site_name: x\nextra: " + "[" * 5_000 + "\n")
    assert checked(root) == [f"mkdocs.yml:2: lists or mappings are nested more than {load.MAX_DEPTH} levels deep "
                             "here; expected a few levels, as in the guide's examples. Look for a long run of '[', "
                             "'{' or '- ' pasted by mistake"]


@pytest.mark.parametrize("folder", ["ABSOLUTE", "../outside", "events/../../outside", "linked"])
def test_an_events_folder_outside_the_repository_is_a_settings_problem(tmp_path, outside, folder):
    root = tmp_path / "site"
    (tmp_path / "outside").mkdir()
    (root / "linked").parent.mkdir(parents=True)
    (root / "linked").symlink_to(outside)
    folder = str(outside) if folder == "ABSOLUTE" else folder
    small_site(root, config=f"site_name: x\nextra:\n  events:\n    folder: {folder}\n")
    assert checked(root) == [f"mkdocs.yml:4: extra.events.folder: {folder!r} is outside the repository (the folder "
                             "of mkdocs.yml); expected a folder inside it, e.g. events"]


# --- accepted but wrong: hidden characters, text of spaces, colours read as comments -------------------

# Where a one-line value stands, in an event file or a shared file: the file, its text around
# VALUE, the field path a problem names.
SINGLE_LINE_FIELDS = [  # (file, its text around VALUE, the field path, the value around the text)
    ("taster.yml", T.replace("Action planning for councillors", "VALUE"), "title", "{}"),
    ("taster.yml", T.replace("A free half-day taster session.", "VALUE"), "summary", "{}"),
    ("taster.yml", T + "audience: VALUE\n", "audience", "{}"),
    ("taster.yml", T + "booking:\n  email: b@example.org\n  contact: VALUE\n", "booking.contact", "{}"),
    ("taster.yml", T + "price:\n  amount: free\n  note: VALUE\n", "price.note", "{}"),
    ("taster.yml", T + "outcomes:\n  - VALUE\n", "outcomes[1]", "{}"),
    ("taster.yml", T + "eligibility: VALUE\n", "eligibility[1]", "{}"),
    ("taster.yml", T + "dates_to_be_confirmed: VALUE\n", "dates_to_be_confirmed", "{}"),
    ("taster.yml", T + "booking:\n  email: VALUE\n", "booking.email", "{}@example.org"),
    ("taster.yml", T + "booking:\n  url: VALUE\n", "booking.url", "https://example.org/{}"),
    ("_venues.yml", dedent(VENUES).replace("Pera Business Park", "VALUE"), "melton.name", "{}"),
    ("_venues.yml", dedent(VENUES).replace("Nottingham Road", "VALUE"), "melton.address[1]", "{}"),
    ("_organisers.yml", dedent(ORGANISERS).replace("East Midlands Councils", "VALUE"), "emc.name", "{}"),
    ("_testimonials.yml", dedent(TESTIMONIALS).replace("A participant", "VALUE"), "useful.by", "{}"),
]
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064" \
            "\u2066\u2067\u2068\u2069\ufeff\u061c\u180e"
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7f, 0xa0)] if not chr(c).isspace())


def file_problems(files: dict[str, str]) -> list[str]:
    with tempfile.TemporaryDirectory() as scratch:
        return checked(small_site(Path(scratch), files))


def yaml_escaped(text: str) -> str:
    """``text`` in double quotes, every character but letters, digits, spaces, dots and hyphens
    written as an escape."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c in " .-") else
                         f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in text) + '"'


@MANY
@given(where=st.sampled_from(SINGLE_LINE_FIELDS), char=st.sampled_from(INVISIBLE + CONTROLS),
       before=st.text("abcxyz", min_size=1, max_size=8), after=st.text("abcxyz", min_size=1, max_size=8),
       written=st.sampled_from(["as it is", "as an escape"]))
def test_a_hidden_character_in_any_one_line_field_is_named_with_its_line(where, char, before, after, written):
    name, template, path, around = where
    value = around.format(before + char + after)
    if char in CONTROLS:
        written = "as an escape"  # a control character as it is stops the file being read (test_bad_input)
    shown = yaml_escaped(value) if written == "as an escape" else value
    text = template.replace("VALUE", shown)
    problems = file_problems({name: text})
    line = line_with(text, shown)
    code = f"U+{ord(char):04X}"
    if char in CONTROLS:
        assert f"events/{name}:{line}: {path}: has an invisible control character ({code}); remove it" in problems
        return
    (problem,) = [p for p in problems if p.startswith(f"events/{name}:{line}: {path}: has {code} ")]
    assert unicodedata.name(char) in problem
    assert problem.endswith("expected visible text only: delete it (it often comes with pasted text) and retype "
                            "the text around it")
    if written == "as it is":  # where an editor puts the cursor
        column = text.splitlines()[line - 1].index(char) + 1
        assert f" at column {column}, " in problem


def test_every_hidden_character_as_it_is_in_every_one_line_field_is_named_at_its_column():
    # Every pair, not a sample: PyYAML counts no column for U+FEFF, which a sample found once.
    for name, template, path, around in SINGLE_LINE_FIELDS:
        for char in INVISIBLE:
            value = around.format("ab" + char + "cd")
            text = template.replace("VALUE", value)
            line = line_with(text, value)
            column = text.splitlines()[line - 1].index(char) + 1
            problems = [p for p in file_problems({name: text}) if p.startswith(f"events/{name}:{line}: {path}: has U+")]
            assert len(problems) == 1 and f" at column {column}, " in problems[0], (name, path, hex(ord(char)), problems)


@pytest.mark.parametrize("text", ["Family day 👨\u200d👩\u200d👧", "Thumbs 👍🏽\u200d", "می\u200cخواهم", "क्\u200dष",
                                  "हिन्दी\u200c"], ids=["emoji", "emoji-end", "persian", "devanagari", "end"])
def test_joiners_where_a_script_or_an_emoji_needs_them_are_kept(text):
    problems = file_problems({"taster.yml": T.replace("Action planning for councillors", yaml_escaped(text))})
    if text.endswith(("\u200d", "\u200c")):  # joining nothing
        assert len(problems) == 1 and "ZERO WIDTH" in problems[0]
    else:
        assert problems == []


@MANY
@given(where=st.sampled_from([f for f in SINGLE_LINE_FIELDS if f[3] == "{}" and f[2] != "dates_to_be_confirmed"]),
       spaces=st.text(" \u00a0\u2003\u3000\t", min_size=1, max_size=6))
def test_text_of_spaces_in_quotes_is_refused_as_empty(where, spaces):
    name, template, path, _ = where
    text = template.replace("VALUE", json.dumps(spaces))
    problems = file_problems({name: text})
    line = line_with(text, json.dumps(spaces))
    assert f"events/{name}:{line}: {path}: is empty (only spaces); expected text, or leave the field out" in problems


@MANY
@given(char=st.sampled_from("".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)])),
       lines_before=st.integers(0, 3))
def test_a_control_character_in_the_body_is_refused_at_its_line(char, lines_before):
    body = "".join(f"Line {n}.\\n" for n in range(lines_before)) + f"Then this\\u{ord(char):04x} one."
    text = T + f'body: "{body}"\n'
    problems = file_problems({"taster.yml": text})
    assert problems == [f"events/taster.yml:{line_with(text, 'body:')}: body: has an invisible control character "
                        f"(U+{ord(char):04X}); remove it"]


@pytest.mark.parametrize("body", ["Tabs\tand\nnew lines\n\nare fine.",
                                  "Emoji 👨\u200d👩\u200d👧 and مرحبا\u200f too."])
def test_tabs_new_lines_and_marks_in_the_body_are_kept(body):
    text = T + "body: |\n" + "".join(f"  {line}\n" for line in body.splitlines())
    assert file_problems({"taster.yml": text}) == []


COLOURS = ("primary", "accent", "text_on_primary", "text")


@MANY
@given(key=st.sampled_from(COLOURS), colour=st.from_regex(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", fullmatch=True),
       gap=st.sampled_from([" ", "  ", "   "]), tail=st.sampled_from(["", "  # the header", " "]))
def test_a_colour_without_quotes_is_reported_not_silently_dropped(key, colour, gap, tail):
    config = f"site_name: x\nextra:\n  events:\n    brand:\n      colours:\n        {key}:{gap}{colour}{tail}\n"
    with tempfile.TemporaryDirectory() as scratch:
        problems = checked(small_site(Path(scratch), config=config))
    assert problems == [f"mkdocs.yml:6: extra.events.brand.colours.{key}: is empty: YAML reads {colour} as a "
                        f'comment, as it starts with #; expected the colour in quotes, {key}: "{colour}"']


@pytest.mark.parametrize("line", ['primary: "#1d4f91"', "primary:  # set by the theme", "primary:",
                                  "primary: #not-a-colour"])
def test_quoted_colours_and_real_comments_are_not_reported(tmp_path, line):
    config = f"site_name: x\nextra:\n  events:\n    brand:\n      colours:\n        {line}\n"
    assert checked(small_site(tmp_path, config=config)) == []


# --- messages ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("field, closed_later", [("title", False), ("title", True), ("summary", False),
                                                 ("summary", True)])
def test_an_unclosed_quote_is_reported_where_it_opened(quote, field, closed_later):
    text = re.sub(rf"^{field}: (.*)$", rf"{field}: {quote}\1", T, count=1, flags=re.M)
    if closed_later:  # a later value in quotes closes it, many lines on
        text += f"places: 8\nbooking:\n  email: b@example.org\n  note: {quote}Ring first{quote}\n"
    (problem,) = file_problems({"taster.yml": text})
    assert problem == (f"events/taster.yml:{line_with(text, field + ':')}: YAML syntax error: a quote opened on this "
                       "line is not closed where its text ends, so what follows is read as part of it; close the "
                       "quote, or remove it")


def test_a_quoted_text_over_several_lines_is_still_read():
    text = T.replace("summary: A free half-day taster session.",
                                  'summary: "A free half-day\n  taster session."')
    assert file_problems({"taster.yml": text}) == []


@pytest.mark.parametrize("target, refused", [
    ("../../mkdocs.yml", True), ("../../../etc/passwd", True), ("../%2e%2e/mkdocs.yml", True),
    ("../guide/errors.md", False), ("other-event.md", False), ("../", False), ("#booking", False),
    ("https://example.org/", False), ("/events/", False), ("mailto:a@example.org", False),
])
@pytest.mark.parametrize("style", ["inline", "image", "reference"])
def test_a_body_link_out_of_docs_is_refused_at_its_line(target, refused, style):
    link = {"inline": f"See [the page]({target}).", "image": f"See ![a plan]({target}).",
            "reference": f"See [the page][p].\n  \n  [p]: {target}"}[style]
    text = T + f"body: |\n  A first paragraph.\n\n  {link}\n"
    problems = [p for p in file_problems({"taster.yml": text}) if "outside docs/" in p]
    if refused:
        line = line_with(text, f"]: {target}" if style == "reference" else "See ")
        assert problems == [f"events/taster.yml:{line}: body: links to {target!r}, outside docs/ (the files the "
                            "site publishes); expected the address of a page or file of this site, such as "
                            "../guide/authoring.md, or a web address starting https://"]
    else:
        assert problems == []


@pytest.mark.parametrize("logo, expected", [
    ("images/logo.png", None),
    ("images/missing.png", "'images/missing.png' is not a file in docs/; expected its path inside it"),
    ("../mkdocs.yml", "'../mkdocs.yml' is not a path inside docs/"),
    ("https://example.org/logo.png", "'https://example.org/logo.png' is a web address"),
    ("images/.hidden/logo.png", "'images/.hidden/logo.png' is not a file in docs/"),
    ('"   "', "is empty (only spaces)"),
])
def test_check_and_build_judge_a_logo_alike(tmp_path, logo, expected):
    # The build read the logo only when writing pages, and refused what make check let through.
    root = small_site(tmp_path, config=f"site_name: x\nextra:\n  events:\n    brand:\n      logo: {logo}\n")
    (root / "docs" / "images" / ".hidden").mkdir(parents=True)
    for name in ("logo.png", ".hidden/logo.png"):
        (root / "docs" / "images" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    problems = checked(root)
    if expected is None:
        assert problems == []
    else:
        (problem,) = problems
        assert problem.startswith("mkdocs.yml:5: extra.events.brand.logo: ") and expected in problem


def test_a_bad_setting_is_not_reported_again_against_event_files(tmp_path):
    root = small_site(tmp_path, {"other.yml": TASTER},
                      config="site_name: x\nextra:\n  events:\n    timezone: Europe/Londn\n")
    assert checked(root) == ["mkdocs.yml:4: extra.events.timezone: 'Europe/Londn' is not a known time zone; "
                             "expected a name such as Europe/London"]


@pytest.mark.parametrize("start", [
    "---\n  title: Hijacked\n  template: withdrawn.html\n  hide: []\n  ---\n",  # YAML front matter
    "Title: Hijacked\n  Template: withdrawn.html\n",                             # MultiMarkdown meta-data
], ids=["front-matter", "meta-data"])
def test_a_body_that_starts_like_page_settings_is_text_not_settings(tmp_path, start):
    # An event page's settings (title, template, hidden sidebars) are the build's, set beside the
    # body: a body written like MkDocs' page settings is not read as them (nor can it pick a template).
    from bs4 import BeautifulSoup

    site = copy_project(tmp_path / "site")
    event = site / "events" / "action-planning-for-councillors.yml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("body: |\n  ", "body: |\n  " + start + "\n  ", 1), encoding="utf-8")
    built = run_build(site, EVENTS_PDF="no")
    assert built.returncode == 0, built.stdout
    page = BeautifulSoup((site / "site" / "events" / "action-planning-for-councillors" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text().startswith("Action planning for councillors using action learning")
    assert page.h1.get_text(" ", strip=True).startswith("Action planning for councillors")
    assert "has been withdrawn" not in page.get_text()  # withdrawn.html's words
    assert page.select_one(".calendar-links") is not None  # the event template, not another
    assert "Hijacked" in page.select_one("article").get_text()  # shown as the text it is
