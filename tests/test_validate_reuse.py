"""load_catalogue(reuse=...): what `mkdocs serve` keeps between rebuilds gives the same
catalogue and the same problems as reading every file afresh."""

from __future__ import annotations

import os

import pytest

from conftest import EXPLAINERS, TASTER, joined, write_folder
from eventsite.reading.problems import InvalidSources
from eventsite.reading.validate import load_catalogue


def _save(path, text):
    """Write as an editor would; the modification time moves on even within one clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_an_unchanged_file_is_not_read_again(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": TASTER, "other.yml": TASTER.replace("Action", "Other")})
    reuse: dict = {}
    first = load_catalogue(folder, EXPLAINERS, reuse=reuse)
    second = load_catalogue(folder, EXPLAINERS, reuse=reuse)
    assert second == first == load_catalogue(folder, EXPLAINERS)
    assert all(a is b for a, b in zip(first.events, second.events))  # kept, not read again


def test_a_saved_file_is_read_again(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": TASTER, "other.yml": TASTER.replace("Action", "Other")})
    reuse: dict = {}
    first = load_catalogue(folder, EXPLAINERS, reuse=reuse)
    _save(folder / "taster.yml", TASTER.replace("Action planning", "Renamed planning"))
    second = load_catalogue(folder, EXPLAINERS, reuse=reuse)
    assert second == load_catalogue(folder, EXPLAINERS)
    titles = {e.slug: e.title for e in second.events}
    assert titles["taster"].startswith("Renamed planning")
    assert second.events[0] is first.events[0]  # other.yml, first by name, was kept


def test_a_changed_shared_file_reads_every_event_again(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": TASTER})
    reuse: dict = {}
    load_catalogue(folder, EXPLAINERS, reuse=reuse)
    venues = folder / "_venues.yml"
    _save(venues, venues.read_text(encoding="utf-8").replace("Pera Business Park", "Pera Renamed"))
    (event,) = load_catalogue(folder, EXPLAINERS, reuse=reuse).events
    assert event.sessions[0].venue.name == "Pera Renamed"


def test_other_explainers_read_every_event_again(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": joined(TASTER, "explainers: [what-is-action-learning]\n")})
    reuse: dict = {}
    load_catalogue(folder, EXPLAINERS, reuse=reuse)
    with pytest.raises(InvalidSources) as info:
        load_catalogue(folder, frozenset(), reuse=reuse)
    assert "what-is-action-learning" in info.value.report()


def test_a_file_with_problems_reports_them_on_every_call(tmp_path):
    folder = write_folder(tmp_path, {"taster.yml": TASTER.replace("organiser: emc", "organiser: nobody")})
    reuse: dict = {}
    reports = []
    for _ in range(2):
        with pytest.raises(InvalidSources) as info:
            load_catalogue(folder, EXPLAINERS, reuse=reuse)
        reports.append([str(p) for p in info.value.problems])
    assert reports[0] == reports[1] and "nobody" in reports[0][0]
    _save(folder / "taster.yml", TASTER)
    assert len(load_catalogue(folder, EXPLAINERS, reuse=reuse).events) == 1
