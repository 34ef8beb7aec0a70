"""The per-request context: the store, the DataLoaders that batch every relationship field into one
query per level of the request, and the catalog of decision data the reasoning fields share.

What the loaders read is remembered in the catalog's snapshot of the graph version (its documents
and their hashes), checked at most once per request and, when the app allows, at most once per
`version_ttl_s`: a rebuilt graph is seen within that time, and a repeated question costs no query."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.graphql.catalog import Catalog
from api.graphql.cypher import filled
from api.graphql.errors import GraphStoreUnavailable
from api.graphql.execution import Slices
from api.graphql.fragments import KeptFragments
from api.graphql.table_cache import TableCache
from graph.store import GraphStore, Row
from schema.errors import StoreError

logger = logging.getLogger(__name__)

Link = tuple[dict[str, Any], dict[str, Any]]  # (relationship properties, far node properties)


class Context(BaseContext):
    def __init__(
        self,
        store: GraphStore | None,
        version_ttl_s: float = 0.0,
        table_cache: TableCache | None = None,
        answers_budget: int = 0,
    ) -> None:
        super().__init__()
        self.store = store
        # Where a serving process keeps the decision tables of a graph version (None: not kept).
        self.table_cache = table_cache
        # How long a checked graph version is trusted without asking the store again (0: every request).
        self.version_ttl_s = version_ttl_s
        # Bytes of encoded answers kept per graph version for identical requests (0: none kept).
        self.answers_budget = answers_budget
        self._nodes: dict[str, DataLoader[str, dict[str, Any] | None]] = {}
        self._links: dict[tuple[str, str, str, bool], DataLoader[str, list[Link]]] = {}
        self.catalog = Catalog(self)
        # This request's slices of time on the event loop (api/graphql/execution.py): resolvers that
        # wake up together after a batch await `slices.turn()` before their own work.
        self.slices = Slices()
        # The parts of answers kept for the graph version this request sees, when it may use them
        # (set by the router for a single operation over HTTP; api/graphql/fragments.py).
        self.fragments: KeptFragments | None = None

    async def _call(self, fn: Callable[[], list[Row]]) -> list[Row]:
        if self.store is None:
            raise GraphStoreUnavailable()
        try:
            # The store client blocks; a worker thread keeps the event loop serving other requests.
            return await asyncio.to_thread(fn)
        except StoreError as exc:
            # A store that still answers refused the query: a bug, masked. One that does not is down.
            if not await asyncio.to_thread(self.store.ping):
                raise GraphStoreUnavailable() from exc
            raise

    async def run(self, name: str, /, **params: Any) -> list[Row]:
        """Run cypher/<name>.cypher with parameters."""
        store = self.store
        return await self._call(lambda: store.run(name, **params))  # type: ignore[union-attr]

    async def run_filled(self, name: str, slots: dict[str, str], /, **params: Any) -> list[Row]:
        """Run a template query whose slots are filled from the ontology enums."""
        text = filled(name, **slots)
        store = self.store
        return await self._call(lambda: store.run_text(text, params))  # type: ignore[union-attr]

    def nodes(self, label: str) -> DataLoader[str, dict[str, Any] | None]:
        """Node properties by id for one label: one query per batch, for the ids that the current
        graph version has not served before."""
        loader = self._nodes.get(label)
        if loader is None:

            async def load(ids: list[str]) -> list[dict[str, Any] | None]:
                memo = (await self.catalog.snapshot()).memo(("nodes", label))
                missing = [i for i in ids if i not in memo]
                fresh: dict[str, dict[str, Any] | None] = {}
                if missing:
                    rows = await self.run_filled("api_nodes", {"LABEL": label}, ids=missing)
                    found = {row["id"]: row["props"] for row in rows}
                    fresh = {i: found.get(i) for i in missing}
                    memo.update(fresh)
                return [fresh[i] if i in fresh else memo.get(i) for i in ids]

            loader = self._nodes[label] = DataLoader(load_fn=load)
        return loader

    def links(
        self, start: str, rel_type: str, end: str, *, outgoing: bool = True
    ) -> DataLoader[str, list[Link]]:
        """Relationships of one type at a batch of nodes (the start side when `outgoing`, else the end
        side), each with the node at the other end: one query per batch, as for nodes."""
        key = (start, rel_type, end, outgoing)
        loader = self._links.get(key)
        if loader is None:
            name = "api_links_out" if outgoing else "api_links_in"

            async def load(ids: list[str]) -> list[list[Link]]:
                memo = (await self.catalog.snapshot()).memo(("links", *map(str, key)))
                missing = [i for i in ids if i not in memo]
                fresh: dict[str, list[Link]] = {}
                if missing:
                    rows = await self.run_filled(
                        name, {"START": start, "TYPE": rel_type, "END": end}, ids=missing
                    )
                    grouped: dict[str, list[Link]] = defaultdict(list)
                    for row in rows:
                        grouped[row["key"]].append((row["rel"], row["node"]))
                    fresh = {i: sorted(grouped.get(i, []), key=_link_order) for i in missing}
                    memo.update(fresh)
                return [fresh[i] if i in fresh else memo.get(i) or [] for i in ids]

            loader = self._links[key] = DataLoader(load_fn=load)
        return loader


def _link_order(link: Link) -> tuple[str, str]:
    """Stable answers: links sorted by the far node's caption, then id."""
    node = link[1]
    return (str(node.get("name") or node.get("title") or node.get("text") or ""), str(node.get("id", "")))


async def warm_catalog(
    store: GraphStore, version_ttl_s: float, table_cache: TableCache | None = None
) -> None:
    """Load the decision tables of the graph's current version before anyone asks: at ×100 of the
    seeds they take about three seconds, which the first planner after a start would otherwise wait.
    A request that comes while they load joins the loads in flight (Catalog._table)."""
    catalog = Context(store, version_ttl_s, table_cache).catalog
    try:
        await asyncio.gather(
            catalog.designations(),
            catalog.conditions(),
            catalog.programs(),
            catalog.offers(),
            catalog.search_index(),
        )
        await catalog.requirement_index()
    except Exception:  # the store is down or changing: the first request loads what it needs
        logger.warning("could not load the decision tables at start", exc_info=True)
