"""Where a fraction word is no proportion (data/fraction-contexts.json): "a second and a third reading" is an
ordinal, "the upper half of the reference range" a part of something ordered, "two and a half times" a mixed number.
A fraction word written right after a word of the file's `not_after`, or right before one of its `not_before` ("only
4% on a third medicine": an ordinal before what it counts, method 119), is no figure (:func:`calckg.ingest.numbers`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.resources import data_dir
from calckg.word_files import read_word_list

__all__ = ["FRACTION_CONTEXTS_FILE", "FractionContexts", "shipped_fraction_contexts"]

FRACTION_CONTEXTS_FILE = "fraction-contexts.json"


class FractionContexts:
    def __init__(self, not_after: list[str], not_before: list[str]) -> None:
        self.not_after = tuple(not_after)
        self._before = re.compile(rf"(?i)(?<!\w)(?:{alternation(not_after)})\s+$")
        self._after = re.compile(rf"(?i)\s+(?:{alternation(not_before)})(?![\w-])")

    @classmethod
    def load(cls, path: Path) -> FractionContexts:
        return cls(read_word_list(path, "not_after"), read_word_list(path, "not_before"))

    def no_proportion(self, text: str, start: int, end: int) -> bool:
        """Whether the fraction word at text[start:end] follows a word of `not_after` or comes right before one of
        `not_before`: an ordinal, a part or a mixed number."""
        return self._before.search(text, 0, start) is not None or self._after.match(text, end) is not None


@lru_cache(maxsize=1)
def shipped_fraction_contexts() -> FractionContexts:
    return FractionContexts.load(data_dir() / FRACTION_CONTEXTS_FILE)
