"""The subject and object of a figure's claim (the role part of the method of :mod:`calckg.extract.claims`).

A figure's subject is the concept it belongs to by its words, else the first concept before it in the clause that
states it (the part of a clause joined by ", and" that holds it, else a relative clause's antecedent), else before
it in the sentence, the lead-in's, one after it in the part of its clause that states it, or the title's; its object
is the concept nearest it other than the subject, written where it bears on the figure: its clause, the sentence's
head or the lead-in (methods 12, 38, 40, 42).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef

from calckg.claim_cues import blank_out
from calckg.extract.clause import parentheses
from calckg.extract.cues import ClaimCues
from calckg.extract.figure_ties import ARM_RATES, Mention, arm_phrase_after, distance, second_arms, words_start
from calckg.ingest.quantities import shipped_lexicon
from calckg.interventions import can_be_dosed, is_intervention
from calckg.model import Statistic, StatisticKind

__all__ = ["FigureRoles", "antecedent", "own_conjunct", "outside_its_clause"]

_ADJACENT = re.compile(r"\s*(?:\([^()]*\))?\s*,?\s*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_SPACES = re.compile(r"\s*")
"""A comma that is no thousands separator ("1,109")."""
_THAN = re.compile(r"(?i)(?<![\w-])than\s+(?:(?:the|a|an)\s+)?$")
"""Right before a concept: the second term of a comparative ("better than physiotherapy")."""
LIST_ITEMS = 3
"""The fewest parts between commas, each with its figure in brackets, that make a list of figures (method 58), and
the fewest concepts that make a list of concepts (method 76)."""
CLAUSE_WORDS = 4
"""The fewest words outside figures that make a part of a conjunct a clause rather than an item of a list."""


@dataclass(frozen=True)
class FigureRoles:
    """Reads the roles of one statement's figures."""

    cues: ClaimCues
    statistics: tuple[Statistic, ...]
    """The statement's figures."""
    given: frozenset[int]
    """Where the figures start that a dose before them ties to its drug: part of that dose (method 44)."""
    title: Callable[[], list[Mention]]
    """The concepts of the article's title, read under its question."""

    def roles(self, text: str, statistic: Statistic, own: list[Mention], lead: list[Mention],
              attached: list[Mention], arms: set[URIRef]) -> tuple[Mention, Mention]:
        """(subject, object) of a figure's claim (the module's method; `attached`: the figure's own concept by its
        words, :func:`calckg.extract.figure_ties.attached_concepts`; `arms`: every arm of the statement)."""
        # a concept inside another figure's bound ("before the age of 12 years and in 2 or more settings": age is the
        # 12 years') is that figure's, no other's (method 63)
        named = own  # the statement's concepts as found: the last resort when every rule below leaves none
        # a concept of a conjunct the figure is read without (blank in `text`: own_conjunct) is none of its concepts:
        # "… usually work within 6 to 12 hours, and abdominal cramps are the most common side effect" (method 68)
        own = [m for m in own if m.borrowed or text[m.match.start : m.match.end].strip()]
        bounds = [(_bound_start(text, s), s.start) for s in self.statistics if s is not statistic and s.comparator]
        kept = [m for m in own if not any(a <= m.match.start and m.match.end <= b for a, b in bounds)]
        if kept or not own:
            own = kept
        elif lead or (title := self.title()):  # with no other concept, read with the lead-in, else the title
            own, lead = [], lead or title
        if (not attached and arms and statistic.kind in ARM_RATES
                and arm_phrase_after(self.cues, text, statistic, self.statistics)):
            # its own arm names no concept ("3.0% of those on standard therapy"): no other figure's arm is its
            # subject or object; with no other concept it is read under the article's question
            kept = [m for m in own if m.match.concept not in arms]
            read_with = [m for m in lead if m.match.concept not in arms] or ([] if kept else self.title())
            if kept or read_with:
                own, lead = kept, read_with
        # the concept a comparative compares with ("better than physiotherapy by 3.06 points") is the figure's object,
        # never its subject (method 108)
        than = [m for m in own if m.match.end <= statistic.start and _THAN.search(text, 0, m.match.start)]
        before = [m for m in own if m.match.end <= statistic.start and m not in than]
        clause = self.cues.clauses.clause(text, statistic.start, statistic.end)
        in_clause = [m for m in before if clause[m.match.start : m.match.end].strip()]  # not blanked: in its clause
        # of a clause joined by ", and" ("Gallstones cause 40% to 70% …, and alcohol causes 25% to 35%"), the part
        # that holds the figure names its subject, when it names a concept before the figure
        joined = [m.end() for m in self.cues.clauses.conjunctions(clause) if m.end() <= statistic.start]
        in_clause = [m for m in in_clause if joined and m.match.start >= joined[-1]] or in_clause
        # … and when that part opens with the figure and names a concept after it in the part that states it, the
        # earlier conjunct's concepts are not its subject ("… urethral stricture … in about 4% to 7% of men, and about
        # 1% to 2% of men need further prostate surgery each year": method 73)
        stated = self.cues.clauses.stated_extent(text, statistic.start, statistic.end) or (0, len(text))
        if (joined and not attached and statistic.unit not in self.cues.dose_units
                and not text[joined[-1] : words_start(text, statistic)].strip()) and any(
                statistic.end <= m.match.start and m.match.end <= stated[1] for m in own):
            own = [m for m in own if m.match.start >= joined[-1]]
            before = in_clause = []
        # of a later item of a list of figures in brackets, the item that holds the figure names its subject, when it
        # names a concept before the figure: "… were older age (9%, …), prolonged corticosteroid use (33%, …), …"
        # gives the 33% to corticosteroid use, not age (method 58)
        item = list_item(text, statistic, self.statistics)  # the clause blanks the other items' brackets
        if item is not None:  # … and another item's concept is none of its concepts: it is read under the title
            own = [m for m in own if not item.names_other(own, m)]
            before, in_clause = ([m for m in found if m in own] for found in (before, in_clause))
            in_clause = [m for m in in_clause if m.match.start >= item.start] or in_clause
            lead = lead or ([] if in_clause else self.title())
        # a relative clause that names nothing before the figure is about its antecedent ("… DCIS and ultrasound, which
        # is used in 40% of cases")
        in_clause = in_clause or [m for m in before if antecedent(self.cues, text, statistic, m)][-1:]
        # a concept after the figure is what it is about only inside the part of its clause that states it, not in
        # a condition or another clause ("250 to 500 mL per hour …, unless cardiovascular or kidney disease makes
        # this unsafe"): with nothing else, the figure is read under the article's question. A figure of the
        # sentence's opening phrase (blank here) is read with the rest of the sentence: "For children aged 6 to 17
        # years, NICE recommends infliximab …" is about infliximab; a figure inside a condition, with its clause
        # ("… if symptoms do not improve within 48 hours of taking the antibiotic").
        after = [m for m in own if m.match.start >= statistic.end and m.match.end <= stated[1]]
        elsewhere = [m for m in own if m.match.start >= statistic.end and m not in after]
        if not (attached or before or lead or after) and elsewhere:
            lead = self.title()
            own = [m for m in own if m not in elsewhere] if lead else own
        # a concept after a comparison word that follows the figure is the comparator's, no subject of the figure:
        # "the relapse rate was 52.7% after antithyroid drugs, compared with 15% after radioactive iodine" (method 64)
        compared = self.cues.comparison.search(text, statistic.end)
        # … and so is one written after a later figure of the same kind and unit, that figure's ("40.3 after capsular
        # release, 38.3 after manipulation and 37.2 after physiotherapy" gave physiotherapy the 40.3: method 108)
        later = [s.start for s in self.statistics if statistic.kind is not StatisticKind.COUNT
                 and s.start >= statistic.end and (s.kind, s.unit) == (statistic.kind, statistic.unit)
                 and not self.cues.clauses.list_gap(text, statistic.end, s.start)]  # "90% and 80% respectively with"
        rivals = [m for m in own if compared is not None and m.match.start >= compared.start() or m in than
                  or any(start < m.match.start for start in later)]
        pool = [m for m in own if m not in rivals]
        after = [m for m in after if m not in rivals]
        if rivals and not (attached or in_clause or before or lead or after or pool):
            lead = self.title()  # the title's concepts are its objects too ("249 patients …, 35% vs 46% with ECMO")
        # a control arm is the subject only of its own figures (method 59); with no other concept the figure is read
        # under the article's question (method 65)
        free = ([m for m in found if not _control(self.cues, text, m)]
                for found in (in_clause, before, lead, after, pool, self.title()))
        subject = (attached or next((found for found in free if found), None) or in_clause or before or lead or after
                   or pool or named)[0]
        others = [m for m in own + lead if m.match.concept != subject.match.concept]
        second = second_arms(self.cues, text, statistic, own)  # "3% vs 7% with placebo": placebo's 7% only
        others = [m for m in others if m not in second] or others
        if attached and statistic.kind is not StatisticKind.COUNT:
            # an arm's figure measures what is no arm of the statement's figures, named before them ("a pain
            # reduction … in 37.8% with colchicine … and 15.5% with placebo": placebo's 15.5% is about pain)
            measured = [m for m in others if m.match.concept not in arms]
            # … and a dose is no other dose's: in a list of doses ("cetirizine 10 mg, levocetirizine 5 mg, …") the
            # next drug is no object of the first (method 38); rates of two arms still compare them
            dose = statistic.unit in self.cues.dose_units or statistic.start in self.given
            others = [m for m in measured if m in before] or measured or ([] if dose else others)
        # … written where it bears on the figure: its clause, the sentence's head or the lead-in (method 40:
        # "Ciclosporin is the next step for patients who do not respond to omalizumab …, and it is given at … 3.5 to 5
        # mg/kg")
        others = [m for m in others if not outside_its_clause(self.cues, text, statistic, m, head=True)]
        # … and no example written after it of what it is about ("a 30% to 40% risk of developmental disorders,
        # including autism": method 122)
        others = [m for m in others if m.borrowed or m.match.start < statistic.end
                  or not self.cues.example_before.search(text, statistic.end, m.match.start)]
        # … nor one of an example set off by a comma that does not hold the figure ("…, most often dry mouth,
        # compared with 9% …": method 141)
        asides = [(a, b) for a, b in self.cues.example_asides(text) if not a <= statistic.start < b]
        others = [m for m in others if m.borrowed or not any(a <= m.match.start < b for a, b in asides)]
        # … and no other item of a list of concepts the subject is an item of: "duloxetine, pregabalin, venlafaxine
        # and escitalopram were all more effective than placebo" compares none of them with another (method 76)
        partners = list_partners(self.cues, text, own, subject)
        others = [m for m in others if m not in partners]
        # … nearest first, but one after the figure past a comma is another item's or clause's ("a temperature above
        # 37.8°C, haemoglobin below 105 g/L": method 120) and comes after every other
        return subject, min(others, key=lambda m: (_past_a_comma(self.cues, text, statistic, m),
                                                   distance(m, statistic), m.match.start)) if others else subject


