"""Auditors compare two runs value by value and see where each value was printed.

Every expected change below is written by hand from the edit the test makes to a copy of a
real dataset (or, for the scan, from the facts of the two renditions); hostile datasets must
end in one line and exit status 2, never in a traceback or a read outside the datasets.
"""
from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from camerale.cli import app
from camerale.compare import compare
from camerale.schemas.tables import SCHEMAS
from camerale.store.dataset import read_table

from dataset_edits import doc_id_of, edit, set_values

RESOURCE_KEY = ("mission_code=011 program_code=005 objective_seq=1 phase=consuntivo year=2019 "
                "item=oneri_correnti")


def _diff(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args], env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def later(ingested: Path, tmp_path: Path) -> Path:
    """A copy of the shared dataset, for hand-made edits."""
    copy = tmp_path / "later"
    shutil.copytree(ingested, copy)
    return copy


@pytest.fixture
def pira_pdf(later: Path) -> str:
    return doc_id_of(later, "pdf")


def test_a_changed_amount_is_named_with_its_page_region(ingested: Path, later: Path, pira_pdf: str) -> None:
    # The gold says 813,00: a transposition a re-run might make.
    edit(later, "resources", pira_pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "objective_seq": 1, "phase": "consuntivo", "item": "oneri_correnti"},
        amount=Decimal("831.00")))

    changes = compare(ingested, later).changes
    assert [(c.table, c.kind, c.key, c.column, c.old, c.new) for c in changes] == [
        ("resources", "changed", RESOURCE_KEY, "amount", Decimal("813.00"), Decimal("831.00"))]
    change = changes[0]
    assert change.report == "pira Lucca consuntivo 2019"
    assert change.old_doc_id == change.new_doc_id == pira_pdf
    assert change.new_where.startswith("p. 4 [") and change.new_page == 4 and change.new_bbox["x1"] > 0
    assert change.key_values == ("011", "005", 1, "consuntivo", 2019, "oneri_correnti")


def test_a_box_that_moves_is_not_a_difference(ingested: Path, later: Path, pira_pdf: str) -> None:
    # A scan of the same page puts every table a fraction of a point elsewhere: provenance, not a value.
    def moved(rows: list[dict]) -> list[dict]:
        for r in rows:
            if r["region"] is not None:
                r["region"] = {**r["region"], "top": r["region"]["top"] + 0.4}
                r["bbox"] = {**r["bbox"], "x0": r["bbox"]["x0"] - 0.3}
        return rows

    edit(later, "tables", pira_pdf, moved)
    assert read_table(later, "tables").column("region").to_pylist() != read_table(ingested, "tables").column(
        "region").to_pylist()
    assert compare(ingested, later).changes == []


def test_hand_made_edits_are_each_reported(ingested: Path, later: Path, pira_pdf: str) -> None:
    relazione = doc_id_of(later, "pdf", "relazione_performance")
    edit(later, "documents", pira_pdf, lambda rows: set_values(rows, {}, chamber="Pisa", reference_year=2020))
    edit(later, "objectives", pira_pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "program_code": "005", "objective_seq": 2}, time_span="2019-2021"))
    edit(later, "resources", pira_pdf, lambda rows: [
        r for r in rows if not (r["mission_code"] == "011" and r["objective_seq"] == 1 and r["phase"] == "consuntivo"
                                and r["item"] == "investimenti")])
    edit(later, "warnings", relazione, lambda rows: rows + [
        {**rows[0], "seq": len(rows) + 1, "message": "a warning only the later run gives"}])

    got = {(c.table, c.kind, c.key, c.column, c.old, c.new) for c in compare(ingested, later).changes}
    assert got == {
        ("documents", "changed", "document", "chamber", "Lucca", "Pisa"),
        ("documents", "changed", "document", "reference_year", 2019, 2020),
        ("objectives", "changed", "mission_code=011 program_code=005 objective_seq=2", "time_span", "Annuale", "2019-2021"),
        ("resources", "removed", "mission_code=011 program_code=005 objective_seq=1 phase=consuntivo year=2019 "
                                 "item=investimenti", "<record>", "present", None),
        ("warnings", "added", f"stage={read_table(later, 'warnings').to_pylist()[0]['stage']} "
                              "message=a warning only the later run gives", "<record>", None, "present"),
    }


def test_identical_runs_have_no_differences(ingested: Path) -> None:
    assert compare(ingested, ingested).changes == []


def test_diff_command_exit_0_and_no_differences_for_the_same_run(ingested: Path, tmp_path: Path) -> None:
    report = tmp_path / "changes.csv"
    code, out, err = _diff(str(ingested), str(ingested), "--csv", str(report))
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "no differences"
    assert "documents compared: 4 in both" in out
    assert report.exists()


