"""The planner's explorer at `/`, the document view at `/documents/{id}`, and the OpenAPI page.

The explorer is one static page (api/templates/explorer.html with api/static/explorer/*.js, *.css)
that asks the public GraphQL API everything it shows; this module only serves it, the graph style it
colours nodes with (`/explorer/style.json`, from schema/browser_style.py, the Browser's style sheet's
source) and the document view, which the GraphQL API cannot give: the source text with a fact's
span highlighted (see api/sources.py for where the text comes from)."""

from __future__ import annotations

import html
from functools import cache
from itertools import pairwise
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from api.assets import STATIC_DIR, own_url, template, vendor_url
from api.graphql.router import current_store
from api.settings import Settings
from api.sources import SourceText, SourceTexts, SourceUnavailable
from graph.store import GraphStore
from schema.browser_style import style_json
from schema.errors import StoreError

router = APIRouter(tags=["explorer"])

STORE_DOWN = "图谱存储暂不可用，请稍后再试 · the graph store is not available; try again shortly"


@cache
def explorer_html() -> str:
    return template("explorer.html").substitute(
        favicon=own_url("explorer/favicon.svg"),
        page_css=own_url("explorer/explorer.css"),
        cytoscape_js=vendor_url("cytoscape", "cytoscape.min.js"),
        page_js=own_url("explorer/explorer.js"),
    )


@router.get("/", response_class=HTMLResponse, name="explorer")
def explorer() -> HTMLResponse:
    return HTMLResponse(explorer_html())


@router.get("/docs", include_in_schema=False)
def openapi_docs() -> HTMLResponse:
    """FastAPI's Swagger UI over /openapi.json, from vendored files (FastAPI's own /docs loads them
    from a CDN, so it is turned off in api/app.py); no validator badge, which would call out."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="policykg · OpenAPI",
        swagger_js_url=vendor_url("swagger-ui-dist", "swagger-ui-bundle.js"),
        swagger_css_url=vendor_url("swagger-ui-dist", "swagger-ui.css"),
        swagger_favicon_url=own_url("explorer/favicon.svg"),
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    # Browsers ask for /favicon.ico on pages that name no icon (the linked-data pages, say).
    return FileResponse(STATIC_DIR / "explorer" / "favicon.svg", media_type="image/svg+xml")


@router.get("/explorer/style.json", name="explorer_style")
def explorer_style() -> JSONResponse:
    """Colours, sizes and captions per label and relationship type: the Browser style sheet's data."""
    return JSONResponse(style_json())


def _store(request: Request) -> GraphStore:
    store = current_store(request)
    if store is None:
        raise HTTPException(503, STORE_DOWN, headers={"Retry-After": "5"})
    return store


def _source_texts(request: Request) -> SourceTexts:
    """One reader (and its cache) per app, made on first use from the app's settings."""
    state = request.app.state
    texts = getattr(state, "source_texts", None)
    if texts is None:
        settings: Settings = state.settings
        texts = state.source_texts = SourceTexts(settings.source_folders(), settings.file_limits())
    return texts


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def render_text(source: SourceText, start: int | None, end: int | None) -> str:
    """The text as HTML: the span [start, end) in a <mark id="hl">, a rule with the page number at
    each page start of a PDF. Offsets count characters of the text, as the graph's spans do."""
    text = source.text
    cuts = {0, len(text), *(p for p in source.pages if 0 < p < len(text))}
    if start is not None and end is not None:
        cuts |= {start, end}
    page_at = {p: i + 1 for i, p in enumerate(source.pages)}
    parts: list[str] = []
    ordered = sorted(cuts)
    for a, b in pairwise(ordered):
        if a in page_at and a > 0:
            parts.append(f'<div class="page" role="separator">第 {page_at[a]} 页 · page {page_at[a]}</div>')
        # Form feeds separate a PDF's pages; the rule above shows the break instead.
        chunk = _e(text[a:b].replace("\f", ""))
        if start is not None and end is not None and start <= a and b <= end:
            chunk = f'<mark class="hl" data-start="{a}" data-end="{b}">{chunk}</mark>'
        parts.append(chunk)
    html_text = "".join(parts)
    # The first highlighted piece gets the id the link's #hl fragment scrolls to.
    return html_text.replace('<mark class="hl"', '<mark id="hl" class="hl"', 1)


