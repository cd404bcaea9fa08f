"""The polarity of an extracted figure claim (:mod:`calckg.extract.claims`) and the note that says why a negation
of its sentence does not make it negative.

A claim is negative when a negation cue stands in the part of the clause that states its figure
(:meth:`calckg.extract.clause.ClauseReader.claim_part`), except where that cue is

- a negated effect after an amount that was given (method 117): "Digoxin 62.5–125 µg once daily did not reduce
  mortality" still gave the dose;
- a bound on when something begins, a negation and a word of negation_bounds before the figure (method 133): "it
  is not started until at least 24 hours after the last drink" starts it at 24 hours or later;
- only an exclusion after a copula ("had been free of seizures", "will be without calcifications") and the claim
  measures nothing (method 118): the exclusion names the absence of what the figure would measure, so it negates a
  figure on that measure ("76% had been free of seizures" measures seizures, negated), not a follow-up time, a
  duration or a rate whose measure the sentence does not name ("after 5 years", "for 2 years").

A cue elsewhere in the sentence or in its lead-in leaves the claim positive, with a note naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

from calckg.claim_cues import blank_out
from calckg.extract.cues import ClaimCues
from calckg.extract.method import METHOD_VERSION
from calckg.model import Statistic

__all__ = ["Polarity", "read_polarity"]


@dataclass(frozen=True)
class Polarity:
    value: str
    """"negative" or "positive"."""
    note: str | None = None
    """Why a negation the sentence holds leaves the claim positive (its ck:polarityNote), if it holds one."""


def read_polarity(cues: ClaimCues, text: str, read: str, lead_in: str, statistic: Statistic, *, given: bool,
                  measured: bool) -> Polarity:  # fmt: skip
    """The polarity of the claim on `statistic` (`read`: the statement's text as read for this figure; `given`: the
    figure is a dose, strength or course; `measured`: the claim has an outcome)."""
    plain = blank_out(read, cues.not_negation)
    part = cues.clauses.claim_part(plain, statistic.start, statistic.end)
    found = list(cues.negation.finditer(part))
    if found:
        here = found[0].group(0)
        # every cue after the figure and negating an effect: "Digoxin 0.25 mg once daily did not reduce mortality"
        if given and all(c.start() >= statistic.end and cues.negated_effect.match(part, c.start()) for c in found):
            return Polarity("positive", f"Extracted as positive: the negation “{here}” says an effect of what was "
                                        f"given did not happen; the dose or course itself was given (method "
                                        f"{METHOD_VERSION}); check the sentence.")
        # every cue before the figure and bounding when something begins: "it is not started until at least 24 hours
        # after the last drink" starts it at 24 hours or later (method 133)
        bounds = [cues.negation_bound.match(plain, c.start()) for c in found]  # "until" opens a condition: read whole
        if all(b is not None and b.end() <= statistic.start for b in bounds):
            return Polarity("positive", f"Extracted as positive: “{here} … {bounds[0].group(0).split()[-1]}” says "
                                        f"when something begins, and the figure is that time (method "
                                        f"{METHOD_VERSION}); check the sentence.")
        if not measured and all(cues.clauses.is_exclusion(c.group(0)) for c in found):
            return Polarity("positive", f"Extracted as positive: “{here}” names the absence of an outcome the claim "
                                        f"does not measure (method {METHOD_VERSION}); check the sentence.")
        return Polarity("negative")
    elsewhere = (cues.negation.search(blank_out(text, cues.not_negation))
                 or cues.negation.search(blank_out(lead_in, cues.not_negation)))
    if elsewhere is None:
        return Polarity("positive")
    return Polarity("positive", f"Extracted as positive: the negation “{elsewhere.group(0)}” does not negate the "
                                f"clause that states the figure: it stands outside it, in a condition of it or names "
                                f"a group (method {METHOD_VERSION}); check the sentence.")
