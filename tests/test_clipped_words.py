"""Clipped words of a question read as the word the articles write in the same frame (calckg.clipped_words)."""

from __future__ import annotations

import pytest

from calckg.clipped_words import clipped_completions
from calckg.question_kinds import kind_table
from calckg.question_units import question_units
from calckg.text_index import StatementRow, TextIndex, build_index

STOP = kind_table().stop_words
GUT = "https://x/gut"
SKIN = "https://x/skin"
ROWS = [
    StatementRow(GUT, f"{GUT}/s/1", 3, "C. difficile infection is treated with oral vancomycin for 10 days."),
    StatementRow(GUT, f"{GUT}/s/2", 4, "Recurrent Clostridioides difficile infection is common."),
    StatementRow(SKIN, f"{SKIN}/s/1", 3, "Staphylococcus aureus causes most abscesses."),
    StatementRow(SKIN, f"{SKIN}/s/2", 4, "The difference between the groups was small."),
]


@pytest.fixture(scope="module")
def index() -> TextIndex:
    return build_index({GUT: "How is C. difficile infection treated?", SKIN: "How are abscesses treated?"}, ROWS)


def test_a_clipped_word_reads_as_the_word_written_in_the_same_frame(index: TextIndex) -> None:
    assert clipped_completions("How is C. diff treated?", STOP, index) == {"diff": "difficile"}
    assert clipped_completions("Does Staph aureus cause abscesses?", STOP, index) == {"staph": "staphylococcus"}


def test_no_frame_no_reading(index: TextIndex) -> None:
    """"diff" framed by a stop word ("the diff") or by a word the statements use but never write next to it ("oral")
    stays as asked; so does a word the articles use ("difference" is no clipping) and one shorter than three letters."""
    assert clipped_completions("What is the diff?", STOP, index) == {}
    assert clipped_completions("Is oral diff positive?", STOP, index) == {}
    assert clipped_completions("Is the difference small?", STOP, index) == {}
    assert clipped_completions("Is C. di treated?", STOP, index) == {}


def test_two_different_completions_leave_the_word_as_asked() -> None:
    one = [StatementRow(GUT, f"{GUT}/s/1", 3, "Oral vancomycin is given for 10 days.")]
    two = [*one, StatementRow(GUT, f"{GUT}/s/2", 4, "Oral vancocin capsules are given.")]
    assert clipped_completions("Is oral vanc enough?", STOP, build_index({GUT: "C. difficile?"}, one)) == {
        "vanc": "vancomycin"}
    assert clipped_completions("Is oral vanc enough?", STOP, build_index({GUT: "C. difficile?"}, two)) == {}


def test_the_completion_is_a_form_of_the_question_unit(index: TextIndex) -> None:
    _, units = question_units("How is C. diff treated?", index)
    clipped = next(u for u in units if u.label == "diff")
    assert clipped.forms[0] == "difficile"
