"""``PageObjects`` of born-digital pages read with pdfium: pdfplumber's objects at a fraction of the cost.

pdfplumber gets its characters and ruling lines from pdfminer, which interprets every
page's content stream in pure Python: about 70% of camerale's time on a born-digital
report.  pdfium (C++) does the same work some fifty times faster.  This module asks it
for what the table reader needs and gives it back *as pdfplumber would*, so that every
cell reads the same text:

- characters: pdfium's text page gives each glyph's text, origin and text matrix; the box
  is built as pdfminer builds it (advance width from the font's widths, the font
  descriptor's descent, a box one font size high), in pdfplumber's frame (origin top
  left, the page's /Rotate applied, MediaBox offsets as pdfplumber applies them);
- ruling segments and fills: each painted path (inside Form XObjects too) is split into
  subpaths and classified as pdfminer does (a line, an axis-aligned rectangle, or a
  curve), then turned into edges as pdfplumber does (``line_to_edge``, ``rect_to_edges``,
  ``curve_to_edges``), in pdfplumber's order: lines, then rectangle sides, then curves.

The font descriptor's descent is not available from pdfium (it substitutes glyph metrics
when the descriptor gives 0), so it is read with pdfminer's font classes from the page's
resources: only the font dictionaries are parsed, never a content stream.  So are the
widths of a font whose widths have fractions (ReportLab's): pdfium rounds them, and each
glyph of a text object drifts by what the rounded advances before it lost; the glyph is
put back by that much along its baseline.

A glyph whose code pdfium cannot map to Unicode is read as pdfminer reads it (its font's
text for that code, else ``(cid:N)``, and its width), where the code is the CID: a simple
font's, or a CID font's through an Identity CMap.  Where codes of different widths print
one text (a ligature mapped to one of its letters), pdfium's width by text is not the
glyph's: its loose box tells which it is, or where the next glyph starts.  pdfium's own
spaces are no glyphs; the text objects its text page leaves out are read as pdfminer reads
them (spaces; bold by overprinting), and its objects are put back in printing order (it
reads a line's objects left to right).  An /ActualText is taken off the page in memory
before pdfium reads its text: pdfium would read it in place of the glyphs.

A page this module cannot mirror exactly raises ``NotMirrored`` and is read with
pdfplumber: a glyph pdfminer reads as another text (the standard Symbol font without
/Encoding); a glyph without Unicode mapping in a CID font of another CMap; a glyph whose
width neither its loose box nor the next glyph tells; text in vertical writing or on a
slanted baseline; a font whose descent is ambiguous.
``bench/pdfium_equality.py`` checks, cell by cell, that both sources give the same tables.
"""
from __future__ import annotations

import ctypes
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFDocument
from pdfminer.cmapdb import IdentityCMap
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFTrueTypeFont, PDFType1Font, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1, stream_value
from pdfplumber.utils.text import LIGATURES

from camerale.errors import UnsupportedInput
from camerale.extract.page_objects import Char, PageObjects, from_objects

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# The letters of a ligature character -> it ('ffi' -> 'ﬃ'), where no other ligature has those letters.
_LIGATURE_OF = {letters: glyph for glyph, letters in LIGATURES.items()
                if list(LIGATURES.values()).count(letters) == 1}
# What FPDFText_GetText puts in place of a hyphen that ends a line (GetUnicode gives 0x02).
_HYPHEN_MARK = "\ufffe"


