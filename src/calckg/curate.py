"""`calckg curate --draft ARTICLE`: a reviewable curated file made from the article's extracted figure claims.

The draft is Turtle in the form of data/curated/<slug>.ttl: one ck:Assertion per figure, grouped by section, each
preceded by the statement it comes from as a comment and `# REVIEW:` lines naming what a curator must check
(the predicate is the neutral ck:quantifies; the label is the statement itself, to be restated). Figures a
curated file already covers are left out. Nothing is written over an existing file.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from calckg.errors import InputError
from calckg.extract import extracted_graph
from calckg.graph import document_graph
from calckg.ids import ArticleIris
from calckg.ingest import parse_article, read_source
from calckg.namespaces import CK, CONCEPT, DEFAULT_BASE_IRI
from calckg.semantic import curated_graph
from calckg.slugs import slugify, unique_slugs
from calckg.vocabulary import default_linker

__all__ = ["draft", "write_draft"]

_STATISTIC = re.compile(r"/stat/(\d+)([a-z]*)$")
_HEADER = """# DRAFT curated assertions for "{title}" ({file}),
# written by `calckg curate --draft` from the figure claims calckg extracts ({count} claim(s)).
# Review every claim before moving this file to data/curated/{slug}.ttl: restate the label, choose the
# relation (ck:presentsAs, ck:suggests, ck:detects, … instead of the neutral ck:quantifies), check subject,
# object, population and values against the statement, keep its hedges (ck:hedge) and negations, and delete what the
# statement does not claim. Claims are anchored by quote (ck:quote, ck:figureQuote), never by position
# (docs/trust.md); shapes/claims.ttl checks each claim against its sentence.

