"""Every namespace calckg uses, and the prefix bindings applied to each graph it writes."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, DefinedNamespace, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

CK = Namespace("https://w3id.org/calckg/ontology#")
CONCEPT = Namespace("https://w3id.org/calckg/concept/")
SHAPES = Namespace("https://w3id.org/calckg/shapes#")
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
