"""PIRA rows to records: objectives, indicators, their targets and results, resources.

A PIRA prints, per Missione/Programma block, one table per objective (Titolo,
Descrizione, Arco temporale, Centro di responsabilità, two Risorse rows, Nr indicatori
associati) followed by one table per indicator (Indicatore, Cosa misura, a header row
Tipologia ... Risultato atteso YYYY with its value row, a Risultato anno YYYY header
with its results row).  An overview table at the start lists the objective codes.

The parser is a small state machine keyed on each row's *label* (the first printed
cell, cleaned and lower-cased), never on line numbers or table boundaries: converter
text glues labels to their value ('Indicatore Ideazione ...'), drops or adds empty
cells, and a born-digital PDF splits tables across pages, so only the labels are
stable.  Value rows carry no label; they are read against the header row before them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz, utils

from camerale.model import Cell, DocumentInfo, Layout, ParseContext, ParsedDocument, Row, location, provenance
from camerale.normalize.audit import correction
from camerale.normalize.codes import (Evidence, project_group, reconcile_mission_code,
                                      reconcile_program_code, reconcile_project_code)
from camerale.normalize.numbers import read_amount, read_measure
from camerale.normalize.text import clean_text, dash_placeholder, repair_ocr_text

TABLES = ("summary_objectives", "objectives", "indicators", "indicator_values", "resources")

# Row labels, matched at the start of the row's first printed cell (cleaned, any case).
# A label may stand alone in its cell or be glued to its value by a space.
_LABELS: tuple[tuple[str, str], ...] = (
    ("mission", r"missione"),
    ("programme", r"programma"),
    ("overview", r"obiettivi"),
    ("title", r"titolo"),
    ("description", r"descrizione"),
    ("time_span", r"arco temporale(?: di)?(?: realizzazione)?"),
    ("responsibility_center", r"centro di responsabilit[aà]"),
    ("resources", r"risorse (?P<phase>preventivo|consuntivo) (?P<year>\d{4})"),
    ("n_indicators", r"n(?:r|umero)?\.? indicatori associati"),
    ("indicator", r"indicatore"),
    ("measures", r"cosa misura"),
    ("indicator_header", r"tipologia"),
)
_LABEL_RX = [(name, re.compile(rf"^(?:{rx})(?=\s|$)", re.I)) for name, rx in _LABELS]
# The merged grey 'Obiettivo' cell that precedes 'Titolo' in the objective table.
_OBJECTIVE_CELL = re.compile(r"^obiettivo(?=\s|$)", re.I)

# Columns of the indicator header row.
_HEADER_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("type", re.compile(r"^tipologia", re.I)),
    ("unit", re.compile(r"^unit[aà] di misura", re.I)),
    ("algorithm", re.compile(r"^algoritmo", re.I)),
    ("source", re.compile(r"^fonte", re.I)),
    ("last_observed", re.compile(r"^ultimo valore", re.I)),
)
# A year-less 'Risultato atteso' is the first half of a header row split by a page break.
# Trailing punctuation is OCR specks next to the cell's ruling line ("Risultato anno 2019 ;").
_TARGET_YEAR = re.compile(r"^risultato atteso(?: (\d{4}))?[\s.,;:'’`]*$", re.I)
_RESULT_YEAR = re.compile(r"^risultato anno(?: (\d{4}))?[\s.,;:'’`]*$", re.I)

_RESOURCE_ITEMS = {"proventi correnti": "proventi_correnti", "oneri correnti": "oneri_correnti",
                   "investimenti": "investimenti"}

# Three characters, not digits: OCR may print 'O11' for 011; the normalizer reconciles the code.
_BLOCK_HEADER = re.compile(r"^(?P<code>[0-9A-Za-z]{3})\s+-\s+(?P<name>.+)$")
_OBJECTIVE_CODE = re.compile(r"\b(\d{3})-(\d{3})-(\d{3})\b")

# Detail title vs overview title of the same objective score 97-100 (only a damaged project
# code differs); different objectives of one programme score far lower.
_TITLE_MATCH = 80.0
# An overview title garbled by OCR still scores about 70 against its detail title; accepted when
# the overview code's sequence number is the objective's position in its block.
_TITLE_MATCH_IN_PLACE = 60.0


def _one_char_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _clean(cell: Cell | None) -> str | None:
    return clean_text(cell.text) if cell is not None else None


def _filled(cell: Cell | None) -> bool:
    return cell is not None and bool(cell.text.strip())


def _first_filled(cells: list[Cell | None]) -> Cell | None:
    return next((c for c in cells if _filled(c)), None)


@dataclass
class _Labelled:
    """A row split into its label and the cells after it (a glued value comes first)."""

    row: Row
    name: str | None
    match: re.Match[str] | None
    label: Cell | None
    values: list[Cell | None]

    @property
    def value(self) -> Cell | None:
        return _first_filled(self.values)


def _match_label(row: Row, idx: int, text: str) -> _Labelled | None:
    """``row`` labelled by ``text``, the cleaned text of its cell ``idx``, if that starts with a label."""
    for name, rx in _LABEL_RX:
        if m := rx.match(text):
            glued = text[m.end():].strip()
            values = ([replace(row.cells[idx], text=glued)] if glued else []) + list(row.cells[idx + 1:])
            return _Labelled(row, name, m, row.cells[idx], values)
    return None


def _read_label(row: Row) -> _Labelled | None:
    """The row's label and values; a row with no label has ``name`` None; a blank row gives None."""
    cells = row.cells
    idx = next((i for i, c in enumerate(cells) if _filled(c)), None)
    if idx is None:
        return None
    text = clean_text(cells[idx].text) or ""
    labelled = _match_label(row, idx, text)
    if labelled is None and (m := _OBJECTIVE_CELL.match(text)):
        # The merged 'Obiettivo' cell: the label is glued after it ('Obiettivo Titolo ...') or in the
        # next cell; OCR may add specks to the cell ('Obiettivo\no'), so its remainder is not required
        # to be empty.
        labelled = _match_label(row, idx, text[m.end():].strip())
        nxt = next((i for i in range(idx + 1, len(cells)) if _filled(cells[i])), None)
        if labelled is None and nxt is not None:
            labelled = _match_label(row, nxt, clean_text(cells[nxt].text) or "")
    return labelled or _Labelled(row, None, None, None, list(cells))


