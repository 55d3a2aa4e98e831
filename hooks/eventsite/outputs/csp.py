"""The Content-Security-Policy of public pages: only the site's own scripts, styles, images and
fonts, and no inline script but the few Material writes, each named by its SHA-256 hash.

Author text is sanitised (eventsite.reading.sanitise); the policy is the second wall, should anything
ever slip through: a browser that honours it runs no script and contacts no host but the site's.
Plain Python, no MkDocs import: hooks/site.py hands in the inline scripts' text.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from typing import Iterable

# Types a browser runs as script; others (application/json, application/ld+json) are data blocks,
# which a policy does not govern.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


class _InlineScripts(HTMLParser):
    """The text of each inline script a browser would run, exactly as written."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and \
                (attributes.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    """A script's source expression: ``'sha256-<base64 of the SHA-256 of its UTF-8 text>'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: Iterable[str], *, serving: bool = False, header: bool = False) -> str:
    """The policy, as a page's <meta> carries it or (``header``) as a host's header sends it.

    ``serving``: under ``mkdocs serve``, whose live-reload script is inline and changes with every
    request, inline scripts are allowed (a browser ignores 'unsafe-inline' when hashes are given,
    so none are). Styles allow 'unsafe-inline': Material and the brand colours (partials/brand.html)
    write style elements and attributes, which cannot run script."""
    scripts = ["'self'", "'unsafe-inline'"] if serving else ["'self'", *sorted(set(script_hashes))]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",  # the search index
        "worker-src 'self'",  # the search worker, assets/javascripts/workers/
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:  # a <meta> policy cannot say these
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)
