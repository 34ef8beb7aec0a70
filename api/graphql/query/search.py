"""Search over names and aliases."""

from __future__ import annotations

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
        rows = await info.context.run("api_search", full=full, terms=words, limit=2000)
        hits = []
        for row in rows:
            kind = _SEARCH_TYPES.get(row["label"])
            if kind is not None:
                hits.append((searching.score(row["props"], full, words), row["label"], row["props"], kind))
        hits.sort(key=lambda h: (-h[0], str(h[2].get("name") or h[2].get("title")), str(h[2]["id"])))
        return [SearchHit(score=round(s, 4), node=kind(props=props)) for s, _, props, kind in hits[:size]]
