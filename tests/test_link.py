"""calckg.link: the deterministic concept matcher, on exact cases and on the seed article."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from calckg.link import ConceptMatch, ConceptMatcher, LabelConflict
from calckg.model import Article
from calckg.namespaces import CONCEPT
from calckg.packs import load_packs
from calckg.vocabulary import default_matcher, load_vocabulary


@pytest.fixture(scope="module")
def matcher() -> ConceptMatcher:
    return default_matcher()


def found(matcher: ConceptMatcher, text: str) -> list[tuple[str, str]]:
    """(concept slug, matched text) for every match, in order."""
    return [(str(m.concept).removeprefix(str(CONCEPT)), text[m.start : m.end]) for m in matcher.match(text)]


CASES = [
    ("HER-2 positive tumors", [("her2-positive-breast-cancer", "HER-2 positive tumors")]),
    ("HER2-positive tumour", [("her2-positive-breast-cancer", "HER2-positive tumour")]),
    ("Breast calcifications", [("breast-calcification", "Breast calcifications")]),
    ("Microcalcifications are tiny", [("microcalcification", "Microcalcifications")]),
    ("one microcalcification", [("microcalcification", "microcalcification")]),
    ("fine pleomorphic calcifications", [("fine-pleomorphic-calcification", "fine pleomorphic calcifications")]),
    (
        "fine-linear branching calcifications",
        [("fine-linear-branching-calcification", "fine-linear branching calcifications")],
    ),
    ("fine linear branching", [("fine-linear-branching-calcification", "fine linear branching")]),
    ("fine\u2011linear calcification", [("fine-linear-calcification", "fine\u2011linear calcification")]),
    ("calcium oxalate", [("calcium-oxalate", "calcium oxalate")]),
    ("Hydroxyapatite with magnesium", [("magnesium-hydroxyapatite", "Hydroxyapatite with magnesium")]),
    ("tiny calcium deposits", [("calcification", "calcium deposits")]),
    ("24\u2011hour urine calcium excretion", [("urine-calcium", "24\u2011hour urine calcium")]),
    ("Current ultrasound scanners", [("ultrasound", "ultrasound")]),
    ("US-guided biopsy", [("ultrasound", "US"), ("biopsy", "biopsy")]),
    ("DCIS with necrosis", [("dcis-with-necrosis", "DCIS with necrosis")]),
    ("High-grade DCIS", [("high-grade-dcis", "High-grade DCIS")]),
    (
        "BI-RADS 5 (highly suggestive of malignancy)",
        [("bi-rads-5", "BI-RADS 5"), ("bi-rads-5", "highly suggestive of malignancy")],
    ),
    (
        "Medial-Lateral Oblique (MLO) view",
        [("mediolateral-oblique-view", "Medial-Lateral Oblique"), ("mediolateral-oblique-view", "MLO")],
    ),
    (
        "mediolateral oblique and craniocaudal",
        [("mediolateral-oblique-view", "mediolateral oblique"), ("craniocaudal-view", "craniocaudal")],
    ),
    ("Peri-menopausal status", [("perimenopausal-status", "Peri-menopausal status")]),
    ("perimenopausal women", [("perimenopausal-status", "perimenopausal")]),
    ("Heterogeneous breast density", [("heterogeneously-dense-breast", "Heterogeneous breast density")]),
    ("Invasive ductal carcinomas", [("invasive-ductal-carcinoma", "Invasive ductal carcinomas")]),
    ("early invasive breast cancers", [("early-invasive-breast-cancer", "early invasive breast cancers")]),
    ("Stereotactic core needle biopsy", [("stereotactic-core-needle-biopsy", "Stereotactic core needle biopsy")]),
    ("stereotactic biopsies", [("stereotactic-core-needle-biopsy", "stereotactic biopsies")]),
    ("rim calcifications", [("rim-calcification", "rim calcifications")]),
    ("fibrocystic changes", [("fibrocystic-change", "fibrocystic changes")]),
    ("small asymmetries", [("asymmetry", "asymmetries")]),
    ("vaginal topical estrogen", [("vaginal-estrogen-therapy", "vaginal topical estrogen")]),
    ("recurrent tumor calcifications", [("recurrence", "recurrent tumor"), ("calcification", "calcifications")]),
    ("casting-type microcalcifications", [("fine-linear-calcification", "casting-type microcalcifications")]),
    # the head of a hyphenated compound still names its concept; its tail does not (below)
    ("microcalcification-associated DCIS",
     [("microcalcification", "microcalcification"), ("ductal-carcinoma-in-situ", "DCIS")]),
    ("high-sensitivity assay and sensitivity", [("sensitivity", "sensitivity")]),
    (
        "Grouped or clustered distribution",
        [("grouped-distribution", "Grouped"), ("grouped-distribution", "clustered distribution")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_exact_matches(matcher: ConceptMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "send us the results",  # "us" is not US (ultrasound)
        "5 cc of saline",  # "cc" is not CC (craniocaudal view)
        "hypocalciuric hypercalcemia",  # no partial words
        "dcis",  # short abbreviations are case-sensitive
        "a fine day",  # bare "fine" is not a morphology
        "segmental pulmonary embolism",  # bare "segmental" is not a distribution
        "high-sensitivity assay",  # the tail of a hyphenated compound is no concept of its own
        "prednisone",  # another drug than prednisolone (the general vocabulary's DrugBank entry names it)
        "non\u2011benign",
        "an extra US$ 2,000",  # a currency, not US (ultrasound): fresh-ag's claims audit
    ],
)
def test_no_match(matcher: ConceptMatcher, text: str) -> None:
    assert matcher.match(text) == ()


def test_urine_calcium_is_not_breast_calcification(matcher: ConceptMatcher) -> None:
    text = "What 24\u2011hour urine calcium excretion is normal in adults and what level supports hyperparathyroidism?"
    concepts = matcher.concepts(text)
    assert concepts == {CONCEPT["urine-calcium"]}
    assert CONCEPT["breast-calcification"] not in concepts and CONCEPT.calcification not in concepts


def test_calcium_alone_is_the_element(matcher: ConceptMatcher) -> None:
    assert found(matcher, "small crystals of calcium") == [("calcium", "calcium")]


def test_match_reports_the_vocabulary_label_and_exact_offsets(matcher: ConceptMatcher) -> None:
    text = "On the CC view, HER2 status"
    matches = matcher.match(text)
    assert matches == (
        ConceptMatch(CONCEPT["craniocaudal-view"], "CC view", 7, 14),
        ConceptMatch(CONCEPT.her2, "HER2", 16, 20),
    )


def test_non_breaking_space_and_hyphen_variants(matcher: ConceptMatcher) -> None:
    for text in ("breast\u00a0calcification", "breast-calcification", "breast \u2013 calcification"):
        assert matcher.concepts(text) == {CONCEPT["breast-calcification"]}, text


@pytest.mark.parametrize("separator", [" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "-", " - ", "\u00ad",
                                       "\u2010", "\u2011", "\u2012", "\u2013", " \u2013 "])
def test_every_space_and_hyphen_separates_the_words_of_a_label(matcher: ConceptMatcher, separator: str) -> None:
    """The text is matched with its spaces and hyphens written in one form each, one character for one."""
    text = f"In the breast{separator}calcification: TI-RADS"
    assert found(matcher, text)[:1] == [("breast-calcification", f"breast{separator}calcification")]
    assert matcher.match(text)[0].start == len("In the ")


def test_a_dash_that_is_no_hyphen_separates_no_label_words(matcher: ConceptMatcher) -> None:
    assert CONCEPT["breast-calcification"] not in matcher.concepts("breast\u2014calcification")  # em dash
    for hyphen in ("\u2010", "\u2011"):  # a compound's tail names no concept, whichever hyphen joins it
        assert matcher.match(f"high{hyphen}sensitivity assay") == ()
    assert found(matcher, "40\u2013sensitivity") == [("sensitivity", "sensitivity")]  # an en dash joins no compound


def test_changed_length_when_lowercased_still_gives_right_offsets(matcher: ConceptMatcher) -> None:
    text = "\u0130zmir: breast cancer"  # "İ".lower() is two code points
    (match,) = matcher.match(text)
    assert (match.concept, text[match.start : match.end]) == (CONCEPT["breast-cancer"], "breast cancer")


# ---------------------------------------------------------------- the seed article


def test_every_statement_line_of_the_seed_article_mentions_a_concept(
    matcher: ConceptMatcher, seed_article: Article
) -> None:
    by_line: dict[int, set[URIRef]] = defaultdict(set)
    for _, statement in seed_article.statements:
        by_line[statement.line] |= matcher.concepts(statement.text)
    assert by_line
    assert [line for line, concepts in sorted(by_line.items()) if not concepts] == []


def test_only_the_bare_lead_in_of_the_seed_article_has_no_concept(
    matcher: ConceptMatcher, seed_article: Article
) -> None:
    without = [s.text for _, s in seed_article.statements if not matcher.match(s.text)]
    assert without == ["The primary types include:"]


def test_matches_are_sorted_non_overlapping_and_faithful(matcher: ConceptMatcher, seed_article: Article) -> None:
    for _, statement in seed_article.statements:
        matches = matcher.match(statement.text)
        assert [m.start for m in matches] == sorted(m.start for m in matches)
        for before, after in zip(matches, matches[1:], strict=False):
            assert before.end <= after.start
        for m in matches:
            assert 0 <= m.start < m.end <= len(statement.text)


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        ("What are breast calcifications in women, particularly those over 40 years old?", "breast-calcification"),
        ("…microcalcifications within the breast and fibrocystic (fibrocystic change) or fibrous masses?", "fibrocystic-change"),
        ("…High-Resolution Computed Tomography (HRCT) suggesting left breast macrocalcification?", "macrocalcification"),
        ("…implant displacement, and benign rim calcifications on the Medial-Lateral Oblique (MLO) view", "rim-calcification"),
    ],
)
def test_related_questions_are_linked(matcher: ConceptMatcher, question: str, concept: str) -> None:
    assert CONCEPT[concept] in matcher.concepts(question)


def test_unrelated_questions_share_no_breast_concept(matcher: ConceptMatcher, seed_article: Article) -> None:
    unrelated = [q.text for q in seed_article.related_questions if "facial palsy" in q.text or "Jardiance" in q.text]
    assert len(unrelated) == 2
    breast = set(load_packs()[0].vocabulary.subjects(RDF.type, SKOS.Concept))
    assert [m.concept for text in unrelated for m in matcher.match(text) if m.concept in breast] == []
    assert [m.concept for text in unrelated for m in matcher.match(text)] == [  # core concepts only
        CONCEPT.empagliflozin, CONCEPT.empagliflozin, CONCEPT["estimated-glomerular-filtration-rate"]]


# ---------------------------------------------------------------- building a matcher


def _vocabulary(*concepts: tuple[str, str, tuple[str, ...]]) -> Graph:
    graph = Graph()
    for slug, pref, alts in concepts:
        graph.add((CONCEPT[slug], RDF.type, SKOS.Concept))
        graph.add((CONCEPT[slug], SKOS.prefLabel, Literal(pref, lang="en")))
        for alt in alts:
            graph.add((CONCEPT[slug], SKOS.altLabel, Literal(alt, lang="en")))
    return graph


def test_two_concepts_sharing_a_label_are_rejected() -> None:
    graph = _vocabulary(("ultrasound", "ultrasound", ("sonography",)), ("echo", "echography", ("Sonographies",)))
    with pytest.raises(LabelConflict, match="sonograph"):
        ConceptMatcher.from_graph(graph)


def test_non_english_labels_are_ignored() -> None:
    graph = _vocabulary(("breast", "breast", ()))
    graph.add((CONCEPT.breast, SKOS.altLabel, Literal("sein", lang="fr")))
    assert ConceptMatcher.from_graph(graph).match("le sein") == ()


def test_an_empty_vocabulary_matches_nothing() -> None:
    assert ConceptMatcher.from_graph(Graph()).match("breast calcification") == ()


def test_shipped_vocabulary_loads_without_conflicts() -> None:
    vocabulary = load_vocabulary()
    matcher = ConceptMatcher.from_graph(vocabulary)
    assert len(matcher) > len(set(vocabulary.subjects(RDF.type, SKOS.Concept)))
