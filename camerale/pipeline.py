"""The ingest job: files in, dataset tables out, one document at a time.

Stages per document, each a module of its own and testable alone:
read (extract.inputs) -> describe (detect) -> parse (parse.*) -> to Arrow (store) -> write.
A failure in any stage stops that document only: it is reported as one line and the
batch goes on.  Documents run in parallel on a Dask cluster when ``workers > 1``;
only the driver writes, so no two processes ever touch the same files.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa

from camerale import PARSER_VERSION
from camerale.detect import describe
from camerale.errors import IngestError
from camerale.extract.inputs import INGESTED_SUFFIXES, doc_id_of, read_document
from camerale.extract.settings import OcrSettings
from camerale.model import DocumentInfo, Layout, ParseContext, ParsedDocument
from camerale.parse import pira, relazione, relazione_text
from camerale.parse.tables import table_cells
from camerale.registry import reconcile_registry
from camerale.store import dataset


@dataclass
class Outcome:
    """What happened to one input file."""

    path: str
    status: str                      # "ok", "failed", "skipped"
    reason: str | None = None        # why it failed or was skipped
    doc_id: str | None = None
    info: DocumentInfo | None = None
    input_kind: str | None = None
    n_pages: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Outcome]]:
    """Files to ingest: explicit files as given, folders walked for known suffixes.

    Files met in a folder walk with other suffixes are reported as skipped, so an
    archive's stray spreadsheets never count as failures; a missing path fails.
    """
    files: list[Path] = []
    others: list[Outcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in INGESTED_SUFFIXES:
                    files.append(child)
                else:
                    others.append(Outcome(str(child), "skipped", f"not a report file ({child.suffix or 'no suffix'})"))
        elif path.is_file():
            files.append(path)
        else:
            others.append(Outcome(str(path), "failed", "no such file or folder"))
    return files, others


def _parse(layout: Layout, info: DocumentInfo, context: ParseContext) -> ParsedDocument:
    if info.doc_type == "pira":
        return pira.parse(layout, info, context)
    if layout.input_kind == "text":
        return relazione_text.parse_text(layout, info, context)
    return relazione.parse(layout, info, context)


def _document_row(layout: Layout, info: DocumentInfo, n_warnings: int) -> dict[str, Any]:
    # Mean over OCR'd pages, on the 0-1 scale of the records' ocr_confidence.
    confidence = (sum(layout.page_confidence.values()) / len(layout.page_confidence) / 100
                  if layout.page_confidence else None)
    return {
        "source_path": layout.source_path, "source_name": Path(layout.source_path).name,
        "chamber": info.chamber, "doc_type": info.doc_type, "phase": info.phase,
        "reference_year": info.reference_year, "title": info.title, "n_pages": layout.n_pages,
        "input_kind": layout.input_kind, "parser_version": PARSER_VERSION,
        "ocr_confidence": confidence, "n_warnings": n_warnings,
        "ingested_at": datetime.now(timezone.utc).replace(microsecond=0),
    }


def process_document(path: str | Path, ocr_settings: OcrSettings | None = None,
                     page_workers: int = 1) -> tuple[Outcome, dict[str, pa.Table]]:
    """Read, describe and parse one file into Arrow tables; never raises for bad input."""
    started = time.perf_counter()
    outcome = Outcome(str(path), "failed")
    try:
        layout = read_document(path, page_workers=page_workers, ocr_settings=ocr_settings)
        outcome.doc_id, outcome.input_kind, outcome.n_pages = layout.doc_id, layout.input_kind, layout.n_pages
        info = describe(layout)
        outcome.info = info
        # Only the document's own evidence: the chamber registry is applied after the batch
        # (camerale/registry.py), so that no result depends on what was ingested before.
        parsed = _parse(layout, info, ParseContext())
        warnings = [*layout.warnings, *parsed.warnings]
        records = dict(parsed.tables)
        records["tables"] = table_cells(layout)
        records["normalizations"] = parsed.normalizations
        records["warnings"] = [{"seq": i, "stage": "extract" if i <= len(layout.warnings) else "parse",
                                "message": message}
                               for i, message in enumerate(warnings, 1)]
        records["documents"] = [_document_row(layout, info, len(warnings))]
        tables = {}
        for name, rows in records.items():
            rows = [{**row, "doc_id": layout.doc_id} for row in rows]
            tables[name] = dataset.to_arrow(name, rows)
    except IngestError as exc:
        outcome.reason = str(exc)
        outcome.seconds = time.perf_counter() - started
        return outcome, {}
    except Exception as exc:  # a parser bug must not stop the batch either
        outcome.reason = f"internal error in camerale ({type(exc).__name__}: {exc})"
        outcome.seconds = time.perf_counter() - started
        return outcome, {}
    outcome.status = "ok"
    outcome.warnings = warnings
    outcome.counts = {name: t.num_rows for name, t in tables.items()}
    outcome.seconds = time.perf_counter() - started
    return outcome, tables


def _run_serial(files: list[Path],
                ocr_settings: OcrSettings | None) -> Iterator[tuple[Outcome, dict[str, pa.Table]]]:
    # One document at a time: its pages use every core.
    for path in files:
        yield process_document(path, ocr_settings, page_workers=os.cpu_count() or 1)


def _run_dask(files: list[Path], ocr_settings: OcrSettings | None,
              workers: int, scheduler: str | None) -> Iterator[tuple[Outcome, dict[str, pa.Table]]]:
    from dask.distributed import Client, LocalCluster, as_completed

    # Documents are the unit of parallelism here; pages inside a worker stay on one process.
    ocr_settings = replace(ocr_settings or OcrSettings(), workers=1)
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(process_document, [str(f) for f in files],
                             ocr_settings=ocr_settings, pure=False)
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest(paths: Iterable[str | Path], out: str | Path, *, workers: int = 1, force: bool = False,
           ocr_settings: OcrSettings | None = None, scheduler: str | None = None,
           on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Ingest files and folders into the dataset at ``out``; one Outcome per file.

    Documents already ingested by this parser version are skipped unless ``force``.
    ``scheduler`` is the address of an existing Dask scheduler to run on instead of a
    local cluster.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    dataset.recover(out)
    files, outcomes = discover(paths)
    for outcome in outcomes:
        if on_outcome:
            on_outcome(outcome)

    done = dataset.ingested_versions(out)
    todo: list[Path] = []
    for path in files:
        # Hashing reads the file: only worth it when the dataset already holds documents.
        if not force and done and path.stat().st_size:
            doc_id = doc_id_of(path.read_bytes())
            if done.get(doc_id) == PARSER_VERSION:
                outcome = Outcome(str(path), "skipped", "already ingested (use --force to redo)", doc_id=doc_id)
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
                continue
        todo.append(path)

    run = (_run_dask(todo, ocr_settings, workers, scheduler) if (workers > 1 or scheduler) and todo
           else _run_serial(todo, ocr_settings))
    written: set[str] = set()
    for outcome, tables in run:
        if outcome.status == "ok":
            if outcome.doc_id in written:
                outcome.status, outcome.reason = "skipped", "same content as another file in this batch"
            else:
                dataset.write_document(out, outcome.doc_id, tables)
                written.add(outcome.doc_id)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    if written:
        reconcile_registry(out)  # before the links: they read the reconciled codes
        refresh_links(out)
    return outcomes


def refresh_links(out: Path) -> None:
    """Rebuild objective_links from every document in the dataset."""
    # Here, not at the top: linking reads whole tables through pandas, which document workers never need.
    from camerale.normalize.links import link_objectives

    frames = {name: dataset.read_table(out, name).to_pandas()
              for name in ("objectives", "strategic_objectives", "budget_lines", "documents")}
    links = link_objectives(frames["objectives"], frames["strategic_objectives"],
                            frames["budget_lines"], frames["documents"])
    dataset.write_links(out, dataset.to_arrow(dataset.LINKS_TABLE, links))
