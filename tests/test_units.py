"""Units of clinical rates, scores and infusions (data/quantities.json), and value pairs written as one reading
("140/90 mmHg": src/calckg/ingest/pairs.py, data/value-pairs.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calckg.errors import InputError
from calckg.ingest.numbers import extract_statistics
from calckg.ingest.pairs import PAIRS_FILE, ValuePairs, shipped_pairs
from seed import seed_claims_with
from test_numbers import _rows


def test_multiples_differences_of_percentages_and_rates_per_100000_are_quantities_in_their_units() -> None:
    """The pulmonary embolism and hidradenitis audit listed "about 8 times higher", "1.05-fold", "14 percentage
    points" and "39 to 115 per 100,000" among the figures with no claim (method 112). A multiple keeps the words of
    its comparison ("times a day" is a frequency, no multiple); a range written "4- to 6-fold" is one range, not
    6-fold; a number word joined to "fold" without a hyphen stays unread (the shape that compares a figure with its
    wording reads number words as whole words)."""
    text = ("It is about 8 times higher in older people, a 1.05-fold increase, 2 to 3 times as often in boys, about 4- "
            "to 6-fold, a 4× higher risk, 1.75 times the odds; taken 3 times a day, a sevenfold rise; about 20 "
            "percentage points; an incidence of 39 to 115 per 100,000 population and 7.9 per 100,000 person-years, "
            "0.047 per 100,000 people per year.")
    assert [(row[0], row[1], row[2] or (row[3], row[4]), row[6], row[8]) for row in _rows(text)] == [
        ("quantity", "8 times higher", "8", "fold", "about"),
        ("quantity", "1.05-fold", "1.05", "fold", None),
        ("quantity-range", "2 to 3 times as often", ("2", "3"), "fold", None),
        ("quantity-range", "4- to 6-fold", ("4", "6"), "fold", "about"),
        ("quantity", "4× higher", "4", "fold", None),
        ("quantity", "1.75 times the odds", "1.75", "fold", None),
        ("quantity", "20 percentage points", "20", "percentage-point", "about"),
        ("quantity-range", "39 to 115 per 100,000 population", ("39", "115"), "per-100000", None),
        ("quantity", "7.9 per 100,000 person-years", "7.9", "per-100000-person-years", None),
        ("quantity", "0.047 per 100,000 people per year", "0.047", "per-100000-person-years", None)]


def test_a_credible_interval_a_difference_named_with_its_subject_and_a_dose_per_body_surface_are_read() -> None:
    """From the stress articles of 2026-12-06: "(95% credible interval −2.84 to 0.47)" gave a percentage of 95;
    "a mean difference in pain reduction of −1.6 mm" and "a cumulative doxorubicin dose of 400 mg/m²" were no
    figures."""
    text = ("a risk difference of −1.18 percentage points (95% credible interval −2.84 to 0.47); a mean difference "
            "in pain reduction of −1.6 mm; a cumulative doxorubicin dose of 400 mg/m² and 26% at 550 mg/m².")
    assert [(row[0], row[1], row[2] or (row[3], row[4]), row[6], row[7]) for row in _rows(text)] == [
        ("difference", "risk difference of −1.18 percentage points", "-1.18", "percentage-point", "risk difference"),
        ("confidence-interval", "−2.84 to 0.47", ("-2.84", "0.47"), None, "95% credible interval"),
        ("difference", "mean difference in pain reduction of −1.6 mm", "-1.6", "millimetre", "mean difference"),
        ("quantity", "400 mg/m²", "400", "milligram-per-square-metre", None),
        ("percentage", "26%", "26", "percent", None),
        ("quantity", "550 mg/m²", "550", "milligram-per-square-metre", None)]


def test_clinical_rates_are_quantities_in_their_units() -> None:
    """A heart rate, a respiratory rate and an apnoea-hypopnoea index were no figures before these units were listed
    (2026-12-04: "30 breaths per minute" in the sepsis, asthma and bronchiolitis articles made no claim)."""
    text = ("A respiratory rate of 30 breaths per minute or more, a heart rate above 110 beats per minute, a pulse of "
            "50 bpm; mild sleep apnoea is an AHI of 5 to 14 events an hour, and it fell from 29.3 to 9.0 events an hour.")
    assert [(row[0], row[1], row[5], row[6]) for row in _rows(text)] == [
        ("quantity", "30 breaths per minute", "≥", "breath-per-minute"),
        ("quantity", "110 beats per minute", ">", "beat-per-minute"),
        ("quantity", "50 bpm", None, "beat-per-minute"),
        ("quantity-range", "5 to 14 events an hour", None, "event-per-hour"),
        ("comparison", "from 29.3 to 9.0 events an hour", None, "event-per-hour")]


def test_a_scores_points_are_quantities() -> None:
    """A score's points were no unit, so "improved the KOOS4 score by 32.5 points" and "a score of 1 point or less"
    made no figure (fresh-q's audit: "by a mean of 6.38 points on a 0 to 100 scale" had no claim, and its confidence
    interval no estimate)."""
    text = "It improved the score by 32.5 points; a score of 1 point or less; by a mean of 6.38 points on a 0 to 100 scale."
    assert [(row[0], row[1], row[5], row[6]) for row in _rows(text)] == [
        ("quantity", "32.5 points", None, "point"), ("quantity", "1 point", "≤", "point"),
        ("quantity", "6.38 points", None, "point")]


def test_infusion_rates_are_quantities_in_their_units() -> None:
    """"a loading dose of 4 g, then 1 g an hour" read 1 g, a dose (fresh-q's audit), and "5 mg/h" was no figure."""
    text = "A loading dose of 4 g, then 1 g an hour for 24 hours; fluids at 50 mL an hour; an infusion of 5 mg/h."
    assert [(row[0], row[1], row[6]) for row in _rows(text)] == [
        ("quantity", "4 g", "gram"), ("quantity", "1 g an hour", "gram-per-hour"), ("duration", "24 hours", "hour"),
        ("quantity", "50 mL an hour", "millilitre-per-hour"), ("quantity", "5 mg/h", "milligram-per-hour")]


@pytest.mark.parametrize(("text", "expected"), [
    # a comparator after the pair bounds both values, one before it too; the first value's surface is its number
    ("A blood pressure of 140/90 mmHg or higher on two occasions.",
     [("140", "140", "≥", "systolic", None), ("90 mmHg", "90", "≥", "diastolic", None)]),
    ("A target below 135/85 mm Hg, about 120/80mmHg at rest.",
     [("135", "135", "<", "systolic", None), ("85 mm Hg", "85", "<", "diastolic", None),
      ("120", "120", None, "systolic", "about"), ("80mmHg", "80", None, "diastolic", "about")]),
    # a pair in another unit (a combination dose) stays no figure, as before
    ("Co-amoxiclav 500/125 mg, 160/110 mmHg.", [("160", "160", None, "systolic", None),
                                                ("110 mmHg", "110", None, "diastolic", None)]),
    # two pairs written as a range bound it (fresh-r's stage definitions had four bare values): lower, then upper
    ("Stage 1 is 140/90 mmHg to 159/99 mmHg; between 135/85 mmHg and 149/94 mmHg at home.",
     [("140", "140", "≥", "systolic", None), ("90 mmHg", "90", "≥", "diastolic", None),
      ("159", "159", "≤", "systolic", None), ("99 mmHg", "99", "≤", "diastolic", None),
      ("135", "135", "≥", "systolic", None), ("85 mmHg", "85", "≥", "diastolic", None),
      ("149", "149", "≤", "systolic", None), ("94 mmHg", "94", "≤", "diastolic", None)]),
    # "from … to …" is a range, as for single numbers, unless a change word stands before it
    ("Stage 1 ranges from 140/90 mmHg to 159/99 mmHg.",
     [("140", "140", "≥", "systolic", None), ("90 mmHg", "90", "≥", "diastolic", None),
      ("159", "159", "≤", "systolic", None), ("99 mmHg", "99", "≤", "diastolic", None)]),
    # a change from one pair to another bounds nothing, nor do pairs with a comparator of their own
    ("It fell from 150/95 mmHg to 135/85 mmHg; aim below 140/90 mmHg – 150/100 mmHg at most.",
     [("150", "150", None, "systolic", None), ("95 mmHg", "95", None, "diastolic", None),
      ("135", "135", None, "systolic", None), ("85 mmHg", "85", None, "diastolic", None),
      ("140", "140", "<", "systolic", None), ("90 mmHg", "90", "<", "diastolic", None),
      ("150", "150", None, "systolic", None), ("100 mmHg", "100", None, "diastolic", None)]),
])
def test_a_blood_pressure_pair_is_two_figures_sharing_the_words_around_it(
        text: str, expected: list[tuple[str, str, str | None, str | None, str | None]]) -> None:
    rows = _rows(text)
    assert [(row[1], row[2], row[5], row[7], row[8]) for row in rows] == expected
    assert {row[6] for row in rows} == {"millimetre-of-mercury"}


def test_a_pairs_claims_are_two_figures_of_its_sentence() -> None:
    """Both audits of fresh-q found "140/90 mmHg or higher" and "160/110 mmHg" with no claim at all."""
    graph, claims = seed_claims_with("Mammography of microcalcifications is delayed if the blood pressure is 160/110 "
                                     "mmHg or higher. 1")
    from calckg.namespaces import CK

    assert sorted(str(graph.value(c, CK.value)) for c in claims) == ["110.0", "160.0"]


def test_the_pairs_file_lists_a_unit_and_two_measures(tmp_path: Path) -> None:
    assert shipped_pairs().measures == {"millimetre-of-mercury": ("systolic", "diastolic")}
    (tmp_path / PAIRS_FILE).write_text(json.dumps({"pairs": [{"unit": "millimetre-of-mercury", "measures": ["a"]}]}),
                                       encoding="utf-8")
    with pytest.raises(InputError, match=f"{PAIRS_FILE}: expected pairs, each a unit and two measures"):
        ValuePairs.load(tmp_path / PAIRS_FILE)
    with pytest.raises(InputError, match="missing.json: cannot read"):
        ValuePairs.load(tmp_path / "missing.json")
    (tmp_path / PAIRS_FILE).write_text(json.dumps({"pairs": [], "range_joiners": "to"}), encoding="utf-8")
    with pytest.raises(InputError, match="range_joiners must be a list of words"):
        ValuePairs.load(tmp_path / PAIRS_FILE)
    assert shipped_pairs().range_joiners == ("to", "-", "–", "—")
    empty = ValuePairs({})
    assert extract_statistics("140/90 mmHg", pairs=empty) == ()  # no listed unit: no pair, as before



def test_cell_counts_and_thousands_before_a_unit_are_figures() -> None:
    """"a platelet count below 150,000 per microlitre" (fresh-q's audit) and "150 x 10^9/L" were no figure; a number
    with commas between its thousands before a unit was none either ("up to 4,000 mg" had been read as 4 mg), and a
    decimal comma still makes none ("1,5 mg", "0,030 mg")."""
    text = ("Platelets below 150,000 per microlitre or 100 ×10⁹/L; 1,000 to 2,000 mg a day; between 1,000 and 2,000 IU; "
            "1,5 mg; 0,030 mg; 12,000/µL.")
    assert [(row[0], row[1], row[2], row[3], row[4], row[5], row[6]) for row in _rows(text)] == [
        ("quantity", "150,000 per microlitre", "150000", None, None, "<", "cell-per-microlitre"),
        ("quantity", "100 ×10⁹/L", "100", None, None, None, "ten-to-the-ninth-per-litre"),
        ("quantity-range", "1,000 to 2,000 mg a day", None, "1000", "2000", None, "milligram-per-day"),
        ("quantity-range", "between 1,000 and 2,000 IU", None, "1000", "2000", None, "international-unit"),
        ("quantity", "12,000/µL", "12000", None, None, None, "cell-per-microlitre")]


@pytest.mark.parametrize(("text", "expected"), [
    # both audits of fresh-q: "after 20 weeks of pregnancy" was a bare 20 weeks
    ("New hypertension after 20 weeks of pregnancy; babies born before 32 weeks' gestation; aspirin from 12 weeks of "
     "pregnancy until 36 weeks of pregnancy.", [("20 weeks", ">"), ("32 weeks", "<"), ("12 weeks", "≥"),
                                                ("36 weeks", "≤")]),
    # the same words without the context name a time point, no bound; but "before" bounds a time everywhere since
    # method 154 (fresh-ao's audit: "or before 20 weeks" read as 20 weeks)
    ("Pain had improved after 12 weeks of treatment; delivery before 34 weeks; review after 2 days of pregnancy.",
     [("12 weeks", None), ("34 weeks", "<"), ("2 days", None)]),
])
def test_a_time_word_bounds_a_gestational_age_only_in_its_context(text: str,
                                                                   expected: list[tuple[str, str | None]]) -> None:
    assert [(row[1], row[5]) for row in _rows(text)] == expected


@pytest.mark.parametrize(("document", "fault"), [
    ({"words": {"after": "="}, "units": ["week"], "context": ["of pregnancy"]}, "each word with one of the signs"),
    ({"words": {"after": ">"}, "units": [], "context": ["of pregnancy"]}, "units and context: lists of words"),
    ({"words": {"after": ">"}, "units": ["week"]}, "'context'"),
])
def test_a_bad_time_bounds_file_names_the_file_and_the_fault(tmp_path: Path, document: dict[str, object],
                                                              fault: str) -> None:
    from calckg.ingest.time_bounds import TIME_BOUNDS_FILE, TimeBounds

    (tmp_path / TIME_BOUNDS_FILE).write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match=f"{TIME_BOUNDS_FILE}: expected words, units and context") as raised:
        TimeBounds.load(tmp_path / TIME_BOUNDS_FILE)
    assert fault in str(raised.value)
    with pytest.raises(InputError, match="missing.json: cannot read"):
        TimeBounds.load(tmp_path / "missing.json")


