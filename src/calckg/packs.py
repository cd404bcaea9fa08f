"""Domain packs: a topic's vocabulary, curated claims and the rule that says which articles it applies to.

A pack is a folder under data/packs/ with a `pack.json`:

    {"title": "...", "vocabulary": ["vocabulary.ttl", ...], "curated": "curated",
     "scope": {"concepts": ["https://w3id.org/calckg/concept/breast", ...], "min_statements": 3}}

Its concepts are matched only in an article that is in its scope: the article's title mentions one of the scope
concepts, or at least `min_statements` of its statements do (so a thyroid article that says "microcalcifications"
never gets the breast concept). Everything about a topic is data in its folder; no Python names a topic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from calckg.errors import InputError
from calckg.link import ConceptMatcher
from calckg import resources

__all__ = ["Pack", "load_packs", "packs_dir"]

PACK_FILE = "pack.json"


@dataclass(frozen=True)
class Pack:
    name: str
    folder: Path
    title: str
    vocabulary_files: tuple[Path, ...]
    curated_folder: Path | None
    scope_concepts: frozenset[URIRef]
    min_statements: int

    @cached_property
    def vocabulary(self) -> Graph:
        graph = Graph()
        for path in self.vocabulary_files:
            try:
                graph.parse(path, format="turtle")
            except Exception as error:  # rdflib raises parser-specific types
                raise InputError(f"{path}: not valid Turtle: {str(error).splitlines()[0]}") from None
        return graph

    @cached_property
    def matcher(self) -> ConceptMatcher:
        return ConceptMatcher.from_graph(self.vocabulary)

    def in_scope(self, title: str, statements: Iterable[str]) -> bool:
        """True when the title, or at least `min_statements` statements, mention a scope concept."""
        if self.matcher.concepts(title) & self.scope_concepts:
            return True
        count = 0
        for text in statements:
            if self.matcher.concepts(text) & self.scope_concepts:
                count += 1
                if count >= self.min_statements:
                    return True
        return False


def packs_dir() -> Path:
    return resources.packs_dir()


def _load_pack(folder: Path) -> Pack:
    path = folder / PACK_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    except ValueError as error:
        raise InputError(f"{path}: not valid JSON ({error})") from None
    try:
        scope = document["scope"]
        files = tuple((folder / name).resolve() for name in document["vocabulary"])
        curated = document.get("curated")
        pack = Pack(folder.name, folder, str(document["title"]), files,
                    (folder / curated).resolve() if curated else None,
                    frozenset(URIRef(c) for c in scope["concepts"]), int(scope.get("min_statements", 1)))  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"{path}: expected title, vocabulary (list of files) and scope.concepts ({error!r})") from None
    for file in files:
        if not file.is_file():
            raise InputError(f"{path}: vocabulary file {file} not found")
    unknown = sorted(str(c) for c in pack.scope_concepts if not any(pack.vocabulary.triples((c, None, None))))
    if unknown:
        raise InputError(f"{path}: scope concept(s) not in the pack's vocabulary: {', '.join(unknown)}")
    return pack


def load_packs(folder: Path | None = None) -> tuple[Pack, ...]:
    """Every pack under `folder`, in name order; without `folder`, the packs in use: those given with --pack, else
    every pack under data/packs/ (:func:`calckg.resources.pack_dirs`)."""
    if folder is not None:
        return _packs_in(tuple(sorted(path.parent for path in folder.glob(f"*/{PACK_FILE}"))))
    return _packs_in(tuple(p for p in resources.pack_dirs() if resources.overrides().packs or (p / PACK_FILE).is_file()))


@lru_cache(maxsize=4)
def _packs_in(folders: tuple[Path, ...]) -> tuple[Pack, ...]:
    return tuple(_load_pack(folder) for folder in folders)
