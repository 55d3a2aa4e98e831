"""An image's size as a browser lays it out, for the width and height of its <img>.

With both attributes the browser keeps the image's space from the start, so the text under it
does not jump when the image arrives (what Lighthouse counts as layout shift): on a phone, a
reader can lose their place or tap the wrong link. Only the file's header is read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image, UnidentifiedImageError

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
