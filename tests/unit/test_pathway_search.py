"""The pathway search on a hand-made catalog: what it finds, and what it does not need to look at."""

from __future__ import annotations

from api.graphql import pathways as paths
from api.graphql.catalog import Condition, DesignationIndex, Offer, ProgramConditions
from api.graphql.holdings import parse_held


def _catalog() -> tuple[DesignationIndex, dict[str, ProgramConditions], dict[str, list[Offer]]]:
    index = DesignationIndex(
        [
            {"id": "d-cx", "name": "创新型中小企业", "level": "provincial"},
            {"id": "d-zj", "name": "专精特新中小企业", "level": "provincial"},
        ]
    )

    def cond(program: str, kind: str, designation: str) -> Condition:
        return Condition(program, kind, designation, {})

    conditions = {
        # Held -> a title, no money: only a step towards what follows.
        "p-title": ProgramConditions(
            requires=[cond("p-title", "REQUIRES", "d-cx")], grants=[cond("p-title", "GRANTS", "d-zj")]
        ),
        # Held -> money at once.
        "p-money": ProgramConditions(requires=[cond("p-money", "REQUIRES", "d-cx")]),
        # The title -> more money, one step further.
        "p-next": ProgramConditions(requires=[cond("p-next", "REQUIRES", "d-zj")]),
    }
    offers = {
        "p-money": [Offer("p-money", {"amountMaxWan": 20}, {})],
        "p-next": [Offer("p-next", {"amountMaxWan": 100}, {})],
    }
    return index, conditions, offers


def _search(limit: int, asked: list[str]) -> list[list[str]]:
    index, conditions, offers = _catalog()

    def allowed(pid: str) -> bool:
        asked.append(pid)
        return True

    chains = paths.search(
        index,
        conditions,
        offers,
        [parse_held("创新型中小企业", "provincial")],
        paths.Target(benefit_min_wan=10),
        max_steps=4,
        limit=limit,
        allowed=allowed,
    )
    return [[s.program for s in c.steps] for c in chains]


def test_shorter_chains_come_first_then_the_larger_amount() -> None:
    assert _search(10, []) == [["p-money"], ["p-title", "p-next"]]


def test_a_page_filled_at_one_depth_is_not_searched_deeper() -> None:
    # Every deeper chain is longer, so it could not enter a page the first depth filled.
    asked: list[str] = []
    assert _search(1, asked) == [["p-money"]]
    assert "p-next" not in asked
    asked.clear()
    _search(2, asked)
    assert "p-next" in asked
