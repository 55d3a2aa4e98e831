"""``make edit``: the site with its web editor, saving into this working tree.

Two processes, started together and stopped together: Decap CMS's local server (decap-server, from
npm, pinned in editor/package-lock.json and installed on first use), which reads and writes the
files of this folder for the editor, and ``mkdocs serve --dirty``, which serves the site and the
editor at http://127.0.0.1:8000/admin/ and rebuilds the pages a saved file changes. Decap uses
its local server only when the editor is opened from this machine (localhost or 127.0.0.1).

No account is needed and nothing is committed: the changes are files in the working tree, to be
checked (make check), committed and pushed as any other change.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import config as editor_config

PACKAGE = Path("editor")
SERVER = PACKAGE / "node_modules" / "decap-server" / "dist" / "index.js"
HOST = "127.0.0.1"


class CannotStart(Exception):
    """What is missing, and how to get it."""


def install_server(root: Path) -> Path:
    """decap-server, installed with ``npm ci`` from editor/package-lock.json when missing or older
    than the lock file; its script."""
    server, lock = root / SERVER, root / PACKAGE / "package-lock.json"
    if server.is_file() and server.stat().st_mtime >= lock.stat().st_mtime:
        return server
    npm = shutil.which("npm")
    if npm is None:
        raise CannotStart("the web editor's local server (decap-server) comes from npm, and npm is not "
                          "installed: install Node.js 20 or later with npm (Debian: apt-get install nodejs "
                          "npm; Windows and Mac: nodejs.org), then run this again")
    print("Installing the editor's local server (decap-server, pinned in editor/package-lock.json)...", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(root / PACKAGE)],
                   check=True)
    server.touch()
    return server


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def _wait_for(port: int, process: subprocess.Popen, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CannotStart(f"{what} stopped (exit status {process.returncode}); its messages are above")
        if not _free(port):
            return
        time.sleep(0.1)
    raise CannotStart(f"{what} did not start listening on {HOST}:{port} within {seconds:.0f} s")


def run(root: Path, config_name: str = "mkdocs.yml", site_port: int = 8000,
        editor_port: int = editor_config.LOCAL_PORT, mkdocs: str | None = None) -> int:
    """Serve the site and the editor until interrupted (Ctrl-C); the exit status."""
    for port, what in ((site_port, "the site"), (editor_port, "the editor's local server")):
        if not _free(port):
            raise CannotStart(f"port {port} on {HOST}, for {what}, is in use (another make serve or make "
                              "edit?); stop it, or choose others: make edit SITE_PORT=8010 EDITOR_PORT=8091")
    node = shutil.which("node")
    if node is None:
        raise CannotStart("the web editor's local server needs Node.js 20 or later: install it (Debian: "
                          "apt-get install nodejs npm; Windows and Mac: nodejs.org), then run this again")
    server = install_server(root)
    mkdocs = mkdocs or str(Path(sys.executable).with_name("mkdocs"))
    env = dict(os.environ, EVENTS_EDITOR_PORT=str(editor_port))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # as the Makefile sets it
    server_env = dict(os.environ, PORT=str(editor_port), BIND_HOST=HOST, MODE="fs",
                      GIT_REPO_DIRECTORY=str(root.resolve()), LOG_LEVEL="warn")
    children: list[subprocess.Popen] = []
    # Ctrl-C, or a TERM from whoever started this, stops both servers: a shell that starts a
    # command in the background has it ignore SIGINT, and Python then leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    try:
        children.append(subprocess.Popen([node, str(server)], cwd=root, env=server_env))
        _wait_for(editor_port, children[0], "The editor's local server (decap-server)")
        children.append(subprocess.Popen([mkdocs, "serve", "--dirty", "-f", config_name,
                                          "--dev-addr", f"{HOST}:{site_port}"], cwd=root, env=env))
        _wait_for(site_port, children[1], "mkdocs serve")
        print(f"\nThe editor: http://{HOST}:{site_port}/admin/   The site: http://{HOST}:{site_port}/\n"
              "Saving in the editor writes into this folder; the site shows the change a few seconds later. "
              "Ctrl-C stops both.\n", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        stopped = next(child for child in children if child.poll() is not None)
        return stopped.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:  # only the processes started here, each by its own handle
            if child.poll() is None:
                if os.name == "nt":
                    child.terminate()
                else:
                    child.send_signal(signal.SIGINT)  # as Ctrl-C: each stops cleanly
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
