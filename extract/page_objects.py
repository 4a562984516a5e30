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

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Literal, TypedDict, TypeVar

from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from camerale.extract.words import page_words_and_text

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
    # Where the printer set a new run of text apart without a space glyph (``words.py``): inside the
    # word, (offset in ``text``, x where the left part ends, x where the right part starts) ...
    cuts: list[tuple[int, float, float]]
    # ... and before the word, from the word before it on its line.
    unspaced: bool
    # Where a letter starts inside the one before it with no jump in printing order (kerning, or the next
    # cell's text printed right after this one's), as ``cuts``: a border only where other lines start there.
    overlaps: list[tuple[int, float, float]]


_T = TypeVar("_T")


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


class _ByCentre:
    """A page's chars (or words) sorted by vertical centre: those centred in a box, without testing them all.

    A ruled page has hundreds of cells and thousands of chars; testing every char for every
    cell was most of the table reader's time.  The cells of one grid row ask for the same band
    of centres: each band is sorted by horizontal centre once, and each cell takes its slice.
    """

    def __init__(self, objects: Sequence[Char] | Sequence[Word]) -> None:
        self._objects = objects
        self._order = sorted(range(len(objects)), key=lambda i: (objects[i]["top"] + objects[i]["bottom"]) / 2)
        self._centres = [(objects[i]["top"] + objects[i]["bottom"]) / 2 for i in self._order]
        self._bands: dict[tuple[int, int], tuple[list[int], list[float]]] = {}

    def within(self, x0: float, top: float, x1: float, bottom: float) -> list:
        """Objects whose centre is in the box (right and bottom borders excluded, as pdfplumber), in page order."""
        lo, hi = bisect_left(self._centres, top), bisect_left(self._centres, bottom)
        objects = self._objects
        band = self._bands.get((lo, hi))
        if band is None:
            order = sorted(self._order[lo:hi], key=lambda i: (objects[i]["x0"] + objects[i]["x1"]) / 2)
            band = self._bands[(lo, hi)] = (order, [(objects[i]["x0"] + objects[i]["x1"]) / 2 for i in order])
        order, centres = band
        return [objects[i] for i in sorted(order[bisect_left(centres, x0):bisect_left(centres, x1)])]


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
    text: str = ""                       # plain text, as pdfplumber's Page.extract_text() gives it
    _by_centre: dict[str, _ByCentre] = field(default_factory=dict, init=False, repr=False, compare=False)
    _derived: dict[Callable, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, build: Callable[[PageObjects], _T]) -> _T:
        """``build(self)``, worked out once per page: what a reader derives from the objects alone and
        asks for again and again (the table reader, once per candidate run of lines)."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]  # type: ignore[return-value]

    def centred_in(self, kind: Literal["chars", "words"], x0: float, top: float, x1: float,
                   bottom: float) -> list:
        """The page's chars or words whose centre lies in the box, in page order (pdfplumber's test for a cell)."""
        index = self._by_centre.get(kind)
        if index is None:
            index = self._by_centre[kind] = _ByCentre(getattr(self, kind))
        return index.within(x0, top, x1, bottom)


def _layout_objects(objects: Iterable) -> Iterator:
    """pdfminer's layout objects of a page, those inside figures included (pdfplumber's ``iter_layout_objects``)."""
    for obj in objects:
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj._objs)
        else:
            yield obj


def _pdfplumber_objects(page: pdfplumber.page.Page) -> tuple[list[Char], list[dict], list[dict], list[dict]]:
    """The page's chars, lines, rects and curves as pdfplumber gives them (``page.chars`` ...).

    A page's objects are almost all chars, and pdfplumber's ``process_object`` makes each a
    dict of some twenty attributes (colours, matrix, marked content), resolved one by one:
    about a third of the time of a page read by pdfplumber.  A char keeps only the keys the
    reader uses, computed as ``process_object`` computes them; lines, rects and curves (a few
    per page) are pdfplumber's own.
    """
    height, initial_doctop = page.height, page.initial_doctop
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[Char] = []
    shapes: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
    for obj in _layout_objects(page.layout._objs):
        if isinstance(obj, LTChar):
            top = (height - obj.y1) + mb_top
            fontname = obj.fontname
            chars.append({"text": obj.get_text(),
                          "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                          "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                          "top": top, "bottom": (height - obj.y0) + mb_top, "doctop": initial_doctop + top,
                          "upright": obj.upright, "size": obj.size,
                          "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname})
        elif isinstance(obj, LTCurve):   # lines and rects are curves too
            shape = page.process_object(obj)
            shapes[shape["object_type"]].append(shape)
    return chars, shapes["line"], shapes["rect"], shapes["curve"]


# A filled rectangle thinner than this (points) is a ruling line drawn as a rectangle (Word does so);
# a wider one is shading.
RULE_THICKNESS = 2.0


def _is_shading(rect: dict) -> bool:
    return (bool(rect.get("fill")) and not rect.get("stroke")
            and min(rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]) > RULE_THICKNESS)


def from_pdfplumber(page: pdfplumber.page.Page) -> PageObjects:
    """The objects of a pdfplumber page."""
    chars, lines, rects, curves = _pdfplumber_objects(page)
    return from_objects(page.page_number, float(page.width), float(page.height), int(page.rotation or 0) % 360,
                        chars, lines, rects, curves)


def from_objects(number: int, width: float, height: float, rotation: int, chars: list[Char],
                 lines: Iterable[dict], rects: Sequence[dict], curves: Iterable[dict]) -> PageObjects:
    """The objects of a page from its chars (``Char`` keys only), and pdfplumber's lines, rects and curves
    (or any source that gives them).

    Segments are pdfplumber's edges (lines, curves, the sides of rectangles) as for
    ``find_tables()``, except the sides of shading: a filled band is a fill, not a frame
    of ruled cells (a header shaded line by line is one cell, not two rows).
    """
    words, text = page_words_and_text(chars)
    edges = chain(map(line_to_edge, lines),
                  chain.from_iterable(rect_to_edges(r) for r in rects if not _is_shading(r)),
                  chain.from_iterable(curve_to_edges(c) for c in curves))
    segments: list[Segment] = [{"x0": e["x0"], "x1": e["x1"], "top": e["top"], "bottom": e["bottom"],
                                "width": e["x1"] - e["x0"], "height": e["bottom"] - e["top"],
                                "orientation": e["orientation"]} for e in edges if e["orientation"] in ("h", "v")]
    fills: list[Fill] = [{"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]}
                         for r in rects if _is_shading(r)]
    return PageObjects(number=number, width=width, height=height, rotation=rotation, chars=chars, words=words,
                       segments=segments, fills=fills, text=text)
