"""Bad inputs to every reading command give one clear line and exit 2, never a traceback (issue 17 items 2-3)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calckg.cli import main
from calckg.input_checks import MAX_JSON_DEPTH
from calckg.pipeline import BuildResult

READERS = {
    "query": ["query", "title-question"],
    "answer": ["answer", "What is DCIS?"],
    "stats": ["stats"],
    "export": ["export", "--format", "nt"],
    "validate": ["validate"],
    "related": ["related"],
    "reason": ["reason"],
}

DAMAGE = {
    "truncated": (lambda raw: raw[:5000], ": not valid TriG: "),
    "not UTF-8": (lambda raw: b"\xff" + raw, ":1: not valid UTF-8 (byte 0xff)"),
    "empty": (lambda raw: b"", ": the file is empty"),
}


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def built_trig(seed_build: BuildResult) -> bytes:
    from calckg.export import to_trig

    return to_trig(seed_build.exports)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", sorted(READERS))
def test_damaged_build_is_named(command: str, damage: str, built_trig: bytes, tmp_path: Path) -> None:
    make, detail = DAMAGE[damage]
    trig = tmp_path / "calckg.trig"
    trig.write_bytes(make(built_trig))
    code, stderr = _run([*READERS[command], "--build-dir", str(tmp_path)])
    assert code == 2
    (line,) = [line for line in stderr.splitlines() if line.startswith("calckg: error:")]
    assert line.startswith(f"calckg: error: build is damaged: {trig}{detail}")
    assert line.endswith("(rebuild with `calckg build`)")


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["push", "serve"])
def test_damaged_trig_given_to_push_or_serve(command: str, damage: str, built_trig: bytes, tmp_path: Path) -> None:
    make, _ = DAMAGE[damage]
    trig = tmp_path / "calckg.trig"
    trig.write_bytes(make(built_trig))
    target = ["--endpoint", "http://127.0.0.1:9"] if command == "push" else ["--port", str(_free_port())]
    done = subprocess.run([sys.executable, "-m", "calckg", command, "--trig", str(trig), *target],
                          capture_output=True, text=True, timeout=300, check=False)  # a regression must not hang
    code, stderr = done.returncode, done.stderr
    assert "Traceback" not in stderr
    assert code == 2
    (line,) = [line for line in stderr.splitlines() if line.startswith("calckg: error:")]
    assert line.startswith(f"calckg: error: {trig}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def build_dir(built_trig: bytes, tmp_path: Path) -> Path:
    (tmp_path / "calckg.trig").write_bytes(built_trig)
    return tmp_path


def test_query_nested_too_deeply(build_dir: Path, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o FILTER(" + "(" * 30 + "1" + ")" * 30 + ") }", encoding="utf-8")
    assert _run(["query", str(query), "--build-dir", str(tmp_path)]) == (
        2, "calckg: error: the query is nested too deeply for the SPARQL parser (simplify its parentheses or "
        "nested groups)\n")


def test_query_file_not_utf8(tmp_path: Path) -> None:
    query = tmp_path / "bad.rq"
    query.write_bytes(b"# ok\nSELECT \xff ?s WHERE { ?s ?p ?o }")
    assert _run(["query", str(query)]) == (2, f"calckg: error: {query}:2: not valid UTF-8 (byte 0xff)\n")


def test_empty_query_file(build_dir: Path, tmp_path: Path) -> None:
    query = tmp_path / "empty.rq"
    query.write_text("# only a comment\n", encoding="utf-8")
    assert _run(["query", str(query), "--build-dir", str(build_dir)]) == (
        2, "calckg: error: the query is empty (a SELECT, ASK or CONSTRUCT query was expected)\n")


@pytest.mark.parametrize("args", [["answer"], ["related"], ["query", "title-question", "--param"]])
def test_argument_not_utf8(args: list[str]) -> None:
    value = "What is DCIS \udcff?"  # how Python hands over the byte 0xff of a command line
    what = "--param" if "--param" in args else "the question"
    assert _run([*args, value]) == (2, f"calckg: error: {what} is not valid UTF-8 (byte 0xff)\n")


def test_deeply_nested_jsonld(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    expected = f"calckg: error: {path}: JSON nested 5000 levels deep (at most {MAX_JSON_DEPTH} are accepted)\n"
    assert _run(["validate", str(path)]) == (2, expected)


SURROGATES = {
    "data.nt": '<urn:a> <urn:b> "x\\uD800y" .\n',
    "data.jsonld": '{"@id": "urn:a", "urn:b": "x\\ud800"}',
    "data.trig": '<urn:g> { <urn:a> <urn:b> "x\\uD800y" . }\n',
}


SURROGATE_CASES = [*(("reason", name) for name in sorted(SURROGATES)), ("push", "data.trig")]


@pytest.mark.parametrize(("command", "name"), SURROGATE_CASES)
def test_lone_surrogate(command: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(SURROGATES[name], encoding="utf-8")
    push = ["push", "--endpoint", "http://127.0.0.1:9", "--trig", str(path)]
    args = ["reason", str(path)] if command == "reason" else push
    expected = f"calckg: error: {path}: the escape \\uD800 is a lone surrogate, not a character (fix or remove it)\n"
    assert _run(args) == (2, expected)


def test_surrogate_pair_in_jsonld_is_a_character(tmp_path: Path) -> None:
    from calckg.validate import read_files

    path = tmp_path / "pair.jsonld"
    path.write_text('{"@id": "urn:a", "urn:b": "\\ud83d\\ude00"}', encoding="utf-8")
    assert [str(q[2]) for q in read_files([path]).quads((None, None, None, None))] == ["\U0001F600"]