def _align(header: list[Cell | None], values: list[Cell | None]) -> dict[int, int]:
    """Header position -> value-row position.

    Rows of one table share their columns; when a converter or a page break changed
    the number of cells, trailing empties are ignored and the rows are aligned on
    their last printed column, where the values of these tables sit.
    """
    if len(header) == len(values):
        return {i: i for i in range(len(header))}

    def used(cells: list[Cell | None]) -> int:
        n = len(cells)
        while n and not _filled(cells[n - 1]):
            n -= 1
        return n

    h, v = used(header), used(values)
    return {i: i + v - h for i in range(len(header)) if 0 <= i + v - h < len(values)}


def _header_columns(cells: list[Cell | None], kind: str) -> tuple[dict[int, str | int], bool]:
    """Position -> field name or year of an indicator header row, and whether every year is printed."""
    year_rx = _TARGET_YEAR if kind == "targets" else _RESULT_YEAR
    columns: dict[int, str | int] = {}
    complete = True
    for i, cell in enumerate(cells):
        text = _clean(cell)
        if not text:
            continue
        if m := year_rx.match(text):
            if m.group(1):
                columns[i] = int(m.group(1))
            else:
                complete = False
        elif kind == "targets":
            columns.update({i: name for name, rx in _HEADER_COLUMNS if rx.match(text)})
    return columns, complete


