"""The scale-out path on a real Dask cluster: same rows as the serial run."""
from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from camerale.pipeline import ingest
from fixtures import PIRA_TEXT, RELAZIONE_TEXT


def _rows(out: Path, table: str) -> list[str]:
    return sorted(repr(sorted(row.items())) for row in ds.dataset(out / table).to_table().to_pylist())


def test_local_dask_cluster_matches_serial_run(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    ingest([PIRA_TEXT, RELAZIONE_TEXT], serial)
    outcomes = ingest([PIRA_TEXT, RELAZIONE_TEXT, bad], parallel, workers=2)

    assert sorted(o.status for o in outcomes) == ["failed", "ok", "ok"]
    for table in ("objectives", "indicator_values", "resources", "budget_lines", "achievements"):
        assert _rows(serial, table) == _rows(parallel, table), table
