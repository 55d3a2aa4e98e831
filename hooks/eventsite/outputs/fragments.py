"""A fragment of a template rendered once per build and reused: ``{% cache key %}...{% endcache %}``.

A site of a thousand event pages renders the theme's navigation (the menu and the tabs) a thousand
times, though it is the same on every event page: none of them is in the navigation, all sit at
the same depth (so every relative link in it is the same), and all have the same tab active. The
adapter gives a page a key that names everything the fragment depends on; pages with the same key
get the same markup. A key of None, or none at all, renders the fragment as usual. This is the fragment
cache from Jinja's documentation (Extensions: Example Extensions), kept for one build: the adapter
empties it when a build starts.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension


class FragmentCache(Extension):
    """The ``cache`` tag: its body is rendered for the first page with a key, then reused."""

    tags = {"cache"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_cached", [key]), [], [], body).set_lineno(lineno)

    def _cached(self, key, caller):
        if not key:  # None, or undefined on a page the adapter gave none
            return caller()
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = caller()
        return cache[key]


def start(environment) -> None:
    """Add the tag to an environment (once), with an empty cache for the build about to render."""
    if FragmentCache.identifier not in environment.extensions:
        environment.add_extension(FragmentCache)
    environment.fragment_cache = {}
