"""Ruled tables on a scanned page: ruling lines found in the image, cells rebuilt as pdfplumber does.

The ruling lines of a Word "Table Grid" survive scanning as long thin dark runs, so
morphological opening with a long horizontal (vertical) kernel keeps the lines and
drops the glyphs.  Each line becomes an edge in PDF points, and pdfplumber's own
lattice functions (snap/join, intersections, cells, tables, rows) turn the edges into
tables: a scan then yields the same rows, columns and ``None`` positions of merged
cells as ``extract_tables()`` gives for the born-digital twin.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from pdfplumber.table import (Table, cells_to_tables, edges_to_intersections,
                              intersections_to_cells, merge_edges)

from camerale.model import Box

POINTS_PER_INCH = 72.0
# Lengths in millimetres, so that they hold at any dpi.
# A horizontal glyph stroke (a bold 'T' at 11 pt) is about 2.5 mm, but a dash and the letters beside it
# blurred together by a scan reach 5-6 mm ('005 - Promozione': its strokes taken for rules cut the words
# out of their cell); no table column is narrower than 8 mm.
_MIN_HORIZONTAL_MM = 8.0
# Skew is measured on lines at least this long once opened (a table's rules, not text).
_SKEW_OPEN_MM = 20.0
# A glyph stem ('l' at 11 pt) is about 3 mm; a single-line 8 pt row is about 3.6 mm high.  A stem
# that survives the opening does no harm: it cannot reach two horizontal lines, so it makes no cell.
_MIN_VERTICAL_MM = 3.2
# The scanner's rotation is a fraction of a degree; lines are long enough to measure it well.
_MIN_SKEW_LINE_MM = 70.0
_MAX_SKEW_DEGREES = 3.0
# How far the scanner's blur spreads a ruling line beyond the dark core that the masks find.
_LINE_FRINGE_MM = 0.25
# A median over this window is the paper (or the cell shading) under a thin line.
_BACKGROUND_WINDOW_MM = 1.8
# pdfplumber's default snap/join/intersection tolerance, in points.
_TOLERANCE_PT = 3.0


@dataclass(frozen=True)
class TableGrid:
    """One ruled table: its rows of cell boxes in PDF points, ``None`` where a merged cell covers."""

    bbox: Box
    rows: list[list[Box | None]]


def mm_to_px(mm: float, dpi: int) -> int:
    """A length in millimetres as a whole number of pixels (at least one)."""
    return max(1, round(mm / 25.4 * dpi))


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark print as 255, paper and the light grey cell shading as 0 (Otsu picks the split)."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def grey_level(gray: np.ndarray, fraction: float) -> int | None:
    """The grey level found ``fraction`` of the way through the image's pixels in sorted order,
    when the pixels on either side of that place share it; None when they do not.

    Then numpy's percentile or median, whatever it interpolates between those neighbours, is that
    level exactly.  A page has millions of pixels and 256 levels, so it nearly always is, and a
    histogram costs a quarter of numpy's partial sort (~6 against ~22 ms at 300 dpi).
    """
    flat = gray.reshape(-1)
    counts = np.zeros(256, np.int64)
    for start in range(0, flat.size, 1 << 24):   # calcHist counts in float32: exact below 2**24 pixels
        counts += cv2.calcHist([flat[start:start + (1 << 24)]], [0], None, [256], [0, 256]).ravel().astype(np.int64)
    cumulative = np.cumsum(counts)
    place = int(fraction * (flat.size - 1))
    # sorted pixel i has the least level whose cumulative count exceeds i
    level = int(np.searchsorted(cumulative, max(place - 1, 0), side="right"))
    return level if cumulative[level] > min(place + 2, flat.size - 1) else None


def _open(mask: np.ndarray, width: int, height: int) -> np.ndarray:
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, height)))


def _components(mask: np.ndarray) -> tuple[tuple[int, int], np.ndarray, np.ndarray]:
    """``cv2.connectedComponentsWithStats`` of a mask, labelled only inside the box of its lit pixels:
    (that box's top left corner, the stats in the box's pixels, background first, the box's labels).

    Labelling costs by the pixels it scans (~55 ms for a 300-dpi page, empty or not), and a page's
    ruling lines hold a part of it.  The components and their stats are the same, and so is their
    order, which the callers' sums follow: OpenCV labels blocks of 2 x 2 pixels, so the box starts
    on even pixels, where the whole page's blocks start.
    """
    x, y, w, h = cv2.boundingRect(mask)
    if not w:   # nothing lit: the background alone
        return (0, 0), np.zeros((1, 5), np.int32), np.zeros((0, 0), np.int32)
    left, top = x - x % 2, y - y % 2
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask[top:y + h, left:x + w])
    return (left, top), stats, labels


def skew_angle(gray: np.ndarray, dpi: int) -> float:
    """Rotation of the page in degrees (positive: lines descend to the right), from its long horizontal lines.

    0.0 when the page has no long line to measure.
    """
    lines = _open(ink_mask(gray), mm_to_px(_SKEW_OPEN_MM, dpi), 1)
    _, stats, labels = _components(lines)   # a line's slope is the same in the box's pixels
    angles, weights = [], []
    for i in range(1, len(stats)):
        x, y, w, h, _area = stats[i]
        if w < mm_to_px(_MIN_SKEW_LINE_MM, dpi):
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
        slope = np.polyfit(xs, ys, 1)[0]
        angles.append(np.degrees(np.arctan(slope)))
        weights.append(w)
    if not angles:
        return 0.0
    angle = float(np.average(angles, weights=weights))
    return angle if abs(angle) <= _MAX_SKEW_DEGREES else 0.0


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned back by ``angle`` degrees about its centre; uncovered corners take the paper tone."""
    if abs(angle) < 0.01:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    paper = grey_level(gray, 0.5)
    if paper is None:
        paper = int(np.median(gray))
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=paper)


