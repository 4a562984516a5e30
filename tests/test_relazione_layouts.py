"""The Relazione parser on the same records printed in other layouts, built here from the gold.

Each layout prints every table of the gold the way other templates do: the budget as a flat list
with the strategic objective's code and title repeated on every line and the project code in a
column of its own, or as one small table per objective under its heading with the grand total
apart; areas with number and name in two columns; the entity's objectives numbered in a column of
their own, '%' signs; individual objectives with the number and title in two cells, or everything
in one cell; revenue and costs with amounts and percentages under a two-level header; financial
health by year.  Columns come in other orders, and tables break across pages without their
header.  Every printed value is the gold's; the expected records are the gold's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from camerale.model import Box, Cell, DocumentInfo, Layout, ParseContext, Row
from camerale.parse.relazione import parse
from layout_rows import Page, italian
from relazione_gold import compare, load_gold, report

GOLD = load_gold("relazione-lucca-2016-pdf.json")
INFO = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")
FIGURES = {"budget_initial": "Budget iniziale 2016", "budget_updated": "Budget aggiornato",
           "actual": "Consuntivo 2016", "pct_used": "% Utilizzo budget aggiornato",
           "pct_of_total": "% Risorse impiegate per Ob. strategico"}
TITLES = {s["code"]: s["title"] for s in GOLD["strategic_objectives"]}
SUBTOTALS = {s["strategic_objective"]: s for s in GOLD["budget_subtotals"]}


def _figures(record: dict, order: list[str]) -> list[str]:
    return [italian(record.get(k), thousands=not k.startswith("pct")) for k in order]


def _areas(page: Page, order: list[str]) -> Iterator[Row]:
    page.new_table()
    page.columns([30, 150, 70, 70, 70, 60, 60, 60])
    yield page.line("RIEPILOGO RISORSE PER AREE STRATEGICHE")
    heads = [h.replace("Ob. strategico", "Area Strategica") for h in (FIGURES[k] for k in order)]
    yield page.row(["N.", "Area strategica", *heads], [1, 2, 1, 1, 1, 1, 1])
    for a in GOLD["strategic_areas"]:
        number = "" if a["area"] == "total" else str(a["area"])
        name = "TOTALE GENERALE AREE STRATEGICHE" if a["area"] == "total" else a["name"]
        yield page.row([number, name, *_figures(a, order)], [1, 2, 1, 1, 1, 1, 1])


def _entity(page: Page) -> Iterator[Row]:
    page.new_page()
    page.columns([30, 60, 60, 60, 60, 60, 60])
    yield page.line("La performance conseguita nel 2016 evidenzia un livello di raggiungimento del risultato "
                    f"atteso pari al {GOLD['entity_overall_pct']}%.")
    yield page.row(["N.", "Obiettivo di Ente anno 2016", "% realizzazione"], [1, 5, 1])
    for e in GOLD["entity_objectives"]:
        yield page.row([str(e["number"]), e["title"], italian(e["achievement_pct"]) + "%"], [1, 5, 1])


def _owner_heading(owner: str) -> str | None:
    return None if owner == "Segretario generale" else owner


def _individual_rows(page: Page) -> Iterator[Row]:
    """The objective number and title in two cells, indicator label and text in two, a closing row."""
    for owner in dict.fromkeys(o["owner"] for o in GOLD["individual_objectives"]):
        page.new_page()
        if heading := _owner_heading(owner):
            yield page.line(heading)
        yield page.row([owner.upper(), "% RAGGIUNGIMENTO"], [6, 1])
        for n, o in enumerate(o for o in GOLD["individual_objectives"] if o["owner"] == owner):
            if n == 2:  # the table breaks here; its header is not repeated
                page.new_page()
                yield page.line("Relazione sulla performance 2016")
            yield page.row([f"OBIETTIVO N. {o['objective_number']}", o["title"], ""], [1, 5, 1])
            for ind in o["indicators"]:
                yield page.row([f"INDICATORE {ind['label']}" if ind["label"] else "", ind["text"],
                                italian(ind["achievement_pct"], thousands=False)], [1, 5, 1])
            yield page.row([f"OBIETTIVO REALIZZATO AL {italian(o['achievement_pct'], thousands=False)}%"], [7])


def _individual_inline(page: Page) -> Iterator[Row]:
    """Objective number and title in one cell, indicator label and text in one cell."""
    for owner in dict.fromkeys(o["owner"] for o in GOLD["individual_objectives"]):
        page.new_page()
        if heading := _owner_heading(owner):
            yield page.line(heading)
        yield page.row([f"{owner.upper()} – OBIETTIVI E INDICATORI", "% RAGGIUNGIMENTO"], [6, 1])
        for o in (o for o in GOLD["individual_objectives"] if o["owner"] == owner):
            yield page.row([f"OBIETTIVO N. {o['objective_number']} {o['title']}", ""], [6, 1])
            for ind in o["indicators"]:
                text = f"INDICATORE {ind['label']} {ind['text']}" if ind["label"] else ind["text"]
                yield page.row([text, italian(ind["achievement_pct"], thousands=False)], [6, 1])
            yield page.row([f"OBIETTIVO REALIZZATO AL {italian(o['achievement_pct'], thousands=False)}%", ""],
                           [6, 1])


def _composition(page: Page) -> Iterator[Row]:
    page.new_page()
    page.columns([200, 80, 80, 60, 60])
    for name, items in (("PROVENTI CORRENTI", GOLD["revenue_composition"]),
                        ("ONERI CORRENTI", GOLD["cost_composition"])):
        page.new_table()
        yield page.row([name, "Importi (euro)", "", "COMPOSIZIONE %", ""])
        yield page.row(["", "2016", "2015", "2016", "2015"])
        for i in items:
            yield page.row([i["item"], italian(i["amount_2016"]), italian(i["amount_2015"]),
                            italian(i["pct_2016"], thousands=False), italian(i["pct_2015"], thousands=False)])


def _financial_by_year(page: Page) -> Iterator[Row]:
    page.new_page()
    page.columns([40, 110, 110, 110, 110])
    yield page.line("STATO DI SALUTE DELL'ENTE")
    indicators = GOLD["financial_indicators"]
    for start in range(0, len(indicators), 4):
        group = indicators[start:start + 4]
        page.new_table()
        yield page.row(["Anno", *(f["name"] for f in group)])
        for year in ("2013", "2014", "2015", "2016"):
            yield page.row([year, *(italian(f["values"].get(year), thousands="%" not in f["values"].get(year, "%")
                                            and "," not in f["values"].get(year, "")) for f in group)])


def flat_budget() -> Iterator[Row]:
    """Budget as a flat list, objective code and title on every line, project code in its own column,
    columns in another order; areas in two columns; numbered entity objectives; individual objectives
    over two cells; composition under a two-level header; financial health by year."""
    order = ["actual", "budget_initial", "budget_updated", "pct_of_total", "pct_used"]
    page = Page([40, 110, 60, 130, 70, 70, 70, 60, 60])
    yield page.line("1.2.2 La Camera di Commercio di Lucca: le risorse finanziarie")
    yield page.row(["Ob. strat.", "Obiettivo strategico", "Codice progetto", "Progetto",
                    *(FIGURES[k] for k in order)])
    for n, code in enumerate(sorted(TITLES)):
        if n == 9:  # the list breaks across pages, its header not repeated
            page.new_page()
            yield page.line("Relazione sulla performance 2016")
        for line in (b for b in GOLD["budget_lines"] if b["strategic_objective"] == code):
            yield page.row([code, TITLES[code], line["project_code_raw"] or "", line["project_title"],
                            *_figures({**line, "pct_of_total": None}, order)])
        yield page.row([code, TITLES[code], "", "Totale", *_figures(SUBTOTALS[code], order)])
    yield page.row([GOLD["budget_total"]["label"], *_figures(GOLD["budget_total"], order)], [4, 1, 1, 1, 1, 1])
    page.new_page()
    yield from _areas(page, order)
    yield from _entity(page)
    yield from _individual_rows(page)
    yield from _composition(page)
    yield from _financial_by_year(page)


def per_objective_budget() -> Iterator[Row]:
    """One small budget table per strategic objective under its heading, the grand total apart;
    individual objectives in one cell each."""
    order = list(FIGURES)
    page = Page([200, 60, 60, 60, 50, 50, 40])
    yield page.line("1.2.2 La Camera di Commercio di Lucca: le risorse finanziarie")
    for code in sorted(TITLES):
        page.new_table()
        yield page.line(f"OBIETTIVO STRATEGICO {code} - {TITLES[code]}")
        yield page.row(["Progetto", *(FIGURES[k] for k in order)], [2, 1, 1, 1, 1, 1])
        for line in (b for b in GOLD["budget_lines"] if b["strategic_objective"] == code):
            project = f"{line['project_code_raw']} - {line['project_title']}" if line["project_code_raw"] \
                else line["project_title"]
            yield page.row([project, *_figures({**line, "pct_of_total": None}, order)], [2, 1, 1, 1, 1, 1])
        yield page.row(["Totale", *_figures(SUBTOTALS[code], order)], [2, 1, 1, 1, 1, 1])
    page.new_table()
    yield page.line("")
    yield page.row(["", *(FIGURES[k] for k in order)], [2, 1, 1, 1, 1, 1])
    yield page.row([GOLD["budget_total"]["label"], *_figures(GOLD["budget_total"], order)], [2, 1, 1, 1, 1, 1])
    page.new_page()
    yield from _areas(page, order)
    yield from _entity(page)
    yield from _individual_inline(page)
    yield from _composition(page)
    yield from _financial_by_year(page)


def _individual_merged(page: Page) -> Iterator[Row]:
    """The objective in a cell merged down its indicators, the closing row across the table."""
    for owner in dict.fromkeys(o["owner"] for o in GOLD["individual_objectives"]):
        page.new_page()
        page.columns([150, 250, 60])
        if heading := _owner_heading(owner):
            yield page.line(heading)
        yield page.row([owner.upper(), "INDICATORE", "% RAGGIUNGIMENTO"])
        for o in (o for o in GOLD["individual_objectives"] if o["owner"] == owner):
            for n, ind in enumerate(o["indicators"]):
                text = f"INDICATORE {ind['label']}\n{ind['text']}" if ind["label"] else ind["text"]
                first = f"OBIETTIVO N. {o['objective_number']}\n{o['title']}" if n == 0 else None
                yield page.row([first, text, italian(ind["achievement_pct"], thousands=False)])
            yield page.row([f"OBIETTIVO REALIZZATO AL {italian(o['achievement_pct'], thousands=False)}%"], [3])


def _individual_merged_lines(page: Page) -> Iterator[Row]:
    """The objective in a cell merged down its indicators, as a reader of horizontal rules gives it: a
    row per printed line, the title's lines beside the indicators' (four words a line), its last lines
    under them; a page break after an objective's second indicator, the header printed again."""
    for owner in dict.fromkeys(o["owner"] for o in GOLD["individual_objectives"]):
        page.new_page()
        page.columns([150, 250, 60])
        header = [owner.upper(), "INDICATORE", "% RAGGIUNGIMENTO"]
        if heading := _owner_heading(owner):
            yield page.line(heading)
        yield page.row(header)
        for o in (o for o in GOLD["individual_objectives"] if o["owner"] == owner):
            words = o["title"].split()
            title = [f"OBIETTIVO N. {o['objective_number']}"] + [" ".join(words[k:k + 4])
                                                                 for k in range(0, len(words), 4)]
            for n, ind in enumerate(o["indicators"]):
                if n == 2:
                    page.new_page()
                    yield page.row(header)
                label = f"INDICATORE {ind['label']}" if ind["label"] else ind["text"]
                yield page.row([title.pop(0) if title else None, label,
                                italian(ind["achievement_pct"], thousands=False)])
                if ind["label"]:
                    yield page.row([title.pop(0) if title else None, ind["text"], None])
            while title:
                yield page.row([title.pop(0), None, None])
            yield page.row([f"OBIETTIVO REALIZZATO AL {italian(o['achievement_pct'], thousands=False)}%"], [3])


