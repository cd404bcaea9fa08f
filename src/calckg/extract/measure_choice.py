"""Which measure of the vocabulary a figure gives (its ck:outcome, :mod:`calckg.extract.claims`, methods 21 and 26).

The measure written nearest before the figure in the clause that states it, unless a quantity in another unit stands
between them: that quantity was the measure's ("a respiratory rate > 20 breaths/min or PaCO2 < 32 mmHg": the 32 mmHg
is no respiratory rate). Else a measure written right after the figure ("79% sensitivity"); one written further on
belongs to a figure of its own ("an LVEF of 35% or less and a resting heart rate of 70": the 35% is no heart rate). A
count or a duration gives none: a sample size, an age or a follow-up measures nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import Protocol, TypeVar

from calckg.extract.clause import ClauseReader
from calckg.figure_links import EFFECT_ESTIMATES
from calckg.ingest.quantities import shipped_lexicon
from calckg.link import ConceptMatch
from calckg.model import Statement, Statistic, StatisticKind

__all__ = ["QUANTITIES", "UNMEASURED", "acted_on", "before_its_conjunct", "figure_measure", "is_time",
           "named_for_a_later_figure", "reads_as_test_value", "tied_measure", "time_units", "untimed"]

UNMEASURED = frozenset({StatisticKind.COUNT, StatisticKind.DURATION})
NO_RESULT = UNMEASURED | {StatisticKind.CONFIDENCE_INTERVAL, StatisticKind.P_VALUE, StatisticKind.SPREAD}
"""Figures that are no result a concept can be named for: a count, a duration, an interval, a p-value or a spread."""
QUANTITIES = frozenset({StatisticKind.QUANTITY, StatisticKind.QUANTITY_RANGE})


class _Matched(Protocol):
    @property
    def match(self) -> ConceptMatch: ...


Mention = TypeVar("Mention", bound=_Matched)


def figure_measure(clauses: ClauseReader, statement: Statement, statistic: Statistic,
                   measures: Sequence[Mention], others: Sequence[Mention] = (), change: int | None = None
                   ) -> Mention | None:  # fmt: skip
    """The measure `statistic` gives among `measures` (the statement's mentions of measure concepts), if any; a
    measure before another result of the sentence is that result's when one of `others` (its other concepts) is
    named right before `statistic` (:func:`_named_after_a_result`). `change`: where the verb of a change written
    right before the figure starts (calckg.extract.cues.ClaimCues.change_before): a measure written before it brings
    the change about and is not what the figure measures ("cure lowered the risk of liver cancer by 72%": method
    147)."""
    if statistic.kind in UNMEASURED or is_time(statistic):
        return None  # … nor a range of times ("every 2–4 hours": method 100)
    clause = clauses.clause(statement.text, statistic.start, statistic.end)
    begin = clauses.own_conjunct_start(clause, statistic.start, statistic.end)
    before = [m for m in measures if m.match.end <= statistic.start and clause[m.match.start : m.match.end].strip()
              and (change is None or m.match.end > change)
              and not _in_an_earlier_conjunct(statement.text, clause, begin, m.match)
              and not any(m.match.end <= f.start < statistic.start and f.kind in QUANTITIES and f.unit
                          and f.unit != statistic.unit for f in statement.statistics)
              and not _named_after_a_result(clauses, statement, statistic, m, others)]  # fmt: skip
    after = (m for m in measures
             if m.match.start >= statistic.end and not statement.text[statistic.end : m.match.start].strip())
    return before[-1] if before else next(after, None)


def acted_on(clauses: ClauseReader, result_verb: re.Pattern[str], statement: Statement, statistic: Statistic,
             mentions: Sequence[Mention], given: Callable[[Mention], bool]) -> Mention | None:
    """The outcome of an effect estimate (a ratio, a difference or a number needed) whose clause has a result verb
    before it, with no other figure between: the first concept written after that verb and before the figure that
    is nothing `given` ("benzodiazepines reduced withdrawal seizures compared with placebo (relative risk 0.16 …)":
    seizure; method 132). None for any other figure, or when no such concept stands there: "… reduced stroke … by
    19% … (RR 0.81 …) and halved intracranial haemorrhage (RR 0.48 …)" leaves the second ratio to the other rules."""
    if statistic.kind not in EFFECT_ESTIMATES:
        return None
    clause = clauses.clause(statement.text, statistic.start, statistic.end)
    verbs = list(result_verb.finditer(clause, 0, statistic.start))
    if not verbs or any(verbs[-1].end() <= f.start < statistic.start for f in statement.statistics):
        return None
    acted = [m for m in mentions if verbs[-1].end() <= m.match.start and m.match.end <= statistic.start
             and not given(m)]
    return min(acted, key=lambda m: m.match.start) if acted else None


_COUNTS = frozenset({StatisticKind.COUNT, StatisticKind.QUANTITY})
"""A bare number with a bound ("3 or more") is a count of what follows it."""
_CUE_BEFORE = re.compile(r"\S+(?:\s+\S+){0,5}\s*$")
"""The last six words before a figure: a word of duration_cues among them says what the time is of."""
_LAST_WORD = re.compile(r"[^\W\d_]+$")
"""The unit word a time figure is written with ("days" of "3.2 days")."""
_POSSESSIVE = re.compile(r"['’]?\s*")
_WORD_AFTER = re.compile(r"[^\W\d_]+\s+")
"""After a figure, its possessive mark and one word may stand before a word that says what kind of time it is."""
_ONE_WORD = re.compile(r"\s*(?:[^\W\d_]+\s+)?")
"""At most one word between a concept and the figure it is named for ("heart failure by 64%")."""
_LINK_WORDS = re.compile(r"\s*(?:[^\W\d_]+\s+){1,3}")
"""One to three words between a concept and the result it is named for ("heart failure by 64%", "stroke occurred in
5.0%"); with none, a drug and its dose or strength ("metronidazole 0.75% cream")."""


def _named_after_a_result(clauses: ClauseReader, statement: Statement, statistic: Statistic, measure: Mention,
                          others: Sequence[Mention]) -> bool:  # fmt: skip
    """Whether a result of the sentence stands between `measure` and `statistic`, and after it a concept of `others`
    named for `statistic` or a result before it (:data:`_LINK_WORDS` between): "reduced death from any cause by 21% (…)
    and heart failure by 64%" measures heart failure by the 64%, not death; "reduced cardiovascular death from 5.9% to
    3.7% (…), hospital admission for heart failure from 4.1% to 2.7% (a 35% relative reduction)" no cardiovascular
    death by the 35% (method 96). Parallel results keep the measure: the arm of the
    one before, joined by a word of continuations, is no concept named for the next ("death from any cause occurred
    in 11.6% of patients taking dapagliflozin and 13.9% of those taking placebo")."""
    results = [f for f in statement.statistics
               if measure.match.end <= f.start and f.end <= statistic.start and f.kind not in NO_RESULT]
    return bool(results) and any(
        results[0].end <= m.match.start and m.match.end <= figure.start
        and _LINK_WORDS.fullmatch(statement.text, m.match.end, figure.start) is not None
        and not clauses.continues(statement.text[m.match.end : figure.start])
        for m in others for figure in (*results[1:], statistic))


def named_for_a_later_figure(statement: Statement, statistic: Statistic, match: ConceptMatch) -> bool:
    """Whether the concept written at `match`, after `statistic`, is named for a later result of the sentence: at
    most one word stands between it and that figure ("reduced death by 21% (95% CI 4 to 35) and heart failure by
    64%": heart failure is what the 64% measures, not the 21%; method 31). :data:`NO_RESULT` figures are none ("2 or
    more UTIs in 6 months" measures the UTIs)."""
    return match.start >= statistic.end and any(
        f.start >= match.end and f.kind not in NO_RESULT and _ONE_WORD.fullmatch(statement.text, match.end, f.start)
        for f in statement.statistics)


def tied_measure(text: str, match: ConceptMatch, statistic: Statistic) -> bool:
    """Whether the measure written at `match` is the figure's by its words: written right before it, with nothing
    or only the word its comparator was read from between ("serum creatinine above 1.5 mg/dL"), not a part of an
    outcome the figure is written further on for ("… or death occurred in 5%", "… kidney failure or death by 16%")."""
    between = text[match.end : statistic.start] if match.end <= statistic.start else "-"
    return not between.strip() or statistic.comparator is not None and _ONE_WORD.fullmatch(between) is not None


@cache
def time_units() -> frozenset[str]:
    """The units of data/quantities.json that count time ("day", "week"): a range in one is a course's length."""
    return frozenset(unit.key for unit in shipped_lexicon().units.values() if unit.kind is StatisticKind.DURATION)


def is_time(statistic: Statistic) -> bool:
    """Whether the figure is a time: a duration, or an amount or a range in a unit of :func:`time_units`."""
    return statistic.kind is StatisticKind.DURATION or statistic.kind in QUANTITIES and statistic.unit in time_units()


def untimed(clauses: ClauseReader, duration: re.Pattern[str], text: str, statistic: Statistic,
            statement_figures: Sequence[Statistic] = (), named: ConceptMatch | None = None) -> bool:
    """Whether the figure is a time that no word of duration_cues ("lasts", "duration") makes a concept's duration,
    written in its clause up to six words before it ("can last up to 1 week") or right after it, one word between
    at most ("of less than 2 weeks' duration"), and that is no window of a count with a bound before it in its clause
    (`statement_figures`: "2 or more UTIs in 6 months") or a count of the days the concept at `named` names ("the
    number of migraine days fell by 3.2 days"): a follow-up, a course, an interval, an age or a time to act
    ("over a median of 16 months", "for up to 72 hours", "within the first 3 hours", "under 60 years"), which measures
    nothing of its sentence (method 103)."""
    if not is_time(statistic):
        return False
    clause = clauses.clause(text, statistic.start, statistic.end)
    if any(f.kind in _COUNTS and f.unit is None and f.comparator is not None and f.end <= statistic.start
           and clause[f.start : f.end].strip() for f in statement_figures):
        return False  # the window of a bounded count: "2 or more UTIs in 6 months", "3 or more stools in 24 hours"
    before = _CUE_BEFORE.search(clause[: statistic.start])
    if before is not None and duration.search(before.group()):
        return False
    unit = _LAST_WORD.search(text, statistic.start, statistic.end)
    if (named is not None and unit is not None and named.end < statistic.start
            and re.match(rf"(?i)\s+{re.escape(unit.group())}(?![\w-])", clause[named.end : statistic.start])):
        return False  # a count of the days the concept names ("8.3 migraine days a month … fell by 3.2 days")
    start = _POSSESSIVE.match(text, statistic.end).end()  # type: ignore[union-attr]  # it matches the empty string
    word = _WORD_AFTER.match(text, start)
    return not any(duration.match(text, at) for at in (start, word.end() if word else start))


def reads_as_test_value(statistic: Statistic, dose_units: Collection[str]) -> bool:
    """Whether the figure reads like a laboratory test's value: an amount in a unit that is no time and no dose ("a
    serum urate below 360 micromol/litre", "140/90 mmHg"), or a threshold ("an HbA1c goal below 7%", "an eGFR of 20
    or more"). A share or a ratio (a result: "occurred in 13%", "relative risk 0.80"), a time, a dose, a count, a
    p-value or an interval is none (method 98)."""
    if statistic.kind in QUANTITIES:
        if statistic.unit is None:
            return statistic.comparator is not None
        return statistic.unit not in time_units() and statistic.unit not in dose_units
    return statistic.kind is StatisticKind.PERCENTAGE and statistic.comparator is not None


def before_its_conjunct(clauses: ClauseReader, text: str, statistic: Statistic, match: ConceptMatch) -> bool:
    """Whether the concept at `match` is written before the conjunct that states the figure, when that conjunct has
    a verb of its own (:meth:`calckg.extract.clause.ClauseReader.own_conjunct_start`): what an earlier conjunct
    measured is not what the figure measures ("… recurrence occurred in 23% …, and 46% and 13% respectively were
    still free of fungus"; "… did not reduce death …, and stroke occurred in 5.0%": method 102), unless that conjunct
    names it again ("BPPV is easily missed …, and in one study … 9% had undiagnosed BPPV")."""
    clause = clauses.clause(text, statistic.start, statistic.end)
    return _in_an_earlier_conjunct(text, clause, clauses.own_conjunct_start(clause, statistic.start, statistic.end),
                                   match)


def _in_an_earlier_conjunct(text: str, clause: str, begin: int | None, match: ConceptMatch) -> bool:
    """:func:`before_its_conjunct` with the figure's clause and the start of its own conjunct already read."""
    if begin is None or match.end > begin:
        return False
    return text[match.start : match.end].casefold() not in clause[begin:].casefold()  # named again there: its own
