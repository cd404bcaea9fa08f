"""The validation report: typed results and their text, JSON and Turtle renderings.

pySHACL answers with a report graph of blank nodes whose ids change on every run; calckg keeps its own typed
records instead, sorted and de-duplicated, and mints each result's IRI from its content so that
`validation-report.ttl` is byte-identical for unchanged input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from itertools import groupby
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node
from rdflib.util import from_n3

from calckg.namespaces import bind_prefixes

REPORT_IRI = URIRef("urn:calckg:validation:report")
RESULT_PREFIX = "urn:calckg:validation:result:"


class Severity(Enum):
    """SHACL severities, most serious first (the order the text report uses)."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        return SH[self.value]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    @classmethod
    def from_iri(cls, iri: Node) -> Severity:
        for severity in cls:
            if severity.iri == iri:
                return severity
        raise ValueError(f"unknown SHACL severity {iri}")


@dataclass(frozen=True)
class ValidationResult:
    """One finding: what is wrong (message), where (focus node, path, value) and which shape said so."""

    severity: Severity
    focus_node: Node
    path: URIRef | None
    value: Node | None
    message: str
    source_shape: Node
    statement_text: str | None = field(default=None, compare=False)
    constraint_component: URIRef | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (
            self.severity.rank,
            str(self.focus_node),
            str(self.path or ""),
            _lexical(self.value),
            self.message,
            str(self.source_shape),
        )


@dataclass(frozen=True)
class ValidationReport:
    """All results of one validation run. `conforms` means "no violations": warnings and infos are reported
    but do not fail a graph (pySHACL's allow_warnings semantics)."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph

    @property
    def has_violations(self) -> bool:
        return any(r.severity is Severity.VIOLATION for r in self.results)

    @property
    def has_warnings(self) -> bool:
        return any(r.severity is Severity.WARNING for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity is severity)


def results_to_json(results: Iterable[ValidationResult]) -> list[list[str | None]]:
    """Results as JSON-ready rows (terms in N3), for the build's cache; :func:`results_from_json` reads them."""
    def n3(node: Node | None) -> str | None:
        return None if node is None else node.n3()

    return [[r.severity.value, n3(r.focus_node), n3(r.path), n3(r.value), r.message, n3(r.source_shape),
             r.statement_text, n3(r.constraint_component)] for r in results]  # fmt: skip


def results_from_json(rows: Iterable[list[str | None]]) -> tuple[ValidationResult, ...]:
    def term(text: str | None) -> Any:
        return None if text is None else from_n3(text)

    return tuple(
        ValidationResult(Severity(str(severity)), term(focus), term(path), term(value), str(message), term(shape),
                         text, term(component))  # fmt: skip
        for severity, focus, path, value, message, shape, text, component in rows
    )


def make_report(results: Iterable[ValidationResult]) -> ValidationReport:
    """De-duplicate and sort results and build the matching report graph."""
    unique = sorted(set(results), key=ValidationResult.sort_key)
    conforms = not any(r.severity is Severity.VIOLATION for r in unique)
    return ValidationReport(conforms, tuple(unique), report_graph(conforms, unique))


def report_graph(conforms: bool, results: Iterable[ValidationResult]) -> Graph:
    """A SHACL validation report whose result nodes are content-hash IRIs (no blank nodes)."""
    graph = bind_prefixes(Graph())
    graph.add((REPORT_IRI, RDF.type, SH.ValidationReport))
    graph.add((REPORT_IRI, SH.conforms, Literal(conforms)))
    for result in results:
        node = URIRef(RESULT_PREFIX + _digest(result))
        graph.add((REPORT_IRI, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus_node))
        graph.add((node, SH.resultSeverity, result.severity.iri))
        graph.add((node, SH.sourceShape, result.source_shape))
        graph.add((node, SH.resultMessage, Literal(result.message)))
        if result.path is not None:
            graph.add((node, SH.resultPath, result.path))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        if result.constraint_component is not None:
            graph.add((node, SH.sourceConstraintComponent, result.constraint_component))
    return graph


def format_turtle(report: ValidationReport) -> str:
    """The report graph as Turtle, written like the build's exports (a build at 1,000 articles has 7,500 results:
    rdflib's Turtle writer took 2 s on them)."""
    from calckg.export import graph_lines, turtle_of

    return turtle_of(b"".join(graph_lines(report.graph))).decode("utf-8")


def format_json(report: ValidationReport) -> str:
    """Stable JSON: fixed key order, results in report order (severity, focus node, path, value, message)."""
    document = {
        "conforms": report.conforms,
        "counts": {severity.value: report.count(severity) for severity in Severity},
        "results": [
            {
                "severity": r.severity.value,
                "focus_node": str(r.focus_node),
                "path": str(r.path) if r.path is not None else None,
                "value": _lexical(r.value) if r.value is not None else None,
                "message": r.message,
                "source_shape": str(r.source_shape),
                "statement_text": r.statement_text,
            }
            for r in report.results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_text(report: ValidationReport) -> str:
    """Readable report for content editors: grouped by severity, then by focus node with its statement text."""
    counts = ", ".join(f"{report.count(s)} {s.value.lower()}(s)" for s in Severity)
    verdict = "conforms" if report.conforms else "does NOT conform"
    lines = [f"SHACL validation: {verdict} — {counts}"]
    for severity, by_severity in groupby(report.results, key=lambda r: r.severity):
        group = list(by_severity)
        lines += ["", f"{severity.value}s ({len(group)})"]
        for focus, by_focus in groupby(group, key=lambda r: r.focus_node):
            found = list(by_focus)
            lines.append(f"  {focus}")
            if found[0].statement_text:
                lines.append(f"    “{found[0].statement_text}”")
            for result in found:
                where = f" [{_short(report.graph, result.path)}]" if result.path is not None else ""
                lines.append(f"    - {result.message}{where}  ({_short(report.graph, result.source_shape)})")
    return "\n".join(lines) + "\n"


def report_files(report: ValidationReport) -> tuple[tuple[str, bytes], ...]:
    """What `calckg build` writes next to its exports: the readable report and the SHACL report graph."""
    return (
        ("validation.txt", format_text(report).encode("utf-8")),
        ("validation-report.ttl", format_turtle(report).encode("utf-8")),
    )


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return str(node)


def _lexical(node: Node | None) -> str:
    return "" if node is None else str(node)


def _digest(result: ValidationResult) -> str:
    message = Literal(result.message)
    fields = (result.severity.iri, result.focus_node, result.path, result.value, message, result.source_shape)
    key = "\n".join("" if n is None else n.n3() if isinstance(n, (URIRef, Literal)) else str(n) for n in fields)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


__all__ = [
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "format_json",
    "format_text",
    "format_turtle",
    "make_report",
    "report_files",
]
