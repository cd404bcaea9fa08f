"""`Article` → its document graph (pure: no files, no network). The shape is documented in
docs/document-graph.md."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SDO, XSD

from calckg.figure_links import interval_estimates, spread_estimates
from calckg.ids import ArticleIris
from calckg.ingest.quantities import shipped_lexicon
from calckg.model import Article, Section, Statement, StatementKind, Statistic, StatisticKind
from calckg.namespaces import CITO, CK, OA, UO_FRACTION, UO_PERCENT, bind_prefixes

STATEMENT_CLASSES = {
    StatementKind.SENTENCE: CK.Sentence,
    StatementKind.BULLET: CK.Bullet,
    StatementKind.LEAD_IN: CK.LeadIn,
}
STATISTIC_CLASSES = {
    StatisticKind.PERCENTAGE: CK.Percentage,
    StatisticKind.PERCENTAGE_RANGE: CK.PercentageRange,
    StatisticKind.P_VALUE: CK.PValue,
    StatisticKind.COMPARISON: CK.Comparison,
    StatisticKind.MEAN: CK.MeanValue,
    StatisticKind.LENGTH: CK.Length,
    StatisticKind.COUNT: CK.Count,
    StatisticKind.PROPORTION: CK.Proportion,
    StatisticKind.QUANTITY: CK.Quantity,
    StatisticKind.QUANTITY_RANGE: CK.QuantityRange,
    StatisticKind.DURATION: CK.Duration,
    StatisticKind.RATIO: CK.Ratio,
    StatisticKind.DIFFERENCE: CK.Difference,
    StatisticKind.NUMBER_NEEDED: CK.NumberNeeded,
    StatisticKind.CONFIDENCE_INTERVAL: CK.ConfidenceInterval,
    StatisticKind.SPREAD: CK.Spread,
}
UNITS = {
    "percent": UO_PERCENT,
    "fraction": UO_FRACTION,
    "year": CK.YearUnit,
    "centimetre": CK.CentimetreUnit,
}


def unit_iri(key: str) -> URIRef:
    """The unit's IRI: one of UNITS, else the individual data/quantities.json names (read on first need, not at
    import)."""
    return UNITS.get(key) or CK[unit_iris()[key].removeprefix("ck:")]


@cache
def unit_iris() -> dict[str, str]:
    """Unit key → its ontology individual as a CURIE ("ck:MilligramUnit"; a hyphenated count's noun: "view" →
    "ck:ViewUnit"), for the document graph."""
    lexicon = shipped_lexicon()
    return {**{unit.key: unit.iri for unit in lexicon.units.values()}, **lexicon.hyphen_count_nouns}


REFERENCE_CLASSES = {"Guideline": SDO.MedicalGuideline, "Research": SDO.ScholarlyArticle}
URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
"""The characters a reference's web address keeps as written (RFC 3986's reserved and unreserved ones); any other
(a quote, a space written as such) is percent-encoded, so the address is an IRI every RDF format can write."""


def canonical_decimal(value: Decimal) -> Literal:
    """xsd:decimal in XSD 1.0 canonical form ("0.17", "50.0"): no trailing zeros, always a decimal point.

    rdflib's Turtle writer turns "50" into 50.0, so the point keeps Turtle, N-Triples and JSON-LD isomorphic.
    Oxigraph canonicalises to "50"; results from it are compared by value.
    """
    text = format(value, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def english(text: str) -> Literal:
    return Literal(text, lang="en")


@cache  # offsets, positions and orders repeat across statements and articles; a Literal is immutable
def integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


class _DocumentGraphBuilder:
    def __init__(self, article: Article, base: str | None, graph: Graph | None) -> None:
        self.article = article
        self.iris = ArticleIris(article, base) if base else ArticleIris(article)
        self.graph = bind_prefixes(Graph() if graph is None else graph)

    def add(self, subject: URIRef, predicate: URIRef, value: URIRef | Literal) -> None:
        self.graph.add((subject, predicate, value))

    def build(self) -> Graph:
        self._article()
        for section in self.article.all_sections:
            self._section(section)
        self._references()
        self._related_questions()
        return self.graph

    def _article(self) -> None:
        article, iris, root = self.article, self.iris, self.iris.root
        meta = article.metadata
        self.add(root, RDF.type, CK.Article)
        self.add(root, RDF.type, SDO.MedicalWebPage)
        self.add(root, SDO.name, english(article.title))
        if meta.last_updated:
            self.add(root, SDO.dateModified, Literal(meta.last_updated.isoformat(), datatype=XSD.date))
        if meta.reviewed_by:
            self.add(root, SDO.reviewedBy, Literal(meta.reviewed_by))
        for step in meta.review_statuses:
            self.add(root, CK.reviewStep, Literal(step))
        for notice in meta.notices:
            self.add(root, CK.notice, english(notice))
        if meta.disclaimer:
            self.add(root, CK.disclaimer, english(meta.disclaimer))
        if meta.audience:
            audience = iris.audience()
            self.add(root, SDO.audience, audience)
            self.add(audience, RDF.type, SDO.MedicalAudience)
            self.add(audience, SDO.audienceType, Literal(meta.audience))
        source = iris.source()
        self.add(root, PROV.wasDerivedFrom, source)
        self.add(source, RDF.type, CK.SourceDocument)
        self.add(source, RDF.type, PROV.Entity)
        self.add(source, DCTERMS.identifier, Literal(article.file_name))
        self.add(source, CK.sha256, Literal(article.sha256))
        question, answer = iris.question(), iris.answer()
        self.add(root, SDO.mainEntity, question)
        self.add(question, RDF.type, SDO.Question)
        self.add(question, SDO.name, english(article.title))
        self.add(question, SDO.acceptedAnswer, answer)
        self.add(answer, RDF.type, SDO.Answer)
        self.add(answer, SDO.text, english(" ".join(s.text for s in article.summary.statements)))
        for statement in article.summary.statements:
            self.add(answer, CK.basedOn, iris.statement(article.summary, statement))

    def _section(self, section: Section) -> None:
        iris, root = self.iris, self.iris.root
        node = iris.section(section)
        self.add(root, CK.hasSection, node)
        self.add(node, RDF.type, CK.Section)
        self.add(node, CK.heading, english(section.heading))
        self.add(node, CK.level, integer(section.level))
        self.add(node, CK.order, integer(section.order))
        self.add(node, CK.line, integer(section.line))
        self.add(node, DCTERMS.isPartOf, iris.section_by_slug(section.parent_slug) if section.parent_slug else root)
        self.add(node, CK.inArticle, root)
        for statement in section.statements:
            self._statement(section, statement)

    def _statement(self, section: Section, statement: Statement) -> None:
        iris = self.iris
        node = iris.statement(section, statement)
        self.add(iris.section(section), CK.hasStatement, node)
        self.add(node, RDF.type, CK.Statement)
        self.add(node, RDF.type, STATEMENT_CLASSES[statement.kind])
        self.add(node, CK.text, english(statement.text))
        self.add(node, CK.order, integer(statement.order))
        self.add(node, CK.line, integer(statement.line))
        self.add(node, CK.inSection, iris.section(section))
        self.add(node, CK.inArticle, iris.root)
        if statement.lead_in is not None:
            self.add(node, CK.leadIn, iris.lead_in(section, statement.lead_in))
        selector = iris.selector(node)
        self.add(node, OA.hasSource, iris.source())
        self.add(node, OA.hasSelector, selector)
        self.add(selector, RDF.type, OA.TextPositionSelector)
        self.add(selector, OA.start, integer(statement.start))
        self.add(selector, OA.end, integer(statement.end))
        known = {r.number for r in self.article.references}
        for position, number in enumerate(statement.citations, start=1):
            citation = iris.citation(node, number)
            self.add(node, CK.hasCitation, citation)
            self.add(citation, RDF.type, CK.Citation)
            self.add(citation, CK.citationNumber, integer(number))
            self.add(citation, CK.order, integer(position))
            self.add(citation, CK.inStatement, node)
            if number in known:
                self.add(citation, CK.citesReference, iris.reference(number))
                self.add(node, CITO.cites, iris.reference(number))
            else:
                self.add(citation, RDF.type, CK.UnresolvedCitation)
        for position, statistic in enumerate(statement.statistics, start=1):
            self._statistic(node, iris.statistic(node, position), statistic, position)
        for interval, estimate in interval_estimates(statement.statistics).items():  # "hazard ratio 1.34; 95% CI …"
            self.add(iris.statistic(node, interval + 1), CK.intervalOf, iris.statistic(node, estimate + 1))
        for spread, estimate in spread_estimates(statement.statistics, statement.text).items():  # "7.2 ± 8.1 years"
            self.add(iris.statistic(node, spread + 1), CK.spreadOf, iris.statistic(node, estimate + 1))

    def _statistic(self, statement: URIRef, node: URIRef, statistic: Statistic, position: int) -> None:
        self.add(statement, CK.hasStatistic, node)
        self.add(node, RDF.type, CK.Statistic)
        self.add(node, RDF.type, STATISTIC_CLASSES[statistic.kind])
        self.add(node, CK.surface, Literal(statistic.surface))
        self.add(node, CK.order, integer(position))
        self.add(node, CK.inStatement, statement)
        for predicate, value in ((CK.value, statistic.value), (CK.minValue, statistic.low), (CK.maxValue, statistic.high)):
            if value is not None:
                self.add(node, predicate, canonical_decimal(value))
        for predicate, text in (
            (CK.comparator, statistic.comparator),
            (CK.measure, statistic.measure),
            (CK.qualifier, statistic.qualifier),
        ):
            if text is not None:
                self.add(node, predicate, Literal(text))
        if statistic.unit is not None:
            self.add(node, CK.unit, unit_iri(statistic.unit))
        if statistic.per is not None:  # "2.7% per year"
            self.add(node, CK.timeBase, unit_iri(statistic.per))
        for predicate, operand, suffix in zip(
            (CK.firstOperand, CK.secondOperand), statistic.operands, ("a", "b"), strict=False
        ):
            operand_node = self.iris.operand(node, suffix)
            self.add(node, predicate, operand_node)
            self._statistic(statement, operand_node, operand, position)

    def _references(self) -> None:
        iris, root = self.iris, self.iris.root
        for reference in self.article.references:
            node = iris.reference(reference)
            self.add(root, CK.hasReference, node)
            self.add(node, RDF.type, CK.Reference)
            self.add(node, RDF.type, REFERENCE_CLASSES[reference.kind])
            self.add(node, CK.referenceNumber, integer(reference.number))
            self.add(node, CK.referenceType, Literal(reference.kind))
            self.add(node, DCTERMS.title, english(reference.title))
            self.add(node, CK.container, Literal(reference.container))
            self.add(node, CK.year, integer(reference.year))
            if reference.doi is not None:  # the DOI's resolver address names the same work
                self.add(node, SDO.sameAs, URIRef("https://doi.org/" + quote(unquote(reference.doi), safe="/:;()._-")))
            if reference.pmid is not None:  # its PubMed record names the same work
                self.add(node, SDO.sameAs, URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/"))
            if reference.url is not None:  # where the work is published on the web
                self.add(node, SDO.url, URIRef(quote(unquote(reference.url), safe=URL_SAFE)))
            self.add(node, CK.line, integer(reference.line))
            self.add(node, CK.inArticle, root)

    def _related_questions(self) -> None:
        root = self.iris.root
        for question, node in self.iris.related_questions().items():
            self.add(root, CK.relatedQuestion, node)
            self.add(node, RDF.type, SDO.Question)
            self.add(node, SDO.name, english(question.text))
            self.add(node, CK.order, integer(question.order))
            self.add(node, CK.line, integer(question.line))
            self.add(node, CK.inArticle, root)


def document_graph(article: Article, base: str | None = None, into: Graph | None = None) -> Graph:
    """The article's document graph: article, sections, statements, citations, statistics, references (added to
    `into` when given, e.g. a graph made for validation, so it need not be copied)."""
    return _DocumentGraphBuilder(article, base, into).build()
