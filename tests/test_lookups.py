"""The templates' shortcut for ``view.name`` on dicts (eventsite.outputs.lookups) gives what Jinja gives.

Each expression is rendered by a plain Jinja environment and by one with the shortcut, with the
same values: dicts with and without the key, keys named like dict methods, dict subclasses,
objects, strings, None, lists, and undefined values met on the way. The two must agree, output
and errors alike. (The whole 1,000-event benchmark site is also byte-identical with and without
it: bench/RESULTS.md.)
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from types import SimpleNamespace

import jinja2
import pytest

from eventsite.outputs import lookups


class _Attrs:
    title = "an attribute"

    def __getitem__(self, key):
        return f"item {key}"


VALUES = {
    "plain": {"title": "Taster", "items": "an item called items", "get": 3, "count": 0, "none": None},
    "empty": {},
    "nested": {"event": {"venue": {"name": "Melton"}}, "units": [{"kind": "series"}]},
    "ordered": OrderedDict(title="ordered"),
    "default": defaultdict(lambda: "made", title="default"),
    "namespace": SimpleNamespace(title="namespace"),
    "attrs": _Attrs(),
    "text": "words",
    "number": 12,
    "nothing": None,
    "listed": [1, 2, 3],
    "numbered": {1: "one"},
}
EXPRESSIONS = [
    "{{ plain.title }}", "{{ plain.items }}", "{{ plain.get }}", "{{ plain.count }}", "{{ plain.none }}",
    "{{ plain.missing }}", "{{ plain.missing is defined }}", "{{ plain.missing.deeper is defined }}",
    "{{ plain.keys }}", "{{ plain.__class__ }}", "{{ plain.values() | list }}",
    "{{ empty.title }}", "{{ empty.title | default('fallback') }}", "{{ nested.event.venue.name }}",
    "{{ nested.units[0].kind }}", "{% for u in nested.units %}{{ u.kind }}{% endfor %}",
    "{{ ordered.title }}", "{{ ordered.missing }}", "{{ default.title }}", "{{ default.missing }}",
    "{{ namespace.title }}", "{{ namespace.missing is defined }}", "{{ attrs.title }}", "{{ attrs.other }}",
    "{{ text.upper() }}", "{{ text.missing is defined }}", "{{ number.real }}", "{{ nothing.title is defined }}",
    "{{ listed.count(2) }}", "{{ numbered.one is defined }}", "{{ undefined_name.title is defined }}",
    "{{ plain.title if plain.missing else 'no' }}",
]


def _render(environment, expression):
    try:
        return "ok", environment.from_string(expression).render(VALUES)
    except Exception as exc:  # the same error, raised the same way
        return "error", type(exc).__name__, str(exc)


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.ChainableUndefined, jinja2.StrictUndefined])
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_the_shortcut_gives_what_jinja_gives(expression, undefined):
    usual = jinja2.Environment(undefined=undefined)
    quick = jinja2.Environment(undefined=undefined)
    lookups.install(quick)
    assert quick.getattr is not usual.getattr
    assert _render(quick, expression) == _render(usual, expression)


def test_it_is_installed_once():
    environment = jinja2.Environment()
    lookups.install(environment)
    first = environment.getattr
    lookups.install(environment)
    assert environment.getattr is first
