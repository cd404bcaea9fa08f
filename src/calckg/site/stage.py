"""The site stage of `calckg build`: `<out>/site/` with one review page per article, an index and a page per
concept, made from the built graphs, the validation results, answers.json and each article's related questions.

Incremental: an article's page is keyed by the sha256 of everything it shows (its named graphs' N-Triples, its
validation results, the answers citing it, its related questions) and of the site's own files; a previous build's
page with that key is reused as it is, so one changed article re-renders its page only. The index and the concept
pages are made every time from each article's summary (kept in the cache beside the page's key), which costs
little. Pages are byte-identical for unchanged input: every list is sorted and nothing depends on time or order
of work.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from calckg import cache as _cache
from calckg import workers
from calckg.export import ExportSet
from calckg.reference_graphs import ONTOLOGY_GRAPH, VOCABULARY_GRAPH
from calckg.site.article_page import article_slug, page_model, summary
from calckg.site.graph_data import Lexicon, article_data
from calckg.site.render import render, site_files, static_files
from calckg.validation_report import ValidationResult, results_from_json, results_to_json

SITE_DIR = "site"
CACHE_KIND = "site-page"
_BATCH = 8


@dataclass(frozen=True)
class SiteInput:
    """What the site is made from: the build's graphs, results and answers, and each article's related entry."""

    exports: ExportSet
    articles: Sequence[tuple[str, Mapping[str, Any]]]  # (article IRI, its related.json entry), in build order
    results: Sequence[ValidationResult]
    answers_json: bytes


def site_recipe() -> str:
    """sha256 of the site's code, templates, queries and static files, and the Jinja2 version."""
    parts: list[str | bytes] = [f"jinja2={version('jinja2')}", _cache.recipe()]
    for path in site_files():
        parts += [path.name, path.read_bytes()]
    return _cache.key(*parts)


def _article_of(iri: str, articles: set[str]) -> str | None:
    """The article whose IRI is `iri` or a path prefix of it."""
    candidate = iri
    while candidate:
        if candidate in articles:
            return candidate
        cut = candidate.rfind("/")
        if cut <= len("https://"):
            return None
        candidate = candidate[:cut]
    return None


