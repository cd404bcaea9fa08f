"""The one place that sequences the build, top to bottom:

1. ingest every article (:func:`load_articles`);
2. each article on its own, in worker processes and cached per article (:func:`article_output`): its document
   graph, concept mentions, curated assertions, extracted claims, related-question links, article-local
   validation and export parts;
3. reasoning (HermiT) while the cross-article shapes run (:func:`reason_and_validate`);
4. the persistent store, in the build's new output generation, written while the answer index and the review
   sheet are computed on one in-memory store of the built graphs;
5. answers and the FAQ, asked in worker processes that open the persistent store read-only, while a thread
   writes the exports (:mod:`calckg.export_writer`);
6. the review site, then one switch of the whole output set.

Each stage reports progress through a callback. No stage holds the whole corpus as one rdflib graph (1.2 GiB at
1,000 articles): articles come back as sorted N-Triples lines and JSON-LD nodes (:mod:`calckg.article_build`),
cross-article checks and reasoning read only the small part of each article they need.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from calckg import cache as _cache
from calckg import outputs as outputs_module
from calckg.answer_index import index_file_bytes
from calckg.article_build import ArticleOutput, build_articles, link_related
from calckg.concept_graph import general_concepts_graph
from calckg.errors import CheckFailed, InputError
from calckg.export import ExportSet, GraphExport, graph_lines, graph_nodes, summary_counts
from calckg.export_writer import ExportWriter
from calckg.extract import extracted_graph
from calckg.extract.claims import EXTRACTED_GRAPH_PATH
from calckg.faq import FaqEntry, PageInfo, answers_json, faq_jsonld, faq_questions, page_info
from calckg.faq_workers import collect_answers_at
from calckg.graph import document_graph
from calckg.ids import ArticleIris, inferred_graph_iri
from calckg.ingest import parse_article, read_sources
from calckg.input_checks import BUILT_DATASET_FILE, invisible_characters
from calckg.leftovers import remove_orphans
from calckg.link import ConceptMatcher
from calckg.model import Article
from calckg.namespaces import CK, DEFAULT_BASE_IRI, bind_prefixes
from calckg.reason import REASON_TEMP_PREFIX, ReasoningResult, reasoning_report
from calckg.reason_input import reasoning_input
from calckg.runtime import rare_garbage_collection
from calckg.reference_graphs import ONTOLOGY_GRAPH, VOCABULARY_GRAPH, reference_graphs
from calckg.related import related_document, related_entry
from calckg.review import REVIEW_FILE, review_document
from calckg.semantic import cue_graph, curated_graph, mention_graph
from calckg.site import SITE_DIR, SiteInput, write_site
from calckg.store.built import STORE_DIR, built_store_path, write_built_store
from calckg.store.oxigraph import OxigraphStore
from calckg.text_index import INDEX_FILE
from calckg.validate import (
    ArticleShapes,
    cross_article_part,
    load_ontology,
    load_shapes,
    validate_cross_article,
    validation_graph,
)
from calckg.validation_report import (
    Severity,
    ValidationReport,
    ValidationResult,
    format_text,
    make_report,
    report_files,
    results_from_json,
    results_to_json,
)
from calckg.vocabulary import ArticleLinker

Progress = Callable[[str], None]
DATASET_FILE = BUILT_DATASET_FILE
RELATED_FILE = "related.json"
ANSWERS_FILE = "answers.json"
FAQ_FILE = "faq.jsonld"
CROSS_CACHE_KIND = "cross-article"


@dataclass(frozen=True)
class BuildOptions:
    sources: Path
    out: Path
    base_iri: str = DEFAULT_BASE_IRI
    reason: bool = True


@dataclass(frozen=True)
class BuildResult:
    exports: ExportSet
    articles: tuple[Article, ...]
    files: tuple[Path, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def dataset(self) -> Dataset:
        """The built named graphs as an rdflib Dataset (made on first use: for loading into a store, and tests)."""
        dataset = bind_prefixes(Dataset())
        for name, part in self.exports.ordered():
            dataset.graph(URIRef(name)).parse(data=b"".join(part.lines), format="nt")
        return dataset


def build(options: BuildOptions, progress: Progress) -> BuildResult:
    """Run every stage; nothing under `options.out` changes unless every stage succeeds."""
    clock = _Stopwatch(progress)
    articles = load_articles(options.sources, progress)
    clock.lap(f"ingest: {len(articles)} article(s), {sum(len(a.statements) for a in articles)} statements")
    with outputs_module.build_lock(options.out):
        remove_orphans(REASON_TEMP_PREFIX)
        return _build_locked(options, articles, clock)


# --- 1. ingest ----------------------------------------------------------------------------------------------------


def load_articles(sources: Path, warn: Progress | None = None) -> tuple[Article, ...]:
    """Parse every article under `sources`; two files with the same title are an input error. Invisible
    characters (NUL, bidirectional overrides) are reported to `warn`, with file and line."""
    texts = read_sources(sources)
    for source in texts:
        for warning in invisible_characters(source.path, source.text):
            (warn or (lambda message: None))(f"warning: {warning}")
    articles = tuple(parse_article(source.path, source.text) for source in texts)
    seen: dict[str, Article] = {}
    for article in articles:
        if (first := seen.get(article.slug)) is not None:
            same = ("same title as" if first.title == article.title else
                    f"title {article.title!r} gives the same article IRI (slug {article.slug!r}) as {first.title!r} in")
            raise InputError(f"{sources / article.file_name}: {same} {first.file_name} "
                             f"(article IRIs come from titles, so each title must be unique)")
        seen[article.slug] = article
    return articles


# --- 2. one article on its own (in a worker process; calckg.article_build runs the pool and the cache) ------------


def article_graphs(article: Article, base_iri: str,
                   linker: ConceptMatcher | ArticleLinker | None) -> tuple[Graph, Graph]:  # fmt: skip
    """The article's graph before related questions are linked, and its extracted claims (for the named graph
    <article-iri>/extracted). An :class:`ArticleLinker` links with the article's own matcher (its packs in scope,
    core, general vocabulary) and declares the general concepts the article mentions; a plain matcher is used as
    it is; None gives the document graph alone."""
    graph = document_graph(article, base_iri, into=validation_graph())  # a graph the shapes validate in place
    if linker is None:
        return graph, Graph()
    matcher = linker.for_article(article) if isinstance(linker, ArticleLinker) else linker
    mentions = mention_graph(ArticleIris(article, base_iri), matcher)
    if isinstance(linker, ArticleLinker):
        graph += general_concepts_graph(set(mentions.objects()), linker.lexicon)
    graph += mentions
    graph += cue_graph(graph)
    curated = curated_graph(article.slug, graph, base_iri)
    graph += curated
    extracted = extracted_graph(article, base_iri, matcher, curated.objects(None, CK.statistic))
    return graph, extracted


def article_graph(article: Article, base_iri: str, linker: ConceptMatcher | ArticleLinker | None) -> Graph:
    """:func:`article_graphs` without the extracted claims: the content of the article's named graph before its
    related questions are linked."""
    return article_graphs(article, base_iri, linker)[0]


def article_output(article: Article, base_iri: str, linker: ConceptMatcher | ArticleLinker,
                   shapes: ArticleShapes) -> ArticleOutput:  # fmt: skip
    """Everything one article contributes to the build, in order: its graphs (:func:`article_graphs`), links to
    its related questions, its export parts, the part the cross-article checks read, and its article-local
    validation results (the extracted claims are validated with the article, exported in a graph of their own)."""
    iris = ArticleIris(article, base_iri)
    graph, extracted = article_graphs(article, base_iri, linker)
    related, lines = link_related(graph, iris.root)
    export = GraphExport(lines, graph_nodes(graph))
    claims = GraphExport.of(extracted) if len(extracted) else None
    graph += extracted
    return ArticleOutput(
        iri=str(iris.root),
        export=export,
        extracted=claims,
        cross=graph_lines(cross_article_part(graph)),
        results=tuple(sorted(shapes.validate(graph, [*lines, *(claims.lines if claims else ())]),
                             key=lambda r: r.sort_key())),
        related=related_entry(related),
        linked=len(related.linked),
    )


# --- the whole build ----------------------------------------------------------------------------------------------


def _build_locked(options: BuildOptions, articles: tuple[Article, ...], clock: _Stopwatch) -> BuildResult:
    disk = _cache.for_build(options.out)  # articles, HermiT's answer and the shapes self-check, reused while unchanged
    with _cache.using(disk), rare_garbage_collection():
        built = build_articles(articles, options.base_iri, disk, article_output)
        reused = disk.hits.count("article")
        clock.lap(f"articles: graphs, concept mentions, curated assertions, {sum(o.linked for o in built)} related "
                  f"question(s) linked, article-local validation ({reused} of {len(built)} unchanged, from cache)")
        reference = reference_graphs()
        report, inferred = reason_and_validate(built, reference, options, clock, disk)
    exports = export_set(built, reference, inferred, options.base_iri)
    unchanged = _cache.key(_cache.outputs_recipe(), exports.fingerprint())  # outputs made from this input are reused
    with outputs_module.new_generation(options.out) as generation:
        store_folder = generation.folder(STORE_DIR)
        previous = outputs_module.current_generation(options.out)
        made = _AnswerOutputs(exports, store_folder)

        def reuse(name: str, make: Callable[[], bytes]) -> bytes:
            return _cache.reuse_output(disk, options.out / name, unchanged, make)[0]

        with ExportWriter(exports, generation, options.out, disk, unchanged, clock.progress) as exporting:
            try:
                # Oxigraph writes the store without holding the GIL, so the answer index and the review sheet are
                # read from the in-memory copy meanwhile (1,000 articles: 17 s for both instead of 31 s one after
                # the other)
                with ThreadPoolExecutor(1, thread_name_prefix="calckg-store") as writer:
                    writing = writer.submit(write_built_store, store_folder,
                                            None if previous is None else built_store_path(previous),
                                            {name: part.lines for name, part in exports.ordered()})  # fmt: skip
                    index = reuse(INDEX_FILE, made.index_file)
                    review = reuse(REVIEW_FILE, lambda: review_document(made.store()))
                    written = writing.result()
                clock.lap(f"store: {written} → {built_store_path(options.out)} (answer index and review sheet "
                          "alongside)")
                exporting.start()  # from here on this process mostly waits for the answers' and the site's workers
                answers = reuse(ANSWERS_FILE, lambda: answers_json(made.entries()))
                faq = reuse(FAQ_FILE, lambda: faq_jsonld(made.entries(), made.pages()))
                summary = made.summary()
            finally:
                made.close()  # the answers are in `answers` and `faq` now: the site needs none of its objects
            clock.lap(summary)
            related = related_document([output.related for output in built])
            files = [generation.write(name, content) for name, content in chain(report_files(report), (
                (RELATED_FILE, related), (ANSWERS_FILE, answers), (FAQ_FILE, faq), (REVIEW_FILE, review),
                (INDEX_FILE, index)))]  # fmt: skip
            site = SiteInput(exports, [(output.iri, output.related) for output in built], report.results, answers)
            site_folder = write_site(generation.folder(SITE_DIR), options.out, site, disk, clock.lap)
            files += [*exporting.files(), site_folder]
        disk.commit()  # content-addressed entries: valid whether or not the switch below happens
        generation.commit()
    return BuildResult(exports, articles, tuple(files), summary_counts(exports))


class _AnswerOutputs:
    """Answers, the answer index, the FAQ's page facts and the review sheet. The index, page facts and review are
    read from the built graphs in an in-memory Oxigraph store (loaded once, on first need: an unchanged graph reuses
    every one of them; their queries run 1.5-3x faster there than on the on-disk store); the answers are asked in
    worker processes that each open the store the build has just written, read-only (:mod:`calckg.faq_workers`:
    10,832 questions on 1,000 articles in 24 s instead of about 36 s in this process)."""

    def __init__(self, exports: ExportSet, store_path: Path) -> None:
        self.exports = exports
        self.store_path = store_path
        self._store: OxigraphStore | None = None
        self._index: bytes | None = None
        self._entries: list[FaqEntry] | None = None
        self._pages: list[PageInfo] | None = None

    def store(self) -> OxigraphStore:
        if self._store is None:
            self._store = working_store(self.exports)
        return self._store

    def index_file(self) -> bytes:
        if self._index is None:
            self._index = index_file_bytes(self.store())  # the full-text index answers use, written beside them
        return self._index

    def entries(self) -> list[FaqEntry]:
        if self._entries is None:
            self._entries = collect_answers_at(self.store_path, self.index_file(), faq_questions(self.store()))
        return self._entries

    def pages(self) -> list[PageInfo]:
        if self._pages is None:
            self._pages = page_info(self.store())
        return self._pages

    def summary(self) -> str:
        if self._entries is not None:
            return f"answers: {sum(1 for e in self._entries if e.answer.supported)} of {len(self._entries)} questions answered"
        return f"answers: graph unchanged, {ANSWERS_FILE} and {FAQ_FILE} kept"

    def close(self) -> None:
        """Close the in-memory store and let go of the answers and page facts (13,742 answers at 1,000 articles
        held about 0.1 GB through the exports that follow)."""
        if self._store is not None:
            self._store.close()
            self._store = None
        self._entries = self._pages = None


def cross_article_ntriples(built: list[ArticleOutput]) -> bytes:
    """The cross-article parts of every article as sorted N-Triples (small: claims, their sources, mentions)."""
    return b"".join(sorted({line for output in built for line in output.cross}))


def export_set(built: list[ArticleOutput], reference: dict[str, Graph], inferred: Graph | None,
               base_iri: str) -> ExportSet:
    """Every graph of the build, ready for each format."""
    graphs = {output.iri: output.export for output in built}
    graphs.update({f"{output.iri}/{EXTRACTED_GRAPH_PATH}": output.extracted for output in built if output.extracted})
    graphs.update({name: GraphExport.of(graph) for name, graph in reference.items()})
    if inferred is not None:
        graphs[str(inferred_graph_iri(base_iri))] = GraphExport.of(inferred)
    return ExportSet(graphs)


def working_store(exports: ExportSet) -> OxigraphStore:
    """Every graph of a build in an in-memory Oxigraph store."""
    store = OxigraphStore()
    for name, part in exports.ordered():
        if part.lines:
            store.load_ntriples(name, b"".join(part.lines))
    return store


def reason_and_validate(built: list[ArticleOutput], reference: dict[str, Graph], options: BuildOptions,
                        clock: _Stopwatch, disk: _cache.DiskCache) -> tuple[ValidationReport, Graph | None]:
    """HermiT (a separate JVM process) runs while the cross-article shapes run; both read only the
    cross-article part of each article. Returns the report (article-local results included) and the inferred
    triples, kept for their own named graph, apart from what the articles assert."""
    cross_nt = cross_article_ntriples(built)
    cross = validation_graph()  # read by reasoning_input first, then validated in place (half the corpus: no copy)
    if cross_nt:
        cross.parse(data=cross_nt, format="nt")
    ontology, vocabulary = reference[str(ONTOLOGY_GRAPH)], reference[str(VOCABULARY_GRAPH)]
    with ThreadPoolExecutor(max_workers=1) as pool:
        reasoning = None
        if options.reason:
            reasoning = pool.submit(_cache.cached_reason, reasoning_input(ontology, vocabulary, cross), disk)
        results = [r for output in built for r in output.results]
        results.extend(_cross_article_results(cross, cross_nt, disk))
        report = make_report(results)
        clock.lap("validate: " + ", ".join(f"{report.count(s)} {s.value.lower()}" for s in Severity))
        if report.has_violations:
            raise CheckFailed(f"the graph fails validation; nothing was written\n{format_text(report)}")
        if reasoning is None:
            return report, None
        result: ReasoningResult = reasoning.result()
        if not result.consistent:
            raise CheckFailed(reasoning_report(result))
        how = "cached" if "hermit" in disk.hits else f"{result.seconds:.2f} s"
        clock.lap(f"reason: consistent, {len(result.inferred)} inferred triples (HermiT, {how})")
        return report, result.inferred


def _cross_article_results(cross: Graph, cross_nt: bytes, disk: _cache.DiskCache) -> tuple[ValidationResult, ...]:
    """The cross-article shapes' results, reused while the cross-article parts (`cross_nt`, the N-Triples `cross`
    was parsed from) and the repository are unchanged."""
    key = _cache.key(CROSS_CACHE_KIND, _cache.recipe(), cross_nt)
    payload = disk.get(CROSS_CACHE_KIND, key)
    if payload is not None:
        try:
            return results_from_json(json.loads(payload))
        except (ValueError, KeyError, TypeError):  # not what this version writes: a miss
            disk.missed()
    results = tuple(validate_cross_article(cross, load_ontology(), load_shapes()))
    disk.put(CROSS_CACHE_KIND, key, json.dumps(results_to_json(results), ensure_ascii=False).encode("utf-8"))
    return results


class _Stopwatch:
    """Reports each stage with the seconds it took."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.started = time.perf_counter()

    def lap(self, message: str) -> None:
        now = time.perf_counter()
        self.progress(f"{message} ({now - self.started:.2f} s)")
        self.started = now
