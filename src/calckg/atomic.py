"""Atomic file writes: a file is either its old content or its complete new content, never half of either.

Each file is written to a temporary sibling (`.<name>.<random>.tmp` in the same folder, so the final
`os.replace` is a rename within one file system) and moved into place only once it is complete. A failure or
an interrupt (Ctrl-C) while writing removes the temporary files it made. With `durable=True` the data is
fsynced before the rename and the folder after it, so a power cut cannot leave a renamed but empty file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def stage(path: Path, chunks: Iterable[bytes], *, durable: bool = True) -> Path:
    """Write `chunks` to a new temporary sibling of `path` (folders made as needed) and return its path; on any
    failure the temporary file is removed. Readable as a normal file would be (umask applied)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        discard([temp])
        raise
    return temp


def discard(temps: Iterable[Path]) -> None:
    """Remove staged temporary files (those already gone are fine)."""
    for temp in temps:
        try:
            temp.unlink()
        except FileNotFoundError:
            pass


def publish(staged: Iterable[tuple[Path, Path]], *, durable: bool = True) -> list[Path]:
    """Move each staged temporary file onto its target; return the targets in order."""
    pending = list(staged)
    targets: list[Path] = []
    try:
        for path, temp in pending:
            os.replace(temp, path)
            targets.append(path)
    except BaseException:
        discard(temp for _, temp in pending[len(targets):])
        raise
    if durable:
        for folder in sorted({path.parent for path in targets}):
            _sync_folder(folder)
    return targets


def write_file(path: Path, *chunks: bytes, durable: bool = True) -> Path:
    """Write one file atomically (the concatenation of `chunks`)."""
    return publish([(path, stage(path, chunks, durable=durable))], durable=durable)[0]


def write_files(files: Iterable[tuple[Path, bytes]], *, durable: bool = True) -> list[Path]:
    """Write several files so that none is replaced until every one has been produced: a failure while producing
    (or an interrupt) leaves all the previous files as they were, and no temporary file behind."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files:
            staged.append((path, stage(path, [content], durable=durable)))
    except BaseException:
        discard(temp for _, temp in staged)
        raise
    return publish(staged, durable=durable)
