"""The words and stems of the full-text index (calckg.text_index): its FTS5 tokenizer, how it splits a text into
words, and the stem it makes of each, so question and statements are stemmed alike."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Sequence

__all__ = ["TOKENIZER", "WORD", "stem_words", "words"]

TOKENIZER = "porter unicode61 remove_diacritics 2"
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the tokenizer splits them (letters and digits; everything else separates)."""
    return WORD.findall(text)


_STEMS: dict[str, str] = {}
_STEMS_LIMIT = 100_000
_STEMS_LOCK = threading.Lock()


def stem_words(tokens: Sequence[str]) -> list[str]:
    """Each token's stem as the index's tokenizer (porter) makes it ('' for a token it drops): the ones this process
    has not stemmed yet in one scratch in-memory FTS5 table (a build stems every article's related questions, most
    of whose words recur: 0.7 ms per scratch table)."""
    with _STEMS_LOCK:  # an index is shared between threads; a clear must not race a read
        missing = sorted({t for t in tokens if t not in _STEMS})
        if missing:
            if len(_STEMS) + len(missing) > _STEMS_LIMIT:
                _STEMS.clear()
            _STEMS.update(zip(missing, _stem_in_scratch_table(missing), strict=True))
        return [_STEMS[t] for t in tokens]


def _stem_in_scratch_table(tokens: Sequence[str]) -> list[str]:
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5(w, tokenize='{TOKENIZER}')")
        scratch.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        scratch.executemany("INSERT INTO t(rowid, w) VALUES (?, ?)", enumerate(tokens, start=1))
        found = {doc: term for term, doc in scratch.execute("SELECT term, doc FROM v ORDER BY doc DESC, offset DESC")}
    finally:
        scratch.close()
    return [found.get(number, "") for number in range(1, len(tokens) + 1)]
