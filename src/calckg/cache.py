"""A content-addressed disk cache for results that are expensive and fully determined by their input.

Why it exists: on an unchanged rebuild, HermiT (a JVM start plus classification, 2-7 s) and pySHACL's
SHACL-for-SHACL check of the shapes (about 2 s) would give exactly the answer they gave last time.
- Keys are the sha256 of the exact input bytes plus every tool version that could change the answer
  (`key(...)`); a changed input or an upgraded tool is a different key, so nothing is ever invalidated by hand.
- Entries live in `<out>/.cache/<kind>/<key>` and are written atomically by :mod:`calckg.atomic` (not fsynced:
  the checksum below catches a torn entry), so a killed build never leaves half an entry.
- Each entry starts with a header holding the sha256 of its payload; an entry that is truncated, corrupt
  or of another format version is treated as a miss (and overwritten by the next `put`).
- The cache is an optimisation only: any OS error while reading or writing is a miss or a no-op.

`using(cache)` makes a cache the current one for code that has no build folder of its own (the shapes
check in :mod:`calckg.validate`); `current()` is `None` outside such a block, which disables caching.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from calckg.atomic import write_file
from calckg.union import union_graph
from calckg.namespaces import bind_prefixes

if TYPE_CHECKING:
    from calckg.reason import ReasoningResult

__all__ = [
    "CACHE_DIR", "DiskCache", "cached_reason", "current", "for_build", "key", "outputs_recipe", "recipe", "reuse_output",
    "tool_versions", "using",
]

CACHE_DIR = ".cache"
_MAGIC = b"calckg-cache 1 "
_HEADER_LENGTH = len(_MAGIC) + 64 + 1  # magic, hex sha256 of the payload, newline


def key(*parts: str | bytes) -> str:
    """sha256 over the parts, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def tool_versions(*packages: str) -> str:
    """`name=version` of calckg and the given distributions (part of every key: an upgrade is a miss)."""
    from importlib.metadata import PackageNotFoundError, version

    from calckg import __version__

    found = [f"calckg={__version__}"]
    for package in packages:
        try:
            found.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}=missing")
    return " ".join(found)


def _files_key(first: str, files: list[Path]) -> str:
    """sha256 over `first` and each file's path (relative to the project) and bytes."""
    from calckg import resources

    root = resources.project_root()
    parts: list[str | bytes] = [first]
    for path in files:
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        try:
            parts += [name, path.read_bytes()]
        except OSError:
            parts += [name, b"unreadable"]
    return key(*parts)


@functools.cache
def recipe() -> str:
    """sha256 of everything besides an article's own text that shapes its part of a build: calckg's code (not the
    benchmark, nor the review site, which keys its pages itself), the ontology and vocabulary, the shapes, the
    related-question queries, every data file (the words that read figures and claims: data/quantities.json,
    data/bare-values.json …; the curated assertions, vocabulary and packs) but the source articles, and the library
    versions. Editing any of them makes every cached article a miss (until 2026-12-05 only data/claim-cues.json of
    the word files was in it, so an edited data/quantities.json kept the figures of cached articles)."""
    from calckg import resources

    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*.py") if "site" not in p.relative_to(package).parts)
    for folder in (resources.ontology_dir(), resources.shapes_dir(), resources.queries_dir() / "related"):
        files.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    data = resources.data_dir()
    files.extend(sorted(p for p in data.rglob("*") if p.is_file() and p.relative_to(data).parts[0] != "sources"))
    return _files_key(tool_versions("rdflib", "pyshacl", "pyshacl-turbo", "pyoxigraph"), files)


@functools.cache
def outputs_recipe() -> str:
    """:func:`recipe` plus what else shapes the build's whole-graph outputs (answers, FAQ, exports): every query
    and the answer kinds (the JSON-LD context is in ontology/, part of the recipe)."""
    from calckg import resources

    files = sorted(p for p in resources.queries_dir().rglob("*") if p.is_file())
    files += sorted(p for p in resources.data_dir().glob("*.json") if p.is_file())
    return _files_key(recipe(), files)


