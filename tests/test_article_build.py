"""Articles built on their own: worker processes give what in-process building gives, the per-article cache
gives back exactly what was built and only what is still valid, and the cross-article part holds what the
cross-article shapes and reasoning read."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SDO

from calckg import article_build, pipeline, workers
from calckg import cache as _cache
from bench.generator import generate_corpus
from calckg.model import Article
from calckg.namespaces import CK
from calckg.datasets import add_reference_graphs, document_dataset
from calckg.pipeline import load_articles
from calckg.validate import cross_article_part, validate_dataset
from calckg.validation_report import format_text
from calckg.vocabulary import default_matcher

BASE = "https://w3id.org/calckg/id/"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, ...]:
    folder = tmp_path_factory.mktemp("corpus")
    generate_corpus(10, folder)
    return load_articles(folder)


@pytest.fixture(scope="module")
def in_workers(corpus: tuple[Article, ...]) -> list[article_build.ArticleOutput]:
    assert len(corpus) >= workers.MIN_ITEMS and workers.WORKERS > 1, "the corpus must be large enough for workers"
    return article_build.build_articles(corpus, BASE, None, pipeline.article_output)


def test_workers_give_what_building_in_process_gives(corpus: tuple[Article, ...], in_workers: list[article_build.ArticleOutput],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(workers, "WORKERS", 1)
    in_process = article_build.build_articles(corpus, BASE, None, pipeline.article_output)
    assert [article_build.encode(o) for o in in_process] == [article_build.encode(o) for o in in_workers]
    assert [o.iri for o in in_workers] == [BASE + a.slug for a in corpus]


def test_an_article_output_holds_its_graph_results_and_related_entry(corpus: tuple[Article, ...],
                                                                     in_workers: list[article_build.ArticleOutput]) -> None:  # fmt: skip
    first, article = in_workers[0], corpus[0]
    graph = Graph().parse(data=b"".join(first.export.lines), format="nt")
    assert len(graph) == len(first.export.lines)
    assert (URIRef(first.iri), RDF.type, CK.Article) in graph
    unresolved = sum(1 for r in first.results if r.source_shape.endswith("CitationResolvesShape"))
    assert unresolved == sum(1 for _, s in article.statements for n in s.citations if n in article.unresolved_citations)
    assert first.related["question"] == article.title
    assert first.linked == sum(1 for q in first.related["related"] if q["linked"])  # type: ignore[union-attr]


def test_the_cache_gives_back_what_was_built_and_rebuilds_what_changed(
    tmp_path: Path, corpus: tuple[Article, ...], in_workers: list[article_build.ArticleOutput], monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = _cache.DiskCache(tmp_path)
    first = article_build.build_articles(corpus[:2], BASE, disk, pipeline.article_output)
    assert disk.hits == []
    again = article_build.build_articles(corpus[:2], BASE, disk, pipeline.article_output)
    assert disk.hits == ["article", "article"]
    assert [article_build.encode(o) for o in again] == [article_build.encode(o) for o in first]
    assert [article_build.encode(o) for o in again] == [article_build.encode(o) for o in in_workers[:2]]

    changed = corpus[1].__class__(**{**corpus[1].__dict__, "sha256": "0" * 64})
    built: list[int] = []
    real = article_build._build
    monkeypatch.setattr(article_build, "_build", lambda articles, base, step: built.append(len(articles)) or real(articles, base, step))
    article_build.build_articles((corpus[0], changed), BASE, disk, pipeline.article_output)
    assert built == [1]  # only the changed article


def test_a_corrupt_cache_entry_is_rebuilt(tmp_path: Path, corpus: tuple[Article, ...]) -> None:
    disk = _cache.DiskCache(tmp_path)
    built = article_build.build_articles(corpus[:1], BASE, disk, pipeline.article_output)
    entry = disk.path(article_build.CACHE_KIND, article_build.cache_key(corpus[0], BASE))
    entry.write_bytes(entry.read_bytes()[:-10])
    again = article_build.build_articles(corpus[:1], BASE, disk, pipeline.article_output)
    assert disk.hits == [] and disk.misses == 2
    assert article_build.encode(again[0]) == article_build.encode(built[0])


def test_validation_in_worker_processes_gives_the_in_process_report(corpus: tuple[Article, ...],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    dataset = document_dataset(corpus, BASE, default_matcher())
    add_reference_graphs(dataset)
    calls: list[object] = []
    real = workers.run_in_workers
    monkeypatch.setattr(workers, "run_in_workers", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    parallel = format_text(validate_dataset(dataset))
    assert len(calls) == 1
    monkeypatch.setattr(workers, "WORKERS", 1)
    assert format_text(validate_dataset(dataset)) == parallel
    assert len(calls) == 1


def test_cross_article_part_of_the_seed_holds_claims_their_sources_and_mentions(seed_build) -> None:  # type: ignore[no-untyped-def]
    article = seed_build.dataset.graph(URIRef(BASE + "what-are-microcalcifications-in-the-breast"))
    part = cross_article_part(article)
    claims = {s for kind in (CK.Assertion, CK.ManagementStep) for s in article.subjects(RDF.type, kind)}
    assert len(claims) == 63
    assert all(set(article.triples((c, None, None))) <= set(part) for c in claims)
    assert set(article.triples((None, SDO.mentions, None))) <= set(part)
    sources = {o for c in claims for o in article.objects(c, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}
    assert all((s, CK.text, article.value(s, CK.text)) in part for s in sources)
    sections = set(article.subjects(RDF.type, CK.Section))
    assert not any((s, None, None) in part for s in sections)  # document structure stays out
    assert len(part) == 2277  # 1,748 + 481 declaring the general concepts the related questions mention, + 47 from the curation fixes and cue marks ("more likely to have" is no hedge), + 1 comparator ("up to 50%")


def test_a_validation_graph_is_validated_in_place_and_left_as_it_was(corpus: tuple[Article, ...]) -> None:
    from calckg.validate import ArticleShapes, validation_graph

    shapes = ArticleShapes.shipped()
    in_place = pipeline.article_graph(corpus[0], BASE, default_matcher())
    plain = Graph()
    plain += in_place
    before = set(in_place)
    assert not isinstance(plain, type(validation_graph())) and isinstance(in_place, type(validation_graph()))
    results = shapes.validate(in_place)
    assert set(in_place) == before  # the class hierarchy added for the run is gone again
    assert sorted(r.sort_key() for r in results) == sorted(r.sort_key() for r in shapes.validate(plain))
    assert len(results) == sum(1 for _, s in corpus[0].statements for n in s.citations
                               if n in corpus[0].unresolved_citations)  # fmt: skip
