"""Related questions: rank questions by the concepts they share in the graph, weighted by how specific each is.

Design (why it works this way):

- **Concepts of a question** are the ``schema:mentions`` the build recorded for its node, read from the store, so
  ranking works the same on every backend; a free-text QUESTION goes through the vocabulary matcher instead.
- **Specificity** of a concept is its intrinsic information content in the skos:broader tree (Zhou, Wang & Gu
  2008, k = 0.5): the mean of how little it covers, ``1 - log(descendants + 1) / log(concepts)``, and how deep it
  sits, ``log(depth + 1) / log(max depth + 1)``. Broad top concepts come out low (calcification 0.24, breast 0.32),
  deep leaves high (vaginal estrogen therapy 0.84). It comes from the vocabulary, not from counts in the corpus:
  the matcher takes the longest label, so "breast" alone is a *rare* mention (it hides inside "breast tissue",
  "breast cancer"…) and corpus idf would weigh it above microcalcification; and a weight that ignores the corpus
  means adding an article never moves another article's scores.
- **Partial credit** runs only along a chain of skos:broader, straight up or straight down, at most two steps,
  each step halving the credit (1, ½, ¼). Never sideways through a shared broader concept: two concepts that only
  sit under the same top concept (macro- and microcalcification under calcification) do not match, and urine
  calcium (a top concept with nothing above or below it) matches nothing of an article about breast calcification.
  The *shared concept* of a match is the more general end of the chain: what both sides are about.
- **Article mode** (no QUESTION): the article's meaning profile is the set of concepts its own question and its
  statements mention. A related question scores the share of its specificity-weighted concepts that the profile
  covers, ``sum(weight * credit) / sum(weight)``: how much of what the question asks the article speaks to. Coverage,
  not a symmetric measure, because an article names dozens of concepts and a question a handful.
- **Free-text mode**: a QUESTION is compared with every question of the graph symmetrically, by a soft weighted
  Dice coefficient: each side's concepts are credited against the other's, ``(gain_a + gain_b) / (weight_a +
  weight_b)``. The same wording as the QUESTION is left out, and a wording repeated across articles is shown once.
- **Threshold**: a question is *linked* when its score is at least ``THRESHOLD`` = 0.25. On the seed article the
  five breast questions score 0.39-0.66 and the six others 0 (none names a concept the article covers).
- **Cost**: the vocabulary tree is read once per process from the shipped vocabulary (the one whose matcher made
  the mentions; pass ``space=load_concept_space(store)`` to use the store's copy). Article mode is then one query
  bound to the article, so it does not grow with the corpus. Free-text mode reads every question once into a
  :class:`RelatedIndex`; keep the index to rank many questions (each rank touches only the questions that share a
  concept, grouped by concept set).
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Identifier

from calckg.errors import InputError
from calckg.graph import canonical_decimal
from calckg.link import ConceptMatcher
from calckg.namespaces import CK, bind_prefixes
from calckg.queries import NamedQuery, parse_query_file
from calckg.resources import queries_dir
from calckg.store import SelectResult, Store
from calckg.store.memory import MemoryStore

__all__ = ["THRESHOLD", "ConceptSpace", "Match", "RankedQuestion", "RelatedIndex", "RelatedResult", "coverage", "dice",
           "load_concept_space", "rank_article", "rank_related", "related_document", "related_links_graph",
           "shipped_concept_space"]

THRESHOLD = 0.25
"""A question is linked when its score is at least this."""
STEP_CREDIT = 0.5
"""Credit kept per skos:broader step between a concept and the one it matches."""
MAX_STEPS = 2
SCORE_DECIMALS = 3
FREE_TEXT_LIMIT = 10
_SPACES = re.compile(r"\s+")
Row = dict[str, Identifier | None]


# ---------------------------------------------------------------- results


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


# ---------------------------------------------------------------- the vocabulary tree


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
    from calckg.vocabulary import load_vocabulary

    return ConceptSpace.from_graph(load_vocabulary())


def load_concept_space(store: Store | Dataset) -> ConceptSpace:
    """The tree of the vocabulary the store holds (one query)."""
    rows = list(_rows(_as_store(store).select(_query("concept-hierarchy").text)))
    labels = [(r["concept"], str(r["label"])) for r in rows if isinstance(r["concept"], URIRef) and r["label"]]
    edges = [(r["concept"], r["broader"]) for r in rows
             if isinstance(r["concept"], URIRef) and isinstance(r["broader"], URIRef)]
    return ConceptSpace.from_edges(labels, edges)  # type: ignore[arg-type]


# ---------------------------------------------------------------- scoring


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


def coverage(question: frozenset[URIRef], profile: frozenset[URIRef], space: ConceptSpace) -> Scored:
    """Share of the question's weighted concepts that the profile covers (article mode)."""
    total, gained, matches = _gain(question, profile, space)
    return (_rounded(gained / total) if total else 0.0), _shared(matches, space)


