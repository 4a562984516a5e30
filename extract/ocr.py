"""Scanned pages to rows: render, straighten, find the ruled tables, OCR with Tesseract.

The cell structure comes from the ruling lines (``ocr_tables``), never from Tesseract's
layout analysis.  Tesseract then reads each cell on its own: the inside of every cell,
cut at its printed lines and with the lines painted over (a line next to a digit is
otherwise read as '|' or eats a character), is pasted into one tall mosaic together
with the page minus its tables (the prose), and the mosaic is read in a single run, so
a page costs one Tesseract start however many cells it has.  A cell that prints only
``---`` is recognised by shape; a short cell read with low confidence is read again
alone, magnified.  The words then go through the table reader (``table_reader``) as a
born-digital page's do: the ruled cells get the words read in them, the rest of the page
may hold tables without rules, and what is left is prose, one row per line.

Pages are independent, so they are spread over a process pool.  Tesseract's own
OpenMP threading is switched off (``OMP_THREAD_LIMIT=1``): with it, threads of
parallel pages fight for the cores and a page takes six times longer.
"""
from __future__ import annotations

import bisect
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterator

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract

from camerale.extract.ocr_tables import (POINTS_PER_INCH, TableGrid, cell_interior, deskew,
                                         erase_rulings, find_tables, grey_level, ink_mask, mm_to_px,
                                         read_dashes, ruling_masks, ruling_segments, skew_angle)
from camerale.children import die_with_parent
from camerale.extract.page_objects import PageObjects, Segment, Word
from camerale.extract.table_reader import COLUMN_GAP, ocr_font_boxes, read_tables
from camerale.extract.settings import OcrSettings
from camerale.model import Box, Row

# Below this mean word confidence a page is noise read as letters: its rows would be invented.
UNREADABLE_CONFIDENCE = 40.0
# Italian function words: any real Italian page prints some, a page of noise or of another language none.
_ITALIAN_WORDS = frozenset(
    "di a da in con su per tra fra il lo la i gli le un una uno del dello della dei degli delle al allo "
    "alla ai agli alle dal dalla dai dalle nel nello nella nei negli nelle sul sulla sui sulle e ed o che "
    "non si come anche è sono".split())
_WORD = re.compile(r"[^\W\d_]+")
# Trimmed off each side of a cell, past its ruling line, before reading it: the painted-over
# line.  Text comes as close as 1 mm to a ruling, so more would cut letters.
_CELL_INSET_MM = 0.4
# Blank space between the blocks of the mosaic Tesseract reads, and around the ink of each block.
_BLOCK_GAP_MM = 2.5
_BLOCK_PAD_MM = 1.0
# Doubtful cells of at most this many words are read again alone, at these magnifications in turn
# (a long text reads no better alone, and each reading costs a Tesseract start).
_REREAD_MAGNIFY = (1, 3)
_REREAD_MAX_WORDS = 2


@dataclass
class OcrPage:
    """One OCR'd page: rows in the shape pdfplumber gives for a born-digital page."""

    page: int                   # 1-based
    rows: list[Row]
    text: str
    confidence: float           # mean word confidence 0-100; 0.0 when no word was read
    warnings: list[str] = field(default_factory=list)
    skew_degrees: float = 0.0   # the rotation that was undone before reading


@dataclass(frozen=True)
class _Word:
    text: str
    conf: float
    box: Box

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box.x0 + self.box.x1) / 2, (self.box.top + self.box.bottom) / 2


@contextmanager
def _tesseract_threads(n: int | None) -> Iterator[None]:
    old = os.environ.get("OMP_THREAD_LIMIT")
    if n is None:
        os.environ.pop("OMP_THREAD_LIMIT", None)
    else:
        os.environ["OMP_THREAD_LIMIT"] = str(n)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = old


def render_page(pdf: pdfium.PdfDocument, page: int, dpi: int) -> np.ndarray:
    """8-bit grey image of a 1-based page."""
    bitmap = pdf[page - 1].render(scale=dpi / POINTS_PER_INCH, grayscale=True)
    return bitmap.to_numpy().copy()   # the bitmap's own buffer, freed with it


