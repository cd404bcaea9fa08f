"""`calckg query`: parameters are typed and bound, results come in the W3C formats, unsafe queries are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calckg.cli import main
from calckg.pipeline import BuildResult
from seed import ROOT, SEED_IRI

CITING = str(ROOT / "tests" / "data" / "queries" / "statements-citing.rq")


def _query(build: BuildResult, *args: str) -> tuple[int, str, str]:
    out = build.files[0].parent
    result = CliRunner().invoke(main, ["query", *args, "--build-dir", str(out)])
    return result.exit_code, result.stdout, result.stderr


def test_integer_parameter_is_bound(seed_build: BuildResult) -> None:
    code, stdout, _ = _query(seed_build, CITING, "--param", "number=3", "--format", "json")
    assert code == 0
    rows = json.loads(stdout)["results"]["bindings"]
    assert [row["statement"]["value"].removeprefix(SEED_IRI) for row in rows] == [
        "/section/definition-and-composition/1",
        "/section/ultrasound-limitations/1",
        "/section/ultrasound-limitations/3",
    ]
    assert rows[2]["text"] == {
        "type": "literal",
        "value": "Current ultrasound scanners do not reliably detect microcalcifications of clinical interest",
        "xml:lang": "en",
    }


def test_csv_and_tsv(seed_build: BuildResult) -> None:
    _, csv_out, _ = _query(seed_build, CITING, "--param", "number=8", "--format", "csv")
    assert csv_out.splitlines()[0] == "statement,text"
    assert len(csv_out.splitlines()) == 4
    _, tsv_out, _ = _query(seed_build, CITING, "--param", "number=8", "--format", "tsv")
    assert tsv_out.splitlines()[0] == "?statement\t?text"
    assert tsv_out.splitlines()[1].startswith(f"<{SEED_IRI}/section/prognostic-value/2>\t\"Duct-centric")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["--param", "number=three"], "parameter 'number' must be an integer, got 'three'"),
        (["--param", "colour=3"], "query 'statements-citing' has no parameter 'colour' (parameters: number)"),
        (["--param", "number"], "--param takes NAME=VALUE, got 'number'"),
    ],
)
def test_bad_parameters(seed_build: BuildResult, params: list[str], message: str) -> None:
    code, _, stderr = _query(seed_build, CITING, *params)
    assert code == 2
    assert message in stderr


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://169.254.169.254/x> { ?s ?p ?o } }", "SERVICE (federated query) is not allowed"),
        ("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/x> { ?s ?p ?o } }", "SERVICE (federated query) is not allowed"),
        ("SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }", "FROM / FROM NAMED is not allowed"),
        ("LOAD <http://127.0.0.1:9/x>", "SPARQL updates"),
        ("DELETE WHERE { ?s ?p ?o }", "SPARQL updates"),
        ("SELECT * WHERE { ?s ?p }", "SPARQL syntax error"),
    ],
)
def test_unsafe_or_broken_queries_are_refused(seed_build: BuildResult, tmp_path: Path, query: str, message: str) -> None:
    path = tmp_path / "adhoc.rq"
    path.write_text(query, encoding="utf-8")
    code, _, stderr = _query(seed_build, str(path))
    assert code == 2
    assert message in stderr


def test_unknown_query_name(seed_build: BuildResult) -> None:
    code, _, stderr = _query(seed_build, "no-such-query")
    assert code == 2
    assert "'no-such-query' is neither a query name nor a file" in stderr
