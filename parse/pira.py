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
from dataclasses import dataclass, field, replace
from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, utils

from camerale.extract.furniture import furniture
from camerale.model import Cell, DocumentInfo, Layout, ParseContext, ParsedDocument, Row, location, provenance
from camerale.normalize.audit import correction
from camerale.normalize.codes import (Evidence, prints_project_codes, project_group, reconcile_mission_code,
                                      reconcile_objective_code, reconcile_program_code, reconcile_project_code)
from camerale.normalize.lookalikes import DIGIT_LOOKALIKES
from camerale.normalize.numbers import read_amount, read_measure
from camerale.normalize.text import OCR_TEXT_CONFIDENCE, OCR_TEXT_RULE, clean_text, dash_placeholder, repair_ocr_text
from camerale.parse.families import Family, LabelMatch, Vocabulary, family as default_family

TABLES = ("summary_objectives", "objectives", "indicators", "indicator_values", "resources")

# Trailing punctuation is OCR specks next to a cell's ruling line ("Risultato anno 2019 ;").
_BARE_YEAR = re.compile(r"^((?:19|20)\d{2})[\s.,;:'’`]*$")
_RESOURCE_ITEMS = ("proventi_correnti", "oneri_correnti", "investimenti")
_PHASES = {"preventiv": "preventivo", "previst": "preventivo", "consuntiv": "consuntivo",
           "utilizzat": "consuntivo", "impiegat": "consuntivo"}
_KINDS = ("target", "result")
_OBJECTIVE_FIELDS = ("objective_code", "description", "time_span", "responsibility_center")
_INDICATOR_FIELDS = ("measures", "type", "unit", "algorithm", "source", "last_observed")
_FIELDS = (*_OBJECTIVE_FIELDS, *_INDICATOR_FIELDS)
# Labels that open a programme block, or its overview, before any field is read.
_BLOCKS = ("mission", "programme", "overview")
# Concepts whose value may be printed on the lines after a label standing alone.
_AWAITED = ("title", "indicator", *_FIELDS)
# Concepts that start a new record: every row under a header holding one is a record of its own.
_RECORD_STARTS = ("title", "indicator")

# Three characters, not digits: OCR may print 'O11' for 011; the normalizer reconciles the code.
_BLOCK_HEADER = re.compile(r"^(?P<code>[0-9A-Za-z]{3})\s*[-–—:.]?\s+(?P<name>.+)$")
_OBJECTIVE_CODE = re.compile(r"\b(\d{3})-(\d{3})-(\d{3})\b")
# An objective code as the overview may print it after OCR ('0I1-005-001'): digits or their look-alikes,
# at least five real digits so that no word is taken for a code; normalize/codes.py reads it.
_LOOKALIKE_DIGIT = "[0-9" + re.escape("".join(DIGIT_LOOKALIKES)) + "]"
_PRINTED_OBJECTIVE_CODE = re.compile(
    rf"(?<![\w-])(?=(?:[^0-9\s]*[0-9]){{5}})({_LOOKALIKE_DIGIT}{{3}})-({_LOOKALIKE_DIGIT}{{3}})-({_LOOKALIKE_DIGIT}{{3}})(?![\w-])")
# An amount with its euro sign before it ('€ 1.000,00') or after it ('1.000,00 €'), never both: in
# '€ 1.000,00 € 8.486,00' the second sign is the second amount's.
_AMOUNTS = re.compile(r"€\s*-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?:\s*€)?")
_LEADING_CODE = re.compile(r"^\s*(\d{3})-(\d{3})-(\d{3})\b")
_BLOCK_CODE = re.compile(r"^\s*\d{3}\b")   # a mission or programme code opening its cell

# Detail title vs overview title of the same objective score 97-100 (only a damaged project
# code differs); different objectives of one programme score far lower.
_TITLE_MATCH = 80.0
# An overview title garbled by OCR still scores about 70 against its detail title; accepted when
# the overview code's sequence number is the objective's position in its block.
_TITLE_MATCH_IN_PLACE = 60.0
# Points a line may start right of the label above it and still be in the label column.
_SAME_EDGE = 6.0


def _one_char_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _clean(cell: Cell | None) -> str | None:
    return clean_text(cell.text) if cell is not None else None


def _filled(cell: Cell | None) -> bool:
    return cell is not None and bool(cell.text.strip())


def _first_filled(cells: list[Cell | None]) -> Cell | None:
    return next((c for c in cells if _filled(c)), None)


def _joined(cells: list[Cell]) -> Cell | None:
    """Cells that hold one value (a wrapped cell split in two by the reader) as one cell."""
    cells = [c for c in cells if _filled(c)]
    if not cells:
        return None
    first = cells[0]
    if len(cells) == 1:
        return first
    box = first.bbox
    for c in cells[1:]:
        if box is not None and c.bbox is not None and c.page == first.page:
            box = box.union(c.bbox)
    return replace(first, text="\n".join(c.text for c in cells), bbox=box)


@dataclass
class _Label:
    """A printed label: its concept, the pattern's groups (year, phase), the cell printing it."""

    concept: str
    groups: dict[str, str]
    cell: Cell
    position: int

    @property
    def year(self) -> int | None:
        return int(self.groups["year"]) if self.groups.get("year") else None


@dataclass
class _Segment:
    """A label and the value cells after it, up to the next label of the row."""

    label: _Label
    values: list[Cell]

    @property
    def value(self) -> Cell | None:
        return _joined(self.values[:1]) if self.values else None


@dataclass
class _Column:
    """One column of a header row: a concept (and year), with where it is printed."""

    concept: str
    year: int | None
    phase: str | None
    cell: Cell | None
    position: int


def _phase(label: _Label) -> str | None:
    printed = label.groups.get("phase")
    return next((phase for stem, phase in _PHASES.items() if printed and printed.startswith(stem)), None)


def _overlap(a: Cell | None, b: Cell | None) -> float:
    if a is None or b is None or a.bbox is None or b.bbox is None:
        return -1.0
    return min(a.bbox.x1, b.bbox.x1) - max(a.bbox.x0, b.bbox.x0)


