"""Which concept a figure belongs to by its words, for the figure claims (calckg.extract.claims).

- a concept right before the figure and its hedge, with nothing, a `figure_links_before` word or a drug's route or
  salt (`drug_modifiers`) between ("naproxen 500 mg", "febuxostat at 40 mg", "a specificity of about 75%",
  "cefuroxime axetil 500 mg"), else right after it through an `arm_links_after` phrase ("11.9% of the placebo
  group", "29.5% with placebo"), or, for a duration, the drug, treatment or substance it is a course of through a
  `course_links_after` word ("10 days of doxycycline", "30 days of intravenous ceftriaxone")
  (:func:`attached_concepts`);
- a dose's time or frequency belongs to the drug of the dose written just before it (:func:`carried`);
- a named ratio tied to no concept in a sentence whose rates belong to exactly two arms compares those arms
  (:func:`effect_of_arms`);
- what a change written right before the figure changes is its outcome in words when no concept names it
  (:func:`outcome_words`: "reduced the weekly itch severity score by 9.8 points").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef

from calckg.extract.cues import ClaimCues
from calckg.extract.measure_choice import QUANTITIES, time_units
from calckg.ingest.quantities import shipped_lexicon
from calckg.interventions import can_be_dosed
from calckg.link import ConceptMatch
from calckg.model import Statement, Statistic, StatisticKind

DOSES = QUANTITIES  # a dose is written as a quantity or a range of one
CARRIED = DOSES | {StatisticKind.DURATION}
"""The kinds of figure that belong to the drug of the dose written right before them ("100 mg every 6 hours"): a
duration, or another dose ("200 mg on the first day, then 100 mg")."""
CARRY_GAP = 30
_PUNCTUATION = re.compile(r"[,;:()\[\]]")
_REST_OF_WORD = re.compile(r"[\w-]*[\s,]*")  # "-clavulanate " after the mention of amoxicillin
ARM_RATES = frozenset({StatisticKind.PERCENTAGE, StatisticKind.PROPORTION})
"""The kinds of figure an arm phrase after it makes that arm's rate ("3.0% of those on standard therapy")."""


@dataclass(frozen=True)
class Mention:
    """A concept mention a figure claim may take its subject, object or outcome from."""

    match: ConceptMatch
    node: URIRef
    """The statement (or, for `in_question`, the article's question) whose text holds the mention."""
    in_lead_in: bool = False
    in_question: bool = False

    @property
    def borrowed(self) -> bool:
        """Found outside the figure's own statement (its lead-in or the article's title)."""
        return self.in_lead_in or self.in_question


def attached_concepts(cues: ClaimCues, text: str, statistic: Statistic, own: list[Mention],
                      statistics: Sequence[Statistic] = ()) -> list[Mention]:
    """The concept the figure belongs to by its words (at most one): right before it and its hedge (a drug's route
    or salt may stand between: "cefuroxime axetil 500 mg"; for a duration, a drug that is no list's last item and a
    word of course_links_before: "sofosbuvir-velpatasvir for 12 weeks"), else for a dose the drug written right
    after it ("the 52 mg levonorgestrel-releasing intrauterine system"), else right after it through an arm phrase,
    a dose of the statement's `statistics` allowed before the arm's drug ("73% of those given 80 mg
    methylprednisolone"), or for a duration the drug it is a course of ("30 days of intravenous ceftriaxone")."""
    arm = cues.arm_after
    start = words_start(text, statistic)
    tied = [m for m in own
            if _tied_before(cues, text, statistic, m, start) or _course_of(cues, text, statistic, m, start)]
    second = second_arms(cues, text, statistic, own)
    after = [m for m in own if m.match.start >= statistic.end and m not in second and (
        arm.fullmatch(text, statistic.end, _before_its_dose(cues, text, m, statistics))
        or statistic.kind is StatisticKind.DURATION and cues.course_after.fullmatch(text, statistic.end, m.match.start)
        and can_be_dosed(m.match.concept))]  # fmt: skip
    dosed = [m for m in own if statistic.unit in cues.dose_units and _dose_of(cues, text, statistic, m)]
    return tied[-1:] or dosed[:1] or after[:1]


def _tied_before(cues: ClaimCues, text: str, statistic: Statistic, concept: Mention, start: int | None = None
                 ) -> bool:  # fmt: skip
    """Whether the concept is written right before the figure's words (`start`, :func:`words_start`), nothing or a
    link word between ("naproxen 500 mg", "febuxostat at 40 mg")."""
    start = words_start(text, statistic) if start is None else start
    return concept.match.end <= start and cues.link_before.fullmatch(text, concept.match.end, start) is not None


