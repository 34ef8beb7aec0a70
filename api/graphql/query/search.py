"""Search over names and aliases."""

from __future__ import annotations

import asyncio

import strawberry

from api.graphql import search as searching
from api.graphql.limits import page_size
from api.graphql.types.department import Department
from api.graphql.types.designation import Designation
from api.graphql.types.links import Info
from api.graphql.types.policy import Policy
from api.graphql.types.program import Program
from api.graphql.types.search_hit import SearchHit

_SEARCH_TYPES = {"Program": Program, "Designation": Designation, "Department": Department, "Policy": Policy}


@strawberry.type
class SearchFields:
    @strawberry.field(
        description="Programs, designations, departments and policies by name or alias; 专精特新 finds "
        '专精特新"小巨人"企业 and 专精特新中小企业.'
    )
    async def search(self, info: Info, text: str, first: int | None = 20) -> list[SearchHit]:
        size = page_size(first)
        full, words = searching.terms(text)
        if not full:
            return []
        index = await info.context.catalog.search_index()
        hits = index.search(full, words)[:size]
        # Only the hits shown are read from the store, one batch per label.
        by_label: dict[str, list[str]] = {}
        for _, entry in hits:
            by_label.setdefault(entry.label, []).append(entry.id)
        batches = await asyncio.gather(
            *(info.context.nodes(label).load_many(ids) for label, ids in by_label.items())
        )
        loaded = {
            node_id: props
            for ids, rows in zip(by_label.values(), batches, strict=True)
            for node_id, props in zip(ids, rows, strict=True)
        }
        return [
            SearchHit(score=round(score, 4), node=_SEARCH_TYPES[entry.label](props=loaded[entry.id]))
            for score, entry in hits
            if loaded.get(entry.id) and entry.label in _SEARCH_TYPES
        ]
