"""`calckg answer`: exact statements and citations of retrieval answers on the seed, paraphrases, exact refusals,
structured answers from claims, hostile input, and the command's JSON shape, exit codes and build index.

Cross-article contamination has its own file (test_answer_scope.py); the pure scoring is in test_answer_scoring.py.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from calckg.answer import RETRIEVAL_KIND, answer, title_variants
from calckg.answer_credits import statement_credits, title_abbreviations
from calckg.answer_scoring import TITLE_CREDIT
from calckg.question_units import question_units
from calckg.cli.answer import answer_command
from calckg.answer_model import Answer, ReferenceEntry, Sentence, cite, to_markdown, to_text
from calckg.answer_queries import Citations, QueryRunner, compose, references_for
from calckg.pipeline import BuildResult
from calckg.question_kinds import clean_question, kind_table, normalise, rarity
from calckg.store.memory import MemoryStore
from calckg.text_index import StatementRow, build_index
from seed import SEED_IRI

CONCEPT = "https://w3id.org/calckg/concept/"
S = f"{SEED_IRI}/section/"


@pytest.fixture(scope="module")
def dataset(seed_build: BuildResult) -> Dataset:
    return seed_build.dataset


@pytest.fixture(scope="module")
def runner(dataset: Dataset) -> QueryRunner:
    """One runner (store copy and text index) for the module's questions."""
    return QueryRunner(dataset)


def ask(runner: QueryRunner, question: str) -> Answer:
    return answer(question, runner)


def statements(found: Answer) -> list[str]:
    return [s.statement.removeprefix(S) for s in found.sentences]


# -- reading the question ---------------------------------------------------------------------------------------


def test_units_are_concepts_then_stems_of_the_other_words(runner: QueryRunner) -> None:
    index = runner.text_index()
    concepts, units = question_units("What share of HER2-positive tumours have microcalcifications?", index)
    assert [(c.iri.removeprefix(CONCEPT), c.label) for c in concepts] == [
        ("her2-positive-breast-cancer", "HER2-positive breast cancer"), ("microcalcification", "microcalcification")]
    assert [(u.key.removeprefix(CONCEPT), u.words) for u in units] == [
        ("her2-positive-breast-cancer", ("HER2", "positive", "tumours")), ("microcalcification", ("microcalcifications",)),
        ("stem:share", ("share",))]


def test_word_units_carry_their_other_forms(runner: QueryRunner) -> None:
    """A number word stands for its digits, a spelling no article uses for the one the seed uses ("tumors"), and a
    stem of six letters or more for the terms it begins ("suspic*": suspicious, suspicion)."""
    index = runner.text_index()
    _, units = question_units("Are three calcifications suspicious in tumours at p = 0.031 or 0.012?", index)
    assert [(u.key.removeprefix(CONCEPT), u.forms, u.exact) for u in units] == [
        ("calcification", (), False), ("stem:three", ("3",), False), ("stem:suspici", ("suspic*",), False),
        ("stem:tumour", ("tumors", "tumou*"), False), ("stem:p", (), False), ("stem:0.031", (), True), ("stem:0.012", (), True)]


def test_a_stem_prefix_that_reaches_another_word_is_not_used() -> None:
    """"breath*" would reach "breathless" (four letters past the stem): "breath" is then looked up as it is, while
    "suspic*" reaches only suspicious and suspicion."""
    rows = [StatementRow("https://x/a", "https://x/a/s/1", 3, "Breathlessness increased."),
            StatementRow("https://x/b", "https://x/b/s/1", 3, "A breath sound is heard; suspicion rose.")]
    index = build_index({"https://x/a": "A?", "https://x/b": "B?"}, rows)
    assert index.terms_beginning("breat") == ("breath", "breathless")
    _, units = question_units("Is a suspicious breath sound positive?", index)
    assert [(u.key, u.forms) for u in units] == [
        ("stem:suspici", ("suspic*",)), ("stem:breath", ()), ("stem:sound", ()), ("stem:posit", ())]


BPH = "https://x/bph"


