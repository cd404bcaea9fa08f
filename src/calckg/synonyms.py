"""Close English words of a question word (data/vocab/word-synonyms.tsv, derived from Open English WordNet by
:mod:`calckg.synonyms_derive`): "dangers" for "risks", "linked" for "associated", "find" for "detects".

A question's wording is the asker's, a statement's the author's: "How often does an ultrasound scan find thyroid
nodules?" is answered by "High-resolution ultrasound detects thyroid nodules in 19-68% …". A statement that has a
close word of a question word and not the word itself has part of its credit (calckg.answer_scoring.RELATED_CREDIT);
the close words never choose the article (calckg.answer_credits.articles_with reads the question's own words).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from calckg.errors import InputError
from calckg.resources import data_dir

__all__ = ["SYNONYMS_FILE", "close_words"]

SYNONYMS_FILE = "vocab/word-synonyms.tsv"
_LINE = re.compile(r"([a-z]+)\t([a-z]+(?: [a-z]+)*)")


@cache
def word_synonyms(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Each stem of the table → its close words, in file order. A line that is not STEM<TAB>WORDS (lower-case
    letters, space-separated) is an input error naming the file and the line."""
    path = path or data_dir() / SYNONYMS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read the close words ({error})") from None
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            raise InputError(f"{path}:{number}: expected STEM<TAB>WORDS (lower-case letters, space-separated), "
                             f"got {line!r}")
        table[found.group(1)] = tuple(found.group(2).split(" "))
    return table


def close_words(stem: str) -> tuple[str, ...]:
    """The close words of a word with this stem (as the text index stems it), none when the table has none."""
    return word_synonyms().get(stem, ())
