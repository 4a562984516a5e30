"""Field-by-field comparison of parsed Relazione tables against a hand-checked gold JSON.

Used by the PDF and the text tests: ``compare(parsed.tables, gold)`` gives, per dataset
table, recall and precision over rows plus named differences.  A produced row counts
as correct when its key matches a gold row and every compared field is equal.

Mapping gold -> tables:
- strategic_objectives: gold ``strategic_objectives``; area = first digit of the code
  (gold note: area 1 = 1A-1F, 2 = 2A-2E, 3 = 3A-3F).
- budget_lines: gold ``budget_lines`` (line_kind 'project'), ``budget_subtotals``
  ('subtotal'), ``budget_total`` ('total'); subtotal and total rows carry no project
  code or title (the label stays in raw_text).
- strategic_areas: gold ``strategic_areas``; the ``'total'`` row has area None.
- achievements: gold ``entity_objectives`` (owner 'Ente', objective_number '1'..),
  ``entity_overall_pct`` as the entity's overall row (owner 'Ente', objective_number,
  title and indicator None: the report states one overall figure for the entity, just as
  strategic_areas keeps its total row with area None), and ``individual_objectives``: one
  row per objective (indicator_seq None, its closing %) and one per indicator
  (indicator_seq 1-based, the objective's title repeated).
- financial_indicators: one row per (name, year) in gold ``values``; values the gold
  leaves unattributed give no row.  "89.6%" -> value 89.6, unit '%'; names with
  "(valore in Euro)" -> unit '€'; others unit None.
- composition: gold ``revenue_composition`` (kind 'proventi') and ``cost_composition``
  ('oneri'), one row per item and year 2016/2015 with pct and amount.

Text is compared after collapsing whitespace and folding typographic quotes (’ ‘ “ ”)
to ASCII.  Gold amounts ("26500.00") compare as Decimal, gold percentages ("3.7") as
floats.  Printed texts (achievement_text, value_text, pct_text, amount_text) compare
with the gold's figure after Italian -> gold notation ("98,4%" -> "98.4").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fixtures import load_gold  # noqa: F401  (the tests load the relazione golds through here)
from typing import Any


Record = dict[str, Any]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})

TABLES = ("strategic_objectives", "budget_lines", "strategic_areas", "achievements",
          "financial_indicators", "composition")

KEYS: dict[str, tuple[str, ...]] = {
    "strategic_objectives": ("code",),
    "budget_lines": ("line_kind", "strategic_objective", "project_key"),
    "strategic_areas": ("area",),
    "achievements": ("owner", "objective_number", "indicator_seq"),
    "financial_indicators": ("name", "year"),
    "composition": ("kind", "item", "year"),
}

FIELDS: dict[str, tuple[str, ...]] = {
    "strategic_objectives": ("code", "title", "area"),
    "budget_lines": ("line_kind", "strategic_objective", "project_code", "project_code_raw", "project_title",
                     "budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total"),
    "strategic_areas": ("area", "name", "budget_initial", "budget_updated", "actual", "pct_used",
                        "pct_of_total"),
    "achievements": ("owner", "objective_number", "title", "indicator_seq", "indicator_label",
                     "indicator_text", "achievement_pct", "achievement_text"),
    "financial_indicators": ("name", "year", "value", "value_text", "unit"),
    "composition": ("kind", "item", "year", "pct", "pct_text", "amount", "amount_text"),
}

# Printed-text columns: compared in gold notation, see gold_notation().
PRINTED = {"achievement_text", "value_text", "pct_text", "amount_text"}




def norm_text(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def gold_notation(printed: str | None) -> str | None:
    """Italian printed figure -> the gold's notation: '23.371,4' -> '23371.4', '98,4%' -> '98.4%'.

    A figure printed with a decimal point and no comma ('99.57%') is already in gold notation.
    """
    if printed is None:
        return None
    text = printed.strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _pct(text: str | None) -> float | None:
    if text in (None, ""):
        return None
    try:
        return float(text.rstrip("%"))
    except ValueError:  # "N.C."
        return None


# --- gold -> expected records ---------------------------------------------------------

def _budget_expected(gold: dict[str, Any]) -> list[Record]:
    rows = []
    for g in gold["budget_lines"]:
        rows.append({"line_kind": "project", "strategic_objective": g["strategic_objective"],
                     "project_code": g["project_code"], "project_code_raw": g["project_code_raw"],
                     "project_title": g["project_title"], "budget_initial": _dec(g["budget_initial"]),
                     "budget_updated": _dec(g["budget_updated"]), "actual": _dec(g["actual"]),
                     "pct_used": _pct(g.get("pct_used")), "pct_of_total": _pct(g.get("pct_of_total"))})
    subtotals = [dict(g, line_kind="subtotal") for g in gold["budget_subtotals"]]
    total = dict(gold["budget_total"], line_kind="total", strategic_objective=None)
    for g in subtotals + [total]:
        rows.append({"line_kind": g["line_kind"], "strategic_objective": g["strategic_objective"],
                     "project_code": None, "project_code_raw": None, "project_title": None,
                     "budget_initial": _dec(g["budget_initial"]), "budget_updated": _dec(g["budget_updated"]),
                     "actual": _dec(g["actual"]), "pct_used": _pct(g.get("pct_used")),
                     "pct_of_total": _pct(g.get("pct_of_total"))})
    return rows


def _achievements_expected(gold: dict[str, Any]) -> list[Record]:
    def row(owner, number, title, pct, seq=None, label=None, text=None):
        return {"owner": owner, "objective_number": number, "title": title, "indicator_seq": seq,
                "indicator_label": label, "indicator_text": text, "achievement_pct": _pct(pct),
                "achievement_text": pct}
    rows = [row("Ente", str(g["number"]), g["title"], g["achievement_pct"]) for g in gold["entity_objectives"]]
    if gold.get("entity_overall_pct") is not None:
        rows.append(row("Ente", None, None, gold["entity_overall_pct"]))
    for g in gold["individual_objectives"]:
        rows.append(row(g["owner"], g["objective_number"], g["title"], g["achievement_pct"]))
        for seq, ind in enumerate(g["indicators"], start=1):
            rows.append(row(g["owner"], g["objective_number"], g["title"], ind["achievement_pct"],
                            seq, ind["label"], ind["text"]))
    return rows


def _financial_expected(gold: dict[str, Any]) -> list[Record]:
    rows = []
    for g in gold["financial_indicators"]:
        for year, text in g["values"].items():
            unit = "%" if text.endswith("%") else ("€" if re.search(r"valore in euro", g["name"], re.I) else None)
            rows.append({"name": g["name"], "year": int(year), "value": float(text.rstrip("%")),
                         "value_text": text, "unit": unit})
    return rows


def _composition_expected(gold: dict[str, Any]) -> list[Record]:
    rows = []
    for kind, items in (("proventi", gold["revenue_composition"]), ("oneri", gold["cost_composition"])):
        for g in items:
            for year in (2016, 2015):
                pct, amount = g.get(f"pct_{year}"), g.get(f"amount_{year}")
                rows.append({"kind": kind, "item": g["item"], "year": year, "pct": _pct(pct), "pct_text": pct,
                             "amount": _dec(amount), "amount_text": amount})
    return rows


def expected_tables(gold: dict[str, Any]) -> dict[str, list[Record]]:
    """The gold as record dicts of the dataset tables (only the compared columns)."""
    return {
        "strategic_objectives": [{"code": g["code"], "title": g["title"], "area": int(g["code"][0])}
                                 for g in gold["strategic_objectives"]],
        "budget_lines": _budget_expected(gold),
        "strategic_areas": [{"area": None if g["area"] == "total" else g["area"], "name": g["name"],
                             "budget_initial": _dec(g["budget_initial"]),
                             "budget_updated": _dec(g["budget_updated"]), "actual": _dec(g["actual"]),
                             "pct_used": _pct(g["pct_used"]), "pct_of_total": _pct(g["pct_of_total"])}
                            for g in gold["strategic_areas"]],
        "achievements": _achievements_expected(gold),
        "financial_indicators": _financial_expected(gold),
        "composition": _composition_expected(gold),
    }


# --- comparison -------------------------------------------------------------------------

def _key(table: str, record: Record) -> tuple:
    if table == "budget_lines":
        # A project line is identified by its printed code, or by its title when it has none (1F).
        project = record.get("project_code_raw") or record.get("project_title")
        record = dict(record, project_key=project)
    return tuple(norm_text(record.get(k)) for k in KEYS[table])


def _equal(column: str, expected: Any, got: Any) -> bool:
    if column in PRINTED:
        expected_text = gold_notation(expected)
        got_text = gold_notation(got)
        if column == "achievement_text" and expected_text is not None and got_text is not None:
            # The gold keeps the objective % without its sign ("98.4" for "98,4%").
            return expected_text.rstrip("%") == got_text.rstrip("%")
        return expected_text == got_text
    if isinstance(expected, float) or isinstance(got, float):
        if expected is None or got is None:
            return expected is got
        return abs(float(expected) - float(got)) < 1e-9
    if isinstance(expected, Decimal) or isinstance(got, Decimal):
        if expected is None or got is None:
            return expected is got
        return Decimal(expected) == Decimal(got)
    return norm_text(expected) == norm_text(got)


@dataclass
class TableScore:
    table: str
    expected: int
    produced: int
    correct: int
    differences: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.produced if self.produced else (1.0 if not self.expected else 0.0)

    def summary(self) -> str:
        return (f"{self.table:22s} expected {self.expected:3d} produced {self.produced:3d} "
                f"correct {self.correct:3d} recall {self.recall:.3f} precision {self.precision:.3f}")


def compare_table(table: str, produced: list[Record], expected: list[Record]) -> TableScore:
    fields = FIELDS[table]
    by_key: dict[tuple, list[Record]] = {}
    for r in produced:
        by_key.setdefault(_key(table, r), []).append(r)
    score = TableScore(table, len(expected), len(produced), 0)
    seen: set[tuple] = set()
    for exp in expected:
        key = _key(table, exp)
        candidates = by_key.get(key, [])
        if key in seen:
            score.differences.append(f"{table} {key}: gold has this key twice")
        seen.add(key)
        if not candidates:
            score.differences.append(f"{table} {key}: missing")
            continue
        got = candidates.pop(0)
        diffs = [f"{table} {key}.{c}: expected {exp.get(c)!r} got {got.get(c)!r}"
                 for c in fields if not _equal(c, exp.get(c), got.get(c))]
        score.differences += diffs
        if not diffs:
            score.correct += 1
    for key, rest in by_key.items():
        for _ in rest:
            score.differences.append(f"{table} {key}: not in gold")
    return score


def compare(produced: dict[str, list[Record]], gold: dict[str, Any],
            tables: tuple[str, ...] = TABLES) -> dict[str, TableScore]:
    """Per-table scores of ``produced`` (ParsedDocument.tables) against a relazione gold."""
    expected = expected_tables(gold)
    return {t: compare_table(t, produced.get(t, []), expected[t]) for t in tables}


def report(scores: dict[str, TableScore], max_differences: int = 40) -> str:
    lines = [s.summary() for s in scores.values()]
    differences = [d for s in scores.values() for d in s.differences]
    lines += differences[:max_differences]
    if len(differences) > max_differences:
        lines.append(f"... {len(differences) - max_differences} more differences")
    return "\n".join(lines)

