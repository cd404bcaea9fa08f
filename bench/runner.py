"""Orchestration: corpora, one fresh process per (size, track), predictive skips, ratios, slopes, targets."""

from __future__ import annotations

import json
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

from bench import analysis
from bench.analysis import stage_map
from bench.generator import DEFAULT_SEED, generate_corpus
from bench.measure import RSS_CAP_EXIT
from bench.report import render_markdown, render_table
from calckg.lifeline import die_with_parent

REPOSITORY = Path(__file__).resolve().parents[1]
"""The checkout the benchmark runs from (its worker processes import `bench` from there)."""
ALL_TRACKS = ("calckg", "naive", "queries-oxigraph", "queries-memory", "engines", "push")
BUDGET_EXEMPT_TRACKS = ("calckg",)
@dataclass(frozen=True)
class BenchOptions:
    sizes: tuple[int, ...] = (1, 10, 100, 1000)
    out: Path = Path("bench/results")
    tracks: tuple[str, ...] = ALL_TRACKS
    rss_cap_mib: float = 1400.0
    stage_budget_s: float = 120.0
    track_timeout_s: float = 600.0
    query_budget_s: float = 2.0
    cli_repeats: int = 3
    """Timed runs of each `calckg …` process stage (after one warm-up); their median is reported."""
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
    timed = {} if track in BUDGET_EXEMPT_TRACKS else stage_map(previous)
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
    earlier = stage_map(previous)
    for stage in record.get("stages", []):
        if stage.get("status") == "skipped" and stage["stage"] in earlier:
            predicted = _predict(earlier[stage["stage"]], n, previous_n)
            if predicted is not None:
                stage["predicted_s"] = round(predicted, 3)


def _run_track(track: str, corpus: Path, n: int, work: Path, skips: list[str], options: BenchOptions) -> dict[str, Any]:
    out = work / f"{track}-{n}.json"
    command = [sys.executable, "-m", "bench.worker", track, str(corpus), str(out),
               "--rss-cap-mib", str(options.rss_cap_mib), "--query-budget", str(options.query_budget_s),
               "--cli-repeats", str(options.cli_repeats),
               *(f"--skip={s}" for s in skips)]  # fmt: skip
    print(f"N={n} {track}: running (pid per track, cap {options.rss_cap_mib:.0f} MiB)", file=sys.stderr)
    started = time.perf_counter()
    # `bench` imports from REPOSITORY; the worker dies with this process however it ends (calckg.lifeline)
    process = subprocess.Popen(command, start_new_session=True, cwd=REPOSITORY,
                               preexec_fn=die_with_parent())  # noqa: PLW1509 - prctl must run in the child
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
        code = subprocess.run(command, capture_output=True, check=False,
                              preexec_fn=die_with_parent()).returncode or code  # noqa: PLW1509
        times.append(time.perf_counter() - started)
    cold, warm = times[0], times[1:]
    return {"wall_s": round(statistics.median(warm), 3), "runs": [round(t, 3) for t in warm],
            "cold_s": round(cold, 3), "exit_code": code}  # fmt: skip


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
    analysis.analyse(data, results)
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
        analysis.analyse(data, results)
        _write(data, options.out, options.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if options.corpus_root is None:
            shutil.rmtree(corpus_root, ignore_errors=True)
    return data
