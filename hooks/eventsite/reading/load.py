"""Read an author's YAML file into composed nodes that keep line numbers and original text.

Values are never taken from PyYAML's own conversion: it reads ``01664502637`` as an octal
number, ``no`` as false and ``2014-02-30`` as a bare ValueError. ``validate`` converts the
original text itself. Files that cannot be reasonable are refused before parsing.

libyaml composes a file when it reads it as PyYAML's pure-Python composer would; anything else
(a problem to word, an alias, text where the two are known to differ) goes the pure-Python
way. Either way every scalar is tagged str, and a plain scalar's style is '' (libyaml's value).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from . import yaml_slips
from .problems import Problem

try:  # libyaml, when PyYAML was built with it (the wheels are): about 10 times faster
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    CParser = None

MAX_BYTES = 1_000_000
# Lists and mappings inside each other. An event file needs about 5 levels; tens of thousands
# (a 50 KB run of "[" or "- ") crash libyaml's composer, which recurses in C, and beyond a few
# hundred PyYAML's, which recurses in Python. Counted from the parser's events, which need no
# recursion, before anything is composed.
MAX_DEPTH = 100


class _AliasRefused(yaml.YAMLError):
    def __init__(self, line: int):
        self.line = line


class _TextResolver:
    """Tags each node by its kind alone: every scalar is text, because ``validate`` reads values
    from their text. PyYAML's own resolver, which guesses int, bool, timestamp and so on from
    each plain scalar, took about a fifth of the time of composing a file with libyaml, and
    nothing read the tags it chose."""

    _TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq",
             MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind, value, implicit):
        return self._TAGS[kind]

    def descend_resolver(self, parent, index):  # no path-based resolvers to track
        pass

    def ascend_resolver(self):
        pass


class _NoAliasLoader(Reader, Scanner, Parser, Composer, _TextResolver):
    """A safe composer that refuses aliases (``*name``): they can expand exponentially."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _not_a_file(mode: int, name: str) -> Problem:
    what = next((words for test, words in _KINDS if test(mode)), "not a regular file")
    return Problem(name, 1, "", f"is {what}, not a file; only regular files are read or published. "
                                "Move it out of the site's folders, or put the file itself in its place")


def refused_path(path: Path, name: str, root: Path) -> Problem | None:
    """Why ``path`` (named ``name`` in problems) must be neither read nor published, or None.

    Only regular files inside the repository (``root``) are: a link is followed, and refused when
    it (or a linked folder on the way to it) leads out of the repository or to nothing; a folder,
    named pipe, socket or device is refused by name. A pipe would hang whoever opened it."""
    problem = escaping_link(path, name, root)
    if problem is not None:
        return problem
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Problem(name, 1, "", f"cannot be read ({exc.strerror})")
    return None if stat.S_ISREG(mode) else _not_a_file(mode, name)


def escaping_link(path: Path, name: str, root: Path) -> Problem | None:
    """The problem with ``path`` when it, or a folder on the way to it from ``root``, is a link
    that leads out of ``root`` or to nothing; None otherwise (what it is is not looked at)."""
    root = Path(os.path.abspath(root))
    path = Path(os.path.abspath(path))
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return Problem(name, 1, "", "is outside the repository (the folder of mkdocs.yml); only files "
                                    "inside it are read or published")
    real_root = None
    for depth in range(1, len(parts) + 1):
        step = root.joinpath(*parts[:depth])
        if not step.is_symlink():
            continue
        # Problems name the link itself: a linked folder once, not each file under it.
        shown = "/".join(name.split("/")[:max(1, name.count("/") + 1 - (len(parts) - depth))])
        target, real_root = step.resolve(), real_root or root.resolve()
        if not target.exists():
            return Problem(shown, 1, "", f"is a link to {os.readlink(step)}, which does not exist; remove "
                                         "the link, or put the file itself in its place")
        if not target.is_relative_to(real_root):
            return Problem(shown, 1, "", f"is a link to {target}, outside the repository; only files inside "
                                         "it are read or published. Put the file itself in its place")
    return None


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it being read (too big, not UTF-8, not a file)."""
    # One open, its size from the open file and the bytes read straight from it: a third of the
    # time of path.stat() and path.read_bytes(), which look the path up twice and build a file object.
    # O_NONBLOCK: opening a named pipe would otherwise wait for a writer for ever; it is refused
    # below, as a folder is, before anything is read.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, [Problem(name, 1, "", f"cannot be read ({exc.strerror})")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [_not_a_file(info.st_mode, name)]
        size = info.st_size
        if size > MAX_BYTES:
            return None, [Problem(name, 1, "", f"file is {size:,} bytes; an event file must be under "
                                               f"{MAX_BYTES:,} bytes. Split it or remove pasted content")]
        chunks = []
        while chunk := os.read(fd, size + 1):  # the whole file in one read, then b"" at its end
            chunks.append(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is accepted and dropped.
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "", "this file is not UTF-8 text; save it as UTF-8 "
                                              "(in most editors: Save As, Encoding: UTF-8)")]


if CParser is not None:
    class _FastComposer(CParser, _TextResolver):
        """libyaml's composer: the same nodes, lines and values as the pure-Python one."""