def _page(title: str, body: str) -> str:
    return template("document.html").substitute(
        title=_e(title),
        favicon=own_url("explorer/favicon.svg"),
        page_css=own_url("explorer/document.css"),
        page_js=own_url("explorer/document.js"),
        body=body,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse, name="document_view")
def document_view(
    doc_id: str,
    request: Request,
    start: int | None = Query(None, ge=0, description="Start of the span to highlight"),
    end: int | None = Query(None, ge=0, description="End (exclusive) of the span to highlight"),
) -> HTMLResponse:
    """A source document's text with the span [start, end) highlighted and scrolled to."""
    if "\x00" in doc_id or len(doc_id) > 200:
        raise HTTPException(404, "no such document")
    try:
        rows = _store(request).run("explorer_document", id=doc_id)
    except StoreError as exc:
        raise HTTPException(503, STORE_DOWN, headers={"Retry-After": "5"}) from exc
    if not rows:
        body = (
            f'<p class="problem">图谱中没有这个文档 · no document <code>{_e(doc_id)}</code> in the graph.</p>'
        )
        return HTMLResponse(_page("文档不存在 · no such document", body), status_code=404)
    props: dict[str, Any] = dict(rows[0]["props"])
    name = str(props.get("name") or doc_id)
    title = str(props.get("title") or name)
    facts = [
        ("文件 File", _e(name)),
        ("格式 Format", _e(props.get("format") or "—")),
        ("字符数 Characters", _e(props.get("chars") or "—")),
        ("SHA-256", f"<code>{_e(props.get('sha256') or '—')}</code>"),
    ]
    url = str(props.get("url") or "")
    if url:
        # A link only to a web page: the URL was read from the document, and javascript: would run.
        link = (
            f'<a href="{_e(url)}" rel="noopener">{_e(url)}</a>'
            if url.startswith(("http://", "https://"))
            else _e(url)
        )
        facts.append(("原始链接 URL", link))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    header = (
        f'<header><nav><a href="/">← 政策图谱浏览 Explorer</a> · '
        f'<a href="/?node={_e(doc_id)}">在图中查看 In the graph</a> · '
        f'<a href="/id/document/{_e(doc_id)}">链接数据 Linked data</a></nav>'
        f"<h1>{_e(title)}</h1><dl>{meta}</dl></header>"
    )
    try:
        source = _source_texts(request).text(name, props.get("sha256"))
    except SourceUnavailable as exc:
        body = header + (
            f'<p class="problem">原文不可用 · the text cannot be shown: {_e(exc)}</p>'
            "<p>每条事实的依据句仍显示在浏览页中 · each fact's sentence is still shown in the explorer.</p>"
        )
        return HTMLResponse(_page(title, body))
    notice = ""
    if start is not None and end is not None and start < end <= len(source.text):
        notice = (
            f'<p class="span-note">高亮：第 {start}–{end} 字符 · highlighted: characters {start}–{end}. '
            '<a href="#hl">跳到高亮 Jump to it</a></p>'
        )
    else:
        if start is not None or end is not None:
            notice = (
                f'<p class="problem">所给位置不在文本内 · the span {_e(start)}–{_e(end)} is not '
                f"within this text of {len(source.text)} characters.</p>"
            )
        start = end = None
    body = (
        header
        + notice
        + f'<article class="doc-text" lang="zh-CN">{render_text(source, start, end)}</article>'
    )
    return HTMLResponse(_page(title, body))
