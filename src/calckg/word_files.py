"""Word lists kept as JSON data files (data/vocab/name-heads.json, data/fraction-contexts.json): one reader, so every
such file fails the same way, naming itself."""

from __future__ import annotations

import json
from pathlib import Path

from calckg.errors import InputError

__all__ = ["read_word_list"]


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
