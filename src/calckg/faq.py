"""Build outputs from the answers: `build/answers.json` and `build/faq.jsonld` (a schema.org FAQPage).

Each article is asked only its own questions, each answered from that article alone: its title question, the
related questions the build linked to it, one question per section with statements (the heading in the
`section_question` template of `data/answer-kinds.json`; queries/answers/article-questions.rq reads them) and one
for each of the pairs of concepts most of its claims relate (`claim_question`;
queries/answers/article-claim-topics.rq). Both documents are pure functions of the graph: sorted keys, stable
order, no timestamps. The FAQ's JSON-LD context is inline (`@vocab` schema.org), so reading the file never fetches a
remote context (docs/reliability.md row 5).

The FAQ page carries what each article says about itself (docs/trust.md): its notice and review status as
schema:creativeWorkStatus, its professional disclaimer as schema:usageInfo, its audience as schema:audience, and
the articles as schema:about. A citation whose number has no entry in the reference list is published as text that
says so (schema:citation takes Text), not as an empty CreativeWork.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset

from calckg.answer import answer
from calckg.answer_index import query_rows
from calckg.answer_queries import QueryRunner
from calckg.answer_model import Answer
from calckg.html_json import html_safe
from calckg.queries import internal_query
from calckg.question_kinds import kind_table
from calckg.store.base import Store
from calckg.store.memory import MemoryStore
from calckg.text_index import TextIndex

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
    """Every article's notices, review steps, disclaimer and audience, from the graph
    (queries/answers/article-pages.rq)."""
    store = source if isinstance(source, Store) else MemoryStore(source)
    rows = store.select(internal_query("answers/article-pages").text).rows
    pages: dict[str, PageInfo] = {}
    for article, title, kind, text in rows:
        info = pages.setdefault(str(article), PageInfo(str(article), str(title)))
        info.texts.setdefault(str(kind), []).append(str(text))
    return [pages[iri] for iri in sorted(pages)]


@dataclass(frozen=True)
class FaqEntry:
    """One asked question: the article it was asked of, where it came from (`title`, `related`, `section`) and its
    answer."""

    source: str
    answer: Answer
    article: str = ""


def faq_questions(source: Store | Dataset) -> list[tuple[str, str, str]]:
    """(article IRI, source, question) triples, article by article: title, linked related questions, sections, and
    the pairs of concepts its claims relate most (:func:`claim_questions`); a question is asked once per article."""
    table = kind_table()
    order = {"title": 0, "related": 1, "section": 2}
    store = QueryRunner(source).store
    rows = query_rows(store, "article-questions")
    rows.sort(key=lambda r: (str(r["article"]), order[str(r["source"])], int(r["order"]), str(r["text"])))
    titles = {str(r["article"]): str(r["text"]) for r in reversed(rows) if str(r["source"]) == "title"}  # the first
    claims = claim_questions(query_rows(store, "article-claim-topics"))
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(str(row["article"]), []).append(row)
    asked: dict[tuple[str, str], tuple[str, str, str]] = {}
    for article in sorted(by_article.keys() | claims.keys()):
        for row in by_article.get(article, []):
            origin, text = str(row["source"]), str(row["text"])
            if origin == "section":
                if text.rstrip("?").casefold() == titles.get(article, "").rstrip("?").casefold():
                    continue  # the summary section repeats the title
                text = table.section_question.format(heading=text)
            asked.setdefault((article, text), (article, origin, text))
        for text in claims.get(article, []):
            asked.setdefault((article, text), (article, "claim", text))
    return list(asked.values())


def claim_questions(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each article's questions on what its claims relate: the `claim_questions` pairs of concepts that most of its
    claims relate (either way round; then by label), in the `claim_question` template of data/answer-kinds.json."""
    table = kind_table()
    pairs: dict[str, dict[tuple[str, str], int]] = {}
    for row in rows:
        first, second = sorted((str(row["subjectLabel"]), str(row["objectLabel"])))
        found = pairs.setdefault(str(row["article"]), {})
        found[first, second] = found.get((first, second), 0) + int(row["claims"])
    return {article: [table.claim_question.format(first=a, second=b) for (a, b), _ in
                      sorted(found.items(), key=lambda item: (-item[1], item[0]))[: table.claim_questions]]
            for article, found in pairs.items()}


def collect_answers(source: Store | Dataset, index: TextIndex | None = None) -> list[FaqEntry]:
    runner = QueryRunner(source, remember=True)  # an article's questions share its citations and references
    return answer_questions(faq_questions(runner.store), runner, index)  # the runner's copy, not a second one


def answer_questions(questions: list[tuple[str, str, str]], runner: QueryRunner,
                     index: TextIndex | None = None) -> list[FaqEntry]:  # fmt: skip
    """The answer to each (article IRI, source, question) of :func:`faq_questions`, asked of its article."""
    return [FaqEntry(origin, answer(question, runner, index=index, article=article), article)
            for article, origin, question in questions]  # fmt: skip


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def answers_json(entries: list[FaqEntry]) -> bytes:
    return _dump({"answers": [{"source": e.source, "article": e.article, **e.answer.to_dict()} for e in entries]})


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
    """A schema.org FAQPage of the supported answers (one Question per distinct question; an answer to only part of
    a question is no accepted answer of it), with each article's notice, review status, disclaimer and audience
    (`pages`), escaped for embedding in an HTML script element (:mod:`calckg.html_json`)."""
    seen: set[str] = set()
    questions = []
    for entry in entries:
        found = entry.answer
        if not found.supported or found.answered_part is not None or found.question in seen:
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
