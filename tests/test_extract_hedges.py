"""The hedge of an extracted figure claim (calckg.extract.hedge): the hedge nearest before the figure in its
clause, a figure's own qualifier, and what is no hedge (a comparison, a comparator, a concept's name)."""

from __future__ import annotations

import pytest

from calckg.namespaces import CK
from seed import seed_claims_with


def test_each_figure_takes_the_hedge_nearest_before_it_in_its_clause() -> None:
    """"unlikely to help if below 20 mg/L, might help if 20 to 40 mg/L and likely to help if above 40 mg/L" (one
    clause: no semicolon or colon bounds the parts): each threshold has its own hedge, not the clause's first."""
    graph, claims = seed_claims_with(
        "Mammography of microcalcifications was unlikely to help if the CRP was below 20 mg/L, might help if it "
        "was 20 to 40 mg/L and was likely to help if it was above 40 mg/L. 1")
    assert sorted((str(graph.value(c, CK.value) or graph.value(c, CK.minValue)), str(graph.value(c, CK.hedge)))
                  for c in claims) == [("20.0", "might"), ("20.0", "unlikely"), ("40.0", "likely")]


def test_how_common_a_practice_is_hedges_and_a_comparison_of_how_common_does_not() -> None:
    """"salbutamol 5 mg … is commonly used, and doses can be repeated every 15 to 30 minutes" was hedged "can";
    "more commonly assessed … (87%) than … (33%)" compares."""
    graph, claims = seed_claims_with("Mammography of microcalcifications every 6 months is commonly used, and it can be "
                                      "repeated every 12 months. 1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == [
        ("12.0", "can"), ("6.0", "commonly")]
    graph, claims = seed_claims_with("Microcalcifications are more commonly found with mammography (87%). 1")
    assert [str(graph.value(c, CK.hedge)) for c in claims] == ["None"]


@pytest.mark.parametrize(("text", "expected"), [
    # "about" is 50%'s own qualifier: the 5 years are not hedged by it (it gave both "about" in method 10)
    ("Mammography of microcalcifications reaches about 50% within 5 years. 1", [("5.0", "None"), ("50.0", "about")]),
    # the same qualifier before the first of two figures of one kind and unit hedges both
    ("Mammography finds microcalcifications in approximately 5% of women and 1% of men. 1",
     [("1.0", "approximately"), ("5.0", "approximately")]),
])
def test_another_figures_own_qualifier_hedges_only_figures_of_its_kind_and_unit(
        text: str, expected: list[tuple[str, str]]) -> None:
    graph, claims = seed_claims_with(text)
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == expected


def test_a_concepts_name_is_no_hedge() -> None:
    """"nitrofurantoin 100 mg … if the estimated glomerular filtration rate is 45 or more" was hedged "estimated"."""
    graph, claims = seed_claims_with("Mammography of microcalcifications needs an estimated glomerular filtration "
                                      "rate of at least 45 mL/min/1.73 m². 1")
    assert [(str(graph.value(c, CK.hedge)), str(graph.value(c, CK.hedgeNote))[:45]) for c in claims] == [
        ("None", "Extracted without a hedge: “estimated” is a c")]


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-q's audit: "may have slightly reduced heel pain for up to 1 month" was hedged "up to", its "may" dropped
    ("Mammography of microcalcifications can give relief for up to 3 weeks. 1", [("3.0", "can")]),
    # "up to" stays the hedge when the clause has no other one before the figure ("may" after it is another verb's)
    ("Mammography of microcalcifications for up to 20 minutes may ease the pain. 1", [("20.0", "up to")]),
    # another figure's qualifier ("about 15%") does not hedge the bound figure
    ("Microcalcifications recur in about 15% each year and in up to 50% within 5 years. 1",
     [("15.0", "about"), ("5.0", "None"), ("50.0", "up to")]),
])
def test_a_bound_hedges_only_when_its_clause_has_no_hedge_before_it(text: str, expected: list[tuple[str, str]]) -> None:
    graph, claims = seed_claims_with(text)
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-r's audit: "may lower … by about 5 to 6 mmHg" kept "about" and lost "may" (method 29)
    ("Mammography may lower recalls by about 5 to 6 mmHg. 1", [("None", "may, about")]),
    ("Mammography usually finds microcalcifications in about 50% of women. 1", [("50.0", "usually, about")]),
    # another figure's qualifier is no hedge of this one; a figure with no approximation keeps the clause's cue
    ("Mammography finds about 20% of them and may find 30% more. 1", [("20.0", "about"), ("30.0", "may")]),
])
def test_an_approximation_keeps_the_clauses_hedge_before_it(text: str, expected: list[tuple[str, str]]) -> None:
    graph, claims = seed_claims_with(text)
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == expected


