"""What every benchmark stage shares: the run's state, the stage record, and small helpers (late imports that
report a missing module as "not available yet", even spreads of samples, percentiles, one timing)."""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from bench.measure import StageSkipped, StageUnavailable

Info = dict[str, Any] | None
T = TypeVar("T")


@dataclass
class RunState:
    corpus: Path
    base_iri: str = "https://w3id.org/calckg/id/"
    work: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="calckg-bench-")))
    query_budget_s: float = 2.0
    cli_repeats: int = 3
    values: dict[str, Any] = field(default_factory=dict)
    closers: list[Callable[[], None]] = field(default_factory=list)
    """Run by cleanup() before the work folder goes (a server a stage started and did not stop)."""

    def need(self, key: str, stage: str) -> Any:
        if key not in self.values:
            raise StageSkipped(f"needs the result of stage {stage!r}, which did not complete")
        return self.values[key]

    def cleanup(self) -> None:
        for close in self.closers:
            close()
        shutil.rmtree(self.work, ignore_errors=True)


class Stage(NamedTuple):
    name: str
    run: Callable[[RunState], Info]
    prepare: Callable[[RunState], None] | None = None
    """Untimed set-up run just before the stage (its errors are reported as the stage's)."""


def needed_module(name: str) -> Any:
    if importlib.util.find_spec(name) is None:
        raise StageUnavailable(f"not available yet: module {name} does not exist")
    return importlib.import_module(name)


def needed_function(module: str, *names: str) -> Callable[..., Any]:
    found = needed_module(module)
    for name in names:
        if callable(getattr(found, name, None)):
            return getattr(found, name)  # type: ignore[no-any-return]
    raise StageUnavailable(f"not available yet: {module} has none of {', '.join(names)}")


def spread(items: Sequence[T], count: int) -> list[T]:
    """Up to `count` items spread evenly over the sequence (all of them when there are fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def percentiles(times: list[float], prefix: str) -> dict[str, float]:
    samples = sorted(times)
    return {f"{prefix}_p50_ms": round(1000 * statistics.median(samples), 3),
            f"{prefix}_p95_ms": round(1000 * samples[min(len(samples) - 1, int(0.95 * len(samples)))], 3)}  # fmt: skip


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started
