"""Timing and memory of one stage: wall time, CPU time, peak RSS sampled while it runs, and an RSS cap.

Why sampling: `ru_maxrss` only ever grows, so after the first big stage it says nothing about the next one.
A daemon thread reads /proc/self/statm every few milliseconds and keeps the stage's maximum; the process-wide
`ru_maxrss` is recorded too, and so is `ru_maxrss` of the children (the largest child process waited for so far:
the build's article workers, HermiT's JVM). The same thread also sums the RSS of this process and of every live
descendant (`tree_peak_mib`), since the workers and the parent hold memory at the same time.
When this process's RSS passes the cap it ends itself at once (exit code `RSS_CAP_EXIT`) after writing what it
has, so no benchmark process ever grows far past the budget.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RSS_CAP_EXIT = 86
TREE_EVERY = 4
"""The process tree is summed every 4th sample (every 20 ms): it reads a few /proc files per live process."""
_PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def rss_bytes() -> int:
    with open("/proc/self/statm", "rb") as stream:
        return int(stream.read().split()[1]) * _PAGE


def _descendants(pid: str = "self") -> list[str]:
    """Process ids of every live descendant (children of every thread, recursively; /proc/PID/task/TID/children)."""
    found: list[str] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as stream:
                children = stream.read().decode("ascii").split()
        except OSError:
            continue
        for child in children:
            found.append(child)
            found.extend(_descendants(child))
    return found


def tree_rss_bytes() -> int:
    """RSS of this process plus every live descendant at this moment (a process that just ended counts 0)."""
    total = rss_bytes()
    for pid in _descendants():
        try:
            with open(f"/proc/{pid}/statm", "rb") as stream:
                total += int(stream.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def children_max_rss_mib() -> float:
    """High-water mark of the largest child waited for so far (article workers, HermiT's JVM)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def max_rss_mib() -> float:
    """Process-wide high-water mark (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """Background sampler of this process's RSS (and of its process tree); `window()` starts a new maximum for
    the next stage."""

    def __init__(self, cap_mib: float | None, on_cap: Callable[[float], None], interval_s: float = 0.005) -> None:
        self.cap = cap_mib * MIB if cap_mib else None
        self.on_cap = on_cap
        self.interval = interval_s
        self.peak = rss_bytes()
        self.tree_peak = self.peak
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> int:
        current = rss_bytes()
        if current > self.peak:
            self.peak = current
        self._count += 1
        if self._count % TREE_EVERY == 0:
            tree = tree_rss_bytes()
            if tree > self.tree_peak:
                self.tree_peak = tree
        if self.cap is not None and current > self.cap:
            self.on_cap(current / MIB)
        return current

    def window(self) -> None:
        self.peak = rss_bytes()
        self.tree_peak = tree_rss_bytes()

    def stop(self) -> None:
        self._stop.set()


@dataclass
class StageResult:
    """One stage's measurement; `status` is ok, unavailable, skipped, error, aborted (RSS cap) or timeout."""

    stage: str
    status: str
    wall_s: float | None = None
    cpu_s: float | None = None
    rss_start_mib: float | None = None
    rss_peak_mib: float | None = None
    rss_end_mib: float | None = None
    maxrss_mib: float | None = None
    children_maxrss_mib: float | None = None
    tree_peak_mib: float | None = None
    note: str = ""
    info: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None and value != ""}


def _error_note(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:300] if str(error) else ''}"


def measure(name: str, sampler: RssSampler, call: Callable[[], dict[str, Any] | None],
            prepare: Callable[[], None] | None = None) -> StageResult:  # fmt: skip
    """Run `prepare` (untimed), then `call` once, timing it; exceptions become an `error` result naming the
    exception (`unavailable` or `skipped` for StageUnavailable and StageSkipped)."""
    try:
        if prepare is not None:
            prepare()
    except StageUnavailable as missing:
        return StageResult(name, "unavailable", note=str(missing))
    except StageSkipped as skipped:
        return StageResult(name, "skipped", note=str(skipped))
    except Exception as error:  # noqa: BLE001 - a failing set-up is a result of the benchmark, not a crash
        print(f"  [{name}] set-up error: {_error_note(error)}", file=sys.stderr)
        return StageResult(name, "error", note=f"set-up: {_error_note(error)}")
    sampler.window()
    start_rss = sampler.sample() / MIB
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        info = call()
        status, note = "ok", ""
    except StageUnavailable as missing:
        return StageResult(name, "unavailable", note=str(missing))
    except StageSkipped as skipped:
        return StageResult(name, "skipped", note=str(skipped))
    except Exception as error:  # noqa: BLE001 - a failing stage is a result of the benchmark, not a crash
        info, status, note = None, "error", _error_note(error)
        print(f"  [{name}] error: {note}", file=sys.stderr)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    end_rss = sampler.sample() / MIB
    return StageResult(name, status, round(wall, 4), round(cpu, 4), round(start_rss, 1), round(sampler.peak / MIB, 1),
                       round(end_rss, 1), round(max_rss_mib(), 1), round(children_max_rss_mib(), 1) or None,
                       round(sampler.tree_peak / MIB, 1), note, info)  # fmt: skip


class StageUnavailable(RuntimeError):
    """The module a stage needs does not exist yet (another engineer is still writing it)."""


class StageSkipped(RuntimeError):
    """The stage was not run on purpose (over the time budget, or needs a stage that failed)."""
