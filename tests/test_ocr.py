"""OCR of the scanned Lucca PIRA: real Tesseract on a real scanned page, grids from real ruling lines.

Expected values are written by hand: the amounts and the printed code from the gold
(objective 011-005/1, gold notes on the '180101' code), the grid shapes and cell boxes
from pdfplumber's reading of the born-digital twin of the same page.
"""
from __future__ import annotations

import os

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from camerale.extract.ocr import OcrSettings, ocr_image, ocr_pages, render_page
from camerale.extract.ocr_tables import deskew, find_tables, ruling_masks, skew_angle

from fixtures import PIRA_PDF, PIRA_SCAN

A4 = (595.44, 841.92)


def _grid(rows: list) -> list[list[bool]]:
    """Which positions of a table hold a cell (True) and which a merged cell covers (False)."""
    return [[cell is not None for cell in row] for row in rows]


@pytest.fixture(scope="module")
def page4() -> object:
    return ocr_pages(PIRA_SCAN.read_bytes(), [4], OcrSettings(workers=1))[4]


@pytest.mark.ocr
def test_first_objective_amounts_and_code(page4) -> None:
    tables: dict[int, list] = {}
    for row in page4.rows:
        if row.table is not None:
            tables.setdefault(row.table, []).append(row)
    assert [(len(t), len(t[0].cells)) for t in tables.values()] == [(2, 2), (7, 8), (6, 8), (4, 8)]
    objective = tables[1]
    # Risorse preventivo / consuntivo 2019: 'oneri correnti' amount in the sixth column.
    assert objective[4].texts[5] == "€ 5.400,00"
    assert objective[5].texts[5] == "€ 813,00"
    assert objective[4].texts[1].split("\n") == ["Risorse", "preventivo 2019"]
    assert "(PROGETTO 180101)" in objective[0].texts[2]
    assert objective[0].texts[2].count("\n") == 2  # the title is printed on three lines
    # 'Obiettivo' is merged down six rows and the title across six columns, as pdfplumber reports.
    assert _grid([r.cells for r in objective]) == [
        [True, True, True, False, False, False, False, False],
        [False, True, True, False, False, False, False, False],
        [False, True, True, False, False, False, False, False],
        [False, True, True, False, False, False, False, False],
        [False, True, True, True, True, True, True, True],
        [False, True, True, True, True, True, True, True],
        [True, False, True, False, False, False, False, False],
    ]
    # Second indicator: '---' targets for 2017 and 2018.
    assert tables[3][3].texts[5:7] == ["---", "---"]


@pytest.mark.ocr
def test_boxes_are_pdf_points_and_confidences_are_word_means(page4) -> None:
    amount = [r for r in page4.rows if r.table == 1][4].cells[5]
    # pdfplumber's box of this cell in the born-digital twin: (356.2, 326.5, 420.6, 348.7).
    for got, expected in zip((amount.bbox.x0, amount.bbox.top, amount.bbox.x1, amount.bbox.bottom),
                             (356.2, 326.5, 420.6, 348.7)):
        assert got == pytest.approx(expected, abs=3.0)
    assert amount.page == 4
    assert 80 <= amount.confidence <= 100
    assert 80 <= page4.confidence <= 100
    assert page4.warnings == []
    for row in page4.rows:
        assert row.page == 4
        for cell in row.cells:
            if cell is None:
                continue
            assert 0 <= cell.bbox.x0 < cell.bbox.x1 <= A4[0] and 0 <= cell.bbox.top < cell.bbox.bottom <= A4[1]
            assert (cell.confidence is None) == (cell.text == "") or cell.text.strip("-") == ""
            if cell.confidence is not None:
                assert 0 <= cell.confidence <= 100
    # Outside the tables the page prints only its number, which Tesseract's layout analysis may
    # drop as a speck; no table text may leak into prose rows.
    prose = [r.texts[0] for r in page4.rows if r.table is None]
    assert [text for text in prose if text != "4"] == []
    assert "Competitività delle imprese" in page4.text


def test_ruling_lines_give_pdfplumbers_grid_on_a_rotated_page() -> None:
    # Page 8 was scanned rotated by about a quarter of a degree, and its tables hold merged cells.
    with pdfium.PdfDocument(str(PIRA_SCAN)) as scan:
        gray = render_page(scan, 8, 300)
    angle = skew_angle(gray, 300)
    assert 0.1 < abs(angle) < 0.3
    straight = deskew(gray, angle)
    assert abs(skew_angle(straight, 300)) < 0.03
    grids = find_tables(*ruling_masks(straight, 300), 300)
    with pdfplumber.open(PIRA_PDF) as pdf:
        expected = [_grid(r.cells for r in t.rows) for t in pdf.pages[7].find_tables()]
    assert [_grid(g.rows) for g in grids] == expected
    assert len(expected) == 5


@pytest.mark.ocr
def test_blank_page_gives_a_warning_and_no_rows() -> None:
    paper = np.full((3508, 2481), 233, np.uint8)
    page = ocr_image(paper, 7)
    assert page.rows == [] and page.text == ""
    assert page.warnings == ["page 7: OCR read no text (blank page?)"]


