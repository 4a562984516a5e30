"""The *Stato di salute dell'ente* table from converter text.

The converter prints the table as a column of formulas, then the rows: a name (wrapped
over lines) with its values, one per year column of the ``CONSUNTIVO <years>`` header.
Some rows come out with one value printed *before* the name (on its own line or glued
to it, ``44,2%Efficienza di Struttura``) and the others after it.

Rules:
- the sequence of names and value runs is split so that every name gets one value per
  year: the first values of a run go to the name before it, the rest (displaced) to the
  name after it; text before the first value is the header and formula column;
- values after a name keep their left-to-right order, so a row without a displaced
  value is read 2016, 2015, ... as the header says;
- a displaced value could belong to any column, so each placement is a hypothesis.
  Indicators whose formula uses only the section-3 proventi/oneri amounts
  (``_COMPUTABLE``) drop the hypotheses the amounts contradict; a year gets a value only
  when every remaining hypothesis agrees on it.  What stays open becomes a warning,
  never a row.  The amounts only choose among placements the layout allows: a computed
  figure is never written.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from camerale.model import ParsedDocument
from camerale.normalize.numbers import parse_measure
from camerale.normalize.text import clean_text
from camerale.parse import relazione_records as rec
from camerale.parse.relazione_checks import PCT_TOLERANCE
from camerale.parse.text_lines import Line, is_upper_text, joined, split_leading, split_trailing

_CONSUNTIVO = re.compile(r"^\s*CONSUNTIVO\b", re.I)
_YEARS_ONLY = re.compile(r"^\s*(?:CONSUNTIVO\s*)?((?:(?:19|20)\d\d\s*)*)$", re.I)
_SECTION_HEADING = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+[A-Z][a-z]")


def health_header(lines: Sequence[Line]) -> tuple[int, list[int]] | None:
    """Index after the ``CONSUNTIVO <years>`` header of the health table, and its years."""
    for i, line in enumerate(lines):
        if not _CONSUNTIVO.match(line.text):
            continue
        years: list[int] = []
        j = i
        while j < len(lines) and (m := _YEARS_ONLY.match(lines[j].text)) is not None:
            years += [int(y) for y in m.group(1).split()]
            j += 1
        if len(years) >= 3:
            return j, years
    return None


Value = tuple[str, Line]  # a printed value and the line it is printed on


@dataclass
class HealthRow:
    """A row of the health table: its name lines, displaced values (before it) and values after it."""

    name: list[Line]
    before: list[Value] = field(default_factory=list)
    after: list[Value] = field(default_factory=list)

    @property
    def name_text(self) -> str:
        return clean_text(joined(self.name)) or ""


@dataclass
class _Segment:
    """Consecutive name lines, or consecutive values, in reading order."""

    names: list[Line] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)


def _segments(lines: Sequence[Line]) -> list[_Segment]:
    segments: list[_Segment] = []

    def push(name: Line | None = None, value: Value | None = None) -> None:
        kind_changed = not segments or bool(segments[-1].names) != (name is not None)
        if kind_changed:
            segments.append(_Segment())
        if name is not None:
            segments[-1].names.append(name)
        else:
            segments[-1].values.append(value)

    started = False
    for line in lines:
        if _SECTION_HEADING.match(line.text) or (started and is_upper_text(line.text)):
            break  # the next section, or the table's title printed after its body
        leading, rest = split_leading(line.text)
        head, trailing = split_trailing(rest)
        for value in leading:
            push(value=(value, line))
        if head:
            push(name=Line(head, line.cells))
        for value in trailing:
            push(value=(value, line))
        started = started or bool(leading or trailing)
    # Text before the first value is the header and the formula column, not a row name.
    while segments and segments[0].names:
        segments.pop(0)
    return segments


def health_rows(lines: Sequence[Line], n_years: int) -> tuple[list[HealthRow], list[str]]:
    """Names with their values, split so that each name gets ``n_years`` values; warnings when impossible."""
    rows: list[HealthRow] = []
    carry: list[Value] = []
    for segment in _segments(lines):
        if segment.names:
            rows.append(HealthRow(segment.names, before=carry))
            carry = []
            continue
        values = segment.values
        if rows:
            need = max(n_years - len(rows[-1].before) - len(rows[-1].after), 0)
            rows[-1].after += values[:need]
            values = values[need:]
        carry = values
    warnings = [f"financial_indicators: '{r.name_text}' has {len(r.before) + len(r.after)} values for "
                f"{n_years} years; left out (line {r.name[0].prov['line']})"
                for r in rows if len(r.before) + len(r.after) != n_years]
    if carry:
        warnings.append(f"financial_indicators: values {' '.join(v for v, _ in carry)} after the last row name")
    return rows, warnings


@dataclass(frozen=True)
class Amounts:
    """Section-3 euro amounts by (kind, year): the items of each composition table."""

    items: dict[tuple[str, int], dict[str, Decimal]]

    def total(self, kind: str, year: int) -> Decimal | None:
        values = self.items.get((kind, year))
        return sum(values.values(), Decimal(0)) if values else None

    def item(self, kind: str, year: int, prefix: str) -> Decimal | None:
        hits = [v for k, v in self.items.get((kind, year), {}).items() if k.lower().startswith(prefix)]
        return hits[0] if len(hits) == 1 else None


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator) * 100


def _minus(a: Decimal | None, *others: Decimal | None) -> Decimal | None:
    if a is None or any(o is None for o in others):
        return None
    return a - sum(others, Decimal(0))


# Indicators whose formula (the standard Unioncamere definition, printed in the table's
# 'Composizione indicatore' column) uses only the section-3 proventi/oneri amounts.
_COMPUTABLE: tuple[tuple[re.Pattern[str], Callable[[Amounts, int], float | None]], ...] = (
    (re.compile(r"equilibrio\s+economico\s+della\s+gestione\s+corrente", re.I),
     lambda a, y: _ratio(a.total("oneri", y), a.total("proventi", y))),
    (re.compile(r"incidenza\s+dei\s+costi\s+strutturali", re.I),
     lambda a, y: _ratio(_minus(a.total("oneri", y), a.item("oneri", y, "interventi economici")),
                         a.total("proventi", y))),
    (re.compile(r"capacit\S*\s+di\s+generare\s+proventi\s+diversi", re.I),
     lambda a, y: _ratio(_minus(a.total("proventi", y), a.item("proventi", y, "diritto annuale"),
                                a.item("proventi", y, "diritti di segreteria")),
                         a.total("proventi", y))),
)


def computed_value(name: str, year: int, amounts: Amounts) -> float | None:
    for pattern, formula in _COMPUTABLE:
        if pattern.search(name):
            return formula(amounts, year)
    return None


def _distance(printed: str, computed: float) -> float | None:
    m = parse_measure(printed)
    return abs(m.value - computed) if m is not None else None


def _half_unit(printed: str) -> float:
    """Half a unit of the printed figure's last decimal: what rounding may explain."""
    decimals = len(printed.rstrip("%").partition(",")[2])
    return 0.5 * 10 ** -decimals + 1e-9


