"""Where the bundled samples and the gold files are: shared by the tests and their helpers."""
from __future__ import annotations

import json
from pathlib import Path

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