def test_a_later_conjuncts_hedge_hedges_no_earlier_figure() -> None:
    """Method 33, from fresh-r's second audit: "… 140/90 mmHg or higher is confirmed …, and it is treated …, usually
    starting with an ACE inhibitor" hedged the threshold "usually"; a negation of a later conjunct already bore on no
    earlier figure."""
    graph, claims = seed_claims_with("Mammography is repeated after 7 days, and the recall is usually within 30 days. 1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == [
        ("30.0", "usually"), ("7.0", "None")]


@pytest.mark.parametrize(("text", "expected"), [
    # fresh-s's claim audit (method 35): "by only 3.7 points" and "only 80% of cases" were hedged "only"
    ("Mammography finds microcalcifications in only 80% of cases. 1", [("80.0", "None")]),
    # "only" before an approximation stays with it
    ("Mammography finds microcalcifications in only about 10% of cases. 1", [("10.0", "only about")]),
    # "almost 4 times as likely" compares two groups; "likely" hedges nothing (the relative risk is a point)
    ("Women with microcalcifications were 4 times as likely to be recalled (relative risk 3.8). 1",
     [("3.8", "None"), ("4.0", "None")]),
])
def test_a_stress_word_or_a_comparison_is_no_hedge(text: str, expected: list[tuple[str, str]]) -> None:
    graph, claims = seed_claims_with(text)
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == expected


def test_a_hedge_of_a_number_read_as_no_figure_hedges_no_other_figure() -> None:
    """Method 45, from fresh-t's second claim audit: "About two thirds of patients respond to omalizumab, and many
    improve within the first 1 to 4 weeks" hedged the 1 to 4 weeks "About"; it approximates "two thirds"."""
    graph, claims = seed_claims_with("About two thirds of women have microcalcifications, and many are found within "
                                     "the first 1 to 4 weeks. 1")
    assert [(str(graph.value(c, CK.minValue)), str(graph.value(c, CK.hedge))) for c in claims] == [("1.0", "None")]


