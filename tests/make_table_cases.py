"""Small PDFs, one per way of printing a table, for the table reader's tests.

Run ``python tests/make_table_cases.py OUT_DIR`` to write them all; the tests call
``write_case`` into a temporary folder.  Every page is drawn glyph line by glyph line
with ReportLab's canvas, so what is printed (and where) is exactly what is written here:
the tests' expected grids are written by hand from these same lines.

Cell text is a list of printed lines (a wrapped cell is two lines); ``None`` leaves
the position to a spanning cell.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT, SIZE, LEADING = "Helvetica", 9, 11.0
PAD = 4.0   # blank between a cell's border and its text

RESOURCES_HEADER = ["Voce", "Preventivo 2019", "Consuntivo 2019"]
RESOURCES = [
    ["Proventi correnti", "€ 0,00", "€ 0,00"],
    ["Oneri correnti", "€ 5.400,00", "€ 5.317,80"],
    ["Interventi economici e nuovi|investimenti per impresa attiva", "€ 87.700,00", "€ 82.200,00"],
    ["Investimenti", "€ 1.200,00", "€ 0,00"],
    ["Totale", "€ 94.300,00", "€ 87.517,80"],
]
PROSE = [
    "La Camera di Commercio di Lucca ha perseguito nel 2019 gli obiettivi strategici indicati nel Piano,",
    "con le risorse riportate nella tabella seguente, ripartite tra proventi, oneri e investimenti.",
]


@dataclass
class Grid:
    """A table to draw: column lefts and widths, rows of cells (each a list of lines, or None)."""

    lefts: list[float]
    widths: list[float]
    rows: list[list[list[str] | None]]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)   # (row, col) -> (rows, cols)
    right_align: set[int] = field(default_factory=set)                              # numeric columns
    centre: set[int] = field(default_factory=set)                                   # centred columns

    def row_height(self, r: int) -> float:
        lines = max((len(c) for c in self.rows[r] if c), default=1)
        return lines * LEADING + 2 * PAD


def cells(rows: list[list[str]]) -> list[list[list[str] | None]]:
    """Rows of 'line one|line two' strings as lists of printed lines."""
    return [[text.split("|") for text in row] for row in rows]


class Page:
    """A ReportLab page addressed with pdfplumber's top-left origin."""

    def __init__(self, canvas: Canvas, height: float):
        self.c, self.height = canvas, height
        canvas.setFont(FONT, SIZE)

    def text(self, x: float, top: float, text: str, right: bool = False) -> None:
        baseline = self.height - top - SIZE
        (self.c.drawRightString if right else self.c.drawString)(x, baseline, text)

    def hline(self, x0: float, x1: float, y: float) -> None:
        self.c.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, top: float, bottom: float) -> None:
        self.c.line(x, self.height - top, x, self.height - bottom)

    def shade(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.setFillGray(0.85)
        self.c.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.c.setFillGray(0)

    def next_page(self) -> None:
        """The rest of the case on a new page."""
        self.c.showPage()
        self.c.setFont(FONT, SIZE)

    def footer(self, text: str) -> None:
        """A page number centred at the page's foot, as running footers are."""
        self.c.drawCentredString(A4[0] / 2, 30, text)

    def placed(self, lefts: Sequence[float], rows: Sequence[Sequence[str]], top: float) -> None:
        """Unruled rows, one line each: a row's texts at ``lefts``, from ``top`` down."""
        for r, row in enumerate(rows):
            for left, text in zip(lefts, row):
                self.text(left, top + r * LEADING, text)

    def prose(self, top: float, lines: list[str], left: float = 60) -> float:
        for i, line in enumerate(lines):
            self.text(left, top + i * LEADING, line)
        return top + len(lines) * LEADING

    def grid(self, g: Grid, top: float, *, hrules: str = "all", vrules: str = "all",
             shade_rows: tuple[int, ...] = (), shade_cells: tuple[int, ...] = (), text: bool = True) -> list[float]:
        """Draw ``g`` from ``top``; returns the row borders.

        hrules: 'all', 'frame' (top, under the header, bottom), 'header' (around the header only),
        'none'.  vrules: 'all', 'header' (only in the header row), 'none'.  shade_rows: rows shaded as
        one band; shade_cells: rows whose cells are shaded one by one (a word processor's cell shading).
        """
        ys = [top]
        for r in range(len(g.rows)):
            ys.append(ys[-1] + g.row_height(r))
        x0, x1 = g.lefts[0], g.lefts[-1] + g.widths[-1]
        for r in shade_rows:
            self.shade(x0, ys[r], x1, ys[r + 1])
        for r in shade_cells:
            for left, width in zip(g.lefts, g.widths):
                self.shade(left, ys[r], left + width, ys[r + 1])
        for r, row in enumerate(g.rows if text else []):
            for c, lines in enumerate(row):
                if lines is None:
                    continue
                n_rows, n_cols = g.spans.get((r, c), (1, 1))
                right_edge = g.lefts[c + n_cols - 1] + g.widths[c + n_cols - 1]
                for i, line in enumerate(lines):
                    if c in g.right_align and n_cols == 1:
                        self.text(right_edge - PAD, ys[r] + PAD + i * LEADING, line, right=True)
                    elif c in g.centre:
                        middle = (g.lefts[c] + right_edge) / 2 - stringWidth(line, FONT, SIZE) / 2
                        self.text(middle, ys[r] + PAD + i * LEADING, line)
                    else:
                        self.text(g.lefts[c] + PAD, ys[r] + PAD + i * LEADING, line)
        if hrules == "all":
            for r, y in enumerate(ys):
                # Under a cell that spans rows there is no line.
                covered = {c + i for (sr, c), (nr, nc) in g.spans.items() if sr < r < sr + nr for i in range(nc)}
                for c in range(len(g.lefts)):
                    if c not in covered:
                        self.hline(g.lefts[c], g.lefts[c] + g.widths[c], y)
        elif hrules == "frame":
            for y in (ys[0], ys[1], ys[-1]):
                self.hline(x0, x1, y)
        elif hrules == "header":
            for y in (ys[0], ys[1]):
                self.hline(x0, x1, y)
        borders = g.lefts + [x1]
        if vrules in ("all", "header"):
            last = len(g.rows) if vrules == "all" else 1
            for c, x in enumerate(borders):
                for r in range(last):
                    # Inside a cell that spans columns there is no line.
                    inside = any(sr <= r < sr + nr and sc < c < sc + nc for (sr, sc), (nr, nc) in g.spans.items())
                    if not inside:
                        self.vline(x, ys[r], ys[r + 1])
        return ys


def _resources(wrapped: bool = True) -> Grid:
    rows = [RESOURCES_HEADER] + RESOURCES
    return Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells(rows), right_align={1, 2})


def full_grid(p: Page) -> None:
    top = p.prose(60, PROSE)
    p.grid(_resources(), top + 20)


def horizontal_rules(p: Page) -> None:
    top = p.prose(60, PROSE)
    p.grid(_resources(), top + 20, hrules="all", vrules="none")


def booktabs(p: Page) -> None:
    """Rules only above and under the header and under the last row."""
    top = p.prose(60, PROSE)
    p.grid(_resources(), top + 20, hrules="frame", vrules="none")


def column_rules(p: Page) -> None:
    top = p.prose(60, PROSE)
    g = _resources()
    ys = p.grid(g, top + 20, hrules="none", vrules="all")
    p.hline(g.lefts[0], g.lefts[-1] + g.widths[-1], ys[0])
    p.hline(g.lefts[0], g.lefts[-1] + g.widths[-1], ys[-1])


def no_rules(p: Page) -> None:
    top = p.prose(60, PROSE)
    end = p.grid(_resources(), top + 20, hrules="none", vrules="none")[-1]
    p.prose(end + 20, ["Fonte: bilancio consuntivo 2019 della Camera di Commercio."])


def ruled_header(p: Page) -> None:
    """A header ruled as a grid over a body without any rule."""
    top = p.prose(60, PROSE)
    p.grid(_resources(), top + 20, hrules="header", vrules="header")


def label_column(p: Page) -> None:
    """An unruled label column beside a ruled block of figures."""
    top = p.prose(60, PROSE)
    g = _resources()
    ys = p.grid(g, top + 20, hrules="none", vrules="none")
    x0, x1 = g.lefts[1], g.lefts[-1] + g.widths[-1]
    for y in ys:
        p.hline(x0, x1, y)
    for x in g.lefts[1:] + [x1]:
        p.vline(x, ys[0], ys[-1])


def shaded_header(p: Page) -> None:
    """A two-line header, each line shaded on its own (two filled bands), over ruled rows."""
    top = p.prose(60, PROSE)
    g = Grid(lefts=[60, 260, 370], widths=[200, 110, 110],
             rows=cells([["Voce di bilancio", "Preventivo|2019", "Consuntivo|2019"]] + RESOURCES), right_align={1, 2})
    ys = p.grid(g, top + 20, hrules="none", vrules="none")
    x0, x1 = g.lefts[0], g.lefts[-1] + g.widths[-1]
    mid = ys[0] + PAD + LEADING
    p.shade(x0, ys[0], x1, mid)
    p.shade(x0, mid, x1, ys[1])
    p.grid(g, top + 20, hrules="all", vrules="none", text=False)


def spanning_header(p: Page) -> None:
    """'Risorse 2019' spans the two figure columns above their own headers."""
    top = p.prose(60, PROSE)
    g = Grid(lefts=[60, 260, 370], widths=[200, 110, 110],
             rows=[[["Voce"], ["Risorse 2019"], None], [None, ["Preventivo"], ["Consuntivo"]]]
             + cells(RESOURCES[:3]),
             spans={(0, 0): (2, 1), (0, 1): (1, 2)}, right_align={1, 2})
    p.grid(g, top + 20)


def rotated(p: Page) -> None:
    """A page displayed turned a quarter, with rules above and under the header and under the table."""
    top = p.prose(60, PROSE)
    p.grid(_resources(), top + 20, hrules="frame", vrules="none")


def sidebar(p: Page) -> None:
    """A boxed paragraph beside prose, and a legend: no table."""
    p.prose(60, PROSE)
    box = (60, 110, 330, 190)
    p.c.rect(box[0], p.height - box[3], box[2] - box[0], box[3] - box[1])
    p.prose(118, ["Nota: gli importi sono al netto dell'IVA e", "comprendono i contributi ricevuti da",
                  "enti pubblici e privati nel corso dell'anno."], left=68)
    p.prose(220, ["Legenda:  ■ proventi   ■ oneri"], left=60)


def two_columns(p: Page) -> None:
    """A page set in two text columns, a table with horizontal rules in each, at other heights."""
    short = [RESOURCES_HEADER, *RESOURCES[:2], *RESOURCES[3:]]
    left = Grid(lefts=[30, 125, 210], widths=[95, 85, 85], rows=cells(short), right_align={1, 2})
    right = Grid(lefts=[310, 405, 490], widths=[95, 85, 85], rows=cells(short), right_align={1, 2})
    top = p.prose(60, ["Risorse della missione 011,", "programma 005, nel 2019."], left=30)
    p.grid(left, top + 20, hrules="all", vrules="none")
    top = p.prose(97, ["Risorse della missione 012,", "programma 004, nel 2019."], left=310)
    p.grid(right, top + 20, hrules="all", vrules="none")


