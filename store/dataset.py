"""Parquet datasets on disk: one dataset per table, one file per document until compacted.

Layout under the output folder::

    OUT/<table>/<doc_id>.parquet      per-document tables (documents, objectives, ...), where it has rows
    OUT/<table>/chamber=C/reference_year=Y/part-0.parquet
                                      the same rows after ``camerale compact`` (store.compact)
    OUT/objective_links/links.parquet dataset-level products, rebuilt when stale (store.catalog)
    OUT/ingest_log/<run_id>.parquet   the catalog: one row per attempt (store.catalog)
    OUT/.staging/<run_id>/<doc_id>/   work area of one run; never read by analysts (dot-prefixed)
    OUT/.lock                         held by the one run that writes (store.lock)

One file per document makes re-ingesting a document a file replacement, never a
rewrite of other documents' rows.  A document's files are first written to its run's
own staging folder and flushed to disk; a ``COMMIT`` manifest naming every move is then
written atomically, and only then are the files moved into place, ``documents`` last.
An interrupted run leaves either an uncommitted staging folder (discarded at the next
run: a stage without its manifest is never trusted) or a committed one (its moves are
finished at the next run): the dataset never holds half a document.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from camerale.errors import DatasetError
from camerale.schemas.tables import SCHEMAS

STAGING = ".staging"
COMMIT_MARKER = "COMMIT"
LINKS_TABLE = "objective_links"
PER_DOCUMENT_TABLES = tuple(name for name in SCHEMAS if name != LINKS_TABLE)
# The hive keys of compacted files (store.compact); per-document files sit above them.
PARTITION_KEYS = pa.schema([("chamber", pa.string()), ("reference_year", pa.int32())])
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


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


def clear_out_of_range(table: str, records: list[dict[str, Any]]) -> list[str]:
    """Null the integers too large for their column, in place; one message per value cleared.

    A printed number may be anything ("99999999999 indicatori"); one such value must
    cost that value, never the whole document.
    """
    schema = SCHEMAS[table]
    ranges = {f.name: (-(2 ** (f.type.bit_width - 1)), 2 ** (f.type.bit_width - 1) - 1)
              for f in schema if pa.types.is_signed_integer(f.type)}
    # A column's least and greatest values first: almost always in range, and then no record is
    # visited again (the ``tables`` of a document holds one record per cell).
    for column, (low, high) in list(ranges.items()):
        values = [value for record in records if isinstance(value := record.get(column), int)]
        if not values or (low <= min(values) and max(values) <= high):
            del ranges[column]
    messages = []
    if not ranges:
        return messages
    for record in records:
        for column, (low, high) in ranges.items():
            value = record.get(column)
            if isinstance(value, int) and not low <= value <= high:
                record[column] = None
                messages.append(f"{table}.{column}: {value} is too large for the column; left empty")
    return messages


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write and flush to disk: a file named in a COMMIT manifest must be complete."""
    with open(path, "wb") as sink:
        pq.write_table(table, sink, compression="zstd")
        sink.flush()
        os.fsync(sink.fileno())


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as sink:
        sink.write(text)
        sink.flush()
        os.fsync(sink.fileno())
    os.replace(tmp, path)


def recover(out: Path) -> None:
    """Finish committed staging folders and discard uncommitted ones (left by a crash).

    Call only while holding the dataset lock: a staging folder without its manifest
    may otherwise be another run's work in progress.
    """
    staging = out / STAGING
    if not staging.is_dir():
        return
    for run in sorted(staging.iterdir()):
        folders = sorted(run.iterdir()) if run.is_dir() else []
        for folder in folders:
            if (folder / COMMIT_MARKER).is_file():
                _publish(out, folder)
            else:
                shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)


def discard_staging(out: Path) -> None:
    """Remove the staging area at the end of a run, under its lock: all it committed is published."""
    shutil.rmtree(out / STAGING, ignore_errors=True)


def _publish(out: Path, folder: Path) -> None:
    """Carry out a committed manifest; idempotent, so a crash halfway is finished next time."""
    manifest = json.loads((folder / COMMIT_MARKER).read_text(encoding="utf-8"))
    for staged, target in manifest["moves"]:
        source, destination = folder / staged, out / target
        if source.exists():  # else moved already, by the run that crashed
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, destination)
    for target in manifest.get("deletes", []):
        (out / target).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def rewrite_document(out: Path, doc_id: str, changed: Mapping[str, list[dict[str, Any]]],
                     normalizations: list[dict[str, Any]], warnings: list[str], stage: Mapping[str, str]) -> None:
    """A dataset-level step's rewrite of one document: the ``changed`` tables' rows, its
    normalizations and warnings (``stage`` keeps each kept message's stage; a new one is 'parse')
    replaced, ``documents.n_warnings`` updated, every other table as it is."""
    tables = {table: read_document_table(out, table, doc_id).to_pylist() for table in PER_DOCUMENT_TABLES}
    tables.update(changed)
    tables["normalizations"] = [{**n, "doc_id": doc_id} for n in normalizations]
    tables["warnings"] = [{"doc_id": doc_id, "seq": i, "stage": stage.get(message, "parse"), "message": message}
                          for i, message in enumerate(warnings, 1)]
    for document in tables["documents"]:
        document["n_warnings"] = len(warnings)
    write_document(out, doc_id, {table: to_arrow(table, rows) for table, rows in tables.items()})


