"""Every competency query in queries/ gives exactly its golden rows on the seed build (regenerate them with
tests/data/answers/regenerate.py after a deliberate change), and the key facts are pinned here by hand."""

from __future__ import annotations

import json
import shlex

import pytest

from calckg.pipeline import BuildResult
from calckg.queries import NamedQuery, bind_parameters, parse_param_options, shipped_queries
from calckg.results import short
from calckg.store.base import SelectResult
from calckg.store.memory import MemoryStore
from seed import ROOT, SEED_IRI

GOLDEN = ROOT / "tests" / "data" / "answers" / "query-rows"
QUERIES = sorted(shipped_queries())
S = f"{SEED_IRI}/section/"


def example_params(query: NamedQuery) -> dict[str, str]:
    words = shlex.split(query.examples[0]) if query.examples else []
    return parse_param_options(tuple(words[i + 1] for i, w in enumerate(words[:-1]) if w == "--param"))


@pytest.fixture(scope="module")
def store(seed_build: BuildResult) -> MemoryStore:
    return MemoryStore(seed_build.dataset)


def run(store: MemoryStore, name: str, **params: str) -> SelectResult:
    query = shipped_queries()[name]
    return store.select(query.text, bind_parameters(query, params or example_params(query)))


def rows(result: SelectResult, *columns: str) -> list[tuple[str, ...]]:
    index = [result.variables.index(c) for c in columns]
    return [tuple(short(row[i]) for i in index) for row in result.rows]


def test_the_shipped_competency_queries() -> None:
    assert QUERIES == [
        "article-overview", "article-references", "benign-malignant-features", "claim-references",
        "composition-types", "conflicting-figures", "definition", "detection-challenges", "distribution-patterns",
        "figures-for-concept", "imaging-limitations", "management-steps", "modality-comparison", "morphology-by-grade",
        "presentation-figures", "prognosis", "recurrence", "statement-citations", "statement-lead-ins",
        "statement-mentions", "title-question", "title-questions", "tumour-characteristics", "unresolved-citations",
    ]


@pytest.mark.parametrize("name", QUERIES)
def test_query_header_declares_question_params_example_and_every_prefix(name: str) -> None:
    query = shipped_queries()[name]
    assert query.summary and query.examples
    assert "#+ question:" in query.text
    declared = {line.split()[1].rstrip(":") for line in query.text.splitlines() if line.startswith("PREFIX")}
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith(("#", "PREFIX")))
    used = {token.split(":")[0] for token in body.replace("(", " ").replace(")", " ").split()
            if ":" in token and not token.startswith(("<", '"', "?")) and token.split(":")[0].isalpha()}
    assert used <= declared, f"undeclared prefixes {used - declared}"
    assert {p.name for p in query.params} == set(example_params(query))


@pytest.mark.parametrize("name", QUERIES)
def test_query_rows_equal_golden(store: MemoryStore, name: str) -> None:
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    result = run(store, name, **golden["params"])
    assert list(result.variables) == golden["variables"]
    assert sorted([short(term) for term in row] for row in result.rows) == golden["rows"]


def test_management_steps_in_order(store: MemoryStore) -> None:
    assert rows(run(store, "management-steps"), "step", "action") == [
        ("1", "bilateral mammography"),
        ("2", "ipsilateral breast evaluation"),
        ("3", "stereotactic core needle biopsy"),
        ("4", "specimen radiography"),
        ("5", "surgical excision"),
    ]


def test_dcis_presentation_figures(store: MemoryStore) -> None:
    found = set(rows(run(store, "presentation-figures"), "statement", "figure"))
    assert found == {(f"{S}summary/1", "73-98%"), (f"{S}clinical-significance/1", "75-98%"),
                     (f"{S}prevalence-in-breast-cancer/2", "80%"), (f"{S}prevalence-in-breast-cancer/3", "10%")}


def test_her2_figure_keeps_its_p_value(store: MemoryStore) -> None:
    result = run(store, "presentation-figures", concept="concept:her2-positive-breast-cancer")
    assert set(rows(result, "figureType", "figure")) == {("ck:Percentage", "52.9%"), ("ck:PValue", "p < 0.001")}


def test_tumour_characteristics_with_p_values(store: MemoryStore) -> None:
    assert sorted(set(rows(run(store, "tumour-characteristics"), "characteristic", "pValue"))) == [
        ("HER2-positive breast cancer", "p < 0.001"),
        ("heterogeneously dense breast", "p = 0.031"),
        ("invasive ductal carcinoma", "p = 0.001"),
        ("multifocal disease", "p = 0.044"),
        ("perimenopausal status", "p = 0.012"),
    ]


def test_modality_comparison_figures(store: MemoryStore) -> None:
    assert sorted(set(rows(run(store, "modality-comparison"), "outcome", "figureType", "figure"))) == [
        ("BI-RADS 5", "ck:Percentage", "33%"), ("BI-RADS 5", "ck:Percentage", "87%"),
        ("sensitivity", "ck:Comparison", "55% vs. 47%"), ("sensitivity", "ck:PValue", "P < 0.01"),
    ]


def test_unresolved_citations_are_7_and_8(store: MemoryStore) -> None:
    numbers = [n for (n,) in rows(run(store, "unresolved-citations"), "number")]
    assert numbers == ["7"] * 8 + ["8"] * 3


def test_conflicting_figures_for_dcis_calcifications(store: MemoryStore) -> None:
    pairs = {tuple(sorted(pair)) for pair in rows(run(store, "conflicting-figures"), "figure", "otherFigure")}
    assert pairs == {("73-98%", "75-98%"), ("73-98%", "80%"), ("10%", "73-98%"), ("75-98%", "80%"),
                     ("10%", "75-98%"), ("10%", "80%")}


def test_title_question_matches_the_title_as_written(store: MemoryStore) -> None:
    assert rows(run(store, "title-question", asked="What are microcalcifications in the breast?"), "article") == [
        (SEED_IRI,)]
    assert run(store, "title-question", asked="What are microcalcifications?").rows == ()


def test_golden_files_match_the_shipped_queries() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == QUERIES
