"""Save-to-reload under `mkdocs serve`: how long after an author saves one event file the served
page shows the change, in a generated site of N events (issue 7).

Runs `mkdocs serve --dirty` (what `make serve` runs) and, for comparison in the same run, plain
`mkdocs serve` (a full rebuild per save). For each, it waits for the first build, then REPEAT
times: changes one event's title, saves, and polls the event's page until the new title is
served (every 50 ms, as a browser reloads once the build is done). Prints the times and their
medians. Usage: `make bench-serve` or `python bench/serve.py --events 1000 --repeat 5`.

The site is a git repository with the benchmark's history (``run.git_history``: three commits,
each later one changing every event file), as an author's is: each rebuild reads the history of
events/, and the saved file is one more version, from the working tree.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  the benchmark's generator of event files


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _built_times(log: Path) -> list[float]:
    return [float(m) for m in re.findall(r"Documentation built in ([0-9.]+) seconds", log.read_text())]


def measure(folder: Path, dirty: bool, repeat: int) -> dict:
    """Start serve in ``folder``, save an edit ``repeat`` times; seconds from save to page."""
    port = _free_port()
    log = folder / ("serve-dirty.log" if dirty else "serve-full.log")
    env = dict(run._env())
    env.pop("SOURCE_DATE_EPOCH", None)  # the hook pins it from "today", as in `make serve`
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    with open(log, "w") as sink:
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    target = sorted((folder / "events").glob("[!_]*.yml"))[len(list((folder / "events").glob("[!_]*.yml"))) // 2]
    url = f"http://127.0.0.1:{port}/events/{target.stem}/"
    original = target.read_text(encoding="utf-8")
    times = []
    try:
        start = time.perf_counter()
        while "<html" not in _get(url):
            if server.poll() is not None or time.perf_counter() - start > 900:
                sys.exit(f"mkdocs serve did not start; see {log}")
            time.sleep(0.2)
        first = time.perf_counter() - start
        for i in range(repeat):
            time.sleep(2)  # the watcher settles; an author does not save twice a second
            marker = f"Retitled for the benchmark {i} {'dirty' if dirty else 'full'}"
            text = re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M)
            saved = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            while marker not in _get(url):
                if time.perf_counter() - saved > 900:
                    sys.exit(f"the edit never showed; see {log}")
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
            print(f"  {'--dirty' if dirty else 'full   '} save {i + 1}: {times[-1]:.2f} s", flush=True)
    finally:
        target.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    builds = _built_times(log)
    return {"first": first, "times": times, "median": statistics.median(times),
            "rebuild_median": statistics.median(builds[1:]) if len(builds) > 1 else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = run.OUT / f"serve-{args.events}"
    run.write_ours(folder, run.synthesise(args.events))
    print(run.machine(), flush=True)
    commits = run.git(folder, "rev-list", "--count", "HEAD").strip()
    changes = run.git(folder, "log", "--format=", "--name-only", "--", "events/").split()
    print(f"{args.events} events, {args.repeat} saves each; git history of {commits} commits, {len(changes):,} "
          f"file changes in events/; load average {os.getloadavg()[0]:.1f}", flush=True)
    results = {mode: measure(folder, mode == "dirty", args.repeat) for mode in ("dirty", "full")}
    print("\n| serve | first build (s) | save to page, median (s) | rebuild as logged, median (s) | each save (s) |")
    print("|---|---:|---:|---:|---|")
    for mode, r in results.items():
        label = "`mkdocs serve --dirty` (make serve)" if mode == "dirty" else "`mkdocs serve`"
        rebuild = f"{r['rebuild_median']:.2f}" if r["rebuild_median"] is not None else "-"
        print(f"| {label} | {r['first']:.1f} | {r['median']:.2f} | {rebuild} | "
              f"{', '.join(f'{t:.2f}' for t in r['times'])} |")
    print(f"\nratio, save to page: dirty/full = {results['dirty']['median'] / results['full']['median']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
