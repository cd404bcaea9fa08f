"""Figures written in order for items named in order ("Sensitivity and specificity were 90% and 80% respectively",
"60% and 45% of patients given ibuprofen and paracetamol, respectively"), and a figure written against the one
before it ("sitagliptin … compared with placebo (11.4% compared with 11.6%; …)"): method 97 of
:mod:`calckg.extract.claims`.

A list is a run of mentions (or figures) with only a list gap between each two (", ", " and ", ", or "), the last two
joined by a word of continuations. A list of figures that ends at most :data:`TAIL_WORDS` words before a word of
respective_cues pairs its i-th figure with the i-th item of a list of as many measures, the last one before the first
figure in the figures' clause (its measure), and of a list of as many concepts, written between the figures and the
cue or else the last one before the first figure (its subject, with the next item, the first after the last, as
object). Two figures with no such list of concepts, and the second of two figures of one kind joined by nothing but a
word of comparison_openers, take the pair of arms the sentence gives the figure before them the other way round, when
both arms are interventions or substances ("comparing ciprofloxacin drops with neomycin drops, clinical cure was seen
in 90.9% and 83.9% of people respectively": the 83.9% is neomycin's); a figure tied to an arm by its own words keeps
it ("… reduced the outcome to 6.6%, compared with 8.9% with placebo").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from dataclasses import dataclass

from calckg.extract.clause import ClauseReader
from calckg.extract.figure_ties import Mention
from calckg.interventions import can_be_dosed
from calckg.model import Statement, Statistic

__all__ = ["Respective", "respective_items"]

TAIL_WORDS = 8
"""At most this many words between a list of figures and the cue after it ("83.9% of people respectively", "60%
and 45% of patients given ibuprofen and paracetamol, respectively")."""
_TAIL = re.compile(rf"\s*(?:[^\W\d_][\w-]*,?\s+){{0,{TAIL_WORDS}}}")


@dataclass(frozen=True)
class Respective:
    """What the i-th figure of a respective list takes: its measure and its arms, each None when no list gives it
    (`swap`: the arms the sentence gives it otherwise, in the other order: :meth:`roles`)."""

    measure: Mention | None = None
    arms: tuple[Mention, Mention] | None = None
    swap: bool = False

    def roles(self, found: tuple[Mention, Mention], before: tuple[Mention, Mention] | None) -> tuple[Mention, Mention]:
        """The figure's (subject, object): its items' in order, or `found` (the pair the sentence gives it) the other
        way round when that is two arms (interventions or substances) and the pair `before` gave the figure before
        it too (so no word of its own gave it that pair: "… 6.6%, compared with 8.9% with placebo" is placebo's)."""
        if self.arms is not None:
            return self.arms
        subject, obj = found
        concepts = [m.match.concept for m in found]
        arms = concepts[0] != concepts[1] and all(can_be_dosed(concept) for concept in concepts)
        same = before is not None and [m.match.concept for m in before] == concepts
        return (obj, subject) if self.swap and arms and same else found


def respective_items(cue: re.Pattern[str], comparison: re.Pattern[str], clauses: ClauseReader, statement: Statement,
                     own: Sequence[Mention], measures: Sequence[Mention]) -> dict[int, Respective]:  # fmt: skip
    """0-based position of each figure of a respective list → what it takes from the lists before it; and of the
    second of two figures of one kind joined by nothing but a comparison word ("sitagliptin … compared with placebo
    (11.4% compared with 11.6%; …)"), the arms the other way round (:meth:`Respective.roles`)."""
    text, figures = statement.text, statement.statistics
    found: dict[int, Respective] = {
        position + 1: Respective(swap=True) for position, (first, second) in enumerate(pairwise(figures))
        if first.kind is second.kind and comparison.fullmatch(text[first.end : second.start].strip(" ,"))}
    for match in cue.finditer(text):
        run = _figure_run(clauses, text, figures, match.start())
        if len(run) < 2:
            continue
        first = figures[run[0]]
        clause = clauses.clause(text, first.start, first.end)
        named = _last_list(clauses, text, [m for m in measures if clause[m.match.start : m.match.end].strip()],
                           first.start, len(run))
        after = [m for m in own if m.match.start >= figures[run[-1]].end]
        items = (_last_list(clauses, text, after, match.start(), len(run))
                 or _last_list(clauses, text, own, first.start, len(run)))
        for index, position in enumerate(run):
            arms = None if items is None else (items[index], items[(index + 1) % len(items)])
            found[position] = Respective(None if named is None else named[index], arms,
                                         swap=items is None and len(run) == 2 and index == 1)
    return found


def _figure_run(clauses: ClauseReader, text: str, figures: Sequence[Statistic], cue_start: int) -> list[int]:
    """Positions of the figures of the list that ends right before the cue (empty when none does)."""
    last = next((i for i in range(len(figures) - 1, -1, -1) if figures[i].end <= cue_start), None)
    if last is None or _TAIL.fullmatch(text, figures[last].end, cue_start) is None:
        return []
    run = [last]
    while run[0] > 0 and clauses.list_gap(text, figures[run[0] - 1].end, figures[run[0]].start):
        run.insert(0, run[0] - 1)
    return run


def _last_list(clauses: ClauseReader, text: str, mentions: Sequence[Mention], before: int,
               size: int) -> list[Mention] | None:  # fmt: skip
    """The last list of exactly `size` distinct concepts written before `before`: each two joined by a list gap, the
    last two by one holding a word of continuations ("ibuprofen and paracetamol", "A, B and C"), and no concept
    joined to its first one by a list gap (so no tail of a longer list)."""
    written = sorted((m for m in mentions if m.match.end <= before and not m.borrowed), key=lambda m: m.match.start)

    def joined(a: Mention, b: Mention) -> bool:
        return clauses.list_gap(text, a.match.end, b.match.start)

    for last in range(len(written) - 1, size - 2, -1):
        run = written[last - size + 1 : last + 1]
        if (all(joined(a, b) for a, b in pairwise(run))
                and clauses.continues(text[run[-2].match.end : run[-1].match.start])
                and not (last - size >= 0 and joined(written[last - size], run[0]))
                and len({m.match.concept for m in run}) == size):
            return run
    return None
