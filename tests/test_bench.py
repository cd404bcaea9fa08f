"""The benchmark harness at N=10: the generated corpus is right, deterministic, and the results JSON complete
(every stage ran; the real build finds what the corpus manifest says; rebuilds come from the cache).

Checks correctness only, never timing (timing on a shared 2-core machine is not a test).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from bench import analysis, stages
from bench.analysis import RATIO_KEYS
from bench.engines import ENGINE_STAGES
from bench.generator import DEFAULT_SEED, MANIFEST, TITLE_MARKER, generate_article, generate_corpus
from bench.runner import BenchOptions, run
from calckg import validate_jena
from calckg.model import StatementKind
from calckg.pipeline import load_articles
from calckg.resources import sources_dir

N = 3
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


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


def test_build_progress_messages_give_per_stage_seconds_and_cache_use() -> None:
    parsed = stages.parse_progress([
        "ingest: 12 article(s), 240 statements (0.03 s)",
        "articles: graphs, concept mentions, curated assertions, 33 related question(s) linked, article-local "
        "validation (9 of 12 unchanged, from cache) (12.34 s)",
        "validate: 0 violation, 17 warning, 0 info (1.64 s)",
        "reason: consistent, 7 inferred triples (HermiT, 1.11 s) (0.79 s)",
        "answers: 19 of 23 questions answered (0.94 s)",
        "export: turtle → /tmp/out/calckg.ttl (0.01 s)",
        "export: nt → /tmp/out (1)/calckg.nt (0.20 s)",
    ])  # fmt: skip
    assert parsed == {"unchanged": 9, "rebuilt": 3, "seconds": {
        "ingest": 0.03, "articles": 12.34, "validate": 1.64, "reason": 0.79, "answers": 0.94, "export.turtle": 0.01,
        "export.nt": 0.2}}  # fmt: skip


def test_one_changed_article_still_parses_into_the_same_statements(corpus: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    change = stages.change_one_article(copy)
    differing = [p.name for p in sorted(corpus.glob("*.txt")) if p.read_bytes() != (copy / p.name).read_bytes()]
    assert differing == [change["file"]] == [f"synthetic-{N // 2:05d}.txt"]
    before = (corpus / change["file"]).read_text(encoding="utf-8").split("\n")
    after = (copy / change["file"]).read_text(encoding="utf-8").split("\n")
    changed_lines = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed_lines) == 1
    old_line, new_line = changed_lines[0]
    assert old_line.replace(change["old"], change["new"], 1) == new_line
    original, edited = load_articles(corpus), load_articles(copy)
    assert [a.title for a in original] == [a.title for a in edited]
    assert [len(a.statements) for a in original] == [len(a.statements) for a in edited]
    assert sum(a.sha256 != b.sha256 for a, b in zip(original, edited, strict=True)) == 1


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("results")
    run(BenchOptions(sizes=(N,), out=out, seed_build=False, query_budget_s=0.0, cli_repeats=1))
    assert (out / "latest.md").read_text(encoding="utf-8").startswith("# calckg benchmark")
    return json.loads((out / "latest.json").read_text(encoding="utf-8"))


def _stages(results: dict, track: str) -> dict[str, dict]:
    return {s["stage"]: s for s in results["runs"][str(N)][track]["stages"]}


def test_results_json_has_every_stage_of_every_track_and_all_ran(results: dict) -> None:
    runs = results["runs"][str(N)]
    expected = {
        "calckg": stages.CALCKG_STAGES, "naive": stages.NAIVE_STAGES,
        "queries-oxigraph": stages.query_stages("oxigraph"), "queries-memory": stages.query_stages("memory"),
        "engines": ENGINE_STAGES, "push": stages.PUSH_STAGES,
    }  # fmt: skip
    assert set(runs) == set(expected)
    for track, track_stages in expected.items():
        recorded = _stages(results, track)
        assert list(recorded) == [stage.name for stage in track_stages], track
        for stage in recorded.values():
            if stage["stage"] == "validate.jena.whole" and validate_jena.missing() is not None and not IN_CI:
                continue  # a developer's machine without Debian's Jena jars: skipped with the reason
            assert stage["status"] == "ok", (track, stage)
            assert stage["wall_s"] >= 0 and stage["rss_peak_mib"] > 0 and stage["tree_peak_mib"] > 0
        assert not any(runs[track].get(cause) for cause in ("aborted", "timeout", "failed")), track


def test_engines_find_the_same_results_and_the_commands_ran_on_the_built_store(results: dict) -> None:
    engines = _stages(results, "engines")
    unresolved = _stages(results, "calckg")["ingest"]["info"]["unresolved_citations"]
    counts = {name: engines[name]["info"]["results"] for name in ("validate.turbo", "validate.pyshacl",
                                                                  "validate.turbo.whole")}  # fmt: skip
    assert counts == dict.fromkeys(counts, unresolved)  # the synthetic corpus's only defects
    if engines["validate.jena.whole"]["status"] == "ok":
        assert engines["validate.jena.whole"]["info"]["results"] == unresolved
    for name in ("cli.query", "cli.answer", "cli.stats", "cli.query.memory"):
        assert engines[name]["info"]["process_s_median"] > 0, name


def test_calckg_builds_give_the_manifest_counts_and_use_the_cache(results: dict, manifest: dict, corpus: Path) -> None:
    totals, calckg = manifest["totals"], _stages(results, "calckg")
    ingest = calckg["ingest"]["info"]
    for key in ("articles", "statements", "statistics", "references", "unresolved_citations", "related_questions"):
        assert ingest[key] == totals[key], key
    builds = [calckg[name]["info"] for name in stages.BUILD_STAGES]
    for info in builds:
        counts = info["counts"]
        assert counts["articles"] == totals["articles"] == N
        assert counts["statements"] == totals["statements"]
        assert counts["references"] == totals["references"]
        assert counts["citations without a reference entry"] == totals["unresolved_citations"]
        assert counts["statistics"] == ingest["statistic_nodes"]  # comparisons count their two operands too
        assert counts == builds[0]["counts"]
        assert set(info["seconds"]) >= {"ingest", "articles", "validate", "reason", "answers",
                                        *(f"export.{fmt}" for fmt in stages.EXPORT_FORMATS)}  # fmt: skip
        assert info["files"] > 0
    cold, unchanged, one_changed = builds
    assert (cold["unchanged"], cold["rebuilt"]) == (0, N)
    assert (unchanged["unchanged"], unchanged["rebuilt"]) == (N, 0)
    assert any(f"({N} of {N} unchanged, from cache)" in m for m in unchanged["progress"])
    assert (one_changed["unchanged"], one_changed["rebuilt"]) == (N - 1, 1)
    assert any(f"({N - 1} of {N} unchanged, from cache)" in m for m in one_changed["progress"])
    assert one_changed["changed"]["file"] == f"synthetic-{N // 2:05d}.txt"
    assert results["pipeline"][str(N)]["one_changed_rebuilt"] == 1
    assert results["pipeline"][str(N)]["rebuild_s"] is not None
    related, answers = calckg["related.one"]["info"], calckg["answers.one"]["info"]
    distinct_questions = {q.text for article in load_articles(corpus) for q in article.related_questions}
    assert related["questions"] == answers["questions"] == min(20, len(distinct_questions))
    assert related["articles"] == N and related["index_build_ms"] >= 0
    assert set(related) >= {"rank_p50_ms", "rank_p95_ms", "rank_article_p50_ms", "rank_article_p95_ms"}
    assert 0 < answers["supported"] <= answers["questions"] and set(answers) >= {"answer_p50_ms", "answer_p95_ms"}


def test_results_json_has_every_ratio_slope_and_target_key(results: dict) -> None:
    ratios = results["ratios"][str(N)]
    assert set(ratios) == set(RATIO_KEYS)
    seconds = _stages(results, "calckg")["build"]["info"]["seconds"]
    for key, ratio in ratios.items():
        assert ratio["naive_extrapolated"] is False, key
        if key.startswith("export.") and seconds[key] == 0:  # below the 0.01 s resolution of build's progress
            assert ratio["value"] is None
        else:
            assert ratio["value"] is not None and ratio["value"] > 0, key
    assert ratios["pipeline"]["value"] is not None
    summary = results["pipeline"][str(N)]
    assert summary["calckg_s"] == _stages(results, "calckg")["build"]["wall_s"]
    assert summary["naive_s"] == pytest.approx(sum(_stages(results, "naive")[n]["wall_s"]
                                                   for n in stages.NAIVE_PIPELINE_STAGES), abs=1e-3)  # fmt: skip
    assert summary["calckg_parent_peak_rss_mib"] > 0 and summary["calckg_largest_child_rss_mib"] > 0
    assert summary["calckg_parent_plus_child_rss_mib"] > summary["calckg_parent_peak_rss_mib"]
    assert len(results["targets"]) == 12
    assert all(set(check) >= {"value", "target", "pass", "at_n"} for check in results["targets"].values())
    assert results["targets"]["related one question p50_ms"]["value"] is not None
    assert results["slopes"]["calckg:build"] is None  # one point (N=10) fits no slope
    assert all(slope is None for slope in results["slopes"].values())


def test_push_put_every_graph_and_triple_on_the_server(results: dict, corpus: Path) -> None:
    """Both pushes (into the empty server, then over what it holds) leave exactly the local graphs and triples:
    the articles' graphs and the ontology and vocabulary graphs, counted here independently of the stage."""
    from calckg.pipeline import article_graph
    from calckg.reference_graphs import reference_graphs
    from calckg.vocabulary import default_matcher

    matcher, base = default_matcher(), "https://w3id.org/calckg/id/"
    references = reference_graphs()
    triples = sum(len(article_graph(a, base, matcher)) for a in load_articles(corpus))
    triples += sum(len(graph) for graph in references.values())
    pushed = _stages(results, "push")
    for name in ("push", "push.again"):
        info = pushed[name]["info"]
        assert (info["graphs"], info["triples"], info["remote_triples"]) == (N + len(references), triples, triples)
        assert info["counts_match"] is True and info["triples_per_s"] > 0
    assert results["targets"]["push wall_s (local Oxigraph server)"]["value"] == pushed["push"]["wall_s"]


