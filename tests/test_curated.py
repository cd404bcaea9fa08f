"""Curated assertions of the seed article (data/curated/what-are-microcalcifications-in-the-breast.ttl).

Every statement of the seed build is either the source (prov:wasDerivedFrom) of at least one assertion or typed
ck:NarrativeStatement; each assertion uses vocabulary concepts, real statement/statistic/reference nodes, and is
grounded in the text it was read from; management steps keep the article's order; the DCIS figures that disagree
are exactly the ones the conflicting-figures shape should report.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from itertools import combinations

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from calckg.namespaces import CK, CONCEPT
from calckg.pipeline import BuildResult
from calckg.resources import ontology_dir
from calckg.semantic import curated_files
from calckg.vocabulary import default_matcher, load_vocabulary

SLUG = "what-are-microcalcifications-in-the-breast"
ARTICLE = URIRef(f"https://w3id.org/calckg/id/{SLUG}")
SECTION = f"{ARTICLE}/section/"
ASSERTION = f"{ARTICLE}/assertion/"
REFERENCE = f"{ARTICLE}/reference/"
CURATED_FILE = next(path for path in curated_files() if path.stem == SLUG)
CITO_CITES = URIRef("http://purl.org/spar/cito/cites")

# The claim properties of the semantic layer an assertion may use as ck:predicate.
CLAIM_PROPERTIES = {
    CK[name]
    for name in (
        "associatedWith", "suggests", "presentsAs", "hasMorphology", "hasDistribution", "prognosticFor",
        "hasComposition", "detects", "notReliableFor", "moreSensitiveThan", "recommendedFor",
    )
}

NARRATIVE = {
    "definition-and-composition/2",  # "The primary types include:"
    "morphology-based-on-grade/1",  # "The appearance of microcalcifications provides critical information …:"
    "distribution-patterns/1",  # "The shape and distribution of calcification clusters are diagnostically important:"
    "recurrence-patterns/1",  # "Understanding recurrence patterns is clinically important:"
}

# Every statement of the article (section slug / position) and the assertions read off it.
COVERAGE: dict[str, set[str]] = {
    "summary/1": {
        "dcis-presents-with-suspicious-calcifications-in-73-98-percent",
        "mammography-detects-microcalcification",
        "microcalcification-has-composition-calcium",
        "microcalcification-suggests-breast-cancer",
        "microcalcification-suggests-dcis",
    },
    "definition-and-composition/1": {
        "microcalcification-associated-with-pathological-mineralization",
        "microcalcification-has-composition-calcium",
    },
    "definition-and-composition/3": {"calcium-oxalate-associated-with-benign-conditions"},
    "definition-and-composition/4": {"hydroxyapatite-associated-with-malignancy"},
    "definition-and-composition/5": {"magnesium-hydroxyapatite-associated-with-malignancy"},
    "definition-and-composition/6": {"microcalcification-associated-with-pathological-mineralization"},
    "clinical-significance/1": {
        "dcis-presents-as-microcalcifications-in-75-98-percent",
        "microcalcification-suggests-early-breast-cancer",
    },
    "prevalence-in-breast-cancer/1": {
        "early-invasive-breast-cancer-presents-with-fine-granular-microcalcifications-in-30-38-percent",
    },
    "prevalence-in-breast-cancer/2": {"dcis-presents-as-suspicious-calcifications-in-80-percent"},
    "prevalence-in-breast-cancer/3": {"dcis-presents-with-calcifications-in-90-percent"},
    "association-with-tumor-characteristics/1": {"microcalcification-associated-with-tumour-features"},
    "association-with-tumor-characteristics/2": {
        "her2-positive-tumours-present-with-microcalcifications-in-52-9-percent",
    },
    "association-with-tumor-characteristics/3": {
        "invasive-ductal-carcinomas-present-with-microcalcifications-in-40-9-percent",
    },
    "association-with-tumor-characteristics/4": {
        "microcalcification-associated-with-perimenopausal-status-in-64-percent",
        "patients-with-microcalcifications-mean-age-50",
    },
    "association-with-tumor-characteristics/5": {"heterogeneous-breast-density-associated-with-microcalcifications"},
    "association-with-tumor-characteristics/6": {"multifocal-disease-presents-with-microcalcifications"},
    "morphology-based-on-grade/2": {
        "dcis-with-necrosis-has-fine-linear-branching-calcifications",
        "dcis-with-necrosis-has-fine-pleomorphic-calcifications",
        "high-grade-dcis-has-fine-linear-branching-calcifications",
        "high-grade-dcis-has-fine-pleomorphic-calcifications",
    },
    "morphology-based-on-grade/3": {
        "low-and-intermediate-grade-dcis-has-punctate-calcifications",
        "low-and-intermediate-grade-dcis-has-round-calcifications",
        "low-and-intermediate-grade-dcis-presents-as-asymmetry-without-calcifications",
    },
    "morphology-based-on-grade/4": {
        "dcis-calcifications-fine-pleomorphic-in-half",
        "dcis-calcifications-grouped-in-half",
    },
    "distribution-patterns/2": {"cluster-shape-suggests-segmental-distribution"},
    "distribution-patterns/3": {"grouped-distribution-suggests-malignancy"},
    "distribution-patterns/4": {"linear-branching-suggests-ductal-involvement"},
    "benign-vs-malignant-features/1": {
        "coarse-calcification-suggests-benign",
        "diffuse-distribution-suggests-benign",
        "round-calcification-suggests-benign",
        "smooth-margin-suggests-benign",
        "uniform-density-suggests-benign",
    },
    "benign-vs-malignant-features/2": {"coarse-calcification-suggests-benign"},
    "benign-vs-malignant-features/3": {"round-calcification-suggests-benign", "uniform-density-suggests-benign"},
    "benign-vs-malignant-features/4": {"diffuse-distribution-suggests-benign"},
    "benign-vs-malignant-features/5": {"smooth-margin-suggests-benign"},
    "benign-vs-malignant-features/6": {
        "fine-calcification-suggests-malignancy",
        "grouped-distribution-suggests-malignancy",
        "linear-branching-calcification-suggests-malignancy",
        "pleomorphic-calcification-suggests-malignancy",
    },
    "benign-vs-malignant-features/7": {"grouped-distribution-suggests-malignancy"},
    "benign-vs-malignant-features/8": {"pleomorphic-calcification-suggests-malignancy"},
    "benign-vs-malignant-features/9": {"fine-calcification-suggests-malignancy"},
    "benign-vs-malignant-features/10": {"linear-branching-calcification-suggests-malignancy"},
    "mammography-as-primary-modality/1": {
        "mammography-detects-dcis-in-55-percent",
        "mammography-detects-microcalcification",
        "mammography-more-sensitive-than-ultrasound-for-dcis",
        "ultrasound-detects-dcis-in-47-percent",
    },
    "mammography-as-primary-modality/2": {"magnification-views-recommended-with-two-view-mammography"},
    "mammography-as-primary-modality/3": {
        "magnification-views-recommended-with-two-view-mammography",
        "two-view-mammography-alone-underestimates-disease-extent",
    },
    "mammography-as-primary-modality/4": {"mammography-more-sensitive-than-ultrasound-for-bi-rads-5-assessment"},
    "ultrasound-limitations/1": {
        "ultrasound-not-reliable-alone-for-calcifications",
        "ultrasound-not-reliable-for-microcalcifications",
    },
    "ultrasound-limitations/2": {"ultrasound-detects-dcis-with-microcalcifications-in-80-percent"},
    "ultrasound-limitations/3": {"ultrasound-not-reliable-for-microcalcifications"},
    "detection-challenges/1": {"mammography-misses-microcalcifications-visible-on-pathology-in-52-2-percent"},
    "prognostic-value/1": {"microcalcification-patterns-carry-prognostic-significance"},
    "prognostic-value/2": {"casting-type-microcalcifications-negative-prognostic-marker"},
    "prognostic-value/3": {
        "microcalcification-associated-with-negative-tumour-characteristics",
        "microcalcification-prognostic-for-unfavourable-prognosis",
    },
    "prognostic-value/4": {"microcalcification-affects-extent-of-surgery"},
    "recurrence-patterns/2": {"recurrent-dcis-presents-as-microcalcifications-in-75-percent"},
    "recurrence-patterns/3": {"recurrence-of-calcified-dcis-presents-as-microcalcifications-in-80-percent"},
    "recurrence-patterns/4": {"recurrent-calcifications-resemble-initial-dcis-in-94-percent"},
    "management-approach/1": {
        "bilateral-mammography-recommended-for-microcalcifications",
        "ipsilateral-breast-evaluation-recommended-for-microcalcifications",
    },
    "management-approach/2": {"bilateral-mammography-recommended-for-microcalcifications"},
    "management-approach/3": {"ipsilateral-breast-evaluation-recommended-for-microcalcifications"},
    "management-approach/4": {"stereotactic-core-needle-biopsy-recommended-for-suspicious-calcifications"},
    "management-approach/5": {"specimen-radiography-recommended-for-calcifications"},
    "management-approach/6": {"leave-microcalcifications-at-biopsy-site-for-definitive-excision"},
}

MANAGEMENT_STEPS = [
    "bilateral-mammography-recommended-for-microcalcifications",
    "ipsilateral-breast-evaluation-recommended-for-microcalcifications",
    "stereotactic-core-needle-biopsy-recommended-for-suspicious-calcifications",
    "specimen-radiography-recommended-for-calcifications",
    "leave-microcalcifications-at-biopsy-site-for-definitive-excision",
]

# The DCIS-with-calcification figures that disagree: slug -> (low, high) in percent.
DCIS_CONFLICT = {
    "dcis-presents-with-suspicious-calcifications-in-73-98-percent": (Decimal("73"), Decimal("98")),
    "dcis-presents-as-microcalcifications-in-75-98-percent": (Decimal("75"), Decimal("98")),
    "dcis-presents-as-suspicious-calcifications-in-80-percent": (Decimal("80"), Decimal("80")),
    "dcis-presents-with-calcifications-in-90-percent": (Decimal("90"), Decimal("90")),
}


def statement(local: str) -> URIRef:
    return URIRef(SECTION + local)


def assertion(slug: str) -> URIRef:
    return URIRef(ASSERTION + slug)


def local(node: URIRef, prefix: str) -> str:
    assert str(node).startswith(prefix), node
    return str(node)[len(prefix) :]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def curated() -> Graph:
    """The curated file on its own."""
    return Graph().parse(CURATED_FILE, format="turtle")


@pytest.fixture(scope="module")
def article(seed_build: BuildResult, curated: Graph) -> Graph:
    """The article's named graph of the seed build, with the curated file added. Once the build loads
    data/curated/<slug>.ttl into that graph itself, adding the file again changes nothing."""
    graph = Graph()
    graph += seed_build.dataset.graph(ARTICLE)
    graph += curated
    return graph


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return load_vocabulary()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "calckg.ttl", format="turtle")


@pytest.fixture(scope="module")
def statements(seed_build: BuildResult) -> set[URIRef]:
    graph = seed_build.dataset.graph(ARTICLE)
    return {s for s in graph.subjects(RDF.type, CK.Statement) if isinstance(s, URIRef)}


@pytest.fixture(scope="module")
def assertions(curated: Graph) -> set[URIRef]:
    return {a for a in curated.subjects(RDF.type, CK.Assertion) if isinstance(a, URIRef)}


def sources(graph: Graph, node: URIRef) -> set[URIRef]:
    return {s for s in graph.objects(node, PROV.wasDerivedFrom) if isinstance(s, URIRef)}


def narrower_closure(vocabulary: Graph, concept: URIRef) -> set[URIRef]:
    """The concept and every concept below it (skos:narrower, or skos:broader read backwards)."""
    seen, todo = {concept}, [concept]
    while todo:
        current = todo.pop()
        below = set(vocabulary.objects(current, SKOS.narrower)) | set(vocabulary.subjects(SKOS.broader, current))
        for child in below - seen:
            seen.add(child)
            todo.append(child)
    return seen


def figure(graph: Graph, node: URIRef) -> tuple[Decimal, Decimal] | None:
    """(low, high) of an assertion's figure, as the conflicting-figures shape reads it: own min/value/max first,
    else the (non p-value) statistic's."""
    own_value = graph.value(node, CK.value)
    low = graph.value(node, CK.minValue) or own_value
    high = graph.value(node, CK.maxValue) or own_value
    if low is None or high is None:
        for stat in graph.objects(node, CK.statistic):
            if (stat, RDF.type, CK.PValue) in graph:
                continue
            value = graph.value(stat, CK.value)
            low = low or graph.value(stat, CK.minValue) or value
            high = high or graph.value(stat, CK.maxValue) or value
    if low is None or high is None:
        return None
    return (Decimal(str(low)), Decimal(str(high)))


