"""What a rebuild after one saved file has to redo, for ``make serve`` (``mkdocs serve --dirty``).

MkDocs' dirty mode skips a page whose output is newer than its source file, and rewrites every
generated file (it cannot know their inputs). For a site of generated pages that gives both
wrong pages and slow rebuilds, so the adapter asks this module instead:

- a key of everything every page shows (settings, today, templates, docs/, shared event files,
  the set of pages): when it changes, the output folder is emptied and everything is rebuilt;
- a key per event page from its own inputs (the event as read, its URL, its feed): only an
  event whose key changed is rendered again;
- the bytes of each generated file (.ics, feeds, PDF): a file is written only when they change;
- the search index, merged: the pages rendered this time replace their old entries.

The memory lives in one process (one ``mkdocs serve``) and is kept only after a build succeeds.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


def digest(*parts: object) -> str:
    """A short, stable fingerprint of values by their repr (bytes as they are)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _stat(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size)


def tree_stats(folder: Path | None) -> list[tuple]:
    """(path, mtime, size) of every file under ``folder``, in a stable order."""
    if folder is None or not folder.is_dir():
        return []
    return [_stat(Path(root) / name) for root, dirs, names in sorted(os.walk(folder))
            for name in sorted(names)]


def site_key(*, settings: object, source_files: Iterable[Path], template_folders: Iterable[Path],
             shared_files: Iterable[Path], outputs: Iterable[str]) -> str:
    """The key of what every page depends on. ``outputs`` is the set of files the build makes,
    so that adding, removing or renaming an event or page also rebuilds everything (listings,
    the navigation and feeds name them, and a dirty build would leave a removed page behind)."""
    return digest(settings, sorted(_stat(p) for p in source_files),
                  [tree_stats(folder) for folder in template_folders],
                  sorted(_stat(p) for p in shared_files), sorted(outputs))


@dataclass
class Memory:
    """What the last successful build in this process made."""

    site: str | None = None
    pages: dict[str, object] = field(default_factory=dict)  # keyed page src_uri -> its inputs' key
    files: dict[str, bytes] = field(default_factory=dict)  # generated file src_uri -> its bytes
    search: list[dict] | None = None  # the whole search index's documents

    def forget(self) -> None:
        """After a failed build: the next one starts from an empty output folder."""
        self.site, self.pages, self.files, self.search = None, {}, {}, None


def merged_search(previous: list[dict] | None, rendered: list[dict], rendered_pages: set[str],
                  all_pages: list[str]) -> list[dict]:
    """The search documents after a partial rebuild: those of the pages rendered this time, and
    the previous ones of every other page that still exists, in the order of ``all_pages``.
    A document's page is its ``location`` up to any ``#``."""
    order = {page: i for i, page in enumerate(all_pages)}
    kept = [d for d in previous or () if _page(d) in order and _page(d) not in rendered_pages]
    documents = kept + [d for d in rendered if _page(d) in order]
    # Stable sort: a page's own documents keep their order (the page first, then its sections).
    return sorted(documents, key=lambda d: order[_page(d)])


def _page(document: dict) -> str:
    return document.get("location", "").split("#", 1)[0]
