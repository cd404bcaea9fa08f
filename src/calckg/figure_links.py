"""Which figure of a sentence another figure belongs to: the results a p-value is for, the estimate an interval is of,
the figure a spread is of.

All read the sentence's figures in their written order (no words): a p-value closes the results written before it,
a confidence interval follows the estimate it bounds ("hazard ratio 1.34; 95% CI 1.03-1.73", "difference 1.3 mm;
95% CI -9.8 to 7.1", "odds ratio 2.32 (95% CI 1.74-3.08, p < 0.0001)"), and a spread follows its figure with only a
bracket, a comma or a semicolon between ("7.2 ± 8.1 years", "58 mmol/mol (SD 12)").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from calckg.model import Statistic, StatisticKind

__all__ = ["NO_P_VALUE", "estimates_of", "interval_estimates", "p_value_of_each", "spread_estimates"]

NO_P_VALUE = frozenset({StatisticKind.COUNT, StatisticKind.DURATION, StatisticKind.P_VALUE, StatisticKind.SPREAD})
"""Figures a p-value of their sentence never belongs to (method 9): a sample size ("Of 184 patients"), a time ("at
24 hours"), a p-value itself ("P = 0.034" carried the sentence's first p-value, 0.005) and a spread (method 110:
"from 12.7 ± 7.7 to 8.9 ± 6.2 (p<0.001)" tests the change, not the standard deviations)."""
NO_ESTIMATE = NO_P_VALUE | {StatisticKind.CONFIDENCE_INTERVAL}
"""Figures no interval is of: a sample size, a time, a p-value, a spread, another interval."""
NO_SPREAD = frozenset({StatisticKind.P_VALUE, StatisticKind.CONFIDENCE_INTERVAL, StatisticKind.SPREAD,
                       StatisticKind.COMPARISON})
"""Figures no spread is of: a p-value, an interval, another spread, a comparison of two values."""
EFFECT_ESTIMATES = frozenset({StatisticKind.RATIO, StatisticKind.DIFFERENCE, StatisticKind.NUMBER_NEEDED})
"""Effect estimates: what an arm did to an outcome against another arm, one comparison's estimate ("odds ratio 1.8",
"difference 7.3%", "number needed to treat 5")."""
_SPREAD_GAP = re.compile(r"[\s(\[,;]*")


_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
"""A decimal number: a result the reader may leave unread (no unit), unlike the whole numbers of names ("phase 3")."""


def p_value_of_each(statistics: Sequence[Statistic], text: str = "",
                    another_result: Callable[[str], bool] | None = None,
                    listed: Callable[[str, int, int], bool] | None = None) -> dict[int, Statistic]:  # fmt: skip
    """The p-value each figure of a sentence may carry, by position (0-based; :data:`NO_P_VALUE` is the caller's).
    One p-value: every figure's, unless two results or more each close with a confidence interval before it: then
    the figures after the second-to-last interval only (method 15). Two or more (method 10): each belongs to the
    figures written after the p-value before it and up to it ("reduced mortality by 58% (relative risk 0.42; …;
    P = 0.02) and by 78% (relative risk 0.22; …; P = 0.04)"), and figures after the last p-value get none; when a
    p-value has no figure of its own so, none does: the sentence does not say which result each belongs to
    ("37.8%, 32.7% and 15.5% with placebo (P = 0.005 and P = 0.034 versus placebo)" gave 32.7% and placebo's
    15.5% the first one). A p-value in parentheses that close a result (a figure of `text` written before it) is no
    figure's written after them where the words from the parenthesis to it begin `another_result` ("reduced death by
    21% (95% CI 4 to 35, p=0.02) and heart failure by 64%", method 28); it stays that of a restatement ("(…; p =
    0.04), a 14% relative risk reduction") and of a figure after it when no result stands before it ("the reduction
    (p < 0.001) was 21%"). One p-value after two lists of figures of one kind or more (`listed`: the text between two
    figures joins two items of a list) and an effect estimate after them is the estimate's, none of the items'
    (method 142): "45% and 42% of people, compared with 34% and 31% with placebo (odds ratio in SUNSHINE 1.8, …,
    p=0.007)" compares two trials' arms, and the p-value is of the one comparison the estimate names; without an
    estimate ("… compared with 44.9% and 42.9% … (p<0.001)") it stays every item's."""
    found = [i for i, statistic in enumerate(statistics) if statistic.kind is StatisticKind.P_VALUE]
    if len(found) == 1:
        # two results each closed by its own interval before the one p-value: it is the last one's ("(HR 1.18;
        # 95% CI 0.95 to 1.47), but … (HR 0.60; 95% CI 0.48 to 0.75; P < .001)": 1.18 is no significant result)
        p_value = statistics[found[0]]
        intervals = [i for i in range(found[0]) if statistics[i].kind is StatisticKind.CONFIDENCE_INTERVAL]
        first = intervals[-2] + 1 if len(intervals) >= 2 else 0
        close = _closing(text, p_value.start, p_value.end)
        last = len(statistics)
        if (close is not None and another_result is not None
                and (any(statistics[i].kind not in NO_P_VALUE for i in range(first, found[0]))
                     or _unread_number_before(text, p_value.start, statistics))):
            last = next((i for i in range(found[0], len(statistics))
                         if statistics[i].start > close and another_result(text[close + 1 : statistics[i].start])), last)
        items = _items_of_lists(statistics, text, range(first, found[0]), listed)
        return dict.fromkeys((i for i in range(first, last) if i not in items), p_value)
    owner: dict[int, Statistic] = {}
    for previous, position in zip([-1, *found], found, strict=False):
        figures = [i for i in range(previous + 1, position) if statistics[i].kind not in NO_P_VALUE]
        if not figures:
            return {}
        owner.update(dict.fromkeys(figures, statistics[position]))
    return owner


