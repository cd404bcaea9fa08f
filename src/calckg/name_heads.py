"""Words that make a concept's words part of a longer name (data/vocab/name-heads.json): "tyrosine kinase" is an
enzyme, "thrombin inhibitor" a drug class, "calcium-sensing receptor" a receptor. A concept whose words are
followed, after a space or a hyphen, by one of these words is not mentioned there: a term the vocabulary cannot
resolve is never forced onto the near match inside it. A name a vocabulary holds whole ("vitamin K antagonist")
is matched whole first, so the rule only removes the shorter match of a name no vocabulary has. Used for article
texts (:mod:`calckg.article_matcher`) and questions (:mod:`calckg.question_units`) alike."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.link import ConceptMatch
from calckg.resources import data_dir
from calckg.word_files import read_word_list

__all__ = ["NAME_HEADS_FILE", "NameHeads", "shipped_name_heads"]

NAME_HEADS_FILE = "name-heads.json"


class NameHeads:
    def __init__(self, heads: list[str]) -> None:
        self.heads = tuple(sorted({h.lower() for h in heads}))
        gap = r"(?:[ \u00a0]+|[ \u00a0]*[-\u2010\u2011][ \u00a0]*)"  # a space, or a hyphen: "calcium-sensing"
        self._after = re.compile(rf"(?i){gap}(?:{alternation(self.heads)})s?(?!\w)")

    @classmethod
    def load(cls, path: Path) -> NameHeads:
        return cls(read_word_list(path, "heads"))

    def heads_a_name(self, text: str, end: int) -> bool:
        """Whether a name head follows the words that end at `end` ("tyrosine" in "tyrosine kinase inhibitors")."""
        return self._after.match(text, end) is not None

    def keep(self, text: str, matches: tuple[ConceptMatch, ...]) -> tuple[ConceptMatch, ...]:
        """The matches that are not part of a longer name."""
        return tuple(m for m in matches if not self.heads_a_name(text, m.end))


@lru_cache(maxsize=1)
def shipped_name_heads() -> NameHeads:
    return NameHeads.load(data_dir() / "vocab" / NAME_HEADS_FILE)
