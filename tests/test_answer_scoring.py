"""The pure scoring of retrieval answers and the full-text index, on hand-made inputs with exact results."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from calckg.question_units import _forms, question_units
from calckg.article_choice import (
    TIED_ARTICLES,
    ArticleChoice,
    best_of_tied,
    choose_article,
    most_salient,
    names_something_specific,
    presence,
)
from calckg.answer_scoring import (
    RankedStatement,
    Unit,
    complement,
    idf,
    rank_statements,
    select,
    statement_weights,
    weights,
)
from calckg.answer_credits import titles_naming
from calckg.errors import InputError
from calckg.index_terms import stem_words
from calckg.ingest.quantities import shipped_lexicon
from calckg.question_kinds import (
    KINDS_FILE,
    content_words,
    kind_table,
    parse_kind_table,
)
from calckg.resources import data_dir
from calckg.word_files import spelling_patterns, spelling_variants
from calckg.text_index import StatementRow, build_index, index_bytes, index_from_bytes, open_index

DCIS = Unit("c:dcis", "ductal carcinoma in situ", ("DCIS",), ("c:dcis",))
SHARE = Unit("stem:share", "share", ("share",), (), 0.27)
THYROID = Unit("stem:thyroid", "thyroid", ("thyroid",), (), 0.82)
TR4 = Unit("stem:tr4", "tr4", ("TR4",), (), 1.0, True)


def test_idf_is_the_bm25_idf() -> None:
    assert idf(10, 0) == math.log(1 + 10.5 / 0.5)
    assert idf(1, 1) == math.log(1 + 0.5 / 1.5)


def test_a_question_must_name_a_concept_a_number_or_a_rare_enough_word() -> None:
    def word(rarity: float, exact: bool = False) -> Unit:
        return Unit(f"stem:{rarity}", "w", ("w",), (), rarity, exact)

    assert not names_something_specific([word(0.1), word(0.29)])
    assert names_something_specific([word(0.1), word(0.3)])
    assert names_something_specific([word(0.1), word(0.1, exact=True)])  # "TR5", "40"
    assert names_something_specific([word(0.1), DCIS])


def test_weights_scale_by_rarity() -> None:
    assert weights([DCIS, SHARE], {"c:dcis": 1}, 1) == {"c:dcis": math.log(1 + 0.5 / 1.5),
                                                        "stem:share": math.log(1 + 1.5 / 0.5) * 0.27}


def test_article_is_the_one_covering_the_rarest_units() -> None:
    found = {"c:dcis": {1, 2}, "stem:thyroid": {2}}
    assert choose_article([DCIS, THYROID], found, 2, {}) == ArticleChoice(2, 1.0, ())
    assert choose_article([DCIS, THYROID], {"c:dcis": {1}}, 2, {}) == ArticleChoice(1, 0.5495, (THYROID,))


def test_article_ties_go_to_higher_bm25_then_lower_number_and_are_reported() -> None:
    found = {"c:dcis": {1, 2, 3}, "stem:thyroid": {3}}
    assert choose_article([DCIS], found, 3, {2: 1.5, 1: 0.5}) == ArticleChoice(2, 1.0, (), (2, 1, 3))
    assert choose_article([DCIS], found, 3, {}).tied == (1, 2, 3)
    assert choose_article([DCIS, THYROID], found, 3, {}).tied == ()  # article 3 alone covers both
    assert choose_article([DCIS], {}, 2, {}) == ArticleChoice(None, 0.0, (DCIS,))
    many = choose_article([DCIS], {"c:dcis": set(range(1, 101))}, 100, {50: 2.0})
    assert many.tied == (50, 1, 2, 3) and len(many.tied) == TIED_ARTICLES  # near-copies: the first four compared
    # an article whose title names the question's units comes before bm25: it is among the four compared
    titled = choose_article([DCIS], {"c:dcis": set(range(1, 101))}, 100, {50: 2.0}, {77: frozenset({"c:dcis"})})
    assert titled.article == 77 and titled.tied == (77, 50, 1, 2)


def test_a_unit_the_title_names_counts_more_in_the_articles_coverage() -> None:
    """"What is the sensitivity of two-tier serology in … Lyme disease …?" went to the coeliac disease article, which
    writes serology, and not to the one titled on Lyme disease: a unit its title names counts TITLE_COVERAGE more."""
    found = {"c:dcis": {1}, "stem:thyroid": {2}}
    assert choose_article([DCIS, THYROID], found, 2, {}).article == 1  # DCIS weighs more than "thyroid"
    assert choose_article([DCIS, THYROID], found, 2, {}, {2: frozenset({"stem:thyroid"})}) == ArticleChoice(
        2, 0.4505, (DCIS,), (2, 1))


def test_titles_naming_counts_the_units_each_title_names() -> None:
    """"How many people have an underactive thyroid?" (hypothyroidism, many, people) names one unit of the
    hypothyroidism article's title, none of the carpal tunnel article's."""
    rows = [StatementRow(iri, f"{iri}/s/1", 3, "Hypothyroidism is common in many people.")
            for iri in ("https://x/a", "https://x/b")]
    index = build_index({"https://x/a": "How is carpal tunnel syndrome managed?",
                         "https://x/b": "How is hypothyroidism treated in adults?"}, rows)
    _, units = question_units("How many people have an underactive thyroid?", index)
    assert titles_naming(units, index) == {2: frozenset({"stem:hypothyroid"})}  # the everyday phrase, read as it


def test_an_article_covering_nearly_as_much_is_compared_statement_by_statement() -> None:
    nodule = Unit("stem:nodul", "nodule", ("nodule",), (), 1.0)
    comes = Unit("stem:come", "comes", ("comes",), (), 0.1)  # a common word one other article happens to use
    found = {"stem:nodul": {2, 8}, "stem:thyroid": {2, 8}, "stem:come": {8}}
    assert choose_article([THYROID, nodule, comes], found, 17, {}) == ArticleChoice(8, 1.0, (), (8, 2))
    rare = Unit("stem:come", "comes", ("comes",), (), 1.0)  # as rare as the topic words: article 8 alone
    assert choose_article([THYROID, nodule, rare], found, 17, {}).tied == ()


def test_articles_covering_within_the_margin_and_every_concept_of_the_best_are_compared() -> None:
    iron = Unit("stem:iron", "iron", ("iron",), (), 0.42)
    tablet = Unit("stem:tablet", "tablet", ("tablet",), (), 0.2)
    found = {"stem:iron": {8, 9}, "stem:tablet": {8}}
    assert choose_article([iron, tablet], found, 17, {}).tied == (8, 9)  # 9 covers 0.625 of what 8 covers
    rarer = replace(tablet, rarity=0.3)
    assert choose_article([iron, rarer], found, 17, {}).tied == ()  # 0.527: below SALIENCE_MARGIN
    assert choose_article([DCIS, iron, tablet], {**found, "c:dcis": {8}}, 17, {}).tied == ()  # 9 lacks the concept


@pytest.mark.parametrize(("credits", "expected"), [
    ({1: 1.0}, 0.5),  # one statement names it: in passing
    ({1: 1.0, 2: 1.0}, 0.75),
    ({1: 1.0, 2: 1.0, 3: 1.0}, 0.8),  # three statements name it: less than the article whose title names it
    ({n: 1.0 for n in range(1, 15)}, 0.8),
    ({1: 0.9, 2: 0.9, 3: 1.0}, 1.0),  # the title names it (TITLE_CREDIT for the statements that do not)
    ({}, 0.0),  # no statement has it: the article is not about it at all
])
def test_an_article_is_about_a_unit_its_title_or_several_statements_name(credits: dict[int, float],
                                                                          expected: float) -> None:
    assert presence(credits) == expected


def test_of_articles_covering_nearly_as_much_the_one_most_about_the_question_is_chosen() -> None:
    """"Which iron tablet should I take?": a levothyroxine article names "iron" and "tablet" once each (calcium and
    iron supplements), the iron article's title names iron and many statements a tablet."""
    iron = Unit("stem:iron", "iron", ("iron",), (), 0.42)
    tablet = Unit("stem:tablet", "tablet", ("tablet",), (), 0.3)
    weight = {"stem:iron": 0.7, "stem:tablet": 0.5}
    credits = {8: {"stem:iron": {4: 1.0}, "stem:tablet": {4: 1.0}},
               9: {"stem:iron": {1: 0.9, 2: 1.0}, "stem:tablet": {2: 1.0, 3: 1.0}}}
    statements = {8: RankedStatement(4, 1.0, 2.0), 9: RankedStatement(2, 1.0, 1.0)}
    assert most_salient([iron, tablet], (8, 9), weight, credits.__getitem__, statements.get) == 9
    # equally about them: the better best statement (best_of_tied), here article 8's higher bm25
    credits[9] = {"stem:iron": {2: 1.0}, "stem:tablet": {2: 1.0}}
    assert most_salient([iron, tablet], (9, 8), weight, credits.__getitem__, statements.get) == 8


