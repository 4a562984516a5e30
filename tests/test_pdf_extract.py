"""Born-digital PDF extraction with real pdfplumber on the bundled samples.

Expected texts are copied by hand from tests/gold/pira-lucca-2019.json or read off the
sample PDFs; page numbers and table positions come from reading the sample pages.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from camerale.extract.pdf import extract_pdf, join_page_breaks
from camerale.model import Box, Cell, Layout, Row
from camerale.normalize.text import clean_text
from fixtures import PIRA_PDF, RELAZIONE_PDF

A4 = Box(0, 0, 595.3, 841.9)


def _extract(path) -> Layout:
    data = path.read_bytes()
    return extract_pdf(str(path), data, hashlib.sha256(data).hexdigest())


@pytest.fixture(scope="module")
def pira() -> Layout:
    return _extract(PIRA_PDF)


@pytest.fixture(scope="module")
def relazione() -> Layout:
    return _extract(RELAZIONE_PDF)


def _table(layout: Layout, page: int, table: int) -> list[Row]:
    return [r for r in layout.rows if (r.page, r.table) == (page, table)]


def _texts(row: Row) -> list[str | None]:
    return [None if c is None else clean_text(c.text) for c in row.cells]


def _row_labelled(rows: list[Row], label: str) -> Row:
    return next(r for r in rows if label in [clean_text(c.text) for c in r.cells if c is not None])


def test_document_level_fields(pira: Layout) -> None:
    assert (pira.input_kind, pira.n_pages, pira.warnings, pira.page_confidence) == ("pdf", 25, [], {})
    assert pira.doc_id == hashlib.sha256(PIRA_PDF.read_bytes()).hexdigest()
    assert len(pira.page_texts) == 25
    assert "Consuntivo 2019" in pira.page_texts[0]


def test_each_printed_table_is_one_table(pira: Layout) -> None:
    # The sample prints 1 overview table, 5 Missione/Programma tables, 17 objective tables and
    # 44 indicator tables (shared/samples/README.md); 17 of them continue on the next page.
    tables = {(r.page, r.table) for r in pira.rows if r.table is not None}
    assert len(tables) == 1 + 5 + 17 + 44
    starts = [r for r in pira.rows if r.table is not None and r.cells[0] is not None
              and clean_text(r.cells[0].text) in ("Obiettivo", "Indicatore")]
    assert len(starts) == 17 + 44 and len({(r.page, r.table) for r in starts}) == 17 + 44


def test_first_objective_table(pira: Layout) -> None:
    # Page 4: table 0 is Missione/Programma, table 1 the objective 011-005-001.
    assert [_texts(r) for r in _table(pira, 4, 0)] == [
        ["Missione", "011 - Competitività delle imprese"],
        ["Programma", "005 - Promozione e attuazione di politiche di sviluppo, competitività e innovazione, "
                      "di responsabilità sociale d'impresa e movimento cooperativo"],
    ]
    rows = _table(pira, 4, 1)
    assert len(rows) == 7 and all(len(r.cells) == 8 for r in rows)
    title = rows[0]
    assert _texts(title)[:3] == [
        "Obiettivo", "Titolo",
        "ANALISI DEL SISTEMA ECONOMICO LOCALE: Valorizzazione dell'informazione economica per il "
        "miglioramento della definizione delle politiche di intervento per lo sviluppo del territorio. "
        "(PROGETTO 180101)"]
    assert title.cells[3:] == [None] * 5          # the title cell spans the other columns
    # The grey 'Obiettivo' cell is merged down the rows Titolo .. Risorse consuntivo.
    assert [r.cells[0] is None for r in rows] == [False, True, True, True, True, True, False]
    assert _texts(_row_labelled(rows, "Arco temporale realizzazione"))[1:3] == [
        "Arco temporale realizzazione", "Annuale"]
    assert _texts(_row_labelled(rows, "Risorse preventivo 2019"))[1:] == [
        "Risorse preventivo 2019", "proventi correnti", "€ 0,00", "oneri correnti", "€ 5.400,00",
        "investimenti", "€ 0,00"]
    assert _texts(_row_labelled(rows, "Risorse consuntivo 2019"))[5] == "€ 813,00"
    assert _texts(rows[-1])[:3] == ["Nr indicatori associati", None, "2"]


def test_cells_have_pages_and_boxes_on_the_page(pira: Layout) -> None:
    cells = [c for r in pira.rows for c in r.cells if c is not None]
    assert cells
    for cell in cells:
        assert 1 <= cell.page <= 25 and cell.line is None and cell.confidence is None
        box = cell.bbox
        assert A4.x0 <= box.x0 < box.x1 <= A4.x1 and A4.top <= box.top < box.bottom <= A4.bottom
    # The first objective's title cell, read off page 4: columns 3-8 of the table.
    title = _table(pira, 4, 1)[0].cells[2]
    assert title.page == 4
    assert title.bbox.x0 == pytest.approx(167.2, abs=0.5) and title.bbox.x1 == pytest.approx(547.9, abs=0.5)


def test_prose_lines_interleave_with_tables(pira: Layout) -> None:
    prose = [r for r in pira.rows if r.table is None]
    assert all(len(r.cells) == 1 and r.cells[0].bbox is not None for r in prose)
    cover = [r.cells[0].text for r in prose if r.page == 1]
    assert cover[:3] == ["Piano degli indicatori e dei risultati attesi", "di bilancio", "Consuntivo 2019"]
    page2 = [r.cells[0].text for r in prose if r.page == 2]
    assert page2[0] == "PIRA: Piano degli indicatori e dei risultati attesi di bilancio – Consuntivo 2019"
    assert page2[-1] == "2"  # the page number in the footer
    # Reading order on page 4: the objective table comes after the Missione table, both before the footer.
    page4 = [(r.table, r.cells[0].text if r.table is None else None) for r in pira.rows if r.page == 4]
    tables_seen = [t for t, _ in page4 if t is not None]
    assert tables_seen == sorted(tables_seen)
    assert page4[-1] == (None, "4")


def test_split_row_is_joined(pira: Layout) -> None:
    # 'Monitoraggio qualità del servizio' (012-004-001): its value row starts at the foot of
    # page 10 and ends at the top of page 11.  Gold target 2017, copied by hand:
    target = ("Monitoraggio qualità servizio: indagine di customer satisfaction - risultato atteso non "
              "inferiore a 3 (in una scala da 1 a 5) come voto di gradimento complessivo sul servizio "
              "dell'Organismo di mediazione camerale per i procedimenti di mediazione giunti a "
              "conclusione; giudizio complessivo non inferiore a 3 (in una scala da 1 a 5) "
              "sull'attività del mediatore.")
    rows = [r for r in pira.rows if any(c is not None and clean_text(c.text) == target for c in r.cells)]
    assert len(rows) == 1
    values = rows[0]
    assert _texts(values)[:5] == ["qualità", "indagine di customer satisfaction", "numero",
                                  "indagine di customer satisfaction",
                                  "Le indagini di customer evidenziano la crescita del gradimento da parte "
                                  "degli utenti"]
    assert [clean_text(c.text) for c in values.cells[5:]] == [target] * 3
    # The joined cell keeps the first part's page and box (foot of page 10).
    assert {c.page for c in values.cells} == {10}
    assert values.cells[5].bbox.bottom > 700
    # The rows after it come from page 11 and stay in the same table.
    table = [r for r in pira.rows if (r.page, r.table) == (values.page, values.table)]
    after = table[table.index(values) + 1:]
    assert [c.page for r in after for c in r.cells if c is not None] and \
        all(c.page == 11 for r in after for c in r.cells if c is not None)
    assert _texts(after[0])[5:] == ["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"]


def test_split_label_row_is_joined(pira: Layout) -> None:
    # 011-005-005: the row 'Centro di' / 'responsabilità' breaks between pages 8 and 9 (gold L174).
    row = next(r for r in pira.rows if r.table is not None and r.cells[1] is not None
               and clean_text(r.cells[1].text) == "Centro di responsabilità" and r.cells[1].page == 8)
    assert _texts(row)[1:3] == ["Centro di responsabilità", "Area Promozione e sviluppo per le imprese"]


def test_results_header_after_a_page_break_stays_a_row(pira: Layout) -> None:
    # 'Attività di studio e di individuazione ...' (011-005-001, 2nd indicator): the table breaks
    # after the value row; page 5 starts with the 'Risultato anno' header, whose first cell is
    # empty like a continuation's, then the results ('---', '---', '100%' in the gold).
    table = _table(pira, 4, 3)
    assert [_texts(r)[5:] for r in table[-2:]] == [
        ["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"], ["---", "---", "100%"]]
    assert table[-3].cells[7].page == 4 and table[-2].cells[7].page == 5
    assert clean_text(table[-3].cells[7].text) == (
        "Attività di studio e di individuazione delle informazioni utili alla definizione delle politiche "
        "di intervento e di programmazione del nuovo Ente camerale a seguito accorpamento.")


def test_relazione_tables_continue_across_pages(relazione: Layout) -> None:
    # The Dirigente Promozione table runs over pages 19-21 and repeats its header on each page:
    # one table, one header.
    rows = _table(relazione, 19, 0)
    headers = [r for r in rows if clean_text(r.cells[1].text if r.cells[1] else None) == "INDICATORE"]
    assert len(headers) == 1
    assert {c.page for r in rows for c in r.cells if c is not None} == {19, 20, 21}
    assert _texts(rows[-1]) == ["L'OBIETTIVO E' REALIZZATO AL 100%", None, None]
    assert (relazione.input_kind, relazione.n_pages) == ("pdf", 26)


# --- join_page_breaks on hand-built rows -------------------------------------------------------

def _row(page: int, table: int, top: float, bottom: float, cells: list[tuple[float, float, str]]) -> Row:
    """A table row: one (x0, x1, text) per cell."""
    return Row([Cell(text, page=page, bbox=Box(x0, top, x1, bottom)) for x0, x1, text in cells],
               page=page, table=table)


def _prose(page: int, top: float, text: str) -> Row:
    return Row([Cell(text, page=page, bbox=Box(290, top, 300, top + 9))], page=page)


def _two_pages(first_row_next_page: Row) -> list[Row]:
    """A 3-column table at the foot of page 1 (page numbers as footers), continued on page 2."""
    return [
        _row(1, 0, 600, 700, [(40, 100, "Tipologia"), (100, 300, "Unità di"), (300, 550, "Fonte")]),
        _row(1, 0, 700, 780, [(40, 100, "efficacia"), (100, 300, "valore"), (300, 550, "rilevazione")]),
        _prose(1, 800, "1"),
        first_row_next_page,
        _row(2, 0, 120, 140, [(40, 100, "qualità"), (100, 300, "numero"), (300, 550, "ufficio")]),
        _prose(2, 800, "2"),
        _prose(3, 800, "3"),
    ]


def test_join_merges_a_split_row_cell_by_cell() -> None:
    rows = join_page_breaks(_two_pages(
        _row(2, 0, 70, 120, [(40, 101, ""), (101, 299, "assoluto"), (299, 551, "ufficio\ncompetente")])))
    table = [r for r in rows if r.table is not None]
    assert [r.texts for r in table] == [["Tipologia", "Unità di", "Fonte"],
                                        ["efficacia", "valore\nassoluto", "rilevazione\nufficio\ncompetente"],
                                        ["qualità", "numero", "ufficio"]]
    assert {(r.page, r.table) for r in table} == {(1, 0)}
    assert table[1].cells[1].bbox == Box(100, 700, 300, 780)
    assert table[2].cells[0].page == 2


def test_join_keeps_a_new_row_of_the_same_shape() -> None:
    rows = join_page_breaks(_two_pages(
        _row(2, 0, 70, 120, [(40, 100, "efficienza"), (100, 300, "numero"), (300, 550, "banca dati")])))
    table = [r for r in rows if r.table is not None]
    assert [r.texts[0] for r in table] == ["Tipologia", "efficacia", "efficienza", "qualità"]


def test_join_keeps_a_row_whose_blank_cell_prints_text_on_the_next_page() -> None:
    # A cell's text starts on the first page: text under a cell left blank there is a new row.
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 100, ""), (100, 300, ""), (300, 550, "banca dati")]))
    rows[1] = _row(1, 0, 700, 780, [(40, 100, "efficacia"), (100, 300, "valore"), (300, 550, "")])
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table[1:3]] == [["efficacia", "valore", ""], ["", "", "banca dati"]]


def test_join_splits_a_repeated_header_from_the_split_rows_rest_in_its_band() -> None:
    """ReportLab repeats the header on page 2 and prints the split row's rest in the same ruled band, no
    rule between them: 'Unità di' / 'assoluto' is the header's cell, then the rest of 'valore'."""
    rows = _two_pages(_row(2, 0, 50, 120, [(40, 100, "Tipologia"), (100, 300, "Unità di\nassoluto"),
                                           (300, 550, "Fonte\nufficio\ncompetente")]))
    rows[1] = replace(rows[1], open_bottom=True)
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table] == [["Tipologia", "Unità di", "Fonte"],
                                        ["efficacia", "valore\nassoluto", "rilevazione\nufficio\ncompetente"],
                                        ["qualità", "numero", "ufficio"]]


