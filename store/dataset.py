"""Parquet datasets on disk: one dataset per table, one file per document.

Layout under the output folder::

    OUT/<table>/<doc_id>.parquet      per-document tables (documents, objectives, ...)
    OUT/objective_links/links.parquet rebuilt from the whole dataset after each ingest
    OUT/.staging/                     work area; never read by analysts (dot-prefixed)

One file per document makes re-ingesting a document a file replacement, never a
rewrite of other documents' rows.  A document's files are first written to
``.staging/<doc_id>/``; a ``COMMIT`` marker is written once all of them are complete,
and only then are they moved into place.  An interrupted run leaves either an
uncommitted staging folder (discarded at the next run) or a committed one (finished
at the next run): the dataset never holds half a document.
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from camerale.errors import DatasetError
from camerale.schemas.tables import SCHEMAS

STAGING = ".staging"
COMMIT_MARKER = "COMMIT"
LINKS_TABLE = "objective_links"
PER_DOCUMENT_TABLES = tuple(name for name in SCHEMAS if name != LINKS_TABLE)


def to_arrow(table: str, records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Records (dicts) to an Arrow table with the table's declared schema.

    A key that is not a column is a programming error and raises ValueError:
    silently dropping it would lose data.
    """
    schema = SCHEMAS[table]
    records = list(records)
    columns = set(schema.names)
    for record in records:
        unknown = set(record) - columns
        if unknown:
            raise ValueError(f"table {table!r} has no column(s) {sorted(unknown)}")
    return pa.Table.from_pylist(records, schema=schema)


def _write(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd")


def recover(out: Path) -> None:
    """Finish committed staging folders and discard uncommitted ones (left by a crash)."""
    staging = out / STAGING
    if not staging.is_dir():
        return
    for folder in staging.iterdir():
        if (folder / COMMIT_MARKER).exists():
            _publish(out, folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _publish(out: Path, folder: Path) -> None:
    doc_id = folder.name
    # documents last: a document is listed only once all of its rows are in place.
    for table in sorted(PER_DOCUMENT_TABLES, key=lambda t: t == "documents"):
        staged = folder / f"{table}.parquet"
        target_dir = out / table
        target_dir.mkdir(parents=True, exist_ok=True)
        if staged.exists():
            os.replace(staged, target_dir / f"{doc_id}.parquet")
    shutil.rmtree(folder, ignore_errors=True)


def write_document(out: Path, doc_id: str, tables: Mapping[str, pa.Table]) -> None:
    """Replace every per-document table's rows of ``doc_id`` with ``tables``.

    Tables not given are written empty, so that a re-ingest that finds fewer
    records also removes the old ones.
    """
    folder = out / STAGING / doc_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for table in PER_DOCUMENT_TABLES:
        arrow = tables.get(table)
        if arrow is None:
            arrow = SCHEMAS[table].empty_table()
        _write(arrow, folder / f"{table}.parquet")
    (folder / COMMIT_MARKER).touch()
    _publish(out, folder)


def read_table(out: Path, table: str) -> pa.Table:
    """One dataset table as Arrow (empty, with its schema, when nothing was written yet).

    Raises DatasetError when a file is corrupt, wrongly typed or points outside ``out``.
    """
    folder = out / table
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not files:
        return SCHEMAS[table].empty_table()
    for path in files:
        _inside(out, path)
    try:
        return ds.dataset([str(p) for p in files], format="parquet", schema=SCHEMAS[table]).to_table()
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise DatasetError(f"{folder}: not a readable {table} table ({_first_line(exc)})") from exc


_DOC_ID = re.compile(r"[0-9a-f]{64}")


def check_doc_id(doc_id: object) -> str:
    """``doc_id`` itself when it is a sha256 hex digest; DatasetError otherwise.

    doc_ids become file names: anything else (``../../x``) could name a file outside the dataset.
    """
    if not isinstance(doc_id, str) or not _DOC_ID.fullmatch(doc_id):
        raise DatasetError(f"doc_id {str(doc_id)[:80]!r} is not a sha256 hex digest")
    return doc_id


def read_document_table(out: Path, table: str, doc_id: str) -> pa.Table:
    """One document's rows of one table, read from its own file only (DatasetError when unreadable)."""
    path = out / table / f"{check_doc_id(doc_id)}.parquet"
    if not path.exists():
        return SCHEMAS[table].empty_table()
    _inside(out, path)
    try:
        return pq.read_table(path, schema=SCHEMAS[table])
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise DatasetError(f"{path}: not a readable {table} table ({_first_line(exc)})") from exc


def _inside(out: Path, path: Path) -> None:
    # A symlinked file must not make the dataset read something that is not part of it.
    if not path.resolve().is_relative_to(out.resolve()):
        raise DatasetError(f"{path}: points outside the dataset {out}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def ingested_versions(out: Path) -> dict[str, str]:
    """doc_id -> parser_version of every document already in the dataset."""
    docs = read_table(out, "documents").select(["doc_id", "parser_version"]).to_pylist()
    return {d["doc_id"]: d["parser_version"] for d in docs}


def write_links(out: Path, links: pa.Table) -> None:
    """Replace the whole objective_links dataset (it is derived from all documents)."""
    folder = out / LINKS_TABLE
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / ".links.parquet.tmp"
    _write(links, tmp)
    os.replace(tmp, folder / "links.parquet")
