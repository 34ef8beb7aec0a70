"""The SPARQL 1.1 endpoint at `/sparql` (SPARQL 1.1 Protocol, https://www.w3.org/TR/sparql11-protocol/).

- Queries by GET (`?query=`), by POST with the query as the body (`application/sparql-query`) or by
  POST of a form (`application/x-www-form-urlencoded`, field `query`).
- SELECT and ASK answer in SPARQL Results JSON (the default), XML, CSV or TSV; CONSTRUCT and DESCRIBE
  in Turtle (the default), JSON-LD, N-Triples or RDF/XML; chosen by the Accept header.
- Over exactly the triples `policykg export --format turtle` writes, kept in an Oxigraph store in
  the data folder (api/sparql/store.py) and answered by worker processes (api/sparql/pool.py).
- Read-only: an update (the `update` field, `application/sparql-update`, or update text sent as a
  query) is refused with 403. SERVICE is refused with 400: the server would send requests to any
  address the query names.
- Limits (api/sparql/service.py, SparqlLimits): the query text (413, or 414 in a URL), the time one
  query may run (503, its worker is killed), the size of an answer (400), the workers busy (503).
- GET without a query answers the SPARQL 1.1 Service Description of the endpoint.

Errors are plain text that says what was wrong and what to change."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from api.negotiation import negotiate
from api.sparql.pool import SparqlPoolError, WorkersBusy
from api.sparql.service import SparqlService, SparqlUnavailable
from api.sparql.text import calls_service, is_update
from graph.store import GraphStore

log = logging.getLogger(__name__)

PATH = "/sparql"
# What SELECT and ASK answers are offered as, in the order preferred when the client does not mind,
# with the name of the worker's format.
RESULTS_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# The same for CONSTRUCT and DESCRIBE answers (graphs).
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
}
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
READ_ONLY = "this SPARQL endpoint is read-only: SPARQL Update is not accepted"
_HEADERS = {"Vary": "Accept"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    service: SparqlService | None = getattr(app.state, "sparql", None)
    if service is not None:
        await service.close()  # the idle workers exit; they would also exit with this process


router = APIRouter(tags=["sparql"], lifespan=lifespan)


class Refused(Exception):
    """A request answered with an error: its status and the plain-text reason."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}

    def response(self) -> Response:
        return PlainTextResponse(self.reason, status_code=self.status, headers={**_HEADERS, **self.headers})


def sparql_service(request: Request) -> SparqlService:
    """The app's SPARQL service, made on first use from its settings (a test may set its own)."""
    state = request.app.state
    service: SparqlService | None = getattr(state, "sparql", None)
    if service is None:
        settings = state.settings
        service = state.sparql = SparqlService(
            settings.data_dir, settings.base_iri, version_ttl_s=getattr(state, "version_ttl_s", 1.0)
        )
    return service


def _get_store(request: Request) -> GraphStore | None:
    getter = getattr(request.app.state, "get_store", None)  # reopens a store that was down
    return getter() if getter is not None else request.app.state.store


@router.get(PATH, name="sparql")
async def sparql_get(request: Request) -> Response:
    params = {name: request.query_params.getlist(name) for name in request.query_params}
    try:
        if "update" in params:
            raise Refused(403, f"{READ_ONLY} (an update cannot be sent by GET either)")
        if "query" not in params:
            return service_description(request)
        limit = sparql_service(request).limits.max_query_bytes
        if len(request.scope.get("query_string") or b"") > limit:
            raise Refused(414, f"the URL is longer than {limit} bytes: send a long query by POST")
        return await answer(request, params)
    except Refused as refusal:
        return refusal.response()


@router.post(PATH)
async def sparql_post(request: Request) -> Response:
    media_type, _, charset = _content_type(request.headers.get("content-type"))
    try:
        if media_type == UPDATE_TYPE:
            raise Refused(403, READ_ONLY)
        if media_type == QUERY_TYPE:
            if charset not in ("", "utf-8", "utf8"):
                raise Refused(415, f"a query must be sent in UTF-8, not {charset}")
            # The query is the body; the dataset parameters, if any, are in the URL.
            params = {name: request.query_params.getlist(name) for name in request.query_params}
            params["query"] = [_text(await _body(request), "the query")]
        elif media_type == FORM_TYPE:
            form = _text(await _body(request), "the form")
            params = parse_qs(form, keep_blank_values=True, errors="strict")
            if "update" in params:
                raise Refused(403, READ_ONLY)
            if "query" not in params:
                raise Refused(400, "the form has no 'query' field: send the query as query=...")
        else:
            shown = media_type or "none"
            raise Refused(
                415,
                f"unsupported Content-Type ({shown}): POST a query as {QUERY_TYPE}, or as a form "
                f"({FORM_TYPE}) with a 'query' field",
            )
        return await answer(request, params)
    except Refused as refusal:
        return refusal.response()
    except UnicodeDecodeError:
        return Refused(400, "the form is not valid UTF-8 once its %-escapes are decoded").response()


