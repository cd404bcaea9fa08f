"""calckg.hierarchy and calckg.union: the one closure walk and the one graph union."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from calckg import hierarchy
from calckg.union import union_graph

EX = "https://example.org/"
A, B, C, D, E = (URIRef(EX + name) for name in "abcde")


def _graph(*triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_reachable_follows_links_and_survives_cycles() -> None:
    direct = hierarchy.links(_graph((A, SKOS.broader, B), (B, SKOS.broader, C), (C, SKOS.broader, B)), SKOS.broader)
    assert direct == {A: {B}, B: {C}, C: {B}}
    assert hierarchy.reachable(direct, A) == {B, C}
    assert hierarchy.reachable(direct, B) == {B, C}  # itself only through the cycle
    assert hierarchy.reachable(direct, D) == set()


def test_closure_reflexive_with_symmetric_equivalence() -> None:
    graph = _graph((A, RDFS.subClassOf, B), (B, OWL.equivalentClass, C), (D, RDFS.subClassOf, E))
    direct = hierarchy.merge(hierarchy.links(graph, RDFS.subClassOf),
                             hierarchy.links(graph, OWL.equivalentClass, symmetric=True))
    assert hierarchy.closure(direct, reflexive=True) == {
        A: frozenset({A, B, C}),
        B: frozenset({B, C}),
        C: frozenset({B, C}),
        D: frozenset({D, E}),
    }


def test_union_holds_every_graph_but_those_left_out_and_keeps_prefixes() -> None:
    dataset = Dataset()
    dataset.bind("ex", EX)
    dataset.add((A, SKOS.broader, B))  # the default graph
    dataset.graph(URIRef(EX + "g1")).add((B, SKOS.broader, C))
    dataset.graph(URIRef(EX + "g2")).add((C, SKOS.broader, D))
    union = union_graph(dataset, without=(URIRef(EX + "g2"),))
    assert set(union) == {(A, SKOS.broader, B), (B, SKOS.broader, C)}
    assert ("ex", URIRef(EX)) in set(union.namespaces())
    plain = _graph((A, SKOS.broader, B))
    assert union_graph(plain) is plain