# ---------------------------------------------------------------- coverage


def test_the_seed_build_has_57_statements(statements: set[URIRef]) -> None:
    assert len(statements) == 57


def test_the_coverage_table_lists_every_statement_of_the_article(statements: set[URIRef]) -> None:
    assert {local(s, SECTION) for s in statements} == set(COVERAGE) | NARRATIVE
    assert set(COVERAGE).isdisjoint(NARRATIVE)


def test_every_statement_has_an_assertion_or_is_narrative(
    article: Graph, statements: set[URIRef], assertions: set[URIRef]
) -> None:
    derived = {s for a in assertions for s in sources(article, a)}
    narrative = set(article.subjects(RDF.type, CK.NarrativeStatement))
    assert sorted(local(s, SECTION) for s in statements - derived - narrative) == []
    assert sorted(local(s, SECTION) for s in derived & narrative) == []  # a narrative statement makes no claim


def test_the_narrative_statements_are_exactly_the_four_bare_lead_ins(curated: Graph) -> None:
    assert {local(s, SECTION) for s in curated.subjects(RDF.type, CK.NarrativeStatement)} == NARRATIVE


def test_each_statement_yields_exactly_the_listed_assertions(curated: Graph) -> None:
    found: dict[str, set[str]] = defaultdict(set)
    for a, s in curated.subject_objects(PROV.wasDerivedFrom):
        found[local(s, SECTION)].add(local(a, ASSERTION))
    assert dict(found) == COVERAGE


