"""Numbers with units, thresholds, counts of named things, named ratios, confidence intervals and ranges in words
(src/calckg/ingest/quantities.py, words from data/quantities.json), and the bad files and texts they must refuse."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from calckg.errors import InputError
from calckg.ingest.numbers import extract_statistics
from calckg.ingest.quantities import QUANTITIES_FILE, Lexicon
from calckg.namespaces import CK
from calckg.resources import data_dir, ontology_dir


def _rows(text: str, lexicon: Lexicon | None = None) -> list[tuple[object, ...]]:
    def text_of(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    found = extract_statistics(text, lexicon)
    for statistic in found:
        assert text[statistic.start : statistic.end] == statistic.surface
    return [(s.kind.value, s.surface, text_of(s.value), text_of(s.low), text_of(s.high), s.comparator, s.unit,
             s.measure, s.qualifier) for s in found]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hypercalciuria is more than 300 mg/day in men, or more than 4 mg/kg/day in either sex.",
         [("quantity", "300 mg/day", "300", None, None, ">", "milligram-per-day", None, None),
          ("quantity", "4 mg/kg/day", "4", None, None, ">", "milligram-per-kilogram-per-day", None, None)]),
        ("It can be started when eGFR is 20 mL/min/1.73 m² or higher.",
         [("quantity", "20 mL/min/1.73 m²", "20", None, None, "≥", "millilitre-per-minute-per-1.73-m2", None, None)]),
        ("Urine calcium is typically 100-300 mg/day, at about 15-20 mg/kg/day in women.",
         [("quantity-range", "100-300 mg/day", None, "100", "300", None, "milligram-per-day", None, None),
          ("quantity-range", "15-20 mg/kg/day", None, "15", "20", None, "milligram-per-kilogram-per-day", None, "about")]),
        ("Steroids should be started within 72 hours in patients aged 16 years and older, for 10 days.",
         [("duration", "72 hours", "72", None, None, "≤", "hour", None, None),
          ("duration", "16 years", "16", None, None, "≥", "year", None, None),
          ("duration", "10 days", "10", None, None, None, "day", None, None)]),
        ("Prednisolone 60 mg daily, then reduced by 10 mg per day; the nodule is 1 cm or larger, two centimeters.",
         [("quantity", "60 mg daily", "60", None, None, None, "milligram-per-day", None, None),
          ("quantity", "10 mg per day", "10", None, None, None, "milligram-per-day", None, None),
          ("length", "1 cm", "1", None, None, "≥", "centimetre", None, None),
          ("length", "two centimeters", "2", None, None, None, "centimetre", None, None)]),
        ("Recovery (hazard ratio 0.86; 95% CI 0.74-0.99; p = 0.04), HR 0.7 (95% CI, 0.5 to 0.9), odds ratio of 2.1.",
         [("ratio", "hazard ratio 0.86", "0.86", None, None, None, None, "hazard ratio", None),
          ("confidence-interval", "0.74-0.99", None, "0.74", "0.99", None, None, "95% CI", None),
          ("p-value", "p = 0.04", "0.04", None, None, "=", None, None, None),
          ("ratio", "HR 0.7", "0.7", None, None, None, None, "HR", None),
          ("confidence-interval", "0.5 to 0.9", None, "0.5", "0.9", None, None, "95% CI", None),
          ("ratio", "odds ratio of 2.1", "2.1", None, None, None, None, "odds ratio", None)]),
        # a comparator written before the figure's hedge bounds it; "no larger than" is ≤, never "larger than"'s >
        ("Stones no larger than about 15 mm; gluten below about 10 mg; it affects up to about 30%.",
         [("length", "15 mm", "15", None, None, "≤", "millimetre", None, "about"),
          ("quantity", "10 mg", "10", None, None, "<", "milligram", None, "about"),
          ("percentage", "30%", "30", None, None, "≤", "percent", None, "about")]),
        # two figures of one kind in different units joined by "to" are a range's bounds (fresh-w's audit: "6 months
        # to 2 years" gave two figures, each claimed alone)
        ("Healing takes 6 months to 2 years; amoxicillin 500 mg to 1 g; children aged 6 months to 12 years.",
         [("duration", "6 months", "6", None, None, "≥", "month", None, None),
          ("duration", "2 years", "2", None, None, "≤", "year", None, None),
          ("quantity", "500 mg", "500", None, None, "≥", "milligram", None, None),
          ("quantity", "1 g", "1", None, None, "≤", "gram", None, None),
          ("duration", "6 months", "6", None, None, "≥", "month", None, None),
          ("duration", "12 years", "12", None, None, "≤", "year", None, None)]),
        # the same inside a range's words, and "at least a" is "at least" (fresh-am's audit, method 134: "between 600
        # mg and 1,800 mg a day" gave two bare doses, "at least a 50% fall" a bare 50%); "week 16 in 45%" is no
        # natural frequency "16 in 45"
        ("It is increased to between 600 mg and 1,800 mg a day; HiSCR means at least a 50% fall, reached at week 16 "
         "in 45% of people.",
         [("quantity", "600 mg", "600", None, None, "≥", "milligram", None, None),
          ("quantity", "1,800 mg a day", "1800", None, None, "≤", "milligram-per-day", None, None),
          ("percentage", "50%", "50", None, None, "≥", "percent", None, None),
          ("percentage", "45%", "45", None, None, None, "percent", None, None)]),
        # "from … to …" with a unit after each number: each in its own unit (the stress articles of 2026-12-05,
        # twelfth session: "from 30 minutes to 7 days" was a fall from 30 days to 7 days)
        ("An episode lasts from 30 minutes to 7 days.",
         [("duration", "30 minutes", "30", None, None, "≥", "minute", None, None),
          ("duration", "7 days", "7", None, None, "≤", "day", None, None)]),
        # what a named ratio is for may stand between its name and its number (it was left unread, and its interval
        # taken for another figure's)
        ("A hazard ratio for recovery of 0.91 (95% CI 0.78 to 1.07); the odds ratio for death was 1.5.",
         [("ratio", "hazard ratio for recovery of 0.91", "0.91", None, None, None, None, "hazard ratio", None),
          ("confidence-interval", "0.78 to 1.07", None, "0.78", "1.07", None, None, "95% CI", None),
          ("ratio", "odds ratio for death was 1.5", "1.5", None, None, None, None, "odds ratio", None)]),
        # … and the trial it is of, after "in" (fresh-am's audit, method 137: "odds ratio in BE HEARD I 2.23" was a
        # bare 2.23); never across a word with a digit, which the surface would then hold ("EQ-5D": a first form
        # failed validation, the surface's number not the value)
        # … even when the trial is a name in capitals, which no other bare number may follow (method 139: "odds
        # ratio in SUNSHINE 1.8" was no figure, and its interval was given to the 31% before it)
        ("Placebo 29% (odds ratio in BE HEARD I 2.23, 95% CI 1.16 to 4.31); a mean difference in EQ-5D score of 0.01.",
         [("percentage", "29%", "29", None, None, None, "percent", None, None),
          ("ratio", "odds ratio in BE HEARD I 2.23", "2.23", None, None, None, None, "odds ratio", None),
          ("confidence-interval", "1.16 to 4.31", None, "1.16", "4.31", None, None, "95% CI", None),
          ("quantity", "0.01", "0.01", None, None, None, None, None, None)]),
        ("Placebo 31% (odds ratio in SUNSHINE 1.8, 95% CI 1.1 to 2.7); SUNSHINE 1.8 alone.",
         [("percentage", "31%", "31", None, None, None, "percent", None, None),
          ("ratio", "odds ratio in SUNSHINE 1.8", "1.8", None, None, None, None, "odds ratio", None),
          ("confidence-interval", "1.1 to 2.7", None, "1.1", "2.7", None, None, "95% CI", None)]),
        # common laboratory units: a figure in each is a quantity in that unit, not a bare number
        ("Urate below 360 micromol/litre; HbA1c 48 mmol/mol; ferritin under 30 µg/L; TSH 4.5 mIU/L; BMI 30 kg/m².",
         [("quantity", "360 micromol/litre", "360", None, None, "<", "micromole-per-litre", None, None),
          ("quantity", "48 mmol/mol", "48", None, None, None, "millimole-per-mole", None, None),
          ("quantity", "30 µg/L", "30", None, None, "<", "microgram-per-litre", None, None),
          ("quantity", "4.5 mIU/L", "4.5", None, None, None, "milli-international-unit-per-litre", None, None),
          ("quantity", "30 kg/m²", "30", None, None, None, "kilogram-per-square-metre", None, None)]),
        # negative bounds (a difference) and bounds written as percentages are one interval, not a stray "95%"
        ("(difference 1.3 mm; 95% CI -9.8 to 7.1); 95% CI −9.6 to −1.7; stroke fell by 64% (95% CI 49%-74%).",
         [("difference", "difference 1.3 mm", "1.3", None, None, None, "millimetre", "difference", None),
          ("confidence-interval", "-9.8 to 7.1", None, "-9.8", "7.1", None, None, "95% CI", None),
          ("confidence-interval", "−9.6 to −1.7", None, "-9.6", "-1.7", None, None, "95% CI", None),
          ("percentage", "64%", "64", None, None, None, "percent", None, None),
          ("confidence-interval", "49%-74%", None, "49", "74", None, None, "95% CI", None)]),
        ("A trial of 551 patients scored five ultrasound feature categories; comet-tail artifacts score 0 points.",
         [("count", "551 patients", "551", None, None, None, None, "patients", None),
          ("count", "five ultrasound feature categories", "5", None, None, None, None, "ultrasound feature categories", None),
          ("quantity", "0 points", "0", None, None, None, "point", None, None)]),  # a score's unit, not a count
        # a count's number may have commas between its thousands; men, women and infants are counted too
        ("A review of 15,581 patients; 1,000 women and 6595 men; 1566 infants; grades 1,2 and 3 studies.",
         [("count", "15,581 patients", "15581", None, None, None, None, "patients", None),
          ("count", "1,000 women", "1000", None, None, None, None, "women", None),
          ("count", "6595 men", "6595", None, None, None, None, "men", None),
          ("count", "1566 infants", "1566", None, None, None, None, "infants", None),
          ("count", "3 studies", "3", None, None, None, None, "studies", None)]),
        ("CCCR below 0.01 - suggests FHH; CCCR between 0.01 and 0.02 - does not; a ratio greater than 1",
         [("quantity", "0.01", "0.01", None, None, "<", None, None, None),
          ("quantity-range", "between 0.01 and 0.02", None, "0.01", "0.02", None, None, None, None),
          ("quantity", "1", "1", None, None, ">", None, None, None)]),
        ("Treated within the last 6 months; beyond 3 months; longer than 2 weeks; a maximum of 4 g; not exceeding "
         "20 mg; older than 65 years.",
         [("duration", "6 months", "6", None, None, "≤", "month", None, None),
          ("duration", "3 months", "3", None, None, ">", "month", None, None),
          ("duration", "2 weeks", "2", None, None, ">", "week", None, None),
          ("quantity", "4 g", "4", None, None, "≤", "gram", None, None),
          ("quantity", "20 mg", "20", None, None, "≤", "milligram", None, None),
          ("duration", "65 years", "65", None, None, ">", "year", None, None)]),
        ("A plantar fascia thicker than 4 mm; a nodule smaller than 1 cm; a heart rate slower than 50 beats per "
         "minute; later than 20 weeks; no later than 34 weeks; birth at or after 37 weeks.",
         [("length", "4 mm", "4", None, None, ">", "millimetre", None, None),
          ("length", "1 cm", "1", None, None, "<", "centimetre", None, None),
          ("quantity", "50 beats per minute", "50", None, None, "<", "beat-per-minute", None, None),
          ("duration", "20 weeks", "20", None, None, ">", "week", None, None),
          ("duration", "34 weeks", "34", None, None, "≤", "week", None, None),
          ("duration", "37 weeks", "37", None, None, "≥", "week", None, None)]),
        ("It cures more than 95% of patients; risk of more than 70-90%; in up to 50% of cases; only about 10%.",
         [("percentage", "95%", "95", None, None, ">", "percent", None, None),
          ("percentage-range", "70-90%", None, "70", "90", ">", "percent", None, None),
          ("percentage", "50%", "50", None, None, "≤", "percent", None, "up to"),  # a bound and a hedge
          ("percentage", "10%", "10", None, None, None, "percent", None, "only about")]),
        ("So 400 mg/day is approximately 10 mmol/day, between 10% and 20% of cases, from 3 to 5 days.",
         [("quantity", "400 mg/day", "400", None, None, None, "milligram-per-day", None, None),
          ("quantity", "10 mmol/day", "10", None, None, None, "millimole-per-day", None, "approximately"),
          ("percentage-range", "between 10% and 20%", None, "10", "20", None, "percent", None, None),
          ("quantity-range", "from 3 to 5 days", None, "3", "5", None, "day", None, None)]),
        ("A T-score of -2.5 or lower, a score of 2 or more, One or two collections for two to three weeks.",
         [("quantity", "-2.5", "-2.5", None, None, "≤", None, None, None),
          ("quantity", "2", "2", None, None, "≥", None, None, None),
          ("quantity-range", "One or two", None, "1", "2", None, None, None, None),
          ("quantity-range", "two to three weeks", None, "2", "3", None, "week", None, None)]),
        # "or longer", "or later", "or shorter" bound a time as "or more" bounds a count (from fresh-aa's audit:
        # "chronic pelvic pain lasting 6 months or longer" was 6 months)
        ("Pelvic pain lasting 6 months or longer, a visit 2 weeks or later, a course of 5 days or shorter.",
         [("duration", "6 months", "6", None, None, "≥", "month", None, None),
          ("duration", "2 weeks", "2", None, None, "≥", "week", None, None),
          ("duration", "5 days", "5", None, None, "≤", "day", None, None)]),
        # "before" bounds a time (method 154, fresh-ao's audit: "before 20 weeks" read as 20 weeks); "after" is a
        # time point ("repeated after 7 days")
        ("Offer it before 20 weeks; infants born before 32 weeks; repeated after 7 days.",
         [("duration", "20 weeks", "20", None, None, "<", "week", None, None),
          ("duration", "32 weeks", "32", None, None, "<", "week", None, None),
          ("duration", "7 days", "7", None, None, None, "day", None, None)]),
        # … but "or longer than" is the next figure's comparator (fresh-ao's audit: "cycles shorter than 21 days or
        # longer than 35 days" read ≥ 21 days)
        ("Cycles shorter than 21 days or longer than 35 days; a score of 4 or higher than 6.",
         [("duration", "21 days", "21", None, None, "<", "day", None, None),
          ("duration", "35 days", "35", None, None, ">", "day", None, None),
          ("quantity", "6", "6", None, None, ">", None, None, None)]),
        ("Keep it at or below 24 cm, glucose at or above 130 mg/dL, no later than 72 hours, not earlier than 1 minute.",
         [("length", "24 cm", "24", None, None, "≤", "centimetre", None, None),  # "below" alone would say <
          ("quantity", "130 mg/dL", "130", None, None, "≥", "milligram-per-decilitre", None, None),
          ("duration", "72 hours", "72", None, None, "≤", "hour", None, None),
          ("duration", "1 minute", "1", None, None, "≥", "minute", None, None)]),
        # a comparator after a rate still bounds the figure; numbers sharing one unit are no figure alone, but for a
        # value pair of data/value-pairs.json (tests/test_units.py)
        ("Febuxostat at 40 mg a day or less; hydrocortisone for 4 or 7 days; co-amoxiclav 500/125 mg or 1.2 g; "
         "a target below 130/80 mmHg.",
         [("quantity", "40 mg a day", "40", None, None, "≤", "milligram-per-day", None, None),
          ("quantity", "1.2 g", "1.2", None, None, None, "gram", None, None),
          ("quantity", "130", "130", None, None, "<", "millimetre-of-mercury", "systolic", None),
          ("quantity", "80 mmHg", "80", None, None, "<", "millimetre-of-mercury", "diastolic", None)]),
        # … nor is either strength of a combination written with its unit each side of a slash (the second was read
        # alone and given to the first drug: "oxycodone 2.5 mg")
        ("Oxycodone-naloxone 5 mg/2.5 mg twice daily, at most 60 mg/30 mg a day; 120 mmHg/80 mmHg; then 10 mg.",
         [("quantity", "10 mg", "10", None, None, None, "milligram", None, None)]),
        ("Start at 25 to 50 micrograms; treat a TSH of 10 mIU/litre or higher; oxygen at 2 L/min.",
         [("quantity-range", "25 to 50 micrograms", None, "25", "50", None, "microgram", None, None),
          ("quantity", "10 mIU/litre", "10", None, None, "≥", "milli-international-unit-per-litre", None, None),
          ("quantity", "2 L/min", "2", None, None, None, "litre-per-minute", None, None)]),
        # the words after a figure bind it; "over" before it may be a preposition of time (it gave > 14)
        ("Symptoms worsen over 14 days or less.", [("duration", "14 days", "14", None, None, "≤", "day", None, None)]),
        ("For adults aged 65 years or over.", [("duration", "65 years", "65", None, None, "≥", "year", None, None)]),
        # "difference" alone names a difference, in percent too (method 131: "difference 7.3%" was a share of 7.3%,
        # "difference -2.0%" no figure); a ratio is never in percent
        ("Cure (difference -2.0%, 95% CI -9.7% to 5.7%); relief (difference 7.3%); HR 20%; a mean difference 9%.",
         [("difference", "difference -2.0%", "-2.0", None, None, None, "percent", "difference", None),
          ("confidence-interval", "-9.7% to 5.7%", None, "-9.7", "5.7", None, None, "95% CI", None),
          ("difference", "difference 7.3%", "7.3", None, None, None, "percent", "difference", None),
          ("percentage", "20%", "20", None, None, None, "percent", None, None),
          ("difference", "mean difference 9%", "9", None, None, None, "percent", "mean difference", None)]),
        # laboratory units of the fresh-al audit's figures with no claim (method 128: they were read as nothing)
        ("A total B12 below 180 ng/L or an active B12 of 25 to 70 pmol/L; an MCV above 100 fL; 1,005 pg/mL; a "
         "testosterone <12 nmol/L (<346 ng/dL); brimonidine 3 mg/g gel.",
         [("quantity", "180 ng/L", "180", None, None, "<", "nanogram-per-litre", None, None),
          ("quantity-range", "25 to 70 pmol/L", None, "25", "70", None, "picomole-per-litre", None, None),
          ("quantity", "100 fL", "100", None, None, ">", "femtolitre", None, None),
          ("quantity", "1,005 pg/mL", "1005", None, None, None, "picogram-per-millilitre", None, None),
          ("quantity", "12 nmol/L", "12", None, None, "<", "nanomole-per-litre", None, None),
          ("quantity", "346 ng/dL", "346", None, None, "<", "nanogram-per-decilitre", None, None),
          ("quantity", "3 mg/g", "3", None, None, None, "milligram-per-gram", None, None)]),
        # a minus sign, a hyphen or U+2212, before a threshold or a value in a unit (method 126: read as nothing before)
        ("Osteoporosis is a T-score ≤ −2.5, or a T-score of −2.5 or lower; a change of −0.3 mg/dL; a difference of "
         "-3.7 percentage points.",
         [("quantity", "−2.5", "-2.5", None, None, "≤", None, None, None),
          ("quantity", "−2.5", "-2.5", None, None, "≤", None, None, None),
          ("quantity", "−0.3 mg/dL", "-0.3", None, None, None, "milligram-per-decilitre", None, None),
          ("difference", "difference of -3.7 percentage points", "-3.7", None, None, None, "percentage-point",
           "difference", None)]),
        # … and before the first of two arms' values that share a unit; a range written the wrong way round ("between
        # 0 and −0.3") is no range, and its end alone no figure
        ("The decline was slower (-0.55 vs -2.28 mL/min/1.73 m²; p<0.001); creatinine changed by between 0 and "
         "−0.3 mg/dL within 48 hours.",
         [("comparison", "-0.55 vs -2.28 mL/min/1.73 m²", None, None, None, None, "millilitre-per-minute-per-1.73-m2",
           None, None),
          ("p-value", "p<0.001", "0.001", None, None, "<", None, None, None),
          ("duration", "48 hours", "48", None, None, "≤", "hour", None, None)]),
    ],
)
def test_figures_with_units_thresholds_counts_ratios_and_intervals(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Complete recovery at 3 months was better; At 9 months it was not.",  # a time point, not a figure
        "A 24-hour urine calcium in type 2 diabetes and HER-2 positive tumors (BI-RADS 5).",  # names, not figures
        "Type 1 or 2 diabetes, three or two, values of 5 -10 or lower.",  # digits joined by "or"; no range down; no sign after a number
        "The 2022 workshop, between 2010 and 2015, with 1,5 mg daily.",  # years; a decimal comma
        "Two of the patients, three times daily, more than 2 risk factors.",  # "One in 10": test_a_natural_frequency…
        "Its half-life is long.",  # a fraction word before a hyphen names something else
    ],
)
def test_numbers_that_are_not_figures_stay_untyped(text: str) -> None:
    assert _rows(text) == []


def test_every_unit_of_the_data_file_is_a_unit_of_the_ontology() -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    document = json.loads((data_dir() / QUANTITIES_FILE).read_text(encoding="utf-8"))
    curies = [unit["iri"] for unit in document["units"]] + list(document["hyphen_count_nouns"].values())
    iris = {URIRef(str(CK) + curie.removeprefix("ck:")) for curie in curies}
    assert len(iris) == 67 and CK.MilligramPerSquareMetreUnit in iris and CK.PercentagePointUnit in iris and CK.FoldUnit in iris and CK.PerHundredThousandUnit in iris and CK.PerHundredPersonYearsUnit in iris and CK.PerMicrolitreUnit in iris and CK.GramPerHourUnit in iris and CK.PointUnit in iris and CK.ViewUnit in iris and CK.BreathPerMinuteUnit in iris and CK.LitrePerMinuteUnit in iris and CK.DegreeCelsiusUnit in iris
    for iri in iris:
        assert (iri, RDF.type, CK.Unit) in ontology and ontology.value(iri, SKOS.definition) is not None, iri


def _write(tmp_path: Path, change: dict[str, object]) -> Path:
    document = json.loads((data_dir() / QUANTITIES_FILE).read_text(encoding="utf-8"))
    document.update(change)
    path = tmp_path / QUANTITIES_FILE
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_smaller_word_list_types_fewer_numbers(tmp_path: Path) -> None:
    document = json.loads((data_dir() / QUANTITIES_FILE).read_text(encoding="utf-8"))
    units = [u for u in document["units"] if u["unit"] != "hour"]
    lexicon = Lexicon.load(_write(tmp_path, {"units": units, "comparators": {"before": {}, "after": {"or more": "≥"}}}))
    assert _rows("Within 72 hours, more than 3 days or more.", lexicon) == [
        ("duration", "3 days", "3", None, None, "≥", "day", None, None)]


def test_from_and_to_after_a_change_word_of_the_clause_is_a_change_not_a_range() -> None:
    text = ("Extending therapy from 7 to 14 days increased the rate from 72.9% to 81.9%; doses were raised, from 5% to "
            "10%; ages from 40 to 75 years.")
    assert _rows(text) == [
        ("comparison", "from 7 to 14 days", None, None, None, None, "day", None, None),
        ("comparison", "from 72.9% to 81.9%", None, None, None, None, "percent", None, None),
        ("percentage-range", "from 5% to 10%", None, "5", "10", None, "percent", None, None),  # a comma ends the clause
        ("quantity-range", "from 40 to 75 years", None, "40", "75", None, "year", None, None)]
    assert _rows("It cut X-rays by 30% to 40%; thresholds of 7.5 to 10%; 95% CI 17% to 43%.") == [
        ("percentage-range", "30% to 40%", None, "30", "40", None, "percent", None, None),
        ("percentage-range", "7.5 to 10%", None, "7.5", "10", None, "percent", None, None),
        ("confidence-interval", "17% to 43%", None, "17", "43", None, None, "95% CI", None)]
    # up to twelve words between (method 109: fresh-r's "increased the proportion with complete recovery of facial
    # function at 3 months from 63.6% to 83.0%" was a range of values)
    assert _rows("Prednisolone increased the proportion with complete recovery of facial function at 3 months from "
                 "63.6% to 83.0%.") == [  # "at 3 months" is when it was measured: no figure
        ("comparison", "from 63.6% to 83.0%", None, None, None, None, "percent", None, None)]
    days, rate = extract_statistics(text)[:2]
    assert [(o.kind.value, o.surface, o.value, o.unit) for o in (*days.operands, *rate.operands)] == [
        ("duration", "7", Decimal(7), "day"), ("duration", "14 days", Decimal(14), "day"),
        ("percentage", "72.9%", Decimal("72.9"), "percent"), ("percentage", "81.9%", Decimal("81.9"), "percent")]
    assert [text[o.start : o.end] for o in (*days.operands, *rate.operands)] == ["7", "14 days", "72.9%", "81.9%"]


def test_a_falling_from_and_to_is_a_change_and_any_other_falling_pair_no_range() -> None:
    # the second "from … to" is too far from "fell" for the change rule; written falling, it cannot be a range
    text = "The mean PASI fell from 13.4 to 5.0 with methotrexate and from 14.0 to 3.8 with ciclosporin; 40%-30%."
    assert _rows(text) == [
        ("comparison", "from 13.4 to 5.0", None, None, None, None, None, None, None),
        ("comparison", "from 14.0 to 3.8", None, None, None, None, None, None, None),
        ("percentage", "40%", "40", None, None, None, "percent", None, None),
        ("percentage", "30%", "30", None, None, None, "percent", None, None)]
    assert [(o.surface, o.value) for o in extract_statistics(text)[1].operands] == [
        ("14.0", Decimal("14.0")), ("3.8", Decimal("3.8"))]
    # nor is the end of "between 20 and 10" a figure by itself (method 126: it was read as 10 years)
    assert _rows("Doses of 10-5 mg; ages between 20 and 10 years.") == []


def test_a_trials_phase_is_no_figure() -> None:
    """fresh-af's claims audit: "In two phase 3 trials including 1,655 people" read as a count of 3 trials."""
    assert [(s.kind.value, s.surface) for s in extract_statistics(
        "In two phase 3 trials including 1,655 people, and in a phase-3 trial, 3 trials were pooled.")] == [
        ("count", "1,655 people"), ("count", "3 trials")]


