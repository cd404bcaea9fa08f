"""A question word's other forms: its other number (data/irregular-plurals.tsv: "my child" also finds "children")
and, for an everyday word no article uses, the clinical words of data/lay-words.tsv ("jabs" finds "injections")."""

from __future__ import annotations

from pathlib import Path

import pytest

from calckg.errors import InputError
from calckg.index_terms import stem_words
from calckg.question_kinds import irregular_plurals, lay_phrases, lay_words
from calckg.question_units import question_units
from calckg.text_index import StatementRow, build_index

EAR = "https://x/ear"


def test_each_shipped_pair_is_one_the_stemmer_keeps_apart() -> None:
    """A pair porter brings together ("ovary", "ovaries") needs no entry; every entry is read both ways."""
    plurals = irregular_plurals()
    singulars = sorted(word for word, other in plurals.items() if plurals[other] == word and word < other)
    assert len(plurals) == 66 and plurals["child"] == "children" and plurals["children"] == "child"
    assert all(a != b for a, b in zip(stem_words(sorted(plurals)), stem_words([plurals[w] for w in sorted(plurals)]),
                                      strict=True)), singulars


def test_a_word_also_carries_its_other_number_when_an_article_uses_it() -> None:
    index = build_index({EAR: "When do children with ear infections need antibiotics?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Most children improve within 3 days.")])
    units = {u.label: u.forms for u in question_units("Will my child improve?", index)[1]}
    assert units["child"] == ("children",)
    assert units["improve"] == ("impro*",)  # no other number (a regular form is porter's business): its prefix only
    assert {u.label: u.forms for u in question_units("Is a woman different?", index)[1]}["woman"] == ()  # unused


def test_an_everyday_word_no_article_uses_carries_the_clinical_words_an_article_uses() -> None:
    index = build_index({EAR: "How is migraine prevented?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Botulinum toxin injections reduce headache days in chronic migraine."),
        StatementRow(EAR, f"{EAR}/s/2", 4, "Kidney (renal) function is checked before starting.")])
    forms = {u.label: u.forms for u in question_units("Do Botox jabs help my kidney or my tummy?", index)[1]}
    assert forms["jabs"] == ("injections",)  # "injection" and "vaccine" are the entry's; only one is written
    assert forms["kidney"] == ("kidne*",)  # written as asked: its prefix only, no "renal"
    assert forms["tummy"] == ()  # "abdominal" is written by no article
    assert lay_words()["baby"] == ("infant", "newborn", "neonatal")


def test_an_everyday_word_some_article_uses_has_the_clinical_words_as_close_words() -> None:
    """"Can lowering blood pressure harm the kidneys?" of an article that writes "renal" where it answers and
    "kidneys" elsewhere: the statement writing "renal" has the word at RELATED_CREDIT, as a close English word
    would be (the other article's "kidneys" no longer turns the pair off); the choice of article is unchanged."""
    index = build_index({EAR: "How is migraine prevented?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Intensive lowering did not worsen renal function."),
        StatementRow(EAR, f"{EAR}/s/2", 4, "The kidneys filter the blood.")])
    units = {u.label: u for u in question_units("Can lowering harm the kidneys?", index)[1]}
    assert (units["kidneys"].forms, units["kidneys"].related) == (("kidne*",), ("renal",))
    assert units["harm"].related == ()  # a word with neither a pair nor a close word some article writes



def test_two_concepts_joined_by_or_are_alternatives() -> None:
    """data/answer-kinds.json alternative_joiners: "an ultrasound or a CT scan" offers two alternatives; "ultrasound
    than a CT scan" joins them by no word of the list."""
    index = build_index({EAR: "How is appendicitis diagnosed?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Ultrasound is the usual first test."),
        StatementRow(EAR, f"{EAR}/s/2", 4, "CT is the most accurate test.")])
    alternative = {u.label: u.alternative for u in question_units("Is an ultrasound or a CT scan better?", index)[1]}
    assert (alternative["ultrasound"], alternative["computed tomography"], alternative["better"]) == (True, True, False)
    units = question_units("Is ultrasound better than a CT scan?", index)[1]
    assert [u.alternative for u in units if u.concepts] == [False, False]


def test_deferred_finds_delayed_where_no_article_writes_deferred() -> None:
    """A pair of 2026-12-05: "What are the advantages of deferred cord clamping …?" found no article, which all
    write "delayed"; "premature" finds "preterm" the same way."""
    index = build_index({EAR: "What are the benefits of delayed umbilical cord clamping?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Delayed cord clamping reduces death in preterm infants.")])
    forms = {u.label: u.forms for u in question_units("Does deferred clamping help premature babies?", index)[1]}
    assert (forms["deferred"], forms["premature"], forms["babies"]) == (
        ("delayed",), ("preterm", "prematu*"), ("infants",))

def test_an_everyday_phrase_is_one_unit_looked_up_by_the_clinical_word_an_article_writes() -> None:
    """"high blood pressure" asks about hypertension (data/lay-phrases.tsv): one unit by the clinical word, which
    takes the place of the core concept blood pressure inside it and of its everyday words; a phrase whose clinical
    word no article writes, or its spelling ("hyperkalemia" for "hyperkalaemia"), stays as asked."""
    index = build_index({EAR: "How is hypertension treated?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Hypertension is a clinic blood pressure of 140/90 mmHg or higher."),
        StatementRow(EAR, f"{EAR}/s/2", 4, "Hyperkalemia may follow an ACE inhibitor.")])
    units = question_units("Is my High Blood Pressures a risk, and is high potassium or low sodium?", index)[1]
    assert [(u.key, u.label, u.words) for u in units] == [
        ("stem:hypertens", "high blood pressures", ("hypertension",)),
        ("stem:hyperkalemia", "high potassium", ("hyperkalemia",)),
        ("stem:risk", "risk", ("risk",)), ("stem:low", "low", ("low",)), ("stem:sodium", "sodium", ("sodium",))]
    assert lay_phrases()[("high", "blood", "pressure")] == "hypertension"


FILES = [  # the loader, a good line, the bad lines, what the message expects
    (irregular_plurals, "man\tmen", ["child\tchild", "child", "child\tchil dren", "3\tthree"],
     "SINGULAR<TAB>PLURAL", "irregular plurals"),
    (lay_words, "jab\tinjection", ["drip\tdrip", "Drip\tdrip", "drip", "blood thinner\tanticoagulant", "3\tthree"],
     "EVERYDAY<TAB>CLINICAL", "everyday words"),
    (lay_phrases, "high blood pressure\thypertension", ["blood\thypertension", "high blood pressure\thyper tension",
                                                       "high blood pressure", "high 2 pressure\thypertension"],
     "EVERYDAY PHRASE<TAB>CLINICAL", "everyday phrases"),
]


@pytest.mark.parametrize(("load", "good", "line", "expected"),
                         [(load, good, line, expected) for load, good, lines, expected, _ in FILES for line in lines])
def test_a_bad_word_pair_line_is_an_input_error_naming_the_line(  # type: ignore[no-untyped-def]
        tmp_path: Path, load, good: str, line: str, expected: str) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(f"# note\n{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"pairs.tsv:3: expected {expected}"):
        load(path)


@pytest.mark.parametrize(("load", "what"), [(load, what) for load, _, _, _, what in FILES])
def test_a_missing_word_pair_file_is_an_input_error(  # type: ignore[no-untyped-def]
        tmp_path: Path, load, what: str) -> None:
    with pytest.raises(InputError, match=f"cannot read the {what}"):
        load(tmp_path / "absent.tsv")
