"""A site's sources checked without MkDocs: settings from mkdocs.yml, events, explainers, pages.

``make check`` runs this instead of a build, so it imports nothing from MkDocs (a build takes
seconds; this takes a fraction of one) and reports the same ``file:line: field: message`` lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from . import drafts, explainers, retired, statement, testimonials, when
from .load import read_text
from .problems import InvalidSources, Problem
from .validate import load_catalogue

CONFIG_FILE = "mkdocs.yml"


@dataclass
class Settings:
    """What the event hooks read from mkdocs.yml, with the line each came from."""

    root: Path
    config_name: str = CONFIG_FILE
    docs_dir: str = "docs"
    folder: str = "events"
    timezone: str = "Europe/London"
    today: str | None = None
    lines: dict = field(default_factory=dict)  # "extra.events.timezone" -> line
    accessibility: yaml.Node | None = None  # extra.events.accessibility, read by statement.py

    @property
    def events_path(self) -> Path:
        return self.root / self.folder

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def _value(node: yaml.Node) -> str | None:
    """A scalar's text; ``!ENV [NAME, default]`` and ``!ENV NAME`` read the environment as MkDocs does."""
    if node.tag == "!ENV":
        names = [n.value for n in node.value] if isinstance(node, yaml.SequenceNode) else [node.value]
        *variables, default = names if len(names) > 1 else (names + [None])
        return next((os.environ[v] for v in variables if v in os.environ), default)
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" and node.value not in ("", "~", "null"):
        return node.value
    return None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def read_settings(root: Path, config_name: str = CONFIG_FILE) -> tuple[Settings, list[Problem]]:
    """The settings in ``root/mkdocs.yml``.

    The file is only composed, never constructed: composing keeps lines and does not care about
    tags MkDocs configurations use (``!!python/name:...``, ``!ENV``, ``!relative``).
    """
    settings = Settings(root=root, config_name=config_name)
    text, problems = read_text(root / config_name, config_name)
    if text is None:
        return settings, problems
    try:
        top = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return settings, [Problem(config_name, mark.line + 1 if mark else 1, "",
                                  f"YAML syntax error: {getattr(exc, 'problem', None) or exc}")]
    events = _child(_child(top, "extra"), "events")
    settings.accessibility = _child(events, "accessibility")
    wanted = {"docs_dir": _child(top, "docs_dir"), "extra.events.folder": _child(events, "folder"),
              "extra.events.timezone": _child(events, "timezone"), "extra.events.today": _child(events, "today")}
    for key, node in wanted.items():
        if node is None:
            continue
        settings.lines[key] = node.start_mark.line + 1
        value = _value(node)
        if value is not None:
            setattr(settings, key.rsplit(".", 1)[-1], value)
    return settings, problems


def _check_settings(settings: Settings) -> list[Problem]:
    problems = []
    name = settings.config_name
    try:
        ZoneInfo(settings.timezone)
        if "/" not in settings.timezone and settings.timezone != "UTC":
            raise ZoneInfoNotFoundError(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(name, settings.line_of("extra.events.timezone"), "extra.events.timezone",
                                f"{settings.timezone!r} is not a known time zone; expected a name "
                                "such as Europe/London"))
    try:
        when.today(settings.today)
    except when.BadToday as exc:
        variable = when.TODAY_VARIABLE
        where = f"the environment variable {variable}" if os.environ.get(variable) else None
        problems.append(Problem(name, settings.line_of("extra.events.today"), "extra.events.today",
                                f"{exc}" + (f" (it comes from {where})" if where else "")))
    if not settings.events_path.is_dir():
        problems.append(Problem(name, settings.line_of("extra.events.folder"), "extra.events.folder",
                                f"{settings.folder!r} is not a folder next to {name}; expected the "
                                "folder that holds the event files, e.g. events"))
    return problems


def _bad_today(settings: Settings) -> bool:
    try:
        when.today(settings.today)
    except when.BadToday:
        return True
    return False


def explainer_ids(docs: Path) -> set[str]:
    """Explainer pages as the build finds them: ``docs/explainers/NAME.md``."""
    folder = docs / explainers.FOLDER
    return {eid for p in folder.glob("*.md") if (eid := explainers.explainer_id(f"{explainers.FOLDER}{p.name}"))}


def site_files(docs: Path) -> frozenset[str]:
    """Every file MkDocs would publish from ``docs``, docs-relative (images are checked against it)."""
    if not docs.is_dir():
        return frozenset()
    return frozenset(p.relative_to(docs).as_posix() for p in docs.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts))


def _markdown_pages(docs: Path) -> list[Path]:
    # MkDocs leaves out files and folders whose names start with a dot.
    return sorted(p for p in docs.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(docs).parts))


def check(root: Path, config_name: str = CONFIG_FILE) -> tuple[object | None, list[Problem]]:
    """(the catalogue or None, every problem) for the site whose mkdocs.yml is in ``root``."""
    settings, problems = read_settings(root, config_name)
    problems += _check_settings(settings)
    if not settings.events_path.is_dir():
        return None, sorted(set(problems))
    catalogue = None
    docs = settings.docs_path
    try:
        catalogue = load_catalogue(settings.events_path, explainer_ids(docs), settings.timezone,
                                   site_files(docs))
    except InvalidSources as exc:
        problems += exc.problems
    problems += statement.read_statement(settings.accessibility, config_name)[1]
    if catalogue is not None and not _bad_today(settings) and settings.events_path.resolve().is_relative_to(root.resolve()):
        # As the build does: an event file deleted while its sessions are still to come is refused,
        # and so is one made a draft (drafts are not published).
        folder = settings.events_path.resolve().relative_to(root.resolve()).as_posix()
        problems += retired.refused_deletions(retired.deleted_since_last_commit(root, folder),
                                              when.today(settings.today))
        problems += retired.refused_unpublishing(root, folder, drafts.draft_sources(catalogue),
                                                 when.today(settings.today))
    if catalogue is not None:  # markers can only be checked against testimonials that loaded
        for page in _markdown_pages(docs):
            # Markers are ASCII; a page's other text is MkDocs' business, so decoding never fails here.
            text = page.read_text(encoding="utf-8-sig", errors="replace")
            _, found = testimonials.place_blocks(text, f"{docs.name}/{page.relative_to(docs).as_posix()}",
                                                 catalogue.testimonials, lambda chosen: "")
            problems += found
    return catalogue, sorted(set(problems))
