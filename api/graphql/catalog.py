"""The decision data of the whole graph: designations and their IMPLIES edges, program conditions,
offers and scope, one query per table. Eligibility, unlocks and pathways reason over it in Python,
which keeps the Cypher simple enough for FalkorDB and the query count fixed. The tables are kept
between requests while the graph's version (its documents and their hashes) stays the same."""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from api.graphql.answers import KeptAnswers
from api.graphql.errors import GraphStoreUnavailable
from api.graphql.fragments import KeptFragments
from api.graphql.names import level_rank, name_key, region_variants, split_level
from api.graphql.search_index import SearchIndex
from api.graphql.table_cache import TableCache
from api.graphql.timing import ProgramTiming
from extraction.lexicons import regions as region_lexicon

if TYPE_CHECKING:
    from api.graphql.context import Context

T = TypeVar("T")


@dataclass(frozen=True)
class DesignationRecord:
    id: str
    name: str
    level: str | None
    aliases: tuple[str, ...] = ()
    key: str = field(init=False, repr=False, compare=False)  # the name in comparable form

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", name_key(self.name))


class DesignationIndex:
    """Designations by id and by name, with the IMPLIES graph."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, DesignationRecord] = {}
        self.implies: dict[str, set[str]] = defaultdict(set)
        self.implied_by: dict[str, set[str]] = defaultdict(set)
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.implies_fact: dict[tuple[str, str], dict[str, Any]] = {}  # (from, to) -> one stating fact
        for row in rows:
            rec = DesignationRecord(row["id"], row["name"], row.get("level"), tuple(row.get("aliases") or ()))
            self.by_id[rec.id] = rec
            for name in (rec.name, *rec.aliases):
                # Also without a leading level word, as clients' names are looked up (split_level).
                self.by_key[name_key(name)].add(rec.id)
                self.by_key[split_level(name)[0]].add(rec.id)
            for target, doc, evidence, span in row.get("implies") or ():
                if target is None:
                    continue  # no IMPLIES: the optional match's empty row
                self.implies[rec.id].add(target)
                self.implied_by[target].add(rec.id)
                fact = {"doc": doc, "evidence": evidence, "span": span}
                # Several documents may state it; a sentence beats a lexicon rule.
                known = self.implies_fact.get((rec.id, target))
                if known is None or (_from_lexicon(known) and not _from_lexicon(fact)):
                    self.implies_fact[(rec.id, target)] = fact

    def named(self, key: str) -> list[DesignationRecord]:
        return sorted((self.by_id[i] for i in self.by_key.get(key, ())), key=lambda r: -level_rank(r.level))

    def find(self, key: str, level: str | None) -> list[DesignationRecord]:
        """Designations with this name (or alias) at exactly this level (None: every level)."""
        return [r for r in self.named(key) if level is None or r.level == level]

    def closure(self, ids: set[str]) -> dict[str, str | None]:
        """Everything the given designations satisfy through IMPLIES (0 or more hops), each with the
        designation it was reached from (None for the given ones): the IMPLIES path back."""
        reached: dict[str, str | None] = dict.fromkeys(ids)
        todo = sorted(ids)
        while todo:
            here = todo.pop(0)  # breadth first: shortest paths
            for nxt in sorted(self.implies.get(here, ())):
                if nxt not in reached:
                    reached[nxt] = here
                    todo.append(nxt)
        return reached


def _from_lexicon(fact: dict[str, Any]) -> bool:
    """An IMPLIES the extractor added from its lexicon's ladders rather than read in a sentence."""
    return str(fact.get("evidence") or "").startswith("designations.yaml")


@dataclass(frozen=True)
class Condition:
    """One program-to-designation relationship (REQUIRES, PREFERS, EXCLUDES or GRANTS)."""

    program: str
    type: str
    designation: str
    rel: dict[str, Any]

    @property
    def level_min(self) -> str | None:
        value = self.rel.get("levelMin")
        return value if isinstance(value, str) else None

    @cached_property
    def key(self) -> str:
        """What the fact is, as text: its designation and the relationship's properties."""
        return json.dumps(
            [self.type, self.designation, self.rel], sort_keys=True, ensure_ascii=False, default=str
        )


Group = tuple[Condition, ...]


