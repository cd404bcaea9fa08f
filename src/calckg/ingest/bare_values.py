"""Decimal numbers written with no unit (data/bare-values.json): a trial's result on a scale or a count with no unit
word ("the mean pain score was 2.78 with the opioid and 2.25 with placebo"), or a bound ("a pH below 7.25 with …").

Such a number is a ck:Quantity with no unit, read last (any other reading of its digits wins), and only where the
file's words say nothing may stand for a unit after it: punctuation, the text's end or a *follower* ("with", "at",
"compared") comes right after it. Left unread: a label ("section 4.2"), a number after a name in capitals ("INR
2.5"), either end of a range ("2.1 to 3.4"), and the numbers of a list or comparison whose last number is followed by
a word that may be its unit ("4.8, 4.5 and 4.4 mmol/L": each alone would say what the sentence does not). A bare
number after a named ratio or difference and a few words with "for" or "of" is that estimate ("risk ratio for
persistent infection 0.66").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.ingest.number_fragments import NAME_BEFORE
from calckg.ingest.quantities import MEASURED, Lexicon
from calckg.ingest.quantity_entries import named_estimate, signed, spaced
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir
from calckg.word_files import read_word_list

__all__ = ["BARE_VALUES_FILE", "BareValues", "shipped_bare_values"]

BARE_VALUES_FILE = "bare-values.json"
ESTIMATE_GAP = 6
"""At most this many words between a named estimate's link (estimate_links: "for", "of", "in") and its bare number
("relative risk of death 0.70", "the odds ratio for hospital admission compared with placebo was 0.73", "odds ratio
in BE HEARD I 2.23": method 137)."""
_DECIMAL = r"\d+\.\d+"
_NO_TAIL = r"(?<![\w.,/:±+\u2010\u2011\u2013\u2212-])"
"""Before a number that starts a figure: no tail of another number, word, ratio ("1:2.5") or sign."""


@dataclass(frozen=True)
class BareValues:
    followers: tuple[str, ...]
    not_after: tuple[str, ...]
    list_joiners: tuple[str, ...]
    range_joiners: tuple[str, ...]
    estimate_links: tuple[str, ...]
    p_value_names: tuple[str, ...]
    links: tuple[str, ...]
    unit_sharing: tuple[str, ...]
    range_openers: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> BareValues:
        keys = ("followers", "not_after", "list_joiners", "range_joiners", "estimate_links", "p_value_names", "links",
                "unit_sharing", "range_openers")
        return cls(*(tuple(read_word_list(path, key)) for key in keys))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A decimal number that is no tail of another number, word, ratio ("1:2.5") or sign."""
        return re.compile(rf"{_NO_TAIL}(?P<value>{_DECIMAL})(?!\d|[.,]\d)")

    @cached_property
    def _closed(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)\s*(?:$|[,;:)(\]]|\.(?!\d))|\s+(?:{alternation(self.followers)})(?!\w)")

    @cached_property
    def _label(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)(?<!\w)(?:{alternation(self.not_after)})\.?\s+$")

    @cached_property
    def _range_before(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)\d%?\s*(?:{alternation(self.range_joiners)})\s*$")

    @cached_property
    def _range_after(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)\s*(?:{alternation(self.range_joiners)})\s*[-\u2212]?\d")

    @cached_property
    def _next_in_list(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)\s*(?:,\s*)?(?:{alternation(self.list_joiners)})\s*{_DECIMAL}(?!\d|[.,]\d)")

    def _list_ends_closed(self, text: str, end: int) -> bool:
        """The number at `end` and every number joined after it in a list end where no unit can follow."""
        while (joined := self._next_in_list.match(text, end)) is not None:
            end = joined.end()
        return self._closed.match(text, end) is not None

    def _unlabelled(self, text: str, start: int) -> bool:
        """No label, name in capitals, range or "between … and" stands right before text[start]."""
        return not (self._label.search(text, 0, start) or NAME_BEFORE.search(text, 0, start)
                    or self._range_before.search(text, 0, start) or self._range_opened.search(text, 0, start))

    @cached_property
    def _range_opened(self) -> re.Pattern[str]:
        """A range's first word, its first end and a joiner right before: "between 2.1 and" 3.4."""
        joiners = alternation(self.list_joiners + self.range_joiners)
        return re.compile(rf"(?i)(?<!\w)(?:{alternation(self.range_openers)})\s+\S+\s+(?:{joiners})\s*$")

    @cached_property
    def _before_sharing(self) -> re.Pattern[str]:
        return re.compile(rf"(?i){_NO_TAIL}(?P<value>[-\u2212]?\d+(?:\.\d+)?)\s*"  # "-0.55 vs -2.28 mL/min"
                          rf"(?:{alternation(self.unit_sharing)})\s*$")

    def shared_unit(self, text: str, figure: Statistic) -> Statistic | None:
        """The comparison of a number written right before "vs" and `figure` (in a unit), both in its unit ("3.0 vs
        4.9 per 100 patient-years": two arms' values, as "55% vs 47%" is), or None."""
        if figure.unit is None or figure.kind not in MEASURED:
            return None
        before = self._before_sharing.search(text, 0, figure.start)
        if before is None or not self._unlabelled(text, before.start("value")):
            return None
        first = Statistic(figure.kind, before["value"], before.start("value"), before.end("value"),
                          value=signed(before["value"]), unit=figure.unit)
        return Statistic(StatisticKind.COMPARISON, text[first.start : figure.end], first.start, figure.end,
                         unit=figure.unit, operands=(first, figure))

    def read(self, match: re.Match[str], lexicon: Lexicon) -> Statistic | None:
        """The figure of a bare decimal number (`match` of :attr:`pattern`), or None."""
        text, start, end = match.string, match.start("value"), match.end("value")
        if self._range_after.match(text, end) or not self._list_ends_closed(text, end):
            return None
        names = _estimate_names(lexicon)
        estimate = _estimate(names, self.estimate_links, self.links).search(text, max(0, start - 200), end)
        if not self._unlabelled(text, start):
            # a named estimate's trial may be a name in capitals ("odds ratio in SUNSHINE 1.8": method 139)
            return None if estimate is None else named_estimate(estimate, lexicon.estimate_kinds)
        if (p_value := self._p_value.search(text, max(0, start - 40), end)) is not None:  # "a p-value of 0.03"
            return Statistic(StatisticKind.P_VALUE, p_value[0], p_value.start(), end, value=Decimal(match["value"]),
                             comparator="=")  # fmt: skip
        if estimate is not None:
            return named_estimate(estimate, lexicon.estimate_kinds)  # "relative risk of death 0.70", "an OR of 1.82"
        if _interval_after(lexicon).match(text, end):  # "… 1.38 (95% CI 1.32-1.44) for X and 1.55 (95% CI …)"
            named = [m["name"] for m in re.finditer(names, text[:start])]
            kind = lexicon.estimate_kinds.get(spaced(named[-1]), StatisticKind.RATIO) if named else None
            if named and kind is not StatisticKind.NUMBER_NEEDED:
                return Statistic(kind, match["value"], start, end, value=Decimal(match["value"]), measure=named[-1])
        return Statistic(StatisticKind.QUANTITY, match["value"], start, end, value=Decimal(match["value"]))

    @cached_property
    def _p_value(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)(?<!\w)(?:{alternation(self.p_value_names)})\s+(?:(?:{alternation(self.links)})\s+)?"
                          rf"{_DECIMAL}$")


