"""The publisher's page-text format → `Article`.

The page is a sequence of blocks separated by blank lines:

    Title line (the question)
    page chrome: review notice, "Article Review Status" steps, "Last updated: <date>", personalisation UI
    Title heading (the title again) and the summary paragraph
    body: headings, paragraphs (sentences closed by citation numbers, lead-ins ending in ":"), "  • " bullets
          (also "◦", "▪", "–" …, and "1." / "1)" items after a lead-in: an ordered list)
    "References": per reference a type line (Guideline/Research), a title, "Container, YEAR" (a DOI may follow)
    "Related Questions": one question a line
    "Professional Medical Disclaimer" and its text; a closing call to action (ignored)

Heading nesting is inferred: a heading followed directly by another heading opens a group (level 2)
whose following headings are level 3 until the next such group; other headings are level 2.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from calckg.errors import SourceError
from calckg.ingest.citations import CitationSyntaxError, CitedSpan, split_paragraph, split_trailing
from calckg.ingest.numbers import extract_statistics
from calckg.model import (
    Article,
    PageMetadata,
    Reference,
    RelatedQuestion,
    Section,
    Statement,
    StatementKind,
)
from calckg.slugs import slugify, unique_slugs

REFERENCES_HEADING = "References"
RELATED_HEADING = "Related Questions"
DISCLAIMER_HEADING = "Professional Medical Disclaimer"
REVIEW_STATUS_HEADING = "Article Review Status"
REFERENCE_TYPES = ("Guideline", "Research")
SUMMARY_SLUG = "summary"
MAX_TITLE_LENGTH = 300
MAX_HEADING_LENGTH = 120

_BULLET = re.compile(r"^\s*[•◦▪●‣⁃–\-*]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")
"""An ordered list's item ("1. An NSAID 2"): a bullet where it follows a lead-in or another bullet, so a
numbered line elsewhere ("1. Introduction") keeps its own meaning."""
_LAST_UPDATED = re.compile(r"Last updated:\s*(\d{4}-\d{2}-\d{2}|[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})")
_DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%Y-%m-%d")
"""How a page writes its date: "December 3, 2026", "3 December 2026", "2026-12-03"."""
_REVIEWED_BY = re.compile(r"^(.+?)All articles are reviewed for accuracy by our (.+)$")
_AUDIENCE = re.compile(r"intended for ([^.]+)\.")
_CONTAINER_YEAR = re.compile(r"^(.+?),\s*(\d{4})(?:[,.]\s*(?:(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+?)"
                             r"|(https?://\S+?)|PMID:?\s*([1-9]\d{0,8})))?\.?$", re.IGNORECASE)
"""A reference's source line: "Container, YEAR", optionally followed by its DOI ("…, 2020, doi:10.1111/bjh.16221" or
"…, 2020. https://doi.org/10.1111/bjh.16221"), by another web address ("…, 2020.
https://www.nice.org.uk/guidance/ng155") or by its PubMed identifier ("…, 2014. PMID: 25176015")."""


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    start: int  # offset of the first character in the text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for number, content in enumerate(text.split("\n"), start=1):
        lines.append(_Line(number, offset, content))
        offset += len(content) + 1
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of non-blank lines."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_heading(block: list[_Line]) -> bool:
    if len(block) != 1:
        return False
    text = block[0].text.strip()
    if _BULLET.match(block[0].text) or len(text) > MAX_HEADING_LENGTH:
        return False
    if text.endswith("?"):  # a question is a heading and never carries citations ("Is DCIS stage 0?")
        return True
    if text.endswith((".", ":", ";", ",")):
        return False
    return not _ends_with_citations(text) or _numbered_heading(text)


NUMBERED_HEADING_WORDS = 3
"""A line of at most this many words and one number, with no punctuation, is a heading ("Stage 1", "Step 2",
"Phase 3"), not a statement citing reference 1: such a line had stopped the whole build (exit 2, "text after the
summary must start with a section heading") or become a statement."""


def _numbered_heading(text: str) -> bool:
    try:
        cited = split_trailing(text)
    except CitationSyntaxError:
        return False
    words = text[: cited.end]
    return (len(cited.citations) == 1 and len(words.split()) <= NUMBERED_HEADING_WORDS
            and not re.search(r"[^\w\s'’-]", words))


def _ends_with_citations(text: str) -> bool:
    """True when the line closes with a citation list; a malformed one ("… 2a") is left to the paragraph parser,
    which reports it with its line."""
    try:
        return bool(split_trailing(text).citations)
    except CitationSyntaxError:
        return True


class _ArticleParser:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = _lines(text)

    def error(self, line: int | None, message: str) -> SourceError:
        return SourceError(str(self.path), line, message)

    # -- top level ---------------------------------------------------------------------------------

    def parse(self) -> Article:
        blocks = _blocks(self.lines)
        title_line = blocks[0][0]
        title = title_line.text.strip()
        # A title never carries citations: "Is DCIS stage 0?" is a title, not a statement citing 0.
        if _BULLET.match(title_line.text):
            raise self.error(title_line.number, "no title: the first line must be the article's title (its question)")
        if len(title) > MAX_TITLE_LENGTH:
            raise self.error(title_line.number, f"title too long: {len(title)} characters (at most {MAX_TITLE_LENGTH})")
        heading_index = next(
            (i for i, block in enumerate(blocks[1:], start=1) if block[0].text.strip().casefold() == title.casefold()),
            None,
        )
        if heading_index is None:
            raise self.error(
                title_line.number, f"no title heading: the title {title!r} is not repeated above the summary"
            )
        names = [block[0].text.strip() for block in blocks]
        references_at = self._find(names, REFERENCES_HEADING, heading_index)
        related_at = self._find(names, RELATED_HEADING, heading_index)
        disclaimer_at = self._find(names, DISCLAIMER_HEADING, heading_index)
        body_end = min(i for i in (references_at, related_at, disclaimer_at, len(blocks)) if i is not None)
        body = blocks[heading_index + 1 : body_end]
        if not body:
            raise self.error(blocks[heading_index][0].number, "the article has no summary paragraph after its title")
        summary_heading = blocks[heading_index][0]
        summary = self._section(summary_heading.text.strip(), SUMMARY_SLUG, 1, 1, summary_heading.number, None, [body[0]])
        sections = self._sections(body[1:])
        references = self._references(blocks, references_at, related_at, disclaimer_at)
        related = self._related(blocks, related_at, disclaimer_at)
        return Article(
            slug=slugify(title),
            title=title,
            file_name=self.path.name,
            sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            text=self.text,
            summary=summary,
            sections=sections,
            references=references,
            related_questions=related,
            metadata=self._metadata(blocks[1:heading_index], blocks, disclaimer_at),
        )

    @staticmethod
    def _find(names: list[str], heading: str, after: int) -> int | None:
        return next((i for i, name in enumerate(names) if i > after and name == heading), None)

    # -- body --------------------------------------------------------------------------------------

    def _sections(self, blocks: list[list[_Line]]) -> tuple[Section, ...]:
        heading_positions = [i for i, block in enumerate(blocks) if _is_heading(block)]
        if blocks and 0 not in heading_positions:
            found = blocks[0][0].text.strip()
            raise self.error(blocks[0][0].number, (
                f"text after the summary must start with a section heading, found {found[:60]!r}"
                f"{'…' if len(found) > 60 else ''} (the summary is one paragraph; a heading is a line of its own of at "
                f"most {MAX_HEADING_LENGTH} characters that ends in no full stop, colon or citation numbers)"))
        headings = [blocks[i][0].text.strip() for i in heading_positions]
        slugs = unique_slugs([SUMMARY_SLUG, *headings])[1:]  # a section headed "Summary": summary-2
        sections: list[Section] = []
        group_slug: str | None = None
        for n, position in enumerate(heading_positions):
            end = heading_positions[n + 1] if n + 1 < len(heading_positions) else len(blocks)
            content = blocks[position + 1 : end]
            opens_group = not content and end < len(blocks)
            if opens_group:
                group_slug, level, parent = slugs[n], 2, None
            elif group_slug is not None:
                level, parent = 3, group_slug
            else:
                level, parent = 2, None
            line = blocks[position][0]
            sections.append(self._section(headings[n], slugs[n], level, n + 2, line.number, parent, content))
        return tuple(sections)

    def _section(
        self,
        heading: str,
        slug: str,
        level: int,
        order: int,
        line: int,
        parent: str | None,
        blocks: list[list[_Line]],
    ) -> Section:
        statements: list[Statement] = []
        lead_in: int | None = None
        for block in blocks:
            for source_line in block:
                marker = _BULLET.match(source_line.text) or (
                    _NUMBERED.match(source_line.text) if lead_in is not None else None)
                if marker is not None and not source_line.text[marker.end() :].strip():
                    continue  # a bullet with nothing after it states nothing (it was a statement with no text)
                if marker is not None:
                    (bullet,) = self._cited(source_line, lambda text: [split_trailing(text)], marker.end())
                    order = len(statements) + 1
                    statements.append(self._statement(StatementKind.BULLET, source_line, bullet, order, lead_in))
                    continue
                lead_in = None
                for span in self._cited(source_line, split_paragraph, 0):
                    text = source_line.text[span.start : span.end]
                    kind = StatementKind.LEAD_IN if text.endswith(":") and not span.citations else StatementKind.SENTENCE
                    statements.append(self._statement(kind, source_line, span, len(statements) + 1, None))
                    if kind is StatementKind.LEAD_IN:
                        lead_in = len(statements)
        return Section(heading, slug, level, order, line, parent, tuple(statements))

    def _cited(self, line: _Line, splitter: Callable[[str], list[CitedSpan]], offset: int) -> list[CitedSpan]:
        """Apply a citation splitter to the line text from `offset`, spans made relative to the line."""
        try:
            spans = splitter(line.text[offset:])
        except CitationSyntaxError as error:
            raise self.error(line.number, str(error)) from None
        return [CitedSpan(s.start + offset, s.end + offset, s.citations) for s in spans]

    def _statement(
        self, kind: StatementKind, line: _Line, span: CitedSpan, order: int, lead_in: int | None
    ) -> Statement:
        text = line.text[span.start : span.end]
        return Statement(
            kind=kind,
            text=text,
            start=line.start + span.start,
            end=line.start + span.end,
            line=line.number,
            order=order,
            citations=span.citations,
            statistics=extract_statistics(text),
            lead_in=lead_in,
        )

    # -- back matter -------------------------------------------------------------------------------

    def _references(
        self, blocks: list[list[_Line]], start: int | None, *ends: int | None
    ) -> tuple[Reference, ...]:
        if start is None:
            return ()
        end = min((i for i in ends if i is not None and i > start), default=len(blocks))
        lines = [line for block in blocks[start + 1 : end] for line in block]
        if len(lines) % 3:
            raise self.error(
                lines[-1].number if lines else blocks[start][0].number,
                "reference block does not parse: each reference needs a type line, a title and 'Container, YEAR'",
            )
        references = []
        for index in range(0, len(lines), 3):
            number = index // 3 + 1
            kind, title, source = lines[index : index + 3]
            if kind.text.strip() not in REFERENCE_TYPES:
                raise self.error(
                    kind.number,
                    f"reference {number}: unknown type {kind.text.strip()!r} (expected one of {', '.join(REFERENCE_TYPES)})",
                )
            container = _CONTAINER_YEAR.match(source.text.strip())
            if container is None:
                raise self.error(source.number, f"reference {number}: expected 'Container, YEAR' (optionally followed "
                                                f"by ', doi:DOI', '. https://…' or '. PMID: N'), got "
                                                f"{source.text.strip()!r}")
            references.append(Reference(number, kind.text.strip(), title.text.strip(), container.group(1).strip(),
                                        int(container.group(2)), kind.number, *container.group(3, 4, 5)))
        return tuple(references)

    def _related(self, blocks: list[list[_Line]], start: int | None, end: int | None) -> tuple[RelatedQuestion, ...]:
        if start is None:
            return ()
        stop = end if end is not None and end > start else len(blocks)
        lines = [line for block in blocks[start + 1 : stop] for line in block]
        return tuple(
            RelatedQuestion(line.text.strip(), order, line.number, line.start, line.end)
            for order, line in enumerate(lines, start=1)
        )

    def _date(self, written: str, line: int) -> date:
        for form in _DATE_FORMATS:
            try:
                return datetime.strptime(written, form).date()
            except ValueError:
                continue
        raise self.error(line, f"'Last updated: {written}' is no date (expected e.g. 'December 3, 2026', "
                               "'3 December 2026' or '2026-12-03')")

    def _metadata(self, chrome: list[list[_Line]], blocks: list[list[_Line]], disclaimer_at: int | None) -> PageMetadata:
        lines = [line for block in chrome for line in block]
        last_updated = reviewed_by = None
        statuses: list[str] = []
        notices: list[str] = []
        for block in chrome:
            texts = [line.text.strip() for line in block]
            if REVIEW_STATUS_HEADING in texts:
                statuses.extend(texts[texts.index(REVIEW_STATUS_HEADING) + 1 :])
        for line in lines:
            text = line.text.strip()
            if match := _LAST_UPDATED.search(text):
                last_updated = self._date(match.group(1), line.number)
            elif match := _REVIEWED_BY.match(text):
                reviewed_by = match.group(1).strip()
            elif "•" in text:
                notices.append(text)
        disclaimer = audience = None
        if disclaimer_at is not None and disclaimer_at + 1 < len(blocks):
            disclaimer = " ".join(line.text.strip() for line in blocks[disclaimer_at + 1])
            if match := _AUDIENCE.search(disclaimer):
                audience = match.group(1).strip()
        return PageMetadata(last_updated, reviewed_by, tuple(statuses), tuple(notices), disclaimer, audience)


def parse_article(path: Path, text: str) -> Article:
    """Parse one article; raises `SourceError` naming the file and line of anything that does not parse."""
    return _ArticleParser(path, text).parse()
