"""Refresh the web editor's committed bundle (editor/admin/vendor/) from npm: what `make editor-bundle` runs.

The site serves the editor itself, so `make build` needs no npm: the built files of two npm
packages are committed here, and every build checks them against vendor/SHA256SUMS
(hooks/eventsite/editor/files.py). This script is how they change:

    python editor/vendor.py                         # fetch the versions in vendor/VERSIONS again
    python editor/vendor.py --set decap-cms@3.17.0  # move to another version (and say so in the commit)

It downloads each package's tarball with `npm pack` (which checks it against the registry's
integrity), refuses a tarball whose integrity differs from the one pinned in vendor/VERSIONS
unless the version is being changed, copies the files the editor serves, and writes
vendor/SHA256SUMS and vendor/VERSIONS.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "admin" / "vendor"
VERSIONS = VENDOR / "VERSIONS"
SUMS = VENDOR / "SHA256SUMS"

# The decap-cms tarball's dist/ holds the bundle twice (cms.js and decap-cms.js, each with its
# lazily loaded chunks and source maps): the editor serves decap-cms.js, its chunks, and the
# WebAssembly files they load. The package ships no LICENSE file; its licence (MIT, per its
# package.json) is kept in vendor/decap-cms/LICENSE from the project's repository.
PACKAGES = {
    "decap-cms": lambda name: (name.startswith("package/dist/") and not name.endswith(".map")
                               and (name.endswith("decap-cms.js") or name.endswith(".wasm")
                                    or name.endswith("decap-cms.js.LICENSE.txt"))),
    "yaml": lambda name: name == "package/LICENSE" or name == "package/browser/index.js"
                         or (name.startswith("package/browser/dist/") and name.endswith(".js")),
}
KEPT = {"decap-cms": ("LICENSE",)}  # files not from the tarball, kept across refreshes


def _target(package: str, member: str) -> str:
    inside = member.removeprefix("package/")
    if package == "decap-cms":
        inside = inside.removeprefix("dist/")
    elif package == "yaml":
        inside = inside.removeprefix("browser/")
    return f"{package}/{inside}"


def read_versions() -> dict[str, tuple[str, str]]:
    found = {}
    for line in VERSIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version, integrity = line.split()
            found[name] = (version, integrity)
    return found


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode("ascii")


def fetch(name: str, version: str, pinned: str | None, scratch: Path) -> tuple[Path, str]:
    result = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(scratch)],
                            capture_output=True, text=True, check=True)
    tarball = scratch / json.loads(result.stdout)[0]["filename"]
    integrity = _integrity(tarball)
    if pinned and integrity != pinned:
        sys.exit(f"{name}@{version}: the registry's tarball ({integrity}) is not the one pinned in "
                 f"{VERSIONS.name} ({pinned}); refusing it")
    return tarball, integrity


def unpack(name: str, tarball: Path) -> list[str]:
    folder = VENDOR / name
    kept = {f: (folder / f).read_bytes() for f in KEPT.get(name, ()) if (folder / f).exists()}
    shutil.rmtree(folder, ignore_errors=True)
    written = []
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if member.isfile() and PACKAGES[name](member.name):
                target = VENDOR / _target(name, member.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())
                written.append(target.relative_to(VENDOR).as_posix())
    for file_name, data in kept.items():
        (folder / file_name).write_bytes(data)
        written.append(f"{name}/{file_name}")
    return written


def write_sums() -> None:
    lines = []
    for path in sorted(p for p in VENDOR.rglob("*") if p.is_file() and p not in (SUMS, VERSIONS)):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(VENDOR).as_posix()}\n")
    SUMS.write_text("".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME@VERSION",
                        help="change a package's version (its new integrity is pinned)")
    args = parser.parse_args(argv)
    versions = read_versions()
    changes = dict(item.rsplit("@", 1) for item in args.set)
    unknown = set(changes) - set(PACKAGES)
    if unknown:
        parser.error(f"unknown package: {', '.join(sorted(unknown))} (known: {', '.join(PACKAGES)})")
    lines = ["# The npm packages in this folder: name, version, and the tarball's integrity (npm's\n",
             "# sha512). `make editor-bundle` refreshes the files from these; SHA256SUMS lists every file.\n"]
    with tempfile.TemporaryDirectory() as scratch:
        for name in PACKAGES:
            version, pinned = versions.get(name, (None, None))
            if name in changes:
                version, pinned = changes[name], None
            tarball, integrity = fetch(name, version, pinned, Path(scratch))
            files = unpack(name, tarball)
            print(f"{name}@{version}: {len(files)} files")
            lines.append(f"{name} {version} {integrity}\n")
    VERSIONS.write_text("".join(lines), encoding="utf-8")
    write_sums()
    print(f"wrote {SUMS.relative_to(VENDOR.parents[2])}; commit editor/admin/vendor/ with the reason for the change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
