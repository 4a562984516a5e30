"""Running headers and footers: prose lines printed again on many pages.

Shared by the page-break joining of ``pdf.py`` (a table continues past them) and by parsers
that read the lines between a table and its continuation on the next page.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from camerale.model import Row

# A prose line that repeats (digits aside) on this many pages is a running header
# or footer, not content.
FURNITURE_MIN_PAGES = 3


def furniture(rows: Iterable[Row]) -> set[int]:
    """ids of prose rows that are running headers/footers: same text, digits aside, on many pages."""
    pages_by_text: dict[str, set[int]] = defaultdict(set)
    prose = [r for r in rows if r.table is None and r.cells and r.cells[0] is not None]
    for row in prose:
        pages_by_text[_key(row)].add(row.page)
    return {id(r) for r in prose if len(pages_by_text[_key(r)]) >= FURNITURE_MIN_PAGES}


def _key(row: Row) -> str:
    return "".join("#" if ch.isdigit() else ch for ch in " ".join(row.cells[0].text.split()))
