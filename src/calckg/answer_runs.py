"""Statements read with the ones before them: runs of one source, and a chosen sentence's continuation.

A *run* is a stretch of one section's sentences (not bullets: a list is read with its lead-in) that cite exactly
the same references one after another. A trial or guideline is named in the run's first sentence and its results
follow without the name: "ATACH-2 randomised 1000 patients …" / "Death or disability at 3 months did not differ
…" / "The trial was stopped early for futility." [2]. So a *name* the question asks about (a code such as
"ATACH-2" or "INTERACT2", or a word written in capitals such as "EOLIA", that is no concept) is credited to the
rest of the run after a sentence that writes it (:data:`calckg.answer_scoring.RUN_CREDIT`), and a chosen sentence
brings the next one of its run, and the previous one when the chosen sentence names nothing and that one writes a name
(:func:`continuations`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rdflib import URIRef

from calckg.answer_queries import QueryRunner, article_citations
from calckg.answer_scoring import RUN_CREDIT, Unit
from calckg.text_index import IndexedStatement, TextIndex

__all__ = ["cited_names", "continuations", "is_name", "named_in_references", "named_in_runs", "run_successors"]


NAME_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
"""A word of a statement as a name is written: hyphenated parts kept together ("ZOE-50", "MERIT-HF")."""


def is_name(unit: Unit) -> bool:
    """A word unit written as a name (:func:`written_as_name`)."""
    return not unit.concepts and len(unit.words) == 1 and written_as_name(unit.words[0])


def written_as_name(word: str) -> bool:
    """Letters with digits ("INTERACT2", "ATACH-2") or three capitals or more ("EOLIA", "MERIT-HF")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and (any(c.isdigit() for c in word) or (len(letters) >= 3 and word.isupper()))


def _names(text: str) -> set[str]:
    return {word for word in NAME_WORD.findall(text) if written_as_name(word)}


def run_successors(runner: QueryRunner, index: TextIndex, article: int) -> dict[int, int]:
    """Statement id → the next statement of its run (the next one of its section, citing exactly the same
    references, neither a bullet). A list read between two sentences of the run (its lead-in citing nothing or
    the same references, every bullet the same references) belongs to the run: "INTERACT3 was a trial of a care
    bundle" / "The care bundle included:" (four bullets) / "The care bundle improved functional outcome …" [4]."""
    numbers = article_citations(runner, URIRef(index.articles[article][0])).numbers
    following = index.next_in_section(article)
    statements = {s.id: s for s in index.article_statements(article)}
    lead_ins = {s.lead_in for s in statements.values() if s.lead_in}

    def cites(statement: int) -> tuple[int, ...]:
        return tuple(numbers.get(URIRef(statements[statement].iri), ()))

    def past_list(lead_in: int, cited: tuple[int, ...]) -> int:
        """The statement after the lead-in's bullets when the lead-in and every bullet cite `cited` (the lead-in
        may cite nothing), else the lead-in itself."""
        if statements[lead_in].text not in lead_ins or cites(lead_in) not in ((), cited):
            return lead_in
        after = following.get(lead_in)
        while after is not None and statements[after].lead_in == statements[lead_in].text:
            if cites(after) != cited:
                return lead_in
            after = following.get(after)
        return lead_in if after is None else after

    found = {}
    for first, second in following.items():
        cited = cites(first)
        if not cited or statements[first].lead_in:
            continue
        second = past_list(second, cited)
        if not statements[second].lead_in and cites(second) == cited:
            found[first] = second
    return found


def cited_names(runner: QueryRunner, index: TextIndex, article: int) -> dict[int, frozenset[str]]:
    """Statement id → the names (:func:`written_as_name`) in the titles and containers of the references it cites:
    a guideline body ("NICE Clinical Guideline CG97") or a trial ("… the CombAT study") that a statement states the
    recommendation or result of without naming it ("According to NICE, …?" is answered by the statements citing
    the NICE guideline)."""
    citations = article_citations(runner, URIRef(index.articles[article][0]))
    named = {number: frozenset(_names(f"{entry.title} {entry.container}"))
             for number, entry in citations.references.items()}
    return {s.id: frozenset().union(*(named.get(n, frozenset()) for n in citations.numbers.get(URIRef(s.iri), ())))
            for s in index.article_statements(article)}


