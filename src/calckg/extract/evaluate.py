"""How well concept linking and figure extraction do, against hand-made answers.

    python -m calckg.extract.evaluate ARTICLE.txt [ARTICLE.expected.json]

Two references:
- the curated figure claims of an article (data/curated/<slug>.ttl, claims with a ck:statistic): an extracted claim
  is right when a curated claim on the same statistic has the same numbers and shares its subject or object;
- a `<slug>.expected.json` written by a reader (tests/data/articles/README.md): a figure claim is found when an
  extracted claim comes from the statement holding its quote, on a figure with the same text; an expected concept
  is found when a mention covers at least half of one of its occurrences in the statements. Precision counts
  every mention that covers no expected term as wrong (a lower bound: the lists are not exhaustive); a mention of
  a `foreign_concepts` label is always wrong and counted on its own.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from calckg.extract.claims import extracted_graph
from calckg.ids import ArticleIris
from calckg.ingest import parse_article
from calckg.link import Matcher
from calckg.model import Article
from calckg.namespaces import CK, DEFAULT_BASE_IRI

__all__ = ["Score", "concept_scores", "curated_figure_scores", "expected_figure_scores"]


@dataclass(frozen=True)
class Score:
    found: int
    expected: int
    right: int
    produced: int
    errors: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.produced if self.produced else 1.0

    def row(self) -> str:
        return (f"recall {self.found}/{self.expected} = {self.recall:.2f}, precision {self.right}/{self.produced} = "
                f"{self.precision:.2f}" + (f", {self.errors} foreign" if self.errors else ""))  # fmt: skip


def _numbers(graph: Graph, node: URIRef) -> tuple[Decimal | None, ...]:
    return tuple(None if (v := graph.value(node, p)) is None else Decimal(str(v))
                 for p in (CK.value, CK.minValue, CK.maxValue))  # fmt: skip


def curated_figure_scores(extracted: Graph, curated: Graph) -> Score:
    """`extracted` was made without the curated override (every statistic yields its claim)."""
    gold: dict[URIRef, list[tuple[set[URIRef], tuple[Decimal | None, ...]]]] = {}
    for claim in curated.subjects(RDF.type, CK.Assertion):
        concepts = {curated.value(claim, CK.subject), curated.value(claim, CK.object)}
        for statistic in curated.objects(claim, CK.statistic):
            gold.setdefault(statistic, []).append((concepts, _numbers(curated, claim)))  # type: ignore[arg-type]
    right, found = 0, set()
    claims = sorted(extracted.subjects(RDF.type, CK.ExtractedAssertion))
    for claim in claims:  # a claim's statistics: its figure, the figure's operands and the p-value it carries
        concepts = {extracted.value(claim, CK.subject), extracted.value(claim, CK.object)}
        numbers = _numbers(extracted, claim)
        hits = {statistic for statistic in extracted.objects(claim, CK.statistic)
                for gold_concepts, gold_numbers in gold.get(statistic, ())  # type: ignore[call-overload]
                if concepts & gold_concepts and (numbers == gold_numbers or not any(gold_numbers))}
        right += bool(hits)
        found |= hits
    return Score(len(found), len(gold), right, len(claims))


def expected_figure_scores(article: Article, extracted: Graph, expected: dict) -> Score:
    iris = ArticleIris(article, DEFAULT_BASE_IRI)
    texts = {iris.statement(section, s): s.text for section, s in article.statements}
    surfaces = {}
    for section, statement in article.statements:
        node = iris.statement(section, statement)
        for position, statistic in enumerate(statement.statistics, start=1):
            surfaces[URIRef(f"{node}/stat/{position}")] = statistic.surface
    produced = []
    for claim in sorted(extracted.subjects(RDF.type, CK.ExtractedAssertion)):
        sources = {texts[s] for s in extracted.objects(claim, PROV.wasDerivedFrom) if s in texts}
        produced.append((sources, [surfaces.get(s, "") for s in sorted(extracted.objects(claim, CK.statistic))]))
    found, matched = 0, set()
    for figure in expected["figure_claims"]:
        hit = next((i for i, (sources, claimed) in enumerate(produced)
                    if any(figure["quote"] in text for text in sources)
                    and any(_same_figure(figure["figure"], surface) for surface in claimed)), None)  # fmt: skip
        if hit is not None:
            found += 1
            matched.add(hit)
    return Score(found, len(expected["figure_claims"]), len(matched), len(produced))


def _same_figure(expected: str, surface: str) -> bool:
    squeeze = lambda text: "".join(text.split()).replace("–", "-")  # noqa: E731
    return bool(surface) and (squeeze(expected) in squeeze(surface) or squeeze(surface) in squeeze(expected))


def concept_scores(article: Article, matcher: Matcher, expected: dict) -> Score:
    """A mention is right when it covers a term of the reader's list, or when a reader judged that very mention
    (surface, concept) right (`judged_mentions`: mentions outside the list, judged from the sentence and the
    concept's label and definition); any other mention counts as wrong."""
    terms = [t["term"].lower() for t in expected["concepts"]]
    foreign = [label.lower() for label in expected.get("foreign_concepts", ())]
    judged = {(j["surface"].lower(), j["concept"]): j["right"] for j in expected.get("judged_mentions", ())}
    covered: set[str] = set()
    right = produced = errors = 0
    for _, statement in article.statements:
        lowered = statement.text.lower()
        spans = {term: _occurrences(lowered, term) for term in terms}
        for match in matcher.match(statement.text):
            produced += 1
            hits = {term for term, occurrences in spans.items() if any(_covers(match.span, o) for o in occurrences)}
            covered |= hits
            surface = lowered[match.start : match.end]
            right += bool(hits) or judged.get((surface, str(match.concept)), False)
            errors += any(label in surface or surface in label for label in foreign) and not hits
    return Score(len(set(terms) & covered), len(set(terms)), right, produced, errors)


def _occurrences(text: str, term: str) -> list[tuple[int, int]]:
    found, start = [], text.find(term)
    while start >= 0:
        found.append((start, start + len(term)))
        start = text.find(term, start + 1)
    return found


def _covers(span: tuple[int, int], occurrence: tuple[int, int]) -> bool:
    overlap = min(span[1], occurrence[1]) - max(span[0], occurrence[0])
    return overlap * 2 >= occurrence[1] - occurrence[0]


def main(argv: list[str] | None = None) -> int:
    from calckg.vocabulary import default_linker

    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0])
    article = parse_article(source, source.read_text(encoding="utf-8"))
    matcher = default_linker().for_article(article)
    extracted = extracted_graph(article, DEFAULT_BASE_IRI, matcher, ())
    if len(args) > 1:
        expected = json.loads(Path(args[1]).read_text(encoding="utf-8"))
        print(f"concepts: {concept_scores(article, matcher, expected).row()}")
        print(f"figure claims: {expected_figure_scores(article, extracted, expected).row()}")
    else:
        from calckg.graph import document_graph
        from calckg.semantic import curated_graph

        curated = curated_graph(article.slug, document_graph(article))
        print(f"figure claims vs curated: {curated_figure_scores(extracted, curated).row()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
