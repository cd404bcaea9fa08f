"""Every shape fires on its own fixture, and only there.

tests/data/shapes/valid/article.trig is the smallest dataset that conforms. Each invalid fixture
tests/data/shapes/invalid/<Shape>__<what>.trig patches it (graph t:remove is taken out of every graph and the
vocabulary, graph t:add goes into the article graph) and lists in graph t:expected the exact results the report
must hold: focus node, path, severity, source shape and message (the shape's sh:message unless the expectation
gives sh:resultMessage, as SPARQL results fill in their message).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from calckg.namespaces import CK
from calckg.validate import shape_iris, validate_dataset
from calckg.validate import load_shapes as repository_shapes

DATA = Path(__file__).parent / "data" / "shapes"
VALID = DATA / "valid" / "article.trig"
VOCABULARY = DATA / "vocabulary.ttl"
INVALID = sorted((DATA / "invalid").glob("*.trig"))
ARTICLE = URIRef("https://w3id.org/calckg/id/t")
REMOVE, ADD, EXPECTED = (URIRef(f"urn:calckg:test:{name}") for name in ("remove", "add", "expected"))

Key = tuple[Node, Node | None, Node, Node, str]


@cache
def shapes() -> Graph:
    return repository_shapes()


def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY, format="turtle")


def valid_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(VALID, format="trig")
    return dataset


@cache
def fixture(path: Path) -> tuple[Dataset, Graph, frozenset[Key]]:
    """The patched dataset and vocabulary of one invalid fixture, and the results it must produce."""
    patch = Dataset()
    patch.parse(path, format="trig")
    dataset, terms = valid_dataset(), vocabulary()
    for triple in patch.graph(REMOVE):
        holders = [g for g in (*dataset.graphs(), terms) if triple in g]
        assert holders, f"{path.name}: t:remove names a triple the valid fixture does not have: {triple}"
        for graph in holders:
            graph.remove(triple)
    article = dataset.graph(ARTICLE)
    for triple in patch.graph(ADD):
        article.add(triple)
    return dataset, terms, expected_results(patch.graph(EXPECTED))


def expected_results(graph: Graph) -> frozenset[Key]:
    found = set()
    for node in graph.subjects(SH.sourceShape, None):
        shape = graph.value(node, SH.sourceShape)
        message = graph.value(node, SH.resultMessage) or shapes().value(shape, SH.message)
        assert message is not None, f"expectation for {shape} needs sh:resultMessage (the shape has no sh:message)"
        found.add(
            (
                graph.value(node, SH.focusNode),
                graph.value(node, SH.resultPath),
                graph.value(node, SH.resultSeverity),
                shape,
                str(message),
            )
        )
    return frozenset(found)


def actual_results(dataset: Dataset, terms: Graph, shapes_graph: Graph | None = None) -> frozenset[Key]:
    report = validate_dataset(dataset, vocabulary=terms, shapes=shapes_graph)
    return frozenset((r.focus_node, r.path, r.severity.iri, r.source_shape, r.message) for r in report.results)


def test_valid_fixture_conforms_without_any_result() -> None:
    report = validate_dataset(valid_dataset(), vocabulary=vocabulary())
    assert report.conforms
    assert report.results == ()


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_exactly_its_expected_results(path: Path) -> None:
    dataset, terms, expected = fixture(path)
    assert expected, f"{path.name}: lists no expected result"
    assert actual_results(dataset, terms) == expected


CURATED = URIRef(f"{ARTICLE}/curated")
ELSEWHERE = URIRef("urn:calckg:test:claims")


def claims_in_a_graph_of_no_article(dataset: Dataset) -> Dataset:
    """The dataset with the curated claims (and every triple about them) in a graph no article's IRI names."""
    claims = {s for kind in (CK.Assertion, CK.ManagementStep) for s in dataset.graph(CURATED).subjects(RDF.type, kind)}
    moved = Dataset()
    for graph in dataset.graphs():
        for s, p, o in graph:
            name = ELSEWHERE if graph.identifier == CURATED or s in claims else graph.identifier
            moved.graph(name).add((s, p, o))
    return moved


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_claims_kept_in_a_graph_of_no_article_give_the_same_results(path: Path) -> None:
    """An article's claims are checked with the article (the build's way); claims in a graph of no article are
    checked by the claim shapes in the cross-article run instead, with the same results."""
    dataset, terms, expected = fixture(path)
    moved = claims_in_a_graph_of_no_article(dataset)
    assert len(moved.graph(ELSEWHERE)) > 0 and len(moved.graph(CURATED)) == 0
    assert actual_results(moved, terms) == expected


