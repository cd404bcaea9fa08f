"""Replacing many named graphs on a remote store quickly, each one atomically, leaving no staging graph behind.

Per batch of graphs (up to :data:`BATCH_TRIPLES` triples), four requests instead of three per graph:
1. one update dropping the batch's staging graphs (what an earlier, killed run may have left under those names);
2. one N-Quads POST to the Graph Store service loading every graph of the batch into its staging graph (servers
   that refuse a dataset POST, HTTP 405/415, get one PUT per graph; without a Graph Store service, one
   INSERT DATA update);
3. one grouped COUNT checking every staging graph holds exactly its triples;
4. one update of `MOVE <staging> TO <live>` operations (and `DROP` for emptied graphs): one request is one
   transaction on Oxigraph and Fuseki, so each graph (indeed the whole batch) is switched old → new at once.
On any error the batch's staging graphs are dropped (best effort) before the error is raised, and every push
starts by dropping staging graphs an earlier run left (`urn:calckg:staging:…`, docs/reliability.md).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from calckg.errors import StoreError
from calckg.store.base import staging_iri
from calckg.store.http import HttpStatusError, send, urllib_attempt
from calckg.store.terms import n3

if TYPE_CHECKING:
    from calckg.store.sparql import RemoteStore

BATCH_TRIPLES = 250_000
_DATASET_POST_UNSUPPORTED = (405, 415)


def _batches(graphs: Mapping[str, Graph], limit: int) -> Iterator[dict[str, Graph]]:
    batch: dict[str, Graph] = {}
    size = 0
    for name, graph in graphs.items():
        if batch and size + len(graph) > limit:
            yield batch
            batch, size = {}, 0
        batch[name] = graph
        size += len(graph)
    if batch:
        yield batch


def _ntriples(graph: Graph) -> bytes:
    from calckg.store import sparql  # looked up at call time: tests replace it to send a broken body

    return sparql.ntriples(graph)


def _as_quads(body: bytes, graph_iri: str) -> bytes:
    """N-Triples lines (each ending " .") placed in one named graph."""
    suffix = f" <{graph_iri}> .\n".encode()
    return b"".join(line.rstrip()[:-1].rstrip() + suffix for line in body.splitlines() if line.strip())


def _drop(store: RemoteStore, names: Iterator[str] | list[str], *, quietly: bool = False) -> None:
    names = list(names)
    if not names:
        return
    try:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names), idempotent=True)
    except StoreError:
        if not quietly:
            raise


def load_staging(store: RemoteStore, filled: dict[str, Graph], staging: dict[str, str]) -> None:
    """Load each graph of `filled` into its staging graph (`staging[name]`), in as few requests as the server takes."""
    bodies = {name: _ntriples(graph) for name, graph in filled.items()}
    endpoint = store.endpoint
    if not endpoint.store_url:
        blocks = "\n".join(f"GRAPH <{staging[n]}> {{\n{body.decode('utf-8')}}}" for n, body in bodies.items())
        store.update(f"INSERT DATA {{\n{blocks}\n}}", idempotent=True)  # a set of triples: resending is harmless
        return
    quads = b"".join(_as_quads(body, staging[name]) for name, body in bodies.items())
    attempt = urllib_attempt(endpoint, "POST", endpoint.store_url, quads,
                             {"Content-Type": "application/n-quads; charset=utf-8"})
    try:
        send(endpoint, attempt, url=endpoint.store_url, what="Graph Store POST (N-Quads)", idempotent=True,
             passthrough=_DATASET_POST_UNSUPPORTED)
    except HttpStatusError:  # the server takes one graph per request
        for name, body in bodies.items():
            url = f"{endpoint.store_url}?{urllib.parse.urlencode({'graph': staging[name]})}"
            put = urllib_attempt(endpoint, "PUT", url, body, {"Content-Type": "application/n-triples; charset=utf-8"})
            send(endpoint, put, url=url, what="Graph Store PUT", idempotent=True)


def _replace_batch(store: RemoteStore, batch: dict[str, Graph]) -> None:
    filled = {name: graph for name, graph in batch.items() if len(graph)}
    staging = {name: staging_iri(name) for name in filled}
    try:
        _drop(store, list(staging.values()))
        if filled:
            load_staging(store, filled, staging)
            counts = store.count_graphs(staging.values())
            for name, graph in filled.items():
                if counts[staging[name]] != len(graph):
                    raise StoreError(f"staging copy of {name} holds {counts[staging[name]]} triples, expected "
                                     f"{len(graph)}; the live graph was left unchanged")
        store.switch({name: staging.get(name) for name in batch})
    except BaseException:
        _drop(store, list(staging.values()), quietly=True)
        raise


def replace_in_batches(store: RemoteStore, graphs: Mapping[str, Graph], limit: int = BATCH_TRIPLES) -> None:
    """Drop staging graphs a killed run left, then replace `graphs` batch by batch (module docstring)."""
    _drop(store, list(store.staging_graphs()))
    for batch in _batches(graphs, limit):
        _replace_batch(store, batch)
