"""Answer quality on question sets, and the full-text engines compared on the same statements.

    python bench/answer_quality.py [--engines] [--json FILE] [--blind DIR ...]

Question sets: every `tests/data/articles/<slug>.expected.json` (the illustrative corpus, written from the
article text by a reader) and `tests/data/answers/seed-questions.json` (the seed article), in one format:
questions with paraphrases, expected quotes, figures and citations, and unanswerable questions. All their articles
are built side by side (with the seed), so every answer must also pick the right article.

- An answer is **right** when it is supported, every expected quote is inside one of its sentences, every figure
  is in its text and every citation number is among its references. A **refusal** is right when an unanswerable
  question is refused (exit 3). Paraphrases are asked too; **consistent** counts the paraphrases whose answer has
  the same sentences as the question's own.
- **Held-out split**: a question (with its paraphrases) is in the development half when the first byte of the
  sha256 of its wording is even, else in the held-out half. Thresholds were set looking at the development half
  only; both halves are reported separately.
- `--blind DIR`: more question sets (`DIR/<slug>.expected.json` beside `DIR/<slug>.txt`), built beside the others
  and reported as their own group, named after the folder (bench/blind/: sets written by readers who never saw
  calckg's answer code).
- `--engines`: SQLite FTS5 (the index calckg ships), tantivy and bm25s each rank all statements of all articles
  for every answerable wording with plain bm25 over statement text, lead-in and headings (each engine's English
  stemmer); hit@1 / hit@3 is an expected quote's statement among the first 1 / 3; index build and query times.
  tantivy and bm25s are not calckg dependencies: `pip install tantivy bm25s PyStemmer` to run this part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(r" \[[0-9, ]+\](?=\.$)")
SETS = sorted((ROOT / "tests" / "data" / "articles").glob("*.expected.json")) + [
    ROOT / "tests" / "data" / "answers" / "seed-questions.json"]


def half(question: str) -> str:
    return "dev" if hashlib.sha256(question.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def load_sets(paths: list[Path] = SETS) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths if path.is_file()]


def blind_sets(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.json"))


def source_files(sets: list[dict], folders: Sequence[Path] = ()) -> list[Path]:  # type: ignore[type-arg]
    """The seed, and each set's article from tests/data/articles or one of the folders."""
    found = [ROOT / "data" / "sources" / "what-are-microcalcifications-in-the-breast.txt"]
    for folder in [ROOT / "tests" / "data" / "articles", *folders]:
        found += [folder / s["article"] for s in sets if (folder / s["article"]).is_file()]
    return list(dict.fromkeys(found))


def right(found: dict, item: dict) -> bool:  # type: ignore[type-arg]
    texts = [CITED.sub("", " ".join(s["text"].split())) for s in found["sentences"]]  # the statement as written
    numbers = {r["number"] for r in found["references"]}
    return (found["supported"]
            and all(any(" ".join(q.split()) in t for t in texts) for q in item["expected_quotes"])
            and all(f in found["answer"] for f in item.get("figures", []))
            and set(item.get("citations", [])) <= numbers)


def evaluate(ask: Callable[[str], dict], sets: list[dict], group: str | None = None) -> dict:  # type: ignore[type-arg]
    """Per article and half (or `group`, for every question of blind sets): answered right / asked, refused right /
    asked, paraphrases consistent / asked, answers that quote another article / answers given (to the article's own
    questions: a question about one article must never get another's sentences)."""
    table: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: {"answers": [0, 0], "refusals": [0, 0], "consistent": [0, 0], "foreign": [0, 0]})
    misses: list[str] = []
    for expected in sets:
        article = expected["article"].removesuffix(".txt")
        for item in expected["questions"]:
            cell = table[(article, group or half(item["question"]))]
            first = ask(item["question"])
            for wording in [item["question"], *item.get("paraphrases", [])]:
                found = first if wording == item["question"] else ask(wording)
                ok = right(found, item)
                cell["answers"][0] += ok
                cell["answers"][1] += 1
                if found["supported"]:
                    cell["foreign"][0] += any(f"/{article}/" not in s["statement"] for s in found["sentences"])
                    cell["foreign"][1] += 1
                if not ok:
                    misses.append(f"{article}: {wording} -> {found['reason'] or found['answer'][:120]}")
                if wording != item["question"]:
                    cell["consistent"][0] += found["sentences"] == first["sentences"]
                    cell["consistent"][1] += 1
        for item in expected["unanswerable"]:
            cell = table[(article, group or half(item["question"]))]
            found = ask(item["question"])
            cell["refusals"][0] += not found["supported"]
            cell["refusals"][1] += 1
            if found["supported"]:
                misses.append(f"{article}: {item['question']} -> answered: {found['answer'][:120]}")
    return {"table": {f"{a}|{h}": v for (a, h), v in sorted(table.items())}, "misses": misses}


def build_corpus(out: Path, articles: list[Path]) -> tuple[object, object]:
    from calckg.datasets import working_store
    from calckg.pipeline import BuildOptions, build
    from calckg.text_index import INDEX_FILE, open_index

    sources = out / "sources"
    sources.mkdir()
    for path in articles:
        shutil.copy(path, sources)
    result = build(BuildOptions(sources, out / "build"), lambda message: None)
    return working_store(result.exports), open_index(out / "build" / INDEX_FILE)


