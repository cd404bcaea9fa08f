"""Reading article files: strict UTF-8, newline normalisation, clear errors naming file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calckg.errors import InputError, SourceError

MAX_ARTICLE_BYTES = 1 << 20
"""Largest article file accepted (1 MiB; the seed is 20 KB). Checked for every file before any is parsed: a
larger "article" is almost always several pages pasted together, and article-local validation grows with its
statements (docs/reliability.md, "Bounded work")."""


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str


_LINE_BREAKS = dict.fromkeys(map(ord, "\v\f\x1c\x1d\x1e\x85\u2028\u2029"), " ")
"""The other characters Unicode counts as line breaks (vertical tab, form feed, file/group/record separators, next
line, line and paragraph separators) are read as spaces: copied page text carries them inside a line (a heading, a
reference) as often as between lines, and only LF breaks lines in the page-text format. Kept, they went into
statement text, and the store refused the N-Triples written from it ("Line jumps are not allowed"), failing the
build."""


def decode_source(path: Path, raw: bytes) -> str:
    """UTF-8 text with CRLF/CR turned into LF, the other line breaks of Unicode into spaces and a leading byte-order
    mark dropped."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            str(path), line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    if not text.strip():
        raise SourceError(str(path), None, "the file is empty")
    return text


def read_source(path: Path) -> SourceText:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected an article .txt file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return SourceText(path, decode_source(path, raw))


def read_sources(directory: Path) -> list[SourceText]:
    """Every `*.txt` article in `directory`, in file-name order; hidden files (a name starting with ".", such as the
    "._name.txt" a Mac copies beside each file) are none."""
    if not directory.is_dir():
        raise InputError(f"{directory}: no such directory (expected a folder of article .txt files)")
    paths = sorted(path for path in directory.glob("*.txt") if not path.name.startswith("."))
    if not paths:
        raise InputError(f"{directory}: no *.txt articles found")
    for path in paths:
        refuse_oversized(path)
    return [read_source(path) for path in paths]


def refuse_oversized(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # read_source names the problem
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: {size:,} bytes is over the article size limit of {MAX_ARTICLE_BYTES:,} bytes "
            "(one Q&A article is typically 10-60 KB: check the file holds a single article, or split it)"
        )