async def answer(request: Request, params: dict[str, list[str]]) -> Response:
    """Check one query request and answer it; raises Refused."""
    queries = params.get("query") or []
    if len(queries) != 1:
        raise Refused(400, f"a request carries exactly one query; this one has {len(queries)}")
    query = queries[0]
    for name in DATASET_PARAMETERS:
        if name in params:
            raise Refused(
                400,
                f"{name} is not supported: this endpoint has one default graph, the whole dataset, "
                "and no named graphs",
            )
    service = sparql_service(request)
    # Reading a text of up to 100 kB for keywords takes up to a few hundred milliseconds: not on the
    # event loop, which every other request waits on.
    await asyncio.to_thread(_check_query, query, service.limits.max_query_bytes)
    accept = request.headers.get("accept")
    results_type = negotiate(accept, list(RESULTS_TYPES))
    graph_type = negotiate(accept, list(GRAPH_TYPES))
    if results_type is None and graph_type is None:
        raise Refused(406, f"the Accept header allows no answer on offer; available: {_offers()}")
    # A client that names only types of the other form (rdflib asks for SPARQL JSON whatever the
    # query) gets this form's default, as RFC 9110 allows, rather than a 406 it cannot act on.
    results_type = results_type or next(iter(RESULTS_TYPES))
    graph_type = graph_type or next(iter(GRAPH_TYPES))
    try:
        store = await service.current_store(lambda: _get_store(request))
        reply = await service.query(store, query, RESULTS_TYPES[results_type], GRAPH_TYPES[graph_type])
    except SparqlUnavailable as exc:
        raise Refused(503, str(exc), {"Retry-After": "5"}) from exc
    except WorkersBusy as exc:
        raise Refused(503, str(exc), {"Retry-After": "2"}) from exc
    except SparqlPoolError as exc:  # over the time or memory limit
        raise Refused(503, str(exc)) from exc
    header = reply.header
    if header.get("ok"):
        chosen = results_type if header["form"] in ("select", "ask") else graph_type
        return Response(reply.body, media_type=f"{chosen}; charset=utf-8", headers=_HEADERS)
    raise _refusal(header, service)


def _check_query(query: str, limit: int) -> None:
    try:
        size = len(query.encode("utf-8"))
    except UnicodeEncodeError:
        raise Refused(400, "the query is not valid Unicode text: it contains a lone surrogate") from None
    if size > limit:
        raise Refused(413, f"the query is {size} bytes long; queries are limited to {limit} bytes")
    if not query.strip():
        raise Refused(400, "the query is empty")
    if is_update(query):
        raise Refused(403, f"{READ_ONLY}; send SELECT, ASK, CONSTRUCT or DESCRIBE queries")
    if calls_service(query):
        raise Refused(
            400,
            "SERVICE (federated query) is not offered: it would make this server send requests to "
            "other endpoints; query them yourself and combine the answers",
        )


def _refusal(header: dict[str, str], service: SparqlService) -> Refused:
    """The error a worker's failure is for the client."""
    error = header.get("error")
    if error == "syntax":
        return Refused(400, f"the query does not parse: {header.get('message')}")
    if error == "too_large":
        limit = service.limits.max_result_bytes
        return Refused(
            400,
            f"the answer is larger than {limit / 2**20:g} MB, the limit for one answer: ask for fewer "
            "results (LIMIT and OFFSET page through them), or fetch the whole graph from /dataset/dump.ttl",
        )
    # The store or the evaluation failed: the details (paths, say) go to the log, not the client.
    log.warning("SPARQL query failed in the worker: %s: %s", error, header.get("message"))
    return Refused(500, "the query failed while it was evaluated; the server's log has the details")


def _offers() -> str:
    return "for SELECT and ASK {}; for CONSTRUCT and DESCRIBE {}".format(
        ", ".join(RESULTS_TYPES), ", ".join(GRAPH_TYPES)
    )


def _content_type(header: str | None) -> tuple[str, dict[str, str], str]:
    """(media type, parameters, charset), lower-cased."""
    media, *parts = (header or "").split(";")
    params = {}
    for part in parts:
        name, _, value = part.partition("=")
        params[name.strip().lower()] = value.strip().strip('"').lower()
    return media.strip().lower(), params, params.get("charset", "")


def _text(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, f"{what} is not valid UTF-8") from None


async def _body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it passes the query limit (counted as it
    arrives: a missing or false Content-Length does not get around it)."""
    limit = sparql_service(request).limits.max_query_bytes
    too_large = Refused(413, f"the request body is larger than {limit} bytes, the limit for a query")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


# -- the service description --------------------------------------------------------------------------

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "JSON-LD",
    "N-Triples",
    "RDF_XML",
)


def service_description(request: Request) -> Response:
    """The endpoint described in the SPARQL 1.1 Service Description vocabulary, in Turtle (or
    JSON-LD, N-Triples, RDF/XML by the Accept header)."""
    service = sparql_service(request)
    chosen = negotiate(request.headers.get("accept"), list(GRAPH_TYPES)) or "text/turtle"
    endpoint = URIRef(f"{service.base}{PATH}")
    dataset = URIRef(f"{service.base}/dataset")
    limits = service.limits
    out = Graph()
    out.bind("sd", SD)
    out.bind("void", VOID)
    out.add((endpoint, RDF.type, SD.Service))
    out.add((endpoint, SD.endpoint, endpoint))
    out.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        out.add((endpoint, SD.resultFormat, FORMATS[name]))
    out.add((endpoint, SD.defaultDataset, dataset))
    out.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    out.add((dataset, SD.defaultGraph, default_graph))
    out.add((default_graph, RDF.type, SD.Graph))
    out.add((dataset, VOID.sparqlEndpoint, endpoint))
    out.add(
        (
            endpoint,
            RDFS.comment,
            Literal(
                f"Read-only (no SPARQL Update, no SERVICE). One query may run {limits.timeout_s:g} s and "
                f"answer {limits.max_result_bytes / 2**20:g} MB; its text is at most {limits.max_query_bytes} "
                "bytes. The prefixes of /context.jsonld (pkg:, schema:, cpsv:, eli:, ...) may be used "
                "without declaring them.",
                lang="en",
            ),
        )
    )
    rdflib_format = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}
    body = out.serialize(format=rdflib_format[GRAPH_TYPES[chosen]])
    return Response(body, media_type=f"{chosen}; charset=utf-8", headers=_HEADERS)
