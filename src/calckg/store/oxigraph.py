"""Embedded backend: a pyoxigraph Store in a directory (`--store oxigraph:PATH`), or in memory (the build's
working store, and the engine that answers queries on an rdflib Dataset: rdflib evaluates the shipped joins
10-100x slower, docs/performance.md §3).

Implements every :class:`~calckg.store.base.Store` method. Parameters become a VALUES block of escaped terms
(:mod:`calckg.store.values`), as for a remote endpoint: pyoxigraph's `substitutions=` (SEP-0007) refuses variables
that are not in the SELECT projection and cannot bind an ASK, which rdflib's initBindings allows.
RocksDB allows one writer per directory: a second process gets a "store busy" StoreError, not a traceback
(docs/reliability.md row 26).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from calckg.errors import InputError, StoreError
from calckg.store.base import Bindings, SelectResult, is_staging
from calckg.store.safety import require_form
from calckg.store.terms import from_oxigraph, n3
from calckg.store.values import inject_values


class OxigraphStore:
    """Store on an Oxigraph database (on disk, or in memory when `path` is None); queries see the union of named
    graphs as their default graph."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.description = "in-memory Oxigraph store" if path is None else f"Oxigraph store at {path}"
        self._path = None if read_only else path  # a read-only store has nothing to flush
        try:
            if read_only and path is not None:
                self._store: ox.Store | None = ox.Store.read_only(str(path))
            else:
                self._store = ox.Store(None if path is None else str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"store busy: {path} is open in another calckg or oxigraph process "
                                 "(one writer per store directory); wait for it to finish and retry") from None
            raise StoreError(f"cannot open the Oxigraph store at {path}: {exc}") from None

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> OxigraphStore:
        """An in-memory copy of the dataset's non-empty named graphs."""
        store = cls()
        for graph in dataset.graphs():
            if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
                store.load_ntriples(str(graph.identifier), graph.serialize(format="nt", encoding="utf-8"))
        return store

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the {self.description} is closed")
        return self._store

    def load_ntriples(self, graph_name: str, data: bytes) -> None:
        """Add N-Triples (as calckg writes them) to a named graph: Oxigraph's parser, no per-term conversion."""
        self._db.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_name))

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        # One SPARQL update is one Oxigraph transaction: every graph is swapped at once, or none is.
        operations = []
        for name, graph in graphs.items():
            iri = n3(URIRef(name))
            operations.append(f"DROP SILENT GRAPH {iri}")
            if len(graph):
                operations.append(f"INSERT DATA {{ GRAPH {iri} {{\n{graph.serialize(format='nt')}}} }}")
        if operations:
            try:
                self._db.update(" ;\n".join(operations))
            except (OSError, RuntimeError, SyntaxError) as exc:
                raise StoreError(f"cannot write to the {self.description}: {exc}") from None

    def _query(self, query: str, bindings: Bindings | None = None) -> Any:
        try:
            return self._db.query(inject_values(query, bindings or {}), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise InputError(f"Oxigraph rejected the query: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"query failed on the {self.description}: {exc}") from None

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        require_form(query, "SELECT")
        solutions = self._query(query, bindings)
        try:
            variables = tuple(v.value for v in solutions.variables)
            rows = tuple(tuple(from_oxigraph(solution[i]) for i in range(len(variables))) for solution in solutions)
        finally:
            del solutions  # pyoxigraph's results must be freed on the thread that made them (calckg.deadline)
        return SelectResult(variables, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        require_form(query, "ASK")
        return bool(self._query(query, bindings))

    def construct(self, query: str) -> Graph:
        require_form(query, "CONSTRUCT")
        graph = Graph()
        for triple in self._query(query):
            graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
        return graph

    def graph_names(self) -> tuple[str, ...]:
        names = (g for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))
        live = (g.value for g in names if next(iter(self._db.quads_for_pattern(None, None, None, g)), None))
        return tuple(sorted(name for name in live if not is_staging(name)))

    def count_triples(self, graph_name: str) -> int:
        solutions = self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {n3(URIRef(graph_name))} {{ ?s ?p ?o }} }}")
        return int(next(iter(solutions))[0].value)

    def dataset(self) -> Dataset:
        dataset = Dataset(default_union=True)
        dataset.parse(data=self._db.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return dataset

    def close(self) -> None:
        """Release the directory lock so another process can open the store."""
        if self._store is not None:
            if self._path is not None:
                self._store.flush()
            self._store = None