# The calls made for every glyph and every path segment, bound again with plain addresses for
# arguments and result: pypdfium2's prototypes check each pointer argument's type and wrap each
# returned handle in an object, which together cost about as much as the calls themselves (~0.7 us
# of ~3 us a glyph).
def _by_address(function: object, restype: object, *argtypes: object) -> Callable[..., object]:
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_text_object_at = _by_address(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_generated_at = _by_address(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
_unmapped_at = _by_address(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
_origin_at = _by_address(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                         ctypes.c_void_p, ctypes.c_void_p)
_marks_of = _by_address(pdfium_c.FPDFPageObj_CountMarks, ctypes.c_int, ctypes.c_void_p)
# ... and the calls made for every page object (``_content``): objects by address.
_page_object_at = _by_address(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_form_object_at = _by_address(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_form_count = _by_address(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, ctypes.c_void_p)
_object_type = _by_address(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)
_object_matrix = _by_address(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_draw_mode = _by_address(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                         ctypes.c_void_p)
_segment_count = _by_address(pdfium_c.FPDFPath_CountSegments, ctypes.c_int, ctypes.c_void_p)
# ... and for a glyph whose advance pdfium tells only by its boxes (``_advance_among``).
_matrix_at = _by_address(pdfium_c.FPDFText_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_loose_box_at = _by_address(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                            ctypes.c_void_p)
_ink_box_at = _by_address(pdfium_c.FPDFText_GetCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                          *[ctypes.c_void_p] * 4)
_segment_at = _by_address(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_segment_type = _by_address(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int, ctypes.c_void_p)
_segment_point = _by_address(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                             ctypes.c_void_p)
_segment_closes = _by_address(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int, ctypes.c_void_p)


class NotMirrored(Exception):
    """This page holds something pdfium cannot give exactly as pdfplumber does."""


@dataclass(frozen=True)
class _FontMetrics:
    fontname: str       # as pdfminer names it (subset tag included)
    descent: float      # per unit of font size, as pdfminer reads it (<= 0)
    embedded: bool
    # Advances per unit of font size by text, where the font's widths have fractions (None: all whole).
    # pdfium keeps whole thousandths of an em and places each glyph of a text object after the
    # rounded advances of the ones before: the glyphs drift, and are put back (``_read_chars``).
    # A text two glyphs of different widths print is left out (its glyphs are not mirrored).
    fractional_advances: tuple[tuple[str, float], ...] | None
    hyphens: frozenset[str]  # which of hyphen-minus and soft hyphen the font's codes map to, as pdfminer maps them
    # Texts that codes of different widths print (a ligature glyph mapped to one of its letters), with
    # those widths: pdfium tells a glyph's width by its text, and may give the other code's (``_read_chars``).
    shared_advances: tuple[tuple[str, frozenset[float]], ...]
    font: PDFFont       # pdfminer's own, to read a glyph whose code pdfium cannot map (``_unmapped_glyph``)
    # pdfium reads every code's width as pdfminer does (in whole thousandths): both take the font
    # dictionary's widths.  Not so where pdfminer takes the standard 14 fonts' metrics or a Type 3
    # font's matrix, or a /LastChar cuts the widths short for pdfium only.
    widths_alike: bool
    # pdfminer's advance of each text one width prints: pdfium's width of the text must be it (``_read_chars``).
    text_advances: dict[str, float] = field(compare=False)

    @functools.cached_property
    def texts(self) -> frozenset[str] | None:
        """Every text pdfminer reads a code of this font as, with the first letter of each text of several
        (pdfium splits a ligature into its letters); None where not known (a CID font without ToUnicode).

        pdfium may read a code otherwise: the standard Symbol font without /Encoding, which pdfminer
        reads in the standard encoding ('c' where pdfium reads its chi).  Read when a glyph is checked.
        """
        return _readable_texts(self.font)


# What ``_font_of`` tells of a pdfium font: pdfminer's metrics, fractional advances, the fonts it may be,
# the advances of texts that codes of different widths print (in any of those fonts), and the widths
# pdfium gave its glyphs by text so far on the page (``_TextObject.widths``).
_PageFont = tuple[_FontMetrics, dict[str, float] | None, tuple[_FontMetrics, ...], dict[str, frozenset[float]],
                  dict[str, float]]


@dataclass(frozen=True)
class _TextObject:
    matrix: Matrix      # text space -> pdfplumber's device space, without the glyph's origin
    font_size: float
    font: object        # pdfium font handle
    metrics: _FontMetrics
    advances: dict[str, float] | None      # the font's fractional advances by text (None: pdfium's widths)
    baseline: tuple[float, float]           # page-space step of one text-space unit along the baseline
    candidates: tuple[_FontMetrics, ...]    # the page's fonts pdfium's font may be: of its name, its descent
    shared: dict[str, frozenset[float]]     # ``_FontMetrics.shared_advances`` of the candidates
    # The widths pdfium gave the font's glyphs by text, checked against pdfminer's once for the page's
    # objects in that font (a TeX page prints one object per word).
    widths: dict[str, float]


def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0`` (pdfminer's ``mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _page_ctm(rotation: int, mediabox: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's device matrix for a page: MediaBox origin removed, /Rotate applied."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


class PdfiumSource:
    """One open document: pdfium for the pages, pdfminer for the font dictionaries only."""

    def __init__(self, data: bytes) -> None:
        self.pdf = pdfium.PdfDocument(data)
        self._data = data
        self._miner_pages: list[PDFPage] | None = None
        self._resources = PDFResourceManager(caching=True)
        self._fonts_by_resources: dict[int, dict[str, set[_FontMetrics]]] = {}
        # pdfminer's font (its resource manager keeps one per font object) -> its metrics: pages that
        # do not share one resources dictionary mostly share their fonts.
        self._metrics_by_font: dict[int, _FontMetrics] = {}

    def close(self) -> None:
        self.pdf.close()

    def __len__(self) -> int:
        return len(self.pdf)

    def page_height(self, index: int) -> float:
        """The page's height as pdfplumber gives it (after /Rotate)."""
        return _Frame.of(self._miner_page(index), 0.0).height

    # --- fonts --------------------------------------------------------------------------------

    def _miner_page(self, index: int) -> PDFPage:
        """pdfminer's page (its attributes, not its content): the MediaBox, /Rotate and fonts as pdfplumber reads them."""
        if self._miner_pages is None:
            self._miner_pages = list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(self._data)))))
        if index >= len(self._miner_pages):  # a damaged page tree that pdfium repairs and pdfminer cannot
            raise UnsupportedInput(f"damaged PDF (pdfminer: finds {len(self._miner_pages)} of the "
                                   f"{len(self.pdf)} pages pdfium finds)")
        return self._miner_pages[index]

    def _fonts_of_page(self, index: int) -> dict[str, set[_FontMetrics]]:
        """Metrics of the fonts a page can use (its resources and its forms'), by name without subset tag.

        Pages mostly share one resources dictionary (pdfminer resolves it to one object, kept
        with the document's pages): its fonts are read once.
        """
        resources = self._miner_page(index).resources
        fonts = self._fonts_by_resources.get(id(resources))
        if fonts is None:
            fonts = self._fonts_by_resources[id(resources)] = self._fonts_of(resources)
        return fonts

    def _fonts_of(self, page_resources: object) -> dict[str, set[_FontMetrics]]:
        fonts: dict[str, set[_FontMetrics]] = {}
        seen: set[int] = set()

        def walk(resources: object) -> None:
            resources = resolve1(resources)
            if not isinstance(resources, dict) or id(resources) in seen:
                return
            seen.add(id(resources))
            for ref in (resolve1(resources.get("Font")) or {}).values():
                spec = resolve1(ref)
                if not isinstance(spec, dict):
                    continue
                font = self._resources.get_font(getattr(ref, "objid", None), spec)
                metrics = self._metrics_by_font.get(id(font))
                if metrics is None:
                    metrics = self._metrics_by_font[id(font)] = _metrics(font, spec)
                fonts.setdefault(_SUBSET_TAG.sub("", metrics.fontname), set()).add(metrics)
            for ref in (resolve1(resources.get("XObject")) or {}).values():
                xobject = resolve1(ref)
                if hasattr(xobject, "attrs") and str(xobject.attrs.get("Subtype")) == "/'Form'":
                    walk(stream_value(xobject).attrs.get("Resources"))

        walk(page_resources)
        return fonts

    # --- pages --------------------------------------------------------------------------------

    def page_objects(self, index: int, doctop: float) -> PageObjects:
        """The objects of a page (0-based); raises ``NotMirrored`` when pdfplumber must read it."""
        frame = _Frame.of(self._miner_page(index), doctop)
        page = self.pdf[index]
        try:
            content = _Content.of(page.raw)
            chars = self._chars(page, index, frame, content)
            lines, rects, curves = _paths(content.paths, frame)
        finally:
            page.close()
        return from_objects(index + 1, frame.width, frame.height, frame.rotation, chars, lines, rects, curves)

    def _chars(self, page: pdfium.PdfPage, index: int, frame: _Frame, content: _Content) -> list[Char]:
        for key in content.ranks:
            if _marks_of(key):
                _drop_actual_text(key)
        textpage = pdfium_c.FPDFText_LoadPage(page.raw)
        try:
            return self._read_chars(textpage, index, frame, content)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)

    def _read_chars(self, textpage: object, index: int, frame: _Frame, content: _Content) -> list[Char]:
        """The page's chars (``content``: its objects in printing order).

        pdfium orders the text objects of a line by where they start, pdfminer (and so the
        words, ``words.py``) as printed; and it puts its own spaces between them in its order
        (a superscript printed after its line comes inside it, with a space that parts a
        word).  A page where pdfium's order is not the printing order is not mirrored.
        """
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        text = _all_text(textpage, count)
        # Several ctypes calls and one dict per glyph, tens of thousands of glyphs a page: what can
        # be bound once is bound here, and each text object says once how its glyphs are boxed (``glyph_box``).
        get_object, get_origin, map_error = _text_object_at, _origin_at, _unmapped_at
        glyph_width = pdfium_c.FPDFFont_GetGlyphWidth
        page_at = ctypes.cast(textpage, ctypes.c_void_p).value
        x, y = ctypes.c_double(), ctypes.c_double()
        x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
        width, unit = ctypes.c_float(), ctypes.c_float(1.0)
        # text object -> it, how its glyphs are boxed, and its font's advances and widths (read once an object)
        objects: dict[int, tuple[_TextObject, Callable[[str, float, float, float], Char], dict[str, float] | None,
                                 dict[str, float]]] = {}
        fonts: dict[str, set[_FontMetrics]] | None = None
        known_fonts: dict[int, _PageFont] = {}
        chars: list[Char] = []
        drift: dict[int, float] = {}   # text object -> what pdfium's rounded advances lost so far (text space)
        glyph_lost = 0.0               # what they had lost before the last glyph (of a font of fractional widths)
        last_key, last_x, last_y, last_j = 0, 0.0, 0.0, -1
        last_advance = 0.0            # the last glyph's advance (per unit of font size)
        run_key, run_rank = 0, -1     # the text object of the last glyph, and its rank in printing order
        runs: list[tuple[int, int]] = []   # each run of one text object's glyphs: its rank, its first char
        reordered = False
        for j in range(count):
            key = get_object(page_at, j)   # the text object's address, None for an inserted char
            if not key:
                continue    # a space or line break pdfium inserted between two text objects: no glyph
            if key != run_key:
                rank = content.ranks[key]
                reordered = reordered or rank < run_rank
                runs.append((rank, len(chars)))
                run_key, run_rank = key, rank
                known = objects.get(key)
                if known is None:
                    if fonts is None:
                        fonts = self._fonts_of_page(index)
                    matrix = pdfium_c.FS_MATRIX()
                    pdfium_c.FPDFText_GetMatrix(textpage, j, matrix)
                    obj = _text_object(ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT),
                                       (matrix.a, matrix.b, matrix.c, matrix.d),
                                       pdfium_c.FPDFText_GetFontSize(textpage, j), frame.ctm, fonts, known_fonts)
                    known = objects[key] = (obj, frame.glyph_box(obj), obj.advances, obj.widths)
                obj, make_char, advances, widths = known
            get_origin(page_at, j, x_at, y_at)
            xv, yv = x.value, y.value
            if map_error(page_at, j):
                # pdfium gives the glyph's code in place of a Unicode: pdfminer reads the glyph itself.
                if advances is not None:
                    raise NotMirrored("a character without Unicode mapping in a font of fractional widths")
                last_key, last_x, last_y, last_j = key, xv, yv, j
                text_of_code, last_advance = _unmapped_glyph(textpage, j, obj, (xv, yv), content.ranks)
                chars.append(make_char(text_of_code, xv, yv, last_advance))
                continue
            ch = text[j] if text is not None else _unicode_at(textpage, j)
            if ch == " " and _generated_at(page_at, j) and j + 1 < count and get_object(page_at, j + 1) == key:
                # pdfium's space for a gap inside a text object (a TJ offset), at the next glyph's origin: no
                # glyph, none in pdfminer.  Unless that glyph was a space, which pdfium drops after its own.
                get_origin(page_at, j + 1, x_at, y_at)
                if (x.value, y.value) == (xv, yv):
                    continue
            if ch == _HYPHEN_MARK:
                ch = _line_end_hyphen(obj)
            if key == last_key and xv == last_x and yv == last_y and _same_box(textpage, last_j, j):
                # One glyph (a ligature) that pdfium split into its letters: one char, as pdfminer has it,
                # as wide as the ligature's advance (the first letter's loose box, which pdfium sizes so).
                if advances is not None:
                    # The first letter was taken for a glyph of its own: its advance and drift are the ligature's.
                    letters = chars[-1]["text"] + ch
                    advance, rounded = _fractional_ligature(obj, letters)
                    drift[key] = glyph_lost + (advance - rounded) * obj.font_size
                    chars[-1] = make_char(letters, xv + glyph_lost * obj.baseline[0],
                                          yv + glyph_lost * obj.baseline[1], advance)
                    continue
                chars[-1]["text"] += ch
                chars[-1]["x1"] = frame.ligature_right(textpage, last_j, chars[-1], obj)
                continue
            before_key, before_x, before_y = last_key, last_x, last_y
            last_key, last_x, last_y, last_j = key, xv, yv, j
            if advances is not None:
                advance = advances.get(ch)
                if advance is not None and glyph_width(obj.font, ord(ch), unit, width):
                    rounded = width.value
                elif _ligature_goes_on(textpage, j, count, key, xv, yv):
                    advance = rounded = 0.0     # a ligature's first letter: the ligature's advance follows
                else:
                    raise NotMirrored("a glyph of fractional width that pdfminer's font does not tell")
                glyph_lost = drift.get(key, 0.0)
                drift[key] = glyph_lost + (advance - rounded) * obj.font_size
                xv, yv = xv + glyph_lost * obj.baseline[0], yv + glyph_lost * obj.baseline[1]
            else:
                advance = widths.get(ch)
                if advance is None:
                    if ch in obj.shared:
                        # The spacing the glyph before, of the same object, was printed with (the
                        # text state's character spacing) is the one after this glyph too.
                        spacing = (_spacing_after(obj, (before_x, before_y), last_advance, (xv, yv))
                                   if before_key == key and len(chars[-1]["text"]) == 1 and chars[-1]["text"] != " "
                                   else 0.0)
                        advance = _advance_among(textpage, j, (xv, yv), obj.font_size, obj.shared[ch],
                                                 content.ranks, spacing)
                    elif not glyph_width(obj.font, ord(ch), unit, width):
                        raise NotMirrored("a glyph without width")
                    elif _read_apart(obj, ch, width.value):
                        raise NotMirrored("a glyph pdfminer reads as another text, or with another width")
                    else:
                        advance = widths[ch] = width.value
            chars.append(make_char(ch, xv, yv, advance))
            last_advance = advance
        if reordered or len(objects) < len(content.ranks):
            if fonts is None:
                fonts = self._fonts_of_page(index)
            chars = _in_printing_order(chars, runs, content, frame, fonts, known_fonts)
        return chars


@dataclass(frozen=True)
class _Frame:
    """pdfplumber's frame of one page: where pdfium's page-space points land in pdfplumber's coordinates."""

    ctm: Matrix          # pdfminer's device matrix (MediaBox origin removed, /Rotate applied)
    width: float
    height: float
    rotation: int
    x_offset: float      # pdfplumber adds the MediaBox origin back (its issue #1181)
    top_offset: float
    doctop: float

    @classmethod
    def of(cls, page: PDFPage, doctop: float) -> _Frame:
        rotation = int(page.rotate) % 360
        box = [float(v) for v in resolve1(page.attrs["MediaBox"])]
        x0, x1 = sorted((box[0], box[2]))
        y0, y1 = sorted((box[1], box[3]))
        if rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        return cls(_page_ctm(rotation, page.mediabox), x1 - x0, y1 - y0, rotation, x0, -y0, doctop)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A device-space point as pdfplumber gives it: (x, top)."""
        return self.x_offset + x, self.top_offset + self.height - y

    def shape(self, kind: str, points: list[tuple[float, float]], paint: dict[str, bool]) -> dict:
        """A line, rect or curve as pdfplumber gives it: bounding box both ways up, points top-down."""
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        top = self.top_offset + self.height - y1
        obj = {"object_type": kind, "x0": self.x_offset + x0, "x1": self.x_offset + x1, "y0": y0, "y1": y1,
               "top": top, "bottom": self.top_offset + self.height - y0, "doctop": self.doctop + top,
               "width": x1 - x0, "height": y1 - y0, **paint}
        if kind != "rect":
            obj["pts"] = [self.point(x, y) for x, y in points]
        return obj

    def ligature_right(self, textpage: object, index: int, char: Char, obj: _TextObject) -> float:
        a, b, c, d, _, _ = obj.matrix
        if not (a > 0 and b == 0 and c == 0 and self.ctm[:4] == (1, 0, 0, 1)):
            raise NotMirrored("a ligature on a turned baseline")
        box = pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        return self.x_offset + self.ctm[4] + box.right

    def glyph_box(self, obj: _TextObject) -> Callable[[str, float, float, float], Char]:
        """How the glyphs of one text object are boxed in this frame: ``char(text, x, y, advance)``.

        pdfminer's LTChar box: from (0, descent) to (advance, descent + 1), in font-size units,
        through the text object's matrix, in pdfplumber's frame.  A closure: it runs for every
        glyph, and its constants are read as cell variables, cheaper than a dataclass's slots.
        """
        a, b, c, d, _, _ = obj.matrix
        size = obj.font_size
        low, high = obj.metrics.descent * size, (obj.metrics.descent + 1) * size   # in points
        ctm0, ctm1, ctm2, ctm3, ctm4, ctm5 = self.ctm
        upright, fontname, x_offset, doctop = a * d > 0 and b * c <= 0, obj.metrics.fontname, self.x_offset, self.doctop
        bottom_edge = self.top_offset + self.height   # device y -> pdfplumber's top
        # Text on a horizontal baseline (nearly all): the four corners pair up, and the box is the
        # same numbers without sorting them.
        horizontal = b == 0 and c == 0

        def char(text: str, x: float, y: float, advance: float) -> Char:
            ox, oy = ctm0 * x + ctm2 * y + ctm4, ctm1 * x + ctm3 * y + ctm5
            adv = advance * size
            if horizontal:
                width = a * adv
                x0, x1 = (ox, ox + width) if width >= 0 else (ox + width, ox)
                y0, y1 = oy + d * low, oy + d * high
                if y0 > y1:
                    y0, y1 = y1, y0
            else:
                xs = (ox + c * low, ox + a * adv + c * low, ox + a * adv + c * high, ox + c * high)
                ys = (oy + d * low, oy + b * adv + d * low, oy + b * adv + d * high, oy + d * high)
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            top = bottom_edge - y1
            return {"text": text, "x0": x_offset + x0, "x1": x_offset + x1, "top": top,
                    "bottom": bottom_edge - y0, "doctop": doctop + top, "upright": upright,
                    "size": y1 - y0, "fontname": fontname}
        return char


def _read_apart(obj: _TextObject, text: str, width: float) -> bool:
    """Does pdfminer read the glyph pdfium reads as ``text``, ``width`` wide, otherwise?  As another text
    (``_FontMetrics.texts``), or with another advance: pdfminer takes the standard 14 fonts' widths from
    their metrics, pdfium from the font dictionary."""
    if not any(m.texts is None or text in m.texts for m in obj.candidates):
        return True
    advances = {m.text_advances[text] for m in obj.candidates if text in m.text_advances}
    # A thousandth: pdfium keeps whole thousandths of an em.
    return bool(advances) and all(abs(advance - width) >= 0.001 for advance in advances)


def _ligature_goes_on(textpage: object, index: int, count: int, key: int, x: float, y: float) -> bool:
    """Is the glyph after ``index`` (of text object ``key``, at ``x``, ``y``) more of the same ligature?"""
    if index + 1 >= count or _text_object_at(ctypes.cast(textpage, ctypes.c_void_p).value, index + 1) != key:
        return False
    x_next, y_next = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index + 1, x_next, y_next)
    return (x_next.value, y_next.value) == (x, y) and _same_box(textpage, index, index + 1)


def _in_printing_order(chars: list[Char], runs: list[tuple[int, int]], content: _Content, frame: _Frame,
                       fonts: dict[str, set[_FontMetrics]], known_fonts: dict[int, _PageFont]) -> list[Char]:
    """The chars as pdfminer gives them: by the rank of their text object, each object's glyphs in their
    order, with the objects pdfium's text page leaves out (``_left_out``).

    pdfium reads the objects of a line left to right (a row's label printed after its figures comes
    first); ``runs`` are its runs of one object's glyphs, each (rank, index of its first char).  The
    words depend on the printing order (``words.py``: a run started back inside the one before it).
    """
    ends = [start for _, start in runs[1:]] + [len(chars)]
    pieces: dict[int, list[Char]] = {}
    for (rank, start), end in zip(runs, ends):
        pieces.setdefault(rank, []).extend(chars[start:end])
    keys = list(content.ranks)   # in printing order: a key's rank is its place
    for rank, key in enumerate(keys):
        if rank not in pieces:
            pieces[rank] = _left_out(key, rank, keys, pieces, content, frame, fonts, known_fonts)
    return [char for rank in sorted(pieces) for char in pieces[rank]]


def _left_out(key: int, rank: int, keys: list[int], pieces: dict[int, list[Char]], content: _Content, frame: _Frame,
              fonts: dict[str, set[_FontMetrics]], known_fonts: dict[int, _PageFont]) -> list[Char]:
    """The chars of text object ``key``, which pdfium's text page leaves out, as pdfminer reads them.

    pdfium makes no text object of an empty string, and leaves out of its text page:
    - an object whose glyphs draw nothing (``_prints``): spaces, or no-break spaces, which pdfminer
      reads and which end a word as a space does.  One space at the object's origin stands for
      them (a run of spaces ends the same words);
    - an object printed over one of the five text objects printed before it, with the same codes,
      less than a glyph away (bold by overprinting): those are its glyphs, moved as its origin is.
    """
    if _prints(key):
        return _overprinted(key, rank, keys, pieces, content, frame)
    _, size, turn, _, (e, f) = _placement(key, content)
    obj = _text_object(ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT), turn[:4], size, frame.ctm, fonts, known_fonts)
    width = ctypes.c_float()
    if obj.advances is not None:
        advance = obj.advances.get(" ")
    elif " " not in obj.shared and pdfium_c.FPDFFont_GetGlyphWidth(obj.font, ord(" "), ctypes.c_float(1.0), width):
        advance = width.value
    else:
        advance = None
    if advance is None:
        raise NotMirrored("a dropped space whose width pdfium does not tell")
    return [frame.glyph_box(obj)(" ", e, f, advance)]


def _overprinted(key: int, rank: int, keys: list[int], pieces: dict[int, list[Char]], content: _Content,
                 frame: _Frame) -> list[Char]:
    """The glyphs of text object ``key`` (of ``rank``), printed over an earlier one (``_left_out``).

    pdfium tells that one by the codes, which it does not give: here it is the one of the same font,
    size and turn whose ink covers a box of the same size (a glyph's width apart at most, as pdfium's).
    """
    font, size, turn, ink, (e, f) = _placement(key, content)
    for earlier in range(rank - 1, max(rank - 6, -1), -1):
        other_font, other_size, other_turn, other_ink, (other_e, other_f) = _placement(keys[earlier], content)
        if ((other_font, other_size, other_turn) == (font, size, turn) and earlier in pieces
                and all(abs(mine - theirs) < 0.01 for mine, theirs in zip(ink, other_ink))):
            dx, dy = e - other_e, f - other_f
            ctm0, ctm1, ctm2, ctm3 = frame.ctm[:4]
            right, down = ctm0 * dx + ctm2 * dy, -(ctm1 * dx + ctm3 * dy)   # in pdfplumber's frame
            return [{**char, "x0": char["x0"] + right, "x1": char["x1"] + right, "top": char["top"] + down,
                     "bottom": char["bottom"] + down, "doctop": char["doctop"] + down} for char in pieces[earlier]]
    raise NotMirrored("a text object that pdfium leaves out")


def _placement(key: int, content: _Content) -> tuple[int, float, Matrix, tuple[float, float], tuple[float, float]]:
    """A text object's font (by address), font size, turn (its matrix to page space without the origin),
    the size of its ink's box, and its origin in page space."""
    handle = ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT)
    matrix, size = pdfium_c.FS_MATRIX(), ctypes.c_float()
    pdfium_c.FPDFPageObj_GetMatrix(handle, matrix)
    pdfium_c.FPDFTextObj_GetFontSize(handle, size)
    a, b, c, d, e, f = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f),
                                 content.in_forms.get(key, _IDENTITY))
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    font = ctypes.cast(pdfium_c.FPDFTextObj_GetFont(handle), ctypes.c_void_p).value
    return font, size.value, (a, b, c, d, 0.0, 0.0), (right.value - left.value, top.value - bottom.value), (e, f)