def _read_words(images: list[np.ndarray], settings: OcrSettings, dpi: int) -> list[list[_Word]]:
    """Tesseract's words of each image, from one Tesseract run; boxes in pixels of each image (not yet points).

    One run reads every image (Tesseract takes a list of files): a start, with its model
    load, costs about as much as reading a few cells.  Images go to Tesseract as
    uncompressed BMP files: the PNG that pytesseract writes for an array costs more to
    encode and decode than the reading of a page's cells, and Leptonica reads a PGM a pixel
    at a time (``fread`` per byte: 0.4 CPU s of a 20-megapixel mosaic, 8 % of its reading),
    a BMP in one block.  The pixels Tesseract gets are the same, and so are its words.
    """
    config = f"--psm {settings.psm} --dpi {dpi}"
    if settings.blacklist:
        config += f" -c tessedit_char_blacklist={settings.blacklist}"
    with tempfile.TemporaryDirectory(prefix="camerale-ocr-") as folder:
        paths = [os.path.join(folder, f"{i}.bmp") for i in range(len(images))]
        for path, image in zip(paths, images):
            cv2.imwrite(path, image)
        source = paths[0]
        if len(paths) > 1:
            source = os.path.join(folder, "images.txt")
            with open(source, "w", encoding="utf-8") as listing:
                listing.write("\n".join(paths) + "\n")
        data = pytesseract.image_to_data(source, lang=settings.lang, config=config,
                                         output_type=pytesseract.Output.DICT)
    words: list[list[_Word]] = [[] for _ in images]
    for page, text, conf, left, top, width, height in zip(data["page_num"], data["text"], data["conf"],
                                                          data["left"], data["top"], data["width"],
                                                          data["height"]):
        conf = float(conf)
        if conf < 0 or not text.strip():
            continue
        words[page - 1].append(_Word(text.strip(), conf, Box(left, top, left + width, top + height)))
    return words


def _read_mosaics(mosaics: list[list[tuple[np.ndarray, int, int]]], paper: int, settings: OcrSettings,
                  magnify: int = 1) -> list[list[list[_Word]]]:
    """Words of each block (image, left, top on the page) of each mosaic, in page points, from one Tesseract run.

    The blocks of a mosaic are stacked one under the other with a blank gap, all flush
    left, so no text line of one block can run on into another: each table cell is read on
    its own, as if cropped, but the page costs a single Tesseract start.
    """
    gap = mm_to_px(_BLOCK_GAP_MM, settings.dpi * magnify)
    images, all_tops = [], []
    for blocks in mosaics:
        if magnify > 1:
            blocks = [(cv2.resize(image, None, fx=magnify, fy=magnify, interpolation=cv2.INTER_CUBIC), left, top)
                      for image, left, top in blocks]
        tops, top = [], gap
        for image, _, _ in blocks:
            tops.append(top)
            top += image.shape[0] + gap
        mosaic = np.full((top, max(image.shape[1] for image, _, _ in blocks) + 2 * gap), paper, np.uint8)
        for (image, _, _), block_top in zip(blocks, tops):
            mosaic[block_top:block_top + image.shape[0], gap:gap + image.shape[1]] = image
        images.append(mosaic)
        all_tops.append(tops)

    scale = POINTS_PER_INCH / settings.dpi
    found: list[list[list[_Word]]] = []
    for blocks, tops, words in zip(mosaics, all_tops, _read_words(images, settings, settings.dpi * magnify)):
        per_block: list[list[_Word]] = [[] for _ in blocks]
        for word in words:
            i = max(bisect.bisect_right(tops, word.centre[1]) - 1, 0)
            _, left, page_top = blocks[i]
            # Back to page pixels: undo the gap and the block's place in the mosaic, then the magnification.
            x0, x1 = (word.box.x0 - gap) / magnify + left, (word.box.x1 - gap) / magnify + left
            top = (word.box.top - tops[i]) / magnify + page_top
            bottom = (word.box.bottom - tops[i]) / magnify + page_top
            per_block[i].append(_Word(word.text, word.conf, Box(x0 * scale, top * scale, x1 * scale, bottom * scale)))
        found.append(per_block)
    return found


