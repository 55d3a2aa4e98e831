"""Testimonial blocks placed in hand-written pages with a marker line.

    <!-- testimonials: emc-professional, tag:action-learning -->

Each part is a testimonial's short name, ``tag:NAME`` for every testimonial with that tag, or
``all``. A marker naming nothing that exists is an error with the page and line.
"""

from __future__ import annotations

import re
from typing import Callable

from ..model.model import Testimonial
from ..reading.problems import Problem

MARKER = re.compile(r"^[ \t]*<!--\s*testimonials?:\s*(.*?)\s*-->[ \t]*$", re.M)


def select(spec: str, testimonials: dict[str, Testimonial]) -> tuple[list[Testimonial], list[str]]:
    """The testimonials a marker asks for, and the parts that named nothing."""
    chosen, unknown = [], []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if part == "all":
            chosen.extend(testimonials[key] for key in sorted(testimonials))
        elif part.startswith("tag:"):
            tagged = [t for _, t in sorted(testimonials.items()) if part[4:] in t.tags]
            chosen.extend(tagged) if tagged else unknown.append(part)
        elif part in testimonials:
            chosen.append(testimonials[part])
        else:
            unknown.append(part)
    return list(dict.fromkeys(chosen)), unknown


def place_blocks(markdown: str, page: str, testimonials: dict[str, Testimonial],
                 render: Callable[[list[Testimonial]], str]) -> tuple[str, list[Problem]]:
    """Replace each marker by ``render(selected)``; report unknown names with their line."""
    problems: list[Problem] = []

    def replace(match: re.Match) -> str:
        chosen, unknown = select(match.group(1), testimonials)
        line = markdown.count("\n", 0, match.start()) + 1
        for part in unknown:
            known = ", ".join(sorted(testimonials)) or "none yet"
            problems.append(Problem(page, line, "testimonials",
                                    f"{part!r} matches no testimonial in events/_testimonials.yml "
                                    f"(known: {known}); correct the name or tag"))
        # Blank lines around the block keep Markdown from wrapping it in a paragraph.
        return "\n" + render(chosen) + "\n"

    return MARKER.sub(replace, markdown), problems
