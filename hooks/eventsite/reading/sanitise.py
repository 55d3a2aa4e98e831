"""Author Markdown from events/ made into HTML that can neither run script nor load anything
from another site; and what that took away, worded for the author.

Event text is written by anyone who can edit a file, so every Markdown field read from
``events/`` (an event's ``body``, a programme's ``body``, an option's ``description``) goes
through here: Markdown renders it with the site's extensions, then nh3 (the binding of Rust's
ammonia, an HTML5 parser and an allow-list) keeps only the elements and attributes of ordinary
prose. Escaping or scanning the Markdown source cannot do this: ``attr_list`` (``{: onclick=...}``)
sets any attribute, raw HTML passes through, and a browser drops the line break in a link target
split across lines (``java`` / ``script:``). Hand-written pages in ``docs/`` are reviewed in Git
and are not sanitised.

What the sanitiser removed is found by comparing the elements and attributes Markdown produced
with those it kept, never by patterns on the source; ``AuthorMarkdown.problems`` words each
removal and finds the line that brought it in, so that ``make check`` and the build refuse the
text with the same located lines. Plain Python: no MkDocs import.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3

# What MkDocs always adds to the extensions mkdocs.yml names (config_options.MarkdownExtensions).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
# The example site's: mkdocs.yml adds attr_list. Used where no site's settings are at hand.
DEFAULT_EXTENSIONS = MKDOCS_BUILTINS + ("attr_list",)

SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Ordinary prose, as Markdown and MkDocs' built-in extensions write it.
ELEMENTS = frozenset(_HEADINGS + (
    "p", "br", "hr", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "em", "strong", "b", "i",
    "s", "del", "ins", "mark", "small", "sub", "sup", "code", "kbd", "samp", "var", "pre", "abbr", "q",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "img",
    "div",  # [TOC] (the toc extension) writes <div class="toc">
))
ATTRIBUTES = {
    **{h: {"id"} for h in _HEADINGS},  # the toc extension's anchors; {: #name } may set one too
    "a": {"href", "title", "class"},  # class: only toc's "headerlink" (see _CLASSES)
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "style"}, "td": {"align", "style"},  # tables' column alignment (see _ALIGNMENT)
    "ol": {"start"},
    "abbr": {"title"},
    "code": {"class"},  # fenced_code's "language-python"
    "div": {"class"},
}
_CLASSES = {"a": re.compile(r"headerlink"), "code": re.compile(r"language-[\w+#.-]+"), "div": re.compile(r"toc")}
_ALIGNMENT = re.compile(r"\s*text-align:\s*(left|right|center|justify)\s*;?\s*")
# Removed with everything inside them: what they hold is code, styles or another document.
REMOVED_WHOLE = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                           "noembed", "noframes", "xmp", "textarea", "title", "svg", "math", "select"})
LINK_REL = "noopener noreferrer"  # no opener for a new tab; no Referer sent to other sites

_BROWSER_DROPS = re.compile(r"[\t\n\r]")  # browsers remove these anywhere in a URL
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _address(value: str) -> str:
    """A URL as a browser reads it: leading controls and spaces, tabs and line breaks dropped, and
    backslashes read as slashes (as browsers do in http(s) addresses)."""
    return _BROWSER_DROPS.sub("", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                "\x1d\x1e\x1f ").replace("\\", "/")


def scheme_of(value: str) -> str | None:
    """The scheme a browser would see in an address (``javascript``), or None for a path."""
    match = _SCHEME.match(_address(value).lower())
    return match.group(1) if match else None


def is_protocol_relative(value: str) -> bool:
    """``//host/path``: another site, by whatever scheme the page has (``\\\\host`` too)."""
    return _address(value).startswith("//")


def _kept(element: str, attribute: str, value: str) -> str | None:
    """What nh3's allow-lists cannot say, for an attribute they let through: None removes it."""
    if attribute in ("href", "src"):
        if is_protocol_relative(value):
            return None
        if element == "img" and scheme_of(value) is not None:  # images only from the site itself
            return None
    elif attribute == "class":
        pattern = _CLASSES.get(element)
        if pattern is None or not all(pattern.fullmatch(name) for name in value.split()):
            return None
    elif attribute == "style" and not _ALIGNMENT.fullmatch(value):
        return None
    return value


