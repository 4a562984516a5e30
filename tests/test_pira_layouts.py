"""The PIRA parser on the same records printed in other layouts, built here from the gold.

Each layout prints the first programme block of the gold (five objectives, their resources and
indicators) the way other chambers' templates do: labels in a column with the value beside or
after a colon, objective fields as a header row above their values, indicators as rows of one
table under a two-level year header, the table broken between its header and its values with
the header repeated, wrapped cells given as several rows, other words for the labels.  Every
printed value is the gold's; the expected records are the gold's.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from collections.abc import Callable, Iterator

import pytest

from camerale.model import Box, Cell, DocumentInfo, Layout, ParseContext, Row
from camerale.parse.pira import parse
from gold_compare import compare_tables, load_gold
from layout_rows import Page, euro

INFO = DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA")
ITEMS = {"proventi_correnti": "proventi correnti", "oneri_correnti": "oneri correnti",
         "investimenti": "investimenti"}


def _gold_block() -> dict:
    gold = copy.deepcopy(load_gold())
    gold["blocks"] = gold["blocks"][:1]
    block = gold["blocks"][0]
    gold["summary_objectives"] = [o for o in gold["summary_objectives"]
                                  if (o["mission_code"], o["program_code"]) == (block["mission_code"],
                                                                                block["program_code"])]
    return gold


GOLD = _gold_block()
BLOCK = GOLD["blocks"][0]
OVERVIEW = GOLD["summary_objectives"]


def _block_rows(page: Page, width: int, glued: bool = False) -> list[Row]:
    if glued:
        return [page.row([f"Missione: {BLOCK['mission_code']} - {BLOCK['mission_name']}"], [width], table=False),
                page.row([f"Programma: {BLOCK['program_code']} - {BLOCK['program_name']}"], [width], table=False)]
    return [page.row(["Missione", f"{BLOCK['mission_code']} - {BLOCK['mission_name']}"], [1, width - 1]),
            page.row(["Programma", f"{BLOCK['program_code']} - {BLOCK['program_name']}"], [1, width - 1])]


def label_column() -> Iterator[Row]:
    """Every field in a label column, 'Label: value' in one cell for the objective, synonyms."""
    page = Page([150, 110, 110, 110])
    yield page.row(["Obiettivi", "\n".join(f"{o['objective_code']} {o['title']}" for o in OVERVIEW)], [1, 3])
    page.new_page()
    yield from _block_rows(page, 4, glued=True)
    for ob in BLOCK["objectives"]:
        page.new_table()
        yield page.row([f"Obiettivo strategico: {ob['title_raw']}"], [4])
        yield page.row([f"DESCRIZIONE: {ob['description'] or ''}"], [4])
        yield page.row([f"Durata: {ob['time_span']}"], [4])
        yield page.row([f"Centro di responsabilita': {ob['responsibility_center']}"], [4])
        yield page.row(["Risorse", *ITEMS.values()])
        for phase in ("preventivo", "consuntivo"):
            amounts = {r["item"]: r["amount"] for r in ob["resources"] if r["phase"] == phase}
            yield page.row([f"Risorse {phase} 2019", *(euro(amounts[i]) for i in ITEMS)])
        yield page.row(["Numero indicatori", str(ob["n_indicators_declared"])], [1, 3])
        page.new_page()
        for ind in ob["indicators"]:
            page.new_table()
            yield page.row(["Indicatore di performance", ind["name"]], [1, 3])
            yield page.row(["Descrizione indicatore", ind["measures"]], [1, 3])
            yield page.row(["Tipo", ind["type"]], [1, 3])
            yield page.row(["U.M.", ind["unit"]], [1, 3])
            yield page.row(["Formula", ind["algorithm"]], [1, 3])
            yield page.row(["Fonte", ind["source"]], [1, 3])
            yield page.row(["Valore di partenza", ind["last_observed"]], [1, 3])
            for t in ind["targets"]:
                yield page.row([f"Target {t['year']}", t["text"]], [1, 3])
            for r in ind["results"]:
                yield page.row([f"Valore a consuntivo {r['year']}", r["text"]], [1, 3])
        page.new_page()


def header_rows() -> Iterator[Row]:
    """Objective fields as a header row over their values; indicators as rows of one table under a
    two-level year header, the table broken after its header and the header repeated."""
    widths = [90, 90, 40, 40, 50, 50, 50, 45, 45, 45, 45, 45, 45]
    page = Page(widths)
    yield page.row(["Codice", "Obiettivo"], [2, 11])  # the overview: codes in a column of their own
    for o in OVERVIEW:
        yield page.row([o["objective_code"], o["title"]], [2, 11])
    page.new_page()
    yield from _block_rows(page, 13)
    for ob in BLOCK["objectives"]:
        page.new_table()
        yield page.row(["Titolo", "Descrizione", "Arco temporale", "Centro di responsabilità",
                        "Nr indicatori associati"], [2, 4, 2, 3, 2])
        yield page.row([ob["title_raw"], ob["description"], ob["time_span"], ob["responsibility_center"],
                        str(ob["n_indicators_declared"])], [2, 4, 2, 3, 2])
        yield page.row(["", "Risorse preventivo 2019", "Risorse consuntivo 2019"], [3, 5, 5])
        for item, printed in ITEMS.items():
            amounts = {r["phase"]: r["amount"] for r in ob["resources"] if r["item"] == item}
            yield page.row([printed, euro(amounts["preventivo"]), euro(amounts["consuntivo"])], [3, 5, 5])
        page.new_table()
        head = [["Indicatore", "Cosa misura", "Tipologia", "Unità di misura", "Algoritmo di calcolo",
                 "Fonte dei dati", "Ultimo valore osservato", "Risultato atteso", "Risultato anno"],
                [1, 1, 1, 1, 1, 1, 1, 3, 3]]
        years = [[None] * 7 + ["2017", "2018", "2019", "2017", "2018", "2019"], None]
        yield page.row(*head)
        yield page.row(*years)
        for n, ind in enumerate(ob["indicators"]):
            if n == 1:  # the table breaks after its first indicator; the header is repeated
                page.new_page()
                yield page.row(["Camera di Commercio di Lucca – PIRA 2019"], [13], table=False)
                yield page.row(*head)
                yield page.row(*years)
            targets = {t["year"]: t["text"] for t in ind["targets"]}
            results = {r["year"]: r["text"] for r in ind["results"]}
            yield page.row([ind["name"], ind["measures"], ind["type"], ind["unit"], ind["algorithm"],
                            ind["source"], ind["last_observed"],
                            *(targets.get(y) or "" for y in (2017, 2018, 2019)),
                            *(results.get(y) or "" for y in (2017, 2018, 2019))])
        page.new_page()


def split_rows() -> Iterator[Row]:
    """The label-column layout with every long value wrapped and given as two rows."""
    for row in label_column():
        cells = row.cells
        value = next((c for c in cells[1:] if c is not None and c.text), None)
        words = value.text.split() if value is not None else []
        if len(words) < 8 or row.table is None:
            yield row
            continue
        half = len(words) // 2
        first = [c if c is not value else Cell(" ".join(words[:half]), c.page, c.bbox) for c in cells]
        yield Row(first, row.page, row.table)
        below = Box(value.bbox.x0, value.bbox.bottom + 1, value.bbox.x1, value.bbox.bottom + 13)
        rest = [None if c is not value else Cell(" ".join(words[half:]), c.page, below) for c in cells]
        rest[0] = Cell("", row.page, Box(cells[0].bbox.x0, below.top, cells[0].bbox.x1, below.bottom))
        yield Row(rest, row.page, row.table)


def prose_fields() -> Iterator[Row]:
    """The label-column layout with each indicator field as a line of prose, 'Label value' (a reader found
    no table there); the indicator's label and its last target's label alone at a page's foot, their
    values on the next page's first lines."""
    breaks = 0   # pages the breaks added so far
    for row in label_column():
        row = _paged(row, breaks)
        label = row.filled[0].text if row.filled else ""
        if row.table is None or not label.startswith(_INDICATOR_LABELS):
            yield row
            continue
        value = row.filled[1].text
        if label.startswith(("Indicatore", "Target 2019")):
            yield _line(row, label)
            breaks += 1
            yield from (_line(_paged(row, 1), part) for part in _halves(value))
        else:
            yield _line(row, f"{label} {value}")