def test_a_number_inside_a_larger_number_a_spread_or_after_a_minus_sign_is_no_figure_by_itself(tmp_path: Path) -> None:
    """"five" of "twenty-five thousand" was a count of 5 people, "1.3" of "2.6 ± 1.3 years" a duration of 1.3 years,
    "−0.3 mg/dL" a rise of 0.3 and "difference -2.0%" 2.0%: figures the sentences do not state. The number after a
    plus-minus sign is the spread of the one before (method 110: calckg.ingest.spreads). A value in a unit keeps its
    minus sign (method 126: "−0.3 mg/dL" is −0.3), and "difference -2.0%" is a difference of −2.0 percent (method
    131); a share has no sign."""
    assert _rows("It enrolled 25,871 adults, more than twenty-five thousand people; a twenty-five microgram tablet; "
                 "five hundred patients; mean age 2.6 ± 1.3 years or 20 +/- 12 days; a change of \u22120.3 mg/dL; "
                 "(difference -2.0%, p=0.50)") == [
        ("count", "25,871 adults", "25871", None, None, None, None, "adults", None),
        ("duration", "2.6", "2.6", None, None, None, "year", None, None),
        ("spread", "± 1.3 years", "1.3", None, None, None, "year", "±", None),
        ("duration", "20", "20", None, None, None, "day", None, None),
        ("spread", "+/- 12 days", "12", None, None, None, "day", "+/-", None),
        ("quantity", "\u22120.3 mg/dL", "-0.3", None, None, None, "milligram-per-decilitre", None, None),
        ("difference", "difference -2.0%", "-2.0", None, None, None, "percent", "difference", None),
        ("p-value", "p=0.50", "0.50", None, None, "=", None, None, None)]
    assert [row[:3] for row in _rows("rates of 40%-30%; eight patients; two weeks; a T-score of -2.5 or lower")] == [
        ("percentage", "40%", "40"), ("percentage", "30%", "30"), ("count", "eight patients", "8"),
        ("duration", "two weeks", "2"), ("quantity", "-2.5", "-2.5")]
    lexicon = Lexicon.load(_write(tmp_path, {"part_of_another_number": {
        "before": ["±"], "after": []}}))  # without the tens and the minus sign (a spread: data/spreads.json)
    assert [row[:3] for row in _rows("twenty-five microgram tablets; 2.6 ± 1.3 years", lexicon)] == [
        ("quantity", "five microgram", "5"), ("duration", "2.6", "2.6"), ("spread", "± 1.3 years", "1.3")]


