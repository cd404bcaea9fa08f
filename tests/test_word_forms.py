"""A question word's other forms: its other number (data/irregular-plurals.tsv: "my child" also finds "children")
and, for an everyday word no article uses, the clinical words of data/lay-words.tsv ("jabs" finds "injections")."""

from __future__ import annotations

from pathlib import Path

import pytest

from calckg.errors import InputError
from calckg.index_terms import stem_words
from calckg.question_kinds import irregular_plurals, lay_words
from calckg.question_units import question_units
from calckg.text_index import StatementRow, build_index

EAR = "https://x/ear"


def test_each_shipped_pair_is_one_the_stemmer_keeps_apart() -> None:
    """A pair porter brings together ("ovary", "ovaries") needs no entry; every entry is read both ways."""
    plurals = irregular_plurals()
    singulars = sorted(word for word, other in plurals.items() if plurals[other] == word and word < other)
    assert len(plurals) == 80 and plurals["child"] == "children" and plurals["children"] == "child"
    assert all(a != b for a, b in zip(stem_words(sorted(plurals)), stem_words([plurals[w] for w in sorted(plurals)]),
                                      strict=True)), singulars


def test_a_word_also_carries_its_other_number_when_an_article_uses_it() -> None:
    index = build_index({EAR: "When do children with ear infections need antibiotics?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Most children improve within 3 days.")])
    units = {u.label: u.forms for u in question_units("Will my child improve?", index)[1]}
    assert units["child"] == ("children",)
    assert units["improve"] == ("impro*",)  # no other number (a regular form is porter's business): its prefix only
    assert {u.label: u.forms for u in question_units("Is a woman different?", index)[1]}["woman"] == ()  # unused


@pytest.mark.parametrize("line", ["child\tchild", "child", "child\tchil dren", "3\tthree"])
def test_a_bad_plural_line_is_an_input_error_naming_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "plurals.tsv"
    path.write_text(f"# note\nman\tmen\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plurals.tsv:3: expected SINGULAR<TAB>PLURAL"):
        irregular_plurals(path)


def test_a_missing_plurals_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the irregular plurals"):
        irregular_plurals(tmp_path / "absent.tsv")


def test_an_everyday_word_no_article_uses_carries_the_clinical_words_an_article_uses() -> None:
    index = build_index({EAR: "How is migraine prevented?"}, [
        StatementRow(EAR, f"{EAR}/s/1", 3, "Botulinum toxin injections reduce headache days in chronic migraine."),
        StatementRow(EAR, f"{EAR}/s/2", 4, "Kidney (renal) function is checked before starting.")])
    forms = {u.label: u.forms for u in question_units("Do Botox jabs help my kidney or my tummy?", index)[1]}
    assert forms["jabs"] == ("injections",)  # "injection" and "vaccine" are the entry's; only one is written
    assert forms["kidney"] == ("kidne*",)  # written as asked: its prefix only, no "renal"
    assert forms["tummy"] == ()  # "abdominal" is written by no article
    assert lay_words()["baby"] == ("infant", "newborn", "neonatal")


@pytest.mark.parametrize("line", ["drip\tdrip", "drip", "blood thinner\tanticoagulant", "3\tthree"])
def test_a_bad_everyday_word_line_is_an_input_error_naming_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "lay.tsv"
    path.write_text(f"# note\njab\tinjection\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lay.tsv:3: expected EVERYDAY<TAB>CLINICAL"):
        lay_words(path)


def test_a_missing_everyday_words_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the everyday words"):
        lay_words(tmp_path / "absent.tsv")
