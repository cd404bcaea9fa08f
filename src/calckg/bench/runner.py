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
from typing import Any, TypeGuard

from calckg.bench import stages as st
from calckg.bench.generator import DEFAULT_SEED, generate_corpus
from calckg.bench.measure import RSS_CAP_EXIT
from calckg.bench.report import render_markdown, render_table

ALL_TRACKS = ("calckg", "naive", "queries-oxigraph", "queries-memory", "engines")
NAIVE_CORE = ("graph.naive", "link.naive", "validate.naive")
RATIO_PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "graph+link+validate": (NAIVE_CORE, ("articles", "validate")),
    **{f"export.{fmt}": ((f"export.naive.{fmt}",), (f"export.{fmt}",)) for fmt in st.EXPORT_FORMATS},
}
"""naive/calckg ratios besides the pipeline's: naive stages (summed) against the seconds `build` reports for its own
stages (summed), e.g. whole-graph build + linking + pyshacl against build's "articles" and "validate" stages."""
RATIO_KEYS = ("pipeline", *RATIO_PAIRS)
BUDGET_EXEMPT_TRACKS = ("calckg",)
TARGETS = {"build_s": 45.0, "peak_rss_mib": 1536.0, "ratio": 10.0, "query_p50_ms": 5.0, "related_ms": 50.0,
           "seed_build_s": 3.0, "slope": 1.1, "link_statements_per_s": 20_000.0, "cli_s": 1.0}  # fmt: skip


@dataclass(frozen=True)
class BenchOptions:
    sizes: tuple[int, ...] = (1, 10, 100, 1000)
    out: Path = Path("bench/results")
    tracks: tuple[str, ...] = ALL_TRACKS
    rss_cap_mib: float = 1400.0
    stage_budget_s: float = 120.0
    track_timeout_s: float = 600.0
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


def _previous(track: str, n: int, history: dict[int, dict[str, Any]]) -> tuple[int, dict[str, Any]] | None:
    """The largest smaller size at which `track` ran, and its record."""
    smaller = [m for m in sorted(history) if m < n and track in history[m]]
    return (smaller[-1], history[smaller[-1]][track]) if smaller else None


def _predict(stage: dict[str, Any], n: int, previous_n: int) -> float | None:
    """Linear extrapolation to size n of a stage measured (or itself predicted) at previous_n."""
    if stage.get("status") == "ok" and stage.get("wall_s") is not None:
        return stage["wall_s"] * n / previous_n
    if stage.get("predicted_s") is not None:
        return stage["predicted_s"] * n / previous_n
    return None


def _skips(track: str, n: int, history: dict[int, dict[str, Any]], options: BenchOptions) -> list[str]:
    """Stages to skip at size n: linear extrapolation from the largest smaller size over the time budget, a stage
    not run there either (over budget, or its input was), or a stage that hit the RSS cap / timeout there.
    The calckg track is never skipped for time: its build is what the benchmark measures (and has fixed costs, so
    a linear extrapolation overestimates it); the track timeout still bounds it."""
    found = _previous(track, n, history)
    if found is None:
        return []
    previous_n, previous = found
    skips = []
    timed = {} if track in BUDGET_EXEMPT_TRACKS else _stage_map(previous)
    for name, stage in timed.items():
        predicted = _predict(stage, n, previous_n)
        if stage.get("status") == "ok" and predicted is not None and predicted > options.stage_budget_s:
            skips.append(f"{name}=skipped: predicted {predicted:.0f} s at N={n} "
                         f"({stage['wall_s']:.1f} s at N={previous_n}, linear) > budget {options.stage_budget_s:.0f} s")
        elif stage.get("status") == "skipped" and "--skip-stage" not in stage.get("note", ""):
            why = f"predicted {predicted:.0f} s at N={n}" if predicted is not None else stage.get("note", "")[9:90]
            skips.append(f"{name}=skipped: not run at N={previous_n} already ({why})")
    for cause in ("aborted", "timeout"):
        if previous.get(cause) and previous[cause].get("stage"):
            skips.append(f"{previous[cause]['stage']}=skipped: {cause} at N={previous_n} already")
    return skips


