"""What the API reads in a SPARQL text before a worker sees it: whether it is an update (refused: the
endpoint is read-only) and whether it calls another endpoint with SERVICE (refused: oxigraph would
send HTTP requests from this server to any address the query names).

A real parser is the worker's job; here the text is only cut the way the SPARQL 1.1 grammar's lexer
cuts it (section 19.8), enough to tell a keyword from the same letters inside a string, an IRI, a
comment, a variable, a language tag or a prefixed name (`cpsv:PublicService` and `schema:Service`
are not SERVICE). The cut errs one way only: where it is unsure, it reads a keyword (a refusal to
explain) rather than miss one. Every pattern here runs in time linear in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Character classes of the grammar's names (PN_CHARS_BASE and friends).
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
# PLX: %HH, or a backslash escape, which may hold a quote or a # (so it must be read as part of a
# name, or a string or a comment would seem to start there).
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"

_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<comment>#[^\n\r]*)",
            # Strings, long and short. The body is possessive (*+) and the closing quote optional, so
            # a match never fails and is never retried from a later quote: a text of unclosed
            # quotes costs linear time, not quadratic. An unclosed string cannot parse anyway.
            r"'''(?:[^'\\]|\\.|'(?!''))*+(?P<close1>''')?",
            r'"""(?:[^"\\]|\\.|"(?!""))*+(?P<close2>""")?',
            r"'(?:[^'\\\n\r]|\\.)*+(?P<close3>')?",
            r'"(?:[^"\\\n\r]|\\.)*+(?P<close4>")?',
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*+>)",
            # Variables, language tags and blank nodes: names, never keywords.
            f"(?P<sigil>[?$@]|_:)(?:[{_CHARS}]|-)*",
            # A run of name characters: keywords, numbers, prefixed names. Read whole, then cut below
            # (matching a prefixed name here would try every start of a long run: quadratic).
            f"(?P<run>(?:[{_CHARS}.:]|{_PLX})+)",
        )
    ),
    re.DOTALL,
)
_PREFIX = re.compile(f"(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?")
_PIECES = re.compile(r"[^A-Za-z0-9_]+")
_NUMBER = re.compile(r"[0-9]+(?:[eE][0-9]+)?")
_WORDS = re.compile(r"[A-Za-z_]+")

# The first keyword of each update operation (SPARQL 1.1 Update, section 3).
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
QUERY_KEYWORDS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def keywords(text: str) -> Iterator[str]:
    """The bare words of `text` in upper case, in order: keywords, function names and `a`; never
    what is inside strings, IRIs or comments, nor variables, language tags or prefixed names."""
    for match in _TOKEN.finditer(text):
        if match.group("run") is None:
            if match.group()[0] in "'\"" and not any(match.group(f"close{i}") for i in range(1, 5)):
                # An unclosed string: unsure where the lexer would be, read its text as words too.
                yield from (word.upper() for word in _WORDS.findall(match.group()))
            continue
        run = match.group()
        before, colon, _ = run.partition(":")
        if colon and _PREFIX.fullmatch(before):
            continue  # a prefixed name (what follows the colon is its local part)
        # Not a name: the lexer cuts it into words and numbers ("a.SERVICE", "1SERVICE").
        for piece in _PIECES.split(before):
            number = _NUMBER.match(piece)
            word = piece[number.end() :] if number else piece
            if word:
                yield word.upper()


def is_update(text: str) -> bool:
    """Whether `text` reads as a SPARQL update: its first operation keyword (after the BASE and
    PREFIX declarations) starts an update rather than a query."""
    for word in keywords(text):
        if word in QUERY_KEYWORDS:
            return False
        if word in UPDATE_KEYWORDS:
            return True
    return False


def calls_service(text: str) -> bool:
    """Whether `text` has a SERVICE clause (a federated query)."""
    if "service" not in text.lower():
        return False  # the common case, without cutting the text at all
    return "SERVICE" in keywords(text)
