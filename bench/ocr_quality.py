"""How well the OCR of the scanned Lucca PIRA reproduces the tables of its born-digital twin.

Run:  python bench/ocr_quality.py                 # default settings
      python bench/ocr_quality.py --psm 4 6 11     # compare page segmentation modes

The scan and ``lucca-pira-consuntivo-2019.pdf`` print the same pages, so pdfplumber's
``extract_tables()`` of the born-digital file is the reference for every table of the
scan.  For each setting it reports
- tables whose grid differs (rows, columns or merged positions) from pdfplumber's;
- cells whose text (whitespace collapsed) equals pdfplumber's exactly;
- the character error rate over all cells (Levenshtein distance / reference length);
- the mean word confidence and the seconds the OCR took.
Speed and memory proper are measured by ``bench/benchmark.py`` (group "scanned PDF (OCR)").
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber
from rapidfuzz.distance import Levenshtein

from camerale.extract.ocr import OcrSettings, ocr_pages

ROOT = Path(__file__).resolve().parents[1]
SCAN = ROOT / "samples" / "lucca-pira-consuntivo-2019-scan.pdf"
BORN_DIGITAL = ROOT / "samples" / "lucca-pira-consuntivo-2019.pdf"
_WS = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _shape(table: list[list[object]]) -> list[list[bool]]:
    return [[cell is None for cell in row] for row in table]


def score(settings: OcrSettings) -> dict[str, float]:
    with pdfplumber.open(BORN_DIGITAL) as pdf:
        reference = [page.extract_tables() for page in pdf.pages]
    started = time.perf_counter()
    pages = ocr_pages(SCAN.read_bytes(), list(range(1, len(reference) + 1)), settings)
    seconds = time.perf_counter() - started
    grids_wrong = cells = exact = distance = length = 0
    for number, expected_tables in enumerate(reference, start=1):
        tables: dict[int, list[list[str | None]]] = {}
        for row in pages[number].rows:
            if row.table is not None:
                tables.setdefault(row.table, []).append([c.text if c is not None else None for c in row.cells])
        got_tables = [tables[i] for i in sorted(tables)]
        for got, expected in zip(got_tables, expected_tables):
            if _shape(got) != _shape(expected):
                grids_wrong += 1
                continue
            for got_row, expected_row in zip(got, expected):
                for got_cell, expected_cell in zip(got_row, expected_row):
                    if expected_cell is None:
                        continue
                    a, b = _norm(got_cell), _norm(expected_cell)
                    cells += 1
                    exact += a == b
                    distance += Levenshtein.distance(a, b)
                    length += len(b)
        grids_wrong += abs(len(got_tables) - len(expected_tables))
    confidence = sum(p.confidence for p in pages.values()) / len(pages)
    return {"tables": sum(map(len, reference)), "grids wrong": grids_wrong, "cells": cells,
            "exact cells": exact / cells, "CER": distance / length, "confidence": confidence,
            "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--psm", type=int, nargs="+", help="page segmentation modes to compare")
    parser.add_argument("--workers", type=int, help="OCR processes (default: one per core)")
    args = parser.parse_args()
    base = OcrSettings() if args.workers is None else OcrSettings(workers=args.workers)
    print("| psm | tables | grids wrong | cells | exact cells | CER | mean confidence | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for psm in args.psm or [base.psm]:
        r = score(replace(base, psm=psm))
        print(f"| {psm} | {r['tables']} | {r['grids wrong']} | {r['cells']} | {r['exact cells']:.3f} | "
              f"{r['CER']:.4f} | {r['confidence']:.1f} | {r['seconds']:.0f} |")


if __name__ == "__main__":
    main()
