"""The table reader on small PDFs, one per way of printing a table (tests/make_table_cases.py).

Expected grids and texts are written by hand from what make_table_cases prints.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pyarrow.dataset as ds
import pypdfium2 as pdfium
import pytest

from camerale.extract.inputs import read_document
from camerale.extract.page_objects import Word, from_pdfplumber
from camerale.extract.pdf import join_page_breaks, read_page
from camerale.extract.table_reader import _ends_page, _moved_grid, read_tables
from camerale.model import Row
from camerale.normalize.text import clean_text
from make_table_cases import PROSE, WIDE_HEADER_WORD, write_case

RESOURCES = [
    ["Voce", "Preventivo 2019", "Consuntivo 2019"],
    ["Proventi correnti", "€ 0,00", "€ 0,00"],
    ["Oneri correnti", "€ 5.400,00", "€ 5.317,80"],
    ["Interventi economici e nuovi\ninvestimenti per impresa attiva", "€ 87.700,00", "€ 82.200,00"],
    ["Investimenti", "€ 1.200,00", "€ 0,00"],
    ["Totale", "€ 94.300,00", "€ 87.517,80"],
]
SHADED = [["Voce di bilancio", "Preventivo\n2019", "Consuntivo\n2019"]] + RESOURCES[1:]
SPANNING = [
    ["Voce", "Risorse 2019", None],
    [None, "Preventivo", "Consuntivo"],
] + RESOURCES[1:4]
PROSE_FIRST = "La Camera di Commercio di Lucca ha perseguito nel 2019 gli obiettivi strategici indicati nel Piano,"


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("table-cases")


def _page_rows(folder: Path, name: str) -> list[Row]:
    with pdfplumber.open(write_case(name, folder)) as pdf:
        return read_page(pdf.pages[0])


def _tables(rows: list[Row]) -> list[list[Row]]:
    tables: dict[int, list[Row]] = {}
    for row in rows:
        if row.table is not None:
            tables.setdefault(row.table, []).append(row)
    return list(tables.values())


def _grid(rows: list[Row]) -> list[list[str | None]]:
    return [[c.text if c is not None else None for c in row.cells] for row in rows]


@pytest.mark.parametrize("name, ruling, expected", [
    ("full_grid", "full", RESOURCES),
    ("horizontal_rules", "partial", RESOURCES),
    ("booktabs", "partial", RESOURCES),
    ("column_rules", "partial", RESOURCES),
    ("no_rules", "none", RESOURCES),
    ("ruled_header", "partial", RESOURCES),
    ("label_column", "partial", RESOURCES),
    ("shaded_header", "partial", SHADED),
    ("spanning_header", "full", SPANNING),
    ("rotated", "partial", RESOURCES),
])
def test_table_of_any_ruling(cases: Path, name: str, ruling: str, expected: list[list[str | None]]) -> None:
    rows = _page_rows(cases, name)
    [table] = _tables(rows)
    assert _grid(table) == expected
    assert {row.ruling for row in table} == {ruling}
    # The prose before the table stays prose, one row per line.
    prose = [row.cells[0].text for row in rows if row.table is None]
    assert prose[0] == PROSE_FIRST


def test_spans_are_kept(cases: Path) -> None:
    [table] = _tables(_page_rows(cases, "spanning_header"))
    voce, risorse = table[0].cells[0], table[0].cells[1]
    assert (voce.row_span, voce.col_span) == (2, 1)
    assert (risorse.row_span, risorse.col_span) == (1, 2)


def test_boxed_prose_and_legend_are_not_tables(cases: Path) -> None:
    rows = _page_rows(cases, "sidebar")
    assert _tables(rows) == []
    assert [row.cells[0].text for row in rows][2:5] == [
        "Nota: gli importi sono al netto dell'IVA e", "comprendono i contributi ricevuti da",
        "enti pubblici e privati nel corso dell'anno."]


@pytest.mark.ocr
@pytest.mark.parametrize("name, ruling", [("no_rules", "none"), ("horizontal_rules", "partial")])
def test_scanned_table_comes_out_as_the_same_grid(cases: Path, name: str, ruling: str) -> None:
    """The page rendered as an image only: OCR word boxes go through the same reader."""
    from camerale.extract.ocr import ocr_image, render_page
    from camerale.extract.settings import OcrSettings

    pdf = pdfium.PdfDocument(write_case(name, cases))
    try:
        page = ocr_image(render_page(pdf, 1, 300), 1, OcrSettings(workers=1))
    finally:
        pdf.close()
    [table] = _tables(page.rows)
    assert _grid(table) == RESOURCES
    assert {row.ruling for row in table} == {ruling}


def test_page_in_two_text_columns_is_read_column_by_column(cases: Path) -> None:
    """The gutter is found from the words: each column's table is a grid of its own, the left
    column's lines (prose, then table) before the right column's."""
    rows = _page_rows(cases, "two_columns")
    expected = [RESOURCES[0], *RESOURCES[1:3], *RESOURCES[4:]]
    left, right = _tables(rows)
    assert _grid(left) == expected and _grid(right) == expected
    assert max(c.bbox.x1 for r in left for c in r.cells if c) < 300 < min(c.bbox.x0 for r in right for c in r.cells if c)
    texts = [row.cells[0].text for row in rows]
    assert texts.index("Risorse della missione 011,") < texts.index("Voce") \
        < texts.index("Risorse della missione 012,")


def test_ruled_rows_keep_their_wrapped_lines(cases: Path) -> None:
    """Rules between the rows say where a row ends: every wrapped line of a long value stays in its cell.
    (Session 7: the lines between two rules across every column are one record when they go on in lower
    case under a first line and wrap its cells, ``_record_lines``; every rendition keeps each field it had.)"""
    from make_table_cases import OBJECTIVE

    [table] = _tables(_page_rows(cases, "ruled_label_value"))
    assert _grid(table) == [[label, value.replace("|", "\n")] for label, value in OBJECTIVE]
    assert {row.ruling for row in table} == {"partial"}


def test_equal_figures_are_a_column_of_their_own(cases: Path) -> None:
    from make_table_cases import EQUAL_FIGURES

    [table] = _tables(_page_rows(cases, "equal_figures"))
    assert _grid(table) == EQUAL_FIGURES


def test_cell_left_open_at_the_page_foot_keeps_its_text(cases: Path) -> None:
    """No rule closes the last row's value cell: its side rules say how far it reaches."""
    from make_table_cases import OPEN_ROW

    [table] = _tables(_page_rows(cases, "open_last_row"))
    assert _grid(table) == [[label, value.replace("|", "\n")] for label, value in OPEN_ROW]


def test_row_open_across_a_page_break_is_one_row(cases: Path) -> None:
    """Ruled rows broken by the page: open at one page's foot, open at the next one's head.  Each part is
    a row of its own page's table, and joining the pages makes them one row: a value broken inside, and a
    value printed whole on the next page beside its label left at the foot."""
    with pdfplumber.open(write_case("open_across_pages", cases)) as pdf:
        first, second, third = (read_page(page) for page in pdf.pages)
    assert _grid(_tables(first)[0])[-1] == ["Obiettivi", "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE\n"
                                                         "011-005-002 RIAFFERMARE IL RUOLO DI"]
    assert _grid(_tables(second)[0]) == [["", "\"PRIMO PUNTO DI CONTATTO\" (PROGETTO 2D0101)\n"
                                              "011-005-003 FAVORIRE LO START UP\n(PROGETTO 2C0101 - 2C0104)"]]
    assert _grid(_tables(second)[1])[-1] == ["Obiettivi", ""]
    assert _grid(_tables(third)[0]) == [["", "012-004-001 PROMOZIONE DEI SERVIZI DI GIUSTIZIA ALTERNATIVA"]]
    joined = _tables(join_page_breaks(first + second + third))
    assert [_grid(t) for t in joined] == [
        [["Missione", "011 Competitività e sviluppo delle imprese"],
         ["Programma", "005 Promozione e attuazione di politiche di sviluppo"],
         ["Obiettivi", "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE\n011-005-002 RIAFFERMARE IL RUOLO DI\n"
                       "\"PRIMO PUNTO DI CONTATTO\" (PROGETTO 2D0101)\n011-005-003 FAVORIRE LO START UP\n"
                       "(PROGETTO 2C0101 - 2C0104)"]],
        [["Missione", "012 Regolazione dei mercati"], ["Programma", "004 Vigilanza sui mercati e sui prodotti"],
         ["Obiettivi", "012-004-001 PROMOZIONE DEI SERVIZI DI GIUSTIZIA ALTERNATIVA"]]]


def test_text_overflowing_an_open_cell_at_the_page_foot_is_its_own(cases: Path) -> None:
    """A label cell spanning its indicators' rows, broken at the page foot: its side rules end with the
    indicator cell, its lines go on below them, tightly and between them, down to the page number."""
    [table] = _tables(_page_rows(cases, "overflow_at_page_foot"))
    assert _grid(table) == [
        ["Obiettivo", "Indicatore", "%"],
        ["OBIETTIVO N. 3/2016\nESERCIZIO FUNZIONI\nRESPONSABILE TRASPARENZA E\nPREVENZIONE DELLA\nCORRUZIONE\n"
         "RAZIONALIZZAZIONE DELLA SPESA", "INDICATORE 1)\nRelazione sulle attività poste in essere.", "100"]]


