"""The site stage without a browser: determinism, incremental pages, stale pages, highlighting, the server."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from calckg.errors import InputError
from calckg.pipeline import BuildOptions, build
from calckg.site.graph_data import Concept
from calckg.site.highlight import find_spans
from calckg.site.render import code_name, shape_words
from calckg.site.server import site_server
from seed import SEED

from browser import free_port

SECOND = Path(__file__).resolve().parents[1] / "data" / "articles" / "how-are-thyroid-nodules-evaluated.txt"
SECOND_SLUG = "how-are-thyroid-nodules-evaluated"


def _sources(folder: Path, changed: bool = False) -> Path:
    """The seed and an illustrative test article; `changed` edits one sentence of the latter."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    text = SECOND.read_text(encoding="utf-8")
    if changed:
        text = text.replace("Most thyroid nodules are benign.", "Most thyroid nodules are benign, as a rule.", 1)
    (folder / "second.txt").write_text(text, encoding="utf-8")
    return folder


def _build(sources: Path, out: Path) -> list[str]:
    messages: list[str] = []
    build(BuildOptions(sources, out, reason=False), messages.append)
    return messages


def _site(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / "site").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    root = tmp_path_factory.mktemp("site")
    sources = _sources(root / "sources")
    _build(sources, root / "a")
    _build(sources, root / "b")
    again = _build(sources, root / "a")
    return root / "a", root / "b", again


def test_unchanged_input_gives_byte_identical_pages(two_builds) -> None:
    first, second, _ = two_builds
    pages = _site(first)
    assert pages == _site(second)
    assert sorted(p for p in pages if p.startswith("site/articles/")) == [
        f"site/articles/{SECOND_SLUG}.html",
        "site/articles/what-are-microcalcifications-in-the-breast.html"]
    assert {"site/index.html", "site/static/site.css", "site/static/sort.js",
            "site/concepts/ductal-carcinoma-in-situ.html"} <= set(pages)


def test_one_changed_article_rerenders_only_its_page_and_stale_pages_go(two_builds, tmp_path: Path) -> None:
    first, _, _ = two_builds
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = _site(out)
    messages = _build(_sources(tmp_path / "sources", changed=True), out)
    assert [m.split(" (")[0] for m in messages if m.startswith("site:")] == [
        "site: 2 article page(s), 1 rendered, 1 unchanged"]
    after = _site(out)
    seed_page = "site/articles/what-are-microcalcifications-in-the-breast.html"
    changed_page = f"site/articles/{SECOND_SLUG}.html"
    assert after[seed_page] == before[seed_page]
    assert b", as a rule." in after[changed_page]
    assert b", as a rule." not in before[changed_page]
    (tmp_path / "sources" / "second.txt").unlink()
    _build(tmp_path / "sources", out)
    assert not (out / changed_page).exists() and (out / seed_page).is_file()


def test_unchanged_rebuild_renders_nothing(two_builds) -> None:
    _, _, second = two_builds
    assert [m.split(" (")[0] for m in second if m.startswith("site:")] == [
        "site: 2 article page(s), 0 rendered, 2 unchanged"]


def test_spans_of_figures_and_mentions() -> None:
    dcis = Concept("urn:x:dcis", "ductal carcinoma in situ", ("DCIS",), (), "")
    calcification = Concept("urn:x:calc", "calcification", (), (), "")
    text = "DCIS presents as calcifications in approximately 80% of cases; dcis is lower case"
    spans = find_spans(text, [{"surface": "80%"}], [dcis, calcification])
    assert [(text[s.start:s.end], s.kind) for s in spans] == [
        ("DCIS", "mention"), ("calcifications", "mention"), ("80%", "figure")]


def test_a_british_spelling_of_an_american_label_is_marked() -> None:
    """The general vocabulary's matcher reads "hyperkalaemia" as HPO's Hyperkalemia (calckg.lexicon); the site marks
    the word the statement writes, and a concept one of whose labels is written as it is keeps only that one."""
    high = Concept("urn:x:hk", "Hyperkalemia", ("Elevated serum potassium levels",), (), "")
    text = "Severe hyperkalaemia and oesophageal tumours"
    tumor = Concept("urn:x:tumor", "esophageal tumor", (), (), "")
    assert [(text[s.start:s.end], s.kind) for s in find_spans(text, [], [high, tumor])] == [
        ("hyperkalaemia", "mention"), ("oesophageal tumours", "mention")]
    both = "hyperkalaemia, or hyperkalemia"
    assert [both[s.start:s.end] for s in find_spans(both, [], [high])] == ["hyperkalemia"]