def _course_of(cues: ClaimCues, text: str, duration: Statistic, drug: Mention, start: int) -> bool:
    """Whether the duration, its words starting at `start`, is a course of the drug written right before it and a word
    of course_links_before ("sofosbuvir-velpatasvir for 12 weeks": method 150), the drug no list's last item ("… or
    placebo for 16 weeks" is every arm's)."""
    return (duration.kind is StatisticKind.DURATION and can_be_dosed(drug.match.concept) and drug.match.end <= start
            and cues.course_before.fullmatch(text, drug.match.end, start) is not None
            and cues.listed_before.search(text, 0, drug.match.start) is None)


def _dose_of(cues: ClaimCues, text: str, dose: Statistic, drug: Mention) -> bool:
    """Whether the drug is written right after the dose, a route or salt allowed between ("80 mg methylprednisolone")."""
    return (drug.match.start >= dose.end and cues.dosed_after.fullmatch(text, dose.end, drug.match.start) is not None
            and can_be_dosed(drug.match.concept))


def elided_arms(cues: ClaimCues, statement: Statement, attached: list[list[Mention]], own: list[Mention]
                ) -> list[list[Mention]]:  # fmt: skip
    """A rate tied to no concept whose arm phrase ends in a dose with no drug of its own ("81% of those given 40 mg"
    after "73% of those given 80 mg methylprednisolone") is that drug's arm, when exactly one drug has a dose in
    that unit in the statement, written right before or after it (method 72)."""
    text, statistics = statement.text, statement.statistics
    for position, statistic in enumerate(statistics):
        if attached[position] or statistic.kind not in ARM_RATES:
            continue
        elided = next((s for s in statistics if s.start >= statistic.end and s.unit in cues.dose_units
                       and cues.arm_after.fullmatch(text, statistic.end, s.start)), None)
        if elided is None:
            continue
        drugs = {m.match.concept: m for m in own for dose in statistics
                 if dose is not elided and dose.unit == elided.unit
                 and (_dose_of(cues, text, dose, m) or _tied_before(cues, text, dose, m))}
        if len(drugs) == 1:
            attached[position] = list(drugs.values())
    return attached


def repeated_arms(cues: ClaimCues, statement: Statement, attached: list[list[Mention]]) -> list[list[Mention]]:
    """Two rates tied to no concept and joined by one word of continuations, written after a pair of rates of their
    kind tied to two different arms, belong to those arms in their order: "nausea occurred in 29.0% of
    people taking rivastigmine and 11.2% of those taking placebo, and tremor in 10.2% and 3.9%" gives 10.2% to
    rivastigmine and 3.9% to placebo (method 84). Only when the statement has exactly one such tied pair."""
    text, statistics = statement.text, statement.statistics
    rates = [(a, a + 1) for a, statistic in enumerate(statistics[:-1])
             if statistic.kind in ARM_RATES and statistics[a + 1].kind is statistic.kind]
    tied = [(a, b) for a, b in rates if attached[a] and attached[b]
            and attached[a][0].match.concept != attached[b][0].match.concept]
    if len(tied) != 1:
        return attached
    first, second = tied[0]
    for a, b in rates:
        if (a > second and not attached[a] and not attached[b] and statistics[a].kind is statistics[first].kind
                and _joined_next(cues, text, statistics[a], statistics) is statistics[b]):
            attached[a], attached[b] = attached[first], attached[second]
    return attached


def _before_its_dose(cues: ClaimCues, text: str, drug: Mention, statistics: Sequence[Statistic]) -> int:
    """Where the dose written right before the drug starts ("80 mg" of "80 mg methylprednisolone"), else where the
    drug's mention starts."""
    return next((s.start for s in statistics if s.unit in cues.dose_units and _dose_of(cues, text, s, drug)),
                drug.match.start)


def second_arms(cues: ClaimCues, text: str, statistic: Statistic, own: list[Mention]) -> list[Mention]:
    """The arm written after two arms' values through an arm phrase ("3% vs 7% with placebo", "95.2% vs. 85.0% with
    malathion"): the second value's alone, neither the figure's subject nor, while another concept is left, its
    object; none when a comparison opener follows it, naming the second arm ("18.6% vs 44.9% with
    amoxicillin-clavulanate compared with placebo"). A change ("fell from 14.0 to 3.8 with ciclosporin") is one
    arm's."""
    if statistic.kind is not StatisticKind.COMPARISON or len(statistic.operands) != 2:
        return []
    first, second = statistic.operands
    if not cues.comparison.search(text, first.end, second.start):
        return []
    return [m for m in own if m.match.start >= statistic.end and cues.arm_after.fullmatch(text, statistic.end,
                                                                                           m.match.start)
            and cues.comparison.match(text, _REST_OF_WORD.match(text, m.match.end).end()) is None][:1]


