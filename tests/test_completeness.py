"""Layout families, status and completeness: a report that is read only in part says so.

Expected figures are worked out by hand from the gold and the sample (page of each objective,
the overview table's list of objectives), never taken from the code under test.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from camerale.parse.families import families, family
from camerale.store.dataset import read_table
from fixtures import PIRA_PDF, PIRA_TEXT


def test_families_are_discovered_from_their_modules() -> None:
    assert {(f.name, f.doc_type) for f in families()} == {("pira_mise", "pira"),
                                                          ("relazione_lucca", "relazione_performance")}


@pytest.mark.parametrize("printed, concept, groups, rest", [
    ("Centro di\nresponsabilità", "responsibility_center", {}, ""),
    ("CENTRO DI RESPONSABILITA':", "responsibility_center", {}, ""),
    ("Titolo: ANALISI DEL SISTEMA", "title", {}, "ANALISI DEL SISTEMA"),
    ("Obiettivo strategico", "title", {}, ""),
    ("Unità di misura", "unit", {}, ""),
    ("U.M.", "unit", {}, ""),
    ("Formula", "algorithm", {}, ""),
    ("Fonte", "source", {}, ""),
    ("Indicatore di performance", "indicator", {}, ""),
    ("Indicatore Ideazione di nuove azioni", "indicator", {}, "Ideazione di nuove azioni"),
    ("Target 2019", "target", {"year": "2019"}, ""),
    ("Valore atteso", "target", {}, ""),
    ("Risultato atteso 2019 ;", "target", {"year": "2019"}, ""),
    ("Valore a consuntivo 2018", "result", {"year": "2018"}, ""),
    ("Consuntivo", "result", {}, ""),
    ("Risorse consuntivo 2019", "resources", {"phase": "consuntivo", "year": "2019"}, ""),
    ("Nr indicatori associati 2", "n_indicators", {}, "2"),
    ("Peso", "weight", {}, ""),
    # header cells a narrow column broke inside their words (DOCX through LibreOffice)
    ("Tipolog\nia", "type", {}, ""),
    ("Algoritm\no di\ncalcolo", "algorithm", {}, ""),
    ("Risultato\natte\nso 2019", "target", {"year": "2019"}, ""),
])
def test_pira_labels_and_their_variants(printed: str, concept: str, groups: dict, rest: str) -> None:
    m = family("pira_mise").vocabulary.match(printed)
    assert m is not None and (m.concept, m.groups, m.rest) == (concept, groups, rest)


@pytest.mark.parametrize("printed", ["Descrizione delle attività svolte nel 2019", "efficacia", "Annuale",
                                     "Fonte interna della Camera", "Tipo\nlogico", "Massa Carrara e\ndi Pisa",
                                     # a description's next line (gold 012-004/2): a label word, then a comma
                                     "risorse, a partire dal numero degli addetti da dedicare al servizio."])
def test_values_that_start_with_a_label_word_stay_values(printed: str) -> None:
    assert family("pira_mise").vocabulary.match(printed) is None


def _ingest(tmp_path: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "camerale.cli", "ingest", *map(str, paths),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=300)


def test_pages_removed_is_partial_with_its_completeness(tmp_path: Path) -> None:
    """The PIRA sample without its last third (pages 18-25).

    The overview table lists 12 objectives (011-005-001..005, 012-004-001..006, 016-005-001);
    pages 1-17 print the first 11 whole, 016-005-001 starts on page 18.  The 032 blocks are not
    in the overview, so nothing left in the document declares them: 11 of 12 -> 0.9167 (printed floored: 0.916).
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(PIRA_PDF).pages[:17]:
        writer.add_page(page)
    cut = tmp_path / "pira-pages-1-17.pdf"
    with cut.open("wb") as f:
        writer.write(f)
    run = _ingest(tmp_path, cut)
    assert run.returncode == 3, run.stdout + run.stderr
    line = run.stdout.splitlines()[0]
    assert line.startswith("partial") and "pira_mise" in line and "completeness 0.916" in line, line
    assert "incomplete: objective 016-005-001 is listed in the overview table but not printed" in run.stdout
    [doc] = read_table(tmp_path / "out", "documents").to_pylist()
    assert (doc["status"], doc["layout"], round(doc["completeness"], 4)) == ("partial", "pira_mise", 0.9167)


