"""SHACL validation of calckg graphs with pySHACL.

Why it is organised this way (see /work/shared/reference/performance.md §4 and reliability.md 9, 14-17):
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
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.errors import ReportableRuntimeError, ShapeLoadError, ValidationFailure
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from calckg import cache as _cache
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


class ShapesError(InputError):
    """A shapes file is broken (unknown SHACL term, missing scope or message, fails SHACL-for-SHACL), or pySHACL
    could not run a constraint. A broken shape must stop validation rather than pass silently (exit 2)."""


# --- shapes -------------------------------------------------------------------------------------------------


@cache
def _checked_shapes() -> Graph:
    graph = bind_prefixes(Graph())
    files = sorted(shapes_dir().glob("*.ttl"))
    if not files:
        raise ShapesError(f"{shapes_dir()}: no shapes files (*.ttl) found")
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
    return _copy(_checked_shapes())


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


def union_of(dataset: Dataset, *extra: Graph) -> Graph:
    """One plain graph with every triple of the dataset (all graphs) and of `extra`."""
    union = bind_prefixes(_PreparedQueryGraph())
    for graph in dataset.graphs():
        union += graph
    for graph in extra:
        union += graph
    return union


def validate_dataset(
    dataset: Dataset, *, vocabulary: Graph | None = None, shapes: Graph | None = None
) -> ValidationReport:
    """Validate a calckg dataset: article-local shapes per article graph, cross-article shapes once.

    `vocabulary` is the ontology + SKOS vocabulary used for class hierarchy and concept lookups (default: the
    repository's ontology/ files); `shapes` defaults to shapes/*.ttl. Neither input graph is modified.
    """
    shapes = load_shapes() if shapes is None else shapes
    ontology = load_ontology() if vocabulary is None else vocabulary
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        if isinstance(triple[2], URIRef):
            hierarchy.add(triple)
    results: list[ValidationResult] = []
    graphs = article_graphs(dataset)
    per_article = scoped_shapes(shapes, PER_ARTICLE)
    parallel = None
    if len(graphs) >= PARALLEL_MIN_ARTICLES and VALIDATION_WORKERS > 1:
        parallel = _validate_in_workers(graphs, hierarchy, per_article)
    if parallel is not None:
        results.extend(parallel)
    else:
        for graph in graphs:
            data = _PreparedQueryGraph()
            data += graph
            data += hierarchy
            results.extend(_run(data, _copy(per_article)))  # pySHACL may add to the shapes graph it is given
    union = union_of(dataset, ontology)
    results.extend(_run(union, scoped_shapes(shapes, ONCE)))
    return make_report(_with_statement_text(results, union))


# --- per-article validation in worker processes -----------------------------------------------------------------
# PerArticle shapes never look outside one article graph, so articles are independent work items. Each worker
# parses the scoped shapes once (sent as N-Triples, so it never re-runs the shapes check) and then receives
# articles as N-Triples in batches; results come back as ValidationResult records (rdflib terms pickle).
# Workers are spawned, not forked: the build validates while HermiT runs in a thread of this process.

PARALLEL_MIN_ARTICLES = 8
"""Fewer article graphs than this are validated in-process (starting workers costs about a second)."""
VALIDATION_WORKERS = min(2, os.cpu_count() or 1)
_BATCH = 8
_worker_state: dict[str, Graph] = {}


def _worker_init(shapes_nt: bytes, hierarchy_nt: bytes) -> None:
    _worker_state["shapes"] = Graph().parse(data=shapes_nt, format="nt")
    _worker_state["hierarchy"] = Graph().parse(data=hierarchy_nt, format="nt")


def _worker_validate(batch: list[bytes]) -> list[ValidationResult]:
    found: list[ValidationResult] = []
    for article_nt in batch:
        data = _PreparedQueryGraph()
        data.parse(data=article_nt, format="nt")
        data += _worker_state["hierarchy"]
        found.extend(_run(data, _copy(_worker_state["shapes"])))
    return found


def _validate_in_workers(graphs: list[Graph], hierarchy: Graph, shapes: Graph) -> list[ValidationResult] | None:
    """Results of every article graph, or None if the workers could not run (e.g. a `__main__` script without
    the `if __name__ == "__main__":` guard that spawned processes need): the caller then validates in-process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        return _run_workers(graphs, hierarchy, shapes, multiprocessing.get_context("spawn"), ProcessPoolExecutor)
    except BrokenProcessPool:
        return None


def _run_workers(graphs: list[Graph], hierarchy: Graph, shapes: Graph, context: Any, executor: Any) -> list[ValidationResult]:
    ProcessPoolExecutor = executor  # noqa: N806

    shapes_nt = shapes.serialize(format="nt", encoding="utf-8")
    hierarchy_nt = hierarchy.serialize(format="nt", encoding="utf-8")
    batches = [graphs[i : i + _BATCH] for i in range(0, len(graphs), _BATCH)]
    results: list[ValidationResult] = []
    with ProcessPoolExecutor(VALIDATION_WORKERS, mp_context=context, initializer=_worker_init,
                             initargs=(shapes_nt, hierarchy_nt)) as pool:  # fmt: skip
        # Serialise lazily (a few batches ahead), so the parent never holds every article's text at once.
        pending = []
        for batch in batches:
            pending.append(pool.submit(_worker_validate, [g.serialize(format="nt", encoding="utf-8") for g in batch]))
            if len(pending) > 2 * VALIDATION_WORKERS:
                results.extend(pending.pop(0).result())
        for future in pending:
            results.extend(future.result())
    return results


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