OBJECTIVE = [
    ["Titolo", "ANALISI DEL SISTEMA ECONOMICO LOCALE: VALORIZZAZIONE|DELL'INFORMAZIONE ECONOMICA PER IL MIGLIORAMENTO|"
               "DELLE POLITICHE (PROGETTO 1B0101)"],
    ["Descrizione", "La Camera intende rafforzare il proprio ruolo di osservatorio|"
                    "economico del territorio per la produzione e il reperimento|di informazioni statistiche."],
    ["Arco temporale", "Annuale"],
    ["Centro di responsabilità", "Area dirigenziale Anagrafico-certificativa|e regolazione del mercato"],
]


def ruled_label_value(p: Page) -> None:
    """Labels beside long values that wrap over lines as wide as the value column, rows ruled
    (some wrapped lines start with a capital: a title in capitals)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 170], widths=[110, 330], rows=cells(OBJECTIVE)), top + 20, hrules="all", vrules="none")


INDICATOR_FIELDS = [
    ["Indicatore", "Attività di studio e di individuazione delle informazioni utili alla|"
                   "definizione delle politiche di intervento"],
    ["Cosa misura", "Capacità di affermare il ruolo dell'ente come promotore|"
                    "e partner di politiche di programmazione territoriale"],
    ["Unità di misura", "percentuale"],
    ["Algoritmo di calcolo", "% realizzazione attività programmate"],
    ["Ultimo valore osservato", "prosegue l'attività a sostegno delle politiche di intervento|"
                                "per lo sviluppo del territorio"],
    ["Risultato atteso 2019", "Ideazione di nuove azioni di monitoraggio e diffusione|"
                              "delle informazioni per le attività economiche"],
]


def unruled_label_value(p: Page) -> None:
    """No rules: labels of three words beside values of many words wrapped over two lines (the label
    column is blank on the wrapped lines: a table, not a page in two columns of running text)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 180], widths=[120, 330], rows=cells(INDICATOR_FIELDS)), top + 20,
           hrules="none", vrules="none")


# The rest of an overview table at the top of a page: the programme's last lines, then the titles of its
# objectives alone in the last column, a rule, the next mission's row.
OVERVIEW_REST = [
    ["", "responsabilità sociale", "011-005-002 RIAFFERMARE IL RUOLO DI PRIMO"],
    ["", "d'impresa e movimento", "PUNTO DI CONTATTO TRA MONDO IMPRENDITORIALE"],
    ["", "cooperativo.", "E ISTITUZIONI EUROPEE (PROGETTO 2D0101)"],
    ["", "", "011-005-003 FAVORIRE LO START UP, SOSTENERE LO"],
    ["", "", "SVILUPPO D'IMPRESA E VALORIZZARE LE RISORSE"],
    ["", "", "UMANE. (PROGETTO 2C0101 - 2C0104 - 2C0105)"],
    ["", "", "011-005-004 VALORIZZAZIONE DELL'IDENTITÀ"],
    ["", "", "TERRITORIALE: INIZIATIVE DI PROMOZIONE DEL"],
    ["", "", "MARKETING TERRITORIALE (PROGETTI 2E0101)"],
    None,   # a rule
    ["012 Regolazione", "004 Vigilanza sui", "012-004-001 PROMOZIONE DEI SERVIZI DI"],
    ["dei mercati", "mercati e prodotti", "GIUSTIZIA ALTERNATIVA (PROGETTO 1D7101)"],
    None,
]


def ruled_wide_last_column(p: Page) -> None:
    """The rest of a table at a page's top, rules between its rows only: two narrow columns beside a last
    column of long titles as wide as it, most lines printing only there (the table's, not running text
    beside a table: the rules run across it)."""
    top = 60.0
    for line in OVERVIEW_REST:
        if line is None:
            p.hline(57, 545, top - 2)
            continue
        for left, text in zip((60, 160, 280), line):
            p.text(left, top, text)
        top += LEADING


def stacked_tables(p: Page) -> None:
    """Two small tables one under the other, each under its own heading line, rules around the headers."""
    top = p.prose(60, PROSE)
    for heading, rows in (("OBIETTIVO 1A - Programmazione territoriale", RESOURCES[:2]),
                          ("OBIETTIVO 1B - Analisi del sistema economico locale", RESOURCES[3:5])):
        top = p.prose(top + 14, [heading])
        ys = p.grid(Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells([RESOURCES_HEADER] + rows),
                         right_align={1, 2}), top + 6, hrules="header", vrules="none")
        top = ys[-1]


LONG_LABELS = [
    ["Progetto", "Iniziale", "Aggiornato", "Consuntivo", "Quota"],
    ["1A0101 - Proposte per nuove politiche di sviluppo locale", "26.500,00", "16.500,00", "610,00", ""],
    ["Totale obiettivo strategico 1A", "26.500,00", "16.500,00", "610,00", "0,05"],
    ["1B0101 - Valorizzazione dell'informazione economica", "20.000,00", "20.000,00", "7.930,00", ""],
    ["Totale obiettivo strategico 1B", "20.000,00", "20.000,00", "7.930,00", "0,70"],
    ["1C0101 - Sviluppo e valorizzazione del patrimonio", "0,00", "0,00", "0,00", ""],
    ["Totale obiettivo strategico 1C", "0,00", "0,00", "0,00", "0,00"],
]


def long_labels(p: Page) -> None:
    """A label column of long titles whose fullest lines (the totals, with one more column) are short."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 330, 400, 470, 540], widths=[265, 70, 70, 70, 45], rows=cells(LONG_LABELS),
                right_align={1, 2, 3, 4}), top + 20, hrules="all", vrules="none")


WRAPPED_MIDDLE = [
    [["Codice"], ["Descrizione dell'obiettivo"], ["%"]],
    [["OB. 1"], ["Garantire i livelli di servizio attraverso il rispetto degli standard di qualità",
                 "e dei tempi dichiarati sui diversi procedimenti interni ed esterni della Camera"], ["98,4"]],
    [["OB. 2"], ["Contenimento degli oneri di funzionamento"], ["100"]],
    [["AREA STRATEGICA 2: SERVIZI ALLE IMPRESE E SVILUPPO DEL TERRITORIO"], None, None],
    [["OB. 3"], ["Riorganizzazione dell'area promozione e sviluppo per le imprese e delle sue",
                 "partecipate camerali, con la supervisione del Segretario generale e dei dirigenti"], ["100"]],
    [["OB. 4"], ["Lucca innovazione e tecnologia"], ["100"]],
]


def wrapped_middle(p: Page) -> None:
    """No rules; a wide middle column whose cells wrap over lines wider than most of the table, and
    a section label spanning the table between rows."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 120, 500], widths=[60, 380, 40], rows=WRAPPED_MIDDLE, spans={(3, 0): (1, 3)},
                right_align={2}), top + 20, hrules="none", vrules="none")


def headed_tables(p: Page) -> None:
    """No rules: two tables, each under a heading line wider than most of the table."""
    top = p.prose(60, PROSE)
    for heading, rows in (("OBIETTIVO STRATEGICO 1A - Programmazione territoriale e sviluppo locale", RESOURCES[:2]),
                          ("OBIETTIVO STRATEGICO 1B - Analisi del sistema economico locale e sue imprese",
                           RESOURCES[3:5])):
        top = p.prose(top + 10, [heading], left=60 + PAD)   # flush with the table's text
        ys = p.grid(Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells([RESOURCES_HEADER] + rows),
                         right_align={1, 2}), top, hrules="none", vrules="none")
        top = ys[-1]


AREA_TOTAL = [
    [["N."], ["Area strategica"], ["Iniziale"], ["Consuntivo"]],
    [["1"], ["Competitività del territorio"], ["86.600,00"], ["32.531,39"]],
    [["2"], ["Servizi alle imprese"], ["1.658.300,00"], ["1.091.125,48"]],
    [["3"], ["Competitività dell'ente"], ["15.000,00"], ["9.646,81"]],
    [["TOTALE GENERALE AREE"], None, ["1.759.900,00"], ["1.133.303,68"]],
]


def area_total(p: Page) -> None:
    """No rules; the total row's label spans the number and name columns."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 90, 260, 370], widths=[30, 170, 110, 110], rows=AREA_TOTAL, spans={(4, 0): (1, 2)},
                right_align={2, 3}), top + 20, hrules="none", vrules="none")


WIDE_HEADER_WORD = [
    [["SEGRETARIO GENERALE - OBIETTIVI E", "INDICATORI"], ["%", "RAGGIUNGIMENTO"]],
    # The title's first line reaches under 'RAGGIUNGIMENTO', short of the figures.
    [["OBIETTIVO N. 1/2016 GARANTIRE I LIVELLI DI SERVIZIO ATTRAVERSO IL RISPETTO DEGLI",
      "STANDARD DI QUALITA E DEI TEMPI DICHIARATI SUI DIVERSI PROCEDIMENTI INTERNI"], [""]],
    [["INDICATORE 1) Rilevazione risultati standard di qualita definiti con la Carta dei servizi:",
      "scostamento medio non superiore al 10% se adeguatamente motivato"], ["97"]],
    [["INDICATORE 2) elaborazione dati nei termini richiesti, in occasione delle specifiche rilevazioni"],
     ["100"]],
    [["INDICATORE 3) relazione sulle attivita poste in essere per il rispetto degli adempimenti previsti"],
     ["100"]],
    [["OBIETTIVO REALIZZATO AL 98,4%"], [""]],
]


def wide_header_word(p: Page) -> None:
    """No rules; a narrow right column of figures under a header word much wider than it, beside
    long lines of text (an objective's title printed over lines of one chunk)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 490], widths=[430, 40], rows=WIDE_HEADER_WORD, right_align={1}), top + 20,
           hrules="none", vrules="none")


WORD_PAST_RULE = [
    [["SEGRETARIO GENERALE"], ["%", "RAGGIUNGIMENTO"]],
    [["INDICATORE 1) Rilevazione risultati standard di qualità"], ["97"]],
    [["INDICATORE 2) elaborazione dati nei termini richiesti"], ["100"]],
]


def word_past_right_rule(p: Page) -> None:
    """A full grid whose last column is narrower than its header word: 'RAGGIUNGIMENTO' set from the column's
    left runs out past the table's right rule (its centre still inside the column)."""
    p.grid(Grid(lefts=[60, 400], widths=[340, 50], rows=WORD_PAST_RULE), 80)


EQUAL_FIGURES = [["Risultato anno 2017", "100%"], ["Risultato anno 2018", "100%"], ["Risultato anno 2019", "100%"]]


