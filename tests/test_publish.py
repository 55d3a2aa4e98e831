"""Publishing: the GitHub Actions workflow, and site_url as the one source of absolute URLs."""

from __future__ import annotations

import json

import icalendar
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_ok, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_the_workflow_tests_builds_and_deploys_and_rebuilds_daily():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"]
    assert "cron" in triggers["schedule"][0]
    steps = flow["jobs"]["build"]["steps"]
    # The whole history: SEQUENCE and cancellations come from it (eventsite.reading.history).
    assert steps[0]["uses"].startswith("actions/checkout") and steps[0]["with"]["fetch-depth"] == 0
    commands = [step.get("run", "") for step in steps]
    assert [c for c in commands if c.startswith("make")] == ["make check", "make test", "make build"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in steps)
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_site_url_drives_every_absolute_url(tmp_path):
    project = copy_project(tmp_path / "site-src")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = yaml.compose(text).value  # the site_url line as written
    old_url = next(v.value for k, v in old if k.value == "site_url")
    new_url = "https://council.example.gov.uk/whats-on/"
    config.write_text(text.replace(f"site_url: {old_url}", f"site_url: {new_url}"), encoding="utf-8")
    build_ok(project, EVENTS_TODAY="2014-11-20")
    site = project / "site"
    old_host = old_url.split("//", 1)[1].split("/", 1)[0]
    leftovers = [p.relative_to(site).as_posix() for p in site.rglob("*")
                 if p.is_file() and p.suffix in (".html", ".xml", ".ics", ".json", ".txt")
                 and old_host in p.read_text(encoding="utf-8", errors="replace")]
    assert not leftovers, f"{old_host} is still in {leftovers}"

    page = BeautifulSoup((site / "events" / "action-planning-for-councillors" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    own = new_url + "events/action-planning-for-councillors/"
    assert page.find("link", rel="canonical")["href"] == own
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data[0] if isinstance(data, list) else data)["url"] == own
    (item,) = icalendar.Calendar.from_ical(
        (site / "events" / "action-planning-for-councillors.ics").read_bytes()).walk("VEVENT")
    assert str(item["URL"]) == own
    assert item["UID"].endswith("@council.example.gov.uk")
