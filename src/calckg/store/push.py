"""`calckg push`: load the built dataset into a remote SPARQL 1.1 store, one named graph per article.

Graphs go through :func:`calckg.store.remote_load.replace_in_batches` (one atomic SPARQL Update per batch: each
graph's DROP and its INSERT DATA in one request), so re-pushing replaces a graph without duplicates and a reader
never sees half of one. Afterwards every graph is counted on the server (one grouped query) and compared with the
local build.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rdflib import Dataset

from calckg.store.http import Endpoint
from calckg.store.push_input import LocalGraphs
from calckg.store.remote_load import replace_in_batches
from calckg.store.sparql import RemoteStore


@dataclass(frozen=True)
class GraphCount:
    name: str
    local: int
    remote: int

    @property
    def ok(self) -> bool:
        return self.local == self.remote


@dataclass(frozen=True)
class PushReport:
    endpoint: str
    graphs: tuple[GraphCount, ...]

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.graphs)

    @property
    def triples(self) -> int:
        return sum(g.local for g in self.graphs)

    def lines(self) -> list[str]:
        """One line per graph, then a summary: what `calckg push` prints."""
        lines = [f"{'ok' if g.ok else 'MISMATCH'}  {g.remote:>7} / {g.local:<7} {g.name}" for g in self.graphs]
        verdict = "all counts match" if self.ok else "triple counts differ from the local build"
        lines.append(f"pushed {len(self.graphs)} graphs ({self.triples} triples) to {self.endpoint}: {verdict}")
        return lines


def push(source: Dataset | LocalGraphs, endpoint: Endpoint, *, timeout: float | None = None,
         retries: int | None = None) -> PushReport:
    """Replace each named graph of `source` on the endpoint, then compare triple counts graph by graph."""
    changes = {k: v for k, v in (("timeout", timeout), ("retries", retries)) if v is not None}
    store = RemoteStore(dataclasses.replace(endpoint, **changes))
    local = source if isinstance(source, LocalGraphs) else LocalGraphs.from_dataset(source)
    replace_in_batches(store, local)
    remote = store.count_graphs(local.sizes)
    counts = tuple(GraphCount(name, size, remote[name]) for name, size in local.sizes.items())
    return PushReport(store.endpoint.query_url, counts)
