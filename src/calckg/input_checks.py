"""Checks on RDF bytes before and after a parser sees them, so bad input gets a message naming file and line
instead of a traceback (issue 17 items 2-3, docs/reliability.md):

- bytes that are not UTF-8 (line of the first bad byte), an empty file;
- JSON nested deeper than :data:`MAX_JSON_DEPTH` (Python's JSON decoder and rdflib's JSON-LD reader recurse);
- lone surrogates (`"\\uD800"`): legal escapes in JSON and accepted by rdflib's Turtle reader, but not characters,
  so nothing can write them back out as UTF-8.

:func:`read_built_trig` reads the build's own TriG and calls any defect "build is damaged" (exit 2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from rdflib import Dataset

from calckg.errors import InputError
from calckg.namespaces import bind_prefixes

BUILT_DATASET_FILE = "calckg.trig"

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_JSON_DEPTH = 500
"""Deepest JSON nesting accepted (calckg's own JSON-LD nests 4 levels; Python's decoder recurses per level)."""

REBUILD_HINT = "rebuild with `calckg build`"
T = TypeVar("T")


def text_of(path: Path, raw: bytes) -> str:
    """The bytes as UTF-8 text; InputError naming file and line of the first byte that is not UTF-8, or an
    empty file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{raw[error.start]:02x})") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def parsed_json_file(path: Path, parse: Callable[[Any], T], expected: str) -> T:
    """`parse` of the JSON data file at `path`; InputError naming the file when it cannot be read, is no JSON (with
    the line) or `parse` finds it is not `expected` (parse raises ValueError, KeyError or TypeError)."""
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not JSON (line {error.lineno}: {error.msg})") from None
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: expected {expected} ({error})") from None


def is_word_list(value: object) -> TypeGuard[list[str]]:
    """A non-empty list of words or phrases (strings that are not blank): what a word list of a data file must be."""
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings skipped), without recursion."""
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def refuse_deep_json(path: Path, text: str) -> None:
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(f"{path}: JSON nested {depth} levels deep (at most {MAX_JSON_DEPTH} are accepted)")


def _lone_surrogate(values: Iterable[str]) -> str | None:
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return value[error.start : error.end]
    return None


def refuse_lone_surrogates(path: Path, text: str, dataset: Dataset) -> None:
    """InputError when a parsed term holds a surrogate code point (only escapes can make one: the text itself is
    valid UTF-8, so the scan runs only when the text has a \\u or \\U escape)."""
    if "\\u" not in text and "\\U" not in text:
        return
    terms = (str(term) for quad in dataset.quads((None, None, None, None)) for term in quad[:3])
    found = _lone_surrogate(terms)
    if found is not None:
        code = f"\\u{ord(found[0]):04X}"
        raise InputError(f"{path}: the escape {code} is a lone surrogate, not a character (fix or remove it)")


def read_built_trig(path: Path) -> Dataset:
    """The TriG a build wrote; any defect (truncated, not UTF-8, empty, unparsable) is "build is damaged"."""
    try:
        raw = path.read_bytes()
        text = text_of(path, raw)
        dataset = Dataset()
        dataset.parse(data=text, format="trig")
        refuse_lone_surrogates(path, text, dataset)
    except InputError as error:
        raise InputError(f"build is damaged: {error} ({REBUILD_HINT})") from None
    except OSError as error:
        raise InputError(f"build is damaged: {path}: {error.strerror} ({REBUILD_HINT})") from None
    except Exception as error:  # rdflib raises many parser exception types (and RecursionError)  # noqa: BLE001
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise InputError(f"build is damaged: {path}: not valid TriG: {reason} ({REBUILD_HINT})") from None
    return dataset


def utf8_argument(value: str, what: str) -> str:
    """A command-line argument as given; InputError when it held bytes that are not UTF-8 (Python keeps them as
    lone surrogates, which nothing can print or encode)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        byte = ord(value[error.start]) - 0xDC00 if 0xDC80 <= ord(value[error.start]) <= 0xDCFF else None
        detail = f" (byte 0x{byte:02x})" if byte is not None else ""
        raise InputError(f"{what} is not valid UTF-8{detail}") from None
    return value


_INVISIBLE = {
    "\x00": "a NUL byte",
    **{chr(c): f"a bidirectional control U+{c:04X}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_INVISIBLE_PATTERN = re.compile("[" + "".join(re.escape(c) for c in _INVISIBLE) + "]")


def invisible_characters(path: Path, text: str) -> list[str]:
    """One warning per line holding NUL bytes or bidirectional overrides/isolates (text that displays otherwise
    than it is stored, "Trojan Source"); they are kept, as written, in every output."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        kinds = sorted({_INVISIBLE[m.group()] for m in _INVISIBLE_PATTERN.finditer(line)})
        if kinds:
            found.append(f"{path}:{number}: {', '.join(kinds)} (invisible; the text may display differently from "
                         "how it is stored)")
    return found


def load_built_dataset(out: Path) -> Dataset:
    """The dataset a previous `calckg build` wrote (its TriG export)."""
    path = out / BUILT_DATASET_FILE
    if not path.is_file():
        raise InputError(f"{path}: no built graph found; run `calckg build` first")
    dataset = read_built_trig(path)
    bind_prefixes(dataset)
    return dataset
