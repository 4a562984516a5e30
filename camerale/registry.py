"""The chamber registry of project codes: a dataset-level step, so no result depends on ingest order.

A damaged project code that its own document cannot decide (``ZD0101``: 2D0101 or 7D0101)
may be decided by the codes the chamber's *other* documents print.  Were that registry read
while a document is parsed, the dataset would depend on which documents came before.  So
each document is parsed with its own evidence only, and after every batch this step
re-reconciles, for every document, the codes its own printings did not decide
(``codes.decided_by_document``) against the registry of its chamber, built from all the
other documents of the chamber:

- the registry holds the codes whose reading no registry can change: printed well formed,
  decided by their own document, or left a single reading by the grammar;
- the rows of a document whose outcome changes are rewritten through the store's committed
  replacement, with their ``normalizations`` and ``warnings``.  The code normalizations and
  warnings this step owns are always regenerated in row order, so the same documents give
  the same dataset whatever the order or grouping of the runs that ingested them.

``reconcile_document`` is the same work on one document's records in memory (what the
benchmark applies after parsing); ``reconcile_registry(out)`` is the step.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from camerale.model import location
from camerale.normalize.codes import (CodeResolution, Evidence, decided_by_document, prints_project_codes,
                                      is_project_code, project_code_readings, reconcile_project_code_with_registry,
                                      strategic_objective_of)
from camerale.store import dataset

Record = dict[str, Any]


@dataclass
class _Occurrence:
    """One printed project code of a record, and how to read and write its outcome there."""

    table: str
    record: Record
    index: int | None        # position in the record's code lists; None for budget_lines' scalar columns
    key: str                 # record_key of its normalizations
    locator: str             # text its warnings carry to tell them from another printing's
    title: str | None = None
    titled: Mapping[str, str] | None = None

    def _get(self, column: str) -> Any:
        value = self.record[column]
        return value if self.index is None else value[self.index]

    def _set(self, column: str, value: Any) -> None:
        if self.index is None:
            self.record[column] = value
        else:
            self.record[column] = [*self.record[column][:self.index], value, *self.record[column][self.index + 1:]]

    @property
    def column(self) -> str:
        return "project_code" if self.index is None else "project_codes"

    @property
    def raw(self) -> str:
        return self._get(f"{self.column}_raw")

    @property
    def outcome(self) -> tuple[str, str, float]:
        return self._get(self.column), self._get(f"{self.column}_method"), self._get(f"{self.column}_confidence")

    def store(self, resolution: CodeResolution) -> None:
        self._set(self.column, resolution.normalized)
        self._set(f"{self.column}_method", resolution.method)
        self._set(f"{self.column}_confidence", resolution.confidence)

    def message(self, warning: str) -> str:
        if self.table == "budget_lines":
            return f"budget_lines {warning} {self.locator}".rstrip()
        return f"{self.locator} {warning}"


def _occurrences(tables: Mapping[str, Sequence[Record]]) -> Iterator[_Occurrence]:
    """Every reconciled printed project code of one document, in row order."""
    summaries = tables.get("summary_objectives", [])
    titled = {raw: s["title"] for s in summaries for raw in s.get("project_codes_raw") or [] if s.get("title")}
    for table in ("summary_objectives", "objectives"):
        for record in tables.get(table, []):
            if table == "objectives":
                key = f"{record['mission_code']}-{record['program_code']}/{record['objective_seq']}"
            else:
                key = record["objective_code"]
            for i in range(len(record.get("project_codes_method") or [])):
                yield _Occurrence(table, record, i, key, f"{table} {key}:",
                                  record["title"] if table == "objectives" else None,
                                  titled if table == "objectives" else None)
    for record in tables.get("budget_lines", []):
        if record.get("line_kind") == "project" and record.get("project_code_raw") and record.get("project_code_method"):
            where = location(record.get("page"), record.get("line"))
            yield _Occurrence("budget_lines", record, None, f"{record.get('strategic_objective')}/"
                              f"{record['project_code_raw']}", f"({where})" if where else "")


def _registry_independent(occurrence: _Occurrence) -> bool:
    """True when no registry can change the code's reading: evidence for other documents."""
    _, method, confidence = occurrence.outcome
    return method in ("exact", "confusion+evidence") or len(project_code_readings(occurrence.raw)) == 1


def registry_codes(tables: Mapping[str, Sequence[Record]]) -> set[str]:
    """The codes one document lends the registry of its chamber."""
    return {o.outcome[0] for o in _occurrences(tables) if _registry_independent(o) and is_project_code(o.outcome[0])}


def _mismatch(occurrence: _Occurrence, code: str) -> str | None:
    """A budget line whose code belongs to another strategic objective than the one it is printed under."""
    printed_under = occurrence.record.get("strategic_objective")
    objective = strategic_objective_of(code)
    if occurrence.table != "budget_lines" or not objective or not printed_under or objective == printed_under:
        return None
    return (f"budget_lines project {code} is printed under strategic objective {printed_under} "
            f"but its code belongs to {objective} {occurrence.locator}".rstrip())


