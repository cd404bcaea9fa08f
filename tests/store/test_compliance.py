"""One compliance suite, run against every backend (memory, embedded Oxigraph, remote Oxigraph server)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from calckg.errors import InputError
from calckg.store.base import Store, named_graphs
from calckg.store.memory import MemoryStore
from calckg.store.terms import canonical

PREFIXES = """PREFIX ck: <https://w3id.org/calckg/ontology#>
PREFIX concept: <https://w3id.org/calckg/concept/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

MICRO = "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"
DCIS = "https://w3id.org/calckg/id/how-often-does-dcis-show-calcifications"


RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")  # not rdflib's XSD: pytest probes module names


def dec(text: str) -> Literal:
    return Literal(text, datatype=XSD_DECIMAL)


# name → (query, variables, exact rows); rows use canonical literals ("0.17", not "0.170").
QUERIES: dict[str, tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]]] = {
    "decimals-by-value": (
        "SELECT ?stat ?value WHERE { ?stat a ck:Statistic ; ck:value ?value } ORDER BY ?value",
        ("stat", "value"),
        ((URIRef(MICRO + "/stat1"), dec("0.17")), (URIRef(DCIS + "/stat1"), dec("80"))),
    ),
    "optional-unbound-is-none": (
        "SELECT ?stat ?p WHERE { ?stat a ck:Statistic OPTIONAL { ?stat ck:pValue ?p } } ORDER BY ?stat",
        ("stat", "p"),
        ((URIRef(DCIS + "/stat1"), dec("0.05")), (URIRef(MICRO + "/stat1"), None)),
    ),
    "graph-per-article": (
        "SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s ck:mentions concept:dcis } } GROUP BY ?g ORDER BY ?g",
        ("g", "n"),
        ((URIRef(DCIS), Literal(1)), (URIRef(MICRO), Literal(1))),
    ),
    "aggregate-decimal-sum": (
        "SELECT (SUM(?v) AS ?total) WHERE { ?s ck:value ?v }",
        ("total",),
        ((dec("80.17"),),),
    ),
    "string-with-quotes-and-braces": (
        f"SELECT ?text WHERE {{ <{MICRO}/s1> ck:text ?text }}",
        ("text",),
        ((Literal('Microcalcifications are tiny calcium deposits {seen} on a "mammogram".'),),),
    ),
    "union-default-graph-join": (
        "SELECT DISTINCT ?article ?label WHERE { ?article a ck:Article ; ck:about ?c . "
        "?c skos:prefLabel ?label } ORDER BY ?article",
        ("article", "label"),
        ((URIRef(DCIS), Literal("ductal carcinoma in situ", lang="en")),),
    ),
    "comment-saying-construct": (  # SPARQLWrapper's regex would take this for a CONSTRUCT
        "# CONSTRUCT { ?s ?p ?o } was the old form\nSELECT (COUNT(*) AS ?n) WHERE { ?s a ck:Statement }",
        ("n",),
        ((Literal(3),),),
    ),
    "integer-and-lang": (
        "SELECT ?year ?title WHERE { ?stat ck:year ?year . ?a dcterms:title ?title . "
        f"FILTER(?a = <{MICRO}>) }}",
        ("year", "title"),
        ((Literal(2019), Literal("What are microcalcifications in the breast?", lang="en")),),
    ),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_select_returns_exact_rows(store: Store, name: str) -> None:
    query, variables, rows = QUERIES[name]
    result = store.select(PREFIXES + query)
    assert result.variables == variables
    assert result.rows == rows


def test_graph_names_and_counts(store: Store, iris) -> None:
    assert store.graph_names() == tuple(sorted(iris.sizes))
    for name, size in iris.sizes.items():
        assert store.count_triples(name) == size
    assert store.count_triples("https://w3id.org/calckg/id/no-such-article") == 0


@pytest.mark.parametrize(("query", "expected"), [
    ("ASK { ?s ck:value ?v FILTER(?v > 50) }", True),
    ("ASK { ?s ck:value ?v FILTER(?v > 500) }", False),
])
def test_ask(store: Store, query: str, expected: bool) -> None:
    assert store.ask(PREFIXES + query) is expected


def test_construct(store: Store, iris) -> None:
    graph = store.construct(PREFIXES + "CONSTRUCT { ?s ck:value ?v } WHERE { ?s a ck:Statistic ; ck:value ?v }")
    expected = Graph()
    expected.add((iris.micro.stat1, iris.ck.value, dec("0.17")))
    expected.add((iris.dcis.stat1, iris.ck.value, dec("80")))
    assert isomorphic(graph, expected)


def canonical_quads(dataset) -> set[tuple[object, ...]]:
    return {(s, p, canonical(o), str(g)) for name, graph in named_graphs(dataset).items()
            for s, p, o in graph for g in [name]}


def test_dataset_materialises_every_graph(store: Store, fixture_dataset) -> None:
    assert canonical_quads(store.dataset()) == canonical_quads(fixture_dataset)


def test_replace_graphs_replaces_without_duplicates(store: Store, fixture_dataset, iris) -> None:
    graphs = named_graphs(fixture_dataset)
    store.replace_graphs(graphs)  # the same again: nothing doubles
    assert {n: store.count_triples(n) for n in iris.sizes} == iris.sizes
    smaller = Graph()
    smaller.add((iris.micro.s1, RDF_TYPE, iris.ck.Statement))
    store.replace_graphs({str(iris.micro_graph): smaller})
    assert store.count_triples(str(iris.micro_graph)) == 1
    assert store.count_triples(str(iris.dcis_graph)) == iris.sizes[str(iris.dcis_graph)]


def substituted(query: str, name: str, term: URIRef | Literal) -> str:
    """The reference for bound parameters: the variable replaced by the term's SPARQL text."""
    return query.replace(f"?{name}", term.n3())


@pytest.mark.parametrize(("name", "term"), [
    ("stat", URIRef(DCIS + "/stat1")),
    ("text", Literal("About 17% of clustered calcifications are malignant.")),
], ids=["iri", "literal"])
def test_bound_query_equals_textually_substituted_one(store: Store, name: str, term) -> None:
    query = PREFIXES + "SELECT ?s ?v WHERE { ?s ck:text ?text . OPTIONAL { ?stat ck:about ?s ; ck:value ?v } }"
    bound = store.select(query, {name: term})
    reference = store.select(substituted(query, name, term))
    assert bound.sorted_rows() == reference.sorted_rows()
    assert bound.rows  # the parameter matched something


INJECTIONS = [
    'x" || true) OPTIONAL { ?s ?p ?v } } #',
    'x" } ; DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> "y',
    "x' } UNION { ?s ?p ?o } #",
    '"""} } SELECT * WHERE { ?s ?p ?o } #',
    "}{)(\\\"'\n\r\t#",
    "\u0000",
    "A" * 20000,
]


@pytest.mark.parametrize("payload", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injection_payloads_do_not_change_the_query(store: Store, payload: str, iris) -> None:
    query = PREFIXES + "SELECT ?s WHERE { ?s ck:text ?text }"
    benign = store.select(query, {"text": Literal("no such text")})
    assert store.select(query, {"text": Literal(payload)}) == benign
    assert benign.rows == ()
    assert {n: store.count_triples(n) for n in iris.sizes} == iris.sizes


def test_unsafe_iri_parameter_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError):
        store.select(PREFIXES + "SELECT ?v WHERE { ?s ck:value ?v }", {"s": URIRef("urn:x> } ?s ?p ?o {")})


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/x>",
    "DELETE WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",  # not a SELECT
])
def test_unsafe_or_wrong_queries_are_refused(store: Store, query: str, iris) -> None:
    with pytest.raises(InputError):
        store.select(query)
    assert store.count_triples(str(iris.micro_graph)) == iris.sizes[str(iris.micro_graph)]


def test_backends_agree_on_every_query(store: Store, fixture_dataset) -> None:
    """Each backend against a fresh in-memory reference, query by query."""
    reference = MemoryStore(fixture_dataset)
    for query, _, _ in QUERIES.values():
        assert store.select(PREFIXES + query) == reference.select(PREFIXES + query)
