"""The benchmark's stages: each a named callable on a shared `RunState`, adapting to what exists in the checkout.

Other engineers add modules while this runs, so every stage imports what it needs when it runs and raises
`StageUnavailable` (reported as "not available yet", never skipped silently) when a module or function is
missing. A stage returns a small dict of facts (counts, bytes) that end up in the JSON next to its timing.

Tracks (each runs in its own process per corpus size, so RSS is clean):
- calckg: the pipeline as the checkout implements it (rdflib Dataset, per-article pyshacl, rdflib serialisers).
- naive: the baseline — one whole rdflib Graph, rdflib's serialisers as they come, one pyshacl run on everything.
- fast: candidate fast paths owned by this package (`calckg.bench.fast`), for the integrator to adopt.
- queries-oxigraph / queries-memory: the shipped queries on the embedded Oxigraph store and the in-memory store.
"""

from __future__ import annotations

import functools

import importlib
import importlib.util
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calckg.bench.measure import StageSkipped, StageUnavailable

Info = dict[str, Any] | None


@dataclass
class RunState:
    corpus: Path
    base_iri: str = "https://w3id.org/calckg/id/"
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="calckg-bench-")))
    reason_timeout_s: float = 120.0
    query_budget_s: float = 2.0
    values: dict[str, Any] = field(default_factory=dict)

    def need(self, key: str, stage: str) -> Any:
        if key not in self.values:
            raise StageSkipped(f"needs the result of stage {stage!r}, which did not complete")
        return self.values[key]

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


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


# --- calckg pipeline --------------------------------------------------------------------------------------------


def ingest(state: RunState) -> Info:
    from calckg.pipeline import load_articles

    articles = load_articles(state.corpus)
    state.values["articles"] = articles
    return {"articles": len(articles), "statements": sum(len(a.statements) for a in articles)}


def counts(dataset: Any) -> dict[str, int]:
    """Triples and instances of the classes the corpus manifest predicts (own keys: the pipeline's may change)."""
    from collections import Counter

    from rdflib.namespace import RDF

    from calckg.namespaces import CK

    types: Counter[Any] = Counter()
    triples = 0
    for context in dataset.graphs():
        # One pass over the graph's own triples: (None, rdf:type, None) on a context of a Dataset walks the
        # rdf:type triples of every graph (this count alone took 200 s of the graph stage at N=1000).
        for _, p, o in context:
            triples += 1
            if p == RDF.type:
                types[o] += 1
    return {"triples": triples, "articles": types[CK.Article], "statements": types[CK.Statement],
            "references": types[CK.Reference], "unresolved_citations": types[CK.UnresolvedCitation]}  # fmt: skip


def graph(state: RunState) -> Info:
    from calckg.pipeline import document_dataset

    dataset = document_dataset(state.need("articles", "ingest"), state.base_iri)
    state.values["dataset"] = dataset
    return counts(dataset)


def link(state: RunState) -> Info:
    """Concept linking as docs/document-graph.md specifies it: `S schema:mentions concept` per statement."""
    matcher = _function("calckg.vocabulary", "default_matcher")()
    from rdflib import URIRef
    from rdflib.namespace import SDO

    from calckg.ids import ArticleIris

    dataset = state.need("dataset", "graph")
    mentions = 0
    for article in state.need("articles", "ingest"):
        iris = ArticleIris(article, state.base_iri)
        target = dataset.graph(URIRef(iris.root))
        for section, statement in article.statements:
            node = iris.statement(section, statement)
            for concept in sorted(matcher.concepts(statement.text)):
                target.add((node, SDO.mentions, concept))
                mentions += 1
    return {"mentions": mentions, "labels": len(matcher)}


def _ontology() -> Any:
    return _function("calckg.validate", "load_ontology")()


def reason_data(state: RunState) -> Info:
    """HermiT over ontology + vocabulary + every article (what `reason(graph)` does on a built dataset)."""
    run = _function("calckg.reason", "reason")
    from rdflib import Graph

    union = Graph()
    union += _ontology()
    for context in state.need("dataset", "graph").graphs():
        union += context
    result = run(union, timeout_s=state.reason_timeout_s)
    return {"consistent": result.consistent, "inferred": len(result.inferred), "input_triples": len(union)}


