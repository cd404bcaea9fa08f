"""Whom a question asks about, against whom its article is written, as data in `data/population-groups.json`.

An article titled "How is migraine prevented in adults?" gives adults' doses; "Is propranolol safe for preventing
migraine in my 8-year-old?" shares every other word with its sentences and was answered with them. When the title
of the article a question goes to names a group of a dimension (age: children, adults; sex: men, women) and the
question names another group of that dimension that the article never writes, :func:`mismatch` says so and the
question is refused. A question that names no group, a title that names none, or an article that also writes the
question's group ("… and in children") leaves the answer to retrieval. A group marked ``distinct`` (children) is a
mismatch in any article that never writes it, whatever the title: "… for H. pylori in a 10-year-old child?" of an
article on adults' regimens that never says so in its title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.input_checks import is_word_list, parsed_json_file
from calckg.question_kinds import kind_table
from calckg.resources import data_dir

__all__ = ["GROUPS_FILE", "Group", "PopulationGroups", "shipped_population_groups"]

GROUPS_FILE = "population-groups.json"
_UNIT = re.compile(r"\s*-?\s*([^\W\d_]+)")


@dataclass(frozen=True)
class Group:
    name: str
    words: tuple[str, ...]
    ages_below: Decimal | None = None
    ages_from: Decimal | None = None
    distinct: bool = False
    """An article that never writes the group's words says nothing for it, whatever its title ("children": their
    doses and figures are not an adult's)."""

    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.words)

    def holds_age(self, years: Decimal) -> bool:
        return ((self.ages_below is not None and years < self.ages_below)
                or (self.ages_from is not None and years >= self.ages_from))


@dataclass(frozen=True)
class PopulationGroups:
    dimensions: tuple[tuple[str, tuple[Group, ...]], ...]

    def named(self, text: str, ages: bool = False) -> dict[str, Group]:
        """The one group of each dimension the text names (a dimension with two groups named is left out); with
        `ages`, an age the text states ("my 8-year-old") names the group it falls in."""
        found: dict[str, Group] = {}
        years = [age for _, _, age in stated_ages(text)] if ages else []
        for dimension, groups in self.dimensions:
            named = [g for g in groups if g.pattern().search(text) or any(g.holds_age(y) for y in years)]
            if len(named) == 1:
                found[dimension] = named[0]
        return found

    def mismatch(self, question: str, title: str, writes: Callable[[str], bool]
                 ) -> tuple[Group | None, Group] | None:  # fmt: skip
        """(the title's group, the question's group) when the question names a group the article writes no word of
        (`writes`: whether the article writes a word), and the title names another group of its dimension, or none
        and the question's group is ``distinct``; else None."""
        written = self.named(title)
        for dimension, group in self.named(question, ages=True).items():
            written_for = written.get(dimension)
            if (group != written_for and (written_for is not None or group.distinct)
                    and not any(writes(w) for w in group.words)):
                return written_for, group
        return None

    @classmethod
    def load(cls, path: Path) -> PopulationGroups:
        return parsed_json_file(path, lambda document: cls(_dimensions(document)),
                                "dimensions, each with a name and at least two groups of words")


def _dimensions(document: dict) -> tuple[tuple[str, tuple[Group, ...]], ...]:
    dimensions = tuple((str(d["name"]), tuple(_group(g) for g in d["groups"])) for d in document["dimensions"])
    if not dimensions or any(len(groups) < 2 for _, groups in dimensions):
        raise ValueError("a dimension has fewer than two groups")
    return dimensions


def _group(entry: dict) -> Group:
    name, words = entry["name"], entry["words"]
    if not is_word_list(words):
        raise ValueError(f"group {name!r}: words must be a non-empty list of words")
    try:
        below, start = (None if entry.get(k) is None else Decimal(str(entry[k])) for k in ("ages_below", "ages_from"))
    except InvalidOperation:
        raise ValueError(f"group {name!r}: ages_below and ages_from must be numbers of years") from None
    if not isinstance(entry.get("distinct", False), bool):
        raise ValueError(f"group {name!r}: distinct must be true or false")
    return Group(str(name), tuple(words), below, start, entry.get("distinct", False))


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation(words)})(?![\w-])")


def stated_ages(text: str) -> list[tuple[int, int, Decimal]]:
    """Where the text states someone's age (the number's span) and the age in years: "my 8-year-old", "my 6 month
    old" (0.5), "I'm 82" (an age written with no unit is in years)."""
    ages = []
    table = kind_table()
    for start, end in table.ages(text):
        unit = _UNIT.match(text, end)
        per_year = table.age_units.get(unit.group(1).casefold(), Decimal(1)) if unit else Decimal(1)  # 6 months: 0.5
        try:
            ages.append((start, end, Decimal(text[start:end]) / per_year))
        except InvalidOperation:  # an age in words ("a three-year-old") names no group by its number
            continue
    return ages


@cache
def shipped_population_groups() -> PopulationGroups:
    return PopulationGroups.load(data_dir() / GROUPS_FILE)
