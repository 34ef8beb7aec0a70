"""Vendor the GraphQL-over-HTTP audit suite (`serverAudits` of the npm package graphql-http) into
tests/fixtures/graphql-http/, so that the test suite runs it with node and downloads nothing.

    .venv/bin/python scripts/vendor_graphql_http.py          # writes the pinned version's files
    .venv/bin/python scripts/vendor_graphql_http.py --check  # verifies the vendored files, offline

The version and its tarball's integrity are pinned here. The script asks the npm registry for the
version's metadata, refuses a tarball whose `dist.integrity` is not the pinned one or whose bytes do
not hash to it, and copies only the CommonJS files the audits load (and the LICENSE). A hash of each
copied file goes to MANIFEST.json, so `--check` (and the test suite) can tell a hand-edited file.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

PACKAGE = "graphql-http"
VERSION = "1.23.1"
# dist.integrity of graphql-http@1.23.1 as the registry published it (Subresource Integrity form).
INTEGRITY = "sha512-h6AcykL7+xp22QvOnK0fu1eHk9AZG1ngF71rk0ZGuGupnjm1yqXRFrZ/eMv4Q1FTCWILJ5o6hVAxzt3S8/wPHQ=="
# What `require("./lib/audits")` loads, with the package's licence and manifest.
FILES = (
    "LICENSE.md",
    "package.json",
    "lib/utils.js",
    "lib/audits/index.js",
    "lib/audits/common.js",
    "lib/audits/render.js",
    "lib/audits/server.js",
    "lib/audits/utils.js",
)
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.vendor_assets import REGISTRY, Pin, fetch_tarball  # noqa: E402

TARGET = REPO / "tests" / "fixtures" / "graphql-http"
MANIFEST = "MANIFEST.json"


def fetch() -> dict[str, bytes]:
    """The pinned files from the registry's tarball, checked as every vendored package is
    (scripts/vendor_assets.py: the registry must publish the pinned integrity, the tarball must come
    from the registry, and its bytes must hash to it)."""
    tarball = fetch_tarball(Pin(PACKAGE, VERSION, INTEGRITY, FILES))
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name in FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{PACKAGE}@{VERSION}: no file package/{name} in the tarball")
            out[name] = member.read()
    return out


def write(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = TARGET / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    manifest = {
        "package": PACKAGE,
        "version": VERSION,
        "integrity": INTEGRITY,
        "source": f"{REGISTRY}/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz",
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    (TARGET / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def check(target: Path = TARGET) -> list[str]:
    """What is wrong with the vendored copy ([] when every pinned file is there, unchanged)."""
    manifest_path = target / MANIFEST
    if not manifest_path.is_file():
        return [f"{manifest_path} is missing: run scripts/vendor_graphql_http.py"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    if (manifest.get("version"), manifest.get("integrity")) != (VERSION, INTEGRITY):
        problems.append(f"{manifest_path} names {manifest.get('version')}, the script pins {VERSION}")
    for name in FILES:
        path = target / name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != manifest["files"].get(name):
            problems.append(f"{path} differs from {PACKAGE}@{VERSION}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="verify the vendored files; no network")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or f"{PACKAGE}@{VERSION}: {len(FILES)} files as published")
        sys.exit(1 if problems else 0)
    write(fetch())
    print(f"{PACKAGE}@{VERSION}: {len(FILES)} files written to {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