def write_document(out: Path, doc_id: str, tables: Mapping[str, pa.Table],
                   run_id: str = "dataset-steps") -> None:
    """Replace every per-document table's rows of ``doc_id`` with ``tables``.

    ``run_id`` names the staging folder of the run; dataset-level steps (which run under
    the same lock) rewrite documents with the default.

    A table without rows gets no file (most documents fill a few of the tables, and each
    file costs a write and a flush) once its folder holds another file: an old file of the
    document is deleted instead, so that a re-ingest that finds fewer records also removes
    the old ones.  The first file of a table is written even empty, so that a glob over the
    folder (DuckDB, pandas) always finds the table and its columns.  In a compacted
    dataset the files go into the document's partition folder, and its old rows leave the
    partition files in the same commit.
    """
    folder = out / STAGING / run_id / doc_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    moves: list[tuple[str, str]] = []
    deletes: list[str] = []
    for i, (part, remaining) in enumerate(_compacted_rows_without(out, doc_id)):
        relative = part.relative_to(out).as_posix()
        if remaining.num_rows:
            write_parquet(remaining, folder / f"part-{i}.parquet")
            moves.append((f"part-{i}.parquet", relative))
        else:
            deletes.append(relative)
    where = doc_id
    if is_compacted(out):
        [row] = tables["documents"].select(["chamber", "reference_year"]).to_pylist()
        where = f"{partition_path(row['chamber'], row['reference_year'])}/{doc_id}"
    # documents last: a document is listed only once all of its rows are in place.
    for table in sorted(PER_DOCUMENT_TABLES, key=lambda t: t == "documents"):
        arrow = tables.get(table)
        target = f"{table}/{where}.parquet"
        if (arrow is None or not arrow.num_rows) and table != "documents" and _holds_other(out / table, target):
            deletes.append(target)
            continue
        if arrow is None:
            arrow = SCHEMAS[table].empty_table()
        if where != doc_id:
            arrow = in_partition(table, arrow)
        write_parquet(arrow, folder / f"{table}.parquet")
        moves.append((f"{table}.parquet", target))
    commit(out, folder, moves, deletes)


def _holds_other(folder: Path, target: str) -> bool:
    """Whether ``folder`` has an entry besides the file ``target`` (relative to the dataset) names.

    Stops at the first entries: a table's folder may hold thousands of documents.
    """
    own = Path(target).parts[1]
    try:
        with os.scandir(folder) as entries:
            return any(entry.name != own and not entry.name.startswith(".") for entry in entries)
    except FileNotFoundError:
        return False


def commit(out: Path, folder: Path, moves: list[tuple[str, str]], deletes: list[str]) -> None:
    """Make staged files visible: manifest first (atomically), then the moves, then the deletions.

    ``moves`` are (file in ``folder``, path under ``out``); a path both moved to and
    listed for deletion is kept.
    """
    targets = {target for _, target in moves}
    manifest = {"moves": moves, "deletes": [d for d in deletes if d not in targets]}
    _write_atomic(folder / COMMIT_MARKER, json.dumps(manifest))
    _publish(out, folder)


def is_compacted(out: Path) -> bool:
    """Whether ``camerale compact`` turned the dataset into hive partitions."""
    folder = out / "documents"
    return folder.is_dir() and any(p.is_dir() for p in folder.glob("chamber=*"))


def partition_path(chamber: str | None, reference_year: int | None) -> str:
    """``chamber=C/reference_year=Y``: hive folder names, null as hive's default partition."""
    def value(v: object) -> str:
        if v is None:
            return HIVE_NULL
        # Only what a path or the key=value syntax cannot hold is %-escaped, as hive does.
        return "".join(ch if ch.isprintable() and ch not in '/\\%=' else quote(ch) for ch in str(v))
    return f"chamber={value(chamber)}/reference_year={value(reference_year)}"


def in_partition(table: str, rows: pa.Table) -> pa.Table:
    """Rows as a partition file holds them: ``documents`` leaves its partition keys to the path
    (pandas refuses a column and a partition key of one name)."""
    if table != "documents":
        return rows
    return rows.drop_columns(PARTITION_KEYS.names)


