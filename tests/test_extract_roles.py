"""Which concepts a figure claim is about and what it measures: a condition a group lacks is neither (figure-
extraction method 27, data/claim-cues.json exclusions), the group a figure holds for is not what it measures (method
30), nor is a concept named for a later result (method 31): fresh-r's audit found "adults
at high cardiovascular risk without diabetes" giving SPRINT's results the outcome diabetes, "people who do not have
type 2 diabetes" the subject type 2 diabetes, and ACCORD's results in "people with type 2 diabetes" the outcome
type 2 diabetes."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from calckg.extract.claims import extracted_graph
from calckg.ingest import parse_article
from calckg.namespaces import CK, DEFAULT_BASE_IRI
from calckg.vocabulary import default_linker
from seed import SEED, seed_claims_with


def _roles(graph, claims):  # type: ignore[no-untyped-def]
    def short(term):  # type: ignore[no-untyped-def]
        return None if term is None else str(term).rsplit("/", 1)[-1]

    return sorted((str(graph.value(c, CK.value)), short(graph.value(c, CK.subject)), short(graph.value(c, CK.object)),
                   short(graph.value(c, CK.outcome)), str(graph.value(c, CK.polarity))) for c in claims)


def _assert_roles(cases: dict[str, list[tuple[str, str | None, str | None, str | None, str]]]) -> None:
    """Each sentence, put in the seed, gives exactly these roles (value, subject, object, outcome, polarity)."""
    for text, expected in cases.items():
        graph, claims = seed_claims_with(text)
        assert _roles(graph, claims) == expected, text


def test_a_condition_a_group_lacks_is_no_subject_object_or_outcome() -> None:
    graph, claims = seed_claims_with("In a trial of 900 women without diabetes, mammography found "
                                     "microcalcifications in 12%. 1")
    assert _roles(graph, claims) == [  # the 900 had diabetes as its subject
        ("12.0", "mammography", "microcalcification", "microcalcification", "positive"),
        ("900.0", "mammography", "microcalcification", None, "positive")]


def test_a_sentence_naming_only_a_lacked_condition_is_read_under_the_title_and_keeps_its_claims() -> None:
    graph, claims = seed_claims_with("Of 300 women without diabetes, 12% were recalled. 1")
    assert _roles(graph, claims) == [  # both were about diabetes before
        ("12.0", "breast-microcalcification", "breast-microcalcification", None, "positive"),
        ("300.0", "breast-microcalcification", "breast-microcalcification", None, "positive")]
    # with a title that names nothing either, the lacked condition is all there is: every figure still a claim
    text = "Of 300 women without diabetes, 12% were recalled."
    source = SEED.read_text(encoding="utf-8")
    title = source.splitlines()[0]
    changed = re.sub(re.escape(title), "What should I ask?", source, flags=re.IGNORECASE).replace(
        "Mammography is the primary and most reliable tool for detecting breast microcalcifications, with "
        "sensitivity superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection).", text)
    article = parse_article(SEED, changed)
    graph = extracted_graph(article, DEFAULT_BASE_IRI, default_linker().for_article(article), ())
    claims = list(graph.subjects(RDFS.label, Literal(text, lang="en")))
    # "Of 300 women without diabetes," is an opening phrase since method 104: the 12% of the main clause measures no
    # diabetes (it did before)
    assert _roles(graph, claims) == [("12.0", "doid-9351", "doid-9351", None, "positive"),
                                     ("300.0", "doid-9351", "doid-9351", "doid-9351", "positive")]


def test_without_after_a_copula_is_what_the_share_before_it_counts() -> None:
    """"10% of DCIS will be without calcifications" states that 10% are: since method 140 the claim is positive and
    measures the words that say so, not calcifications (it was a negative claim measuring them, which reads "not 10%
    calcifications"); a figure that is not the negation's subject is still negated by it."""
    graph, claims = seed_claims_with("Only about 10% of DCIS will be without calcifications. 1")
    assert _roles(graph, claims) == [("10.0", "ductal-carcinoma-in-situ", "calcification", None, "positive")]
    assert [str(graph.value(c, CK.outcomeText)) for c in claims] == ["be without calcifications"]
    graph, claims = seed_claims_with("DCIS will be without calcifications in 10% of cases. 1")
    assert _roles(graph, claims) == [("10.0", "ductal-carcinoma-in-situ", "calcification", "calcification", "negative")]


def test_the_group_a_figure_holds_for_is_not_what_it_measures() -> None:
    """Method 30, from fresh-r's audit: "about 71% of … people with untreated Bell's palsy recovered" measured Bell's
    palsy, "Blood cultures are positive in 5% or fewer of people with cellulitis" cellulitis."""
    graph, claims = seed_claims_with("Mammography is positive in 5% or fewer of women with DCIS. 1")
    assert _roles(graph, claims) == [("5.0", "mammography", "ductal-carcinoma-in-situ", None, "positive")]
    assert [str(graph.value(c, CK.populationText)) for c in claims] == ["women with DCIS"]
    # a concept outside the population phrase stays the outcome
    graph, claims = seed_claims_with("In women with DCIS, mammography finds microcalcifications in 5%. 1")
    assert _roles(graph, claims) == [("5.0", "mammography", "microcalcification", "microcalcification", "positive")]


def test_a_concept_named_for_a_later_result_is_not_what_an_earlier_figure_measures() -> None:
    """Method 31, from fresh-r's audit: HYVET's "reduced death by 21% (95% CI 4 to 35, p=0.02) and heart failure by
    64%" gave the 21% and its interval the outcome heart failure."""
    graph, claims = seed_claims_with("Mammography reduced recalls by 21% (95% CI 4 to 35) and DCIS by 64%. 1")
    assert _roles(graph, claims) == [
        ("21.0", "mammography", "ductal-carcinoma-in-situ", None, "positive"),
        ("64.0", "mammography", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
        ("None", "mammography", "ductal-carcinoma-in-situ", None, "positive")]
    # a duration after the concept is no result of its own: "2 or more UTIs in 6 months" measures the UTIs
    graph, claims = seed_claims_with("Mammography finds 2 or more DCIS in 6 months. 1")
    dcis = "ductal-carcinoma-in-situ"
    assert _roles(graph, claims) == [("2.0", "mammography", dcis, dcis, "positive"),
                                     ("6.0", "mammography", dcis, dcis, "positive")]


def test_a_concept_a_dose_is_written_for_is_given_not_measured() -> None:
    """Method 32: a DrugBank drug without a MedlinePlus page is a substance of the general vocabulary, no drug, so
    "penicillin V 800 mg four times a day" measured penicillin V. A concept a dose unit's figure is tied to in the
    sentence (data/claim-cues.json dose_units) is given there, like an intervention: never an outcome."""
    from calckg.interventions import is_intervention
    from calckg.namespaces import CONCEPT

    assert is_intervention(CONCEPT["drugbank-db00417"]) is False  # the vocabulary's kind: substance
    graph, claims = seed_claims_with("Penicillin V 800 mg four times a day was given for 10 days. 1")
    assert _roles(graph, claims) == [("10.0", "drugbank-db00417", "drugbank-db00417", None, "positive"),
                                     ("800.0", "drugbank-db00417", "drugbank-db00417", None, "positive")]


def test_a_bound_sets_a_target_or_criterion_and_carries_no_p_value() -> None:
    """Method 34, from fresh-r's second audit: SPRINT's "a systolic target below 120 mmHg rather than below 140
    mmHg reduced … (p<0.001)" gave both targets the result's p-value; so did "stones smaller than 9 mm" and "a ≥
    50 % fall in pain" (all 7 bounds of the 64 articles that carried one)."""
    graph, claims = seed_claims_with("A target below 120 mmHg reduced recalls of microcalcifications by 25% (p<0.001). "
                                     "1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.pValue))) for c in claims) == [
        ("120.0", "None"), ("25.0", "0.001")]


def test_a_dose_or_a_preparations_strength_measures_nothing() -> None:
    """Method 36: "Doxycycline 200 mg" in a cellulitis article measured cellulitis, "Permethrin 5% cream" scabies and
    "800 IU" of vitamin D calcium; a dose is what was given (a dose unit of data/claim-cues.json, its subject a drug
    or a substance), a strength what a preparation holds. An amount of anything else keeps its outcome."""
    _assert_roles({
        "Doxycycline 200 mg once a day is used for DCIS. 1":
            [("200.0", "drugbank-db00254", "ductal-carcinoma-in-situ", None, "positive")],
        "Permethrin 5% cream is applied for DCIS. 1":
            [("5.0", "drugbank-db04930", "ductal-carcinoma-in-situ", None, "positive")],
        "A vitamin D supplement of 800 IU a day is advised in DCIS. 1":
            [("800.0", "vitamin-d", "ductal-carcinoma-in-situ", None, "positive")],
        "Hypercalciuria is defined as more than 300 mg/day in DCIS. 1":  # a finding's threshold, no dose
            [("300.0", "hp-0002150", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })  # fmt: skip


def test_what_a_figure_measures_is_written_in_the_clause_that_states_it() -> None:
    """Method 37: "Intensive treatment reduced the primary composite outcome (hazard ratio 0.75 …), but hypotension
    … were more common" measured hypotension by 0.75. A figure of the opening phrase is read with the whole sentence."""
    _assert_roles({
        "Mammography reduced recalls (hazard ratio 0.75), but DCIS was more common. 1":
            [("0.75", "mammography", "mammography", None, "positive")],  # no object either (method 40)
        "In 94% of cases, recurrent calcifications look like the first DCIS. 1":
            [("94.0", "calcification", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })  # fmt: skip


def test_a_dose_is_no_other_doses_object() -> None:
    """Method 38: in "cetirizine 10 mg, levocetirizine 5 mg, loratadine 10 mg …" each drug was the object of the dose
    before it; a dose with no other concept in its sentence is about its own drug."""
    graph, claims = seed_claims_with("Suitable choices include doxycycline 100 mg and amoxicillin 500 mg. 1")
    assert _roles(graph, claims) == [("100.0", "drugbank-db00254", "drugbank-db00254", None, "positive"),
                                     ("500.0", "drugbank-db01060", "drugbank-db01060", None, "positive")]
    # method 44: nor is a figure a dose passes its drug to ("… for 21 days, with amoxicillin … for 21 days")
    graph, claims = seed_claims_with("Doxycycline 100 mg twice daily for 21 days, or amoxicillin 1 g for 14 days. 1")
    assert _roles(graph, claims) == [("1.0", "drugbank-db01060", "drugbank-db01060", None, "positive"),
                                     ("100.0", "drugbank-db00254", "drugbank-db00254", None, "positive"),
                                     ("14.0", "drugbank-db01060", "drugbank-db01060", None, "positive"),
                                     ("21.0", "drugbank-db00254", "drugbank-db00254", None, "positive")]


def test_a_drugs_route_or_salt_and_a_course_tie_a_figure_to_its_drug() -> None:
    """Method 39, from fresh-t's claim audit: "cefuroxime axetil 500 mg" was amoxicillin's dose (the drug named before
    it), "60 days of oral doxycycline" ceftriaxone's course (data/claim-cues.json drug_modifiers and
    course_links_after). "within 14 days of diagnosis" is no course: a diagnosis is no drug."""
    _assert_roles({
        "Amoxicillin 500 mg or cefuroxime axetil 250 mg is used in DCIS. 1":
            [("250.0", "drugbank-db01112", "ductal-carcinoma-in-situ", None, "positive"),
             ("500.0", "drugbank-db01060", "ductal-carcinoma-in-situ", None, "positive")],
        "In DCIS, 30 days of intravenous ceftriaxone was followed by 60 days of oral doxycycline. 1":
            [("30.0", "drugbank-db01212", "ductal-carcinoma-in-situ", None, "positive"),
             ("60.0", "drugbank-db00254", "ductal-carcinoma-in-situ", None, "positive")],
        # a time to act measures nothing of its sentence (method 103: it measured DCIS)
        "Mammography found DCIS within 14 days of diagnosis. 1":
            [("14.0", "mammography", "ductal-carcinoma-in-situ", None, "positive")],
    })  # fmt: skip


def test_a_figures_object_is_written_in_its_clause_or_the_sentences_head() -> None:
    """Method 40, from fresh-t's claim audit: "Ciclosporin is the next step for patients who do not respond to
    omalizumab …, and it is given at … 3.5 to 5 mg/kg" gave ciclosporin's dose the object omalizumab. A label before a
    colon sets the scene for what follows it ("DVT provoked by surgery: about 1% after 1 year")."""
    _assert_roles({
        "Mammography reduced recalls, but ultrasound needed 12 minutes. 1":
            [("12.0", "ultrasound", "ultrasound", None, "positive")],
        "DCIS found by mammography: about 1% after 1 year. 1":
            [("1.0", "ductal-carcinoma-in-situ", "mammography", None, "positive"),
             ("1.0", "ductal-carcinoma-in-situ", "mammography", None, "positive")],
    })  # fmt: skip


def test_a_colon_between_two_words_or_numbers_bounds_no_clause() -> None:
    """"a urine protein:creatinine ratio of 30 mg/mmol", "a 2:1 ratio" and "08:00" hold no clause boundary."""
    from calckg.extract.cues import shipped_cues

    text = "Proteinuria is a protein:creatinine ratio of 30 mg/mmol, randomised 2:1 at 08:00: 12% more."
    clauses = shipped_cues().clauses
    start = text.index("30 mg")
    assert clauses.clause(text, start, start + 5).startswith("Proteinuria is a protein:creatinine ratio")
    assert clauses.head_end(text) == text.index(": 12%")


def test_a_comparison_arm_of_none_negates_no_figure() -> None:
    """fresh-t's claim audit: "8 of 19 patients given ciclosporin … responded, compared with none of the 11 given
    placebo" made ciclosporin's figures negative (data/claim-cues.json not_negation: "compared with none")."""
    _assert_roles({
        "Ultrasound found DCIS in 40% of women, compared with none of the 11 women having mammography. 1":
            [("11.0", "ultrasound", "mammography", None, "positive"),
             ("40.0", "ultrasound", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })  # fmt: skip


def test_a_dose_passes_its_drug_to_a_time_or_a_dose_not_to_a_result_in_another_unit() -> None:
    """Method 41, from fresh-t's claim audit: "omalizumab 300 mg reduced the itch score by 8.6 points compared with
    4.0 points with placebo" tied the 8.6 points to omalizumab as if it were the dose's frequency, so its object was
    taken from the trial's population ("despite … H1 antihistamine") instead of the placebo arm."""
    _assert_roles({
        "In women with calcifications, doxycycline 300 mg reduced the score by 8.6 points compared with 4.0 points "
        "with placebo. 1":
            [("300.0", "drugbank-db00254", "calcification", None, "positive"),
             ("4.0", "placebo", "calcification", None, "positive"),
             ("8.6", "drugbank-db00254", "placebo", None, "positive")],
    })  # fmt: skip


def test_a_p_value_no_result_carries_keeps_its_value_in_its_own_claim() -> None:
    """fresh-t's claim audit: "… 35.0 with doxycycline, 35.6 with clarithromycin … and 34.8 with placebo (p=0.69)"
    (bare scores are no figures) gave the p-value a claim of its own with neither a value nor a p-value."""
    graph, claims = seed_claims_with("Recall was similar with mammography and with ultrasound (p=0.69). 1")
    assert [(str(graph.value(c, CK.pValue)), str(graph.value(c, CK.pComparator)), graph.value(c, CK.value))
            for c in claims] == [("0.69", "=", None)]


def test_a_relative_clause_is_about_its_antecedent() -> None:
    """Method 42: with method 40, "… thyroid cancer, which is found in 7-15% of nodules" lost thyroid cancer, written
    outside the relative clause that states the figure; the concept written right before "which" (an aside may stand
    between) is what the clause is of, and its subject when the clause names none before the figure."""
    _assert_roles({
        "Mammography finds ductal carcinoma in situ (DCIS), which presents with calcifications in 40% of cases. 1":
            [("40.0", "calcification", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
        "Mammography finds DCIS and ultrasound, which is used in 40% of cases. 1":
            [("40.0", "ultrasound", "ultrasound", None, "positive")],
    })  # fmt: skip


def test_what_a_change_changes_or_a_clause_names_before_a_copula_is_the_outcome_in_words() -> None:
    """Method 43, from fresh-t's claim audits: "omalizumab … reduced the weekly itch severity score by 9.8 points"
    had no outcome (no vocabulary concept names the score); it is now ck:outcomeText "weekly itch severity score"
    (data/claim-cues.json change_verbs). A change whose object holds a figure gives none, nor does one a concept
    names."""
    def outcomes(text: str) -> list[tuple[str, str, str]]:
        graph, claims = seed_claims_with(text)
        return sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.outcome)).rsplit("/", 1)[-1],
                       str(graph.value(c, CK.outcomeText))) for c in claims)

    assert outcomes("Mammography reduced the weekly recall score by 9.8 points. 1") == [
        ("9.8", "None", "weekly recall score")]
    assert outcomes("Mammography lowered recalls over 3 years by 5%. 1") == [
        ("3.0", "None", "None"), ("5.0", "None", "None")]
    assert outcomes("Mammography reduced DCIS by 64%. 1") == [("64.0", "ductal-carcinoma-in-situ", "None")]
    # method 90, from fresh-ad's audit: or changes to ("reduced major atherosclerotic events to 11.3%"), unless the
    # figure is a dose ("increased gradually to 60 mg a day" names no outcome)
    assert outcomes("Mammography reduced the weekly recall score to 9.8 points. 1") == [
        ("9.8", "None", "weekly recall score")]
    assert outcomes("Tamoxifen is started at 10 mg and increased gradually to 60 mg a day. 1") == [
        ("10.0", "None", "None"), ("60.0", "None", "None")]
    # method 93, from fresh-ad's audits: the comparator's rate measures what the change's figure does, and a composite
    # the change names is measured whole, not as the one part a concept names
    assert outcomes("Mammography reduced the weekly recall score by 9.8 points, compared with 4.0 points with "
                    "ultrasound. 1") == [("4.0", "None", "weekly recall score"), ("9.8", "None", "weekly recall score")]
    assert outcomes("Tamoxifen reduced recurrence or death to 13.1%, compared with 16.9% with placebo. 1") == [
        ("13.1", "None", "recurrence or death"), ("16.9", "None", "recurrence or death")]  # both were recurrence
    # method 52, from fresh-v's audit: what a clause names right before a copula and the figure ("…, the median time to
    # recovery was 14 days"); not a group, a clause's opening word, a count or a dose
    assert outcomes("In a trial of mammography, the median time to recall was 14 days. 1") == [
        ("14.0", "None", "median time to recall")]
    assert outcomes("If the recall rate with mammography is above 10%, audit it. 1") == [("10.0", "None", "None")]
    assert outcomes("In the trial, patients were 65 years or older at mammography. 1") == [("65.0", "None", "None")]
    # method 105, from fresh-ah's audit: a conjunct's joining word may open the clause ("…, and the negative
    # appendicectomy rate was 20.6% …"); a verb in the words names no outcome ("the time in range should ideally be")
    assert outcomes("In that cohort, 82.5% of women were recalled, and the median time to recall was 0.95 days. 1") == [
        ("0.95", "None", "median time to recall"), ("82.5", "None", "None")]
    assert outcomes("With mammography, the recall rate should ideally be 70% or more. 1") == [("70.0", "None", "None")]


def test_figures_joined_by_and_share_the_arm_written_after_the_second() -> None:
    """Method 46, from fresh-u's claim audit: "38.4% and 40.1% of people using ivermectin cream …, compared with
    11.6% and 18.8% of those using the vehicle cream" gave the vehicle arm's rates to ivermectin ("vehicle" is no
    concept; "using" is an arm participle of data/claim-cues.json now)."""
    _assert_roles({
        "In two trials, 38% and 40% of women using doxycycline cream were clear of calcifications, compared with 12% "
        "and 19% of those using the vehicle cream. 1":
            [("12.0", "calcification", "calcification", "calcification", "positive"),
             ("19.0", "calcification", "calcification", "calcification", "positive"),
             ("2.0", "drugbank-db00254", "calcification", None, "positive"),
             ("38.0", "drugbank-db00254", "calcification", "calcification", "positive"),
             ("40.0", "drugbank-db00254", "calcification", "calcification", "positive")],
    })  # fmt: skip


def _hedges(graph, claims):  # type: ignore[no-untyped-def]
    return sorted(((str(graph.value(c, CK.value)), None if (h := graph.value(c, CK.hedge)) is None else str(h))
                   for c in claims), key=lambda pair: (pair[0], pair[1] or ""))


def _assert_hedges(cases: dict[str, list[tuple[str, str | None]]]) -> None:
    """Each sentence, put in the seed, gives exactly these (value, hedge) pairs."""
    for text, expected in cases.items():
        graph, claims = seed_claims_with(text)
        assert _hedges(graph, claims) == expected, text


def test_a_conjunct_with_a_reporting_verb_takes_no_hedge_of_the_one_before() -> None:
    """fresh-am's audit: "about 1% of adults … are thought to have hidradenitis suppurativa, and a large UK study put
    the figure at 0.77%" hedged the 0.77% "about"; a reporting verb ("put", "found", "showed", "reported": clause_verbs
    of data/claim-cues.json, method 138) gives a later conjunct a verb of its own."""
    _assert_hedges({
        "Estimates vary, but about 1% of women are thought to have DCIS, and a large UK study put the figure at "
        "0.77%. 1": [("0.77", None), ("1.0", "about")],  # 0.77 was hedged "about"
        "About 5% of women have DCIS, and a review found calcifications in 62% of them. 1": [
            ("5.0", "about"), ("62.0", None)],  # 62 was hedged "About"
    })


def test_a_conjunct_that_is_a_clause_of_its_own_takes_no_negation_hedge_or_concept_of_the_one_before() -> None:
    """Method 48, from fresh-u's audit: after ", and" a conjunct naming its own concept before its figure is a clause
    of its own when the part before the join is no list item (no figure, at least four words)."""
    _assert_roles({
        "Tetracyclines should not be taken in pregnancy, and erythromycin 500 mg twice daily may be used instead. 1":
            [("500.0", "drugbank-db00199", "drugbank-db00199", None, "positive")],  # was negative, object tetracycline
    })
    graph, claims = seed_claims_with(
        "Doxycycline 40 mg once daily is preferred, usually combined with a topical treatment, and lymecycline 408 mg "
        "once daily is an alternative. 1")
    assert _hedges(graph, claims) == [("40.0", "usually"), ("408.0", None)]  # lymecycline's was "usually"
    assert {str(graph.value(c, CK.object)).rsplit("/", 1)[-1] for c in claims
            if str(graph.value(c, CK.value)) == "408.0"} == {"drugbank-db00256"}  # not the topical treatment


def test_an_item_of_a_list_stays_in_the_clause_of_the_items_before_it() -> None:
    """… while a list's last item after ", or" keeps the negation written before the list (method 48)."""
    _assert_roles({
        "Do not give codeine 30 mg, tramadol 50 mg, or morphine 10 mg to children. 1": [
            ("10.0", "drugbank-db00295", "drugbank-db00295", None, "negative"),
            ("30.0", "drugbank-db00318", "drugbank-db00318", None, "negative"),
            ("50.0", "drugbank-db00193", "drugbank-db00193", None, "negative")],
        # … and no other item of the list is its object (method 76: aspirin, drugbank-db00945, was)
        "Do not give codeine, aspirin, or morphine 10 mg to children. 1": [
            ("10.0", "drugbank-db00295", "drugbank-db00295", None, "negative")],
    })


def test_a_later_conjunct_that_is_a_clause_of_its_own_names_no_object_of_an_earlier_figure() -> None:
    """Method 49, from fresh-v's audit: "…, and pregabalin is started at …" is no gabapentin dose's object, nor is
    gabapentin the object or "usually" the hedge of a pregabalin dose (a dose whose conjunct names its drug is a
    regimen of its own)."""
    text = ("Gabapentin is usually started at 100 to 300 mg before bedtime and increased gradually to 900 to 2400 mg a "
            "day, and pregabalin is started at 50 to 75 mg and increased to 150 to 450 mg a day. 1")
    graph, claims = seed_claims_with(text)
    rows = sorted((str(graph.value(c, CK.minValue)), str(graph.value(c, CK.subject)).rsplit("/", 1)[-1],
                   str(graph.value(c, CK.object)).rsplit("/", 1)[-1], str(graph.value(c, CK.hedge))) for c in claims)
    assert rows == [("100.0", "drugbank-db00996", "drugbank-db00996", "usually"),  # was pregabalin
                    ("150.0", "drugbank-db00230", "drugbank-db00230", "None"),  # was gabapentin, "usually"
                    ("50.0", "drugbank-db00230", "drugbank-db00230", "None"),
                    ("900.0", "drugbank-db00996", "drugbank-db00996", "usually")]


def test_a_covariate_and_the_first_part_of_a_compound_modifier_are_no_roles() -> None:
    """Method 49: "after adjustment for age" names a covariate and "CT-confirmed" a modifier; a hyphen between two
    names joins no modifier ("oxycodone-naloxone")."""
    _assert_roles({
        "Those with DCIS had a higher risk of death, with a hazard ratio of 1.39 after adjustment for age. 1": [
            ("1.39", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "death", "positive")],  # method 96
        "In a trial of 623 women with CT-confirmed diverticulitis, 12% had an abscess. 1": [
            ("12.0", "doid-7475", "hp-0025615", "hp-0025615", "positive"),  # the subject was computed tomography
            ("623.0", "doid-7475", "hp-0025615", None, "positive")],
        "Oxycodone-naloxone 5 mg twice daily was given. 1": [  # oxycodone, joined to another name, stays a role
            ("5.0", "drugbank-db00497", "drugbank-db00497", None, "positive")],
    })


def test_a_concept_right_before_a_figures_comparator_is_what_it_bounds() -> None:
    """From fresh-v's audit: in "… a C-reactive protein above 140 mg/L, a white cell count above 15 × 10⁹/L …" the
    second threshold's subject was the C-reactive protein; a concept right before the comparator words a figure's sign
    was read from is its own. A time says when, not how much of what is named before it (method 50)."""
    _assert_roles({
        "Antibiotics are advised with a C-reactive protein above 140 mg/L or a white cell count above 15 × 10⁹/L. 1": [
            ("140.0", "c-reactive-protein", "antibiotic", "c-reactive-protein", "positive"),  # method 86
            # its subject was the C-reactive protein, then MAxO's cell count; the white cell count is a measure of
            # the core since method 100, what the 15 measures (its arms are the sentence's other concepts)
            ("15.0", "antibiotic", "c-reactive-protein", "white-blood-cell-count", "positive")],
        "Mammography found DCIS within 14 days of diagnosis. 1": [  # a time to act: no outcome (method 103)
            ("14.0", "mammography", "ductal-carcinoma-in-situ", None, "positive")],
    })


def test_a_comparator_written_with_no_or_not_negates_nothing() -> None:
    """From fresh-w's audit: "no larger than about 15 mm" was read as > 15 (the comparator "larger than"); every
    comparator of data/quantities.json written with "no" or "not" is ≤ or ≥ and negates no claim."""
    _assert_roles({
        "Mammography detects microcalcifications no larger than about 1 mm. 1": [  # what the bound is of: method 51
            ("1.0", "microcalcification", "mammography", None, "positive")],
    })
    graph, claims = seed_claims_with("Mammography detects microcalcifications no larger than about 1 mm. 1")
    assert [str(graph.value(c, CK.hedge)) for c in claims] == ["about"]


def test_a_later_conjunct_naming_its_own_concept_gives_none_to_an_earlier_figure() -> None:
    """Method 54, from fresh-u's and fresh-w's audits: "…, or with suspected adenomyosis" made adenomyosis what a
    levonorgestrel dose measures; "…, or erythromycin in pregnancy" made erythromycin a clarithromycin dose's object."""
    _assert_roles({
        "Clarithromycin 250 mg twice a day is recommended, or erythromycin in pregnancy. 1": [
            ("250.0", "drugbank-db01211", "drugbank-db01211", None, "positive")],  # its object was erythromycin
    })


def test_a_later_clause_with_a_figure_and_a_concept_after_it_gives_none_to_an_earlier_figure() -> None:
    """Method 71, from fresh-aa's audit: "… occurs in about 65% to 75% of men after TURP, and about 1 in 50 men need
    a blood transfusion" made blood transfusion what the 65% to 75% is about; the later clause holds its own figure,
    and its concept after it is that figure's."""
    _assert_roles({
        "Pain occurs in about 65% of women, and 10% of them need a biopsy. 1": [
            ("10.0", "biopsy", "biopsy", None, "positive"),  # its own conjunct's since method 73 (pain's before)
            ("65.0", "hp-0012531", "hp-0012531", "hp-0012531", "positive")],  # its object was biopsy
    })


def test_free_of_after_a_copula_negates_and_names_no_role_elsewhere() -> None:
    """From fresh-w's audit: "56% of people … were free of pain" was claimed as 56% with pain, positive. Like
    "without", "free of" negates only right after a copula; elsewhere it names a condition a group lacks. Since
    method 140 the share it is said of is stated: positive, measuring "were free of pain", not pain."""
    _assert_roles({
        "After mammography, 56% of women were free of pain at 12 months. 1": [
            ("56.0", "mammography", "hp-0012531", None, "positive")],  # "at 12 months" is no figure here
        "Pain was not present in 56% of women after mammography. 1": [  # the share is no negation's subject
            ("56.0", "hp-0012531", "mammography", None, "negative")],
        "After mammography, 56% of women free of pain had microcalcifications. 1": [  # pain is no role, no negation
            ("56.0", "mammography", "mammography", None, "positive")],
    })


def test_absence_of_negates_only_the_items_after_it() -> None:
    """From fresh-x's audit: "Points are given for morning stiffness … (2 points), hip pain … (1 point), absence of
    rheumatoid factor … (2 points)" made every item negative; "absence of" bears only on what follows it."""
    graph, claims = seed_claims_with("Points are given for pain (1 point) and absence of DCIS (2 points). 1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.polarity))) for c in claims) == [
        ("1.0", "positive"), ("2.0", "negative")]


def test_a_later_item_of_a_list_of_figures_in_brackets_is_about_its_own_item() -> None:
    """Method 58: "… were older age (9%, …), prolonged corticosteroid use (33%, …), severe trauma (11%, …) and a
    contusion (62%, …)" gave every figure to age, the first concept of the clause. A later item's figure is its own
    item's concept's; an item naming no concept is read under the title, never with another item's concept. The first
    item, which also holds the sentence's head, and a trial's arms are read as before."""
    _assert_roles({
        "The red flags were older age (9%, 95% CI 3% to 25%), prolonged corticosteroid use (33%, 95% CI 10% to 67%), "
        "severe trauma (11%, 95% CI 8% to 16%) and a contusion (62%, 95% CI 49% to 74%). 1": [
            ("11.0", "breast-microcalcification", "breast-microcalcification", None, "positive"),
            ("33.0", "corticosteroid", "corticosteroid", None, "positive"),
            ("62.0", "breast-microcalcification", "breast-microcalcification", None, "positive"),
            ("9.0", "age", "corticosteroid", None, "positive"),
            ("None", "age", "corticosteroid", None, "positive"),
            ("None", "breast-microcalcification", "breast-microcalcification", None, "positive"),
            ("None", "breast-microcalcification", "breast-microcalcification", None, "positive"),
            ("None", "corticosteroid", "corticosteroid", None, "positive")],
        # a trial's arms are no list in brackets: each arm's rate still measures the pain named before the list
        "Of 184 patients, pain fell by half in 37.8% with colchicine, 32.7% with ibuprofen and 15.5% with placebo. 1": [
            ("0.5", "hp-0012531", "drugbank-db01394", None, "positive"),
            ("15.5", "placebo", "hp-0012531", "hp-0012531", "positive"),
            ("184.0", "hp-0012531", "drugbank-db01394", None, "positive"),
            ("32.7", "drugbank-db01050", "hp-0012531", "hp-0012531", "positive"),
            ("37.8", "drugbank-db01394", "hp-0012531", "hp-0012531", "positive")],
    })  # fmt: skip


def test_a_control_arm_is_the_subject_only_of_its_own_figures() -> None:
    """Method 59 (data/claim-cues.json control_arms): "… 60% of patients switched to placebo compared with 15% of
    those who continued patiromer" gave placebo the patiromer arm's 15%, and "Compared with placebo, the hazard ratio
    … was 0.99 for regular paracetamol" the paracetamol ratio. Placebo's own rate ("with placebo") stays placebo's."""
    _assert_roles({
        "Compared with placebo, the hazard ratio for recovery was 0.99 for regular paracetamol. 1":
            [("0.99", "drugbank-db00316", "placebo", None, "positive")],
        "Pain fell by half in 37.8% with colchicine and 15.5% with placebo. 1":
            [("0.5", "hp-0012531", "drugbank-db01394", None, "positive"),
             ("15.5", "placebo", "hp-0012531", "hp-0012531", "positive"),
             ("37.8", "drugbank-db01394", "hp-0012531", "hp-0012531", "positive")],
    })  # fmt: skip


def test_a_negation_in_a_relative_clause_with_its_own_subject_names_the_group() -> None:
    """fresh-y's audit: "People whose pressure is at target and whose glaucoma is not progressing are usually
    reviewed every 6 to 12 months" was negative. A relative clause with a subject of its own ("whose glaucoma is
    not …") names the group, as "who have not …" does; a negation of the sentence's own verb still counts."""
    _assert_roles({
        "Women whose mammogram is not normal are recalled within 2 weeks. 1":
            [("2.0", "mammography", "mammography", None, "positive")],
        "Women whose mammogram was normal did not need a biopsy within 2 weeks. 1":
            [("2.0", "mammography", "biopsy", None, "negative")],
    })  # fmt: skip


def test_a_scales_range_is_no_result() -> None:
    """Method 61 (scale_words of data/claim-cues.json), from fresh-y's audit: "… on the ADHD Rating Scale, which runs
    from 0 to 72 points" was a claim of methylphenidate's. A range from 0 that a scale word names is the scale's own;
    a result's range from 0 is still a claim."""
    _assert_roles({
        "Mammography recall was scored on a questionnaire scored from 0 to 24. 1": [],
        "Mammography found DCIS in from 0 to 24 women a year. 1":
            [("None", "mammography", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })  # fmt: skip


def test_a_concept_inside_another_figures_bound_is_that_figures() -> None:
    """Method 63, from fresh-y's audit: "… before the age of 12 years and in 2 or more settings" made age what the 2
    settings measure, and "In about 70% of affected children the eczema starts before the age of 5 years" what the 70%
    measures. A concept written inside a bound's words ("before the age of") is that bound's."""
    _assert_roles({
        "In about 70% of women the calcifications appear before the age of 50 years. 1":
            [("50.0", "age", "calcification", None, "positive"),  # an age measures no calcification (method 103)
             ("70.0", "calcification", "calcification", "calcification", "positive")],
        # with no other concept, the figure is read under the title
        "Before the age of 50 years, 30% have it. 1":
            [("30.0", "breast-microcalcification", "breast-microcalcification", None, "positive"),
             ("50.0", "age", "age", "age", "positive")],  # an age measures age (a patient characteristic, method 103)
    })  # fmt: skip


def test_a_concept_after_a_comparison_word_is_no_subject_of_the_figure_before_it() -> None:
    """Method 64, from fresh-z's claim audit: "the relapse rate was 52.7% after antithyroid drugs, compared with 15%
    after radioactive iodine and 10% after surgery" gave the 52.7% to radioactive iodine ("antithyroid drugs" is no
    concept): a concept after "compared with" (comparison_openers of data/claim-cues.json) is the comparator's. The
    figure is read under the article's question, the comparator its object. "than" closes comparators ("more than
    12") and is no comparison word."""
    _assert_roles({
        "In a trial, the relapse rate was 52.7% after antithyroid drugs, compared with 15% with surgery. 1":
            [("15.0", "surgery", "surgery", "relapse", "positive"),  # the relapse rate's (method 96)
             ("52.7", "breast-microcalcification", "surgery", "relapse", "positive")],
        "At least 39% had been given more than 12 courses of tamoxifen. 1":
            [("39.0", "drugbank-db00675", "drugbank-db00675", None, "positive")],
    })  # fmt: skip


def test_a_control_arm_alone_is_no_subject_the_figure_is_read_under_the_question() -> None:
    """Method 65, from fresh-z's claim audit: "the relative risk of symptoms persisting with laxatives compared with
    placebo was 0.52 (95% CI 0.46 to 0.60)" named only placebo, which became subject and object of the whole
    meta-analysis's result; a control arm is the subject only of its own figures, and with no other concept the
    figure is read under the article's question."""
    _assert_roles({
        # the sentence's own arm is named by no vocabulary ("laxatives" was none until method 79's classes)
        "The relative risk of symptoms persisting with prune juice compared with placebo was 0.52 (95% CI 0.46 to "
        "0.60). 1":
            [("0.52", "breast-microcalcification", "placebo", None, "positive"),
             ("None", "breast-microcalcification", "placebo", None, "positive")],
    })  # fmt: skip


def test_a_negation_right_after_a_group_names_the_group() -> None:
    """Method 66, from fresh-z's claim audit: "birth defects occurred in 9.1% of children exposed to methimazole …,
    compared with 5.7% of children not exposed" made all three figures negative; "not" right after a group
    (group_negations of data/claim-cues.json) names the unexposed group. A negation of the clause still counts."""
    _assert_roles({
        "Calcifications occurred in 9.1% of women exposed to tamoxifen, compared with 5.7% of women not exposed. 1":
            [("5.7", "calcification", "drugbank-db00675", None, "positive"),
             ("9.1", "calcification", "drugbank-db00675", None, "positive")],
        "Calcifications did not occur in 9.1% of women exposed to tamoxifen. 1":
            [("9.1", "calcification", "drugbank-db00675", None, "negative")],
    })  # fmt: skip


def test_an_approximation_keeps_a_modal_verb_written_after_the_figure() -> None:
    """Method 67, from fresh-z's claim audit: "Eating 2 kiwifruit a day or about 100 g of prunes a day may also help"
    kept only "about"; a modal verb of the clause (modal_hedges of data/claim-cues.json) after the figure hedges it
    too, unless a continuation word stands between ("… and usually occur" hedges what follows "and")."""
    _assert_hedges({
        "Eating about 100 g of kale a day may also help, based on small trials. 1": [("100.0", "about, may")],
        "Calcifications affect about 0.2% to 0.5% of women and usually occur within 3 months. 1":
            [("3.0", "usually"), ("None", "about")],
    })  # fmt: skip


def test_a_concept_of_a_conjunct_the_figure_is_read_without_is_none_of_its_concepts() -> None:
    """Method 68, from fresh-z's claim audit: "Stimulant laxatives usually work within 6 to 12 hours, and abdominal
    cramps are the most common side effect" made abdominal cramps what the 6 to 12 hours are about: the later
    conjunct, which the figure is read without (method 54), gave its concept all the same. With none left the figure
    is read under the article's question; a concept of its own clause still counts."""
    _assert_roles({
        "Prune juice usually works within 6 to 12 hours, and tamoxifen is the most common cause. 1":
            [("None", "breast-microcalcification", "breast-microcalcification", None, "positive")],
        "Tamoxifen usually works within 6 to 12 hours, and abdominal cramps are the most common side effect. 1":
            [("None", "drugbank-db00675", "drugbank-db00675", None, "positive")],
    })  # fmt: skip


def test_an_alternative_in_the_figures_unit_closed_by_a_comma_leaves_the_rest_to_the_sentence() -> None:
    """Method 69, from fresh-z's claim audit: "A beta-blocker such as propranolol 10 to 40 mg …, or atenolol 25 to
    100 mg once daily, can be used to control …" hedged atenolol's dose with "can" and not propranolol's: the later
    conjunct is an alternative dose, and what follows its closing comma is the sentence's again. A later conjunct
    that is a clause of its own still hedges no earlier figure (method 33)."""
    _assert_hedges({
        "A drug such as tamoxifen 10 to 40 mg a day, or raloxifene 25 to 100 mg once daily, can be used to shrink "
        "calcifications. 1": [("None", "can"), ("None", "can")],
        "Tamoxifen 20 mg a day is given for 5 years, and it can cause hot flushes. 1": [("20.0", None), ("5.0", None)],
    })  # fmt: skip


def test_the_arm_written_after_two_arms_values_is_the_second_values_alone() -> None:
    """"12% vs 8% with mammography": 8% is mammography's, 12% biopsy's (fresh-aa's audit: "finasteride reduced … (3%
    vs 7% with placebo)" had placebo as its subject); an opener after the arm names the second arm, and a change is
    one arm's (method 72)."""
    _assert_roles({
        "In a trial of 400 women, biopsy found DCIS in 12% vs 8% with mammography (p = 0.01). 1": [
            ("400.0", "biopsy", "ductal-carcinoma-in-situ", None, "positive"),
            ("None", "biopsy", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
        "In a trial of 400 women, DCIS was found in 12% vs 8% with mammography compared with ultrasound. 1": [
            ("400.0", "ductal-carcinoma-in-situ", "mammography", None, "positive"),
            ("None", "mammography", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
        "In a trial of 400 women, recall fell from 14% to 8% with mammography. 1": [
            ("400.0", "mammography", "mammography", None, "positive"),
            ("None", "mammography", "mammography", None, "positive")],
    })


def test_a_dose_is_its_drugs_when_written_right_before_it_and_an_arm_of_a_dose_alone_is_that_drugs() -> None:
    """"the 1 mg anastrozole tablet" is anastrozole's dose (fresh-aa's audit: "the 52 mg levonorgestrel-releasing
    intrauterine system" was desogestrel's); "12% of those given 20 mg tamoxifen" is tamoxifen's arm through its
    dose, and so is "9% of those given 40 mg", a dose in the unit only tamoxifen has a dose in (method 72)."""
    _assert_roles({
        "Options include tamoxifen 20 mg daily, radiotherapy and the 1 mg anastrozole tablet. 1": [
            ("1.0", "drugbank-db01217", "radiotherapy", None, "positive"),
            ("20.0", "drugbank-db00675", "radiotherapy", None, "positive")],
        "In a trial of 300 women, DCIS recurred in 12% of those given 20 mg tamoxifen, 9% of those given 40 mg and "
        "15% of those given placebo. 1": [
            ("12.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("15.0", "placebo", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("20.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive"),
            ("300.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("40.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("9.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })


def test_the_numbers_of_a_series_of_trial_names_are_no_count() -> None:
    _assert_roles({"In the SPIRIT 1 and 2 trials, tamoxifen 20 mg reduced DCIS recurrence in 75% of women. 1": [
        ("20.0", "drugbank-db00675", "recurrent-dcis", None, "positive"),
        ("75.0", "drugbank-db00675", "recurrent-dcis", "recurrent-dcis", "positive")]})  # "2 trials" was a count


def test_a_negation_after_a_relative_word_and_an_auxiliary_names_the_group() -> None:
    """fresh-aa's audit: "Men with mild symptoms that do not bother them much can be managed with watchful waiting, and
    … about 85% … were clinically stable" was negative; a sentence's own negation still counts."""
    _assert_roles({
        "Women with calcifications that do not change are followed up, and in studies about 85% of women on "
        "mammography stayed well after 2 years. 1": [
            ("2.0", "mammography", "mammography", None, "positive"),
            ("85.0", "mammography", "calcification", "calcification", "positive")],
        "Calcifications that change do not need biopsy in 20% of women. 1": [
            ("20.0", "calcification", "biopsy", None, "negative")],
    })


def test_a_conjunct_that_opens_with_its_figure_takes_no_concept_of_the_conjunct_before() -> None:
    """fresh-aa's audit: "Other risks of TURP include urethral stricture … in about 4% to 7% of men, and about 1% to 2%
    of men need further prostate surgery each year" gave the 1% to 2% the subject urethral stricture (method 73)."""
    _assert_roles({
        "Other risks of biopsy include hematoma in about 4% to 7% of women, and about 1% to 2% of women need further "
        "surgery each year. 1": [("None", "biopsy", "biopsy", None, "positive"),
                                 ("None", "surgery", "surgery", None, "positive")],
        "Biopsy finds DCIS in about 20% of women, and about 5% need tamoxifen 20 mg. 1": [
            ("20.0", "biopsy", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("20.0", "drugbank-db00675", "drugbank-db00675", None, "positive"),
            ("5.0", "drugbank-db00675", "drugbank-db00675", None, "positive")],
    })


def test_an_arm_phrase_may_say_who_continued_or_was_switched_and_asking_about_hedges_nothing() -> None:
    """fresh-ab's audit: "19% of those who continued escitalopram relapsed, compared with 56% of those switched to
    placebo" gave both rates to the condition, and "The GAD-7 questionnaire asks about 7 symptoms over the past 2
    weeks" hedged the 2 weeks with "about" (data/claim-cues.json arm_participles, not_hedge)."""
    _assert_roles({
        "In a trial of 300 women, DCIS recurred in 12% of those who continued tamoxifen, compared with 30% of those "
        "switched to placebo. 1": [
            ("12.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("30.0", "placebo", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("300.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive")]})
    graph, claims = seed_claims_with("The mammography questionnaire asks about 7 symptoms over the past 2 weeks. 1")
    assert [(str(graph.value(c, CK.value)), graph.value(c, CK.hedge)) for c in claims] == [("2.0", None)]


def test_a_negation_inside_an_outcome_or_an_idiom_is_no_cue() -> None:
    """fresh-ab's audit: "the relative risk of not responding … was 0.70 …, with a number needed to treat of 5" made
    the number needed to treat negative, and "on more days than not" was a negation cue (data/claim-cues.json
    not_negation)."""
    _assert_roles({
        "In a review of tamoxifen for DCIS, the relative risk of not responding compared with placebo was 0.70 (95% CI "
        "0.62 to 0.79), with a number needed to treat of 5. 1": [
            ("0.7", "drugbank-db00675", "placebo", None, "positive"),
            ("5.0", "drugbank-db00675", "placebo", None, "positive"),
            ("None", "drugbank-db00675", "placebo", None, "positive")]})
    graph, claims = seed_claims_with(
        "DCIS is diagnosed when calcifications are seen on more days than not for at least 6 months. 1")
    assert [graph.value(c, CK.polarityNote) for c in claims] == [None]  # no negation to explain


def test_a_later_conjunct_with_a_verb_of_its_own_takes_no_negation_or_hedge_of_the_one_before() -> None:
    """Method 75, from fresh-ab's audit: "The shorter GAD-2 … can be used for screening, and a score of 3 or more
    should prompt a fuller assessment" hedged the 3 with "can". A conjunct with a verb of its own (data/claim-cues.json
    clause_verbs, copulas, auxiliaries, modal_hedges) is a clause: the conjunct before gives its figures no negation
    or hedge. One that shares the verb before it still takes them, and so does one whose only verb stands in a
    condition ("… if it is higher than …")."""
    for text, expected in {
        "Mammography can be used for screening, and a score of 3 or more should prompt a biopsy. 1":
            [("3.0", None, "positive")],
        "Tamoxifen must not be given in pregnancy, and women should avoid pregnancy for at least 6 months after "
        "treatment. 1": [("6.0", None, "positive")],  # was negative
        "Tamoxifen can shrink calcifications by 30% in women, and by 50% in men. 1":
            [("30.0", "can", "positive"), ("50.0", "can", "positive")],
        "Tamoxifen can be added if calcium is 2.5 mmol/L or lower, or raloxifene if it is higher than 2.5 mmol/L. 1":
            [("2.5", "can", "positive"), ("2.5", "can", "positive")],
    }.items():  # fmt: skip
        graph, claims = seed_claims_with(text)
        assert sorted((str(graph.value(c, CK.value)), None if (h := graph.value(c, CK.hedge)) is None else str(h),
                       str(graph.value(c, CK.polarity))) for c in claims) == expected, text


def test_an_approximation_of_another_number_does_not_hedge_the_exact_figure_after_it() -> None:
    """Method 75, from fresh-ab's audit: "about 3 times higher, with an odds ratio of 3.11 (95% CI 2.48 to 3.89)"
    hedged the exact odds ratio and its interval, and "from about 7 days to 6.3 days" the 6.3 days. An approximation
    right before a number that is no figure, with a comma or bracket before the figure, or right before another
    figure of the same kind with no comma or "and" between (a change, an interval), hedges that number alone; items
    of a list still share it."""
    _assert_hedges({
        "The odds of DCIS after stopping tamoxifen were about 3 times higher, with an odds ratio of 3.11 (95% CI 2.48 "
        "to 3.89). 1": [("3.0", "about"), ("3.11", None), ("None", None)],  # "3 times higher" a figure: method 112
        "Tamoxifen shortened recovery from DCIS by about 16.8 hours (95% CI 8.4 to 25.1 hours), from about 7 days to "
        "6.3 days. 1": [("16.8", "about"), ("6.3", None), ("7.0", "about"), ("None", None)],
        "DCIS is found in approximately 5% of women and 1% of men. 1": [("1.0", "approximately"), ("5.0", "approximately")],
    })  # fmt: skip


def test_another_item_of_a_list_of_concepts_is_no_object_of_the_subject() -> None:
    """Method 76, from fresh-ab's audit: "In a network meta-analysis of 89 trials including 25,441 people,
    duloxetine, pregabalin, venlafaxine and escitalopram were all more effective than placebo" gave the trial counts
    duloxetine as subject and pregabalin as object, as if the two were compared. Items of a list of three or more
    concepts ("A, B, C and D") are no objects of one another; two joined by "and" are still the arms compared."""
    _assert_roles({
        "In a network meta-analysis of 89 trials including 25,441 women, tamoxifen, raloxifene, anastrozole and "
        "letrozole were all more effective than placebo. 1": [
            ("25441.0", "drugbank-db00675", "placebo", None, "positive"),  # raloxifene (drugbank-db00481) before
            ("89.0", "drugbank-db00675", "placebo", None, "positive")],
        "In a trial of 300 women, tamoxifen and placebo were compared (12% vs 30%). 1": [
            ("300.0", "drugbank-db00675", "placebo", None, "positive"),
            ("None", "drugbank-db00675", "placebo", None, "positive")],
    })  # fmt: skip


def test_a_determiner_may_stand_before_the_arm_a_rate_belongs_to() -> None:
    """Method 77, from fresh-ab's audit: "… compared with 16.4% of those who continued an antidepressant" gave the
    16.4% the condition as subject and the antidepressant as object; a determiner (data/claim-cues.json
    determiners) may stand between an arm phrase and its arm, as in "27.1% of people taking a statin"."""
    _assert_roles({
        "In a trial of 300 women, DCIS recurred in 3.2% of those given the tamoxifen and 8% of those given placebo. 1": [
            ("3.2", "drugbank-db00675", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("300.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("8.0", "placebo", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })  # fmt: skip


def test_a_course_a_dose_passes_its_drug_to_measures_nothing() -> None:
    """Method 78, from fresh-ac's audit: "Rifaximin 550 mg three times a day for 14 days is recommended … for IBS with
    diarrhoea" made IBS what the 14 days measure; a duration a drug's dose passes its drug to is that regimen's course,
    no result, so it has no outcome (a duration tied to something else keeps it: "3 or more … in 24 hours")."""
    _assert_roles({
        "Women with DCIS were randomised to tamoxifen 20 mg a day for 5 years or placebo. 1": [
            ("20.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive"),
            ("5.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive")],  # the outcome was DCIS
        "DCIS was found in 3 or more calcifications in 24 hours. 1": [
            ("24.0", "ductal-carcinoma-in-situ", "calcification", "calcification", "positive"),
            ("3.0", "ductal-carcinoma-in-situ", "calcification", "calcification", "positive")],
    })  # fmt: skip


def test_an_arm_phrase_may_say_who_started_a_treatment() -> None:
    """Method 79, from fresh-ac's audit: "28% of people starting a dopamine agonist and 23% of those starting an
    MAO-B inhibitor stopped it …, compared with 2% of those starting levodopa" gave all three rates levodopa
    (data/claim-cues.json arm_participles: "starting", "who started")."""
    _assert_roles({
        "In a trial of 300 women, DCIS recurred in 28% of women starting tamoxifen, compared with 12% of those "
        "starting placebo. 1": [
            ("12.0", "placebo", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),  # was DCIS's
            ("28.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("300.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive")],
    })  # fmt: skip


def test_what_a_regimen_is_adjusted_according_to_is_no_role() -> None:
    """Method 80, from fresh-ac's audit: "Amitriptyline is … increased by 10 mg every 1 to 2 weeks, up to 30 mg at
    night, according to response and side effects" made adverse events the doses' object (data/claim-cues.json
    covariate_openers: "according to", like "adjusted for")."""
    _assert_roles({
        "Tamoxifen is started at 10 mg and increased by 10 mg every 2 weeks, up to 30 mg, according to response and "
        "calcification. 1": [  # calcification was the object of all four
            ("10.0", "drugbank-db00675", "drugbank-db00675", None, "positive"),
            ("10.0", "drugbank-db00675", "drugbank-db00675", None, "positive"),
            ("2.0", "drugbank-db00675", "drugbank-db00675", None, "positive"),
            ("30.0", "drugbank-db00675", "drugbank-db00675", None, "positive")],
    })  # fmt: skip


def test_a_drugs_salt_written_after_its_name_is_no_concept_of_its_own() -> None:
    """Method 81, from fresh-ac's audit: "alverine citrate 60 to 120 mg" gave the dose to citric acid (DrugBank's
    "citrate"); a word of drug_modifiers (data/claim-cues.json) written right after a name is that drug's salt."""
    _assert_roles({
        "Raloxifene citrate 60 mg daily was given for DCIS. 1":  # citric acid (drugbank-db04272) was the subject
            [("60.0", "drugbank-db00481", "ductal-carcinoma-in-situ", None, "positive")],
    })  # fmt: skip


def test_an_age_measures_no_disease() -> None:
    """Method 82, from fresh-ac's audit: "… especially if they are aged 50 or over, should have a CA125 blood test"
    made the blood test what the 50 measures. A figure right after an age word (data/claim-cues.json
    population_age_words, then a comparator or none) is an age: its outcome is no disease, finding or test; the
    rate of the same sentence keeps its outcome."""
    _assert_roles({
        "DCIS affects about 5% of women aged 40 to 49 years. 1": [
            ("5.0", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive"),
            ("None", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", None, "positive")],  # was DCIS
        "Age 65 years or more is a risk factor for DCIS. 1": [
            ("65.0", "age", "ductal-carcinoma-in-situ", None, "positive")],  # was DCIS
    })  # fmt: skip


def test_a_later_pair_of_rates_with_no_arms_takes_the_arms_of_the_pair_before_in_their_order() -> None:
    """fresh-ac's audit: "nausea occurred in 29.0% of people taking rivastigmine and 11.2% of those taking placebo,
    and tremor in 10.2% and 3.9%" credited both tremor rates to placebo; 10.2% is rivastigmine's, 3.9% placebo's. Rates
    with arms of their own keep them (method 84)."""
    _assert_roles({
        "Nausea occurred in 29.0% of people taking rivastigmine and 11.2% of those taking placebo, and tremor in "
        "10.2% and 3.9%. 1": [
            ("10.2", "drugbank-db00989", "hp-0001337", "hp-0001337", "positive"),
            ("11.2", "placebo", "hp-0002018", "hp-0002018", "positive"),
            ("29.0", "drugbank-db00989", "hp-0002018", "hp-0002018", "positive"),
            ("3.9", "placebo", "hp-0001337", "hp-0001337", "positive")],
        "Nausea occurred in 29.0% of people taking rivastigmine and 11.2% of those taking placebo, and tremor in "
        "10.2% of those taking donepezil and 3.9% of those taking placebo. 1": [
            ("10.2", "drugbank-db00843", "hp-0001337", "hp-0001337", "positive"),
            ("11.2", "placebo", "hp-0002018", "hp-0002018", "positive"),
            ("29.0", "drugbank-db00989", "hp-0002018", "hp-0002018", "positive"),
            ("3.9", "placebo", "hp-0001337", "hp-0001337", "positive")],
    })


def test_a_second_predicate_after_the_figure_does_not_hedge_it() -> None:
    """fresh-ac's audit: "The MAO-B inhibitors rasagiline 1 mg once daily and selegiline 10 mg each morning have a
    mild effect on motor symptoms and are usually well tolerated" hedged both doses with "usually", which says how
    well they are tolerated; a figure written after the second predicate keeps its hedge (method 85). "In the on-demand
    group, 69% of patients tolerated an oral diet and did not need tube feeding" stays negative: both predicates are
    said of the 69%."""
    _assert_hedges({
        "Tamoxifen 20 mg once daily and anastrozole 1 mg each morning have a mild effect on recurrence and are "
        "usually well tolerated. 1": [("1.0", None), ("20.0", None)],
        "Tamoxifen 20 mg may reduce recurrence and is usually taken for 5 years. 1": [("20.0", "may"),
                                                                                      ("5.0", "usually")],
    })  # fmt: skip
    # nor negates it, unless the figure is a share of a group the second predicate is said of too: then the share
    # counts those of whom it is said, positive, measuring its words (method 140)
    _assert_roles({
        "Tamoxifen 20 mg reduced recurrence by 30% and did not cause hot flushes. 1": [
            ("20.0", "drugbank-db00675", "recurrence", None, "positive"),
            ("30.0", "drugbank-db00675", "recurrence", "recurrence", "positive")],
        "In the trial, 35% of the women were treated with tamoxifen alone and did not need surgery. 1": [
            ("35.0", "drugbank-db00675", "surgery", None, "positive")],
    })


def test_a_test_tied_to_the_figure_is_what_it_measures_and_no_count_or_time_measures_a_test() -> None:
    """fresh-ad's audit: "an ACR of 3 mg/mmol or more" measured the eGFR or the diabetes named beside it, and "present
    for more than 3 months" the eGFR; a test tied to the figure by its words is its outcome, and a count or a
    duration measures no test (method 86)."""
    _assert_roles({
        "Tamoxifen is used in women with DCIS who have a urine albumin-to-creatinine ratio of 30 mg/mmol or more. 1": [
            ("30.0", "urine-albumin-creatinine-ratio", "ductal-carcinoma-in-situ", "urine-albumin-creatinine-ratio",
             "positive")],
        "Women with DCIS and a serum creatinine of 150 µmol/L or more should have it checked again within 3 months. 1": [
            ("150.0", "creatinine", "ductal-carcinoma-in-situ", "creatinine", "positive"),
            ("3.0", "ductal-carcinoma-in-situ", "creatinine", None, "positive")],
    })


def test_a_number_with_a_thousands_comma_does_not_end_the_opening_phrase() -> None:
    """fresh-ad's audit: "In the EMPA-KIDNEY trial of 6,609 people with CKD, empagliflozin … reduced … to 13.1%,
    compared with 16.9% with placebo (hazard ratio 0.72 …)" read "6," as the end of the opening phrase, so the
    group's condition became the subject of the result and its hazard ratio (method 87)."""
    _assert_roles({
        "In the EMPA trial of 6,609 women with DCIS, tamoxifen once daily reduced recurrence to 13.1%, compared with "
        "16.9% with placebo (hazard ratio 0.72, 95% CI 0.64 to 0.82). 1": [
            ("0.72", "drugbank-db00675", "placebo", None, "positive"),
            ("13.1", "drugbank-db00675", "recurrence", "recurrence", "positive"),
            ("16.9", "placebo", "recurrence", "recurrence", "positive"),
            ("6609.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("None", "drugbank-db00675", "placebo", None, "positive")],  # the interval 0.64 to 0.82
    })


def test_a_later_conjunct_with_a_result_verb_of_its_own_takes_no_negation_of_the_one_before() -> None:
    """fresh-ad's audit: TREAT's "… did not reduce death or cardiovascular events compared with placebo (hazard
    ratio 1.05 …), and stroke occurred in 5.0% of people taking darbepoetin and 2.6% of those taking placebo" made
    both stroke rates negative; "occurred" is the later conjunct's own verb (data/claim-cues.json result_verbs,
    method 88)."""
    _assert_roles({
        "In a trial of 400 women with DCIS, tamoxifen did not reduce death compared with placebo (hazard ratio 1.05), "
        "and recurrence occurred in 5.0% of women taking tamoxifen and 2.6% of those taking placebo. 1": [
            ("1.05", "drugbank-db00675", "placebo", "death", "negative"),  # recurrence's rates are not (method 96)
            ("2.6", "placebo", "recurrence", "recurrence", "positive"),
            ("400.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("5.0", "drugbank-db00675", "recurrence", "recurrence", "positive")],
    })


def test_a_hedge_right_before_another_figure_or_an_approximated_number_far_before_is_not_the_figures() -> None:
    """fresh-ad's audit: "given every 4 to 8 weeks, usually for 3 years" hedged the interval with the course's
    "usually", and "at about 0.8 g per kg of body weight a day if the eGFR is below 60" the threshold with the protein
    amount's "about" (method 89); an approximation that opens the figure's own expression still hedges it."""
    _assert_hedges({
        "Tamoxifen is given every 4 to 8 weeks, usually for 3 years. 1": [("3.0", "usually"), ("None", None)],
        "Women with DCIS should keep protein intake at about 0.8 g per kg of body weight a day if the eGFR is below "
        "60. 1": [("60.0", None)],
        "Women with DCIS are given approx. 1 in 10,000 to 1 in 100,000. 1": [("0.00001", "approx.")],
    })  # fmt: skip


def test_the_participants_of_trials_with_them_are_a_studys_size() -> None:
    """fresh-ad's audit: "In a meta-analysis of 16 trials with 2,267 people, steroid nasal sprays relieved nasal
    blockage …" made the 2,267 people measure nasal congestion; "trials with" opens a study's size as "trials of"
    does (data/claim-cues.json design_count_openers, method 91)."""
    _assert_roles({"In a meta-analysis of 16 trials with 2,267 people, tamoxifen relieved recurrence better than "
                   "radiotherapy. 1": [
                       ("16.0", "drugbank-db00675", "recurrence", None, "positive"),
                       ("2267.0", "drugbank-db00675", "recurrence", None, "positive")]})  # measured recurrence


def test_the_people_of_a_series_or_a_comparison_are_a_studys_size() -> None:
    """fresh-am's audit: "In a series of 1,185 people, 82% had complete pain relief …" and "In a comparison of 315
    people, pain was more likely to come back …" made the study's size measure pain; "series of" and "comparison of"
    open a study's size as "trial of" does (method 135)."""
    pain = "hp-0012531"
    _assert_roles({
        "In a series of 1,185 people, 82% had complete pain relief straight after microvascular decompression. 1": [
            ("1185.0", pain, pain, None, "positive"),  # measured pain
            ("82.0", pain, pain, pain, "positive")],
        "In a comparison of 315 people, 70% had complete pain relief after microvascular decompression. 1": [
            ("315.0", pain, pain, None, "positive"),  # measured pain
            ("70.0", pain, pain, pain, "positive")],
    })


def test_a_treatment_a_negated_condition_rules_out_is_no_object() -> None:
    """fresh-am's audit: "If a tetracycline does not work, clindamycin 300 mg … combined with rifampicin 300 mg … is
    given for 10 to 12 weeks" gave the tetracycline that failed as the object of all three figures; an intervention
    named in a negated condition opening the sentence is what was tried, no object (method 136). A condition that
    negates nothing, or a disease in one, still names the object."""
    clindamycin, rifampicin, tetracycline = "drugbank-db01190", "drugbank-db01045", "drugbank-db00759"
    _assert_roles({
        "If a tetracycline does not work, clindamycin 300 mg twice a day combined with rifampicin 300 mg twice a day "
        "is given for 10 to 12 weeks. 1": [
            ("300.0", rifampicin, rifampicin, None, "positive"),  # object tetracycline
            ("300.0", clindamycin, clindamycin, None, "positive"),
            ("None", rifampicin, rifampicin, None, "positive")],
        "If a tetracycline is used, clindamycin 300 mg twice a day is added. 1": [
            ("300.0", clindamycin, tetracycline, None, "positive")],
        "If DCIS does not respond, tamoxifen 20 mg is given. 1": [
            ("20.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive")],
    })


def test_a_concept_in_a_condition_after_the_figure_is_no_object_of_it() -> None:
    """fresh-ad's audits: "an ACR of 70 mg/mmol or more, unless it is known to be caused by diabetes" and "…, whether
    or not they have hypertension" made diabetes and hypertension the threshold's object; a concept in a condition
    written after the figure ("whether" opens one too) is no object of it (method 92). A dose's condition may still
    name what it is for."""
    _assert_roles({
        "Women have a urine albumin-to-creatinine ratio of 70 mg/mmol or more, whether or not they have "
        "hypertension. 1": [("70.0", "urine-albumin-creatinine-ratio", "urine-albumin-creatinine-ratio",
                              "urine-albumin-creatinine-ratio", "positive")],  # hypertension was the object
        "Tamoxifen 20 mg is given until recurrence in women with DCIS. 1": [
            ("20.0", "drugbank-db00675", "recurrence", None, "positive")],
    })


def test_a_hedge_in_a_relative_clause_closed_before_the_figure_is_not_the_figures() -> None:
    """fresh-ad's audits: "… increased to the highest licensed dose that the person can tolerate, for example ramipril
    started at 1.25 to 2.5 mg once daily and increased to 10 mg" hedged both doses with "can"; a clause opened by
    "that" or "which" and closed by a comma before the figure keeps its modal (method 94). A clause on people may run
    on into the sentence's own verb: its "may" still hedges."""
    _assert_hedges({
        "Tamoxifen should be increased to the highest dose that the woman can tolerate, for example 10 mg once "
        "daily. 1": [("10.0", None)],
        "Tamoxifen, which may reduce recurrence, is given at 20 mg. 1": [("20.0", None)],
        "Women who may benefit should receive tamoxifen 20 mg. 1": [("20.0", "may")],
    })  # fmt: skip


def _bullet_claims(lead_in: str, bullet: str):  # type: ignore[no-untyped-def]
    """The roles of the extracted claims of `bullet`, put in the seed as the one bullet of the lead-in `lead_in`."""
    old = ("Mammography is the primary and most reliable tool for detecting breast microcalcifications, with "
           "sensitivity superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection). 1")
    source = SEED.read_text(encoding="utf-8")
    article = parse_article(SEED, source.replace(old, f"{lead_in}\n\n  \u2022 {bullet} 1\n"))
    graph = extracted_graph(article, DEFAULT_BASE_IRI, default_linker().for_article(article), ())
    return _roles(graph, list(graph.subjects(RDFS.label, Literal(bullet, lang="en"))))


def test_an_amount_a_bullet_of_advice_states_measures_nothing_its_lead_in_names() -> None:
    """fresh-ad's and fresh-ae's audits: "Adults with CKD are usually advised to: • keep salt intake below 5 g a day"
    measured chronic kidney disease, and "Adults with type 2 diabetes are usually advised to: • do at least 150
    minutes of … physical activity a week" type 2 diabetes; a lead-in holding a word of advice_lead_ins introduces
    what to do, not figures on its concepts (method 95). A lead-in that defines or lists keeps its concept."""
    advice = _bullet_claims("Women with DCIS are usually advised to:", "walk for at least 150 minutes a week")
    assert advice == [("150.0", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", None, "positive")]
    listed = _bullet_claims("Features of DCIS on mammography include:", "calcifications in 90% of cases")
    assert [row[3] for row in listed] == ["ductal-carcinoma-in-situ"]


def test_a_time_measures_a_concept_only_as_its_duration() -> None:
    """Method 103, from fresh-ag's claim audit ("The lotion is rubbed into dry hair …, left on for at least 8 hours"
    measured HPO's Dry hair) and a reading of the 322 time claims of the 82 articles: a follow-up, a course, an
    interval, an age or a time to act measures nothing of its sentence; a word of data/claim-cues.json duration_cues
    before it ("lasts about", "continues beyond") or right after it ("of less than 2 weeks' duration") makes it the
    concept's duration, a bounded count's window keeps the count's outcome ("2 or more DCIS in 6 months",
    test_a_concept_named_for_a_later_result_is_not_what_an_earlier_figure_measures), and a time written with a
    patient characteristic is its value ("before the age of 50 years", test_a_concept_inside_another_figures_bound…)."""
    dcis = "ductal-carcinoma-in-situ"
    _assert_roles({
        "Over a median of 16 months, DCIS occurred in 19.4% of women. 1": [
            ("16.0", dcis, dcis, None, "positive"), ("19.4", dcis, dcis, dcis, "positive")],
        "DCIS usually lasts about 3 days. 1": [("3.0", dcis, dcis, dcis, "positive")],
        "If DCIS continues beyond 4 weeks, women are reassessed. 1": [("4.0", dcis, dcis, dcis, "positive")],
        "Women with DCIS of less than 2 weeks' duration were studied. 1": [("2.0", dcis, dcis, dcis, "positive")],
        "Women with DCIS aged over 65 years are recalled. 1": [("65.0", dcis, dcis, None, "positive")],
        # method 106: a count of the days a concept names; a duration word up to six words before the time
        "The number of DCIS days fell by 3.2 days with mammography. 1": [
            ("3.2", "mammography", dcis, dcis, "positive")],
        "In DCIS, mammography shortened the hospital stay, to a mean of 5.4 days. 1": [
            ("5.4", "mammography", "hospital-admission", "hospital-admission", "positive")],
    })  # fmt: skip


def test_a_negation_describing_the_group_compared_with_or_written_in_an_opening_phrase_negates_no_figure() -> None:
    """Method 104, from fresh-ah's claim audit: "… a hazard ratio of 4.30 (95% CI 2.97 to 6.20) … compared with men
    carrying neither variant" was negative (the negation describes the group compared with: a word of negation up to
    three words after a comparison opener), and "Of 256 people … followed for 1 year, 186 (72.7%) did not need an
    operation" made the 256 and the year negative ("of" opens an opening phrase, data/claim-cues.json
    clause_openers); the 72.7% keeps its negation."""
    dcis = "ductal-carcinoma-in-situ"
    _assert_roles({
        "In the trial, DCIS had a hazard ratio of 4.30 (95% CI 2.97 to 6.20) compared with women carrying neither "
        "variant. 1": [("4.3", dcis, dcis, dcis, "positive"), ("None", dcis, dcis, dcis, "positive")],
        "Of 256 women with DCIS who were followed for 1 year, 186 (72.7%) did not need mammography. 1": [
            ("1.0", dcis, "mammography", None, "positive"), ("256.0", dcis, "mammography", None, "positive"),
            ("72.7", dcis, "mammography", None, "negative")],
    })  # fmt: skip


def test_the_second_term_of_a_comparative_or_a_later_items_arm_is_no_subject() -> None:
    """Method 108, from fresh-ai's claim audit: "Capsular release was better than physiotherapy by 3.06 points" gave
    the 3.06 to physiotherapy (capsular release is no concept of the vocabulary), and "40.3 after arthroscopic capsular
    release, 38.3 after manipulation … and 37.2 after early structured physiotherapy" gave physiotherapy all three.
    With no concept of its own, the figure is read under the article's question and the other term is its object; a
    count keeps what is named after a later count ("7 trials with 895 women found that mammography …")."""
    topic = "breast-microcalcification"
    _assert_roles({
        "Capsular release was better than ultrasound by 3.06 points at 1 year. 1": [
            ("3.06", topic, "ultrasound", None, "positive")],
        "At 12 months, the mean score was 40.3 after capsular release, 38.3 after manipulation and 37.2 after "
        "ultrasound. 1": [("37.2", "ultrasound", "ultrasound", None, "positive"),
                          ("38.3", topic, "ultrasound", None, "positive"),
                          ("40.3", topic, "ultrasound", None, "positive")],
        "Mammography was better than ultrasound by 3.06 points at 1 year. 1": [
            ("3.06", "mammography", "ultrasound", None, "positive")],
        "A review of 7 trials with 895 women found that mammography detected DCIS. 1": [
            ("7.0", "mammography", "ductal-carcinoma-in-situ", None, "positive"),
            ("895.0", "mammography", "ductal-carcinoma-in-situ", None, "positive")],
    })  # fmt: skip


def test_a_concept_after_the_figure_past_a_comma_is_its_object_only_when_no_other_is_nearer() -> None:
    """Method 120: "age ≥80 years, weight ≤60 kg, serum creatinine ≥133 µmol/L" gave the 80 years and the 60 kg the
    next item's creatinine as object (and the 60 kg its outcome); a comparator after ", compared with" stays one."""
    _assert_roles({
        "apixaban 5 mg b.d., reduced to 2.5 mg b.d. if at least two of the following apply: age ≥80 years, weight "
        "≤60 kg, serum creatinine ≥133 µmol/L (1.5 mg/dL) 1": [
            ("1.5", "age", "creatinine", "creatinine", "positive"),
            ("133.0", "creatinine", "age", "creatinine", "positive"),
            ("2.5", "drugbank-db06605", "drugbank-db06605", None, "positive"),
            ("5.0", "drugbank-db06605", "drugbank-db06605", None, "positive"),
            ("60.0", "age", "drugbank-db06605", None, "positive"),
            ("80.0", "age", "drugbank-db06605", None, "positive")],
        "Pegloticase lowered urate to < 6 mg/dL in 42% of patients, compared with none given placebo. 1": [
            ("42.0", "drugbank-db09208", "placebo", None, "positive"),
            ("6.0", "drugbank-db09208", "placebo", None, "positive")],
    })


def test_a_concept_given_as_an_example_after_the_figure_is_not_its_object() -> None:
    """Method 122 (fresh-ak's audit): "a 30% to 40% risk of developmental disorders, including autism" measured autism,
    "at least 60%, for example because of an abnormal EEG" an EEG abnormality."""
    _assert_roles({
        "Children exposed to valproate in the womb also have a 30% to 40% risk of developmental disorders, including "
        "autism and lower IQ. 1": [("None", "drugbank-db00313", "drugbank-db00313", None, "positive")],
        "It is diagnosed after a single unprovoked seizure when the chance of another over the next 10 years is at "
        "least 60%, for example because of an abnormal EEG or a brain lesion on a scan. 1": [
            ("10.0", "hp-0001250", "hp-0001250", None, "positive"),
            ("60.0", "hp-0001250", "hp-0001250", "hp-0001250", "positive")],
    })


def test_a_concept_after_in_names_the_group_the_subject_is_measured_in() -> None:
    """Method 123 (fresh-ak's audit): "the cumulative risk of colorectal cancer in ulcerative colitis is 2%" measured
    ulcerative colitis."""
    _assert_roles({
        "A meta-analysis estimated that the cumulative risk of colorectal cancer in ulcerative colitis is 2% after 10 "
        "years. 1": [("10.0", "doid-9256", "doid-8577", None, "positive"),
                     ("2.0", "doid-9256", "doid-8577", "doid-9256", "positive")],
        "The risk of stroke in atrial fibrillation is 5% a year. 1": [
            ("5.0", "doid-0051061", "doid-0060224", "doid-0051061", "positive")],
    })


def test_a_reason_that_opens_the_sentence_names_no_subject() -> None:
    """Method 124 (the second fresh-ak audit): "Because of safety findings in rheumatoid arthritis, JAK inhibitors such
    as tofacitinib are used with caution in people aged 65 years or older" gave the age to rheumatoid arthritis."""
    _assert_roles({
        "Because of safety findings in rheumatoid arthritis, JAK inhibitors such as tofacitinib are used with caution "
        "in people aged 65 years or older. 1": [("65.0", "drugbank-db08895", "doid-7148", None, "positive")],
        "Because of the risk of angioedema, an ACE inhibitor must be stopped at least 36 hours before "
        "sacubitril-valsartan is started. 1": [("36.0", "ace-inhibitor", "drugbank-db09292", None, "positive")],
    })


def test_an_arm_may_have_one_word_before_its_concept() -> None:
    """Method 125: "68% with IM diclofenac, 66% with IV paracetamol and 54% with IV morphine" gave every rate to pain,
    the drugs only its objects; "8% of those who continued medical treatment" was the surgery arm's."""
    _assert_roles({
        "In a trial of 1,645 adults with renal colic in Qatar, a ≥ 50% fall in pain at 30 minutes occurred in 68% with "
        "IM diclofenac, 66% with IV paracetamol and 54% with IV morphine. 1": [
            ("1645.0", "hp-0012531", "drugbank-db00586", None, "positive"),
            ("50.0", "hp-0012531", "drugbank-db00586", None, "positive"),
            ("54.0", "drugbank-db00295", "hp-0012531", "hp-0012531", "positive"),
            ("66.0", "drugbank-db00316", "hp-0012531", "hp-0012531", "positive"),
            ("68.0", "drugbank-db00586", "hp-0012531", "hp-0012531", "positive")],
    })


def test_a_negation_that_bounds_when_something_begins_negates_no_time_after_it() -> None:
    """Method 133 (fresh-al's audit): "it is not started until at least 24 hours after the last drink" made the 24
    hours negative, the opposite of the sentence. A negation followed within three words by "until" says when
    something begins: the time after it is positive, with a note; a plain negation still negates its figure."""
    from seed import seed_claims_with

    graph, claims = seed_claims_with("Mammography is not repeated until at least 6 months after surgery for DCIS. 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.polarity))) for c in claims] == [("6.0", "positive")]
    assert str(graph.value(claims[0], CK.polarityNote)).startswith("Extracted as positive: “not … until” says when")
    graph, claims = seed_claims_with("Mammography is not repeated for 6 months after surgery for DCIS. 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.polarity))) for c in claims] == [("6.0", "negative")]


def test_an_example_set_off_by_a_comma_neither_hedges_nor_names_a_figure_outside_it() -> None:
    """Method 141 (fresh-am's audit): ", most often dry mouth," hedged both rates "often", and the placebo rate
    measured dry mouth; "…, most often ultrasound" made ultrasound the object of a share it is only an example for. A
    word of example_openers after a comma opens an example: its hedge word and its concepts are no figure's outside
    it; "most often" that is not set off still hedges."""
    _assert_roles({
        "In one trial, 13% of people taking tamoxifen stopped it because of side effects, most often dry mouth, "
        "compared with 9% of those taking placebo. 1": [
            ("13.0", "drugbank-db00675", "adverse-event", "adverse-event", "positive"),
            ("9.0", "placebo", "adverse-event", "adverse-event", "positive")],
        "About 15% of women have DCIS found by another test, most often ultrasound. 1": [
            ("15.0", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "positive")],
    })
    _assert_hedges({
        "In one trial, 13% of people taking tamoxifen stopped it because of side effects, most often dry mouth, "
        "compared with 9% of those taking placebo. 1": [("13.0", None), ("9.0", None)],
        "The tamoxifen dose is most often 20 mg. 1": [("20.0", "often")],
    })


@pytest.mark.parametrize(("text", "expected"), [
    ("Fatigue affects about 3 in 4 people with DCIS. 1", [("0.75", None, "people with DCIS")]),
    ("About 1 in 3 women with DCIS have calcifications on mammography. 1",
     [("0.3333", "calcification", "women with DCIS")]),
    # a percentage's group is read as before; a ratio with no group after it has none
    ("Fatigue affects about 75% of people with DCIS. 1", [("75.0", None, "people with DCIS")]),
    ("DCIS is found in about 1 in 4 biopsies. 1", [("0.25", None, None)]),
    # method 145: "at", "each" and "every" end a population's phrase, so a time or place after it leaves it plain
    ("Depression affects about half of people with DCIS at some point in their life. 1",
     [("0.5", None, "people with DCIS")]),
    ("A relapse affects about 1 in 1,000 women with DCIS each year. 1", [("0.001", "relapse", "women with DCIS")]),
])
def test_the_group_a_natural_frequency_counts_in_is_its_population(
        text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    """Method 143 (fresh-an's audit): "Fatigue affects about 3 in 4 people with multiple sclerosis" measured multiple
    sclerosis, the group the ratio counts in, because only a preposition opened a population ("75% of people with");
    a group and "with" written right after a natural frequency is its population, so the group's condition is no
    outcome."""
    graph, claims = seed_claims_with(text)
    found = sorted((str(graph.value(c, CK.value)),
                    None if (o := graph.value(c, CK.outcome)) is None else str(o).rsplit("/", 1)[-1],
                    None if (p := graph.value(c, CK.populationText)) is None else str(p)) for c in claims)
    assert found == expected


def test_a_condition_a_group_has_none_of_names_no_role() -> None:
    """Method 144 (fresh-an's audit): "In the ENDURANCE-1 trial of 703 people with genotype 1 infection and no
    cirrhosis, …" made cirrhosis the subject or object of all five figures. "and no" joins the exclusions: a concept
    right after it is a condition the group lacks, no subject, object or outcome."""
    graph, claims = seed_claims_with("In a trial of 703 women with DCIS and no calcifications, 8 weeks of tamoxifen "
                                     "cured 91%. 1")
    assert sorted(_roles(graph, claims)) == [
        ("703.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
        ("8.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive"),
        ("91.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "cure", "positive")]  # "cured": method 146


def test_cured_names_the_cure_a_share_measures() -> None:
    """Method 146 (fresh-an's audit: six cure rates measured nothing though their sentence says "cured"): "cured"
    is a label of the core measure cure, so "tamoxifen cured 95%" measures it; a course written with it does not."""
    graph, claims = seed_claims_with("In the trial, 8 weeks of tamoxifen cured 95% of women with DCIS. 1")
    assert sorted(_roles(graph, claims)) == [
        ("8.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive"),
        ("95.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "cure", "positive")]


def _measured(graph, claims):  # type: ignore[no-untyped-def]
    """Each claim's value (or range), outcome concept and outcome in words."""
    def shown(term):  # type: ignore[no-untyped-def]
        return None if term is None else str(term).rsplit("/", 1)[-1]

    return sorted((str(graph.value(c, CK.value) or f"{graph.value(c, CK.minValue)}-{graph.value(c, CK.maxValue)}"),
                   shown(graph.value(c, CK.outcome)), shown(graph.value(c, CK.outcomeText))) for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    # the measure before the change's verb brought the change about; the estimate and interval in the brackets
    # opened right after the figure are of the same change
    ("In a cohort of women with DCIS, cure lowered the risk of invasive breast cancer by 40% (hazard ratio 0.60, "
     "95% CI 0.50 to 0.72). 1",
     [("0.5-0.72", None, "risk of invasive breast cancer"), ("0.6", None, "risk of invasive breast cancer"),
      ("40.0", None, "risk of invasive breast cancer")]),
    # a measure the change names is what it measures, as before
    ("Tamoxifen lowered mortality by 20% in women with DCIS. 1", [("20.0", "mortality", None)]),
    ("In women with DCIS, mortality was lowered by 20% with tamoxifen. 1", [("20.0", "mortality", None)]),
])
def test_what_brings_a_change_about_is_not_what_its_figure_measures(
        text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    """Method 147 (fresh-an's audit): "cure lowered the risk of liver cancer by 72% (hazard ratio 0.28, 95% CI 0.22
    to 0.36)" measured cure by all three figures, the measure written nearest before them. A measure written before
    the verb of a change the figure is by or to is what brings the change about; the figure measures what the change
    names, and so do the figures in brackets opened right after it."""
    graph, claims = seed_claims_with(text)
    assert _measured(graph, claims) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # each estimate is of the concept its brackets open right after: its object and outcome; the subject is no
    # concept another estimate is of (here the article title's)
    ("The same meta-analysis found higher odds of invasive breast cancer (odds ratio 3.47, 95% CI 1.95 to 6.17) "
     "and of DCIS recurrence (odds ratio 1.75, 95% CI 1.16 to 2.62). 1",
     [("1.16-2.62", "breast-microcalcification", "recurrent-dcis", "recurrent-dcis"),
      ("1.75", "breast-microcalcification", "recurrent-dcis", "recurrent-dcis"),
      ("1.95-6.17", "breast-microcalcification", "invasive-breast-cancer", "invasive-breast-cancer"),
      ("3.47", "breast-microcalcification", "invasive-breast-cancer", "invasive-breast-cancer")]),
    ("Radiotherapy reduced both invasive breast cancer (relative risk 0.59) and DCIS recurrence (relative risk "
     "0.51). 1",
     [("0.51", "radiotherapy", "recurrent-dcis", "recurrent-dcis"),
      ("0.59", "radiotherapy", "invasive-breast-cancer", "invasive-breast-cancer")]),
    # brackets after an arm, or after the group the estimate holds for, are left to the other rules
    ("Tamoxifen reduced mortality by 78% in women with DCIS (relative risk 0.22). 1",
     [("0.22", "drugbank-db00675", "ductal-carcinoma-in-situ", "mortality"),
      ("78.0", "drugbank-db00675", "ductal-carcinoma-in-situ", "mortality")]),
])
def test_an_estimate_in_brackets_right_after_a_concept_is_of_that_concept(
        text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    """Method 149 (fresh-ao's audit): "higher odds of pre-eclampsia (odds ratio 3.47, …) and of preterm birth (odds
    ratio 1.75, …)" gave all four figures pre-eclampsia as subject and preterm birth as object and outcome, so the
    3.47 read as the odds of preterm birth."""
    graph, claims = seed_claims_with(text)

    def shown(term):  # type: ignore[no-untyped-def]
        return None if term is None else str(term).rsplit("/", 1)[-1]

    found = sorted((str(graph.value(c, CK.value) or f"{graph.value(c, CK.minValue)}-{graph.value(c, CK.maxValue)}"),
                    shown(graph.value(c, CK.subject)), shown(graph.value(c, CK.object)), shown(graph.value(c, CK.outcome)))
                   for c in claims)
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # each drug's own course, the first written with a combination partner no vocabulary knows
    ("Most women with DCIS are treated with tamoxifen-velpatasvir for 12 weeks or anastrozole for 8 weeks. 1",
     [("12.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive"),
      ("8.0", "ductal-carcinoma-in-situ", "drugbank-db01217", None, "positive")]),
    # a list's last item: the trial's length, every arm's, not placebo's own course
    ("In the trial, 300 women with DCIS were randomised to tamoxifen, anastrozole or placebo for 16 weeks. 1",
     [("16.0", "ductal-carcinoma-in-situ", "placebo", None, "positive"),
      ("300.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive")]),
])
def test_a_duration_after_a_drug_and_for_is_that_drugs_course(
        text: str, expected: list[tuple[str, str | None, str | None, str | None, str]]) -> None:
    """Method 150 (fresh-an's audits): "sofosbuvir-velpatasvir for 12 weeks or glecaprevir-pibrentasvir for 8 weeks"
    gave the 12 weeks to glecaprevir-pibrentasvir, the concept nearest the figure. A drug written right before "for"
    (course_links_before) and a duration is what the duration is a course of, unless it is a list's last item."""
    graph, claims = seed_claims_with(text)
    assert _roles(graph, claims) == expected


def test_an_age_word_is_no_measure_of_a_figure_that_cannot_be_an_age() -> None:
    """Method 151 (fresh-ao's audit: "PCOS affected 10% of women of reproductive age" measured age, and so did 24
    shares, natural frequencies and multiples of the question-set articles, "three times more common in women …
    between the ages of 40 and 60 years" among them): a concept written as an age word (population_age_words) describes
    the group; it is the outcome only of a figure that can be an age, a time or a bare number."""
    _assert_roles({
        "DCIS affects about 10% of women of reproductive age. 1": [
            ("10.0", "ductal-carcinoma-in-situ", "age", None, "positive")],
        "Screening is offered from the age of 50. 1": [("50.0", "age", "age", "age", "positive")],
    })


def test_a_drug_someone_cannot_take_or_that_failed_is_no_role() -> None:
    """Method 152 (fresh-ao's audit: famotidine's "20 mg twice a day … for people who cannot take proton pump
    inhibitors" had the proton pump inhibitor as object, and "78 people with heartburn that did not respond to proton
    pump inhibitors" too): "cannot take", "could not tolerate", "did not respond to" and their kin join the
    exclusions, so the drug after them is a condition the group has, no subject, object or outcome."""
    _assert_roles({
        "Anastrozole 1 mg a day is kept for those who cannot take tamoxifen. 1": [
            ("1.0", "drugbank-db01217", "drugbank-db01217", None, "positive")],
        "In 78 women with DCIS that did not respond to tamoxifen, radiotherapy succeeded in 67%. 1": [
            ("67.0", "radiotherapy", "ductal-carcinoma-in-situ", None, "positive"),
            ("78.0", "ductal-carcinoma-in-situ", "radiotherapy", None, "positive")],
    })


def test_those_who_had_a_procedure_are_its_arm() -> None:
    """Method 155 (fresh-ao's audits: LOTUS's "85% of those who had laparoscopic surgery (95% CI 81% to 90%)" was
    given to esomeprazole, the arm named before it): "who had", "who underwent" and "undergoing" join the arm
    participles, so the surgery is the 85%'s arm."""
    _assert_roles({
        "In the trial of 554 women with DCIS, 92% of those taking tamoxifen and 85% of those who had surgery were "
        "still in remission after 5 years (p=0.048). 1": [
            ("5.0", "drugbank-db00675", "surgery", None, "positive"),
            ("554.0", "ductal-carcinoma-in-situ", "drugbank-db00675", None, "positive"),
            ("85.0", "surgery", "ductal-carcinoma-in-situ", None, "positive"),
            ("92.0", "drugbank-db00675", "ductal-carcinoma-in-situ", None, "positive")]})
