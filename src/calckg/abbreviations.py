"""Abbreviations an article defines in its own text ("fine-needle aspiration (FNA)"), found with the algorithm of
Schwartz and Hearst (A simple algorithm for identifying abbreviation definitions in biomedical text, Pacific
Symposium on Biocomputing 2003): the short form is written in parentheses right after its long form, and the
short form's letters and digits appear, in order, in the long form, its first one at the start of a word.

Used by the answer index (calckg.answer_index): a statement that writes one form is also found by the other, within
the article that defines it; nothing is taken from outside the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["defined_abbreviations", "other_forms"]

_IN_PARENTHESES = re.compile(r"\(([^()]{2,10})\)")


def _long_form(short: str, before: str) -> str | None:
    """The shortest end of `before` whose letters hold the short form's, in order, the first at a word start."""
    s, position = len(short) - 1, len(before) - 1
    while s >= 0:
        wanted = short[s].lower()
        if not wanted.isalnum():
            s -= 1
            continue
        while position >= 0 and (before[position].lower() != wanted
                                  or (s == 0 and position > 0 and before[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    return before[before.rfind(" ", 0, position + 1) + 1:].strip()


def _is_short_form(candidate: str) -> bool:
    return (len(candidate.split()) <= 2 and candidate[0].isalnum() and any(c.isupper() for c in candidate)
            and any(c.isalpha() for c in candidate))


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Short form → long form, for every definition "long form (SF)" in the texts (the first definition wins)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _IN_PARENTHESES.finditer(text):
            short = match.group(1).strip()
            if not _is_short_form(short) or short in found:
                continue
            words = text[: match.start()].split()
            window = " ".join(words[-min(len(short) + 5, 2 * len(short)):])
            long = _long_form(short, window)
            if (long and len(long) > len(short) and short.lower() not in long.lower()
                    and (" " in long or len(short) <= 2 or not short.isupper())):  # "CAC" is not "calcium"
                found[short] = long
    return found


def other_forms(text: str, abbreviations: Mapping[str, str]) -> list[str]:
    """The long forms of the short forms the text writes, and the short forms of the long forms it writes."""
    folded = text.casefold()
    forms = []
    for short, long in sorted(abbreviations.items()):
        if re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            forms.append(long)
        if long.casefold() in folded:
            forms.append(short)
    return forms
