"""The SHACL engines calckg runs its shapes with: pyshacl-turbo (compiled, the default) and pySHACL (the reference).

Both take the same standard shapes and give the same results (focus node, path, constraint component, severity,
value and message); tests/test_engines.py checks that on every shape fixture and on the seed build, against Apache
Jena too. docs/shacl-engines.md has the numbers behind the default: pyshacl-turbo validates the seed about 100x
faster than pySHACL, because pySHACL evaluates each SHACL-SPARQL constraint once per focus node through rdflib's
SPARQL engine.

Choose with `engine=` or the CALCKG_SHACL_ENGINE environment variable (`turbo` or `pyshacl`).
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from calckg.errors import InputError
from calckg.validation_report import Severity, ValidationResult

TURBO = "turbo"
PYSHACL = "pyshacl"
ENGINES = (TURBO, PYSHACL)
DEFAULT_ENGINE = TURBO
ENGINE_VARIABLE = "CALCKG_SHACL_ENGINE"


class ShapesError(InputError):
    """A shapes file is broken (unknown SHACL term, missing scope or message, fails SHACL-for-SHACL), or the engine
    could not run a constraint. A broken shape must stop validation rather than pass silently (exit 2)."""


def engine_name(engine: str | None = None) -> str:
    """`engine`, else $CALCKG_SHACL_ENGINE, else the default; an unknown name is an InputError naming the choices."""
    name = engine or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise InputError(f"unknown SHACL engine {name!r} (from {'--engine' if engine else ENGINE_VARIABLE}); "
                         f"use one of {', '.join(ENGINES)}")  # fmt: skip
    return name


class ShapesRunner:
    """One shapes graph made ready for one engine (pyshacl-turbo compiles it once), run on many data graphs.

    The shapes graph is this object's own and is reused for every run: pySHACL adds the same two triples to it
    on its first run and nothing after (results are identical to a fresh copy per run).
    """

    def __init__(self, shapes: Graph, engine: str | None = None) -> None:
        self.engine = engine_name(engine)
        self.shapes = shapes
        self._compiled: Any = None
        if self.engine == TURBO:
            import pyshacl_turbo

            try:
                self._compiled = pyshacl_turbo.compile_shapes(shapes)
            except Exception as error:  # the engine raises its own and rdflib's types for a shape it cannot load
                raise ShapesError(f"pyshacl-turbo cannot load the shapes: {first_line(error)}") from error

    def run_ntriples(self, text: str) -> list[ValidationResult]:
        """The results of validating the graph written as N-Triples `text`. pyshacl-turbo reads the text natively,
        a third faster than converting an rdflib graph's terms (an article: 18 against 28 ms, identical results);
        pySHACL validates the parsed graph."""
        if self._compiled is None:
            return self.run(PreparedQueryGraph().parse(data=text, format="nt"))
        from pyshacl_turbo import Input  # the engine's own input form (RDF text, its format, base, blank nodes)

        return self._run_turbo(Input(text, "nt", None, {}))

    def run(self, data: Graph) -> list[ValidationResult]:
        """The results of validating `data` (never modified), top-level results only."""
        if self._compiled is not None:
            return self._run_turbo(data)
        if not data.store.context_aware:  # pySHACL wraps the data in a ConjunctiveGraph, which needs contexts
            copy = PreparedQueryGraph()
            copy += data
            data = copy
        return results_of(run_pyshacl(data, self.shapes, "pySHACL could not run the shapes", inplace=True))

    def _run_turbo(self, data: Any) -> list[ValidationResult]:
        try:
            _, report, text = self._compiled.validate(data, allow_warnings=True, allow_infos=True)
        except Exception as error:  # any failure of the engine means the shapes cannot be trusted
            raise ShapesError(f"pyshacl-turbo could not run the shapes: {first_line(error)}") from error
        if not isinstance(report, Graph):
            raise ShapesError(f"pyshacl-turbo could not run the shapes: {first_line(text)}")
        return results_of(report)


def run_pyshacl(data: Graph, shapes: Graph, failure: str, **options: Any) -> Graph:
    """pySHACL's report graph; any way pySHACL fails (an exception, or a ValidationFailure returned in place of
    the report) is a ShapesError, never a "non-conformant" result. A data graph made by :func:`prepared_graph`
    parses each SPARQL text once."""
    import pyshacl

    try:
        _, report, text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, **options
        )
    except Exception as error:  # pySHACL's errors, and rdflib's when a shape's SPARQL does not parse
        raise ShapesError(f"{failure}: {first_line(error)}") from error
    if not isinstance(report, Graph):
        raise ShapesError(f"{failure}: {first_line(text)}")
    return report


def results_of(report: Graph) -> list[ValidationResult]:
    """The top-level results of a SHACL report graph (sh:node's nested results are summed up by their parent)."""
    nested = set(report.objects(None, SH.detail))
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


@cache
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class PreparedQueryGraph(Graph):
    """A data graph that parses each SPARQL text once: pySHACL passes every sh:select as a string, once per focus
    node, and rdflib's pyparsing-based parser then costs more than evaluating the query."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def first_line(error: object) -> str:
    text = str(getattr(error, "message", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
