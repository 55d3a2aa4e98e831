"""The web editor, driven through its form in Chromium, on a copy of the example site run as
`make edit` runs it (hooks/eventsite/cli.py edit: decap-server writing to the copy, mkdocs serve
--dirty serving the site and /admin/).

Through the form only, as an author would: a new venue, a new event with two sessions there, one
session's time changed, the other cancelled. Then make check passes on the files the editor
wrote, the served site showed each change within seconds, and a build shows them on the event's
page and in its .ics. The editor page logs no console error and asks nothing of any host but
127.0.0.1. Beyond the other browser tests' needs, this needs Node.js and decap-server (make test
installs it with npm ci in editor/); without them it skips, and fails under CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser_support import copy_site, LOCAL_HOST, ROOT, SITE_PARTS, Visit, is_outside

SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
BIN = Path(sys.executable).parent
SLUG = "action-learning-taster-at-county-hall"
SAVED_WITHIN = 60  # seconds from saving in the form to the served page showing the change (measured: see the README)


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "Node.js (the editor's local server, decap-server, runs on it)"
    if not SERVER.is_file():
        return f"decap-server at {SERVER.relative_to(ROOT)} (`make test` runs `npm ci` in editor/; it needs npm)"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _until(page, condition, seconds: float, what: str):
    """``condition()``'s first true value, asked every 0.2 s for ``seconds``; fails naming ``what``,
    with what the editor shows and a screenshot. It waits with the page, not time.sleep: the sync
    Playwright API runs the test's request handler (which keeps requests on 127.0.0.1) only while
    the test is inside one of its calls, and a request left unhandled would stall the editor."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            shot = Path(os.environ.get("TMPDIR", "/tmp")) / "editor-test-failure.png"
            page.screenshot(path=str(shot), full_page=True)
            alerts = page.locator("[role=alert], .Toastify__toast").all_inner_texts()
            pytest.fail(f"{what} did not happen within {seconds} s; the editor shows {alerts!r} (screenshot: {shot})")
        page.wait_for_timeout(200)


@pytest.fixture(scope="module")
def editing(tmp_path_factory, browser_prerequisites):
    """A copy of the example site, served with its editor as `make edit` does: (folder, base URL)."""
    missing = _missing()
    if missing:
        message = f"the web editor's browser test cannot run; missing: {missing}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true)", pytrace=False)
        pytest.skip(message)
    project = tmp_path_factory.mktemp("editor-site")
    copy_site(project)
    # The editor's files and its installed local server (copied with their times, so that the
    # server is not installed again).
    shutil.copytree(ROOT / "editor", project / "editor", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "vendor.py"))
    site_port, editor_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    log = open(project / "edit.log", "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "hooks/eventsite/cli.py", "edit", "--site-port", str(site_port),
                                "--editor-port", str(editor_port)], cwd=project, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://{LOCAL_HOST}:{site_port}"
    try:
        deadline = time.monotonic() + 120
        while _get(base + "/admin/")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("make edit did not start:\n" + (project / "edit.log").read_text(encoding="utf-8"))
            time.sleep(0.3)
        yield project, base
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: it stops decap-server and mkdocs serve
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _field(page, label: str):
    """The visible input labelled ``label`` (Decap adds " (optional)" to optional fields), the last if several."""
    return page.get_by_label(re.compile(r"^" + re.escape(label) + r"( \(optional\))?$", re.I)).filter(visible=True).last


def _pick(page, label: str, option: str) -> None:
    box = _field(page, label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option).first.click()


def _expand(page, summary: str) -> None:
    """Open a folded list item, found by the summary its top bar shows."""
    page.get_by_text(summary, exact=True).locator("xpath=preceding-sibling::div[1]//button[1]").click()


def _no_axe_violations(page, what: str) -> None:
    """axe-core's WCAG 2.x A and AA rules on the editor as it stands (editor.js names the list
    controls Decap leaves unnamed)."""
    from browser_support import describe_violations, run_axe
    violations = run_axe(page)["violations"]
    assert not violations, f"{what}:\n{describe_violations(violations)}"


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("menuitem", name="Publish now").click()