def _individual_lines_broken_header(page: Page) -> Iterator[Row]:
    """Indicators read a row per line beside the objective's title, under a header of two lines ('%' over
    'RAGGIUNGIMENTO').  An objective whose one indicator has no label prints its number and % at a page
    foot, its title and indicator at the next page's head under the header again.  An objective of more
    than three indicators breaks after its second: the next page prints nothing in the owner's column,
    so the reader gives that column and the indicators' as one, header included."""
    for owner in dict.fromkeys(o["owner"] for o in GOLD["individual_objectives"]):
        page.new_page()
        page.columns([150, 250, 60])
        words = owner.upper().split()
        header = [[" ".join(words[:2]), "INDICATORE", "%"], [" ".join(words[2:]), "", "RAGGIUNGIMENTO"]]
        if heading := _owner_heading(owner):
            yield page.line(heading)
        yield from (page.row(line) for line in header)
        for o in (o for o in GOLD["individual_objectives"] if o["owner"] == owner):
            number = f"OBIETTIVO N. {o['objective_number']}"
            if len(o["indicators"]) == 1 and not o["indicators"][0]["label"]:
                [ind] = o["indicators"]
                yield page.row([number, "", italian(ind["achievement_pct"], thousands=False)])
                page.new_page()
                yield from (page.row(line) for line in header)
                yield page.row([o["title"], ind["text"], ""])
            else:
                for n, ind in enumerate(o["indicators"]):
                    pct = italian(ind["achievement_pct"], thousands=False)
                    label = f"INDICATORE {ind['label']}\n{ind['text']}" if ind["label"] else ind["text"]
                    if n == 2 and len(o["indicators"]) > 3:
                        page.new_page()
                        yield page.row([f"{header[0][0]} INDICATORE", "%"], [2, 1])
                        yield page.row([header[1][0], "RAGGIUNGIMENTO"], [2, 1])
                    if n >= 2 and len(o["indicators"]) > 3:
                        yield page.row([label, pct], [2, 1])
                    else:
                        yield page.row([f"{number}\n{o['title']}" if n == 0 else "", label, pct])
            yield page.row([f"OBIETTIVO REALIZZATO AL {italian(o['achievement_pct'], thousands=False)}%"], [3])


