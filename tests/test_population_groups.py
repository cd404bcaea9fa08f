"""Whom a question asks about, against whom its article is written (data/population-groups.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calckg.answer import answer
from calckg.answer_queries import QueryRunner
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.population_groups import PopulationGroups, shipped_population_groups

from data_file_errors import refusal

ARTICLE = Path(__file__).parent / "data" / "articles" / "how-is-empagliflozin-used-in-type-2-diabetes.txt"
TITLE = "How is empagliflozin used in adults with type 2 diabetes?"


def _names(text: str, ages: bool = False) -> dict[str, str]:
    return {dimension: group.name for dimension, group in shipped_population_groups().named(text, ages).items()}


def test_a_text_names_one_group_of_each_dimension_by_its_words_or_a_stated_age() -> None:
    assert _names("How are uncomplicated urinary tract infections in women treated?") == {"sex": "women"}
    assert _names("How is migraine prevented in adults?") == {"age": "adults"}
    assert _names("Is propranolol safe for my 8-year-old?", ages=True) == {"age": "children"}
    assert _names("Is propranolol safe for my 8-year-old?") == {}  # a title's ages are not read
    assert _names("Does my 6 month old need antibiotics?", ages=True) == {"age": "children"}
    assert _names("Is my 86-year-old mother too old for warfarin?", ages=True) == {"age": "adults"}
    assert _names("I have COPD and I'm 82 - is a beta-blocker safe?", ages=True) == {"age": "adults"}  # years
    assert _names("I'm 28 weeks pregnant, is apixaban safe?", ages=True) == {"pregnancy": "pregnant women"}  # no age
    assert _names("Do men and women differ?") == {}  # both groups of one dimension: neither
    assert _names("Is child-bearing age a risk?") == {}  # a group word inside a hyphenated word is not one


def test_a_mismatch_needs_another_group_of_the_titles_dimension_that_the_article_never_writes() -> None:
    groups = shipped_population_groups()
    never, always = (lambda word: False), (lambda word: True)
    title = "How is migraine prevented in adults?"
    found = groups.mismatch("Is propranolol safe for preventing migraine in my 8-year-old?", title, never)
    assert found is not None and (found[0].name, found[1].name) == ("adults", "children")
    assert groups.mismatch("Is propranolol safe for my 8-year-old?", title, always) is None  # the article writes it
    assert groups.mismatch("Is propranolol safe for adults?", title, never) is None  # the same group
    assert groups.mismatch("Is propranolol safe for women?", title, never) is None  # the title names no sex


def test_a_distinct_group_the_article_never_writes_is_a_mismatch_whatever_the_title() -> None:
    groups = shipped_population_groups()
    never, always = (lambda word: False), (lambda word: True)
    found = groups.mismatch("Is propranolol safe for children?", "How is migraine prevented?", never)
    assert found is not None and (found[0], found[1].name) == (None, "children")
    assert groups.mismatch("Is propranolol safe for children?", "How is migraine prevented?", always) is None
    assert groups.mismatch("Is propranolol safe for women?", "How is migraine prevented?", never) is None
    assert groups.mismatch("Is propranolol safe for adults?", "How is migraine prevented?", never) is None


@pytest.mark.parametrize(("question", "group"), [
    ("How should iron deficiency anaemia be treated during pregnancy?", "pregnant women"),
    ("Is it safe to breastfeed while I'm having adalimumab injections?", "breastfeeding women"),
    ("Can I take it while breast-feeding?", "breastfeeding women"),
])
def test_pregnancy_and_breastfeeding_are_distinct_groups(question: str, group: str) -> None:
    groups = shipped_population_groups()
    never, always = (lambda word: False), (lambda word: True)
    found = groups.mismatch(question, "How is it treated?", never)
    assert found is not None and (found[0], found[1].name) == (None, group)
    assert groups.mismatch(question, "How is it treated?", always) is None  # an article that writes it answers
    assert groups.mismatch("How are UTIs treated in non-pregnant women?", "How is it treated?", never) is None


@pytest.fixture(scope="module")
def adults_only(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The illustrative empagliflozin article retitled for adults (it never writes a child's word)."""
    sources = tmp_path_factory.mktemp("sources")
    text = ARTICLE.read_text(encoding="utf-8").replace("How is empagliflozin used in type 2 diabetes?", TITLE, 1)
    text = text.replace("How Is Empagliflozin Used in Type 2 Diabetes?", "How Is Empagliflozin Used in Adults With "
                        "Type 2 Diabetes?", 1)
    (sources / ARTICLE.name).write_text(text, encoding="utf-8")
    return build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None)


