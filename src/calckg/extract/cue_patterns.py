"""The patterns the claim cues build from the word lists of data/claim-cues.json (:mod:`calckg.extract.cues`):
population cues and phrases, arm links, age-bounded groups, scale words and what a copula's figure measures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from calckg.claim_cues import alternation
from calckg.extract.population import PHRASE_END, AgeGroups
from calckg.ingest.quantities import shipped_lexicon

__all__ = ["age_groups_patterns", "arm_links_pattern", "measured_before_pattern", "phrase_ends_pattern",
           "population_pattern", "scale_near_patterns", "words_pattern"]

SCALE_GAP = 30
"""At most this many characters between a scale word and the range it names ("the Westley croup score, which ranges
from 0 to 17")."""


def scale_near_patterns(words: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:attr:`ClaimCues.scale_near`: a scale word at most SCALE_GAP characters before a figure (no number, bracket or
    clause mark between), or right after it (a hyphenated "-point" allowed)."""
    if not words:
        return re.compile(r"(?!)"), re.compile(r"(?!)")
    scale = alternation(words)
    return (re.compile(rf"(?i)(?<![\w-])(?:{scale})(?![\w-])[^.;:()\d]{{0,{SCALE_GAP}}}$"),
            re.compile(rf"(?i)\s*(?:-?point\s+)?(?:{scale})(?![\w-])"))


def measured_before_pattern(copulas: list[str], determiners: list[str], continuations: list[str]) -> re.Pattern[str]:
    """:attr:`ClaimCues.measured_before`; a word of continuations may open the clause (", and the negative
    appendicectomy rate was 20.6%": method 105)."""
    if not copulas:
        return re.compile(r"(?!)")
    word = r"(?:[^\W\d_][\w'’-]*|\d+-[^\W\d_][\w'’-]*)"  # "12-month" is one word of a measure
    joined = rf"(?:(?:{alternation(continuations)})\s+)?" if continuations else ""
    leading = joined + (rf"(?:(?:{alternation(determiners)})\s+)?" if determiners else "")
    return re.compile(rf"(?i)(?:^|[,;:(]\s*){leading}(?P<what>{word}(?:\s+{word}){{0,7}})"
                      rf"\s+(?:{alternation(copulas)})\s+$")


def phrase_ends_pattern(ends: list[str], breaks: list[str], ranges: list[str],
                        relatives: list[str]) -> re.Pattern[str]:  # fmt: skip
    """Where a population phrase ends (:attr:`ClaimCues.population_end`); a range of population_phrase_ranges (group
    ``range``) is part of the phrase, though it holds an end word: "adults with moderate to severe rosacea"; a break
    of population_relative_breaks (group ``relative`` too) opens a relative clause on the group."""
    within = rf"\s*(?<![\w-])(?P<range>{alternation(ranges)})(?!\w)|" if ranges else ""
    relative = rf"(?P<relative>{alternation(relatives)})|" if relatives else ""
    return re.compile(rf"(?i){within}{PHRASE_END.pattern}|\s+(?:{alternation(ends)}"
                      rf"|(?P<qualified>{relative}{alternation(breaks)}))(?!\w)")


_MODIFIER = r"(?:[^\W\d_]+(?:-[^\W\d_]+)?\s+)?"
"""One word (hyphenated or not) may stand between an arm link and the arm ("37.8% with low-dose colchicine", "54% with
IV morphine", "8% of those who continued medical treatment": method 125)."""


def _prepositions(population: list[str]) -> str:
    """The prepositions the population cues start with ("of patients with" → "of"), as one alternation."""
    return alternation(sorted({cue.split()[0] for cue in population}))


def population_pattern(population: list[str], groups: list[str], treating: list[str],
                       links: list[str]) -> re.Pattern[str]:  # fmt: skip
    """The population cues, or a preposition of them, a sample size, one word and a group of population_groups, then
    a word of population_condition_links ("in 1,663 patients with", "of 513 non-pregnant women with"; a sample size
    alone will do: "randomised 1,663 patients with", but not right after a word of population_treatment_verbs); a count
    right after a number and a denominator word of data/quantities.json is a ratio's, no sample size ("1 in 3 people
    with", "one out of three patients with" open no cue; "fell by three in older patients with" does)."""
    if not groups or not links:
        return words_pattern(population)
    lexicon = shipped_lexicon()
    counts = [r"\d", *(rf"\b{re.escape(word)}" for word in sorted(lexicon.number_words))]
    # a count right after "1 in", "one out of" … is a ratio's denominator, not a sample size
    after_ratio = "".join(rf"(?<!{count}\s{re.escape(word)}\s)" for count in counts for word in lexicon.denominators)
    number_word = rf"(?:{alternation(lexicon.number_words)})(?!\w)"
    one_word = rf"(?:{after_ratio}(?={number_word})|(?!{number_word}))[^\W\d_][\w-]*\s+"  # "non-pregnant", "three"
    group = rf"(?:{one_word})?(?:{alternation(groups)})\s+(?:{alternation(links)})"
    composed = rf"(?:{_prepositions(population)})\s+(?:{after_ratio}\d[\d,]*\s+)?{group}"
    # "randomised 1,663 patients with …": a sample needs no preposition (nor takes a word before its group: "After 6
    # months patients with …" is a time); "Treating 255 patients with a statin" and "1 in 3 people with" are none
    counted = (rf"(?<![\d.,]){after_ratio}{_not_after(treating)}\d[\d,]*\s+(?:{alternation(groups)})"
               rf"\s+(?:{alternation(links)})")
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(population)}|{composed}|{counted})(?!\w)")


def _not_after(words: list[str]) -> str:
    """Negative look-behinds: not right after one of the words (and a space)."""
    return "".join(rf"(?<!\b{re.escape(w)}\s)" for w in sorted({w.casefold() for w in words}))


def arm_links_pattern(links: list[str], population: list[str], groups: list[str], participles: list[str],
               determiners: Iterable[str] = ()) -> re.Pattern[str]:
    """arm_links_after, or a preposition of the population cues, a group and a participle of arm_participles ("1% in
    men taking placebo", "3.2% of those given the vaccine"), then a word of `determiners` may stand before the arm
    ("16.4% of those who continued an antidepressant": method 77)."""
    composed = (rf"|(?:{_prepositions(population)})\s+(?:{alternation(groups)})\s+(?:{alternation(participles)})"
                if participles and groups else "")
    determiner = rf"(?:(?:{alternation(determiners)})\s+)?" if determiners else ""
    return re.compile(rf"(?i)\s+(?:{alternation(links)}{composed})\s+{determiner}{_MODIFIER}")


def age_groups_patterns(groups: list[str], age_words: list[str], units: list[str], referents: list[str],
                population: list[str], links: list[str]) -> AgeGroups | None:  # fmt: skip
    if not groups or not units:
        return None
    lexicon = shipped_lexicon()
    comparator = rf"(?:{alternation(lexicon.before)})\s+"
    between = rf"(?:(?:{alternation(age_words)})\s+(?:{comparator})?|{comparator})"  # "aged (under)", or "under"
    anyone = alternation([*groups, *referents])
    return AgeGroups(re.compile(rf"(?i)(?<!\w)(?:{alternation(groups)})\s+{between}$"),
                     re.compile(rf"(?i)\s+(?:{alternation(lexicon.after)})(?!\w)"), frozenset(units),
                     re.compile(rf"(?i)\s+(?:{_prepositions(population)})\s+(?P<group>(?:{anyone})\s+{between})"),
                     re.compile(rf"(?i)(?<!\w)(?:{anyone})\s+{between}$"),
                     re.compile(rf"(?i)(?<!\w)(?:{anyone})\s+(?:{between})?$"),
                     re.compile(rf"(?i)(?<!\w)(?:{anyone})(?!\w)"),
                     re.compile(rf"(?i)\s+(?:{alternation(links)})\s+"),  # no links: never matches
                     re.compile(rf"(?i)(?<!\w)(?:{alternation(age_words)})\s+(?:{comparator})?$"
                                if age_words else r"(?!)"), frozenset(w.casefold() for w in age_words))


def words_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(cues)})(?!\w)")
