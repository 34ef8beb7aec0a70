"""Bring the browser assets the pages need (GraphiQL and its explorer plugin, React, cytoscape.js,
Swagger UI) into the package, from pinned npm tarballs, so that policykg serves them itself and runs
offline.

    .venv/bin/python scripts/vendor_assets.py           # download, verify, extract into api/static/vendor/
    .venv/bin/python scripts/vendor_assets.py --check   # no network: the committed files match the manifest

Each package is pinned by version and by the sha512 `integrity` the registry published for it; a
tarball is used only when its digest equals both the pin and the registry's current `dist.integrity`.
Only the files named in PINS and the package's licence are extracted, into
`api/static/vendor/<package>@<version>/`, and `manifest.json` records what was written (with sha256
digests) for the server, which builds its asset URLs from it, and for `--check`.

To update a package: change its version here, set `integrity` to the new version's `dist.integrity`
(`npm view <package>@<version> dist.integrity`, or the registry's JSON at
https://registry.npmjs.org/<package>/<version>), run the script, look at the pages, commit the tree.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import shutil
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "api" / "static" / "vendor"
MANIFEST = VENDOR / "manifest.json"
REGISTRY = "https://registry.npmjs.org"
# npm tarballs keep everything under `package/`; a licence is one of these names (first found wins).
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "license.md")
TIMEOUT_S = 60


@dataclass(frozen=True)
class Pin:
    """One npm package: its version, the registry's sha512 integrity for that version's tarball, and
    the files taken from it (paths inside the tarball, without the leading `package/`)."""

    name: str
    version: str
    integrity: str
    files: tuple[str, ...]
    # For a package published without a licence file: the pinned package from the same repository
    # whose licence covers it (its package.json, kept beside it, names the licence too).
    licence_from: str | None = None

    @property
    def folder(self) -> str:
        return f"{self.name}@{self.version}"


# The versions strawberry's own GraphiQL page loads from a CDN (strawberry/static/graphiql.html), so
# the page behaves as before, only served from here; cytoscape.js for the explorer's graph view.
PINS: tuple[Pin, ...] = (
    Pin(
        "react",
        "18.2.0",
        "sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==",
        ("umd/react.production.min.js",),
    ),
    Pin(
        "react-dom",
        "18.2.0",
        "sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==",
        ("umd/react-dom.production.min.js",),
    ),
    Pin(
        "graphiql",
        "3.8.3",
        "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
        ("graphiql.min.js", "graphiql.min.css"),
    ),
    Pin(
        "@graphiql/plugin-explorer",
        "1.0.2",
        "sha512-9j+kg2UjtLZD5EBmGjeWHkoVVxtbShYg2DzbUVebibnZYZM/iMBEF4vaccXJIAm5KaomIPLx0aoNs4LbODyc3Q==",
        ("dist/index.umd.js", "dist/style.css"),
        licence_from="graphiql",  # both are published from the graphql/graphiql repository (MIT)
    ),
    # Swagger UI for FastAPI's /docs (self-hosted as FastAPI documents; its default is a CDN).
    Pin(
        "swagger-ui-dist",
        "5.35.0",
        "sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ==",
        ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-bundle.js.LICENSE.txt", "NOTICE"),
    ),
    Pin(
        "cytoscape",
        "3.35.0",
        "sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g==",
        ("dist/cytoscape.min.js",),
    ),
)


def sha512_integrity(data: bytes) -> str:
    """The Subresource-Integrity form npm uses: `sha512-<base64 digest>`."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        return response.read()


def registry_dist(pin: Pin) -> dict[str, str]:
    """The registry's `dist` of the pinned version: its tarball URL and integrity."""
    # A scoped name keeps its @ and has its / escaped in the metadata URL (@graphiql%2fplugin-explorer).
    url = f"{REGISTRY}/{urllib.parse.quote(pin.name, safe='@')}/{pin.version}"
    return json.loads(_get(url))["dist"]


