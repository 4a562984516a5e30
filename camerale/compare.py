"""Value-by-value comparison of two extractions, for auditors.

Two datasets (two runs) or two documents (two versions of a report) are compared
record by record, in every table of the dataset (``documents`` included).  Records are
paired by their natural key in the report (mission, programme, objective position,
indicator position, year, ...), not by doc_id, so a re-issued PDF of the same report is
compared with its earlier version.  Each change names the table, the record, the
column, both values, and where each was printed.

A key that holds more than one record in either run is compared as a multiset: twins
equal in both runs cancel out; whatever is left is reported as a ``duplicate`` change
(with its value changes), never silently collapsed into one record.

Only the two datasets are read, each document from its own files; a dataset that is
missing, corrupt or holds a doc_id that is not a sha256 raises ``DatasetError``.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from camerale.errors import DatasetError
from camerale.schemas.tables import SCHEMAS
from camerale.store import dataset

# What identifies a record inside one report, per table.  A table not listed here (one
# added later) is keyed by all its compared columns: its records can be added or removed.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "documents": (),  # one record per document: the pair of documents is its key
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
    "tables": ("page", "table_index", "row", "col"),
    "warnings": ("stage", "message"),
    "normalizations": ("table", "column", "record_key", "raw"),
}
# A report is the same report in both datasets when these agree.
REPORT_KEY = ("doc_type", "chamber", "phase", "reference_year")
# Provenance and bookkeeping: shown beside the values, never compared as values.  Boxes
# (a value's ``bbox``, its table's ``region``) move by fractions of a point between renditions
# of the same page: compared, every cell of a scanned table would be reported as changed.
_NOT_COMPARED = {"doc_id", "page", "bbox", "region", "line", "ocr_confidence", "ingested_at", "source_path",
                 "seq"}
# Linked objectives are dataset-level: their doc_ids are replaced by the pair's report label.
_LINKS = "objective_links"
_LINK_KEY = ("left_report", "left_table", "left_key", "right_report", "right_table", "right_key")

RECORD = "<record>"    # column of an added or removed record
TWINS = "<key>"        # column of a duplicate-key change


@dataclass(frozen=True)
class Change:
    report: str           # "pira Lucca consuntivo 2019"
    table: str
    key: str              # "mission_code=011 program_code=005 objective_seq=1"
    column: str           # RECORD when the whole record was added or removed, TWINS for duplicates
    old: Any
    new: Any
    old_where: str | None  # "p. 4 [43,134,548,393]" or "line 58"
    new_where: str | None
    kind: str = "changed"  # "changed", "added", "removed", "duplicate"
    old_doc_id: str | None = None
    new_doc_id: str | None = None
    old_page: int | None = None
    new_page: int | None = None
    old_bbox: dict[str, float] | None = None
    new_bbox: dict[str, float] | None = None
    old_line: int | None = None
    new_line: int | None = None
    old_ocr_confidence: float | None = None   # 0-1, the least confident OCR'd word of the record
    new_ocr_confidence: float | None = None
    key_values: tuple[Any, ...] = ()          # the key's values, in the order of the table's key columns

    def as_row(self) -> dict[str, Any]:
        """A flat row of text and numbers for CSV or Parquet (lists and boxes as JSON)."""
        row = dict(vars(self))
        for name in ("old", "new", "old_bbox", "new_bbox", "key_values"):
            value = row[name]
            if isinstance(value, (list, tuple, dict)):
                row[name] = json.dumps(value, default=str, ensure_ascii=False)
            elif value is not None:
                row[name] = str(value)
        return row


@dataclass(frozen=True)
class DocumentPair:
    report: str
    old: dict[str, Any] | None   # the documents row of each side; None when unpaired
    new: dict[str, Any] | None


@dataclass
class TableCounts:
    added: int = 0
    removed: int = 0
    changed_records: int = 0
    changed_values: int = 0
    duplicates: int = 0

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed_values + self.duplicates


@dataclass
class Comparison:
    old: Path
    new: Path
    pairs: list[DocumentPair]
    changes: list[Change] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, TableCounts]:
        """Per table, in the dataset's table order: records added/removed/changed, values changed."""
        counts = {table: TableCounts() for table in SCHEMAS}
        records: set[tuple[str, str, str]] = set()
        for c in self.changes:
            n = counts.setdefault(c.table, TableCounts())
            if c.kind == "added":
                n.added += 1
            elif c.kind == "removed":
                n.removed += 1
            elif c.kind == "duplicate":
                n.duplicates += 1
            else:
                n.changed_values += 1
                if (c.report, c.table, c.key) not in records:
                    records.add((c.report, c.table, c.key))
                    n.changed_records += 1
        return counts


