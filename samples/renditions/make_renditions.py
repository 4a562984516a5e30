#!/usr/bin/env python3
"""Build the test renditions of the two Lucca reports from the gold files.

    pip install -e '.[renditions]'          # WeasyPrint, ReportLab, python-docx, img2pdf
    apt-get install libreoffice-writer-nogui fonts-dejavu-core fonts-dejavu-extra fonts-liberation
    python samples/renditions/make_renditions.py            # everything, into samples/renditions/
    python samples/renditions/make_renditions.py --only pira-a-weasyprint-landscape

Every printed value comes from tests/gold/pira-lucca-2019.json and
tests/gold/relazione-lucca-2016-pdf.json *as printed* (Italian figures, OCR-damaged codes,
typos); the cover, the prose and the few printed forms the gold normalises come from the
seed texts in samples/ (see content.py).  The catalogue below says, per rendition, the
generator, the page, the font, the ruling and where labels and values go; README.md in this
folder is the same catalogue for readers.  Output is deterministic: fixed metadata, dates,
document ids and random seeds.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pypdfium2  # noqa: E402

from content import pira_content, relazione_content  # noqa: E402
from derive import drop_last_pages  # noqa: E402
from layouts_pira import RENAMED, Arrangement, pira_blocks  # noqa: E402
from layouts_relazione import RelazioneArrangement, relazione_blocks  # noqa: E402
from model import Rendition, Style  # noqa: E402
from scans import ScanSettings, scan  # noqa: E402

PIRA_TITLE = "PIRA Lucca consuntivo 2019"
RELAZIONE_TITLE = "Relazione sulla performance 2016 - Lucca"


def pira_renditions() -> list[Rendition]:
    c = pira_content()
    out = []

    def add(name, generator, style, arrangement, description):
        out.append(Rendition(name, "pira", generator, style, pira_blocks(c, arrangement), PIRA_TITLE, description))

    add("pira-a-weasyprint-landscape", "weasyprint",
        Style(landscape=True, font="DejaVu Serif", body_size=9.5, table_size=7.5, ruling="horizontal",
              repeat_header=True, split_rows=True, margins_cm=(1.8, 1.5, 1.6, 1.5),
              running_header="Camera di Commercio di Lucca – PIRA consuntivo 2019",
              running_footer="Pagina {page} di {pages}"),
        Arrangement(overview="rows", block_header="heading", objective="header_row", indicator="wide",
                    block_on_new_page=False),
        "landscape, serif; horizontal rules only; objective fields as a header row above one value row, "
        "resources with a label column; all indicators of an objective as rows of one table under a "
        "two-level header (Risultato atteso / Risultato anno over the years), header repeated, rows split")
    add("pira-d-weasyprint-transposed", "weasyprint",
        Style(landscape=False, font="DejaVu Sans Condensed", body_size=9, table_size=8, ruling="grid",
              repeat_header=False, split_rows=True, margins_cm=(2.2, 1.6, 2.0, 1.6), label_shading="#e4ecf4",
              running_footer="– {page} –"),
        Arrangement(overview="stacked", block_header="table", objective="adjacent", indicator="transposed",
                    block_on_new_page=False, break_after_resource_header=("011-005-003", "012-004-002")),
        "portrait, condensed sans; full grid; label column on the left for every field (indicator tables "
        "transposed: one row per field, targets and results as 'Risultato atteso 2017' ... rows); "
        "resources as a header row over two labelled rows (for 011-005-003 and 012-004-002 a forced page "
        "break falls between that header row and its values); blocks run on without page breaks")
    add("pira-b-reportlab-unruled", "reportlab",
        Style(landscape=False, font="Liberation Sans", body_size=10, table_size=9, ruling="none",
              repeat_header=False, split_rows=True, margins_cm=(2.4, 2.2, 2.2, 2.2),
              running_header="PIRA – Consuntivo 2019", running_footer="pag. {page}"),
        Arrangement(overview="rows", block_header="heading", objective="inline", indicator="inline",
                    block_on_new_page=True),
        "portrait, sans; no rules at all; every field printed 'Label: value' in one cell (objective fields one "
        "a line, resources 'Risorse preventivo 2019: proventi correnti € 0,00 – ...'; indicator fields two a "
        "row); rows split inside a cell at page ends")
    add("pira-c-docx-libreoffice", "docx",
        Style(landscape=False, font="Liberation Serif", body_size=11, table_size=9, ruling="header",
              repeat_header=False, split_rows=True, margins_cm=(2.0, 2.5, 2.0, 2.5), label_shading=None,
              running_header="Camera di Commercio di Lucca", running_footer="{page}"),
        Arrangement(overview="stacked", block_header="table", objective="adjacent", indicator="header_row",
                    block_on_new_page=True),
        "portrait, serif; Word tables with a ruled header row over an unruled body (label/value tables have "
        "no rules at all); objective as label | value rows with resources under a row of item headers; "
        "indicator fields under header rows (Tipologia ... Ultimo valore osservato, then the target and result "
        "years); rows split at page ends, header rows not repeated")
    add("pira-f-reportlab-two-column", "reportlab",
        Style(landscape=True, font="Liberation Serif", body_size=9, table_size=8, ruling="horizontal",
              repeat_header=True, split_rows=True, margins_cm=(1.8, 1.5, 1.6, 1.5), columns=2,
              running_header="Camera di Commercio di Lucca – Piano degli indicatori – Consuntivo 2019",
              running_footer="{page}"),
        Arrangement(overview="stacked", block_header="heading", objective="adjacent", indicator="transposed",
                    block_on_new_page=False),
        "landscape, serif, TWO TEXT COLUMNS per page (tables flow from the left column into the right one and "
        "on to the next page); horizontal rules only; objective label | value with resources under item "
        "headers; indicators transposed (label column on the left)")
    add("pira-g-docx-landscape-grid", "docx",
        Style(landscape=True, font="DejaVu Sans", body_size=9, table_size=8, ruling="grid",
              margins_cm=(1.5, 1.5, 1.5, 1.5), running_header="CCIAA Lucca - PIRA 2019",
              running_footer="pag. {page}"),
        Arrangement(overview="stacked", block_header="heading", objective="inline", indicator="wide",
                    block_on_new_page=False),
        "landscape, sans; Word full grid; objective fields 'Label: value' one a line; all indicators of an "
        "objective as rows of one wide table under a two-level header, columns so narrow that Word breaks "
        "words between letters ('percentu' / 'ale'); rows split at page ends under the repeated header "
        "(a holdout rendition until session 5)")
    add("pira-e-unknown-family-renamed-labels", "weasyprint",
        Style(landscape=False, font="DejaVu Sans", body_size=9.5, table_size=8, ruling="grid",
              repeat_header=False, split_rows=True, margins_cm=(2.0, 1.8, 2.0, 1.8), label_shading="#f0f0e0",
              running_footer="{page}"),
        Arrangement(overview="rows", block_header="table", objective="adjacent", indicator="transposed",
                    block_on_new_page=True, labels=dict(RENAMED)),
        "an UNKNOWN LAYOUT FAMILY for the completeness tests: the same PIRA (title, cover, values) with every "
        "label renamed ('Titolo' -> 'Denominazione obiettivo', 'Indicatore' -> 'Misura', 'Risultato atteso' -> "
        "'Traguardo', ... see RENAMED in layouts_pira.py); label column on the left; it must not end 'ok'")
    add("pira-j-weasyprint-ruled-header", "weasyprint",
        Style(font="DejaVu Sans", body_size=9.5, table_size=8, ruling="header", repeat_header=True,
              margins_cm=(2.0, 1.8, 2.0, 1.8), running_footer="Pag. {page}"),
        Arrangement(overview="stacked", block_header="table", objective="header_row", indicator="transposed"),
        "portrait, sans; rules around the header rows only, drawn cell by cell; header labels wider than their "
        "columns run over the next one ('temporale' under 'responsabilità'); label | value rows, a label left "
        "alone at a page foot (a holdout rendition until session 7)")
    add("pira-x-reportlab-two-column-grid", "reportlab",
        Style(font="Liberation Sans", body_size=8.5, table_size=7, ruling="grid", repeat_header=True, columns=2,
              running_header="CCIAA - PIRA 2019", break_long_words=True),
        Arrangement(overview="rows", block_header="heading", objective="adjacent", indicator="inline"),
        "portrait, TWO TEXT COLUMNS of full-grid tables: tables and rows cut at a column's foot go on at the "
        "next column's head, a row runs through a whole column (a holdout rendition until session 9)")
    add("pira-y-docx-grid-serif-inline", "docx",
        Style(font="Liberation Serif", body_size=11, table_size=9, ruling="grid", repeat_header=True,
              margins_cm=(1.5, 1.5, 1.5, 1.5), label_shading="#f0f0f0",
              running_header="Piano degli indicatori e dei risultati attesi"),
        Arrangement(overview="stacked", block_header="heading", objective="inline", indicator="transposed"),
        "portrait, serif 11 pt, full grid, shaded labels; objective fields inline ('Descrizione: ...'), a "
        "description wrapped before a label word ('... un' / 'indicatore particolarmente ...') (a holdout "
        "rendition until session 10)")
    add("pira-p-docx-ruled-header-serif", "docx",
        Style(font="Liberation Serif", body_size=10, table_size=8.5, ruling="header", repeat_header=True,
              running_header="Camera di Commercio di Lucca"),
        Arrangement(overview="stacked", block_header="heading", objective="header_row", indicator="transposed"),
        "portrait, serif; Word tables ruled around the header only; header labels broken at every line of "
        "narrow columns ('Arco' 'temporal' 'e' ...), a title's line 'TIPO' under 'Titolo'; resource items "
        "whose amount is not printed (a holdout rendition until session 7)")
    add("pira-ab-docx-landscape-hrules-inline", "docx",
        Style(landscape=True, font="DejaVu Sans Condensed", body_size=9, table_size=8, ruling="horizontal",
              repeat_header=False, running_header="CCIAA di Lucca - Piano degli indicatori",
              running_footer="Pagina {page}"),
        Arrangement(overview="stacked", block_header="heading", objective="inline", indicator="inline"),
        "landscape, condensed sans; Word tables with horizontal rules, header rows not repeated; objective "
        "fields 'Label: value' one a line and indicator fields 'Label: value' two a row (a holdout rendition "
        "in session 11, read whole from its first score)")
    return out


def relazione_renditions() -> list[Rendition]:
    c = relazione_content()
    out = []

    def add(name, generator, style, arrangement, description):
        out.append(Rendition(name, "relazione", generator, style, relazione_blocks(c, arrangement),
                             RELAZIONE_TITLE, description))

    add("relazione-a-weasyprint-landscape", "weasyprint",
        Style(landscape=True, font="DejaVu Serif", body_size=10, table_size=8, ruling="horizontal",
              repeat_header=True, split_rows=True, margins_cm=(1.8, 1.6, 1.6, 1.6),
              running_header="Camera di Commercio di Lucca – Relazione sulla performance 2016",
              running_footer="Pagina {page} di {pages}"),
        RelazioneArrangement(budget="group_row", areas="label", entity="numbered", individual="rows",
                             health="columns", composition="separate"),
        "landscape, serif; horizontal rules only; budget with one full-width row per strategic objective "
        "('OBIETTIVO STRATEGICO 1A: ...') and labelled subtotal rows; individual objectives as an objective "
        "row, one row per indicator, a closing row; header rows repeated")
    add("relazione-d-weasyprint-grid", "weasyprint",
        Style(landscape=False, font="DejaVu Sans Condensed", body_size=9.5, table_size=7.5, ruling="grid",
              repeat_header=False, split_rows=True, margins_cm=(2.0, 1.5, 2.0, 1.5), label_shading="#eeeeee",
              running_footer="– {page} –"),
        RelazioneArrangement(budget="first_row", areas="columns", entity="columns", individual="merged_objective",
                             health="ascending", composition="combined", sections_on_new_page=False,
                             break_after_health_header=True),
        "portrait, condensed sans; full grid; budget objective named on its first project row only, "
        "unlabelled subtotals; areas with number and name in two columns; entity % with a % sign; "
        "financial health with the years ascending (2013 ... 2016), its header row alone at the foot of a page "
        "and the values on the next; amounts and composition % in one table "
        "under a two-level header; header rows not repeated")
    add("relazione-b-reportlab-unruled", "reportlab",
        Style(landscape=False, font="Liberation Sans", body_size=10, table_size=8.5, ruling="none",
              repeat_header=False, split_rows=True, margins_cm=(2.4, 2.0, 2.2, 2.0),
              running_header="Relazione sulla performance 2016", running_footer="pag. {page}"),
        RelazioneArrangement(budget="code_columns", budget_order=(2, 0, 1, 4, 3), areas="columns",
                             entity="numbered", individual="inline", health="transposed", composition="separate",
                             sections_on_new_page=True),
        "portrait, sans; no rules at all; budget as a flat list with strategic objective code and title repeated "
        "on every row, project code in its own column, columns in another order (Consuntivo first, % Risorse "
        "before % Utilizzo); individual objectives with 'OBIETTIVO N. 1/2016 TITLE' and 'INDICATORE 1) text' "
        "in one cell; financial health transposed (indicators as columns, four a table, years as rows)")
    add("relazione-c-docx-libreoffice", "docx",
        Style(landscape=False, font="Liberation Serif", body_size=11, table_size=8.5, ruling="header",
              repeat_header=True, split_rows=False, margins_cm=(2.0, 2.0, 2.0, 2.0),
              running_header="CCIAA di Lucca – Relazione sulla performance 2016", running_footer="Pag. {page}"),
        RelazioneArrangement(budget="per_objective", budget_order=(0, 1, 2, 3, 4), areas="columns", entity="columns",
                             individual="rows", health="columns", composition="combined",
                             sections_on_new_page=True),
        "portrait, serif; Word tables with a ruled, repeated header row over an unruled body; rows never split; "
        "budget as one small table per strategic objective under its heading line ('OBIETTIVO STRATEGICO 1A - "
        "...'), 'Totale' rows, the grand total in a table of its own; areas with number and name "
        "in two columns; amounts and composition % in one table under a two-level header")
    add("relazione-f-docx-landscape", "docx",
        Style(landscape=True, font="Liberation Sans", body_size=10, table_size=8.5, ruling="horizontal",
              margins_cm=(1.6, 1.6, 1.6, 1.6), running_header="Relazione 2016"),
        RelazioneArrangement(budget="per_objective", areas="label", entity="numbered",
                             individual="merged_objective", health="ascending", composition="separate"),
        "landscape, sans; Word tables with horizontal rules; individual objectives in a cell merged down "
        "their indicators (its rules stop at that column), the header printed again after each page break "
        "(a holdout rendition until session 5)")
    add("relazione-i-weasyprint-unruled", "weasyprint",
        Style(font="Liberation Sans", body_size=10, table_size=8.5, ruling="none", repeat_header=False,
              running_header="Relazione sulla performance"),
        RelazioneArrangement(budget="group_row", areas="columns", entity="numbered", individual="rows",
                             health="ascending", composition="separate"),
        "portrait, sans; no rules; the financial health table's last rows alone on the next page, an "
        "indicator's % printed at a page foot apart from its row (a holdout rendition until session 5)")
    add("relazione-h-docx-grid", "docx",
        Style(font="DejaVu Sans", body_size=9.5, table_size=8, ruling="grid", repeat_header=True,
              margins_cm=(2.0, 2.0, 2.0, 2.0), running_footer="{page}"),
        RelazioneArrangement(budget="code_columns", budget_order=(0, 2, 1, 3, 4), areas="label",
                             entity="columns", individual="merged_objective", health="transposed",
                             composition="combined"),
        "portrait, sans; Word full grid; a code column one character wide ('1' over 'A', '1A010' over '1', "
        "the 'Ob. strat.' header a letter a line), amounts of a million over two lines (a holdout rendition "
        "until session 7)")
    add("relazione-k-weasyprint-ruled-header", "weasyprint",
        Style(font="Liberation Sans Narrow", body_size=10, table_size=8.5, ruling="header", repeat_header=True,
              running_header="Relazione sulla performance 2016", running_footer="{page}"),
        RelazioneArrangement(budget="per_objective", areas="columns", entity="numbered",
                             individual="merged_objective", health="ascending", composition="separate",
                             break_after_health_header=True),
        "portrait, narrow sans; rules around the header rows only; budget tables stacked under one-line "
        "headings; individual objectives read line by line under a header of two lines, an objective's row "
        "cut by a page (a holdout rendition until session 7)")
    add("relazione-q-docx-grid-serif", "docx",
        Style(font="Liberation Serif", body_size=10.5, table_size=8.5, ruling="grid", repeat_header=False,
              label_shading="#e0e0f0", running_header="Camera di Commercio di Lucca", running_footer="{page}"),
        RelazioneArrangement(budget="per_objective", areas="columns", entity="columns",
                             individual="merged_objective", health="ascending", composition="separate"),
        "portrait, serif; Word full grid, shaded labels; a budget table per objective, a project's row ending "
        "one page and the next project's row opening the next with a blank cell (a holdout rendition until "
        "session 8)")
    add("relazione-r-weasyprint-unruled-mono", "weasyprint",
        Style(font="DejaVu Sans Mono", body_size=8.5, table_size=7, ruling="none", repeat_header=True,
              margins_cm=(1.6, 1.4, 1.6, 1.4), running_footer="Pag. {page} di {pages}"),
        RelazioneArrangement(budget="code_columns", budget_order=(2, 0, 1, 3, 4), areas="label",
                             entity="numbered", individual="rows", health="columns", composition="combined",
                             sections_on_new_page=False, break_after_health_header=True),
        "portrait, MONOSPACED font (a word space 0.6 of the text height, wider than a proportional font's "
        "column gap); no rules; budget columns in another order (a holdout rendition until session 8)")
    add("relazione-s-reportlab-two-column-hrules", "reportlab",
        Style(landscape=True, font="Liberation Sans Narrow", body_size=9, table_size=7.5, ruling="horizontal",
              repeat_header=True, columns=2, running_header="Relazione sulla performance 2016",
              running_footer="{page}"),
        RelazioneArrangement(budget="group_row", areas="columns", entity="columns", individual="merged_objective",
                             health="transposed", composition="separate"),
        "landscape, narrow sans, TWO TEXT COLUMNS whose lines are offset; horizontal rules reaching into the "
        "gutter; individual objectives merged down their indicators (a holdout rendition until session 8)")
    add("relazione-t-weasyprint-ruled-header-narrow", "weasyprint",
        Style(font="Liberation Sans Narrow", body_size=9.5, table_size=8, ruling="header", repeat_header=False,
              running_footer="{page}"),
        RelazioneArrangement(budget="per_objective", areas="columns", entity="columns",
                             individual="merged_objective", health="ascending", composition="separate",
                             break_after_health_header=True),
        "portrait, narrow sans; rules around the header rows only; one budget table per "
        "objective, a header row cut by a page break (its first lines at the foot, the taller cells' at the "
        "next head); the financial header alone at a page foot as one line (a holdout rendition until session 9)")
    add("relazione-v-reportlab-grid-mono", "reportlab",
        Style(font="Liberation Mono", body_size=8.5, table_size=7, ruling="grid", repeat_header=True,
              running_header="Relazione 2016 - CCIAA"),
        RelazioneArrangement(budget="first_row", areas="columns", entity="columns", individual="inline",
                             health="columns", composition="separate"),
        "portrait, MONOSPACED font, full grid; rows split under a repeated header printed in the same ruled band "
        "as the split row's rest (a holdout rendition until session 9)")
    add("relazione-w-weasyprint-ruled-header-condensed", "weasyprint",
        Style(font="DejaVu Sans Condensed", body_size=9, table_size=7.5, ruling="header", repeat_header=True,
              running_header="Relazione sulla performance", running_footer="{page}"),
        RelazioneArrangement(budget="per_objective", areas="columns", entity="columns",
                             individual="merged_objective", health="ascending", composition="separate",
                             break_after_health_header=True),
        "portrait, condensed sans; rules around the header only, repeated; the rest of an objective at a page "
        "head under the header leaves the objective's column blank; an overall result centred across the "
        "table (a holdout rendition until session 10)")
    add("relazione-z-weasyprint-grid-inline-whole-rows", "weasyprint",
        Style(font="DejaVu Serif Condensed", body_size=9.5, table_size=8, ruling="grid", repeat_header=False,
              split_rows=False, label_shading="#eef0e4", running_footer="Pagina {page} di {pages}"),
        RelazioneArrangement(budget="per_objective", areas="label", entity="numbered", individual="inline",
                             health="transposed", composition="combined"),
        "portrait, condensed serif, full grid, rows kept whole; a budget table per objective, a header row "
        "alone at a page foot and its first project at the next head, a totals row ending a page and the "
        "grand total's own header opening the next; individual objectives inline under a '% RAGGIUNGIMENTO' "
        "wider than its column, its last letters past the table's right rule (a holdout rendition until "
        "session 11)")
    return out


@dataclass(frozen=True)
class Derived:
    """A document made from a rendition: an image-only scan or a copy with its last third of pages removed."""
    name: str
    source: str
    scan: ScanSettings | None = None           # None: the last third of the pages removed

    def build(self, folder: Path) -> None:
        source, target = folder / f"{self.source}.pdf", folder / f"{self.name}.pdf"
        if self.scan is not None:
            scan(source, target, self.scan)
        else:
            pages = len(pypdfium2.PdfDocument(str(source)))
            drop_last_pages(source, target, keep=pages - pages // 3)

    def describe(self, pdf: Path) -> str:
        pages = len(pypdfium2.PdfDocument(str(pdf)))
        if self.scan is None:
            source_pages = len(pypdfium2.PdfDocument(str(pdf.with_name(f"{self.source}.pdf"))))
            what = (f"`{self.source}.pdf` with its last {source_pages - pages} of {source_pages} pages removed "
                    "(completeness tests: must end `partial`)")
            return f"| `{pdf.name}` | pypdf | as its source | as its source | {what} | {pages} |"
        st = self.scan
        what = (f"image-only scan of `{self.source}.pdf`: pypdfium2 at {st.dpi} dpi, grey, rotation within "
                f"±{st.max_rotation_deg}°, blur {st.blur_radius} px, paper tone, light gradient, noise σ "
                f"{st.noise_sigma}, specks, JPEG q{st.jpeg_quality}, seed {st.seed}; no text layer")
        return f"| `{pdf.name}` | pypdfium2 + Pillow + img2pdf | as its source | as its source | {what} | {pages} |"


DERIVED = [
    Derived("pira-a-weasyprint-landscape-scan", "pira-a-weasyprint-landscape",
            ScanSettings(dpi=200, blur_radius=1.0, jpeg_quality=22, seed=2019)),
    Derived("relazione-b-reportlab-unruled-scan", "relazione-b-reportlab-unruled",
            ScanSettings(dpi=250, blur_radius=0.8, jpeg_quality=28, seed=2016)),
    Derived("pira-d-weasyprint-transposed-last-third-removed", "pira-d-weasyprint-transposed"),
    Derived("relazione-a-weasyprint-landscape-last-third-removed", "relazione-a-weasyprint-landscape"),
]

def holdout_renditions() -> list[Rendition]:
    """Renditions kept out of the committed set: new combinations of the same options, built on demand
    (``--holdout DIR``) to measure camerale on layouts its parsers were not worked against."""
    pc, rc = pira_content(), relazione_content()
    pira = [
        ("pira-h-reportlab-hrules", "reportlab",
         Style(font="DejaVu Sans Condensed", body_size=9, table_size=8, ruling="horizontal", repeat_header=False,
               running_footer="- {page} -"),
         Arrangement(overview="rows", block_header="table", objective="header_row", indicator="header_row",
                     block_on_new_page=False)),
        ("pira-i-weasyprint-unruled", "weasyprint",
         Style(font="Liberation Serif", body_size=10, table_size=8.5, ruling="none", split_rows=False,
               running_header="Piano degli indicatori 2019"),
         Arrangement(overview="rows", block_header="heading", objective="adjacent", indicator="inline")),
        # Added in session 5, after g-i had become the working set of the session's fixes.
                ("pira-k-docx-hrules", "docx",
         Style(font="Liberation Sans", body_size=10, table_size=8.5, ruling="horizontal", repeat_header=True,
               margins_cm=(2.0, 2.0, 2.0, 2.0), running_header="Camera di Commercio - PIRA"),
         Arrangement(overview="rows", block_header="heading", objective="adjacent", indicator="inline",
                     block_on_new_page=False)),
        ("pira-l-reportlab-landscape-grid", "reportlab",
         Style(landscape=True, font="Liberation Serif", body_size=9, table_size=8, ruling="grid",
               repeat_header=False, running_footer="{page}"),
         Arrangement(overview="rows", block_header="table", objective="inline", indicator="header_row")),
        # Added in session 6, scored first on the code of that session's start (n and o then rebuilt with
        # break_long_words: their cells' words overflowed into each other, unreadable to a person too).
        ("pira-m-docx-landscape-grid-wide", "docx",
         Style(landscape=True, font="Liberation Sans Narrow", body_size=10, table_size=8.5, ruling="grid",
               repeat_header=True, label_shading="#e8e8e8", cell_padding_pt=1.5, running_footer="Pagina {page}"),
         Arrangement(overview="stacked", block_header="table", objective="header_row", indicator="wide")),
        ("pira-n-weasyprint-hrules-large", "weasyprint",
         Style(font="DejaVu Serif", body_size=11, table_size=9.5, ruling="horizontal", repeat_header=False,
               margins_cm=(2.5, 2.0, 2.5, 2.0), running_header="CCIAA - Piano degli indicatori",
               running_footer="{page}/{pages}", break_long_words=True),
         Arrangement(overview="rows", block_header="heading", objective="inline", indicator="wide",
                     block_on_new_page=False)),
        ("pira-o-reportlab-two-column-unruled", "reportlab",
         Style(font="Liberation Serif", body_size=9, table_size=7.5, ruling="none", repeat_header=True,
               columns=2, running_footer="{page}", break_long_words=True),
         Arrangement(overview="rows", block_header="table", objective="header_row", indicator="transposed")),
        # Added in session 7, scored first on that session's code of 02:40 UTC (eb072ac), before its merges.
                ("pira-q-weasyprint-unruled-landscape-condensed", "weasyprint",
         Style(landscape=True, font="DejaVu Sans Condensed", body_size=8.5, table_size=7.5, ruling="none",
               repeat_header=True, running_footer="pagina {page} di {pages}"),
         Arrangement(overview="rows", block_header="table", objective="adjacent", indicator="wide",
                     block_on_new_page=False)),
        ("pira-r-reportlab-grid-inline", "reportlab",
         Style(font="Liberation Sans", body_size=9, table_size=8, ruling="grid", repeat_header=True,
               cell_padding_pt=2.0, running_footer="{page}"),
         Arrangement(overview="stacked", block_header="heading", objective="inline", indicator="inline")),
        # Added in session 8, scored first on the code that session started from (2b45433).
        ("pira-s-docx-unruled-mono", "docx",
         Style(font="Liberation Mono", body_size=9, table_size=7.5, ruling="none", repeat_header=True,
               margins_cm=(1.8, 1.8, 1.8, 1.8), running_footer="- {page} -"),
         Arrangement(overview="rows", block_header="table", objective="header_row", indicator="header_row",
                     block_on_new_page=False)),
        ("pira-t-weasyprint-grid-narrow", "weasyprint",
         Style(font="Liberation Sans Narrow", body_size=10, table_size=9, ruling="grid", repeat_header=False,
               split_rows=False, label_shading="#dde8dd", running_header="CCIAA Lucca - Piano 2019",
               running_footer="{page}"),
         Arrangement(overview="stacked", block_header="table", objective="adjacent", indicator="header_row")),
        ("pira-u-reportlab-landscape-ruled-header", "reportlab",
         Style(landscape=True, font="DejaVu Serif Condensed", body_size=9, table_size=8, ruling="header",
               repeat_header=True, label_shading="#eeeeee", running_header="Piano degli indicatori - Lucca",
               running_footer="pagina {page}"),
         Arrangement(overview="rows", block_header="heading", objective="header_row", indicator="transposed",
                     block_on_new_page=False)),
        # Added in session 9, scored first on the code that session started from (5089653).
        ("pira-v-weasyprint-ruled-header-narrow", "weasyprint",
         Style(font="Liberation Sans Narrow", body_size=9.5, table_size=8, ruling="header", repeat_header=False,
               running_footer="{page}/{pages}"),
         Arrangement(overview="stacked", block_header="heading", objective="inline", indicator="transposed",
                     block_on_new_page=False)),
        ("pira-w-docx-landscape-unruled-serif", "docx",
         Style(landscape=True, font="DejaVu Serif", body_size=9, table_size=8, ruling="none", repeat_header=True,
               label_shading="#eeeeee", running_footer="Pag. {page}"),
         Arrangement(overview="rows", block_header="table", objective="header_row", indicator="wide",
                     block_on_new_page=False)),
        # Added in session 10, scored first on the code that session started from (1485197); y moved to the
        # committed set once read.
        ("pira-z-weasyprint-landscape-hrules-mono", "weasyprint",
         Style(landscape=True, font="DejaVu Sans Mono", body_size=8.5, table_size=7.5, ruling="horizontal",
               repeat_header=True, running_footer="Pagina {page} di {pages}"),
         Arrangement(overview="rows", block_header="table", objective="header_row", indicator="inline",
                     block_on_new_page=False, break_after_resource_header=("012-004-001",))),
        ("pira-aa-reportlab-ruled-header-wide", "reportlab",
         Style(font="Liberation Sans Narrow", body_size=10, table_size=8.5, ruling="header", repeat_header=False,
               cell_padding_pt=2.5, running_footer="- {page} -"),
         Arrangement(overview="stacked", block_header="table", objective="adjacent", indicator="wide",
                     block_on_new_page=False)),
        # Added in session 11, scored first on the code that session started from (6a3719f); ab moved to the
        # committed set, read whole from the start.
        ("pira-ac-reportlab-grid-wide-whole-rows", "reportlab",
         Style(font="DejaVu Serif Condensed", body_size=9, table_size=7.5, ruling="grid", repeat_header=True,
               split_rows=False, label_shading="#e8eef4", running_footer="pag. {page}", break_long_words=True),
         Arrangement(overview="stacked", block_header="table", objective="header_row", indicator="wide")),
    ]
    relazione = [
        ("relazione-n-docx-unruled", "docx",
         Style(font="Liberation Sans", body_size=10, table_size=8.5, ruling="none", repeat_header=True,
               running_footer="{page}"),
         RelazioneArrangement(budget="group_row", areas="columns", entity="numbered", individual="rows",
                              health="ascending", composition="combined")),
        ("relazione-o-weasyprint-landscape-hrules", "weasyprint",
         Style(landscape=True, font="DejaVu Sans", body_size=9, table_size=7.5, ruling="horizontal",
               repeat_header=False, running_footer="{page}"),
         RelazioneArrangement(budget="code_columns", budget_order=(1, 0, 2, 3, 4), areas="label", entity="columns",
                              individual="merged_objective", health="transposed", composition="separate")),
        ("relazione-p-reportlab-ruled-header", "reportlab",
         Style(font="DejaVu Serif", body_size=9.5, table_size=8, ruling="header", repeat_header=True,
               running_header="Relazione sulla performance 2016"),
         RelazioneArrangement(budget="first_row", areas="columns", entity="numbered", individual="inline",
                              health="columns", composition="combined")),
        ("relazione-e-reportlab-unruled", "reportlab",
         Style(font="DejaVu Sans Condensed", body_size=9.5, table_size=8, ruling="none", repeat_header=False,
               running_footer="pag. {page}"),
         RelazioneArrangement(budget="code_columns", areas="columns", entity="columns", individual="inline",
                              health="transposed", composition="combined")),
        ("relazione-g-weasyprint-grid-landscape", "weasyprint",
         Style(landscape=True, font="Liberation Serif", body_size=9, table_size=8, ruling="grid",
               repeat_header=False, margins_cm=(1.5, 1.5, 1.5, 1.5), running_footer="{page}"),
         RelazioneArrangement(budget="first_row", areas="columns", entity="columns", individual="rows",
                              health="transposed", composition="combined")),
                ("relazione-j-reportlab-landscape-hrules", "reportlab",
         Style(landscape=True, font="DejaVu Serif", body_size=9, table_size=8, ruling="horizontal",
               repeat_header=True, running_footer="- {page} -"),
         RelazioneArrangement(budget="first_row", areas="label", entity="columns", individual="inline",
                              health="columns", composition="combined")),
        # Added in session 6, scored first on the code of that session's start.
                ("relazione-l-docx-landscape-hrules", "docx",
         Style(landscape=True, font="DejaVu Serif", body_size=9.5, table_size=8, ruling="horizontal",
               repeat_header=False, label_shading="#eeeeee", running_footer="Pag. {page}"),
         RelazioneArrangement(budget="group_row", budget_order=(0, 1, 3, 2, 4), areas="label", entity="columns",
                              individual="inline", health="columns", composition="separate")),
        ("relazione-m-reportlab-grid-tight", "reportlab",
         Style(font="Liberation Sans", body_size=9, table_size=7.5, ruling="grid", repeat_header=True,
               cell_padding_pt=1.0, margins_cm=(1.5, 1.5, 1.5, 1.5), running_header="CCIAA di Lucca"),
         RelazioneArrangement(budget="per_objective", areas="label", entity="numbered", individual="rows",
                              health="ascending", composition="combined")),
        # Added in session 9, scored first on the code that session started from (5089653).
        ("relazione-u-docx-landscape-unruled-condensed", "docx",
         Style(landscape=True, font="DejaVu Sans Condensed", body_size=9, table_size=7.5, ruling="none",
               repeat_header=True, running_footer="- {page} -"),
         RelazioneArrangement(budget="code_columns", budget_order=(2, 0, 1, 3, 4), areas="label", entity="numbered",
                              individual="rows", health="transposed", composition="combined",
                              sections_on_new_page=False)),
        # Added in session 10, scored first on the code that session started from (1485197); w moved to the
        # committed set once read.
        ("relazione-x-docx-grid-serif", "docx",
         Style(font="Liberation Serif", body_size=10.5, table_size=8.5, ruling="grid", repeat_header=False,
               label_shading="#e6e6e6", margins_cm=(2.5, 2.0, 2.5, 2.0), running_footer="Pag. {page}"),
         RelazioneArrangement(budget="first_row", budget_order=(4, 0, 1, 2, 3), areas="label", entity="numbered",
                              individual="inline", health="transposed", composition="combined")),
        ("relazione-y-reportlab-two-column-hrules", "reportlab",
         Style(font="DejaVu Sans Condensed", body_size=8.5, table_size=7, ruling="horizontal", repeat_header=True,
               columns=2, running_footer="{page}", break_long_words=True),
         RelazioneArrangement(budget="group_row", areas="label", entity="columns", individual="rows",
                              health="columns", composition="combined", sections_on_new_page=False)),
        # Added in session 11, scored first on the code that session started from (6a3719f); z moved to the
        # committed set once read.
        ("relazione-aa-reportlab-ruled-header-merged", "reportlab",
         Style(font="Liberation Serif", body_size=10, table_size=8, ruling="header", repeat_header=True,
               running_header="Camera di Commercio di Lucca - Relazione 2016", running_footer="- {page} -"),
         RelazioneArrangement(budget="per_objective", areas="columns", entity="columns",
                              individual="merged_objective", health="ascending", composition="separate",
                              sections_on_new_page=False)),
    ]
    return ([Rendition(name, "pira", generator, style, pira_blocks(pc, arrangement), PIRA_TITLE, "holdout")
             for name, generator, style, arrangement in pira]
            + [Rendition(name, "relazione", generator, style, relazione_blocks(rc, arrangement), RELAZIONE_TITLE,
                         "holdout") for name, generator, style, arrangement in relazione])

RENDERERS = {}


def renderer(generator: str):
    if generator not in RENDERERS:
        if generator == "weasyprint":
            from render_html import render
        elif generator == "reportlab":
            from render_pdf import render
        else:
            from render_docx import render
        RENDERERS[generator] = render
    return RENDERERS[generator]


RULING = {"grid": "full grid", "horizontal": "horizontal rules only", "none": "no rules",
          "header": "ruled header row, unruled body"}


def catalogue_row(rendition: Rendition, pdf: Path) -> str:
    """One README row: file, generator, page and font, ruling, what varies, pages."""
    st = rendition.style
    with_pages = len(pypdfium2.PdfDocument(pdf))
    page = f"A4 {'landscape' if st.landscape else 'portrait'}, {st.font} {st.body_size:g}/{st.table_size:g} pt"
    extras = [f"header rows {'repeated' if st.repeat_header else 'not repeated'}",
              f"rows {'may split' if st.split_rows else 'kept whole'} across pages"]
    if st.running_header:
        extras.append(f"running header '{st.running_header}'")
    if st.running_footer:
        extras.append(f"footer '{st.running_footer}'")
    return (f"| `{pdf.name}` | {rendition.generator} | {page} | {RULING[st.ruling]} | "
            f"{rendition.description}; {'; '.join(extras)} | {with_pages} |")


def write_catalogue(rows: list[str], readme: Path = HERE / "README.md") -> None:
    """Replace the generated table rows of README.md (between the catalogue markers)."""
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- catalogue -->\n", "<!-- /catalogue -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    readme.write_text(head + start + "\n".join(rows) + "\n" + end + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PDFs (default: this folder)")
    parser.add_argument("--only", nargs="*", help="rendition names to build (default: all)")
    parser.add_argument("--holdout", type=Path, help="build only the holdout renditions, into this folder")
    args = parser.parse_args(argv)
    if args.holdout:
        args.holdout.mkdir(parents=True, exist_ok=True)
        for rendition in holdout_renditions():
            if args.only and rendition.name not in args.only:
                continue
            target = args.holdout / f"{rendition.name}.pdf"
            renderer(rendition.generator)(rendition, target)
            print(f"{target}  {target.stat().st_size / 1e6:.2f} MB")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for rendition in pira_renditions() + relazione_renditions():
        target = args.out / f"{rendition.name}.pdf"
        if not args.only or rendition.name in args.only:
            renderer(rendition.generator)(rendition, target)
            print(f"{target}  {target.stat().st_size / 1e6:.2f} MB")
        if target.exists():
            rows.append(catalogue_row(rendition, target))
    for derived in DERIVED:
        target = args.out / f"{derived.name}.pdf"
        if not args.only or derived.name in args.only or derived.source in args.only:
            derived.build(args.out)
            print(f"{target}  {target.stat().st_size / 1e6:.2f} MB")
        if target.exists():
            rows.append(derived.describe(target))
    if args.out == HERE:
        write_catalogue(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
