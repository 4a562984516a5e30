"""Born-digital PDF to ``Layout``: pdfplumber's ruled tables and the prose around them.

Each page gives table rows (pdfplumber's cell grid, ``None`` where a merged cell
covers a position) and one prose row per text line outside the tables, in reading
order (by top).  A page without a usable text layer goes to OCR instead, and its
rows come back in the same shape.  Tables and single rows that a page break (or the
foot of a text column) cut in two are then put back together by ``join_page_breaks``,
whatever the rows came from.

Pages are closed as soon as they are read: pdfplumber keeps every parsed object of a
page cached until then, and memory would grow with the length of the document
(pdfplumber issues #193, #1339).
"""
from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import reduce
from typing import Literal

import pdfplumber
import pdfplumber.page
import pypdfium2 as pdfium

from camerale.children import die_with_parent
from camerale.extract.page_objects import PageObjects, from_pdfplumber
from camerale.extract.furniture import furniture
from camerale.extract.pdfium_objects import NotMirrored, PdfiumSource
from camerale.extract.settings import OcrSettings, PdfSettings
from camerale.extract.table_reader import is_number_token, read_tables
from camerale.extract.textlayer import page_needs_ocr
from camerale.extract.word_breaks import resolve_word_breaks
from camerale.model import Box, Cell, Layout, Row, column_boxes, column_reach

# Points within which two ruling lines are the same column edge.  The sample's two
# parts of one table differ by up to 2.8 pt (LibreOffice re-fits the columns on the
# new page); distinct columns of a ruled table are never that narrow.
COLUMN_TOLERANCE = 3.0
# How far above the lowest content of the document a table may end and still count
# as "ran to the bottom of the page".  Word-style tables break at a line (rows may
# split) or, when rows may not split, before a whole row: one tall row of slack.
BOTTOM_SLACK = 72.0


# Below this many pages per worker a document is read in one process: a page worker (a forkserver
# child importing the reader) costs about 0.5 s to start on a quiet machine and a page now reads in
# about 0.04-0.06 s, so a second one pays from about 60 pages (bench/speed.py, 2 cores: the 25-page
# PIRA in 1.96-2.58 s with two processes, 1.6-1.8 s with one; the 26-page Relazione 1.4-1.8 s, 1.0 s).
MIN_PAGES_PER_WORKER = 30


@dataclass
class _PageRead:
    number: int
    rows: list[Row]
    text: str
    ocr_reason: str | None   # set when the page has no usable text layer


def _read_objects(objects: PageObjects) -> _PageRead:
    reason = page_needs_ocr(objects.chars)
    if reason is not None:
        return _PageRead(objects.number, [], "", reason)
    return _PageRead(objects.number, read_tables(objects).rows(objects.number), objects.text, None)


def _pages_by_pdfplumber(data: bytes, numbers: list[int]) -> list[_PageRead]:
    """The given pages (1-based), read by pdfplumber (pdfminer): the reference reading."""
    reads = []
    with pdfplumber.open(io.BytesIO(data), pages=numbers) as pdf:
        for page in pdf.pages:
            try:
                reads.append(_read_objects(from_pdfplumber(page)))
            finally:
                page.close()
    return reads


def _pages_by_pdfium(data: bytes, numbers: list[int]) -> list[_PageRead]:
    """The given pages (1-based), their objects read by pdfium as pdfplumber gives them (``pdfium_objects``).

    A page pdfium cannot give exactly as pdfplumber would (``NotMirrored``) is read by pdfplumber.
    """
    source = PdfiumSource(data)
    reads = []
    unmirrored = []
    doctop = 0.0   # as pdfplumber counts it: the heights of the pages read before
    try:
        for number in numbers:
            try:
                objects = source.page_objects(number - 1, doctop)
            except NotMirrored:
                unmirrored.append(number)
                doctop += source.page_height(number - 1)
                continue
            doctop += objects.height
            reads.append(_read_objects(objects))
    finally:
        source.close()
    if unmirrored:
        # All in one pdfplumber document: it parses the file, and the fonts its pages share, once.
        reads = sorted(reads + _pages_by_pdfplumber(data, unmirrored), key=lambda read: read.number)
    return reads


# What reads a born-digital page's objects for the table reader (``PdfSettings.source``).
PAGE_SOURCES: dict[str, Callable[[bytes, list[int]], list[_PageRead]]] = {
    "pdfium": _pages_by_pdfium,
    "pdfplumber": _pages_by_pdfplumber,
}


