"""SKOS declarations of the general concepts one article mentions, with their broader chain.

The general vocabulary has about 30,000 concepts; the vocabulary graph holds none of them. An article graph holds
the general concepts its text mentions (type, labels, definition, scheme, the source term as skos:exactMatch and
its cross-references as skos:closeMatch) and every concept above them (type, preferred label, scheme, source
term), linked by skos:broader. So the reasoner, the shapes and the exports see only what the article uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from calckg.lexicon import GeneralConcept, Lexicon
from calckg.namespaces import CK, CONCEPT

__all__ = ["KIND_CLASSES", "SCHEME", "general_concepts_graph"]

SCHEME = URIRef(str(CONCEPT))
KIND_CLASSES = {"disease": CK.Disease, "finding": CK.ClinicalFinding, "drug": CK.Drug,
                "substance": CK.ChemicalSubstance, "procedure": CK.Procedure}
_NO_DEFINITION = "{label}: a term of the {source}{under}; the source gives no definition."
_SOURCES = {"disease": "Human Disease Ontology", "finding": "Human Phenotype Ontology",
            "drug": "DrugBank open data", "substance": "DrugBank open data", "procedure": "Medical Action Ontology"}


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _declaration(concept: GeneralConcept, lexicon: Lexicon) -> list[Triple]:
    node = concept.iri
    triples: list[Triple] = [(node, RDF.type, SKOS.Concept), (node, RDF.type, KIND_CLASSES[concept.kind]),
                             (node, SKOS.prefLabel, Literal(concept.pref_label, lang="en")),
                             (node, SKOS.inScheme, SCHEME), (node, SKOS.notation, Literal(concept.source_id))]
    triples += [(node, SKOS.exactMatch, URIRef(iri)) for iri in concept.exact_match]
    triples += [(node, SKOS.broader, CONCEPT[parent]) for parent in concept.broader if parent in lexicon.slugs]
    return triples


def definition(concept: GeneralConcept, lexicon: Lexicon) -> str:
    """The source's definition, or a sentence saying the source has none and where it classifies the term."""
    if concept.definition:
        return concept.definition
    parents = sorted(lexicon.concept(p).pref_label for p in concept.broader if p in lexicon.slugs)
    under = f", classified there under {' and '.join(repr(p) for p in parents)}" if parents else ""
    return _NO_DEFINITION.format(label=concept.pref_label, source=_SOURCES[concept.kind], under=under)


def general_concepts_graph(concepts: Iterable[URIRef], lexicon: Lexicon) -> Graph:
    """Declarations of the general concepts among `concepts` and of everything broader than them."""
    declarations = _by_lexicon.setdefault(lexicon, _Declarations())
    mentioned = sorted({c for c in concepts if c in lexicon})
    above: dict[str, None] = {}
    triples: list[Triple] = []
    for iri in mentioned:
        slug = str(iri)[len(CONCEPT) :]
        triples += declarations.mentioned(slug, lexicon)
        above.update(dict.fromkeys(lexicon.ancestors(slug)))
    for slug in above:
        triples += declarations.above(slug, lexicon)
    graph = Graph(store="SimpleMemory")  # no context bookkeeping: the graph is added to the article's at once
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


class _Declarations:
    """Each general concept's triples, made once per process and lexicon: the articles of a site mention the same
    concepts again and again (1,000 synthetic articles: 7 ms per article before, most of it rdflib's per-triple
    bookkeeping). Holds no reference to its lexicon, so a lexicon no longer used goes with its entry."""

    def __init__(self) -> None:
        self._mentioned: dict[str, tuple[Triple, ...]] = {}
        self._above: dict[str, tuple[Triple, ...]] = {}

    def mentioned(self, slug: str, lexicon: Lexicon) -> tuple[Triple, ...]:
        """A mentioned concept: its declaration, definition, alternative labels and close matches."""
        found = self._mentioned.get(slug)
        if found is None:
            concept = lexicon.concept(slug)
            node = concept.iri
            found = self._mentioned[slug] = (
                *_declaration(concept, lexicon),
                (node, SKOS.definition, Literal(definition(concept, lexicon), lang="en")),
                *((node, SKOS.altLabel, Literal(label, lang="en")) for label in concept.labels),
                *((node, SKOS.hiddenLabel, Literal(label, lang="en")) for label in lexicon.hidden_labels(slug)),
                *((node, SKOS.closeMatch, URIRef(iri_text)) for iri_text in concept.close_match))
        return found

    def above(self, slug: str, lexicon: Lexicon) -> tuple[Triple, ...]:
        """A concept broader than a mentioned one: its declaration only."""
        found = self._above.get(slug)
        if found is None:
            found = self._above[slug] = tuple(_declaration(lexicon.concept(slug), lexicon))
        return found


_by_lexicon: WeakKeyDictionary[Lexicon, _Declarations] = WeakKeyDictionary()