def test_a_tie_goes_to_the_article_whose_best_statement_answers_best() -> None:
    best = {1: RankedStatement(10, 0.6, 2.0), 2: RankedStatement(20, 0.8, 1.0), 3: RankedStatement(30, 0.8, 3.0)}
    assert best_of_tied((1, 2, 3), best.get) == 3  # the highest share, then the higher bm25
    assert best_of_tied((1, 2), best.get) == 2
    assert best_of_tied((4, 1), best.get) == 1  # an article without a covering statement never wins
    assert best_of_tied((4, 5), best.get) == 4  # none has one: the first (choose_article's pick)
    equal = {1: RankedStatement(10, 0.8, 1.0), 2: RankedStatement(20, 0.8, 1.0)}
    assert best_of_tied((2, 1), equal.get) == 2  # an exact tie keeps choose_article's order


def test_statements_must_name_the_concept_and_the_number() -> None:
    credits = {"c:dcis": {1: 1.0, 2: 1.0}, "stem:share": {3: 1.0}, "stem:tr4": {2: 1.0}}
    ranked = rank_statements([DCIS, SHARE, TR4], credits, 10, {2: 3.0})
    assert [r.statement for r in ranked] == [2]


def test_a_concept_no_statement_of_the_article_has_is_not_required_but_still_weighs() -> None:
    """"antihypertensive treatment" of an article that names only its drugs: the concept cannot tell the
    statements apart, so it leaves none out, and the share it costs stays (its whole weight, not ABSENT_FACTOR's)."""
    credits = {"c:dcis": {}, "stem:share": {3: 1.0}}
    ranked = rank_statements([DCIS, SHARE], credits, 10, {})
    share, dcis = SHARE.rarity * idf(10, 1), idf(10, 0)
    assert ranked == [RankedStatement(3, round(share / (share + dcis), 4), 0.0)] == [RankedStatement(3, 0.1482, 0.0)]