def test_join_gives_lines_inside_an_inner_column_at_the_next_page_head_to_the_cut_row() -> None:
    """Only the long 'Fonte' cell goes on past the page break: its lines at the next page's head, inside
    that column, are no prose of their own (a reader takes one column's lines alone for prose)."""
    rows = _two_pages(_prose(2, 70, "competente"))
    rows[3] = Row([Cell("competente e", page=2, bbox=Box(300, 60, 360, 69))], page=2)
    rows.insert(4, Row([Cell("dati di bilancio", page=2, bbox=Box(300, 72, 380, 81))], page=2))
    joined = join_page_breaks(rows)
    table = [r for r in joined if r.table is not None]
    assert table[1].texts == ["efficacia", "valore", "rilevazione\ncompetente e\ndati di bilancio"]
    assert not any(r.texts == ["competente e"] or r.texts == ["dati di bilancio"] for r in joined)


def test_join_leaves_a_line_at_the_left_margin_of_the_next_page_as_prose() -> None:
    """A line at the next page's head starting where the table's first column starts (the text's left
    margin) is prose: a heading after the table, not the rest of its first cell."""
    rows = _two_pages(Row([Cell("Obiettivo", page=2, bbox=Box(40, 60, 90, 69))], page=2))
    joined = join_page_breaks(rows)
    assert ["Obiettivo"] in [r.texts for r in joined if r.table is None]
    assert [r.texts for r in joined if r.table is not None][1] == ["efficacia", "valore", "rilevazione"]


