"""Read an author's YAML file into composed nodes that keep line numbers and original text.

Values are never taken from PyYAML's own conversion: it reads ``01664502637`` as an octal
number, ``no`` as false and ``2014-02-30`` as a bare ValueError. ``validate`` converts the
original text itself. Files that cannot be reasonable are refused before parsing.
"""

from __future__ import annotations

import re
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

try:  # libyaml, when PyYAML was built with it (the wheels are): about 10 times faster
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    CParser = None

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


if CParser is not None:
    class _FastComposer(CParser, SafeConstructor, Resolver):
        """libyaml's composer: the same nodes, lines and values as the pure-Python one."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

_DECLINED = object()
# A "!" where a YAML tag could start; an explicit "? key" or ": value"; "|#" (no space).
_UNUSUAL = re.compile(r"(?:^|[\s\[{,])!|^[ \-]*[?:](?: |$)| \?(?: |$)|[|>][-+0-9]*#", re.M)


def _as_pure_python(root: yaml.Node) -> bool:
    """Make libyaml's tree what the pure-Python composer gives (a plain scalar's style is None,
    not '', and so is an indentless sequence's flow_style, not False); False if a node is
    reached twice, which is what an alias composes to, or a key is not a scalar."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return False
                if (isinstance(value, yaml.SequenceNode) and value.flow_style is False
                        and value.start_mark.column == key.start_mark.column):
                    value.flow_style = None  # "key:" with its "- " items right below it
                stack += (key, value)
        else:
            stack.extend(node.value)
    return True


def _flow_differs(root: yaml.Node, text: str) -> bool:
    """Whether a [...] or {...} holds what PyYAML and libyaml read differently: a '?' (PyYAML
    ends a plain scalar there) or an empty value (they place it on different lines)."""
    lines, stack = None, [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if node.flow_style:
            if "?" in text:
                lines = lines or text.splitlines()
                if any("?" in line for line in lines[node.start_mark.line:node.end_mark.line + 1]):
                    return True
            inner = [node]
            while inner:
                part = inner.pop()
                if isinstance(part, yaml.ScalarNode):
                    if part.value == "" and part.style is None:
                        return True
                elif isinstance(part, yaml.SequenceNode):
                    inner.extend(part.value)
                else:
                    inner.extend(n for pair in part.value for n in pair)
            continue
        stack.extend(node.value if isinstance(node, yaml.SequenceNode)
                     else (n for pair in node.value for n in pair))
    return False


def _compose_fast(text: str):
    """The node tree from libyaml, or ``_DECLINED`` for anything but a clean file without
    aliases: those go through the pure-Python composer, which words the problem and its line.
    Text where the two are known to differ is declined too: tabs (PyYAML refuses them in
    places libyaml accepts), a byte-order mark inside the text, no newline at the end, a tag
    (``!name``), an explicit key (``? key``), a key that is a list or mapping, ``|#``, and in a
    flow collection a '?' or an empty value."""
    if (CParser is None or "\t" in text or "\ufeff" in text or not text.endswith("\n")
            or _UNUSUAL.search(text)):
        return _DECLINED
    loader = _FastComposer(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return _DECLINED
    finally:
        loader.dispose()
    if node is None:
        return None
    if not _as_pure_python(node):
        return _DECLINED
    if ("[" in text or "{" in text) and _flow_differs(node, text):
        return _DECLINED
    return node


def compose(text: str, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose YAML text into a node tree, or report the syntax problem with its line."""
    unprintable = Reader.NON_PRINTABLE.search(text)  # PyYAML refuses these before parsing
    if unprintable:
        line = text.count("\n", 0, unprintable.start()) + 1
        return None, [Problem(name, line, "", f"has an invisible control character "
                                              f"(U+{ord(unprintable.group()):04X}); delete it and retype "
                                              "the text around it (it often comes from pasting)")]
    node = _compose_fast(text)
    if node is not _DECLINED:
        return node, []
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