def test_a_broad_concept_may_be_left_out_by_an_answering_statement() -> None:
    """"What dose of levothyroxine should treatment start with?": the starting-dose sentence never says
    "treatment", a concept as general as malignancy; a specific concept stays required."""
    treatment = Unit("c:treatment", "treatment", ("treatment",), ("c:treatment",), broad=True)
    dose = Unit("stem:dose", "dose", ("dose",), (), 0.6)
    credits = {"c:dcis": {1: 1.0, 2: 1.0}, "c:treatment": {2: 1.0}, "stem:dose": {1: 1.0}}
    assert [r.statement for r in rank_statements([DCIS, treatment, dose], credits, 10, {})] == [2, 1]
    specific = replace(treatment, broad=False)
    assert [r.statement for r in rank_statements([DCIS, specific, dose], credits, 10, {})] == [2]


def test_select_keeps_statements_near_the_best() -> None:
    ranked = [RankedStatement(4, 0.9, 1.0), RankedStatement(2, 0.8, 2.0), RankedStatement(7, 0.7, 9.0)]
    assert select(ranked) == ranked[:2]
    assert select([RankedStatement(1, 0.49, 1.0)]) == []


def test_select_adds_the_neighbours_of_chosen_statements_that_have_most_of_the_best_share() -> None:
    ranked = [RankedStatement(4, 0.9, 1.0), RankedStatement(5, 0.55, 2.0), RankedStatement(3, 0.54, 9.0),
              RankedStatement(8, 0.53, 1.0), RankedStatement(9, 0.2, 1.0)]
    neighbours = {4: (3, 5), 5: (4, 6), 3: (2, 4), 8: (7, 9), 9: (8,)}
    # 5 and 3 are read right after and before 4 and have 0.6 of its share; 8 has too but is no neighbour of 4,
    # 9 is one of 8, which is not chosen; the neighbours come after the chosen statements, best first
    assert select(ranked, neighbours) == [ranked[0], ranked[1], ranked[2]]
    assert select(ranked) == [ranked[0]]
    many = [RankedStatement(n, 0.9, 1.0) for n in range(6)] + [RankedStatement(6, 0.6, 1.0)]
    assert select(many, {5: (6,)}) == many[:6]  # at most MAX_SENTENCES in all


