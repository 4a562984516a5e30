"""Field-level scores of parsed or ingested documents against the golds, per table and per
group of fields: what the rendition tests assert and what bench/renditions.py prints.

Both reports are scored the same way, field by field (a record the gold does not have counts
as wrong in every field; a gold record never produced counts as missed in every field):
recall = correct gold fields / gold fields, precision = correct / fields produced for gold
keys plus fields of records the gold does not have.  Records are matched and fields compared
by the existing comparers: ``gold_compare`` (PIRA) and ``relazione_gold`` (Relazione).

Groups (the acceptance of scanned input, issue 4 and issue 9):
- ``codes``: mission/programme/objective/project codes; Relazione: strategic objective,
  project code, area, objective number.
- ``amounts``: PIRA resources; Relazione: budget figures and composition amounts.
- ``results``: PIRA indicator results (every field of a 'result' value); Relazione:
  achievement %, financial-health values, budget and composition percentages.
- ``declared counts``: PIRA 'Nr indicatori associati' (the Relazione declares none).
- ``all fields``: every compared field.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import gold_compare
import relazione_gold

PIRA_GOLD = gold_compare.PIRA_GOLD
RELAZIONE_GOLD = "relazione-lucca-2016-pdf.json"
GROUP_NAMES = ("codes", "amounts", "results", "declared counts", "all fields")

_PIRA_GROUPS = {
    "codes": {"mission_code", "program_code", "objective_code", "project_codes_raw", "project_codes"},
    "amounts": {"amount"},
    "declared counts": {"n_indicators_declared"},
}
_RELAZIONE_GROUPS = {
    "codes": {"code", "strategic_objective", "project_code", "project_code_raw", "area", "objective_number"},
    "amounts": {"budget_initial", "budget_updated", "actual", "amount", "amount_text"},
    "results": {"achievement_pct", "achievement_text", "value", "value_text", "pct_used", "pct_of_total",
                "pct", "pct_text"},
}


@dataclass
class Score:
    gold: int = 0           # gold fields
    produced: int = 0       # fields produced (for gold keys, plus records the gold lacks)
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.produced if self.produced else (1.0 if not self.gold else 0.0)

    def add(self, outcome: str) -> None:
        self.gold += outcome in ("correct", "wrong", "missing")
        self.produced += outcome in ("correct", "wrong", "extra")
        self.correct += outcome == "correct"


# An outcome: (table, key as a dict, field, 'correct' | 'wrong' | 'missing' | 'extra').
Outcome = tuple[str, dict[str, Any], str, str]


def _pira_outcomes(tables: dict[str, list[dict[str, Any]]], gold: dict[str, Any]) -> Iterator[Outcome]:
    comparison = gold_compare.compare_tables(tables, gold)
    wrong = {(d.table, d.key, d.field) for d in comparison.differences if d.field != "<record>"}
    missing = {(d.table, d.key) for d in comparison.differences if d.field == "<record>" and d.expected == "present"}
    for table, records in gold_compare.gold_tables(gold).items():
        for record in records:
            key = tuple(record.get(k) for k in gold_compare.KEYS[table])
            for field in gold_compare._fields(table, record):
                outcome = ("missing" if (table, key) in missing else
                           "wrong" if (table, key, field) in wrong else "correct")
                yield table, dict(zip(gold_compare.KEYS[table], key)), field, outcome
    for d in comparison.differences:
        if d.field == "<record>" and d.expected != "present":
            extra = int(str(d.got).split()[0]) - (1 if d.expected == "once" else 0)
            key = dict(zip(gold_compare.KEYS[d.table], d.key))
            for _ in range(extra):
                for field in gold_compare._fields(d.table, key):
                    yield d.table, key, field, "extra"


def _relazione_outcomes(tables: dict[str, list[dict[str, Any]]], gold: dict[str, Any]) -> Iterator[Outcome]:
    expected = relazione_gold.expected_tables(gold)
    for table in relazione_gold.TABLES:
        fields = relazione_gold.FIELDS[table]
        by_key: dict[tuple, list[dict[str, Any]]] = {}
        for record in tables.get(table, []):
            by_key.setdefault(relazione_gold._key(table, record), []).append(record)
        for exp in expected[table]:
            candidates = by_key.get(relazione_gold._key(table, exp), [])
            got = candidates.pop(0) if candidates else None
            for field in fields:
                outcome = "missing" if got is None else (
                    "correct" if relazione_gold._equal(field, exp.get(field), got.get(field)) else "wrong")
                yield table, exp, field, outcome
        for rest in by_key.values():
            for record in rest:
                for field in fields:
                    yield table, record, field, "extra"


def _pira_group(table: str, key: dict[str, Any], field: str) -> str | None:
    if table == "indicator_values":
        return "results" if key.get("kind") == "result" else None
    return next((name for name, fields in _PIRA_GROUPS.items() if field in fields), None)


def _relazione_group(table: str, key: dict[str, Any], field: str) -> str | None:
    return next((name for name, fields in _RELAZIONE_GROUPS.items() if field in fields), None)


def scores(doc_type: str, tables: dict[str, list[dict[str, Any]]],
           gold: dict[str, Any] | None = None) -> dict[str, Score]:
    """Scores per table, then per group, of one document's records (table -> list of records).

    ``doc_type`` is 'pira' or 'relazione_performance'; the gold defaults to that report's.
    """
    if doc_type == "pira":
        gold = gold or gold_compare.load_gold(PIRA_GOLD)
        outcomes, group_of, tables_ = _pira_outcomes(tables, gold), _pira_group, tuple(gold_compare.KEYS)
    else:
        gold = gold or relazione_gold.load_gold(RELAZIONE_GOLD)
        outcomes, group_of, tables_ = _relazione_outcomes(tables, gold), _relazione_group, relazione_gold.TABLES
    result = {t: Score() for t in tables_}
    result.update({g: Score() for g in GROUP_NAMES})
    for table, key, field, outcome in outcomes:
        result[table].add(outcome)
        result["all fields"].add(outcome)
        if (group := group_of(table, key, field)) is not None:
            result[group].add(outcome)
    return result


def dataset_records(out_dir: str | Path) -> dict[str, tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]]:
    """Every document of a written dataset: doc_id -> (its documents row, its records per scored table)."""
    from camerale.store.dataset import read_table

    documents = {d["doc_id"]: d for d in read_table(Path(out_dir), "documents").to_pylist()}
    records: dict[str, dict[str, list[dict[str, Any]]]] = {doc_id: {} for doc_id in documents}
    for table in (*gold_compare.KEYS, *relazione_gold.TABLES):
        for record in read_table(Path(out_dir), table).to_pylist():
            records.setdefault(record["doc_id"], {}).setdefault(table, []).append(record)
    return {doc_id: (documents[doc_id], records[doc_id]) for doc_id in documents}


def summary(scored: dict[str, Score]) -> str:
    return "\n".join(f"{name:22s} recall {s.recall:.4f} ({s.correct}/{s.gold})  "
                     f"precision {s.precision:.4f} ({s.correct}/{s.produced})" for name, s in scored.items())

