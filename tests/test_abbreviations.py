"""Abbreviations an article defines (Schwartz and Hearst's algorithm) and the other form a statement is found by."""

from __future__ import annotations

from calckg.abbreviations import defined_abbreviations, other_forms

TEXTS = [
    "Veno-venous extracorporeal membrane oxygenation (VV ECMO) may be considered in severe disease.",
    "Ultrasound-guided fine-needle aspiration (FNA) is the procedure of choice.",
    "Iron can be given intravenous (IV) when tablets fail; haemoglobin (Hb) should rise.",
    "A coronary artery calcium (CAC) score of zero lowers the estimate.",
    "Both approaches are described in detail (Review) and (see below).",
    "Thyroid-stimulating hormone (TSH) is measured first; later, thyroid-stimulating hormone (TSHX) again.",
]


def test_definitions_are_read_from_the_long_form_written_before_the_parentheses() -> None:
    assert defined_abbreviations(TEXTS) == {
        "VV ECMO": "Veno-venous extracorporeal membrane oxygenation",
        "FNA": "fine-needle aspiration",
        "IV": "intravenous",
        "Hb": "haemoglobin",
        "TSH": "Thyroid-stimulating hormone",
    }


def test_a_one_word_long_form_of_an_upper_case_acronym_of_three_letters_is_refused() -> None:
    """"calcium (CAC)": the letters C, A, C are all in "calcium", but the acronym stands for three words."""
    assert "CAC" not in defined_abbreviations(TEXTS[3:4])


def test_the_first_definition_wins_and_words_without_a_capital_are_no_abbreviation() -> None:
    assert defined_abbreviations(["lowering (mildly) helps", "a long course (ASA) of aspirin"]) == {}  # no A-S-A
    assert defined_abbreviations(["aspirin (ASA) and then acetylsalicylic acid (ASA)"]) == {
        "ASA": "acetylsalicylic acid"}  # "aspirin" does not hold A, S, A in order: the second one defines it
    assert defined_abbreviations(["Acetylsalicylic acid (ASA) first", "aspirin sodium acetate (ASA) later"]) == {
        "ASA": "Acetylsalicylic acid"}


def test_a_statement_gets_the_other_form_of_what_it_writes() -> None:
    defined = defined_abbreviations(TEXTS)
    assert other_forms("FNA of a 1 cm nodule", defined) == ["fine-needle aspiration"]
    assert other_forms("Fine-needle aspiration is safe under VV ECMO.", defined) == [
        "FNA", "Veno-venous extracorporeal membrane oxygenation"]
    assert other_forms("FNAC and pre-FNA checks", defined) == []  # a form inside another word is not written
