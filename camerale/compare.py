"""Value-by-value comparison of two extractions, for auditors.

Two datasets (two runs) or two documents (two versions of a report) are compared
record by record.  Records are paired by their natural key in the report (mission,
programme, objective position, indicator position, year, ...), not by doc_id, so a
re-issued PDF of the same report is compared with its earlier version.  Each change
names the table, the record, the column, both values, and where each was printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from camerale.schemas.tables import SCHEMAS
from camerale.store import dataset

# What identifies a record inside one report, per table.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "objectives": ("mission_code", "program_code", "objective_seq"),
    "summary_objectives": ("objective_code",),
    "indicators": ("mission_code", "program_code", "objective_seq", "indicator_seq"),
    "indicator_values": ("mission_code", "program_code", "objective_seq", "indicator_seq", "kind", "year"),
    "resources": ("mission_code", "program_code", "objective_seq", "phase", "year", "item"),
    "strategic_objectives": ("code",),
    "budget_lines": ("line_kind", "strategic_objective", "project_code", "project_title"),
    "strategic_areas": ("area", "name"),
    "achievements": ("owner", "objective_number", "indicator_seq"),
    "financial_indicators": ("name", "year"),
    "composition": ("kind", "item", "year"),
}
# A report is the same report in both datasets when these agree.
REPORT_KEY = ("doc_type", "chamber", "phase", "reference_year")
_NOT_COMPARED = {"doc_id", "page", "bbox", "line"}


@dataclass(frozen=True)
class Change:
    report: str           # "pira Lucca consuntivo 2019"
    table: str
    key: str              # "mission_code=011 program_code=005 objective_seq=1"
    column: str           # "<record>" when the whole record was added or removed
    old: Any
    new: Any
    old_where: str | None  # "p. 4 [43,134,548,393]" or "line 58"
    new_where: str | None


def _where(row: pd.Series | None) -> str | None:
    if row is None:
        return None
    page, bbox, line = row.get("page"), row.get("bbox"), row.get("line")
    if pd.notna(page):
        if isinstance(bbox, dict):
            return f"p. {int(page)} [{bbox['x0']:.0f},{bbox['top']:.0f},{bbox['x1']:.0f},{bbox['bottom']:.0f}]"
        return f"p. {int(page)}"
    return f"line {int(line)}" if pd.notna(line) else None


def _plain(value: Any) -> Any:
    """A cell as a plain Python value: arrays to lists, every kind of missing to None."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    return value


def _documents(out: Path, doc_ids: set[str] | None) -> list[dict[str, Any]]:
    docs = dataset.read_table(out, "documents").to_pylist()
    return [d for d in docs if not doc_ids or d["doc_id"] in doc_ids]


def _label(doc: dict[str, Any]) -> str:
    return " ".join(str(doc[k]) for k in REPORT_KEY if doc[k] is not None)


def _pairs(old_docs: list[dict], new_docs: list[dict]) -> list[tuple[str, str | None, str | None]]:
    """(report label, old doc_id, new doc_id): same bytes first, then same report and input kind."""
    if len(old_docs) == len(new_docs) == 1:
        return [(_label(new_docs[0]), old_docs[0]["doc_id"], new_docs[0]["doc_id"])]
    new_ids = {d["doc_id"] for d in new_docs}
    pairs = [(_label(d), d["doc_id"], d["doc_id"]) for d in old_docs if d["doc_id"] in new_ids]
    paired = {p[1] for p in pairs}
    by_report: dict[tuple, tuple[list, list]] = {}
    for side, docs in enumerate((old_docs, new_docs)):
        for d in docs:
            if d["doc_id"] not in paired:
                key = tuple(d[k] for k in (*REPORT_KEY, "input_kind"))
                by_report.setdefault(key, ([], []))[side].append(d)
    for olds, news in by_report.values():
        if len(olds) == len(news) == 1:
            pairs.append((_label(news[0]), olds[0]["doc_id"], news[0]["doc_id"]))
        else:
            pairs += [(_label(d), d["doc_id"], None) for d in olds]
            pairs += [(_label(d), None, d["doc_id"]) for d in news]
    return pairs


def compare(old: Path, new: Path, *, old_docs: set[str] | None = None,
            new_docs: set[str] | None = None) -> list[Change]:
    """Every value that differs between two datasets (or chosen documents of them)."""
    changes: list[Change] = []
    for label, old_id, new_id in _pairs(_documents(old, old_docs), _documents(new, new_docs)):
        if old_id is None or new_id is None:
            changes.append(Change(label, "documents", f"doc_id={old_id or new_id}", "<record>",
                                  "present" if old_id else None, "present" if new_id else None, None, None))
            continue
        for table, key_cols in NATURAL_KEYS.items():
            changes += _compare_table(label, table, key_cols, _rows(old, table, old_id, key_cols),
                                      _rows(new, table, new_id, key_cols))
    return changes


def _key_text(key: tuple, columns: tuple[str, ...]) -> str:
    return " ".join(f"{c}={v}" for c, v in zip(columns, key))


def _rows(out: Path, table: str, doc_id: str, key_cols: tuple[str, ...]) -> dict[tuple, pd.Series]:
    frame = dataset.read_document_table(out, table, doc_id).to_pandas()
    return {tuple(_plain(v) for v in row[list(key_cols)]): row for _, row in frame.iterrows()}


def _compare_table(label: str, table: str, key_cols: tuple[str, ...],
                   old_rows: dict[tuple, pd.Series], new_rows: dict[tuple, pd.Series]) -> list[Change]:
    columns = [c for c in SCHEMAS[table].names if c not in _NOT_COMPARED and c not in key_cols]
    changes = []
    for key in sorted(set(old_rows) | set(new_rows), key=str):
        o, n = old_rows.get(key), new_rows.get(key)
        key_text = _key_text(key, key_cols)
        if o is None or n is None:
            changes.append(Change(label, table, key_text, "<record>", "present" if o is not None else None,
                                  "present" if n is not None else None, _where(o), _where(n)))
            continue
        for column in columns:
            old_value, new_value = _plain(o[column]), _plain(n[column])
            if old_value != new_value:
                changes.append(Change(label, table, key_text, column, old_value, new_value, _where(o), _where(n)))
    return changes
