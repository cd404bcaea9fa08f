"""The seed article's parse, pinned: sections, statements, citations, numbers, references, related questions."""

from __future__ import annotations

from datetime import date

import pytest

from calckg.model import Article

EXPECTED_SECTIONS = [
    ("summary", 1, None, "What Are Microcalcifications in the Breast?"),
    ("definition-and-composition", 2, None, "Definition and Composition"),
    ("clinical-significance", 2, None, "Clinical Significance"),
    ("prevalence-in-breast-cancer", 2, None, "Prevalence in Breast Cancer"),
    ("association-with-tumor-characteristics", 2, None, "Association with Tumor Characteristics"),
    ("mammographic-appearance-and-classification", 2, None, "Mammographic Appearance and Classification"),
    ("morphology-based-on-grade", 3, "mammographic-appearance-and-classification", "Morphology Based on Grade"),
    ("distribution-patterns", 3, "mammographic-appearance-and-classification", "Distribution Patterns"),
    ("benign-vs-malignant-features", 3, "mammographic-appearance-and-classification", "Benign vs. Malignant Features"),
    ("detection-and-imaging", 2, None, "Detection and Imaging"),
    ("mammography-as-primary-modality", 3, "detection-and-imaging", "Mammography as Primary Modality"),
    ("ultrasound-limitations", 3, "detection-and-imaging", "Ultrasound Limitations"),
    ("detection-challenges", 3, "detection-and-imaging", "Detection Challenges"),
    ("clinical-implications", 2, None, "Clinical Implications"),
    ("prognostic-value", 3, "clinical-implications", "Prognostic Value"),
    ("recurrence-patterns", 3, "clinical-implications", "Recurrence Patterns"),
    ("management-approach", 3, "clinical-implications", "Management Approach"),
]

