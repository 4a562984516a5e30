"""The scanned Lucca PIRA, end to end: OCR of all 25 pages, PIRA parser, gold comparison.

Slow (the whole document goes through Tesseract), so it carries the ``slow`` and ``ocr``
markers; the scan is ingested once per session (``ingested_scan`` in conftest.py) and these
tests read the Parquet that ingest wrote.  The scan cannot be expected to reproduce every character of the long texts,
so the acceptance is per group of fields (issue 4): codes, amounts, indicator results
and declared indicator counts at 0.98 recall and precision or better, every gold
field together at 0.95 or better.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from camerale.store.dataset import read_table

from field_scores import scores
from gold_compare import load_dataset

pytestmark = [pytest.mark.slow, pytest.mark.ocr]

# Acceptance floors per group of fields (the groups are defined in field_scores).
FLOORS = {"codes": 0.98, "amounts": 0.98, "declared counts": 0.98, "results": 0.98, "all fields": 0.95}


@dataclass
class Scan:
    """What ingest wrote for the scan, read back from its Parquet files."""

    document: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    cells: list[dict[str, Any]]
    normalizations: list[dict[str, Any]]


@pytest.fixture(scope="module")
def scan(ingested_scan: Path) -> Scan:
    [document] = read_table(ingested_scan, "documents").to_pylist()
    return Scan(document, load_dataset(ingested_scan), read_table(ingested_scan, "tables").to_pylist(),
                read_table(ingested_scan, "normalizations").to_pylist())


def test_every_page_is_read_by_ocr(scan: Scan) -> None:
    assert scan.document["input_kind"] == "ocr" and scan.document["n_pages"] == 25
    assert 0.80 <= scan.document["ocr_confidence"] <= 1.0
    # Pages 1-2 are the cover and the index; every page from 3 on prints a ruled table.
    assert {c["page"] for c in scan.cells} >= set(range(3, 26))
    assert all(c["bbox"] is not None for c in scan.cells)
    confidences = [c["ocr_confidence"] for c in scan.cells if c["ocr_confidence"] is not None]
    assert confidences and all(0 <= c <= 1 for c in confidences)


def test_scan_meets_the_acceptance_floors(scan: Scan) -> None:
    scored = scores("pira", scan.tables)
    print("\n" + "\n".join(f"{g:26s} recall {scored[g].recall:.4f}  precision {scored[g].precision:.4f}"
                           for g in FLOORS))
    for group, floor in FLOORS.items():
        assert scored[group].recall >= floor and scored[group].precision >= floor, group


def test_damaged_project_codes_are_reconciled(scan: Scan) -> None:
    changes = {(n["table"], n["record_key"], n["raw"], n["normalized"]) for n in scan.normalizations
               if n["column"] == "project_codes"}
    # Gold notes L58 and L84: the report prints '180101' and 'ZD0101'; OCR must keep them as printed.
    assert changes == {("objectives", "011-005/1", "180101", "1B0101"),
                       ("objectives", "011-005/2", "ZD0101", "2D0101")}


def test_records_carry_their_ocr_confidence(scan: Scan) -> None:
    for table in ("objectives", "indicators", "indicator_values", "resources"):
        confidences = [r["ocr_confidence"] for r in scan.tables[table] if r["page"] is not None]
        assert confidences and all(c is None or 0 <= c <= 1 for c in confidences), table
    amounts = [r["ocr_confidence"] for r in scan.tables["resources"] if r["amount"] is not None]
    assert all(c is not None for c in amounts)
