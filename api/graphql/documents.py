"""Each request's GraphQL document: parsed, measured against the limits and validated once per text
(the verdict is kept for the documents clients repeat), in a worker thread, so that no document,
however heavy, holds the event loop that every other request (/health included) waits on; then the
request's own input strings are checked.

This replaces strawberry's ParserCache, ValidationCache, MaxTokensLimiter and its depth and alias
limiters: those parse and validate on the event loop, and the limiters walk a fragment again at every
spread (a 1 kB fan-out of fragments kept the server from answering for seconds)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from api.graphql.limits import MAX_TOKENS, Inputs, document_inputs, document_limit_errors

CACHE_SIZE = 256


@dataclass
class Checked:
    """What one document text was found to be."""

    document: DocumentNode | None = None
    syntax_error: GraphQLError | None = None
    errors: list[GraphQLError] | None = None  # None until validated
    inputs: Inputs | None = None


class DocumentCache:
    """Verdicts by document text, the most recently used kept. Read and written on the event loop
    only; the threads compute, they do not touch it."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[str, Checked] = OrderedDict()

    def get(self, text: str) -> Checked | None:
        entry = self._entries.get(text)
        if entry is not None:
            self._entries.move_to_end(text)
        return entry

    def put(self, text: str, entry: Checked) -> None:
        self._entries[text] = entry
        self._entries.move_to_end(text)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


_CACHE = DocumentCache()


def _parse(text: str) -> Checked:
    try:
        return Checked(document=parse(text, max_tokens=MAX_TOKENS))
    except GraphQLError as error:
        return Checked(syntax_error=error)


def _validate(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> tuple[list[GraphQLError], Inputs]:
    # The limits first: graphql-core's rules are only run on a document they keep cheap to check.
    errors = document_limit_errors(document)
    inputs = document_inputs(document)
    if not errors:
        errors = validate_document(schema, document, rules)
    return errors or inputs.errors, inputs


class DocumentChecks(SchemaExtension):
    """Parse and validate off the event loop, once per document text; refuse over-limit documents
    before graphql-core's validation and over-long or unstorable input strings before execution."""

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        text = context.query or ""
        entry = _CACHE.get(text)
        if entry is None:
            entry = await asyncio.to_thread(_parse, text)
            _CACHE.put(text, entry)
        if entry.syntax_error is not None:
            # Raised afresh: re-raising the kept instance would grow its traceback on every request.
            raise entry.syntax_error.with_traceback(None)
        context.graphql_document = entry.document
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        text = context.query or ""
        entry = _CACHE.get(text)
        if entry is None or entry.document is not context.graphql_document:
            entry = Checked(document=context.graphql_document)  # evicted meanwhile: check it again
            _CACHE.put(text, entry)
        if entry.errors is None or entry.inputs is None:
            assert entry.document is not None
            entry.errors, entry.inputs = await asyncio.to_thread(
                _validate, context.schema._schema, entry.document, tuple(context.validation_rules)
            )
        # Validation errors first; a valid document's variables are checked on every request.
        context.pre_execution_errors = entry.errors or entry.inputs.variable_errors(context.variables)
        yield
