"""What a visitor navigates: an events site, not documentation.

Public pages carry no documentation sidebar (the site's sections are tabs in the header, and the
menu on a phone); only the authors' guide, ``docs/guide/``, keeps its sidebar and contents, as
the reference it is. Whether the guide is published at all is a setting
(``extra.events.authors_guide``): the example site shows it, under *For authors*; a real site
leaves it out by default, and then it is not built at all, rather than built and left unlinked,
because a page that is built is public: it would still be in the search index and the sitemap,
and at an address anyone can guess.

Plain Python, no MkDocs import: hooks/site.py hands in MkDocs' ``nav:`` setting and the pages'
paths inside ``docs/``.
"""

from __future__ import annotations

GUIDE = "guide/"  # the authors' guide, inside docs/
SIDEBARS = ("navigation", "toc")  # Material's names for the two sidebars, as `hide:` lists them


def is_guide(src_uri: str) -> bool:
    """Whether a file inside docs/ belongs to the authors' guide."""
    return _plain(src_uri).startswith(GUIDE)


def without_guide(nav: list | None) -> list | None:
    """MkDocs' ``nav:`` setting with every entry that leads into the guide left out, and each
    section that is left with nothing in it. None (no ``nav:``, MkDocs lists the files) stays None."""
    if nav is None:
        return None
    kept = []
    for item in nav:
        if isinstance(item, str):
            if not is_guide(item):
                kept.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                children = without_guide(value)
                if children:
                    kept.append({title: children})
            elif not (isinstance(value, str) and is_guide(value)):
                kept.append(item)
        else:  # not a shape MkDocs accepts: left for MkDocs to report
            kept.append(item)
    return kept


def hidden_sidebars(src_uri: str, hide) -> list:
    """Material's ``hide:`` list for a page: a public page hides both sidebars (the navigation
    and the table of contents beside the text), whatever its front matter asked; a page of the
    guide keeps what it asked for."""
    asked = list(hide) if isinstance(hide, (list, tuple)) else []
    if is_guide(src_uri):
        return asked
    return asked + [name for name in SIDEBARS if name not in asked]


def _plain(path: str) -> str:
    """'./guide/x.md' and '/guide/x.md' as 'guide/x.md' (the forms a ``nav:`` entry may take)."""
    path = path.replace("\\", "/")
    while path.startswith(("./", "/")):
        path = path[2:] if path.startswith("./") else path[1:]
    return path