# ---------------------------------------------------------------- form and vocabulary


def test_assertion_iris_are_minted_under_the_article_and_there_are_no_blank_nodes(
    curated: Graph, assertions: set[URIRef]
) -> None:
    assert len(assertions) == 64
    assert all(str(a).startswith(ASSERTION) for a in assertions)
    assert not [t for t in curated if any(isinstance(term, BNode) for term in t)]
    typed = {s for s, _, o in curated.triples((None, RDF.type, None)) if o in (CK.Assertion, CK.ManagementStep)}
    assert typed == assertions  # every management step is typed ck:Assertion too


def test_each_assertion_names_one_subject_predicate_object_and_states_the_direct_triple(
    curated: Graph, assertions: set[URIRef], ontology: Graph
) -> None:
    for a in sorted(assertions):
        (subject,), (predicate,), (obj,) = (list(curated.objects(a, p)) for p in (CK.subject, CK.predicate, CK.object))
        assert predicate in CLAIM_PROPERTIES, a
        assert (predicate, RDF.type, OWL.ObjectProperty) in ontology, a
        assert (subject, predicate, obj) in curated, a


def test_concepts_used_by_assertions_exist_in_the_vocabulary(curated: Graph, vocabulary: Graph) -> None:
    concepts = set(vocabulary.subjects(RDF.type, SKOS.Concept))
    for path in (CK.subject, CK.object, CK.population, CK.outcome):
        used = set(curated.objects(None, path))
        assert used, path
        assert sorted(str(c) for c in used - concepts) == [], path


