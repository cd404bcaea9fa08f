"""Stages of the naive baseline: one whole rdflib Graph, rdflib's serialisers as they come, one pyshacl run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.state import Info, RunState, needed_function



# --- naive baseline ---------------------------------------------------------------------------------------------


def _ontology() -> Any:
    return needed_function("calckg.validate", "load_ontology")()


def naive_graph(state: RunState) -> Info:
    """Every article's document graph merged into one rdflib Graph (no named graphs)."""
    from rdflib import Graph

    from calckg.graph import document_graph
    from calckg.namespaces import bind_prefixes

    whole = bind_prefixes(Graph())
    for article in state.need("articles", "ingest"):
        whole += document_graph(article, state.base_iri)
    state.values["graph"] = whole
    return {"triples": len(whole)}


def naive_link(state: RunState) -> Info:
    """The same concept linking, into the whole graph."""
    matcher = needed_function("calckg.vocabulary", "default_matcher")()
    from rdflib.namespace import SDO

    from calckg.ids import ArticleIris

    whole, mentions = state.need("graph", "graph.naive"), 0
    for article in state.need("articles", "ingest"):
        iris = ArticleIris(article, state.base_iri)
        for section, statement in article.statements:
            for concept in matcher.concepts(statement.text):
                whole.add((iris.statement(section, statement), SDO.mentions, concept))
                mentions += 1
    return {"mentions": mentions}


def naive_validate(state: RunState) -> Info:
    """One pyshacl run over the whole graph + ontology with every shape, no scoping, pySHACL as it comes."""
    import pyshacl

    shapes = needed_function("calckg.validate", "load_shapes")()
    data = state.need("graph", "graph.naive")
    data_with_ontology = data + _ontology()
    conforms, report, _ = pyshacl.validate(data_with_ontology, shacl_graph=shapes, inference="none",
                                           allow_warnings=True)  # fmt: skip
    return {"conforms": bool(conforms), "report_triples": len(report)}


def naive_export(fmt: str) -> Callable[[RunState], Info]:
    rdflib_format = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]

    def stage(state: RunState) -> Info:
        if fmt != "trig":
            return {"bytes": len(state.need("graph", "graph.naive").serialize(format=rdflib_format, encoding="utf-8"))}
        # TriG needs the named graphs: free the whole graph first, so the two never coexist.
        from rdflib import Dataset

        from calckg.graph import document_graph
        from calckg.ids import ArticleIris

        state.values.pop("graph", None)
        dataset = Dataset()
        for article in state.need("articles", "ingest"):
            dataset.graph(ArticleIris(article, state.base_iri).root).__iadd__(document_graph(article, state.base_iri))
        return {"bytes": len(dataset.serialize(format="trig", encoding="utf-8"))}

    stage.__name__ = f"naive_export_{fmt}"
    return stage
