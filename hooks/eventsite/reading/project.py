"""A site's sources checked without MkDocs: settings from mkdocs.yml, events, explainers, pages.

``make check`` runs this instead of a build, so it imports nothing from MkDocs (a build takes
seconds; this takes a fraction of one) and reports the same ``file:line: field: message`` lines.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ..editor import config as editor_config
from ..model import when
from ..outputs import explainers, palette, statement, testimonials
from . import clashes, drafts, images, retired, sanitise, schema
from .fields import Checker, SiteFile, Text
from .load import escaping_link, nesting_problem, read_text, refused_path
from .problems import InvalidSources, Problem
from .validate import load_catalogue

CONFIG_FILE = "mkdocs.yml"


@dataclass
class Settings:
    """What the event hooks read from mkdocs.yml (``extra: events:``), with the line each came from."""

    root: Path
    config_name: str = CONFIG_FILE
    docs_dir: str = "docs"
    folder: str = "events"
    timezone: str = "Europe/London"
    today: str | None = None
    uid_domain: str | None = None
    notice: str | None = None
    pdf: bool = True
    authors_guide: bool = False  # the authors' guide in the site (eventsite.outputs.navigation)
    feed_keep_past_days: int = 30
    feed_refresh_hours: int = 12
    lines: dict = field(default_factory=dict)  # "extra.events.timezone" -> line
    files: dict = field(default_factory=dict)  # "extra.events.timezone" -> the file that set it
    chain: tuple = ()  # mkdocs.yml and the files it INHERITs from, as paths from root
    accessibility: yaml.Node | None = None  # extra.events.accessibility, read by statement.py
    brand: yaml.Node | None = None  # extra.events.brand, read by palette.py
    editor: dict | None = None  # extra.events.editor: the web editor's repository (editor_config)
    # markdown_extensions: (names, each one's settings), as MkDocs reads them, for author text's
    # sanitising check (sanitise.AuthorMarkdown)
    markdown_extensions: tuple = ((), {})

    @property
    def events_path(self) -> Path:
        return self.root / self.folder

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def file_of(self, key: str) -> str:
        """The file that set ``key``: mkdocs.yml, or a file it INHERITs from."""
        return self.files.get(key, self.config_name)


SETTING = "extra.events"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


def _value(node: yaml.Node) -> str | None:
    """A scalar's text; ``!ENV [NAME, default]`` and ``!ENV NAME`` read the environment as MkDocs does."""
    if node.tag == "!ENV":
        names = ([n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
                 if isinstance(node, yaml.SequenceNode) else [node.value])
        *variables, default = names if len(names) > 1 else (names + [None])
        return next((os.environ[v] for v in variables if isinstance(v, str) and v in os.environ), default)
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL and node.value not in ("", "~", "null"):
        return node.value
    return None


def _resolved(node: yaml.Node) -> yaml.Node | None:
    """The node with every ``!ENV`` value read from the environment (None: the value is unset,
    as MkDocs leaves it) and every null (``~``, ``null``, nothing) left out, so that the schema
    reads settings as MkDocs gives them to the build."""
    if node.tag == "!ENV" or isinstance(node, yaml.ScalarNode):
        value = _value(node)
        if value is None:
            return None
        return yaml.ScalarNode(_STR, value, node.start_mark, node.end_mark, "" if node.tag == "!ENV" else node.style)
    if isinstance(node, yaml.SequenceNode):
        items = [item for item in map(_resolved, node.value) if item is not None]
        return yaml.SequenceNode(node.tag, items, node.start_mark, node.end_mark, node.flow_style)
    pairs = []
    for key, value in node.value:
        value = _resolved(value)
        if value is not None:
            pairs.append((key, value))
    return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _config_chain(root: Path, config_name: str) -> tuple[list[tuple[str, yaml.Node]], list[Problem]]:
    """mkdocs.yml and the files it names with ``INHERIT``, each composed, the furthest parent
    first; each file's name is its path from ``root``, as problems name it."""
    chain, problems = [], []
    path, name, seen = root / config_name, config_name, set()
    while True:
        text, found = read_text(path, name)
        if text is None:
            problems += found
            break
        too_deep = nesting_problem(text, name)  # PyYAML's composer would recurse until Python stops it
        if too_deep is not None:
            problems.append(too_deep)
            break
        try:
            top = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Problem(name, mark.line + 1 if mark else 1, "",
                                    f"YAML syntax error: {getattr(exc, 'problem', None) or exc}"))
            break
        chain.append((name, top))
        seen.add(path.resolve())
        parent = _child(top, "INHERIT")
        value = None if parent is None else _value(parent)
        if value is None:
            break
        path = path.parent / value
        line = parent.start_mark.line + 1
        if not path.is_file() or path.resolve() in seen:
            why = "names a file this one inherits from already" if path.is_file() else "is not a file"
            problems.append(Problem(name, line, "INHERIT", f"{value!r} {why}; expected the path, from "
                                                          f"{name}, of the configuration it builds on"))
            break
        name = Path(os.path.relpath(path, root)).as_posix()
    return chain[::-1], problems


