"""The one store interface, its result type, and the selector that picks a backend from a descriptor.

Every backend sees the same dataset: one named graph per article (plus ontology, vocabulary and inferred graphs),
and a query's default graph is the union of those named graphs. Rows come back as canonical rdflib terms
(:mod:`calckg.store.terms`), so the same query gives equal :class:`SelectResult` values on every backend.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

from calckg.errors import InputError

Bindings = Mapping[str, Identifier]
"""Query parameters: variable name (without `?`) → IRI or literal."""

STAGING_PREFIX = "urn:calckg:staging:"
"""Graphs named `urn:calckg:staging:<sha256 of the live graph name>` hold a graph while it is being replaced on a
remote store; they are never listed by :meth:`Store.graph_names` nor seen by queries. The name is deterministic so a
failed push leaves at most one staging graph per article, which the next push overwrites."""

ACCEPTED_FORMS = "no option (in-memory store), --store oxigraph:PATH, or --endpoint http(s)://HOST[:PORT]/…"


def staging_iri(graph_name: str) -> str:
    return STAGING_PREFIX + hashlib.sha256(graph_name.encode("utf-8")).hexdigest()[:32]


def is_staging(graph_name: str) -> bool:
    return graph_name.startswith(STAGING_PREFIX)


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT in engine order; a cell is None where the variable is unbound."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]

    def sorted_rows(self) -> tuple[tuple[Identifier | None, ...], ...]:
        """Rows in a fixed order, for comparing results of queries without ORDER BY."""
        return tuple(sorted(self.rows, key=lambda row: tuple("" if t is None else t.n3() for t in row)))


@runtime_checkable
class Store(Protocol):
    """A quad store holding calckg's named graphs; all backends implement every method with the same results."""

    description: str

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        """Replace each named graph with the given triples; a reader sees the old or the new graph, never a mix."""

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        """Run a SELECT (checked by safety.check_query) with parameters bound, never pasted into the text."""

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str) -> Graph: ...

    def graph_names(self) -> tuple[str, ...]:
        """Named graphs holding data, sorted; staging graphs excluded."""

    def count_triples(self, graph_name: str) -> int: ...

    def dataset(self) -> Dataset:
        """Every named graph materialised in memory (for validation and export)."""

    def close(self) -> None: ...


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    """The non-empty named graphs of a dataset by name, ready for :meth:`Store.replace_graphs`."""
    graphs: dict[str, Graph] = {}
    for graph in dataset.graphs():
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
            graphs[str(graph.identifier)] = graph
    return dict(sorted(graphs.items()))


@dataclass(frozen=True)
class StoreSpec:
    """What the --store / --endpoint options asked for; :meth:`open` builds the backend."""

    descriptor: str | None = None
    endpoint: str | None = None
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 30.0
    retries: int = 3

    def open(self, dataset: Dataset | None = None) -> Store:
        return open_store(self.descriptor, self.endpoint, update_url=self.update_url, store_url=self.store_url,
                          timeout=self.timeout, retries=self.retries, dataset=dataset)

    @property
    def is_memory(self) -> bool:
        """True when the data must be handed over (the in-memory store starts empty)."""
        return self.endpoint is None and self.descriptor in (None, "memory")


def open_store(descriptor: str | None = None, endpoint: str | None = None, *, update_url: str | None = None,
               store_url: str | None = None, timeout: float = 30.0, retries: int = 3,
               dataset: Dataset | None = None) -> Store:
    """Pick a backend: None or "memory" → rdflib in memory (wrapping `dataset` if given), "oxigraph:PATH" →
    embedded Oxigraph, an endpoint URL → remote SPARQL 1.1. Anything else is an InputError naming the forms."""
    if descriptor is not None and endpoint is not None:
        raise InputError(f"give either --store or --endpoint, not both (accepted: {ACCEPTED_FORMS})")
    if dataset is not None and (endpoint is not None or descriptor not in (None, "memory")):
        raise ValueError("dataset= only applies to the in-memory store; persistent stores hold their own data")
    if endpoint is not None:
        from calckg.store.http import Endpoint
        from calckg.store.sparql import RemoteStore

        return RemoteStore(Endpoint.from_url(endpoint, update_url=update_url, store_url=store_url,
                                             timeout=timeout, retries=retries))
    if descriptor is None or descriptor == "memory":
        from calckg.store.memory import MemoryStore

        return MemoryStore(dataset)
    kind, _, path = descriptor.partition(":")
    if kind == "oxigraph" and path:
        from calckg.store.oxigraph import OxigraphStore

        return OxigraphStore(Path(path))
    raise InputError(f"unknown store {descriptor!r}: use {ACCEPTED_FORMS}")