def compare(old: Path, new: Path, *, old_docs: Iterable[str] | None = None,
            new_docs: Iterable[str] | None = None) -> Comparison:
    """Every value that differs between two datasets (or chosen documents of them)."""
    old_rows, new_rows = _documents(old, old_docs), _documents(new, new_docs)
    result = Comparison(old, new, _pairs(old_rows, new_rows))
    for pair in result.pairs:
        if pair.old is None or pair.new is None:
            doc = pair.old or pair.new
            kind = "removed" if pair.new is None else "added"
            result.changes.append(Change(
                pair.report, "documents", f"doc_id={doc['doc_id']}", RECORD,
                "present" if pair.old else None, "present" if pair.new else None,
                _where(pair.old), _where(pair.new), kind,
                pair.old and pair.old["doc_id"], pair.new and pair.new["doc_id"]))
            continue
        for table in SCHEMAS:
            if table == _LINKS:
                continue
            if table == "documents":
                olds, news = [pair.old], [pair.new]
            else:
                olds = _records(old, table, pair.old["doc_id"])
                news = _records(new, table, pair.new["doc_id"])
            result.changes += _compare_table(pair.report, table, _key_columns(table), olds, news)
    result.changes += _compare_links(old, new, result.pairs)
    return result


def _documents(out: Path, doc_ids: Iterable[str] | None) -> list[dict[str, Any]]:
    if not out.is_dir():
        raise DatasetError(f"{out}: {'not a folder' if out.exists() else 'no such dataset folder'}")
    if not (out / "documents").is_dir():
        raise DatasetError(f"{out}: not a camerale dataset (no documents/ folder)")
    docs = dataset.read_table(out, "documents").to_pylist()
    for d in docs:
        dataset.check_doc_id(d["doc_id"])
    if doc_ids:
        wanted = {dataset.check_doc_id(d) for d in doc_ids}
        missing = wanted - {d["doc_id"] for d in docs}
        if missing:
            raise DatasetError(f"{out}: no document {sorted(missing)[0]}")
        docs = [d for d in docs if d["doc_id"] in wanted]
    return docs


def _label(doc: dict[str, Any]) -> str:
    return " ".join(str(doc[k]) for k in REPORT_KEY if doc[k] is not None)


def _pairs(old_docs: list[dict], new_docs: list[dict]) -> list[DocumentPair]:
    """Pairs of documents: same bytes first, then same report and input kind."""
    if len(old_docs) == len(new_docs) == 1:
        return [DocumentPair(_label(new_docs[0]), old_docs[0], new_docs[0])]
    new_by_id = {d["doc_id"]: d for d in new_docs}
    pairs = [DocumentPair(_label(d), d, new_by_id[d["doc_id"]]) for d in old_docs if d["doc_id"] in new_by_id]
    paired = {p.old["doc_id"] for p in pairs}
    by_report: dict[tuple, tuple[list, list]] = {}
    for side, docs in enumerate((old_docs, new_docs)):
        for d in docs:
            if d["doc_id"] not in paired:
                key = tuple(d[k] for k in (*REPORT_KEY, "input_kind"))
                by_report.setdefault(key, ([], []))[side].append(d)
    for olds, news in by_report.values():
        if len(olds) == len(news) == 1:
            pairs.append(DocumentPair(_label(news[0]), olds[0], news[0]))
        else:
            pairs += [DocumentPair(_label(d), d, None) for d in olds]
            pairs += [DocumentPair(_label(d), None, d) for d in news]
    return pairs


def _key_columns(table: str) -> tuple[str, ...]:
    if table in NATURAL_KEYS and set(NATURAL_KEYS[table]) <= set(SCHEMAS[table].names):
        return NATURAL_KEYS[table]
    return tuple(c for c in SCHEMAS[table].names if c not in _NOT_COMPARED)


def _records(out: Path, table: str, doc_id: str) -> list[dict[str, Any]]:
    return dataset.read_document_table(out, table, doc_id).to_pylist()


def _plain(value: Any) -> Any:
    """A cell as a plain Python value: every kind of missing (None, NaN) to None."""
    if isinstance(value, float) and value != value:
        return None
    return value