def _prints(key: int) -> bool:
    """Does text object ``key`` print ink?  pdfium drops objects of no ink (an empty string, spaces:
    pdfium keeps one space of a run), which change no word."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT), left, bottom, right, top)
    # pdfium's kSizeEpsilon
    return abs(right.value - left.value) >= 0.01 and abs(top.value - bottom.value) >= 0.01


def _same_box(textpage: object, i: int, j: int) -> bool:
    boxes = []
    for k in (i, j):
        box = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
        pdfium_c.FPDFText_GetCharBox(textpage, k, *box)
        boxes.append(tuple(v.value for v in box))
    return boxes[0] == boxes[1]


def _all_text(textpage: object, count: int) -> str | None:
    """The Unicode of every character in one call; None when it does not give one code unit per character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    return text if len(text) == count else None


def _fractional_ligature(obj: _TextObject, letters: str) -> tuple[float, float]:
    """A ligature's advance in a font of fractional widths, pdfminer's and pdfium's (whole thousandths).

    pdfminer reads the glyph as its ligature character ('ﬁ', which pdfium splits into its letters)
    or as its letters (a ToUnicode map); pdfium tells the width of the ligature character only.
    """
    ligature = _LIGATURE_OF.get(letters)
    found = {obj.advances[text] for text in (letters, ligature) if text in obj.advances}
    width = ctypes.c_float()
    if (len(found) != 1 or ligature is None
            or not pdfium_c.FPDFFont_GetGlyphWidth(obj.font, ord(ligature), ctypes.c_float(1.0), width)
            or abs(width.value - next(iter(found))) >= 0.001):
        raise NotMirrored("a ligature in a font of fractional widths that pdfminer's or pdfium's font does not tell")
    return found.pop(), width.value


