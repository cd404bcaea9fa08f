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
    """Slugify each text; a repeat within the list gets `-2`, `-3`… in order of appearance, skipping a suffix another
    text already slugs to ("Medicines 2" before a second "Medicines": that one is medicines-3)."""
    taken = {slugify(text, max_length) for text in texts}
    seen: dict[str, int] = {}
    result: list[str] = []
    used: set[str] = set()
    for text in texts:
        base = slugify(text, max_length)
        slug, count = base, seen.get(base, 0) + 1
        if count > 1:
            slug = f"{base}-{count}"
            while slug in used or slug in taken:
                count += 1
                slug = f"{base}-{count}"
        seen[base] = count
        used.add(slug)
        result.append(slug)
    return result