def equal_figures(p: Page) -> None:
    """No rules; a column of figures that are all the same (not a unit repeated after the column before)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 200], widths=[140, 60], rows=cells(EQUAL_FIGURES)), top + 20, hrules="none", vrules="none")


OPEN_ROW = [["Missione", "011 Competitività e sviluppo delle imprese"],
            ["Programma", "005 Promozione e attuazione di politiche di sviluppo"],
            ["Obiettivi", "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE|011-005-002 RIAFFERMARE IL RUOLO DI|"
                          "\"PRIMO PUNTO DI CONTATTO\" (PROGETTO 2D0101)"]]


def open_last_row(p: Page) -> None:
    """A full grid cut at the page foot: the last row's bottom rule is not printed (it would be on the
    next page); only its shaded label cell is closed, by its shading."""
    top = p.prose(60, PROSE)
    g = Grid(lefts=[60, 160], widths=[100, 320], rows=cells(OPEN_ROW))
    ys = p.grid(g, top + 20, hrules="none", vrules="none")
    for y in ys[:-1]:
        p.hline(60, 480, y)
    for x in (60, 160, 480):
        p.vline(x, ys[0], ys[-1])
    p.shade(60, ys[-2], 160, ys[-2] + LEADING + 2 * PAD)


OPEN_ACROSS = [["Missione", "011 Competitività e sviluppo delle imprese"],
               ["Programma", "005 Promozione e attuazione di politiche di sviluppo"],
               ["Obiettivi", "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE|011-005-002 RIAFFERMARE IL RUOLO DI|"
                             "\"PRIMO PUNTO DI CONTATTO\" (PROGETTO 2D0101)|011-005-003 FAVORIRE LO START UP|"
                             "(PROGETTO 2C0101 - 2C0104)"]]
OPEN_NEXT = [["Missione", "012 Regolazione dei mercati"],
             ["Programma", "004 Vigilanza sui mercati e sui prodotti"],
             ["Obiettivi", "012-004-001 PROMOZIONE DEI SERVIZI DI GIUSTIZIA ALTERNATIVA"]]
# How many lines of the last 'Obiettivi' cell the first page prints: the rest opens the second page.
OPEN_ON_FIRST_PAGE = 2


def open_across_pages(p: Page) -> None:
    """Two full grids broken inside their last row, as WeasyPrint breaks them: on one page the row's cells
    are drawn down to the page's foot with no bottom rule, on the next from the page's head with no top
    rule.  The first breaks inside its value (the label cell empty on the second page); the second, at
    the foot of the second page, leaves its label there, closed by its shading, and sends its value whole
    to the third page, where prose follows.  A page number under each page."""
    g = Grid(lefts=[60, 160], widths=[100, 320], rows=cells(OPEN_ACROSS))
    value = OPEN_ACROSS[2][1].split("|")
    foot = 780.0

    def at_foot(rows: list[list[list[str] | None]], lines: int) -> None:
        """The rows drawn down to the foot, the last one printing ``lines`` lines there and left open."""
        top = foot - (2 * (LEADING + 2 * PAD) + lines * LEADING + PAD)
        if not rows[-1][1]:
            p.shade(60, top + 2 * (LEADING + 2 * PAD), 160, foot)
        ys = p.grid(Grid(g.lefts, g.widths, rows), top, hrules="none", vrules="none")
        for y in ys[:-1]:
            p.hline(60, 480, y)
        for x in (60, 160, 480):
            p.vline(x, ys[0], foot)

    def at_head(lines: list[str]) -> float:
        """The rest of a row at the page's head, under no rule; returns its bottom."""
        bottom = 60 + len(lines) * LEADING + PAD
        for i, line in enumerate(lines):
            p.text(160 + PAD, 60 + i * LEADING, line)
        for x in (60, 160, 480):
            p.vline(x, 60, bottom)
        p.hline(60, 480, bottom)
        return bottom

    p.prose(60, PROSE)
    at_foot(g.rows[:2] + [[["Obiettivi"], value[:OPEN_ON_FIRST_PAGE]]], OPEN_ON_FIRST_PAGE)
    p.footer("- 1 -")
    p.next_page()
    bottom = at_head(value[OPEN_ON_FIRST_PAGE:])
    p.prose(bottom + 20, PROSE)
    nxt = cells(OPEN_NEXT)
    at_foot(nxt[:2] + [[["Obiettivi"], []]], 1)
    p.footer("- 2 -")
    p.next_page()
    bottom = at_head(OPEN_NEXT[2][1].split("|"))
    p.prose(bottom + 20, PROSE)
    p.footer("- 3 -")


# A row run through three text columns: its description's lines in the right column of page 1 (under the
# title), in the whole left column of page 2, and at the head of its right column.
THROUGH_COLUMNS_TITLE = ["Titolo", "FAVORIRE LO START UP"]
THROUGH_COLUMNS_TEXT = [
    ["In questo programma sono compresi i", "servizi resi dagli sportelli camerali",
     "alle imprese ed i progetti speciali", "anche per il tramite delle controllate."],
    ["Rientrano nel primo ambito gli", "interventi richiesti dall'impresa in", "tutte le fasi della sua vita, dalla",
     "nascita fino allo sviluppo ed al"],
    ["consolidamento della struttura", "aziendale."],
]
THROUGH_COLUMNS_AFTER = ["Arco", "Annuale"]
# Running text: ten lines on the left of page 1, three under the table on the right of page 2.
THROUGH_COLUMNS_PROSE_LEFT = [
    "La Camera di Commercio di Lucca ha", "perseguito nel 2019 gli obiettivi del",
    "Piano con le risorse riportate nelle", "tabelle seguenti, ripartite tra i",
    "proventi, gli oneri e gli investimenti", "di ciascuna missione e di ciascun",
    "programma, obiettivo per obiettivo,", "con gli indicatori ed i risultati",
    "attesi e conseguiti nel corso", "dell'anno, come previsto dal decreto."]
THROUGH_COLUMNS_PROSE_RIGHT = ["Gli indicatori dell'obiettivo sono", "riportati nella tabella che segue,",
                               "con i risultati attesi e conseguiti."]


def row_through_columns(p: Page) -> None:
    """Pages in two text columns (50-280 and 310-540), a full grid of two columns in each (label 60 wide) as
    ReportLab's frames print it: page 1, running text on the left, on the right the title row and the
    description row cut at the column's foot (its sides drawn down to it, no rule under it); page 2, the
    description's middle through the whole left column (sides from head to foot, no rule across), its
    rest at the head of the right column, closed by a rule, then the time span row and running text."""
    foot = 780.0
    description = 60 + LEADING + 2 * PAD
    p.prose(60, THROUGH_COLUMNS_PROSE_LEFT, left=50)
    p.text(310 + PAD, 60 + PAD, THROUGH_COLUMNS_TITLE[0])
    p.text(370 + PAD, 60 + PAD, THROUGH_COLUMNS_TITLE[1])
    p.text(310 + PAD, description + PAD, "Descrizione")
    p.prose(description + PAD, THROUGH_COLUMNS_TEXT[0], left=370 + PAD)
    for y in (60, description):
        p.hline(310, 540, y)
    for x in (310, 370, 540):
        p.vline(x, 60, foot)
    p.next_page()
    p.prose(60 + PAD, THROUGH_COLUMNS_TEXT[1], left=110 + PAD)
    for x in (50, 110, 280):
        p.vline(x, 60, foot)
    rest = p.prose(60 + PAD, THROUGH_COLUMNS_TEXT[2], left=370 + PAD) + PAD
    after = rest + LEADING + 2 * PAD
    p.text(310 + PAD, rest + PAD, THROUGH_COLUMNS_AFTER[0])
    p.text(370 + PAD, rest + PAD, THROUGH_COLUMNS_AFTER[1])
    for y in (rest, after):
        p.hline(310, 540, y)
    for x in (310, 370, 540):
        p.vline(x, 60, after)
    p.prose(after + 20, THROUGH_COLUMNS_PROSE_RIGHT, left=310)


OVERFLOW_HEADER = ["Obiettivo", "Indicatore", "%"]
OVERFLOW_LABEL = ["OBIETTIVO N. 3/2016", "ESERCIZIO FUNZIONI", "RESPONSABILE TRASPARENZA E", "PREVENZIONE DELLA",
                  "CORRUZIONE", "RAZIONALIZZAZIONE DELLA SPESA"]
OVERFLOW_ROW = [OVERFLOW_LABEL, ["INDICATORE 1)", "Relazione sulle attività poste in essere."], ["100"]]


def overflow_at_page_foot(p: Page) -> None:
    """A row broken at the page foot whose label cell (spanning the rows of its indicators) lets its text
    overflow past its side rules, as WeasyPrint draws it: the sides end with the indicator cell, no rule
    under them, the label's lines go on below; then only the page number."""
    g = Grid(lefts=[60, 220, 480], widths=[160, 260, 40], rows=[[[t] for t in OVERFLOW_HEADER]])
    top = 780.0 - 2 * (LEADING + 2 * PAD) - len(OVERFLOW_LABEL) * LEADING
    p.prose(60, PROSE)
    ys = p.grid(g, top)
    end = ys[-1] + 2 * LEADING + 2 * PAD
    for c, lines in enumerate(OVERFLOW_ROW):
        for i, line in enumerate(lines):
            p.text(g.lefts[c] + PAD, ys[-1] + PAD + i * LEADING, line)
    for x in (60, 220, 480, 520):
        p.vline(x, ys[-1], end)
    p.footer("- 7 -")


def column_rules_under_header(p: Page) -> None:
    """Rules above and under the header and under the body; the body's columns ruled from a little below
    the header's rule (side rules that start mid-page with the header right above them: no open row)."""
    top = p.prose(60, PROSE)
    g = _resources()
    ys = p.grid(g, top + 20, hrules="frame", vrules="none")
    for x in g.lefts[1:] + [g.lefts[-1] + g.widths[-1]]:
        p.vline(x, ys[1] + 4, ys[-1])


HEADED_TEXT = [
    ["Missione", "Programma", "Obiettivi"],
    ["011 Competitività", "005 Promozione", "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE (PROGETTO 1B0101)"],
    ["012 Regolazione", "004 Vigilanza", "012-004-001 PROMOZIONE DEI SERVIZI DI GIUSTIZIA (PROGETTO 1D7101)"],
    ["016 Commercio", "005 Sostegno", "016-005-001 VALORIZZAZIONE DELL'IDENTITÀ TERRITORIALE (PROGETTO 2E0102)"],
]


def headed_text_column(p: Page) -> None:
    """No rules; a last column of long text lines, headed like the other columns: the table's, not prose."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 150, 240], widths=[90, 90, 330], rows=cells(HEADED_TEXT)), top + 20,
           hrules="none", vrules="none")


INDICATOR_LABELS = [
    ["Indicatore", "Ideazione di nuove azioni di monitoraggio e diffusione delle informazioni|"
                   "per le attività economiche del territorio provinciale"],
    ["Cosa misura", "Capacità di affermare il ruolo dell'ente come promotore e partner|"
                    "di politiche di programmazione territoriale"],
]
INDICATOR_HEADER = ["Tipologia", "Unità di misura", "Algoritmo", "Fonte dei dati", "Ultimo valore"]
INDICATOR_VALUES = ["efficacia", "percentuale", "% realizzazione", "rilevazione ufficio", "realizzate le pubblicazioni"]
TARGETS = [["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"],
           ["Realizzazione del processo di accesso", "Valutazione degli esiti del processo",
            "Nuove azioni di monitoraggio e diffusione"],
           ["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"]]


def header_parts(p: Page) -> None:
    """No rules: label | value rows, then under them parts with their own header rows and other
    columns (five short headers over their values, three targets over long text values)."""
    top = p.prose(60, PROSE)
    ys = p.grid(Grid(lefts=[60, 140], widths=[80, 380], rows=cells(INDICATOR_LABELS)), top + 20,
                hrules="none", vrules="none")
    ys = p.grid(Grid(lefts=[60, 140, 220, 300, 390], widths=[80, 80, 80, 90, 130],
                     rows=cells([INDICATOR_HEADER, INDICATOR_VALUES])), ys[-1], hrules="none", vrules="none")
    p.grid(Grid(lefts=[60, 250, 430], widths=[190, 180, 160], rows=cells(TARGETS)), ys[-1] + 6,
           hrules="none", vrules="none")


FIELDS = [
    ["Tipologia: efficacia", "Unità di misura: percentuale"],
    ["Algoritmo di calcolo: % realizzazione attività|programmate", "Fonte dei dati: rilevazione ufficio competente"],
    ["Ultimo valore osservato: prosegue l'attività a sostegno|delle politiche di intervento per lo sviluppo",
     "Risultato atteso 2017: mantenimento ed estensione|operativa del tavolo territoriale di confronto|"
     "sulle provvidenze pubbliche"],
    ["Risultato anno 2017: 100%", "Risultato anno 2018: 100%"],
]


def side_by_side_fields(p: Page) -> None:
    """No rules: two 'Label: value' fields a line, long values wrapped under their own field."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 300], widths=[240, 240], rows=cells(FIELDS)), top + 20, hrules="none", vrules="none")