def test_concepts_offered_as_alternatives_are_one_requirement() -> None:
    """"Is an ultrasound or a CT scan better?": the ultrasound sentence (1) and the CT sentence (2) each name one of
    the alternatives and answer; two concepts not so joined are both required, and neither sentence names enough."""
    us = Unit("c:us", "ultrasound", ("ultrasound",), ("c:us",), alternative=True)
    ct = Unit("c:ct", "computed tomography", ("CT",), ("c:ct",), alternative=True)
    better = Unit("stem:better", "better", ("better",), (), 0.1)
    credits = {"c:us": {1: 1.0, 3: 1.0}, "c:ct": {2: 1.0}, "stem:better": {1: 1.0, 2: 1.0, 4: 1.0}}
    assert [r.statement for r in rank_statements([us, ct, better], credits, 10, {})] == [2, 1, 3]  # CT is rarer
    both = [replace(us, alternative=False), replace(ct, alternative=False), better]
    assert rank_statements(both, credits, 10, {}) == []


DROPS = Unit("c:drops", "ear drops", ("drops",), ("c:drops",))
TABLETS = Unit("stem:tablet", "tablets", ("tablets",), (), 0.6)
CURE = Unit("c:cure", "cure", ("cure",), ("c:cure",))
LIKELY = Unit("stem:like", "likely", ("likely",), (), 0.2)


def test_a_question_asking_more_than_the_answer_covers_gets_the_statement_covering_the_rest() -> None:
    """"Wouldn't tablets clear it faster than drops, and how likely are the drops to cure it?": statement 1 (drops
    rather than tablets) is the answer; 5 adds cure, which 1 leaves out; 6 adds only a common word; the summary (2)
    and the answer itself are never added."""
    units = [DROPS, TABLETS, CURE, LIKELY]
    credits = {"c:drops": {1: 1.0, 5: 1.0, 2: 1.0}, "stem:tablet": {1: 1.0}, "c:cure": {5: 1.0, 2: 1.0},
               "stem:like": {6: 1.0, 2: 1.0}}
    weight = statement_weights(units, credits, 10)
    whole = sum(weight.values())
    added = complement(units, credits, 10, [RankedStatement(1, 0.6, 2.0)], {5: 1.5, 6: 3.0}, frozenset({2}))
    assert added == [RankedStatement(5, round(weight["c:cure"] / whole, 4), 1.5)] == [RankedStatement(5, 0.3597, 1.5)]
    # a common word alone is no rest worth a sentence: without statement 5, nothing is added
    assert complement(units, {**credits, "c:cure": {2: 1.0}}, 10, [RankedStatement(1, 0.6, 2.0)], {},
                      frozenset({2})) == []
    # an answer that leaves less than COMPLEMENT_REST uncovered gets nothing more
    assert complement(units, credits, 10, [RankedStatement(1, 0.6, 2.0), RankedStatement(5, 0.5, 1.5)], {},
                      frozenset({2})) == []


ROWS = [StatementRow("https://x/a", "https://x/a/s/1", 3, "Microcalcifications suggest papillary carcinoma.",
                     "", "Ultrasound features", ("https://x/c/micro",)),
        StatementRow("https://x/b", "https://x/b/s/1", 5, "Calcifications are common.", "", "Summary", ())]


def test_index_look_ups_are_scoped_to_one_article() -> None:
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, ROWS)
    assert index.articles == {1: ("https://x/a", "A?"), 2: ("https://x/b", "B?")}
    assert index.articles_with("calcification") == {2}
    assert index.articles_with("suggests") == {1}
    assert index.statements_with("features", 1, ("heading",)) == {1}
    assert index.statements_with("features", 1, ("text", "lead_in")) == set()
    assert index.statements_with("common", 1, ("text",)) == set()
    assert index.statements_mentioning(["https://x/c/micro"], 1) == {1}
    assert index.statements_mentioning(["https://x/c/micro"], 2) == set()