def test_diff_fits_80_columns_counts_first_and_keeps_the_full_list(ingested: Path, later: Path, pira_pdf: str,
                                                                   tmp_path: Path) -> None:
    description = "Una descrizione molto lunga, " * 20
    edit(later, "objectives", pira_pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "program_code": "005", "objective_seq": 1}, description=description))
    edit(later, "resources", pira_pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "objective_seq": 1, "phase": "consuntivo", "item": "oneri_correnti"},
        amount=Decimal("831.00")))
    table_csv, table_parquet = tmp_path / "changes.csv", tmp_path / "changes.parquet"

    code, out, err = _diff(str(ingested), str(later), "--csv", str(table_csv), "--parquet", str(table_parquet))

    assert code == 1, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    counts = lines.index(next(line for line in lines if line.startswith("table ")))
    assert counts < lines.index("changes (2):")
    assert [line.split() for line in lines[counts + 1:counts + 3]] == [
        ["objectives", "0", "0", "1", "1", "0"], ["resources", "0", "0", "1", "1", "0"]]
    assert "  amount: 813.00 → 831.00" in lines
    assert any(line.startswith("    where: p. 4 [") or line.startswith("  where: p. 4 [") for line in lines)
    assert "(whole value in --csv)" in out
    with table_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["table"], r["column"], r["new"]) for r in rows] == [
        ("objectives", "description", description), ("resources", "amount", "831.00")]
    assert pq.read_table(table_parquet).column("new").to_pylist() == [description, "831.00"]


def test_values_are_never_read_as_markup_or_terminal_codes(ingested: Path, later: Path, pira_pdf: str) -> None:
    title = "[/bold] [link=file:///etc/passwd]click[/link] :smile: \x1b[31mred\x1b[0m"
    edit(later, "objectives", pira_pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "program_code": "005", "objective_seq": 1}, title=title))

    code, out, err = _diff(str(ingested), str(later))

    assert code == 1, err
    unwrapped = " ".join(line.strip() for line in out.splitlines())
    assert "[/bold] [link=file:///etc/passwd]click[/link] :smile: <U+001B>[31mred<U+001B>[0m" in unwrapped
    assert "\x1b" not in out


def test_a_changed_twin_of_a_duplicate_key_is_a_difference(ingested: Path, later: Path, pira_pdf: str) -> None:
    match = {"mission_code": "011", "objective_seq": 1, "phase": "consuntivo", "item": "oneri_correnti"}
    edit(later, "resources", pira_pdf, lambda rows: rows + [
        {**next(r for r in rows if all(r[k] == v for k, v in match.items())), "amount": Decimal("1.00")}])
    changes = compare(ingested, later).changes
    assert [(c.table, c.kind, c.key, c.column, c.old, c.new) for c in changes] == [
        ("resources", "duplicate", RESOURCE_KEY, "<key>", "1 records", "2 records"),
        ("resources", "added", RESOURCE_KEY, "<record>", None, "present")]

    # The same twin in both runs, with a changed value: still a difference, never collapsed.
    twins = Path(str(later) + "-twins")
    shutil.copytree(later, twins)
    edit(twins, "resources", pira_pdf, lambda rows: set_values(rows, {**match, "amount": Decimal("1.00")},
                                                          amount=Decimal("2.00")))
    changes = compare(later, twins).changes
    assert [(c.table, c.kind, c.column, c.old, c.new) for c in changes] == [
        ("resources", "duplicate", "<key>", "2 records", "2 records"),
        ("resources", "changed", "amount", Decimal("1.00"), Decimal("2.00"))]
    assert compare(twins, twins).changes == []
    assert _diff(str(later), str(twins))[0] == 1


def test_missing_datasets_are_an_error_of_one_line(tmp_path: Path, ingested: Path) -> None:
    for old, new in ((tmp_path / "nope", tmp_path / "neither"), (ingested, tmp_path / "nope")):
        code, out, err = _diff(str(old), str(new))
        assert code == 2
        assert err.strip().splitlines() == [f"camerale: {old if old.name == 'nope' else new}: no such dataset folder"]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _diff(str(ingested), str(empty))
    assert (code, err.strip()) == (2, f"camerale: {empty}: not a camerale dataset (no documents/ folder)")


@pytest.mark.parametrize("damage", ["corrupt", "wrong type"])
def test_unreadable_parquet_is_an_error_of_one_line(later: Path, pira_pdf: str, ingested: Path, damage: str) -> None:
    path = later / "resources" / f"{pira_pdf}.parquet"
    if damage == "corrupt":
        path.write_bytes(b"PAR1 this is not parquet" * 10)
    else:  # amounts written as words: cannot be read as decimal(18, 2)
        table = pq.read_table(path)
        amounts = pa.array(["ottocento"] * table.num_rows)
        pq.write_table(table.set_column(table.schema.get_field_index("amount"), "amount", amounts), path)
    code, out, err = _diff(str(ingested), str(later))
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith(f"camerale: {path}: not a readable resources table (")