def _past_a_comma(cues: ClaimCues, text: str, statistic: Statistic, mention: Mention) -> bool:
    """Whether the mention is written after the figure with a comma between them outside brackets and numbers that
    opens no comparison (", compared with none of 43 given placebo" names the comparator)."""
    if mention.borrowed or mention.match.start < statistic.end:
        return False
    brackets = parentheses(text)
    return any(not any(a <= m.start() < b for a, b in brackets)
               and not cues.comparison.match(text, _SPACES.match(text, m.end()).end())
               for m in _COMMA.finditer(text, statistic.end, mention.match.start))


def list_partners(cues: ClaimCues, text: str, mentions: list[Mention], item: Mention) -> list[Mention]:
    """The items of the list of at least :data:`LIST_ITEMS` concepts of `text` that `item` is one of, itself included
    (mentions joined by commas and a last continuation word: "duloxetine, pregabalin, venlafaxine and
    escitalopram"); none when it is in no such list. Two ("colchicine and placebo") are the arms of a comparison."""
    written = sorted((m for m in mentions if not m.borrowed), key=lambda m: m.match.start)
    runs: list[list[Mention]] = []
    closed = True
    for mention in written:
        last = runs[-1][-1] if runs else None
        joined = last is not None and last.match.end <= mention.match.start
        gap = text[last.match.end : mention.match.start] if joined and last is not None else None
        if not closed and gap is not None and cues.clauses.list_gap(gap, 0, len(gap)):
            runs[-1].append(mention)
            closed = cues.clauses.continues(gap)  # the continuation word comes before the last item
        else:
            runs.append([mention])
            closed = False
    return next((run for run in runs if item in run and len(run) >= LIST_ITEMS and _closed_list(cues, text, run)), [])


