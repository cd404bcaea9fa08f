"""The cited answer as plain data (the `calckg answer --format json` shape of docs/contract.md) and its renderings.

Renderers add only connective templates (citation brackets, "Sources:"); every other word is graph text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ConceptRef:
    iri: str
    label: str


@dataclass(frozen=True)
class Sentence:
    """One statement of the article, as written, with the citation numbers it carries."""

    text: str
    citations: tuple[int, ...]
    statement: str


@dataclass(frozen=True)
class ReferenceEntry:
    """A cited number; title, container, year and type only when the article's reference list has the entry."""

    number: int
    title: str | None = None
    container: str | None = None
    year: int | None = None
    type: str | None = None

    @property
    def resolved(self) -> bool:
        return self.title is not None


@dataclass(frozen=True)
class Answer:
    question: str
    supported: bool
    kind: str | None
    concepts: tuple[ConceptRef, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    references: tuple[ReferenceEntry, ...] = ()
    reason: str | None = None
    queries: tuple[str, ...] = field(default=(), compare=False)
    verdict: str = ""  # what the sentences add up to, said first (a structured kind's `verdict` in data)
    answered_part: str | None = None
    """The first question of a compound question when the answer covers only it (calckg.answer), else None."""
    uncovered: bool = field(default=False, compare=False)
    """A refusal because the graph covers too little of the question's words (a part of it may still be answered),
    not for a reason that holds for every part (a population, an empty question)."""

    @property
    def answer(self) -> str:
        return " ".join(part for part in (self.verdict, *(s.text for s in self.sentences)) if part)

    def to_dict(self) -> dict[str, Any]:
        """The docs/contract.md JSON object (keys in contract order; `json_document` sorts them)."""
        return {
            "question": self.question,
            "supported": self.supported,
            "kind": self.kind,
            "concepts": [{"iri": c.iri, "label": c.label} for c in self.concepts],
            "answer": self.answer,
            "sentences": [{"text": s.text, "citations": list(s.citations), "statement": s.statement}
                          for s in self.sentences],
            "references": [{"number": r.number, "title": r.title, "container": r.container, "year": r.year,
                            "type": r.type, "resolved": r.resolved} for r in self.references],
            "reason": self.reason,
            "answered_part": self.answered_part,
        }


def cite(text: str, numbers: tuple[int, ...]) -> str:
    """`text [1, 4].` — the statement's own closing full stop moves after the brackets; a lead-in keeps its colon
    ("Eye care measures include [1]:")."""
    body = text.rstrip().rstrip(".").rstrip()
    end = ":" if body.endswith(":") else "."
    body = body.removesuffix(":").rstrip()
    if not numbers:
        return f"{body}{end}"
    return f"{body} [{', '.join(str(n) for n in numbers)}]{end}"


def _reference_line(ref: ReferenceEntry) -> str:
    if not ref.resolved:
        return f"[{ref.number}] (no entry in the article's reference list)"
    title = ref.title or ""
    title = title if title.endswith((".", "?", "!")) else f"{title}."
    details = ", ".join(str(part) for part in (ref.container, ref.year) if part is not None)
    kind = f" ({ref.type})" if ref.type else ""
    return f"[{ref.number}] {title} {details}.{kind}" if details else f"[{ref.number}] {title}{kind}"


def partial_note(answer: Answer) -> str:
    """What a reader of a partial answer must be told first (empty for a whole answer)."""
    if answer.answered_part is None:
        return ""
    return f"Only this part of the question is answered: “{answer.answered_part}” The graph does not cover the rest."


def to_text(answer: Answer) -> str:
    if not answer.supported:
        return f"Not supported by the graph: {answer.reason}\n"
    lines = [partial_note(answer), ""] if answer.answered_part else []
    lines += [answer.answer, "", "Sources:"]
    lines.extend(_reference_line(ref) for ref in answer.references)
    return "\n".join(lines) + "\n"


def to_markdown(answer: Answer) -> str:
    if not answer.supported:
        return f"**Not supported by the graph:** {answer.reason}\n"
    lines = [f"**{answer.question}**", ""] + ([f"*{partial_note(answer)}*", ""] if answer.answered_part else [])
    lines += [answer.answer, "", "**Sources**", ""]
    lines.extend(f"- {_reference_line(ref)}" for ref in answer.references)
    return "\n".join(lines) + "\n"


def to_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), indent=2, ensure_ascii=False) + "\n"


ANSWER_FORMATS: dict[str, Callable[[Answer], str]] = {"text": to_text, "json": to_json, "markdown": to_markdown}