EXPECTED_STATEMENTS = [
    ('summary', 1, 'sentence', 20, (1,), 'Microcalcifications are tiny calcium deposits'),
    ('definition-and-composition', 1, 'sentence', 24, (2, 3), 'Microcalcifications are small crystals of cal'),
    ('definition-and-composition', 2, 'lead-in', 24, (), 'The primary types include:'),
    ('definition-and-composition', 3, 'bullet', 26, (2,), 'Calcium oxalate - typically associated with b'),
    ('definition-and-composition', 4, 'bullet', 27, (2,), 'Hydroxyapatite - primarily associated with ma'),
    ('definition-and-composition', 5, 'bullet', 28, (2,), 'Hydroxyapatite with magnesium - also associat'),
    ('definition-and-composition', 6, 'sentence', 30, (2,), 'These deposits likely represent an active pat'),
    ('clinical-significance', 1, 'sentence', 34, (4,), 'Microcalcifications are the predominant mammo'),
    ('prevalence-in-breast-cancer', 1, 'bullet', 38, (5,), 'Approximately 30-38% of early invasive breast'),
    ('prevalence-in-breast-cancer', 2, 'bullet', 39, (1,), 'DCIS presents as mammographically identified '),
    ('prevalence-in-breast-cancer', 3, 'bullet', 40, (1,), 'Only about 10% of mammographically evident DC'),
    ('association-with-tumor-characteristics', 1, 'lead-in', 44, (), 'Microcalcifications are strongly associated w'),
    ('association-with-tumor-characteristics', 2, 'bullet', 46, (5,), 'HER-2 positive tumors - 52.9% present with mi'),
    ('association-with-tumor-characteristics', 3, 'bullet', 47, (5,), 'Invasive ductal carcinomas - 40.9% present wi'),
    ('association-with-tumor-characteristics', 4, 'bullet', 48, (5,), 'Peri-menopausal status - 64% of patients with'),
    ('association-with-tumor-characteristics', 5, 'bullet', 49, (5,), 'Heterogeneous breast density - significantly '),
    ('association-with-tumor-characteristics', 6, 'bullet', 50, (5,), 'Multifocal disease - more likely to present w'),
    ('morphology-based-on-grade', 1, 'lead-in', 56, (), 'The appearance of microcalcifications provide'),
    ('morphology-based-on-grade', 2, 'bullet', 58, (1,), 'High-grade DCIS and DCIS with necrosis - appe'),
    ('morphology-based-on-grade', 3, 'bullet', 59, (1,), 'Low and intermediate-grade DCIS - typically s'),
    ('morphology-based-on-grade', 4, 'bullet', 60, (1,), 'Approximately half of DCIS calcifications dem'),
    ('distribution-patterns', 1, 'lead-in', 64, (), 'The shape and distribution of calcification c'),
    ('distribution-patterns', 2, 'bullet', 66, (1,), 'Irregular or triangular cluster shapes are mo'),
    ('distribution-patterns', 3, 'bullet', 67, (6,), 'Grouped or clustered distribution is typical '),
    ('distribution-patterns', 4, 'bullet', 68, (6,), 'Linear branching patterns suggest involvement'),
    ('benign-vs-malignant-features', 1, 'lead-in', 72, (), 'Benign calcifications tend to be:'),
    ('benign-vs-malignant-features', 2, 'bullet', 74, (6,), 'Larger and coarser'),
    ('benign-vs-malignant-features', 3, 'bullet', 75, (1,), 'More rounded and uniform in density'),
    ('benign-vs-malignant-features', 4, 'bullet', 76, (6,), 'Scattered or diffusely distributed'),
    ('benign-vs-malignant-features', 5, 'bullet', 77, (6,), 'Have smooth margins'),
    ('benign-vs-malignant-features', 6, 'lead-in', 79, (), 'Malignant calcifications are typically:'),
    ('benign-vs-malignant-features', 7, 'bullet', 81, (6,), 'Grouped or clustered'),
    ('benign-vs-malignant-features', 8, 'bullet', 82, (6,), 'Pleomorphic (varying shapes)'),
    ('benign-vs-malignant-features', 9, 'bullet', 83, (6,), 'Fine in appearance'),
    ('benign-vs-malignant-features', 10, 'bullet', 84, (6,), 'Show linear branching patterns'),
    ('mammography-as-primary-modality', 1, 'sentence', 90, (1,), 'Mammography is the primary and most reliable '),
    ('mammography-as-primary-modality', 2, 'bullet', 92, (7,), 'Standard two-view mammography (mediolateral o'),
    ('mammography-as-primary-modality', 3, 'bullet', 93, (7,), 'Magnification views are critical because stan'),
    ('mammography-as-primary-modality', 4, 'bullet', 94, (1,), 'Suspicious calcifications in isolated DCIS ar'),
    ('ultrasound-limitations', 1, 'sentence', 98, (7, 3), 'A critical pitfall: ultrasound cannot reliabl'),
    ('ultrasound-limitations', 2, 'bullet', 100, (4,), 'When DCIS with microcalcifications on mammogr'),
    ('ultrasound-limitations', 3, 'bullet', 101, (3,), 'Current ultrasound scanners do not reliably d'),
    ('detection-challenges', 1, 'sentence', 105, (5,), 'An important caveat: 52.2% of microcalcificat'),
    ('prognostic-value', 1, 'lead-in', 111, (), 'Certain microcalcification patterns carry pro'),
    ('prognostic-value', 2, 'bullet', 113, (8,), 'Duct-centric, casting-type microcalcification'),
    ('prognostic-value', 3, 'bullet', 114, (8,), 'Microcalcifications are associated with negat'),
    ('prognostic-value', 4, 'bullet', 115, (8,), 'The presence of microcalcifications often aff'),
    ('recurrence-patterns', 1, 'lead-in', 119, (), 'Understanding recurrence patterns is clinical'),
    ('recurrence-patterns', 2, 'bullet', 121, (4,), 'When DCIS recurs after treatment, 75% of recu'),
    ('recurrence-patterns', 3, 'bullet', 122, (4,), 'In 80% of patients whose initial DCIS present'),
    ('recurrence-patterns', 4, 'bullet', 123, (4,), 'In 94% of cases, recurrent tumor calcificatio'),
    ('management-approach', 1, 'lead-in', 127, (), 'When microcalcifications are detected:'),
    ('management-approach', 2, 'bullet', 129, (7,), 'Obtain bilateral mammography to evaluate the '),
    ('management-approach', 3, 'bullet', 130, (7,), 'Examine the entire ipsilateral breast to iden'),
    ('management-approach', 4, 'bullet', 131, (7,), 'Stereotactic core needle biopsy is the initia'),
    ('management-approach', 5, 'bullet', 132, (7,), 'Specimen radiography must confirm retrieval o'),
    ('management-approach', 6, 'bullet', 133, (7,), 'Leave some microcalcifications at the biopsy '),
]
EXPECTED_STATISTICS = [
    ('summary', 1, 'percentage-range', '73-98%', None, '73', '98', None, None, 'percent', ()),
    ('clinical-significance', 1, 'percentage-range', '75-98%', None, '75', '98', None, 'approximately', 'percent', ()),
    ('prevalence-in-breast-cancer', 1, 'percentage-range', '30-38%', None, '30', '38', None, 'approximately', 'percent', ()),
    ('prevalence-in-breast-cancer', 2, 'percentage', '80%', '80', None, None, None, 'approximately', 'percent', ()),
    ('prevalence-in-breast-cancer', 3, 'percentage', '10%', '10', None, None, None, 'only about', 'percent', ()),
    ('association-with-tumor-characteristics', 2, 'percentage', '52.9%', '52.9', None, None, None, None, 'percent', ()),
    ('association-with-tumor-characteristics', 2, 'p-value', 'p < 0.001', '0.001', None, None, '<', None, None, ()),
    ('association-with-tumor-characteristics', 3, 'percentage', '40.9%', '40.9', None, None, None, None, 'percent', ()),
    ('association-with-tumor-characteristics', 3, 'p-value', 'p = 0.001', '0.001', None, None, '=', None, None, ()),
    ('association-with-tumor-characteristics', 4, 'percentage', '64%', '64', None, None, None, None, 'percent', ()),
    ('association-with-tumor-characteristics', 4, 'mean', 'mean age of 50', '50', None, None, None, None, 'year', ()),
    ('association-with-tumor-characteristics', 4, 'p-value', 'p = 0.012', '0.012', None, None, '=', None, None, ()),
    ('association-with-tumor-characteristics', 5, 'p-value', 'p = 0.031', '0.031', None, None, '=', None, None, ()),
    ('association-with-tumor-characteristics', 6, 'p-value', 'p = 0.044', '0.044', None, None, '=', None, None, ()),
    ('morphology-based-on-grade', 4, 'proportion', 'half', '0.5', None, None, None, 'approximately', 'fraction', ()),
    ('mammography-as-primary-modality', 1, 'comparison', '55% vs. 47%', None, None, None, None, None, 'percent', (('55%', '55'), ('47%', '47'))),
    ('mammography-as-primary-modality', 1, 'p-value', 'P < 0.01', '0.01', None, None, '<', None, None, ()),
    ('mammography-as-primary-modality', 2, 'count', 'two-view', '2', None, None, None, None, 'view', ()),
    ('mammography-as-primary-modality', 3, 'count', 'two-view', '2', None, None, None, None, 'view', ()),
    ('mammography-as-primary-modality', 3, 'length', 'two centimeters', '2', None, None, None, None, 'centimetre', ()),
    ('mammography-as-primary-modality', 3, 'percentage', '50%', '50', None, None, '≤', 'up to', 'percent', ()),
    ('mammography-as-primary-modality', 4, 'percentage', '87%', '87', None, None, None, None, 'percent', ()),
    ('mammography-as-primary-modality', 4, 'percentage', '33%', '33', None, None, None, None, 'percent', ()),
    ('ultrasound-limitations', 2, 'percentage', '80%', '80', None, None, None, 'only', 'percent', ()),
    ('detection-challenges', 1, 'percentage', '52.2%', '52.2', None, None, None, None, 'percent', ()),
    ('detection-challenges', 1, 'p-value', 'p < 0.001', '0.001', None, None, '<', None, None, ()),
    ('recurrence-patterns', 2, 'percentage', '75%', '75', None, None, None, None, 'percent', ()),
    ('recurrence-patterns', 3, 'percentage', '80%', '80', None, None, None, None, 'percent', ()),
    ('recurrence-patterns', 4, 'percentage', '94%', '94', None, None, None, None, 'percent', ()),
    ('management-approach', 2, 'percentage', '19%', '19', None, None, None, 'approximately', 'percent', ()),
]

