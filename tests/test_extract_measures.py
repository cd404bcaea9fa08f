"""Method 21 of the figure claims: a measure of the vocabulary (ck:Measure: sensitivity, mortality …) is what a
figure measures, its ck:outcome, not its subject or object; a concept right before a figure's hedge is tied to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from calckg.extract.claims import extracted_graph
from calckg.ingest import parse_article, read_source
from calckg.namespaces import CK, CONCEPT, DEFAULT_BASE_IRI
from calckg.vocabulary import default_linker, measure_concepts

ARTICLE = Path(__file__).parent / "data" / "articles" / "how-is-empagliflozin-used-in-type-2-diabetes.txt"
TRIAL = ("EMPA-REG OUTCOME randomised 7020 patients with type 2 diabetes and established cardiovascular disease to "
         "empagliflozin 10 mg, empagliflozin 25 mg or placebo.")
FAILURE = CONCEPT["hp-0001635"]
HYPO = CONCEPT["doid-9993"]  # hypoglycaemia


def _roles(tmp_path: Path, text: str) -> list[tuple[str, URIRef | None, URIRef | None, URIRef | None]]:
    """(figure, subject, object, outcome) of each claim read off `text`, put in the article in place of TRIAL."""
    changed = tmp_path / ARTICLE.name
    changed.write_text(ARTICLE.read_text(encoding="utf-8").replace(TRIAL, text, 1), encoding="utf-8")
    read = read_source(changed)
    article = parse_article(read.path, read.text)
    statement = next(s for _, s in article.statements if s.text == text)
    graph = extracted_graph(article, DEFAULT_BASE_IRI, default_linker().for_article(article), ())
    found = []
    for claim in graph.subjects(RDFS.label, Literal(text, lang="en")):
        position = min(int(str(s).rsplit("/", 1)[1]) for s in graph.objects(claim, CK.statistic))
        found.append((statement.statistics[position - 1].surface,
                      *(graph.value(claim, p) for p in (CK.subject, CK.object, CK.outcome))))
    return sorted(found, key=lambda row: text.index(row[0]))


def test_the_shipped_measures_are_the_vocabularys_ck_measure_concepts() -> None:
    assert {CONCEPT.sensitivity, CONCEPT.specificity, CONCEPT.mortality, CONCEPT.prevalence} <= measure_concepts()
    assert CONCEPT.empagliflozin not in measure_concepts() and len(measure_concepts()) == 29
    assert {CONCEPT["body-mass-index"], CONCEPT["heart-rate"], CONCEPT["respiratory-rate"]} <= measure_concepts()
    outcomes = {CONCEPT[slug] for slug in ("death", "cardiovascular-death", "cure", "remission", "relapse")}
    assert outcomes | {CONCEPT["body-weight"]} <= measure_concepts()  # the trial outcomes of 2026-12-05 (method 96)
    vital = {CONCEPT[slug] for slug in ("mean-arterial-pressure", "serum-lactate", "urine-output", "body-temperature",
                                        "tidal-volume", "white-blood-cell-count")}
    assert vital <= measure_concepts()  # the measures of critical care (method 100)


def test_each_figure_takes_the_measure_written_before_it_as_its_outcome(tmp_path: Path) -> None:
    """Before method 21 both figures had sensitivity as subject and specificity as object."""
    text = "Ultrasound has a sensitivity of about 79% and a specificity of about 75% for heart failure."
    assert _roles(tmp_path, text) == [
        ("79%", CONCEPT.ultrasound, FAILURE, CONCEPT.sensitivity),
        ("75%", CONCEPT.ultrasound, FAILURE, CONCEPT.specificity)]


def test_a_count_has_no_measure_and_an_interval_takes_its_estimates(tmp_path: Path) -> None:
    text = ("Empagliflozin reduced mortality (hazard ratio 0.68; 95% CI 0.57-0.82) in 1,200 patients with heart "
            "failure.")
    assert _roles(tmp_path, text) == [
        ("hazard ratio 0.68", CONCEPT.empagliflozin, FAILURE, CONCEPT.mortality),
        ("0.57-0.82", CONCEPT.empagliflozin, FAILURE, CONCEPT.mortality),
        ("1,200 patients", FAILURE, CONCEPT.empagliflozin, None)]  # a sample size: no drug is its outcome


def test_a_statement_naming_only_measures_is_read_under_the_articles_question(tmp_path: Path) -> None:
    """Before: mortality as the subject of the 12% and prevalence as its object. Now the title's concepts (as for a
    statement naming no concept), each figure with its own measure as outcome."""
    text = "The mortality was 12% and the prevalence 3%."
    diabetes = CONCEPT["doid-9352"]
    assert _roles(tmp_path, text) == [("12%", CONCEPT.empagliflozin, diabetes, CONCEPT.mortality),
                                      ("3%", CONCEPT.empagliflozin, diabetes, CONCEPT.prevalence)]


def test_an_intervention_is_no_figures_outcome(tmp_path: Path) -> None:
    """Method 23 (fresh-q's audit: "an odds ratio of 0.38 with aspirin compared with placebo" had the outcome placebo,
    a dose its drug): without a measure the object is the outcome only when it is no intervention; a laboratory
    test's concept names what it measures and stays one."""
    text = "Empagliflozin lowered HbA1c by 0.6% compared with placebo, and 12% stopped it early."
    assert _roles(tmp_path, text) == [
        ("0.6%", CONCEPT.empagliflozin, CONCEPT["glycated-haemoglobin"], CONCEPT["glycated-haemoglobin"]),
        ("12%", CONCEPT.empagliflozin, CONCEPT.placebo, None)]  # method 22: outcome placebo


