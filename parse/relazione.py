"""Relazione sulla performance, from table rows (PDF or OCR Layout) to records.

Each table is recognised by its header cells, never by its page:

- budget table        ``OBIETTIVO STRATEGICO | PROGETTI | Budget iniziale ...``; the objective
                      cell is merged down its project rows and subtotal row, ``TOTALE RISORSE``
                      closes it.  A part continued on the next page repeats the header.
- areas summary       ``RIEPILOGO RISORSE PER AREE STRATEGICHE ...``
- entity objectives   ``OBIETTIVI DI ENTE ... | REALIZZAZIONE`` (printed twice in the report:
                      a later identical copy is skipped, a different one is warned about)
- individual          ``<owner> | INDICATORE | % RAGGIUNGIMENTO``: objective rows
  objectives          (``OBIETTIVO N. 1/2016`` + title), indicator rows, closing rows
                      (``OBIETTIVO REALIZZATO AL 98,4%``).  The owner is the ``Dirigente ...``
                      heading printed before the table, or the header itself for the
                      Segretario generale; a table continued on the next page keeps it.
- composition         ``PROVENTI CORRENTI | 2016 | 2015`` / ``ONERI CORRENTI | ...``: amounts, or
                      percentages when headed ``COMPOSIZIONE %``.
- financial health    ``Indicatore | CONSUNTIVO 2016 | 2015 | ...``

The entity's overall result is printed in prose before its table ("... pari al 99.57%"):
it becomes an achievements row of owner 'Ente' with no objective number, title or
indicator, as strategic_areas keeps its total row with area None.

Other tables are left to the generic ``tables`` dataset (parse/tables.py), which the
pipeline emits for every document.  The
document's arithmetic is checked by parse/relazione_checks.py; disagreements become
warnings and the printed figures are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from camerale.model import Cell, DocumentInfo, Layout, ParseContext, ParsedDocument, Row, provenance
from camerale.normalize.text import clean_text
from camerale.parse import relazione_records as rec
from camerale.parse.relazione_checks import check_relazione
from camerale.parse.tables import TableBlock, table_blocks

Record = dict[str, Any]

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# The entity's overall result, stated in prose before its table:
# "... livello di raggiungimento del risultato atteso pari al 99.57%."
_OVERALL = re.compile(r"raggiungimento\b.{0,80}?\bpari\s+al\s+(?P<pct>\d{1,3}(?:[.,]\d+)?\s*%)", re.I | re.S)


def _flat(text: str | None) -> str:
    return (clean_text(text) or "").upper()


def _is_budget_header(header: list[str]) -> bool:
    flat = [_flat(t) for t in header]
    return len(flat) >= 7 and flat[0] == "OBIETTIVO STRATEGICO" and flat[1].startswith("PROGETT")


def _is_areas_header(header: list[str]) -> bool:
    return bool(header) and "RIEPILOGO RISORSE PER AREE" in _flat(header[0])


def _is_entity_header(header: list[str]) -> bool:
    flat = [_flat(t) for t in header]
    return len(flat) >= 2 and flat[0].startswith("OBIETTIVI DI ENTE") and "REALIZZAZIONE" in flat[-1]


def _is_individual_header(header: list[str]) -> bool:
    flat = [_flat(t) for t in header]
    return len(flat) == 3 and flat[1] == "INDICATORE" and "RAGGIUNGIMENTO" in flat[2]


def _composition_kind(header: list[str]) -> str | None:
    flat = [_flat(t) for t in header]
    if len(flat) < 2 or not all(_YEAR.search(t) for t in flat[1:]):
        return None
    if flat[0].startswith("PROVENTI CORRENTI"):
        return "proventi"
    if flat[0].startswith("ONERI CORRENTI"):
        return "oneri"
    return None


def _is_financial_header(header: list[str]) -> bool:
    flat = [_flat(t) for t in header]
    return len(flat) >= 3 and flat[0] == "INDICATORE" and all(_YEAR.search(t) for t in flat[1:])


def _years(header: list[str]) -> list[int | None]:
    return [int(m.group(0)) if (m := _YEAR.search(t or "")) else None for t in header]


def _raw(row: Row) -> str:
    return " | ".join(c.text for c in row.cells if c is not None)


def _cell(row: Row, i: int) -> Cell | None:
    return row.cells[i] if i < len(row.cells) else None


def _text(row: Row, i: int) -> str:
    c = _cell(row, i)
    return c.text if c is not None else ""


@dataclass
class _Item:
    """The cells of one composition item: its name, and its % and amount per year."""

    name_cell: Cell | None
    pct: dict[int, Cell | None] = field(default_factory=dict)
    amount: dict[int, Cell | None] = field(default_factory=dict)


@dataclass
class _State:
    """What the parse carries from one table to the next."""

    doc: ParsedDocument
    objective_code: str | None = None                       # budget table: current strategic objective
    budget_done: bool = False                               # TOTALE RISORSE seen
    entity_table: list[tuple[str, str, str]] | None = None   # the first copy: (number, title, pct)
    owners: dict[str, str] = field(default_factory=dict)    # individual table header -> owner
    objective: Record | None = None                         # individual objective being read
    objective_owner: str | None = None
    indicator_seq: int = 0
    composition: dict[tuple[str, str], _Item] = field(default_factory=dict)  # (kind, item) -> cells
    overall: list[tuple[str, Record]] = field(default_factory=list)


# --- budget table ------------------------------------------------------------------------

def _budget(block: TableBlock, state: _State) -> None:
    doc = state.doc
    for row in block.rows:
        texts = row.texts
        first = _flat(texts[0])
        if _is_budget_header(texts):
            continue
        figures = texts[2:7]
        if first.startswith("TOTALE"):
            _add_budget_line(doc, rec.budget_line("total", None, None, figures, _raw(row), provenance(*row.cells)),
                             figures)
            state.budget_done = True
            continue
        objective_cell = _cell(row, 0)
        project_cell = _cell(row, 1)
        if objective_cell is not None and objective_cell.text.strip():
            parsed = rec.split_strategic_objective(objective_cell.text)
            if parsed is None:
                doc.warnings.append(f"budget table: unreadable objective cell {clean_text(objective_cell.text)!r}"
                                    f" (page {row.page})")
                state.objective_code = None
            else:
                state.objective_code = parsed[0]
                doc.add("strategic_objectives", rec.strategic_objective(*parsed, provenance(objective_cell)))
        if project_cell is not None and project_cell.text.strip():
            _add_budget_line(doc, rec.budget_line("project", state.objective_code, project_cell.text, figures,
                                                  _raw(row), provenance(project_cell, *row.cells[2:])), figures)
        elif any(t.strip() for t in figures):
            _add_budget_line(doc, rec.budget_line("subtotal", state.objective_code, None, figures,
                                                  _raw(row), provenance(*row.cells[2:])), figures)


def _add_budget_line(doc: ParsedDocument, record: Record, figures: list[str]) -> None:
    label = f"budget_lines {record['line_kind']} {record['project_code_raw'] or record['strategic_objective'] or ''}"
    doc.warnings += rec.unread_figures(label.strip(), record, figures)
    doc.add("budget_lines", record)


def _areas(block: TableBlock, state: _State) -> None:
    for row in block.rows[1:]:
        texts = row.texts
        if not any(t.strip() for t in texts):
            continue
        record = rec.strategic_area(texts[0], texts[1:6], _raw(row), provenance(*row.cells))
        state.doc.warnings += rec.unread_figures(f"strategic_areas {record['name']}", record, texts[1:6])
        state.doc.add("strategic_areas", record)


# --- achievements --------------------------------------------------------------------------

def _entity(block: TableBlock, state: _State) -> None:
    doc = state.doc
    # The sentence may wrap, so search the prose joined, and cite the line that prints the figure.
    joined = " ".join(c.text for r in block.prose_before for c in r.filled)
    m = _OVERALL.search(joined)
    if m is not None:
        pct = m.group("pct")
        line = next((r for r in reversed(block.prose_before) if any(pct in c.text for c in r.filled)),
                    block.prose_before[-1])
        state.overall.append((pct, provenance(*line.filled)))

    rows = []
    for row in block.rows[1:]:
        parsed = rec.split_entity_objective(_text(row, 0))
        if parsed is None:
            if any(t.strip() for t in row.texts):
                doc.warnings.append(f"entity objectives: unreadable row {_raw(row)!r} (page {row.page})")
            continue
        rows.append((parsed[0], parsed[1], clean_text(_text(row, len(row.cells) - 1)) or "", row))
    content = [(n, t, p) for n, t, p, _ in rows]
    if state.entity_table is not None:
        if content != state.entity_table:
            doc.warnings.append(f"entity objectives: the table on page {block.page} differs from the first copy; "
                                "the first copy is kept")
        return
    state.entity_table = content
    for number, title, pct, row in rows:
        doc.add("achievements", rec.achievement("Ente", number, title, pct, provenance(*row.cells)))


def _owner(block: TableBlock, state: _State) -> str:
    header = clean_text(block.header[0]) or ""
    heading: list[str] = []
    for line in block.prose_before:
        text = clean_text(" ".join(c.text for c in line.filled)) or ""
        if text.startswith("Dirigente "):
            heading = [text]
        elif heading and text[:1].islower():
            heading.append(text)  # the heading wraps onto the next line
        else:
            heading = []
    if heading:
        state.owners[header] = " ".join(heading)
    # No heading: a table continued from the previous page, or an owner named by the header alone.
    return state.owners.setdefault(header, header.capitalize())


def _close_objective(state: _State, page: int | None) -> None:
    if state.objective is not None and state.objective["achievement_text"] is None:
        state.doc.warnings.append(f"achievements: objective {state.objective['objective_number']} of "
                                  f"{state.objective['owner']} has no printed overall % (page {page})")
    state.objective = None


def _individual(block: TableBlock, state: _State) -> None:
    doc = state.doc
    owner = _owner(block, state)
    if owner != state.objective_owner:
        _close_objective(state, block.page)
        state.objective_owner = owner
    for row in block.rows[1:]:
        if _is_individual_header(row.texts):
            continue  # the header repeated where the table continues on a new page
        first, indicator, pct = _text(row, 0), _text(row, 1), _text(row, 2)
        objective = rec.split_individual_objective(first)
        if objective is not None:
            _close_objective(state, row.page)
            number, title = objective
            state.objective = rec.achievement(owner, number, title, None, provenance(_cell(row, 0)))
            state.indicator_seq = 0
            doc.add("achievements", state.objective)
            continue
        closing = rec.closing_pct(first)
        if closing is not None:
            if state.objective is None:
                doc.warnings.append(f"achievements: closing row {clean_text(first)!r} without an objective "
                                    f"(page {row.page})")
                continue
            state.objective["achievement_text"] = closing
            state.objective["achievement_pct"] = rec.percent(closing)
            state.objective = None
            continue
        if indicator.strip():
            if state.objective is None:
                doc.warnings.append(f"achievements: indicator without an objective: {clean_text(indicator)!r}"
                                    f" (page {row.page})")
                continue
            state.indicator_seq += 1
            label, text = rec.split_indicator(indicator)
            doc.add("achievements", rec.achievement(
                owner, state.objective["objective_number"], state.objective["title"], pct,
                provenance(_cell(row, 1), _cell(row, 2)), state.indicator_seq, label, text))
        elif any(t.strip() for t in row.texts):
            doc.warnings.append(f"achievements: unreadable row {_raw(row)!r} (page {row.page})")


# --- section 3 -----------------------------------------------------------------------------

def _composition(block: TableBlock, kind: str, state: _State) -> None:
    # The percentage tables are headed "COMPOSIZIONE %"; the amount tables are not.
    heading = " ".join(c.text for r in block.prose_before[-2:] for c in r.filled)
    is_pct = "COMPOSIZIONE" in heading.upper() or "%" in " ".join(block.header)
    years = _years(block.header)
    for row in block.rows[1:]:
        name = clean_text(_text(row, 0))
        if name is None:
            continue
        item = state.composition.setdefault((kind, name), _Item(_cell(row, 0)))
        for col, year in enumerate(years):
            if col > 0 and year is not None:
                (item.pct if is_pct else item.amount)[year] = _cell(row, col)


def _emit_composition(state: _State) -> None:
    for (kind, name), item in state.composition.items():
        for year in sorted(set(item.pct) | set(item.amount), reverse=True):
            pct_cell, amount_cell = item.pct.get(year), item.amount.get(year)
            state.doc.add("composition", rec.composition(
                kind, name, year, pct_cell.text if pct_cell else None, amount_cell.text if amount_cell else None,
                provenance(pct_cell or item.name_cell, amount_cell)))


def _financial(block: TableBlock, state: _State) -> None:
    years = _years(block.header)
    for row in block.rows[1:]:
        name_cell = _cell(row, 0)
        if name_cell is None or not name_cell.text.strip():
            continue
        for col, year in enumerate(years):
            if col == 0 or year is None:
                continue
            cell = _cell(row, col)
            record = rec.financial_indicator(name_cell.text, year, cell.text if cell else None,
                                             provenance(cell, name_cell))
            if record is not None:
                state.doc.add("financial_indicators", record)


# --- entry point ---------------------------------------------------------------------------

def _overall_row(state: _State) -> None:
    """The entity's overall result, printed in prose: an achievements row with no objective."""
    if not state.overall:
        return
    pct, prov = state.overall[0]
    if any(other != pct for other, _ in state.overall[1:]):
        state.doc.warnings.append("achievements: the entity's overall result is printed as "
                                  + " and ".join(sorted({p for p, _ in state.overall})) + "; the first is kept")
    state.doc.add("achievements", rec.achievement("Ente", None, None, pct, prov))