def test_each_assertion_has_one_english_label(curated: Graph, assertions: set[URIRef]) -> None:
    for a in assertions:
        labels = list(curated.objects(a, RDFS.label))
        assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en", a


def test_numbers_are_canonical_decimals(curated: Graph) -> None:
    for path in (CK.value, CK.minValue, CK.maxValue, CK.pValue):
        for literal in curated.objects(None, path):
            assert isinstance(literal, Literal) and literal.datatype == XSD.decimal, (path, literal)
            lexical = str(literal)
            assert "." in lexical and lexical == str(Decimal(lexical)), (path, lexical)


# ---------------------------------------------------------------- provenance, figures, references


def test_assertions_are_derived_from_real_statements(
    curated: Graph, assertions: set[URIRef], statements: set[URIRef]
) -> None:
    for a in assertions:
        derived = sources(curated, a)
        assert derived and derived <= statements, a


def test_statistics_are_real_nodes_of_the_assertions_own_statements(article: Graph, assertions: set[URIRef]) -> None:
    for a in assertions:
        for stat in article.objects(a, CK.statistic):
            assert (stat, RDF.type, CK.Statistic) in article, stat
            assert article.value(stat, CK.inStatement) in sources(article, a), (a, stat)


def test_cited_references_are_exactly_the_resolved_references_of_the_sources(
    article: Graph, assertions: set[URIRef]
) -> None:
    for a in assertions:
        expected = {r for s in sources(article, a) for r in article.objects(s, CITO_CITES)}
        assert set(article.objects(a, CK.citesReference)) == expected, a
    cited = set(article.objects(None, CK.citesReference))
    assert all((r, RDF.type, CK.Reference) in article for r in cited)
    assert {local(r, REFERENCE) for r in cited} == {"1", "2", "3", "4", "5", "6"}  # 7 and 8 do not resolve