def _answers_by_article(answers_json: bytes, articles: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Each supported answer under every article it cites a statement of (or names in an "article" field)."""
    document = json.loads(answers_json) if answers_json else {}
    entries = document.get("answers", []) if isinstance(document, dict) else document
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if not entry.get("supported"):
            continue
        owners = {_article_of(s.get("statement", ""), articles) for s in entry.get("sentences", [])}
        if isinstance(entry.get("article"), str):
            owners.add(entry["article"] if entry["article"] in articles else None)
        for owner in sorted(o for o in owners if o):
            found[owner].append(entry)
    return found


def _lexicon_input(exports: ExportSet) -> tuple[bytes, bytes]:
    """The vocabulary's and the ontology's N-Triples (what :class:`Lexicon` reads)."""
    graphs = exports.graphs
    return tuple(b"".join(graphs[name].lines) if name in graphs else b""  # type: ignore[return-value]
                 for name in (str(VOCABULARY_GRAPH), str(ONTOLOGY_GRAPH)))


def render_article(job: tuple[str, dict[str, bytes], list[Any], list[dict[str, Any]], Mapping[str, Any]],
                   lexicon: Lexicon) -> tuple[bytes, dict[str, Any]]:
    """One article's page and its summary row, from (IRI, graphs, result rows, answers, related entry)."""
    iri, graphs, result_rows, answers, related = job
    data = article_data(iri, graphs)
    lexicon = lexicon.with_concepts(data["concepts"])
    model = page_model(data, results_from_json(result_rows), answers, related, lexicon)
    return render("article.html", page=model, root="../"), summary(model, data, lexicon)


_worker: dict[str, Lexicon] = {}


def _init_worker(vocabulary_nt: bytes, ontology_nt: bytes) -> None:
    _worker["lexicon"] = Lexicon(vocabulary_nt, ontology_nt)


def _render_batch(jobs: list[Any]) -> list[tuple[bytes, dict[str, Any]]]:
    return [render_article(job, _worker["lexicon"]) for job in jobs]


def _render_all(jobs: list[Any], exports: ExportSet) -> list[tuple[bytes, dict[str, Any]]]:
    """Every job's page: in worker processes when there are enough of them (pages never look at each other)."""
    if not jobs:
        return []
    lexicon_input = _lexicon_input(exports)
    if len(jobs) >= workers.MIN_ITEMS:
        done = workers.run_in_workers(_render_batch, workers.batched(jobs, _BATCH), initializer=_init_worker,
                                      initargs=lexicon_input)  # fmt: skip
        if done is not None:
            return done
    lexicon = Lexicon(*lexicon_input)
    return [render_article(job, lexicon) for job in jobs]


def write_site(folder: Path, out: Path, site: SiteInput, disk: _cache.DiskCache, progress: Any = None) -> Path:
    """Write every file of the site into `folder` (the new output generation's `site/`); returns `<out>/site`,
    the path readers use. Pages of the previous build are read from `<out>/site/` (the current generation)."""
    root = out / SITE_DIR
    for path, content in site_outputs(out, site, disk, progress):
        target = folder / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return root


def site_outputs(out: Path, site: SiteInput, disk: _cache.DiskCache,
                 progress: Any = None) -> Iterator[tuple[Path, bytes]]:
    """Every file of `<out>/site/` as (path, bytes), article pages first; `progress(message)` at the end."""
    return _site_files(out, site, disk, progress)


def _site_files(out: Path, site: SiteInput, disk: _cache.DiskCache,
                progress: Any = None) -> Iterator[tuple[Path, bytes]]:
    """Every file of `<out>/site/` as (path, bytes)."""
    articles = {iri for iri, _ in site.articles}
    results: dict[str, list[ValidationResult]] = defaultdict(list)
    for result in site.results:
        owner = _article_of(str(result.focus_node), articles)
        if owner is not None:
            results[owner].append(result)
    answers = _answers_by_article(site.answers_json, articles)
    graph_names: dict[str, list[str]] = defaultdict(list)
    for name in sorted(site.exports.graphs):
        owner = _article_of(name, articles)
        if owner is not None:
            graph_names[owner].append(name)
    recipe = site_recipe()
    pages: dict[str, tuple[bytes, dict[str, Any]]] = {}
    todo: list[tuple[str, str, Any]] = []  # (article IRI, cache key, job)
    for iri, related in sorted(site.articles, key=lambda item: item[0]):
        parts = [site.exports.graphs[name] for name in graph_names[iri]]
        rows = results_to_json(sorted(results.get(iri, []), key=ValidationResult.sort_key))
        mine = answers.get(iri, [])
        entry_key = _cache.key(CACHE_KIND, recipe, iri, *graph_names[iri], *(line for p in parts for line in p.lines),
                               json.dumps([rows, mine, related], ensure_ascii=False, sort_keys=True))  # fmt: skip
        reused = _reuse(disk, entry_key, _page_path(out, iri))
        if reused is not None:
            pages[iri] = reused
        else:
            graphs = {name: b"".join(part.lines) for name, part in zip(graph_names[iri], parts, strict=True)}
            todo.append((iri, entry_key, (iri, graphs, rows, mine, dict(related))))
    for (iri, entry_key, _), (content, row) in zip(todo, _render_all([job for _, _, job in todo], site.exports), strict=True):
        pages[iri] = (content, row)
        record = {"sha256": hashlib.sha256(content).hexdigest(), "summary": row}
        disk.put(CACHE_KIND, entry_key, json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for iri in sorted(pages):
        yield _page_path(out, iri), pages[iri][0]
    yield from _index_and_concepts(out / SITE_DIR, [row for _, row in (pages[iri] for iri in sorted(pages))])
    for name, content in static_files():
        yield out / SITE_DIR / "static" / name, content
    if progress is not None:
        progress(f"site: {len(pages)} article page(s), {len(todo)} rendered, {len(pages) - len(todo)} unchanged")


def _page_path(out: Path, iri: str) -> Path:
    return out / SITE_DIR / "articles" / f"{article_slug(iri)}.html"


def _reuse(disk: _cache.DiskCache, entry_key: str, path: Path) -> tuple[bytes, dict[str, Any]] | None:
    """The page at `path` and its summary, when the previous build recorded making exactly it from this key."""
    stored = disk.get(CACHE_KIND, entry_key)
    if stored is None:
        return None
    try:
        record = json.loads(stored)
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() == record["sha256"]:
            return content, record["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _index_and_concepts(site_dir: Path, rows: list[dict[str, Any]]) -> Iterator[tuple[Path, bytes]]:
    rows = sorted(rows, key=lambda r: (r["title"].casefold(), r["iri"]))
    keys = ("statements", "claims", "figures", "warnings", "violations")
    totals = {k: sum(r["counts"][k] for r in rows) for k in keys}
    concepts: dict[str, dict[str, Any]] = {}
    for row in rows:
        for iri, usage in row["concepts"].items():
            concept = concepts.setdefault(iri, {**usage["concept"], "articles": [], "claims": []})
            if usage["statements"]:
                concept["articles"].append({"slug": row["slug"], "title": row["title"], "statements": usage["statements"]})
            concept["claims"].extend({**c, "slug": row["slug"], "title": row["title"]} for c in usage["claims"])
    listed = sorted(concepts.values(), key=lambda c: (c["label"].casefold(), c["iri"]))
    index_concepts = [{"slug": c["slug"], "label": c["label"], "articles": len({a["slug"] for a in c["articles"]} |
                                                                              {x["slug"] for x in c["claims"]})}
                      for c in listed]  # fmt: skip
    yield site_dir / "index.html", render("index.html", rows=rows, totals=totals, concepts=index_concepts, root="")
    for concept in listed:
        yield site_dir / "concepts" / f"{concept['slug']}.html", render(
            "concept.html", concept=concept, articles=concept["articles"], claims=concept["claims"], root="../")
