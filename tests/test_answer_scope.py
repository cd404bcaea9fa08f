"""Cross-article contamination: with the seed (breast) and an illustrative thyroid article built side by side, an
answer only ever uses the article the question is about."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from calckg.answer import answer
from calckg.article_choice import names_no_article
from calckg.answer_scoring import Unit
from calckg.answer_queries import QueryRunner
from calckg.answer_model import Answer
from calckg.namespaces import CONCEPT
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.text_index import INDEX_FILE, open_index
from seed import SEED, SEED_IRI, build_beside_seed

THYROID = Path(__file__).parent / "data" / "answers" / "articles" / "thyroid-nodule-ultrasound.txt"
THYROID_IRI = "https://w3id.org/calckg/id/how-is-a-thyroid-nodule-assessed-on-ultrasound"


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_beside_seed(tmp_path_factory, THYROID)


@pytest.fixture(scope="module")
def two_runner(two: BuildResult) -> QueryRunner:
    """One runner (store copy and text index) for the questions to `two`."""
    return QueryRunner(two.dataset)


def ask(runner: QueryRunner, question: str) -> Answer:
    return answer(question, runner)


def articles(found: Answer) -> set[str]:
    return {s.statement.split("/section/")[0] for s in found.sentences}


THYROID_QUESTIONS = [
    ("What do microcalcifications in a thyroid nodule suggest?",
     "Suspicious ultrasound features of a thyroid nodule include: Microcalcifications within a solid nodule - "
     "suggest papillary thyroid carcinoma [1]."),
    ("What is the malignancy risk of a TR5 nodule?",
     "A TR5 nodule (highly suspicious) carries a malignancy risk of about 35% [2]."),
    ("Are thyroid nodules usually benign?",
     "Thyroid nodules are common and most are benign; ultrasound features decide which nodules need fine-needle "
     "aspiration [1]."),
]


@pytest.mark.parametrize(("question", "expected"), THYROID_QUESTIONS)
def test_thyroid_question_gets_only_thyroid_sentences(two_runner: QueryRunner, question: str, expected: str) -> None:
    found = ask(two_runner, question)
    assert (found.supported, found.answer, articles(found)) == (True, expected, {THYROID_IRI})


def test_the_dangerous_case_never_gets_dcis_sentences(two_runner: QueryRunner) -> None:
    found = ask(two_runner, "What do microcalcifications in a thyroid nodule suggest?")
    assert "DCIS" not in found.answer and [r.title for r in found.references] == [
        "Illustrative thyroid ultrasound guideline"]


def test_breast_question_gets_only_breast_sentences(two_runner: QueryRunner) -> None:
    found = ask(two_runner, "How common is bilateral DCIS?")
    assert articles(found) == {SEED_IRI}
    assert [s.statement.removeprefix(SEED_IRI) for s in found.sentences] == ["/section/management-approach/2"]


def test_what_one_article_lacks_is_refused_not_taken_from_the_other(two_runner: QueryRunner) -> None:
    found = ask(two_runner, "What is the malignancy risk of a TI-RADS 4 nodule?")
    assert (found.supported, found.reason) == (False, "no statement of the article “How is a thyroid nodule assessed "
                                               "on ultrasound?” speaks of malignancy risk, 4 together")


def test_a_question_of_everyday_words_only_is_refused(two_runner: QueryRunner) -> None:
    """No concept, number or rare word: nothing says which article the question is about (SPECIFIC_RARITY)."""
    found = ask(two_runner, "How long will it hurt, and will it be gone in a few weeks?")
    assert (found.supported, found.reason) == (False, "the question names nothing specific (long, hurt, gone, weeks: "
                                               "everyday words), so no article can be told to be about it")
    # "nodule" is a concept: the question reaches the thyroid article, which has no statement for it
    assert ask(two_runner, "How long will the nodule take to be gone?").reason == (
        "no statement of the article “How is a thyroid nodule assessed on ultrasound?” covers enough of the question "
        "(best share 0.100 < 0.5; not covered: long, take, gone)")


def test_answers_json_asks_each_article_its_own_questions(two: BuildResult) -> None:
    import json

    document = json.loads((two.files[0].parent / "answers.json").read_bytes())
    thyroid = [(a["source"], a["question"], a["supported"]) for a in document["answers"]
               if a["article"] == THYROID_IRI]
    assert thyroid == [
        ("title", "How is a thyroid nodule assessed on ultrasound?", True),
        ("related", "What is the malignancy risk of a TI-RADS 4 nodule?", False),
        ("related", "What do microcalcifications in a breast mammogram suggest?", False),
        ("section", "What does the article say about Ultrasound Features?", True),
        ("section", "What does the article say about TI-RADS Categories?", True),
        ("section", "What does the article say about Fine-Needle Aspiration?", True),
    ]
    for entry in document["answers"]:
        assert {s["statement"].split("/section/")[0] for s in entry["sentences"]} <= {entry["article"]}


def test_the_build_index_gives_the_same_answers(two: BuildResult, two_runner: QueryRunner) -> None:
    index = open_index(two.files[0].parent / INDEX_FILE)
    try:
        for question, _ in THYROID_QUESTIONS:
            assert answer(question, two.dataset, index=index) == ask(two_runner, question)
    finally:
        index.close()


# -- the illustrative corpus (tests/data/articles) built beside the seed -----------------------------------------

CORPUS = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus-out")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_out: Path) -> BuildResult:
    sources = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED, sources)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, sources)
    return build(BuildOptions(sources, corpus_out), lambda message: None)


@pytest.fixture(scope="module")
def corpus_runner(corpus: BuildResult) -> QueryRunner:
    """One runner for the questions to `corpus`."""
    return QueryRunner(corpus.dataset)


def _wordings() -> list[tuple[str, str]]:
    import json

    found = []
    for path in sorted(CORPUS.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        slug = expected["article"].removesuffix(".txt")
        for item in expected["questions"]:
            found += [(slug, wording) for wording in [item["question"], *item["paraphrases"]]]
        found += [(slug, item["question"]) for item in expected["unanswerable"]]
    return found


def test_every_answer_uses_one_article_only(corpus_runner: QueryRunner) -> None:
    for _, wording in _wordings():
        found = ask(corpus_runner, wording)
        assert len(articles(found)) <= 1, wording


CORPUS_CASES = [
    ("What is the cure rate of parathyroidectomy?",
     "Parathyroidectomy by an experienced surgeon cures more than 95% of patients with primary hyperparathyroidism "
     "[2]."),
    ("What do microcalcifications in a thyroid nodule suggest?",
     "Microcalcifications in a thyroid nodule suggest papillary thyroid carcinoma, because they likely correspond to "
     "psammoma bodies [5]. Microcalcifications are highly specific but not sensitive for thyroid cancer, so their "
     "absence does not exclude malignancy [5]. Papillary thyroid carcinoma is the most common type of thyroid cancer "
     "[5]."),  # the next statement of its section, citing the same source; the one after it, a neighbour (NEIGHBOUR)
    # one bullet covers the question best, but the lead-in and every bullet of its list cover at least half as much:
    # the question asks what the list sets out, so the whole list answers
    # bullets come with the lead-in that introduces them (it keeps its colon): a bare "Lithium therapy" says nothing
    ("What factors can mislead the interpretation of urine calcium?",
     "Factors that lower urine calcium and can mislead interpretation include: Untreated vitamin D deficiency [2]. "
     "Thiazide diuretic use [2]. Lithium therapy [2]. Low dietary calcium intake [2]."),
    # "rate" is a word for a percentage (data/figure-words.json): the statement giving one is called by it; the
    # statement read before it under the same heading has 0.6 of its share (NEIGHBOUR) and joins it
    ("What is the natural recovery rate of untreated Bell's palsy?",
     "Bell's palsy accounts for approximately 60-75% of cases of acute unilateral facial paralysis [1]. Without "
     "treatment, approximately 70% of patients recover complete facial function [4]. Most patients begin to "
     "improve within 3 weeks of onset [4]."),
    ("Which calcium/creatinine clearance ratio suggests FHH rather than hyperparathyroidism?",
     "The ratio is interpreted as follows: CCCR below 0.01 - suggests FHH [3]. CCCR above 0.02 - suggests primary "
     "hyperparathyroidism [3]. CCCR between 0.01 and 0.02 - does not separate the two conditions, and genetic "
     "testing for CASR variants should be considered [3]."),
    # "medicines" is no word of the article: a statement speaking of a drug (ck:Drug: lithium, thiazide) is called by
    # it (data/class-words.json); the question had been refused (share 0.449, "medicines" not covered)
    ("Which medicines can mislead a urine calcium result?",
     "Factors that lower urine calcium and can mislead interpretation include: Untreated vitamin D deficiency [2]. "
     "Thiazide diuretic use [2]. Lithium therapy [2]. Low dietary calcium intake [2]."),
    # the summary ("… adults with Bell's palsy should receive oral corticosteroids …") counts SUMMARY_CREDIT of its
    # share now: the statements naming "Bell's palsy" and a medicine come first
    ("Which tablets are used for Bell's palsy?",
     "Antiviral therapy alone should not be prescribed for Bell's palsy [1]. In the same "
     "trial, patients who received acyclovir did not recover better at 3 months than those who did not (71.2% vs "
     "75.7%) [2]. Adding an antiviral to corticosteroids may offer a small benefit and may be considered [1]. When an "
     "antiviral is added, valacyclovir 1000 mg three times daily for 7 days is one regimen used in trials [3]."),
    # "KDIGO" is written by no statement, only by the reference the statements on starting eGFR cite [6]: they have
    # the name through it (calckg.answer_runs.cited_names); the question had been refused
    ("What does KDIGO say about when empagliflozin can be started?",
     "For cardiovascular and kidney protection, empagliflozin 10 mg can be started when eGFR is 20 mL/min/1.73 m² or "
     "higher [3, 6]. A small initial fall in eGFR is expected after starting and is not by itself a reason to stop "
     "treatment [6]."),
    # the list names parathyroidectomy in asymptomatic hyperparathyroidism but never writes "criteria": the sentence
    # that says how the 2022 workshop changed one criterion covers that rest (calckg.answer_scoring.complement)
    ("What are the criteria for parathyroidectomy in asymptomatic hyperparathyroidism?",
     "Parathyroidectomy is indicated in asymptomatic primary hyperparathyroidism when any of the following is "
     "present: Serum calcium more than 1 mg/dL above the upper limit of normal [1]. A T-score of -2.5 or lower at the "
     "lumbar spine, total hip, femoral neck or distal radius, or a vertebral fracture [1]. Creatinine clearance below "
     "60 mL/min [1]. 24-hour urine calcium above 400 mg/day with increased stone risk on biochemical stone risk "
     "analysis [1]. Nephrolithiasis or nephrocalcinosis on imaging [1]. Age below 50 years [1]. The 2022 workshop "
     "replaced the 400 mg/day criterion with hypercalciuria above 250 mg/day in women or 300 mg/day in men [6]. "
     "Parathyroidectomy by an experienced surgeon cures more than 95% of patients with primary hyperparathyroidism "
     "[2]."),
    # thyroid and breast cover "ultrasound", "microcalcification" and "detect" equally: the tie goes to the breast
    # article, whose best statement answers best (it fell to the thyroid article, numbered first, before)
    ("Can ultrasound detect microcalcifications?",
     "Mammography is the primary and most reliable tool for detecting breast microcalcifications, with sensitivity "
     "superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection) [1]. Suspicious calcifications in isolated "
     "DCIS are more commonly assessed as BI-RADS 5 (highly suggestive of malignancy) with mammography (87%) than with "
     "ultrasound (33%) [1]. A critical pitfall: ultrasound cannot reliably detect microcalcifications in the "
     "clinically relevant size range and should not be relied upon alone for evaluation of calcifications [7, 3]. "
     "When DCIS with microcalcifications on mammography is evaluated by ultrasound, findings are visible in only 80% "
     "of cases [4]. Current ultrasound scanners do not reliably detect microcalcifications of clinical interest [3]."),
]


@pytest.mark.parametrize(("question", "expected"), CORPUS_CASES)
def test_corpus_answers_are_exact(corpus_runner: QueryRunner, question: str, expected: str) -> None:
    assert ask(corpus_runner, question).answer == expected


def test_a_number_the_question_names_picks_the_bullet_that_states_it_not_every_bullet_of_its_lead_in(
        corpus_runner: QueryRunner) -> None:
    """The lead-in "… from TR1 to TR5 …" names TR5 too; only the bullet that states TR5 answers."""
    found = ask(corpus_runner, "What is the malignancy risk of a TR5 nodule?")
    assert found.answer == ("The point total places each nodule in a level from TR1 to TR5, with the following "
                            "observed malignancy risks: TR5 (highly suspicious) - 35% malignancy risk [3].")
    assert [r.number for r in found.references] == [3]


def test_a_number_the_articles_title_writes_is_its_topic_not_a_figure_to_find(corpus_runner: QueryRunner) -> None:
    """"24-hour" names the topic of "What does a 24-hour urine calcium test show?": every statement of that article
    has the 24 through its title, as it has its other words, and the sentence on checking a collection (which writes
    no 24) answers; it was refused (the number had to be in the statement itself)."""
    found = ask(corpus_runner, "How is the completeness of a 24-hour urine checked?")
    assert found.answer == ("Urine creatinine in the same collection checks that it is complete, at about 15-20 "
                            "mg/kg/day in women and 20-25 mg/kg/day in men [5].")
    assert [r.number for r in found.references] == [5]


def test_a_number_inside_a_code_is_found_by_the_number_alone(corpus_runner: QueryRunner) -> None:
    """"TI-RADS 5" asks about the bullet coded "TR5": a bare number also matches the end of a code. The sentence
    read before it, on what the points are given for, comes with it (calckg.answer_scoring.select)."""
    found = ask(corpus_runner, "What is the malignancy risk of a TI-RADS 5 nodule?")
    assert found.answer == ("ACR TI-RADS assigns points for five ultrasound feature categories: composition, "
                            "echogenicity, shape, margin and echogenic foci [2]. The point total places each nodule in "
                            "a level from TR1 to TR5, with the following observed malignancy risks: TR5 (highly "
                            "suspicious) - 35% malignancy risk [3].")


def test_the_next_sentence_of_the_same_section_and_source_continues_the_answer(corpus_runner: QueryRunner) -> None:
    """The chosen sentence names the scan, the next one (same section, same citation [1]) says what a hot nodule
    means: both answer. The sentence after that ("Routine measurement of serum thyroglobulin …", also [1]) is not
    added: a continuation is one step from a chosen sentence. "sampled" is left uncovered by the two, and the
    sentence on how a nodule is sampled covers it (calckg.answer_scoring.complement), with its own continuation."""
    found = ask(corpus_runner, "Should a nodule that is hot on a thyroid scan be sampled?")
    assert [s.text for s in found.sentences] == [
        "If the TSH is low, a radionuclide thyroid scan should be obtained to look for a hyperfunctioning nodule [1].",
        "Hyperfunctioning (hot) nodules rarely harbor malignancy, so fine-needle aspiration is not needed for them "
        "[1].",
        "Ultrasound-guided fine-needle aspiration is the procedure of choice for sampling a thyroid nodule [1].",
        "Ultrasound guidance is preferred over palpation because it lowers the rate of nondiagnostic samples [1]."]
    assert [r.number for r in found.references] == [1]


def test_a_continuation_must_state_the_number_the_question_names(two_runner: QueryRunner) -> None:
    """"TR5" is asked: the next sentence of the same source ("A TR3 nodule …") is not added."""
    found = ask(two_runner, "What is the malignancy risk of a TR5 nodule?")
    assert found.answer == "A TR5 nodule (highly suspicious) carries a malignancy risk of about 35% [2]."


def test_two_items_of_a_list_bring_the_whole_list(corpus_runner: QueryRunner) -> None:
    """The items do not repeat "thyroid nodule" (the title's topic) nor "suspicious" (their lead-in says
    "suspicion"): the whole list answers, in reading order."""
    found = ask(corpus_runner, "Which ultrasound features make a thyroid nodule suspicious for cancer?")
    assert [s.text for s in found.sentences] == [
        "Solid hypoechoic composition [1].", "Irregular, infiltrative or microlobulated margins [1].",
        "Microcalcifications (tiny punctate echogenic foci) [1].",
        # the figure claim on "greater than 1" is read with the lead-in, so this bullet is shown with it
        "Features that raise suspicion for malignancy include: A taller-than-wide shape, meaning an "
        "anteroposterior-to-transverse ratio greater than 1 [2].",
        "Extrathyroidal extension [2]."]
    assert [r.number for r in found.references] == [1, 2]


def test_a_claim_read_under_its_articles_question_gives_its_statement_no_concept(corpus_runner: QueryRunner) -> None:
    """"The starting dose is 10 mg once daily …" names no concept; its claim borrows the title's (empagliflozin, type
    2 diabetes), which must not become the statement's concepts or names in the answer index."""
    from calckg.answer_index import index_input

    _, rows = index_input(corpus_runner.store)
    (row,) = [r for r in rows if r.text.startswith("The starting dose is 10 mg once daily")]
    assert (row.concepts, row.names) == ((), "dosage ; dose ; doses ; dosing")  # only its dose's figure words
    (named,) = [r for r in rows if r.text.startswith("Empagliflozin is a sodium-glucose cotransporter 2")]
    assert CONCEPT.empagliflozin in {URIRef(c) for c in named.concepts}  # a statement that names it keeps it


