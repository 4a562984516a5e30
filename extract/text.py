"""Converter text to a Layout: one row per printed line, cells split on tabs.

The converter seeds are what a PDF-to-text converter printed: table rows come out as
tab-separated lines, prose as plain lines.  Nothing is cleaned here (HTML remnants,
mojibake and wrapped lines are the normalizer's business); only the markdown
separator rows some converters print under a table row are dropped, because they
are layout, not content.
"""
from __future__ import annotations

import re

from camerale.model import Cell, Layout, Row

# A markdown table rule: every cell is a run of dashes (optionally with alignment
# colons).  A results row of '---' placeholders always has empty cells around it,
# so it never matches.
_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes) -> tuple[str, list[str]]:
    """The text and a warning when it was not UTF-8."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return data.decode("utf-16", errors="replace"), [f"text input: broken UTF-16 ({exc.reason} at "
                                                             f"byte {exc.start}); replaced"]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    try:
        return data.decode("cp1252"), [f"text input {reason}; decoded as cp1252"]
    except UnicodeDecodeError:
        # latin-1 maps every byte, so it cannot fail: the last resort keeps all text.
        return data.decode("latin-1"), [f"text input {reason}; decoded as latin-1"]


def _is_rule(cells: list[str]) -> bool:
    return len(cells) > 1 and all(_RULE_CELL.match(c) for c in cells)


def extract_text(path: str, data: bytes, doc_id: str) -> Layout:
    """Rows of converter text: a tab-separated line is a table row, any other line prose."""
    text, warnings = _decode(data)
    rows: list[Row] = []
    # Split on '\n' only: str.splitlines() also breaks on form feeds and U+2028,
    # which would shift line numbers away from what `sed -n`/`cat -n` show.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        parts = line.split("\t")
        if _is_rule(parts):
            continue
        cells: list[Cell | None] = [Cell(text=p, line=number) for p in parts]
        rows.append(Row(cells=cells, page=None, table=0 if len(parts) > 1 else None, line=number))
    return Layout(source_path=path, doc_id=doc_id, input_kind="text", n_pages=None,
                  rows=rows, page_texts=[text], warnings=warnings)
