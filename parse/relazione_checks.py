"""The Relazione's own arithmetic, used as a check and never as a source.

Project lines add up to their objective's subtotal, subtotals to ``TOTALE RISORSE``,
areas to their objectives and to ``TOTALE GENERALE AREE STRATEGICHE``, each % used is
actual / updated budget, each % of total is actual / total actual, each composition %
is amount / sum of the items.  Where the printed figures disagree the records keep what
is printed; these functions only return one-line warnings naming both figures.

The one use beyond checking: an OCR-damaged amount that reads as several values (``2Z.500,00``)
is read as the one value, among those its printed characters allow, with which these sums hold
(``sum_relations``, applied by ``relazione_records.AmountFigures``).  No value is ever computed
from the sums.

Records are dicts with the column names of ``schemas/tables.py`` (amounts as Decimal,
percentages as float), as built by ``parse/relazione_records.py``.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterable, Sequence

from camerale.model import location

Record = dict[str, Any]

AMOUNT_COLUMNS = ("budget_initial", "budget_updated", "actual")
# A printed percentage is rounded (or truncated) to one or two decimals: allow the
# half-unit of one decimal plus float noise, and a full unit for truncation.
PCT_TOLERANCE = 0.1


def _euro(value: Decimal) -> str:
    return f"{value:,.2f}"


def _where(record: Record) -> str:
    where = location(record.get("page"), record.get("line"))
    return f" ({where})" if where else ""


def _sum(records: Iterable[Record], column: str) -> Decimal | None:
    values = [r.get(column) for r in records]
    if not values or any(v is None for v in values):
        return None
    return sum(values, Decimal("0"))


def _compare_sums(label: str, printed: Record, parts: Sequence[Record], parts_label: str) -> list[str]:
    warnings = []
    for column in AMOUNT_COLUMNS:
        expected, total = printed.get(column), _sum(parts, column)
        if expected is None or total is None or expected == total:
            continue
        verb = "prints" if len(parts) == 1 else "sum to"
        warnings.append(f"{label} {column} printed {_euro(expected)} but {parts_label} {verb} "
                        f"{_euro(total)} (difference {_euro(expected - total)}){_where(printed)}")
    return warnings


def check_pct_used(label: str, record: Record) -> list[str]:
    """% used = actual / updated budget x 100, to the printed precision."""
    pct, actual, updated = record.get("pct_used"), record.get("actual"), record.get("budget_updated")
    if pct is None or actual is None or not updated:
        return []
    computed = float(actual) / float(updated) * 100
    if abs(computed - pct) <= PCT_TOLERANCE:
        return []
    return [f"{label} pct_used printed {pct:g} but actual {_euro(actual)} / budget_updated "
            f"{_euro(updated)} = {computed:.2f}{_where(record)}"]


def _budget_label(record: Record) -> str:
    kind = record["line_kind"]
    if kind == "project":
        code = record.get("project_code") or record.get("project_title")
        return f"budget_lines project {code}"
    if kind == "subtotal":
        return f"budget_lines subtotal {record.get('strategic_objective')}"
    return "budget_lines total"


def check_budget_lines(lines: Sequence[Record]) -> list[str]:
    """Project lines vs their subtotal, subtotals vs total, % used and % of total of every line."""
    warnings: list[str] = []
    projects: dict[str | None, list[Record]] = defaultdict(list)
    subtotals = [r for r in lines if r["line_kind"] == "subtotal"]
    totals = [r for r in lines if r["line_kind"] == "total"]
    for r in lines:
        if r["line_kind"] == "project":
            projects[r.get("strategic_objective")].append(r)
        warnings += check_pct_used(_budget_label(r), r)
    for sub in subtotals:
        code = sub.get("strategic_objective")
        if not projects.get(code):
            warnings.append(f"budget_lines subtotal {code} has no project lines{_where(sub)}")
            continue
        parts = projects[code]
        warnings += _compare_sums(f"budget_lines subtotal {code}", sub, parts,
                                  "its project line" if len(parts) == 1 else f"its {len(parts)} project lines")
    for total in totals:
        if subtotals:
            warnings += _compare_sums("budget_lines total", total, subtotals,
                                      f"the {len(subtotals)} objective subtotals")
        warnings += check_pct_of_total("budget_lines subtotal", subtotals, total, "strategic_objective")
    return warnings


def check_pct_of_total(label: str, parts: Sequence[Record], total: Record, key: str) -> list[str]:
    """Each part's % of total = its actual / total actual x 100."""
    total_actual = total.get("actual")
    if not total_actual:
        return []
    warnings = []
    for part in parts:
        pct, actual = part.get("pct_of_total"), part.get("actual")
        if pct is None or actual is None:
            continue
        computed = float(actual) / float(total_actual) * 100
        if abs(computed - pct) > PCT_TOLERANCE:
            warnings.append(f"{label} {part.get(key)} pct_of_total printed {pct:g} but actual "
                            f"{_euro(actual)} / total {_euro(total_actual)} = {computed:.2f}{_where(part)}")
    return warnings


