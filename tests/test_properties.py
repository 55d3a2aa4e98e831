"""Property-based: whatever an event file holds, the loader accepts it and the outputs parse, or
it rejects it with problems that each name the file and a line inside it. Never anything else."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import icalendar
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXPLAINERS, node_shape, write_folder
from eventsite.outputs import calendar, pages, structured
from eventsite.reading import load
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue

TODAY = dt.date(2014, 11, 20)
anything = st.text(max_size=40)  # any Unicode, control characters included
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)
short_name = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
date_text = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(str)


def sometimes_wrong(draw, valid, wrong=anything):
    """Mostly a valid value, one time in twenty anything at all: accepted files must occur too."""
    return draw(wrong) if draw(st.integers(0, 19)) == 13 else draw(valid)  # not 0: Hypothesis favours ends


@st.composite
def sessions(draw, index: int):
    start = draw(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 30, 20)))
    end = start + dt.timedelta(minutes=draw(st.integers(1, 3 * 24 * 60)))
    session = {
        "id": sometimes_wrong(draw, st.just(f"s{index}"), st.one_of(short_name, anything)),
        "start": sometimes_wrong(draw, st.just(start.strftime("%Y-%m-%d %H:%M")),
                                 st.one_of(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str), anything)),
        "end": sometimes_wrong(draw, st.just(end.strftime("%H:%M") if end.date() == start.date()
                                             else end.strftime("%Y-%m-%d %H:%M"))),
        "venue": sometimes_wrong(draw, st.sampled_from(["melton", "derby"]), st.just("nowhere")),
    }
    status = draw(st.sampled_from(["scheduled", "rescheduled", "postponed", "cancelled"]))
    if status != "scheduled" or draw(st.booleans()):
        session["status"] = sometimes_wrong(draw, st.just(status), st.just("fully booked"))
    if status == "rescheduled":
        session["previous_start"] = (start - dt.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    if draw(st.integers(0, 5)) == 0:  # online, or in person and online
        session["online"] = {"platform": sometimes_wrong(draw, words)}
        if draw(st.booleans()):
            del session["venue"]
    if draw(st.integers(0, 5)) == 0:  # the day is known, the time is not
        session["start"], session["time_to_be_confirmed"] = start.strftime("%Y-%m-%d"), draw(
            st.sampled_from(["yes", "morning"]))
        del session["end"]
    for key, value in [("places_left", st.integers(0, 200)), ("revision", st.integers(0, 10_000)),
                       ("timezone", st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata"]))]:
        if draw(st.booleans()):
            session[key] = sometimes_wrong(draw, value)
    return session


@st.composite
def event_files(draw):
    count = 0 if draw(st.integers(0, 19)) == 13 else draw(st.integers(1, 4))
    event = {"title": sometimes_wrong(draw, words), "summary": sometimes_wrong(draw, words),
             "organiser": sometimes_wrong(draw, st.just("emc"), st.just("nobody")),
             "sessions": [draw(sessions(i)) for i in range(count)]}
    if count == 0 and draw(st.booleans()):  # no date yet
        del event["sessions"]
        event["dates_to_be_confirmed"] = sometimes_wrong(draw, st.sampled_from(["yes", "spring 2015"]))
    optional = {
        "audience": words, "places": st.integers(1, 500), "updated": date_text,
        "price": st.fixed_dictionaries({"amount": st.one_of(st.just("free"), st.decimals(0, 10_000, places=2).map(str))}),
        "booking": st.fixed_dictionaries({"email": st.just("bookings@example.org")},
                                         optional={"url": st.just("https://example.org/book"),
                                                   "phone": st.just("01632 960 637"), "closes": date_text,
                                                   "note": words}),
        "outcomes": st.lists(words, max_size=3), "tags": st.lists(short_name, max_size=3),
        "eligibility": st.lists(words, min_size=1, max_size=2), "draft": st.sampled_from(["yes", "no"]),
        "body": st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
    }
    for key, value in optional.items():
        if draw(st.booleans()):
            event[key] = sometimes_wrong(draw, value)
    if draw(st.integers(0, 19)) == 13:
        event["titel"] = "a typo"
    text = yaml.safe_dump(event, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 9)) == 7:  # sometimes damage the layout too
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["\t", ": :", "- [", "*a ", "&a x", "\x00", "'"])) + text[cut:]
    return text


def check_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_folder(Path(scratch), {})
        (folder / "x.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            catalogue = load_catalogue(folder, EXPLAINERS)
        except InvalidSources as exc:
            lines = max(1, len(text.splitlines()) + 1)
            assert exc.problems
            for problem in exc.problems:
                assert problem.file == "events/x.yml", problem
                assert 1 <= problem.line <= lines, problem
                assert problem.message.strip(), problem
            return
    (event,) = catalogue.events
    raw = calendar.event_calendar(event, page_url="https://e.org/x/", uid_domain="e.org", today=TODAY)
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == len(event.sessions)
    pages.event_view(event, TODAY)
    data = structured.event_json_ld(event, "https://e.org/x/", TODAY)
    assert (data is None) is (not event.sessions)  # an event with no date yet has no schema.org Event
    if data is not None:
        json.loads(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_files())
def test_any_event_file_is_accepted_with_parseable_output_or_rejected_with_located_problems(text):
    check_file(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_any_text_at_all_is_accepted_or_rejected_with_located_problems(text):
    check_file(text)


# --- libyaml and the pure-Python composer -------------------------------------------------------
# load.compose takes libyaml's tree when the text is one where the two composers agree, and
# PyYAML's pure-Python composer otherwise (it words every problem). These tests hold libyaml to
# that: whenever its tree is taken, the pure-Python composer gives the same tree and no problem.

def assert_fast_path_agrees(text: str) -> None:
    fast = load._compose_fast(text)
    if fast is load._DECLINED:
        return
    pure, problems = load._compose_pure(text, "x.yml")
    assert problems == [], (text, problems)
    assert node_shape(fast) == node_shape(pure), text


# Pieces of YAML chosen to reach where libyaml and PyYAML part: anchors and aliases, tags, explicit
# keys, flow collections with '?' or empty values, block scalar headers, comments, quotes, tabs,
# control characters, values PyYAML would convert, and indentation that is almost right. Most
# pieces are ordinary, so that most texts are ones libyaml's tree is taken for.
ORDINARY = ["a", "b c", "'q'", "'it''s'", '"d e"', "1", "01664502637", "no", "~", "", "2014-02-30",
            "10:00", "[a, b]", "[]", "{}", "{a: b}", "[a,\n  b]", "{a: [b, {c: d}]}", "[[a], {b: c}]",
            "|", "|-", ">", ">+", "|2", "| #c", "a # c", "#c", "a:b", "Q & A", "R&D", "x *y",
            "multi\n  line", "text\n\n  para", "'a\n  b'", "a, b", "a] b", "http://x?a=1&b=2"]
ODD = ["a ?", "a ? b", "&x a", "*x", "&y [a, b]", "&z", "!t a", "! a", "!!str 1", "!<tag:a> x", "! [a]",
       "!t [a]", "{a}", "{a, b: c}", "[a: ]", "[: a]", "[a, ?b]", "[a ?]", "{? a}", "? a", "|#", "|-#",
       "a: b", "- a", "-", ":", "?", "%x", "@a", "`a", "a\tb", "\ta", "\ufeff", "\x85", "\u2028", "\x07",
       "[*a]", "{&k a: b}", '"k":v', '{"k":*a}', '"\\e"', "[a, , b]", "{a: }", "[a,]", "{a:\n  }",
       "[a:\n  ]", "{a,\n  b}", "[a, b\n  ?c]", "{a: b,\n  c}", "[\n  a: ]"]
KEYS = ["k", "title", "a b", "'q k'", '"d"', "k2", "x-y"]
ODD_KEYS = ["&a k", "*a", "[a]", "{a: b}", "? k", "", "-", "k:"]


@st.composite
def yaml_like(draw):
    """Lines of keys, values and list items, mostly indented as YAML wants, sometimes not."""
    def piece(ordinary, odd):
        return draw(st.sampled_from(odd if draw(st.integers(0, 15)) == 0 else ordinary))

    lines, indent, dashes = [], 0, {}  # dashes: whether the lines at each indent are list items
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.integers(0, 9)) == 0:
            indent = draw(st.integers(0, 5))  # almost right, or wrong
        if indent not in dashes or draw(st.integers(0, 19)) == 0:
            dashes[indent] = draw(st.sampled_from(["", "", "- ", "- - ", "-"]))
        dash = dashes[indent]
        if draw(st.integers(0, 5)) == 0:  # a value alone: a list item, or a continuation
            lines.append(" " * indent + dash + piece(ORDINARY, ODD))
            continue
        key = piece(KEYS, ODD_KEYS)
        if draw(st.integers(0, 2)) == 0:  # a key whose value follows, indented, on the next lines
            lines.append(f"{' ' * indent}{dash}{key}:")
            indent += len(dash) + draw(st.sampled_from([0, 2, 2, 4]))
            continue
        value = piece(ORDINARY, ODD)
        lines.append(f"{' ' * indent}{dash}{key}:{draw(st.sampled_from([' ', ' ', ' ', '', '  ']))}{value}")
        if value.startswith(("|", ">")):
            lines.append(" " * (indent + len(dash) + 2) + piece(ORDINARY, ODD))
        if draw(st.integers(0, 3)) == 0:
            indent = max(0, indent - 2)
    end = draw(st.sampled_from(["\n", "\n", "\n", "\n", "", "\n\n", " \n", "\n# end\n"]))
    return "\n".join(lines) + end


@st.composite
def yaml_tree(draw, indent=0, depth=0):
    """Block mappings and lists nested as YAML wants, with any piece as a value: the texts are
    mostly well formed, so that odd values are tried where libyaml's tree could be taken."""
    def value():
        text = draw(st.sampled_from(ODD if draw(st.integers(0, 3)) == 0 else ORDINARY))
        return text.replace("\n", "\n" + " " * (indent + 2))  # go on below the value, indented

    is_list, lines = draw(st.booleans()), []
    for _ in range(draw(st.integers(1, 4))):
        head = " " * indent + ("- " if is_list else draw(st.sampled_from(KEYS + ODD_KEYS[:2])) + ":")
        if depth < 3 and draw(st.integers(0, 2)) == 0:
            inner = draw(yaml_tree(indent=indent + draw(st.sampled_from([2, 2, 4])), depth=depth + 1))
            if is_list:  # the first item of a nested block may share the line of its "- "
                lines.append(head + inner.lstrip(" "))
            else:
                lines += [head, inner]
            continue
        text = value()
        lines.append(f"{head}{'' if is_list else ' '}{text}")
        if text.startswith(("|", ">")):
            lines.append(" " * (indent + 2) + "block text")
    return "\n".join(lines)


@settings(max_examples=1000, deadline=None)
@given(yaml_like())
def test_libyaml_tree_is_taken_only_where_the_pure_python_composer_gives_the_same(text):
    assert_fast_path_agrees(text)


@settings(max_examples=1000, deadline=None)
@given(yaml_tree())
def test_libyaml_tree_of_well_formed_text_is_taken_only_where_it_is_the_pure_python_one(text):
    assert_fast_path_agrees(text + "\n")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_files())
def test_libyaml_tree_of_any_event_file_is_the_pure_python_one(text):
    assert_fast_path_agrees(text)


def test_the_example_and_fixture_files_compose_the_same_both_ways():
    root = Path(__file__).resolve().parent.parent
    examples = sorted((root / "events").glob("*.yml"))
    assert examples
    for path in [*examples, *sorted((root / "tests" / "fixtures").rglob("*.yml"))]:
        assert_fast_path_agrees(path.read_text(encoding="utf-8-sig"))
    # Files as authors write them take libyaml's way: that is what keeps validation fast.
    assert all(load._compose_fast(path.read_text(encoding="utf-8-sig")) is not load._DECLINED
               for path in examples)