def _unmapped_glyph(textpage: object, index: int, obj: _TextObject, origin: tuple[float, float],
                    ranks: dict[int, int]) -> tuple[str, float]:
    """pdfminer's text and advance (per unit of font size) of glyph ``index``, whose code pdfium cannot map.

    Fonts of one name may read the code apart (one maps it, one leaves it ``(cid:N)``):
    then the font pdfium uses is told by its width of the code, where the fonts' widths differ.
    """
    code = pdfium_c.FPDFText_GetUnicode(textpage, index)   # pdfium's stand-in: the code itself
    readings = {m: _cid_reading(m.font, code) for m in obj.candidates}
    if len(set(readings.values())) > 1:
        width = _advance_among(textpage, index, origin, obj.font_size,
                               {r[1] for m, r in readings.items() if m.widths_alike}, ranks)
        readings = {m: r for m, r in readings.items() if not m.widths_alike or r[1] == width}
    if len(set(readings.values())) != 1:
        raise NotMirrored("a character without Unicode mapping that fonts of its name read apart")
    return next(iter(readings.values()))


def _cid_reading(font: PDFFont, code: int) -> tuple[str, float]:
    """What pdfminer makes of the glyph of ``code`` in ``font`` (``render_char``): its text and advance."""
    if isinstance(font, PDFCIDFont) and type(font.cmap) is not IdentityCMap:
        # pdfium gives the code, pdfminer reads the CID: the same number only through Identity-H/V.
        raise NotMirrored("a character without Unicode mapping in a CID font of a CMap not Identity")
    try:
        text = font.to_unichr(code)
    except PDFUnicodeNotDefined:
        text = f"(cid:{code})"     # pdfminer's handle_undefined_char
    return text, font.char_width(code)


