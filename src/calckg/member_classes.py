"""Classes an article names by their members: "an antibiotic such as nitrofurantoin, trimethoprim or fosfomycin".

A question asks "How long should I take antibiotics?"; the article answers "nitrofurantoin 100 mg twice a day for 3
days" and never writes "antibiotic" there. No vocabulary of calckg links a drug to its class, but the article does,
in its own words, elsewhere. :func:`article_members` reads those sentences (the cues of data/member-cues.json), and
the answer index (calckg.answer_index) lets a statement that mentions a member also speak of its class, in that
article only: what one article says a drug is tells nothing about another article.

The class is a concept the statement mentions, written right before a cue (or before one of the cue file's heads and
the cue: "an antimuscarinic drug such as solifenacin"); its members are the concepts written one after the other
right after the cue, joined by a comma or by one last "or"/"and" (", and" and ", or" end the list: "such as
lorazepam, and phenytoin should not be used"). Class and member are of one ck: kind, or of two kinds of one group
("a drug that does not cause hypoglycaemia such as metformin" gives hypoglycaemia no member).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.input_checks import is_word_list, parsed_json_file
from calckg.resources import data_dir

__all__ = ["MEMBER_CUES_FILE", "MemberCues", "article_members", "member_classes", "shipped_member_cues"]

MEMBER_CUES_FILE = "member-cues.json"


@dataclass(frozen=True)
class MemberCues:
    cues: tuple[str, ...]
    heads: tuple[str, ...]
    joiners: tuple[str, ...]
    qualifiers: tuple[str, ...]
    kinds: tuple[frozenset[str], ...]

    @classmethod
    def load(cls, path: Path) -> MemberCues:
        return parsed_json_file(path, _member_cues, "cues, heads, joiners and qualifiers (lists of words) and kinds "
                                "(lists of ck: class names)")

    def same_kind(self, first: Iterable[str], second: Iterable[str]) -> bool:
        """Whether a concept of the kinds `first` and one of the kinds `second` are of one kind or one group."""
        first, second = set(first), set(second)
        return bool(first & second) or any(first & group and second & group for group in self.kinds)

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?:\s+(?:{alternation(self.heads)}))?,?\s+(?:{alternation(self.cues)})\s+", re.IGNORECASE)

    @cached_property
    def joiner_pattern(self) -> re.Pattern[str]:
        words = alternation(j for j in self.joiners if j.isalpha())
        marks = alternation(j for j in self.joiners if not j.isalpha())
        # a mark goes on to the next member; a word takes one last member (", and" is a new clause: the list ends)
        return re.compile(rf"(?P<mark>(?:{marks})\s+(?!(?:{words})\b))|(?P<last>\s+(?:{words})\s+)", re.IGNORECASE)

    @cached_property
    def qualifier_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\s+(?:{alternation(self.qualifiers)})\b", re.IGNORECASE)


def _member_cues(document: dict) -> MemberCues:  # type: ignore[type-arg]
    lists = [document[key] for key in ("cues", "heads", "joiners", "qualifiers")]
    if not all(is_word_list(found) for found in lists):
        raise ValueError("cues, heads, joiners and qualifiers must be non-empty lists of words")
    kinds = document["kinds"]
    if not isinstance(kinds, list) or not all(is_word_list(group) and all(k.isidentifier() for k in group)
                                              for group in kinds):
        raise ValueError("kinds must be a list of lists of ck: class names")
    return MemberCues(*(tuple(found) for found in lists), tuple(frozenset(group) for group in kinds))


@cache
def shipped_member_cues() -> MemberCues:
    return MemberCues.load(data_dir() / MEMBER_CUES_FILE)


def article_members(statements: Iterable[tuple[str, Iterable[str]]], labels: Mapping[str, Iterable[str]],
                    kinds: Mapping[str, Iterable[str]], cues: MemberCues) -> dict[str, set[str]]:
    """member concept → the classes one of the statements (text, concepts it mentions) of an article names it a
    member of. `labels`: each concept's labels; `kinds`: each concept's ck: class names."""
    cue, joiner, qualifier = cues.cue_pattern, cues.joiner_pattern, cues.qualifier_pattern
    members: dict[str, set[str]] = {}
    for text, concepts in statements:
        written = list(cue.finditer(text))  # most statements write no cue: their labels are never looked for
        spans = _label_spans(text, concepts, labels) if written else None
        if not spans:
            continue
        for found in written:
            classes = spans.get_ending(found.start())
            if not classes:
                continue
            for member in _list_after(text, found.end(), spans, joiner, qualifier):
                for kind in classes:
                    if member != kind and cues.same_kind(kinds.get(kind, ()), kinds.get(member, ())):
                        members.setdefault(member, set()).add(kind)
    return members


def member_classes(statements: Mapping[str, tuple[str, str]], concepts: Mapping[str, Iterable[str]],
                   labels: Mapping[str, Iterable[str]], kinds: Mapping[str, Iterable[str]], cues: MemberCues
                   ) -> dict[str, set[str]]:  # fmt: skip
    """statement → the classes it speaks of through a member it mentions, each named by its own article's
    statements (`statements`: IRI → (article, text); `concepts`: the concepts each statement mentions)."""
    by_article: dict[str, list[str]] = {}
    for iri, (article, _) in sorted(statements.items()):
        by_article.setdefault(article, []).append(iri)
    gained: dict[str, set[str]] = {}
    for iris in by_article.values():
        members = article_members(((statements[i][1], sorted(concepts.get(i, ()))) for i in iris), labels, kinds,
                                  cues)
        for iri in iris:
            classes = {kind for member in concepts.get(iri, ()) for kind in members.get(member, ())}
            if classes:
                gained[iri] = classes
    return gained


class _Spans:
    """Where a statement writes each of its concepts' labels: concepts by start and by end offset."""

    def __init__(self) -> None:
        self.by_start: dict[int, dict[int, set[str]]] = {}
        self.by_end: dict[int, set[str]] = {}

    def add(self, start: int, end: int, concept: str) -> None:
        self.by_start.setdefault(start, {}).setdefault(end, set()).add(concept)
        self.by_end.setdefault(end, set()).add(concept)

    def __bool__(self) -> bool:
        return bool(self.by_end)

    def get_ending(self, end: int) -> set[str]:
        return self.by_end.get(end, set())

    def longest_from(self, start: int) -> tuple[int, set[str]] | None:
        """(end, concepts) of the longest label written from `start`, or None."""
        ends = self.by_start.get(start)
        if not ends:
            return None
        end = max(ends)
        return end, ends[end]