def arm_phrase_after(cues: ClaimCues, text: str, statistic: Statistic, statistics: Sequence[Statistic]) -> bool:
    """An arm phrase right after the figure, or right after the next figure of its kind joined to it by one word of
    continuations ("11.6% and 18.8% of those using the vehicle cream": both are that arm's; method 46)."""
    if cues.arm_after.match(text, statistic.end):
        return True
    joined = _joined_next(cues, text, statistic, statistics)
    return joined is not None and cues.arm_after.match(text, joined.end) is not None


def shared_arms(cues: ClaimCues, statement: Statement, attached: list[list[Mention]]) -> list[list[Mention]]:
    """A rate tied to no concept takes the arm of the next figure of its kind joined to it by one word of
    continuations, when that one's arm is written after it ("38.4% and 40.1% of people using ivermectin cream":
    both are ivermectin's; method 46)."""
    text, statistics = statement.text, statement.statistics
    for position, statistic in enumerate(statistics[:-1]):
        joined = _joined_next(cues, text, statistic, statistics)
        tied = attached[position + 1] if joined is not None else []
        if not attached[position] and tied and tied[0].match.start >= joined.end and statistic.kind in ARM_RATES:
            attached[position] = tied
    return attached


def _joined_next(cues: ClaimCues, text: str, statistic: Statistic, statistics: Sequence[Statistic]
                 ) -> Statistic | None:  # fmt: skip
    """The next figure, when it is of the same kind and only one word of continuations stands between them."""
    later = next((s for s in statistics if s.start >= statistic.end), None)
    if later is None or later.kind is not statistic.kind:
        return None
    between = text[statistic.end : later.start]
    return later if len(between.split()) == 1 and cues.clauses.continues(between) else None


def _compared_with(cues: ClaimCues, text: str, statistic: Statistic, statistics: Sequence[Statistic]
                   ) -> Statistic | None:  # fmt: skip
    """The figure of the same kind written right before `statistic` with only a comparison opener (and commas)
    between them ("13.1%, compared with 16.9%"), if any."""
    before = [s for s in statistics if s.end <= statistic.start]
    if not before or before[-1].kind is not statistic.kind:
        return None
    between = text[before[-1].end : statistic.start]
    opener = cues.comparison.search(between)
    return before[-1] if opener is not None and not cues.comparison.sub("", between).strip(" ,") else None


def carried(statement: Statement, attached: list[list[Mention]], own: list[Mention], dose_units: frozenset[str]
            ) -> list[list[Mention]]:  # fmt: skip
    """A dose's time or frequency belongs to the drug of the dose written just before it ("hydrocortisone 100 mg
    every 6 hours", "prednisolone 40 to 50 mg daily for at least 5 days or for 14 days"): a time or quantity tied
    to no concept takes the concept of the figure before it, when that is a dose tied to it (or a figure that
    took it so) and only words without a concept, a figure or punctuation stand between them (at most CARRY_GAP
    characters), when it is a time, a dose or in the unit of the figure before ("blood pressure of 140/90 mmHg"). An
    age ("from the age of 5 years and 30 µg/L") passes nothing on, nor does a dose pass its drug to a result in
    another unit ("omalizumab 300 mg reduced the itch score by 8.6 points": method 41)."""
    text, statistics = statement.text, statement.statistics
    passes = [bool(tied) and statistic.kind in DOSES for statistic, tied in zip(statistics, attached, strict=True)]
    for position in range(1, len(statistics)):
        before, statistic = statistics[position - 1], statistics[position]
        gap = text[before.end : statistic.start]
        if (not attached[position] and passes[position - 1] and statistic.kind in CARRIED
                and (statistic.unit == before.unit or statistic.unit in time_units() or statistic.unit in dose_units)
                and len(gap) <= CARRY_GAP and not _PUNCTUATION.search(gap)
                and not any(before.end <= m.match.start < statistic.start for m in own)):
            attached[position], passes[position] = attached[position - 1], True
    return attached


def effect_of_arms(statistic: Statistic, attached: list[Mention], arms: list[Mention]
                   ) -> tuple[Mention, Mention] | None:  # fmt: skip
    """A named ratio tied to no concept in a sentence whose rates belong to exactly two arms ("… in 21.8% of
    patients taking sacubitril-valsartan and 26.5% of those taking enalapril (hazard ratio 0.80, …)") compares
    them: the first arm is its subject, the second its object (the ratio had been the comparator's)."""
    if statistic.kind is StatisticKind.RATIO and not attached and len(arms) == 2:
        return arms[0], arms[1]
    return None


