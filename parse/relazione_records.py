"""Record builders for the Relazione sulla performance tables, shared by the PDF and text parsers.

Each builder takes the texts as printed (Italian numbers, wrapped lines) plus the
provenance of the cells they came from, and returns a record dict whose keys are the
columns of ``schemas/tables.py`` (minus ``doc_id``).  Both parsers call these, so a
record means the same thing whatever the input kind.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Sequence

from camerale.model import ParsedDocument, location
from camerale.normalize.codes import (Evidence, is_code_like, prints_project_codes, reconcile_project_code,
                                      strategic_objective_of)
from camerale.normalize.audit import correction
from camerale.normalize.numbers import (REPAIR_RULE, NumberReading, is_placeholder, parse_amount, parse_measure,
                                        read_amount)
from camerale.normalize.text import clean_text
from camerale.parse.relazione_checks import AMOUNT_COLUMNS, sum_relations

Record = dict[str, Any]

# "1A0101- Proposte ...", "IE0101 - Adozione ...": a six-character code (OCR/typing may put a
# letter where a digit belongs, so the grammar is loose here and strict in normalize/codes.py).
# The code may be OCR-damaged ('3(0I04 - Gestione ...'): any code-like token before the dash is kept
# as printed, for the normalizer to read (normalize/codes.py), never folded into the title.
_PROJECT = re.compile(r"^(?P<code>[0-9A-Za-z|!(]{5,7})\s*-\s*(?P<title>.*)$", re.S)
_STRATEGIC_OBJECTIVE = re.compile(r"^OBIETTIVO\s+STRATEGICO\s+(?P<code>[1-9][A-Z])\b[\s:.-]*(?P<title>.*)$", re.S | re.I)
_AREA = re.compile(r"^Area\s+Strategica\s+(?P<area>\d)\s*[:.-]?\s*(?P<name>.+)$", re.S | re.I)
_ENTITY_OBJECTIVE = re.compile(r"^(?P<number>\d{1,2})\)\s*(?P<title>.+)$", re.S)
_INDIVIDUAL_OBJECTIVE = re.compile(r"^OBIETTIVO\s+N\.?\s*(?P<number>\d{1,2}/\d{4})\s*(?P<title>.*)$", re.S | re.I)
_INDICATOR = re.compile(r"^INDICATORE\s+(?P<label>[0-9]{0,2}[A-Za-z]?\))\s*(?P<text>.*)$", re.S)
# "OBIETTIVO REALIZZATO AL 98,4%", "OBIETTIVO COMPLESSIVAMENTE REALIZZATO AL 100%",
# "L'OBIETTIVO E' REALIZZATO AL 100%".
_CLOSING = re.compile(r"OBIETTIVO\b.*\bREALIZZATO\s+AL\s+(?P<pct>[\d.,]+\s*%?)", re.S | re.I)
# Anything shaped like a project code, well formed or not, wherever it is printed.
_CODE_LIKE = re.compile(r"\b[0-9A-Z]{2}\d{4}\b")
_EURO_NAME = re.compile(r"\(\s*valore\s+in\s+euro\s*\)", re.I)


# A euro amount as printed: thousands groups, two decimals.
AMOUNT = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d{2}")
# A value as printed: thousands groups, any decimals, a percent sign ('23.371,4', '-25,3%').
MEASURE = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?")


def lines_joined(text: str, printed: re.Pattern[str]) -> str | None:
    """A code or an amount a column narrower than it printed over several lines ('1' over 'A', '1A010' over
    '1', '1.781.900,0' over '0'): its lines joined, when only so they read as ``printed``; else None (two
    figures one under the other do not join into an amount)."""
    lines = [line.strip().replace("\u00ad", "") for line in text.strip().splitlines()]
    joined = "".join(lines)
    return joined if len(lines) > 1 and printed.fullmatch(joined) else None


def amount(text: str | None) -> Decimal | None:
    """A printed euro amount, OCR letters and separators repaired when the amount grammar leaves one
    reading (``normalize/numbers.py``); None when the cell is empty, a placeholder, or reads as several values."""
    return read_amount(clean_text(text)).value


def percent(text: str | None) -> float | None:
    """A printed percentage (``3,7``, ``98,4%``, ``99.57%``); None for ``N.C.`` or an empty cell."""
    m = parse_measure(clean_text(text))
    if m is None or m.unit not in (None, "%"):
        return None
    return m.value


def split_project(text: str | None) -> tuple[str | None, str | None]:
    """``'1A0101- Proposte per ...'`` -> (code as printed, title); a line without a code keeps its title."""
    cleaned = clean_text(text)
    if cleaned is None:
        return None, None
    m = _PROJECT.match(cleaned)
    if m is None or not is_code_like(m.group("code")):
        return None, cleaned
    return m.group("code"), m.group("title").strip() or None   # the title may be printed on the next page


def split_strategic_objective(text: str | None) -> tuple[str, str | None] | None:
    """``'OBIETTIVO STRATEGICO 1A\\nProgrammazione territoriale'`` -> ('1A', 'Programmazione territoriale')."""
    cleaned = clean_text(text)
    m = _STRATEGIC_OBJECTIVE.match(cleaned or "")
    if m is None:
        return None
    return m.group("code").upper(), clean_text(m.group("title"))


def strategic_objective(code: str, title: str | None, prov: Record) -> Record:
    # The first digit of the code is the strategic area (1A-1F area 1, 2A-2E area 2, ...).
    return {"code": code, "title": title, "area": int(code[0]), **prov}


def budget_line(line_kind: str, strategic_objective_code: str | None, project_text: str | None,
                figures: Sequence[str | None], raw_text: str, prov: Record) -> Record:
    """One row of the budget table.

    ``figures`` are the printed texts of budget_initial, budget_updated, actual, pct_used and
    pct_of_total (missing trailing ones may be left out).
    """
    code_raw, title = split_project(project_text) if line_kind == "project" else (None, None)
    return {
        "line_kind": line_kind,
        "strategic_objective": strategic_objective_code,
        "project_code": code_raw,  # reconciled later by the parser (normalize/codes.py)
        "project_code_raw": code_raw,
        "project_code_method": None,  # set with project_code by the reconciliation
        "project_code_confidence": None,
        "project_title": title,
        **_budget_figures(figures),
        "raw_text": raw_text,
        **prov,
    }


FIGURE_COLUMNS = ("budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total")


def _budget_figures(figures: Sequence[str | None]) -> Record:
    """The five figures of a budget or area row, typed (missing trailing ones are None)."""
    printed = list(figures) + [None] * (len(FIGURE_COLUMNS) - len(figures))
    readers = (amount, amount, amount, percent, percent)
    return {column: read(text) for column, read, text in zip(FIGURE_COLUMNS, readers, printed)}


def unread_figures(label: str, record: Record, figures: Sequence[str | None]) -> list[tuple[str, str]]:
    """(column, warning) for printed budget/area figures that gave no value (empty cells and placeholders excepted)."""
    warnings = []
    for column, text in zip(FIGURE_COLUMNS, figures):
        printed = clean_text(text)
        if record.get(column) is None and not is_placeholder(printed):
            where = location(record.get("page"), record.get("line"))
            warnings.append((column, f"{label}: {column} printed {printed!r} is not a number; left empty ({where})"))
    return warnings


# An amount the document's sums decided among the readings of its damaged printing: evidence, so
# above a reading the amount grammar forces alone (0.85-0.95 by letter, normalize/lookalikes.py)
# only when the sum holds to the cent with one reading and fails with every other.
SUMS_RULE = f"{REPAIR_RULE}+printed_sums"
SUMS_CONFIDENCE = 0.9
# Readings tried together in one sum (two damaged figures with two readings each is 4).
_MAX_COMBINATIONS = 64


@dataclass(eq=False)
class _Open:
    """A printed amount whose OCR damage leaves several readings, until a sum decides it."""

    table: str
    label: str
    record: Record
    column: str
    reading: NumberReading


@dataclass
class AmountFigures:
    """The amounts of the budget and area rows as read.

    ``read`` logs the OCR repairs of a row's amounts in ``normalizations`` and warns about a
    figure that is no number; an amount with several readings (``2Z.500,00``: 22,500.00 or
    27,500.00) stays None and waits for ``resolve``, which reads it as the one value with which
    the document's printed sums (``relazione_checks.sum_relations``) hold, or warns with its
    readings.  Call ``resolve`` once every budget and area row is in ``doc.tables``.
    """

    open: list[_Open] = field(default_factory=list)

    def read(self, doc: ParsedDocument, table: str, label: str, record: Record,
             figures: Sequence[str | None]) -> None:
        ambiguous = set()
        for column, text in zip(AMOUNT_COLUMNS, figures):
            reading = read_amount(clean_text(text))
            if reading.changed:
                doc.normalizations.append(reading.normalization(table, column, label, record))
            elif reading.readings:
                self.open.append(_Open(table, label, record, column, reading))
                ambiguous.add(column)
        unread = [w for column, w in unread_figures(label, record, figures) if column not in ambiguous]
        doc.warnings += unread
        doc.unplaced += unread   # a printed figure that gave no value is a value lost

    def resolve(self, doc: ParsedDocument) -> None:
        relations = [(parts, whole, column) for parts, whole in sum_relations(doc.tables) for column in AMOUNT_COLUMNS]
        decided: dict[int, Decimal] = {}
        progress = True
        while progress:
            progress = False
            for parts, whole, column in relations:
                fits = _fitting(parts, whole, column, self._pending(decided))
                for figure, value in fits.items():
                    decided[id(figure)] = value
                    figure.record[column] = value
                    progress = True
        for figure in self.open:
            value = decided.get(id(figure))
            if value is not None and _contradicted(figure, relations):
                figure.record[figure.column], value = None, None
            if value is not None:
                doc.normalizations.append(correction(figure.table, figure.column, figure.label, figure.reading.text,
                                                     str(value), SUMS_RULE, SUMS_CONFIDENCE, figure.record))
            else:
                where = location(figure.record.get("page"), figure.record.get("line"))
                doc.warnings.append(f"{figure.label}: {figure.column} {figure.reading.warning}"
                                    + (f" ({where})" if where else ""))
                doc.unplaced.append(doc.warnings[-1])   # kept raw, with its readings: no value read

    def _pending(self, decided: dict[int, Decimal]) -> dict[tuple[int, str], _Open]:
        return {(id(f.record), f.column): f for f in self.open if id(f) not in decided}


def _fitting(parts: Sequence[Record], whole: Record, column: str,
             pending: dict[tuple[int, str], _Open]) -> dict[_Open, Decimal]:
    """The open figures of one sum and the value each takes when exactly one combination of their
    readings makes the sum hold; {} when the sum has no open figure, an unread figure, or not one fit."""
    terms = [*parts, whole]
    open_figures = [pending[(id(r), column)] for r in terms if (id(r), column) in pending]
    if not open_figures or any(r.get(column) is None and (id(r), column) not in pending for r in terms):
        return {}
    combinations = list(itertools.islice(itertools.product(*(f.reading.readings for f in open_figures)),
                                         _MAX_COMBINATIONS + 1))
    if len(combinations) > _MAX_COMBINATIONS:
        return {}
    fits = []
    for combination in combinations:
        values = {id(f.record): v for f, v in zip(open_figures, combination)}
        total = sum((values.get(id(r), r.get(column)) for r in parts), Decimal("0"))
        if total == values.get(id(whole), whole.get(column)):
            fits.append(combination)
    return dict(zip(open_figures, fits[0])) if len(fits) == 1 else {}


def _contradicted(figure: _Open, relations: Sequence[tuple[Sequence[Record], Record, str]]) -> bool:
    """True when a sum the figure takes part in, now read in full, holds with another of its readings
    instead of the one chosen: the document's sums disagree about it, so it stays unread."""
    chosen = figure.record[figure.column]
    for parts, whole, column in relations:
        if column != figure.column or not any(r is figure.record for r in [*parts, whole]):
            continue
        if any(r.get(column) is None for r in [*parts, whole]):
            continue
        for other in figure.reading.readings:
            if other == chosen:
                continue
            figure.record[column] = other
            holds = sum((r[column] for r in parts), Decimal("0")) == whole[column]
            figure.record[column] = chosen
            if holds:
                return True
    return False