def _advance_among(textpage: object, index: int, origin: tuple[float, float], font_size: float,
                   advances: Iterable[float], ranks: dict[int, int], spacing: float = 0.0) -> float:
    """Which of ``advances`` (per unit of font size) is pdfium's for glyph ``index``, printed at ``origin``.

    pdfium's loose box of a glyph reaches along its baseline from its origin to the end of its
    advance, or to the end of its ink where that reaches further (an 'f'): the one advance whose
    box would end where pdfium's does.  Where the ink reaches past every advance, the glyph printed
    next (``ranks``: text objects by printing order) tells it, where it starts at the end of exactly one
    and ``spacing`` (page units along the baseline) past it.  Baselines along an axis of the page only.
    """
    page_at = ctypes.cast(textpage, ctypes.c_void_p).value
    matrix, loose, ink = pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF(), (ctypes.c_double * 4)()
    _matrix_at(page_at, index, ctypes.addressof(matrix))
    # Where a point lies along the baseline, and across it.
    if matrix.b == 0 and matrix.c == 0 and matrix.a:
        sign, step, height = (1 if matrix.a > 0 else -1), abs(matrix.a) * font_size, abs(matrix.d) * font_size
        along, across = (lambda x, y: sign * x), (lambda x, y: y)
    elif matrix.a == 0 and matrix.d == 0 and matrix.b:
        sign, step, height = (1 if matrix.b > 0 else -1), abs(matrix.b) * font_size, abs(matrix.c) * font_size
        along, across = (lambda x, y: sign * y), (lambda x, y: x)
    else:
        raise NotMirrored("a glyph of a code that pdfium does not tell, on a slanted baseline")
    _loose_box_at(page_at, index, ctypes.addressof(loose))
    _ink_box_at(page_at, index, *(ctypes.addressof(ink) + 8 * k for k in range(4)))
    ink_left, ink_right, ink_bottom, ink_top = ink
    start = along(*origin)
    loose_end = max(along(loose.left, loose.bottom), along(loose.right, loose.top))
    ink_end = max(along(ink_left, ink_bottom), along(ink_right, ink_top))
    if abs(across(ink_right, ink_top) - across(ink_left, ink_bottom)) < 0.002 * height:
        ink_end = start   # a glyph without ink (a space): pdfium boxes it one advance long, 1/1000 em high
    # A thousandth of a point: pdfium's boxes are 32-bit floats.
    fitting = {a for a in advances if abs(max(start + a * step, ink_end) - loose_end) < 0.001}
    if len(fitting) > 1:
        after = _origin_of_next(page_at, index, ranks)
        if after is not None and across(*after) == across(*origin):
            fitting = {a for a in fitting if abs(start + a * step + spacing - along(*after)) < 0.001}
    if len(fitting) != 1:
        raise NotMirrored("a glyph of a code that pdfium does not tell")
    return fitting.pop()