def test_join_keeps_a_first_row_that_only_begins_like_the_header() -> None:
    """A row whose first cell starts with the header's word and whose other cells print something else
    is a row of the table, not the header repeated."""
    rows = _two_pages(_row(2, 0, 50, 120, [(40, 100, "Tipologia\nqualità"), (100, 300, "numero"),
                                           (300, 550, "ufficio")]))
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts[0] for r in table] == ["Tipologia", "efficacia", "Tipologia\nqualità", "qualità"]


@pytest.mark.parametrize(("algorithm", "source", "merged"), [
    # 'calcolo' alone in the algorithm's cell of the row going on from page 1.
    ("calcolo", "competente", ["efficacia", "valore", "rilevazione\ncompetente"]),
    # ... or read over the first line of that cell's own rest ('calcolo' / 'program' / 'mate').
    ("calcolo\nassoluto", "", ["efficacia", "valore\nassoluto", "rilevazione"]),
])
def test_join_drops_the_lines_a_clipped_repeated_header_printed_below_its_rule(algorithm: str, source: str,
                                                                               merged: list[str]) -> None:
    """The header repeated on page 2 shows 'Algoritmo di' in its clipped row; 'calcolo', its last line,
    is printed below the rule, in the row that goes on with page 1's last row (pira-g, LibreOffice): it
    lands in no value."""
    header = [(40, 100, "Tipologia"), (100, 300, "Algoritmo di\ncalcolo"), (300, 550, "Fonte")]
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 100, ""), (100, 300, algorithm), (300, 550, source)]))
    rows[0] = _row(1, 0, 600, 700, header)
    rows.insert(3, _row(2, 0, 50, 70, [(40, 100, "Tipologia"), (100, 300, "Algoritmo di"), (300, 550, "Fonte")]))
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table] == [["Tipologia", "Algoritmo di\ncalcolo", "Fonte"], merged,
                                        ["qualità", "numero", "ufficio"]]


