"""Stages of the calckg track (the real pipeline: cold build, rebuilds from the cache, one related ranking and
one answer) and the ingest stage every track starts with."""

from __future__ import annotations

import functools
import gc
import re
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import StageSkipped, StageUnavailable
from bench.state import Info, RunState, needed_function, needed_module, percentiles, spread, timed


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
    pipeline = needed_module("calckg.pipeline")
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
        store = needed_function("calckg.datasets", "working_store")
        state.values["working_store"] = store(state.need("result", "build").exports)
    return state.values["working_store"]


def _questions(state: RunState) -> list[str]:
    articles = state.need("result", "build").articles
    return spread(sorted({q.text for a in articles for q in a.related_questions}), 20)


def related_one(state: RunState) -> Info:
    """Related questions, one at a time, on the built graph in an in-memory Oxigraph store: `RelatedIndex.rank`
    of up to 20 of the corpus's related questions (the index built once, timed apart), and `rank_article` of up to
    20 articles. One untimed warm-up call each (it loads the vocabulary's matcher and concept space)."""
    related = needed_module("calckg.related")
    if not hasattr(related, "RelatedIndex"):
        raise StageUnavailable("not available yet: calckg.related has no RelatedIndex")
    rank_article = needed_function("calckg.related", "rank_article")
    article_iri = needed_function("calckg.datasets", "article_graph_iri")
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
    iris = spread([article_iri(a, state.base_iri) for a in result.articles], 20)
    first = timed(lambda: index.rank(questions[0]))
    times = [timed(functools.partial(index.rank, q)) for q in questions]
    first_article = timed(lambda: rank_article(store, iris[0]))
    article_times = [timed(functools.partial(rank_article, store, i)) for i in iris]
    return {"store_load_s": round(store_s, 4), "index_build_ms": round(1000 * index_s, 3),
            "questions": len(questions), "first_ms": round(1000 * first, 3), **percentiles(times, "rank"),
            "articles": len(iris), "article_first_ms": round(1000 * first_article, 3),
            **percentiles(article_times, "rank_article")}  # fmt: skip


def answers_one(state: RunState) -> Info:
    """`calckg.answer.answer` of up to 20 of the corpus's related questions, one at a time, on the same store; then
    of up to 20 section questions (headings in the template answers.json asks, `section_*`), through one
    `QueryRunner`, whose full-text index is built first and timed apart."""
    answer = needed_function("calckg.answer", "answer")
    store = needed_module("calckg.answer_queries").QueryRunner(_working_store(state))
    questions = _questions(state)
    if not questions:
        raise StageSkipped("the corpus has no related questions")
    template = getattr(needed_module("calckg.question_kinds").kind_table(), "section_question", "{heading}")
    headings = sorted({s.heading for a in state.need("result", "build").articles for s in a.sections})
    index_s = timed(store.text_index)
    first = timed(lambda: answer(questions[0], store))
    info: dict[str, Any] = {"index_build_ms": round(1000 * index_s, 3), "first_ms": round(1000 * first, 3)}
    for prefix, asked in (("", questions), ("section_", [template.format(heading=h) for h in spread(headings, 20)])):
        times, supported = [], 0
        for question in asked:
            started = time.perf_counter()
            result = answer(question, store)
            times.append(time.perf_counter() - started)
            supported += bool(getattr(result, "supported", False))
        if times:
            info.update({f"{prefix}questions": len(asked), f"{prefix}supported": supported,
                         **percentiles(times, f"{prefix}answer")})
    return info


def link_throughput(state: RunState) -> Info:
    """The concept matcher over every statement of the corpus, best of 3 passes (was a timed unit test: ≥ 20k
    statements/s is now a benchmark target, never a test assertion)."""
    matcher = needed_function("calckg.vocabulary", "default_matcher")()
    texts = [s.text for a in state.need("articles", "ingest") for _, s in a.statements]
    best = min(timed(lambda: [matcher.match(text) for text in texts]) for _ in range(3))
    return {"statements": len(texts), "statements_per_s": round(len(texts) / best) if best else None}
