"""Build outputs from the answers: `build/answers.json` and `build/faq.jsonld` (a schema.org FAQPage).

The questions are data: each article's title question, then the `#+ question:` header (else the summary) of
every shipped query in `queries/`, in file-name order. Both documents are pure functions of the graph:
sorted keys, stable order, no timestamps. The FAQ's JSON-LD context is inline (`@vocab` schema.org), so
reading the file never fetches a remote context (docs/reliability.md row 5).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

from calckg.answer import QueryRunner, answer
from calckg.answer_model import Answer
from calckg.html_json import html_safe
from calckg.queries import NamedQuery, shipped_queries
from calckg.store.base import Store

SCHEMA_CONTEXT = {"@vocab": "https://schema.org/"}


@dataclass(frozen=True)
class FaqEntry:
    """One asked question: where it came from (`title` or `query:<name>`) and its answer."""

    source: str
    answer: Answer


def query_question(query: NamedQuery) -> str:
    """The query's `#+ question:` header, else its summary."""
    return query.question or query.summary


def faq_questions(source: Store | Dataset) -> list[tuple[str, str]]:
    """(source, question) pairs: title questions of the articles, then one per competency query, each question once."""
    titles = QueryRunner(source).rows("title-questions")
    pairs = [("title", str(row["title"])) for row in titles]
    pairs += [(f"query:{name}", query_question(query)) for name, query in sorted(shipped_queries().items())]
    first: dict[str, tuple[str, str]] = {}
    for origin, question in pairs:  # several queries answer the title question: ask each question once
        first.setdefault(question, (origin, question))
    return list(first.values())


def collect_answers(source: Store | Dataset) -> list[FaqEntry]:
    return [FaqEntry(origin, answer(question, source)) for origin, question in faq_questions(source)]


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def answers_json(entries: list[FaqEntry]) -> bytes:
    return _dump({"answers": [{"source": e.source, **e.answer.to_dict()} for e in entries]})


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