def two_lines_of_fields(p: Page) -> None:
    """The last two lines of fields side by side (what a page break leaves at the next page's head)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 300], widths=[240, 240], rows=cells(FIELDS[2:])), top + 20, hrules="none", vrules="none")


WRAPPED_HEADER = [
    ["Tipologia", "Unità di|misura", "Algoritmo di|calcolo", "Ultimo valore osservato"],
    ["efficacia", "percentuale", "% realizzazione|attività|programmate",
     "realizzate le pubblicazioni|statistiche della provincia|di Lucca per l'anno|in corso e per|il successivo"],
]


def wrapped_header_long_column(p: Page) -> None:
    """No rules: header labels wrapped over two lines, over a row whose last column wraps over many
    more lines than the others (most lines of the table print one or two cells)."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[60, 140, 220, 320], widths=[80, 80, 100, 160], rows=cells(WRAPPED_HEADER)), top + 20,
           hrules="none", vrules="none")


TARGETS_RESULTS = [["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"],
                   ["progetto di manutenzione", "monitoraggio del complesso", "monitoraggio del complesso"],
                   ["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"],
                   ["100%", "100%", "100%"]]


def two_header_rows(p: Page) -> None:
    """No rules, rows set as tight as lines (no padding): a header row over short text values, then a
    second header row over figures (the lines above the first figures are not all one wrapped header)."""
    top = p.prose(60, PROSE) + 20
    p.placed((60, 230, 400), TARGETS_RESULTS, top)


def broken_words(p: Page) -> None:
    """A full grid whose narrow columns are as wide as their longest line (a word processor fitting them
    to their longest word): two words broken between letters ('percentu' / 'ale'), a whole word that
    fills its cell ('Monitoraggio', printed whole in the prose above too), a right-aligned cell."""
    top = p.prose(60, ["Il monitoraggio della spesa è trimestrale; ogni valore è rilevato dall'ufficio."])
    rows = [["Indicatore", "Unità", "Fonte", "Algoritmo", "Valore"],
            ["Tempo medio di|lavorazione", "percentu|ale", "rilevazion|e ufficio", "Monitoraggio|della spesa",
             "Consuntivo|annuale"]]
    widths = [80.0] + _fitted(["percentu", "rilevazion", "Monitoraggio", "Consuntivo"])
    lefts = [60.0]
    for width in widths[:-1]:
        lefts.append(lefts[-1] + width)
    p.grid(Grid(lefts=lefts, widths=widths, rows=cells(rows), right_align={4}), top + 20)


def broken_word_rest(p: Page) -> None:
    """A full grid whose narrow column is fitted to 'compete', a word of its own that the prose above
    prints too ('La scelta compete all'ufficio'): the cell broke 'competente' after it, and its rest
    'nte' is no word."""
    top = p.prose(60, ["La scelta compete all'ufficio che rileva i dati."])
    rows = [["Indicatore", "Fonte"], ["Tempo medio di|lavorazione", "ufficio|compete|nte"]]
    widths = [80.0] + _fitted(["compete"])
    p.grid(Grid(lefts=[60.0, 140.0], widths=widths, rows=cells(rows)), top + 20)


def _fitted(words: Iterable[str]) -> list[float]:
    """Widths of narrow columns fitted to their longest word, as word processors fit them."""
    return [stringWidth(word, FONT, SIZE) + 2 * PAD + 0.5 for word in words]


CENTRED_BROKEN = [["Indicatore", "Risultato", "Valore atteso", "Giudizio"],
                  ["Monitoraggio della qualità del servizio", "Voto di|gradime|nto sul|servizio",
                   "disposti|conformemente|a quanto", "ottimo|complessivo"]]


def centred_broken_words(p: Page) -> None:
    """A full grid whose narrow columns are fitted to their longest word and centred: 'gradime' /
    'nto' is one word the cell broke (not printed whole anywhere: only Italian tells), 'conformemente'
    / 'a' two words at a line end that fills the cell, 'ottimo' / 'complessivo' two words whose first
    leaves room."""
    top = p.prose(60, PROSE) + 20
    widths = [200.0] + _fitted(["gradime", "conformemente", "complessivo"])
    lefts = [60.0]
    for width in widths[:-1]:
        lefts.append(lefts[-1] + width)
    p.grid(Grid(lefts=lefts, widths=widths, rows=cells(CENTRED_BROKEN), centre={1, 2, 3}), top)


def broken_word_at_page_foot(p: Page) -> None:
    """A full grid closed at each page (as LibreOffice draws a table a page break cuts), its last row's
    narrow value cell broken inside a word at the foot ("dell'Org" / "anismo"); the label cell ends on
    the first page, and one more row follows on the second."""
    rows = [["Indicatore", "Risultato"], ["Gradimento", "Voto di|servizio|dell'Org"]]
    widths = [100.0] + _fitted(["dell'Org"])
    g = Grid(lefts=[60.0, 160.0], widths=widths, rows=cells(rows))
    p.prose(60, PROSE)
    p.grid(g, 800.0 - g.row_height(0) - g.row_height(1))
    p.next_page()
    p.grid(Grid(lefts=g.lefts, widths=widths, rows=[[[""], ["anismo", "4,7"]], [["Tempi"], ["30", "giorni"]]]), 60.0)
    p.prose(120, PROSE)


TIGHT_CELLS = [["Indicatore", "Tipologia", "Algoritmo", "Fonte"],
               ["Ideazione", "efficacia", "% realizzazione", "ufficio"],
               ["Valutazione", "efficienza", "numero", "ufficio competente"],
               ["Monitoraggio", "efficacia", "%", "rilevazione"]]
# Between a column's widest text and the next column: closer than pdfplumber's word tolerance (3 pt).
TIGHT_GAP = 2.0


def tight_cells(p: Page) -> None:
    """Rules between the rows only; each column starts 2 pt after the widest text of the column before,
    so the widest text of a column and its neighbour print as one word ('Monitoraggioefficacia')."""
    top = p.prose(60, PROSE) + 20
    lefts = [60.0]
    for c in range(len(TIGHT_CELLS[0]) - 1):
        lefts.append(lefts[-1] + max(stringWidth(row[c], FONT, SIZE) for row in TIGHT_CELLS) + TIGHT_GAP)
    y = top
    for row in TIGHT_CELLS:
        p.hline(60, 400, y)
        for left, text in zip(lefts, row):
            p.text(left, y + PAD, text)
        y += LEADING + 2 * PAD
    p.hline(60, 400, y)


# Indicators as rows under a two-level header: a row's first cell wraps, its type repeats on every row,
# a year is centred over values set at the left ('---' where nothing is printed).
WIDE_ROWS_HEADER = [["Indicatore", "Tipologia", "Risultato atteso", None], ["", "", "2017", "2018"]]
WIDE_ROWS = [["Ideazione di|nuove azioni", "efficacia", "---", "100%"],
             ["Valutazione|degli esiti", "efficacia", "---", "90%"],
             ["Monitoraggio|del sistema", "efficacia", "80%", "---"]]


def wide_rows(p: Page) -> None:
    """Rules under the header and between the rows only; years centred over their columns, values at the left."""
    top = p.prose(60, PROSE) + 20
    lefts, widths = [60, 160, 230, 330], [100, 70, 100, 100]
    p.hline(60, 430, top)
    p.text(60 + PAD, top + PAD, "Indicatore")
    p.text(160 + PAD, top + PAD, "Tipologia")
    p.c.drawCentredString(330, p.height - (top + PAD) - SIZE, "Risultato atteso")
    for left, width, year in zip(lefts[2:], widths[2:], ("2017", "2018")):
        p.c.drawCentredString(left + width / 2, p.height - (top + PAD + LEADING) - SIZE, year)
    y = top + 2 * LEADING + 2 * PAD
    for row in WIDE_ROWS:
        p.hline(60, 430, y)
        for left, text in zip(lefts, row):
            for i, line in enumerate(text.split("|")):
                p.text(left + PAD, y + PAD + i * LEADING, line)
        y += 2 * LEADING + 2 * PAD
    p.hline(60, 430, y)


# A header of short labels, some wrapped, the last wider on its second line than on its first; then the
# same header printed again over the rest of a description (what a page break leaves on the next page).
OBJECTIVE_HEADER = ["Titolo", "Descrizione", "Arco|temporale", "Centro", "Nr|indicatori|associati"]
OBJECTIVE_VALUES = ["ANALISI DEL|SISTEMA", "La Camera intende rafforzare il proprio ruolo|come soggetto di riferimento",
                    "Annuale", "Area|studi", "2"]
OBJECTIVE_REST = ["per la produzione e il reperimento, l'analisi e il monitoraggio,",
                  "la messa a disposizione e la diffusione all'utenza."]


def objective_header(p: Page) -> None:
    """Rules above and under each header and under the values; the count centred under its label."""
    lefts = [60, 150, 390, 450, 510]
    top = p.prose(60, PROSE) + 20
    for values in (OBJECTIVE_VALUES, None):
        p.hline(60, 560, top)
        for left, label in zip(lefts, OBJECTIVE_HEADER):
            for i, line in enumerate(label.split("|")):
                p.text(left + PAD, top + PAD + i * LEADING, line)
        top += 3 * LEADING + PAD   # the rule right under the header's last line
        p.hline(60, 560, top)
        if values is not None:
            for left, text in zip(lefts[:4], values[:4]):
                for i, line in enumerate(text.split("|")):
                    p.text(left + PAD, top + PAD + i * LEADING, line)
            p.c.drawCentredString(530, p.height - (top + PAD) - SIZE, values[4])
            top += 2 * LEADING + 2 * PAD
        else:
            top = p.prose(top + 2, OBJECTIVE_REST, left=150 + PAD) + PAD   # cells padded 2 pt, as WeasyPrint
        p.hline(60, 560, top)
        top += 40


# An overview's rows without rules: a word wider than its column printed over the start of the next cell.
OVERFLOW_CELL = [["011 Competitività", "005 Promozione", "011-005-001 ANALISI DEL SISTEMA"],
                 ["delle imprese", "e attuazione", "ECONOMICO LOCALE (PROGETTO 1B0101)"],
                 ["016 Commercio", "005 Sostegno", "016-005-001 VALORIZZAZIONE"],
                 ["internazionalizzazione", "delle imprese", "DELL'IDENTITÀ TERRITORIALE"],
                 ["del sistema", "del made in Italy", "DEI BENI CULTURALI."],
                 ["produttivo", "", "(PROGETTO 2E0102)"]]


