"""``view.title`` in a template, for a view that is a dict, without raising an exception first.

Jinja reads ``x.name`` by trying the attribute, then the item (``Environment.getattr``). The
views the templates show (eventsite.outputs.pages, eventsite.outputs.brochure) are dicts, so every ``event.title``
first raised and caught an AttributeError: about 300,000 of them in a build of 1,000 events. A
plain dict has no attribute but its type's own (``items``, ``get``, ...), so for a dict whose key
is not one of those names the item is the answer Jinja would have given, and a missing key is the
same undefined value. Everything else goes to Jinja's own lookup. The test compares the two on
every kind of value.
"""

from __future__ import annotations

_DICT_NAMES = frozenset(dir(dict))


def install(environment) -> None:
    """Give ``environment`` the shortcut (once); its own ``getattr`` does the rest."""
    if getattr(environment, "_dict_lookup_installed", False):
        return
    usual = environment.getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return environment.undefined(obj=obj, name=attribute)
        return usual(obj, attribute)

    environment.getattr = getattr_
    environment._dict_lookup_installed = True