def check_strategic_areas(areas: Sequence[Record], budget_lines: Sequence[Record] = ()) -> list[str]:
    """Areas vs their total row, vs the objective subtotals of the budget table, and % columns.

    An objective belongs to the area of its code's first digit (1A-1F -> area 1).
    """
    warnings: list[str] = []
    rows = [a for a in areas if a.get("area") is not None]
    totals = [a for a in areas if a.get("area") is None]
    for a in areas:
        label = f"strategic_areas area {a['area']}" if a.get("area") is not None else "strategic_areas total"
        warnings += check_pct_used(label, a)
    for total in totals:
        if rows:
            warnings += _compare_sums("strategic_areas total", total, rows, f"the {len(rows)} areas")
        warnings += check_pct_of_total("strategic_areas area", rows, total, "area")

    subtotals = [r for r in budget_lines if r["line_kind"] == "subtotal" and r.get("strategic_objective")]
    by_area: dict[int, list[Record]] = defaultdict(list)
    for sub in subtotals:
        by_area[int(sub["strategic_objective"][0])].append(sub)
    for a in rows:
        objectives = by_area.get(a["area"])
        if objectives:
            codes = "-".join([objectives[0]["strategic_objective"], objectives[-1]["strategic_objective"]])
            warnings += _compare_sums(f"strategic_areas area {a['area']}", a, objectives,
                                      f"its objective subtotals {codes} in the budget table")
    budget_totals = [r for r in budget_lines if r["line_kind"] == "total"]
    for total in totals:
        for budget_total in budget_totals:
            warnings += _compare_sums("strategic_areas total", total, [budget_total],
                                      "the budget table's total line")
    return warnings


def check_composition(items: Sequence[Record]) -> list[str]:
    """Each composition % = amount / sum of its kind's amounts for that year x 100."""
    warnings: list[str] = []
    groups: dict[tuple[str, int], list[Record]] = defaultdict(list)
    for r in items:
        groups[(r["kind"], r["year"])].append(r)
    for (kind, year), group in groups.items():
        total = _sum(group, "amount")
        if not total:
            continue
        for r in group:
            if r.get("pct") is None:
                continue
            computed = float(r["amount"]) / float(total) * 100
            if abs(computed - r["pct"]) > PCT_TOLERANCE:
                warnings.append(f"composition {kind} {year} '{r['item']}' pct printed {r['pct']:g} but amount "
                                f"{_euro(r['amount'])} / total {_euro(total)} = {computed:.2f}{_where(r)}")
    return warnings


def sum_relations(tables: dict[str, list[Record]]) -> list[tuple[list[Record], Record]]:
    """Every (parts, whole) pair whose amounts (``AMOUNT_COLUMNS``) the document prints as a sum:
    an objective's project lines and its subtotal, the subtotals and ``TOTALE RISORSE``, an
    area's objective subtotals and its row in the areas table, the areas and their total,
    and the areas' total and the budget table's (one part)."""
    lines = tables.get("budget_lines", [])
    projects: dict[str | None, list[Record]] = defaultdict(list)
    for r in lines:
        if r["line_kind"] == "project":
            projects[r.get("strategic_objective")].append(r)
    subtotals = [r for r in lines if r["line_kind"] == "subtotal"]
    budget_totals = [r for r in lines if r["line_kind"] == "total"]
    relations = [(projects[s["strategic_objective"]], s) for s in subtotals if projects.get(s.get("strategic_objective"))]
    relations += [(subtotals, t) for t in budget_totals if subtotals]
    areas = tables.get("strategic_areas", [])
    rows = [a for a in areas if a.get("area") is not None]
    area_totals = [a for a in areas if a.get("area") is None]
    by_area: dict[int, list[Record]] = defaultdict(list)
    for sub in subtotals:
        if sub.get("strategic_objective"):
            by_area[int(sub["strategic_objective"][0])].append(sub)
    relations += [(by_area[a["area"]], a) for a in rows if by_area.get(a["area"])]
    relations += [(rows, t) for t in area_totals if rows]
    relations += [([b], t) for t in area_totals for b in budget_totals]
    return relations


def check_relazione(tables: dict[str, list[Record]]) -> list[str]:
    """Every arithmetic check on one document's Relazione tables."""
    budget = tables.get("budget_lines", [])
    return (check_budget_lines(budget)
            + check_strategic_areas(tables.get("strategic_areas", []), budget)
            + check_composition(tables.get("composition", [])))
