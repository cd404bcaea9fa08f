"""Word lists kept as data files: JSON lists (data/vocab/name-heads.json, data/fraction-contexts.json) and
two-column TSV pairs (data/spelling-variants.tsv, data/irregular-plurals.tsv, data/lay-words.tsv): one reader each,
so every such file fails the same way, naming itself; and the British and American spellings of a word, which the
answer's word lookup and the general vocabulary's matcher share."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from calckg.errors import InputError
from calckg.resources import data_dir

__all__ = ["SPELLING_FILE", "letter_pairs", "read_word_list", "american_spellings", "spelling_patterns", "spelling_variants", "tsv_pairs"]

SPELLING_FILE = "spelling-variants.tsv"


def read_word_list(path: Path, key: str) -> list[str]:
    """The non-empty list of words under `key` of the JSON file at `path`; a missing or bad file is an input error
    that names it."""
    try:
        words = json.loads(path.read_text(encoding="utf-8"))[key]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{key} must be a non-empty list of words")
        return words
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: expected a list of words under '{key}' ({error})") from None


def tsv_pairs(path: Path, what: str) -> list[tuple[int, str, str]]:
    """(line number, first field, second field) of a two-column tab-separated data file ('#' lines are notes)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read the {what} ({error})") from None
    return [(number, *line.partition("\t")[::2]) for number, line in enumerate(lines, start=1)
            if line and not line.startswith("#")]


def letter_pairs(path: Path, what: str, shape: str) -> list[tuple[str, str]]:
    """The (case-folded) pairs of a two-column data file of letters, two different ones a line; a bad line is an
    input error naming the file, the line and the `shape` expected."""
    found = []
    for number, first, second in tsv_pairs(path, what):
        if not first.isalpha() or not second.isalpha() or first.casefold() == second.casefold():
            raise InputError(f"{path}:{number}: expected {shape} letters, got {first}\t{second}")
        found.append((first.casefold(), second.casefold()))
    return found


@cache
def spelling_patterns(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(British, American) spelling patterns of data/spelling-variants.tsv."""
    return tuple(letter_pairs(path or data_dir() / SPELLING_FILE, "spelling patterns", "BRITISH<TAB>AMERICAN"))


def spelling_variants(word: str) -> list[str]:
    """The word with one spelling pattern applied either way, at one place or at every place, in a fixed order
    (each a candidate: the caller keeps the ones it knows)."""
    return _respelled(word, both_ways=True)


def american_spellings(word: str) -> list[str]:
    """The word with one British pattern made American, at one place or at every place ("oesophageal":
    "esophageal"): a vocabulary's labels are mostly American. One way only: made British, "keratin" (its "er") would
    be "kreatin", a name of creatine."""
    return _respelled(word, both_ways=False)


def _respelled(word: str, both_ways: bool) -> list[str]:
    word = word.casefold()
    found: dict[str, None] = {}
    for british, american in spelling_patterns():
        for old, new in ((british, american), (american, british))[: 2 if both_ways else 1]:
            start = word.find(old)
            while start >= 0:
                found[word[:start] + new + word[start + len(old):]] = None
                start = word.find(old, start + 1)
            found[word.replace(old, new)] = None
    found.pop(word, None)
    return list(found)
