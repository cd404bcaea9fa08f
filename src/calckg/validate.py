"""SHACL validation of calckg graphs: article-local shapes per article graph, cross-article shapes once.

Why it is organised this way (docs/shacl-engines.md; performance and reliability notes in docs/):
- Shapes tagged `shapes:PerArticle` run on each article graph alone, so cost grows linearly with articles;
  shapes tagged `shapes:PerClaim` (a claim against its sentence) need each claim with what it points to and the
  ontology and vocabulary entries it uses (:func:`claim_context`): the build runs them with the article, in the
  worker that built it (:class:`ArticleShapes`), so they too grow linearly; shapes tagged
  `shapes:Once` (concepts, cross-article figures) run once over the cross-article part of every article
  (:func:`cross_article_part`) with the ontology and vocabulary. `calckg validate` (:func:`validate_dataset`)
  does the same, reading each article graph with the graphs named under it (same results as the build on every
  shape fixture: tests/test_shapes.py).
- The engine is pyshacl-turbo (compiled) unless pySHACL is asked for (:mod:`calckg.validate_engine`); shapes are
  loaded and checked by :mod:`calckg.validate_shapes`, files read by :mod:`calckg.validate_input`.
- The ontology's rdfs:subClassOf axioms are merged into every data graph: SHACL's class targets and sh:class
  then follow the hierarchy without running a full RDFS closure (4x slower, and rdfs:domain on shared
  properties types nodes wrongly).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO
from rdflib.term import Node

from calckg import workers
from calckg.namespaces import CK, bind_prefixes
from calckg.ntriples import ntriples_lines
from calckg.resources import ontology_dir
from calckg.validate_engine import PreparedQueryGraph, ShapesError, ShapesRunner
from calckg.validate_input import read_files
from calckg.validate_shapes import (
    ONCE,
    PER_ARTICLE,
    PER_CLAIM,
    check_shapes,
    copy_graph,
    lint_shapes,
    load_shapes,
    scoped_shapes,
    shape_iris,
)
from calckg.validation_report import ValidationReport, ValidationResult, make_report

ONTOLOGY_FILES = ("calckg.ttl",)


@cache
def _repository_ontology() -> Graph:
    from calckg.vocabulary import vocabulary_files

    graph = Graph()
    for path in (*(ontology_dir() / name for name in ONTOLOGY_FILES), *vocabulary_files()):
        if path.is_file():
            graph.parse(path, format="turtle")
    return graph


def load_ontology() -> Graph:
    """ontology/calckg.ttl + the vocabulary files (core and packs, :func:`calckg.vocabulary.vocabulary_files`),
    parsed once per process."""
    return copy_graph(_repository_ontology())


def article_graphs(dataset: Dataset) -> list[Graph]:
    """The graphs that hold article document graphs (a named graph per article in a built dataset)."""
    found = [g for g in dataset.graphs() if next(g.subjects(RDF.type, CK.Article), None) is not None]
    return sorted(found, key=lambda g: str(g.identifier))


def cross_article_part(graph: Graph) -> Graph:
    """What the `shapes:Once` shapes and reasoning read from one article graph (its claims merged in), so they
    never need the whole corpus in one graph: every assertion and management step, everything said about the nodes
    they point to (statements with their text, figures, references), the statements marked narrative, the concept
    mentions, and every triple about a node outside the article's own IRIs (claims between concepts). An extracted
    claim without a population gives only the concepts it uses: the PerClaim shapes check it with its article,
    reasoning covers curated claims, and conflicting figures need a population."""
    part = Graph(store="SimpleMemory")  # one graph: no context bookkeeping
    roots = {str(s) for s in graph.subjects(RDF.type, CK.Article)}
    own = tuple(roots) + tuple(root + "/" for root in roots)
    for claim in _claims(graph):
        if _settled(graph, claim):
            for role in CLAIM_CONCEPT_ROLES:
                for triple in graph.triples((claim, role, None)):
                    part.add(triple)
            continue
        for triple in graph.triples((claim, None, None)):
            part.add(triple)
    _add_pointed(part, graph)
    for triple in graph.triples((None, RDF.type, CK.NarrativeStatement)):
        part.add(triple)
    for triple in graph.triples((None, SDO.mentions, None)):
        part.add(triple)
    for triple in graph:
        if not str(triple[0]).startswith(own):
            part.add(triple)
    return part


CLAIM_CONCEPT_ROLES = (CK.subject, CK.object, CK.population, CK.outcome)


def _settled(graph: Graph, claim: Node) -> bool:
    """An extracted claim that only the PerClaim shapes read (it has no population)."""
    return (claim, RDF.type, CK.ExtractedAssertion) in graph and (claim, CK.population, None) not in graph


def claim_context(graph: Graph, ontology: Graph) -> list[tuple[Node, Node, Node]]:
    """What the `shapes:PerClaim` shapes read about the claims of `graph` beyond it: every triple `ontology` (the
    ontology and vocabulary) has about their relations and concepts, blank nodes followed (a range that is an
    owl:unionOf list), each once. Types need the class hierarchy too, which :class:`ArticleShapes` adds anyway."""
    nodes = {o for claim in _claims(graph) for role in (CK.predicate, *CLAIM_CONCEPT_ROLES)
             for o in graph.objects(claim, role)}  # fmt: skip
    context: list[tuple[Node, Node, Node]] = []
    todo = sorted(node for node in nodes if isinstance(node, URIRef))
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in ontology.triples((node, None, None)):
            context.append(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return context


def _claims(graph: Graph) -> set[Node]:
    return {s for kind in (CK.Assertion, CK.ManagementStep) for s in graph.subjects(RDF.type, kind)}


def _add_pointed(part: Graph, source: Graph | Dataset) -> None:
    """Add to `part` what `source` says about every node a claim in `part` points to."""
    pointed = {o for claim in _claims(part) for o in part.objects(claim, None) if isinstance(o, URIRef)}
    for node in pointed:
        for s, p, o, *_ in source.quads((node, None, None, None)) if isinstance(source, Dataset) else source.triples((node, None, None)):
            part.add((s, p, o))



class ArticleShapes:
    """The `shapes:PerArticle` and `shapes:PerClaim` shapes with the ontology and vocabulary: all it takes to
    validate one article graph on its own, in this process or in a worker, with one engine (its shapes prepared
    once). Each run adds the class hierarchy and, for the claims, their :func:`claim_context`."""

    def __init__(self, shapes: Graph, ontology: Graph, engine: str | None = None) -> None:
        self.shapes = copy_graph(shapes)
        self.ontology = ontology
        self.hierarchy = [t for t in ontology.triples((None, RDFS.subClassOf, None)) if isinstance(t[2], URIRef)]
        self.hierarchy_lines = ntriples_lines(self.hierarchy)  # written once, for every article read as text
        self.runner = ShapesRunner(self.shapes, engine)

    @classmethod
    def shipped(cls, shapes: Graph | None = None, ontology: Graph | None = None,
                engine: str | None = None) -> ArticleShapes:
        """From shapes/*.ttl (checked) and ontology/ + the vocabulary unless other graphs are given."""
        shapes = load_shapes() if shapes is None else shapes
        ontology = load_ontology() if ontology is None else ontology
        return cls(scoped_shapes(shapes, PER_ARTICLE, PER_CLAIM), ontology, engine)

    def to_ntriples(self) -> tuple[bytes, bytes, str]:
        """What a worker needs to rebuild this object without re-running the shapes check."""
        shapes_nt = self.shapes.serialize(format="nt", encoding="utf-8")
        return shapes_nt, self.ontology.serialize(format="nt", encoding="utf-8"), self.runner.engine

    @classmethod
    def from_ntriples(cls, shapes_nt: bytes, ontology_nt: bytes, engine: str | None = None) -> ArticleShapes:
        return cls(Graph().parse(data=shapes_nt, format="nt"), Graph().parse(data=ontology_nt, format="nt"), engine)

    def validate(self, graph: Graph, lines: Sequence[bytes] | None = None) -> list[ValidationResult]:
        """Results of one article graph, each with the text of the statement it concerns. With `lines`, the graph's
        N-Triples lines (the build has them), the engine reads those and the class hierarchy and claims' context
        as text (:meth:`ShapesRunner.run_ntriples`). Else a graph made by :func:`validation_graph` is validated as
        it is (the hierarchy and context are added for the run and taken out again); any other is copied first."""
        context = claim_context(graph, self.ontology)
        if lines is not None:  # a triple written twice is one triple: no need to take out duplicates
            text = b"".join([*lines, *self.hierarchy_lines, *ntriples_lines(context)]).decode("utf-8")
            return _with_statement_text(self.runner.run_ntriples(text), graph)
        # plain lists of triples, not graphs: copying the hierarchy into a new graph for every article took a tenth
        # of the validation's time
        extra = list(dict.fromkeys([*self.hierarchy, *context]))
        if not isinstance(graph, PreparedQueryGraph):
            data = PreparedQueryGraph()
            data += graph
            data += extra
            return _with_statement_text(self.runner.run(data), graph)
        added = [triple for triple in extra if triple not in graph]
        graph.addN((s, p, o, graph) for s, p, o in added)
        try:
            return _with_statement_text(self.runner.run(graph), graph)
        finally:
            for triple in added:
                graph.remove(triple)


def validate_cross_article(cross: Graph, ontology: Graph, shapes: Graph, engine: str | None = None, *,
                           claims: bool = False) -> list[ValidationResult]:
    """The `shapes:Once` shapes (with `claims`, the `shapes:PerClaim` shapes too) over the cross-article parts of
    every article (plus any other graphs) and the ontology and vocabulary. A graph made by
    :func:`validation_graph` is validated in place, the ontology added to it (not copied); any other is copied
    first."""
    data = cross
    if not isinstance(data, PreparedQueryGraph):
        data = validation_graph()
        data += cross
    data += ontology
    scopes = (ONCE, PER_CLAIM) if claims else (ONCE,)
    return _with_statement_text(ShapesRunner(scoped_shapes(shapes, *scopes), engine).run(data), data)


def validate_dataset(
    dataset: Dataset, *, vocabulary: Graph | None = None, shapes: Graph | None = None, engine: str | None = None
) -> ValidationReport:
    """Validate a calckg dataset as the build does: each article graph, with the graphs named under it (its
    extracted claims, `<article-iri>/extracted`), by the article-local and claim shapes; then the cross-article
    shapes once over the cross-article parts and every other graph (claims kept in a graph of no article are
    checked there by the claim shapes too).

    `vocabulary` is the ontology + SKOS vocabulary used for class hierarchy and concept lookups (default: the
    repository's ontology/ files); `shapes` defaults to shapes/*.ttl; `engine` to pyshacl-turbo (or
    $CALCKG_SHACL_ENGINE). Neither input graph is modified.
    """
    shapes = load_shapes() if shapes is None else shapes
    ontology = load_ontology() if vocabulary is None else vocabulary
    owners = {str(a.identifier): validation_graph() for a in article_graphs(dataset)}  # each with its own graphs
    others = Graph()
    for graph in dataset.graphs():
        owner = _owner(str(graph.identifier), owners)
        if owner is None:
            others += graph
        else:
            owners[owner] += graph
    articles = [owners[name] for name in sorted(owners)]
    results = _validate_articles(articles, ArticleShapes.shipped(shapes, ontology, engine))
    cross = Graph()
    for article in articles:
        cross += cross_article_part(article)
    cross += others
    _add_pointed(cross, dataset)  # claims kept in a graph of no article point into the article graphs
    claims_elsewhere = bool(_claims(others))
    results.extend(validate_cross_article(cross, ontology, shapes, engine, claims=claims_elsewhere))
    return make_report(results)


def _owner(name: str, articles: Mapping[str, Graph]) -> str | None:
    """The article whose graph this is, or whose IRI the name continues with `/…` (its extracted claims)."""
    while name not in articles and "/" in name:
        name = name.rsplit("/", 1)[0]
    return name if name in articles else None


# --- per-article validation in worker processes -----------------------------------------------------------------
# Each worker rebuilds the ArticleShapes once from N-Triples (it never re-runs the shapes check) and then receives
# article graphs as N-Triples in batches; results come back as ValidationResult records (rdflib terms pickle).

_BATCH = 8
_worker_shapes: list[ArticleShapes] = []


def _init_validation_worker(shapes_nt: bytes, ontology_nt: bytes, engine: str) -> None:
    _worker_shapes[:] = [ArticleShapes.from_ntriples(shapes_nt, ontology_nt, engine)]


def _validate_batch(batch: list[bytes]) -> list[ValidationResult]:
    return [r for article_nt in batch for r in _worker_shapes[0].validate(Graph().parse(data=article_nt, format="nt"))]


def _validate_articles(graphs: list[Graph], shapes: ArticleShapes) -> list[ValidationResult]:
    if len(graphs) >= workers.MIN_ITEMS and workers.WORKERS > 1:
        batches = ([g.serialize(format="nt", encoding="utf-8") for g in batch] for batch in workers.batched(graphs, _BATCH))
        found = workers.run_in_workers(_validate_batch, batches, initializer=_init_validation_worker,
                                       initargs=shapes.to_ntriples())  # fmt: skip
        if found is not None:
            return found
    return [r for graph in graphs for r in shapes.validate(graph)]


def validate_files(
    paths: Iterable[Path], *, vocabulary: Graph | None = None, engine: str | None = None
) -> ValidationReport:
    """Validate RDF files (Turtle, N-Triples, TriG, N-Quads, JSON-LD, plain RDF/XML) as one dataset."""
    return validate_dataset(read_files(paths), vocabulary=vocabulary, engine=engine)


def validation_graph() -> Graph:
    """An empty graph that :meth:`ArticleShapes.validate` validates without copying it. It lives in rdflib's
    SimpleMemory store: one graph needs no context bookkeeping, which the default Memory store does on every
    triple added or read (an article's outputs are byte-identical, built in two thirds of the time)."""
    return bind_prefixes(PreparedQueryGraph(store="SimpleMemory"))


def _with_statement_text(results: list[ValidationResult], data: Graph) -> list[ValidationResult]:
    """Attach the text of the statement each result is about, so an editor sees the sentence in question."""
    return [
        ValidationResult(
            r.severity, r.focus_node, r.path, r.value, r.message, r.source_shape,
            statement_text(data, r.focus_node), r.constraint_component,
        )  # fmt: skip
        for r in results
    ]


def statement_text(data: Graph, node: Node) -> str | None:
    """The text of `node` if it is a statement, else of the statement it occurs in or was derived from."""
    # An assertion may derive from several statements (a bullet and its lead-in): take the first by IRI.
    sources = sorted(data.objects(node, PROV.wasDerivedFrom), key=str)
    for candidate in (node, data.value(node, CK.inStatement), sources[0] if sources else None):
        if candidate is not None:
            text = data.value(candidate, CK.text)
            if isinstance(text, Literal):
                return str(text)
    return None


__all__ = [
    "ShapesError",
    "ValidationReport",
    "ValidationResult",
    "check_shapes",
    "lint_shapes",
    "load_ontology",
    "load_shapes",
    "read_files",
    "shape_iris",
    "validate_dataset",
    "validate_files",
]