def _items_of_lists(statistics: Sequence[Statistic], text: str, positions: range,
                    listed: Callable[[str, int, int], bool] | None) -> frozenset[int]:  # fmt: skip
    """The positions of the items of lists of figures ("45% and 42%": figures of one kind with only a list's joining
    words between), when `positions` hold two such lists or more and an effect estimate after them (the one
    comparison the p-value is of); else none."""
    if listed is None:
        return frozenset()
    lists: list[list[int]] = []
    for position in positions:
        if statistics[position].kind in NO_P_VALUE:
            continue
        last = lists[-1][-1] if lists else None
        if (last is not None and statistics[last].kind is statistics[position].kind
                and listed(text, statistics[last].end, statistics[position].start)):
            lists[-1].append(position)
        else:
            lists.append([position])
    found = [items for items in lists if len(items) >= 2]
    estimate = any(statistics[i].kind in EFFECT_ESTIMATES for i in positions if found and i > found[-1][-1])
    return frozenset(i for items in found for i in items) if len(found) >= 2 and estimate else frozenset()


def _unread_number_before(text: str, start: int, statistics: Sequence[Statistic]) -> bool:
    """Whether a decimal number no figure reads stands before text[start:] ("reduced daily incontinence episodes by
    2.65 …, compared with 0.87 with placebo (p<0.001)": a result the reader left unread closes there, so the p-value
    is no later figure's either)."""
    return any(not any(s.start <= found.start() < s.end for s in statistics)
               for found in _DECIMAL.finditer(text, 0, start))


def _closing(text: str, start: int, end: int) -> int | None:
    """Where the parentheses around text[start:end] close, if it stands inside a pair of them."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or ")" in text[opening:start]:
        return None
    closing = text.find(")", end)
    return None if closing < 0 else closing


def interval_estimates(statistics: Sequence[Statistic]) -> dict[int, int]:
    """For each confidence interval of a sentence (0-based position), the figure it is the interval of: the
    nearest figure written before it that is no sample size, time, p-value or interval, when no other interval
    stands between them. An interval with no such figure before it is of none."""
    estimates: dict[int, int] = {}
    for position, statistic in enumerate(statistics):
        if statistic.kind is not StatisticKind.CONFIDENCE_INTERVAL:
            continue
        for before in range(position - 1, -1, -1):
            kind = statistics[before].kind
            if kind is StatisticKind.CONFIDENCE_INTERVAL:
                break
            if kind not in NO_ESTIMATE:
                estimates[position] = before
                break
    return estimates


def spread_estimates(statistics: Sequence[Statistic], text: str) -> dict[int, int]:
    """For each spread of a sentence (0-based position), the figure it is the spread of: the figure written right
    before it, only white space, an opening bracket, a comma or a semicolon between ("7.2 ± 8.1 years", "a median of
    3 (IQR 2-5)"), unless that is a p-value, an interval, a comparison or another spread. A count or a duration may
    have a spread ("54.2 ± 11.3 years"), unlike an interval's estimate."""
    return {position: position - 1 for position, statistic in enumerate(statistics)
            if statistic.kind is StatisticKind.SPREAD and position > 0
            and statistics[position - 1].kind not in NO_SPREAD
            and _SPREAD_GAP.fullmatch(text, statistics[position - 1].end, statistic.start) is not None}


def estimates_of(statistics: Sequence[Statistic], text: str) -> dict[int, int]:
    """The figure each interval or spread of a sentence is of (0-based positions): both take its concepts."""
    return {**interval_estimates(statistics), **spread_estimates(statistics, text)}