def test_join_gives_a_one_row_part_in_inner_columns_at_the_next_page_head_to_the_cut_row() -> None:
    """Page 2 opens with the last lines of two inner cells of page 1's last row ('attività', 'competente'),
    read as a table of one row, over the next table: each goes on in the cell of its column (pira-c)."""
    rows = _two_pages(_row(2, 0, 50, 60, [(100, 160, "attività"), (300, 360, "competente")]))
    rows[4] = _row(2, 1, 70, 90, [(40, 250, "Risultato atteso 2017"), (250, 550, "Risultato atteso 2018")])
    joined = join_page_breaks(rows)
    assert [r.texts for r in joined if r.table is not None] == [
        ["Tipologia", "Unità di", "Fonte"], ["efficacia", "valore\nattività", "rilevazione\ncompetente"],
        ["Risultato atteso 2017", "Risultato atteso 2018"]]


def test_join_keeps_apart_a_table_that_ended_mid_page() -> None:
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 100, ""), (100, 300, "assoluto"), (300, 550, "")]))
    rows[0:2] = [_row(1, 0, 300, 350, [(40, 100, "efficacia"), (100, 300, "valore"), (300, 550, "x")])]
    rows.insert(-1, _prose(3, 770, "text down to the foot of page 3"))
    joined = join_page_breaks(rows)
    assert sorted({(r.page, r.table) for r in joined if r.table is not None}) == [(1, 0), (2, 0)]


