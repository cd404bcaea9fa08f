"""The shapes: shapes/*.ttl read, linted and checked once per process, and split by scope.

- Every targeted shape states a scope: `shapes:PerArticle` shapes run on each article graph alone, so cost grows
  linearly with articles; `shapes:PerClaim` shapes run on each claim with what it points to and the ontology and
  vocabulary entries it uses (the build runs them with the claim's article); `shapes:Once` shapes (concepts,
  cross-article figures) run once over the cross-article part of every article plus the ontology and vocabulary.
- Shapes are linted before use: every `sh:` term must exist in the SHACL vocabulary (pySHACL silently ignores
  `sh:mincount`), and the shapes must pass SHACL-for-SHACL (pySHACL's `meta_shacl=True`); a passed check is
  remembered in the build cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from calckg import cache as _cache
from calckg.namespaces import SHAPES, bind_prefixes
from calckg.resources import shapes_dir
from calckg.validate_engine import TURBO, ShapesError, ShapesRunner, run_pyshacl

PER_ARTICLE = SHAPES.PerArticle
PER_CLAIM = SHAPES.PerClaim
ONCE = SHAPES.Once
SCOPES = (PER_ARTICLE, PER_CLAIM, ONCE)
SCOPE = SHAPES.scope
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that make a shape report results of its own (and so need a message a person understands).
_NOT_OWN_CONSTRAINTS = {RDF.type, SH.property, SH.sparql, SH.severity, SH.message, SH.name, SH.description, SCOPE}
_META_SHACL_PASSED = b"passed\n"


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
    return copy_graph(_checked_shapes(shapes_dir()))


def check_shapes(shapes: Graph, *, cache_key: str | None = None) -> None:
    """Raise ShapesError if the shapes graph has a problem a validation run would not reveal.

    `cache_key` (the sha256 of the exact shapes files and tool versions) lets a passed SHACL-for-SHACL check
    be remembered in the current disk cache (:func:`calckg.cache.using`), so an unchanged rebuild skips it;
    the lint and pyshacl-turbo's compilation (which refuses VALUES, MINUS and a rebound $this, as SHACL-SPARQL
    requires) always run (they are cheap). Failures are never cached.
    """
    problems = lint_shapes(shapes)
    if problems:
        raise ShapesError("broken shapes:\n  " + "\n  ".join(problems))
    disk = _cache.current() if cache_key is not None else None
    if disk is not None and cache_key is not None and disk.get("meta-shacl", cache_key) == _META_SHACL_PASSED:
        return
    run_pyshacl(Graph(), copy_graph(shapes), "the shapes fail the SHACL-for-SHACL check", meta_shacl=True)
    if disk is not None and cache_key is not None:
        disk.put("meta-shacl", cache_key, _META_SHACL_PASSED)
    ShapesRunner(copy_graph(shapes), TURBO)  # compiling refuses what SHACL-SPARQL forbids (VALUES, MINUS, ...)


def lint_shapes(shapes: Graph) -> list[str]:
    """Problems pySHACL would ignore: unknown `sh:` terms, targeted shapes without a scope, silent shapes."""
    problems = sorted(
        {f"unknown SHACL term {term.n3(shapes.namespace_manager)}" for term in _sh_terms(shapes) if term not in SH}
    )
    for shape in sorted({s for target in TARGETS for s in shapes.subjects(target, None)}, key=str):
        scopes = set(shapes.objects(shape, SCOPE))
        if len(scopes) != 1 or not scopes <= set(SCOPES):
            name = shape.n3(shapes.namespace_manager)
            problems.append(f"{name}: needs exactly one shapes:scope (PerArticle, PerClaim or Once)")
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


def scoped_shapes(shapes: Graph, *scopes: URIRef) -> Graph:
    """A fresh copy of `shapes` in which only the shapes of `scopes` keep their targets (the others are inert)."""
    graph = copy_graph(shapes)
    for shape in set(graph.subjects(SCOPE, None)):
        if not any((shape, SCOPE, scope) in graph for scope in scopes):
            for target in TARGETS:
                graph.remove((shape, target, None))
    return graph


def copy_graph(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += graph
    return copy