def test_column_rules_starting_under_a_header_open_no_row(cases: Path) -> None:
    """Side rules that start a little below the header's rule, the header printed right above them (ICDAR
    us-020): the page goes on above them, so no row is open there and the table reads as before."""
    rows = _page_rows(cases, "column_rules_under_header")
    [table] = _tables(rows)
    assert _grid(table) == RESOURCES


def test_headed_column_of_long_text_is_the_tables(cases: Path) -> None:
    from make_table_cases import HEADED_TEXT

    [table] = _tables(_page_rows(cases, "headed_text_column"))
    assert _grid(table) == HEADED_TEXT


def test_tables_dataset_of_a_document_that_is_not_a_report(cases: Path, tmp_path: Path) -> None:
    """Ingested for its tables: cells with their position, spans, ruling and the table's region."""
    from camerale.pipeline import ingest

    [outcome] = ingest([write_case("spanning_header", cases)], tmp_path / "out")
    assert outcome.status == "ok" and outcome.info.doc_type is None
    assert any("no report parser applies" in w for w in outcome.warnings)
    cells = ds.dataset(tmp_path / "out" / "tables", partitioning="hive").to_table().to_pylist()
    by_position = {(c["row"], c["col"]): c for c in cells}
    assert {(c["row"], c["col"], c["row_span"], c["col_span"], c["text"]) for c in cells if c["row"] < 2} == {
        (0, 0, 2, 1, "Voce"), (0, 1, 1, 2, "Risorse 2019"), (1, 1, 1, 1, "Preventivo"), (1, 2, 1, 1, "Consuntivo")}
    assert by_position[(4, 0)]["text"] == "Interventi economici e nuovi\ninvestimenti per impresa attiva"
    assert {c["ruling"] for c in cells} == {"full"}
    # The region is the table's box on its page: the grid drawn from x 60 to 480 (make_table_cases).
    region = by_position[(0, 0)]["region"]
    assert (round(region["x0"]), round(region["x1"])) == (60, 480)
    assert all(c["region"] == region and c["page"] == 1 for c in cells)


def test_a_line_emptied_by_prose_beside_a_table_ends_the_run() -> None:
    """pira-c (DOCX through LibreOffice, ruled header over unruled body) once crashed the reader: words
    moved to prose beside a table left an empty line inside the next run of table lines."""
    from fixtures import SAMPLES

    with pdfplumber.open(SAMPLES / "renditions" / "pira-c-docx-libreoffice.pdf") as pdf:
        for page in pdf.pages:
            rows = read_page(page)
            assert rows, f"page {page.page_number} gave no rows"
            page.close()


def test_tables_stacked_under_their_own_headings_stay_apart(cases: Path) -> None:
    """Two unruled tables with ruled headers, each under a heading line (relazione-c's budget): two
    tables, the headings prose before each, never one table with the second header as a row."""
    rows = _page_rows(cases, "stacked_tables")
    first, second = _tables(rows)
    assert _grid(first) == RESOURCES[:3]
    assert _grid(second) == [RESOURCES[0], RESOURCES[4], RESOURCES[5]]
    prose = [row.cells[0].text for row in rows if row.table is None]
    assert prose[2:] == ["OBIETTIVO 1A - Programmazione territoriale",
                         "OBIETTIVO 1B - Analisi del sistema economico locale"]


def test_label_column_of_long_titles_beside_short_totals_is_kept(cases: Path) -> None:
    """The fullest lines are the totals (one more column) with short labels; the long titles above
    them fill the label column as measured on those lines, yet they are the table's labels, not
    running text beside it (relazione-a's budget)."""
    from make_table_cases import LONG_LABELS

    [table] = _tables(_page_rows(cases, "long_labels"))
    assert _grid(table) == LONG_LABELS


def test_wide_wrapped_lines_and_a_section_label_stay_in_the_table(cases: Path) -> None:
    """No rules; wrapped lines of a wide middle column and a label spanning the table are wider than
    most of the table, yet lie in its columns: one table, the wrapped lines joined to their row."""
    [table] = _tables(_page_rows(cases, "wrapped_middle"))
    assert _grid(table) == [
        ["Codice", "Descrizione dell'obiettivo", "%"],
        ["OB. 1", "Garantire i livelli di servizio attraverso il rispetto degli standard di qualità\n"
                  "e dei tempi dichiarati sui diversi procedimenti interni ed esterni della Camera", "98,4"],
        ["OB. 2", "Contenimento degli oneri di funzionamento", "100"],
        ["AREA STRATEGICA 2: SERVIZI ALLE IMPRESE E SVILUPPO DEL TERRITORIO", None, ""],
        ["OB. 3", "Riorganizzazione dell'area promozione e sviluppo per le imprese e delle sue\n"
                  "partecipate camerali, con la supervisione del Segretario generale e dei dirigenti", "100"],
        ["OB. 4", "Lucca innovazione e tecnologia", "100"]]


def test_a_heading_over_the_next_header_starts_a_new_table(cases: Path) -> None:
    """A wide line flush with the table's text is a section label only over rows of figures; over a
    header of words it is the next table's heading (relazione-c: budget tables, then the areas)."""
    rows = _page_rows(cases, "headed_tables")
    first, second = _tables(rows)
    assert _grid(first) == RESOURCES[:3]
    assert _grid(second) == [RESOURCES[0], RESOURCES[4], RESOURCES[5]]
    prose = [row.cells[0].text for row in rows if row.table is None]
    assert prose[2:] == ["OBIETTIVO STRATEGICO 1A - Programmazione territoriale e sviluppo locale",
                         "OBIETTIVO STRATEGICO 1B - Analisi del sistema economico locale e sue imprese"]


def test_tables_stacked_under_one_line_headings_each_restating_the_header_are_tables_of_their_own(
        cases: Path) -> None:
    """A heading flush with the table's text, right above lines of the same columns, may be a section
    label inside one table; but the line under it restating the table's header opens the next table."""
    rows = _page_rows(cases, "headed_ruled_headers")
    header = ["Progetto", "Budget iniziale\n2016", "Consuntivo\n2016"]
    assert [_grid(t) for t in _tables(rows)] == [[header, *RESOURCES[1:4]], [header, RESOURCES[4]],
                                                  [header, RESOURCES[5]]]
    assert [row.cells[0].text for row in rows if row.table is None][2:] == [
        "OBIETTIVO STRATEGICO 2E - Valorizzazione dell'identità territoriale",
        "OBIETTIVO STRATEGICO 3A - Riorganizzazione dell'ente",
        "OBIETTIVO STRATEGICO 3B - Orientare la gestione della performance"]


def test_a_total_whose_label_spans_the_label_columns_stays_in_the_table(cases: Path) -> None:
    """The total row's label crosses the number and name columns, its figures sit in the figure
    columns: a row of the table, not running text under it."""
    [table] = _tables(_page_rows(cases, "area_total"))
    assert _grid(table) == [
        ["N.", "Area strategica", "Iniziale", "Consuntivo"],
        ["1", "Competitività del territorio", "86.600,00", "32.531,39"],
        ["2", "Servizi alle imprese", "1.658.300,00", "1.091.125,48"],
        ["3", "Competitività dell'ente", "15.000,00", "9.646,81"],
        ["TOTALE GENERALE AREE", None, "1.759.900,00", "1.133.303,68"]]


def test_a_header_word_wider_than_its_column_does_not_close_the_gap(cases: Path) -> None:
    """'RAGGIUNGIMENTO' over a narrow column of figures reaches left over the column gap: columns come
    from the rows of figures, so the objective's title lines above the first figure stay in the table
    (relazione-b's individual objectives)."""
    [table] = _tables(_page_rows(cases, "wide_header_word"))
    title = WIDE_HEADER_WORD[1][0]   # its two printed lines
    assert _grid(table)[:4] == [
        ["SEGRETARIO GENERALE - OBIETTIVI E", "%"],
        ["INDICATORI", "RAGGIUNGIMENTO"],
        [title[0], ""],
        [title[1], ""]]
    assert [row[1] for row in _grid(table)[4:]] == ["97", "100", "100"]


def test_a_part_with_its_own_header_row_takes_its_columns_from_it(cases: Path) -> None:
    """Under label | value rows, a header row of other columns starts a table of its own: its
    columns come from its header and the values under it, not from the label | value grid."""
    from make_table_cases import INDICATOR_HEADER, INDICATOR_LABELS, INDICATOR_VALUES, TARGETS

    labels, indicator, targets = _tables(_page_rows(cases, "header_parts"))
    assert _grid(labels) == [[label, value.replace("|", "\n")] for label, value in INDICATOR_LABELS]
    assert _grid(indicator) == [INDICATOR_HEADER, INDICATOR_VALUES]
    # Long text values under a header of three short labels: a table, not running text.
    assert _grid(targets) == TARGETS


def test_fields_side_by_side_are_a_table_of_their_own_rows(cases: Path) -> None:
    """Two 'Label: value' fields a line, with no rule: a table whose rows start at the labels, each
    long value keeping its wrapped lines (not running text cut at the wide space)."""
    from make_table_cases import FIELDS

    [table] = _tables(_page_rows(cases, "side_by_side_fields"))
    assert _grid(table) == [[text.replace("|", "\n") for text in row] for row in FIELDS]
    # Two lines of fields (four labels) are enough: the head of a page that broke such a table.
    [table] = _tables(_page_rows(cases, "two_lines_of_fields"))
    assert _grid(table) == [[text.replace("|", "\n") for text in row] for row in FIELDS[2:]]


