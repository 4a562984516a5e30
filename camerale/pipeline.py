"""The ingest job: files in, dataset tables out, one document at a time.

Stages per document, each a module of its own and testable alone:
read (extract.inputs) -> describe (detect) -> parse (parse.*) -> to Arrow (store) -> write.
A failure in any stage stops that document only: it is reported as one line and the
batch goes on.  Each document is read into records in a worker process under limits of
time, pages and memory (``document``, ``sandbox``); documents run in parallel on a Dask
cluster when ``workers > 1``.  Only the driver types the records and writes them, holding
the dataset's lock, so no two processes ever touch the same files; every attempt goes to
the catalog, and the dataset-level products are rebuilt whenever it says they are stale.
"""
from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa

from camerale import PARSER_VERSION
from camerale.document import Outcome, Records, failure_reason
from camerale.errors import OutputNotWritable, SchedulerUnreachable
from camerale.extract.inputs import doc_id_of
from camerale.extract.settings import OcrSettings, PdfSettings, available_cores
from camerale.normalize.links import link_objectives
from camerale.sandbox import Job, Limits, Sandbox, run_on_dask_worker
from camerale.registry import reconcile_registry
from camerale.report_copies import reconcile_amounts
from camerale.sandbox import close_shared as close_shared_sandbox, shared as shared_sandbox
from camerale.sources import ArchiveLimits, Source, gather
from camerale.store import catalog, dataset
from camerale.store.lock import dataset_lock


def _run_serial(jobs: list[Job], limits: Limits, verbose: bool,
                on_start: Callable[[Job], None] | None) -> Iterator[tuple[Outcome, Records]]:
    # One document at a time in the worker; the next one is sent before this one is handed back,
    # so the worker reads it while the driver writes this one (the time limit then counts from
    # when the driver asks for the answer: a document may read during one write more).
    sandbox = shared_sandbox(limits, verbose)
    try:
        queue = iter(jobs)
        job = next(queue, None)
        sent = _send(sandbox, job, on_start)
        while job is not None:
            outcome = sent or sandbox.receive(job)
            job = next(queue, None)
            sent = _send(sandbox, job, on_start)
            yield outcome
    except BaseException:  # interrupted (or closed early): no document may go on reading
        close_shared_sandbox()
        raise


def _send(sandbox: Sandbox, job: Job | None, on_start: Callable[[Job], None] | None
          ) -> tuple[Outcome, Records] | None:
    if job is None:
        return None
    if on_start:
        on_start(job)
    return sandbox.send(job)


def _run_dask(jobs: list[Job], limits: Limits, verbose: bool, workers: int, scheduler: str | None,
              scheduler_timeout: float) -> Iterator[tuple[Outcome, Records]]:
    from dask.distributed import Client, LocalCluster, as_completed

    if scheduler:
        try:
            client, cluster = Client(scheduler, timeout=scheduler_timeout), None
        except OSError as exc:  # TimeoutError included
            raise SchedulerUnreachable(f"{scheduler}: Dask scheduler did not answer within "
                                                  f"{scheduler_timeout:g} s ({type(exc).__name__})") from None
    else:
        # Dask's worker processes exit when this process dies (their parent pipe closes).
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None,
                               silence_logs=logging.WARNING if verbose else logging.CRITICAL)
        client = Client(cluster)
    try:
        futures = client.map(run_on_dask_worker, jobs, limits=limits, verbose=verbose, pure=False)
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def refresh_links(out: Path) -> None:
    """Rebuild objective_links from every document in the dataset."""
    # Only the columns linking reads.
    columns = {"objectives": ["doc_id", "objective_code", "mission_code", "program_code", "objective_seq", "title",
                              "project_codes", "project_codes_method"],
               "strategic_objectives": ["doc_id", "code", "title"],
               "budget_lines": ["doc_id", "project_code", "project_title"],
               "documents": ["doc_id", "chamber", "reference_year"]}
    rows = {name: dataset.read_table(out, name).select(cols).to_pylist() for name, cols in columns.items()}
    links = link_objectives(rows["objectives"], rows["strategic_objectives"], rows["budget_lines"],
                            rows["documents"])
    dataset.write_links(out, dataset.to_arrow(dataset.LINKS_TABLE, links))


