"""Documents derived from a rendition (the same PDF with its last pages removed: a truncated
download, a partial upload) and the fixed identity every generated PDF gets."""
from __future__ import annotations

from pathlib import Path

from render_html import CREATED


def stamp(pdf: Path, title: str | None = None) -> None:
    """Rewrite `pdf` with a fixed document id and fixed dates: LibreOffice and img2pdf stamp the time of
    the run (or a random id), and the committed files must come out byte for byte the same."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(pdf)
    writer = PdfWriter(clone_from=reader)
    when = "D:" + CREATED[:19].replace("-", "").replace(":", "").replace("T", "") + "Z"
    info = {k: v for k, v in (reader.metadata or {}).items() if k not in ("/CreationDate", "/ModDate")}
    if title:
        info["/Title"] = title
    writer.metadata = {**info, "/CreationDate": when, "/ModDate": when}
    ident = ByteStringObject(pdf.stem.encode().ljust(16, b"-")[:16])
    writer._ID = ArrayObject([ident, ident])
    with open(pdf, "wb") as fh:
        writer.write(fh)


def drop_last_pages(source: Path, out: Path, keep: int) -> None:
    """Copy `source` keeping only its first `keep` pages."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    writer = PdfWriter()
    for page in reader.pages[:keep]:
        writer.add_page(page)
    writer.metadata = dict(reader.metadata or {})
    with open(out, "wb") as fh:
        writer.write(fh)
    stamp(out)
