"""Ontology and vocabulary quality: the QC queries pass on the shipped files, and each one demonstrably fires on a
fixture broken on purpose (tests/data/qc/<query>.ttl); external codes are the verified ones; HermiT draws the
intended conclusions."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from shutil import which

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from calckg.graph import document_graph
from calckg.model import Article
from calckg.namespaces import CK, CONCEPT
from calckg.resources import ontology_dir, queries_dir
from calckg.semantic import curated_files
from calckg.vocabulary import vocabulary_files

ROOT = Path(__file__).resolve().parents[1]
QC_DIR = queries_dir() / "qc"
BROKEN_DIR = Path(__file__).parent / "data" / "qc"
SAMPLES_DIR = Path(__file__).parent / "data" / "ontology"
ONTOLOGY_FILE = ontology_dir() / "calckg.ttl"
VOCABULARY_FILES = vocabulary_files()
CODES_FILE = ontology_dir() / "verified-codes.tsv"
DOCUMENT_GRAPH_DOC = ROOT / "docs" / "document-graph.md"
TERMINOLOGY = Path(__file__).resolve().parents[1] / "docs" / "terminology.md"  # the verified codes, in the repository
ONTOLOGY_IRI = URIRef("https://w3id.org/calckg/ontology")
EX = Namespace("https://example.org/calckg-test/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # rdflib's XSD namespace object trips pytest's collector

QUERIES = sorted(path.stem for path in QC_DIR.glob("*.rq"))

# query stem -> (result variable, the value the deliberately broken fixture must produce, load the ontology too)
BROKEN: dict[str, tuple[str, str, bool]] = {
    "term-label": ("term", str(CK.TwoLabels), False),
    "term-definition": ("term", str(CK.undefinedProperty), False),
    "concept-preflabel": ("concept", str(CONCEPT["two-names"]), False),
    "concept-definition": ("concept", str(CONCEPT.undefined), False),
    "duplicate-term-label": ("label", "measure", False),
    "duplicate-concept-label": ("label", "us", False),
    "undeclared-term": ("term", str(CK.misspeltText), False),
    "undeclared-concept": ("term", str(CONCEPT["no-such-concept"]), False),
    "external-match-pattern": ("target", "http://snomed.info/sct#71651007", False),
    "duplicate-exact-match": ("target", "http://purl.obolibrary.org/obo/NCIT_C2924", False),
    "broader-narrower-symmetry": ("concept", str(CONCEPT.microcalcification), False),
    "broader-cycle": ("concept", str(CONCEPT.a), False),
    "concept-scheme-membership": ("concept", str(CONCEPT.orphan), False),
    "concept-type": ("concept", str(CONCEPT.untyped), True),
}

# every other fixture row that must fire too (so a query that catches only one kind of fault is noticed)
ALSO_EXPECTED: dict[str, set[str]] = {
    "term-label": {str(CK.NoLabel)},
    "external-match-pattern": {"http://identifiers.org/mesh/047648"},
    "broader-cycle": {str(CONCEPT.b)},
}

IRI_FORMS = {
    "NCIt": "http://purl.obolibrary.org/obo/NCIT_{}",
    "RadLex": "http://www.radlex.org/RID/{}",
    "SNOMED CT": "http://snomed.info/id/{}",
    "MeSH": "http://identifiers.org/mesh/{}",
    "UMLS": "http://linkedlifedata.com/resource/umls/id/{}",
}
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)


def parse(*paths: Path) -> Graph:
    graph = Graph(bind_namespaces="none")
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def run(graph: Graph, stem: str) -> list[dict[str, str]]:
    result = graph.query((QC_DIR / f"{stem}.rq").read_text(encoding="utf-8"))
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return parse(*VOCABULARY_FILES)


@pytest.fixture(scope="module")
def built(seed_article: Article) -> Graph:
    """Ontology + vocabulary + the seed article's document graph (what a build publishes, minus inferences)."""
    graph = parse(ONTOLOGY_FILE, *VOCABULARY_FILES)
    graph += document_graph(seed_article)
    return graph


# ---------------------------------------------------------------- the QC queries themselves


def test_every_qc_query_has_a_broken_fixture() -> None:
    assert QUERIES, "no queries in queries/qc"
    assert set(BROKEN) == set(QUERIES)
    assert {path.stem for path in BROKEN_DIR.glob("*.ttl")} == set(QUERIES)


