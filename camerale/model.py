"""The objects that travel between pipeline stages.

extract  -> ``Layout``          positioned cells and rows, whatever the input kind
parse    -> ``ParsedDocument``  records per dataset table, still holding raw text
normalize   typed values and reconciled codes are added beside the raw text
store       records become Arrow tables and land in Parquet

A ``Row`` is the unit every parser reads: one row of a ruled table, or one line of
prose.  Converter text gives one row per line (cells split on tabs), a born-digital
PDF gives pdfplumber's table rows, a scanned page gives rows rebuilt from ruling
lines and OCR word boxes.  Parsers therefore never care where a row came from.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

InputKind = Literal["pdf", "ocr", "text"]


@dataclass(frozen=True)
class Box:
    """A region of a page in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Box | None) -> Box:
        if other is None:
            return self
        return Box(min(self.x0, other.x0), min(self.top, other.top),
                   max(self.x1, other.x1), max(self.bottom, other.bottom))

    def as_dict(self) -> dict[str, float]:
        return {"x0": self.x0, "top": self.top, "x1": self.x1, "bottom": self.bottom}

    @classmethod
    def of(cls, bbox: dict[str, float] | None) -> Box | None:
        """A ``bbox`` column value (dict or None) as a Box."""
        return None if bbox is None else cls(bbox["x0"], bbox["top"], bbox["x1"], bbox["bottom"])

    def contains(self, other: Box, slack: float = 2.0) -> bool:
        return (other.x0 >= self.x0 - slack and other.top >= self.top - slack
                and other.x1 <= self.x1 + slack and other.bottom <= self.bottom + slack)

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.top < other.bottom and other.top < self.bottom


@dataclass(frozen=True)
class Cell:
    """Text printed in one table cell (or one prose line), with where it was printed.

    ``text`` keeps the printed line breaks as ``\\n``; joining wrapped lines is the
    normalizer's job, so that the raw text stays available.
    """

    text: str
    page: int | None = None          # 1-based; None for converter text without page marks
    bbox: Box | None = None          # None for converter text
    line: int | None = None          # 1-based source line, for converter text
    confidence: float | None = None  # mean OCR word confidence, 0-100; None when not OCR'd
    row_span: int = 1                # table rows and columns the cell covers (the positions
    col_span: int = 1                # it covers to the right and below hold None)


@dataclass
class Row:
    """One table row or one prose line.

    ``cells`` follows the table's columns; ``None`` marks a position covered by a
    merged cell (pdfplumber's convention).  ``table`` numbers the tables of a page
    (0-based); it is None for prose lines.  A table continued across a page break
    keeps the ``page`` and ``table`` of the page where it starts, so ``(page, table)``
    identifies one whole table; each cell keeps the page it was printed on.
    """

    cells: list[Cell | None]
    page: int | None = None
    table: int | None = None
    line: int | None = None
    ruling: str | None = None   # table rows: 'full', 'partial' or 'none' (how the table was ruled)
    # A ruled row a page break cuts, as its rules say: open at the page head (no rule above it, its
    # sides drawn from the head) or at the page foot (no rule under it, its sides drawn to the foot).
    open_top: bool = False
    open_bottom: bool = False

    @property
    def texts(self) -> list[str]:
        """Cell texts with merged positions as empty strings."""
        return [c.text if c is not None else "" for c in self.cells]

    @property
    def filled(self) -> list[Cell]:
        """Cells that print something, left to right."""
        return [c for c in self.cells if c is not None and c.text.strip()]


def column_boxes(rows: Sequence[Row], box_of: Callable[[Cell], Box] = lambda cell: cell.bbox,
                 ) -> list[list[Box]] | None:
    """Each grid position's boxes over table rows: those of the one-column cells printing text there;
    None when the rows are not all on one grid.  ``box_of``: where a cell counts as printed (its box, or
    its box moved elsewhere)."""
    n = len(rows[0].cells)
    if any(len(r.cells) != n for r in rows):
        return None
    return [[box_of(c) for r in rows if (c := r.cells[i]) is not None and c.col_span == 1
             and c.bbox is not None and c.text.strip()] for i in range(n)]


def column_reach(rows: Sequence[Row], box_of: Callable[[Cell], Box] = lambda cell: cell.bbox,
                 ) -> list[tuple[float, float] | None] | None:
    """Each grid position's reach over table rows (``column_boxes``): the leftmost start and the rightmost
    end of the cells printing text there (None where none prints); None when the rows are not all on one
    grid."""
    columns = column_boxes(rows, box_of)
    if columns is None:
        return None
    return [(min(b.x0 for b in boxes), max(b.x1 for b in boxes)) if boxes else None for boxes in columns]


@dataclass
class Layout:
    """What extraction produced for one document."""

    source_path: str
    doc_id: str                       # sha256 hex of the source bytes
    input_kind: InputKind
    n_pages: int | None
    rows: list[Row]
    page_texts: list[str] = field(default_factory=list)  # plain text per page (one item for text input)
    warnings: list[str] = field(default_factory=list)
    # Per-page OCR confidence (0-100) for OCR'd pages; empty otherwise.
    page_confidence: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentInfo:
    """What kind of document this is, read from its content."""

    doc_type: str | None          # "pira", "relazione_performance"; None: not a report, only its tables
    chamber: str | None           # "Lucca"
    phase: str | None             # "preventivo", "consuntivo" or None
    reference_year: int | None
    title: str


@dataclass(frozen=True)
class ParseContext:
    """What the dataset already knows that a parser may use as evidence."""

    # Project codes already ingested for the same chamber, e.g. {"1B0101", "2D0101"}.
    known_project_codes: frozenset[str] = frozenset()


@dataclass
class ParsedDocument:
    """Records for each dataset table, as dicts whose keys are the table's columns.

    ``doc_id`` is added by the pipeline.  Provenance keys (``page``, ``bbox``, ``line``)
    are filled by the parser from the cells a record came from.
    """

    info: DocumentInfo
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    normalizations: list[dict[str, Any]] = field(default_factory=list)
    # Printed values the parser found no record for (an indicator before any objective, a row it
    # could not read): each is also a warning, and counts against the document's completeness.
    unplaced: list[str] = field(default_factory=list)

    def add(self, table: str, record: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(record)


def location(page: int | None, line: int | None) -> str:
    """Where a value was printed, for messages: 'page 4', 'line 58', or '' when unknown."""
    if page is not None:
        return f"page {page}"
    return f"line {line}" if line is not None else ""


def provenance(*cells: Cell | None) -> dict[str, Any]:
    """page / bbox / line / ocr_confidence of a record made from these cells.

    The bbox is the union of the cells on the first cell's page; ``ocr_confidence``
    (0-1) is the least confident of the OCR'd cells, None when nothing was OCR'd.
    """
    present = [c for c in cells if c is not None]
    if not present:
        return {"page": None, "bbox": None, "line": None, "ocr_confidence": None}
    first = present[0]
    box: Box | None = None
    for c in present:
        if c.bbox is not None and c.page == first.page:
            box = c.bbox.union(box)
    confidences = [c.confidence for c in present if c.confidence is not None]
    return {"page": first.page, "bbox": box.as_dict() if box else None, "line": first.line,
            "ocr_confidence": min(confidences) / 100 if confidences else None}
