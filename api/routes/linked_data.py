"""Linked data over HTTP: every entity at `/id/{type}/{id}` as JSON-LD, Turtle, N-Triples or a
readable HTML page (chosen by the Accept header, or `?format=`), plus the dataset's DCAT description,
full dumps, the JSON-LD context and the SHACL shapes."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import logging
import re
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from rdflib import Graph

from api.linked_data import (
    EntityView,
    Link,
    RdfFormat,
    dataset_description,
    fetch_entity,
    serialise,
    to_rdf,
)
from graph.store import GraphStore, export_graph
from schema.errors import StoreError
from schema.graph import GraphDocument
from schema.jsonld import Vocabulary, type_segment
from schema.ontology import ONTOLOGY
from schema.shapes import shapes_graph

log = logging.getLogger(__name__)
T = TypeVar("T")

STORE_DOWN = "the graph store is not available; try again shortly"


class StoreErrorsAre503(APIRoute):
    """A store that is down (or stopped answering mid-request) is the server's temporary state, not
    a bug: 503 with Retry-After, and without the store's address, instead of a 500."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except StoreError as exc:
                log.warning("%s %s: %s", request.method, request.url.path, exc)
                return JSONResponse(
                    {"detail": STORE_DOWN}, status_code=503, headers={**_HEADERS, "Retry-After": "5"}
                )

        return handle


router = APIRouter(tags=["linked data"], route_class=StoreErrorsAre503)

HTML = "text/html"
# What a client may ask for, and what each name in ?format= means.
MEDIA_TYPES: dict[str, str | RdfFormat] = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/ld+json": RdfFormat.JSONLD,
    "application/json": RdfFormat.JSONLD,
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.NTRIPLES,
    "text/plain": RdfFormat.NTRIPLES,
    "application/rdf+xml": RdfFormat.RDFXML,
}
FORMAT_NAMES: dict[str, str | RdfFormat] = {
    "html": HTML,
    "jsonld": RdfFormat.JSONLD,
    "json": RdfFormat.JSONLD,
    "ttl": RdfFormat.TURTLE,
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.NTRIPLES,
    "ntriples": RdfFormat.NTRIPLES,
    "rdf": RdfFormat.RDFXML,
    "rdfxml": RdfFormat.RDFXML,
}
# Preference among types a client rates equally: machine formats for */*, HTML when listed.
SERVER_ORDER = [HTML, RdfFormat.JSONLD, RdfFormat.TURTLE, RdfFormat.NTRIPLES, RdfFormat.RDFXML]