def test_join_needs_matching_columns() -> None:
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 200, ""), (200, 550, "assoluto")]))
    rows[4] = _row(2, 0, 120, 140, [(40, 200, "qualità"), (200, 550, "numero")])
    joined = join_page_breaks(rows)
    assert sorted({(r.page, r.table) for r in joined if r.table is not None}) == [(1, 0), (2, 0)]


def test_pages_read_by_two_processes_give_the_same_rows(pira: Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    # The split itself, whatever the page count that starts it.
    import camerale.extract.pdf as pdf

    monkeypatch.setattr(pdf, "MIN_PAGES_PER_WORKER", 4)
    data = PIRA_PDF.read_bytes()
    split = extract_pdf(str(PIRA_PDF), data, hashlib.sha256(data).hexdigest(), workers=2)
    assert split.rows == pira.rows


def test_join_takes_an_unruled_table_on_its_grid_though_its_text_is_ragged() -> None:
    """An unruled table's cells are its text's boxes, ragged from row to row: page 2 repeats the header
    and goes on with the description that page 1 cut, on the same three columns (the left-aligned
    texts start alike), and is joined on that grid."""
    rows = [
        _row(1, 0, 600, 610, [(51, 78, "Titolo"), (148, 198, "Descrizione"), (376, 394, "Arco")]),
        _row(1, 0, 620, 700, [(51, 114, "MANTENIMENTO"), (148, 342, "Il patto che questa"), (376, 407, "Annuale")]),
        _row(1, 0, 700, 780, [(51, 51, ""), (148, 356, "di una piattaforma dedicata,"), (376, 376, "")]),
        _prose(1, 800, "1"),
        _row(2, 0, 50, 60, [(51, 78, "Titolo"), (148, 198, "Descrizione"), (376, 394, "Arco")]),
        _row(2, 0, 100, 130, [(51, 51, ""), (148, 333, "in modo da poter tracciare"), (376, 376, "")]),
        _row(2, 0, 150, 160, [(51, 120, "RAFFORZAMENTO"), (148, 330, "Le Camere di commercio"), (376, 407, "Annuale")]),
        _prose(2, 800, "2"),
        _prose(3, 800, "3"),
    ]
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table] == [["Titolo", "Descrizione", "Arco"],
                                        ["MANTENIMENTO", "Il patto che questa", "Annuale"],
                                        ["", "di una piattaforma dedicata,", ""],
                                        ["", "in modo da poter tracciare", ""],
                                        ["RAFFORZAMENTO", "Le Camere di commercio", "Annuale"]]
    assert {(r.page, r.table) for r in table} == {(1, 0)}


