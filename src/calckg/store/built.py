"""The persistent Oxigraph store `calckg build` writes into its output set (`<out>/store`, a link to
`<out>/.current/store`), which the read commands (query, answer, related, stats, validate, serve) open read-only
instead of parsing calckg.trig.

- Switched with the other outputs: the store is one folder of the build's new generation
  (:mod:`calckg.outputs`), so readers see the store and the files of one build, never a mix, and the live store
  is never written: read-only readers (any number, none blocking another) never see a write.
- Rebuilt incrementally: `store/calckg-graphs.json` records the sha256 of every named graph's N-Triples; a rebuild
  starts from a copy of the previous generation's store and replaces only the named graphs that changed (and
  drops the ones that are gone). The copy hard-links RocksDB's table files (`*.sst`, never modified once
  written, as RocksDB's own checkpoints do) and copies the rest, so an unchanged store costs no rewrite.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from calckg.errors import StoreError
from calckg.queries import internal_query
from calckg.store.base import Store

STORE_DIR = "store"
MANIFEST = "calckg-graphs.json"
MANIFEST_VERSION = 1
_IMMUTABLE_SUFFIX = ".sst"


def built_store_path(out: Path) -> Path:
    return out / STORE_DIR


def read_manifest(store: Path) -> dict[str, str] | None:
    """Graph name → sha256 of its N-Triples, or None when `store` is not a complete calckg store."""
    try:
        document = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("version") != MANIFEST_VERSION:
        return None
    graphs = document.get("graphs")
    return graphs if isinstance(graphs, dict) else None


def _digest(lines: Sequence[bytes]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line)
    return digest.hexdigest()


def _link_or_copy(source: str, target: str) -> None:
    if source.endswith(_IMMUTABLE_SUFFIX):
        try:
            os.link(source, target)
            return
        except OSError:  # another file system, or links not allowed: a plain copy does the same
            pass
    shutil.copy2(source, target)


class _NQuadsReader(io.RawIOBase):
    """The named graphs' N-Triples lines as one N-Quads stream, made graph by graph as the loader reads it (the
    corpus is never held twice)."""

    def __init__(self, graphs: Mapping[str, Sequence[bytes]]) -> None:
        self._graphs = iter(graphs.items())
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            name, lines = next(self._graphs, (None, ()))
            if name is None:
                return 0
            suffix = b" <" + name.encode("utf-8") + b"> .\n"
            self._pending = memoryview(b"".join(line.rstrip()[:-1].rstrip() + suffix for line in lines))
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def write_built_store(folder: Path, previous: Path | None, graphs: Mapping[str, Sequence[bytes]]) -> str:
    """Make the empty folder `folder` a store holding exactly `graphs` (name → N-Triples lines; empty graphs are
    left out), starting from `previous` (the last build's store) when it is a complete calckg store; returns what
    was done, for build's progress."""
    contents = {name: lines for name, lines in graphs.items() if lines}
    wanted = {name: _digest(lines) for name, lines in contents.items()}
    before = read_manifest(previous) if previous is not None else None
    if before is not None and previous is not None:
        shutil.copytree(previous, folder, copy_function=_link_or_copy, dirs_exist_ok=True)
        if before == wanted:
            return f"{len(wanted)} named graphs unchanged"
        (folder / MANIFEST).unlink()  # the copy is not a complete store until its new manifest is written
    changed = [name for name, digest in wanted.items() if (before or {}).get(name) != digest]
    gone = [name for name in before or {} if name not in wanted]
    try:
        store = ox.Store(str(folder))
        if before is None:  # a new store: RocksDB's bulk loader writes its table files directly
            store.bulk_load(_NQuadsReader(contents), format=ox.RdfFormat.N_QUADS)
        else:
            for name in (*gone, *changed):
                if name in before:
                    store.remove_graph(ox.NamedNode(name))
            for name in changed:
                store.load(b"".join(contents[name]), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        store.flush()
        del store
    except (OSError, SyntaxError, ValueError) as error:
        raise StoreError(f"cannot write the Oxigraph store in {folder}: {error}") from None
    manifest = {"version": MANIFEST_VERSION, "graphs": dict(sorted(wanted.items()))}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return f"{len(changed)} of {len(wanted)} named graphs written, {len(gone)} dropped"


def store_class_counts(store: Store) -> tuple[list[tuple[str, int]], int]:
    """Instances per class in the union of a store's named graphs (largest first, then by class IRI), and its
    number of distinct triples (queries/stats/)."""
    rows = store.select(internal_query("stats/class-counts").text).rows
    counts = sorted(((str(cls), int(n)) for cls, n in rows), key=lambda item: (-item[1], item[0]))  # type: ignore[call-overload]
    return counts, int(store.select(internal_query("stats/triple-count").text).rows[0][0])  # type: ignore[call-overload]