@pytest.mark.parametrize("stem", QUERIES)
def test_qc_query_has_summary_and_declares_its_prefixes(stem: str) -> None:
    text = (QC_DIR / f"{stem}.rq").read_text(encoding="utf-8")
    assert text.startswith("#+ summary: ")
    declared = set(re.findall(r"^PREFIX\s+([A-Za-z][\w-]*):", text, flags=re.MULTILINE))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", "PREFIX")))
    body = re.sub(r"<[^>\s]*>", " ", body)
    body = re.sub(r'"[^"]*"', " ", body)
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):[A-Za-z]", body))
    assert used <= declared, f"undeclared prefixes {sorted(used - declared)}"


@pytest.mark.parametrize("stem", QUERIES)
def test_qc_query_finds_no_problem_in_shipped_files(stem: str, built: Graph) -> None:
    assert run(built, stem) == []


@pytest.mark.parametrize("stem", QUERIES)
def test_qc_query_fires_on_its_broken_fixture(stem: str) -> None:
    variable, expected, with_ontology = BROKEN[stem]
    paths = [BROKEN_DIR / f"{stem}.ttl"]
    if with_ontology:
        paths.insert(0, ONTOLOGY_FILE)
    found = {row.get(variable) for row in run(parse(*paths), stem)}
    assert expected in found
    assert ALSO_EXPECTED.get(stem, set()) <= found


def test_correct_terms_in_broken_fixtures_are_not_reported() -> None:
    rows = run(parse(BROKEN_DIR / "term-label.ttl"), "term-label")
    assert str(CK.Fine) not in {row["term"] for row in rows}
    rows = run(parse(BROKEN_DIR / "external-match-pattern.ttl"), "external-match-pattern")
    assert "http://purl.obolibrary.org/obo/NCIT_C2924" not in {row["target"] for row in rows}
    rows = run(parse(BROKEN_DIR / "concept-scheme-membership.ttl"), "concept-scheme-membership")
    assert {row["concept"] for row in rows} == {str(CONCEPT.orphan)}


@pytest.mark.parametrize("stem", ["undeclared-term", "undeclared-concept"])
def test_curated_data_uses_only_declared_terms_and_concepts(stem: str) -> None:
    graph = parse(ONTOLOGY_FILE, *VOCABULARY_FILES, *curated_files())
    assert run(graph, stem) == []


# ---------------------------------------------------------------- ontology shape


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/calckg/ontology/0.1.0")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/modified")) == Literal(
        "2026-11-25", datatype=XSD_DATE
    )
    assert not list(ontology.triples((None, OWL.imports, None)))


def test_ontology_declares_every_ck_term_of_the_document_graph_doc(ontology: Graph) -> None:
    used = set(re.findall(r"\bck:([A-Za-z]\w*)", DOCUMENT_GRAPH_DOC.read_text(encoding="utf-8")))
    undeclared = sorted(n for n in used if not any((CK[n], RDF.type, t) in ontology for t in DECLARATION_TYPES))
    assert undeclared == []


@pytest.mark.parametrize("shared", ["order", "line", "text", "inArticle", "inStatement", "value", "minValue", "maxValue"])
def test_shared_properties_have_no_domain(ontology: Graph, shared: str) -> None:
    assert ontology.value(CK[shared], RDFS.domain) is None


def test_no_iri_is_both_a_class_and_an_individual(ontology: Graph, vocabulary: Graph) -> None:
    graph = ontology + vocabulary
    classes = set(graph.subjects(RDF.type, OWL.Class))
    individuals = set(graph.subjects(RDF.type, OWL.NamedIndividual)) | set(graph.subjects(RDF.type, SKOS.Concept))
    properties = {s for t in DECLARATION_TYPES[1:4] for s in graph.subjects(RDF.type, t)}
    assert classes & individuals == set()
    assert properties & individuals == set()


def test_domain_properties_form_one_hierarchy_under_associated_with(ontology: Graph) -> None:
    for name in ("suggests", "presentsAs", "hasMorphology", "hasDistribution", "prognosticFor"):
        assert (CK[name], RDFS.subPropertyOf, CK.associatedWith) in ontology


# ---------------------------------------------------------------- external codes


def _verified_rows() -> list[dict[str, str]]:
    with CODES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _vocabulary_mappings(vocabulary: Graph) -> set[tuple[str, str, str]]:
    return {
        (str(s).removeprefix(str(CONCEPT)), str(p).removeprefix(str(SKOS)), str(o))
        for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
        for s, o in vocabulary.subject_objects(p)
    }


def test_verified_codes_file_is_well_formed() -> None:
    rows = _verified_rows()
    assert rows
    for row in rows:
        assert row["system"] in IRI_FORMS
        assert row["code"] and row["label"] and row["terminology_row"].startswith("§")
        assert row["terminology_row"][1] in "12345"  # never §8 (unverified)
        assert row["match"] in ("exactMatch", "closeMatch")


