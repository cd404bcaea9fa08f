"""Stages of the query tracks: the shipped queries on the embedded Oxigraph store and on the in-memory store."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from typing import Any

from bench.measure import StageSkipped, StageUnavailable
from bench.state import Info, RunState, needed_function, needed_module


# --- queries ----------------------------------------------------------------------------------------------------


def _query_files() -> list[tuple[str, Any]]:
    queries = needed_module("calckg.queries")
    from calckg.resources import queries_dir

    found = [(q.name, q) for q in queries.shipped_queries().values()]
    found += [(f"qc/{p.stem}", queries.parse_query_file(p)) for p in sorted((queries_dir() / "qc").glob("*.rq"))]
    return found


def _example_bindings(query: Any) -> dict[str, Any]:
    """Parameters from the query's `#+ example:` line (`--param k=v`); none if the query has no parameters."""
    import shlex

    from calckg.queries import bind_parameters, parse_param_options

    if not query.params:
        return {}
    for example in query.examples:
        words = shlex.split(example)
        options = tuple(words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param")
        if options:
            return bind_parameters(query, parse_param_options(options))
    raise StageSkipped(f"query {query.name} has parameters but no '#+ example:' line to take values from")


def _with_seed(state: RunState) -> tuple[Any, ...]:
    """The corpus plus the real seed article: the queries' `#+ example:` parameters name the seed article and
    its concepts, so with the seed (and the vocabulary) in the store every parameterised query returns rows."""
    from calckg.resources import sources_dir

    load = needed_function("calckg.pipeline", "load_articles")
    return (*state.need("articles", "ingest"), *load(sources_dir()))


def oxigraph_stream_load(state: RunState) -> Info:
    """Build each article's graph (document + mentions + curated, `calckg.pipeline.article_graph`), load it
    into the embedded Oxigraph store 50 articles per transaction, and drop it: the whole corpus never sits in an
    rdflib Dataset (which does not fit at N=1000). The seed article, the ontology and the vocabulary are loaded
    too (:func:`_with_seed`). Related-question links are not added (the build adds them)."""
    store_module = needed_module("calckg.store.base")
    needed_module("calckg.store.oxigraph")
    article_graph = needed_function("calckg.pipeline", "article_graph")
    from calckg.ids import ArticleIris

    matcher = needed_function("calckg.vocabulary", "default_matcher")()
    store = store_module.open_store(f"oxigraph:{state.work / 'oxigraph'}")
    batch: dict[str, Any] = {}
    for article in _with_seed(state):
        batch[str(ArticleIris(article, state.base_iri).root)] = article_graph(article, state.base_iri, matcher)
        if len(batch) == 50:
            store.replace_graphs(batch)
            batch = {}
    if batch:
        store.replace_graphs(batch)
    store.replace_graphs(needed_function("calckg.reference_graphs", "reference_graphs")())
    state.values["store"] = store
    return {"graphs": len(store.graph_names())}


def memory_dataset(state: RunState) -> Info:
    """Every article's graph (document + mentions + curated; the seed article too) and the ontology and vocabulary
    in one rdflib Dataset (`calckg.datasets.document_dataset`)."""
    document_dataset = needed_function("calckg.datasets", "document_dataset")
    matcher = needed_function("calckg.vocabulary", "default_matcher")()
    dataset = document_dataset(_with_seed(state), state.base_iri, matcher)
    needed_function("calckg.datasets", "add_reference_graphs")(dataset)
    state.values["dataset"] = dataset
    return {"graphs": sum(1 for g in dataset.graphs() if len(g))}


def memory_store_load(state: RunState) -> Info:
    store = needed_module("calckg.store.base").open_store(dataset=state.need("dataset", "dataset.memory"))
    state.values["store"] = store
    return {"graphs": len(store.graph_names())}


def _form(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def run_queries(state: RunState, results: dict[str, dict[str, Any]] | None = None,
                on_result: Callable[[], None] = lambda: None) -> dict[str, dict[str, Any]]:
    """p50/p95 of every query: one warm-up, then repeats until 20 runs or the per-query budget is spent (a budget
    of 0 runs each query once: the tests check rows, not times).

    `results` is filled as queries finish and `on_result` called after each, so a killed process keeps them.
    """
    store = state.need("store", "store.load")
    results = {} if results is None else results
    for name, query in _query_files():
        try:
            bindings = _example_bindings(query)
            form = _form(query.text)
            run = store.ask if form == "ASK" else store.select
            call = functools.partial(run, query.text, bindings)
            started = time.perf_counter()
            first = call()
            first_s = time.perf_counter() - started
            times: list[float] = []
            budget_end = time.perf_counter() + state.query_budget_s
            min_runs = 3 if state.query_budget_s >= 1 else int(state.query_budget_s > 0)  # budget 0: first run only
            while len(times) < 20 and (time.perf_counter() < budget_end or len(times) < min_runs) and first_s < 5:
                started = time.perf_counter()
                call()
                times.append(time.perf_counter() - started)
            samples = sorted(times or [first_s])
            results[name] = {
                "status": "ok",
                "rows": len(first.rows) if hasattr(first, "rows") else int(bool(first)),
                "runs": len(samples),
                "first_ms": round(first_s * 1000, 3),
                "p50_ms": round(1000 * samples[len(samples) // 2], 3),
                "p95_ms": round(1000 * samples[min(len(samples) - 1, int(0.95 * len(samples)))], 3),
            }
        except (StageSkipped, StageUnavailable) as reason:
            results[name] = {"status": "skipped", "note": str(reason)}
        except Exception as error:  # noqa: BLE001 - a failing query is a result, not a crash
            results[name] = {"status": "error", "note": f"{type(error).__name__}: {str(error)[:200]}"}
        on_result()
    return results