def test_a_header_wrapped_over_a_long_last_column_is_one_row(cases: Path) -> None:
    """Header labels wrapped over two lines stay one header row, and a row's wrapped lines stay in it,
    though the long last column makes most lines of the table print one or two cells."""
    from make_table_cases import WRAPPED_HEADER

    [table] = _tables(_page_rows(cases, "wrapped_header_long_column"))
    assert _grid(table) == [[text.replace("|", "\n") for text in row] for row in WRAPPED_HEADER]


def test_a_second_header_row_is_not_the_wrapped_line_of_the_first(cases: Path) -> None:
    """Over a row of figures, the lines above are one wrapped header only while none of them repeats the
    first line's cells with capitals of its own: 'Risultato anno 2017 | ...' is a header row of its own."""
    from make_table_cases import TARGETS_RESULTS

    [table] = _tables(_page_rows(cases, "two_header_rows"))
    assert _grid(table) == TARGETS_RESULTS


def test_a_word_broken_between_letters_in_a_narrow_cell_is_one_word(cases: Path) -> None:
    """A soft hyphen marks where the cell broke a word ('percentu' / 'ale'); a whole word filling its cell
    and printed whole elsewhere ('Monitoraggio' / 'della spesa') and a right-aligned cell keep their
    line break as it is."""
    layout = read_document(str(write_case("broken_words", cases)))
    [row] = [r.texts for r in layout.rows if r.table is not None and "Tempo medio di" in r.texts[0]]
    assert row == ["Tempo medio di\nlavorazione", "percentu\u00ad\nale", "rilevazion\u00ad\ne ufficio",
                   "Monitoraggio\ndella spesa", "Consuntivo\nannuale"]
    assert [clean_text(t) for t in row[1:3]] == ["percentuale", "rilevazione ufficio"]


def test_a_word_broken_in_a_centred_cell_is_one_word_where_italian_says_so(cases: Path) -> None:
    """Centred narrow cells, where every line's own start makes it look full: the table's padding
    tells which lines fill their cell.  'gradime' / 'nto' is printed whole nowhere, but Italian has
    'gradimento' and no 'gradime'; Italian has 'conformemente' and no 'conformementea'."""
    layout = read_document(str(write_case("centred_broken_words", cases)))
    [row] = [r.texts for r in layout.rows if r.table is not None and r.texts[0].startswith("Monitoraggio")]
    assert [clean_text(t) for t in row] == ["Monitoraggio della qualità del servizio",
                                            "Voto di gradimento sul servizio", "disposti conformemente a quanto",
                                            "ottimo complessivo"]
    assert row[1] == "Voto di\ngradime\u00ad\nnto sul\nservizio"   # the raw text keeps the printed lines


def test_a_word_broken_before_a_rest_that_is_no_word_is_one_word(cases: Path) -> None:
    """'compete' / 'nte': both 'compete' and 'competente' are Italian and the prose prints 'compete' whole,
    but 'nte' is no word: the rest of the word the cell broke."""
    layout = read_document(str(write_case("broken_word_rest", cases)))
    [row] = [r.texts for r in layout.rows if r.table is not None and r.texts[0].startswith("Tempo")]
    assert row[1] == "ufficio\ncompete\u00ad\nnte"
    assert clean_text(row[1]) == "ufficio competente"


def test_a_word_broken_at_the_page_foot_is_one_word(cases: Path) -> None:
    """A narrow cell's last line at the page foot fills the cell ("dell'Org"); the page break sent the
    word's rest to the next page ('anismo'): the joined row reads one word, the line before it
    ('servizio', filling the cell too) stays a word of its own."""
    layout = read_document(str(write_case("broken_word_at_page_foot", cases)))
    [row] = [r.texts for r in layout.rows if r.table is not None and r.texts[0] == "Gradimento"]
    assert clean_text(row[1]) == "Voto di servizio dell'Organismo 4,7"


def test_labels_beside_wrapped_values_without_rules_are_a_table(cases: Path) -> None:
    """Labels of up to three words, values of many words over two lines, no rules: the label column is
    blank on the wrapped lines, so the run is a table of label | value rows, not two columns of prose."""
    from make_table_cases import INDICATOR_FIELDS

    [table] = _tables(_page_rows(cases, "unruled_label_value"))
    assert _grid(table) == [[label, value.replace("|", "\n")] for label, value in INDICATOR_FIELDS]


def test_cells_set_closer_than_a_word_space_part_at_the_column_border(cases: Path) -> None:
    """Each column starts 2 pt after the widest text of the column before: that text and its neighbour
    print as one pdfplumber word ('Monitoraggioefficacia', 'realizzazioneufficio').  The other rows
    leave a gap at the same x, so the runs the printer set apart there are two cells."""
    [table] = _tables(_page_rows(cases, "tight_cells"))
    assert _grid(table) == [["Indicatore", "Tipologia", "Algoritmo", "Fonte"],
                            ["Ideazione", "efficacia", "% realizzazione", "ufficio"],
                            ["Valutazione", "efficienza", "numero", "ufficio competente"],
                            ["Monitoraggio", "efficacia", "%", "rilevazione"]]


def test_a_cell_printed_over_the_end_of_a_word_overflowing_its_column_is_a_cell_of_its_own(cases: Path) -> None:
    """'temporale' is wider than its column; the next column's 'responsabilità', set at its own start, is
    printed over its last letters.  The overprint parts the two runs where the rows below start that
    column: 'temporaleresponsabilità' is no word of either cell."""
    [table] = _tables(_page_rows(cases, "overprinted_header"))
    texts = [row.texts for row in table]
    assert texts[0] == ["Titolo", "Arco\ntemporale\nrealizzazione", "Centro di\nresponsabilità",
                        "Nr\nindicatori\nassociati"]
    assert texts[-1] == ["VIGILANZA", "Triennio", "Area dirigenziale", "1"]


def test_a_cell_running_over_into_the_next_on_one_line_stays_in_the_table(cases: Path) -> None:
    """'internazionalizzazione' runs into the second column's 'delle imprese' on one line; the lines
    below are back in the columns, so that line is a row of the table, not prose ending it (the
    overview's last title lost its lines)."""
    rows = _page_rows(cases, "overflowing_cell")
    [table] = _tables(rows)
    assert [line for row in table for line in row.texts[-1].split("\n") if line] == [
        "011-005-001 ANALISI DEL SISTEMA", "ECONOMICO LOCALE (PROGETTO 1B0101)", "016-005-001 VALORIZZAZIONE",
        "DELL'IDENTITÀ TERRITORIALE", "DEI BENI CULTURALI.", "(PROGETTO 2E0102)"]
    assert [row.texts[0] for row in rows if row.table is None] == PROSE

def test_a_header_at_a_page_foot_and_its_values_at_the_next_head_are_tables(cases: Path) -> None:
    """A header of five short labels, nothing under it but the page number, is a table of its own, not
    glued into the label | value rows above; on the next page, a row opening all five columns at once,
    short entries beside a long text wrapped like running text, is a table row, not prose beside one."""
    from make_table_cases import FOOT_FIELDS, FOOT_HEADER, HEAD_VALUES

    with pdfplumber.open(write_case("header_at_page_foot", cases)) as pdf:
        first, second = (read_page(page) for page in pdf.pages)
    assert [_grid(t) for t in _tables(first)] == [FOOT_FIELDS, [[h.replace("|", "\n") for h in FOOT_HEADER]]]
    assert _grid(_tables(second)[0]) == [[v.replace("|", "\n") for v in HEAD_VALUES]]

def test_a_header_line_ending_its_page_and_centred_values_at_the_next_head_are_tables(cases: Path) -> None:
    """A header line of three short labels close under a table, nothing under it but the page number, is a
    table (of one row): its values are on the next page.  There, three columns of centred lines, long as
    running text, are a table's cells: running text is set from one left edge, not centred side by side."""
    from make_table_cases import CENTRED_TARGETS, HEAD_TARGETS

    with pdfplumber.open(write_case("centred_values_at_page_head", cases)) as pdf:
        first, second = (read_page(page) for page in pdf.pages)
    assert _grid(_tables(first)[-1]) == [HEAD_TARGETS]
    [table] = _tables(second)
    grid = _grid(table)
    values = grid[:next(r for r, row in enumerate(grid) if row[0].startswith("Risultato anno"))]
    assert [" ".join(row[c].replace("\n", " ") for row in values) for c in range(3)] == \
        [" ".join(column) for column in CENTRED_TARGETS]
    assert grid[-1] == ["4,7", "4,86", "4,81"]

def test_a_repeated_word_beside_words_and_a_year_over_placeholders_are_columns(cases: Path) -> None:
    """Indicators as rows under a two-level header, rules between the rows only: the type printed the
    same on every row ('efficacia') is a column of its own, not the unit of the names before it; a year
    centred over values set at the left ('2017' over '---' and '80%') heads their column."""
    [table] = _tables(_page_rows(cases, "wide_rows"))
    grid = _grid(table)
    assert grid[0][:2] == ["Indicatore", "Tipologia"] and "Risultato atteso" in grid[0][2:]
    assert grid[1:] == [["", "", "2017", "2018"],
                        ["Ideazione di\nnuove azioni", "efficacia", "---", "100%"],
                        ["Valutazione\ndegli esiti", "efficacia", "---", "90%"],
                        ["Monitoraggio\ndel sistema", "efficacia", "80%", "---"]]