def _mean_conf(words: list[_Word]) -> float:
    return float(np.mean([w.conf for w in words]))


def _pixels(box: Box, dpi: int) -> tuple[slice, slice]:
    """Rows and columns of the image under a box in points."""
    scale = dpi / POINTS_PER_INCH
    return (slice(round(box.top * scale), round(box.bottom * scale)),
            slice(round(box.x0 * scale), round(box.x1 * scale)))


def _has_italian(words: list[_Word]) -> bool:
    return any(token.lower() in _ITALIAN_WORDS for w in words for token in _WORD.findall(w.text))


@dataclass
class _Blocks:
    """What Tesseract is given for a page: block 0 is the prose, then one block per table cell."""

    images: list[tuple[np.ndarray, int, int]]      # image, left and top on the page, in pixels
    cell_block: dict[Box, int]                     # cell box -> its block
    dashes: dict[Box, str]                         # cells that print only '---'


def _trim(image: np.ndarray, ink: np.ndarray, left: int, top: int, pad: int) -> tuple[np.ndarray, int, int] | None:
    """A block cut down to its ink and a margin (Tesseract's time grows with the mosaic's area); None if blank."""
    rows, cols = np.nonzero(np.count_nonzero(ink, axis=1))[0], np.nonzero(np.count_nonzero(ink, axis=0))[0]
    if rows.size == 0:
        return None
    r0, r1 = max(rows[0] - pad, 0), min(rows[-1] + 1 + pad, image.shape[0])
    c0, c1 = max(cols[0] - pad, 0), min(cols[-1] + 1 + pad, image.shape[1])
    return image[r0:r1, c0:c1], left + c0, top + r0


def _cut_blocks(gray: np.ndarray, grids: list[TableGrid], horizontal: np.ndarray, vertical: np.ndarray,
                paper: int, dpi: int) -> _Blocks:
    erased = erase_rulings(gray, horizontal, vertical, grids, dpi)
    ink = ink_mask(erased)
    inset, pad = mm_to_px(_CELL_INSET_MM, dpi), mm_to_px(_BLOCK_PAD_MM, dpi)
    prose, prose_ink = erased.copy(), ink.copy()
    for grid in grids:
        prose[_pixels(grid.bbox, dpi)] = paper
        prose_ink[_pixels(grid.bbox, dpi)] = 0
    blocks = _Blocks([_trim(prose, prose_ink, 0, 0, pad) or (prose[:1, :1], 0, 0)], {}, {})
    for grid in grids:
        for box in (b for row in grid.rows for b in row if b is not None):
            rows, cols = cell_interior(box, horizontal, vertical, dpi, inset)
            if rows.stop - rows.start < 2 or cols.stop - cols.start < 2:
                continue
            placeholder = read_dashes(ink[rows, cols], dpi)
            if placeholder is not None:
                blocks.dashes[box] = placeholder
                continue
            block = _trim(erased[rows, cols], ink[rows, cols], cols.start, rows.start, pad)
            if block is not None:   # an empty cell needs no reading
                blocks.cell_block[box] = len(blocks.images)
                blocks.images.append(block)
    return blocks


def _read_page(blocks: _Blocks, paper: int, settings: OcrSettings) -> list[list[_Word]]:
    with _tesseract_threads(settings.tesseract_threads):
        [found] = _read_mosaics([blocks.images], paper, settings)
        # A doubtful short cell is read again alone, as one line: a lone digit or a short value is
        # where a read among many blocks stumbles.  Still doubtful, it is read magnified as well.
        # The most confident reading wins.  All the doubtful cells of a round share one Tesseract run.
        single_line = replace(settings, psm=7)
        short = [i for i in range(1, len(blocks.images)) if 0 < len(found[i]) <= _REREAD_MAX_WORDS]
        for magnify in _REREAD_MAGNIFY:
            doubtful = [i for i in short if min(w.conf for w in found[i]) < settings.reread_below]
            if not doubtful:
                break
            again = _read_mosaics([[blocks.images[i]] for i in doubtful], paper, single_line, magnify=magnify)
            for i, [words] in zip(doubtful, again):
                if words and _mean_conf(words) > _mean_conf(found[i]):
                    found[i] = words
    return found


