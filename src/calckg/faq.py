"""Build outputs from the answers: `build/answers.json` and `build/faq.jsonld` (a schema.org FAQPage).

Each article is asked only its own questions, each answered from that article alone: its title question, the
related questions the build linked to it, and one question per section with statements (the heading in the
`section_question` template of `data/answer-kinds.json`); queries/answers/article-questions.rq reads them. Both documents are pure functions of the graph:
sorted keys, stable order, no timestamps. The FAQ's JSON-LD context is inline (`@vocab` schema.org), so
reading the file never fetches a remote context (docs/reliability.md row 5).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

from calckg.answer import answer
from calckg.answer_index import query_rows
from calckg.answer_queries import QueryRunner
from calckg.answer_model import Answer
from calckg.html_json import html_safe
from calckg.question_kinds import kind_table
from calckg.store.base import Store
from calckg.text_index import TextIndex

SCHEMA_CONTEXT = {"@vocab": "https://schema.org/"}


@dataclass(frozen=True)
class FaqEntry:
    """One asked question: the article it was asked of, where it came from (`title`, `related`, `section`) and its
    answer."""

    source: str
    answer: Answer
    article: str = ""


def faq_questions(source: Store | Dataset) -> list[tuple[str, str, str]]:
    """(article IRI, source, question) triples, article by article: title, linked related questions, sections; a
    question is asked once per article."""
    template = kind_table().section_question
    order = {"title": 0, "related": 1, "section": 2}
    rows = query_rows(QueryRunner(source).store, "article-questions")
    rows.sort(key=lambda r: (str(r["article"]), order[str(r["source"])], int(r["order"]), str(r["text"])))
    asked: dict[tuple[str, str], tuple[str, str, str]] = {}
    for row in rows:
        article, origin, text = str(row["article"]), str(row["source"]), str(row["text"])
        if origin == "section":
            if text.rstrip("?").casefold() == asked_title(rows, article).rstrip("?").casefold():
                continue  # the summary section repeats the title
            text = template.format(heading=text)
        asked.setdefault((article, text), (article, origin, text))
    return list(asked.values())


def asked_title(rows: list[dict[str, Any]], article: str) -> str:
    return next((str(r["text"]) for r in rows if str(r["article"]) == article and str(r["source"]) == "title"), "")


def collect_answers(source: Store | Dataset, index: TextIndex | None = None) -> list[FaqEntry]:
    return [FaqEntry(origin, answer(question, source, index=index, article=article), article)
            for article, origin, question in faq_questions(source)]


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def answers_json(entries: list[FaqEntry]) -> bytes:
    return _dump({"answers": [{"source": e.source, "article": e.article, **e.answer.to_dict()} for e in entries]})


def _citation(ref: Any) -> dict[str, Any]:
    if not ref.resolved:
        return {"@type": "CreativeWork", "position": ref.number}
    work: dict[str, Any] = {"@type": "CreativeWork", "position": ref.number, "name": ref.title}
    if ref.container:
        work["isPartOf"] = {"@type": "CreativeWork", "name": ref.container}
    if ref.year is not None:
        work["datePublished"] = str(ref.year)
    return work


def faq_jsonld(entries: list[FaqEntry]) -> bytes:
    """A schema.org FAQPage of the supported answers (one Question per distinct question), escaped for embedding
    in an HTML script element (:mod:`calckg.html_json`)."""
    seen: set[str] = set()
    questions = []
    for entry in entries:
        found = entry.answer
        if not found.supported or found.question in seen:
            continue
        seen.add(found.question)
        questions.append({
            "@type": "Question",
            "name": found.question,
            "acceptedAnswer": {"@type": "Answer", "text": found.answer,
                               "citation": [_citation(ref) for ref in found.references]},
        })
    return html_safe(_dump({"@context": SCHEMA_CONTEXT, "@type": "FAQPage", "mainEntity": questions}))


def answers_document(source: Store | Dataset) -> bytes:
    """`build/answers.json`."""
    return answers_json(collect_answers(source))


def faq_document(source: Store | Dataset) -> bytes:
    """`build/faq.jsonld`."""
    return faq_jsonld(collect_answers(source))
