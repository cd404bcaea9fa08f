"""`python -m bench`: generate the corpora, run every track per size in fresh processes, write the results.

    python -m bench                       # N = 1, 10, 100, 1000 → bench/results/latest.{json,md}
    python -m bench --sizes 10 --out /tmp/b   # what tests/test_bench.py runs
    python -m bench --rerender bench/results/latest.json   # the report again from measured runs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.runner import BenchOptions, rerender, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--sizes", default="1,10,100,1000", help="comma-separated corpus sizes [%(default)s]")
    parser.add_argument("--seed", type=int, default=None, help="generator seed [bench.generator.DEFAULT_SEED]")
    parser.add_argument("--out", type=Path, default=Path("bench/results"), help="results folder [%(default)s]")
    parser.add_argument("--corpus-root", type=Path, default=None, help="where corpora are generated [a temp folder]")
    parser.add_argument("--tracks", default="calckg,naive,queries-oxigraph,queries-memory,engines,push")
    parser.add_argument("--rss-cap-mib", type=float, default=1400.0, help="a process ends itself past this RSS")
    parser.add_argument("--stage-budget", type=float, default=120.0,
                        help="skip a stage whose time, extrapolated linearly from the previous size, exceeds this")
    parser.add_argument("--track-timeout", type=float, default=600.0, help="kill a track process after this")
    parser.add_argument("--query-budget", type=float, default=2.0, help="seconds of repeats per query")
    parser.add_argument("--cli-repeats", type=int, default=3,
                        help="timed runs of each `calckg …` process stage after one warm-up [%(default)s]")
    parser.add_argument("--skip-stage", action="append", default=[], help="do not run this stage (reported as skipped)")
    parser.add_argument("--name", default="latest", help="results file stem [%(default)s]")
    parser.add_argument("--no-seed-build", action="store_true", help="do not time `calckg build` on data/sources")
    parser.add_argument("--rerender", type=Path, default=None, metavar="JSON",
                        help="recompute ratios, targets and the Markdown of a results file; measure nothing")
    args = parser.parse_args(argv)
    if args.rerender is not None:
        rerender(args.rerender)
        return 0
    options = BenchOptions(
        sizes=tuple(int(n) for n in args.sizes.split(",") if n.strip()),
        out=args.out,
        tracks=tuple(t.strip() for t in args.tracks.split(",") if t.strip()),
        rss_cap_mib=args.rss_cap_mib,
        stage_budget_s=args.stage_budget,
        track_timeout_s=args.track_timeout,
        query_budget_s=args.query_budget,
        cli_repeats=args.cli_repeats,
        seed_build=not args.no_seed_build,
        corpus_root=args.corpus_root,
        skip_stages=tuple(args.skip_stage),
        name=args.name,
        **({"seed": args.seed} if args.seed is not None else {}),
    )
    run(options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
