"""Runs of one source in answers (calckg.answer_runs): a trial named once carries to the sentences of its source
after it, a chosen sentence brings the next of its run, and the one before it when it names nothing and that one
names its trial. The seed beside an illustrative article of three trials (two of one series)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calckg.answer import answer
from calckg.answer_model import Answer
from calckg.answer_queries import QueryRunner
from calckg.answer_runs import continuations, run_successors
from seed import build_beside_seed


def ask(runner: QueryRunner, question: str) -> Answer:
    return answer(question, runner)


TRIALS = Path(__file__).parent / "data" / "answers" / "articles" / "illustrative-trial-runs.txt"


@pytest.fixture(scope="module")
def trials_runner(tmp_path_factory: pytest.TempPathFactory) -> QueryRunner:
    return QueryRunner(build_beside_seed(tmp_path_factory, TRIALS).dataset)


def test_a_trial_named_once_carries_to_the_sentences_of_its_source_after_it(trials_runner: QueryRunner) -> None:
    """"ALPHA-1" is written only in the first sentence of its run (same section, same citation [1]); its results
    follow without the name (calckg.answer_runs)."""
    found = ask(trials_runner, "What did the ALPHA-1 trial find?")
    assert found.answer == ("ALPHA-1 randomised 400 patients with raised systolic blood pressure to intensive or "
                            "standard lowering [1]. Death or disability at 90 days occurred in 30% vs 35% of "
                            "patients [1]. The trial was stopped early for futility [1].")
    assert [r.number for r in found.references] == [1]


def test_a_run_ends_where_another_trial_of_the_series_is_named(trials_runner: QueryRunner) -> None:
    """BETA-2 and BETA-3 share citation [2]: the kidney sentence after "BETA-3 …" is BETA-3's, not BETA-2's."""
    assert ask(trials_runner, "Was kidney injury more frequent in BETA-3?").answer == (
        "BETA-3 randomised 800 patients to a systolic target below 120 mmHg [2]. "
        "Kidney injury was more frequent with the lower target (9% vs 4%) [2].")
    refused = ask(trials_runner, "Was kidney injury more frequent in BETA-2?")
    assert (refused.supported, refused.reason) == (False, (
        "no statement of the article “What did two illustrative blood pressure trials find?” covers enough of the "
        "question (best share 0.377 < 0.5; not covered: kidney, injury, frequent)"))


def test_a_result_is_read_with_the_sentence_before_it_that_names_its_trial(trials_runner: QueryRunner) -> None:
    """The kidney sentence names no trial; the sentence before it in its run names BETA-3, so the answer says whose
    result it is. A sentence before that names nothing new ("Death or disability …" before "The trial was stopped
    early …") is not brought, nor one without a number the question names ("90": ALPHA-1's design sentence); the
    next sentence of the run goes on about what the chosen one wrote, so the chosen sentence's "90" carries to it."""
    assert ask(trials_runner, "Was kidney injury more frequent with the lower target?").answer == (
        "BETA-3 randomised 800 patients to a systolic target below 120 mmHg [2]. "
        "Kidney injury was more frequent with the lower target (9% vs 4%) [2].")
    assert ask(trials_runner, "Was the trial stopped early?").answer == "The trial was stopped early for futility [1]."
    assert ask(trials_runner, "How often did death or disability occur at 90 days?").answer == (
        "Death or disability at 90 days occurred in 30% vs 35% of patients [1]. "
        "The trial was stopped early for futility [1].")


def test_a_list_of_the_same_source_inside_a_run_does_not_end_it(trials_runner: QueryRunner) -> None:
    """"GAMMA-4 …" [3], then the lead-in "The bundle included:" and its bullets [3], then the result [3]: the
    result still belongs to GAMMA-4's run, and the list is not read into the answer."""
    found = ask(trials_runner, "What did the GAMMA-4 trial find?")
    assert found.answer == ("GAMMA-4 compared a bundle of care started in the first hours with usual care [3]. The "
                            "bundle improved function at 6 months (odds ratio 0.86) [3].")
    assert [r.number for r in found.references] == [3]
    assert ask(trials_runner, "Did the bundle include control of glucose?").answer == (
        "The bundle included: Control of blood glucose [3].")


def test_an_undefined_acronym_and_a_trial_code_together(trials_runner: QueryRunner) -> None:
    """"SBP" is no word of either article: read as the trial article's "systolic blood pressure"."""
    assert ask(trials_runner, "Which SBP target did BETA-2 use?").answer == (
        "BETA-2 randomised 600 patients to a systolic target below 140 mmHg [2].")


def test_a_sentence_naming_its_own_trial_brings_no_sentence_before_it(trials_runner: QueryRunner) -> None:
    """"BETA-3 randomised …" names its trial; the sentence before it in its run is another trial of the series
    ("BETA-2 …"), so it is not brought; the kidney sentence after it (no name) brings "BETA-3 …" and the one after it
    ends the run."""
    index = trials_runner.text_index()
    article = next(n for n, (iri, _) in index.articles.items() if iri.endswith("/what-did-two-illustrative-blood-"
                                                                                  "pressure-trials-find"))
    statements = {s.text: s for s in index.article_statements(article)}
    successors = run_successors(trials_runner, index, article)
    beta3 = statements["BETA-3 randomised 800 patients to a systolic target below 120 mmHg."]
    kidney = statements["Kidney injury was more frequent with the lower target (9% vs 4%)."]
    assert [s.text for s in continuations(index, {beta3.id: beta3}, successors, []).values()] == [kidney.text]
    assert [s.text for s in continuations(index, {kidney.id: kidney}, successors, []).values()] == [beta3.text]