def words_start(text: str, statistic: Statistic) -> int:
    """Where the figure's words begin: at its hedge when one is written right before it ("about 75%"), and at the
    comparator words its sign was read from ("a white cell count above 15 × 10⁹/L"), but for a time, which says when
    rather than how much of what is named before it ("found DCIS within 14 days")."""
    start = statistic.start
    before = text[:start].rstrip()
    hedge = statistic.qualifier
    if hedge and before.lower().endswith(hedge):
        start = len(before) - len(hedge)
    if statistic.comparator is not None and statistic.unit not in time_units():  # "DCIS within 14 days": a time
        written = shipped_lexicon().comparator_before.search(text, 0, start)
        start = written.start() if written is not None else start
    return start


def distance(mention: Mention, statistic: Statistic) -> int:
    """Characters between the mention and the figure (0 when they touch); a borrowed mention is farthest."""
    if mention.borrowed:
        return 1_000_000
    return max(statistic.start - mention.match.end, mention.match.start - statistic.end, 0)


def change_start(cues: ClaimCues, text: str, statistic: Statistic, statistics: Sequence[Statistic]) -> int | None:
    """Where the verb of a change written right before the figure starts ("lowered the risk of liver cancer by
    72%": change_before), if one is; a figure in brackets opened right after another one is of that one's change
    ("by 72% (hazard ratio 0.28, 95% CI 0.22 to 0.36)"). What is written before that verb brings the change about
    (method 147)."""
    change = cues.change_before.search(text, 0, words_start(text, bracketed_after(text, statistic, statistics)))
    return None if change is None else change.start()


def bracketed_after(text: str, statistic: Statistic, statistics: Sequence[Statistic]) -> Statistic:
    """The figure written right before the brackets `statistic` stands in ("72%" of "by 72% (hazard ratio 0.28, 95%
    CI 0.22 to 0.36)"), else `statistic` itself."""
    opened = open_bracket(text, statistic.start)
    if opened is None:
        return statistic
    return next((f for f in statistics if f.end <= opened and not text[f.end : opened].strip()), statistic)


def open_bracket(text: str, position: int) -> int | None:
    """Where the bracket ("(" or "[") that `position` of `text` stands in opens, if one is open there."""
    opened = max(text.rfind("(", 0, position), text.rfind("[", 0, position))
    return None if opened < 0 or any(c in text[opened:position] for c in ")]") else opened


def outcome_words(cues: ClaimCues, text: str, statistic: Statistic, statistics: Sequence[Statistic] = ()
                  ) -> str | None:  # fmt: skip
    """What the figure measures in the sentence's words, for a claim no concept names the outcome of: what a change
    written right before it changes ("reduced the weekly itch severity score by 9.8 points": "weekly itch severity
    score"; change_verbs; method 43; "… to 11.3%" too, for a figure that is no dose: method 90), else what the
    figure's comparator does (the figure of its kind right before it, a comparison opener between: "… to 13.1%,
    compared with 16.9% with placebo", method 93), else, for a figure that is no count and no dose, what a clause
    names right before a copula and the figure ("…, the median time to recovery was 14 days": "median time to
    recovery"; method 52), unless a word there names a group ("patients were") or opens or joins a clause ("if",
    "which", "and", "it": :attr:`calckg.extract.cues.ClaimCues.phrase_stops`); None when none is written."""
    start = words_start(text, statistic)
    found = cues.change_before.search(text, 0, words_start(text, bracketed_after(text, statistic, statistics)))
    # … or to it ("reduced major atherosclerotic events to 11.3%"), unless it is a dose: "increased gradually to 900
    # mg" names no outcome (method 90)
    if found is not None and (found["to"].casefold() == "by" or statistic.unit not in cues.dose_units):
        return found["what"].strip() or None
    # the comparator's rate of a change's figure measures what that figure does: "… reduced progression of kidney
    # disease or death … to 13.1%, compared with 16.9% with placebo" (method 93)
    compared = _compared_with(cues, text, statistic, statistics)
    if compared is not None:
        return outcome_words(cues, text, compared)
    if statistic.kind is StatisticKind.COUNT or statistic.unit in cues.dose_units:
        return None
    found = cues.measured_before.search(text, 0, start)
    if found is None or any(w.casefold() in cues.phrase_stops for w in found["what"].split()):
        return None
    return found["what"]