def test_unknown_layout_is_never_ok(tmp_path: Path) -> None:
    """The PIRA converter text with every label renamed: no family knows it."""
    renamed = {"Titolo": "Denominazione", "Descrizione": "Contenuto", "Arco temporale": "Durata prevista",
               "Centro di responsabilità": "Struttura competente", "Risorse preventivo": "Stanziamento",
               "Risorse consuntivo": "Spesa", "Nr indicatori associati": "Quante misure",
               "Indicatore": "Misura", "Cosa misura": "Scopo", "Tipologia": "Natura",
               "Unità di misura": "Scala", "Algoritmo di calcolo": "Calcolo", "Fonte dei dati": "Origine",
               "Risultato atteso": "Traguardo", "Risultato anno": "Esito"}
    text = PIRA_TEXT.read_text(encoding="utf-8")
    for old, new in renamed.items():
        text = text.replace(old, new)
    path = tmp_path / "pira-renamed.txt"
    path.write_text(text, encoding="utf-8")
    run = _ingest(tmp_path, path)
    assert run.returncode == 3, run.stdout + run.stderr
    assert run.stdout.startswith("partial") and "layout not recognised" in run.stdout
    [doc] = read_table(tmp_path / "out", "documents").to_pylist()
    assert (doc["status"], doc["layout"], doc["completeness"]) == ("partial", None, 0.0)


def test_whole_documents_are_ok(ingested: Path) -> None:
    docs = read_table(ingested, "documents").to_pylist()
    assert {(d["source_name"], d["status"], d["layout"], d["completeness"]) for d in docs} == {
        ("lucca-pira-consuntivo-2019.txt", "ok", "pira_mise", 1.0),
        ("lucca-pira-consuntivo-2019.pdf", "ok", "pira_mise", 1.0),
        ("lucca-relazione-performance-2016.txt", "ok", "relazione_lucca", 1.0),
        ("lucca-relazione-performance-2016.pdf", "ok", "relazione_lucca", 1.0),
    }


def test_overview_cell_read_empty_is_a_loss() -> None:
    """The overview declares objectives beside 'Obiettivi': a cell read empty there (its text lost at a
    page foot) is counted against completeness, though every objective printed in detail is read."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.completeness import pira, with_unplaced
    from camerale.parse.pira import parse
    from layout_rows import Page

    def rows(objectives: str) -> list:
        p = Page([90, 400])
        out = [p.row(["Missione", "011 Competitività e sviluppo delle imprese"]),
               p.row(["Programma", "005 Promozione e attuazione di politiche di sviluppo"]),
               p.row(["Obiettivi", objectives])]
        p.table += 1
        out += [p.row(["Missione", "011 - Competitività delle imprese"]),
                p.row(["Programma", "005 - Promozione e attuazione di politiche di sviluppo"]),
                p.row(["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"]),
                p.row(["Nr indicatori associati", "0"])]
        return out

    info = DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA")
    figures = []
    for objectives in ("011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)", ""):
        doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows(objectives)), info, ParseContext())
        figures.append(with_unplaced(pira(doc.tables), doc.tables, doc.unplaced))
    read, lost = figures
    assert lost.figure < read.figure
    assert any("'Obiettivi' of the overview table" in gap for gap in lost.gaps)


def test_a_printed_figure_read_as_no_number_is_a_loss() -> None:
    """A budget line whose printed figure gives no value ('circa 40') is warned about and counted against
    completeness: the document is never `ok` with that value missing."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.completeness import relazione, with_unplaced
    from camerale.parse.relazione import parse
    from layout_rows import Page

    def rows(pct_used: str) -> list:
        p = Page([40, 110, 60, 130, 70, 70, 70, 60])
        return [p.line("1.2.2 La Camera di Commercio di Lucca: le risorse finanziarie"),
                p.row(["Ob. strat.", "Obiettivo strategico", "Codice progetto", "Progetto", "Budget iniziale 2016",
                       "Budget aggiornato", "Consuntivo 2016", "% Utilizzo budget aggiornato"]),
                p.row(["1A", "Sostenere la competitività", "1A0101", "Proposte per lo sviluppo", "10.000,00",
                       "8.000,00", "4.000,00", pct_used])]

    info = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
    readings = []
    for pct_used in ("50,0", "circa 50"):
        doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows(pct_used)), info, ParseContext())
        readings.append((doc, with_unplaced(relazione(doc.tables), doc.tables, doc.unplaced)))
    (read_doc, read), (lost_doc, lost) = readings
    assert read_doc.tables["budget_lines"][0]["pct_used"] == 50.0 and not read_doc.unplaced
    assert lost_doc.tables["budget_lines"][0]["pct_used"] is None
    assert [u for u in lost_doc.unplaced if "pct_used printed 'circa 50' is not a number" in u]
    assert lost.figure < read.figure