def overflowing_cell(p: Page) -> None:
    """No rules; the first column is narrower than 'internazionalizzazione', which runs 10 pt into the
    second column's text on that line only (the renderer lets it overflow)."""
    top = p.prose(60, PROSE) + 20
    second = 60 + stringWidth("internazionalizzazione", FONT, SIZE) - 10
    lefts = [60, second, second + stringWidth("del made in Italy", FONT, SIZE) + 20]
    p.placed(lefts, OVERFLOW_CELL, top)


# An indicator's fields: label | value rows, then its own header of five short labels (two wrapped) at the
# page's foot; the values under it printed at the next page's head, the last a long text of six lines.
FOOT_FIELDS = [["Indicatore", "Attuazione Piani annuali di vigilanza sul mercato"],
               ["Cosa misura", "Capacità di attuare il piano dei controlli"]]
FOOT_HEADER = ["Tipologia", "Unità di|misura", "Algoritmo di|calcolo", "Fonte dei dati", "Ultimo valore osservato"]
HEAD_VALUES = ["qualità", "percentuale", "% realizzazione|attività previste", "rilevazione|ufficio|competente",
               "sono in corso le iniziative previste dal|piano di vigilanza locale e dalla|convenzione sottoscritta "
               "dall'Ente e|Unioncamere per la realizzazione di|iniziative in materia di controllo, vigilanza|"
               "del mercato e tutela dei consumatori."]
HEAD_TARGETS = ["Risultato atteso 2017", "Risultato atteso 2018", "Risultato atteso 2019"]


def header_at_page_foot(p: Page) -> None:
    """No rules.  Page 1: prose, the label | value rows, the header (its second line 'misura | calcolo') as the
    last lines over the page number.  Page 2: the values at the head (short ones beside a long text that
    wraps over six lines, as running text would), then another header over the whole width."""
    lefts = [60, 128, 196, 275, 349]
    top = p.prose(60, PROSE) + 600
    for k, (label, value) in enumerate(FOOT_FIELDS):
        p.text(60, top + k * LEADING, label)
        p.text(128, top + k * LEADING, value)
    top += len(FOOT_FIELDS) * LEADING + 2
    for left, label in zip(lefts, FOOT_HEADER):
        for i, line in enumerate(label.split("|")):
            p.text(left, top + i * LEADING, line)
    p.footer("13")
    p.next_page()
    for left, value in zip(lefts, HEAD_VALUES):
        for i, line in enumerate(value.split("|")):
            p.text(left, 60 + i * LEADING, line)
    for left, label in zip((60, 200, 349), HEAD_TARGETS):
        p.text(left, 60 + 6 * LEADING + 4, label)
    p.footer("14")


# A targets header printed alone at a page's foot, under the indicator's fields; its three values, centred
# and wrapped over several lines like three columns of running text, at the next page's head.
FOOT_TARGETS_ABOVE = [["Tipologia", "Unità", "Algoritmo", "Fonte dei dati", "Ultimo valore"],
                      ["qualità", "indagine di", "numero", "indagine di", "Le indagini evidenziano la"],
                      ["", "customer", "", "customer", "crescita del gradimento"]]
CENTRED_TARGETS = [["Monitoraggio qualità del servizio:", "indagine di customer satisfaction -",
                    "risultato atteso non inferiore", "a 3 in una scala", "da 1 a 5 come voto",
                    "di gradimento complessivo."],
                   ["Monitoraggio qualità del servizio:", "indagine di customer satisfaction",
                    "- risultato atteso non inferiore", "a 3 in una scala da", "1 a 5 come voto di",
                    "gradimento complessivo sul voto."],
                   ["Monitoraggio della qualità del", "servizio: indagine di customer",
                    "satisfaction - risultato atteso non", "inferiore a 3 in una", "scala da 1 a 5 come",
                    "voto di gradimento complessivo."]]

def centred_values_at_page_head(p: Page) -> None:
    """No rules.  Page 1: prose, a small table, the header 'Risultato atteso 2017 | 2018 | 2019' close under
    it as the page's last line over the page number.  Page 2: the three values centred in their columns
    (every line starting at its own x), then the results' header and values."""
    centres = [130, 280, 430]
    top = p.prose(60, PROSE) + 640
    p.placed((60, 128, 196, 275, 349), FOOT_TARGETS_ABOVE, top)
    top += len(FOOT_TARGETS_ABOVE) * LEADING + 2
    for centre, label in zip((105, 250, 420), HEAD_TARGETS):   # centred over the next page's columns' gaps
        p.c.drawCentredString(centre, p.height - top - SIZE, label)
    p.footer("12")
    p.next_page()
    for centre, value in zip(centres, CENTRED_TARGETS):
        for i, line in enumerate(value):
            p.c.drawCentredString(centre, p.height - (60 + i * LEADING) - SIZE, line)
    for k, row in enumerate([["Risultato anno 2017", "Risultato anno 2018", "Risultato anno 2019"],
                             ["4,7", "4,86", "4,81"]]):
        for centre, text in zip(centres, row):
            p.c.drawCentredString(centre, p.height - (60 + (6 + k) * LEADING + 4) - SIZE, text)
    p.footer("13")


def headed_ruled_headers(p: Page) -> None:
    """Three tables close under each other, each under a one-line heading flush with its text; rules
    above and under each header only, the header's labels on two lines."""
    header = [["Progetto", "Budget iniziale|2016", "Consuntivo|2016"]]
    top = p.prose(60, PROSE)
    for heading, rows in (("OBIETTIVO STRATEGICO 2E - Valorizzazione dell'identità territoriale", RESOURCES[:3]),
                          ("OBIETTIVO STRATEGICO 3A - Riorganizzazione dell'ente", RESOURCES[3:4]),
                          ("OBIETTIVO STRATEGICO 3B - Orientare la gestione della performance", RESOURCES[4:5])):
        top = p.prose(top + 6, [heading], left=60 + PAD)
        ys = p.grid(Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells(header + rows),
                         right_align={1, 2}), top + 4, hrules="header", vrules="none")
        top = ys[-1]


# A header ruled above and under, its labels wrapped in columns narrower than 'temporale': that word runs
# 2 pt into the next column, whose 'responsabilità' the renderer set at its own start, over it.
OVERPRINTED_HEADER = [["Titolo", "Arco", "Centro di", "Nr"], ["", "temporale", "responsabilità", "indicatori"],
                      ["", "realizzazione", "", "associati"]]
OVERPRINTED_HEADER_ROWS = [["ANALISI DEL", "Annuale", "Area dirigenziale", "2"],
                           ["SISTEMA", "", "Anagrafico-", ""], ["VIGILANZA", "Triennio", "Area dirigenziale", "1"]]


def overprinted_header(p: Page) -> None:
    """Rules above and under the header only; 'responsabilità' printed over the end of 'temporale'.
    The header's lines are one row of the table: OVERPRINTED_HEADER lists them line by line."""
    top = p.prose(60, PROSE) + 20
    second = 60 + stringWidth("ANALISI DEL", FONT, SIZE) + 12
    third = second + stringWidth("temporale", FONT, SIZE) - 2
    fourth = third + stringWidth("Area dirigenziale", FONT, SIZE) + 12
    lefts = [60, second, third, fourth]
    bottom = top + len(OVERPRINTED_HEADER) * LEADING + 2 * PAD
    for y in (top, bottom):
        p.hline(56, fourth + 60, y)
    # Cell by cell, as table renderers draw: each cell's lines, then the next cell's.
    for lines, first in ((OVERPRINTED_HEADER, top), (OVERPRINTED_HEADER_ROWS, bottom)):
        for c, left in enumerate(lefts):
            for k, row in enumerate(lines):
                if row[c]:
                    p.text(left, first + PAD + k * LEADING, row[c])


def _wrapped(text: str, width: float, font: str = FONT) -> list[str]:
    """``text`` broken into lines no wider than ``width``, word by word, as a renderer fills a cell."""
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and stringWidth(candidate, font, SIZE) > width:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines


# Indicators as records of one wide table: long texts wrapped to their columns beside short values.
RECORD_LEFTS = [60.0, 170.0, 235.0, 345.0, 455.0, 500.0]
RECORD_WIDTHS = [110.0, 65.0, 110.0, 110.0, 45.0, 45.0]
RECORD_HEADER = ["Indicatore", "Tipologia", "Cosa misura", "Ultimo valore", "2018", "2019"]
RECORDS = [["Promozione locale e nazionale finalizzata alla valorizzazione delle produzioni artigianali",
            "efficacia", "Capacità di valorizzare le produzioni artigianali ed agroalimentari",
            "Nell'ambito di Lubecc la Camera ha partecipato con il Polo Tecnologico Lucchese a Createch",
            "100%", "100%"],
           ["Fondazione Puccini: gestione e report annuale", "efficacia",
            "Capacità di promuovere un'identità territoriale", "I risultati presentano un andamento crescente",
            "95%", "100%"]]
# Rows of figures in groups, rules between the groups only; a row leaves its last figure blank.
GROUPED = [[["Proventi correnti", "1.000,00", "900,00"], ["Oneri correnti", "500,00", "400,00"]],
           [["Investimenti", "0,00", "0,00"], ["Contributi", "250,00", ""]]]


def ruled_records(p: Page) -> None:
    """Rules across every column above and under the header and between the records only: each record
    prints its short values (type, results) on its first line and its long texts wrapped to their
    columns under them, some wrapped lines opening with a capital ('Lucchese', 'Tecnologico').  Under it,
    rows of figures in groups ruled apart, one row leaving a figure blank: each line a row."""
    y = _records(p, RECORDS) + 40
    for group in GROUPED:
        p.hline(60, 400, y)
        for row in group:
            for left, text in zip((60, 250, 330), row):
                p.text(left + PAD, y + PAD, text)
            y += LEADING
        y += 2 * PAD
    p.hline(60, 400, y)


def ruled_record_alone(p: Page) -> None:
    """One record alone under its ruled header, closed by a rule (the last indicator of an objective)."""
    _records(p, RECORDS[:1])


# The rest of a record at a page head: its first column ended on the page before; the results are
# longer than their narrow columns ('dell'Organismo:' runs past the table's right rule).
RECORD_REST = ["", "", "valorizzare le produzioni artigianali ed agroalimentari e i servizi",
               "con il Polo Tecnologico Lucchese a Createch e Lubecc 2019",
               "servizio dell'Organismo: 4,7 Giudizio complessivo: 4,9",
               "servizio dell'Organismo: 4,86 Giudizio complessivo: 5"]


def record_rest_at_page_head(p: Page) -> None:
    """The header at a page's head over the rest of a record a page break cut (its first column blank),
    closed by a rule: every line prints in the columns its first line prints in; a result wraps after a
    figure ('4,7' / 'Giudizio') and a word wider than the last column runs past the right rule."""
    _records(p, [RECORD_REST])


def _records(p: Page, records: list[list[str]]) -> float:
    """Draw the records under their header (``ruled_records``); returns where the last rule lies."""
    top = p.prose(60, PROSE) + 20
    x1 = RECORD_LEFTS[-1] + RECORD_WIDTHS[-1]
    p.hline(60, x1, top)
    for left, label in zip(RECORD_LEFTS, RECORD_HEADER):
        p.text(left + PAD, top + PAD, label)
    y = top + LEADING + 2 * PAD
    for record in records:
        p.hline(60, x1, y)
        cells_ = [_wrapped(text, width - 2 * PAD) for text, width in zip(record, RECORD_WIDTHS)]
        for left, lines in zip(RECORD_LEFTS, cells_):
            for i, line in enumerate(lines):
                p.text(left + PAD, y + PAD + i * LEADING, line)
        y += max(map(len, cells_)) * LEADING + 2 * PAD
    p.hline(60, x1, y)
    return y


