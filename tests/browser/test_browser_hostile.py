"""Pages built from hostile author text, in Chromium: nothing the author wrote runs, nothing leaves
127.0.0.1, and the Content-Security-Policy is in force without getting in the site's own way.

The build refuses such text; here a test hook (tests/hostile_text.py) makes validation accept it,
as if the check had a hole, so that the pages exist and show what rendering alone does with it.
Every handler in the text calls alert(), so a surviving one would open a dialog.
"""

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

from browser_support import copy_site, CHROMIUM_ARGS, LOCAL_HOST, ROOT, SITE_PARTS, is_outside  # noqa: F401
from hostile_text import accept_hostile_text, add_hostile_files

PAGES = {"event": "/events/hostile-event/", "programme": "/programmes/hostile-programme/",
         "events-index": "/events/", "404": "/404.html"}
AUTHOR_TEXT = ".event__body, .brochure__intro, .option__description"

# Recorded before any of the page's own scripts run (an init script is not subject to the policy).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, browser_prerequisites):
    project = tmp_path_factory.mktemp("browser-hostile")
    copy_site(project)
    add_hostile_files(project)
    accept_hostile_text(project)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env.update(NO_MKDOCS_2_WARNING="1", EVENTS_PDF="no")
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=project,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    handler = functools.partial(_Quiet, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def visit(browser, hostile_url):
    """visit(path) -> (page, record): the page loaded in a fresh context that aborts and records
    every request to another host, and records dialogs, console errors and policy violations."""
    contexts = []

    def open_(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        record = {"outside": [], "dialogs": [], "console": [], "failed": []}
        context.on("request", lambda r: is_outside(r.url) and record["outside"].append(r.url))
        context.on("requestfailed", lambda r: record["failed"].append((r.url, r.failure)))
        context.route("**/*", lambda route: route.abort() if is_outside(route.request.url) else route.continue_())
        page = context.new_page()
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("dialog", lambda d: (record["dialogs"].append(d.message), d.dismiss()))
        page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
        page.on("pageerror", lambda e: record["console"].append(f"uncaught: {e}"))
        page.goto(hostile_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, record

    yield open_
    for context in contexts:
        context.close()


def _touch_everything(page) -> None:
    """Hover, focus and click what the author wrote, as a visitor might."""
    for element in page.locator(f":is({AUTHOR_TEXT}) :is(a, img, p, h2, li, blockquote)").all():
        if element.is_visible():
            element.hover()
            element.focus()
    for link in page.locator(f":is({AUTHOR_TEXT}) a:not([href])").all():
        link.click()
    page.wait_for_timeout(300)


@pytest.mark.parametrize("name", ["event", "programme"])
def test_hostile_text_runs_nothing_and_requests_nothing_elsewhere(visit, name):
    page, record = visit(PAGES[name])
    assert page.locator(AUTHOR_TEXT).first.inner_text().count("An ordinary first paragraph.") == 1
    _touch_everything(page)
    handlers = page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(e =>
        Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
    addresses = page.evaluate("""() => Array.from(document.querySelectorAll('[href], [src]')).map(e =>
        e.getAttribute('href') || e.getAttribute('src')).filter(u => /^\\s*(javascript|vbscript|data):|^\\s*[\\\\/]{2}/i.test(u))""")
    assert handlers == [] and addresses == []
    assert page.locator(f":is({AUTHOR_TEXT}) :is(script, iframe, svg, object, embed, style)").count() == 0
    assert record["dialogs"] == [] and record["outside"] == []
    assert record["console"] == [] and page.evaluate("window.__violations") == []
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1


@pytest.mark.parametrize("name", ["events-index", "404"])
def test_the_policy_does_not_get_in_the_sites_way(visit, name):
    page, record = visit(PAGES[name])
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert record["console"] == [] and page.evaluate("window.__violations") == []
    assert record["dialogs"] == [] and record["outside"] == []


def test_the_policy_refuses_inline_script_and_other_hosts(visit):
    page, record = visit(PAGES["event"])
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true; alert(1)';
        document.body.append(script);
        const image = document.createElement('img');
        image.src = 'https://evil.example/pixel.png';
        document.body.append(image);
    }""")
    page.wait_for_timeout(300)
    violations = page.evaluate("window.__violations")
    assert page.evaluate("window.__ran") is None and record["dialogs"] == []
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") and "evil.example" in v for v in violations), violations
    # Chromium announces the image's request, then stops it itself: it never reaches the network.
    assert record["failed"] == [("https://evil.example/pixel.png", "csp")]


def test_search_works_under_the_policy(visit):
    page, record = visit("/")
    page.keyboard.press("/")
    page.keyboard.type("hostile")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert "hostile" in page.locator(".md-search-result").inner_text().lower()
    assert record["console"] == [] and page.evaluate("window.__violations") == []
    assert record["dialogs"] == [] and record["outside"] == []
