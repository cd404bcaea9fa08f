"""JSON that is safe inside an HTML `<script type="application/ld+json">` element (issue 17 item 17).

A string holding `</script>` (a reference title may) would end the element early and let the rest run as HTML.
`<`, `>` and `&` can only occur inside JSON strings, so writing them as `\\u003c`, `\\u003e`, `\\u0026` keeps the
same JSON value and leaves nothing an HTML parser reacts to; U+2028 and U+2029 are escaped too, for scripts that
read the text as JavaScript.
"""

from __future__ import annotations

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def html_safe(json_bytes: bytes) -> bytes:
    """The same JSON document (UTF-8) with the characters above escaped."""
    return json_bytes.decode("utf-8").translate(_TABLE).encode("utf-8")
