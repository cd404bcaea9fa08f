"""Acronyms a question writes that no article writes, read as the articles' own phrase (calckg.acronyms)."""

from __future__ import annotations

import pytest

from calckg.acronyms import expand_acronyms, long_forms
from calckg.question_kinds import kind_table
from calckg.text_index import StatementRow, TextIndex, build_index

STOP = kind_table().stop_words
ICH = "https://x/ich"
EAR = "https://x/ear"
ROWS = [
    StatementRow(ICH, f"{ICH}/s/1", 3, "Raised systolic blood pressure is common after intracerebral haemorrhage."),
    StatementRow(ICH, f"{ICH}/s/2", 4, "Lowering systolic blood pressure below 130 mmHg should be avoided."),
    StatementRow(ICH, f"{ICH}/s/3", 5, "Intracerebral haemorrhage carries a high risk of death."),
    StatementRow(ICH, f"{ICH}/s/4", 6, "In both patients the time in therapeutic range was recorded."),
    StatementRow(EAR, f"{EAR}/s/1", 3, "Acute otitis media often resolves; acute otitis media is painful."),
    StatementRow(EAR, f"{EAR}/s/2", 4, "Fine-needle aspiration (FNA) is not used. Bulging membranes and bright "
                 "mucosa, bulging mucosa and bright membranes."),
]


@pytest.fixture(scope="module")
def index() -> TextIndex:
    return build_index({ICH: "How is blood pressure managed after haemorrhage?", EAR: "When is otitis treated?"},
                       ROWS)


def test_each_letter_starts_a_word_or_follows_inside_the_word_the_letter_before_started() -> None:
    texts = [row.text for row in ROWS]
    assert long_forms("SBP", texts, STOP) == {"systolic blood pressure": 2}
    assert long_forms("ICH", texts, STOP) == {"intracerebral haemorrhage": 2}  # I-c-erebral H-aemorrhage
    assert long_forms("AOM", texts, STOP) == {"acute otitis media": 2}
    assert long_forms("TTR", texts, STOP) == {"time in therapeutic range": 1}  # one stop word between two words
    assert long_forms("CRP", ["A C-reactive protein of 10 mg/L."], STOP) == {"c-reactive protein": 1}


def test_a_stop_word_never_stands_for_a_letter() -> None:
    """"In both" and "both patients" abbreviate "IB" and "BP" only through a stop word ("in", "both")."""
    assert long_forms("IB", ["In both arms."], STOP) == {}
    assert long_forms("BP", [ROWS[3].text], STOP) == {}
    assert long_forms("BP", [row.text for row in ROWS], STOP) == {"blood pressure": 2}  # inside a longer phrase


def test_an_acronym_no_article_writes_becomes_the_phrase_its_articles_write(index: TextIndex) -> None:
    assert expand_acronyms("How low should SBP be kept after ICH?", index) == (
        "How low should systolic blood pressure be kept after intracerebral haemorrhage?")
    assert expand_acronyms("Do AOMs resolve?", index) == "Do acute otitis media resolve?"  # a plural "s" too


def test_a_reading_is_a_term_of_the_vocabulary(index: TextIndex) -> None:
    assert expand_acronyms("What HR of death?", index) == "What HR of death?"  # "high risk": no term
    assert expand_acronyms("What TTR was recorded?", index) == "What TTR was recorded?"  # no term either
    one = build_index({EAR: "Ear?"}, [StatementRow(EAR, f"{EAR}/s/1", 3, "Diabetic ketoacidosis can occur.")])
    assert expand_acronyms("Can DKA occur?", one) == "Can diabetic ketoacidosis occur?"  # once, a DO term


