"""Deterministic synthetic articles in the publisher's page-text format, recombined from the seed article.

Why it is built this way:
- The text of every synthetic article comes from the seed article (data/sources/…): its page chrome, its
  sections with their own sentences, lead-ins and bullets, its references and related questions. Nothing
  medical is written here, so the corpus states no fact the seed does not. Only the title line carries the
  marker "Synthetic article NNNN: …" so the corpus can never be mistaken for real content.
- Sections keep their own statements (a subset, in order), and lead-ins keep their own bullets, so a bullet is
  never put under a lead-in it does not belong to ("Benign calcifications tend to be:" never gets "Grouped
  or clustered").
- References are a shuffled subset of the seed's references, renumbered; every citation is renumbered with
  them, so a resolved citation still points at the reference the seed cites. Citations of references left out
  (and the seed's own dangling 7 and 8) get numbers past the list: unresolved citations, as in the seed.
- Related questions mix the seed's related questions with titles of earlier synthetic articles (index < i),
  so related-question ranking has links to find.
- Article i depends only on (seed, i): a corpus of N articles is a prefix of a corpus of M > N articles, and
  the same seed gives byte-identical files. The expected counts are computed here, independently of the
  parser, and written to `manifest.json` next to the articles, so a test can check the real ingest.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from calckg.ingest import parse_article
from calckg.ingest.reader import read_source
from calckg.model import Article, Section, Statement, StatementKind
from calckg.resources import sources_dir

SEED_ARTICLE = "what-are-microcalcifications-in-the-breast.txt"
DEFAULT_SEED = 20260216
TITLE_MARKER = "Synthetic article"
MANIFEST = "manifest.json"
BULLET_PREFIX = "  • "
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


@dataclass(frozen=True)
class _Piece:
    """A statement of the seed: its text (citations stripped) and the seed's citation numbers."""

    kind: StatementKind
    text: str
    citations: tuple[int, ...]
    statistics: int


@dataclass(frozen=True)
class _Item:
    """One source line of a seed section: a paragraph (one or more statements) or a bullet."""

    bullet: bool
    pieces: tuple[_Piece, ...]
    block: int  # index of the blank-line separated block it belongs to


@dataclass(frozen=True)
class _SeedSection:
    heading: str
    level: int
    parent: str | None
    items: tuple[_Item, ...]


@dataclass(frozen=True)
class _Seed:
    """Everything recombined into synthetic articles, taken from the parsed seed article."""

    title: str
    heading: str  # the repeated title heading
    chrome_before_date: str
    chrome_after_date: str
    summary: tuple[_Piece, ...]
    standalone: tuple[_Piece, ...]  # cited sentences of the body, usable as a one-sentence summary
    sections: tuple[_SeedSection, ...]
    groups: tuple[tuple[str, tuple[_SeedSection, ...]], ...]  # level-2 group heading → its level-3 sections
    references: tuple[tuple[int, str, str, str, int], ...]  # number, type, title, container, year
    related: tuple[str, ...]
    back_matter: str  # "Professional Medical Disclaimer" to the end


@dataclass
class ArticleExpectation:
    """What the real ingest must find in one generated article (computed by the generator, not the parser)."""

    file: str
    title: str
    sections: int = 0  # including the summary and group headings
    statements: int = 0
    sentences: int = 0
    bullets: int = 0
    lead_ins: int = 0
    statistics: int = 0
    references: int = 0
    citations: int = 0  # (statement, number) pairs
    unresolved_citations: int = 0  # (statement, number) pairs without a reference entry
    unresolved_numbers: list[int] = field(default_factory=list)  # distinct numbers without a reference entry
    related_questions: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class GeneratedArticle:
    file_name: str
    text: str
    expected: ArticleExpectation


@cache
def _seed(path: Path | None = None) -> _Seed:
    source = read_source(path or sources_dir() / SEED_ARTICLE)
    article = parse_article(source.path, source.text)
    return _extract(article)


def _pieces(section: Section, statements: list[Statement]) -> tuple[_Piece, ...]:
    return tuple(_Piece(s.kind, s.text, s.citations, len(s.statistics)) for s in statements)


def _items(article: Article, section: Section) -> tuple[_Item, ...]:
    """Group a section's statements by source line, and lines into blank-line separated blocks."""
    lines = article.text.split("\n")
    by_line: dict[int, list[Statement]] = {}
    for statement in section.statements:
        by_line.setdefault(statement.line, []).append(statement)
    items, block, previous = [], 0, None
    for number in sorted(by_line):
        if previous is not None and any(not lines[n - 1].strip() for n in range(previous + 1, number)):
            block += 1
        statements = by_line[number]
        items.append(_Item(statements[0].kind is StatementKind.BULLET, _pieces(section, statements), block))
        previous = number
    return tuple(items)