def _broken(text: str, width: float, font: str = FONT) -> list[str]:
    """``text`` broken between characters into lines no wider than ``width`` (a renderer breaking a word
    longer than its cell, ReportLab's ``break_long_words``)."""
    lines = [""]
    for ch in text:
        if lines[-1] and stringWidth(lines[-1] + ch, font, SIZE) > width:
            lines.append("")
        lines[-1] += ch
    return lines


# A budget table in a half-page column: amounts wider than their narrow cells broken between characters,
# an objective's heading across the table wrapped to a second line as wide as the label column allows.
BUDGET_LEFTS = [60.0, 190.0, 226.0, 262.0]
BUDGET_WIDTHS = [130.0, 36.0, 36.0, 26.0]
BUDGET_HEADER = [["Obiettivo /", "progetti"], ["Budget", "al", "31/12"], ["Spesa", "totale", "2016"], ["Quo", "ta us", "ata"]]
BUDGET_GROUPS = [
    (["OBIETTIVO STRATEGICO 1B: Analisi del", "sistema economico"],
     [["1B0101 - Valorizzazione dell'informazione economica per il territorio", "20.000,00", "7.930,00", "39,7"],
      ["Totale obiettivo strategico 1B", "20.000,00", "7.930,00", "39,7"]]),
    (["OBIETTIVO STRATEGICO 2A: Competitività e", "sviluppo economico del territorio"],
     [["2A0101 - Miglioramento del servizio all'utenza", "0,00", "0,00", "0,0"],
      ["Totale obiettivo strategico 2A", "0,00", "0,00", "0,0"]]),
    (["OBIETTIVO STRATEGICO 3A: Riorganizzazione", "dell'ente, della gestione e del patrimonio"],
     [["3A0101 - Supporto agli organi", "5.000,00", "3.660,00", "73,2"],
      ["Totale generale delle risorse impiegate", "1.781.900,00", "1.133.303,68", "100,00"]]),
]


def ruled_broken_figures(p: Page) -> None:
    """A header whose labels wrap over a year and a date ('Spesa' over '2016'), ruled off from the body.
    Rules across the table between its records (and around each objective's heading, spanning every
    column and wrapped, its second line wider than any line of the label column, or than most of the table):
    each record's label
    wraps word by word, its amounts, too wide for their cells, break between characters ('20.000' over
    ',00', '7.930,' over '00'), right-aligned; the percentage fits, but in the grand total.  Totals are bold: their label wraps
    before a word that would fit a regular line as wide."""
    x1 = BUDGET_LEFTS[-1] + BUDGET_WIDTHS[-1]
    y = 80.0
    p.hline(60, x1, y)
    for left, width, labels in zip(BUDGET_LEFTS, BUDGET_WIDTHS, BUDGET_HEADER):
        for i, label in enumerate(labels):
            p.text(left + PAD if left == 60 else left + width - PAD - stringWidth(label, FONT, SIZE),
                   y + PAD + i * LEADING, label)
    y += max(map(len, BUDGET_HEADER)) * LEADING + 2 * PAD
    for heading, records in BUDGET_GROUPS:
        p.hline(60, x1, y)
        for i, line in enumerate(heading):
            p.text(60 + PAD, y + PAD + i * LEADING, line)
        y += len(heading) * LEADING + 2 * PAD
        for record in records:
            p.hline(60, x1, y)
            font = "Helvetica-Bold" if record[0].startswith("Totale") else FONT
            p.c.setFont(font, SIZE)
            cells_ = [_wrapped(record[0], BUDGET_WIDTHS[0] - 2 * PAD, font)] + [
                _broken(text, width - 2 * PAD, font) for text, width in zip(record[1:], BUDGET_WIDTHS[1:])]
            for c, (left, width, lines) in enumerate(zip(BUDGET_LEFTS, BUDGET_WIDTHS, cells_)):
                for i, line in enumerate(lines):
                    p.text(left + PAD if c == 0 else left + width - PAD, y + PAD + i * LEADING, line, right=c > 0)
            y += max(map(len, cells_)) * LEADING + 2 * PAD
            p.c.setFont(FONT, SIZE)
    p.hline(60, x1, y)


# An individual objective's achievements in a half-page column: labels in capitals broken between letters by
# a column as narrow as its widest word ('OBIETTI' / 'VO N.', 'INDICAT' / 'ORE 1)'), each record ruled apart.
ACHIEVEMENT_RECORDS = [
    [["OBIETTI", "VO N.", "1/2016"], "GARANTIRE I LIVELLI DI SERVIZIO ATTRAVERSO IL RISPETTO DEGLI STANDARD", ""],
    [["INDICAT", "ORE 1)"], "Rilevazione risultati standard di qualità definiti con la Carta dei servizi", "97"],
    [["INDICAT", "ORE 2)"], "elaborazione dati nei termini richiesti", "100"],
]


def ruled_broken_labels(p: Page) -> None:
    """Records ruled apart whose first column, as narrow as its widest word, breaks the labels in
    capitals between letters; every line of a record prints in the columns its first line prints in.
    A closing row spanning the two first columns prints 'OBIETTIVO' whole."""
    narrow = max(stringWidth(w, FONT, SIZE) for w in ("OBIETTI", "INDICAT")) + 2 * PAD + 1
    lefts, widths = [60.0, 60.0 + narrow, 280.0], [narrow, 220.0 - narrow, 30.0]
    x1 = lefts[-1] + widths[-1]
    y = 80.0
    p.hline(60, x1, y)
    for left, label in zip(lefts, ["N.", "Obiettivo e indicatori", "%"]):
        p.text(left + PAD, y + PAD, label)
    y += LEADING + 2 * PAD
    for labels, text, pct in ACHIEVEMENT_RECORDS:
        p.hline(60, x1, y)
        cells_ = [labels, _wrapped(text, widths[1] - 2 * PAD), [pct] if pct else []]
        for left, lines in zip(lefts, cells_):
            for i, line in enumerate(lines):
                p.text(left + PAD, y + PAD + i * LEADING, line)
        y += max(map(len, cells_)) * LEADING + 2 * PAD
    p.hline(60, x1, y)
    p.text(60 + PAD, y + PAD, "OBIETTIVO REALIZZATO AL 98,4%")
    y += LEADING + 2 * PAD
    p.hline(60, x1, y)


# Targets wider than their narrow columns, each printed over the start of the next cell's.
WOVEN_ROWS = [["Promozione locale", "eventi in", "eventi in", "eventi in"],
              ["e nazionale", "subordinatamente", "subordinatamente", "subordinatamente"],
              ["delle imprese", "alle risorse", "alle risorse", "alle risorse"],
              ["artigiane", "di bilancio.", "di bilancio.", "di bilancio."]]


def woven_cells(p: Page) -> None:
    """No rules; three target columns 7 pt narrower than 'subordinatamente', which each prints over the
    first letters of the next cell's (pdfplumber interleaves their letters: 'subordinatamentseubordi...'),
    each cell drawn in turn."""
    top = p.prose(60, PROSE) + 20
    step = stringWidth("subordinatamente", FONT, SIZE) - 7.0
    lefts = [60.0, 160.0, 160.0 + step, 160.0 + 2 * step]
    for column, left in enumerate(lefts):
        for r, row in enumerate(WOVEN_ROWS):
            p.text(left, top + r * LEADING, row[column])


def heading_over_top_rule(p: Page) -> None:
    """A section heading wrapped onto a short second line ('2016') right above a table's top rule; the
    table ruled above and under its header and under its body."""
    p.text(60 + PAD, 60, "2.2 Gli obiettivi individuali del Segretario generale e dei dirigenti – risultati")
    p.text(60 + PAD, 60 + LEADING, "2016")
    p.grid(_resources(), 60 + LEADING + SIZE + 2.5, hrules="frame", vrules="none")


GROUP_HEADER = [["Indicatore", "Tipologia", "Risultato anno", "", ""], ["", "", "2017", "2018", "2019"]]
GROUP_ROWS = [["Ideazione di nuove", "efficacia", "100%", "90%", "80%"], ["azioni formative", "di sistema", "", "", ""],
              ["Valutazione degli", "efficienza", "---", "---", "---"], ["esiti del progetto", "di rete", "", "", ""]]


def group_label_over_years(p: Page) -> None:
    """No rules; a header line of short labels whose last ('Risultato anno') stands over three narrow year
    columns, reaching only 3 pt into the first and short of the last (set over figures at the left), the
    years under it, then two rows, one of figures and one of dashes, each label wrapped over two lines."""
    top = p.prose(60, PROSE) + 20
    lefts = [60, 200, 280, 330, 380]
    for r, row in enumerate(GROUP_HEADER + GROUP_ROWS):
        for left, text in zip(lefts, row):
            if text == "Risultato anno":
                p.c.drawCentredString(326, p.height - (top + r * LEADING) - SIZE, text)
            elif text:
                p.text(left, top + r * LEADING, text)


# A unit wider than its narrow column, printed over the start of the algorithm beside it.
OVERPRINT_ROWS = [["Ideazione", "realizzazione", "% realizzazione"], ["di nuove", "attività", "attività"],
                  ["azioni", "programmate", "programmate"], ["Valutazione", "numero", "numero di eventi"],
                  ["Monitoraggio", "percentuale", "% di eventi"]]


def overprinted_cells(p: Page) -> None:
    """No rules; the algorithm column starts 2 pt before the unit's words 'realizzazione' and 'programmate'
    end, so the renderer prints them over the first letters of the next cell ('realizzazione%',
    'programmateprogrammate' as pdfplumber reads them), drawing each cell's lines in turn."""
    top = p.prose(60, PROSE) + 20
    unit = 140.0
    algorithm = unit + stringWidth("programmate", FONT, SIZE) - 2.0
    for left, column in zip((60.0, unit, algorithm), range(3)):
        for r, row in enumerate(OVERPRINT_ROWS):
            if row[column]:
                p.text(left, top + r * LEADING, row[column])


def abutting_cells(p: Page) -> None:
    """As ``overprinted_cells``, the algorithm column starting 0.6 pt after the unit's 'realizzazione' and
    'programmate' end: closer than a run gap, the two cells' words read as one word each."""
    top = p.prose(60, PROSE) + 20
    unit = 140.0
    algorithm = unit + stringWidth("realizzazione", FONT, SIZE) + 0.6
    for left, column in zip((60.0, unit, algorithm), range(3)):
        for r, row in enumerate(OVERPRINT_ROWS):
            if row[column]:
                p.text(left, top + r * LEADING, row[column])


MONOSPACED_ROWS = [
    ["Obiettivo", "Centro", "Preventivo", "Consuntivo"],
    ["Sviluppo del territorio", "Area promozione", "94.300,00", "87.517,80"],
    ["Servizi alle imprese", "Area anagrafe", "5.400,00", "5.317,80"],
    ["Trasparenza", "Segretario generale", "1.200,00", "0,00"],
]