def test_a_comparison_sign_before_a_figure_is_its_comparator() -> None:
    """"a serum lactate > 2 mmol/L" was a lactate of 2 mmol/L and "a PaCO2 < 32 mmHg" one of 32 mmHg: the bound
    was lost wherever an article writes it as a sign, with a space or without."""
    assert [(row[1], row[2], row[5]) for row in _rows(
        "A lactate > 2 mmol/L, a PaCO2 <32 mmHg, MAP ≥ 65 mmHg, no urine for ≤ 12 hours, mortality > 40%, "
        "a NEWS2 score >= 7, p < 0.05.")] == [
        ("2 mmol/L", "2", ">"), ("32 mmHg", "32", "<"), ("65 mmHg", "65", "≥"), ("12 hours", "12", "≤"),
        ("40%", "40", ">"), ("7", "7", "≥"), ("p < 0.05", "0.05", "<")]


def test_an_age_bound_and_a_usual_maximum_are_bounds() -> None:
    """fresh-y's audit: "before the age of 12 years" and "up to a usual maximum of 60 mg" were read with no bound, and
    "people over the age of 40," not at all (comparators of data/quantities.json)."""
    assert [(row[1], row[2], row[5]) for row in _rows(
        "Symptoms before the age of 12 years; up to a usual maximum of 60 mg a day; 2% of people over the age of 40, "
        "and from the age of 16 years.")] == [
        ("12 years", "12", "<"), ("60 mg a day", "60", "≤"), ("2%", "2", None), ("40", "40", ">"), ("16 years", "16", "≥")]