def _extract(article: Article) -> _Seed:
    text = article.text
    lines = text.split("\n")
    heading_line = article.summary.line
    chrome = "\n".join(lines[1 : heading_line - 1]).strip("\n")
    date_match = re.search(r"Last updated: [A-Z][a-z]+ \d{1,2}, \d{4}", chrome)
    if date_match is None:
        raise ValueError("seed article has no 'Last updated:' line")
    sections = [s for s in article.sections if s.statements]
    groups = []
    for group in (s for s in article.sections if not s.statements and s.level == 2):
        members = tuple(
            _SeedSection(s.heading, s.level, s.parent_slug, _items(article, s))
            for s in sections
            if s.parent_slug == group.slug
        )
        groups.append((group.heading, members))
    top = tuple(_SeedSection(s.heading, s.level, None, _items(article, s)) for s in sections if s.parent_slug is None)
    disclaimer = text.index("Professional Medical Disclaimer")
    return _Seed(
        title=article.title,
        heading=lines[heading_line - 1].strip(),
        chrome_before_date=chrome[: date_match.start()],
        chrome_after_date=chrome[date_match.end() :],
        summary=_pieces(article.summary, list(article.summary.statements)),
        standalone=tuple(
            _Piece(s.kind, s.text, s.citations, len(s.statistics))
            for _, s in article.statements
            if s.kind is StatementKind.SENTENCE and s.citations
        ),
        sections=top,
        groups=tuple(groups),
        references=tuple((r.number, r.kind, r.title, r.container, r.year) for r in article.references),
        related=tuple(q.text for q in article.related_questions),
        back_matter=text[disclaimer:].rstrip("\n"),
    )


