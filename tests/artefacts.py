"""Where tests leave files for a person to look at (the review site's screenshots), listed at the end of the run."""

from __future__ import annotations

import os
from pathlib import Path

ARTEFACTS = Path(os.environ.get("CALCKG_TEST_ARTEFACTS", Path(__file__).resolve().parents[1] / "build" / "test-artefacts"))


def written_since(started: float) -> list[Path]:
    """The artefacts written since `started` (a time.time()), by any worker process of the run."""
    if not ARTEFACTS.is_dir():
        return []
    return sorted(path for path in ARTEFACTS.iterdir() if path.stat().st_mtime >= started)
