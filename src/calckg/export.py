"""Serialisers: a format registry the CLI reads its choices from (files are written by :mod:`calckg.atomic`).

Every format is byte-stable for unchanged input: N-Triples lines are sorted, JSON-LD nodes and arrays are
sorted and nested by IRI ownership, Turtle and TriG are written by Oxigraph from that same sorted N-Triples
(blank nodes occur only in the ontology, whose labels are content-derived, see `calckg.reference_graphs.load_ontology_graph`).

Why it is organised this way (bench/README.md, docs/performance.md §2):
- Every format is written from an :class:`ExportSet`: each named graph's sorted N-Triples lines and JSON-LD
  node objects, computed graph by graph (the build computes an article's in the worker that built it), so no
  whole-corpus rdflib graph is ever made. The lines are written as rdflib's N-Triples writer writes them
  (:mod:`calckg.ntriples`, each term formatted once), so the N-Triples export is byte-identical to the rdflib
  union graph's sorted output.
- Turtle and TriG: rdflib's pretty Turtle writer is 25-50x slower than Oxigraph's. Oxigraph parses the sorted
  N-Triples / N-Quads and streams them back out; it keeps literals exactly as written (only an Oxigraph
  `Store` canonicalises decimals, and none is used here), so `"50.0"^^xsd:decimal` is written `50.0`.
- JSON-LD: rdflib's compaction runs per graph (:mod:`calckg.jsonld_nodes` for graphs of IRIs and literals);
  nodes are then merged, nested and sorted per article (a node only ever nests into a node of the same article,
  by IRI), and the top-level nodes are written in order: the document the whole union graph gave, without
  holding it as one tree.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from calckg.jsonld_nodes import NodeWriter
from calckg.namespaces import CK, PREFIXES
from calckg.ntriples import ntriples_lines
from calckg.resources import context_file


@cache
def jsonld_context() -> dict[str, Any]:
    """The repository's own JSON-LD context (the `@context` object), loaded once."""
    context: dict[str, Any] = json.loads(context_file().read_text(encoding="utf-8"))["@context"]
    return context


# --- what every format is written from ----------------------------------------------------------------------------


def graph_lines(graph: Graph) -> list[bytes]:
    """The graph's sorted, distinct N-Triples lines (as rdflib's N-Triples writer writes them)."""
    return ntriples_lines(graph)


@cache
def _parsed_context() -> Any:
    """rdflib's reading of the repository's context, made once per process (the converter only looks terms up
    in it; reading it for each graph took half a millisecond, twice an article)."""
    from rdflib.plugins.shared.jsonld.context import Context

    return Context(jsonld_context())


@cache
def _node_writer() -> NodeWriter:
    return NodeWriter(_parsed_context())


def graph_nodes(graph: Graph) -> bytes:
    """The graph's JSON-LD node objects, compacted with the repository's context as rdflib's converter compacts
    them (:mod:`calckg.jsonld_nodes` for a graph of IRIs and literals, rdflib's converter for any other), as
    JSON."""
    nodes = _node_writer().nodes(graph)
    if nodes is None:
        nodes = rdflib_nodes(graph)
    # sorting the arrays makes the bytes independent of the graph's iteration order
    return json.dumps(_canonical(nodes), ensure_ascii=False, sort_keys=True).encode("utf-8")


def rdflib_nodes(graph: Graph) -> list[dict[str, Any]]:
    """The graph's node objects by rdflib's converter with the repository's context."""
    from rdflib.plugins.serializers.jsonld import Converter

    converter = Converter(_parsed_context(), use_native_types=True, use_rdf_type=False)
    # a JSON round trip turns rdflib terms (which never equal plain strings) into plain JSON values
    nodes: list[dict[str, Any]] = json.loads(json.dumps(converter.from_graph(graph)))
    return nodes


@dataclass(frozen=True)
class GraphExport:
    """One named graph, ready for every format."""

    lines: list[bytes]
    nodes: bytes

    @classmethod
    def of(cls, graph: Graph) -> GraphExport:
        return cls(graph_lines(graph), graph_nodes(graph))


