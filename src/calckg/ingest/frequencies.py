"""Natural frequencies: "1 in 3", "one in five women", "2 out of 10 patients" are proportions (ck:Proportion, unit
fraction), with the words of data/quantities.json (`denominator_words`, `number_words`).

The value is the quotient to four significant digits ("1 in 3" is 0.3333, "1 in 1,000" 0.001); the surface keeps
the words as written. Left unread: a numerator larger than its denominator, a zero, and a denominator that reads as
a year ("5 in 2020": one from 1900 to 2099 written without a comma).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal

from calckg.claim_cues import alternation
from calckg.ingest.quantity_entries import THOUSANDS
from calckg.model import Statistic, StatisticKind

_PRECISION = Context(prec=4)
_YEAR = re.compile(r"(?:19|20)\d\d")


def frequency_pattern(number_words: dict[str, Decimal], denominators: tuple[str, ...]) -> re.Pattern[str]:
    words = alternation(number_words)
    number = rf"(?:{THOUSANDS}|\d+|{words})"
    return re.compile(rf"(?i)(?<![\w.,-])(?P<part>{number})\s+(?:{alternation(denominators)})\s+"
                      rf"(?P<whole>{number})(?![\w.,-]*\d|-)")


def frequency(match: re.Match[str], number_words: dict[str, Decimal]) -> Statistic | None:
    """The proportion a natural frequency states, or None (see the module's description)."""
    part, whole = (_value(match[name], number_words) for name in ("part", "whole"))
    if not 0 < part <= whole or _YEAR.fullmatch(match["whole"]):
        return None
    return Statistic(StatisticKind.PROPORTION, match[0], match.start(), match.end(),
                     value=_PRECISION.divide(part, whole).normalize(), unit="fraction")  # fmt: skip


def _value(written: str, number_words: dict[str, Decimal]) -> Decimal:
    word = written.lower()
    return number_words[word] if word in number_words else Decimal(written.replace(",", ""))
