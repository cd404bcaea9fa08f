"""Running the shipped queries for answers, and turning statement rows into cited sentences and references.

Why it works this way:
- Every word of an answer is graph text: the statements' own wording (`ck:text`, with the lead-in a curator read
  the bullet with), their citation numbers and the reference entries, all fetched with the shipped queries in
  `queries/`. Python adds only the citation brackets.
- The question is never pasted into a query: recognised concepts are bound as IRIs, the title check binds one
  plain literal (docs/reliability.md row 7).
- An rdflib Dataset (or the in-memory store) is mirrored once into an in-memory Oxigraph store: rdflib's
  evaluator turns these joins into hash joins and takes 0.1–1 s per query, Oxigraph well under a millisecond.
  Stores given by the user (`--store`, `--endpoint`) get the query text and bindings through `Store.select`.
- Structured kinds (claim references, conflicting figures) keep the claims that match the largest set of the
  question's concepts (a concept matches itself and its narrower concepts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Identifier

from calckg.answer_index import index_input
from calckg.answer_model import ConceptRef, ReferenceEntry, Sentence, cite
from calckg.namespaces import CK
from calckg.queries import internal_query
from calckg.question_kinds import QueryStep
from calckg.store.base import SelectResult, Store
from calckg.store.memory import MemoryStore
from calckg.store.oxigraph import OxigraphStore
from calckg.store.safety import require_form
from calckg.store.values import check_bindings
from calckg.text_index import TextIndex, build_index
from calckg.vocabulary import shipped_vocabulary

Row = dict[str, Any]


# -- running the shipped queries ----------------------------------------------------------------------------


@cache
def _checked(name: str) -> str:
    text = internal_query(name).text
    require_form(text, "SELECT")  # shipped files pass the same guard as user queries, once per process
    return text


class QueryRunner:
    """Runs a shipped query by name on a Store, or on an rdflib Dataset / MemoryStore through an in-memory Oxigraph
    copy made once per runner (rdflib evaluates the shipped joins 10-100x slower; the shipped queries give the same
    rows on both, tests/store/test_templates.py). Its full-text index is built on first use, once per runner: ask
    many questions through one runner. With `remember`, the rows of each query and bindings are kept for the
    runner's life too (for many answers on one unchanging store: the build asks each article about ten questions,
    which share its citations and references)."""

    def __init__(self, source: Store | Dataset, *, remember: bool = False) -> None:
        if isinstance(source, MemoryStore):
            source = source.dataset()
        self._store: Store = OxigraphStore.from_dataset(source) if isinstance(source, Dataset) else source
        self._remembered: dict[tuple[str, tuple[tuple[str, str], ...]], list[Row]] | None = {} if remember else None
        self._index: TextIndex | None = None

    def text_index(self) -> TextIndex:
        """The full-text index of the runner's store (built on first use)."""
        if self._index is None:
            self._index = build_index(*index_input(self._store))
        return self._index

    def select(self, name: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        return self._store.select(_checked(name), check_bindings(bindings or {}))

    @property
    def store(self) -> Store:
        return self._store

    def rows(self, name: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        key = (name, tuple(sorted((k, v.n3()) for k, v in (bindings or {}).items())))
        if self._remembered is not None and key in self._remembered:
            return [dict(row) for row in self._remembered[key]]
        result = self.select(name, bindings)
        rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        if self._remembered is not None:
            self._remembered[key] = [dict(row) for row in rows]
        return rows


@dataclass(frozen=True)
class ConceptIndex:
    """Preferred labels and the broader-concept closure of the shipped vocabulary."""

    labels: Mapping[URIRef, str]
    ancestors: Mapping[URIRef, frozenset[URIRef]]
    descendants: Mapping[URIRef, frozenset[URIRef]] = field(default_factory=dict)

    def related(self, a: URIRef, b: URIRef) -> bool:
        """a and b are the same concept, or one is broader than the other."""
        return a == b or b in self.ancestors.get(a, frozenset()) or a in self.ancestors.get(b, frozenset())


@cache
def concept_index() -> ConceptIndex:
    graph = shipped_vocabulary()
    labels = {s: str(o) for s, o in graph.subject_objects(SKOS.prefLabel)
              if isinstance(s, URIRef) and isinstance(o, Literal) and o.language in (None, "en")}
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in graph.subject_objects(SKOS.broader):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            parents[s].add(o)
    ancestors: dict[URIRef, frozenset[URIRef]] = {}
    for concept in set(graph.subjects(RDF.type, SKOS.Concept)):
        seen: set[URIRef] = set()
        todo = list(parents.get(concept, ()))  # type: ignore[arg-type]
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        ancestors[concept] = frozenset(seen)  # type: ignore[index]
    below: dict[URIRef, set[URIRef]] = defaultdict(set)
    for concept, above in ancestors.items():
        for parent in above:
            below[parent].add(concept)
    return ConceptIndex(labels, ancestors, {c: frozenset(d) for c, d in below.items()})


# -- steps 2–3: run the kind's queries and keep the rows that answer the question ------------------------------


def _key(row: Row) -> Identifier:
    return row.get("assertion") or row["statement"]


def run_step(runner: QueryRunner, step: QueryStep, concepts: tuple[ConceptRef, ...]) -> list[Row]:
    """The step's rows; for a concept-bound step, the claims that match the largest set of question concepts."""
    if step.bind != "concept":
        return runner.rows(step.query)
    matched: dict[Identifier, set[str]] = defaultdict(set)
    filled: dict[Identifier, set[Identifier]] = defaultdict(set)
    rows: list[Row] = []
    for concept in concepts:
        for row in runner.rows(step.query, {"concept": URIRef(concept.iri)}):
            row["_concept"] = concept.iri
            matched[_key(row)].add(concept.iri)
            if row.get("role") is not None and row.get("matched") == URIRef(concept.iri):
                filled[_key(row)].add(row["role"])  # the question names this role's filler itself
            rows.append(row)
    required = URIRef(str(CK) + step.require_role) if step.require_role else None
    min_score = step.or_min_score or len(concepts) + 1
    eligible = {key for key in matched
                if required is None or required in filled[key] or len(matched[key]) >= min_score}
    if not eligible:
        return []
    position = {c.iri: i for i, c in enumerate(concepts)}

    def rank(key: Identifier) -> tuple[int, tuple[int, ...]]:
        return (-len(matched[key]), tuple(sorted(position[c] for c in matched[key])))

    # Claims that match the same, largest set of question concepts: two claims that each match a different
    # concept are not one answer.
    best = matched[min(eligible, key=rank)]
    return [row for row in rows if _key(row) in eligible and matched[_key(row)] == best]


def one_article(rows: list[Row]) -> list[Row]:
    """Citation numbers belong to one article: keep the article with the most statements (then the first IRI)."""
    statements: dict[str, set[Identifier]] = defaultdict(set)
    for row in rows:
        statements[str(row.get("article") or "")].add(row["statement"])
    if len(statements) <= 1:
        return rows
    chosen = min(statements, key=lambda a: (-len(statements[a]), a))
    return [row for row in rows if str(row.get("article") or "") == chosen]


def uncovered(rows: list[Row], concepts: tuple[ConceptRef, ...], mentions: Mapping[Identifier, set[Identifier]],
              index: ConceptIndex) -> tuple[ConceptRef, ...]:
    """Question concepts that none of the chosen statements mentions (nor any chosen claim involves)."""
    seen: set[Identifier] = set()
    for row in rows:
        seen |= mentions.get(row["statement"], set())
        if row.get("otherStatement") is not None:
            seen |= mentions.get(row["otherStatement"], set())
        if row.get("_concept"):
            seen.add(URIRef(row["_concept"]))
    return tuple(c for c in concepts
                 if not any(isinstance(m, URIRef) and index.related(URIRef(c.iri), m) for m in seen))


# -- steps 4–5: sentences and references ------------------------------------------------------------------------


@dataclass(frozen=True)
class Citations:
    """Per article: citation numbers per statement, reference entries by number, and the lead-in each bullet is
    read with (when a curated claim is derived from both)."""

    numbers: Mapping[Identifier, tuple[int, ...]]
    references: Mapping[int, ReferenceEntry]
    lead_ins: Mapping[Identifier, str] = field(default_factory=dict)


def article_citations(runner: QueryRunner, article: Identifier) -> Citations:
    """Citation numbers per statement, and the reference entries by number (none for unresolved numbers)."""
    numbers: dict[Identifier, list[int]] = defaultdict(list)
    for row in runner.rows("statement-citations", {"article": article}):
        number = int(row["number"])
        if number not in numbers[row["statement"]]:
            numbers[row["statement"]].append(number)
    references = {
        int(row["number"]): ReferenceEntry(int(row["number"]), str(row["title"]), str(row["container"]),
                                           int(row["year"]), str(row["referenceType"]))
        for row in runner.rows("article-references", {"article": article})
    }
    lead_ins = {row["statement"]: str(row["context"])
                for row in runner.rows("statement-lead-ins", {"article": article})}
    return Citations({s: tuple(n) for s, n in numbers.items()}, references, lead_ins)


def _statement_texts(rows: Iterable[Row], lead_ins: Mapping[Identifier, str]
                     ) -> Iterable[tuple[Identifier, str, Identifier | None]]:  # fmt: skip
    """(statement, its text read with its lead-in if any, the lead-in statement when the row names one). A row's
    `context` is left out when a bullet of the rows is read with that lead-in already (a claim derived from both);
    a lead-in is read once, with the first of its bullets in the rows (four bullets of one list are not four
    copies of their lead-in)."""
    rows = list(rows)
    claimed = {lead_ins[row["statement"]] for row in rows if row["statement"] in lead_ins}
    read: set[str] = set()
    for row in rows:
        for statement, text in ((row["statement"], row["text"]), (row.get("otherStatement"), row.get("otherText"))):
            if statement is None or text is None:
                continue
            context = lead_ins.get(statement)
            given = row.get("context") if statement == row["statement"] else None
            if context is None and given is not None and str(given) not in claimed | read:
                read.add(str(given))
                yield statement, f"{given} {text}", row.get("contextStatement")
                continue
            if context is None or context in read:
                yield statement, str(text), None
                continue
            read.add(context)
            yield statement, f"{context} {text}", None


def compose(rows: Iterable[Row], citations: Citations) -> tuple[Sentence, ...]:
    """One sentence per statement, in the rows' order, each ending with its citation numbers (a bullet read with
    its lead-in also with the lead-in's own)."""
    sentences: dict[Identifier, Sentence] = {}
    for statement, text, lead_in in _statement_texts(rows, citations.lead_ins):
        if statement not in sentences:
            numbers = tuple(dict.fromkeys((*citations.numbers.get(lead_in, ()), *citations.numbers.get(statement, ()))))
            sentences[statement] = Sentence(cite(text, numbers), numbers, str(statement))
    return tuple(sentences.values())


def references_for(sentences: Iterable[Sentence], citations: Citations) -> tuple[ReferenceEntry, ...]:
    numbers = sorted({n for s in sentences for n in s.citations})
    return tuple(citations.references.get(n, ReferenceEntry(n)) for n in numbers)