def test_look_ups_inside_an_article_give_the_same_rows_by_id_range_or_by_scope_term() -> None:
    """An article's statements are one id range, which a look-up seeks; the scope term is the fallback."""
    rows = [*ROWS, StatementRow("https://x/a", "https://x/a/s/2", 4, "Calcification features are common.", "",
                                "Ultrasound features", ())]
    by_range = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    by_scope = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    by_scope._ranges.clear()
    assert by_range._ranges == {1: (1, 2), 2: (3, 3)}  # ids in IRI order: a/s/1, a/s/2, b/s/1
    for article in (1, 2):
        for word in ("calcification", "features", "suggests", "common"):
            assert (by_range.statements_with(word, article, ("text", "lead_in", "heading"))
                    == by_scope.statements_with(word, article, ("text", "lead_in", "heading")))
        assert by_range.bm25(["calcification", "features"], article) == by_scope.bm25(["calcification", "features"], article)
    assert by_range.bm25(["calcification"], 2) != {}
    assert by_range.uses("suggests") and not by_range.uses("thyroid")


def test_stems_come_from_the_index_tokenizer() -> None:
    assert stem_words(["calcifications", "suggests", "TR5", "sensitivity", "sensitive"]) == [
        "calcif", "suggest", "tr5", "sensit", "sensit"]


def test_index_file_is_deterministic_and_reopens(tmp_path) -> None:  # type: ignore[no-untyped-def]
    titles = {"https://x/a": "A?", "https://x/b": "B?"}
    content = index_bytes(titles, ROWS)
    assert content == index_bytes(titles, list(reversed(ROWS)))
    path = tmp_path / "answer-index.sqlite"
    path.write_bytes(content)
    opened, loaded = open_index(path), index_from_bytes(content)
    assert opened.articles == loaded.articles == build_index(titles, ROWS).articles
    opened.close()


def test_a_foreign_file_is_an_input_error_naming_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "answer-index.sqlite"
    path.write_bytes(b"SQLite format 3\x00 but not really")
    with pytest.raises(InputError, match="answer-index.sqlite: not a calckg answer index"):
        open_index(path)


FORMS_ROWS = [StatementRow("https://x/a", "https://x/a/s/1", 3, "Features that raise suspicion for malignancy include:"),
              StatementRow("https://x/a", "https://x/a/s/2", 4, "Solid composition",
                           "Features that raise suspicion for malignancy include:"),
              StatementRow("https://x/a", "https://x/a/s/3", 5, "Hypoechoic margins",
                           "Features that raise suspicion for malignancy include:"),
              StatementRow("https://x/a", "https://x/a/s/4", 7, "Hospitalization fell when the ratio was 0.01.")]


def test_other_forms_of_a_word_are_alternatives_in_every_look_up() -> None:
    index = build_index({"https://x/a": "A?"}, FORMS_ROWS)
    assert index.statements_with("suspicious", 1, ("text",)) == set()
    assert index.statements_with("suspicious", 1, ("text",), ("suspic*",)) == {1}
    assert index.statements_with("suspicious", 1, ("lead_in",), ("suspic*",)) == {2, 3}
    assert index.articles_with("hospitalisation") == set()
    assert index.articles_with("hospitalisation", ("hospitalization",)) == {1}
    assert index.articles_with("0.01") == {1}  # both tokens of a decimal, in a table without positions
    assert index.articles_with("0.02") == set()


def test_the_list_of_a_bullet_is_every_bullet_of_its_lead_in() -> None:
    index = build_index({"https://x/a": "A?"}, FORMS_ROWS)
    lead_in, first, second, other = index.statements([1, 2, 3, 4])
    assert [s.id for s in index.list_of(first)] == [2, 3]
    assert index.list_of(lead_in) == index.list_of(other) == []
    assert [s.id for s in index.bullets_of(lead_in)] == [2, 3]


