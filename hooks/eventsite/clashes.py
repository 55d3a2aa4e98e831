"""Hand-written files in docs/ that stand where the build puts a page or file it makes.

An event's page is made from its file in events/; a page written at the same address in docs/
(``docs/events/<slug>.md``, or ``.../<slug>/index.md``) would silently lose to it, or hide it.
Both the build and ``make check`` refuse such a file by name.
"""

from __future__ import annotations

from .brochure import programme_page_path, programme_pdf_path
from .model import Catalogue
from .pages import event_ics_path, event_page_path
from .problems import Problem


def _same_address(path: str) -> tuple[str, ...]:
    """The docs paths MkDocs publishes at the address of ``path``: a page's ``x.md`` is also
    ``x/index.md`` and ``x/README.md``; any other file only itself."""
    if not path.endswith(".md"):
        return (path,)
    stem = path[:-3]
    return path, f"{stem}/index.md", f"{stem}/README.md"


def clashes(catalogue: Catalogue, docs_files: frozenset[str], docs_name: str = "docs") -> list[Problem]:
    """A problem for each file in ``docs_files`` (docs-relative paths of the author's own files)
    at the address of an event's or programme's page or file."""
    made = [(path, event.source, "event page" if path.endswith(".md") else "calendar file")
            for event in catalogue.events for path in (event_page_path(event), event_ics_path(event))]
    made += [(path, programme.source, "brochure" if path.endswith(".md") else "brochure PDF")
             for programme in catalogue.programmes
             for path in (programme_page_path(programme), programme_pdf_path(programme))]
    problems = []
    for path, source, what in made:
        for own in _same_address(path):
            if own in docs_files:
                problems.append(Problem(f"{docs_name}/{own}", 1, "", f"is where the {what} made from "
                                        f"{source} is published; rename or move this file (one of the "
                                        "two would be lost)"))
    return problems
