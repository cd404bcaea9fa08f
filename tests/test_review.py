"""`calckg review` and build/review.txt: each claim beside its sentence, one line each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from calckg import resources
from calckg.cli import main
from calckg.errors import InputError
from calckg.pipeline import BuildResult
from calckg.review import REVIEW_FILE, review_report
from calckg.store.memory import MemoryStore

CALCKG = str(Path(sys.executable).parent / "calckg")
MISSED = (
    "- mammography — misses — microcalcification; measures: missed on mammograms; population: microcalcifications visible on pathology; value: 52.2 "
    '(written “52.2%”); p < 0.001; hedge: –; negative cue: "missed"; cites [5]; curated\n'
    "    line 105: “An important caveat: 52.2% of microcalcifications visible on pathology are missed on mammograms "
    "(p < 0.001), highlighting the limitations even of our best imaging modality.”\n"
)
WITHOUT = (
    "- ductal carcinoma in situ — presents without — calcification; measures: without calcifications; population: mammographically evident DCIS; "
    'value: 10 (written “10%”); p –; hedge: about; negative cue: "without"; cites [1]; curated\n'
    "    line 40: “Only about 10% of mammographically evident DCIS will be without calcifications”\n"
)


@pytest.fixture(scope="module")
def report(seed_build: BuildResult) -> str:
    return review_report(MemoryStore(seed_build.dataset))


def test_the_report_lists_every_claim_beside_its_sentence(report: str) -> None:
    lines = report.splitlines()
    assert lines[0] == "What are microcalcifications in the breast? (what-are-microcalcifications-in-the-breast.txt): 65 claim(s)"
    assert sum(1 for line in lines if line.startswith("- ") and line.endswith("; curated")) == 63
    assert sum(1 for line in lines if line.startswith("- ") and line.endswith("; extracted")) == 2  # figures no curated claim uses
    assert MISSED in report and WITHOUT in report
    mineralization = next(line for line in lines if "pathological mineralization" in line)
    assert mineralization == ("- microcalcification — associated with — pathological mineralization; measures: –; population: –; "
                              'value: –; p –; hedge: likely; negative cue: "rather than" (explained in a note); '
                              "cites [2]; curated")


def test_the_build_writes_the_same_report(seed_build: BuildResult, report: str) -> None:
    written = next(path for path in seed_build.files if path.name == REVIEW_FILE)
    assert written.read_text(encoding="utf-8") == report


def test_markdown_and_article_selection(seed_build: BuildResult) -> None:
    store = MemoryStore(seed_build.dataset)
    markdown = review_report(store, "what-are-microcalcifications-in-the-breast", "markdown")
    assert markdown.startswith("## What are microcalcifications in the breast?\n\n"
                               "`what-are-microcalcifications-in-the-breast.txt` · 65 claim(s)\n")
    assert "  > line 40: Only about 10% of mammographically evident DCIS will be without calcifications\n" in markdown
    with pytest.raises(InputError) as raised:
        review_report(store, "thyroid-nodules")
    assert str(raised.value) == ("no article 'thyroid-nodules' in the graph "
                                 "(articles: what-are-microcalcifications-in-the-breast)")


def test_the_command_prints_the_report_and_exits_2_without_a_build(seed_build: BuildResult, report: str,
                                                                    tmp_path: Path) -> None:
    build_dir = next(path for path in seed_build.files if path.name == REVIEW_FILE).parent
    done = subprocess.run([CALCKG, "review", "--build-dir", str(build_dir)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == report
    missing = subprocess.run([CALCKG, "review", "--build-dir", str(tmp_path)], capture_output=True, text=True,
                             check=False)
    assert missing.returncode == 2
    assert missing.stderr.startswith("calckg: error: ")


def test_a_queries_folder_may_replace_the_review_queries_and_need_not_copy_them(seed_build: BuildResult, report: str,
                                                                              tmp_path: Path) -> None:
    """`--queries DIR` reads queries/review/*.rq from DIR when DIR has them, else the shipped ones."""
    build_dir = str(next(path for path in seed_build.files if path.name == REVIEW_FILE).parent)
    own = tmp_path / "queries"
    (own / "review").mkdir(parents=True)
    (own / "numbers.rq").write_text("SELECT ?n WHERE { VALUES ?n { 1 2 } }\n", encoding="utf-8")
    try:
        without = CliRunner().invoke(main, ["review", "--queries", str(own), "--build-dir", build_dir])
        assert (without.exit_code, without.stdout) == (0, report)
        shipped = (resources.project_root() / "queries" / "review" / "articles.rq").read_text(encoding="utf-8")
        renamed = shipped.replace("} ORDER BY", '  BIND ("own.txt" AS ?file)\n} ORDER BY').replace(
            "OPTIONAL { ?article prov:wasDerivedFrom/dcterms:identifier ?file }", "")
        (own / "review" / "articles.rq").write_text(renamed, encoding="utf-8")
        replaced = CliRunner().invoke(main, ["review", "--queries", str(own), "--build-dir", build_dir])
    finally:
        resources.configure()
    assert replaced.exit_code == 0, replaced.stderr
    first, rest = replaced.stdout.split("\n", 1)
    assert first == "What are microcalcifications in the breast? (own.txt): 65 claim(s)"
    assert rest == report.split("\n", 1)[1]


def test_a_claim_read_under_the_articles_title_says_so_in_the_report_and_on_its_page(tmp_path: Path) -> None:
    import shutil

    from calckg.pipeline import BuildOptions, build

    slug = "how-is-empagliflozin-used-in-type-2-diabetes"
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "articles" / f"{slug}.txt", sources)
    built = build(BuildOptions(sources, tmp_path / "out"), lambda message: None)
    lines = review_report(MemoryStore(built.dataset), slug).splitlines()
    at = lines.index("    line 30: “The starting dose is 10 mg once daily in the morning, with or without food.”")
    assert lines[at - 1] == (
        "- empagliflozin — reports a figure on — type 2 diabetes mellitus; measures: –; population: –; value: 10 (written “10 mg”); p –; "
        "hedge: –; polarity: positive; cites [2]; extracted (the part of its sentence that states the figure names no concept "
        "the vocabulary knows: subject and object are the article title's)")
    assert sum("are the article title's)" in line for line in lines) == 6
    # a threshold shows its comparator, a comparison its words (it has no single value)
    assert ("- empagliflozin — reports a figure on — estimated glomerular filtration rate; measures: estimated glomerular "
            "filtration rate; population: –; value: ≥ 20 "
            "(written “20 mL/min/1.73 m²”); p –; hedge: can; polarity: positive; cites [3], [6]; extracted") in lines
    assert ("- empagliflozin — reports a figure on — placebo; measures: –; population: –; value: – (written “6.4% vs 1.8%”); p –; "
            "hedge: –; polarity: positive; cites [1]; extracted") in lines
    # a result shows the p-value it carries, which is no claim of its own (method 20)
    # … and a figure on a composite outcome measures none of its parts (method 96: before, stroke)
    assert ("- myocardial infarction — reports a figure on — stroke; measures: –; population: –; value: – "
            "(written “10.5% vs 12.1%”); p = 0.04; hedge: –; polarity: positive; cites [1]; extracted") in lines
    assert [line for line in lines if "(written “p = 0.04”)" in line] == []
    # a confidence interval says what it is and which figure it is of ("0.74–0.99" alone read as a range of results
    # to the claims audits)
    assert ("- myocardial infarction — reports a figure on — stroke; measures: –; population: –; value: 0.74–0.99 "
            "(written “0.74-0.99”, the 95% CI of “hazard ratio 0.86”); p = 0.04; hedge: –; polarity: positive; "
            "cites [1]; extracted") in lines
    # an extracted claim shows the polarity it states: negative where the cue negates its clause, positive (with a
    # note) where the sentence's cue negates another part of it
    assert ("- empagliflozin — reports a figure on — estimated glomerular filtration rate; measures: estimated glomerular "
            "filtration rate; population: –; value: < 30 "
            "(written “30 mL/min/1.73 m²”); p –; hedge: –; polarity: negative (cue \"not\"); cites [2]; extracted") in lines
    assert ("- Ketoacidosis — reports a figure on — blood glucose; measures: blood glucose; population: –; value: < 250 "
            "(written “250 mg/dL”); "
            "p –; hedge: can; polarity: positive (the sentence's \"missed\" does not negate this figure: see the claim's "
            "note); cites [2]; extracted") in lines
    page = (tmp_path / "out" / "site" / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    assert page.count("The part of its sentence that states the figure names no concept the vocabulary knows: "
                      "subject and object are those of the article's title.") == 6


def test_labels_copied_into_many_graphs_give_each_claim_one_line_and_one_row(seed_build: BuildResult, report: str,
                                                                             tmp_path: Path) -> None:
    """A concept's label is copied into the graph of every article that names it, and the union of the graphs holds
    each copy: read with the claim, five labels multiplied the copies (1.5 million rows for 82 articles, 38 s). The
    claims query reads IRIs and review/labels looks each label up once, whatever the number of copies."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from calckg.queries import internal_query
    from calckg.store.base import named_graphs
    from calckg.store.oxigraph import OxigraphStore

    graphs = named_graphs(seed_build.dataset)
    labels = Graph()
    for graph in graphs.values():
        for triple in graph.triples((None, SKOS.prefLabel, None)):
            labels.add(triple)
    article = "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"
    store = OxigraphStore(tmp_path / "db")
    try:
        store.replace_graphs({**graphs, **{f"https://example.org/copies/{n}": labels for n in range(12)}})
        rows = store.select(internal_query("review/claims").text, {"article": URIRef(article)}).rows
        assert (len(rows), len({row[0] for row in rows})) == (65, 65)
        assert review_report(store) == report
    finally:
        store.close()


def test_each_figure_of_a_claim_is_one_row_of_the_figures_query(seed_build: BuildResult) -> None:
    """An OPTIONAL on the estimate of an interval or a spread, written as a pattern of its own, joined every figure
    with every surface of the store when the figure had no estimate: the review sheet of the 1,000-article benchmark
    ran past its 10-minute limit, while one article's report stayed right (its rows collapse into sets)."""
    from calckg.queries import internal_query

    store = MemoryStore(seed_build.dataset)
    article = URIRef("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast")
    rows = store.select(internal_query("review/figures").text, {"article": article}).rows
    # 24 figures of the seed's claims, two of them written "19%" (that is why the count is pinned, not a set's size)
    assert len(rows) == 24 and len({(str(claim), str(surface)) for claim, _, surface, *_ in rows}) == 23
