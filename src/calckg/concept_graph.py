"""SKOS declarations of the general concepts one article mentions, with their broader chain.

The general vocabulary has about 30,000 concepts; the vocabulary graph holds none of them. An article graph holds
the general concepts its text mentions (type, labels, definition, scheme, the source term as skos:exactMatch and
its cross-references as skos:closeMatch) and every concept above them (type, preferred label, scheme, source
term), linked by skos:broader. So the reasoner, the shapes and the exports see only what the article uses.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from calckg.lexicon import GeneralConcept, Lexicon
from calckg.namespaces import CK, CONCEPT

__all__ = ["KIND_CLASSES", "SCHEME", "general_concepts_graph"]

SCHEME = URIRef(str(CONCEPT))
KIND_CLASSES = {"disease": CK.Disease, "finding": CK.ClinicalFinding, "drug": CK.Drug,
                "substance": CK.ChemicalSubstance}
_NO_DEFINITION = "{label}: a term of the {source}{under}; the source gives no definition."
_SOURCES = {"disease": "Human Disease Ontology", "finding": "Human Phenotype Ontology",
            "drug": "DrugBank open data", "substance": "DrugBank open data"}


def _declare(graph: Graph, concept: GeneralConcept, lexicon: Lexicon) -> URIRef:
    node = concept.iri
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, RDF.type, KIND_CLASSES[concept.kind]))
    graph.add((node, SKOS.prefLabel, Literal(concept.pref_label, lang="en")))
    graph.add((node, SKOS.inScheme, SCHEME))
    graph.add((node, SKOS.notation, Literal(concept.source_id)))
    for iri in concept.exact_match:
        graph.add((node, SKOS.exactMatch, URIRef(iri)))
    for parent in concept.broader:
        if parent in lexicon.slugs:
            graph.add((node, SKOS.broader, CONCEPT[parent]))
    return node


def definition(concept: GeneralConcept, lexicon: Lexicon) -> str:
    """The source's definition, or a sentence saying the source has none and where it classifies the term."""
    if concept.definition:
        return concept.definition
    parents = sorted(lexicon.concept(p).pref_label for p in concept.broader if p in lexicon.slugs)
    under = f", classified there under {' and '.join(repr(p) for p in parents)}" if parents else ""
    return _NO_DEFINITION.format(label=concept.pref_label, source=_SOURCES[concept.kind], under=under)


def general_concepts_graph(concepts: Iterable[URIRef], lexicon: Lexicon) -> Graph:
    """Declarations of the general concepts among `concepts` and of everything broader than them."""
    graph = Graph()
    mentioned = sorted({c for c in concepts if c in lexicon})
    above: dict[str, None] = {}
    for iri in mentioned:
        concept = lexicon.concept(str(iri)[len(CONCEPT) :])
        node = _declare(graph, concept, lexicon)
        graph.add((node, SKOS.definition, Literal(definition(concept, lexicon), lang="en")))
        for label in concept.labels:
            graph.add((node, SKOS.altLabel, Literal(label, lang="en")))
        for iri_text in concept.close_match:
            graph.add((node, SKOS.closeMatch, URIRef(iri_text)))
        above.update(dict.fromkeys(lexicon.ancestors(concept.slug)))
    for slug in above:
        _declare(graph, lexicon.concept(slug), lexicon)
    return graph
