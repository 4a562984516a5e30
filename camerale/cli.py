"""The ``camerale`` command."""
from __future__ import annotations

import dataclasses
import math
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from camerale.errors import DatasetError, ExitCode, fault_line, one_line, worst

# Commands import the pipeline (pyarrow, pdfplumber, ...) when they run: `camerale --help`
# and a mistyped option answer at once, and nothing loads what a command does not use.
if TYPE_CHECKING:
    from camerale.document import Outcome

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Italian chambers of commerce reports (PIRA, Relazione sulla performance) to Parquet.")
# soft_wrap: one document, one line, whatever the terminal width (scripts grep these lines).
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

BUNDLED_SAMPLES = Path(__file__).resolve().parent.parent / "samples"

_SUMMARY_TABLES = {
    "pira": ("objectives", "indicators", "indicator_values", "resources"),
    "relazione_performance": ("budget_lines", "achievements", "financial_indicators", "composition"),
}


def _describe(outcome: Outcome) -> str:
    name = escape(one_line(Path(outcome.path).name, 1000))
    if outcome.status == "failed":
        return f"[red]FAIL[/red] {escape(one_line(outcome.path, 1000))}: {escape(one_line(outcome.reason or ''))}"
    if outcome.status == "skipped":
        return f"[dim]skip {escape(one_line(outcome.path, 1000))}: {escape(one_line(outcome.reason or ''))}[/dim]"
    info = outcome.info
    what = " ".join(str(p) for p in (info.doc_type or "other", info.chamber, info.phase, info.reference_year) if p)
    counts = " · ".join(f"{t} {outcome.counts.get(t, 0)}" for t in _SUMMARY_TABLES.get(info.doc_type, ("tables",)))
    pages = f", {outcome.n_pages} p" if outcome.n_pages else ""
    where = escape(f"[{outcome.input_kind}{pages}, {outcome.seconds:.1f} s]")
    status = "[green]ok[/green]     " if outcome.status == "ok" else "[yellow]partial[/yellow]"
    # Floored, so that a document short of complete never prints 1.000.
    completeness = math.floor((outcome.completeness or 0) * 1000) / 1000
    layout = escape(f"{outcome.layout or 'layout not recognised'}, completeness {completeness:.3f}")
    line = (f"{status} {name}  {escape(what)}  {where}  {layout}"
            f"  {counts} · warnings {len(outcome.warnings)}")
    for warning in outcome.warnings[:5]:
        line += f"\n       [yellow]warning[/yellow] {escape(warning)}"
    if len(outcome.warnings) > 5:
        line += f"\n       … {len(outcome.warnings) - 5} more in the warnings table"
    return line


