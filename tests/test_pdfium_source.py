"""The pdfium source gives the table reader what pdfplumber gives it (extract/pdfium_objects.py).

Reference: pdfplumber's own objects of the same page (``from_pdfplumber``).  Words must be the
same text with boxes within 0.01 pt (pdfium keeps 32-bit coordinates), and the page text the
same.  ReportLab sets its fonts with fractional widths, which pdfium rounds and accumulates
along each text object: those glyphs are put back where pdfminer puts them.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from camerale.extract.page_objects import from_objects, from_pdfplumber
from camerale.extract.pdfium_objects import PdfiumSource
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
