"""Natural frequencies: "1 in 3", "one in five women", "2 out of 10 patients" are proportions (ck:Proportion, unit
fraction), with the words of data/quantities.json (`denominator_words`, `number_words`).

The value is the quotient to four significant digits ("1 in 3" is 0.3333, "1 in 1,000" 0.001); the surface keeps
the words as written. Left unread: a numerator larger than its denominator, a zero, and a denominator that reads as
a year ("5 in 2020": one from 1900 to 2099 written without a comma).
"""

from __future__ import annotations

import re
from decimal import Context

from calckg.claim_cues import alternation
from calckg.ingest.quantities import Lexicon
from calckg.ingest.quantity_entries import THOUSANDS
from calckg.model import Statistic, StatisticKind

_PRECISION = Context(prec=4)
_YEAR = re.compile(r"(?:19|20)\d\d")


def frequency_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    number = rf"(?:{THOUSANDS}|\d+|{alternation(lexicon.number_words)})"
    return re.compile(rf"(?i)(?<![\w.,-])(?P<part>{number})\s+(?:{alternation(lexicon.denominators)})\s+"
                      rf"(?P<whole>{number})(?![\w.,-]*\d|-)")


def frequency(match: re.Match[str], lexicon: Lexicon) -> Statistic | None:
    """The proportion a natural frequency states, or None (see the module's description)."""
    part, whole = lexicon.number(match["part"]), lexicon.number(match["whole"])
    if not 0 < part <= whole or _YEAR.fullmatch(match["whole"]):
        return None
    return Statistic(StatisticKind.PROPORTION, match[0], match.start(), match.end(),
                     value=_PRECISION.divide(part, whole).normalize(), unit="fraction")  # fmt: skip