def test_the_articles_that_share_most_of_the_question_decide() -> None:
    """The pregnancy article shares most of the first question and spells "BMI" out as "body mass index", which is
    no vocabulary term: the acronym stays, and the breast article's "breast microcalcifications" (a term with the
    letters B, M-i) never stands in for it. The second question's best article (on criteria) writes no phrase for
    "AOM" at all, so the next one is read."""
    pregnancy, breast, criteria = "https://x/gdm", "https://x/breast", "https://x/criteria"
    rows = [StatementRow(pregnancy, f"{pregnancy}/s/1", 3, "A body mass index above 30 raises the risk in pregnancy."),
            StatementRow(pregnancy, f"{pregnancy}/s/2", 4, "Gestational diabetes is screened in pregnancy."),
            StatementRow(breast, f"{breast}/s/1", 3, "Breast microcalcifications raise the risk of cancer."),
            StatementRow(breast, f"{breast}/s/2", 4, "Breast microcalcifications in children are rare."),
            StatementRow(criteria, f"{criteria}/s/1", 3, "Diagnostic criteria need a urine test."),
            StatementRow(EAR, f"{EAR}/s/1", 3, "Acute otitis media is common in children.")]
    index = build_index({pregnancy: "Diabetes in pregnancy?", breast: "Breast?", criteria: "Criteria?",
                         EAR: "Otitis?"}, rows)
    question = "Does my BMI raise the risk of diabetes in pregnancy?"
    assert expand_acronyms(question, index) == question
    assert expand_acronyms("What are the diagnostic criteria for AOM in children?", index) == (
        "What are the diagnostic criteria for acute otitis media in children?")


def test_acronyms_an_article_or_the_vocabulary_knows_and_common_words_stay(index: TextIndex) -> None:
    assert expand_acronyms("Is FNA used for the otitis?", index) == "Is FNA used for the otitis?"  # written
    assert expand_acronyms("Is MRI used after haemorrhage?", index) == "Is MRI used after haemorrhage?"  # a label
    assert expand_acronyms("Is it OK to wait with otitis?", index) == "Is it OK to wait with otitis?"  # a word


def test_two_terms_read_alike_leave_the_acronym_as_asked() -> None:
    """"BC": "breast cancer" and "bladder cancer", each a term written once: no single reading."""
    rows = [StatementRow(EAR, f"{EAR}/s/1", 3, "Breast cancer is screened."),
            StatementRow(EAR, f"{EAR}/s/2", 4, "Bladder cancer is screened.")]
    assert expand_acronyms("Is BC screened?", build_index({EAR: "Cancer?"}, rows)) == "Is BC screened?"
    assert expand_acronyms("Is BC screened?", build_index({EAR: "Cancer?"}, rows[:1])) == (
        "Is breast cancer screened?")


def test_a_plural_and_its_singular_are_one_reading() -> None:
    """"thyroid nodules" and "thyroid nodule", each written once, were two terms read alike: no reading at all."""
    texts = ["Thyroid nodules are common.", "A thyroid nodule is assessed on ultrasound."]
    assert long_forms("TN", texts, STOP) == {"thyroid nodule": 2}
    rows = [StatementRow(EAR, f"{EAR}/s/{n}", n, text) for n, text in enumerate(texts, start=1)]
    assert expand_acronyms("Are TNs usually benign?", build_index({EAR: "Nodules?"}, rows)) == (
        "Are thyroid nodule usually benign?")


def test_an_acronym_written_only_inside_a_hyphenated_name_is_still_read_as_the_phrase() -> None:
    """"SURMOUNT-OSA" is a trial's name: the article never writes OSA on its own, so a question's "OSA" is read as the
    "obstructive sleep apnoea" it writes (it had been left as asked, and no statement but the trial's had it)."""
    osa = "https://x/osa"
    rows = [StatementRow(osa, f"{osa}/s/1", 3, "In the SAVE trial, adults with obstructive sleep apnoea used CPAP."),
            StatementRow(osa, f"{osa}/s/2", 4, "In the SURMOUNT-OSA trials, adults with obstructive sleep apnoea "
                         "were given tirzepatide.")]
    one = build_index({osa: "How is obstructive sleep apnoea treated?"}, rows)
    assert expand_acronyms("Did CPAP help OSA?", one) == "Did CPAP help obstructive sleep apnoea?"
    written = build_index({osa: "How is OSA treated?"}, rows)  # the title writes it on its own
    assert expand_acronyms("Did CPAP help OSA?", written) == "Did CPAP help OSA?"
