"""What the browser tests share: the pages they visit, what they need, and axe-core.

The tests need, beyond requirements.lock:
- Chromium: Debian's package (`apt-get install chromium`, done by .ci/run), at /usr/bin/chromium
  or $CHROMIUM. Playwright's own browser download is never used (it cannot work here).
- axe-core: the npm package pinned in tests/browser/package-lock.json, installed by `make test`
  with `npm ci` into tests/browser/node_modules and injected into each page from that file.
Where one is missing the tests skip with a loud message, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "statuses"
# Real announcements (details to come, whole days, agendas, parallel sets, Welsh); its venues.yml
# is added to the example's _venues.yml.
ANNOUNCEMENTS = ROOT / "tests" / "fixtures" / "announcements"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
# Debian's Chromium as root in a container, on a machine with no network but the registries:
# without the background-networking flags it keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SITE_PARTS = ("mkdocs.yml", "docs", "events", "hooks", "overrides")
LOCAL_HOST = "127.0.0.1"
WIDTHS = {"desktop": 1280, "mobile": 390}

# Every page type, by what it is. The status pages come from tests/fixtures/statuses/.
PAGES = {
    "home": "/",
    "events-index": "/events/",
    "events-filter": "/events/organiser/east-midlands-councils/",  # a filter of the index, no script
    "event": "/events/action-planning-for-councillors/",
    "explainer": "/explainers/what-is-action-learning/",
    "testimonials": "/testimonials/",
    "404": "/404.html",
    "programmes": "/programmes/",
    "programme": "/programmes/action-learning-ambassadors/",
    "calendars": "/calendars/",
    "cancelled": "/events/status-cancelled/",
    "postponed": "/events/status-postponed/",
    "rescheduled": "/events/status-rescheduled/",
    "fully-booked": "/events/status-fully-booked/",
    "booking-closed": "/events/status-booking-closed/",
    "past": "/events/status-past/",
    # The longest unbroken words an author may write (an address, a link): they wrap at 320 px.
    "long-words": "/events/long-words/",
    # Announcements made before everything is known, and richer sessions (tests/fixtures/announcements/).
    "details-to-come": "/events/ann-details-to-come/",
    "platform-to-come": "/events/ann-online-platform-to-come/",
    "residential": "/events/ann-residential/",
    "launch-and-finale": "/events/ann-launch-and-finale/",
    "parallel-sets": "/events/ann-parallel-sets/",
    "welsh": "/events/ann-welsh/",
}
EVENT_PAGES = {k: v for k, v in PAGES.items()
               if v.startswith("/events/") and k not in ("events-index", "events-filter")}


def copy_site(project: Path) -> Path:
    """A copy of the example site's sources (SITE_PARTS) in ``project``, for a browser test to build."""
    import shutil
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    return project


def missing_prerequisites() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to get it."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (`make test` installs it from requirements.lock)")
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (as root on Debian: `apt-get update && apt-get install -y "
                       "chromium`, which .ci/run does; or set CHROMIUM=/path/to/chromium)")
    if not AXE_JS.is_file():
        missing.append(f"axe-core at {AXE_JS.relative_to(ROOT)} (`make test` runs `npm ci` in tests/browser; "
                       "it needs Node.js and npm)")
    return missing


def is_outside(url: str) -> bool:
    """True for a request to any host but 127.0.0.1 (data: and blob: URLs stay in the page)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return False
    return parts.hostname != LOCAL_HOST


@dataclass
class Visit:
    """One page in a fresh browser context, with what it asked for and what it complained of."""
    page: object
    outside: list[str] = field(default_factory=list)   # requests to any host but 127.0.0.1
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"request left 127.0.0.1: {u}" for u in self.outside]
                + [f"console error: {m}" for m in self.console_errors])


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def run_axe(page) -> dict:
    """axe-core's results for the page, limited to the WCAG 2.0, 2.1 and 2.2 A and AA rules."""
    # Evaluated through the browser's debugging protocol, not added as a <script>: the pages'
    # Content-Security-Policy (rightly) refuses an inline script it does not know.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: "
                         f"{node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)
