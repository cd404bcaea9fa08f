"""`calckg answer`: each pipeline step, ≥25 phrasings with their facts and citation numbers, out-of-scope
refusals, hostile input, and the command's JSON shape and exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from calckg.answer import (
    Citations,
    QueryRunner,
    answer,
    compose,
    references_for,
    run_step,
    title_variants,
    understand,
)
from calckg.cli.answer import answer_command
from calckg.answer_model import Answer, ReferenceEntry, Sentence, cite, to_markdown, to_text
from calckg.pipeline import BuildResult
from calckg.question_kinds import QueryStep, clean_question, kind_table, normalise
from calckg.store.memory import MemoryStore
from seed import SEED_IRI

CONCEPT = "https://w3id.org/calckg/concept/"
S = f"{SEED_IRI}/section/"


@pytest.fixture(scope="module")
def dataset(seed_build: BuildResult) -> Dataset:
    return seed_build.dataset


def ask(dataset: Dataset, question: str) -> Answer:
    return answer(question, dataset)


# -- step by step ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "kind"), [
    ("How often does DCIS show calcifications on mammograms?", "statistic"),
    ("What share of HER2-positive tumours have microcalcifications?", "statistic"),
    ("Is mammography better than ultrasound for DCIS?", "modality-comparison"),
    ("How should microcalcifications be managed?", "management"),
    ("When DCIS recurs, how does it present?", "recurrence"),
    ("What are microcalcifications?", "definition"),
    ("Tell me about microcalcifications", "definition"),
])
def test_kind_comes_from_cue_words(question: str, kind: str) -> None:
    assert kind_table().detect(question) == kind


def test_understand_names_concepts_in_order_with_preferred_labels() -> None:
    understood = understand("What share of HER2-positive tumours have microcalcifications?")
    assert [(c.iri.removeprefix(CONCEPT), c.label) for c in understood.concepts] == [
        ("her2-positive-breast-cancer", "HER2-positive breast cancer"), ("microcalcification", "microcalcification")]


def test_title_variants() -> None:
    assert title_variants("what are microcalcifications in the breast") == (
        "what are microcalcifications in the breast", "what are microcalcifications in the breast?",
        "What are microcalcifications in the breast?")


def test_normalise_question() -> None:
    question = "  What ARE\u2011microcalcifications\tin the breast?? "
    assert normalise(question) == "what are-microcalcifications in the breast"


def test_run_step_keeps_claims_matching_the_most_concepts(dataset: Dataset) -> None:
    concepts = understand("What share of HER2-positive tumours have microcalcifications?").concepts
    rows = run_step(QueryRunner(dataset), QueryStep("presentation-figures", "concept", "outcome", 2), concepts)
    assert {str(r["statement"]) for r in rows} == {f"{S}association-with-tumor-characteristics/2"}


def test_run_step_needs_the_measured_outcome_named(dataset: Dataset) -> None:
    """"survival rate of DCIS": DCIS is the population of many figures but the measure of none."""
    concepts = understand("What is the survival rate of DCIS?").concepts
    step = QueryStep("figures-for-concept", "concept", "outcome", 2)
    assert run_step(QueryRunner(dataset), step, concepts) == []


def test_cite_moves_the_full_stop_after_the_numbers() -> None:
    assert cite("Sentence ends here.", (2, 3)) == "Sentence ends here [2, 3]."
    assert cite("A bullet", (7,)) == "A bullet [7]."


def test_compose_and_references_keep_unresolved_numbers() -> None:
    statement = URIRef(f"{S}x/1")
    citations = Citations({statement: (3, 7)}, {3: ReferenceEntry(3, "T", "C", 1997, "Research"),
                                                  7: ReferenceEntry(7)})
    sentences = compose([{"statement": statement, "text": "Text."}], citations)
    assert sentences == (Sentence("Text [3, 7].", (3, 7), str(statement)),)
    refs = references_for(sentences, citations)
    assert [(r.number, r.title, r.resolved) for r in refs] == [(3, "T", True), (7, None, False)]


def test_compose_reads_a_bullet_with_its_lead_in() -> None:
    statement = URIRef(f"{S}x/2")
    citations = Citations({statement: (6,)}, {}, {statement: "Benign calcifications tend to be:"})
    assert compose([{"statement": statement, "text": "Larger and coarser"}], citations)[0].text == (
        "Benign calcifications tend to be: Larger and coarser [6].")


def test_renderers() -> None:
    found = Answer("Q?", True, "statistic", (), (Sentence("A [1].", (1,), "s"),),
                   (ReferenceEntry(1, "Title", "Journal", 2009, "Research"), ReferenceEntry(8)))
    assert to_text(found) == ("A [1].\n\nSources:\n[1] Title. Journal, 2009. (Research)\n"
                              "[8] (no entry in the article's reference list)\n")
    assert "**Sources**" in to_markdown(found)


# -- phrasings ------------------------------------------------------------------------------------------------

CASES = [
    # (question, kind, facts that must appear, citation numbers of the answer)
    ("What are microcalcifications in the breast?", "overview",
     ["tiny calcium deposits", "73-98%", "52.9%", "55% vs. 47%", "Obtain bilateral mammography"],
     [1, 2, 3, 4, 5, 6, 7, 8]),
    ("what are microcalcifications in the breast", "overview", ["tiny calcium deposits"], [1, 2, 3, 4, 5, 6, 7, 8]),
    ("What are microcalcifications?", "definition", ["small crystals of calcium", "tiny calcium deposits"], [1, 2, 3]),
    ("Define breast microcalcifications", "definition", ["small crystals of calcium"], [1, 2, 3]),
    ("What are microcalcifications made of?", "composition",
     ["Calcium oxalate - typically associated with benign conditions",
      "Hydroxyapatite - primarily associated with malignancy",
      "Hydroxyapatite with magnesium"],
     [1, 2, 3]),
    ("Which types of microcalcification are benign and which are malignant?", "composition",
     ["Calcium oxalate", "Hydroxyapatite - primarily associated with malignancy"], [1, 2, 3]),
    ("How often does DCIS show calcifications on mammograms?", "statistic",
     ["80% of cases [1]", "73-98% of cases [1]", "75-98% of cases", "10% of mammographically evident DCIS"], [1, 4]),
    ("How common are calcifications in ductal carcinoma in situ?", "statistic", ["80%", "73-98%", "75-98%"], [1, 4]),
    ("What share of HER2-positive tumours have microcalcifications?", "statistic",
     ["52.9% present with microcalcifications (p < 0.001) [5]"], [5]),
    ("What percentage of HER2 positive tumors present with microcalcifications?", "statistic",
     ["52.9%", "(p < 0.001)"], [5]),
    ("What share of patients with microcalcifications are peri-menopausal?", "statistic",
     ["64% of patients with microcalcifications are peri-menopausal", "(p = 0.012) [5]"], [5]),
    ("How common is bilateral DCIS?", "statistic", ["bilateral DCIS occurs in approximately 19% of cases [7]"], [7]),
    ("Is mammography better than ultrasound for DCIS?", "modality-comparison",
     ["55% vs. 47%, P < 0.01", "BI-RADS 5", "(87%)", "(33%) [1]"], [1]),
    ("Mammography versus ultrasound for DCIS: which is more sensitive?", "modality-comparison",
     ["55% vs. 47%", "87%", "33%"], [1]),
    ("What are the limitations of ultrasound for microcalcifications?", "detection-limits",
     ["ultrasound cannot reliably detect microcalcifications", "Current ultrasound scanners do not reliably detect"],
     [3, 7]),
    ("How many microcalcifications does mammography miss?", "detection-limits",
     ["52.2% of microcalcifications visible on pathology are missed on mammograms (p < 0.001)"], [5]),
    ("What do calcifications look like in high-grade DCIS?", "morphology",
     ["fine pleomorphic or fine-linear branching calcifications [1]"], [1]),
    ("How does the appearance of calcifications differ by DCIS grade?", "morphology",
     ["High-grade DCIS", "Low and intermediate-grade DCIS - typically show round/punctate", "Approximately half"], [1]),
    ("What do clustered calcifications suggest?", "distribution",
     ["Grouped or clustered distribution is typical of malignancy [6]", "Linear branching patterns suggest"], [1, 6]),
    ("How can benign calcifications be told apart from malignant ones?", "benign-vs-malignant",
     ["Benign calcifications tend to be: Larger and coarser [6]", "Malignant calcifications are typically: Pleomorphic",
      "More rounded and uniform in density [1]"], [1, 6]),
    ("Which tumour characteristics are associated with microcalcifications?", "association",
     ["(p < 0.001)", "(p = 0.001)", "(p = 0.012)", "(p = 0.031)", "(p = 0.044)"], [5]),
    ("What is the prognostic significance of microcalcifications?", "prognosis",
     ["independent negative prognostic marker [8]", "unfavorable prognosis [8]", "extent of surgical intervention"],
     [8]),
    ("How does DCIS present when it recurs?", "recurrence",
     ["75% of recurrences present as microcalcifications [4]", "In 80% of patients", "In 94% of cases"], [4]),
    ("How should microcalcifications be managed?", "management",
     ["Obtain bilateral mammography", "Examine the entire ipsilateral breast", "Stereotactic core needle biopsy",
      "Specimen radiography", "Leave some microcalcifications at the biopsy site"], [7]),
    ("What are the next steps when suspicious calcifications are found?", "management",
     ["Stereotactic core needle biopsy is the initial approach"], [7]),
    ("Which sources support the claims about ultrasound?", "sources", ["ultrasound cannot reliably detect"],
     [1, 3, 4, 7]),
    ("Do the figures for calcifications in DCIS agree?", "conflicts", ["73-98%", "75-98%", "80%", "10%"], [1, 4]),
]


@pytest.mark.parametrize(("question", "kind", "facts", "numbers"), CASES, ids=[c[0][:50] for c in CASES])
def test_phrasing_is_answered_with_its_facts_and_citations(dataset: Dataset, question: str, kind: str,
                                                           facts: list[str], numbers: list[int]) -> None:
    found = ask(dataset, question)
    assert found.supported, found.reason
    assert found.kind == kind
    for fact in facts:
        assert fact in found.answer
    assert [r.number for r in found.references] == numbers
    assert all(s.citations and s.text.endswith(f"[{', '.join(map(str, s.citations))}].") for s in found.sentences)
    assert all(s.statement.startswith(S) for s in found.sentences)


def test_management_steps_keep_their_order(dataset: Dataset) -> None:
    texts = [s.statement.removeprefix(S) for s in ask(dataset, "How should microcalcifications be managed?").sentences]
    assert texts == [f"management-approach/{n}" for n in range(2, 7)]


def test_unresolved_citations_have_no_invented_title(dataset: Dataset) -> None:
    refs = ask(dataset, "What is the prognostic significance of microcalcifications?").to_dict()["references"]
    assert refs == [{"number": 8, "title": None, "container": None, "year": None, "type": None, "resolved": False}]


def test_resolved_reference_fields(dataset: Dataset) -> None:
    refs = ask(dataset, "What share of HER2-positive tumours have microcalcifications?").to_dict()["references"]
    assert refs == [{"number": 5, "title": "Breast calcifications: which are malignant?",
                     "container": "Singapore medical journal", "year": 2009, "type": "Research", "resolved": True}]


# -- refusals -------------------------------------------------------------------------------------------------

OUT_OF_SCOPE = [
    "What is the appropriate management for a patient presenting with sudden right-sided facial palsy?",
    "How do I start and dose Jardiance (empagliflozin) for an adult with type 2 diabetes?",
    "What 24-hour urine calcium excretion is normal in adults?",
    "How should veno-venous ECMO pump flow and sweep gas be managed?",
    "When is delayed cord clamping indicated for preterm newborns?",
    "What is the survival rate of DCIS?",
    "How should urine calcium be managed?",
    "What is the prognosis of DCIS?",
    "",
]


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_is_refused_without_an_answer(dataset: Dataset, question: str) -> None:
    found = ask(dataset, question).to_dict()
    assert found["supported"] is False
    assert found["answer"] == "" and found["sentences"] == [] and found["references"] == []
    assert found["reason"]


HOSTILE = [
    'x" || true) OPTIONAL { ?s ?p ?v } } #',
    'x" } ; DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <a:b> <a:b> "y',
    "What are microcalcifications in the breast?\" } UNION { ?s ?p ?o",
    "SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }",
    "'; DROP ALL; # \\ > } { \u0000 \n",
    "What are microcalcifications? " * 40,
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_question_never_changes_the_query_or_the_graph(dataset: Dataset, question: str) -> None:
    store = MemoryStore(dataset)
    before = sum(len(g) for g in dataset.graphs())
    runner = QueryRunner(store)
    benign = runner.select("title-question", {"asked": Literal("no such question", lang="en")})
    hostile = runner.select("title-question", {"asked": Literal(clean_question(question), lang="en")})
    assert hostile == benign
    found = answer(question, store)
    assert isinstance(found.supported, bool)
    assert sum(len(g) for g in dataset.graphs()) == before


def test_long_question_is_refused_with_a_reason(dataset: Dataset) -> None:
    found = ask(dataset, "What are microcalcifications? " * 40)
    assert not found.supported and "longer than" in (found.reason or "")


# -- the command ----------------------------------------------------------------------------------------------


def _invoke(seed_build: BuildResult, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(answer_command, [*args, "--build-dir", str(seed_build.files[0].parent)])
    return result.exit_code, result.stdout


def test_command_json_shape(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "How often does DCIS show calcifications on mammograms?", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["question", "supported", "kind", "concepts", "answer", "sentences", "references",
                              "reason"]
    assert document["kind"] == "statistic" and document["reason"] is None
    assert document["concepts"][0] == {"iri": f"{CONCEPT}ductal-carcinoma-in-situ", "label": "ductal carcinoma in situ"}
    assert [r["number"] for r in document["references"]] == [1, 4]


def test_command_unsupported_exits_3(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "How do I dose empagliflozin?", "--format", "json")
    assert code == 3
    assert json.loads(out)["supported"] is False


def test_command_text_lists_sources(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "What share of HER2-positive tumours have microcalcifications?")
    assert code == 0
    assert out.endswith("Sources:\n[5] Breast calcifications: which are malignant? Singapore medical journal, 2009. "
                        "(Research)\n")


def test_same_answers_through_an_oxigraph_store(dataset: Dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from calckg.store.base import named_graphs
    from calckg.store.oxigraph import OxigraphStore

    store = OxigraphStore(tmp_path / "db")
    try:
        store.replace_graphs(named_graphs(dataset))
        for question, *_ in CASES[::3]:
            assert answer(question, store) == ask(dataset, question), question
    finally:
        store.close()