@dataclass(frozen=True)
class ExportSet:
    """Graph IRI → its export parts; the default graph (if any) under DATASET_DEFAULT_GRAPH_ID."""

    graphs: Mapping[str, GraphExport]

    @classmethod
    def of_dataset(cls, dataset: Dataset) -> ExportSet:
        graphs = {str(g.identifier): g for g in dataset.graphs()}
        if not graphs and not dataset.context_aware:  # a plain Graph passed where a dataset is expected
            graphs[str(DATASET_DEFAULT_GRAPH_ID)] = dataset
        return cls({name: GraphExport.of(graph) for name, graph in graphs.items()})

    def ordered(self) -> list[tuple[str, GraphExport]]:
        return sorted(self.graphs.items())

    def fingerprint(self) -> str:
        """sha256 of every graph's name, lines and JSON-LD nodes: equal fingerprints give equal exports."""
        digest = hashlib.sha256()
        for name, part in self.ordered():
            for chunk in (name.encode("utf-8"), *part.lines, part.nodes):
                digest.update(len(chunk).to_bytes(8, "big"))
                digest.update(chunk)
        return digest.hexdigest()

    def union_ntriples(self) -> bytes:
        """Every graph's lines merged: sorted and distinct (made for each use: at 1,000 articles it is 200 MB)."""
        parts = [part.lines for _, part in self.ordered()]
        if len(parts) == 1:
            return b"".join(parts[0])
        lines = [line for part in parts for line in part]
        lines.sort()  # the parts are sorted runs: Timsort merges them (2.5x faster than sorting a set)
        return b"".join(dict.fromkeys(lines))  # adjacent duplicates dropped, order kept


Exportable = Dataset | ExportSet
Serializer = Callable[[Exportable], bytes]


def _export_set(source: Exportable) -> ExportSet:
    return source if isinstance(source, ExportSet) else ExportSet.of_dataset(source)


@cache
def _ox_prefixes() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def to_ntriples(source: Exportable) -> bytes:
    """The union of all graphs as sorted N-Triples lines."""
    return _export_set(source).union_ntriples()


def to_turtle(source: Exportable) -> bytes:
    """The union of all graphs as Turtle, subjects in N-Triples order, written by Oxigraph."""
    return turtle_of(to_ntriples(source))


def turtle_of(data: bytes) -> bytes:
    """N-Triples (calckg's sorted lines) as Turtle with calckg's prefixes, written by Oxigraph (25-50x faster than
    rdflib's writer, and literals stay as written)."""
    import pyoxigraph as ox

    # the parser's quads (all in the default graph) go to the writer as they are: no Python generator between
    # them (1,000 articles: 1.95 s instead of 2.33 s, the same bytes)
    quads = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    turtle = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=_ox_prefixes())
    assert turtle is not None  # serialize returns the bytes when given no output file
    return turtle


class _ChunkReader(io.RawIOBase):
    """A readable stream over byte chunks made on demand (so a large input is never joined in memory)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            self._pending = next(self._chunks, b"")
            if not self._pending:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _nquads(exports: ExportSet) -> Iterator[bytes]:
    """Each named graph's lines as N-Quads, one graph at a time, in IRI order (the default graph is left out)."""
    for name, part in exports.ordered():
        if part.lines and name != str(DATASET_DEFAULT_GRAPH_ID):
            suffix = b" <" + name.encode("utf-8") + b"> .\n"
            yield b"".join(line[: line.rindex(b" .")] + suffix for line in part.lines)


def to_trig(source: Exportable) -> bytes:
    """TriG with the named graphs in IRI order (the default graph is left out), written by Oxigraph from N-Quads
    streamed graph by graph."""
    import pyoxigraph as ox

    stream = io.BufferedReader(_ChunkReader(_nquads(_export_set(source))), buffer_size=1 << 20)
    quads = ox.parse(stream, format=ox.RdfFormat.N_QUADS)
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_ox_prefixes())
    assert trig is not None  # serialize returns the bytes when given no output file
    return trig


def _sort_key(value: Any) -> str:
    if isinstance(value, dict) and "id" in value:
        return "0" + str(value["id"])
    return "1" + json.dumps(value, sort_keys=True, ensure_ascii=False)


def _canonical(value: Any) -> Any:
    """Sort every array (JSON-LD arrays of property values are unordered sets) except `@list` contents."""
    if isinstance(value, dict):
        return {
            key: [_canonical(i) for i in item] if key == "@list" else _canonical(item) for key, item in value.items()
        }
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=_sort_key)
    return value


def _owner(node_id: str, ids: set[str]) -> str | None:
    """The node whose IRI is the longest proper path prefix of `node_id` (its owner, e.g. section → statement)."""
    candidate = node_id
    while "/" in candidate:
        candidate = candidate.rsplit("/", 1)[0]
        if candidate in ids:
            return candidate
    return None