def test_records_ruled_apart_are_rows_whatever_their_wrapped_lines(cases: Path) -> None:
    """Rules across every column part the records of a wide table: between two of them, lines that leave
    the short values of the first line blank and hold the wrapped text of the cells above (the word that
    opens them would not fit on the line above) are one record, even where a wrapped line opens with a
    capital ('Lucchese'); rows of figures in groups ruled apart stay a row a line, a blank figure too."""
    rows = _page_rows(cases, "ruled_records")
    records, groups = _tables(rows)
    assert _grid(records) == [
        ["Indicatore", "Tipologia", "Cosa misura", "Ultimo valore", "2018", "2019"],
        ["Promozione locale e\nnazionale finalizzata alla\nvalorizzazione delle\nproduzioni artigianali", "efficacia",
         "Capacità di valorizzare le\nproduzioni artigianali ed\nagroalimentari",
         "Nell'ambito di Lubecc la\nCamera ha partecipato\ncon il Polo Tecnologico\nLucchese a Createch",
         "100%", "100%"],
        ["Fondazione Puccini:\ngestione e report\nannuale", "efficacia",
         "Capacità di promuovere\nun'identità territoriale", "I risultati presentano un\nandamento crescente",
         "95%", "100%"]]
    assert _grid(groups) == [["Proventi correnti", "1.000,00", "900,00"], ["Oneri correnti", "500,00", "400,00"],
                             ["Investimenti", "0,00", "0,00"], ["Contributi", "250,00", ""]]


def test_words_printed_over_each_other_are_read_cell_by_cell(cases: Path) -> None:
    """Three narrow target columns: 'subordinatamente' runs 7 pt into the next cell's on one line, and
    pdfplumber interleaves their letters ('subordinatamentseubordinatamen...', one word over three
    columns); each cell keeps its word and the lines below stay in the table."""
    from make_table_cases import WOVEN_ROWS

    [table] = _tables(_page_rows(cases, "woven_cells"))
    assert _grid(table) == WOVEN_ROWS


def test_a_heading_line_above_a_tables_top_rule_is_not_its_header(cases: Path) -> None:
    """A heading's short last line ('2016') set close above a table is no wrapped header line of it when
    the table's top rule lies between them: it stays prose and the table starts at its header."""
    rows = _page_rows(cases, "heading_over_top_rule")
    [table] = _tables(rows)
    assert _grid(table) == RESOURCES
    assert [row.texts[0] for row in rows if row.table is None] == [
        "2.2 Gli obiettivi individuali del Segretario generale e dei dirigenti – risultati", "2016"]


def test_records_are_read_from_drawn_rules_only(cases: Path) -> None:
    """The same records as words without characters (what OCR gives, its rules found in the image, where
    one may be missed): the lines between two rules stay a row each, as before records were read."""
    from dataclasses import replace

    with pdfplumber.open(write_case("ruled_records", cases)) as pdf:
        objects = from_pdfplumber(pdf.pages[0])
    rows = read_tables(replace(objects, chars=[])).rows(1)
    [records, _] = _tables(rows)
    assert [row.texts[0] for row in records[:4]] == ["Indicatore", "Promozione locale e", "nazionale finalizzata alla",
                                                     "valorizzazione delle\nproduzioni artigianali"]


def test_ruled_records_keep_figures_broken_between_characters(cases: Path) -> None:
    """The lines over the rule under the header are its labels, a year and a date among them.  Between two
    rules across the table is one record, even where its second line prints figures: the
    rest of amounts a narrow cell broke between characters ('20.000' over ',00'), beside the label's
    wrapped line.  An objective's heading across the table keeps its wrapped line, and that line (as
    wide as the table lets it run) does not say how wide the label column's lines run: the bold total's
    '1B' wrapped.  A heading whose wrapped line is nearly as wide as the table heads the rows below it,
    in the table.  A figure's line ending in a digit or a separator, the next opening with a digit, is marked
    as a break (a soft hyphen) for the document's figures to judge (``resolve_word_breaks``)."""
    [table] = _tables(_page_rows(cases, "ruled_broken_figures"))
    assert _grid(table) == [
        ["Obiettivo /\nprogetti", "Budget\nal\n31/12", "Spesa\ntotale\n2016", "Quo\nta us\nata"],
        ["OBIETTIVO STRATEGICO 1B: Analisi del\nsistema economico", None, "", ""],
        ["1B0101 - Valorizzazione\ndell'informazione economica\nper il territorio", "20.000\n,00", "7.930,\xad\n00",
         "39,7"],
        ["Totale obiettivo strategico\n1B", "20.000\n,00", "7.930,\xad\n00", "39,7"],
        ["OBIETTIVO STRATEGICO 2A: Competitività e\nsviluppo economico del territorio", None, None, ""],
        ["2A0101 - Miglioramento del\nservizio all'utenza", "0,00", "0,00", "0,0"],
        ["Totale obiettivo strategico\n2A", "0,00", "0,00", "0,0"],
        ["OBIETTIVO STRATEGICO 3A: Riorganizzazione\ndell'ente, della gestione e del patrimonio", None, None, ""],
        ["3A0101 - Supporto agli organi", "5.000,\xad\n00", "3.660,\xad\n00", "73,2"],
        ["Totale generale delle risorse\nimpiegate", "1.781.\xad\n900,00", "1.133.\xad\n303,68", "100,\xad\n00"]]


def test_labels_in_capitals_a_narrow_column_broke_are_one_word_and_their_records_one_row(cases: Path) -> None:
    """A column as narrow as its widest word breaks 'OBIETTIVO' and 'INDICATORE' between letters
    ('OBIETTI' / 'VO N.', 'INDICAT' / 'ORE 1)'): the rest of a word in capitals opens in a capital, and
    without rules beside them the column's widest line says the broken line filled it; the document prints
    'OBIETTIVO' whole, Italian has 'indicatore' and no 'indicat'.  Between two rules across the table every
    line of the objective prints in both its columns, each wrapping the cell above: one record."""
    layout = read_document(str(write_case("ruled_broken_labels", cases)))
    [table] = _tables(layout.rows)
    assert _grid(table) == [
        ["N.", "Obiettivo e indicatori", "%"],
        ["OBIETTI\u00ad\nVO N.\n1/2016", "GARANTIRE I LIVELLI DI SERVIZIO\nATTRAVERSO IL RISPETTO DEGLI\nSTANDARD", ""],
        ["INDICAT\u00ad\nORE 1)", "Rilevazione risultati standard di qualità\ndefiniti con la Carta dei servizi", "97"],
        ["INDICAT\u00ad\nORE 2)", "elaborazione dati nei termini richiesti", "100"]]
    assert [clean_text(row.texts[0]) for row in table[1:]] == ["OBIETTIVO N. 1/2016", "INDICATORE 1)", "INDICATORE 2)"]


def test_a_record_alone_under_its_header_is_one_row(cases: Path) -> None:
    """One record between the header's rule and the rule closing the table: the closing rule counts as a
    rule parting records (the last indicator of an objective printed alone), so its lines are one row."""
    [table] = _tables(_page_rows(cases, "ruled_record_alone"))
    assert [row.texts[-3:] for row in table] == [
        ["Ultimo valore", "2018", "2019"],
        ["Nell'ambito di Lubecc la\nCamera ha partecipato\ncon il Polo Tecnologico\nLucchese a Createch",
         "100%", "100%"]]


def test_the_rest_of_a_record_at_a_page_head_is_one_row(cases: Path) -> None:
    """Under the header at a page's head, the rest of a record a page break cut leaves its first column
    blank and every line prints in the columns its first line prints in: one row, its results wrapped
    after a figure ('4,7' then 'Giudizio'), a word wider than the last column running past the right
    rule, and 'complessivo:' printed over the start of the cell beside it kept apart from it."""
    [table] = _tables(_page_rows(cases, "record_rest_at_page_head"))
    assert _grid(table) == [
        ["Indicatore", "Tipologia", "Cosa misura", "Ultimo valore", "2018", "2019"],
        ["", "", "valorizzare le produzioni\nartigianali ed\nagroalimentari e i servizi",
         "con il Polo Tecnologico\nLucchese a Createch e\nLubecc 2019",
         "servizio\ndell'Organismo:\n4,7\nGiudizio\ncomplessivo:\n4,9",
         "servizio\ndell'Organismo:\n4,86\nGiudizio\ncomplessivo:\n5"]]


def test_a_group_label_over_few_rows_does_not_merge_the_columns_under_it(cases: Path) -> None:
    """'Risultato anno' stands over three narrow year columns in a header line of short labels, reaching
    3 pt into the first; with only two rows under it (too few lines of figures to set the header apart by
    them), it no longer closes the gap between '2017' and '2018': three year columns."""
    [table] = _tables(_page_rows(cases, "group_label_over_years"))
    assert _grid(table)[1:] == [["", "", "2017", "2018", "2019"],
                                ["Ideazione di nuove\nazioni formative", "efficacia\ndi sistema", "100%", "90%", "80%"],
                                ["Valutazione degli\nesiti del progetto", "efficienza\ndi rete", "---", "---", "---"]]
    assert _grid(table)[0][:2] == ["Indicatore", "Tipologia"] and "Risultato anno" in _grid(table)[0][2:]


