"""Oxigraph result terms as canonical rdflib terms (calckg.store.terms.from_oxigraph, remembered per term)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from calckg.store.terms import from_oxigraph

XSD_INTEGER, XSD_DECIMAL = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.decimal))


def test_each_kind_of_term_converts_and_a_remembered_one_stays_apart_from_its_look_alikes() -> None:
    asked = [ox.Literal("01", datatype=XSD_INTEGER), ox.Literal("1", datatype=XSD_DECIMAL), ox.Literal("1"),
             ox.Literal("1", language="en"), ox.NamedNode("https://example.org/1"), ox.BlankNode("b1"), None]
    expected = [Literal("1", datatype=XSD.integer), Literal("1", datatype=XSD.decimal), Literal("1"),
                Literal("1", lang="en"), URIRef("https://example.org/1"), BNode("b1"), None]
    for _ in range(2):  # the second time from what was remembered
        found = [from_oxigraph(term) for term in asked]
        assert found == expected
        assert [type(t) for t in found] == [type(t) for t in expected]
        assert [getattr(t, "datatype", None) for t in found] == [getattr(t, "datatype", None) for t in expected]
        assert [getattr(t, "language", None) for t in found] == [getattr(t, "language", None) for t in expected]
