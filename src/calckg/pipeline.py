"""The one place that sequences the build: ingest → document graph → semantic layer → reason → validate →
export → answers → related questions. Each stage reports progress through a callback."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SKOS

from calckg import cache as _cache
from calckg.errors import CheckFailed, InputError
from calckg.export import FORMATS, shared_lines, write_atomically
from calckg.graph import document_graph
from calckg.ids import ArticleIris, inferred_graph_iri
from calckg.link import ConceptMatcher
from calckg.reason import reasoning_report
from calckg.faq import answers_json, collect_answers, faq_jsonld
from calckg.related import RelatedResult, rank_article, related_document, related_links_graph
from calckg.semantic import curated_graph, mention_graph
from calckg.validate import read_files, validate_dataset
from calckg.validation_report import Severity, ValidationReport, format_text, report_files
from calckg.vocabulary import default_matcher, load_vocabulary
from calckg.ingest import parse_article, read_sources
from calckg.model import Article
from calckg.namespaces import CK, DEFAULT_BASE_IRI, bind_prefixes
from calckg.resources import ontology_dir

Progress = Callable[[str], None]
DATASET_FILE = "calckg.trig"
RELATED_FILE = "related.json"
ANSWERS_FILE = "answers.json"
FAQ_FILE = "faq.jsonld"
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
    dataset: Dataset
    articles: tuple[Article, ...]
    files: tuple[Path, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def load_articles(sources: Path) -> tuple[Article, ...]:
    """Parse every article under `sources`; two files with the same title are an input error."""
    articles = tuple(parse_article(source.path, source.text) for source in read_sources(sources))
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


def article_graph(article: Article, base_iri: str, matcher: ConceptMatcher | None) -> Graph:
    """Document graph + concept mentions + curated assertions of one article (its named graph's content)."""
    graph = document_graph(article, base_iri)
    if matcher is not None:
        graph += mention_graph(ArticleIris(article, base_iri), matcher)
        graph += curated_graph(article.slug, base_iri)
    return graph


def document_dataset(
    articles: tuple[Article, ...], base_iri: str, matcher: ConceptMatcher | None = None
) -> Dataset:
    """One named graph per article, named by the article IRI (semantic layer included when a matcher is given).

    The cyclic garbage collector runs rarely meanwhile: the build allocates millions of long-lived terms and
    index entries, and every full collection walks all of them (at 1,000 articles the build took 100 s with the
    default thresholds and 20 s with these, at the same peak memory; bench/README.md).
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        for article in articles:
            dataset.graph(article_graph_iri(article, base_iri)).__iadd__(article_graph(article, base_iri, matcher))
    finally:
        gc.set_threshold(*thresholds)
    return dataset


def add_reference_graphs(dataset: Dataset) -> None:
    """The ontology and the vocabulary, each in a named graph named by its own IRI."""
    dataset.graph(ONTOLOGY_GRAPH).__iadd__(load_ontology_graph())
    dataset.graph(VOCABULARY_GRAPH).__iadd__(load_vocabulary())


def reasoning_input(dataset: Dataset) -> Graph:
    """Ontology, vocabulary, the curated claims between concepts and the curated assertions (with the types of
    the document nodes they point to).

    Inferences of interest concern concepts and assertions; statements and sections add thousands of individuals
    and nothing to infer, so they stay out and reasoning cost does not grow with article text.
    """
    graph = Graph()
    graph += dataset.graph(ONTOLOGY_GRAPH)
    vocabulary = dataset.graph(VOCABULARY_GRAPH)
    graph += vocabulary

    def add_about(subject: Node) -> None:
        # Subject-bound lookups use the store's index; (None, p, o) lookups per graph would scan every graph.
        for s_, p_, o_, _ in dataset.quads((subject, None, None, None)):
            graph.add((s_, p_, o_))

    for concept in set(vocabulary.subjects(RDF.type, SKOS.Concept)):
        add_about(concept)
    kinds = (CK.Assertion, CK.ManagementStep)
    assertions = {s_ for kind in kinds for s_, _, _, _ in dataset.quads((None, RDF.type, kind, None))}
    for assertion in assertions:
        add_about(assertion)
        for value in set(graph.objects(assertion, None)):
            for s_, p_, o_, _ in dataset.quads((value, RDF.type, None, None)):
                graph.add((s_, p_, o_))
    for s_, p_, o_, _ in dataset.quads((None, RDF.type, CK.NarrativeStatement, None)):
        graph.add((s_, p_, o_))
    return graph


def summary_counts(dataset: Dataset) -> dict[str, int]:
    """The closing summary of a build: triples, statements, statistics, references, unresolved citations."""
    types: Counter[URIRef] = Counter()
    assertions: set[URIRef] = set()
    triples = 0
    kinds = (CK.Assertion, CK.ManagementStep)
    for context in dataset.graphs():
        # One pass over the graph's own triples: a pattern like (None, rdf:type, None) on a context of the
        # dataset's shared store walks the rdf:type triples of every graph, quadratic over all articles.
        for s, p, o in context:
            triples += 1
            if p == RDF.type and isinstance(o, URIRef):
                types[o] += 1
                if o in kinds and isinstance(s, URIRef):
                    assertions.add(s)
    return {
        "triples": triples,
        "articles": types[CK.Article],
        "statements": types[CK.Statement],
        "statistics": types[CK.Statistic],
        "references": types[CK.Reference],
        "curated assertions": len(assertions),
        "citations without a reference entry": types[CK.UnresolvedCitation],
    }


def class_counts(graph: Graph) -> list[tuple[str, int]]:
    """Instances per class, largest first, then by class IRI."""
    counts = Counter(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))
    return sorted(((str(cls), n) for cls, n in counts.items()), key=lambda item: (-item[1], item[0]))


def reasoning_input_of_files(paths: tuple[Path, ...]) -> Graph:
    """Ontology + vocabulary + every triple of the given RDF files (read with the validator's safe reader)."""
    dataset = read_files(paths)
    graph = Graph()
    for named in dataset.graphs():
        graph += named
    graph += load_ontology_graph()
    graph += load_vocabulary()
    return graph


def article_graph_iri_of(result: RelatedResult) -> URIRef:
    assert result.article is not None, "article-mode results name their article"
    return result.article


def link_related_questions(dataset: Dataset, articles: tuple[Article, ...], base_iri: str) -> list[RelatedResult]:
    """Rank each article's related questions and add the links above the threshold to the article's graph."""
    results = [rank_article(dataset, article_graph_iri(article, base_iri)) for article in articles]
    for result in results:
        dataset.graph(article_graph_iri_of(result)).__iadd__(related_links_graph(result, article_graph_iri_of(result)))
    return results


def build(options: BuildOptions, progress: Progress) -> BuildResult:
    """Run every stage; nothing under `options.out` changes unless every stage succeeds."""
    clock = _Stopwatch(progress)
    articles = load_articles(options.sources)
    clock.lap(f"ingest: {len(articles)} article(s), {sum(len(a.statements) for a in articles)} statements")
    dataset = document_dataset(articles, options.base_iri, default_matcher())
    add_reference_graphs(dataset)
    clock.lap("graph: document graphs, concept mentions and curated assertions")
    related = link_related_questions(dataset, articles, options.base_iri)
    clock.lap(f"related: {sum(len(r.linked) for r in related)} related question(s) linked")
    report = reason_and_validate(dataset, options, clock)
    outputs = [(options.out / name, content) for name, content in report_files(report)]
    outputs.append((options.out / RELATED_FILE, related_document(related)))
    entries = collect_answers(dataset)
    outputs.append((options.out / ANSWERS_FILE, answers_json(entries)))
    outputs.append((options.out / FAQ_FILE, faq_jsonld(entries)))
    clock.lap(f"answers: {sum(1 for e in entries if e.answer.supported)} of {len(entries)} questions answered")
    with shared_lines(dataset):  # each graph is serialised once for all formats
        for name, (file_name, serialize) in FORMATS.items():
            outputs.append((options.out / file_name, serialize(dataset)))
            clock.lap(f"export: {name} → {options.out / file_name}")
    files = write_atomically(outputs)
    _cache.commit(options.out)
    return BuildResult(dataset, articles, tuple(files), summary_counts(dataset))


def reason_and_validate(dataset: Dataset, options: BuildOptions, clock: _Stopwatch) -> ValidationReport:
    """HermiT (a separate JVM process) runs while pySHACL validates the asserted graphs; the inferred triples are
    added afterwards into their own named graph, apart from what the article asserts."""
    disk = _cache.for_build(options.out)  # HermiT's answer and the shapes self-check, reused while unchanged
    with _cache.using(disk), ThreadPoolExecutor(max_workers=1) as pool:
        reasoning = pool.submit(_cache.cached_reason, reasoning_input(dataset), disk) if options.reason else None
        report = validate_dataset(dataset)
        clock.lap("validate: " + ", ".join(f"{report.count(s)} {s.value.lower()}" for s in Severity))
        if report.has_violations:
            raise CheckFailed(f"the graph fails validation; nothing was written\n{format_text(report)}")
        if reasoning is not None:
            result = reasoning.result()
            if not result.consistent:
                raise CheckFailed(reasoning_report(result))
            dataset.graph(inferred_graph_iri(options.base_iri)).__iadd__(result.inferred)
            how = "cached" if "hermit" in disk.hits else f"{result.seconds:.2f} s"
            clock.lap(f"reason: consistent, {len(result.inferred)} inferred triples (HermiT, {how})")
    return report


class _Stopwatch:
    """Reports each stage with the seconds it took."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.started = time.perf_counter()

    def lap(self, message: str) -> None:
        now = time.perf_counter()
        self.progress(f"{message} ({now - self.started:.2f} s)")
        self.started = now


def load_built_dataset(out: Path) -> Dataset:
    """The dataset a previous `calckg build` wrote (its TriG export)."""
    path = out / DATASET_FILE
    if not path.is_file():
        raise InputError(f"{path}: no built graph found; run `calckg build` first")
    dataset = Dataset()
    dataset.parse(path, format="trig")
    bind_prefixes(dataset)
    return dataset