def test_two_percentages_set_against_each_other_are_one_comparison() -> None:
    """"vs", "vs." and "versus" ("cure rates (88.2% versus 85.8%)" had been two loose percentages, each read as the
    first drug's)."""
    assert [(row[0], row[1]) for row in _rows("Cure 88.2% versus 85.8%, recurrence 15.4% vs. 25.3% and 2% vs 3%.")] == [
        ("comparison", "88.2% versus 85.8%"), ("comparison", "15.4% vs. 25.3%"), ("comparison", "2% vs 3%")]


def test_no_count_across_a_denominator_no_decimal_comma_head_and_over_a_short_span_is_no_bound() -> None:
    """"one in five women" was a count of one woman (it is a natural frequency now), "above 1,5 mmol/L" (a decimal
    comma) a threshold of 1, and
    "given over 1 minute" a duration of more than a minute; "aged over 65 years" is still > 65."""
    text = ("About one in five women; ketones above 1,5 mmol/L; more than 1,000 patients; given over 1 minute; "
            "scans over 2 weeks; people aged over 65 years; for over 6 months; worse over 14 days or less; "
            "up to 4,000 mg a day; 500 to 1,000 mg; lasts over 48 hours; for over 3 weeks; babies over 8 weeks old; "
            "5 mg -> 10 mg; eGFR<30 mL/min.")
    assert [(row[1], row[2], row[5]) for row in _rows(text)] == [
        ("one in five", "0.2", None), ("1,000 patients", "1000", ">"), ("1 minute", "1", None), ("2 weeks", "2", None), ("65 years", "65", ">"),
        ("6 months", "6", ">"), ("14 days", "14", "≤"), ("4,000 mg a day", "4000", "≤"), ("500 to 1,000 mg", None, None),
        ("48 hours", "48", ">"), ("3 weeks", "3", ">"),
        ("8 weeks", "8", ">"), ("5 mg", "5", None), ("10 mg", "10", None), ("30 mL/min", "30", "<")]