def _reread_lone_words(words: list[_Word], prose: tuple[np.ndarray, int, int], paper: int,
                       settings: OcrSettings) -> list[_Word]:
    """The page's words outside ruled cells, those Tesseract doubts that stand alone on their line
    read again each on its own, as doubtful cells are.

    A word set apart from its neighbours by a column gap is a cell of an unruled table (a figure,
    a code, an area number): read among the page's lines it stumbles as a short cell does among
    many blocks ('2' read 'ci', '2,2' read 'DA').  It is cut out with a margin and read as one
    line, then magnified; the most confident reading wins.
    """
    image, left, top = prose
    scale = settings.dpi / POINTS_PER_INCH
    pad = mm_to_px(_BLOCK_PAD_MM, settings.dpi)
    readings: dict[int, list[_Word]] = {}
    crops: dict[int, tuple[np.ndarray, int, int]] = {}
    for i in _lone(words):
        if words[i].conf >= settings.reread_below:
            continue
        box = words[i].box
        r0, r1 = max(round(box.top * scale) - top - pad // 2, 0), round(box.bottom * scale) - top + pad // 2
        c0, c1 = max(round(box.x0 * scale) - left - pad, 0), round(box.x1 * scale) - left + pad
        crop = image[r0:r1, c0:c1]
        if crop.size:
            readings[i], crops[i] = [words[i]], (crop, left + c0, top + r0)
    for magnify in _REREAD_MAGNIFY:
        doubtful = [i for i in readings if min(w.conf for w in readings[i]) < settings.reread_below]
        if not doubtful:
            break
        again = _read_mosaics([[crops[i]] for i in doubtful], paper, settings, magnify=magnify)
        for i, [found] in zip(doubtful, again):
            if found and _mean_conf(found) > _mean_conf(readings[i]):
                readings[i] = found
    return [w for i, w in enumerate(words) if i not in readings] + [w for r in readings.values() for w in r]


def _lone(words: list[_Word]) -> list[int]:
    """Indices of the words with no other word on their line within a column gap (``COLUMN_GAP`` text heights)."""
    if not words:
        return []
    # Only words whose top lies within the tallest word's height above a word's centre can hold that
    # centre: those are looked at (in order of top), not the whole page for each word.
    order = sorted(range(len(words)), key=lambda j: words[j].box.top)
    tops = [words[j].box.top for j in order]
    tallest = max(w.box.bottom - w.box.top for w in words)
    out = []
    for i, w in enumerate(words):
        centre = w.centre[1]
        gap = COLUMN_GAP * (w.box.bottom - w.box.top)
        left, right = w.box.x0 - gap, w.box.x1 + gap
        near = order[bisect.bisect_left(tops, centre - tallest - 1.0):bisect.bisect_left(tops, centre)]
        if not any(j != i and words[j].box.top < centre < words[j].box.bottom
                   and words[j].box.x0 < right and words[j].box.x1 > left for j in near):
            out.append(i)
    return out


def _page_objects(gray: np.ndarray, page: int, blocks: _Blocks, found: list[list[_Word]],
                  segments: list[Segment], dpi: int) -> PageObjects:
    """The OCR'd page as the table reader's plain objects: Tesseract's words and the ruling lines.

    Words read cell by cell keep their place on the page, so the reader puts them back in
    the ruled cells they were cut from; the words of the rest of the page (block 0) may
    form tables without rules.  A cell printing only '---' (recognised by shape) is a word
    of its own in the middle of the cell.
    """
    words: list[Word] = [{"text": w.text, "x0": w.box.x0, "x1": w.box.x1, "top": w.box.top,
                          "bottom": w.box.bottom, "upright": True, "confidence": w.conf}
                         for block in found for w in block]
    for box, dashes in blocks.dashes.items():
        mid_x, mid_y = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        words.append({"text": dashes, "x0": mid_x - 1, "x1": mid_x + 1, "top": mid_y - 1, "bottom": mid_y + 1,
                      "upright": True})
    scale = POINTS_PER_INCH / dpi
    return PageObjects(number=page, width=gray.shape[1] * scale, height=gray.shape[0] * scale,
                       words=ocr_font_boxes(words), segments=segments)


def ocr_image(gray: np.ndarray, page: int, settings: OcrSettings | None = None) -> OcrPage:
    """Rows, text and confidence of one scanned page given as an 8-bit grey image at ``settings.dpi``.

    A page that reads as nothing, as noise (mean confidence below ``UNREADABLE_CONFIDENCE``)
    or as no Italian at all gives a warning and no rows: rows are never invented.
    """
    settings = settings or OcrSettings()
    dpi = settings.dpi
    angle = skew_angle(gray, dpi)
    gray = deskew(gray, angle)
    horizontal, vertical = ruling_masks(gray, dpi)
    segments = ruling_segments(horizontal, vertical, dpi)   # once: the grids and the reader both use them
    grids = find_tables(horizontal, vertical, dpi, segments)
    paper = grey_level(gray, 0.9)
    if paper is None:
        paper = int(np.percentile(gray, 90))
    blocks = _cut_blocks(gray, grids, horizontal, vertical, paper, dpi)
    found = _read_page(blocks, paper, settings)

    words = [w for block in found for w in block]
    confidence = _mean_conf(words) if words else 0.0
    problem = None
    if not words and not blocks.dashes:
        problem = "OCR read no text (blank page?)"
    elif confidence < UNREADABLE_CONFIDENCE:
        problem = f"OCR confidence {confidence:.0f} below {UNREADABLE_CONFIDENCE:.0f}: unreadable, no rows"
    elif not _has_italian(words):
        problem = "OCR read no Italian word (noise or another language?): no rows"
    if problem is not None:
        return OcrPage(page, [], "", confidence, [f"page {page}: {problem}"], angle)
    # Only on a page that reads as text: a word of noise read alone may read more confidently.
    with _tesseract_threads(settings.tesseract_threads):
        found[0] = _reread_lone_words(found[0], blocks.images[0], paper, replace(settings, psm=7))
    rows = read_tables(_page_objects(gray, page, blocks, found, segments, dpi)).rows(page)
    text = "\n".join(" ".join(c.text for c in row.filled) for row in rows)
    return OcrPage(page, rows, text, confidence, [], angle)


# The document's bytes in a pool process: sent once per process, not once per page.
_pool_document: bytes = b""


def _hold_document(data: bytes) -> None:
    global _pool_document
    die_with_parent()
    _pool_document = data


def _ocr_pdf_page(data: bytes, page: int, settings: OcrSettings) -> OcrPage:
    pdf = pdfium.PdfDocument(data)
    try:
        return ocr_image(render_page(pdf, page, settings.dpi), page, settings)
    finally:
        pdf.close()


def _ocr_pool_page(page: int, settings: OcrSettings) -> OcrPage:
    return _ocr_pdf_page(_pool_document, page, settings)


def ocr_pages(data: bytes, pages: list[int], settings: OcrSettings | None = None) -> dict[int, OcrPage]:
    """OCR the given 1-based pages of a PDF's bytes, in parallel over ``settings.workers`` processes.

    The bytes, never the file name: the pages read are those of the bytes hashed into the doc_id.
    """
    settings = settings or OcrSettings()
    if settings.workers <= 1 or len(pages) <= 1:
        return {p: _ocr_pdf_page(data, p, settings) for p in pages}
    # forkserver, not fork: the document worker that calls this has threads (its parent watch), and a
    # child forked while one of them holds a lock waits for it forever.
    with ProcessPoolExecutor(max_workers=min(settings.workers, len(pages)), mp_context=get_context("forkserver"),
                             initializer=_hold_document, initargs=(data,)) as pool:
        futures = {p: pool.submit(_ocr_pool_page, p, settings) for p in pages}
        return {p: futures[p].result() for p in pages}