def split_area(text: str | None) -> tuple[int | None, str | None]:
    """``'Area Strategica 1: COMPETITIVITA’ DEL\\nTERRITORIO'`` -> (1, 'COMPETITIVITA’ DEL TERRITORIO');
    any other label (the total row) -> (None, label)."""
    cleaned = clean_text(text)
    m = _AREA.match(cleaned or "")
    if m is None:
        return None, cleaned
    return int(m.group("area")), m.group("name").strip()


def strategic_area(label: str | None, figures: Sequence[str | None], raw_text: str, prov: Record) -> Record:
    area, name = split_area(label)
    return {"area": area, "name": name, **_budget_figures(figures), "raw_text": raw_text, **prov}


def achievement(owner: str, objective_number: str | None, title: str | None, pct_text: str | None,
                prov: Record, indicator_seq: int | None = None, indicator_label: str | None = None,
                indicator_text: str | None = None) -> Record:
    """One achievements row: an objective (indicator_seq None) or one of its indicators."""
    printed = clean_text(pct_text)
    return {
        "owner": owner,
        "objective_number": objective_number,
        "title": title,
        "indicator_seq": indicator_seq,
        "indicator_label": indicator_label,
        "indicator_text": indicator_text,
        "achievement_pct": percent(printed),
        "achievement_text": printed,
        **prov,
    }