EXPECTED_REFERENCES = [
    (1, "Guideline", "Guideline Directed Topic Overview", "Dr.Oracle Medical Advisory Board & Editors", 2025),
    (2, "Research", "Breast microcalcifications: Past, present and future (Review).", "Molecular and clinical oncology", 2022),
    (3, "Research", "The detection of breast microcalcifications with medical ultrasound.", "The Journal of the Acoustical Society of America", 1997),
    (4, "Guideline", "Ductal Carcinoma In Situ (DCIS) Presentations and Diagnostic Approaches", "Praxis Medical Insights: Practical Summaries of Clinical Guidelines", 2025),
    (5, "Research", "Breast calcifications: which are malignant?", "Singapore medical journal", 2009),
    (6, "Guideline", "Detection of Punctate Calcification in the Left Breast Parenchyma", "Praxis Medical Insights: Practical Summaries of Clinical Guidelines", 2025),
]  # fmt: skip


def test_sections_and_nesting(seed_article: Article) -> None:
    assert [(s.slug, s.level, s.parent_slug, s.heading) for s in seed_article.all_sections] == EXPECTED_SECTIONS


def test_every_statement_with_kind_line_and_citations(seed_article: Article) -> None:
    actual = [
        (section.slug, s.order, s.kind.value, s.line, s.citations, s.text[:45])
        for section, s in seed_article.statements
    ]
    assert actual == EXPECTED_STATEMENTS
    assert len(actual) == 57


