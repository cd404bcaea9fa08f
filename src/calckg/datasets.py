"""A few articles as one rdflib Dataset, for tools, the benchmark and tests (the build itself never holds the corpus
in one rdflib graph: :mod:`calckg.pipeline`); `working_store` (a build's graphs in an in-memory store) is the
pipeline's own."""

from __future__ import annotations

from rdflib import Dataset, URIRef

from calckg.ids import ArticleIris
from calckg.link import ConceptMatcher
from calckg.model import Article
from calckg.namespaces import bind_prefixes
from calckg.pipeline import article_graph, working_store
from calckg.reference_graphs import reference_graphs
from calckg.runtime import rare_garbage_collection
from calckg.vocabulary import ArticleLinker


def article_graph_iri(article: Article, base_iri: str) -> URIRef:
    return ArticleIris(article, base_iri).root


def document_dataset(articles: tuple[Article, ...], base_iri: str,
                     linker: ConceptMatcher | ArticleLinker | None = None) -> Dataset:  # fmt: skip
    """One named graph per article, named by the article IRI (semantic layer included when a linker is given),
    related questions not linked."""
    dataset = bind_prefixes(Dataset())
    with rare_garbage_collection():
        for article in articles:
            dataset.graph(article_graph_iri(article, base_iri)).__iadd__(article_graph(article, base_iri, linker))
    return dataset


def add_reference_graphs(dataset: Dataset) -> None:
    """The ontology and the vocabulary, each in a named graph named by its own IRI."""
    for name, graph in reference_graphs().items():
        dataset.graph(URIRef(name)).__iadd__(graph)


__all__ = ["add_reference_graphs", "article_graph_iri", "document_dataset", "working_store"]
