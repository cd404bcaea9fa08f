"""The time a rate is given per (data/time-bases.json): "2.7% per year" is 2.7 percent each year, not 2.7 percent,
and "150 minutes a week" is a weekly duration. A phrase of the file written right after a figure gives the figure
its time base (`Statistic.per`, a time unit of data/quantities.json; ck:timeBase in the graph), and the operands of
a comparison too ("1.65% vs 2.19% per year"). A phrase followed by a word of ``not_after`` is a time point or an age
("15% a year later"), no time base. A figure of the same kind and unit written right before one with a time base,
with only a word of ``shared_by`` between, shares it ("3.09% and 3.36% per year"): the phrase is written once for
both, as a shared unit is ("4 or 7 days")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.input_checks import is_word_list, parsed_json_file
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir

__all__ = ["TIME_BASES_FILE", "TimeBases", "shipped_time_bases"]

TIME_BASES_FILE = "time-bases.json"
TIME_UNITS = frozenset({"hour", "day", "week", "month", "year"})
"""The time units a base may name (units of data/quantities.json)."""
NO_RATE = frozenset({StatisticKind.P_VALUE, StatisticKind.RATIO, StatisticKind.CONFIDENCE_INTERVAL,
                     StatisticKind.SPREAD, StatisticKind.NUMBER_NEEDED})
"""Figures that are no amount of anything: a p-value, a ratio or a number needed to treat has no time base of its own
(a ratio of two rates is a ratio), nor an interval or spread, which is of its estimate."""


@dataclass(frozen=True)
class TimeBases:
    words: dict[str, str]
    """Phrase (lower case, single spaces) → its time unit."""
    after: re.Pattern[str]
    """A phrase right after a figure (matched at the figure's end), not followed by a word of not_after."""
    shared: re.Pattern[str]
    """What may stand between two figures that share one time base (matched in full)."""

    @classmethod
    def load(cls, path: Path) -> TimeBases:
        return parsed_json_file(path, cls._parse, "words (phrase → time unit), not_after and shared_by")

    @classmethod
    def _parse(cls, document: dict[str, object]) -> TimeBases:
        words, not_after, shared_by = document["words"], document["not_after"], document["shared_by"]
        if not (isinstance(words, dict) and words and all(
                isinstance(w, str) and w.strip() and u in TIME_UNITS for w, u in words.items())):
            raise ValueError(f"words: each phrase with one of the units {', '.join(sorted(TIME_UNITS))}")
        if not (is_word_list(not_after) and is_word_list(shared_by)):
            raise ValueError("not_after and shared_by: lists of words")
        joiners = "|".join(re.escape(w) for w in sorted(shared_by, key=lambda w: (-len(w), w)))
        return cls({" ".join(w.lower().split()): u for w, u in words.items()},
                   re.compile(rf"(?i)\s+({alternation(words)})(?![\w-])(?!\s+(?:{alternation(not_after)})(?!\w))"),
                   re.compile(rf"(?i)\s*(?:{joiners})\s*"))

    def base_after(self, text: str, statistic: Statistic) -> str | None:
        """The time unit of the phrase written right after `statistic`, if any."""
        if statistic.kind in NO_RATE or statistic.unit in TIME_UNITS and statistic.kind is not StatisticKind.DURATION:
            return None
        found = self.after.match(text, statistic.end)
        return None if found is None else self.words[" ".join(found.group(1).lower().split())]

    def read(self, text: str, statistics: tuple[Statistic, ...]) -> tuple[Statistic, ...]:
        """`statistics` (in reading order) with the time base each is given per."""
        based = [with_base(s, self.base_after(text, s)) for s in statistics]
        for position in range(len(based) - 2, -1, -1):  # right to left: "1%, 2% and 3% per year"
            first, second = based[position], based[position + 1]
            if (first.per is None and second.per is not None and (first.kind, first.unit) == (second.kind, second.unit)
                    and first.end <= second.start and self.shared.fullmatch(text, first.end, second.start)):
                based[position] = with_base(first, second.per)
        return tuple(based)


def with_base(statistic: Statistic, per: str | None) -> Statistic:
    """`statistic` and its operands given per `per` (unchanged when `per` is None)."""
    if per is None:
        return statistic
    return replace(statistic, per=per, operands=tuple(replace(o, per=per) for o in statistic.operands))


@lru_cache(maxsize=1)
def shipped_time_bases() -> TimeBases:
    return TimeBases.load(data_dir() / TIME_BASES_FILE)