def test_a_word_printed_over_the_next_cell_is_parted_from_it(cases: Path) -> None:
    """A unit wider than its column is printed over the first letters of the algorithm beside it
    ('realizzazione%', 'programmateprogrammate' as one word each): where the next cell's run starts,
    confirmed by the lines below, the two cells part and the columns stay apart."""
    [table] = _tables(_page_rows(cases, "overprinted_cells"))
    assert _grid(table) == [["Ideazione", "realizzazione", "% realizzazione"], ["di nuove", "attività", "attività"],
                            ["azioni", "programmate", "programmate"], ["Valutazione", "numero", "numero di eventi"],
                            ["Monitoraggio", "percentuale", "% di eventi"]]


def test_cells_set_closer_than_a_run_gap_part_where_the_printing_order_starts_a_run(cases: Path) -> None:
    """The next cell's text starts 0.6 pt after the unit's longest words end: no gap to part them at, but
    the page printed it as a run of its own (cell after cell), and the lines below start that column."""
    [table] = _tables(_page_rows(cases, "abutting_cells"))
    assert _grid(table) == [["Ideazione", "realizzazione", "% realizzazione"], ["di nuove", "attività", "attività"],
                            ["azioni", "programmate", "programmate"], ["Valutazione", "numero", "numero di eventi"],
                            ["Monitoraggio", "percentuale", "% di eventi"]]


def test_a_header_printed_again_over_the_rest_of_a_cell_is_a_table(cases: Path) -> None:
    """A header of short labels (some wrapped over lines, ruled apart from the values) over one row; then
    the same header over the rest of a description only: still a table, its lines in the description's
    column, not prose lines 'Titolo Descrizione Arco Centro Nr' and 'temporale indicatori'."""
    header = ["Titolo", "Descrizione", "Arco\ntemporale", "Centro", "Nr\nindicatori\nassociati"]
    first, rest = _tables(_page_rows(cases, "objective_header"))
    assert _grid(first) == [header, ["ANALISI DEL\nSISTEMA",
                                     "La Camera intende rafforzare il proprio ruolo\ncome soggetto di riferimento",
                                     "Annuale", "Area\nstudi", "2"]]
    # Ruled off from the header, the rest of the description (its first column blank) is one record.
    assert _grid(rest) == [header, ["", "per la produzione e il reperimento, l'analisi e il monitoraggio,\n"
                                        "la messa a disposizione e la diffusione all'utenza.", "", "", ""]]


def test_a_last_column_of_long_titles_the_rules_run_across_is_the_tables(cases: Path) -> None:
    """A column of long lines beside two narrow ones, most lines printing only there, reads like running
    text beside a table, but the table's rules run across it: it stays the table's last column."""
    from make_table_cases import OVERVIEW_REST

    rows = _page_rows(cases, "ruled_wide_last_column")
    [table] = _tables(rows)
    assert {len(row.cells) for row in table} == {3}
    # (Lines between the rules are rows of their own: see test_ruled_rows_keep_their_wrapped_lines.)
    printed = [line for row in table for line in row.texts[2].split("\n") if line]
    assert printed == [line[2] for line in OVERVIEW_REST if line is not None]
    assert not [row for row in rows if row.table is None]


@pytest.mark.ocr
def test_an_ocr_speck_in_a_column_gap_makes_no_column() -> None:
    """Page 11 of the Relazione b scan: Tesseract reads two specks ('.') between the indicators' texts and
    their % column. A speck is no value: a column of specks alone merged the two columns as a column of
    signs and the whole table was read as prose (an owner's objectives lost)."""
    from camerale.extract.ocr import ocr_pages
    from fixtures import SAMPLES

    data = (SAMPLES / "renditions" / "relazione-b-reportlab-unruled-scan.pdf").read_bytes()
    rows = ocr_pages(data, [11])[11].rows
    table = [r for r in rows if r.table is not None]
    assert {len(r.cells) for r in table} >= {2}
    # The first indicator of the first objective on the page, and its % (gold: 97).
    [first] = [r for r in table if r.texts[0].startswith("INDICATORE 1) Rilevazione")][:1]
    assert first.texts[-1] == "97"


def test_monospaced_table_is_cut_at_its_column_gaps_not_at_word_spaces(cases: Path) -> None:
    """Courier's word space (0.6 of the text height) is wider than a proportional font's column gap;
    right-aligned amounts of two columns stand closer than one and a half spaces."""
    rows = _page_rows(cases, "monospaced")
    [table] = _tables(rows)
    assert _grid(table) == [
        ["Obiettivo", "Centro", "Preventivo", "Consuntivo"],
        ["Sviluppo del territorio", "Area promozione", "94.300,00", "87.517,80"],
        ["Servizi alle imprese", "Area anagrafe", "5.400,00", "5.317,80"],
        ["Trasparenza", "Segretario generale", "1.200,00", "0,00"],
    ]
    assert [row.cells[0].text for row in rows if row.table is None] == [
        "Le risorse del piano sono ripartite tra gli obiettivi come segue, in euro,",
        "secondo il preventivo e il consuntivo dell'anno."]


def test_lines_under_a_cell_left_blank_by_a_wrapped_header_start_a_row(cases: Path) -> None:
    """The text a page break carried over, printed under a repeated header whose description label
    ended lines before its narrow labels did, is not more of that label."""
    [table] = _tables(_page_rows(cases, "carried_under_header"))
    assert _grid(table) == [
        ["Titolo", "Descrizione", "Arco\ntemporale\nrealizzazione", "Nr\nindicatori"],
        ["", "in modo da poter tracciare i quesiti\ne le risposte date in entrata.", "", ""],
        ["SVILUPPO", "La Camera intende rafforzare\nil proprio ruolo.", "Annuale", "3"],
        ["TRASPARENZA", "Obblighi di legge", "Triennio", "1"],
    ]


def test_ranges_that_touch_are_two_columns() -> None:
    """pdfium puts a word's end a hair past the next word's start (238.0003 against 238.0) where
    pdfminer puts it a hair before: touching ranges are columns of their own either way."""
    from camerale.extract.table_reader import _columns

    assert _columns([(72.0, 238.0003), (238.0, 259.0), (72.0, 237.9), (240.0, 259.0)], 4) == [
        (72.0, 238.0003), (238.0, 259.0)]


def test_two_text_columns_whose_rules_reach_into_the_gutter_are_read_column_by_column(cases: Path) -> None:
    """Tables in both columns at the same heights: each column's rules (ending at its cells' edges, past
    its text, inside the gutter) make it a column of its own, not one table across the page."""
    rows = _page_rows(cases, "two_columns_aligned")
    expected = [RESOURCES[0], *RESOURCES[1:3], *RESOURCES[4:]]
    left, right = _tables(rows)
    assert _grid(left) == expected and _grid(right) == expected


def test_a_ruled_header_over_two_rows_and_over_one_at_the_page_foot_is_a_table(cases: Path) -> None:
    """Two unruled rows under a ruled header are its table; the label | value rows under them, in other
    columns, are not; at the page's foot the header over one row is a table too."""
    rows = _page_rows(cases, "ruled_header_short_body")
    first, last = _tables(rows)
    assert _grid(first) == RESOURCES[:3]
    assert _grid(last) == RESOURCES[:2]
    prose = [row.cells[0].text for row in rows if row.table is None]
    assert "Indicatore Ideazione di nuove azioni di monitoraggio e diffusione delle informazioni" in prose


@pytest.mark.parametrize("case", ["ruled_header_long_last_column", "shaded_header_long_last_column"])
def test_a_long_last_column_under_a_ruled_or_shaded_header_is_the_tables(cases: Path, case: str) -> None:
    """Objective titles in the last column of an unruled body under a 'Missione | Programma | Obiettivi'
    header are as full as running text, yet the header says they are the table's: its rule, or the foot of
    its cells' shading, which runs across the columns as a rule does."""
    [table] = _tables(_page_rows(cases, case))
    assert _grid(table)[0] == ["Missione", "Programma", "Obiettivi"]
    assert "\n".join(row.cells[2].text for row in table[1:] if row.cells[2].text) == "\n".join([
        "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE:",
        "valorizzazione dell'informazione economica per le politiche",
        "011-005-002 RIAFFERMARE IL RUOLO DI PRIMO PUNTO DI",
        "CONTATTO TRA IMPRESE E ISTITUZIONI EUROPEE E STATALI",
        "011-005-003 FAVORIRE LO START UP, SOSTENERE LO SVILUPPO",
        "D'IMPRESA E LE RISORSE UMANE (PROGETTO 2C0101 - 2C0104)"])


def test_words_broken_in_cells_under_a_shaded_header_are_marked(cases: Path) -> None:
    """An unruled body under a header shaded cell by cell: the header's cells are the columns' widths, so
    'percentu' / 'ale' and 'rilevazio' / 'ne' fill their cells and are words the cell broke, as in a ruled
    cell; 'ne' / 'ufficio' leaves room."""
    layout = read_document(str(write_case("shaded_header_wide_rows", cases)))
    table = [r.texts for r in layout.rows if r.table is not None]
    assert table[:2] == [["Indicatore", "Tipologia", "Unità", "Fonte", "Valore"],
                         ["Ideazione di\nnuove azioni di\nmonitoraggio", "efficacia", "percentu\u00ad\nale",
                          "rilevazio\u00ad\nne\nufficio", "100%"]]
    assert [clean_text(t) for t in table[1][2:4]] == ["percentuale", "rilevazione ufficio"]


