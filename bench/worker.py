"""One track for one corpus in this process: `python -m bench.worker TRACK CORPUS OUT.json [options]`.

The JSON is rewritten after every stage, so a process the runner kills (timeout) or that ends itself at the RSS
cap still leaves the stages it finished, and the name of the stage it was in.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import stages as st
from bench.engines import ENGINE_STAGES
from bench.measure import RSS_CAP_EXIT, RssSampler, StageResult, max_rss_mib, measure, rss_bytes

TRACKS = {
    "calckg": st.CALCKG_STAGES,
    "naive": st.NAIVE_STAGES,
    "queries-oxigraph": st.query_stages("oxigraph"),
    "queries-memory": st.query_stages("memory"),
    "engines": ENGINE_STAGES,
    "push": st.PUSH_STAGES,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("track", choices=sorted(TRACKS))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rss-cap-mib", type=float, default=1400.0)
    parser.add_argument("--skip", action="append", default=[], help="STAGE=REASON: do not run STAGE, report why")
    parser.add_argument("--query-budget", type=float, default=2.0)
    parser.add_argument("--cli-repeats", type=int, default=3)
    args = parser.parse_args(argv)
    from calckg.runtime import configure

    configure()  # a new entry point: no network, as for `calckg`
    skip = dict(item.split("=", 1) for item in args.skip)
    record: dict[str, Any] = {"track": args.track, "corpus": str(args.corpus), "pid": os.getpid(),
                              "rss_at_start_mib": round(rss_bytes() / 2**20, 1), "stages": [], "current": None}  # fmt: skip

    def save() -> None:
        tmp = args.out.with_suffix(".tmp")
        tmp.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, args.out)

    def on_cap(rss_mib: float) -> None:
        record["aborted"] = {"stage": record["current"], "rss_mib": round(rss_mib, 1), "cap_mib": args.rss_cap_mib}
        save()
        os._exit(RSS_CAP_EXIT)

    sampler = RssSampler(args.rss_cap_mib, on_cap)
    # Scratch space (build folder, changed corpus, Oxigraph store) next to the output, inside the runner's work
    # folder, so the runner removes it even when this process is killed or ends itself at the RSS cap.
    work = Path(tempfile.mkdtemp(prefix=f"{args.track}-state-", dir=args.out.parent))
    state = st.RunState(args.corpus, work=work, query_budget_s=args.query_budget,
                         cli_repeats=args.cli_repeats)
    started = time.perf_counter()
    try:
        for stage in TRACKS[args.track]:
            name = stage.name
            record["current"] = name
            save()
            if name in skip:
                result = StageResult(name, "skipped", note=skip[name])
            else:
                prepare = None if stage.prepare is None else functools.partial(stage.prepare, state)
                result = measure(name, sampler, functools.partial(stage.run, state), prepare)
            print(f"  [{args.track}] {name}: {result.status} "
                  f"{'' if result.wall_s is None else f'{result.wall_s:.3f} s'} {result.note}".rstrip(), file=sys.stderr)
            record["stages"].append(result.as_dict())
            save()
        if args.track.startswith("queries-"):
            record["current"] = "queries"
            save()
            record["queries"] = {}
            if "store" in state.values:
                st.run_queries(state, record["queries"], save)
        record["current"] = None
        record["wall_s"] = round(time.perf_counter() - started, 3)
        record["maxrss_mib"] = round(max_rss_mib(), 1)
        save()
    finally:
        sampler.stop()
        state.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
