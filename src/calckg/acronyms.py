"""Acronyms a question writes that no article writes, read as the phrase the articles use for them.

A clinician asks "How low should SBP be kept after ICH?" of an article that always says "systolic blood pressure"
and "intracerebral haemorrhage" and never defines either acronym. calckg.abbreviations finds only definitions an
article writes ("fine-needle aspiration (FNA)"); this module reads an undefined acronym of the question with the
rule of Schwartz and Hearst (2003) turned around: the acronym's letters, in order, start the words of a phrase the
candidate articles write (a letter may also stand inside the word whose start the letter before it matched:
"intra*c*erebral"), with at most one stop word between two of those words ("time in therapeutic range"). The
articles that share most of the question's other words are read first, and the first of them that write such a
phrase decide: their plainest, most written phrase that is a term of the vocabulary (core, packs or the general one:
"systolic blood pressure", "diabetic ketoacidosis") replaces the acronym in the question before it is read; initials
that happen to fit ordinary words are no reading ("compared with placebo" for "CRP"). Nothing is added
to the graph and nothing comes from outside the articles.

An acronym is left as it is when an article writes it (as such, on its own: "OSA" inside the trial name
"SURMOUNT-OSA" is no writing of it, nor the "CT" that the index stems alike with "CTS"), when the vocabulary has it as a label, when it is a common
English word ("OK", "US") or a stop word, or when no phrase or no single most frequent phrase is found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations, pairwise

from calckg.claim_cues import alternation
from calckg.index_terms import WORD
from calckg.lexicon import general_lexicon
from calckg.question_kinds import kind_table, rarity
from calckg.text_index import TextIndex
from calckg.vocabulary import default_matcher

__all__ = ["expand_acronyms", "long_forms"]

ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,6})(s?)(?![\w-])")
"""Two to six capitals, written alone (not inside a hyphenated word or code), with an optional plural "s"."""

CANDIDATE_ARTICLES = 20
"""Only the articles that share most of the question's other words are read for phrases, best first: the articles
that share the most give the reading when they write a term for the acronym ("body mass index" in the article on
gestational diabetes, not the breast article's "breast microcalcifications"), the next ones only when they do
not."""

COMMON_WORD_RARITY = 0.3
"""An acronym that is also a word this common (calckg.question_kinds.rarity) is read as the word: "OK"."""


def _letters(group: str) -> str:
    """One word of the phrase for a group of the acronym's letters: the first starts the word, the others follow
    inside it, in order."""
    inner = "".join(rf"[^\W\d_]*?{re.escape(letter)}" for letter in group[1:])
    return rf"\b{re.escape(group[0])}{inner}[^\W\d_]*\b"


@lru_cache(maxsize=256)
def _phrase_pattern(acronym: str, stop_words: frozenset[str]) -> re.Pattern[str]:
    """Every split of the acronym into two or more groups, one word each, as one pattern: more words first (a word
    per letter is the plainest reading), so the leftmost match prefers them."""
    gap = rf"(?:[\s-]+(?:(?:{alternation(stop_words)})\s+)?)"
    splits = [cuts for size in range(len(acronym) - 1, 0, -1) for cuts in combinations(range(1, len(acronym)), size)]
    alternatives = []
    for cuts in splits:
        bounds = (0, *cuts, len(acronym))
        groups = [acronym[a:b] for a, b in pairwise(bounds)]
        alternatives.append(gap.join(_letters(group) for group in groups))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def long_forms(acronym: str, texts: Iterable[str], stop_words: frozenset[str]) -> Counter[str]:
    """How often the texts write each phrase the acronym can abbreviate (casefolded, spaces normalised). A phrase
    that starts or ends with a stop word is none ("in critical hours" for "ICH"); inside a phrase, a stop word may
    be the one allowed between two words or stand for a letter (the pattern cannot tell them apart). A plural
    written beside its singular counts as the singular ("thyroid nodules" and "thyroid nodule" are one reading, not
    two rival ones)."""
    pattern = _phrase_pattern(acronym, stop_words)
    found: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(text):
            phrase = " ".join(match.group().casefold().split())
            words = WORD.findall(phrase)
            if words[0] in stop_words or words[-1] in stop_words:
                continue
            found[phrase] += 1
    for phrase in [p for p in found if p.endswith("s") and p[:-1] in found]:  # "thyroid nodules": one reading
        found[phrase[:-1]] += found.pop(phrase)
    return found


def _unknown(acronym: str, index: TextIndex, stop_words: frozenset[str]) -> bool:
    return (acronym.casefold() not in stop_words and rarity(acronym) >= COMMON_WORD_RARITY
            and not (index.uses(acronym) and index.writes_alone(acronym)) and not default_matcher().match(acronym))


def _words_of(phrase: str, stop_words: frozenset[str]) -> int:
    """How many of the phrase's words are no stop word: the letters of the acronym they start."""
    return sum(word not in stop_words for word in WORD.findall(phrase))


def _is_term(phrase: str) -> bool:
    """Whether the whole phrase is a label of the vocabulary."""
    return any(m.start == 0 and m.end == len(phrase)
               for matcher in (default_matcher(), general_lexicon().matcher) for m in matcher.match(phrase))


def _candidates(question: str, index: TextIndex, stop_words: frozenset[str]) -> list[list[int]]:
    """The articles that use most of the question's other words (each weighing its rarity as English), at most
    CANDIDATE_ARTICLES, in groups of equal coverage, best first; every article of a small graph, as one group, when
    the question has no other word."""
    covered: dict[int, float] = {}
    for word in dict.fromkeys(w for w in WORD.findall(ACRONYM.sub(" ", question)) if w.casefold() not in stop_words):
        for article in index.articles_with(word):
            covered[article] = round(covered.get(article, 0.0) + rarity(word), 6)
    if not covered:
        return [sorted(index.articles)] if index.article_count() <= CANDIDATE_ARTICLES else []
    best = sorted(covered, key=lambda a: (-covered[a], a))[:CANDIDATE_ARTICLES]
    return [[a for a in best if covered[a] == level] for level in sorted({covered[a] for a in best}, reverse=True)]


def _reading(acronym: str, texts: list[str], stop_words: frozenset[str]) -> str | None:
    """The vocabulary term the texts write for the acronym: a letter per word is the plainest reading ("C-reactive
    protein" before a word holding two letters), then the term written most often. None when two terms are read
    alike, or when no phrase is a term but one has a word per letter (they spell the acronym out in words that are
    no term, "body mass index": no other article's "breast microcalcifications" may stand in for it); '' when they
    write no term and no such phrase (the next articles are read)."""
    counts = long_forms(acronym, texts, stop_words)
    ranked = sorted(((_words_of(p, stop_words), n, p) for p, n in counts.items() if _is_term(p)),
                    key=lambda item: (-item[0], -item[1], item[2]))
    if not ranked:  # a phrase with a word per letter is how these articles spell it out, though no term: no reading
        return None if any(_words_of(p, stop_words) == len(acronym) for p in counts) else ""
    if len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]:
        return None
    return ranked[0][2]


def expand_acronyms(question: str, index: TextIndex) -> str:
    """The question with each acronym that no article writes replaced by the phrase the articles write for it
    (module docstring); the question unchanged when there is none."""
    stop_words = kind_table().stop_words
    asked = [m for m in ACRONYM.finditer(question) if _unknown(m.group(1), index, stop_words)]
    if not asked:
        return question
    groups = _candidates(question, index, stop_words)
    read: dict[int, list[str]] = {}  # a group's statements, read when an acronym first needs them

    def texts(group: int) -> list[str]:
        if group not in read:
            read[group] = index.statement_texts(groups[group])
        return read[group]

    expanded = question
    for match in reversed(asked):  # from the end, so earlier positions stay valid
        # the articles that share most of the question decide; the next ones only when these write no phrase at all
        found = (_reading(match.group(1), texts(group), stop_words) for group in range(len(groups)))
        reading = next((phrase for phrase in found if phrase != ""), None)
        if reading:
            expanded = expanded[: match.start()] + reading + expanded[match.end():]
    return expanded
