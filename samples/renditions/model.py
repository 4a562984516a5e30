"""What a rendition is made of, independent of the tool that prints it.

A rendition is a list of blocks (headings, paragraphs, tables, page breaks) plus a
`Style` (page, font, ruling, running header/footer).  The layout modules decide *where*
labels and values go; the renderers (`render_html`, `render_pdf`, `render_docx`) only print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Ruling = Literal["grid", "horizontal", "none", "header"]


@dataclass
class Cell:
    text: str | list[str] = ""          # a list prints one paragraph per item
    colspan: int = 1
    rowspan: int = 1
    label: bool = False                 # a label cell (printed bold or shaded, per style)
    bold: bool = False
    align: Literal["left", "right", "center"] = "left"

    @property
    def paragraphs(self) -> list[str]:
        return list(self.text) if isinstance(self.text, list) else [self.text]


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[float]                 # relative column widths
    header_rows: int = 0                # leading rows that are the table's header
    font_scale: float = 1.0             # relative to the style's table font size
    keep_together: bool = False         # ask the renderer not to break the table
    break_before_row: int | None = None # force a page break before this row (WeasyPrint only)


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    align: Literal["left", "right", "center", "justify"] = "justify"
    size_scale: float = 1.0


@dataclass
class PageBreak:
    pass


@dataclass
class Spacer:
    height_pt: float = 6.0


Block = Union[Heading, Paragraph, Table, PageBreak, Spacer]


@dataclass
class Style:
    """How a rendition is printed; every renderer reads the same fields."""
    landscape: bool = False
    font: str = "DejaVu Sans"           # a fontconfig family installed on the machine
    body_size: float = 10.0
    table_size: float = 8.5
    ruling: Ruling = "grid"
    repeat_header: bool = True
    split_rows: bool = True             # a row may break across pages
    running_header: str | None = None
    running_footer: str | None = None   # "{page}" and "{pages}" are substituted
    margins_cm: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0)   # top, right, bottom, left
    label_shading: str | None = None    # CSS colour of label cells, or None
    cell_padding_pt: float = 3.0
    columns: int = 1                    # text columns per page (ReportLab only)
    # A word wider than its cell is broken between letters, as word processors break it (DOCX always
    # does); otherwise it overflows into the next cell, as HTML and ReportLab tables let it.
    break_long_words: bool = False


@dataclass
class Rendition:
    name: str                           # file stem under samples/renditions/
    report: Literal["pira", "relazione"]
    generator: str                      # "weasyprint", "reportlab", "docx"
    style: Style
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    description: str = ""               # for the README: what varies
