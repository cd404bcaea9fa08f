"""Numbers in a statement's text → typed `Statistic`s (percentages, ranges, p-values, comparisons, doses,
durations, thresholds, counts, ratios, confidence intervals…).

Each pattern is tried over the whole text; overlapping matches are resolved by pattern priority (the
order of `_patterns()`), so "55% vs. 47%" (or "versus") is one comparison with two percentage operands, not two loose
percentages. Spans index the statement text. Patterns for figures with a unit, thresholds, counts of named things,
named ratios and confidence intervals are built from the words of data/quantities.json (`calckg.ingest.quantities`),
which also lists the hedging qualifiers and the comparator words ("more than", "or larger") read around every figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache

from calckg.claim_cues import alternation
from calckg.ingest.fraction_contexts import shipped_fraction_contexts
from calckg.ingest.frequencies import frequency, frequency_pattern, part_of_whole_pattern
from calckg.ingest.bare_values import shipped_bare_values
from calckg.ingest.number_fragments import NAME_BEFORE
from calckg.ingest.pairs import ValuePairs, bounding, shared_around, shipped_pairs
from calckg.ingest.quantities import HYPHEN, MEASURED, NUMBER, THOUSANDS, Builder, Lexicon, shipped_lexicon
from calckg.ingest.spreads import shipped_spreads
from calckg.ingest.time_bases import shipped_time_bases
from calckg.ingest.time_bounds import shipped_time_bounds
from calckg.model import Statistic, StatisticKind

NO_COMPARATOR = (StatisticKind.P_VALUE, StatisticKind.COMPARISON, StatisticKind.SPREAD)
"""A p-value has its own sign, "vs" is none, and a spread bounds nothing."""


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


def _range(match: re.Match[str]) -> Statistic | None:
    low, high = Decimal(match.group(1)), Decimal(match.group(2))
    if low > high:
        return None  # "40%-30%" is no range: its numbers are read one by one
    return Statistic(StatisticKind.PERCENTAGE_RANGE, match.group(0), match.start(), match.end(), low=low, high=high,
                     unit="percent")  # fmt: skip


def _p_value(match: re.Match[str]) -> Statistic:
    return Statistic(
        StatisticKind.P_VALUE, match.group(0), match.start(), match.end(),
        value=Decimal(match.group(2)), comparator=match.group(1),
    )  # fmt: skip


def _sample_size(match: re.Match[str]) -> Statistic:
    """A study's size in its notation, "(n = 8,442)": a count of what "n" counts, its measure "n" as written."""
    return Statistic(
        StatisticKind.COUNT, match.group(0), match.start(), match.end(),
        value=Decimal(match.group(2).replace(",", "")), measure=match.group(1),
    )  # fmt: skip


def _mean(match: re.Match[str]) -> Statistic:
    measure = match.group(1).lower()
    return Statistic(
        StatisticKind.MEAN, match.group(0), match.start(), match.end(),
        value=Decimal(match.group(2)), measure=measure, unit="year" if measure == "age" else None,
    )  # fmt: skip