def test_a_hedge_after_a_figure_right_before_an_unread_number_hedges_no_figure_before_it() -> None:
    """From fresh-v's claim audit: "Gabapentin enacarbil 600 mg is taken once daily at about 5 pm" hedged the 600 mg
    "about"; it approximates 5 pm, which is no figure. A hedge before the figure keeps hedging it."""
    graph, claims = seed_claims_with("Tamoxifen 20 mg is taken once daily at about 5 pm with food. 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims] == [("20.0", "None")]
    graph, claims = seed_claims_with("About 20 mg of tamoxifen is taken once daily at 5 pm with food. 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims] == [("20.0", "about")]


def test_an_approximation_after_a_figure_hedges_no_figure_before_it() -> None:
    """Method 62, from fresh-y's audit: "Each 1 mmHg reduction … was associated with about a 10% lower risk" hedged the
    1 mmHg with the 10%'s "about"; "It almost never begins before the age of 50 years, the average age at onset is
    about 73 years" the 50 years. An approximation word approximates what follows it; a modal after a figure still
    hedges its clause."""
    graph, claims = seed_claims_with(
        "Each 1 mm reduction in calcification size was associated with about a 10% lower risk of DCIS. 1")
    assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == [
        ("1.0", "None"), ("10.0", "about")]
    graph, claims = seed_claims_with("Calcifications of 1 mm may be DCIS. 1")
    assert [str(graph.value(c, CK.hedge)) for c in claims] == ["may"]


def test_a_hedge_of_a_relative_clause_after_a_figure_hedges_no_figure_before_it() -> None:
    """Method 70, from fresh-aa's audit: "finasteride 5 mg once daily …, is offered to men … who have a prostate
    estimated to be larger than 30 g" hedged the 5 mg with "estimated". A relative clause's hedge is its own; its own
    figure keeps it."""
    graph, claims = seed_claims_with(
        "Tamoxifen 20 mg is offered to women with microcalcifications who may have DCIS larger than 15 mm. 1")
    assert sorted((str(graph.value(c, CK.value) or graph.value(c, CK.minValue)), str(graph.value(c, CK.hedge)))
                  for c in claims) == [("15.0", "may"), ("20.0", "None")]


def test_most_or_many_of_a_group_hedges_its_figure() -> None:
    """Method 83, from fresh-ac's audit: "most people are diagnosed after the age of 60" lost its quantifier, so the
    claim read as everyone's. "most" or "many" and a group (data/claim-cues.json hedge: "most people", "many
    patients" …) hedge the figure of their clause; "how many" asks, it hedges nothing."""
    for text, expected in {
        "Most women with DCIS recover within 3 weeks of surgery. 1": [("3.0", "Most women")],
        "Estimates of how many women with DCIS develop invasive cancer vary, from 13.8% to 30%. 1": [("None", None)],
    }.items():  # fmt: skip
        graph, claims = seed_claims_with(text)
        assert sorted((str(graph.value(c, CK.value)), None if (h := graph.value(c, CK.hedge)) is None else str(h))
                      for c in claims) == expected, text


@pytest.mark.parametrize(("text", "hedge"), [
    # fresh-af's claims audit: "if concern about infection persists, … within 3 hours" was hedged "about"
    ("For women with DCIS, the guideline suggests a review and, if concern about recurrence persists, a biopsy "
     "within 3 weeks. 1", "suggests"),
    ("Women with DCIS should be given information about the 30% risk of recurrence. 1", None),
])
def test_about_after_a_word_of_concern_or_information_hedges_nothing(text: str, hedge: str | None) -> None:
    """data/claim-cues.json not_hedge: "concern about", "information about" … hold the preposition, no approximation."""
    graph, claims = seed_claims_with(text)
    assert [None if graph.value(c, CK.hedge) is None else str(graph.value(c, CK.hedge)) for c in claims] == [hedge]


@pytest.mark.parametrize(("text", "expected"), [
    # method 107, from the claims audit of the twelfth session's stress articles: "women who could become pregnant
    # for 3 years" was hedged "could", and "3 points if PE is the most likely diagnosis" "likely"
    ("Tamoxifen must be avoided in women with microcalcifications who could become pregnant for 3 years. 1",
     [("3.0", "None")]),
    ("Biopsy increased the proportion in whom DCIS could be excluded from 6.4% to 29.7%. 1",
     [("None", "None")]),  # a change from one value to another (method 109): no value of its own
    ("Mammography gives 3 points if DCIS is the most likely diagnosis. 1", [("3.0", "None")]),
    # "may" after "who" is still uncertainty about the group's figure (method 70's example)
    ("Tamoxifen is offered to women with microcalcifications who may have DCIS larger than 15 mm. 1",
     [("15.0", "may")]),
])
def test_what_a_group_can_do_and_a_superlative_are_no_hedge(text: str, expected: list[tuple[str, str]]) -> None:
    graph, claims = seed_claims_with(text)
    assert sorted((str(graph.value(c, CK.value) or graph.value(c, CK.maxValue)), str(graph.value(c, CK.hedge)))
                  for c in claims) == expected


def test_a_hedge_that_opens_an_aside_set_off_by_commas_hedges_only_the_aside() -> None:
    """Method 114, from the claims audit of the stress articles of 2026-12-06: "urate-lowering therapy (ULT), usually
    allopurinol started at 100 mg once daily …, is offered to people with recurrent flares, aiming for a serum urate <
    360 µmol/L" hedged the urate targets with "usually". An aside of the cue alone (", often,") still hedges what
    follows, and a bracket inside the aside closes nothing."""
    cases = {
        "Mammography, usually repeated after 6 months, is offered to women with DCIS, aiming for a recall below 10%. 1": [
            ("10.0", "None"), ("6.0", "usually")],
        "DCIS shows a raised density and, often, calcifications larger than 5 mm on mammography. 1": [("5.0", "often")],
        "DCIS is treated by excision, usually with a margin of 2 mm (20 mm in total) around the lesion. 1": [
            ("2.0", "usually"), ("20.0", "usually")],
    }
    for text, expected in cases.items():
        graph, claims = seed_claims_with(text)
        assert sorted((str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims) == expected, text


def test_a_means_of_estimating_and_a_clause_in_brackets_keep_outside_hedges_off_the_figure() -> None:
    """Method 127: "fracture risk, estimated with FRAX and a DXA T-score (osteoporosis is a T-score ≤ −2.5), usually
    starting with …" hedged the threshold "estimated", then "usually": "estimated with" names a means, and a clause
    of its own in brackets (a copula) takes no hedge from outside them. Brackets that hold no clause still do."""
    graph, claims = seed_claims_with(
        "Mammography risk is estimated with a score and a scan (calcification is a calcium above 40 mg/L), usually "
        "starting with one view. 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims] == [("40.0", "None")]
    graph, claims = seed_claims_with("Mammography may find microcalcifications (in 40% of women). 1")
    assert [(str(graph.value(c, CK.value)), str(graph.value(c, CK.hedge))) for c in claims] == [("40.0", "may")]


def test_an_item_of_a_list_of_clauses_takes_no_hedge_of_the_item_before() -> None:
    """Method 130: "< 25 pmol/L suggests deficiency, 25–70 pmol/L is indeterminate and …" hedged the band 25–70
    "suggests". A figure right after a comma that opens an item with a verb of its own, after an item with a
    figure, takes no hedge from another item; an opening phrase ("Typically, …") and items joined by "and" keep it."""
    graph, claims = seed_claims_with(
        "Mammography of microcalcifications below 25 mg/L suggests DCIS, 25 to 70 mg/L is indeterminate. 1")
    assert sorted((str(graph.value(c, CK.value) or graph.value(c, CK.minValue)), str(graph.value(c, CK.hedge)))
                  for c in claims) == [("25.0", "None"), ("25.0", "suggests")]
    graph, claims = seed_claims_with("Typically, 20% of women with microcalcifications have DCIS. 1")
    assert [str(graph.value(c, CK.hedge)) for c in claims] == ["Typically"]
