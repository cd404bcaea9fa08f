"""Serialisers (a format registry the CLI reads its choices from) and atomic file writes.

Every format is byte-stable for unchanged input: N-Triples lines are sorted, JSON-LD nodes and arrays are
sorted and nested by IRI ownership, Turtle and TriG rely on rdflib's sorted subject order (IRIs only, no
blank nodes anywhere in calckg's graphs).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.jsonld import from_rdf

from calckg.namespaces import bind_prefixes
from calckg.resources import context_file

Serializer = Callable[[Dataset], bytes]


@cache
def jsonld_context() -> dict[str, Any]:
    """The repository's own JSON-LD context (the `@context` object), loaded once."""
    context: dict[str, Any] = json.loads(context_file().read_text(encoding="utf-8"))["@context"]
    return context


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph (the view the single-graph formats export)."""
    graph = bind_prefixes(Graph())
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    for context in dataset.graphs():
        for triple in context:
            graph.add(triple)
    return graph


def to_ntriples(dataset: Dataset) -> bytes:
    lines = union_graph(dataset).serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def to_turtle(dataset: Dataset) -> bytes:
    return union_graph(dataset).serialize(format="turtle", encoding="utf-8")


def to_trig(dataset: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's TriG writer orders graphs by hash seed)."""
    prefixes: list[bytes] = []
    blocks: list[bytes] = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph) or graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            continue
        turtle = bind_prefixes(Graph()).__iadd__(graph).serialize(format="turtle", encoding="utf-8")
        lines = turtle.splitlines(keepends=True)
        prefixes.extend(line for line in lines if line.startswith(b"@prefix"))
        # Not indented: a line may continue a multi-line literal, whose text must stay as it is.
        body = b"".join(line for line in lines if not line.startswith(b"@prefix"))
        blocks.append(b"<" + str(graph.identifier).encode("utf-8") + b"> {\n" + body.strip(b"\n") + b"\n}\n")
    return b"".join(sorted(set(prefixes))) + b"\n" + b"\n".join(blocks)


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


def to_jsonld(dataset: Dataset) -> bytes:
    context = jsonld_context()
    document = from_rdf(union_graph(dataset), context_data=context, use_native_types=True)
    nodes = document.get("@graph", [document])
    # A JSON round trip turns rdflib terms (which never equal plain strings) into plain JSON values.
    nodes = json.loads(json.dumps([{k: v for k, v in node.items() if k != "@context"} for node in nodes]))
    output = {"@context": context, "@graph": _canonical(_nest(nodes))}
    return (json.dumps(output, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


FORMATS: dict[str, tuple[str, Serializer]] = {
    "turtle": ("calckg.ttl", to_turtle),
    "nt": ("calckg.nt", to_ntriples),
    "jsonld": ("calckg.jsonld", to_jsonld),
    "trig": ("calckg.trig", to_trig),
}


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write every file to a temporary sibling first, then move each into place.

    Nothing is replaced until every file has been produced, so a failure while producing outputs leaves the
    previous files as they were.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            staged.append((path, temp))
    except BaseException:
        for _, temp in staged:
            os.unlink(temp)
        raise
    mode = 0o666 & ~_current_umask()
    for path, temp in staged:
        os.chmod(temp, mode)
        os.replace(temp, path)
    return [path for path, _ in staged]
