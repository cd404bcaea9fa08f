"""Figures with a unit, thresholds, counts of named things, named ratios and confidence intervals, from the words
of data/quantities.json.

The file lists the units ("mg/day", "mL/min/1.73 m²", "hours"…) with the kind of figure each makes, the nouns a
count counts ("patients", "points"…), named ratios ("hazard ratio"…), comparator words written before or after a
figure ("more than", "or larger"…) with their sign, hedging qualifiers, and the few structural words of ranges
("between … and …"), confidence intervals ("95% CI …") and time points ("at 3 months"). :meth:`Lexicon.patterns`
turns them into (pattern, builder) pairs that `calckg.ingest.numbers` tries beside its own; no unit or cue word is
written here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.ingest.number_fragments import is_fragment, longer_unit_pattern, shared_unit_pattern, unit_pattern
from calckg.ingest.quantity_entries import (
    AMOUNT,
    NUMBER,
    THOUSANDS,
    During,
    change_ranges,
    change_statistic,
    comparator_signs,
    estimate_kinds,
    named_estimate,
    number_values,
    qualifier_prefixes,
    signed,
    spaced,
    squeezed,
    two_lists,
    unit_nouns,
    word_list,
)
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir

__all__ = ["HYPHEN", "NUMBER", "QUANTITIES_FILE", "Builder", "Lexicon", "shipped_lexicon"]

QUANTITIES_FILE = "quantities.json"
CHANGE_GAP = 12
"""At most this many words between a change word and the range it makes a change ("increased the eradication rate
from …"); a comma, semicolon, colon or bracket ends the clause first. Twelve since method 109 (six before): "increased
the proportion with complete recovery of facial function at 3 months from 63.6% to 83.0%" (ten words) and "increased
the proportion in whom PE could be excluded from 6.4% to 29.7%" (eight) were ranges of values; on 90 articles these
two were the only figures that changed."""
SIGNED = rf"[-\u2212]?{NUMBER}"
"""A bound of a confidence interval may be negative ("95% CI -9.6 to -1.7"; a hyphen or a minus sign)."""
START = r"(?<![\w.,\u2010\u2011\u2013-])"
"""Before a number that starts a figure: not the tail of another number, of a word ("HER-2") or a minus sign."""
END = r"(?!\d|[.,]\d)"  # nor the head of a decimal written with a comma ("1,5 mmol/L") or of "1,000" ("10,000")
SIGN = r"(?:(?<![\d%]\s)[-\u2212])?"
"""A minus sign (a hyphen or U+2212) of a threshold ("-2.5 or lower", "≤ −2.5") or of a value in a unit ("a change of
−0.3 mg/dL"), never the dash of a range written with spaces ("5 - 10")."""
HYPHEN = "[-\u2010\u2011\u2013]"
KINDS = {"quantity": StatisticKind.QUANTITY, "duration": StatisticKind.DURATION, "length": StatisticKind.LENGTH}
MEASURED = frozenset(KINDS.values())  # the kinds of a figure in a unit of the file
YEAR_DIGITS = 4  # a range of two 4-digit whole numbers without unit ("between 2010 and 2015") is a span of years

Builder = Callable[[re.Match[str]], "Statistic | None"]


@dataclass(frozen=True)
class Unit:
    key: str
    iri: str
    kind: StatisticKind


@dataclass(frozen=True, eq=False)
class Lexicon:
    units: dict[str, Unit]  # written form, lower case without spaces → unit
    unit_words: tuple[str, ...]  # the written forms as listed
    count_nouns: tuple[str, ...]
    ratio_names: tuple[str, ...]
    ratio_abbreviations: tuple[str, ...]
    before: dict[str, str]  # comparator written just before a figure (lower case, single spaces) → sign
    after: dict[str, str]  # comparator written just after a figure (lower case, single spaces) → sign
    qualifiers: tuple[str, ...]
    qualifier_prefixes: dict[str, bool]  # prefix of a qualifier ("only", "in") → kept in the qualifier
    time_points: tuple[str, ...]
    range_words: tuple[tuple[str, str], ...]
    word_range_words: tuple[str, ...]  # "one or two": two number words joined by one of these are a range
    confidence: tuple[str, ...]
    denominators: tuple[str, ...]  # "1 in 10 patients": the count is the denominator of a proportion
    number_words: dict[str, Decimal]  # lower case → value ("three" → 3)
    fraction_words: dict[str, Decimal]  # lower case, single spaces → value ("a third" → 0.33)
    hyphen_count_nouns: dict[str, str]  # noun → its unit's individual ("view" → "ck:ViewUnit"): "two-view"
    rate_words: tuple[str, ...] = ()  # "40 mg a day or less": written between a figure and its comparator after
    shared_unit_joiners: tuple[str, ...] = ()  # "4 or 7 days", "500/125 mg": the unit is both numbers'
    change_range: tuple[str, str] | None = None  # the range words that, after a change word, say from → to
    change_words: tuple[str, ...] = ()  # "increased the eradication rate from 72.9% to 81.9%": a change, no range
    part_of_another: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # "twenty-five", "± 1.3": (before, after)
    during: During = During()  # "given over 15 minutes" is no bound
    unit_denominators: tuple[str, ...] = ()  # "150 IU per kg" of no unit read: the figure is no "150 IU"
    case_sensitive_units: frozenset[str] = frozenset()  # "48 h" is hours, "HR 1.8" no duration
    estimate_kinds: dict[str, StatisticKind] = field(default_factory=dict)  # "mean difference -1.20", "NNT 5"

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            units, words = {}, []
            for entry in doc["units"]:
                unit = Unit(entry["unit"], entry["iri"], KINDS[entry["kind"]])
                if not re.fullmatch(r"ck:[A-Z][A-Za-z]*Unit", unit.iri) or not entry["words"]:
                    raise ValueError(f"unit {unit.key!r} needs an iri ck:…Unit and words")
                units.update({squeezed(word): unit for word in entry["words"]})
                words.extend(entry["words"])
            comparators = doc["comparators"]
            return cls(units, tuple(words), tuple(doc["count_nouns"]), tuple(doc["ratio_names"]),
                       tuple(doc["ratio_abbreviations"]), comparator_signs(comparators["before"]),
                       comparator_signs(comparators["after"]), tuple(doc["qualifiers"]),
                       qualifier_prefixes(doc["qualifier_prefixes"]), tuple(doc["time_point_words"]),
                       tuple((first, second) for first, second in doc["range_words"]), tuple(doc["word_range_words"]),
                       tuple(doc["confidence"]), tuple(doc["denominator_words"]), number_values(doc["number_words"]),
                       number_values(doc["fraction_words"]), unit_nouns(doc["hyphen_count_nouns"]),
                       word_list("rate_words", comparators.get("rate_words", [])),
                       word_list("shared_unit_joiners", doc.get("shared_unit_joiners", [])),
                       *change_ranges(doc.get("change_ranges")),
                       two_lists("part_of_another_number", doc.get("part_of_another_number"), "before", "after"),
                       During.of(comparators.get("during")),
                       word_list("unit_denominators", doc.get("unit_denominators", [])),
                       frozenset(word_list("case_sensitive_units", doc.get("case_sensitive_units", []))),
                       estimate_kinds(doc.get("difference_names", []), doc.get("number_needed_names", [])))  # fmt: skip
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{path}: expected units (unit, iri, kind, words), count_nouns, ratio_names, "
                             f"ratio_abbreviations, comparators (before, after: word → sign; rate_words), "
                             f"shared_unit_joiners, change_ranges (range: two words, after: words), qualifiers, "
                             f"qualifier_prefixes, time_point_words, range_words, word_range_words, confidence, "
                             f"denominator_words, number_words, fraction_words (word → value), "
                             f"hyphen_count_nouns (noun → ck:…Unit), part_of_another_number (before, after), "
                             f"comparators' during (words, units, bound_after, bound_before), unit_denominators, "
                             f"case_sensitive_units, difference_names, number_needed_names "
                             f"({error!r})") from None  # fmt: skip

    # -- words around a figure ---------------------------------------------------------------------------------

    def comparator(self, text: str, start: int, end: int, unit: str | None = None) -> str | None:
        """The sign of a comparator written just after text[start:end], else just before it or its hedge ("below about
        10 mg"), else None. The words after bind the figure; a word before may be a preposition of time: "worsen over
        14 days or less" is ≤ 14 days, not > 14 days, and "given over 15 minutes" is no bound (`during`)."""
        after = self._after.match(text, end)
        if after:
            return self.after[spaced(after.group(1))]
        hedged = self._qualifier.search(text, 0, start)  # "no larger than about 15 mm": the sign is before the hedge
        before = (self.comparator_before.search(text, 0, start)
                  or (hedged and self.comparator_before.search(text, 0, hedged.start())))
        word = None if before is None else spaced(before.group(1) or before.group(2))
        if word is None or (word in self.during.words and unit in self.during.units and not self._bounds_despite(
                text[: before.start()], text[end:])):  # fmt: skip
            return None
        return self.before[word]

    def _bounds_despite(self, text_before: str, text_after: str) -> bool:
        """A `during` word bounds the figure after all: "for over 3 weeks", "over 8 weeks old"."""
        previous, following = re.search(r"(\w+)\W*$", text_before), re.match(r"\W*(\w+)", text_after)
        return bool((previous and previous.group(1).lower() in self.during.bound_after)
                    or (following and following.group(1).lower() in self.during.bound_before))

    def qualifier(self, text: str, start: int) -> str | None:
        """A hedging word written just before text[start:] ("approximately", "only about"; a prefix "in" dropped)."""
        match = self._qualifier.search(text, 0, start)
        if match is None:
            return None
        dropped = {prefix for prefix, kept in self.qualifier_prefixes.items() if not kept}
        return " ".join(word for word in match.group(0).lower().split() if word not in dropped)

    def number(self, written: str) -> Decimal:
        """The value of a number written in digits (with commas between thousands: "15,581") or a number word."""
        word = written.lower()
        return self.number_words[word] if word in self.number_words else signed(written.replace(",", ""))

    def in_another_number(self, text: str, start: int, end: int) -> bool:
        """The figure text[start:end] is part of a number it does not read, a spread or a negative number
        (part_of_another_number): "five" of "twenty-five" or "five thousand", "1.3" of "2.6 ± 1.3", "0.3" of
        "−0.3"; or the head or tail of a number written with a decimal comma or with spaces between thousands
        ("p = 0" of "p = 0,03", "5 %" of "12,5 %", "000 people" of "100 000 people"), of "32+0" or of a range."""
        return bool(self._another[0].search(text, 0, start) or self._another[1].match(text, start)
                    or is_fragment(text, start, end))

    @cached_property
    def _another(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        before, after = (alternation(words) if words else "(?!)" for words in self.part_of_another)
        minus = r"(?:^|(?<=[\s(]))-"
        return (re.compile(rf"(?i)(?:(?<!\w)(?:{before})[\s\u2010\u2011-]*|{minus})$"),
                re.compile(rf"(?i)(?:{NUMBER}|[a-z]+)[\s\u2010\u2011-]+(?:{after})\b"))

    def in_longer_unit(self, text: str, end: int) -> bool:
        """The figure ending at text[end] is written in a longer unit than the one read (unit_denominators): "per"
        or "/" and a denominator follow, as in "150 IU per kg" or "250 mL per hour" where no such unit is listed,
        or a number and a word ("0.5 mg per 24 hours")."""
        return self._longer_unit.match(text, end) is not None

    @cached_property
    def _longer_unit(self) -> re.Pattern[str]:
        return longer_unit_pattern(self.unit_denominators)

    def is_confidence_level(self, text: str, end: int) -> bool:
        """The percentage ending at text[end] is a confidence level ("95% CI"): read with its interval or not at all."""
        return self._confidence_level.match(text, end) is not None

    @cached_property
    def _confidence_level(self) -> re.Pattern[str]:
        return re.compile(rf"\s*(?:{alternation(self.confidence)})(?!\w)" if self.confidence else "(?!)")

    def at_time_point(self, text: str, start: int) -> bool:
        return self._time_point.search(text, 0, start) is not None

    def shares_its_unit(self, text: str, start: int) -> bool:
        """The number at `start` is the last of two joined by a shared_unit_joiners word or sign, the unit written
        once after both ("4 or 7 days", "500/125 mg") or after each with a slash between (a combination's strengths,
        "5 mg/2.5 mg"), or the end of a range whose words stand apart from its start (range_words: "between the ages
        of 35 and 54 years"): it is no figure by itself."""
        return self._shared_unit.search(text, 0, start) is not None

    @cached_property
    def _shared_unit(self) -> re.Pattern[str]:
        return shared_unit_pattern(self.shared_unit_joiners, self.range_words)

    def is_change(self, text: str, start: int, pair: tuple[str, str]) -> bool:
        """The range words `pair` at `start` follow a change word of their clause ("extending therapy from 7 to 14
        days", "increased the eradication rate from 72.9% to 81.9%"): the two numbers are a value before and after,
        not a range of values."""
        return pair == self.change_range and self._change.search(text, 0, start) is not None

    @cached_property
    def _change(self) -> re.Pattern[str]:
        if not self.change_words:
            return re.compile(r"(?!)")
        gap = rf"(?:\s+[^\s,;:()]+){{0,{CHANGE_GAP}}}"  # words of the clause, no punctuation that ends it
        return re.compile(rf"(?i)(?<![\w-])(?:{alternation(self.change_words)}){gap}\s+$")

    @cached_property
    def comparator_before(self) -> re.Pattern[str]:
        """Comparator words or a sign written right before a figure (searched in the text before it)."""
        words = alternation([c for c in self.before if any(ch.isalpha() for ch in c)])
        signs = alternation([c for c in self.before if not any(ch.isalpha() for ch in c)]) or "(?!)"
        # a sign may follow a letter ("eGFR<30"), never an arrow or another sign ("5 mg -> 10 mg")
        return re.compile(rf"(?i)(?:(?<!\w)({words})|(?<![-=<>])({signs}))\s*$")

    @cached_property
    def _after(self) -> re.Pattern[str]:  # not "… or longer than 35 days", which is the next figure's comparator
        rate = rf"(?:\s+(?:{alternation(self.rate_words)}))?" if self.rate_words else ""
        return re.compile(rf"(?i){rate}\s+({alternation(self.after)})(?!\w)(?!\s+than\b)")

    @cached_property
    def _qualifier(self) -> re.Pattern[str]:
        prefixes, words = alternation(self.qualifier_prefixes), alternation(self.qualifiers)
        return re.compile(rf"(?i)(?<!\w)(?:(?:{prefixes})\s+)?(?:{words})\s+$")

    @cached_property
    def _denominator(self) -> re.Pattern[str]:
        words, denominators = alternation(self.number_words), alternation(self.denominators)
        return re.compile(rf"(?i)(?<![\w.])(?:{NUMBER}|{words})\s+(?:{denominators})\s+$")

    @cached_property
    def _time_point(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)(?<!\w)(?:{alternation(self.time_points)})\s+$")

    # -- patterns ----------------------------------------------------------------------------------------------

    def patterns(self) -> dict[str, tuple[re.Pattern[str], Builder]]:
        """The patterns by name; `calckg.ingest.numbers` orders them among its own."""
        unit = unit_pattern(self.unit_words, self.case_sensitive_units)
        words = alternation(self.number_words)
        nouns = rf"(?P<noun>{alternation(self.count_nouns)})\b"
        denominators = alternation(self.denominators)  # "one in five women" is no count of one woman
        below = alternation(self.before)
        named = alternation(self.ratio_names + tuple(self.estimate_kinds))  # "hazard ratio 0.86", "NNT 5"
        ranges = "|".join(rf"{re.escape(a)}\s+(?P<low{i}>{SIGN}{AMOUNT})(?:\s*(?P<first{i}>{unit}|%))?\s+"
                          rf"{re.escape(b)}\s+(?P<high{i}>{SIGN}{AMOUNT})"
                          for i, (a, b) in enumerate(self.range_words))  # fmt: skip
        return {
            "confidence": (re.compile(rf"{START}(?P<level>{NUMBER})\s*%\s*(?:{alternation(self.confidence)})\s*[,:]?"
                                      rf"\s*(?P<low>{SIGNED})\s*%?\s*(?:{HYPHEN}|to)\s*(?P<high>{SIGNED})(?:\s*%)?{END}"
                                      r"(?!\s\d{3}(?![\d.,]))"),  # nor "1" of "1 000"
                           self._confidence),  # fmt: skip
            "word range": (re.compile(rf"(?i)(?<!\w)(?:{ranges})(?:\s*(?P<unit>{unit}|%))?{END}"), self._word_range),
            "unit range": (re.compile(rf"(?i){START}(?P<low>{AMOUNT})\s*(?:(?P<first>{unit})\s*)?(?:{HYPHEN}?\s*to|{HYPHEN})\s*"
                                      rf"(?P<high>{AMOUNT})\s*(?P<unit>{unit})"), self._unit_range),  # fmt: skip
            # "hazard ratio (HR) 0.86", "NNT 5", "a hazard ratio for recovery of 0.91" (words without digits between)
            "named estimate": (re.compile(rf"(?i)(?<!\w)(?P<name>{named})(?:\s*\([A-Z]{{2,5}}\))?(?:\s+(?:for|in)"
                                          rf"(?:\s+[^\W\d_][^\W\d]*){{1,3}}\s+(?:of|was|is)|\s*(?:of|was|is|=|:|,)?)"
                                          rf"\s*(?P<value>{SIGNED})(?:\s*(?P<unit>{unit}|%))?{END}(?!\s*%)"),
                               self._named_estimate),
            "ratio abbreviation": (re.compile(rf"(?<!\w)(?P<name>{alternation(self.ratio_abbreviations)})\s*[=:,]?\s*"
                                              rf"(?P<value>{NUMBER}){END}(?!\s*%)"), self._named_estimate),  # fmt: skip
            "unit": (re.compile(rf"(?i)(?:{START}(?P<value>{SIGN}{AMOUNT})|\b(?P<word>{words}))\s*(?P<unit>{unit})"),
                     self._quantity),  # fmt: skip
            "count": (re.compile(rf"(?i)(?:{START}(?P<value>{THOUSANDS}|\d+)|\b(?P<word>{words})"
                                 rf"(?P<between>(?:\s+(?!(?:of|{denominators})\b)[a-z][\w-]*){{0,2}}?))\s+{nouns}"),
                      self._count),  # fmt: skip
            "hyphen count": (re.compile(rf"(?i)\b(?P<value>{words}|\d+){HYPHEN}(?P<noun>"
                                        rf"{alternation(self.hyphen_count_nouns)})s?\b"), self._hyphen_count),
            "fraction": (re.compile(rf"(?i)\b(?:{alternation(self.fraction_words)})\b(?!-)"), self._fraction),
            "number word range": (re.compile(rf"(?i)\b(?P<low>{words})\s+(?:{alternation(self.word_range_words)})\s+"
                                             rf"(?P<high>{words})\b(?:\s*(?P<unit>{unit}))?"), self._number_word_range),
            "threshold": (re.compile(rf"(?i)(?<!\w)(?:{below})\s+(?P<value>{SIGN}{NUMBER}){END}"
                                     rf"(?=\s*(?:$|[-\u2013\u2014,;:.)]|\s(?:and|or)\b))"), self._threshold),  # fmt: skip
            "threshold after": (re.compile(rf"(?i){START}(?P<value>{SIGN}{NUMBER}){END}(?=\s+(?:"
                                           rf"{alternation(self.after)})(?!\w)(?!\s+than\b))"), self._threshold),
        }

    def _confidence(self, match: re.Match[str]) -> Statistic:
        return Statistic(
            StatisticKind.CONFIDENCE_INTERVAL, match.string[match.start("low") : match.end()], match.start("low"),
            match.end(), low=signed(match.group("low")), high=signed(match.group("high")),
            measure=" ".join(match.string[match.start() : match.start("low")].strip(" ,:").split()),
        )  # fmt: skip

    def _word_range(self, match: re.Match[str]) -> Statistic | None:
        i = next(i for i in range(len(self.range_words)) if match.group(f"low{i}") is not None)
        low, high = match.group(f"low{i}"), match.group(f"high{i}")
        written, first = match.group("unit"), match.group(f"first{i}")
        if written and first and self._unit_key(written) != self._unit_key(first):
            return None  # "from 30 minutes to 7 days": each number in its own unit (calckg.ingest.numbers)
        written = written or first
        each = StatisticKind.QUANTITY
        if written == "%":
            kind, unit, each = StatisticKind.PERCENTAGE_RANGE, "percent", StatisticKind.PERCENTAGE
        elif written:
            found = self.units[squeezed(written)]
            kind, unit, each = StatisticKind.QUANTITY_RANGE, found.key, found.kind
        elif all(re.fullmatch(rf"\d{{{YEAR_DIGITS}}}", n) for n in (low, high)):
            return None
        else:
            kind, unit = StatisticKind.QUANTITY_RANGE, None
        low_value, high_value = self.number(low), self.number(high)
        if low_value > high_value:  # a fall ("fell from 13.4 to 5.0 … and from 14.0 to 3.8"), else no range
            return change_statistic(match, i, each, unit) if self.range_words[i] == self.change_range else None
        if self.is_change(match.string, match.start(), self.range_words[i]):
            return change_statistic(match, i, each, unit)
        return Statistic(kind, match.group(0), match.start(), match.end(), low=low_value, high=high_value, unit=unit)

    def _unit_key(self, written: str) -> str:
        return "percent" if written == "%" else self.units[squeezed(written)].key

    def _number_word_range(self, match: re.Match[str]) -> Statistic | None:
        low, high = self.number(match.group("low")), self.number(match.group("high"))
        if low >= high:
            return None  # "one or one", "three to two": not a range
        unit = self.units[squeezed(match.group("unit"))].key if match.group("unit") else None
        return Statistic(StatisticKind.QUANTITY_RANGE, match.group(0), match.start(), match.end(), low=low, high=high,
                         unit=unit)  # fmt: skip

    def _unit_range(self, match: re.Match[str]) -> Statistic | None:
        """"600 to 900 mg", "600 mg to 900 mg"; not "10-5 mg" or "500 mg to 1 g": their numbers are read one by one."""
        low, high, unit = self.number(match["low"]), self.number(match["high"]), self.units[squeezed(match["unit"])]
        if low > high or (match["first"] and self.units[squeezed(match["first"])].key != unit.key):
            return None
        return Statistic(StatisticKind.QUANTITY_RANGE, match[0], *match.span(), low=low, high=high, unit=unit.key)

    def _named_estimate(self, match: re.Match[str]) -> Statistic | None:
        return named_estimate(match, self.estimate_kinds, self._unit_key)

    def _quantity(self, match: re.Match[str]) -> Statistic | None:
        unit = self.units[squeezed(match.group("unit"))]
        if unit.kind is StatisticKind.DURATION and self.at_time_point(match.string, match.start()):
            return None  # "at 3 months": when another figure was measured
        if self.shares_its_unit(match.string, match.start()):
            return None  # "for 4 or 7 days": 7 days alone would say what the sentence does not
        value = self.number(match.group("value") or match.group("word"))
        return Statistic(unit.kind, match.group(0), match.start(), match.end(), value=value, unit=unit.key)

    def _count(self, match: re.Match[str]) -> Statistic | None:
        if self._denominator.search(match.string, 0, match.start()):
            return None  # "1 in 10 patients" is a proportion, not ten patients
        written = match.group("value") or match.group("word")
        counted = match.string[match.start() + len(written) : match.end()]
        return Statistic(StatisticKind.COUNT, match.group(0), match.start(), match.end(), value=self.number(written),
                         measure=" ".join(counted.split()))  # fmt: skip

    def _hyphen_count(self, match: re.Match[str]) -> Statistic:
        return Statistic(StatisticKind.COUNT, match.group(0), match.start(), match.end(),
                         value=self.number(match.group("value")), unit=match.group("noun").lower())  # fmt: skip

    def _fraction(self, match: re.Match[str]) -> Statistic:
        return Statistic(StatisticKind.PROPORTION, match.group(0), match.start(), match.end(),
                         value=self.fraction_words[spaced(match.group(0))], unit="fraction")  # fmt: skip

    def _threshold(self, match: re.Match[str]) -> Statistic:
        return Statistic(StatisticKind.QUANTITY, match.group("value"), match.start("value"), match.end("value"),
                         value=signed(match.group("value")))  # fmt: skip


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    return Lexicon.load(data_dir() / QUANTITIES_FILE)
