"""Trailing citation numbers: "… benign conditions 2" → ("… benign conditions", (2,)); after a sentence's full stop
also in square brackets, in parentheses or as superscripts ("… a day. [1, 2]", "… (p < .001). (4)", "… lotion.¹").

A paragraph may carry several sentences, each closed by its own citation list ("… processes. 2, 3 The
primary types include:"), so paragraphs are split at those markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list of citation-like tokens at the very end: "2", "7, 3", a range "1-3" or "2–4", but also "2a" or "2, x" so
# they can be refused.
_RANGE = r"(?:[-\u2013]\d+)?"
_TRAILING = re.compile(rf"\s+(\d[\w?]*{_RANGE}(?:\s*,\s*[\w?]+{_RANGE})*)\s*$")
_LIST = rf"\d+{_RANGE}(?:\s*,\s*\d+{_RANGE})*"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_LIST = rf"[{_SUPERSCRIPTS}]+(?:[,⁻–-][{_SUPERSCRIPTS}]+)*"
_AS_DIGITS = str.maketrans({**{c: str(i) for i, c in enumerate(_SUPERSCRIPTS)}, "⁻": "-"})
# The forms other sites write after a sentence's full stop: "… a day. [1]", "… (p < .001). (4)", "… lotion.¹,²";
# and "… malathion [1]." (the full stop goes with the list)
_MARKED = (rf"(?<=[.!?])\s*(?:\[\s*(?P<square>{_LIST})\s*\]|\(\s*(?P<round>{_LIST})\s*\)"
           rf"|(?P<raised>{_SUPERSCRIPT_LIST}))|\s+\[\s*(?P<before>{_LIST})\s*\][.!?]")
_BRACKETED = re.compile(rf"(?:{_MARKED})\s*$")
# Inside a paragraph: a sentence end, then numbers (bare or in one of the marked forms), then the next sentence
# (capital letter) or the end.
_INLINE = re.compile(rf"(?:(?<=[.!?)])\s+(?P<bare>{_LIST})|{_MARKED})(?=\s+[A-Z\"“(]|\s*$)")
MAX_MARKED = 999
"""A number in brackets, parentheses or superscript after a full stop is a citation only up to this (and from 1,
written without a leading zero): "(2019)", "(1,000)" and "(0-100)" are the sentence's own."""
_RANGED = re.compile(r"\d[-\u2013]\d")
"""A citation range closes a line only after a full stop or a bracket ("… combined. 1-3"): a heading ("Stages
1-3") or an uncited bullet ("a heart rate of 51-90") ends with a range of values."""
MAX_RANGE = 50
"""A citation range spans at most this many numbers ("1-3" is 1, 2, 3); a longer one is a figure or a typo."""


MAX_CITATION_NUMBER = 9999
"""Largest citation number accepted: reference lists are numbered from 1 and hold tens of entries; a larger number
is a typo or a figure, and JSON readers would round one past 2^53 (99999999999999999999 reads as 1e20)."""


class CitationSyntaxError(ValueError):
    """A trailing citation list with a token that is not a whole number, or a number out of range."""

    def __init__(self, token: str, message: str | None = None) -> None:
        default = f"citation {token!r} is not a number (expected e.g. '… text 2' or '… text 2, 3')"
        super().__init__(message or default)
        self.token = token


@dataclass(frozen=True)
class CitedSpan:
    """A piece of text (`start`/`end` index the string it was cut from) and the numbers that close it."""

    start: int
    end: int
    citations: tuple[int, ...]


def _numbers(listing: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for token in (token.strip() for token in listing.split(",")):
        first, dash, last = token.replace("\u2013", "-").partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise CitationSyntaxError(token)
        for number in (first, last) if dash else (first,):
            if int(number) > MAX_CITATION_NUMBER:
                raise CitationSyntaxError(token, f"citation {number} is out of range (at most {MAX_CITATION_NUMBER})")
        low, high = int(first), int(last or first)
        if not low <= high < low + MAX_RANGE:
            raise CitationSyntaxError(token, f"citation range {token!r} does not run upwards over at most "
                                             f"{MAX_RANGE} numbers (expected e.g. '1-3')")
        numbers.extend(range(low, high + 1))
    return tuple(dict.fromkeys(numbers))  # "1, 2, 1" and "1-3, 2" cite each reference once


def _marked_numbers(match: re.Match[str]) -> tuple[int, ...]:
    """The citation numbers of a list in brackets, parentheses or superscript (:data:`_MARKED`); none when it is no
    list of references' numbers (MAX_MARKED, a zero, a leading zero, a range that is none)."""
    listing = next(match.group(name) for name in ("square", "round", "raised", "before") if match.group(name))
    listing = listing.translate(_AS_DIGITS)
    if any(token.startswith("0") for token in re.findall(r"\d+", listing)):
        return ()
    try:
        numbers = _numbers(listing)
    except CitationSyntaxError:
        return ()
    return numbers if max(numbers) <= MAX_MARKED else ()


def split_trailing(text: str) -> CitedSpan:
    """The text without its trailing citation list, and the list (empty if there is none).

    A question never carries citations: "… over 40?" ends with a question mark, not with citation "40?"."""
    if text.rstrip().endswith("?"):
        return CitedSpan(0, len(text.rstrip()), ())
    marked = _BRACKETED.search(text)
    if marked is not None and (numbers := _marked_numbers(marked)):
        return CitedSpan(0, marked.start(), numbers)
    match = _TRAILING.search(text)
    if match is None or (_RANGED.search(match.group(1)) and not text[: match.start()].rstrip().endswith((".", ")"))):
        return CitedSpan(0, len(text.rstrip()), ())  # "KDIGO Stages 1-3", "a heart rate of 51-90": no citations
    return CitedSpan(0, match.start(), _numbers(match.group(1)))


def split_paragraph(text: str) -> list[CitedSpan]:
    """Sentences of a paragraph with the citation list that closes each; a tail without one comes last."""
    spans: list[CitedSpan] = []
    cursor = 0
    for match in _INLINE.finditer(text):
        numbers = _numbers(match.group("bare")) if match.group("bare") else _marked_numbers(match)
        if not numbers:
            continue
        spans.append(CitedSpan(cursor, match.start(), numbers))
        cursor = match.end()
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
    tail = text[cursor:].rstrip()
    if tail:
        trailing = split_trailing(tail)
        spans.append(CitedSpan(cursor, cursor + trailing.end, trailing.citations))
    return spans
