"""The review site in headless Chromium, loaded from `calckg serve` on 127.0.0.1.

Expected findings come from the same build's validation report (so a corrected curated figure changes the
expectation, not the test); the statements citing the missing references 7 and 8 are pinned.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SH

from calckg.cli import main
from artefacts import ARTEFACTS

SLUG = "what-are-microcalcifications-in-the-breast"
ARTICLE = f"https://w3id.org/calckg/id/{SLUG}"
PAGE = f"articles/{SLUG}.html"
VENDOR = Path(__file__).with_name("vendor")
CLAIM = URIRef("https://w3id.org/calckg/ontology#Assertion")
CITING_7 = sorted(f"{ARTICLE}/section/{s}" for s in (
    "mammography-as-primary-modality/2", "mammography-as-primary-modality/3", "management-approach/2",
    "management-approach/3", "management-approach/4", "management-approach/5", "management-approach/6",
    "ultrasound-limitations/1"))
CITING_8 = sorted(f"{ARTICLE}/section/prognostic-value/{n}" for n in (2, 3, 4))


def _report(build_dir: Path) -> list[dict[str, str]]:
    graph = Graph().parse(build_dir / "validation-report.ttl")
    return sorted(({"focus": str(graph.value(r, SH.focusNode)), "message": str(graph.value(r, SH.resultMessage)),
                    "severity": str(graph.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                    "shape": str(graph.value(r, SH.sourceShape)).rsplit("#", 1)[-1],
                    "value": str(graph.value(r, SH.value) or "")}
                   for r in graph.subjects(RDF.type, SH.ValidationResult)), key=lambda r: sorted(r.items()))


def _load(browser, url: str) -> None:
    browser.get(url)
    browser.find_element("css selector", "main")


def _badges(browser) -> list[dict[str, str]]:
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('details.badge')).map(b => ({
          focus: b.dataset.focus, shape: b.dataset.shape, severity: b.dataset.severity, value: b.dataset.value,
          message: b.querySelector('p').textContent,
          statement: (b.closest('[data-statement]') || {dataset: {}}).dataset.statement || '',
          claim: (b.closest('[data-claim]') || {dataset: {}}).dataset.claim || ''}));""")


def test_every_finding_is_a_badge_on_its_statement_or_claim(browser, site_url, seed_build) -> None:
    build_dir = seed_build.files[0].parent
    expected = [r for r in _report(build_dir) if r["focus"].startswith(ARTICLE + "/")]
    _load(browser, site_url + PAGE)
    badges = _badges(browser)
    shown = Counter((b["focus"], b["message"]) for b in badges)
    assert set(shown) == {(r["focus"], r["message"]) for r in expected}
    derived = {(str(s), str(o)) for s, _, o, _ in seed_build.dataset.quads((None, PROV.wasDerivedFrom, None, None))}
    for badge in badges:
        if badge["claim"]:  # a claim's finding sits on that claim, beside a statement the claim comes from
            assert badge["claim"] == badge["focus"] and (badge["focus"], badge["statement"]) in derived
        else:
            assert badge["statement"] == badge["focus"]
    header = {k: int(browser.find_element("css selector", f'[data-count="{k}"]').text) for k in ("warnings", "violations")}
    assert header == {"warnings": sum(r["severity"] == "Warning" for r in expected),
                      "violations": sum(r["severity"] == "Violation" for r in expected)}


def test_unresolved_citations_pinned_to_the_statements_citing_7_and_8(browser, site_url) -> None:
    _load(browser, site_url + PAGE)
    on_statements = [b for b in _badges(browser) if not b["claim"] and b["value"] in ("7", "8")]
    assert sorted(b["statement"] for b in on_statements if b["value"] == "7") == CITING_7
    assert sorted(b["statement"] for b in on_statements if b["value"] == "8") == CITING_8
    missing = browser.find_elements("css selector", "ol.references li.missing")
    assert [li.get_attribute("id") for li in missing] == ["ref-7", "ref-8"]
    assert missing[0].text == "Missing: citation 7 has no entry in the article's reference list."
    links = browser.find_elements("css selector", "a.cite-missing")
    assert Counter(a.text for a in links) == {"7": 8, "8": 3}


def test_conflicting_figures_are_badges_and_side_by_side(browser, site_url, seed_build) -> None:
    claims = {str(s) for s, _, _, _ in seed_build.dataset.quads((None, RDF.type, CLAIM, None))}
    conflicts = [r for r in _report(seed_build.files[0].parent)
                 if r["focus"] in claims and r["value"].startswith(ARTICLE + "/")]
    _load(browser, site_url + PAGE)
    on_claims = Counter((b["focus"], b["message"]) for b in _badges(browser) if b["claim"])
    assert set(on_claims) == {(r["focus"], r["message"]) for r in conflicts}
    sides = browser.find_elements("css selector", "#conflicts .conflict")
    assert len(sides) == len(conflicts) > 0
    jumps = [[a.get_attribute("href").rsplit("#", 1)[1] for a in side.find_elements("css selector", "a.jump")]
             for side in sides]
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in jumps), jumps


