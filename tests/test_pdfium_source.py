"""The pdfium source gives the table reader what pdfplumber gives it (extract/pdfium_objects.py).

Reference: pdfplumber's own objects of the same page (``from_pdfplumber``).  Words must be the
same text with boxes within 0.01 pt (pdfium keeps 32-bit coordinates), and the page text the
same.  ReportLab sets its fonts with fractional widths, which pdfium rounds and accumulates
along each text object: those glyphs are put back where pdfminer puts them.
"""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from archive_helpers import minimal_pdf
from camerale.extract.page_objects import Char, PageObjects, from_objects, from_pdfplumber
from camerale.extract.pdfium_objects import NotMirrored, PdfiumSource
from fixtures import RELAZIONE_PDF

RENDITIONS = Path(__file__).resolve().parent.parent / "samples" / "renditions"


@pytest.mark.parametrize("path, pages", [
    (RELAZIONE_PDF, [0, 3]),
    # ReportLab: Liberation fonts with fractional widths, a title of 20 pt and tables of 8 pt
    (RENDITIONS / "relazione-b-reportlab-unruled.pdf", [0, 3]),
    (RENDITIONS / "pira-f-reportlab-two-column.pdf", [2]),
], ids=lambda v: Path(v).name if isinstance(v, Path) else "")
def test_words_and_text_are_pdfplumber_s(path: Path, pages: list[int]) -> None:
    source = PdfiumSource(Path(path).read_bytes())
    try:
        with pdfplumber.open(path) as pdf:
            for index in pages:
                doctop = sum(float(p.height) for p in pdf.pages[:index])
                ours, theirs = source.page_objects(index, doctop), from_pdfplumber(pdf.pages[index])
                assert [w["text"] for w in ours.words] == [w["text"] for w in theirs.words]
                for a, b in zip(ours.words, theirs.words):
                    assert all(abs(a[k] - b[k]) <= 0.01 for k in ("x0", "x1", "top", "bottom")), (a, b)
                assert ours.text == theirs.text
    finally:
        source.close()


@pytest.mark.parametrize("path, pages", [
    (RELAZIONE_PDF, [0, 3]),
    (RENDITIONS / "pira-d-weasyprint-transposed.pdf", [1]),
], ids=lambda v: Path(v).name if isinstance(v, Path) else "")
def test_the_reference_is_pdfplumber_s_own_objects(path: Path, pages: list[int]) -> None:
    """``from_pdfplumber`` builds its chars from pdfminer's layout itself (pdfplumber's per-char
    dicts cost a third of a page): they must be the keys of ``page.chars``, value for value."""
    with pdfplumber.open(path) as pdf:
        for index in pages:
            page = pdf.pages[index]
            ours = from_pdfplumber(page)
            assert ours.chars == [{k: c[k] for k in ours.chars[0]} for c in page.chars]
            theirs = from_objects(page.page_number, float(page.width), float(page.height), 0,
                                  ours.chars, page.lines, page.rects, page.curves)
            assert ours.segments == theirs.segments and ours.fills == theirs.fills


# --- hand-built pages: a Type 1 font the PDF only names (pdfium substitutes one), its widths listed ---

_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /CameraleTest /Flags 32 /FontBBox [0 -200 1000 800]"
               b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
# Codes 1-66: 'A' 722, 'B' 667, the space 250, the rest 500.
_WIDTHS = [500] * 31 + [250] + [500] * 32 + [722, 667]


def _font(first: int, widths: list[float], differences: bytes, name: bytes = b"CameraleTest") -> bytes:
    listed = " ".join(str(w) for w in widths).encode()
    return (b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar %d /LastChar %d /Widths [%s]"
            b" /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >>"
            b" /FontDescriptor 5 0 R >>" % (name, first, first + len(widths) - 1, listed, differences))


def _page(content: bytes, *fonts: bytes) -> bytes:
    """One 300 x 300 pt page printing ``content`` with fonts /F1, /F2 ..."""
    named = b" ".join(b"/F%d %d 0 R" % (i, 5 + i) for i in range(1, len(fonts) + 1))
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << " + named
        + b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        _DESCRIPTOR,
        *fonts,
    ])


