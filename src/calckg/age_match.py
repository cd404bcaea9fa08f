"""Which statements speak of a group of people whose ages hold the age a question states ("Should my 80-year-old
mother start a statin?" and "In adults 75 years or older with an LDL-C of 70 to 189 mg/dL, …").

A question's age (calckg.population_groups.stated_ages, in years) is a word unit that no statement writes as such;
a statement has it when one of its figures is the age of an age-bounded group (a group of population_groups or
population_referents of data/claim-cues.json, then optionally an age word and a comparator, right before the
figure: "adults aged 40 to 75 years", "adults 75 years or older", "children under 2 years") whose range holds the
age. Statements are read with the figure reader the build uses (calckg.ingest.numbers), so "75 years or older" is
≥ 75 and "6-23 months" is 0.5 to 1.92 years.
"""

from __future__ import annotations

from decimal import Decimal

from calckg.extract.cues import shipped_cues
from calckg.ingest.numbers import extract_statistics
from calckg.model import Statistic
from calckg.text_index import TextIndex

__all__ = ["holds", "statements_holding_age"]

IN_YEARS = {"year": Decimal(1), "month": Decimal(12)}
"""How many of each age unit make a year (the units of population_age_units in data/claim-cues.json)."""


def holds(statistic: Statistic, years: Decimal) -> bool:
    """Whether an age figure holds the age: its range, its bound ("75 years or older": ≥ 75) or its value."""
    per_year = IN_YEARS.get(statistic.unit or "")
    if per_year is None:
        return False
    if statistic.low is not None and statistic.high is not None:
        return statistic.low / per_year <= years <= statistic.high / per_year
    if statistic.value is None:
        return False
    value = statistic.value / per_year
    return {">": years > value, "≥": years >= value, "<": years < value, "≤": years <= value,
            None: years == value}.get(statistic.comparator, False)


def statements_holding_age(index: TextIndex, article: int, years: Decimal) -> set[int]:
    """The statements of the article with an age-bounded group whose ages hold `years`."""
    groups = shipped_cues().age_groups
    if groups is None:
        return set()
    found = set()
    for statement in index.article_statements(article):
        if not any(ch.isdigit() for ch in statement.text):
            continue
        for statistic in extract_statistics(statement.text):
            if (statistic.unit in IN_YEARS and groups.named.search(statement.text, 0, statistic.start)
                    and holds(statistic, years)):
                found.add(statement.id)
                break
    return found
