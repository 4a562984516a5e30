"""Field-by-field comparison of PIRA records with the hand-checked gold.

The gold (``tests/gold/pira-lucca-2019.json``) is nested: blocks hold objectives, which
hold resources and indicators, which hold targets and results.  ``gold_tables`` flattens
it into the dataset's tables, keyed the way the dataset keys them; ``compare_tables``
then scores parser output (``ParsedDocument.tables``) and ``compare_dataset`` a written
dataset directory (``OUT/<table>/*.parquet``, read with ``store.dataset.read_table``).

Scores are per field: recall = gold fields reproduced exactly / gold fields; precision
= gold fields reproduced exactly / fields produced for the keys the gold compares (a
record the gold does not have counts as wrong in every field).  Text is compared after
folding typographic quotes to ASCII (the PDF may print ``’`` where the converter text has
``'``) and collapsing whitespace; amounts compare as Decimal, measures as floats.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from fixtures import load_gold as _load_gold

PIRA_GOLD = "pira-lucca-2019.json"

# Table -> key columns of a record.
KEYS: dict[str, tuple[str, ...]] = {
    "summary_objectives": ("objective_code",),
    "objectives": ("mission_code", "program_code", "objective_seq"),
    "resources": ("mission_code", "program_code", "objective_seq", "phase", "year", "item"),
    "indicators": ("mission_code", "program_code", "objective_seq", "indicator_seq"),
    "indicator_values": ("mission_code", "program_code", "objective_seq", "indicator_seq", "kind", "year"),
}

# Table -> compared columns (gold record fields renamed to the dataset's column names).
FIELDS: dict[str, tuple[str, ...]] = {
    "summary_objectives": ("mission_code", "program_code", "title", "project_codes_raw", "project_codes"),
    "objectives": ("mission_name", "program_name", "objective_code", "title", "project_codes_raw",
                   "project_codes", "description", "time_span", "responsibility_center",
                   "n_indicators_declared"),
    "resources": ("amount",),
    "indicators": ("name", "measures", "type", "unit", "algorithm", "source", "last_observed"),
    "indicator_values": ("text", "value", "value_unit"),
}
# The gold prints no typed value for targets: they are free text.
_TARGET_FIELDS = ("text",)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple[Any, ...]
    field: str
    expected: Any
    got: Any

    def __str__(self) -> str:
        return f"{self.table} {self.key} {self.field}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class TableScore:
    table: str
    gold_fields: int = 0
    produced_fields: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_fields if self.gold_fields else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.produced_fields if self.produced_fields else 1.0


@dataclass
class Comparison:
    scores: dict[str, TableScore]
    differences: list[Difference] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{s.table:20s} recall {s.recall:.4f} ({s.correct}/{s.gold_fields})  "
                 f"precision {s.precision:.4f} ({s.correct}/{s.produced_fields})"
                 for s in self.scores.values()]
        return "\n".join(lines)


def load_gold(name: str = PIRA_GOLD) -> dict[str, Any]:
    """The PIRA gold unless another gold file is named."""
    return _load_gold(name)


def gold_tables(gold: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The gold as dataset tables (only the compared columns and the keys)."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in KEYS}
    tables["summary_objectives"] = [dict(s) for s in gold.get("summary_objectives", [])]
    for block in gold["blocks"]:
        where = {"mission_code": block["mission_code"], "program_code": block["program_code"]}
        for ob in block["objectives"]:
            objective = {**where, "objective_seq": ob["seq"]}
            tables["objectives"].append({
                **objective, "mission_name": block["mission_name"], "program_name": block["program_name"],
                "objective_code": ob["objective_code"], "title": ob["title_raw"],
                "project_codes_raw": ob["project_codes_raw"], "project_codes": ob["project_codes"],
                "description": ob["description"], "time_span": ob["time_span"],
                "responsibility_center": ob["responsibility_center"],
                "n_indicators_declared": ob["n_indicators_declared"]})
            for res in ob["resources"]:
                tables["resources"].append({**objective, "phase": res["phase"], "year": res["year"],
                                            "item": res["item"], "amount": res["amount"]})
            for ind in ob["indicators"]:
                indicator = {**objective, "indicator_seq": ind["seq"]}
                tables["indicators"].append({**indicator, **{f: ind[f] for f in FIELDS["indicators"]}})
                for t in ind["targets"]:
                    tables["indicator_values"].append({**indicator, "kind": "target", "year": t["year"],
                                                       "text": t["text"]})
                for r in ind["results"]:
                    tables["indicator_values"].append({**indicator, "kind": "result", "year": r["year"],
                                                       "text": r["text"], "value": r["value"],
                                                       "value_unit": r["unit"]})
    return tables


def _fields(table: str, record: dict[str, Any]) -> tuple[str, ...]:
    if table == "indicator_values" and record.get("kind") == "target":
        return _TARGET_FIELDS
    return FIELDS[table]


def _text(value: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", value).translate(_QUOTES)).strip()


def same(expected: Any, got: Any) -> bool:
    """Gold value vs produced value, with the tolerances described in the module docstring."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, (list, tuple)):
        return isinstance(got, (list, tuple)) and len(expected) == len(got) and all(
            same(e, g) for e, g in zip(expected, got))
    if isinstance(got, Decimal) or (isinstance(expected, str) and isinstance(got, (int, float))
                                     and not isinstance(got, bool)):
        try:
            return Decimal(str(expected)) == Decimal(str(got))
        except ArithmeticError:
            return False
    if isinstance(expected, float) or isinstance(got, float):
        try:
            return math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, str) and isinstance(got, str):
        return _text(expected) == _text(got)
    return expected == got


