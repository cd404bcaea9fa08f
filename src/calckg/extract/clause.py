"""The clause of a sentence that states a figure: where a negation must stand to negate it.

A clause runs between two boundaries of the sentence: a semicolon, a colon or a comma (not a dash: "CCCR between
0.01 and 0.02 - does not separate the two conditions" says its predicate after one). Text inside parentheses never
bounds a clause, a figure inside parentheses belongs to the clause the parenthesis follows ("did not recover better
… (71.2% vs 75.7%)"), and a parenthesis without the figure is an aside that negates nothing of it ("TR2 (not
suspicious) - 1.5%"). So "Without treatment, approximately 70% of
patients recover" states its figure in a clause without the negation, while "52.2% of microcalcifications … are
missed on mammograms" and "Empagliflozin is not recommended … when eGFR is below 30 mL/min" state theirs in the
negated clause. Punctuation only: a negation inside a condition or a relative clause of the same clause ("when
targets are not met", "who did not respond") still counts (a known limit, docs/vocabulary.md).
"""

from __future__ import annotations

import re

BOUNDARY = re.compile(r"[;:,]")


def _parentheses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level parenthesis, end after its closing bracket (or the text's end)."""
    spans, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = position
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, position + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def figure_clause(text: str, start: int, end: int) -> str:
    """The clause of `text` that states the figure at text[start:end], its asides (parentheses without the figure)
    blanked out, at the clause's offsets in `text` (what lies outside it is blank too)."""
    spans = _parentheses(text)
    own = next(((a, b) for a, b in spans if a <= start < b), None)
    if own is not None:
        start, end = own[0], max(end, own[1])
    inside = lambda position: any(a <= position < b for a, b in spans)  # noqa: E731
    cuts = [m for m in BOUNDARY.finditer(text) if not inside(m.start())]
    begin = max((m.end() for m in cuts if m.end() <= start), default=0)
    finish = min((m.start() for m in cuts if m.start() >= end), default=len(text))
    kept = [char if begin <= i < finish else " " for i, char in enumerate(text)]
    for a, b in spans:
        if (a, b) != own:
            kept[a:b] = " " * (b - a)
    return "".join(kept)