@dataclass
class ProgramConditions:
    requires: list[Condition] = field(default_factory=list)
    prefers: list[Condition] = field(default_factory=list)
    excludes: list[Condition] = field(default_factory=list)
    grants: list[Condition] = field(default_factory=list)

    @cached_property
    def requirement_groups(self) -> tuple[Group, ...]:
        """REQUIRES facts grouped into conditions: one group per sentence (or per explicit `group`
        property), its members being alternatives (see api/graphql/eligibility.py)."""
        groups: dict[object, list[Condition]] = {}
        for cond in self.requires:
            evidence = cond.rel.get("evidence")
            key = cond.rel.get("group") or ((evidence, cond.rel.get("doc")) if evidence else cond.designation)
            groups.setdefault(key, []).append(cond)
        return tuple(tuple(g) for g in groups.values())


@dataclass(frozen=True)
class Offer:
    program: str
    benefit: dict[str, Any]
    rel: dict[str, Any]

    @property
    def amount(self) -> float | None:
        value = self.benefit.get("amountMaxWan")
        return float(value) if isinstance(value, (int, float)) else None


@dataclass(frozen=True)
class ProgramScope:
    id: str
    name: str
    level: str | None
    kind: str | None
    summary: str | None
    regions: tuple[str, ...]
    departments: tuple[str, ...]

    @cached_property
    def text_key(self) -> str:
        """Name and summary in comparable form, for text filters."""
        return name_key(self.name) + " " + name_key(self.summary)


@dataclass(frozen=True)
class RegionScope:
    """A region as asked for, and every region id whose programs apply there."""

    asked: str
    region: dict[str, Any] | None  # its node, when the graph has one
    ids: frozenset[str]
    known: bool  # in the graph, or in the region lexicon (a city no document names yet)

    def contains(self, program: ProgramScope) -> bool:
        # A program that names no region (nor does its document) is not bound to one.
        return not program.regions or any(r in self.ids for r in program.regions)


@dataclass(frozen=True)
class RequirementIndex:
    """Which programs holdings could open, found without looking at the others. A requirement is met
    only by a designation of the same name (held, or implied by what is held; levels compare within
    a name), so a program whose every condition is met has a requirement under one of the held
    names; a program one condition short has one too, unless it has a single condition."""

    by_key: dict[str, frozenset[str]]  # designation name key -> programs requiring it
    single: frozenset[str]  # programs with exactly one condition (one group of alternatives)

    @classmethod
    def of(cls, index: DesignationIndex, conditions: dict[str, ProgramConditions]) -> RequirementIndex:
        by_key: dict[str, set[str]] = defaultdict(set)
        single = set()
        for program, conds in conditions.items():
            for cond in conds.requires:
                rec = index.by_id.get(cond.designation)
                if rec is not None:
                    by_key[rec.key].add(program)
            if len(conds.requirement_groups) == 1:
                single.add(program)
        return cls({k: frozenset(v) for k, v in by_key.items()}, frozenset(single))

    def candidates(self, held_keys: Iterable[str], *, one_short: bool = False) -> set[str]:
        """Programs with a requirement under one of `held_keys` (and, `one_short`, every program
        with a single condition, which may be missing)."""
        found: set[str] = set(self.single) if one_short else set()
        for key in held_keys:
            found.update(self.by_key.get(key, ()))
        return found


# How far up PART_OF a department filter looks: 工信部 finds a program its 中小企业局 administers.
DEPARTMENT_DEPTH = 3


