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
from calckg.extract.population import AgeGroups
from calckg.ingest.numbers import extract_statistics
from calckg.model import Statistic
from calckg.question_kinds import kind_table
from calckg.text_index import TextIndex

__all__ = ["holds", "statements_holding_age"]

def holds(statistic: Statistic, years: Decimal) -> bool:
    """Whether an age figure holds the age: its range, its bound ("75 years or older": ≥ 75) or its value (how many
    of its unit make a year: age_units of data/answer-kinds.json)."""
    per_year = kind_table().age_units.get(statistic.unit or "")
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
            if (statistic.unit in groups.units and _an_age(statement.text, statistic, groups)
                    and holds(statistic, years)):
                found.add(statement.id)
                break
    return found


def _an_age(text: str, statistic: Statistic, groups: AgeGroups) -> bool:
    """Whether the figure is a group's age: after a group and an age word or comparator ("adults aged 65 years",
    "children under 2 years"), or after a group alone when it is a range or a bound ("adults 75 years or older");
    "patients 6 months after a stroke" is a time, not an age."""
    if groups.before.search(text, 0, statistic.start):
        return True
    bounded = statistic.comparator is not None or statistic.low is not None
    return bounded and groups.named.search(text, 0, statistic.start) is not None
