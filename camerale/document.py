"""One document read into records: what a document worker does, away from the dataset.

read (extract.inputs) -> describe (detect) -> parse (the layout family's parser) ->
records, one list of plain rows per dataset table.  Nothing here imports pyarrow: the
worker hands rows to the driver, which types them (``store.dataset.to_arrow``) and
writes them.  A worker so starts in about half the time and memory (pyarrow brings
numpy and, on its first conversion, pandas), and every ingest starts one.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from camerale import PARSER_VERSION
from camerale.detect import NotAReport, describe, describe_other
from camerale.errors import IngestError
from camerale.extract.inputs import read_document
from camerale.extract.settings import OcrSettings, PdfSettings
from camerale.model import DocumentInfo, Layout, ParseContext, ParsedDocument
from camerale.parse.completeness import with_unplaced
from camerale.parse.families import recognise
from camerale.parse.tables import table_cells

# A document's rows, per dataset table, each with its doc_id: what a worker sends back.
Records = dict[str, list[dict[str, Any]]]


@dataclass
class Outcome:
    """What happened to one input file."""

    path: str                        # as the batch names it (an archive member: ARCHIVE!MEMBER)
    status: str                      # "ok", "partial", "failed", "skipped"
    reason: str | None = None        # why it failed or was skipped
    doc_id: str | None = None
    info: DocumentInfo | None = None
    input_kind: str | None = None
    n_pages: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    size: int | None = None          # bytes of the file
    layout: str | None = None        # the layout family that read the document
    completeness: float | None = None


@dataclass
class _Reading:
    parsed: ParsedDocument
    layout: str | None
    completeness: float
    gaps: list[str]
    report: bool = True    # False for a PDF that is no report: only its tables are kept, nothing is declared


def _parse(layout: Layout, info: DocumentInfo, context: ParseContext) -> _Reading:
    """Records of the document, read by the layout family its labels belong to.

    A document whose family is not recognised gives no records and completeness 0: its
    cells still reach the ``tables`` dataset, and it is never reported ``ok``.
    """
    recognition = recognise([c.text for row in layout.rows for c in row.filled], info.doc_type)
    family = recognition.family
    if family is None:
        return _Reading(ParsedDocument(info=info), None, 0.0,
                        [f"layout not recognised ({recognition.describe()}): nothing read"])
    parsed = family.parse_function(layout.input_kind)(layout, info, context, family)
    completeness = with_unplaced(family.completeness_function()(parsed.tables), parsed.tables, parsed.unplaced)
    return _Reading(parsed, family.name, completeness.figure, completeness.gaps)


def _status(reading: _Reading) -> str:
    recognised = reading.layout is not None or not reading.report
    return "ok" if recognised and reading.completeness >= 1.0 else "partial"


def _document_row(layout: Layout, info: DocumentInfo, n_warnings: int, reading: _Reading) -> dict[str, Any]:
    # Mean over OCR'd pages, on the 0-1 scale of the records' ocr_confidence.
    confidence = (sum(layout.page_confidence.values()) / len(layout.page_confidence) / 100
                  if layout.page_confidence else None)
    return {
        "source_path": layout.source_path, "source_name": Path(layout.source_path).name,
        "chamber": info.chamber, "doc_type": info.doc_type, "phase": info.phase,
        "reference_year": info.reference_year, "title": info.title, "n_pages": layout.n_pages,
        "input_kind": layout.input_kind, "parser_version": PARSER_VERSION,
        "ocr_confidence": confidence, "n_warnings": n_warnings,
        "layout": reading.layout, "status": _status(reading), "completeness": round(reading.completeness, 4),
        "ingested_at": datetime.now(timezone.utc).replace(microsecond=0),
    }


def process_document(path: str | Path, ocr_settings: OcrSettings | None = None,
                     page_workers: int = 1, *, max_pages: int | None = None,
                     display: str | None = None,
                     pdf_settings: PdfSettings | None = None) -> tuple[Outcome, Records]:
    """Read, describe and parse one file into its records; never raises for bad input.

    ``display`` is the name the file keeps in the dataset (default: ``path``).  Runs in
    a sandbox worker (``camerale.sandbox``) during ``ingest``; MemoryError is left to it.
    """
    started = time.perf_counter()
    display = display or str(path)
    outcome = Outcome(display, "failed")
    try:
        layout = read_document(path, page_workers=page_workers, ocr_settings=ocr_settings,
                               max_pages=max_pages, source=display, pdf_settings=pdf_settings)
        outcome.doc_id, outcome.input_kind, outcome.n_pages = layout.doc_id, layout.input_kind, layout.n_pages
        try:
            info = describe(layout)
        except NotAReport as exc:
            if layout.input_kind == "text":
                raise
            # Any readable PDF is ingested: its tables are kept even when no report parser applies.
            info = describe_other(layout)
            reading = _Reading(ParsedDocument(info=info, warnings=[
                f"{exc}: no report parser applies, only its tables are kept"]), None, 1.0, [], report=False)
        else:
            # Only the document's own evidence: the chamber registry is applied after the batch
            # (camerale/registry.py), so that no result depends on what was ingested before.
            reading = _parse(layout, info, ParseContext())
        parsed = reading.parsed
        outcome.info = info
        records = {name: [dict(row) for row in rows] for name, rows in parsed.tables.items()}
        records["tables"] = table_cells(layout)
        records["normalizations"] = parsed.normalizations
        gaps = [f"incomplete: {gap}" for gap in reading.gaps]
        warnings = [*layout.warnings, *parsed.warnings, *gaps]
        records["warnings"] = [{"seq": i, "stage": "extract" if i <= len(layout.warnings)
                                else "completeness" if i > len(warnings) - len(gaps) else "parse",
                                "message": message}
                               for i, message in enumerate(warnings, 1)]
        records["documents"] = [_document_row(layout, info, len(warnings), reading)]
        for rows in records.values():
            for row in rows:
                row["doc_id"] = layout.doc_id
    except IngestError as exc:
        outcome.reason = str(exc)
        outcome.seconds = time.perf_counter() - started
        return outcome, {}
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file or a parser bug must not stop the batch either
        outcome.reason = failure_reason(exc)
        outcome.seconds = time.perf_counter() - started
        return outcome, {}
    outcome.status = _status(reading)
    outcome.layout, outcome.completeness = reading.layout, reading.completeness
    outcome.warnings = warnings
    outcome.counts = {name: len(rows) for name, rows in records.items()}
    outcome.seconds = time.perf_counter() - started
    return outcome, records


# Libraries whose exceptions mean the file is damaged (pdfium already opened it): not camerale's bug.
_PDF_LIBRARIES = frozenset({"pdfminer", "pdfplumber", "pypdfium2"})


def failure_reason(exc: Exception) -> str:
    """One line saying why an exception that is not an IngestError failed a document."""
    library = type(exc).__module__.split(".")[0]
    if library in _PDF_LIBRARIES:
        return f"damaged PDF ({library}: {exc})"
    return f"internal error in camerale ({type(exc).__name__}: {exc})"


