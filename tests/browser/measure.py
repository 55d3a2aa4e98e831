"""`make measure`: Lighthouse scores and page weight for visitors, reported, never asserted.

Builds the example site into a temporary folder, serves it on 127.0.0.1 and runs npm Lighthouse
(pinned in tests/browser/lighthouse/package-lock.json) in Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium) on the home page and the event page, with Lighthouse's default mobile
emulation and simulated throttling. It prints the four category scores, the metrics behind the
performance score, what Lighthouse says would make it faster, and the event page's transfer by
resource type.

Each page is measured twice: as a plain static server sends it (python -m http.server, no
compression) and gzip-compressed, as GitHub Pages and most hosts send text. Reports (HTML and
JSON) are kept in OUT (default measure-out/, ignored by git).

    python tests/browser/measure.py [--out DIR] [--site SITE_DIR] [--runs N]

Lighthouse's simulated scores move from run to run (more so on a busy 2-core machine), so each
page is run several times and the median run by performance is reported, with the spread.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_support import CHROMIUM, CHROMIUM_ARGS, HERE, ROOT, SITE_PARTS  # noqa: E402

LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "/", "event": "/events/action-planning-for-councillors/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index"]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    gzip = False

    def log_message(self, *args):
        pass

    def send_head(self):
        """Text files gzip-compressed when the browser accepts it; the rest as the base class does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # its redirect to the folder's address
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wants and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class GzipHandler(Handler):
    gzip = True


def build(dest: Path) -> Path:
    project = dest / "project"
    project.mkdir()
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "EVENTS_TODAY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q"],
                   cwd=project, env=env, check=True)
    return project / "site"


def serve(site: Path, handler) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM))
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={flags}",
                    f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html",
                    f"--output-path={out}"], env=env, check=True, timeout=300)
    return json.loads(out.with_suffix(".report.json").read_text())


def report(name: str, served: str, lhr: dict, performance: list[int]) -> None:
    scores = {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES}
    print(f"\n{name} ({served}), median of {len(performance)} run(s): "
          + "   ".join(f"{c} {s}" for c, s in scores.items()) + f"   (performance in each run: {performance})")
    audits = lhr["audits"]
    print("  " + ", ".join(f"{audits[m]['title']} {audits[m]['displayValue']}" for m in METRICS))
    for audit in audits.values():
        details = audit.get("details") or {}
        if details.get("type") == "opportunity" and (details.get("overallSavingsMs") or 0) > 0:
            print(f"  could save {details['overallSavingsMs']:.0f} ms: {audit['title']}")
    for c in CATEGORIES[1:]:
        failed = [a["id"] for a in (audits[r["id"]] for r in lhr["categories"][c]["auditRefs"])
                  if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] == "binary"]
        if failed:
            print(f"  {c} failed: {', '.join(failed)}")


def weight(lhr: dict) -> None:
    items = lhr["audits"]["resource-summary"]["details"]["items"]
    print("  transfer by type:")
    for item in items:
        if item["requestCount"]:
            print(f"    {item['label']:<12} {item['requestCount']:>3} request(s) {item['transferSize']:>9,} bytes")
    print("  requests:")
    for r in sorted(lhr["audits"]["network-requests"]["details"]["items"], key=lambda r: -r.get("transferSize", 0)):
        print(f"    {r.get('transferSize', 0):>9,} bytes  {r.get('resourceType', '?'):<10} {r['url'].split('/', 3)[-1] or '/'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "measure-out")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--runs", type=int, default=3,
                        help="Lighthouse runs per page; the median run by performance is reported (default 3)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make measure` (npm ci in tests/browser/lighthouse)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp))
        for served, handler in (("no compression", Handler), ("gzip", GzipHandler)):
            server, base = serve(site, handler)
            try:
                for name, path in PAGES.items():
                    tag = "gzip" if handler.gzip else "plain"
                    runs = [lighthouse(base + path, args.out / f"{name}-{tag}-{i + 1}") for i in range(args.runs)]
                    runs.sort(key=lambda lhr: lhr["categories"]["performance"]["score"])
                    lhr = runs[len(runs) // 2]
                    report(name, served, lhr, [round(r["categories"]["performance"]["score"] * 100) for r in runs])
                    if name == "event":
                        weight(lhr)
            finally:
                server.shutdown()
                server.server_close()
    print(f"\nReports: {args.out}/*.report.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
