"""The hedge of an extracted figure claim: which hedge cue of its sentence (or lead-in) bears on the figure.

The figure's own qualifier unless it is a qualifier prefix alone ("only 80%" stresses, method 35), else the hedge cue
of the clause that states it nearest before the figure (else the clause's first; else the lead-in's the claim is
read with) that is no comparator word; a qualifier that is a comparator word too ("up to 3 weeks") hedges only a
figure whose clause has no other hedge cue before it that is no other figure's qualifier ("can give relief for up to
3 weeks" is hedged by "can", method 25): "more than 95%" bounds a figure, it does not hedge it, and the bound is the
figure's ck:comparator already. Nor is the own qualifier of a
figure of another kind or unit: "about 50% within 5 years" hedges 50%, not 5 years, while "approximately 5% of women
and 1% of men" hedges both. A comparison ("came back less often") or a bound ("not more often than every 2 years")
that holds a hedge word does not hedge (the statement's ck:hasHedgeCue marks leave out the first kind too:
:mod:`calckg.claim_cues`), nor does a concept's name ("estimated glomerular filtration rate"), nor a hedge of a
later conjunct (after ", and" or ", or") any figure written before it (method 33), nor a cue right before a number
word that is read as no figure ("About two thirds of patients respond …": method 45), nor an approximation word
written after the figure ("Each 1 mmHg reduction … was associated with about a 10% lower risk": it approximates what
follows it, method 62), nor a cue after the figure with a relative word between ("… 10 g …, followed by a maintenance
dose that usually starts at 5 g": the relative clause's own, method 70), nor a cue that opens an aside set off by
commas closed before the figure (", usually allopurinol started at 100 mg …, is offered …, aiming for a serum urate <
360 µmol/L": method 114), nor a cue after the figure right after "and" or "and then" ("started at 10 mg … and then
usually reduced to 5 mg": the later conjunct's, method 121), nor a cue outside the brackets that hold the figure in a
clause of their own ("(osteoporosis is a T-score ≤ −2.5), usually starting with …": method 127), nor an earlier item's
cue on a figure that opens a later item with a verb of its own ("< 25 pmol/L suggests deficiency, 25–70 pmol/L is
indeterminate": method 130), nor a cue of an example set off by a comma from the figure's clause ("13% … stopped it
because of side effects, most often dry mouth, compared with 9% …": method 141). An approximation keeps a modal verb of its
clause too: before it ("may lower it by about 5 to 6 mmHg" is "may, about", method 29), else after it, unless a
continuation word stands between ("about 100 g of prunes a day may also help" is "about, may", method 67). The cue
words are data
(data/claim-cues.json, data/quantities.json).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from calckg.claim_cues import alternation, blank_out
from calckg.extract.clause import kept_within
from calckg.extract.cues import ASIDE_END, ClaimCues
from calckg.ingest.quantities import shipped_lexicon
from calckg.ingest.quantity_entries import spaced
from calckg.model import Statement, Statistic

__all__ = ["read_hedge"]

_PHRASE_END = re.compile(r",(?=\s)|[;(]")
_WORD = re.compile(r"[^\W\d_]")
_ONE_WORD_THEN_NUMBER = re.compile(r"\s+(?:[^\W\d_]+\s+)?(?=\d)")
APPROXIMATED_GAP = 4
"""An approximation right before a number that is no figure, more than this many words before the figure, approximates
that number alone ("at about 0.8 g per kg of body weight a day if the eGFR is below 60": method 89); nearer, it may
open the figure's own expression ("approx. 1 in 10,000 to 1 in 100,000")."""