def test_code_names_and_shape_words() -> None:
    assert code_name("http://purl.obolibrary.org/obo/NCIT_C2924") == "NCIt C2924"
    assert code_name("http://snomed.info/id/189336000") == "SNOMED CT 189336000"
    assert code_name("https://example.org/other/1") == "https://example.org/other/1"
    assert shape_words("CitationResolvesShape") == "Citation resolves"
    assert shape_words("SHACLCheckShape") == "SHACL check"


def test_server_serves_files_only(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "index.html").write_text("<p>index</p>", encoding="utf-8")
    port = free_port()
    lines: list[str] = []
    with site_server(tmp_path, port, echo=lines.append):
        base = f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(base, timeout=10) as response:
            assert response.read() == b"<p>index</p>"
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        for path, method, status in (("articles/", "GET", 404), ("../../etc/hostname", "GET", 404), ("index.html", "POST", 405)):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(urllib.request.Request(base + path, method=method, data=b"" if method == "POST"
                                                              else None), timeout=10)  # fmt: skip
            assert error.value.code == status, path
    assert lines == [f"Review site: http://127.0.0.1:{port}/"]


def test_server_busy_port_and_missing_site(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    port = free_port()
    with site_server(tmp_path, port, echo=lambda _: None):
        with pytest.raises(InputError, match=f"port {port} on 127.0.0.1 is in use; choose another with --site-port"):
            with site_server(tmp_path, port, echo=lambda _: None):
                pass
    lines: list[str] = []
    with site_server(tmp_path / "nothing", port, echo=lines.append) as server:
        assert server is None
    assert lines == [f"Review site: none ({tmp_path / 'nothing'} has no index.html; run `calckg build` to make it)"]


def test_an_answer_to_part_of_a_question_says_so_on_the_page() -> None:
    from calckg.site.article_page import _answer_view
    from calckg.site.render import render

    entry = {"question": "How sensitive is mammography, and how long does a scar take to heal?", "supported": True,
             "answered_part": "How sensitive is mammography?", "sentences": [{"text": "It is [1].", "statement": "x"}]}
    whole = {**entry, "answered_part": None, "question": "How sensitive is mammography?"}
    page = render("article.html", page={"answers": [_answer_view(entry, {}), _answer_view(whole, {})]},
                  root="../").decode("utf-8")
    assert page.count("Only this part of the question is answered: “How sensitive is mammography?”") == 1
    assert "It is [1]." in page


def test_a_claim_shows_its_own_figure_not_the_p_value_it_carries() -> None:
    """Figure-extraction method 20 lists a result's p-value among its claim's statistics; the page shows the result
    ("14%"), with the p-value as its p ("p = 0.04" had been shown as the figure of the 14% claim)."""
    from calckg.ids import ArticleIris
    from calckg.ingest import parse_article, read_source
    from calckg.namespaces import DEFAULT_BASE_IRI
    from calckg.pipeline import article_graphs
    from calckg.site.graph_data import _claims, select, store_of
    from calckg.vocabulary import default_linker

    articles = Path(__file__).parents[1] / "data" / "articles"
    source = read_source(articles / "how-is-empagliflozin-used-in-type-2-diabetes.txt")
    article = parse_article(source.path, source.text)
    graph, extracted = article_graphs(article, DEFAULT_BASE_IRI, default_linker())
    iri = str(ArticleIris(article, DEFAULT_BASE_IRI).root)
    store = store_of({iri: graph.serialize(format="nt", encoding="utf-8"),
                      f"{iri}/extracted": extracted.serialize(format="nt", encoding="utf-8")})
    claims = _claims(select(store, "claims"), iri, {})
    shown = sorted((c["surface"], c["p_value"]) for c in claims
                   if c["label"].startswith("The primary outcome of cardiovascular death"))
    assert shown == [("0.74-0.99", "0.04"), ("10.5% vs 12.1%", "0.04"), ("14%", "0.04"), ("hazard ratio 0.86", "0.04")]


def test_a_general_vocabulary_concept_has_its_label_definition_and_code_on_its_page(two_builds) -> None:
    """The general vocabulary's concepts (DO, HPO, DrugBank, MAxO) are declared in the graph of the article that
    mentions them, not in the vocabulary graph: their pages showed the slug ("hp 0025388") and no code before."""
    first, _, _ = two_builds
    page = (first / "site" / "concepts" / "hp-0025388.html").read_text(encoding="utf-8")
    assert "<h1>Thyroid nodule</h1>" in page and "hp 0025388" not in page
    assert "A nodular lesion that develops in the thyroid gland." in page and "HPO 0025388" in " ".join(page.split())