def _closed_list(cues: ClaimCues, text: str, run: list[Mention]) -> bool:
    """Whether the items of `run` are joined by commas and the last by a continuation word ("A, B and C")."""
    return cues.clauses.continues(text[run[-2].match.end : run[-1].match.start])


def _bound_start(text: str, statistic: Statistic) -> int:
    """Where the comparator words of a bound begin ("before the age of 12 years"); a bound written after its figure
    ("2 or more"): its start (no concept stands inside it)."""
    written = shipped_lexicon().comparator_before.search(text, 0, statistic.start)
    return statistic.start if written is None else written.start()


def _control(cues: ClaimCues, text: str, mention: Mention) -> bool:
    """A control arm's name (a mention of the lead-in or title by the label it matched: `text` is the statement's)."""
    written = mention.match.label if mention.borrowed else text[mention.match.start : mention.match.end]
    return written.casefold() in cues.control_arms


def outside_its_clause(cues: ClaimCues, text: str, statistic: Statistic, mention: Mention, head: bool = False) -> bool:
    """Whether the statement names the mention outside the clause that states the figure: "Intensive treatment
    reduced the primary composite outcome (hazard ratio 0.75 …), but hypotension … were more common" does not
    measure hypotension by 0.75 (method 37). Not outside: the concept a relative clause that states the figure is
    of ("thyroid cancer, which is found in 7-15% of nodules": method 42), with `head` a mention of the sentence's
    head (:meth:`calckg.extract.clause.ClauseReader.head_end`: method 40) but one :func:`_ruled_out` names, any
    mention of a figure of the sentence's opening phrase, read with the whole sentence ("In 94% of cases, recurrent
    calcifications …"), and a mention of the lead-in or the title."""
    clauses = cues.clauses
    stated = clauses.stated_extent(text, statistic.start, statistic.end)
    if mention.borrowed or stated is None:
        return False
    # in a condition after the figure: "an ACR of 70 mg/mmol or more, unless it is known to be caused by diabetes"
    # (method 92); a dose's condition may name what it is for ("aspirin 75 mg … until the baby is born for women with
    # … pre-eclampsia")
    if statistic.end <= stated[1] <= mention.match.start and statistic.unit not in cues.dose_units:
        return True
    if head and mention.match.end <= clauses.head_end(text) and not _ruled_out(cues, text, mention):
        return False
    if antecedent(cues, text, statistic, mention):
        return False
    return not clauses.clause(text, statistic.start, statistic.end)[mention.match.start : mention.match.end].strip()