def _compacted_rows_without(out: Path, doc_id: str) -> list[tuple[Path, pa.Table]]:
    """Compacted files that hold rows of ``doc_id``, each with the rows of the other documents."""
    partition = compacted_partition(out, doc_id)
    if partition is None:
        return []
    found = []
    for table in PER_DOCUMENT_TABLES:
        for part in sorted((out / table / partition).glob("*.parquet")):
            rows = pq.read_table(part, schema=SCHEMAS[table])
            keep = pc.not_equal(rows["doc_id"], doc_id)
            if not pc.all(keep).as_py():
                found.append((part, rows.filter(keep)))
    return found


def compacted_partition(out: Path, doc_id: str) -> str | None:
    """``chamber=C/reference_year=Y`` of a document's rows in a compacted dataset; None if none."""
    if not is_compacted(out):
        return None
    folder = out / "documents"
    for part in folder.glob("chamber=*/reference_year=*/*.parquet"):
        ids = pq.read_table(part, columns=["doc_id"])["doc_id"]
        if pc.any(pc.equal(ids, doc_id)).as_py():
            return part.parent.relative_to(folder).as_posix()
    return None


def read_table(out: Path, table: str) -> pa.Table:
    """One dataset table as Arrow (empty, with its schema, when nothing was written yet).

    Raises DatasetError when a file is corrupt, wrongly typed or points outside ``out``.
    """
    folder = out / table
    files = sorted(p for p in folder.rglob("*.parquet") if not p.name.startswith(".")) if folder.is_dir() else []
    if not files:
        return SCHEMAS[table].empty_table()
    for path in files:
        _inside(out, path)
    # The hive keys fill chamber and reference_year of compacted documents files; other
    # tables do not declare them, so they are not added.
    partitioning = ds.partitioning(PARTITION_KEYS, flavor="hive")
    try:
        return ds.dataset([str(p) for p in files], format="parquet", schema=SCHEMAS[table],
                          partitioning=partitioning, partition_base_dir=str(folder)).to_table()
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
    """One document's rows of one table, read from its own file or its compacted partition
    (DatasetError when unreadable)."""
    path = out / table / f"{check_doc_id(doc_id)}.parquet"
    if not path.exists():
        partition = compacted_partition(out, doc_id)
        if partition is None:
            return SCHEMAS[table].empty_table()
        path = out / table / partition
    _inside(out, path)
    try:
        if path.is_file():
            return pq.read_table(path, schema=SCHEMAS[table])
        partitioning = ds.partitioning(PARTITION_KEYS, flavor="hive")
        files = [str(p) for p in sorted(path.glob("*.parquet"))]
        rows = ds.dataset(files, format="parquet", schema=SCHEMAS[table], partitioning=partitioning,
                          partition_base_dir=str(out / table))
        return rows.to_table(filter=pc.field("doc_id") == doc_id)
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise DatasetError(f"{path}: not a readable {table} table ({_first_line(exc)})") from exc


def find_document(out: Path, document: str) -> dict[str, Any]:
    """The ``documents`` row of a doc_id, or of a source file (found by the sha256 of its bytes)."""
    if not (out / "documents").is_dir():
        raise DatasetError(f"{out}: not a camerale dataset (no documents/ folder)")
    if _DOC_ID.fullmatch(document):
        doc_id = document
    elif Path(document).is_file():
        doc_id = hashlib.sha256(Path(document).read_bytes()).hexdigest()
    else:
        raise DatasetError(f"{document}: neither a doc_id (64 hex digits) nor a file")
    rows = read_document_table(out, "documents", doc_id).to_pylist()
    if not rows:
        raise DatasetError(f"{document}: not in the dataset {out}")
    return rows[0]


def _inside(out: Path, path: Path) -> None:
    # A symlinked file must not make the dataset read something that is not part of it.
    if not path.resolve().is_relative_to(out.resolve()):
        raise DatasetError(f"{path}: points outside the dataset {out}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def ingested_versions(out: Path) -> dict[str, str]:
    """doc_id -> parser_version of every document in the dataset.

    A ``documents`` row is published last, after every other file of its commit (and a
    commit cut short is finished by the next run's ``recover``): a document listed there
    is complete.  Its other tables have a file only where they have rows.
    """
    docs = read_table(out, "documents").select(["doc_id", "parser_version"]).to_pylist()
    return {d["doc_id"]: d["parser_version"] for d in docs}


def write_links(out: Path, links: pa.Table) -> None:
    """Replace the whole objective_links dataset (it is derived from all documents)."""
    folder = out / LINKS_TABLE
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / ".links.parquet.tmp"
    write_parquet(links, tmp)
    os.replace(tmp, folder / "links.parquet")
