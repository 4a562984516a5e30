"""Printed text to clean text: what goes into the text columns of the dataset.

Cleaning never drops meaning: HTML remnants and layout whitespace go, words stay.
"""
from __future__ import annotations

import html
import re

import ftfy

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# A line that ends in a letter and a hyphen continues the same word ("ANAGRAFICO-" / "CERTIFICATIVO"):
# the report is set without automatic hyphenation, so the hyphen is part of the word and stays.
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)[ \t]*\n[ \t]*")
_WS = re.compile(r"\s+")


def clean_text(raw: str | None) -> str | None:
    """HTML tags removed, mojibake repaired, wrapped lines joined, whitespace collapsed.

    An empty or blank cell becomes None; a printed ``---`` stays ``---``.
    """
    if raw is None:
        return None
    text = ftfy.fix_text(raw, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _HYPHEN_BREAK.sub("", text)
    text = _WS.sub(" ", text).strip()
    return text or None