def _ruled_out(cues: ClaimCues, text: str, mention: Mention) -> bool:
    """Whether the mention is an intervention that a negated condition opening the sentence names: what was tried or
    ruled out before what the sentence gives ("If a tetracycline does not work, clindamycin 300 mg …", "If laser
    treatment is not suitable, … latanoprost 0.005% …"), so no object of the figures after it (method 136). A
    disease there still is one (what a dose is for), and so is an intervention of a condition that negates nothing
    ("If a dopamine agonist is used, … pramipexole 0.125 to 0.5 mg")."""
    end = cues.clauses.head_end(text)
    return (mention.match.end <= end and is_intervention(mention.match.concept)
            and cues.clauses.conditional_head(text)
            and cues.negation.search(blank_out(text[:end], cues.not_negation)) is not None)


def antecedent(cues: ClaimCues, text: str, statistic: Statistic, mention: Mention) -> bool:
    """Whether the figure stands in a relative clause and the mention is what that clause is of: written right
    before it, an aside may stand between ("ductal carcinoma in situ (DCIS), which presents with … in 73-98%")."""
    relative = cues.clauses.relative_start(text, statistic.start, statistic.end)
    return (relative is not None and not mention.borrowed and mention.match.end <= relative
            and _ADJACENT.fullmatch(text, mention.match.end, relative) is not None)


