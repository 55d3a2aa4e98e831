"""Images events show: their size as a browser lays it out, and whether an SVG is safe to publish.

With both width and height the browser keeps the image's space from the start, so the text under
it does not jump when the image arrives (what Lighthouse counts as layout shift): on a phone, a
reader can lose their place or tap the wrong link. Only the file's header is read.

An SVG is a document, not only a picture: opened on its own (a visitor following the image's
address) its scripts run with this site's origin, and it can load from elsewhere. One that holds
a script, an event handler, embedded HTML or a reference outside itself is refused, by its line.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
import xml.parsers.expat as expat
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .load import refused_path
from .problems import Problem

_ORIENTATION = 0x0112  # EXIF: 5 to 8 mean the camera was turned, and browsers turn the image back
_SVG_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")
_SIZES: dict[tuple, tuple[int, int] | None] = {}


def intrinsic_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels, or None when the file does not say (an SVG sized in %
    or without a viewBox, a file that is not an image). Remembered while the file is unchanged."""
    try:
        info = path.stat()
    except OSError:
        return None
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _SIZES:
        _SIZES[key] = _svg_size(path) if path.suffix.lower() == ".svg" else _bitmap_size(path)
    return _SIZES[key]


def _bitmap_size(path: Path) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(_ORIENTATION) in (5, 6, 7, 8):
                width, height = height, width
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def _svg_size(path: Path) -> tuple[int, int] | None:
    """From the root element's width and height when both are pixels, else its viewBox."""
    try:
        # Only the first start tag is read: the root <svg>, whatever follows it.
        _, root = next(ElementTree.iterparse(path, events=("start",)))
    except (ElementTree.ParseError, OSError, StopIteration):
        return None
    width, height = (_SVG_LENGTH.fullmatch(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        size = float(width.group(1)), float(height.group(1))
    else:
        box = root.get("viewBox", "").replace(",", " ").split()
        try:
            size = float(box[2]), float(box[3])
        except (IndexError, ValueError):
            return None
    width, height = round(size[0]), round(size[1])
    return (width, height) if width > 0 and height > 0 else None


MAX_SVG_BYTES = 5_000_000
# A reference may point inside the image (#id), or hold a bitmap (data:image/png;...): anything
# else loads from elsewhere, or (data:image/svg+xml, javascript:) can hold a script.
_SAFE_REFERENCE = re.compile(r"#|data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
_URL_IN_STYLE = re.compile(r"url\(\s*(?![\s'\"]*#)|@import", re.I)
_REFERENCES = ("href", "src")


def svg_problems(path: Path, name: str, used_by: str) -> list[Problem]:
    """What makes an SVG unsafe to publish, each at its line in the file (``name``); ``used_by``
    says what shows it ("shown by events/x.yml"). Entities are refused before they expand (a few lines of them can make
    gigabytes), and so is text that is not well-formed XML."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_SVG_BYTES + 1)
    except OSError as exc:
        return [Problem(name, 1, "", f"cannot be read ({exc.strerror})")]
    if len(data) > MAX_SVG_BYTES:
        return [Problem(name, 1, "", f"is over {MAX_SVG_BYTES:,} bytes, too big to check as an SVG image "
                                     f"({used_by}); expected a smaller file: save it again, or as PNG")]
    problems: list[Problem] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    styles: list[int] = []  # lines of the <style> elements open now

    def refuse(what: str) -> None:
        problems.append(Problem(name, parser.CurrentLineNumber, "", f"{what} ({used_by}); remove it, or "
                                                                    "save the image again as plain SVG, or as PNG"))

    def start(tag: str, attributes: dict) -> None:
        element = tag.rsplit(" ", 1)[-1]
        if element == "script":
            refuse("has a <script>: it would run on this site when the image is opened")
        elif element == "foreignObject":
            refuse("has a <foreignObject>, which puts HTML (and its scripts) inside the image")
        elif element == "style":
            styles.append(parser.CurrentLineNumber)
        for key, value in attributes.items():
            attribute = key.rsplit(" ", 1)[-1]
            if attribute.lower().startswith("on"):
                refuse(f"sets {attribute} on <{element}>, which would run as script")
            elif attribute in _REFERENCES and not _SAFE_REFERENCE.match(value.strip()):
                refuse(f"has <{element} {attribute}=\"{value[:60]}\">, a reference outside the image")
            elif "javascript:" in re.sub(r"\s", "", value).lower():
                refuse(f"has javascript: in {attribute} on <{element}>")
            elif attribute == "style" and _URL_IN_STYLE.search(value):
                refuse(f"has a style on <{element}> that loads from outside the image")

    def text(data: str) -> None:
        if styles and _URL_IN_STYLE.search(data):
            refuse("has a <style> that loads from outside the image")

    def end(tag: str) -> None:
        if tag.rsplit(" ", 1)[-1] == "style" and styles:
            styles.pop()

    def entity(*_args) -> None:
        refuse("declares an entity (<!ENTITY ...>), which can expand without limit")
        raise _Stop

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        problems.append(Problem(name, exc.lineno, "", f"is not a well-formed SVG image: "
                                                      f"{expat.ErrorString(exc.code)} ({used_by}); expected an "
                                                      "SVG file as drawing programs save it: save it again"))
    return problems


class _Stop(Exception):
    """Ends parsing at the first entity declaration."""


def refused_images(catalogue, docs: Path, root: Path) -> list[Problem]:
    """The problems of every SVG image an event shows (see ``svg_problems``), each file once.
    A file that may not be published at all is left to ``project.refused_files``: it is not opened."""
    problems, seen = [], set()
    for event in catalogue.events:
        src = event.image.src if event.image is not None else None
        if src is None or not src.lower().endswith(".svg") or src in seen:
            continue
        seen.add(src)
        path, name = docs / src, f"{docs.name}/{src}"
        if os.path.lexists(path) and refused_path(path, name, root) is None:
            problems += svg_problems(path, name, f"shown by {event.source}")
    return problems