def test_interventions_are_the_ontologys_procedures_drugs_treatments_and_devices() -> None:
    from calckg.interventions import is_intervention

    done_or_given = ["placebo", "treatment", "ultrasound", "drugbank-db00945", "maxo-0001081"]
    measured = ["glycated-haemoglobin", "doid-9600", "hp-0012531", "sensitivity", "calcium"]
    assert [is_intervention(CONCEPT[slug]) for slug in done_or_given + measured] == [True] * 5 + [False] * 5


def test_a_studys_size_has_no_outcome(tmp_path: Path) -> None:
    """Method 24 (fresh-q's audit: "In a Cochrane review of 39 trials with 2492 participants, …" made both counts
    measure heel pain): a count whose noun is a design noun or that a design opener stands before (data/claim-cues.json)
    is a study's size; a count of an outcome keeps its outcome."""
    text = ("In a review of 12 trials with 4,000 participants and a trial of 1,200 patients with heart failure, 96 "
            "patients had hypoglycaemia.")
    assert _roles(tmp_path, text) == [
        ("12 trials", FAILURE, HYPO, None), ("4,000 participants", FAILURE, HYPO, None),
        ("1,200 patients", FAILURE, HYPO, None),  # method 23: outcome hypoglycaemia, for each
        ("96 patients", FAILURE, HYPO, HYPO)]



def test_a_studys_size_may_have_a_word_before_its_design_noun(tmp_path: Path) -> None:
    """Method 153: "In two randomised trials of 245 adults …" made the trials' count measure the sentence's outcome:
    the count's noun is "randomised trials", and only a design noun alone was a study's size. Its last word is."""
    text = "In two randomised trials of 1,200 patients with heart failure, 96 patients had hypoglycaemia."
    assert _roles(tmp_path, text) == [
        ("two randomised trials", FAILURE, HYPO, None), ("1,200 patients", FAILURE, HYPO, None),
        ("96 patients", FAILURE, HYPO, HYPO)]


