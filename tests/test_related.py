"""Related questions: which of the seed's related questions are linked and why, free-text ranking, the JSON and
graph outputs, and the partial-credit rules on a tiny vocabulary.

Scores are pinned to two decimals (abs 0.005): specificity weights come from the whole vocabulary tree, so adding a
concept elsewhere may move the third decimal; which questions are linked and their shared concepts are exact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from calckg.errors import InputError
from calckg.export import FORMATS
from calckg.ids import ArticleIris
from calckg.model import Article
from calckg.namespaces import CK, CONCEPT, DEFAULT_BASE_IRI
from calckg.datasets import add_reference_graphs, document_dataset
from calckg.pipeline import DATASET_FILE
from calckg.related import (
    THRESHOLD,
    ConceptSpace,
    RelatedIndex,
    RelatedResult,
    coverage,
    dice,
    rank_related,
    related_document,
    related_links_graph,
    shipped_concept_space,
)
from calckg.cli.related import related_command
from calckg.resources import ontology_dir
from calckg.store import named_graphs, open_store
from calckg.store.memory import MemoryStore
from calckg.vocabulary import default_matcher
from seed import SEED_IRI

# the seed's related questions, by the start of their wording
BREAST_CALCIFICATIONS = "What are breast calcifications in women"
DISTINCTION = "What is the distinction between microcalcifications"
VAGINAL_ESTROGEN = "What are the considerations for a 55-year-old female"
MACROCALCIFICATION = "How to approach a 20-year-old female"
ASYMMETRY = "What are the next steps for a patient with a small asymmetry"
FACIAL_PALSY = "What is the appropriate management for a patient presenting with sudden right-sided facial palsy"
ECMO = "In an adult (18‑70) with severe reversible respiratory failure"
ANTIHYPERTENSIVE = "What is the recommended stepwise antihypertensive regimen"
URINE_CALCIUM = "What 24‑hour urine calcium excretion is normal"
EMPAGLIFLOZIN = "How do I start and dose Jardiance (empagliflozin)"
CORD_CLAMPING = "When is delayed cord clamping indicated"

LINKED_SCORES = {BREAST_CALCIFICATIONS: 0.688, DISTINCTION: 0.578, ASYMMETRY: 0.527, VAGINAL_ESTROGEN: 0.432,
                 MACROCALCIFICATION: 0.377}
NOT_LINKED = [FACIAL_PALSY, ECMO, ANTIHYPERTENSIVE, URINE_CALCIUM, EMPAGLIFLOZIN, CORD_CLAMPING]
FREE_TEXT = "How are breast calcifications in older women evaluated?"
NONSENSE = "Is the weather on Mars nicer in July?"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")  # rdflib's XSD object trips pytest's collector


@pytest.fixture(scope="module")
def dataset(seed_article: Article) -> Dataset:
    """The seed's graph as the build makes it before reasoning and validation (mentions + vocabulary)."""
    graph = document_dataset((seed_article,), DEFAULT_BASE_IRI, default_matcher())
    add_reference_graphs(graph)
    return graph


@pytest.fixture(scope="module")
def seed_result(dataset: Dataset) -> RelatedResult:
    return rank_related(None, MemoryStore(dataset))


def _by_start(result: RelatedResult, start: str):  # type: ignore[no-untyped-def]
    found = [q for q in result.related if q.question.startswith(start)]
    assert len(found) == 1, start
    return found[0]


# ---------------------------------------------------------------- the seed article


def test_exactly_the_five_breast_questions_are_linked_in_score_order(seed_result: RelatedResult) -> None:
    assert seed_result.question == "What are microcalcifications in the breast?"
    linked = [(q.question, q.score) for q in seed_result.linked]
    assert [text for text, _ in linked] == [_by_start(seed_result, s).question for s in LINKED_SCORES]
    for (_, score), expected in zip(linked, LINKED_SCORES.values(), strict=True):
        assert score == pytest.approx(expected, abs=0.005)
    assert len(seed_result.related) == 11


@pytest.mark.parametrize("start", NOT_LINKED)
def test_non_breast_questions_are_not_linked(seed_result: RelatedResult, start: str) -> None:
    ranked = _by_start(seed_result, start)
    assert (ranked.linked, ranked.score, ranked.shared) == (False, 0.0, ())


