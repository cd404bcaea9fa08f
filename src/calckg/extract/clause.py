"""The clause of a sentence that states a figure: where a negation or a hedge must stand to bear on it.

Conservative on purpose (a negation or hedge wrongly dropped is worse than one wrongly kept), so only these bound a
clause, never a bare comma ("acute lowering to a target of 140 mmHg, keeping it within 130-150 mmHg, may be
reasonable" hedges both figures):
- a semicolon or a colon;
- a comma followed by a word of `connectors` ("…below 250 mg/dL, so it may be missed", "…at 24 hours, when
  approximately 60% were already improving");
- the comma that ends a sentence's opening phrase, when the sentence starts with a word of `openers` ("Without
  treatment, approximately 70% of patients recover", "Under the Berlin definition, …").
Text inside parentheses never bounds a clause; a figure inside parentheses belongs to the clause the parenthesis
stands in ("did not recover better … (71.2% vs 75.7%)"), and a parenthesis without the figure is an aside that bears
on nothing else ("TR2 (not suspicious) - 1.5%"). A word of `conditions` ("if", "unless") opens a condition that
runs to the clause's end: a negation there states when the claim holds, not that it does not ("offering metformin
if targets are not met within 1-2 weeks"); :meth:`ClauseReader.claim_part` leaves it out, and a word that negates
only after a copula ("without": "will be without calcifications") where it names a group or an outcome instead
("adults without diabetes", "survival without severe disability"). The word lists are data (data/claim-cues.json).
Known limit: a negation inside a relative clause ("adults who did not respond") still counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from calckg.claim_cues import alternation


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


class ClauseReader:
    """Finds the clause that states a figure, with the connector and opener words of the cue file."""

    def __init__(self, connectors: Iterable[str], openers: Iterable[str], conditions: Iterable[str] = (),
                 copula_only: Iterable[str] = (), copulas: Iterable[str] = ()) -> None:
        self._boundary = re.compile(rf"(?i)[;:]|,(?=\s+(?:{alternation(connectors)})\b)")
        self._opener = re.compile(rf"(?i)^\s*(?:{alternation(openers)})\b")
        self._condition = re.compile(rf"(?i)(?<![\w-])(?:{alternation(conditions)})(?![\w-])")
        self._copula_only = re.compile(rf"(?i)(?<![\w-])(?:{alternation(copula_only)})(?![\w-])")
        self._copula = re.compile(rf"(?i)(?<![\w-])(?:{alternation(copulas)})\s+$")

    def claim_part(self, text: str, start: int, end: int) -> str:
        """The clause that states the figure (:meth:`clause`) less its condition (from a word of `conditions` to the
        clause's end) and less every word of `copula_only` that does not follow a word of `copulas` ("people without
        cardiovascular disease" names a group, "10% will be without calcifications" negates), blanked out (offsets
        kept). A negation must stand here to make the claim negative."""
        clause = self.clause(text, start, end)
        found = self._condition.search(clause)
        if found is not None:
            clause = clause[: found.start()] + " " * (len(clause) - found.start())
        for word in self._copula_only.finditer(clause):
            if not self._copula.search(clause, 0, word.start()):
                clause = clause[: word.start()] + " " * (word.end() - word.start()) + clause[word.end():]
        return clause

    def clause(self, text: str, start: int, end: int) -> str:
        """The clause of `text` that states the figure at text[start:end], at its offsets in `text`: everything
        outside it, and every parenthesis of it without the figure, is blanked out."""
        spans = _parentheses(text)
        own = next(((a, b) for a, b in spans if a <= start < b), None)
        if own is not None:
            start, end = own[0], max(end, own[1])
        inside = lambda position: any(a <= position < b for a, b in spans)  # noqa: E731
        cuts = [(m.start(), m.end()) for m in self._boundary.finditer(text) if not inside(m.start())]
        if self._opener.match(text):
            first = next((i for i, char in enumerate(text) if char == "," and not inside(i)), None)
            if first is not None:
                cuts.append((first, first + 1))
        begin = max((b for a, b in cuts if b <= start), default=0)
        finish = min((a for a, b in cuts if a >= end), default=len(text))
        kept = [char if begin <= i < finish else " " for i, char in enumerate(text)]
        for a, b in spans:
            if (a, b) != own:
                kept[a:b] = " " * (b - a)
        return "".join(kept)
