"""Generic checks of every curated file under data/curated/ (not only the seed's): each resolves against its
article, anchors by quote only, and each claim is well formed. What a claim may say against its sentence (figures
verbatim, polarity, hedges, citations, domain and range) is checked by shapes/claims.ttl in every build."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from calckg.graph import document_graph
from calckg.ingest import parse_article
from calckg.namespaces import CK
from calckg.resources import data_dir, ontology_dir, sources_dir
from calckg.semantic import curated_files, curated_graph

FILES = curated_files()


@cache
def resolved(path: Path) -> Graph:
    source = sources_dir() / f"{path.stem}.txt"
    assert source.is_file(), f"{path.name}: no article {source.name} in data/sources/"
    document = document_graph(parse_article(source, source.read_text(encoding="utf-8")))
    return curated_graph(path.stem, document)


@cache
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "calckg.ttl", format="turtle")


def test_there_are_curated_files() -> None:
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_claim_quotes_its_sentence_and_no_claim_anchors_by_position(path: Path) -> None:
    raw = Graph().parse(path, format="turtle")
    claims = set(raw.subjects(RDF.type, CK.Assertion))
    assert claims
    assert not list(raw.triples((None, PROV.wasDerivedFrom, None)))
    assert not list(raw.triples((None, CK.statistic, None)))
    assert {c for c in claims if raw.value(c, CK.quote) is None} == set()
    graph = resolved(path)
    assert {c for c in claims if graph.value(c, PROV.wasDerivedFrom) is None} == set()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_claim_has_one_label_subject_relation_object_and_its_direct_triple(path: Path) -> None:
    graph = resolved(path)
    for claim in graph.subjects(RDF.type, CK.Assertion):
        labels = list(graph.objects(claim, RDFS.label))
        assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en", claim
        (subject,), (predicate,), (obj,) = (list(graph.objects(claim, p)) for p in (CK.subject, CK.predicate, CK.object))
        assert (predicate, RDF.type, OWL.ObjectProperty) in ontology(), claim
        assert ontology().value(predicate, RDFS.domain) is not None and ontology().value(predicate, RDFS.range) is not None
        assert (subject, predicate, obj) in graph, claim


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_numbers_are_canonical_decimals(path: Path) -> None:
    graph = resolved(path)
    for prop in (CK.value, CK.minValue, CK.maxValue, CK.pValue):
        for literal in graph.objects(None, prop):
            assert isinstance(literal, Literal) and literal.datatype == XSD.decimal, (prop, literal)
            assert "." in str(literal) and str(literal) == str(Decimal(str(literal))), (prop, literal)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hedges_are_listed_cues(path: Path) -> None:
    cues = set(json.loads((data_dir() / "claim-cues.json").read_text(encoding="utf-8"))["hedge"])
    assert {str(h) for h in resolved(path).objects(None, CK.hedge)} <= cues
