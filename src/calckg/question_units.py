"""Step 1 of an answer: what the question asks about (the concepts it names and its units), read once per question
and index.

A question's analysis depends on its words and the index alone, not on the article it is asked of, so it is kept
per index (:func:`analyse`): a build asks each article its own questions, and the same section question ("What does
the article say about Treatment?") of many articles is read once (at 1,000 synthetic articles, 13,742 questions and
1,044 distinct wordings).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise
from weakref import WeakKeyDictionary

from calckg.acronyms import expand_acronyms
from calckg.answer_model import ConceptRef
from calckg.answer_queries import concept_index
from calckg.answer_scoring import BROAD_SPECIFICITY, PLAIN_ABSENT, Unit
from calckg.clipped_words import clipped_completions
from calckg.index_terms import WORD
from calckg.lexicon import general_lexicon
from calckg.match_rules import match_rules
from calckg.link import ConceptMatch
from calckg.name_heads import shipped_name_heads
from calckg.namespaces import CONCEPT
from calckg.population_groups import stated_ages
from calckg.question_kinds import (
    content_words,
    irregular_plurals,
    kind_table,
    lay_phrases,
    lay_words,
    rarity,
)
from calckg.related_space import shipped_concept_space
from calckg.synonyms import close_words
from calckg.text_index import TextIndex
from calckg.vocabulary import default_matcher
from calckg.word_files import spelling_variants

__all__ = ["Analysis", "analyse", "question_units"]

ANALYSES_KEPT = 20_000
"""Analyses kept per index (the oldest goes first): more than a 1,000-article build asks distinct questions."""


@dataclass(frozen=True)
class Analysis:
    asked: str
    """The question with the acronyms no article writes read as the phrase the articles write for them ("ICH")."""
    kind: str | None
    """The structured kind its cue words ask for (data/answer-kinds.json), if any."""
    concepts: tuple[ConceptRef, ...]
    units: tuple[Unit, ...]


_analyses: WeakKeyDictionary[TextIndex, dict[str, Analysis]] = WeakKeyDictionary()


def analyse(question: str, index: TextIndex) -> Analysis:
    """The question's acronyms read, its kind and its units (:func:`question_units`), made once per index."""
    kept = _analyses.setdefault(index, {})
    if question not in kept:
        if len(kept) >= ANALYSES_KEPT:
            del kept[next(iter(kept))]
        asked = expand_acronyms(question, index)
        kind = kind_table().detect(asked)
        kept[question] = Analysis(asked, kind, *question_units(asked, index, kind))
    return kept[question]

