"""Every table of a document as cells: the generic ``tables`` dataset.

Whatever a parser understands goes into its own tables; this keeps the rest reachable,
so no table of a report is lost.  It works on any ``Layout`` (PDF, OCR or converter
text) and knows nothing about the document type.

A table is a run of table rows in reading order: it ends where a prose line comes
between two table rows, or where the extractor's (page, table) numbering changes.
``table_index`` numbers the tables of the document from 0; ``row`` and ``col`` are
0-based positions within the table, ``row_span`` and ``col_span`` how many positions
the cell covers.  Merged positions (``None`` cells) give no record,
empty cells do, so the grid stays recoverable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camerale.model import Box, Layout, Row, provenance


@dataclass
class TableBlock:
    """One table of the document, with the prose lines printed since the previous table."""

    index: int
    rows: list[Row]
    prose_before: list[Row] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.rows[0].texts if self.rows else []

    @property
    def page(self) -> int | None:
        return self.rows[0].page if self.rows else None


def table_blocks(layout: Layout) -> list[TableBlock]:
    """The tables of ``layout`` in reading order; the prose after the last table, if any, in a
    last block without rows (the last lines of a table may be printed apart on the next page)."""
    blocks: list[TableBlock] = []
    prose: list[Row] = []
    current: tuple[int | None, int | None] | None = None
    for row in layout.rows:
        if row.table is None:
            prose.append(row)
            current = None  # prose between table rows closes the table
            continue
        key = (row.page, row.table)
        if key != current:
            blocks.append(TableBlock(len(blocks), [], prose))
            prose = []
            current = key
        blocks[-1].rows.append(row)
    if prose and blocks:
        blocks.append(TableBlock(len(blocks), [], prose))
    return blocks


def table_cells(layout: Layout) -> list[dict[str, Any]]:
    """One record per printed cell of every table row of ``layout`` (text as printed).

    Each record also says how its table was ruled (``full``, ``partial``, ``none``; null
    for converter text) and the table's ``region`` on the cell's page: the union of the
    table's cells printed there, so a table continued on the next page has one region
    per page.
    """
    records: list[dict[str, Any]] = []
    for block in table_blocks(layout):
        rulings = {row.ruling for row in block.rows if row.ruling is not None}
        ruling = rulings.pop() if len(rulings) == 1 else ("partial" if rulings else None)
        regions: dict[int | None, Box] = {}
        for row in block.rows:
            for cell in row.cells:
                if cell is not None and cell.bbox is not None:
                    regions[cell.page] = cell.bbox.union(regions.get(cell.page))
        for row_index, row in enumerate(block.rows):
            for col, cell in enumerate(row.cells):
                if cell is None:
                    continue
                region = regions.get(cell.page)
                records.append({"table_index": block.index, "row": row_index, "col": col,
                                "row_span": cell.row_span, "col_span": cell.col_span, "text": cell.text,
                                "ruling": ruling, "region": region.as_dict() if region else None,
                                **provenance(cell)})
    return records
