"""Where a PIRA rendition puts its labels and values.

`pira_blocks(content, Arrangement(...))` turns the report's content into blocks.  The
arrangement names one way of printing each part (overview, block header, objective,
indicator); the label words come from a vocabulary, so a rendition of an unknown layout
family is the same content under other words (`RENAMED`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from content import PiraContent, italian
from model import Block, Cell, Heading, PageBreak, Paragraph, Spacer, Table

# The report's own label words (seed spelling).
VOCABULARY: dict[str, str] = {
    "Missione": "Missione", "Programma": "Programma", "Obiettivi": "Obiettivi", "Obiettivo": "Obiettivo",
    "Titolo": "Titolo", "Descrizione": "Descrizione", "Arco temporale": "Arco temporale",
    "Arco temporale realizzazione": "Arco temporale realizzazione",
    "Centro di responsabilità": "Centro di responsabilità", "Risorse preventivo": "Risorse preventivo",
    "Risorse consuntivo": "Risorse consuntivo", "proventi correnti": "proventi correnti",
    "oneri correnti": "oneri correnti", "investimenti": "investimenti",
    "Nr indicatori associati": "Nr indicatori associati", "Indicatore": "Indicatore", "Cosa misura": "Cosa misura",
    "Tipologia": "Tipologia", "Unità di misura": "Unità di misura", "Algoritmo di calcolo": "Algoritmo di calcolo",
    "Fonte dei dati": "Fonte dei dati", "Ultimo valore osservato": "Ultimo valore osservato",
    "Risultato atteso": "Risultato atteso", "Risultato anno": "Risultato anno",
}

# An unknown layout family: every label renamed, the content unchanged.
RENAMED: dict[str, str] = {
    "Missione": "Funzione", "Programma": "Linea di attività", "Obiettivi": "Finalità", "Obiettivo": "Scheda",
    "Titolo": "Denominazione obiettivo", "Descrizione": "Contenuto", "Arco temporale": "Durata",
    "Arco temporale realizzazione": "Durata prevista", "Centro di responsabilità": "Struttura competente",
    "Risorse preventivo": "Stanziamento previsto", "Risorse consuntivo": "Spesa effettiva",
    "proventi correnti": "entrate di parte corrente", "oneri correnti": "uscite di parte corrente",
    "investimenti": "spese in conto capitale", "Nr indicatori associati": "Quante misure",
    "Indicatore": "Misura", "Cosa misura": "Finalità della misura", "Tipologia": "Natura",
    "Unità di misura": "Scala", "Algoritmo di calcolo": "Formula", "Fonte dei dati": "Origine del dato",
    "Ultimo valore osservato": "Valore più recente", "Risultato atteso": "Traguardo", "Risultato anno": "Esito",
}

ITEMS = ("proventi_correnti", "oneri_correnti", "investimenti")


@dataclass
class Arrangement:
    overview: Literal["rows", "stacked"] = "rows"
    block_header: Literal["table", "heading"] = "table"
    objective: Literal["adjacent", "inline", "header_row"] = "adjacent"
    indicator: Literal["transposed", "header_row", "inline", "wide"] = "transposed"
    block_on_new_page: bool = True
    # Objective codes whose resources' item header row ends a page, its values on the next (WeasyPrint).
    break_after_resource_header: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=lambda: dict(VOCABULARY))


def _amount(resources: list[dict[str, Any]], phase: str, item: str) -> str:
    for r in resources:
        if r["phase"] == phase and r["item"] == item:
            return italian(r["amount"], euro=True)
    raise KeyError((phase, item))


def _resource_year(objective: dict[str, Any], phase: str) -> int:
    return next(r["year"] for r in objective["resources"] if r["phase"] == phase)


def _s(value: str | None) -> str:
    return value or ""


class _Pira:
    def __init__(self, content: PiraContent, arrangement: Arrangement):
        self.c, self.a, self.L = content, arrangement, arrangement.labels

    # -- cover and intro --------------------------------------------------------------
    def front(self) -> list[Block]:
        cover = self.c.cover
        blocks: list[Block] = [Spacer(120)]
        for i, line in enumerate(cover):
            blocks.append(Paragraph(line, bold=i < 2, align="center", size_scale=1.8 if i < 2 else 1.2))
            blocks.append(Spacer(10 if i < 2 else 4))
        blocks += [PageBreak(), Heading(self.c.heading, 1)]
        for text in self.c.prose:
            if text.startswith("- "):
                blocks.append(Paragraph("• " + text[2:], align="left"))
            else:
                blocks.append(Paragraph(text))
        blocks.append(Spacer(8))
        blocks += self.overview()
        return blocks

    def overview(self) -> list[Block]:
        L, cols = self.L, self.c.overview
        if self.a.overview == "rows":
            rows = [[Cell(L["Missione"], label=True), Cell(L["Programma"], label=True),
                     Cell(L["Obiettivi"], label=True)]]
            rows += [[Cell(col["mission"]), Cell(col["programme"]), Cell(col["objectives"])] for col in cols]
            return [Table(rows, [2, 3, 7], header_rows=1)]
        blocks: list[Block] = []
        for col in cols:
            blocks.append(Table([[Cell(L["Missione"], label=True), Cell(col["mission"])],
                                 [Cell(L["Programma"], label=True), Cell(col["programme"])],
                                 [Cell(L["Obiettivi"], label=True), Cell(col["objectives"])]], [1, 5]))
            blocks.append(Spacer(8))
        return blocks

    # -- mission/programme blocks ---------------------------------------------------------
    def body(self) -> list[Block]:
        blocks: list[Block] = []
        for n, block in enumerate(self.c.blocks):
            if self.a.block_on_new_page or n == 0:
                blocks.append(PageBreak())
            else:
                blocks.append(Spacer(14))
            mission = f"{block['mission_code']} - {block['mission_name']}"
            programme = f"{block['program_code']} - {block['program_name']}"
            if self.a.block_header == "table":
                blocks.append(Table([[Cell(self.L["Missione"], label=True), Cell(mission, bold=True)],
                                     [Cell(self.L["Programma"], label=True), Cell(programme, bold=True)]], [1, 5]))
            else:
                blocks.append(Heading(f"{self.L['Missione']} {mission}", 2))
                blocks.append(Heading(f"{self.L['Programma']} {programme}", 3))
            blocks.append(Spacer(8))
            if self.a.indicator == "wide":
                for ob in block["objectives"]:
                    blocks += self.objective(block, ob) + [Spacer(6)]
                    blocks += self.indicators_wide(block, ob) + [Spacer(10)]
                continue
            for ob in block["objectives"]:
                blocks += self.objective(block, ob) + [Spacer(6)]
                for ind in ob["indicators"]:
                    blocks += self.indicator(block, ob, ind) + [Spacer(6)]
        return blocks

    def _time_label(self, ob: dict[str, Any]) -> str:
        # The report's first objective prints 'Arco temporale realizzazione' (gold note L60).
        return self.L["Arco temporale realizzazione"] if ob is self.c.blocks[0]["objectives"][0] \
            else self.L["Arco temporale"]

    def objective(self, block: dict[str, Any], ob: dict[str, Any]) -> list[Block]:
        L, res = self.L, ob["resources"]
        prev = f"{L['Risorse preventivo']} {_resource_year(ob, 'preventivo')}"
        cons = f"{L['Risorse consuntivo']} {_resource_year(ob, 'consuntivo')}"
        if self.a.objective == "adjacent":
            rows = [[Cell(L["Obiettivo"], label=True, bold=True, colspan=4)],
                    [Cell(L["Titolo"], label=True), Cell(ob["title_raw"], bold=True, colspan=3)],
                    [Cell(L["Descrizione"], label=True), Cell(_s(ob["description"]), colspan=3)],
                    [Cell(self._time_label(ob), label=True), Cell(_s(ob["time_span"]), colspan=3)],
                    [Cell(L["Centro di responsabilità"], label=True),
                     Cell(_s(ob["responsibility_center"]), colspan=3)],
                    [Cell("", label=True)] + [Cell(L[i.replace("_", " ")], label=True, align="right") for i in ITEMS]]
            for phase, label in (("preventivo", prev), ("consuntivo", cons)):
                rows.append([Cell(label, label=True)] + [Cell(_amount(res, phase, i), align="right") for i in ITEMS])
            rows.append([Cell(L["Nr indicatori associati"], label=True),
                         Cell(str(ob["n_indicators_declared"]), colspan=3)])
            forced = 6 if ob["objective_code"] in self.a.break_after_resource_header else None
            return [Table(rows, [2.2, 2.3, 2.3, 2.3], break_before_row=forced)]
        if self.a.objective == "inline":
            def line(label: str, value: str) -> list[Cell]:
                return [Cell(f"{label}: {value}".rstrip())]
            rows = [line(L["Titolo"], ob["title_raw"]), line(L["Descrizione"], _s(ob["description"])),
                    line(self._time_label(ob), _s(ob["time_span"])),
                    line(L["Centro di responsabilità"], _s(ob["responsibility_center"]))]
            for phase, label in (("preventivo", prev), ("consuntivo", cons)):
                parts = [f"{L[i.replace('_', ' ')]} {_amount(res, phase, i)}".rstrip() for i in ITEMS]
                rows.append(line(label, " – ".join(parts)))
            rows.append(line(L["Nr indicatori associati"], str(ob["n_indicators_declared"])))
            return [Paragraph(L["Obiettivo"], bold=True, align="left"), Table(rows, [1])]
        # header_row: one header row above one value row, resources with a label column.
        head = [L["Titolo"], L["Descrizione"], self._time_label(ob), L["Centro di responsabilità"],
                L["Nr indicatori associati"]]
        main = Table([[Cell(h, label=True) for h in head],
                      [Cell(ob["title_raw"], bold=True), Cell(_s(ob["description"])), Cell(_s(ob["time_span"])),
                       Cell(_s(ob["responsibility_center"])), Cell(str(ob["n_indicators_declared"]), align="center")]],
                     [3, 7, 1.4, 2.6, 1.2], header_rows=1)
        rows = [[Cell("", label=True), Cell(prev, label=True, align="right"),
                 Cell(cons, label=True, align="right")]]
        for item in ITEMS:
            rows.append([Cell(L[item.replace("_", " ")])] +
                        [Cell(_amount(res, phase, item), align="right") for phase in ("preventivo", "consuntivo")])
        return [main, Spacer(4), Table(rows, [3, 2, 2], header_rows=1, keep_together=True)]

    def indicator(self, block: dict[str, Any], ob: dict[str, Any], ind: dict[str, Any]) -> list[Block]:
        L = self.L
        key = (block["mission_code"], block["program_code"], ob["seq"], ind["seq"])
        typ = self.c.type_raw[key]
        fields = [(L["Tipologia"], typ), (L["Unità di misura"], _s(ind["unit"])),
                  (L["Algoritmo di calcolo"], _s(ind["algorithm"])), (L["Fonte dei dati"], _s(ind["source"])),
                  (L["Ultimo valore osservato"], _s(ind["last_observed"]))]
        targets = [(f"{L['Risultato atteso']} {t['year']}", _s(t["text"])) for t in ind["targets"]]
        results = [(f"{L['Risultato anno']} {r['year']}", _s(r["text"])) for r in ind["results"]]
        if self.a.indicator == "transposed":
            rows = [[Cell(L["Indicatore"], label=True), Cell(ind["name"], bold=True)],
                    [Cell(L["Cosa misura"], label=True), Cell(_s(ind["measures"]))]]
            rows += [[Cell(k, label=True), Cell(v)] for k, v in fields + targets + results]
            return [Table(rows, [1.3, 4])]
        if self.a.indicator == "header_row":
            # Six grid columns: the fields under their headers (the last one two columns wide), then the
            # target years and the result years, each two columns wide, under their own header rows.
            def pairs(items: list[tuple[str, str]], label: bool) -> list[Cell]:
                return [Cell(k if label else v, label=label, colspan=2, align="center") for k, v in items]
            rows = [[Cell(L["Indicatore"], label=True), Cell(ind["name"], bold=True, colspan=5)],
                    [Cell(L["Cosa misura"], label=True), Cell(_s(ind["measures"]), colspan=5)],
                    [Cell(k, label=True, colspan=2 if n == 4 else 1) for n, (k, _) in enumerate(fields)],
                    [Cell(v, colspan=2 if n == 4 else 1) for n, (_, v) in enumerate(fields)],
                    pairs(targets, True), pairs(targets, False), pairs(results, True), pairs(results, False)]
            return [Table(rows, [1.2, 1.2, 1.4, 1.3, 1.5, 1.4])]
        # inline: label and value in one cell, two cells a row.
        cells = [Cell(f"{k}: {v}".rstrip()) for k, v in fields + targets + results]
        rows = [[Cell(f"{L['Indicatore']}: {ind['name']}", bold=True, colspan=2)],
                [Cell(f"{L['Cosa misura']}: {_s(ind['measures'])}".rstrip(), colspan=2)]]
        rows += [cells[i:i + 2] if i + 1 < len(cells) else [Cell(cells[i].text, colspan=2)]
                 for i in range(0, len(cells), 2)]
        return [Table(rows, [1, 1])]

    def indicators_wide(self, block: dict[str, Any], ob: dict[str, Any]) -> list[Block]:
        """All indicators of an objective as rows under a two-level header (landscape)."""
        L = self.L
        target_years = sorted({t["year"] for i in ob["indicators"] for t in i["targets"]})
        result_years = sorted({r["year"] for i in ob["indicators"] for r in i["results"]})
        # One header for all indicators: only when they share their years (a blank cell would be a value).
        assert all([t["year"] for t in i["targets"]] == target_years and
                   [r["year"] for r in i["results"]] == result_years for i in ob["indicators"])
        heads = [L["Indicatore"], L["Cosa misura"], L["Tipologia"], L["Unità di misura"], L["Algoritmo di calcolo"],
                 L["Fonte dei dati"], L["Ultimo valore osservato"]]
        top = [Cell(h, label=True, rowspan=2) for h in heads]
        top += [Cell(L["Risultato atteso"], label=True, colspan=len(target_years), align="center"),
                Cell(L["Risultato anno"], label=True, colspan=len(result_years), align="center")]
        sub = [Cell(str(y), label=True, align="center") for y in target_years + result_years]
        rows = [top, sub]
        for ind in ob["indicators"]:
            key = (block["mission_code"], block["program_code"], ob["seq"], ind["seq"])
            t = {x["year"]: x["text"] for x in ind["targets"]}
            r = {x["year"]: x["text"] for x in ind["results"]}
            rows.append([Cell(ind["name"], bold=True), Cell(_s(ind["measures"])), Cell(self.c.type_raw[key]),
                         Cell(_s(ind["unit"])), Cell(_s(ind["algorithm"])), Cell(_s(ind["source"])),
                         Cell(_s(ind["last_observed"]))]
                        + [Cell(_s(t.get(y))) for y in target_years] + [Cell(_s(r.get(y)), align="center")
                                                                        for y in result_years])
        widths = [3, 3, 1.6, 1.7, 1.8, 1.7, 2.6] + [2.2] * len(target_years) + [1.3] * len(result_years)
        return [Table(rows, widths, header_rows=2)]


def pira_blocks(content: PiraContent, arrangement: Arrangement) -> list[Block]:
    """The whole PIRA (cover, intro, overview, every mission/programme block) as blocks."""
    p = _Pira(content, arrangement)
    return p.front() + p.body()