def _annotate_predictions(track: str, n: int, record: dict[str, Any], history: dict[int, dict[str, Any]]) -> None:
    """Give every skipped stage `predicted_s`, extrapolated linearly from the previous size where it was measured
    or predicted (the naive pipeline total uses it, flagged `naive_extrapolated`)."""
    found = _previous(track, n, history)
    if found is None:
        return
    previous_n, previous = found
    earlier = _stage_map(previous)
    for stage in record.get("stages", []):
        if stage.get("status") == "skipped" and stage["stage"] in earlier:
            predicted = _predict(earlier[stage["stage"]], n, previous_n)
            if predicted is not None:
                stage["predicted_s"] = round(predicted, 3)


def _run_track(track: str, corpus: Path, n: int, work: Path, skips: list[str], options: BenchOptions) -> dict[str, Any]:
    out = work / f"{track}-{n}.json"
    command = [sys.executable, "-m", "calckg.bench.worker", track, str(corpus), str(out),
               "--rss-cap-mib", str(options.rss_cap_mib), "--query-budget", str(options.query_budget_s),
               *(f"--skip={s}" for s in skips)]  # fmt: skip
    print(f"N={n} {track}: running (pid per track, cap {options.rss_cap_mib:.0f} MiB)", file=sys.stderr)
    started = time.perf_counter()
    process = subprocess.Popen(command, start_new_session=True)
    try:
        code = process.wait(timeout=options.track_timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)  # the worker's own group only: it and its article workers and HermiT's JVM
        process.wait()
        code = None
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"stages": []}
    record["process_wall_s"] = round(time.perf_counter() - started, 3)
    if code is None:
        record["timeout"] = {"stage": record.get("current"), "after_s": options.track_timeout_s}
        print(f"N={n} {track}: TIMEOUT in stage {record.get('current')}", file=sys.stderr)
    elif code == RSS_CAP_EXIT:
        try:  # its article workers / HermiT's JVM, left behind by the ended process: its own group only
            os.killpg(process.pid, 9)
        except ProcessLookupError:
            pass
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


def _ok(stage: dict[str, Any] | None) -> TypeGuard[dict[str, Any]]:
    return stage is not None and stage.get("status") == "ok"


def _wall(track: dict[str, Any] | None, name: str) -> float | None:
    stage = _stage_map(track).get(name)
    return stage["wall_s"] if _ok(stage) else None


def _naive_total(track: dict[str, Any] | None, names: tuple[str, ...]) -> tuple[float | None, bool, bool]:
    """Sum of the stages' wall times, whether a skipped stage counted with its linear prediction, and whether the
    sum is only a lower bound (the track stopped at the RSS cap or a timeout before some stages ran: they count
    as 0). None when a stage neither ran nor has a prediction and the track did not stop early."""
    stages = _stage_map(track)
    stopped = bool(track and (track.get("aborted") or track.get("timeout")))
    total, extrapolated, partial = 0.0, False, False
    for name in names:
        stage = stages.get(name, {})
        if _ok(stage):
            total += stage["wall_s"]
        elif stage.get("status") == "skipped" and stage.get("predicted_s") is not None:
            total += stage["predicted_s"]
            extrapolated = True
        elif stopped and not stage:
            partial = True
        else:
            return None, False, False
    return round(total, 4), extrapolated, partial


def _build_seconds(track: dict[str, Any] | None, names: tuple[str, ...]) -> float | None:
    """Sum of the seconds the cold `build` reported for these of its own stages."""
    stage = _stage_map(track).get(st.PIPELINE_STAGE)
    seconds = ((stage or {}).get("info") or {}).get("seconds", {})
    if not _ok(stage) or not all(name in seconds for name in names):
        return None
    return round(sum(seconds[name] for name in names), 4)


