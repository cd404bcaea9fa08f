"""The benchmark's stages: each a named callable on a shared `RunState`, adapting to what exists in the checkout.

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
"""

from __future__ import annotations

import functools
import gc
import importlib
import importlib.util
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from calckg.bench.measure import StageSkipped, StageUnavailable

Info = dict[str, Any] | None
T = TypeVar("T")


@dataclass
class RunState:
    corpus: Path
    base_iri: str = "https://w3id.org/calckg/id/"
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="calckg-bench-")))
    query_budget_s: float = 2.0
    values: dict[str, Any] = field(default_factory=dict)

    def need(self, key: str, stage: str) -> Any:
        if key not in self.values:
            raise StageSkipped(f"needs the result of stage {stage!r}, which did not complete")
        return self.values[key]

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


class Stage(NamedTuple):
    name: str
    run: Callable[[RunState], Info]
    prepare: Callable[[RunState], None] | None = None
    """Untimed set-up run just before the stage (its errors are reported as the stage's)."""


def _module(name: str) -> Any:
    if importlib.util.find_spec(name) is None:
        raise StageUnavailable(f"not available yet: module {name} does not exist")
    return importlib.import_module(name)


def _function(module: str, *names: str) -> Callable[..., Any]:
    found = _module(module)
    for name in names:
        if callable(getattr(found, name, None)):
            return getattr(found, name)  # type: ignore[no-any-return]
    raise StageUnavailable(f"not available yet: {module} has none of {', '.join(names)}")


def _spread(items: Sequence[T], count: int) -> list[T]:
    """Up to `count` items spread evenly over the sequence (all of them when there are fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def _percentiles(times: list[float], prefix: str) -> dict[str, float]:
    samples = sorted(times)
    return {f"{prefix}_p50_ms": round(1000 * statistics.median(samples), 3),
            f"{prefix}_p95_ms": round(1000 * samples[min(len(samples) - 1, int(0.95 * len(samples)))], 3)}  # fmt: skip


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# --- ingest (every track) -----------------------------------------------------------------------------------------


def ingest(state: RunState) -> Info:
    """The parsed corpus, counted the way the corpus manifest counts it."""
    from calckg.pipeline import load_articles

    articles = load_articles(state.corpus)
    state.values["articles"] = articles
    statements = [s for a in articles for _, s in a.statements]
    unresolved = 0
    for article in articles:
        missing = set(article.unresolved_citations)
        unresolved += sum(1 for _, s in article.statements for number in s.citations if number in missing)
    return {
        "articles": len(articles),
        "statements": len(statements),
        "statistics": sum(len(s.statistics) for s in statements),
        # a comparison ("55% vs. 47%") is one statistic with two operands: three ck:Statistic nodes in the graph
        "statistic_nodes": sum(len(x.statistics) + sum(len(y.operands) for y in x.statistics) for x in statements),
        "references": sum(len(a.references) for a in articles),
        "unresolved_citations": unresolved,
        "related_questions": sum(len(a.related_questions) for a in articles),
    }


# --- calckg: the real pipeline --------------------------------------------------------------------------------------

_SECONDS = re.compile(r"\((\d+(?:\.\d+)?) s\)\s*$")
_FROM_CACHE = re.compile(r"\((\d+) of (\d+) unchanged, from cache\)")


def parse_progress(messages: Sequence[str]) -> dict[str, Any]:
    """Per-stage seconds from `build`'s progress messages ("validate: … (1.64 s)": the stage is the text before
    the first ':', the seconds are in the trailing parentheses; exports are `export.<format>`), and the
    "(K of N unchanged, from cache)" of the articles stage."""
    seconds: dict[str, float] = {}
    parsed: dict[str, Any] = {"seconds": seconds}
    for message in messages:
        name, _, rest = message.partition(":")
        name = name.strip()
        if name == "export" and rest.split():
            name = f"export.{rest.split()[0]}"
        found = _SECONDS.search(message)
        if found:
            seconds[name] = round(seconds.get(name, 0.0) + float(found.group(1)), 4)
        cached = _FROM_CACHE.search(message)
        if cached:
            unchanged, total = int(cached.group(1)), int(cached.group(2))
            parsed.update(unchanged=unchanged, rebuilt=total - unchanged)
    return parsed


def _forget_result(state: RunState) -> None:
    """Drop the previous build's result (and the store made from it) so two builds are never held at once."""
    state.values.pop("result", None)
    state.values.pop("working_store", None)
    gc.collect()


