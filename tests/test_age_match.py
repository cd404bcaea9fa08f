"""A question's stated age meets the age-bounded groups of the statements (calckg.age_match)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calckg.age_match import holds, statements_holding_age
from calckg.answer_credits import statement_credits
from calckg.ingest.numbers import extract_statistics
from calckg.population_groups import stated_ages
from calckg.question_units import question_units
from calckg.text_index import StatementRow, build_index

STATINS = "https://x/statins"
ROWS = [
    StatementRow(STATINS, f"{STATINS}/s/1", 3, "Adults aged 40 to 75 years with diabetes should take a statin."),
    StatementRow(STATINS, f"{STATINS}/s/2", 4, "In adults 75 years or older, starting a statin may be reasonable."),
    StatementRow(STATINS, f"{STATINS}/s/3", 5, "Children aged 6-23 months were not studied."),
    StatementRow(STATINS, f"{STATINS}/s/4", 6, "Follow-up lasted 80 years in total, over 3 years for most."),
    StatementRow(STATINS, f"{STATINS}/s/5", 7, "Mortality was 38% in patients 6 months after a stroke."),
]


@pytest.fixture(scope="module")
def index():  # type: ignore[no-untyped-def]
    return build_index({STATINS: "Should statins be used for primary prevention?"}, ROWS)


@pytest.mark.parametrize(("text", "years", "held"), [
    ("adults aged 40 to 75 years", 55, True),
    ("adults aged 40 to 75 years", 76, False),
    ("adults 75 years or older", 80, True),
    ("adults 75 years or older", 74, False),
    ("adults under 65 years", 64, True),
    ("adults under 65 years", 65, False),
    ("children aged 6-23 months", 1, True),  # 0.5 to 1.92 years
    ("children aged 6-23 months", 2, False),
    ("a dose of 75 mg", 75, False),  # no age unit
])  # fmt: skip
def test_an_age_figure_holds_an_age_by_its_range_bound_or_value(text: str, years: int, held: bool) -> None:
    (statistic,) = extract_statistics(text)
    assert holds(statistic, Decimal(years)) is held


def test_the_statements_whose_age_bounded_group_holds_the_age(index) -> None:  # type: ignore[no-untyped-def]
    """A figure in years that no group word comes right before ("lasted 80 years", "over 3 years") is no age; nor is
    one after a group alone that is no range or bound ("patients 6 months after a stroke")."""
    assert statements_holding_age(index, 1, Decimal(80)) == {2}
    assert statements_holding_age(index, 1, Decimal(55)) == {1}
    assert statements_holding_age(index, 1, Decimal(75)) == {1, 2}
    assert statements_holding_age(index, 1, Decimal(1)) == {3}
    assert statements_holding_age(index, 1, Decimal(3)) == set()
    assert statements_holding_age(index, 1, Decimal("0.5")) == {3}  # not 5: "patients 6 months after a stroke"


def test_a_stated_age_is_a_unit_the_age_bounded_statements_have(index) -> None:  # type: ignore[no-untyped-def]
    assert stated_ages("Should my 80-year-old mother or my 6 month old start?") == [
        (10, 12, Decimal(80)), (35, 36, Decimal("0.5"))]
    _, units = question_units("Should my 80-year-old mother start a statin?", index)
    (age,) = [u for u in units if u.age is not None]
    assert (age.key, age.exact, age.age) == ("stem:80", False, Decimal(80))
    # statement 4 writes "80" (credit as a word); statement 2's group holds it
    assert statement_credits([age], index, 1) == {age.key: {4: 1.0, 2: 1.0}}
