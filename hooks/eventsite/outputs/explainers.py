"""Explainers: Markdown pages in docs/explainers/ written once and shown on many event pages."""

from __future__ import annotations

import re

FOLDER = "explainers/"


def explainer_id(src_uri: str) -> str | None:
    """'explainers/what-is-action-learning.md' -> 'what-is-action-learning'."""
    if src_uri.startswith(FOLDER) and src_uri.endswith(".md") and src_uri.count("/") == 1:
        return src_uri[len(FOLDER):-3]
    return None


def _title_and_text(markdown: str) -> tuple[str | None, str]:
    """(the '# ' title, the text below it) of an explainer, its front matter left out."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    match = re.search(r"^# (.+)$", text, flags=re.M)
    if match is None:
        return None, text
    return match.group(1).strip(), text[match.end():]


def split_intro(markdown: str) -> tuple[str | None, str, bool]:
    """(title, the text before the first '## ' section, whether more follows) of an explainer."""
    title, text = _title_and_text(markdown)
    parts = re.split(r"^## ", text, maxsplit=1, flags=re.M)
    return title, parts[0].strip() + "\n", len(parts) > 1


def whole(markdown: str) -> tuple[str | None, str]:
    """(title, the whole text below the title) of an explainer, for a page that shows it in
    full, such as a brochure: its sections move one level down, under the explainer's title."""
    title, text = _title_and_text(markdown)
    return title, re.sub(r"^(#{2,5}) ", r"#\1 ", text, flags=re.M).strip() + "\n"