def test_the_short_form_an_article_defines_for_its_titles_topic_is_the_topic() -> None:
    """"What dose of tamsulosin is used for BPH?" asks about the article's topic by the short form the article
    defines for it; the dose sentence, which never writes "BPH", has it through the title (TITLE_CREDIT) as it has
    "benign prostatic hyperplasia". A short form of something the title does not write is no topic."""
    rows = [StatementRow(BPH, f"{BPH}/s/{n}", n, text) for n, text in enumerate([
        "Benign prostatic hyperplasia (BPH) narrows the urethra, and lower urinary tract symptoms (LUTS) follow.",
        "Tamsulosin 400 micrograms once daily is the most widely used alpha-blocker.",
        "In CombAT, dutasteride plus tamsulosin reduced BPH progression."], start=3)]
    index = build_index({BPH: "How is benign prostatic hyperplasia treated?"}, rows)
    assert title_abbreviations(index, 1) == ("BPH",)  # not "LUTS": the title does not write its long form
    _, units = question_units("What dose of tamsulosin is used for BPH or LUTS?", index)
    credits = statement_credits(units, index, 1)
    assert credits["stem:bph"] == {1: 1.0, 2: TITLE_CREDIT, 3: 1.0}
    assert credits["stem:lut"] == {1: 1.0}


def test_a_patients_age_is_a_word_not_a_figure_every_answer_must_state(runner: QueryRunner) -> None:
    """"my 3 year old" asks about a child, not about the figure 3 ("lasts about 3 days" is no answer); the dose
    count 2 is still a figure."""
    assert kind_table().ages("Is my 86-year-old mother or my 3 year old at risk?") == [(6, 8), (31, 32)]
    assert kind_table().ages("Give 3 years of treatment to 40 women") == []  # no age marker
    # after an age opener (age_openers): "I'm 82", "I am 82", "aged 70"; never a gestation or a decimal
    assert kind_table().ages("I have COPD and I'm 82 - is it safe?") == [(20, 22)]
    assert kind_table().ages("Are adults aged 70, I am 64, at risk?") == [(16, 18), (25, 27)]
    assert kind_table().ages("I'm 28 weeks pregnant; I am 1.5 m tall") == []
    assert kind_table().ages("I'm 6-8 weeks pregnant; children aged 6-23 months; I am 5 foot 2") == []  # no ages
    assert kind_table().age_words("I'm 45 years old and well") == [(6, 16)]  # " years old" is no topic
    _, units = question_units("Does my 3 year old need 2 doses?", runner.text_index())
    assert [(u.key, u.exact) for u in units if u.words[0].isdigit()] == [("stem:3", False), ("stem:2", True)]
    # the words that only make the number an age are no topic: "year", "old", "week" are not looked up
    _, units = question_units("Can my 6-week-old or my 3 year old have the cream?", runner.text_index())
    assert [u.label for u in units] == ["6", "3", "cream"]


def test_versus_joins_what_is_compared_and_is_no_topic(runner: QueryRunner) -> None:
    """"versus" and "vs" are stop words, as "than" is: a statement compares with "than", "compared with" or "vs",
    and asking "versus" must not lower every statement's share."""
    _, units = question_units("Mammography versus ultrasound vs MRI for calcifications?", runner.text_index())
    assert [u.key.removeprefix(CONCEPT) for u in units] == [
        "mammography", "ultrasound", "magnetic-resonance-imaging", "calcification"]


def test_negative_contractions_and_family_words_are_no_topic(runner: QueryRunner) -> None:
    """"shouldn't" leaves "shouldn" (a word no dictionary lists, so it weighed as a rare one) and "my mum" says who
    asks, not what about: "The doctors gave my mum calcium through a drip …" was refused for "mum" and "drip"."""
    _, units = question_units("Shouldn't my husband's mum or gran get calcium, and doesn't my dad?",
                              runner.text_index())
    assert [u.key.removeprefix(CONCEPT) for u in units] == ["calcium", "stem:get"]
    _, units = question_units("Should my father, grandmother or stepmother get calcium?", runner.text_index())
    assert [u.key.removeprefix(CONCEPT) for u in units] == ["calcium", "stem:get"]  # "mother" is a topic word


def test_who_acts_and_filler_adverbs_are_no_topic(runner: QueryRunner) -> None:
    """"How do doctors know …?" asks what is known, not about doctors, whom statements rarely name; "actually" and
    "definitely" only insist. Each had kept a lay question's share under the threshold ("What oxygen level should
    doctors aim for during an asthma attack?")."""
    _, units = question_units("Do doctors, clinicians or a physician actually, definitely find calcium?",
                              runner.text_index())
    assert [u.key.removeprefix(CONCEPT) for u in units] == ["calcium", "stem:find"]  # concepts first


def test_structured_cue_words_are_not_looked_up(runner: QueryRunner) -> None:
    index = runner.text_index()
    question = "Which sources support the claims about ultrasound?"
    _, units = question_units(question, index, kind_table().detect(question))
    assert [u.key.removeprefix(CONCEPT) for u in units] == ["ultrasound", "stem:support", "stem:claim"]


