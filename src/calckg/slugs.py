"""Content-derived slugs for IRIs: stable across runs and independent of other articles."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary within `max_length`."""
    dashed = "".join("-" if unicodedata.category(c) == "Pd" else c for c in text)
    ascii_text = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or "untitled"


def unique_slugs(texts: list[str], max_length: int = 80) -> list[str]:
    """Slugify each text; a repeat within the list gets `-2`, `-3`… in order of appearance."""
    seen: dict[str, int] = {}
    result = []
    for text in texts:
        base = slugify(text, max_length)
        seen[base] = seen.get(base, 0) + 1
        result.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return result
