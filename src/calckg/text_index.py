"""The full-text index of every statement: SQLite FTS5 (Python's own sqlite3), porter stemming, bm25.

Why it works this way (docs/answers.md has the comparison with tantivy and bm25s):
- One row per statement: its text, the lead-in it is read with and its section headings (own and parent) as three
  FTS5 columns, plus an indexed ``scope`` column holding the article's number, so a term lookup inside one article
  is a posting-list intersection, not a scan of the corpus. Titles and whole articles have their own small tables
  (which article speaks of a term at all).
- Concept mentions (``schema:mentions`` of the statement and its lead-in, and the concepts any claim derived from
  the statement involves) sit in a plain table beside the text, and their names (every label, and the other form
  of an abbreviation the article defines) in FTS5 tables of their own, per statement and per article: a word is
  also found by what a statement's concepts are called, and no statement's bm25 changes (FTS5 normalises bm25 by
  the length of the whole row).
- Terms are the FTS5 tokenizer's own: :meth:`TextIndex.stems` runs a question's words through the same porter
  tokenizer in a temporary table, so question and statements are stemmed alike.
- Rows are inserted in sorted order and the file is VACUUMed, so the same graph gives a byte-identical file. The
  build writes it to ``build/answer-index.sqlite``; a store without that file gets an in-memory index built from
  it on first use (:func:`calckg.answer_index.index_input` reads the store with the queries in ``queries/answers/``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from calckg.errors import InputError
from calckg.index_terms import TOKENIZER, stem_words, words
from calckg.ids import section_iri
from calckg.ingest.parser import SUMMARY_SLUG

INDEX_FILE = "answer-index.sqlite"
SCHEMA_VERSION = "5"  # 2: statements indexed by article (a look-up per answer read every row); 3: concept names;
# 4: figure words among the names (data/figure-words.json); 5: class words too (data/class-words.json)

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, title TEXT NOT NULL);
CREATE TABLE statements(id INTEGER PRIMARY KEY, article INTEGER NOT NULL, iri TEXT NOT NULL, line INTEGER NOT NULL,
                        text TEXT NOT NULL, lead_in TEXT NOT NULL, heading TEXT NOT NULL, names TEXT NOT NULL,
                        scope TEXT NOT NULL);
CREATE TABLE mentions(statement INTEGER NOT NULL, article INTEGER NOT NULL, concept TEXT NOT NULL);
CREATE INDEX mentions_by_concept ON mentions(concept, article);
CREATE INDEX statements_by_article ON statements(article, lead_in);
CREATE VIRTUAL TABLE statement_text USING fts5(text, lead_in, heading, scope, content='statements',
                                               content_rowid='id', tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE statement_names USING fts5(names, scope, content='statements', content_rowid='id',
                                                tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE article_text USING fts5(body, content='', detail=column, tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE article_names USING fts5(names, content='', detail=column, tokenize='{TOKENIZER}');
"""


@dataclass(frozen=True)
class StatementRow:
    """One statement as the index keeps it (the input of :func:`build_index`)."""

    article: str
    iri: str
    line: int
    text: str
    lead_in: str = ""
    heading: str = ""
    concepts: tuple[str, ...] = ()
    names: str = ""
    """The labels (preferred and alternative) of the concepts it mentions, and of those its claims involve: the
    words a vocabulary gives the same thing ("extracorporeal membrane oxygenation" for "ECMO", "bleeding in brain"
    for "intracerebral haemorrhage")."""
    kind_words: str = ""
    """Words for the kinds of thing it speaks of (data/class-words.json: "tablet" for a drug): among its names, but
    not its article's, so they say which statements of an article answer, never which article."""


@dataclass(frozen=True)
class IndexedStatement:
    id: int
    article: int
    iri: str
    line: int
    text: str
    lead_in: str


def _fill(connection: sqlite3.Connection, titles: Mapping[str, str], rows: Iterable[StatementRow]) -> None:
    connection.executescript(_SCHEMA)
    connection.execute("INSERT INTO meta VALUES ('schema', ?), ('tokenizer', ?)", (SCHEMA_VERSION, TOKENIZER))
    by_article: dict[str, list[StatementRow]] = defaultdict(list)
    for row in rows:
        by_article[row.article].append(row)
    statement_id = 0
    for article_id, article in enumerate(sorted(set(titles) | set(by_article)), start=1):
        title = titles.get(article, "")
        connection.execute("INSERT INTO articles VALUES (?, ?, ?)", (article_id, article, title))
        body, names = [title], []
        for row in sorted(by_article.get(article, ()), key=lambda r: (r.line, r.iri)):
            statement_id += 1
            connection.execute("INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (statement_id, article_id, row.iri, row.line, row.text, row.lead_in, row.heading,
                                " ; ".join(filter(None, (row.names, row.kind_words))), f"a{article_id}"))
            connection.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                                   [(statement_id, article_id, c) for c in sorted(set(row.concepts))])
            body.extend((row.text, row.heading))
            names.append(row.names)
        connection.execute("INSERT INTO article_text(rowid, body) VALUES (?, ?)", (article_id, "\n".join(body)))
        connection.execute("INSERT INTO article_names(rowid, names) VALUES (?, ?)", (article_id, "\n".join(names)))
    for table in ("statement_text", "statement_names"):
        connection.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    for table in ("statement_text", "statement_names", "article_text", "article_names"):
        connection.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    connection.commit()


