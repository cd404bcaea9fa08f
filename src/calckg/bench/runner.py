"""Orchestration: corpora, one fresh process per (size, track), predictive skips, ratios, slopes, targets."""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from calckg.bench import stages as st
from calckg.bench.generator import DEFAULT_SEED, generate_corpus
from calckg.bench.measure import RSS_CAP_EXIT
from calckg.bench.report import render_markdown, render_table

ALL_TRACKS = ("calckg", "naive", "fast", "queries-oxigraph", "queries-memory")
# naive/calckg ratios reported for these pairs (naive stage, calckg stage)
RATIO_PAIRS = {
    "pipeline": (None, None),
    "graph": ("graph.naive", "graph"),
    "validate": ("validate.naive", "validate"),
    **{f"export.{fmt}": (f"export.naive.{fmt}", f"export.{fmt}") for fmt in st.EXPORT_FORMATS},
}
FAST_RATIO_PAIRS = {
    "pipeline": (None, None),
    "graph": ("graph.naive", "graph.fast"),
    "validate": ("validate.naive", "validate.parallel"),
    **{f"export.{fmt}": (f"export.naive.{fmt}", f"export.fast.{fmt}") for fmt in ("turtle", "nt", "trig")},
}
TARGETS = {"pipeline_s": 60.0, "peak_rss_mib": 1536.0, "ratio": 10.0, "query_p50_ms": 5.0, "related_ms": 50.0,
           "seed_build_s": 3.0, "slope": 1.1}  # fmt: skip


@dataclass(frozen=True)
class BenchOptions:
    sizes: tuple[int, ...] = (1, 10, 100, 1000)
    out: Path = Path("bench/results")
    tracks: tuple[str, ...] = ALL_TRACKS
    rss_cap_mib: float = 1400.0
    stage_budget_s: float = 120.0
    track_timeout_s: float = 600.0
    reason_timeout_s: float = 120.0
    query_budget_s: float = 2.0
    seed_build: bool = True
    corpus_root: Path | None = None
    seed: int = DEFAULT_SEED
    name: str = "latest"
    skip_stages: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "calckg"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "missing"
    return found


def _stage_map(track: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    return {s["stage"]: s for s in (track or {}).get("stages", [])}


def _skips(track: str, n: int, history: dict[int, dict[str, Any]], options: BenchOptions) -> list[str]:
    """Stages to skip at size n: linear extrapolation from the largest smaller size over the time budget, or
    a stage that hit the RSS cap / timeout there (it can only get worse)."""
    smaller = [m for m in sorted(history) if m < n and track in history[m]]
    if not smaller:
        return []
    previous_n = smaller[-1]
    previous = history[previous_n][track]
    skips = []
    for name, stage in _stage_map(previous).items():
        if stage.get("status") == "skipped" and "--skip-stage" not in stage.get("note", ""):
            skips.append(f"{name}=skipped: over budget at N={previous_n} already ({stage.get('note', '')[9:90]})")
        if stage.get("status") == "ok" and stage.get("wall_s") is not None:
            predicted = stage["wall_s"] * n / previous_n
            if predicted > options.stage_budget_s:
                skips.append(f"{name}=skipped: predicted {predicted:.0f} s at N={n} "
                             f"({stage['wall_s']:.1f} s at N={previous_n}, linear) > budget {options.stage_budget_s:.0f} s")
    for cause in ("aborted", "timeout"):
        if previous.get(cause) and previous[cause].get("stage"):
            skips.append(f"{previous[cause]['stage']}=skipped: {cause} at N={previous_n} already")
    return skips


def _run_track(track: str, corpus: Path, n: int, work: Path, skips: list[str], options: BenchOptions) -> dict[str, Any]:
    out = work / f"{track}-{n}.json"
    command = [sys.executable, "-m", "calckg.bench.worker", track, str(corpus), str(out),
               "--rss-cap-mib", str(options.rss_cap_mib), "--reason-timeout", str(options.reason_timeout_s),
               "--query-budget", str(options.query_budget_s), *(f"--skip={s}" for s in skips)]  # fmt: skip
    print(f"N={n} {track}: running (pid per track, cap {options.rss_cap_mib:.0f} MiB)", file=sys.stderr)
    started = time.perf_counter()
    process = subprocess.Popen(command, start_new_session=True)
    try:
        code = process.wait(timeout=options.track_timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)  # the worker's own group only: it and its reasoner/validation children
        process.wait()
        code = None
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"stages": []}
    record["process_wall_s"] = round(time.perf_counter() - started, 3)
    if code is None:
        record["timeout"] = {"stage": record.get("current"), "after_s": options.track_timeout_s}
        print(f"N={n} {track}: TIMEOUT in stage {record.get('current')}", file=sys.stderr)
    elif code == RSS_CAP_EXIT:
        print(f"N={n} {track}: ABORTED at the RSS cap in stage {record['aborted']['stage']}", file=sys.stderr)
    elif code != 0:
        record["failed"] = {"stage": record.get("current"), "exit_code": code}
    return record


