"""What a question asks for: its kind, from cue words kept as data in `data/answer-kinds.json`.

Why it works this way: the kind only chooses which competency queries run; every word of an answer still comes
from the graph. Cue words are data so an editor can add a paraphrase without touching code. Kinds are tried in
the file's order and the first kind with a cue in the question wins, so specific kinds ("recurrence") sit above
general ones ("statistic", "definition"); a question without any cue gets the fallback kind.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from calckg.errors import InputError
from calckg.resources import data_dir

KINDS_FILE = "answer-kinds.json"
_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(r"[\u00ad\u2010\u2011\u2012\u2013\u2014]")


@dataclass(frozen=True)
class QueryStep:
    """One query a kind runs; `bind="concept"` runs it once per question concept."""

    query: str
    bind: str | None = None
    require_role: str | None = None
    or_min_score: int | None = None


@dataclass(frozen=True)
class KindSpec:
    kind: str
    cues: tuple[str, ...]
    steps: tuple[QueryStep, ...]
    combine: bool = False


@dataclass(frozen=True)
class KindTable:
    kinds: tuple[KindSpec, ...]
    fallback: str
    title_kind: str
    title_queries: tuple[str, str]
    max_question_length: int
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def spec(self, kind: str) -> KindSpec:
        for spec in self.kinds:
            if spec.kind == kind:
                return spec
        raise KeyError(kind)

    def detect(self, question: str) -> str | None:
        """The first kind whose cue occurs in the question, else the fallback (None for a blank question)."""
        text = normalise(question)
        if not text:
            return None
        for kind, pattern in self.patterns:
            if pattern.search(text):
                return kind
        return self.fallback


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(normalise(cue)) for cue in cues), key=lambda c: (-len(c), c))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def normalise(text: str) -> str:
    """Lower case, one space between words, plain hyphens, no control characters, no trailing '?'."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    text = _HYPHENS.sub("-", text)
    return _SPACES.sub(" ", text).strip().rstrip("?").strip().lower()


def clean_question(text: str) -> str:
    """The question as asked, without control characters and with single spaces (kept for display)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return _SPACES.sub(" ", text).strip()


def parse_kind_table(document: dict) -> KindTable:  # type: ignore[type-arg]
    kinds = tuple(
        KindSpec(
            kind=entry["kind"],
            cues=tuple(entry["cues"]),
            steps=tuple(QueryStep(**step) for step in entry["queries"]),
            combine=bool(entry.get("combine", False)),
        )
        for entry in document["kinds"]
    )
    names = [k.kind for k in kinds]
    if document["fallback"] not in names:
        raise InputError(f"{KINDS_FILE}: fallback kind {document['fallback']!r} is not one of {names}")
    title = tuple(document["title_queries"])
    if len(title) != 2:
        raise InputError(f"{KINDS_FILE}: title_queries must name the title query and the overview query")
    patterns = tuple((k.kind, _cue_pattern(k.cues)) for k in kinds if k.cues and k.kind != document["fallback"])
    return KindTable(kinds, document["fallback"], document["title_kind"], (title[0], title[1]),
                     int(document["max_question_length"]), patterns)


@cache
def kind_table(path: Path | None = None) -> KindTable:
    """The shipped kind table, read once per process."""
    path = path or data_dir() / KINDS_FILE
    try:
        return parse_kind_table(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: cannot read the question kinds ({error})") from None
