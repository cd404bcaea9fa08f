"""Which statements make an answer's passage (calckg.answer_scoring): the best statement's neighbours join at a lower
share than the others' (BEST_NEIGHBOUR), the article's summary counts part of what it covers (SUMMARY_CREDIT),
found by the index (TextIndex.summary_statements), and two sentences read one after the other answer together when
no single one covers enough (best_passage)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calckg.answer import answer
from calckg.answer_queries import QueryRunner
from calckg.answer_scoring import RankedStatement, Unit, best_passage, holding_numbers, rank_statements, select
from calckg.pipeline import BuildOptions, build
from calckg.text_index import StatementRow, build_index
from seed import SEED


def test_select_adds_the_best_statements_neighbours_at_a_lower_share() -> None:
    """The best statement's neighbours join at 0.4 of its share (BEST_NEIGHBOUR), another chosen statement's at
    0.6 (NEIGHBOUR): 5 (0.4 of 0.9 = 0.36 <= 0.4) joins beside 4; 1 (0.45) beside 2 does not."""
    ranked = [RankedStatement(4, 0.9, 1.0), RankedStatement(2, 0.8, 1.0), RankedStatement(1, 0.45, 1.0),
              RankedStatement(5, 0.4, 1.0), RankedStatement(3, 0.35, 1.0)]
    neighbours = {4: (3, 5), 2: (1,), 5: (4,), 1: (2,), 3: (4,)}
    assert select(ranked, neighbours) == [ranked[0], ranked[1], ranked[3]]


def test_a_summary_statement_counts_part_of_what_it_covers() -> None:
    """Statement 1 (the article's summary) covers the whole question, statement 2 all but a common word of it: the
    summary counts SUMMARY_CREDIT (0.6) of its share and comes second."""
    gout = Unit("c:gout", "gout", ("gout",), ("c:gout",))
    dose = Unit("stem:dose", "dose", ("dose",), (), 0.3)
    credits = {"c:gout": {1: 1.0, 2: 1.0}, "stem:dose": {1: 1.0}}
    plain = rank_statements([gout, dose], credits, 10, {})
    assert [(r.statement, r.share) for r in plain] == [(1, 1.0), (2, 0.7125)]
    summary = rank_statements([gout, dose], credits, 10, {}, frozenset({1}))
    assert [(r.statement, r.share) for r in summary] == [(2, 0.7125), (1, 0.6)]


def test_the_index_knows_each_articles_summary_statements() -> None:
    rows = [StatementRow("https://x/a", "https://x/a/section/summary/1", 3, "Gout is managed early."),
            StatementRow("https://x/a", "https://x/a/section/summary-2/1", 9, "A section headed Summary."),
            StatementRow("https://x/b", "https://x/b/section/summary/1", 3, "Another article's summary.")]
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    assert (index.summary_statements(1), index.summary_statements(2)) == ({1}, {3})


def _word(stem: str, rarity: float = 1.0) -> Unit:
    return Unit(f"stem:{stem}", stem, (stem,), (), rarity)


ECMO = Unit("c:ecmo", "ECMO", ("ecmo",), ("c:ecmo",))
TITLE = {statement: 0.9 for statement in range(1, 11)}  # the article's title names ECMO: every statement has it
NEIGHBOURS = {4: (3, 5), 5: (4, 6), 8: (7, 9)}


def test_two_sentences_read_together_answer_when_no_single_one_covers_enough() -> None:
    """Statement 4 has bleeding and transfusion, 5 (read right after it) ventilation and conventional: each covers
    less than half of the question, the two together more."""
    units = [ECMO, _word("bleeding"), _word("transfusion"), _word("ventilation"), _word("conventional"),
             _word("risk"), _word("harm")]
    credits = {"c:ecmo": TITLE, "stem:bleeding": {4: 1.0}, "stem:transfusion": {4: 1.0},
               "stem:ventilation": {5: 1.0}, "stem:conventional": {5: 1.0, 8: 1.0}}
    ranked = rank_statements(units, credits, 10, {})
    assert [(r.statement, r.share) for r in ranked[:3]] == [(4, 0.4456), (5, 0.4119), (8, 0.2807)]
    assert select(ranked, NEIGHBOURS) == []
    assert best_passage(units, credits, 10, ranked, NEIGHBOURS) == [ranked[0], ranked[1]]
    # not read one after the other under one heading: no passage
    assert best_passage(units, credits, 10, ranked, {4: (3,), 5: (6,)}) == []
    # an article whose title names nothing the question asks may be the wrong article: no passage
    named = {**credits, "c:ecmo": {statement: 1.0 for statement in range(1, 11)}}
    assert best_passage(units, named, 10, rank_statements(units, named, 10, {}), NEIGHBOURS) == []


def test_a_neighbour_that_adds_only_a_little_makes_no_passage() -> None:
    """Statement 4 covers 0.4984 of the question; statement 5 adds a common word, 0.044 of it (less than
    PASSAGE_GAIN, 0.05), which would take the two over the threshold."""
    units = [ECMO, _word("bleeding"), _word("transfusion"), _word("ventilation"), _word("usual", 0.35),
             _word("risk"), _word("harm"), _word("danger")]
    credits = {"c:ecmo": TITLE, "stem:bleeding": {4: 1.0}, "stem:transfusion": {4: 1.0},
               "stem:ventilation": {4: 1.0, 8: 1.0, 9: 1.0}, "stem:usual": {5: 1.0}}
    ranked = rank_statements(units, credits, 10, {})
    assert (ranked[0].statement, ranked[0].share, select(ranked, NEIGHBOURS)) == (4, 0.4984, [])
    assert best_passage(units, credits, 10, ranked, NEIGHBOURS) == []


@pytest.fixture(scope="module")
def ecmo_runner(tmp_path_factory: pytest.TempPathFactory) -> QueryRunner:
    """The ECMO article (illustrative, bench/blind/ecmo-cord) beside the seed."""
    sources = tmp_path_factory.mktemp("sources")
    ecmo = Path(__file__).parents[1] / "bench" / "blind" / "ecmo-cord" / "when-is-ecmo-used-in-severe-ards.txt"
    for path in (SEED, ecmo):
        shutil.copy(path, sources)
    return QueryRunner(build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None).dataset)


def test_a_question_two_sentences_answer_together_is_answered_with_both(ecmo_runner: QueryRunner) -> None:
    """Refused before ("best share 0.441 < 0.5; not covered: cause, bleeding, problems"): the anticoagulation
    sentence and the EOLIA bleeding sentence after it cover the question together; the EOLIA sentence brings the
    next of its run."""
    found = answer("Does ECMO cause more bleeding problems than usual ventilation?", ecmo_runner)
    assert found.answer == (
        "Anticoagulation, most often with unfractionated heparin, is usually given to prevent clotting in the circuit "
        "[1]. In EOLIA, bleeding leading to transfusion and severe thrombocytopenia were more frequent in the ECMO "
        "group [2]. Ischemic stroke was less frequent in the ECMO group than in the control group in EOLIA [2].")
    assert [r.number for r in found.references] == [1, 2]


def test_the_statement_after_the_best_one_joins_by_its_share_whatever_concepts_it_names() -> None:
    """Statement 2 names no concept of the question (not ranked) but covers 0.4 of the best share: read after the
    best statement (1) under its heading, it goes on with its passage; statement 3, before nothing chosen, does not
    join, and without `shares` (or with a smaller one) nothing is added."""
    ranked = [RankedStatement(1, 0.8, 0.0), RankedStatement(5, 0.3, 0.0)]
    neighbours = {1: (2,), 2: (1, 3), 3: (2,)}
    assert [r.statement for r in select(ranked, neighbours, {1: 0.8, 2: 0.33, 3: 0.6}, {1: 2, 2: 3})] == [1, 2]
    assert [r.statement for r in select(ranked, neighbours, {1: 0.8, 2: 0.31}, {1: 2, 2: 3})] == [1]
    assert [r.statement for r in select(ranked, neighbours)] == [1]


def test_the_statement_before_the_best_one_joins_by_its_share_whatever_concepts_it_names() -> None:
    """"I'm worried terbinafine will hurt my liver - how likely is that …?": the sentence before the best one under
    its heading ("Serious liver injury with terbinafine is rare, …", 4) names too few of the question's concepts to be
    ranked, but holds 0.4 of the best share: it joins, after the one read after the best (6); 3, before 4, does not."""
    ranked = [RankedStatement(5, 0.9, 0.0)]
    neighbours = {5: (4, 6), 4: (3, 5), 3: (4,)}
    shares = {5: 0.9, 4: 0.37, 6: 0.4, 3: 0.8}
    assert [r.statement for r in select(ranked, neighbours, shares, {5: 6, 4: 5})] == [5, 6, 4]
    assert [r.statement for r in select(ranked, neighbours, {5: 0.9, 4: 0.35}, {5: 6})] == [5]


def test_a_statement_without_the_questions_number_has_no_share_to_join_with() -> None:
    tr5 = Unit("stem:5", "5", ("5",), exact=True)
    risk = Unit("stem:risk", "risk", ("risk",))
    credits = {tr5.key: {1: 1.0}, risk.key: {1: 1.0, 2: 1.0}}
    assert holding_numbers([tr5, risk], credits, {1: 1.0, 2: 0.5}) == {1: 1.0}
