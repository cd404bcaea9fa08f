"""Close words of a question word (data/vocab/word-synonyms.tsv, derived from Open English WordNet): their
derivation, the shipped table, the credit a statement gets for a close word, and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calckg.answer_credits import articles_with, statement_credits, titles_naming
from calckg.answer_scoring import RELATED_CREDIT, TITLE_CREDIT
from calckg.errors import InputError
from calckg.question_units import question_units
from calckg.synonyms import close_words, word_synonyms
from calckg.synonyms_derive import DerivationError, derive, main
from calckg.text_index import StatementRow, build_index

THYROID = "https://x/thyroid"

ENTRIES = """\
danger:
  n:
    sense:
    - id: 'danger%1:26:00::'
      synset: 00000001-n
    - id: 'danger%1:26:01::'
      synset: 00000002-n
    - id: 'danger%1:15:00::'
      synset: 00000003-n
Danube:
  n:
    sense:
    - id: 'danube%1:17:00::'
      synset: 00000002-n
find:
  v:
    sense:
    - id: 'find%2:39:00::'
      synset: 00000004-v
"""
NOUNS = """\
00000001-n:
  members:
  - danger
  - risks
  partOfSpeech: n
00000002-n:
  members:
  - danger
  - peril
  - clear and present danger
  partOfSpeech: n
00000003-n:
  members:
  - danger
  - menace
  partOfSpeech: n
"""
VERBS = """\
00000004-v:
  members:
  - find
  - detect
  - Notice
  partOfSpeech: v
