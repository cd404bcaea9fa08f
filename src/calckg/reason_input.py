"""What HermiT reads: the ontology, the vocabulary and the part of the data that has something to infer.

Inferences of interest concern concepts and assertions; statements and sections add thousands of individuals and
nothing to infer, so they stay out and reasoning cost does not grow with article text. Extracted claims (one per
figure of every article: with them, HermiT ran past its 60 s limit on 1,000 synthetic articles) stay out too:
reasoning covers the curated layer, whose size editors control. The build feeds it the cross-article part of each
article; `calckg reason` feeds it a built dataset or the RDF files it is given.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SKOS

from calckg.namespaces import CK
from calckg.reference_graphs import ONTOLOGY_GRAPH, VOCABULARY_GRAPH, load_ontology_graph
from calckg.union import union_graph
from calckg.validate import read_files
from calckg.vocabulary import load_vocabulary


def reasoning_input(ontology: Graph, vocabulary: Graph, data: Graph) -> Graph:
    """Ontology, vocabulary, the curated claims between concepts and the curated assertions (with the types of
    the document nodes they point to) found in `data`."""
    graph = Graph()
    graph += ontology
    graph += vocabulary
    for concept in set(vocabulary.subjects(RDF.type, SKOS.Concept)):
        for triple in data.triples((concept, None, None)):
            graph.add(triple)
    assertions = {s for kind in (CK.Assertion, CK.ManagementStep) for s in data.subjects(RDF.type, kind)}
    assertions -= set(data.subjects(RDF.type, CK.ExtractedAssertion))  # one per figure of every article: not curated
    for assertion in assertions:
        for triple in data.triples((assertion, None, None)):
            graph.add(triple)
            for typing in data.triples((triple[2], RDF.type, None)):
                graph.add(typing)
    for triple in data.triples((None, RDF.type, CK.NarrativeStatement)):
        graph.add(triple)
    return graph


def reasoning_input_of_dataset(dataset: Dataset) -> Graph:
    """:func:`reasoning_input` of a built dataset (its ontology and vocabulary graphs, and the rest as data)."""
    data = union_graph(dataset, without=(ONTOLOGY_GRAPH, VOCABULARY_GRAPH))
    return reasoning_input(dataset.graph(ONTOLOGY_GRAPH), dataset.graph(VOCABULARY_GRAPH), data)


def reasoning_input_of_files(paths: tuple[Path, ...]) -> Graph:
    """Ontology + vocabulary + every triple of the given RDF files (read with the validator's safe reader)."""
    graph = union_graph(read_files(paths))
    graph += load_ontology_graph()
    graph += load_vocabulary()
    return graph