def test_over_months_or_years_is_a_span_unless_a_group_or_age_word_stands_before_it() -> None:
    """fresh-s's claim audit: "an average weight loss of 11.4% over 18 months" and "fractures over 3 years" were
    > 18 months and > 3 years; a group or an age word before "over" keeps the bound ("people over 40 years", "those
    aged over 6 years"), and "no longer than 30 minutes" is at most 30 minutes (it was more than 30)."""
    text = ("weight loss over 18 months; fractures over 3 years; people over 40 years; children over 5 years; "
            "age over 65 years; those aged over 6 years; stiffness lasting no longer than 30 minutes; "
            "treatment for no more than 7 days; a gap of no less than 2 years.")
    assert [(row[1], row[2], row[5]) for row in _rows(text)] == [
        ("18 months", "18", None), ("3 years", "3", None), ("40 years", "40", ">"), ("5 years", "5", ">"),
        ("65 years", "65", ">"), ("6 years", "6", ">"), ("30 minutes", "30", "≤"), ("7 days", "7", "≤"),
        ("2 years", "2", "≥")]


def test_a_named_difference_is_a_figure_of_its_own_with_the_unit_written_after_its_number() -> None:
    """fresh-s's claim audit: "standardised mean difference 0.49" and "adjusted difference 15.8" were no figures, so
    their intervals were taken for another figure's. A difference keeps a unit written after its number (method 112:
    "-11 percentage points" and "−0.4 days" were left unread, and "14 percentage points" lost its name); without a
    unit, punctuation or an opening bracket must follow its number ("-0.77 (95% CI …" was unread), since a word no
    unit list holds may be its unit ("1.3 mmol of"). A named difference comes before a mean ("a mean difference of
    2.5 days" was a mean "difference" of 2.5, its unit lost). A named ratio stays a ratio."""
    text = ("pain fell (standardised mean difference 0.49, 95% CI 0.39 to 0.59); attacks fell (mean difference "
            "\u22121.20; 95% CI -1.59 to -0.80); a risk difference of -11 percentage points; hazard ratio 0.86; "
            "a standardised mean difference of -0.77 (95% CI -0.90 to -0.64); a mean difference of \u22120.4 days a "
            "month; an absolute difference 14 percentage points; a risk difference of 1.3 mmol of it; a mean difference of 2.5 days.")
    assert [(row[0], row[1], row[2], row[6], row[7]) for row in _rows(text)] == [
        ("difference", "standardised mean difference 0.49", "0.49", None, "standardised mean difference"),
        ("confidence-interval", "0.39 to 0.59", None, None, "95% CI"),
        ("difference", "mean difference \u22121.20", "-1.20", None, "mean difference"),
        ("confidence-interval", "-1.59 to -0.80", None, None, "95% CI"),
        ("difference", "risk difference of -11 percentage points", "-11", "percentage-point", "risk difference"),
        ("ratio", "hazard ratio 0.86", "0.86", None, "hazard ratio"),
        ("difference", "standardised mean difference of -0.77", "-0.77", None, "standardised mean difference"),
        ("confidence-interval", "-0.90 to -0.64", None, None, "95% CI"),
        ("difference", "mean difference of \u22120.4 days", "-0.4", "day", "mean difference"),
        ("difference", "absolute difference 14 percentage points", "14", "percentage-point", "absolute difference"),
        ("difference", "mean difference of 2.5 days", "2.5", "day", "mean difference")]


