"""Query guard, VALUES binding, the backend selector and the one-writer lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from calckg.errors import InputError, StoreError
from calckg.store.base import Store, open_store
from calckg.store.memory import MemoryStore
from calckg.store.oxigraph import OxigraphStore
from calckg.store.safety import check_query
from calckg.store.values import inject_value_list, inject_values


@pytest.mark.parametrize(("query", "form"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT"),
    ("# CONSTRUCT in a comment\nSELECT ?s WHERE { ?s ?p ?o }", "SELECT"),  # SPARQLWrapper's regex says CONSTRUCT
    ("PREFIX c: <http://e/describe#> ASK { ?s c:x ?o }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
])
def test_check_query_returns_the_parsed_form(query: str, form: str) -> None:
    assert check_query(query) == form


@pytest.mark.parametrize(("query", "reason"), [
    ("SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }", "SERVICE"),
    ("ASK { FILTER EXISTS { SERVICE ?endpoint { ?s ?p ?o } } }", "SERVICE"),
    ("SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }", "FROM"),
    ("LOAD <http://127.0.0.1:9/x>", "updates"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates"),
    ("SELECT ?s WHERE { ?s ?p }", "syntax error"),
])
def test_check_query_refuses(query: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        check_query(query)


def test_from_clauses_are_never_fetched_by_rdflib() -> None:
    import rdflib.plugins.sparql

    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False


BINDINGS = {"x": Literal('a"} #{'), "y": URIRef("urn:calckg:y")}


@pytest.mark.parametrize("query", [
    "PREFIX a: <http://a/#x> SELECT ?x # { a comment\n WHERE { ?x ?p \"{\" }",
    "SELECT (EXISTS { ?s ?p ?o } AS ?e) ?x { ?x ?p ?o } LIMIT 2",
    "SELECT * { SELECT ?x { ?x ?p ?o } }",
    "ASK { ?x ?p ?y FILTER(?x < ?y) }",
    "SELECT * WHERE { ?s ?p '''x}''' }",
])
def test_values_block_goes_into_the_outer_group_and_parses(query: str) -> None:
    bound = inject_values(query, BINDINGS)
    assert check_query(bound) == check_query(query)
    assert 'VALUES (?x ?y) { ("a\\"} #{" <urn:calckg:y>) }' in bound


@pytest.mark.parametrize("name", ["x y", "x}", "", "?x"])
def test_bad_parameter_names_are_input_errors(name: str) -> None:
    with pytest.raises(InputError):
        inject_values("SELECT * { ?s ?p ?o }", {name: Literal("v")})


@pytest.mark.parametrize("descriptor", ["oxigraph:", "rocksdb:/tmp/x", "sqlite"])
def test_unknown_store_descriptors_name_the_accepted_forms(descriptor: str) -> None:
    with pytest.raises(InputError, match="oxigraph:PATH"):
        open_store(descriptor)


def test_selector_picks_backends(tmp_path: Path, oxigraph_server) -> None:
    assert isinstance(open_store(None), MemoryStore)
    assert isinstance(open_store(None), Store)  # the Protocol, checked structurally
    embedded = open_store(f"oxigraph:{tmp_path / 'db'}")
    assert isinstance(embedded, OxigraphStore)
    embedded.close()
    assert open_store(endpoint=oxigraph_server.url).description.endswith("/query")
    with pytest.raises(InputError, match="not both"):
        open_store("memory", oxigraph_server.url)


def test_second_writer_gets_store_busy(tmp_path: Path) -> None:
    location = tmp_path / "db"
    first = OxigraphStore(location)
    script = ("import sys\nfrom calckg.errors import StoreError\nfrom calckg.store import open_store\n"
              f"try:\n    open_store('oxigraph:{location}')\nexcept StoreError as e:\n"
              "    print(e); sys.exit(e.exit_code)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 4
    assert "store busy" in done.stdout
    first.close()
    OxigraphStore(location).close()  # released: the next writer gets in


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.graph_names()


def test_network_guard_refuses_other_hosts() -> None:
    import socket

    with pytest.raises(InputError, match=r"^outbound connection to 192\.0\.2\.1 blocked "):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET-1: never routed
    with pytest.raises(InputError, match=r"^name lookup of example\.org blocked "):
        socket.getaddrinfo("example.org", 80)


def test_a_value_list_binds_one_row_per_value_in_sorted_order() -> None:
    query = "SELECT ?term ?label WHERE { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    bound = inject_value_list(query, "term", [URIRef("http://example.org/b"), URIRef("http://example.org/a"),
                                              URIRef("http://example.org/b")])  # fmt: skip
    assert bound == ("SELECT ?term ?label WHERE { VALUES ?term { <http://example.org/a> <http://example.org/b> }  "
                     "?term <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    with pytest.raises(InputError, match="not a valid parameter name: 'te rm'"):
        inject_value_list(query, "te rm", [URIRef("http://example.org/a")])
