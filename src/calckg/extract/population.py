"""The population of a figure claim, only where the statement names it plainly: a population cue of
data/claim-cues.json ("of patients with", "in women with" …: a preposition, a group and a word of
population_condition_links; also with a sample
size and one word, "of 513 non-pregnant women with", or a sample size alone, "randomised 1,663 patients with"),
then a phrase that runs to punctuation, the next cue or a word of population_phrase_ends, ends with a concept
mention and has at most MAX_PHRASE_WORDS words; a word of population_phrase_breaks ending it (a relative clause, a
comparison) makes it no plain population, unless it opens a relative clause on the group (population_relative_breaks)
that runs to punctuation and ends with a concept, within MAX_RELATIVE_WORDS words of the phrase's start: the phrase
goes on with it ("adults with IDA who could not tolerate or did not respond to oral iron").

The population is then the group and the phrase as written ("patients with primary hyperparathyroidism"), kept
as ck:populationText (never compared across articles). It holds for a figure written right before its cue ("15-20%
of patients with …") and the figures of a parenthesis right after its phrase, or for every figure of a statement
that names exactly one such population (not one written after the cue of another figure, nor after a group word).

An age-bounded group is a population too (:func:`age_populations`): a group word, then an age word, a comparator
word or both, written right before an age ("adults under 65 years", "737 adults aged 65 years or older"), through a
comparator written after it, and through a condition written right after that when it is named as plainly as a
cue's phrase ("men aged 45 to 64 years with high cholesterol"). It holds for the age itself and, as above, for every
figure written after it in a statement that names no other population. So is the group a natural frequency counts
in, written right after it ("1 in 3 people with open-angle glaucoma": :func:`ratio_populations`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from calckg.extract.measure_choice import QUANTITIES, is_time
from calckg.link import ConceptMatch
from calckg.model import Statistic, StatisticKind

if TYPE_CHECKING:
    from calckg.extract.cues import ClaimCues

__all__ = ["PHRASE_END", "AgeGroups", "Population", "age_populations", "claimed", "population_for", "population_of",
           "no_age_of", "populations", "ratio_populations", "statement_populations", "written_within"]

PHRASE_END = re.compile(r"\s*(?:[.,;:()\[\]]|$)")
"""Where any population phrase ends: punctuation or the text's end (the cue file adds its end words)."""
_SPACE = re.compile(r"\s+")
_SAMPLE = re.compile(r"^\d[\d,]*\s+")


@dataclass(frozen=True)
class Population:
    start: int  # where its cue starts in the statement text
    text: str | None  # the group and the concept, as written; None when the phrase is not plain
    end: int = -1  # where an age-bounded group ends (after its age); -1 for a cue's population
    claimed: bool = False
    """Its cue follows a figure at once ("78% in patients with confirmed COPD"): that figure's population only, not
    the statement's ("mortality fell by 58% in all patients and by 78% in patients with …"), and that of the figures
    of a parenthesis written right after its phrase ("… confirmed COPD (relative risk 0.22; 95% CI …)")."""
    phrase_end: int = -1
    """Where a cue's phrase ends in the text (-1: not named plainly, or an age-bounded group)."""


@dataclass(frozen=True)
class AgeGroups:
    """What names an age-bounded group: `before` matches a group, then an age word, a comparator word or both, right
    before an age (searched up to the age's start), `after` a comparator right after it, `units` the ages' units."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    units: frozenset[str]
    another: re.Pattern[str] = re.compile(r"(?!)")
    """An age-bounded group written after a figure ("… and 20% of those aged 60+", "… almost 10% in those over 75"):
    a preposition of the population cues, a group or a referent word ("those"), then an age word or a comparator."""
    around: re.Pattern[str] = re.compile(r"(?!)")
    """The same group written right before a figure, which is then its age ("those over 75", "those aged 60+")."""
    named: re.Pattern[str] = re.compile(r"(?!)")
    """A group or referent, then optionally an age word or a comparator, right before a figure: the figure is that
    group's age ("adults 75 years or older", "adults aged 40 to 75 years"); read by calckg.age_match."""
    any_group: re.Pattern[str] = re.compile(r"(?!)")
    """A group or referent word anywhere: a figure written after one ("For people who have had an episode … within
    the previous 6 months, …") belongs to that group, not to a population named later in the sentence."""
    condition: re.Pattern[str] = re.compile(r"(?!)")
    """A word of population_condition_links right after an age, opening the condition the group is defined by ("men
    aged 45 to 64 years with high cholesterol"), matched there."""
    age_word: re.Pattern[str] = re.compile(r"(?!)")
    """An age word, then optionally a comparator, right before a figure (searched up to its start): the figure is an
    age, whoever's it is ("especially if they are aged 50 or over"), and measures nothing (method 82)."""
    words: frozenset[str] = frozenset()
    """The age words themselves, in lower case: a concept written as one ("women of reproductive age") is an age."""


MAX_PHRASE_WORDS = 8
MAX_RELATIVE_WORDS = 14
"""At most this many words in a phrase and the relative clause on its group that goes on with it."""
"""A population phrase (what follows "with") has at most this many words; a longer one is no plain name."""


