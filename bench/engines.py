"""The `engines` track: the SHACL engines side by side on the project's shapes, and the read commands as whole
processes on the persistent store `build` writes.

After one cold build (untimed here: the calckg track times builds), every stage validates the same built graph:
- `validate.<engine>`: what `build` does, in one process: the article-local shapes on each article graph (parsed
  from the build's N-Triples), then the cross-article shapes once; engine = pyshacl-turbo or pySHACL. The number of
  results is in `info` (they must be equal: tests/test_engines.py checks the result sets).
- `validate.turbo.whole` and `validate.jena.whole`: every shape on the whole graph (calckg.nt + ontology and
  vocabulary) in pyshacl-turbo and in Apache Jena SHACL (one JVM, start-up included; needs the Debian jars).
- `cli.query`, `cli.answer`, `cli.stats`: `calckg …` as a subprocess, process start included (median of 3 after one
  warm-up), on `<out>/store`; `cli.query.memory` is the same query with `--store memory` (calckg.trig parsed into
  rdflib, the path read commands took before the persistent store), run once.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import StageSkipped
from calckg.errors import EXIT_OK, EXIT_UNSUPPORTED
from calckg.lifeline import die_with_parent
from bench.state import Info, RunState, Stage
from bench.track_calckg import _build, _build_out, _questions, ingest

QUERY = "article-references"


def engines_build(state: RunState) -> Info:
    info = _build(state, state.corpus, _build_out(state))
    state.values["build_out"] = _build_out(state)
    return {"counts": info["counts"], "seconds": info.get("seconds")}


def validate_with(engine: str) -> Stage:
    def stage(state: RunState) -> Info:
        from rdflib import Graph

        from calckg.ids import ArticleIris
        from calckg.validate import ArticleShapes, cross_article_part, load_ontology, load_shapes, validate_cross_article

        result = state.need("result", "engines.build")
        shapes, ontology = load_shapes(), load_ontology()
        article_shapes = ArticleShapes.shipped(shapes, ontology, engine)
        found, cross = 0, Graph()
        for article in result.articles:
            iri = str(ArticleIris(article, state.base_iri).root)
            graph = Graph().parse(data=b"".join(result.exports.graphs[iri].lines), format="nt")
            found += len(article_shapes.validate(graph))
            cross += cross_article_part(graph)
        found += len(validate_cross_article(cross, ontology, shapes, engine))
        return {"results": found, "articles": len(result.articles)}

    return Stage(f"validate.{engine}", stage)


def _whole_graph(state: RunState) -> object:
    from rdflib import Graph

    from calckg.validate import load_ontology

    graph = Graph().parse(state.need("build_out", "engines.build") / "calckg.nt", format="nt")
    graph += load_ontology()
    return graph


def validate_turbo_whole(state: RunState) -> Info:
    from calckg.validate import load_shapes
    from calckg.validate_engine import ShapesRunner

    return {"results": len(ShapesRunner(load_shapes(), "turbo").run(_whole_graph(state)))}  # type: ignore[arg-type]


def validate_jena_whole(state: RunState) -> Info:
    from calckg import validate_jena
    from calckg.validate import load_shapes
    from calckg.validate_engine import results_of

    reason = validate_jena.missing()
    if reason is not None:
        raise StageSkipped(f"Apache Jena is not available: {reason}")
    report = validate_jena.validate_pairs([(load_shapes(), _whole_graph(state))])[0]  # type: ignore[list-item]
    return {"results": len(results_of(report))}


def _calckg(state: RunState, *arguments: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one `calckg …` process."""
    out = state.need("build_out", "engines.build")
    command = [str(Path(sys.executable).with_name("calckg")), *arguments, "--build-dir", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          preexec_fn=die_with_parent())  # noqa: PLW1509 - dies with the benchmark
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (EXIT_OK, EXIT_UNSUPPORTED):  # a refused answer is an answer
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return seconds, cpu


def cli_stage(name: str, *arguments: str, repeats: int | None = None) -> Stage:
    """`repeats` timed runs after one warm-up (default: the run's `cli_repeats`)."""

    def stage(state: RunState) -> Info:
        words = [_questions(state)[0] if a == "{question}" else a for a in arguments]
        _calckg(state, *words)  # warm-up: page cache, .pyc files
        runs = [_calckg(state, *words) for _ in range(min(repeats or state.cli_repeats, state.cli_repeats))]
        return {"process_s_median": round(statistics.median(wall for wall, _ in runs), 3),
                "process_cpu_s_median": round(statistics.median(cpu for _, cpu in runs), 3),
                "process_s": [round(wall, 3) for wall, _ in runs]}  # fmt: skip

    return Stage(name, stage)


ENGINE_STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest),
    Stage("engines.build", engines_build),
    validate_with("turbo"),
    validate_with("pyshacl"),
    Stage("validate.turbo.whole", validate_turbo_whole),
    Stage("validate.jena.whole", validate_jena_whole),
    cli_stage("cli.query", "query", QUERY),
    cli_stage("cli.answer", "answer", "{question}"),
    cli_stage("cli.stats", "stats"),
    cli_stage("cli.query.memory", "query", QUERY, "--store", "memory", repeats=1),
)
