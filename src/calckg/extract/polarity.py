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

- the negation a share is the subject of (method 140): "83% did not come back" states that 83% did not, so the
  claim on the 83% is positive, and so is one on a figure of that negated predicate ("… after a median follow-up of
  34 months"); the claim measures the predicate's words (:func:`counted_negation`).

A cue elsewhere in the sentence or in its lead-in leaves the claim positive, with a note naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calckg.claim_cues import blank_out
from calckg.extract.cues import ClaimCues
from calckg.extract.method import METHOD_VERSION
from calckg.model import SHARES, Statistic

__all__ = ["CountedNegation", "Polarity", "counted_negation", "counted_negations", "counts_of", "read_polarity"]


@dataclass(frozen=True)
class Polarity:
    value: str
    """"negative" or "positive"."""
    note: str | None = None
    """Why a negation the sentence holds leaves the claim positive (its ck:polarityNote), if it holds one."""


@dataclass(frozen=True)
class CountedNegation:
    """The negation a share is the subject of, and the words of the predicate it negates."""

    cue: re.Match[str]
    words: str
    """From its auxiliary, copula or modal ("did"), or the cue, up to punctuation, a figure or a word of
    predicate_ends: "did not come back"."""
    end: int
    """Where those words end: a negation cue before it is the predicate's too ("had not sought or were unable to get
    medical help")."""

    def covers(self, start: int) -> bool:
        return self.cue.start() <= start < self.end


def counted_negation(cues: ClaimCues, read: str, statistic: Statistic) -> CountedNegation | None:
    """The negation `statistic` is the subject of, if it is a share ("83% did not come back", "45% of the people who
    died had not sought help", "74.6% … needed no eye drops"): the first negation cue of the part of its clause that
    states it, written after it with only a group and an auxiliary, copula or modal between (with no verb, not right
    after "and": "above 50% to 75% of the best value and no features of …"), when the share is no complement
    ("reduced by 20%", "a 20% fall") (method 140)."""
    if statistic.kind not in SHARES or cues.negation.search(read, statistic.end) is None:  # most figures: at once
        return None
    plain = blank_out(read, cues.not_negation)
    part = cues.clauses.claim_part(plain, statistic.start, statistic.end)
    cue = cues.negation.search(part)
    between = None if cue is None else cues.counted_subject.fullmatch(plain, statistic.end, cue.start())
    if (cue is None or between is None
            or statistic.comparator is None and cues.complement_before.search(plain, 0, statistic.start)
            or not between.group("verb") and cues.clauses.continues(" ".join(between.group(0).split()[-1:]))):
        return None
    end = cues.predicate_end.search(plain, cue.end())
    last = min(len(part.rstrip()), len(plain) if end is None else end.start())
    if between.group("verb"):
        first = between.start("verb")
    else:  # "needed no further intervention": the verb before a negation that follows it
        verb = cues.verb_before.search(plain, statistic.end, cue.end())
        first = cue.start() if verb is None else verb.start()
    return CountedNegation(cue, " ".join(read[first:last].split()), last)


def counted_negations(cues: ClaimCues, text: str, statistics: Iterable[Statistic]) -> tuple[CountedNegation, ...]:
    """The negations that shares of the statement are the subject of (:func:`counted_negation`)."""
    return tuple(found for s in statistics if (found := counted_negation(cues, text, s)) is not None)


def _counting(start: int, counting: Iterable[CountedNegation]) -> CountedNegation | None:
    """The counted negation whose predicate holds the negation cue written at `start`."""
    return next((found for found in counting if found.covers(start)), None)


def counts_of(cues: ClaimCues, read: str, statistic: Statistic,
              counting: Sequence[CountedNegation]) -> CountedNegation | None:  # fmt: skip
    """What `statistic` counts when a negation is its subject's: its own (:func:`counted_negation`), or, for a share
    whose clause holds only negations another share counts, that share's ("58% … were free of seizures …, compared
    with 8% of those who continued medical treatment": the 8% were free of seizures too)."""
    own = counted_negation(cues, read, statistic)
    if own is not None or statistic.kind not in SHARES or not counting:
        return own
    plain = blank_out(read, cues.not_negation)
    found = [c.start() for c in cues.negation.finditer(cues.clauses.claim_part(plain, statistic.start, statistic.end))]
    return _counting(found[0], counting) if found and all(_counting(s, counting) for s in found) else None


def read_polarity(cues: ClaimCues, text: str, read: str, lead_in: str, statistic: Statistic, *, given: bool,
                  measured: bool, counted: Iterable[CountedNegation] = ()) -> Polarity:  # fmt: skip
    """The polarity of the claim on `statistic` (`read`: the statement's text as read for this figure; `given`: the
    figure is a dose, strength or course; `measured`: the claim has an outcome; `counted`: the negations that shares
    of the statement are the subject of, :func:`counted_negations`)."""
    plain = blank_out(read, cues.not_negation)
    part = cues.clauses.claim_part(plain, statistic.start, statistic.end)
    found = list(cues.negation.finditer(part))
    if found:
        here = found[0].group(0)
        # the share is the negation's subject, or the figure stands in the predicate a share counts: "83% did not come
        # back after a median follow-up of 34 months" states both figures (method 140)
        if all(_counting(c.start(), counted) for c in found):
            return Polarity("positive", f"Extracted as positive: the negation “{here}” is what the share written "
                                        f"before it counts: the sentence states that share (method "
                                        f"{METHOD_VERSION}); check the sentence.")
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
