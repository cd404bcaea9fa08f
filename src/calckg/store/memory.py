"""In-memory backend on an rdflib Dataset: the default, nothing to set up.

Implements every :class:`~calckg.store.base.Store` method. Parameters go through rdflib's `initBindings`;
rdflib is 10–50x slower than Oxigraph on joins (docs/performance.md §3), so large graphs belong in `oxigraph:PATH`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from calckg.store.base import Bindings, SelectResult, is_staging
from calckg.store.safety import require_form
from calckg.store.terms import canonical
from calckg.store.values import check_bindings


class MemoryStore:
    """Store on an rdflib Dataset whose default graph is the union of its named graphs."""

    description = "in-memory rdflib store"

    def __init__(self, dataset: Dataset | None = None) -> None:
        self._dataset = dataset if dataset is not None else Dataset()
        self._dataset.default_union = True
        # rdflib's query engine and graph mutation are not thread-safe (docs/reliability.md row 9).
        self._lock = threading.Lock()

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        # Copy the input first: nothing in the dataset changes if reading a source graph fails.
        staged = {name: list(graph) for name, graph in graphs.items()}
        with self._lock:
            for name, triples in staged.items():
                self._dataset.remove_graph(URIRef(name))
                target = self._dataset.graph(URIRef(name))
                for triple in triples:
                    target.add(triple)

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        require_form(query, "SELECT")
        with self._lock:
            result = self._dataset.query(query, initBindings=check_bindings(bindings or {}))
            variables = tuple(str(v) for v in result.vars or ())
            rows = tuple(tuple(canonical(term) for term in row) for row in result)  # type: ignore[union-attr]
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        require_form(query, "ASK")
        with self._lock:
            return bool(self._dataset.query(query, initBindings=check_bindings(bindings or {})).askAnswer)

    def construct(self, query: str) -> Graph:
        require_form(query, "CONSTRUCT")
        graph = Graph()
        with self._lock:
            for s, p, o in self._dataset.query(query).graph or ():  # type: ignore[misc]
                graph.add((s, p, canonical(o)))
        return graph

    def graph_names(self) -> tuple[str, ...]:
        with self._lock:
            names = {str(g.identifier) for g in self._dataset.graphs()
                     if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}
        return tuple(sorted(n for n in names if not is_staging(n)))

    def count_triples(self, graph_name: str) -> int:
        with self._lock:
            # A Graph view on the store: Dataset.graph() would create the graph as a side effect.
            return len(Graph(store=self._dataset.store, identifier=URIRef(graph_name)))

    def dataset(self) -> Dataset:
        """The live dataset itself (no copy): read it, do not change it."""
        return self._dataset

    def close(self) -> None:
        """Nothing to release; present so callers treat every backend alike."""