def test_spelling_variants_either_way() -> None:
    assert spelling_variants("hospitalisation") == ["hospitalization", "hospitallisation"]
    assert spelling_variants("Tumor") == ["tumour", "tummeor"]
    assert "anaemia" in spelling_variants("anemia") and "randomized" in spelling_variants("randomised")


@pytest.mark.parametrize("line", ["ae\tae", "ae", "a e\te", "3\tthree"])
def test_a_bad_spelling_pattern_is_an_input_error_naming_the_line(tmp_path, line: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "spelling.tsv"
    path.write_text(f"# note\nour\tor\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"spelling.tsv:3: expected BRITISH<TAB>AMERICAN"):
        spelling_patterns(path)


def test_a_missing_spelling_file_is_an_input_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="cannot read the spelling patterns"):
        spelling_patterns(tmp_path / "absent.tsv")


def test_decimals_stay_one_word_for_answers_only() -> None:
    text = "Is a CCCR between 0.01 and 0.02 or 1,000 mg normal?"
    stop = frozenset({"is", "a", "and", "or"})
    assert content_words(text, [], stop, decimals=True) == ["CCCR", "between", "0.01", "0.02", "1,000", "mg",
                                                             "normal"]
    assert content_words(text, [], stop)[2:5] == ["0", "01", "0"]
    assert content_words("Did ATACH-2 or COVID-19 help type-2 veno-venous?", [], frozenset({"did", "or"}),
                         decimals=True) == ["ATACH-2", "COVID-19", "help", "type-2", "veno", "venous"]


def test_question_number_words_are_the_figure_number_words_less_the_stop_words() -> None:
    """One table (data/quantities.json; a bad one is refused there, tests/test_numbers.py): "one" is a stop word
    of questions ("which one"), so it never stands for "1" in an answer."""
    assert ("three", "3") in kind_table().number_words and ("twelve", "12") in kind_table().number_words
    assert "one" in shipped_lexicon().number_words and "one" not in dict(kind_table().number_words)
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    assert parse_kind_table(document, {"three": Decimal(3), "one": Decimal(1)}).number_words == (("three", "3"),)


def test_a_title_unit_credits_every_statement_below_a_named_one() -> None:
    found = {"c:dcis": {1: 1.0, 2: 0.9, 3: 0.9}, "stem:share": {2: 1.0}}
    ranked = rank_statements([DCIS, SHARE], found, 3, {})
    # DCIS is named by one statement of three: idf(3, 1) = ln(8/3) = 0.9808; share: 0.27 of that = 0.2648
    # statement 2: (0.9 * 0.9808 + 0.2648) / 1.2457; statement 1: 0.9808 / 1.2457; statement 3: 0.9 * 0.9808 / 1.2457
    assert [(r.statement, r.share) for r in ranked] == [(2, 0.9213), (1, 0.7874), (3, 0.7087)]


NAMED_ROWS = [StatementRow("https://x/a", "https://x/a/s/1", 3, "ECMO was associated with more bleeding.", "", "Risks",
                           ("https://x/c/ecmo",), "ECMO ; extracorporeal membrane oxygenation"),
              StatementRow("https://x/a", "https://x/a/s/2", 4, "ECMO bleeding was rare in the 2019 cohort.", "",
                           "Risks", ()),
              StatementRow("https://x/b", "https://x/b/s/1", 5, "Bleeding is common.", "", "Summary", ())]


def test_a_statement_is_found_by_the_names_of_its_concepts_without_changing_its_bm25() -> None:
    """The labels of a statement's concepts are words to look up (schema 3), in a table of their own: bm25 (which
    FTS5 normalises by the length of the whole row) stays what the statement's own words give."""
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, NAMED_ROWS)
    plain = build_index({"https://x/a": "A?", "https://x/b": "B?"}, [replace(r, names="") for r in NAMED_ROWS])
    assert index.statements_named("extracorporeal", 1) == {1}
    assert index.statements_with("extracorporeal", 1, ("text", "lead_in", "heading")) == set()
    assert index.statements_named("extracorporeal", 2) == set()
    index._ranges.clear()  # the fallback look-up by the article's scope term finds the same rows
    assert index.statements_named("extracorporeal", 1) == {1} and index.statements_named("extracorporeal", 2) == set()
    assert index.articles_with("oxygenation") == {1} and plain.articles_with("oxygenation") == set()
    assert index.uses("membrane") and not plain.uses("membrane")
    assert index.bm25(["ECMO", "bleeding"], 1) == plain.bm25(["ECMO", "bleeding"], 1)


