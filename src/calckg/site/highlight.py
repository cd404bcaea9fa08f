"""Where a statement's figures and concept mentions sit in its text, as segments for the template.

The graph records that a statement mentions a concept (`schema:mentions`) and the exact words of each figure
(`ck:surface`), not the character span of a mention; spans are found here by searching the statement for the
concept's label and synonyms (whole words, an optional plural ending, a word also in the other spelling the statement
writes, "hyperkalaemia" for "Hyperkalemia"; a label written in capitals only, such as an abbreviation, matches only as
written). Figures win over mentions where they overlap, longer matches over
shorter, earlier over later. A mentioned concept found nowhere in the text is still listed under the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from calckg.lexicon import SPELLED_FROM
from calckg.site.graph_data import Concept
from calckg.word_files import spelling_variants


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "figure" | "mention"
    ref: Any  # the figure record or the Concept


@lru_cache(maxsize=4096)
def _label_pattern(label: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(part) for part in label.split())
    flags = 0 if label.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){words}(?:e?s)?(?![\w])", flags)


def _label_matches(text: str, labels: Iterable[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for label in labels if len(label) >= 2 for m in _label_pattern(label).finditer(text)]


def _respelled(labels: Iterable[str], folded: str) -> set[str]:
    """The labels with each word in the other spelling the (case-folded) text writes, where one does
    (calckg.word_files.spelling_variants): the general vocabulary's labels are mostly American and its matcher reads
    an article's "hyperkalaemia" as Hyperkalemia (calckg.lexicon), so the site marks that word too. Tried only for a
    concept none of whose labels the text writes as they are."""
    found = set()
    for label in labels:
        words = label.split()
        other = [next((v for v in spelling_variants(w) if v in folded), w) if len(w) >= SPELLED_FROM else w
                 for w in words]
        if other != words:
            found.add(" ".join(other))
    return found


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


def find_spans(text: str, figures: Iterable[dict[str, Any]], concepts: Iterable[Concept]) -> list[Span]:
    """Non-overlapping spans of figures and concept mentions in `text`, in text order."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for figure in figures:
        surface = figure.get("surface") or ""
        start = text.find(surface) if surface else -1
        while start >= 0 and not _free(taken, start, start + len(surface)):
            start = text.find(surface, start + 1)
        if start >= 0:
            spans.append(Span(start, start + len(surface), "figure", figure))
            taken.append((start, start + len(surface)))
    candidates: list[tuple[int, int, str, Concept]] = []
    for concept in concepts:
        labels = {concept.label, *concept.synonyms}
        found = _label_matches(text, labels) or _label_matches(text, _respelled(labels, text.casefold()))
        candidates += [(start, end, concept.iri, concept) for start, end in found]
    for start, end, _, concept in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if _free(taken, start, end):
            spans.append(Span(start, end, "mention", concept))
            taken.append((start, end))
    return sorted(spans, key=lambda s: s.start)


def segments(text: str, spans: list[Span]) -> list[tuple[str, Span | None]]:
    """The text cut at the spans: (plain text, None) and (span text, span) pieces, in order."""
    pieces: list[tuple[str, Span | None]] = []
    at = 0
    for span in spans:
        if span.start > at:
            pieces.append((text[at : span.start], None))
        pieces.append((text[span.start : span.end], span))
        at = span.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def unplaced(spans: list[Span], concepts: Iterable[Concept]) -> list[Concept]:
    """The mentioned concepts no span shows."""
    shown = {span.ref.iri for span in spans if span.kind == "mention"}
    return [c for c in concepts if c.iri not in shown]


def highlighted(text: str, figures: list[dict[str, Any]], mentions: list[str],
                concept: Callable[[str], Concept]) -> dict[str, Any]:
    """The statement's text as segments, and the mentioned concepts no segment shows."""
    concepts = [concept(iri) for iri in mentions]
    spans = find_spans(text, figures, concepts)
    return {"segments": segments(text, spans), "unplaced": unplaced(spans, concepts)}
