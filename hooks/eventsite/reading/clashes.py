"""Files that stand where the build puts a page or file it makes.

An event's page is made from its file in events/; a page written at the same address in docs/
(``docs/events/<slug>.md``, or ``.../<slug>/index.md``) would silently lose to it, or hide it.
An event or programme file named like one of the build's own listings (``events/index.yml``
would be published at /events/, the events listing) would replace it as silently. Both the build
and ``make check`` refuse such a file by name.
"""

from __future__ import annotations

from ..model.model import Catalogue
from ..outputs.brochure import programme_page_path, programme_pdf_path
from ..outputs.pages import FILTERS, event_ics_path, event_page_path
from .problems import Problem

# File names whose page would stand at one of the build's own addresses: events/NAME.md for an
# event (the listing, and the folders of the filter pages, events/organiser/... and
# events/audience/...), programmes/NAME.md for a programme (its listing).
RESERVED_EVENT_NAMES = {"index": "the address of the events listing",
                        **{kind: f"the folder of the pages that list events by {kind}" for kind, *_ in FILTERS}}
RESERVED_PROGRAMME_NAMES = {"index": "the address of the programmes listing"}


def reserved_names(catalogue: Catalogue) -> list[Problem]:
    """A problem for each event or programme file whose name is one the build's listings use."""
    problems = []
    for items, reserved, folder in ((catalogue.events, RESERVED_EVENT_NAMES, "events"),
                                    (catalogue.programmes, RESERVED_PROGRAMME_NAMES, "programmes")):
        for item in items:
            if item.slug in reserved:
                address = f"/{folder}/" if item.slug == "index" else f"/{folder}/{item.slug}/"
                problems.append(Problem(item.source, 1, "", f"is named {item.slug!r}, so its page would be "
                                        f"published at {address}, {reserved[item.slug]}; "
                                        f"expected another file name, such as {item.slug}-1.yml or one made "
                                        "from the title"))
    return problems


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
    problems = reserved_names(catalogue)
    for path, source, what in made:
        for own in _same_address(path):
            if own in docs_files:
                problems.append(Problem(f"{docs_name}/{own}", 1, "", f"is where the {what} made from "
                                        f"{source} is published; rename or move this file (one of the "
                                        "two would be lost)"))
    return problems