def _align(header: list[Cell | None], values: list[Cell | None]) -> dict[int, int]:
    """Header position -> value-row position, for rows without boxes (converter text).

    Rows of one table share their columns; when a converter changed the number of cells,
    trailing empties are ignored and the rows are aligned on their last printed column,
    where the values of these tables sit.
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


@dataclass
class _Header:
    """A header row whose values come in the rows below it."""

    columns: list[_Column]
    cells: list[Cell | None]          # the header row as printed, for rows without boxes
    table: tuple[int | None, int | None] = (None, None)   # (page, table) of the header row
    rows_read: int = 0
    last: dict[int, Cell | None] = field(default_factory=dict)  # column id -> value of the row above
    record_columns: set[int] = field(default_factory=set)  # columns the current record's first row filled
    record_short: set[int] = field(default_factory=set)    # ... of which those holding a short value
    record_part: tuple[int | None, int | None] = (None, None)  # (page, table) of the current record's first row

    @property
    def starts_records(self) -> bool:
        return any(c.concept in _RECORD_STARTS for c in self.columns)

    @property
    def kinds(self) -> list[_Column]:
        return [c for c in self.columns if c.concept in ("target", "result")]

    def amount_columns(self, label: str) -> list[_Column]:
        """The columns the amounts of a row labelled ``label`` go under: the item columns for a phase
        label ('Risorse preventivo 2019'), the phase columns for an item label ('oneri correnti')."""
        if label == "resources":
            return [c for c in self.columns if c.concept in _RESOURCE_ITEMS]
        if label in _RESOURCE_ITEMS:
            return [c for c in self.columns if c.concept == "resources" and c.phase]
        return []

    def place(self, cells: list[Cell | None]) -> list[tuple[_Column, Cell | None]]:
        """Each column with the value cell under it (None when nothing is printed there).

        Cells and header are matched by their horizontal extent when both have boxes (a
        table broken across pages may change its column widths), else by position.  A short
        value set beside its label's text, overlapping no label ('---' left in a cell whose
        year is centred), keeps the position the table's grid gave it, when the row lies on
        the header's grid (as many cells).
        """
        boxed = all(c.cell is not None and c.cell.bbox is not None for c in self.columns)
        filled = [(j, c) for j, c in enumerate(cells) if _filled(c)]
        if boxed and filled and all(c.bbox is not None for _, c in filled):
            under: dict[int, list[Cell]] = {}
            at = {column.position: k for k, column in enumerate(self.columns)} if len(cells) == len(self.cells) else {}
            for j, cell in filled:
                best = max(range(len(self.columns)), key=lambda k: (_overlap(self.columns[k].cell, cell),
                                                                     -abs(self.columns[k].cell.bbox.x0 - cell.bbox.x0)))
                if _overlap(self.columns[best].cell, cell) > 0:
                    under.setdefault(best, []).append(cell)
                elif j in at:
                    under.setdefault(at[j], []).append(cell)
            self.share(under)
            return [(column, _joined(under.get(k, []))) for k, column in enumerate(self.columns)]
        positions = _align(self.cells, cells)
        placed = []
        for column in self.columns:
            j = positions.get(column.position)
            placed.append((column, cells[j] if j is not None and j < len(cells) else None))
        return placed

    def share(self, under: dict[int, list[Cell]]) -> None:
        """Value cells under a header cell printing several labels ('TipologiaUnità di misura', glued
        where the first ran over into the next cell), one under each label: left to right, one to each of
        its columns, in the labels' order (boxes alone give them all to the first).  Left as placed when
        as many cells do not stand under it."""
        shared: dict[int, list[int]] = {}
        for k, column in enumerate(self.columns):
            shared.setdefault(column.position, []).append(k)
        for ks in shared.values():
            cells = sorted((c for k in ks for c in under.get(k, [])), key=lambda c: c.bbox.x0)
            if len(ks) < 2 or len(cells) != len(ks) or self.columns[ks[0]].cell is None \
                    or any(self.columns[k].cell.bbox != self.columns[ks[0]].cell.bbox for k in ks):
                continue
            for k, cell in zip(ks, cells):
                under[k] = [cell]

    def names_other(self, row: Row, cell: Cell, concept: str) -> bool:
        """Whether ``cell`` of ``row``, a row of the header's own table, stands under a column the
        header names by another concept."""
        if (row.page, row.table) != self.table or cell.bbox is None or len(self.columns) < 2 \
                or any(c.cell is None or c.cell.bbox is None for c in self.columns):
            return False   # a lone label printed without its value is no header of columns
        over = max(self.columns, key=lambda c: _overlap(c.cell, cell))
        return _overlap(over.cell, cell) > 0 and over.concept != concept

    def add_years(self, years: list[tuple[int, Cell, int]], row: list[Cell | None]) -> bool:
        """Years printed under (or after) year-less target/result columns: a two-level or split header.

        ``years`` are (year, cell, position in ``row``).  With boxes a year belongs to the column
        above it; without, years run left to right through the year-less columns, a new column
        starting where the years start again.
        """
        open_kinds = [c for c in self.kinds if c.year is None]
        if not open_kinds:
            return False
        added: list[_Column] = []
        k, previous = 0, None
        for year, cell, position in years:
            column = max(open_kinds, key=lambda c: _overlap(c.cell, cell))
            if _overlap(column.cell, cell) <= 0:
                if previous is not None and year <= previous and k + 1 < len(open_kinds):
                    k += 1
                column = open_kinds[k]
            previous = year
            added.append(_Column(column.concept, year, None, cell, position))
        self.columns = [c for c in self.columns if c not in open_kinds] + added
        if row is not self.cells:
            self.cells = [r if _filled(r) else (h if i < len(self.cells) else None)
                          for i, (r, h) in enumerate(zip(row, self.cells + [None] * len(row)))]
        return True


def _years_only(cells: list[Cell]) -> list[int] | None:
    """The years the cells print when they print nothing else, one or several to a cell; else None."""
    years = []
    for cell in cells:
        words = (clean_text(cell.text) or "").split()
        found = [_BARE_YEAR.match(w) for w in words]
        if not words or not all(found):
            return None
        years += [int(m.group(1)) for m in found]
    return years


class _PiraReader:
    def __init__(self, info: DocumentInfo, context: ParseContext, family: Family) -> None:
        self.doc = ParsedDocument(info=info, tables={t: [] for t in TABLES})
        self.context = context
        self.vocabulary = family.vocabulary
        self.mission: tuple[str | None, str | None] = (None, None)
        self.programme: tuple[str | None, str | None] = (None, None)
        self.objective: dict[str, Any] | None = None
        self.objective_seq = 0
        self.indicator: dict[str, Any] | None = None
        self.indicator_seq = 0
        self.header: _Header | None = None
        # The last value read beside its label, which a wrapped cell split by the reader continues.
        self.last: tuple[str, Cell, Cell] | None = None
        # Every value read beside its label in that row: fields set side by side, which a row of
        # further lines (a page break cut the row) continues column by column.
        self.beside: list[tuple[str, Cell, Cell]] = []
        self.last_row = 0      # when it was read (rows fed so far then)
        self.rows_fed = 0
        # An overview 'Obiettivi' label printed beside no value: the document declares objectives there,
        # so unless a later line gives them, they are a loss counted against completeness.
        self.open_overview: Cell | None = None

    # --- helpers --------------------------------------------------------------------
    def warn(self, message: str, cell: Cell | None = None) -> None:
        where = location(cell.page, cell.line) if cell is not None else ""
        self.doc.warnings.append(f"{message} ({where})" if where else message)

    def unplaced(self, message: str, cell: Cell | None = None) -> None:
        """A printed value no record takes: warned, and counted against completeness."""
        self.warn(message, cell)
        self.doc.unplaced.append(self.doc.warnings[-1])

    def objective_key(self, objective: dict[str, Any]) -> str:
        return f"{objective['mission_code']}-{objective['program_code']}/{objective['objective_seq']}"

    def cell_text(self, cell: Cell | None, table: str, column: str, record_key: str) -> str | None:
        """The cleaned text of a value cell, with OCR noise undone and logged.

        A lone run of dashes (what OCR makes of '---') becomes '---'; an OCR'd cell (one with a
        confidence) loses the specks and rule marks OCR adds (``normalize.text.repair_ocr_text``).
        """
        text = _clean(cell)
        fixed, rule, confidence = dash_placeholder(text), "placeholder_dash", 0.9
        if fixed is None and cell is not None and cell.confidence is not None:
            fixed, rule, confidence = repair_ocr_text(text), OCR_TEXT_RULE, OCR_TEXT_CONFIDENCE
        if fixed is None or fixed == text:
            return text
        self.doc.normalizations.append(correction(table, column, record_key, text, fixed, rule, confidence,
                                                  provenance(cell)))
        return fixed

    # --- rows: labels, headers, values ---------------------------------------------------
    def read_row(self, row: Row) -> tuple[list[Cell], list[_Segment], list[tuple[int, Cell, int]]]:
        """The row's cells before any label, its label segments, and its bare-year cells.

        The first printed cell may glue its label to the value ('Indicatore Ideazione ...');
        later cells are labels only when they print nothing else or a colon follows the label,
        so a value that merely starts with a label word stays a value.
        """
        leading: list[Cell] = []
        segments: list[_Segment] = []
        years: list[tuple[int, Cell, int]] = []
        first = True
        for i, cell in self.pieces(row):
            m = self.vocabulary.match(cell.text, glue_all=first and self.glues(row, i))
            if m is not None and not m.explicit and (not first or (row.table is not None and i > 0)
                                                     or self.indented(cell) or self.under_header(row)
                                                     or self.goes_on_line_above(row, cell)
                                                     or self.mission[0] is None and m.concept not in _BLOCKS
                                                     or m.concept == "resources" and "phase" not in m.groups):
                # A label word opening a value: in a later cell, in a table row's value column under
                # an empty label cell, on a line set right of the labels or going on in lower case with
                # the value of the line above ('indicatore particolarmente ...'), beside other cells under
                # a header ('RISORSE UMANE. (PROGETTO ...)', a title's next line), or before any block
                # (the introduction's 'finalità individuate ...' is no indicator's 'Finalità'); and
                # 'Risorse' glued to words that name no phase ('RISORSE UMANE.') is no resources label.
                m = None
            if m is not None and self.under_header(row) and (
                    ":" not in cell.text and (leading and not segments or m.concept in _FIELDS
                                              and self.header.names_other(row, cell, m.concept))
                    or leading and not segments and self.inside_dated_value(m)):
                # Values under a header: a cell reading as a bare label after the row's first values
                # ('Responsabile', a responsibility centre), or a field's label under a column of the same
                # table the header names otherwise ('TIPO', a title's line under 'Titolo'), is a value;
                # and so is a year-less 'Risultato atteso: ...' after them under the targets of named years
                # (a target's text quoting its expected result, wrapped there: '... - Risultato atteso:
                # inferiore a 5 giorni').
                m = None
            first = False
            if m is not None:
                values = [replace(cell, text=m.rest)] if m.rest else []
                segments.append(_Segment(_Label(m.concept, m.groups, cell, i), values))
                continue
            if y := _BARE_YEAR.match(clean_text(cell.text) or ""):
                years.append((int(y.group(1)), cell, i))
            (segments[-1].values if segments else leading).append(cell)
        return leading, segments, years

    def inside_dated_value(self, m: LabelMatch) -> bool:
        """Whether a target or result label naming no year stands where the pending header's targets
        or results of named years are being read: it can head none of them."""
        kinds = self.header.kinds   # asked only under a pending header (``under_header``)
        return (m.concept in _KINDS and not m.groups.get("year") and bool(kinds) and self.header.rows_read > 0
                and all(k.year is not None for k in kinds))

    def indented(self, cell: Cell) -> bool:
        """Whether a cell starts right of where the last label read started (a value's next line)."""
        label = self.last[1] if self.last is not None else None
        return (label is not None and label.bbox is not None and cell.bbox is not None and label.page == cell.page
                and cell.bbox.x0 > label.bbox.x0 + _SAME_EDGE)

    def goes_on_line_above(self, row: Row, cell: Cell) -> bool:
        """Whether a prose line opening in lower case goes on with the value read on the line above.

        A printed label opens with a capital ('Indicatore', 'INDICATORE'); a wrapped sentence's next line
        opens in lower case wherever the wrap fell, also on a label word ('... è individuato un' /
        'indicatore particolarmente significativo ...' in a description set flush with its label).
        """
        return (row.table is None and self.last is not None and self.last[2] is not None
                and self.last_row == self.rows_fed - 1 and cell.text.lstrip()[:1].islower())

    def glues(self, row: Row, position: int) -> bool:
        """Whether the row's first printed cell may glue a label to its value without a colon.

        Inside a programme block, a line opening with a field's label is that field: an unruled
        reader may give the label column and the value as one cell, the row's only one.  A table row
        whose first column is empty, or that prints other cells beside it, holds values (the further
        lines of wrapped cells under a header: 'periodo precedente' is no 'periodo' label, 'tempi di
        sospensione delle ...' no 'tempi').
        """
        return self.mission[0] is not None and (row.table is None or (position == 0 and len(row.filled) == 1))

    def under_header(self, row: Row) -> bool:
        """Whether a table row prints values under the pending header: beside other cells, a first
        cell opening with a label word is a value there ('RISORSE UMANE. (PROGETTO' in a title)."""
        return self.header is not None and row.table is not None and len(row.filled) > 1

    def pieces(self, row: Row) -> Iterator[tuple[int, Cell]]:
        """The row's printed cells, a cell holding several 'label: value' pairs split into one per pair,
        and a dated label's cell over its value (``dated_labels_over_values``) into the label and the value."""
        over_values = self.dated_labels_over_values(row)
        for i, cell in enumerate(row.cells):
            if not _filled(cell):
                continue
            if over_values:
                label, _, value = cell.text.partition("\n")
                yield i, replace(cell, text=label)
                if value.strip():
                    yield i, replace(cell, text=value)
                continue
            labels = self.vocabulary.only_labels(cell.text) if self.mission[0] is not None else None
            for text in labels or self.vocabulary.split_pairs(cell.text):
                yield i, cell if text == cell.text else replace(cell, text=text)

    def dated_labels_over_values(self, row: Row) -> bool:
        """Whether every printed cell of a table row opens with a line that is a target or result label
        naming its year, two cells at least ('Risultato anno 2017⏎2,9 gg' | 'Risultato anno 2018' | ...).

        Centred over unruled values a line below, such a header is read with its values as one row,
        each label atop its value in one cell; under a pending header (the targets' above) its cells
        would read as the next lines of the targets' values.  Its first lines are labels all the same.
        """
        cells = [c for c in row.cells if _filled(c)]
        if row.table is None or len(cells) < 2 or not any("\n" in c.text for c in cells):
            return False   # a header of labels only is read as one (``is_header``)
        for cell in cells:
            m = self.vocabulary.match(cell.text.partition("\n")[0])
            if m is None or not m.explicit or m.concept not in _KINDS or not m.groups.get("year"):
                return False
        return True

    @staticmethod
    def is_header(segments: list[_Segment]) -> bool:
        """Labels only (a year-less target/result label may be followed by its years)."""
        for seg in segments:
            if not seg.values:
                continue
            years_after_kind = (seg.label.concept in _KINDS and seg.label.year is None
                                and all(_BARE_YEAR.match(clean_text(v.text) or "") for v in seg.values))
            if not years_after_kind:
                return False
        return True

    def feed(self, row: Row) -> None:
        self.rows_fed += 1
        leading, segments, years = self.read_row(row)
        if not leading and not segments:
            header = self.header
            if (header is not None and header.rows_read == 0 and row.table is not None and header.kinds
                    and all(k.year is not None for k in header.kinds)):
                self.value_row(row)  # a value row whose cells OCR read as blank: the years still exist
            return
        if not segments:
            self.unlabelled(row, leading, years)
            return
        self.last = None
        if not leading and (row.table is not None or len(segments) > 1) and self.is_header(segments):
            self.start_header(row, segments, years)
            return
        if not self.uses_header(segments):
            self.drop_header()
        self.apply_segments(row, segments)

    def start_header(self, row: Row, segments: list[_Segment], years: list[tuple[int, Cell, int]]) -> None:
        columns = [_Column(seg.label.concept, seg.label.year, _phase(seg.label), seg.label.cell, seg.label.position)
                   for seg in segments]
        if self.repeats_header(row, columns):
            return  # the header printed again over the rest of a table a page break cut: its rows go on
        self.drop_header()
        self.header = _Header(columns, list(row.cells), (row.page, row.table))
        if years:
            self.header.add_years(years, row.cells)  # 'Risultato anno | 2017 | 2018 | 2019'

    def repeats_header(self, row: Row, columns: list[_Column]) -> bool:
        """Whether a header row is the pending header printed again on a later page (its year-less
        kinds taking the years of the line below it, as the first time)."""
        header = self.header
        if header is None or not header.rows_read or row.page is None:
            return False
        if len({c.position for c in header.columns}) == 1 < len({c.position for c in columns}):
            return False  # a header read from one line of prose gives way to the same header set in cells
        pages = {c.cell.page for c in header.columns if c.cell is not None}
        concepts = list(dict.fromkeys(c.concept for c in header.columns))
        return bool(pages) and row.page > max(pages) and concepts == list(dict.fromkeys(c.concept for c in columns))

    def drop_header(self) -> None:
        header, self.header = self.header, None
        if header is not None and not header.rows_read and any(c.concept == "overview" for c in header.columns):
            # 'Obiettivi' read as a header with no row under it: its list was not read (so far).
            self.open_overview = next(c.cell for c in header.columns if c.concept == "overview")
        if header is None or header.rows_read or not header.kinds:
            return
        if len(header.columns) == 1 and header.columns[0].year is not None and self.indicator is not None:
            # A lone 'Risultato anno 2018' beside nothing: a label whose value is not printed.
            self.add_value(header.columns[0].concept, header.columns[0].year, None)
            return
        kinds = sorted({"targets" if c.concept == "target" else "results" for c in header.kinds})
        self.warn(f"{' and '.join(kinds)} header of indicator {self.indicator_label()} has no value row",
                  header.columns[0].cell)

    def uses_header(self, segments: list[_Segment]) -> bool:
        """Whether a labelled row reads its values against the pending header (a transposed table)."""
        if self.header is None:
            return False
        concepts = {c.concept for c in self.header.columns}
        for seg in segments:
            label = seg.label
            if label.concept in _KINDS and label.year is None and seg.values and "year" not in label.groups:
                return bool(self.header.kinds)
            if label.concept in _RESOURCE_ITEMS and "resources" in concepts:
                return True
            if label.concept == "resources" and seg.values and concepts & set(_RESOURCE_ITEMS):
                return True
        return False

    def unlabelled(self, row: Row, cells: list[Cell], years: list[tuple[int, Cell, int]]) -> None:
        if row.table is None:
            # Prose between tables, or a page number between a header and its values; but a line
            # right after a 'Label: value' line goes on with its value (text set without a table).
            if self.last is not None and self.last_row == self.rows_fed - 1 and len(cells) == 1:
                self.continue_last(cells)
            return
        if len(self.beside) > 1 and self.last_row == self.rows_fed - 1 and self.continue_beside(cells):
            return
        if self.header is not None:
            if len(years) == len(cells) and self.header.rows_read == 0 and self.header.add_years(years, row.cells):
                return  # the years of a two-level header, or of a header a page break split
            again = _years_only(cells)
            if again is not None and self.header.rows_read and sorted(again) == sorted(c.year or 0 for c in self.header.kinds):
                # The years of a two-level header printed again over the rest of its table, a cell a year
                # or several years to a cell (a part of a row or two under the repeated header gives its
                # reader too few lines to part every column: '2017 2018 2019').
                return
            self.value_row(row)
            return
        code_row = bool(_LEADING_CODE.match(clean_text(cells[0].text) or ""))
        previous = self.last[2] if self.last is not None else None
        # Right under the value: in its column; or, first thing of a new table part (the next text
        # column, the next page), in that part's value column with the label cell empty, or in a row the
        # reader found open at its top (a cell the column's foot cut, going on).
        moved_on = (previous is not None and self.last_row == self.rows_fed - 1
                    and (not _filled(row.cells[0]) or row.open_top)
                    and (previous.page != cells[0].page or previous.bbox is None or cells[0].bbox is None
                         or cells[0].bbox.top < previous.bbox.top))
        if self.last is not None and (not code_row or self.last[0] == "overview") \
                and (moved_on or all(_overlap(previous, c) > 0 for c in cells)):
            # The further lines of the value beside the label above, whatever the reader made of
            # them (one cell, or one row per line with the label cell empty): the overview's next
            # objectives included, so that each title runs up to the next code.
            self.continue_last(cells)
            return
        if code_row and self.objective is None:
            self.overview(cells)  # an overview table that prints its codes without a row label

    def continue_last(self, cells: list[Cell]) -> None:
        """The further lines of the last value read beside its label."""
        concept, label, previous = self.last
        merged = _joined([previous, *cells])
        self.last, self.last_row = (concept, label, merged), self.rows_fed
        if concept in ("mission", "programme"):
            self.block(concept, [merged])
        elif concept != "resources":
            # The first lines under a label that stood alone are its value, not the rest of one.
            self.apply(concept, merged, label, continuing=previous is not None)

    def continue_beside(self, cells: list[Cell]) -> bool:
        """The further lines of fields set side by side ('Ultimo valore osservato: ... | Risultato atteso
        2017: ...'), each cell under the value it goes on: the rest of a row a page break cut."""
        under = [next((k for k, (_, _, value) in enumerate(self.beside) if _overlap(value, cell) > 0), None)
                 for cell in cells]
        if None in under or len(set(under)) < len(under):
            return False
        for k, cell in zip(under, cells):
            concept, label, value = self.beside[k]
            self.beside[k] = (concept, label, _joined([value, cell]))
            self.apply(concept, self.beside[k][2], label, continuing=True)
        self.last, self.last_row = self.beside[under[-1]], self.rows_fed
        return True

    def value_row(self, row: Row) -> None:
        """A row of values under the pending header."""
        header = self.header
        first = _first_filled(row.cells)
        if self.mission[0] is None and first is not None and _LEADING_CODE.match(clean_text(first.text) or "") \
                and not any(c.concept == "overview" for c in header.columns):
            self.overview(row.filled)  # an overview table with a header row: 'Codice | Obiettivo'
            header.rows_read += 1
            return
        placed = header.place(row.cells)
        filled = {id(column) for column, cell in placed if cell is not None}
        # Under a header that starts a record per row, a row goes on with the record above when it
        # leaves its start column empty, or fills only some of the columns the record's first row
        # filled: the further lines of wrapped cells that a reader gave as rows of their own.  A new
        # record prints again each short value the record's first row printed (a type, a time span,
        # a count: one line each); a value of a few words may also be the first line of a wrapped one.
        # A row leaving one of several such values blank, its start cell going on in lower case, goes on
        # with the record even where it prints in a column the first row left empty (a unit run over
        # the algorithm's column on that row).
        continuing = header.rows_read > 0 and (
            not header.starts_records
            or not any(id(column) in filled for column, _ in placed if column.concept in _RECORD_STARTS)
            or (filled < header.record_columns and not (header.record_short and header.record_short <= filled))
            or (len(header.record_short) >= 2 and not header.record_short <= filled and self.goes_on(placed)))
        if continuing and header.starts_records and row.ruling == "full" and not row.open_top \
                and (row.page, row.table) != header.record_part:
            # A ruled row is a whole record: the rest of one a page cut is joined to it by extraction, or
            # open at its top.  A closed row opening another part of the table (its header printed again
            # on a new page) is the next record, though it leaves blank a value the one above printed.
            continuing = False
        if header.rows_read > 0 and any(c.concept == "overview" for c in header.columns):
            # The overview's rows start where a mission or programme code opens a cell; other rows are
            # the further lines of its wrapped cells.
            continuing = not any(column.concept in ("mission", "programme") and cell is not None
                                 and _BLOCK_CODE.match(clean_text(cell.text) or "") for column, cell in placed)
        if not continuing:
            header.record_columns, header.record_part = filled, (row.page, row.table)
            # Short values (a type, a unit, a result) fit on one line: a further line never prints them.
            header.record_short = {id(column) for column, cell in placed
                                   if cell is not None and len(cell.text.split()) <= 3 and "\n" not in cell.text}
        year_row = None
        first = _first_filled(row.cells)
        if first is not None and (y := _BARE_YEAR.match(clean_text(first.text) or "")) and any(
                c.year is None for c in header.kinds):
            year_row = int(y.group(1))  # 'Anno | Target | Risultato' tables: one row per year
            continuing = False
        placed.sort(key=lambda pc: pc[0].concept not in _RECORD_STARTS)
        for column, cell in placed:
            if year_row is not None and cell is first:
                continue
            if continuing:
                previous = header.last.get(id(column))
                if cell is None:
                    continue
                cell = _joined([previous, cell]) if previous is not None else cell
            header.last[id(column)] = cell
            if column.concept in _KINDS:
                year = column.year if column.year is not None else year_row
                if year is None:
                    self.warn(f"{column.concept} column without a year for indicator {self.indicator_label()}",
                              column.cell)
                    continue
                if self.indicator is None:
                    self.unplaced(f"{column.concept} values outside any indicator", cell or column.cell)
                    continue
                if year_row is not None and cell is None and column.concept == "target":
                    continue  # a year the table lists for results only
                self.add_value(column.concept, year, cell)
            elif column.concept == "resources":
                continue  # resource columns are read from the item rows (uses_header)
            elif column.concept == "overview" or not any(c.concept == "overview" for c in header.columns):
                if cell is not None or column.concept not in _RECORD_STARTS:
                    self.apply(column.concept, cell, column.cell, continuing=continuing)
        header.rows_read += 1

    @staticmethod
    def goes_on(placed: list[tuple[_Column, Cell | None]]) -> bool:
        """Whether the cell under a record's start column opens in lower case: the rest of a wrapped name."""
        return any(column.concept in _RECORD_STARTS and cell is not None and cell.text.strip()[:1].islower()
                   for column, cell in placed)

    def apply_segments(self, row: Row, segments: list[_Segment]) -> None:
        resources: tuple[str, int] | None = None
        self.beside = []
        for seg in segments:
            label = seg.label
            if label.concept == "resources":
                phase = _phase(label)
                resources = (phase, label.year) if phase and label.year else None
                if resources is not None and seg.values and self.header is not None:
                    self.transposed(row, seg)  # 'Risorse preventivo 2019 | € 0,00 | ...' under item columns
                elif resources is not None and seg.values:
                    self.inline_items(resources, _joined(seg.values))
                elif resources is None and not seg.values:
                    self.warn(f"'{_clean(label.cell)}' names no phase and year", label.cell)
                continue
            if label.concept in _RESOURCE_ITEMS:
                if resources is not None:
                    self.add_resource(*resources, label.concept, label.cell, _joined(seg.values))
                elif self.header is not None:
                    self.transposed(row, seg)
                continue
            if label.concept in _KINDS and label.year is None and seg.values and self.header is not None:
                self.transposed(row, seg)
                continue
            if label.concept in ("mission", "programme", "overview"):
                if label.concept != "programme":
                    self.close_overview()
                if label.concept == "overview" and not seg.values and row.table is not None:
                    self.open_overview = label.cell
                self.apply(label.concept, None, label.cell, values=seg.values)
                if seg.values:
                    self.last, self.last_row = (label.concept, label.cell, _joined(seg.values)), self.rows_fed
                continue
            if not seg.values:
                if label.concept in _KINDS and label.year is not None and self.indicator is not None \
                        and ((_clean(label.cell) or "").endswith(":") or self.dated_labels_over_values(row)):
                    # A field printed empty ('Risultato anno 2018:' beside the other years, or 'Risultato anno
                    # 2018' over nothing beside labels over their values): a year whose value is not printed,
                    # as a lone label under a header is.
                    self.add_value(label.concept, label.year, None)
                elif len(segments) == 1 and self.mission[0] is not None \
                        and (label.concept in _AWAITED or label.concept in _KINDS and label.year is not None):
                    # A label alone on its line inside a programme block: its value may follow on the next
                    # lines ('Indicatore' left at a page foot, its name at the next page's head).
                    self.last, self.last_row = (label.concept, label.cell, None), self.rows_fed
                continue  # a frame ('Obiettivo' beside 'Titolo') or a label printed without a value
            value = _joined(seg.values)
            self.apply(label.concept, value, label.cell)
            self.last, self.last_row = (label.concept, label.cell, value), self.rows_fed
            self.beside.append(self.last)

    def inline_items(self, resources: tuple[str, int], cell: Cell) -> None:
        """'proventi correnti € 0,00 – oneri correnti € 5.400,00 – investimenti € 0,00' in one cell."""
        text = clean_text(cell.text) or ""
        found = self.vocabulary.find(_RESOURCE_ITEMS, text)
        for k, (item, _, end) in enumerate(found):
            stop = found[k + 1][1] if k + 1 < len(found) else len(text)
            amount = text[end:stop].strip(" :;,–—-")
            self.add_resource(*resources, item, cell, replace(cell, text=amount) if amount else None)

    def transposed(self, row: Row, seg: _Segment) -> None:
        """A label in the first column whose values sit under the pending header's columns."""
        kept = [c if any(c is v for v in seg.values) else None for c in row.cells]
        placed = self.header.place(kept)
        if len(seg.values) == 1 and sum(c is not None for _, c in placed) < 2:
            # One line of amounts ('€ 0,00 € 5.400,00 € 0,00'): in the order of the columns they go under,
            # the item columns after a phase label, the phase columns after an item label.
            amounts = _AMOUNTS.findall(clean_text(seg.values[0].text) or "")
            under = self.header.amount_columns(seg.label.concept)
            if under and len(amounts) == len(under):
                placed = [(c, replace(seg.values[0], text=a.strip())) for c, a in zip(under, amounts)]
        for column, cell in placed:
            if seg.label.concept in _RESOURCE_ITEMS and column.concept == "resources" and column.phase:
                self.add_resource(column.phase, column.year, seg.label.concept, seg.label.cell, cell)
            elif seg.label.concept == "resources" and column.concept in _RESOURCE_ITEMS and _phase(seg.label):
                self.add_resource(_phase(seg.label), seg.label.year, column.concept, column.cell, cell)
            elif seg.label.concept in _KINDS and column.concept in _KINDS and column.year is not None:
                if column.concept == seg.label.concept or len({c.concept for c in self.header.kinds}) == 1:
                    self.add_value(seg.label.concept, column.year, cell)
        self.header.rows_read += 1

    def apply(self, concept: str, cell: Cell | None, label: Cell | None, *, continuing: bool = False,
              values: list[Cell] | None = None) -> None:
        """One value of a concept, wherever the layout printed it."""
        if concept in ("mission", "programme"):
            self.block(concept, values if values is not None else [cell] if cell is not None else [])
        elif concept == "overview":
            self.overview(values if values is not None else [cell] if cell is not None else [])
        elif concept == "title":
            if continuing and self.objective is not None:
                self.set_title(self.objective, cell, label)
            else:
                self.start_objective(cell, label)
        elif concept in _OBJECTIVE_FIELDS:
            self.objective_for(concept, label, continuing)
            self.objective_field(concept, cell, label)
        elif concept == "n_indicators":
            self.objective_for("n_indicators_declared_text", label, continuing)
            self.n_indicators(cell, label)
        elif concept == "indicator":
            if continuing and self.indicator is not None:
                self.indicator["name"] = self.cell_text(cell, "indicators", "name", self.indicator_label())
            else:
                self.start_indicator(cell, label)
        elif concept in _INDICATOR_FIELDS:
            if self.indicator is not None and self.indicator[concept] is not None and not continuing:
                self.warn(f"a second '{_clean(label)}' for indicator {self.indicator_label()}: "
                          "a new indicator whose name was not read", label)
                self.start_indicator(None, label)
            if self.indicator is None:
                self.unplaced(f"'{_clean(label)}' outside any indicator", label)
            else:
                self.set_indicator_field(concept, cell)
        elif concept in _KINDS:
            # The label cell may glue its value ('Risultato atteso 2017 progetto ...', a line of prose).
            year = None if label is None else self.vocabulary.match(label.text, glue_all=True)
            year = int(year.groups["year"]) if year is not None and year.groups.get("year") else None
            if self.indicator is None or year is None:
                self.unplaced(f"'{_clean(label)}' outside any indicator or without a year", label)
            else:
                self.add_value(concept, year, cell)
        # Other known labels (weight, notes, resource columns) hold nothing the dataset keeps.

    # --- records -------------------------------------------------------------------------
    def block(self, concept: str, values: list[Cell]) -> None:
        """A 'Missione'/'Programma' header: (code, name), the code checked against the reference list."""
        column = "mission_code" if concept == "mission" else "program_code"
        filled = [c for c in values if _filled(c)]
        if len(filled) != 1:
            return  # the overview table's row lists several missions
        m = _BLOCK_HEADER.match(clean_text(filled[0].text) or "")
        if m is None:
            return
        raw = m.group("code")
        resolution = (reconcile_mission_code(raw) if column == "mission_code"
                      else reconcile_program_code(raw, self.mission[0]))
        if resolution.warning:
            self.warn(resolution.warning, filled[0])
        if resolution.changed:
            self.doc.normalizations.append(
                resolution.normalization("objectives", column, raw, provenance(filled[0])))
        self.close_objective()
        self.objective_seq = 0
        if concept == "mission":
            self.mission, self.programme = (resolution.normalized, m.group("name")), (None, None)
        else:
            self.programme = (resolution.normalized, m.group("name"))

    def close_overview(self) -> None:
        if self.open_overview is not None:
            self.unplaced(f"'{_clean(self.open_overview)}' of the overview table prints no objective that was read",
                          self.open_overview)
            self.open_overview = None

    def overview(self, cells: list[Cell]) -> None:
        cells = [c for c in cells if _filled(c)]
        if any(_OBJECTIVE_CODE.search(c.text) for c in cells):
            self.open_overview = None
        for n, cell in enumerate(cells):
            text = _clean(cell) or ""
            found = list(_PRINTED_OBJECTIVE_CODE.finditer(text))
            for k, m in enumerate(found):
                end = found[k + 1].start() if k + 1 < len(found) else len(text)
                title = text[m.end():end].strip() or None
                if title is None and k + 1 == len(found) and n + 1 < len(cells) and not _PRINTED_OBJECTIVE_CODE.search(
                        cells[n + 1].text):
                    title = _clean(cells[n + 1])  # the code in a cell of its own, the title beside it
                code = self.overview_code(m.group(0), cell)
                raw_codes = self.project_codes(title, f"summary_objectives {code}", cell)
                # A code read again (the rest of a wrapped cell, a repeated table) replaces its first reading.
                summaries = self.doc.tables["summary_objectives"]
                summaries[:] = [r for r in summaries if r["objective_code"] != code]
                self.doc.add("summary_objectives", {
                    "objective_code": code, "mission_code": code[:3], "program_code": code[4:7],
                    "title": title, "project_codes": list(raw_codes), "project_codes_raw": raw_codes,
                    "project_codes_method": [], "project_codes_confidence": [], **provenance(cell)})

    def overview_code(self, printed: str, cell: Cell) -> str:
        """An overview objective code as read: damaged digits the grammar forces are read (and
        logged); a code with several readings is kept as printed for the block whose title it
        matches to correct (``attach_objective_codes``, which warns when none does)."""
        if _OBJECTIVE_CODE.fullmatch(printed):
            return printed
        resolution = reconcile_objective_code(printed)
        if resolution.changed:
            self.doc.normalizations.append(
                resolution.normalization("summary_objectives", "objective_code", printed, provenance(cell)))
        return resolution.normalized

    def start_objective(self, cell: Cell | None, label: Cell | None) -> None:
        self.close_overview()
        self.close_objective()
        self.objective_seq += 1
        self.indicator, self.indicator_seq = None, 0
        self.objective = {
            "mission_code": self.mission[0], "mission_name": self.mission[1],
            "program_code": self.programme[0], "program_name": self.programme[1],
            "objective_seq": self.objective_seq, "objective_code": None, "title": None,
            "project_codes": [], "project_codes_raw": [],
            "project_codes_method": [], "project_codes_confidence": [],
            "description": None, "time_span": None, "responsibility_center": None,
            "n_indicators_declared": None, "n_indicators_declared_text": None, "n_indicators_found": 0,
            **provenance(cell or label),
        }
        self.set_title(self.objective, cell, label)
        self.doc.add("objectives", self.objective)

    def objective_for(self, column: str, label: Cell | None, continuing: bool) -> None:
        """Start an objective whose title was not read when a field shows the current one is over.

        A field printed again, or after the objective's indicators, belongs to the next objective.
        """
        current = self.objective
        if current is None or continuing or (current[column] is None and not self.indicator_seq):
            return
        self.warn(f"'{_clean(label)}' after objective {self.objective_key(current)} was read: "
                  "a new objective whose title was not read", label)
        self.start_objective(None, label)

    def project_codes(self, title: str | None, where: str, cell: Cell | None) -> list[str]:
        """The codes printed in the title's project group, as printed; a group with anything
        that is no code (or with no code at all) is reported, so no printed code goes unseen."""
        group = project_group(title)
        if group is None:
            return []
        if warning := group.warning():
            self.warn(f"{where}: {warning}", cell)
        return group.codes

    def set_title(self, objective: dict[str, Any], cell: Cell | None, label: Cell | None) -> None:
        title = _clean(cell)
        if title and (m := _LEADING_CODE.match(title)):
            # 'Obiettivo 011-005-001: ANALISI ...': the code is the objective's, the rest its title.
            objective["objective_code"] = m.group(0).strip()
            title = title[m.end():].lstrip(" :.-–—") or None
        raw_codes = self.project_codes(title, f"objectives {self.objective_key(objective)}", cell or label)
        objective.update(title=title, project_codes=list(raw_codes), project_codes_raw=raw_codes)

    def objective_field(self, column: str, cell: Cell | None, label: Cell | None) -> None:
        if self.objective is None:
            self.unplaced(f"'{_clean(label)}' outside any objective", label)
            return
        if column == "objective_code":
            m = _OBJECTIVE_CODE.search(_clean(cell) or "")
            self.objective["objective_code"] = m.group(0) if m else None
            return
        self.objective[column] = self.cell_text(cell, "objectives", column, self.objective_key(self.objective))

    def n_indicators(self, cell: Cell | None, label: Cell | None) -> None:
        if self.objective is None:
            self.unplaced(f"'{_clean(label)}' outside any objective", label)
            return
        text = _clean(cell)
        self.objective["n_indicators_declared_text"] = text
        self.objective["n_indicators_declared"] = int(text) if text and text.isdigit() else None
        if text and not text.isdigit():
            self.warn(f"objective {self.objective_key(self.objective)}: 'Nr indicatori associati' "
                      f"is not a number: {text!r}", cell)

    def add_resource(self, phase: str, year: int, item: str, item_cell: Cell, amount_cell: Cell | None) -> None:
        if self.objective is None:
            self.unplaced(f"'{_clean(item_cell)}' outside any objective", item_cell)
            return
        text = _clean(amount_cell)
        reading = read_amount(text, amount_cell.confidence if amount_cell is not None else None)
        key = f"{self.objective_key(self.objective)}/{phase}/{year}/{item}"
        if reading.warning:
            self.warn(f"objective {self.objective_key(self.objective)}: {phase} {year} {item} {reading.warning}",
                      amount_cell)
        if reading.changed:
            self.doc.normalizations.append(reading.normalization("resources", "amount", key,
                                                                 provenance(amount_cell or item_cell)))
        self.upsert("resources", ("objective_seq", "phase", "year", "item"), {
            "mission_code": self.objective["mission_code"], "program_code": self.objective["program_code"],
            "objective_seq": self.objective["objective_seq"], "phase": phase, "year": year, "item": item,
            "amount": reading.value, "amount_text": text, **provenance(amount_cell or item_cell)})

    def upsert(self, table: str, key: tuple[str, ...], record: dict[str, Any]) -> None:
        """Add a record, or replace the one of the same key read from an earlier part of a split row."""
        key = ("mission_code", "program_code", *key)
        records = self.doc.tables[table]
        for i in range(len(records) - 1, max(-1, len(records) - 40), -1):
            if all(records[i][k] == record[k] for k in key):
                records[i] = record
                return
        records.append(record)

    def start_indicator(self, cell: Cell | None, label: Cell | None) -> None:
        if self.objective is None:
            self.unplaced(f"'{_clean(label)}' outside any objective", label)
            self.indicator = None
            return
        self.indicator_seq += 1
        self.objective["n_indicators_found"] = self.indicator_seq
        self.indicator = {
            "mission_code": self.objective["mission_code"], "program_code": self.objective["program_code"],
            "objective_seq": self.objective["objective_seq"], "indicator_seq": self.indicator_seq,
            "name": None, "measures": None, "type": None, "type_raw": None, "unit": None,
            "algorithm": None, "source": None, "last_observed": None,
            **provenance(cell or label),
        }
        self.indicator["name"] = self.cell_text(cell, "indicators", "name", self.indicator_label())
        self.doc.add("indicators", self.indicator)

    def indicator_label(self) -> str:
        if self.indicator is None:
            return "?"
        return f"{self.indicator['mission_code']}-{self.indicator['program_code']}/" \
               f"{self.indicator['objective_seq']}/{self.indicator['indicator_seq']}"

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

    def add_value(self, concept: str, year: int, cell: Cell | None) -> None:
        if self.indicator is None:
            # Values under a header whose indicator was not read (a layout never seen): kept as a loss, not a crash.
            self.unplaced(f"{concept} {year} outside any indicator", cell)
            return
        kind = concept  # 'target' or 'result'
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
        self.upsert("indicator_values", ("objective_seq", "indicator_seq", "kind", "year"), {
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
        self.drop_header()
        self.close_overview()
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
        for summary in summaries:
            if not _OBJECTIVE_CODE.fullmatch(summary["objective_code"]):
                where = location(summary.get("page"), summary.get("line"))
                warning = reconcile_objective_code(summary["objective_code"]).warning
                self.doc.warnings.append(f"summary_objectives: {warning}" + (f" ({where})" if where else ""))

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
        in_use = prints_project_codes(code for table in ("summary_objectives", "objectives")
                                      for record in self.doc.tables[table] for code in record["project_codes_raw"])
        for objective in self.doc.tables["objectives"]:
            overview = summaries.get(objective["objective_code"])
            evidence = Evidence(document_codes=frozenset(overview["project_codes_raw"]) if overview else frozenset(),
                                registry=self.context.known_project_codes,
                                title=objective["title"], titled_codes=titled, grammar_in_use=in_use)
            self.resolve("objectives", objective, self.objective_key(objective), evidence)
            if objective["objective_code"]:
                detail_codes.setdefault(objective["objective_code"], []).extend(objective["project_codes_raw"])
        for summary in self.doc.tables["summary_objectives"]:
            evidence = Evidence(document_codes=frozenset(detail_codes.get(summary["objective_code"], ())),
                                registry=self.context.known_project_codes, grammar_in_use=in_use)
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


def _labels_over_rows(rows: list[Row], vocabulary: Vocabulary) -> list[Row]:
    """Rows where a label a narrow column broke over two lines ('Program' over 'ma') was read as two
    table rows: the two as one row, each cell's lines joined, when only so the first cell is a label."""
    out: list[Row] = []
    for row in rows:
        above = out[-1] if out else None
        if (above is not None and row.table is not None and (above.page, above.table) == (row.page, row.table)
                and above.cells and row.cells and _filled(above.cells[0]) and _filled(row.cells[0])
                and vocabulary.match(above.cells[0].text) is None
                and (m := vocabulary.match(f"{above.cells[0].text}\n{row.cells[0].text}")) is not None and m.explicit):
            width = max(len(above.cells), len(row.cells))
            pad = [None] * width
            out[-1] = Row([_joined([a, b]) if _filled(a) or _filled(b) else a or b
                           for a, b in zip(above.cells + pad[len(above.cells):], row.cells + pad[len(row.cells):])],
                          above.page, above.table, above.line, above.ruling)
            continue
        out.append(row)
    return out


def _item_lines(row: Row, vocabulary: Vocabulary) -> list[Row]:
    """A table row whose label cell lists several resource items, one a line ('oneri correnti' over
    'investimenti': the reader took a line whose amount is not printed for a wrapped line of the row
    above), as one row per item; each amount goes to the item printed at its height."""
    first = _first_filled(row.cells)
    lines = first.text.split("\n") if first is not None and row.table is not None else []
    concepts = [m.concept if (m := vocabulary.match(line)) is not None and m.explicit else None for line in lines]
    if len(lines) < 2 or any(c not in _RESOURCE_ITEMS for c in concepts) or len(set(concepts)) < len(concepts) \
            or first.bbox is None:
        return [row]
    height = (first.bbox.bottom - first.bbox.top) / len(lines)
    out: list[list[Cell | None]] = [[None] * len(row.cells) for _ in lines]
    for i, cell in enumerate(row.cells):
        if cell is None or not cell.text.strip():
            for k in range(len(lines)):
                out[k][i] = cell
            continue
        if cell.bbox is None:
            return [row]
        parts = cell.text.split("\n")
        for j, part in enumerate(parts):
            k = min(len(lines) - 1, max(0, round((cell.bbox.top + j * height - first.bbox.top) / height)))
            if out[k][i] is not None:
                return [row]    # two lines at one item's height: no list of items
            top = first.bbox.top + k * height
            out[k][i] = replace(cell, text=part, bbox=replace(cell.bbox, top=top, bottom=top + height))
    return [Row(cells, row.page, row.table, row.line, row.ruling) for cells in out]


def parse(layout: Layout, info: DocumentInfo, context: ParseContext | None = None,
          family: Family | None = None) -> ParsedDocument:
    """Records of a PIRA for the tables summary_objectives, objectives, indicators,
    indicator_values and resources, with warnings and code normalizations.

    ``family`` gives the labels to read by; the default is the ministerial template's.
    """
    reader = _PiraReader(info, context or ParseContext(), family or default_family("pira_mise"))
    running = furniture(layout.rows)
    for row in _labels_over_rows([r for r in layout.rows if id(r) not in running], reader.vocabulary):
        for line in _item_lines(row, reader.vocabulary):
            reader.feed(line)
    return reader.finish()