def test_rarity_of_english_words() -> None:
    assert (rarity("made"), rarity("survival"), rarity("nodule"), rarity("tr5")) == (0.1, 0.5433333333333333, 1.0, 1.0)


def test_structured_kind_comes_from_cue_words() -> None:
    assert kind_table().detect("Which sources support the claims about ultrasound?") == "sources"
    assert kind_table().detect("Do the figures for calcifications in DCIS agree?") == "conflicts"
    assert kind_table().detect("What are microcalcifications?") is None


def test_title_variants() -> None:
    assert title_variants("what are microcalcifications in the breast") == (
        "what are microcalcifications in the breast", "what are microcalcifications in the breast?",
        "What are microcalcifications in the breast?")


def test_normalise_question() -> None:
    question = "  What ARE\u2011microcalcifications\tin the breast?? "
    assert normalise(question) == "what are-microcalcifications in the breast"


# -- composing --------------------------------------------------------------------------------------------------


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


def test_a_lead_in_keeps_its_colon_after_its_citation_numbers() -> None:
    assert cite("Eye care measures include:", ()) == "Eye care measures include:"
    assert cite("Eye care measures include:", (1, 4)) == "Eye care measures include [1, 4]:"
    assert cite("Lithium therapy", (2,)) == "Lithium therapy [2]."


def test_the_first_bullet_of_a_list_is_read_with_its_lead_in_and_both_citations() -> None:
    first, second, lead_in = URIRef(f"{S}x/2"), URIRef(f"{S}x/3"), URIRef(f"{S}x/1")
    citations = Citations({first: (6,), second: (6,), lead_in: (2, 6)}, {}, {})
    rows = [{"statement": first, "text": "Larger and coarser", "context": "Benign calcifications tend to be:",
             "contextStatement": lead_in}, {"statement": second, "text": "Scattered"}]
    assert [(s.text, s.citations) for s in compose(rows, citations)] == [
        ("Benign calcifications tend to be: Larger and coarser [2, 6].", (2, 6)), ("Scattered [6].", (6,))]


def test_compose_reads_a_bullet_with_its_lead_in() -> None:
    statement = URIRef(f"{S}x/2")
    citations = Citations({statement: (6,)}, {}, {statement: "Benign calcifications tend to be:"})
    assert compose([{"statement": statement, "text": "Larger and coarser"}], citations)[0].text == (
        "Benign calcifications tend to be: Larger and coarser [6].")


def test_a_lead_in_is_read_once_with_the_first_of_its_bullets() -> None:
    first, second, other = URIRef(f"{S}x/2"), URIRef(f"{S}x/3"), URIRef(f"{S}y/1")
    lead_in = "For adults aged 40 to 75 years, the guideline bases the decision on 10-year risk:"
    citations = Citations({first: (1,), second: (1,), other: (3,)}, {}, {first: lead_in, second: lead_in})
    rows = [{"statement": first, "text": "Low risk, under 5%: lifestyle changes"},
            {"statement": second, "text": "High risk, 20% or more: a statin"}, {"statement": other, "text": "Other"}]
    assert [s.text for s in compose(rows, citations)] == [
        f"{lead_in} Low risk, under 5%: lifestyle changes [1].", "High risk, 20% or more: a statin [1].", "Other [3]."]


def test_renderers() -> None:
    found = Answer("Q?", True, "statistic", (), (Sentence("A [1].", (1,), "s"),),
                   (ReferenceEntry(1, "Title", "Journal", 2009, "Research"), ReferenceEntry(8)))
    assert to_text(found) == ("A [1].\n\nSources:\n[1] Title. Journal, 2009. (Research)\n"
                              "[8] (no entry in the article's reference list)\n")
    assert "**Sources**" in to_markdown(found)


# -- answers: exact statements and citations --------------------------------------------------------------------