def test_wide_records_without_rules_wrap_side_by_side(cases: Path) -> None:
    """Unruled records whose cells wrap side by side, top-aligned, a figure on the first line only: a line
    going on in the columns printed just above, leaving the figure's blank, is the record's, whatever its
    first word ('Progetto di' / 'Fondazione': no new record under the figure '95%' left blank)."""
    layout = read_document(str(write_case("shaded_header_wide_rows", cases)))
    table = [r.texts for r in layout.rows if r.table is not None]
    assert table[2:] == [["Progetto di\nFondazione\nPuccini", "efficacia", "percentu\u00ad\nale",
                          "rilevazio\u00ad\nne\nufficio", "95%"]]


def test_one_line_rows_with_a_blank_figure_stay_rows(cases: Path) -> None:
    """A row of one line under another leaving the figure blank reads like a record's wrapped line; no
    text above runs on to it ('Ideazione', 'efficacia'), so it is a row of its own."""
    from make_table_cases import ONE_LINE_ROWS

    [table] = _tables(_page_rows(cases, "one_line_rows"))
    assert _grid(table) == ONE_LINE_ROWS


def test_a_body_under_a_header_clipped_over_its_first_line_is_the_headers(cases: Path) -> None:
    """A header repeated at a page's head clipped to a shorter row prints its last label line past its
    shading's foot, over the body's first line: the body starts that line's overlap above the header's
    foot, and is still the header's body (one table)."""
    from make_table_cases import CLIPPED_BODY

    [table] = _tables(_page_rows(cases, "clipped_header"))
    grid = _grid(table)
    assert grid[0] == ["Indicatore", "Algoritmo\ndi", "Fonte"]
    # The header's clipped line 'calcolo' prints over the first row's 'numero' (a word of its own since
    # ``words`` parts lines printed over each other); which cell it belongs to is not read here.
    assert [grid[1][0], grid[1][2]] == [CLIPPED_BODY[0][0], CLIPPED_BODY[0][2]]
    assert grid[2:] == CLIPPED_BODY[1:]
    assert {row.ruling for row in table} == {"partial"}


def _ocr_words(lines: list[tuple[float, list[tuple[str, float, float]]]]) -> list[dict]:
    """Words as OCR gives them (boxed to their ink, with a confidence): (top, [(text, x0, x1), ...]) per line."""
    return [{"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 7.0, "upright": True, "confidence": 90.0}
            for top, words in lines for text, x0, x1 in words]


# A scanned indicator table whose unit and algorithm cells are set 2 pt apart, closer than a word space
# ('realizzazione' | 'ufficio'): the algorithm column's cells all start at x 170, a pixel or so either way.
_TOUCHING_CELLS = [
    (100.0, [("Tipologia", 50, 88), ("Unità", 120, 142), ("Algoritmo", 170.2, 209), ("Fonte", 250, 272)]),
    (114.0, [("efficacia", 50, 85), ("percentuale", 120, 165), ("rilevazione", 170.0, 210), ("interna", 250, 280)]),
    (128.0, [("qualità", 50, 80), ("realizzazione", 120, 168), ("ufficio", 170.3, 196), ("esterna", 250, 281)]),
    (142.0, [("efficienza", 50, 90), ("numero", 120, 150), ("competente", 169.6, 212), ("mista", 250, 272)]),
]


def test_ocr_cells_set_closer_than_a_word_space_part_where_their_column_starts() -> None:
    """A scan keeps no printing order to tell 'realizzazione' | 'ufficio' (2.3 pt apart) from a word space;
    the other lines of the table start a word where 'ufficio' starts, so there the line parts: four columns,
    'ufficio' in the algorithm's (pira-a scan, 0.23 -> 0.49 of its fields)."""
    from camerale.extract.page_objects import PageObjects

    page = PageObjects(number=1, width=595.0, height=842.0, words=_ocr_words(_TOUCHING_CELLS))
    [table] = _tables(read_tables(page).rows(1))
    assert _grid(table) == [["Tipologia", "Unità", "Algoritmo", "Fonte"],
                            ["efficacia", "percentuale", "rilevazione", "interna"],
                            ["qualità", "realizzazione", "ufficio", "esterna"],
                            ["efficienza", "numero", "competente", "mista"]]


def test_ocr_words_starting_at_random_places_do_not_part_a_line() -> None:
    """Where only one other line starts a word where 'ufficio' starts (a word start by chance: the
    algorithm column starts 10 pt further right on the other lines), the two words stay one cell."""
    from camerale.extract.page_objects import PageObjects

    by_chance = [
        (100.0, [("Tipologia", 50, 88), ("Unità", 120, 142), ("Algoritmo", 180.0, 219), ("Fonte", 250, 272)]),
        (114.0, [("efficacia", 50, 85), ("percentuale", 120, 165), ("rilevazione", 170.0, 210), ("interna", 250, 280)]),
        (128.0, [("qualità", 50, 80), ("realizzazione", 120, 168), ("ufficio", 170.3, 196), ("esterna", 250, 281)]),
        (142.0, [("efficienza", 50, 90), ("numero", 120, 150), ("competente", 180.0, 222), ("mista", 250, 272)]),
    ]
    page = PageObjects(number=1, width=595.0, height=842.0, words=_ocr_words(by_chance))
    [table] = _tables(read_tables(page).rows(1))
    assert "realizzazione ufficio" in [cell.text for row in table for cell in row.cells if cell is not None]


def test_ocr_words_starting_under_a_rule_of_another_table_do_not_part_a_line() -> None:
    """Lines of another table, ruled off above, that start words where 'ufficio' starts (a column of theirs
    at x 170) confirm nothing: a rule across the border ends the count, as a line running across it does."""
    from camerale.extract.page_objects import PageObjects

    above = [(86.0, [("Voce", 50, 70), ("prosegue", 170.0, 205)]), (100.0, [("Altro", 50, 72), ("nuovo", 170.2, 195)])]
    below = [(114.0, [("efficacia", 50, 85), ("percentuale", 120, 165), ("rilevazione", 185.0, 225)]),
             (128.0, [("qualità", 50, 80), ("realizzazione", 120, 168), ("ufficio", 170.3, 196)]),
             (142.0, [("efficienza", 50, 90), ("numero", 120, 150), ("competente", 185.0, 227)])]
    rule = {"x0": 45.0, "x1": 300.0, "top": 110.0, "bottom": 110.0, "orientation": "h"}
    page = PageObjects(number=1, width=595.0, height=842.0, words=_ocr_words(above + below), segments=[rule])
    texts = [cell.text for row in read_tables(page).rows(1) for cell in row.cells if cell is not None]
    assert "realizzazione ufficio" in texts


# A scanned objective table: Tesseract boxed the 'e' after 'Lucca' 1.7 pt left of its ink, so the space before
# it is 1.0 pt and the one after 5.5 pt, wider than a column gap (3.5 pt: half the 7 pt line); the line's other
# spaces are about 3 pt (pira-a scan p8, objective 011-005-004).
def _objective_lines(e_x0: float) -> list[tuple[float, list[tuple[str, float, float]]]]:
    return [
        (100.0, [("Titolo", 50, 75), ("Descrizione", 150, 195), ("Arco", 330, 348)]),
        (110.0, [("VALORIZZAZIONE", 50, 120), ("Promuovere", 150, 195), ("Lucca", 198, 220), ("e", e_x0, e_x0 + 3.4),
                 ("il", 229.9, 233.7), ("suo", 236.7, 249.7), ("territorio", 252.7, 287.0), ("Annuale", 330, 360)]),
        (120.0, [("DELL'IDENTITÀ", 50, 110), ("le", 150, 157), ("sue", 160, 173), ("caratteristiche", 176, 230),
                 ("peculiari", 233, 270), ("arte", 273, 290)]),
        (130.0, [("TERRITORIALE", 50, 105), ("dei", 150, 162), ("comparti", 165, 197), ("economici", 200, 240),
                 ("questa", 243, 268), ("la", 271, 278), ("sintesi", 281, 306)]),
    ]


def test_an_ocr_word_boxed_off_its_ink_does_not_part_its_line() -> None:
    """The 1.0 pt and 5.5 pt spaces around the misplaced 'e' measure two word spaces together: the description
    stays one cell, and the header stays the table's first row (before: the header line was read as prose)."""
    from camerale.extract.page_objects import PageObjects

    page = PageObjects(number=1, width=595.0, height=842.0, words=_ocr_words(_objective_lines(221.0)))
    [table] = _tables(read_tables(page).rows(1))
    assert _grid(table) == [["Titolo", "Descrizione", "Arco"],
                            ["VALORIZZAZIONE", "Promuovere Lucca e il suo territorio", "Annuale"],
                            ["DELL'IDENTITÀ", "le sue caratteristiche peculiari arte", ""],
                            ["TERRITORIALE", "dei comparti economici questa la sintesi", ""]]


def test_an_ocr_column_gap_beside_ordinary_spaces_still_parts_the_line() -> None:
    """Only a space beside a squeezed one (below half the line's usual 3 pt) is judged with it: a 5.5 pt gap
    between ordinary spaces stays a column gap, and born-digital words keep their measured spaces."""
    from camerale.extract.table_reader import _ocr_judged_spaces

    words = _ocr_words([(110.0, [(str(i), 10.0 * i, 10.0 * i + 5) for i in range(7)])])
    assert _ocr_judged_spaces(words, [3.0, 2.8, 3.0, 5.5, 3.0, 3.1], 3.5) == [3.0, 2.8, 3.0, 5.5, 3.0, 3.1]
    assert _ocr_judged_spaces(words, [3.0, 2.8, 1.0, 5.5, 3.0, 3.1], 3.5) == [3.0, 2.8, 1.0, 3.25, 3.0, 3.1]
    assert _ocr_judged_spaces(words, [3.0, 2.8, 3.0, 5.5, 1.0, 3.1], 3.5) == [3.0, 2.8, 3.0, 3.25, 1.0, 3.1]
    printed = [{k: v for k, v in w.items() if k != "confidence"} for w in words]
    assert _ocr_judged_spaces(printed, [3.0, 2.8, 1.0, 5.5, 3.0, 3.1], 3.5) == [3.0, 2.8, 1.0, 5.5, 3.0, 3.1]


def test_ocr_words_get_their_line_font_height() -> None:
    """Tesseract's ink boxes vary with the letters and swell where it misreads ('Titolo' 90.0-100.3); each
    word of the line gets the line's cap top (median top of 'Titolo', 'di', 'gli', 'della', 'sviluppo':
    92.6) down to its baseline (median bottom of the words without a descender: 98.5) and 0.2 of the cap
    height below (98.5 + 0.2 * 5.9 = 99.68), as the font's box of a printed word; a mark found by shape
    (no confidence) keeps its box."""
    from camerale.extract.table_reader import ocr_font_boxes

    ink = [("Titolo", 50, 75, 90.0, 100.3), ("di", 78, 85, 92.6, 98.5), ("gli", 88, 97, 92.6, 100.5),
           ("della", 100, 118, 92.6, 98.5), ("sviluppo", 121, 152, 92.6, 100.6)]
    words = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "upright": True, "confidence": 90.0}
             for t, x0, x1, top, bottom in ink]
    dash = {"text": "---", "x0": 200.0, "x1": 202.0, "top": 94.0, "bottom": 96.0, "upright": True}
    boxed = ocr_font_boxes(words + [dash])
    assert [(w["text"], w["x0"], w["x1"], w["top"], round(w["bottom"], 2)) for w in boxed] == [
        ("Titolo", 50, 75, 92.6, 99.68), ("di", 78, 85, 92.6, 99.68), ("gli", 88, 97, 92.6, 99.68),
        ("della", 100, 118, 92.6, 99.68), ("sviluppo", 121, 152, 92.6, 99.68), ("---", 200.0, 202.0, 94.0, 96.0)]


