"""The one place that sequences the build: ingest → document graph → semantic layer → reason → validate →
export → answers → related questions. Each stage reports progress through a callback."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from calckg.errors import InputError
from calckg.export import FORMATS, write_atomically
from calckg.graph import document_graph
from calckg.ids import ArticleIris
from calckg.ingest import parse_article, read_sources
from calckg.model import Article
from calckg.namespaces import CK, DEFAULT_BASE_IRI, bind_prefixes

Progress = Callable[[str], None]
DATASET_FILE = "calckg.trig"


@dataclass(frozen=True)
class BuildOptions:
    sources: Path
    out: Path
    base_iri: str = DEFAULT_BASE_IRI


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


def document_dataset(articles: tuple[Article, ...], base_iri: str) -> Dataset:
    """One named graph per article, named by the article IRI."""
    dataset = Dataset()
    bind_prefixes(dataset)
    for article in articles:
        target = dataset.graph(article_graph_iri(article, base_iri))
        for triple in document_graph(article, base_iri):
            target.add(triple)
    return dataset


def summary_counts(dataset: Dataset) -> dict[str, int]:
    """The closing summary of a build: triples, statements, statistics, references, unresolved citations."""
    types: Counter[URIRef] = Counter()
    triples = 0
    for context in dataset.graphs():
        triples += len(context)
        types.update(o for o in context.objects(None, RDF.type) if isinstance(o, URIRef))
    return {
        "triples": triples,
        "articles": types[CK.Article],
        "statements": types[CK.Statement],
        "statistics": types[CK.Statistic],
        "references": types[CK.Reference],
        "unresolved citations": types[CK.UnresolvedCitation],
    }


def class_counts(graph: Graph) -> list[tuple[str, int]]:
    """Instances per class, largest first, then by class IRI."""
    counts = Counter(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))
    return sorted(((str(cls), n) for cls, n in counts.items()), key=lambda item: (-item[1], item[0]))


def build(options: BuildOptions, progress: Progress) -> BuildResult:
    progress(f"ingest: reading articles from {options.sources}")
    articles = load_articles(options.sources)
    progress(f"ingest: {len(articles)} article(s), {sum(len(a.statements) for a in articles)} statements")
    dataset = document_dataset(articles, options.base_iri)
    progress("graph: document graph built")
    outputs = []
    for name, (file_name, serialize) in FORMATS.items():
        outputs.append((options.out / file_name, serialize(dataset)))
        progress(f"export: {name} → {options.out / file_name}")
    files = write_atomically(outputs)
    return BuildResult(dataset, articles, tuple(files), summary_counts(dataset))


def load_built_dataset(out: Path) -> Dataset:
    """The dataset a previous `calckg build` wrote (its TriG export)."""
    path = out / DATASET_FILE
    if not path.is_file():
        raise InputError(f"{path}: no built graph found; run `calckg build` first")
    dataset = Dataset()
    dataset.parse(path, format="trig")
    bind_prefixes(dataset)
    return dataset