def reason_tbox(state: RunState) -> Info:
    """HermiT over ontology + vocabulary only: the part that does not change per article (run once, cache)."""
    run = _function("calckg.reason", "reason")
    ontology = _ontology()
    result = run(ontology, timeout_s=state.reason_timeout_s)
    return {"consistent": result.consistent, "inferred": len(result.inferred), "input_triples": len(ontology)}


def validate(state: RunState) -> Info:
    run = _function("calckg.validate", "validate_dataset")
    report = run(state.need("dataset", "graph"))
    results = getattr(report, "results", ())
    return {"conforms": getattr(report, "conforms", None), "results": len(results)}


def export(fmt: str) -> Callable[[RunState], Info]:
    def stage(state: RunState) -> Info:
        from calckg.export import FORMATS

        if fmt not in FORMATS:
            raise StageUnavailable(f"not available yet: export format {fmt!r} is not in calckg.export.FORMATS")
        data = FORMATS[fmt][1](state.need("dataset", "graph"))
        return {"bytes": len(data)}

    stage.__name__ = f"export_{fmt}"
    return stage


def answers(state: RunState) -> Info:
    """Answers for every related question of the corpus (what build/answers.json holds)."""
    answer = _function("calckg.answer", "answer", "answer_question")
    questions = sorted({q.text for a in state.need("articles", "ingest") for q in a.related_questions})[:50]
    dataset = state.need("dataset", "graph")
    supported = 0
    for question in questions:
        result = answer(question, dataset)
        supported += bool(getattr(result, "supported", False))
    return {"questions": len(questions), "supported": supported}


def related(state: RunState) -> Info:
    """Related-question ranking: all questions once (build/related.json), then p50 for a single question."""
    rank = _function("calckg.related", "related", "rank_related", "related_questions")
    dataset = state.need("dataset", "graph")
    questions = sorted({q.text for a in state.need("articles", "ingest") for q in a.related_questions})
    times = []
    for question in questions[:20]:
        started = time.perf_counter()
        rank(question, dataset)
        times.append(time.perf_counter() - started)
    return {"questions": len(questions[:20]), "one_question_p50_ms": round(1000 * statistics.median(times), 3)}


# --- naive baseline ---------------------------------------------------------------------------------------------


def naive_graph(state: RunState) -> Info:
    """Every article's document graph merged into one rdflib Graph (no named graphs)."""
    from calckg.graph import document_graph
    from calckg.namespaces import bind_prefixes
    from rdflib import Graph

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
    """One pyshacl run over the whole graph + ontology with every shape, no scoping."""
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


def oxigraph_stream_load(state: RunState) -> Info:
    """Build each article's graph (document + mentions), load it into the embedded Oxigraph store 50 articles per
    transaction, and drop it: the whole corpus never sits in an rdflib Dataset (which does not fit at N=1000)."""
    store_module = _module("calckg.store.base")
    _module("calckg.store.oxigraph")
    from rdflib.namespace import SDO

    from calckg.graph import document_graph
    from calckg.ids import ArticleIris

    matcher = _function("calckg.vocabulary", "default_matcher")()
    store = store_module.open_store(f"oxigraph:{state.work / 'oxigraph'}")
    batch: dict[str, Any] = {}
    for article in state.need("articles", "ingest"):
        data = document_graph(article, state.base_iri)
        iris = ArticleIris(article, state.base_iri)
        for section, statement in article.statements:
            for concept in matcher.concepts(statement.text):
                data.add((iris.statement(section, statement), SDO.mentions, concept))
        batch[str(iris.root)] = data
        if len(batch) == 50:
            store.replace_graphs(batch)
            batch = {}
    if batch:
        store.replace_graphs(batch)
    state.values["store"] = store
    return {"graphs": len(store.graph_names())}


def memory_store_load(state: RunState) -> Info:
    store = _module("calckg.store.base").open_store(dataset=state.need("dataset", "graph"))
    state.values["store"] = store
    return {"graphs": len(store.graph_names())}