def monospaced(p: Page) -> None:
    """No rules, a monospaced font (Courier: a word space is 0.6 of the text height); the two figure
    columns of amounts as wide as the column stand 8 pt apart, less than one and a half spaces."""
    p.c.setFont("Courier", SIZE)
    top = p.prose(60, ["Le risorse del piano sono ripartite tra gli obiettivi come segue, in euro,",
                       "secondo il preventivo e il consuntivo dell'anno."])
    # Courier 9 pt: 5.4 pt a character; '94.300,00' fills a 56.6 pt column between its paddings.
    p.grid(Grid(lefts=[60, 210, 330, 386.6], widths=[150, 120, 56.6, 56.6], rows=cells(MONOSPACED_ROWS),
                right_align={2, 3}), top + 20, hrules="none", vrules="none")


def carried_under_header(p: Page) -> None:
    """No rules: an objective header repeated at a page's head, its narrow labels wrapped over three
    lines, and under it, in the description column alone, the lines the page break carried over,
    then the next objective's row."""
    lines = [(60, 0, "Titolo"), (150, 0, "Descrizione"), (330, 0, "Arco"), (420, 0, "Nr"),
             (330, 1, "temporale"), (420, 1, "indicatori"), (330, 2, "realizzazione"),
             (150, 3, "in modo da poter tracciare i quesiti"), (150, 4, "e le risposte date in entrata."),
             (60, 5.5, "SVILUPPO"), (150, 5.5, "La Camera intende rafforzare"), (330, 5.5, "Annuale"),
             (420, 5.5, "3"), (150, 6.5, "il proprio ruolo."),
             (60, 8, "TRASPARENZA"), (150, 8, "Obblighi di legge"), (330, 8, "Triennio"), (420, 8, "1")]
    for left, line, text in lines:
        p.text(left, 60 + line * LEADING, text)


def two_columns_aligned(p: Page) -> None:
    """A page in two text columns, a table with horizontal rules in each at the same heights (lines
    of both columns aligned); the rules run to the cells' edges, past the text, into the gutter."""
    short = [RESOURCES_HEADER, *RESOURCES[:2], *RESOURCES[3:]]
    for left in (30, 310):
        grid = Grid(lefts=[left, left + 95, left + 180], widths=[95, 85, 85], rows=cells(short), right_align={1, 2})
        top = p.prose(60, ["Risorse della missione,", "per programma, nel 2019."], left=left + 4)
        p.grid(grid, top + 20, hrules="all", vrules="none")


def ruled_header_short_body(p: Page) -> None:
    """A header ruled as a grid over two unruled rows, then label | value rows in other columns; at the
    page's foot the same header over one row (the rest of its rows on the next page)."""
    top = p.prose(60, PROSE)
    grid = Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells([RESOURCES_HEADER, *RESOURCES[:2]]),
                right_align={1, 2})
    ys = p.grid(grid, top + 20, hrules="header", vrules="header")
    p.grid(Grid(lefts=[60, 140], widths=[80, 380], rows=cells(INDICATOR_LABELS)), ys[-1] + 10,
           hrules="none", vrules="none")
    grid = Grid(lefts=[60, 260, 370], widths=[200, 110, 110], rows=cells([RESOURCES_HEADER, RESOURCES[0]]),
                right_align={1, 2})
    p.grid(grid, 740, hrules="header", vrules="header")
    p.footer("1")


OVERVIEW_ROWS = [
    ["Missione", "Programma", "Obiettivi"],
    ["011 Competitività e|sviluppo delle imprese", "005 Promozione e|attuazione di politiche",
     "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE:|"
     "valorizzazione dell'informazione economica per le politiche|"
     "011-005-002 RIAFFERMARE IL RUOLO DI PRIMO PUNTO DI|"
     "CONTATTO TRA IMPRESE E ISTITUZIONI EUROPEE E STATALI|"
     "011-005-003 FAVORIRE LO START UP, SOSTENERE LO SVILUPPO|"
     "D'IMPRESA E LE RISORSE UMANE (PROGETTO 2C0101 - 2C0104)"],
]


def ruled_header_long_last_column(p: Page) -> None:
    """A header ruled as a grid over an unruled body whose last column holds long lines of text
    (objective titles), as full as running text beside the table would be."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[40, 160, 270], widths=[120, 110, 300], rows=cells(OVERVIEW_ROWS)), top + 20,
           hrules="header", vrules="header")


# The overview with programme names of many words a line: no column beside the titles reads as labels.
SHADED_OVERVIEW_ROWS = [OVERVIEW_ROWS[0], ["011 Competitività|e sviluppo delle|imprese",
                                           "005 Promozione e attuazione di politiche|"
                                           "di sviluppo, competitività e innovazione", OVERVIEW_ROWS[1][2]]]


def shaded_header_long_last_column(p: Page) -> None:
    """The overview of ``ruled_header_long_last_column`` under a header drawn by its cells' shading alone
    (no rule anywhere), its programme names as long as running text's lines."""
    top = p.prose(60, PROSE)
    p.grid(Grid(lefts=[20, 100, 270], widths=[80, 170, 305], rows=cells(SHADED_OVERVIEW_ROWS)), top + 20,
           hrules="none", vrules="none", shade_cells=(0,))


# Indicators as wide rows: every field a column, the narrow ones fitted to a part of their longest word,
# which the word processor broke between letters ('percentu' / 'ale', 'rilevazio' / 'ne').  The second
# record's name goes on with a capital ('Progetto di' / 'Fondazione').
WIDE_RECORDS = [["Indicatore", "Tipologia", "Unità", "Fonte", "Valore"],
                ["Ideazione di|nuove azioni di|monitoraggio", "efficacia", "percentu|ale", "rilevazio|ne|ufficio",
                 "100%"],
                ["Progetto di|Fondazione|Puccini", "efficacia", "percentu|ale", "rilevazio|ne|ufficio", "95%"]]


def shaded_header_wide_rows(p: Page) -> None:
    """A header shaded cell by cell over unruled records whose cells wrap side by side, top-aligned;
    a figure only on each record's first line."""
    top = p.prose(60, PROSE) + 20
    widths = [90.0, 60.0] + _fitted(["percentu", "rilevazio"]) + [50.0]
    lefts = [60.0]
    for width in widths[:-1]:
        lefts.append(lefts[-1] + width)
    p.grid(Grid(lefts=lefts, widths=widths, rows=cells(WIDE_RECORDS)), top, hrules="none", vrules="none",
           shade_cells=(0,))


# Rows of one line each, unruled and set as tight as lines, one leaving its figure blank.
ONE_LINE_ROWS = [["Indicatore", "Tipologia", "Valore"], ["Ideazione", "efficacia", "100%"],
                 ["Valutazione", "efficienza", ""], ["Monitoraggio", "efficacia", "95%"]]


def one_line_rows(p: Page) -> None:
    """No rules; rows of one line each, the second leaving its figure blank: its words would not fit
    after those above in the widest line of their columns, yet nothing above runs on to them."""
    top = p.prose(60, PROSE) + 20
    p.placed((60.0, 160.0, 260.0), ONE_LINE_ROWS, top)


# A header repeated at a page's head, clipped to a row of two lines: its label of three lines prints the
# third ('calcolo') past the shading's foot, over the body's first line (LibreOffice).
CLIPPED_HEADER = ["Indicatore", "Algoritmo|di|calcolo", "Fonte"]
CLIPPED_BODY = [["Ideazione", "numero", "rilevazione"], ["Valutazione", "percentuale", "ufficio"],
                ["Monitoraggio", "numero", "Infocamere"]]


def clipped_header(p: Page) -> None:
    """No rules: a header shaded cell by cell, two lines high, over rows of one line; the third line of
    'Algoritmo / di / calcolo' runs 2.6 pt past the shading's foot, 2.3 pt above the body's first line
    (pdfplumber reads it and the 'numero' under it as one word, their letters interleaved: ``words``
    parts them)."""
    lefts, width, foot = (60.0, 160.0, 260.0), 100.0, 58 + 2 * LEADING + 4.5
    for left in lefts:
        p.shade(left, 58, left + width, foot)
    for left, label in zip(lefts, CLIPPED_HEADER):
        for i, line in enumerate(label.split("|")):
            p.text(left + PAD, 58 + i * LEADING, line)
    p.placed([left + PAD for left in lefts], CLIPPED_BODY, 58 + 2 * LEADING + 2.3)


# A unit's word ending 1.2 pt into the algorithm's column: the renderer prints the next cell's text, right
# after it in printing order, over its last letter.
OVERLAP_ROWS = [["Indicatore", "Unità", "Algoritmo"], ["Ideazione", "realizzazione", "si/no"],
                ["Valutazione", "numero", "conteggio"], ["Monitoraggio", "percentuale", "% eventi"]]


def overlapping_cells(p: Page) -> None:
    """No rules; row by row, cell by cell, as WeasyPrint prints a table: 'si/no' starts 1.2 pt before
    'realizzazione' ends, one run after the other ('realizzazionesi/no' as pdfplumber reads it, no gap and
    no jump in printing order), where every other line's algorithm starts."""
    top = p.prose(60, PROSE) + 20
    unit = 140.0
    algorithm = unit + stringWidth("realizzazione", FONT, SIZE) - 1.2
    p.placed((60.0, unit, algorithm), OVERLAP_ROWS, top)


def results_then_objective(p: Page) -> None:
    """No rules: an indicator's results (a header of years over '--- | --- | 100%'), a blank line, then
    the next objective's header of five labels and its row: two tables, not one."""
    lines = [(60, 0, "Risultato anno 2017"), (220, 0, "Risultato anno 2018"), (380, 0, "Risultato anno 2019"),
             (90, 1, "---"), (250, 1, "---"), (410, 1, "100%"),
             (60, 2.8, "Titolo"), (150, 2.8, "Descrizione"), (330, 2.8, "Arco"), (400, 2.8, "Centro"),
             (480, 2.8, "Nr"),
             (60, 3.8, "TRASPARENZA"), (150, 3.8, "La Camera intende garantire"), (330, 3.8, "Triennio"),
             (400, 3.8, "Segretario"), (480, 3.8, "1"),
             (150, 4.8, "il pieno assolvimento degli obblighi."), (400, 4.8, "generale")]
    for left, line, text in lines:
        p.text(left, 60 + line * LEADING, text)


FIELD_LABELS = ["Tipologia", "Unità di", "Algoritmo di", "Fonte dei dati", "Ultimo valore osservato"]


def short_fields_then_header(p: Page) -> None:
    """No rules: 'Indicatore' and 'Cosa misura' with short values (four words at most), close above the
    header of the indicator's five fields (two labels wrapped) and their values."""
    lines = [(60, 0, "Indicatore"), (140, 0, "Indagini di customer satisfaction"),
             (60, 1, "Cosa misura"), (140, 1, "Capacità di ascolto"),
             *zip((60, 140, 220, 310, 400), [2] * 5, FIELD_LABELS),
             (140, 3, "misura"), (220, 3, "calcolo"),
             (60, 4, "efficacia"), (140, 4, "percentuale"), (220, 4, "% realizzazione"), (310, 4, "rilevazione"),
             (400, 4, "svolte indagini settoriali")]
    for left, line, text in lines:
        p.text(left, 60 + line * LEADING, text)


