"""Words and figures a narrow ruled cell broke across two lines (extract/word_breaks.py)."""
from __future__ import annotations

from camerale.extract.word_breaks import SOFT_HYPHEN, mark_word_breaks, resolve_word_breaks
from camerale.model import Box, Cell, Row

_BOX = Box(472.0, 100.0, 496.2, 130.0)


def _cell_row(text: str) -> Row:
    return Row([Cell(text, page=4, bbox=_BOX)], page=4, table=0)


def test_a_year_broken_between_its_digits_is_one_figure_where_the_document_prints_it_whole() -> None:
    """'201' over '7' in a year column narrower than four digits (ReportLab's header 'Risultato anno'):
    '2017' is printed whole elsewhere (over the targets), so the break is kept and the cell reads 2017."""
    marked = mark_word_breaks("201\n7", [], _BOX)
    assert marked == f"201{SOFT_HYPHEN}\n7"
    row = _cell_row(marked)
    resolve_word_breaks([row], ["Risultato atteso 2017 2018 2019", "Risultato anno 201 7"])
    assert row.cells[0].text == f"201{SOFT_HYPHEN}\n7"


def test_two_figures_one_a_line_stay_two_where_the_document_never_prints_them_joined() -> None:
    """'12' over '5' (two counts in one cell): '125' is printed nowhere, so no break."""
    row = _cell_row(mark_word_breaks("12\n5", [], _BOX))
    resolve_word_breaks([row], ["Numero pratiche 12 5"])
    assert row.cells[0].text == "12\n5"


def test_a_figure_broken_after_its_decimal_comma_joins_where_the_document_prints_it_whole() -> None:
    """'100,' over '0%': '100,0' is printed whole elsewhere ('100,0%')."""
    row = _cell_row(mark_word_breaks("100,\n0%", [], _BOX))
    resolve_word_breaks([row], ["Risultato 2018 100,0%"])
    assert row.cells[0].text == f"100,{SOFT_HYPHEN}\n0%"


def _title_rows(*lines: str) -> list[Row]:
    """A title's lines, each the first cell of a row of one text table (an unruled body read a row a line)."""
    return [Row([Cell(line, page=8, bbox=Box(56.8, 100.0 + 11.2 * k, 137.5, 108.5 + 11.2 * k)), None],
                page=8, table=0) for k, line in enumerate(lines)]


def test_a_mark_ending_a_cell_is_judged_on_the_first_line_of_the_cell_under_it() -> None:
    """'DELL'ARTIGIANAT' ends its row's cell, 'O, DEI BENI' opens the next row's: 'dell'artigianato' is
    printed elsewhere, so the mark stays and the parser's join of the two rows reads the word whole."""
    rows = _title_rows(f"DELL'ARTIGIANAT{SOFT_HYPHEN}", "O, DEI BENI")
    resolve_word_breaks(rows, ["A FAVORE DEL TURISMO, DELL'ARTIGIANATO, DEI BENI CULTURALI"])
    assert [r.cells[0].text for r in rows] == [f"DELL'ARTIGIANAT{SOFT_HYPHEN}", "O, DEI BENI"]


def test_a_mark_ending_a_cell_goes_where_the_cell_under_it_does_not_go_on_with_the_word() -> None:
    """'INDICATORI' over 'OBIETTIVO N. 1': 'indicatoriobiettivo' is no word, 'indicatori' one printed elsewhere;
    and a mark ending the last row of its table, with no cell under it, goes too."""
    rows = _title_rows(f"INDICATORI{SOFT_HYPHEN}", f"OBIETTIVO N. 1{SOFT_HYPHEN}")
    resolve_word_breaks(rows, ["OBIETTIVI E INDICATORI", "OBIETTIVO N. 1"])
    assert [r.cells[0].text for r in rows] == ["INDICATORI", "OBIETTIVO N. 1"]