def populations(text: str, cues: re.Pattern[str], mentions: Sequence[ConceptMatch],
                ends: re.Pattern[str] = PHRASE_END) -> list[Population]:  # fmt: skip
    """Every population cue of `text`, with its population where it is named plainly: the cue, then a phrase that
    ends at punctuation, the text's end or a word of `ends`, and that ends with a concept mention ("patients with
    severe heart failure (…", "women with lower UTI in …"), in at most MAX_PHRASE_WORDS words. The population is
    the cue's group (without its preposition and a sample size) and the phrase, as written."""
    found = []
    starts = [cue.start() for cue in cues.finditer(text)]
    for cue in cues.finditer(text):
        after = _SPACE.match(text, cue.end())
        end = _phrase_end(text, after.end(), mentions, ends, starts) if after else None
        if end is None or after is None:
            found.append(Population(cue.start(), None))
            continue
        group = _SAMPLE.sub("", cue.group(0).split(maxsplit=1)[1])  # "513 women with" → "women with"
        named = f"{' '.join(group.split())} {' '.join(text[after.end():end].split())}"
        found.append(Population(cue.start(), named, phrase_end=end))
    return found


def _phrase_end(text: str, start: int, mentions: Sequence[ConceptMatch], ends: re.Pattern[str],
                cue_starts: Sequence[int] = (), *, before_aside: bool = True) -> int | None:  # fmt: skip
    """Where the population phrase starting at `start` ends, when it is named plainly: at punctuation, the text's
    end, a word of `ends` or the next cue, with a concept mention ending there, in at most MAX_PHRASE_WORDS words,
    and not ended by a qualifying word (a relative clause, a comparison); else None. Without `before_aside`, a
    phrase that ends before a parenthesis is not plain either: what follows it may be what names the group ("with a
    low-density lipoprotein cholesterol (LDL-C) of 190 mg/dL or higher")."""
    stop = next((m for m in ends.finditer(text, start) if not m.groupdict().get("range")), None)
    end = min(([stop.start()] if stop else []) + [s for s in cue_starts if s > start][:1], default=len(text))
    ended = any(m.start >= start and m.end == end for m in mentions)
    qualified = stop is not None and end == stop.start() and stop.groupdict().get("qualified") is not None
    if ended and qualified and stop is not None and stop.groupdict().get("relative") is not None:
        return _relative_end(text, start, end, mentions)
    aside = not before_aside and text[end:].lstrip().startswith("(")
    plain = ended and not qualified and not aside and 0 < len(text[start:end].split()) <= MAX_PHRASE_WORDS
    return end if plain else None


def _relative_end(text: str, start: int, end: int, mentions: Sequence[ConceptMatch]) -> int | None:
    """Where a plain phrase that a relative clause on its group goes on with ends ("adults with IDA who could not
    tolerate or did not respond to oral iron,"): at punctuation or the text's end, with a concept mention ending
    there, in at most MAX_RELATIVE_WORDS words from the phrase's start; else None (the clause may state a result)."""
    stop = PHRASE_END.search(text, end)
    finish = stop.start() if stop is not None else len(text)
    named = any(m.start >= end and m.end == finish for m in mentions)
    return finish if named and len(text[start:finish].split()) <= MAX_RELATIVE_WORDS else None


def statement_populations(text: str, statistics: Sequence[Statistic], mentions: Sequence[ConceptMatch],
                          cues: ClaimCues) -> list[Population]:
    """Every population a statement names plainly, in the order :func:`population_for` reads them: the cues'
    phrases, the groups natural frequencies count in (method 143), each marked :func:`claimed`, then the age-bounded
    groups when the cue file has age words."""
    ends = cues.population_end
    found = claimed(text, populations(text, cues.population, mentions, ends)
                    + ratio_populations(text, statistics, cues.ratio_group, mentions, ends), statistics)
    if cues.age_groups is not None:
        found += age_populations(text, statistics, cues.age_groups, mentions, ends)
    return found


def claimed(text: str, found: Sequence[Population], statistics: Sequence[Statistic]) -> list[Population]:
    """The populations, each marked `claimed` when its cue follows one of the statistics at once."""
    return [replace(p, claimed=any(s.end <= p.start and not text[s.end : p.start].strip() for s in statistics))
            if p.end < 0 else p for p in found]


def age_populations(text: str, statistics: Sequence[Statistic], groups: AgeGroups,
                    mentions: Sequence[ConceptMatch] = (), ends: re.Pattern[str] = PHRASE_END
                    ) -> list[Population]:  # fmt: skip
    """Every age-bounded group of `text`: "adults under 65 years", "people aged 65 years or older", with the
    condition written right after it when that is named plainly as a population phrase is ("adults aged 40 to 75
    years with diabetes")."""
    found = []
    for statistic in statistics:
        if statistic.unit not in groups.units:
            continue
        group = groups.before.search(text, 0, statistic.start)
        if group is None:
            continue
        after = groups.after.match(text, statistic.end)
        end = after.end() if after else statistic.end
        condition = groups.condition.match(text, end)
        named_to = _phrase_end(text, condition.end(), mentions, ends, before_aside=False) if condition else None
        found.append(Population(group.start(), _SPACE.sub(" ", text[group.start() : named_to or end]), end))
    return found


