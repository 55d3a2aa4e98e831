"""Hostile author Markdown: each way found of getting script, or a request to another site, into a
page through an event's or a programme's text. Shared by the sanitiser's unit, property, build and
browser tests (tests/test_sanitise*.py, tests/browser/test_browser_hostile.py).

Each handler calls alert(1), so that a browser test sees a dialog if one ever survives; images that
should load are the site's own favicon, so that a surviving onload would fire and no 404 is logged.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import indent

OWN_IMAGE = "/assets/images/favicon.png"  # Material's, in every built site

# name -> (Markdown, the 0-based line of it at which the removal is reported)
HOSTILE_BLOCKS = {
    "attr-list-paragraph": ("A paragraph with handlers.\n{: onclick=\"alert(1)\" onmouseover=\"alert(1)\" }", 1),
    "attr-list-heading": ("## A heading {: onmouseover=\"alert(1)\" }", 0),
    "attr-list-link": ("[a link](https://example.org/){: onfocus=\"alert(1)\" autofocus }", 0),
    "attr-list-image": (f"![the favicon]({OWN_IMAGE}){{: onload=\"alert(1)\" }}", 0),
    "split-link": ("[split across lines](java\nscript:alert(1))", 1),
    "entity-link": ("[entity-encoded](jav&#x61;script:alert(1))", 0),
    "tab-entity-link": ("[tab inside](java&#x09;script:alert(1))", 0),
    "mixed-case-link": ("[mixed case]( JaVaScRiPt:alert(1) )", 0),
    "angle-link": ("[in angle brackets](<javascript:alert(1)>)", 0),
    "vbscript-link": ("[vbscript](vbscript:msgbox(1))", 0),
    "data-link": ("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)", 0),
    "reference-in-quote": ("> [quoted][q]\n>\n> [q]: javascript:alert(1)", 2),
    "reference-in-list": ("- [listed][l]\n\n    [l]: javascript:alert(1)", 2),
    "reference-at-end": ("[by reference][r]\n\n[r]: JAVASCRIPT:alert(1)", 2),
    "raw-script": ("<script>alert(1)</script>", 0),
    "raw-iframe": ("<iframe src=\"https://evil.example/\"></iframe>", 0),
    "raw-svg": ("Text <svg/onload=alert(1)> more", 0),
    "raw-img-handler": (f"<img src=\"{OWN_IMAGE}\" onload=\"alert(1)\">", 0),
    "raw-link": ("<a href=\"javascript:alert(1)\">raw link</a>", 0),
    "external-image": ("![a tracker](https://evil.example/pixel.png)", 0),
    "protocol-relative-image": ("![another tracker](//evil.example/pixel.png)", 0),
    "protocol-relative-link": ("[away](//evil.example/)", 0),
    "backslash-relative-link": ("[away too](/\\evil.example/)", 0),
    "autolink": ("<javascript:alert(1)>", 0),
}


def hostile_body() -> tuple[str, dict[str, int]]:
    """Every block in one Markdown text, a paragraph between each: the text, and each block's
    first line in it (0-based)."""
    parts, starts, line = ["An ordinary first paragraph."], {}, 2
    for name, (text, _) in HOSTILE_BLOCKS.items():
        starts[name] = line
        parts.append(text)
        line += text.count("\n") + 2
    return "\n\n".join(parts) + "\n", starts


def yaml_block(key: str, text: str, depth: int) -> str:
    """``key: |`` and the text, indented ``depth`` levels of two spaces."""
    pad = "  " * depth
    return f"{pad}{key}: |\n" + indent(text, pad + "  ", lambda line: line.strip() != "") + "\n"


def hostile_event(organiser: str, venue: str) -> str:
    body, _ = hostile_body()
    return (f"title: A hostile event\nsummary: Its body tries every way in.\norganiser: {organiser}\n"
            f"sessions:\n  - id: one\n    start: 2014-12-11 10:00\n    end: 13:00\n    venue: {venue}\n"
            + yaml_block("body", body, 0))


def hostile_programme(organiser: str, body: str | None = None, description: str | None = None) -> str:
    """A programme whose body and first option's description are ``body`` and ``description``
    (by default, every block in hostile_body)."""
    every, _ = hostile_body()
    body, description = every if body is None else body, every if description is None else description
    return (f"kind: programme\ntitle: A hostile programme\nsummary: Its texts try every way in.\n"
            f"organiser: {organiser}\n" + yaml_block("body", body, 0)
            + "options:\n  - id: first\n    title: The first option\n    summary: One to choose.\n"
            + yaml_block("description", description, 2)
            + "    parts:\n      - id: part\n        title: The part\n        days: 1\n        dates: [2014-12-11]\n")


def body_lines(file_text: str, key: str) -> int:
    """The 1-based file line of the first line of text after ``key: |`` (the first such key)."""
    lines = file_text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip() == f"{key}: |") + 1


# A hook a test adds after hooks/site.py: validation accepts the hostile text, as if the check had
# a hole, so that the pages are built and the tests can see that rendering alone neutralises it.
ACCEPTING_HOOK = '''\
def on_config(config):
    build = config["eventsite_build"]

    class Accepting(type(build.markdown)):
        def problems(self, text):
            return []

    build.markdown = Accepting(build.markdown.extensions, build.markdown.configs)
    return config
'''


def accept_hostile_text(project: Path) -> None:
    """Make ``project``'s build accept what its check refuses (ACCEPTING_HOOK)."""
    (project / "accepting_hook.py").write_text(ACCEPTING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/site.py\n" in text
    config.write_text(text.replace("  - hooks/site.py\n", "  - hooks/site.py\n  - accepting_hook.py\n"),
                      encoding="utf-8")


def add_hostile_files(project: Path, organiser: str = "east-midlands-councils", venue: str = "emc-melton") -> None:
    events = project / "events"
    (events / "hostile-event.yml").write_text(hostile_event(organiser, venue), encoding="utf-8")
    (events / "hostile-programme.yml").write_text(hostile_programme(organiser), encoding="utf-8")
