"""What a review page shows, read from the built graph through the SPARQL queries in `queries/site/`.

Each article's named graphs (its own graph and any graph named under its IRI, e.g. extracted claims) are loaded
into a small in-memory Oxigraph store and queried there, so a page costs the same at 1 or 1,000 articles. The
vocabulary and the relation labels are read once per build (:class:`Lexicon`). Every list is sorted, so the
same graph always gives the same page.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from calckg import resources
from calckg.queries import internal_query

_SEPARATOR = "\u001f"

Row = dict[str, str]


def query_files() -> list[Path]:
    """The files of the site's queries (queries/site/*.rq, each from the --queries folder when it has it)."""
    shipped = resources.project_root() / "queries" / "site"
    return [resources.query_file(f"site/{path.name}") for path in sorted(shipped.glob("*.rq"))]


def query_text(name: str) -> str:
    return internal_query(f"site/{name}").text


def select(store: ox.Store, name: str) -> list[Row]:
    """The rows of query `name` as {variable: lexical value} (unbound variables left out), sorted."""
    solutions = store.query(query_text(name), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    rows = [{n: term.value for n, term in zip(names, solution, strict=True) if term is not None} for solution in solutions]
    return sorted(rows, key=lambda row: sorted(row.items()))


def store_of(graphs: Mapping[str, bytes]) -> ox.Store:
    """An in-memory Oxigraph store holding each N-Triples document in the named graph of its key."""
    store = ox.Store()
    for name, data in sorted(graphs.items()):
        if data:
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return store


def split(value: str | None) -> list[str]:
    return sorted({part for part in (value or "").split(_SEPARATOR) if part})


def number(text: str | None) -> str | None:
    """A decimal in its shortest plain form ("73.0" → "73", "0.50" → "0.5")."""
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    plain = format(value.normalize(), "f")
    return plain


@dataclass(frozen=True)
class Concept:
    iri: str
    label: str
    synonyms: tuple[str, ...]
    codes: tuple[str, ...]
    definition: str


class Lexicon:
    """Concept labels, synonyms and codes (vocabulary graph) and relation labels (ontology), read once."""

    def __init__(self, vocabulary_nt: bytes, ontology_nt: bytes) -> None:
        store = store_of({"urn:calckg:site:vocabulary": vocabulary_nt, "urn:calckg:site:ontology": ontology_nt})
        self.concepts: dict[str, Concept] = _concepts(select(store, "concepts"))
        self.relations: dict[str, str] = {}
        for row in select(store, "relations"):
            self.relations.setdefault(row["property"], row["label"])

    def with_concepts(self, rows: Iterable[Row]) -> Lexicon:
        """This lexicon, also knowing the concepts of `rows` (an article's own declarations of the general
        vocabulary's concepts it mentions: DO, HPO, DrugBank, MAxO); the vocabulary's own come first."""
        known = copy.copy(self)
        known.concepts = {**_concepts(rows), **self.concepts}
        return known

    def concept(self, iri: str) -> Concept:
        """The vocabulary's concept, or one named after its IRI (a concept only an extracted claim uses)."""
        found = self.concepts.get(iri)
        if found is not None:
            return found
        return Concept(iri, local_name(iri).replace("-", " "), (), (), "")

    def relation(self, iri: str) -> str:
        return self.relations.get(iri) or _words(local_name(iri))


def _concepts(rows: Iterable[Row]) -> dict[str, Concept]:
    """The `concepts` query's rows as concepts (sorted rows: the first label of a concept wins, every time)."""
    found: dict[str, Concept] = {}
    for row in rows:
        if row["concept"] not in found:
            found[row["concept"]] = Concept(row["concept"], row["label"], tuple(split(row.get("synonyms"))),
                                            tuple(split(row.get("codes"))), row.get("definition", ""))
    return found


def local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _words(camel: str) -> str:
    out = "".join(" " + ch.lower() if ch.isupper() else ch for ch in camel)
    return out.strip()


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(Decimal(text)) if text is not None else default
    except InvalidOperation:
        return default


def _statement_sort_key(row: Mapping[str, Any]) -> tuple[int, int, str]:
    return (_int(row.get("start"), 1 << 30), _int(row.get("order")), row["statement"])


def article_data(article_iri: str, graphs: Mapping[str, bytes]) -> dict[str, Any]:
    """Everything the page of one article shows that comes from its graphs (plain, JSON-ready values)."""
    store = store_of(graphs)
    header = next((r for r in select(store, "article") if r["article"] == article_iri), {"title": article_iri})
    sections = [{"iri": r["section"], "heading": r["heading"], "level": _int(r["level"], 2), "order": _int(r["order"])}
                for r in sorted(select(store, "sections"), key=lambda r: (_int(r["order"]), r["section"]))]
    citations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(select(store, "citations"), key=lambda r: (r["statement"], _int(r.get("order")), _int(r["number"]))):
        citations[row["statement"]].append({"number": _int(row["number"]), "resolved": "reference" in row})
    mentions: dict[str, list[str]] = defaultdict(list)
    for row in select(store, "mentions"):
        mentions[row["statement"]].append(row["concept"])
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    all_figures = select(store, "figures")
    for row in sorted(all_figures, key=lambda r: (_int(r.get("order")), r["statistic"])):
        if "statement" in row and "surface" in row:
            figures[row["statement"]].append(_figure(row))
    statements = []
    for row in sorted(select(store, "statements"), key=_statement_sort_key):
        iri = row["statement"]
        statements.append({
            "iri": iri, "section": row["section"], "text": row["text"], "kind": local_name(row.get("kind", "")),
            "narrative": row.get("narrative") == "true", "citations": citations.get(iri, []),
            "mentions": sorted(set(mentions.get(iri, []))), "figures": figures.get(iri, []),
        })  # fmt: skip
    references = [{"number": _int(r["number"]), "title": r.get("title", ""), "type": r.get("type", ""),
                   "container": r.get("container", ""), "year": r.get("year", "")}
                  for r in select(store, "references")]  # fmt: skip
    references.sort(key=lambda r: r["number"])
    return {
        "iri": article_iri, "title": header.get("title", article_iri), "modified": header.get("modified", ""),
        "reviewed_by": header.get("reviewedBy", ""), "notice": header.get("notice", ""),
        "disclaimer": header.get("disclaimer", ""), "review_steps": _review_steps(header.get("steps")),
        "sections": sections, "statements": statements, "references": references,
        "claims": _claims(select(store, "claims"), article_iri, {s["iri"]: s["kind"] for s in statements}),
        "figure_count": len(all_figures),
        "concepts": select(store, "concepts"),  # the general vocabulary's concepts the article declares
    }  # fmt: skip


def _review_steps(value: str | None) -> list[str]:
    return split(value)


def _figure(row: Row) -> dict[str, Any]:
    return {"iri": row["statistic"], "surface": row["surface"], "value": number(row.get("value")),
            "min": number(row.get("min")), "max": number(row.get("max")), "comparator": row.get("comparator", ""),
            "qualifier": row.get("qualifier", ""), "types": row.get("types", "")}  # fmt: skip


def _claims(rows: Iterable[Row], article_iri: str, kinds: Mapping[str, str]) -> list[dict[str, Any]]:
    """One record per claim (the first row of each, rows being sorted), with every statement it is derived from;
    a bullet's claim is shown on the bullet, not again on the lead-in that introduces it."""
    claims: dict[str, dict[str, Any]] = {}
    for row in rows:
        claim = claims.get(row["claim"])
        if claim is None:
            extracted = row.get("extracted") == "true" or row["graph"] != article_iri
            claim = claims[row["claim"]] = {
                "iri": row["claim"], "origin": "extracted" if extracted else "curated", "label": row.get("label", ""),
                "subject": row.get("subject"), "predicate": row.get("predicate"), "object": row.get("object"),
                "population": row.get("population"), "outcome": row.get("outcome"),
                "outcome_text": row.get("outcomeText", ""), "value": number(row.get("value")),
                "min": number(row.get("min")), "max": number(row.get("max")), "p_value": number(row.get("pValue")),
                "p_comparator": row.get("pComparator", ""), "surface": row.get("surface", ""),
                "references": sorted({_int(n) for n in row.get("references", "").split()}), "statements": set(),
                "from_title": row.get("fromTitle") == "true",
            }  # fmt: skip
        claim["statements"].add(row["statement"])
    for claim in claims.values():
        shown = {s for s in claim["statements"] if kinds.get(s) != "LeadIn"} or claim["statements"]
        claim["statements"] = sorted(shown)
    return sorted(claims.values(), key=lambda c: c["iri"])
