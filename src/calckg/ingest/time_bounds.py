"""Time words that bound a duration only in a stated context (data/time-bounds.json): "after 20 weeks of pregnancy"
is a gestational age above 20 weeks, while "after 12 weeks of treatment" is when something was measured. A word of
the file right before a duration in one of its units, with a context phrase right after the duration, is the
duration's comparator; anywhere else the words stay no comparator (:mod:`calckg.ingest.quantities`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir

__all__ = ["TIME_BOUNDS_FILE", "TimeBounds", "shipped_time_bounds"]

TIME_BOUNDS_FILE = "time-bounds.json"
SIGNS = frozenset({"<", ">", "≤", "≥"})


@dataclass(frozen=True)
class TimeBounds:
    words: dict[str, str]
    """Bounding word (lower case) → its sign."""
    units: frozenset[str]
    before: re.Pattern[str]
    """A bounding word right before the duration (searched in the text before it)."""
    context: re.Pattern[str]
    """A context phrase right after the duration."""

    @classmethod
    def load(cls, path: Path) -> TimeBounds:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            words, units, context = document["words"], document["units"], document["context"]
            if not (isinstance(words, dict) and all(isinstance(w, str) and s in SIGNS for w, s in words.items())):
                raise ValueError("words: each word with one of the signs <, >, ≤, ≥")
            if not all(isinstance(x, str) for x in [*units, *context]) or not units or not context:
                raise ValueError("units and context: lists of words")
            return cls({w.lower(): s for w, s in words.items()}, frozenset(units),
                       re.compile(rf"(?i)(?<!\w)({alternation(words)})\s+$"),
                       re.compile(rf"(?i)['’]?\s+(?:{alternation(context)})(?!\w)"))
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{path}: expected words, units and context ({error})") from None

    def comparator(self, text: str, statistic: Statistic) -> str | None:
        """The sign a bounding word gives `statistic` in its context, if any."""
        if statistic.kind is not StatisticKind.DURATION or statistic.unit not in self.units:
            return None
        before = self.before.search(text, 0, statistic.start)
        if before is None or not self.context.match(text, statistic.end):
            return None
        return self.words[before.group(1).lower()]


@lru_cache(maxsize=1)
def shipped_time_bounds() -> TimeBounds:
    return TimeBounds.load(data_dir() / TIME_BOUNDS_FILE)
