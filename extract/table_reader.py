"""Tables of a page, whatever their ruling, from the page's objects (``PageObjects``).

One reader for every source: born-digital pages (pdfplumber, or any library that fills
``PageObjects``) and OCR word boxes.  It finds tables in three ways and keeps one
grid per table:

1. **Ruled grids** (``ruling='full'``).  pdfplumber's lattice functions on the ruling
   segments (snap/join, intersections, cells, tables): exactly what ``find_tables()``
   gives, so fully ruled reports read as before.  Cells are kept on pdfplumber's row and
   column positions (``None`` where a merged cell covers), with their spans.  A grid of a
   single cell is a frame around prose, a sidebar or a chart, never a table.
2. **Ruled cells that hold several columns** (``ruling='partial'``).  A header ruled as a
   grid above a body whose rows are only separated by horizontal rules makes each body
   row one cell spanning the table: when the words of such a cell sit in the table's
   columns and no word crosses a column edge, the cell is split into those columns.
3. **Text tables** (``ruling='none'`` or ``'partial'`` when horizontal rules help):
   outside the ruled grids, lines of words are cut into chunks at wide gaps; runs of
   lines with several chunks whose gaps line up are tables.  Columns are the x-ranges
   that the chunks of the body lines fill (the gaps between them are the column
   borders); a header chunk that crosses a border spans those columns.  Rows are lines,
   with wrapped lines joined into the row they continue (see ``_join_wrapped``);
   horizontal rules inside the table always separate rows, and where rules across every
   column part its records, the lines between two of them are one record (``_record_lines``).  A ruled grid printed
   directly above a text table (a ruled header over an unruled body) becomes its header.

Everything else on the page is prose: one row per text line.

Measured against the ICDAR-2013 table competition set by ``bench/icdar2013.py``.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils.geometry import objects_to_bbox

from camerale.extract.page_objects import Char, PageObjects, Segment, Word
from camerale.extract.word_breaks import SOFT_HYPHEN, mark_word_breaks, table_padding
from camerale.extract.words import cell_text
from camerale.model import Box, Cell, Row

Ruling = Literal["full", "partial", "none"]

# pdfplumber's find_tables() defaults, so that fully ruled tables come out as before.
_SNAP = _JOIN = _INTERSECTION = 3.0
_EDGE_MIN_LENGTH = 3.0
# A gap between two words wider than this many times the line's text height is a column
# gap; ordinary word spaces are about a quarter of it, stretched justified spaces about half.
COLUMN_GAP = 0.5
# ... and, between words that are not both figures, wider than this many of the page's word
# spaces: a monospaced font's space is 0.6 of its height, wider than COLUMN_GAP, while a
# proportional font's (a third at most) never moves it.  Right-aligned figures of two columns
# may stand closer than a space, so between figures COLUMN_GAP alone holds.
SPACE_GAP = 1.5
# A line whose widest space is at most this many times its narrowest is justified running text.
JUSTIFIED_SPREAD = 1.3
# Two lines further apart than this many text heights are not in one table.
TABLE_LINE_GAP = 2.2
# A run of lines is a table when this many of its lines have several chunks.
MIN_TABLE_LINES = 3
# A line continues the row above when the blank between them is below this many text heights.
WRAP_GAP = 0.75
# A horizontal rule counts for a text table when it covers this share of the table's width.
RULE_COVER = 0.5


@dataclass(frozen=True)
class GridCell:
    """One cell of a table grid: its first row and column, how many it spans, its text and box."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: Box
    confidence: float | None = None   # OCR: mean word confidence 0-100


@dataclass
class FoundTable:
    """A table on one page: its grid of cells, its region and how it was ruled."""

    bbox: Box
    ruling: Ruling
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    col_starts: list[float]   # left border of each column
    # A page break cuts it (``_closing_edges``): its first row is open at the page head, its last at the foot.
    open_top: bool = False
    open_bottom: bool = False

    def rows(self, page: int, index: int) -> list[Row]:
        """The grid as ``Row``s of ``Cell``s, ``None`` at positions a spanning cell covers."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            grid[c.row][c.col] = Cell(text=c.text, page=page, bbox=c.bbox, confidence=c.confidence,
                                      row_span=c.row_span, col_span=c.col_span)
        last = self.n_rows - 1
        return [Row(cells=cells, page=page, table=index, ruling=self.ruling, open_top=self.open_top and r == 0,
                    open_bottom=self.open_bottom and r == last) for r, cells in enumerate(grid)]


@dataclass
class PageRead:
    """A page's tables (top to bottom) and its prose lines outside them.

    A page set in text columns is read column by column: ``columns`` holds each column's
    own read, left to right, and ``prose`` the lines printed across them (running headers
    and footers).
    """

    tables: list[FoundTable]
    prose: list[tuple[str, Box, float | None]] = field(default_factory=list)
    columns: list[PageRead] = field(default_factory=list)

    def rows(self, page: int, first_table: int = 0) -> list[Row]:
        """Table rows and prose lines in reading order (the shape ``read_page`` gives parsers).

        Ordered by their top; on a page in columns, the first column top to bottom, then the
        next, with the lines across the columns above or below them.
        """
        blocks: list[tuple[float, list[Row]]] = [(t.bbox.top, t.rows(page, first_table + i))
                                                 for i, t in enumerate(self.tables)]
        for text, box, confidence in self.prose:
            blocks.append((box.top, [Row(cells=[Cell(text=text, page=page, bbox=box, confidence=confidence)],
                                         page=page)]))
        blocks.sort(key=lambda block: block[0])
        if not self.columns:
            return [row for _, rows in blocks for row in rows]
        in_columns: list[Row] = []
        table = first_table + len(self.tables)
        for column in self.columns:
            in_columns += column.rows(page, table)
            table += _n_tables(column)
        top = min((c.bbox.top for r in in_columns for c in r.cells if c is not None), default=0.0)
        return ([row for start, rows in blocks if start < top for row in rows] + in_columns
                + [row for start, rows in blocks if start >= top for row in rows])


def _n_tables(read: PageRead) -> int:
    return len(read.tables) + sum(_n_tables(c) for c in read.columns)


def read_tables(page: PageObjects) -> PageRead:
    """Tables and prose of one page; a page set in text columns column by column (``_text_columns``)."""
    gutter = _gutter(page)
    if gutter is None:
        return _read_region(page)
    across = [w for w in page.words if w["x0"] < gutter < w["x1"]]
    left = _region(page, lambda x: x < gutter, across)
    right = _region(page, lambda x: x >= gutter, across)
    prose = [(_line_text(line), _words_box(line), _confidence(line)) for line in _lines(across)]
    return PageRead([], prose, [_read_region(left), _read_region(right)])


def _read_region(page: PageObjects) -> PageRead:
    """Tables and prose of a page, or of one text column of it."""
    tables = [t for t in _ruled_tables(page) if not _is_frame(t)]
    tables = [_split_text_columns(_split_tall_rows(_split_merged_columns(t, page), page), page) for t in tables]
    words = [w for w in page.words if not _inside_any(w, tables)]
    tables, words = _attach_side_columns(tables, words, page)
    lines = _lines(words)
    # Ruled grids of a header row or two: an unruled body under one may be short (_under_ruled_header).
    headers = [t for t in tables if t.n_rows <= RULED_HEADER_ROWS and t.n_cols >= 2]
    text_tables, prose_lines = _text_tables(lines, page, headers)
    tables, prose_lines = _attach_ruled_headers(tables, text_tables, prose_lines, page)
    tables.sort(key=lambda t: (t.bbox.top, t.bbox.x0))
    prose = [(_line_text(line), _words_box(line), _confidence(line)) for line in prose_lines]
    return PageRead(tables, prose)


# --- pages set in text columns ------------------------------------------------------------------

# The gutter between two text columns lies in the middle of the printed width: each column
# holds at least this share of it.
COLUMN_SHARE = 0.3
# Lines of the two columns fall at the same height by chance; the rows of a table do so by
# construction (a label beside its value).  Above this share of aligned lines, a table.
ALIGNED_SHARE = 0.5
# A side has its own rules when at least this many horizontal rules lie within it.
SIDE_RULES = 2


def _gutter(page: PageObjects) -> float | None:
    """The x of the gutter of a page set in two text columns, None for a page in one column.

    The gutter is a vertical band, wider than a line of text is high, in the middle of the
    printed width, that no word crosses between the first and the last line printed on both
    sides of it (a running header or footer may cross it).  A column gap of a wide table is
    such a band too; it is told apart by what a table has and two columns of text do not:
    a horizontal rule crossing the band where both sides print (rows ruled across the table),
    or lines on both sides set at the same heights (a label beside its value): unless each
    side has rules of its own or is running text, two text columns must align less than
    ``ALIGNED_SHARE`` of their lines.
    """
    words = [w for w in page.words if w.get("upright", True)]
    lines = _lines(words)
    if len(lines) < 2 * MIN_TABLE_LINES:
        return None
    height = statistics.median(line.height for line in lines)
    x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
    band = _widest_gap(lines, x0 + COLUMN_SHARE * (x1 - x0), x1 - COLUMN_SHARE * (x1 - x0), height)
    if band is None:
        return None
    g0, g1 = band
    left = _lines([w for w in words if w["x1"] <= g0])
    right = _lines([w for w in words if w["x0"] >= g1])
    if min(len(left), len(right)) < MIN_TABLE_LINES:
        return None
    top, bottom = max(left[0].top, right[0].top), min(left[-1].bottom, right[-1].bottom)
    if any(w["x0"] < g1 and w["x1"] > g0 and top <= w["top"] <= bottom for w in words):
        return None
    rules = [r for r in _joined_rules(page) if top - 1 <= r["top"] <= bottom + 1]
    if any(r["x0"] < g0 and r["x1"] > g1 for r in rules):
        return None
    # Each side a column of its own where both print: ruled within itself, or running text.
    gap = _column_gap(page)
    left_body = [line for line in left if top <= line.top <= bottom]
    right_body = [line for line in right if top <= line.top <= bottom]
    # A side's rules may reach into the gutter (a table's rules end past its text, at its cells' edges).
    middle = (g0 + g1) / 2
    columns = (sum(1 for r in rules if r["x1"] < middle) >= SIDE_RULES or _running_text(left_body, gap)) and \
              (sum(1 for r in rules if r["x0"] > middle) >= SIDE_RULES or _running_text(right_body, gap))
    few, many = sorted((left, right), key=len)
    aligned = sum(1 for line in few if any(abs(line.top - other.top) < 1 for other in many))
    if not columns and aligned >= ALIGNED_SHARE * len(few):
        return None
    return (g0 + g1) / 2


def _running_text(lines: list[_Line], column_gap: float) -> bool:
    """Lines of one chunk most of which fill the width they share: a column of running text."""
    x0, x1 = min(line.words[0]["x0"] for line in lines), max(line.words[-1]["x1"] for line in lines)
    full = sum(1 for line in lines if len(line.chunks(column_gap)) == 1
               and line.words[-1]["x1"] - line.words[0]["x0"] >= 0.7 * (x1 - x0))
    return full >= 0.6 * len(lines)


def _widest_gap(lines: list[_Line], lo: float, hi: float, height: float) -> tuple[float, float] | None:
    """The widest x-band centred between ``lo`` and ``hi``, at least ``height`` wide, that no word
    crosses on all lines but (at most) the first and last few: running headers and footers."""
    best = None
    events = sorted([(w["x0"], 1) for line in lines for w in line.words]
                    + [(w["x1"], -1) for line in lines for w in line.words])
    for allowed in range(4):
        depth, start, gaps = 0, None, []
        for x, step in events:
            before, depth = depth, depth + step
            if before > allowed >= depth:
                start = x
            elif depth > allowed >= before and start is not None:
                gaps.append((start, x))
                start = None
        gaps = [g for g in gaps if g[1] - g[0] >= height and lo <= (g[0] + g[1]) / 2 <= hi]
        if gaps:
            best = max(gaps, key=lambda g: g[1] - g[0])
            break
    return best


def _region(page: PageObjects, keep: Callable[[float], bool], across: list[Word]) -> PageObjects:
    """The objects of a page whose middle lies in one text column (words across the columns aside)."""
    gone = {id(w) for w in across}

    def middle(obj: dict) -> float:
        return (obj["x0"] + obj["x1"]) / 2

    words = [w for w in page.words if id(w) not in gone and keep(middle(w))]
    spans = [(w["x0"], w["x1"], w["top"], w["bottom"]) for w in across]
    chars = [c for c in page.chars if keep(middle(c))
             and not any(a <= middle(c) <= b and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                         for a, b, top, bottom in spans)]
    return PageObjects(number=page.number, width=page.width, height=page.height, rotation=page.rotation,
                       chars=chars, words=words, segments=[s for s in page.segments if keep(middle(s))],
                       fills=[f for f in page.fills if keep(middle(f))])


# --- ruled grids -----------------------------------------------------------------------------


def _ruled_tables(page: PageObjects) -> list[FoundTable]:
    """pdfplumber's lattice tables (as ``find_tables()`` finds them), with their cell texts."""
    # The sides of shading count as ruling here, as in find_tables(): in the reports a ruled
    # table's grid is drawn with them (a shaded cell's border snaps its column edges).
    segments = [s for s in page.segments + _fill_sides(page) if _length(s) >= 1]
    edges = merge_edges(segments, _SNAP, _SNAP, _JOIN, _JOIN)
    edges = [e for e in edges if _length(e) >= _EDGE_MIN_LENGTH]
    closing = _closing_edges(edges, page)
    if closing:
        # Joined with the rules they continue: a side carried down past a page foot is one edge.
        edges = merge_edges(edges + closing, _SNAP, _SNAP, _JOIN, _JOIN)
    intersections = edges_to_intersections(edges, _INTERSECTION, _INTERSECTION)
    tables = []
    for boxes in cells_to_tables(intersections_to_cells(intersections)):
        tops = sorted({b[1] for b in boxes})
        xs = sorted({b[0] for b in boxes})
        cells = []
        grid = [Box(*b) for b in sorted(boxes, key=lambda b: (b[1], b[0]))]
        if page.chars:
            in_cells = [_chars_in(page, box) for box in _reach_past_sides(page, grid)]
            padding = table_padding(zip(grid, in_cells))
            foot = max(box.bottom for box in grid)
            # Only a table ending its page may go on on the next: its last row's cells may end inside a word.
            at_foot = _ends_page(page, foot)
            read = [(_chars_text(chars, box, padding, at_foot and box.bottom == foot), None)
                    for box, chars in zip(grid, in_cells)]
        else:
            read = [_cell_text(page, box) for box in grid]
        for box, (text, confidence) in zip(grid, read):
            row, col = tops.index(box.top), xs.index(box.x0)
            row_span = max(1, sum(1 for t in tops if box.top <= t < box.bottom - 0.01))
            col_span = max(1, sum(1 for x in xs if box.x0 <= x < box.x1 - 0.01))
            cells.append(GridCell(row, col, row_span, col_span, text, box, confidence))
        bbox = Box(*objects_to_bbox([{"x0": b[0], "top": b[1], "x1": b[2], "bottom": b[3]} for b in boxes]))
        open_at = {e["open"] for e in closing if e["orientation"] == "h"
                   and bbox.x0 - _SNAP <= e["x0"] and e["x1"] <= bbox.x1 + _SNAP
                   and abs(e["top"] - (bbox.top if e["open"] == "top" else bbox.bottom)) <= _SNAP}
        tables.append(FoundTable(bbox, "full", len(tops), len(xs), cells, xs, "top" in open_at,
                                 "bottom" in open_at))
    return tables


