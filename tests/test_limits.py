"""Hostile documents fail alone, in bounded time, with their reason; the rest is ingested.

A PDF whose /Resources refers to itself loops forever inside pdfminer; a page bomb
sends thousands of blank pages to OCR.  Under the limits each fails with the limit it
passed, the good files of the batch are written, and the command exits leaving no
process behind.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from archive_helpers import cli, page_bomb, self_referencing_pdf
from camerale.pipeline import RunSettings, ingest
from camerale.sandbox import Limits
from camerale.store import dataset
from fixtures import PIRA_TEXT, RELAZIONE_TEXT


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "self-reference.pdf").write_bytes(self_referencing_pdf())
    (folder / "page-bomb.pdf").write_bytes(page_bomb(2000))
    (folder / "pira.txt").write_bytes(PIRA_TEXT.read_bytes())
    (folder / "relazione.txt").write_bytes(RELAZIONE_TEXT.read_bytes())
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_pdfs_fail_in_bounded_time_and_the_rest_is_ingested(hostile: Path, tmp_path: Path,
                                                                     workers: int) -> None:
    settings = RunSettings(workers=workers, limits=Limits(seconds=8, pages=500))
    started = time.monotonic()
    outcomes = {Path(o.path).name: o for o in ingest([hostile], tmp_path / "out", settings=settings)}
    assert time.monotonic() - started < 60

    assert (outcomes["self-reference.pdf"].status, outcomes["self-reference.pdf"].reason) == \
        ("failed", "time limit exceeded (8 s)")
    assert (outcomes["page-bomb.pdf"].status, outcomes["page-bomb.pdf"].reason) == \
        ("failed", "page limit exceeded (2000 pages, limit 500)")
    assert outcomes["pira.txt"].status == outcomes["relazione.txt"].status == "ok"
    names = sorted(d["source_name"] for d in dataset.read_table(tmp_path / "out", "documents").to_pylist())
    assert names == ["pira.txt", "relazione.txt"]


def test_page_bomb_within_the_page_limit_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(page_bomb(2000))   # every page blank: all 2,000 would go to OCR
    started = time.monotonic()
    result = cli("ingest", str(bomb), str(PIRA_TEXT), "--out", str(tmp_path / "out"), "--time-limit", "5")
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"camerale: {bomb}: time limit exceeded (5 s)"]
    assert "1 ingested, 0 skipped, 1 failed" in result.stdout


def test_memory_limit_fails_the_document_with_its_reason(tmp_path: Path) -> None:
    # One 14,400-pt page without text: rendering it for OCR at 300 dpi needs about 3.6 GB.
    from archive_helpers import minimal_pdf

    huge = tmp_path / "huge-page.pdf"
    huge.write_bytes(minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                  b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                  b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"]))
    settings = RunSettings(limits=Limits(seconds=60, memory=1024 ** 3))
    outcomes = {Path(o.path).name: o for o in ingest([huge, PIRA_TEXT], tmp_path / "out", settings=settings)}
    assert outcomes["huge-page.pdf"].status == "failed"
    assert "memory limit" in outcomes["huge-page.pdf"].reason
    assert outcomes[PIRA_TEXT.name].status == "ok"