def _build(state: RunState, sources: Path, out: Path) -> dict[str, Any]:
    pipeline = _module("calckg.pipeline")
    for name in ("build", "BuildOptions"):
        if not hasattr(pipeline, name):
            raise StageUnavailable(f"not available yet: calckg.pipeline has no {name}")
    messages: list[str] = []
    options = pipeline.BuildOptions(sources=sources, out=out, base_iri=state.base_iri, reason=True)
    result = pipeline.build(options, messages.append)
    state.values["result"] = result
    return {**parse_progress(messages), "counts": dict(result.counts), "files": len(result.files),
            "progress": messages}  # fmt: skip


def _build_out(state: RunState) -> Path:
    return state.work / "build"


def prepare_cold(state: RunState) -> None:
    _forget_result(state)
    shutil.rmtree(_build_out(state), ignore_errors=True)


def build(state: RunState) -> Info:
    """`pipeline.build` into a fresh folder: nothing cached, every article built in the worker processes."""
    info = _build(state, state.corpus, _build_out(state))
    state.values["build_out"] = _build_out(state)
    return info


def prepare_rebuild(state: RunState) -> None:
    state.need("build_out", "build")
    _forget_result(state)


def rebuild(state: RunState) -> Info:
    """`pipeline.build` again into the same folder, nothing changed: every article from the cache."""
    return _build(state, state.corpus, state.need("build_out", "build"))


REPLACEMENTS = (("critical", "crucial"), ("important", "essential"), ("primary", "principal"),
                ("particularly", "especially"))  # fmt: skip
"""Ordinary words of the seed's statements and a synonym; neither is (part of) a label of the vocabulary."""


def change_one_article(folder: Path, start: int | None = None) -> dict[str, Any]:
    """Replace one ordinary word on one statement line of one article in `folder` (the middle one, else the next
    that has such a word), so that the article still parses into the same statements, statistics and concept
    mentions. Returns what was changed."""
    from calckg.ingest import parse_article
    from calckg.ingest.reader import read_source
    from calckg.vocabulary import default_matcher

    matcher = default_matcher()
    paths = sorted(folder.glob("*.txt"))
    start = len(paths) // 2 if start is None else start
    for path in paths[start:] + paths[:start]:
        source = read_source(path)
        article = parse_article(source.path, source.text)
        lines = source.text.split("\n")
        for _, statement in article.statements:
            line = lines[statement.line - 1]
            for old, new in REPLACEMENTS:
                found = re.search(rf"\b{old}\b", line)
                if found is None or not re.search(rf"\b{old}\b", statement.text):
                    continue
                lines[statement.line - 1] = line[: found.start()] + new + line[found.end() :]
                text = "\n".join(lines)
                changed = parse_article(source.path, text)
                before = [(s.kind, len(s.statistics), sorted(matcher.concepts(s.text))) for _, s in article.statements]
                after = [(s.kind, len(s.statistics), sorted(matcher.concepts(s.text))) for _, s in changed.statements]
                if before == after and changed.title == article.title:
                    path.write_bytes(text.encode("utf-8"))
                    return {"file": path.name, "line": statement.line, "old": old, "new": new}
                lines[statement.line - 1] = line
    raise RuntimeError(f"no article in {folder} has a statement with any of {[old for old, _ in REPLACEMENTS]}")


def prepare_one_changed(state: RunState) -> None:
    state.need("build_out", "build")
    _forget_result(state)
    changed = state.work / "corpus-one-changed"
    shutil.rmtree(changed, ignore_errors=True)
    shutil.copytree(state.corpus, changed)
    state.values["one_changed"] = (changed, change_one_article(changed))


def rebuild_one_changed(state: RunState) -> Info:
    """`pipeline.build` of the corpus with one article changed, into the same folder as `rebuild`: every other
    article from the cache."""
    sources, change = state.need("one_changed", "rebuild.one-changed set-up")
    return {**_build(state, sources, state.need("build_out", "build")), "changed": change}