def test_statement_offsets_point_at_their_text(seed_article: Article) -> None:
    for _, statement in seed_article.statements:
        assert seed_article.text[statement.start : statement.end] == statement.text


def test_every_numeric_mention(seed_article: Article) -> None:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    actual = [
        (
            section.slug, s.order, st.kind.value, st.surface, text(st.value), text(st.low), text(st.high),
            st.comparator, st.qualifier, st.unit, tuple((o.surface, text(o.value)) for o in st.operands),
        )
        for section, s in seed_article.statements
        for st in s.statistics
    ]  # fmt: skip
    assert actual == EXPECTED_STATISTICS
    for _, statement in seed_article.statements:
        for statistic in statement.statistics:
            assert statement.text[statistic.start : statistic.end] == statistic.surface


def test_references(seed_article: Article) -> None:
    assert [(r.number, r.kind, r.title, r.container, r.year) for r in seed_article.references] == EXPECTED_REFERENCES


def test_unresolved_citations_are_7_and_8(seed_article: Article) -> None:
    assert seed_article.cited_numbers == (1, 2, 3, 4, 5, 6, 7, 8)
    assert seed_article.unresolved_citations == (7, 8)


def test_related_questions(seed_article: Article) -> None:
    questions = seed_article.related_questions
    assert len(questions) == 11
    assert questions[0].text == "What are breast calcifications in women, particularly those over 40 years old?"
    assert questions[6].text.startswith("In an adult (18\u201170) with severe reversible respiratory failure")
    assert questions[10].text.startswith("When is delayed cord clamping indicated")
    assert [q.line for q in questions] == list(range(175, 186))


@pytest.mark.parametrize("heading", ["Stage 1", "Step 2", "Phase 3", "Blood Pressure Above 180"])
def test_a_short_heading_that_ends_in_a_number_is_a_heading(heading: str) -> None:
    """"Stage 1" was read as a statement "Stage" citing reference 1; as the first section's heading it stopped the
    whole build ("text after the summary must start with a section heading", exit 2)."""
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    first = next(section.heading for section in parse_article(SEED, text).sections)
    article = parse_article(SEED, text.replace(f"\n{first}\n", f"\n{heading}\n", 1))
    assert article.sections[0].heading == heading
    assert [s.text for s in article.sections[0].statements] == [
        s.text for s in parse_article(SEED, text).sections[0].statements]


def test_section_slugs_never_collide_with_the_summary_or_with_each_other() -> None:
    """A section headed "Summary" shared the summary's slug, and a second "Medicines" got medicines-2, the slug of a
    section headed "Medicines 2": their statements got one IRI, and the build failed validation."""
    from calckg.ingest import parse_article
    from calckg.slugs import unique_slugs
    from seed import SEED

    assert unique_slugs(["Medicines 2", "Medicines", "Medicines", "Phase 2", "Phase 2", "Phase 2-2"]) == [
        "medicines-2", "medicines", "medicines-3", "phase-2", "phase-2-3", "phase-2-2"]
    text = SEED.read_text(encoding="utf-8")
    first = next(section.heading for section in parse_article(SEED, text).sections)
    article = parse_article(SEED, text.replace(f"\n{first}\n", "\nSummary\n", 1))
    assert (article.summary.slug, article.sections[0].slug) == ("summary", "summary-2")