def test_a_p_value_comes_with_its_comparator_and_agrees_with_the_statistic(
    article: Graph, assertions: set[URIRef]
) -> None:
    with_p = [a for a in assertions if article.value(a, CK.pValue) is not None]
    assert len(with_p) == 7
    for a in with_p:
        p_stats = [s for s in article.objects(a, CK.statistic) if (s, RDF.type, CK.PValue) in article]
        (p_stat,) = p_stats
        assert article.value(a, CK.pValue).toPython() == article.value(p_stat, CK.value).toPython(), a
        assert str(article.value(a, CK.pComparator)) == str(article.value(p_stat, CK.comparator)), a


# ---------------------------------------------------------------- grounding


def test_subject_and_object_are_named_in_the_source_text_by_the_concept_matcher(
    article: Graph, assertions: set[URIRef], vocabulary: Graph
) -> None:
    matcher = default_matcher()
    problems = []
    for a in sorted(assertions):
        text = "\n".join(str(article.value(s, CK.text)) for s in sorted(sources(article, a)))
        found = matcher.concepts(text)
        for role in (CK.subject, CK.object):
            concept = article.value(a, role)
            if not narrower_closure(vocabulary, concept) & found:
                problems.append((local(a, ASSERTION), role.fragment, str(concept)))
    assert problems == []


def test_subject_and_object_labels_occur_in_a_source_statement(
    article: Graph, assertions: set[URIRef], vocabulary: Graph
) -> None:
    """What shapes/assertions.ttl checks: some label of the concept is a case-insensitive substring of the text of
    a statement the claim was taken from."""
    problems = []
    for a in sorted(assertions):
        texts = [str(article.value(s, CK.text)).lower() for s in sources(article, a)]
        for role in (CK.subject, CK.object):
            concept = article.value(a, role)
            labels = [
                str(label).lower()
                for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                for label in vocabulary.objects(concept, p)
            ]
            if not any(label in text for label in labels for text in texts):
                problems.append((local(a, ASSERTION), role.fragment))
    assert problems == []


# ---------------------------------------------------------------- management steps