@lru_cache(maxsize=4)
def _patterns(lexicon: Lexicon) -> tuple[tuple[re.Pattern[str], Builder], ...]:
    words = lexicon.patterns()
    bare, spreads = shipped_bare_values(), shipped_spreads(lexicon)
    return (
        (spreads.named_pattern, spreads.named),  # "(IQR 3-8 days)" before the range "3-8 days"
        words["confidence"],
        (re.compile(rf"({NUMBER})\s*%\s+(?:vs\.?|versus)\s+({NUMBER})\s*%"), _comparison),
        words["word range"],  # before the range: "from 72.9% to 81.9%" may be a change (quantities.change_ranges)
        (re.compile(rf"({NUMBER})\s*%?(?:\s*{HYPHEN}\s*|\s+to\s+)({NUMBER})\s*%"), _range),
        (re.compile(r"\b[pP]\s*([<>=≤≥])\s*(\d*\.\d+|\d+)"), _p_value),
        words["number word range"],
        words["unit range"],
        words["named estimate"],  # a named ratio or difference, before its unit and a mean: "mean difference of 2.5 days"
        (re.compile(rf"\bmean\s+([a-z]+)\s+of\s+({NUMBER})\b"), _mean),
        words["unit"],
        words["hyphen count"],
        words["fraction"],
        (frequency_pattern(lexicon), lambda match: frequency(match, lexicon)),  # "1 in 3", "one in five women"
        (part_of_whole_pattern(lexicon), lambda match: frequency(match, lexicon)),  # "13 of 16 patients"
        words["ratio abbreviation"],
        words["count"],
        (re.compile(rf"(?<![\w.])([nN])\s*=\s*({THOUSANDS}|\d+)(?![\d.,]?\d)"), _sample_size),  # "(n = 8,442)"
        (re.compile(rf"({NUMBER})\s*%"), _percentage),
        words["threshold"],
        words["threshold after"],
        (bare.pattern, lambda match: bare.read(match, lexicon)),  # "2.78 with the opioid"
        (spreads.bare_estimate_pattern, spreads.bare_estimate),  # "22 (IQR 17-29)"
    )


def _with_words_around(text: str, statistic: Statistic, lexicon: Lexicon) -> Statistic:
    qualifier = lexicon.qualifier(text, statistic.start)
    comparator = statistic.comparator
    if statistic.kind not in NO_COMPARATOR:
        comparator = lexicon.comparator(text, statistic.start, statistic.end, statistic.unit)
    if qualifier is None and comparator == statistic.comparator:
        return statistic
    return Statistic(**{**statistic.__dict__, "qualifier": qualifier, "comparator": comparator})


def _stands_alone(text: str, statistic: Statistic, lexicon: Lexicon) -> bool:
    """The figure is no piece of another number, of a longer unit (a ratio per unit keeps its value: "OR 1.04 per
    hour"), of other digits than ASCII ("４ mmHg") or a confidence level ("95% CI"), nor a fraction word that is an
    ordinal, a part or a mixed number ("a second and a third reading": calckg.ingest.fraction_contexts), nor a count
    whose number ends a name in capitals ("PEARL 2 trials": NAME_BEFORE)."""
    return not (lexicon.in_another_number(text, statistic.start, statistic.end)
                or statistic.unit == "fraction" and shipped_fraction_contexts().no_proportion(
                    text, statistic.start, statistic.end)
                or statistic.kind is not StatisticKind.RATIO and lexicon.in_longer_unit(text, statistic.end)
                or any(c.isdecimal() and not c.isascii() for c in statistic.surface)
                or statistic.kind is StatisticKind.COUNT and NAME_BEFORE.search(text, 0, statistic.start) is not None
                or statistic.kind is StatisticKind.PERCENTAGE and lexicon.is_confidence_level(text, statistic.end))