def _where(row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None
    page, bbox, line = row.get("page"), row.get("bbox"), row.get("line")
    if page is not None:
        if isinstance(bbox, dict):
            return f"p. {int(page)} [{bbox['x0']:.0f},{bbox['top']:.0f},{bbox['x1']:.0f},{bbox['bottom']:.0f}]"
        return f"p. {int(page)}"
    return f"line {int(line)}" if line is not None else None


def _key_text(key: tuple, columns: tuple[str, ...]) -> str:
    return " ".join(f"{c}={v}" for c, v in zip(columns, key)) or "document"


def _change(label: str, table: str, key: tuple, key_cols: tuple[str, ...], column: str, old: Any, new: Any,
            kind: str, o: dict[str, Any] | None, n: dict[str, Any] | None) -> Change:
    o, n = o or {}, n or {}
    return Change(label, table, _key_text(key, key_cols), column, old, new, _where(o), _where(n), kind,
                  o.get("doc_id"), n.get("doc_id"), o.get("page"), n.get("page"),
                  o.get("bbox"), n.get("bbox"), o.get("line"), n.get("line"),
                  _plain(o.get("ocr_confidence")), _plain(n.get("ocr_confidence")), key)


def _compare_table(label: str, table: str, key_cols: tuple[str, ...], olds: list[dict[str, Any]],
                   news: list[dict[str, Any]], ignored: Iterable[str] = ()) -> list[Change]:
    skipped = _NOT_COMPARED | set(key_cols) | set(ignored)
    columns = [c for c in SCHEMAS[table].names if c not in skipped]

    def values(row: dict[str, Any]) -> tuple:
        return tuple(_plain(row.get(c)) for c in columns)

    def group(rows: list[dict[str, Any]]) -> dict[tuple, list[dict[str, Any]]]:
        groups: dict[tuple, list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(tuple(_plain(row.get(c)) for c in key_cols), []).append(row)
        return groups

    old_groups, new_groups = group(olds), group(news)
    changes: list[Change] = []
    for key in sorted(set(old_groups) | set(new_groups), key=str):
        o_rows, n_rows = old_groups.get(key, []), new_groups.get(key, [])
        if len(o_rows) > 1 or len(n_rows) > 1:
            o_rows, n_rows = _without_twins(o_rows, n_rows, values)
            if not o_rows and not n_rows:
                continue
            counts = (len(old_groups.get(key, [])), len(new_groups.get(key, [])))
            changes.append(_change(label, table, key, key_cols, TWINS, f"{counts[0]} records",
                                   f"{counts[1]} records", "duplicate", o_rows[0] if o_rows else None,
                                   n_rows[0] if n_rows else None))
        for o, n in zip(o_rows, n_rows):
            for column, old_value, new_value in zip(columns, values(o), values(n)):
                if old_value != new_value:
                    changes.append(_change(label, table, key, key_cols, column, old_value, new_value, "changed",
                                           o, n))
        for o in o_rows[len(n_rows):]:
            changes.append(_change(label, table, key, key_cols, RECORD, "present", None, "removed", o, None))
        for n in n_rows[len(o_rows):]:
            changes.append(_change(label, table, key, key_cols, RECORD, None, "present", "added", None, n))
    return changes


def _without_twins(olds: list[dict], news: list[dict], values) -> tuple[list[dict], list[dict]]:
    """Records of one key left once every old record equal to a new one is set aside with it."""
    def identity(row: dict[str, Any]) -> str:
        return json.dumps(values(row), default=str, sort_keys=True)

    unmatched = Counter(identity(o) for o in olds)
    left_new = []
    for n in news:
        if unmatched[identity(n)] > 0:
            unmatched[identity(n)] -= 1
        else:
            left_new.append(n)
    left_old = []
    for o in olds:
        if unmatched[identity(o)] > 0:
            unmatched[identity(o)] -= 1
            left_old.append(o)
    return left_old, left_new


def _compare_links(old: Path, new: Path, pairs: list[DocumentPair]) -> list[Change]:
    """objective_links, with each side's doc_id replaced by the report label of its pair."""
    def rows(out: Path, side: str) -> list[dict[str, Any]]:
        # Only documents present in both runs; both sides of a pair get the same label.
        label = {getattr(p, side)["doc_id"]: f"{p.report} [{p.new['source_name']}]"
                 for p in pairs if p.old is not None and p.new is not None}
        kept = []
        for row in dataset.read_table(out, _LINKS).to_pylist():
            if row["left_doc_id"] in label and row["right_doc_id"] in label:
                kept.append({**row, "left_report": label[row["left_doc_id"]],
                             "right_report": label[row["right_doc_id"]]})
        return kept

    return _compare_table("dataset", _LINKS, _LINK_KEY, rows(old, "old"), rows(new, "new"),
                          ignored=("left_doc_id", "right_doc_id"))


def shown(value: Any) -> str:
    """A value as text for people: '—' for missing, lists joined, control characters made visible.

    Values come from documents and may hold anything: a line break is shown as '⏎', any other
    control or format character (terminal escapes, bidi overrides) as its code point, so that
    neither a terminal nor a page can be steered by the data.
    """
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        text = "[" + ", ".join(shown(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = json.dumps(value, default=str, ensure_ascii=False)
    else:
        text = str(value)
    return "".join(_visible(ch) for ch in text)


def _visible(ch: str) -> str:
    if ch == "\n":
        return "⏎"
    if ch == "\t":
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
        return f"<U+{ord(ch):04X}>"
    return ch