def test_a_fraction_word_that_is_an_ordinal_a_part_or_a_mixed_number_is_no_figure(tmp_path: Path) -> None:
    """fresh-r's audit: "a second and a third reading" and "a third medicine" were 0.33; "the upper half of the
    reference range" and "two and a half times the intake" were 0.5 (data/fraction-contexts.json)."""
    from calckg.ingest.fraction_contexts import FRACTION_CONTEXTS_FILE, FractionContexts

    text = ("A second and a third reading, then a second and then a third medicine; the upper half of the range; two "
            "and a half times the intake; about a third of patients; half of them; it fell by a quarter.")
    assert [(row[1], row[2]) for row in _rows(text)] == [("a third", "0.33"), ("half", "0.5"), ("a quarter", "0.25")]
    # an ordinal before what it counts (fresh-ak's audit, method 119: "only 4% on a third medicine" was 0.33)
    text = "13% on the second and only 4% on a third medicine; a third trimester; a third of them; down by a third."
    assert [(row[1], row[2]) for row in _rows(text)] == [("13%", "13"), ("4%", "4"), ("a third", "0.33"),
                                                         ("a third", "0.33")]
    bad = tmp_path / FRACTION_CONTEXTS_FILE
    bad.write_text(json.dumps({"not_after": "second"}), encoding="utf-8")
    with pytest.raises(InputError, match=f"{FRACTION_CONTEXTS_FILE}: expected a list of words under 'not_after'"):
        FractionContexts.load(bad)
    bad.write_text(json.dumps({"not_after": ["second"]}), encoding="utf-8")
    with pytest.raises(InputError, match=f"{FRACTION_CONTEXTS_FILE}: expected a list of words under 'not_before'"):
        FractionContexts.load(bad)
    with pytest.raises(InputError, match="missing.json: cannot read"):
        FractionContexts.load(tmp_path / "missing.json")


