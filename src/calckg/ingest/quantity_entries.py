"""The entries of data/quantities.json as calckg.ingest.quantities reads them: each checked for its shape (a bad
entry raises ValueError or TypeError, which the loader reports with the file's path) and put in the form the
patterns use; and the figures two patterns read: a named estimate (:func:`named_estimate`) and a change from one
value to another (:func:`change_statistic`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from calckg.input_checks import is_word_list
from calckg.model import Statistic, StatisticKind

NUMBER = r"\d+(?:\.\d+)?"
THOUSANDS = r"\d{1,3}(?:,\d{3})+(?![\d,])"
"""A whole number written with commas between its thousands ("15,581 patients"): a count's value."""
AMOUNT = rf"(?:[1-9]\d{{0,2}}(?:,\d{{3}})+(?![\d,])|{NUMBER})"
"""A figure's number before its unit: also with commas between its thousands ("4,000 IU", "150,000 per microlitre"),
never from a 0 ("0,030" is a decimal comma: no figure)."""


def spaced(text: str) -> str:
    return " ".join(text.lower().split())


def signed(text: str) -> Decimal:
    """A number that may carry a minus sign, also the Unicode one ("\u22120.35")."""
    return Decimal(text.replace("\u2212", "-"))


def squeezed(text: str) -> str:
    """A written unit as data/quantities.json's units are keyed: lower case, no white space ("mm Hg" → "mmhg")."""
    return "".join(text.lower().split())


