"""Every competency query in queries/ gives exactly its golden rows on the seed build (regenerate them with
tests/data/answers/regenerate.py after a deliberate change), and the key facts are pinned here by hand."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from calckg.pipeline import BuildResult
from calckg import resources
from calckg.queries import (NamedQuery, bind_parameters, internal_query, parse_param_options, parse_query_file,
                            shipped_queries)
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
        ("5", "microcalcification"),  # left in place at the biopsy site: no treatment is recommended
    ]


def test_dcis_presentation_figures(store: MemoryStore) -> None:
    found = set(rows(run(store, "presentation-figures"), "statement", "figure"))
    assert found == {(f"{S}summary/1", "73-98%"), (f"{S}clinical-significance/1", "75-98%"),
                     (f"{S}prevalence-in-breast-cancer/2", "80%")}  # "10% … without calcifications" is not one


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
        ("sensitivity", "ck:Comparison", "55% vs. 47%"), ("sensitivity", "ck:PValue", "P < 0.01"),
    ]


def test_unresolved_citations_are_7_and_8(store: MemoryStore) -> None:
    numbers = [n for (n,) in rows(run(store, "unresolved-citations"), "number")]
    assert numbers == ["7"] * 8 + ["8"] * 3


def test_conflicting_figures_for_dcis_calcifications(store: MemoryStore) -> None:
    pairs = {tuple(sorted(pair)) for pair in rows(run(store, "conflicting-figures"), "figure", "otherFigure")}
    assert pairs == {("73-98%", "75-98%"), ("73-98%", "80%"), ("75-98%", "80%")}


def test_title_question_matches_the_title_as_written(store: MemoryStore) -> None:
    assert rows(run(store, "title-question", asked="What are microcalcifications in the breast?"), "article") == [
        (SEED_IRI,)]
    assert run(store, "title-question", asked="What are microcalcifications?").rows == ()


def test_golden_files_match_the_shipped_queries() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == QUERIES


def test_every_other_query_is_a_file_in_a_sub_folder_with_a_summary() -> None:
    """calckg's own queries live in sub-folders of queries/ (so `calckg query` does not list them), each with a
    `#+ summary:` read by the one header parser."""
    folder = resources.queries_dir()
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["answers", "qc", "related", "review", "site",
                                                                      "stats"]
    assert [p.name for p in sorted(folder.rglob("*.rq")) if not parse_query_file(p).summary] == []
    assert internal_query("review/claims").params[0].name == "article"


def test_a_queries_folder_replaces_calckgs_own_query_only_where_it_has_the_file(tmp_path: Path) -> None:
    shipped = internal_query("stats/triple-count")
    (tmp_path / "stats").mkdir()
    (tmp_path / "stats" / "class-counts.rq").write_text("#+ summary: own\nSELECT ?class ?n WHERE {}\n",
                                                         encoding="utf-8")
    try:
        resources.configure(queries=tmp_path)
        assert internal_query("stats/class-counts").summary == "own"
        assert internal_query("stats/triple-count") == shipped
        assert internal_query("title-question").path == resources.project_root() / "queries" / "title-question.rq"
        assert shipped_queries() == {}
    finally:
        resources.configure()