def _centred_line_parts() -> list[Row]:
    """An unruled table at the foot of page 1 whose middle column also holds an objective's overall
    result centred across the table (starting left of the column's text, ending short of its widest
    line), its header printed again on page 2 over the rest of the cut row and ragged text."""
    return [
        _row(1, 0, 500, 510, [(66, 194, "DIRIGENTE"), (201, 247, "INDICATORE"), (472, 543, "%")]),
        _row(1, 0, 520, 530, [(66, 145, "OBIETTIVO N. 1"), (201, 252, "INDICATORE 1)"), (521, 530, "97")]),
        _row(1, 0, 530, 540, [(66, 192, "GARANTIRE I LIVELLI"), (201, 465, "scostamento medio non superiore"),
                              (521, 521, "")]),
        _row(1, 0, 550, 560, [(66, 66, ""), (191, 365, "OBIETTIVO REALIZZATO AL 98,85%"), (521, 521, "")]),
        _row(1, 0, 570, 580, [(66, 145, "OBIETTIVO N. 2"), (201, 440, "Realizzazione del 90%"), (516, 530, "98,12")]),
        _row(1, 0, 580, 780, [(66, 190, "REALIZZAZIONE DEI PROGRAMMI"), (201, 460, "discendono dai programmi"),
                              (521, 521, "")]),
        _prose(1, 800, "1"),
        _row(2, 0, 60, 90, [(66, 194, "DIRIGENTE"), (201, 247, "INDICATORE"), (472, 543, "%")]),
        _row(2, 0, 100, 120, [(66, 187, "PREVENTIVO ECONOMICO"), (201, 201, ""), (521, 521, "")]),
        _row(2, 0, 130, 140, [(66, 145, "OBIETTIVO N. 3"), (201, 252, "INDICATORE 1)"), (517, 530, "100")]),
        _row(2, 0, 150, 160, [(66, 145, "ESERCIZIO FUNZIONI"), (201, 457, "Relazione sulle attivita"),
                              (521, 521, "")]),
        _prose(2, 800, "2"),
        _prose(3, 800, "3"),
    ]


def test_join_takes_an_unruled_table_whose_column_holds_a_line_set_apart() -> None:
    """The edge most cells of a column share (the indicators' left edge) is the column's: page 2 goes
    on with the table, its header printed again dropped, the cut row's rest joining the row."""
    table = [r for r in join_page_breaks(_centred_line_parts()) if r.table is not None]
    assert {(r.page, r.table) for r in table} == {(1, 0)}
    assert [r.texts[0] for r in table] == ["DIRIGENTE", "OBIETTIVO N. 1", "GARANTIRE I LIVELLI", "",
                                           "OBIETTIVO N. 2", "REALIZZAZIONE DEI PROGRAMMI\nPREVENTIVO ECONOMICO",
                                           "OBIETTIVO N. 3", "ESERCIZIO FUNZIONI"]


def test_join_gives_a_line_left_at_the_page_foot_in_a_column_to_the_row_the_next_page_goes_on_with() -> None:
    """An unruled row whose one-line achievement ('100', set right in its column) stayed at the foot of
    page 1 while its two-line label and text moved whole to page 2: the line starts that row, whose
    other cells page 2 prints, leaving the achievement's column blank."""
    rows = [
        _row(1, 0, 500, 510, [(66, 127, "DIRIGENTE"), (138, 448, "INDICATORE"), (454, 534, "% RAGGIUNGIMENTO")]),
        _row(1, 0, 520, 540, [(66, 118, "INDICATORE\n1a)"), (138, 422, "definizione della proposta"),
                              (515, 530, "100")]),
        _row(1, 0, 700, 764, [(66, 118, "INDICATORE\n2a)"), (138, 420, "eventi: animazione alta stagione"),
                              (515, 530, "100")]),
        _prose(1, 772, "100"),
        _prose(1, 800, "8"),
        _row(2, 0, 58, 80, [(66, 117, "INDICATORE\n2b)"), (138, 419, "collezione stabile: partecipazione"),
                            (515, 515, "")]),
        _row(2, 0, 90, 100, [(66, 117, "INDICATORE 2c)"), (138, 400, "collezione stabile: produzione"),
                             (515, 530, "100")]),
        _prose(2, 800, "9"),
        _prose(3, 800, "10"),
    ]
    rows[3].cells[0] = Cell("100", page=1, bbox=Box(515.4, 772, 529.6, 781))
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert {(r.page, r.table) for r in table} == {(1, 0)}
    assert [r.texts for r in table[2:]] == [["INDICATORE\n2a)", "eventi: animazione alta stagione", "100"],
                                            ["INDICATORE\n2b)", "collezione stabile: partecipazione", "100"],
                                            ["INDICATORE 2c)", "collezione stabile: produzione", "100"]]
    assert (table[3].cells[0].page, table[3].cells[2].page) == (2, 1)