def own_conjunct(cues: ClaimCues, text: str, statistic: Statistic, statistics: tuple[Statistic, ...],
                 mentions: list[Mention], dose: bool = False) -> str:  # fmt: skip
    """`text` as it is read for the figure's negation, hedge and concepts, with the conjuncts of its clause that are
    clauses of their own blanked out (offsets kept; method 48). Conjuncts meet at a comma and a continuation (", and",
    ", or": :meth:`calckg.extract.clause.ClauseReader.conjunctions`); a part of one is a clause rather than an item of
    a list when it holds at least :data:`CLAUSE_WORDS` words outside its figures (:func:`_clause_like`).
    - The conjuncts before the figure's are left out when the figure's names a concept between the join and the figure
      and the part right before the join (from the clause's start or its last comma) is a clause holding no figure:
      "Tetracyclines should not be taken in pregnancy or while breastfeeding, and erythromycin 500 mg twice daily may
      be used instead" does not negate the erythromycin; "doxycycline 40 mg …, usually combined with a topical
      treatment, and lymecycline 408 mg once daily …" neither hedges the lymecycline nor makes the treatment its
      object. With figures there, a later conjunct may share what they measure ("… was found in 3.8% of adults, and the
      diagnosis was confirmed by … nerve conduction studies in 2.7%"), so only a `dose` (of a drug named between the
      join and it) has a conjunct of its own: "…, and pregabalin is started at 50 to 75 mg" is no gabapentin's.
    - The conjuncts after it are left out when the next one names a concept before its first figure, or names one and
      holds no figure (method 54; clause or item of a list alike): "Gabapentin is usually started at 100 to 300 mg …,
      and pregabalin is started at 50 to 75 mg …" gives no gabapentin dose the object pregabalin, nor does "…, or
      with suspected adenomyosis" make adenomyosis what a levonorgestrel dose measures (a later conjunct's negation
      and hedge never bear on an earlier figure: :meth:`calckg.extract.clause.ClauseReader.claim_part`, method 33).
      Only up to its closing comma when it is an alternative in the figure's unit (of a dose: in a dose unit, method
      115): what follows is the sentence's again ("propranolol 10 to 40 mg …, or atenolol 25 to 100 mg once daily,
      can be used": method 69). So is a
      later conjunct that is a clause holding a figure of its own and a concept after that figure (method 71):
      "… occurs in about 65% to 75% of men after TURP, and about 1 in 50 men need a blood transfusion" gives the
      65% to 75% no blood transfusion.
    An item of a list stays in the clause of the items before it: "Do not give codeine 30 mg, tramadol 50 mg, or
    morphine 10 mg" negates all three, and "37.8% with colchicine, and 15.5% with placebo" still compares the two."""
    clause = cues.clauses.clause(text, statistic.start, statistic.end)
    joins = cues.clauses.conjunctions(clause)
    before = [m for m in joins if m.end() <= statistic.start]
    after = [m for m in joins if m.start() >= statistic.end]
    begin, finish = len(clause) - len(clause.lstrip()), len(clause.rstrip())
    blanks = []
    named = _named(mentions, before[-1].end(), statistic.start, statistics) if before else []
    if named:
        part_start = max(begin, clause.rfind(",", begin, before[-1].start()) + 1)
        holds_figure = any(part_start <= s.start < before[-1].start() for s in statistics)
        # a dose whose conjunct names its drug is a regimen of its own, even after another one with figures
        drug = dose and any(can_be_dosed(m.match.concept) for m in named)
        if _clause_like(clause, part_start, before[-1].start(), statistics) and (not holds_figure or drug):
            blanks.append((begin, before[-1].start()))
    if after:
        later_end = after[1].start() if len(after) > 1 else finish
        first_figure = min((s.start for s in statistics if after[0].end() <= s.start < later_end), default=later_end)
        own_result = (first_figure < later_end and _named(mentions, first_figure, later_end, statistics)
                      and _clause_like(clause, after[0].end(), later_end, statistics))
        if _named(mentions, after[0].end(), first_figure, statistics) or own_result:
            # an alternative in the figure's unit (a dose: in a dose unit) closed by a comma leaves the rest to the
            # sentence: "propranolol 10 to 40 mg …, or atenolol 25 to 100 mg once daily, can be used to …" is hedged
            # by "can" too (method 69; "tamoxifen 10 to 40 mg a day, or raloxifene 25 to 100 mg once daily": 115)
            closing = _COMMA.search(clause, after[0].end(), later_end)
            alternative = closing is not None and statistic.unit is not None and any(
                after[0].end() <= s.start < closing.start()
                and (s.unit == statistic.unit or dose and s.unit in cues.dose_units) for s in statistics)
            blanks.append((after[0].start(), closing.end() if alternative else finish))
    for low, high in blanks:
        text = text[:low] + " " * (high - low) + text[high:]
    return text