@prefix ck:      <https://w3id.org/calckg/ontology#> .
@prefix concept: <https://w3id.org/calckg/concept/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix :        <{root}/assertion/> .
"""
_PROPERTIES = (CK.subject, CK.predicate, CK.object, CK.population, CK.outcome, CK.value, CK.minValue, CK.maxValue,
               CK.pValue, CK.pComparator, CK.hedge, CK.polarity, CK.statistic, PROV.wasDerivedFrom, CK.citesReference)
_NAMES = {CK.subject: "ck:subject", CK.predicate: "ck:predicate", CK.object: "ck:object", CK.population: "ck:population",
          CK.outcome: "ck:outcome", CK.value: "ck:value", CK.minValue: "ck:minValue", CK.maxValue: "ck:maxValue",
          CK.pValue: "ck:pValue", CK.pComparator: "ck:pComparator", CK.hedge: "ck:hedge", CK.polarity: "ck:polarity",
          CK.statistic: "ck:statistic", PROV.wasDerivedFrom: "prov:wasDerivedFrom",
          CK.citesReference: "ck:citesReference"}  # fmt: skip


def _term(node: object) -> str:
    if isinstance(node, URIRef):
        if node.startswith(str(CONCEPT)):
            return "concept:" + node[len(CONCEPT) :]
        if node.startswith(str(CK)):
            return "ck:" + node[len(CK) :]
        return f"<{node}>"
    assert isinstance(node, Literal)
    if node.datatype == XSD.decimal:
        return f'"{node}"^^xsd:decimal'
    return '"' + str(node).replace("\\", "\\\\").replace('"', '\\"') + '"' + (f"@{node.language}" if node.language else "")


def _claim_name(graph: Graph, claim: URIRef, document: Graph) -> str:
    parts = [str(graph.value(claim, p)).rsplit("/", 1)[-1] for p in (CK.subject, CK.object)]
    figure = str(_figure(graph, claim, document)).split("/section/", 1)[-1]
    return slugify(" ".join([*parts, figure]))


def _figure(graph: Graph, claim: URIRef, document: Graph) -> URIRef:
    """The claim's own figure: the first of its statistics in the sentence that is no p-value it carries (a claim
    also lists its comparison's operands, …/stat/1a and …/stat/1b, and its result's p-value)."""
    statistics = sorted(graph.objects(claim, CK.statistic), key=_statistic_order)
    own = [s for s in statistics if (s, RDF.type, CK.PValue) not in document]
    return (own or statistics)[0]  # type: ignore[return-value]


def _statistic_order(statistic: object) -> tuple[str, int, str]:
    """…/stat/10 after …/stat/9 (by position in the sentence, not as text), an operand (…/stat/1a) after its
    comparison."""
    found = _STATISTIC.search(str(statistic))
    return (str(statistic)[: found.start()], int(found[1]), found[2]) if found else (str(statistic), 0, "")


def draft(source: Path, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The draft curated file for the article in `source`, as Turtle text."""
    text = read_source(source)
    article = parse_article(text.path, text.text)
    iris = ArticleIris(article, base_iri)
    document = document_graph(article, base_iri)
    curated = curated_graph(article.slug, document, base_iri)
    graph = extracted_graph(article, base_iri, default_linker().for_article(article), curated.objects(None, CK.statistic))
    statement_of = {iris.statement(section, s): (section, s) for section, s in article.statements}
    claims = sorted(graph.subjects(CK.predicate, CK.quantifies), key=str)
    ordered = sorted(claims, key=lambda c: _position(graph, c, statement_of, document))
    names = dict(zip(ordered, unique_slugs([_claim_name(graph, c, document) for c in ordered]), strict=True))
    out = [_HEADER.format(title=article.title, file=article.file_name, count=len(ordered), slug=article.slug,
                          root=str(iris.root))]  # fmt: skip
    heading = None
    for claim in ordered:
        sources = sorted(graph.objects(claim, PROV.wasDerivedFrom), key=lambda s: _order(statement_of, s))
        section, statement = statement_of[sources[-1]]
        if section.heading != heading:
            heading = section.heading
            out.append(f"# {heading}\n")
        lines = [f"# “{statement.text}”", "# REVIEW: restate the label, choose the relation, check every value.",
                 *_bounds(graph, claim, document),
                 f":{names[claim]} a ck:Assertion ;", f"    rdfs:label {_term(graph.value(claim, RDFS.label))} ;"]
        for predicate in _PROPERTIES:
            values = sorted(graph.objects(claim, predicate), key=str)
            if values:
                lines.append(f"    {_anchor(predicate, values, statement_of, document)} ;")
        lines[-1] = lines[-1][:-2] + " ."
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _anchor(predicate: URIRef, values: list, statement_of: dict, document: Graph) -> str:
    """A property line of the draft; statements and figures are quoted (ck:quote, ck:figureQuote: calckg.anchors),
    never named by position."""
    if predicate == PROV.wasDerivedFrom:
        return "ck:quote " + " , ".join(_term(Literal(statement_of[v][1].text)) for v in values)
    if predicate == CK.statistic:
        return "ck:figureQuote " + " , ".join(_term(Literal(str(document.value(v, CK.surface)))) for v in values)
    return f"{_NAMES[predicate]} {' , '.join(_term(v) for v in values)}"


def _bounds(graph: Graph, claim: URIRef, document: Graph) -> list[str]:
    """A comment naming the sign of each figure of the claim that is a bound ("below 92%" is < 92): the draft's
    values are the bounds, and the sign stays on the figure's statistic (ck:comparator), which the built claim
    links to through its quote."""
    found = []
    for statistic in sorted(graph.objects(claim, CK.statistic), key=str):
        sign = document.value(statistic, CK.comparator)
        if sign is not None and str(sign) != "=":
            found.append(f"# BOUND: {sign} {document.value(statistic, CK.surface)} (the sentence gives a bound, not an "
                         "exact value; the sign stays on the figure's statistic).")
    return found


def _order(statement_of: dict, node: object) -> tuple[int, int]:
    section, statement = statement_of[node]
    return (section.order, statement.order)


def _position(graph: Graph, claim: URIRef, statement_of: dict, document: Graph
              ) -> tuple[tuple[int, int], tuple[str, int, str]]:  # fmt: skip
    sources = [s for s in graph.objects(claim, PROV.wasDerivedFrom)]
    return (max(_order(statement_of, s) for s in sources), _statistic_order(_figure(graph, claim, document)))


def write_draft(source: Path, target: Path | None, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Write the draft to `target` (refusing to replace a file), or return it when `target` is None."""
    if not source.is_file():
        raise InputError(f"{source}: no such article file")
    text = draft(source, base_iri)
    if target is not None:
        if target.exists():
            raise InputError(f"{target}: already exists; a draft never replaces a file (choose another --out)")
        target.write_text(text, encoding="utf-8")
    return text
