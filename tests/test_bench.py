"""The benchmark harness at N=10: the generated corpus is right, deterministic, and the results JSON complete.

Checks correctness only, never timing (timing on a shared 2-core machine is not a test).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from calckg.bench import stages
from calckg.bench.generator import DEFAULT_SEED, MANIFEST, TITLE_MARKER, generate_article, generate_corpus
from calckg.bench.runner import FAST_RATIO_PAIRS, RATIO_PAIRS, BenchOptions, run
from calckg.model import StatementKind
from calckg.pipeline import load_articles
from calckg.resources import sources_dir

N = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate_corpus(N, folder)
    return folder


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> dict:
    return json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))


def test_corpus_parses_with_the_real_ingest_into_the_expected_counts(corpus: Path, manifest: dict) -> None:
    articles = load_articles(corpus)
    assert len(articles) == N == manifest["totals"]["articles"]
    for article, expected in zip(articles, manifest["articles"], strict=True):
        kinds = Counter(statement.kind for _, statement in article.statements)
        assert article.file_name == expected["file"]
        assert article.title == expected["title"]
        assert len(article.all_sections) == expected["sections"]
        assert len(article.statements) == expected["statements"]
        assert kinds[StatementKind.SENTENCE] == expected["sentences"]
        assert kinds[StatementKind.BULLET] == expected["bullets"]
        assert kinds[StatementKind.LEAD_IN] == expected["lead_ins"]
        assert sum(len(s.statistics) for _, s in article.statements) == expected["statistics"]
        assert len(article.references) == expected["references"]
        assert sum(len(s.citations) for _, s in article.statements) == expected["citations"]
        assert list(article.unresolved_citations) == expected["unresolved_numbers"]
        assert len(article.related_questions) == expected["related_questions"]
        assert article.sha256 == expected["sha256"]


def test_corpus_has_unresolved_citations_and_links_between_articles(manifest: dict) -> None:
    assert manifest["synthetic"] is True
    assert manifest["totals"]["unresolved_citations"] > 0
    titles = {a["title"] for a in manifest["articles"]}
    assert all(title.startswith(f"{TITLE_MARKER} ") for title in titles)
    texts = "\n".join(generate_article(DEFAULT_SEED, i).text for i in range(N))
    assert sum(title in texts.split("Related Questions", 1)[-1] for title in titles) >= 1


def test_generator_is_deterministic_byte_for_byte_and_prefix_stable(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_corpus(N, again)
    for path in sorted(corpus.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    smaller = tmp_path / "smaller"
    generate_corpus(3, smaller)
    for path in sorted(smaller.glob("*.txt")):
        assert path.read_bytes() == (corpus / path.name).read_bytes()
    other_seed = generate_article(DEFAULT_SEED + 1, 0).text
    assert other_seed != (corpus / "synthetic-00000.txt").read_text(encoding="utf-8")


def test_generated_prose_only_reuses_lines_of_the_seed_article(corpus: Path) -> None:
    """No invented medical text: every line is a seed line (citations renumbered) or the synthetic title."""
    seed = (sources_dir() / "what-are-microcalcifications-in-the-breast.txt").read_text(encoding="utf-8")
    import re

    def strip_numbers(line: str) -> str:
        return re.sub(r"(\s\d+(?:, \d+)*)(?=\s+[A-Z]|$)", "", line).strip()

    seed_lines = {strip_numbers(line) for line in seed.splitlines()}
    seed_sentences = {strip_numbers(s) for line in seed.splitlines() for s in re.split(r"(?<=[.:])\s\d+(?:, \d+)*\s", line)}
    for path in sorted(corpus.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith(TITLE_MARKER) or line.startswith("Last updated:"):
                continue
            plain = strip_numbers(line)
            parts = [strip_numbers(p) for p in re.split(r"(?<=[.:])\s\d+(?:, \d+)*\s", line)]
            assert plain in seed_lines or all(p in seed_sentences for p in parts), (path.name, line)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("results")
    options = BenchOptions(
        sizes=(N,), out=out, seed_build=False, query_budget_s=0.0,
        skip_stages=("reason.tbox", "reason.data", "validate.naive", "validate.parallel"),
    )  # fmt: skip
    run(options)
    assert (out / "latest.md").read_text(encoding="utf-8").startswith("# calckg benchmark")
    return json.loads((out / "latest.json").read_text(encoding="utf-8"))


def test_results_json_has_every_stage_of_every_track(results: dict) -> None:
    runs = results["runs"][str(N)]
    expected = {
        "calckg": stages.CALCKG_STAGES, "naive": stages.NAIVE_STAGES, "fast": stages.FAST_STAGES,
        "queries-oxigraph": stages.query_stages("oxigraph"), "queries-memory": stages.query_stages("memory"),
    }  # fmt: skip
    for track, track_stages in expected.items():
        recorded = {s["stage"]: s for s in runs[track]["stages"]}
        assert list(recorded) == [name for name, _ in track_stages], track
        for stage in recorded.values():
            assert stage["status"] in {"ok", "unavailable", "skipped"}, stage
            if stage["status"] == "ok":
                assert stage["wall_s"] >= 0 and stage["rss_peak_mib"] > 0
            else:
                assert stage["note"]  # a stage that did not run says why
    assert runs["calckg"]["stages"][0]["info"] == {"articles": N, "statements": results["corpus"][str(N)]["statements"]}


def test_results_json_has_every_ratio_slope_and_target_key(results: dict) -> None:
    assert set(results["ratios"][str(N)]) == set(RATIO_PAIRS)
    assert set(results["ratios_fast"][str(N)]) == set(FAST_RATIO_PAIRS)
    assert results["ratios"][str(N)]["export.turtle"] is not None
    assert set(results["pipeline"][str(N)]) >= {"calckg_s", "naive_s", "fast_s", "calckg_peak_rss_mib"}
    assert len(results["targets"]) == 9
    assert all(set(check) >= {"value", "target", "pass", "at_n"} for check in results["targets"].values())
    assert isinstance(results["slopes"], dict)  # one point (N=10) fits no slope; keys appear from two sizes on
    graph = next(s for s in results["runs"][str(N)]["calckg"]["stages"] if s["stage"] == "graph")
    assert graph["info"]["articles"] == N
    assert graph["info"]["statements"] == results["corpus"][str(N)]["statements"]
    assert graph["info"]["unresolved_citations"] == results["corpus"][str(N)]["unresolved_citations"]


def test_queries_ran_on_both_stores_with_the_same_row_counts(results: dict) -> None:
    queries = results["queries"][str(N)]
    assert set(queries) == {"oxigraph", "memory"}
    for name, on_oxigraph in queries["oxigraph"].items():
        on_memory = queries["memory"][name]
        if on_oxigraph["status"] == on_memory["status"] == "ok":
            assert on_oxigraph["rows"] == on_memory["rows"], name


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"), ("trig", "trig")])
def test_fast_exports_hold_the_same_statements_as_calckg_exports(corpus: Path, fmt: str, rdflib_format: str) -> None:
    from calckg.bench.fast import FAST_FORMATS, dataset_quads, equivalent, rdflib_equivalent
    from calckg.export import FORMATS
    from calckg.pipeline import document_dataset

    dataset = document_dataset(load_articles(corpus)[:3], "https://w3id.org/calckg/id/")
    quads = dataset_quads(dataset)
    fast = FAST_FORMATS[fmt](quads)
    assert equivalent(fast, fmt, quads)
    assert rdflib_equivalent(fast, fmt, FORMATS[fmt][1](dataset), rdflib_format)


def test_fast_ntriples_are_byte_identical_to_calckg_ntriples(corpus: Path) -> None:
    from calckg.bench.fast import dataset_quads, to_ntriples
    from calckg.export import to_ntriples as calckg_ntriples
    from calckg.pipeline import document_dataset

    dataset = document_dataset(load_articles(corpus)[:3], "https://w3id.org/calckg/id/")
    assert to_ntriples(dataset_quads(dataset)) == calckg_ntriples(dataset)


def test_validation_in_worker_processes_gives_the_in_process_report(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from calckg import validate
    from calckg.pipeline import add_reference_graphs, document_dataset
    from calckg.validation_report import format_text
    from calckg.vocabulary import default_matcher

    dataset = document_dataset(load_articles(corpus), "https://w3id.org/calckg/id/", default_matcher())
    add_reference_graphs(dataset)
    monkeypatch.setattr(validate, "VALIDATION_WORKERS", 1)
    serial = validate.validate_dataset(dataset)
    monkeypatch.setattr(validate, "VALIDATION_WORKERS", 2)
    monkeypatch.setattr(validate, "PARALLEL_MIN_ARTICLES", 2)
    calls: list[int] = []
    real = validate._run_workers
    monkeypatch.setattr(validate, "_run_workers", lambda graphs, *rest: calls.append(len(graphs)) or real(graphs, *rest))
    parallel = validate.validate_dataset(dataset)
    assert calls == [N]
    assert parallel.results == serial.results and format_text(parallel) == format_text(serial)