def read_hedge(cues: ClaimCues, statement: Statement, read: str, statistic: Statistic, lead_text: str,
               names: Sequence[tuple[int, int]], *, counted: bool = False) -> tuple[str | None, str | None]:
    """(the hedge of `statistic`, None), or (None, a hedge cue found only elsewhere in the sentence or `lead_text`,
    for a note), or (None, None). `read`: the statement's text as read for the figure (its clause's earlier
    conjuncts may be blanked out: :func:`calckg.extract.roles.own_conjunct`); `names`: where the statement names
    concepts (no hedge there); `counted`: the figure is a study's size, which only a cue before it hedges ("A
    meta-analysis of 116 studies estimated that …" does not estimate the 116: method 119)."""
    text = blank_out(read, cues.not_hedge)
    lead = blank_out(lead_text, cues.not_hedge)
    named = cues.hedge.sub(lambda cue: " " * len(cue[0]) if any(a <= cue.start() < b for a, b in names)
                           else cue[0], text)
    clause = cues.clauses.clause(blank_out(named, cues.not_negation), statistic.start, statistic.end)
    # a later conjunct's hedge bears on no earlier figure, as its negation does not (method 33: "… 140/90 mmHg or
    # higher, and it is treated …, usually starting with an ACE inhibitor")
    later = next((m.start() for m in cues.clauses.conjunctions(clause) if m.start() >= statistic.end), None)
    clause = clause if later is None else clause[:later] + " " * (len(clause) - later)
    # … nor does another predicate's ("… 1 mg once daily … and are usually well tolerated": method 85)
    clause = cues.clauses.own_predicate(clause, statistic.start, statistic.end)
    # … nor an earlier conjunct's on a later one with a verb of its own ("… can be used for screening, and a score of
    # 3 or more should prompt …": method 75)
    own = cues.clauses.own_conjunct_start(clause, statistic.start, statistic.end)
    clause = clause if own is None else " " * own + clause[own:]
    # … nor one outside the brackets of a clause of its own ("(osteoporosis is a T-score ≤ −2.5), usually …": 127)
    if (inside := cues.clauses.bracketed_clause(clause, statistic.start, statistic.end)) is not None:
        clause = kept_within(clause, *inside)
    # … nor one of an example set off by a comma from the figure's clause ("13% … stopped it because of side effects,
    # most often dry mouth, compared with 9% …" hedges neither: method 141)
    for start, stop in cues.example_asides(clause):
        if not start <= statistic.start < stop:
            clause = clause[:start] + " " * (stop - start) + clause[stop:]
    spans = tuple((s.start, s.end) for s in statement.statistics)
    # … nor an earlier item's of a list of clauses that each state a figure ("< 25 pmol/L suggests deficiency, 25–70
    # pmol/L is indeterminate": method 130)
    if (item := cues.clauses.figure_item(clause, statistic.start, statistic.end, spans)) is not None:
        clause = kept_within(clause, *item)
    # another figure's own qualifier is not this one's when that figure is of another kind or unit ("about 50% within 5
    # years"), or written before this one with no comma or continuation between (a change, "from about 7 days to 6.3
    # days", or a confidence interval, "about 16.8 hours (95% CI 8.4 to 25.1 hours)": method 75); a list shares it
    # ("approximately 5% of women and 1% of men")
    owned = frozenset(s.start for s in statement.statistics if s is not statistic and s.qualifier
                      and ((s.kind, s.unit) != (statistic.kind, statistic.unit)
                           or (s.end <= statistic.start and not _listed(cues, text[s.end : statistic.start]))))
    # a qualifier that is a prefix word alone stresses the figure, it does not hedge it: "only 80%" (method 35)
    own = None if statistic.qualifier is None or spaced(statistic.qualifier) in _prefix_words() else statistic.qualifier
    if own is not None and spaced(own) in _comparator_words():  # "up to": a bound first
        others = frozenset(s.start for s in statement.statistics if s is not statistic and s.qualifier)
        hedge = _hedge_cue(cues, clause, statistic.start, others, before_only=True, figures=spans) or own
    else:
        hedge = own or _hedge_cue(cues, clause, statistic.start, owned, before_only=counted, figures=spans)
        # an approximation keeps the clause's hedge before it too: "may lower it by about 5 to 6 mmHg" is a possible
        # effect of about that size, not a certain one (method 29)
        modal = (_hedge_cue(cues, clause, statistic.start, owned | {statistic.start}, before_only=True, figures=spans)
                 if own else None)
        if modal is not None and spaced(modal) not in _qualifier_words():
            hedge = f"{modal}, {own}"
        elif own is not None and (after := _modal_after(cues, clause, statistic.end)):
            hedge = f"{own}, {after}"
    hedge = hedge or _hedge_cue(cues, lead)
    if hedge:
        return hedge, None
    whole = text if read == statement.text else blank_out(statement.text, cues.not_hedge)
    elsewhere = cues.hedge.search(whole) or cues.hedge.search(lead)
    return None, elsewhere.group(0) if elsewhere else None


def _listed(cues: ClaimCues, between: str) -> bool:
    """Whether the words between two figures make them items of one list: a comma or a continuation word."""
    return "," in between or cues.clauses.continues(between)


def _modal_after(cues: ClaimCues, clause: str, end: int) -> str | None:
    """A modal verb of the clause (modal_hedges) written after the figure ending at `end`, with no word of the
    continuations between: "about 100 g of prunes a day may also help" hedges the 100 g with "may" too (method 67),
    "affects about 0.2% to 0.5% … and usually occurs within …" hedges nothing but what follows "and"."""
    found = cues.modal.search(clause, end)
    return None if found is None or cues.clauses.continues(clause[end : found.start()]) else found.group(0)