def test_urine_calcium_shares_a_word_but_no_concept(dataset: Dataset, seed_result: RelatedResult) -> None:
    """The article mentions calcium ("small crystals of calcium"); the question names urine calcium, a top concept
    with nothing above or below it, so nothing connects the two."""
    graph = dataset.graph(URIRef(SEED_IRI))
    urine = _by_start(seed_result, URINE_CALCIUM)
    assert set(graph.objects(urine.iri, URIRef("https://schema.org/mentions"))) == {CONCEPT["urine-calcium"]}
    assert "calcium" in seed_result.profile
    assert not urine.linked and urine.shared == ()


@pytest.mark.parametrize(
    ("start", "shared"),
    [
        (BREAST_CALCIFICATIONS, ["breast calcification"]),
        (DISTINCTION, ["breast microcalcification", "benign condition", "mammographic finding"]),
        (VAGINAL_ESTROGEN, ["benign calcification", "treatment"]),
        (MACROCALCIFICATION, ["breast", "calcification", "medical imaging"]),
        (ASYMMETRY, ["asymmetry", "mediolateral oblique view", "benign condition", "mammographic finding", "breast"]),
    ],
)
def test_shared_concepts_explain_each_link(seed_result: RelatedResult, start: str, shared: list[str]) -> None:
    assert list(_by_start(seed_result, start).shared_concepts) == shared


def test_partial_matches_say_which_concept_they_went_through(seed_result: RelatedResult) -> None:
    by_label = {m.label: m for m in _by_start(seed_result, MACROCALCIFICATION).shared}
    assert (by_label["calcification"].credit, by_label["calcification"].via) == (0.5, "macrocalcification")
    assert (by_label["medical imaging"].credit, by_label["medical imaging"].via) == (
        0.25, "high-resolution computed tomography")


# ---------------------------------------------------------------- free text


def test_free_text_question_ranks_the_matching_questions(dataset: Dataset) -> None:
    result = rank_related(FREE_TEXT, MemoryStore(dataset))
    assert result.concepts == ("breast calcification",)
    top = [(q.question.split(",")[0], q.score, q.linked, q.shared_concepts) for q in result.related[:2]]
    assert top == [
        ("What are breast calcifications in women", 1.0, True, ("breast calcification",)),
        ("What are microcalcifications in the breast?", 0.5, True, ("breast calcification",)),
    ]
    assert [q.score for q in result.related] == sorted((q.score for q in result.related), reverse=True)
    assert all(0 < q.score <= 1 for q in result.related)


def test_free_text_leaves_out_the_question_itself(dataset: Dataset) -> None:
    result = rank_related("What are microcalcifications in the BREAST?", MemoryStore(dataset))
    assert "What are microcalcifications in the breast?" not in [q.question for q in result.related]


def test_nonsense_question_names_no_concept_and_relates_to_nothing(dataset: Dataset) -> None:
    result = rank_related(NONSENSE, MemoryStore(dataset))
    assert (result.supported, result.concepts, result.related) == (False, (), ())


def test_an_index_ranks_like_the_store_and_is_reusable(dataset: Dataset) -> None:
    view = Dataset(store=dataset.store)
    index = RelatedIndex.from_store(view)
    assert view.default_union is False  # a Dataset handed in (the build's) is read, not reconfigured
    assert index.rank(FREE_TEXT) == rank_related(FREE_TEXT, MemoryStore(dataset))
    assert len(index.rank(FREE_TEXT, limit=1).related) == 1


# ---------------------------------------------------------------- outputs


def test_json_has_exactly_the_contract_shape(seed_result: RelatedResult) -> None:
    document = json.loads(related_document(seed_result))
    assert set(document) == {"question", "related"}
    assert document["question"] == "What are microcalcifications in the breast?"
    for item in document["related"]:
        assert set(item) == {"question", "score", "linked", "shared_concepts"}
        assert isinstance(item["score"], float) and isinstance(item["linked"], bool)
        assert item["linked"] == (item["score"] >= THRESHOLD and bool(item["shared_concepts"]))
        assert all(isinstance(label, str) for label in item["shared_concepts"])
    scores = [item["score"] for item in document["related"]]
    assert scores == sorted(scores, reverse=True)


def test_several_results_make_an_array(seed_result: RelatedResult) -> None:
    assert json.loads(related_document([seed_result, seed_result])) == [json.loads(related_document(seed_result))] * 2


def test_output_is_deterministic_and_the_same_on_oxigraph(dataset: Dataset, seed_result: RelatedResult,
                                                          tmp_path: Path) -> None:
    again = rank_related(None, MemoryStore(dataset))
    assert related_document(again) == related_document(seed_result)
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    try:
        store.replace_graphs(named_graphs(dataset))
        assert rank_related(None, store) == seed_result
        assert rank_related(FREE_TEXT, store) == rank_related(FREE_TEXT, MemoryStore(dataset))
    finally:
        store.close()