@dataclass(frozen=True)
class ListItem:
    """A later item of a list of figures in brackets (:func:`list_item`)."""

    start: int
    others: tuple[tuple[int, int], ...]
    """(start, first figure) of each other item of the list."""

    def names_other(self, mentions: list[Mention], mention: Mention) -> bool:
        """Whether the mention is what another item of the list is about: its last concept before its figure ("older
        age (9%, …)": "age" is no concept of the 33% of "prolonged corticosteroid use (33%, …)")."""
        for start, figure in self.others:
            named = [m for m in mentions if start <= m.match.start and m.match.end <= figure]
            if named and named[-1] is mention:
                return True
        return False


def list_item(text: str, statistic: Statistic, statistics: tuple[Statistic, ...]) -> ListItem | None:
    """The item of a list that holds the figure, when it is a later item of a list of figures in brackets: the part
    between commas (outside brackets and numbers) that holds it is one of at least :data:`LIST_ITEMS` parts one after
    another whose first figure each stands in a bracket opened in the part ("older age (9%, …), prolonged
    corticosteroid use (33%, …), severe trauma (11%, …)"), and not the first of them (which also holds the
    sentence's head); else None. A trial's arms ("37.8% with colchicine, 32.7% with …") and a sentence's clauses are
    no such list."""
    if statistic.kind is StatisticKind.P_VALUE:
        return None
    brackets = parentheses(text)
    commas = [m.end() for m in _COMMA.finditer(text) if not any(a < m.start() < b for a, b in brackets)]
    starts = [len(text) - len(text.lstrip()), *commas]
    ends = [*commas, len(text)]
    own = max((i for i, start in enumerate(starts) if start <= statistic.start), default=0)
    figures = [min((s.start for s in statistics if a <= s.start < b), default=None)
               for a, b in zip(starts, ends, strict=True)]
    labelled = [f is not None and any(a <= low < f < high for low, high in brackets)
                for a, f in zip(starts, figures, strict=True)]
    first, last = own, own
    while first > 0 and labelled[first - 1]:
        first -= 1
    while last + 1 < len(labelled) and labelled[last + 1]:
        last += 1
    if not labelled[own] or own == first or last - first + 1 < LIST_ITEMS:
        return None
    return ListItem(starts[own], tuple((starts[i], figures[i]) for i in range(first, last + 1)  # type: ignore[misc]
                                      if i != own))


def _named(mentions: list[Mention], start: int, end: int, statistics: tuple[Statistic, ...]) -> list[Mention]:
    """The concepts named between `start` and `end`, not inside a figure."""
    return [m for m in mentions if start <= m.match.start and m.match.end <= end
            and not any(s.start <= m.match.start < s.end for s in statistics)]


def _clause_like(clause: str, start: int, end: int, statistics: tuple[Statistic, ...]) -> bool:
    """Whether clause[start:end] holds at least :data:`CLAUSE_WORDS` words outside its figures: a clause, not an item
    of a list ("tramadol 50 mg")."""
    words = [w for w in _WORD.finditer(clause, start, end) if not any(s.start <= w.start() < s.end for s in statistics)]
    return len(words) >= CLAUSE_WORDS
