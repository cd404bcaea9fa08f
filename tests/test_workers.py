"""calckg.workers: results in batch order from spawned workers; a worker that dies stops the run with a clear error."""

from __future__ import annotations

import os

import pytest

from calckg import resources, workers


def _setup(offset: int) -> None:
    _state["offset"] = offset
    _state["packs"] = resources.overrides().packs


_state: dict[str, object] = {}


def _shifted(batch: list[int]) -> list[tuple[int, object]]:
    return [(item + int(_state["offset"]), _state["packs"]) for item in batch]  # type: ignore[call-overload]


def _die(batch: list[int]) -> list[int]:
    os._exit(9)  # as a worker killed by the system for memory


def test_results_come_back_in_batch_order_with_the_parents_folders(tmp_path) -> None:
    resources.configure(packs=(tmp_path,))
    try:
        found = workers.run_in_workers(_shifted, workers.batched(list(range(10)), 3), initializer=_setup,
                                       initargs=(100,))
    finally:
        resources.configure()
    assert found == [(100 + i, (tmp_path,)) for i in range(10)]


def test_a_worker_that_dies_stops_the_run_with_a_clear_error() -> None:
    with pytest.raises(workers.WorkersFailed) as raised:
        workers.run_in_workers(_die, [[1], [2]], initializer=_setup, initargs=(0,))
    assert str(raised.value) == (f"a worker process stopped before finishing (killed by the system, often for lack "
                                 f"of memory; {workers.WORKERS} workers were running); nothing was written")
    assert raised.value.exit_code == 2
