"""Shared fixtures: one real ingest of the samples, reused by many tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures import PIRA_PDF, PIRA_SCAN, PIRA_TEXT, RELAZIONE_PDF, RELAZIONE_TEXT


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset made by the real pipeline from the four born-digital and text samples."""
    from camerale.pipeline import ingest

    out = tmp_path_factory.mktemp("dataset")
    outcomes = ingest([PIRA_TEXT, PIRA_PDF, RELAZIONE_TEXT, RELAZIONE_PDF], out)
    failed = [f"{o.path}: {o.reason}" for o in outcomes if o.status != "ok"]
    assert not failed, failed
    return out


@pytest.fixture(scope="session")
def ingested_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset of the scanned PIRA alone, made by the real pipeline: its 25 pages go through
    Tesseract once for the whole suite (the scan tests and the diff tests share it)."""
    from camerale.pipeline import RunSettings, ingest
    from camerale.sandbox import Limits

    out = tmp_path_factory.mktemp("scan-dataset")
    # Correctness is tested here, not speed: on a machine shared by many, 25 OCR'd pages can
    # take longer than the default 10 minutes per document.
    outcomes = ingest([PIRA_SCAN], out, settings=RunSettings(limits=Limits(seconds=3600)))
    failed = [f"{o.path}: {o.reason}" for o in outcomes if o.status != "ok"]
    assert not failed, failed
    return out