def build_index(titles: Mapping[str, str], rows: Iterable[StatementRow]) -> TextIndex:
    """An in-memory index of the given articles (title by article IRI) and statements."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(connection, titles, rows)
    return TextIndex(connection)


def index_bytes(titles: Mapping[str, str], rows: Iterable[StatementRow]) -> bytes:
    """The index as the bytes of a SQLite file (VACUUMed: the same input gives the same bytes)."""
    handle, temp = tempfile.mkstemp(suffix=".sqlite")
    os.close(handle)
    try:
        connection = sqlite3.connect(temp)
        try:
            _fill(connection, titles, rows)
            connection.execute("VACUUM")
        finally:
            connection.close()
        return Path(temp).read_bytes()
    finally:
        os.unlink(temp)


def index_from_bytes(content: bytes) -> TextIndex:
    """An in-memory index from the bytes of an index file (:func:`index_bytes`)."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.deserialize(content)
    return TextIndex(connection)


def open_index(path: Path) -> TextIndex:
    """A read-only index file written by the build; a damaged or foreign file is an input error naming it."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as error:
        raise InputError(f"{path}: not a calckg answer index ({error}); run `calckg build` again") from None
    if version is None or version[0] != SCHEMA_VERSION:
        connection.close()
        raise InputError(f"{path}: answer index schema {version and version[0]!r}, expected {SCHEMA_VERSION!r}; "
                         "run `calckg build` again")
    return TextIndex(connection)


def _phrase(word: str) -> str:
    return f'"{word}"'  # a word has no quote or operator in it (see words())


def _tokens(word: str) -> str:
    """All the tokens of a word, in any order: the per-article table keeps no positions for phrases ("0.01")."""
    return "(" + " AND ".join(_phrase(token) for token in words(word)) + ")"


def _term(form: str) -> str:
    """An FTS5 term: a word (its stem), or a prefix of index terms written ``prefix*``."""
    return f"{_phrase(form[:-1])} *" if form.endswith("*") else _phrase(form)


def _either(word: str, forms: Sequence[str], whole: bool = False) -> str:
    first = _tokens(word) if whole else _phrase(word)
    return "(" + " OR ".join([first, *(_term(f) for f in forms)]) + ")" if forms else first


class TextIndex:
    """Look-ups on one index connection (all reads; safe to share between threads of one process)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._used: dict[str, bool] = {}  # word → uses(word): a question asks it several times, a build thousands
        self._alone: dict[str, bool] = {}  # word → writes_alone(word), likewise
        self._beginning: dict[str, tuple[str, ...]] = {}  # prefix → terms_beginning(prefix), as _used
        self._following: dict[int, dict[int, int]] = {}  # article → next_in_section(article): each answer asks twice
        connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.statement_terms USING "
                           "fts5vocab(main, 'statement_text', 'row')")  # the index terms, for terms_beginning
        self.articles: dict[int, tuple[str, str]] = {
            number: (iri, title) for number, iri, title in connection.execute("SELECT id, iri, title FROM articles")}
        self.article_numbers = {iri: number for number, (iri, _) in self.articles.items()}
        # Statement ids are given in IRI order, so an article's statements are one id range (checked): a look-up
        # inside one article seeks that range instead of intersecting with the article's scope term, whose
        # partner (a common word's posting list) grows with the corpus.
        self._ranges: dict[int, tuple[int, int]] = {
            article: (first, last) for article, first, last, count in connection.execute(
                "SELECT article, min(id), max(id), count(*) FROM statements GROUP BY article")
            if last - first + 1 == count}  # fmt: skip

    def _match_within(self, columns: str, terms: str, article: int, select: str, table: str = "statement_text"
                      ) -> list[tuple[int, float]]:
        """`select` rows of the statements of one article whose `columns` of `table` match `terms` (FTS5 syntax)."""
        if article in self._ranges:
            return list(self._db.execute(
                f"SELECT {select} FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
                (f"{{{columns}}} : {terms}", *self._ranges[article])))
        return list(self._db.execute(f"SELECT {select} FROM {table} WHERE {table} MATCH ?",
                                     (f"{{{columns}}} : {terms} AND scope : a{article}",)))

    def close(self) -> None:
        self._db.close()

    def stems(self, tokens: Sequence[str]) -> list[str]:
        """Each token's stem as the index's tokenizer makes it ('' for a token it drops)."""
        return stem_words(tokens)

    def article_count(self) -> int:
        return len(self.articles)

    def articles_with(self, word: str, forms: Sequence[str] = ()) -> set[int]:
        """Articles whose title, statements, headings or concept names contain the word (stemmed) or one of its
        other forms."""
        return {row[0] for table in ("article_text", "article_names") for row in self._db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (_either(word, forms, whole=True),))}

    def terms_beginning(self, prefix: str) -> tuple[str, ...]:
        """The statements' index terms (stems) that begin with `prefix`, in order."""
        if prefix not in self._beginning:
            self._beginning[prefix] = tuple(row[0] for row in self._db.execute(
                "SELECT term FROM temp.statement_terms WHERE term >= ? AND term < ?", (prefix, prefix + "\U0010ffff")))
        return self._beginning[prefix]

    def texts_with_prefix(self, prefix: str, also: str, limit: int = 200) -> list[str]:
        """Texts of statements with an index term that begins with `prefix` and with the word `also` (stemmed), at
        most `limit`: the candidates a clipped word's completion is read from (calckg.clipped_words)."""
        return [row[0] for row in self._db.execute(
            "SELECT s.text FROM statements s WHERE s.id IN (SELECT rowid FROM statement_text WHERE statement_text "
            "MATCH ? LIMIT ?) ORDER BY s.id", (f"{{text}} : ({_phrase(prefix)} * AND {_phrase(also)})", limit))]

    def uses(self, word: str) -> bool:
        """Whether any article's title, statements, headings or concept names contain the word (stemmed)."""
        if word not in self._used:
            self._used[word] = any(self._db.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1",
                                                    (_tokens(word),)).fetchone() is not None
                                   for table in ("article_text", "article_names"))
        return self._used[word]

    def writes_alone(self, word: str) -> bool:
        """Whether a title, statement, lead-in or heading writes the word on its own, not only inside a hyphenated
        name ("OSA" of the trial "SURMOUNT-OSA")."""
        if word not in self._alone:
            alone = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
            rows = self._db.execute("SELECT text, lead_in, heading FROM statements WHERE id IN (SELECT rowid FROM "
                                    "statement_text WHERE statement_text MATCH ?)", (_tokens(word),))
            self._alone[word] = (any(alone.search(title) for _, title in self.articles.values())
                                 or any(alone.search(part) for row in rows for part in row))
        return self._alone[word]

    def article_bm25(self, words_: Iterable[str]) -> dict[int, float]:
        """bm25 of the articles that contain any of the words (higher is better)."""
        alternatives = " OR ".join(_tokens(w) for w in sorted(set(words_)))
        if not alternatives:
            return {}
        return {rowid: -score for rowid, score in self._db.execute(
            "SELECT rowid, bm25(article_text) FROM article_text WHERE article_text MATCH ?", (alternatives,))}

    def written_as(self, abbreviation: str, concept: str) -> tuple[bool, bool]:
        """(some statement writes `abbreviation`, case and whole word as given, and mentions `concept`; some statement
        writes it without mentioning `concept`): whether the articles use the abbreviation for the concept, or for
        something else."""
        word = "".join(f"[{c}]" if c in "*?[]" else c for c in abbreviation)
        patterns = (word, f"{word}[^A-Za-z0-9]*", f"*[^A-Za-z0-9]{word}", f"*[^A-Za-z0-9]{word}[^A-Za-z0-9]*")
        writes = " OR ".join("s.text GLOB ?" for _ in patterns)
        mentions = "EXISTS (SELECT 1 FROM mentions m WHERE m.statement = s.id AND m.concept = ?)"
        # the text index narrows the statements to those with the words in any case (a GLOB alone reads every row:
        # 0.4 s at 1,000 articles); the GLOB then keeps the case and the whole word
        tokens = " ".join(words(abbreviation))
        if not tokens:
            return False, False
        indexed = "s.id IN (SELECT rowid FROM statement_text WHERE statement_text MATCH ?)"
        found = [self._db.execute(
            f"SELECT 1 FROM statements s WHERE {indexed} AND ({writes}) AND {negate}{mentions} LIMIT 1",
            (f'{{text}} : "{tokens}"', *patterns, concept)).fetchone() is not None
            for negate in ("", "NOT ")]  # fmt: skip
        return found[0], found[1]

    def articles_mentioning(self, concepts: Iterable[str]) -> set[int]:
        wanted = sorted(set(concepts))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        return {row[0] for row in self._db.execute(
            f"SELECT DISTINCT article FROM mentions WHERE concept IN ({marks})", wanted)}

    def statements_with(self, word: str, article: int, columns: Sequence[str], forms: Sequence[str] = ()) -> set[int]:
        """Statements of the article whose given columns contain the word (stemmed) or one of its other forms."""
        return {row[0] for row in self._match_within(" ".join(columns), _either(word, forms), article, "rowid")}

    def statements_named(self, word: str, article: int, forms: Sequence[str] = ()) -> set[int]:
        """Statements of the article that mention a concept one of whose labels contains the word (stemmed) or one
        of its other forms."""
        return {row[0] for row in self._match_within("names", _either(word, forms), article, "rowid",
                                                     "statement_names")}

    def statements_mentioning(self, concepts: Iterable[str], article: int) -> set[int]:
        wanted = sorted(set(concepts))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        return {row[0] for row in self._db.execute(
            f"SELECT statement FROM mentions WHERE article = ? AND concept IN ({marks})", [article, *wanted])}

    def article_statements(self, article: int) -> list[IndexedStatement]:
        """Every statement of the article, in id order (one query)."""
        return [IndexedStatement(*row) for row in self._db.execute(
            "SELECT id, article, iri, line, text, lead_in FROM statements WHERE article = ? ORDER BY id", (article,))]

    def summary_statements(self, article: int) -> frozenset[int]:
        """The statements of the article's summary (the paragraph under its title, section `summary`)."""
        prefix = f"{section_iri(self.articles[article][0], SUMMARY_SLUG)}/"
        return frozenset(row[0] for row in self._db.execute(
            "SELECT id FROM statements WHERE article = ? AND substr(iri, 1, ?) = ?", (article, len(prefix), prefix)))

    def statement_ids(self, article: int) -> list[int]:
        return [row[0] for row in self._db.execute("SELECT id FROM statements WHERE article = ? ORDER BY id",
                                                   (article,))]

    def statement_texts(self, articles: Iterable[int]) -> list[str]:
        """The text of every statement of the given articles, in id order."""
        wanted = sorted(set(articles))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        return [row[0] for row in self._db.execute(
            f"SELECT text FROM statements WHERE article IN ({marks}) ORDER BY id", wanted)]

    def statement_count(self, article: int) -> int:
        return int(self._db.execute("SELECT count(*) FROM statements WHERE article = ?", (article,)).fetchone()[0])

    def bm25(self, words_: Iterable[str], article: int) -> dict[int, float]:
        """bm25 of the statements of the article that contain any of the words (higher is better)."""
        alternatives = " OR ".join(_phrase(w) for w in sorted(set(words_)))
        if not alternatives:
            return {}
        return {rowid: -score for rowid, score in self._match_within(
            "text lead_in heading", f"({alternatives})", article, "rowid, bm25(statement_text, 1.0, 0.5, 0.3, 0.0)")}

    def statements(self, ids: Iterable[int]) -> list[IndexedStatement]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        return [IndexedStatement(*row) for row in self._db.execute(
            f"SELECT id, article, iri, line, text, lead_in FROM statements WHERE id IN ({marks}) ORDER BY id", wanted)]

    def next_in_section(self, article: int) -> Mapping[int, int]:
        """Statement id → the id of the statement read right after it under the same section heading (kept per
        article: the answer's runs and its neighbouring statements both read it)."""
        if article not in self._following:
            rows = self._db.execute("SELECT id, heading FROM statements WHERE article = ? ORDER BY line, id",
                                    (article,)).fetchall()
            self._following[article] = {first: second for (first, heading), (second, next_heading)
                                        in pairwise(rows) if heading == next_heading}
        return self._following[article]

    def neighbours_in_section(self, article: int) -> dict[int, tuple[int, ...]]:
        """Statement id → the ids of the statements read right before and after it under the same heading."""
        neighbours: dict[int, tuple[int, ...]] = {}
        for first, second in self.next_in_section(article).items():
            neighbours[first] = (*neighbours.get(first, ()), second)
            neighbours[second] = (*neighbours.get(second, ()), first)
        return neighbours

    def bullets_of(self, lead_in: IndexedStatement) -> list[IndexedStatement]:
        """The statements read after `lead_in` (its bullets), in reading order; none when it introduces nothing."""
        return self._read_with(lead_in.article, lead_in.text)

    def list_of(self, bullet: IndexedStatement) -> list[IndexedStatement]:
        """All the bullets read with the same lead-in as `bullet` (itself included), in reading order; none when
        it has no lead-in."""
        return self._read_with(bullet.article, bullet.lead_in) if bullet.lead_in else []

    def _read_with(self, article: int, lead_in: str) -> list[IndexedStatement]:
        return [IndexedStatement(*row) for row in self._db.execute(
            "SELECT id, article, iri, line, text, lead_in FROM statements WHERE article = ? AND lead_in = ? "
            "ORDER BY line, iri", (article, lead_in))]