def test_queries_ran_on_both_stores_with_the_same_row_counts(results: dict) -> None:
    queries = results["queries"][str(N)]
    assert set(queries) == {"oxigraph", "memory"}
    assert queries["oxigraph"] and set(queries["oxigraph"]) == set(queries["memory"])
    for name, on_oxigraph in queries["oxigraph"].items():
        on_memory = queries["memory"][name]
        assert on_oxigraph["status"] == on_memory["status"] == "ok", name
        assert on_oxigraph["rows"] == on_memory["rows"], name


def test_a_naive_stage_skipped_over_budget_counts_with_its_prediction(results: dict) -> None:
    """A second, larger size made from the N=10 records: validate.naive skipped there, predicted linearly."""
    import copy

    from bench import runner
    from bench.report import render_markdown

    big = 10 * N
    history = {N: copy.deepcopy(results["runs"][str(N)])}
    options = BenchOptions(stage_budget_s=_stages(results, "naive")["validate.naive"]["wall_s"] * 5)
    skips = runner._skips("naive", big, history, options)
    assert [s.split("=")[0] for s in skips] == ["validate.naive"] and "predicted" in skips[0]
    assert runner._skips("calckg", big, history, BenchOptions(stage_budget_s=0.001)) == []  # never skipped for time
    runs = copy.deepcopy(results["runs"][str(N)])
    naive = runs["naive"]
    naive["stages"] = [s if s["stage"] != "validate.naive" else {"stage": s["stage"], "status": "skipped",
                                                                  "note": skips[0].split("=", 1)[1]}
                       for s in naive["stages"]]  # fmt: skip
    runner._annotate_predictions("naive", big, naive, history)
    validate = next(s for s in naive["stages"] if s["stage"] == "validate.naive")
    assert validate["predicted_s"] == pytest.approx(_stages(results, "naive")["validate.naive"]["wall_s"] * 10, rel=1e-3)
    total, extrapolated, partial = analysis.naive_total(naive, stages.NAIVE_PIPELINE_STAGES)
    measured = sum(s["wall_s"] for s in naive["stages"] if s["status"] == "ok")
    assert extrapolated is True and partial is False
    assert total == pytest.approx(measured + validate["predicted_s"], abs=1e-3)

    data = copy.deepcopy(results)
    data["sizes"] = [N, big]
    data["runs"][str(big)] = runs
    data["corpus"][str(big)] = data["corpus"][str(N)]
    data["queries"][str(big)] = data["queries"][str(N)]
    data["pipeline"][str(big)] = analysis.summary(runs)
    data["ratios"][str(big)] = analysis.ratios(runs, data["pipeline"][str(big)])
    # slopes are fitted over N >= 10 only: the two runs are given as N=30 and N=300 (the same ratio of sizes)
    data["slopes"] = analysis.slopes({30: results["runs"][str(N)], 300: runs})
    data["targets"] = analysis.targets(data)
    assert data["pipeline"][str(big)]["naive_extrapolated"] is True
    assert data["ratios"][str(big)]["pipeline"]["naive_extrapolated"] is True
    assert data["ratios"][str(big)]["graph+link+validate"]["naive_extrapolated"] is True
    assert data["ratios"][str(big)]["export.turtle"]["naive_extrapolated"] is False
    assert data["targets"]["ratio naive/calckg (pipeline)"]["naive_extrapolated"] is True
    assert data["slopes"].get("naive:pipeline") is None and data["slopes"]["calckg:pipeline"] is not None
    assert "(naive extrapolated)" in render_markdown(data)


