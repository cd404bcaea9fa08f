"""faq.jsonld can be pasted into a `<script type="application/ld+json">` element (issue 17 item 17)."""

from __future__ import annotations

import json

from calckg.answer_model import Answer, ReferenceEntry, Sentence
from calckg.faq import FaqEntry, faq_jsonld

TITLE = "Calcifications </script><script>alert(1)</script> & <b>more</b>"


def test_faq_escapes_what_would_end_a_script_element() -> None:
    entry = FaqEntry("title", Answer(
        question="What is <this> & that?", supported=True, kind="definition",
        sentences=(Sentence("A statement\u2028with a line separator.", (1,), "urn:s"),),
        references=(ReferenceEntry(1, TITLE, "Journal", 2020, "Research"),)))
    raw = faq_jsonld([entry])
    text = raw.decode("utf-8")
    assert not any(char in text for char in "<>&\u2028")
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 " in text
    document = json.loads(raw)
    (question,) = document["mainEntity"]
    assert question["name"] == "What is <this> & that?"
    assert question["acceptedAnswer"]["citation"][0]["name"] == TITLE
