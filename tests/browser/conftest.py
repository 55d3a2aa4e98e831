"""Browser tests: the example site, plus an event file for every status, built once and served on
127.0.0.1, visited in Debian's headless Chromium driven by Playwright for Python.
browser_support.py says what they need and where it comes from."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from browser_support import (copy_site, ANNOUNCEMENTS, CHROMIUM, CHROMIUM_ARGS, FIXTURES, LOCAL_HOST, ROOT, SITE_PARTS, Visit,
                             is_outside, missing_prerequisites)

MISSING = missing_prerequisites()
_skipped = []


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        for line in MISSING:
            terminalreporter.write_line("  missing: " + line, red=True, bold=True)
        terminalreporter.write_line("The accessibility, privacy, keyboard and print checks did NOT run. "
                                    "Under CI=true this fails the run.", red=True, bold=True)


@pytest.fixture(scope="session")
def browser_prerequisites():
    if MISSING:
        message = "browser tests cannot run; missing: " + "; ".join(MISSING)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: a missing browser fails the run)", pytrace=False)
        _skipped.append(True)
        pytest.skip(message)


# --- the site ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built_site(tmp_path_factory, browser_prerequisites) -> Path:
    """A copy of the example site with the status fixtures added to its events/, built --strict."""
    project = tmp_path_factory.mktemp("browser-site")
    copy_site(project)
    for fixture in sorted(FIXTURES.glob("*.yml")) + sorted(ANNOUNCEMENTS.glob("ann-*.yml")):
        shutil.copy2(fixture, project / "events" / fixture.name)
    venues = project / "events" / "_venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8") + (ANNOUNCEMENTS / "venues.yml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return project / "site"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host serves them: the site's own 404.html, with status 404, for a miss."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(built_site):
    handler = functools.partial(_Handler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --- the browser -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(browser_prerequisites):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, base_url):
    """open_page(path, width, height, idle=True) -> Visit: the page loaded in a new context in
    which every request to a host other than 127.0.0.1 is recorded and aborted; with idle, once
    the network has been quiet for half a second."""
    contexts = []

    def open_(path: str, width: int = 1280, height: int = 900, idle: bool = True, **options) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)

        def route(route):
            if is_outside(route.request.url):
                route.abort()
            else:
                route.continue_()

        # Recorded from the context's request events (pages and workers) as well as routed, so
        # a request that a route does not see is still counted.
        context.on("request", lambda r: is_outside(r.url) and visit.outside.append(r.url))
        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(
            f"{m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
        page.goto(base_url + path, wait_until="load")
        if idle:  # wait for late requests (the search worker, its index) to be seen too
            page.wait_for_load_state("networkidle")
        return visit

    yield open_
    for context in contexts:
        try:
            context.close()
        except Exception:  # already closed by the test
            pass