def _seed_build(work: Path) -> dict[str, Any]:
    """`calckg build` on the real seed article, whole process (import + build + write): one cold build into a
    fresh folder (HermiT and the shapes self-check run), then the median of 3 rebuilds of the unchanged input
    into the same folder (answered from `<out>/.cache`), which is what the ≤ 3 s target is checked against."""
    from calckg.resources import sources_dir

    out = work / "seed-build"
    command = [sys.executable, "-c", "from calckg.cli import main; main()", "build", "--sources",
               str(sources_dir()), "--out", str(out)]  # fmt: skip
    times, code = [], 0
    for _ in range(4):
        started = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode or code
        times.append(time.perf_counter() - started)
    cold, warm = times[0], times[1:]
    return {"wall_s": round(statistics.median(warm), 3), "runs": [round(t, 3) for t in warm],
            "cold_s": round(cold, 3), "exit_code": code}  # fmt: skip


def _total(track: dict[str, Any] | None, names: tuple[str, ...]) -> float | None:
    stages = _stage_map(track)
    if not all(stages.get(n, {}).get("status") == "ok" for n in names):
        return None
    return round(sum(stages[n]["wall_s"] for n in names), 4)


def _peak(track: dict[str, Any] | None, names: tuple[str, ...]) -> float | None:
    stages = _stage_map(track)
    peaks = [stages[n].get("rss_peak_mib") for n in names if stages.get(n, {}).get("status") == "ok"]
    return max(peaks) if peaks else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _ratios(runs: dict[str, Any], pairs: dict[str, tuple[str | None, str | None]], fast_track: str,
            pipeline: tuple[str, ...]) -> dict[str, float | None]:  # fmt: skip
    naive, other = _stage_map(runs.get("naive")), _stage_map(runs.get(fast_track))
    ratios: dict[str, float | None] = {}
    for key, (naive_stage, stage) in pairs.items():
        if key == "pipeline":
            ratios[key] = _ratio(_total(runs.get("naive"), st.NAIVE_PIPELINE_STAGES), _total(runs.get(fast_track), pipeline))
            continue
        a, b = naive.get(naive_stage or "", {}), other.get(stage or "", {})
        ok = a.get("status") == "ok" and b.get("status") == "ok"
        ratios[key] = _ratio(a.get("wall_s"), b.get("wall_s")) if ok else None
    return ratios


def _slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) on log(N) over N >= 10 (N=1 is start-up cost)."""
    usable = [(math.log(n), math.log(t)) for n, t in points if n >= 10 and t and t > 0]
    if len(usable) < 2:
        return None
    mx, my = statistics.fmean(x for x, _ in usable), statistics.fmean(y for _, y in usable)
    den = sum((x - mx) ** 2 for x, _ in usable)
    return round(sum((x - mx) * (y - my) for x, y in usable) / den, 3) if den else None


def _slopes(results: dict[int, dict[str, Any]]) -> dict[str, float | None]:
    series: dict[str, list[tuple[int, float]]] = {}
    for n, runs in sorted(results.items()):
        for track, record in runs.items():
            for name, stage in _stage_map(record).items():
                if stage.get("status") == "ok":
                    series.setdefault(f"{track}:{name}", []).append((n, stage["wall_s"]))
        for key, names, track in (("calckg:pipeline", st.PIPELINE_STAGES, "calckg"),
                                  ("naive:pipeline", st.NAIVE_PIPELINE_STAGES, "naive"),
                                  ("fast:pipeline", st.FAST_PIPELINE_STAGES, "fast")):  # fmt: skip
            total = _total(runs.get(track), names)
            if total is not None:
                series.setdefault(key, []).append((n, total))
    return {key: _slope(points) for key, points in sorted(series.items())}


def _targets(data: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets at the largest size run, each with its measured value and a verdict."""
    n = max(data["sizes"])
    runs, summary = data["runs"][str(n)], data["pipeline"][str(n)]
    checks: dict[str, Any] = {}

    def check(key: str, value: Any, limit: float, higher_is_better: bool = False) -> None:
        passed = None if value is None else (value >= limit if higher_is_better else value <= limit)
        checks[key] = {"value": value, "target": limit, "pass": passed, "at_n": n}

    check("pipeline_wall_s (calckg)", summary["calckg_s"], TARGETS["pipeline_s"])
    aborted = (runs.get("calckg") or {}).get("aborted")
    peak = aborted["rss_mib"] if aborted else summary["calckg_peak_rss_mib"]
    check("pipeline_peak_rss_mib (calckg)", peak, TARGETS["peak_rss_mib"])
    if aborted:  # the cap (below the target) stopped it: the pipeline does not fit
        checks["pipeline_peak_rss_mib (calckg)"].update({"pass": False, "note": f"aborted at the cap in {aborted['stage']}"})
    check("ratio naive/calckg (pipeline)", data["ratios"][str(n)]["pipeline"], TARGETS["ratio"], True)
    check("pipeline_wall_s (fast paths)", summary["fast_s"], TARGETS["pipeline_s"])
    check("ratio naive/fast (pipeline)", data["ratios_fast"][str(n)]["pipeline"], TARGETS["ratio"], True)
    queries = data["queries"][str(n)].get("oxigraph", {})
    competency = [q["p50_ms"] for name, q in queries.items() if q.get("status") == "ok" and not name.startswith("qc/")]
    check("max competency query p50_ms (oxigraph)", max(competency, default=None), TARGETS["query_p50_ms"])
    related = _stage_map(runs.get("calckg")).get("related", {})
    check("related one question p50_ms", (related.get("info") or {}).get("one_question_p50_ms"), TARGETS["related_ms"])
    check("seed calckg build wall_s", (data.get("seed_build") or {}).get("wall_s"), TARGETS["seed_build_s"])
    complete = summary["calckg_s"] is not None
    check("log-log slope calckg pipeline", data["slopes"].get("calckg:pipeline") if complete else None, TARGETS["slope"])
    if not complete:
        checks["log-log slope calckg pipeline"]["note"] = f"pipeline incomplete at N={n}; see per-stage slopes"
    return checks


