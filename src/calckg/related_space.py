"""The vocabulary tree related-question ranking scores with: labels, skos:broader links and specificity weights.

Specificity of a concept is its intrinsic information content in the skos:broader tree (Zhou, Wang & Gu 2008,
k = 0.5): the mean of how little it covers, ``1 - log(descendants + 1) / log(concepts)``, and how deep it sits,
``log(depth + 1) / log(max depth + 1)``. Broad top concepts come out low (malignancy 0.20, calcification 0.24,
breast 0.32), deep leaves high. It comes from the vocabulary, not from the corpus, so adding an article never
moves another article's scores (calckg.related explains why corpus idf would mislead here).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

__all__ = ["MAX_STEPS", "ConceptSpace", "shipped_concept_space"]

MAX_STEPS = 2
"""Partial credit runs at most this many skos:broader steps."""


@dataclass(frozen=True)
class ConceptSpace:
    """Labels, specificity weights and the skos:broader tree of a vocabulary."""

    labels: Mapping[URIRef, str]
    weights: Mapping[URIRef, float]
    broader: Mapping[URIRef, frozenset[URIRef]]
    narrower: Mapping[URIRef, frozenset[URIRef]]
    _reach: dict[URIRef, dict[URIRef, tuple[int, URIRef]]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_edges(cls, labels: Iterable[tuple[URIRef, str]], edges: Iterable[tuple[URIRef, URIRef]]) -> ConceptSpace:
        """``labels``: (concept, English prefLabel); ``edges``: (narrower, broader) pairs."""
        named: dict[URIRef, str] = {}
        for concept, label in labels:
            if concept not in named or label < named[concept]:
                named[concept] = label
        up: dict[URIRef, set[URIRef]] = defaultdict(set)
        down: dict[URIRef, set[URIRef]] = defaultdict(set)
        for child, parent in edges:
            if child != parent:
                up[child].add(parent)
                down[parent].add(child)
        broader = {c: frozenset(p) for c, p in up.items()}
        narrower = {c: frozenset(n) for c, n in down.items()}
        return cls(named, _specificity(set(named) | set(broader) | set(narrower), broader, narrower), broader, narrower)

    @classmethod
    def from_graph(cls, graph: Graph) -> ConceptSpace:
        labels = ((c, str(v)) for c, v in graph.subject_objects(SKOS.prefLabel)
                  if isinstance(c, URIRef) and isinstance(v, Literal) and v.language in (None, "en"))
        edges = [*graph.subject_objects(SKOS.broader), *((b, n) for n, b in graph.subject_objects(SKOS.narrower))]
        return cls.from_edges(labels, ((c, p) for c, p in edges if isinstance(c, URIRef) and isinstance(p, URIRef)))

    def label(self, concept: URIRef) -> str:
        return self.labels.get(concept) or str(concept).rstrip("/").rsplit("/", 1)[-1]

    def weight(self, concept: URIRef) -> float:
        return self.weights.get(concept, 1.0)  # a concept outside the tree: treat it as fully specific

    def reach(self, concept: URIRef) -> dict[URIRef, tuple[int, URIRef]]:
        """Concepts within MAX_STEPS broader steps straight up or straight down → (steps, the more general end)."""
        known = self._reach.get(concept)
        if known is not None:
            return known
        found = {concept: (0, concept)}
        up, down = {concept}, {concept}
        for steps in range(1, MAX_STEPS + 1):
            up = {p for c in up for p in self.broader.get(c, ())}
            down = {n for c in down for n in self.narrower.get(c, ())}
            for other in sorted(up):
                found.setdefault(other, (steps, other))
            for other in sorted(down):
                found.setdefault(other, (steps, concept))
        self._reach[concept] = found
        return found


def _specificity(concepts: set[URIRef], broader: Mapping[URIRef, frozenset[URIRef]],
                 narrower: Mapping[URIRef, frozenset[URIRef]]) -> dict[URIRef, float]:
    """Intrinsic information content in [0, 1] (Zhou et al. 2008, k = 0.5); see the module docstring."""
    depth: dict[URIRef, int] = {}
    frontier = sorted(c for c in concepts if not broader.get(c))
    level = 0
    while frontier:  # shortest distance from a top concept, breadth first
        for concept in frontier:
            depth.setdefault(concept, level)
        level += 1
        frontier = sorted({n for c in frontier for n in narrower.get(c, ()) if n not in depth})
    deepest = max(depth.values(), default=0)

    def descendants(concept: URIRef) -> int:
        seen: set[URIRef] = set()
        stack = [concept]
        while stack:
            for child in narrower.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return len(seen)

    weights = {}
    for concept in concepts:
        coverage = 1 - math.log(descendants(concept) + 1) / math.log(len(concepts)) if len(concepts) > 1 else 1.0
        position = math.log(depth.get(concept, 0) + 1) / math.log(deepest + 1) if deepest else 0.0
        weights[concept] = 0.5 * coverage + 0.5 * position
    return weights


@cache
def shipped_concept_space() -> ConceptSpace:
    """The tree of ontology/vocabulary.ttl, built once per process (like the default matcher)."""
    from calckg.vocabulary import shipped_vocabulary

    return ConceptSpace.from_graph(shipped_vocabulary())


