"""Running headers and footers: lines printed again, at the same height, on many pages.

Shared by the page-break joining of ``pdf.py`` (a table continues past them) and by the parsers,
which skip them and read the lines between a table and its continuation on the next page.

A running line is one cell of text (a prose line, or a one-cell row a table reader took in at
the top or foot of a page) whose text, digits aside (page numbers), is printed at the same height
(within ``SAME_HEIGHT`` points) on ``FURNITURE_MIN_PAGES`` pages or more, and on at least
``FURNITURE_SHARE`` of the document's pages.  Height and share matter: a report's content repeats
too ('Risultato anno 2019: 100%' closes many indicators, a targets header row falls at the foot of
three pages of twenty-six), but not at one height on page after page.  Converter text has no
positions: there the text alone decides.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from camerale.model import Row

# A line repeated (digits aside) on this many pages, and this share of the pages, is a running
# header or footer, not content.
FURNITURE_MIN_PAGES = 3
FURNITURE_SHARE = 0.3
# Points the same running line may move from page to page (a scan's skew, another generator's rounding).
SAME_HEIGHT = 6.0
_NUMBER = re.compile(r"\d+")


def furniture(rows: Iterable[Row]) -> set[int]:
    """ids of the rows that are running headers or footers (page numbers included)."""
    rows = list(rows)
    by_page: dict[int | None, list[Row]] = defaultdict(list)
    for row in rows:
        if row.filled:
            by_page[row.page].append(row)
    # Prose lines, and one-cell table rows opening or closing their page.
    ends = {id(r) for page in by_page.values() for r in (page[0], page[-1]) if len(r.filled) == 1}
    candidates = [r for r in rows if len(r.filled) == 1 and (r.table is None or id(r) in ends)]
    by_text: dict[str, list[Row]] = defaultdict(list)
    for row in candidates:
        by_text[_key(row)].append(row)
    least = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(by_page))
    out: set[int] = set()
    for same_text in by_text.values():
        for group in _at_one_height(same_text):
            if len({r.page for r in group}) >= least:
                out.update(id(r) for r in group)
    return out


def _at_one_height(rows: list[Row]) -> list[list[Row]]:
    """Rows of one text grouped by the height they are printed at (all together without positions)."""
    placed = sorted((r for r in rows if r.filled[0].bbox is not None), key=lambda r: r.filled[0].bbox.top)
    groups: list[list[Row]] = [[r for r in rows if r.filled[0].bbox is None]]
    for row in placed:
        if len(groups) > 1 and row.filled[0].bbox.top - groups[-1][0].filled[0].bbox.top <= SAME_HEIGHT:
            groups[-1].append(row)
        else:
            groups.append([row])
    return [g for g in groups if g]


def _key(row: Row) -> str:
    """The line's text, each number a '#' (page 9 and page 10 print one footer)."""
    return _NUMBER.sub("#", " ".join(row.filled[0].text.split()))