@pytest.mark.parametrize(("text", "expected"), [
    # a measure further on belongs to a figure of its own: the 35% is no heart rate (method 21 gave it one)
    ("Empagliflozin is considered with an LVEF of 35% or less and a heart rate of 70 beats a minute.",
     [("35%", None), ("70 beats a minute", CONCEPT["heart-rate"])]),
    # a quantity in another unit between: "PaCO2 < 32 mmHg" is no respiratory rate, "WBC > 12" none either
    ("Empagliflozin criteria: a respiratory rate > 20 breaths per minute or PaCO2 < 32 mmHg.",
     [("20 breaths per minute", CONCEPT["respiratory-rate"]), ("32 mmHg", None)]),
    # a measure written right after its figure is still its own ("79% sensitivity")
    ("Empagliflozin had 79% sensitivity.", [("79%", CONCEPT.sensitivity)]),
])
def test_a_measure_is_a_figures_outcome_only_when_nothing_else_claims_it(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef | None]]) -> None:
    """Method 26: a measure after the figure counts only written right after it, and one before it not across a
    quantity in another unit (docs/vocabulary.md: SIRS criteria, risk factors each with its own odds ratio)."""
    assert [(row[0], row[3] if row[3] in measure_concepts() else None) for row in _roles(tmp_path, text)] == expected


DAPAGLIFLOZIN, PLACEBO, DEATH = CONCEPT["drugbank-db06292"], CONCEPT.placebo, CONCEPT.death


@pytest.mark.parametrize(("text", "expected"), [
    # a trial outcome of the core vocabulary is what each arm's rate measures, not an arm (fresh-ae's audit:
    # "13% in death from any cause" measured heart attacks, the outcome written before it, which no concept named)
    ("Death from any cause occurred in 11.6% of patients taking dapagliflozin and 13.9% of those taking placebo.",
     [("11.6%", DAPAGLIFLOZIN, PLACEBO, DEATH), ("13.9%", PLACEBO, DAPAGLIFLOZIN, DEATH)]),
    # a concept named for a later result takes that result from the measure before it (method 96)
    ("Empagliflozin reduced death from any cause by 21% (95% CI 4 to 35) and heart failure by 64%.",
     [("21%", CONCEPT.empagliflozin, FAILURE, DEATH), ("4 to 35", CONCEPT.empagliflozin, FAILURE, DEATH),
      ("64%", CONCEPT.empagliflozin, FAILURE, FAILURE)]),
    ("Empagliflozin did not reduce death compared with placebo (hazard ratio 1.05), and heart failure occurred in "
     "5.0% of people taking empagliflozin and 2.6% of those taking placebo.",
     [("hazard ratio 1.05", CONCEPT.empagliflozin, PLACEBO, DEATH), ("5.0%", CONCEPT.empagliflozin, FAILURE, FAILURE),
      ("2.6%", PLACEBO, FAILURE, FAILURE)]),
    # a dose of a drug the statement names measures no measure written before it (method 96)
    ("Empagliflozin reduced relapse (hazard ratio 0.56), and the median dapagliflozin dose was 10 mg.",
     [("hazard ratio 0.56", CONCEPT.empagliflozin, CONCEPT.empagliflozin, CONCEPT.relapse),
      ("10 mg", DAPAGLIFLOZIN, CONCEPT.empagliflozin, None)]),
])
def test_a_measure_before_another_result_or_a_dose_is_not_theirs(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    assert _roles(tmp_path, text) == expected


def test_a_composite_outcome_is_measured_whole_even_when_a_part_is_a_measure(tmp_path: Path) -> None:
    """fresh-ad: "reduced progression of kidney disease or death from cardiovascular causes to 13.1%" is one composite
    outcome; its last part, now the measure cardiovascular death, is not what the 13.1% measures (method 96)."""
    text = "Empagliflozin reduced progression of kidney disease or death from cardiovascular causes to 13.1%."
    assert [row[3] for row in _roles(tmp_path, text)] == [None]
    changed = tmp_path / ARTICLE.name  # written by _roles
    article = parse_article(changed, read_source(changed).text)
    graph = extracted_graph(article, DEFAULT_BASE_IRI, default_linker().for_article(article), ())
    claim = next(graph.subjects(RDFS.label, Literal(text, lang="en")))
    assert graph.value(claim, CK.outcomeText) == Literal(
        "progression of kidney disease or death from cardiovascular causes", lang="en")


@pytest.mark.parametrize(("text", "expected"), [
    # parts of a composite joined by a word of composite_joiners: no part is what the rates measure (they measured
    # heart failure, the object, before method 96, and cardiovascular death with the core's trial outcomes alone)
    ("Cardiovascular death or hospital admission for heart failure occurred in 19.4% of patients taking "
     "empagliflozin and 24.7% of those taking placebo.", [("19.4%", None), ("24.7%", None)]),
    ("Empagliflozin reduced kidney failure or death by 16%.", [("16%", None)]),
    # a measure its figure is written right after, through its comparator word, is that figure's own: one of two
    # criteria joined by "or", no composite
    ("Empagliflozin was stopped with a white blood cell count of 15,000 cells/mL or higher, or serum creatinine "
     "above 1.5 mg/dL.", [("1.5 mg/dL", CONCEPT.creatinine)]),
])
def test_a_part_of_a_composite_outcome_is_not_what_its_figures_measure(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef | None]]) -> None:
    assert [(row[0], row[3]) for row in _roles(tmp_path, text)] == expected


