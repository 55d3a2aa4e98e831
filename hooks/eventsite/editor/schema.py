"""JSON Schema files for editors, generated from the formats declared in ``schema``.

Editors that understand ``# yaml-language-server: $schema=../schema/event.schema.json`` (VS Code
with the YAML extension, and others using the YAML language server) then complete field names
and flag mistakes as the author types. The schemas are generated, never written by hand, so
they cannot disagree with the validator; ``make schema`` rewrites them and a test fails when the
committed files are stale.

Editors read YAML 1.2, where ``13:00`` and ``2014-12-11`` are text and only ``true``/``false``
are booleans; ``as_json`` converts a composed node the same way, for tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..reading import schema

FOLDER = "schema"
DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft the YAML language server knows best

# File name stem -> (name in ``schema``, title). Formats not (yet) declared are skipped, so a
# PROGRAMME format appears here as soon as schema.py declares it.
FORMATS = {
    "event": ("EVENT", "An event file (events/NAME.yml)"),
    "programme": ("PROGRAMME", "A programme file"),
    "organisers": ("ORGANISERS", "Organisers (events/_organisers.yml)"),
    "venues": ("VENUES", "Venues (events/_venues.yml)"),
    "testimonials": ("TESTIMONIALS", "Testimonials (events/_testimonials.yml)"),
}


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every format ``schema`` declares."""
    result = {}
    for stem, (name, title) in FORMATS.items():
        kind = getattr(schema, name, None)
        if kind is None:
            continue
        body = {"$schema": DRAFT, "$id": f"{stem}.schema.json", "title": title}
        body.update(kind.json_schema())
        result[f"{stem}.schema.json"] = body
    return result


def render(body: dict) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; the paths that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, body in schemas().items():
        path = folder / name
        text = render(body)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale(folder: Path) -> list[str]:
    """Schema files in ``folder`` that differ from what ``write`` would write (or are missing)."""
    return [name for name, body in schemas().items()
            if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != render(body)]


_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_json(node: yaml.Node):
    """A composed node as plain data, typed the way YAML 1.2 (and so an editor) reads it."""
    if isinstance(node, yaml.MappingNode):
        return {as_json(k): as_json(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_json(item) for item in node.value]
    text = node.value
    if node.style:  # quoted or block text is always text (a plain scalar's style is "" or None)
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text
