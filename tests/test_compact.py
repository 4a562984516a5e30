"""``camerale compact``: a few large hive-partitioned files that every reader still reads,
and re-ingesting a document still replaces its rows."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pytest

from archive_helpers import cli, snapshot, text_variants
from camerale.pipeline import ingest
from camerale.store import dataset


@pytest.fixture(scope="module")
def compacted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, list[Path]]:
    root = tmp_path_factory.mktemp("compact")
    files = text_variants(root / "reports", 2)
    out = root / "out"
    ingest(files[:3], out)
    before = snapshot(out)
    result = cli("compact", str(out))
    assert result.returncode == 0, result.stderr
    return out, before, files


def test_compaction_keeps_every_row_in_one_file_per_chamber_and_year(compacted) -> None:
    out, before, _ = compacted
    assert snapshot(out) == before
    # Three documents (PIRA of Pisa and Arezzo 2019, Relazione of Siena 2016): one file per partition.
    def files(table: str) -> list[str]:
        return sorted(p.relative_to(out / table).as_posix() for p in (out / table).rglob("*.parquet"))

    assert files("documents") == ["chamber=Arezzo/reference_year=2019/part-0.parquet",
                                  "chamber=Pisa/reference_year=2019/part-0.parquet",
                                  "chamber=Siena/reference_year=2016/part-0.parquet"]
    assert files("objectives") == ["chamber=Arezzo/reference_year=2019/part-0.parquet",
                                   "chamber=Pisa/reference_year=2019/part-0.parquet"]
    assert files("budget_lines") == ["chamber=Siena/reference_year=2016/part-0.parquet"]


def test_pandas_pyarrow_duckdb_and_polars_read_the_compacted_tables(compacted) -> None:
    out, before, _ = compacted
    for table in ("documents", "objectives", "resources", "budget_lines", "warnings"):
        rows = len(before[table])
        assert len(pd.read_parquet(out / table)) == rows, table
        assert ds.dataset(out / table, partitioning="hive").count_rows() == rows, table
        assert duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/**/*.parquet', "
                          "hive_partitioning = true)").fetchall()[0][0] == rows, table
        assert pl.scan_parquet(f"{out}/{table}/**/*.parquet", hive_partitioning=True).collect().height == rows
    # The partition keys come back as columns: every table gains chamber and reference_year.
    chambers = duckdb.sql(f"select distinct chamber, reference_year from read_parquet("
                          f"'{out}/resources/**/*.parquet', hive_partitioning = true)").fetchall()
    assert sorted(chambers) == [("Arezzo", 2019), ("Pisa", 2019)]
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents["chamber"].astype(str)) == ["Arezzo", "Pisa", "Siena"]


def test_reingest_after_compaction_replaces_rows_and_new_documents_join_their_partition(
        compacted, tmp_path: Path) -> None:
    out, _, files = compacted
    outcomes = ingest(files, out, force=True)   # the three compacted documents again, and a new one
    assert [o.status for o in outcomes] == ["ok"] * 4
    # The same two runs without compaction between them: the rows must agree (replaced, never
    # duplicated; links included).
    flat = tmp_path / "flat"
    ingest(files[:3], flat)
    ingest(files, flat, force=True)
    assert snapshot(out) == snapshot(flat)
    assert pd.read_parquet(out / "documents").shape[0] == 4
    # Compacting again folds the per-document files into the partition files.
    assert cli("compact", str(out)).returncode == 0
    assert snapshot(out) == snapshot(flat)
    assert not [p for p in (out / "documents").rglob("*.parquet") if p.name != "part-0.parquet"]