def _nest(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Embed each node into the node that owns its IRI and links to it; leave `{"id": …}` references elsewhere."""
    by_id = {node["id"]: node for node in nodes if "id" in node}
    ids = set(by_id)
    embedded: set[str] = set()
    for node_id in sorted(by_id, key=lambda i: (-i.count("/"), i)):
        owner_id = _owner(node_id, ids)
        if owner_id is None:
            continue
        owner = by_id[owner_id]
        for key, values in owner.items():
            items = values if isinstance(values, list) else [values]
            for position, item in enumerate(items):
                if item == node_id or (isinstance(item, dict) and item.get("id") == node_id and len(item) == 1):
                    items[position] = by_id[node_id]
                    embedded.add(node_id)
                    break
            else:
                continue
            owner[key] = items if isinstance(values, list) else items[0]
            break
    return [node for node in nodes if node.get("id") not in embedded]


def _merge(nodes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One node per id: a subject described in several graphs gets the union of its property values.

    A key stays a single value if every part had it as one and the union has one value (rdflib writes a
    single value bare unless the context declares a set), else it becomes an array.
    """
    merged: dict[str, dict[str, Any]] = {}
    loose: list[dict[str, Any]] = []
    for node in nodes:
        node_id = node.get("id")
        if node_id is None:
            loose.append(node)
            continue
        into = merged.get(node_id)
        if into is None:
            merged[node_id] = node
            continue
        for key, value in node.items():
            if key not in into:
                into[key] = value
                continue
            if into[key] == value:
                continue
            combined = into[key] if isinstance(into[key], list) else [into[key]]
            for item in value if isinstance(value, list) else [value]:
                if item not in combined:
                    combined.append(item)
            into[key] = combined
    return [*merged.values(), *loose]


def _group(node_id: str, names: set[str]) -> str:
    """The graph whose IRI is `node_id` or a path prefix of it (an article and its parts), else ""."""
    candidate = node_id
    while candidate:
        if candidate in names:
            return candidate
        candidate = candidate.rsplit("/", 1)[0] if "/" in candidate else ""
    return ""


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


def to_jsonld(source: Exportable) -> bytes:
    """Compacted with the repository's context, nodes nested by IRI ownership, every array sorted."""
    exports = _export_set(source)
    names = set(exports.graphs)
    groups: dict[str, list[str]] = defaultdict(list)  # owning graph → the graphs holding some of its nodes
    for name, part in exports.ordered():
        owners = {_group(str(node.get("id", "")), names) for node in json.loads(part.nodes)}
        for owner in sorted(owners):
            groups[owner].append(name)
    rendered: list[tuple[str, str]] = []
    for owner, holders in sorted(groups.items()):
        nodes = [node for holder in holders for node in json.loads(exports.graphs[holder].nodes)
                 if _group(str(node.get("id", "")), names) == owner]  # fmt: skip
        for node in _nest(_merge(nodes)):
            node = _canonical(node)
            rendered.append((_sort_key(node), json.dumps(node, indent=2, ensure_ascii=False, sort_keys=True)))
    rendered.sort()
    context = json.dumps(jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True)
    body = ",\n".join(_indented(text, 4) for _, text in rendered)
    graph = "[\n" + body + "\n  ]" if rendered else "[]"
    return ('{\n  "@context": ' + _indented(context, 2).lstrip() + ',\n  "@graph": ' + graph + "\n}\n").encode("utf-8")


FORMATS: dict[str, tuple[str, Serializer]] = {
    "turtle": ("calckg.ttl", to_turtle),
    "nt": ("calckg.nt", to_ntriples),
    "jsonld": ("calckg.jsonld", to_jsonld),
    "trig": ("calckg.trig", to_trig),
}


_TYPE = b"<" + str(RDF.type).encode("utf-8") + b">"


def summary_counts(exports: ExportSet) -> dict[str, int]:
    """The closing summary of a build: triples, statements, statistics, references, unresolved citations."""
    types: Counter[bytes] = Counter()
    assertions: set[bytes] = set()
    extracted: set[bytes] = set()
    extracted_kind = b"<" + str(CK.ExtractedAssertion).encode("utf-8") + b">"
    kinds = {b"<" + str(k).encode("utf-8") + b">" for k in (CK.Assertion, CK.ManagementStep)}
    triples = 0
    for _, part in exports.ordered():
        triples += len(part.lines)
        for line in part.lines:
            subject, predicate, rest = line.split(b" ", 2)
            if predicate == _TYPE:
                obj = rest[: rest.rindex(b" .")]
                types[obj] += 1
                if obj in kinds and subject.startswith(b"<"):
                    assertions.add(subject)
                if obj == extracted_kind:
                    extracted.add(subject)

    def count(cls: URIRef) -> int:
        return types[b"<" + str(cls).encode("utf-8") + b">"]

    return {
        "triples": triples,
        "articles": count(CK.Article),
        "statements": count(CK.Statement),
        "statistics": count(CK.Statistic),
        "references": count(CK.Reference),
        "curated assertions": len(assertions - extracted),
        "extracted assertions": len(extracted),
        "citations without a reference entry": count(CK.UnresolvedCitation),
    }