def _spacing_after(obj: _TextObject, origin: tuple[float, float], advance: float, next_origin: tuple[float, float]
                   ) -> float:
    """How far past the end of a glyph of ``obj`` at ``origin``, ``advance`` long (per unit of font size), the
    glyph at ``next_origin`` starts: page units along the baseline."""
    ux, uy = obj.baseline
    length = math.hypot(ux, uy)
    return ((next_origin[0] - origin[0]) * ux + (next_origin[1] - origin[1]) * uy) / length \
        - advance * obj.font_size * length


def _origin_of_next(page_at: int, index: int, ranks: dict[int, int]) -> tuple[float, float] | None:
    """The origin of the glyph printed right after glyph ``index``: the next of its text object, or the
    first of the object printed next.  None where pdfium reads something else next (a space of its own,
    an object printed elsewhere in the content)."""
    key, following = _text_object_at(page_at, index), _text_object_at(page_at, index + 1)
    if not following or (following != key and ranks.get(following) != ranks[key] + 1):
        return None
    x, y = ctypes.c_double(), ctypes.c_double()
    _origin_at(page_at, index + 1, ctypes.addressof(x), ctypes.addressof(y))
    return x.value, y.value


def _unicode_at(textpage: object, index: int) -> str:
    """One character's Unicode, a line-end hyphen marked as ``FPDFText_GetText`` marks it.

    For a page whose text ``_all_text`` cannot give: ``FPDFText_GetText`` leaves out characters
    whose Unicode pdfium takes for a control code (0x02, 0x03, 0x93...), and 0x02 is also
    what ``FPDFText_GetUnicode`` gives for a line-end hyphen.
    """
    if pdfium_c.FPDFText_IsHyphen(textpage, index):
        return _HYPHEN_MARK
    return chr(pdfium_c.FPDFText_GetUnicode(textpage, index))