def named_in_references(name: str, credits: Mapping[int, float], cited: Mapping[int, frozenset[str]]
                        ) -> dict[int, float]:  # fmt: skip
    """A name's credits, extended to the statements that cite a reference naming it (RUN_CREDIT; a statement's own
    credit is kept)."""
    extended = dict(credits)
    for statement, names in cited.items():
        if name in names:
            extended.setdefault(statement, RUN_CREDIT)
    return extended


def _siblings(name: str, statements: Iterable[IndexedStatement]) -> set[int]:
    """The statements that write another member of the name's series: the same letters with other digits ("TR3"
    for "TR5", "INTERACT3" for "INTERACT2")."""
    letters = re.match(r"[^\W\d_]+", name)
    if letters is None or not any(c.isdigit() for c in name):
        return set()
    series = re.compile(rf"(?<![\w-]){re.escape(letters.group())}-?\d+(?![\w])", re.IGNORECASE)
    return {s.id for s in statements
            if any(m.group().casefold() != name.casefold() for m in series.finditer(s.text))}


def named_in_runs(name: str, credits: Mapping[int, float], successors: Mapping[int, int],
                  statements: Iterable[IndexedStatement]) -> dict[int, float]:
    """A name's credits, extended to the rest of the run after each statement that writes it (RUN_CREDIT; a
    statement's own credit is kept); a run ends before a statement that writes another member of the name's
    series (a list of categories read one sentence each: "A TR5 nodule …" / "A TR3 nodule …")."""
    stops = _siblings(name, statements)
    extended = dict(credits)
    for statement in sorted(credits):
        after = successors.get(statement)
        while after is not None and after not in credits and after not in stops:
            extended.setdefault(after, RUN_CREDIT)
            after = successors.get(after)
    return extended


def continuations(index: TextIndex, said: Mapping[int, IndexedStatement], successors: Mapping[int, int],
                  exact: Sequence[Mapping[int, float]], numbers: Sequence[Mapping[int, float]] = ()
                  ) -> dict[int, IndexedStatement]:  # fmt: skip
    """The next statement of each chosen sentence's run, which continues it (a trial named in one sentence, its result
    in the next), and the previous one when the chosen sentence writes no name and that one does (a code or a word in
    capitals: a trial, a guideline body or an abbreviation; "In the SOX trial, 806 people … were randomised …" before
    "Post-thrombotic syndrome developed in 14.2% …"): the result is read with what it is a result of. A run passes
    over a list of the same source, so either may stand on the other side of a list. A sentence that names its own
    trial ("BETA-3 randomised …") brings no previous one (which may be another trial of the series). A number or code
    the question names must be credited to the added statement too (`exact`: written in it, or a name its run
    carries); a number of the question (`numbers`: a dose, an age) may instead be the chosen sentence's when the
    added statement is the next one: the run goes on about what that sentence wrote ("… onabotulinumtoxinA 200
    units reduced …" / "In the same trial, complete resolution … 20% compared with 4% …" answer "How did
    onabotulinumtoxinA 200 units compare …?" together). A code stays with its own sentence: "A TR3 nodule …" is no
    continuation for "TR5"."""
    before = {second: first for first, second in successors.items()}
    found: dict[int, IndexedStatement] = {}
    for statement in (s for s in said.values() if not s.lead_in):
        for near, naming in ((successors.get(statement.id), False), (before.get(statement.id), True)):
            if (near is None or near in said or near in found or not all(near in required for required in exact)
                    or not all(near in held or not naming and statement.id in held for held in numbers)):
                continue
            told = index.statements([near])[0]
            if not naming or (not _names(statement.text) and _names(told.text)):
                found[near] = told
    return found
