"""The one place that sequences the build: ingest → each article on its own (graph, concept mentions, curated
assertions, related questions, article-local validation; in worker processes, cached per article) → reason and
cross-article validation → answers → exports. Each stage reports progress through a callback.

No stage holds the whole corpus as one rdflib graph (1.2 GiB at 1,000 articles): articles come back as sorted
N-Triples lines and JSON-LD nodes (:mod:`calckg.article_build`), cross-article checks and reasoning read only the
small part of each article they need, and answers are computed on an in-memory Oxigraph store.
"""

from __future__ import annotations

import gc
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SKOS

from calckg import cache as _cache
from calckg.article_build import ArticleOutput, article_graph, build_articles
from calckg.errors import CheckFailed, InputError
from calckg import outputs as outputs_module
from calckg.answer_index import index_file_bytes
from calckg.export import FORMATS, ExportSet, GraphExport
from calckg.extract.claims import EXTRACTED_GRAPH_PATH
from calckg.leftovers import remove_orphans
from calckg.faq import FaqEntry, PageInfo, answers_json, collect_answers, faq_jsonld, page_info
from calckg.text_index import INDEX_FILE, index_from_bytes
from calckg.ids import ArticleIris, inferred_graph_iri
from calckg.input_checks import BUILT_DATASET_FILE, invisible_characters
from calckg.link import ConceptMatcher
from calckg.reason import REASON_TEMP_PREFIX, ReasoningResult, reasoning_report
from calckg.related import related_document
from calckg.review import REVIEW_FILE, review_document
from calckg.site import SITE_DIR, SiteInput, write_site
from calckg.store.built import write_built_store
from calckg.store.oxigraph import OxigraphStore
from calckg.validate import load_ontology, load_shapes, read_files, validate_cross_article
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
from calckg.vocabulary import load_vocabulary
from calckg.ingest import parse_article, read_sources
from calckg.model import Article
from calckg.namespaces import CK, DEFAULT_BASE_IRI, bind_prefixes
from calckg.resources import ontology_dir
from calckg.union import union_graph

Progress = Callable[[str], None]
DATASET_FILE = BUILT_DATASET_FILE
RELATED_FILE = "related.json"
ANSWERS_FILE = "answers.json"
FAQ_FILE = "faq.jsonld"
CROSS_CACHE_KIND = "cross-article"
ONTOLOGY_GRAPH = URIRef("https://w3id.org/calckg/ontology")
VOCABULARY_GRAPH = URIRef("https://w3id.org/calckg/concept/")


def load_ontology_graph() -> Graph:
    """ontology/calckg.ttl with its blank nodes (OWL restrictions and lists) given content-derived labels, so
    every export that includes it stays byte-identical across runs."""
    return to_canonical_graph(Graph().parse(ontology_dir() / "calckg.ttl", format="turtle"))


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


def load_articles(sources: Path, warn: Progress | None = None) -> tuple[Article, ...]:
    """Parse every article under `sources`; two files with the same title are an input error. Invisible
    characters (NUL, bidirectional overrides) are reported to `warn`, with file and line."""
    texts = read_sources(sources)
    for source in texts:
        for warning in invisible_characters(source.path, source.text):
            (warn or (lambda message: None))(f"warning: {warning}")
    articles = tuple(parse_article(source.path, source.text) for source in texts)
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            raise InputError(
                f"{sources / article.file_name}: same title as {seen[article.slug]} "
                f"(article IRIs come from titles, so each title must be unique)"
            )
        seen[article.slug] = article.file_name
    return articles


def article_graph_iri(article: Article, base_iri: str) -> URIRef:
    return ArticleIris(article, base_iri).root