def _working_store(state: RunState) -> Any:
    if "working_store" not in state.values:
        store = _function("calckg.pipeline", "working_store")
        state.values["working_store"] = store(state.need("result", "build").exports)
    return state.values["working_store"]


def _questions(state: RunState) -> list[str]:
    articles = state.need("result", "build").articles
    return _spread(sorted({q.text for a in articles for q in a.related_questions}), 20)


def related_one(state: RunState) -> Info:
    """Related questions, one at a time, on the built graph in an in-memory Oxigraph store: `RelatedIndex.rank`
    of up to 20 of the corpus's related questions (the index built once, timed apart), and `rank_article` of up to
    20 articles. One untimed warm-up call each (it loads the vocabulary's matcher and concept space)."""
    related = _module("calckg.related")
    if not hasattr(related, "RelatedIndex"):
        raise StageUnavailable("not available yet: calckg.related has no RelatedIndex")
    rank_article = _function("calckg.related", "rank_article")
    article_iri = _function("calckg.pipeline", "article_graph_iri")
    result = state.need("result", "build")
    started = time.perf_counter()
    store = _working_store(state)
    store_s = time.perf_counter() - started
    started = time.perf_counter()
    index = related.RelatedIndex.from_store(store)
    index_s = time.perf_counter() - started
    questions = _questions(state)
    if not questions:
        raise StageSkipped("the corpus has no related questions")
    iris = _spread([article_iri(a, state.base_iri) for a in result.articles], 20)
    first = _timed(lambda: index.rank(questions[0]))
    times = [_timed(functools.partial(index.rank, q)) for q in questions]
    first_article = _timed(lambda: rank_article(store, iris[0]))
    article_times = [_timed(functools.partial(rank_article, store, i)) for i in iris]
    return {"store_load_s": round(store_s, 4), "index_build_ms": round(1000 * index_s, 3),
            "questions": len(questions), "first_ms": round(1000 * first, 3), **_percentiles(times, "rank"),
            "articles": len(iris), "article_first_ms": round(1000 * first_article, 3),
            **_percentiles(article_times, "rank_article")}  # fmt: skip


def answers_one(state: RunState) -> Info:
    """`calckg.answer.answer` of up to 20 of the corpus's related questions, one at a time, on the same store."""
    answer = _function("calckg.answer", "answer")
    store = _working_store(state)
    questions = _questions(state)
    if not questions:
        raise StageSkipped("the corpus has no related questions")
    first = _timed(lambda: answer(questions[0], store))
    times, supported = [], 0
    for question in questions:
        started = time.perf_counter()
        result = answer(question, store)
        times.append(time.perf_counter() - started)
        supported += bool(getattr(result, "supported", False))
    return {"questions": len(questions), "supported": supported, "first_ms": round(1000 * first, 3),
            **_percentiles(times, "answer")}  # fmt: skip


def link_throughput(state: RunState) -> Info:
    """The concept matcher over every statement of the corpus, best of 3 passes (was a timed unit test: ≥ 20k
    statements/s is now a benchmark target, never a test assertion)."""
    matcher = _function("calckg.vocabulary", "default_matcher")()
    texts = [s.text for a in state.need("articles", "ingest") for _, s in a.statements]
    best = min(_timed(lambda: [matcher.match(text) for text in texts]) for _ in range(3))
    return {"statements": len(texts), "statements_per_s": round(len(texts) / best) if best else None}


# --- naive baseline ---------------------------------------------------------------------------------------------


def _ontology() -> Any:
    return _function("calckg.validate", "load_ontology")()


def naive_graph(state: RunState) -> Info:
    """Every article's document graph merged into one rdflib Graph (no named graphs)."""
    from rdflib import Graph

    from calckg.graph import document_graph
    from calckg.namespaces import bind_prefixes

    whole = bind_prefixes(Graph())
    for article in state.need("articles", "ingest"):
        whole += document_graph(article, state.base_iri)
    state.values["graph"] = whole
    return {"triples": len(whole)}


