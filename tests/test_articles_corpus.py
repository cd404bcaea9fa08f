"""The illustrative test articles under tests/data/articles/ and their hand-written expectations.

These tests check the corpus itself: each article parses into the pinned number of statements, carries the
"Illustrative" notice, and every quote in its `.expected.json` points at exactly one statement whose citations
and figures agree with what the expectation says. Other tests use the corpus to score concepts, claims and answers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calckg.ingest import parse_article, read_source
from calckg.model import Article

ARTICLES = Path(__file__).parent / "data" / "articles"

# slug → (statements, references, citation numbers without a reference entry)
PINNED = {
    "how-are-thyroid-nodules-evaluated": (49, 5, (6,)),
    "how-should-acute-facial-palsy-be-managed": (35, 5, (6,)),
    "what-does-a-24-hour-urine-calcium-test-show": (37, 6, (7,)),
    "how-is-empagliflozin-used-in-type-2-diabetes": (33, 6, (7,)),
}
CONCEPT_KINDS = {"disease", "finding", "procedure", "imaging", "test", "substance", "drug", "anatomy", "scale"}
FIGURE_KINDS = {"percentage", "range", "pvalue", "comparison", "count", "mean", "length", "ratio", "dose",
                "duration", "quantity"}


def _article(slug: str) -> Article:
    path = ARTICLES / f"{slug}.txt"
    return parse_article(path, read_source(path).text)


def _expected(slug: str) -> dict:
    return json.loads((ARTICLES / f"{slug}.expected.json").read_text(encoding="utf-8"))


def _matches(article: Article, quote: str) -> list:
    return [statement for _, statement in article.statements if quote in statement.text]


def test_the_corpus_is_exactly_the_pinned_articles() -> None:
    assert sorted(p.stem for p in ARTICLES.glob("*.txt")) == sorted(PINNED)
    assert sorted(p.name.removesuffix(".expected.json") for p in ARTICLES.glob("*.expected.json")) == sorted(PINNED)


@pytest.mark.parametrize("slug", sorted(PINNED))
def test_article_parses_into_the_pinned_shape(slug: str) -> None:
    article = _article(slug)
    statements, references, unresolved = PINNED[slug]
    assert article.slug == slug
    assert article.title.endswith("?")
    assert len(article.statements) == statements
    assert len(article.references) == references
    assert article.unresolved_citations == unresolved
    assert len(article.metadata.notices) == 1
    assert "Illustrative" in article.metadata.notices[0]
    assert "Illustrative" not in article.text.split("\n", 1)[0]


@pytest.mark.parametrize("slug", sorted(PINNED))
def test_expected_concepts_occur_and_foreign_ones_do_not(slug: str) -> None:
    article, expected = _article(slug), _expected(slug)
    assert expected["article"] == f"{slug}.txt"
    statement_text = "\n".join(statement.text for _, statement in article.statements)
    assert len(expected["concepts"]) >= 15
    for concept in expected["concepts"]:
        assert concept["kind"] in CONCEPT_KINDS, concept
        assert concept["term"] in statement_text, concept
    assert expected["foreign_concepts"]
    for label in expected["foreign_concepts"]:
        assert label.casefold() not in statement_text.casefold(), label


@pytest.mark.parametrize("slug", sorted(PINNED))
def test_every_figure_claim_quotes_one_statement(slug: str) -> None:
    article, expected = _article(slug), _expected(slug)
    for claim in expected["figure_claims"]:
        matches = _matches(article, claim["quote"])
        assert len(matches) == 1, claim
        (statement,) = matches
        assert claim["figure"] in claim["quote"], claim
        assert claim["kind"] in FIGURE_KINDS, claim
        assert claim["polarity"] in {"positive", "negative"}, claim
        assert claim["citations"] == list(statement.citations), claim
        assert claim["value"] is not None or claim["kind"] == "comparison" or claim["min"] is not None, claim


@pytest.mark.parametrize("slug", sorted(PINNED))
def test_every_question_quotes_the_statements_that_answer_it(slug: str) -> None:
    article, expected = _article(slug), _expected(slug)
    assert len(expected["questions"]) >= 12
    assert len(expected["unanswerable"]) >= 3
    for question in expected["questions"]:
        assert len(question["paraphrases"]) == 2, question["question"]
        answering = [statement for quote in question["expected_quotes"] for statement in _matches(article, quote)]
        assert len(answering) == len(question["expected_quotes"]), question["question"]
        for figure in question["figures"]:
            assert any(figure in statement.text for statement in answering), (question["question"], figure)
        cited = sorted({number for statement in answering for number in statement.citations})
        assert question["citations"] == cited, question["question"]
    for item in expected["unanswerable"]:
        assert item["question"].endswith("?") and item["why"], item
