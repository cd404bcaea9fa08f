"""Markdown rendering of the benchmark JSON (the same text is printed and written to <name>.md)."""

from __future__ import annotations

from typing import Any

from bench.stages import BUILD_STAGES, PIPELINE_STAGE

TRACK_TITLES = {
    "calckg": "the real pipeline (`calckg.pipeline.build`: articles in 2 worker processes, cached per article; "
    "cross-article validation + HermiT; answers; exports), then one related-questions ranking and one answer at a time",
    "naive": "naive baseline (one whole rdflib Graph, rdflib serialisers, one whole-graph pyshacl run)",
    "queries-oxigraph": "queries track, embedded Oxigraph store (set-up stages)",
    "queries-memory": "queries track, in-memory rdflib store (set-up stages)",
    "engines": "SHACL engines on the built graph (pyshacl-turbo, pySHACL, Jena) and `calckg query/answer/stats` as "
    "whole processes on the built store (`info`: results found, process seconds)",
}
EXTRAPOLATED = "(naive extrapolated)"


def _num(value: Any, digits: int = 2, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def _cell(stage: dict[str, Any] | None) -> str:
    if not stage:
        return "—"
    if stage.get("status") != "ok":
        note = stage.get("note", "")
        predicted = f"predicted {stage['predicted_s']:.1f} s; " if stage.get("predicted_s") is not None else ""
        return f"{stage.get('status')}" + (f" ({predicted}{note[:70]})" if note and stage.get("status") != "unavailable" else "")
    cell = f"{stage['wall_s']:.3f} s / {stage.get('rss_peak_mib', 0):.0f} MiB"
    if stage["stage"] in BUILD_STAGES and stage.get("children_maxrss_mib"):
        cell += f" (child {stage['children_maxrss_mib']:.0f})"
    return cell


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _stage(data: dict[str, Any], n: str, track: str, name: str) -> dict[str, Any]:
    return next((s for s in data["runs"][n].get(track, {}).get("stages", []) if s["stage"] == name), {})


def _info(data: dict[str, Any], n: str, track: str, name: str) -> dict[str, Any]:
    stage = _stage(data, n, track, name)
    return (stage.get("info") or {}) if stage.get("status") == "ok" else {}


def _ratio(ratio: dict[str, Any] | None) -> str:
    if not ratio or ratio.get("value") is None:
        return "—"
    text = ("≥ " if ratio.get("naive_lower_bound") and ratio["value"] is not None else "") + _num(ratio["value"], 2, "x")
    return text + (f" {EXTRAPOLATED}" if ratio.get("naive_extrapolated") else "")


def _build_section(data: dict[str, Any], sizes: list[str]) -> list[str]:
    """Seconds of each stage `build` reports, cold / rebuild / one article changed."""
    parts: list[str] = []
    for n in sizes:
        for name in BUILD_STAGES:
            for part in _info(data, n, "calckg", name).get("seconds", {}):
                if part not in parts:
                    parts.append(part)
    if not parts:
        return []
    out = ["", "## calckg build, stage by stage (seconds: cold / rebuild unchanged / rebuild one article changed)", ""]
    rows = []
    for part in parts:
        row = [part]
        for n in sizes:
            row.append(" / ".join(_num(_info(data, n, "calckg", name).get("seconds", {}).get(part)) for name in BUILD_STAGES))
        rows.append(row)
    row = ["articles rebuilt"]
    for n in sizes:
        row.append(" / ".join(_num(_info(data, n, "calckg", name).get("rebuilt")) for name in BUILD_STAGES))
    rows.append(row)
    out += _table(["stage", *(f"N={n}" for n in sizes)], rows)
    out += ["", "Each figure is what `build` reports in its progress messages. HermiT runs in a thread while the "
            "cross-article shapes run, so `reason` is only the wait after `validate`. `answers` includes loading every "
            "graph into an in-memory Oxigraph store. Related questions are linked inside `articles`."]  # fmt: skip
    return out


def _related_section(data: dict[str, Any], sizes: list[str]) -> list[str]:
    rows = []
    for n in sizes:
        related, answers = _info(data, n, "calckg", "related.one"), _info(data, n, "calckg", "answers.one")
        if not related and not answers:
            continue
        rows.append([n, _num(related.get("store_load_s")), _num(related.get("index_build_ms"), 1),
                     f"{_num(related.get('rank_p50_ms'))} / {_num(related.get('rank_p95_ms'))}",
                     f"{_num(related.get('rank_article_p50_ms'))} / {_num(related.get('rank_article_p95_ms'))}",
                     f"{_num(answers.get('answer_p50_ms'))} / {_num(answers.get('answer_p95_ms'))}",
                     f"{_num(answers.get('supported'))} of {_num(answers.get('questions'))}"])  # fmt: skip
    if not rows:
        return []
    out = ["", "## One question at a time on the built graph (in-memory Oxigraph store)", ""]
    out += _table(["N", "store load s", "RelatedIndex build ms", "rank(question) p50 / p95 ms",
                   "rank_article p50 / p95 ms", "answer p50 / p95 ms", "answered"], rows)  # fmt: skip
    out += ["", "Up to 20 of the corpus's related questions (and up to 20 articles), each after one untimed warm-up."]
    return out


def _engines_section(data: dict[str, Any], sizes: list[str]) -> list[str]:
    validations = ("validate.turbo", "validate.pyshacl", "validate.turbo.whole", "validate.jena.whole")
    commands = ("cli.query", "cli.answer", "cli.stats", "cli.query.memory")
    rows = []
    for n in sizes:
        if "engines" not in data["runs"][n]:
            continue
        cells = []
        for name in validations:
            stage, info = _stage(data, n, "engines", name), _info(data, n, "engines", name)
            cells.append(f"{_num(stage.get('cpu_s'))} ({_num(info.get('results'))})" if info else _cell(stage))
        for name in commands:
            info = _info(data, n, "engines", name)
            cells.append(f"{_num(info.get('process_s_median'))} / {_num(info.get('process_cpu_s_median'))}"
                         if info else _cell(_stage(data, n, "engines", name)))  # fmt: skip
        rows.append([n, *cells])
    if not rows:
        return []
    out = ["", "## SHACL engines and the read commands", ""]
    out += _table(["N", *(f"{v} CPU s (results)" for v in validations),
                   *(f"{c} wall / CPU s" for c in commands)], rows)  # fmt: skip
    out += ["", "Validation: the track process's CPU seconds (Jena's JVM is a child process: its CPU is not counted, "
            "see the wall time in the table above); the results found must be equal. Commands: median of 3 whole "
            "processes after a warm-up (`cli.query.memory`: one run), wall and CPU (user + system) seconds."]
    return out


def render_markdown(data: dict[str, Any]) -> str:
    sizes = [str(n) for n in data["sizes"]]
    out = ["# calckg benchmark (synthetic corpus)", ""]
    meta = data["meta"]
    out.append(f"seed {meta['seed']} · {meta['cpus']} CPUs · {meta['platform']} · "
               + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
               + f" · RSS cap {meta['rss_cap_mib']:.0f} MiB per process · generated {meta['generated_at']}")
    if meta.get("note"):  # e.g. a track re-measured later and merged in by hand, then `--rerender`ed
        out += ["", f"Note: {meta['note']}."]
    out += ["", "Cells are `wall time / peak RSS of the process during the stage`; for the calckg builds, `child` is "
            "the peak RSS of the largest child process so far (an article worker or HermiT's JVM). A stage that did "
            "not run says why.", ""]  # fmt: skip
    out += ["## Corpus", ""]
    rows = []
    for n in sizes:
        c = data["corpus"][n]
        triples = _info(data, n, "calckg", PIPELINE_STAGE).get("counts", {}).get("triples")
        rows.append([n, str(c["statements"]), str(c["references"]), str(c["unresolved_citations"]),
                     str(c["related_questions"]), _num(triples), f"{c['bytes'] / 1e6:.2f}", f"{c['generate_s']:.2f}"])
    out += _table(["N", "statements", "references", "unresolved citations", "related questions",
                   "built triples", "text MB", "generate s"], rows)  # fmt: skip
    out += ["", "Built triples: every graph `build` writes (articles, ontology, vocabulary, inferred)."]
    seed = data.get("seed_build")
    if seed:
        cold = f"; cold build into a fresh folder {seed['cold_s']:.2f} s" if seed.get("cold_s") is not None else ""
        out += ["", f"Seed article `calckg build` (whole process, median of 3 rebuilds of unchanged input, cache warm): "
                    f"**{seed['wall_s']:.2f} s** (runs {seed['runs']}, exit {seed['exit_code']}{cold})"]
    for track, title in TRACK_TITLES.items():
        present = [n for n in sizes if track in data["runs"][n]]
        if not present:
            continue
        names: list[str] = []
        for n in present:
            for stage in data["runs"][n][track].get("stages", []):
                if stage["stage"] not in names:
                    names.append(stage["stage"])
        out += ["", f"## {track}: {title}", ""]
        rows = [[name, *(_cell(_stage(data, n, track, name)) for n in present)] for name in names]
        for n in present:
            record = data["runs"][n][track]
            for cause in ("aborted", "timeout", "failed"):
                if record.get(cause):
                    rows.append([f"**{cause}** at N={n}", *[str(record[cause]) if m == n else "" for m in present]])
        out += _table(["stage", *(f"N={n}" for n in present)], rows)
    out += _build_section(data, sizes)
    out += _related_section(data, sizes)
    out += _engines_section(data, sizes)
    out += ["", "## Pipeline: calckg `build` against the naive pipeline", ""]
    rows = []
    for n in sizes:
        p, r = data["pipeline"][n], data["ratios"][n]
        one = _num(p["rebuild_one_changed_s"]) + (f" ({p['one_changed_rebuilt']} rebuilt)"
                                                  if p.get("one_changed_rebuilt") is not None else "")  # fmt: skip
        naive = (("≥ " if p.get("naive_lower_bound") and p["naive_s"] is not None else "") + _num(p["naive_s"])
                 + (f" {EXTRAPOLATED}" if p["naive_extrapolated"] else ""))
        rows.append([n, _num(p["calckg_s"]), _num(p["rebuild_s"]), one, _num(p["calckg_parent_peak_rss_mib"], 0),
                     _num(p["calckg_largest_child_rss_mib"], 0), _num(p["calckg_parent_plus_child_rss_mib"], 0),
                     _num(p["calckg_tree_peak_rss_mib"], 0), naive, _num(p["naive_peak_rss_mib"], 0),
                     _ratio(r["pipeline"])])  # fmt: skip
    out += _table(["N", "build s (cold)", "rebuild s", "rebuild, one changed s", "parent MiB", "largest child MiB",
                   "parent + child MiB", "tree MiB (sampled)", "naive s", "naive MiB", "naive/calckg"], rows)  # fmt: skip
    out += ["",
            "- calckg = the wall time of one cold `build`, which does more than the naive pipeline: besides ingest → "
            "graphs → concept mentions → validation → all four exports it links related questions, reasons with "
            "HermiT, answers every related question and writes related.json, answers.json and faq.jsonld.",
            "- naive = the sum of ingest, graph.naive, link.naive, validate.naive and the four naive exports. A stage "
            f"skipped over the time budget counts with its linear prediction, and the figure is marked {EXTRAPOLATED}; "
            "when the naive track stopped at the RSS cap, the stages it never reached count 0 s and its total and "
            "ratios are lower bounds (≥).",
            "- MiB: peaks over the three builds. parent = this process (sampled every 5 ms); largest child = "
            "`ru_maxrss` of the largest child process (article worker or HermiT's JVM); parent + child adds the two "
            "peaks (an upper bound, and a loose one: a child started by fork/vfork, as HermiT's launcher is, reports "
            "the parent's resident pages in its `ru_maxrss` until it execs); tree = parent and every live child "
            "summed, sampled every 20 ms (the memory target is checked on parent and tree)."]  # fmt: skip
    out += ["", "Ratios naive/calckg of comparable parts (calckg side: the seconds the cold `build` reports for its "
            "own stages; graph+link+validate = graph.naive + link.naive + validate.naive against `articles` + "
            "`validate`; — where the build reports 0.00 s, below the resolution of its progress messages):", ""]  # fmt: skip
    keys = list(next(iter(data["ratios"].values())).keys())
    out += _table(["ratio", *(f"N={n}" for n in sizes)], [[key, *(_ratio(data["ratios"][n].get(key)) for n in sizes)]
                                                           for key in keys])  # fmt: skip
    out += ["", "## Queries (p50 / p95 ms; rows)", ""]
    names = sorted({q for n in sizes for backend in data["queries"][n].values() for q in backend})
    if not names:
        out.append("No queries ran (queries/*.rq: none yet, or the query tracks did not reach their store).")
    else:
        header = ["query"]
        for n in sizes:
            header += [f"oxigraph N={n}", f"memory N={n}"]
        rows = []
        for name in names:
            row = [name]
            for n in sizes:
                for backend in ("oxigraph", "memory"):
                    q = data["queries"][n].get(backend, {}).get(name)
                    if not q:
                        row.append("—")
                    elif q.get("status") != "ok":
                        row.append(q.get("status", "?"))
                    else:
                        row.append(f"{q['p50_ms']:.2f} / {q['p95_ms']:.2f} ({q['rows']})")
            rows.append(row)
        out += _table(header, rows)
    out += ["", "## Log-log slopes (time vs N, N ≥ 10; 1.0 = linear)", ""]
    out += _table(["series", "slope"], [[k, _num(v, 2)] for k, v in data["slopes"].items() if v is not None])
    out += ["", "`calckg:pipeline` is the cold `build`; `calckg:build/<stage>` are the stages it reports."]
    out += ["", "## Targets (at the largest N)", ""]
    rows = [[k, _num(v["value"]), str(v["target"]), {True: "pass", False: "FAIL", None: "not measured"}[v["pass"]],
             v.get("note", "")] for k, v in data["targets"].items()]  # fmt: skip
    out += _table(["target", "measured", "limit", "verdict", "note"], rows)
    return "\n".join(out) + "\n"


def render_table(data: dict[str, Any]) -> str:
    return render_markdown(data)