def test_an_ocr_page_measures_its_column_gap_on_its_ink_spaces() -> None:
    """OCR'd spaces are the ink's, wider than the font's: on three lines of running text 7.5 pt high, the
    spaces before lower-case words measure 2.7, 3.0, 3.0, 3.0 and 3.3 pt, median 3.0 = 0.4 of the height,
    so the column gap is 1.5 spaces = 0.6 heights (4.5 pt), and '011-005-001 ANALISI', 3.8 pt apart,
    stays one cell (pira-a scan p3: with 0.5 heights, 3.75 pt, the code parted from its title)."""
    from camerale.extract.page_objects import PageObjects
    from camerale.extract.table_reader import _column_gap, _Line

    def line(top: float, texts: list[tuple[str, float, float]]) -> list[dict]:
        return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 7.5, "upright": True,
                 "confidence": 90.0} for t, x0, x1 in texts]

    words = line(100.0, [("Alla", 50, 65), ("camera", 67.7, 92), ("spetta", 95, 118)]) + \
        line(110.0, [("Il", 50, 55), ("sistema", 58, 85), ("economico", 88.3, 125)]) + \
        line(120.0, [("Ogni", 50, 68), ("anno", 71, 90)])
    page = PageObjects(number=1, width=595.0, height=842.0, words=words)
    assert _column_gap(page) == pytest.approx(0.6)
    code = _Line(line(130.0, [("011-005-001", 362.0, 408.0), ("ANALISI", 411.8, 440.0)]), 130.0, 137.5)
    assert len(code.chunks(_column_gap(page))) == 1


def test_a_cell_printed_over_the_last_letter_of_the_one_before_parts_where_its_column_starts(cases: Path) -> None:
    """'si/no' printed right after 'realizzazione' and 1.2 pt over its last letter (pdfplumber:
    'realizzazionesi/no'), with no jump in printing order to tell a run from kerning: the other lines start
    their algorithm exactly there, so the word parts (pira-a p12, 012-004/1/3; 0.96/0.97 -> 0.98/0.98)."""
    from make_table_cases import OVERLAP_ROWS

    [table] = _tables(_page_rows(cases, "overlapping_cells"))
    assert _grid(table) == OVERLAP_ROWS


def test_a_header_set_apart_under_a_results_row_starts_a_table_of_its_own(cases: Path) -> None:
    tables = _tables(_page_rows(cases, "results_then_objective"))
    assert [_grid(t) for t in tables] == [
        [["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"], ["---", "---", "100%"]],
        [["Titolo", "Descrizione", "Arco", "Centro", "Nr"],
         ["TRASPARENZA", "La Camera intende garantire\nil pieno assolvimento degli obblighi.", "Triennio",
          "Segretario\ngenerale", "1"]]]


def test_label_value_rows_with_short_values_above_a_header_are_not_its_rows(cases: Path) -> None:
    """'Indicatore' and 'Cosa misura' beside values of four words at most, in the header's first column:
    the five-field header under them heads a table of its own (its labels are not merged in their
    value column)."""
    first, second = _tables(_page_rows(cases, "short_fields_then_header"))
    assert _grid(first) == [["Indicatore", "Indagini di customer satisfaction"], ["Cosa misura", "Capacità di ascolto"]]
    assert _grid(second) == [
        ["Tipologia", "Unità di\nmisura", "Algoritmo di\ncalcolo", "Fonte dei dati", "Ultimo valore osservato"],
        ["efficacia", "percentuale", "% realizzazione", "rilevazione", "svolte indagini settoriali"]]


def test_the_rest_of_a_row_opening_its_page_is_a_table_of_its_own(cases: Path) -> None:
    """Under the running header, a line of five values and its wrapped lines, cut short by the next
    table: the rest of a row whose header ended the page before, a table for join_page_breaks to join."""
    first, second = _tables(_page_rows(cases, "row_rest_at_page_head"))
    assert _grid(first) == [["efficacia", "percentuale", "% realizzazione\nattività previste",
                             "rilevazione\nufficio\ncompetente", "Sportello legalità operativo"]]
    assert _grid(second)[0] == ["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"]


def test_row_run_through_three_text_columns_is_one_row(cases: Path) -> None:
    """A description row cut at the foot of page 1's right column runs through the whole left column of
    page 2 (its sides from head to foot, no rule across: a row open at both ends) and ends at the head of
    the right column.  Each part is read as a table of its own column; joined, they are one row."""
    with pdfplumber.open(write_case("row_through_columns", cases)) as pdf:
        first, second = (read_page(page) for page in pdf.pages)
    [cut] = _tables(first)
    assert _grid(cut) == [["Titolo", "FAVORIRE LO START UP"],
                          ["Descrizione", "In questo programma sono compresi i\nservizi resi dagli sportelli camerali\n"
                                          "alle imprese ed i progetti speciali\nanche per il tramite delle controllate."]]
    assert cut[-1].open_bottom
    middle, rest = _tables(second)
    assert _grid(middle) == [["", "Rientrano nel primo ambito gli\ninterventi richiesti dall'impresa in\n"
                                  "tutte le fasi della sua vita, dalla\nnascita fino allo sviluppo ed al"]]
    assert (middle[0].open_top, middle[0].open_bottom) == (True, True)
    assert _grid(rest) == [["", "consolidamento della struttura\naziendale."], ["Arco", "Annuale"]]
    assert rest[0].open_top
    [joined] = _tables(join_page_breaks(first + second))
    assert _grid(joined) == [
        ["Titolo", "FAVORIRE LO START UP"],
        ["Descrizione", "In questo programma sono compresi i\nservizi resi dagli sportelli camerali\n"
                        "alle imprese ed i progetti speciali\nanche per il tramite delle controllate.\n"
                        "Rientrano nel primo ambito gli\ninterventi richiesti dall'impresa in\n"
                        "tutte le fasi della sua vita, dalla\nnascita fino allo sviluppo ed al\n"
                        "consolidamento della struttura\naziendale."],
        ["Arco", "Annuale"]]
    assert joined[-1].cells[0].page == 2


def test_a_header_label_over_a_column_the_body_leaves_blank_heads_a_column(cases: Path) -> None:
    """Under a header ruled above and below, the rest of a table at a page head prints nothing in its
    first column: the header's label standing clear of the body's columns is a column of its own, not
    the start of 'INDICATORE' (the parts of one table must share their columns to be joined)."""
    [table] = _tables(_page_rows(cases, "header_over_blank_column"))
    assert _grid(table) == [
        ["DIRIGENTE PROMOZIONE E\nSVILUPPO DELLE IMPRESE", "INDICATORE", "%\nRAGGIUNGIMENTO"],
        ["", "INDICATORE 2e)\npredisposizione di un piano di gestione\ndelle attivita del museo", "100"],
        ["", "INDICATORE 3a)\npresentazione del programma di attivita", "95"],
        ["", "INDICATORE 3b)\nrealizzazione del programma approvato\ndalla Giunta", "100"]]

