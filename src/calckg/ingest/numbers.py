"""Numbers in a statement's text → typed `Statistic`s (percentages, ranges, p-values, comparisons…).

Each pattern is tried over the whole text; overlapping matches are resolved by pattern priority (the
order of `_PATTERNS`), so "55% vs. 47%" is one comparison with two percentage operands, not two loose
percentages. Spans index the statement text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from calckg.model import Statistic, StatisticKind

NUMBER = r"\d+(?:\.\d+)?"
HYPHEN = "[-\u2010\u2011\u2013]"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
FRACTION_WORDS = {"half": Decimal("0.5"), "a third": Decimal("0.33"), "a quarter": Decimal("0.25")}
_WORD = "|".join(NUMBER_WORDS)
_QUALIFIER = re.compile(
    r"(?:(?:only|in)\s+)?(approximately|about|up to|nearly|almost|around|over|more than|less than|at least)\s+$"
    r"|\b(only)\s+$",
    re.IGNORECASE,
)

Builder = Callable[[re.Match[str]], Statistic]


def _number(token: str) -> Decimal:
    return Decimal(NUMBER_WORDS[token.lower()]) if token.lower() in NUMBER_WORDS else Decimal(token)


def _percentage(match: re.Match[str], group: int = 1) -> Statistic:
    return Statistic(
        StatisticKind.PERCENTAGE,
        match.group(0) if group == 1 else match.group(group) + "%",
        match.start(group),
        match.end(0) if group == 1 else match.end(group) + 1,
        value=Decimal(match.group(group)),
        unit="percent",
    )


def _comparison(match: re.Match[str]) -> Statistic:
    first = Statistic(
        StatisticKind.PERCENTAGE, match.group(1) + "%", match.start(1), match.start(1) + len(match.group(1)) + 1,
        value=Decimal(match.group(1)), unit="percent",
    )  # fmt: skip
    second = Statistic(
        StatisticKind.PERCENTAGE, match.group(2) + "%", match.start(2), match.start(2) + len(match.group(2)) + 1,
        value=Decimal(match.group(2)), unit="percent",
    )  # fmt: skip
    return Statistic(
        StatisticKind.COMPARISON, match.group(0), match.start(), match.end(), unit="percent", operands=(first, second)
    )


def _range(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.PERCENTAGE_RANGE, match.group(0), match.start(), match.end(),
        low=Decimal(match.group(1)), high=Decimal(match.group(2)), unit="percent",
    )  # fmt: skip


def _p_value(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.P_VALUE, match.group(0), match.start(), match.end(),
        value=Decimal(match.group(2)), comparator=match.group(1),
    )  # fmt: skip


def _mean(match: re.Match[str]) -> Statistic:
    measure = match.group(1).lower()
    return Statistic(
        StatisticKind.MEAN, match.group(0), match.start(), match.end(),
        value=Decimal(match.group(2)), measure=measure, unit="year" if measure == "age" else None,
    )  # fmt: skip


def _length(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.LENGTH, match.group(0), match.start(), match.end(),
        value=_number(match.group(1)), unit="centimetre",
    )  # fmt: skip


def _count(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.COUNT, match.group(0), match.start(), match.end(), value=_number(match.group(1)), unit="view"
    )


def _proportion(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.PROPORTION, match.group(0), match.start(), match.end(),
        value=FRACTION_WORDS[match.group(0).lower()], unit="fraction",
    )  # fmt: skip


_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (re.compile(rf"({NUMBER})\s*%\s+vs\.?\s+({NUMBER})\s*%"), _comparison),
    (re.compile(rf"({NUMBER})\s*{HYPHEN}\s*({NUMBER})\s*%"), _range),
    (re.compile(r"\b[pP]\s*([<>=≤≥])\s*(\d*\.\d+|\d+)"), _p_value),
    (re.compile(rf"\bmean\s+([a-z]+)\s+of\s+({NUMBER})\b"), _mean),
    (re.compile(rf"\b({NUMBER}|{_WORD})\s*(?:centimet(?:er|re)s?|cm)\b", re.IGNORECASE), _length),
    (re.compile(rf"\b({_WORD}|\d+){HYPHEN}views?\b", re.IGNORECASE), _count),
    (re.compile(r"\b(?:half|a third|a quarter)\b", re.IGNORECASE), _proportion),
    (re.compile(rf"({NUMBER})\s*%"), _percentage),
)


def _with_qualifier(text: str, statistic: Statistic) -> Statistic:
    match = _QUALIFIER.search(text, 0, statistic.start)
    if match is None:
        return statistic
    qualifier = " ".join(part for part in match.group(0).lower().split() if part != "in")
    return Statistic(**{**statistic.__dict__, "qualifier": qualifier})


def extract_statistics(text: str) -> tuple[Statistic, ...]:
    """Every number mentioned in `text`, in reading order, each typed by what it measures."""
    candidates = [
        (match.start(), priority, builder(match), match.end())
        for priority, (pattern, builder) in enumerate(_PATTERNS)
        for match in pattern.finditer(text)
    ]
    accepted: list[Statistic] = []
    taken: list[tuple[int, int]] = []
    for start, _, statistic, end in sorted(candidates, key=lambda c: (c[1], c[0])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        accepted.append(_with_qualifier(text, statistic))
    return tuple(sorted(accepted, key=lambda s: s.start))