CASES = [
    # (question, kind, statements of the answer (section/position), citation numbers)
    ("What share of HER2-positive tumours have microcalcifications?", RETRIEVAL_KIND,
     ["association-with-tumor-characteristics/2"], [5]),
    ("How common is bilateral DCIS?", RETRIEVAL_KIND, ["management-approach/2"], [7]),
    # the bullet after the best one goes on with its list, though it names no DCIS (BEST_NEIGHBOUR by its share)
    ("Is mammography better than ultrasound for DCIS?", RETRIEVAL_KIND,  # the pitfall read before the best one too
     ["mammography-as-primary-modality/1", "mammography-as-primary-modality/4", "ultrasound-limitations/1",
      "ultrasound-limitations/2", "ultrasound-limitations/3"], [1, 3, 4, 7]),
    ("What are the limitations of ultrasound for microcalcifications?", RETRIEVAL_KIND,
     ["ultrasound-limitations/1", "ultrasound-limitations/2", "ultrasound-limitations/3"], [3, 4, 7]),
    ("How many microcalcifications does mammography miss?", RETRIEVAL_KIND, ["detection-challenges/1"], [5]),
    ("Which finding had p = 0.031?", RETRIEVAL_KIND, ["association-with-tumor-characteristics/5"], [5]),
    ("What do calcifications look like in high-grade DCIS?", RETRIEVAL_KIND, ["morphology-based-on-grade/2"], [1]),
    ("What do clustered calcifications suggest?", RETRIEVAL_KIND,
     ["distribution-patterns/2", "distribution-patterns/3", "distribution-patterns/4"], [1, 6]),
    ("What is the prognostic significance of microcalcifications?", RETRIEVAL_KIND,
     ["prognostic-value/2", "prognostic-value/3", "prognostic-value/4"], [8]),
    ("How does DCIS present when it recurs?", RETRIEVAL_KIND, ["recurrence-patterns/2"], [4]),
    ("How should microcalcifications be managed?", RETRIEVAL_KIND,
     [f"management-approach/{n}" for n in range(2, 7)], [7]),
    ("Are punctate calcifications a sign of DCIS?", RETRIEVAL_KIND, ["morphology-based-on-grade/3"], [1]),
    ("What are calcium oxalate deposits usually associated with?", RETRIEVAL_KIND,
     ["definition-and-composition/3"], [2]),
    ("How sensitive is mammography for detecting microcalcifications?", RETRIEVAL_KIND,
     ["mammography-as-primary-modality/1", "mammography-as-primary-modality/2", "mammography-as-primary-modality/3",
      "ultrasound-limitations/2"], [1, 4, 7]),
    ("Which sources support the claims about ultrasound?", "sources",
     ["mammography-as-primary-modality/1", "mammography-as-primary-modality/4", "ultrasound-limitations/1",
      "ultrasound-limitations/2", "ultrasound-limitations/3"], [1, 3, 4, 7]),
    ("Do the figures for calcifications in DCIS agree?", "conflicts",
     ["clinical-significance/1", "prevalence-in-breast-cancer/2", "summary/1"],
     [1, 4]),
]


@pytest.mark.parametrize(("question", "kind", "expected", "numbers"), CASES, ids=[c[0][:50] for c in CASES])
def test_answer_has_exactly_these_statements_and_citations(runner: QueryRunner, question: str, kind: str,
                                                           expected: list[str], numbers: list[int]) -> None:
    found = ask(runner, question)
    assert found.supported, found.reason
    assert (found.kind, statements(found), [r.number for r in found.references]) == (kind, expected, numbers)
    assert all(s.citations and s.text.endswith(f"[{', '.join(map(str, s.citations))}].") for s in found.sentences)


def test_sensitivity_answer_is_the_comparison_sentence_then_the_ultrasound_one(runner: QueryRunner) -> None:
    """The second sentence speaks of detection and sensitivity only through the names of its curated claim's
    concepts ("sensitivity of ultrasound", "detection on ultrasound"): a statement is also found by what its concepts
    are called. The two statements read after the first under its heading have 0.6 of its share (NEIGHBOUR)."""
    found = ask(runner, "How sensitive is mammography for detecting microcalcifications?")
    assert found.answer == ("Mammography is the primary and most reliable tool for detecting breast microcalcifications, "
                            "with sensitivity superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection) [1]. "
                            "Standard two-view mammography (mediolateral oblique and craniocaudal) plus magnification "
                            "views are essential [7]. Magnification views are critical because standard two-view "
                            "mammography alone underestimates disease extent by two centimeters in up to 50% of cases "
                            "[7]. When DCIS with microcalcifications on mammography is evaluated by ultrasound, findings "
                            "are visible in only 80% of cases [4].")


def test_title_question_gets_the_overview(runner: QueryRunner) -> None:
    found = ask(runner, "what are microcalcifications in the breast")
    assert found.kind == "overview" and [r.number for r in found.references] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert statements(found)[:2] == ["summary/1", "definition-and-composition/1"]


