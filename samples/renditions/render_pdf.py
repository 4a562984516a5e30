"""Print a rendition with ReportLab's platypus: its own table engine, with rows that may
split inside a cell (`splitInRow`), repeated header rows or not, and a running header and
footer drawn on every page but the first."""
from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from model import Cell, Heading, PageBreak, Paragraph, Rendition, Spacer, Style, Table


def _font_file(family: str, bold: bool) -> str:
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    return subprocess.run(["fc-match", "-f", "%{file}", pattern], check=True, capture_output=True,
                          text=True).stdout.strip()


def _register(family: str) -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = family.replace(" ", ""), family.replace(" ", "") + "-Bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, _font_file(family, False)))
        pdfmetrics.registerFont(TTFont(bold, _font_file(family, True)))
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular, bold


def _grid(rows: list[list[Cell]]) -> tuple[list[list[Cell | None]], list[tuple]]:
    """Rows with colspan/rowspan -> a rectangular grid (None under a span) and SPAN commands."""
    ncols = sum(c.colspan for c in rows[0])
    grid: list[list[Cell | None]] = [[None] * ncols for _ in rows]
    taken = [[False] * ncols for _ in rows]
    spans = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while taken[r][c]:
                c += 1
            grid[r][c] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[r + dr][c + dc] = True
            if cell.colspan > 1 or cell.rowspan > 1:
                spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            c += cell.colspan
    return grid, spans


def render(rendition: Rendition, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus import Spacer as RLSpacer
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    style: Style = rendition.style
    regular, bold = _register(style.font)
    align = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}
    pagesize = landscape(A4) if style.landscape else A4
    top, right, bottom, left = (m * cm for m in style.margins_cm)
    gutter = 0.8 * cm
    width = (pagesize[0] - left - right - gutter * (style.columns - 1)) / style.columns

    def pstyle(size: float, is_bold: bool = False, how: str = "left", lead: float = 1.22) -> ParagraphStyle:
        return ParagraphStyle(f"s{size}{is_bold}{how}", fontName=bold if is_bold else regular, fontSize=size,
                              leading=size * lead, alignment=align[how], spaceAfter=0,
                              splitLongWords=int(style.break_long_words))   # else a word may overflow

    def cell_flowables(cell: Cell, size: float) -> list:
        st = pstyle(size, cell.bold or cell.label, cell.align)
        return [RLParagraph(escape(p), st) for p in cell.paragraphs]

    def table(t: Table) -> RLTable:
        size = style.table_size * t.font_scale
        grid, spans = _grid(t.rows)
        data = [[cell_flowables(c, size) if c is not None else "" for c in row] for row in grid]
        total = sum(t.widths)
        cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), regular, size),
                ("LEFTPADDING", (0, 0), (-1, -1), style.cell_padding_pt),
                ("RIGHTPADDING", (0, 0), (-1, -1), style.cell_padding_pt),
                ("TOPPADDING", (0, 0), (-1, -1), style.cell_padding_pt * 0.7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.cell_padding_pt * 0.7)] + spans
        if style.ruling == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif style.ruling == "horizontal":
            cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black),
                     ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black)]
        elif style.ruling == "header" and t.header_rows:
            cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                     ("LINEBELOW", (0, t.header_rows - 1), (-1, t.header_rows - 1), 0.8, colors.black)]
        if style.label_shading:
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    if cell is not None and cell.label:
                        cmds.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(style.label_shading)))
        return RLTable(data, colWidths=[width * w / total for w in t.widths], style=TableStyle(cmds),
                       repeatRows=t.header_rows if style.repeat_header else 0, splitByRow=1,
                       splitInRow=1 if style.split_rows else 0, hAlign="LEFT")

    story = []
    for block in rendition.blocks:
        if isinstance(block, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(block, Heading):
            size = style.body_size * {1: 1.5, 2: 1.25}.get(block.level, 1.1)
            story += [RLParagraph(escape(block.text), pstyle(size, True)), RLSpacer(1, size * 0.6)]
        elif isinstance(block, Paragraph):
            st = pstyle(style.body_size * block.size_scale, block.bold, block.align, 1.3)
            story += [RLParagraph(escape(block.text), st), RLSpacer(1, style.body_size * 0.45)]
        elif isinstance(block, Spacer):
            story.append(RLSpacer(1, block.height_pt))
        elif isinstance(block, Table):
            story.append(table(block))

    def decorate(canvas, doc) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(regular, 8)
        if style.running_header:
            canvas.drawString(left, pagesize[1] - top + 14, style.running_header)
            canvas.line(left, pagesize[1] - top + 10, pagesize[0] - right, pagesize[1] - top + 10)
        if style.running_footer:
            canvas.drawRightString(pagesize[0] - right, bottom - 20, style.running_footer.format(page=doc.page))
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, title=rendition.title, author="Camera di Commercio di Lucca",
                          creator="camerale make_renditions (ReportLab)", invariant=1)
    frames = [Frame(left + n * (width + gutter), bottom, width, pagesize[1] - top - bottom, id=f"column{n}")
              for n in range(style.columns)]
    doc.addPageTemplates([PageTemplate("page", frames=frames, onPage=decorate)])
    doc.build(story)