def test_a_number_needed_to_treat_is_a_figure_and_an_abbreviation_in_brackets_may_follow_a_name() -> None:
    """"NNT 5", "an NNT of 12" and "a number needed to treat (NNT) of 34" were no figures (ck:NumberNeeded now), and
    "hazard ratio (HR) 0.96" none either. A number needed is a whole number of people: "NNT 2.5" is left unread."""
    text = ("stone clearance (RR 1.45; NNT 5); with an NNT of 12 over placebo; a number needed to treat (NNT) of 34 to "
            "prevent one complication; hazard ratio (HR) 0.96; NNT 2.5; number needed to harm 20.")
    assert [(row[0], row[1], row[2], row[7]) for row in _rows(text)] == [
        ("ratio", "RR 1.45", "1.45", "RR"),
        ("number-needed", "NNT 5", "5", "NNT"),
        ("number-needed", "NNT of 12", "12", "NNT"),
        ("number-needed", "number needed to treat (NNT) of 34", "34", "number needed to treat"),
        ("ratio", "hazard ratio (HR) 0.96", "0.96", "hazard ratio"),
        ("number-needed", "number needed to harm 20", "20", "number needed to harm")]


def test_a_natural_frequency_is_a_proportion() -> None:
    """fresh-t's claim audit: "only about 1 in 3 became free of symptoms" held no figure; nor did "one in five women"
    or "1 in 10,000 people" (calckg.ingest.frequencies). A larger part than whole, a zero and a year are none."""
    text = ("only about 1 in 3 became free; one in five women; 2 out of 10 patients; in 1 in 10,000 people; "
            "treated 5 in 2020; 3 in 2 days; 0 in 5 trials.")
    assert [(row[0], row[1], row[2], row[8]) for row in _rows(text)] == [
        ("proportion", "1 in 3", "0.3333", "only about"),
        ("proportion", "one in five", "0.2", None),
        ("proportion", "2 out of 10", "0.2", None),
        ("proportion", "1 in 10,000", "0.0001", None),
        ("duration", "2 days", "2", None)]
    # either end of a range is none either (fresh-w's audit: "3 to 5 in 1000" was read as 5 in 1000)
    text = "bile duct injury in about 3 to 5 in 1000 operations; about 1 in 10 to 1 in 5 people; 1 in 4 women."
    assert [(row[0], row[1], row[2]) for row in _rows(text)] == [("proportion", "1 in 4", "0.25")]


def test_no_figure_is_read_from_the_head_or_tail_of_a_number_with_a_decimal_comma_or_spaced_thousands() -> None:
    """"a stone-free rate of 90,4 %" was 4%, "p = 0,03" a p-value of 0 and "12 per 100 000 people" a count of 0
    people: the first two are left out, and the third is a rate per 100,000 since method 112; a point, commas
    between thousands and a lone number keep theirs."""
    text = ("a stone-free rate of 90,4 %; p = 0,03; 12 per 100 000 people; about 3 500 deaths; 15,581 patients; "
            "p = 0.03; in 2019 250 patients; 12.5 %.")
    assert [(row[1], row[2]) for row in _rows(text)] == [
        ("12 per 100 000 people", "12"), ("15,581 patients", "15581"), ("p = 0.03", "0.03"), ("250 patients", "250"),
        ("12.5 %", "12.5")]


def test_short_time_units_are_read_and_no_figure_is_read_from_a_gestation_or_a_range_of_no_unit() -> None:
    """"within 48 h", "after 5 min", "> 24 h apart" were no figures; "for at least 30-60 s" (seconds: no unit)
    was a bare threshold of 30 and "at 32+0 weeks" a duration of 0 weeks."""
    text = ("within 48 h; after 5 min; > 24 h apart; 2 hrs; 3 wks; aged 40-75 yrs; at least 30-60 s; at 32+0 weeks; "
            "within 24-48; rates of 40%-30%.")
    assert [(row[1], row[5], row[6]) for row in _rows(text)] == [
        ("48 h", "≤", "hour"), ("5 min", None, "minute"), ("24 h", ">", "hour"), ("2 hrs", None, "hour"),
        ("3 wks", None, "week"), ("40-75 yrs", None, "year"), ("40%", None, "percent"), ("30%", None, "percent")]