def _peak(track: dict[str, Any] | None, names: tuple[str, ...], key: str = "rss_peak_mib") -> float | None:
    stages = _stage_map(track)
    peaks = [stages[n][key] for n in names if _ok(stages.get(n)) and stages[n].get(key) is not None]
    return max(peaks) if peaks else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _summary(runs: dict[str, Any]) -> dict[str, Any]:
    """The pipeline figures at one size: the calckg builds, their memory, and the naive pipeline."""
    calckg, naive = runs.get("calckg"), runs.get("naive")
    one_changed = _stage_map(calckg).get("rebuild.one-changed", {})
    naive_s, extrapolated, partial = _naive_total(naive, st.NAIVE_PIPELINE_STAGES)
    parent = _peak(calckg, st.BUILD_STAGES)
    aborted = (calckg or {}).get("aborted")
    if aborted:  # the cap (below the target) stopped it in some stage
        parent = max(parent or 0.0, aborted["rss_mib"])
    child = _peak(calckg, st.BUILD_STAGES, "children_maxrss_mib")
    return {
        "calckg_stage": st.PIPELINE_STAGE,
        "calckg_s": _wall(calckg, st.PIPELINE_STAGE),
        "rebuild_s": _wall(calckg, "rebuild"),
        "rebuild_one_changed_s": _wall(calckg, "rebuild.one-changed"),
        "one_changed_rebuilt": (one_changed.get("info") or {}).get("rebuilt") if _ok(one_changed) else None,
        "calckg_parent_peak_rss_mib": parent,
        "calckg_largest_child_rss_mib": child,
        "calckg_parent_plus_child_rss_mib": round(parent + (child or 0.0), 1) if parent is not None else None,
        "calckg_tree_peak_rss_mib": _peak(calckg, st.BUILD_STAGES, "tree_peak_mib"),
        "naive_stages": list(st.NAIVE_PIPELINE_STAGES),
        "naive_s": naive_s,
        "naive_extrapolated": extrapolated,
        "naive_lower_bound": partial,
        "naive_peak_rss_mib": _peak(naive, st.NAIVE_PIPELINE_STAGES),
    }


