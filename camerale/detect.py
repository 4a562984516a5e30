"""What a document is, read from its content: type, chamber, phase, reference year.

File names are never trusted: archives rename files, and the same report circulates
under many names.  The title page and first headings say what the document is.
"""
from __future__ import annotations

import re
from collections import Counter

from camerale.errors import UnknownDocument
from camerale.model import DocumentInfo, Layout
from camerale.normalize.text import clean_text

# How much of the document's start to read for the title: the cover and first headings.
_HEAD_CHARS = 4000
# Cleaned characters past the head that make sure its last line was cleaned with the lines after it.
_HEAD_MARGIN = 500

_PIRA = re.compile(r"piano\s+degli\s+indicatori\s+e\s+dei\s+risultati\s+attesi(?:\s+di\s+bilancio)?", re.I)
_RELAZIONE = re.compile(r"relazione\s+sulla\s+performance", re.I)
_PHASE_YEAR = re.compile(r"\b(preventivo|consuntivo|aggiornamento)\b\W{0,3}(?:economico\s+)?(?:anno\s+)?((?:19|20)\d{2})\b", re.I)
_TYPE_YEAR = re.compile(r"relazione\s+sulla\s+performance\W{0,3}(?:anno\s+)?((?:19|20)\d{2})\b", re.I)

_NAME = r"([A-ZÀ-Ý][\w'’]+(?:[ -](?:[A-ZÀ-Ý][\w'’]+|di|del|della|e))*)"
# Chamber names as reports print them: "Camera di Commercio di Lucca", "Camera di Lucca",
# and the cover's "Camera di Commercio" with the name on the next line.
_CHAMBER_PATTERNS = (
    re.compile(r"Camera\s+di\s+[Cc]ommercio(?:\s+[Ii]ndustria,?\s+[Aa]rtigianato\s+e\s+[Aa]gricoltura)?\s+di\s+" + _NAME),
    re.compile(r"Camera\s+di\s+(?!Commercio|commercio)" + _NAME),
    re.compile(r"Camera\s+di\s+Commercio\s*\n\s*" + _NAME + r"\s*(?:\n|$)"),
)
_NOT_A_CHAMBER = {"Commercio", "Stato", "Consiglio"}


class NotAReport(UnknownDocument):
    """The document reads fine but is neither a PIRA nor a Relazione: no report parser applies."""


def _chamber(text: str) -> str | None:
    votes: Counter[str] = Counter()
    for pattern in _CHAMBER_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(1).strip()
            if name not in _NOT_A_CHAMBER:
                votes[name] += 1
    return votes.most_common(1)[0][0] if votes else None


def describe(layout: Layout) -> DocumentInfo:
    """Document type, chamber, phase and reference year from the layout's text.

    Raises NotAReport when the content is not a PIRA or a Relazione sulla performance,
    UnknownDocument when the chamber or reference year of a report cannot be found.
    """
    full = "\n".join(layout.page_texts)
    head = _head(full)
    pira, relazione = _PIRA.search(head), _RELAZIONE.search(head)
    if pira and (not relazione or pira.start() < relazione.start()):
        doc_type, title_match = "pira", pira
        phase_year = _PHASE_YEAR.search(head, pira.start())
        phase = phase_year.group(1).lower() if phase_year else None
        year = int(phase_year.group(2)) if phase_year else None
    elif relazione:
        doc_type, title_match, phase = "relazione_performance", relazione, None
        type_year = _TYPE_YEAR.search(head)
        year = int(type_year.group(1)) if type_year else None
    else:
        raise NotAReport("unknown document type: no PIRA or Relazione sulla performance title "
                         "in the first pages")
    if year is None:
        raise UnknownDocument(f"{doc_type}: no reference year found in the title")
    # The rows' lines first: the page text runs each line across the whole page, so on a page set in
    # text columns it joins a name to the other column's words ("di Pisa Gli obiettivi") or cuts a name
    # wrapped in its column apart; the rows are read column by column.
    chamber = _chamber("\n".join(" ".join(cell.text for cell in row.cells if cell is not None)
                                 for row in layout.rows)) or _chamber(full)
    if chamber is None:
        raise UnknownDocument(f"{doc_type} {year}: no chamber of commerce named in the text")
    return DocumentInfo(doc_type=doc_type, chamber=chamber, phase=phase, reference_year=year,
                        title=_title(full, title_match.group(0), doc_type, phase, year))


def _head(full: str) -> str:
    """The first ``_HEAD_CHARS`` characters of the document's cleaned text.

    Cleaning (ftfy above all) costs by the character, and a born-digital page's text loses little
    to it: twice the head is cleaned first, four times only where that gives less than the head
    (markup, runs of blanks).  Cleaning changes a line by its neighbours at most, so the head read
    from a longer cleaned prefix is the same."""
    text = re.sub(r"<[^>]+>", " ", full[: _HEAD_CHARS * 4])
    head = clean_text(text[: _HEAD_CHARS * 2]) or ""
    if len(head) < _HEAD_CHARS + _HEAD_MARGIN and len(text) > _HEAD_CHARS * 2:
        head = clean_text(text) or ""
    return head[:_HEAD_CHARS]


def _title(full: str, matched: str, doc_type: str, phase: str | None, year: int) -> str:
    """The document's own heading line when it prints one, else a title built from what was found."""
    for line in full.splitlines():
        line = clean_text(line) or ""
        if matched.split()[0].lower() in line.lower() and str(year) in line and len(line) < 160:
            return line
    suffix = f" – {phase.capitalize()} {year}" if phase else f" {year}"
    return ("PIRA: Piano degli indicatori e dei risultati attesi di bilancio" if doc_type == "pira"
            else "Relazione sulla performance") + suffix


def describe_other(layout: Layout) -> DocumentInfo:
    """What can be said of a document that is not a report: its chamber if it names one, its first line."""
    full = "\n".join(layout.page_texts)
    first = next((clean_text(line) or "" for line in full.splitlines() if (clean_text(line) or "").strip()), "")
    return DocumentInfo(doc_type=None, chamber=_chamber(full), phase=None, reference_year=None, title=first[:160])
