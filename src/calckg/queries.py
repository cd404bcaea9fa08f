"""Named SPARQL queries from `queries/*.rq`, with their header, and typed parameter binding.

A query file starts with comment lines in the ubergraph style:

    #+ summary: Which figures does the article give for a concept?
    #+ param: concept iri The SKOS concept, e.g. concept:ductal-carcinoma-in-situ
    #+ example: calckg query figures-for-concept --param concept=concept:ductal-carcinoma-in-situ

Parameters are SPARQL variables of the query; values are bound (rdflib `initBindings`, or a VALUES block
built from `term.n3()` on other engines), never pasted into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from calckg.errors import InputError
from calckg.input_checks import utf8_argument
from calckg.namespaces import PREFIXES
from calckg.resources import queries_dir, query_file

PARAM_TYPES = ("iri", "string", "text", "integer", "decimal")
_HEADER = re.compile(r"^#\+\s*(\w+):\s*(.*)$")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    summary: str
    params: tuple[QueryParam, ...] = ()
    examples: tuple[str, ...] = ()
    question: str = ""
    """The `#+ question:` header: the question a person would ask (the FAQ asks it), if the file gives one."""

    def param(self, name: str) -> QueryParam:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise InputError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")


def parse_query_file(path: Path) -> NamedQuery:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{raw[error.start]:02x})") from None
    summary = question = ""
    params: list[QueryParam] = []
    examples: list[str] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "summary":
            summary = value.strip()
        elif key == "question":
            question = value.strip()
        elif key == "param":
            name, kind, *description = value.split(maxsplit=2)
            if kind not in PARAM_TYPES:
                raise InputError(f"{path}: parameter {name!r} has unknown type {kind!r} (use {', '.join(PARAM_TYPES)})")
            params.append(QueryParam(name, kind, description[0] if description else ""))
        elif key == "example":
            examples.append(value.strip())
    return NamedQuery(path.stem, path, text, summary, tuple(params), tuple(examples), question)


def shipped_queries() -> dict[str, NamedQuery]:
    """Every competency query in `queries/` (or the --queries folder) by name (file stem); `queries/qc/` holds
    ontology checks."""
    return _queries_in(queries_dir())


@cache
def _queries_in(folder: Path) -> dict[str, NamedQuery]:
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def internal_query(name: str) -> NamedQuery:
    """A query calckg runs itself, by its path under queries/ without `.rq`: a competency query the answers use
    ("title-question") or one of calckg's own in a sub-folder ("review/claims"; sub-folders are never listed or run
    as competency queries). Read through :func:`calckg.resources.query_file`: the --queries folder's file when it
    has one, else the shipped one."""
    return _parsed(query_file(f"{name}.rq"))


@cache
def _parsed(path: Path) -> NamedQuery:
    return parse_query_file(path)


def resolve_query(name_or_path: str) -> NamedQuery:
    """A shipped query by name, or a query file given by path."""
    queries = shipped_queries()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        return parse_query_file(path)
    raise InputError(
        f"{name_or_path!r} is neither a query name nor a file (known queries: {', '.join(sorted(queries))})"
    )


def expand_iri(value: str) -> URIRef:
    """A full IRI, or a CURIE with one of calckg's prefixes (concept:…, ck:…); refuses unsafe characters."""
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        value = str(PREFIXES[prefix]) + local
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
        raise InputError(f"not a valid IRI: {value!r}")
    return URIRef(value)


def typed_value(param: QueryParam, raw: str) -> Identifier:
    if param.type == "iri":
        return expand_iri(raw)
    if param.type == "text":
        return Literal(raw, lang="en")
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise InputError(f"parameter {param.name!r} must be an integer, got {raw!r}")
        return Literal(int(raw), datatype=XSD.integer)
    if param.type == "decimal":
        try:
            return Literal(Decimal(raw), datatype=XSD.decimal)
        except InvalidOperation:
            raise InputError(f"parameter {param.name!r} must be a decimal number, got {raw!r}") from None
    return Literal(raw)


def bind_parameters(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Identifier]:
    """`--param k=v` values typed by the query's header; unknown names are an input error."""
    return {name: typed_value(query.param(name), raw) for name, raw in values.items()}


def parse_param_options(options: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for option in options:
        name, separator, value = utf8_argument(option, "--param").partition("=")
        if not separator or not name:
            raise InputError(f"--param takes NAME=VALUE, got {option!r}")
        values[name.strip()] = value
    return values