def _read_all_pages(data: bytes, n_pages: int, workers: int, source: str) -> list[_PageRead]:
    """Every page, in page order; contiguous page ranges spread over ``workers`` processes.

    Page parsing is most of the cost, so pages in parallel processes is the one way to use
    more than one core on a single document.
    """
    read = PAGE_SOURCES[source]
    workers = max(1, min(workers, n_pages // MIN_PAGES_PER_WORKER))
    pages = list(range(1, n_pages + 1))
    if workers == 1:
        return read(data, pages)
    size = -(-n_pages // workers)
    chunks = [pages[i:i + size] for i in range(0, n_pages, size)]
    # forkserver, not fork: a child forked from a threaded document worker can inherit a held lock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"),
                             initializer=die_with_parent) as pool:
        return [page for chunk in pool.map(read, [data] * len(chunks), chunks) for page in chunk]


def _page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> 'pages 1-3, 7'."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)
    return f"page{'s' if len(numbers) > 1 else ''} {text}"


def extract_pdf(path: str, data: bytes, doc_id: str, *, workers: int = 1,
                ocr_settings: OcrSettings | None = None,
                pdf_settings: PdfSettings | None = None) -> Layout:
    """Rows of a PDF in reading order, page breaks joined; OCR for pages without a text layer.

    ``workers`` processes read pages with a text layer in parallel; OCR has its own
    setting (``ocr_settings.workers``).
    """
    pdf = pdfium.PdfDocument(data)
    try:
        n_pages = len(pdf)
    finally:
        pdf.close()
    source = (pdf_settings or PdfSettings()).source
    page_rows: dict[int, list[Row]] = {}
    page_texts: dict[int, str] = {}
    warnings: list[str] = []
    to_ocr: list[int] = []
    pages_by_reason: dict[str, list[int]] = defaultdict(list)
    for read in _read_all_pages(data, n_pages, workers, source):
        if read.ocr_reason is not None:
            to_ocr.append(read.number)
            pages_by_reason[read.ocr_reason].append(read.number)
        else:
            page_rows[read.number] = read.rows
            page_texts[read.number] = read.text
    for reason, numbers in pages_by_reason.items():
        warnings.append(f"{_page_list(numbers)}: {reason}; read by OCR")

    page_confidence: dict[int, float] = {}
    if to_ocr:
        # Imported only when needed: OCR pulls in tesseract and image libraries.
        from camerale.extract.ocr import ocr_pages

        for number, result in ocr_pages(data, to_ocr, ocr_settings).items():
            page_rows[number] = list(result.rows)
            page_texts[number] = result.text
            page_confidence[number] = result.confidence
            warnings.extend(result.warnings)

    rows = join_page_breaks([row for number in sorted(page_rows) for row in page_rows[number]])
    resolve_word_breaks(rows, page_texts.values())
    return Layout(
        source_path=path,
        doc_id=doc_id,
        input_kind="ocr" if to_ocr else "pdf",
        n_pages=n_pages,
        rows=rows,
        page_texts=[page_texts.get(number, "") for number in range(1, n_pages + 1)],
        warnings=warnings,
        page_confidence=page_confidence,
    )


def read_page(page: pdfplumber.page.Page) -> list[Row]:
    """Table rows (tables of any ruling, ``table_reader``) and prose lines of one page, ordered by their top."""
    return read_tables(from_pdfplumber(page)).rows(page.page_number)


# --- page breaks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """Where one part of a table is printed: its page, the region of its cells, and how far right of the
    table's first part its text column lies (0 for a part below the first in one column, on any page)."""

    page: int
    box: Box
    shift: float = 0.0


@dataclass
class _Table:
    """The rows of one table, possibly gathered from several pages or text columns."""

    rows: list[Row]
    # Where its parts print, first to last, once it has gathered a second (``parts``): its cells cannot
    # say it, as a part merged whole into the row it continues leaves no cell of its own (the merged
    # cell keeps the first part's), yet the table ends there.
    gathered: list[_Part] = field(default_factory=list)

    @property
    def parts(self) -> list[_Part]:
        """Where the table is printed, part by part; a table read from one page is one part."""
        if self.gathered:
            return self.gathered
        boxes = [c.bbox for r in self.rows for c in r.cells if c is not None]
        return [_Part(self.rows[0].page, reduce(Box.union, boxes))]

    @property
    def positioned(self) -> bool:
        cells = [c for r in self.rows for c in r.cells if c is not None]
        return all(c.bbox is not None and c.page is not None for c in cells)


def _placed(parts: list[_Part], cell: Cell) -> Box:
    """A cell's box as printed in the text column of its table's first part: moved by its part's shift."""
    middle = (cell.bbox.x0 + cell.bbox.x1) / 2
    shift = next((p.shift for p in parts if p.page == cell.page and p.box.x0 <= middle <= p.box.x1), 0.0)
    return Box(cell.bbox.x0 - shift, cell.bbox.top, cell.bbox.x1 - shift, cell.bbox.bottom)


@dataclass(frozen=True)
class _Grid:
    """The column edges two parts of a table are laid on, and where their parts print (``_placed``)."""

    edges: list[float]
    parts: list[_Part]

    def start(self, cell: Cell) -> int:
        return _nearest(self.edges, _placed(self.parts, cell).x0)

    def end(self, cell: Cell) -> int:
        return _nearest(self.edges, _placed(self.parts, cell).x1)


def join_page_breaks(rows: Sequence[Row]) -> list[Row]:
    """Put back together the tables and table rows that a page break, or the foot of a text column, cut in two.

    A page set in text columns is read column by column, so a table that reaches the foot
    of a column goes on at the head of the next one, as across a page break.  A table
    continues the table before it when
    - it is the first content of its text column and the other is the last content of
      its own (running headers and footers aside), and that one ran to the bottom of
      the page (within ``BOTTOM_SLACK`` of the lowest content of the document);
    - it opens the column that follows the other's (``_next_column``): on the next
      page (the same column, or its first), or on the same page a column to the right,
      starting no lower than the other;
    - their column edges agree within ``COLUMN_TOLERANCE`` once moved by the columns'
      offset (the parts' left edges apart; none between parts one under the other):
      one table's edges are a subset of the other's, because a part may lack the rows
      that show some columns (a part holding only merged label rows has 3 of the 8
      columns).  Text columns are equally wide, so the grid is the same, moved.
    Below, *page p* and *page p + 1* stand for the two parts' columns.

    The continuation's rows join the first part's table: all rows are laid on the
    union of both column grids (``None`` where a merged cell covers a position)
    and keep the page and table number where the table starts, so ``(page, table)``
    still names one table; every cell keeps its own page and box.  First rows that
    repeat the table's first rows (a header of one or more rows repeated on each page,
    ``_repeats``) are dropped, and the row after them may continue the first part's last.

    The first row of the continuation is the rest of the first part's last row,
    and the two are merged cell by cell, when (``_continues``)
    - both rows have the same cells (edges agree; a position that the first part
      leaves to a cell merged down from above may hold an empty cell), and
    - some cell that printed text on page *p* is blank on page *p* + 1 — the label
      and other short cells end on the first page — while no cell that was blank
      on page *p* prints text on page *p* + 1 (a cell's text starts on the first
      page).
    A new row of the same shape as the one before fills the cells its predecessor
    filled, and fails the second test; so does the ``Risultato anno`` header row
    of the PIRA indicator tables, whose first cell is empty like a continuation's.
    A split row whose every cell goes on, or a new row that leaves blank a cell the
    row above filled, is misjudged; neither occurs in the samples.  A new row that
    prints amounts in two cells or more where the row above printed words, or the
    reverse (a header row left at a page foot over the first values row, a totals row
    over the next table's header), is two rows (``_change_kind``): a cell goes on with
    text of its own kind.
    Where the rules say it (a ruled row open at the first page's foot and at the next
    page's head: ``Row.open_bottom``, ``Row.open_top``), the cells agreeing is enough:
    a value printed whole on the next page beside its label left at the foot is joined.

    Merged text is the two parts joined with ``\\n``; the merged cell keeps the box
    and page of its first part.

    Measured on the PIRA sample: 17 tables continue on the next page (7 objective,
    10 indicator tables) and 12 rows are split; all are joined, and nothing else is
    (every gold text field equals one joined cell).  The scanned copy's OCR rows join
    the same way.  On the ReportLab rendition in two text columns with full grids
    (holdout pira-x), 20 tables go on in the next text column, 10 of them on the same page.
    """
    items = _items(rows)
    running = furniture(rows)
    content = [r for r in rows if id(r) not in running]
    bottoms = [c.bbox.bottom for r in content for c in r.cells if c is not None and c.bbox is not None]
    if not bottoms:
        return list(rows)
    page_bottom = max(bottoms)

    merged: list[_Table | Row] = []
    last_content: _Table | Row | None = None
    for n, item in enumerate(items):
        if isinstance(item, Row) and id(item) in running:
            merged.append(item)
            continue
        if isinstance(item, Row) and isinstance(last_content, _Table) and _rest_in_columns(last_content, item,
                                                                                           page_bottom):
            continue
        if isinstance(item, Row) and isinstance(last_content, _Table) \
                and isinstance(following := _next_content(items, n, running), _Table) \
                and _begun_at_foot(last_content, item, following, page_bottom):
            continue
        if isinstance(item, _Table) and isinstance(last_content, _Table) and (
                (found := _continuation(last_content, item, page_bottom)) is not None
                and _absorb(last_content, item, found[0] == "own", found[1])
                or len(item.rows) == 1 and _rest_in_columns(last_content, item.rows[0], page_bottom)):
            continue
        merged.append(item)
        last_content = item

    out: list[Row] = []
    for item in merged:
        out.extend(item.rows if isinstance(item, _Table) else [item])
    return out


def _rest_in_columns(table: _Table, line: Row, page_bottom: float) -> bool:
    """Append ``line`` to the table's last row, and say so, when it is that row's rest in its inner
    columns: a line at the head of the next page, the table having run to the page foot, each of its cells
    printed inside a column right of the table's first (from the column's left edge, ending within it), one
    a column, where the last row prints.  A reader takes the lines of one column alone for prose, and a line
    of cells in some columns for a table of its own ('programmate' | 'competente', the rest of an algorithm
    and a source); prose starts at the text's left margin, and a table in its first column, not inside one.
    The table's end stays where it was: a part of it printed after these lines still continues it."""
    if not table.positioned or not line.filled or any(cell.bbox is None for cell in line.filled):
        return False
    last = table.parts[-1]
    if line.page != last.page + 1 or last.box.bottom < page_bottom - BOTTOM_SLACK:
        return False
    row = table.rows[-1]
    into: list[int] = []
    for piece in line.filled:
        box = piece.bbox
        if box.x0 < last.box.x0 - COLUMN_TOLERANCE or box.x1 > last.box.x1 + COLUMN_TOLERANCE:
            return False
        i = _inner_column(table, box, lambda reach, aligned, placed: reach[0] - COLUMN_TOLERANCE <= placed.x0
                          <= reach[0] + 2 * COLUMN_TOLERANCE and placed.x1 <= reach[1] + COLUMN_TOLERANCE)
        if i is None or i in into or (cell := row.cells[i]) is None or not cell.text.strip():
            return False
        into.append(i)
    for i, piece in zip(into, line.filled):
        row.cells[i] = replace(row.cells[i], text=f"{row.cells[i].text}\n{piece.text}")
    return True


def _next_content(items: list[_Table | Row], n: int, running: set[int]) -> _Table | Row | None:
    """The first item after ``items[n]`` that is not a running header or footer."""
    return next((i for i in itertools.islice(items, n + 1, None) if not (isinstance(i, Row) and id(i) in running)),
                None)


def _begun_at_foot(table: _Table, line: Row, following: _Table, page_bottom: float) -> bool:
    """Append ``line`` to the table as a row begun at the page foot, and say so, when it is the first line
    of a row whose taller cells a page break carried whole to the next page: a line below the table, the
    last content of its page at the page foot, printed inside a column right of the table's first (a
    one-line achievement, '100', left behind while the indicator's two-line cells moved on), the next
    page going on with the table and leaving that column blank in its first row.  The row's other cells
    are then that row's (``_continues``)."""
    if not table.positioned or len(line.filled) != 1 or (box := line.filled[0].bbox) is None:
        return False
    last = table.parts[-1]
    if (line.page != last.page or box.top < last.box.bottom - COLUMN_TOLERANCE
            or box.bottom < page_bottom - BOTTOM_SLACK or following.rows[0].page != line.page + 1
            or _continuation(table, following, page_bottom) is None):
        return False
    # Inside the column, starting or ending where most of its cells do (text set left, figures right).
    i = _inner_column(table, box, lambda reach, aligned, placed: aligned is not None
                      and placed.x0 >= reach[0] - COLUMN_TOLERANCE and placed.x1 <= reach[1] + COLUMN_TOLERANCE
                      and _agree((placed.x0, placed.x1), aligned))
    if i is None or ((c := following.rows[0].cells[i]) is not None and c.text.strip()):
        return False
    row = table.rows[-1]
    cells = [None if c is None else replace(c, text="") for c in row.cells]
    cells[i] = line.filled[0]
    table.rows.append(Row(cells=cells, page=row.page, table=row.table, open_bottom=True))
    return True


def _inner_column(table: _Table, box: Box,
                  inside: Callable[[tuple[float, float], tuple[float, float] | None, Box], bool]) -> int | None:
    """The grid position of the first column right of the table's first that a line's ``box`` prints in,
    as ``inside(reach, alignment, placed box)`` judges; None when none.  The box is placed as the table's
    cells are, in its first part's text column (``_placed``)."""
    extents = _extents(table.rows, table.parts)
    if extents is None or not any(extents):
        return None
    shift = table.parts[-1].shift
    placed = replace(box, x0=box.x0 - shift, x1=box.x1 - shift)
    left = min(reach[0] for reach in extents if reach is not None)
    aligned = _alignments(table.rows, table.parts)
    return next((i for i, reach in enumerate(extents) if reach is not None and reach[0] > left + COLUMN_TOLERANCE
                 and inside(reach, aligned[i], placed)), None)


def _items(rows: Iterable[Row]) -> list[_Table | Row]:
    """Rows grouped into tables (consecutive rows of one page and table number) and prose rows."""
    items: list[_Table | Row] = []
    for row in rows:
        if row.table is None:
            items.append(row)
        elif items and isinstance(items[-1], _Table) and _same_table(items[-1].rows[-1], row):
            items[-1].rows.append(row)
        else:
            items.append(_Table([row]))
    return items


def _same_table(a: Row, b: Row) -> bool:
    return (a.page, a.table) == (b.page, b.table)


def _continuation(first: _Table, second: _Table,
                  page_bottom: float) -> tuple[Literal["own", "edges"], list[_Part]] | None:
    """Whether ``second`` goes on with ``first`` in the next text column, and on which grid: "own" when
    it prints on the first part's grid positions, "edges" when only the cell edges agree (the parts
    are then put on the edges of both); None when it is another table.  With the grid, the table's
    parts as they are with ``second`` joined, its shift from ``_next_column``."""
    if not (first.positioned and second.positioned):
        return None
    last, head = first.parts[-1], second.parts[0]
    shift = _next_column(last, head)
    if shift is None or last.box.bottom < page_bottom - BOTTOM_SLACK:
        return None
    parts = first.parts + [replace(head, shift=last.shift + shift)]
    if _same_grid(first.rows, second.rows, parts):
        return "own", parts
    a, b = _edges(first.rows, parts), _edges(second.rows, parts)
    if abs(a[0] - b[0]) > COLUMN_TOLERANCE or abs(a[-1] - b[-1]) > COLUMN_TOLERANCE:
        return None
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return ("edges", parts) if all(any(abs(x - y) <= COLUMN_TOLERANCE for y in large) for x in small) else None


def _next_column(last: _Part, head: _Part) -> float | None:
    """How far right of ``last`` (a part that ran to the foot of its text column) the column of ``head``
    lies, when ``head`` can open the column that follows: on the next page, the same column (0) or
    another (left of ``last``: a page's first column); on the same page, a column to the right whose
    head ``head`` prints at (no lower than ``last`` starts). None when it cannot.

    A generator sets every text column of a page as wide as the others, so a table goes on in the
    next column on the same grid, moved by the columns' offset: the parts' left edges give it."""
    right = head.box.x0 >= last.box.x1 - COLUMN_TOLERANCE
    if head.page == last.page + 1:
        left = head.box.x1 <= last.box.x0 + COLUMN_TOLERANCE
        return head.box.x0 - last.box.x0 if left or right else 0.0
    if head.page == last.page and right and head.box.top <= last.box.top + COLUMN_TOLERANCE:
        return head.box.x0 - last.box.x0
    return None


def _extents(rows: list[Row], parts: list[_Part]) -> list[tuple[float, float] | None] | None:
    """Each grid position's reach over the rows (``column_reach``), as placed in the first part's column
    (``_placed``)."""
    return column_reach(rows, lambda cell: _placed(parts, cell))


def _same_grid(first: list[Row], second: list[Row], parts: list[_Part]) -> bool:
    """Whether the next part prints on the first part's grid: as many positions, two or more printing
    in both, each of those starting or ending where the first part's does (left-aligned text starts
    alike, right-aligned figures end alike).  Cell edges of an unruled table are its text's, ragged
    from row to row, so ``_edges`` alone would take two parts of one table for two tables."""
    a, b = _extents(first, parts), _extents(second, parts)
    if a is None or b is None or len(a) != len(b):
        return False
    both = [i for i, (x, y) in enumerate(zip(a, b)) if x is not None and y is not None]
    if len(both) < 2:
        return False
    if all(_agree(a[i], b[i]) for i in both):
        return True
    # The reach is the widest cell's: one line set apart in a column (an objective's overall result
    # centred across the table, a header label wider than its column of figures) moves it; the edge
    # most cells of a column share is the column's alignment.
    aligned_a, aligned_b = _alignments(first, parts), _alignments(second, parts)
    return all(_agree(a[i], b[i]) or _agree(aligned_a[i], aligned_b[i]) for i in both)


def _agree(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Whether two columns start alike (left-aligned text) or end alike (right-aligned figures)."""
    return a is not None and b is not None and (abs(a[0] - b[0]) <= COLUMN_TOLERANCE
                                                or abs(a[1] - b[1]) <= COLUMN_TOLERANCE)


def _alignments(rows: list[Row], parts: list[_Part]) -> list[tuple[float, float] | None]:
    """Each grid position's start and end shared by most of its one-column cells printing text (as
    placed in the first part's column, ``column_boxes``), None where none prints."""
    return [(Counter(round(b.x0) for b in boxes).most_common(1)[0][0],
             Counter(round(b.x1) for b in boxes).most_common(1)[0][0]) if boxes else None
            for boxes in column_boxes(rows, lambda cell: _placed(parts, cell)) or []]


def _edges(rows: Iterable[Row], parts: list[_Part]) -> list[float]:
    """Column edges of table rows: cell x0/x1, as placed in the first part's column, clustered within
    ``COLUMN_TOLERANCE``."""
    boxes = [_placed(parts, c) for r in rows for c in r.cells if c is not None]
    xs = sorted(x for box in boxes for x in (box.x0, box.x1))
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= COLUMN_TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [sum(c) / len(c) for c in clusters]


def _absorb(first: _Table, second: _Table, on_own_grid: bool, parts: list[_Part]) -> bool:
    """Append the continuation's rows to the first part, on one column grid; ``parts``: where the
    table's parts print, ``second`` last.

    Returns False, changing nothing, when two cells of a row would fall on one grid
    position (edges closer than the tolerance): the parts then stay separate tables.
    """
    head = first.rows[0]
    grid: _Grid | None = None   # the parts' own grid: positions stay as they are
    if on_own_grid:
        before = list(first.rows)
        rest = [replace(r, page=head.page, table=head.table) for r in second.rows]
    else:
        grid = _Grid(_edges(first.rows + second.rows, parts), parts)
        before = [_regrid(r, grid, head.page, head.table) for r in first.rows]
        rest = [_regrid(r, grid, head.page, head.table) for r in second.rows]
        if any(r is None for r in before + rest):
            return False
    repeated = 0
    while repeated < min(len(rest) - 1, len(before) - 1) and _repeats(rest[repeated], before[repeated]):
        repeated += 1
    overflow = _clipped_rest(rest[:repeated], before[:repeated])
    if repeated < min(len(rest), len(before)) and (carried := _carried_below(rest[repeated], before[repeated])):
        # The repeated header's band also holds the split row's rest: the header goes, the rest stays.
        rest[repeated] = carried
    rest = rest[repeated:]
    if overflow and rest and all(c is not None and _after_lines(c.text, overflow[p]) is not None for p, c in
                                 ((p, rest[0].cells[p]) for p in overflow)):
        # The lines a repeated header lost to its clipped row, printed below its rule: alone in their cells,
        # or read over the first lines of the cells under them (the clipped letters' middles fall below it).
        cells = [replace(c, text=_after_lines(c.text, overflow[p])) if p in overflow else c
                 for p, c in enumerate(rest[0].cells)]
        rest[0] = replace(rest[0], cells=cells)
        if not any(t.strip() for t in rest[0].texts):
            rest.pop(0)
    elif overflow:
        # ... read as rows of their own, a line each, nothing else printed beside them.
        del rest[:_overflow_rows(rest, overflow)]
    if rest and _continues(before[-1], rest[0], grid):
        before[-1] = _merge(before[-1], rest.pop(0))
    first.gathered = parts
    first.rows = before + rest
    return True


def _repeats(row: Row, header: Row) -> bool:
    """Whether ``row`` prints the header row ``header`` again (a header repeated on each page): the
    same texts, a cell possibly showing only its first lines (a fixed-height header row clips them)."""
    printed = [t for t in header.texts if t.strip()]
    again = [t for t in row.texts if t.strip()]
    if not printed or len(row.texts) != len(header.texts) or len(again) != len(printed):
        return False
    # Compared in order, not by position: a label centred over several columns ('Risultato atteso')
    # may fall in another of them on the new page.
    for shown, first in zip(again, printed):
        shown_lines, first_lines = shown.split("\n"), first.split("\n")
        if shown != first and first_lines[:len(shown_lines)] != shown_lines:
            return False
    return True


def _carried_below(row: Row, header: Row) -> Row | None:
    """The rest of a split row printed in one ruled band with the header repeated above it (no rule
    between them): every cell of ``row`` prints the header's cell, some go on with more lines. Those
    lines as a row open at its top (the rest of the row the page cut); None when ``row`` is not that.
    A cell keeps the band's box: the rest's own lines are inside it."""
    if len(row.cells) != len(header.cells) or not any(t.strip() for t in header.texts):
        return None
    cells: list[Cell | None] = []
    for cell, first in zip(row.cells, header.texts):
        if cell is None or cell.text == first:
            cells.append(None if cell is None else replace(cell, text=""))
            continue
        shown, head_lines = cell.text.split("\n"), first.split("\n")
        if not first.strip() or shown[:len(head_lines)] != head_lines:
            return None
        cells.append(replace(cell, text="\n".join(shown[len(head_lines):])))
    if not any(c is not None and c.text for c in cells):
        return None
    return replace(row, cells=cells, open_top=True)


def _after_lines(text: str, lines: str) -> str | None:
    """``text`` less the ``lines`` it opens with (whole lines); None when it does not open with them."""
    if text == lines:
        return ""
    return text[len(lines) + 1:] if text.startswith(lines + "\n") else None


def _overflow_rows(rows: list[Row], overflow: dict[int, str]) -> int:
    """How many first ``rows`` print, line by line, exactly the ``overflow`` lines of a clipped header
    (position -> text) and nothing else; 0 when they do not."""
    for n in range(1, len(rows) + 1):
        texts = [row.texts for row in rows[:n]]
        if any(t.strip() for row in texts for p, t in enumerate(row) if p not in overflow):
            return 0
        printed = {p: "\n".join(row[p] for row in texts if p < len(row) and row[p].strip()) for p in overflow}
        if printed == overflow:
            return n
        if any(not overflow[p].startswith(printed[p]) for p in overflow):
            return 0
    return 0


def _clipped_rest(again: list[Row], header: list[Row]) -> dict[int, str]:
    """Position -> the last lines of a header cell that its repeat on the next page lacks (``_repeats``
    allows a clipped repeat: the renderer may print those lines below the header's rule)."""
    rest = {}
    for row, first in zip(again, header):
        for p, (shown, whole) in enumerate(zip(row.texts, first.texts)):
            if shown != whole and shown.strip():
                rest[p] = "\n".join(whole.split("\n")[len(shown.split("\n")):])
    return rest


def _regrid(row: Row, grid: _Grid, page: int, table: int) -> Row | None:
    cells: list[Cell | None] = [None] * (len(grid.edges) - 1)
    for cell in row.cells:
        if cell is not None:
            position = grid.start(cell)
            if position == len(cells) or cells[position] is not None:
                return None
            cells[position] = cell
    return Row(cells=cells, page=page, table=table, line=row.line, open_top=row.open_top,
               open_bottom=row.open_bottom)


def _nearest(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _spans(row: Row, grid: _Grid | None) -> dict[int, int]:
    """First position -> position after the last, of each cell of a regridded row (on its own grid: its spans)."""
    if grid is None:
        return {i: i + c.col_span for i, c in enumerate(row.cells) if c is not None}
    return {i: max(i + 1, grid.end(c)) for i, c in enumerate(row.cells) if c is not None}


def _continues(prev: Row, nxt: Row, grid: _Grid | None) -> bool:
    """Whether ``nxt`` (first row of the next part) is the rest of ``prev`` (see ``join_page_breaks``)."""
    prev_spans, next_spans = _spans(prev, grid), _spans(nxt, grid)
    if any(next_spans.get(start) != end for start, end in prev_spans.items()):
        return False
    covered = {p for start, end in prev_spans.items() for p in range(start, end)}
    for start, end in next_spans.items():
        # Where the first part's position belongs to a cell merged down from above,
        # the new page shows an empty cell; anything else there is a new row.
        if start in prev_spans:
            continue
        if covered.intersection(range(start, end)) or nxt.cells[start].text.strip():
            return False
    if prev.open_bottom and nxt.open_top:
        # The rules say so: the row is open at the first page's foot and at the next page's head.
        return True
    if prev.open_bottom and not any(prev.cells[start].text.strip() and nxt.cells[start].text.strip()
                                    for start in prev_spans):
        # A row open at the foot whose next page prints only the cells it left blank: one row.
        return True
    if _same_key(prev, nxt) or _change_kind(prev, nxt):
        return False
    ended = started = False
    for start in prev_spans:
        before, after = prev.cells[start].text.strip(), nxt.cells[start].text.strip()
        ended |= bool(before) and not after
        started |= not before and bool(after)
    return ended and not started


def _shape(token: str) -> str:
    return "".join("9" if ch.isdigit() else "A" if ch.isalpha() else ch for ch in token)


def _is_code(token: str) -> bool:
    """A code ('3B0101', '011-005-001'): digits among letters or dashes, not a figure or a year."""
    return len(token) >= 3 and any(ch.isdigit() for ch in token) and not is_number_token(token)


def _same_key(prev: Row, nxt: Row) -> bool:
    """Whether a cell of each row opens with a code of one shape ('3B0101', '3B0102'): two records of
    a table keyed by a code, not the two parts of one (a part's rest does not print its key again)."""
    for before, after in zip(prev.cells, nxt.cells):
        if before is None or after is None or not before.text.split() or not after.text.split():
            continue
        a, b = before.text.split()[0], after.text.split()[0]
        if a != b and _is_code(a) and _shape(a) == _shape(b):
            return True
    return False


def _kind(text: str) -> str | None:
    """'figures' for a cell of numbers alone, 'words' for one that prints a word or a year (a header label's
    rest: 'Risultato atteso' / '2017'), None for a blank cell."""
    tokens = text.split()
    if not tokens:
        return None
    return "figures" if all(is_number_token(t) and not _YEAR.fullmatch(t) for t in tokens) else "words"


_YEAR = re.compile(r"(?:19|20)\d{2}")


def _change_kind(prev: Row, nxt: Row) -> bool:
    """Whether two cells or more print words in one row and figures alone in the other, or the reverse: two
    rows, not two parts of one.  A cell cut by a page goes on with more of its own text; a label does not
    go on with an amount, nor an amount with words ('Consuntivo 2016' over '0,00': a header row left at a
    page foot and the first values row at the next head; a totals row and the next table's header)."""
    kinds = [(_kind(before.text), _kind(after.text)) for before, after in zip(prev.cells, nxt.cells)
             if before is not None and after is not None]
    return sum(1 for above, below in kinds if above and below and above != below) >= 2


def _merge(prev: Row, nxt: Row) -> Row:
    """The two parts of a split row as one; ``_continues`` made sure no text starts on the second part
    unless the rules say the row is cut there (then a cell may print all its text on the second)."""
    cells: list[Cell | None] = []
    for before, after in zip(prev.cells, nxt.cells):
        if after is None or not after.text.strip():
            cells.append(before)
        elif before is None or not before.text.strip():
            cells.append(Cell(text=after.text, page=after.page, bbox=after.bbox, line=after.line,
                              confidence=after.confidence))
        else:
            cells.append(Cell(text=f"{before.text}\n{after.text}", page=before.page, bbox=before.bbox,
                              line=before.line, confidence=_mean(before.confidence, after.confidence)))
    return Row(cells=cells, page=prev.page, table=prev.table, line=prev.line, open_top=prev.open_top,
               open_bottom=nxt.open_bottom)


def _mean(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return a if b is None else b
    return (a + b) / 2