def test_management_steps_follow_the_articles_order(article: Graph) -> None:
    steps = sorted(
        article.subjects(RDF.type, CK.ManagementStep), key=lambda s: article.value(s, CK.stepOrder).toPython()
    )
    assert [local(s, ASSERTION) for s in steps] == MANAGEMENT_STEPS
    assert [article.value(s, CK.stepOrder).toPython() for s in steps] == [1, 2, 3, 4, 5]
    for step in steps:
        assert article.value(step, CK.stepOrder).datatype == XSD.integer
    bullets = [
        min((s for s in sources(article, step) if (s, RDF.type, CK.Bullet) in article), key=str) for step in steps
    ]
    assert [local(b, SECTION) for b in bullets] == [f"management-approach/{n}" for n in range(2, 7)]
    assert [article.value(b, CK.order).toPython() for b in bullets] == [2, 3, 4, 5, 6]


def test_each_management_step_precedes_only_the_next_one(curated: Graph) -> None:
    steps = [assertion(slug) for slug in MANAGEMENT_STEPS]
    for before, after in zip(steps, steps[1:], strict=False):
        assert set(curated.objects(before, CK.precedes)) == {after}
    assert set(curated.objects(steps[-1], CK.precedes)) == set()
    assert set(curated.subjects(CK.precedes, None)) == set(steps[:-1])


# ---------------------------------------------------------------- pinned facts


def test_her2_positive_tumours_present_with_microcalcifications_in_52_9_percent(article: Graph) -> None:
    a = assertion("her2-positive-tumours-present-with-microcalcifications-in-52-9-percent")
    source = statement("association-with-tumor-characteristics/2")
    assert (CONCEPT["her2-positive-breast-cancer"], CK.presentsAs, CONCEPT.microcalcification) in article
    assert article.value(a, CK.subject) == CONCEPT["her2-positive-breast-cancer"]
    assert article.value(a, CK.object) == CONCEPT.microcalcification
    assert article.value(a, CK.population) == CONCEPT["her2-positive-breast-cancer"]
    assert article.value(a, CK.outcome) == CONCEPT.microcalcification
    assert article.value(a, CK.value) == Literal("52.9", datatype=XSD.decimal)
    assert article.value(a, CK.pValue) == Literal("0.001", datatype=XSD.decimal)
    assert str(article.value(a, CK.pComparator)) == "<"
    assert set(article.objects(a, CK.statistic)) == {URIRef(f"{source}/stat/1"), URIRef(f"{source}/stat/2")}
    assert set(article.objects(a, PROV.wasDerivedFrom)) == {source}
    assert set(article.objects(a, CK.citesReference)) == {URIRef(REFERENCE + "5")}


def test_mammography_is_more_sensitive_than_ultrasound_for_dcis(article: Graph) -> None:
    a = assertion("mammography-more-sensitive-than-ultrasound-for-dcis")
    source = statement("mammography-as-primary-modality/1")
    assert (CONCEPT.mammography, CK.moreSensitiveThan, CONCEPT.ultrasound) in article
    assert article.value(a, CK.population) == CONCEPT["ductal-carcinoma-in-situ"]
    assert article.value(a, CK.outcome) == CONCEPT.sensitivity
    comparison = URIRef(f"{source}/stat/1")
    assert set(article.objects(a, CK.statistic)) == {comparison, URIRef(f"{source}/stat/2")}
    first, second = article.value(comparison, CK.firstOperand), article.value(comparison, CK.secondOperand)
    assert (article.value(first, CK.value).toPython(), article.value(second, CK.value).toPython()) == (
        Decimal("55"),
        Decimal("47"),
    )
    assert article.value(a, CK.pValue) == Literal("0.01", datatype=XSD.decimal)
    assert str(article.value(a, CK.pComparator)) == "<"
    assert set(article.objects(a, CK.citesReference)) == {URIRef(REFERENCE + "1")}
    # each sensitivity is also a claim of its own, on the comparison's operand
    mammo, us = assertion("mammography-detects-dcis-in-55-percent"), assertion("ultrasound-detects-dcis-in-47-percent")
    assert set(article.objects(mammo, CK.statistic)) == {first}
    assert set(article.objects(us, CK.statistic)) == {second}
    assert (CONCEPT.mammography, CK.detects, CONCEPT["ductal-carcinoma-in-situ"]) in article
    assert (CONCEPT.ultrasound, CK.detects, CONCEPT["ductal-carcinoma-in-situ"]) in article


