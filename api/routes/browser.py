"""Neo4j Browser support: a guide (`:play http://localhost:8000/browser/guide`) whose slides walk an
analyst through the graph with clickable queries, and the style sheet (`/browser/style.grass`).

The Browser (http://localhost:7474) fetches both cross-origin, so they answer with CORS headers; its
host allowlist (`browser.remote_content_hostname_allowlist`) admits localhost by default. The guide's
queries are the files cypher/guide_*.cypher, run with `:param` values the slides set first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from graph.queries import load_query
from schema.browser_style import grass
from schema.ontology import ONTOLOGY

router = APIRouter(prefix="/browser", tags=["neo4j browser"])

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "*",
}


@dataclass(frozen=True)
class Step:
    """One slide: a title, what to look at, the parameters to set and the queries to click."""

    title: str
    text: str
    params: dict[str, str]
    queries: tuple[str, ...]  # names in cypher/


STEPS: tuple[Step, ...] = (
    Step(
        "专精特新的梯度 · The 专精特新 ladder",
        "Designations are nodes per level; <code>IMPLIES</code> goes from the higher rung to the one it "
        "satisfies (专精特新小巨人企业 → 专精特新中小企业 → 创新型中小企业). The programs that "
        "<code>GRANTS</code> each rung show how a company climbs.",
        {"ladder": "专精特新"},
        ("guide_ladder",),
    ),
    Step(
        "企业技术中心能解锁什么 · What 企业技术中心 unlocks",
        "Holding a designation at one level satisfies every level below it. Follow <code>IMPLIES</code> "
        "from the held node, then the programs that <code>REQUIRES</code> or <code>PREFERS</code> any "
        "node reached. Change <code>level</code> to <code>provincial</code> or <code>municipal</code> "
        "and run again.",
        {"designation": "企业技术中心", "level": "national"},
        ("guide_unlocks", "guide_unlocks_table"),
    ),
    Step(
        "找谁咨询 · The contacts of a department",
        "Contact offices (处室) are <code>PART_OF</code> their department; programs name them with "
        "<code>HAS_CONTACT</code>, carrying the phone number printed next to the program.",
        {"department": "徐州市工业和信息化局"},
        ("guide_contacts",),
    ),
    Step(
        "一个城市的项目 · The programs of one city",
        "Regions nest with <code>PART_OF</code> (区 → 市 → 省 → 全国); a program is placed with "
        "<code>IN_REGION</code>. The table lists what each program offers; the graph shows who "
        "administers it and what it requires.",
        {"city": "徐州市"},
        ("guide_city_programs", "guide_city_graph"),
    ),
    Step(
        "原文依据 · Why the graph says so",
        "Every relationship keeps the sentence it was read from (<code>evidence</code>), the document "
        "(<code>doc</code>) and the character offsets (<code>span</code>). Check any fact against its "
        "source before relying on it.",
        {"program": "国家企业技术中心"},
        ("guide_evidence",),
    ),
)


def _pre(text: str) -> str:
    return f'<pre mode="cypher" class="pre-scrollable code runnable">{html.escape(text)}</pre>'


def _cypher_string(text: str) -> str:
    """A Cypher string literal: the server's address goes into a query the analyst runs."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _param_command(params: dict[str, str]) -> str:
    # Browser syntax, one command per parameter: `:param name => 'value'`.
    return "\n".join(f":param {name} => '{value}'" for name, value in params.items())


def _legend() -> str:
    items = "".join(
        f'<li><span style="background:{spec.color};border-radius:50%;display:inline-block;width:1em;'
        f'height:1em;vertical-align:middle"></span> <b>{label}</b> — {html.escape(spec.description)}</li>'
        for label, spec in ONTOLOGY.node_types.items()
    )
    return f"<ul>{items}</ul>"


def guide_html(server: str) -> str:
    """The slides; `server` is this API's address, so the style sheet and entity pages link back."""
    href = html.escape(server, quote=True)  # `_pre` escapes the queries' text itself
    first = f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>policykg · 产业扶持政策知识图谱</h3>
    <p>Support programs (扶持项目) extracted from policy compilations, the designations (资质) they
    require, prefer or grant, what they offer, who runs them and whom to call. Every relationship
    carries <code>doc</code>, <code>evidence</code> (the sentence it came from) and <code>span</code>.</p>
    {_legend()}
    <p>First, apply the style (colours and Chinese captions), or drag
    <a href="{href}/browser/style.grass">style.grass</a> onto the <code>:style</code> panel:</p>
    {_pre(f":style {server}/browser/style.grass")}
    <p>The shape of the graph:</p>
    {_pre("CALL db.schema.visualization()")}
  </div>
</slide>"""
    slides = [first]
    for step in STEPS:
        queries = "".join(_pre(load_query(name)) for name in step.queries)
        slides.append(
            f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>{html.escape(step.title)}</h3>
    <p>{step.text}</p>
    <p>Set the parameters (click, then run):</p>
    {_pre(_param_command(step.params))}
    <p>Then the query:</p>
    {queries}
  </div>
</slide>"""
        )
    slides.append(
        f"""
<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>每个实体都是链接数据 · Every entity is linked data</h3>
    <p>Each node has an IRI <code>{href}/id/&lt;type&gt;/&lt;id&gt;</code> that answers with HTML,
    JSON-LD or Turtle (content negotiation). Find one to open:</p>
    {_pre(f"MATCH (p:Program) RETURN p.name AS program, {_cypher_string(server + '/id/program/')} + p.id AS iri LIMIT 10")}
    <p>The dataset's DCAT description is at <a href="{href}/dataset">{href}/dataset</a>.</p>
  </div>
</slide>"""
    )
    return f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>policykg guide</title></head>
<body>
<article class="guide" data-title="policykg">
<carousel class="deck container-fluid">{"".join(slides)}
</carousel>
</article>
</body>
</html>
"""


# A Host header as RFC 9110 allows it in practice: a DNS name or IPv4 address, or an IPv6 literal,
# and a port. Anything else (quotes, angle brackets, spaces) is a client's forgery.
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
    r"|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
)


def _server(request: Request) -> str:
    """This API's address as the client reached it, so the guide's links work behind any name; a
    Host header that is no host name is not written into the page (where it would become markup
    or Cypher text in a clickable query): the configured base IRI is used instead."""
    host = request.headers.get("host", "")
    if request.url.scheme in ("http", "https") and _HOST.fullmatch(host):
        return str(request.base_url).rstrip("/")
    return str(request.app.state.settings.base_iri).rstrip("/")


@router.get("/guide", name="browser_guide")
def guide(request: Request) -> HTMLResponse:
    return HTMLResponse(guide_html(_server(request)), headers=CORS)


@router.get("/style.grass", name="browser_style")
def style() -> PlainTextResponse:
    return PlainTextResponse(grass(), headers=CORS)


@router.options("/guide")
@router.options("/style.grass")
def preflight() -> Response:
    return Response(status_code=204, headers=CORS)
