"""The parsed article as plain frozen dataclasses (no rdflib here).

Offsets are code-point offsets into the article text after newline normalisation (CRLF/CR → LF,
a leading byte-order mark dropped), so `article.text[s.start:s.end] == s.text` for every statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum


class StatementKind(str, Enum):
    SENTENCE = "sentence"
    BULLET = "bullet"
    LEAD_IN = "lead-in"


class StatisticKind(str, Enum):
    PERCENTAGE = "percentage"
    PERCENTAGE_RANGE = "percentage-range"
    P_VALUE = "p-value"
    COMPARISON = "comparison"
    MEAN = "mean"
    LENGTH = "length"
    COUNT = "count"
    PROPORTION = "proportion"
    QUANTITY = "quantity"
    QUANTITY_RANGE = "quantity-range"
    DURATION = "duration"
    RATIO = "ratio"
    DIFFERENCE = "difference"
    NUMBER_NEEDED = "number-needed"
    CONFIDENCE_INTERVAL = "confidence-interval"
    SPREAD = "spread"


SHARES = frozenset({StatisticKind.PERCENTAGE, StatisticKind.PERCENTAGE_RANGE, StatisticKind.PROPORTION})
"""The kinds of figure that count a share of people or things ("45%", "20% to 30%", "1 in 4", "half")."""


@dataclass(frozen=True)
class Statistic:
    """A number mentioned in a statement; `start`/`end` index the statement's text."""

    kind: StatisticKind
    surface: str
    start: int
    end: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    comparator: str | None = None
    unit: str | None = None
    measure: str | None = None
    qualifier: str | None = None
    operands: tuple[Statistic, ...] = ()
    per: str | None = None
    """The time unit a rate is given per ("year" in "2.7% per year": calckg.ingest.time_bases)."""


@dataclass(frozen=True)
class Statement:
    kind: StatementKind
    text: str
    start: int
    end: int
    line: int
    order: int
    citations: tuple[int, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    lead_in: int | None = None
    """The `order` of the lead-in statement ("… include:") that introduces this bullet."""


@dataclass(frozen=True)
class Section:
    heading: str
    slug: str
    level: int
    order: int
    line: int
    parent_slug: str | None
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Reference:
    number: int
    kind: str
    title: str
    container: str
    year: int
    line: int
    doi: str | None = None  # "British Journal of Haematology, 2020, doi:10.1111/bjh.16221"
    url: str | None = None  # "NICE, 2020. https://www.nice.org.uk/guidance/ng155"
    pmid: str | None = None  # "New England Journal of Medicine, 2014. PMID: 25176015"


@dataclass(frozen=True)
class RelatedQuestion:
    text: str
    order: int
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class PageMetadata:
    last_updated: date | None = None
    reviewed_by: str | None = None
    review_statuses: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    disclaimer: str | None = None
    audience: str | None = None


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    file_name: str
    sha256: str
    text: str
    summary: Section
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    related_questions: tuple[RelatedQuestion, ...]
    metadata: PageMetadata = field(default_factory=PageMetadata)

    @property
    def all_sections(self) -> tuple[Section, ...]:
        """The summary first, then the body sections in reading order."""
        return (self.summary, *self.sections)

    @property
    def statements(self) -> tuple[tuple[Section, Statement], ...]:
        return tuple((section, s) for section in self.all_sections for s in section.statements)

    @property
    def cited_numbers(self) -> tuple[int, ...]:
        return tuple(sorted({n for _, s in self.statements for n in s.citations}))

    @property
    def unresolved_citations(self) -> tuple[int, ...]:
        known = {r.number for r in self.references}
        return tuple(n for n in self.cited_numbers if n not in known)