def test_an_author_adds_an_event_at_a_new_venue_then_moves_and_cancels_its_sessions(editing, browser):
    project, base = editing
    events = project / "events"
    venues_before = (events / "_venues.yml").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(page)
    context.on("request", lambda r: is_outside(r.url) and visit.outside.append(r.url))
    context.route("**/*", lambda route: route.abort() if is_outside(route.request.url) else route.continue_())
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))

    page.goto(base + "/admin/")
    page.get_by_role("button", name="Login").click()  # the local server's: no account, no password

    # The example's programme and its shared files open in the form (every kind of field they use).
    page.get_by_role("link", name="Programmes", exact=True).click()
    page.get_by_role("link", name="Action Learning ambassadors for Sector Skills Councils").click()
    page.get_by_text("2 options").wait_for()  # its list of options, folded
    assert _field(page, "Title").input_value() == "Action Learning ambassadors for Sector Skills Councils"
    _no_axe_violations(page, "the programme's form")
    page.get_by_role("link", name=re.compile("Writing in Programmes")).click()

    # The example event's title changed: the file changes in that line alone (its comments, folded
    # text and schema line stay byte for byte).
    example = events / "action-planning-for-councillors.yml"
    before = example.read_text(encoding="utf-8")
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Action planning for councillors using action learning").click()
    _field(page, "Title").fill("Action planning for councillors")
    _publish(page)
    changed = before.replace("title: Action planning for councillors using action learning\n",
                             "title: Action planning for councillors\n")
    _until(page, lambda: example.read_text(encoding="utf-8") == changed, SAVED_WITHIN, "saving the title alone")
    page.get_by_role("link", name=re.compile("Writing in Events")).click()

    # A new venue, in the shared list of venues.
    page.get_by_role("link", name="Venues, organisers and testimonials").click()
    page.get_by_text("Venues", exact=True).last.click()
    page.get_by_role("button", name="Add venue").click()
    _field(page, "Short name (id)").fill("county-hall")
    _field(page, "Name").fill("County Hall")
    for line in ("Glenfield", "Leicester"):
        page.get_by_role("button", name="Add address line").last.click()
        _field(page, "Address line").fill(line)
    _field(page, "Postcode").fill("LE3 8RA")
    _publish(page)
    _until(page, lambda: "county-hall:" in (events / "_venues.yml").read_text(encoding="utf-8"), SAVED_WITHIN,
           "saving the venue")

    # A new event with two sessions there.
    page.get_by_role("link", name=re.compile("Writing in Venues")).click()  # back to the collections
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Create entry of type Event").click()
    _field(page, "Title").fill("Action learning taster at County Hall")
    _field(page, "Summary").fill("A free half-day taster of action learning for council officers.")
    _pick(page, "Organiser", "East Midlands Councils")
    for session, start in (("jan-2015", "2015-01-20 10:00"), ("feb-2015", "2015-02-17 10:00")):
        page.get_by_role("button", name="Add session").click()
        _field(page, "Short name (id)").fill(session)
        _field(page, "Start").fill(start)
        _field(page, "End").fill("13:00")
        _pick(page, "Venue", "County Hall")
    _no_axe_violations(page, "the new event's form, its two sessions open")
    _publish(page)
    saved = time.monotonic()
    # Its notice ("Entry saved") stays a few seconds, over the form axe may be checking: white on
    # Decap's green is 2.55:1, so editor.css darkens it (5.4:1).
    toast = page.wait_for_selector(".Toastify__toast--success", timeout=20_000)
    assert toast.evaluate("t => getComputedStyle(t).backgroundColor") == "rgb(42, 122, 46)"
    event_file = events / f"{SLUG}.yml"
    _until(page, event_file.is_file, SAVED_WITHIN, "saving the new event")
    event_url = f"{base}/events/{SLUG}/"
    _until(page, lambda: (lambda r: r[0] == 200 and "County Hall" in r[1])(_get(event_url)), SAVED_WITHIN,
           "the new event's page appearing on the served site")
    shown_after = time.monotonic() - saved
    print(f"\nsaving a new event to its page on the served site: {shown_after:.1f} s")

    # One session moved half an hour, the other cancelled.
    page.get_by_role("link", name=re.compile("Writing in Events collection")).click()
    page.get_by_role("link", name="Action learning taster at County Hall").click()
    _expand(page, "jan-2015 2015-01-20 10:00")
    _field(page, "Start").fill("2015-01-20 10:30")
    _field(page, "End").fill("13:30")
    _expand(page, "feb-2015 2015-02-17 10:00")
    _pick(page, "Status", "cancelled")
    _publish(page)
    _until(page, lambda: "status: cancelled" in event_file.read_text(encoding="utf-8"), SAVED_WITHIN,
           "saving the changes")
    _until(page, lambda: (lambda r: "10:30" in r[1] and "ancelled" in r[1])(_get(event_url)), SAVED_WITHIN,
           "the changes appearing on the served site")

    assert visit.problems() == [], "the editor page:\n" + "\n".join(visit.problems())
    context.close()
    assert shown_after < SAVED_WITHIN

    # The files the form wrote: only what was added, in the format's order, every other line kept.
    assert (events / "_venues.yml").read_text(encoding="utf-8") == venues_before + (
        "county-hall:\n  name: County Hall\n  address:\n    - Glenfield\n    - Leicester\n  postcode: LE3 8RA\n")
    assert event_file.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/event.schema.json\n\n"
        "title: Action learning taster at County Hall\n"
        "summary: A free half-day taster of action learning for council officers.\n"
        "organiser: east-midlands-councils\n"
        "sessions:\n"
        "  - id: jan-2015\n    start: 2015-01-20 10:30\n    end: 13:30\n    venue: county-hall\n"
        "  - id: feb-2015\n    start: 2015-02-17 10:00\n    end: 13:00\n    venue: county-hall\n    status: cancelled\n")


