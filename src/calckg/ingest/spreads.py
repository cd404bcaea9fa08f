"""The spread of a figure: a standard deviation written with a plus-minus sign ("7.2 ± 8.1 years"), a spread named
before its value ("58 mmol/mol (SD 12)") or an interquartile range ("5 days (IQR 3-8 days)"), or one in brackets
after a notation that names it ("a mean (SD) of 1.3 (1.6)", "median (IQR) 56 (35-84) days"), from the words of
data/spreads.json.

A spread is a figure of its own (`StatisticKind.SPREAD`): its surface is its sign or name with its value as written
("± 8.1 years", "IQR 3-8 days"), its measure the sign or name, its unit the one written with it. The figure it is
the spread of is the one written right before it (:func:`calckg.figure_links.spread_estimates`). A plus-minus sign
makes both numbers figures: the first in the unit written after it or, failing that, after the spread ("7.2 ± 8.1
years" is 7.2 years), a bare number when neither is written. A bare number right before a bracketed named spread is
the figure it is of, without unit ("a median age of 22 (IQR 17-29)"); any other reading of that number comes first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.ingest.number_fragments import unit_pattern
from calckg.ingest.quantities import END, HYPHEN, NUMBER, SIGNED, START, Lexicon
from calckg.ingest.quantity_entries import signed, squeezed
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir

__all__ = ["SPREADS_FILE", "Spreads", "shipped_spreads"]

SPREADS_FILE = "spreads.json"
_OPENING = r"(?:(?<=[(\[,;])|(?<=[(\[,;]\s))"
"""A named spread follows an opening bracket, a comma or a semicolon (one space allowed between)."""


@dataclass(frozen=True, eq=False)
class Spreads:
    plus_minus: tuple[str, ...]
    names: tuple[str, ...]  # of one value: "SD 12"
    quartile_names: tuple[str, ...]  # of two values: "IQR 3-8"
    lexicon: Lexicon

    @classmethod
    def load(cls, path: Path, lexicon: Lexicon) -> Spreads:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            lists = doc["plus_minus"], doc["names"], doc["quartile_names"]
            if not all(isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words)
                       for words in lists):
                raise ValueError("plus_minus, names and quartile_names must be non-empty lists of words")
            plus_minus, names, quartile_names = (tuple(words) for words in lists)
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: expected plus_minus (signs), names and quartile_names (words), each a "
                             f"non-empty list of strings ({error})") from None
        return cls(plus_minus, names, quartile_names, lexicon)

    def pairs(self, text: str) -> list[tuple[Statistic, Statistic]]:
        """Each figure of `text` written with its spread: "<number> ± <number>", and after a spread's name alone in
        brackets ("mean (SD)", "median (IQR)"), each "<number> (<number>)" or "<number> (<number>–<number>)"."""
        return [*self._plus_minus_pairs(text), *self._declared_pairs(text)]

    def _declared_pairs(self, text: str) -> list[tuple[Statistic, Statistic]]:
        """"a mean (SD) of 1.3 (1.6) vs. 0.5 (0.9) flares": after the declaration, a number in brackets right after a
        number is its spread, with the declared name as its measure (the 1.6 was read as a figure of its own)."""
        declared = self._declaration.search(text)
        if declared is None:
            return []
        found = []
        for match in self._bracketed.finditer(text, declared.end()):
            written = [w for w in (match["first"], match["inner"], match["unit"]) if w]
            if not self._one_unit(*written) or not self._fits(declared["name"], match):
                continue
            unit = written[0] if written else None
            end = match.end("high") if match["high"] else match.end("inner") if match["inner"] else match.end("low")
            spread = Statistic(StatisticKind.SPREAD, text[match.start("low") : end], match.start("low"), end,
                               unit=self._key(unit), measure=declared["name"], **_values(match))  # fmt: skip
            found.append((self._estimate(match, unit), spread))
        return found

    def _plus_minus_pairs(self, text: str) -> list[tuple[Statistic, Statistic]]:
        """Each "<number> ± <number>" of `text` as the figure and its spread."""
        found = []
        for match in self._plus_minus.finditer(text):
            if not self._one_unit(match["first"], match["unit"]):
                continue  # "5 mg ± 2 days" says no spread of one figure
            spread = Statistic(StatisticKind.SPREAD, text[match.start("sign") : match.end()], match.start("sign"),
                               match.end(), value=signed(match["spread"]), unit=self._key(match["unit"]),
                               measure=match["sign"])  # fmt: skip
            found.append((self._estimate(match, match["unit"] or match["first"]), spread))
        return found

    def _estimate(self, match: re.Match[str], unit: str | None) -> Statistic:
        """The figure a spread is of (group estimate, with its own unit in group first if written), in `unit`."""
        kind, key = self._kind(unit)
        end = match.end("first") if match["first"] else match.end("estimate")
        return Statistic(kind, match.string[match.start() : end], match.start(), end, value=signed(match["estimate"]),
                         unit=key)  # fmt: skip

    def _one_unit(self, *written: str | None) -> bool:
        """Whether the units written around a figure and its spread are one unit (or none is written)."""
        return len({self._key(w) for w in written if w}) <= 1

    def _fits(self, name: str, match: re.Match[str]) -> bool:
        """Whether the values of `match` (groups low and high) are what the name counts: one for a standard
        deviation or error, a lower and an upper quartile, the lower not above the upper, for a quartile name."""
        if match["high"] is None:
            return not self._is_quartile(name)
        return self._is_quartile(name) and signed(match["low"]) <= signed(match["high"])

    def _is_quartile(self, name: str) -> bool:
        return " ".join(name.lower().split()) in self._quartile_keys

    @cached_property
    def _quartile_keys(self) -> frozenset[str]:
        return frozenset(" ".join(name.lower().split()) for name in self.quartile_names)

    def named(self, match: re.Match[str]) -> Statistic | None:
        """A named spread: one value ("SD 12") or two ("IQR 3-8 days"), as its name counts them."""
        if not self._one_unit(match["first"], match["unit"]) or not self._fits(match["name"], match):
            return None
        surface = (match.start("name"), match.end())
        return Statistic(StatisticKind.SPREAD, match.string[slice(*surface)], *surface,
                         unit=self._key(match["unit"] or match["first"]), measure=match["name"], **_values(match))

    @staticmethod
    def bare_estimate(match: re.Match[str]) -> Statistic:
        """The bare number right before a bracketed named spread: the figure it is the spread of, without unit."""
        return Statistic(StatisticKind.QUANTITY, match[0], *match.span(), value=signed(match[0]))

    def _kind(self, written: str | None) -> tuple[StatisticKind, str | None]:
        if written is None:
            return StatisticKind.QUANTITY, None
        if written == "%":
            return StatisticKind.PERCENTAGE, "percent"
        unit = self.lexicon.units[squeezed(written)]
        return unit.kind, unit.key

    def _key(self, written: str | None) -> str | None:
        return self._kind(written)[1]

    @cached_property
    def _unit(self) -> str:
        return rf"(?:%|{unit_pattern(self.lexicon.unit_words, self.lexicon.case_sensitive_units)})"

    @cached_property
    def _names(self) -> str:
        """The names as one alternation: an abbreviation in capitals only as written, any other name in any case."""
        return "|".join(f"(?-i:{re.escape(name)})" if name.isupper() else re.escape(name)
                        for name in sorted(self.names + self.quartile_names, key=lambda name: (-len(name), name)))

    @cached_property
    def _plus_minus(self) -> re.Pattern[str]:
        return re.compile(rf"(?i){START}(?P<estimate>{SIGNED})(?:\s*(?P<first>{self._unit}))?\s*"
                          rf"(?P<sign>{alternation(self.plus_minus)})\s*(?P<spread>{NUMBER})"
                          rf"(?:\s*(?P<unit>{self._unit}))?{END}")  # fmt: skip

    @cached_property
    def _declaration(self) -> re.Pattern[str]:
        return re.compile(rf"(?i)(?<=\w)\s*\(\s*(?P<name>{self._names})\s*\)")

    def _spread(self, low_unit: str) -> str:
        """A spread's value or its two quartiles (groups low and high), a unit allowed after the first (group
        `low_unit`)."""
        return (rf"(?P<low>{SIGNED})(?:\s*(?P<{low_unit}>{self._unit}))?"
                rf"(?:\s*(?:{HYPHEN}|to)\s*(?P<high>{SIGNED}))?")

    @cached_property
    def _bracketed(self) -> re.Pattern[str]:
        return re.compile(rf"(?i){START}(?P<estimate>{SIGNED})(?:\s*(?P<first>{self._unit}))?\s*\(\s*"
                          rf"{self._spread('inner')}\s*\)(?:\s*(?P<unit>{self._unit}))?{END}")  # fmt: skip

    @cached_property
    def named_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?i){_OPENING}(?P<name>{self._names})(?!\w)\s*[,:=]?\s*{self._spread('first')}"
                          rf"(?:\s*(?P<unit>{self._unit}))?{END}")  # fmt: skip

    @cached_property
    def bare_estimate_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?i){START}{SIGNED}{END}(?=\s*[(\[]\s*(?:{self._names})(?!\w))")


def _values(match: re.Match[str]) -> dict[str, Decimal]:
    """A spread's value (group low), or its lower and upper quartile (groups low and high)."""
    if match["high"] is None:
        return {"value": signed(match["low"])}
    return {"low": signed(match["low"]), "high": signed(match["high"])}


@lru_cache(maxsize=4)
def shipped_spreads(lexicon: Lexicon) -> Spreads:
    return Spreads.load(data_dir() / SPREADS_FILE, lexicon)