def test_a_dose_a_day_is_a_daily_dose_and_a_dose_taken_once_or_twice_daily_a_single_one() -> None:
    """"40 mg a day" and "75 mg daily" were doses of 40 and 75 mg, the day lost (found beside the stress articles'
    audit, whose one wrong value was a rate that lost its "per year"); "10 mg once daily" is a dose of 10 mg taken
    once a day, and stays one."""
    text = "Take 40 mg a day or less; aspirin 75 mg daily; 20 to 40 mg daily; 10 mg once daily; 5 mg twice daily."
    assert [(row[1], row[5], row[6]) for row in _rows(text)] == [
        ("40 mg a day", "≤", "milligram-per-day"), ("75 mg daily", None, "milligram-per-day"),
        ("20 to 40 mg daily", None, "milligram-per-day"), ("10 mg", None, "milligram"), ("5 mg", None, "milligram")]


def test_a_sample_size_in_its_notation_is_a_count_and_measures_nothing() -> None:
    """"in PARADIGM-HF (n = 8,442; HR 0.80 …)" and "(n = 70)" were no figures in the stress articles (the audit's
    figures with no claim): each is a count whose measure is the "n" as written, a study's size with no outcome. A
    count with its noun keeps the noun ("(N=1,000 adults)"), and "n = 3.5" is no count."""
    text = "In PARADIGM-HF (n = 8,442; HR 0.80), 71.4% responded (n = 70; N=1,000 adults), where n = 3.5."
    assert [(row[0], row[1], row[2], row[7]) for row in _rows(text)] == [
        ("count", "n = 8,442", "8442", "n"), ("ratio", "HR 0.80", "0.80", "HR"), ("percentage", "71.4%", "71.4", None),
        ("count", "n = 70", "70", "n"), ("count", "1,000 adults", "1000", "adults"), ("quantity", "3.5", "3.5", None)]
    graph, claims = seed_claims_with("In a trial of mammography (n = 8,442), DCIS was found in 12% of women. 1")
    from calckg.namespaces import CK

    counts = [c for c in claims if str(graph.value(c, CK.value)) == "8442.0"]
    assert len(counts) == 1 and graph.value(counts[0], CK.outcome) is None