PARAPHRASES = [
    ("How sensitive is mammography for detecting microcalcifications?",
     "how SENSITIVE is mammography, for detecting microcalcifications"),
    ("How should microcalcifications be managed?", "How are microcalcifications managed?"),
    ("What do clustered calcifications suggest?", "What does clustered calcification suggest?"),
    ("How common is bilateral DCIS?", "How common is bilateral ductal carcinoma in situ?"),
]


@pytest.mark.parametrize(("question", "paraphrase"), PARAPHRASES)
def test_paraphrases_get_the_same_answer(runner: QueryRunner, question: str, paraphrase: str) -> None:
    first, second = ask(runner, question), ask(runner, paraphrase)
    assert first.supported and (first.sentences, first.references) == (second.sentences, second.references)


def test_unresolved_citations_have_no_invented_title(runner: QueryRunner) -> None:
    refs = ask(runner, "What is the prognostic significance of microcalcifications?").to_dict()["references"]
    assert refs == [{"number": 8, "title": None, "container": None, "year": None, "type": None, "resolved": False}]


def test_resolved_reference_fields(runner: QueryRunner) -> None:
    refs = ask(runner, "What share of HER2-positive tumours have microcalcifications?").to_dict()["references"]
    assert refs == [{"number": 5, "title": "Breast calcifications: which are malignant?",
                     "container": "Singapore medical journal", "year": 2009, "type": "Research", "resolved": True}]


# -- refusals -------------------------------------------------------------------------------------------------

ARTICLE = "“What are microcalcifications in the breast?”"
REFUSALS = [
    ("What is the appropriate management for a patient presenting with sudden right-sided facial palsy?",
     "no article of the graph speaks of appropriate, sudden, right, sided, facial, palsy"),
    ("How do I start and dose Jardiance (empagliflozin) for an adult with type 2 diabetes?",
     "no article of the graph speaks of empagliflozin, start, dose, adult, diabetes"),
    ("What 24-hour urine calcium excretion is normal in adults?",
     "no article of the graph speaks of urine calcium, excretion, normal, adults"),
    ("When is delayed cord clamping indicated for preterm newborns?",
     "no article of the graph speaks of umbilical cord clamping, indicated, preterm, newborns"),
    ("What is the survival rate of DCIS?", "no article of the graph speaks of survival"),
    ("How should urine calcium be managed?", "no article of the graph speaks of urine calcium"),
    ("What is the prognosis of DCIS?",
     f"no statement of the article {ARTICLE} speaks of prognosis, ductal carcinoma in situ together"),
    ("What do microcalcifications in a thyroid nodule suggest?", "no article of the graph speaks of thyroid, nodule"),
    ("How common are breast arterial calcifications?",
     f"no statement of the article {ARTICLE} covers enough of the question (best share 0.306 < 0.5; not covered: "
     "arterial)"),
    ("What is the?", "the question names nothing but stop words, so there is nothing to look up in the graph"),
    ("", "the question is empty"),
]


@pytest.mark.parametrize(("question", "reason"), REFUSALS, ids=[r[0][:50] for r in REFUSALS])
def test_refusal_is_exact_and_empty(runner: QueryRunner, question: str, reason: str) -> None:
    found = ask(runner, question).to_dict()
    assert (found["supported"], found["answer"], found["sentences"], found["references"], found["reason"]) == (
        False, "", [], [], reason)


NOT_SPOKEN_OF = "no article of the graph speaks of "
HOSTILE = [  # (question, why it is refused; None: answered)
    ('x" || true) OPTIONAL { ?s ?p ?v } } #', NOT_SPOKEN_OF + "true, optional, v"),  # "x" is a word of concept names
    ('x" } ; DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <a:b> <a:b> "y',
     NOT_SPOKEN_OF + "delete, o, insert, data, b, y"),
    ("What are microcalcifications in the breast?\" } UNION { ?s ?p ?o", None),
    ("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }",
     NOT_SPOKEN_OF + "select, service, http, 169.254.169.254, o"),
    ("'; DROP ALL; # \\ > } { \u0000 \n",
     "the question names nothing specific (drop: everyday words), so no article can be told to be about it"),
    ('microcalcifications NEAR(" OR *) AND scope : a1 "', NOT_SPOKEN_OF + "near, scope, a1"),
    ("What are microcalcifications? " * 40, "the question is longer than 500 characters"),
]


