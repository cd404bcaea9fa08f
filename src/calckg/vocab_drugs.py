"""Drug names for the general vocabulary: the DrugBank entries of the dictionary that the
`drug-named-entity-recognition` package ships (``drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2``).

Why this source and why this way:
- DO and HPO name diseases and findings, not drugs; an article on gout or pneumonia names allopurinol, febuxostat,
  amoxicillin and clarithromycin, and a patient asks about "Tylenol". The package's dictionary maps about 107,000
  names (generic names, brand names, other spellings) to 20,000 drugs, 12,279 of them with a DrugBank id; its
  main source is the DrugBank open data (CC0), with names added from MeSH, MedlinePlus, the NHS and Wikipedia.
- Only drugs with a DrugBank id are taken, and the id is kept as the concept's notation. Its MeSH ids are not taken:
  they are often the drug's pharmacological class ("amoxicillin" carries D000900, Anti-Bacterial Agents), so they
  would be wrong codes. No IRI is made for a DrugBank id (no source gives one).
- A name becomes a label only when it is written in letters (spaces, hyphens and apostrophes between them), has at
  most :data:`MAX_WORDS` words and is no label of a DO or HPO term. Another name of a drug (a brand, a spelling) must
  be no English word at all (not in data/english-word-frequency.tsv, which starts at Zipf 3.0): "Kendrick" for
  cefotaxime or "Palin" for pipemidic acid would turn prose into drug mentions. A drug's own name may be a rarer
  English word ("aspirin", Zipf 3.3) when the source knows it as a medicine or a compound (a MedlinePlus page or
  a molecular formula), never a common one (:data:`COMMON_ZIPF`): the allergen extracts "Water", "Rice" and
  "Grapefruit" are left out. Combination products (a name with a comma) are left out.
- The file is a Python pickle. It is read with an unpickler that builds only dicts, lists, sets, strings and
  numbers, so a changed file cannot run code.
"""

from __future__ import annotations

import bz2
import io
import pickle
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calckg.vocab_derive import DerivationError, Term

__all__ = ["COMMON_ZIPF", "MAX_WORDS", "drug_terms", "read_dictionary"]

MAX_WORDS = 4
COMMON_ZIPF = 3.5
"""A drug's own name this frequent as an English word (Zipf, data/english-word-frequency.tsv) is no label."""
_DRUGBANK_ID = re.compile(r"^DB\d{5}$")
_NAME = re.compile(r"^[a-z][a-z' -]*[a-z]$")
_ALLOWED = {"dict", "list", "set", "frozenset", "tuple", "str", "int", "float", "bool"}


class _DataOnly(pickle.Unpickler):
    """Builds only plain data: any other class in the file is an error, not a call."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _ALLOWED:
            return getattr(__import__("builtins"), name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def read_dictionary(path: Path) -> dict[str, Any]:
    """The package's dictionary: name → canonical names, canonical name → its data."""
    try:
        document = _DataOnly(io.BytesIO(bz2.decompress(path.read_bytes()))).load()
        names, drugs = document["drug_variant_to_canonical"], document["drug_canonical_to_data"]
    except (OSError, EOFError, ValueError, KeyError, TypeError, pickle.UnpicklingError) as error:
        raise DerivationError(f"{path}: not the drug dictionary of drug-named-entity-recognition ({error})") from None
    if not isinstance(names, dict) or not isinstance(drugs, dict):
        raise DerivationError(f"{path}: not the drug dictionary of drug-named-entity-recognition")
    return {"names": names, "drugs": drugs}


def drug_terms(path: Path, taken: set[str], zipf: Mapping[str, float]) -> dict[str, Term]:
    """One term per drug with a DrugBank id (id ``DrugBank:DB…``), its names as synonyms; `taken`: the lower-cased
    labels other sources already have. Its kind is ``drug`` when MedlinePlus has a page for it (a medicine given to
    patients: allopurinol, warfarin), else ``substance``: DrugBank also lists uric acid, urea, thrombin and carbon
    dioxide, which an article names as substances, not as medicines."""
    document = read_dictionary(path)
    names: dict[str, list[str]] = {}
    for name, canonical in document["names"].items():
        for target in canonical if isinstance(canonical, list) else [canonical]:
            names.setdefault(str(target), []).append(str(name))
    terms: dict[str, Term] = {}
    for canonical, data in document["drugs"].items():
        drugbank = str(data.get("drugbank_id") or "")
        label = " ".join(str(data.get("name") or "").split())
        if not _DRUGBANK_ID.match(drugbank) or "," in label or not _NAME.match(label.lower()):
            continue
        term_id = f"DrugBank:{drugbank}"
        if term_id in terms:  # two canonical names for one DrugBank drug: the first (in file order) is kept
            continue
        own = label.lower()
        if own in taken or not _own_name_usable(own, data, zipf):
            continue
        synonyms = {n for n in (" ".join(n.split()).lower() for n in names.get(str(canonical), ()))
                    if n != own and _usable(n, taken, zipf)}
        terms[term_id] = Term(term_id, "drug" if data.get("medline_plus_id") else "substance", label, synonyms)
    return terms


def _usable(name: str, taken: set[str], zipf: Mapping[str, float]) -> bool:
    return bool(_NAME.match(name)) and len(name.split()) <= MAX_WORDS and name not in taken and name not in zipf


def _own_name_usable(name: str, data: Mapping[str, Any], zipf: Mapping[str, float]) -> bool:
    if len(name.split()) > MAX_WORDS:
        return False
    frequency = zipf.get(name, 0.0)
    return frequency == 0.0 or (frequency < COMMON_ZIPF and bool(data.get("formula") or data.get("medline_plus_id")))
