"""Read an author's YAML file into composed nodes that keep line numbers and original text.

Values are never taken from PyYAML's own conversion: it reads ``01664502637`` as an octal
number, ``no`` as false and ``2014-02-30`` as a bare ValueError. ``validate`` converts the
original text itself. Files that cannot be reasonable are refused before parsing.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import Problem

MAX_BYTES = 1_000_000


class _AliasRefused(yaml.YAMLError):
    def __init__(self, line: int):
        self.line = line


class _NoAliasLoader(Reader, Scanner, Parser, Composer, SafeConstructor, Resolver):
    """A safe composer that refuses aliases (``*name``): they can expand exponentially."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it being read (too big, not UTF-8)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(name, 1, "", f"cannot be read ({exc.strerror})")]
    if size > MAX_BYTES:
        return None, [Problem(name, 1, "", f"file is {size:,} bytes; an event file must be under "
                                           f"{MAX_BYTES:,} bytes. Split it or remove pasted content")]
    raw = path.read_bytes()
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is accepted and dropped.
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "", "this file is not UTF-8 text; save it as UTF-8 "
                                              "(in most editors: Save As, Encoding: UTF-8)")]


def compose(text: str, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose YAML text into a node tree, or report the syntax problem with its line."""
    unprintable = Reader.NON_PRINTABLE.search(text)  # PyYAML refuses these before parsing
    if unprintable:
        line = text.count("\n", 0, unprintable.start()) + 1
        return None, [Problem(name, line, "", f"has an invisible control character "
                                              f"(U+{ord(unprintable.group()):04X}); delete it and retype "
                                              "the text around it (it often comes from pasting)")]
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_node(), []
    except _AliasRefused as exc:
        return None, [Problem(name, exc.line, "", "YAML aliases (*name) are not allowed; "
                                                  "write the value out in full")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "not valid YAML"
        lines = text.splitlines()
        tabbed = 0 < line <= len(lines) and "\t" in lines[line - 1]
        hint = "; indent with spaces, not tabs" if tabbed else ""
        return None, [Problem(name, line, "", f"YAML syntax error: {what}{hint}. Check the "
                                              "indentation and that text containing ': ' or "
                                              "'#' is in quotes")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()


def read_yaml(path: Path, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Read and compose one file; ``name`` is how errors refer to it (``events/x.yml``)."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return compose(text, name)
