"""Effect estimates written in brackets right after what they are of (figure-extraction method 149).

"The same meta-analysis found higher odds of pre-eclampsia (odds ratio 3.47, 95% CI 1.95 to 6.17) and of preterm
birth (odds ratio 1.75, 95% CI 1.16 to 2.62)": the estimate written first in brackets opened right after a concept
that is no arm (nothing given or done, calckg.interventions) is of that concept. It is the estimate's outcome and
object, and neither it nor the concept another estimate is of is the estimate's subject (the 1.75 had pre-eclampsia
as subject and the 3.47 preterm birth as object and outcome). An estimate in brackets right after an arm ("with
warfarin (hazard ratio 0.79, …)") is left to the other rules, and so is every other figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from calckg.extract.figure_ties import Mention, open_bracket
from calckg.extract.population import Population, written_within
from calckg.figure_links import EFFECT_ESTIMATES
from calckg.interventions import can_be_dosed, is_intervention
from calckg.model import Statistic

__all__ = ["bracketed_concepts", "bracketed_roles"]

_NAME_WORDS = re.compile(r"[^\W\d_]*(?:\s+[^\W\d_]+)*\s*")
"""Words only (or nothing), between a bracket and the estimate written first in it ("(adjusted odds ratio 0.31")."""


def bracketed_concepts(text: str, statistics: Sequence[Statistic], mentions: Sequence[Mention],
                       populations: Sequence[Population] = ()) -> dict[int, Mention]:  # fmt: skip
    """Each effect estimate's concept (by the estimate's 0-based position) when it is written first in brackets
    opened right after that concept, and the concept is no arm (something given or done) nor written in one of the
    statement's `populations` ("by 78% in patients with confirmed COPD (relative risk 0.22": COPD is whom the
    estimate holds for)."""
    found = {}
    for position, statistic in enumerate(statistics):
        if statistic.kind not in EFFECT_ESTIMATES:
            continue
        opened = open_bracket(text, statistic.start)
        if opened is None or not _NAME_WORDS.fullmatch(text, opened + 1, statistic.start):
            continue
        before = [m for m in mentions if m.match.end <= opened and not text[m.match.end : opened].strip()]
        if before and not (can_be_dosed(before[-1].match.concept) or is_intervention(before[-1].match.concept)
                           or any(written_within(p, before[-1].match.start, before[-1].match.end)
                                  for p in populations)):
            found[position] = before[-1]
    return found


def bracketed_roles(roles: tuple[Mention, Mention], concept: Mention, bracketed: Sequence[Mention],
                    own: Sequence[Mention], title: Callable[[], list[Mention]]) -> tuple[Mention, Mention]:  # fmt: skip
    """(subject, object) of an estimate that is of `concept`: the object is the concept; the subject is the one the
    other rules chose unless that is a concept some estimate is of (`bracketed`), else the first of the statement's
    concepts (`own`) written before the concept that is none ("In … 19,486 people with inflammatory bowel disease,
    those taking thiopurines had a higher risk of lymphoma (hazard ratio 5.28"), else the first of the article
    title's concepts that is none, else the concept itself."""
    subject = roles[0]
    if any(subject.match.concept == m.match.concept for m in bracketed):
        before = [m for m in own if m.match.end <= concept.match.start]
        subject = next((m for m in (*before, *title()) if all(m.match.concept != b.match.concept for b in bracketed)),
                       concept)
    return subject, concept