def test_dcis_without_calcifications_is_recorded_as_its_complement(article: Graph) -> None:
    a = assertion("dcis-presents-with-calcifications-in-90-percent")
    (stat,) = article.objects(a, CK.statistic)
    assert str(article.value(stat, CK.surface)) == "10%"
    assert article.value(a, CK.value) == Literal("90.0", datatype=XSD.decimal)
    assert "complement" in str(article.value(a, RDFS.comment))


def test_unresolved_citations_are_not_turned_into_references(article: Graph) -> None:
    for slug in ("casting-type-microcalcifications-negative-prognostic-marker", *MANAGEMENT_STEPS):
        assert set(article.objects(assertion(slug), CK.citesReference)) == set(), slug
    assert set(article.objects(assertion("ultrasound-not-reliable-alone-for-calcifications"), CK.citesReference)) == {
        URIRef(REFERENCE + "3")  # the sentence cites 7 (unresolved) and 3
    }


def test_the_claims_that_classify_descriptors_are_present(curated: Graph) -> None:
    suspicious = (
        "grouped-distribution",
        "pleomorphic-calcification",
        "fine-calcification",
        "fine-linear-branching-calcification",
    )
    for descriptor in suspicious:
        assert (CONCEPT[descriptor], CK.suggests, CONCEPT.malignancy) in curated, descriptor
    benign = ("coarse-calcification", "round-calcification", "uniform-density", "diffuse-distribution", "smooth-margin")
    for descriptor in benign:
        assert (CONCEPT[descriptor], CK.suggests, CONCEPT.benign) in curated, descriptor
    assert (CONCEPT.mammography, CK.detects, CONCEPT["ductal-carcinoma-in-situ"]) in curated


# ---------------------------------------------------------------- conflicting figures


def test_only_the_four_dcis_figures_share_population_and_outcome_with_different_values(
    curated: Graph, assertions: set[URIRef]
) -> None:
    groups: dict[tuple[str, str], list[URIRef]] = defaultdict(list)
    for a in assertions:
        population = curated.value(a, CK.population)
        if population is None:
            continue
        outcome = curated.value(a, CK.outcome) or curated.value(a, CK.outcomeText)
        if outcome is None:
            outcome = Literal(" ".join(str(curated.value(a, p)) for p in (CK.subject, CK.predicate, CK.object)))
        groups[(str(population), str(outcome))].append(a)
    conflicting: set[URIRef] = set()
    for members in groups.values():
        for a, b in combinations(members, 2):
            fa, fb = figure(curated, a), figure(curated, b)
            if fa and fb and fa != fb and sources(curated, a) != sources(curated, b):
                conflicting |= {a, b}
    assert {local(a, ASSERTION) for a in conflicting} == set(DCIS_CONFLICT)
    for slug, expected in DCIS_CONFLICT.items():
        a = assertion(slug)
        assert figure(curated, a) == expected, slug
        assert curated.value(a, CK.population) == CONCEPT["ductal-carcinoma-in-situ"]
        assert curated.value(a, CK.outcome) == CONCEPT["breast-calcification"]


def test_the_conflicting_figures_shape_reports_exactly_the_dcis_pairs(seed_build: BuildResult, curated: Graph) -> None:
    from calckg.validate import validate_dataset
    from calckg.validation_report import Severity

    dataset = Dataset()
    graph = dataset.graph(ARTICLE)
    graph += seed_build.dataset.graph(ARTICLE)
    graph += curated
    report = validate_dataset(dataset)
    conflicts = [r for r in report.results if str(r.source_shape).endswith("#ConflictingFiguresShape")]
    assert all(r.severity is Severity.WARNING for r in conflicts)
    pairs = set()
    for result in conflicts:
        (other,) = [
            a for a in map(assertion, DCIS_CONFLICT) if (a, PROV.wasDerivedFrom, result.value) in curated
        ]
        pairs.add(frozenset({local(result.focus_node, ASSERTION), local(other, ASSERTION)}))
    assert pairs == {frozenset(pair) for pair in combinations(DCIS_CONFLICT, 2)}
