"""Natural frequencies: "1 in 3", "one in five women", "2 out of 10 patients" are proportions (ck:Proportion, unit
fraction), with the words of data/quantities.json (`denominator_words`, `number_words`); so are a part of a counted
whole ("13 of 16 patients", "28 of the 32 people": data/part-of-whole.json and the counted nouns of
data/quantities.json).

The value is the quotient to four significant digits ("1 in 3" is 0.3333, "1 in 1,000" 0.001); the surface keeps
the words as written. Left unread: a numerator larger than its denominator, a zero, a denominator that reads as a
year ("5 in 2020": one from 1900 to 2099 written without a comma), a whole followed by "%" ("at week 16 in 45% of
people" is 45%, no 16 in 45: method 134), and either end of a range ("3 to 5 in 1000" was read as 5 in 1000, "about
1 in 10 to 1 in 5" as two figures; such a range is left unread).
"""

from __future__ import annotations

import re
from decimal import Context
from functools import lru_cache

from calckg.claim_cues import alternation
from calckg.ingest.quantities import HYPHEN, Lexicon
from calckg.ingest.quantity_entries import NUMBER, THOUSANDS
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir
from calckg.word_files import read_word_list

_PRECISION = Context(prec=4)
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE_START = re.compile(rf"(?i)(?<![\w.,]){NUMBER}\s*(?:{HYPHEN}|to)\s*$")
"""A number and a range's dash or "to" right before the numerator: "3 to 5 in 1000" is a range of numerators."""
_RANGE_END = re.compile(rf"(?i)\s*(?:{HYPHEN}|to)\s*{NUMBER}")
"""A range's dash or "to" and a number right after the frequency: "1 in 10 to 1 in 5" is a range of frequencies."""


def frequency_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    number = rf"(?:{THOUSANDS}|\d+|{alternation(lexicon.number_words)})"
    return re.compile(rf"(?i)(?<![\w.,-])(?P<part>{number})\s+(?:{alternation(lexicon.denominators)})\s+"
                      rf"(?P<whole>{number})(?![\w.,-]*\d|-|\s*%)")


PART_OF_WHOLE_FILE = "part-of-whole.json"


@lru_cache(maxsize=4)
def part_of_whole_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A part and a whole joined by a link of data/part-of-whole.json, right before a counted noun or a follower."""
    path = data_dir() / PART_OF_WHOLE_FILE
    links, followers = (read_word_list(path, key) for key in ("links", "followers"))
    number = rf"(?:{THOUSANDS}|\d+|{alternation(lexicon.number_words)})"
    counted = alternation([*lexicon.count_nouns, *followers])
    return re.compile(rf"(?i)(?<![\w.,-])(?P<part>{number})\s+(?:{alternation(links)})\s+(?P<whole>{number})"
                      rf"(?=\s+(?:{counted})(?![\w-]))")


def frequency(match: re.Match[str], lexicon: Lexicon) -> Statistic | None:
    """The proportion a natural frequency states, or None (see the module's description)."""
    part, whole = lexicon.number(match["part"]), lexicon.number(match["whole"])
    text = match.string
    if (not 0 < part <= whole or _YEAR.fullmatch(match["whole"]) or _RANGE_START.search(text, 0, match.start())
            or _RANGE_END.match(text, match.end())):
        return None
    return Statistic(StatisticKind.PROPORTION, match[0], match.start(), match.end(),
                     value=_PRECISION.divide(part, whole).normalize(), unit="fraction")  # fmt: skip