def _reach_past_sides(page: PageObjects, grid: list[Box]) -> list[Box]:
    """Where each cell of a ruled table takes its characters from: its box, and for a cell at the table's left
    or right side, as far as the words set in it run out past that side ('RAGGIUNGIMENTO' wider than the
    last column, its 'TO' printed beyond the table's right rule).  No other cell holds those characters, and
    their word is the cell's; left out, the cell would read 'RAGGIUNGIMEN'."""
    left, right = min(b.x0 for b in grid), max(b.x1 for b in grid)
    reach = []
    for box in grid:
        at_left, at_right = box.x0 <= left + _SNAP, box.x1 >= right - _SNAP
        if not (at_left or at_right):   # an inner cell: its neighbours' rules bound it
            reach.append(box)
            continue
        words = page.centred_in("words", box.x0, box.top, box.x1, box.bottom)
        x0 = min([box.x0, *(w["x0"] for w in words)]) if at_left else box.x0
        x1 = max([box.x1, *(w["x1"] for w in words)]) if at_right else box.x1
        reach.append(Box(x0, box.top, x1, box.bottom))
    return reach


def _closing_edges(edges: list[dict], page: PageObjects) -> list[dict]:
    """The rules a page break left unprinted: the bottom of a row open at the page foot, the top of a
    row open at the page head (each tagged ``open``: 'bottom' or 'top').

    A generator that breaks a ruled table inside a row draws that row's cells on both pages with
    their side rules, down to the foot of the first and from the head of the second, and closes
    them on neither.  Neighbouring side rules that end at one height with no rule across them
    there, joined by a rule nearer their other end, bound an open cell (with no rule across them
    at all, a cell open at both ends: the middle of a row that runs through a whole text column,
    closed at each end where that end lies at the page's edge); the row is open when one
    of its cells (open, or closed by its shading) holds text, and its open cells that start where
    such a cell starts are closed where their sides end (an open band under a shaded label that
    starts lower is no cell).  Only at the page's edge (``_at_page_edge``): side rules ending
    mid-page close nothing.  Text that an open cell at the foot lets overflow past its sides
    (a cell spanning rows, WeasyPrint) is its own while its lines follow tightly between them.
    """
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["x0"])
    horizontal = [e for e in edges if e["orientation"] == "h"]

    def rule_across(y: float, x0: float, x1: float) -> bool:
        return any(abs(h["top"] - y) <= _SNAP and h["x0"] <= x0 + _SNAP and h["x1"] >= x1 - _SNAP
                   for h in horizontal)

    closing: list[dict] = []
    for end, other in (("bottom", "top"), ("top", "bottom")):
        for group in _ends(vertical, end):
            y = statistics.median(v[end] for v in group)
            bands: list[tuple[float, float, float, bool]] = []   # x0, x1, the cell's other side, open
            for a, b in zip(group, group[1:]):
                if b["x0"] - a["x0"] <= _SNAP or \
                        any(a["x0"] + _SNAP < v["x0"] < b["x0"] - _SNAP and v["top"] < y < v["bottom"]
                            for v in vertical):
                    continue
                lo, hi = max(a["top"], b["top"]), min(a["bottom"], b["bottom"])
                joins = [h["top"] for h in horizontal if lo - _SNAP <= h["top"] <= hi + _SNAP
                         and abs(h["top"] - y) > _SNAP and rule_across(h["top"], a["x0"], b["x0"])]
                if joins:
                    far = max(joins) if end == "bottom" else min(joins)
                elif abs(a[other] - b[other]) <= _SNAP:
                    # No rule across them at all: a cell open at both ends (the middle of a row that runs
                    # through a whole text column); the pass for its other end closes it there.
                    far = a[other]
                else:
                    continue
                bands.append((a["x0"], b["x0"], far, not rule_across(y, a["x0"], b["x0"])))
            # The row's cells that hold text, closed ones too (a shaded label closed by its shading).
            filled = [far for x0, x1, far, _ in bands
                      if page.centred_in("words", x0, min(far, y), x1, max(far, y))]
            cells = [(x0, x1, far, _overflow(page, x0, x1, far, y) if end == "bottom" else y)
                     for x0, x1, far, is_open in bands if is_open and any(abs(far - f) <= _SNAP for f in filled)]
            if not cells or not _at_page_edge(page, cells, y, end):
                continue
            for x0, x1, _, reach in cells:
                closing.append(_rule(x0, x1, reach, "h") | {"open": "top" if end == "top" else "bottom"})
                if reach > y:
                    closing += [_rule(x, x, (y, reach), "v") for x in (x0, x1)]
    return closing


# A running header or footer: at most this many lines beyond a page's body.
FURNITURE_LINES = 2


def _at_page_edge(page: PageObjects, cells: list[tuple[float, float, float, float]], y: float, end: str) -> bool:
    """Whether a row open at ``y`` lies at the page's foot (``end`` 'bottom') or head: beyond it the page
    prints nothing but what its open cells let overflow and, set apart from them (more than
    ``TABLE_LINE_GAP`` text heights), a running footer or header of a line or two.  Side rules that
    end in the middle of a page (shaded columns under their header) close no row."""
    reach = max(c[3] for c in cells)

    def overflow(w: Word) -> bool:
        return any(x0 <= (w["x0"] + w["x1"]) / 2 < x1 and (w["top"] + w["bottom"]) / 2 <= bottom
                   for x0, x1, _, bottom in cells)

    if end == "bottom":
        beyond = [w for w in page.words if (w["top"] + w["bottom"]) / 2 > y and not overflow(w)]
    else:
        beyond = [w for w in page.words if (w["top"] + w["bottom"]) / 2 < y]
    if not beyond:
        return True
    lines = _lines(beyond)
    height = statistics.median(line.height for line in lines)
    gap = lines[0].top - reach if end == "bottom" else y - lines[-1].bottom
    return len(lines) <= FURNITURE_LINES and gap > TABLE_LINE_GAP * height


def _ends_page(page: PageObjects, y: float) -> bool:
    """Whether the page prints nothing below ``y`` but a running footer of a line or two."""
    return len(_lines([w for w in page.words if (w["top"] + w["bottom"]) / 2 > y])) <= FURNITURE_LINES


def _ends(vertical: list[dict], end: str) -> list[list[dict]]:
    """Vertical rules grouped by where they end (``end``: 'top' or 'bottom'), each group left to right."""
    groups: list[list[dict]] = []
    for v in sorted(vertical, key=lambda e: e[end]):
        if groups and abs(v[end] - groups[-1][0][end]) <= _SNAP:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sorted(g, key=lambda e: e["x0"]) for g in groups]


def _overflow(page: PageObjects, x0: float, x1: float, top: float, y: float) -> float:
    """Where the text of a cell open at ``y`` ends: past ``y`` while its lines follow tightly between its sides."""
    words = [w for w in page.words if x0 <= (w["x0"] + w["x1"]) / 2 < x1 and (w["top"] + w["bottom"]) / 2 >= top]
    bottom = top
    for line in _lines(words):
        if (line.top + line.bottom) / 2 < y:
            bottom = max(bottom, line.bottom)
            continue
        if line.top - bottom > WRAP_GAP * line.height or line.words[0]["x0"] < x0 - 1 or \
                line.words[-1]["x1"] > x1 + 1:
            break
        bottom = line.bottom
    return max(y, bottom + 1)


def _rule(x0: float, x1: float, y: float | tuple[float, float], orientation: str) -> dict:
    top, bottom = y if isinstance(y, tuple) else (y, y)
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation}


def _fill_sides(page: PageObjects) -> list[Segment]:
    sides: list[Segment] = []
    for f in page.fills:
        width, height = f["x1"] - f["x0"], f["bottom"] - f["top"]
        for y in (f["top"], f["bottom"]):
            sides.append({"x0": f["x0"], "x1": f["x1"], "top": y, "bottom": y, "width": width, "height": 0.0,
                          "orientation": "h"})
        for x in (f["x0"], f["x1"]):
            sides.append({"x0": x, "x1": x, "top": f["top"], "bottom": f["bottom"], "width": 0.0,
                          "height": height, "orientation": "v"})
    return sides


def _length(edge: Segment | dict) -> float:
    return edge["x1"] - edge["x0"] if edge["orientation"] == "h" else edge["bottom"] - edge["top"]


def _centre_in(obj: Char | Word | dict, box: Box) -> bool:
    """pdfplumber's test for a char in a cell: its centre, right and bottom borders excluded."""
    h_mid, v_mid = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box.x0 <= h_mid < box.x1 and box.top <= v_mid < box.bottom


def _chars_in(page: PageObjects, box: Box) -> list[Char]:
    return page.centred_in("chars", box.x0, box.top, box.x1, box.bottom)


def _chars_text(chars: list[Char], box: Box, padding: float | None = None, at_foot: bool = False) -> str:
    """The text of a cell's characters, its broken words marked (``padding``: the ruled table's;
    ``at_foot``: the cell ends its table, which may go on on the next page)."""
    text = cell_text(chars)
    return mark_word_breaks(text, chars, box, padding, at_foot) if "\n" in text else text


def _cell_text(page: PageObjects, box: Box) -> tuple[str, float | None]:
    """Text of a region as pdfplumber's ``Table.extract`` gives it; from words where the page has no chars."""
    if page.chars:
        return _chars_text(_chars_in(page, box), box), None
    words = page.centred_in("words", box.x0, box.top, box.x1, box.bottom)
    return "\n".join(_line_text(line) for line in _lines(words)), _confidence(words)


def _is_frame(table: FoundTable) -> bool:
    """A single ruled cell or column (boxed prose, a sidebar, bands of shading) or a grid with (almost) no text."""
    if len(table.cells) <= 1 or table.n_cols < 2:
        return True
    if table.open_top or table.open_bottom:
        # A part of a table cut by a page break may hold one cell of text: the rest of a row.
        return False
    filled = sum(1 for c in table.cells if c.text.strip())
    return filled <= 1


def _inside_any(word: Word, tables: Iterable[FoundTable]) -> bool:
    return any(_centre_in(word, t.bbox) for t in tables)


def _split_merged_columns(table: FoundTable, page: PageObjects) -> FoundTable:
    """Split the cells spanning several columns whose words sit in those columns (see module doc).

    Only when such cells make up at least half of the table's rows: a body ruled by
    horizontal lines only, under a ruled header.  A lone merged row whose words happen to
    fall on both sides of a column edge (a closing 'realised at 100%' row) is a merged cell.
    """
    xs = table.col_starts + [table.bbox.x1]
    splits: dict[GridCell, list[GridCell]] = {}
    for c in table.cells:
        if c.col_span == 1 or not c.text.strip():
            continue
        edges = xs[c.col:c.col + c.col_span + 1]
        words = page.centred_in("words", c.bbox.x0, c.bbox.top, c.bbox.x1, c.bbox.bottom)
        if any(w["x0"] < x - 1 and w["x1"] > x + 1 for w in words for x in edges[1:-1]):
            continue
        parts = [Box(edges[i], c.bbox.top, edges[i + 1], c.bbox.bottom) for i in range(c.col_span)]
        if sum(1 for box in parts if any(_centre_in(w, box) for w in words)) < 2:
            continue
        splits[c] = [GridCell(c.row, c.col + i, c.row_span, 1, *_cell_text(page, box)[:1], box,
                              _cell_text(page, box)[1]) for i, box in enumerate(parts)]
    if len({c.row for c in splits}) < max(2, table.n_rows / 2):
        return table
    cells = [part for c in table.cells for part in splits.get(c, [c])]
    return FoundTable(table.bbox, "partial", table.n_rows, table.n_cols, cells, table.col_starts,
                      table.open_top, table.open_bottom)


def _split_tall_rows(table: FoundTable, page: PageObjects) -> FoundTable:
    """Rows ruled only at their top and bottom that hold several printed rows (columns ruled, rows not).

    Only rows holding figures: in at least two of its cells most lines, and at least
    ``MIN_TABLE_LINES``, are figures (digits, signs, '(X)'), each line a row of its own; cells of
    running text that wrap over many lines side by side stay one row.  Wrapped lines (of a
    label column) are joined as in text tables.
    """
    xs = table.col_starts + [table.bbox.x1]
    out: list[GridCell] = []
    offset = 0
    changed = False
    for r in range(table.n_rows):
        row_cells = [c for c in table.cells if c.row == r]
        single = [c for c in row_cells if c.row_span == 1]
        top = min((c.bbox.top for c in single), default=0.0)
        bottom = max((c.bbox.bottom for c in single), default=0.0)
        sub_rows = None
        figure_cells = sum(1 for c in single if _figure_lines(c.text) >= max(MIN_TABLE_LINES, 0.6 * len(c.text.split("\n"))))
        if single and len(single) == len(row_cells) and figure_cells >= 2:
            words = [w for w in page.words if table.bbox.x0 <= (w["x0"] + w["x1"]) / 2 < table.bbox.x1
                     and top <= (w["top"] + w["bottom"]) / 2 < bottom]
            lines = _lines(words)
            line_cells = [_by_columns(line.words, xs, row_cells) for line in lines]
            if sum(1 for cells in line_cells if len(cells) >= 2) >= MIN_TABLE_LINES:
                sub_rows = _join_wrapped(lines, line_cells, [])
        if sub_rows is None or len(sub_rows) < 2:
            out.extend(GridCell(c.row + offset, c.col, c.row_span, c.col_span, c.text, c.bbox, c.confidence)
                       for c in row_cells)
            continue
        changed = True
        for k, (_, cells) in enumerate(sub_rows):
            for c in row_cells:
                words = cells.get((c.col, c.col + c.col_span - 1), [])
                box = _words_box(words) if words else Box(c.bbox.x0, top, c.bbox.x1, bottom)
                out.append(GridCell(r + offset + k, c.col, 1, c.col_span, _text_of(words), box, _confidence(words)))
        offset += len(sub_rows) - 1
    if not changed:
        return table
    return FoundTable(table.bbox, "partial", table.n_rows + offset, table.n_cols, out, table.col_starts,
                      table.open_top, table.open_bottom)


def _split_text_columns(table: FoundTable, page: PageObjects) -> FoundTable:
    """Ruled columns that hold two or more unruled columns (rules around groups of columns).

    A ruled column is split where the lines of its cells leave a gap that (almost) none
    crosses and at least ``MIN_TABLE_LINES`` of them print on both sides; a column of
    bare signs ('€', '%') beside the figures is not a column of its own.  A cell whose
    text crosses the gap (a group header) spans the new columns.
    """
    splits: dict[int, list[tuple[float, float]]] = {}
    gap = _column_gap(page)
    for col in range(table.n_cols):
        cells = [c for c in table.cells if c.col == col and c.col_span == 1 and c.text.strip()]
        lines = [line for c in cells for line in _lines(_words_in(page, c.bbox))]
        chunks = [chunk for line in lines for chunk in line.chunks(gap)]
        sub = _columns([(c[0]["x0"], max(w["x1"] for w in c)) for c in chunks], len(lines))
        if len(sub) < 2:
            continue
        lines_across = sum(1 for line in lines if len({_chunk_columns(k, sub) for k in line.chunks(gap)}) >= 2)
        signs_only = any(all(len(k) == 1 and len(k[0]["text"]) <= 2 and not k[0]["text"].isalnum()
                             for k in chunks if _chunk_columns(k, sub) == (i, i)) for i in range(len(sub)))
        if lines_across >= MIN_TABLE_LINES and not signs_only:
            splits[col] = sub
    if not splits:
        return table
    first_of, starts = [], []
    for col in range(table.n_cols):
        first_of.append(len(starts))
        starts.append(table.col_starts[col])
        starts.extend(x0 for x0, _ in splits.get(col, [])[1:])
    first_of.append(len(starts))
    cells: list[GridCell] = []
    for c in table.cells:
        first, end = first_of[c.col], first_of[c.col + c.col_span]
        sub = splits.get(c.col) if c.col_span == 1 else None
        if sub is None or not c.text.strip():
            cells.append(GridCell(c.row, first, c.row_span, end - first, c.text, c.bbox, c.confidence))
            continue
        placed: dict[tuple[int, int], list[Word]] = {}
        for line in _lines(_words_in(page, c.bbox)):
            for chunk in line.chunks(gap):
                placed.setdefault(_chunk_columns(chunk, sub), []).extend(chunk)
        if any(a != b for a, b in placed):
            cells.append(GridCell(c.row, first, c.row_span, end - first, c.text, c.bbox, c.confidence))
            continue
        for i, (x0, x1) in enumerate(sub):
            found = placed.get((i, i), [])
            box = _words_box(found) if found else Box(x0, c.bbox.top, x1, c.bbox.bottom)
            cells.append(GridCell(c.row, first + i, c.row_span, 1, _text_of(found), box, _confidence(found)))
    cells.sort(key=lambda c: (c.row, c.col))
    return FoundTable(table.bbox, "partial", table.n_rows, len(starts), cells, starts, table.open_top,
                      table.open_bottom)


