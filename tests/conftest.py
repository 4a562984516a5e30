"""Shared fixtures: the bundled samples, and one real ingest of them reused by many tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"

PIRA_TEXT = SAMPLES / "lucca-pira-consuntivo-2019.txt"
PIRA_PDF = SAMPLES / "lucca-pira-consuntivo-2019.pdf"
PIRA_SCAN = SAMPLES / "lucca-pira-consuntivo-2019-scan.pdf"
RELAZIONE_TEXT = SAMPLES / "lucca-relazione-performance-2016.txt"
RELAZIONE_PDF = SAMPLES / "lucca-relazione-performance-2016.pdf"


def load_gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset made by the real pipeline from the four born-digital and text samples."""
    from camerale.pipeline import ingest

    out = tmp_path_factory.mktemp("dataset")
    outcomes = ingest([PIRA_TEXT, PIRA_PDF, RELAZIONE_TEXT, RELAZIONE_PDF], out)
    failed = [f"{o.path}: {o.reason}" for o in outcomes if o.status != "ok"]
    assert not failed, failed
    return out
