"""The one command-line face: every registered command loads, calckg's errors map to their documented exit codes,
an unexpected exception is one line and exit 70 (the traceback only with --debug), Ctrl-C is exit 130 with no
partial outputs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import calckg.cli.build
from calckg.cli import COMMANDS, main
from calckg.errors import CheckFailed, InputError, ReasonerUnavailable, StoreError
from calckg.export import FORMATS
from calckg.netguard import OutboundRequestBlocked
from calckg.pipeline import BuildResult

from ctrl_c import interruptible
from seed import SEED

LAUNCH = "from calckg.cli import main; main()"


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom:\n  second line")


def _interrupt(*args: object, **kwargs: object) -> bytes:
    raise KeyboardInterrupt


def _files(folder: Path) -> list[str]:
    """Every file under `folder` except the build cache (entries there are complete and reusable)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts)


def test_every_registered_command_loads_and_has_help() -> None:
    assert main.list_commands(click.Context(main)) == sorted(COMMANDS)
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert (name, result.exit_code) == (name, 0)
        assert result.stdout.startswith(f"Usage: main {name} [OPTIONS]")


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["biuld"])
    assert result.exit_code == 2
    assert "No such command 'biuld'" in result.stderr


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (CheckFailed("the graph fails validation"), 1),
        (InputError("x.ttl:3: bad"), 2),
        (ReasonerUnavailable("no Java runtime"), 2),
        (OutboundRequestBlocked("request to http://example.org/ blocked"), 2),
        (StoreError("endpoint answered 500"), 4),
    ],
)
def test_calckg_errors_map_to_their_exit_codes(error: Exception, code: int, monkeypatch, tmp_path: Path) -> None:
    def fail(out: Path) -> None:
        raise error

    monkeypatch.setattr(calckg.cli.build, "load_built_dataset", fail)
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--build-dir", str(tmp_path)])
    assert result.exit_code == code
    assert result.stderr == f"calckg: error: {error}\n"
    assert result.stdout == ""


def test_unexpected_exception_is_one_line_and_exit_70(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(calckg.cli.build, "load_built_dataset", _boom)
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--build-dir", str(tmp_path)])
    assert result.exit_code == 70
    assert result.stderr == "calckg: internal error: RuntimeError: boom: second line (please report)\n"


def test_debug_adds_the_traceback(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(calckg.cli.build, "load_built_dataset", _boom)
    result = CliRunner().invoke(main, ["--debug", "export", "--format", "nt", "--build-dir", str(tmp_path)])
    assert result.exit_code == 70
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "in _boom" in result.stderr
    assert lines[-1] == "calckg: internal error: RuntimeError: boom: second line (please report)"


def test_a_command_invoked_alone_has_the_same_guard(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(calckg.cli.build, "load_built_dataset", _boom)
    result = CliRunner().invoke(calckg.cli.build.export_command, ["--format", "nt", "--build-dir", str(tmp_path)])
    assert result.exit_code == 70
    assert result.stderr == "calckg: internal error: RuntimeError: boom: second line (please report)\n"


def test_ctrl_c_during_a_build_exits_130_and_leaves_the_previous_outputs(monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "calckg.ttl").write_text("previous\n", encoding="utf-8")
    monkeypatch.setitem(FORMATS, "jsonld", (FORMATS["jsonld"][0], _interrupt))  # after other files are staged
    result = CliRunner().invoke(main, ["build", "--no-reason", "--sources", str(SEED.parent), "--out", str(out)])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "calckg: interrupted"
    assert "Aborted" not in result.output
    assert _files(out) == ["calckg.ttl"]
    assert (out / "calckg.ttl").read_text(encoding="utf-8") == "previous\n"


def test_the_installed_entry_point_exits_70_without_a_traceback(seed_build: BuildResult) -> None:
    """The real process: a bug injected into `stats` gives one line on stderr and exit status 70."""
    inject = "import calckg.cli.query as q; q.store_class_counts = None; " + LAUNCH
    build_dir = str(seed_build.files[0].parent)
    done = subprocess.run([sys.executable, "-c", inject, "stats", "--build-dir", build_dir],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (70, "")
    assert done.stderr == "calckg: internal error: TypeError: 'NoneType' object is not callable (please report)\n"
    debug = subprocess.run([sys.executable, "-c", inject, "stats", "--build-dir", build_dir],
                           capture_output=True, text=True, check=False, env={**os.environ, "CALCKG_DEBUG": "1"})
    assert debug.returncode == 70
    assert debug.stderr.startswith("Traceback (most recent call last):")


def test_sigint_to_a_running_build_exits_130_with_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, "build", "--no-reason", "--sources", str(SEED.parent),
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=interruptible())  # noqa: PLW1509 - Ctrl-C must reach the build
    assert process.stderr is not None
    first = process.stderr.readline()  # the first stage is done; writing the outputs comes last
    assert first.startswith("» ")
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert stderr.splitlines()[-1] == "calckg: interrupted"
    assert stdout == ""
    assert not out.exists() or _files(out) == []


def test_a_successful_answer_process_writes_nothing_to_stderr(seed_build: BuildResult) -> None:
    """The read commands run their work in a deadline thread (--timeout); pyoxigraph's query results made there must
    be freed there too, or the interpreter prints "PyQuerySolutions is unsendable" at exit."""
    done = subprocess.run([sys.executable, "-c", LAUNCH, "answer", "What are microcalcifications?", "--build-dir",
                           str(seed_build.files[0].parent)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("Microcalcifications are small crystals of calcium that form in breast soft tissue")


def test_a_reader_that_stops_reading_gets_exit_141_and_no_error_message(seed_build: BuildResult) -> None:
    """`calckg stats | head -1`: the pipe closes before calckg has written; that is not an internal error."""
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, "stats", "--build-dir", str(seed_build.files[0].parent)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert stderr == b""
