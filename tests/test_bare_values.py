"""Decimal numbers written with no unit (calckg.ingest.bare_values, data/bare-values.json): a trial's result on a
scale, a bound, an estimate named a few words before it; never a label, an end of a range, or one number of a list
whose unit may follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seed import seed_claims_with
from test_numbers import _rows

from calckg.errors import InputError
from calckg.ingest.bare_values import BARE_VALUES_FILE, BareValues
from calckg.ingest.numbers import extract_statistics
from calckg.namespaces import CK
from calckg.resources import data_dir

CONCEPT = "https://w3id.org/calckg/concept/"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result on a scale, for each arm (fresh-x's and the low back pain article's trials)
        ("The mean pain score was 2.78 with the opioid and 2.25 with placebo (adjusted mean difference 0.53).",
         [("quantity", "2.78", "2.78", None, None, None, None, None, None),
          ("quantity", "2.25", "2.25", None, None, None, None, None, None),
          ("difference", "adjusted mean difference 0.53", "0.53", None, None, None, None, "adjusted mean difference",
           None)]),
        ("It reduced episodes by about 2.65 at 12 weeks, compared with 0.87 with placebo.",
         [("quantity", "2.65", "2.65", None, None, None, None, None, "about"),  # "at 12 weeks": a time point
          ("quantity", "0.87", "0.87", None, None, None, None, None, None)]),
        # a range's ends are the range's (or no figure: "0.6-0.9"), never bare values
        ("Values from 2.1 to 3.4, between 1.5 and 2.5, and 0.6-0.9.",
         [("quantity-range", "from 2.1 to 3.4", None, "2.1", "3.4", None, None, None, None),
          ("quantity-range", "between 1.5 and 2.5", None, "1.5", "2.5", None, None, None, None)]),
        # a bound: the comparator before it is its sign
        ("An arterial pH below 7.25 with a raised PaCO2, or an INR of at least 2.0 in two readings.",
         [("quantity", "7.25", "7.25", None, None, "<", None, None, None),
          ("quantity", "2.0", "2.0", None, None, "≥", None, None, None)]),
        # a named estimate a few words before, "for" or "of" between
        ("The relative risk of death 0.70, the risk ratio for persistent infection 0.66 and an OR of 1.82.",
         [("ratio", "relative risk of death 0.70", "0.70", None, None, None, None, "relative risk", None),
          ("ratio", "risk ratio for persistent infection 0.66", "0.66", None, None, None, None, "risk ratio", None),
          ("ratio", "OR of 1.82", "1.82", None, None, None, None, "OR", None)]),
        # the second estimate of a list, right before its interval: of the estimate named before it
        ("The odds ratio was 1.38 (95% CI 1.32-1.44) for birth weight and 1.55 (95% CI 1.47-1.64) for C-peptide.",
         [("ratio", "odds ratio was 1.38", "1.38", None, None, None, None, "odds ratio", None),
          ("confidence-interval", "1.32-1.44", None, "1.32", "1.44", None, None, "95% CI", None),
          ("ratio", "1.55", "1.55", None, None, None, None, "odds ratio", None),
          ("confidence-interval", "1.47-1.64", None, "1.47", "1.64", None, None, "95% CI", None)]),
        # a p-value in words
        ("The difference had a p-value of 0.03, which is small.",
         [("p-value", "p-value of 0.03", "0.03", None, None, "=", None, None, None)]),
    ],
)
def test_a_bare_decimal_is_a_value_a_bound_or_a_named_estimate(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "See section 4.2 and table 3.1 of version 2.0.",  # labels
        "Patients with an INR 2.5 were excluded.",  # a name in capitals before it
        "It rose 2.1 to 3.4-log, in 0.6–0.9 of cases.",  # ends of ranges ("-fold" is a unit since method 112)
        "Levels of 4.8, 4.5 and 4.4 mmol per dL.",  # a list whose unit may follow its last number
        "Event rates of 3.0 vs 4.9 per 100 patient-weeks.",  # a comparison whose unit may follow it
        "A level of 0.5 ng per decilitre, 12.05.2020, 1:2.5.",  # an unlisted unit; a date; a ratio's part
    ],
)
def test_a_bare_decimal_that_may_have_a_unit_or_is_a_label_or_range_end_is_no_figure(text: str) -> None:
    assert _rows(text) == []


def test_a_number_before_vs_and_a_figure_in_a_unit_is_a_comparison_in_that_unit() -> None:
    """Two arms' event rates written with the unit once ("3.0 vs 4.9 per 100 patient-years") are one comparison, as
    "55% vs 47%" is; a rate per person-time is a unit of data/quantities.json."""
    found = extract_statistics("Events were 3.0 vs 4.9 per 100 patient-years, 0.3 per 1,000 person-years with "
                               "the vaccine, median 12 vs 14 days, and 0.83 episodes per person-year; in section 2 vs "
                               "3 mg.")
    rows = [(s.kind.value, s.surface, s.unit, [(o.surface, str(o.value), o.unit) for o in s.operands]) for s in found]
    assert rows == [
        ("comparison", "3.0 vs 4.9 per 100 patient-years", "per-100-person-years",
         [("3.0", "3.0", "per-100-person-years"), ("4.9 per 100 patient-years", "4.9", "per-100-person-years")]),
        ("quantity", "0.3 per 1,000 person-years", "per-1000-person-years", []),
        ("comparison", "12 vs 14 days", "day", [("12", "12", "day"), ("14 days", "14", "day")]),
        ("quantity", "0.83 episodes per person-year", "per-person-year", []),
        ("quantity", "3 mg", "milligram", [])]


def test_an_arm_s_bare_result_is_a_claim_of_that_arm() -> None:
    graph, claims = seed_claims_with("At 6 weeks, the mean pain score on a 10-point scale was 2.78 with oxycodone and "
                                     "2.25 with placebo (p=0.051). 1")
    rows = sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.subject)), str(graph.value(c, CK.pValue)))
                  for c in claims)
    assert rows == [("2.25", f"{CONCEPT}placebo", "0.051"), ("2.78", f"{CONCEPT}drugbank-db00497", "0.051")]


def test_the_shipped_file_and_a_bad_file(tmp_path: Path) -> None:
    shipped = BareValues.load(data_dir() / BARE_VALUES_FILE)
    assert "with" in shipped.followers and "section" in shipped.not_after
    document = json.loads((data_dir() / BARE_VALUES_FILE).read_text(encoding="utf-8"))
    bad = tmp_path / BARE_VALUES_FILE
    bad.write_text(json.dumps({**document, "followers": []}), encoding="utf-8")
    with pytest.raises(InputError, match=f"{BARE_VALUES_FILE}: expected a list of words under 'followers'"):
        BareValues.load(bad)
    del document["range_joiners"]
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match=f"{BARE_VALUES_FILE}: expected a list of words under 'range_joiners'"):
        BareValues.load(bad)
    with pytest.raises(InputError, match="missing.json: cannot read"):
        BareValues.load(tmp_path / "missing.json")
