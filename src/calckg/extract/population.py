"""The population of a figure claim, only where the statement names it plainly: a population cue of
data/claim-cues.json ("of patients with", "in women with" …: a preposition, a group and "with") followed at once by
a concept mention that ends the phrase (punctuation or the end of the text right after it).

The population is then the group and the concept as written ("patients with primary hyperparathyroidism"), kept
as ck:populationText (never compared across articles). It holds for a figure written right before its cue ("15-20%
of patients with …"), or for every figure of a statement that names exactly one such population.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from calckg.link import ConceptMatch
from calckg.model import Statistic

__all__ = ["Population", "populations", "population_of"]

_PHRASE_END = re.compile(r"\s*(?:[.,;:()\[\]]|$)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Population:
    start: int  # where its cue starts in the statement text
    text: str | None  # the group and the concept, as written; None when the phrase is not plain


def populations(text: str, cues: re.Pattern[str], mentions: Sequence[ConceptMatch]) -> list[Population]:
    """Every population cue of `text`, with its population where it is named plainly: the cue, then at once a concept
    mention that ends the phrase."""
    found = []
    for cue in cues.finditer(text):
        after = _SPACE.match(text, cue.end())
        mention = next((m for m in mentions if after and m.start == after.end()), None)
        if mention is None or not _PHRASE_END.match(text, mention.end):
            found.append(Population(cue.start(), None))
            continue
        group = cue.group(0).split(maxsplit=1)[1]  # the cue without its preposition: "patients with"
        found.append(Population(cue.start(), f"{' '.join(group.split())} {text[mention.start : mention.end]}"))
    return found


def population_of(text: str, statistic: Statistic, found: Sequence[Population]) -> str | None:
    """The population `statistic` holds for: the one whose cue follows it at once, else the statement's only one
    (None when that one is not named plainly, or the statement has several)."""
    for population in found:
        if population.start >= statistic.end and not text[statistic.end : population.start].strip():
            return population.text
    return found[0].text if len(found) == 1 else None