def split_entity_objective(text: str | None) -> tuple[str, str] | None:
    """``'1) GARANTIRE ...'`` -> ('1', 'GARANTIRE ...')."""
    m = _ENTITY_OBJECTIVE.match(clean_text(text) or "")
    return (m.group("number"), m.group("title").strip()) if m else None


def split_individual_objective(text: str | None) -> tuple[str, str | None] | None:
    """``'OBIETTIVO N. 1/2016\\nGARANTIRE ...'`` -> ('1/2016', 'GARANTIRE ...')."""
    m = _INDIVIDUAL_OBJECTIVE.match(clean_text(text) or "")
    return (m.group("number"), clean_text(m.group("title"))) if m else None


def split_indicator(text: str | None) -> tuple[str | None, str | None]:
    """``'INDICATORE 2a)\\nAdozione ...'`` -> ('2a)', 'Adozione ...'); an unlabelled indicator -> (None, text)."""
    cleaned = clean_text(text)
    m = _INDICATOR.match(cleaned or "")
    if m is None:
        return None, cleaned
    return m.group("label"), clean_text(m.group("text"))


def closing_pct(text: str | None) -> str | None:
    """The figure of ``OBIETTIVO REALIZZATO AL 98,4%`` as printed (``'98,4%'``); None for other text."""
    m = _CLOSING.search(clean_text(text) or "")
    return m.group("pct").replace(" ", "") if m else None


