"""How extraction behaves: plain settings, importable without the libraries that do the work.

Settings travel to every process (Dask workers, page pools) and are built by the command
line before any document is read, so this module imports nothing heavy: the OCR stack
(Tesseract, OpenCV) loads only when a page needs OCR.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity: a container or ``taskset`` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are rendered and read."""

    dpi: int = 300
    # Page segmentation of the mosaic of cells: 4 (one column of text of varying sizes) gave the
    # fewest character errors on the Lucca scan (bench/ocr_quality.py).
    psm: int = 4
    lang: str = "ita"
    workers: int = field(default_factory=available_cores)
    # Tesseract threads per process (OMP_THREAD_LIMIT); None leaves Tesseract's default threading.
    tesseract_threads: int | None = 1
    # Characters Tesseract may not output: these reports never print '|', and Tesseract reads
    # a capital I that opens a sentence as one.
    blacklist: str = "|"
    # A short cell where Tesseract is less sure than this (its least confident word) is read
    # again on its own; the more confident reading wins.
    reread_below: float = 80.0


# Readers of a born-digital page's objects (``extract.pdf.PAGE_SOURCES``).
PDF_SOURCES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class PdfSettings:
    """How born-digital pages are read."""

    # What gives the table reader a page's characters and ruling lines: "pdfium" (C++, several
    # times faster; a page it cannot give exactly as pdfplumber would goes to pdfplumber) or
    # "pdfplumber" (pdfminer, the reference).  bench/pdfium_equality.py compares the two.
    source: str = "pdfium"

    def __post_init__(self) -> None:
        if self.source not in PDF_SOURCES:
            raise ValueError(f"unknown PDF source {self.source!r} (one of {', '.join(PDF_SOURCES)})")