_CLEANER = nh3.Cleaner(tags=set(ELEMENTS), clean_content_tags=set(REMOVED_WHOLE), attributes=ATTRIBUTES,
                       attribute_filter=_kept, url_schemes=set(SCHEMES), link_rel=LINK_REL,
                       strip_comments=True)


def clean(html: str) -> str:
    """``html`` with only what ordinary prose needs: the one sanitising step for author text."""
    return _CLEANER.clean(html)


# --- what was removed -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser took out: an element (``attribute`` None), or an attribute of a kept
    element with its value."""

    element: str
    attribute: str | None = None
    value: str = ""

    @property
    def message(self) -> str:
        """What was removed; what to write instead (the error format's two halves)."""
        if self.attribute is None and ":" in self.element:  # <javascript:...>: not a link, but a tag
            return (f"has <{_shorter(self.element)}>, which is not a web address; write a link as "
                    "[link text](https://...), or an address on this site such as /events/")
        if self.attribute is None:
            return (f"has HTML that pages leave out (<{self.element}>); remove it, or write it in "
                    "Markdown: **bold**, *italic*, [link text](https://...)")
        shown = _shown(self.value)
        if self.element == "img" and self.attribute == "src":
            return (f"shows an image from outside this site ({shown}), which visitors' browsers would "
                    "fetch from there; put the image in docs/ and give its path, such as /images/map.png")
        if self.attribute == "href":
            if is_protocol_relative(self.value):
                return (f"links to {shown}, another site's address without https:; write the address "
                        "in full, starting https://, or a path on this site such as /events/")
            scheme = scheme_of(self.value)
            return (f"links to {f'a {scheme}: address' if scheme else shown}; a link must start https://, "
                    "http://, mailto: or tel:, or be an address on this site such as /events/")
        why = "which would run as script" if self.attribute.startswith("on") else "which pages leave out"
        return (f"sets {self.attribute} on <{self.element}>, {why}; remove it (an attribute list "
                "{: ... } may only give a heading an #id, or an image a width and height)")


def _more_message(count: int) -> str:
    return (f"has {count} more HTML elements, attributes, links or images that pages leave out; remove "
            "those listed, then check again")


def _shorter(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def _shown(value: str) -> str:
    return repr(_shorter(value))


class _Markup(HTMLParser):
    """The elements and attributes of an HTML fragment, as counts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: Counter = Counter()
        self.attributes: Counter = Counter()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        for name, value in attrs:
            self.attributes[Removal(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag


def removals(html: str) -> Counter:
    """What ``clean`` takes out of ``html``: each Removal with how often. Found by comparing the
    elements and attributes of the two; an attribute counts only on an element that is kept (a
    removed element is reported, not each of its attributes), and ``rel``, which ``clean`` adds to
    links, only where the author's value differs."""
    before, after = _Markup(html), _Markup(clean(html))
    found = Counter({Removal(tag): n for tag, n in (before.elements - after.elements).items()})
    for attribute, n in (before.attributes - after.attributes).items():
        if attribute.element in ELEMENTS:
            found[attribute] = n
    return found


# --- author Markdown --------------------------------------------------------------------------------

# A fast path for the check, the commonest text being plain prose: with only these extensions
# (MkDocs' own and attr_list) and toc settings that name no class, Markdown can write no element or
# attribute the sanitiser removes unless the text has one of these characters: "<" (HTML, comments,
# autolinks), "[" (links, images, [TOC]), "{" (attribute lists), "&" (entities). Half a
# millisecond a body. Pages are sanitised whatever the check says (on_page_content); the test
# compares this path with rendering on generated texts.
_PLAIN_EXTENSIONS = frozenset(MKDOCS_BUILTINS + ("attr_list",))
_PLAIN_TOC_SETTINGS = frozenset({"permalink", "permalink_title", "permalink_leading", "toc_depth", "baselevel",
                                 "title", "separator"})
_BRINGS_MARKUP = re.compile(r"[<\[{&]")


class AuthorMarkdown:
    """Author Markdown rendered with a site's extensions and sanitised; and what sanitising removes.

    ``extensions`` and ``configs`` are what MkDocs gives Python-Markdown (config.markdown_extensions,
    config.mdx_configs), or what mkdocs.yml says, read without MkDocs (project.read_settings): a
    build and ``make check`` must render alike to report alike. Two renderers with the same
    extensions and settings are equal (validation's reuse compares them)."""

    MOST_LOCATED = 50  # removals located line by line; more are counted at the field's first line
    LOCATE_BUDGET = 2_000_000  # characters rendered to locate them (about a second)

    def __init__(self, extensions=DEFAULT_EXTENSIONS, configs: dict | None = None):
        names = [name for name in extensions if isinstance(name, str)]
        self.extensions = tuple(dict.fromkeys([*MKDOCS_BUILTINS, *names]))  # as MkDocs orders them
        self.configs = {name: dict(value) for name, value in (configs or {}).items() if value}
        self.key = (self.extensions, repr(sorted(self.configs.items(), key=lambda item: item[0])))
        self._markdown = None
        self.plain_is_clean = (set(self.extensions) <= _PLAIN_EXTENSIONS
                               and all(name == "toc" and set(value) <= _PLAIN_TOC_SETTINGS
                                       for name, value in self.configs.items()))

    def __eq__(self, other):
        return isinstance(other, AuthorMarkdown) and other.key == self.key

    def __hash__(self):
        return hash(self.key)

    def __repr__(self):
        return f"AuthorMarkdown({list(self.extensions)!r})"

    def rendered(self, text: str) -> str:
        """What Markdown makes of ``text``, before sanitising."""
        if self._markdown is None:
            self._markdown = markdown_lib.Markdown(extensions=list(self.extensions), extension_configs=self.configs)
        self._markdown.reset()
        return self._markdown.convert(text)

    def html(self, text: str) -> str:
        """``text`` as a page shows it: rendered, then sanitised."""
        return clean(self.rendered(text))

    def problems(self, text: str) -> list[tuple[int, str]]:
        """Each removal sanitising ``text`` makes, as (line of ``text``, 0-based; message), in order.

        Markdown keeps no source positions, so a removal's line is the first line by which the text
        so far brings it in: a split link is found at its last line, a reference-style link at its
        definition. The search renders ever longer beginnings of the text (doubling, then halving
        the gap), at most ``LOCATE_BUDGET`` characters in all, so that a huge hostile text cannot
        stall a check; what it cannot place is reported at the text's first line."""
        if self.plain_is_clean and not _BRINGS_MARKUP.search(text):
            return []  # nothing to remove can come of it (tests.test_sanitise_fast_path)
        found = removals(self.rendered(text))
        if not found:
            return []
        lines = text.split("\n")
        ends = [0]  # ends[k]: the length of the first k lines
        for line in lines:
            ends.append(ends[-1] + len(line) + 1)
        counts: dict[int, Counter] = {0: Counter(), len(lines): found}
        spent = 0

        def upto(k: int) -> Counter | None:
            nonlocal spent
            if k not in counts:
                if spent + ends[k] > self.LOCATE_BUDGET:
                    return None
                spent += ends[k]
                counts[k] = removals(self.rendered("\n".join(lines[:k])))
            return counts[k]

        def first_line(removal: Removal, occurrence: int, low: int) -> int | None:
            """The least k for which the first k lines hold ``occurrence`` of ``removal`` (the
            first ``low`` lines hold fewer)."""
            step, high = 1, None
            while high is None:  # gallop: low+1, low+2, low+4, ...
                k = min(low + step, len(lines))
                held = upto(k)
                if held is None:
                    return None
                if held[removal] >= occurrence or k == len(lines):
                    high = k
                else:
                    low, step = k, step * 2
            while high - low > 1:
                middle = (low + high) // 2
                held = upto(middle)
                if held is None:
                    return None
                if held[removal] >= occurrence:
                    high = middle
                else:
                    low = middle
            return high

        located, more = [], 0
        for removal, times in sorted(found.items(), key=lambda item: repr(item[0])):
            low = 0
            for occurrence in range(1, times + 1):
                if len(located) >= self.MOST_LOCATED:
                    more += 1
                    continue
                k = first_line(removal, occurrence, low)
                if k is None:  # past the budget: at the text's first line
                    located.append((0, removal.message))
                    continue
                located.append((k - 1, removal.message))
                low = k - 1  # the next occurrence comes no earlier
        if more:
            located.append((0, _more_message(more)))
        return sorted(set(located))


DEFAULT = AuthorMarkdown()  # where no site's settings are at hand (a test, a new file's trial check)
