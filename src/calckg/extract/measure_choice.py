"""Which measure of the vocabulary a figure gives (its ck:outcome, :mod:`calckg.extract.claims`, methods 21 and 26).

The measure written nearest before the figure in the clause that states it, unless a quantity in another unit stands
between them: that quantity was the measure's ("a respiratory rate > 20 breaths/min or PaCO2 < 32 mmHg": the 32 mmHg
is no respiratory rate). Else a measure written right after the figure ("79% sensitivity"); one written further on
belongs to a figure of its own ("an LVEF of 35% or less and a resting heart rate of 70": the 35% is no heart rate). A
count or a duration gives none: a sample size, an age or a follow-up measures nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from calckg.extract.clause import ClauseReader
from calckg.link import ConceptMatch
from calckg.model import Statement, Statistic, StatisticKind

__all__ = ["QUANTITIES", "UNMEASURED", "figure_measure", "named_for_a_later_figure"]

UNMEASURED = frozenset({StatisticKind.COUNT, StatisticKind.DURATION})
NO_RESULT = UNMEASURED | {StatisticKind.CONFIDENCE_INTERVAL, StatisticKind.P_VALUE}
"""Figures that are no result a concept can be named for: a count, a duration, an interval or a p-value."""
QUANTITIES = frozenset({StatisticKind.QUANTITY, StatisticKind.QUANTITY_RANGE})


class _Matched(Protocol):
    @property
    def match(self) -> ConceptMatch: ...


Mention = TypeVar("Mention", bound=_Matched)


def figure_measure(clauses: ClauseReader, statement: Statement, statistic: Statistic,
                   measures: Sequence[Mention]) -> Mention | None:  # fmt: skip
    """The measure `statistic` gives among `measures` (the statement's mentions of measure concepts), if any."""
    if statistic.kind in UNMEASURED:
        return None
    clause = clauses.clause(statement.text, statistic.start, statistic.end)
    before = [m for m in measures if m.match.end <= statistic.start and clause[m.match.start : m.match.end].strip()
              and not any(m.match.end <= f.start < statistic.start and f.kind in QUANTITIES and f.unit
                          and f.unit != statistic.unit for f in statement.statistics)]  # fmt: skip
    after = (m for m in measures
             if m.match.start >= statistic.end and not statement.text[statistic.end : m.match.start].strip())
    return before[-1] if before else next(after, None)


_ONE_WORD = re.compile(r"\s*(?:[^\W\d_]+\s+)?")
"""At most one word between a concept and the figure it is named for ("heart failure by 64%")."""


def named_for_a_later_figure(statement: Statement, statistic: Statistic, match: ConceptMatch) -> bool:
    """Whether the concept written at `match`, after `statistic`, is named for a later result of the sentence: at
    most one word stands between it and that figure ("reduced death by 21% (95% CI 4 to 35) and heart failure by
    64%": heart failure is what the 64% measures, not the 21%; method 31). :data:`NO_RESULT` figures are none ("2 or
    more UTIs in 6 months" measures the UTIs)."""
    return match.start >= statistic.end and any(
        f.start >= match.end and f.kind not in NO_RESULT and _ONE_WORD.fullmatch(statement.text, match.end, f.start)
        for f in statement.statistics)
