"""Printed text to clean text: what goes into the text columns of the dataset.

Cleaning never drops meaning: HTML remnants and layout whitespace go, words stay.
Typographic apostrophes and quotes (’ “ ”) are kept as printed: they are the document's
text, and comparisons fold them anyway (rapidfuzz's ``default_process`` drops punctuation).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache


# Only real HTML tag names, so that a printed 'a<b e c>d' is not taken for a tag.
_TAG = re.compile(r"</?(?:p|u|b|i|s|em|strong|span|div|font|br|hr|ul|ol|li|sup|sub|a|h[1-6]|table|thead|tbody"
                  r"|tr|td|th)(?:\s+[\w-]+=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>=]+))*\s*/?>", re.I)
# Invisible characters PDF converters leave behind: soft hyphen, zero-width spaces/joiners, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A soft hyphen ending a line marks a word the typesetter split: the two halves are one word.
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*")
# A line that ends in a letter or digit and a hyphen continues the same word ("ANAGRAFICO-" /
# "CERTIFICATIVO", "N. 4-5-" / "6"): the report is set without automatic hyphenation, so the hyphen is
# part of the word and stays.  So does a line ending in a slash after a letter or digit ("c/" /
# "contenimento", "domande/" / "denunce"): typesetters may break a line after a slash.
_HYPHEN_BREAK = re.compile(r"(?<=[^\W_][-/])[ \t]*\n[ \t]*")
# A closing bracket opening a line, a per cent sign after a figure, or a number's sign ending a line
# belongs to the word beside it: a typesetter breaks a line there only inside a word wider than its
# cell ("dell'imprenditore" / ")", "-" / "10,68" / "%"), since Italian sets no space before ')' nor
# between a sign and its figure.  A period alone on a line is left apart: the reports print one set
# apart ('Mu.Sa .'), and OCR reads specks as periods.
_GLUED_BREAK = re.compile(r"[ \t]*\n[ \t]*(?=[)\]])|(?<=\d)[ \t]*\n[ \t]*(?=%)|(?:^|(?<=\n))([-−+])[ \t]*\n[ \t]*(?=\d)")
_WS = re.compile(r"\s+")
# Text ftfy has nothing to repair in: printable ASCII but '&' (entities), tab and line feed (a lone
# CR is a line break ftfy rewrites), and the letters and signs of Italian typesetting that no mojibake
# is made of (mojibake of UTF-8 read as Latin-1 or cp1252 always holds Ã, Â or â and a C1 or
# cp1252 sign).  Most cells of a report: ftfy costs about a tenth of a parse and 60 ms to import.
# Nor do U+F000-U+F0FF, where Symbol and Wingdings glyphs land (Word's bullets print as U+F0B7):
# no legacy code page holds them, so ftfy leaves them as they are, and a report whose only
# unusual sign is its bullets never loads it.
_NOTHING_TO_REPAIR = re.compile("[\t\n -%'-~àèéìíòóùúÀÈÉÌÍÒÓÙÚ’‘“”–—…€°\uf000-\uf0ff]*")


@lru_cache(maxsize=1 << 13)   # parsers clean the same cell text many times (bounded: a worker lives long)
def clean_text(raw: str | None) -> str | None:
    """HTML tags removed, mojibake repaired, wrapped lines joined, whitespace collapsed.

    An empty or blank cell becomes None; a printed ``---`` stays ``---``.
    """
    if raw is None:
        return None
    # ftfy repairs mojibake, entities, terminal escapes, control characters and width forms.
    if _NOTHING_TO_REPAIR.fullmatch(raw):
        text = raw
    else:
        import ftfy

        text = ftfy.fix_text(raw, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _HYPHEN_BREAK.sub("", text)
    text = _GLUED_BREAK.sub(lambda m: m.group(1) or "", text)
    text = _WS.sub(" ", text).strip()
    return text or None


PLACEHOLDER = "---"
# A cell printed as a lone run of dashes: OCR reads the '---' placeholder as '—', '--', '_', '-—-' or
# '- - -'.  Hyphen, minus, en and em dashes, horizontal bar, underscore; blanks between them.
_DASH_RUN = re.compile(r"[\-‐‑‒–—―−_](?:\s*[\-‐‑‒–—―−_])*")


def dash_placeholder(text: str | None) -> str | None:
    """The ``'---'`` placeholder a cell printed as a lone run of dashes stands for, else None.

    ``text`` is a cleaned cell; anything beside the dashes (a word, a digit, a sign before a
    number) means the cell is not a placeholder.
    """
    if text is not None and _DASH_RUN.fullmatch(text.strip()):
        return PLACEHOLDER
    return None


# What OCR adds to a text cell from dust and ruling lines, measured on the bundled scan: a lone speck
# after the last word ('efficacia .'), an em dash glued to a word that opens the cell or a line
# ('—La Camera', 'pratiche —dalla': the left rule), a bar for a lone capital I ('| risultati',
# 'extraeuropeo. | progetti').  The seeds print none of these shapes (a ' . ' inside a sentence is
# printed, so only a speck ending the cell goes; so is the period of an abbreviation set apart).
_OCR_TRAILING_SPECK = re.compile(r"(?<!\.\w)(?<!\.\w\w)\s+[.,;:'’`·]$")   # not an abbreviation's ('Mu.Sa .')
# The same speck before the first word ('; N.C.'), or glued to a code that fills the cell ('3F.': a code
# of letters and digits is printed bare; a word or a figure may end a sentence with its period).
_OCR_LEADING_SPECK = re.compile(r"^[.,;:'’`·]\s+(?=\S)")
_OCR_CODE_SPECK = re.compile(r"^(?=\S*\d)(?=\S*[A-Z])([0-9A-Z]{2,8})[.,;:'’`·]$")
_OCR_GLUED_RULE = re.compile(r"(?:^|(?<=\s))[—―](?=\w)")
_OCR_BAR_FOR_I = re.compile(r"(?:^|(?<=\s))\|(?= [a-zàèéìòù])")


# The normalizations rule of these repairs, and how sure they are.
OCR_TEXT_RULE = "ocr_text_noise"
OCR_TEXT_CONFIDENCE = 0.9


def repair_ocr_text(text: str | None) -> str | None:
    """An OCR'd cleaned cell without the noise OCR adds (see above), or None when it has none.

    Call it only on OCR'd cells: converter text and born-digital PDFs print what they print.
    """
    if not text:
        return None
    fixed = _OCR_LEADING_SPECK.sub("", _OCR_CODE_SPECK.sub(r"\1", _OCR_TRAILING_SPECK.sub("", text)))
    fixed = _OCR_BAR_FOR_I.sub("I", _OCR_GLUED_RULE.sub("", fixed))
    return fixed if fixed != text and fixed.strip() else None
