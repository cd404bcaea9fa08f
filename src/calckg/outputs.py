"""The build's output set, switched all at once: readers see every output of one build, never a mix.

Layout of an output folder (docs/reliability.md, "Adding an output to the set"):

    <out>/.generations/g000007/         every file and folder one build wrote (complete, fsynced)
    <out>/.generations/g000008.partial/ a build in progress (or one that was killed: removed at the next start)
    <out>/.current -> .generations/g000007      the one switch: a symlink replaced with one atomic rename
    <out>/calckg.trig -> .current/calckg.trig   a stable link per output (files and folders alike)
    (the folder itself is flock-ed by the build writing into it)
    <out>/.cache/                        the build cache (content-addressed, outside the set)

A build writes each output into the new generation (`Generation.write`, or `Generation.folder` for a whole
directory such as a store or a site), then `commit` fsyncs it, renames it from `.partial`, swaps `.current` and
makes sure each output has its stable link. A kill before the swap leaves the old set; after it, the new set (a
link still missing is added by the next build, which also removes `.partial` leftovers, staging files of older
versions and generations older than the previous one). Readers open `<out>/NAME` as before.

`CALCKG_CRASH_AT=<point>` makes a build kill itself (SIGKILL) at that point of `commit` (:data:`CRASH_POINTS`),
so tests prove the above deterministically instead of racing a kill against the clock.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from calckg.errors import StoreError

GENERATIONS = ".generations"
CURRENT = ".current"
PARTIAL = ".partial"
CRASH_ENV = "CALCKG_CRASH_AT"
CRASH_POINTS = ("staged", "renamed", "swapped", "linked")
LOCK_WAIT_S = 5.0
"""How long a second build into the same folder waits for the first before giving up with "build folder busy"."""

OLD_STAGING_FOLDERS = (".store.new", ".store.old")
_GENERATION = re.compile(r"^g(\d{6})(\.partial)?$")


class BuildFolderBusy(StoreError):
    """Another build holds the output folder's lock (exit 4)."""


def _crash_point(point: str) -> None:
    if os.environ.get(CRASH_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_tree(root: Path) -> None:
    """fsync every file and folder below `root` (outputs written as folders by other code included)."""
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                descriptor = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
        fsync_dir(Path(folder))


@contextmanager
def build_lock(out: Path, wait_s: float | None = None) -> Iterator[None]:
    """Hold an exclusive flock on the folder itself (no lock file to leave behind; the kernel releases it when the
    process dies, however it dies)."""
    out.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN) or time.monotonic() >= deadline:
                    raise BuildFolderBusy(f"build folder busy: another calckg build is writing into {out}; "
                                          "wait for it to finish and retry") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(descriptor)


def _generations(out: Path) -> list[tuple[int, bool, Path]]:
    """(number, partial, path) of every generation folder, oldest first."""
    root = out / GENERATIONS
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        match = _GENERATION.match(path.name)
        if match:
            found.append((int(match.group(1)), match.group(2) is not None, path))
    return sorted(found)


def current_generation(out: Path) -> Path | None:
    link = out / CURRENT
    if not link.is_symlink():
        return None
    target = out / os.readlink(link)
    return target if target.is_dir() else None


def _replace_with_link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target` with one atomic rename (a real folder in the way is moved aside first)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    temp = path.with_name(f".{path.name}.link.tmp")
    if temp.is_symlink() or temp.exists():
        temp.unlink()
    os.symlink(target, temp)
    os.replace(temp, path)


def _link_outputs(out: Path, generation: Path) -> None:
    """A stable link `<out>/NAME -> .current/NAME` for each output of `generation`; links to outputs it no
    longer has are removed."""
    names = {p.name for p in generation.iterdir()}
    for name in sorted(names):
        _replace_with_link(out / name, f"{CURRENT}/{name}")
    for path in out.iterdir():
        if path.is_symlink() and os.readlink(path).startswith(f"{CURRENT}/") and path.name not in names:
            path.unlink()
    fsync_dir(out)


def repair(out: Path) -> None:
    """Under the build lock: finish what a killed build left (links of the current generation) and remove its
    leftovers (partial generations, staging files of older versions, generations older than the previous one)."""
    if not out.is_dir():
        return
    for stale in [*out.glob(".*.tmp"), *out.glob(f"{CACHE_GLOB}/.*.tmp")]:
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
    for stale_folder in OLD_STAGING_FOLDERS:  # the store's staging folders of versions before it joined the set
        if (out / stale_folder).is_dir() and not (out / stale_folder).is_symlink():
            shutil.rmtree(out / stale_folder, ignore_errors=True)
    current = current_generation(out)
    current_name = current.name if current is not None else None
    current_number = next((n for n, _, p in _generations(out) if p.name == current_name), None)
    previous = None
    for number, partial, path in reversed(_generations(out)):
        if path.name == current_name:
            continue
        never_current = partial or current_number is None or number > current_number
        if never_current or previous is not None:
            shutil.rmtree(path, ignore_errors=True)
        else:
            previous = path  # kept one build longer: a reader may still be reading it
    if current is not None:
        _link_outputs(out, current)


CACHE_GLOB = ".cache/*"


class Generation:
    """A new generation being written; nothing a reader sees changes until :meth:`commit`."""

    def __init__(self, out: Path) -> None:
        self.out = out
        number = max((n for n, _, _ in _generations(out)), default=0) + 1
        self.final = out / GENERATIONS / f"g{number:06d}"
        self.root = self.final.with_name(self.final.name + PARTIAL)
        self.root.mkdir(parents=True)
        self.names: list[str] = []

    def write(self, name: str, content: bytes) -> Path:
        """Write output file `name`; returns the path readers will use (`<out>/name`)."""
        path = self.root / name
        with open(path, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        self.names.append(name)
        return self.out / name

    def folder(self, name: str) -> Path:
        """An empty folder for an output written as a whole directory (a store, a site); fill it before commit."""
        path = self.root / name
        path.mkdir()
        self.names.append(name)
        return path

    def commit(self) -> None:
        _fsync_tree(self.root)
        _crash_point("staged")
        os.rename(self.root, self.final)
        fsync_dir(self.final.parent)
        _crash_point("renamed")
        _replace_with_link(self.out / CURRENT, f"{GENERATIONS}/{self.final.name}")
        fsync_dir(self.out)
        _crash_point("swapped")
        _link_outputs(self.out, self.final)
        _crash_point("linked")
        repair(self.out)

    def abandon(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def new_generation(out: Path) -> Iterator[Generation]:
    """A generation to fill inside the block (the caller holds :func:`build_lock`); abandoned on any error."""
    repair(out)
    generation = Generation(out)
    try:
        yield generation
    except BaseException:
        generation.abandon()
        raise
