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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from calckg import cache as _cache
from calckg.export import ExportSet
from calckg.site.article_page import article_slug, page_model, summary
from calckg.site.graph_data import Lexicon, article_data
from calckg.site.render import render, site_files, static_files
from calckg.validation_report import ValidationResult, results_to_json

SITE_DIR = "site"
CACHE_KIND = "site-page"
ONTOLOGY_GRAPH = "https://w3id.org/calckg/ontology"
VOCABULARY_GRAPH = "https://w3id.org/calckg/concept/"


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


class _Pages:
    """Article pages, each rendered or reused from the previous build."""

    def __init__(self, out: Path, disk: _cache.DiskCache, exports: ExportSet) -> None:
        self.out, self.disk, self.exports = out, disk, exports
        self.recipe = site_recipe()
        self.rendered = 0
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            graphs = self.exports.graphs
            lines = {name: b"".join(graphs[name].lines) if name in graphs else b""
                     for name in (VOCABULARY_GRAPH, ONTOLOGY_GRAPH)}  # fmt: skip
            self._lexicon = Lexicon(lines[VOCABULARY_GRAPH], lines[ONTOLOGY_GRAPH])
        return self._lexicon

    def page(self, iri: str, related: Mapping[str, Any], results: list[ValidationResult],
             answers: list[dict[str, Any]]) -> tuple[Path, bytes, dict[str, Any]]:
        graphs = {name: b"".join(part.lines) for name, part in self.exports.ordered()
                  if name == iri or name.startswith(iri + "/")}  # fmt: skip
        path = self.out / SITE_DIR / "articles" / f"{article_slug(iri)}.html"
        entry_key = _cache.key(
            CACHE_KIND, self.recipe, iri, *(part for item in sorted(graphs.items()) for part in item),
            json.dumps([results_to_json(results), answers, related], ensure_ascii=False, sort_keys=True))
        stored = self.disk.get(CACHE_KIND, entry_key)
        if stored is not None:
            try:
                record = json.loads(stored)
                content = path.read_bytes()
                if hashlib.sha256(content).hexdigest() == record["sha256"]:
                    return path, content, record["summary"]
            except (OSError, ValueError, KeyError, TypeError):
                pass
        data = article_data(iri, graphs)
        model = page_model(data, results, answers, related, self.lexicon)
        content = render("article.html", page=model, root="../")
        row = summary(model, data, self.lexicon)
        record = {"sha256": hashlib.sha256(content).hexdigest(), "summary": row}
        self.disk.put(CACHE_KIND, entry_key, json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        self.rendered += 1
        return path, content, row


def site_outputs(out: Path, site: SiteInput, disk: _cache.DiskCache,
                 progress: Any = None) -> Iterator[tuple[Path, bytes]]:
    """Every file of `<out>/site/` as (path, bytes), article pages first; `progress(message)` at the end."""
    articles = {iri for iri, _ in site.articles}
    results: dict[str, list[ValidationResult]] = defaultdict(list)
    for result in site.results:
        owner = _article_of(str(result.focus_node), articles)
        if owner is not None:
            results[owner].append(result)
    answers = _answers_by_article(site.answers_json, articles)
    pages = _Pages(out, disk, site.exports)
    rows = []
    for iri, related in sorted(site.articles, key=lambda item: item[0]):
        path, content, row = pages.page(iri, related, results.get(iri, []), answers.get(iri, []))
        rows.append(row)
        yield path, content
    yield from _index_and_concepts(out / SITE_DIR, rows)
    for name, content in static_files():
        yield out / SITE_DIR / "static" / name, content
    if progress is not None:
        progress(f"site: {len(rows)} article page(s), {pages.rendered} rendered, {len(rows) - pages.rendered} unchanged")


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


def stale_pages(out: Path, written: Iterable[Path]) -> list[Path]:
    """Pages under `<out>/site/` a previous build wrote for an article or concept that is gone."""
    keep = {p.resolve() for p in written}
    site_dir = out / SITE_DIR
    return sorted(p for folder in ("articles", "concepts") if (site_dir / folder).is_dir()
                  for p in (site_dir / folder).glob("*.html") if p.resolve() not in keep)  # fmt: skip


def remove_stale_pages(out: Path, written: Iterable[Path]) -> None:
    """Delete the pages :func:`stale_pages` finds (after the build wrote its outputs)."""
    for path in stale_pages(out, written):
        try:
            path.unlink()
        except OSError:
            pass
