"""The catalog: every attempt in ingest_log, and `camerale status` summing it up."""
from __future__ import annotations

from pathlib import Path

from archive_helpers import cli
from camerale import PARSER_VERSION
from camerale.pipeline import ingest
from camerale.store import catalog
from fixtures import PIRA_TEXT


def test_every_attempt_is_logged_and_status_sums_it_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    ingest([PIRA_TEXT, bad], out)
    ingest([PIRA_TEXT], out)

    log = catalog.read_log(out).to_pylist()
    assert [(Path(r["path"]).name, r["status"]) for r in log] == [
        ("lucca-pira-consuntivo-2019.txt", "ok"), ("broken.pdf", "failed"),
        ("lucca-pira-consuntivo-2019.txt", "skipped")]
    first, failed, skipped = log
    assert first["size"] == PIRA_TEXT.stat().st_size
    assert first["parser_version"] == PARSER_VERSION
    assert first["warnings"] == 1            # 'Nr indicatori associati' says 2 but 3 are printed
    assert first["pages"] is None             # converter text has no pages
    assert first["seconds"] > 0 and len(first["doc_id"]) == 64
    assert failed["reason"].startswith("corrupt or truncated PDF") and failed["doc_id"] is None
    assert skipped["reason"] == "already ingested (use --force to redo)"
    assert first["run_id"] == failed["run_id"] != skipped["run_id"]

    result = cli("status", str(out))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{out}: 1 documents (text 1), 1 chambers, years 2019-2019"
    assert lines[1].startswith("catalog: 3 attempts in 2 runs; last run ")
    assert lines[1].endswith(": skipped 1")
    assert lines[2] == "files by their last attempt: failed 1 · skipped 1"
    assert lines[3].startswith(f"  failed  {bad}: corrupt or truncated PDF")
    assert "objective_links: up to date" in lines