def negotiate(accept: str | None, fmt: str | None, *, html_ok: bool = True) -> str | RdfFormat | None:
    """The representation to send: `?format=` wins, then the Accept header's q-values; None if
    nothing acceptable is on offer (406)."""
    if fmt:
        return FORMAT_NAMES.get(fmt.lower())
    if not accept or not accept.strip():
        return RdfFormat.JSONLD
    ranked: list[tuple[float, int, str | RdfFormat]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = _quality(params)
        if q <= 0:
            continue
        media = media.lower()
        if media in ("*/*", "application/*"):
            ranked.append((q - 0.001, position, RdfFormat.JSONLD))  # a wildcard loses to a named type
        elif media == "text/*":
            ranked.append((q - 0.001, position, RdfFormat.TURTLE))
        elif media in MEDIA_TYPES:
            ranked.append((q, position, MEDIA_TYPES[media]))
    offered = [(q, pos, choice) for q, pos, choice in ranked if html_ok or choice != HTML]
    if not offered:
        return None
    best_q = max(q for q, _, _ in offered)
    best = {choice for q, _, choice in offered if q == best_q}
    return next(choice for choice in SERVER_ORDER if choice in best)


# RFC 9110 qvalue: 0 to 1, at most three decimals. float() would also take nan, inf, 1e0 or 2.
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def _quality(params: list[str]) -> float:
    """The q-value of a media range; a malformed one (q=nan) makes the range unusable, like q=0."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if _QVALUE.fullmatch(value) else 0.0
    return 1.0


def _store(request: Request) -> GraphStore:
    # The app's holder reopens a store that was down at start-up; fall back to the plain attribute.
    getter = getattr(request.app.state, "get_store", None)
    store = getter() if getter is not None else request.app.state.store
    if store is None:
        raise HTTPException(503, STORE_DOWN, headers={"Retry-After": "5"})
    return store


def _storable(text: str) -> bool:
    """Whether the store can hold `text`: no stored id contains NUL (the embedded store's client
    sends parameters inside the query text, which a NUL cuts short) or a lone surrogate (which no
    encoding can send)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _base(request: Request) -> str:
    return str(request.app.state.settings.base_iri).rstrip("/")


def _rdf_response(body: str | bytes, fmt: RdfFormat) -> Response:
    return Response(body, media_type=f"{fmt.media_type}; charset=utf-8", headers=_HEADERS)


_HEADERS = {"Vary": "Accept", "Access-Control-Allow-Origin": "*"}


@router.get("/id/{type_name}/{node_id}", name="entity")
def entity(type_name: str, node_id: str, request: Request, format: str | None = None) -> Response:
    label = Vocabulary(_base(request)).label_of_segment(type_name)
    if label is None:
        raise HTTPException(
            404, f"no entity type {type_name!r}; known: {', '.join(map(type_segment, ONTOLOGY.node_types))}"
        )
    choice = negotiate(request.headers.get("accept"), format)
    if choice is None:
        raise HTTPException(
            406,
            "available: text/html, application/ld+json, text/turtle, application/n-triples, application/rdf+xml",
        )
    view = fetch_entity(_store(request), label, node_id) if _storable(node_id) else None
    if view is None:
        raise HTTPException(404, f"no {label} with id {node_id!r}")
    base = _base(request)
    rdf = to_rdf(view.graph(), base)
    if choice == HTML:
        jsonld = serialise(rdf, RdfFormat.JSONLD, base)
        return HTMLResponse(render_entity(view, base, jsonld), headers=_HEADERS)
    assert isinstance(choice, RdfFormat)
    return _rdf_response(serialise(rdf, choice, base), choice)


@dataclass
class Snapshot:
    """The whole graph as RDF and its serialisations (UTF-8), kept until a document changes:
    building them takes seconds on the seed graph, and portals fetch dumps repeatedly."""

    key: tuple[Any, ...]
    graph: GraphDocument
    rdf: Graph
    texts: dict[str, bytes] = field(default_factory=dict)


class SingleFlight:
    """Callers asking for the same key at once share one computation, run in a worker thread: the
    eight first requests for a dump after a rebuild build it once (not eight times, each slower
    for the others and each holding its own copy of the graph), and wait without holding a thread."""

    def __init__(self) -> None:
        self._flights: dict[Hashable, asyncio.Future[Any]] = {}

    async def run(self, key: Hashable, compute: Callable[[], T]) -> T:
        flight = self._flights.get(key)
        if flight is None or flight.get_loop() is not asyncio.get_running_loop():
            flight = asyncio.ensure_future(asyncio.to_thread(compute))
            self._flights[key] = flight
            flight.add_done_callback(lambda done: self._landed(key, done))
        # A client that goes away cancels its own wait, not the computation the others wait for.
        return await asyncio.shield(flight)

    def _landed(self, key: Hashable, done: asyncio.Future[Any]) -> None:
        if self._flights.get(key) is done:
            del self._flights[key]  # a failure is not kept: the next request tries again
        if not done.cancelled():
            done.exception()  # retrieved, even if every waiter has gone


def _flights(request: Request) -> SingleFlight:
    flights: SingleFlight | None = getattr(request.app.state, "linked_data_flights", None)
    if flights is None:
        flights = request.app.state.linked_data_flights = SingleFlight()
    return flights


def _snapshot_key(store: GraphStore, base: str) -> tuple[Any, ...]:
    # Every build replaces whole documents and stamps each with its sha256 and extractor.
    documents = tuple((r["id"], r.get("sha256"), r.get("extractor")) for r in store.run("documents"))
    return (store.address, base, documents)


async def snapshot(request: Request) -> Snapshot:
    """The snapshot of the graph as it is now: the cached one, or one build shared by every
    request that asks meanwhile."""
    base = _base(request)

    def current() -> tuple[GraphStore, tuple[Any, ...]]:
        store = _store(request)  # may reopen a store that was down: not on the event loop
        return store, _snapshot_key(store, base)

    store, key = await asyncio.to_thread(current)
    cached: Snapshot | None = getattr(request.app.state, "linked_data_snapshot", None)
    if cached is not None and cached.key == key:
        return cached

    def make() -> Snapshot:
        graph = export_graph(store)
        fresh = Snapshot(key=key, graph=graph, rdf=to_rdf(graph, base))
        request.app.state.linked_data_snapshot = fresh
        return fresh

    return await _flights(request).run(("snapshot", key), make)


async def snapshot_text(request: Request, snap: Snapshot, name: str, make: Callable[[], str]) -> bytes:
    """One serialisation of a snapshot, made once however many requests ask for it at once."""
    body = snap.texts.get(name)
    if body is not None:
        return body

    def render() -> bytes:
        snap.texts[name] = make().encode("utf-8")
        return snap.texts[name]

    return await _flights(request).run(("text", snap.key, name), render)


@router.get("/dataset", name="dataset")
async def dataset(request: Request, format: str | None = None) -> Response:
    """DCAT and VoID description of the whole dataset."""
    choice = negotiate(request.headers.get("accept"), format, html_ok=False)
    if choice is None and format is None:
        choice = RdfFormat.TURTLE  # a browser asking for HTML gets the most readable RDF
    if not isinstance(choice, RdfFormat):
        raise HTTPException(
            406, "available: application/ld+json, text/turtle, application/n-triples, application/rdf+xml"
        )
    base = _base(request)
    snap = await snapshot(request)

    def describe() -> str:
        description = dataset_description(base, snap.graph, triples=len(snap.rdf), modified=dt.date.today())
        return serialise(description, choice, base)

    body = await snapshot_text(request, snap, f"dcat.{choice.extension}.{dt.date.today()}", describe)
    return _rdf_response(body, choice)


@router.get("/dataset/dump.{extension}", name="dump")
async def dump(extension: str, request: Request) -> Response:
    """The whole graph in one file: dump.jsonld, dump.ttl or dump.nt."""
    formats = {fmt.extension: fmt for fmt in RdfFormat}
    if extension not in formats:
        raise HTTPException(404, f"no dump .{extension}; available: {', '.join(formats)}")
    fmt, base = formats[extension], _base(request)
    snap = await snapshot(request)
    body = await snapshot_text(request, snap, f"dump.{extension}", lambda: serialise(snap.rdf, fmt, base))
    return _rdf_response(body, fmt)


@router.get("/context.jsonld", name="jsonld_context")
def context(request: Request) -> Response:
    body = json.dumps(Vocabulary(_base(request)).context_document(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/ld+json; charset=utf-8", headers=_HEADERS)


@router.get("/shapes.ttl", name="shapes")
def shapes(request: Request) -> Response:
    text = shapes_graph(_base(request)).serialize(format="turtle")
    return Response(text, media_type="text/turtle; charset=utf-8", headers=_HEADERS)


# -- HTML -------------------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{margin:.2rem 0}.type{color:#666;margin:0}.iri{font-family:monospace;font-size:.85rem;color:#555}
table{border-collapse:collapse}td,th{text-align:left;vertical-align:top;padding:.2rem .8rem .2rem 0}
th{color:#555;font-weight:normal}li{margin:.5rem 0}blockquote{margin:.2rem 0 .1rem 1rem;padding-left:.6rem;
border-left:3px solid #ccc;color:#333}.prov{color:#777;font-size:.85rem}.tag{font-size:.8rem;color:#fff;
border-radius:.6rem;padding:0 .5rem;margin-left:.3rem}
"""


def _e(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_e(v) for v in value)
    return html.escape(str(value))


def _path(label: str, node_id: str) -> str:
    """A link on the serving host: navigation works even when the IRIs name another base."""
    return f"/id/{type_segment(label)}/{html.escape(node_id, quote=True)}"


def _caption(label: str, props: dict[str, Any], node_id: str) -> str:
    value = props.get(ONTOLOGY.node_types[label].caption)
    return str(value) if value else node_id


def _link_item(link: Link, documents: dict[str, str]) -> str:
    color = ONTOLOGY.node_types[link.label].color
    extra = "".join(
        f' <span class="prov">{_e(k)}: {_e(v)}</span>'
        for k, v in link.properties.items()
        if k not in ONTOLOGY.provenance
    )
    parts = [
        f'<li><a href="{_path(link.label, link.other)}">{_e(link.caption or link.other)}</a>'
        f'<span class="tag" style="background:{color}">{_e(link.label)}</span>{extra}'
    ]
    evidence = link.properties.get("evidence")
    if evidence:
        parts.append(f"<blockquote>{_e(evidence)}</blockquote>")
    doc = link.properties.get("doc")
    if doc:
        span = link.properties.get("span")
        where = f", 字符 {span[0]}–{span[1]}" if isinstance(span, list) and len(span) == 2 else ""
        parts.append(
            f'<div class="prov">出处 <a href="{_path("Document", str(doc))}">'
            f"{_e(documents.get(str(doc), doc))}</a>{where}</div>"
        )
    return "".join(parts) + "</li>"


def _link_sections(title: str, links: list[Link], base: str, documents: dict[str, str]) -> str:
    if not links:
        return ""
    vocab = Vocabulary(base)
    groups: dict[str, list[Link]] = {}
    for link in links:
        groups.setdefault(link.type, []).append(link)
    out = [f"<section><h2>{title}</h2>"]
    for rel_type, items in groups.items():
        predicate = vocab.relationship_predicate(rel_type)
        out.append(f'<h3>{_e(rel_type)} <span class="iri">{_e(predicate)}</span></h3><ul>')
        out.extend(_link_item(link, documents) for link in items)
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def render_entity(view: EntityView, base: str, jsonld: str) -> str:
    """The human page of an entity: name, properties, relationships as links with their evidence."""
    node = view.node
    vocab = Vocabulary(base)
    iri = vocab.entity(node.label, node.id)
    caption = _caption(node.label, node.properties, node.id)
    classes = ", ".join(ONTOLOGY.node_types[node.label].rdf)
    rows = "".join(
        f'<tr><th>{_e(k)}</th><td>{_e(v)}</td><td class="iri">{_e(vocab.mapping(k).rdf)}</td></tr>'
        for k, v in node.properties.items()
    )
    formats = " · ".join(
        f'<a href="?format={name}" type="{fmt.media_type}">{label}</a>'
        for name, fmt, label in (
            ("jsonld", RdfFormat.JSONLD, "JSON-LD"),
            ("ttl", RdfFormat.TURTLE, "Turtle"),
            ("nt", RdfFormat.NTRIPLES, "N-Triples"),
        )
    )
    more = '<p class="prov">Only the first relationships are listed.</p>' if view.truncated else ""
    # Evidence cites its document by id; the entity's own EXTRACTED_FROM links give the file names.
    documents = {x.other: x.caption for x in view.outgoing if x.label == "Document" and x.caption}
    # "<" only occurs inside JSON strings: written as \u003c, no markup in the data can end or open a tag.
    embedded = jsonld.replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{_e(caption)} · policykg</title>
<link rel="alternate" type="application/ld+json" href="?format=jsonld">
<link rel="alternate" type="text/turtle" href="?format=ttl">
<style>{_STYLE}</style>
<script type="application/ld+json">{embedded}</script>
</head>
<body>
<header>
<p class="type">{_e(node.label)} · {_e(classes)}</p>
<h1>{_e(caption)}</h1>
<p class="iri">{_e(iri)}</p>
<p>{formats}</p>
</header>
<section><h2>属性 Properties</h2><table>{rows}</table></section>
{_link_sections("关系 Relationships", view.outgoing, base, documents)}
{_link_sections("被指向 Incoming", view.incoming, base, documents)}
{more}
</body>
</html>
"""