def test_a_year_missing_between_two_read_is_a_loss() -> None:
    """A results header prints consecutive years: results read for 2017 and 2019 but not 2018 are a value
    lost (a third of that indicator's results: one part of 1 + 3 parts of an objective with one indicator
    and resources, so 4 - 1/3 of 5 parts); years read at an end of the span are no gap."""
    from camerale.parse.completeness import pira

    def tables(result_years: list[int]) -> dict:
        key = {"mission_code": "011", "program_code": "005", "objective_seq": 1}
        return {"objectives": [{**key, "title": "ANALISI", "n_indicators_declared": 1}],
                "indicators": [{**key, "indicator_seq": 1, "name": "Ideazione"}],
                "resources": [key],
                "indicator_values": [{**key, "indicator_seq": 1, "kind": kind, "year": year}
                                     for kind, years in (("target", [2017, 2018, 2019]), ("result", result_years))
                                     for year in years]}

    assert pira(tables([2017, 2018, 2019])).figure == 1.0
    assert pira(tables([2018, 2019, 2020])).figure == 1.0
    holed = pira(tables([2017, 2019]))
    assert holed.figure == pytest.approx((5 - 1 / 3) / 5)
    assert holed.gaps == ["indicator 011-005/1/1: no result value read for 2018"]


def test_results_read_for_fewer_years_than_the_targets_are_a_loss() -> None:
    """Both headers print the plan's years: one result year read beside three target years lost two
    (two thirds of the results' part: (5 - 2/3) / 5); as many years, even shifted ones, are no gap."""
    from camerale.parse.completeness import pira

    def tables(target_years: list[int], result_years: list[int]) -> dict:
        key = {"mission_code": "012", "program_code": "004", "objective_seq": 4}
        return {"objectives": [{**key, "title": "MANTENIMENTO", "n_indicators_declared": 1}],
                "indicators": [{**key, "indicator_seq": 1, "name": "Tempo medio"}],
                "resources": [key],
                "indicator_values": [{**key, "indicator_seq": 1, "kind": kind, "year": year}
                                     for kind, years in (("target", target_years), ("result", result_years))
                                     for year in years]}

    assert pira(tables([2017, 2018, 2019], [2018, 2019, 2020])).figure == 1.0
    short = pira(tables([2017, 2018, 2019], [2018]))
    assert short.figure == pytest.approx((5 - 2 / 3) / 5)
    assert short.gaps == ["indicator 012-004/4/1: 3 target years read, 1 result years"]