@lru_cache(maxsize=4)
def _estimate_names(lexicon: Lexicon) -> str:
    """The named estimates of the lexicon as one group `name`: ratios and differences any case, abbreviations as
    written ("OR", not "or")."""
    names = alternation(lexicon.ratio_names + tuple(lexicon.estimate_kinds))
    return rf"(?i)(?<!\w)(?P<name>{names}|(?-i:{alternation(lexicon.ratio_abbreviations)}))(?!\w)"


@lru_cache(maxsize=4)
def _interval_after(lexicon: Lexicon) -> re.Pattern[str]:
    """A confidence interval in brackets right after a number ("1.55 (95% CI 1.47-1.64)")."""
    return re.compile(rf"\s*[(\[]\s*\d+(?:\.\d+)?\s*%\s*(?:{alternation(lexicon.confidence)})(?!\w)")


@lru_cache(maxsize=4)
def _estimate(names: str, links: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A named estimate, a link ("for", "of", "in"), a few words and a verb right before a bare number that ends
    the searched text ("the odds ratio for hospital admission compared with placebo was 0.73")."""
    # words with no digit between: a figure's surface holds its own number only ("in EQ-5D score of 0.01")
    word = r"[^\W\d_][^\W\d]*(?:-[^\W\d]+)*"
    return re.compile(rf"{names}\s+(?:{alternation(links)})(?:\s+{word}){{0,{ESTIMATE_GAP}}}?"
                      rf"(?:\s+(?:{alternation(verbs)}))?\s+(?P<value>{_DECIMAL})$")


@lru_cache(maxsize=1)
def shipped_bare_values() -> BareValues:
    return BareValues.load(data_dir() / BARE_VALUES_FILE)