def _related_shapes(graph: Graph, shape: URIRef) -> set[Node]:
    """The shape, its property shapes, and the shapes that use it through sh:node or a logical list."""
    related: set[Node] = {shape, *graph.objects(shape, SH.property)}
    for parent, _, _ in graph.triples((None, SH.node, shape)):
        related.update(graph.subjects(SH.property, parent) or ())
        related.add(parent)
    for list_node in graph.subjects(RDF.first, shape):
        head = list_node
        while (previous := graph.value(None, RDF.rest, head)) is not None:
            head = previous
        related.update(s for p in (SH["or"], SH["and"], SH.xone) for s in graph.subjects(p, head))
    return related


def without_shape(graph: Graph, shape: URIRef) -> Graph:
    """A copy of the shapes with `shape` emptied and detached from the shapes that list it as a property."""
    reduced = Graph()
    reduced += graph
    reduced.remove((shape, None, None))
    reduced.remove((None, SH.property, shape))
    return reduced


@pytest.mark.parametrize("shape", shape_iris(shapes()), ids=lambda s: str(s).rsplit("#", 1)[-1])
def test_deleting_a_shape_makes_an_expected_result_disappear(shape: URIRef) -> None:
    related = _related_shapes(shapes(), shape)
    relevant = [p for p in INVALID if any(key[3] in related for key in fixture(p)[2])]
    assert relevant, f"no fixture expects a result from {shape} (or the shapes that use it)"
    reduced = without_shape(shapes(), shape)
    lost = set()
    for path in relevant:
        dataset, terms, expected = fixture(path)
        lost |= expected - actual_results(dataset, terms, reduced)
    assert lost, f"deleting {shape} changed no fixture result: the shape is dead or untested"


def test_surface_number_shape_knows_every_number_word_of_the_figure_table() -> None:
    """The shape's own copy of the number words (SHACL-SPARQL forbids VALUES) is data/quantities.json's table: a
    figure written "Eleven patients" is extracted with the value 11, so the shape must read it as 11 too."""
    from calckg.ingest.quantities import shipped_lexicon

    query = str(shapes().value(URIRef("https://w3id.org/calckg/shapes#SurfaceNumber-sparql"), SH.select))
    tables = re.findall(r'" ((?:[a-z]+=[0-9.]+ )+)"', query)
    alternations = re.findall(r"\(\.\*\??\[\^a-z\]\)\?\??\(([a-z|]+)\)", query)  # first word, last word
    assert len(tables) == 2 and len(alternations) == 2
    lexicon = shipped_lexicon()
    words = {**lexicon.number_words, **{w.split()[-1]: v for w, v in lexicon.fraction_words.items()}}
    for table, alternation in zip(tables, alternations, strict=True):
        assert dict(pair.split("=") for pair in table.split()) == {w: str(v) for w, v in words.items()}
        assert alternation.split("|") == list(words)


def test_an_article_read_as_ntriples_gives_the_results_of_its_graph() -> None:
    """The build hands the engine each article's N-Triples lines (ArticleShapes.validate with lines): on every
    invalid fixture the results are those of validating the article's graph."""
    from calckg.ntriples import ntriples_lines
    from calckg.validate import ArticleShapes, validation_graph

    found = 0
    for path in INVALID:
        dataset, terms, _ = fixture(path)
        article = validation_graph()
        for graph in dataset.graphs():
            if str(graph.identifier).startswith(str(ARTICLE)):
                article += graph
        checker = ArticleShapes.shipped(shapes(), terms)
        from_graph = sorted(checker.validate(article), key=lambda r: r.sort_key())
        assert sorted(checker.validate(article, ntriples_lines(article)), key=lambda r: r.sort_key()) == from_graph, path.name
        found += len(from_graph)
    assert found == 160  # the article-local and claim results of the 37 fixtures