_DECLINED = object()
# Where the two composers are known to differ, outside flow collections (see _compose_fast). Each
# pattern is searched alone: joined by "|" they defeat the regex engine's search for a first
# character, and took longer than composing the file. Tags are found by _tag_in.
_EXPLICIT_KEY = re.compile(r"\n[ \-]*[?:](?: |\n)")  # "? key" or ": value" opening a line
_QUESTION = re.compile(r" \?(?: |\n)")
_HEADER_COMMENT = re.compile(r"[-+0-9]*#")  # after a "|" or ">": "|#", "|-#", ">2#" and so on


def _tag_in(text: str) -> bool:
    """Whether a "!" stands where YAML reads a tag: at a line start, after white space, [ { or ,."""
    index = text.find("!")
    while index != -1:
        before = text[index - 1] if index else "\n"
        if before.isspace() or before in "[{,":
            return True
        index = text.find("!", index + 1)
    return False


def _comment_after_header(text: str) -> bool:
    """Whether a "|" or ">" is followed by a "#", with only indicators between (``|-#``).

    Only the few "|" and ">" are looked at (a file has one or two), rather than every "#"."""
    for indicator in "|>":
        index = text.find(indicator)
        while index != -1:
            if _HEADER_COMMENT.match(text, index + 1):
                return True
            index = text.find(indicator, index + 1)
    return False


def _unusual(text: str) -> bool:
    """Whether the text (ending in a newline) has a tag, an explicit key or value, or ``|#``."""
    return bool(_tag_in(text) or _EXPLICIT_KEY.search("\n" + text)
                or ("?" in text and _QUESTION.search(text))
                or ("#" in text and _comment_after_header(text)))


