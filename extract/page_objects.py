"""What a page gives the table reader, as plain data, whatever read the page.

The table reader (``table_reader``) never sees a pdfplumber page, a pdfium page or an
image: it sees a ``PageObjects`` — the page size and rotation, the printed text as
characters and/or words with their boxes, the ruling segments and the filled
rectangles.  Any source fills the same structure: ``from_pdfplumber`` below for
born-digital pages, OCR word boxes for scanned pages (``extract/ocr.py``), and any
other PDF library that can list glyphs and paths.

Coordinates are PDF points in the page as displayed (rotation already applied),
origin top-left, as pdfplumber gives them.  The object types are ``TypedDict``s, i.e.
plain dicts at run time, so that pdfplumber's own text and lattice utilities
(``pdfplumber.utils.extract_text``, ``pdfplumber.table.merge_edges`` ...) take them
as they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Literal, TypedDict

from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

if TYPE_CHECKING:
    import pdfplumber.page


class Char(TypedDict):
    """One printed glyph.  ``doctop`` is ``top`` plus the height of the pages before (pdfplumber)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    doctop: float
    upright: bool
    size: float
    fontname: str


class Word(TypedDict, total=False):
    """A run of glyphs without a space; OCR gives only these (with ``confidence``, 0-100)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool
    confidence: float


class Segment(TypedDict):
    """A ruling line, or one side of a drawn rectangle: ``orientation`` 'h' or 'v' (pdfplumber edges)."""

    x0: float
    x1: float
    top: float
    bottom: float
    width: float
    height: float
    orientation: Literal["h", "v"]


class Fill(TypedDict):
    """A filled rectangle: cell shading, a coloured band, a chart bar."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageObjects:
    """Everything the table reader needs to know about one page."""

    number: int                          # 1-based
    width: float
    height: float
    rotation: int = 0                    # the page's /Rotate, already applied to the coordinates
    chars: list[Char] = field(default_factory=list)   # empty for OCR'd pages
    words: list[Word] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)


# Keys of a pdfplumber char that the reader and pdfplumber's text utilities use.
_CHAR_KEYS = tuple(Char.__annotations__)


# A filled rectangle thinner than this (points) is a ruling line drawn as a rectangle (Word does so);
# a wider one is shading.
RULE_THICKNESS = 2.0


def _is_shading(rect: dict) -> bool:
    return (bool(rect.get("fill")) and not rect.get("stroke")
            and min(rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]) > RULE_THICKNESS)


def from_pdfplumber(page: pdfplumber.page.Page) -> PageObjects:
    """The objects of a pdfplumber page.

    Segments are pdfplumber's edges (lines, curves, the sides of rectangles) as for
    ``find_tables()``, except the sides of shading: a filled band is a fill, not a frame
    of ruled cells (a header shaded line by line is one cell, not two rows).
    """
    chars: list[Char] = [{k: c[k] for k in _CHAR_KEYS} for c in page.chars]  # type: ignore[misc]
    words: list[Word] = [{"text": w["text"], "x0": w["x0"], "x1": w["x1"], "top": w["top"],
                          "bottom": w["bottom"], "upright": w["upright"]}
                         for w in page.extract_words()]
    edges = chain(map(line_to_edge, page.lines),
                  chain.from_iterable(rect_to_edges(r) for r in page.rects if not _is_shading(r)),
                  chain.from_iterable(curve_to_edges(c) for c in page.curves))
    segments: list[Segment] = [{"x0": e["x0"], "x1": e["x1"], "top": e["top"], "bottom": e["bottom"],
                                "width": e["x1"] - e["x0"], "height": e["bottom"] - e["top"],
                                "orientation": e["orientation"]} for e in edges if e["orientation"] in ("h", "v")]
    fills: list[Fill] = [{"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]}
                         for r in page.rects if _is_shading(r)]
    return PageObjects(number=page.page_number, width=float(page.width), height=float(page.height),
                       rotation=int(page.rotation or 0) % 360, chars=chars, words=words,
                       segments=segments, fills=fills)
