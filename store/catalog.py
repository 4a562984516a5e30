"""The catalog: what was attempted, and which dataset-level products are up to date.

``OUT/ingest_log/<run_id>.parquet`` holds one row per file a run looked at (ok,
partial, failed or skipped, with the reason, time, pages and warnings).  While a run
goes, its rows are appended to a journal, ``OUT/.catalog/runs/<run_id>.jsonl``, flushed
line by line; the journal becomes the run's Parquet file at its end, or at the next run
if it was killed, so no attempt is lost.

Dataset-level products (``objective_links``, and any other table derived from all
documents) are built by *steps*.  ``OUT/.catalog/products.json`` records, for each
step, a fingerprint of the documents it was built from; a step whose fingerprint
differs from the dataset's is stale and runs again, whatever interrupted the last run.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from camerale.schemas.tables import INGEST_LOG
from camerale.store import dataset

CATALOG = ".catalog"
LOG_TABLE = "ingest_log"


def _journal_folder(out: Path) -> Path:
    return out / CATALOG / "runs"


class RunJournal:
    """The attempts of one run, appended as they happen."""

    def __init__(self, out: Path, run_id: str) -> None:
        self.out, self.run_id = out, run_id
        folder = _journal_folder(out)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{run_id}.jsonl"
        self._sink = open(self.path, "a", encoding="utf-8")

    def record(self, row: Mapping[str, Any]) -> None:
        """Append one attempt (the columns of ``ingest_log`` but run_id and logged_at)."""
        entry = {**row, "run_id": self.run_id,
                 "logged_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
        self._sink.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._sink.flush()
        os.fsync(self._sink.fileno())

    def close(self) -> None:
        """Turn the journal into the run's ingest_log file (or leave it to the next run, disk full)."""
        self._sink.close()
        try:
            _settle(self.out, self.path)
        except OSError:
            pass  # the journal is complete on disk; settle_journals finishes it next time


def _settle(out: Path, journal: Path) -> None:
    rows = []
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:  # the last line of a run killed while writing it
            continue
        entry["logged_at"] = datetime.fromisoformat(entry["logged_at"])
        rows.append({name: entry.get(name) for name in INGEST_LOG.names})
    if rows:
        folder = out / LOG_TABLE
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{journal.stem}.parquet.tmp"
        dataset.write_parquet(pa.Table.from_pylist(rows, schema=INGEST_LOG), tmp)
        os.replace(tmp, folder / f"{journal.stem}.parquet")
    journal.unlink()


def settle_journals(out: Path) -> None:
    """Journals of runs that were killed become ingest_log files (call under the lock)."""
    folder = _journal_folder(out)
    if folder.is_dir():
        for journal in sorted(folder.glob("*.jsonl")):
            _settle(out, journal)


def read_log(out: Path) -> pa.Table:
    """Every attempt ever recorded, oldest first: runs in the order of their ids (which start
    with their start time), attempts in the order they were journalled."""
    folder = out / LOG_TABLE
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        return INGEST_LOG.empty_table()
    return pa.concat_tables(pq.read_table(path, schema=INGEST_LOG) for path in files)


# --- dataset-level products --------------------------------------------------------------


@dataclass(frozen=True)
class DatasetStep:
    """A product derived from the whole dataset, rebuilt when the documents change."""

    name: str
    build: Callable[[Path], None]


def documents_fingerprint(out: Path) -> str:
    """Which documents, as of which ingest, the dataset holds."""
    docs = dataset.read_table(out, "documents").select(["doc_id", "parser_version", "ingested_at"])
    lines = sorted(f"{d['doc_id']} {d['parser_version']} {d['ingested_at']}" for d in docs.to_pylist())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _state_path(out: Path) -> Path:
    return out / CATALOG / "products.json"


def _built(out: Path) -> dict[str, str]:
    try:
        return json.loads(_state_path(out).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def stale_steps(out: Path, steps: Sequence[DatasetStep], fingerprint: str | None = None) -> list[DatasetStep]:
    """The steps whose product was not built from the dataset's present documents (``fingerprint``,
    when the caller has it: it reads every document's row)."""
    fingerprint, built = fingerprint or documents_fingerprint(out), _built(out)
    return [step for step in steps if built.get(step.name) != fingerprint]


def refresh_products(out: Path, steps: Sequence[DatasetStep]) -> list[str]:
    """Run the stale steps in order, recording each as built; returns their names."""
    ran = []
    fingerprint = documents_fingerprint(out)
    for step in stale_steps(out, steps, fingerprint):
        step.build(out)
        built = _built(out)
        built[step.name] = fingerprint
        _state_path(out).parent.mkdir(parents=True, exist_ok=True)
        tmp = _state_path(out).with_suffix(".tmp")
        tmp.write_text(json.dumps(built, indent=1), encoding="utf-8")
        os.replace(tmp, _state_path(out))
        ran.append(step.name)
    return ran


def summarize(out: Path, steps: Sequence[DatasetStep]) -> list[str]:
    """The lines of ``camerale status``: what the dataset holds and what its catalog says."""
    from camerale.errors import one_line

    if not (out / "documents").is_dir() and not (out / LOG_TABLE).is_dir():
        return [f"{out}: no camerale dataset here"]
    docs = dataset.read_table(out, "documents").to_pylist()
    kinds = _counts(d["input_kind"] for d in docs)
    years = sorted(d["reference_year"] for d in docs if d["reference_year"])
    chambers = {d["chamber"] for d in docs if d["chamber"]}
    span = f", years {years[0]}-{years[-1]}" if years else ""
    lines = [f"{out}: {len(docs)} documents ({kinds or 'none'}), {len(chambers)} chambers{span}"]

    log = read_log(out).to_pylist()
    runs = sorted({r["run_id"] for r in log})
    if runs:
        last = [r for r in log if r["run_id"] == runs[-1]]
        lines.append(f"catalog: {len(log)} attempts in {len(runs)} runs; last run {runs[-1]}: "
                     f"{_counts(r['status'] for r in last)}")
    latest = {r["path"]: r for r in log}  # oldest first: the last attempt of each path wins
    failed = [r for r in latest.values() if r["status"] == "failed"]
    lines.append(f"files by their last attempt: {_counts(r['status'] for r in latest.values()) or 'none'}")
    for row in failed[:10]:
        lines.append(f"  failed  {one_line(row['path'], 1000)}: {one_line(row['reason'] or '')}")
    if len(failed) > 10:
        lines.append(f"  … {len(failed) - 10} more failed (read OUT/{LOG_TABLE})")
    stale = {step.name for step in stale_steps(out, steps)}
    for step in steps:
        lines.append(f"{step.name}: {'stale (the next ingest rebuilds it)' if step.name in stale else 'up to date'}")
    if any(_journal_folder(out).glob("*.jsonl")) if _journal_folder(out).is_dir() else False:
        lines.append("a run is writing now, or was killed (the next run settles its log)")
    per_document = sum(1 for _ in (out / "documents").glob("*.parquet"))
    compacted = sum(1 for _ in (out / "documents").glob("chamber=*/*/*.parquet"))
    lines.append(f"layout: {per_document} per-document files, {compacted} compacted partition files per table")
    return lines


def _counts(values: Iterable[str | None]) -> str:
    tally: dict[str, int] = {}
    for value in values:
        tally[value or "unknown"] = tally.get(value or "unknown", 0) + 1
    return " · ".join(f"{name} {n}" for name, n in sorted(tally.items()))