def test_an_indicator_read_without_its_achievement_is_a_loss() -> None:
    """An indicator row whose % was printed elsewhere (a page break set the figure apart) reads without
    it: completeness names it, so the document is not `ok`."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.completeness import relazione
    from camerale.parse.relazione import parse
    from layout_rows import Page

    def rows(pct: str) -> list:
        p = Page([150, 250, 60])
        return [p.line("2.2 Gli obiettivi individuali del Segretario generale – risultati 2016"),
                p.row(["SEGRETARIO GENERALE", "INDICATORE", "% RAGGIUNGIMENTO"]),
                p.row(["OBIETTIVO N. 2/2016\nCONTENIMENTO DEGLI ONERI DI FUNZIONAMENTO",
                       "INDICATORE 1)\nriduzione degli oneri di funzionamento", "100"]),
                p.row([None, "INDICATORE 2)\naumento complessivo delle entrate", pct]),
                p.row(["OBIETTIVO REALIZZATO AL 100%"], [3])]

    info = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
    read = relazione(parse(Layout("synthetic", "synthetic", "pdf", None, rows("100")), info, ParseContext()).tables)
    lost = relazione(parse(Layout("synthetic", "synthetic", "pdf", None, rows("")), info, ParseContext()).tables)
    assert "indicator 2 of individual objective 2/2016 of Segretario generale: no achievement read" in lost.gaps
    assert not [g for g in read.gaps if "indicator" in g]
    assert lost.figure < read.figure


def test_the_last_rows_of_the_last_table_printed_apart_on_the_next_page_are_read() -> None:
    """Financial health, the report's last table: its last two rows alone on the next page, too few for a
    reader to take for a table (prose lines, under the running header)."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.relazione import parse
    from layout_rows import Page

    p = Page([200, 60, 60, 60, 60])
    rows = [p.line("STATO DI SALUTE DELL'ENTE"), p.row(["Indicatore", "2013", "2014", "2015", "2016"]),
            p.row(["Efficienza di Struttura", "44,2%", "48,7%", "46,5%", "47,2%"])]
    p.new_page()
    rows += [p.line("Relazione sulla performance"),
             p.line("Equilibrio economico della gestione corrente 106,1 104,4 113,8 101,7"),
             p.line("Margine di Struttura finanziaria a breve 294,6% 292,8% 285,5% 336,5%")]
    info = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), info, ParseContext())
    read = {(r["name"], r["year"]): r["value_text"] for r in doc.tables["financial_indicators"]}
    assert read[("Equilibrio economico della gestione corrente", 2014)] == "104,4"
    assert read[("Margine di Struttura finanziaria a breve", 2016)] == "336,5%"
    assert len(read) == 12


def test_a_title_read_shorter_than_the_overview_prints_it_is_a_loss() -> None:
    """The overview prints the objective's whole title; the detail read only its first line (the rest
    lost at a page break): a gap, and less than a whole title in the figure."""
    from camerale.parse.completeness import pira

    overview = [{"objective_code": "011-005-003", "title": "FAVORIRE LO START UP, SOSTENERE LO SVILUPPO "
                 "D'IMPRESA E VALORIZZARE LE RISORSE UMANE. (PROGETTO 2C0101)"}]

    def objective(title: str) -> dict:
        return {"mission_code": "011", "program_code": "005", "objective_seq": 3, "objective_code": "011-005-003",
                "title": title, "n_indicators_declared": 0}

    whole = pira({"summary_objectives": overview, "objectives": [objective(overview[0]["title"])],
                  "resources": [{"mission_code": "011", "program_code": "005", "objective_seq": 3}]})
    cut = pira({"summary_objectives": overview,
                "objectives": [objective("FAVORIRE LO START UP, SOSTENERE LO SVILUPPO D'IMPRESA E VALORIZZARE LE")],
                "resources": [{"mission_code": "011", "program_code": "005", "objective_seq": 3}]})
    assert whole.figure == 1.0 and not whole.gaps
    assert cut.gaps == ["objective 011-005/3: title read as its first 12 of the 16 words the overview prints"]
    assert cut.figure < 1.0