def run(options: BenchOptions) -> dict[str, Any]:
    corpus_root = options.corpus_root or Path(tempfile.mkdtemp(prefix="calckg-bench-corpus-"))
    work = Path(tempfile.mkdtemp(prefix="calckg-bench-work-"))
    results: dict[int, dict[str, Any]] = {}
    corpora: dict[str, Any] = {}
    data: dict[str, Any] = {}
    try:
        seed_build = _seed_build(work) if options.seed_build else None
        for n in sorted(options.sizes):
            corpus = corpus_root / f"N{n}"
            started = time.perf_counter()
            manifest = generate_corpus(n, corpus, options.seed)
            corpora[str(n)] = {"generate_s": round(time.perf_counter() - started, 3), **manifest.totals(),
                               "bytes": sum(p.stat().st_size for p in corpus.glob("*.txt"))}  # fmt: skip
            results[n] = {}
            for track in options.tracks:
                results[n][track] = _run_track(track, corpus, n, work, [
                    *(f"{name}=skipped: --skip-stage" for name in options.skip_stages),
                    *_skips(track, n, results, options)], options)
        data = {
            "meta": {"seed": options.seed, "cpus": os.cpu_count(), "platform": platform.platform(),
                     "versions": _versions(), "rss_cap_mib": options.rss_cap_mib,
                     "stage_budget_s": options.stage_budget_s, "synthetic_corpus": True,
                     "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")},  # fmt: skip
            "sizes": sorted(options.sizes),
            "corpus": corpora,
            "seed_build": seed_build,
            "runs": {str(n): {t: {k: v for k, v in r.items() if k != "queries"} for t, r in runs.items()}
                     for n, runs in results.items()},  # fmt: skip
            "queries": {str(n): {t.removeprefix("queries-"): r.get("queries", {}) for t, r in runs.items()
                                 if t.startswith("queries-")} for n, runs in results.items()},  # fmt: skip
            "pipeline": {str(n): {
                "stages": list(st.PIPELINE_STAGES),
                "calckg_s": _total(runs.get("calckg"), st.PIPELINE_STAGES),
                "calckg_peak_rss_mib": _peak(runs.get("calckg"), st.PIPELINE_STAGES),
                "naive_s": _total(runs.get("naive"), st.NAIVE_PIPELINE_STAGES),
                "naive_peak_rss_mib": _peak(runs.get("naive"), st.NAIVE_PIPELINE_STAGES),
                "fast_s": _total(runs.get("fast"), st.FAST_PIPELINE_STAGES),
                "fast_peak_rss_mib": _peak(runs.get("fast"), st.FAST_PIPELINE_STAGES),
            } for n, runs in results.items()},
            "ratios": {str(n): _ratios(runs, RATIO_PAIRS, "calckg", st.PIPELINE_STAGES) for n, runs in results.items()},
            "ratios_fast": {str(n): _ratios(runs, FAST_RATIO_PAIRS, "fast", st.FAST_PIPELINE_STAGES)
                            for n, runs in results.items()},  # fmt: skip
            "slopes": _slopes(results),
        }
        data["targets"] = _targets(data)
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / f"{options.name}.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
        (options.out / f"{options.name}.md").write_text(render_markdown(data), encoding="utf-8")
        print(render_table(data))
        print(f"wrote {options.out / (options.name + '.json')} and {options.out / (options.name + '.md')}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if options.corpus_root is None:
            shutil.rmtree(corpus_root, ignore_errors=True)
    return data