def test_a_label_wrapped_down_to_the_years_of_a_group_beside_it_is_the_first_header_rows(cases: Path) -> None:
    """A two-level header ruled above and under: 'Algoritmo / di / calcolo' wraps down to the line of the
    years under 'Risultato anno' beside it; its last word ends the label in the first header row, the years
    alone are the second."""
    [table] = _tables(_page_rows(cases, "years_beside_wrapped_labels"))
    grid = _grid(table)
    assert grid[0][:3] == ["Indicatore", "Algoritmo\ndi\ncalcolo", "Fonte\ndei dati"] and "Risultato anno" in grid[0]
    assert grid[1:] == [["", "", "", "2017", "2018", "2019"],
                        ["Ideazione di\nnuove azioni", "numero", "rilevazione\nufficio", "100%", "90%", "80%"],
                        ["Valutazione\ndegli esiti", "percentuale", "Infocamere", "---", "---", "95%"]]


def test_single_words_running_over_narrow_columns_stay_in_their_table(cases: Path) -> None:
    """'statistiche/economiche' runs into the blank target beside it, its cell alone going on below ('ai
    territori'); 'promozione/informazione' runs over two result columns.  Neither line is prose ending the
    table: every line stays in it, in its columns."""
    rows = _page_rows(cases, "overflowing_words")
    [table] = _tables(rows)

    def column(i: int) -> list[str]:
        return [line for row in table if row.cells[i] is not None for line in row.cells[i].text.split("\n") if line]

    assert column(0) == ["Indicatore", "Ideazione", "di nuove", "azioni", "Valutazione", "degli esiti", "del progetto",
                         "Monitoraggio", "della qualità", "dei servizi", "Attuazione", "dei piani", "di vigilanza"]
    assert column(1) == ["Ultimo valore", "realizzate le", "pubblicazioni", "statistiche/economiche", "ai territori",
                         "di Massa", "prosegue", "l'attività", "a sostegno", "avviato", "il servizio", "di ascolto",
                         "concluso", "il piano", "dei controlli"]
    assert column(2) == ["Target", "Realizzazione", "di almeno 2", "Campagne", "promozione/informazione", "e (di cui",
                         "Rilevazione", "di gradimento", "annuale", "Controlli", "a campione", "previsti"]
    assert [row.texts[0] for row in rows if row.table is None] == PROSE


def test_a_part_on_the_grid_moved_sideways_is_read_on_the_columns_of_the_part_above(cases: Path) -> None:
    """The second record printed 6 pt left of the header and the first: its cells would overlap the
    columns above, filled to within a few points of each other.  It is read on the grid above moved as
    much, as rows of the same table: its four cells in the four columns."""
    [table] = _tables(_page_rows(cases, "moved_grid_part"))
    assert _grid(table) == [["Indicatore", "Cosa misura", "Tipologia", "Fonte"],
                            ["Ideazione di nuove\nazioni di sistema\neconomico locale",
                             "Capacità di affermare\nil ruolo dell'ente\ncome promotore", "efficacia",
                             "rilevazione\ndell'ufficio\ncompetente"],
                            ["Attività di studio\ndelle informazioni\nutili alla definizione",
                             "Capacità di ascolto\ndelle imprese del\nterritorio", "efficienza", "Infocamere\ne ufficio\nstudi"]]



def _chunk(x0: float, text: str, top: float = 100.0) -> list[Word]:
    """One cell's words on a line, 5 pt a letter."""
    words, x = [], x0
    for part in text.split():
        words.append(Word(text=part, x0=x, x1=x + 5 * len(part), top=top, bottom=top + 8.5, upright=True))
        x += 5 * len(part) + 2.5
    return words


def test_a_body_moved_under_a_header_line_alone_is_on_a_moved_grid() -> None:
    """Under a header line alone (each label printed once, so no start is seen twice), the first record's
    cells start 6 pt left of the labels of their columns, the table's left edge too; those under the group
    label 'Risultato atteso' start where no label does.  Four of seven off by one distance: a grid moved by
    -6 pt.  The same cells on the labels' own starts are on the header's grid."""
    header = [_chunk(65.2, "Indicatore"), _chunk(121.0, "Cosa misura"), _chunk(176.8, "Tipologia"),
              _chunk(238.2, "Algoritmo"), _chunk(384.5, "Risultato atteso")]
    starts = [59.2, 115.0, 170.8, 232.2, 345.7, 386.7, 427.6]
    texts = ["Attuazione", "Capacità di", "qualità", "realizzazione", "attuazione", "attuazione", "attuazione"]
    moved = _moved_grid([_chunk(x, t, 112.0) for x, t in zip(starts, texts)], [header])
    assert moved is not None and round(moved, 1) == -6.0
    assert _moved_grid([_chunk(x + 6, t, 112.0) for x, t in zip(starts, texts)], [header]) is None


def test_a_word_running_out_past_the_table_s_side_rule_stays_whole_in_its_cell(cases: Path) -> None:
    """'RAGGIUNGIMENTO' wider than the last column, its last letters printed beyond the table's right rule:
    no cell holds them, and the word is its cell's, so the cell reads it whole (not 'RAGGIUNGIMEN')."""
    [table] = _tables(_page_rows(cases, "word_past_right_rule"))
    assert _grid(table) == [["SEGRETARIO GENERALE", "%\nRAGGIUNGIMENTO"],
                            ["INDICATORE 1) Rilevazione risultati standard di qualità", "97"],
                            ["INDICATORE 2) elaborazione dati nei termini richiesti", "100"]]


def _rendition_page(name: str, number: int) -> list[Row]:
    """The rows of one page of a committed rendition (samples/renditions/), page breaks not yet joined."""
    from fixtures import SAMPLES

    with pdfplumber.open(SAMPLES / "renditions" / name) as pdf:
        return read_page(pdf.pages[number - 1])


def _cell_texts(rows: list[Row]) -> list[str]:
    return [c.text for r in rows for c in r.cells if c is not None and c.text]


def test_the_rest_of_a_row_over_the_next_table_s_header_is_a_part_of_its_own() -> None:
    """pira-c page 19 opens with 'programmate' and 'competente', the last lines of the algorithm and the
    source cut at page 18's foot, right over the centred header 'Risultato atteso 2017 | 2018 | 2019': two
    cells of a part of their own, not one cell of the table under them ('programmate competente')."""
    rows = _rendition_page("pira-c-docx-libreoffice.pdf", 19)
    first = next(r for r in rows if r.table is not None)
    assert [c.text for c in first.cells if c is not None] == ["programmate", "competente"]
    header = next(r for r in rows if r.table == first.table + 1)
    assert [c.text for c in header.cells if c is not None] == [
        "Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"]


def test_a_word_in_capitals_broken_at_the_end_of_a_row_of_lines_is_marked() -> None:
    """pira-p page 8: the objective's title in capitals wraps in a narrow unruled column, each of its lines
    opening a row; 'DELL'ARTIGIANAT' fills its line and 'O, DEI BENI' opens the next: the first row's cell
    ends in a soft hyphen (the document's words judge it, ``resolve_word_breaks``)."""
    titles = [r.cells[0].text for r in _rendition_page("pira-p-docx-ruled-header-serif.pdf", 8)
              if r.table is not None and r.cells[0] is not None]
    rest = titles.index("O, DEI BENI")
    assert titles[rest - 2:rest + 1] == ["DEL TURISMO,", "DELL'ARTIGIANAT\u00ad", "O, DEI BENI"]


def test_a_period_broken_onto_its_own_line_is_marked_as_its_word_s_end() -> None:
    """pira-g page 7: "dell'innovazione." is wider than its ruled cell; LibreOffice sets the period alone on
    the next line.  The line before it fills the cell: a soft hyphen joins them ('innovazione .' no more)."""
    texts = _cell_texts(_rendition_page("pira-g-docx-landscape-grid.pdf", 7))
    assert any(t.endswith("cultura\ndell'innovazione\u00ad\n.") for t in texts)


def test_a_word_broken_at_a_page_foot_is_marked_by_the_cell_s_widest_letter() -> None:
    """pira-g page 22 ends with 'realizzazi' in the algorithm's cell; its rest ('one') is on page 23.  The
    room left on the line (4.5 pt) is less than an 'o' but more than the cell's median small letter: measured
    against the widest letter the rest may open with, the line is marked."""
    rows = [r for r in _rendition_page("pira-g-docx-landscape-grid.pdf", 22) if r.table is not None]
    assert "%\nrealizzazi\u00ad" in [c.text for c in rows[-1].cells if c is not None]


def test_only_a_table_ending_its_page_may_go_on_on_the_next() -> None:
    """A cell's last line is marked as going on past a page break only in a table ending its page: pira-g's
    indicators at page 22's foot (only 'pag. 22' below), not pira-p's header ruled over the body under it."""
    from fixtures import SAMPLES

    with pdfplumber.open(SAMPLES / "renditions" / "pira-g-docx-landscape-grid.pdf") as pdf:
        assert _ends_page(from_pdfplumber(pdf.pages[21]), 541.5)
    with pdfplumber.open(SAMPLES / "renditions" / "pira-p-docx-ruled-header-serif.pdf") as pdf:
        assert not _ends_page(from_pdfplumber(pdf.pages[23]), 205.0)
