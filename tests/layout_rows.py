"""Rows of a synthetic layout, with the boxes a PDF reader would give: the test layouts' helper.

Tests that print the gold's records in other templates lay their cells on a page grid, so the
parsers align values and headers by position on the page as they do on real PDFs.
"""
from __future__ import annotations

from decimal import Decimal

from camerale.model import Box, Cell, Row


class Page:
    """Rows laid out on pages: each cell gets a box from its columns' x range."""

    def __init__(self, widths: list[float]) -> None:
        self.columns(widths)
        self.page, self.top, self.table = 1, 40.0, 0

    def columns(self, widths: list[float]) -> None:
        """The column grid of the rows that follow."""
        self.edges = [36.0]
        for w in widths:
            self.edges.append(self.edges[-1] + w)

    def row(self, texts: list[str | None], spans: list[int] | None = None, table: bool = True) -> Row:
        spans = spans or [1] * len(texts)
        cells: list[Cell | None] = []
        col = 0
        for text, span in zip(texts, spans):
            box = Box(self.edges[col], self.top, self.edges[col + span], self.top + 12)
            cells.append(None if text is None else Cell(text, page=self.page, bbox=box))
            cells.extend([None] * (span - 1))
            col += span
        self.top += 14
        return Row(cells, page=self.page, table=self.table if table else None)

    def line(self, text: str) -> Row:
        """A prose line across the page."""
        return self.row([text], [len(self.edges) - 1], table=False)

    def new_page(self) -> None:
        self.page, self.top, self.table = self.page + 1, 40.0, 0

    def new_table(self) -> None:
        self.table += 1


def italian(value: str | None, thousands: bool = True) -> str:
    """A gold figure as the report prints it: '5400.00' -> '5.400,00', '3.7' -> '3,7', '89.6%' -> '89,6%'."""
    if value is None:
        return ""
    if not any(ch.isdigit() for ch in value):
        return value  # 'N.C.' and other words print as they are
    sign, text = ("-", value[1:]) if value.startswith("-") else ("", value)
    percent = text.endswith("%")
    whole, _, decimals = text.rstrip("%").partition(".")
    whole = f"{int(whole):,}".replace(",", ".") if thousands else whole
    return sign + whole + ("," + decimals if decimals else "") + ("%" if percent else "")


def euro(amount: str | None) -> str:
    """'5400.00' -> '€ 5.400,00'."""
    return "" if amount is None else "€ " + italian(f"{Decimal(amount):.2f}")
