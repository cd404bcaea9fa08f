"""Runs of one source's sentences: which question words are names, how far a name carries, and continuations."""

from __future__ import annotations

from calckg.answer_runs import continuations, is_name, named_in_references, named_in_runs
from calckg.answer_scoring import RUN_CREDIT, Unit
from calckg.text_index import IndexedStatement, StatementRow, build_index

A = "https://x/a"


def _word(word: str, exact: bool = False) -> Unit:
    return Unit(f"stem:{word.casefold()}", word.casefold(), (word,), (), 1.0, exact)


def test_codes_and_words_in_capitals_are_names_concepts_and_plain_words_are_not() -> None:
    assert [is_name(_word(w, exact=any(c.isdigit() for c in w))) for w in
            ("ATACH-2", "INTERACT2", "EOLIA", "TR5", "IV", "trial", "Eolia", "40", "0.01")] == [
        True, True, True, True, False, False, False, False, False]
    assert not is_name(Unit("https://x/ecmo", "ECMO", ("ECMO",), ("https://x/ecmo",)))


def _statements(*texts: str) -> list[IndexedStatement]:
    return [IndexedStatement(number, 1, f"{A}/s/{number}", number, text, "") for number, text in
            enumerate(texts, start=1)]


def test_a_name_carries_to_the_rest_of_its_run_and_stops_at_the_run_end() -> None:
    statements = _statements("ATACH-2 randomised 1000 patients.", "Death did not differ.", "It stopped early.",
                             "Another source.")
    successors = {1: 2, 2: 3}  # 3 → 4 cites other references: no successor
    assert named_in_runs("ATACH-2", {1: 1.0}, successors, statements) == {1: 1.0, 2: RUN_CREDIT, 3: RUN_CREDIT}
    assert named_in_runs("ATACH-2", {2: 1.0}, successors, statements) == {2: 1.0, 3: RUN_CREDIT}  # never backwards


def test_a_run_ends_before_another_member_of_the_series() -> None:
    statements = _statements("A TR5 nodule carries 35%.", "A TR3 nodule carries 5%.", "It is rare.",
                             "INTERACT2 randomised 2839.", "INTERACT3 was a bundle.")
    successors = {1: 2, 2: 3, 4: 5}
    assert named_in_runs("TR5", {1: 1.0}, successors, statements) == {1: 1.0}
    assert named_in_runs("INTERACT2", {4: 1.0}, successors, statements) == {4: 1.0}
    assert named_in_runs("EOLIA", {1: 1.0}, successors, statements) == {1: 1.0, 2: RUN_CREDIT, 3: RUN_CREDIT}


def test_a_continuation_is_the_next_of_the_run_and_holds_every_number_asked() -> None:
    index = build_index({A: "A?"}, [StatementRow(A, f"{A}/s/{n}", n, text) for n, text in
                                    enumerate(["ATACH-2 randomised 1000 patients.", "Death did not differ.",
                                               "It stopped early."], start=1)])
    first, second, _ = index.statements(index.statement_ids(1))
    assert continuations(index, {first.id: first}, {first.id: second.id}, []) == {second.id: second}
    assert continuations(index, {first.id: first}, {first.id: second.id}, [{first.id: 1.0}]) == {}
    assert continuations(index, {first.id: first}, {first.id: second.id}, [{first.id: 1.0, second.id: 0.9}]) == {
        second.id: second}
    assert continuations(index, {first.id: first}, {}, []) == {}
    # a number the question names may be the chosen sentence's instead: the run goes on about what it wrote
    assert continuations(index, {first.id: first}, {first.id: second.id}, [], [{first.id: 1.0}]) == {second.id: second}
    assert continuations(index, {first.id: first}, {first.id: second.id}, [], [{3: 1.0}]) == {}


def test_a_name_carries_to_the_statements_citing_a_reference_that_names_it() -> None:
    """"According to NICE, …?": the statements citing the NICE guideline have the name at RUN_CREDIT; a statement's
    own credit is kept, and a name no cited reference writes carries nowhere."""
    cited = {1: frozenset({"NICE"}), 2: frozenset(), 3: frozenset({"NICE", "ESHRE"})}
    assert named_in_references("NICE", {3: 1.0}, cited) == {3: 1.0, 1: RUN_CREDIT}
    assert named_in_references("AUA", {}, cited) == {}
