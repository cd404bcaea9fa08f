"""The build's export files (Turtle, N-Triples, JSON-LD, TriG), written in a background thread of the build process.

They depend only on the built graphs, and the stages that follow the store leave this process mostly waiting: the
FAQ's answers and the review site are made in worker processes. So the exports are written meanwhile instead of
after them (1,000 articles: the four files took 12 s of one core after the site; see README, Performance). Each is
reused from the last build when its graph is unchanged (:func:`calckg.cache.reuse_output`), as before.

If the build fails or is interrupted while they are written, the thread stops after the file it is writing and the
build waits for it, so nothing is left writing into the abandoned generation folder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from calckg import cache as _cache
from calckg.export import FORMATS, ExportSet
from calckg.outputs import Generation


class ExportWriter:
    """Writes every format of `exports` into `generation` from :meth:`start` on, while the block goes on;
    :meth:`files` waits for them.

    Progress reports each format with its own time, as the build's other stages do: "export: turtle → PATH (3.07 s)".
    """

    def __init__(self, exports: ExportSet, generation: Generation, out: Path, disk: _cache.DiskCache,
                 unchanged: str, progress: Callable[[str], None]) -> None:  # fmt: skip
        self.exports = exports
        self.generation = generation
        self.out = out
        self.disk = disk
        self.unchanged = unchanged
        self.progress = progress
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="calckg-export")
        self._future: Future[list[Path]] | None = None

    def __enter__(self) -> ExportWriter:
        return self

    def start(self) -> None:
        if self._future is None:
            self._future = self._pool.submit(self._write_all)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:  # fmt: skip
        if kind is not None:
            self._stop.set()  # the build failed: finish the file being written, start no other
        self._pool.shutdown(wait=True)

    @property
    def stopping(self) -> bool:
        """True once the block has failed: no further export file is started."""
        return self._stop.is_set()

    def files(self) -> list[Path]:
        """The written files, in the order of :data:`calckg.export.FORMATS` (raises what the thread raised)."""
        self.start()
        assert self._future is not None
        return self._future.result()

    def _write_all(self) -> list[Path]:
        written = []
        for name, (file_name, serialize) in FORMATS.items():
            if self._stop.is_set():
                break
            started = time.perf_counter()
            path = self.out / file_name
            content, kept = _cache.reuse_output(self.disk, path, self.unchanged, lambda: serialize(self.exports))  # noqa: B023
            written.append(self.generation.write(file_name, content))
            del content
            self.progress(f"export: {name} → {path}{' (graph unchanged, kept)' if kept else ''} "
                          f"({time.perf_counter() - started:.2f} s)")  # fmt: skip
        return written