def test_a_power_of_ten_is_no_figure_and_approx_hedges() -> None:
    """"(P = 2 × 10⁻⁵)" was a p-value of 2 (a violation that failed the build), "12·5%" 5%, "37 + 0 weeks" 0 weeks and
    "approx. 80%" had no hedge; "max." and "maximum" bound nothing (as adjectives they would: "the maximum 24-hour
    dose")."""
    text = ("(P = 2 × 10⁻⁵); P < 5×10^-8; P = 2·10⁻⁵; P = 2.0e-5; p=3.2E-08; P < 10⁻⁵; 150 x 10^9/L; 12·5%; p=0·03; "
            "HR 0·85; 37 + 0 weeks; 60 mg/kg (max. 4500 mg); the maximum 24-hour dose is 4 g; approx. 80% of stones.")
    assert [(row[1], row[8], row[5]) for row in _rows(text)] == [("150 x 10^9/L", None, None),  # a cell count's unit
        ("60 mg/kg", None, None), ("4500 mg", None, None), ("4 g", None, None), ("80%", "approx.", None)]


def test_short_time_units_are_read_in_lower_case_only() -> None:
    """"HR 1.8" was a duration of 1.8 hours once "h" and "hr" were hours in any case, and "12 H. pylori-positive
    patients" 12 hours; "80 min⁻¹" is a rate, no 80 minutes."""
    text = "Stage 2 HR 1.8; the 12 H. pylori-positive patients; a heart rate of 80 min⁻¹; within 48 h; 2 WEEKS."
    assert [(row[0], row[1], row[6]) for row in _rows(text)] == [
        ("ratio", "HR 1.8", None), ("duration", "48 h", "hour"), ("duration", "2 WEEKS", "week")]


def test_a_range_with_its_unit_at_both_ends_is_one_range_when_the_units_agree() -> None:
    """"clindamycin 600 mg to 900 mg" was two doses (fresh-i's audit); "500 mg to 1 g" stays two figures."""
    assert [(row[0], row[1], row[3], row[4], row[6]) for row in _rows(
        "Clindamycin 600 mg to 900 mg, flucloxacillin 1 g–2 g, 5 days to 7 days; 500 mg to 1 g.")] == [
        ("quantity-range", "600 mg to 900 mg", "600", "900", "milligram"),
        ("quantity-range", "1 g–2 g", "1", "2", "gram"), ("quantity-range", "5 days to 7 days", "5", "7", "day"),
        ("quantity", "500 mg", None, None, "milligram"), ("quantity", "1 g", None, None, "gram")]


def test_mass_units_are_read_in_the_case_listed_only() -> None:
    """"In the 3Mg trial" was a dose of 3 mg (fresh-k's audit), and "5G" would be 5 grams."""
    text = "In the 3Mg trial of 1,109 adults; a 5G network; 2 KG; give 3mg, 2 g, 50 mcg and 70 kg."
    assert [(row[1], row[6]) for row in _rows(text)] == [
        ("1,109 adults", None), ("3mg", "milligram"), ("2 g", "gram"), ("50 mcg", "microgram"), ("70 kg", "kilogram")]


def test_an_interval_with_thousands_in_its_bound_is_no_figure_and_neither_is_its_level() -> None:
    """"(95% CI 100 to 10,000)" was an interval from 100 to 1 (its upper bound below its lower: a violation that
    failed the build), and "95% CI" alone a percentage of 95."""
    text = "OR 1,000 (95% CI 100 to 10,000); ratio 150 (95% CI 100 to 1 000); OR 2.5 (95% CI 1.1 to 5.6); 95% CI"
    assert [row[1] for row in _rows(text)] == ["OR 2.5", "1.1 to 5.6"]


def test_a_number_in_other_digits_than_ascii_is_no_figure() -> None:
    """"about ４ mmHg" (full-width), "𝟒" (mathematical bold) and "٤" (Arabic-Indic) were read as 4 mmHg, which the
    shape that compares a figure with its wording refused: the whole build failed. "kg/m²" keeps its figure."""
    assert [row[1] for row in _rows("about ４ mmHg, 𝟒 mmHg or ٤ mmHg; a BMI of 30 kg/m²")] == ["30 kg/m²"]


def test_a_figure_in_a_longer_unit_than_any_listed_is_left_out(tmp_path: Path) -> None:
    """"150 IU per kg" was a dose of 150 IU, "250 to 500 mL per hour" a volume, "1.6 micrograms per kilogram" a dose
    of 1.6 micrograms: each is a unit of its own now, and a figure in a unit still unlisted ("2 g per kg", "10 mg per
    1.73 m2", "0.5 mg per 24 hours") is left out ("from 3.2 to 50 per 100,000
    person-years" and "100 mg per m2" are read in their units since method 112), as
    is a rate's denominator ("per 1,000 live births") and the end of a range whose start is not read ("between the
    ages of 35 and 54 years" was 54 years), and so is a figure whose denominator follows what it measures ("10
    micrograms of haemoglobin per gram of faeces" was 10 micrograms); a ratio per unit keeps its value; "per puff",
    "per year" and "per day" after what is measured name no unit."""
    text = ("150 IU per kg; 250 to 500 mL per hour; 1.6 micrograms per kilogram; 80 units/kg; 12 mL/h; 1 mL per minute; "
            "2 g per kg; 100 mg per m2; 10 mg per 1.73 m2; 5 mg/minute; 100 micrograms per puff; 1.1% per year; "
            "0.5 mg per 24 hours; 3 deaths per 1,000 live births; 10 mg per kilogram per day; 20 mg PE/kg; "
            "a rate from 3.2 to 50 per 100,000 person-years; a peak between the ages of 35 and 54 years; "
            "a result of 10 micrograms of haemoglobin per gram of faeces; 25 mg of elemental iron per day; "
            "OR 1.04 per hour.")
    assert [(row[1], row[6]) for row in _rows(text)] == [
        ("150 IU per kg", "international-unit-per-kilogram"), ("250 to 500 mL per hour", "millilitre-per-hour"),
        ("1.6 micrograms per kilogram", "microgram-per-kilogram"), ("80 units/kg", "international-unit-per-kilogram"),
        ("12 mL/h", "millilitre-per-hour"), ("1 mL per minute", "millilitre-per-minute"),
        ("100 mg per m2", "milligram-per-square-metre"), ("100 micrograms", "microgram"), ("1.1%", "percent"),
        ("10 mg per kilogram per day", "milligram-per-kilogram-per-day"),
        ("from 3.2 to 50 per 100,000 person-years", "per-100000-person-years"), ("25 mg", "milligram"),
        ("OR 1.04", None)]
    lexicon = Lexicon.load(_write(tmp_path, {"unit_denominators": []}))  # without the list: the shorter unit
    assert [row[1] for row in _rows("2 g per kg; 10 mg per 1.73 m2", lexicon)] == ["2 g", "10 mg"]


