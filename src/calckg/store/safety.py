"""Guard for query text calckg did not write itself (docs/reliability.md rows 1–4).

rdflib follows SERVICE, FROM/FROM NAMED and LOAD to any URL (SSRF, no timeout) and Oxigraph's server follows
SERVICE and LOAD unconditionally, so such queries are refused before they reach any engine. The check parses
the query with rdflib's SPARQL grammar and walks the syntax tree; text matching would miss `SERVICE SILENT`,
comments and odd spacing. The parsed form also tells the remote backend the query type, so SPARQLWrapper
never has to guess it with a regex. (rdflib's own fetching of FROM graphs is switched off by
`calckg.runtime.configure()`.)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from calckg.errors import InputError

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def walk_tree(node: Any) -> Any:
    """Every CompValue in a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from walk_tree(value)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for item in node:
            yield from walk_tree(item)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


@lru_cache(maxsize=512)
def check_query(text: str) -> QueryForm:
    """Return the form of a read-only query; raise InputError for updates, SERVICE, FROM and syntax errors."""
    if not _without_comments(text).strip():
        raise InputError("the query is empty (a SELECT, ASK or CONSTRUCT query was expected)")
    try:
        parsed = parseQuery(text)
        return _checked_form(parsed[1])
    except RecursionError:  # rdflib's grammar recurses per nesting level (about 30 parentheses suffice)
        raise InputError("the query is nested too deeply for the SPARQL parser (simplify its parentheses "
                         "or nested groups)") from None
    except ParseException as exc:
        if _is_update(text):
            raise InputError("SPARQL updates (INSERT, DELETE, LOAD, DROP, …) are not allowed here; "
                             "only SELECT, ASK and CONSTRUCT queries are accepted") from None
        raise InputError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None


def _without_comments(text: str) -> str:
    """The query text without `#` comment lines (an IRI may hold `#`, so only whole-line comments go)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _checked_form(query: Any) -> QueryForm:
    for node in walk_tree(query):
        if node.name == "ServiceGraphPattern":
            raise InputError("SERVICE (federated query) is not allowed: calckg queries only its own graph")
    if "datasetClause" in query:
        raise InputError("FROM / FROM NAMED is not allowed: the store decides which graphs a query sees")
    return _FORMS[query.name]


def require_form(text: str, expected: QueryForm) -> None:
    """check_query, and the query must be of the form the caller asked for (select() runs SELECTs only)."""
    form = check_query(text)
    if form != expected:
        raise InputError(f"expected a {expected} query, got a {form} query")
