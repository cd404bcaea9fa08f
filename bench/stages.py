"""The benchmark's stage registry: each stage a named callable on a shared `RunState` (bench.state), adapting to
what exists in the checkout; the stages themselves live in bench.track_calckg, track_naive and track_queries.

Other engineers add modules while this runs, so every stage imports what it needs when it runs and raises
`StageUnavailable` (reported as "not available yet", never skipped silently) when a module or function is
missing. A stage returns a small dict of facts (counts, bytes, per-stage seconds) that end up in the JSON next to
its timing. A stage may have an untimed `prepare` step (a fresh output folder, a changed copy of the corpus).

Tracks (each runs in its own process per corpus size, so RSS is clean):
- calckg: the real pipeline, `calckg.pipeline.build` (ingest → per-article build in worker processes → cross-
  article validation + HermiT → answers → exports), cold, then rebuilt from its cache (unchanged, then with one
  article changed); then one related-questions ranking and one answer at a time on the built graph.
- naive: the baseline — one whole rdflib Graph, rdflib's serialisers as they come, one pyshacl run on everything.
- queries-oxigraph / queries-memory: the shipped queries on the embedded Oxigraph store and the in-memory store
  (each track loads the articles' graphs with its own loader).
- push: `calckg push` of the articles' graphs into a local Oxigraph server, then again (bench.track_push).
"""


from __future__ import annotations

from bench.state import Info, RunState, Stage
from bench.track_calckg import (
    answers_one, build, change_one_article, ingest, link_throughput, parse_progress, prepare_cold, prepare_one_changed,
    prepare_rebuild, rebuild, rebuild_one_changed, related_one,
)
from bench.track_push import prepare_push, push, push_again
from bench.track_naive import naive_export, naive_graph, naive_link, naive_validate
from bench.track_queries import memory_dataset, memory_store_load, oxigraph_stream_load, run_queries

__all__ = [
    "BUILD_STAGES", "CALCKG_STAGES", "EXPORT_FORMATS", "NAIVE_PIPELINE_STAGES", "NAIVE_STAGES", "PIPELINE_STAGE",
    "Info", "PUSH_STAGES", "RunState", "Stage", "change_one_article", "parse_progress", "query_stages",
    "run_queries",
]

# --- registry ---------------------------------------------------------------------------------------------------

EXPORT_FORMATS = ("turtle", "nt", "jsonld", "trig")

CALCKG_STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest),
    Stage("build", build, prepare_cold),
    Stage("rebuild", rebuild, prepare_rebuild),
    Stage("rebuild.one-changed", rebuild_one_changed, prepare_one_changed),
    Stage("related.one", related_one),
    Stage("answers.one", answers_one),
    Stage("link.throughput", link_throughput),
)
NAIVE_STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest),
    Stage("graph.naive", naive_graph),
    Stage("link.naive", naive_link),
    Stage("validate.naive", naive_validate),
    *(Stage(f"export.naive.{fmt}", naive_export(fmt)) for fmt in EXPORT_FORMATS),
)

PUSH_STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest),
    Stage("push", push, prepare_push),
    Stage("push.again", push_again),
)


def query_stages(backend: str) -> tuple[Stage, ...]:
    if backend == "oxigraph":
        return (Stage("ingest", ingest), Stage("store.load.oxigraph", oxigraph_stream_load))
    return (Stage("ingest", ingest), Stage("dataset.memory", memory_dataset), Stage("store.load.memory", memory_store_load))


PIPELINE_STAGE = "build"
"""The calckg pipeline figure: the wall time of one cold `pipeline.build` (it also reasons, answers the related
questions and links them, which the naive pipeline does not)."""
BUILD_STAGES = ("build", "rebuild", "rebuild.one-changed")
NAIVE_PIPELINE_STAGES = ("ingest", "graph.naive", "link.naive", "validate.naive",
                         *(f"export.naive.{fmt}" for fmt in EXPORT_FORMATS))  # fmt: skip
"""The naive pipeline: ingest → one whole graph → linking → one pyshacl run → every export, summed."""