def _both(pdf: bytes) -> tuple[list[Char], PageObjects]:
    """pdfplumber's chars of the page, and the pdfium source's objects of it (words checked equal)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        chars, theirs = page.chars, from_pdfplumber(page)
    source = PdfiumSource(pdf)
    try:
        ours = source.page_objects(0, 0.0)
    finally:
        source.close()
    assert [w["text"] for w in ours.words] == [w["text"] for w in theirs.words]
    return chars, ours


def _placed(chars: list) -> list[tuple[str, float, float]]:
    return [(c["text"], round(c["x0"], 3), round(c["x1"], 3)) for c in chars]


def test_a_glyph_pdfium_cannot_map_is_pdfminer_s_cid() -> None:
    """Code 2 names a glyph no Unicode is known for: pdfminer prints '(cid:2)', as wide as the font says
    (500/1000 of 10 pt); pdfium gives the code as its Unicode, a control code its page text leaves out."""
    chars, ours = _both(_page(b"BT /F1 10 Tf 100 100 Td (A\\002B) Tj ET", _font(1, _WIDTHS, b"2 /G02")))
    expected = [("A", 100.0, 107.22), ("(cid:2)", 107.22, 112.22), ("B", 112.22, 118.89)]
    assert _placed(chars) == expected
    assert _placed(ours.chars) == expected
    # One font size high, from the descent (200/1000) under the baseline at 100 pt (200 pt from the top).
    assert [v for c in ours.chars for v in (c["top"], c["bottom"])] == pytest.approx([192.0, 202.0] * 3)


def test_fonts_of_one_name_that_read_a_code_apart() -> None:
    """Two fonts of one name: /F1 maps code 31 to glyph f_i (pdfminer reads 'fi', 559 wide), /F2's widths
    start at 32 (pdfminer: '(cid:31)', no width).  pdfium maps it in neither: its width tells the font."""
    f_i = _font(31, [559] + _WIDTHS[31:], b"31 /f_i")
    plain = _font(32, _WIDTHS[31:], b"")
    for name, expected in ((b"F1", ("fi", 107.22, 112.81)), (b"F2", ("(cid:31)", 107.22, 107.22))):
        content = b"BT /F2 10 Tf 100 120 Td (AB) Tj ET BT /" + name + b" 10 Tf 100 100 Td (A\\037B) Tj ET"
        chars, ours = _both(_page(content, f_i, plain))
        assert _placed(chars)[3] == expected
        assert _placed(ours.chars) == _placed(chars)


def test_a_ligature_in_a_font_of_fractional_widths() -> None:
    """pdfium splits the glyph 'fi' into its letters and rounds the font's widths: one char as wide as
    the ligature (5.565 pt), and every glyph after it where pdfminer puts it."""
    widths = [556.5] + [500.25] * 63 + [722.4, 667.7]
    content = b"BT /F1 10 Tf 100 100 Td (AB\\001AB\\001\\001B) Tj ET"
    chars, ours = _both(_page(content, _font(1, widths, b"1 /fi")))
    edges = [100.0, 107.224, 113.901, 119.466, 126.69, 133.367, 138.932, 144.497, 151.174]
    assert _placed(chars) == [(t, x0, x1) for t, x0, x1 in zip("ABﬁABﬁﬁB", edges, edges[1:])]
    # The ligature's char is its letters, as pdfplumber's words give it.
    assert _placed(ours.chars) == [(t, x0, x1) for t, x0, x1 in zip(["A", "B", "fi", "A", "B", "fi", "fi", "B"],
                                                                    edges, edges[1:])]


@pytest.mark.parametrize("content, expected", [
    # A gap in a TJ array: pdfium adds a space of its own, pdfminer has none.
    (b"BT /F1 10 Tf 100 100 Td [(A) -500 (B)] TJ ET", [("A", 100.0, 107.22), ("B", 112.22, 118.89)]),
    # ... and drops the space glyph printed after it, which pdfminer has.
    (b"BT /F1 10 Tf 100 100 Td [(A) -500 ( B)] TJ ET",
     [("A", 100.0, 107.22), (" ", 112.22, 114.72), ("B", 114.72, 121.39)]),
    # Two text objects 2.78 pt apart: pdfium puts a space between them, pdfminer none (one word).
    (b"BT /F1 10 Tf 100 100 Td (A) Tj ET BT /F1 10 Tf 110 100 Td (B) Tj ET",
     [("A", 100.0, 107.22), ("B", 110.0, 116.67)]),
], ids=["gap", "gap-then-space", "objects"])
def test_pdfium_s_own_spaces(content: bytes, expected: list[tuple[str, float, float]]) -> None:
    chars, ours = _both(_page(content, _font(1, _WIDTHS, b"")))
    assert _placed(chars) == expected
    assert _placed(ours.chars) == expected


def test_a_text_object_of_a_space_pdfium_drops() -> None:
    """pdfium drops a text object holding only a space (in another font, 8 pt) and puts its own space
    there: the space is read from that object, as pdfminer reads it."""
    content = (b"BT /F1 10 Tf 100 100 Td (A) Tj ET BT /F1 8 Tf 107.22 100 Td ( ) Tj ET"
               b" BT /F1 10 Tf 110 100 Td (B) Tj ET")
    chars, ours = _both(_page(content, _font(1, _WIDTHS, b"")))
    assert _placed(chars) == [("A", 100.0, 107.22), (" ", 107.22, 109.22), ("B", 110.0, 116.67)]
    assert _placed(ours.chars) == _placed(chars)
    # 8 pt high from the descent (1.6 pt under the baseline, 200 pt from the top)
    assert [ours.chars[1][k] for k in ("top", "bottom")] == pytest.approx([193.6, 201.6])
    assert [w["text"] for w in ours.words] == ["A", "B"]


def test_text_objects_pdfium_reads_out_of_printing_order() -> None:
    """pdfium reads a line's text objects by where they start, pdfminer (and the words' runs) as printed."""
    chars, ours = _both(_page(b"BT /F1 10 Tf 150 100 Td (B) Tj ET BT /F1 10 Tf 100 100 Td (A) Tj ET",
                              _font(1, _WIDTHS, b"")))
    assert _placed(chars) == [("B", 150.0, 156.67), ("A", 100.0, 107.22)]
    assert _placed(ours.chars) == _placed(chars)


def test_a_text_with_actual_text() -> None:
    """pdfium's text page reads an /ActualText in place of the glyphs it spans, pdfminer the glyphs: the
    glyphs are read, as pdfminer reads them."""
    chars, ours = _both(_page(b"/Span << /ActualText (X) >> BDC BT /F1 10 Tf 100 100 Td (AB) Tj ET EMC",
                              _font(1, _WIDTHS, b"")))
    assert _placed(chars) == [("A", 100.0, 107.22), ("B", 107.22, 113.89)]
    assert _placed(ours.chars) == _placed(chars)


def test_a_run_of_space_objects_pdfium_drops() -> None:
    """Two text objects of a space each, side by side: pdfium drops both (and puts one space of its own),
    pdfminer reads both."""
    content = (b"BT /F1 10 Tf 100 100 Td (A) Tj ET BT /F1 10 Tf 107.22 100 Td ( ) Tj ET"
               b" BT /F1 10 Tf 109.72 100 Td ( ) Tj ET BT /F1 10 Tf 115 100 Td (B) Tj ET")
    chars, ours = _both(_page(content, _font(1, _WIDTHS, b"")))
    expected = [("A", 100.0, 107.22), (" ", 107.22, 109.72), (" ", 109.72, 112.22), ("B", 115.0, 121.67)]
    assert _placed(chars) == expected
    assert _placed(ours.chars) == expected


def test_bold_by_overprinting() -> None:
    """'AB' printed twice, 0.3 pt apart: pdfium reads the first only, pdfminer both."""
    content = b"BT /F1 10 Tf 100 100 Td (AB) Tj ET BT /F1 10 Tf 100.3 100 Td (AB) Tj ET"
    chars, ours = _both(_page(content, _font(1, _WIDTHS, b"")))
    expected = [("A", 100.0, 107.22), ("B", 107.22, 113.89), ("A", 100.3, 107.52), ("B", 107.52, 114.19)]
    assert _placed(chars) == expected
    assert _placed(ours.chars) == expected


@pytest.mark.parametrize("content, expected", [
    (b"BT /F1 10 Tf 100 100 Td (A\\002B) Tj ET", ("f", 107.22, 108.72)),
    (b"BT /F1 10 Tf 100 100 Td (A\\001B) Tj ET", ("f", 107.22, 108.22)),
    # with a character spacing of 0.5 pt after each glyph
    (b"BT /F1 10 Tf 100 100 Td 0.5 Tc (A\\002B) Tj ET", ("f", 107.72, 109.22)),
    # the size in the text matrix (1 pt type scaled ten times), and glyphs after it read as before
    (b"BT /F1 1 Tf 10 0 0 10 100 100 Tm (A\\002BA) Tj ET", ("f", 107.22, 108.72)),
], ids=["wide", "narrow", "spaced", "scaled"])
def test_a_glyph_two_codes_print_told_by_the_next_glyph(content: bytes, expected: tuple[str, float, float]) -> None:
    """Codes 1 and 2 both print an 'f', 100 and 150 thousandths wide: pdfium gives the text, and its box
    reaches to the end of the ink, past both.  Where the next glyph starts tells the width."""
    chars, ours = _both(_page(content, _font(1, [100, 150] + _WIDTHS[2:], b"1 /f 2 /f")))
    assert _placed(chars)[1] == expected
    assert _placed(ours.chars) == _placed(chars)


@pytest.mark.parametrize("content, reason", [
    # /F2 is named Helvetica: pdfminer takes its widths from Helvetica's metrics ('A' 667), pdfium
    # from the font dictionary (722).
    (b"BT /F2 10 Tf 100 100 Td (AB) Tj ET", "another width"),
    # The standard Symbol font without /Encoding: pdfium reads code 'c' as its chi, pdfminer as 'c'.
    (b"BT /F3 10 Tf 100 100 Td (c) Tj ET", "another text"),
], ids=["standard-14-widths", "symbol"])
def test_pages_pdfium_reads_otherwise_are_not_mirrored(content: bytes, reason: str) -> None:
    source = PdfiumSource(_page(content, _font(1, _WIDTHS, b""), _font(1, _WIDTHS, b"", b"Helvetica"),
                                b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"))
    try:
        with pytest.raises(NotMirrored, match=reason):
            source.page_objects(0, 0.0)
    finally:
        source.close()
