"""Print a rendition as a Word document (python-docx) and export it to PDF with LibreOffice
(`soffice --headless --convert-to pdf`), as many chambers do.  Word's table properties carry
the variation: borders per table, header rows marked to repeat, rows allowed to split."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from derive import stamp
from model import Cell, Heading, PageBreak, Paragraph, Rendition, Spacer, Style, Table
from render_html import CREATED


def _borders(table, style: Style, header_rows: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def edge(parent, name: str, size: int) -> None:
        el = OxmlElement(f"w:{name}")
        el.set(qn("w:val"), "single" if size else "nil")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        parent.append(el)

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    inner = {"grid": 4, "horizontal": 4}.get(style.ruling, 0)
    for name in ("top", "left", "bottom", "right", "insideH", "insideV"):
        vertical = name in ("left", "right", "insideV")
        edge(borders, name, 0 if (vertical and style.ruling != "grid") else inner)
    tbl_pr.append(borders)
    if style.ruling == "header" and header_rows:
        for row in table.rows[:header_rows]:
            for cell in row.cells:
                tc_pr = cell._tc.get_or_add_tcPr()
                cb = OxmlElement("w:tcBorders")
                edge(cb, "top", 8)
                edge(cb, "bottom", 8)
                tc_pr.append(cb)


def _row_flags(row, header: bool, repeat: bool, split: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if header and repeat:
        tr_pr.append(OxmlElement("w:tblHeader"))
    if not split:
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shd)


def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def build_docx(rendition: Rendition, path: Path) -> None:
    import datetime

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    style = rendition.style
    doc = Document()
    when = datetime.datetime.fromisoformat(CREATED)
    doc.core_properties.created = doc.core_properties.modified = when
    doc.core_properties.title, doc.core_properties.author = rendition.title, "Camera di Commercio di Lucca"
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = style.font, Pt(style.body_size)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.name = style.font
    section = doc.sections[0]
    if style.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, right, bottom, left = style.margins_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.different_first_page_header_footer = True
    if style.running_header:
        section.header.paragraphs[0].text = style.running_header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if style.running_footer:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _, after = style.running_footer.partition("{page}")
        p.add_run(before)
        _page_field(p)
        p.add_run(after)
    width_cm = (29.7 if style.landscape else 21.0) - left - right
    align = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
             "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
    pending_break = False

    def fill(cell, c: Cell, size: float) -> None:
        for n, text in enumerate(c.paragraphs):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            p.alignment = align[c.align]
            p.paragraph_format.space_after = Pt(1)
            run = p.add_run(text)
            run.font.size, run.bold = Pt(size), c.bold or c.label

    for block in rendition.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        if isinstance(block, Heading):
            p = doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            p = doc.add_paragraph()
            run = p.add_run(block.text)
            run.bold = block.bold
            run.font.size = Pt(style.body_size * block.size_scale)
            p.alignment = align[block.align]
        elif isinstance(block, Spacer):
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = Pt(max(block.height_pt, 1))
        else:
            size = style.table_size * block.font_scale
            ncols = sum(c.colspan for c in block.rows[0])
            if pending_break:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                pending_break = False
            table = doc.add_table(rows=len(block.rows), cols=ncols)
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            table.autofit = False
            total = sum(block.widths)
            for col, w in zip(table.columns, block.widths):
                col.width = Cm(width_cm * w / total)          # the grid LibreOffice lays out
                for cell in col.cells:
                    cell.width = Cm(width_cm * w / total)
            taken: set[tuple[int, int]] = set()
            for r, row in enumerate(block.rows):
                _row_flags(table.rows[r], r < block.header_rows, style.repeat_header, style.split_rows)
                c = 0
                for cell in row:
                    while (r, c) in taken:
                        c += 1
                    target = table.cell(r, c)
                    if cell.colspan > 1 or cell.rowspan > 1:
                        target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            taken.add((r + dr, c + dc))
                    fill(target, cell, size)
                    if cell.label and style.label_shading:
                        _shade(target, style.label_shading)
                    c += cell.colspan
            _borders(table, style, block.header_rows)
            continue
        if pending_break:
            p.paragraph_format.page_break_before = True
            pending_break = False
    doc.save(path)


def render(rendition: Rendition, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed for DOCX renditions: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{rendition.name}.docx"
        build_docx(rendition, docx)
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=600)
        shutil.move(str(Path(tmp) / f"{rendition.name}.pdf"), out)
    stamp(out, rendition.title)
