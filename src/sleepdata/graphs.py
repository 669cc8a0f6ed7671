"""Cycles in a directed graph of references, found in time linear in its size."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every cycle that a walk along `edges` closes, each listed from the node where it was entered.

    An edge from a node to itself is a cycle of one. Each node is visited once (an iterative depth-first
    walk), so a chain of any length costs time in proportion to its length.
    """
    done: set[str] = set()
    found: list[list[str]] = []
    for start in edges:
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges.get(start, ())))]
        path.append(start)
        on_path[start] = 0
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                del on_path[node]
                done.add(node)
                continue
            if child in on_path:
                found.append(path[on_path[child]:])
            elif child not in done:
                on_path[child] = len(path)
                path.append(child)
                stack.append((child, iter(edges.get(child, ()))))
    return found
