"""Copies of the same report decide each other's damaged amounts: a dataset-level step.

An archive often holds one report more than once: the born-digital PDF and its scan, two
scans, the converter text.  A resource amount OCR left with several readings in one copy
(``€ 5Z9.841,00``: 529,841.00 or 579,841.00) is printed again in the others, under the same
objective, phase, year and item.  When the other copies that print that row read it by
themselves and agree on one value, and that value is one of the damaged printing's readings,
it is the amount: the rule ``ocr_letter_in_number+same_report`` records it in
``normalizations`` (the printed text kept as raw), and the warning that listed the readings
goes.  A value is never taken from a copy that did not read it by itself, so no decision leans
on another decision, and the outcome is a function of the set of documents, whatever the
order or grouping of the runs that ingested them.

Copies of the same report: documents of the same chamber, doc_type, phase and reference year.
Two editions of a report (a corrected re-publication) share that key too; their amounts differ
where they differ, and a different amount equals one of a damaged printing's other readings
only by coincidence, which the agreement of every other copy makes rarer still.

``decide_amounts`` is the work on one document's records in memory (what the benchmark applies);
``reconcile_amounts(out)`` is the step, run after the registry of project codes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from camerale.model import location
from camerale.normalize.audit import correction
from camerale.normalize.numbers import REPAIR_RULE, read_amount
from camerale.store import dataset

Record = dict[str, Any]
RowKey = tuple[Any, ...]

RULE = f"{REPAIR_RULE}+same_report"
# Evidence, as a reading printed elsewhere in the same document is for a code (0.95), but from
# another file, which may be another edition: a little lower.
CONFIDENCE = 0.85

_KEY = ("mission_code", "program_code", "objective_seq", "phase", "year", "item")


def _row_key(row: Mapping[str, Any]) -> RowKey:
    return tuple(row[k] for k in _KEY)


def _record_key(row: Mapping[str, Any]) -> str:
    """The ``record_key`` the PIRA parser gives a resource's normalizations."""
    return f"{row['mission_code']}-{row['program_code']}/{row['objective_seq']}/{row['phase']}/{row['year']}/{row['item']}"


def _ours(n: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    return (n["table"] == "resources" and n["column"] == "amount" and n["rule"] == RULE
            and n["record_key"] == _record_key(row) and n["raw"] == row["amount_text"])


def _warning_of(row: Mapping[str, Any], text: str) -> str:
    """The parser's warning for a resource amount with several readings (``parse/pira.add_resource``)."""
    reading = read_amount(row["amount_text"])
    where = location(row.get("page"), row.get("line"))
    message = (f"objective {row['mission_code']}-{row['program_code']}/{row['objective_seq']}: "
               f"{row['phase']} {row['year']} {row['item']} {reading.warning}")
    return f"{message} ({where})" if where else message


def self_read(resources: Iterable[Record], normalizations: Sequence[Record]) -> dict[RowKey, Decimal]:
    """The amounts one copy read by itself (not decided by another copy), by row."""
    decided = {(n["record_key"], n["raw"]) for n in normalizations
               if n["table"] == "resources" and n["column"] == "amount" and n["rule"] == RULE}
    return {_row_key(r): r["amount"] for r in resources
            if r["amount"] is not None and (_record_key(r), r["amount_text"]) not in decided}


def decide_amounts(resources: list[Record], normalizations: list[Record], warnings: list[str],
                   others: Sequence[Mapping[RowKey, Decimal]]) -> tuple[list[Record], list[str]] | None:
    """Decide one document's damaged amounts from ``others`` (``self_read`` of each other copy).

    ``resources`` are updated in place; returns the new normalizations and warnings, or None
    when nothing changes.  A row decided earlier whose evidence is gone is unread again, with
    its warning back.
    """
    new_normalizations, new_warnings = list(normalizations), list(warnings)
    changed = False
    for row in resources:
        text = row["amount_text"]
        readings = read_amount(text).readings if text else ()
        if not readings:
            continue
        values = {copy[_row_key(row)] for copy in others if _row_key(row) in copy}
        value = next(iter(values)) if len(values) == 1 and next(iter(values)) in readings else None
        before = next((n for n in new_normalizations if _ours(n, row)), None)
        if value == row["amount"] and (value is None) == (before is None):
            continue
        changed = True
        if before is not None:
            new_normalizations.remove(before)
        warning = _warning_of(row, text)
        row["amount"] = value
        if value is None:
            new_warnings.append(warning)
        else:
            new_normalizations.append(correction("resources", "amount", _record_key(row), text, str(value),
                                                 RULE, CONFIDENCE, row))
            new_warnings = [w for w in new_warnings if w != warning]
    return (new_normalizations, new_warnings) if changed else None


def reconcile_amounts(out: Path) -> None:
    """The dataset-level step: every document's damaged resource amounts against its copies."""
    documents = dataset.read_table(out, "documents").select(
        ["doc_id", "chamber", "doc_type", "phase", "reference_year"]).to_pylist()
    report_of = {d["doc_id"]: (d["chamber"], d["doc_type"], d["phase"], d["reference_year"]) for d in documents
                 if d["chamber"] and d["doc_type"]}
    copies: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for doc_id, report in report_of.items():
        copies[report].append(doc_id)
    shared = {doc_id for ids in copies.values() if len(ids) > 1 for doc_id in ids}
    if not shared:
        return
    records: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for row in dataset.read_table(out, "resources").to_pylist():
        if row["doc_id"] in shared:
            records[row["doc_id"]]["resources"].append(row)
    # Most archives print no amount with several readings (decided or not): then nothing else is read.
    if not any(r["amount_text"] and read_amount(r["amount_text"]).readings
               for tables in records.values() for r in tables["resources"]):
        return
    for table in ("normalizations", "warnings"):
        for row in dataset.read_table(out, table).to_pylist():
            if row["doc_id"] in shared:
                records[row["doc_id"]][table].append(row)
    read = {doc_id: self_read(records[doc_id]["resources"], records[doc_id]["normalizations"]) for doc_id in shared}
    for doc_id in sorted(shared):
        tables = records[doc_id]
        warning_rows = sorted(tables["warnings"], key=lambda w: w["seq"])
        others = [read[other] for other in sorted(copies[report_of[doc_id]]) if other != doc_id]
        result = decide_amounts(tables["resources"], tables["normalizations"],
                                [w["message"] for w in warning_rows], others)
        if result is not None:
            dataset.rewrite_document(out, doc_id, {"resources": tables["resources"]}, *result,
                                     {w["message"]: w["stage"] for w in warning_rows})
