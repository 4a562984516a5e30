"""The dataset contract: typed Parquet that analysts' tools read as-is, and safe replacement."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from camerale.pipeline import ingest
from camerale.schemas.tables import AMOUNT, SCHEMAS
from camerale.store import dataset
from fixtures import PIRA_TEXT


def test_every_table_reads_with_hive_partitioning_and_pandas(ingested: Path) -> None:
    for table in dataset.PER_DOCUMENT_TABLES:
        arrow = ds.dataset(ingested / table, partitioning="hive").to_table()
        assert arrow.schema.field("doc_id").type == pa.string()
        frame = pd.read_parquet(ingested / table)
        assert set(SCHEMAS[table].names) <= set(frame.columns), table


def test_amounts_are_decimals_and_raw_text_is_kept(ingested: Path) -> None:
    resources = ds.dataset(ingested / "resources").to_table()
    assert resources.schema.field("amount").type == AMOUNT
    rows = resources.to_pylist()
    # First objective of the PIRA 2019, preventivo oneri correnti, printed "€ 5.400,00" (gold).
    hit = [r for r in rows if r["mission_code"] == "011" and r["objective_seq"] == 1
           and r["phase"] == "preventivo" and r["item"] == "oneri_correnti"]
    assert {r["amount"] for r in hit} == {Decimal("5400.00")}
    assert {r["amount_text"] for r in hit} == {"€ 5.400,00"}


def test_duckdb_reads_the_dataset(ingested: Path) -> None:
    import duckdb

    count = duckdb.execute(f"select count(*) from read_parquet('{ingested}/documents/*.parquet')").fetchall()[0][0]
    assert count == 4


def test_reingest_replaces_rows_instead_of_duplicating(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest([PIRA_TEXT], out)
    before = ds.dataset(out / "indicators").count_rows()
    outcomes = ingest([PIRA_TEXT], out)
    assert [o.status for o in outcomes] == ["skipped"]  # same bytes, same parser: nothing to do
    ingest([PIRA_TEXT], out, force=True)
    assert ds.dataset(out / "indicators").count_rows() == before
    copy = tmp_path / "renamed.txt"
    shutil.copy(PIRA_TEXT, copy)
    ingest([copy], out, force=True)  # same content under another name is the same document
    assert ds.dataset(out / "documents").count_rows() == 1


def test_interrupted_write_is_discarded_and_committed_one_is_finished(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest([PIRA_TEXT], out)
    doc_id = ds.dataset(out / "documents").to_table()["doc_id"][0].as_py()

    # A crash before the COMMIT manifest: the staged files must never become visible.
    staged = out / dataset.STAGING / "run-a" / ("f" * 64)
    staged.mkdir(parents=True)
    (staged / "objectives.parquet").write_bytes(b"half-written")
    dataset.recover(out)
    assert not staged.exists()
    assert not (out / "objectives" / f"{'f' * 64}.parquet").exists()

    # A crash after COMMIT, halfway through publishing (objectives moved, documents not):
    # the next run finishes the moves.
    tables = {t: dataset.read_document_table(out, t, doc_id) for t in dataset.PER_DOCUMENT_TABLES}
    (out / "documents" / f"{doc_id}.parquet").unlink()
    folder = out / dataset.STAGING / "run-b" / doc_id
    folder.mkdir(parents=True)
    moves = []
    for table, rows in tables.items():
        if table != "objectives":  # already moved by the run that crashed
            dataset.write_parquet(rows, folder / f"{table}.parquet")
        moves.append([f"{table}.parquet", f"{table}/{doc_id}.parquet"])
    (folder / dataset.COMMIT_MARKER).write_text(json.dumps({"moves": moves}))
    dataset.recover(out)
    assert (out / "documents" / f"{doc_id}.parquet").exists()
    assert not (out / dataset.STAGING).exists() or not any((out / dataset.STAGING).iterdir())
    assert dataset.read_table(out, "objectives").num_rows == tables["objectives"].num_rows


def test_unknown_column_is_refused() -> None:
    try:
        dataset.to_arrow("objectives", [{"doc_id": "x", "titel": "typo"}])
    except ValueError as exc:
        assert "titel" in str(exc)
    else:
        raise AssertionError("a misspelt column must not be dropped silently")