def extract_statistics(text: str, lexicon: Lexicon | None = None, pairs: ValuePairs | None = None
                       ) -> tuple[Statistic, ...]:  # fmt: skip
    """Every number mentioned in `text`, in reading order, each typed by what it measures; a value pair
    (:mod:`calckg.ingest.pairs`: "140/90 mmHg") first, as two figures sharing the words around it, and a figure with
    its spread after a plus-minus sign (:mod:`calckg.ingest.spreads`: "7.2 ± 8.1 years") first too; a rate with the
    time it is given per (:mod:`calckg.ingest.time_bases`: "2.7% per year")."""
    lexicon, pairs = lexicon or shipped_lexicon(), pairs or shipped_pairs()
    found_pairs = pairs.find(text, lexicon)
    candidates = [(s.start, -1, s, s.end) for pair in found_pairs for s in pair if not
                  lexicon.in_another_number(text, s.start, s.end)]
    candidates += [(s.start, -1, s, s.end) for estimate, spread in shipped_spreads(lexicon).pairs(text)
                   if not lexicon.in_another_number(text, estimate.start, estimate.end) for s in (estimate, spread)]
    candidates += [
        (match.start(), priority, statistic, match.end())
        for priority, (pattern, builder) in enumerate(_patterns(lexicon))
        for match in pattern.finditer(text)
        if (statistic := builder(match)) is not None and _stands_alone(text, statistic, lexicon)
    ]
    accepted: dict[tuple[int, int], Statistic] = {}
    for start, _, statistic, end in sorted(candidates, key=lambda c: (c[1], c[0])):
        if any(start < other_end and other_start < end for other_start, other_end in accepted):
            continue
        accepted[(start, end)] = _with_words_around(text, statistic, lexicon)
    bounds = shipped_time_bounds()  # "after 20 weeks of pregnancy": a bound only in its context
    for span, statistic in accepted.items():
        if statistic.comparator is None and (sign := bounds.comparator(text, statistic)) is not None:
            accepted[span] = replace(statistic, comparator=sign)
    for first, second in found_pairs:
        spans = [(first.start, first.end), (second.start, second.end)]
        if all(span in accepted and accepted[span].measure == s.measure
               for span, s in zip(spans, (first, second), strict=True)):
            accepted[spans[0]], accepted[spans[1]] = shared_around(accepted[spans[0]], accepted[spans[1]])
    for lower, upper in pairs.ranges(text, found_pairs, lexicon):  # "140/90 mmHg to 159/99 mmHg"
        spans = [(s.start, s.end) for s in (*lower, *upper)]
        if all(span in accepted and accepted[span].comparator is None for span in spans):
            for (first, second), sign in ((spans[:2], "≥"), (spans[2:], "≤")):
                accepted[first], accepted[second] = bounding((accepted[first], accepted[second]), sign)
    _bound_cross_unit_ranges(text, accepted, lexicon)
    _share_units_before_versus(text, accepted)
    return shipped_time_bases().read(text, tuple(sorted(accepted.values(), key=lambda s: s.start)))


def _share_units_before_versus(text: str, accepted: dict[tuple[int, int], Statistic]) -> None:
    """A number right before "vs" and a figure in a unit makes a comparison of two values in that unit
    (calckg.ingest.bare_values: "3.0 vs 4.9 per 100 patient-years"), unless another figure holds its digits."""
    bare = shipped_bare_values()
    for span, figure in list(accepted.items()):
        shared = bare.shared_unit(text, figure)
        if shared is not None and not any(s < figure.start and shared.start < e for s, e in accepted):
            del accepted[span]
            accepted[(shared.start, shared.end)] = shared


_RANGE_JOIN = re.compile(rf"(?i)\s*(?:{HYPHEN}|to)\s*")


@cache
def _range_word_joins(range_words: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a range's opening word right before a figure, its joining word between two figures) of data/quantities.json's
    range_words ("between" … "and")."""
    return (re.compile(rf"(?i)(?<!\w)(?:{alternation(a for a, _ in range_words)})\s+$"),
            re.compile(rf"(?i)\s+(?:{alternation(b for _, b in range_words)})\s+"))


def _bound_cross_unit_ranges(text: str, accepted: dict[tuple[int, int], Statistic], lexicon: Lexicon) -> None:
    """Two figures of one kind in different units joined by a range's dash or "to", or written inside its range
    words ("between 600 mg and 1,800 mg a day": method 134), are the bounds of one range ("6 months to 2 years",
    "500 mg to 1 g"): no range reads them as one, so the first is ≥ and the second ≤, as a range of value pairs is
    ("140/90 mmHg to 159/99 mmHg"); read alone, each was claimed as the whole figure."""
    opening, joining = _range_word_joins(lexicon.range_words)
    ordered = sorted(accepted.items(), key=lambda item: item[0][0])
    for (span, low), (next_span, high) in zip(ordered, ordered[1:], strict=False):
        if (low.kind is high.kind and low.kind in MEASURED and None not in (low.unit, high.unit)
                and low.unit != high.unit and low.comparator is None and high.comparator is None
                and (_RANGE_JOIN.fullmatch(text, low.end, high.start)
                     or (joining.fullmatch(text, low.end, high.start) and opening.search(text, 0, low.start)))):
            accepted[span], accepted[next_span] = replace(low, comparator="≥"), replace(high, comparator="≤")
