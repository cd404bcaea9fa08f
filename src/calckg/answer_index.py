"""The answer index of a graph: read with the queries in `queries/answers/`.

The build writes it next to the exports (`build/answer-index.sqlite`, :func:`index_file_bytes`); `calckg answer`
opens that file when it reads the built graph; a :class:`calckg.answer_queries.QueryRunner` builds an in-memory
index from any other store on first use (one pass over the statements: about five seconds at 1,000 articles).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from rdflib.term import Identifier

from calckg.abbreviations import defined_abbreviations, other_forms
from calckg.figure_words import Figure, shipped_class_words, shipped_figure_words
from calckg.member_classes import member_classes, shipped_member_cues
from calckg.queries import NamedQuery, internal_query
from calckg.store.base import Store
from calckg.store.safety import require_form
from calckg.text_index import StatementRow, index_bytes


@cache
def _query(name: str) -> NamedQuery:
    query = internal_query(f"answers/{name}")
    require_form(query.text, "SELECT")
    return query


def query_rows(store: Store, name: str) -> list[dict[str, Identifier | None]]:
    """The rows of `queries/answers/NAME.rq` (no parameters) on the store."""
    result = store.select(_query(name).text)
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def index_input(store: Store) -> tuple[dict[str, str], list[StatementRow]]:
    """(title by article IRI, one row per statement) read from the store."""
    titles = {str(r["article"]): str(r["title"]) for r in query_rows(store, "article-titles")}
    concepts: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(store, "statement-concepts"):
        concepts[str(row["statement"])].add(str(row["concept"]))
    labels: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(store, "concept-labels"):
        labels[str(row["concept"])].add(" ".join(str(row["label"]).split()))
    figures: dict[str, set[Figure]] = defaultdict(set)
    for row in query_rows(store, "statement-figures"):
        figures[str(row["statement"])].add((str(row["class"]), None if row["unit"] is None else str(row["unit"]),
                                            str(row["bounded"]) == "true"))
    classes: dict[str, set[Figure]] = defaultdict(set)
    for row in query_rows(store, "concept-classes"):
        classes[str(row["concept"])].add((str(row["class"]), None, False))
    figure_words, class_words = shipped_figure_words(), shipped_class_words()
    merged: dict[str, dict[str, Any]] = {}
    for row in query_rows(store, "statements"):
        key = str(row["statement"])
        entry = merged.setdefault(key, {"article": str(row["article"]), "line": int(str(row["line"])),
                                        "text": str(row["text"]), "lead_in": set(), "heading": set()})
        entry["lead_in"].add(_text(row["leadIn"]))
        entry["heading"].update((_text(row["heading"]), _text(row["parentHeading"])))
    texts: dict[str, list[str]] = defaultdict(list)
    for _, e in sorted(merged.items()):
        texts[e["article"]].append(e["text"])
    defined = {article: defined_abbreviations(found) for article, found in texts.items()}
    _add_member_classes(merged, concepts, labels, store)
    rows = [StatementRow(e["article"], iri, e["line"], e["text"], " ".join(sorted(e["lead_in"] - {""})),
                         " ".join(sorted(e["heading"] - {""})), tuple(sorted(concepts.get(iri, ()))),
                         _names(concepts.get(iri, set()), labels, other_forms(e["text"], defined[e["article"]]),
                                figure_words.words_for(figures.get(iri, ()))),
                         " ; ".join(class_words.words_for(kind for concept in concepts.get(iri, ())
                                                          for kind in classes.get(concept, ()))))
            for iri, e in sorted(merged.items())]
    return titles, rows


def _add_member_classes(statements: dict[str, dict[str, Any]], concepts: dict[str, set[str]],
                        labels: dict[str, set[str]], store: Store) -> None:
    """Each statement that mentions a member of a class its article names by its members ("an antibiotic such as
    nitrofurantoin") also speaks of the class (calckg.member_classes); only within that article."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(store, "concept-kinds"):
        kinds[str(row["concept"])].add(str(row["kind"]).rsplit("#", 1)[-1])
    texts = {iri: (entry["article"], entry["text"]) for iri, entry in statements.items()}
    for iri, classes in member_classes(texts, concepts, labels, kinds, shipped_member_cues()).items():
        concepts[iri] = concepts.get(iri, set()) | classes


def _names(concepts: set[str], labels: dict[str, set[str]], abbreviated: list[str], figure_words: list[str]) -> str:
    """What a statement is also called: every label of its concepts, the other form of each abbreviation its
    article defines and it writes, and the words of data/figure-words.json for the kinds of figure it gives
    (sorted, so the index file stays byte-identical)."""
    labelled = {label for concept in concepts for label in labels.get(concept, ())}
    return " ; ".join(sorted(labelled | set(abbreviated) | set(figure_words)))


def index_file_bytes(store: Store) -> bytes:
    """`build/answer-index.sqlite` for the graph in the store."""
    return index_bytes(*index_input(store))