def naive_link(state: RunState) -> Info:
    """The same concept linking, into the whole graph."""
    matcher = _function("calckg.vocabulary", "default_matcher")()
    from rdflib.namespace import SDO

    from calckg.ids import ArticleIris

    whole, mentions = state.need("graph", "graph.naive"), 0
    for article in state.need("articles", "ingest"):
        iris = ArticleIris(article, state.base_iri)
        for section, statement in article.statements:
            for concept in matcher.concepts(statement.text):
                whole.add((iris.statement(section, statement), SDO.mentions, concept))
                mentions += 1
    return {"mentions": mentions}


def naive_validate(state: RunState) -> Info:
    """One pyshacl run over the whole graph + ontology with every shape, no scoping, pySHACL as it comes."""
    import pyshacl

    shapes = _function("calckg.validate", "load_shapes")()
    data = state.need("graph", "graph.naive")
    data_with_ontology = data + _ontology()
    conforms, report, _ = pyshacl.validate(data_with_ontology, shacl_graph=shapes, inference="none",
                                           allow_warnings=True)  # fmt: skip
    return {"conforms": bool(conforms), "report_triples": len(report)}


def naive_export(fmt: str) -> Callable[[RunState], Info]:
    rdflib_format = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]

    def stage(state: RunState) -> Info:
        if fmt != "trig":
            return {"bytes": len(state.need("graph", "graph.naive").serialize(format=rdflib_format, encoding="utf-8"))}
        # TriG needs the named graphs: free the whole graph first, so the two never coexist.
        from rdflib import Dataset

        from calckg.graph import document_graph
        from calckg.ids import ArticleIris

        state.values.pop("graph", None)
        dataset = Dataset()
        for article in state.need("articles", "ingest"):
            dataset.graph(ArticleIris(article, state.base_iri).root).__iadd__(document_graph(article, state.base_iri))
        return {"bytes": len(dataset.serialize(format="trig", encoding="utf-8"))}

    stage.__name__ = f"naive_export_{fmt}"
    return stage


# --- queries ----------------------------------------------------------------------------------------------------


def _query_files() -> list[tuple[str, Any]]:
    queries = _module("calckg.queries")
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

    load = _function("calckg.pipeline", "load_articles")
    return (*state.need("articles", "ingest"), *load(sources_dir()))


def oxigraph_stream_load(state: RunState) -> Info:
    """Build each article's graph (document + mentions + curated, `calckg.article_build.article_graph`), load it
    into the embedded Oxigraph store 50 articles per transaction, and drop it: the whole corpus never sits in an
    rdflib Dataset (which does not fit at N=1000). The seed article, the ontology and the vocabulary are loaded
    too (:func:`_with_seed`). Related-question links are not added (the build adds them)."""
    store_module = _module("calckg.store.base")
    _module("calckg.store.oxigraph")
    article_graph = _function("calckg.article_build", "article_graph")
    from calckg.ids import ArticleIris

    matcher = _function("calckg.vocabulary", "default_matcher")()
    store = store_module.open_store(f"oxigraph:{state.work / 'oxigraph'}")
    batch: dict[str, Any] = {}
    for article in _with_seed(state):
        batch[str(ArticleIris(article, state.base_iri).root)] = article_graph(article, state.base_iri, matcher)
        if len(batch) == 50:
            store.replace_graphs(batch)
            batch = {}
    if batch:
        store.replace_graphs(batch)
    store.replace_graphs(_function("calckg.pipeline", "reference_graphs")())
    state.values["store"] = store
    return {"graphs": len(store.graph_names())}


def memory_dataset(state: RunState) -> Info:
    """Every article's graph (document + mentions + curated; the seed article too) and the ontology and vocabulary
    in one rdflib Dataset (`pipeline.document_dataset`)."""
    document_dataset = _function("calckg.pipeline", "document_dataset")
    matcher = _function("calckg.vocabulary", "default_matcher")()
    dataset = document_dataset(_with_seed(state), state.base_iri, matcher)
    _function("calckg.pipeline", "add_reference_graphs")(dataset)
    state.values["dataset"] = dataset
    return {"graphs": sum(1 for g in dataset.graphs() if len(g))}


def memory_store_load(state: RunState) -> Info:
    store = _module("calckg.store.base").open_store(dataset=state.need("dataset", "dataset.memory"))
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
