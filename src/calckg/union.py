"""One graph from many: the union of a dataset's graphs, the one way calckg merges them."""

from __future__ import annotations

from collections.abc import Collection

from rdflib import Graph
from rdflib.term import Node


def union_graph(source: Graph, *, without: Collection[Node] = ()) -> Graph:
    """Every triple of every graph of `source` (a Dataset or ConjunctiveGraph, default graph included) in one new
    plain Graph with the same prefixes; graphs whose name is in `without` are left out. A plain Graph is returned
    as it is."""
    if not source.context_aware:
        return source
    union = Graph()
    for prefix, namespace in source.namespaces():
        union.bind(prefix, namespace, override=True, replace=True)
    for graph in source.contexts():  # type: ignore[attr-defined]
        if graph.identifier not in without:
            for triple in graph:
                union.add(triple)
    return union