def ruling_masks(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the horizontal and of the vertical ruling lines of a (deskewed) page."""
    ink = ink_mask(gray)
    return _open(ink, mm_to_px(_MIN_HORIZONTAL_MM, dpi), 1), _open(ink, 1, mm_to_px(_MIN_VERTICAL_MM, dpi))


def _edges(mask: np.ndarray, orientation: str, dpi: int) -> list[dict]:
    """pdfplumber edge dicts (points) for the line components of a mask."""
    scale = POINTS_PER_INCH / dpi
    (dx, dy), stats, _ = _components(mask)
    edges = []
    for i in range(1, len(stats)):
        x, y, w, h, _area = (float(v) for v in stats[i])
        x, y = x + dx, y + dy
        if orientation == "h":
            mid = (y + h / 2) * scale
            x0, x1, top, bottom = x * scale, (x + w) * scale, mid, mid
        else:
            mid = (x + w / 2) * scale
            x0, x1, top, bottom = mid, mid, y * scale, (y + h) * scale
        edges.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom,
                      "width": x1 - x0, "height": bottom - top, "orientation": orientation})
    return edges


def ruling_segments(horizontal: np.ndarray, vertical: np.ndarray, dpi: int) -> list[dict]:
    """The ruling lines of the masks as pdfplumber edges (``page_objects.Segment``), in points."""
    return _edges(horizontal, "h", dpi) + _edges(vertical, "v", dpi)


def find_tables(horizontal: np.ndarray, vertical: np.ndarray, dpi: int,
                segments: list[dict] | None = None) -> list[TableGrid]:
    """Tables of a page from its ruling-line masks, top to bottom, rows as pdfplumber builds them.

    ``segments``: the masks' ``ruling_segments`` when the caller has them (labelling the
    masks' components costs a tenth of a second per page at 300 dpi).
    """
    if segments is None:
        segments = ruling_segments(horizontal, vertical, dpi)
    edges = merge_edges(segments, _TOLERANCE_PT, _TOLERANCE_PT, _TOLERANCE_PT, _TOLERANCE_PT)
    intersections = edges_to_intersections(edges, _TOLERANCE_PT, _TOLERANCE_PT)
    grids = []
    for cells in cells_to_tables(intersections_to_cells(intersections)):
        table = Table(None, cells)  # rows need only the cells; the page is used for text, which OCR supplies
        rows = [[Box(*c) if c is not None else None for c in row.cells] for row in table.rows]
        grids.append(TableGrid(Box(*table.bbox), rows))
    return grids


def _bands(flags: np.ndarray, reach: int) -> list[slice]:
    """The runs of True in a 1-D array, each widened by ``reach`` on both sides (within the array),
    runs that then overlap joined."""
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1]).tolist()
    bands: list[list[int]] = []
    for start, stop in zip(edges[::2], edges[1::2]):
        start, stop = max(start - reach, 0), min(stop + reach, flags.size)
        if bands and start <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], stop)
        else:
            bands.append([start, stop])
    return [slice(start, stop) for start, stop in bands]


def erase_rulings(gray: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray,
                  tables: list[TableGrid], dpi: int) -> np.ndarray:
    """The page with the ruling lines of its tables painted over, so OCR reads no '|' or '_' from them.

    Each line pixel takes the local background (a wide median ignores a thin line), so a line
    between two grey-shaded cells leaves no pale stripe whose borders OCR would read as marks.
    Only lines inside tables go: outside them a long stroke may be part of a large letter.
    """
    if not tables:
        return gray.copy()
    inside = np.zeros_like(horizontal)
    scale = dpi / POINTS_PER_INCH
    margin = mm_to_px(_LINE_FRINGE_MM, dpi)
    for table in tables:
        b = table.bbox
        inside[max(0, round(b.top * scale) - margin):round(b.bottom * scale) + margin,
               max(0, round(b.x0 * scale) - margin):round(b.x1 * scale) + margin] = 255
    # The masks hold only the dark core of a line; its blurred fringe, left alone, reads as '|'.
    # The horizontal and the vertical lines apart: each kind is painted from bands along it (below).
    fringe = np.ones((2 * mm_to_px(_LINE_FRINGE_MM, dpi) + 1,) * 2, np.uint8)
    across = cv2.dilate(cv2.bitwise_and(horizontal, inside), fringe)
    down = cv2.dilate(cv2.bitwise_and(vertical, inside), fringe)
    window = mm_to_px(_BACKGROUND_WINDOW_MM, dpi) | 1  # odd, as medianBlur needs
    out = gray.copy()
    # The median only around each table, the window's reach included (so painted pixels get the
    # same value as from a median of the whole page): over the whole page it costs as much as the
    # rest of the page's preparation.
    reach = margin + fringe.shape[0] + window
    for table in tables:
        b = table.bbox
        rows = slice(max(0, round(b.top * scale) - reach), round(b.bottom * scale) + reach)
        cols = slice(max(0, round(b.x0 * scale) - reach), round(b.x1 * scale) + reach)
        region, painted_out = gray[rows, cols], out[rows, cols]
        h_lines, v_lines = across[rows, cols] > 0, down[rows, cols] > 0
        # Within the table, only the bands of rows that hold a horizontal line and of columns that hold
        # a vertical one, each widened by half the window: the median of a pixel there sees the same
        # window as in the whole region (or the same replicated edge), so the painted values are the
        # same, at about half the cost on a grid of cells.  Bands that add up to more than the
        # region (dense rules) take the region at once.
        half = window // 2
        h_bands, v_bands = _bands(h_lines.any(axis=1), half), _bands(v_lines.any(axis=0), half)
        height, width = region.shape
        if (sum(b.stop - b.start for b in h_bands) * width
                + sum(b.stop - b.start for b in v_bands) * height) >= height * width:
            parts = [(h_lines | v_lines, (slice(None), slice(None)))]
        else:
            parts = ([(h_lines, (band, slice(None))) for band in h_bands]
                     + [(v_lines, (slice(None), band)) for band in v_bands])
        for lines, part in parts:
            painted = lines[part]
            painted_out[part][painted] = cv2.medianBlur(region[part], window)[painted]
    return out


# A printed hyphen at 7.5-11 pt: about 0.6-1.6 mm long and at most 0.6 mm thick after the scanner's blur.
_DASH_LENGTH_MM = (0.5, 1.8)
_DASH_MAX_THICKNESS_MM = 0.6
_SPECK_MAX_AREA_MM2 = 0.02


def read_dashes(ink: np.ndarray, dpi: int) -> str | None:
    """``'---'`` (one '-' per dash) when the ink of a cell is only a row of hyphens, else None.

    Reports print ``---`` for "no value"; Tesseract reads a lone run of hyphens as
    letters ("ss", "cn", "Dn"), so the placeholder is recognised by its shape: a few
    short flat strokes on one line and nothing else.
    """
    n, _, stats, centroids = cv2.connectedComponentsWithStats(ink)
    mm = dpi / 25.4
    dashes = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < _SPECK_MAX_AREA_MM2 * mm * mm:
            continue
        if not (_DASH_LENGTH_MM[0] * mm <= w <= _DASH_LENGTH_MM[1] * mm and h <= _DASH_MAX_THICKNESS_MM * mm
                and w >= 2 * h):
            return None
        dashes.append(centroids[i])
    if not 1 <= len(dashes) <= 5:
        return None
    ys = [c[1] for c in dashes]
    if max(ys) - min(ys) > _DASH_MAX_THICKNESS_MM * mm:
        return None
    return "-" * len(dashes)


def cell_interior(box: Box, horizontal: np.ndarray, vertical: np.ndarray, dpi: int,
                  inset: int) -> tuple[slice, slice]:
    """Pixel rows and columns of a cell's inside, cut at the ruling lines actually printed around it.

    pdfplumber snaps edges within 3 pt to their mean, so a column border that moves a little
    from one row to the next gets one position for the whole table.  The cell box then
    overlaps the next column by up to 3 pt, and its crop would catch the first letters
    printed there: the crop stops at the line really printed in this cell's rows instead.
    """
    scale = dpi / POINTS_PER_INCH
    top, bottom = round(box.top * scale), round(box.bottom * scale)
    x0, x1 = round(box.x0 * scale), round(box.x1 * scale)
    reach = round(_TOLERANCE_PT * scale) + inset

    def border(mask: np.ndarray, lo: int, hi: int, start: int, stop: int, axis: int, last: bool) -> int | None:
        """Centre of the printed line nearest the cell's inside, within ``lo:hi`` across it."""
        lo, hi = max(lo, 0), min(hi, mask.shape[1 - axis])
        band = mask[start:stop, lo:hi] if axis == 0 else mask[lo:hi, start:stop].T
        if band.size == 0:
            return None
        # A position holds the ruling when the line covers most of the cell's length there.
        covered = np.nonzero(np.count_nonzero(band, axis=0) > 0.5 * band.shape[0])[0]
        if covered.size == 0:
            return None
        # The run of covered positions at the inner end is one printed line: take its middle.
        runs = np.split(covered, np.nonzero(np.diff(covered) > 1)[0] + 1)
        line = runs[-1] if last else runs[0]
        return lo + int(round(line.mean()))

    mid_rows = (top + inset, bottom - inset)
    left = border(vertical, x0 - reach, x0 + reach, *mid_rows, axis=0, last=True)
    right = border(vertical, x1 - reach, x1 + reach, *mid_rows, axis=0, last=False)
    mid_cols = (x0 + reach, x1 - reach)
    upper = border(horizontal, top - reach, top + reach, *mid_cols, axis=1, last=True)
    lower = border(horizontal, bottom - reach, bottom + reach, *mid_cols, axis=1, last=False)
    return (slice((upper if upper is not None else top) + inset, (lower if lower is not None else bottom) - inset),
            slice((left if left is not None else x0) + inset, (right if right is not None else x1) - inset))
