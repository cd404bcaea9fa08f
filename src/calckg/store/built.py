"""The persistent Oxigraph store `calckg build` writes under its output folder (`<out>/store/`), which the read
commands (query, answer, related, stats, validate, serve) open read-only instead of parsing calckg.trig.

- Written atomically: the new store is made in a sibling folder (`<out>/.store.new`) and renamed into place; the
  live store is never written, so read-only readers (any number, none blocking another) never see a write.
- Rebuilt incrementally: `store/calckg-graphs.json` records the sha256 of every named graph's N-Triples; a rebuild
  copies the live store and replaces only the named graphs that changed (and drops the ones that are gone).
- Between the two renames of a swap (microseconds) the folder is absent: a reader then falls back to calckg.trig.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from calckg.errors import StoreError
from calckg.store.base import Store

STORE_DIR = "store"
MANIFEST = "calckg-graphs.json"
MANIFEST_VERSION = 1


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


def write_built_store(out: Path, graphs: Mapping[str, Sequence[bytes]]) -> str:
    """Make `<out>/store` hold exactly `graphs` (name → N-Triples lines; empty graphs are left out); returns what
    was done, for build's progress."""
    contents = {name: lines for name, lines in graphs.items() if lines}
    wanted = {name: _digest(lines) for name, lines in contents.items()}
    live = built_store_path(out)
    before = read_manifest(live)
    if before == wanted:
        return f"{len(wanted)} named graphs unchanged in {live}"
    staging, old = out / ".store.new", out / ".store.old"
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    if before is not None:
        shutil.copytree(live, staging)
        (staging / MANIFEST).unlink()  # the copy is not a complete store until its new manifest is written
    changed = [name for name, digest in wanted.items() if (before or {}).get(name) != digest]
    gone = [name for name in before or {} if name not in wanted]
    try:
        store = ox.Store(str(staging))
        for name in (*gone, *changed):
            if before is not None and name in before:
                store.remove_graph(ox.NamedNode(name))
        for name in changed:
            store.load(b"".join(contents[name]), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        store.flush()
        del store
    except (OSError, SyntaxError, ValueError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot write the Oxigraph store in {staging}: {error}") from None
    manifest = {"version": MANIFEST_VERSION, "graphs": dict(sorted(wanted.items()))}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    _swap(staging, live, old)
    return f"{len(changed)} of {len(wanted)} named graphs written, {len(gone)} dropped → {live}"


def _swap(staging: Path, live: Path, old: Path) -> None:
    if live.exists():
        os.replace(live, old)
    os.replace(staging, live)
    shutil.rmtree(old, ignore_errors=True)


def store_class_counts(store: Store) -> tuple[list[tuple[str, int]], int]:
    """Instances per class in the union of a store's named graphs (largest first, then by class IRI), and its
    number of distinct triples (queries/stats/)."""
    from calckg.queries import internal_query

    rows = store.select(internal_query("stats/class-counts").text).rows
    counts = sorted(((str(cls), int(n)) for cls, n in rows), key=lambda item: (-item[1], item[0]))  # type: ignore[call-overload]
    return counts, int(store.select(internal_query("stats/triple-count").text).rows[0][0])  # type: ignore[call-overload]
