"""The message a data file loader refuses a file with (shared by the tests of each data file's bad input)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from calckg.errors import InputError


def refusal(load: Callable[[Path], object], path: Path, content: str | None) -> str:
    """`load(path)` must raise InputError naming the file; `content` None leaves the file missing."""
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load(path)
    assert str(error.value).startswith(f"{path}: ")
    return str(error.value)
