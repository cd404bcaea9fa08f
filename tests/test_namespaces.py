"""calckg's namespaces make each term once (calckg.namespaces.TermNamespace) and behave as rdflib's otherwise."""

from __future__ import annotations

import pickle

from rdflib import Namespace, URIRef

from calckg.namespaces import CK, CONCEPT, TermNamespace


def test_a_term_is_made_once_and_equals_rdflibs() -> None:
    assert CK.text is CK.text is CK["text"]
    assert CK.text == Namespace("https://w3id.org/calckg/ontology#").text == URIRef(
        "https://w3id.org/calckg/ontology#text")
    assert CONCEPT["doid-1781"] == URIRef("https://w3id.org/calckg/concept/doid-1781")
    assert CK.text in CK and CONCEPT["doid-1781"] not in CK


def test_namespaces_stay_separate_and_survive_a_trip_to_a_worker_process() -> None:
    first, second = TermNamespace("https://example.org/a#"), TermNamespace("https://example.org/b#")
    assert first.x == URIRef("https://example.org/a#x") and second.x == URIRef("https://example.org/b#x")
    copy = pickle.loads(pickle.dumps(CK))
    assert copy == CK and copy.text == CK.text and isinstance(copy, TermNamespace)


def test_what_rdflib_does_with_a_non_string_term_is_kept() -> None:
    plain = Namespace("https://w3id.org/calckg/ontology#")
    assert CK.term(slice(0, 2)) == plain.term(slice(0, 2))  # type: ignore[arg-type]