def financial_indicator(name_text: str | None, year: int, value_text: str | None, prov: Record) -> Record | None:
    """One value of the *Stato di salute dell'ente* table; None for an empty cell (nothing printed).  A value
    a narrow column broke over lines ('23.37' over '1,4') is read joined (``lines_joined``)."""
    printed = clean_text(lines_joined(value_text or "", MEASURE) or value_text)
    if is_placeholder(printed):
        return None
    name = clean_text(name_text)
    m = parse_measure(printed)
    unit = m.unit if m is not None else None
    if unit is None and name is not None and _EURO_NAME.search(name):
        # The row name declares the unit ("... (valore in Euro)"); the cells print bare numbers.
        unit = "€"
    return {"name": name, "year": year, "value": m.value if m else None, "value_text": printed,
            "unit": unit, **prov}


def composition(kind: str, item_text: str | None, year: int, pct_text: str | None,
                amount_text: str | None, prov: Record) -> Record:
    """One item of the revenue ('proventi') or cost ('oneri') composition for one year."""
    pct_printed, amount_printed = clean_text(pct_text), clean_text(amount_text)
    return {"kind": kind, "item": clean_text(item_text), "year": year,
            "pct": percent(pct_printed), "pct_text": pct_printed,
            "amount": parse_amount(clean_text(lines_joined(amount_text or "", AMOUNT) or amount_text)),
            "amount_text": amount_printed,
            **prov}


def reconcile_budget_codes(lines: list[Record], document_texts: Iterable[str],
                           known_project_codes: Iterable[str] = ()) -> tuple[list[Record], list[str]]:
    """Set ``project_code`` of the project lines to the intended code; return (normalizations, warnings).

    Evidence is every other printing of a code in the document (``'1E0101 (realizzato al
    100%)'`` confirms the budget table's ``IE0101``) and the chamber's known codes.  A line
    whose code belongs to another strategic objective than the one it is printed under
    gives a warning; the printed assignment is kept.
    """
    printed = Counter(m.group(0) for text in document_texts for m in _CODE_LIKE.finditer(text))
    normalizations: list[Record] = []
    warnings: list[str] = []
    in_use = prints_project_codes(line.get("project_code_raw") for line in lines if line["line_kind"] == "project")
    for line in lines:
        raw = line.get("project_code_raw")
        if line["line_kind"] != "project" or raw is None:
            continue
        # The line's own printing is no evidence for itself.
        elsewhere = {code for code, n in printed.items() if code != raw or n > 1}
        resolution = reconcile_project_code(raw, Evidence(document_codes=elsewhere, grammar_in_use=in_use,
                                                          registry=frozenset(known_project_codes)))
        line["project_code"] = resolution.normalized
        line["project_code_method"], line["project_code_confidence"] = resolution.method, resolution.confidence
        where = location(line.get("page"), line.get("line"))
        if resolution.changed:
            key = f"{line.get('strategic_objective')}/{raw}"
            normalizations.append(resolution.normalization("budget_lines", "project_code", key, line))
        if resolution.warning:
            warnings.append(f"budget_lines {resolution.warning} ({where})")
        objective = strategic_objective_of(resolution.normalized)
        if objective and line.get("strategic_objective") and objective != line["strategic_objective"]:
            warnings.append(f"budget_lines project {resolution.normalized} is printed under strategic objective "
                            f"{line['strategic_objective']} but its code belongs to {objective} ({where})")
    return normalizations, warnings
