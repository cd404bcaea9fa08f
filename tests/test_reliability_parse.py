"""Titles, headings and questions never carry citations; an over-long title is named as such (issue 17 items 1, 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calckg.errors import SourceError
from calckg.ingest import parse_article
from calckg.ingest.parser import MAX_TITLE_LENGTH

from seed import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
TITLE = "What are microcalcifications in the breast?"
TITLE_HEADING = "What Are Microcalcifications in the Breast?"


def _retitled(title: str) -> str:
    return SEED_TEXT.replace(TITLE, title, 1).replace(TITLE_HEADING, title, 1)


@pytest.mark.parametrize("title", ["Is DCIS stage 0?", "Should women screen over 40?"])
def test_title_ending_in_a_number_and_question_mark(title: str) -> None:
    article = parse_article(Path("a.txt"), _retitled(title))
    seed = parse_article(SEED, SEED_TEXT)
    assert article.title == title
    assert len(article.statements) == len(seed.statements)


def test_heading_ending_in_a_number_and_question_mark() -> None:
    text = SEED_TEXT.replace("Definition and Composition\n", "Is DCIS stage 0?\n", 1)
    article = parse_article(Path("a.txt"), text)
    assert article.sections[0].heading == "Is DCIS stage 0?"
    assert article.sections[0].statements[0].citations == (2, 3)


def test_question_sentence_ending_in_a_number_carries_no_citation() -> None:
    old = "necrosis. 2\n"
    text = SEED_TEXT.replace(old, "necrosis. 2 Does this apply over 40?\n", 1)
    article = parse_article(Path("a.txt"), text)
    (question,) = [s for _, s in article.statements if s.text == "Does this apply over 40?"]
    assert question.citations == ()


def test_over_long_title_is_named_too_long() -> None:
    title = "Why " + "very " * 80 + "long?"
    with pytest.raises(SourceError) as caught:
        parse_article(Path("a.txt"), _retitled(title))
    assert str(caught.value) == f"a.txt:1: title too long: {len(title)} characters (at most {MAX_TITLE_LENGTH})"


def test_article_over_the_size_limit_is_refused_before_any_work(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from calckg.cli import main
    from calckg.ingest.reader import MAX_ARTICLE_BYTES

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    big = sources / "b.txt"
    big.write_bytes(b"x" * (MAX_ARTICLE_BYTES + 1))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"calckg: error: {big}: 1,048,577 bytes is over the article size limit of 1,048,576 "
                             "bytes (one Q&A article is typically 10-60 KB: check the file holds a single article, "
                             "or split it)\n")
    assert not out.exists()


def test_citation_number_out_of_range() -> None:
    from calckg.ingest.citations import MAX_CITATION_NUMBER

    text = SEED_TEXT.replace("benign conditions 2", "benign conditions 99999999999999999999", 1)
    with pytest.raises(SourceError) as caught:
        parse_article(Path("a.txt"), text)
    expected = f"a.txt:26: citation 99999999999999999999 is out of range (at most {MAX_CITATION_NUMBER})"
    assert str(caught.value) == expected


def test_invisible_characters_are_warned_with_file_and_line(tmp_path: Path) -> None:
    from calckg.pipeline import load_articles

    sources = tmp_path / "sources"
    sources.mkdir()
    text = SEED_TEXT.replace("benign conditions 2", "benign \u202econditions 2", 1)
    text = text.replace("malignancy 2", "malig\x00nancy 2", 1)
    (sources / "a.txt").write_text(text, encoding="utf-8")
    warnings: list[str] = []
    (article,) = load_articles(sources, warnings.append)
    assert warnings == [
        f"warning: {sources / 'a.txt'}:26: a bidirectional control U+202E (invisible; the text may display "
        "differently from how it is stored)",
        f"warning: {sources / 'a.txt'}:27: a NUL byte (invisible; the text may display differently from how it is "
        "stored)",
    ]
    assert any("benign \u202econditions" in s.text for _, s in article.statements)
