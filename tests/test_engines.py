"""Every shapes file and every shape fixture gives the same results in pySHACL (the reference), pyshacl-turbo
(calckg's default engine) and Apache Jena SHACL: the shapes are standard SHACL, not one engine's dialect.

Each case is one data graph (every graph of the fixture's dataset, its vocabulary and the ontology) validated with
the union of shapes/*.ttl, every target active. A result is compared by focus node, path, constraint component,
severity, source shape (None for an anonymous one) and value, as a multiset; messages are not compared (each engine
words its own, and Jena's datatype message swaps the expected and found types).

A missing engine skips its tests on a developer's machine; with CI=true it fails them (.ci/run installs Jena).
"""

from __future__ import annotations

import os
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node
from test_shapes import INVALID, fixture, valid_dataset, vocabulary

from calckg import validate_jena
from calckg.pipeline import article_graph
from calckg.ids import ArticleIris
from calckg.ingest import parse_article, read_sources
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.pipeline import BuildResult
from calckg.validate import load_ontology, load_shapes
from calckg.validate_engine import PreparedQueryGraph, ShapesRunner, results_of, run_pyshacl
from calckg.validation_report import ValidationResult
from calckg.vocabulary import default_matcher

Key = tuple[Node | None, ...]
ARTICLES = Path(__file__).parent / "data" / "articles"
CASES = ["valid", *(p.stem for p in INVALID), "seed", "articles"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def engine_missing(engine: str, reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where every engine must run."""
    message = f"{engine} is not available: {reason}"
    if IN_CI:
        pytest.fail(message + " (CI=true: every engine must run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def cases(seed_build: BuildResult) -> dict[str, Graph]:
    """name → data graph."""
    found = {"valid": _union(valid_dataset(), vocabulary())}
    for path in INVALID:
        dataset, terms, _ = fixture(path)
        found[path.stem] = _union(dataset, terms)
    found["seed"] = _union(seed_build.dataset, load_ontology())
    found["articles"] = _union(_article_graphs(), load_ontology())
    return found


def _article_graphs() -> Dataset:
    """Each illustrative test article's graph (document, concept mentions, curated claims), unvalidated."""
    dataset = Dataset()
    for source in read_sources(ARTICLES):
        article = parse_article(source.path, source.text)
        dataset.graph(ArticleIris(article, DEFAULT_BASE_IRI).root).__iadd__(
            article_graph(article, DEFAULT_BASE_IRI, default_matcher()))
    return dataset


def _union(dataset: Dataset, vocabulary: Graph) -> Graph:
    data = PreparedQueryGraph()
    for graph in dataset.graphs():
        data += graph
    data += vocabulary
    return data


@cache
def shapes() -> Graph:
    return load_shapes()


def keys(report: Graph) -> Counter[Key]:
    return Counter(_key(result) for result in results_of(report))


def _key(result: ValidationResult) -> Key:
    shape = result.source_shape
    return (
        result.focus_node,
        result.path,
        result.constraint_component,
        result.severity.iri,
        None if isinstance(shape, BNode) else shape,
        result.value,
    )


_reference: dict[str, Counter[Key]] = {}


def reference(name: str, data: Graph) -> Counter[Key]:
    if name not in _reference:
        _reference[name] = keys(run_pyshacl(data, shapes(), "pySHACL could not run the shapes"))
    return _reference[name]


@pytest.mark.parametrize("name", CASES)
def test_pyshacl_turbo_gives_the_results_of_pyshacl(cases: dict[str, Graph], name: str) -> None:
    turbo = Counter(_key(r) for r in ShapesRunner(shapes(), "turbo").run(cases[name]))
    assert turbo == reference(name, cases[name])


@pytest.fixture(scope="module")
def jena_reports(cases: dict[str, Graph]) -> dict[str, Counter[Key]]:
    reason = validate_jena.missing()
    if reason is not None:
        engine_missing("Apache Jena", reason)
    reports = validate_jena.validate_pairs([(shapes(), cases[name]) for name in CASES])
    return {name: keys(report) for name, report in zip(CASES, reports, strict=True)}


@pytest.mark.parametrize("name", CASES)
def test_jena_gives_the_results_of_pyshacl(cases: dict[str, Graph], jena_reports: dict[str, Counter[Key]],
                                           name: str) -> None:  # fmt: skip
    assert jena_reports[name] == reference(name, cases[name])


def test_every_case_has_results_except_the_valid_one(cases: dict[str, Graph]) -> None:
    empty = [name for name in CASES if not reference(name, cases[name])]
    assert empty == ["valid"]


def test_the_test_articles_have_one_unresolved_citation_number_each(cases: dict[str, Graph]) -> None:
    unresolved = {k[5] for k in reference("articles", cases["articles"]) if str(k[4]).endswith("#CitationResolvesShape")}
    assert sorted(int(v) for v in unresolved) == [6, 7]  # thyroid and facial palsy cite 6, the two others 7


def test_the_seed_has_the_eleven_unresolved_citations(cases: dict[str, Graph]) -> None:
    unresolved = [k for k in reference("seed", cases["seed"]) if str(k[4]).endswith("#CitationResolvesShape")]
    assert len(unresolved) == 11


def test_every_shapes_file_is_in_the_shapes_compared() -> None:
    files = sorted(Path(__file__).parents[1].joinpath("shapes").glob("*.ttl"))
    for path in files:
        own = Graph().parse(path, format="turtle")
        assert set(own.subjects(RDF.type, SH.NodeShape)) <= set(shapes().subjects(RDF.type, SH.NodeShape)), path
