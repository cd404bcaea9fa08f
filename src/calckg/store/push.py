"""`calckg push`: load the built dataset into a remote SPARQL 1.1 store, one named graph per article.

Graphs go through :meth:`RemoteStore.replace_graphs` (batched staging graphs + count check + atomic MOVE), so
re-pushing replaces a graph without duplicates and a reader never sees half of one. Afterwards every graph is
counted on the server (one grouped query) and compared with the local build.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rdflib import Dataset

from calckg.store.base import named_graphs
from calckg.store.http import Endpoint
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

    def lines(self) -> list[str]:
        """One line per graph, then a summary: what `calckg push` prints."""
        lines = [f"{'ok' if g.ok else 'MISMATCH'}  {g.remote:>7} / {g.local:<7} {g.name}" for g in self.graphs]
        total = sum(g.local for g in self.graphs)
        verdict = "all counts match" if self.ok else "triple counts differ from the local build"
        lines.append(f"pushed {len(self.graphs)} graphs ({total} triples) to {self.endpoint}: {verdict}")
        return lines


def push(dataset: Dataset, endpoint: Endpoint, *, timeout: float | None = None,
         retries: int | None = None) -> PushReport:
    """Replace each named graph of `dataset` on the endpoint, then compare triple counts graph by graph."""
    changes = {k: v for k, v in (("timeout", timeout), ("retries", retries)) if v is not None}
    store = RemoteStore(dataclasses.replace(endpoint, **changes))
    graphs = named_graphs(dataset)
    store.replace_graphs(graphs)
    remote = store.count_graphs(graphs)
    counts = tuple(GraphCount(name, len(graph), remote[name]) for name, graph in graphs.items())
    return PushReport(store.endpoint.query_url, counts)
