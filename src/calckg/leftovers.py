"""Temporary folders that name their owner, so what a killed process left behind is removed by the next run.

`owned_temp_dir(prefix)` makes a folder in the system temp directory holding `owner.pid` (the creating process'
id). `remove_orphans(prefix)` removes every such folder whose owner is no longer running: HermiT's working folder
(`calckg-reason-*`) after a kill -9 during reasoning, the served store (`calckg-serve-*`) after a kill -9 of
`calckg serve`. A folder without `owner.pid` (older calckg, or killed between mkdtemp and the write) is removed
when it is older than :data:`UNOWNED_GRACE_S`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

OWNER_FILE = "owner.pid"
UNOWNED_GRACE_S = 3600.0


def owned_temp_dir(prefix: str) -> Path:
    """A new folder in the system temp directory that records this process as its owner."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _orphaned(folder: Path, now: float) -> bool:
    try:
        pid = int((folder / OWNER_FILE).read_text(encoding="ascii"))
    except (OSError, ValueError):
        try:
            return now - folder.stat().st_mtime > UNOWNED_GRACE_S
        except OSError:
            return False
    return pid != os.getpid() and not _running(pid)


def remove_orphans(prefix: str, parent: Path | None = None) -> list[Path]:
    """Remove the `prefix*` folders (in `parent`, default the system temp directory) whose owner is gone."""
    root = parent if parent is not None else Path(tempfile.gettempdir())
    now = time.time()
    removed = []
    try:
        candidates = sorted(root.glob(f"{prefix}*"))
    except OSError:
        return []
    for folder in candidates:
        if folder.is_dir() and not folder.is_symlink() and _orphaned(folder, now):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
