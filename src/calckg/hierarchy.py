"""Walking a hierarchy (skos:broader, rdfs:subClassOf …) the one way: direct links between named nodes, then
everything reachable from a node. Used for superclass closures (reasoning reports) and broader-concept closures
(answers, related questions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from rdflib import Graph, URIRef

T = TypeVar("T")


def links(graph: Graph, predicate: URIRef, *, symmetric: bool = False) -> dict[URIRef, set[URIRef]]:
    """subject → objects of `predicate` between named nodes (blank nodes, e.g. OWL restrictions, left out);
    with `symmetric` each link also goes back (owl:equivalentClass)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for subject, value in graph.subject_objects(predicate):
        if isinstance(subject, URIRef) and isinstance(value, URIRef):
            direct.setdefault(subject, set()).add(value)
            if symmetric:
                direct.setdefault(value, set()).add(subject)
    return direct


def merge(*maps: Mapping[T, Iterable[T]]) -> dict[T, set[T]]:
    """The union of several link maps."""
    merged: dict[T, set[T]] = {}
    for links_of in maps:
        for node, targets in links_of.items():
            merged.setdefault(node, set()).update(targets)
    return merged


def reachable(direct: Mapping[T, Iterable[T]], start: T) -> set[T]:
    """Every node reached from `start` by one or more links (`start` itself only through a cycle)."""
    seen: set[T] = set()
    stack = list(direct.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(direct.get(node, ()))
    return seen


def closure(direct: Mapping[T, Iterable[T]], *, reflexive: bool = False) -> dict[T, frozenset[T]]:
    """`reachable` for every node that has links (each node included in its own set when `reflexive`)."""
    return {node: frozenset(reachable(direct, node) | ({node} if reflexive else set())) for node in direct}

