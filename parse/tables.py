"""Every table of a document as cells: the generic ``tables`` dataset.

Whatever a parser understands goes into its own tables; this keeps the rest reachable,
so no table of a report is lost.  It works on any ``Layout`` (PDF, OCR or converter
text) and knows nothing about the document type.

A table is a run of table rows in reading order: it ends where a prose line comes
between two table rows, or where the extractor's (page, table) numbering changes.
``table_index`` numbers the tables of the document from 0; ``row`` and ``col`` are
0-based positions within the table.  Merged positions (``None`` cells) give no record,
empty cells do, so the grid stays recoverable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camerale.model import Layout, Row, provenance


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
    """The tables of ``layout`` in reading order."""
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
    return blocks


def table_cells(layout: Layout) -> list[dict[str, Any]]:
    """One record per printed cell of every table row of ``layout`` (text as printed)."""
    records: list[dict[str, Any]] = []
    for block in table_blocks(layout):
        for row_index, row in enumerate(block.rows):
            for col, cell in enumerate(row.cells):
                if cell is None:
                    continue
                records.append({"table_index": block.index, "row": row_index, "col": col,
                                "text": cell.text, **provenance(cell)})
    return records