def parse(layout: Layout, info: DocumentInfo, context: ParseContext = ParseContext()) -> ParsedDocument:
    """Records of every Relazione table recognised in ``layout``."""
    doc = ParsedDocument(info=info)
    state = _State(doc)
    previous: str | None = None
    for block in table_blocks(layout):
        header = block.header
        kind = _composition_kind(header)
        if _is_budget_header(header) or (previous == "budget" and not state.budget_done
                                         and len(header) >= 7):
            previous = "budget"
            _budget(block, state)
        elif _is_areas_header(header):
            previous = "areas"
            _areas(block, state)
        elif _is_entity_header(header):
            previous = "entity"
            _entity(block, state)
        elif _is_individual_header(header):
            previous = "individual"
            _individual(block, state)
        elif kind is not None:
            previous = "composition"
            _composition(block, kind, state)
        elif _is_financial_header(header):
            previous = "financial"
            _financial(block, state)
        else:
            previous = None
    _close_objective(state, None)
    _overall_row(state)
    _emit_composition(state)

    texts = [c.text for row in layout.rows for c in row.filled]
    normalizations, warnings = rec.reconcile_budget_codes(doc.tables.get("budget_lines", []), texts,
                                                          context.known_project_codes)
    doc.normalizations += normalizations
    doc.warnings += warnings
    doc.warnings += check_relazione(doc.tables)
    return doc