"""


def _oewn(folder: Path, entries: str = ENTRIES) -> Path:
    folder.mkdir()
    (folder / "entries-d.yaml").write_text(entries, encoding="utf-8")
    (folder / "noun.state.yaml").write_text(NOUNS, encoding="utf-8")
    (folder / "verb.perception.yaml").write_text(VERBS, encoding="utf-8")
    return folder


def test_derivation_keeps_the_first_two_senses_one_word_members_of_another_stem(tmp_path: Path) -> None:
    """"menace" is danger's third sense; "risks" has a stem of its own but "risk"'s entry is not read here, so it
    stays; a phrase, a capitalised member and a proper-name entry ("Danube") are no index term."""
    table, sources = derive(_oewn(tmp_path / "yaml"))
    assert table == {"danger": ["peril", "risks"], "find": ["detect"]}
    assert (sources["words"], sources["stems"], sources["pairs"]) == (2, 2, 3)
    assert sorted(sources["source"]["files"]) == ["entries-d.yaml", "noun.state.yaml", "verb.perception.yaml"]


def test_derivation_writes_byte_identical_files(tmp_path: Path) -> None:
    folder = _oewn(tmp_path / "yaml")
    for out in ("a", "b"):
        assert main(["--oewn", str(folder), "--out", str(tmp_path / out), "--commit", "abc"]) == 0
    for name in ("word-synonyms.tsv", "word-synonyms.SOURCES.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    lines = (tmp_path / "a" / "word-synonyms.tsv").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["danger\tperil risks", "find\tdetect"]
    assert json.loads((tmp_path / "a" / "word-synonyms.SOURCES.json").read_text())["source"]["commit"] == "abc"


@pytest.mark.parametrize(("entries", "message"), [
    (None, "expected OEWN's entries-*.yaml"),
    ("find:\n  v:\n    sense:\n    - id: x\n      synset: 00000009-v\n",
     "'find' names synset 00000009-v, which no synset file defines"),
    ("find:\n  v:\n    sense:\n    - id: x\n", "a sense of 'find' has no synset"),
    ("find: [1, 2]\n", "entry 'find' is not a mapping of parts of speech"),
    ("find: {v: [unclosed\n", "cannot read it as YAML"),
])
def test_bad_oewn_input_is_a_derivation_error_naming_the_file(tmp_path: Path, entries: str | None,
                                                               message: str) -> None:
    folder = tmp_path / "yaml"
    if entries is None:
        folder.mkdir()
    else:
        _oewn(folder, entries)
    with pytest.raises(DerivationError, match=re.escape(message)):
        derive(folder)
    assert main(["--oewn", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_the_shipped_table_reads_a_word_by_its_stem() -> None:
    assert close_words("find")[:6] == ("breakthrough", "bump", "chance", "detect", "determination", "discover")
    assert close_words("link") == ("associate", "colligate", "connect", "coupled", "joined", "linkup", "nexus",
                                   "relate", "tie")
    assert close_words("thyroid") == ()
    assert len(word_synonyms()) == 28018


@pytest.mark.parametrize("line", ["find", "find\tDetect", "find\tdetect  notice", "fi3d\tdetect", "find\t"])
def test_a_bad_table_line_is_an_input_error_naming_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "synonyms.tsv"
    path.write_text(f"# note\nlink\tassociate\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"synonyms.tsv:3: expected STEM<TAB>WORDS"):
        word_synonyms(path)


def test_a_statement_with_a_close_word_has_part_of_the_credit() -> None:
    """"detects" has the close word "detect" of "find"; "notice" and "discover", close words no article uses, are
    not carried."""
    index = build_index({THYROID: "How are thyroid nodules evaluated?"}, [
        StatementRow(THYROID, f"{THYROID}/s/1", 3, "Ultrasound detects thyroid nodules in 19-68% of adults."),
        StatementRow(THYROID, f"{THYROID}/s/2", 4, "Screening may find small nodules."),
        StatementRow(THYROID, f"{THYROID}/s/3", 5, "Nodules are palpable in 5% of women.")])
    units = {u.label: u for u in question_units("How often does an ultrasound scan find thyroid nodules?", index)[1]}
    assert units["find"].related == ("detect",)
    credits = statement_credits([units["find"]], index, 1)[units["find"].key]
    assert credits == {1: RELATED_CREDIT, 2: 1.0}  # the word itself: full credit


def test_a_title_naming_a_rare_close_word_is_about_the_everyday_word() -> None:
    """"hives" is "urticaria" (a close word rare as English): every statement of the article titled on urticaria is
    about it, as if its title wrote "hives" (TITLE_CREDIT), and the title counts among those naming the question's
    units; the anaphylaxis article, which writes "hives" in three statements, is about it only there. "lump" has
    "swelling" among its close words, common enough to be no clinical word: no title names the lump by it."""
    urticaria, anaphylaxis = "https://example.org/urticaria", "https://example.org/anaphylaxis"
    index = build_index({urticaria: "How is chronic urticaria treated?", anaphylaxis: "How is anaphylaxis treated?"}, [
        StatementRow(urticaria, f"{urticaria}/s/1", 3, "A second-generation antihistamine is taken every day."),
        StatementRow(urticaria, f"{urticaria}/s/2", 4, "Hives that last more than 6 weeks are chronic."),
        *(StatementRow(anaphylaxis, f"{anaphylaxis}/s/{n}", 3 + n, f"Hives appear in {n} of 4 reactions.")
          for n in (1, 2, 3)),
        StatementRow(anaphylaxis, f"{anaphylaxis}/s/4", 8, "Swelling of the lips is common.")])
    units = {u.label: u for u in question_units("Will the hives or the lump ever go away?", index)[1]}
    assert (units["hives"].related, units["hives"].clinical) == (("urticaria",), ("urticaria",))
    assert (units["lump"].related, units["lump"].clinical) == (("swelling",), ())
    article = {iri: number for number, (iri, _) in index.articles.items()}

    def credits(iri: str) -> dict[str, float]:
        named = {s.id: s.iri.removeprefix(f"{iri}/") for s in index.article_statements(article[iri])}
        return {named[s]: c for s, c in statement_credits([units["hives"]], index, article[iri])[units["hives"].key]
                .items()}

    assert credits(urticaria) == {"s/1": TITLE_CREDIT, "s/2": 1.0}
    assert credits(anaphylaxis) == {"s/1": 1.0, "s/2": 1.0, "s/3": 1.0}
    assert articles_with(units["hives"], index) == {article[urticaria], article[anaphylaxis]}
    assert titles_naming([units["hives"], units["lump"]], index) == {article[urticaria]: frozenset({"stem:hive"})}
