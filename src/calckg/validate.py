"""SHACL validation of calckg graphs with pySHACL.

Why it is organised this way (see docs/performance.md §4 and docs/reliability.md rows 9, 14-17):
- Shapes tagged `shapes:PerArticle` run on each article graph alone, so cost grows linearly with articles;
  shapes tagged `shapes:Once` (concepts, curated assertions, cross-article figures) run once over the union.
- Each run gets a fresh copy of the shapes graph (pySHACL adds triples to the one it is given) and its own data
  graph, so the caller's dataset is never touched.
- The ontology's rdfs:subClassOf axioms are merged into every data graph: SHACL's class targets and sh:class
  then follow the hierarchy without running a full RDFS closure (4x slower, and rdfs:domain on shared
  properties types nodes wrongly).
- Shapes are linted before use: every `sh:` term must exist in the SHACL vocabulary (pySHACL silently ignores
  `sh:mincount`), and the shapes must pass pySHACL's SHACL-for-SHACL check (`meta_shacl=True`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.errors import ReportableRuntimeError, ShapeLoadError, ValidationFailure
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from calckg import cache as _cache
from calckg import workers
from calckg.errors import InputError
from calckg.namespaces import CK, SHAPES, bind_prefixes
from calckg.resources import ontology_dir, shapes_dir
from calckg.validation_report import Severity, ValidationReport, ValidationResult, make_report

PER_ARTICLE = SHAPES.PerArticle
ONCE = SHAPES.Once
SCOPE = SHAPES.scope
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that make a shape report results of its own (and so need a message a person understands).
_NOT_OWN_CONSTRAINTS = {RDF.type, SH.property, SH.sparql, SH.severity, SH.message, SH.name, SH.description, SCOPE}
ONTOLOGY_FILES = ("calckg.ttl", "vocabulary.ttl")
_META_SHACL_PASSED = b"passed\n"
# pySHACL's own errors, plus what escapes it from rdflib when a shape's SPARQL does not parse (pyparsing's
# ParseException is an Exception subclass): any of them means the shapes cannot be trusted.
PYSHACL_ERRORS = (ReportableRuntimeError, ShapeLoadError, ValidationFailure, Exception)
RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def _constraint_parameters_as_a_set() -> None:
    """pySHACL tests every predicate of every shape against its list of ~60 constraint parameters each time a shape
    is evaluated (`p in list`: two million term comparisons for 20 articles, a tenth of validation). It memoises
    that list as `pyshacl.shape.CONSTRAINT_PARAMS`; a frozenset there gives the same answers by hash lookup.
    (The list is only copied and extended for SHACL-JS or advanced mode, which calckg does not use.)"""
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    pyshacl.shape.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)  # type: ignore[attr-defined]


_constraint_parameters_as_a_set()


class ShapesError(InputError):
    """A shapes file is broken (unknown SHACL term, missing scope or message, fails SHACL-for-SHACL), or pySHACL
    could not run a constraint. A broken shape must stop validation rather than pass silently (exit 2)."""


# --- shapes -------------------------------------------------------------------------------------------------


@cache
def _checked_shapes(folder: Path) -> Graph:
    graph = bind_prefixes(Graph())
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise ShapesError(f"{folder}: no shapes files (*.ttl) found")
    contents: list[bytes] = []
    for path in files:
        try:
            raw = path.read_bytes()
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises many parser exception types
            raise ShapesError(f"{path}: not valid Turtle: {error}") from error
        contents += [path.name.encode("utf-8"), raw]
    check_shapes(graph, cache_key=_cache.key("meta-shacl", _cache.tool_versions("pyshacl", "rdflib"), *contents))
    return graph


def load_shapes() -> Graph:
    """A copy of every shapes/*.ttl file merged; parsed, linted and meta-validated once per process."""
    return _copy(_checked_shapes(shapes_dir()))


def check_shapes(shapes: Graph, *, cache_key: str | None = None) -> None:
    """Raise ShapesError if the shapes graph has a problem a validation run would not reveal.

    `cache_key` (the sha256 of the exact shapes files and tool versions) lets a passed SHACL-for-SHACL check
    be remembered in the current disk cache (:func:`calckg.cache.using`), so an unchanged rebuild skips it;
    the lint always runs (it is cheap). Failures are never cached.
    """
    problems = lint_shapes(shapes)
    if problems:
        raise ShapesError("broken shapes:\n  " + "\n  ".join(problems))
    disk = _cache.current() if cache_key is not None else None
    if disk is not None and cache_key is not None and disk.get("meta-shacl", cache_key) == _META_SHACL_PASSED:
        return
    _pyshacl(Graph(), _copy(shapes), "the shapes fail the SHACL-for-SHACL check", meta_shacl=True)
    if disk is not None and cache_key is not None:
        disk.put("meta-shacl", cache_key, _META_SHACL_PASSED)


def lint_shapes(shapes: Graph) -> list[str]:
    """Problems pySHACL would ignore: unknown `sh:` terms, targeted shapes without a scope, silent shapes."""
    problems = sorted(
        {f"unknown SHACL term {term.n3(shapes.namespace_manager)}" for term in _sh_terms(shapes) if term not in SH}
    )
    for shape in sorted({s for target in TARGETS for s in shapes.subjects(target, None)}, key=str):
        scopes = set(shapes.objects(shape, SCOPE))
        if len(scopes) != 1 or not scopes <= {PER_ARTICLE, ONCE}:
            name = shape.n3(shapes.namespace_manager)
            problems.append(f"{name}: needs exactly one shapes:scope (PerArticle or Once)")
    for shape in sorted(_named_shapes(shapes), key=str):
        own = {p for p in shapes.predicates(shape, None) if p not in _NOT_OWN_CONSTRAINTS and p not in TARGETS}
        if own and shapes.value(shape, SH.message) is None:
            problems.append(f"{shape.n3(shapes.namespace_manager)}: has constraints but no sh:message")
    for constraint in sorted({c for c in shapes.objects(None, SH.sparql)}, key=str):
        if shapes.value(constraint, SH.message) is None:
            problems.append(f"{constraint.n3(shapes.namespace_manager)}: SPARQL constraint without sh:message")
    return problems


def shape_iris(shapes: Graph) -> list[URIRef]:
    """Every named node and property shape, sorted (the units the shape-deletion test removes one by one)."""
    return sorted(_named_shapes(shapes), key=str)


def _named_shapes(shapes: Graph) -> set[URIRef]:
    typed = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return {s for s in typed if isinstance(s, URIRef)}


def _sh_terms(graph: Graph) -> Iterator[URIRef]:
    namespace = str(SH)
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(namespace):
                yield term


def scoped_shapes(shapes: Graph, scope: URIRef) -> Graph:
    """A fresh copy of `shapes` in which only the shapes of `scope` keep their targets (the others are inert)."""
    graph = _copy(shapes)
    for shape in set(graph.subjects(SCOPE, None)):
        if (shape, SCOPE, scope) not in graph:
            for target in TARGETS:
                graph.remove((shape, target, None))
    return graph


# --- data -----------------------------------------------------------------------------------------------------


@cache
def _repository_ontology() -> Graph:
    graph = Graph()
    for name in ONTOLOGY_FILES:
        path = ontology_dir() / name
        if path.is_file():
            graph.parse(path, format="turtle")
    return graph


def load_ontology() -> Graph:
    """ontology/calckg.ttl + ontology/vocabulary.ttl (those that exist), parsed once per process."""
    return _copy(_repository_ontology())


def article_graphs(dataset: Dataset) -> list[Graph]:
    """The graphs that hold article document graphs (a named graph per article in a built dataset)."""
    found = [g for g in dataset.graphs() if next(g.subjects(RDF.type, CK.Article), None) is not None]
    return sorted(found, key=lambda g: str(g.identifier))


def cross_article_part(graph: Graph, claims: set[Node] | None = None) -> Graph:
    """What the `shapes:Once` shapes and reasoning read from one article graph, so they never need the whole
    corpus in one graph: every curated assertion and management step, everything said about the nodes they point
    to (statements with their text, figures, references), the statements marked narrative, the concept mentions,
    and every triple about a node outside the article's own IRIs (claims between concepts). `claims` are the
    assertions and steps (default: those typed in `graph`; a dataset may type them in another graph)."""
    part = Graph()
    roots = {str(s) for s in graph.subjects(RDF.type, CK.Article)}
    own = tuple(roots) + tuple(root + "/" for root in roots)
    for claim in _claims(graph) if claims is None else claims:
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


def _claims(graph: Graph | Dataset) -> set[Node]:
    if isinstance(graph, Dataset):
        return {q[0] for kind in (CK.Assertion, CK.ManagementStep) for q in graph.quads((None, RDF.type, kind, None))}
    return {s for kind in (CK.Assertion, CK.ManagementStep) for s in graph.subjects(RDF.type, kind)}


def _add_pointed(part: Graph, source: Graph | Dataset) -> None:
    """Add to `part` what `source` says about every node a claim in `part` points to."""
    pointed = {o for claim in _claims(part) for o in part.objects(claim, None) if isinstance(o, URIRef)}
    for node in pointed:
        for s, p, o, *_ in source.quads((node, None, None, None)) if isinstance(source, Dataset) else source.triples((node, None, None)):
            part.add((s, p, o))


class ArticleShapes:
    """The `shapes:PerArticle` shapes and the ontology's class hierarchy: all it takes to validate one article
    graph on its own, in this process or in a worker.

    The shapes graph is this object's own copy and is reused for every article: pySHACL adds the same two
    triples to it on its first run and nothing after (results are identical to a fresh copy per run, which cost
    a sixth of the time).
    """

    def __init__(self, shapes: Graph, hierarchy: Graph) -> None:
        self.shapes = _copy(shapes)
        self.hierarchy = hierarchy

    @classmethod
    def shipped(cls, shapes: Graph | None = None, ontology: Graph | None = None) -> ArticleShapes:
        """From shapes/*.ttl (checked) and ontology/ unless other graphs are given."""
        shapes = load_shapes() if shapes is None else shapes
        ontology = load_ontology() if ontology is None else ontology
        hierarchy = Graph()
        for triple in ontology.triples((None, RDFS.subClassOf, None)):
            if isinstance(triple[2], URIRef):
                hierarchy.add(triple)
        return cls(scoped_shapes(shapes, PER_ARTICLE), hierarchy)

    def to_ntriples(self) -> tuple[bytes, bytes]:
        """What a worker needs to rebuild this object without re-running the shapes check."""
        return self.shapes.serialize(format="nt", encoding="utf-8"), self.hierarchy.serialize(format="nt", encoding="utf-8")

    @classmethod
    def from_ntriples(cls, shapes_nt: bytes, hierarchy_nt: bytes) -> ArticleShapes:
        return cls(Graph().parse(data=shapes_nt, format="nt"), Graph().parse(data=hierarchy_nt, format="nt"))

    def validate(self, graph: Graph) -> list[ValidationResult]:
        """Results of one article graph, each with the text of the statement it concerns. A graph made by
        :func:`validation_graph` is validated as it is (the class hierarchy is added for the run and taken out
        again); any other is copied first."""
        if not isinstance(graph, _PreparedQueryGraph):
            data = _PreparedQueryGraph()
            data += graph
            data += self.hierarchy
            return _with_statement_text(_run(data, self.shapes), graph)
        added = [triple for triple in self.hierarchy if triple not in graph]
        for triple in added:
            graph.add(triple)
        try:
            return _with_statement_text(_run(graph, self.shapes), graph)
        finally:
            for triple in added:
                graph.remove(triple)


def validate_cross_article(cross: Graph, ontology: Graph, shapes: Graph) -> list[ValidationResult]:
    """The `shapes:Once` shapes over the cross-article parts of every article (plus any other graphs) and the
    ontology and vocabulary."""
    data = bind_prefixes(_PreparedQueryGraph())
    data += cross
    data += ontology
    return _with_statement_text(_run(data, scoped_shapes(shapes, ONCE)), data)


def validate_dataset(
    dataset: Dataset, *, vocabulary: Graph | None = None, shapes: Graph | None = None
) -> ValidationReport:
    """Validate a calckg dataset: article-local shapes per article graph, cross-article shapes once.

    `vocabulary` is the ontology + SKOS vocabulary used for class hierarchy and concept lookups (default: the
    repository's ontology/ files); `shapes` defaults to shapes/*.ttl. Neither input graph is modified.
    """
    shapes = load_shapes() if shapes is None else shapes
    ontology = load_ontology() if vocabulary is None else vocabulary
    article_shapes = ArticleShapes.shipped(shapes, ontology)
    graphs = article_graphs(dataset)
    results = _validate_articles(graphs, article_shapes)
    cross = Graph()
    names = {g.identifier for g in graphs}
    claims = _claims(dataset)
    for graph in dataset.graphs():
        cross += cross_article_part(graph, claims) if graph.identifier in names else graph
    _add_pointed(cross, dataset)  # claims kept in a graph of their own point into the article graphs
    results.extend(validate_cross_article(cross, ontology, shapes))
    return make_report(results)


# --- per-article validation in worker processes -----------------------------------------------------------------
# Each worker rebuilds the ArticleShapes once from N-Triples (it never re-runs the shapes check) and then receives
# article graphs as N-Triples in batches; results come back as ValidationResult records (rdflib terms pickle).

_BATCH = 8
_worker_shapes: list[ArticleShapes] = []


def _init_validation_worker(shapes_nt: bytes, hierarchy_nt: bytes) -> None:
    _worker_shapes[:] = [ArticleShapes.from_ntriples(shapes_nt, hierarchy_nt)]


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


def validate_files(paths: Iterable[Path], *, vocabulary: Graph | None = None) -> ValidationReport:
    """Validate RDF files (Turtle, N-Triples, TriG, N-Quads, JSON-LD, plain RDF/XML) as one dataset."""
    return validate_dataset(read_files(paths), vocabulary=vocabulary)


def _pyshacl(data: Graph, shapes: Graph, failure: str, **options: Any) -> Graph:
    """pySHACL's report graph; any way pySHACL fails (an exception, or a ValidationFailure returned in place of
    the report) is a ShapesError, never a "non-conformant" result."""
    try:
        _, report, text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, **options
        )
    except PYSHACL_ERRORS as error:
        raise ShapesError(f"{failure}: {_first_line(error)}") from error
    if not isinstance(report, Graph):
        raise ShapesError(f"{failure}: {_first_line(text)}")
    return report


@cache
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def validation_graph() -> Graph:
    """An empty graph that :meth:`ArticleShapes.validate` validates without copying it."""
    return bind_prefixes(_PreparedQueryGraph())


class _PreparedQueryGraph(Graph):
    """A data graph that parses each SPARQL text once: pySHACL passes every sh:select as a string, and rdflib's
    pyparsing-based parser then costs ~0.1 s per query and graph, more than evaluating it."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _run(data: Graph, shapes: Graph) -> list[ValidationResult]:
    report = _pyshacl(data, shapes, "pySHACL could not run the shapes", inplace=True)
    nested = set(report.objects(None, SH.detail))  # sh:node's inner results, already summed up by their parent
    return [_result(report, n) for n in report.subjects(RDF.type, SH.ValidationResult) if n not in nested]


def _result(report: Graph, node: Node) -> ValidationResult:
    path = report.value(node, SH.resultPath)
    component = report.value(node, SH.sourceConstraintComponent)
    return ValidationResult(
        severity=Severity.from_iri(report.value(node, SH.resultSeverity)),
        focus_node=report.value(node, SH.focusNode),
        path=path if isinstance(path, URIRef) else None,
        value=report.value(node, SH.value),
        message=str(report.value(node, SH.resultMessage) or ""),
        source_shape=report.value(node, SH.sourceShape),
        constraint_component=component if isinstance(component, URIRef) else None,
    )


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


# --- files ----------------------------------------------------------------------------------------------------


def read_files(paths: Iterable[Path]) -> Dataset:
    """Parse RDF files into one dataset; each single-graph file becomes a named graph called after the file.

    Refused (InputError naming the file): unknown extensions, RDF/XML with a DOCTYPE or ENTITY declaration
    (entity expansion attacks), JSON-LD whose @context or @import is a string (rdflib would fetch or open it).
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    for path in paths:
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(RDF_FORMATS))}")
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        raw = path.read_bytes()
        _refuse_unsafe(path, fmt, raw)
        try:
            if fmt in ("trig", "nquads"):
                dataset.parse(data=raw, format=fmt)
            else:
                dataset.graph(URIRef(path.resolve().as_uri())).parse(data=raw, format=fmt)
        except Exception as error:  # rdflib raises many parser exception types
            raise InputError(f"{path}: cannot be read as {fmt}: {_first_line(error)}") from error
    return dataset


def _refuse_unsafe(path: Path, fmt: str, raw: bytes) -> None:
    if fmt == "xml" and (b"<!DOCTYPE" in raw or b"<!ENTITY" in raw):
        raise InputError(f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)")
    if fmt == "json-ld":
        try:
            document = json.loads(raw)
        except ValueError as error:
            raise InputError(f"{path}: not valid JSON: {error}") from error
        if _has_remote_context(document):
            raise InputError(
                f"{path}: JSON-LD with a string @context or @import is refused (it would be fetched); "
                "inline the context object instead"
            )


def _has_remote_context(node: object) -> bool:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import") and _names_document(value):
                return True
            if _has_remote_context(value):
                return True
    elif isinstance(node, list):
        return any(_has_remote_context(item) for item in node)
    return False


def _names_document(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, str) for v in value))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += graph
    return copy


def _first_line(error: object) -> str:
    text = str(getattr(error, "message", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


__all__ = [
    "ShapesError",
    "ValidationReport",
    "ValidationResult",
    "check_shapes",
    "lint_shapes",
    "load_ontology",
    "load_shapes",
    "read_files",
    "validate_dataset",
    "validate_files",
]