IBUPROFEN, PARACETAMOL = CONCEPT["drugbank-db01050"], CONCEPT["drugbank-db00316"]


@pytest.mark.parametrize(("text", "expected"), [
    # measures in order: both figures measured specificity, the measure nearest before them
    ("Sensitivity and specificity were 90% and 80% respectively with ultrasound.",
     [("90%", CONCEPT.ultrasound, CONCEPT.ultrasound, CONCEPT.sensitivity),
      ("80%", CONCEPT.ultrasound, CONCEPT.ultrasound, CONCEPT.specificity)]),
    # arms in order, listed before the figures or between them and the cue: both figures were pain's, or both
    # ibuprofen's against paracetamol
    ("In trials of ibuprofen and paracetamol, pain relief was reported by 60% and 45% of patients respectively.",
     [("60%", IBUPROFEN, PARACETAMOL, None), ("45%", PARACETAMOL, IBUPROFEN, None)]),
    ("Clinical cure was seen in 90.9% and 83.9% of people given empagliflozin or dapagliflozin, respectively.",
     [("90.9%", CONCEPT.empagliflozin, DAPAGLIFLOZIN, CONCEPT.cure),
      ("83.9%", DAPAGLIFLOZIN, CONCEPT.empagliflozin, CONCEPT.cure)]),
    # two figures and no list: the second takes the two arms the other way round (fresh-ae's audit: "comparing
    # ciprofloxacin-dexamethasone drops … with neomycin-polymyxin B-hydrocortisone drops …, clinical cure was seen in
    # 90.9% and 83.9% of people respectively" gave both to ciprofloxacin)
    ("Comparing empagliflozin tablets with dapagliflozin tablets, clinical cure was seen in 90.9% and 83.9% of "
     "people respectively.", [("90.9%", CONCEPT.empagliflozin, DAPAGLIFLOZIN, CONCEPT.cure),
                             ("83.9%", DAPAGLIFLOZIN, CONCEPT.empagliflozin, CONCEPT.cure)]),
    # three items for two figures pair nothing, and a pair that is no two arms is not swapped
    ("In trials of ibuprofen, naproxen and paracetamol, pain relief was reported by 60% and 45% of patients "
     "respectively.", [("60%", CONCEPT["drugbank-db00788"], CONCEPT["hp-0012531"], CONCEPT["hp-0012531"]),
                       ("45%", CONCEPT["drugbank-db00788"], CONCEPT["hp-0012531"], CONCEPT["hp-0012531"])]),
])
def test_figures_written_respectively_take_the_items_in_order(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    """Method 97 (data/claim-cues.json respective_cues)."""
    assert _roles(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-ae's audit: "sitagliptin … compared with placebo (11.4% compared with 11.6%; …)" gave the 11.6% to
    # sitagliptin; the second of two figures joined by nothing but a comparison word is the other arm's (method 97)
    ("Empagliflozin neither increased nor reduced heart failure compared with placebo (11.4% compared with 11.6%).",
     [("11.4%", CONCEPT.empagliflozin, PLACEBO, None), ("11.6%", PLACEBO, CONCEPT.empagliflozin, None)]),
    # … unless its own words tie it to an arm already
    ("Empagliflozin reduced heart failure to 6.6%, compared with 8.9% with placebo.",
     [("6.6%", CONCEPT.empagliflozin, FAILURE, FAILURE), ("8.9%", PLACEBO, FAILURE, FAILURE)]),
])
def test_a_figure_written_against_the_one_before_is_the_other_arms(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    assert _roles(tmp_path, text) == expected


HBA1C, PRESSURE = CONCEPT["glycated-haemoglobin"], CONCEPT["blood-pressure-measurement"]


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-ae's audit: "a clinic blood pressure target below 140/90 mmHg for adults with type 2 diabetes" and "an
    # HbA1c goal below 7%" measured the disease of their group; a laboratory test the figure belongs to is what a
    # value in its units or a threshold measures (method 98) …
    ("A clinic blood pressure target below 140/90 mmHg is advised for adults with heart failure.",
     [("140", PRESSURE, FAILURE, PRESSURE), ("90 mmHg", PRESSURE, FAILURE, PRESSURE)]),
    ("An HbA1c goal below 7% is advised in heart failure.", [("7%", HBA1C, FAILURE, HBA1C)]),
    # … not a share of people, which is a result on something else
    ("A rise in HbA1c occurred in 13% of adults with heart failure.", [("13%", HBA1C, FAILURE, None)]),
])
def test_a_value_of_the_test_a_figure_belongs_to_measures_that_test(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    assert _roles(tmp_path, text) == expected


@pytest.mark.parametrize("text", ["Adults with heart failure should take 800 IU of oral vitamin D a day.",
                                  "Adults with heart failure should take 800 IU of vitamin D a day."])
def test_an_amount_of_a_drug_is_that_drugs_dose(tmp_path: Path, text: str) -> None:
    """Method 99: "of" (course_links_after) and a route may stand between a dose and its drug, as between a course
    and its drug; the 800 IU with a route between was heart failure's, measuring vitamin D."""
    assert _roles(tmp_path, text) == [("800 IU", CONCEPT["vitamin-d"], FAILURE, None)]


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-af's audit: "a mean arterial pressure target of 65 mmHg" measured shock, "the serum lactate stays above 2
    # mmol/L" sepsis; they are measures of the core vocabulary now (method 100)
    ("Empagliflozin is stopped when the mean arterial pressure falls below 65 mmHg or the serum lactate rises above 2 "
     "mmol/L.", [("65 mmHg", CONCEPT.empagliflozin, CONCEPT.empagliflozin, CONCEPT["mean-arterial-pressure"]),
                 ("2 mmol/L", CONCEPT.empagliflozin, CONCEPT.empagliflozin, CONCEPT["serum-lactate"])]),
    # a test tied to the figure by its words comes before a measure written further off: the 1.5 mg/dL is no white
    # cell count
    ("Heart failure is severe with a white cell count of 15,000 cells/mL or higher, or serum creatinine above 1.5 "
     "mg/dL.", [("1.5 mg/dL", CONCEPT.creatinine, CONCEPT.creatinine, CONCEPT.creatinine)]),
])
def test_the_measures_of_critical_care_and_a_tied_test_first(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    assert _roles(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-af's audit: "mycological recurrence occurred in 23% … compared with 53% …, and 46% and 13% respectively
    # were still free of fungus" measured recurrence by the 46% and 13%; a conjunct with a verb of its own does not
    # measure what an earlier one named (method 102) …
    ("Heart failure recurred in 23% of people treated with empagliflozin compared with 53% of those treated with "
     "dapagliflozin, and 46% and 13% respectively were still free of symptoms at the end.",
     [("23%", CONCEPT.empagliflozin, FAILURE, FAILURE), ("53%", DAPAGLIFLOZIN, FAILURE, FAILURE),
      ("46%", CONCEPT.empagliflozin, FAILURE, None), ("13%", DAPAGLIFLOZIN, FAILURE, None)]),
    # … unless it names it again
    ("Heart failure is easily missed in older people, and in one study 9% had undiagnosed heart failure.",
     [("9%", FAILURE, FAILURE, FAILURE)]),
])
def test_a_conjunct_with_its_own_verb_measures_nothing_an_earlier_one_named(
        tmp_path: Path, text: str, expected: list[tuple[str, URIRef, URIRef, URIRef | None]]) -> None:
    assert _roles(tmp_path, text) == expected