def _merged(base: yaml.Node, over: yaml.Node) -> yaml.Node:
    """``over`` on top of ``base`` as MkDocs merges an inherited configuration: mappings key by
    key, all the way down; anything else replaced whole."""
    if not (isinstance(base, yaml.MappingNode) and isinstance(over, yaml.MappingNode)):
        return over
    pairs = {key.value: (key, value) for key, value in base.value if isinstance(key, yaml.ScalarNode)}
    for key, value in over.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else id(key)
        pairs[name] = (key, _merged(pairs[name][1], value) if name in pairs else value)
    return yaml.MappingNode(over.tag, list(pairs.values()), over.start_mark, over.end_mark, over.flow_style)


def read_settings(root: Path, config_name: str = CONFIG_FILE) -> tuple[Settings, list[Problem]]:
    """The settings in ``root/mkdocs.yml`` (and any file it INHERITs from), and every problem
    in their form (schema.SETTINGS): unknown names, text where a number belongs, a list where
    text belongs, each with its file and line.

    The files are only composed, never constructed: composing keeps lines and does not care
    about tags MkDocs configurations use (``!!python/name:...``, ``!ENV``, ``!relative``).
    """
    settings = Settings(root=root, config_name=config_name)
    chain, problems = _config_chain(root, config_name)
    settings.chain = tuple(name for name, _ in chain)
    for name, top in chain:  # the furthest parent first: each file overrides what it inherits
        docs_dir = _child(top, "docs_dir")
        if docs_dir is not None and _value(docs_dir) is not None:
            settings.docs_dir = _value(docs_dir)
        extensions = _child(top, "markdown_extensions")
        if extensions is not None:
            settings.lines["markdown_extensions"] = next(k.start_mark.line + 1 for k, v in top.value if v is extensions)
            settings.files["markdown_extensions"] = name
            settings.markdown_extensions = _extensions(extensions)
        events = _child(_child(top, "extra"), "events")
        problems += _colours_read_as_comments(root / name, name, events)
        events = None if events is None else _resolved(events)
        if events is None:
            continue
        check = Checker(name)
        record = schema.SETTINGS.read(events, SETTING, check)
        problems += check.problems
        if record is None:
            continue
        for key, value in record.items():
            inherited = getattr(settings, key)
            if isinstance(inherited, yaml.Node):  # brand:, accessibility:
                value = _merged(inherited, value)
            setattr(settings, key, value)
            settings.lines[f"{SETTING}.{key}"] = record.line_of(key)
            settings.files[f"{SETTING}.{key}"] = name
    return settings, problems


