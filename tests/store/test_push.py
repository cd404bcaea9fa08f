"""`calckg push` against a real Oxigraph server: idempotent, atomic per graph, counts checked."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal

from calckg.errors import InputError, StoreError
from calckg.store import remote_load
from calckg.store.base import STAGING_PREFIX, named_graphs
from calckg.store.push import push
from calckg.store.push_input import LocalGraphs
from calckg.store.remote_load import replace_in_batches
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
    """The DROP and the INSERT DATA are one request: a body the server cannot parse changes nothing."""
    push(fixture_dataset, remote.endpoint)
    before = snapshot(remote, str(iris.micro_graph))
    real = remote_load.update_text
    monkeypatch.setattr(remote_load, "update_text", lambda *args: real(*args)[:-3] + b'<urn:a> <urn:b> "unterminated')
    changed = Dataset()
    changed.graph(iris.micro_graph).add((iris.micro.s1, iris.ck.text, Literal("half-pushed")))
    with pytest.raises(StoreError, match="HTTP 400"):
        push(changed, remote.endpoint)
    assert snapshot(remote, str(iris.micro_graph)) == before


def test_a_failed_batch_leaves_every_graph_whole(remote: RemoteStore, fixture_dataset: Dataset, iris,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """One graph per batch (in name order: DCIS, then micro); the second update fails: DCIS is new, micro old."""
    push(fixture_dataset, remote.endpoint)
    old_micro = snapshot(remote, str(iris.micro_graph))
    sent: list[bytes] = []
    real = RemoteStore.update_bytes

    def second_fails(self: RemoteStore, body: bytes, *, idempotent: bool) -> None:
        sent.append(body)
        if len(sent) == 2:
            raise StoreError("connection lost")
        real(self, body, idempotent=idempotent)

    monkeypatch.setattr(RemoteStore, "update_bytes", second_fails)
    monkeypatch.setattr(remote_load, "IN_FLIGHT", 1)
    for name in (iris.micro_graph, iris.dcis_graph):
        fixture_dataset.graph(name).add((iris.micro.s1, iris.ck.text, Literal("new")))
    with pytest.raises(StoreError, match="connection lost"):
        replace_in_batches(RemoteStore(remote.endpoint), LocalGraphs.from_dataset(fixture_dataset), limit=1)
    assert len(sent) == 2
    new_dcis = snapshot(remote, str(iris.dcis_graph))
    assert (iris.micro.s1, iris.ck.text, Literal("new")) in new_dcis
    assert len(new_dcis) == iris.sizes[str(iris.dcis_graph)] + 1
    assert snapshot(remote, str(iris.micro_graph)) == old_micro


def test_batches_hold_whole_graphs(fixture_dataset: Dataset, iris) -> None:
    local = LocalGraphs.from_dataset(fixture_dataset)
    assert local.sizes == iris.sizes
    assert list(remote_load._batches(list(local.sizes.items()), 20)) == [[str(iris.dcis_graph)],
                                                                          [str(iris.micro_graph)]]
    assert list(remote_load._batches(list(local.sizes.items()), 25)) == [list(iris.sizes)]
    text = remote_load.update_text(local, [str(iris.micro_graph), "urn:emptied"]).decode()
    assert f"DROP SILENT GRAPH <{iris.micro_graph}> ;\nDROP SILENT GRAPH <urn:emptied> ;\nINSERT DATA {{\n" in text
    assert text.count("GRAPH <") == 3 and "GRAPH <urn:emptied> {" not in text


def test_staging_graphs_a_killed_push_left_are_dropped_by_the_next(remote: RemoteStore, fixture_dataset: Dataset,
                                                                   iris) -> None:
    leftover = STAGING_PREFIX + "0" * 32
    remote.update(f"INSERT DATA {{ GRAPH <{leftover}> {{ <urn:a> <urn:b> <urn:c> }} }}", idempotent=True)
    assert leftover in server_graphs(remote)
    assert push(fixture_dataset, remote.endpoint).ok
    assert not any(g.startswith(STAGING_PREFIX) for g in server_graphs(remote))


def test_push_needs_no_graph_store_service(remote: RemoteStore, fixture_dataset: Dataset, iris) -> None:
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


def test_a_surrogate_pair_escape_in_the_trig_is_named(tmp_path) -> None:
    """rdflib read \\uD83D\\uDE00 as one character; TriG (and Oxigraph) do not: the message says what to write."""
    path = tmp_path / "pair.trig"
    path.write_text('<urn:g> { <urn:a> <urn:b> "x\\uD83D\\uDE00" . }\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        LocalGraphs.from_trig(path)
    assert str(caught.value) == (f"{path}: the escapes \\uD83D\\uDE00 are a UTF-16 surrogate pair, which TriG does "
                                 "not allow: write \\U0001F600 or the character itself")


def test_a_missing_trig_is_named(tmp_path) -> None:
    path = tmp_path / "calckg.trig"
    with pytest.raises(InputError, match="no built graph; run `calckg build` first or pass --trig FILE"):
        LocalGraphs.from_trig(path)