def _rng(seed: int, index: int) -> random.Random:
    digest = hashlib.sha256(f"calckg-bench:{seed}:{index}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _subset(rng: random.Random, items: tuple, low: int, high: int) -> list:
    """A random subset of `items` of size in [low, high] (clipped), kept in the original order."""
    count = min(len(items), max(low, rng.randint(low, max(low, high))))
    chosen = sorted(rng.sample(range(len(items)), count))
    return [items[i] for i in chosen]


def file_name(index: int) -> str:
    return f"synthetic-{index:05d}.txt"


def _layout(source: _Seed, rng: random.Random) -> tuple[list[_SeedSection], list[tuple[str, list[_SeedSection]]]]:
    """The first draws of an article's rng: its top-level sections (shuffled) and its groups of subsections."""
    top = _subset(rng, source.sections, 2, len(source.sections))
    rng.shuffle(top)
    groups = [(heading, _subset(rng, members, 1, len(members))) for heading, members in source.groups]
    return top, _subset(rng, tuple(groups), 0, len(groups))


def _title(index: int, top: list[_SeedSection]) -> str:
    first, second = (s.heading.lower() for s in top[:2])
    return f"{TITLE_MARKER} {index:04d}: What are the {first} and {second} of microcalcifications in the breast?"


def title(seed: int, index: int, seed_path: Path | None = None) -> str:
    """Article `index`'s title, from the first draws of its own rng only (no recursion into other articles)."""
    top, _ = _layout(_seed(seed_path), _rng(seed, index))
    return _title(index, top)


class _Writer:
    """Renders one article and counts what the parser must find in it."""

    def __init__(self, expected: ArticleExpectation, numbering: dict[int, int], resolved: int) -> None:
        self.expected = expected
        self.numbering = numbering
        self.resolved = resolved  # citation numbers 1..resolved have a reference entry
        self.out: list[str] = []
        self.unresolved: set[int] = set()

    def cite(self, piece: _Piece) -> str:
        numbers = [self.numbering[n] for n in piece.citations]
        for number in numbers:
            self.expected.citations += 1
            if number > self.resolved:
                self.expected.unresolved_citations += 1
                self.unresolved.add(number)
        return ", ".join(map(str, numbers))

    def count(self, piece: _Piece, bullet: bool) -> None:
        self.expected.statements += 1
        self.expected.statistics += piece.statistics
        if bullet:
            self.expected.bullets += 1
        elif piece.kind is StatementKind.LEAD_IN:
            self.expected.lead_ins += 1
        else:
            self.expected.sentences += 1

    def paragraph(self, pieces: tuple[_Piece, ...]) -> str:
        parts = []
        for piece in pieces:
            self.count(piece, bullet=False)
            parts.append(f"{piece.text} {self.cite(piece)}" if piece.citations else piece.text)
        return " ".join(parts)

    def bullet(self, piece: _Piece) -> str:
        self.count(piece, bullet=True)
        return f"{BULLET_PREFIX}{piece.text} {self.cite(piece)}" if piece.citations else f"{BULLET_PREFIX}{piece.text}"

    def section(self, rng: random.Random, section: _SeedSection) -> None:
        self.expected.sections += 1
        self.out.append(section.heading)
        blocks: dict[int, list[_Item]] = {}
        for item in section.items:
            blocks.setdefault(item.block, []).append(item)
        for items in blocks.values():
            paragraphs = [i for i in items if not i.bullet]
            bullets = [i for i in items if i.bullet]
            lines = [self.paragraph(i.pieces) for i in paragraphs]
            # Keep every lead-in's bullets non-empty: a subset (in order) of this block's own bullets.
            lines += [self.bullet(i.pieces[0]) for i in _subset(rng, tuple(bullets), 1, len(bullets))] if bullets else []
            self.out.append("\n".join(lines))


def generate_article(seed: int, index: int, seed_path: Path | None = None) -> GeneratedArticle:
    """Article `index` of the corpus for `seed`: its page text and what the ingest must find in it."""
    source = _seed(seed_path)
    rng = _rng(seed, index)
    top, groups = _layout(source, rng)
    article_title = _title(index, top)

    references = list(_subset(rng, source.references, 2, len(source.references)))
    rng.shuffle(references)
    numbering = {ref[0]: n for n, ref in enumerate(references, start=1)}
    cited = sorted({n for s in (*top, *(m for _, ms in groups for m in ms)) for i in s.items for p in i.pieces
                    for n in p.citations} | {n for p in (*source.summary, *source.standalone) for n in p.citations})  # fmt: skip
    next_number = len(references) + 1
    for number in cited:  # citations of references left out, and the seed's own dangling ones
        if number not in numbering:
            numbering[number] = next_number
            next_number += 1

    # The summary: the seed's own, or one of its cited body sentences standing alone.
    summary = source.summary if rng.random() < 0.5 else (rng.choice(source.standalone),)
    expected = ArticleExpectation(file=file_name(index), title=article_title, references=len(references))
    writer = _Writer(expected, numbering, len(references))
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.choice((2024, 2025, 2026))
    writer.out += [
        article_title,
        f"{source.chrome_before_date}Last updated: {month} {day}, {year}{source.chrome_after_date}",
        article_title,  # the title heading repeats the title line
        writer.paragraph(summary),
    ]
    expected.sections += 1  # the summary
    for section in top:
        writer.section(rng, section)
    for heading, members in groups:
        expected.sections += 1
        writer.out.append(heading)
        for member in members:
            writer.section(rng, member)

    writer.out.append("References")
    for _, kind, ref_title, container, ref_year in references:
        writer.out.append(f"{kind}\n\n{ref_title}\n\n{container}, {ref_year}")
    earlier = sorted({index - 1, index - 2, rng.randrange(index)} - {-1, -2}) if index else []
    related = [title(seed, j, seed_path) for j in earlier]
    related += _subset(rng, source.related, 2, 8)
    rng.shuffle(related)
    expected.related_questions = len(related)
    writer.out.append("Related Questions")
    writer.out.append("\n".join(related))
    writer.out.append(source.back_matter)
    text = "\n\n".join(writer.out) + "\n"
    expected.unresolved_numbers = sorted(writer.unresolved)
    expected.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return GeneratedArticle(file_name(index), text, expected)


@dataclass(frozen=True)
class CorpusManifest:
    seed: int
    articles: tuple[ArticleExpectation, ...]

    def totals(self) -> dict[str, int]:
        keys = ("sections", "statements", "sentences", "bullets", "lead_ins", "statistics", "references",
                "citations", "unresolved_citations", "related_questions")  # fmt: skip
        totals = {key: sum(getattr(a, key) for a in self.articles) for key in keys}
        totals["articles"] = len(self.articles)
        totals["unresolved_numbers"] = sum(len(a.unresolved_numbers) for a in self.articles)
        return totals

    def to_json(self) -> str:
        data = {"seed": self.seed, "synthetic": True, "totals": self.totals(),
                "articles": [asdict(a) for a in self.articles]}  # fmt: skip
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def generate_corpus(n: int, out_dir: Path, seed: int = DEFAULT_SEED) -> CorpusManifest:
    """Write articles 0..n-1 as `synthetic-NNNNN.txt` and `manifest.json` into `out_dir` (created if needed).

    Files of an earlier, larger corpus in the folder are removed so `out_dir` holds exactly this corpus.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    expectations = []
    wanted = {file_name(i) for i in range(n)}
    for stale in out_dir.glob("synthetic-*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for index in range(n):
        article = generate_article(seed, index)
        path = out_dir / article.file_name
        data = article.text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        expectations.append(article.expected)
    manifest = CorpusManifest(seed, tuple(expectations))
    (out_dir / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest
