"""The graphs every build includes besides the articles: the ontology and the vocabulary, each in a named graph
named by its own IRI."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph

from calckg.resources import ontology_dir
from calckg.vocabulary import load_vocabulary

ONTOLOGY_GRAPH = URIRef("https://w3id.org/calckg/ontology")
VOCABULARY_GRAPH = URIRef("https://w3id.org/calckg/concept/")


def load_ontology_graph() -> Graph:
    """ontology/calckg.ttl with its blank nodes (OWL restrictions and lists) given content-derived labels, so
    every export that includes it stays byte-identical across runs."""
    return to_canonical_graph(Graph().parse(ontology_dir() / "calckg.ttl", format="turtle"))


def reference_graphs() -> dict[str, Graph]:
    """The ontology and the vocabulary, by the name of their named graph."""
    return {str(ONTOLOGY_GRAPH): load_ontology_graph(), str(VOCABULARY_GRAPH): load_vocabulary()}
