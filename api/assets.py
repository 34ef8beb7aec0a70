"""The browser assets policykg serves itself under `/static`: its own pages' scripts and styles
(`api/static/explorer/`) and the third-party ones vendored by `scripts/vendor_assets.py`
(`api/static/vendor/`, listed in its `manifest.json`). Nothing a page uses comes from elsewhere, so
the pages work on a network with no internet.

Pages name a vendored file by package and file name; the version comes from the manifest, so an
update of the pins changes no page."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from string import Template

from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_PREFIX = "/static"


@cache
def _manifest() -> dict[str, dict[str, object]]:
    path = STATIC_DIR / "vendor" / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


def vendor_url(package: str, file: str) -> str:
    """The URL of a vendored file; a KeyError names what `scripts/vendor_assets.py` did not vendor."""
    entry = _manifest()[package]
    files = entry["files"]
    assert isinstance(files, dict)
    if file not in files:
        raise KeyError(f"{package} has no vendored file {file!r}; vendored: {', '.join(files)}")
    return f"{STATIC_PREFIX}/vendor/{entry['folder']}/{file}"


def own_url(file: str) -> str:
    """The URL of one of policykg's own files in api/static/ (checked, so a typo fails at start)."""
    if not (STATIC_DIR / file).is_file():
        raise FileNotFoundError(STATIC_DIR / file)
    return f"{STATIC_PREFIX}/{file}"


@cache
def template(name: str) -> Template:
    """A page template from api/templates/ (`$name` placeholders; `$$` for a literal dollar)."""
    return Template((TEMPLATES_DIR / name).read_text(encoding="utf-8"))


class Assets(StaticFiles):
    """The static files. Vendored files never change at a URL (the version is in the path), so a
    browser may keep them; policykg's own files are revalidated, since they change with the code."""

    async def get_response(self, path: str, scope: Scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            immutable = path.startswith("vendor/") and not path.endswith("manifest.json")
            response.headers["Cache-Control"] = (
                "public, max-age=31536000, immutable" if immutable else "no-cache"
            )
        return response


def static_files() -> Assets:
    return Assets(directory=STATIC_DIR)
