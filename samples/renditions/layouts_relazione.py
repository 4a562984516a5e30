"""Where a Relazione rendition puts its labels and values.

`relazione_blocks(content, RelazioneArrangement(...))` prints the parts of the report the
gold covers (budget by strategic objective and project, strategic areas, entity and
individual objectives, composition of revenue and costs, financial health) with the
report's headings and prose around them.  Each part has a few arrangements.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from content import RelazioneContent, italian
from model import Block, Cell, Heading, PageBreak, Paragraph, Spacer, Table

BUDGET_HEAD = ("Budget iniziale 2016", "Budget aggiornato", "Consuntivo 2016", "% Utilizzo Budget aggiornato",
               "% Risorse impiegate per Ob. strategico")
BUDGET_KEYS = ("budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total")
AREA_HEAD = ("Budget iniziale 2016", "Budget al 31/12", "Consuntivo 2016", "% Utilizzo Budget al 31/12",
             "% Risorse impiegate per Area Strategica")


@dataclass
class RelazioneArrangement:
    budget: Literal["group_row", "code_columns", "first_row", "per_objective"] = "group_row"
    budget_order: tuple[int, ...] = (0, 1, 2, 3, 4)       # column order of BUDGET_KEYS
    areas: Literal["label", "columns"] = "label"
    entity: Literal["numbered", "columns"] = "numbered"
    individual: Literal["rows", "inline", "merged_objective"] = "rows"
    health: Literal["columns", "ascending", "transposed"] = "columns"
    composition: Literal["separate", "combined"] = "separate"
    sections_on_new_page: bool = True
    break_after_health_header: bool = False    # the header row ends a page, the values on the next (WeasyPrint)


def _it(value: Any) -> str:
    return italian(value) if value is not None else ""


class _Relazione:
    def __init__(self, content: RelazioneContent, arrangement: RelazioneArrangement):
        self.c, self.a, self.g = content, arrangement, content.gold

    def section(self, title: str, level: int = 1) -> list[Block]:
        return ([PageBreak()] if self.a.sections_on_new_page and level == 1 else [Spacer(10)]) + \
            [Heading(title, level)]

    def front(self) -> list[Block]:
        blocks: list[Block] = [Spacer(140)]
        for i, line in enumerate(self.c.cover):
            blocks += [Paragraph(line, bold=i < 2, align="center", size_scale=2.0 if i < 2 else 1.2), Spacer(6)]
        blocks += [PageBreak(), Heading("Presentazione", 1)]
        *paragraphs, signature = self.c.presentazione
        blocks += [Paragraph(p) for p in paragraphs]
        blocks += [Paragraph("Il Presidente", align="right"), Paragraph("Dr. Giorgio Bartoli", align="right")]
        assert signature == "Il Presidente Dr. Giorgio Bartoli", signature
        return blocks

    # -- 1.2.2 budget -------------------------------------------------------------------
    def budget(self) -> list[Block]:
        g, order = self.g, self.a.budget_order
        head = [BUDGET_HEAD[i] for i in order]
        keys = [BUDGET_KEYS[i] for i in order]
        titles = {s["code"]: s["title"] for s in g["strategic_objectives"]}
        codes = sorted(titles)
        subtotal = {s["strategic_objective"]: s for s in g["budget_subtotals"]}

        def figures(record: dict[str, Any], with_share: bool) -> list[Cell]:
            return [Cell(_it(record.get(k)) if (k != "pct_of_total" or with_share) else "", align="right")
                    for k in keys]

        def project(line: dict[str, Any]) -> str:
            code = line["project_code_raw"]
            return f"{code} - {line['project_title']}" if code else line["project_title"]

        blocks = self.section("1.2.2 La Camera di Commercio di Lucca: le risorse finanziarie")
        total = g["budget_total"]
        if self.a.budget == "per_objective":
            # One small table per strategic objective under its own heading line; the grand total apart.
            for code in codes:
                rows = [[Cell("Progetto", label=True)] + [Cell(h, label=True, align="right") for h in head]]
                for line in (l for l in g["budget_lines"] if l["strategic_objective"] == code):
                    rows.append([Cell(project(line))] + figures(line, False))
                rows.append([Cell("Totale", bold=True)] +
                            [Cell(c.text, bold=True, align="right") for c in figures(subtotal[code], True)])
                blocks += [Paragraph(f"OBIETTIVO STRATEGICO {code} - {titles[code]}", bold=True, align="left"),
                           Table(rows, [6] + [1.7] * len(head), header_rows=1, font_scale=0.9), Spacer(6)]
            blocks.append(Table([[Cell("", label=True)] + [Cell(h, label=True, align="right") for h in head],
                                 [Cell(total["label"], bold=True)] +
                                 [Cell(c.text, bold=True, align="right") for c in figures(total, True)]],
                                [6] + [1.7] * len(head), header_rows=1, font_scale=0.9, keep_together=True))
            return blocks + self.areas()
        if self.a.budget == "group_row":
            rows = [[Cell("OBIETTIVO STRATEGICO / PROGETTI", label=True)] + [Cell(h, label=True, align="right")
                                                                              for h in head]]
            for code in codes:
                rows.append([Cell(f"OBIETTIVO STRATEGICO {code}: {titles[code]}", bold=True, colspan=1 + len(head))])
                for line in (l for l in g["budget_lines"] if l["strategic_objective"] == code):
                    rows.append([Cell(project(line))] + figures(line, False))
                rows.append([Cell(f"Totale obiettivo strategico {code}", bold=True)] +
                            [Cell(c.text, bold=True, align="right") for c in figures(subtotal[code], True)])
            widths = [6] + [1.6] * len(head)
        elif self.a.budget == "code_columns":
            rows = [[Cell("Ob. strat.", label=True), Cell("Obiettivo strategico", label=True),
                     Cell("Codice progetto", label=True), Cell("Progetto", label=True)] +
                    [Cell(h, label=True, align="right") for h in head]]
            for code in codes:
                for line in (l for l in g["budget_lines"] if l["strategic_objective"] == code):
                    rows.append([Cell(code), Cell(titles[code]), Cell(line["project_code_raw"] or ""),
                                 Cell(line["project_title"])] + figures(line, False))
                rows.append([Cell(code, bold=True), Cell(titles[code], bold=True), Cell(""), Cell("Totale", bold=True)]
                            + [Cell(c.text, bold=True, align="right") for c in figures(subtotal[code], True)])
            widths = [0.6, 2.2, 1.2, 2.6] + [2.0] * len(head)
        else:   # first_row: objective named on its first row only; subtotal rows carry no label
            rows = [[Cell("OBIETTIVO STRATEGICO", label=True), Cell("PROGETTI", label=True)] +
                    [Cell(h, label=True, align="right") for h in head]]
            for code in codes:
                lines = [l for l in g["budget_lines"] if l["strategic_objective"] == code]
                for n, line in enumerate(lines):
                    first = Cell([f"OBIETTIVO STRATEGICO {code}", titles[code]]) if n == 0 else Cell("")
                    rows.append([first, Cell(project(line))] + figures(line, False))
                rows.append([Cell(""), Cell("")] + [Cell(c.text, bold=True, align="right")
                                                     for c in figures(subtotal[code], True)])
            widths = [2.8, 3.6] + [1.8] * len(head)
        lead = {"group_row": 1, "code_columns": 4, "first_row": 2}[self.a.budget]
        rows.append([Cell(total["label"], bold=True, colspan=lead)] +
                    [Cell(c.text, bold=True, align="right") for c in figures(total, True)])
        blocks.append(Table(rows, widths, header_rows=1, font_scale=0.88))
        return blocks + self.areas()

    def areas(self) -> list[Block]:
        head = list(AREA_HEAD)
        rows: list[list[Cell]] = []
        if self.a.areas == "label":
            rows.append([Cell("RIEPILOGO RISORSE PER AREE STRATEGICHE (Oneri correnti + Investimenti)", label=True)]
                        + [Cell(h, label=True, align="right") for h in head])
        else:
            rows.append([Cell("Area", label=True), Cell("Area strategica", label=True)] +
                        [Cell(h, label=True, align="right") for h in head])
        for a in self.g["strategic_areas"]:
            nums = [Cell(_it(a[k]), align="right") for k in BUDGET_KEYS]
            if a["area"] == "total":
                lead = [Cell(a["name"], bold=True, colspan=1 if self.a.areas == "label" else 2)]
            elif self.a.areas == "label":
                lead = [Cell(f"Area Strategica {a['area']}: {a['name']}")]
            else:
                lead = [Cell(str(a["area"])), Cell(a["name"])]
            rows.append(lead + nums)
        widths = [5] + [1.7] * 5 if self.a.areas == "label" else [0.7, 4.3] + [1.8] * 5
        title = [] if self.a.areas == "label" else [Paragraph("RIEPILOGO RISORSE PER AREE STRATEGICHE "
                                                              "(Oneri correnti + Investimenti)", bold=True)]
        return [Spacer(12)] + title + [Table(rows, widths, header_rows=1, keep_together=True)]

    # -- 2.1 entity objectives ------------------------------------------------------------
    def entity(self) -> list[Block]:
        blocks = self.section("2.1 Gli obiettivi di Ente – risultati 2016")
        blocks.append(Paragraph(self.c.overall_sentence))
        if self.a.entity == "numbered":
            rows = [[Cell("OBIETTIVI DI ENTE ANNO 2016", label=True), Cell("REALIZZAZIONE", label=True,
                                                                          align="right")]]
            rows += [[Cell(f"{e['number']}) {e['title']}"), Cell(_it(e["achievement_pct"]), align="right")]
                     for e in self.g["entity_objectives"]]
            widths = [8, 1.5]
        else:
            rows = [[Cell("N.", label=True), Cell("Obiettivo di Ente anno 2016", label=True),
                     Cell("% realizzazione", label=True, align="right")]]
            rows += [[Cell(str(e["number"])), Cell(e["title"]), Cell(_it(e["achievement_pct"]) + "%", align="right")]
                     for e in self.g["entity_objectives"]]
            widths = [0.6, 8, 1.6]
        blocks.append(Table(rows, widths, header_rows=1))
        return blocks

    # -- 2.2 / 2.3 individual objectives ------------------------------------------------------
    def individual(self) -> list[Block]:
        g = self.g
        owners: list[str] = []
        for o in g["individual_objectives"]:
            if o["owner"] not in owners:
                owners.append(o["owner"])
        closing = iter(self.c.closings)
        blocks: list[Block] = []
        for n, owner in enumerate(owners):
            if n == 0:
                blocks += self.section("2.2 Gli obiettivi individuali del Segretario generale – risultati 2016")
            else:
                if n == 1:
                    blocks += self.section("2.3 Gli obiettivi individuali dei dirigenti - risultati 2016.")
                blocks += [Spacer(8), Heading(owner, 3)]
            objectives = [o for o in g["individual_objectives"] if o["owner"] == owner]
            blocks.append(self._owner_table(owner, objectives, closing))
        return blocks

    def _owner_table(self, owner: str, objectives: list[dict[str, Any]], closing) -> Table:
        header = self.c.owner_headers[owner]
        a = self.a.individual
        if a == "rows":
            rows = [[Cell(header, label=True, colspan=2), Cell("% RAGGIUNGIMENTO", label=True, align="right")]]
            for o in objectives:
                rows.append([Cell(f"OBIETTIVO N. {o['objective_number']}", bold=True), Cell(o["title"], bold=True),
                             Cell("")])
                for ind in o["indicators"]:
                    label = f"INDICATORE {ind['label']}" if ind["label"] else ""
                    rows.append([Cell(label), Cell(ind["text"]), Cell(_it(ind["achievement_pct"]), align="right")])
                rows.append([Cell(next(closing), bold=True, colspan=3)])
            return Table(rows, [1.6, 7, 1.8], header_rows=1)
        if a == "inline":
            rows = [[Cell(f"{header} – OBIETTIVI E INDICATORI", label=True), Cell("% RAGGIUNGIMENTO", label=True,
                                                                               align="right")]]
            for o in objectives:
                rows.append([Cell(f"OBIETTIVO N. {o['objective_number']} {o['title']}", bold=True), Cell("")])
                for ind in o["indicators"]:
                    text = f"INDICATORE {ind['label']} {ind['text']}" if ind["label"] else ind["text"]
                    rows.append([Cell(text), Cell(_it(ind["achievement_pct"]), align="right")])
                rows.append([Cell(next(closing), bold=True), Cell("")])
            return Table(rows, [8, 1.5], header_rows=1)
        # merged_objective: the objective in a left cell merged down its indicator rows.
        rows = [[Cell(header, label=True), Cell("INDICATORE", label=True),
                 Cell("% RAGGIUNGIMENTO", label=True, align="right")]]
        for o in objectives:
            first = True
            for ind in o["indicators"]:
                text = [f"INDICATORE {ind['label']}", ind["text"]] if ind["label"] else ind["text"]
                lead = [Cell([f"OBIETTIVO N. {o['objective_number']}", o["title"]], bold=True,
                             rowspan=len(o["indicators"]))] if first else []
                rows.append(lead + [Cell(text), Cell(_it(ind["achievement_pct"]), align="right")])
                first = False
            rows.append([Cell(next(closing), bold=True, colspan=3, align="center")])
        return Table(rows, [3, 6, 1.4], header_rows=1)

    # -- 3. composition and financial health ---------------------------------------------------
    def economics(self) -> list[Block]:
        g = self.g
        blocks = self.section("3. Profilo economico-finanziario: risorse, efficienza ed economicità")
        parts = (("PROVENTI CORRENTI", g["revenue_composition"]), ("ONERI CORRENTI", g["cost_composition"]))
        if self.a.composition == "separate":
            for name, items in parts:
                rows = [[Cell(name, label=True), Cell("2016", label=True, align="right"),
                         Cell("2015", label=True, align="right")]]
                rows += [[Cell(i["item"]), Cell(_it(i["amount_2016"]), align="right"),
                          Cell(_it(i["amount_2015"]), align="right")] for i in items]
                blocks += [Table(rows, [5, 2, 2], header_rows=1, keep_together=True), Spacer(8)]
            for name, items in parts:
                rows = [[Cell(name, label=True), Cell("2016", label=True, align="right"),
                         Cell("2015", label=True, align="right")]]
                rows += [[Cell(i["item"]), Cell(_it(i["pct_2016"]), align="right"),
                          Cell(_it(i["pct_2015"]), align="right")] for i in items]
                blocks += [Paragraph("COMPOSIZIONE %", bold=True, align="left"),
                           Table(rows, [5, 2, 2], header_rows=1, keep_together=True), Spacer(8)]
        else:
            for name, items in parts:
                rows = [[Cell(name, label=True, rowspan=2), Cell("Importi (euro)", label=True, colspan=2,
                                                                 align="center"),
                         Cell("COMPOSIZIONE %", label=True, colspan=2, align="center")],
                        [Cell(y, label=True, align="right") for y in ("2016", "2015", "2016", "2015")]]
                rows += [[Cell(i["item"])] + [Cell(_it(i[k]), align="right") for k in
                                              ("amount_2016", "amount_2015", "pct_2016", "pct_2015")] for i in items]
                blocks += [Table(rows, [4, 2, 2, 1.3, 1.3], header_rows=2, keep_together=True), Spacer(10)]
        return blocks + self.health()

    def health(self) -> list[Block]:
        indicators = sorted(self.g["financial_indicators"], key=lambda f: f["src_line"])
        blocks: list[Block] = [Spacer(12), Heading("STATO DI SALUTE DELL'ENTE", 2)]
        if self.a.health in ("columns", "ascending"):
            years = ["2016", "2015", "2014", "2013"]
            if self.a.health == "ascending":
                years.reverse()
            head = [Cell("Indicatore", label=True)] + [
                Cell("CONSUNTIVO 2016" if y == "2016" and self.a.health == "columns" else y, label=True,
                     align="right") for y in years]
            rows = [head] + [[Cell(f["name"])] + [Cell(_it(f["values"][y]), align="right") for y in years]
                             for f in indicators]
            blocks.append(Table(rows, [6] + [1.4] * 4, header_rows=1,
                                break_before_row=1 if self.a.break_after_health_header else None))
            return blocks
        # transposed: indicators as columns (four a table), the years as rows.
        for start in range(0, len(indicators), 4):
            group = indicators[start:start + 4]
            rows = [[Cell("Anno", label=True)] + [Cell(f["name"], label=True, align="right") for f in group]]
            for y in ("2016", "2015", "2014", "2013"):
                rows.append([Cell(y)] + [Cell(_it(f["values"][y]), align="right") for f in group])
            blocks += [Table(rows, [1] + [3] * len(group), header_rows=1, keep_together=True), Spacer(8)]
        return blocks


def relazione_blocks(content: RelazioneContent, arrangement: RelazioneArrangement) -> list[Block]:
    r = _Relazione(content, arrangement)
    return r.front() + r.budget() + r.entity() + r.individual() + r.economics()
