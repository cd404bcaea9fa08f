"""The named graphs a push sends, held in an in-memory Oxigraph store (Rust parsing and serialising: reading a
1,000-article TriG takes seconds, where rdflib took half a minute and most of a gigabyte).

`LocalGraphs.from_trig` is the safe reader of `calckg push --trig FILE`: a missing, empty, non-UTF-8 or unparsable
file, or a lone surrogate escape, is an InputError naming the file (exit 2), checked in that order once the fast
parse has failed, so a good file is read once. Only named graphs are pushed (as before: the default graph is not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from calckg import input_checks
from calckg.errors import InputError

_SURROGATE = re.compile(r"(?<!\\)(?:\\\\)*\\u([dD][89a-fA-F][0-9a-fA-F]{2})")
"""A \\u escape of a UTF-16 surrogate (not preceded by an escaped backslash): no character, so no RDF term."""


class LocalGraphs:
    """Named graphs by IRI, with their triple counts (set semantics, as rdflib counts)."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        sizes: dict[str, int] = {}
        for row in store.query(query):  # type: ignore[union-attr]
            graph = row["g"]
            if not isinstance(graph, ox.NamedNode):
                raise InputError(f"a graph named by a blank node ({graph}) cannot be pushed: name it with an IRI")
            sizes[graph.value] = int(row["n"].value)
        self.sizes = dict(sorted(sizes.items()))

    @classmethod
    def from_trig(cls, path: Path) -> LocalGraphs:
        if not path.is_file():
            raise InputError(f"{path}: no built graph; run `calckg build` first or pass --trig FILE")
        fmt = ox.RdfFormat.N_QUADS if path.suffix.lower() == ".nq" else ox.RdfFormat.TRIG
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as error:
            _explain(path, fmt, error)
        if not len(store) and not path.read_bytes().strip():
            raise InputError(f"{path}: the file is empty")
        return cls(store)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> LocalGraphs:
        """An rdflib dataset's named graphs (its default graph is not pushed)."""
        from calckg.store.base import named_graphs

        return cls.from_graphs(named_graphs(dataset))

    @classmethod
    def from_graphs(cls, graphs: Mapping[str, Graph]) -> LocalGraphs:
        store = ox.Store()
        for name, graph in graphs.items():
            if len(graph):
                body = graph.serialize(format="nt", encoding="utf-8")
                store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        return cls(store)

    def triples(self, name: str) -> Iterator[ox.Triple]:
        """The graph's triples, in the store's order."""
        return (quad.triple for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def _explain(path: Path, fmt: ox.RdfFormat, error: BaseException) -> None:
    """The clearest InputError for a file Oxigraph could not read."""
    if isinstance(error, OSError):
        raise InputError(f"{path}: {error.strerror or error}") from None
    raw = path.read_bytes()
    text = input_checks.text_of(path, raw)  # not UTF-8 or empty: named with the line
    found = _SURROGATE.search(text)
    if found:
        high = found.group(1).upper()
        low = re.match(r"\\u([dD][c-fC-F][0-9a-fA-F]{2})", text[found.end():])
        if high < "DC00" and low:
            char = chr(0x10000 + (int(high, 16) - 0xD800) * 0x400 + int(low.group(1), 16) - 0xDC00)
            raise InputError(f"{path}: the escapes \\u{high}\\u{low.group(1).upper()} are a UTF-16 surrogate pair, "
                             f"which {_name(fmt)} does not allow: write \\U{ord(char):08X} or the character itself")
        raise InputError(f"{path}: the escape \\u{high} is a lone surrogate, not a character "
                         "(fix or remove it)") from None
    raise InputError(f"{path}: not valid {_name(fmt)}: {str(error).strip().splitlines()[0][:300]}") from None


def _name(fmt: ox.RdfFormat) -> str:
    return "N-Quads" if fmt == ox.RdfFormat.N_QUADS else "TriG"