def _on_signal(signum: int, frame: object) -> None:
    # SIGTERM ends the run like Ctrl-C: workers are stopped, finished documents kept.
    raise KeyboardInterrupt


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files, folders (walked), zip/tar archives, manifests "
                                                  "(.csv/.parquet with a 'path' column). Default: the files of the bundled samples/."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Dataset folder: one Parquet dataset per table."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Documents in parallel (a local Dask cluster when > 1)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler to use instead."),
    scheduler_timeout: float = typer.Option(30.0, "--scheduler-timeout", help="Seconds to reach --scheduler."),
    force: bool = typer.Option(False, "--force", help="Re-ingest documents already in the dataset."),
    dpi: int = typer.Option(300, "--dpi", help="Rendering resolution for OCR of scanned pages."),
    ocr_workers: int = typer.Option(None, "--ocr-workers", help="Pages OCR'd in parallel (default: all cores)."),
    time_limit: float = typer.Option(600.0, "--time-limit", help="Seconds one document may take."),
    page_limit: int = typer.Option(2000, "--page-limit", help="Pages one PDF may have."),
    memory_limit: float = typer.Option(2.0, "--memory-limit", help="GiB of memory one document may take."),
    lock_wait: float = typer.Option(60.0, "--lock-wait", help="Seconds to wait for another run writing --out (0: fail at once)."),
    archive_members: int = typer.Option(10_000, "--archive-members", help="Members one zip/tar may hold."),
    archive_size: float = typer.Option(20.0, "--archive-size", help="GiB one zip/tar may expand to."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary and the fault lines."),
    verbose: bool = typer.Option(False, "--verbose", help="Library logging on stderr (pdfminer, Dask)."),
    pdf_source: str = typer.Option("pdfium", "--pdf-source",
                                   help="What reads born-digital pages: pdfium (fast) or pdfplumber (the reference)."),
) -> None:
    """Ingest reports into the dataset at --out and print a summary per document."""
    from camerale.extract.settings import PDF_SOURCES, OcrSettings, PdfSettings
    from camerale.pipeline import RunSettings, ingest as run_ingest
    from camerale.progress import IngestProgress
    from camerale.sandbox import GIB, Limits
    from camerale.sources import ArchiveLimits

    if pdf_source not in PDF_SOURCES:
        raise typer.BadParameter(f"one of {', '.join(PDF_SOURCES)}", param_hint="--pdf-source")
    ocr = OcrSettings(dpi=dpi) if ocr_workers is None else OcrSettings(dpi=dpi, workers=ocr_workers)
    settings = RunSettings(
        workers=workers, scheduler=scheduler, scheduler_timeout=scheduler_timeout, lock_wait=lock_wait,
        limits=Limits(seconds=time_limit, pages=page_limit, memory=int(memory_limit * GIB)),
        archive_limits=ArchiveLimits(members=archive_members, expanded_bytes=int(archive_size * GIB)),
        ocr_settings=ocr, pdf_settings=PdfSettings(source=pdf_source), verbose=verbose)
    if not verbose:
        from camerale.sandbox import quiet_libraries

        quiet_libraries(verbose)
    signal.signal(signal.SIGTERM, _on_signal)
    # The bundled samples themselves, not samples/renditions/ (test renditions: ingest them by name).
    targets = paths or sorted(p for p in BUNDLED_SAMPLES.iterdir() if p.is_file())

    with IngestProgress(console, quiet) as progress:
        def on_outcome(outcome: Outcome) -> None:
            progress.finish(outcome)
            if not quiet:
                console.print(_describe(outcome))

        try:
            outcomes = run_ingest(targets, out, force=force, settings=settings, on_outcome=on_outcome,
                                  on_start=lambda job: progress.start(job.display), on_plan=progress.plan,
                                  on_wait=lambda message: errors.print(f"camerale: {message}", markup=False))
        except DatasetError as exc:
            errors.print(f"camerale: {one_line(str(exc), 1200)}", markup=False)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            errors.print(fault_line(str(out), "interrupted; documents written so far are kept, "
                                              "a re-run finishes the rest"), markup=False)
            sys.exit(ExitCode.INTERRUPTED)
    ok = sum(o.status in ("ok", "partial") for o in outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = sum(o.status == "skipped" for o in outcomes)
    console.print(f"\n{ok} ingested, {skipped} skipped, {len(failed)} failed -> {escape(str(out))}/")
    for outcome in failed:
        errors.print(fault_line(outcome.path, outcome.reason or "failed"), markup=False)
    sys.exit(worst(ExitCode.SOME_FAILED if o.status == "failed" else
                   ExitCode.SOME_PARTIAL if o.status == "partial" else ExitCode.OK for o in outcomes))


@app.command()
def status(out: Path = typer.Argument(Path("out"), help="Dataset folder.")) -> None:
    """What the catalog says about a dataset: documents, attempts, failures, stale products."""
    from camerale.pipeline import DATASET_STEPS
    from camerale.store.catalog import summarize

    for line in summarize(out, DATASET_STEPS):
        console.print(line, markup=False)


@app.command()
def compact(
    out: Path = typer.Argument(Path("out"), help="Dataset folder."),
    lock_wait: float = typer.Option(60.0, "--lock-wait", help="Seconds to wait for a run writing the dataset."),
) -> None:
    """Rewrite each table into a few large files, partitioned by chamber and reference year."""
    from camerale.store.compact import compact_dataset

    try:
        counts = compact_dataset(out, lock_wait)
    except DatasetError as exc:
        errors.print(f"camerale: {one_line(str(exc), 1200)}", markup=False)
        sys.exit(exc.exit_code)
    for table, (before, after) in counts.items():
        console.print(f"{table}: {before} files -> {after}", markup=False)


@app.command()
def diff(
    old: Path = typer.Argument(..., help="Dataset folder of the earlier run."),
    new: Path = typer.Argument(..., help="Dataset folder of the later run (may be the same folder)."),
    old_doc: list[str] = typer.Option(None, "--old-doc", help="Compare only these doc_ids of OLD."),
    new_doc: list[str] = typer.Option(None, "--new-doc", help="Compare only these doc_ids of NEW."),
    csv: Path = typer.Option(None, "--csv", help="Also write every change, values whole, to this CSV file."),
    parquet: Path = typer.Option(None, "--parquet", help="Also write every change to this Parquet file."),
    html: Path = typer.Option(None, "--html", help="Also write a self-contained HTML report with page crops."),
) -> None:
    """Show what changed between two extractions, value by value, with where each value was printed.

    Exit status: 0 identical, 1 differences, 2 error (missing or unreadable dataset).
    """
    from camerale.compare import compare
    from camerale.diff_text import render

    try:
        comparison = compare(old, new, old_docs=old_doc or None, new_docs=new_doc or None)
        _write_changes(comparison.changes, csv, parquet)
        if html:
            from camerale.audit_html import diff_report

            diff_report(comparison, html)
    except (DatasetError, OSError) as exc:
        errors.print(Text(f"camerale: {one_line(str(exc), 1200)}"))
        sys.exit(ExitCode.DATASET_ERROR)
    for line in render(comparison, console.width):
        console.print(Text(line))
    sys.exit(0 if comparison.identical else 1)


@app.command()
def show(
    document: str = typer.Argument(..., help="A doc_id (64 hex digits) or the source file of a document."),
    dataset_dir: Path = typer.Option(Path("out"), "--dataset", "--out", "-o", help="Dataset folder holding it."),
    html: Path = typer.Option(..., "--html", help="HTML file to write (self-contained)."),
    page: int = typer.Option(None, "--page", min=1, help="Only this page."),
) -> None:
    """Write a page-by-page view of one document with every extracted value boxed and labelled.

    Exit status: 0 written, 2 error (unknown document, unreadable dataset).
    """
    from camerale.audit_html import document_view
    from camerale.store.dataset import find_document

    try:
        doc = find_document(dataset_dir, document)
        if page and doc["n_pages"] and page > doc["n_pages"]:
            raise DatasetError(f"{document}: has {doc['n_pages']} pages, no page {page}")
        document_view(dataset_dir, doc, html, page)
    except (DatasetError, OSError) as exc:
        errors.print(Text(f"camerale: {one_line(str(exc), 1200)}"))
        sys.exit(ExitCode.DATASET_ERROR)
    console.print(Text(f"{html}: {doc['source_name']} ({doc['n_pages'] or 'no'} pages)"))


def _write_changes(changes: list, csv: Path | None, parquet: Path | None) -> None:
    if not (csv or parquet):
        return
    import pyarrow as pa
    import pyarrow.csv
    import pyarrow.parquet as pq

    from camerale.compare import Change

    types = {"page": pa.int32(), "line": pa.int32(), "ocr_confidence": pa.float64()}

    names = [f.name for f in dataclasses.fields(Change)]
    table = pa.Table.from_pylist([c.as_row() for c in changes],
                                 schema=pa.schema([(n, types.get(n.split("_", 1)[-1], pa.string()))
                                                   for n in names]))
    if csv:
        pyarrow.csv.write_csv(table, csv)
    if parquet:
        pq.write_table(table, parquet)


def command() -> None:
    """The console script: the app in a process of its own (``app`` alone is what tests invoke)."""
    if sys.argv[1:2] == ["ingest"]:
        from camerale.ingest_process import lean_ingest_process

        lean_ingest_process()
    app()


if __name__ == "__main__":
    command()