def placements(row: HealthRow, years: Sequence[int]) -> list[dict[int, Value]]:
    """Every year placement the layout allows: each run keeps its order, displaced values take any columns."""
    out = []
    for cols in itertools.combinations(range(len(years)), len(row.before)):
        before, after = iter(row.before), iter(row.after)
        out.append({year: next(before) if k in cols else next(after) for k, year in enumerate(years)})
    return out


def attribute(row: HealthRow, years: Sequence[int], amounts: Amounts) -> tuple[dict[int, Value], list[str]]:
    """The values whose year the layout, or every placement the amounts allow, settles; and warnings."""
    checks = {y: c for y in years if (c := computed_value(row.name_text, y, amounts)) is not None}

    def fits(placement: dict[int, Value]) -> bool:
        return all((d := _distance(placement[y][0], c)) is not None and d <= PCT_TOLERANCE
                   for y, c in checks.items())

    candidates = placements(row, years)
    if len(candidates) == 1:
        chosen = candidates[0]  # no displaced value: the layout settles every column
    else:
        consistent = [p for p in candidates if fits(p)]
        chosen = {y: consistent[0][y] for y in years
                  if consistent and len({p[y][0] for p in consistent}) == 1}
    warnings: list[str] = []
    for year, computed in checks.items():
        if year in chosen:
            printed = chosen[year][0]
            distance = _distance(printed, computed)
            if distance is None or distance > _half_unit(printed):
                warnings.append(f"financial_indicators: '{row.name_text}' {year} printed {printed} but the "
                                f"section-3 amounts give {computed:.2f}% (line {row.name[0].prov['line']})")
    open_years = [y for y in years if y not in chosen]
    if open_years:
        placed = {v for v, _ in chosen.values()}
        left = [v for v, _ in row.before + row.after if v not in placed]
        order = " | ".join([" ".join(v for v, _ in row.before), " ".join(v for v, _ in row.after)])
        warnings.append(f"financial_indicators: '{row.name_text}' values in text order {order}: "
                        f"{' '.join(left)} not attributable to years {', '.join(map(str, open_years))} "
                        "(a value is printed before the name and the layout does not give its column); "
                        f"left out (line {row.name[0].prov['line']})")
    return chosen, warnings


def parse_health(lines: Sequence[Line], doc: ParsedDocument) -> None:
    """Rows of ``financial_indicators``; needs the ``composition`` records for its checks."""
    found = health_header(lines)
    if found is None:
        doc.warnings.append("relazione text: financial health table ('CONSUNTIVO <years>') not found")
        return
    start, years = found
    rows, warnings = health_rows(lines[start:], len(years))
    doc.warnings.extend(warnings)
    items: dict[tuple[str, int], dict[str, Decimal]] = {}
    for r in doc.tables.get("composition", []):
        if r.get("amount") is not None:
            items.setdefault((r["kind"], r["year"]), {})[r["item"]] = r["amount"]
    amounts = Amounts(items)
    for row in rows:
        if len(row.before) + len(row.after) != len(years):
            continue  # already reported by health_rows
        chosen, row_warnings = attribute(row, years, amounts)
        doc.warnings.extend(row_warnings)
        for year in years:
            if year in chosen:
                value, _line = chosen[year]
                record = rec.financial_indicator(joined(row.name), year, value, row.name[0].prov)
                if record is not None:
                    doc.add("financial_indicators", record)