def ratio_populations(text: str, statistics: Sequence[Statistic], group: re.Pattern[str],
                      mentions: Sequence[ConceptMatch] = (), ends: re.Pattern[str] = PHRASE_END
                      ) -> list[Population]:  # fmt: skip
    """The group a natural frequency counts in, written right after it (`group`: a group and a word of
    population_condition_links, matched at the figure's end): "1 in 3 people with open-angle glaucoma have …", "about
    3 in 4 people with multiple sclerosis" (method 143). Its phrase is read as a cue's is; the figure claims it."""
    found = []
    for statistic in statistics:
        cue = group.match(text, statistic.end) if statistic.kind is StatisticKind.PROPORTION else None
        if cue is None:
            continue
        start = cue.start() + len(cue.group(0)) - len(cue.group(0).lstrip())
        after = _SPACE.match(text, cue.end())
        end = _phrase_end(text, after.end(), mentions, ends) if after else None
        named = None if end is None or after is None else _SPACE.sub(" ", text[start:end])
        found.append(Population(start, named, phrase_end=-1 if end is None else end))
    return found


def _in_aside(text: str, after: int, at: int) -> bool:
    """Whether `at` lies inside a parenthesis that opens right after `after`."""
    if after < 0 or at <= after:
        return False
    between = text[after:at]
    return between.lstrip().startswith("(") and ")" not in between


def population_of(text: str, statistic: Statistic, found: Sequence[Population],
                  groups: AgeGroups | None = None) -> str | None:  # fmt: skip
    """The text of :func:`population_for`."""
    population = population_for(text, statistic, found, groups)
    return None if population is None else population.text


def no_age_of(groups: AgeGroups | None, text: str, statistic: Statistic, match: ConceptMatch,
              borrowed: bool) -> bool:  # fmt: skip
    """Whether the concept at `match` (`borrowed`: from the lead-in or the title) is no outcome of the figure by the
    age words: the figure is written right after an age word ("aged 50 or over": an age, which measures no disease or
    finding, only the concept that age word names, "Age 65 years or more"; method 82), or the concept is written as an
    age word outside the figure's words and the figure cannot be an age, being no time and no bare number ("affects
    about 10% of women of reproductive age", "three times more common in women … between the ages of 40 and 60
    years": an age describes the group; method 151)."""
    if groups is None:
        return False
    word = groups.age_word.search(text, 0, statistic.start)
    if word is not None:
        return not (match.start <= word.start() < match.end and not borrowed)
    return (not borrowed and text[match.start : match.end].casefold() in groups.words
            and not statistic.start <= match.start < statistic.end
            and not (is_time(statistic) or statistic.unit is None and statistic.kind in QUANTITIES))


def written_within(population: Population | None, start: int, end: int) -> bool:
    """Whether text[start:end] stands in the population's words (its cue and phrase, or its age-bounded group)."""
    last = -1 if population is None else max(population.phrase_end, population.end)
    return population is not None and population.start <= start and end <= last


def population_for(text: str, statistic: Statistic, found: Sequence[Population],
                   groups: AgeGroups | None = None) -> Population | None:  # fmt: skip
    """The population `statistic` holds for (its text None when not named plainly): the age-bounded group it is the
    age of, else the one whose cue follows it at once, else the age-bounded group it is the rate of ("6% of people
    aged < 60 years"; None when `groups` reads that group as no population: "20% of those aged 60+", "10% in those
    over 75", or the figure is the age of such a group), else the statement's only one (None when that one is not
    named plainly, or the statement has several, or it is an age-bounded group written after the figure, or one
    written after the figure while a group word stands before it, or one whose cue follows another figure at
    once)."""
    for population in found:
        if population.start <= statistic.start and statistic.end <= population.end:
            return population
    for population in found:
        if population.start >= statistic.end and not text[statistic.end : population.start].strip():
            return population
        if population.claimed and _in_aside(text, population.phrase_end, statistic.start):
            return population  # "78% in patients with confirmed COPD (relative risk 0.22; …)"
    named = groups.another.match(text, statistic.end) if groups is not None else None  # "6% of people aged < 60"
    if named is not None or (groups is not None and groups.around.search(text, 0, statistic.start)):
        # the figure is that group's rate (or the age of a group written around it): that group's, or none
        start = named.start("group") if named is not None else -1
        return next((p for p in found if p.end >= 0 and p.start == start), None)
    if len(found) != 1 or (found[0].end >= 0 and found[0].start >= statistic.end) or found[0].claimed:
        return None  # an age-bounded group after the figure may be one group of several ("especially smokers and …")
    if found[0].start >= statistic.end and groups is not None and groups.any_group.search(text, 0, statistic.start):
        return None  # the figure has a group of its own ("For people who have had … within 6 months, …, with caution
        # in people with congestive heart failure")
    return found[0]
