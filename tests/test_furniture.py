"""Running headers and footers (``extract/furniture.py``): lines printed again at one height on page
after page, never the report's own lines that happen to repeat."""
from __future__ import annotations

from camerale.extract.furniture import furniture
from camerale.model import Box, Cell, Row


def _line(text: str, page: int, top: float, table: int | None = None) -> Row:
    return Row([Cell(text, page, Box(60.0, top, 300.0, top + 10))], page, table)


def test_page_numbers_and_a_running_header_are_furniture_repeated_content_is_not() -> None:
    rows: list[Row] = []
    for page in range(1, 13):
        rows.append(_line("Piano degli indicatori 2019", page, 25.0 + (page % 3) * 0.8))  # a scan's jitter
        rows.append(_line(f"Indicatore {page}", page, 100.0 + 11 * page))
        # Content that repeats, on every page but each time at another height.
        rows.append(_line("Risultato anno 2019: 100%", page, 300.0 + 37 * page))
        rows.append(_line(f"– {page} –", page, 800.0))
    # A header row that three pages of twelve happen to print at their foot, at one height.
    for page in (2, 5, 9):
        rows.append(_line("Risultato atteso 2017 Risultato atteso 2018 Risultato atteso 2019", page, 780.0))
    running = furniture(rows)
    texts = {(r.page, r.filled[0].text) for r in rows if id(r) in running}
    assert {t for _, t in texts} == {"Piano degli indicatori 2019", *(f"– {p} –" for p in range(1, 13))}
    assert len(texts) == 24


def test_a_running_line_a_table_reader_took_in_at_a_page_end_is_furniture() -> None:
    rows = [_line("CCIAA Lucca - PIRA 2019", page, 30.0, table=0) for page in range(1, 5)]
    rows += [_line(f"Obiettivo {page}", page, 200.0 + 40 * page, table=0) for page in range(1, 5)]
    rows.sort(key=lambda r: (r.page, r.filled[0].bbox.top))
    assert {id(r) for r in rows if r.filled[0].text.startswith("CCIAA")} == furniture(rows)