def dice(a: frozenset[URIRef], b: frozenset[URIRef], space: ConceptSpace) -> Scored:
    """Soft weighted Dice coefficient of two questions' concepts (free-text mode); matches are ``a``'s view."""
    total_a, gained_a, matches_a = _gain(a, b, space)
    total_b, gained_b, _ = _gain(b, a, space)
    total = total_a + total_b
    return (_rounded((gained_a + gained_b) / total) if total else 0.0), _shared(matches_a, space)


# ---------------------------------------------------------------- reading the store


@cache
def _query(name: str) -> NamedQuery:
    return parse_query_file(queries_dir() / "related" / f"{name}.rq")


def _as_store(source: Store | Dataset) -> Store:
    """A Dataset is read through a second Dataset on the same triples, so the caller's (e.g. the build's) keeps its
    default_union setting, which MemoryStore would switch on."""
    if isinstance(source, Dataset):
        return MemoryStore(Dataset(store=source.store, default_union=True))
    return source


def _rows(result: SelectResult) -> Iterable[Row]:
    for row in result.rows:
        yield dict(zip(result.variables, row, strict=True))


def _normalised(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class _Question:
    iri: URIRef
    text: str
    order: int
    concepts: frozenset[URIRef]


def _questions(rows: Iterable[Row]) -> list[_Question]:
    """Rows with a ?node and ?name (and optional ?order, ?concept) → one question each, in list order."""
    names: dict[URIRef, str] = {}
    orders: dict[URIRef, int] = {}
    concepts: dict[URIRef, set[URIRef]] = defaultdict(set)
    for row in rows:
        node, name, order, concept = row["node"], row["name"], row.get("order"), row.get("concept")
        if not isinstance(node, URIRef) or name is None:
            continue
        names[node] = str(name)
        if isinstance(order, Literal):
            orders[node] = int(order.toPython())
        if isinstance(concept, URIRef):
            concepts[node].add(concept)
    return [_Question(n, names[n], orders.get(n, 0), frozenset(concepts[n]))
            for n in sorted(names, key=lambda n: (orders.get(n, 0), str(n)))]


@dataclass(frozen=True)
class _Group:
    """Questions with the same concepts: scored once per ranking."""

    concepts: frozenset[URIRef]
    members: tuple[tuple[str, str, URIRef], ...]  # (normalised text, text, iri), sorted


@dataclass(frozen=True)
class RelatedIndex:
    """Every question of a store with its concepts, grouped by concept set: build once, rank many questions."""

    space: ConceptSpace
    groups: tuple[_Group, ...]
    postings: Mapping[URIRef, tuple[int, ...]]

    @classmethod
    def from_store(cls, source: Store | Dataset, space: ConceptSpace | None = None) -> RelatedIndex:
        rows = _rows(_as_store(source).select(_query("question-concepts").text))
        by_concepts: dict[frozenset[URIRef], dict[str, tuple[str, str, URIRef]]] = defaultdict(dict)
        for question in _questions(rows):
            if question.concepts:
                key = _normalised(question.text)
                known = by_concepts[question.concepts].get(key)
                if known is None or str(question.iri) < str(known[2]):
                    by_concepts[question.concepts][key] = (key, question.text, question.iri)
        groups = tuple(_Group(c, tuple(sorted(m.values(), key=lambda t: (t[1], str(t[2])))))
                       for c, m in sorted(by_concepts.items(), key=lambda item: sorted(map(str, item[0]))))
        postings: dict[URIRef, list[int]] = defaultdict(list)
        for number, group in enumerate(groups):
            for concept in group.concepts:
                postings[concept].append(number)
        return cls(space or shipped_concept_space(), groups, {c: tuple(n) for c, n in postings.items()})

    def rank(self, question: str, matcher: ConceptMatcher | None = None, *, limit: int | None = FREE_TEXT_LIMIT,
             threshold: float = THRESHOLD) -> RelatedResult:
        """Questions of the graph that share concepts with a free-text question, best first (score > 0 only)."""
        if matcher is None:
            from calckg.vocabulary import default_matcher

            matcher = default_matcher()
        concepts = frozenset(matcher.concepts(question))
        reachable = {t for c in concepts for t in self.space.reach(c)}
        touched = sorted({n for c in reachable for n in self.postings.get(c, ())})
        scored = [(dice(self.groups[n].concepts, concepts, self.space), n) for n in touched]
        scored.sort(key=lambda item: (-item[0][0], self.groups[item[1]].members[0][1]))
        own, seen, related = _normalised(question), set(), []
        for (score, shared), number in scored:
            if score <= 0 or (limit and len(related) >= limit):
                break
            for key, text, iri in self.groups[number].members:
                if key != own and key not in seen and not (limit and len(related) >= limit):
                    seen.add(key)
                    related.append(RankedQuestion(text, iri, score, score >= threshold, shared))
        related.sort(key=lambda q: (-q.score, q.question, str(q.iri)))
        labels = _labels(concepts, self.space)
        return RelatedResult(question, tuple(related), labels, labels, threshold=threshold)


def _labels(concepts: Iterable[URIRef], space: ConceptSpace) -> tuple[str, ...]:
    return tuple(sorted({space.label(c) for c in concepts}))


# ---------------------------------------------------------------- the entry points


def _article_iri(store: Store, article: str | URIRef | None) -> URIRef:
    """An IRI as given (the profile query checks it), else the article with that slug, else the only article."""
    if article is not None and "://" in str(article):
        return URIRef(str(article))
    articles = [row[0] for row in store.select(_query("articles").text).rows if isinstance(row[0], URIRef)]
    if article is not None:
        wanted = [a for a in articles if str(a).rstrip("/").rsplit("/", 1)[-1] == str(article)]
        if not wanted:
            raise InputError(f"no article with slug {article!r} in the graph (it has {len(articles)} article(s))")
        return wanted[0]
    if len(articles) != 1:
        raise InputError(f"the graph has {len(articles)} articles: name one with --article IRI|SLUG, "
                         "or give a QUESTION")
    return articles[0]


def rank_article(store: Store | Dataset, article: str | URIRef | None = None, *, threshold: float = THRESHOLD,
                 space: ConceptSpace | None = None) -> RelatedResult:
    """Score each related question of one article by how much of it the article's profile covers."""
    store = _as_store(store)
    space = space or shipped_concept_space()
    iri = _article_iri(store, article)
    rows = list(_rows(store.select(_query("article-profile").text, {"article": iri})))
    mains = sorted({node for r in rows if r["main"] is not None and isinstance(node := r["node"], URIRef)}, key=str)
    if not mains:
        raise InputError(f"{iri} is not an article with a question (schema:mainEntity) in the graph")
    main: URIRef = mains[0]
    own = frozenset(r["concept"] for r in rows if r["node"] == main and isinstance(r["concept"], URIRef))
    profile = own | {r["concept"] for r in rows if r["name"] is None and isinstance(r["concept"], URIRef)}
    related = []
    for question in _questions(r for r in rows if r["main"] is None):
        score, shared = coverage(question.concepts, frozenset(profile), space)
        ranked = RankedQuestion(question.text, question.iri, score, score >= threshold, shared)
        related.append((question.order, ranked))
    related.sort(key=lambda item: (-item[1].score, item[0], item[1].question))
    title = next(str(r["name"]) for r in rows if r["node"] == main and r["name"] is not None)
    return RelatedResult(title, tuple(q for _, q in related), _labels(own, space), _labels(profile, space),
                         main, iri, threshold)


def rank_related(question: str | None, store: Store | Dataset | RelatedIndex, *,
                 article: str | URIRef | None = None, matcher: ConceptMatcher | None = None,
                 limit: int | None = FREE_TEXT_LIMIT, threshold: float = THRESHOLD,
                 space: ConceptSpace | None = None) -> RelatedResult:
    """Related questions of ``question`` (None: the related questions of the article, scored against it)."""
    if question is None:
        if isinstance(store, RelatedIndex):
            raise TypeError("article mode reads the store: pass a Store or Dataset, not a RelatedIndex")
        return rank_article(store, article, threshold=threshold, space=space)
    index = store if isinstance(store, RelatedIndex) else RelatedIndex.from_store(store, space)
    return index.rank(question, matcher, limit=limit, threshold=threshold)


# ---------------------------------------------------------------- outputs


def related_links_graph(result: RelatedResult, article_iri: URIRef | str) -> Graph:
    """Triples recording the linked questions of an article-mode result, for the article's named graph:
    ``question ck:linkedQuestion related`` and a ck:RelatedQuestionLink node with the score and shared concepts."""
    if result.question_iri is None:
        raise ValueError("only an article-mode result (rank_article) has a question node to link from")
    graph = bind_prefixes(Graph())
    for ranked in result.linked:
        if ranked.iri is None:
            continue
        slug = str(ranked.iri).rstrip("/").rsplit("/", 1)[-1]
        link = URIRef(f"{str(article_iri).rstrip('/')}/related-link/{slug}")
        graph.add((result.question_iri, CK.linkedQuestion, ranked.iri))
        graph.add((link, RDF.type, CK.RelatedQuestionLink))
        graph.add((link, CK.fromQuestion, result.question_iri))
        graph.add((link, CK.toQuestion, ranked.iri))
        graph.add((link, CK.score, _decimal(ranked.score)))
        for match in ranked.shared:
            graph.add((link, CK.sharedConcept, match.concept))
    return graph


def _decimal(score: float) -> Literal:
    """The score as xsd:decimal in the build's canonical form (graph.canonical_decimal: "0.5", "1.0")."""
    return canonical_decimal(Decimal(repr(score)).quantize(Decimal(1).scaleb(-SCORE_DECIMALS)))


def related_entry(result: RelatedResult) -> dict[str, object]:
    """One result as related.json writes it (docs/contract.md)."""
    return {
        "question": result.question,
        "related": [{"question": q.question, "score": q.score, "linked": q.linked,
                     "shared_concepts": list(q.shared_concepts)} for q in result.related],
    }


def related_document(results: RelatedResult | Sequence[RelatedResult | dict[str, object]]) -> bytes:
    """JSON per docs/contract.md: one result → the object; several (one per article) → an array of them, in order.
    Results may be given as :func:`related_entry` dicts."""
    items = [results] if isinstance(results, RelatedResult) else list(results)
    entries = [related_entry(r) if isinstance(r, RelatedResult) else r for r in items]
    body: object = entries[0] if len(entries) == 1 else entries
    return (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
