"""build/answers.json and build/faq.jsonld: each article's own questions, deterministic bytes, cited answers."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from calckg.faq import answers_document, collect_answers, faq_document, faq_jsonld, page_info
from calckg.pipeline import BuildResult


@pytest.fixture(scope="module")
def dataset(seed_build: BuildResult) -> Dataset:
    return seed_build.dataset


@pytest.fixture(scope="module")
def answers(dataset: Dataset) -> dict:
    return json.loads(answers_document(dataset))


def test_each_article_is_asked_its_title_linked_related_questions_and_sections(answers: dict) -> None:
    asked = [(a["source"], a["question"]) for a in answers["answers"]]
    assert asked[0] == ("title", "What are microcalcifications in the breast?")
    assert [q for source, q in asked if source == "related"] == [
        "What are breast calcifications in women, particularly those over 40 years old?",
        "What is the distinction between microcalcifications within the breast and fibrocystic (fibrocystic change) "
        "or fibrous masses?",
        "What are the considerations for a 55-year-old female with benign microcalcifications in the left upper outer "
        "quadrant of the breast, who is interested in starting vaginal topical estrogen (estrogen replacement "
        "therapy)?",
        "How to approach a 20-year-old female with High-Resolution Computed Tomography (HRCT) suggesting left breast "
        "macrocalcification?",
        "What are the next steps for a patient with a small asymmetry in the upper breast, implant displacement, and "
        "benign rim calcifications on the Medial-Lateral Oblique (MLO) view, with 2 tissue markers in the upper outer "
        "quadrant?"]
    sections = [q for source, q in asked if source == "section"]
    assert len(sections) == 13 and sections[0] == "What does the article say about Definition and Composition?"
    assert {a["article"] for a in answers["answers"]} == {"https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"}


def test_each_article_is_also_asked_about_the_pairs_its_claims_relate_most(answers: dict) -> None:
    """Three pairs (claim_questions), either way round, by how many curated and extracted claims relate them, then by
    label; every one is answered from the article."""
    asked = [a for a in answers["answers"] if a["source"] == "claim"]
    assert [a["question"] for a in asked] == [
        "What does the article say about ductal carcinoma in situ and microcalcification?",
        "What does the article say about ductal carcinoma in situ and suspicious calcification?",
        "What does the article say about magnification view and two-view mammography?"]
    assert [a["supported"] for a in asked] == [True, True, True]
    assert [[s["citations"] for s in a["sentences"]] for a in asked][2] == [[7], [7]]


def test_section_questions_are_answered_from_their_section(answers: dict) -> None:
    by_question = {a["question"]: a for a in answers["answers"]}
    management = by_question["What does the article say about Management Approach?"]
    assert [s["statement"].rsplit("/section/", 1)[1] for s in management["sentences"]] == [
        f"management-approach/{n}" for n in range(2, 7)]
    assert by_question["What are microcalcifications in the breast?"]["kind"] == "overview"


def test_documents_are_what_the_build_wrote(dataset: Dataset, seed_build: BuildResult) -> None:
    """From the graph alone, the same bytes the build wrote (across hash seeds: tests/test_export.py)."""
    out = seed_build.files[0].parent
    assert answers_document(dataset) == (out / "answers.json").read_bytes()
    assert faq_document(dataset) == (out / "faq.jsonld").read_bytes()


def test_faq_is_a_schema_org_faq_page_with_citations(dataset: Dataset) -> None:
    page = json.loads(faq_jsonld(collect_answers(dataset)))
    assert page["@context"] == {"@vocab": "https://schema.org/"} and page["@type"] == "FAQPage"
    questions = {q["name"]: q for q in page["mainEntity"]}
    recurrence = questions["What does the article say about Recurrence Patterns?"]["acceptedAnswer"]
    assert "75% of recurrences present as microcalcifications [4]" in recurrence["text"]
    assert [c["position"] for c in recurrence["citation"]] == [4]
    prognosis = questions["What does the article say about Prognostic Value?"]["acceptedAnswer"]
    assert prognosis["citation"] == [
        "[8] The article cites reference 8, but its reference list has no entry 8: the cited work is missing."
    ]
    assert all(q["acceptedAnswer"]["text"] for q in page["mainEntity"])


def test_faq_carries_the_articles_notice_review_status_disclaimer_and_audience(dataset: Dataset) -> None:
    page = json.loads(faq_jsonld(collect_answers(dataset), page_info(dataset)))
    assert page["about"] == {"@id": "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast",
                             "@type": "MedicalWebPage", "name": "What are microcalcifications in the breast?"}
    assert page["creativeWorkStatus"] == [
        "Educational purpose only • Exercise caution as content is pending human review",
        "Article review status steps shown: Approved, Submitted, Under Review",
    ]
    (disclaimer,) = page["usageInfo"]
    assert disclaimer["@type"] == "CreativeWork" and disclaimer["name"] == "Professional Medical Disclaimer"
    assert disclaimer["text"].startswith("This information is intended for healthcare professionals.")
    assert disclaimer["text"].endswith("Dr.Oracle assumes no liability for clinical decisions based on this content.")
    assert page["audience"] == [{"@type": "MedicalAudience", "audienceType": "healthcare professionals"}]
    assert json.loads(faq_document(dataset)) == page