def test_an_empty_bullet_states_nothing_and_a_hidden_file_is_no_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An empty bullet ("  • ") was a statement with no text, a violation that failed the build; the "._name.txt" a
    Mac copies beside each file was read as an article and refused (exit 2)."""
    from calckg.ingest import parse_article, read_sources
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    bullet = next(line for line in text.splitlines() if line.startswith("  \u2022 "))
    with_empty = text.replace(f"{bullet}\n", f"{bullet}\n  \u2022 \n", 1)
    assert [s.text for _, s in parse_article(SEED, with_empty).statements] == [
        s.text for _, s in parse_article(SEED, text).statements]
    (tmp_path / SEED.name).write_text(text, encoding="utf-8")
    (tmp_path / f"._{SEED.name}").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    assert [source.path.name for source in read_sources(tmp_path)] == [SEED.name]


def test_a_page_with_no_heading_after_its_summary_is_refused_saying_what_was_found() -> None:
    """The message named the line only; a second summary paragraph and a heading ending in ":" read the same."""
    from calckg.errors import SourceError
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    first = next(section.heading for section in parse_article(SEED, text).sections)
    with pytest.raises(SourceError, match=rf":\d+: text after the summary must start with a section heading, found "
                                          rf"'{first}:' \(the summary is one paragraph; a heading is a line of its own"):
        parse_article(SEED, text.replace(f"\n{first}\n", f"\n{first}:\n", 1))


def test_a_reference_cited_twice_in_one_list_is_cited_once() -> None:
    """"… 1, 2, 1" and "… 1-3, 2" gave a statement two citations of one reference, a violation of the citation
    order shape that failed the whole build."""
    from calckg.ingest.citations import split_trailing

    assert split_trailing("Salt lowers blood pressure. 1, 2, 1").citations == (1, 2)
    assert split_trailing("Salt lowers blood pressure. 1-3, 2").citations == (1, 2, 3)


@pytest.mark.parametrize(("written", "expected"), [
    ("February 16, 2026", date(2026, 2, 16)), ("16 February 2026", date(2026, 2, 16)), ("2026-02-16", date(2026, 2, 16)),
])
def test_a_pages_date_may_be_written_in_three_forms(written: str, expected: date) -> None:
    """"Last updated: 12 March 2027" was dropped without a word (schema:dateModified missing)."""
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    assert "Last updated: February 16, 2026" in text
    article = parse_article(SEED, text.replace("Last updated: February 16, 2026", f"Last updated: {written}"))
    assert article.metadata.last_updated == expected


def test_a_date_that_does_not_exist_is_refused_naming_the_line() -> None:
    """"February 30, 2026" raised an uncaught ValueError (an internal error instead of exit 2)."""
    from calckg.errors import SourceError
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8").replace("Last updated: February 16, 2026", "Last updated: February 30, 2026")
    with pytest.raises(SourceError, match=r":\d+: 'Last updated: February 30, 2026' is no date \(expected e.g."):
        parse_article(SEED, text)


def test_page_metadata(seed_article: Article) -> None:
    meta = seed_article.metadata
    assert meta.last_updated == date(2026, 2, 16)
    assert meta.reviewed_by == "Medical Advisory Board"
    assert meta.review_statuses == ("Submitted", "Under Review", "Approved")
    assert meta.notices == ("Educational purpose only • Exercise caution as content is pending human review",)
    assert meta.audience == "healthcare professionals"
    assert meta.disclaimer is not None and meta.disclaimer.startswith("This information is intended for healthcare")


@pytest.mark.parametrize(
    "boilerplate",
    ["Personalize", "Help us tailor your experience", "Have a follow-up question?", "Which best describes you?",
     "Our Medical A.I.", "View editorial policy"],
)  # fmt: skip
def test_page_chrome_is_not_a_statement(seed_article: Article, boilerplate: str) -> None:
    assert not [s for _, s in seed_article.statements if boilerplate in s.text]


def test_crlf_and_lf_sources_parse_identically(seed_article: Article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from calckg.ingest import parse_article, read_source

    crlf = tmp_path / "what-are-microcalcifications-in-the-breast.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + seed_article.text.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(crlf)
    assert parse_article(source.path, source.text) == seed_article


def _with_list(seed_article: Article, tmp_path, old: str, new: str) -> Article:  # type: ignore[no-untyped-def]
    from calckg.ingest import parse_article, read_source

    assert old in seed_article.text
    path = tmp_path / "what-are-microcalcifications-in-the-breast.txt"
    path.write_text(seed_article.text.replace(old, new, 1), encoding="utf-8")
    source = read_source(path)
    return parse_article(source.path, source.text)


def test_an_ordered_list_after_a_lead_in_is_read_as_its_bullets(seed_article: Article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"1. …" items (or "◦ …" ones) under a lead-in are bullets of that lead-in, as "  • " items are."""
    old = "  • Larger and coarser 6\n  • More rounded and uniform in density 1"
    for items in ("1. Larger and coarser 6\n2. More rounded and uniform in density 1",
                  "  ◦ Larger and coarser 6\n  ◦ More rounded and uniform in density 1"):
        article = _with_list(seed_article, tmp_path, old, items)
        lead_in = next(s for _, s in article.statements if s.text == "Benign calcifications tend to be:")
        found = [(s.kind.value, s.text, s.citations, s.lead_in) for _, s in article.statements
                 if s.text in ("Larger and coarser", "More rounded and uniform in density")]
        assert found == [("bullet", "Larger and coarser", (6,), lead_in.order),
                         ("bullet", "More rounded and uniform in density", (1,), lead_in.order)]  # fmt: skip


