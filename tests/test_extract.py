"""Figure claims extracted from statements: their content, the curated override, and their scores against the
seed's curated figure claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from calckg.errors import InputError
from calckg.extract.claims import ACTIVITY, ClaimCues, extracted_graph
from calckg.extract.evaluate import curated_figure_scores
from calckg.model import Article
from calckg.namespaces import CK, CONCEPT, DEFAULT_BASE_IRI
from calckg.semantic import curated_graph
from calckg.vocabulary import default_linker

ROOT = DEFAULT_BASE_IRI + "what-are-microcalcifications-in-the-breast"


@pytest.fixture(scope="module")
def uncurated(seed_article: Article) -> Graph:
    """Every statistic's claim (no curated override)."""
    return extracted_graph(seed_article, DEFAULT_BASE_IRI, default_linker().for_article(seed_article), ())


def _claim_on(graph: Graph, statistic: str) -> URIRef:
    (claim,) = graph.subjects(CK.statistic, URIRef(ROOT + statistic))
    return claim  # type: ignore[return-value]


def test_a_comparison_with_a_p_value_becomes_one_claim_with_operands(uncurated: Graph) -> None:
    claim = _claim_on(uncurated, "/section/mammography-as-primary-modality/1/stat/1")
    statement = URIRef(ROOT + "/section/mammography-as-primary-modality/1")
    assert set(uncurated.predicate_objects(claim)) == {
        (RDF.type, CK.Assertion), (RDF.type, CK.ExtractedAssertion),
        (RDFS.label, Literal(str(next(iter(uncurated.objects(claim, RDFS.label)))), lang="en")),
        (CK.subject, CONCEPT.mammography), (CK.predicate, CK.quantifies), (CK.object, CONCEPT.ultrasound),
        (CK.outcome, CONCEPT.ultrasound), (CK.pValue, Literal("0.01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
        (CK.pComparator, Literal("<")), (CK.polarity, Literal("positive")),
        (CK.statistic, URIRef(f"{statement}/stat/1")), (CK.statistic, URIRef(f"{statement}/stat/1a")),
        (CK.statistic, URIRef(f"{statement}/stat/1b")), (PROV.wasDerivedFrom, statement),
        (CK.citesReference, URIRef(ROOT + "/reference/1")), (PROV.wasGeneratedBy, ACTIVITY),
    }  # fmt: skip


def test_a_range_keeps_its_bounds_and_hedge_and_no_population_is_guessed(uncurated: Graph) -> None:
    claim = _claim_on(uncurated, "/section/prevalence-in-breast-cancer/1/stat/1")
    assert [str(uncurated.value(claim, p)) for p in (CK.minValue, CK.maxValue, CK.hedge, CK.subject, CK.object)] == [
        "30.0", "38.0", "approximately", str(CONCEPT["early-invasive-breast-cancer"]), str(CONCEPT["fine-calcification"])]
    assert uncurated.value(claim, CK.population) is None  # extracted claims name no population


def test_a_negated_statement_gives_a_negative_claim(uncurated: Graph) -> None:
    claim = _claim_on(uncurated, "/section/detection-challenges/1/stat/1")
    assert uncurated.value(claim, CK.polarity) == Literal("negative")  # "… are missed on mammograms"


def test_claim_iris_come_from_content_not_position(uncurated: Graph, seed_article: Article) -> None:
    again = extracted_graph(seed_article, DEFAULT_BASE_IRI, default_linker().for_article(seed_article), ())
    assert set(again) == set(uncurated)
    claims = sorted(str(c) for c in uncurated.subjects(RDF.type, CK.ExtractedAssertion))
    assert len(claims) == 30 and all(c.startswith(ROOT + "/extracted/") and len(c) == len(ROOT) + 27 for c in claims)


def test_every_claim_cites_exactly_its_statement_references(uncurated: Graph, seed_article: Article) -> None:
    by_text = {s.text: s for _, s in seed_article.statements}
    for claim in uncurated.subjects(RDF.type, CK.ExtractedAssertion):
        statement = by_text[str(uncurated.value(claim, RDFS.label))]
        known = {r.number for r in seed_article.references}
        expected = {URIRef(f"{ROOT}/reference/{n}") for n in statement.citations if n in known}
        assert set(uncurated.objects(claim, CK.citesReference)) == expected


def test_a_curated_claim_on_the_same_statistic_replaces_the_extracted_one(seed_article: Article) -> None:
    curated = curated_graph(seed_article.slug)
    extracted = extracted_graph(seed_article, DEFAULT_BASE_IRI, default_linker().for_article(seed_article),
                                curated.objects(None, CK.statistic))  # fmt: skip
    statistics = {str(s) for s in extracted.objects(None, CK.statistic)}
    assert statistics == {ROOT + "/section/mammography-as-primary-modality/3/stat/1"}  # the one figure no curated claim uses


def test_scores_against_the_seed_curated_figure_claims(uncurated: Graph, seed_article: Article) -> None:
    score = curated_figure_scores(uncurated, curated_graph(seed_article.slug))
    assert (score.found, score.expected, score.right, score.produced) == (21, 31, 21, 30)


def test_bad_cue_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "claim-cues.json"
    path.write_text(json.dumps({"negation": ["not"]}))
    with pytest.raises(InputError, match=f"{path}: expected lists negation and hedge"):
        ClaimCues.load(path)


def test_extracted_claims_are_a_named_graph_of_the_build_and_pass_validation(seed_build) -> None:  # type: ignore[no-untyped-def]
    name = ROOT + "/extracted"
    assert name in seed_build.exports.graphs
    graph = seed_build.dataset.graph(URIRef(name))
    assert {str(s) for s in graph.objects(None, CK.statistic)} == {
        ROOT + "/section/mammography-as-primary-modality/3/stat/1"}
    assert (ACTIVITY, RDF.type, PROV.Activity) in graph
    assert seed_build.counts["extracted assertions"] == 1 and seed_build.counts["curated assertions"] == 64
