"""question → units (concepts + words) → the article it is about → the statements that answer it → cited sentences.

Why it works this way:
- **Any article**: the answer is retrieved from the article's own statements with the full-text index
  (calckg.text_index: SQLite FTS5, porter stems, bm25) combined with the concepts each statement mentions or its
  claims involve; no cue word or per-topic query is needed. Scoring is pure (calckg.answer_scoring).
- **Scoping**: the question is first assigned one article: of those covering nearly the most of its weight (rare
  words and concepts weigh most) and every concept the best one has, the one most about its units (named in its
  title or in several statements, not in passing: calckg.article_choice.most_salient); only that article's
  statements, citations and references are used, so a question that names a concept of one article never receives
  another article's sentences. Which articles and statements have each unit: calckg.answer_credits.
- **Calibrated refusal**: too little of the question in any article, or in any one statement of the chosen
  article, is a refusal (`supported: false`, a reason naming what is missing, exit 3): never a loosely related
  sentence.
- **Structured answers** still come from SPARQL over claims: the references behind claims and conflicting
  figures (the `structured` kinds of `data/answer-kinds.json`), kept only when their rows are the chosen article's.
- **Wordings**: a general-vocabulary term (DO, HPO) bridges a question's words to an article that writes the
  concept otherwise; a question word no article uses that is no medical term weighs less (a paraphrase's wording).
- **Acronyms** no article writes ("ICH") are read as the phrase the articles write for them (calckg.acronyms).
- **Runs of one source**: a trial named once carries to the sentences after it that cite the same references
  (calckg.answer_runs); a chosen sentence brings the next statement of its run, and the previous one when the chosen
  sentence writes no name and that one does (the trial or guideline a result belongs to).
- **The rest of the question**: an answer that leaves much of the question uncovered ("…, and how likely are the
  drops to work?") gets the statement that covers most of the rest (calckg.answer_scoring.complement).
- The title question of an article gets its overview (the first statement of every section).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Identifier

from calckg.answer_model import Answer, ConceptRef
from calckg.answer_runs import cited_names, continuations, is_name, named_in_references, named_in_runs, run_successors
from calckg.answer_queries import (
    QueryRunner,
    Row,
    article_citations,
    compose,
    concept_index,
    one_article,
    references_for,
    run_step,
    uncovered,
)
from calckg.answer_credits import articles_with, statement_credits, titles_naming
from calckg.article_choice import (
    ARTICLE_THRESHOLD,
    TOPIC_RARITY,
    choose_article,
    most_salient,
    names_no_article,
    names_something_specific,
)
from calckg.answer_scoring import (
    SPECIFIC_RARITY,
    STATEMENT_THRESHOLD,
    RankedStatement,
    Unit,
    best_passage,
    complement,
    holding_numbers,
    rank_by_share,
    select,
    statement_shares,
)
from calckg.figure_words import shipped_class_words
from calckg.population_groups import shipped_population_groups
from calckg.question_kinds import clean_question, kind_table
from calckg.question_units import analyse
from calckg.store.base import Store
from calckg.text_index import IndexedStatement, TextIndex

RETRIEVAL_KIND = "statements"
LEAD_IN_SHARE = 0.5
"""A bullet chosen alone brings its whole list when every item of the list and its lead-in cover this share of what
the bullet covers."""

__all__ = ["RETRIEVAL_KIND", "answer", "title_variants"]


# -- the pipeline -------------------------------------------------------------------------------------------------


def _refuse(question: str, kind: str | None, concepts: tuple[ConceptRef, ...], reason: str,
            uncovered: bool = False) -> Answer:  # fmt: skip
    return Answer(question, False, kind, concepts, reason=reason, uncovered=uncovered)


def title_variants(question: str) -> tuple[str, ...]:
    """The question as typed, with a capital first letter and with a closing '?' (titles are stored as written)."""
    base = question.rstrip("?").rstrip()
    forms = (question, base + "?", base[:1].upper() + base[1:] + "?")
    return tuple(dict.fromkeys(form for form in forms if form.strip("?")))


def _title_article(runner: QueryRunner, question: str) -> Identifier | None:
    for form in title_variants(question):
        rows = runner.rows(kind_table().title_queries[0], {"asked": Literal(form, lang="en")})
        if rows:
            return rows[0]["article"]
    return None


def _labels(units: Iterable[Unit]) -> str:
    return ", ".join(u.label for u in units)


def answer(question: str, source: Store | Dataset | QueryRunner, *, index: TextIndex | None = None,
           article: str | None = None) -> Answer:
    """A cited answer from the graph, or `supported=False` with the reason (never an invented answer).

    ``index``: the full-text index of the same graph (default: built from the store on first use); ``article``:
    answer from this article (its IRI) only, instead of the article the question is about. ``source`` may be a
    :class:`QueryRunner` that remembers its rows, for many answers on one store.

    A compound question ("When is light therapy used for psoriasis, and how many sessions a week are needed?") that
    the graph covers too little of as a whole is answered for its first question alone, when that is covered, and
    the answer names the part it answers (`answered_part`); a refusal for any other reason (a population the
    article never names) stands. Each part is also asked on its own: the sentences a part gets from the answer's
    article are added (in reading order), a part answered from another article adds nothing, and when the second
    part adds sentences the whole question is answered."""
    runner = source if isinstance(source, QueryRunner) else QueryRunner(source)
    index = index or runner.text_index()
    parts = kind_table().parts(clean_question(question))
    part = parts[0] if parts else None
    whole = _answer(question, runner, index, article, passages=part is None)
    if part is None or (not whole.uncovered and not whole.supported):
        return whole
    if whole.supported:  # each part may have a sentence of its own the whole did not choose (method of parts)
        return _with_parts(whole, parts, runner, index, part)
    first = _answer(part, runner, index, article)
    if first.supported:
        found = Answer(whole.question, True, first.kind, first.concepts, first.sentences, first.references,
                       verdict=first.verdict, answered_part=part)
        return _with_parts(found, parts[1:], runner, index, part)
    read_as_passage = _answer(question, runner, index, article)  # two sentences may answer the whole
    return read_as_passage if read_as_passage.supported else whole


def _with_parts(found: Answer, parts: Sequence[str], runner: QueryRunner, index: TextIndex, first: str
                ) -> Answer:  # fmt: skip
    """`found` with the sentences each part of its compound question gets when asked on its own, when that answer
    comes from `found`'s article (in reading order, with their references); a later part that points back to the
    `first` is asked about what the first names (:func:`_with_referent`). When a later part adds sentences, more
    than the first part is answered."""
    iri = _article_of(index, found)
    if iri is None:
        return found
    sentences = {s.statement: s for s in found.sentences}
    references = {r.number: r for r in found.references}
    later_added = False
    for part in parts:
        asked = part if part == first else _with_referent(part, first, index)
        answered = _answer(asked, runner, index, None)
        if not answered.supported or _article_of(index, answered) != iri:
            continue
        new = {s.statement: s for s in answered.sentences if s.statement not in sentences}
        later_added |= bool(new) and part != first
        sentences.update(new)
        references.update((r.number, r) for r in answered.references if r.number not in references)
    if len(sentences) == len(found.sentences):
        return found
    lines = {s.iri: (s.line, s.iri) for s in index.article_statements(index.article_numbers[iri])}
    ordered = tuple(sorted(sentences.values(), key=lambda s: lines.get(s.statement, (0, s.statement))))
    return Answer(found.question, True, found.kind, found.concepts, ordered,
                  tuple(sorted(references.values(), key=lambda r: r.number)), verdict=found.verdict,
                  answered_part=None if later_added else found.answered_part)


def _with_referent(part: str, first: str, index: TextIndex) -> str:
    """A second question that points back to the first ("…, and does it work?") with the pointing word replaced by
    what the first question names: its concepts and its words of at least SPECIFIC_RARITY ("does iron infusion
    restless legs work?"), so it is asked about that topic; any other question as it is."""
    pointer = kind_table().referring_back(part)
    if pointer is None:
        return part
    named = " ".join(u.label for u in analyse(clean_question(first), index).units
                     if u.concepts or u.rarity >= SPECIFIC_RARITY)
    return f"{part[: pointer.start()]}{named}{part[pointer.end() :]}" if named else part


def _article_of(index: TextIndex, found: Answer) -> str | None:
    """The IRI of the article an answer's first sentence is from."""
    return next((iri for iri, _ in index.articles.values() if found.sentences
                 and found.sentences[0].statement.startswith(f"{iri}/")), None)


def _answer(question: str, runner: QueryRunner, index: TextIndex, article: str | None, *,
            passages: bool = True) -> Answer:
    table = kind_table()
    question = clean_question(question)
    if not question:
        return _refuse(question, None, (), "the question is empty")
    if len(question) > table.max_question_length:
        return _refuse(question[: table.max_question_length], None, (),
                       f"the question is longer than {table.max_question_length} characters")
    analysis = analyse(question, index)  # "ICH" read as the articles' "intracerebral haemorrhage"
    kind, concepts, units = analysis.kind, analysis.concepts, analysis.units
    title = _title_article(runner, question)
    if title is not None and (article is None or str(title) == article):
        rows = runner.rows(table.title_queries[1], {"article": title})
        return _finish(runner, question, concepts, table.title_kind, rows)
    if not units:
        return _refuse(question, None, concepts, "the question names nothing but stop words, so there is nothing "
                       "to look up in the graph")
    if article is not None:
        number = index.article_numbers.get(article)
        if number is None:
            return _refuse(question, None, concepts, f"the graph has no article {article}")
    elif not names_something_specific(units):
        return _refuse(question, None, concepts, f"the question names nothing specific ({_labels(units)}: everyday "
                       "words), so no article can be told to be about it")
    elif (pointer := table.referring_back(question)) is not None and not names_something_specific(units,
                                                                                                   TOPIC_RARITY):
        return _refuse(question, None, concepts, f"the question points back (“{pointer.group()}”) to something it "
                       f"does not name, and its own words ({_labels(units)}) name no topic")
    else:
        topical = _topical(units)  # "tablets" says nothing about which article: every article names medicines
        found_in = {u.key: articles_with(u, index) for u in topical}
        if names_no_article(topical, found_in, index.article_count()):  # "What are the side effects?"
            return _refuse(question, None, concepts, f"the question names nothing that tells one article from the "
                           f"others ({', '.join(f'{u.label} in {len(found_in[u.key])}' for u in topical)} of the "
                           f"{index.article_count()} articles), so no article can be told to be about it")
        choice = choose_article(topical, found_in, index.article_count(),
                                index.article_bm25(w for u in topical for w in u.words), titles_naming(topical, index))
        if choice.article is None or choice.share < ARTICLE_THRESHOLD:
            return _refuse(question, None, concepts, f"no article of the graph speaks of {_labels(choice.missing)}",
                           uncovered=True)
        credits_of = cache(lambda candidate: statement_credits(units, index, candidate))  # each article once
        number = (most_salient(topical, choice.tied, choice.weight, credits_of,
                               lambda a: _best_statement(runner, index, units, a, credits_of(a)))
                  if choice.tied else choice.article)
    iri, title_text = index.articles[number]
    mismatch = shipped_population_groups().mismatch(question, title_text, lambda w: number in index.articles_with(w))
    if mismatch is not None:  # "… in my 8-year-old?" of an article on adults: its doses are not the child's
        written_for, asked = mismatch
        reason = (f"the article “{title_text}” is written for {written_for.name}; the question asks about "
                  f"{asked.name}, whom it never names" if written_for else
                  f"the question asks about {asked.name}, whom the article “{title_text}” never names")
        return _refuse(question, None, concepts, reason)
    iri = URIRef(iri)
    if kind is not None and concepts:
        rows = _structured(runner, kind, concepts, iri)
        if rows:
            return _finish(runner, question, concepts, kind, rows)
    return _retrieve(runner, index, question, concepts, units, number, passages)


def _topical(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units that say which article a question is about: all but the words for a kind of thing
    (data/class-words.json: "tablets", "medicines"), which call statements of any article that names a medicine
    (calckg.answer_index) and so tell no article from another; all of them when nothing else is left."""
    kinds = shipped_class_words().every_word()
    return tuple(u for u in units if u.concepts or not all(w.casefold() in kinds for w in u.words)) or units


def _structured(runner: QueryRunner, kind: str, concepts: tuple[ConceptRef, ...], article: URIRef) -> list[Row]:
    """The kind's claim rows of the article, when they involve every concept of the question."""
    mentions: dict[Identifier, set[Identifier]] = {}
    for row in runner.rows("statement-mentions", {"article": article}):
        mentions.setdefault(row["statement"], set()).add(row["concept"])
    for step in kind_table().spec(kind).steps:
        rows = one_article([r for r in run_step(runner, step, concepts) if r.get("article") == article])
        if rows and not uncovered(rows, concepts, mentions, concept_index()):
            return rows
    return []


def _ranked(index: TextIndex, units: tuple[Unit, ...], article: int, successors: dict[int, int],
            known: dict[str, dict[int, float]] | None = None, cited: dict[int, frozenset[str]] | None = None,
            ) -> tuple[dict[str, dict[int, float]], dict[int, float], list[RankedStatement]]:  # fmt: skip
    """Each unit's credits (`known`, when the caller has them; a name's also over the runs after the statements that
    write it and over the statements citing a reference that names it, `cited`: calckg.answer_runs), each
    statement's share, and the article's statements that cover the question's units, best first."""
    credits = dict(known) if known is not None else statement_credits(units, index, article)
    units = held_ages(units, credits)
    names = [unit for unit in units if is_name(unit)]
    statements = index.article_statements(article) if names else []
    for unit in names:
        credits[unit.key] = named_in_runs(unit.words[0], credits[unit.key], successors, statements)
        credits[unit.key] = named_in_references(unit.words[0], credits[unit.key], cited or {})
    words = [w for u in units for w in u.words]
    shares = statement_shares(units, credits, index.statement_count(article), index.summary_statements(article))
    return credits, shares, rank_by_share(units, credits, index.bm25(words, article), shares)


def _best_statement(runner: QueryRunner, index: TextIndex, units: tuple[Unit, ...], article: int,
                    known: dict[str, dict[int, float]] | None = None) -> RankedStatement | None:  # fmt: skip
    named = any(is_name(u) for u in units)  # runs and references matter only to names
    successors = run_successors(runner, index, article) if named else {}
    ranked = _ranked(index, units, article, successors, known, cited_names(runner, index, article) if named else {})[2]
    return ranked[0] if ranked else None


def held_ages(units: tuple[Unit, ...], credits: dict[str, dict[int, float]]) -> tuple[Unit, ...]:
    """The units less an asker's age no statement of the article holds ("I'm 47 and my heavy periods …" of an
    article whose age-bounded groups do not hold 47): it says who asks, and nothing about which statement answers."""
    return tuple(u for u in units if u.age is None or credits.get(u.key))


def _retrieve(runner: QueryRunner, index: TextIndex, question: str, concepts: tuple[ConceptRef, ...],
              units: tuple[Unit, ...], article: int, passages: bool = True) -> Answer:
    successors = run_successors(runner, index, article)
    cited = cited_names(runner, index, article) if any(is_name(u) for u in units) else {}
    credits, shares, ranked = _ranked(index, units, article, successors, cited=cited)
    units = held_ages(units, credits)
    neighbours = index.neighbours_in_section(article)
    chosen = (select(ranked, neighbours, holding_numbers(units, credits, shares), index.next_in_section(article))
              or (best_passage(units, credits, index.statement_count(article), ranked, neighbours,
                               index.summary_statements(article)) if passages else []))
    if chosen:
        chosen = [*chosen, *complement(units, credits, index.statement_count(article), chosen,
                                       {r.statement: r.bm25 for r in ranked}, index.summary_statements(article))]
    iri, title = index.articles[article]
    if not ranked:
        return _refuse(question, RETRIEVAL_KIND, concepts, f"no statement of the article “{title}” speaks of "
                       f"{_labels(u for u in units if u.concepts or u.exact)} together", uncovered=True)
    if not chosen:
        missing = [u for u in units if ranked[0].statement not in credits[u.key]]
        return _refuse(question, RETRIEVAL_KIND, concepts,
                       f"no statement of the article “{title}” covers enough of the question (best share "
                       f"{ranked[0].share:.3f} < {STATEMENT_THRESHOLD}; not covered: {_labels(missing)})",
                       uncovered=True)
    found = sorted(index.statements(r.statement for r in chosen), key=lambda s: (s.line, s.iri))
    read_with = {s.lead_in for s in found}
    found = [s for s in found if s.text not in read_with]  # a lead-in is read with its chosen bullets
    # a lead-in chosen alone says nothing by itself ("… are typically:"): its bullets are what it says
    said = {told.id: told for chosen in found for told in (index.bullets_of(chosen) or [chosen])}
    # two items of one list answer: the list does (the question asks what the list's lead-in introduces)
    lists = Counter(s.lead_in for s in said.values() if s.lead_in)
    carried = _carried_by_lead_in(index, article, ranked, [s for s in said.values() if lists[s.lead_in] == 1])
    for statement in list(said.values()):
        if lists[statement.lead_in] >= 2 or statement.id in carried:
            said.update((told.id, told) for told in index.list_of(statement))
    said.update(continuations(index, said, successors, [credits[u.key] for u in units if u.exact and is_name(u)],
                              [credits[u.key] for u in units if u.exact and not is_name(u)]))
    found = sorted(said.values(), key=lambda s: (s.line, s.iri))
    return _finish(runner, question, concepts, RETRIEVAL_KIND, _rows(index, article, iri, found))


def _rows(index: TextIndex, article: int, iri: str, found: Sequence[IndexedStatement]) -> list[Row]:
    """The answer's rows in reading order. A bullet says what its lead-in introduces ("Lithium therapy" of "Factors
    that lower urine calcium … include:"): the first bullet of each list is read with its lead-in (`context`), and
    the lead-in is no sentence of its own."""
    bullets = any(s.lead_in for s in found)
    lead_ins = {s.text: s for s in index.article_statements(article) if not s.lead_in} if bullets else {}
    introduced = {s.lead_in for s in found if s.lead_in in lead_ins}
    rows: list[Row] = []
    for statement in found:
        if statement.text in introduced:
            continue
        row: Row = {"article": URIRef(iri), "statement": URIRef(statement.iri), "text": Literal(statement.text),
                    "line": statement.line}
        if statement.lead_in in introduced:
            introduced.discard(statement.lead_in)
            row["context"] = Literal(statement.lead_in)
            row["contextStatement"] = URIRef(lead_ins[statement.lead_in].iri)
        rows.append(row)
    return rows


def _carried_by_lead_in(index: TextIndex, article: int, ranked: Sequence[RankedStatement],
                        bullets: Sequence[IndexedStatement]) -> set[int]:
    """The bullets, chosen alone of their list, whose whole list (its lead-in and every bullet) covers at least
    ``LEAD_IN_SHARE`` of what they cover: the question asks what the lead-in introduces ("What eye care is needed
    when the eyelid does not close?" for "Eye care measures include:"), so the list answers, not the one item. A
    word only the chosen bullet has ("bilateral DCIS", its lead-in has it only through the bullet's claim) keeps the
    item alone."""
    if not bullets:
        return set()
    share = {r.statement: r.share for r in ranked}
    lead_ins = {s.text: s.id for s in index.article_statements(article) if not s.lead_in}
    carried = set()
    for bullet in bullets:
        whole = [lead_ins.get(bullet.lead_in, -1), *(item.id for item in index.list_of(bullet))]
        if min(share.get(item, 0.0) for item in whole) >= LEAD_IN_SHARE * share.get(bullet.id, 0.0) > 0.0:
            carried.add(bullet.id)
    return carried


def _finish(runner: QueryRunner, question: str, concepts: tuple[ConceptRef, ...], kind: str,
            rows: list[Row]) -> Answer:
    if not rows:
        return _refuse(question, kind, concepts, f"the graph has no {kind} statement about "
                       f"{', '.join(c.label for c in concepts) or 'this question'}")
    citations = article_citations(runner, rows[0]["article"])
    sentences = compose(rows, citations)
    verdict = next((spec.verdict for spec in kind_table().kinds if spec.kind == kind), "")
    return Answer(question, True, kind, concepts, sentences, references_for(sentences, citations), verdict=verdict)
