"""`calckg build --store oxigraph:PATH` loads the built graphs into the store; query and validate then read it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from calckg.cli import main
from seed import ROOT, SEED

CITING = str(ROOT / "tests" / "data" / "queries" / "statements-citing.rq")


def test_build_into_oxigraph_then_query_and_validate_it(tmp_path: Path) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    built = runner.invoke(
        main, ["build", "--sources", str(SEED.parent), "--out", str(tmp_path / "out"), "--no-reason", "--store", store]
    )
    assert built.exit_code == 0, built.stderr
    assert "» store: 4 named graphs in Oxigraph store at" in built.stderr  # article, its extracted claims, ontology, vocabulary
    from_store = runner.invoke(main, ["query", CITING, "--param", "number=8", "--format", "csv", "--store", store])
    in_memory = runner.invoke(
        main, ["query", CITING, "--param", "number=8", "--format", "csv", "--build-dir", str(tmp_path / "out")]
    )
    assert from_store.exit_code == 0
    assert from_store.stdout == in_memory.stdout
    assert len(from_store.stdout.splitlines()) == 4
    validated = runner.invoke(main, ["validate", "--store", store, "--format", "json"])
    assert validated.exit_code == 0
    assert validated.stdout.count('"severity": "Warning"') == 17  # 11 unresolved citations, 6 conflicting DCIS pairs
