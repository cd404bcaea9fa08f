"""Concept linking and figure extraction scored on the illustrative articles (tests/data/articles/, lists written
by a reader) and on the seed's curated claims; an article on a new topic built by dropping its file in a folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from calckg.extract.claims import extracted_graph
from calckg.extract.evaluate import concept_scores, expected_figure_scores
from calckg.ingest import parse_article, read_source
from calckg.namespaces import CK, CONCEPT, DEFAULT_BASE_IRI, SDO
from calckg.packs import load_packs
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.vocabulary import default_linker

ARTICLES = Path(__file__).parent / "data" / "articles"
THYROID = "how-are-thyroid-nodules-evaluated"

# (concepts found, expected, right mentions (on the reader's list or judged right), mentions, foreign mentions), (figures found, expected, right, claims)
SCORES = {
    THYROID: ((14, 25, 74, 74, 0), (30, 30, 30, 30)),
    "how-is-empagliflozin-used-in-type-2-diabetes": ((22, 27, 83, 83, 0), (36, 36, 33, 33)),
    "how-should-acute-facial-palsy-be-managed": ((18, 25, 41, 41, 0), (23, 23, 21, 21)),
    # "calcium stones" mention no calcium (data/vocab/name-heads.json)
    "what-does-a-24-hour-urine-calcium-test-show": ((23, 29, 73, 74, 0), (24, 24, 24, 24)),
}


def _article(slug: str):  # type: ignore[no-untyped-def]
    source = read_source(ARTICLES / f"{slug}.txt")
    return parse_article(source.path, source.text)


@pytest.mark.parametrize("slug", sorted(SCORES))
def test_scores_against_the_reader_lists(slug: str) -> None:
    article = _article(slug)
    expected = json.loads((ARTICLES / f"{slug}.expected.json").read_text(encoding="utf-8"))
    matcher = default_linker().for_article(article)
    concepts = concept_scores(article, matcher, expected)
    figures = expected_figure_scores(article, extracted_graph(article, DEFAULT_BASE_IRI, matcher, ()), expected)
    assert (concepts.found, concepts.expected, concepts.right, concepts.produced, concepts.errors) == SCORES[slug][0]
    assert (figures.found, figures.expected, figures.right, figures.produced) == SCORES[slug][1]


@pytest.mark.parametrize("slug", sorted(SCORES))
def test_no_breast_concept_in_an_article_outside_the_breast_pack(slug: str) -> None:
    article = _article(slug)
    breast = set(load_packs()[0].vocabulary.subjects(RDF.type, SKOS.Concept))
    matcher = default_linker().for_article(article)
    texts = [s.text for _, s in article.statements]
    assert [m.concept for text in texts for m in matcher.match(text) if m.concept in breast] == []


@pytest.fixture(scope="module")
def new_topic(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The thyroid article alone, dropped into an empty folder: no pack covers it, no curated file exists."""
    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(ARTICLES / f"{THYROID}.txt", sources)
    return build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None)


def test_a_new_topic_article_gets_general_concepts_and_extracted_claims(new_topic: BuildResult) -> None:
    root = DEFAULT_BASE_IRI + THYROID
    graph = new_topic.dataset.graph(URIRef(root))
    mentioned = set(graph.objects(None, SDO.mentions))
    assert {CONCEPT["hp-0025388"], CONCEPT["doid-3969"], CONCEPT["doid-1781"], CONCEPT["fine-needle-aspiration"],
            CONCEPT["thyroid-stimulating-hormone-test"], CONCEPT["thyroid-ultrasound"], CONCEPT.microcalcification} <= mentioned
    assert (CONCEPT["doid-3969"], RDF.type, CK.Disease) in graph and (CONCEPT["hp-0025388"], RDF.type, CK.ClinicalFinding) in graph
    extracted = new_topic.dataset.graph(URIRef(root + "/extracted"))
    claims = set(extracted.subjects(RDF.type, CK.ExtractedAssertion))
    assert len(claims) == 30 == new_topic.counts["extracted assertions"] and new_topic.counts["curated assertions"] == 0
    # "… a meaningful risk of thyroid cancer, which is found in 7-15% of nodules": the relative clause's antecedent
    (first,) = extracted.subjects(CK.statistic, URIRef(root + "/section/summary/1/stat/1"))
    assert [str(extracted.value(first, p)) for p in (CK.subject, CK.object, CK.outcome, CK.minValue, CK.maxValue)] == [
        str(CONCEPT["doid-1781"]), str(CONCEPT["doid-1781"]), str(CONCEPT["doid-1781"]), "7.0", "15.0"]
    breast = set(load_packs()[0].vocabulary.subjects(RDF.type, SKOS.Concept))
    assert mentioned & breast == set()


def test_a_new_topic_build_passes_validation(new_topic: BuildResult) -> None:
    report = (new_topic.files[0].parent / "validation.txt").read_text(encoding="utf-8")
    assert report.startswith("SHACL validation: conforms — 0 violation(s)")
