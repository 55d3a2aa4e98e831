"""The sanitiser check's fast path (sanitise.AuthorMarkdown.problems) agrees with rendering.

Plain prose with none of ``< [ { &`` is passed without rendering it, when the site's extensions
are MkDocs' own and attr_list. These tests hold that shortcut against the library: Markdown is
run on generated texts built from every construct those extensions know, and the sanitiser must
find nothing to remove in any of them; and for each character the shortcut looks for there is a
text that needs it (so dropping one from the shortcut fails here).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsite.reading import sanitise

# Every character a text may hold on the fast path: printable ASCII but the four, and some beyond.
PLAIN = "".join(c for c in string.printable if c not in "<[{&\x0b\x0c") + "é–’“”£€\u00a0"
LANG = st.text(alphabet=string.ascii_letters + string.digits + "#.+-:;\"'=()/_ ", max_size=14)
WORDS = st.text(alphabet=PLAIN, min_size=0, max_size=40).map(lambda s: s.replace("\r", ""))


@st.composite
def blocks(draw) -> str:
    """One Markdown block of a kind the plain extensions write."""
    words = draw(WORDS)
    kind = draw(st.sampled_from(["para", "atx", "setext", "list", "olist", "quote", "code", "fence",
                                 "tilde", "table", "hr", "emphasis", "escape", "url", "hardbreak", "id-like"]))
    if kind == "atx":
        return "#" * draw(st.integers(1, 6)) + " " + words + draw(st.sampled_from(["", " #", " ###"]))
    if kind == "setext":
        return (words or "Title") + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "list":
        return "\n".join(draw(st.sampled_from(["-", "*", "+"])) + " " + w for w in draw(st.lists(WORDS, min_size=1, max_size=4)))
    if kind == "olist":
        start = draw(st.integers(0, 99))
        return "\n".join(f"{start + i}. {w}" for i, w in enumerate(draw(st.lists(WORDS, min_size=1, max_size=3))))
    if kind == "quote":
        return "\n".join("> " + w for w in draw(st.lists(WORDS, min_size=1, max_size=3)))
    if kind == "code":
        return "\n".join("    " + w for w in draw(st.lists(WORDS, min_size=1, max_size=3)))
    if kind in ("fence", "tilde"):
        fence = "```" if kind == "fence" else "~~~"
        return f"{fence}{draw(LANG)}\n{words}\n{fence}"
    if kind == "table":
        align = draw(st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=1, max_size=3))
        head = " | ".join(draw(WORDS).replace("|", "") or "h" for _ in align)
        row = " | ".join(draw(WORDS).replace("|", "") or "c" for _ in align)
        return f"| {head} |\n| {' | '.join(align)} |\n| {row} |"
    if kind == "hr":
        return draw(st.sampled_from(["---", "***", "___", "- - -"]))
    if kind == "emphasis":
        mark = draw(st.sampled_from(["*", "_", "**", "__", "***", "`", "``"]))
        return f"{mark}{words}{mark}"
    if kind == "escape":
        return "\\" + draw(st.sampled_from(list("\\`*_()#+-.!|>:\"'")) ) + words
    if kind == "url":
        return draw(st.sampled_from(["javascript:alert(1)", "https://example.org/x", "//evil.example/",
                                     "data:text/html,x", "mailto:x@example.org", "www.example.org"])) + " " + words
    if kind == "hardbreak":
        return words + "  \n" + words
    if kind == "id-like":
        return f"# {words} #" + draw(st.sampled_from(["", "#onclick", " .class", " : onclick=x"]))
    return words


TEXTS = st.lists(blocks(), min_size=1, max_size=6).map(lambda parts: "\n\n".join(parts) + "\n")
RENDERERS = [
    sanitise.DEFAULT,
    sanitise.AuthorMarkdown(["attr_list", "toc"], {"toc": {"permalink": True}}),
    sanitise.AuthorMarkdown(["toc"], {"toc": {"permalink": "#", "permalink_title": "Link here", "toc_depth": 3}}),
]


@pytest.mark.parametrize("renderer", RENDERERS, ids=["default", "permalink", "permalink-text"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_plain_text_renders_to_nothing_the_sanitiser_removes(renderer, text):
    assert renderer.plain_is_clean
    assert not sanitise._BRINGS_MARKUP.search(text)
    rendered = renderer.rendered(text)
    assert sanitise.removals(rendered) == {}, rendered
    assert renderer.problems(text) == []


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>\n",                    # <
    "[x](javascript:alert(1))\n",                     # [
    "# Heading {: onclick=alert(1) }\n",              # {
    "Title\n{: onclick=alert(1) }\n",                 # {
])
def test_each_character_the_shortcut_looks_for_brings_something_in(text):
    assert sanitise.DEFAULT.problems(text), text


def test_entities_are_looked_at_too():
    # An entity alone removes nothing, but inside a link it spells a scheme: "&" keeps rendering on.
    text = "[x](&#106;avascript:alert(1))\n"
    assert sanitise.DEFAULT.problems(text)
    assert sanitise._BRINGS_MARKUP.search("&#106;")


@pytest.mark.parametrize("renderer", [
    sanitise.AuthorMarkdown(["attr_list", "admonition"]),                         # another extension
    sanitise.AuthorMarkdown(["toc"], {"toc": {"permalink": True, "permalink_class": "x"}}),  # a class
    sanitise.AuthorMarkdown(["toc"], {"toc": {"anchorlink": True}}),              # toc's own class
], ids=["admonition", "permalink-class", "anchorlink"])
def test_other_settings_always_render(renderer):
    assert not renderer.plain_is_clean


def test_a_class_the_sanitiser_removes_is_still_reported_for_plain_text():
    # What the shortcut must not skip: a toc setting that gives headings' links a class the
    # sanitiser removes, in a text with none of the four characters.
    renderer = sanitise.AuthorMarkdown(["toc"], {"toc": {"permalink": True, "permalink_class": "x"}})
    assert renderer.problems("# Plain heading\n")