def _ratios(runs: dict[str, Any], summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """naive/calckg for the pipeline (naive sum / cold build wall) and for comparable parts of it."""
    ratios = {"pipeline": {"value": _ratio(summary["naive_s"], summary["calckg_s"]),
                           "naive_extrapolated": summary["naive_extrapolated"],
                           "naive_lower_bound": summary["naive_lower_bound"]}}  # fmt: skip
    for key, (naive_names, build_names) in RATIO_PAIRS.items():
        naive_s, extrapolated, partial = _naive_total(runs.get("naive"), naive_names)
        ratios[key] = {"value": _ratio(naive_s, _build_seconds(runs.get("calckg"), build_names)),
                       "naive_extrapolated": extrapolated, "naive_lower_bound": partial}  # fmt: skip
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
    """Per track stage, per stage inside the cold build ("calckg:build/<stage>"), and per pipeline (measured
    naive totals only: extrapolated ones are linear by construction)."""
    series: dict[str, list[tuple[int, float]]] = {}
    for n, runs in sorted(results.items()):
        for track, record in runs.items():
            for name, stage in _stage_map(record).items():
                if _ok(stage):
                    series.setdefault(f"{track}:{name}", []).append((n, stage["wall_s"]))
                    if track == "calckg" and name == st.PIPELINE_STAGE:
                        for part, seconds in ((stage.get("info") or {}).get("seconds") or {}).items():
                            series.setdefault(f"calckg:{name}/{part}", []).append((n, seconds))
        build = _wall(runs.get("calckg"), st.PIPELINE_STAGE)
        if build is not None:
            series.setdefault("calckg:pipeline", []).append((n, build))
        naive, extrapolated, partial = _naive_total(runs.get("naive"), st.NAIVE_PIPELINE_STAGES)
        if naive is not None and not extrapolated and not partial:
            series.setdefault("naive:pipeline", []).append((n, naive))
    return {key: _slope(points) for key, points in sorted(series.items())}


def _targets(data: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets at the largest size run, each with its measured value and a verdict."""
    n = max(data["sizes"])
    runs, summary = data["runs"][str(n)], data["pipeline"][str(n)]
    checks: dict[str, Any] = {}

    def check(key: str, value: Any, limit: float, higher_is_better: bool = False, **extra: Any) -> None:
        passed = None if value is None else (value >= limit if higher_is_better else value <= limit)
        checks[key] = {"value": value, "target": limit, "pass": passed, "at_n": n, **extra}

    check("build wall_s (calckg, cold)", summary["calckg_s"], TARGETS["build_s"])
    aborted = (runs.get("calckg") or {}).get("aborted")
    # The sampled process tree, not parent + largest child: a child started by fork/vfork (HermiT's launcher)
    # reports the parent's resident pages in its ru_maxrss until it execs, so that sum counts the parent twice.
    for key, value in (("peak RSS MiB (calckg builds, parent)", summary["calckg_parent_peak_rss_mib"]),
                       ("peak RSS MiB (calckg builds, process tree sampled)",
                        summary["calckg_tree_peak_rss_mib"])):  # fmt: skip
        check(key, value, TARGETS["peak_rss_mib"])
        if aborted:  # the cap (below the target) stopped it: the pipeline does not fit
            checks[key].update({"pass": False, "note": f"aborted at the cap in {aborted['stage']}"})
    ratio = data["ratios"][str(n)]["pipeline"]
    check("ratio naive/calckg (pipeline)", ratio["value"], TARGETS["ratio"], True,
          naive_extrapolated=ratio["naive_extrapolated"])  # fmt: skip
    notes = []
    if ratio["naive_extrapolated"]:
        notes.append("(naive extrapolated)")
    if ratio.get("naive_lower_bound"):
        stopped = (runs.get("naive") or {}).get("aborted") or (runs.get("naive") or {}).get("timeout") or {}
        notes.append(f"lower bound: the naive track stopped in {stopped.get('stage')} (RSS cap or timeout), "
                     "its later stages count 0 s")
        if checks["ratio naive/calckg (pipeline)"]["pass"] is False:
            checks["ratio naive/calckg (pipeline)"]["pass"] = None  # below the target only as far as we know
    if notes:
        checks["ratio naive/calckg (pipeline)"]["note"] = "; ".join(notes)
    queries = data["queries"][str(n)].get("oxigraph", {})
    competency = [q["p50_ms"] for name, q in queries.items() if q.get("status") == "ok" and not name.startswith("qc/")]
    check("max competency query p50_ms (oxigraph)", max(competency, default=None), TARGETS["query_p50_ms"])
    related = _stage_map(runs.get("calckg")).get("related.one", {})
    check("related one question p50_ms", (related.get("info") or {}).get("rank_p50_ms") if _ok(related) else None,
          TARGETS["related_ms"])  # fmt: skip
    link = _stage_map(runs.get("calckg")).get("link.throughput", {})
    check("concept matcher statements/s", (link.get("info") or {}).get("statements_per_s") if _ok(link) else None,
          TARGETS["link_statements_per_s"], True)  # fmt: skip
    engines = _stage_map(runs.get("engines"))
    for command in ("query", "answer"):
        stage = engines.get(f"cli.{command}", {})
        check(f"calckg {command} whole process s (built store)",
              (stage.get("info") or {}).get("process_s_median") if _ok(stage) else None, TARGETS["cli_s"])  # fmt: skip
    check("seed calckg build wall_s", (data.get("seed_build") or {}).get("wall_s"), TARGETS["seed_build_s"])
    complete = summary["calckg_s"] is not None
    check("log-log slope calckg build", data["slopes"].get("calckg:pipeline") if complete else None, TARGETS["slope"])
    if not complete:
        checks["log-log slope calckg build"]["note"] = f"build did not complete at N={n}; see per-stage slopes"
    return checks


def _analyse(data: dict[str, Any], results: dict[int, dict[str, Any]]) -> None:
    """Every figure derived from the measured runs: pipeline summaries, slopes, ratios, targets."""
    data["pipeline"] = {str(n): _summary(runs) for n, runs in results.items()}
    data["slopes"] = _slopes(results)
    data["ratios"] = {n: _ratios(results[int(n)], summary) for n, summary in data["pipeline"].items()}
    data["targets"] = _targets(data)


def _write(data: dict[str, Any], out: Path, name: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    (out / f"{name}.md").write_text(render_markdown(data), encoding="utf-8")
    print(render_table(data))
    print(f"wrote {out / (name + '.json')} and {out / (name + '.md')}")


def rerender(path: Path) -> dict[str, Any]:
    """Recompute the derived figures and the report of a results JSON from its measured runs (no measuring)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    results = {int(n): {track: {**record, **({"queries": data["queries"][n].get(track.removeprefix("queries-"), {})}
                                             if track.startswith("queries-") else {})}
                        for track, record in runs.items()}
               for n, runs in data["runs"].items()}  # fmt: skip
    _analyse(data, results)
    _write(data, path.parent, path.stem)
    return data


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
                record = _run_track(track, corpus, n, work, [
                    *(f"{name}=skipped: --skip-stage" for name in options.skip_stages),
                    *_skips(track, n, results, options)], options)
                _annotate_predictions(track, n, record, results)
                results[n][track] = record
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
        }
        _analyse(data, results)
        _write(data, options.out, options.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if options.corpus_root is None:
            shutil.rmtree(corpus_root, ignore_errors=True)
    return data
