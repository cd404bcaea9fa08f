"""A compound question ("…, and how long …?") the graph covers too little of as a whole is answered for its first
question, and the answer says so; a refusal for any other reason stands, and the FAQ page never offers such an
answer as the accepted answer of the whole question. A compound question answered as a whole also gets the sentences
each part gets on its own from the same article."""

from __future__ import annotations

import json

import pytest

from calckg.answer import answer
from calckg.answer_model import to_markdown, to_text
from calckg.answer_queries import QueryRunner
from calckg.errors import InputError
from calckg.faq import FaqEntry, faq_jsonld
from calckg.pipeline import BuildResult
from calckg.question_kinds import KINDS_FILE, kind_table, parse_kind_table
from calckg.resources import data_dir
from seed import SEED_IRI

FIRST = "How sensitive is mammography for detecting microcalcifications?"
COMPOUND = "How sensitive is mammography for detecting microcalcifications, and how long does a biopsy scar take to heal?"
SENTENCES = [
    "Mammography is the primary and most reliable tool for detecting breast microcalcifications, with sensitivity "
    "superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection) [1].",
    "Standard two-view mammography (mediolateral oblique and craniocaudal) plus magnification views are essential [7].",
    "Magnification views are critical because standard two-view mammography alone underestimates disease extent by "
    "two centimeters in up to 50% of cases [7].",
    "When DCIS with microcalcifications on mammography is evaluated by ultrasound, findings are visible in only 80% of "
    "cases [4].",
]


@pytest.fixture(scope="module")
def runner(seed_build: BuildResult) -> QueryRunner:
    return QueryRunner(seed_build.dataset)


