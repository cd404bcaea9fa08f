"""Derive calckg's table of close English words from Open English WordNet (OEWN).

    python -m calckg.synonyms_derive --oewn DIR --out DIR

reads the OEWN source files (`DIR` is the repository's `src/yaml/`: `entries-*.yaml` and the synset files
`noun.*.yaml`, `verb.*.yaml`, `adj.*.yaml`, `adv.*.yaml`) and writes `word-synonyms.tsv` and
`word-synonyms.SOURCES.json` (source, licence, input sha256, counts) into `--out`. The output is sorted and
byte-identical for the same inputs. Reading the YAML needs PyYAML (`pip install 'calckg[derive]'`); nothing at build
or answer time reads the inputs: the derived files are committed (data/vocab/) and :mod:`calckg.synonyms` reads them.

What a line holds: a word's stem as the text index makes it (:func:`calckg.index_terms.stem_words`, porter), a tab,
and the other one-word members, space-separated, of the synsets of the first ``SENSES_PER_WORD`` senses of every
word with that stem, in each part of speech. OEWN orders a word's senses by how often they occur (most common
first), so a rare sense ("die": "dice") stays out; a member with the same stem is left out ("risk": "risks").
Only lower-case words of letters: proper names and phrases cannot be one index term.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from calckg.index_terms import stem_words

__all__ = ["DerivationError", "derive", "main"]

SENSES_PER_WORD = 2
"""Senses of a word whose synsets give its close words. Chosen on the question sets of 2026-12-04 (fifth session,
1,428 wordings): 1 sense gave 706 answers right, 2 gave 711, 3 gave 712 with one more wrong refusal."""
TSV_FILE = "word-synonyms.tsv"
SOURCES_FILE = "word-synonyms.SOURCES.json"
SYNSET_FILES = ("noun.", "verb.", "adj.", "adv.")
_WORD = re.compile(r"[a-z]+")
HEADER = """\
# Close English words, derived from Open English WordNet by `python -m calckg.synonyms_derive` (provenance and
# licence: word-synonyms.SOURCES.json). Derived from Princeton WordNet and the Open English WordNet, CC BY 4.0:
# attribution is given to Princeton WordNet and the Open English Wordnet team.
# STEM<TAB>WORDS: a stem as calckg's text index makes it, and the words of close meaning (space-separated).
"""


class DerivationError(ValueError):
    """An input file is missing or not in the expected form."""


def _load_yaml(path: Path) -> dict:  # type: ignore[type-arg]
    try:
        import yaml
    except ImportError:
        raise DerivationError("reading OEWN needs PyYAML: pip install 'calckg[derive]'") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as error:
        raise DerivationError(f"{path}: cannot read it as YAML ({error})") from None
    if not isinstance(data, dict):
        raise DerivationError(f"{path}: expected a mapping at the top level")
    return data


def _inputs(folder: Path) -> tuple[list[Path], list[Path]]:
    entries = sorted(folder.glob("entries-*.yaml"))
    synsets = sorted(p for p in folder.glob("*.yaml") if p.name.startswith(SYNSET_FILES))
    if not entries or not synsets:
        raise DerivationError(f"{folder}: expected OEWN's entries-*.yaml and noun/verb/adj/adv *.yaml files "
                              "(the repository's src/yaml folder)")
    return entries, synsets


def _first_senses(entries: dict, path: Path) -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    """(word, synset id) of the first SENSES_PER_WORD senses of each lower-case one-word entry, per part of speech."""
    for word, parts in entries.items():
        if not isinstance(word, str) or not _WORD.fullmatch(word):
            continue
        if not isinstance(parts, dict):
            raise DerivationError(f"{path}: entry {word!r} is not a mapping of parts of speech")
        for part in parts.values():
            for sense in (part or {}).get("sense", [])[:SENSES_PER_WORD]:
                if not isinstance(sense, dict) or "synset" not in sense:
                    raise DerivationError(f"{path}: a sense of {word!r} has no synset")
                yield word, str(sense["synset"])


def derive(folder: Path, commit: str = "") -> tuple[dict[str, list[str]], dict]:  # type: ignore[type-arg]
    """stem → its close words (sorted), and the provenance record (`commit`: the OEWN repository commit the folder
    comes from, when known)."""
    entries_files, synset_files = _inputs(folder)
    members: dict[str, list[str]] = {}
    for path in synset_files:
        for synset, body in _load_yaml(path).items():
            members[str(synset)] = [m for m in (body or {}).get("members", []) if isinstance(m, str)]
    close: dict[str, set[str]] = {}
    for path in entries_files:
        for word, synset in _first_senses(_load_yaml(path), path):
            if synset not in members:
                raise DerivationError(f"{path}: {word!r} names synset {synset}, which no synset file defines")
            close.setdefault(word, set()).update(m for m in members[synset] if m != word and _WORD.fullmatch(m))
    words = sorted(close)
    by_stem: dict[str, set[str]] = {}
    for word, stem in zip(words, stem_words(words), strict=True):
        if stem:
            by_stem.setdefault(stem, set()).update(close[word])
    every = sorted({w for found in by_stem.values() for w in found})
    stem_of = dict(zip(every, stem_words(every), strict=True))
    table = {stem: sorted(w for w in found if stem_of[w] and stem_of[w] != stem)
             for stem, found in sorted(by_stem.items())}
    table = {stem: found for stem, found in table.items() if found}
    sources = {
        "file": TSV_FILE,
        "command": "python -m calckg.synonyms_derive --oewn DIR --out DIR",
        "senses_per_word": SENSES_PER_WORD,
        "source": {
            "name": "Open English WordNet",
            "repository": "globalwordnet/english-wordnet",
            "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), derived from Princeton WordNet "
                       "(WordNet License); attribution to Princeton WordNet and the Open English Wordnet team",
            **({"commit": commit} if commit else {}),
            "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in [*entries_files, *synset_files]},
        },
        "words": len(words),
        "stems": len(table),
        "pairs": sum(len(found) for found in table.values()),
    }
    return table, sources


def write(table: dict[str, list[str]], sources: dict, out: Path) -> None:  # type: ignore[type-arg]
    out.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{stem}\t{' '.join(found)}\n" for stem, found in table.items())
    (out / TSV_FILE).write_text(HEADER + lines, encoding="utf-8")
    (out / SOURCES_FILE).write_text(json.dumps(sources, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calckg.synonyms_derive", description=__doc__.splitlines()[0])
    parser.add_argument("--oewn", type=Path, required=True, help="OEWN's src/yaml folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the derived files")
    parser.add_argument("--commit", default="", help="the OEWN repository commit the folder comes from")
    args = parser.parse_args(argv)
    try:
        table, sources = derive(args.oewn, args.commit)
    except DerivationError as error:
        print(f"calckg.synonyms_derive: {error}", file=sys.stderr)
        return 2
    write(table, sources, args.out)
    print(f"{args.out / TSV_FILE}: {sources['stems']} stems, {sources['pairs']} close words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
