"""Build outputs from the answers: `build/answers.json` and `build/faq.jsonld` (a schema.org FAQPage).

The questions are data: each article's title question, then the `#+ question:` header (else the summary) of
every shipped query in `queries/`, in file-name order. Both documents are pure functions of the graph:
sorted keys, stable order, no timestamps. The FAQ's JSON-LD context is inline (`@vocab` schema.org), so
reading the file never fetches a remote context (docs/reliability.md row 5).

The FAQ page carries what each article says about itself (docs/trust.md): its notice and review status as
schema:creativeWorkStatus, its professional disclaimer as schema:usageInfo, its audience as schema:audience, and
the articles as schema:about. A citation whose number has no entry in the reference list is published as text that
says so (schema:citation takes Text), not as an empty CreativeWork.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import Dataset

from calckg.answer import QueryRunner, answer
from calckg.answer_model import Answer
from calckg.html_json import html_safe
from calckg.queries import NamedQuery, shipped_queries
from calckg.store.base import Store
from calckg.store.memory import MemoryStore

PAGE_QUERY = """PREFIX ck: <https://w3id.org/calckg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?article ?title ?kind ?text WHERE {
  ?article a ck:Article ; schema:name ?title .
  { ?article ck:notice ?text . BIND ("notice" AS ?kind) }
  UNION { ?article ck:reviewStep ?text . BIND ("step" AS ?kind) }
  UNION { ?article ck:disclaimer ?text . BIND ("disclaimer" AS ?kind) }
  UNION { ?article schema:audience/schema:audienceType ?text . BIND ("audience" AS ?kind) }
} ORDER BY ?article ?kind ?text"""
SCHEMA_CONTEXT = {"@vocab": "https://schema.org/"}


@dataclass(frozen=True)
class PageInfo:
    """What an article says about itself: its notices, review steps, disclaimer and audience."""

    iri: str
    title: str
    texts: dict[str, list[str]] = field(default_factory=dict)

    def page(self) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": self.iri, "@type": "MedicalWebPage", "name": self.title}
        status = self.texts.get("notice", [])
        if self.texts.get("step"):
            status = status + [f"Article review status steps shown: {', '.join(self.texts['step'])}"]
        if status:
            node["creativeWorkStatus"] = status[0] if len(status) == 1 else status
        if self.texts.get("disclaimer"):
            node["usageInfo"] = [{"@type": "CreativeWork", "name": "Professional Medical Disclaimer", "text": text}
                                 for text in self.texts["disclaimer"]]
        if self.texts.get("audience"):
            node["audience"] = [{"@type": "MedicalAudience", "audienceType": text} for text in self.texts["audience"]]
        return node


def page_info(source: Store | Dataset) -> list[PageInfo]:
    """Every article's notices, review steps, disclaimer and audience, from the graph."""
    store = source if isinstance(source, Store) else MemoryStore(source)
    rows = store.select(PAGE_QUERY).rows
    pages: dict[str, PageInfo] = {}
    for article, title, kind, text in rows:
        info = pages.setdefault(str(article), PageInfo(str(article), str(title)))
        info.texts.setdefault(str(kind), []).append(str(text))
    return [pages[iri] for iri in sorted(pages)]


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
    return [FaqEntry(origin, _meta_reason(origin, answer(question, source))) for origin, question in faq_questions(source)]


def _meta_reason(origin: str, found: Answer) -> Answer:
    """A competency query's question that names no concept asks about the graph itself (its references, lead-ins,
    mentions, questions): say so, and where the rows are, instead of "no concept was recognised"."""
    if found.supported or found.concepts or not origin.startswith("query:"):
        return found
    name = origin.removeprefix("query:")
    return replace(found, reason=f"the question asks about the article's structure rather than about a medical "
                                 f"concept, so it is not answered from statements; `calckg query {name}` lists it")


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def answers_json(entries: list[FaqEntry]) -> bytes:
    return _dump({"answers": [{"source": e.source, **e.answer.to_dict()} for e in entries]})


def _citation(ref: Any) -> dict[str, Any] | str:
    if not ref.resolved:
        return f"[{ref.number}] The article cites reference {ref.number}, but its reference list has no entry {ref.number}: the cited work is missing."
    work: dict[str, Any] = {"@type": "CreativeWork", "position": ref.number, "name": ref.title}
    if ref.container:
        work["isPartOf"] = {"@type": "CreativeWork", "name": ref.container}
    if ref.year is not None:
        work["datePublished"] = str(ref.year)
    return work


def faq_jsonld(entries: list[FaqEntry], pages: list[PageInfo] | None = None) -> bytes:
    """A schema.org FAQPage of the supported answers (one Question per distinct question), with each article's
    notice, review status, disclaimer and audience (`pages`), escaped for embedding in an HTML script element
    (:mod:`calckg.html_json`)."""
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
    document: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "FAQPage", "mainEntity": questions}
    described = [info.page() for info in pages or ()]
    if len(described) == 1:
        described[0].pop("@type")
        about = {"@id": described[0].pop("@id"), "@type": "MedicalWebPage", "name": described[0].pop("name")}
        document.update(described[0])  # one article: its notice, status, disclaimer and audience are the page's own
        document["about"] = about
    elif described:
        document["about"] = described
    return html_safe(_dump(document))


def answers_document(source: Store | Dataset) -> bytes:
    """`build/answers.json`."""
    return answers_json(collect_answers(source))


def faq_document(source: Store | Dataset) -> bytes:
    """`build/faq.jsonld`."""
    return faq_jsonld(collect_answers(source), page_info(source))
