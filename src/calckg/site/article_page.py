"""The review page of one article: the view model the template reads, and the article's summary row for the
index and concept pages.

Validation results are placed where an editor reads the text: on the claim they concern, on the statement they
concern (a result about a statement's citation or figure goes to that statement), on the reference; the rest
under "Other findings". A result whose value is another statement of the article, given for a claim, means the
claim's figure disagrees with that statement: such pairs are also shown side by side.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from calckg.namespaces import CONCEPT
from calckg.site.graph_data import Concept, Lexicon, local_name
from calckg.site.highlight import highlighted
from calckg.site.render import code_name
from calckg.validation_report import Severity, ValidationResult

CLAIM_ROLES = ("subject", "object", "population", "outcome")


def concept_slug(iri: str) -> str:
    """The concept page's file stem: the local name under calckg's concept namespace, else local name + hash."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", local_name(iri)).strip("-") or "concept"
    if iri.startswith(str(CONCEPT)):
        return name
    return f"{name}-{hashlib.sha256(iri.encode('utf-8')).hexdigest()[:8]}"


def article_slug(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", local_name(iri)).strip("-") or "article"


def anchor(iri: str, article_iri: str, prefix: str) -> str:
    """An HTML id from the part of `iri` under the article (e.g. s-section-summary-1)."""
    tail = iri[len(article_iri):] if iri.startswith(article_iri) else local_name(iri)
    return prefix + "-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", tail).strip("-") or "x")


def _badge(result: ValidationResult, ident: str) -> dict[str, Any]:
    value = result.value
    return {"id": ident, "severity": result.severity.value, "message": result.message,
            "shape": local_name(str(result.source_shape)), "focus": str(result.focus_node),
            "value": "" if value is None else str(value)}  # fmt: skip


def _owner(focus: str, statements: Iterable[str]) -> str | None:
    """The statement `focus` is or belongs to (a citation or figure node minted under the statement's IRI)."""
    for iri in statements:
        if focus == iri or focus.startswith(iri + "/"):
            return iri
    return None


@lru_cache(maxsize=8192)
def _concept_view(concept: Concept) -> dict[str, Any]:
    """A concept as the templates show it, with its tooltip text (label, synonyms, codes; one per line)."""
    lines = [concept.label]
    if concept.synonyms:
        lines.append("Synonyms: " + ", ".join(concept.synonyms))
    if concept.codes:
        lines.append("Codes: " + "; ".join(code_name(code) for code in concept.codes))
    slug = concept_slug(concept.iri)
    link = Markup('<a class="concept" href="../concepts/{}.html">{}</a>').format(slug, concept.label)
    mention = Markup('<a class="mention" href="../concepts/{}.html" data-concept="{}" data-tip="{}" '
                     'aria-describedby="concept-{}">').format(slug, concept.iri, "\n".join(lines), slug)
    return {"iri": concept.iri, "label": concept.label, "synonyms": list(concept.synonyms),
            "codes": list(concept.codes), "definition": concept.definition, "slug": slug, "link": link,
            "mention": mention}  # fmt: skip


def page_model(data: Mapping[str, Any], results: Iterable[ValidationResult], answers: list[dict[str, Any]],
               related: Mapping[str, Any] | None, lexicon: Lexicon) -> dict[str, Any]:
    """Everything the article template shows, in page order."""
    article = data["iri"]
    statement_iris = sorted((s["iri"] for s in data["statements"]), key=len, reverse=True)  # longest prefix first
    claim_iris = {c["iri"] for c in data["claims"]}
    reference_numbers = {r["number"] for r in data["references"]}
    badges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    results = sorted(results, key=ValidationResult.sort_key)
    conflicts: list[tuple[ValidationResult, str]] = []
    for n, result in enumerate(results, 1):
        focus = str(result.focus_node)
        owner = focus if focus in claim_iris else _owner(focus, statement_iris)
        badges[owner or "other"].append(_badge(result, f"finding-{n}"))
        other = str(result.value) if result.value is not None else ""
        if focus in claim_iris and other in statement_iris:
            conflicts.append((result, other))
    concept_view = lexicon.concept
    claims_by_statement: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in data["claims"]:
        view = _claim_view(claim, lexicon, article, badges.get(claim["iri"], []))
        for statement in claim["statements"]:
            claims_by_statement[statement].append(view)
    statements_by_section: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_iri: dict[str, dict[str, Any]] = {}
    for statement in data["statements"]:
        marked = highlighted(statement["text"], statement["figures"], statement["mentions"], concept_view)
        view = {**statement, "id": anchor(statement["iri"], article, "s"), "badges": badges.get(statement["iri"], []),
                "claims": claims_by_statement.get(statement["iri"], []),
                "segments": [(text, _span_view(span, n)) for n, (text, span) in enumerate(marked["segments"])],
                "unplaced": [_concept_view(c) for c in marked["unplaced"]]}  # fmt: skip
        statements_by_section[statement["section"]].append(view)
        by_iri[statement["iri"]] = view
    sections = [{**s, "id": anchor(s["iri"], article, "sec"), "statements": statements_by_section.get(s["iri"], [])}
                for s in data["sections"]]  # fmt: skip
    mentioned = {iri for s in data["statements"] for iri in s["mentions"]}
    glossary = sorted((_concept_view(lexicon.concept(iri)) for iri in mentioned),
                      key=lambda c: (c["label"].casefold(), c["iri"]))
    cited = {c["number"] for s in data["statements"] for c in s["citations"]}
    missing = sorted(n for n in cited if n not in reference_numbers)
    counts = {s.value: sum(1 for r in results if r.severity is s) for s in Severity}
    claim_views = {c["iri"]: _claim_view(c, lexicon, article, []) for c in data["claims"]}
    reference_list = sorted([*({**r, "missing": False} for r in data["references"]),
                             *({"number": n, "missing": True} for n in missing)], key=lambda r: r["number"])
    return {
        **{k: data[k] for k in ("iri", "title", "modified", "reviewed_by", "notice", "disclaimer", "review_steps")},
        "slug": article_slug(article), "sections": sections, "reference_list": reference_list, "missing": missing,
        "counts": counts, "other_findings": badges.get("other", []), "glossary": glossary,
        "conflicts": [_conflict_view(r, other, claim_views, by_iri) for r, other in conflicts],
        "answers": [_answer_view(a, by_iri) for a in answers], "related": list((related or {}).get("related", [])),
        "stats": {"statements": len(data["statements"]), "claims": len(data["claims"]),
                  "figures": data["figure_count"]},
    }  # fmt: skip