def two_lists(name: str, entry: dict | None, first: str, second: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The word lists `first` and `second` of the file's optional entry `name` (none without it)."""
    return ((), ()) if entry is None else (word_list(name, entry[first]), word_list(name, entry[second]))


@dataclass(frozen=True)
class During:
    """The comparators' optional entry during: a before word of `words` ("over") written before a duration in one of
    `units` says what time something is spread over ("given over 15 minutes"), unless a word of `bound_after` is
    written before it ("for over 3 weeks") or one of `bound_before` after the figure ("over 8 weeks old")."""

    words: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    bound_after: tuple[str, ...] = ()
    bound_before: tuple[str, ...] = ()

    @classmethod
    def of(cls, entry: dict | None) -> During:
        if entry is None:
            return cls()
        return cls(*(word_list("during", entry[key]) for key in ("words", "units", "bound_after", "bound_before")))


def change_ranges(entry: dict | None) -> tuple[tuple[str, str] | None, tuple[str, ...]]:
    """(the range words, the change words) of the file's optional change_ranges."""
    if entry is None:
        return None, ()
    pair = entry["range"]
    if not is_word_list(pair) or len(pair) != 2:
        raise ValueError("change_ranges: range must be two words")
    return (pair[0], pair[1]), word_list("change_ranges", entry["after"])



def comparator_signs(table: object) -> dict[str, str]:
    if not isinstance(table, dict) or not all(isinstance(s, str) and s in "<>≤≥" and s for s in table.values()):
        raise ValueError("a comparator's sign is one of < > ≤ ≥")
    return {spaced(word): sign for word, sign in table.items()}


def word_list(name: str, listed: object) -> tuple[str, ...]:
    """A word list of the file, which may be empty."""
    if listed != [] and not is_word_list(listed):
        raise ValueError(f"{name} must be a list of words")
    return tuple(listed)  # type: ignore[arg-type]


def unit_nouns(table: object) -> dict[str, str]:
    if not isinstance(table, dict) or not all(re.fullmatch(r"ck:[A-Z][A-Za-z]*Unit", str(i)) for i in table.values()):
        raise ValueError("hyphen_count_nouns map a noun to its unit's individual ck:…Unit")
    return {noun.lower(): iri for noun, iri in table.items()}


def number_values(table: object) -> dict[str, Decimal]:
    if not isinstance(table, dict):
        raise TypeError("number_words and fraction_words map a word to its value")
    if not all(re.fullmatch(NUMBER, str(value)) for value in table.values()):
        raise ValueError("a number word's or fraction word's value is a number written in digits")
    return {spaced(word): Decimal(str(value)) for word, value in table.items()}


def qualifier_prefixes(table: object) -> dict[str, bool]:
    if not isinstance(table, dict) or not set(table.values()) <= {"kept", "dropped"}:
        raise ValueError('a qualifier prefix is "kept" or "dropped"')
    return {prefix.lower(): state == "kept" for prefix, state in table.items()}


_CLOSED = re.compile(r"\s*(?:[,;:()\[\]]|\.(?!\d)|$)")


def estimate_kinds(differences: object, numbers_needed: object) -> dict[str, StatisticKind]:
    """Each name of a named estimate that is no ratio (lower case, single spaces) → its kind: `difference_names`
    differences, `number_needed_names` numbers needed to treat or harm."""
    kinds = {spaced(name): StatisticKind.DIFFERENCE for name in word_list("difference_names", differences)}
    needed = word_list("number_needed_names", numbers_needed)
    kinds.update({spaced(name): StatisticKind.NUMBER_NEEDED for name in needed})
    return kinds


def named_estimate(match: re.Match[str], kinds: dict[str, StatisticKind],
                   unit_key: Callable[[str], str] | None = None) -> Statistic | None:  # fmt: skip
    """The figure of a named ratio ("hazard ratio 0.86"), of a named difference between groups ("mean difference
    -1.20", "standardised mean difference 0.49") or of a number needed to treat or harm ("NNT 5", "a number needed to
    treat (NNT) of 34"), by `kinds` (:func:`estimate_kinds`; any other name is a ratio's); the name as written is its
    measure. A difference keeps a unit (`unit_key`: its key) written after its number ("a risk difference of -11
    percentage points", "a mean difference of −0.4 days": method 112; a percent sign, "difference -2.0%": method
    131); without one it is read only where punctuation, an opening bracket or the text's end follows its number,
    since a word there may be a unit no list holds and the number alone would not say what it counts. A ratio or number needed has no unit: one written after it is no
    part of it. A number needed is a whole number of people."""
    kind = kinds.get(spaced(match["name"]), StatisticKind.RATIO)
    written = match.groupdict().get("unit")  # a pattern with no unit group reads none
    if written == "%" and kind is not StatisticKind.DIFFERENCE:
        return None  # only a difference is in percent ("difference -2.0%": method 131); "HR 20%" is none
    unit = unit_key(written) if written and unit_key and kind is StatisticKind.DIFFERENCE else None
    if kind is StatisticKind.DIFFERENCE and unit is None and not _CLOSED.match(match.string, match.end()):
        return None
    value = signed(match["value"])
    if kind is StatisticKind.NUMBER_NEEDED and (value <= 0 or value != value.to_integral_value()):
        return None
    end = match.end() if unit or not written else match.end("value")
    return Statistic(kind, match.string[match.start() : end], match.start(), end, value=value, unit=unit,
                     measure=match["name"])  # fmt: skip


def change_statistic(match: re.Match[str], i: int, kind: StatisticKind, unit: str | None) -> Statistic:
    """A value before and after ("from 72.9% to 81.9%", "from 7 to 14 days"): a comparison of the two, each written
    as in the text, both in the unit (written once after both: "7" of "from 7 to 14 days" is 7 days)."""
    first, second = (
        Statistic(kind, match.string[match.start(number) : stop], match.start(number), stop,
                  value=Decimal(match.group(number).replace(",", "")), unit=unit)
        for number, stop in ((f"low{i}", match.end(f"first{i}") if match.group(f"first{i}") else match.end(f"low{i}")),
                             (f"high{i}", match.end()))
    )  # fmt: skip
    return Statistic(StatisticKind.COMPARISON, match.group(0), match.start(), match.end(), unit=unit,
                     operands=(first, second))