def test_links_graph_records_score_and_shared_concepts(seed_result: RelatedResult, seed_article: Article) -> None:
    graph = related_links_graph(seed_result, URIRef(SEED_IRI))
    question = URIRef(f"{SEED_IRI}/question")
    related = {q.text: iri for q, iri in ArticleIris(seed_article).related_questions().items()}
    target = related[_by_start(seed_result, BREAST_CALCIFICATIONS).question]
    link = URIRef(f"{SEED_IRI}/related-link/{target.rsplit('/', 1)[-1]}")
    assert set(graph.subjects(RDF.type, CK.RelatedQuestionLink)) == {
        URIRef(f"{SEED_IRI}/related-link/{related[q.question].rsplit('/', 1)[-1]}") for q in seed_result.linked}
    assert set(graph.objects(question, CK.linkedQuestion)) == {related[q.question] for q in seed_result.linked}
    assert set(graph.predicate_objects(link)) == {
        (RDF.type, CK.RelatedQuestionLink),
        (CK.fromQuestion, question),
        (CK.toQuestion, target),
        (CK.score, Literal("0.683", datatype=XSD_DECIMAL)),  # 0.684 before the 16 core concepts of method 86
        (CK.sharedConcept, CONCEPT["breast-calcification"]),
    }


def test_links_use_only_declared_ontology_terms(seed_result: RelatedResult) -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl", format="turtle")
    used = {t for triple in related_links_graph(seed_result, URIRef(SEED_IRI)) for t in triple
            if isinstance(t, URIRef) and t.startswith(str(CK))}
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    declared = {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}
    assert used - declared == set()


def test_free_text_result_has_no_links_to_record(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="article-mode"):
        related_links_graph(rank_related(FREE_TEXT, MemoryStore(dataset)), URIRef(SEED_IRI))


# ---------------------------------------------------------------- choosing the article


def test_several_articles_need_an_article(dataset: Dataset, seed_article: Article) -> None:
    both = document_dataset((seed_article,), "https://example.org/other/", default_matcher())
    for graph in dataset.graphs():
        both.graph(graph.identifier).__iadd__(graph)
    with pytest.raises(InputError, match="the graph has 2 articles: name one with --article"):
        rank_related(None, MemoryStore(both))
    assert rank_related(None, MemoryStore(both), article=SEED_IRI).question_iri == URIRef(f"{SEED_IRI}/question")


def test_unknown_article_slug_is_an_input_error(dataset: Dataset) -> None:
    with pytest.raises(InputError, match="no article with slug 'nope'"):
        rank_related(None, MemoryStore(dataset), article="nope")


# ---------------------------------------------------------------- the rules, on a tiny tree


def _space() -> ConceptSpace:
    """calcification > breast-calcification > breast-microcalcification > hydroxyapatite-microcalcification;
    calcification > macrocalcification; urine-calcium alone."""
    names = ["calcification", "breast-calcification", "breast-microcalcification",
             "hydroxyapatite-microcalcification", "macrocalcification", "urine-calcium"]
    edges = [("breast-calcification", "calcification"), ("breast-microcalcification", "breast-calcification"),
             ("hydroxyapatite-microcalcification", "breast-microcalcification"),
             ("macrocalcification", "calcification")]
    return ConceptSpace.from_edges(((CONCEPT[n], n.replace("-", " ")) for n in names),
                                   ((CONCEPT[a], CONCEPT[b]) for a, b in edges))


@pytest.mark.parametrize(
    ("question", "profile", "credit"),
    [
        ("breast-microcalcification", "breast-microcalcification", 1.0),
        ("breast-microcalcification", "breast-calcification", 0.5),  # one step up
        ("breast-calcification", "hydroxyapatite-microcalcification", 0.25),  # two steps down
        ("hydroxyapatite-microcalcification", "calcification", 0.0),  # three steps: too far
        ("macrocalcification", "breast-calcification", 0.0),  # siblings under a top concept: never sideways
        ("urine-calcium", "calcification", 0.0),
    ],
)
def test_partial_credit(question: str, profile: str, credit: float) -> None:
    score, _ = coverage(frozenset({CONCEPT[question]}), frozenset({CONCEPT[profile]}), _space())
    assert score == credit