def compare_engines(store: object, queries: list[tuple[str, list[str]]]) -> dict[str, dict[str, float]]:
    """hit@1, hit@3, build ms, p50 query ms per engine (plain bm25 over all statements)."""
    from calckg.answer_index import index_input
    from calckg.text_index import build_index

    titles, rows = index_input(store)  # type: ignore[arg-type]
    docs = [" ".join((r.text, r.lead_in, r.heading)) for r in rows]
    results: dict[str, dict[str, float]] = {}

    def score(name: str, build: Callable[[], Callable[[str], list[int]]]) -> None:
        started = time.perf_counter()
        search = build()
        built = (time.perf_counter() - started) * 1000
        hits1 = hits3 = 0
        times = []
        for question, quotes in queries:
            started = time.perf_counter()
            ranked = search(question)[:3]
            times.append((time.perf_counter() - started) * 1000)
            good = [any(" ".join(q.split()) in " ".join(rows[i].text.split()) for q in quotes) for i in ranked]
            hits1 += bool(good[:1] and good[0])
            hits3 += any(good)
        results[name] = {"hit@1": hits1 / len(queries), "hit@3": hits3 / len(queries), "build_ms": round(built, 1),
                         "query_p50_ms": round(statistics.median(times), 2)}

    def fts5() -> Callable[[str], list[int]]:
        from calckg.index_terms import words

        index = build_index(titles, rows)
        position = {r.iri: n for n, r in enumerate(rows)}
        db = index._db  # the benchmark reads the same table calckg queries

        def search(question: str) -> list[int]:
            terms = " OR ".join(f'"{w}"' for w in words(question))
            found = db.execute("SELECT s.iri FROM statement_text JOIN statements s ON s.id = statement_text.rowid "
                               "WHERE statement_text MATCH ? ORDER BY bm25(statement_text, 1.0, 1.0, 1.0, 0.0) "
                               "LIMIT 3", (f"{{text lead_in heading}} : ({terms})",)).fetchall()
            return [position[iri] for (iri,) in found]
        return search

    def tantivy_engine() -> Callable[[str], list[int]]:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
        builder.add_integer_field("n", stored=True)
        schema = builder.build()
        index = tantivy.Index(schema)
        writer = index.writer()
        for n, doc in enumerate(docs):
            writer.add_document(tantivy.Document(body=doc, n=n))
        writer.commit()
        index.reload()
        searcher = index.searcher()

        def search(question: str) -> list[int]:
            from calckg.index_terms import words

            query = index.parse_query(" ".join(words(question)), ["body"])
            return [searcher.doc(address)["n"][0] for _, address in searcher.search(query, 3).hits]
        return search

    def bm25s_engine() -> Callable[[str], list[int]]:
        import bm25s
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(docs, stopwords="en", stemmer=stemmer, show_progress=False),
                        show_progress=False)

        def search(question: str) -> list[int]:
            tokens = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
            found, _ = retriever.retrieve(tokens, k=3, show_progress=False)
            return [int(n) for n in found[0]]
        return search

    for name, make in (("sqlite-fts5", fts5), ("tantivy", tantivy_engine), ("bm25s", bm25s_engine)):
        try:
            score(name, make)
        except ImportError as error:
            results[name] = {"unavailable": str(error)}  # type: ignore[dict-item]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", action="store_true", help="also compare FTS5, tantivy and bm25s")
    parser.add_argument("--json", type=Path, help="write all numbers to this file")
    parser.add_argument("--blind", type=Path, action="append", default=[], metavar="DIR",
                        help="also ask the question sets of this folder (its articles are built beside the others)")
    args = parser.parse_args()
    from calckg.answer import answer
    from calckg.answer_queries import QueryRunner

    sets = load_sets()
    blind = {folder.name: load_sets(blind_sets(folder)) for folder in args.blind}
    articles = source_files([*sets, *(s for group in blind.values() for s in group)], args.blind)
    with tempfile.TemporaryDirectory() as temp:
        store, index = build_corpus(Path(temp), articles)
        runner = QueryRunner(store)  # type: ignore[arg-type]

        def ask(question: str) -> dict:  # type: ignore[type-arg]
            return answer(question, runner, index=index).to_dict()  # type: ignore[arg-type]

        report = evaluate(ask, sets)
        for name, group in blind.items():
            found = evaluate(ask, group, name)
            report["table"].update(found["table"])
            report["misses"] += found["misses"]
        if args.engines:
            queries = [(w, item["expected_quotes"]) for s in sets for item in s["questions"]
                       for w in [item["question"], *item.get("paraphrases", [])]]
            report["engines"] = compare_engines(store, queries)
    columns = ("answers", "refusals", "consistent", "foreign")
    print("| article | half | answers right | refusals right | paraphrases consistent | answers quoting another "
          "article |")
    print("| --- | --- | --- | --- | --- | --- |")
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for key, cell in report["table"].items():
        article, part = key.split("|")
        print(f"| {article} | {part} | " + " | ".join(f"{cell[k][0]}/{cell[k][1]}" for k in columns) + " |")
        for k in columns:
            totals[part][k][0] += cell[k][0]
            totals[part][k][1] += cell[k][1]
    for part, cell in sorted(totals.items()):
        print(f"| **all** | {part} | " + " | ".join(f"{cell[k][0]}/{cell[k][1]}" for k in columns) + " |")
    if args.engines:
        print(json.dumps(report["engines"], indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
