"""calckg.atomic: a file is its old content or its complete new content; nothing temporary is left behind."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from calckg.atomic import write_file, write_files


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_files_replaces_every_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    written = write_files([(tmp_path / "a.txt", b"new a"), (tmp_path / "sub" / "b.txt", b"new b")])
    assert written == [tmp_path / "a.txt", tmp_path / "sub" / "b.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert (tmp_path / "sub" / "b.txt").read_bytes() == b"new b"
    assert _names(tmp_path) == ["a.txt", "sub"]
    assert _names(tmp_path / "sub") == ["b.txt"]


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failure_while_producing_keeps_every_previous_file(tmp_path: Path, failure: BaseException) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").write_bytes(b"old b")

    def produced() -> Iterator[tuple[Path, bytes]]:
        yield tmp_path / "a.txt", b"new a"
        raise failure

    with pytest.raises(type(failure)):
        write_files(produced())
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert (tmp_path / "b.txt").read_bytes() == b"old b"
    assert _names(tmp_path) == ["a.txt", "b.txt"]


def test_written_files_follow_the_umask_not_mkstemps_0600(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_file(tmp_path / "f", b"x", durable=False)
    finally:
        os.umask(previous)
    assert (tmp_path / "f").stat().st_mode & 0o777 == 0o640


def test_write_file_joins_its_chunks(tmp_path: Path) -> None:
    assert write_file(tmp_path / "f", b"head\n", b"body") == tmp_path / "f"
    assert (tmp_path / "f").read_bytes() == b"head\nbody"
