"""Candidate fast paths, for the integrator to adopt (nothing here is wired into `calckg build`).

- `to_quads`: rdflib terms → pyoxigraph quads once, with a cache of IRIs (most terms repeat).
- Exports through `pyoxigraph.serialize` on quad *objects*: Turtle, TriG, N-Triples and N-Quads in Rust.
  Serialising objects (not a `Store`) keeps literals as written, so `"50.0"^^xsd:decimal` stays "50.0"
  (a `Store` canonicalises it to "50", performance.md §2). `equivalent()` checks the output against rdflib's.
- `validate_parallel`: per-article SHACL in worker processes that each parse their own articles (nothing big
  is pickled), since PerArticle shapes never look outside one article graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from calckg.namespaces import PREFIXES
from calckg.store.terms import to_oxigraph

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class QuadConverter:
    """rdflib term → pyoxigraph term, caching IRIs and datatypes."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def term(self, term: Any) -> Any:
        """IRIs from the cache; literals and blank nodes through the store's converter."""
        return self.iri(str(term)) if isinstance(term, URIRef) else to_oxigraph(term)

    def quads(self, graph: Graph, name: str) -> Iterator[ox.Quad]:
        graph_name = self.iri(name)
        for s, p, o in graph:
            yield ox.Quad(self.term(s), self.term(p), self.term(o), graph_name)


def dataset_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every named graph's triples as quads, in a fixed order (graph name, then N-Triples text)."""
    converter = QuadConverter()
    quads: list[ox.Quad] = []
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if context.identifier != DATASET_DEFAULT_GRAPH_ID and len(context):
            quads.extend(converter.quads(context, str(context.identifier)))
    return quads


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    return sorted({q.triple for q in quads}, key=str)


def to_ntriples(quads: list[ox.Quad]) -> bytes:
    """Sorted N-Triples of the union (the line order of calckg.export.to_ntriples)."""
    lines = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


def to_turtle(quads: list[ox.Quad]) -> bytes:
    return ox.serialize(_triples(quads), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def to_trig(quads: list[ox.Quad]) -> bytes:
    ordered = sorted(quads, key=lambda q: (q.graph_name.value, str(q.triple)))
    return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)


def to_nquads(quads: list[ox.Quad]) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


FAST_FORMATS = {"turtle": to_turtle, "nt": to_ntriples, "trig": to_trig, "nquads": to_nquads}
_OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
              "nquads": ox.RdfFormat.N_QUADS}  # fmt: skip


def equivalent(data: bytes, fmt: str, quads: list[ox.Quad]) -> bool:
    """Does `data` (fast output in `fmt`) hold exactly `quads` (triples only, for single-graph formats)?

    No blank nodes exist in calckg graphs, so set equality of parsed statements is isomorphism.
    """
    parsed = list(ox.parse(data, format=_OX_FORMAT[fmt]))
    if fmt in ("trig", "nquads"):
        return {str(q) for q in parsed} == {str(q) for q in quads}
    return {str(t) for t in parsed} == {str(q.triple) for q in quads}


def rdflib_equivalent(fast: bytes, fmt: str, rdflib_output: bytes, rdflib_format: str) -> bool:
    """The fast output and calckg's rdflib output hold the same triples/quads (compared as N-Triples terms)."""
    reference = Dataset()
    reference.parse(data=rdflib_output, format=rdflib_format)
    converter = QuadConverter()
    if fmt in ("trig", "nquads"):
        expected = {str(q) for g in reference.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID
                    for q in converter.quads(g, str(g.identifier))}  # fmt: skip
    else:
        expected = {str(ox.Triple(converter.term(s), converter.term(p), converter.term(o)))
                    for s, p, o in reference.triples((None, None, None))}  # fmt: skip
        expected |= {str(ox.Triple(converter.term(s), converter.term(p), converter.term(o)))
                     for g in reference.graphs() for s, p, o in g}  # fmt: skip
    parsed = list(ox.parse(fast, format=_OX_FORMAT[fmt]))
    got = {str(q) for q in parsed} if fmt in ("trig", "nquads") else {str(t) for t in parsed}
    return got == expected


# --- per-article validation in worker processes -----------------------------------------------------------------


def _validate_chunk(paths: list[str], base_iri: str) -> tuple[int, int]:
    """Worker: parse, build, link and validate each article alone with the PerArticle shapes."""
    from rdflib.namespace import RDFS, SDO

    from calckg import validate as v
    from calckg.graph import document_graph
    from calckg.ids import ArticleIris
    from calckg.ingest import parse_article
    from calckg.ingest.reader import read_source
    from calckg.vocabulary import default_matcher

    shapes = v.scoped_shapes(v.load_shapes(), v.PER_ARTICLE)
    hierarchy = Graph()
    for triple in v.load_ontology().triples((None, RDFS.subClassOf, None)):
        if isinstance(triple[2], URIRef):
            hierarchy.add(triple)
    matcher = default_matcher()
    results = articles = 0
    for path in paths:
        source = read_source(Path(path))
        article = parse_article(source.path, source.text)
        data = document_graph(article, base_iri)
        iris = ArticleIris(article, base_iri)
        for section, statement in article.statements:
            node = iris.statement(section, statement)
            for concept in matcher.concepts(statement.text):
                data.add((node, SDO.mentions, concept))
        data += hierarchy
        results += len(v._run(data, shapes))  # noqa: SLF001 - prototype of a per-article entry point
        articles += 1
    return articles, results


def validate_parallel(corpus: Path, base_iri: str, workers: int | None = None) -> dict[str, int]:
    """PerArticle shapes over every article of `corpus`, split into one contiguous chunk per worker."""
    paths = [str(p) for p in sorted(corpus.glob("*.txt"))]
    workers = workers or min(2, os.cpu_count() or 1)
    size = -(-len(paths) // workers)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        done = list(pool.map(_validate_chunk, chunks, [base_iri] * len(chunks)))
    return {"articles": sum(a for a, _ in done), "results": sum(r for _, r in done), "workers": len(chunks)}