@pytest.mark.parametrize(("question", "refused"), HOSTILE)
def test_hostile_question_never_changes_the_query_or_the_graph(dataset: Dataset, question: str,
                                                                refused: str | None) -> None:
    store = MemoryStore(dataset)
    before = sum(len(g) for g in dataset.graphs())
    runner = QueryRunner(store)
    benign = runner.select("title-question", {"asked": Literal("no such question", lang="en")})
    hostile = runner.select("title-question", {"asked": Literal(clean_question(question), lang="en")})
    assert hostile == benign
    found = answer(question, store)
    assert (found.supported, found.reason) == (refused is None, refused)
    if refused is None:  # the words around the quote are read as words: the seed article answers
        assert found.answer.startswith("Microcalcifications are strongly associated with specific tumor features: "
                                       "HER-2 positive tumors - 52.9% present with microcalcifications "
                                       "(p < 0.001) [5].")
    assert sum(len(g) for g in dataset.graphs()) == before


def test_long_question_is_refused_with_a_reason(runner: QueryRunner) -> None:
    found = ask(runner, "What are microcalcifications? " * 40)
    assert (found.supported, found.reason) == (False, "the question is longer than 500 characters")


# -- the command ----------------------------------------------------------------------------------------------


def _invoke(seed_build: BuildResult, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(answer_command, [*args, "--build-dir", str(seed_build.files[0].parent)])
    return result.exit_code, result.stdout


def test_command_json_shape(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "What share of HER2-positive tumours have microcalcifications?", "--format",
                        "json")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["question", "supported", "kind", "concepts", "answer", "sentences", "references",
                              "reason", "answered_part"]
    assert document["kind"] == RETRIEVAL_KIND and document["reason"] is None and document["answered_part"] is None
    assert document["concepts"][0] == {"iri": f"{CONCEPT}her2-positive-breast-cancer",
                                       "label": "HER2-positive breast cancer"}
    assert document["sentences"] == [{"text": "Microcalcifications are strongly associated with specific tumor "
                                              "features: HER-2 positive tumors - 52.9% present with "
                                              "microcalcifications (p < 0.001) [5].", "citations": [5],
                                      "statement": f"{S}association-with-tumor-characteristics/2"}]


def test_command_unsupported_exits_3(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "How do I dose empagliflozin?", "--format", "json")
    assert code == 3
    assert json.loads(out)["reason"] == "no article of the graph speaks of empagliflozin, dose"


def test_command_text_lists_sources(seed_build: BuildResult) -> None:
    code, out = _invoke(seed_build, "What share of HER2-positive tumours have microcalcifications?")
    assert code == 0
    assert out.endswith("Sources:\n[5] Breast calcifications: which are malignant? Singapore medical journal, 2009. "
                        "(Research)\n")


def test_command_reports_a_damaged_index_file(seed_build: BuildResult, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    shutil.copy(seed_build.files[0].parent / "calckg.trig", tmp_path / "calckg.trig")
    (tmp_path / "answer-index.sqlite").write_bytes(b"not a database at all")
    result = CliRunner().invoke(answer_command, ["What is DCIS?", "--build-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "answer-index.sqlite: not a calckg answer index" in result.stderr


def test_same_answers_through_an_oxigraph_store(dataset: Dataset, runner: QueryRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from calckg.store.base import named_graphs
    from calckg.store.oxigraph import OxigraphStore

    store = OxigraphStore(tmp_path / "db")
    try:
        store.replace_graphs(named_graphs(dataset))
        for question, *_ in CASES[::3]:
            assert answer(question, store) == ask(runner, question), question
    finally:
        store.close()


def test_a_chosen_lead_in_is_answered_by_its_bullets(runner: QueryRunner) -> None:
    """"Malignant calcifications are typically:" says nothing by itself: its bullets are the answer, never "…:."."""
    found = ask(runner, "What do malignant calcifications typically look like?")
    texts = [s.text for s in found.sentences]
    assert not any(text.endswith(":.") for text in texts)
    start = texts.index("Malignant calcifications are typically: Grouped or clustered [6].")
    assert texts[start:start + 4] == [  # the lead-in read once, with the first bullet
        "Malignant calcifications are typically: Grouped or clustered [6].",
        "Pleomorphic (varying shapes) [6].",
        "Fine in appearance [6].",
        "Show linear branching patterns [6].",
    ]


def test_a_conflicts_answer_says_first_that_the_figures_disagree(runner: QueryRunner) -> None:
    found = ask(runner, "Do the figures for calcifications in DCIS agree?")
    assert found.kind == "conflicts"
    assert found.answer.startswith("No: the article gives different figures for the same measure in these "
                                   "statements. ")
    assert found.to_dict()["answer"] == found.answer