def _words_in(page: PageObjects, box: Box) -> list[Word]:
    return page.centred_in("words", box.x0, box.top, box.x1, box.bottom)


def _prints_figures(line: list[list[Word]]) -> bool:
    """Whether a line prints a number beyond its first chunk (a row of figures, not a header line
    whose only non-word is a '%')."""
    return any(_is_figure(text := _line_text(c)) and any(ch.isdigit() for ch in text) for c in line[1:])


def _figure_lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if _is_figure(line))


# The readers ask this of every chunk of every candidate run of lines, the same texts many times.
@lru_cache(maxsize=1 << 12)
def _is_figure(text: str) -> bool:
    """A printed value rather than words: at most a third of its characters are letters."""
    chars = [ch for ch in text if not ch.isspace()]
    return bool(chars) and sum(ch.isalpha() for ch in chars) <= len(chars) / 3


def _by_columns(words: list[Word], xs: list[float], row_cells: list[GridCell]) -> dict[tuple[int, int], list[Word]]:
    """Words of one line keyed by the (first, last) column of the ruled cell they print in."""
    out: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        mid = (w["x0"] + w["x1"]) / 2
        for c in row_cells:
            if xs[c.col] <= mid < xs[c.col + c.col_span]:
                out.setdefault((c.col, c.col + c.col_span - 1), []).append(w)
                break
    return out


def _attach_side_columns(tables: list[FoundTable], words: list[Word],
                         page: PageObjects) -> tuple[list[FoundTable], list[Word]]:
    """Unruled columns printed just left or right of a ruled table (labels, a last column) join the table.

    The words beside the table (within half its width of it, inside its height) are taken
    when they fall in at least half of the table's rows; they are cut into columns at the
    gaps no line crosses, and each word goes to the row its middle lies in.
    """
    out = []
    for table in tables:
        if table.ruling != "none":
            for side in ("left", "right"):
                table, words = _attach_side(table, words, side, _column_gap(page))
        out.append(table)
    return out, words


def _attach_side(table: FoundTable, words: list[Word], side: str,
                 column_gap: float) -> tuple[FoundTable, list[Word]]:
    reach = (table.bbox.x1 - table.bbox.x0) / 2
    bands = _row_bands(table)

    def band_of(w: Word) -> int | None:
        centre = (w["top"] + w["bottom"]) / 2
        return next((r for r, (top, bottom) in enumerate(bands) if top - 1 <= centre <= bottom + 1), None)

    if side == "left":
        candidates = [w for w in words if w["x1"] <= table.bbox.x0 + 1 and band_of(w) is not None]
    else:
        candidates = [w for w in words if w["x0"] >= table.bbox.x1 - 1 and band_of(w) is not None]
    # Per line, the chunk nearest the table: together they are a column whose edge must be near the table.
    chunks = [line.chunks(column_gap)[-1 if side == "left" else 0] for line in _lines(candidates)]
    if not chunks:
        return table, words
    if side == "left":
        gap = table.bbox.x0 - max(w["x1"] for c in chunks for w in c)
    else:
        gap = min(c[0]["x0"] for c in chunks) - table.bbox.x1
    if gap > reach:
        return table, words
    side_words = [w for c in chunks for w in c]
    if len({band_of(w) for w in side_words}) < max(2, len(bands) / 2) or \
            statistics.median(len(c) for c in chunks) >= 6:
        return table, words
    columns = _columns([(c[0]["x0"], max(w["x1"] for w in c)) for c in chunks], 0)
    n_new = len(columns)
    shift = n_new if side == "left" else 0
    first_new = 0 if side == "left" else table.n_cols
    placed: dict[tuple[int, int], list[Word]] = {}
    for chunk in chunks:
        col, _ = _chunk_columns(chunk, columns)
        for w in chunk:
            placed.setdefault((band_of(w), first_new + col), []).append(w)
    cells = [GridCell(c.row, c.col + shift, c.row_span, c.col_span, c.text, c.bbox, c.confidence) for c in table.cells]
    for r, (top, bottom) in enumerate(bands):
        for k, (x0, x1) in enumerate(columns):
            found = placed.get((r, first_new + k), [])
            box = _words_box(found) if found else Box(x0, top, x1, bottom)
            cells.append(GridCell(r, first_new + k, 1, 1, _text_of(found), box, _confidence(found)))
    cells.sort(key=lambda c: (c.row, c.col))
    starts = ([x0 for x0, _ in columns] + table.col_starts if side == "left"
              else table.col_starts + [x0 for x0, _ in columns])
    region = table.bbox.union(Box(columns[0][0], table.bbox.top, columns[-1][1], table.bbox.bottom))
    taken = {id(w) for w in side_words}
    return (FoundTable(region, "partial", table.n_rows, table.n_cols + n_new, cells, starts, table.open_top,
                       table.open_bottom),
            [w for w in words if id(w) not in taken])


def _row_bands(table: FoundTable) -> list[tuple[float, float]]:
    """Top and bottom of each row of a table, from its cells of one row."""
    bands = []
    for r in range(table.n_rows):
        boxes = [c.bbox for c in table.cells if c.row == r and c.row_span == 1] or \
                [c.bbox for c in table.cells if c.row <= r < c.row + c.row_span]
        bands.append((min(b.top for b in boxes), max(b.bottom for b in boxes)))
    return bands


# --- text lines --------------------------------------------------------------------------------


@dataclass
class _Line:
    words: list[Word]
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def chunks(self, column_gap: float) -> list[list[Word]]:
        """The line's words cut at column gaps (wider than ``column_gap`` text heights: ``_column_gap``).

        A justified line of running text stretches every space alike: a line of words whose
        spaces are all about equal is one chunk, however wide they are.
        """
        height = max(self.height, 1.0)
        gap, figures_gap = column_gap * height, COLUMN_GAP * height
        spaces = [b["x0"] - a["x1"] for a, b in zip(self.words, self.words[1:])]
        if len(self.words) >= 5:
            wordy = sum(1 for w in self.words if w["text"][:1].isalpha()) >= 0.7 * len(self.words)
            if wordy and max(spaces) <= JUSTIFIED_SPREAD * max(min(spaces), 0.5):
                return [list(self.words)]
        judged = _ocr_judged_spaces(self.words, spaces, gap)
        out: list[list[Word]] = [[self.words[0]]]
        for w, space in zip(self.words[1:], judged):
            before = out[-1][-1]
            if space > (figures_gap if _is_figure_word(before) and _is_figure_word(w) else gap):
                out.append([w])
            else:
                out[-1].append(w)
        return out


# An OCR'd space narrower than this share of its line's usual word space is no space the printer set ...
OCR_SQUEEZED_SPACE = 0.5


def _ocr_judged_spaces(words: Sequence[Word], spaces: list[float], gap: float) -> list[float]:
    """The spaces between a line's words as column gaps are judged: as measured, but for OCR'd words
    a space beside one squeezed below ``OCR_SQUEEZED_SPACE`` of the line's usual space counts as the
    two spaces' mean.

    Tesseract now and then boxes a word a point or two off its ink (an 'e' boxed from 420.0 where it
    prints at 421.7): the space on one side shrinks by as much as the other grows, and in a justified
    line the grown one passes for a column gap, parting a description in two.  A printed word keeps
    its place, so the two spaces around it together still measure two word spaces.
    """
    usual = [s for s in spaces if 0 < s <= gap]
    if not usual or not all("confidence" in w for w in words):
        return spaces
    squeezed = OCR_SQUEEZED_SPACE * statistics.median(usual)
    judged = list(spaces)
    for i, space in enumerate(spaces):
        beside = [spaces[j] for j in (i - 1, i + 1) if 0 <= j < len(spaces) and spaces[j] < squeezed]
        if space > gap and beside:
            judged[i] = min(space, (space + min(beside)) / 2)
    return judged