def test_a_doc_id_cannot_lead_outside_the_dataset(later: Path, ingested: Path, tmp_path: Path, pira_pdf: str) -> None:
    # A Parquet file of the right schema outside the dataset, holding a value that must never be printed.
    secret = pq.read_table(later / "objectives" / f"{pira_pdf}.parquet").to_pylist()
    for r in secret:
        r["title"] = "SECRET OUTSIDE THE DATASET"
    pq.write_table(pa.Table.from_pylist(secret, schema=SCHEMAS["objectives"]),
                   tmp_path / "x.parquet")
    edit(later, "documents", pira_pdf, lambda rows: set_values(rows, {}, doc_id="../../x"))
    code, out, err = _diff(str(ingested), str(later))
    assert code == 2 and "SECRET" not in out + err
    assert err.strip() == "camerale: doc_id '../../x' is not a sha256 hex digest"
    code, _, err = _diff(str(ingested), str(ingested), "--old-doc", "../../x")
    assert (code, err.strip()) == (2, "camerale: doc_id '../../x' is not a sha256 hex digest")


def test_a_symlink_out_of_the_dataset_is_refused(later: Path, ingested: Path, tmp_path: Path, pira_pdf: str) -> None:
    path = later / "objectives" / f"{pira_pdf}.parquet"
    elsewhere = tmp_path / "elsewhere.parquet"
    shutil.move(path, elsewhere)
    path.symlink_to(elsewhere)
    code, _, err = _diff(str(ingested), str(later))
    assert (code, err.strip()) == (2, f"camerale: {path}: points outside the dataset {later}")


def test_born_digital_pira_against_its_scan(ingested: Path, ingested_scan: Path) -> None:
    pdf = doc_id_of(ingested, "pdf")
    comparison = compare(ingested, ingested_scan, old_docs=[pdf])
    [pair] = comparison.pairs
    assert (pair.old["source_name"], pair.new["source_name"]) == (
        "lucca-pira-consuntivo-2019.pdf", "lucca-pira-consuntivo-2019-scan.pdf")
    by_table: dict[str, list] = {}
    for c in comparison.changes:
        by_table.setdefault(c.table, []).append(c)
    documents = {c.column: (c.old, c.new) for c in by_table["documents"]}
    # Same report, another rendition: what the documents table must say (README: 1 warning vs 2).
    assert documents["input_kind"] == ("pdf", "ocr")
    assert documents["source_name"] == ("lucca-pira-consuntivo-2019.pdf", "lucca-pira-consuntivo-2019-scan.pdf")
    assert documents["n_warnings"] == (1, 2)
    assert not {"chamber", "doc_type", "phase", "reference_year", "n_pages"} & set(documents)
    # The scan adds one warning (pages read by OCR) and loses none.
    [warning] = by_table["warnings"]
    assert (warning.kind, warning.key.split()[0]) == ("added", "stage=extract")
    # Gold-checked on both renditions: codes, amounts and declared indicator counts agree (README accuracy).
    assert "resources" not in by_table
    assert not [c for c in by_table.get("objectives", []) if c.column in (
        "objective_code", "project_codes", "project_codes_raw", "n_indicators_declared")]
    assert not [c for c in comparison.changes if c.kind in ("added", "removed") and c.table != "warnings"]
    # Printed tables: only cells whose text OCR read otherwise, never their boxes (each scanned table
    # sits a fraction of a point elsewhere; compared, that was 1,648 "changes").
    assert {c.column for c in by_table["tables"]} == {"text"}
    assert len(by_table["tables"]) < 100
    # Every changed value of a record table says on which page each side printed it.
    assert all(c.old_page and c.new_page and c.old_bbox and c.new_bbox
               for c in comparison.changes if c.table not in ("documents", "warnings"))
    # ... and how sure OCR was of the scanned side (the born-digital side was not OCR'd).
    values = [c for c in comparison.changes if c.table not in ("documents", "warnings", "tables")]
    assert all(c.old_ocr_confidence is None for c in values)
    assert all(0 <= c.new_ocr_confidence <= 1 for c in values if c.new_ocr_confidence is not None)
    assert any(c.new_ocr_confidence is not None for c in values)

    code, out, err = _diff(str(ingested), str(ingested_scan), "--old-doc", pdf)
    assert code == 1, err
    assert max(len(line) for line in out.splitlines()) <= 80
