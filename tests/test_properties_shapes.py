"""Property-based: the example's event, programme and shared files, with any value replaced by a value
of any shape (text, a number, a list, a set of fields, nothing) or any key removed, are accepted
with output that parses, or rejected with problems that each name the file and a line in it.

The generators in test_properties.py write values of the right shape, with wrong text now and
then; this file is about the other mistake an author makes: a list where text belongs
(``- [a, b]``), a set of fields where a list belongs, a key dropped by a bad paste. It found a
bullet that was not text stopping the build with a TypeError.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import textwrap
from pathlib import Path

import icalendar
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsite.model import when
from eventsite.outputs import brochure, brochure_pdf, calendar, pages, programme_calendar, statement, structured
from eventsite.reading import project
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
EXPLAINERS = {p.stem for p in (ROOT / "docs" / "explainers").glob("*.md")}
TODAY = dt.date(2014, 11, 20)
# BaseLoader: every value stays the text it was (safe_load reads 13:00 as the number 780).
EVENT = yaml.load((EVENTS / "action-planning-for-councillors.yml").read_text(encoding="utf-8"), yaml.BaseLoader)
PROGRAMME = yaml.load((EVENTS / "action-learning-ambassadors.yml").read_text(encoding="utf-8"), yaml.BaseLoader)

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
any_shape = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 10_000), text, st.dates().map(str)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=2)),
    max_leaves=6)


def paths(value, here=()) -> list[tuple]:
    """The path of every value inside a document: keys and list positions."""
    found = [here] if here else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found += paths(child, here + (key,))
    return found


@st.composite
def mutated(draw, document: dict) -> str:
    """The document as YAML, with one to three values replaced or removed."""
    document = json.loads(json.dumps(document))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(document)))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.integers(0, 3)) == 0:
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(any_shape)
        if not paths(document):
            break
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def check(text_: str, name: str = "x.yml") -> None:
    """``text_`` as events/``name``, beside the example's other files (its shared files, and
    its event and programme when ``name`` is a shared file)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "events"
        folder.mkdir()
        for other in EVENTS.glob("_*.yml" if name == "x.yml" else "*.yml"):
            shutil.copy(other, folder / other.name)
        (folder / name).write_text(text_, encoding="utf-8", errors="surrogatepass")
        texts = {f"events/{p.name}": p.read_text(encoding="utf-8", errors="surrogatepass")
                 for p in folder.glob("*.yml")}
        try:
            catalogue = load_catalogue(folder, EXPLAINERS)
        except InvalidSources as exc:
            assert exc.problems
            for problem in exc.problems:
                # A broken shared file may also leave an event naming what it no longer holds.
                assert problem.file in texts, problem
                assert 1 <= problem.line <= max(1, len(texts[problem.file].splitlines()) + 1), problem
                assert problem.message.strip(), problem
            return
    for event in catalogue.events:
        raw = calendar.event_calendar(event, page_url="https://e.org/x/", uid_domain="e.org", today=TODAY)
        assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == len(event.sessions)
        pages.event_view(event, TODAY)
        data = structured.event_json_ld(event, "https://e.org/x/", TODAY)
        if data is not None:
            json.loads(data)
    for programme in catalogue.programmes:
        view = brochure.programme_view(programme, TODAY)
        # The PDF is tagged (PDF/UA-1, which Typst checks as it writes): no author's text, of any
        # shape, may stop it, nor be read as Typst markup.
        pdf = brochure_pdf.brochure_pdf(view, intro_html="", explainers=[], page_url="https://e.org/p/")
        assert pdf.startswith(b"%PDF-")
        files = programme_calendar.programme_calendars(programme, page_url="https://e.org/p/",
                                                       uid_domain="e.org", today=TODAY)
        for raw in files.values():
            assert icalendar.Calendar.from_ical(raw).walk("VEVENT")


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated(EVENT))
def test_an_event_file_with_values_of_any_shape_is_accepted_or_rejected_with_located_problems(text_):
    check(text_)


@SETTINGS
@given(mutated(PROGRAMME))
def test_a_programme_file_with_values_of_any_shape_is_accepted_or_rejected_with_located_problems(text_):
    check(text_)


SHARED = {name: yaml.load((EVENTS / name).read_text(encoding="utf-8"), yaml.BaseLoader)
          for name in ("_venues.yml", "_organisers.yml", "_testimonials.yml")}


@SETTINGS
@given(st.sampled_from(sorted(SHARED)).flatmap(lambda name: st.tuples(st.just(name), mutated(SHARED[name]))))
def test_a_shared_file_with_values_of_any_shape_is_accepted_or_rejected_with_located_problems(case):
    name, text_ = case
    check(text_, name)


# mkdocs.yml's extra: events: block, where a site's staff set the event settings.
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
BLOCK = slice(CONFIG.index("  events:\n"), CONFIG.index("\nnav:"))
SETTINGS_DOCUMENT = yaml.load(CONFIG[BLOCK], yaml.BaseLoader)["events"]


@SETTINGS
@given(mutated(SETTINGS_DOCUMENT))
def test_settings_of_any_shape_are_accepted_or_rejected_with_located_problems(block):
    config = CONFIG[:BLOCK.start] + "  events:\n" + textwrap.indent(block, "    ") + CONFIG[BLOCK.stop:]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "events").mkdir()
        (root / "mkdocs.yml").write_text(config, encoding="utf-8", errors="surrogatepass")
        settings, problems = project.read_settings(root)
        problems += project.check_settings(settings)
        _, found = statement.read_statement(settings.accessibility, "mkdocs.yml")
        problems += found
    lines = len(config.splitlines())
    for problem in problems:
        assert problem.file == "mkdocs.yml" and 1 <= problem.line <= lines, problem
        assert problem.message.strip(), problem
    if not problems:  # what a build then uses
        when.today(settings.today)
        project.brand(settings)
        assert settings.feed_refresh_hours >= 1 and settings.feed_keep_past_days >= 0


def test_the_unchanged_examples_are_accepted():
    # Without this, a mutation-free document rejected for another reason would pass unseen.
    for document in (EVENT, PROGRAMME):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "events"
            folder.mkdir()
            for shared in EVENTS.glob("_*.yml"):
                shutil.copy(shared, folder / shared.name)
            (folder / "x.yml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
            catalogue = load_catalogue(folder, EXPLAINERS)
            assert len(catalogue.events) + len(catalogue.programmes) == 1