def department_names(rows: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Department id -> its name and the names of the departments it is part of (up to
    DEPARTMENT_DEPTH levels up), from api_department_parents rows."""
    name = {row["id"]: row["name"] for row in rows}
    parents = {row["id"]: [p for p in row["parents"] or () if p] for row in rows}
    out: dict[str, tuple[str, ...]] = {}
    for dept in name:
        seen, level = [dept], [dept]
        for _ in range(DEPARTMENT_DEPTH):
            level = [p for d in level for p in parents.get(d, ()) if p not in seen]
            seen.extend(dict.fromkeys(level))
        out[dept] = tuple(name[d] for d in seen if name.get(d))
    return out


class Snapshot:
    """Decision data derived from one version of the graph, shared by the requests that see it."""

    MAX_REGIONS = 512  # region scopes are keyed by client-typed names: keep the memory bounded
    MAX_MEMO = 100_000  # nodes and link lists remembered per graph version, at most

    def __init__(self, version: tuple[str, ...]) -> None:
        self.version = version
        self.checked_at = 0.0  # time.monotonic() of the last version check that found this one
        self.tables: dict[str, Any] = {}
        self.loading: dict[str, asyncio.Future[Any]] = {}
        self.regions: dict[str, RegionScope] = {}
        # Encoded answers to identical requests (api/graphql/answers.py), made when first kept.
        self.answers: KeptAnswers | None = None
        # Completed nodes under a selection (api/graphql/fragments.py), made with `answers`.
        self.fragments: KeptFragments | None = None
        self._memos: dict[tuple[str, ...], _Memo] = {}
        self._memo_size = [0]

    def memo(self, key: tuple[str, ...]) -> _Memo:
        """What the loaders read for `key` (a label, or a relationship at one end) in this version."""
        found = self._memos.get(key)
        if found is None:
            found = self._memos[key] = _Memo(self._memo_size, self.MAX_MEMO)
        return found


class _Memo(dict):  # type: ignore[type-arg]
    """A dict that stops growing when the snapshot holds its limit (values are then loaded each time)."""

    def __init__(self, size: list[int], limit: int) -> None:
        super().__init__()
        self._size, self._limit = size, limit

    def __setitem__(self, key: Any, value: Any) -> None:
        if key in self or self._size[0] < self._limit:
            if key not in self:
                self._size[0] += 1
            super().__setitem__(key, value)

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        for key, value in dict(other, **kwargs).items():
            self[key] = value


async def once(cache: dict[str, asyncio.Future[Any]], key: str, make: Callable[[], Awaitable[T]]) -> T:
    """Run `make` once per key and share the result with every concurrent caller."""
    future = cache.get(key)
    if future is None:
        future = cache[key] = asyncio.ensure_future(make())
    return await future


def _kept_on_disk(
    disk: TableCache, version: tuple[str, ...], key: str, load: Callable[[], Awaitable[T]]
) -> Callable[[], Awaitable[T]]:
    """`load`, but read from the disk cache when it holds the table, and written to it when not."""

    async def cached() -> T:
        found = await asyncio.to_thread(disk.get, version, key)
        if found is not None:
            return found
        value = await load()
        await asyncio.to_thread(disk.put, version, key, value)
        return value

    return cached


# One snapshot per store object; it goes when the store does.
_SNAPSHOTS: weakref.WeakKeyDictionary[Any, Snapshot] = weakref.WeakKeyDictionary()
# The version check in flight per store.
_CHECKS: weakref.WeakKeyDictionary[Any, asyncio.Task[Snapshot]] = weakref.WeakKeyDictionary()


class Catalog:
    """The decision data for one request: taken from the snapshot of the current graph version, and
    loaded (one query per table) only when the graph changed or nobody asked for it yet."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._cache: dict[str, asyncio.Future[Any]] = {}

    async def _once(self, key: str, make: Any) -> Any:
        return await once(self._cache, key, make)

    async def snapshot(self) -> Snapshot:
        async def make() -> Snapshot:
            store = self._ctx.store
            if store is None:
                raise GraphStoreUnavailable()
            current = _SNAPSHOTS.get(store)
            ttl = self._ctx.version_ttl_s
            if current is not None:
                age = time.monotonic() - current.checked_at
                # Within the time-to-live a checked version is trusted without asking again. Past
                # half of it the next check starts in the background, so that under steady traffic
                # no request waits for one.
                if age < ttl:
                    if age >= ttl / 2:
                        self._check_version(store)
                    return current
            return await asyncio.shield(self._check_version(store, join=ttl > 0))

        return await self._once("snapshot", make)

    def _check_version(self, store: Any, *, join: bool = True) -> asyncio.Task[Snapshot]:
        """The version check in flight for `store` (when `join`), or a new one. Requests arriving
        together share one query: sixteen, each waiting for its own on a worker thread, stalled one
        another by tens of milliseconds."""
        loop = asyncio.get_running_loop()
        task = _CHECKS.get(store)
        if join and task is not None and not task.done() and task.get_loop() is loop:
            return task
        task = _CHECKS[store] = loop.create_task(self._load_version(store))

        def done(task: asyncio.Task[Snapshot]) -> None:
            if _CHECKS.get(store) is task:
                del _CHECKS[store]
            if not task.cancelled():
                task.exception()  # a failed background check: the next request that waits reports it

        task.add_done_callback(done)
        return task

    async def _load_version(self, store: Any) -> Snapshot:
        started = time.monotonic()  # what the check saw is current as of when it was sent
        rows = await self._ctx.run("api_graph_version")
        version = tuple(sorted(rows[0]["docs"] or ())) if rows else ()
        current = _SNAPSHOTS.get(store)
        if current is not None and current.checked_at > started:
            return current  # a later check has answered already
        if current is None or current.version != version:
            current = _SNAPSHOTS[store] = Snapshot(version)
        current.checked_at = started
        return current

    async def _table(self, key: str, load: Callable[[], Awaitable[Any]]) -> Any:
        snap = await self.snapshot()
        if key in snap.tables:
            return snap.tables[key]
        disk = self._ctx.table_cache
        if disk is not None:
            load = _kept_on_disk(disk, snap.version, key, load)
        # Requests arriving together share one load: sixteen cold requests must not send sixteen
        # copies of the same whole-graph query. A future belongs to its event loop, so share only there.
        loop = asyncio.get_running_loop()
        pending = snap.loading.get(key)
        if pending is None or pending.get_loop() is not loop:
            pending = snap.loading[key] = loop.create_task(load())
        try:
            value = await asyncio.shield(pending)
        finally:
            if pending.done() and snap.loading.get(key) is pending:
                del snap.loading[key]
        snap.tables[key] = value
        return value

    async def designations(self) -> DesignationIndex:
        async def load() -> DesignationIndex:
            return DesignationIndex(await self._ctx.run("api_designations"))

        return await self._table("designations", load)

    async def conditions(self) -> dict[str, ProgramConditions]:
        async def load() -> dict[str, ProgramConditions]:
            out: dict[str, ProgramConditions] = defaultdict(ProgramConditions)
            for row in await self._ctx.run("api_conditions"):
                cond = Condition(row["program"], row["type"], row["designation"], row["rel"] or {})
                getattr(out[cond.program], cond.type.lower()).append(cond)
            return dict(out)

        return await self._table("conditions", load)

    async def offers(self) -> dict[str, list[Offer]]:
        async def load() -> dict[str, list[Offer]]:
            out: dict[str, list[Offer]] = defaultdict(list)
            for row in await self._ctx.run("api_offers"):
                out[row["program"]].append(Offer(row["program"], row["benefit"], row["rel"] or {}))
            return dict(out)

        return await self._table("offers", load)

    async def programs(self) -> dict[str, ProgramScope]:
        async def load() -> dict[str, ProgramScope]:
            rows, departments = await asyncio.gather(
                self._ctx.run("api_program_scope"), self._ctx.run("api_department_parents")
            )
            names = department_names(departments)
            out = {}
            for row in rows:
                out[row["id"]] = ProgramScope(
                    id=row["id"],
                    name=row.get("name") or "",
                    level=row.get("level"),
                    kind=row.get("kind"),
                    summary=row.get("summary"),
                    regions=tuple(row.get("regions") or row.get("docRegions") or ()),
                    departments=tuple(
                        dict.fromkeys(n for d in row.get("departments") or () for n in names.get(d, ()))
                    ),
                )
            return out

        return await self._table("programs", load)

    async def timing(self) -> dict[str, ProgramTiming]:
        """When each program is open and in force (only the date filters need it)."""

        async def load() -> dict[str, ProgramTiming]:
            rows = await self._ctx.run("api_program_timing")
            return {row["id"]: ProgramTiming.from_row(row) for row in rows}

        return await self._table("timing", load)

    async def program_order(self) -> list[ProgramScope]:
        """Programs by name, then id: the order of the programs connection."""
        programs = await self.programs()
        snap = await self.snapshot()
        if "program_order" not in snap.tables:
            snap.tables["program_order"] = sorted(programs.values(), key=lambda p: (p.name, p.id))
        return snap.tables["program_order"]

    async def in_region(self, scope: RegionScope | None) -> list[ProgramScope]:
        """The programs that apply in a region, in the order of program_order (all of them when no
        region is asked): kept per graph version for a bounded number of regions, so a request
        pays for the region's programs, not the graph's."""
        ordered = await self.program_order()
        if scope is None:
            return ordered
        snap = await self.snapshot()
        table = snap.tables.setdefault("in_region", {})
        found = table.get(scope.asked)
        if found is None:
            found = [p for p in ordered if scope.contains(p)]
            if len(table) < Snapshot.MAX_REGIONS:
                table[scope.asked] = found
        return found

    async def in_region_among(self, scope: RegionScope | None, ids: AbstractSet[str]) -> list[ProgramScope]:
        """`in_region`, only the programs in `ids`, in the same order: when `ids` is the smaller, it
        costs what `ids` holds, not what the region holds (a region at ×100 has about 10,000)."""
        programs = await self.in_region(scope)
        if len(ids) * 4 > len(programs):
            return [p for p in programs if p.id in ids]
        snap = await self.snapshot()
        table = snap.tables.setdefault("region_positions", {})
        key = scope.asked if scope is not None else None
        positions = table.get(key)
        if positions is None:
            positions = {p.id: (i, p) for i, p in enumerate(programs)}
            if len(table) < Snapshot.MAX_REGIONS:
                table[key] = positions
        return [p for _, p in sorted(positions[i] for i in ids if i in positions)]

    async def search_index(self) -> SearchIndex:
        async def load() -> SearchIndex:
            return SearchIndex(await self._ctx.run("api_search_names"))

        return await self._table("search", load)

    async def requirement_index(self) -> RequirementIndex:
        """Programs by the names of the designations they require (see RequirementIndex)."""
        index, conditions = await asyncio.gather(self.designations(), self.conditions())
        snap = await self.snapshot()
        if "requirement_index" not in snap.tables:
            snap.tables["requirement_index"] = RequirementIndex.of(index, conditions)
        return snap.tables["requirement_index"]

    async def text_matches(self, text: str, match: Callable[[ProgramScope], bool]) -> frozenset[str]:
        """The ids of the programs whose name or summary matches `text` (by `match`): kept per graph
        version for the texts clients repeat (a bounded number of them)."""
        programs = await self.programs()
        snap = await self.snapshot()
        table = snap.tables.setdefault("text", {})
        found = table.get(text)
        if found is None:
            found = frozenset(p.id for p in programs.values() if match(p))
            if len(table) < Snapshot.MAX_REGIONS:
                table[text] = found
        return found

    async def requiring(self) -> dict[str, set[str]]:
        """Programs by the names of the designations they require (for pathways)."""
        from api.graphql.pathways import requiring_by_name

        index, conditions = await asyncio.gather(self.designations(), self.conditions())
        snap = await self.snapshot()
        if "requiring" not in snap.tables:
            snap.tables["requiring"] = requiring_by_name(index, conditions)
        return snap.tables["requiring"]

    async def unlocks(self, designation: str) -> list[Condition]:
        """The REQUIRES facts holding `designation` meets: an index over this graph version, filled as
        designations are asked about (bounded by the number of designations)."""
        from api.graphql.eligibility import unlocks

        index, conditions = await asyncio.gather(self.designations(), self.conditions())
        snap = await self.snapshot()
        table = snap.tables.setdefault("unlocks", {})
        if designation not in table:
            # Every designation of a list asks at once: each computes in its turn on the event loop.
            await self._ctx.slices.turn()
            table[designation] = unlocks(designation, index, conditions)
        return table[designation]

    async def grant_index(self) -> Any:
        """GRANTS facts with what their designations satisfy (for near misses)."""
        from api.graphql.eligibility import GrantIndex

        index, conditions = await asyncio.gather(self.designations(), self.conditions())
        snap = await self.snapshot()
        if "grants" not in snap.tables:
            snap.tables["grants"] = GrantIndex(index, conditions)
        return snap.tables["grants"]

    async def region(self, name: str) -> RegionScope:
        snap = await self.snapshot()
        if name in snap.regions:
            return snap.regions[name]

        async def load() -> RegionScope:
            variants = region_variants(name)
            # The lexicon knows where a city lies even when no document names it: 武汉 is in 湖北省.
            table = region_lexicon()
            lexical = next((r for r in map(table.get, variants) if r is not None), None)
            chain, cursor = [], lexical
            while cursor is not None:
                chain.append(cursor.name)
                cursor = table.get(cursor.parent)
            rows = await self._ctx.run("api_region_scope", names=list(dict.fromkeys(variants + chain)))
            row = rows[0] if rows else {}
            named = [r for r in row.get("named") or [] if r]
            asked = {*variants, *chain[:1]}
            itself = sorted(
                (r for r in named if r.get("name") in asked),
                key=lambda r: variants.index(r["name"]) if r["name"] in variants else len(variants),
            )
            if not itself and lexical is None:
                return RegionScope(name, None, frozenset(), known=False)
            ids = {r["id"] for r in named} | set(row.get("above") or ()) | set(row.get("national") or ())
            return RegionScope(name, itself[0] if itself else None, frozenset(ids), known=True)

        scope = await self._once(f"region:{name}", load)
        if len(snap.regions) < Snapshot.MAX_REGIONS:
            snap.regions[name] = scope
        return scope
