"""JSON-LD node objects of a graph of IRIs and literals, compacted with the repository's context exactly as
rdflib's JSON-LD converter compacts them, in one pass over the graph.

rdflib's converter decides every triple's key and value form afresh (a term lookup per triple, two graph lookups
per IRI object for RDF lists): 11.6 ms an article. An article graph holds no blank node and no list, and the
decision only depends on the predicate and the object's kind, datatype and language, so it is made once per
such combination here, with rdflib's own context (its term lookup, `shrink_iri` and `to_symbol`). A graph
this reader does not cover (a blank node, an RDF list, a term with a container) gives None, and the caller
uses rdflib's converter: the ontology, for one. tests/test_export.py compares the two on every test article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, VOCAB

Value = Callable[[Any], Any]
"""Makes the JSON value of an object (an rdflib term) under one key."""

LIST_FIRST = RDF.first  # read once: an rdflib namespace attribute is a method call
NATIVE_TYPES = frozenset({XSD.boolean, XSD.integer, XSD.double, XSD.string})
"""Literals written as JSON numbers, booleans and strings (rdflib's converter with `use_native_types`)."""


class Unsupported(Exception):
    """The graph holds what only rdflib's converter writes (a blank node, a list, a term with a container)."""


class NodeWriter:
    """Writes the node objects of graphs with one context, remembering each predicate's rule across graphs."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._rules: dict[tuple[Any, ...], tuple[str, Value]] = {}

    def nodes(self, graph: Graph) -> list[dict[str, Any]] | None:
        """The graph's node objects in rdflib's form with plain JSON values (before any sorting), or None if
        the graph holds what only rdflib's converter writes."""
        try:
            return self._nodes(graph)
        except Unsupported:
            return None

    def _nodes(self, graph: Graph) -> list[dict[str, Any]]:
        context, shrink = self.context, self._shrink
        by_subject: dict[URIRef, dict[str, Any]] = {}
        for s, p, o in graph:
            if not isinstance(s, URIRef) or not isinstance(o, (URIRef, Literal)) or p == LIST_FIRST:
                raise Unsupported
            node = by_subject.get(s)
            if node is None:
                node = by_subject[s] = {context.id_key: shrink(s)}
            key, value = self._rule(p, o)
            made = value(o)
            present = node.get(key)
            if present:  # as rdflib: a falsy first value is replaced, not joined
                node[key] = [*present, made] if isinstance(present, list) else [present, made]
            else:
                node[key] = [made] if not context.active else made
        unique: dict[str, dict[str, Any]] = {}
        for node in by_subject.values():  # two IRIs shrunk to one id: the first node is kept, as rdflib does
            unique.setdefault(node[context.id_key], node)
        return list(unique.values())

    def _rule(self, p: URIRef, o: URIRef | Literal) -> tuple[str, Value]:
        what = (p, o.datatype, o.language) if isinstance(o, Literal) else (p,)
        rule = self._rules.get(what)
        if rule is None:
            rule = self._rules[what] = self._literal_rule(p, o) if isinstance(o, Literal) else self._iri_rule(p)
        return rule

    def _iri_rule(self, p: URIRef) -> tuple[str, Value]:
        context = self.context
        term = next((t for c in (ID, VOCAB, UNDEF) if (t := context.find_term(str(p), c, None))), None)
        if term is None:
            if p == RDF.type:
                return context.type_key, lambda o: context.to_symbol(o)
            return self._plain_key(p), lambda o: {context.id_key: self._shrink(o)}
        if term.container or (not term.type and (term.language or context.language)):
            raise Unsupported  # rdflib's converter reads a language of the IRI here
        if term.type == ID:
            return term.name, self._shrink
        if term.type == VOCAB:
            return term.name, lambda o: context.to_symbol(o)
        return term.name, lambda o: {context.id_key: self._shrink(o)}

    def _literal_rule(self, p: URIRef, o: Literal) -> tuple[str, Value]:
        context = self.context
        datatype = str(o.datatype) if o.datatype else None
        term = context.find_term(str(p), datatype, language=o.language)
        if term is None:
            return (context.type_key if p == RDF.type else self._plain_key(p)), self._raw_literal(o)
        if term.container:
            raise Unsupported
        if term.type:
            if term.type == ID or datatype == term.type:
                return term.name, str
        elif term.language and o.language == term.language:
            return term.name, str
        elif context.language and term.language is None and o.language is None:
            return term.name, str
        return term.name, self._raw_literal(o)

    def _shrink(self, iri: URIRef) -> str:
        """The IRI as the context writes it (rdflib returns an IRI it cannot shorten as the term it was given)."""
        return str(self.context.shrink_iri(iri))

    def _plain_key(self, p: URIRef) -> str:
        """A predicate no term covers: its symbol, or the full IRI when that symbol is a term with a type."""
        key = self.context.to_symbol(p)
        key_term = self.context.terms.get(key)
        return str(p) if key_term and (key_term.type or key_term.container) else key

    def _raw_literal(self, o: Literal) -> Value:
        """rdflib's form of a literal no term coerces: native, typed, tagged or bare."""
        context = self.context
        if o.datatype:
            if o.datatype in NATIVE_TYPES and context.active:
                return _native
            symbol = context.to_symbol(o.datatype)
            if o.datatype in NATIVE_TYPES:
                return lambda o: {context.type_key: symbol, context.value_key: _native(o)}
            return lambda o: {context.type_key: symbol, context.value_key: str(o)}
        if o.language and o.language != context.language:
            return lambda o: {context.lang_key: o.language, context.value_key: str(o)}
        if not context.active or (context.language and not o.language):
            return lambda o: {context.value_key: str(o)}
        return str


def _native(o: Literal) -> Any:
    """The Python value of a literal (as rdflib's converter gives it), a string if it is ill-typed."""
    value = o.toPython()
    return str(value) if isinstance(value, str) else value