def row_rest_at_page_head(p: Page) -> None:
    """No rules: a page opening (under its running header) with the last lines of a row of five values
    whose header ended the page before, then the next table: a header of three years over values."""
    p.text(380, 30, "Camera di Commercio di Lucca")
    lines = [(60, 0, "efficacia"), (140, 0, "percentuale"), (220, 0, "% realizzazione"), (310, 0, "rilevazione"),
             (400, 0, "Sportello legalità operativo"), (220, 1, "attività previste"), (310, 1, "ufficio"),
             (310, 2, "competente"),
             (80, 3.5, "Risultato atteso 2017"), (240, 3.5, "Risultato atteso 2018"), (400, 3.5, "Risultato atteso 2019"),
             (100, 4.5, "---"), (260, 4.5, "---"), (420, 4.5, "Iniziativa per la diffusione"),
             (80, 5.5, "Risultato anno 2017"), (240, 5.5, "Risultato anno 2018"), (400, 5.5, "Risultato anno 2019"),
             (100, 6.5, "---"), (260, 6.5, "---"), (420, 6.5, "100%")]
    for left, line, text in lines:
        p.text(left, 60 + line * LEADING, text)


def header_over_blank_column(p: Page) -> None:
    """At a page's head, a header ruled above and below (no column rules) over the rest of an objective's
    indicators: the body leaves the objective's column blank, the header labels it; each indicator
    opens with its number and achievement, its text wrapped under the number."""
    x1 = 530
    p.hline(60, x1, 60)
    for i, line in enumerate(["DIRIGENTE PROMOZIONE E", "SVILUPPO DELLE IMPRESE"]):
        p.text(62, 63 + i * LEADING, line)
    p.text(200, 63, "INDICATORE")
    p.text(x1 - 2, 63, "%", right=True)
    p.text(x1 - 2, 63 + LEADING, "RAGGIUNGIMENTO", right=True)
    y = 63 + 2 * LEADING + 4
    p.hline(60, x1, y)
    y += 6
    for number, achieved, text in [("INDICATORE 2e)", "100", ["predisposizione di un piano di gestione",
                                                               "delle attivita del museo"]),
                                   ("INDICATORE 3a)", "95", ["presentazione del programma di attivita"]),
                                   ("INDICATORE 3b)", "100", ["realizzazione del programma approvato",
                                                              "dalla Giunta"])]:
        p.text(200, y, number)
        p.text(x1 - 2, y, achieved, right=True)
        for i, line in enumerate(text):
            p.text(200, y + (i + 1) * LEADING, line)
        y += (len(text) + 1) * LEADING + 6

# A two-level header ruled above and under, over an unruled body (ReportLab): 'Risultato anno' spans its
# years; the labels beside it wrap over up to three lines, and the years, set in the group's second header
# row, print 3.5 pt above the third ('calcolo'), on its printed line.
GROUP_BESIDE_LABELS = [("Indicatore",), ("Algoritmo", "di", "calcolo"), ("Fonte", "dei dati")]
GROUP_BESIDE_ROWS = [[("Ideazione di", "nuove azioni"), ("numero",), ("rilevazione", "ufficio"), ("100%",), ("90%",),
                      ("80%",)],
                     [("Valutazione", "degli esiti"), ("percentuale",), ("Infocamere",), ("---",), ("---",), ("95%",)]]


def years_beside_wrapped_labels(p: Page) -> None:
    """Rules above and under a two-level header: labels of one to three lines beside 'Risultato anno'
    centred over three year columns, the years 3.5 pt above the labels' third line; unruled rows under it."""
    top = p.prose(60, PROSE) + 20
    lefts, years = [60.0, 150.0, 220.0], [300.0, 340.0, 380.0]
    p.hline(60, 420, top)
    for left, label in zip(lefts, GROUP_BESIDE_LABELS):
        for i, line in enumerate(label):
            p.text(left + PAD, top + PAD + i * LEADING, line)
    p.c.drawCentredString(360, p.height - (top + PAD) - SIZE, "Risultato anno")
    for left, year in zip(years, ("2017", "2018", "2019")):
        p.c.drawCentredString(left + 20, p.height - (top + PAD + 2 * LEADING - 3.5) - SIZE, year)
    y = top + 2 * PAD + 3 * LEADING
    p.hline(60, 420, y)
    for row in GROUP_BESIDE_ROWS:
        for left, lines in zip(lefts + years, row):
            for i, line in enumerate(lines):
                p.text(left + PAD, y + PAD + i * LEADING, line)
        y += 2 * PAD + 2 * LEADING


# Unruled records whose single words, wider than their narrow columns, run over the next ones (ReportLab
# lets a word it cannot break overflow): 'statistiche/economiche' into the blank target beside it, its cell
# alone going on below; 'promozione/informazione' over two result columns.
OVERFLOW_HEADER_ROW = ["Indicatore", "Ultimo valore", "Target", "2017", "2018", "2019"]
OVERFLOW_WORD_ROWS = [["Ideazione", "realizzate le", "Realizzazione", "100%", "100%", "100%"],
                      ["di nuove", "pubblicazioni", "di almeno 2"],
                      ["azioni", "statistiche/economiche"],
                      ["", "ai territori"],
                      ["", "di Massa"],
                      ["Valutazione", "prosegue", "Campagne", "90%", "90%", "90%"],
                      ["degli esiti", "l'attività", "promozione/informazione"],
                      ["del progetto", "a sostegno", "e (di cui"],
                      ["Monitoraggio", "avviato", "Rilevazione", "80%", "80%", "80%"],
                      ["della qualità", "il servizio", "di gradimento"],
                      ["dei servizi", "di ascolto", "annuale"],
                      ["Attuazione", "concluso", "Controlli", "70%", "70%", "70%"],
                      ["dei piani", "il piano", "a campione"],
                      ["di vigilanza", "dei controlli", "previsti"]]


def overflowing_words(p: Page) -> None:
    """No rules; narrow columns (the last value 70 pt, the target 60, the results 30) under a one-line
    header, four records of wrapped lines, the first two with a word running over the columns beside it."""
    top = p.prose(60, PROSE) + 20
    p.placed((60.0, 130.0, 200.0, 260.0, 290.0, 320.0), [OVERFLOW_HEADER_ROW] + OVERFLOW_WORD_ROWS, top)


# Records of an unruled table under its header; the second printed on the grid moved 6 pt left (ReportLab
# sets a table's part split off in a row that a page break cuts a few points left of the part above).
MOVED_HEADER = ["Indicatore", "Cosa misura", "Tipologia", "Fonte"]
MOVED_FIRST = [["Ideazione di nuove", "Capacità di affermare", "efficacia", "rilevazione"],
               ["azioni di sistema", "il ruolo dell'ente", "", "dell'ufficio"],
               ["economico locale", "come promotore", "", "competente"]]
MOVED_SECOND = [["Attività di studio", "Capacità di ascolto", "efficienza", "Infocamere"],
                ["delle informazioni", "delle imprese del", "", "e ufficio"],
                ["utili alla definizione", "territorio", "", "studi"]]


def moved_grid_part(p: Page) -> None:
    """No rules; each column's longest line ends 4 pt before the next column starts (a cell's padding on
    either side); the second record 6 pt left of the header and the first."""
    top = p.prose(60, PROSE) + 20
    lefts = [60.0]
    for i in range(len(MOVED_HEADER) - 1):
        lefts.append(lefts[-1] + 4 + max(stringWidth(row[i], FONT, SIZE)
                                         for row in [MOVED_HEADER] + MOVED_FIRST + MOVED_SECOND))
    p.placed(lefts, [MOVED_HEADER] + MOVED_FIRST, top)
    p.placed([left - 6 for left in lefts], MOVED_SECOND, top + 4 * LEADING + 4)


CASES: dict[str, Callable[[Page], None]] = {
    "results_then_objective": results_then_objective, "short_fields_then_header": short_fields_then_header,
    "row_rest_at_page_head": row_rest_at_page_head,
    "monospaced": monospaced, "carried_under_header": carried_under_header,
    "two_columns_aligned": two_columns_aligned, "ruled_header_short_body": ruled_header_short_body,
    "ruled_header_long_last_column": ruled_header_long_last_column,
    "shaded_header_long_last_column": shaded_header_long_last_column,
    "shaded_header_wide_rows": shaded_header_wide_rows, "one_line_rows": one_line_rows,
    "clipped_header": clipped_header,
    "overprinted_header": overprinted_header, "headed_ruled_headers": headed_ruled_headers,
    "abutting_cells": abutting_cells, "overlapping_cells": overlapping_cells,
    "broken_words": broken_words, "centred_broken_words": centred_broken_words,
    "broken_word_at_page_foot": broken_word_at_page_foot, "broken_word_rest": broken_word_rest,
    "unruled_label_value": unruled_label_value,
    "ruled_wide_last_column": ruled_wide_last_column,
    "objective_header": objective_header,
    "wide_rows": wide_rows,
    "tight_cells": tight_cells, "overflowing_cell": overflowing_cell,
    "header_at_page_foot": header_at_page_foot, "centred_values_at_page_head": centred_values_at_page_head,
    "two_header_rows": two_header_rows,
    "header_parts": header_parts, "side_by_side_fields": side_by_side_fields,
    "two_lines_of_fields": two_lines_of_fields, "wrapped_header_long_column": wrapped_header_long_column,
    "wide_header_word": wide_header_word,
    "headed_tables": headed_tables, "area_total": area_total,
    "stacked_tables": stacked_tables, "long_labels": long_labels, "wrapped_middle": wrapped_middle,
    "full_grid": full_grid, "horizontal_rules": horizontal_rules, "booktabs": booktabs,
    "column_rules": column_rules, "no_rules": no_rules, "ruled_header": ruled_header,
    "label_column": label_column, "shaded_header": shaded_header, "spanning_header": spanning_header,
    "rotated": rotated, "sidebar": sidebar, "two_columns": two_columns,
    "ruled_label_value": ruled_label_value, "equal_figures": equal_figures,
    "open_last_row": open_last_row, "headed_text_column": headed_text_column,
    "open_across_pages": open_across_pages, "overflow_at_page_foot": overflow_at_page_foot,
    "column_rules_under_header": column_rules_under_header,
    "ruled_records": ruled_records, "ruled_record_alone": ruled_record_alone,
    "ruled_broken_figures": ruled_broken_figures, "ruled_broken_labels": ruled_broken_labels,
    "record_rest_at_page_head": record_rest_at_page_head, "overprinted_cells": overprinted_cells,
    "heading_over_top_rule": heading_over_top_rule, "woven_cells": woven_cells, "group_label_over_years": group_label_over_years,
    "row_through_columns": row_through_columns, "header_over_blank_column": header_over_blank_column,
    "years_beside_wrapped_labels": years_beside_wrapped_labels, "overflowing_words": overflowing_words,
    "moved_grid_part": moved_grid_part, "word_past_right_rule": word_past_right_rule,
}


def write_case(name: str, out: Path) -> Path:
    """Write one case as ``out/<name>.pdf``."""
    path = out / f"{name}.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(name)
    height = A4[1]
    if name == "rotated":
        # A portrait page shown turned a quarter (/Rotate 90): the content is drawn sideways so
        # that the page reads upright as displayed, landscape (as eu-015 of ICDAR-2013 does).
        canvas.setPageRotation(90)
        canvas.transform(0, 1, -1, 0, A4[0], 0)
        height = landscape(A4)[1]
    CASES[name](Page(canvas, height))
    canvas.showPage()
    canvas.save()
    return path


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "table-cases")
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(write_case(case, folder))