def test_join_drops_a_repeated_header_whose_group_label_falls_in_another_column() -> None:
    """The header printed again on page 2 centres 'Risultato atteso' over its three columns in another
    of them: its texts, in order, are the header's, so it is dropped, not read as a row."""
    rows = [
        _row(1, 0, 600, 610, [(40, 100, "Indicatore"), (100, 200, "Risultato atteso"), (200, 300, ""),
                              (300, 400, "")]),
        _row(1, 0, 610, 620, [(40, 100, ""), (100, 200, "2017"), (200, 300, "2018"), (300, 400, "2019")]),
        _row(1, 0, 620, 780, [(40, 100, "efficacia"), (100, 200, "100%"), (200, 300, "90%"), (300, 400, "80%")]),
        _prose(1, 800, "1"),
        _row(2, 0, 50, 60, [(40, 100, "Indicatore"), (100, 200, ""), (200, 300, "Risultato atteso"),
                            (300, 400, "")]),
        _row(2, 0, 60, 70, [(40, 100, ""), (100, 200, "2017"), (200, 300, "2018"), (300, 400, "2019")]),
        _row(2, 0, 80, 90, [(40, 100, "qualità"), (100, 200, "3 gg"), (200, 300, "2 gg"), (300, 400, "1 gg")]),
        _prose(2, 800, "2"),
        _prose(3, 800, "3"),
    ]
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts[0] for r in table] == ["Indicatore", "", "efficacia", "qualità"]


def test_join_keeps_apart_two_rows_keyed_by_codes_of_one_shape() -> None:
    """Page 2's first row opens with the next project code ('3B0102' after '3B0101'): a record of its
    own, though, like the rest of a split row, it leaves blank a cell the row above filled."""
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 100, "3B0102"), (100, 300, "0,00"), (300, 550, "")]))
    rows[1] = _row(1, 0, 700, 780, [(40, 100, "3B0101"), (100, 300, "5.000,00"), (300, 550, "73,2")])
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table[1:3]] == [["3B0101", "5.000,00", "73,2"], ["3B0102", "0,00", ""]]


def test_join_drops_the_clipped_header_lines_read_as_rows_of_their_own() -> None:
    """The repeated header's first cell shows its first line; its other two lines, printed below the
    rule, were read as two rows of their own, nothing beside them."""
    header = [(40, 100, "DIRIGENTE ANAGRAFICO,\nSTUDI, POLITICHE E\nREGOLAZIONE MERCATO"), (100, 300, "INDICATORE"),
              (300, 550, "%")]
    rows = _two_pages(_row(2, 0, 90, 100, [(40, 100, "REGOLAZIONE MERCATO"), (100, 300, ""), (300, 550, "")]))
    rows[0] = _row(1, 0, 600, 700, header)
    rows[3:3] = [_row(2, 0, 50, 60, [(40, 100, "DIRIGENTE ANAGRAFICO,"), (100, 300, "INDICATORE"), (300, 550, "%")]),
                 _row(2, 0, 70, 80, [(40, 100, "STUDI, POLITICHE E"), (100, 300, ""), (300, 550, "")])]
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts[0] for r in table] == [header[0][2], "efficacia", "qualità"]


def _two_text_columns(right: list[list[tuple[float, float, str]]]) -> list[Row]:
    """Page 1 in two text columns, 40-280 and 310-550: a table at the foot of the left one, and at the
    head of the right one a table of the rows ``right``."""
    return [
        _row(1, 0, 600, 700, [(40, 100, "Tipologia"), (100, 280, "Unità di misura")]),
        _row(1, 0, 700, 780, [(40, 100, "Descrizione"), (100, 280, "In questo programma")]),
        *[_row(1, 1, 60 + 30 * i, 90 + 30 * i, cells) for i, cells in enumerate(right)],
        _prose(1, 800, "1"),
        _prose(2, 800, "2"),
        _prose(3, 800, "3"),
    ]


