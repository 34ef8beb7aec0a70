"""Parts of answers kept per graph version: the completed value of one node under one selection.

Kept answers (api/graphql/answers.py) serve a request asked before. A new question, though, mostly
asks again for nodes other questions asked for: "what can a provincial 专精特新 in 鄂州 apply for" and
the same in 黄石 share every provincial program, each with the same benefits and contacts. What a node
completes to is a function of the graph version, the node, and the selection made on it (its fields,
the fragments they spread, the variables they read): node types resolve from the node and the
version alone (api/graphql/types/). So the executor keeps the completed value of each node it
completes and gives it back for the same node under the same selection, without resolving a field.
A value that is no node but says what it is by a `fragment_id` (an `Eligibility`: the program and
the facts met) is kept the same way.

At ×100 of the seeds, an eligibility answer of 200 programs is about 3,000 fields: resolving them in
graphql-core takes 50–60 ms of the event loop (most of it awaiting link loaders that the version's
memo answers at once), which, at 16 concurrent requests, is a second of waiting for the last.

Kept, like answers, within a budget of bytes per process, least recently used out first, and never
when the node's completion met an error. A selection under @defer or @stream is not kept: its parts
are delivered later, not in the value."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from graphql import (
    DirectiveNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    VariableNode,
    Visitor,
    print_ast,
    visit,
)

# A completed value in memory takes several times its JSON: count each JSON byte this many times.
MEMORY_PER_BYTE = 4
# One value may take at most this share of the budget.
LARGEST_SHARE = 8
_DELIVERED_LATER = {"defer", "stream"}


class KeptFragments:
    """Completed values of one graph version by (type, node id, selection key)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._kept: OrderedDict[tuple[str, str, str], tuple[Any, int, int]] = OrderedDict()

    def get(self, key: tuple[str, str, str]) -> tuple[Any, int] | None:
        """The value and the number of fields it holds (they count against the request's budget)."""
        found = self._kept.get(key)
        if found is None:
            return None
        self._kept.move_to_end(key)
        return found[0], found[1]

    def put(self, key: tuple[str, str, str], value: Any) -> None:
        if key in self._kept:
            return
        cost = len(json.dumps(value, ensure_ascii=False, default=str).encode()) * MEMORY_PER_BYTE
        if cost * LARGEST_SHARE > self.budget:
            return
        self._kept[key] = (value, count_fields(value), cost)
        self.size += cost
        while self.size > self.budget:
            _, (_, _, old) = self._kept.popitem(last=False)
            self.size -= old

    def __len__(self) -> int:
        return len(self._kept)


def count_fields(value: Any) -> int:
    """Fields in a completed value: one per key of every object in it."""
    if isinstance(value, dict):
        return len(value) + sum(count_fields(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_fields(v) for v in value)
    return 0


class _Uses(Visitor):
    """What a selection reads besides its own text: variables, and fragments spread in it."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.fragments: set[str] = set()
        self.later = False

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.variables.add(node.name.value)

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.fragments.add(node.name.value)

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        if node.name.value in _DELIVERED_LATER:
            self.later = True


def selection_key(
    nodes: list[Node], fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]
) -> str | None:
    """Text that identifies what a selection asks of a node: the field nodes, the fragments they
    spread (transitively) and the values of the variables they read. None when it cannot be kept."""
    uses = _Uses()
    for node in nodes:
        visit(node, uses)
    spread: dict[str, FragmentDefinitionNode] = {}
    todo = list(uses.fragments)
    while todo:
        name = todo.pop()
        if name in spread or name not in fragments:
            continue
        spread[name] = fragments[name]
        before = set(uses.fragments)
        visit(fragments[name], uses)
        todo.extend(uses.fragments - before)
    if uses.later:
        return None
    used = {name: variables.get(name) for name in sorted(uses.variables)}
    return json.dumps(
        [
            [print_ast(n) for n in nodes],
            [print_ast(spread[n]) for n in sorted(spread)],
            used,
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=repr,
    )