def test_dice_is_symmetric_and_one_for_the_same_concepts() -> None:
    space = _space()
    a = frozenset({CONCEPT["breast-microcalcification"], CONCEPT["macrocalcification"]})
    b = frozenset({CONCEPT["breast-calcification"]})
    assert dice(a, b, space)[0] == dice(b, a, space)[0]
    assert dice(a, a, space)[0] == 1.0


@pytest.mark.parametrize(
    ("general", "specific"),
    [("breast", "breast-calcification"), ("calcification", "microcalcification"),
     ("breast-calcification", "breast-microcalcification"), ("calcium", "vaginal-estrogen-therapy")],
)
def test_generic_concepts_weigh_less(general: str, specific: str) -> None:
    space = shipped_concept_space()
    assert space.weight(CONCEPT[general]) < space.weight(CONCEPT[specific])


# ---------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def build_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("related-build")
    (out / DATASET_FILE).write_bytes(FORMATS["trig"][1](dataset))
    return out


def _run(build_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(related_command, [*args, "--build-dir", str(build_dir)])
    return result.exit_code, result.stdout, result.stderr


def test_command_json_for_the_article(build_dir: Path, seed_result: RelatedResult) -> None:
    code, stdout, _ = _run(build_dir, "--format", "json")
    assert code == 0
    assert stdout.encode("utf-8") == related_document(seed_result)


def test_command_text_shows_score_and_why(build_dir: Path) -> None:
    code, stdout, _ = _run(build_dir, FREE_TEXT)
    assert code == 0
    assert "  1.000  linked  What are breast calcifications in women, particularly those over 40 years old?" in stdout
    assert "shared: breast calcification (½, via breast microcalcification)" in stdout


def test_command_exits_3_for_a_question_the_graph_cannot_relate(build_dir: Path) -> None:
    code, stdout, stderr = _run(build_dir, NONSENSE, "--format", "json")
    assert code == 3
    assert json.loads(stdout) == {"question": NONSENSE, "related": []}
    assert "not supported by the graph" in stderr


def test_command_without_a_built_graph_exits_2(tmp_path: Path) -> None:
    code, _, stderr = _run(tmp_path)
    assert code == 2
    assert "run `calckg build` first" in stderr


# ---------------------------------------------------------------- specific shared meaning


THYROID = Path(__file__).parent / "data" / "answers" / "articles" / "thyroid-nodule-ultrasound.txt"


def test_related_questions_of_another_topic_article() -> None:
    """The TI-RADS question links on the specific "malignancy risk" (general vocabulary), not on "malignancy"."""
    from calckg.ingest import parse_article, read_source

    source = read_source(THYROID)
    thyroid = document_dataset((parse_article(source.path, source.text),), DEFAULT_BASE_IRI, default_matcher())
    add_reference_graphs(thyroid)
    result = rank_related(None, MemoryStore(thyroid))
    assert [(q.question, q.score, q.linked, q.shared_concepts) for q in result.related] == [
        ("What do microcalcifications in a breast mammogram suggest?", 0.448, True, ("microcalcification",)),
        ("What is the malignancy risk of a TI-RADS 4 nodule?", 0.424, True, ("malignancy risk",)),
    ]


def test_link_rule_needs_specific_shared_concepts() -> None:
    from calckg.related_scoring import MIN_SHARED_SPECIFICITY, Match, is_linked

    space = shipped_concept_space()
    malignancy, dcis = CONCEPT["malignancy"], CONCEPT["ductal-carcinoma-in-situ"]
    assert (round(space.weight(malignancy), 3), round(space.weight(dcis), 3), MIN_SHARED_SPECIFICITY) == (
        0.244, 0.74, 0.45)  # weights follow the vocabulary's size (0.243 and 0.739 before the 6 measures of critical
    # care of 2026-12-05, tenth session; 0.242 and 0.738 before its 6 trial outcomes; 0.24 and 0.737 before the 16 core concepts of the eighth; 0.235 and 0.733 before
    # the 30 of the seventh; 0.234 and 0.732 before three measures)
    assert not is_linked(1.0, [Match(malignancy, "malignancy", 1.0, malignancy, malignancy)], space)
    assert is_linked(0.35, [Match(dcis, "ductal carcinoma in situ", 1.0, dcis, dcis)], space)
    assert not is_linked(0.349, [Match(dcis, "ductal carcinoma in situ", 1.0, dcis, dcis)], space)


def test_question_words_outside_concepts_weigh_by_rarity() -> None:
    from calckg.related import question_words

    assert question_words("What is the malignancy risk of a TI-RADS 4 nodule?") == {
        "ti": 0.35833333333333334, "rad": 0.5, "4": 0.5, "nodul": 0.5}
