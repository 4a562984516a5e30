"""Does a PDF page carry a text layer worth reading, or must it be OCR'd?

A scanned page has no characters at all; a badly produced PDF may have characters
that map to nothing readable (``(cid:12)`` glyph ids, private-use code points,
control characters).  Either way the page goes to OCR.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

# A page with fewer printed characters than this is treated as having no text layer:
# page numbers and running headers alone are not a text layer.
MIN_CHARS = 20
# Share of unreadable characters above which the layer is garbage.
MAX_GARBAGE_SHARE = 0.3


@lru_cache(maxsize=1 << 12)   # the same glyphs, page after page
def _unreadable(text: str) -> bool:
    if text.startswith("(cid:"):
        return True
    return any(unicodedata.category(ch) in ("Co", "Cc", "Cn") for ch in text)


def page_needs_ocr(chars: Iterable[Mapping[str, object]]) -> str | None:
    """The reason a page with these chars (pdfplumber's, or any source's) must be OCR'd, or None when its layer is usable."""
    # A page prints thousands of chars of a few hundred texts: each text is judged once.
    printed = {text: n for text, n in Counter(str(c["text"]) for c in chars).items() if not text.isspace()}
    count = sum(printed.values())
    if count < MIN_CHARS:
        return f"no text layer ({count} characters)"
    garbage = sum(n for text, n in printed.items() if _unreadable(text))
    if garbage / count > MAX_GARBAGE_SHARE:
        return f"unreadable text layer ({garbage} of {count} characters map to no text)"
    return None
