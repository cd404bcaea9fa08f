"""Runs the per-article steps (:func:`calckg.pipeline.article_output`) for many articles: in worker processes,
cached per article.

An article's named graph (document graph, concept mentions, curated assertions, links to its related
questions), its article-local validation results, its export parts and the part the cross-article checks read
depend only on the article's text and the repository (code, ontology, vocabulary, shapes, curated files). So:
- articles are built in worker processes, two at a time, each worker holding one article's rdflib graph at once
  (the whole corpus in one rdflib Dataset took 1.2 GiB at 1,000 articles);
- each result is kept in the build's cache under the sha256 of the article's file and the repository
  (:func:`calckg.cache.recipe`), so a rebuild only redoes the articles that changed.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import Graph, URIRef

from calckg import cache as _cache
from calckg import workers
from calckg.export import GraphExport, graph_lines
from calckg.link import ConceptMatcher
from calckg.model import Article
from calckg.related import RelatedResult, rank_article, related_links_graph
from calckg.store.oxigraph import OxigraphStore
from calckg.validate import ArticleShapes
from calckg.validation_report import ValidationResult, results_from_json, results_to_json
from calckg.vocabulary import ArticleLinker, default_linker

CACHE_KIND = "article"
_BATCH = 4


@dataclass(frozen=True)
class ArticleOutput:
    """One article's share of the build."""

    iri: str
    export: GraphExport
    extracted: GraphExport | None
    """The extracted claims, for the named graph <iri>/extracted (None when there are none)."""
    cross: list[bytes]
    """N-Triples lines of :func:`calckg.validate.cross_article_part`."""
    results: tuple[ValidationResult, ...]
    related: dict[str, object]
    """The article's entry of related.json (:func:`calckg.related.related_entry`)."""
    linked: int


BuildStep = Callable[[Article, str, "ConceptMatcher | ArticleLinker", ArticleShapes], ArticleOutput]
"""What makes one article's output (:func:`calckg.pipeline.article_output`)."""


def link_related(graph: Graph, iri: URIRef) -> tuple[RelatedResult, list[bytes]]:
    """Rank the article's related questions against its own profile, add the links above the threshold, and
    return the result with the graph's N-Triples lines (serialised once, for the ranking and the export)."""
    lines = graph_lines(graph)
    store = OxigraphStore()
    store.load_ntriples(str(iri), b"".join(lines))
    result = rank_article(store, iri)
    links = related_links_graph(result, iri)
    graph += links
    return result, sorted(set(lines).union(graph_lines(links)))


# --- the build's cache --------------------------------------------------------------------------------------------


def cache_key(article: Article, base_iri: str) -> str:
    return _cache.key(CACHE_KIND, _cache.recipe(), base_iri, article.file_name, article.sha256)


def encode(output: ArticleOutput) -> bytes:
    document = {
        "iri": output.iri,
        "lines": b"".join(output.export.lines).decode("utf-8"),
        "nodes": output.export.nodes.decode("utf-8"),
        "extracted": None if output.extracted is None else
                     [b"".join(output.extracted.lines).decode("utf-8"), output.extracted.nodes.decode("utf-8")],
        "cross": b"".join(output.cross).decode("utf-8"),
        "results": results_to_json(output.results),
        "related": output.related,
        "linked": output.linked,
    }  # fmt: skip
    return zlib.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"), 1)


def decode(payload: bytes) -> ArticleOutput:
    document = json.loads(zlib.decompress(payload))
    results = results_from_json(document["results"])
    extracted = document["extracted"]
    return ArticleOutput(
        iri=document["iri"],
        export=GraphExport(_lines(document["lines"]), document["nodes"].encode("utf-8")),
        extracted=None if extracted is None else GraphExport(_lines(extracted[0]), extracted[1].encode("utf-8")),
        cross=_lines(document["cross"]),
        results=results,
        related=document["related"],
        linked=int(document["linked"]),
    )


def _lines(text: str) -> list[bytes]:
    return [line.encode("utf-8") for line in text.splitlines(keepends=True)]


# --- many articles ------------------------------------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(step: BuildStep, base_iri: str, shapes_nt: bytes, ontology_nt: bytes, engine: str) -> None:
    _worker.update(step=step, base_iri=base_iri, linker=default_linker(),
                   shapes=ArticleShapes.from_ntriples(shapes_nt, ontology_nt, engine))  # fmt: skip


def _build_batch(batch: list[Article]) -> list[bytes]:
    step = _worker["step"]
    return [encode(step(article, _worker["base_iri"], _worker["linker"], _worker["shapes"])) for article in batch]


@cache
def _shipped_shapes() -> ArticleShapes:
    return ArticleShapes.shipped()


def build_articles(articles: Sequence[Article], base_iri: str, disk: _cache.DiskCache | None,
                   step: BuildStep) -> list[ArticleOutput]:  # fmt: skip
    """Every article's output, in the given order: from `disk` when the article and the repository are unchanged,
    else made by `step` (a module-level function, in worker processes when there are several) and remembered in
    `disk`."""
    keys = [cache_key(article, base_iri) for article in articles]
    found: dict[int, ArticleOutput] = {}
    if disk is not None:
        for position, key in enumerate(keys):
            payload = disk.get(CACHE_KIND, key)
            if payload is not None:
                try:
                    found[position] = decode(payload)
                except (ValueError, KeyError, TypeError, zlib.error):  # not what this version writes: a miss
                    disk.missed()
    todo = [position for position in range(len(articles)) if position not in found]
    for position, payload in zip(todo, _build([articles[p] for p in todo], base_iri, step), strict=True):
        found[position] = decode(payload)
        if disk is not None:
            disk.put(CACHE_KIND, keys[position], payload)
    return [found[position] for position in range(len(articles))]


def _build(articles: list[Article], base_iri: str, step: BuildStep) -> list[bytes]:
    shapes = _shipped_shapes()
    if len(articles) >= workers.MIN_ITEMS and workers.WORKERS > 1:
        return workers.run_in_workers(_build_batch, workers.batched(articles, _BATCH), initializer=_init_worker,
                                      initargs=(step, base_iri, *shapes.to_ntriples()))  # fmt: skip
    return [encode(step(article, base_iri, default_linker(), shapes)) for article in articles]
