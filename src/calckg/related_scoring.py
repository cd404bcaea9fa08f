"""Pure related-question scoring: partial credit along skos:broader chains, coverage (article mode) and soft
weighted Dice (free text), the link rule, and the result types. No store, no JSON: calckg.related does the I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rdflib import URIRef

from calckg.related_space import ConceptSpace

__all__ = ["MIN_SHARED_SPECIFICITY", "STEP_CREDIT", "THRESHOLD", "Match", "RankedQuestion", "RelatedResult",
           "Scored", "coverage", "dice", "is_linked"]

THRESHOLD = 0.35
"""A question is linked when its score is at least this (and it shares specific meaning, see is_linked)."""
MIN_SHARED_SPECIFICITY = 0.45
"""A link needs shared concepts whose specificity adds up to this: one generic concept (malignancy 0.20,
calcification 0.24, breast 0.32) never links a question by itself."""
STEP_CREDIT = 0.5
"""Credit kept per skos:broader step between a concept and the one it matches."""
SCORE_DECIMALS = 3


@dataclass(frozen=True)
class Match:
    """A concept both sides are about. ``credit`` is 1 for the same concept and halves per broader step;
    ``own`` is the ranked question's concept, ``other`` the concept of the other side it matched."""

    concept: URIRef
    label: str
    credit: float
    own: URIRef
    other: URIRef
    via: str = ""
    """Label of the concept at the other end of the chain (empty for an exact match)."""


@dataclass(frozen=True)
class RankedQuestion:
    question: str
    iri: URIRef | None
    score: float
    linked: bool
    shared: tuple[Match, ...] = ()

    @property
    def shared_concepts(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.shared)


@dataclass(frozen=True)
class RelatedResult:
    """Questions related to ``question``, best first. ``concepts``: labels of the concepts the question names;
    ``profile``: what it was scored against (article mode: the concepts of its question and statements). An empty
    profile means the graph cannot relate the question to anything."""

    question: str
    related: tuple[RankedQuestion, ...]
    concepts: tuple[str, ...]
    profile: tuple[str, ...]
    question_iri: URIRef | None = None
    article: URIRef | None = None
    threshold: float = THRESHOLD

    @property
    def supported(self) -> bool:
        return bool(self.profile)

    @property
    def linked(self) -> tuple[RankedQuestion, ...]:
        return tuple(q for q in self.related if q.linked)


def is_linked(score: float, shared: Iterable[Match], space: ConceptSpace, threshold: float = THRESHOLD) -> bool:
    """Linked: the score reaches the threshold and the shared concepts carry specific meaning together (their
    specificity adds up to MIN_SHARED_SPECIFICITY)."""
    specific = sum(space.weight(concept) for concept in {m.concept for m in shared})
    return score >= threshold and specific >= MIN_SHARED_SPECIFICITY


def _gain(own: Iterable[URIRef], other: frozenset[URIRef], space: ConceptSpace) -> tuple[float, float, list[Match]]:
    """(weight of `own`, the part of it `other` credits, the matches): each own concept takes its best match."""
    total = gained = 0.0
    matches = []
    for concept in sorted(own):
        weight = space.weight(concept)
        total += weight
        candidates = [(steps, -space.weight(general), str(general), str(target), general, target)
                      for target, (steps, general) in space.reach(concept).items() if target in other]
        if candidates:
            steps, _, _, _, general, target = min(candidates)
            via = "" if steps == 0 else space.label(concept if general != concept else target)
            matches.append(Match(general, space.label(general), STEP_CREDIT**steps, concept, target, via))
            gained += weight * STEP_CREDIT**steps
    return total, gained, matches


def _shared(matches: Iterable[Match], space: ConceptSpace) -> tuple[Match, ...]:
    """One entry per shared concept (its best credit): most credit first, then most specific, then by label."""
    best: dict[URIRef, Match] = {}
    for match in matches:
        if match.concept not in best or match.credit > best[match.concept].credit:
            best[match.concept] = match
    return tuple(sorted(best.values(), key=lambda m: (-m.credit, -space.weight(m.concept), m.label, str(m.concept))))


def _rounded(score: float) -> float:
    return float(Decimal(repr(score)).quantize(Decimal(1).scaleb(-SCORE_DECIMALS), rounding=ROUND_HALF_UP))


Scored = tuple[float, tuple[Match, ...]]


def coverage(question: frozenset[URIRef], profile: frozenset[URIRef], space: ConceptSpace,
             words: Mapping[str, float] | None = None, covered: frozenset[str] = frozenset()) -> Scored:
    """Share of the question's weighted concepts and other words that the profile covers (article mode).

    ``words``: the question's words outside any concept (by stem) with their weights; ``covered``: the stems the
    article's text contains. A question whose distinctive words the article never uses ("TI-RADS 4 nodule") is
    not covered by the one generic concept it shares ("malignancy")."""
    total, gained, matches = _gain(question, profile, space)
    if not matches:
        return 0.0, ()  # words only weigh a shared concept; alone they relate nothing
    words = words or {}
    total += sum(words.values())
    gained += sum(weight for stem, weight in words.items() if stem in covered)
    return (_rounded(gained / total) if total else 0.0), _shared(matches, space)


def dice(a: frozenset[URIRef], b: frozenset[URIRef], space: ConceptSpace) -> Scored:
    """Soft weighted Dice coefficient of two questions' concepts (free-text mode); matches are ``a``'s view."""
    total_a, gained_a, matches_a = _gain(a, b, space)
    total_b, gained_b, _ = _gain(b, a, space)
    total = total_a + total_b
    return (_rounded((gained_a + gained_b) / total) if total else 0.0), _shared(matches_a, space)


