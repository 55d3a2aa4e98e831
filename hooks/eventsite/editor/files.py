"""The files of the web editor the site serves at /admin/, and the check of its committed bundle.

``editor/admin/`` in the repository is the site's ``/admin/`` folder, but for ``index.html`` and
``config.yml``, which the build makes (``overrides/editor.html``, ``editor_config``). Its
``vendor/`` folder holds the built files of npm packages (Decap CMS, yaml), committed so that a
build needs no npm; every build checks each against ``vendor/SHA256SUMS`` and refuses a file
that differs, is missing, or is not listed. ``make editor-bundle`` (editor/vendor.py) refreshes
them.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..reading.problems import Problem

FOLDER = Path("editor") / "admin"
VENDOR = "vendor"
SUMS = f"{VENDOR}/SHA256SUMS"
VERSIONS = f"{VENDOR}/VERSIONS"
URL = "admin/"  # where the site serves it


def present(root: Path) -> bool:
    """Whether this site has the editor (a site copied without editor/ builds without /admin/)."""
    return (root / FOLDER / SUMS).is_file()


def files(root: Path) -> list[tuple[str, Path]]:
    """(path in the site, file) for every file the editor serves, sorted."""
    folder = root / FOLDER
    return [(f"{URL}{path.relative_to(folder).as_posix()}", path)
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".gitignore"]


def _listed(root: Path) -> tuple[dict[str, str], list[Problem]]:
    name = (FOLDER / SUMS).as_posix()
    listed, problems = {}, []
    for number, line in enumerate((root / FOLDER / SUMS).read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, path = line.partition("  ")
        if len(digest) != 64 or not path:
            problems.append(Problem(name, number, "", "is not a line of sha256sum's output (HASH, two "
                                                      "spaces, PATH); run make editor-bundle"))
            continue
        listed[path] = digest
    return listed, problems


def verify(root: Path, cache: dict | None = None) -> list[Problem]:
    """Every problem with the committed bundle: a file changed, missing, or not in SHA256SUMS.

    ``cache`` (kept by the caller between builds, as ``mkdocs serve`` does) holds each file's
    digest by its size and modification time, so that a rebuild hashes only files that changed."""
    folder = root / FOLDER
    listed, problems = _listed(root)
    sums = (FOLDER / SUMS).as_posix()
    fix = ("the web editor's bundle must be exactly what make editor-bundle fetched from npm; run make "
           "editor-bundle to fetch it again (or git checkout editor/admin/vendor)")
    for path, digest in sorted(listed.items()):
        file = folder / VENDOR / path
        if not file.is_file():
            problems.append(Problem((FOLDER / VENDOR / path).as_posix(), 1, "", f"is missing; {fix}"))
            continue
        stat = file.stat()
        key = (str(file), stat.st_size, stat.st_mtime_ns)
        found = cache.get(key) if cache is not None else None
        if found is None:
            found = hashlib.sha256(file.read_bytes()).hexdigest()
            if cache is not None:
                cache[key] = found
        if found != digest:
            problems.append(Problem((FOLDER / VENDOR / path).as_posix(), 1, "",
                                    f"differs from its checksum in {sums}; {fix}"))
    for file in sorted((folder / VENDOR).rglob("*")):
        inside = file.relative_to(folder / VENDOR).as_posix()
        if file.is_file() and inside not in listed and inside not in ("SHA256SUMS", "VERSIONS"):
            problems.append(Problem((FOLDER / VENDOR / inside).as_posix(), 1, "",
                                    f"is not listed in {sums}; {fix}"))
    return problems


def versions(root: Path) -> dict[str, str]:
    """Package name -> version, as vendor/VERSIONS pins them."""
    found = {}
    path = root / FOLDER / VERSIONS
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, version, *_ = line.split()
                found[name] = version
    return found
