"""Print a rendition as HTML + CSS through WeasyPrint (paged media: @page boxes for the
running header and footer, <thead> repeated on each page when the style asks for it)."""
from __future__ import annotations

import html
from pathlib import Path

from model import Cell, Heading, PageBreak, Paragraph, Rendition, Spacer, Style, Table

CREATED = "2020-04-30T10:00:00+00:00"     # fixed metadata: the same bytes on every run


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _css_string(text: str) -> str:
    """A running header/footer template as a CSS `content` value."""
    parts, rest = [], text
    while rest:
        head, sep, tail = rest.partition("{")
        if head:
            parts.append('"' + head.replace('"', '\\"') + '"')
        if not sep:
            break
        name, _, rest = tail.partition("}")
        parts.append(f"counter({name})")
    return " ".join(parts) or '""'


def _rules(style: Style) -> str:
    thin = "0.5pt solid #222"
    if style.ruling == "grid":
        return f"td, th {{ border: {thin}; }}"
    if style.ruling == "horizontal":
        return (f"table {{ border-top: 1pt solid #000; border-bottom: 1pt solid #000; }}"
                f"td, th {{ border-top: {thin}; border-bottom: {thin}; border-left: none; border-right: none; }}")
    if style.ruling == "header":
        return ("td, th { border: none; } tr.head td, tr.head th { border-top: 0.8pt solid #000;"
                " border-bottom: 0.8pt solid #000; }")
    return "td, th { border: none; }"


def css(style: Style) -> str:
    top, right, bottom, left = style.margins_cm
    boxes = ""
    if style.running_header:
        boxes += f"@top-center {{ content: {_css_string(style.running_header)}; font-size: 8pt; color: #444; }}"
    if style.running_footer:
        boxes += f"@bottom-center {{ content: {_css_string(style.running_footer)}; font-size: 8pt; }}"
    shade = f"td.label {{ background: {style.label_shading}; }}" if style.label_shading else ""
    return f"""
@page {{ size: A4 {'landscape' if style.landscape else 'portrait'};
        margin: {top}cm {right}cm {bottom}cm {left}cm; {boxes} }}
@page :first {{ @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}
body {{ font-family: "{style.font}"; font-size: {style.body_size}pt; line-height: 1.25; }}
h1 {{ font-size: {style.body_size * 1.5}pt; }} h2 {{ font-size: {style.body_size * 1.25}pt; margin: 0.3em 0; }}
h3 {{ font-size: {style.body_size * 1.1}pt; margin: 0.3em 0; }}
p {{ margin: 0 0 0.45em 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; font-size: {style.table_size}pt; }}
td, th {{ padding: {style.cell_padding_pt}pt; vertical-align: top; text-align: left; font-weight: normal;
         {'overflow-wrap: anywhere;' if style.break_long_words else ''} }}
td p, th p {{ margin: 0 0 0.2em 0; }}
tr {{ break-inside: {'auto' if style.split_rows else 'avoid'}; }}
td.label, th {{ font-weight: bold; }}
.b {{ font-weight: bold; }} .r {{ text-align: right; }} .c {{ text-align: center; }}
.pb {{ break-before: page; }}
{shade}
{_rules(style)}
"""


def _cell(cell: Cell, tag: str) -> str:
    classes = [c for c, on in (("label", cell.label), ("b", cell.bold), ("r", cell.align == "right"),
                                ("c", cell.align == "center")) if on]
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    paragraphs = cell.paragraphs
    body = _esc(paragraphs[0]) if len(paragraphs) == 1 else "".join(f"<p>{_esc(p)}</p>" for p in paragraphs)
    return f"<{tag}{attrs}>{body}</{tag}>"


def _table(table: Table, style: Style) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in table.widths)
    size = f' style="font-size:{style.table_size * table.font_scale:.2f}pt' + \
        ('; break-inside: avoid"' if table.keep_together else '"')
    head_rows, body_rows = table.rows[:table.header_rows], table.rows[table.header_rows:]
    head = "".join('<tr class="head">' + "".join(_cell(c, "th") for c in row) + "</tr>" for row in head_rows)
    forced = None if table.break_before_row is None else table.break_before_row - table.header_rows
    body = "".join(("<tr style=\"break-before: page\">" if n == forced else "<tr>") +
                   "".join(_cell(c, "td") for c in row) + "</tr>" for n, row in enumerate(body_rows))
    if head and style.repeat_header:
        return f"<table{size}><colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody></table>"
    return f"<table{size}><colgroup>{cols}</colgroup><tbody>{head}{body}</tbody></table>"


def to_html(rendition: Rendition) -> str:
    style, parts, pending_break = rendition.style, [], False
    for block in rendition.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        cls = ' class="pb"' if pending_break else ""
        pending_break = False
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}{cls}>{_esc(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            st = f"text-align:{block.align};" + (f"font-size:{style.body_size * block.size_scale:.1f}pt;"
                                                 if block.size_scale != 1 else "")
            st += "font-weight:bold;" if block.bold else ""
            parts.append(f'<p{cls} style="{st}">{_esc(block.text)}</p>')
        elif isinstance(block, Spacer):
            parts.append(f'<div{cls} style="height:{block.height_pt}pt"></div>')
        elif isinstance(block, Table):
            parts.append(f"<div{cls}>{_table(block, style)}</div>")
    return (f'<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>{_esc(rendition.title)}</title>'
            f'<meta name="dcterms.created" content="{CREATED}"><meta name="dcterms.modified" content="{CREATED}">'
            f'<meta name="generator" content="camerale make_renditions"><style>{css(style)}</style></head>'
            f'<body>{"".join(parts)}</body></html>')


def render(rendition: Rendition, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=to_html(rendition)).write_pdf(out, pdf_identifier=rendition.name.encode(), uncompressed_pdf=False)
