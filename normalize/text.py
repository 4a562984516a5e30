"""Printed text to clean text: what goes into the text columns of the dataset.

Cleaning never drops meaning: HTML remnants and layout whitespace go, words stay.
Typographic apostrophes and quotes (’ “ ”) are kept as printed: they are the document's
text, and comparisons fold them anyway (rapidfuzz's ``default_process`` drops punctuation).
"""
from __future__ import annotations

import html
import re

import ftfy

# Only real HTML tag names, so that a printed 'a<b e c>d' is not taken for a tag.
_TAG = re.compile(r"</?(?:p|u|b|i|s|em|strong|span|div|font|br|hr|ul|ol|li|sup|sub|a|h[1-6]|table|thead|tbody"
                  r"|tr|td|th)(?:\s+[\w-]+=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>=]+))*\s*/?>", re.I)
# Invisible characters PDF converters leave behind: soft hyphen, zero-width spaces/joiners, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A soft hyphen ending a line marks a word the typesetter split: the two halves are one word.
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*")
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
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _HYPHEN_BREAK.sub("", text)
    text = _WS.sub(" ", text).strip()
    return text or None
