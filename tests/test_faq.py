"""build/answers.json and build/faq.jsonld: questions from the query headers, deterministic bytes, cited answers."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from calckg.faq import answers_document, collect_answers, faq_document, faq_jsonld, query_question
from calckg.pipeline import BuildResult
from calckg.queries import shipped_queries


@pytest.fixture(scope="module")
def dataset(seed_build: BuildResult) -> Dataset:
    return seed_build.dataset


@pytest.fixture(scope="module")
def answers(dataset: Dataset) -> dict:
    return json.loads(answers_document(dataset))


def test_questions_come_from_the_title_and_every_query_header(answers: dict) -> None:
    asked = [(a["source"], a["question"]) for a in answers["answers"]]
    assert asked[0] == ("title", "What are microcalcifications in the breast?")
    expected = [(f"query:{name}", query_question(q)) for name, q in sorted(shipped_queries().items())]
    title = "What are microcalcifications in the breast?"
    assert asked[1:] == [pair for pair in expected if pair[1] != title]  # each question is asked once
    assert len({question for _, question in asked}) == len(asked)


def test_query_question_header() -> None:
    assert query_question(shipped_queries()["management-steps"]) == "How should microcalcifications be managed?"


def test_topic_queries_are_answered(answers: dict) -> None:
    by_source = {a["source"]: a for a in answers["answers"]}
    for name in ("presentation-figures", "management-steps", "modality-comparison", "recurrence", "prognosis",
                 "benign-malignant-features", "composition-types", "definition", "tumour-characteristics",
                 "morphology-by-grade", "distribution-patterns", "imaging-limitations", "detection-challenges",
                 "conflicting-figures", "claim-references", "unresolved-citations"):
        assert by_source[f"query:{name}"]["supported"], name
    assert by_source["title"]["kind"] == "overview"


def test_documents_are_what_the_build_wrote(dataset: Dataset, seed_build: BuildResult) -> None:
    """From the graph alone, the same bytes the build wrote (across hash seeds: tests/test_export.py)."""
    out = seed_build.files[0].parent
    assert answers_document(dataset) == (out / "answers.json").read_bytes()
    assert faq_document(dataset) == (out / "faq.jsonld").read_bytes()


def test_faq_is_a_schema_org_faq_page_with_citations(dataset: Dataset) -> None:
    page = json.loads(faq_jsonld(collect_answers(dataset)))
    assert page["@context"] == {"@vocab": "https://schema.org/"} and page["@type"] == "FAQPage"
    questions = {q["name"]: q for q in page["mainEntity"]}
    her2 = questions["How often does DCIS present with calcifications?"]["acceptedAnswer"]
    assert "80% of cases [1]" in her2["text"]
    assert [c["position"] for c in her2["citation"]] == [1, 4]
    prognosis = questions["What is the prognostic significance of microcalcifications?"]["acceptedAnswer"]
    assert prognosis["citation"] == [{"@type": "CreativeWork", "position": 8}]
    assert all(q["acceptedAnswer"]["text"] for q in page["mainEntity"])
