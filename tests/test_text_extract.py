"""Converter text to rows: tabs split cells, blank lines and markdown rules go."""
from __future__ import annotations

from camerale.extract.text import extract_text


def _extract(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return extract_text("sample.txt", data, "d0c")


def test_tab_lines_become_table_rows_with_empty_cells_kept() -> None:
    layout = _extract("Intro line\n\n\tDescrizione\t\tLa Camera\n")
    assert (layout.input_kind, layout.n_pages, layout.doc_id) == ("text", None, "d0c")
    assert [r.texts for r in layout.rows] == [["Intro line"], ["", "Descrizione", "", "La Camera"]]
    prose, table = layout.rows
    assert (prose.table, prose.line, prose.page) == (None, 1, None)
    assert (table.table, table.line) == (0, 3)
    assert [c.line for c in table.cells] == [3, 3, 3, 3]
    assert all(c.bbox is None and c.page is None for c in table.cells)


def test_markdown_rules_are_dropped_but_placeholder_rows_stay() -> None:
    layout = _extract("Indicatore\tX\n------------\t---\t--\n\t\t---\t---\t---\n")
    assert [r.line for r in layout.rows] == [1, 3]
    assert layout.rows[1].texts == ["", "", "---", "---", "---"]


def test_line_numbers_follow_newlines_only() -> None:
    # A form feed or U+2028 inside a line must not shift the numbering.
    layout = _extract("a\x0cb\nc\u2028d\r\ne\n")
    assert [(r.line, r.texts) for r in layout.rows] == [(1, ["a\x0cb"]), (2, ["c\u2028d"]), (3, ["e"])]
    assert layout.page_texts == ["a\x0cb\nc\u2028d\r\ne\n"]


def test_non_utf8_falls_back_with_a_warning() -> None:
    layout = _extract("Centro di responsabilità\t€ 1.000,00\n".encode("cp1252"))
    assert layout.rows[0].texts == ["Centro di responsabilità", "€ 1.000,00"]
    assert len(layout.warnings) == 1 and "cp1252" in layout.warnings[0]
    latin = _extract(b"caf\xe9 \x81\n")  # 0x81 is undefined in cp1252
    assert latin.rows[0].texts == ["café \x81"]
    assert "latin-1" in latin.warnings[0]


def test_utf8_bom_is_not_text() -> None:
    layout = _extract("\ufeffMissione\t011 - Competitività delle imprese\n")
    assert layout.rows[0].texts == ["Missione", "011 - Competitività delle imprese"]
    assert layout.warnings == []


def test_sample_keeps_the_gold_line_numbers() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "samples" / "lucca-pira-consuntivo-2019.txt"
    layout = extract_text(str(path), path.read_bytes(), "x")
    by_line = {r.line: r for r in layout.rows}
    # Gold notes: L58 objective title row; L234 a '-----' separator row that is ignored.
    assert by_line[58].texts[:2] == ["Obiettivo", "Titolo"]
    assert 234 not in by_line and 233 in by_line
    assert by_line[233].texts[0] == "Indicatore"
