"""Which articles and which statements of an article have each unit of a question (steps 3 and 5 of calckg.answer in
docs/answers.md: which article, which statements).

A statement is read with its lead-in, its section headings and the article's title; :func:`statement_credits` gives
each statement's credit for each unit (1 named in its text, HEADING_CREDIT in a heading only, TITLE_CREDIT through
the article's topic), which the scoring (calckg.answer_scoring) weighs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from calckg.abbreviations import defined_abbreviations
from calckg.age_match import statements_holding_age
from calckg.answer_scoring import HEADING_CREDIT, RELATED_CREDIT, TITLE_CREDIT, Unit
from calckg.index_terms import WORD
from calckg.question_kinds import kind_table
from calckg.text_index import TextIndex
from calckg.vocabulary import default_matcher

__all__ = ["articles_with", "statement_credits", "title_abbreviations", "titles_naming"]

TEXT_COLUMNS = ("text", "lead_in")
HEADING_COLUMNS = ("heading",)


def _all_of(sets: Iterable[set[int]]) -> set[int]:
    found: set[int] | None = None
    for each in sets:
        found = each if found is None else found & each
    return found or set()


def articles_with(unit: Unit, index: TextIndex) -> set[int]:
    """The articles that have the unit: mention its concept or write its words. The asker's age says who asks, not
    what about: every article has it, so it weighs nothing in the choice of article ("I'm 47 and my heavy periods …"
    went to articles that write 47 somewhere, a count or a trial's figure); the statements of the chosen one that
    hold it in an age-bounded group still have it (:func:`_statement_credits`)."""
    if unit.age is not None:
        return set(index.articles)
    found = index.articles_mentioning(unit.concepts)
    if unit.words:
        found |= _all_of(index.articles_with(w, unit.forms) for w in unit.words)
    return found | _titled_clinically(unit, index)


def _titled_clinically(unit: Unit, index: TextIndex) -> frozenset[int]:
    """The articles whose title names a clinical word of the unit's everyday word (Unit.clinical: "urticaria" for
    "hives"), every word of it; read once per index and words (a statement's credits ask for every article)."""
    if not unit.clinical:
        return frozenset()
    known = _titled_by_index.setdefault(index, {})
    if unit.clinical not in known:
        titles = _titles(index)
        found: set[int] = set()
        for word in unit.clinical:
            stems = index.stems(WORD.findall(word))
            found |= set.intersection(*(set(titles.by_stem.get(stem, ())) for stem in stems)) if stems else set()
        known[unit.clinical] = frozenset(found)
    return known[unit.clinical]


_titled_by_index: WeakKeyDictionary[TextIndex, dict[tuple[str, ...], frozenset[int]]] = WeakKeyDictionary()


def _statement_credits(unit: Unit, index: TextIndex, article: int, title: set[str]) -> dict[int, float]:
    """Credit of each statement of the article for the unit. A statement is read with its lead-in, its section
    headings and the article's title (its stems and the concepts it names): each word of the unit must be in one
    of them (1.0; a word found only in a heading, HEADING_CREDIT), or the statement mentions the concept. A
    statement that has the unit only through the title is about the article's topic without naming it
    ("Cardiovascular death was reduced by 38%" in an article on one drug): TITLE_CREDIT, also when the title names
    the clinical word of the unit's everyday word ("hives" in "How is chronic urticaria treated?"). A statement
    whose text has a close word of the unit instead (Unit.related, calckg.synonyms) and no better credit:
    RELATED_CREDIT. A number must be in the statement itself (_number_credits), unless the article's title writes
    it: every statement of an article titled "How is type 2 diabetes managed in adults?" is about type 2 diabetes,
    and has its "2" through the title (TITLE_CREDIT)."""
    if unit.exact:
        held = _number_credits(unit.words[0], index, article)
        if _number_pattern(unit.words[0]).search(index.articles[article][1]):  # whole: "1.5" is not the "1" of a title
            return {**dict.fromkeys(index.statement_ids(article), TITLE_CREDIT), **held}
        return held
    everything = set(index.statement_ids(article))
    # the title names the concept in other words ("Jardiance", "empagliflozin") or the clinical word ("hives")
    topic = bool(title & set(unit.concepts)) or article in _titled_clinically(unit, index)
    credits = dict.fromkeys(everything, TITLE_CREDIT) if topic else {}
    if unit.words:
        text, named, anywhere = [], [], []
        for word, stem in zip(unit.words, index.stems(unit.words), strict=True):
            in_text = (index.statements_with(word, article, TEXT_COLUMNS, unit.forms)
                       | index.statements_named(word, article, unit.forms))
            in_heading = index.statements_with(word, article, HEADING_COLUMNS, unit.forms)
            text.append(in_text)
            named.append(in_text | in_heading)
            anywhere.append(everything if stem in title else in_text | in_heading)
        if not topic:
            credits = dict.fromkeys(_all_of(anywhere), TITLE_CREDIT)
        close = (index.statements_with(unit.related[0], article, TEXT_COLUMNS, unit.related[1:]) if unit.related
                 else set())  # one look-up for all of them
        credits.update((s, RELATED_CREDIT) for s in close if credits.get(s, 0.0) < RELATED_CREDIT)
        credits.update(dict.fromkeys(_all_of(named), HEADING_CREDIT))
        credits.update(dict.fromkeys(_all_of(text), 1.0))
    credits.update(dict.fromkeys(index.statements_mentioning(unit.concepts, article), 1.0))
    if unit.age is not None:  # "my 80-year-old mother": "adults 75 years or older"
        credits.update(dict.fromkeys(statements_holding_age(index, article, unit.age), 1.0))
    return credits


def statement_credits(units: Iterable[Unit], index: TextIndex, article: int) -> dict[str, dict[int, float]]:
    """Each unit's credits over the statements of the article (by unit key)."""
    title = set(_title_words(index, article)) | _titles(index).concepts[article]
    return {u.key: _statement_credits(u, index, article, title) for u in units}


def titles_naming(units: Iterable[Unit], index: TextIndex) -> dict[int, frozenset[str]]:
    """Article → the keys of the units its title names (every word of a unit among its title's stems, a concept of
    the unit among the core and pack concepts it names, or its clinical word; articles naming none are left out):
    such a unit counts more in the article's coverage, and articles that cover a question alike are compared in the
    order of how many they name (calckg.article_choice.choose_article), so the article titled on "hypothyroidism" is
    among the few compared for "How many people have an underactive thyroid?" when many articles mention it."""
    titles = _titles(index)
    found: dict[int, set[str]] = {}
    for unit in units:
        stems = index.stems(unit.words) if unit.words else []
        written = set.intersection(*(set(titles.by_stem.get(stem, ())) for stem in stems)) if stems else set()
        for article in (written | {a for concept in unit.concepts for a in titles.by_concept.get(concept, ())}
                        | _titled_clinically(unit, index)):
            found.setdefault(article, set()).add(unit.key)
    return {article: frozenset(keys) for article, keys in found.items()}


@dataclass(frozen=True)
class _Titles:
    """Every article's title as the credits read it, made once per index (one stemming call for all titles; a
    statement's credits are asked for each article an answer looks at, thousands of times in a build)."""

    stems: dict[int, frozenset[str]]
    concepts: dict[int, frozenset[str]]
    """The core and pack concepts each title names."""
    by_stem: dict[str, frozenset[int]]
    by_concept: dict[str, frozenset[int]]


def _titles(index: TextIndex) -> _Titles:
    if index not in _by_index:
        titles = sorted(index.articles.items())
        tokens = [WORD.findall(title) for _, (_, title) in titles]
        stems = iter(index.stems([t for words in tokens for t in words]))
        stemmed = {article: frozenset(next(stems) for _ in words) for (article, _), words in zip(titles, tokens,
                                                                                                 strict=True)}
        named = {article: frozenset(str(m.concept) for m in default_matcher().match(title))
                 for article, (_, title) in titles}
        _by_index[index] = _Titles(stemmed, named, _inverted(stemmed), _inverted(named))
    return _by_index[index]


def _inverted(terms: dict[int, frozenset[str]]) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for article, words in terms.items():
        for word in words:
            found.setdefault(word, set()).add(article)
    return {word: frozenset(articles) for word, articles in found.items()}


_by_index: WeakKeyDictionary[TextIndex, _Titles] = WeakKeyDictionary()


def _title_words(index: TextIndex, article: int) -> frozenset[str]:
    """The stems of the article's title and of the short forms it defines for what the title writes in full."""
    known = _title_words_by_index.setdefault(index, {})
    if article not in known:
        short = title_abbreviations(index, article)
        known[article] = _titles(index).stems[article] | frozenset(index.stems(list(short)) if short else ())
    return known[article]


_title_words_by_index: WeakKeyDictionary[TextIndex, dict[int, frozenset[str]]] = WeakKeyDictionary()


def title_abbreviations(index: TextIndex, article: int) -> tuple[str, ...]:
    """The short forms the article defines for what its title writes in full ("BPH" of "Benign prostatic hyperplasia
    (BPH) is …" in "How is benign prostatic hyperplasia treated?"): a question that asks "What dose of tamsulosin is
    used for BPH?" names the article's topic, which the dose sentence need not write. Read once per index and
    article (with its title's stems: :func:`_title_words`)."""
    heading = index.articles[article][1]
    defined = defined_abbreviations(s.text for s in index.article_statements(article))
    return tuple(short for short, long in sorted(defined.items())
                 if long.casefold() in heading.casefold() and short not in heading)


@lru_cache(maxsize=4096)
def _number_pattern(word: str) -> re.Pattern[str]:
    """The number (or code) itself, not as a part of another one ("5" is not in "1.5%" nor in "15"), or its number
    word ("3" and "three")."""
    before = r"(?<![\d.,])" if re.fullmatch(r"[\d.,]+", word) else r"(?<![\w.,])"
    spelled = "".join(rf"|\b{w}\b" for w, d in kind_table().number_words if d == word)
    return re.compile(rf"{before}{re.escape(word)}(?![\w]|[.,]\d){spelled}", re.IGNORECASE)


def _number_credits(word: str, index: TextIndex, article: int) -> dict[int, float]:
    """The statements holding the number (or code) itself, not as a part of another one ("5" is not in "1.5%" nor
    in "15"); a bare number is also found at the end of a code ("5" in "TR5", as in "TI-RADS 5")."""
    alone = _number_pattern(word)
    found = index.article_statements(article)
    # the statement's own words first: a lead-in naming a whole range ("TR1 to TR5") is not the one bullet asked
    kept = [s for s in found if alone.search(s.text)] or [s for s in found if alone.search(s.lead_in)]
    return dict.fromkeys((s.id for s in kept), 1.0)