@pytest.mark.parametrize("question", ["What dose of empagliflozin is used in children?",
                                      "Can my 12-year-old take empagliflozin 10 mg?"])
def test_a_question_about_another_group_than_the_titles_is_refused(adults_only: BuildResult, question: str) -> None:
    found = answer(question, QueryRunner(adults_only.dataset)).to_dict()
    assert (found["supported"], found["sentences"], found["reason"]) == (False, [], (
        f"the article “{TITLE}” is written for adults; the question asks about children, whom it never names"))


def test_a_question_about_the_titles_own_group_is_answered(adults_only: BuildResult) -> None:
    found = answer("What is the starting dose of empagliflozin for adults?", QueryRunner(adults_only.dataset))
    assert "The starting dose is 10 mg once daily in the morning, with or without food [2]." in found.answer


@pytest.fixture(scope="module")
def as_written(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The illustrative empagliflozin article as it is: its title names no group, and it never writes a child's
    word."""
    sources = tmp_path_factory.mktemp("sources")
    (sources / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    return build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None)


def test_a_question_about_children_is_refused_by_an_article_that_never_names_them(as_written: BuildResult) -> None:
    found = answer("Can my 12-year-old take empagliflozin 10 mg?", QueryRunner(as_written.dataset)).to_dict()
    assert (found["supported"], found["sentences"], found["reason"]) == (False, [], (
        "the question asks about children, whom the article “How is empagliflozin used in type 2 diabetes?” never "
        "names"))
    found = answer("Can a woman take empagliflozin 10 mg?", QueryRunner(as_written.dataset)).to_dict()
    assert found["supported"] and found["reason"] is None  # women are no distinct group: the article is for them
    # a compound question about a child is not answered for its first part: the refusal holds for every part
    found = answer("What is the starting dose of empagliflozin, and can my 12-year-old take it?",
                   QueryRunner(as_written.dataset)).to_dict()
    assert (found["supported"], found["answered_part"], found["reason"]) == (False, None, (
        "the question asks about children, whom the article “How is empagliflozin used in type 2 diabetes?” never "
        "names"))
    found = answer("What is the starting dose of empagliflozin, and does it cause hair loss on the scalp?",
                   QueryRunner(as_written.dataset)).to_dict()
    assert (found["supported"], found["answered_part"]) == (True, "What is the starting dose of empagliflozin?")
    assert "The starting dose is 10 mg once daily in the morning, with or without food [2]." in found["answer"]


@pytest.mark.parametrize(("content", "message"), [
    ("[", "not JSON (line 1"),
    ('{"dimensions": [{"name": "age", "groups": [{"name": "a", "words": []}, {"name": "b", "words": ["b"]}]}]}',
     "group 'a': words must be"),
    ('{"dimensions": [{"name": "age", "groups": [{"name": "a", "words": ["a"]}]}]}', "fewer than two groups"),
    ('{"dimensions": [{"name": "age", "groups": [{"name": "a", "words": ["a"], "ages_below": "young"}, '
     '{"name": "b", "words": ["b"]}]}]}', "ages_below and ages_from must be numbers of years"),
    ('{"groups": []}', "expected dimensions"),
    ('{"dimensions": [{"name": "age", "groups": [{"name": "a", "words": ["a"], "distinct": "yes"}, '
     '{"name": "b", "words": ["b"]}]}]}', "group 'a': distinct must be true or false"),
])
def test_a_bad_population_groups_file_is_refused_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    assert message in refusal(PopulationGroups.load, tmp_path / "population-groups.json", content)


def test_an_unreadable_population_groups_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in refusal(PopulationGroups.load, tmp_path / "missing.json", None)