def question_units(question: str, index: TextIndex, kind: str | None = None
                   ) -> tuple[tuple[ConceptRef, ...], tuple[Unit, ...]]:
    """The concepts the question names (in order of mention) and its units: one per concept, one per other word
    that is not a stop word (one per stem), with the close words of that word that some article uses
    (calckg.synonyms). The cue words of a structured kind say what is asked, not about what:
    they are stop words too."""
    concepts = concept_index()
    table = kind_table()
    stop = table.stop_words | (table.cue_words(kind) if kind else frozenset())
    refs: dict[str, ConceptRef] = {}
    units: dict[str, Unit] = {}
    spans: list[tuple[int, int]] = []
    # general-vocabulary terms matter only where the graph does not use a word of the question (the vocabulary is
    # loaded only then: most questions use the articles' own words)
    unused = any(not index.uses(w) for w in WORD.findall(question) if w.casefold() not in stop)
    general = shipped_name_heads().keep(question, general_lexicon().matcher.match(question)) if unused else ()
    phrases = _lay_phrases(question, index)  # "high blood pressure": hypertension, not "blood pressure" and "high"
    for start, end, clinical in phrases:
        spans.append((start, end))
        stem = index.stems([clinical])[0]
        units.setdefault(f"stem:{stem}", Unit(f"stem:{stem}", " ".join(question[start:end].casefold().split()),
                                              (clinical,), (), rarity(clinical), forms=_forms(clinical, stem, index)))
    placed: list[tuple[int, int, str]] = []  # the concept units in reading order, for alternatives
    for match, same in _concept_matches(question, general, index, stop):
        if any(a < match.end and match.start < b for a, b, _ in phrases):
            continue
        iri = str(match.concept)
        spans.append((match.start, match.end))
        if iri in refs:
            continue
        refs[iri] = ConceptRef(iri, concepts.labels.get(match.concept, match.label))
        span_words = tuple(w for w in (m.group() for m in WORD.finditer(question, match.start, match.end))
                           if w.casefold() not in stop)
        below = sorted(str(c) for c in concepts.descendants.get(match.concept, ()))
        specificity = shipped_concept_space().weights.get(match.concept, 1.0)  # a general-vocabulary term: specific
        units[iri] = Unit(iri, refs[iri].label, span_words, (iri, *same, *below),
                          broad=specificity < BROAD_SPECIFICITY)
        placed.append((match.start, match.end, iri))
    for (_, end, first), (start, _, second) in pairwise(placed):  # "an ultrasound or a CT scan": either will do
        if first != second and table.alternatives.fullmatch(question, end, start):
            units[first], units[second] = (replace(units[first], alternative=True),
                                           replace(units[second], alternative=True))
    loose = content_words(question, [*spans, *table.age_words(question)], stop, decimals=True)
    # a patient's age ("my 3 year old") is looked up as a word, not as a figure every answering statement must state,
    # and in the age-bounded groups of the statements (calckg.age_match)
    ages = {question[a:b]: years for a, b, years in stated_ages(question)}
    # the words inside a term of the general vocabulary (a disease or finding): never a paraphrase's own wording
    medical = {w.group().casefold() for m in general for w in WORD.finditer(question, m.start, m.end)}
    clipped = clipped_completions(question, stop, index)  # "diff" of "C. diff": "difficile"
    for word, stem in zip(loose, index.stems(loose), strict=True):
        exact = any(ch.isdigit() for ch in word) and word not in ages
        stem = word.casefold() if exact and stem else stem  # "0.01" and "0.02" are two numbers, not the stem "0"
        if stem and f"stem:{stem}" not in units:
            completed = (clipped[word.casefold()],) if word.casefold() in clipped else ()
            forms = () if exact else tuple(dict.fromkeys((*completed, *_forms(word, stem, index))))
            plain = not exact and word.casefold() not in medical and not forms and not index.uses(word)
            lay = () if exact else tuple(w for w in lay_words().get(word.casefold(), ()) if index.uses(w))
            related = () if exact else tuple(dict.fromkeys(
                w for w in (*(lay if index.uses(word) else ()), *close_words(stem)) if w not in stop and index.uses(w)))
            # the words a title may name the unit by: its clinical words, and its close words rare as English
            clinical = tuple(dict.fromkeys([*lay, *(w for w in related if rarity(w) >= CLINICAL_RARITY)]))
            units[f"stem:{stem}"] = Unit(f"stem:{stem}", word.casefold(), (word,), (),
                                         rarity(word) * (PLAIN_ABSENT if plain else 1.0), exact, forms,
                                         related=related, age=ages.get(word), clinical=clinical)
    return tuple(refs.values()), tuple(units.values())


def _lay_phrases(question: str, index: TextIndex) -> list[tuple[int, int, str]]:
    """(start, end, clinical word as some article writes it) of each everyday phrase of data/lay-phrases.tsv the
    question writes (any case, its last word maybe plural; the longest first), when some article writes the clinical
    word or one of its spellings ("hyperkalemia" for "hyperkalaemia")."""
    phrases = lay_phrases()
    tokens = [(m.start(), m.end(), m.group().casefold()) for m in WORD.finditer(question)]
    longest = max((len(words) for words in phrases), default=0)
    found: list[tuple[int, int, str]] = []
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 1, -1):
            words = tuple(token[2] for token in tokens[position : position + size])
            clinical = phrases.get(words) or phrases.get((*words[:-1], words[-1].removesuffix("s")))
            written = None if clinical is None else next(
                (form for form in (clinical, *spelling_variants(clinical)) if index.uses(form)), None)
            if written is not None:
                found.append((tokens[position][0], tokens[position + size - 1][1], written))
                position += size
                break
        else:
            position += 1
    return found


