"""Remote failures end as a clear StoreError (exit 4), never a traceback, a hang or an empty answer."""

from __future__ import annotations

import time

import pytest
from rdflib import Graph, Literal, URIRef

from calckg.errors import EXIT_STORE, StoreError
from calckg.store.http import PASSWORD_VARIABLE, USER_VARIABLE, Endpoint
from calckg.store.sparql import RemoteStore

SELECT = "SELECT ?s WHERE { ?s ?p ?o }"
RESULTS_JSON = "application/sparql-results+json"
EMPTY_GRAPH_LIST = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'


def scripted(reply_to_user_query):
    """A stub reply: the graph listing every query starts with gets an empty list, the user query the script."""

    def reply(seen):
        if b"DISTINCT" in seen.body and b"GRAPH" in seen.body:
            return 200, RESULTS_JSON, EMPTY_GRAPH_LIST
        return reply_to_user_query(seen)

    return reply


def expect_store_error(store: RemoteStore, match: str) -> StoreError:
    with pytest.raises(StoreError, match=match) as caught:
        store.select(SELECT)
    assert caught.value.exit_code == EXIT_STORE
    return caught.value


def test_500_html_is_retried_then_reported(stub_server, endpoint_for) -> None:
    stub = stub_server(scripted(lambda seen: (500, "text/html", b"<html><body>Internal error</body></html>")))
    error = expect_store_error(RemoteStore(endpoint_for(stub.url)), "HTTP 500 after 3 attempts")
    assert "Internal error" in str(error)
    assert len(stub.requests) == 1 + 3  # the graph listing, then 3 tries of the query


def test_503_on_a_query_is_retried_until_it_succeeds(stub_server, endpoint_for) -> None:
    answers = iter([(503, "text/plain", b"starting"), (200, RESULTS_JSON, b'{"head":{"vars":["s"]},'
                                                              b'"results":{"bindings":[]}}')])
    stub = stub_server(scripted(lambda seen: next(answers)))
    assert RemoteStore(endpoint_for(stub.url)).select(SELECT).rows == ()
    assert len(stub.requests) == 1 + 2


def test_200_html_is_not_a_sparql_answer(stub_server, endpoint_for) -> None:
    stub = stub_server(scripted(lambda seen: (200, "text/html", b"<html>Login page</html>")))
    expect_store_error(RemoteStore(endpoint_for(stub.url)), "text/html, not SPARQL JSON results")


def test_200_json_cut_off_mid_stream_is_an_error_not_no_results(stub_server, endpoint_for) -> None:
    truncated = b'{"head":{"vars":["s"]},"results":{"bindings":[Connection refused (os error 111)'
    stub = stub_server(scripted(lambda seen: (200, RESULTS_JSON, truncated)))
    expect_store_error(RemoteStore(endpoint_for(stub.url)), "incomplete or invalid SPARQL JSON")


def test_json_that_is_not_a_result_is_an_error(stub_server, endpoint_for) -> None:
    stub = stub_server(scripted(lambda seen: (200, RESULTS_JSON, b'{"error": "nope"}')))
    expect_store_error(RemoteStore(endpoint_for(stub.url)), "not a SPARQL SELECT result")


def test_slow_endpoint_times_out_without_retrying(stub_server, endpoint_for) -> None:
    def slow(seen):
        time.sleep(1.5)
        return 200, RESULTS_JSON, EMPTY_GRAPH_LIST

    stub = stub_server(slow)
    store = RemoteStore(endpoint_for(stub.url, timeout=0.5))
    expect_store_error(store, "did not answer within 0.5 s")
    assert len(stub.requests) == 1


def test_nothing_listening_is_connection_refused(free_port, endpoint_for) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    error = expect_store_error(RemoteStore(endpoint_for(url)), "cannot reach .*connection refused")
    assert url in str(error)


def test_a_port_answering_garbage_is_reported(garbage_port, endpoint_for) -> None:
    expect_store_error(RemoteStore(endpoint_for(f"http://127.0.0.1:{garbage_port}")), "did not answer with HTTP")


def test_4xx_is_not_retried_and_hides_credentials(stub_server, endpoint_for, monkeypatch) -> None:
    monkeypatch.setenv(USER_VARIABLE, "editor")
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret-pass")
    stub = stub_server(lambda seen: (401, "text/plain", b"bad credentials editor:s3cret-pass"))
    endpoint = endpoint_for(stub.url)
    assert "s3cret" not in repr(endpoint)
    error = expect_store_error(RemoteStore(endpoint), "HTTP 401")
    assert "s3cret-pass" not in str(error)
    assert len(stub.requests) == 1
    assert stub.requests[0].headers["Authorization"].startswith("Basic ")


def test_a_batch_update_is_retried_on_5xx_and_sent_whole(stub_server, endpoint_for) -> None:
    """Resending a batch (DROP + INSERT DATA) gives the same store, so a 5xx is retried like a query."""
    no_rows = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'
    updates = iter([(502, "text/plain", b"gateway"), (204, "text/plain", b"")])
    stub = stub_server(lambda seen: next(updates) if seen.path == "/update"
                       else (200, "application/sparql-results+json", no_rows))
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    RemoteStore(endpoint_for(stub.url)).replace_graphs({"https://w3id.org/calckg/id/a": graph})
    sent = [seen.body for seen in stub.requests if seen.path == "/update"]
    assert len(sent) == 2 and sent[0] == sent[1]
    assert sent[0].endswith(b'DROP SILENT GRAPH <https://w3id.org/calckg/id/a> ;\nINSERT DATA {\n'
                            b'GRAPH <https://w3id.org/calckg/id/a> {\n<urn:a> <urn:b> "c" .\n}\n}\n')


def test_server_stopped_mid_run(oxigraph_factory, endpoint_for, fixture_dataset) -> None:
    from calckg.store.base import named_graphs

    server = oxigraph_factory()
    store = RemoteStore(endpoint_for(server.url, retries=1))
    store.replace_graphs(named_graphs(fixture_dataset))
    assert len(store.select(SELECT).rows) == 25
    server.stop()
    expect_store_error(store, "cannot reach .*connection refused")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "127.0.0.1:7878", "http://user:pw@127.0.0.1:7878/"])
def test_bad_endpoint_urls_are_input_errors(url: str) -> None:
    from calckg.errors import InputError

    with pytest.raises(InputError):
        Endpoint.from_url(url)
