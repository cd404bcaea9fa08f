"""SELECT results as a readable table or the W3C SPARQL 1.1 results formats (JSON, CSV, TSV)."""

from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from calckg.namespaces import PREFIXES
from calckg.store.base import SelectResult

_PREFIXES_LONGEST_FIRST = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def short(term: Identifier | None) -> str:
    """A term for people: CURIE for known namespaces, the plain value of a literal."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _PREFIXES_LONGEST_FIRST:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
    return str(term)


def to_table(result: SelectResult) -> str:
    header = list(result.variables)
    rows = [[short(term).replace("\n", " ") for term in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def to_json(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = [
        {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rdflib_result(result: SelectResult) -> Result:
    rows = Result("SELECT")
    rows.vars = [Variable(v) for v in result.variables]
    rows.bindings = [{Variable(v): term for v, term in zip(result.variables, row, strict=True) if term is not None}
                     for row in result.rows]
    return rows


def to_csv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results CSV, written by rdflib's serializer (plain values; blank nodes as `_:label`).
    JSON and TSV stay here: rdflib's JSON is not indented for people, and rdflib has no TSV writer."""
    return _rdflib_result(result).serialize(format="csv", encoding="utf-8").decode("utf-8")


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    # Literal.n3() keeps raw newlines/tabs inside triple quotes; TSV rows must stay on one line.
    return term.n3().replace("\n", "\\n").replace("\t", "\\t")


def to_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in Turtle syntax, one row a line."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in result.rows)
    return "\n".join(lines) + "\n"


RESULT_FORMATS: dict[str, Callable[[SelectResult], str]] = {
    "table": to_table,
    "csv": to_csv,
    "tsv": to_tsv,
    "json": to_json,
}