def _concept_matches(question: str, general: Iterable[ConceptMatch], index: TextIndex, stop: frozenset[str]
                     ) -> list[tuple[ConceptMatch, tuple[str, ...]]]:
    """The core and pack concepts the question names, and the general concepts that bridge wordings, each with the
    concepts it also stands for, in reading order. A general concept is used only when the graph does not use the
    question's own words for it, stop words aside ("heart attack" where an article says "myocardial infarction"),
    and an article mentions it or a general concept of the same meaning (calckg.lexicon.Lexicon.equivalents); it
    then replaces the core and pack matches inside its words. Otherwise its words are looked up as words."""
    bridges: list[tuple[ConceptMatch, tuple[str, ...]]] = []
    for match in general:
        if all(index.uses(w.group()) for w in WORD.finditer(question, match.start, match.end)
               if w.group().casefold() not in stop):
            continue
        slug = str(match.concept).removeprefix(CONCEPT)
        same = tuple(f"{CONCEPT}{other}" for other in general_lexicon().equivalents(slug))
        if index.articles_mentioning((str(match.concept), *same)):
            bridges.append((match, same))
    kept = [(match, ()) for match in shipped_name_heads().keep(question, default_matcher().match(question))
            if not any(match.start < bridge.end and bridge.start < match.end for bridge, _ in bridges)
            and _stands_for(question[match.start : match.end], str(match.concept), index)]
    return sorted([*kept, *bridges], key=lambda found: found[0].start)


def _stands_for(words: str, concept: str, index: TextIndex) -> bool:
    """Whether the question's words name the concept: always, unless they are an abbreviation that the articles
    write only for something else (some statement writes it without mentioning the concept, none with it: an
    article's matcher links an abbreviation only where the article says what it stands for, calckg.article_matcher).
    "US guidance" is then no ultrasound, and its words are looked up as words."""
    if not match_rules().is_abbreviation(words):
        return True
    used_for, used_otherwise = index.written_as(words, concept)
    return used_for or not used_otherwise


CLINICAL_RARITY = 0.9
"""A close word of a question's word this rare as English (a clinical term: "urticaria" for "hives") names the unit
in an article's title (Unit.clinical)."""

SPELLING_RARITY = 0.3
"""A word this specific (calckg.question_kinds.rarity) is also looked up in its other spellings when some article
uses it as asked ("hemorrhage" where one article writes it so and another "haemorrhage"); a commoner word only when
no article uses it ("four" never becomes "for")."""

PREFIX_FROM = 6
"""A stem this long or longer also matches the index terms that begin with all of it but its last letter."""
PREFIX_LONGER = 3
"""… unless one of those terms is more than this many letters longer than the stem: then the prefix also reaches
another word ("breath*" reaches "breathless", and "My breath test is still positive …" went to the COPD article),
and the word is looked up as it is. "suspic*" (suspicious, suspicion) is kept. On the 21 articles' questions:
answers and refusals unchanged, two wrong answers became refusals (one from another article)."""


def _forms(word: str, stem: str, index: TextIndex) -> tuple[str, ...]:
    """The word's other forms in the index: its digits (a number word), its other number (data/irregular-plurals.tsv:
    "children" for "child") when some article uses it, the clinical words of an everyday word no article uses
    (data/lay-words.tsv: "injections" for "jabs"), the spellings of
    data/spelling-variants.tsv that some article uses (for a common word, only when no article uses it as asked:
    SPELLING_RARITY), and its stem's prefix (derived words: "suspicious", "suspicion")."""
    digits = [d for w, d in kind_table().number_words if w == word.casefold()]
    other = irregular_plurals().get(word.casefold())
    numbered = [other] if other and index.uses(other) else []  # "child" and "children": one word
    # an everyday word no article writes: the clinical words some article writes for it ("jabs": "injections")
    clinical = [] if index.uses(word) else [w for w in lay_words().get(word.casefold(), ()) if index.uses(w)]
    asked_as_is = index.uses(word) and rarity(word) < SPELLING_RARITY  # "four" is no spelling of "for"
    spelled = [] if asked_as_is else [v for v in spelling_variants(word) if index.uses(v)]
    prefixes = [f"{stem[:-1]}*" for stem in [stem, *index.stems(spelled)] if len(stem) >= PREFIX_FROM
                and all(len(term) <= len(stem) + PREFIX_LONGER for term in index.terms_beginning(stem[:-1]))]
    return tuple(dict.fromkeys([*digits, *numbered, *clinical, *spelled, *prefixes]))
