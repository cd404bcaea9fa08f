"""Acronyms a question writes that no article writes, read as the phrase the articles use for them.

A clinician asks "How low should SBP be kept after ICH?" of an article that always says "systolic blood pressure"
and "intracerebral haemorrhage" and never defines either acronym. calckg.abbreviations finds only definitions an
article writes ("fine-needle aspiration (FNA)"); this module reads an undefined acronym of the question with the
rule of Schwartz and Hearst (2003) turned around: the acronym's letters, in order, start the words of a phrase the
candidate articles write (a letter may also stand inside the word whose start the letter before it matched:
"intra*c*erebral"), with at most one stop word between two of those words ("time in therapeutic range"). The
phrase the candidates write most often replaces the acronym in the question before it is read, when they write it
at least :data:`MIN_OCCURRENCES` times or it is a term of the vocabulary (core, packs or the general one: "diabetic
ketoacidosis"). Nothing is added to the graph and nothing comes from outside the articles.

An acronym is left as it is when an article writes it, when the vocabulary has it as a label, when it is a common
English word ("OK", "US") or a stop word, or when no phrase or no single most frequent phrase is found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations

from calckg.lexicon import general_lexicon
from calckg.question_kinds import kind_table, rarity
from calckg.text_index import WORD, TextIndex
from calckg.vocabulary import default_matcher

__all__ = ["expand_acronyms", "long_forms"]

ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,6})(s?)(?![\w-])")
"""Two to six capitals, written alone (not inside a hyphenated word or code), with an optional plural "s"."""

MIN_OCCURRENCES = 2
"""A phrase written once may be a coincidence of initials ("both patients" for "BP"); twice is a usage."""

CANDIDATE_ARTICLES = 20
"""Only the articles that share most of the question's other words are read for phrases."""

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
    stop = "|".join(sorted(map(re.escape, stop_words), key=lambda w: (-len(w), w)))
    gap = rf"(?:[\s-]+(?:(?:{stop})\s+)?)" if stop else r"[\s-]+"
    splits = [cuts for size in range(len(acronym) - 1, 0, -1) for cuts in combinations(range(1, len(acronym)), size)]
    alternatives = []
    for cuts in splits:
        bounds = (0, *cuts, len(acronym))
        groups = [acronym[a:b] for a, b in zip(bounds, bounds[1:])]
        alternatives.append(gap.join(_letters(group) for group in groups))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def long_forms(acronym: str, texts: Iterable[str], stop_words: frozenset[str]) -> Counter[str]:
    """How often the texts write each phrase the acronym can abbreviate (casefolded, spaces normalised). A phrase
    that starts or ends with a stop word is none ("in critical hours" for "ICH"); inside a phrase, a stop word may
    be the one allowed between two words or stand for a letter (the pattern cannot tell them apart)."""
    pattern = _phrase_pattern(acronym, stop_words)
    found: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(text):
            phrase = " ".join(match.group().casefold().split())
            words = WORD.findall(phrase)
            if words[0] in stop_words or words[-1] in stop_words:
                continue
            found[phrase] += 1
    return found


def _unknown(acronym: str, index: TextIndex, stop_words: frozenset[str]) -> bool:
    return (acronym.casefold() not in stop_words and rarity(acronym) >= COMMON_WORD_RARITY
            and not index.uses(acronym) and not default_matcher().match(acronym))


def _is_term(phrase: str) -> bool:
    """Whether the whole phrase is a label of the vocabulary."""
    return any(m.start == 0 and m.end == len(phrase)
               for matcher in (default_matcher(), general_lexicon().matcher) for m in matcher.match(phrase))


def _candidates(question: str, index: TextIndex, stop_words: frozenset[str]) -> list[int]:
    """The articles that use most of the question's other words (each weighing its rarity as English), at most
    CANDIDATE_ARTICLES; every article of a small graph when the question has no other word."""
    covered: dict[int, float] = {}
    for word in dict.fromkeys(w for w in WORD.findall(ACRONYM.sub(" ", question)) if w.casefold() not in stop_words):
        for article in index.articles_with(word):
            covered[article] = covered.get(article, 0.0) + rarity(word)
    if not covered:
        return sorted(index.articles) if index.article_count() <= CANDIDATE_ARTICLES else []
    return sorted(covered, key=lambda a: (-covered[a], a))[:CANDIDATE_ARTICLES]


def expand_acronyms(question: str, index: TextIndex) -> str:
    """The question with each acronym that no article writes replaced by the phrase the articles write for it
    (module docstring); the question unchanged when there is none."""
    stop_words = kind_table().stop_words
    asked = [m for m in ACRONYM.finditer(question) if _unknown(m.group(1), index, stop_words)]
    if not asked:
        return question
    texts = index.statement_texts(_candidates(question, index, stop_words))
    expanded = question
    for match in reversed(asked):  # from the end, so earlier positions stay valid
        counts = long_forms(match.group(1), texts, stop_words)
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            continue  # no phrase, or two equally used
        if ranked[0][1] < MIN_OCCURRENCES and not _is_term(ranked[0][0]):
            continue
        expanded = expanded[: match.start()] + ranked[0][0] + expanded[match.end():]
    return expanded