def _label_spans(text: str, concepts: Iterable[str], labels: Mapping[str, Iterable[str]]) -> _Spans:
    spans = _Spans()
    for concept in concepts:
        for label in labels.get(concept, ()):
            for found in _label_pattern(label).finditer(text):
                spans.add(found.start(), found.end(), concept)
    return spans


@cache
def _label_pattern(label: str) -> re.Pattern[str]:
    """A label as a statement may write it: any case, a hyphen or a space between its words, maybe plural."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", label.strip()) if w]
    return re.compile(r"(?<![\w-])" + r"[\s-]".join(words) + r"(?:e?s)?(?![\w-])", re.IGNORECASE)


def _list_after(text: str, start: int, spans: _Spans, joiner: re.Pattern[str], qualifier: re.Pattern[str]
                ) -> list[str]:  # fmt: skip
    """The concepts of the list written from `start`: a label, then a joiner and a label, as long as they go on; the
    last one not when a qualifier follows it ("such as cellulitis that has failed …")."""
    members: list[str] = []
    position = start
    while (found := spans.longest_from(position)) is not None:
        end, concepts = found
        joined = joiner.match(text, end)
        if joined is not None and joined.group("last") and (last := spans.longest_from(joined.end())) is not None:
            members += sorted(concepts)
            end, concepts = last
        elif joined is not None and joined.group("mark"):
            members += sorted(concepts)
            position = joined.end()
            continue
        if not qualifier.match(text, end):
            members += sorted(concepts)
        break
    return members
