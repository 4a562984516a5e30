"""Converter text as lines, and the figures printed at their ends.

Converter text gives one Row per printed line; a parser that reads a flattened table
works on the line texts and cuts the figures (Italian numbers) off their ends, keeping
the cells for provenance.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from camerale.model import Cell, Layout, provenance


@dataclass(frozen=True)
class Line:
    """One printed line: its text (cells joined) and the cells it came from."""

    text: str
    cells: tuple[Cell, ...]

    @property
    def prov(self) -> dict[str, Any]:
        return provenance(*self.cells)


def lines_of(layout: Layout) -> list[Line]:
    """The layout's rows that print something, as lines (a tab-split row's cells joined by a space)."""
    out = []
    for row in layout.rows:
        cells = tuple(row.filled)
        if cells:
            out.append(Line(" ".join(c.text.strip() for c in cells), cells))
    return out


# An Italian figure with decimals (26.500,00 / 3,7 / -25,3%) or a bare percentage (100%).
_FIGURE = r"-?\d{1,3}(?:\.\d{3})*,\d+%?|-?\d+%"
_TRAILING_FIGURE = re.compile(rf"(?:^|(?<=\s))({_FIGURE})\s*$")
# A figure glued to the name that follows it ('44,2%Efficienza') is still a figure.
_LEADING_FIGURE = re.compile(rf"^\s*({_FIGURE})(?=\s|[^\W\d_]|$)")


def split_trailing(text: str) -> tuple[str, list[str]]:
    """``'2C0102- Formazione 130.500,00 90.300,00'`` -> ('2C0102- Formazione', ['130.500,00', '90.300,00'])."""
    figures: list[str] = []
    head = text.rstrip()
    while (m := _TRAILING_FIGURE.search(head)) is not None:
        figures.insert(0, m.group(1))
        head = head[:m.start(1)].rstrip()
    return head, figures


def split_leading(text: str) -> tuple[list[str], str]:
    """``'44,2%Efficienza di Struttura'`` -> (['44,2%'], 'Efficienza di Struttura')."""
    figures: list[str] = []
    rest = text
    while (m := _LEADING_FIGURE.match(rest)) is not None:
        figures.append(m.group(1))
        rest = rest[m.end(1):]
    return figures, rest.strip()


def has_lower(text: str) -> bool:
    """Mixed-case text: prose, titles and names (headings and table titles are printed in capitals)."""
    return any(ch.islower() for ch in text)


def is_upper_text(text: str) -> bool:
    """Letters, all of them capitals."""
    return any(ch.isalpha() for ch in text) and not has_lower(text)


def joined(lines: Sequence[Line]) -> str:
    """The lines' texts with their line breaks, as ``Cell.text`` keeps them (clean_text joins them)."""
    return "\n".join(line.text.strip() for line in lines)


def find(lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    """Index of the first line from ``start`` that matches ``pattern``."""
    for i in range(start, len(lines)):
        if pattern.search(lines[i].text):
            return i
    return None