@pytest.mark.ocr
def test_garbage_page_gives_a_warning_and_no_invented_rows() -> None:
    # Lines of random blobs the size of letters: Tesseract reads something, with low confidence.
    rng = np.random.default_rng(4)
    page = np.full((3508, 2481), 233, np.uint8)
    for baseline in range(300, 3200, 70):
        x = 200
        while x < 2200:
            width, height = int(rng.integers(8, 30)), int(rng.integers(15, 40))
            cv2.rectangle(page, (x, baseline - height), (x + width, baseline), 25, -1 if rng.random() < 0.5 else 3)
            x += width + int(rng.integers(4, 40))
    result = ocr_image(page, 3)
    assert result.rows == [] and result.text == ""
    assert len(result.warnings) == 1 and result.warnings[0].startswith("page 3: OCR confidence ")
    assert result.confidence < 40


@pytest.mark.ocr
def test_pure_noise_reads_as_nothing() -> None:
    rng = np.random.default_rng(4)
    noise = np.where(rng.random((1754, 1240)) < 0.3, 20, 233).astype(np.uint8)
    result = ocr_image(noise, 5, OcrSettings(dpi=150))
    assert result.rows == []
    assert result.warnings == ["page 5: OCR read no text (blank page?)"]


@pytest.mark.ocr
@pytest.mark.parametrize("threads", [1, None])
def test_tesseract_thread_limit_is_restored(monkeypatch: pytest.MonkeyPatch, threads: int | None) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    ocr_image(np.full((600, 400), 233, np.uint8), 1, OcrSettings(tesseract_threads=threads))
    assert "OMP_THREAD_LIMIT" not in os.environ
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")
    ocr_image(np.full((600, 400), 233, np.uint8), 1, OcrSettings(tesseract_threads=threads))
    assert os.environ["OMP_THREAD_LIMIT"] == "2"


@pytest.mark.ocr
def test_only_pages_without_a_text_layer_are_ocrd(tmp_path) -> None:
    """A born-digital report with one page replaced by its scan: only that page goes to Tesseract."""
    from pypdf import PdfReader, PdfWriter

    from camerale.extract.pdf import extract_pdf

    digital, scanned = PdfReader(PIRA_PDF), PdfReader(PIRA_SCAN)
    mixed = PdfWriter()
    for number in range(1, 5):  # pages 1-3 born-digital, page 4 scanned
        mixed.add_page((scanned if number == 4 else digital).pages[number - 1])
    path = tmp_path / "mixed.pdf"
    mixed.write(path)

    layout = extract_pdf(str(path), path.read_bytes(), "mixed", ocr_settings=OcrSettings(workers=1))
    assert layout.input_kind == "ocr"
    assert list(layout.page_confidence) == [4]
    assert layout.warnings == ["page 4: no text layer (0 characters); read by OCR"]
    confident = {c.page for r in layout.rows for c in r.cells if c is not None and c.confidence is not None}
    assert confident == {4}
    page4_text = " ".join(c.text for r in layout.rows for c in r.cells if c is not None and c.page == 4)
    assert "€ 5.400,00" in page4_text and "180101" in page4_text


@pytest.mark.ocr
def test_lone_doubtful_words_of_an_unruled_table_are_read_again() -> None:
    """The areas summary of the unruled Relazione rendition, scanned (page 7): the area numbers stand
    alone in their column, and read among the page's lines Tesseract took the '2' for 'ci'.  Each doubtful
    word set apart by a column gap is read again on its own.  Expected values: the page as printed."""
    from fixtures import SAMPLES

    scan = SAMPLES / "renditions" / "relazione-b-reportlab-unruled-scan.pdf"
    page = ocr_pages(scan.read_bytes(), [7], OcrSettings(workers=1))[7]
    rows = [row.texts for row in page.rows if row.table is not None]
    assert [r[:3] for r in rows if r[0] in ("1", "2", "3")] == [
        ["1", "COMPETITIVITA' DEL TERRITORIO", "86.600,00"],
        ["2", "SERVIZI ALLE IMPRESE", "1.658.300,00"],
        ["3", "COMPETITIVITA' DELL'ENTE", "15.000,00"]]


def test_a_dash_blurred_into_its_letters_is_no_ruling_line() -> None:
    """At 220 dpi a scan's blur joins a dash and the strokes beside it ('005 - Promozione') into a dark
    bar about 6 mm long inside a text line: taken for a rule, it cut the value out of its cell. A bar
    that short is no rule; the table's rule (160 mm) and a narrow column's (10 mm) are."""
    dpi = 220
    gray = np.full((400, 1600), 255, dtype=np.uint8)
    mm = dpi / 25.4
    gray[100:103, 50:50 + int(160 * mm)] = 0          # a table's rule
    gray[200:212, 300:300 + int(6 * mm)] = 0          # a dash blurred into its letters: a band 12 px high
    gray[300:303, 900:900 + int(10 * mm)] = 0         # the bottom rule of a column 10 mm wide
    horizontal, _ = ruling_masks(gray, dpi)
    assert horizontal[101, 60] and horizontal[301, 910]
    assert not horizontal[200:212, 300:300 + int(6 * mm)].any()