def test_a_rare_word_is_also_looked_up_in_the_spelling_another_article_uses() -> None:
    """"hemorrhage" is used as asked by one article and spelled "haemorrhage" by another: both are found; a common
    word ("four") is never respelled into another word ("for") that some article uses."""
    rows = [StatementRow("https://x/a", "https://x/a/s/1", 3, "Intracerebral haemorrhage needs blood pressure care."),
            StatementRow("https://x/b", "https://x/b/s/1", 3, "Bleeding, such as hemorrhage, is a risk for four days.")]
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    assert _forms("hemorrhage", "hemorrhag", index) == ("haemorrhage", "hemorrha*", "haemorrha*")
    assert _forms("four", "four", index) == ("4",)  # its digits, never "for"


def test_an_abbreviation_the_articles_write_only_for_something_else_is_no_concept_of_the_question() -> None:
    from calckg.question_units import question_units

    ultrasound = "https://w3id.org/calckg/concept/ultrasound"
    us_guidance = StatementRow("https://x/a", "https://x/a/s/1", 3, "US guidance uses thresholds of 7.5% to 10%.")
    guided = StatementRow("https://x/b", "https://x/b/s/1", 4, "US-guided biopsy samples the nodule.", "", "",
                          (ultrasound,))
    titles = {"https://x/a": "Statins?", "https://x/b": "Nodules?"}
    only_otherwise = build_index(titles, [us_guidance])
    assert only_otherwise.written_as("US", ultrasound) == (False, True)
    assert only_otherwise.written_as("us", ultrasound) == (False, False)  # case as written
    both = build_index(titles, [us_guidance, guided])
    assert both.written_as("US", ultrasound) == (True, True)
    asked = "Which thresholds does US guidance use?"
    assert [r.iri for r in question_units(asked, only_otherwise)[0]] == []  # no article writes "US" for ultrasound
    assert [r.iri for r in question_units(asked, both)[0]] == [ultrasound]  # one does: the question may mean it
    assert [r.iri for r in question_units(asked, build_index(titles, []))[0]] == [ultrasound]  # nobody says otherwise


def test_a_question_is_analysed_once_per_index_and_each_index_reads_it_itself() -> None:
    """The FAQ asks many articles the same section question: its analysis is kept per index (the same object the
    second time), and another index, whose articles write "US" otherwise, reads the same words its own way."""
    from calckg.question_units import analyse

    ultrasound = "https://w3id.org/calckg/concept/ultrasound"
    titles = {"https://x/a": "Statins?"}
    otherwise = build_index(titles, [StatementRow("https://x/a", "https://x/a/s/1", 3, "US guidance uses 7.5%.")])
    unused = build_index(titles, [])
    asked = "Which thresholds does US guidance use?"
    first = analyse(asked, otherwise)
    assert analyse(asked, otherwise) is first
    assert (first.asked, first.kind, [r.iri for r in first.concepts]) == (asked, None, [])
    assert [u.label for u in first.units] == ["thresholds", "guidance", "use"]  # "us" is a stop word as a word
    assert [r.iri for r in analyse(asked, unused).concepts] == [ultrasound]


@pytest.mark.parametrize(("key", "value", "message"), [
    ("claim_question", "What about {first}?", "claim_question must contain {first} and {second}"),
    ("section_question", "What about it?", "section_question must contain {heading}"),
    ("age_openers", "I'm", "age_openers must be a list of words"),
    ("age_openers", ["I'm", " "], "age_openers must be a list of words"),
    ("age_opener_ends", "and", "age_opener_ends must be a list of words"),
    ("age_units", ["year", "years"], "age_units must map each unit to how many of it make a year"),
    ("age_units", {"year": 0}, "age_units must map each unit to how many of it make a year"),
])
def test_a_question_template_without_its_places_is_an_input_error(key: str, value: object, message: str) -> None:
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    with pytest.raises(InputError, match=re.escape(f"{KINDS_FILE}: {message}")):
        parse_kind_table({**document, key: value})

