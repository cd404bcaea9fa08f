"""Which statements make an answer's passage (calckg.answer_scoring): the best statement's neighbours join at a lower
share than the others' (BEST_NEIGHBOUR), and the article's summary counts part of what it covers (SUMMARY_CREDIT),
found by the index (TextIndex.summary_statements)."""

from __future__ import annotations

from calckg.answer_scoring import RankedStatement, Unit, rank_statements, select
from calckg.text_index import StatementRow, build_index


def test_select_adds_the_best_statements_neighbours_at_a_lower_share() -> None:
    """The best statement's neighbours join at 0.4 of its share (BEST_NEIGHBOUR), another chosen statement's at
    0.6 (NEIGHBOUR): 5 (0.4 of 0.9 = 0.36 <= 0.4) joins beside 4; 1 (0.45) beside 2 does not."""
    ranked = [RankedStatement(4, 0.9, 1.0), RankedStatement(2, 0.8, 1.0), RankedStatement(1, 0.45, 1.0),
              RankedStatement(5, 0.4, 1.0), RankedStatement(3, 0.35, 1.0)]
    neighbours = {4: (3, 5), 2: (1,), 5: (4,), 1: (2,), 3: (4,)}
    assert select(ranked, neighbours) == [ranked[0], ranked[1], ranked[3]]


def test_a_summary_statement_counts_part_of_what_it_covers() -> None:
    """Statement 1 (the article's summary) covers the whole question, statement 2 all but a common word of it: the
    summary counts SUMMARY_CREDIT (0.6) of its share and comes second."""
    gout = Unit("c:gout", "gout", ("gout",), ("c:gout",))
    dose = Unit("stem:dose", "dose", ("dose",), (), 0.3)
    credits = {"c:gout": {1: 1.0, 2: 1.0}, "stem:dose": {1: 1.0}}
    plain = rank_statements([gout, dose], credits, 10, {})
    assert [(r.statement, r.share) for r in plain] == [(1, 1.0), (2, 0.7125)]
    summary = rank_statements([gout, dose], credits, 10, {}, frozenset({1}))
    assert [(r.statement, r.share) for r in summary] == [(2, 0.7125), (1, 0.6)]


def test_the_index_knows_each_articles_summary_statements() -> None:
    rows = [StatementRow("https://x/a", "https://x/a/section/summary/1", 3, "Gout is managed early."),
            StatementRow("https://x/a", "https://x/a/section/summary-2/1", 9, "A section headed Summary."),
            StatementRow("https://x/b", "https://x/b/section/summary/1", 3, "Another article's summary.")]
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    assert (index.summary_statements(1), index.summary_statements(2)) == ({1}, {3})
