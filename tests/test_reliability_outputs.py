"""The output set is all old or all new after a kill -9 at any point of the switch, the next build repairs what
was left, and two builds never write into one folder at once (issue 17 items 5-7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from calckg import outputs
from calckg.cli import main
from calckg.leftovers import OWNER_FILE, owned_temp_dir, remove_orphans
from calckg.pipeline import BuildOptions, build

from seed import SEED

CHANGED = ("Last updated: February 16, 2026", "Last updated: February 17, 2026")  # no curated claim quotes it


def _snapshot(out: Path) -> dict[str, bytes]:
    """What a reader sees: every output under its usual name."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".") and p.is_file()}


def _build(sources: Path, out: Path) -> None:
    build(BuildOptions(sources, out, reason=False), lambda message: None)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """An output folder holding a build of the seed, the changed article's sources, and both output sets."""
    root = tmp_path_factory.mktemp("generations")
    changed = root / "changed"
    changed.mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert CHANGED[0] in text
    (changed / SEED.name).write_text(text.replace(*CHANGED), encoding="utf-8")
    old_out, new_out = root / "old", root / "new"
    _build(SEED.parent, old_out)
    _build(changed, new_out)
    old, new = _snapshot(old_out), _snapshot(new_out)
    assert old.keys() == new.keys() and old["calckg.trig"] != new["calckg.trig"]
    return old_out, changed, old, new


@pytest.mark.parametrize("point", outputs.CRASH_POINTS)
def test_kill_during_the_switch_leaves_all_old_or_all_new(
    point: str, two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    old_out, changed, old, new = two_builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out, symlinks=True)
    run = subprocess.run(
        [sys.executable, "-m", "calckg", "build", "--no-reason", "--sources", str(changed), "--out", str(out)],
        env={**os.environ, outputs.CRASH_ENV: point}, capture_output=True, check=False)
    assert run.returncode == -9
    expected = old if point in ("staged", "renamed") else new
    assert _snapshot(out) == expected
    _build(changed, out)  # the next build repairs whatever was left
    assert _snapshot(out) == new
    generations = sorted(p.name for p in (out / outputs.GENERATIONS).iterdir())
    assert len(generations) == 2 and not any(name.endswith(outputs.PARTIAL) for name in generations)
    assert not list(out.glob(".*.tmp"))


def test_second_build_into_a_busy_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "LOCK_WAIT_S", 0.0)
    with outputs.build_lock(tmp_path):
        args = ["build", "--no-reason", "--sources", str(SEED.parent), "--out", str(tmp_path)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        f"calckg: error: build folder busy: another calckg build is writing into {tmp_path}; "
        "wait for it to finish and retry")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_are_removed_at_the_next_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".calckg.trig.x1y2.tmp").write_bytes(b"staged by an older version")
    (out / "calckg.trig").write_bytes(b"an older version's output")
    (out / outputs.GENERATIONS / "g000004.partial").mkdir(parents=True)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    orphan = temp / "calckg-reason-orphan"
    orphan.mkdir()
    (orphan / OWNER_FILE).write_text(str(_dead_pid()), encoding="ascii")
    mine = owned_temp_dir("calckg-reason-")
    _build(SEED.parent, out)
    assert sorted(p.name for p in temp.iterdir()) == [mine.name]
    assert not list(out.glob(".*.tmp"))
    assert sorted(p.name for p in (out / outputs.GENERATIONS).iterdir()) == ["g000001"]
    assert os.readlink(out / "calckg.trig") == ".current/calckg.trig"


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_remove_orphans_keeps_folders_of_running_processes(tmp_path: Path) -> None:
    alive = tmp_path / "calckg-serve-alive"
    alive.mkdir()
    (alive / OWNER_FILE).write_text(str(os.getppid()), encoding="ascii")
    dead = tmp_path / "calckg-serve-dead"
    dead.mkdir()
    (dead / OWNER_FILE).write_text(str(_dead_pid()), encoding="ascii")
    assert remove_orphans("calckg-serve-", tmp_path) == [dead]
    assert alive.is_dir()


def test_a_folder_output_joins_the_set_and_leaves_with_it(tmp_path: Path) -> None:
    with outputs.build_lock(tmp_path), outputs.new_generation(tmp_path) as generation:
        (generation.folder("site") / "index.html").write_text("<p>one</p>", encoding="utf-8")
        generation.write("calckg.trig", b"one")
        generation.commit()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "<p>one</p>"
    with outputs.build_lock(tmp_path), outputs.new_generation(tmp_path) as generation:
        generation.write("calckg.trig", b"two")
        generation.commit()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["calckg.trig"]
    assert (tmp_path / "calckg.trig").read_bytes() == b"two"


def test_an_error_before_the_switch_abandons_the_generation(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), outputs.build_lock(tmp_path), outputs.new_generation(tmp_path) as generation:
        generation.write("calckg.trig", b"half")
        raise RuntimeError("a stage failed")
    assert list((tmp_path / outputs.GENERATIONS).iterdir()) == []
    assert not (tmp_path / "calckg.trig").exists()
