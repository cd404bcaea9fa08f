"""The clause of a sentence that states a figure: where a negation or a hedge must stand to bear on it.

Conservative on purpose (a negation or hedge wrongly dropped is worse than one wrongly kept), so only these bound a
clause, never a bare comma ("acute lowering to a target of 140 mmHg, keeping it within 130-150 mmHg, may be
reasonable" hedges both figures):
- a semicolon or a colon;
- a comma followed by a word of `connectors` ("…below 250 mg/dL, so it may be missed", "…at 24 hours, when
  approximately 60% were already improving");
- a word of `bare_connectors`, with or without a comma before it ("positive in 80-90% of people with pernicious
  anaemia but are not specific": the second clause's negation bears on no figure of the first);
- the comma that ends a sentence's opening phrase, when the sentence starts with a word of `openers` ("Without
  treatment, approximately 70% of patients recover", "Under the Berlin definition, …"); a part that starts with a
  word of `continuations` right after that comma and ends in a comma goes on with the opening phrase ("If symptoms
  have not improved after 48 hours, or a first choice is not suitable, NICE lists …").
A comma followed by a word of `continuations` (", and", ", or") joins conjuncts of one clause: a negation in a
later conjunct bears on none of an earlier conjunct's figures ("Topiramate 100 mg a day was effective, and 200 mg
was no more effective"), one in an earlier conjunct still bears on a later one's ("did not reduce pain, and flares
by 20%") unless the later one has a verb of its own (a word of `verbs` outside its figures with no word that opens
a subordinate clause before it: "… can be used for screening, and a score of 3 or more should prompt a fuller
assessment" is no "can" of the score; :meth:`ClauseReader.own_conjunct_start`).
Text inside parentheses never bounds a clause; a figure inside parentheses belongs to the clause the parenthesis
stands in ("did not recover better … (71.2% vs 75.7%)"), and a parenthesis without the figure is an aside that bears
on nothing else ("TR2 (not suspicious) - 1.5%"). A word of `conditions` ("if", "unless") opens a condition that
runs to the clause's end: a negation there states when the claim holds, not that it does not ("offering metformin
if targets are not met within 1-2 weeks"); :meth:`ClauseReader.claim_part` leaves it out, and a word that negates
only after a copula ("without": "will be without calcifications") where it names a group or an outcome instead
("adults without diabetes", "survival without severe disability"). Nor does a negation count in three more places:
- in the opening phrase, when that is where the figure stands: it sets the scene or names the group ("In two
  trials of 245 adults who could not tolerate oral iron, …" negates nothing about 245);
- after the figure, when it is a word of `forward_only` that bears only on what follows it ("stop them for at least
  1 month, abruptly rather than gradually"), and before it when a comma closes its phrase first ("treated with a
  manoeuvre rather than with medicines, with a review within 1 month") or a number stands between them (the phrase
  holds a figure of its own: "below 120 mmHg rather than below 140 mmHg reduced events by 25%");
- right after a group of `groups` and "with", or after up to GROUP_WORDS words and a word of `continuations` there
  ("in people with no previous macrolide exposure", "500 adults with cellulitis and no abscess" name a group), and
  a word of `group_negations` right after a group ("compared with 5.7% of children not exposed", "those never
  treated": method 66);
- in the first RELATIVE_WORDS words of a relative clause on people (a word of `person_relatives`, or one of
  `relative_words` right after a word of `groups`: "hydrocortisone 100 mg every 6 hours for patients who cannot
  swallow", "adults with acute severe asthma who have not had a good response", "people that do not smoke" name a
  group), and of one that starts with a word of `relative_words` and a copula ("people with a rash that is not on
  the trunk") or an auxiliary (`auxiliaries`: "men with mild symptoms that do not bother them"); a relative clause
  with a subject of its own counts from that subject ("people whose glaucoma is not progressing are reviewed every
  6 to 12 months" is positive). A negation further on ("patients who took 5 mg did not improve") still counts.
The word lists are data (data/claim-cues.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from calckg.claim_cues import alternation


def kept_within(text: str, begin: int, end: int) -> str:
    """`text` with everything outside text[begin:end] blanked (offsets kept)."""
    return " " * begin + text[begin:end] + " " * (len(text) - end)


@lru_cache(maxsize=64)
def parentheses(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each top-level parenthesis, end after its closing bracket (or the text's end); remembered for
    the last few texts (every figure of a sentence asks for its clause, and each of its concepts whether it is in
    it)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
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
    return tuple(spans)


_DIGIT = re.compile(r"\d")
_LABEL = re.compile(r":(?=\s)")

GROUP_WORDS = 3
"""A group and its condition (a word of population_condition_links) may go on over this many words and a
conjunction to a word of population_condition_negations ("500 adults with cellulitis and no abscess on
ultrasound"), which negates the group's condition, not the claim."""
OPENING_WORDS = 12
"""An opening phrase goes on over a next part that starts with an opener, has at most this many words and no verb
(method 118: "In SANAD II, among 520 people with generalised or unclassifiable epilepsy, levetiracetam could not be
shown …": the 520 is the opening's)."""
RELATIVE_WORDS = 2
"""How many words of a relative clause on a group are read as naming the group ("who have not responded"); the
third may be the sentence's own verb ("45% of the people who died had not sought help" is negative)."""


class ClauseReader:
    """Finds the clause that states a figure, with the connector and opener words of the cue file."""

    def __init__(self, connectors: Iterable[str], openers: Iterable[str], conditions: Iterable[str] = (),
                 copula_only: Iterable[str] = (), copulas: Iterable[str] = (), *, continuations: Iterable[str] = (),
                 forward_only: Iterable[str] = (), groups: Iterable[str] = (), bare_connectors: Iterable[str] = (),
                 relative_words: Iterable[str] = (), person_relatives: Iterable[str] = (),
                 auxiliaries: Iterable[str] = (), condition_links: Iterable[str] = (),
                 condition_negations: Iterable[str] = (), group_negations: Iterable[str] = (),
                 verbs: Iterable[str] = (), subordinate: Iterable[str] = (),
                 predicate_verbs: Iterable[str] = (), sequence_words: Iterable[str] = (),
                 group_prepositions: Iterable[str] = ()) -> None:  # fmt: skip
        bare = rf"|(?<=\s)(?=(?:{alternation(bare_connectors)})\s)" if bare_connectors else ""
        connector = rf",(?=\s+(?:{alternation(connectors)})\b){bare}"
        self._boundary = re.compile(rf"(?i);|:(?!\S)|{connector}")
        self._connector = re.compile(rf"(?i){connector}")
        self._conjunction = re.compile(rf"(?i),\s+(?:{alternation(continuations)})\s")
        self._opener = re.compile(rf"(?i)^\s*(?:{alternation(openers)})\b")
        self._next_opener = re.compile(rf"(?i)\s*(?:{alternation(openers)})\b")
        self._continuation = re.compile(rf"(?i)\s*(?:{alternation(continuations)})\b")
        self._continuation_word = re.compile(rf"(?i)(?<![\w-])(?:{alternation(continuations)})(?![\w-])")
        joiner = alternation(continuations)
        then = rf"(?:(?:{alternation(sequence_words)})\s+)?" if sequence_words else ""
        self._joined_before = re.compile(rf"(?i)(?<![\w-])(?:{joiner})\s+{then}$" if joiner else r"(?!)")
        groups_in = tuple(group_prepositions)
        self._group_gap = re.compile(rf"(?i)\s+(?:{alternation(groups_in)})\s+" if groups_in else r"(?!)")
        self._list_gap = re.compile(rf"(?i)\s*(?:,\s*(?:(?:{joiner})\s+)?|(?:{joiner})\s+)")
        self._condition = re.compile(rf"(?i)(?<![\w-])(?:{alternation(conditions)})(?![\w-])")
        self._copula_only = re.compile(rf"(?i)(?<![\w-])(?:{alternation(copula_only)})(?![\w-])")
        self._copula = re.compile(rf"(?i)(?<![\w-])(?:{alternation(copulas)})\s+$")
        self._copula_word = re.compile(rf"(?i)(?<![\w-])(?:{alternation(copulas)})(?![\w-])" if copulas else r"(?!)")
        self._forward_only = re.compile(rf"(?i)(?<![\w-])(?:{alternation(forward_only)})(?![\w-])")
        joined = rf"(?:(?:[\w'’-]+\s+){{1,{GROUP_WORDS}}}(?:{alternation(continuations)})\s+)?"
        self._group_with = re.compile(rf"(?i)(?<![\w-])(?:{alternation(groups)})\s+(?:{alternation(condition_links)})\s+"
                                      rf"{joined}({alternation(condition_negations)})(?![\w-])")
        negations = tuple(group_negations)
        self._group_not = re.compile(rf"(?i)(?<![\w-])(?:{alternation(groups)})\s+({alternation(negations)})(?![\w-])"
                                     if negations and groups else r"(?!)")
        relative = (rf"(?:(?<![\w-])(?:{alternation(groups)})\s+(?:{alternation(relative_words)})"
                    rf"|(?<![\w-])(?:{alternation(person_relatives)})(?:\s+[\w'’-]+(?=\s+(?:{alternation(copulas)})\s))?"
                    rf"|(?<![\w-])(?:{alternation(relative_words)})(?=\s+(?:{alternation([*copulas, *auxiliaries])})\s))")
        self._group_who = re.compile(rf"(?i){relative}((?:\s+[\w'’-]+){{1,{RELATIVE_WORDS}}})")
        relatives = [*relative_words, *person_relatives]
        self._relative_start = re.compile(rf"(?i)\s*(?:{alternation(relatives)})\b" if relatives else r"(?!)")
        verb_words = tuple(verbs)
        self._verb = re.compile(rf"(?i)(?<![\w-])(?:{alternation(verb_words)})(?![\w-])" if verb_words else r"(?!)")
        self._of_group = re.compile(rf"(?i)\s+(?:of|in)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(groups)})(?![\w-])"
                                    if groups else r"(?!)")
        finite = tuple(predicate_verbs)  # no result verb: "is started at 100 mg and increased to 900 mg" shares "is"
        self._predicate_join = re.compile(rf"(?i)(?<=\s)(?:{joiner})\s+(?=(?:{alternation(finite)})(?![\w-]))"
                                          if finite and joiner else r"(?!)")
        self._item_before = re.compile(r",\s*[<>≤≥=]?\s*$")
        self._item_end = re.compile(rf"(?i)[,;]|\s(?:{joiner})\s" if joiner else r"[,;]")
        subordinators = [*connectors, *conditions, *relatives, *subordinate]
        self._subordinator = re.compile(rf"(?i)(?<![\w-])(?:{alternation(subordinators)})(?![\w-])"
                                        if subordinators else r"(?!)")

    def claim_part(self, text: str, start: int, end: int) -> str:
        """The clause that states the figure (:meth:`clause`) less its condition (from a word of `conditions` to the
        clause's end) and less every word of `copula_only` that does not follow a word of `copulas` ("people without
        cardiovascular disease" names a group, "10% will be without calcifications" negates), blanked out (offsets
        kept), less the opening phrase's words when the figure stands in it, every word of `forward_only` after the
        figure, the "no" of a group "with no", the first words of a relative clause on a group and every conjunct
        after the figure's (the module's notes). A negation must stand here to make the claim negative."""
        spans = parentheses(text)
        opening = self._opening_end(text, spans)
        if opening is not None and end <= opening:
            return " " * len(text)
        clause = self._clause(text, start, end, spans, opening)
        found = self._condition.search(clause)
        if found is not None:
            clause = clause[: found.start()] + " " * (len(clause) - found.start())
        # a relative clause set off by commas ends at its closing comma: the main clause's negation bears on none of its
        # figures ("In 59 children, whose mean age was 2.6 years, prednisolone did not shorten the stay": method 111)
        relative = self.relative_start(text, start, end)
        if relative is not None and text[:relative].rstrip().endswith(","):
            closing = next((i for i in _free_commas(clause, spans) if i >= end), None)
            if closing is not None:
                clause = clause[:closing] + " " * (len(clause) - closing)
        # a later conjunct's negation bears on none of an earlier conjunct's figures ("100 mg a day was effective, and
        # 200 mg was no more effective"; one before the figure still does: "did not reduce pain, and flares by 20%")
        later = next((m.start() for m in self.conjunctions(clause) if m.start() >= end), None)
        if later is not None:
            clause = clause[:later] + " " * (len(clause) - later)
        # … nor does another predicate's ("reduced recurrence by 30% and did not cause hot flushes": method 85)
        clause = self.own_predicate(clause, start, end)
        own = self.own_conjunct_start(clause, start, end)
        if own is not None:
            clause = " " * own + clause[own:]
        blanks = [(w.start(), w.end()) for w in self._copula_only.finditer(clause)
                  if not self._copula.search(clause, 0, w.start())]
        # … and one before the figure bears on its own phrase only, when a comma ends that phrase before the figure
        # ("treated with a manoeuvre rather than with medicines, with a review within 1 month") or the phrase holds
        # a figure of its own ("a target below 120 mmHg rather than below 140 mmHg reduced events (1.65% vs 2.19%)")
        blanks += [(w.start(), w.end()) for w in self._forward_only.finditer(clause)
                   if w.start() >= end or "," in clause[w.end() : start] or _DIGIT.search(clause, w.end(), start)]
        blanks += [w.span(1) for w in self._group_with.finditer(clause)]
        blanks += [w.span(1) for w in self._group_who.finditer(clause)]
        blanks += [w.span(1) for w in self._group_not.finditer(clause)]
        for a, b in blanks:
            clause = clause[:a] + " " * (b - a) + clause[b:]
        return clause

    def opens_a_conjunct(self, text: str, start: int, end: int) -> bool:
        """Whether the word ending the search at `end` opens a conjunct after `start`: a word of `continuations` right
        before it, or one and a word of `sequence_words` ("and may be increased", "and then usually reduced to 5
        mg"; not "or benzbromarone may be added", whose "may" is the whole subject's)."""
        return self._joined_before.search(text, start, end) is not None

    def names_a_group(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end], between two concepts, is a word of `group_prepositions` alone: the second names
        the group the first is measured in ("the risk of colorectal cancer in ulcerative colitis": method 123)."""
        return self._group_gap.fullmatch(text, start, end) is not None

    def is_exclusion(self, cue: str) -> bool:
        """Whether a negation cue is a word of `copula_only` ("free of", "without"): an exclusion, not a "not"."""
        return self._copula_only.fullmatch(cue) is not None

    def continues(self, words: str) -> bool:
        """Whether `words` hold a word of `continuations`: what follows is another result ("… (95% CI 4 to 35,
        p=0.02) and heart failure by 64%"), not a restatement of the one before ("(…; p = 0.04), a 14% relative risk
        reduction")."""
        return self._continuation_word.search(words) is not None

    def list_gap(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is what stands between two items of a list: a comma, a word of `continuations`
        or both (", ", " and ", ", or ")."""
        return self._list_gap.fullmatch(text, start, end) is not None

    def conjunctions(self, text: str) -> list[re.Match[str]]:
        """Each comma followed by a word of `continuations` ("…, and …", "…, or …") outside parentheses: where a
        clause's conjuncts meet (no boundary of the clause: a negation or hedge before it may still bear on both)."""
        spans = parentheses(text)
        return [m for m in self._conjunction.finditer(text) if not any(a <= m.start() < b for a, b in spans)]

    def bracketed_clause(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of the brackets around text[start:end] when they hold a clause of their own, one with a copula
        ("…, estimated with FRAX and a DXA T-score (osteoporosis is a T-score ≤ −2.5), usually starting with …"):
        what the sentence says outside them is not said of the figure (method 127)."""
        opened = text.rfind("(", 0, start)
        closed = text.find(")", end)
        if opened < 0 or closed < 0 or ")" in text[opened:start] or "(" in text[end:closed]:
            return None
        return (opened, closed + 1) if self._copula_word.search(text, opened, closed) else None

    def figure_item(self, clause: str, start: int, end: int, figures: Sequence[tuple[int, int]]
                    ) -> tuple[int, int] | None:  # fmt: skip
        """The span of the item opened by the figure at clause[start:end], in a list of clauses that each state a
        figure ("< 25 pmol/L suggests deficiency, 25–70 pmol/L is indeterminate and > 70 pmol/L makes deficiency
        unlikely"): the figure stands right after a comma (a comparison sign between), its item has a word of `verbs`
        before its end (the next comma, semicolon or word of `continuations`), and the item before the comma holds
        one of `figures` (start, end). Another item's hedge bears on none of its figures (method 130). None
        otherwise: "Typically, 20% of patients are …" keeps its opening hedge, and items joined by "and" or "or"
        share their verb ("About 1 in 2 women and 1 in 5 men … will break a bone")."""
        opened = self._item_before.search(clause, 0, start)
        if opened is None:
            return None
        before = max(clause.rfind(",", 0, opened.start()), clause.rfind(";", 0, opened.start()))
        if not any(before < a and b <= opened.start() for a, b in figures):
            return None
        stop = self._item_end.search(clause, end)
        closed = stop.start() if stop else len(clause)
        return (opened.end(), closed) if self._verb.search(clause, end, closed) else None

    def own_predicate(self, clause: str, start: int, end: int) -> str:
        """`clause` with its other predicates than the one that states the figure at clause[start:end] blanked
        (offsets kept; method 85). A predicate begins at a word of `continuations` right before a word of
        `predicate_verbs`, outside parentheses: what a second predicate says is not said of a figure before it ("The
        MAO-B inhibitors rasagiline 1 mg once daily … have a mild effect on motor symptoms and are usually well
        tolerated"), unless that figure is a share of a group, which every predicate is said of ("69% of patients
        tolerated an oral diet and did not need tube feeding"); what the first says is not said of a figure of the
        second ("Tamoxifen did not reduce recurrence and was stopped in 5% of women")."""
        spans = parentheses(clause)
        joins = [m for m in self._predicate_join.finditer(clause) if not any(a <= m.start() < b for a, b in spans)]
        later = None if self._of_group.match(clause, end) else next((m.start() for m in joins if m.start() >= end),
                                                                       None)
        if later is not None:
            clause = clause[:later] + " " * (len(clause) - later)
        begin = max((m.end() for m in joins if m.end() <= start), default=None)
        return clause if begin is None else " " * begin + clause[begin:]

    def own_conjunct_start(self, clause: str, start: int, end: int) -> int | None:
        """Where the conjunct of `clause` that states the figure at clause[start:end] begins when it is a clause with
        a verb of its own (its first word of `verbs` outside the figure and outside parentheses, with no word that
        opens a subordinate clause before it: a connector, a condition, a relative or a word of `subordinate`), so
        that an earlier conjunct's negation or hedge bears on none of its figures; None for the first conjunct, or
        one that shares an earlier conjunct's verb ("…, and flares by 20%", "… can be added if it is 4.5 mmol/L or
        lower, or an alpha-blocker if it is higher than 4.5 mmol/L")."""
        joins = self.conjunctions(clause)
        begin = max((m.end() for m in joins if m.end() <= start), default=None)
        if begin is None:
            return None
        finish = min((m.start() for m in joins if m.start() >= end), default=len(clause))
        spans = parentheses(clause)
        for verb in self._verb.finditer(clause, begin, finish):
            if start <= verb.start() < end or any(a <= verb.start() < b for a, b in spans):
                continue
            return None if self._subordinator.search(clause, begin, verb.start()) else begin
        return None

    def joined(self, text: str, first: int, second: int) -> bool:
        """Whether nothing but punctuation bounds the clause between positions `first` and `second`: no connector
        ("…similar clinical cure rates (88.2% versus 85.8%), but the infection came back less often (15.4% versus
        25.3%; p=0.005)": the p-value is the second result's, not the first's). A semicolon or colon does not
        separate a result from its p-value ("20% vs 30%; p = 0.01")."""
        spans = parentheses(text)
        low, high = sorted((first, second))
        return not any(low <= m.start() < high and not any(a <= m.start() < b for a, b in spans)
                       for m in self._connector.finditer(text))

    def clause(self, text: str, start: int, end: int) -> str:
        """The clause of `text` that states the figure at text[start:end], at its offsets in `text`: everything
        outside it, and every parenthesis of it without the figure, is blanked out."""
        spans = parentheses(text)
        return self._clause(text, start, end, spans, self._opening_end(text, spans))

    def stated_extent(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """(begin, end) of the part of the figure's clause that states it, asides in parentheses included: the
        clause up to its condition (the whole clause when the figure stands in the condition); None for a figure of
        the sentence's opening phrase."""
        spans = parentheses(text)
        opening = self._opening_end(text, spans)
        if opening is not None and end <= opening:
            return None
        begin, finish, _ = self._bounds(text, start, end, spans, opening)
        found = self._condition.search(self._clause(text, start, end, spans, opening))
        return begin, found.start() if found is not None and found.start() >= end else finish

    def relative_start(self, text: str, start: int, end: int) -> int | None:
        """Where the clause that states the figure begins when it is a relative clause ("…, which is found in 7-15% of
        nodules"): what it says is of the concept written right before that point."""
        spans = parentheses(text)
        begin = self._bounds(text, start, end, spans, self._opening_end(text, spans))[0]
        return begin if begin and self._relative_start.match(text, begin) else None

    def head_end(self, text: str) -> int:
        """Where the sentence's head ends: its opening phrase ("In the GLACIAL trial of 336 patients, …") or a label
        before its first colon ("DVT provoked by surgery: about 1% after 1 year"), whichever ends later; 0 without
        either. What the head names sets the scene for every clause after it."""
        label = _LABEL.search(text)
        return max(self._opening_end(text, parentheses(text)) or 0, label.start() if label else 0)

    def conditional_head(self, text: str) -> bool:
        """Whether the sentence's opening phrase is a condition ("If a tetracycline does not work, …"): it says when
        the rest holds, and what it names is no object of the figures after it (method 136)."""
        start = len(text) - len(text.lstrip())
        return self._condition.match(text, start) is not None and self._opening_end(text, parentheses(text)) is not None

    def _bounds(self, text: str, start: int, end: int, spans: tuple[tuple[int, int], ...], opening: int | None
                ) -> tuple[int, int, tuple[int, int] | None]:  # fmt: skip
        """Where the clause of the figure at text[start:end] begins and ends, and the parenthesis it stands in."""
        own = next(((a, b) for a, b in spans if a <= start < b), None)
        if own is not None:
            start, end = own[0], max(end, own[1])
        inside = lambda position: any(a <= position < b for a, b in spans)  # noqa: E731
        cuts = [(m.start(), m.end()) for m in self._boundary.finditer(text) if not inside(m.start())]
        if opening is not None:
            cuts.append((opening, opening + 1))
        begin = max((b for a, b in cuts if b <= start), default=0)
        return begin, min((a for a, b in cuts if a >= end), default=len(text)), own

    def _clause(self, text: str, start: int, end: int, spans: tuple[tuple[int, int], ...], opening: int | None
                ) -> str:  # fmt: skip
        """:meth:`clause`, given the text's parentheses and where its opening phrase ends."""
        begin, finish, own = self._bounds(text, start, end, spans, opening)
        kept = kept_within(text, begin, finish)
        for a, b in spans:
            if (a, b) != own and a < finish and b > begin:
                kept = kept[:a] + " " * (b - a) + kept[b:]
        return kept

    def _opening_end(self, text: str, spans: tuple[tuple[int, int], ...]) -> int | None:
        """Where the opening phrase of a sentence that starts with a word of `openers` ends: its first comma outside
        parentheses and numbers ("In the EMPA-KIDNEY trial of 6,609 people with CKD, …": method 87), or a later one
        while the part after a comma starts with a word of `continuations` and ends in a comma ("If A, or B, C": the
        opening phrase is "If A, or B"), or starts with an opener too and is a short phrase with no verb ("In SANAD
        II, among 520 people with epilepsy, …": OPENING_WORDS). None without an opener or a comma."""
        if not self._opener.match(text):
            return None
        commas = _free_commas(text, spans)
        if not commas:
            return None
        at = 0
        while at + 1 < len(commas) and (self._continuation.match(text, commas[at] + 1)
                                        or self._scene(text, commas[at] + 1, commas[at + 1])):
            at += 1
        return commas[at]

    def _scene(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is one more scene-setting phrase: an opener, at most OPENING_WORDS words, no
        verb."""
        part = text[start:end]
        return (self._next_opener.match(part) is not None and len(part.split()) <= OPENING_WORDS
                and self._verb.search(part) is None)


def _free_commas(text: str, spans: tuple[tuple[int, int], ...]) -> list[int]:
    """Where `text` has a comma outside the parentheses `spans` and outside a number ("6,609": a number's)."""
    return [i for i, char in enumerate(text) if char == "," and not any(a <= i < b for a, b in spans)
            and not (text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit())]