# Dataset-level products, derived from all documents: rebuilt in this order after a batch
# and whenever the catalog finds them stale (a run killed before them included).
DATASET_STEPS: list[catalog.DatasetStep] = [
    catalog.DatasetStep("registry", reconcile_registry),   # before the links: they read the reconciled codes
    catalog.DatasetStep("report copies", reconcile_amounts),  # copies of a report decide damaged amounts
    catalog.DatasetStep(dataset.LINKS_TABLE, refresh_links),
]


@dataclass(frozen=True)
class RunSettings:
    """How a batch runs: limits, parallelism, waiting."""

    workers: int = 1
    scheduler: str | None = None
    scheduler_timeout: float = 30.0            # seconds to reach --scheduler before giving up
    lock_wait: float = 60.0                    # seconds to wait for another run writing the dataset
    limits: Limits = field(default_factory=Limits)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    ocr_settings: OcrSettings | None = None
    pdf_settings: PdfSettings | None = None
    verbose: bool = False                      # library logging on stderr


def prepare_output(out: Path) -> Path:
    """The output folder, created; DatasetError (one line, exit 2) if it cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputNotWritable(f"{out}: is a file, not a folder") from None
    except OSError as exc:
        raise OutputNotWritable(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    if not out.is_dir():
        raise OutputNotWritable(f"{out}: is a file, not a folder")
    try:  # permissions alone do not tell (root, read-only mounts): try it
        tempfile.TemporaryFile(dir=out).close()
    except OSError as exc:
        raise OutputNotWritable(f"{out}: cannot write into the folder ({exc.strerror or exc})") from None
    return out


def _log_row(outcome: Outcome) -> dict[str, Any]:
    return {"doc_id": outcome.doc_id, "path": outcome.path, "size": outcome.size,
            "parser_version": PARSER_VERSION, "status": outcome.status, "reason": outcome.reason,
            "seconds": round(outcome.seconds, 3), "pages": outcome.n_pages,
            "warnings": len(outcome.warnings)}


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def ingest(paths: Iterable[str | Path], out: str | Path, *, force: bool = False,
           settings: RunSettings | None = None, workers: int | None = None,
           ocr_settings: OcrSettings | None = None, scheduler: str | None = None,
           on_outcome: Callable[[Outcome], None] | None = None,
           on_start: Callable[[Job], None] | None = None,
           on_wait: Callable[[str], None] | None = None,
           on_plan: Callable[[list[str]], None] | None = None) -> list[Outcome]:
    """Ingest files, folders, archives and manifests into the dataset at ``out``; one Outcome per file.

    Documents already ingested by this parser version are skipped unless ``force``.
    ``workers``, ``ocr_settings`` and ``scheduler`` override ``settings``.  Raises
    DatasetError when the dataset itself cannot be worked on; a bad document is an
    Outcome, never an exception.  ``on_plan`` is told which documents will be read,
    ``on_start`` when one is (serial runs), ``on_wait`` why the run waits for the lock.
    """
    settings = settings or RunSettings()
    overrides = {k: v for k, v in (("workers", workers), ("ocr_settings", ocr_settings),
                                   ("scheduler", scheduler)) if v is not None}
    settings = replace(settings, **overrides)
    out = prepare_output(Path(out))
    outcomes: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        journal.record(_log_row(outcome))
        if on_outcome:
            on_outcome(outcome)

    # Time first, to the microsecond: run ids sort in the order the runs started.
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ-") + uuid.uuid4().hex[:8]
    with dataset_lock(out, settings.lock_wait, on_wait):
        try:
            dataset.recover(out)
            catalog.settle_journals(out)
            journal = catalog.RunJournal(out, run_id)
            try:
                with gather(paths, settings.archive_limits) as inputs:
                    for path, reason in inputs.refused:
                        report(Outcome(path, "failed", reason))
                    for path, reason in inputs.passed:
                        report(Outcome(path, "skipped", reason))
                    todo = _to_read(inputs.sources, out, force, report)
                    if on_plan:
                        on_plan([source.display for source in todo])
                    _read_and_write(todo, out, settings, run_id, report, on_start)
                catalog.refresh_products(out, DATASET_STEPS)
            finally:
                journal.close()
                dataset.discard_staging(out)
        except OSError as exc:  # the dataset's disk: full, read-only, removed under us
            where = exc.filename or out
            raise OutputNotWritable(f"{where}: cannot write the dataset ({exc.strerror or exc})") from None
    return outcomes


def _to_read(sources: list[Source], out: Path, force: bool,
             report: Callable[[Outcome], None]) -> list[Source]:
    done = dataset.ingested_versions(out)
    todo: list[Source] = []
    for source in sources:
        # Hashing reads the file: only worth it when the dataset already holds documents.
        # The worker hashes its own read again: that is the doc_id stored.
        if not force and done and _size(source.path):
            try:
                doc_id = doc_id_of(source.path.read_bytes())
            except OSError:
                todo.append(source)  # the worker reports why it cannot be read
                continue
            if done.get(doc_id) == PARSER_VERSION:
                report(Outcome(source.display, "skipped", "already ingested (use --force to redo)",
                               doc_id=doc_id, size=_size(source.path)))
                continue
        todo.append(source)
    return todo


def _read_and_write(todo: list[Source], out: Path, settings: RunSettings, run_id: str,
                    report: Callable[[Outcome], None], on_start: Callable[[Job], None] | None) -> None:
    parallel = (settings.workers > 1 or settings.scheduler) and todo
    ocr = settings.ocr_settings
    if parallel:
        # Documents are the unit of parallelism here; pages inside a worker stay on one process.
        ocr = replace(ocr or OcrSettings(), workers=1)
    sizes = {source.display: _size(source.path) for source in todo}
    jobs = [Job(str(source.path), source.display, ocr,
                page_workers=1 if parallel else available_cores(), pdf_settings=settings.pdf_settings)
            for source in todo]
    run = (_run_dask(jobs, settings.limits, settings.verbose, settings.workers, settings.scheduler,
                     settings.scheduler_timeout) if parallel
           else _run_serial(jobs, settings.limits, settings.verbose, on_start))
    written: set[str] = set()
    with closing(run):  # an interrupted run stops its workers here
        for outcome, records in run:
            outcome.size = sizes.get(outcome.path)
            if outcome.status in ("ok", "partial"):
                if outcome.doc_id in written:
                    outcome.status, outcome.reason = "skipped", "same content as another file in this batch"
                else:
                    tables = _tabulate(outcome, records)
                    if tables is not None:
                        dataset.write_document(out, outcome.doc_id, tables, run_id)
                        written.add(outcome.doc_id)
            report(outcome)


def _tabulate(outcome: Outcome, records: Records) -> dict[str, pa.Table] | None:
    """A document's records as typed tables; None, with ``outcome`` failed, when they do not fit.

    An integer its column cannot hold ("99999999999 indicatori") costs that value only: it is
    cleared with a warning of the store stage.
    """
    cleared = [message for name, rows in records.items() for message in dataset.clear_out_of_range(name, rows)]
    if cleared:
        warnings = records["warnings"]
        warnings.extend({"seq": len(warnings) + i, "stage": "store", "message": message, "doc_id": outcome.doc_id}
                        for i, message in enumerate(cleared, 1))
        records["documents"][0]["n_warnings"] += len(cleared)
        outcome.warnings.extend(cleared)
        outcome.counts["warnings"] = len(warnings)
    try:
        return {name: dataset.to_arrow(name, rows) for name, rows in records.items()}
    except Exception as exc:  # a record the schema does not declare is camerale's bug: this document only
        outcome.status, outcome.reason = "failed", failure_reason(exc)
        return None
