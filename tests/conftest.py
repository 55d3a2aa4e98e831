"""Shared helpers: small event folders written into tmp_path, and real builds of a copy of the site.

The pure stages are tested from YAML text an author could have written, so every test goes
through the same reading and checking as a real build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from eventsite.model.model import Catalogue, Event
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
EXPLAINERS = frozenset({"what-is-action-learning"})

_THIS_MODULE = sys.modules[__name__]


def pytest_collectstart(collector):
    """Keep ``from conftest import ...`` meaning this file for the test modules beside it.

    pytest imports every conftest.py outside a package under the one name ``conftest``, so once
    tests/browser/conftest.py is loaded it would take that name; re-point it before each module
    here is imported.
    """
    if isinstance(collector, pytest.Module) and collector.path.parent == HERE:
        sys.modules["conftest"] = _THIS_MODULE


ORGANISERS = """\
    emc:
      name: East Midlands Councils
      email: events@example.org
      phone: 01664502637
    """

VENUES = """\
    melton:
      name: Pera Business Park
      address: [Nottingham Road, Melton Mowbray]
      postcode: LE13 0PB
    derby:
      name: Council House
      address: [Corporation Street, Derby]
      postcode: DE1 2FS
    """

TESTIMONIALS = """\
    brave:
      quote: It made me brave enough to face my own situation.
      by: A councillor who took part
      tags: [action-learning]
    useful:
      quote: Extremely useful.
      by: A participant
    """

# The smallest valid event; tests add or replace lines.
TASTER = """\
    title: Action planning for councillors
    summary: A free half-day taster session.
    organiser: emc
    sessions:
      - id: taster
        start: 2014-12-11 10:00
        end: 13:00
        venue: melton
    """


def node_shape(node: yaml.Node | None):
    """Everything about a composed node tree that validation reads: kinds, tags, values, styles
    and marks, as nested tuples that compare equal when two trees are the same."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, marks, [node_shape(item) for item in node.value])
    return ("map", node.tag, node.flow_style, marks, [(node_shape(k), node_shape(v)) for k, v in node.value])


def joined(*parts: str) -> str:
    """YAML text from dedented parts: ``joined(TASTER, "places: 8")``."""
    return "".join(dedent(part).rstrip(" ") for part in parts)


def write_folder(root: Path, files: dict[str, str], *, shared: bool = True) -> Path:
    """An ``events/`` folder under ``root`` holding ``files`` (dedented), plus the shared files."""
    folder = root / "events"
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"_organisers.yml": ORGANISERS, "_venues.yml": VENUES,
                "_testimonials.yml": TESTIMONIALS} if shared else {}
    contents.update(files)
    for name, text in contents.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    return folder


def problems_in(folder: Path, explainers=EXPLAINERS) -> list[str]:
    """Every problem ``load_catalogue`` reports for ``folder``, as the lines an author reads."""
    with pytest.raises(InvalidSources) as info:
        load_catalogue(folder, explainers)
    return [str(p) for p in info.value.problems]


def load_folder(root: Path, files: dict[str, str]) -> Catalogue:
    return load_catalogue(write_folder(root, files), EXPLAINERS)


def load_event(root: Path, text: str, slug: str = "taster") -> Event:
    """The one event read from ``text`` (dedented), checked as a build would."""
    catalogue = load_folder(root, {f"{slug}.yml": text})
    (event,) = catalogue.events
    return event


# --- real builds -------------------------------------------------------------------------------

PROJECT_PARTS = ("mkdocs.yml", "docs", "events", "hooks", "overrides")


def copy_project(dest: Path, origin: Path = ROOT) -> Path:
    """A copy of the site's sources in ``origin`` (not its venv, tests or output) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = origin / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def build_env(**extra: str) -> dict[str, str]:
    """The environment for a build in a child process.

    SOURCE_DATE_EPOCH and EVENTS_TODAY are removed so that a build sees only what a test sets:
    the hook pins SOURCE_DATE_EPOCH itself, and a value left over from elsewhere would hide
    whether it does. Builds run in child processes, so nothing they set reaches this process.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def settings_inherited(project: Path) -> Path:
    """Move the project's ``extra:`` settings out of mkdocs.yml into base.yml, which mkdocs.yml
    then names with ``INHERIT``, as a site sharing one base configuration does; base.yml's path."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    block = config[config.index("extra:\n"):config.index("\nnav:")]
    (project / "base.yml").write_text(block + "\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n" + config.replace(block, ""), encoding="utf-8")
    return project / "base.yml"


def run_build(project: Path, *args: str, tool: str = "mkdocs", **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` (or ProperDocs) in ``project``; the result, not checked."""
    command = [str(BIN / tool), "build", "--strict", "-f", "mkdocs.yml", *args]
    return subprocess.run(command, cwd=project, env=build_env(**env), capture_output=True, text=True,
                          timeout=300)


def build_ok(project: Path, *args: str, tool: str = "mkdocs", **env: str) -> subprocess.CompletedProcess:
    result = run_build(project, *args, tool=tool, **env)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return result
