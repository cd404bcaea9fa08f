"""Bind query parameters for engines without an initBindings API: a VALUES block of escaped terms.

A remote endpoint only takes query text, so parameters become `VALUES (?name) { (<iri>) }` with each value written
by rdflib's `.n3()` (which escapes literals and refuses unsafe IRIs), placed as the first element of the query's
outermost group pattern, where it joins with the pattern like rdflib's initBindings. Values are never pasted in
place of the variables. Finding that group needs a small lexer that skips comments, strings and IRIs; the query was
already parsed by :func:`calckg.store.safety.check_query`, so it is well-formed SPARQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from rdflib.term import Identifier

from calckg.errors import InputError
from calckg.store.terms import n3

_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_SUBSELECT = re.compile(r"(?:\s|#[^\n]*(?:\n|\Z))*SELECT\b", re.IGNORECASE)


def _structure(text: str) -> Iterator[tuple[int, str]]:
    """Positions of `{ } ( )` outside comments, string literals and IRIs."""
    i, end = 0, len(text)
    while i < end:
        ch = text[i]
        if ch == "#":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline + 1
            continue
        if ch == "<":
            match = _IRIREF.match(text, i)
            i = match.end() if match else i + 1
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < end and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if ch in "{}()":
            yield i, ch
        i += 1


def _outer_group(text: str) -> tuple[int, int]:
    """Index of the `{` opening the outermost WHERE group, and of its matching `}`."""
    parens, depth, start = 0, 0, -1
    for index, ch in _structure(text):
        if start < 0:
            if ch == "(":
                parens += 1
            elif ch == ")":
                parens -= 1
            elif ch == "{" and parens == 0:
                start, depth = index, 1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return start, index
    raise InputError("cannot bind parameters: the query has no WHERE group")


def check_bindings(bindings: Mapping[str, Identifier]) -> dict[str, Identifier]:
    """The bindings, if every name is a variable name and every value can be written as SPARQL (else InputError).

    The in-memory backend binds through initBindings and never writes values as text, but applies the same
    check so a parameter valid on one backend is valid on all."""
    values_block(bindings)
    return dict(bindings)


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """`VALUES (?a ?b) { (v1 v2) }` for one row of bindings."""
    names = []
    for name in bindings:
        if not _VARNAME.match(name):
            raise InputError(f"not a valid parameter name: {name[:40]!r} (letters, digits and _ only)")
        names.append(f"?{name}")
    terms = " ".join(n3(term) for term in bindings.values())
    return f"VALUES ({' '.join(names)}) {{ ({terms}) }}"


def inject_values(query: str, bindings: Mapping[str, Identifier]) -> str:
    """The SELECT/ASK query with the bindings as a VALUES block at the start of its outermost group."""
    if not bindings:
        return query
    return _with_block(query, values_block(bindings))


def inject_value_list(query: str, name: str, values: Iterable[Identifier]) -> str:
    """The query with `VALUES ?name { v1 v2 … }` (one row per value, written in sorted order) at the start of its
    outermost group: a look-up of many terms in one query, on every backend (rdflib's initBindings binds one row)."""
    if not _VARNAME.match(name):
        raise InputError(f"not a valid parameter name: {name[:40]!r} (letters, digits and _ only)")
    terms = " ".join(sorted({n3(value) for value in values}))
    return _with_block(query, f"VALUES ?{name} {{ {terms} }}")


def _with_block(query: str, block: str) -> str:
    start, close = _outer_group(query)
    body = query[start + 1 : close]
    if _SUBSELECT.match(body):
        # `{ SELECT … }` admits nothing else in the group: wrap the sub-select in a group of its own.
        return f"{query[: start + 1]} {block} {{{body}}} {query[close:]}"
    return f"{query[: start + 1]} {block} {body}{query[close:]}"
