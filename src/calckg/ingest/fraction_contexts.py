"""Where a fraction word is no proportion (data/fraction-contexts.json): "a second and a third reading" is an
ordinal, "the upper half of the reference range" a part of something ordered, "two and a half times" a mixed number.
A fraction word written right after one of the file's words is no figure (:func:`calckg.ingest.numbers`)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.resources import data_dir

__all__ = ["FRACTION_CONTEXTS_FILE", "FractionContexts", "shipped_fraction_contexts"]

FRACTION_CONTEXTS_FILE = "fraction-contexts.json"


class FractionContexts:
    def __init__(self, not_after: list[str]) -> None:
        self.not_after = tuple(not_after)
        self._before = re.compile(rf"(?i)(?<!\w)(?:{alternation(not_after)})\s+$")

    @classmethod
    def load(cls, path: Path) -> FractionContexts:
        try:
            words = json.loads(path.read_text(encoding="utf-8"))["not_after"]
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise ValueError("not_after must be a list of words")
            return cls(words)
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: expected a list of words under 'not_after' ({error})") from None

    def no_proportion(self, text: str, start: int) -> bool:
        """Whether the fraction word at `start` follows one of the words: an ordinal, a part or a mixed number."""
        return self._before.search(text, 0, start) is not None


@lru_cache(maxsize=1)
def shipped_fraction_contexts() -> FractionContexts:
    return FractionContexts.load(data_dir() / FRACTION_CONTEXTS_FILE)