def test_a_potassium_or_sodium_level_is_what_its_threshold_measures() -> None:
    """No vocabulary named a potassium level, so "a serum potassium of 6.0 mmol/L or higher … ECG changes" measured
    the ECG once "ECG" became a standard abbreviation (2026-12-06); the core's serum potassium and serum sodium tests
    are what such figures measure."""
    from seed import seed_claims_with

    graph, claims = seed_claims_with(
        "Women with DCIS and a serum potassium of 6.0 mmol/L or higher, or a sodium level below 130 mmol/L, need "
        "an urgent ECG. 1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.outcome)).rsplit("/", 1)[-1])
                  for c in claims) == [("130.0", "serum-sodium"), ("6.0", "serum-potassium")]


def test_a_share_of_a_group_measures_no_substance_taken() -> None:
    """Method 129 (fresh-al's audit): "deficiency in 62% of pregnant vegetarian women" measured vitamin B12 and "About
    half of people who are dependent on alcohol have withdrawal symptoms" ethanol. A share written right before a
    group ("of … women") counts people: what was given or taken is not what it measures; a share of anything else
    keeps its object as outcome."""
    from seed import seed_claims_with

    def rows(text: str) -> list[tuple[str, ...]]:
        graph, claims = seed_claims_with(text)
        return [(str(graph.value(c, CK.value)), *(str(graph.value(c, p)).rsplit("/", 1)[-1]
                                                  for p in (CK.subject, CK.object, CK.outcome))) for c in claims]

    assert rows("Microcalcifications are found in 62% of older women taking calcium. 1") == [
        ("62.0", "microcalcification", "calcium", "None")]
    assert rows("Microcalcifications are found in 62% of calcium deposits. 1") == [
        ("62.0", "microcalcification", "calcification", "calcification")]


