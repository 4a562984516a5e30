"""``camerale compact``: the per-document files of each table into one file per partition.

An archive of 2,400 reports ingests into some 36,000 small files (one per document
per table); readers pay for every one.  Compaction rewrites each table as hive
partitions by chamber and reference year::

    OUT/<table>/chamber=Lucca/reference_year=2019/part-0.parquet

pandas, pyarrow, DuckDB (``read_parquet('OUT/t/**/*.parquet', hive_partitioning=true)``)
and polars (``pl.scan_parquet('OUT/t/**/*.parquet', hive_partitioning=True)``) read it
and get ``chamber`` and ``reference_year`` as columns of every table.  The
``documents`` files leave those two columns to the path (a column and a partition key
of one name would clash in pandas).

A compacted dataset stays partitioned: a document ingested later is written into its
partition folder (``store.dataset.write_document``), and replacing a document takes its
rows out of the partition files in the same commit.  The rewrite is one commit: new
files are staged, a manifest of moves and deletions is written, then carried out, so a
crash leaves the old layout or (after the next run's recovery) the new one.
"""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from camerale.errors import OutputNotWritable
from camerale.store import dataset
from camerale.store.lock import dataset_lock

PART = "part-0.parquet"


def compact_dataset(out: Path, lock_wait: float) -> dict[str, tuple[int, int]]:
    """Compact every per-document table; table -> (files before, files after)."""
    if not (out / "documents").is_dir():
        raise OutputNotWritable(str(out), "no camerale dataset here")
    with dataset_lock(out, lock_wait):
        dataset.recover(out)
        docs = dataset.read_table(out, "documents").select(["doc_id", "chamber", "reference_year"])
        partition_of = {d["doc_id"]: dataset.partition_path(d["chamber"], d["reference_year"])
                        for d in docs.to_pylist()}
        folder = out / dataset.STAGING / f"compact-{uuid.uuid4().hex[:8]}" / "all"
        folder.mkdir(parents=True)
        moves: list[tuple[str, str]] = []
        deletes: list[str] = []
        counts = {}
        for table in dataset.PER_DOCUMENT_TABLES:
            before = sorted((out / table).rglob("*.parquet")) if (out / table).is_dir() else []
            rows = dataset.read_table(out, table)
            targets = set()
            for partition, doc_ids in _by_partition(partition_of).items():
                part = rows.filter(pc.is_in(rows["doc_id"], pa.array(sorted(doc_ids))))
                if not part.num_rows and table != "documents":
                    continue
                staged = f"{table}/{partition}/{PART}"
                (folder / staged).parent.mkdir(parents=True, exist_ok=True)
                dataset.write_parquet(dataset.in_partition(table, part.sort_by("doc_id")), folder / staged)
                moves.append((staged, staged))
                targets.add(staged)
            deletes += [p.relative_to(out).as_posix() for p in before
                        if p.relative_to(out).as_posix() not in targets]
            counts[table] = (len(before), len(targets))
        dataset.commit(out, folder, moves, deletes)
        shutil.rmtree(folder.parent, ignore_errors=True)
        for table in dataset.PER_DOCUMENT_TABLES:
            _remove_empty_folders(out / table)
        return counts


def _by_partition(partition_of: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for doc_id, partition in partition_of.items():
        groups.setdefault(partition, set()).add(doc_id)
    return groups


def _remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