def _lines(words: Sequence[Word]) -> list[_Line]:
    """Words grouped into printed lines (a word joins the line its vertical centre falls in), top to bottom."""
    if len(words) == 1:   # most cells
        return [_Line([words[0]], words[0]["top"], words[0]["bottom"])]
    lines: list[_Line] = []
    # Asked for every region and cell of every page: each word's centre is worked out once, and the
    # index keeps the sort stable as a key function would.
    by_centre = sorted([((w["top"] + w["bottom"]) / 2, w["x0"], i, w) for i, w in enumerate(words)])
    for centre, _, _, w in by_centre:
        for line in lines[:-4:-1]:   # the last three lines, the latest first
            if line.top <= centre <= line.bottom:
                line.words.append(w)
                if w["top"] < line.top:
                    line.top = w["top"]
                if w["bottom"] > line.bottom:
                    line.bottom = w["bottom"]
                break
        else:
            lines.append(_Line([w], w["top"], w["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda line: line.top)
    return lines


# Letters that reach the cap height, and letters or signs that reach below the baseline (Latin text).
_CAPPED = re.compile(r"[A-ZÀ-ÖØ-Þbdfhklt0-9]")
_DESCENDING = re.compile(r"[gjpqy,;()/\[\]{}|@$]")
# A font's descent below the baseline, as a share of its cap height (measured on the born-digital pages of
# pira-a and relazione-b against their scans: 0.18 and 0.21; Latin fonts' metrics put it about there).
DESCENT_SHARE = 0.2


def ocr_font_boxes(words: Sequence[Word]) -> list[Word]:
    """OCR'd words, each given its printed line's font height: from the line's cap height (the median top
    of its words with a capital, an ascender or a digit) down to its baseline (the median bottom of its
    words without a descender) and ``DESCENT_SHARE`` below.  Across, each word keeps its own box.

    Tesseract boxes a word to its ink, and not even that reliably (a bold 'Titolo' boxed 10.3 pt high
    where its ink is 5.8 pt; 'gli' 10 pt, 'di' 6 pt), where a printed word is as high as its font; and
    the reader measures its gaps in line heights (lines close enough to be one table, a wrapped line,
    a column gap).  Words without a confidence (marks found by shape) and lines without both kinds of
    word keep their boxes.
    """
    out: list[Word] = []
    for line in _lines([w for w in words if "confidence" in w]):
        capped = [w["top"] for w in line.words if _CAPPED.search(w["text"])]
        flat = [w["bottom"] for w in line.words if not _DESCENDING.search(w["text"])]
        if not capped or not flat or statistics.median(flat) <= statistics.median(capped):
            out.extend(line.words)
            continue
        top, baseline = statistics.median(capped), statistics.median(flat)
        bottom = baseline + DESCENT_SHARE * (baseline - top)
        out.extend({**w, "top": top, "bottom": bottom} for w in line.words)
    return out + [w for w in words if "confidence" not in w]


# A page's word space is measured on gaps narrower than this many text heights ...
SPACE_MAX = 0.8
# ... and is the width most lines share, once each, when at least this many do (a justified
# line stretches its spaces alike, to a width of its own).
SPACE_LINES = 3


def _column_gap(page: PageObjects) -> float:
    """The page's column gap in text heights: ``COLUMN_GAP``, or ``SPACE_GAP`` word spaces where the
    page's word space is wider than a third of its text height (a monospaced font)."""
    return page.derived(_measured_column_gap)


def _measured_column_gap(page: PageObjects) -> float:
    # Spaces of running text: before a word in lower case, after a word ending in a letter (a column
    # of right-aligned figures or of capitalised labels sets gaps alike on many lines).
    seen: set[tuple[float, float]] = set()   # (line top, gap in hundredths of a height): once a line
    spaces: list[float] = []                 # every such gap, in heights (OCR'd pages)
    for a, b in zip(page.words, page.words[1:]):
        height = a["bottom"] - a["top"]
        if abs(b["top"] - a["top"]) < 1 and height > 0 and 0 < b["x0"] - a["x1"] < SPACE_MAX * height \
                and b["text"][:1].islower() and a["text"][-1:].isalpha():
            seen.add((round(a["top"]), round((b["x0"] - a["x1"]) / height, 2)))
            if not page.chars:
                spaces.append((b["x0"] - a["x1"]) / height)
    if not page.chars:
        # OCR'd words (font boxes: ``ocr_font_boxes``) are set apart by the ink's gaps, wider than the font's
        # spaces by the letters' side bearings, and no two alike (a pixel is 0.36 pt at 200 dpi): the
        # page's space is their median, on a few lines at least.
        if len({top for top, _ in seen}) < SPACE_LINES:
            return COLUMN_GAP
        return max(COLUMN_GAP, SPACE_GAP * statistics.median(spaces))
    counts = Counter(ratio for _, ratio in seen)
    space, lines = counts.most_common(1)[0] if counts else (0.0, 0)
    return max(COLUMN_GAP, SPACE_GAP * space) if lines >= SPACE_LINES else COLUMN_GAP


_NUMBER_TOKEN = re.compile(r"[-+(€$]?[\d.,']*\d[\d.,']*%?\)?")


def is_number_token(text: str) -> bool:
    """A number alone ('1,180,160', '12.5%', '(300)'), not a code ('2C7102') nor a word."""
    return _NUMBER_TOKEN.fullmatch(text) is not None


def _is_figure_word(word: Word) -> bool:
    return is_number_token(word["text"])


def _line_text(words: Iterable[Word] | _Line) -> str:
    items = words.words if isinstance(words, _Line) else words
    return " ".join(w["text"] for w in items)


def _words_box(words: Iterable[Word] | _Line) -> Box:
    items = list(words.words if isinstance(words, _Line) else words)
    return Box(min(w["x0"] for w in items), min(w["top"] for w in items),
               max(w["x1"] for w in items), max(w["bottom"] for w in items))


def _confidence(words: Iterable[Word] | _Line) -> float | None:
    items = list(words.words if isinstance(words, _Line) else words)
    values = [w["confidence"] for w in items if "confidence" in w]
    return sum(values) / len(values) if values else None


def _text_of(words: Sequence[Word]) -> str:
    """Words of one cell: lines joined with a newline, words with a space."""
    return "\n".join(_line_text(line) for line in _lines(words))


# --- text tables ---------------------------------------------------------------------------------


def _text_tables(lines: list[_Line], page: PageObjects,
                 headers: Sequence[FoundTable] = ()) -> tuple[list[FoundTable], list[_Line]]:
    """Tables made of aligned text lines, and the lines left as prose."""
    if not lines:
        return [], []
    heights = statistics.median(line.height for line in lines)
    chunked = [line.chunks(_column_gap(page)) for line in lines]
    _part_runs(lines, chunked, heights, _joined_rules(page))
    tables: list[FoundTable] = []
    used: set[int] = set()
    leftover: list[Word] = []
    part_start: int | None = None   # the line where a table part with its own header starts
    above: list[int] = []           # the lines of the last table read
    i = 0
    while i < len(lines):
        if len(chunked[i]) < 2:
            i += 1
            continue
        run_end = _run_end(lines, chunked, i, heights)
        end = _part_end(lines, chunked, i, run_end)
        # A part cut off by the next part's header, and that part, are pieces of the table the whole run is.
        min_lines = 2 if end < run_end or i == part_start else MIN_TABLE_LINES
        if _under_ruled_header(lines, chunked, i, end, headers):
            # The ruled header above is one more row (attached in _attach_ruled_headers); under it a
            # single line of a label and two values or more (the rest at the next page) is a row.
            min_lines = 1 if len(chunked[i]) >= 3 else 2
        if end == i + 1 and i > 0 and _close(lines[i - 1], lines[i], heights) and _is_header_line(chunked[i]) \
                and _header_at_foot(lines, chunked, i, end):
            min_lines = 1   # a header line under a table, ending its page: its values are on the next
        if _rest_at_head(chunked, i, end, run_end):
            min_lines = 1
        elif _rest_off_grid(chunked, i, end):
            end, min_lines = i + 1, 1
        start = _header_start(lines, chunked, i, heights, page)
        # A line already in a table (the last of the part above) is not this one's header.
        run = [k for k in range(start, end) if k not in used and not (k < i and _is_caption(lines[k]))]
        while run and _is_caption(lines[run[0]]):
            run.pop(0)
        # A part on the grid of the table right above, moved sideways: that grid's columns, moved as much.
        offset = _moved_grid(chunked[i], [chunked[k] for k in above]) if above and above[-1] == i - 1 else None
        grid = [(a + offset, b + offset) for a, b in _body_columns(above, chunked)] if offset is not None else None
        if grid is not None and len(grid) < len(_body_columns(run, chunked)):
            # The part above (a header alone, its labels glued over their columns) shows fewer columns than
            # the part's own lines: the part is a table of its own, on its own columns.
            grid = None
        table = _grid_of(run, lines, chunked, page, min_lines, grid)
        if table is not None:
            beside = _prose_beside(run, lines, chunked, page, headers)
            if beside:
                # A column of running text beside the table (a page set in columns) is prose:
                # its words leave the table's lines, and the table is read again without them.
                leftover.extend(beside)
                gone = {id(w) for w in beside}
                for k in run:
                    chunked[k] = [c for c in chunked[k] if id(c[0]) not in gone]
                    kept = [w for w in lines[k].words if id(w) not in gone]
                    lines[k] = _Line(kept, min((w["top"] for w in kept), default=lines[k].top),
                                     max((w["bottom"] for w in kept), default=lines[k].bottom))
                run = [k for k in run if chunked[k]]
                table = _grid_of(run, lines, chunked, page, min_lines, grid) if run else None
        if table is not None:
            if grid is not None:
                # The rows of the table above, on its grid: the same table.
                table = _stacked_rows(tables.pop(), table)
            tables.append(table)
            used.update(run)
            above = run
            part_start = end if end < run_end else None
            i = end
        else:
            i += 1
    prose = [line for k, line in enumerate(lines) if k not in used and line.words] + _lines(leftover)
    return tables, sorted(prose, key=lambda line: line.top)


def _stacked_rows(upper: FoundTable, lower: FoundTable) -> FoundTable:
    """One table of the rows of ``upper`` and, under them, those of ``lower``, read on the same columns."""
    cells = upper.cells + [replace(c, row=c.row + upper.n_rows) for c in lower.cells]
    return FoundTable(upper.bbox.union(lower.bbox), upper.ruling if upper.ruling == lower.ruling else "partial",
                      upper.n_rows + lower.n_rows, upper.n_cols, cells, upper.col_starts, upper.open_top,
                      lower.open_bottom)


# --- runs of text set close together -------------------------------------------------------------

# Points within which two lines' gaps are one column border.
BORDER_TOLERANCE = 0.5
# A column border is confirmed by at least this many other lines of the block.
BORDER_LINES = 2
# Points within which OCR'd words start at one column edge (a pixel either way at 200 dpi, and some).
OCR_ALIGN = 1.0


@dataclass(frozen=True)
class _RunEdge:
    """Where a chunk may part: before word ``word`` of the chunk, or inside it at ``cut`` (``Word`` cuts)."""

    a: float   # x where the left run ends
    b: float   # x where the right run starts
    word: int
    cut: tuple[int, float, float] | None = None
    # Above 0: a border only where other lines start a word there too, within this many points (a space
    # between two OCR'd words, a letter started inside the one before it).
    aligned: float = 0.0
    ocr: bool = False   # a space between two OCR'd words


def _run_edges(chunk: list[Word]) -> list[_RunEdge]:
    """The places in a chunk where the printer set a new run of text apart without a space glyph."""
    edges = []
    for i, w in enumerate(chunk):
        if i and w.get("unspaced"):
            # A run printed over the end of the word before it (``words.py``) starts inside it.
            edges.append(_RunEdge(min(chunk[i - 1]["x1"], w["x0"]), w["x0"], i))
        # A letter set apart inside a word is tracking ('n o.') or a glyph without text, not a cell; a
        # run printed over the end of the one before it (it starts where that one ends: ``words.py``) is,
        # and so is a sign opening the next cell ('%').
        edges.extend(_RunEdge(cut[1], cut[2], i, cut) for cut in w.get("cuts", ())
                     if cut[1] >= cut[2] or (cut[0] >= 2 and (len(w["text"]) - cut[0] >= 2
                                                              or not w["text"][cut[0]:].isalnum())))
        edges.extend(_RunEdge(cut[1], cut[2], i, cut, aligned=BORDER_TOLERANCE) for cut in w.get("overlaps", ()))
    return edges


def _ocr_spaces(chunk: list[Word]) -> list[_RunEdge]:
    """The spaces between a chunk's words read by OCR (they carry a confidence): a scan keeps no printing
    order to set a cell's run apart from the next one's (``_run_edges``), so any space may be a border."""
    return [_RunEdge(chunk[i - 1]["x1"], w["x0"], i, aligned=OCR_ALIGN, ocr=True)
            for i, w in enumerate(chunk) if i and "confidence" in w and "confidence" in chunk[i - 1]]


def _part_runs(lines: list[_Line], chunked: list[list[list[Word]]], height: float, rules: list[Segment]) -> None:
    """Part the chunks at run edges that are column borders: cells set closer than a column gap.

    A table set tight puts a cell's text about 2 pt from its neighbour's, closer than a word space:
    the words glue ('realizzazioneufficio') or one chunk runs over two columns ('percentuale %').
    Where the printer set the runs apart without a space glyph (``words.py``), the chunk is parted
    when the border recurs: at least ``BORDER_LINES`` other lines of the block (lines set close
    together) leave a column gap there (a gap between their chunks overlapping it) or part runs
    there too, counted up and down from the line to the first line that runs across it.
    Running text runs across it on every line, so a lone set-apart run ('v=3') stays as printed.
    A line whose only crossing is one word (a word wider than its narrow column, as its neighbours
    often are) neither confirms nor ends the count.
    A scan keeps no printing order, so there any space between two words may be such an edge
    (``_ocr_spaces``); it is confirmed only by other lines starting a word there (within ``OCR_ALIGN``):
    the left edge of a column of left-aligned cells, where running text starts words at random.
    """
    blocks: list[list[int]] = []
    for k in range(len(lines)):
        if blocks and _close(lines[k - 1], lines[k], height):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    edges = [[_run_edges(chunk) + _ocr_spaces(chunk) for chunk in chunks] for chunks in chunked]
    tol = BORDER_TOLERANCE
    for block in blocks:
        found = {k: [(e.a, e.b) for per_chunk in edges[k] for e in per_chunk if not e.aligned] for k in block}
        if not any(found.values()) and not any(e.aligned for k in block for per_chunk in edges[k] for e in per_chunk):
            continue

        def ruled_apart(i: int, j: int, x: float) -> bool:
            # A rule across x between the two lines: another table's, or another record's, whose words
            # may start anywhere.
            upper, lower = sorted((i, j))
            return any(lines[upper].bottom - 1 <= r["top"] <= lines[lower].top + 1 and r["x0"] <= x <= r["x1"]
                       for r in rules)

        def starts(j: int, b: float, within: float) -> bool:
            return any(abs(w["x0"] - b) <= within for w in lines[j].words)

        def supports(j: int, a: float, b: float) -> bool:
            gaps = zip(chunked[j], chunked[j][1:])
            return any(max(w["x1"] for w in left) <= b + tol and right[0]["x0"] >= a - tol for left, right in gaps) \
                or any(max(a, a2) <= min(b, b2) + tol for a2, b2 in found[j])

        def crosses(j: int, a: float, b: float) -> bool:
            # Words run across it; one word alone is a word wider than its column ('realizzazione').
            return any(len(c) > 1 and c[0]["x0"] < a - tol and max(w["x1"] for w in c) > b + tol
                       for c in chunked[j]) and not any(max(a, a2) <= min(b, b2) + tol for a2, b2 in found[j])

        def recurs(k: int, edge: _RunEdge) -> bool:
            # Lines above and below, up to one that runs across (another table's, or prose).
            a, b = edge.a, edge.b
            n = 0
            for side in (block[block.index(k) - 1::-1] if k != block[0] else [], block[block.index(k) + 1:]):
                near = k
                for j in side:
                    if crosses(j, a, b) or edge.ocr and ruled_apart(near, j, b):
                        break
                    n += starts(j, b, edge.aligned) if edge.aligned else supports(j, a, b)
                    near = j
            return n >= BORDER_LINES

        for k in block:
            confirmed = [e for per_chunk in edges[k] for e in per_chunk if recurs(k, e)]
            # A line of one chunk parted once may be prose under a table whose gaps it meets by chance;
            # not where a run starts inside the one before it (printed over it: never prose).
            if len(chunked[k]) + len(confirmed) >= 3 or any(e.a >= e.b for e in confirmed):
                chunked[k] = [part for chunk, per_chunk in zip(chunked[k], edges[k])
                              for part in _parted(chunk, [e for e in per_chunk if e in confirmed])]
                words = [w for chunk in chunked[k] for w in chunk]
                lines[k] = _Line(words, lines[k].top, lines[k].bottom)


def _parted(chunk: list[Word], edges: list[_RunEdge]) -> list[list[Word]]:
    """A chunk parted at its confirmed run edges (a word cut in two where the edge lies inside it)."""
    if not edges:
        return [chunk]
    parts: list[list[Word]] = [[]]
    for i, w in enumerate(chunk):
        cuts = sorted((e.cut for e in edges if e.word == i and e.cut is not None), key=lambda c: c[0])
        if any(e.word == i and e.cut is None for e in edges) and parts[-1]:
            last = parts[-1][-1]
            if last["x1"] > w["x0"]:
                # A word printed over the start of this one ends, as a cell, where this one starts.
                parts[-1][-1] = {**last, "x1": w["x0"]}
            parts.append([])
        start, x0 = 0, w["x0"]
        for offset, left_end, right_start in cuts:
            parts[-1].append(_piece(w, w["text"][start:offset], x0, min(left_end, right_start),
                                    start > 0 or bool(w.get("unspaced"))))
            parts.append([])
            start, x0 = offset, right_start
        parts[-1].append(w if not cuts else _piece(w, w["text"][start:], x0, w["x1"], True))
    return parts


def _piece(word: Word, text: str, x0: float, x1: float, unspaced: bool) -> Word:
    piece: Word = {"text": text, "x0": x0, "x1": x1, "top": word["top"], "bottom": word["bottom"],
                   "upright": word.get("upright", True)}
    if unspaced:
        piece["unspaced"] = True
    return piece


def _prose_beside(run: list[int], lines: list[_Line], chunked: list[list[list[Word]]],
                  page: PageObjects, headers: Sequence[FoundTable] = ()) -> list[Word]:
    """Words of a first or last column that is running text (long chunks filling the column's width)."""
    columns = _body_columns(run, chunked)
    if len(columns) < 3:
        return []
    out: list[Word] = []
    by_column = _single_column_chunks(run, chunked, columns)
    # A column headed on the run's first line, beside the other columns' headers, is the table's.
    headed = {_chunk_columns(c, columns) for c in chunked[run[0]] if len(c) <= 3}
    # So is a column the table's rules run across, from the other columns (text beside a table is not
    # ruled), the rule under a ruled header right above the run included (its header, attached later):
    # drawn as a line, or as the foot of the header's shading.
    top, bottom = lines[run[0]].top - lines[run[0]].height, lines[run[-1]].bottom
    feet = [{"x0": h.bbox.x0, "x1": h.bbox.x1, "top": h.bbox.bottom} for h in headers]
    rules = [s for s in [*_joined_rules(page), *feet] if top - 1 < s["top"] < bottom + 1]
    # A row whose first line opens every column at once, the others holding short entries (a type, a
    # unit, a source), is a table row: its long last cell is a value, however like running text it reads.
    opens_all = sorted(_chunk_columns(c, columns) for c in chunked[run[0]]) == [(j, j) for j in range(len(columns))]
    for i in (0, len(columns) - 1):
        if len(chunked[run[0]]) >= 3 and (i, i) in headed:
            continue
        if opens_all and all(statistics.median(len(c) for c in by_column[j]) <= HEADER_WORDS - 1
                             for j in range(len(columns)) if j != i and by_column.get(j)):
            continue
        other = columns[1] if i == 0 else columns[-2]
        if any(s["x0"] <= min(columns[i][0], other[0]) + _SNAP and s["x1"] >= max(columns[i][1], other[1]) - _SNAP
               for s in rules):
            continue
        chunks = by_column.get(i, [])
        # Measured on the column's widest line, not on the body lines: a label column whose
        # fullest lines are its short ones ('Totale ...' rows) is not filled by its titles.
        width = max([columns[i][1] - columns[i][0], *(_width(c) for c in chunks)])
        # Running text is words: a label column of ranges ('1 - 2 years') has as many tokens but few words.
        if len(chunks) >= MIN_TABLE_LINES and statistics.median(_n_words(c) for c in chunks) >= 4 \
                and not (_centred(chunks) and sum(_centred(c) for c in by_column.values()) >= 2) \
                and sum(1 for c in chunks if _width(c) >= 0.8 * width) >= 0.6 * len(chunks):
            out.extend(w for c in chunks for w in c)
    return out


def _n_words(chunk: list[Word]) -> int:
    return sum(1 for w in chunk if w["text"][:1].isalpha())


# A table's caption ("Table 14.", "Tabella 3 -") is printed above it but is not one of its rows.
_CAPTION = re.compile(r"^(table|tabella|tab\.|tableau|tabelle|tabla|figure|fig\.|figura|grafico|chart|exhibit)"
                      r"\s*[\dIVXivx]+[\.:\-–]?(\s|$)", re.I)


def _is_caption(line: _Line) -> bool:
    return bool(_CAPTION.match(_line_text(line)))


def _close(upper: _Line, lower: _Line, height: float) -> bool:
    return lower.top - upper.bottom <= TABLE_LINE_GAP * max(height, upper.height, lower.height)


def _run_end(lines: list[_Line], chunked: list[list[list[Word]]], first: int, height: float) -> int:
    """End (exclusive) of the run of table lines starting at ``first``, a line of several chunks.

    Lines of one chunk join the run when a line of several chunks follows them and they are
    narrow (a wrapped cell, a section label), or lie inside one column printed so far (the
    wrapped text of a wide column), or start at the run's left edge right above more lines of
    the same columns (a section label spanning the table: 'OBIETTIVO STRATEGICO 2B: ...');
    any other wide one-chunk line is prose and ends the run.
    From the third line on, a line of several chunks one of which straddles the columns
    printed so far (two-column prose under a table) ends it too, unless it prints figures in
    those columns (a total whose label spans the label columns), and so does a line restating the
    first one (tables stacked on a page, each header printed under its own heading).
    """
    span = _span(chunked[first])
    covered = _columns(_intervals(chunked[first]), 0)   # the x-ranges the run prints in so far
    columns = list(covered)                             # ... on its lines of several chunks
    figure_columns: list[tuple[float, float]] = []      # ... on those printing figures
    first_texts = [_text_of(c) for c in chunked[first]]
    end, k = first + 1, first + 1
    while k < len(lines) and _close(lines[k - 1], lines[k], height):
        if not chunked[k]:
            # Every word of the line went to prose beside an earlier table: nothing here continues a run.
            break
        if len(chunked[k]) >= 2:
            if k - first >= 2 and len(chunked[k]) == len(chunked[first]) \
                    and [_text_of(c) for c in chunked[k]] == first_texts:
                break   # the run's first line printed again: the header of the next table, under its heading
            if k - first >= 2 and _straddles(chunked[k], covered) and not _figures_in_columns(chunked[k], covered) \
                    and not _overflows(lines, chunked, k, covered, height):
                break
            if k - first >= 2 and _moved_grid(chunked[k], chunked[first:k]) is not None:
                break   # the next part of the table, drawn on a grid moved sideways
            span = (min(span[0], _span(chunked[k])[0]), max(span[1], _span(chunked[k])[1]))
            columns = _columns(columns + _intervals(chunked[k]), 0)
            if _prints_figures(chunked[k]):
                figure_columns = _columns(figure_columns + _intervals(chunked[k]), 0)
            end = k + 1
        elif _width(chunked[k][0]) > 0.6 * (span[1] - span[0]) and not (
                # Once rows of figures are printed, their columns: header words may reach over a gap.
                _wraps_in_column(chunked[k][0], covered) or _inside_one(chunked[k][0], figure_columns or columns)
                or _section_label(lines, chunked, k, span, columns, height)):
            break
        covered = _columns(covered + _intervals(chunked[k]), 0)
        k += 1
    # Trailing narrow lines are the last row's wrapped text when close to it.
    while end < len(lines) and len(chunked[end]) == 1 and _close(lines[end - 1], lines[end], height) \
            and lines[end].top - lines[end - 1].bottom <= WRAP_GAP * height \
            and (_width(chunked[end][0]) <= 0.6 * (span[1] - span[0]) or _wraps_in_column(chunked[end][0], covered)
                 or _inside_one(chunked[end][0], figure_columns or columns)):
        end += 1
    return end


# A column of running text prints on at least this share of the lines of its run.
PROSE_LINES_FILLED = 0.8
# A line heading a table part of its own prints at least this many chunks of words.
PART_HEADER_CHUNKS = 3
# A table of long text values is headed in at least this many columns.
HEADED_COLUMNS = 3
# ... and at most this many words in each (a header label, not a line of values).
HEADER_WORDS = 4


def _part_end(lines: list[_Line], chunked: list[list[list[Word]]], first: int, end: int) -> int:
    """Where a run of table lines ends because a part with a grid of its own starts in it.

    Under label | value rows (the rows above print at least two lines of several chunks, one
    of them a value of several words) or rows of figures (two lines or more: the resources of
    an objective by phase over its indicators' header), a line of more short word chunks than the rows above
    have columns, several of them in one column above, is the header of another grid ('Tipologia | Unità di misura |
    Algoritmo | Fonte | Ultimo valore' under 'Indicatore | <name>'), when a line below it
    prints in those header columns (values under the header), or when it ends its page
    (``_header_at_foot``: its values are on the next): that part is a table of its own, its
    columns taken from its header and body, not merged into the grid above.
    """
    for k in range(first + 2, end):
        header = chunked[k]
        if len(header) < PART_HEADER_CHUNKS or any(
                len(c) > HEADER_WORDS or _is_figure(_line_text(c)) for c in header):
            continue
        multi = [j for j in range(first, k) if len(chunked[j]) >= 2]
        # Above: label | value rows (a value of several words) or rows of figures (resources by phase),
        # or, a blank line between, rows printing a value ('--- | --- | 100%': a results row) under
        # a line of labels each opening with a capital.
        apart = lines[k].top - lines[k - 1].bottom > WRAP_GAP * max(lines[k].height, lines[k - 1].height)
        if len(multi) < 2 or not (any(len(c) > HEADER_WORDS for j in multi for c in chunked[j])
                                  or _label_value_rows([chunked[j] for j in multi], header)
                                  or sum(_prints_figures(chunked[j]) for j in multi) >= 2
                                  or apart and _is_header_line(header)
                                  and any(_prints_value(chunked[j]) for j in multi)):
            continue
        columns = _body_columns(list(range(first, k)), chunked)
        if len(columns) >= len(header):
            continue
        held = [_chunk_columns(c, columns) for c in header]
        if not any(a == b and held.count((a, b)) >= 2 for a, b in held):
            continue
        headed = _intervals(header)
        # Its values may lie past the run's end: they straddle the columns above, which ended the run.
        if any(len({_chunk_columns(c, headed) for c in chunked[j] if len(set(_chunk_columns(c, headed))) == 1})
               >= PART_HEADER_CHUNKS for j in range(k + 1, min(k + 4, len(lines)))) \
                or _header_at_foot(lines, chunked, k, end):
            # A heading set apart above the header (not a wrapped line of the row above) is the part's.
            while k - 2 >= first and len(chunked[k - 1]) == 1 and \
                    lines[k - 1].top - lines[k - 2].bottom > WRAP_GAP * max(lines[k - 1].height, lines[k - 2].height):
                k -= 1
            return k
    return end


def _label_value_rows(rows: list[list[list[Word]]], header: list[list[Word]]) -> bool:
    """Whether every line above a header prints a label in the header's first column and one value
    ('Cosa misura | Capacità di ascolto'), short values too; a group label over sub-columns is centred
    or spans, and the line above it holds more of them."""
    x0 = header[0][0]["x0"]
    return all(len(line) == 2 and abs(line[0][0]["x0"] - x0) <= _SNAP for line in rows)


def _prints_value(line: list[list[Word]]) -> bool:
    """A line printing a figure or a placeholder for one ('---')."""
    return _prints_figures(line) or any(_PLACEHOLDER.match(_line_text(c)) for c in line)


def _under_ruled_header(lines: list[_Line], chunked: list[list[list[Word]]], first: int, end: int,
                        headers: Sequence[FoundTable]) -> bool:
    """Whether a ruled header (``headers``) as wide as the run ends right above its first line, the
    run's first line printing in two or more of its columns, each chunk in one: the header of a body
    that may be two lines, or one at a page's foot."""
    x0, x1 = _span([c for k in range(first, end) for c in chunked[k]])
    top = lines[first].top
    above = lines[first - 1].bottom if first > 0 else 0.0
    for header in headers:
        box = header.bbox
        if not (max(above, top - lines[first].height) - 1 <= box.bottom <= top + 1
                and box.x0 <= x0 + _SNAP and box.x1 >= x1 - _SNAP):
            continue
        columns = _column_ranges(header)
        spans = [_chunk_columns(c, columns) for c in chunked[first]]
        if all(a == b for a, b in spans) and len(set(spans)) == len(spans) >= 2:
            return True
    return False


def _is_header_line(line: list[list[Word]]) -> bool:
    """Short labels in three or more chunks, each opening with a capital, no figures."""
    return len(line) >= PART_HEADER_CHUNKS and all(
        len(c) <= HEADER_WORDS and c[0]["text"][:1].isupper() and not _is_figure(_line_text(c)) for c in line)


def _header_at_foot(lines: list[_Line], chunked: list[list[list[Word]]], k: int, end: int) -> bool:
    """Whether the header line ``k`` ends the run, only its own wrapped labels under it, and nothing but
    single lines (a page number, a footer) follows it on the page: a header a page break parted from its
    values, which the next page prints."""
    headed = _intervals(chunked[k])
    wrapped = all(all(len(c) <= HEADER_WORDS and len(set(_chunk_columns(c, headed))) == 1 for c in chunked[j])
                  and lines[j].top - lines[j - 1].bottom <= WRAP_GAP * max(lines[j].height, lines[j - 1].height)
                  for j in range(k + 1, end))
    return wrapped and all(len(chunked[j]) <= 1 for j in range(end, len(lines)))


def _rest_at_head(chunked: list[list[list[Word]]], first: int, end: int, run_end: int) -> bool:
    """Whether the run opens its page (at most a running header above it) with a line of a value in
    each of three columns or more, and its wrapped lines, cut short by the next table: the rest of a
    row whose header ended the page before (``_header_at_foot``)."""
    return (all(len(chunked[j]) <= 1 for j in range(first)) and first <= 1 and end == run_end
            and run_end < len(chunked) and end - first >= 2 and len(chunked[first]) >= PART_HEADER_CHUNKS
            and all(len(chunked[j]) < len(chunked[first]) for j in range(first + 1, end)))


def _rest_off_grid(chunked: list[list[list[Word]]], first: int, end: int) -> bool:
    """Whether the run opens its page (at most a running header above it) with a line over the header of the
    next table that is no row of it: two of its cells or more fall in one of the columns of the lines under
    it, though a column gap parts them.  It is the rest of a row a page break cut, printed in the columns of
    the table that ended the page before ('programmate' | 'competente' under 'Algoritmo' and 'Fonte'), over
    the next table ('Risultato atteso 2017 | 2018 | 2019'): a part of its own.  Each of its cells goes on
    with words begun above, in lower case: a header's labels or a row's first cell open with a capital."""
    if first > 1 or any(len(chunked[j]) > 1 for j in range(first)) or end - first < 1 + MIN_TABLE_LINES \
            or not all(c[0]["text"][:1].islower() for c in chunked[first]) \
            or not _is_header_line(chunked[first + 1]):
        return False
    columns = _body_columns(list(range(first + 1, end)), chunked)
    held = [_chunk_columns(c, columns) for c in chunked[first]]
    return len(set(held)) < len(held)


# A line whose cells of words start this many of them or more off the columns above by one same distance is
# set on another grid.
MOVED_CELLS = 3


def _moved_grid(line: list[list[Word]], above: list[list[list[Word]]]) -> float | None:
    """How far a line's cells start off the columns of the lines ``above`` it, when the line is a table part
    drawn on their grid moved sideways (a converter setting the part of a table split off at a page's foot
    a few points left of the part above); None when it is on that grid.

    The columns' starts are where cells of words start on the lines of several cells above (a figure,
    right-aligned, starts wherever its width puts it).  Moved, half or more of the line's cells of words
    (those under a group label start where no label above does), at least ``MOVED_CELLS``, start off those
    starts by one same distance, wider than a rule's snap, the first cell off the first column's (a grid
    moved as a whole moves the table's left edge), and not every one of them
    is centred where a cell above is (a centred label of fewer letters, 'Risultato anno' under 'Risultato
    atteso', starts off as much in each column).  Read with the rows above as one grid, its columns would
    overlap theirs and merge.
    """
    cells = [c for c in line if not _is_figure(_line_text(c))]
    if len(cells) < MOVED_CELLS:   # asked of every line of a run against all above it: the cheap test first
        return None
    lines = [[c for c in chunks if not _is_figure(_line_text(c))] for chunks in above if len(chunks) >= 2]
    starts = [c[0]["x0"] for chunks in lines for c in chunks]
    if not starts:
        return None
    offsets = [c[0]["x0"] - min(starts, key=lambda x: abs(x - c[0]["x0"])) for c in cells]
    # The most offsets within a point of each other.
    common, best = max(((a, sum(1 for o in offsets if a <= o <= a + 1.0)) for a in offsets), key=lambda ab: ab[1])
    if best < MOVED_CELLS or abs(common) <= _SNAP or best * 2 < len(offsets) \
            or not common <= line[0][0]["x0"] - min(starts) <= common + 1.0:
        return None
    centres = [(d[0]["x0"] + d[-1]["x1"]) / 2 for chunks in lines for d in chunks]
    if all(any(abs((c[0]["x0"] + c[-1]["x1"]) / 2 - x) <= 1.0 for x in centres)
           for c, o in zip(cells, offsets) if common <= o <= common + 1.0):
        return None
    return common


def _wraps_in_column(chunk: list[Word], columns: list[tuple[float, float]]) -> bool:
    """A line starting where a column other than the first starts: the wrapped text of that column's
    cell (a long value beside its label), however wide; prose under a table starts at its left."""
    return any(abs(chunk[0]["x0"] - x0) <= _SNAP for x0, _ in columns[1:])


def _overflows(lines: list[_Line], chunked: list[list[list[Word]]], k: int, columns: list[tuple[float, float]],
               height: float) -> bool:
    """Whether line ``k``, straddling ``columns``, is a row whose cell ran over into the next one (a
    word wider than its column printed across the border, 'internazionalizzazione' into 'delle'): each
    straddling chunk is a single word, which no line break could shorten (it may start anywhere: a word
    centred in a narrow column runs over both sides, 'gradimento' over three columns of results), or
    starts where a column starts and reaches only into the next; every other chunk prints in one column;
    and the line below is back in the columns, in two or more of them, or in the overflowing cell's
    own column alone ('statistiche/economiche' / 'ai territori': the row's other cells ended above).  A
    header of another table straddles from inside a gap; prose under a table straddles line after line.
    On a scan a single OCR'd word may be two printed ones read across a narrow gap ('realizzazione%'):
    there only a chunk starting where a column starts overflows."""
    j = k + 1
    if not (j < len(lines) and _close(lines[k], lines[j], height) and not _straddles(chunked[j], columns)):
        return False
    over = []
    for chunk in chunked[k]:
        first, last = _chunk_columns(chunk, columns)
        one_word = len(chunk) == 1 and "confidence" not in chunk[0]
        if last > first and not one_word and (last > first + 1 or abs(chunk[0]["x0"] - columns[first][0]) > _SNAP):
            return False
        if last > first:
            over.append(chunk[0]["x0"])
    return len(chunked[j]) >= 2 or any(abs(chunked[j][0][0]["x0"] - x0) <= _SNAP for x0 in over)


def _figures_in_columns(line: list[list[Word]], columns: list[tuple[float, float]]) -> bool:
    """Whether a line prints figures in two or more of ``columns``, each within one: a table row
    whose label spans label columns (a total), not running text across them."""
    figures = [c for c in line if _is_figure(_line_text(c))]
    return len(figures) >= 2 and all(len(set(_chunk_columns(c, columns))) == 1 for c in figures)


def _inside_one(chunk: list[Word], columns: list[tuple[float, float]]) -> bool:
    """Whether a chunk prints inside one of ``columns`` alone (``_chunk_columns``): a wrapped line
    of that column's cell, which may run a little wider than the lines printed so far.  Not in the last column: text there, under a label | value pair, may as well be the
    next table's."""
    if len(columns) < 2:
        return False
    first, last = _chunk_columns(chunk, columns)
    return first == last < len(columns) - 1 and chunk[0]["x0"] >= columns[first][0] - _SNAP


def _section_label(lines: list[_Line], chunked: list[list[list[Word]]], k: int, span: tuple[float, float],
                   columns: list[tuple[float, float]], height: float) -> bool:
    """A one-chunk line at the run's left edge followed, close below (past its own wrapped lines),
    by a line of several chunks in the run's columns that prints figures: a label of the rows below
    it.  Followed by a line of words only (a header), it is the heading of the next table."""
    if abs(chunked[k][0][0]["x0"] - span[0]) > _SNAP:
        return False
    j = k + 1
    # Its wrapped lines are narrow, or as wide as the table when they start at its left edge too (a long
    # heading across the table: 'OBIETTIVO STRATEGICO 2B: Rafforzamento ...' over 'imprese e ...').
    while j < len(lines) and len(chunked[j]) == 1 and _close(lines[j - 1], lines[j], height) \
            and (_width(chunked[j][0]) <= 0.6 * (span[1] - span[0])
                 or abs(chunked[j][0][0]["x0"] - span[0]) <= _SNAP):
        j += 1
    return (j < len(lines) and len(chunked[j]) >= 2 and _close(lines[j - 1], lines[j], height)
            and not _straddles(chunked[j], columns) and _prints_figures(chunked[j]))


def _intervals(chunks: list[list[Word]]) -> list[tuple[float, float]]:
    return [(c[0]["x0"], max(w["x1"] for w in c)) for c in chunks]


def _straddles(line: list[list[Word]], columns: list[tuple[float, float]]) -> bool:
    """Whether a chunk of ``line`` covers a good part of two of the columns printed above it."""
    for chunk in line:
        first, last = _chunk_columns(chunk, columns)
        if last > first:
            return True
    return False


def _header_start(lines: list[_Line], chunked: list[list[list[Word]]], first: int, height: float,
                  page: PageObjects) -> int:
    """Narrow lines just above a run are its (wrapped) header, up to a rule drawn across the run (the
    table's top border: a heading's last line above it is not the table's)."""
    span = _span(chunked[first])
    start = first
    while start > 0 and len(chunked[start - 1]) == 1 and _close(lines[start - 1], lines[start], height) \
            and lines[start].top - lines[start - 1].bottom <= WRAP_GAP * height \
            and _width(chunked[start - 1][0]) <= 0.6 * (span[1] - span[0]) \
            and span[0] - 2 <= chunked[start - 1][0][0]["x0"] and chunked[start - 1][0][-1]["x1"] <= span[1] + 2 \
            and not any(lines[start - 1].bottom - 1 <= s["top"] <= lines[start].top + 1
                        and s["x0"] <= span[0] + _SNAP and s["x1"] >= span[1] - _SNAP for s in _joined_rules(page)):
        start -= 1
    return start


def _span(chunks: list[list[Word]]) -> tuple[float, float]:
    return chunks[0][0]["x0"], max(w["x1"] for w in chunks[-1])


def _width(chunk: list[Word]) -> float:
    return max(w["x1"] for w in chunk) - chunk[0]["x0"]


TOUCHING = 0.01


def _columns(intervals: list[tuple[float, float]], n_lines: int) -> list[tuple[float, float]]:
    """The columns: x-ranges where the lines print, split where (almost) none of them does.

    A gap may be crossed by a few lines (one in eight: a caption, a header spanning
    columns, a section label); those become cells spanning the columns they cross.
    """
    allowed = n_lines // 8 if n_lines >= 8 else 0
    # Ranges that touch do not overlap: pdfium's and pdfminer's coordinates differ by a hair (a word
    # ending at 238.0003 beside one starting at 238.0 in a typewritten table).
    events = sorted([(x0, 1, x0) for x0, _ in intervals] + [(x1 - TOUCHING, -1, x1) for _, x1 in intervals])
    columns: list[tuple[float, float]] = []
    depth, start = 0, None
    for _, step, x in events:
        depth += step
        if depth > allowed and start is None:
            start = x
        elif depth <= allowed and start is not None:
            if x > start:
                columns.append((start, x))
            start = None
    return columns


def _sparse_columns(columns: list[tuple[float, float]],
                    chunks: list[tuple[int, list[Word]]]) -> list[tuple[float, float]]:
    """The columns with those that a few lines print inside a gap, reaching no column beside it,
    and without the borders no line prints on both sides of.

    ``_columns`` lets a few lines cross a gap; a chunk standing alone in it crosses nothing: it is
    a column of its own (a type or a unit printed once in a table of long wrapped cells).  Two
    neighbouring columns that no line prints in both, one of them printed on a single line, are
    one column: a year centred over a value set at the left ('2017' over '---').
    """
    # (A speck OCR read in a gap, '.', is no value: a column of it would merge its neighbours as signs.)
    spans = [(c[0]["x0"], max(w["x1"] for w in c)) for _, c in chunks
             if any(ch.isalnum() for w in c for ch in w["text"])]
    alone = [(x0, x1) for x0, x1 in spans if not any(x0 < c1 and x1 > c0 for c0, c1 in columns)]
    columns = sorted(columns + _columns(alone, 0))
    # The lines printing within each column: a chunk spanning several ('Risultato atteso') is in none.
    lines: list[set[int]] = [set() for _ in columns]
    for k, chunk in chunks:
        first, last = _chunk_columns(chunk, columns)
        if first == last:
            lines[first].add(k)
    merged = [columns[0]] if columns else []
    printed = lines[:1]
    for column, here in zip(columns[1:], lines[1:]):
        if not here & printed[-1] and min(len(here), len(printed[-1])) == 1:
            merged[-1], printed[-1] = (merged[-1][0], column[1]), printed[-1] | here
        else:
            merged.append(column)
            printed.append(here)
    return merged


_PLACEHOLDER = re.compile(r"^[-–—]{2,}$")


def _body_columns(run: list[int], chunked: list[list[list[Word]]]) -> list[tuple[float, float]]:
    """Columns from the fullest lines (the body rows).

    Header lines, section labels and captions print fewer chunks and may cross the column
    gaps; they span the columns they cross.  A column printing only signs ('1 - 2 years'
    set with wide spaces around the dash) is part of the text around it: it is merged with
    its neighbours; one repeating a single word is the unit of the column before it.
    """
    multi = [k for k in run if len(chunked[k]) >= 2]
    fullest = statistics.median(len(chunked[k]) for k in multi) if multi else 0
    body = [k for k in multi if len(chunked[k]) >= fullest]
    # Over a body of figures, the lines of words above the first figures are headers: a header word
    # wider than its column ('RAGGIUNGIMENTO' over a column of '%') must not close the gap before it.
    figures = [k for k in body if _prints_figures(chunked[k])]
    headers: list[int] = []
    if len(figures) >= MIN_TABLE_LINES:
        headers = [k for k in multi if k < figures[0]]
        body = [k for k in body if k >= figures[0]]
    if len(body) < MIN_TABLE_LINES:
        body = run
    # In lines of short capitalised labels opening the run, a label reaching over a gap between columns
    # of the lines below ('Risultato anno' over three columns of years) is a group label: it must not
    # close the gaps under it, however few the rows (the other labels still head their columns).
    labels = next((n for n, k in enumerate(body) if not _is_header_line(chunked[k])), len(body))
    grouping: set[int] = set()
    if labels and len(body) - labels >= MIN_TABLE_LINES:
        below = _columns([interval for k in body[labels:] for interval in _intervals(chunked[k])], len(body) - labels)
        grouping = {id(c[0]) for k in body[:labels] for c in chunked[k]
                    if sum(1 for col in below if _overlap(c, col) > 0) > 1}
    # Where a printer set a cell's run apart (``words.py``), a glyph of the cell before it may reach a
    # fraction of a point past that edge ('programmate' over 'ufficio'): it ends at the edge.
    starts = sorted({c[0]["x0"] for k in body for c in chunked[k] if c[0].get("unspaced")})
    intervals = []
    for k in body:
        for c in chunked[k]:
            if id(c[0]) in grouping:
                continue
            x0, x1 = c[0]["x0"], max(w["x1"] for w in c)
            edge = next((x for x in starts if x0 < x < x1 <= x + BORDER_TOLERANCE), None)
            intervals.append((x0, x1 if edge is None else edge))
    columns = _columns(intervals, len(body))
    # A header label left of every column of the body heads the labels' column this part leaves blank
    # (the rest of a table at a page head, under the repeated header): a column of its own.
    if columns:
        clear = [(c[0]["x0"], max(w["x1"] for w in c)) for k in headers for c in chunked[k]
                 if max(w["x1"] for w in c) < columns[0][0]]
        columns = sorted(columns + _columns(clear, 0))
    columns = _sparse_columns(columns, [(k, c) for k in body for c in chunked[k]])
    by_column = _single_column_chunks(body, chunked, columns)
    # Dashes in place of a value ('---') are values: a column of them is a column.
    signs = [i for i in range(len(columns))
             if by_column.get(i) and not any(ch.isalnum() for c in by_column[i] for w in c for ch in w["text"])
             and not all(_PLACEHOLDER.match(_line_text(c)) for c in by_column[i])]
    for i in reversed(signs):
        first, last = max(i - 1, 0), min(i + 1, len(columns) - 1)
        columns[first:last + 1] = [(columns[first][0], columns[last][1])]
    if signs:
        by_column = _single_column_chunks(body, chunked, columns)
    # A column repeating one word ('years' after right-aligned ages) is the unit of the column before it;
    # one repeating a figure ('100' achieved on every row) is a column of its own.
    # A unit follows figures: beside words, a repeated word is a column's value ('efficacia' as every type).
    units = [i for i in range(1, len(columns)) if len(by_column.get(i, [])) >= MIN_TABLE_LINES
             and len(texts := {_line_text(c) for c in by_column[i]}) == 1 and not _is_figure(next(iter(texts)))
             and any(_is_figure(_line_text(c)) for c in by_column.get(i - 1, []))]
    for i in reversed(units):
        columns[i - 1:i + 1] = [(columns[i - 1][0], columns[i][1])]
    return columns


def _grid_of(run: list[int], lines: list[_Line], chunked: list[list[list[Word]]],
             page: PageObjects, min_lines: int = MIN_TABLE_LINES,
             grid: list[tuple[float, float]] | None = None) -> FoundTable | None:
    """The grid of a run of lines (at least ``min_lines`` of several chunks), or None when it is not a table.

    Its columns are those its lines print in, or ``grid`` when given (the columns of the part above it)."""
    multi = [k for k in run if len(chunked[k]) >= 2]
    if len(multi) < min(min_lines, 2):
        return None
    columns = grid or _body_columns(run, chunked)
    if len(columns) < 2:
        return None
    top = lines[run[0]].top
    bottom = lines[run[-1]].bottom
    x0, x1 = columns[0][0], columns[-1][1]
    rules = sorted({round(s["top"], 1) for s in _joined_rules(page)
                    if top - 1 < s["top"] < bottom + 1
                    and min(s["x1"], x1) - max(s["x0"], x0) >= RULE_COVER * (x1 - x0)})
    # Two lines of fields side by side are a form.  Fewer lines of several chunks are the rest of a
    # table a page break cut when two of its label | value rows are ruled apart, or when a header
    # labelling three or more columns stands over lines of the text of one of them (the header
    # repeated on the new page).
    form = _is_form(run, chunked)
    rest = [k for k in run if k > multi[-1]]
    if len(multi) < min_lines and not form and not (rules and _ruled_rows([lines[k] for k in run], rules)) \
            and not (len(rest) >= 2 and _headed(chunked[run[0]], columns)):
        return None
    n_multi_cols = [sum(1 for col in columns if any(_overlap(c, col) for c in chunked[k])) for k in multi]
    if statistics.median(n_multi_cols) < 2:
        return None
    # Rules between the lines are a table's: running text is not ruled line by line.
    if not _ruled_rows([lines[k] for k in run], rules) and not _headed(chunked[run[0]], columns) and not form \
            and (_prose_columns(run, chunked, columns) or _is_list(run, chunked, columns)):
        return None
    # Line cells: column -> words; spanning chunks (crossing a column gap) keep their columns.
    line_cells: list[dict[tuple[int, int], list[Word]]] = []
    for k in run:
        cells: dict[tuple[int, int], list[Word]] = {}
        for chunk in chunked[k]:
            first, last = _chunk_columns(chunk, columns)
            cells.setdefault((first, last), []).extend(chunk)
        line_cells.append(cells)
    head = _header_lines(run, chunked, line_cells, lines, rules)
    body = [lines[k] for k in run[head:]]
    widths = _text_widths(line_cells[head:], columns, x1)
    in_record = _record_lines(page, body, line_cells[head:], columns)
    rows = _merged_header(run[:head], lines, line_cells[:head]) + \
        _join_wrapped(body, line_cells[head:], rules, form, in_record, widths)
    if len(rows) >= 2 and len(rows[1][0]) == 1:
        # The line under the header's first row: a second header row that may end labels of the first.
        upper, line = rows[0][0][-1], rows[1][0][0]
        if line.top - upper.bottom <= WRAP_GAP * max(line.height, upper.height) \
                and not any(upper.bottom - 1 <= y <= line.top + 1 for y in rules) \
                and (parted := _sub_labels(rows[1][1], rows[0][1])) is not None:
            for key, words in parted[0].items():
                rows[0][1][key].extend(words)
            rows[1] = (rows[1][0], parted[1])
    # Where rules part the records, a record's cells hold all its lines: their words broken between letters
    # are marked as a ruled cell's are, the column's widest line standing for the cell's width.
    marked = widths if in_record else {}
    grid_cells: list[GridCell] = []
    n_cols = len(columns)
    for r, (row_lines, cells) in enumerate(rows):
        row_top = min(line.top for line in row_lines)
        row_bottom = max(line.bottom for line in row_lines)
        covered: set[int] = set()
        for (first, last), words in sorted(cells.items()):
            if covered.intersection(range(first, last + 1)):
                continue
            covered.update(range(first, last + 1))
            text = _marked_text(page, words, marked.get((first, last)))
            if r + 1 < len(rows) and _broken_into_next_row(page, words, rows[r], rows[r + 1], (first, last),
                                                           widths.get((first, last)), rules):
                text += SOFT_HYPHEN
            grid_cells.append(GridCell(r, first, 1, last - first + 1, text, _words_box(words), _confidence(words)))
        for c in range(n_cols):
            if c not in covered:
                grid_cells.append(GridCell(r, c, 1, 1, "", Box(columns[c][0], row_top, columns[c][1], row_bottom)))
    grid_cells.sort(key=lambda c: (c.row, c.col))
    ruling: Ruling = "partial" if rules else "none"
    return FoundTable(Box(x0, top, x1, bottom), ruling, len(rows), n_cols, grid_cells, [c[0] for c in columns])


def _within(key: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the columns ``key`` (first, last) lie inside one of ``spans``."""
    return any(first <= key[0] and key[1] <= last for first, last in spans)


def _marked_text(page: PageObjects, words: list[Word], width: float | None) -> str:
    """A text table cell's text, its words in capitals broken between letters marked as a ruled cell's are
    (``mark_word_breaks``): without rules beside it, the cell's text is taken to run as wide as its
    column's widest line (``width``: ``_text_widths``; None: nothing marked), from its lines' common start.
    That width is only an estimate: a line ending a word in lower case that nearly fills it is as often a
    wrap before a short word ("l'assolvimento" / 'di'), which the word list may not tell apart; a rest in
    capitals after a word in capitals ('OBIETTI' / 'VO N.') is no wrap of running text."""
    text = _text_of(words)
    if "\n" not in text or width is None or not page.chars:
        return text
    box = _words_box(words)
    return mark_word_breaks(text, _chars_of(page, words), Box(box.x0, box.top, box.x0 + width, box.bottom),
                            capitals=True)


def _chars_of(page: PageObjects, words: list[Word]) -> list[Char]:
    """The characters of ``words``: a text cell's own, not those of a cell beside it that the box of its lines
    reaches over (a title's long line under a narrow column's header word)."""
    boxes = [Box(w["x0"], w["top"], w["x1"], w["bottom"]) for w in words]
    return [c for c in _chars_in(page, _words_box(words)) if any(_centre_in(c, box) for box in boxes)]


def _broken_into_next_row(page: PageObjects, words: list[Word],
                          row: tuple[list[_Line], dict[tuple[int, int], list[Word]]],
                          below: tuple[list[_Line], dict[tuple[int, int], list[Word]]],
                          key: tuple[int, int], width: float | None, rules: list[float]) -> bool:
    """Whether a text table cell's last line ends inside a word in capitals that goes on at the head of the
    cell under it, in the next row: a title in capitals wraps over lines that each open with a capital, and
    each is read as a row of its own ("DELL'ARTIGIANAT" / 'O, DEI BENI').  Judged as ``_marked_text``
    judges a cell's own lines, on the cell's lines and the next row's first line in its columns, when no
    rule parts the two lines; the document's words decide (``resolve_word_breaks``)."""
    last, following = row[0][-1], below[0][0]
    if width is None or not words[-1]["text"].isupper() or not any(w is words[-1] for w in last.words) \
            or any(last.bottom - 1 <= y <= following.top + 1 for y in rules):
        return False
    rest = [w for w in below[1].get(key, []) if any(w is x for x in following.words)]
    return bool(rest) and _marked_text(page, words + rest, width).split("\n")[-2].endswith(SOFT_HYPHEN)


def _joined_rules(page: PageObjects) -> list[Segment]:
    """Horizontal ruling segments, collinear pieces joined (a rule drawn cell by cell is one rule);
    worked out once per page, for every candidate run of lines asks."""
    return page.derived(_join_rules)


def _join_rules(page: PageObjects) -> list[Segment]:
    horizontal = [s for s in page.segments if s["orientation"] == "h"]
    return merge_edges(horizontal, _SNAP, _SNAP, _JOIN, _JOIN) if horizontal else []


def _chunk_columns(chunk: list[Word], columns: list[tuple[float, float]]) -> tuple[int, int]:
    """First and last column a chunk prints in: those it covers a good part of, else the nearest."""
    return _span_columns(chunk[0]["x0"], max(w["x1"] for w in chunk), tuple(columns))


# The readers ask again and again for the same chunks against the same columns (three times in
# four on ICDAR: 100,000 calls, 24,000 distinct), and each answer looks at every column.
@lru_cache(maxsize=1 << 12)
def _span_columns(a: float, b: float, columns: tuple[tuple[float, float], ...]) -> tuple[int, int]:
    centre = (a + b) / 2
    cols = []
    for i, (low, high) in enumerate(columns):
        overlap = min(b, high) - max(a, low)   # ``_span_overlap`` written out: it runs for every column
        if not overlap > 0:
            overlap = 1e-6 if low <= centre <= high else 0.0
        if overlap > 0.25 * min(b - a, high - low):
            cols.append(i)
    if not cols:
        cols = [min(range(len(columns)), key=lambda i: min(abs(columns[i][0] - centre), abs(columns[i][1] - centre)))]
    return cols[0], cols[-1]


def _overlap(chunk: list[Word], col: tuple[float, float]) -> float:
    return _span_overlap(chunk[0]["x0"], max(w["x1"] for w in chunk), col)


def _span_overlap(a: float, b: float, col: tuple[float, float]) -> float:
    """How much of the x-range ``a``-``b`` a column covers; a hair when only its centre lies in it."""
    return max(0.0, min(b, col[1]) - max(a, col[0])) or (1e-6 if col[0] <= (a + b) / 2 <= col[1] else 0.0)


def _headed(first: list[list[Word]], columns: list[tuple[float, float]]) -> bool:
    """A first line heading each of three or more columns with a short label of its own
    ('Risultato atteso 2017 | 2018 | 2019'): a table of long values, never running text."""
    held = [_chunk_columns(c, columns) for c in first]
    return (len(columns) >= HEADED_COLUMNS and len(first) == len(columns)
            and sorted(held) == [(i, i) for i in range(len(columns))]
            and all(len(c) <= HEADER_WORDS and not _is_figure(_line_text(c)) for c in first))


# A form's field opens with its label: at most this many words, the last ending in a colon.
_FIELD_LABEL = re.compile(r"^\S+(?: \S+){0,3}?:(?:\s|$)")


def _opens_field(words: list[Word]) -> bool:
    """Whether a chunk (or cell) opens with a 'Label:' ('Unità di misura: percentuale')."""
    return words[0]["text"][:1].isupper() and bool(_FIELD_LABEL.match(_line_text(words)))


# Fields side by side on this many lines make a form (four labelled fields at least).
FORM_LINES = 2


def _is_form(run: list[int], chunked: list[list[list[Word]]]) -> bool:
    """Fields set side by side, 'Label: value' in each column ('Tipologia: efficacia | Unità di
    misura: percentuale'), on at least ``FORM_LINES`` lines: a table of fields, not running text,
    whatever the length of the values."""
    return sum(1 for k in run if len(chunked[k]) >= 2 and all(_opens_field(c) for c in chunked[k])) \
        >= FORM_LINES


def _prose_columns(run: list[int], chunked: list[list[list[Word]]], columns: list[tuple[float, float]]) -> bool:
    """Running text cut at wide spaces (justified lines, a page set in columns), not a table.

    A table has at least one column of short entries (figures, codes, labels of a word or
    two), or of labels of three words at most left blank on many of its lines (beside values
    wrapped over several lines); running text fills its columns, a line of several words on
    nearly every line.
    """
    by_column = _single_column_chunks(run, chunked, columns)
    for i in range(len(columns)):
        chunks = by_column.get(i, [])
        words = statistics.median(len(c) for c in chunks) if chunks else 0
        if words < 3 or (words == 3 and len(chunks) < PROSE_LINES_FILLED * len(run)):
            return False
    # Columns of lines centred side by side are a table's cells (a centred box of text is prose: one).
    return sum(_centred(chunks) for chunks in by_column.values()) < 2


def _centred(chunks: list[list[Word]]) -> bool:
    """Lines centred in their column (their left edges spread, their centres agree), as a table sets
    its cells' wrapped text; running text is set from one left edge."""
    if len(chunks) < MIN_TABLE_LINES:
        return False
    lefts = [c[0]["x0"] for c in chunks]
    centres = [(c[0]["x0"] + max(w["x1"] for w in c)) / 2 for c in chunks]
    return max(lefts) - min(lefts) > 2 * _SNAP and max(centres) - min(centres) <= _SNAP


def _single_column_chunks(run: list[int], chunked: list[list[list[Word]]],
                          columns: list[tuple[float, float]]) -> dict[int, list[list[Word]]]:
    """The chunks of the run that print in one column, by column."""
    out: dict[int, list[list[Word]]] = {}
    for k in run:
        for chunk in chunked[k]:
            first, last = _chunk_columns(chunk, columns)
            if first == last:
                out.setdefault(first, []).append(chunk)
    return out


def _is_list(run: list[int], chunked: list[list[list[Word]]], columns: list[tuple[float, float]]) -> bool:
    """Bullets or item numbers beside text: a list, not a table."""
    if len(columns) > 2:
        return False
    marks = [c for k in run for c in chunked[k] if _overlap(c, columns[0])]
    return all(len(c) == 1 and _is_item_mark(c[0]["text"]) for c in marks)


def _is_item_mark(text: str) -> bool:
    return len(text) <= 3 and not any(ch.isalpha() for ch in text[:-1]) and not text.isdigit()


def _header_lines(run: list[int], chunked: list[list[list[Word]]], line_cells: list[dict[tuple[int, int], list[Word]]],
                  lines: list[_Line], rules: list[float]) -> int:
    """How many lines at the top form one wrapped header row, 0 when none do.

    Over a body of figures, the lines of words above the first line printing a figure
    (beyond its first column) are the header.  Those below the last line with a cell
    spanning columns (a group heading keeps its own row), tightly set and with no rule
    between them, are one row: each column's header wraps over them, bottom-aligned.
    """
    first_figures = next((i for i, k in enumerate(run)
                          if any(_is_figure(_line_text(c)) for c in chunked[k][1:])), 0)
    # A year or a day of the year ending a header's label labels its column ('Consuntivo' over '2016',
    # 'Budget al' over '31/12'): where a rule across parts the header from the body, the lines above it
    # printing no other figure, each under its label's words, are the header's.  (Years under a label
    # spanning them, or under a blank, head columns of their own: a header row of their own.)
    ruled_at = next((i for i in range(1, len(run)) if any(lines[run[i - 1]].bottom - 1 <= y <= lines[run[i]].top + 1
                                                          for y in rules)), 0)
    if 0 < first_figures < ruled_at and all(
            _HEADER_DATE.fullmatch(text) and key in line_cells[i - 1]
            for i in range(first_figures, ruled_at) for key, words in line_cells[i].items()
            if key[0] > 0 and _is_figure(text := _line_text(words))):
        first_figures = ruled_at
    start = 0
    for i in range(first_figures):
        if any(a != b for a, b in line_cells[i]):
            start = i + 1
    if first_figures - start < 2:
        return 0
    # A header's lines are labels broken over lines; a line of longer text is a row of values
    # (wrapped text values under a header, a row of figures closing the table).
    if any(len(c) > HEADER_WORDS for k in run[start:first_figures] for c in chunked[k]):
        return 0
    # A line filling as many cells as any above it, each opening with a capital, is a header row of
    # its own ('Risultato anno 2017 | 2018 | 2019' under the targets over theirs), not a wrapped line.
    for i in range(start + 1, first_figures):
        if len(line_cells[i]) >= max(len(line_cells[j]) for j in range(start, i)) and \
                all(words[0]["text"][:1].isupper() for words in line_cells[i].values()):
            return 0
    for i in range(start + 1, first_figures):
        upper, lower = lines[run[i - 1]], lines[run[i]]
        if lower.top - upper.bottom > WRAP_GAP * max(upper.height, lower.height) or \
                any(upper.bottom - 1 <= y <= lower.top + 1 for y in rules):
            return 0
    return first_figures if start == 0 else 0


# A year, or a day and month (with its year), as a header prints them.
_HEADER_DATE = re.compile(r"(?:19|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?")


def _merged_header(run: list[int], lines: list[_Line],
                   line_cells: list[dict[tuple[int, int], list[Word]]]) -> list[tuple[list[_Line], dict[tuple[int, int], list[Word]]]]:
    if not run:
        return []
    cells: dict[tuple[int, int], list[Word]] = {}
    for line in line_cells:
        for key, words in line.items():
            cells.setdefault(key, []).extend(words)
    return [([lines[k] for k in run], cells)]


# Words after which a cell's text goes on (the next line is its continuation).
_CONNECTORS = frozenset("and or of the to for in on with by a an e ed o di del della dei delle per con da in su tra "
                        "et de des du la le les".split())


def _starts_row(cells: dict[tuple[int, int], list[Word]], prev_cells: dict[tuple[int, int], list[Word]]) -> bool:
    """A capitalised first word, after a cell whose text does not run on (``_runs_on``)."""
    first_key = min(cells)
    first = cells[first_key][0]["text"]
    if not first[:1].isupper():
        return False
    before = prev_cells.get(first_key)
    return not before or not _runs_on(before)


def _runs_on(words: list[Word]) -> bool:
    """Whether a cell's text ends where no text ends: on a hyphen, comma, slash, bracket or connector."""
    last = words[-1]["text"]
    return last.endswith(("-", ",", "/", "(", "&")) or last.lower() in _CONNECTORS


def _record_lines(page: PageObjects, lines: list[_Line], line_cells: list[dict[tuple[int, int], list[Word]]],
                  columns: list[tuple[float, float]]) -> set[int]:
    """The lines of a table body that go on with the record above them, read from the rules that part
    its records.

    The lines between two rules are one record (a band) when both rules span every column (a rule
    stopping short of a column, under a cell merged down over several rows, parts only the rows beside
    it; no rule below: the table ends, or a page break cuts the record), and every line of the band
    after its first leaves blank a column the first printed in (a short value, a figure, ends on the
    first line; at a page's head, the rest of a record leaves its first column blank or goes on there in
    lower case, and its lines print in the columns its first line prints in) and holds in each of its cells
    the wrapped text of the cell above (``_wraps_above``).
    Only in a table whose rules across every column part at least ``RULED_ROWS`` pairs of its lines, the
    rules over its first line and under its last counting as such (a single record under its header,
    closed or cut by the page foot).  Rows set one a line
    in a band of a group-ruled table, or a body under a ruled header, print every column again, or a
    first word that fits on the line above.
    """
    # Rules found in a scanned image may be missed (a faint or broken line), and two records between the
    # rules found would read as one: only the rules a page draws say where its records part.
    if not lines or not page.chars:
        return set()
    top, bottom = lines[0].top, lines[-1].bottom
    # The rules over the first line and under the last (the table's top and its closing rule).
    above, reach = top - lines[0].height, bottom + lines[-1].height
    x0, x1 = columns[0][0], columns[-1][1]
    crossing = [s for s in _joined_rules(page) if above < s["top"] < reach and s["x1"] > x0 and s["x0"] < x1]
    # Across every column: from the first column's left into the last column (whose text may run past the
    # rules, a word wider than its cell).
    across = {round(s["top"], 1) for s in crossing
              if s["x0"] <= x0 + _SNAP and s["x1"] >= min(x1 - _SNAP, columns[-1][0] + _SNAP)}
    between = sum(1 for upper, lower in zip(lines, lines[1:]) if any(upper.bottom - 1 <= y <= lower.top + 1
                                                                    for y in across))
    if between + any(y >= bottom - 1 for y in across) + any(y <= top + 1 for y in across) < RULED_ROWS:
        return set()
    rules = sorted({round(s["top"], 1) for s in crossing})
    # How wide each column's text runs (``_text_widths``), the last up to where the rules end.
    right = max((s["x1"] for s in crossing if round(s["top"], 1) in across), default=x1)
    # Below the first rule across (the header's labels above it are set apart from the cells' text).
    first = next((i for i in range(1, len(lines)) if any(lines[i - 1].bottom - 1 <= y <= lines[i].top + 1
                                                         for y in across)), 0)
    widths = _text_widths(line_cells, columns, right, first)
    bands: list[list[int]] = [[0]]
    for i in range(1, len(lines)):
        if any(lines[i - 1].bottom - 1 <= y <= lines[i].top + 1 for y in rules):
            bands.append([i])
        else:
            bands[-1].append(i)
    out: set[int] = set()
    for band in bands:
        first, last = lines[band[0]], lines[band[-1]]
        above = max((y for y in rules if y <= first.top + 1), default=None)
        below = min((y for y in rules if y >= last.bottom - 1), default=None)
        if len(band) < 2 or above not in across or (below is not None and below not in across):
            continue
        opening = line_cells[band[0]]
        # A band whose first line leaves the first column blank or goes on there in lower case is the rest
        # of a record a page break cut (a record opens in its first column, with its name): all its lines
        # go on, in the columns that line prints in.
        first_cell = next((words for key, words in opening.items() if key[0] == 0), None)
        rest = first_cell is None or first_cell[0]["text"][:1].islower()
        # A text spanning several columns (a section heading across the table) wraps under itself.
        spanning = [k for k in opening if k[0] != k[1]]
        # A line printing every column again goes on too when each of its cells wraps the one above (as
        # ``_wraps_above`` reads it: words, as a narrow column's label broken over lines beside a long title,
        # 'OBIETTI' / 'VO N.' / '1/2016', or the rest of a figure a narrow cell broke, '23.37' / '1,4'), and
        # no words stand under a figure (a row of its own under a row of figures).
        if all((len(line_cells[i]) < len(opening) or rest and all(key in opening for key in line_cells[i])
                or all(_within(key, spanning) for key in line_cells[i])
                or not any(_is_figure(_line_text(line_cells[i - 1][key])) and not _is_figure(_line_text(words))
                           for key, words in line_cells[i].items() if key in line_cells[i - 1]))
               and lines[i].top - lines[i - 1].bottom <= WRAP_GAP * max(lines[i].height, lines[i - 1].height)
               and _wraps_above(line_cells[i], line_cells[i - 1], widths, lines[i].height) for i in band[1:]):
            out.update(band[1:])
    return out


def _text_widths(line_cells: list[dict[tuple[int, int], list[Word]]], columns: list[tuple[float, float]],
                 right: float, first: int = 0) -> dict[tuple[int, int], float]:
    """How wide each cell's text runs (keyed by first and last column), measured on lines of two words or
    more that end before the next column starts (or, in the last, ``right``), from line ``first`` on: a
    word wider than its cell runs over it, and says nothing of where the cell's lines wrap.  Nor does the
    wrapped rest of a text spanning several columns on the line above (a section heading across the
    table): it wraps where the table ends, not the column."""
    starts = [c[0] for c in columns[1:]] + [right]
    widths: dict[tuple[int, int], float] = {}
    lone: dict[tuple[int, int], float] = {}
    for i, cells in enumerate(line_cells[first:], first):
        spanning = [k for k in (line_cells[i - 1] if i else {}) if k[0] != k[1]]
        for key, words in cells.items():
            if _within(key, spanning):
                continue
            box = _words_box(words)
            measured = widths if len(words) >= 2 and box.x1 < starts[key[1]] - 1 else lone
            measured[key] = max(measured.get(key, 0.0), box.x1 - box.x0)
    measured = {**lone, **widths}
    return {key: min(measured.get(key, float("inf")), starts[key[1]] - columns[key[0]][0])
            for cells in line_cells for key in cells}


def _wraps_above(cells: dict[tuple[int, int], list[Word]], above: dict[tuple[int, int], list[Word]],
                 widths: dict[tuple[int, int], float], height: float) -> bool:
    """Whether each cell of a line holds the wrapped text of the cell printed in its columns on the line
    above, not a figure under a figure: that line's text and this one's first word would not fit the
    widest line of the column.  A word wider than its cell, printed over the next ones, goes on with the cells above
    it in each of them, and the cells under it go on with it (it filled its line)."""
    for key, words in cells.items():
        over = [k for k in above if k[0] <= key[1] and k[1] >= key[0]]
        if key[0] != key[1]:
            if not all(any(k[0] <= c <= k[1] for k in over) for c in range(key[0], key[1] + 1)):
                return False
            continue
        if len(over) == 1 and over[0][0] != over[0][1]:
            continue
        before = above.get(key)
        if not before:
            return False
        box, word = _words_box(before), words[0]
        # Figures do not wrap onto figures: a figure under one is a row of its own (a blank cell beside it),
        # unless a cell too narrow for it broke it between its characters ('26.500' over ',00').
        if all(_is_figure(text) and any(ch.isdigit() for ch in text)
               for text in (_line_text(before), _line_text(words))):
            if not _broken_figure(before, words, widths[key]):
                return False
            continue
        # A space is about a quarter of the text height; the widest line may be a hair short of full.
        if box.x1 - box.x0 + 0.25 * height + word["x1"] - word["x0"] <= widths[key] - 1:
            return False
    return True


# A number printed with separators: digit groups parted by '.' or ',' (Italian or English), whatever its
# decimals; the pieces of a figure broken between its characters read as one only joined.
_GROUPED_NUMBER = re.compile(r"[-(]?\d{1,3}(?:[.,]\d{3})*[.,]\d+\)?%?")


def _broken_figure(before: list[Word], words: list[Word], width: float) -> bool:
    """Whether a figure under a figure is the rest of it, broken between characters by a cell too narrow
    for it ('26.500' / ',00', '7.930,' / '00', '610,0' / '0', '23.37' / '1,4'): one word each, joined
    without a space they read as one number with separators, and the line above filled its cell (it and
    this line's first character would not fit the column's widest line, ``width``), as a wrap leaves it."""
    if len(before) != 1 or len(words) != 1:
        return False
    upper, lower = before[0], words[0]
    if not _GROUPED_NUMBER.fullmatch(upper["text"] + lower["text"]):
        return False
    first_char = (lower["x1"] - lower["x0"]) / max(len(lower["text"]), 1)
    return upper["x1"] - upper["x0"] + first_char > width - 1


def _join_wrapped(lines: list[_Line], line_cells: list[dict[tuple[int, int], list[Word]]],
                  rules: list[float], form: bool = False,
                  in_record: set[int] | frozenset[int] = frozenset(),
                  widths: dict[tuple[int, int], float] | None = None,
                  ) -> list[tuple[list[_Line], dict[tuple[int, int], list[Word]]]]:
    """Lines grouped into rows.

    In a form (``_is_form``) a row starts where a field's label opens a cell: a line opening
    none continues the row above (the wrapped values of the fields beside each other).

    In a table whose records are ruled apart, the lines ``in_record`` (``_record_lines``) go on with the
    record above them, whatever their first word: a record of long wrapped cells beside short ones.

    A line continues the row above when no rule lies between them, the blank between them
    is small (``WRAP_GAP``), it fills fewer columns than most lines of the table, only
    columns that the row above fills too (the wrapped part of a cell's text), and it does
    not read as a row of its own (``_starts_row``: a capitalised label under a complete
    row, such as a section heading 'Men' under a 'total' row).  In a table without rules, a
    line of cells going on side by side in the columns printed just above continues the row
    too, whatever its first words (``_goes_on_below``; ``widths``: ``_text_widths``).
    """
    fills = [len(cells) for cells in line_cells]
    typical = statistics.median(fills)
    rows: list[tuple[list[_Line], dict[tuple[int, int], list[Word]]]] = []
    for i, (line, cells) in enumerate(zip(lines, line_cells)):
        if rows:
            prev_lines, prev_cells = rows[-1]
            prev = prev_lines[-1]
            ruled = any(prev.bottom - 1 <= y <= line.top + 1 for y in rules)
            if i in in_record:
                prev_lines.append(line)
                for key, words in cells.items():
                    # A word printed over the next cells goes with the cell it starts in; the wrapped rest of
                    # a text spanning several columns, with that text.
                    into = key if key in prev_cells else next(
                        (k for k in prev_cells if _within(key, [k])), (key[0], key[0]))
                    prev_cells.setdefault(into, []).extend(words)
                continue
            # Fewer cells than most lines fill, or, in an unruled table, than the row above with every
            # cell going on in lower case: a wrapped line (of a header whose body's long last column
            # wraps over many one-cell lines, too; a cell opening with a capital or a figure may start
            # an item of its own).  Where rules part the rows, they say it.
            sparse = len(cells) < typical or (len(cells) < len(prev_cells) and all(
                words[0]["text"][:1].islower() for words in cells.values()))
            within = all(_wraps(key, prev_cells) and not _left_blank(key, prev_cells, prev_lines) for key in cells)
            tight = line.top - prev.bottom <= WRAP_GAP * max(line.height, prev.height)
            if form and not ruled and tight and not any(_opens_field(words) for words in cells.values()):
                prev_lines.append(line)
                for key, words in cells.items():
                    prev_cells.setdefault(key, []).extend(words)
                continue
            # In a table with rules between its lines, the rules part its records (those a scan shows
            # may miss one): cells wrapping side by side are read so only where none is drawn.
            if not ruled and within and tight and (
                    sparse and not _starts_row(cells, prev_cells)
                    or not rules and _goes_on_below(cells, line_cells[i - 1], prev_lines, prev_cells, widths,
                                                    line.height)):
                prev_lines.append(line)
                for key, words in cells.items():
                    above = next(k for k in prev_cells if k[0] <= key[1] and k[1] >= key[0])
                    # A wider line widens its cell to the columns of both.
                    prev_cells[(min(above[0], key[0]), max(above[1], key[1]))] = prev_cells.pop(above) + words
                continue
        rows.append(([line], {key: list(words) for key, words in cells.items()}))
    return rows


def _sub_labels(cells: dict[tuple[int, int], list[Word]], above: dict[tuple[int, int], list[Word]],
                ) -> tuple[dict[tuple[int, int], list[Word]], dict[tuple[int, int], list[Word]]] | None:
    """A line of a two-level header parted into the labels it goes on with and the sub-labels it starts.

    Under a header line with a group label over several columns ('Risultato atteso' over its years), the
    line printing the group's sub-labels ('2017 | 2018 | 2019') may also print the last words of labels
    beside the group that wrap over more lines ('Algoritmo di' / 'calcolo'): each such word, going on in
    lower case in the single column of a label above, belongs to that label; the rest are the header's
    second row: sub-labels, more of them than the labels above them (a group label heads several; the
    reader may give it one column of its group or a span).  None when the line is not so parted: it
    prints no label's last words, or no more sub-labels than labels above them (a body's first row
    under a one-line header: 'Ideazione' under 'Indicatore', beside 'efficacia' under 'Tipologia').
    """
    wrapped = {key: words for key, words in cells.items()
               if key[0] == key[1] and key in above and words[0]["text"][:1].islower()}
    rest = {key: words for key, words in cells.items() if key not in wrapped}
    if not wrapped or len(rest) < 2:
        return None
    first, last = min(k[0] for k in rest), max(k[1] for k in rest)
    heads = [k for k in above if k[0] <= last and k[1] >= first]
    if len(heads) >= len(rest):
        return None
    return wrapped, rest


def _goes_on_below(cells: dict[tuple[int, int], list[Word]], above: dict[tuple[int, int], list[Word]],
                   row_lines: list[_Line], row_cells: dict[tuple[int, int], list[Word]],
                   widths: dict[tuple[int, int], float] | None, height: float) -> bool:
    """Whether a line of a row of long texts side by side goes on with it, whatever its first words
    ('Puccini', '"Indicatori', '(Open Data)'): it prints in two columns or more, only in columns printed
    on the line just above (``above``), and leaves blank a column the row printed in (a short value, a
    figure, ends on the row's first line).  Cells set top-aligned open a new row in every column at
    once, some of them under a column the line above left blank; one cell going on alone may as well
    be an item of its own (a list of titles beside their figures).  Under the row's first line alone
    (a row of one line over another with a blank cell reads alike), each of its cells must wrap the
    one above (``_wraps_above``, by the columns' ``widths``) and one of those must visibly run on
    (``_runs_on``: 'Capacità di' / 'promuovere')."""
    if not 2 <= len(cells) < len(row_cells) or not all(key in above for key in cells):
        return False
    return len(row_lines) >= 2 or (widths is not None and _wraps_above(cells, above, widths, height)
                                   and any(_runs_on(above[key]) for key in cells))


# A cell's text goes on line after line: under a cell left blank on this many lines of its row (the
# row's other cells wrapping on), a line starts a row of its own, e.g. the text a page break carried
# over, under a header repeated at the next page's head.
BLANK_LINES = 2


def _left_blank(key: tuple[int, int], above: dict[tuple[int, int], list[Word]], lines: list[_Line]) -> bool:
    """Whether the cell of the row above in ``key``'s columns ended ``BLANK_LINES`` lines or more before
    the row's last line."""
    cell = next((words for k, words in above.items() if k[0] <= key[1] and k[1] >= key[0]), None)
    if not cell:
        return False
    end = max(w["bottom"] for w in cell)
    return sum(1 for line in lines if line.top >= end) >= BLANK_LINES


def _wraps(key: tuple[int, int], above: dict[tuple[int, int], list[Word]]) -> bool:
    """Whether a line's cell (first, last column) can be the wrapped part of a cell of the row above:
    in the same columns, or in more, covering that one cell and no other ('Nr' over 'indicatori'
    over a centred '2': a wrapped header label wider than its first line)."""
    if key in above:
        return True
    under = [k for k in above if k[0] <= key[1] and k[1] >= key[0]]
    return len(under) == 1 and key[0] <= under[0][0] and key[1] >= under[0][1]


# A ruled grid of at most this many rows over an unruled body is its header.
RULED_HEADER_ROWS = 2
# Rules between at least this many pairs of lines of a text table rule its rows (one rule
# under the header and one under the last row do not).
RULED_ROWS = 2


def _ruled_rows(lines: list[_Line], rules: list[float]) -> bool:
    between = sum(1 for upper, lower in zip(lines, lines[1:])
                  if any(upper.bottom - 1 <= y <= lower.top + 1 for y in rules))
    return between >= RULED_ROWS



# --- ruled header over a text body -----------------------------------------------------------------


def _attach_ruled_headers(ruled: list[FoundTable], text: list[FoundTable], prose: list[_Line],
                          page: PageObjects) -> tuple[list[FoundTable], list[_Line]]:
    """Ruled grids directly above a text table, as wide as it, become its header rows; the lines
    printed between the two (an objective's title under the header, in one chunk, which is no
    line of a text table's run) are the body's first rows."""
    column_gap = _column_gap(page)
    out = list(ruled)
    for body in text:
        # A header's last line may print past its cell's foot, over the body's first line (a header
        # repeated at a page's head clipped to a shorter row, LibreOffice): the body's top may lie that
        # line's overlap above the header's foot, less than half a line.
        overlap = max(2.0, 0.5 * min((c.bbox.bottom - c.bbox.top for c in body.cells if c.text), default=0.0))
        # Only a ruled grid is a header: a text table above (the previous table of a stack of
        # small ones, each under its own heading) stays a table of its own.
        above = [t for t in out if any(t is r for r in ruled) and t.bbox.bottom <= body.bbox.top + overlap
                 and body.bbox.top - t.bbox.bottom <= 3 * _row_height(body)
                 and min(t.bbox.x1, body.bbox.x1) - max(t.bbox.x0, body.bbox.x0)
                 >= 0.7 * (body.bbox.x1 - body.bbox.x0)]
        if not above:
            out.append(body)
            continue
        header = max(above, key=lambda t: t.bbox.bottom)
        between = [line for line in prose if header.bbox.bottom - 1 <= line.top and line.bottom <= body.bbox.top + 1
                   and body.bbox.x0 - _SNAP <= line.words[0]["x0"] and line.words[-1]["x1"] <= body.bbox.x1 + _SNAP]
        over = _lines_over(between, body, column_gap) if between else None
        if over is not None:
            prose = [line for line in prose if not any(line is b for b in between)]
            body = over
        out.remove(header)
        out.append(_stack(header, body, page))
    return out, prose


def _lines_over(lines: list[_Line], body: FoundTable, column_gap: float) -> FoundTable | None:
    """``body`` with ``lines`` as its first rows, each chunk in the columns it prints in; None when a
    line prints two chunks in one column (no row of this table: the lines stay prose)."""
    columns = _column_ranges(body)
    cells = []
    for r, line in enumerate(lines):
        covered: set[int] = set()
        for chunk in line.chunks(column_gap):
            first, last = _chunk_columns(chunk, columns)
            if covered.intersection(range(first, last + 1)):
                return None
            covered.update(range(first, last + 1))
            cells.append(GridCell(r, first, 1, last - first + 1, _text_of(chunk), _words_box(chunk),
                                  _confidence(chunk)))
        cells.extend(GridCell(r, c, 1, 1, "", Box(columns[c][0], line.top, columns[c][1], line.bottom))
                     for c in range(len(columns)) if c not in covered)
    cells += [GridCell(c.row + len(lines), c.col, c.row_span, c.col_span, c.text, c.bbox, c.confidence)
              for c in body.cells]
    top = Box(body.bbox.x0, lines[0].top, body.bbox.x1, lines[0].bottom)
    return FoundTable(body.bbox.union(top), body.ruling, body.n_rows + len(lines), body.n_cols,
                      sorted(cells, key=lambda c: (c.row, c.col)), body.col_starts, body.open_top, body.open_bottom)


def _row_height(table: FoundTable) -> float:
    return (table.bbox.bottom - table.bbox.top) / max(table.n_rows, 1)


def _stack(header: FoundTable, body: FoundTable, page: PageObjects) -> FoundTable:
    """One table: the header's rows over the body's.

    Each body column takes the header column it lies in; a header column holding several
    body columns gets a border at each further one (its header cell then spans them), and a
    body column outside the header (a label column) keeps its own border.  A body cell under
    a header cell of its one column is as wide as that cell (``_header_cell_sides``): its
    words broken between letters are marked against it, as a ruled cell's are.
    """
    header_edges = header.col_starts + [header.bbox.x1]
    body_ranges = _column_ranges(body)
    starts = list(header.col_starts)
    start_of: list[float] = []
    taken: set[int] = set()
    for x0, x1 in body_ranges:
        inside = [i for i in range(header.n_cols) if header_edges[i] - _SNAP <= (x0 + x1) / 2 < header_edges[i + 1]]
        if inside and inside[0] not in taken:
            taken.add(inside[0])
            start_of.append(header.col_starts[inside[0]])
        else:
            starts.append(x0)
            start_of.append(x0)
    starts.sort()
    header_cols = []
    for c in header.cells:
        first = starts.index(header.col_starts[c.col])
        end = (starts.index(header.col_starts[c.col + c.col_span]) if c.col + c.col_span < header.n_cols
               else sum(1 for x in starts if x < header.bbox.x1 - _SNAP))
        header_cols.append(GridCell(c.row, first, c.row_span, max(1, end - first), c.text, c.bbox, c.confidence))
    # Words without characters (OCR) show no letters to measure a broken line's room by.
    sides = _header_cell_sides(header) if page.chars else {}
    padding = table_padding((c.bbox, _chars_in(page, c.bbox)) for c in header.cells) if sides else None
    body_cols = []
    for c in body.cells:
        first = starts.index(start_of[c.col])
        last = starts.index(start_of[c.col + c.col_span - 1])
        text = c.text
        if first == last and "\n" in text and start_of[c.col] in sides:
            x0, x1 = sides[start_of[c.col]]
            text = mark_word_breaks(text, _chars_in(page, c.bbox), Box(x0, c.bbox.top, x1, c.bbox.bottom), padding)
        body_cols.append(GridCell(c.row + header.n_rows, first, c.row_span, last - first + 1, text, c.bbox,
                                  c.confidence))
    cells = sorted(header_cols + body_cols, key=lambda c: (c.row, c.col))
    return FoundTable(header.bbox.union(body.bbox), "partial", header.n_rows + body.n_rows, len(starts), cells,
                      starts, header.open_top)


def _header_cell_sides(header: FoundTable) -> dict[float, tuple[float, float]]:
    """The x-range of each header column headed by a cell of its own (a group label over several
    columns bounds none of them), keyed by the column's start: the cell's sides are the column's,
    so the body's cells under it wrap their lines at the same width."""
    return {header.col_starts[c.col]: (c.bbox.x0, c.bbox.x1) for c in header.cells if c.col_span == 1}


def _column_ranges(table: FoundTable) -> list[tuple[float, float]]:
    """x-range of each column of a table: the union of its single-column cells."""
    ranges = []
    for col in range(table.n_cols):
        boxes = [c.bbox for c in table.cells if c.col == col and c.col_span == 1] or \
                [c.bbox for c in table.cells if c.col <= col < c.col + c.col_span]
        ranges.append((min(b.x0 for b in boxes), max(b.x1 for b in boxes)))
    return ranges