class _ConfigLoader(yaml.SafeLoader):
    """Constructs an extension's settings as MkDocs' loader does, for the tags those use."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: _named(suffix))
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _value(node))  # !ENV, !relative


def _named(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _extensions(node: yaml.Node) -> tuple[tuple[str, ...], dict]:
    """``markdown_extensions:`` as MkDocs reads it: a list of names or ``{name: settings}``, or one
    mapping of names to settings."""
    loader = _ConfigLoader("")
    try:
        value = loader.construct_document(node)
    except (yaml.YAMLError, ImportError, AttributeError, ValueError):
        return (), {}  # MkDocs itself reports what it cannot load
    finally:
        loader.dispose()
    items = [{k: v} for k, v in value.items()] if isinstance(value, dict) else value
    names, configs = [], {}
    for item in items if isinstance(items, list) else ():
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            (name, config), = item.items()
            names.append(name)
            if isinstance(config, dict):
                configs[name] = config
    return tuple(names), configs


def markdown_renderer(settings: Settings) -> tuple[sanitise.AuthorMarkdown, list[Problem]]:
    """How the site renders author Markdown, from its mkdocs.yml; an extension that cannot be
    loaded is reported at ``markdown_extensions:`` (the check then uses MkDocs' own extensions)."""
    renderer = sanitise.AuthorMarkdown(*settings.markdown_extensions)
    try:
        renderer.rendered("")
    except Exception as exc:  # Python-Markdown raises whatever an extension's import raises
        return sanitise.DEFAULT, [Problem(settings.file_of("markdown_extensions"),
                                          settings.lines.get("markdown_extensions", 1), "markdown_extensions",
                                          f"cannot be loaded ({exc}); install the extension, or correct its name")]
    return renderer, []


_COMMENTED_COLOUR = re.compile(r"\s*:\s+(#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))(?=\s|$)")


def _colours_read_as_comments(path: Path, name: str, events: yaml.Node | None) -> list[Problem]:
    """A problem for each empty setting whose line goes on with a colour: ``primary: #1d4f91``,
    unquoted, is ``primary:`` and a comment, and the colour would be silently left out."""
    empty, stack = [], [("", events)]
    while stack:
        path_, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    where = f"{path_}.{key.value}" if path_ else key.value
                    if isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style:
                        empty.append((where, key))
                    else:
                        stack.append((where, value))
    if not empty:
        return []
    lines = read_text(path, name)[0].splitlines()
    problems = []
    for where, key in empty:
        found = _COMMENTED_COLOUR.match(lines[key.end_mark.line], key.end_mark.column)
        if found:
            problems.append(Problem(name, key.start_mark.line + 1, f"{SETTING}.{where}",
                                    f"is empty: YAML reads {found.group(1)} as a comment, as it starts with #; "
                                    f"expected the colour in quotes, {key.value}: \"{found.group(1)}\""))
    return problems


def check_settings(settings: Settings) -> list[Problem]:
    """What the settings' form cannot say: a zone or date that does not exist, a folder that is
    not there, a UID domain that is not a domain, the brand's colours and contrast."""
    problems = []

    def problem_at(key: str, message: str, field_: str | None = None) -> Problem:
        key = f"{SETTING}.{key}"
        return Problem(settings.file_of(key), settings.line_of(key), key if field_ is None else field_, message)

    try:
        ZoneInfo(settings.timezone)
        if "/" not in settings.timezone and settings.timezone != "UTC":
            raise ZoneInfoNotFoundError(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(problem_at("timezone", f"{settings.timezone!r} is not a known time zone; expected "
                                               "a name such as Europe/London"))
    try:
        when.today(settings.today)
    except when.BadToday as exc:
        variable = when.TODAY_VARIABLE
        where = f"the environment variable {variable}" if os.environ.get(variable) else None
        problems.append(problem_at("today", f"{exc}" + (f" (it comes from {where})" if where else "")))
    if not settings.events_path.is_dir():
        problems.append(problem_at("folder", f"{settings.folder!r} is not a folder next to "
                                             f"{settings.config_name}; expected the folder that holds the "
                                             "event files, e.g. events"))
    elif not settings.events_path.resolve().is_relative_to(settings.root.resolve()):
        problems.append(problem_at("folder", f"{settings.folder!r} is outside the repository (the folder of "
                                             f"{settings.config_name}); expected a folder inside it, e.g. events"))
    if settings.uid_domain is not None and not _DOMAIN.fullmatch(settings.uid_domain):
        problems.append(problem_at("uid_domain", f"{settings.uid_domain!r} is not a domain name; expected "
                                                 "a name such as events.example.gov.uk, with no https:// "
                                                 "and no path"))
    if settings.brand is not None:
        try:
            palette.read_brand(_plain(settings.brand), f"{SETTING}.brand")
        except palette.BrandError as exc:
            problems += [problem_at("brand", message, "") for message in exc.problems]
        problems += _brand_text(settings)
    repo = editor_config.repo_problem((settings.editor or {}).get("repo"))
    if repo is not None:
        problems.append(Problem(settings.file_of(f"{SETTING}.editor"), settings.editor.lines.get("repo", 1),
                                f"{SETTING}.editor.repo", repo))
    return problems


def _brand_text(settings: Settings) -> list[Problem]:
    """The brand's name, footer and logo read as those fields are everywhere (no invisible
    character, no text of spaces), and the logo a safe image the site publishes from docs/, as
    the build finds it."""
    check = Checker(settings.file_of(f"{SETTING}.brand"))
    where = f"{SETTING}.brand"
    for key, kind in (("name", Text(max_length=150)), ("footer", Text(max_length=500)), ("logo", SiteFile())):
        node = _child(settings.brand, key)
        value = None if node is None or _value(node) is None else kind.read(node, f"{where}.{key}", check)
        if key != "logo" or value is None:
            continue
        docs, name = settings.docs_path, f"{settings.docs_dir}/{value}"
        published = (docs / value).is_file() and not any(part.startswith(".") for part in Path(value).parts)
        refused = refused_path(docs / value, name, settings.root) if os.path.lexists(docs / value) else None
        if refused is not None:
            check.problems.append(refused)
        elif not published:
            check.add(node, f"{where}.logo", f"{value!r} is not a file in {settings.docs_dir}/; expected its path "
                                             "inside it, such as images/logo.svg")
        elif value.lower().endswith(".svg"):
            check.problems += images.svg_problems(docs / value, name, f"the logo in {check.file}")
    return check.problems


_DOMAIN = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                     r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")


def _plain(node: yaml.Node):
    """A node as plain values, every scalar as its text: what palette.read_brand reads."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {_plain(key) if isinstance(key, yaml.ScalarNode) else str(key.value): _plain(value)
            for key, value in node.value}


def brand(settings: Settings):
    """The site's brand (palette.Brand) from checked settings: the site's own look if none is set."""
    return palette.read_brand(None if settings.brand is None else _plain(settings.brand), f"{SETTING}.brand")


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


def site_files(docs: Path, root: Path | None = None) -> frozenset[str]:
    """Every file MkDocs would publish from ``docs``, docs-relative (images are checked against it):
    as MkDocs finds them, through linked folders, and whatever kind of file they are
    (``refused_files`` says which may not be published). A linked folder that leads out of
    ``root`` (by default the folder above ``docs``) is not looked into: it is refused whole."""
    if not docs.is_dir():
        return frozenset()
    root = docs.parent if root is None else root
    found, seen = [], set()
    for folder, folders, names in os.walk(docs, followlinks=True):
        here = Path(folder)
        seen.add(here.resolve())
        kept = []
        for name in folders:  # MkDocs leaves out files and folders whose names start with a dot
            if name.startswith("."):
                continue
            if escaping_link(here / name, name, root) is not None:
                found.append((here / name).relative_to(docs).as_posix())  # refused as it stands
            elif (here / name).resolve() not in seen:  # a link back up is looked into once
                kept.append(name)
        folders[:] = kept
        found += [(here / n).relative_to(docs).as_posix() for n in names if not n.startswith(".")]
    return frozenset(found)


def refused_files(root: Path, docs: Path, names) -> list[Problem]:
    """A problem for each of ``names`` (docs-relative, as ``site_files`` or MkDocs list them) that
    may not be published: a link out of the repository or to nothing, a pipe, a socket. The build
    and make check both refuse them, by name, before anything is read."""
    problems = []
    for name in names:
        refused = refused_path(docs / name, f"{docs.name}/{name}", root)
        if refused is not None:
            problems.append(refused)
    return problems


def _markdown_pages(docs: Path) -> list[Path]:
    # MkDocs leaves out files and folders whose names start with a dot.
    return sorted(p for p in docs.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(docs).parts))


def check(root: Path, config_name: str = CONFIG_FILE) -> tuple[object | None, list[Problem]]:
    """(the catalogue or None, every problem) for the site whose mkdocs.yml is in ``root``."""
    settings, problems = read_settings(root, config_name)
    problems += check_settings(settings)
    problems += statement.read_statement(settings.accessibility, settings.file_of(f"{SETTING}.accessibility"))[1]
    if problems:  # as a build stops at them: whatever follows is read with these settings
        return None, sorted(set(problems))
    catalogue = None
    docs = settings.docs_path
    served = site_files(docs, root)  # one walk of docs/: images are checked against it, and clashes
    problems += refused_files(root, docs, served)
    markdown, found = markdown_renderer(settings)
    problems += found
    try:
        catalogue = load_catalogue(settings.events_path, explainer_ids(docs), settings.timezone, served,
                                   markdown=markdown, root=root)
    except InvalidSources as exc:
        problems += exc.problems
    if catalogue is not None and not _bad_today(settings) and settings.events_path.resolve().is_relative_to(root.resolve()):
        # As the build does: a published event made a draft while its sessions are still to come
        # is refused (drafts are not published).
        folder = settings.events_path.resolve().relative_to(root.resolve()).as_posix()
        problems += retired.refused_unpublishing(root, folder, drafts.draft_sources(catalogue),
                                                 when.today(settings.today))
    if catalogue is not None:
        problems += clashes.clashes(catalogue, served, docs.name)
        problems += images.refused_images(catalogue, docs, root)
    if catalogue is not None:  # markers can only be checked against testimonials that loaded
        refused = {p.file for p in problems}
        for page in _markdown_pages(docs):
            if f"{docs.name}/{page.relative_to(docs).as_posix()}" in refused:  # never opened
                continue
            # Markers are ASCII; a page's other text is MkDocs' business, so decoding never fails here.
            text = page.read_text(encoding="utf-8-sig", errors="replace")
            _, found = testimonials.place_blocks(text, f"{docs.name}/{page.relative_to(docs).as_posix()}",
                                                 catalogue.testimonials, lambda chosen: "")
            problems += found
    return catalogue, sorted(set(problems))
