"""`calckg push` against a real Oxigraph server: idempotent, atomic per graph, counts checked."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal

from calckg.errors import StoreError
from calckg.store import sparql
from calckg.store.base import STAGING_PREFIX, named_graphs
from calckg.store.push import push
from calckg.store.sparql import RemoteStore
from calckg.cli.store import push_command


def server_graphs(store: RemoteStore) -> set[str]:
    """Every graph on the server, staging ones included (graph_names() hides those)."""
    result = store._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
    return {str(g) for (g,) in result.rows}


def snapshot(store: RemoteStore, name: str) -> set[tuple[object, ...]]:
    return {(s, p, o) for s, p, o in store._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}",
                                                  None).rows}


def test_push_twice_gives_the_same_counts_and_no_duplicates(remote: RemoteStore, fixture_dataset: Dataset,
                                                            iris) -> None:
    first = push(fixture_dataset, remote.endpoint)
    second = push(fixture_dataset, remote.endpoint)
    assert first == second
    assert second.ok
    assert {g.name: g.remote for g in second.graphs} == iris.sizes
    assert server_graphs(remote) == set(iris.sizes)  # no staging graph left behind


def test_repush_replaces_a_changed_article(remote: RemoteStore, fixture_dataset: Dataset, iris) -> None:
    push(fixture_dataset, remote.endpoint)
    graph = fixture_dataset.graph(iris.micro_graph)
    graph.remove((iris.micro.stat1, None, None))
    graph.add((iris.micro.s1, iris.ck.text, Literal("revised")))
    report = push(fixture_dataset, remote.endpoint)
    assert report.ok
    assert remote.count_triples(str(iris.micro_graph)) == len(graph)
    assert snapshot(remote, str(iris.micro_graph)) == {(s, p, o) for s, p, o in graph}


def test_body_broken_at_the_last_line_leaves_the_live_graph_unchanged(
        remote: RemoteStore, fixture_dataset: Dataset, iris, monkeypatch: pytest.MonkeyPatch) -> None:
    push(fixture_dataset, remote.endpoint)
    before = snapshot(remote, str(iris.micro_graph))
    real = sparql.ntriples
    monkeypatch.setattr(sparql, "ntriples", lambda graph: real(graph) + b'<urn:a> <urn:b> "unterminated .\n')
    with pytest.raises(StoreError, match="HTTP 400"):
        push(fixture_dataset, remote.endpoint)
    assert snapshot(remote, str(iris.micro_graph)) == before


def test_failure_between_staging_and_swap_leaves_the_live_graph_unchanged(
        remote: RemoteStore, fixture_dataset: Dataset, iris, monkeypatch: pytest.MonkeyPatch) -> None:
    push(fixture_dataset, remote.endpoint)
    before = snapshot(remote, str(iris.micro_graph))

    def crash(self: RemoteStore, sources: object) -> None:
        raise StoreError("connection lost before MOVE")

    monkeypatch.setattr(RemoteStore, "switch", crash)
    changed = Dataset()
    changed.graph(iris.micro_graph).add((iris.micro.s1, iris.ck.text, Literal("half-pushed")))
    with pytest.raises(StoreError, match="before MOVE"):
        push(changed, remote.endpoint)
    assert snapshot(remote, str(iris.micro_graph)) == before
    assert remote.graph_names() == tuple(sorted(iris.sizes))
    assert not any(g.startswith(STAGING_PREFIX) for g in server_graphs(remote))  # dropped on the error path


def test_staging_graphs_a_killed_push_left_are_dropped_by_the_next(remote: RemoteStore, fixture_dataset: Dataset,
                                                                   iris) -> None:
    leftover = STAGING_PREFIX + "0" * 32
    remote.update(f"INSERT DATA {{ GRAPH <{leftover}> {{ <urn:a> <urn:b> <urn:c> }} }}", idempotent=True)
    assert leftover in server_graphs(remote)
    assert push(fixture_dataset, remote.endpoint).ok
    assert not any(g.startswith(STAGING_PREFIX) for g in server_graphs(remote))


def test_push_through_update_when_there_is_no_graph_store(remote: RemoteStore, fixture_dataset: Dataset,
                                                          iris) -> None:
    endpoint = dataclasses.replace(remote.endpoint, store_url=None)
    assert push(fixture_dataset, endpoint).ok
    assert push(fixture_dataset, endpoint).ok
    assert {n: remote.count_triples(n) for n in iris.sizes} == iris.sizes


def test_remote_results_equal_local_after_push(remote: RemoteStore, fixture_dataset: Dataset) -> None:
    from calckg.store.memory import MemoryStore

    push(fixture_dataset, remote.endpoint)
    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    local = MemoryStore(fixture_dataset)
    assert remote.select(query).sorted_rows() == local.select(query).sorted_rows()
    assert len(named_graphs(remote.dataset())) == 2


def test_push_command_prints_counts(remote: RemoteStore, oxigraph_server, fixture_trig) -> None:
    result = CliRunner().invoke(push_command, ["--endpoint", oxigraph_server.url, "--trig", str(fixture_trig),
                                               "--timeout", "5"])
    assert result.exit_code == 0, result.output
    assert "all counts match" in result.output


def test_push_command_exit_4_when_the_endpoint_is_down(free_port, fixture_trig) -> None:
    result = CliRunner().invoke(push_command, ["--endpoint", f"http://127.0.0.1:{free_port()}",
                                               "--trig", str(fixture_trig), "--retries", "0"])
    assert result.exit_code == 4
    assert "connection refused" in result.output
    assert "Traceback" not in result.output


def test_endpoint_for_derives_oxigraph_urls(oxigraph_server, endpoint_for) -> None:
    endpoint = endpoint_for(oxigraph_server.url)
    assert endpoint.query_url == oxigraph_server.url + "/query"
    assert endpoint.update_url == oxigraph_server.url + "/update"
    assert endpoint.store_url == oxigraph_server.url + "/store"