def test_number_words_fractions_and_hyphen_counts_come_from_the_file(tmp_path: Path) -> None:
    text = "Two-view mammography found half of them in three patients."
    assert [row[:3] for row in _rows(text)] == [
        ("count", "Two-view", "2"), ("proportion", "half", "0.5"), ("count", "three patients", "3")]
    lexicon = Lexicon.load(_write(tmp_path, {"number_words": {"two": 2}, "fraction_words": {}, "hyphen_count_nouns": {}}))
    assert _rows(text, lexicon) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"units": [{"unit": "x", "iri": "obo:UO_0000022", "kind": "quantity", "words": ["mg"]}]}, "needs an iri ck:…Unit"),
        ({"units": [{"unit": "x", "iri": "ck:XUnit", "kind": "weight", "words": ["mg"]}]}, "KeyError\\('weight'\\)"),
        ({"comparators": {"before": {"more than": "greater"}, "after": {}}}, "sign is one of"),
        ({"qualifier_prefixes": {"only": "yes"}}, 'is "kept" or "dropped"'),
        ({"count_nouns": None}, "TypeError"),
        ({"number_words": ["one", "two"]}, "number_words and fraction_words map a word to its value"),
        ({"fraction_words": {"half": "a half"}}, "value is a number written in digits"),
        ({"hyphen_count_nouns": ["view"]}, "hyphen_count_nouns map a noun to its unit's individual"),
        ({"shared_unit_joiners": "or"}, "shared_unit_joiners must be a list of words"),
        ({"comparators": {"before": {}, "after": {}, "rate_words": [""]}}, "rate_words must be a list of words"),
        ({"change_ranges": {"range": ["from"], "after": ["increased"]}}, "range must be two words"),
        ({"change_ranges": {"range": ["from", "to"], "after": "increased"}}, "change_ranges must be a list of words"),
        ({"part_of_another_number": {"before": ["twenty"], "after": "thousand"}},
         "part_of_another_number must be a list of words"),
        ({"unit_denominators": "kg"}, "unit_denominators must be a list of words"),
        ({"number_needed_names": "NNT"}, "number_needed_names must be a list of words"),
        ({"difference_names": [3]}, "difference_names must be a list of words"),
        ({"comparators": {"before": {}, "after": {}, "during": {"words": ["over"], "units": "minute",
                                                                "bound_after": [], "bound_before": []}}},
         "during must be a list of words"),
    ],
)
def test_a_bad_quantities_file_names_the_file_and_the_fault(tmp_path: Path, change: dict[str, object],
                                                           message: str) -> None:  # fmt: skip
    path = _write(tmp_path, change)
    with pytest.raises(InputError, match=f"{path}: expected units .*{message}"):
        Lexicon.load(path)


def test_an_unreadable_quantities_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=f"{tmp_path / 'missing.json'}: cannot read"):
        Lexicon.load(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="broken.json: expected units"):
        Lexicon.load(tmp_path / "broken.json")



def test_a_span_from_the_start_of_a_period_is_a_bound() -> None:
    """fresh-t's claim audit: "in the first 30 days" and "within the first 24 hours" had no comparator, while
    "within 24 hours" was ≤ 24 hours."""
    text = "in the first 30 days; within the first 24 hours; during the first 6 months of treatment; within 3 hours."
    assert [(row[1], row[5]) for row in _rows(text)] == [
        ("30 days", "≤"), ("24 hours", "≤"), ("6 months", "≤"), ("3 hours", "≤")]


def test_a_number_that_ends_a_name_in_capitals_counts_nothing() -> None:
    """fresh-t's claim audit: "the PEARL 1 and PEARL 2 trials" was a count of 2 trials; fresh-aa's: "the SPIRIT 1 and 2
    trials" too (the last number of a series a name in capitals starts)."""
    text = ("In the PEARL 1 and PEARL 2 trials of more than 2000 patients; in ATACH-2, 1000 patients; 12 trials; the "
            "SPIRIT 1 and 2 trials; the SPIRIT 1, 2 and 3 trials; in 2 and 3 trials.")
    assert [(row[1], row[5]) for row in _rows(text)] == [("2000 patients", ">"), ("1000 patients", None),
                                                         ("12 trials", None), ("3 trials", None)]


def test_a_part_of_a_counted_whole_is_a_proportion(tmp_path: Path) -> None:
    """fresh-x's audit: "28 of 32 people" was a count of 32 people, the 28 lost (data/part-of-whole.json). A part of
    a whole right before a counted noun or a follower ("who") is a proportion; a part larger than its whole, a whole
    that reads as a year and a whole before no counted noun ("stage 2 of 4 disease") are not."""
    assert [(row[0], row[1], row[2]) for row in _rows(
        "28 of the 32 people, in 13 of 16 patients, 16 of 30 who had it, stage 2 of 4 disease, 5 of 3 patients, "
        "33 of 2019 patients.")] == [
        ("proportion", "28 of the 32", "0.875"), ("proportion", "13 of 16", "0.8125"),
        ("proportion", "16 of 30", "0.5333"), ("count", "3 patients", "3"), ("count", "2019 patients", "2019")]
    from calckg.ingest import frequencies
    from calckg.ingest.quantities import shipped_lexicon

    (tmp_path / frequencies.PART_OF_WHOLE_FILE).write_text(json.dumps({"links": []}), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frequencies, "data_dir", lambda: tmp_path)
        expected = f"{frequencies.PART_OF_WHOLE_FILE}: expected a list of words under 'links'"
        with pytest.raises(InputError, match=expected):
            frequencies.part_of_whole_pattern.__wrapped__(shipped_lexicon())


def test_a_confidence_interval_without_a_percent_sign_ends_at_its_last_digit() -> None:
    """"(OR 7.52; 95% CI 5.56–10.18 versus placebo)": the interval's surface was "5.56–10.18 " (a stress article of
    2026-12-05, twelfth session); one written with its percent sign keeps it."""
    assert _rows("(OR 7.52; 95% CI 5.56–10.18 versus placebo); 95% CI 12 to 16 % overall.") == [
        ("ratio", "OR 7.52", "7.52", None, None, None, None, "OR", None),
        ("confidence-interval", "5.56–10.18", None, "5.56", "10.18", None, None, "95% CI", None),
        ("confidence-interval", "12 to 16 %", None, "12", "16", None, None, "95% CI", None)]


def test_the_end_of_a_range_that_starts_below_zero_is_no_figure_by_itself() -> None:
    """"(range −4% to 91%)" gave a figure of 91% (a stress article of 2026-12-05, twelfth session): a percentage cannot
    be negative, so the range is not read, and its end alone would state what the sentence does not."""
    assert _rows("Response rates varied widely (range −4% to 91%); change -2 to 5 points; rates were 4% to 91%.") == [
        ("percentage-range", "4% to 91%", None, "4", "91", None, "percent", None, None)]