def test_an_effect_estimate_measures_what_its_result_verb_acts_on() -> None:
    """Method 132 (fresh-al's audit): "benzodiazepines reduced withdrawal seizures compared with placebo (relative
    risk 0.16, 95% CI 0.04 to 0.69)" measured nothing, its object being the control arm. An effect estimate whose
    clause has a result verb before it, with no other figure between, measures the first concept after the verb
    that is nothing given; with another figure between ("… by 19% … (RR 0.81)") the other rules decide."""
    from seed import seed_claims_with

    def rows(text: str) -> list[tuple[str, ...]]:
        graph, claims = seed_claims_with(text)
        return sorted((str(graph.value(c, CK.value) or graph.value(c, CK.minValue)),
                       str(graph.value(c, CK.outcome)).rsplit("/", 1)[-1]) for c in claims)

    assert rows("Tamoxifen reduced microcalcifications compared with placebo (relative risk 0.16, 95% CI 0.04 to "
                "0.69). 1") == [("0.04", "microcalcification"), ("0.16", "microcalcification")]
    assert rows("Tamoxifen reduced microcalcifications by 19% compared with placebo (RR 0.81) and halved DCIS (RR "
                "0.48). 1") == [("0.48", "ductal-carcinoma-in-situ"), ("0.81", "None"), ("19.0", "microcalcification")]