def _join_rows(first: list[Cell | None], second: list[Cell | None]) -> list[Cell | None]:
    """Two halves of a row that a page break split, cell by cell."""
    joined: list[Cell | None] = []
    for i in range(max(len(first), len(second))):
        a = first[i] if i < len(first) else None
        b = second[i] if i < len(second) else None
        if _filled(a) and _filled(b):
            joined.append(replace(a, text=f"{a.text}\n{b.text}"))
        else:
            joined.append(a if _filled(a) or b is None else b)
    return joined


@dataclass
class _Pending:
    """A header row whose value row comes next: position -> field name or year."""

    kind: str  # "targets" or "results"
    header: list[Cell | None]
    columns: dict[int, str | int]
    complete: bool = True  # False while the second half of a page-split header is awaited

    @classmethod
    def read(cls, kind: str, header: list[Cell | None]) -> _Pending:
        return cls(kind, header, *_header_columns(header, kind))


class _PiraReader:
    def __init__(self, info: DocumentInfo, context: ParseContext) -> None:
        self.doc = ParsedDocument(info=info, tables={t: [] for t in TABLES})
        self.context = context
        self.mission: tuple[str | None, str | None] = (None, None)
        self.programme: tuple[str | None, str | None] = (None, None)
        self.objective: dict[str, Any] | None = None
        self.objective_seq = 0
        self.indicator: dict[str, Any] | None = None
        self.indicator_seq = 0
        self.pending: _Pending | None = None

    # --- helpers --------------------------------------------------------------------
    def warn(self, message: str, cell: Cell | None = None) -> None:
        where = location(cell.page, cell.line) if cell is not None else ""
        self.doc.warnings.append(f"{message} ({where})" if where else message)

    def objective_key(self, objective: dict[str, Any]) -> str:
        return f"{objective['mission_code']}-{objective['program_code']}/{objective['objective_seq']}"

    def project_codes(self, title: str | None, where: str, cell: Cell | None) -> list[str]:
        """The codes printed in the title's project group, as printed; a group with anything
        that is no code (or with no code at all) is reported, so no printed code goes unseen."""
        group = project_group(title)
        if group is None:
            return []
        if warning := group.warning():
            self.warn(f"{where}: {warning}", cell)
        return group.codes

    def cell_text(self, cell: Cell | None, table: str, column: str, record_key: str) -> str | None:
        """The cleaned text of a value cell, with OCR noise undone and logged.

        A lone run of dashes (what OCR makes of '---') becomes '---'; an OCR'd cell (one with a
        confidence) loses the specks and rule marks OCR adds (``normalize.text.repair_ocr_text``).
        """
        text = _clean(cell)
        fixed, rule = dash_placeholder(text), "placeholder_dash"
        if fixed is None and cell is not None and cell.confidence is not None:
            fixed, rule = repair_ocr_text(text), "ocr_text_noise"
        if fixed is None or fixed == text:
            return text
        self.doc.normalizations.append(correction(table, column, record_key, text, fixed, rule, 0.9,
                                                  provenance(cell)))
        return fixed

    # --- the state machine -----------------------------------------------------------
    def feed(self, row: Row) -> None:
        labelled = _read_label(row)
        if labelled is None:
            if self.pending is not None and row.table is not None and self.pending.complete:
                self.values(row)  # a value row whose cells OCR read as blank: the years still exist
            return
        if labelled.name is None:
            self.unlabelled(row)
            return
        self.drop_pending()
        getattr(self, f"on_{labelled.name}")(labelled)

    def drop_pending(self) -> None:
        if self.pending is not None:
            self.warn(f"{self.pending.kind} header of indicator {self.indicator_label()} has no value row",
                      _first_filled(self.pending.header))
            self.pending = None

    def unlabelled(self, row: Row) -> None:
        if any(_RESULT_YEAR.match(_clean(c) or "") for c in row.cells):
            self.drop_pending()
            self.pending = _Pending.read("results", row.cells)
            return
        if self.pending is None or row.table is None:
            return  # prose between tables, or a page number between a header and its values
        if not self.pending.complete:
            self.pending = _Pending.read(self.pending.kind, _join_rows(self.pending.header, row.cells))
            if not self.pending.complete:
                self.warn(f"{self.pending.kind} header of indicator {self.indicator_label()} prints "
                          "no year for some columns", _first_filled(row.cells))
                self.pending.complete = True
            return
        self.values(row)

    def values(self, row: Row) -> None:
        """The value row of the pending header."""
        pending, self.pending = self.pending, None
        if self.indicator is None:
            self.warn(f"{pending.kind} row outside any indicator", _first_filled(row.cells))
            return
        positions = _align(pending.header, row.cells)
        for i, column in pending.columns.items():
            j = positions.get(i)
            cell = row.cells[j] if j is not None else None
            if pending.kind == "results":
                self.add_value("result", int(column), cell)
            elif isinstance(column, int):
                self.add_value("target", column, cell)
            else:
                self.set_indicator_field(column, cell)

    def on_mission(self, labelled: _Labelled) -> None:
        header = self.block_header(labelled, "mission_code")
        if header is None:
            return  # the overview table's row lists several missions
        self.close_objective()
        self.mission, self.programme = header, (None, None)
        self.objective_seq = 0

    def on_programme(self, labelled: _Labelled) -> None:
        header = self.block_header(labelled, "program_code")
        if header is None:
            return
        self.close_objective()
        self.programme = header
        self.objective_seq = 0

    def block_header(self, labelled: _Labelled, column: str) -> tuple[str, str] | None:
        """(code, name) of a 'Missione'/'Programma' row, the code checked against the reference list."""
        filled = [c for c in labelled.values if _filled(c)]
        if len(filled) != 1:
            return None
        m = _BLOCK_HEADER.match(clean_text(filled[0].text) or "")
        if m is None:
            return None
        raw = m.group("code")
        resolution = (reconcile_mission_code(raw) if column == "mission_code"
                      else reconcile_program_code(raw, self.mission[0]))
        if resolution.warning:
            self.warn(resolution.warning, filled[0])
        if resolution.changed:
            self.doc.normalizations.append(
                resolution.normalization("objectives", column, raw, provenance(filled[0])))
        return resolution.normalized, m.group("name")

    def on_overview(self, labelled: _Labelled) -> None:
        for cell in labelled.values:
            text = _clean(cell)
            if not text:
                continue
            found = list(_OBJECTIVE_CODE.finditer(text))
            for k, m in enumerate(found):
                end = found[k + 1].start() if k + 1 < len(found) else len(text)
                title = text[m.end():end].strip() or None
                raw_codes = self.project_codes(title, f"summary_objectives {m.group(0)}", cell)
                record = {"objective_code": m.group(0), "mission_code": m.group(1),
                          "program_code": m.group(2), "title": title,
                          "project_codes": list(raw_codes), "project_codes_raw": raw_codes,
                          "project_codes_method": [], "project_codes_confidence": [],
                          **provenance(cell)}
                self.doc.add("summary_objectives", record)

    def on_title(self, labelled: _Labelled) -> None:
        self.close_objective()
        self.objective_seq += 1
        self.indicator, self.indicator_seq = None, 0
        cell = labelled.value
        title = _clean(cell)
        raw_codes = self.project_codes(
            title, f"objectives {self.mission[0]}-{self.programme[0]}/{self.objective_seq}", cell or labelled.label)
        self.objective = {
            "mission_code": self.mission[0], "mission_name": self.mission[1],
            "program_code": self.programme[0], "program_name": self.programme[1],
            "objective_seq": self.objective_seq, "objective_code": None, "title": title,
            "project_codes": list(raw_codes), "project_codes_raw": raw_codes,
            "project_codes_method": [], "project_codes_confidence": [],
            "description": None, "time_span": None, "responsibility_center": None,
            "n_indicators_declared": None, "n_indicators_declared_text": None, "n_indicators_found": 0,
            **provenance(cell or labelled.label),
        }
        self.doc.add("objectives", self.objective)

    def objective_field(self, labelled: _Labelled, column: str) -> None:
        if self.objective is None:
            self.warn(f"'{_clean(labelled.label)}' row outside any objective", labelled.label)
            return
        self.objective[column] = self.cell_text(labelled.value, "objectives", column,
                                                self.objective_key(self.objective))

    def on_description(self, labelled: _Labelled) -> None:
        self.objective_field(labelled, "description")

    def on_time_span(self, labelled: _Labelled) -> None:
        self.objective_field(labelled, "time_span")

    def on_responsibility_center(self, labelled: _Labelled) -> None:
        self.objective_field(labelled, "responsibility_center")

    def on_n_indicators(self, labelled: _Labelled) -> None:
        if self.objective is None:
            self.warn("'Nr indicatori associati' row outside any objective", labelled.label)
            return
        text = _clean(labelled.value)
        self.objective["n_indicators_declared_text"] = text
        self.objective["n_indicators_declared"] = int(text) if text and text.isdigit() else None
        if text and not text.isdigit():
            self.warn(f"objective {self.objective_key(self.objective)}: 'Nr indicatori associati' "
                      f"is not a number: {text!r}", labelled.value)

    def on_resources(self, labelled: _Labelled) -> None:
        if self.objective is None:
            self.warn("'Risorse' row outside any objective", labelled.label)
            return
        phase, year = labelled.match.group("phase").lower(), int(labelled.match.group("year"))
        item: tuple[str, Cell] | None = None
        amount: Cell | None = None

        def emit() -> None:
            if item is not None:
                self.add_resource(phase, year, item[0], item[1], amount)

        for cell in labelled.values:
            if not _filled(cell):
                continue
            name = _RESOURCE_ITEMS.get((clean_text(cell.text) or "").lower())
            if name is not None:
                emit()
                item, amount = (name, cell), None
            elif item is not None and amount is None:
                amount = cell
            else:
                self.warn(f"objective {self.objective_key(self.objective)}: unexpected cell "
                          f"{_clean(cell)!r} in 'Risorse {phase} {year}'", cell)
        emit()

    def add_resource(self, phase: str, year: int, item: str, item_cell: Cell, amount_cell: Cell | None) -> None:
        text = _clean(amount_cell)
        reading = read_amount(text, amount_cell.confidence if amount_cell is not None else None)
        amount = reading.value
        key = f"{self.objective_key(self.objective)}/{phase}/{year}/{item}"
        if reading.warning:
            self.warn(f"objective {self.objective_key(self.objective)}: {phase} {year} {item} {reading.warning}",
                      amount_cell)
        if reading.changed:
            self.doc.normalizations.append(reading.normalization("resources", "amount", key,
                                                                 provenance(amount_cell or item_cell)))
        self.doc.add("resources", {
            "mission_code": self.objective["mission_code"], "program_code": self.objective["program_code"],
            "objective_seq": self.objective["objective_seq"], "phase": phase, "year": year, "item": item,
            "amount": amount, "amount_text": text, **provenance(amount_cell or item_cell)})

    def on_indicator(self, labelled: _Labelled) -> None:
        if self.objective is None:
            self.warn("'Indicatore' row outside any objective", labelled.label)
            self.indicator = None
            return
        self.indicator_seq += 1
        self.objective["n_indicators_found"] = self.indicator_seq
        cell = labelled.value
        self.indicator = {
            "mission_code": self.objective["mission_code"], "program_code": self.objective["program_code"],
            "objective_seq": self.objective["objective_seq"], "indicator_seq": self.indicator_seq,
            "name": None, "measures": None, "type": None, "type_raw": None, "unit": None,
            "algorithm": None, "source": None, "last_observed": None,
            **provenance(cell or labelled.label),
        }
        self.indicator["name"] = self.cell_text(cell, "indicators", "name", self.indicator_label())
        self.doc.add("indicators", self.indicator)

    def indicator_label(self) -> str:
        if self.indicator is None:
            return "?"
        return f"{self.indicator['mission_code']}-{self.indicator['program_code']}/" \
               f"{self.indicator['objective_seq']}/{self.indicator['indicator_seq']}"

    def on_measures(self, labelled: _Labelled) -> None:
        if self.indicator is None:
            self.warn("'Cosa misura' row outside any indicator", labelled.label)
            return
        self.indicator["measures"] = self.cell_text(labelled.value, "indicators", "measures",
                                                    self.indicator_label())

    def on_indicator_header(self, labelled: _Labelled) -> None:
        if self.indicator is None:
            self.warn("'Tipologia' header row outside any indicator", labelled.label)
            return
        self.pending = _Pending.read("targets", labelled.row.cells)

    def set_indicator_field(self, column: str, cell: Cell | None) -> None:
        text = self.cell_text(cell, "indicators", column, self.indicator_label())
        if column != "type":
            self.indicator[column] = text
            return
        self.indicator["type_raw"] = text
        self.indicator["type"] = text.lower() if text else None
        if text and text != text.lower():
            self.doc.normalizations.append({
                "table": "indicators", "column": "type", "record_key": self.indicator_label(),
                "raw": text, "normalized": text.lower(), "rule": "lower_case", "confidence": 1.0,
                **provenance(cell)})

    def add_value(self, kind: str, year: int, cell: Cell | None) -> None:
        key = f"{self.indicator_label()}/{kind}/{year}"
        text = self.cell_text(cell, "indicator_values", "text", key)
        value = unit = None
        if kind == "result":
            reading = read_measure(text, cell.confidence if cell is not None else None)
            value, unit = reading.value, reading.unit
            if reading.warning:
                self.warn(f"indicator {self.indicator_label()}: result {year} {reading.warning}", cell)
            if reading.changed:
                self.doc.normalizations.append(reading.normalization("indicator_values", "value", key,
                                                                     provenance(cell)))
        self.doc.add("indicator_values", {
            "mission_code": self.indicator["mission_code"], "program_code": self.indicator["program_code"],
            "objective_seq": self.indicator["objective_seq"], "indicator_seq": self.indicator["indicator_seq"],
            "kind": kind, "year": year, "text": text, "value": value, "value_unit": unit,
            **provenance(cell)})

    def close_objective(self) -> None:
        objective, self.objective, self.indicator = self.objective, None, None
        if objective is None:
            return
        declared, found = objective["n_indicators_declared"], objective["n_indicators_found"]
        if declared is not None and declared != found:
            self.warn(f"objective {self.objective_key(objective)}: 'Nr indicatori associati' says "
                      f"{declared} but {found} indicators are printed")

    # --- after the last row -----------------------------------------------------------
    def finish(self) -> ParsedDocument:
        self.drop_pending()
        self.close_objective()
        self.attach_objective_codes()
        self.reconcile_codes()
        return self.doc

    def attach_objective_codes(self) -> None:
        """Give each detailed objective the overview code of the same objective.

        Candidates are the overview objectives of the same mission/programme, plus those whose
        mission/programme is one character away from the block's and belongs to no block (an OCR
        misread such as '912-004-003'); the overview code of such a match is corrected.
        """
        summaries = self.doc.tables["summary_objectives"]
        blocks: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {}
        for objective in self.doc.tables["objectives"]:
            blocks.setdefault((objective["mission_code"], objective["program_code"]), []).append(objective)
        for (mission, programme), detailed in blocks.items():
            prefix = f"{mission}-{programme}"
            listed = [s for s in summaries
                      if (s["mission_code"], s["program_code"]) == (mission, programme)
                      or ((s["mission_code"], s["program_code"]) not in blocks
                          and _one_char_apart(s["objective_code"][:7], prefix))]
            pairs = []
            for i, objective in enumerate(detailed):
                for j, summary in enumerate(listed):
                    score = fuzz.ratio(objective["title"] or "", summary["title"] or "",
                                       processor=utils.default_process)
                    in_place = summary["objective_code"][-3:] == f"{objective['objective_seq']:03d}"
                    if score >= _TITLE_MATCH or (in_place and score >= _TITLE_MATCH_IN_PLACE):
                        pairs.append((-score, not in_place, i, j))
            used_i: set[int] = set()
            used_j: set[int] = set()
            for _, _, i, j in sorted(pairs):
                if i in used_i or j in used_j:
                    continue
                used_i.add(i)
                used_j.add(j)
                if not listed[j]["objective_code"].startswith(prefix):
                    self.correct_overview_code(listed[j], mission, programme)
                detailed[i]["objective_code"] = listed[j]["objective_code"]
            for i, objective in enumerate(detailed):
                if i not in used_i and listed:
                    self.warn(f"objective {self.objective_key(objective)} matches no objective of the "
                              f"overview table for {prefix}")

    def correct_overview_code(self, summary: dict[str, Any], mission: str, programme: str) -> None:
        raw = summary["objective_code"]
        code = f"{mission}-{programme}-{raw[-3:]}"
        self.doc.normalizations.append(correction("summary_objectives", "objective_code", raw, raw, code,
                                                  "block_header+title_match", 0.9, summary))
        summary.update(objective_code=code, mission_code=mission, program_code=programme)

    def reconcile_codes(self) -> None:
        summaries = {s["objective_code"]: s for s in self.doc.tables["summary_objectives"]}
        titled = {code: s["title"] for s in summaries.values() for code in s["project_codes_raw"] if s["title"]}
        detail_codes: dict[str, list[str]] = {}
        for objective in self.doc.tables["objectives"]:
            overview = summaries.get(objective["objective_code"])
            evidence = Evidence(document_codes=frozenset(overview["project_codes_raw"]) if overview else frozenset(),
                                registry=self.context.known_project_codes,
                                title=objective["title"], titled_codes=titled)
            self.resolve("objectives", objective, self.objective_key(objective), evidence)
            if objective["objective_code"]:
                detail_codes.setdefault(objective["objective_code"], []).extend(objective["project_codes_raw"])
        for summary in self.doc.tables["summary_objectives"]:
            evidence = Evidence(document_codes=frozenset(detail_codes.get(summary["objective_code"], ())),
                                registry=self.context.known_project_codes)
            self.resolve("summary_objectives", summary, summary["objective_code"], evidence)

    def resolve(self, table: str, record: dict[str, Any], key: str, evidence: Evidence) -> None:
        """Reconcile the record's printed project codes; log changes and doubts."""
        resolutions = [reconcile_project_code(raw, evidence) for raw in record["project_codes_raw"]]
        record["project_codes"] = [r.normalized for r in resolutions]
        record["project_codes_method"] = [r.method for r in resolutions]
        record["project_codes_confidence"] = [r.confidence for r in resolutions]
        for r in resolutions:
            if r.changed:
                self.doc.normalizations.append(r.normalization(table, "project_codes", key, record))
            if r.warning:
                self.warn(f"{table} {key}: {r.warning}")


def parse(layout: Layout, info: DocumentInfo, context: ParseContext | None = None) -> ParsedDocument:
    """Records of a PIRA for the tables summary_objectives, objectives, indicators,
    indicator_values and resources, with warnings and code normalizations."""
    reader = _PiraReader(info, context or ParseContext())
    for row in layout.rows:
        reader.feed(row)
    return reader.finish()
