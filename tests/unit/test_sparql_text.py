"""What the API reads in a SPARQL text before a worker sees it (api/sparql/text.py): updates and
SERVICE clauses are found wherever the lexer would find them, and never in strings, IRIs, comments
or names; and no text, however built, takes more than linear time to read."""

from __future__ import annotations

import time

import pytest

from api.sparql.text import calls_service, is_update


@pytest.mark.parametrize(
    ("query", "calls"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p ?o }SERVICE<http://x/>{}", True),
        ("SELECT * { SERVICE ?x { ?s ?p ?o } }", True),
        # The lexer cuts these before SERVICE: a number, or a keyword and a dot.
        ("SELECT * { ?s ?p 1SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s ?p 1.5SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s a.SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s ?p ?o FILTER(?a<?b)SERVICE?x{?s ?p ?o} }", True),
        # An escaped quote inside a prefixed name starts no string that could hide SERVICE.
        ("SELECT * { ?s ?p ex:a\\' SERVICE <http://x/> {} 'x' }", True),
        ("SELECT * { ?s ?p 'it''s' SERVICE <http://x/> {} }", True),
        ('SELECT * { ?s ?p """a\\"""" } SERVICE <http://x/> {}', True),
        ("SELECT * { ?s ?p 'never closed SERVICE <http://x/> {} }", True),
        # The same letters that are not the keyword.
        ("SELECT * { ?s a cpsv:PublicService }", False),
        ("SELECT * { ?s a schema:Service }", False),
        ("SELECT * { ?s ?p ex:a.SERVICE }", False),
        ('SELECT ?service { ?service ?p "SERVICE" } # SERVICE', False),
        ("SELECT * { ?s ?p 'x'@SERVICE . _:SERVICE ?p <http://x/SERVICE> }", False),
        ("PREFIX service: <http://x/> SELECT * { ?s service:p ?o }", False),
    ],
)
def test_calls_service(query: str, calls: bool) -> None:
    assert calls_service(query) is calls


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", True),
        ("DELETE WHERE { ?s ?p ?o }", True),
        ("BASE <http://x/> WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("LOAD <http://x/data.ttl>", True),
        ("clear all", True),
        ("SELECT * { ?s ?p ?o }", False),
        ("# INSERT DATA\nASK {}", False),
        ("PREFIX insert: <http://x/> SELECT * { ?s insert:a ?o }", False),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p 'DELETE' }", False),
    ],
)
def test_is_update(text: str, update: bool) -> None:
    assert is_update(text) is update


@pytest.mark.parametrize(
    "text",
    [
        "a." * 50_000,  # a run that is almost a prefixed name at every position
        "a" + "." * 99_998 + ":",
        '"\\' * 30_000,  # quotes that never close
        "'" * 100_000,
        "'''" + "\\'''" * 25_000,
        "service " * 12_000,
        "<a" * 50_000,
    ],
    ids=["dots", "prefix", "escaped-quotes", "quotes", "long-quotes", "words", "iris"],
)
def test_reading_takes_linear_time(text: str) -> None:
    """100 kB (the query limit) of the worst shapes found: well under a second each (a quadratic
    pattern took 70 to 90 s on two of them)."""
    started = time.perf_counter()
    calls_service(text)
    is_update(text)
    assert time.perf_counter() - started < 2.0