def fetch_tarball(pin: Pin) -> bytes:
    """The tarball, refused unless it matches the pin and what the registry publishes."""
    dist = registry_dist(pin)
    if dist.get("integrity") != pin.integrity:
        raise SystemExit(
            f"{pin.folder}: the registry's integrity {dist.get('integrity')} is not the pinned "
            f"{pin.integrity}; if you are updating, pin the new value"
        )
    tarball_url = dist["tarball"]
    if not tarball_url.startswith(REGISTRY + "/"):
        raise SystemExit(f"{pin.folder}: the tarball is not on the registry: {tarball_url}")
    data = _get(tarball_url)
    got = sha512_integrity(data)
    if got != pin.integrity:
        raise SystemExit(f"{pin.folder}: the downloaded tarball's digest {got} is not {pin.integrity}")
    return data


def extract(pin: Pin, tarball: bytes, into: Path) -> dict[str, str]:
    """Write the pinned files, package.json and the licence flat into `into/<pin.folder>/`; returns
    {file name: sha256}. Members are looked up by exact name, never extracted wholesale, so a tarball
    cannot write outside the folder."""
    folder = into / pin.folder
    folder.mkdir(parents=True)
    written: dict[str, str] = {}

    def write(name: str, data: bytes) -> None:
        if name in written:
            raise SystemExit(f"{pin.folder}: two vendored files are named {name}")
        (folder / name).write_bytes(data)
        written[name] = hashlib.sha256(data).hexdigest()

    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}

        def read(member_name: str) -> bytes:
            member = members.get(member_name)
            if member is None:
                raise SystemExit(f"{pin.folder}: the tarball has no {member_name}")
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has content
            return source.read()

        for member_name in (*(f"package/{f}" for f in pin.files), "package/package.json"):
            write(Path(member_name).name, read(member_name))
        licence = next((f"package/{n}" for n in LICENCE_NAMES if f"package/{n}" in members), None)
        if licence is not None:
            write(Path(licence).name, read(licence))
    if licence is None:
        donor = into / next((p.folder for p in PINS if p.name == pin.licence_from), "")
        donated = [p for p in donor.glob("LICEN[CS]E*") if p.is_file()] if pin.licence_from else []
        if not donated:
            raise SystemExit(f"{pin.folder}: no licence file in the tarball; refusing to vendor it")
        write(donated[0].name, donated[0].read_bytes())
    return written


def vendor() -> None:
    """Download every pin into a fresh folder, then swap it in for api/static/vendor/ whole, so an
    update that fails half-way leaves the committed tree as it was, and old versions do not linger."""
    VENDOR.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=VENDOR.parent) as tmp:
        staging = Path(tmp) / "vendor"
        manifest: dict[str, dict[str, object]] = {}
        for pin in PINS:
            print(f"{pin.folder} ...", file=sys.stderr)
            files = extract(pin, fetch_tarball(pin), staging)
            manifest[pin.name] = {
                "version": pin.version,
                "folder": pin.folder,
                "integrity": pin.integrity,
                "files": files,
            }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if VENDOR.exists():
            shutil.rmtree(VENDOR)
        staging.rename(VENDOR)
    print(f"wrote {len(PINS)} packages into {VENDOR.relative_to(REPO)}", file=sys.stderr)


def check(vendor_dir: Path = VENDOR) -> list[str]:
    """Problems with the committed tree: a pin missing from the manifest (or at another version), a
    file missing or changed since it was vendored, a file nobody pinned. Empty when all is well."""
    problems: list[str] = []
    manifest_path = vendor_dir / "manifest.json"
    if not manifest_path.exists():
        return [f"{manifest_path} is missing: run scripts/vendor_assets.py"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    expected_files = {manifest_path}
    for pin in PINS:
        entry = manifest.get(pin.name)
        if entry is None or entry["version"] != pin.version or entry["integrity"] != pin.integrity:
            problems.append(f"{pin.folder}: not what the manifest records; run scripts/vendor_assets.py")
            continue
        for name, digest in entry["files"].items():
            path = vendor_dir / entry["folder"] / name
            expected_files.add(path)
            if not path.is_file():
                problems.append(f"{path.relative_to(vendor_dir)} is missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                problems.append(f"{path.relative_to(vendor_dir)} differs from the vendored file")
    for path in vendor_dir.rglob("*"):
        if path.is_file() and path not in expected_files:
            problems.append(f"{path.relative_to(vendor_dir)} is not pinned by scripts/vendor_assets.py")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="verify the committed files; no network")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1 if problems else 0)
    vendor()


if __name__ == "__main__":
    main()
