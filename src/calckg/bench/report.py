"""Markdown rendering of the benchmark JSON (the same text is printed and written to latest.md)."""

from __future__ import annotations

from typing import Any

TRACK_TITLES = {
    "calckg": "calckg pipeline as committed (rdflib Dataset, per-article pyshacl, rdflib serialisers)",
    "naive": "naive baseline (one whole rdflib Graph, rdflib serialisers, one whole-graph pyshacl run)",
    "fast": "fast paths in calckg.bench.fast (per-article graphs → pyoxigraph quads, validation in 2 workers, "
    "pyoxigraph serialisers)",
    "queries-oxigraph": "queries track, embedded Oxigraph store (set-up stages)",
    "queries-memory": "queries track, in-memory rdflib store (set-up stages)",
}


def _cell(stage: dict[str, Any] | None) -> str:
    if not stage:
        return "—"
    if stage.get("status") != "ok":
        note = stage.get("note", "")
        return f"{stage.get('status')}" + (f" ({note[:70]})" if note and stage.get("status") != "unavailable" else "")
    return f"{stage['wall_s']:.3f} s / {stage.get('rss_peak_mib', 0):.0f} MiB"


def _num(value: Any, digits: int = 2, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(data: dict[str, Any]) -> str:
    sizes = [str(n) for n in data["sizes"]]
    out = ["# calckg benchmark (synthetic corpus)", ""]
    meta = data["meta"]
    out.append(f"seed {meta['seed']} · {meta['cpus']} CPUs · {meta['platform']} · "
               + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
               + f" · RSS cap {meta['rss_cap_mib']:.0f} MiB per process · generated {meta['generated_at']}")
    out += ["", "Cells are `wall time / peak RSS of the process during the stage`. A stage that did not run says why.", ""]
    out += ["## Corpus", ""]
    rows = []
    for n in sizes:
        c = data["corpus"][n]
        graph = next((s for s in data["runs"][n].get("calckg", {}).get("stages", []) if s["stage"] == "graph"), {})
        triples = (graph.get("info") or {}).get("triples")
        rows.append([n, str(c["statements"]), str(c["references"]), str(c["unresolved_citations"]),
                     str(c["related_questions"]), _num(triples), f"{c['bytes'] / 1e6:.2f}", f"{c['generate_s']:.2f}"])
    out += _table(["N", "statements", "references", "unresolved citations", "related questions",
                   "document triples", "text MB", "generate s"], rows)  # fmt: skip
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
        rows = []
        for name in names:
            row = [name]
            for n in present:
                stage = next((s for s in data["runs"][n][track]["stages"] if s["stage"] == name), None)
                row.append(_cell(stage))
            rows.append(row)
        for n in present:
            record = data["runs"][n][track]
            for cause in ("aborted", "timeout", "failed"):
                if record.get(cause):
                    rows.append([f"**{cause}** at N={n}", *[str(record[cause]) if m == n else "" for m in present]])
        out += _table(["stage", *(f"N={n}" for n in present)], rows)
    out += ["", "## ingest → validate → all exports (sum of stage wall times) and ratios", ""]
    rows = []
    for n in sizes:
        p, r, f = data["pipeline"][n], data["ratios"][n], data["ratios_fast"][n]
        rows.append([n, _num(p["calckg_s"]), _num(p["calckg_peak_rss_mib"], 0), _num(p["naive_s"]),
                     _num(p["naive_peak_rss_mib"], 0), _num(p["fast_s"]), _num(p["fast_peak_rss_mib"], 0),
                     _num(r["pipeline"], 2, "x"), _num(f["pipeline"], 2, "x")])
    out += _table(["N", "calckg s", "calckg MiB", "naive s", "naive MiB", "fast s*", "fast MiB", "naive/calckg",
                   "naive/fast"], rows)  # fmt: skip
    out += ["", "\\* fast = ingest + graph.fast + validate.parallel + turtle/nt/trig (no JSON-LD fast path yet).", ""]
    keys = list(next(iter(data["ratios"].values())).keys())
    out += ["Per-stage ratios naive/calckg (and naive/fast):", ""]
    rows = [[key, *(f"{_num(data['ratios'][n].get(key), 2, 'x')} ({_num(data['ratios_fast'][n].get(key), 2, 'x')})"
                    for n in sizes)] for key in keys]  # fmt: skip
    out += _table(["ratio", *(f"N={n}" for n in sizes)], rows)
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
    out += ["", "## Targets (at the largest N)", ""]
    rows = [[k, _num(v["value"]), str(v["target"]), {True: "pass", False: "FAIL", None: "not measured"}[v["pass"]],
             v.get("note", "")] for k, v in data["targets"].items()]  # fmt: skip
    out += _table(["target", "measured", "limit", "verdict", "note"], rows)
    return "\n".join(out) + "\n"


def render_table(data: dict[str, Any]) -> str:
    return render_markdown(data)
