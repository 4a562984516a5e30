"""Documents for the completeness tests, derived from a rendition: the same PDF with its last
pages removed (a truncated download, a partial upload)."""
from __future__ import annotations

from pathlib import Path


def drop_last_pages(source: Path, out: Path, keep: int) -> None:
    """Copy `source` keeping only its first `keep` pages (fixed metadata and document id)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(source)
    writer = PdfWriter()
    for page in reader.pages[:keep]:
        writer.add_page(page)
    writer.metadata = {k: v for k, v in (reader.metadata or {}).items()}
    ident = ByteStringObject(out.stem.encode().ljust(16, b"-")[:16])
    writer._ID = ArrayObject([ident, ident])
    with open(out, "wb") as fh:
        writer.write(fh)