def _answer_view(answer: Mapping[str, Any], statements: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    sentences = [{"text": s["text"], "anchor": statements[s["statement"]]["id"] if s.get("statement") in statements
                  else ""} for s in answer.get("sentences", [])]  # fmt: skip
    return {"question": answer["question"], "sentences": sentences, "part": answer.get("answered_part") or ""}


def _span_view(span: Any, n: int) -> dict[str, Any] | None:
    if span is None:
        return None
    if span.kind == "figure":
        return {"kind": "figure", "figure": span.ref}
    return {"kind": "mention", "n": n, "concept": _concept_view(span.ref)}


def _claim_view(claim: Mapping[str, Any], lexicon: Lexicon, article: str,
                badges: list[dict[str, Any]]) -> dict[str, Any]:
    def concept(iri: str | None) -> dict[str, Any] | None:
        return None if iri is None else _concept_view(lexicon.concept(iri))

    if claim["min"] is not None or claim["max"] is not None:
        value = f"{claim['min'] or '?'}–{claim['max'] or '?'}"
    else:
        value = claim["value"] or ""
    p_value = f"p {claim['p_comparator'] or '='} {claim['p_value']}" if claim["p_value"] is not None else ""
    return {
        "iri": claim["iri"], "id": anchor(claim["iri"], article, "c"), "origin": claim["origin"],
        "label": claim["label"], "subject": concept(claim["subject"]), "object": concept(claim["object"]),
        "relation": lexicon.relation(claim["predicate"]) if claim["predicate"] else "",
        "population": concept(claim["population"]), "outcome": concept(claim["outcome"]),
        "outcome_text": claim["outcome_text"], "value": value, "surface": claim["surface"], "p_value": p_value,
        "references": claim["references"], "badges": badges, "from_title": claim.get("from_title", False),
    }  # fmt: skip


def _conflict_view(result: ValidationResult, other: str, claims: Mapping[str, dict[str, Any]],
                   statements: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    claim = claims[str(result.focus_node)]
    own = [statements[s] for s in sorted(statements) if any(c["iri"] == claim["iri"] for c in statements[s]["claims"])]
    return {"message": result.message, "severity": result.severity.value, "claim": claim,
            "here": own[0] if own else None, "there": statements[other]}  # fmt: skip


def summary(model: Mapping[str, Any], data: Mapping[str, Any], lexicon: Lexicon) -> dict[str, Any]:
    """The article's row of the index and its part of the concept pages (JSON-ready, cached with the page)."""
    concepts: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()

    def entry(iri: str) -> dict[str, Any]:
        view = {k: v for k, v in _concept_view(lexicon.concept(iri)).items() if k not in ("link", "mention")}
        return concepts.setdefault(iri, {"concept": view, "statements": 0,
                                         "claims": []})  # fmt: skip

    for statement in data["statements"]:
        for iri in statement["mentions"]:
            entry(iri)["statements"] += 1
    for section in model["sections"]:
        for statement in section["statements"]:
            for claim in statement["claims"]:
                roles: dict[str, list[str]] = defaultdict(list)
                for role in CLAIM_ROLES:
                    if claim[role] is not None:
                        roles[claim[role]["iri"]].append(role)
                for iri, named in roles.items():
                    if (claim["iri"], iri) not in seen:
                        seen.add((claim["iri"], iri))
                        entry(iri)["claims"].append({"id": f"{statement['id']}-{claim['id']}",
                                                     "label": claim["label"] or claim["relation"],
                                                     "role": ", ".join(named)})  # fmt: skip
    return {
        "iri": model["iri"], "slug": model["slug"], "title": model["title"],
        "counts": {**model["stats"], "warnings": model["counts"]["Warning"], "violations": model["counts"]["Violation"]},
        "concepts": {iri: concepts[iri] for iri in sorted(concepts)},
    }  # fmt: skip
