"""Images of the page regions values were printed in, from each document's own source file.

A document's source is opened only when it is still the file that was ingested: the file
named by ``documents.source_path`` must exist and hash to the document's ``doc_id`` (sha256
of its bytes), so a report never shows a page of another file, and no other file is read.
When it is missing or its bytes changed, ``SourcePages.problem`` says so in one line and
every image request returns None: the values are still shown, without their picture.

Pages are rendered with pypdfium2 once each; crops are cut from them around a value's box
(with a little context), the box drawn on, and encoded as small WebP images for ``data:`` URLs
(WebP: about 30% smaller than JPEG at the same legibility, which keeps a report of thousands of
changed cells under 20 MB).
"""
from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path
from typing import Any

from camerale.model import Box

BOX = (200, 0, 0)             # drawn around the value
CONTEXT = (24.0, 10.0)        # points of page shown left/right and above/below a value's box
MAX_CROP = (560.0, 160.0)     # points: a record's box taller or wider than this is cut around its top-left
CROP_SCALE = 1.6              # pixels per point (115 dpi): printed text stays legible
PAGE_SCALE = 1.25             # for whole pages in the document view
WEBP_QUALITY = 60


def source_problem(doc: dict[str, Any]) -> str | None:
    """Why the document's pages cannot be shown, or None when its source is the ingested file."""
    if doc.get("input_kind") == "text":
        return "converter text: no page image (the value's line is given)"
    raw = doc.get("source_path")
    if not raw:
        return "no source path recorded"
    path = Path(raw)
    if not path.is_file():
        return f"source missing: {raw}"
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != doc["doc_id"]:
        return f"source moved or changed: {raw} is not the ingested file (sha256 differs)"
    return None


class SourcePages:
    """The pages of one document's source PDF, rendered on demand and kept per page."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.problem = source_problem(doc)
        self._pdf = None
        self._pages: dict[tuple[int, float], Any] = {}

    def _render(self, page: int, scale: float):
        if (page, scale) not in self._pages:
            import pypdfium2 as pdfium

            try:
                if self._pdf is None:
                    self._pdf = pdfium.PdfDocument(self.doc["source_path"])
                if not 1 <= page <= len(self._pdf):
                    return None
                self._pages = {k: v for k, v in self._pages.items() if k[1] != scale}  # one page per scale in memory
                self._pages[(page, scale)] = self._pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
            except pdfium.PdfiumError as exc:
                self.problem = f"source unreadable: {self.doc['source_path']} ({exc})"
                return None
        return self._pages[(page, scale)]

    def crop(self, page: int | None, box: Box | None) -> tuple[str, int, int] | None:
        """(``data:`` URL, width, height in pixels) of the region around ``box`` on ``page``, the box
        drawn; None if unavailable.  The size lets a page reserve the image's place before decoding it."""
        if self.problem or page is None or box is None:
            return None
        from PIL import ImageDraw

        image = self._render(page, CROP_SCALE)
        if image is None:
            return None
        s = CROP_SCALE
        left = max(box.x0 - CONTEXT[0], 0)
        top = max(box.top - CONTEXT[1], 0)
        right = min(box.x1 + CONTEXT[0], left + MAX_CROP[0], image.width / s)
        bottom = min(box.bottom + CONTEXT[1], top + MAX_CROP[1], image.height / s)
        region = image.crop((int(left * s), int(top * s), int(right * s), int(bottom * s)))
        ImageDraw.Draw(region).rectangle(
            ((box.x0 - left) * s - 2, (box.top - top) * s - 2, (box.x1 - left) * s + 2, (box.bottom - top) * s + 2),
            outline=BOX, width=2)
        return _data_url(region), region.width, region.height

    def page(self, page: int) -> tuple[str, int, int] | None:
        """(``data:`` URL, width, height in points) of a whole page; None if unavailable."""
        if self.problem:
            return None
        image = self._render(page, PAGE_SCALE)
        if image is None:
            return None
        return _data_url(image), round(image.width / PAGE_SCALE), round(image.height / PAGE_SCALE)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        self._pages.clear()


def _data_url(image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