def _line_end_hyphen(obj: _TextObject) -> str:
    """The hyphen printed at the end of a line, which pdfium reports only as 'a hyphen'.

    pdfium marks so a hyphen-minus or a soft hyphen: it is the one the font's codes map to
    (what pdfminer will read), else the one the font has a glyph for.
    """
    if len(obj.metrics.hyphens) == 1:
        return next(iter(obj.metrics.hyphens))
    width = ctypes.c_float()
    present = [ch for ch in ("-", "\xad")
               if pdfium_c.FPDFFont_GetGlyphWidth(obj.font, ord(ch), ctypes.c_float(1.0), width)
               and width.value > 0]
    if len(present) != 1:
        raise NotMirrored("a line-end hyphen that may be a hyphen-minus or a soft hyphen")
    return present[0]


def _by_pdfium_descent(font: object, candidates: set[_FontMetrics]) -> set[_FontMetrics]:
    """Fonts of one name told apart by the descent pdfium reports.

    pdfium's descent is the descriptor's when the descriptor gives one; when it gives none
    (pdfminer reads 0), pdfium measures glyphs instead, and nothing can be told apart.
    """
    descent = ctypes.c_float()
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent)
    return {m for m in candidates if m.descent != 0 and round(m.descent * 1000) == round(descent.value)}


def _metrics(font: PDFFont, spec: dict) -> _FontMetrics:
    if font.is_vertical():
        raise NotMirrored("a font in vertical writing")
    name = font.fontname if isinstance(font.fontname, str) else str(font.fontname)
    descriptor = getattr(font, "descriptor", {}) or {}
    embedded = any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))
    widths = getattr(font, "widths", {}) or {}
    whole = all(float(w).is_integer() for w in widths.values() if isinstance(w, (int, float)))
    by_text = _advances_by_text(font, widths)
    text_advances = {text: next(iter(found)) for text, found in by_text.items() if len(found) == 1}
    advances = None if whole else tuple(sorted(text_advances.items()))
    # A code of no width is one the font does not print (a subset's unused codes; WinAnsi's 160 and
    # 173, which pdfminer reads as spaces and pdfium as a no-break space and a soft hyphen).
    shared = tuple(sorted((text, frozenset(found - {0})) for text, found in by_text.items() if len(found - {0}) > 1))
    unicode_map = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {}
    mapped = {*unicode_map.values(), *(getattr(font, "cid2unicode", None) or {}).values()}
    return _FontMetrics(name, font.get_descent(), embedded, advances, frozenset(mapped & {"-", "\xad"}), shared,
                        font, _widths_alike(font, spec), text_advances)


def _readable_texts(font: PDFFont) -> frozenset[str] | None:
    """``_FontMetrics.texts``: a CID font's ToUnicode; a simple font's codes as pdfminer reads them, those
    its /Widths list where it lists any (a subset prints no other)."""
    unicode_map = getattr(getattr(font, "unicode_map", None), "cid2unichr", None) or {}
    if isinstance(font, PDFCIDFont):
        if not unicode_map:
            return None
        texts = set(unicode_map.values())
    else:
        texts = set()
        for code in [code for code in getattr(font, "widths", None) or {} if isinstance(code, int)] or range(256):
            try:
                texts.add(font.to_unichr(code))
            except Exception:  # pdfminer's PDFUnicodeNotDefined, or a damaged map: pdfium reports such codes
                continue
    letters = {LIGATURES.get(text, text)[:1] for text in texts}
    return frozenset(texts | letters)


def _widths_alike(font: PDFFont, spec: dict) -> bool:
    """Does pdfium read every code's width as pdfminer does (``_FontMetrics.widths_alike``)?"""
    if isinstance(font, PDFCIDFont):
        return True     # both read /W and /DW
    if type(font) not in (PDFType1Font, PDFTrueTypeFont) or font.basefont in FONT_METRICS:
        return False
    widths, first, last = (resolve1(spec.get(key)) for key in ("Widths", "FirstChar", "LastChar"))
    # pdfium reads the widths up to /LastChar, pdfminer all of them.
    return isinstance(widths, list) and (not last or not isinstance(first, int) or last >= first + len(widths) - 1)


def _text_object(handle: object, matrix: tuple[float, float, float, float], font_size: float, ctm: Matrix,
                 fonts: dict[str, set[_FontMetrics]], known_fonts: dict[int, _PageFont]) -> _TextObject:
    """A text object, ``matrix`` its text space to page space without the origin; ``known_fonts``: the
    page's fonts met so far, by pdfium handle."""
    a, b, c, d, _, _ = _multiply((*matrix, 0.0, 0.0), ctm)
    font = pdfium_c.FPDFTextObj_GetFont(handle)
    # A page prints many text objects in a few fonts (a TeX page one per word): each font is matched once.
    address = ctypes.cast(font, ctypes.c_void_p).value
    known = known_fonts.get(address)
    if known is None:
        known = known_fonts[address] = _font_of(font, fonts)
    return _TextObject((a, b, c, d, 0.0, 0.0), font_size, font, known[0], known[1], matrix[:2], *known[2:])


