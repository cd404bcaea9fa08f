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


def test_a_phrase_written_once_is_no_reading_unless_the_vocabulary_has_it_as_a_term(index: TextIndex) -> None:
    assert expand_acronyms("What HR of death?", index) == "What HR of death?"  # "high risk" once, no term
    assert expand_acronyms("What TTR was recorded?", index) == "What TTR was recorded?"  # once, no term
    one = build_index({EAR: "Ear?"}, [StatementRow(EAR, f"{EAR}/s/1", 3, "Diabetic ketoacidosis can occur.")])
    assert expand_acronyms("Can DKA occur?", one) == "Can diabetic ketoacidosis occur?"  # once, a DO term


def test_acronyms_an_article_or_the_vocabulary_knows_and_common_words_stay(index: TextIndex) -> None:
    assert expand_acronyms("Is FNA used for the otitis?", index) == "Is FNA used for the otitis?"  # written
    assert expand_acronyms("Is MRI used after haemorrhage?", index) == "Is MRI used after haemorrhage?"  # a label
    assert expand_acronyms("Is it OK to wait with otitis?", index) == "Is it OK to wait with otitis?"  # a word


def test_two_phrases_written_equally_often_leave_the_acronym_as_asked(index: TextIndex) -> None:
    """"BM": "bulging membranes" and "bright mucosa"... each written once; "bulging mucosa" and "bright membranes"
    too: no single reading."""
    assert expand_acronyms("Are BM seen in otitis?", index) == "Are BM seen in otitis?"
