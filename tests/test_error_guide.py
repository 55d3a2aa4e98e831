"""The authors' list of messages (docs/guide/errors.md) explains every message the code can print."""

from __future__ import annotations

import re
from textwrap import dedent

from conftest import ROOT, TASTER, problems_in, write_folder
from eventsite import error_guide


def test_every_message_in_the_code_is_explained():
    missing = [f"{t.module}.py:{t.line}: {t.text}" for t in error_guide.templates() if error_guide.entry_for(t) is None]
    assert not missing, ("these messages are not in the authors' guide; add an Entry for each to ENTRIES in "
                         "hooks/eventsite/error_guide.py, then run make error-guide:\n" + "\n".join(missing))


def test_every_explanation_still_has_its_message():
    used = {error_guide.entry_for(t) for t in error_guide.templates()}
    stale = [e.matches for e in error_guide.ENTRIES if e not in used]
    assert not stale, f"entries in error_guide.ENTRIES that no message uses any more: {stale}"


def test_the_committed_page_is_what_make_error_guide_writes():
    page = ROOT / error_guide.PAGE
    assert page.read_text(encoding="utf-8") == error_guide.render(), "run make error-guide and commit the result"


def test_the_page_is_in_the_site_navigation():
    assert "guide/errors.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def _pattern(text: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in text.split(error_guide.GAP)), re.S)


def test_messages_a_real_check_prints_are_among_the_templates(tmp_path):
    """The templates are read from source: make sure real messages match them, so the reading is right."""
    bad = dedent(TASTER).replace("title: Action planning for councillors", "titel: x") + dedent("""\
        places: eight
        price: {amount: £5}
        booking: {note: ring us}
        explainers: [nothing-here]
        """).replace("end: 13:00", "end: 09:00")
    bad = bad.replace("end: 13:00", "end: 09:00").replace("venue: melton", "venue: town-hall")
    problems = problems_in(write_folder(tmp_path, {"taster.yml": bad, "Bad Name.yml": TASTER}))
    assert len(problems) >= 6
    templates = [_pattern(t.text) for t in error_guide.templates()]
    for problem in problems:
        assert any(p.search(problem) for p in templates), problem


def test_templates_are_read_from_every_kind_of_call():
    texts = [t.text for t in error_guide.templates()]
    for expected in ("unknown field; …", "YAML aliases (*name) are not allowed", "is not a real date",
                     "has the year …, outside … to …", "a fully booked session keeps status: scheduled",
                     "'…' has the year …, outside … to …; expected YYYY-MM-DD"):
        assert any(expected in t for t in texts), expected
