"""Clipped words of a question: "C. diff" where the articles write "C. difficile".

A question word that no article uses is read as the longer word the articles write in its place when the word right
before or after it in the question frames it the same way in some statement: "diff" right after "C." where a
statement writes "C. difficile", "staph" right before "aureus" where one writes "Staphylococcus aureus". The
completion must begin with the word as asked and be one stem; two different completions ("diff" in "C. difficile"
and "C. different") leave the word as asked. The framing word must be one the articles use and no stop word, so a
common word ("the", "my") never frames anything.
"""

from __future__ import annotations

import re

from calckg.index_terms import WORD
from calckg.text_index import TextIndex

__all__ = ["clipped_completions"]

MIN_LETTERS = 3
"""A clipped word has at least this many letters ("diff", "staph"); shorter ones are initials (calckg.acronyms)."""
GAP = r"[^\w]{1,3}"
"""What may stand between the framing word and the clipped one in a statement: a space, a full stop, a hyphen."""


def clipped_completions(question: str, stop: frozenset[str], index: TextIndex) -> dict[str, str]:
    """Clipped word (case-folded) → the word the articles write for it in the same frame (of one stem; the first
    in sort order of its spellings)."""
    tokens = [m.group() for m in WORD.finditer(question)]
    found: dict[str, str] = {}
    for position, word in enumerate(tokens):
        if not word.isalpha() or len(word) < MIN_LETTERS or word.casefold() in stop or index.uses(word):
            continue
        before = tokens[position - 1] if position else None
        after = tokens[position + 1] if position + 1 < len(tokens) else None
        written: set[str] = set()
        for frame, is_before in ((before, True), (after, False)):
            if frame is None or frame.casefold() in stop or not index.uses(frame):
                continue
            written |= _written_for(word, frame, is_before, index)
        spelled = sorted(written)
        if spelled and len(set(index.stems(spelled))) == 1:
            found[word.casefold()] = spelled[0]
    return found


def _written_for(word: str, frame: str, is_before: bool, index: TextIndex) -> set[str]:
    """The longer words that begin with `word` and stand right after (or before) `frame` in some statement."""
    longer = rf"({re.escape(word)}\w+)"
    framing = rf"(?<!\w){re.escape(frame)}"
    pattern = re.compile(rf"{framing}{GAP}{longer}\b" if is_before else rf"(?<!\w){longer}{GAP}{re.escape(frame)}\b",
                         re.IGNORECASE)
    texts = index.texts_with_prefix(word.casefold(), frame)
    return {m.group(1).casefold() for text in texts for m in pattern.finditer(text)}