def _financial_by_indicator(page: Page) -> Iterator[Row]:
    page.new_page()
    page.columns([200, 60, 60, 60, 60])
    yield page.line("STATO DI SALUTE DELL'ENTE")
    yield page.row(["Indicatore", "2013", "2014", "2015", "2016"])
    for f in GOLD["financial_indicators"]:
        yield page.row([f["name"], *(italian(f["values"].get(y), thousands="%" not in f["values"].get(y, "%"))
                                     for y in ("2013", "2014", "2015", "2016"))])


def group_rows(individual: Callable[[Page], Iterator[Row]] = _individual_merged) -> Iterator[Row]:
    """Budget with a full-width row naming each strategic objective and labelled subtotals;
    individual objectives merged down their indicators; financial health with years ascending."""
    order = list(FIGURES)
    page = Page([220, 60, 60, 60, 50, 50])
    yield page.row(["OBIETTIVO STRATEGICO / PROGETTI", *(FIGURES[k] for k in order)])
    for code in sorted(TITLES):
        yield page.row([f"OBIETTIVO STRATEGICO {code}: {TITLES[code]}"], [6])
        for line in (b for b in GOLD["budget_lines"] if b["strategic_objective"] == code):
            project = f"{line['project_code_raw']} - {line['project_title']}" if line["project_code_raw"] \
                else line["project_title"]
            yield page.row([project, *_figures({**line, "pct_of_total": None}, order)])
        yield page.row([f"Totale obiettivo strategico {code}", *_figures(SUBTOTALS[code], order)])
    yield page.row([GOLD["budget_total"]["label"], *_figures(GOLD["budget_total"], order)])
    page.new_page()
    yield from _areas(page, order)
    yield from _entity(page)
    yield from individual(page)
    yield from _composition(page)
    yield from _financial_by_indicator(page)