def _hedge_cue(cues: ClaimCues, text: str, before: int | None = None, owned: frozenset[int] = frozenset(),
               before_only: bool = False, figures: tuple[tuple[int, int], ...] | None = None) -> str | None:
    """The hedge cue of `text` that is no comparator word and not written right before a figure that starts at one
    of `owned` (that figure's own qualifier), nor, with the statement's `figures` (start, end), written after the
    figure at `before` and right before a number that is none of them ("600 mg is taken once daily at about 5 pm": it
    approximates that number, not the 600 mg), nor an approximation right before such a number before the figure
    with a comma or bracket between them ("about 3 times higher, with an odds ratio of 3.11": method 75; "approx. 1
    in 10,000 to 1 in 100,000" still hedges the range): the last one starting before `before` (the figure's own:
    "unlikely to help if below 20 mg/L, might help if 20 to 40 mg/L" hedges 20-40 with "might"), else the first
    (unless `before_only`)."""
    found = [cue for cue in cues.hedge.finditer(text)
             if spaced(cue.group(0)) not in _comparator_words()
             and (after := len(text) - len(text[cue.end():].lstrip())) not in owned
             and not _number_word_after().match(text, cue.end())
             and not (figures is not None and before is not None
                      and (cue.start() > before
                           or (spaced(cue.group(0)) in _qualifier_words()
                               and (_PHRASE_END.search(text, after, before)
                                    or len(text[after:before].split()) > APPROXIMATED_GAP)))
                      and text[after : after + 1].isdigit() and not any(a <= after < b for a, b in figures))
             and not (figures is not None and before is not None and cue.start() > before
                      and _another_figure_after(text, cue.end(), figures, before))
             and not (before is not None and cue.end() <= before
                      and (_closed_relative(cues, text, cue, before) or _closed_aside(text, cue, before)))
             and not (before is not None and cue.start() > before  # after the figure: an approximation's, or a
                      and (spaced(cue.group(0)) in _qualifier_words()  # relative clause's own (methods 62, 70)
                           or cues.relative.search(text, before, cue.start()) is not None
                           # … or a later conjunct's ("started at 10 mg … and then usually reduced": method 121)
                           or cues.clauses.opens_a_conjunct(text, before, cue.start())))]
    preceding = [cue for cue in found if cue.start() < before] if before is not None else []
    chosen = preceding[-1] if preceding else (found[0] if found and not before_only else None)
    return chosen.group(0) if chosen else None


def _closed_relative(cues: ClaimCues, text: str, cue: re.Match[str], figure: int) -> bool:
    """Whether the cue stands in a relative clause closed by a comma before the figure: "… the highest licensed dose
    that the person can tolerate, for example ramipril started at 1.25 to 2.5 mg" (method 94)."""
    opened = cues.clause_relative.search(text, text.rfind(",", 0, cue.start()) + 1, cue.start())
    return opened is not None and _PHRASE_END.search(text, cue.end(), figure) is not None


def _closed_aside(text: str, cue: re.Match[str], figure: int) -> bool:
    """Whether the cue opens an aside set off by commas that closes before the figure: "urate-lowering therapy (ULT),
    usually allopurinol started at 100 mg …, is offered to people with recurrent flares, aiming for a serum urate <
    360 µmol/L" hedges the allopurinol dose, not the target (method 114). An aside of the cue alone (", often, a
    platelet count > 400") hedges what follows it, and a bracket inside the aside closes nothing ("usually with one
    tablet of ferrous sulfate 200 mg (65 mg of elemental iron)")."""
    closing = ASIDE_END.search(text, cue.end(), figure)
    return (text[: cue.start()].rstrip().endswith(",") and closing is not None
            and _WORD.search(text, cue.end(), closing.start()) is not None)


def _another_figure_after(text: str, end: int, figures: tuple[tuple[int, int], ...], figure: int) -> bool:
    """Whether another figure than the one starting at `figure` follows `end`, at most one word between: a hedge
    written after a figure and right before another ("every 4 to 8 weeks, usually for 3 years") is the other's
    (method 89)."""
    found = _ONE_WORD_THEN_NUMBER.match(text, end)
    return found is not None and any(a == found.end() and a != figure for a, _ in figures)


@lru_cache(maxsize=1)
def _number_word_after() -> re.Pattern[str]:
    """A number word right after a hedge cue ("About two thirds of patients respond …, and many improve within 1 to
    4 weeks"): the cue approximates that number, read as no figure, and hedges none of the sentence's figures."""
    return re.compile(rf"(?i)\s+(?:{alternation(shipped_lexicon().number_words)})(?![\w-])")


@lru_cache(maxsize=1)
def _qualifier_words() -> frozenset[str]:
    """The qualifiers of data/quantities.json ("about", "approximately", "nearly"…): a figure's own approximation."""
    return frozenset(spaced(q) for q in shipped_lexicon().qualifiers)


@lru_cache(maxsize=1)
def _comparator_words() -> frozenset[str]:
    """The comparator words of data/quantities.json ("more than", "at least", "under", "or more"…)."""
    lexicon = shipped_lexicon()
    return frozenset(lexicon.before) | frozenset(lexicon.after)


@lru_cache(maxsize=1)
def _prefix_words() -> frozenset[str]:
    """The qualifier prefixes of data/quantities.json ("only"): alone, a figure's stress, not its approximation."""
    return frozenset(spaced(p) for p in shipped_lexicon().qualifier_prefixes)