def test_faq_answers_from_worker_processes_equal_those_of_one_process(corpus: BuildResult, corpus_out: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The build answers its FAQ in worker processes reading the built store, in batches of whole articles; here
    five articles in three batches (the build sends 25 articles a batch and answers fewer than 8 in-process)."""
    import calckg.faq_workers as faq_workers
    from calckg.faq import answers_json, collect_answers
    from calckg.store.built import built_store_path
    from calckg.store.oxigraph import OxigraphStore
    from calckg.text_index import index_from_bytes

    index_file = (corpus_out / INDEX_FILE).read_bytes()
    monkeypatch.setattr(faq_workers, "MIN_ITEMS", 1)
    monkeypatch.setattr(faq_workers, "ARTICLES_PER_BATCH", 2)
    in_workers = faq_workers.collect_answers_at(built_store_path(corpus_out), index_file)
    store = OxigraphStore(built_store_path(corpus_out), read_only=True)
    try:
        in_one = collect_answers(store, index_from_bytes(index_file))
    finally:
        store.close()
    assert in_workers == in_one and len({entry.article for entry in in_one}) == 5
    assert answers_json(in_workers) == (corpus_out / "answers.json").read_bytes()


def test_an_acronym_no_article_writes_is_read_as_the_phrase_its_article_writes(two_runner: QueryRunner) -> None:
    """Neither article writes "TN"; the thyroid article writes "thyroid nodule(s)" in two statements: the question
    is answered as if it said so (calckg.acronyms), from that article only."""
    found = ask(two_runner, "Are TNs usually benign?")
    assert found.question == "Are TNs usually benign?"
    assert (found.supported, found.answer, articles(found)) == (
        True, ask(two_runner, "Are thyroid nodules usually benign?").answer, {THYROID_IRI})
    assert found.answer == THYROID_QUESTIONS[2][1]


# -- two articles that share words: the question goes to the one it is about --------------------------------------

BLIND = Path(__file__).parents[1] / "bench" / "blind"
IRON = BLIND / "fresh-b" / "how-is-iron-deficiency-anaemia-treated.txt"
HYPOTHYROIDISM = BLIND / "fresh-d" / "how-is-hypothyroidism-treated-in-adults.txt"


@pytest.fixture(scope="module")
def iron_runner(tmp_path_factory: pytest.TempPathFactory) -> QueryRunner:
    """The iron and hypothyroidism articles (illustrative, bench/blind) beside the seed: the levothyroxine article
    names "calcium and iron supplements" once, the iron article names iron in its title and most statements."""
    sources = tmp_path_factory.mktemp("sources")
    for path in (SEED, IRON, HYPOTHYROIDISM):
        shutil.copy(path, sources)
    return QueryRunner(build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None).dataset)


@pytest.mark.parametrize(("question", "first"), [
    ("Which iron tablet should I take and how often?",
     "The British Society of Gastroenterology (BSG) recommends starting treatment with one tablet a day of ferrous "
     "sulphate, ferrous fumarate or ferrous gluconate [1]."),
])
def test_a_question_goes_to_the_article_about_its_words_not_one_that_names_them_in_passing(
        iron_runner: QueryRunner, question: str, first: str) -> None:
    """The question went to the hypothyroidism article before (its one sentence on iron supplements covered the
    question's common word "take" too) and was answered with that sentence."""
    found = ask(iron_runner, question)
    assert articles(found) == {"https://w3id.org/calckg/id/how-is-iron-deficiency-anaemia-treated"}
    assert found.sentences[0].text == first


# -- the asker's age says who asks, not what about ----------------------------------------------------------------

HEAVY_BLEEDING = BLIND / "fresh-u" / "how-is-heavy-menstrual-bleeding-managed.txt"
RENAL_COLIC = BLIND / "fresh-n" / "how-is-renal-colic-managed.txt"


@pytest.fixture(scope="module")
def age_runner(tmp_path_factory: pytest.TempPathFactory) -> QueryRunner:
    """The heavy menstrual bleeding article (illustrative, fresh-u) beside the seed and the renal colic article,
    which write 47 in their figures (47% of DCIS, 47.3% of patients)."""
    sources = tmp_path_factory.mktemp("sources")
    for path in (SEED, HEAVY_BLEEDING, RENAL_COLIC):
        shutil.copy(path, sources)
    return QueryRunner(build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None).dataset)


def test_an_age_no_statement_holds_neither_chooses_the_article_nor_refuses_its_statements(
        age_runner: QueryRunner) -> None:
    """fresh-u's first measurement: "I'm 47 and my heavy periods … and do I need a camera test of my womb?" was
    answered from an article that writes 47 in a confidence interval, and without that article the heavy bleeding
    article refused it (its statements cover no "47"); the age now weighs nothing where no age-bounded group holds it."""
    found = ask(age_runner, "I'm 47 and my heavy periods haven't got better with the tablets - what tests should I "
                            "be having?")
    assert articles(found) == {"https://w3id.org/calckg/id/how-is-heavy-menstrual-bleeding-managed"}
    assert ("Outpatient hysteroscopy is recommended as the first investigation for women with suspected submucosal "
            "fibroids, polyps or endometrial disease, and an endometrial biopsy should be taken if there is a risk of "
            "endometrial hyperplasia or cancer [1].") in [s.text for s in found.sentences]


def test_a_word_for_a_kind_of_thing_chooses_no_article(corpus_runner: QueryRunner) -> None:
    """"medicines" (data/class-words.json) calls the statements of every article that names a medicine, so it says
    nothing about which article a question is about: "Which medicines are taken for diabetes?" had been refused
    because no article writes "medicines"; it is asked of the article on diabetes, whose statements that name
    empagliflozin it calls."""
    found = ask(corpus_runner, "Which medicines are taken for diabetes?")
    assert found.supported
    assert articles(found) == {"https://w3id.org/calckg/id/how-is-empagliflozin-used-in-type-2-diabetes"}
    assert found.sentences[0].text == ("Empagliflozin blocks SGLT2, so glucose is lost in the urine and blood glucose "
                                       "falls independently of insulin [2].")
    assert not ask(corpus_runner, "Which medicines are taken for asthma?").supported  # no article on asthma


@pytest.mark.parametrize(("question", "reason"), [
    ("Are they safe?", "the question points back (“they”) to something it does not name, and its own words (safe) "
                       "name no topic"),
    ("Is it dangerous?", "the question points back (“it”) to something it does not name, and its own words "
                         "(dangerous) name no topic"),
])
def test_a_question_that_points_back_to_nothing_it_names_is_refused(corpus_runner: QueryRunner, question: str,
                                                                     reason: str) -> None:
    """Asked of the whole graph, "Are they safe?" had been answered with the empagliflozin article's adverse effects
    ("safe" is just rare enough as English to pass for a topic); a question that names its topic is answered."""
    found = ask(corpus_runner, question)
    assert (found.supported, found.reason, found.sentences) == (False, reason, ())
    named = ask(corpus_runner, "Is it safe to take empagliflozin?")
    assert named.supported
    assert articles(named) == {"https://w3id.org/calckg/id/how-is-empagliflozin-used-in-type-2-diabetes"}


def test_a_question_of_words_every_article_uses_is_refused(corpus_runner: QueryRunner) -> None:
    """"Which patients?" had been answered from the empagliflozin article, whichever ranked first: "patients" is in
    all five articles, so it tells none from the others (article_choice.names_no_article)."""
    found = ask(corpus_runner, "Which patients?")
    assert (found.supported, found.sentences) == (False, ())
    assert found.reason == ("the question names nothing that tells one article from the others (patients in 5 of the "
                            "5 articles), so no article can be told to be about it")
    assert ask(corpus_runner, "Which patients need a thyroid nodule biopsy?").supported  # a topic among them


@pytest.mark.parametrize(("found_in", "total", "refused"), [
    ({"a": 41}, 65, True),  # "What are the side effects?": adverse events in 41 of 65 articles
    ({"a": 54, "b": 61}, 65, True),  # "What dose is used?"
    ({"a": 41, "b": 1}, 65, False),  # "… of statins?": statins tell the article
    ({"a": 15}, 65, False),  # in fewer than a quarter of the articles
    ({"a": 4}, 4, False),  # a graph of fewer than five articles: every unit is in all of them
    ({"a": 50, "b": 50, "c": 50, "d": 50}, 65, False),  # four common words may name a topic together
])
def test_which_units_name_no_article(found_in: dict[str, int], total: int, refused: bool) -> None:
    units = [Unit(key, key, (key,)) for key in found_in]
    assert names_no_article(units, {k: set(range(n)) for k, n in found_in.items()}, total) is refused


def test_a_number_is_the_titles_only_when_the_title_writes_that_very_number() -> None:
    """"How is type 1 diabetes managed?" writes the 1 of "type 1", not the 1.5 of "a dose of 1.5 mg" (the index stems
    "1.5" to "1"): only the statement holding 1.5 has it, the others have the title's "1" through the title."""
    from calckg.answer_credits import statement_credits
    from calckg.text_index import StatementRow, build_index

    iri = "https://x/t1d"
    index = build_index({iri: "How is type 1 diabetes managed?"}, [
        StatementRow(iri, f"{iri}/s/1", 3, "Insulin is started at a dose of 1.5 units per kg."),
        StatementRow(iri, f"{iri}/s/2", 4, "Insulin pumps suit many children.")])
    article = index.article_numbers[iri]
    ids = sorted(index.statement_ids(article))
    decimal, whole = Unit("stem:1.5", "1.5", ("1.5",), exact=True), Unit("stem:1", "1", ("1",), exact=True)
    credits = statement_credits([decimal, whole], index, article)
    assert credits["stem:1.5"] == {ids[0]: 1.0}
    assert credits["stem:1"] == {ids[0]: 0.9, ids[1]: 0.9}  # the "1" of "1.5" is no "1": the title gives it
