"""Drafts: events and programmes checked like any other file, but published only in a preview.

An author writes ``draft: yes`` to work on a file in the open: it is committed and reviewed, and
``make check`` and the build read it, so its mistakes are found early, but no page, calendar or
feed entry is made from it. A preview shows drafts when asked (the environment variable
``EVENTS_DRAFTS=yes``, e.g. ``EVENTS_DRAFTS=yes make serve``), each with a "Draft" banner, and
never in any feed. A build that shows drafts must not be published: ``mkdocs build --strict``
(``make build``) refuses to finish one.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ..model.model import Catalogue

VARIABLE = "EVENTS_DRAFTS"


def show_drafts(environ=os.environ) -> bool:
    """Whether this build previews drafts."""
    return str(environ.get(VARIABLE, "")).strip().lower() in ("yes", "true", "1", "on")


def published(catalogue: Catalogue, show: bool = False) -> Catalogue:
    """The catalogue the site is made from: without drafts, unless a preview asks for them."""
    if show:
        return catalogue
    return replace(catalogue, events=tuple(e for e in catalogue.events if not e.draft),
                   programmes=tuple(p for p in catalogue.programmes if not p.draft))


def draft_sources(catalogue: Catalogue) -> list[str]:
    """The files (events/x.yml) that are drafts."""
    return sorted([e.source for e in catalogue.events if e.draft]
                  + [p.source for p in catalogue.programmes if p.draft])


def for_feeds(catalogue: Catalogue) -> Catalogue:
    """Feeds are publications: drafts never go into them, even in a preview."""
    return published(catalogue, False)