def test_make_check_passes_and_a_build_shows_the_changes_in_pages_and_calendars(editing):
    project, _ = editing
    if not (project / "events" / f"{SLUG}.yml").is_file():
        pytest.skip("the editing test did not get as far as saving the event")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    check = subprocess.run([sys.executable, "hooks/eventsite/cli.py", "check"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "2 venues" in check.stdout
    out = project / "built"
    build = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (out / "events" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "County Hall" in page and "Glenfield" in page and "LE3 8RA" in page
    assert "Tuesday 20 January 2015, 10:30am to 1:30pm" in page
    assert re.search(r"Tuesday 17 February 2015.{0,400}[Cc]ancelled|[Cc]ancelled.{0,400}Tuesday 17 February 2015",
                     re.sub(r"<[^>]+>", " ", page), re.S)
    from icalendar import Calendar

    ics = Calendar.from_ical((out / "events" / f"{SLUG}.ics").read_bytes())
    sessions = {str(e["UID"]).split("@")[0]: e for e in ics.walk("VEVENT")}
    assert len(sessions) == 2, list(sessions)
    january = next(e for uid, e in sessions.items() if "jan-2015" in uid)
    february = next(e for uid, e in sessions.items() if "feb-2015" in uid)
    assert january.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2015-01-20 10:30"
    assert january.decoded("DTEND").strftime("%H:%M") == "13:30"
    assert str(january["STATUS"]) == "CONFIRMED" and "County Hall" in str(january["LOCATION"])
    assert str(february["STATUS"]) == "CANCELLED"


# --- the published site: signing in with a GitHub token --------------------------------------------

HOST = "events.example.org"  # the published site's name, mapped to 127.0.0.1 in this browser


@pytest.fixture(scope="module")
def published(tmp_path_factory, browser_prerequisites):
    """A build of the example site whose editor publishes to a GitHub repository, served as a host
    serves it, under a name that is not 127.0.0.1 (where the editor would look for the local server)."""
    project = tmp_path_factory.mktemp("published-site")
    for part in (*SITE_PARTS, "editor/admin"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  events:\n", "  events:\n    editor:\n      repo: my-council/events\n", 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    build = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, env=env, capture_output=True,
                           text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", LOCAL_HOST],
                              cwd=project / "site", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while _get(f"http://{LOCAL_HOST}:{port}/admin/")[0] != 200:
            if time.monotonic() > deadline:
                pytest.fail("the static server did not start")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_on_the_published_site_an_editor_signs_in_with_a_github_token(published, browser):
    from browser_support import CHROMIUM, CHROMIUM_ARGS, describe_violations, run_axe

    # The published site's name leads to 127.0.0.1 here; and a page there is a secure context, as a
    # site on GitHub Pages (https) is: Decap CMS needs one (crypto.randomUUID).
    origin = f"http://{HOST}:{published}"
    named = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=[
        *CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} {LOCAL_HOST}",
        f"--unsafely-treat-insecure-origin-as-secure={origin}"])
    try:
        context = named.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        asked, outside, errors = [], [], []

        def route(route):
            url = route.request.url
            if url.startswith(origin + "/"):
                route.continue_()
            elif url.startswith("https://api.github.com/"):
                asked.append((url, route.request.headers.get("authorization")))
                route.fulfill(status=401, content_type="application/json",
                              body='{"message": "Bad credentials"}')
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        page.goto(origin + "/admin/")
        page.get_by_role("heading", name="Sign in to edit the events").wait_for()
        violations = run_axe(page)["violations"]
        assert not violations, describe_violations(violations)
        assert errors == []  # the sign-in page itself logs nothing
        token = page.get_by_label("Your GitHub token")
        assert token.get_attribute("type") == "password"
        token.fill("github_pat_for_this_test")
        page.get_by_role("button", name="Sign in").click()
        refusal = page.locator("#github-token-error")  # the form's own alert, tied to the input
        refusal.wait_for()
        assert refusal.get_attribute("role") == "alert" and refusal.inner_text().strip()
        assert token.get_attribute("aria-invalid") == "true"
        assert "github-token-error" in token.get_attribute("aria-describedby")
        # Decap's GitHub backend asked GitHub, with the token, and nothing else.
        assert asked and all(auth == "token github_pat_for_this_test" for _, auth in asked), asked
        assert outside == []  # no githubstatus.com, no CDN, nothing but GitHub's API
        context.close()
    finally:
        named.close()