def test_an_owner_heading_without_its_objectives_is_a_loss() -> None:
    """The heading of a manager's objectives printed, the table under it read as prose lines (a reader
    lost its columns): nothing of that owner is read, and that is a gap, not silence."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.completeness import relazione, with_unplaced
    from camerale.parse.relazione import parse
    from layout_rows import Page

    p = Page([150, 250, 60])
    rows = [p.line("2.2 Gli obiettivi individuali del Segretario generale – risultati 2016"),
            p.row(["SEGRETARIO GENERALE", "INDICATORE", "% RAGGIUNGIMENTO"]),
            p.row(["OBIETTIVO N. 2/2016\nCONTENIMENTO DEGLI ONERI", "INDICATORE 1)\nriduzione degli oneri", "100"]),
            p.row(["OBIETTIVO REALIZZATO AL 100%"], [3]),
            p.line("Dirigente Area Anagrafico certificativa, Studi, Politiche economiche e Regolazione del mercato"),
            p.line("OBIETTIVO N. 1/2016 GARANTIRE I LIVELLI DI SERVIZIO"),
            p.line("INDICATORE 1) Rilevazione risultati standard di qualità 97")]
    info = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), info, ParseContext())
    assert doc.unplaced == ["achievements: no objectives read under the heading 'Dirigente Area Anagrafico "
                            "certificativa, Studi, Politiche economiche e Regolazione del mercato' (page 1)"]
    assert with_unplaced(relazione(doc.tables), doc.tables, doc.unplaced).figure < \
        relazione(doc.tables).figure


@pytest.mark.parametrize("printed, concept", [
    ("—% Utilizzo Budget\naggiornat", "pct_used"),   # OCR: a dash read before '%', the last letter lost
    ("% Utilizzo Budget\naggiornato", "pct_used"),
    # a half-page column breaks the label at nearly every line: its line breaks are no printed characters
    ("% Ris\norse i\nmpieg\nate\nper\nOb. st\nrategi\nco", "pct_of_total"),
    ("% Ris\norse i\nmpieg\nate\nper\nArea\nStrate\ngica", "pct_of_total"),
    ("- Indicatore", None),                            # a list item (a blank after the dash) is no label
])
def test_relazione_header_labels_read_through_ocr_specks(printed: str, concept: str | None) -> None:
    m = family("relazione_lucca").vocabulary.match(printed)
    assert (m.concept if m is not None else None) == concept


def test_area_rows_whose_printed_figures_were_not_read_are_a_loss() -> None:
    """The areas' summary rows read with their names but none of their figures (columns the reader
    could not line up under the header): a gap, not ok.  Figures from the gold (Relazione p. 4)."""
    from camerale.parse.completeness import relazione

    def area(n: int | None, name: str, figures: str, read: bool) -> dict:
        values = dict(zip(("budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total"),
                          figures.split(" | ") if read else [None] * 5))
        return {"area": n, "name": name, "raw_text": f"{name} | {figures}", **values}

    printed = [(1, "COMPETITIVITA’ DEL TERRITORIO", "86.600,00 | 77.100,00 | 32.531,39 | 42,2 | 2,9"),
               (2, "SERVIZI ALLE IMPRESE", "1.658.300,00 | 1.639.573,00 | 1.091.125,48 | 66,5 | 96,3"),
               (3, "COMPETITIVITA’ DELL’ENTE", "15.000,00 | 22.000,00 | 9.646,81 | 43,8 | 0,9"),
               (None, "TOTALE GENERALE AREE STRATEGICHE", "1.759.900,00 | 1.738.673,00 | 1.133.303,68 | 65,2 | 100,0")]
    read = relazione({"strategic_areas": [area(*a, read=True) for a in printed]})
    lost = relazione({"strategic_areas": [area(*a, read=a[0] != 2) for a in printed]})
    assert not any(g.startswith("strategic areas") for g in read.gaps)
    assert "strategic areas: 1 of 4 rows print figures none of which was read (first: 'SERVIZI ALLE IMPRESE')" \
        in lost.gaps
    assert lost.figure < read.figure


def test_budget_lines_read_under_no_strategic_objective_are_a_loss() -> None:
    """The rows naming the strategic objectives lost (an OCR reading of the budget table), the project
    lines and their amounts read: every amount adds up, yet each line's code names an objective it was
    not read under.  Codes and initial budgets from the gold (Relazione p. 3), the total their sum."""
    from decimal import Decimal

    from camerale.parse.completeness import relazione

    def lines(objectives: bool) -> list[dict]:
        out = []
        for code, amount in (("1A0101", "26500.00"), ("1B0101", "20000.00"), ("1D0101", "35600.00")):
            objective = code[:2] if objectives else None
            out += [{"line_kind": "project", "project_code": code, "strategic_objective": objective,
                     "budget_initial": Decimal(amount)},
                    {"line_kind": "subtotal", "strategic_objective": objective, "budget_initial": Decimal(amount)}]
        return out + [{"line_kind": "total", "budget_initial": Decimal("82100.00")}]

    read, lost = relazione({"budget_lines": lines(True)}), relazione({"budget_lines": lines(False)})
    assert not any(g.startswith("budget table") for g in read.gaps)
    assert "budget table: 3 of 3 project lines read under another strategic objective than their code names, " \
           "or under none (first: 1A0101 under None)" in lost.gaps
    assert lost.figure < read.figure


def test_more_than_one_subtotal_under_a_strategic_objective_is_a_loss() -> None:
    """Project lines whose codes were lost, read as more subtotals of the objective above them: every
    amount still adds up to the total, but an objective closes with one subtotal. Figures from the gold
    (Relazione p. 3-4: 2E's subtotal and the lines of 3B and 3E), the total their sum."""
    from decimal import Decimal

    from camerale.parse.completeness import relazione

    def lines(codes_read: bool) -> list[dict]:
        out = [{"line_kind": "subtotal", "strategic_objective": "2E", "budget_initial": Decimal("880500.00")}]
        for objective, amount in (("3B", "5000.00"), ("3E", "20000.00")):
            out.append({"line_kind": "subtotal", "strategic_objective": objective if codes_read else "2E",
                        "budget_initial": Decimal(amount)})
        return out + [{"line_kind": "total", "budget_initial": Decimal("905500.00")}]

    read, lost = relazione({"budget_lines": lines(True)}), relazione({"budget_lines": lines(False)})
    assert not any(g.startswith("budget table") for g in read.gaps)
    assert "budget table: 2 subtotal lines more than one per strategic objective (first: 2E, 3 subtotals)" in lost.gaps
    assert lost.figure < read.figure



def test_an_individual_objective_missing_from_the_numbering_is_a_loss() -> None:
    """An owner's objectives are numbered from 1 on: read as 1/2016 and 3/2016, objective 2/2016 was lost
    (a table part dropped), so completeness names it and the document is not `ok`."""
    from camerale.model import DocumentInfo, Layout, ParseContext
    from camerale.parse.completeness import relazione
    from camerale.parse.relazione import parse
    from layout_rows import Page

    def rows(numbers: list[int]) -> list:
        p = Page([150, 250, 60])
        out = [p.line("2.2 Gli obiettivi individuali del Segretario generale – risultati 2016"),
               p.row(["SEGRETARIO GENERALE", "INDICATORE", "% RAGGIUNGIMENTO"])]
        for n in numbers:
            out += [p.row([f"OBIETTIVO N. {n}/2016\nCONTENIMENTO DEGLI ONERI", "INDICATORE 1)\nriduzione degli oneri",
                           "100"]),
                    p.row(["OBIETTIVO REALIZZATO AL 100%"], [3])]
        return out

    info = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
    whole = relazione(parse(Layout("synthetic", "synthetic", "pdf", None, rows([1, 2, 3])), info,
                            ParseContext()).tables)
    lost = relazione(parse(Layout("synthetic", "synthetic", "pdf", None, rows([1, 3])), info, ParseContext()).tables)
    assert not [g for g in whole.gaps if "individual objectives of" in g]
    assert "individual objectives of Segretario generale: 2 not read (the objectives read are numbered past them)" \
        in lost.gaps
    assert lost.figure < whole.figure


def test_an_unlabelled_indicator_among_labelled_ones_is_a_loss() -> None:
    """An objective labels every indicator ('INDICATORE 5)', '6a)') or, with one only, none (gold: 3/2016 of the
    Segretario generale). An indicator read without a label among labelled ones is the rest of a row read as an
    indicator of its own (holdout Relazione m: indicator 5's rest under its repeated header), named by
    completeness; the lone unlabelled indicator is no loss."""
    from camerale.parse.completeness import relazione

    def achievements(label_of_last: str | None) -> list[dict]:
        owner = "Segretario generale"
        return [{"owner": owner, "objective_number": "1/2016", "indicator_seq": None, "indicator_label": None,
                 "achievement_text": "98,4"},
                {"owner": owner, "objective_number": "1/2016", "indicator_seq": 1, "indicator_label": "5)",
                 "achievement_text": "95"},
                {"owner": owner, "objective_number": "1/2016", "indicator_seq": 2, "indicator_label": label_of_last,
                 "achievement_text": "100"},
                {"owner": owner, "objective_number": "3/2016", "indicator_seq": None, "indicator_label": None,
                 "achievement_text": "99,55"},
                {"owner": owner, "objective_number": "3/2016", "indicator_seq": 1, "indicator_label": None,
                 "achievement_text": "99,55"}]

    whole = relazione({"achievements": achievements("6a)")})
    rest = relazione({"achievements": achievements(None)})
    assert not [g for g in whole.gaps if "without the label" in g]
    assert [g for g in rest.gaps if "without the label" in g] == [
        "indicator 2 of individual objective 1/2016 of Segretario generale: read without the label its objective's "
        "other indicators print ('INDICATORE 1)'): its label lost, or the rest of a row read as an indicator of "
        "its own"]
    assert rest.figure < whole.figure
