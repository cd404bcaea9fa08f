"""A reviewer's report: each claim beside the sentence it was taken from, one line each, so a medical editor can
check a whole article in minutes (`calckg review`, and build/review.txt from `calckg build`).

A claim line reads: subject — relation — object; what it measures (its outcome concept, else the outcome in words);
population; value or range (with its comparator sign, and the figure as the sentence writes it: "< 65 (written “65
years”)", "– (written “0.5% vs 0.7%”)" for a comparison, "2.7 (written “2.7%” per year)" for a rate given per a
time); p-value; hedges; the polarity an extracted claim states, with the sentence's negative cues (and, when the
claim is positive beside one, that its note explains why); a curated claim, whose relation carries its polarity,
lists the cues alone; the references it cites; curated or extracted. The quoted sentence follows with its line in
the source file. Everything is read from the graph with the SPARQL queries in queries/review/, so the report works
on the build's working store, the built files and any SPARQL store alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from calckg.errors import InputError
from calckg.queries import internal_query
from calckg.store.base import Store
from calckg.store.values import inject_value_list

REVIEW_FILE = "review.txt"


@dataclass
class ClaimLine:
    claim: str
    summary: tuple[str, str, str, str]
    """(subject — relation — object; measures; population), value or range, p, curated or extracted"""
    polarity: str = ""
    """The claim's ck:polarity ("positive" or "negative"; empty for a curated claim, whose relation carries it)"""
    details: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return min((line for line, _ in self.sentences), default=0)