def test_join_goes_on_at_the_head_of_the_next_text_column() -> None:
    """The table cut at the left column's foot goes on at the right column's head, on the same grid moved
    by the columns' offset (270 pt): the split row's rest joins its row, each cell keeping its own box."""
    rows = join_page_breaks(_two_text_columns([[(310, 370, ""), (370, 550, "sono compresi i servizi")],
                                               [(310, 370, "Arco"), (370, 550, "Annuale")]]))
    table = [r for r in rows if r.table is not None]
    assert [r.texts for r in table] == [["Tipologia", "Unità di misura"],
                                        ["Descrizione", "In questo programma\nsono compresi i servizi"],
                                        ["Arco", "Annuale"]]
    assert {(r.page, r.table) for r in table} == {(1, 0)}
    assert table[2].cells[0].bbox == Box(310, 90, 370, 120)


def test_join_keeps_apart_a_table_of_other_columns_at_the_next_text_column_head() -> None:
    rows = join_page_breaks(_two_text_columns([[(310, 340, "2019"), (340, 400, "€ 0,00"), (400, 550, "€ 813,00")],
                                               [(310, 340, "2020"), (340, 400, "€ 0,00"), (400, 550, "€ 5,00")]]))
    assert sorted({(r.page, r.table) for r in rows if r.table is not None}) == [(1, 0), (1, 1)]


def _budget_header(page: int, top: float, first: str = "Progetto") -> Row:
    return _row(page, 0, top, top + 40, [(40, 200, first), (200, 300, "Budget\niniziale 2016"),
                                         (300, 400, "Consuntivo\n2016"), (400, 550, "% Risorse\nimpiegate")])


def test_join_keeps_a_header_row_at_the_page_foot_apart_from_the_values_row_at_the_next_head() -> None:
    """The header row alone at page 1's foot, the first project at page 2's head with its last cell blank:
    labels do not go on with amounts ('Consuntivo 2016' over '0,00'), so these are two rows of one table."""
    rows = [_budget_header(1, 740), _prose(1, 800, "1"),
            _row(2, 0, 70, 120, [(40, 200, "3A0101 - Supporto agli organi"), (200, 300, "0,00"),
                                 (300, 400, "0,00"), (400, 550, "")]),
            _row(2, 0, 120, 140, [(40, 200, "Totale"), (200, 300, "0,00"), (300, 400, "0,00"), (400, 550, "0,00")]),
            _prose(2, 800, "2"), _prose(3, 800, "3")]
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table] == [
        ["Progetto", "Budget\niniziale 2016", "Consuntivo\n2016", "% Risorse\nimpiegate"],
        ["3A0101 - Supporto agli organi", "0,00", "0,00", ""], ["Totale", "0,00", "0,00", "0,00"]]


def test_join_keeps_a_totals_row_at_the_page_foot_apart_from_the_next_table_s_header() -> None:
    """'Totale | 0,00 | 0,00 | 0,00' ends page 1; page 2 opens with the grand total's own table, its header's first
    cell blank: amounts do not go on with labels, so the header is not read into the totals row."""
    rows = [_budget_header(1, 600),
            _row(1, 0, 740, 780, [(40, 200, "Totale"), (200, 300, "0,00"), (300, 400, "0,00"), (400, 550, "0,00")]),
            _prose(1, 800, "1"), _budget_header(2, 70, first=""),
            _row(2, 0, 110, 130, [(40, 200, "TOTALE RISORSE"), (200, 300, "1.781.900,00"),
                                  (300, 400, "1.133.303,68"), (400, 550, "100,00")]),
            _prose(2, 800, "2"), _prose(3, 800, "3")]
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert ["Totale", "0,00", "0,00", "0,00"] in [r.texts for r in table]
    assert ["TOTALE RISORSE", "1.781.900,00", "1.133.303,68", "100,00"] in [r.texts for r in table]


def test_join_merges_a_header_row_whose_labels_go_on_with_their_years() -> None:
    """A header row cut by the page break: 'Risultato atteso' at page 1's foot, its year '2017' at page 2's head
    (the sample, page 16): a year goes on with a label, so the two parts are one header row."""
    rows = _two_pages(_row(2, 0, 70, 120, [(40, 100, ""), (100, 300, "misura"), (300, 550, "2017")]))
    rows[1] = _row(1, 0, 700, 780, [(40, 100, "Tipologia"), (100, 300, "Unità di"), (300, 550, "Risultato atteso")])
    table = [r for r in join_page_breaks(rows) if r.table is not None]
    assert [r.texts for r in table[1:]] == [["Tipologia", "Unità di\nmisura", "Risultato atteso\n2017"],
                                            ["qualità", "numero", "ufficio"]]