def test_a_numbered_line_after_a_sentence_stays_a_sentence(seed_article: Article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = "Mammography is the primary and most reliable tool"
    article = _with_list(seed_article, tmp_path, old, "2. Mammography is the primary and most reliable tool")
    (found,) = [s for _, s in article.statements if "primary and most reliable tool" in s.text]
    assert found.kind.value == "sentence" and found.text.startswith("2. Mammography is the primary")


def test_a_citation_range_stands_for_every_number_in_it() -> None:
    """"… combined. 1-3" was no citation at all: the line had no trailing number list, so it was read as a heading,
    and "… fibrillation. 2–4" kept "2–4" in its text."""
    from calckg.ingest.citations import split_paragraph, split_trailing

    assert split_trailing("The effects add up when several are combined. 1-3").citations == (1, 2, 3)
    assert split_trailing("They remain useful in atrial fibrillation. 2–4").citations == (2, 3, 4)
    assert split_trailing("Adults aged 18-65 1").citations == (1,)  # a range inside the sentence stays text
    # only after a full stop or a bracket: a heading or an uncited bullet ends with a range of values
    assert [split_trailing(text).citations for text in ("KDIGO Stages 1-3", "A heart rate of 51-90",
                                                        "A systolic blood pressure of 111-219")] == [(), (), ()]
    assert [span.citations for span in split_paragraph("First one. 1-3 Second two. 2, 5-6 Third 7")] == [
        (1, 2, 3), (2, 5, 6), (7,)]


@pytest.mark.parametrize(("line", "text", "citations"), [
    ("An adult louse lays about 6 eggs a day. [1]", "An adult louse lays about 6 eggs a day.", (1,)),
    ("Dimeticone cured 70% (p < .001). (4)", "Dimeticone cured 70% (p < .001).", (4,)),
    ("Resistance to malathion is common.¹,²", "Resistance to malathion is common.", (1, 2)),
    ("Resistance to malathion is common.¹⁻³", "Resistance to malathion is common.", (1, 2, 3)),
    ("Resistance to malathion is common [2-3].", "Resistance to malathion is common", (2, 3)),
    # a bracket without a full stop before it is the sentence's own, and so is one that cites no reference
    ("Cure rates in group A (4)", "Cure rates in group A (4)", ()),
    ("The guideline was updated. (2019)", "The guideline was updated. (2019)", ()),
    ("Pain was scored. (0-100)", "Pain was scored. (0-100)", ()),
    ("Pain was scored. (12-80)", "Pain was scored. (12-80)", ()),
    ("Children were counted. (1,000)", "Children were counted. (1,000)", ()),
])
def test_citations_in_brackets_or_superscripts_after_a_full_stop_are_citations(line: str, text: str,
                                                                                citations: tuple[int, ...]) -> None:
    """Other sites write "… a day. [1]", "… (p < .001). (4)" or "… lotion.¹": such a line had no citation list, so it
    was read as a section heading, its figures lost and the sections after it nested under it."""
    from calckg.ingest.citations import split_paragraph, split_trailing

    found = split_trailing(line)
    assert (line[found.start : found.end], found.citations) == (text, citations)
    assert [span.citations for span in split_paragraph("First one. [1] Second two. [2, 3]")] == [(1,), (2, 3)]


@pytest.mark.parametrize("paragraph", [
    "Below 100 g/L is anaemia.[1] About 25% are anaemic after birth.[3]",
    "Below 100 g/L is anaemia [1]. About 25% are anaemic after birth [3].",
    "Below 100 g/L is anaemia.¹ About 25% are anaemic after birth.³",
    "Below 100 g/L is anaemia. (1) About 25% are anaemic after birth. (3)",
])
def test_each_sentence_of_a_paragraph_keeps_its_own_marked_citations(paragraph: str) -> None:
    """A paragraph whose sentences each close with a bracketed or raised list was one statement citing the last
    list only: 100 g/L cited reference 3 (found by a reviewer of the change that read such lists)."""
    from calckg.ingest.citations import split_paragraph

    spans = split_paragraph(paragraph)
    assert [(paragraph[s.start : s.end].rstrip("."), s.citations) for s in spans] == [
        ("Below 100 g/L is anaemia", (1,)), ("About 25% are anaemic after birth", (3,))]


@pytest.mark.parametrize(("written", "doi", "url"), [
    ("Singapore medical journal, 2009. https://www.nice.org.uk/guidance/ng155", None,
     "https://www.nice.org.uk/guidance/ng155"),
    ("Singapore medical journal, 2009, https://example.org/a?b=1&c=\"d\".", None, "https://example.org/a?b=1&c=\"d\""),
    ("Singapore medical journal, 2009. https://doi.org/10.1111/bjh.16221", "10.1111/bjh.16221", None),
])
def test_a_web_address_after_a_references_year_is_its_url(written: str, doi: str | None, url: str | None) -> None:
    """"…, 2020. https://www.nice.org.uk/guidance/ng155" stopped the whole build (exit 2: "expected 'Container,
    YEAR'"); a DOI's resolver address is still its DOI. The graph gives the address as the reference's schema:url,
    percent-encoding what an IRI cannot hold (the quote)."""
    from rdflib import URIRef
    from rdflib.namespace import SDO

    from calckg.graph import document_graph
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    assert "\nSingapore medical journal, 2009\n" in text
    article = parse_article(SEED, text.replace("\nSingapore medical journal, 2009\n", f"\n{written}\n"))
    reference = article.references[4]
    assert (reference.container, reference.year, reference.doi, reference.url) == (
        "Singapore medical journal", 2009, doi, url)
    node = URIRef("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast/reference/5")
    found = list(document_graph(article).objects(node, SDO.url))
    assert found == ([URIRef(url.replace('"', "%22"))] if url else [])


@pytest.mark.parametrize(("written", "pmid"), [
    ("Singapore medical journal, 2009. PMID: 25176015", "25176015"),
    ("Singapore medical journal, 2009, PMID 25176015.", "25176015"),
    ("Singapore medical journal, 2009", None),
])
def test_a_pubmed_identifier_after_a_references_year_names_its_pubmed_record(written: str, pmid: str | None) -> None:
    """"New England Journal of Medicine, 2014. PMID: 25176015" stopped the whole build of a stress article (exit 2:
    "expected 'Container, YEAR'"). The PubMed record's address is the reference's schema:sameAs, as a DOI's is."""
    from rdflib import URIRef
    from rdflib.namespace import SDO

    from calckg.graph import document_graph
    from calckg.ingest import parse_article
    from seed import SEED

    text = SEED.read_text(encoding="utf-8")
    article = parse_article(SEED, text.replace("\nSingapore medical journal, 2009\n", f"\n{written}\n"))
    reference = article.references[4]
    assert (reference.container, reference.year, reference.pmid, reference.doi, reference.url) == (
        "Singapore medical journal", 2009, pmid, None, None)
    node = URIRef("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast/reference/5")
    assert list(document_graph(article).objects(node, SDO.sameAs)) == (
        [URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")] if pmid else [])
