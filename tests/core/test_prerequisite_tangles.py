"""The strongly connected components of prerequisites, which name each cycle's tangle: the
same as reachability both ways says, on random graphs, and in one pass on large ones."""

from __future__ import annotations

import random
from collections.abc import Mapping

from syllabus.core.rules import _components


def reachable(graph: Mapping[str, list[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_components_are_what_reaches_and_is_reached() -> None:
    rng = random.Random(7)
    for _ in range(300):
        nodes = [f"c{index}" for index in range(rng.randint(1, 12))]
        graph = {a: [b for b in nodes if b != a and rng.random() < 0.2] for a in nodes}
        reverse = {a: [b for b in nodes if a in graph[b]] for a in nodes}
        components = _components(graph)
        assert all(components[a] == reachable(graph, a) & reachable(reverse, a) for a in nodes), graph


def test_a_complete_tangle_and_a_long_chain() -> None:
    """200 courses each a prerequisite of every other stalled validate (a tangle found anew
    from each back edge); a chain of 20,000 needs no recursion."""
    ids = [f"c{index}" for index in range(200)]
    assert set(_components({a: [b for b in ids if b != a] for a in ids}).values()) == {frozenset(ids)}
    chain = {f"c{index}": [f"c{index + 1}"] for index in range(19_999)} | {"c19999": []}
    assert all(len(component) == 1 for component in _components(chain).values())