def wrapped_lines(layout: Callable[[], Iterator[Row]]) -> Callable[[], Iterator[Row]]:
    """A layout as an unruled reader gives it: every cell of three words or more printed over two
    lines, each line a row of its own (headers included); the second line's other cells empty."""
    def rows() -> Iterator[Row]:
        for row in layout():
            texts = [c.text.split() if c is not None else None for c in row.cells]
            if row.table is None or not any(t and len(t) >= 3 for t in texts):
                yield row
                continue
            halves = [(t[:(len(t) + 1) // 2], t[(len(t) + 1) // 2:]) if t and len(t) >= 3 else (t, [])
                      for t in texts]
            for k in (0, 1):
                cells = []
                for c, half in zip(row.cells, halves):
                    if c is None:
                        cells.append(None)
                        continue
                    box = Box(c.bbox.x0, c.bbox.top + 7 * k, c.bbox.x1, c.bbox.bottom + 7 * k)
                    cells.append(Cell(" ".join(half[k] or []), page=c.page, bbox=box))
                yield Row(cells, page=row.page, table=row.table)
    return rows


def ocr_specks(layout: Callable[[], Iterator[Row]]) -> Callable[[], Iterator[Row]]:
    """A layout as OCR gives it: every cell with a confidence, specks of dust read beside the text (a
    lone '.' after the last word of a text of several words, a '.' glued to a code, a ';' before a
    placeholder)."""
    def speck(text: str) -> str:
        if re.fullmatch(r"[1-9][A-Z]", text):
            return text + "."
        if text in ("N.C.", "N.D."):
            return "; " + text
        if len(text.split()) >= 4 and text[-1].isalpha():
            return text + " ."
        return text

    def rows() -> Iterator[Row]:
        for row in layout():
            cells = [None if c is None else Cell(speck(c.text) if row.table is not None else c.text, page=c.page,
                                                 bbox=c.bbox, confidence=90.0) for c in row.cells]
            yield Row(cells, page=row.page, table=row.table)
    return rows


def joined_percentages() -> Iterator[Row]:
    """The flat budget list whose subtotal rows print their two percentages in one cell: a reader
    merges a column that only the subtotals fill with the one beside it ('42,1 25,65')."""
    for row in flat_budget():
        if "Totale" in row.texts and len(row.cells) >= 2 and all(c is not None and c.text for c in row.cells[-2:]):
            before, last = row.cells[-2], row.cells[-1]
            joined = Cell(f"{before.text} {last.text}", page=last.page,
                          bbox=Box(before.bbox.x0, last.bbox.top, last.bbox.x1, last.bbox.bottom))
            yield Row([*row.cells[:-2], Cell("", page=before.page, bbox=before.bbox), joined],
                      page=row.page, table=row.table)
        else:
            yield row


def narrow_columns(layout: Callable[[], Iterator[Row]]) -> Callable[[], Iterator[Row]]:
    """A layout whose columns are narrower than what they print, as a word processor breaks it: the
    'Ob. strat.' header a letter a line, objective codes over two lines ('1' over 'A'), project codes
    with their last digit on a line of its own, amounts of a million or more with their last decimal."""
    def narrow(text: str) -> str:
        if text == "Ob. strat.":
            return "\n".join(text.replace(" ", ""))
        if re.fullmatch(r"[1-3][A-F]", text) or re.fullmatch(r"[0-9A-Z]{6}", text) or \
                re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,},\d{2}", text):
            return f"{text[:-1]}\n{text[-1]}"
        return text

    def rows() -> Iterator[Row]:
        for row in layout():
            yield Row([None if c is None else replace(c, text=narrow(c.text)) for c in row.cells], row.page,
                      row.table)
    return rows


LAYOUTS: dict[str, Callable[[], Iterator[Row]]] = {
    "flat budget list, codes, amounts and a header printed over the lines of narrow columns":
        narrow_columns(flat_budget),
    "objective rows over their projects, merged objective cells": group_rows,
    "merged objective cells read line by line, the header again after a page break":
        lambda: group_rows(_individual_merged_lines),
    "objectives read line by line under a header of two lines, an objective's row cut by a page":
        lambda: group_rows(_individual_lines_broken_header),
    "flat budget list, two-cell objectives": flat_budget,
    "flat budget list, a subtotal's two percentages in one cell": joined_percentages,
    "budget per objective, one-cell objectives": per_objective_budget,
    "flat budget list, every cell of three words or more over two rows": wrapped_lines(flat_budget),
    "budget per objective, every cell of three words or more over two rows": wrapped_lines(per_objective_budget),
    "flat budget list, OCR specks beside codes and texts": ocr_specks(flat_budget),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_table_in_other_layouts(name: str) -> None:
    rows = [r for r in LAYOUTS[name]() if r.filled]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    scores = compare(doc.tables, GOLD)
    print(f"\n[{name}]\n" + report(scores))
    for table, score in scores.items():
        assert score.expected > 0, table
        assert (score.recall, score.precision) == (1.0, 1.0), report({table: score})


def test_ocr_specks_undone_are_logged_with_their_raw_text() -> None:
    rows = [r for r in ocr_specks(flat_budget)() if r.filled]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    repairs = {(n["table"], n["column"], n["raw"], n["normalized"]) for n in doc.normalizations
               if n["rule"] == "ocr_text_noise"}
    assert ("strategic_objectives", "code", "3F.", "3F") in repairs
    assert ("achievements", "achievement_text", "; N.C.", "N.C.") in repairs
    assert ("financial_indicators", "name", "Economicità dei Servizi Amministrativi-Anagrafici .",
            "Economicità dei Servizi Amministrativi-Anagrafici") in repairs


def test_a_short_ocr_line_is_set_right_above_the_next() -> None:
    """OCR boxes hug the ink: 'continuo' (no ascender but the t, no descender) is 5.8 pt high where the
    font is 7.5, and the grand total printed apart under it on the next page (the Relazione b scan, page 7)
    was not taken as the table's last line.  The blank is measured on the taller of the two lines."""
    from camerale.parse.relazione import _wraps_onto

    def line(text: str, top: float, bottom: float) -> Row:
        return Row([Cell(text, page=7, bbox=Box(60.0, top, 535.0, bottom), confidence=90.0)], page=7)

    continuo = line("continuo", 87.12, 92.88)
    total = line("TOTALE RISORSE 1.133.303,68 1.781.900,00 1.738.673,00 100,00 65,2", 99.6, 109.2)
    heading = line("RIEPILOGO RISORSE PER AREE STRATEGICHE (Oneri correnti + Investimenti)", 124.56, 134.16)
    assert _wraps_onto(continuo, total, 1.0)
    assert not _wraps_onto(total, heading, 1.0)


def test_a_title_line_opening_with_a_label_word_is_no_header_of_another_table() -> None:
    """'ESERCIZIO FUNZIONI RESPONSABILE' opens a title read line by line beside an indicator's text; read
    with the lines under it, it names a year label ('Esercizio'), the header of a financial table.  A
    header of another table prints labels only: these lines are the objective's."""
    page = Page([150, 250, 60])
    rows = [page.line("Dirigente Area Anagrafico certificativa"),
            page.row(["DIRIGENTE ANAGRAFICO", "INDICATORE", "% RAGGIUNGIMENTO"]),
            page.row(["OBIETTIVO N. 3/2016", "INDICATORE 1)", "100"]),
            page.row(["ESERCIZIO FUNZIONI RESPONSABILE", "Relazione sulle attività poste in essere", ""]),
            page.row(["TRASPARENZA E PREVENZIONE", "e il rispetto dei tempi.", ""]),
            page.row(["DELLA CORRUZIONE", "", ""]),
            page.row(["", "INDICATORE 2a)", "90"]),
            page.row(["", "Adozione di provvedimenti di riorganizzazione.", ""]),
            page.row(["OBIETTIVO REALIZZATO AL 95%"], [3])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(a["objective_number"], a["indicator_label"], a["indicator_text"], a["achievement_text"])
            for a in doc.tables["achievements"]] == [
        ("3/2016", None, None, "95%"),
        ("3/2016", "1)", "Relazione sulle attività poste in essere e il rispetto dei tempi.", "100"),
        ("3/2016", "2a)", "Adozione di provvedimenti di riorganizzazione.", "90")]
    assert {a["title"] for a in doc.tables["achievements"]} == {
        "ESERCIZIO FUNZIONI RESPONSABILE TRASPARENZA E PREVENZIONE DELLA CORRUZIONE"}


def test_an_indicator_label_whose_number_a_page_break_moved_to_the_next_page() -> None:
    """'INDICATORE' at a page foot, its 'C)' at the next page's head among the lines of a table part too
    short to be read as one: the indicator's text is the cell beside, its label the line apart."""
    page = Page([90, 300, 60])
    rows = [page.row(["SEGRETARIO GENERALE", "% RAGGIUNGIMENTO"], [2, 1]),
            page.row(["OBIETTIVO N. 4/2016", "REALIZZAZIONE DEI PROGRAMMI", ""]),
            page.row(["INDICATORE A)", "realizzazione del 90% degli obiettivi", "97,5"]),
            page.row(["INDICATORE", "relazione alla Giunta entro settembre", "100"])]
    page.new_page()
    rows += [page.line("SEGRETARIO GENERALE"), page.line("C)"), page.line("OBIETTIVO REALIZZATO AL 99,16%")]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(a["indicator_label"], a["indicator_text"], a["achievement_text"]) for a in doc.tables["achievements"]
            if a["indicator_seq"] is not None] == [("A)", "realizzazione del 90% degli obiettivi", "97,5"),
                                                    ("C)", "relazione alla Giunta entro settembre", "100")]


def test_a_project_line_cut_by_a_page_break_goes_on_with_its_titles() -> None:
    """A project line whose code and figures end a page and whose titles' lines open the next (a renderer
    that splits rows): the titles are that line's and its objective's, no line of their own."""
    page = Page([40, 120, 60, 150, 70, 70, 70])
    header = ["Ob. strat.", "Obiettivo strategico", "Codice progetto", "Progetto", "Budget iniziale 2016",
              "Budget aggiornato", "Consuntivo 2016"]
    rows = [page.row(header),
            page.row(["2B", "", "2B0101", "", "300,00", "323,00", "322,08"])]
    page.new_page()
    rows += [page.row(["", "Rafforzamento immagine", "", "Promuovere la qualità dei dati"]),
             page.row(["2B", "Rafforzamento immagine", "", "Totale", "300,00", "323,00", "322,08"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(o["code"], o["title"]) for o in doc.tables["strategic_objectives"]] == [("2B", "Rafforzamento immagine")]
    assert [(b["line_kind"], b["project_code_raw"], b["project_title"]) for b in doc.tables["budget_lines"]] == [
        ("project", "2B0101", "Promuovere la qualità dei dati"), ("subtotal", None, None)]


def test_values_a_reader_set_in_columns_finer_than_their_header_are_read_under_their_labels() -> None:
    """The areas' header labels each over one column of the reader's grid, every row's figures in other
    columns of it (the reader split the printed columns at each figure's own right-aligned start): each
    figure is read under the label it is printed under."""
    page = Page([150, 40, 40, 40, 40, 40, 40])
    head = page.row(["RIEPILOGO RISORSE PER AREE STRATEGICHE", "Budget iniziale 2016", "Budget aggiornato",
                     "Consuntivo 2016"], [1, 2, 2, 2])
    rows = [head,
            page.row(["Area Strategica 1: COMPETITIVITA' DEL TERRITORIO", "", "86.600,00", "", "77.100,00", "",
                      "32.531,39"]),
            page.row(["TOTALE GENERALE AREE STRATEGICHE", "1.759.900,00", "", "1.738.673,00", "", "1.133.303,68",
                      ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(a["area"], str(a["budget_initial"]), str(a["budget_updated"]), str(a["actual"]))
            for a in doc.tables["strategic_areas"]] == [(1, "86600.00", "77100.00", "32531.39"),
                                                         (None, "1759900.00", "1738673.00", "1133303.68")]


def test_an_objective_printed_at_a_page_foot_opens_the_headerless_part_on_the_next_page() -> None:
    """'OBIETTIVO N. 3/2016' and its title's lines at a page foot, too few lines for a table, the title's
    last line and its indicators at the next page's head in a part printed without the header: one
    objective, read with its indicators."""
    page = Page([400, 60])
    rows = [page.line("Dirigente Area Anagrafico certificativa"),
            page.row(["DIRIGENTE ANAGRAFICO – OBIETTIVI E INDICATORI", "% RAGGIUNGIMENTO"]),
            page.row(["OBIETTIVO N. 2/2016 REALIZZAZIONE DEI PROGRAMMI", ""]),
            page.row(["Realizzazione del 90% degli obiettivi assegnati", "98,12"]),
            page.row(["OBIETTIVO REALIZZATO AL 98,12%", ""]),
            page.line("OBIETTIVO N. 3/2016 ESERCIZIO FUNZIONI RESPONSABILE"),
            page.line("TRASPARENZA E PREVENZIONE")]
    page.new_page()
    rows += [page.line("DELLA CORRUZIONE"),   # the title's last line, above the part's first rule
             page.row(["INDICATORE 1) Relazione sulle attività poste in essere", "100"]),
             page.row(["INDICATORE 2a) Adozione di provvedimenti di riorganizzazione", "90"]),
             page.row(["OBIETTIVO REALIZZATO AL 95%", ""])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    third = [(a["indicator_label"], a["achievement_text"], a["title"]) for a in doc.tables["achievements"]
             if a["objective_number"] == "3/2016"]
    assert third == [(None, "95%", "ESERCIZIO FUNZIONI RESPONSABILE TRASPARENZA E PREVENZIONE DELLA CORRUZIONE"),
                     ("1)", "100", "ESERCIZIO FUNZIONI RESPONSABILE TRASPARENZA E PREVENZIONE DELLA CORRUZIONE"),
                     ("2a)", "90", "ESERCIZIO FUNZIONI RESPONSABILE TRASPARENZA E PREVENZIONE DELLA CORRUZIONE")]


def _objective_cut_by_a_page() -> tuple[list[Row], Row, Row]:
    """The Segretario generale's objective 4/2016 with its title's first line at a page foot, and the two
    indicator rows at the next page's head, the title's column left blank (the reader gives its lines apart)."""
    page = Page([150, 250, 60])
    rows = [page.row(["SEGRETARIO GENERALE", "INDICATORE", "% RAGGIUNGIMENTO"]),
            page.row(["OBIETTIVO N. 4/2016", "INDICATORE A)\nrealizzazione del 90% degli obiettivi", "97,5"]),
            page.row(["REALIZZAZIONE DEI PROGRAMMI,", "", ""])]
    page.new_page()
    first = page.row(["", "INDICATORE B)\nrealizzazione obiettivo n. 3/2016", "100"])
    second = page.row(["", "INDICATORE C)\nrelazione alla Giunta entro settembre", "100"])
    return rows, first, second


def test_title_lines_beside_a_part_read_as_prose_go_on_with_the_objective() -> None:
    """At a page head, the objectives' column prints only the rest of a title beside the indicators: the
    reader gives the indicators as the table and the title's lines, left of it and at its height, as prose
    after it. They are more of the objective's title."""
    rows, first, second = _objective_cut_by_a_page()
    rows += [Row([None, *first.cells[1:]], first.page, first.table), Row([None, *second.cells[1:]], second.page,
                                                                         second.table)]
    rows += [Row([Cell(text, first.page, Box(36.0, line.cells[1].bbox.top, 180.0, line.cells[1].bbox.bottom))],
                 first.page, None)
             for text, line in (("STABILITI DAL CONSIGLIO", first), ("CON L'APPROVAZIONE", second))]
    rows.append(Row([Cell("OBIETTIVO REALIZZATO AL 99,16%", first.page, Box(200.0, 80.0, 400.0, 90.0))], first.page,
                    None))
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    titles = {a["title"] for a in doc.tables["achievements"] if a["objective_number"] == "4/2016"}
    assert titles == {"REALIZZAZIONE DEI PROGRAMMI, STABILITI DAL CONSIGLIO CON L'APPROVAZIONE"}
    assert [a["achievement_text"] for a in doc.tables["achievements"] if a["indicator_seq"] is None] == ["99,16%"]


def test_a_title_line_set_a_little_above_the_part_beside_it_opens_the_titles_rest() -> None:
    """The rest of a title at a page head, its first line 6 pt higher than the indicators beside it (a cell's
    text set from its own top), read as prose before the part and its other lines as prose after it: all of
    them go on with the title, in their order."""
    rows, first, second = _objective_cut_by_a_page()
    top, bottom = first.cells[1].bbox.top, first.cells[1].bbox.bottom

    def beside(text: str, shift: float) -> Row:
        return Row([Cell(text, first.page, Box(36.0, top + shift, 180.0, bottom + shift))], first.page, None)

    rows += [beside("STABILITI DAL CONSIGLIO", -6.0),
             Row([None, *first.cells[1:]], first.page, first.table),
             Row([None, *second.cells[1:]], second.page, second.table),
             beside("CON L'APPROVAZIONE", 8.0), beside("DEL BILANCIO", 18.0)]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    titles = {a["title"] for a in doc.tables["achievements"] if a["objective_number"] == "4/2016"}
    assert titles == {"REALIZZAZIONE DEI PROGRAMMI, STABILITI DAL CONSIGLIO CON L'APPROVAZIONE DEL BILANCIO"}


def test_a_header_line_alone_at_a_page_foot_heads_the_table_on_the_next_page() -> None:
    """'Indicatore 2013 2014 2015 2016': an unruled header of one line left at a page foot, read as prose;
    the indicators on the next page, without the header. The line's words are the table's labels, one a
    column: the values are read under them."""
    page = Page([200, 60, 60, 60, 60])
    rows = [page.line("STATO DI SALUTE DELL'ENTE"), page.line("Indicatore 2013 2014 2015 2016")]
    page.new_page()
    rows += [page.row(["Efficienza di Struttura", "44,2%", "48,7%", "46,5%", "47,2%"]),
             page.row(["Efficienza Operativa (valore in Euro)", "102,9", "96,8", "93,9", "85,6"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(f["name"], f["year"], f["value_text"]) for f in doc.tables["financial_indicators"]] == [
        ("Efficienza di Struttura", 2013, "44,2%"), ("Efficienza di Struttura", 2014, "48,7%"),
        ("Efficienza di Struttura", 2015, "46,5%"), ("Efficienza di Struttura", 2016, "47,2%"),
        ("Efficienza Operativa (valore in Euro)", 2013, "102,9"), ("Efficienza Operativa (valore in Euro)", 2014, "96,8"),
        ("Efficienza Operativa (valore in Euro)", 2015, "93,9"), ("Efficienza Operativa (valore in Euro)", 2016, "85,6")]


def test_a_prose_line_of_other_words_at_a_page_foot_heads_nothing() -> None:
    """A line at a page foot whose words are not the table's labels, one a column ('Indicatori di salute
    2013-2016'), is prose: the headerless part under it gives no records."""
    page = Page([200, 60, 60, 60, 60])
    rows = [page.line("Indicatori di salute finanziaria dal 2013 al 2016")]
    page.new_page()
    rows += [page.row(["Efficienza di Struttura", "44,2%", "48,7%", "46,5%", "47,2%"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert not doc.tables.get("financial_indicators")


def test_a_header_row_a_page_break_cut_is_read_from_its_two_parts() -> None:
    """A ruled header row cut by the page break: its first lines left at the page foot as prose
    ('Progetto Budget iniziale Budget Consuntivo 2016' over '2016 aggiornato', no rule under them), the
    taller cells' lines on the next page above the rule, the part's first row. The lines' words are the
    labels of the columns that row leaves blank; the project line is read under them (gold, p. 3: 2B)."""
    page = Page([200, 60, 60, 60, 60, 60])
    rows = [page.line("OBIETTIVO STRATEGICO 2B - Rafforzamento immagine del registro imprese"),
            page.line("Progetto Budget iniziale Budget Consuntivo 2016"), page.line("2016 aggiornato")]
    page.new_page()
    rows += [page.row(["", "", "", "", "% Utilizzo\nBudget\naggiornato", "% Risorse\nimpiegate per\nOb. strategico"]),
             page.row(["2B0101 - Promuovere la qualità dei dati del Registro imprese", "300,00", "323,00", "322,08",
                       "99,7", ""]),
             page.row(["Totale", "300,00", "323,00", "322,08", "99,7", "0,03"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(b["line_kind"], b["strategic_objective"], b["project_code"], b["budget_initial"], b["budget_updated"],
             b["actual"], b["pct_used"], b["pct_of_total"]) for b in doc.tables["budget_lines"]] == [
        ("project", "2B", "2B0101", Decimal("300.00"), Decimal("323.00"), Decimal("322.08"), 99.7, None),
        ("subtotal", "2B", None, Decimal("300.00"), Decimal("323.00"), Decimal("322.08"), 99.7, 0.03)]



def test_a_half_page_column_s_wrapped_header_and_broken_values_are_read_whole() -> None:
    """A half-page column: the composition's group label wraps inside its span ('COMPOSIZIO' over 'NE %'),
    each header line a row of its own, the years on a third; financial values broken between characters
    over two lines of their cell ('23.37' over '1,4', '-25,3' over '%').  Values from the gold (Relazione
    p. 6)."""
    page = Page([120, 50, 50, 30, 30])
    rows = [page.row(["PROVENTI CORRENTI", "Importi (euro)", "COMPOSIZIO"], [1, 2, 2]),
            page.row(["", "", "", "NE %", ""]),
            page.row(["", "2016", "2015", "2016", "2015"]),
            page.row(["Diritto annuale", "5.951.442,\n78", "5.457.267,\n63", "68,5", "68,1"])]
    page.new_table()
    page.columns([120, 30, 30, 30, 30])
    rows += [page.row(["Indicatore", "2016", "2015", "2014", "2013"]),
             page.row(["Tasso di variazione crediti da\nDiritto annuale", "-25,3\n%", "-32,2\n%", "4,1%", "12,0%"]),
             page.row(["Costo medio di funzionamento per\ndipendente (valore in Euro)", "23.37\n1,4", "25.53\n4,4",
                       "32.72\n0,5", "35.76\n0,7"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert [(c["kind"], c["item"], c["year"], c["amount"], c["pct"]) for c in doc.tables["composition"]] == [
        ("proventi", "Diritto annuale", 2016, Decimal("5951442.78"), 68.5),
        ("proventi", "Diritto annuale", 2015, Decimal("5457267.63"), 68.1)]
    assert [(f["name"], f["year"], f["value"], f["unit"]) for f in doc.tables["financial_indicators"]] == [
        ("Tasso di variazione crediti da Diritto annuale", 2016, -25.3, "%"),
        ("Tasso di variazione crediti da Diritto annuale", 2015, -32.2, "%"),
        ("Tasso di variazione crediti da Diritto annuale", 2014, 4.1, "%"),
        ("Tasso di variazione crediti da Diritto annuale", 2013, 12.0, "%"),
        ("Costo medio di funzionamento per dipendente (valore in Euro)", 2016, 23371.4, "€"),
        ("Costo medio di funzionamento per dipendente (valore in Euro)", 2015, 25534.4, "€"),
        ("Costo medio di funzionamento per dipendente (valore in Euro)", 2014, 32720.5, "€"),
        ("Costo medio di funzionamento per dipendente (valore in Euro)", 2013, 35760.7, "€")]


def test_a_second_composition_figure_for_an_item_and_year_is_named_not_written_over_the_first() -> None:
    """The costs' percentages go on at the next page's head under their repeated header, the 'COMPOSIZIONE %'
    heading left behind: 'Ammortamenti e accantonamenti | 24,2 | 25,6' reads as amounts of an item whose
    amounts were read (1.964.094,72 and 2.166.573,61, gold). The amounts stay; the second figures are named
    as values placed in no record, so the document cannot end 'ok'."""
    page = Page([200, 80, 80])
    rows = [page.line("3. Profilo economico-finanziario: risorse, efficienza ed economicità"),
            page.row(["ONERI CORRENTI", "2016", "2015"]),
            page.row(["Ammortamenti e accantonamenti", "1.964.094,72", "2.166.573,61"]),
            page.line("COMPOSIZIONE %")]
    page.new_table()
    rows += [page.row(["ONERI CORRENTI", "2016", "2015"]), page.row(["Personale", "42,1", "40,7"])]
    page.new_page()
    rows += [page.line("Relazione 2016"), page.row(["ONERI CORRENTI", "2016", "2015"]),
             page.row(["Ammortamenti e accantonamenti", "24,2", "25,6"])]
    doc = parse(Layout("synthetic", "synthetic", "pdf", None, rows), INFO, ParseContext())
    assert {(c["item"], c["year"]): c["amount"] for c in doc.tables["composition"]
            if c["item"] == "Ammortamenti e accantonamenti"} == {
        ("Ammortamenti e accantonamenti", 2016): Decimal("1964094.72"),
        ("Ammortamenti e accantonamenti", 2015): Decimal("2166573.61")}
    assert len(doc.unplaced) == 2 and "'24,2'" in doc.unplaced[0] and "'25,6'" in doc.unplaced[1]