@contextmanager
def _rare_garbage_collection() -> Iterator[None]:
    """The cyclic garbage collector runs rarely meanwhile: building graphs allocates many long-lived terms and
    index entries, and every full collection walks all of them (bench/README.md)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def document_dataset(
    articles: tuple[Article, ...], base_iri: str, matcher: ConceptMatcher | None = None
) -> Dataset:
    """One named graph per article, named by the article IRI (semantic layer included when a matcher is given),
    related questions not linked: the articles as one rdflib Dataset, for tools and tests on a few articles."""
    dataset = Dataset()
    bind_prefixes(dataset)
    with _rare_garbage_collection():
        for article in articles:
            dataset.graph(article_graph_iri(article, base_iri)).__iadd__(article_graph(article, base_iri, matcher))
    return dataset


def add_reference_graphs(dataset: Dataset) -> None:
    """The ontology and the vocabulary, each in a named graph named by its own IRI."""
    for name, graph in reference_graphs().items():
        dataset.graph(URIRef(name)).__iadd__(graph)


def reasoning_input(ontology: Graph, vocabulary: Graph, data: Graph) -> Graph:
    """Ontology, vocabulary, the curated claims between concepts and the curated assertions (with the types of
    the document nodes they point to) found in `data`.

    Inferences of interest concern concepts and assertions; statements and sections add thousands of individuals
    and nothing to infer, so they stay out and reasoning cost does not grow with article text.
    """
    graph = Graph()
    graph += ontology
    graph += vocabulary
    for concept in set(vocabulary.subjects(RDF.type, SKOS.Concept)):
        for triple in data.triples((concept, None, None)):
            graph.add(triple)
    assertions = {s for kind in (CK.Assertion, CK.ManagementStep) for s in data.subjects(RDF.type, kind)}
    for assertion in assertions:
        for triple in data.triples((assertion, None, None)):
            graph.add(triple)
            for typing in data.triples((triple[2], RDF.type, None)):
                graph.add(typing)
    for triple in data.triples((None, RDF.type, CK.NarrativeStatement)):
        graph.add(triple)
    return graph


def reasoning_input_of_dataset(dataset: Dataset) -> Graph:
    """:func:`reasoning_input` of a built dataset (its ontology and vocabulary graphs, and the rest as data)."""
    data = union_graph(dataset, without=(ONTOLOGY_GRAPH, VOCABULARY_GRAPH))
    return reasoning_input(dataset.graph(ONTOLOGY_GRAPH), dataset.graph(VOCABULARY_GRAPH), data)


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


def reasoning_input_of_files(paths: tuple[Path, ...]) -> Graph:
    """Ontology + vocabulary + every triple of the given RDF files (read with the validator's safe reader)."""
    graph = union_graph(read_files(paths))
    graph += load_ontology_graph()
    graph += load_vocabulary()
    return graph


def reference_graphs() -> dict[str, Graph]:
    """The ontology and the vocabulary, each for a named graph named by its own IRI."""
    return {str(ONTOLOGY_GRAPH): load_ontology_graph(), str(VOCABULARY_GRAPH): load_vocabulary()}


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
    """Every built graph in an in-memory Oxigraph store (answers run their competency queries on it)."""
    store = OxigraphStore()
    for name, part in exports.ordered():
        if part.lines:
            store.load_ntriples(name, b"".join(part.lines))
    return store


def build(options: BuildOptions, progress: Progress) -> BuildResult:
    """Run every stage; nothing under `options.out` changes unless every stage succeeds."""
    clock = _Stopwatch(progress)
    articles = load_articles(options.sources, progress)
    clock.lap(f"ingest: {len(articles)} article(s), {sum(len(a.statements) for a in articles)} statements")
    with outputs_module.build_lock(options.out):
        remove_orphans(REASON_TEMP_PREFIX)
        return _build_locked(options, articles, clock)


def _build_locked(options: BuildOptions, articles: tuple[Article, ...], clock: _Stopwatch) -> BuildResult:
    disk = _cache.for_build(options.out)  # articles, HermiT's answer and the shapes self-check, reused while unchanged
    with _cache.using(disk), _rare_garbage_collection():
        built = build_articles(articles, options.base_iri, disk)
        reused = disk.hits.count("article")
        clock.lap(f"articles: graphs, concept mentions, curated assertions, {sum(o.linked for o in built)} related "
                  f"question(s) linked, article-local validation ({reused} of {len(built)} unchanged, from cache)")
        reference = reference_graphs()
        report, inferred = reason_and_validate(built, reference, options, clock, disk)
    exports = export_set(built, reference, inferred, options.base_iri)
    unchanged = _cache.key(_cache.outputs_recipe(), exports.fingerprint())  # outputs made from this input are reused
    answered: list[list[FaqEntry]] = []
    pages: list[list[PageInfo]] = []
    index_file: list[bytes] = []

    def entries() -> list[FaqEntry]:
        if not answered:
            store = working_store(exports)
            index_file.append(index_file_bytes(store))  # the full-text index answers use, written beside them
            answered.append(collect_answers(store, index_from_bytes(index_file[0])))
            pages.append(page_info(store))
            store.close()
        return answered[0]

    answers, _ = _cache.reuse_output(disk, options.out / ANSWERS_FILE, unchanged, lambda: answers_json(entries()))
    index, _ = _cache.reuse_output(disk, options.out / INDEX_FILE, unchanged,
                                   lambda: (entries(), index_file[0])[1])
    faq, _ = _cache.reuse_output(disk, options.out / FAQ_FILE, unchanged, lambda: faq_jsonld(entries(), pages[0]))
    review, _ = _cache.reuse_output(disk, options.out / REVIEW_FILE, unchanged, lambda: _review(exports))
    if answered:
        clock.lap(f"answers: {sum(1 for e in answered[0] if e.answer.supported)} of {len(answered[0])} questions answered")
    else:
        clock.lap(f"answers: graph unchanged, {ANSWERS_FILE} and {FAQ_FILE} kept")

    def outputs() -> Iterator[tuple[Path, bytes]]:
        """Each file's content is made when its turn to be staged comes, so only one is held at a time."""
        yield from ((options.out / name, content) for name, content in report_files(report))
        yield options.out / RELATED_FILE, related_document([output.related for output in built])
        yield options.out / ANSWERS_FILE, answers
        yield options.out / FAQ_FILE, faq
        yield options.out / REVIEW_FILE, review
        yield options.out / INDEX_FILE, index
        for name, (file_name, serialize) in FORMATS.items():
            path = options.out / file_name
            content, kept = _cache.reuse_output(disk, path, unchanged, lambda: serialize(exports))  # noqa: B023
            yield path, content
            clock.lap(f"export: {name} → {path}{' (graph unchanged, kept)' if kept else ''}")

    site = SiteInput(exports, [(output.iri, output.related) for output in built], report.results, answers)
    with outputs_module.new_generation(options.out) as generation:
        files = [generation.write(path.name, content) for path, content in outputs()]
        files.append(write_site(generation.folder(SITE_DIR), options.out, site, disk, clock.lap))
        disk.commit()  # content-addressed entries: valid whether or not the switch below happens
        generation.commit()
    # The persistent store keeps its own atomic swap beside the generation set (docs/reliability.md, follow-up:
    # build it into generation.folder("store") so it switches with the files).
    clock.lap("store: " + write_built_store(options.out, {name: part.lines for name, part in exports.ordered()}))
    return BuildResult(exports, articles, tuple(files), summary_counts(exports))


def _review(exports: ExportSet) -> bytes:
    store = working_store(exports)
    try:
        return review_document(store)
    finally:
        store.close()


def reason_and_validate(built: list[ArticleOutput], reference: dict[str, Graph], options: BuildOptions,
                        clock: _Stopwatch, disk: _cache.DiskCache) -> tuple[ValidationReport, Graph | None]:
    """HermiT (a separate JVM process) runs while pySHACL runs the cross-article shapes; both read only the
    cross-article part of each article. Returns the report (article-local results included) and the inferred
    triples, kept for their own named graph, apart from what the articles assert."""
    cross_nt = cross_article_ntriples(built)
    cross = Graph().parse(data=cross_nt, format="nt") if cross_nt else Graph()
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
            disk.misses += 1
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
