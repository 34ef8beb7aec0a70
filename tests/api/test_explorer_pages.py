"""The explorer's pages over HTTP (no browser): every HTML page loads its assets from this server
only, the vendored files are the pinned ones, the graph style is the Browser style sheet's, and the
document view shows the text the graph was built from, or says why it cannot."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.explorer import render_text
from api.settings import Settings
from api.sources import SourceText
from extraction.readers import read_document
from graph.embedded import FalkorStore
from schema import GraphDocument, Node, Relationship, make_id
from tests.api.conftest import EZHOU, SEED
from tests.unit.test_linked_data import parse_grass

REPO = Path(__file__).resolve().parents[2]
PHONE = "市经信局中小企业发展科 027-60830052"


class Assets(HTMLParser):
    """The URLs a page makes the browser load (not the links a person may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical", "alternate"):
            self.urls.append(a["href"] or "")
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")
        if a.get("style"):
            self.urls.extend(css_urls(a["style"] or ""))

    def handle_data(self, data: str) -> None:
        # Inline <style> blocks and scripts: any absolute URL in them is suspect.
        self.urls.extend(css_urls(data))


def css_urls(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    urls += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return urls


def foreign(urls: list[str]) -> list[str]:
    """Absolute http(s) URLs (and protocol-relative ones) that would leave this server."""
    return [u for u in urls if u.startswith("//") or urlsplit(u).scheme in ("http", "https")]


def check_page(client: TestClient, path: str) -> int:
    """Fetch one page, then every asset it names (and those a stylesheet names); returns the number
    of assets. Fails on an asset from elsewhere or one this server does not answer."""
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code in (200, 404), (path, response.status_code)
    assert response.headers["content-type"].startswith("text/html"), path
    parser = Assets()
    parser.feed(response.text)
    assert not foreign(parser.urls), f"{path} loads from elsewhere: {foreign(parser.urls)}"
    pending = [urljoin(path, u) for u in parser.urls if not u.startswith("data:")]
    seen: set[str] = set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        asset = client.get(url)
        assert asset.status_code == 200, f"{path}: {url} answers {asset.status_code}"
        if asset.headers["content-type"].startswith("text/css"):
            named = css_urls(asset.text)
            assert not foreign(named), f"{url} loads from elsewhere: {foreign(named)}"
            pending += [urljoin(url, u) for u in named if not u.startswith("data:")]
    return len(seen)


@pytest.fixture
def real_client(store: FalkorStore) -> Iterator[TestClient]:
    """A graph with one fact of the Ezhou seed file, stored with that file's true digest, so that
    the document view can show its text; and an app whose seed folder holds it."""
    source = read_document(SEED / EZHOU)
    doc_id = make_id("Document", EZHOU)
    program = make_id("Program", EZHOU, "国家级专精特新“小巨人”企业申报")
    office = make_id("ContactOffice", "市经信局中小企业发展科")
    at = source.text.index(PHONE)
    graph = GraphDocument(
        nodes=[
            Node(
                id=doc_id,
                label="Document",
                properties={"name": EZHOU, "title": "工业领域设备更新服务清单", "sha256": source.sha256},
            ),
            Node(id=program, label="Program", properties={"name": "国家级专精特新“小巨人”企业申报"}),
            Node(id=office, label="ContactOffice", properties={"name": "市经信局中小企业发展科"}),
        ],
        relationships=[
            # A node no document supports is dropped by the store: each is EXTRACTED_FROM the file.
            Relationship(type="EXTRACTED_FROM", start=program, end=doc_id, properties={"doc": doc_id}),
            Relationship(type="EXTRACTED_FROM", start=office, end=doc_id, properties={"doc": doc_id}),
            Relationship(
                type="HAS_CONTACT",
                start=program,
                end=office,
                properties={
                    "doc": doc_id,
                    "evidence": PHONE,
                    "span": [at, at + len(PHONE)],
                    "phone": "027-60830052",
                },
            ),
        ],
    )
    store.replace_document(doc_id, graph)
    with TestClient(create_app(Settings(seed_dir=SEED), store=store)) as c:
        yield c


def _fact(client: TestClient) -> dict[str, Any]:
    body = client.post(
        "/graphql",
        json={
            "query": "query ($n: String) { document(name: $n) { programs { program {"
            " contacts { evidence span document { id } } } } } }",
            "variables": {"n": EZHOU},
        },
    ).json()
    return body["data"]["document"]["programs"][0]["program"]["contacts"][0]


def test_health_links_to_the_explorer(client: TestClient) -> None:
    assert client.get("/health").json()["links"]["explorer"] == "/"


def test_every_html_page_loads_assets_from_this_server_only(client: TestClient) -> None:
    """Every GET path the app publishes (its OpenAPI paths, and the pages kept out of them) is asked
    for as a browser asks; each HTML answer is checked with all it loads. A path with a parameter
    must be given an example here, so that a new page is not missed."""
    found = client.post(
        "/graphql", json={"query": '{ search(text: "小巨人") { node { ... on Program { id } } } }'}
    )
    program_id = next(h["node"]["id"] for h in found.json()["data"]["search"] if h["node"])
    examples = {
        "/id/{type_name}/{node_id}": f"/id/program/{program_id}",
        "/documents/{doc_id}": f"/documents/{make_id('Document', EZHOU)}?start=0&end=10",
        "/dataset/dump.{extension}": None,  # data files, not pages
    }
    published = [p for p, methods in client.get("/openapi.json").json()["paths"].items() if "get" in methods]
    pages: list[str] = []
    for path in [*published, "/docs"]:
        if "{" in path:
            assert path in examples, f"{path}: give an example in this test"
            if examples[path] is None:
                continue
            path = examples[path]
        response = client.get(path, headers={"Accept": "text/html"})
        if response.headers.get("content-type", "").startswith("text/html"):
            check_page(client, path)
            pages.append(path.split("?")[0])
    assert {"/", "/graphql", "/docs", "/browser/guide", f"/id/program/{program_id}"} <= set(pages)
    assert any(p.startswith("/documents/") for p in pages)
    assert check_page(client, "/graphql") >= 8  # GraphiQL, React, the explorer plugin, ours
    assert client.get("/redoc").status_code == 404  # ReDoc would load from a CDN: not served


def test_graphiql_is_served_from_the_package(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"}).text
    assert "/static/vendor/graphiql@" in page and "/static/vendor/@graphiql/plugin-explorer@" in page
    assert "unpkg" not in page and "cdn" not in page.lower()
    vendored = client.get(re.search(r'src="(/static/vendor/graphiql@[^"]+\.js)"', page).group(1))  # type: ignore[union-attr]
    assert vendored.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_vendored_files_are_the_pinned_ones() -> None:
    spec = importlib.util.spec_from_file_location("vendor_assets", REPO / "scripts" / "vendor_assets.py")
    assert spec and spec.loader
    vendor_assets = importlib.util.module_from_spec(spec)
    sys.modules["vendor_assets"] = vendor_assets  # dataclasses look their module up there
    try:
        spec.loader.exec_module(vendor_assets)
    finally:
        del sys.modules["vendor_assets"]
    assert vendor_assets.check() == []
    for pin in vendor_assets.PINS:  # each keeps its licence beside it
        assert list((vendor_assets.VENDOR / pin.folder).glob("LICEN[CS]E*")), pin.folder


def test_the_graph_style_is_the_browser_style_sheet(client: TestClient) -> None:
    style = client.get("/explorer/style.json").json()
    grass = parse_grass(client.get("/browser/style.grass").text)
    for label, spec in style["nodes"].items():
        rule = grass[f"node.{label}"]
        assert (rule["color"], rule["diameter"], rule["font-size"]) == (
            spec["color"],
            f"{spec['size']}px",
            f"{spec['fontSize']}px",
        )
        assert rule["caption"] == "{" + spec["caption"] + "}"
        assert (
            rule["border-color"] == spec["borderColor"] and rule["text-color-internal"] == spec["textColor"]
        )
    for rel_type, spec in style["relationships"].items():
        rule = grass[f"relationship.{rel_type}"]
        assert (rule["color"], rule["shaft-width"]) == (spec["color"], f"{spec['width']}px")


def test_document_view_highlights_the_span_of_a_fact(real_client: TestClient) -> None:
    fact = _fact(real_client)
    start, end = fact["span"]
    page = real_client.get(f"/documents/{fact['document']['id']}?start={start}&end={end}")
    assert page.status_code == 200
    marks = re.findall(r'<mark id="hl" class="hl"[^>]*>([^<]*)</mark>', page.text)
    assert marks == [fact["evidence"]]
    assert "工业领域设备更新服务清单" in page.text
    # The whole text is there, before and after the span.
    text = read_document(SEED / EZHOU).text
    assert (
        len(re.sub(r"<[^>]+>", "", page.text.split('<article class="doc-text" lang="zh-CN">')[1]))
        > len(text) // 2
    )


def test_document_view_refuses_a_span_outside_the_text(real_client: TestClient) -> None:
    doc = _fact(real_client)["document"]["id"]
    page = real_client.get(f"/documents/{doc}?start=10&end=99999999")
    assert page.status_code == 200 and "<mark" not in page.text and "not within this text" in page.text
    assert real_client.get(f"/documents/{doc}?start=-1").status_code == 422


def test_document_view_of_an_unknown_document_is_404(real_client: TestClient) -> None:
    page = real_client.get("/documents/document-0000000000000000")
    assert page.status_code == 404 and "no document" in page.text


def test_document_view_does_not_show_a_changed_file(store: FalkorStore, tmp_path: Path) -> None:
    """The file by that name differs from the one the graph was built from: its text is not shown,
    since the spans would point at other words."""
    (tmp_path / EZHOU).write_text(
        (SEED / EZHOU).read_text(encoding="utf-8") + "\n追加的一行", encoding="utf-8"
    )
    doc_id = make_id("Document", EZHOU)
    digest = hashlib.sha256((SEED / EZHOU).read_bytes()).hexdigest()
    store.replace_document(
        doc_id,
        GraphDocument(
            nodes=[
                Node(
                    id=doc_id,
                    label="Document",
                    properties={"name": EZHOU, "sha256": digest, "url": "javascript:alert(1)"},
                )
            ]
        ),
    )
    with TestClient(create_app(Settings(seed_dir=tmp_path), store=store)) as c:
        page = c.get(f"/documents/{doc_id}?start=0&end=5")
    assert page.status_code == 200
    assert "changed since the graph was built" in page.text and "<mark" not in page.text
    assert 'href="javascript:' not in page.text  # a URL read from a document links only if http(s)


def test_document_view_looks_in_the_named_source_folders(store: FalkorStore, tmp_path: Path) -> None:
    doc_id = make_id("Document", EZHOU)
    digest = hashlib.sha256((SEED / EZHOU).read_bytes()).hexdigest()
    store.replace_document(
        doc_id,
        GraphDocument(
            nodes=[Node(id=doc_id, label="Document", properties={"name": EZHOU, "sha256": digest})]
        ),
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    with TestClient(create_app(Settings(seed_dir=empty), store=store)) as c:
        assert "no file named" in c.get(f"/documents/{doc_id}").text
    with TestClient(create_app(Settings(seed_dir=empty, sources=str(SEED)), store=store)) as c:
        assert '<mark id="hl"' in c.get(f"/documents/{doc_id}?start=0&end=3").text


def test_render_text_marks_a_span_across_a_page_break() -> None:
    source = SourceText(text="第一页文字\f第二页文字", pages=(0, 6), path=Path("x.pdf"))
    html_text = render_text(source, 3, 8)
    assert "第 2 页" in html_text and "\f" not in html_text
    marks = re.findall(r"<mark[^>]*>([^<]*)</mark>", html_text)
    assert "".join(marks) == "文字第二"  # the form feed itself is shown as the page rule
    assert html_text.count('id="hl"') == 1
    assert render_text(source, None, None).count("<mark") == 0