def _reached_twice(root: yaml.Node) -> bool:
    """Whether a node is reached twice (what an alias composes to) or a key is not a scalar."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    return True
                stack += (key, value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return False


def _holds_bracket(node: yaml.Node, text: str) -> bool:
    """Whether the node's text has a '[' or '{': every flow collection starts with one. (libyaml's
    marks count characters, as str indexes do.)"""
    start, end = node.start_mark.index, node.end_mark.index
    return text.find("[", start, end) != -1 or text.find("{", start, end) != -1


def _flow_differs(root: yaml.Node, text: str) -> bool:
    """Whether a [...] or {...} holds what PyYAML and libyaml read differently: a '?' (PyYAML
    ends a plain scalar there), an empty value (they place it on different lines), or a key
    that is a list or mapping. Only collections are visited (most nodes are scalars), and only
    those whose text has a '[' or '{': a block mapping's key can be a list or mapping only when
    written as a flow collection, after '? ' (declined before composing) or as an alias (see
    _reached_twice)."""
    lines, stack = None, [root] if not isinstance(root, ScalarNode) else []
    while stack:
        node = stack.pop()
        if node.flow_style:
            if "?" in text:
                lines = lines or text.splitlines()
                if any("?" in line for line in lines[node.start_mark.line:node.end_mark.line + 1]):
                    return True
            inner = [node]
            while inner:
                part = inner.pop()
                if isinstance(part, ScalarNode):
                    if part.value == "" and not part.style:
                        return True
                elif isinstance(part, SequenceNode):
                    inner.extend(part.value)
                else:
                    for key, value in part.value:
                        if not isinstance(key, ScalarNode):
                            return True
                        inner += (key, value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    return True
                if not isinstance(value, ScalarNode) and _holds_bracket(value, text):
                    stack.append(value)
        else:
            stack.extend(item for item in node.value
                         if not isinstance(item, ScalarNode) and _holds_bracket(item, text))
    return False


def _compose_fast(text: str):
    """The node tree from libyaml, or ``_DECLINED`` for anything but a clean file without
    aliases: those go through the pure-Python composer, which words the problem and its line.
    Text where the two are known to differ is declined too: tabs (PyYAML refuses them in
    places libyaml accepts), a byte-order mark inside the text, no newline at the end, a tag
    (``!name``), an explicit key (``? key``), a key that is a list or mapping, ``|#``, and in a
    flow collection a '?' or an empty value.

    The checks that need the tree are made only when the text could hold what they look for:
    an alias needs an anchor (``&name``; an alias without one is an error), and a flow
    collection or a key that is not a scalar needs a '[' or '{' (or an alias, or '? ')."""
    if CParser is None or "\t" in text or "\ufeff" in text or not text.endswith("\n") or _unusual(text):
        return _DECLINED
    try:
        loader = _FastComposer(text)
    except UnicodeEncodeError:  # a lone surrogate, which the check for control characters words
        return _DECLINED
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:  # among them the control characters PyYAML refuses too
        return _DECLINED
    finally:
        loader.dispose()
    if node is None:
        return None
    if "&" in text and _reached_twice(node):
        return _DECLINED
    if ("[" in text or "{" in text) and _flow_differs(node, text):
        return _DECLINED
    return node


def _as_libyaml(root: yaml.Node) -> yaml.Node:
    """Give the pure-Python composer's tree libyaml's styles, so that both paths give the same
    nodes: a plain scalar's style is '' (not None) and an indentless sequence's flow_style is
    False (not None). Readers test both by truth value."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.style is None:
                node.style = ""
            continue
        if node.flow_style is None:
            node.flow_style = False
        stack.extend(node.value if isinstance(node, SequenceNode)
                     else (n for pair in node.value for n in pair))
    return root


# One indicator of a list entry or explicit key right after another on a line ("- - x", "? - x"):
# the only way block collections nest without a deeper indentation.
_COMPACT_NESTING = re.compile(r"[-?:][ \t]+[-?](?:[ \t]|$)", re.M)


def _may_nest_too_deep(text: str) -> bool:
    """Whether the text could hold more than MAX_DEPTH levels, by a bound that costs almost
    nothing: brackets bound the flow levels ([...], {...}); without compact nesting, each block
    level after the second needs a deeper indentation every two levels, so lines indented less
    than MAX_DEPTH // 5 spaces bound the block levels to 4 * MAX_DEPTH // 5."""
    return (text.count("[") + text.count("{") > MAX_DEPTH // 5
            or "\n" + " " * (MAX_DEPTH // 5) in text or _COMPACT_NESTING.search(text) is not None)


def _too_deep(text: str) -> int | None:
    """The line at which lists and mappings first nest more than MAX_DEPTH deep, or None.
    A syntax error stops the count: composing reports it (no deeper than MAX_DEPTH by then)."""
    parser = CParser(text) if CParser is not None else _NoAliasLoader(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, UnicodeEncodeError):
        return None
    finally:
        parser.dispose()
    return None


def nesting_problem(text: str, name: str) -> Problem | None:
    """The problem with a text whose lists and mappings nest more than MAX_DEPTH deep, at the
    line where they pass it; None for any other text (nearly every one found so at no cost)."""
    line = _too_deep(text) if _may_nest_too_deep(text) else None
    if line is None:
        return None
    return Problem(name, line, "", f"lists or mappings are nested more than {MAX_DEPTH} levels deep here; "
                                   "expected a few levels, as in the guide's examples. Look for a long run of "
                                   "'[', '{' or '- ' pasted by mistake")


def compose(text: str, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose YAML text into a node tree, or report the syntax problem with its line.

    Nodes carry libyaml's styles whichever composer made them: a plain scalar's style is ''."""
    too_deep = nesting_problem(text, name)
    if too_deep is not None:
        return None, [too_deep]
    node = _compose_fast(text)
    if node is not _DECLINED:  # libyaml refuses the same control characters as the check below
        return node, []
    unprintable = Reader.NON_PRINTABLE.search(text)  # PyYAML refuses these before parsing
    if unprintable:
        line = text.count("\n", 0, unprintable.start()) + 1
        return None, [Problem(name, line, "", f"has an invisible control character "
                                              f"(U+{ord(unprintable.group()):04X}); delete it and retype "
                                              "the text around it (it often comes from pasting)")]
    return _compose_pure(text, name)


def _compose_pure(text: str, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The pure-Python composer, which words every problem as PyYAML does, with its line."""
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else _as_libyaml(node)), []
    except _AliasRefused as exc:
        return None, [Problem(name, exc.line, "", "YAML aliases (*name) are not allowed; "
                                                  "write the value out in full")]
    except yaml.MarkedYAMLError as exc:
        opened = _unclosed_quote(exc, text)
        if opened is not None:
            return None, [Problem(name, opened, "", "YAML syntax error: a quote opened on this line is not "
                                                    "closed where its text ends, so what follows is read as "
                                                    "part of it; close the quote, or remove it")]
        slip = yaml_slips.explain(exc, text, name)  # the usual slips, in plain words at their line
        if slip is not None:
            return None, [slip]
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


_STRUCTURE = re.compile(r"^[ \t]*(?:- |[\w-]+:(?:[ \t]|$))", re.M)  # a list entry or "key:" opening a line


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The line where a quote that was never closed opened, when that is what went wrong.

    Either the file ends inside it (PyYAML points at the end), or it ran on to a later quote and
    swallowed the lines between, which then fail somewhere after it: the line it opened on is
    where the mistake is, not where PyYAML noticed."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark.line + 1
    if exc.problem_mark is None:
        return None
    scanner = _NoAliasLoader(text)
    last = None
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if last is None or last.start_mark.line == last.end_mark.line or last.end_mark.line > exc.problem_mark.line:
        return None
    inside = text[last.start_mark.index:last.end_mark.index]
    return last.start_mark.line + 1 if _STRUCTURE.search(inside, inside.find("\n") + 1) else None


def read_yaml(path: Path, name: str, seen=None) -> tuple[yaml.Node | None, list[Problem]]:
    """Read and compose one file; ``name`` is how errors refer to it (``events/x.yml``).
    ``seen(name, text, node)``, if given, is told of each file composed."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    node, problems = compose(text, name)
    if seen is not None and node is not None:
        seen(name, text, node)
    return node, problems + yaml_slips.cut_by_comments(text, node, name)
