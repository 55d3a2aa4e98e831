"""Every value a template prints is escaped: each {{ ... }} lies inside {% autoescape true %}.

The theme's Jinja environment does not escape by default, and an included partial does not
inherit its includer's autoescape block, so each template must open its own. A template that
forgets prints an author's <script> as markup (tests/test_bad_input.py shows the damage).
"""

from __future__ import annotations

import re

from conftest import ROOT

OVERRIDES = ROOT / "overrides"
# Copies of Material's partials, changed in one place each: they print the theme's own strings
# and page.meta.title, which site.py makes escaped Markup.
THEME_COPIES = {"partials/search.html", "partials/header.html"}
OPEN, CLOSE = re.compile(r"{%-?\s*autoescape\s+true\s*-?%}"), re.compile(r"{%-?\s*endautoescape\s*-?%}")


def _escaped_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    while (start := OPEN.search(text, position)):
        end = CLOSE.search(text, start.end())
        assert end, "autoescape block never closed"
        spans.append((start.end(), end.start()))
        position = end.end()
    return spans


def test_every_printed_value_in_our_templates_is_autoescaped():
    unescaped = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        name = path.relative_to(OVERRIDES).as_posix()
        if name in THEME_COPIES:
            continue
        text = re.sub(r"{#.*?#}", lambda m: " " * len(m.group()), path.read_text(encoding="utf-8"), flags=re.S)
        spans = _escaped_spans(text)
        for match in re.finditer(r"{{.*?}}", text, re.S):
            # super() prints the theme's block; "| safe" marks a value made safe in Python on purpose.
            if re.search(r"super\(\)|\|\s*safe\b", match.group()):
                continue
            if not any(a <= match.start() < b for a, b in spans):
                line = text.count("\n", 0, match.start()) + 1
                unescaped.append(f"overrides/{name}:{line}: {match.group()}")
    assert not unescaped, "printed outside {% autoescape true %}:\n" + "\n".join(unescaped)
