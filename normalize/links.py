"""The same objective across documents and years: the ``objective_links`` table.

A PIRA objective names its projects (``(PROGETTO 1B0101)``); a Relazione sulla performance
lists the same projects in its budget table and groups them under strategic objectives
whose code is the first two characters of the project code (``1B0101`` -> ``1B``).  So:

1. ``project_code`` links (score 1.0): a PIRA objective and
   - a Relazione budget line with the same project code,
   - a Relazione strategic objective whose code prefixes one of its project codes,
   - an objective of another PIRA sharing a project code.
2. ``title`` links, for pairs that share no code: rapidfuzz ``token_set_ratio`` of the titles
   (the ``(PROGETTO ...)`` tail removed) >= ``TITLE_LINK_THRESHOLD``; score = ratio / 100.

``shared_codes`` lists the PIRA project codes behind a ``project_code`` link (for a strategic
objective, those of its codes that fall under it, e.g. ``['3E7101']`` for ``3E``); it is empty
for ``title`` links.

Only reconciled project codes are used (a code left ``unresolved`` is the raw print and
could link wrongly).  When ``documents`` is given, only documents of the same chamber are
linked, and between two objectives the left one is the earlier document.

Keys: an objective is ``objective_code`` or, where the PIRA prints none, the same shape built
from mission, programme and sequence (``032-004-001``); a strategic objective is its code
(``1B``); a budget line its project code (``1B0101``).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, utils

# A row of a dataset table as read from Parquet (``pyarrow.Table.to_pylist()``).
Record = Mapping[str, Any]

# Measured on the seeds (PIRA Lucca 2019 vs Relazione Lucca 2016): pairs of different objectives
# score at most 77; the same objective without a shared code ('RIORGANIZZAZIONE DELL'ENTE.' / 3A,
# 'LA COMUNICAZIONE DIGITALE E LA SUA STRATEGIA' / 3E0101) scores 100.
TITLE_LINK_THRESHOLD = 85.0

_PROJECT_TAIL = re.compile(r"\(\s*PROGETT[OI]\b[^()]*\)\s*$", re.I)


def _title(text: Any) -> str:
    return _PROJECT_TAIL.sub("", text).strip() if isinstance(text, str) else ""


def title_score(a: str, b: str) -> float:
    """0-100 similarity of two titles.

    ``token_set_ratio`` scores 100 whenever one title's words are a subset of the other's, which
    is right for 'Analisi del sistema economico locale' inside the longer PIRA title but wrong for
    a one-word title; a title of one word is therefore compared as a whole string.
    """
    pa, pb = utils.default_process(a), utils.default_process(b)
    if not pa or not pb:
        return 0.0
    if min(len(pa.split()), len(pb.split())) < 2:
        return fuzz.ratio(pa, pb)
    return fuzz.token_set_ratio(pa, pb)


def _as_list(value: Any) -> list[Any]:
    """A list cell as read from Parquet (a list or None)."""
    if value is None or isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    return list(value)


def _codes(row: Record) -> list[str]:
    codes = _as_list(row.get("project_codes"))
    methods = _as_list(row.get("project_codes_method")) or [None] * len(codes)
    return [c for c, m in zip(codes, methods) if isinstance(c, str) and m != "unresolved"]


def _objective_key(row: Record) -> str:
    if isinstance(row.get("objective_code"), str) and row["objective_code"]:
        return row["objective_code"]
    seq = row.get("objective_seq")
    seq_text = f"{int(seq):03d}" if seq is not None and not (isinstance(seq, float) and math.isnan(seq)) else "?"
    return f"{row.get('mission_code')}-{row.get('program_code')}-{seq_text}"


def _link(left: dict[str, Any], right: dict[str, Any], method: str, score: float,
          shared: Iterable[str]) -> dict[str, Any]:
    return {"left_doc_id": left["doc_id"], "left_table": left["table"], "left_key": left["key"],
            "left_title": left["title"], "right_doc_id": right["doc_id"], "right_table": right["table"],
            "right_key": right["key"], "right_title": right["title"], "method": method,
            "score": round(float(score), 4), "shared_codes": sorted(set(shared))}


def _records(rows: Sequence[Record] | None, table: str) -> list[dict[str, Any]]:
    out = []
    for row in rows or ():
        if table == "objectives":
            out.append({"doc_id": row["doc_id"], "table": table, "key": _objective_key(row),
                        "title": row.get("title"), "codes": _codes(row)})
        elif table == "strategic_objectives":
            if isinstance(row.get("code"), str):
                out.append({"doc_id": row["doc_id"], "table": table, "key": row["code"],
                            "title": row.get("title"), "codes": []})
        elif isinstance(row.get("project_code"), str):  # budget lines: subtotals and totals carry no code
            out.append({"doc_id": row["doc_id"], "table": table, "key": row["project_code"],
                        "title": row.get("project_title"), "codes": [row["project_code"]]})
    return out


def link_objectives(objectives: Sequence[Record] | None, strategic_objectives: Sequence[Record] | None,
                    budget_lines: Sequence[Record] | None,
                    documents: Sequence[Record] | None = None) -> list[dict[str, Any]]:
    """Rows of ``objective_links`` for the whole dataset (rows as read from Parquet, one dict each).

    Plain rows, not DataFrames: linking runs at the end of every ingest, and whole tables
    turned into DataFrames only to be iterated row by row cost time and memory (issue 13).
    """
    chamber = {d["doc_id"]: d.get("chamber") for d in documents or ()}
    year = {d["doc_id"]: d.get("reference_year") for d in documents or ()}

    def bucket(records: list[dict[str, Any]]) -> dict[Any, list[dict[str, Any]]]:
        out: dict[Any, list[dict[str, Any]]] = {}
        for r in records:
            out.setdefault(chamber.get(r["doc_id"]), []).append(r)
        return out

    all_rights = bucket(_records(strategic_objectives, "strategic_objectives") + _records(budget_lines, "budget_lines"))
    links: list[dict[str, Any]] = []
    for key, objs in bucket(_records(objectives, "objectives")).items():
        links += _link_bucket(objs, all_rights.get(key, []), year)
    return links


def _link_bucket(objs: list[dict[str, Any]], rights: list[dict[str, Any]],
                 year: dict[str, Any]) -> list[dict[str, Any]]:
    """Links among the records of one chamber."""
    def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return a["doc_id"] != b["doc_id"]

    links: list[dict[str, Any]] = []
    linked: set[tuple[str, str, str, str, str, str]] = set()

    def add(left: dict[str, Any], right: dict[str, Any], method: str, score: float, shared: Iterable[str]) -> None:
        ident = (left["doc_id"], left["table"], left["key"], right["doc_id"], right["table"], right["key"])
        if ident in linked:
            return
        linked.add(ident)
        links.append(_link(left, right, method, score, shared))

    def ordered(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        ka = (year.get(a["doc_id"]) or 0, a["doc_id"])
        kb = (year.get(b["doc_id"]) or 0, b["doc_id"])
        return (a, b) if ka <= kb else (b, a)

    # 1. shared project codes
    for o in objs:
        codes = set(o["codes"])
        if not codes:
            continue
        for r in rights:
            if not comparable(o, r):
                continue
            if r["table"] == "budget_lines":
                shared = codes & set(r["codes"])
            else:
                shared = {c for c in codes if c[:2] == r["key"]}
            if shared:
                add(o, r, "project_code", 1.0, shared)
    for i, a in enumerate(objs):
        for b in objs[i + 1:]:
            if comparable(a, b) and (shared := set(a["codes"]) & set(b["codes"])):
                add(*ordered(a, b), "project_code", 1.0, shared)

    # 2. titles, for pairs not linked by a code
    def by_title(left: dict[str, Any], right: dict[str, Any]) -> None:
        ident = (left["doc_id"], left["table"], left["key"], right["doc_id"], right["table"], right["key"])
        if ident in linked:
            return
        score = title_score(_title(left["title"]), _title(right["title"]))
        if score >= TITLE_LINK_THRESHOLD:
            add(left, right, "title", score / 100, [])

    for o in objs:
        for r in rights:
            if comparable(o, r):
                by_title(o, r)
    for i, a in enumerate(objs):
        for b in objs[i + 1:]:
            if comparable(a, b):
                by_title(*ordered(a, b))
    return links