def _owned(occurrence: _Occurrence, in_use: bool) -> tuple[Callable[[Record], bool], Callable[[str], bool]]:
    """Tests for the normalization and the warnings the occurrence's present outcome produced."""
    normalized, method, _ = occurrence.outcome
    raw = occurrence.raw

    def normalization(n: Record) -> bool:
        return (n["table"] == occurrence.table and n["column"] == occurrence.column and n["raw"] == raw
                and n["normalized"] == normalized and n["page"] == occurrence.record.get("page")
                and n["line"] == occurrence.record.get("line"))

    unresolved = (reconcile_project_code_with_registry(raw, Evidence(grammar_in_use=in_use)).warning
                  if method == "unresolved" else None)
    mismatch = _mismatch(occurrence, normalized)

    def warning(message: str) -> bool:
        return ((unresolved is not None and unresolved in message and occurrence.locator in message)
                or message == mismatch)

    return normalization, warning


def reconcile_document(tables: Mapping[str, list[Record]], normalizations: list[Record], warnings: list[str],
                       registry: frozenset[str]) -> tuple[list[Record], list[str]] | None:
    """Re-reconcile one document's codes that its own printings did not decide, against ``registry``.

    The records in ``tables`` are updated in place; returns the document's new normalizations and
    warnings, or None when nothing differs from what it holds.
    """
    occurrences = list(_occurrences(tables))
    pending = [o for o in occurrences if not decided_by_document(*o.outcome[1:])]
    if not pending:
        return None
    # The same test of the document's grammar as its parser's (codes.prints_project_codes).
    in_use = prints_project_codes(o.raw for o in occurrences)
    before = [o.outcome for o in pending]
    new_normalizations, new_warnings = list(normalizations), list(warnings)
    generated_normalizations: list[Record] = []
    generated_warnings: list[str] = []
    for occurrence in pending:
        owns_normalization, owns_warning = _owned(occurrence, in_use)
        # Exactly one normalization per changed code; its warnings are each message that names it.
        for i, n in enumerate(new_normalizations):
            if owns_normalization(n):
                del new_normalizations[i]
                break
        new_warnings = [w for w in new_warnings if not owns_warning(w)]
        resolution = reconcile_project_code_with_registry(
            occurrence.raw, Evidence(registry=registry, title=occurrence.title, titled_codes=occurrence.titled or {},
                                     grammar_in_use=in_use))
        occurrence.store(resolution)
        if resolution.changed:
            generated_normalizations.append(resolution.normalization(occurrence.table, occurrence.column,
                                                                     occurrence.key, occurrence.record))
        if resolution.warning:
            generated_warnings.append(occurrence.message(resolution.warning))
        if mismatch := _mismatch(occurrence, resolution.normalized):
            generated_warnings.append(mismatch)
    new_normalizations += generated_normalizations
    new_warnings += generated_warnings
    if [o.outcome for o in pending] == before and new_normalizations == normalizations and new_warnings == warnings:
        return None
    return new_normalizations, new_warnings


_CODE_TABLES = ("summary_objectives", "objectives", "budget_lines")


def reconcile_registry(out: Path) -> None:
    """The dataset-level step: re-reconcile every document's undecided codes against its chamber's registry.

    Reads the code tables, normalizations and warnings of the whole dataset once; only the
    documents whose records change are read in full and rewritten.
    """
    chamber_of = {d["doc_id"]: d["chamber"] for d in dataset.read_table(out, "documents")
                  .select(["doc_id", "chamber"]).to_pylist()}
    records: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for table in (*_CODE_TABLES, "normalizations", "warnings"):
        for row in dataset.read_table(out, table).to_pylist():
            records[row["doc_id"]][table].append(row)
    lent = {doc_id: registry_codes(tables) for doc_id, tables in records.items()}
    by_chamber: dict[str, set[str]] = defaultdict(set)
    for doc_id, chamber in chamber_of.items():
        if chamber:
            by_chamber[chamber].add(doc_id)

    for doc_id in sorted(records):
        chamber = chamber_of.get(doc_id)
        if not chamber:
            continue  # a document not yet listed, or not a report: no chamber lends it codes
        registry = frozenset().union(*(lent.get(other, ()) for other in by_chamber[chamber] if other != doc_id))
        tables = records[doc_id]
        warning_rows = sorted(tables["warnings"], key=lambda w: w["seq"])
        result = reconcile_document(tables, tables["normalizations"], [w["message"] for w in warning_rows], registry)
        if result is not None:
            dataset.rewrite_document(out, doc_id, {table: tables[table] for table in _CODE_TABLES}, *result,
                                     {w["message"]: w["stage"] for w in warning_rows})