def reuse_output(cache: DiskCache, path: Path, input_key: str, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The content for output file `path`: the file as it is, when a previous build recorded that it made exactly
    that file (same sha256) from the same input (`input_key`), else `make()` (and the record for next time).
    Returns the content and whether it was reused."""
    entry_key = key("output", path.name, input_key)
    recorded = cache.get("output", entry_key)
    if recorded is not None:
        try:
            content = path.read_bytes()
        except OSError:
            content = None
        if content is not None and hashlib.sha256(content).hexdigest().encode("ascii") == recorded:
            return content, True
    content = make()
    cache.put("output", entry_key, hashlib.sha256(content).hexdigest().encode("ascii"))
    return content, False


class DiskCache:
    """Entries under `root/<kind>/<key>`; see the module docstring for the format and guarantees.

    With `deferred=True`, `put` only remembers the entry and `commit()` writes them all: a build uses that so
    nothing under its output folder changes unless the whole build succeeds.
    """

    def __init__(self, root: Path, *, deferred: bool = False) -> None:
        self.root = root
        self.deferred = deferred
        self.hits: list[str] = []  # kinds answered from disk, in order
        self.misses = 0
        self._pending: dict[tuple[str, str], bytes] = {}
        self._counting = threading.Lock()  # the build's export thread reads and writes entries too

    def missed(self) -> None:
        """Count one entry that was absent or unusable."""
        with self._counting:
            self.misses += 1

    def path(self, kind: str, entry_key: str) -> Path:
        return self.root / kind / entry_key

    def get(self, kind: str, entry_key: str) -> bytes | None:
        """The payload stored under the key, or None (absent, unreadable, truncated or corrupt)."""
        try:
            raw = self.path(kind, entry_key).read_bytes()
        except OSError:
            self.missed()
            return None
        header, payload = raw[:_HEADER_LENGTH], raw[_HEADER_LENGTH:]
        expected = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
        if header != expected:
            self.missed()
            return None
        self.hits.append(kind)
        return payload

    def put(self, kind: str, entry_key: str, payload: bytes) -> None:
        """Store atomically (or remember until `commit` when deferred); a failure to write is ignored."""
        if self.deferred:
            self._pending[(kind, entry_key)] = payload
        else:
            self._write(kind, entry_key, payload)

    def commit(self) -> None:
        """Write every deferred entry."""
        pending, self._pending = self._pending, {}
        for (kind, entry_key), payload in sorted(pending.items()):
            self._write(kind, entry_key, payload)

    def _write(self, kind: str, entry_key: str, payload: bytes) -> None:
        header = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
        try:  # not fsynced: a torn entry fails its checksum and is a miss
            write_file(self.path(kind, entry_key), header, payload, durable=False)
        except OSError:
            pass


_current: list[DiskCache | None] = []


def for_build(out: Path) -> DiskCache:
    """The deferred cache of a build writing into `out` (`<out>/.cache`); the build calls its `commit()` once it
    has written its outputs. A build that fails never commits, and the next one starts afresh."""
    return DiskCache(out / CACHE_DIR, deferred=True)


def current() -> DiskCache | None:
    """The cache made current by the innermost `using` block, if any."""
    return _current[-1] if _current else None


@contextmanager
def using(cache: DiskCache | None) -> Iterator[DiskCache | None]:
    """Make `cache` current for the block (None: no caching inside it)."""
    _current.append(cache)
    try:
        yield cache
    finally:
        _current.pop()


# --- HermiT ---------------------------------------------------------------------------------------------------


def cached_reason(graph: Graph, cache: DiskCache | None, *, timeout_s: float = 60.0) -> ReasoningResult:
    """`calckg.reason.reason(graph)`, answered from `cache` when the same input was reasoned over before.

    The key is the sorted N-Triples HermiT would read (owl:imports removed, as `reason` sends it) plus the
    versions of calckg and owlready2 (which bundles HermiT) and the text of the two reasoning modules; the entry
    holds the verdict, the unsatisfiable classes, the explanation and the inferred triples as N-Triples.
    A hit starts no JVM; `seconds` then says how long the lookup took.
    """
    from calckg import reason as reasoning

    if cache is None:
        return reasoning.reason(graph, timeout_s=timeout_s)
    started = time.perf_counter()
    lines = reasoning._ntriples_without_imports(union_graph(graph)).splitlines(keepends=True)  # noqa: SLF001
    sources = b"".join(Path(reasoning.__file__).with_name(n).read_bytes() for n in ("reason.py", "reason_worker.py"))
    entry_key = key("hermit", tool_versions("owlready2", "rdflib"), sources, b"".join(sorted(set(lines))))
    payload = cache.get("hermit", entry_key)
    if payload is not None:
        try:
            stored = json.loads(payload)
            inferred = bind_prefixes(Graph()).parse(data=stored["inferred"], format="nt")
            return reasoning.ReasoningResult(
                consistent=bool(stored["consistent"]),
                inferred=inferred,
                unsatisfiable=tuple(str(iri) for iri in stored["unsatisfiable"]),
                explanation=str(stored["explanation"]),
                seconds=time.perf_counter() - started,
            )
        except (ValueError, KeyError, TypeError):  # readable but not what this version writes: a miss
            cache.missed()
    result = reasoning.reason(graph, timeout_s=timeout_s)
    inferred_nt = b"".join(sorted(result.inferred.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)))
    cache.put("hermit", entry_key, json.dumps({
        "consistent": result.consistent,
        "unsatisfiable": list(result.unsatisfiable),
        "explanation": result.explanation,
        "inferred": inferred_nt.decode("utf-8"),
    }, sort_keys=True).encode("utf-8"))  # fmt: skip
    return result