def _drop_actual_text(key: int) -> None:
    """Take away the marked content with an /ActualText around text object ``key`` (by address), on the page
    in memory: pdfium's text page reads the /ActualText in place of the glyphs, at the object's origin and
    in its box, and pdfminer reads the glyphs.  Without it, pdfium reads them too."""
    handle = ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT)
    for i in reversed(range(pdfium_c.FPDFPageObj_CountMarks(handle))):
        mark = pdfium_c.FPDFPageObj_GetMark(handle, i)
        if pdfium_c.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != pdfium_c.FPDF_OBJECT_UNKNOWN:
            pdfium_c.FPDFPageObj_RemoveMark(handle, mark)


def _font_of(font: object, fonts: dict[str, set[_FontMetrics]]) -> _PageFont:
    """pdfminer's metrics of a pdfium font among the page's fonts, its fractional advances by text,
    and the page's fonts it may be (``_TextObject.candidates``)."""
    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, length)
    embedded = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
    candidates = {m for m in fonts.get(_SUBSET_TAG.sub("", name.value.decode("utf-8", "replace")), set())
                  if m.embedded == embedded}
    if len({m.descent for m in candidates}) > 1:
        candidates = _by_pdfium_descent(font, candidates)
    if len({m.descent for m in candidates}) != 1:
        raise NotMirrored(f"font {name.value!r}: {len(candidates)} descents in the page's resources")
    if len({m.fractional_advances for m in candidates}) != 1:
        raise NotMirrored(f"font {name.value!r}: fonts of that name with other fractional widths")
    metrics = min(candidates, key=lambda m: m.fontname)
    shared: dict[str, frozenset[float]] = {}
    for text, found in (pair for m in candidates for pair in m.shared_advances):
        shared[text] = shared.get(text, frozenset()) | found
    return (metrics, None if metrics.fractional_advances is None else dict(metrics.fractional_advances),
            tuple(candidates), shared, {})


def _advances_by_text(font: PDFFont, widths: dict) -> dict[str, set[float]]:
    """Text -> the advances per unit of font size, as pdfminer's ``char_width`` gives them, of the codes
    that print it (``_FontMetrics.text_advances`` and ``shared_advances``)."""
    by_text: dict[str, set[float]] = {}
    for cid, width in widths.items():
        if not isinstance(width, (int, float)):
            continue
        if isinstance(cid, str):
            text = cid      # the standard 14 fonts' metrics, which pdfminer looks up by text
        else:
            try:
                text = font.to_unichr(cid)
            except Exception:  # pdfminer's PDFUnicodeNotDefined, or a damaged map: that glyph is not mirrored
                continue
        by_text.setdefault(text, set()).add(width * font.hscale)
    return by_text


# --- paths -------------------------------------------------------------------------------------

_MOVETO, _LINETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


@dataclass(frozen=True)
class _Content:
    """A page's objects in printing order, Form XObjects entered, by address (``FPDFText_GetTextObject``
    gives the same address)."""

    ranks: dict[int, int]                   # text object -> its rank
    in_forms: dict[int, Matrix]             # text object inside a form -> the form's matrix to page space
    paths: list[tuple[int, Matrix]]         # every path object, with its matrix to page space

    @classmethod
    def of(cls, page: object) -> _Content:
        matrix = pdfium_c.FS_MATRIX()
        matrix_at = ctypes.addressof(matrix)
        content = cls({}, {}, [])
        text, path, form = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM

        def walk(count: int, get: Callable[..., object], parent: int, outer: Matrix | None) -> None:
            for i in range(count):
                obj = get(parent, i)
                kind = _object_type(obj)
                if kind == text:
                    content.ranks[obj] = len(content.ranks)
                    if outer is not None:
                        content.in_forms[obj] = outer
                if kind != path and kind != form:
                    continue
                _object_matrix(obj, matrix_at)
                own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer or _IDENTITY)
                if kind == path:
                    content.paths.append((obj, own))
                else:
                    walk(_form_count(obj), _form_object_at, obj, own)

        walk(pdfium_c.FPDFPage_CountObjects(page), _page_object_at, ctypes.cast(page, ctypes.c_void_p).value, None)
        return content


def _paths(paths: list[tuple[int, Matrix]], frame: _Frame) -> tuple[list[dict], list[dict], list[dict]]:
    """pdfplumber's ``lines``, ``rects`` and ``curves`` of a page's path objects (``_Content``), in content order."""
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    fill_at, stroke_at = ctypes.addressof(fill_mode), ctypes.addressof(stroke)
    for handle, matrix in paths:
        _draw_mode(handle, fill_at, stroke_at)
        paint = {"fill": fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE, "stroke": bool(stroke.value)}
        if not (paint["fill"] or paint["stroke"]):
            continue    # a clipping path: pdfminer paints nothing
        for shape, points in _subpaths(handle, _multiply(matrix, frame.ctm)):
            if shape in ("ml", "mlh"):
                lines.append(frame.shape("line", points[:2], paint))
            elif shape in ("mlllh", "mllll") and _is_rect(points):
                rects.append(frame.shape("rect", points, paint))
            else:
                curves.append(frame.shape("curve", points, paint))
    return lines, rects, curves


def _subpaths(path: int, matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's view of a path (by address): per subpath, its operators ('m', 'l', 'c', 'h') and end points."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    shape, points = "", []
    bezier = 0
    for i in range(_segment_count(path)):
        segment = _segment_at(path, i)
        kind = _segment_type(segment)
        _segment_point(segment, x_at, y_at)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == _MOVETO:
            if shape:
                yield _closed(shape, points)
            shape, points, bezier = "m", [point], 0
            continue
        if kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue    # control points: pdfminer keeps only the end point of a curve
            shape += "c"
        else:
            shape += "l"
        points.append(point)
        if _segment_closes(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        yield _closed(shape, points)


def _closed(shape: str, points: list[tuple[float, float]]) -> tuple[str, list[tuple[float, float]]]:
    """pdfminer drops the line back to the start that closes a path ('...lh' ending where it began)."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        return shape[:-2] + "h", points[:-2] + points[-1:]
    return shape, points


def _is_rect(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points[:5]
    return last == points[0] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                  or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))

