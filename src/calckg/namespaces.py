"""Every namespace calckg uses, and the prefix bindings applied to each graph it writes."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, DefinedNamespace, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD


class TermNamespace(Namespace):
    """An rdflib Namespace that makes each of its terms once: rdflib's makes and checks a new URIRef on every
    `CK.text`, a tenth of the time an article's document graph takes. A URIRef is immutable, so one is as good as
    another equal to it."""

    _terms: dict[str, URIRef]

    def __new__(cls, value: str | bytes) -> TermNamespace:
        namespace = super().__new__(cls, value)
        namespace._terms = {}
        return namespace  # type: ignore[return-value]

    def term(self, name: str) -> URIRef:
        if not isinstance(name, str):  # rdflib's own handling of a slice
            return super().term(name)
        found = self._terms.get(name)
        if found is None:
            found = self._terms[name] = super().term(name)
        return found


CK = TermNamespace("https://w3id.org/calckg/ontology#")
CONCEPT = TermNamespace("https://w3id.org/calckg/concept/")
SHAPES = TermNamespace("https://w3id.org/calckg/shapes#")
DEFAULT_BASE_IRI = "https://w3id.org/calckg/id/"
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
UO_PERCENT = Namespace("http://purl.obolibrary.org/obo/")["UO_0000187"]
UO_FRACTION = Namespace("http://purl.obolibrary.org/obo/")["UO_0000191"]

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "ck": CK,
    "concept": CONCEPT,
    "cito": CITO,
    "oa": OA,
    "schema": SDO,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "shapes": SHAPES,
    "obo": Namespace("http://purl.obolibrary.org/obo/"),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind calckg's prefixes (replacing rdflib's defaults) so every export reads the same."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
