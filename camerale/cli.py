"""The ``camerale`` command."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

# Commands import the pipeline (pyarrow, pdfplumber, ...) when they run: `camerale --help`
# and a mistyped option answer at once, and nothing loads what a command does not use.
if TYPE_CHECKING:
    from camerale.pipeline import Outcome

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
    name = escape(Path(outcome.path).name)
    if outcome.status == "failed":
        return f"[red]FAIL[/red] {escape(outcome.path)}: {escape(outcome.reason or '')}"
    if outcome.status == "skipped":
        return f"[dim]skip {escape(outcome.path)}: {escape(outcome.reason or '')}[/dim]"
    info = outcome.info
    what = " ".join(str(p) for p in (info.doc_type, info.chamber, info.phase, info.reference_year) if p)
    counts = " · ".join(f"{t} {outcome.counts.get(t, 0)}" for t in _SUMMARY_TABLES.get(info.doc_type, ()))
    pages = f", {outcome.n_pages} p" if outcome.n_pages else ""
    where = escape(f"[{outcome.input_kind}{pages}, {outcome.seconds:.1f} s]")
    line = (f"[green]ok[/green]   {name}  {escape(what)}  {where}"
            f"  {counts} · warnings {len(outcome.warnings)}")
    for warning in outcome.warnings[:5]:
        line += f"\n       [yellow]warning[/yellow] {escape(warning)}"
    if len(outcome.warnings) > 5:
        line += f"\n       … {len(outcome.warnings) - 5} more in the warnings table"
    return line


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files or folders (walked). Default: the files of the bundled samples/."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Dataset folder: one Parquet dataset per table."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Documents in parallel (a local Dask cluster when > 1)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler to use instead."),
    force: bool = typer.Option(False, "--force", help="Re-ingest documents already in the dataset."),
    dpi: int = typer.Option(300, "--dpi", help="Rendering resolution for OCR of scanned pages."),
    ocr_workers: int = typer.Option(None, "--ocr-workers", help="Pages OCR'd in parallel (default: all cores)."),
) -> None:
    """Ingest reports into the dataset at --out and print a summary per document."""
    from camerale.extract.settings import OcrSettings
    from camerale.pipeline import ingest as run_ingest

    settings = OcrSettings(dpi=dpi) if ocr_workers is None else OcrSettings(dpi=dpi, workers=ocr_workers)
    # The bundled samples themselves, not samples/renditions/ (test renditions: ingest them by name).
    targets = paths or sorted(p for p in BUNDLED_SAMPLES.iterdir() if p.is_file())
    outcomes = run_ingest(targets, out, workers=workers, force=force, ocr_settings=settings,
                          scheduler=scheduler, on_outcome=lambda o: console.print(_describe(o)))
    ok = sum(o.status == "ok" for o in outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = sum(o.status == "skipped" for o in outcomes)
    console.print(f"\n{ok} ingested, {skipped} skipped, {len(failed)} failed -> {out}/")
    for outcome in failed:
        errors.print(f"camerale: {outcome.path}: {outcome.reason}", markup=False)
    sys.exit(1 if failed else 0)


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
    from camerale.errors import DatasetError

    try:
        comparison = compare(old, new, old_docs=old_doc or None, new_docs=new_doc or None)
        _write_changes(comparison.changes, csv, parquet)
        if html:
            from camerale.audit_html import diff_report

            diff_report(comparison, html)
    except (DatasetError, OSError) as exc:
        errors.print(Text(f"camerale: {exc}"))
        sys.exit(2)
    for line in render(comparison, console.width):
        console.print(Text(line))
    sys.exit(0 if comparison.identical else 1)


def _write_changes(changes: list, csv: Path | None, parquet: Path | None) -> None:
    if not (csv or parquet):
        return
    import pyarrow as pa
    import pyarrow.csv
    import pyarrow.parquet as pq

    from camerale.compare import Change

    names = [f.name for f in dataclasses.fields(Change)]
    table = pa.Table.from_pylist([c.as_row() for c in changes],
                                 schema=pa.schema([(n, pa.int32() if n.endswith(("_page", "_line")) else pa.string())
                                                   for n in names]))
    if csv:
        pyarrow.csv.write_csv(table, csv)
    if parquet:
        pq.write_table(table, parquet)


if __name__ == "__main__":
    app()