def test_a_claims_value_matches_its_sentence(browser, site_url) -> None:
    _load(browser, site_url + PAGE)
    rows = browser.execute_script("""
        return Array.from(document.querySelectorAll('.claim')).filter(c => c.querySelector('.claim-value'))
          .map(c => ({value: c.querySelector('.claim-value').dataset.value,
                      surface: (c.querySelector('.surface') || {textContent: ''}).textContent,
                      sentence: c.closest('.statement').querySelector('.statement-text').textContent,
                      figures: Array.from(c.closest('.statement').querySelectorAll('mark.figure'))
                                    .map(m => m.firstChild.textContent)}));""")
    her2 = [r for r in rows if r["sentence"].startswith("HER-2 positive tumors")]
    assert [(r["value"], r["surface"]) for r in her2] == [("52.9", "(“52.9%” in the sentence)")]
    assert "52.9%" in her2[0]["figures"]
    for row in rows:  # every figure a claim quotes is (part of) a figure marked in its own sentence
        quoted = re.fullmatch(r"\(“(.*)” in the sentence\)", row["surface"])
        assert quoted and any(quoted.group(1) in figure for figure in row["figures"]), row


def test_index_counts_match_calckg_stats(browser, site_url, seed_build) -> None:
    stats = CliRunner().invoke(main, ["stats", "--build-dir", str(seed_build.files[0].parent)])
    counts = {name: int(n) for n, name in (line.split() for line in stats.output.splitlines())}
    _load(browser, site_url + "index.html")
    totals = {k: int(browser.find_element("css selector", f'[data-total="{k}"]').text)
              for k in ("statements", "claims", "figures")}
    assert totals == {"statements": counts["ck:Statement"], "claims": counts["ck:Assertion"],
                      "figures": counts["ck:Statistic"]}
    row = [td.text for td in browser.find_elements("css selector", f'tr[data-article="{ARTICLE}"] td')]
    assert row == [str(counts["ck:Statement"]), str(counts["ck:Assertion"]), str(counts["ck:Statistic"]),
                   str(len(_report(seed_build.files[0].parent))), "0"]
    assert counts["ck:Statement"] == 57 and counts["ck:Statistic"] == 32  # the seed's own text
    browser.find_elements("css selector", "th button.sort")[1].click()  # sorted by statements (JS enhancement)
    assert browser.find_elements("css selector", "thead th")[1].get_attribute("aria-sort") == "ascending"


def test_readable_without_javascript(site_url) -> None:
    with urllib.request.urlopen(site_url + "index.html", timeout=10) as response:
        html = response.read().decode("utf-8")
        policy = response.headers["Content-Security-Policy"]
    assert f'href="{PAGE}"' in html and "default-src 'none'" in policy
    with urllib.request.urlopen(site_url + PAGE, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "Only about <mark class=\"figure\"" in page and page.count('<details class="badge') >= 11


def test_keyboard_reaches_a_mention_and_its_concept_shows(browser, site_url) -> None:
    _load(browser, site_url + PAGE)
    dcis = browser.find_element("css selector", 'a.mention[data-concept$="/ductal-carcinoma-in-situ"]')
    tip = "return getComputedStyle(arguments[0], '::after').content"
    assert browser.execute_script(tip, dcis) == "none"
    browser.execute_script("arguments[0].focus()", dcis)
    assert browser.execute_script("return document.activeElement === arguments[0]", dcis)
    shown = browser.execute_script(tip, dcis)
    assert shown.startswith('"ductal carcinoma in situ\\a Synonyms: DCIS, ') and "NCIt C2924" in shown, shown
    described = browser.find_element("id", dcis.get_attribute("aria-describedby"))
    assert described.text.startswith("ductal carcinoma in situ Synonyms: DCIS, ")
    focusable = browser.execute_script("""
        return Array.from(document.querySelectorAll('details.badge > summary, a.mention'))
          .every(e => e.tabIndex >= 0);""")
    assert focusable


def test_screenshots_no_outside_request_no_console_error(browser, site_url) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    browser.get_log("performance"), browser.get_log("browser")  # start both logs afresh
    for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
        browser.set_window_size(width, height)
        _load(browser, site_url + PAGE)
        full = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(full, 6000))
        path = ARTEFACTS / f"site-{SLUG}-{name}.png"
        assert browser.save_screenshot(str(path))
        print(f"screenshot: {path}")
    browser.set_window_size(1280, 900)
    for page in ("index.html", "concepts/ductal-carcinoma-in-situ.html"):
        _load(browser, site_url + page)
    requests = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = {m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"}
    assert urls and all(url.startswith(site_url) for url in urls), sorted(urls)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.parametrize("page", [PAGE, "index.html", "concepts/ductal-carcinoma-in-situ.html"])
def test_axe_finds_no_serious_or_critical_violation(browser, site_url, page: str) -> None:
    _load(browser, site_url + page)
    browser.execute_script((VENDOR / "axe.min.js").read_text(encoding="utf-8"))
    browser.set_script_timeout(120)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result
               if v["impact"] in ("serious", "critical")]
    assert serious == []
