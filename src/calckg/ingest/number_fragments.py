"""Numbers that are pieces of other numbers or of longer units, and the unit words as one pattern: the checks
calckg.ingest.quantities makes before it reads a figure (a figure left out is better than a wrong one)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from calckg.claim_cues import alternation
from calckg.ingest.quantity_entries import NUMBER, THOUSANDS

__all__ = ["NAME_BEFORE", "is_fragment", "longer_unit_pattern", "shared_unit_pattern", "unit_alternation",
           "unit_pattern"]

NAME_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9-]{2,}\s+(?:\d+\s*(?:,|and)\s*)*$")
"""A word in capitals right before a number, or before the numbers of a series it ends, makes the number part of a
name ("the PEARL 1 and PEARL 2 trials" and "the SPIRIT 1 and 2 trials" count no 2 trials; "INR 2.5" is no bare
value)."""
_TAIL_OF = re.compile(r"\d[.,\u00b7]$|\d\s*\+\s*$|(?<!\w)per\s+$"
                      r"|(?:^|(?<=[\s(]))[-\u2212]\d+(?:[.,]\d+)?\s*%?\s*(?:to\s+|[-\u2013]\s*)$", re.IGNORECASE)
_HEAD_OF = re.compile(r"(?<=\d)(?:[.,\u00b7]|\s*[-\u2010\u2011\u2013\u2014]\s*)\d"  # a decimal, a range
                      r"|(?<=\d)\s*[×xX\u00b7]\s*10(?!\d)|(?<=\d)[eE][-\u2212+]?\d"  # a power of ten
                      r"|(?<=\d)[\u207b\u2070-\u2079\u00b9\u00b2\u00b3]")  # a superscript exponent
"""Written right before or after a number that is the tail or head of another: "12,5 %", "p = 0,03", "12·5%",
"32+0 weeks" (weeks and days of a pregnancy), "P = 2 × 10⁻⁵", "2·10⁻⁵", "2.0e-5", "10⁻⁵" (powers of ten are
not read), a range in a unit that is not read ("within 24–48" of no unit) or that starts below zero ("range −4%
to 91%": the 91% alone would be no figure the sentence states), or a rate's denominator ("per 24 hours")."""
_SPACED_HEAD = re.compile(r"(?<![\d.,])\d{1,3}[ \u00a0\u202f]$")
_SPACED_THOUSAND = re.compile(r"\d{3}(?![\d.,])")
"""Three digits after one to three digits and a space are thousands of one number: "100 000 people"."""


def is_fragment(text: str, start: int, end: int) -> bool:
    """text[start:end] is the head or tail of a number written with a decimal comma or point, spaces between
    thousands, a power of ten, "+" (weeks and days) or a range, or a rate's denominator."""
    return bool(_SPACED_HEAD.search(text, 0, start) and _SPACED_THOUSAND.match(text, start)
                or _TAIL_OF.search(text, 0, start) or _HEAD_OF.match(text, end))


def longer_unit_pattern(denominators: Iterable[str]) -> re.Pattern[str]:
    """"per" or "/" and a denominator ("150 IU per kg"), or a number and a word ("0.5 mg per 24 hours"), written
    right after a unit (an equivalent's letters between: "20 mg PE/kg"; or what is measured: "10 micrograms of
    haemoglobin per gram of faeces")."""
    words = tuple(denominators)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"(?i)(?:\s+(?-i:[A-Z]{{1,3}})|\s+of(?:\s+[^\W\d_][\w-]*){{1,3}})?\s*(?:per\s+|/\s*)"
                      rf"(?:(?:{alternation(words)})(?![\w²])|(?:{THOUSANDS}|{NUMBER})\s*[^\W\d_])")


def shared_unit_pattern(joiners: Iterable[str], range_words: Iterable[tuple[str, str]]) -> re.Pattern[str]:
    """What, written right before a number, makes it share its unit with the number before (searched in the text
    before it): a joiner ("4 or 7 days", "500/125 mg"), the other number and its unit with a slash between (the
    strengths of a combination, "5 mg/2.5 mg": the first is in a longer unit to the reader), or the start of a range
    that no range reads ("between the ages of 35 and 54 years", "between 0 and −0.3 mg/dL", whose bounds are written
    the wrong way round for a range)."""
    words = tuple(joiners)
    joined = rf"(?<![\w.,]){NUMBER}\s*(?:{alternation(words)})" if words else "(?!)"
    apart = "|".join(rf"(?<!\w){re.escape(a)}(?:\s+[^\s\d]\S*){{0,4}}\s+[-\u2212]?{NUMBER}\s+{re.escape(b)}"
                     for a, b in range_words) or "(?!)"
    both = rf"(?<![\w.,]){NUMBER}\s*[^\W\d_]{{1,6}}\s*/"
    return re.compile(rf"(?i)(?:{joined}|{apart}|{both})\s*$")


def unit_alternation(words: Iterable[str], case_sensitive: Collection[str]) -> str:
    """The unit words as one alternation, longest first, those of `case_sensitive` only in the case listed."""
    forms = sorted(set(words), key=lambda word: (-len(word), word))
    escaped = [(r"\s+".join(re.escape(part) for part in word.split()), word) for word in forms]
    return "|".join(f"(?-i:{pattern})" if word in case_sensitive else pattern for pattern, word in escaped)


def unit_pattern(words: Iterable[str], case_sensitive: Collection[str]) -> str:
    """A unit written after a number: one of `words` (:func:`unit_alternation`), not the start of a longer word, of a
    unit per another ("mg/…") or of a power ("min" of "min⁻¹")."""
    return rf"(?:{unit_alternation(words, case_sensitive)})(?![\w/\u207b])"