def _number(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _figure(row: dict[str, str]) -> str:
    if row.get("value"):
        return _number(row["value"])
    if row.get("low") or row.get("high"):
        return f"{_number(row.get('low') or '…')}–{_number(row.get('high') or '…')}"
    return "–"


def _written(value: str, figures: set[str]) -> str:
    """The value with its comparator sign (one figure only), then each figure as written ("sign\tsurface\twhat"
    rows: queries/review/figures.rq and :func:`_bounds`)."""
    parts = sorted(tuple(f.split("\t", 2)) for f in figures)
    if len(parts) == 1 and parts[0][0] and value != "–":
        value = f"{parts[0][0]} {value}"
    written = ", ".join(f"“{surface}”{what}" for _, surface, what in parts)
    return f"{value} (written {written})" if written else value


def _bounds(name: object, of: object, surface: str) -> str:
    """What an interval or a spread is, after its wording: ", the 95% CI of “RR 0.31”", ", the SD of “1.3”",
    " (95% CI)" when it is of no figure; a name already in the wording ("IQR 17–29") is not repeated."""
    if name is None:
        return ""
    if of is not None:
        return f", the {name} of “{of}”"
    return "" if str(name) in surface else f" ({name})"


def _labels(store: Store, rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(kind, IRI) → label of the subjects, relations, objects, outcomes and populations of `rows`, from one look-up
    (review/labels); the least label where a term has several (one per language)."""
    terms = {URIRef(row[name]) for row in rows for name in _LABELLED if row[name]}
    if not terms:
        return {}
    found = store.select(inject_value_list(internal_query("review/labels").text, "term", terms)).rows
    labels: dict[tuple[str, str], str] = {}
    for term, kind, label in found:
        key = (str(kind), str(term))
        labels[key] = min(labels.get(key, str(label)), str(label))
    return labels


_LABELLED = ("subject", "relation", "object", "outcome", "population")


def _claim_rows(store: Store, article: URIRef) -> list[dict[str, str]]:
    found = store.select(internal_query("review/claims").text, {"article": article})
    return [{name: (str(v) if v is not None else "") for name, v in zip(found.variables, values, strict=True)}
            for values in found.rows]


def _claims(store: Store, article: URIRef, rows: list[dict[str, str]], labels: dict[tuple[str, str], str]
            ) -> list[ClaimLine]:  # fmt: skip
    figures = store.select(internal_query("review/figures").text, {"article": article}).rows
    p_figures = {str(claim): (sign, p) for claim, sign, _, p, *_ in figures if p is not None}  # a p-value is its figure

    def label(name: str, row: dict[str, str]) -> str:
        return labels.get(("relation" if name == "relation" else "concept", row[name]), row[name])

    claims: dict[str, ClaimLine] = {}
    for row in sorted(rows, key=lambda r: tuple(sorted(r.items()))):  # a claim with two outcomes: the same one first
        if not row["p"] and row["claim"] in p_figures:
            row["sign"], row["p"] = (str(v) if v is not None else "" for v in p_figures[row["claim"]])
        p = f"p {row['sign'] or '='} {row['p']}" if row["p"] else "p –"
        origin = "extracted" if row["extracted"] == "true" else "curated"
        if row.get("fromTitle") == "true":
            origin += (" (the part of its sentence that states the figure names no concept the vocabulary knows: "
                       "subject and object are the article title's)")
        outcome = label("outcome", row) if row["outcome"] else row["outcomeText"]
        population = row["populationText"] or (label("population", row) if row["population"] else "")
        head = (f"{label('subject', row)} — {label('relation', row)} — {label('object', row)}; measures: "
                f"{outcome or '–'}; population: {population or '–'}")
        claims.setdefault(row["claim"], ClaimLine(row["claim"], (head, _figure(row), p, origin), row["polarity"]))
    details = store.select(internal_query("review/details").text, {"article": article})
    for claim, kind, detail, line in details.rows:
        entry = claims.get(str(claim))
        if entry is None:
            continue
        if str(kind) == "sentence":
            if (int(str(line)), str(detail)) not in entry.sentences:
                entry.sentences.append((int(str(line)), str(detail)))
        else:
            entry.details[str(kind)].add(str(detail))
    for claim, sign, surface, _, name, of, per in figures:
        entry = claims.get(str(claim))
        if entry is not None:  # a rate's time base after its wording: "“2.7%” per year"
            written = f"{_bounds(name, of, str(surface))}{f' per {per}' if per else ''}"
            entry.details["figure"].add(f"{sign or ''}\t{surface}\t{written}")
    for entry in claims.values():
        entry.sentences.sort()
    return sorted(claims.values(), key=lambda c: (c.first_line, c.claim))


def _filled(entry: ClaimLine) -> str:
    hedges = ", ".join(sorted(entry.details["hedge"])) or "–"
    cites = ", ".join(f"[{n}]" for n in sorted(entry.details["cites"], key=int)) or "none"
    head, value, p, origin = entry.summary
    figure = _written(value, entry.details["figure"])
    return f"{head}; value: {figure}; {p}; hedge: {hedges}; {_polarity(entry)}; cites {cites}; {origin}"


def _polarity(entry: ClaimLine) -> str:
    """'polarity: negative (cue "not")' or 'polarity: positive' for an extracted claim, saying when a negative cue
    of its sentence does not negate it; 'negative cue: "missed"' for a curated claim, whose relation carries it."""
    cues = ", ".join(f'"{c}"' for c in sorted(entry.details["polarity"]))
    noted = bool(entry.details["polarityNote"]) and bool(cues)
    if not entry.polarity:
        return f"negative cue: {cues or '–'}{' (explained in a note)' if noted else ''}"
    if entry.polarity == "negative":
        return f"polarity: negative (cue {cues})" if cues else "polarity: negative"
    if noted:
        return f"polarity: positive (the sentence's {cues} does not negate this figure: see the claim's note)"
    return f"polarity: positive (the sentence has the negative cue {cues})" if cues else "polarity: positive"


def _text_article(title: str, file: str, claims: list[ClaimLine]) -> list[str]:
    lines = [f"{title} ({file}): {len(claims)} claim(s)", ""]
    for entry in claims:
        lines.append(f"- {_filled(entry)}")
        lines.extend(f"    line {line}: “{text}”" for line, text in entry.sentences)
    return lines + [""]


def _markdown_article(title: str, file: str, claims: list[ClaimLine]) -> list[str]:
    lines = [f"## {title}", "", f"`{file}` · {len(claims)} claim(s)", ""]
    for entry in claims:
        lines.append(f"- {_filled(entry)}")
        lines.extend(f"  > line {line}: {text}" for line, text in entry.sentences)
    return lines + [""]


REVIEW_FORMATS: dict[str, Callable[[str, str, list[ClaimLine]], list[str]]] = {
    "text": _text_article,
    "markdown": _markdown_article,
}


def _matches(wanted: str, iri: str, title: str, file: str) -> bool:
    return wanted in (iri, title, file, file.removesuffix(".txt"), iri.rsplit("/", 1)[-1])


def review_report(store: Store, article: str | None = None, fmt: str = "text") -> str:
    """The report for every article of `store`, or the one `article` names (its IRI, slug, file name or title)."""
    found = [tuple(str(v) if v is not None else "" for v in row) for row in store.select(internal_query("review/articles").text).rows]
    chosen = [row for row in found if article is None or _matches(article, *row)]
    if article is not None and not chosen:
        known = ", ".join(iri.rsplit("/", 1)[-1] for iri, _, _ in found) or "none"
        raise InputError(f"no article {article!r} in the graph (articles: {known})")
    rows = {iri: _claim_rows(store, URIRef(iri)) for iri, _, _ in chosen}
    labels = _labels(store, [row for article in rows.values() for row in article])  # one look-up for all articles
    lines: list[str] = []
    for iri, title, file in chosen:
        lines.extend(REVIEW_FORMATS[fmt](title, file, _claims(store, URIRef(iri), rows[iri], labels)))
    return "\n".join(lines).rstrip("\n") + "\n"


def review_document(store: Store) -> bytes:
    """build/review.txt: the text report of every article."""
    return review_report(store).encode("utf-8")


def formats() -> Iterable[str]:
    return sorted(REVIEW_FORMATS)
