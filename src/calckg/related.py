"""Related questions: rank questions by the concepts they share in the graph, weighted by how specific each is.

Design (why it works this way):

- **Concepts of a question** are the ``schema:mentions`` the build recorded for its node, read from the store, so
  ranking works the same on every backend; a free-text QUESTION goes through the vocabulary matcher instead.
- **Specificity** of a concept is its intrinsic information content in the skos:broader tree
  (calckg.related_space): broad top concepts come out low (malignancy 0.20, calcification 0.24, breast 0.32),
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
  statements mention, plus the words of its text. A related question scores the share of its weighted concepts
  and other words that the article covers, ``sum(weight * credit) / sum(weight)``: how much of what the question
  asks the article speaks to (a word outside any concept weighs ``WORD_WEIGHT`` times its rarity as English, so
  "TI-RADS 4 nodule" counts against an article that never says it). Coverage, not a symmetric measure, because an
  article names dozens of concepts and a question a handful. Scores use the same weights for every article, so
  they compare across articles.
- **Free-text mode**: a QUESTION is compared with every question of the graph symmetrically, by a soft weighted
  Dice coefficient: each side's concepts are credited against the other's, ``(gain_a + gain_b) / (weight_a +
  weight_b)``. The same wording as the QUESTION is left out, and a wording repeated across articles is shown once.
- **Link rule** (calckg.related_scoring.is_linked): a question is *linked* when its score is at least
  ``THRESHOLD`` = 0.35 *and* the concepts it shares with the other side add up to ``MIN_SHARED_SPECIFICITY`` =
  0.45, so one generic concept (malignancy, breast, calcification) never links a question by itself. On the seed
  article the five breast questions score 0.38-0.69 and link; the six others share no concept.
- **Cost**: the vocabulary tree is read once per process from the shipped vocabulary (the one whose matcher made
  the mentions; pass ``space=load_concept_space(store)`` to use the store's copy). Article mode is then one query
  bound to the article, so it does not grow with the corpus. Free-text mode reads every question once into a
  :class:`RelatedIndex`; keep the index to rank many questions (each rank touches only the questions that share a
  concept, grouped by concept set).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier

from calckg.errors import InputError
from calckg.graph import canonical_decimal
from calckg.index_terms import stem_words, words
from calckg.link import ConceptMatcher
from calckg.namespaces import CK, bind_prefixes
from calckg.queries import NamedQuery, internal_query
from calckg.related_scoring import (
    SCORE_DECIMALS,
    THRESHOLD,
    Match,
    RankedQuestion,
    RelatedResult,
    coverage,
    dice,
    is_linked,
)
from calckg.related_space import ConceptSpace, shipped_concept_space
from calckg.store import SelectResult, Store
from calckg.store.memory import MemoryStore

__all__ = ["THRESHOLD", "ConceptSpace", "Match", "RankedQuestion", "RelatedIndex", "RelatedResult", "coverage", "dice",
           "load_concept_space", "rank_article", "rank_related", "related_document", "related_links_graph",
           "shipped_concept_space"]

FREE_TEXT_LIMIT = 10
_SPACES = re.compile(r"\s+")
Row = dict[str, Identifier | None]


def load_concept_space(store: Store | Dataset) -> ConceptSpace:
    """The tree of the vocabulary the store holds (one query)."""
    rows = list(_rows(_as_store(store).select(_query("concept-hierarchy").text)))
    labels = [(r["concept"], str(r["label"])) for r in rows if isinstance(r["concept"], URIRef) and r["label"]]
    edges = [(r["concept"], r["broader"]) for r in rows
             if isinstance(r["concept"], URIRef) and isinstance(r["broader"], URIRef)]
    return ConceptSpace.from_edges(labels, edges)  # type: ignore[arg-type]


# ---------------------------------------------------------------- reading the store


def _query(name: str) -> NamedQuery:
    return internal_query(f"related/{name}")


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
                    related.append(RankedQuestion(text, iri, score, is_linked(score, shared, self.space, threshold),
                                                  shared))
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


WORD_WEIGHT = 0.5
"""Weight of a question word outside any concept, times its rarity as English (question_kinds.rarity): a rare word
counts like a mid-specific concept, a common one ("steps", "approach") a tenth of that."""


def question_words(text: str, matcher: ConceptMatcher | None = None) -> dict[str, float]:
    """The question's words outside any concept mention and not stop words, by stem, with their weights."""
    from calckg.question_kinds import content_words, kind_table, rarity
    from calckg.vocabulary import default_matcher

    spans = [m.span for m in (matcher or default_matcher()).match(text)]
    loose = content_words(text, spans, kind_table().stop_words)
    weights: dict[str, float] = {}
    for word, stem in zip(loose, stem_words([w.casefold() for w in loose]), strict=True):
        if stem:
            weights[stem] = max(weights.get(stem, 0.0), WORD_WEIGHT * rarity(word))
    return weights


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
    texts = {str(r["text"]) for r in rows if r["name"] is None and r.get("text") is not None}
    texts |= {str(r["name"]) for r in rows if r["node"] == main and r["name"] is not None}
    covered = frozenset(stem_words(sorted({w.casefold() for t in texts for w in words(t)})))
    related = []
    for question in _questions(r for r in rows if r["main"] is None):
        score, shared = coverage(question.concepts, frozenset(profile), space, question_words(question.text), covered)
        ranked = RankedQuestion(question.text, question.iri, score, is_linked(score, shared, space, threshold), shared)
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