@pytest.mark.parametrize(("question", "first"), [
    (COMPOUND, FIRST),
    ("Is it safe, or should I stop it?", "Is it safe?"),
    ("What dose is used; and when is it stopped?", "What dose is used?"),
    ("Which antibiotic is used first, and for how long?", "Which antibiotic is used first?"),
    ("Which antibiotic is used first, and for each other?", None),  # a preposition alone opens no question
    ("Which antibiotic and how many days?", None),  # no comma and two words before: one question about two things
    ("How common is DCIS and how long does it take to grow?", "How common is DCIS?"),  # no comma, a question word
    ("How and when should I be retested?", None),  # no comma: the first question needs three words
    ("Does surgery help and is it safe?", None),  # no comma: only a question word opens a second question
    ("What are the risks, benefits and costs?", None),
    (", and how long?", None),
])
def test_the_first_question_of_a_compound_question(question: str, first: str | None) -> None:
    table = parse_kind_table(json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8")))
    assert table.first_part(question) == first
    assert (table.second_part(question) is None) == (first is None)
    assert table.second_part("Which antibiotic is used first, and for how long") == "for how long?"


@pytest.mark.parametrize(("question", "parts"), [
    ("What regimens are used, what add-back therapy is recommended, and how much bone is lost without it?",
     ("What regimens are used?", "what add-back therapy is recommended?", "how much bone is lost without it?")),
    ("In which patients is pregabalin used, what are its doses, and how often does dizziness occur?",
     ("In which patients is pregabalin used?", "what are its doses?", "how often does dizziness occur?")),
    ("What is the dose of oseltamivir, how long is it taken?", ("What is the dose of oseltamivir?",
                                                                 "how long is it taken?")),
    (COMPOUND, (FIRST, "how long does a biopsy scar take to heal?")),
    ("If my pneumonia score is 2, how big is my risk?", ()),  # a comma after a clause that is no question
    ("Apart from tablets, what can I do at home?", ()),
    ("What are the risks, benefits and costs?", ()),
    (FIRST, ()),
])
def test_every_question_of_a_compound_question(question: str, parts: tuple[str, ...]) -> None:
    """A bare comma before a question word goes on with another question only in a question that opens with an
    opener (list_joiners of compound_question)."""
    assert kind_table().parts(question) == parts


def test_each_question_of_a_list_of_three_adds_its_own_sentences(runner: QueryRunner) -> None:
    """The first question's sentences (the types of microcalcifications) were missing while only ", and" ended a
    question: "What are the primary types …, how sensitive is mammography …?" was asked as one first part."""
    found = answer("What are the primary types of microcalcifications, how sensitive is mammography for detecting "
                   "them, and how often are findings visible on ultrasound?", runner)
    assert (found.supported, found.answered_part) == (True, None)
    assert [s.statement.removeprefix(f"{SEED_IRI}/section/") for s in found.sentences] == [
        "definition-and-composition/3", "definition-and-composition/4", "definition-and-composition/5",
        "mammography-as-primary-modality/1", "mammography-as-primary-modality/2", "mammography-as-primary-modality/3",
        "ultrasound-limitations/1", "ultrasound-limitations/2", "ultrasound-limitations/3"]


def test_a_bad_list_joiners_entry_is_an_input_error_naming_the_file() -> None:
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    with pytest.raises(InputError) as error:
        parse_kind_table({**document, "compound_question": {**document["compound_question"], "list_joiners": [" "]}})
    assert str(error.value) == f"{KINDS_FILE}: compound_question's list_joiners must be a list of non-empty strings"


def test_a_compound_question_covered_only_in_its_first_part_is_answered_for_that_part(runner: QueryRunner) -> None:
    without_comma = answer(COMPOUND.replace(", and how", " and how"), runner)  # refused as one question before
    assert (without_comma.supported, without_comma.answered_part) == (True, FIRST)
    assert [s.text for s in without_comma.sentences] == SENTENCES
    whole, first = answer(COMPOUND, runner), answer(FIRST, runner)
    assert (whole.supported, whole.question, whole.answered_part, whole.reason) == (True, COMPOUND, FIRST, None)
    assert [s.text for s in whole.sentences] == [s.text for s in first.sentences] == SENTENCES
    assert [s.statement.removeprefix(f"{SEED_IRI}/section/") for s in whole.sentences] == [
        "mammography-as-primary-modality/1", "mammography-as-primary-modality/2", "mammography-as-primary-modality/3",
        "ultrasound-limitations/2"]
    assert [(r.number, r.resolved) for r in whole.references] == [(1, True), (4, True), (7, False)]  # no entry 7
    assert whole.to_dict()["answered_part"] == FIRST and first.to_dict()["answered_part"] is None
    note = f"Only this part of the question is answered: “{FIRST}” The graph does not cover the rest."
    assert to_text(whole).startswith(f"{note}\n\nMammography is the primary")
    assert to_markdown(whole).startswith(f"**{COMPOUND}**\n\n*{note}*\n\nMammography is the primary")
    assert not to_text(first).startswith("Only")


def test_a_compound_question_whose_first_part_is_not_covered_either_is_refused_as_a_whole(runner: QueryRunner
                                                                                          ) -> None:
    found = answer("How long does a biopsy scar take to heal, and how sensitive is mammography?", runner)
    assert (found.supported, found.answered_part, found.sentences) == (False, None, ())
    assert found.reason == ("no statement of the article “What are microcalcifications in the breast?” speaks of "
                            "biopsy, mammography together")  # the whole question's reason


def test_a_question_covered_as_a_whole_is_answered_as_a_whole_with_what_each_part_adds(runner: QueryRunner) -> None:
    """The whole question's sentences (the 55% vs 47% and the 80%), and those its first part gets on its own from
    the same article (the two-view sentences), in reading order; a part not answered adds nothing, and the answer
    says which part it answers."""
    found = answer("How sensitive is mammography for microcalcifications, and is ultrasound less sensitive?", runner)
    assert (found.supported, found.answered_part) == (True, None)
    assert [s.text for s in found.sentences] == SENTENCES
    assert [(r.number, r.resolved) for r in found.references] == [(1, True), (4, True), (7, False)]
    whole = answer("How sensitive is mammography for microcalcifications, and how long does a biopsy scar take to "
                   "heal?", runner)
    assert [s.text for s in whole.sentences] == SENTENCES
    assert whole.answered_part == "How sensitive is mammography for microcalcifications?"


def test_the_faq_page_offers_no_partial_answer_as_the_accepted_answer(runner: QueryRunner) -> None:
    whole, first = answer(COMPOUND, runner), answer(FIRST, runner)
    page = json.loads(faq_jsonld([FaqEntry("related", whole, SEED_IRI), FaqEntry("title", first, SEED_IRI)]))
    assert [q["name"] for q in page["mainEntity"]] == [FIRST]


@pytest.mark.parametrize(("part", "word"), [
    ("what are they associated with?", "they"), ("and does it work?", "it"), ("what if it's not enough?", "it"),
    ("what are its risks?", "its"), ("how is this prevented?", "this"), ("is the item safe?", None),
    ("is the t-it safe?", None),  # inside a word: none
])
def test_the_word_by_which_a_second_question_points_back(part: str, word: str | None) -> None:
    found = kind_table().referring_back(part)
    assert (found and found.group()) == word


def test_a_second_question_that_points_back_is_asked_about_what_the_first_names(runner: QueryRunner) -> None:
    """"they" is the calcium oxalate crystals: asked alone, "what are they associated with?" got every association
    sentence of the article (calcium oxalate's, hydroxyapatite's, the tumour features'; it is refused now, pointing
    back to nothing it names); asked about what the first question names, only calcium oxalate's. The first part's
    "crystals" is written only by the definition of microcalcifications, which covers it (COMPLEMENT_GAIN)."""
    found = answer("What are calcium oxalate crystals, and what are they associated with?", runner)
    assert (found.supported, found.answered_part) == (True, None)
    assert [s.text for s in found.sentences] == [
        "Microcalcifications are small crystals of calcium that form in breast soft tissue through various "
        "pathological processes [2, 3].",
        "The primary types include: Calcium oxalate - typically associated with benign conditions [2]."]
    alone = answer("What are they associated with?", runner)
    assert (alone.supported, alone.reason) == (False, "the question points back (“they”) to something it does not "
                                               "name, and its own words (associated) name no topic")


@pytest.mark.parametrize("entry", [{"joiners": [], "openers": ["how"]}, {"joiners": [", and"]},
                                   {"joiners": [", and"], "openers": "how"}, {"joiners": [", and"], "openers": [" "]},
                                   {"joiners": [", and"], "openers": ["how"], "prepositions": "for"}])
def test_a_bad_compound_question_entry_is_an_input_error_naming_the_file(entry: dict) -> None:  # type: ignore[type-arg]
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    with pytest.raises(InputError) as error:
        parse_kind_table({**document, "compound_question": entry})
    assert str(error.value) == (f"{KINDS_FILE}: compound_question needs lists of joiners and openers (and of "
                                "prepositions, if given)")


def test_a_bad_back_references_entry_is_an_input_error_naming_the_file() -> None:
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    entry = {**document["compound_question"], "back_references": "it"}
    with pytest.raises(InputError) as error:
        parse_kind_table({**document, "compound_question": entry})
    assert str(error.value) == f"{KINDS_FILE}: compound_question's back_references must be a list of words"


@pytest.mark.parametrize("key", ["bare_joiners", "bare_openers"])
def test_a_bad_bare_joiners_or_openers_entry_is_an_input_error_naming_the_file(key: str) -> None:
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    entry = {**document["compound_question"], key: "and"}
    with pytest.raises(InputError) as error:
        parse_kind_table({**document, "compound_question": entry})
    assert str(error.value) == (f"{KINDS_FILE}: compound_question's bare_joiners and bare_openers must be lists of "
                                "words")


def test_a_part_another_article_answers_adds_none_of_its_sentences(two_article_build: BuildResult) -> None:
    """The second part ("what is the malignancy risk of a TR5 nodule?") is answered on its own from the thyroid
    article: a compound question about the breast never gets its sentences (cross-article contamination)."""
    runner = QueryRunner(two_article_build.dataset)
    found = answer("How sensitive is mammography for microcalcifications, and what is the malignancy risk of a TR5 "
                   "nodule?", runner)
    assert [s.text for s in found.sentences] == SENTENCES
    assert found.answered_part == "How sensitive is mammography for microcalcifications?"
    assert answer("What is the malignancy risk of a TR5 nodule?", runner).sentences[0].statement.startswith(
        "https://w3id.org/calckg/id/how-are-thyroid-nodules-evaluated/")


@pytest.mark.parametrize("joiners", ["or", ["or", " "], [3]])
def test_a_bad_alternative_joiners_entry_is_an_input_error_naming_the_file(joiners: object) -> None:
    document = json.loads((data_dir() / KINDS_FILE).read_text(encoding="utf-8"))
    with pytest.raises(InputError) as error:
        parse_kind_table({**document, "alternative_joiners": joiners})
    assert str(error.value) == f"{KINDS_FILE}: alternative_joiners must be a list of words or phrases"