def _key(table: str, record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(record.get(k) for k in KEYS[table])


def compare_tables(got: dict[str, list[dict[str, Any]]], gold: dict[str, Any] | str = PIRA_GOLD) -> Comparison:
    """Score produced records (table -> records) against the gold, table by table."""
    if not isinstance(gold, dict):
        gold = load_gold(gold)
    expected_tables = gold_tables(gold)
    scores: dict[str, TableScore] = {}
    differences: list[Difference] = []
    for table, expected_records in expected_tables.items():
        score = scores[table] = TableScore(table)
        produced = got.get(table, [])
        by_key: dict[tuple[Any, ...], dict[str, Any]] = {}
        counts = Counter(_key(table, r) for r in produced)
        for record in produced:
            by_key.setdefault(_key(table, record), record)
        expected_keys = set()
        for exp in expected_records:
            key = _key(table, exp)
            expected_keys.add(key)
            names = _fields(table, exp)
            score.gold_fields += len(names)
            rec = by_key.get(key)
            if rec is None:
                differences.append(Difference(table, key, "<record>", "present", "missing"))
                continue
            score.produced_fields += len(names)
            for name in names:
                if same(exp.get(name), rec.get(name)):
                    score.correct += 1
                else:
                    differences.append(Difference(table, key, name, exp.get(name), rec.get(name)))
        for key, n in counts.items():
            extra = n - (1 if key in expected_keys else 0)
            if extra:
                sample = by_key[key]
                score.produced_fields += extra * len(_fields(table, sample))
                differences.append(Difference(table, key, "<record>", "absent" if key not in expected_keys
                                              else "once", f"{n} produced"))
    return Comparison(scores, differences)


def load_dataset(out_dir: str | Path, doc_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The compared tables of a written dataset (``OUT/<table>/``), optionally one document's."""
    from camerale.store.dataset import read_table

    tables: dict[str, list[dict[str, Any]]] = {}
    for table in KEYS:
        records = read_table(Path(out_dir), table).to_pylist()
        tables[table] = [r for r in records if doc_id is None or r["doc_id"] == doc_id]
    return tables


def compare_dataset(out_dir: str | Path, doc_id: str | None = None,
                    gold: dict[str, Any] | str = PIRA_GOLD) -> Comparison:
    """Score a dataset directory against the gold (pass ``doc_id`` when it holds several documents)."""
    return compare_tables(load_dataset(out_dir, doc_id), gold)
