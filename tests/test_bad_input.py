"""Each kind of bad article gives one clear line naming file and line, exit 2, and leaves earlier outputs as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from calckg.cli import main

from seed import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
NAME = "article.txt"


def _variant(old: str, new: str) -> bytes:
    assert old in SEED_TEXT
    return SEED_TEXT.replace(old, new, 1).encode("utf-8")


CASES = {
    "empty file": (b"  \n\n", f"{NAME}: the file is empty"),
    "not UTF-8": (
        _variant("Calcium oxalate", "Calcium \xff oxalate").replace("\xff".encode(), b"\xff"),
        f"{NAME}:26: not valid UTF-8 (byte 0xff)",
    ),
    "no title": (_variant("What are microcalcifications in the breast?\n", "  • 42\n"), f"{NAME}:1: no title"),
    "title never repeated as heading": (
        _variant("What Are Microcalcifications in the Breast?\n", "Overview\n"),
        f"{NAME}:1: no title heading",
    ),
    "reference without year": (
        _variant("Singapore medical journal, 2009", "Singapore medical journal"),
        f"{NAME}:165: reference 5: expected 'Container, YEAR' (optionally followed by ', doi:DOI', '. https://…' or '. PMID: N'), got "
        "'Singapore medical journal'",
    ),
    "reference of unknown type": (
        _variant("Research\n\nBreast calcifications", "Blog\n\nBreast calcifications"),
        f"{NAME}:161: reference 5: unknown type 'Blog'",
    ),
    "reference block missing a line": (
        _variant("Breast calcifications: which are malignant?\n\n", ""),
        f"{NAME}:169: reference block does not parse",
    ),
    "citation that is not a number": (
        _variant("benign conditions 2", "benign conditions 2a"),
        f"{NAME}:26: citation '2a' is not a number",
    ),
    "citation range that runs down": (
        _variant("degeneration or necrosis. 2", "degeneration or necrosis. 5-3"),
        f"{NAME}:30: citation range '5-3' does not run upwards over at most 50 numbers",
    ),
    "citation list with a word": (
        _variant("malignancy 2\n  • Hydroxyapatite with", "malignancy 2, x\n  • Hydroxyapatite with"),
        f"{NAME}:27: citation 'x' is not a number",
    ),
}


@pytest.fixture()
def previous_build(tmp_path: Path) -> Path:
    """An output folder holding a previous build's files, to check they survive a failed build."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "calckg.ttl").write_text("previous\n", encoding="utf-8")
    return out


def _build(sources: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(out)])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_article_is_refused_with_file_and_line(case: str, tmp_path: Path, previous_build: Path) -> None:
    content, expected = CASES[case]
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / NAME).write_bytes(content)
    code, stderr = _build(sources, previous_build)
    assert code == 2
    error_lines = [line for line in stderr.splitlines() if line.startswith("calckg: error:")]
    assert len(error_lines) == 1
    assert f"{sources}/{expected}" in error_lines[0]
    assert sorted(p.name for p in previous_build.iterdir()) == ["calckg.ttl"]
    assert (previous_build / "calckg.ttl").read_text(encoding="utf-8") == "previous\n"


def test_missing_sources_folder(tmp_path: Path, previous_build: Path) -> None:
    code, stderr = _build(tmp_path / "nowhere", previous_build)
    assert code == 2
    assert f"{tmp_path / 'nowhere'}: no such directory" in stderr


def test_folder_without_articles(tmp_path: Path, previous_build: Path) -> None:
    code, stderr = _build(tmp_path, previous_build)
    assert code == 2
    assert f"{tmp_path}: no *.txt articles found" in stderr


def test_two_articles_with_the_same_title(tmp_path: Path, previous_build: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (sources / "b.txt").write_text(SEED_TEXT, encoding="utf-8")
    code, stderr = _build(sources, previous_build)
    assert code == 2
    assert f"{sources / 'b.txt'}: same title as a.txt" in stderr


def test_two_titles_that_give_the_same_iri(tmp_path: Path, previous_build: Path) -> None:
    """Titles that differ only in punctuation give one article IRI: the message said "same title", which was untrue."""
    sources = tmp_path / "sources"
    sources.mkdir()
    title = SEED_TEXT.splitlines()[0]
    (sources / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    lines = [f"{line}!" if line.casefold() == title.casefold() else line for line in SEED_TEXT.split("\n")]
    (sources / "b.txt").write_text("\n".join(lines), encoding="utf-8")
    code, stderr = _build(sources, previous_build)
    assert code == 2
    assert (f"{sources / 'b.txt'}: title {title + '!'!r} gives the same article IRI (slug "
            f"'what-are-microcalcifications-in-the-breast') as {title!r} in a.txt") in stderr


def test_export_before_any_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--build-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'calckg.trig'}: no built graph found; run `calckg build` first" in result.stderr
