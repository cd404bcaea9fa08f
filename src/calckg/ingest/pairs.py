"""Value pairs: two numbers written as one reading, the unit once after both ("140/90 mmHg"), each a figure of its own
with the measure its position names (data/value-pairs.json: a blood pressure's systolic and diastolic values).

A comparator or qualifier written around the pair bounds both values ("140/90 mmHg or higher" is ≥ 140 and ≥ 90
mmHg; "below 135/85 mmHg" is < 135 and < 85). Two pairs written as a range bound it: joined by a word of the file's
`range_joiners` ("140/90 mmHg to 159/99 mmHg") or written inside the range words of data/quantities.json ("between
135/85 mmHg and 149/94 mmHg"). The first pair's values are lower bounds (≥ 140, ≥ 90), the second's upper bounds
(≤ 159, ≤ 99). Each value stays a figure of its own, since a systolic and a diastolic range written this way
interleave. As for single numbers, "from … to …" after a change word is a change, not a range ("fell from 150/95 to
135/85 mmHg"), and pairs that have a comparator of their own bound nothing more. The first
value's surface is its number as written ("140"), the second's its number and the unit ("90 mmHg"), so each surface
is the text at its span. Only the units the file lists pair values: any other "N/M unit" (a combination dose,
"500/125 mg") stays no figure (data/quantities.json shared_unit_joiners).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.ingest.number_fragments import unit_alternation
from calckg.ingest.quantities import Lexicon
from calckg.ingest.quantity_entries import NUMBER, squeezed
from calckg.model import Statistic
from calckg.resources import data_dir

__all__ = ["PAIRS_FILE", "ValuePairs", "bounding", "shared_around", "shipped_pairs"]

PAIRS_FILE = "value-pairs.json"

Pair = tuple[Statistic, Statistic]


@dataclass(frozen=True)
class ValuePairs:
    measures: dict[str, tuple[str, str]]
    """unit key (data/quantities.json) → the measures of the first and second value."""
    range_joiners: tuple[str, ...] = ()
    """Words or dashes between two pairs that make them a range's bounds ("to", "–")."""

    @classmethod
    def load(cls, path: Path) -> ValuePairs:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            measures = {}
            for pair in document["pairs"]:
                first, second = pair["measures"]
                if not (isinstance(pair["unit"], str) and isinstance(first, str) and isinstance(second, str)):
                    raise TypeError("a unit and two measures, all words")
                measures[pair["unit"]] = (first, second)
            joiners = document.get("range_joiners", [])
            if not isinstance(joiners, list) or not all(isinstance(j, str) and j.strip() for j in joiners):
                raise TypeError("range_joiners must be a list of words")
            return cls(measures, tuple(joiners))
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: expected pairs, each a unit and two measures ({error!r})") from None

    def find(self, text: str, lexicon: Lexicon) -> list[Pair]:
        """Each pair of `text` in a listed unit: its two figures, in reading order."""
        found = []
        for match in _pair_pattern(lexicon, frozenset(self.measures)).finditer(text):
            unit = lexicon.units[squeezed(match["unit"])]
            first, second = self.measures[unit.key]
            found.append((
                Statistic(unit.kind, match["first"], match.start("first"), match.end("first"),
                          value=Decimal(match["first"]), unit=unit.key, measure=first),
                Statistic(unit.kind, text[match.start("second") : match.end()], match.start("second"), match.end(),
                          value=Decimal(match["second"]), unit=unit.key, measure=second)))
        return found

    def ranges(self, text: str, pairs: list[Pair], lexicon: Lexicon) -> list[tuple[Pair, Pair]]:
        """The pairs of `pairs` (one text's, in reading order) that bound a range: (lower, upper)."""
        found = []
        for lower, upper in pairwise(pairs):
            if lower[1].unit != upper[0].unit:
                continue
            before, between = text[: lower[0].start], text[lower[1].end : upper[0].start]
            opened = _opened_range(before, between, lexicon)
            if opened is not None:  # "between … and …", "from … to …"
                words, start = opened
                bounded = not lexicon.is_change(text, start, words)  # "fell from 150/95 to 135/85 mmHg": a change
            else:
                bounded = _joiner_pattern(self.range_joiners).fullmatch(between) is not None
            if bounded:
                found.append((lower, upper))
        return found


def _opened_range(before: str, between: str, lexicon: Lexicon) -> tuple[tuple[str, str], int] | None:
    """The range words of data/quantities.json written around two pairs (the first right before the first pair, the
    second alone between them), with where the first starts; None when there are none."""
    for words in lexicon.range_words:
        opener = re.search(rf"(?i)(?<!\w){re.escape(words[0])}\s*$", before)
        if opener is not None and re.fullmatch(rf"(?i)\s*{re.escape(words[1])}\s*", between):
            return words, opener.start()
    return None


@lru_cache(maxsize=4)
def _joiner_pattern(joiners: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?i)\s*(?:{alternation(joiners)})\s*")


@lru_cache(maxsize=4)
def _pair_pattern(lexicon: Lexicon, units: frozenset[str]) -> re.Pattern[str]:
    """"N/M unit" for the words of data/quantities.json that write one of `units`."""
    words = [word for word in lexicon.unit_words if lexicon.units[squeezed(word)].key in units]
    unit = unit_alternation(words, lexicon.case_sensitive_units) or "(?!)"
    return re.compile(rf"(?i)(?<![\w.,/])(?P<first>{NUMBER})\s*/\s*(?P<second>{NUMBER})\s*(?P<unit>{unit})(?![\w/])")


def bounding(pair: Pair, sign: str) -> Pair:
    """The pair's values as bounds of a range (`sign`: "≥" for the lower pair, "≤" for the upper)."""
    return replace(pair[0], comparator=sign), replace(pair[1], comparator=sign)


def shared_around(first: Statistic, second: Statistic) -> tuple[Statistic, Statistic]:
    """The pair with the comparator and qualifier written around it on both values."""
    comparator = second.comparator or first.comparator
    qualifier = first.qualifier or second.qualifier
    return (replace(first, comparator=comparator, qualifier=qualifier),
            replace(second, comparator=comparator, qualifier=qualifier))


@lru_cache(maxsize=1)
def shipped_pairs() -> ValuePairs:
    return ValuePairs.load(data_dir() / PAIRS_FILE)