def test_a_naive_track_stopped_at_the_cap_gives_a_lower_bound(results: dict) -> None:
    """Stages the naive track never reached count 0 s; its total and the ratio say they are lower bounds."""
    import copy

    from bench.report import render_markdown

    data = copy.deepcopy(results)
    naive = data["runs"][str(N)]["naive"]
    naive["stages"] = [s for s in naive["stages"] if s["stage"] not in ("export.naive.jsonld", "export.naive.trig")]
    naive["aborted"] = {"stage": "export.naive.jsonld", "rss_mib": 1537.0, "cap_mib": 1536.0}
    total, extrapolated, partial = analysis.naive_total(naive, stages.NAIVE_PIPELINE_STAGES)
    assert partial is True and extrapolated is False
    assert total == pytest.approx(sum(s["wall_s"] for s in naive["stages"] if s["status"] == "ok"), abs=1e-3)
    runs = {int(n): r for n, r in data["runs"].items()}
    analysis.analyse(data, runs)
    assert data["pipeline"][str(N)]["naive_lower_bound"] is True
    assert data["ratios"][str(N)]["pipeline"]["naive_lower_bound"] is True
    check = data["targets"]["ratio naive/calckg (pipeline)"]
    assert "lower bound" in check["note"] and check["pass"] in (True, None)
    assert "≥ " in render_markdown(data)


def test_rerender_recomputes_the_report_from_the_measured_runs(results: dict, tmp_path: Path) -> None:
    from bench import runner

    path = tmp_path / "again.json"
    stale = {**results, "targets": {}, "ratios": {}, "pipeline": {}}
    path.write_text(json.dumps(stale), encoding="utf-8")
    data = runner.rerender(path)
    assert data["targets"] == results["targets"] and data["ratios"] == results["ratios"]
    assert data["pipeline"] == results["pipeline"] and data["slopes"] == results["slopes"]
    assert (tmp_path / "again.md").read_text(encoding="utf-8").startswith("# calckg benchmark")
