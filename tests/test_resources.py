"""Where calckg finds its data folders, and the options that let a publisher use their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from calckg import resources
from calckg.cli import main
from calckg.pipeline import BuildResult

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def shipped_folders() -> Iterator[None]:
    yield
    resources.configure()  # whatever a test chose, the next one starts from the shipped folders


def test_a_checkout_reads_the_repositorys_own_folders() -> None:
    assert resources.project_root() == REPOSITORY
    assert resources.shapes_dir() == REPOSITORY / "shapes"
    assert resources.queries_dir() == REPOSITORY / "queries"
    assert resources.packs_dir() == REPOSITORY / "data" / "packs"


def test_calckg_home_names_another_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CALCKG_HOME", str(tmp_path))
    assert resources.ontology_dir() == tmp_path / "ontology"


def test_build_without_sources_in_a_folder_without_data_sources(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"calckg: error: no --sources given and {tmp_path}/data/sources does not exist; "
                             f"pass --sources DIR, a folder of article .txt files\n")
    assert not (tmp_path / "out").exists()


def test_build_without_sources_reads_data_sources_of_the_working_folder(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "data" / "sources").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == "calckg: error: data/sources: no *.txt articles found\n"


def test_queries_option_reads_the_publishers_folder(tmp_path: Path, seed_build: BuildResult) -> None:
    own = tmp_path / "queries"
    own.mkdir()
    (own / "numbers.rq").write_text("# summary: two numbers\nSELECT ?n WHERE { VALUES ?n { 1 2 } }\n", encoding="utf-8")
    build_dir = str(seed_build.files[0].parent)
    result = CliRunner().invoke(main, ["query", "numbers", "--queries", str(own), "--format", "csv",
                                       "--build-dir", build_dir])
    assert (result.exit_code, result.stdout) == (0, "n\n1\n2\n")
    shipped = CliRunner().invoke(main, ["query", "numbers", "--build-dir", build_dir])
    assert shipped.exit_code == 2
    assert shipped.stderr.startswith("calckg: error: 'numbers' is neither a query name nor a file (known queries: ")


def test_shapes_option_reads_the_publishers_folder(tmp_path: Path) -> None:
    own = tmp_path / "shapes"
    own.mkdir()
    result = CliRunner().invoke(main, ["validate", "--shapes", str(own), str(REPOSITORY / "ontology" / "calckg.ttl")])
    assert result.exit_code == 2
    assert result.stderr == f"calckg: error: {own}: no shapes files (*.ttl) found\n"


def test_a_folder_option_must_name_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "x", "--queries", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.stderr == f"calckg: error: {tmp_path / 'missing'}: no such directory\n"


def test_pack_is_a_shipped_name_or_a_folder(tmp_path: Path) -> None:
    assert resources.resolve_pack(str(tmp_path)) == tmp_path
    with pytest.raises(resources.InputError, match=r"^--pack nowhere: neither a shipped pack \(shipped: "):
        resources.resolve_pack("nowhere")
    resources.configure(packs=(tmp_path,))
    assert resources.pack_dirs() == (tmp_path,)
    resources.configure()
    shipped = resources.packs_dir()
    assert resources.pack_dirs() == (tuple(sorted(p for p in shipped.iterdir() if p.is_dir())) if shipped.is_dir()
                                     else ())


def test_the_packs_in_use_are_those_given_else_every_shipped_one(tmp_path: Path) -> None:
    from calckg.packs import load_packs

    shipped = load_packs()
    assert [pack.name for pack in shipped] == sorted(p.name for p in resources.packs_dir().iterdir() if p.is_dir())
    resources.configure(packs=(shipped[0].folder,))
    assert load_packs() == shipped[:1]
    resources.configure(packs=(tmp_path,))
    with pytest.raises(resources.InputError, match=rf"^{tmp_path}/pack.json: cannot read "):
        load_packs()