def _form(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def run_queries(state: RunState, results: dict[str, dict[str, Any]] | None = None,
                on_result: Callable[[], None] = lambda: None) -> dict[str, dict[str, Any]]:
    """p50/p95 of every query: one warm-up, then repeats until 20 runs or the per-query budget is spent.

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
            min_runs = 3 if state.query_budget_s >= 1 else 1
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
Stage = tuple[str, Callable[[RunState], Info]]

CALCKG_STAGES: tuple[Stage, ...] = (
    ("ingest", ingest),
    ("graph", graph),
    ("link", link),
    ("reason.tbox", reason_tbox),
    ("reason.data", reason_data),
    ("validate", validate),
    *((f"export.{fmt}", export(fmt)) for fmt in EXPORT_FORMATS),
    ("answers", answers),
    ("related", related),
)
NAIVE_STAGES: tuple[Stage, ...] = (
    ("ingest", ingest),
    ("graph.naive", naive_graph),
    ("link.naive", naive_link),
    ("validate.naive", naive_validate),
    *((f"export.naive.{fmt}", naive_export(fmt)) for fmt in EXPORT_FORMATS),
)


def query_stages(backend: str) -> tuple[Stage, ...]:
    if backend == "oxigraph":
        return (("ingest", ingest), ("store.load.oxigraph", oxigraph_stream_load))
    return (("ingest", ingest), ("graph", graph), ("link", link), ("store.load.memory", memory_store_load))


PIPELINE_STAGES = ("ingest", "graph", "link", "validate", *(f"export.{fmt}" for fmt in EXPORT_FORMATS))
"""The stages of the target "ingest → validate → all exports" (reasoning is reported apart: it is not per build
input yet, and the recommendation is to run it once on ontology + vocabulary)."""
NAIVE_PIPELINE_STAGES = ("ingest", "graph.naive", "link.naive", "validate.naive", *(f"export.naive.{fmt}" for fmt in EXPORT_FORMATS))


# --- fast paths (calckg.bench.fast) -----------------------------------------------------------------------------


def fast_graph(state: RunState) -> Info:
    """Per-article rdflib graphs (no Dataset bookkeeping), linked, converted to pyoxigraph quads at once."""
    from rdflib.namespace import SDO

    from calckg.bench.fast import QuadConverter
    from calckg.graph import document_graph
    from calckg.ids import ArticleIris

    matcher = _function("calckg.vocabulary", "default_matcher")()
    converter, quads = QuadConverter(), []
    for article in state.need("articles", "ingest"):
        data = document_graph(article, state.base_iri)
        iris = ArticleIris(article, state.base_iri)
        for section, statement in article.statements:
            node = iris.statement(section, statement)
            for concept in matcher.concepts(statement.text):
                data.add((node, SDO.mentions, concept))
        quads.extend(converter.quads(data, str(iris.root)))
    state.values["quads"] = quads
    return {"quads": len(quads)}


def fast_validate(state: RunState) -> Info:
    _function("calckg.validate", "scoped_shapes")
    from calckg.bench.fast import validate_parallel

    return validate_parallel(state.corpus, state.base_iri)


def fast_export(fmt: str) -> Callable[[RunState], Info]:
    def stage(state: RunState) -> Info:
        from calckg.bench.fast import FAST_FORMATS

        return {"bytes": len(FAST_FORMATS[fmt](state.need("quads", "graph.fast")))}

    stage.__name__ = f"fast_export_{fmt}"
    return stage


def fast_store_load(state: RunState) -> Info:
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(state.need("quads", "graph.fast"))
    return {"quads": len(store)}


FAST_STAGES: tuple[Stage, ...] = (
    ("ingest", ingest),
    ("graph.fast", fast_graph),
    ("validate.parallel", fast_validate),
    *((f"export.fast.{fmt}", fast_export(fmt)) for fmt in ("turtle", "nt", "trig", "nquads")),
    ("store.load.fast", fast_store_load),
)
FAST_PIPELINE_STAGES = ("ingest", "graph.fast", "validate.parallel", "export.fast.turtle", "export.fast.nt",
                        "export.fast.trig")  # fmt: skip
"""JSON-LD has no fast path yet (pyoxigraph writes expanded JSON-LD, not the contract's compacted, nested form)."""
