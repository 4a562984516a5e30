"""Auditors compare two runs value by value and see where each value was printed."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.compute as pc
import pyarrow.parquet as pq

from camerale.compare import compare


def test_a_changed_amount_is_named_with_its_page_region(ingested: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    shutil.copytree(ingested, later)
    docs = ds.dataset(later / "documents").to_table().to_pylist()
    pdf_doc = next(d["doc_id"] for d in docs if d["input_kind"] == "pdf" and d["doc_type"] == "pira")

    path = later / "resources" / f"{pdf_doc}.parquet"
    table = pq.read_table(path)
    target = pc.and_(pc.and_(pc.equal(table["mission_code"], "011"), pc.equal(table["objective_seq"], 1)),
                     pc.and_(pc.equal(table["phase"], "consuntivo"), pc.equal(table["item"], "oneri_correnti")))
    amounts = table["amount"].to_pylist()
    index = target.to_pylist().index(True)
    amounts[index] = Decimal("831.00")  # the gold says 813,00: a transposition a re-run might make
    table = table.set_column(table.schema.get_field_index("amount"), "amount", pa.array(amounts, table["amount"].type))
    pq.write_table(table, path)

    changes = compare(ingested, later)
    assert [(c.table, c.column, c.old, c.new) for c in changes] == [
        ("resources", "amount", Decimal("813.00"), Decimal("831.00"))]
    change = changes[0]
    assert change.report == "pira Lucca consuntivo 2019"
    assert "mission_code=011" in change.key and "item=oneri_correnti" in change.key
    assert change.new_where.startswith("p. ") and "[" in change.new_where


def test_identical_runs_have_no_differences(ingested: Path) -> None:
    assert compare(ingested, ingested) == []


def test_diff_command_reports_no_differences_for_the_same_run(ingested: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from camerale.cli import app

    report = tmp_path / "changes.csv"
    result = CliRunner().invoke(app, ["diff", str(ingested), str(ingested), "--csv", str(report)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "no differences"
    assert report.exists()
