"""Which extractor reads a file: decided from its bytes, checked before any parsing.

A file's name is only a hint.  Content decides: a PDF starts with ``%PDF-``; converter
text decodes as text.  Everything else is refused with a reason a person can act on.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from camerale.errors import LimitExceeded, UnsupportedInput
from camerale.extract.settings import OcrSettings, PdfSettings
from camerale.extract.text import UTF16_BOMS, extract_text
from camerale.model import Layout

# Suffixes picked up when a folder is walked; files named explicitly are always tried.
INGESTED_SUFFIXES = frozenset({".pdf", ".txt", ".text", ".md", ".html", ".htm"})

# Where a PDF header may start: some producers put junk bytes before it.
_PDF_HEADER_WINDOW = 1024

_MAGIC = {
    b"PK\x03\x04": "a ZIP/Office document",
    b"\xd0\xcf\x11\xe0": "a legacy Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"{\\rtf": "an RTF document",
}


def doc_id_of(data: bytes) -> str:
    """The document's identity: sha256 of its bytes, so renamed copies are one document."""
    return hashlib.sha256(data).hexdigest()


def _looks_like_text(data: bytes) -> bool:
    if data.startswith(UTF16_BOMS):  # Windows converters write UTF-16 with a byte-order mark
        return True
    if b"\x00" in data[:8192]:
        return False
    try:
        data[:65536].decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample window is still text.
        if exc.start >= 65536 - 4:
            return True
    sample = data[:8192].decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in sample)
    return printable / max(len(sample), 1) > 0.95


def _check_pdf(path: Path, data: bytes) -> int:
    """Number of pages of a PDF that pdfium can open; raises UnsupportedInput otherwise."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise UnsupportedInput("encrypted PDF: a password is required to open it") from exc
        raise UnsupportedInput(f"corrupt or truncated PDF ({exc})") from exc
    try:
        n_pages = len(pdf)
    finally:
        pdf.close()
    if n_pages == 0:
        raise UnsupportedInput("PDF has no pages")
    return n_pages


def read_document(path: str | Path, *, page_workers: int = 1, ocr_settings: OcrSettings | None = None,
                  max_pages: int | None = None, source: str | None = None,
                  pdf_settings: PdfSettings | None = None) -> Layout:
    """Extract a file into a Layout, choosing the extractor from the file's content.

    The file is read once: its doc_id is the hash of the very bytes that are parsed
    (OCR included), so a file replaced during the run cannot mix two documents.
    ``page_workers`` processes read the pages of a PDF in parallel; a PDF of more than
    ``max_pages`` pages is refused.  ``source`` is the name kept in the dataset
    (default: ``path``).
    """
    path = Path(path)
    source = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnsupportedInput(f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise UnsupportedInput("empty file")
    doc_id = doc_id_of(data)
    # Before the PDF test: a stored (uncompressed) ZIP shows its PDF member's header.
    if data.startswith(b"PK\x03\x04"):
        raise UnsupportedInput("unsupported file type: a ZIP archive or Office document "
                               "(name an archive .zip to ingest its members)")
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        n_pages = _check_pdf(path, data)
        if max_pages is not None and n_pages > max_pages:
            raise LimitExceeded(f"page limit exceeded ({n_pages} pages, limit {max_pages})")
        # Imported here: the driver of a batch imports this module to list and hash files, and never
        # reads a PDF itself (the PDF readers are about 0.2 s of imports, in every command that ingests).
        from camerale.extract.pdf import extract_pdf

        return extract_pdf(source, data, doc_id, workers=page_workers, ocr_settings=ocr_settings, pdf_settings=pdf_settings)
    if path.suffix.lower() == ".pdf":
        raise UnsupportedInput(f"named .pdf but is not a PDF (starts with {data[:12]!r})")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedInput(f"unsupported file type: {what}")
    if _looks_like_text(data):
        return extract_text(source, data, doc_id)
    raise UnsupportedInput("unsupported file type: binary content that is neither PDF nor text")