def test_every_vocabulary_mapping_is_a_verified_code_and_vice_versa(vocabulary: Graph) -> None:
    listed = {
        (row["concept"], row["match"], IRI_FORMS[row["system"]].format(row["code"])) for row in _verified_rows()
    }
    general = re.compile(r"^http://purl\.obolibrary\.org/obo/(DOID|HP)_\d+$")  # DO/HPO terms, from data/vocab/general.tsv
    assert {m for m in _vocabulary_mappings(vocabulary) if not general.match(m[2])} == listed


def test_match_bearing_concepts_name_their_terminology_rows(vocabulary: Graph) -> None:
    general = re.compile(r"^http://purl\.obolibrary\.org/obo/(DOID|HP)_\d+$")  # mappings to the general vocabulary
    for concept in {s for s, o in vocabulary.subject_objects(SKOS.exactMatch) if not general.match(o)} | {
        s for s, o in vocabulary.subject_objects(SKOS.closeMatch) if not general.match(o)
    }:
        comment = str(vocabulary.value(concept, RDFS.comment))
        assert "terminology.md" in comment and "§" in comment, concept


def test_every_verified_code_occurs_in_terminology_sections_1_to_5() -> None:
    text = TERMINOLOGY.read_text(encoding="utf-8")
    start, end = text.index("## 1."), text.index("## 6.")
    verified = text[start:end]
    missing = [
        (row["system"], row["code"])
        for row in _verified_rows()
        if not re.search(rf"(?<![\w]){re.escape(row['code'])}(?![\w])", verified)
    ]
    assert missing == []


# ---------------------------------------------------------------- reasoning (HermiT)

needs_java = pytest.mark.skipif(which("java") is None, reason="HermiT needs a Java runtime")


@pytest.fixture(scope="module")
def inferred() -> Graph:
    from calckg.reason import reason

    result = reason(parse(ONTOLOGY_FILE, *VOCABULARY_FILES, SAMPLES_DIR / "curated-sample.ttl"), timeout_s=120)
    assert result.consistent, result.explanation
    assert result.unsatisfiable == ()
    return result.inferred


@needs_java
@pytest.mark.parametrize(
    ("individual", "expected_class"),
    [
        (CONCEPT["hydroxyapatite-microcalcification"], CK.MalignancyAssociatedDeposit),
        (CONCEPT["calcium-oxalate-microcalcification"], CK.BenignAssociatedDeposit),
        (CONCEPT["fine-pleomorphic-calcification"], CK.SuspiciousMorphology),
        (CONCEPT["grouped-distribution"], CK.SuspiciousMorphology),
        (CONCEPT["coarse-calcification"], CK.TypicallyBenignMorphology),
        (CONCEPT["ductal-carcinoma-in-situ"], CK.ImagingDetectableCondition),
        (EX["assertion-her2"], CK.QuantifiedAssertion),
        (EX["assertion-her2"], CK.StatisticallySignificantAssertion),
    ],
)
def test_reasoner_classifies_curated_claims(inferred: Graph, individual: URIRef, expected_class: URIRef) -> None:
    assert (individual, RDF.type, expected_class) in inferred


@needs_java
def test_reasoner_does_not_overclassify(inferred: Graph) -> None:
    assert (EX["assertion-not-significant"], RDF.type, CK.StatisticallySignificantAssertion) not in inferred
    assert (CONCEPT["coarse-calcification"], RDF.type, CK.SuspiciousMorphology) not in inferred


@needs_java
def test_management_order_is_transitive(inferred: Graph) -> None:
    assert (EX["step-1"], CK.precedes, EX["step-3"]) in inferred


@needs_java
def test_shipped_ontology_vocabulary_and_seed_document_graph_are_consistent(built: Graph) -> None:
    from calckg.reason import reason

    result = reason(built, timeout_s=120)
    assert result.consistent, result.explanation
    assert result.unsatisfiable == ()


@needs_java
def test_composition_of_a_substance_is_caught_as_inconsistent() -> None:
    """ck:hasComposition has domain ck:CalciumDeposit, disjoint with ck:ChemicalSubstance: misuse is reported."""
    from calckg.reason import reason

    graph = parse(ONTOLOGY_FILE, *VOCABULARY_FILES)
    graph.add((CONCEPT.hydroxyapatite, CK.hasComposition, CONCEPT.calcium))
    assert reason(graph, timeout_s=120).consistent is False
