"""`make screenshots`: a full-page PNG of every page type at 390 px (phone) and 1280 px (desktop),
and the first screen of each on a 375x667 phone (what a visitor sees before scrolling).

Serves a built site (default site/, which `make screenshots` builds first) on 127.0.0.1 and
photographs each page in Debian's headless Chromium through Playwright, with the same flags as
the browser tests, so nothing leaves the machine. Screenshots go stale with every change to the
look, so they are written outside the repository (default /tmp/eventsite-screenshots/), named
<page>-<width>.png, and <page>-375x667.png for the first screens.

    python tests/browser/screenshots.py [--site SITE_DIR] [--out DIR] [--widths 390,1280]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_support import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOST, ROOT, is_outside  # noqa: E402

# Every page type of the example site (the status fixtures are not part of it).
PAGES = {
    "home": "/",
    "events-index": "/events/",
    "events-filter": "/events/audience/councillors-in-the-east-midlands/",
    "event": "/events/action-planning-for-councillors/",
    "programmes": "/programmes/",
    "programme": "/programmes/action-learning-ambassadors/",
    "explainer": "/explainers/what-is-action-learning/",
    "testimonials": "/testimonials/",
    "calendars": "/calendars/",
    "404": "/404.html",
}

FIRST_SCREEN = (375, 667)  # a small phone's viewport: what tests/browser/test_browser_first_screen.py checks


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def take(site: Path, out: Path, widths: list[int]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{LOCAL_HOST}:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, path in PAGES.items():
                if not (site / path.lstrip("/")).exists() and not (site / path.lstrip("/") / "index.html").exists():
                    print(f"skipped {name}: {path} is not in {site}", file=sys.stderr)
                    continue
                shots = [(width, 900, f"{name}-{width}.png", True) for width in widths]
                shots.append((*FIRST_SCREEN, f"{name}-{FIRST_SCREEN[0]}x{FIRST_SCREEN[1]}.png", False))
                for width, height, file_name, full_page in shots:
                    context = browser.new_context(viewport={"width": width, "height": height})
                    context.route("**/*", lambda r: r.abort() if is_outside(r.request.url) else r.continue_())
                    page = context.new_page()
                    page.goto(base + path, wait_until="networkidle")
                    target = out / file_name
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default site/)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/eventsite-screenshots"))
    parser.add_argument("--widths", default="390,1280", help="viewport widths in px, comma-separated")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site: run make build first")
    written = take(args.site, args.out, [int(w) for w in args.widths.split(",")])
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