_INDICATOR_LABELS = ("Indicatore", "Descrizione indicatore", "Tipo", "U.M.", "Formula", "Fonte", "Valore", "Target")


def _paged(row: Row, pages: int) -> Row:
    """``row`` moved ``pages`` pages on."""
    return Row([None if c is None else replace(c, page=c.page + pages) for c in row.cells], row.page + pages,
               row.table)


def _line(row: Row, text: str) -> Row:
    """``text`` as a prose line in the place of ``row``."""
    first, last = row.filled[0], row.filled[-1]
    box = Box(first.bbox.x0, first.bbox.top, last.bbox.x1, first.bbox.bottom)
    return Row([Cell(text, row.page, box)], row.page, None)


def _halves(text: str) -> list[str]:
    """A long value printed on two lines."""
    words = text.split()
    return [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])] if len(words) > 3 else [text]


LAYOUTS: dict[str, Callable[[], Iterator[Row]]] = {
    "prose fields, a label alone at a page foot": prose_fields,
    "label column, synonyms": label_column,
    "header rows, list table, repeated header": header_rows,
    "wrapped cells as separate rows": split_rows,
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_gold_field_in_other_layouts(name: str) -> None:
    rows = list(LAYOUTS[name]())
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    comparison = compare_tables(doc.tables, GOLD)
    print(f"\n[{name}]\n{comparison.summary()}")
    for difference in comparison.differences[:30]:
        print("  ", difference)
    for table, score in comparison.scores.items():
        assert score.gold_fields > 0
        assert (score.recall, score.precision) == (1.0, 1.0), table


def test_values_under_a_header_before_any_indicator_are_a_loss_not_a_crash() -> None:
    """A layout never seen: targets under a year header while no indicator has been read. The values are
    counted as printed and placed in no record (completeness), the document is still read."""
    p = Page([120, 120, 120])
    rows = [p.row(["", "Risultato atteso 2018", "Risultato atteso 2019"]),
            p.row(["Risultato atteso", "100%", "100%"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert not doc.tables.get("indicator_values")
    assert any("outside any indicator" in message for message in doc.unplaced)


def test_header_labels_broken_across_the_lines_of_narrow_cells() -> None:
    """'Tipolog' / 'ia' and 'Algoritm' / 'o di' / 'calcolo' (words a narrow DOCX cell broke) are the labels."""
    p = Page([90, 150, 60, 60, 90])
    rows = [p.row(["Missione", "011 - Competitività delle imprese"], [1, 4]),
            p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"], [1, 4]),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [1, 4]),
            p.row(["Nr indicatori associati", "1"], [1, 4])]
    p.table += 1
    rows += [p.row(["Indicatore", "Cosa misura", "Tipolog\nia", "Unità di\nmisura", "Algoritm\no di\ncalcolo"]),
             p.row(["Ideazione di nuove azioni", "Capacità di affermare il ruolo", "efficacia", "percentuale",
                    "% realizzazione attività programmate"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [indicator] = doc.tables["indicators"]
    assert (indicator["name"], indicator["type_raw"], indicator["unit"], indicator["algorithm"]) == (
        "Ideazione di nuove azioni", "efficacia", "percentuale", "% realizzazione attività programmate")


def test_dashes_after_a_labels_colon_are_its_value() -> None:
    """'Risultato atteso 2017: ---' prints a value (the placeholder), not a header waiting for values."""
    p = Page([240, 240])
    rows = [p.row(["Missione: 011 - Competitività delle imprese"], [2]),
            p.row(["Programma: 005 - Promozione e attuazione di politiche di sviluppo"], [2]),
            p.row(["Titolo: ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [2]),
            p.row(["Indicatore: Attività di studio"], [2])]
    p.table += 1
    rows += [p.row(["Tipologia: efficacia", "Risultato atteso 2017: ---"]),
             p.row(["Risultato atteso 2018: – –", "Risultato atteso 2019: Attività di studio"]),
             p.row(["Risultato anno 2017: ---", "Risultato anno 2019: 100%"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(r["kind"], r["year"], r["text"]) for r in doc.tables["indicator_values"]] == [
        ("target", 2017, "---"), ("target", 2018, "---"), ("target", 2019, "Attività di studio"),
        ("result", 2017, "---"), ("result", 2019, "100%")]
    assert not doc.warnings


def _prose_indicator(programme: str, title: str, indicator: str, values: list[str]) -> list[Row]:
    """An indicator of mission 032 printed as lines of prose, one a field, its values' lines last."""
    p = Page([480])
    return [p.line(text) for text in ("Missione: 032 - Servizi istituzionali e generali delle amministrazioni pubbliche",
                                      f"Programma: {programme}", f"Titolo: {title}", f"Indicatore {indicator}",
                                      *values)]


def test_dashes_ending_a_line_after_a_label_are_its_value() -> None:
    """'Risultato anno 2017 ---' as a line of prose, no colon: the dashes are the value, not the label's end."""
    rows = _prose_indicator("002 - Indirizzo politico", "TRASPARENZA. (PROGETTO 3D0101)",
                            "Revisione Carta dei servizi",
                            ["Risultato anno 2017 ---", "Risultato anno 2018 —", "Risultato anno 2019 100%"])
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(r["kind"], r["year"], r["text"]) for r in doc.tables["indicator_values"]] == [
        ("result", 2017, "---"), ("result", 2018, "---"), ("result", 2019, "100%")]
    assert not doc.warnings


def test_a_minus_sign_after_a_label_is_the_values() -> None:
    """'Risultato anno 2017 -3,05%' as a line of prose: the dash set right before the figure is its minus
    sign, not a separator after the label (gold: objective 032-004-001, indicator 2); a dash set apart by
    blanks ('2019 - 10,68%') separates, as in 'Missione: 032 - Servizi'."""
    rows = _prose_indicator("004 - Servizi generali, formativi ed approvvigionamenti per le amministrazioni pubbliche",
                            "RIDUZIONE DEI COSTI. (PROGETTO 3C0101)", "Riduzione del costo complessivo del personale",
                            ["Risultato anno 2017 -3,05%", "Risultato anno 2018 –7,06%", "Risultato anno 2019 - 10,68%"])
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(r["kind"], r["year"], r["text"], r["value"]) for r in doc.tables["indicator_values"]] == [
        ("result", 2017, "-3,05%", -3.05), ("result", 2018, "–7,06%", -7.06), ("result", 2019, "10,68%", 10.68)]


def test_a_value_under_a_header_reading_as_a_label_is_a_value() -> None:
    """'Responsabile' printed as the responsibility centre, under the 'Centro di responsabilità' header and
    after the row's first values, is that centre, not a label opening a field of its own."""
    p = Page([120, 200, 60, 120, 60])
    rows = [p.row(["Missione", "032 - Servizi istituzionali e generali delle amministrazioni pubbliche"], [1, 4]),
            p.row(["Programma", "002 - Indirizzo politico"], [1, 4])]
    p.table += 1
    rows += [p.row(["Titolo", "Descrizione", "Arco temporale", "Centro di responsabilità", "Nr indicatori associati"]),
             p.row(["TRASPARENZA.", "La Camera di Lucca intende garantire", "Triennio", "Responsabile", "1"]),
             p.row(["(PROGETTO 3D0101)", "il pieno assolvimento", "", "trasparenza e", ""]),
             p.row(["", "degli obblighi", "", "anticorruzione", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == "TRASPARENZA. (PROGETTO 3D0101)"
    assert objective["responsibility_center"] == "Responsabile trasparenza e anticorruzione"
    assert (objective["time_span"], objective["n_indicators_declared"]) == ("Triennio", 1)
    assert not doc.unplaced


def test_header_labels_broken_at_every_line_and_a_title_line_reading_as_a_label() -> None:
    """A column narrower than 'temporale' breaks the header's labels over five lines ('Arco' 'temporal' 'e'
    'realizzaz' 'ione'); under 'Titolo', a title's line 'TIPO' is a word of the title, not the 'Tipo'
    label of an indicator's type."""
    p = Page([120, 200, 50, 100, 50])
    rows = [p.row(["Missione", "012 - Regolazione dei mercati"], [1, 4]),
            p.row(["Programma", "004 - Vigilanza sui mercati e sui prodotti"], [1, 4])]
    p.table += 1
    rows += [p.row(["Titolo", "Descrizione", "Arco\ntemporal\ne\nrealizzaz\nione", "Centro di\nresponsabilità",
                    "Nr\nindicat\nori\nassocia\nti"]),
             p.row(["MANTENIMENTO E", "Il patto che questa Amministrazione", "Annuale", "Area dirigenziale", "3"]),
             p.row(["PERFORMANCE DI", "intende sottoscrivere con le imprese", "", "Anagrafico", ""]),
             p.row(["TIPO", "ha ad oggetto i servizi anagrafici.", "", "", ""]),
             p.row(["ANAGRAFICO", "", "", "", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == "MANTENIMENTO E PERFORMANCE DI TIPO ANAGRAFICO"
    assert objective["description"] == ("Il patto che questa Amministrazione intende sottoscrivere con le imprese "
                                        "ha ad oggetto i servizi anagrafici.")
    assert (objective["time_span"], objective["responsibility_center"], objective["n_indicators_declared"]) == (
        "Annuale", "Area dirigenziale Anagrafico", 3)
    assert not doc.unplaced


def test_a_wrapped_value_that_starts_with_a_label_word_is_no_label() -> None:
    """Under a header, a row whose first column is empty holds the further lines of the cells above:
    'periodo precedente' (the end of 'confronto con periodo precedente') is no 'periodo' label."""
    p = Page([90, 90, 90, 90, 120])
    rows = [p.row(["Missione", "011 - Competitività delle imprese"], [1, 4]),
            p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"], [1, 4]),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [1, 4]),
            p.row(["Arco temporale", "Annuale"], [1, 4]),
            p.row(["Indicatore", "Contenimento del costo del personale"], [1, 4])]
    p.table += 1
    rows += [p.row(["Tipologia", "Unità di misura", "Algoritmo di calcolo", "Fonte dei dati", "Ultimo valore osservato"]),
             p.row(["efficacia", "valore assoluto", "confronto con", "rilevazione", "Si registra una riduzione"]),
             p.row(["", "", "periodo precedente", "ufficio competente", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["time_span"] == "Annuale"
    [indicator] = doc.tables["indicators"]
    assert (indicator["algorithm"], indicator["source"]) == ("confronto con periodo precedente",
                                                             "rilevazione ufficio competente")


def test_a_value_beside_other_cells_glues_no_label() -> None:
    """Under a targets header, 'tempi di sospensione delle' (a value that opens with the 'tempi' label
    word, the row's first cell) beside other cells is a value, not a time span starting an objective."""
    p = Page([150, 150, 150])
    rows = [p.row(["Missione", "011 - Competitività delle imprese"], [1, 2]),
            p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"], [1, 2]),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [1, 2]),
            p.row(["Indicatore", "Riduzione dei tempi"], [1, 2])]
    p.table += 1
    rows += [p.row(["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"]),
             p.row(["diminuzione dei", "diminuzione dei", "diminuzione dei"]),
             p.row(["tempi di sospensione delle", "tempi di sospensione", "tempi di sospensione"]),
             p.row(["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"]),
             p.row(["2,9 gg", "3,1 gg", "3,9 gg"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert len(doc.tables["objectives"]) == 1
    values = {(r["kind"], r["year"]): r["text"] for r in doc.tables["indicator_values"]}
    assert values == {("target", 2017): "diminuzione dei tempi di sospensione delle",
                      ("target", 2018): "diminuzione dei tempi di sospensione",
                      ("target", 2019): "diminuzione dei tempi di sospensione",
                      ("result", 2017): "2,9 gg", ("result", 2018): "3,1 gg", ("result", 2019): "3,9 gg"}


def test_a_title_line_that_opens_with_a_label_word_goes_on_with_the_title() -> None:
    """Label | value rows, each printed line a row: the title's second line, 'RISORSE UMANE. (PROGETTO
    2C0101)', opens with the 'Risorse' label word under an empty label cell: the title goes on."""
    p = Page([120, 330])
    rows = [*_block_rows(p, 2),
            p.row(["Titolo", "FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE"]),
            p.row(["", "RISORSE UMANE. (PROGETTO 2C0101)"]),
            p.row(["Arco temporale", "Annuale"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == ("FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE "
                                  "RISORSE UMANE. (PROGETTO 2C0101)")
    assert objective["project_codes"] == ["2C0101"]
    assert objective["time_span"] == "Annuale"


def test_a_colon_field_going_on_with_a_line_that_opens_with_risorse_is_one_title() -> None:
    """'Titolo: ... LE' as prose, its next line 'RISORSE UMANE. (PROGETTO 2C0101)' set from the same left
    edge: 'Risorse' followed by words naming no phase is no resources label; the title goes on."""
    p = Page([450])
    rows = [*_block_rows(p, 1, glued=True),
            p.line("Titolo: FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE"),
            p.line("RISORSE UMANE. (PROGETTO 2C0101)"),
            p.line("Arco temporale: Annuale")]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == ("FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE "
                                  "RISORSE UMANE. (PROGETTO 2C0101)")
    assert (objective["project_codes"], objective["time_span"]) == (["2C0101"], "Annuale")
    assert not doc.warnings


def test_a_value_going_on_at_the_top_of_the_next_text_column_is_one_value() -> None:
    """A page set in two text columns: the last value of the left column goes on at the top of the right
    one, as the first row of a table part whose label cell is empty (another x, higher on the page)."""
    p = Page([120, 330])
    rows = [*_block_rows(p, 2),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"]),
            p.row(["Indicatore", "Promozione locale e nazionale"]),
            p.row(["Ultimo valore osservato", "con il MuSA ha coordinato 1. Sicily histories 2. VEDI"])]
    right = Page([60, 200])
    right.edges = [x + 420 for x in right.edges]   # the right text column, from the top of the page
    right.table = 1
    rows += [right.row(["", 'realizzato "Il Desco 2019".']),
             right.row(["Risultato atteso 2017", "Promozione locale"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [indicator] = doc.tables["indicators"]
    assert indicator["last_observed"] == ('con il MuSA ha coordinato 1. Sicily histories 2. VEDI '
                                          'realizzato "Il Desco 2019".')


def test_a_value_cut_at_the_foot_of_a_text_column_goes_on_in_the_cell_the_next_column_opens() -> None:
    """pira-x (ReportLab, two text columns, full grid): 'Cosa misura: ...' is read as a line at the foot of
    the left column; its cell goes on at the top of the right one, in a row the reader found open at its
    top, the value in the row's first cell (the whole width: no label cell left blank).  Gold text."""
    p = Page([120, 210])
    rows = [*_block_rows(p, 2),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"]),
            p.line("Indicatore: Promozione locale e nazionale"),
            p.line("Cosa misura: Capacità di valorizzare le produzioni artigianali")]
    right = Page([115, 115])
    right.edges = [x + 420 for x in right.edges]   # the right text column, from the top of the page
    right.table = 1
    rows += [replace(right.row(["ed agroalimentari", None]), open_top=True),
             right.row(["Tipologia: efficacia", "Unità di misura: percentuale"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [indicator] = doc.tables["indicators"]
    assert indicator["measures"] == "Capacità di valorizzare le produzioni artigianali ed agroalimentari"
    assert (indicator["type"], indicator["unit"]) == ("efficacia", "percentuale")


def test_a_prose_line_set_under_the_value_goes_on_with_it() -> None:
    """Without a table (too few lines before a page break for a reader to take them for one): the title's
    next line starts under the value, right of the 'Titolo' label, and opens with the 'Risorse' word."""
    p = Page([120, 330])
    rows = [*_block_rows(p, 2),
            p.line("Titolo FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE")]
    line = p.line("RISORSE UMANE. (PROGETTO 2C0101)")
    [cell] = line.filled
    rows += [Row([Cell(cell.text, cell.page, Box(156.0, cell.bbox.top, cell.bbox.x1, cell.bbox.bottom))],
                 line.page, None),
             p.line("Arco temporale Annuale")]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == ("FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE "
                                  "RISORSE UMANE. (PROGETTO 2C0101)")
    assert objective["time_span"] == "Annuale"


def test_objective_rows_under_a_header_broken_by_lines_and_by_a_page() -> None:
    """Objective fields as a header row over values a reader gives line by line (the title in capitals,
    a responsibility centre of three words on its first line), the header printed again on the next
    page over the rest of the description: one objective.  'RISORSE UMANE. (PROGETTO' opening a line of
    the title beside other cells is the title's, not a 'Risorse' label."""
    p = Page([120, 200, 60, 120, 60])
    header = ["Titolo", "Descrizione", "Arco temporale", "Centro di responsabilità", "Nr indicatori associati"]
    rows = [p.row(["Missione", "011 - Competitività delle imprese"], [1, 4]),
            p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"], [1, 4])]
    p.table += 1
    rows += [p.row(header),
             p.row(["FAVORIRE LO START UP", "In questo programma sono compresi", "Annuale",
                    "Area dirigenziale Anagrafico-", "4"]),
             p.row(["RISORSE UMANE. (PROGETTO", "i servizi", "", "certificativa", ""]),
             p.row(["2C0101)", "per le imprese", "", "", ""])]
    p.new_page()
    rows += [p.row(header), p.row(["", "e le start up.", "", "", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["title"] == "FAVORIRE LO START UP RISORSE UMANE. (PROGETTO 2C0101)"
    assert objective["description"] == "In questo programma sono compresi i servizi per le imprese e le start up."
    assert (objective["time_span"], objective["n_indicators_declared"]) == ("Annuale", 4)
    assert objective["responsibility_center"] == "Area dirigenziale Anagrafico-certificativa"
    assert not doc.tables["resources"] and not doc.unplaced


def test_fields_side_by_side_going_on_after_a_page_break_go_on_column_by_column() -> None:
    """'Label: value' fields two a row; a page break cuts the row of 'Ultimo valore osservato' and
    'Risultato atteso 2017': the next page opens with the rest of both values, one under each."""
    p = Page([240, 240])
    rows = [p.row(["Missione: 011 - Competitività delle imprese"], [2]),
            p.row(["Programma: 005 - Promozione e attuazione di politiche di sviluppo"], [2]),
            p.row(["Titolo: ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [2]),
            p.row(["Indicatore: Promozione locale e nazionale"], [2])]
    p.table += 1
    rows += [p.row(["Tipologia: efficacia", "Unità di misura: realizzazione attività programmate"]),
             p.row(["Ultimo valore osservato: Nell'ambito di Lubecc 2019 la Camera ha partecipato, con il "
                    "Polo tecnologico Lucchese, a Createch (maratona di creatività); con il MuSA ha",
                    "Risultato atteso 2017: Promozione locale e nazionale finalizzata alla valorizzazione "
                    "delle produzioni artigianali ed agroalimentari: realizzazione di almeno due eventi, in"])]
    p.new_page()
    rows += [p.row(['coordinato 1. Sicily histories 2. VEDI 3. Valorizzare siti culturali outdoor con la Mixed '
                    'Reality realizzato "Il Desco 2019".',
                    "proporzione e subordinatamente alle risorse di bilancio."]),
             p.row(["Risultato anno 2017: 100%", "Risultato anno 2018:"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [indicator] = doc.tables["indicators"]
    assert indicator["last_observed"] == (
        "Nell'ambito di Lubecc 2019 la Camera ha partecipato, con il Polo tecnologico Lucchese, a Createch "
        "(maratona di creatività); con il MuSA ha coordinato 1. Sicily histories 2. VEDI 3. Valorizzare siti "
        'culturali outdoor con la Mixed Reality realizzato "Il Desco 2019".')
    values = {(r["kind"], r["year"]): r["text"] for r in doc.tables["indicator_values"]}
    assert values == {("target", 2017): "Promozione locale e nazionale finalizzata alla valorizzazione delle "
                      "produzioni artigianali ed agroalimentari: realizzazione di almeno due eventi, in "
                      "proporzione e subordinatamente alle risorse di bilancio.",
                      # 'Risultato anno 2018:' printed empty: the year is there, its value is not printed.
                      ("result", 2017): "100%", ("result", 2018): None}


def test_a_line_that_leaves_a_short_value_of_its_record_blank_goes_on_with_it() -> None:
    """Indicators as rows of one table, each wrapped cell given line by line: the record's first line
    prints the type and the units ('efficacia', a unit run over into the algorithm's column); the next
    line leaves the type blank but prints in the algorithm's column, which the first left to the unit:
    the further lines of the same indicator, not a new one.  The next indicator prints its type again."""
    p = Page([100, 100, 60, 70, 90, 100])
    rows = [*_block_rows(p, 6),
            p.row(["Titolo", "RAFFORZAMENTO IMMAGINE DEL REGISTRO IMPRESE (PROGETTO 2B0101)"], [1, 5])]
    p.table += 1
    rows += [p.row(["Indicatore", "Cosa misura", "Tipologia", "Unità di misura", "Algoritmo di calcolo",
                    "Risultato anno 2019"]),
             p.row(["Monitoraggio", "Verifica l'efficacia", "efficacia", "realizzazione", "Tempo medio"],
                   [1, 1, 1, 2, 1]),
             p.row(["sull'efficacia delle", "delle azioni", "", "attività", "% di realizzazione", "di sospensione"]),
             p.row(["azioni formative", "formative verso", "", "", "delle attività", "pari a 2,4"]),
             p.row(["verso l'utenza", "l'utenza", "", "", "programmate", ""]),
             p.row(["miglioramento del", "miglioramento del", "efficacia", "realizzazione", "% di realizzazione",
                    "100%"]),
             p.row(["canale di comunicazione", "canale di comunicazione", "", "attività", "delle attività", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(i["name"], i["type"]) for i in doc.tables["indicators"]] == [
        ("Monitoraggio sull'efficacia delle azioni formative verso l'utenza", "efficacia"),
        ("miglioramento del canale di comunicazione", "efficacia")]
    assert [r["text"] for r in doc.tables["indicator_values"]] == [
        "Tempo medio di sospensione pari a 2,4", "100%"]


def test_a_line_of_the_introduction_opening_with_a_label_word_is_prose() -> None:
    """Before any Missione/Programma block, 'finalità individuate ...' (a line of the introduction) is no
    'Finalità' label of an indicator: no field, no warning."""
    p = Page([480])
    rows = [p.line("Le missioni rappresentano le funzioni principali, mentre i programmi perseguono le"),
            p.line("finalità individuate nell'ambito di ciascuna missione."),
            p.line("Per ogni programma di spesa, il PIRA consuntivo fornisce una descrizione sintetica.")]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert not doc.warnings and not doc.unplaced


def test_resource_items_a_reader_gave_as_one_row_are_one_row_each() -> None:
    """'oneri correnti' over 'investimenti' in one row (the preventivo amount of 'investimenti' is not
    printed, so the reader took its line for a wrapped line of the row above): one item per line, each
    amount the item's printed at its height, the missing one left without an amount."""
    p = Page([120, 120, 120])
    rows = [p.row(["Missione", "011 - Competitività delle imprese"], [1, 2]),
            p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"], [1, 2]),
            p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"], [1, 2])]
    p.table += 1
    rows += [p.row(["", "Risorse preventivo 2019", "Risorse consuntivo 2019"]),
             p.row(["proventi correnti", "€ 14.000,00", "€ 23.000,00"])]
    top = p.top
    rows.append(Row([Cell("oneri correnti\ninvestimenti", p.page, Box(36.0, top, 156.0, top + 24)),
                     Cell("€ 10.077,00", p.page, Box(156.0, top, 276.0, top + 12)),
                     Cell("€ 10.069,00\n€ 0,00", p.page, Box(276.0, top, 396.0, top + 24))], p.page, p.table))
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert sorted((r["phase"], r["item"], r["amount_text"]) for r in doc.tables["resources"]) == [
        ("consuntivo", "investimenti", "€ 0,00"), ("consuntivo", "oneri_correnti", "€ 10.069,00"),
        ("consuntivo", "proventi_correnti", "€ 23.000,00"), ("preventivo", "investimenti", None),
        ("preventivo", "oneri_correnti", "€ 10.077,00"), ("preventivo", "proventi_correnti", "€ 14.000,00")]


def test_a_resources_table_begun_as_prose_at_a_page_foot_goes_on_in_cells() -> None:
    """The resources header and first item left at a page foot as lines of prose ('proventi correnti
    € 1.000,00 € 8.486,00': one line, both amounts), the table on the next page with its header printed
    again in cells: the line's amounts go under the phase columns in their order, and the header in cells
    places the rest (gold: objective 012-004-002)."""
    p = Page([120, 120, 120])
    rows = [p.row(["Missione", "012 - Regolazione dei mercati"], [1, 2]),
            p.row(["Programma", "004 - Vigilanza sui mercati e sui prodotti"], [1, 2]),
            p.row(["Titolo", "VIGILANZA DEL MERCATO (PROGETTO 1E0101)"], [1, 2]),
            p.line("Risorse preventivo 2019 Risorse consuntivo 2019"),
            p.line("proventi correnti € 1.000,00 € 8.486,00")]
    p.new_page()
    rows += [p.row(["", "Risorse preventivo 2019", "Risorse consuntivo 2019"]),
             p.row(["oneri correnti", "€ 2.000,00", "€ 0,00"]), p.row(["investimenti", "€ 0,00", "€ 0,00"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert sorted((r["phase"], r["item"], r["amount_text"]) for r in doc.tables["resources"]) == [
        ("consuntivo", "investimenti", "€ 0,00"), ("consuntivo", "oneri_correnti", "€ 0,00"),
        ("consuntivo", "proventi_correnti", "€ 8.486,00"), ("preventivo", "investimenti", "€ 0,00"),
        ("preventivo", "oneri_correnti", "€ 2.000,00"), ("preventivo", "proventi_correnti", "€ 1.000,00")]
    assert not doc.warnings


def test_labels_broken_at_nearly_every_line_or_over_two_rows() -> None:
    """A two-column page's narrow tables: 'Programma' broken over two rows ('Program' over 'ma'), the
    objective header's labels broken at nearly every line ('Arc' 'o te' 'mpo' 'rale' 'reali' 'zzaz' 'ione')."""
    p = Page([50, 150])
    rows = [p.row(["Missione", "011 - Competitività delle imprese"]),
            p.row(["Program", "005 - Promozione e attuazione di politiche di sviluppo,"]),
            p.row(["ma", "competitività e innovazione"])]
    p.table += 1
    p.columns([40, 90, 25, 40, 25])
    rows += [p.row(["Titolo", "Descrizione", "Arc\no te\nmpo\nrale\nreali\nzzaz\nione", "Centro di\nresponsab\nilità",
                    "Nr\nind\nicat\nori\nass\noci\nati"]),
             p.row(["ANALISI DEL SISTEMA", "La Camera intende rafforzare il proprio ruolo", "Annuale",
                    "Area dirigenziale", "2"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert (objective["mission_code"], objective["program_code"]) == ("011", "005")
    assert objective["program_name"] == "Promozione e attuazione di politiche di sviluppo, competitività e innovazione"
    assert (objective["title"], objective["time_span"], objective["responsibility_center"],
            objective["n_indicators_declared"]) == ("ANALISI DEL SISTEMA", "Annuale", "Area dirigenziale", 2)


def test_a_short_value_beside_its_centred_year_keeps_its_grid_column() -> None:
    """pira-a: '---' is set at the left of its target cell, the year above it centred, so their boxes do
    not overlap; the row lies on the header's grid (as many cells), so the dashes keep the column the
    table gave them: target 2017 and result 2017 are '---', not missing."""
    p = Page([100, 60, 80, 80, 60, 60])
    rows = [*_block_rows(p, 6),
            p.row(["Titolo", "RAFFORZAMENTO IMMAGINE DEL REGISTRO IMPRESE (PROGETTO 2B0101)"], [1, 5])]
    p.table += 1
    rows.append(p.row(["Indicatore", "Tipologia", "Risultato atteso", "Risultato anno"], [1, 1, 2, 2]))

    def row(texts: list[tuple[str, float, float]], top: float) -> Row:
        return Row([Cell(text, 1, Box(x0, top, x1, top + 12)) if text else None for text, x0, x1 in texts], 1, p.table)

    rows.append(row([("", 36, 136), ("", 136, 196), ("2017", 226, 246), ("2018", 306, 326), ("2017", 376, 396),
                     ("2018", 436, 456)], p.top))
    rows.append(row([("Monitoraggio", 36, 100), ("efficacia", 136, 170), ("---", 199, 207),
                     ("Realizzazione del piano", 279, 350), ("---", 359, 367), ("100%", 440, 456)], p.top + 14))
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(v["kind"], v["year"], v["text"]) for v in doc.tables["indicator_values"]] == [
        ("target", 2017, "---"), ("target", 2018, "Realizzazione del piano"), ("result", 2017, "---"),
        ("result", 2018, "100%")]


def test_a_description_line_opening_with_a_label_word_goes_on_with_the_description() -> None:
    """pira-y: an objective's fields as 'Label: value' lines (a one-column grid a reader gives as prose); the
    description wraps so that a line opens with 'indicatore particolarmente significativo' (in lower case,
    right under the description's line): the description's next line, not an 'Indicatore' label opening
    an indicator that takes the rest of the description, the time span and the count."""
    p = Page([480])
    rows = [p.line("Missione: 012 - Regolazione dei mercati"),
            p.line("Programma: 004 - Vigilanza sui mercati e sui prodotti, promozione della concorrenza"),
            p.line("Titolo: MANTENIMENTO DELLE PERFORMANCE ANAGRAFICHE (PROGETTO 2A0101)"),
            p.line("Descrizione: Allo scopo di monitorare la qualità dei servizi è individuato un"),
            p.line("indicatore particolarmente significativo in quanto relativo alle pratiche telematiche"),
            p.line("inoltrate al Registro imprese."),
            p.line("Arco temporale: Annuale"),
            p.line("Nr indicatori associati: 3")]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    [objective] = doc.tables["objectives"]
    assert objective["description"] == (
        "Allo scopo di monitorare la qualità dei servizi è individuato un indicatore particolarmente "
        "significativo in quanto relativo alle pratiche telematiche inoltrate al Registro imprese.")
    assert (objective["time_span"], objective["n_indicators_declared"]) == ("Annuale", 3)
    assert not doc.tables["indicators"]

def test_two_labels_glued_in_one_header_cell_head_the_values_under_them_in_order() -> None:
    """ReportLab lets 'Tipologia' run over into the next cell, glued to its 'Unità di misura' with no blank
    ('TipologiaUnità di misura', one header cell over both columns): the cell is both labels, and the two
    values under it go to them left to right ('efficacia' the type, 'percentuale' the unit)."""
    p = Page([100, 100, 60, 70, 90])
    rows = [*_block_rows(p, 5),
            p.row(["Titolo", "RAFFORZAMENTO IMMAGINE DEL REGISTRO IMPRESE (PROGETTO 2B0101)"], [1, 4])]
    p.table += 1
    rows += [p.row(["Indicatore", "Cosa misura", "TipologiaUnità di\nmisura", "Risultato anno 2019"], [1, 1, 2, 1]),
             p.row(["Monitoraggio", "Verifica l'efficacia", "efficacia", "percentuale", "100%"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(i["name"], i["measures"], i["type"], i["unit"]) for i in doc.tables["indicators"]] == [
        ("Monitoraggio", "Verifica l'efficacia", "efficacia", "percentuale")]
    assert [(r["kind"], r["year"], r["text"]) for r in doc.tables["indicator_values"]] == [("result", 2019, "100%")]
    assert not doc.unplaced


def test_result_labels_read_atop_their_values_under_targets_quoting_their_expected_result() -> None:
    """pira-c (LibreOffice, unruled centred cells): the targets' texts quote their expected result, wrapped
    so that 'Risultato atteso: inferiore a 5 giorni' fills a cell of its own line after the first column's
    text; the result labels, centred a line above their values, are read with them as one row
    ('Risultato anno 2017⏎2,9 gg' | 'Risultato anno 2018' | 'Risultato anno 2019⏎3,9 gg').  The quote is
    the targets' text, the row is the results (2018 printed empty).  Texts of indicator 012-004/4/1 (gold)."""
    target = ("tempo medio di lavorazione (escluso il tempo di sospensione addebitabile all'utente) - "
              "Risultato atteso: inferiore a 5 giorni")
    p = Page([150, 150, 150])
    rows = [*_block_rows(p, 3),
            p.row(["Titolo", "MONITORAGGIO DEI TEMPI DEL REGISTRO IMPRESE (PROGETTO 2B0102)"], [1, 2]),
            p.row(["Indicatore", "Monitoraggio della qualità del servizio"], [1, 2])]
    p.table += 1
    rows += [p.row(["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"]),
             p.row(["tempo medio di lavorazione", "tempo medio di lavorazione (escluso il tempo di",
                     "tempo medio di lavorazione (escluso"]),
             p.row(["(escluso il tempo di sospensione", "sospensione addebitabile all'utente) -",
                     "il tempo di sospensione addebitabile"]),
             p.row(["addebitabile all'utente) - Risultato\natteso: inferiore a 5 giorni",
                    "Risultato atteso: inferiore a 5 giorni", "all'utente) - Risultato atteso:"]),
             p.row(["", "", "inferiore a 5 giorni"]),
             p.row(["Risultato anno 2017\n2,9 gg", "Risultato anno 2018", "Risultato anno 2019\n3,9 gg"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(v["kind"], v["year"], v["text"]) for v in doc.tables["indicator_values"]] == [
        ("target", 2017, target), ("target", 2018, target), ("target", 2019, target),
        ("result", 2017, "2,9 gg"), ("result", 2018, None), ("result", 2019, "3,9 gg")]
    assert not doc.unplaced


def test_a_repeated_two_level_header_whose_years_share_a_cell_is_no_value() -> None:
    """pira-a (WeasyPrint, header repeated on each page): an indicator row split by a page break goes on
    under the repeated two-level header, in a part of one row; its reader parts too few columns and
    prints the results' years in one cell ('2017 2018').  Those years are the header's, printed again,
    not the next lines of the targets (which became '... dei 2017 servizi')."""
    p = Page([110, 60, 80, 80, 50, 50])
    rows = [*_block_rows(p, 6),
            p.row(["Titolo", "RAFFORZAMENTO IMMAGINE DEL REGISTRO IMPRESE (PROGETTO 2B0101)"], [1, 5])]
    p.table += 1
    header = (["Indicatore", "Tipologia", "Risultato atteso", "Risultato anno"], [1, 1, 2, 2])
    rows += [p.row(*header), p.row(["", "", "2017", "2018", "2017", "2018"]),
             p.row(["Monitoraggio della qualità", "qualità", "Monitoraggio della qualità dei",
                    "Monitoraggio qualità servizi:", "100%", "100%"])]
    p.new_page()
    rows += [p.row(*header), p.row(["", "", "2017", "2018", "2017 2018"], [1, 1, 1, 1, 2]),
             p.row(["", "", "servizi", "individuazione azioni", "", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(v["kind"], v["year"], v["text"]) for v in doc.tables["indicator_values"]] == [
        ("target", 2017, "Monitoraggio della qualità dei servizi"),
        ("target", 2018, "Monitoraggio qualità servizi: individuazione azioni"),
        ("result", 2017, "100%"), ("result", 2018, "100%")]


def test_a_ruled_record_opening_the_table_s_next_page_is_a_record_of_its_own() -> None:
    """Indicators as ruled rows of one table (rows kept whole), its header printed again on the next page:
    the first row there is the next indicator, though it leaves blank the results 2017 and 2018 the one
    above printed ('---'); a ruled row a page cut would be joined by extraction or open at its top."""
    p = Page([100, 100, 60, 70, 60, 60, 60])

    def ruled(texts: list[str | None], spans: list[int] | None = None) -> Row:
        return replace(p.row(texts, spans), ruling="full")

    def header() -> list[Row]:
        return [ruled(["Indicatore", "Cosa misura", "Tipologia", "Unità di misura", "Risultato anno"], [1, 1, 1, 1, 3]),
                ruled([None, None, None, None, "2017", "2018", "2019"])]

    rows = [*_block_rows(p, 7),
            p.row(["Titolo", "MANTENIMENTO E SVILUPPO DELLE PERFORMANCE (PROGETTO 2A0101)"], [1, 6])]
    p.table += 1
    rows += [*header(),
             ruled(["Monitoraggio sull'efficacia delle azioni formative verso l'utenza",
                    "Verifica l'efficacia delle azioni formative", "efficacia", "realizzazione attività",
                    "---", "---", "100%"])]
    p.new_page()
    rows += [*header(),
             ruled(["miglioramento del canale di comunicazione con l'utenza",
                    "miglioramento del canale di comunicazione", "efficacia", "realizzazione attività",
                    "", "", "100%"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(i["name"], i["type"]) for i in doc.tables["indicators"]] == [
        ("Monitoraggio sull'efficacia delle azioni formative verso l'utenza", "efficacia"),
        ("miglioramento del canale di comunicazione con l'utenza", "efficacia")]
    assert [(r["year"], r["text"]) for r in doc.tables["indicator_values"] if r["kind"] == "result"] == [
        (2017, "---"), (2018, "---"), (2019, "100%"), (2017, None), (2018, None), (2019, "100%")]
