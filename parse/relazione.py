"""Relazione sulla performance, from table rows (PDF or OCR Layout) to records.

Each table is recognised by the concepts its header row prints (the layout family's vocabulary,
``parse/families/relazione_lucca.py``), and each value is read from the column whose header
names its concept, never from a fixed position or page.  A table part printed without its
header at the top of the next page continues the table before it, on that table's columns.

Rows are read by meaning, whatever cells a reader gave (ruled, horizontally ruled or unruled
pages): a header printed over several lines is read as one (``_header_at``); a row that opens
no record of its table (no figure, total, objective or indicator label) is the wrapped rest of
the row above (``_records``); a table is cut where its header is printed again (``_parts``);
what a page break left as prose is read where it belongs (an objective heading, a closing
row, the last rows of a table on the next page: ``_lines_apart``).
The Lucca template prints:

- budget table        ``OBIETTIVO STRATEGICO | PROGETTI | Budget iniziale ...``; the objective
                      cell is merged down its project rows and subtotal row, ``TOTALE RISORSE``
                      closes it; a subtotal may be labelled 'Totale obiettivo ...'.
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
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations, islice
from typing import Any

from camerale.extract.furniture import furniture
from camerale.model import (Box, Cell, DocumentInfo, Layout, ParseContext, ParsedDocument, Row, column_reach,
                            provenance)
from camerale.normalize.audit import correction
from camerale.normalize.numbers import parse_measure
from camerale.normalize.text import OCR_TEXT_CONFIDENCE, OCR_TEXT_RULE, clean_text, repair_ocr_text
from camerale.parse.families import Family, family as default_family
from camerale.parse import relazione_records as rec
from camerale.parse.relazione_checks import check_relazione
from camerale.parse.tables import TableBlock, table_blocks

Record = dict[str, Any]

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# The entity's overall result, stated in prose before its table:
# "... livello di raggiungimento del risultato atteso pari al 99.57%."
_OVERALL = re.compile(r"raggiungimento\b.{0,80}?\bpari\s+al\s+(?P<pct>\d{1,3}(?:[.,]\d+)?\s*%)", re.I | re.S)


def _flat(text: str | None) -> str:
    return (clean_text(text) or "").upper()


# A table part at the top of a page continues the table of the page before when that one ran to the
# end of its page: at most this many lines (page number, footer) follow it there.
_FURNITURE_LINES = 2

FIGURES = ("budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total")


@dataclass
class _Columns:
    """A recognised table: its kind and where each concept is printed in its header row."""

    kind: str
    header: Row
    where: dict[str, int]          # concept -> position of its first header cell

    def cell(self, row: Row, concept: str) -> Cell | None:
        i = self.where.get(concept)
        if i is None:
            return None
        found = row.cells[i] if i < len(row.cells) else None
        head = self.header.cells[i] if i < len(self.header.cells) else None
        if (found is None or not found.text.strip()) and head is not None and head.bbox is not None:
            # A reader that split the printed columns finer than the header (values set right of where
            # their label starts, each row's at its own x): the value printed under the label.
            named = set(self.where.values())
            under = [c for j, c in enumerate(row.cells) if j not in named and c is not None and c.text.strip()
                     and c.bbox is not None and c.bbox.x0 < head.bbox.x1 and head.bbox.x0 < c.bbox.x1]
            if len(under) == 1:
                return under[0]
        return found

    def text(self, row: Row, concept: str) -> str:
        c = self.cell(row, concept)
        return c.text if c is not None else ""

    def figures(self, row: Row) -> list[str]:
        """The row's texts of ``FIGURES``, in that order."""
        printed = sorted((i, c) for c, i in self.where.items() if c in FIGURES)
        texts = dict(zip((c for _, c in printed),
                         _spread([rec.lines_joined(t := self.text(row, c), rec.AMOUNT) or t for _, c in printed])))
        return [texts.get(c, "") for c in FIGURES]


def _spread(figures: list[str]) -> list[str]:
    """Figures of a row in column order, one per column.  A cell printing several figures ('42,1 25,65':
    a reader merged its column with the next, which only this row fills) gives them to the empty
    figure columns beside it, as many as it prints, in their order."""
    for i, text in enumerate(figures):
        parts = (clean_text(text) or "").split()
        if len(parts) < 2 or any(parse_measure(part) is None for part in parts):
            continue
        k = len(parts) - 1
        if i >= k and not any(f.strip() for f in figures[i - k:i]):
            figures[i - k:i + 1] = parts
        elif i + k < len(figures) and not any(f.strip() for f in figures[i + 1:i + k + 1]):
            figures[i:i + k + 1] = parts
    return figures


def _concept(text: str, family: Family, glued: bool = False) -> str | None:
    # The vocabulary also reads a label a narrow cell broke inside a word ('% RAGGIUNGIMEN' over 'TO').
    m = family.vocabulary.match(text, glue_all=glued)
    if m is not None:
        return m.concept
    return "year" if _BARE_YEAR.match(clean_text(text) or "") else None


def _concepts(row: Row, family: Family, glued: bool = False) -> list[str | None]:
    return [_concept(text, family, glued) for text in row.texts]


def _recognise(row: Row, family: Family, glued: bool = False) -> _Columns | None:
    """The kind of table a header row opens, read from the concepts its cells print.

    The family's table specs are tried in their order; a spec matches when its header
    concepts are all printed.  Composition tables open with the item kind ('PROVENTI
    CORRENTI'), financial health with 'Indicatore' and years, or 'Anno' and indicator names.
    ``glued``: a header cell may print more words after its label (a header gathered from
    several lines, where a word of the next column may be glued to it).
    """
    concepts = _concepts(row, family, glued)
    where: dict[str, int] = {}
    for i, c in enumerate(concepts):
        if c is not None:
            where.setdefault(c, i)
    if "objective_and_project" in where:
        where.setdefault("strategic_objective", where["objective_and_project"])
        where.setdefault("project", where["objective_and_project"])
    first = next((c for c in concepts if c is not None), None)
    for spec in family.tables:
        if not all(c in where for c in spec.identify):
            continue
        if spec.name == "composition" and concepts[0] not in ("proventi", "oneri"):
            continue
        if spec.name == "financial" and (first != "indicator" or "achievement" in where):
            continue
        if spec.name == "financial_by_year" and concepts[0] != "year_label":
            continue
        if spec.name == "individual":
            where = {**where, "owner": 0}  # the owner heads the first column
        return _Columns(spec.name, row, where)
    return None


# A header row may be printed over this many lines, each read as a row of its own.
_HEADER_LINES = 3


def _stacked(rows: list[Row]) -> Row:
    """Rows of one table as one row: each position's texts joined line by line (a header printed
    over several lines, a record whose wrapped lines were read as rows of their own).  Text under a
    position the first row leaves to a cell spanning from the left goes to that cell."""
    first = rows[0]
    width = max(len(r.cells) for r in rows)
    owner = []
    for i in range(width):
        j = i
        while j > 0 and (j >= len(first.cells) or first.cells[j] is None):
            j -= 1
        owner.append(j if j < len(first.cells) and first.cells[j] is not None else i)
    parts: dict[int, list[Cell]] = {}
    for row in rows:
        for i, cell in enumerate(row.cells):
            if cell is not None and cell.text.strip():
                parts.setdefault(owner[i], []).append(cell)
    cells: list[Cell | None] = []
    for i in range(width):
        base = first.cells[i] if i < len(first.cells) else None
        found = parts.get(i, [])
        anchor = base or (found[0] if found else None)
        if anchor is None:
            cells.append(None)
            continue
        box = anchor.bbox
        for c in found:
            if c.bbox is not None and box is not None and c.page == anchor.page:
                box = box.union(c.bbox)
        cells.append(Cell("\n".join(c.text for c in found), anchor.page, box, anchor.line, anchor.confidence,
                          anchor.row_span, anchor.col_span))
    return Row(cells, first.page, first.table, first.line, first.ruling)


def _header_at(rows: list[Row], start: int, family: Family) -> tuple[_Columns, int] | None:
    """The table a header printed from ``rows[start]`` opens, and how many rows it takes."""
    for n in range(1, _HEADER_LINES + 1):
        if start + n > len(rows):
            break
        header = rows[start] if n == 1 else _stacked(rows[start:start + n])
        cols = _recognise(header, family, glued=n > 1)
        if cols is not None:
            # Lines above a header that names as much without them are not part of it (an owner's
            # heading).  Nor are lines that open a record of the table it names (a wrapped line
            # '2015.' under an indicator row is no year header).
            if n > 1 and (any((below := _header_at(rows[start + j:start + n], 0, family)) is not None
                              and set(below[0].where) >= set(cols.where) for j in range(1, n))
                          or any(_starts_record(r, cols, header=True) for r in rows[start:start + n])):
                return None
            # Its last lines may open no record ('VO 2016' under 'CONSUNTI'): still its own, when they print
            # only under its labels (not a record's rest under a blank header cell) and a label read so far
            # still reads as one with them (not 'INDICATORE' followed by the first indicator's text).
            while start + n < min(len(rows), start + _HEADER_LINES + 1) and \
                    not _starts_record(rows[start + n], cols, header=True) and \
                    all(i < len(header.cells) and header.cells[i] is not None and header.cells[i].text.strip()
                        and (_concept(header.cells[i].text, family) is None
                             or _concept(f"{header.cells[i].text}\n{c.text}", family) is not None)
                        for i, c in enumerate(rows[start + n].cells) if c is not None and c.text.strip()) and \
                    (longer := _recognise(_stacked(rows[start:start + n + 1]), family, glued=True)) is not None \
                    and longer.kind == cols.kind and set(longer.where) >= set(cols.where):
                cols, n = longer, n + 1
            return cols, n
    return None


# At most this many lines at a page foot are tried as a header a page break left there, of at most this
# many words each (longer lines are prose; and the ways to cut them into labels would grow past counting).
_HEADER_APART_LINES = 3
_HEADER_APART_WORDS = 16


def _header_apart(block: TableBlock, running: set[int], family: Family) -> TableBlock | None:
    """The table with the header, or the header's first lines, that a page break left at the foot of the
    page before as prose: an unruled header of one line (no second line to align its words with), or a
    header row the break cut (no rule under its first lines).

    The lines' words, each line cut into runs set under the table's columns left to right, must read as
    one whole label of the family in every column the table's first row leaves blank: that row is the
    rest of the header when it prints only labels, a first record otherwise.  The header so read must
    name a table, and be the only reading; None otherwise, or when the table opens with its whole header.
    The header's cells take the columns' x ranges and the lines' page and height: a header's words are
    printed over their columns."""
    foot = [r for r in block.prose_before if r.filled and id(r) not in running]
    if block.page is None or not foot or foot[-1].page != block.page - 1:
        return None   # no line at the foot of the page before: the common case, decided first
    reach = column_reach(block.rows)
    if reach is None or None in reach:
        return None
    spans: list[tuple[float, float]] = reach  # type: ignore[assignment]  # every column prints
    first = block.rows[0]
    rest_of_header = bool(first.filled) and all(_concept(c.text, family) is not None for c in first.filled)
    if not rest_of_header and _header_at(block.rows, 0, family) is not None:
        return None
    free = [i for i, text in enumerate(first.texts) if not text.strip()] if rest_of_header else list(range(len(spans)))
    # The fewest lines first: lines above a header's are a heading or prose, and cost the most to try.
    for k in range(1, min(_HEADER_APART_LINES, len(foot)) + 1):
        lines = foot[-k:]
        if not free or any(r.page != block.page - 1 or len(r.filled) != 1 or r.filled[0].bbox is None for r in lines):
            continue
        words = [(clean_text(r.filled[0].text) or "").split() for r in lines]
        if any(len(w) > _HEADER_APART_WORDS for w in words):
            continue
        readings = list(islice(_stacked_labels(words, len(free), family), 2))
        if len(readings) != 1:
            continue
        boxes = [r.filled[0].bbox for r in lines]
        top, bottom, page = min(b.top for b in boxes), max(b.bottom for b in boxes), lines[0].page
        cells: list[Cell | None] = list(first.cells) if rest_of_header else [None] * len(spans)
        for i, text in zip(free, readings[0]):
            cells[i] = Cell(text, page=page, bbox=Box(spans[i][0], top, spans[i][1], bottom))
        header = Row(cells, page=page, table=first.table, ruling=first.ruling)
        if _recognise(header, family) is None:
            continue
        body = block.rows[1:] if rest_of_header else block.rows
        return TableBlock(block.index, [header, *body],
                          [r for r in block.prose_before if not any(r is line for line in lines)])
    return None


# Cuts tried before a reading of header lines gives up (a header of a few short lines needs a few
# hundred).
_HEADER_CUTS = 5_000


def _stacked_labels(lines: list[list[str]], n: int, family: Family) -> Iterator[list[str]]:
    """The ways to set the words of header lines (top to bottom) under ``n`` columns so that each column
    reads as one whole label of the family (or a year): the first line cut into ``n`` runs, one a column
    (every label starts on the header's first line), each next line into runs given to columns left to
    right.  A column's lines are kept apart by line breaks, as a reader gives a cell's lines."""
    tried = 0

    def cuts(words: list[str], runs: int) -> Iterator[list[str]]:
        for ends in combinations(range(1, len(words)), runs - 1):
            bounds = (0, *ends, len(words))
            yield [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]

    def stack(columns: list[list[str]], rest: list[list[str]]) -> Iterator[list[str]]:
        nonlocal tried
        tried += 1
        if tried > _HEADER_CUTS:
            return
        if not rest:
            if all(_whole_label(" ".join(column), family) for column in columns):
                yield ["\n".join(column) for column in columns]
            return
        words = rest[0]
        for runs in range(1, min(len(words), n) + 1):
            for texts in cuts(words, runs):
                for where in combinations(range(n), runs):
                    grown = [list(column) for column in columns]
                    for i, text in zip(where, texts):
                        grown[i].append(text)
                    yield from stack(grown, rest[1:])

    if lines and len(lines[0]) >= n:
        for texts in cuts(lines[0], n):
            yield from stack([[text] for text in texts], lines[1:])


def _whole_label(text: str, family: Family) -> bool:
    m = family.vocabulary.match(text)
    return (m is not None and not m.rest) or _BARE_YEAR.match(text) is not None


# Points within which two cells start at the same column edge (page parts of one table may be
# re-fitted by a few points).
_EDGE_TOLERANCE = 3.0


def _same_columns(header: Row, row: Row) -> bool:
    """Whether a row lies on the header's column grid: the same cells, starting at the same edges."""
    if len(header.cells) != len(row.cells):
        return False
    pairs = [(h, c) for h, c in zip(header.cells, row.cells) if h is not None and c is not None]
    return bool(pairs) and all(h.bbox is not None and c.bbox is not None
                               and abs(h.bbox.x0 - c.bbox.x0) <= _EDGE_TOLERANCE for h, c in pairs)


def _under(header: Row, row: Row) -> Row:
    """A row of a table part printed without its header, laid on the header's columns by position
    on the page (a part on another page may have other column widths)."""
    columns = [c for c in header.cells]
    if len(row.cells) == len(columns) or any(c is None or c.bbox is None for c in columns if c is not None):
        return row
    cells: list[Cell | None] = [None] * len(columns)
    for cell in row.cells:
        if cell is None or cell.bbox is None:
            continue
        def overlap(k: int) -> float:
            return -1 if columns[k] is None else min(columns[k].bbox.x1, cell.bbox.x1) - max(columns[k].bbox.x0,
                                                                                              cell.bbox.x0)
        # Of the header cells it lies under, the one it starts nearest to (a header word glued across a
        # column edge widens its cell over the next column).
        under = [k for k in range(len(columns)) if overlap(k) > 0]
        best = (min(under, key=lambda k: abs(columns[k].bbox.x0 - cell.bbox.x0)) if under
                else max(range(len(columns)), key=overlap))
        cells[best] = cell if cells[best] is None else Cell(f"{cells[best].text}\n{cell.text}", cell.page,
                                                             cells[best].bbox, cells[best].line, cell.confidence)
    return Row(cells, row.page, row.table, row.line)


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
    objectives_seen: set[str] = field(default_factory=set)   # strategic objectives recorded
    budget_done: bool = False                               # TOTALE RISORSE seen
    entity_table: list[tuple[str, str, str]] | None = None   # the first copy: (number, title, pct)
    owners: dict[str, str] = field(default_factory=dict)    # individual table header -> owner
    objective: Record | None = None                         # individual objective being read
    objective_owner: str | None = None
    indicator_seq: int = 0
    indicator: Record | None = None                         # its last indicator read
    # The % printed on the objective's row when no indicator stood beside it (its text on the next page).
    objective_pct: Cell | None = None
    label_apart: bool = False        # the last indicator printed 'INDICATORE' without its number
    running: set[int] = field(default_factory=set)          # ids of running header/footer lines
    composition: dict[tuple[str, str], _Item] = field(default_factory=dict)  # (kind, item) -> cells
    overall: list[tuple[str, Record]] = field(default_factory=list)
    amounts: rec.AmountFigures = field(default_factory=rec.AmountFigures)  # budget and area amounts


@dataclass
class _Part:
    """One table part: its columns, its header rows (none when it continues the table before),
    its rows joined into records, and what is printed above it."""

    cols: _Columns
    header: list[Row]
    rows: list[Row]
    block: TableBlock


def _parts(block: TableBlock, cols: _Columns, header: list[Row], rows: list[Row], family: Family) -> list[_Part]:
    """A table cut where its header is printed again (where it goes on after a heading, or another
    table printed right under it); rows above such a header that open no record (the next owner's
    'Dirigente ...' heading, a 'COMPOSIZIONE %' label) are printed above that part, not in the part
    before.  Under a header, rows that open no record are the header's own last lines, except in an
    individual objectives table, where they are the rest of a record from the page before."""
    pieces: list[tuple[_Columns, list[Row], list[Row]]] = [(cols, header, [])]
    i = 0
    while i < len(rows):
        found = _header_at(rows, i, family)
        if found is not None and any(_starts_record(r, pieces[-1][0], header=True)
                                     for r in rows[i + 1:i + found[1]]):
            # Lines naming labels when read together ('ESERCIZIO FUNZIONI ...' over a line opening an
            # indicator) are a record of this table, not the header of another.
            found = None
        if found is not None and found[0].kind != pieces[-1][0].kind and not _labels_only(rows[i:i + found[1]], family):
            # Another table's header prints labels only: 'ESERCIZIO FUNZIONI RESPONSABILE' beside an
            # indicator's text is an objective's title that opens with a label word.
            found = None
        if found is None:
            pieces[-1][2].append(rows[i])
            i += 1
            continue
        pieces.append((found[0], rows[i:i + found[1]], []))
        i += found[1]
    parts: list[_Part] = []
    carried: list[Row] = []
    for k, (part_cols, part_header, part_rows) in enumerate(pieces):
        prose = block.prose_before if k == 0 else carried
        if k + 1 < len(pieces):
            cut = len(part_rows)
            while cut and not _starts_record(part_rows[cut - 1], part_cols):
                cut -= 1
            # The wrapped lines of the last record stay with it; what is set apart goes above the next part.
            while cut < len(part_rows) and cut and part_rows[cut].filled and part_rows[cut - 1].filled \
                    and _wraps_onto(part_rows[cut - 1], part_rows[cut]):
                cut += 1
            part_rows, carried = part_rows[:cut], part_rows[cut:]
        lead = 0
        while lead < len(part_rows) and not _starts_record(part_rows[lead], part_cols):
            lead += 1
        if lead and part_cols.kind != "individual" and (part_header or _repeats_header(part_rows[:lead], part_cols,
                                                                                          family)):
            part_rows = part_rows[lead:]
        parts.append(_Part(part_cols, part_header, _records(part_rows, part_cols),
                           TableBlock(block.index, part_header + part_rows, prose)))
    return parts


def _labels_only(rows: list[Row], family: Family) -> bool:
    """Whether every cell the rows print, read together, is a label (or a year)."""
    header = rows[0] if len(rows) == 1 else _stacked(rows)
    concepts = _concepts(header, family, glued=len(rows) > 1)
    return all(c is not None for c, t in zip(concepts, header.texts) if t.strip())


def _repeats_header(rows: list[Row], cols: _Columns, family: Family) -> bool:
    """Rows at the top of a part continued on a new page that print its header again, in a shape the
    header on the first page does not have (columns laid out anew): two or more of its concepts."""
    printed = {c for c in _concepts(_stacked(rows), family, glued=True) if c is not None}
    return len(printed & set(cols.where)) >= 2


def _read_part(part: _Part, state: _State, family: Family) -> None:
    cols, rows, block = part.cols, part.rows, part.block
    if cols.kind == "budget":
        _budget(block, rows, cols, state)
    elif cols.kind == "areas":
        _areas(rows, cols, state)
    elif cols.kind == "entity":
        _entity(block, rows, cols, state)
    elif cols.kind == "individual":
        _individual(block, rows, cols, state)
    elif cols.kind == "composition":
        # A header printed over several lines, each read as a row ('COMPOSIZIO' over 'NE %'), is one row.
        header = [_stacked(part.header)] if len(part.header) > 1 else part.header
        _composition(block, header + rows, "proventi" if _flat(cols.header.texts[0]).startswith("PROVENTI")
                     else "oneri", state)
    elif cols.kind == "financial":
        _financial(rows, cols, state)
    elif cols.kind == "financial_by_year":
        _financial_by_year(rows, cols, state, family)


def _lines_apart(block: TableBlock, cols: _Columns, page: int, running: set[int], state: _State,
                 family: Family) -> None:
    """The last lines of a table printed on the next page as prose (too few for a reader to take
    them for a table: a total, a last indicator), read as rows of that table.

    The lines that follow, on that page, the running header, each set close under the one before;
    a line's trailing figures go to the table's figure columns in the header's order (the last
    ones when fewer are printed), its words to its first column of words.
    """
    if cols.kind not in ("budget", "individual", "financial") or (cols.kind == "budget" and state.budget_done):
        return
    lines = [r for r in block.prose_before if r.page == page + 1 and r.filled and id(r) not in running]
    header_words = set(_flat(" ".join(cols.header.texts)).split())
    repeated = 0  # the header printed again, its cells' lines read as prose lines
    while repeated < len(lines) and set(_flat(" ".join(lines[repeated].texts)).split()) <= header_words:
        repeated += 1
    taken: list[Row] = lines[:repeated]
    for line in lines[repeated:]:
        if len(taken) > repeated and not _wraps_onto(taken[-1], line, 1.0):
            break
        taken.append(line)
        text = clean_text(" ".join(c.text for c in line.filled)) or ""
        if rec.closing_pct(text) or _flat(text).startswith("TOTALE"):
            break  # a closing row closes its objective, the grand total its table
    rows = [_laid_out(line, cols) for line in taken[repeated:]]
    if not any(_opens_apart(r, cols) for r in rows):
        return
    while cols.kind != "individual" and rows and not _starts_record(rows[0], cols):
        rows.pop(0)  # the wrapped end of a record already read
    for line in taken:
        block.prose_before.remove(line)
    _read_part(_Part(cols, [], _records(rows, cols), TableBlock(block.index, rows, [])), state, family)


def _opening_lines(block: TableBlock, cols: _Columns, page: int, running: set[int]) -> list[Row]:
    """The first lines of a table part printed at the foot of the page before as prose (an objective's
    number and title, too few lines for a reader to take them for a table), its rows on this page:
    the lines from the first that opens a record of ``cols`` to the table (the rest of that record's
    lines at this page's head, above the table's first rule, included)."""
    lines = [r for r in block.prose_before if r.page in (page, page + 1) and r.filled and id(r) not in running]
    first = next((k for k, line in enumerate(lines) if _opens_apart(_laid_out(line, cols), cols)), None)
    return lines[first:] if first is not None else []


def _opens_apart(row: Row, cols: _Columns) -> bool:
    """A line apart that surely opens a record: a labelled one (a total, an indicator, an objective,
    a closing row), or a budget line printing two figures or more; a lone trailing number may be a
    page number or a year."""
    text = clean_text(" ".join(row.texts)) or ""
    if cols.kind == "individual":
        return bool(_OBJECTIVE_START.match(text) or _INDICATOR_START.match(text) or rec.closing_pct(text))
    return (_flat(text).startswith("TOTALE")
            or sum(_figure_printed(_text(row, i)) for i in _figure_columns(cols)) >= 2)


def _figure_columns(cols: _Columns) -> list[int]:
    """Positions of the columns of figures of a table: amounts and percentages, an indicator's
    achievement, a financial indicator's years."""
    if cols.kind == "financial":
        name_at = cols.where.get("indicator", 0)
        return [i for i, year in enumerate(_years(cols.header.texts)) if year is not None and i != name_at]
    return sorted(cols.where[c] for c in (*FIGURES, "achievement") if c in cols.where)


def _laid_out(line: Row, cols: _Columns) -> Row:
    """A prose line as a row of the table ``cols`` reads (see ``_lines_apart``)."""
    cell = line.filled[0]
    words = (clean_text(" ".join(c.text for c in line.filled)) or "").split()
    cut = len(words)
    # Trailing figures, not the end of a parenthesis the text opened ('(realizzato al 100%)').
    while cut and _figure_printed(words[cut - 1], years=False) and not rec.closing_pct(" ".join(words)) \
            and words[cut - 1].count("(") == words[cut - 1].count(")"):
        cut -= 1
    figure_at = _figure_columns(cols)
    figures = words[cut:][-len(figure_at):] if figure_at else []
    width = len(cols.header.cells)
    texts = [""] * width
    # Its words go to the column of words it starts under (an indicator's text beside the objectives'
    # column), the first one when the header's cells have no position.
    words_at = [i for i in range(width) if i not in figure_at]
    under = [i for i in words_at if (h := cols.header.cells[i]) is not None and h.bbox is not None
             and cell.bbox is not None and h.bbox.x0 <= cell.bbox.x0 + _EDGE_TOLERANCE]
    text_at = max(under, default=min(words_at, default=0))
    texts[text_at] = " ".join(words[:cut + len(words[cut:]) - len(figures)])
    for at, figure in zip(figure_at[len(figure_at) - len(figures):], figures):
        texts[at] = figure
    return Row([Cell(t, cell.page, cell.bbox, cell.line, cell.confidence) for t in texts], line.page, None, line.line)


def _title_beside(block: TableBlock, part: TableBlock, cols: _Columns, running: set[int], state: _State) -> None:
    """Lines of the objectives' column printed beside an individual objectives part whose other columns
    the reader took for the table alone (the title's lines at a page head, left of the indicators, read
    as prose after the part): more of the objective's title."""
    if cols.kind != "individual" or state.objective is None or not part.rows:
        return
    boxes = [c.bbox for r in part.rows for c in r.filled if c.bbox is not None]
    page = part.rows[-1].page
    if not boxes:
        return
    left, top, bottom = min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.bottom for b in boxes)
    # Beside: left of the part, within its height. The title's first line may stand a little higher than
    # the part's first row (a cell's text set from its own top), so the reader sets it before the part.
    for prose in (part.prose_before, block.prose_before):
        beside = [r for r in prose if r.page == page and r.filled and id(r) not in running
                  and all(c.bbox is not None and c.bbox.x1 <= left and c.bbox.bottom > top and c.bbox.top <= bottom
                          for c in r.filled)]
        for line in beside:
            _continue_title(state, clean_text(" ".join(c.text for c in line.filled)) or "")
            prose.remove(line)


def _closing_apart(prose: list[Row], state: _State) -> None:
    """A closing 'OBIETTIVO REALIZZATO AL 99,16%' printed under its table, apart from it."""
    for line in prose:
        text = clean_text(" ".join(c.text for c in line.filled)) or ""
        if state.objective is not None and (pct := rec.closing_pct(text)) is not None and text.upper().startswith(
                ("OBIETTIVO", "L'OBIETTIVO", "L’OBIETTIVO")):
            state.objective["achievement_text"] = pct
            state.objective["achievement_pct"] = rec.percent(pct)
            state.objective = None


def _figure_printed(text: str | None, years: bool = True) -> bool:
    """A cell printing a figure (an amount, a percentage, a year's value), not words; ``years``:
    a bare year counts (not where a header may print it).  A figure a narrow column broke over lines
    ('23.37' over '1,4') is one read joined."""
    cleaned = clean_text(rec.lines_joined(text or "", rec.MEASURE) or text) or ""
    if not years and _BARE_YEAR.match(cleaned.rstrip(".")):
        return False
    return bool(cleaned) and bool(re.fullmatch(r"[-+(]?\s*[€$]?\s*[\d.,]+\s*%?\)?|N\.?\s?C\.?|n\.?d\.?|-+", cleaned))


def _starts_record(row: Row, cols: _Columns, header: bool = False) -> bool:
    """Whether a row opens a record of its table, read by meaning; a row that does not is the
    rest of the row above, whose wrapped lines a reader gave as rows of their own.

    A budget or area line prints figures, or names a total or an objective; an entity objective
    its number or its %; an individual objective's row a label (OBIETTIVO N., INDICATORE, a
    closing 'OBIETTIVO REALIZZATO AL ...') or its %; a financial-health row a value.
    """
    texts = [clean_text(c.text) or "" for c in row.cells if c is not None and c.text.strip()]
    if not texts:
        return False
    if cols.kind in ("budget", "areas"):
        return (any(_figure_printed(cols.text(row, c), not header) for c in FIGURES if c in cols.where)
                or any(_flat(t).startswith("TOTALE") or _OBJECTIVE_HEADING.match(t) or rec.split_area(t)[0]
                       for t in texts))
    if cols.kind == "entity":
        number = clean_text(cols.text(row, "number")) if "number" in cols.where else None
        return bool(number) or _figure_printed(cols.text(row, "realization"), not header) or any(
            rec.split_entity_objective(t) for t in texts)
    if cols.kind == "individual":
        # In a header, 'INDICATORE' alone is the column's label, not an indicator's row.
        return _figure_printed(cols.text(row, "achievement"), not header) or any(
            _OBJECTIVE_START.match(t) or _INDICATOR_START.match(t) and not (header and _BARE_INDICATOR.match(t))
            or rec.closing_pct(t) for t in texts)
    if cols.kind == "composition":
        return any(_figure_printed(t, not header) for t in row.texts[1:])
    if cols.kind == "financial_by_year":
        return bool(_YEAR.match(clean_text(row.texts[0]) or ""))
    if cols.kind == "financial":
        name_at = cols.where.get("indicator", 0)
        return any(_figure_printed(t, not header) for i, t in enumerate(row.texts) if i != name_at)
    return True


def _records(rows: list[Row], cols: _Columns) -> list[Row]:
    """Rows joined into records: a row that opens none is stacked onto the row above."""
    out: list[list[Row]] = []
    for row in rows:
        if out and not _starts_record(row, cols) and any(t.strip() for t in row.texts):
            out[-1].append(row)
        elif any(t.strip() for t in row.texts):
            out.append([row])
    return [group[0] if len(group) == 1 else _stacked(group) for group in out]


# --- budget table ------------------------------------------------------------------------

# 'Totale obiettivo strategico 1A', 'Subtotale', or a bare 'Totale' closing one objective's lines; the
# grand total names itself ('TOTALE RISORSE', 'TOTALE GENERALE').
_SUBTOTAL = re.compile(r"^(?:SUB\s*-?\s*TOTALE|TOTALE\s+(?:OBIETTIVO|OB\.)|TOTALE$)", re.I)
_OBJECTIVE_HEADING = re.compile(r"^OBIETTIVO\s+STRATEGICO\s+[1-9][A-Z]\b", re.I)


def _objective_heading(block: TableBlock) -> tuple[str, str | None, Row] | None:
    """The 'OBIETTIVO STRATEGICO 1A - title' line printed above a table of one objective's projects."""
    lines = [r for r in block.prose_before if r.filled]
    for k in range(len(lines) - 1, -1, -1):
        if _OBJECTIVE_HEADING.match(clean_text(lines[k].filled[0].text) or ""):
            # The heading with its wrapped lines: those set right under it (a page footer is not).
            end = k + 1
            while end < len(lines) and _wraps_onto(lines[end - 1], lines[end]):
                end += 1
            parsed = rec.split_strategic_objective(" ".join(c.text for r in lines[k:end] for c in r.filled))
            return (parsed[0], parsed[1], lines[k]) if parsed else None
    return None


def _wraps_onto(upper: Row, lower: Row, blank: float = 0.75) -> bool:
    """Whether a line is set right under the one above: same page, a blank of at most ``blank``
    line heights between them, measured on the taller line (an OCR box hugs the ink: a line of
    letters without ascenders or descenders, 'continuo', is shorter than the font)."""
    a, b = upper.filled[-1], lower.filled[0]
    if a.bbox is None or b.bbox is None:
        return a.page == b.page
    height = max(a.bbox.bottom - a.bbox.top, b.bbox.bottom - b.bbox.top)
    return a.page == b.page and b.bbox.top - a.bbox.bottom <= blank * height


def _set_objective(state: _State, code: str, title: str | None, prov: Record) -> None:
    """The strategic objective the next lines belong to; recorded once, however often it is printed."""
    state.objective_code = code
    if code not in state.objectives_seen:
        state.objectives_seen.add(code)
        state.doc.add("strategic_objectives", rec.strategic_objective(code, title, prov))


def _budget(block: TableBlock, rows: list[Row], cols: _Columns, state: _State) -> None:
    """Budget lines, wherever the layout names their objective: a cell merged down its projects, a
    full-width row, a code and a title column repeated on every line, or a heading above the table."""
    doc = state.doc
    # A heading above the table, or above the part continued on a new page, names the objective of
    # its first lines, whether or not the table has a column for it.
    heading = _objective_heading(block)
    if heading is not None:
        _set_objective(state, heading[0], heading[1], provenance(*heading[2].filled))
    for row in rows:
        figures = cols.figures(row)
        figure_cells = [cols.cell(row, c) for c in FIGURES]
        objective_cell = cols.cell(row, "strategic_objective")
        code_cell = cols.cell(row, "objective_code")
        project_cell = cols.cell(row, "project")
        project_code_cell = cols.cell(row, "project_code")
        if _rest_of_cut_row(state, row, figures, (code_cell, project_code_cell), objective_cell, project_cell):
            continue
        # The row's words: its label columns, or, in a table that has none (the grand total printed
        # apart), whatever it prints outside the figure columns.
        figure_at = {cols.where[c] for c in FIGURES if c in cols.where}
        texts = [clean_text(c.text) for i, c in enumerate(row.cells)
                 if i not in figure_at and c is not None and c.text.strip()]
        unique = list(dict.fromkeys(texts))
        label = _flat(unique[-1]) if unique else ""
        heading = next((t for t in unique if _OBJECTIVE_HEADING.match(t)), None)
        if heading is not None and not any(_figure_printed(t) for t in figures):
            # A row naming the objective of the lines below it, in whatever column it is printed.
            parsed = rec.split_strategic_objective(heading)
            if parsed is not None:
                _set_objective(state, *parsed, provenance(*row.filled))
                continue
        if label.startswith("TOTALE") and not _SUBTOTAL.match(label) or any(
                _flat(t).startswith("TOTALE") and not _SUBTOTAL.match(_flat(t)) for t in unique):
            _add_budget_line(state, rec.budget_line("total", None, None, figures, _raw(row), provenance(*row.cells)),
                             figures)
            state.budget_done = True
            continue
        # The objective of this line: a code column with a title beside it, or a cell that names it.
        code = _ocr_repaired(code_cell, doc, "strategic_objectives", "code") if code_cell is not None else None
        if code is not None and not _OBJECTIVE_CODE.fullmatch(code):
            code = rec.lines_joined(code_cell.text, _OBJECTIVE_CODE) or code
        if code is not None and _OBJECTIVE_CODE.fullmatch(code):
            title = clean_text(objective_cell.text) if objective_cell is not None else None
            _set_objective(state, code, title, provenance(code_cell, objective_cell))
        elif objective_cell is not None and objective_cell.text.strip():
            parsed = rec.split_strategic_objective(objective_cell.text)
            if parsed is not None:
                _set_objective(state, *parsed, provenance(objective_cell))
            elif objective_cell is not project_cell:
                doc.warnings.append(f"budget table: unreadable objective cell {clean_text(objective_cell.text)!r}"
                                    f" (page {row.page})")
                doc.unplaced.append(doc.warnings[-1])
                state.objective_code = None
            if parsed is not None and objective_cell is project_cell:
                continue  # a full-width row naming the objective of the lines below it
        if any(_SUBTOTAL.match(_flat(t)) for t in unique if t not in (state.objective_code,)) and \
                not (project_code_cell is not None and project_code_cell.text.strip()):
            _add_budget_line(state, rec.budget_line("subtotal", state.objective_code, None, figures, _raw(row),
                                                  provenance(*row.cells)), figures)
            continue
        project_text = clean_text(project_cell.text) if project_cell is not None else None
        if project_code_cell is not None and (code := clean_text(project_code_cell.text)):
            code = rec.lines_joined(project_code_cell.text, _PROJECT_CODE) or code
            project_text = f"{code} - {project_text or ''}"  # the project code printed in a column of its own
        if project_text and not (objective_cell is project_cell and _OBJECTIVE_HEADING.match(project_text)):
            _add_budget_line(state, rec.budget_line("project", state.objective_code, project_text, figures,
                                                  _raw(row), provenance(project_cell, *figure_cells)), figures)
        elif any(t.strip() for t in figures):
            _add_budget_line(state, rec.budget_line("subtotal", state.objective_code, None, figures,
                                                  _raw(row), provenance(*figure_cells)), figures)


# A strategic objective's code ('1A'); a project code as printed (OCR letters included: 'IE0101').
_OBJECTIVE_CODE = re.compile(r"[1-9][A-Z]")
_PROJECT_CODE = re.compile(r"[0-9A-Z]{2}[0-9A-Z]{4}")


def _rest_of_cut_row(state: _State, row: Row, figures: list[str], codes: tuple[Cell | None, ...],
                     objective_cell: Cell | None, project_cell: Cell | None) -> bool:
    """Whether ``row``, at the head of a page, is the rest of the project line a page break cut (its
    code and figures on the page before, the lines of its titles here): its titles then go on."""
    lines = state.doc.tables.get("budget_lines")
    last = lines[-1] if lines else None
    if last is None or last["line_kind"] != "project" or row.page is None or last.get("page") is None \
            or row.page <= last["page"] or any(_figure_printed(t) for t in figures) \
            or any(c is not None and c.text.strip() for c in codes):
        return False
    title = clean_text(objective_cell.text) if objective_cell is not None and objective_cell is not project_cell else None
    project = clean_text(project_cell.text) if project_cell is not None else None
    if not title and not project:
        return False
    if project:
        last["project_title"] = clean_text(f"{last['project_title'] or ''}\n{project}")
    objective = next((o for o in state.doc.tables.get("strategic_objectives", []) if o["code"] == last["strategic_objective"]),
                     None)
    if title and objective is not None:
        objective["title"] = clean_text(f"{objective['title'] or ''}\n{title}")
    return True


def _ocr_repaired(cell: Cell, doc: ParsedDocument, table: str, column: str) -> str:
    """A cell's cleaned text; an OCR'd cell's without the specks OCR adds (``repair_ocr_text``), logged."""
    text = clean_text(cell.text) or ""
    fixed = repair_ocr_text(text) if cell.confidence is not None else None
    if fixed is None:
        return text
    doc.normalizations.append(correction(table, column, fixed, text, fixed, OCR_TEXT_RULE, OCR_TEXT_CONFIDENCE,
                                         provenance(cell)))
    return fixed


# Printed text of the records that OCR noise is undone in (codes, figures and their printed text have
# their own readers): table -> (the columns naming a record, its text columns).
_OCR_TEXT_FIELDS = {
    "strategic_objectives": (("code",), ("title",)),
    "budget_lines": (("line_kind", "strategic_objective", "project_code_raw"), ("project_title",)),
    "strategic_areas": (("area",), ("name",)),
    "achievements": (("owner", "objective_number", "indicator_seq"), ("title", "indicator_text", "achievement_text")),
    "financial_indicators": (("year",), ("name",)),
    "composition": (("kind", "year"), ("item",)),
}


def _repair_ocr_texts(doc: ParsedDocument) -> None:
    """The printed text of records read from OCR'd cells without the specks OCR adds, each repair logged."""
    for table, (keys, columns) in _OCR_TEXT_FIELDS.items():
        for record in doc.tables.get(table, []):
            if record.get("ocr_confidence") is None:
                continue
            for column in columns:
                text = record.get(column)
                fixed = repair_ocr_text(text) if isinstance(text, str) else None
                if fixed is not None:
                    key = " ".join(str(record[k]) for k in keys if record.get(k) is not None)
                    doc.normalizations.append(correction(table, column, key, text, fixed, OCR_TEXT_RULE,
                                                         OCR_TEXT_CONFIDENCE, record))
                    record[column] = fixed


def _add_budget_line(state: _State, record: Record, figures: list[str]) -> None:
    label = f"budget_lines {record['line_kind']} {record['project_code_raw'] or record['strategic_objective'] or ''}"
    state.amounts.read(state.doc, "budget_lines", label.strip(), record, figures)
    state.doc.add("budget_lines", record)


def _areas(rows: list[Row], cols: _Columns, state: _State) -> None:
    for row in rows:
        if not any(t.strip() for t in row.texts):
            continue
        name = cols.text(row, "area_name")
        number = clean_text(cols.text(row, "number")) if "number" in cols.where else None
        if number and number.isdigit():
            name = f"Area Strategica {number}: {name}"  # number and name printed in two columns
        elif number and not clean_text(name):
            name = number  # the total row's label in the number column
        if not clean_text(name):
            # No name column on this part (its header printed anew over other columns): the row's words.
            figure_at = {cols.where[c] for c in FIGURES if c in cols.where}
            name = next((c.text for i, c in enumerate(row.cells)
                         if i not in figure_at and c is not None and c.text.strip()), name)
        figures = cols.figures(row)
        record = rec.strategic_area(name, figures, _raw(row), provenance(*row.cells))
        state.amounts.read(state.doc, "strategic_areas", f"strategic_areas {record['name']}", record, figures)
        state.doc.add("strategic_areas", record)


# --- achievements --------------------------------------------------------------------------

def _entity(block: TableBlock, rows: list[Row], cols: _Columns, state: _State) -> None:
    doc = state.doc
    # The sentence may wrap, so search the prose joined, and cite the line that prints the figure.
    joined = " ".join(c.text for r in block.prose_before for c in r.filled)
    m = _OVERALL.search(joined)
    if m is not None:
        pct = m.group("pct")
        line = next((r for r in reversed(block.prose_before) if any(pct in c.text for c in r.filled)),
                    block.prose_before[-1])
        state.overall.append((pct, provenance(*line.filled)))

    parsed_rows = []
    for row in rows:
        number = clean_text(cols.text(row, "number")) if "number" in cols.where else None
        title = cols.text(row, "entity_objectives")
        parsed = (number.rstrip(").").strip(), clean_text(title)) if number and clean_text(title) else \
            rec.split_entity_objective(title)
        if parsed is None:
            if any(t.strip() for t in row.texts):
                doc.warnings.append(f"entity objectives: unreadable row {_raw(row)!r} (page {row.page})")
                doc.unplaced.append(doc.warnings[-1])
            continue
        pct = clean_text(cols.text(row, "realization")) or ""
        parsed_rows.append((parsed[0], parsed[1], pct, row))
    content = [(n, t, p) for n, t, p, _ in parsed_rows]
    if state.entity_table is not None:
        if content != state.entity_table:
            doc.warnings.append(f"entity objectives: the table on page {block.page} differs from the first copy; "
                                "the first copy is kept")
        return
    state.entity_table = content
    for number, title, pct, row in parsed_rows:
        doc.add("achievements", rec.achievement("Ente", number, title, pct, provenance(*row.cells)))


def _owner(block: TableBlock, header: Row, state: _State) -> str:
    # 'SEGRETARIO GENERALE – OBIETTIVI E INDICATORI': the owner is what comes before the dash.  The
    # indicators' label read into the owner's cell (a part whose owner column prints nothing under its
    # header, read as one column with the next) is no part of it.
    header_text = re.split(r"\s[–—-]\s", clean_text(_OWNER_AND_LABEL.sub(" ", header.texts[0])) or "")[0]
    heading: list[str] = []
    above: Row | None = None
    for line in block.prose_before:
        if id(line) in state.running:
            continue  # a page footer between the heading and its table
        text = clean_text(" ".join(c.text for c in line.filled)) or ""
        if _opens_owner_heading(text):
            heading = [text]
        elif heading and above is not None and (text[:1].islower() or _wraps_onto(above, line)):
            heading.append(text)  # the heading wraps onto the next line
        else:
            heading = []
        above = line if line.filled else above
    if heading:
        state.owners[header_text] = " ".join(heading)
    # No heading: a table continued from the previous page, or an owner named by the header alone.
    return state.owners.setdefault(header_text, header_text.capitalize())


def _close_objective(state: _State, page: int | None) -> None:
    if state.objective is not None and state.objective["achievement_text"] is None:
        state.doc.warnings.append(f"achievements: objective {state.objective['objective_number']} of "
                                  f"{state.objective['owner']} has no printed overall % (page {page})")
    state.objective = None


_INDICATOR_START = re.compile(r"^INDICATORE\b", re.I)
_OWNER_AND_LABEL = re.compile(r"(?<=\s)INDICATORE(?=\s|$)")
_BARE_INDICATOR = re.compile(r"^INDICATORE$", re.I)
_LABEL_NUMBER = re.compile(r"[0-9]{0,2}[A-Za-z]?\)")
# 'OBIETTIVO N. 1/2016', its number possibly wrapped onto the next line; 'OBIETTIVO REALIZZATO', its
# figure possibly wrapped.
_OBJECTIVE_START = re.compile(r"^(?:OBIETTIVO\s+N(?:\.|R\.?|UMERO)?(?:\s|$)|(?:L['’]\s*)?OBIETTIVO\b.{0,30}\bREALIZZATO\b)",
                              re.I)


def _individual(block: TableBlock, rows: list[Row], cols: _Columns, state: _State) -> None:
    """Objective, indicator and closing rows, however the layout spreads them over cells: the
    objective's number and title in one cell or two, merged down its indicators or on a row of
    its own, an indicator's label beside its text or in the same cell."""
    doc = state.doc
    owner = _owner(block, cols.header, state)
    if owner != state.objective_owner:
        _close_objective(state, block.page)
        state.objective_owner = owner
    achievement_at = cols.where.get("achievement")
    # A header naming the indicators' column apart from the owner's ('SEGRETARIO GENERALE | INDICATORE |
    # %'): the owner's column holds the objectives, so its lines beside the indicators are the rest of
    # the objective's title (a cell merged down its indicator rows), never an indicator.
    objective_at = cols.where["owner"] if cols.where.get("indicator", 0) > cols.where["owner"] else None
    for row in rows:
        pct_cell = cols.cell(row, "achievement")
        placed = [(i, c) for i, c in enumerate(row.cells) if i != achievement_at and c is not None and c.text.strip()]
        cells = [c for _, c in placed]
        if not _starts_record(row, cols):
            _goes_on(state, placed, row, objective_at)
            continue
        k = 0
        read_something = False
        while k < len(cells):
            cell, text = cells[k], clean_text(cells[k].text) or ""
            nxt = clean_text(cells[k + 1].text) if k + 1 < len(cells) else None
            if (placed[k][0] == objective_at and state.objective is not None
                    and rec.split_individual_objective(text) is None and rec.closing_pct(text) is None):
                _continue_title(state, text)
                k += 1
                continue  # a figure beside it belongs to no record read yet: the row stays unreadable
            elif (objective := rec.split_individual_objective(text)) is not None:
                _close_objective(state, row.page)
                number, title = objective
                if (not title and objective_at is None and nxt and not _INDICATOR_START.match(nxt)
                        and rec.closing_pct(nxt) is None):
                    title, k = nxt, k + 1  # the title in the cell beside the number
                state.objective = rec.achievement(owner, number, title, None, provenance(cell))
                state.indicator_seq = 0
                state.indicator = None
                state.objective_pct = pct_cell if k == len(cells) - 1 else None
                doc.add("achievements", state.objective)
            elif (closing := rec.closing_pct(text)) is not None:
                if state.objective is None:
                    doc.warnings.append(f"achievements: closing row {text!r} without an objective (page {row.page})")
                    doc.unplaced.append(doc.warnings[-1])
                else:
                    state.objective["achievement_text"] = closing
                    state.objective["achievement_pct"] = rec.percent(closing)
                    state.objective = None
            else:
                label, indicator = rec.split_indicator(text)
                bare = _BARE_INDICATOR.match(text) is not None   # its number printed apart (a page cut the cell)
                if bare:
                    indicator = None
                if (label is not None or bare) and not indicator and nxt and not _INDICATOR_START.match(nxt):
                    indicator, k = nxt, k + 1  # 'INDICATORE 1)' in a cell of its own, the text beside it
                if state.objective is None:
                    doc.warnings.append(f"achievements: indicator without an objective: {text!r} (page {row.page})")
                    doc.unplaced.append(doc.warnings[-1])
                else:
                    state.indicator_seq += 1
                    state.indicator = rec.achievement(
                        owner, state.objective["objective_number"], state.objective["title"],
                        pct_cell.text if pct_cell is not None else None, provenance(cell, pct_cell),
                        state.indicator_seq, label, indicator)
                    state.label_apart = bare
                    doc.add("achievements", state.indicator)
            read_something = True
            k += 1
        if not read_something and pct_cell is not None and pct_cell.text.strip():
            doc.warnings.append(f"achievements: unreadable row {_raw(row)!r} (page {row.page})")
            doc.unplaced.append(doc.warnings[-1])


def _goes_on(state: _State, placed: list[tuple[int, Cell]], row: Row, objective_at: int | None) -> None:
    """A row that opens no record, at the top of a table part: the rest of the title or of the
    indicator read last (a record broken across pages); what stands in the objectives' column
    (``objective_at``) is always the rest of the title."""
    title_text = clean_text(" ".join(c.text for i, c in placed if i == objective_at))
    text = clean_text(" ".join(c.text for i, c in placed if i != objective_at))
    if not text and not title_text:
        return
    if state.objective is None:
        state.doc.warnings.append(f"achievements: unreadable row {_raw(row)!r} (page {row.page})")
        state.doc.unplaced.append(state.doc.warnings[-1])
        return
    if title_text:
        _continue_title(state, title_text)
    if not text:
        return
    if state.indicator is not None and state.label_apart and _LABEL_NUMBER.fullmatch(text):
        state.indicator["indicator_label"] = text   # 'C)' of an 'INDICATORE' a page break left bare
        state.label_apart = False
    elif state.indicator is not None:
        state.indicator["indicator_text"] = clean_text(f"{state.indicator['indicator_text'] or ''}\n{text}")
    elif objective_at is not None:
        # Beside the objectives' column, under an objective whose row printed its % alone (the row a page
        # break cut): the objective's one indicator, printed without a label.
        pct, cells = state.objective_pct, [c for i, c in placed if i != objective_at]
        state.indicator_seq += 1
        state.indicator = rec.achievement(
            state.objective["owner"], state.objective["objective_number"], state.objective["title"],
            pct.text if pct is not None else None, provenance(cells[0], pct), state.indicator_seq, None, text)
        state.doc.add("achievements", state.indicator)
    else:
        _continue_title(state, text)


def _continue_title(state: _State, text: str) -> None:
    """``text`` is more of the current objective's title: given to the objective and to its
    indicators read so far."""
    assert state.objective is not None
    title = clean_text(f"{state.objective['title'] or ''}\n{text}")  # a line further down the cell
    state.objective["title"] = title
    for record in state.doc.tables.get("achievements", []):
        if record is not state.objective and record["owner"] == state.objective["owner"] and \
                record["objective_number"] == state.objective["objective_number"]:
            record["title"] = title


# --- section 3 -----------------------------------------------------------------------------

def _composition_columns(block: TableBlock, rows: list[Row]) -> tuple[dict[int, tuple[int, bool]], list[Row]]:
    """Position -> (year, is a percentage) of a composition table, and its rows after the header.

    The years are in the header row, or in a second header row under group headings
    ('Importi (euro)', 'COMPOSIZIONE %') that span the columns to their right.  A table headed
    'COMPOSIZIONE %' in the prose before it holds percentages.
    """
    heading = " ".join(c.text for r in block.prose_before[-2:] for c in r.filled)
    header = rows[0].texts
    body = rows[1:]
    group: list[bool | None] = []
    current: bool | None = None
    for col, text in enumerate(header):
        flat = _flat(text)
        if col and flat and not _YEAR.search(flat):
            current = "%" in flat or "COMPOSIZIONE" in flat
        group.append(current)
    years = _years(header)
    if body and not any(y for y in years[1:]) and all(
            _BARE_YEAR.match(clean_text(t) or "") for t in body[0].texts[1:] if t.strip()):
        years, body = _years(body[0].texts), body[1:]
    whole_pct = "COMPOSIZIONE" in heading.upper() or "%" in " ".join(header)
    columns = {}
    for col, year in enumerate(years):
        if col > 0 and year is not None:
            in_group = group[col] if col < len(group) and group[col] is not None and any(
                g is not None for g in group[1:]) else None
            columns[col] = (year, in_group if in_group is not None else whole_pct)
    return columns, body


def _composition(block: TableBlock, rows: list[Row], kind: str, state: _State) -> None:
    columns, body = _composition_columns(block, rows)
    for row in body:
        name = clean_text(_text(row, 0))
        if name is None:
            continue
        item = state.composition.setdefault((kind, name), _Item(_cell(row, 0)))
        for col, (year, is_pct) in columns.items():
            read, cell = (item.pct if is_pct else item.amount), _cell(row, col)
            if (before := read.get(year)) is not None and before.text.strip() and cell is not None \
                    and cell.text.strip() and cell.text != before.text:
                # A second figure for one item and year (a table going on at a page head under its repeated
                # header, the 'COMPOSIZIONE %' heading left behind, reads as amounts): the first is kept,
                # this one named, never written over the first.
                state.doc.warnings.append(f"composition {kind} {name!r} {year}: a second "
                                          f"{'%' if is_pct else 'amount'} {cell.text!r} besides {before.text!r} "
                                          f"(page {cell.page})")
                state.doc.unplaced.append(state.doc.warnings[-1])
                continue
            read[year] = cell


def _emit_composition(state: _State) -> None:
    for (kind, name), item in state.composition.items():
        for year in sorted(set(item.pct) | set(item.amount), reverse=True):
            pct_cell, amount_cell = item.pct.get(year), item.amount.get(year)
            state.doc.add("composition", rec.composition(
                kind, name, year, pct_cell.text if pct_cell else None, amount_cell.text if amount_cell else None,
                provenance(pct_cell or item.name_cell, amount_cell)))


def _financial(rows: list[Row], cols: _Columns, state: _State) -> None:
    years = _years(cols.header.texts)
    for row in rows:
        name_cell = _cell(row, cols.where.get("indicator", 0))
        if name_cell is None or not name_cell.text.strip():
            continue
        for col, year in enumerate(years):
            if col == cols.where.get("indicator", 0) or year is None:
                continue
            cell = _cell(row, col)
            record = rec.financial_indicator(name_cell.text, year, cell.text if cell else None,
                                             provenance(cell, name_cell))
            if record is not None:
                state.doc.add("financial_indicators", record)


def _financial_by_year(rows: list[Row], cols: _Columns, state: _State, family: Family) -> None:
    """Financial health printed the other way round: indicators as columns, one row per year.

    The year column may be too narrow to stand apart from the first indicator's: its header then
    prints 'Anno' and that indicator's name, each row the year and that indicator's value.
    """
    names = {i: cell.text for i, cell in enumerate(cols.header.cells) if i and cell is not None and cell.text.strip()}
    label = family.vocabulary.match(cols.header.texts[0], glue_all=True)
    glued = label.rest if label is not None and label.concept == "year_label" else ""
    for row in rows:
        first = _cell(row, 0)
        m = _YEAR.match(clean_text(first.text) or "") if first is not None else None
        if m is None:
            continue
        values = {col: (_cell(row, col), name) for col, name in names.items()}
        if glued:
            values[0] = (Cell((clean_text(first.text) or "")[m.end():].strip(), first.page, first.bbox), glued)
        for col, (cell, name) in sorted(values.items()):
            record = rec.financial_indicator(name, int(m.group(0)), cell.text if cell else None,
                                             provenance(cell, cols.header.cells[col]))
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


def _owners_unread(layout: Layout, state: _State) -> None:
    """An owner's heading printed ('Dirigente Area ...', a line of its own) whose objectives were never
    read: the table under it was lost (a reader took it for prose).  Counted as a loss."""
    read = {_flat(a["owner"]) for a in state.doc.tables.get("achievements", []) if a.get("owner")}
    for row in layout.rows:
        if row.table is not None or id(row) in state.running or len(row.filled) != 1:
            continue
        text = clean_text(row.filled[0].text) or ""
        if not _opens_owner_heading(text) or len(text.split()) > _OWNER_HEADING_WORDS:
            continue
        heading = _flat(text)
        if not any(owner.startswith(heading) or heading.startswith(owner) for owner in read):
            state.doc.warnings.append(f"achievements: no objectives read under the heading {text!r} "
                                      f"(page {row.page})")
            state.doc.unplaced.append(state.doc.warnings[-1])


# An owner's heading is a short line; a longer one opening with 'Dirigente' is a sentence.
_OWNER_HEADING_WORDS = 16


def _opens_owner_heading(text: str) -> bool:
    """A line naming a manager whose objectives follow ('Dirigente Area Promozione ...')."""
    return text.startswith("Dirigente ")


def parse(layout: Layout, info: DocumentInfo, context: ParseContext = ParseContext(),
          family: Family | None = None) -> ParsedDocument:
    """Records of every Relazione table recognised in ``layout`` by its header's concepts.

    A table part without a header row (a table broken across pages, its header not repeated)
    continues the table before it, read on that table's columns.
    """
    family = family or default_family("relazione_lucca")
    doc = ParsedDocument(info=info)
    state = _State(doc)
    previous: _Columns | None = None
    previous_page: int | None = None
    running = furniture(layout.rows)
    state.running = running
    before: TableBlock | None = None
    for block in table_blocks(layout):
        if previous is not None and before is not None:
            _title_beside(block, before, previous, running, state)
        if previous is not None:
            _lines_apart(block, previous, previous_page, running, state, family)
        _closing_apart(block.prose_before, state)
        before = block
        if not block.rows:
            continue
        block = _header_apart(block, running, family) or block
        found = _header_at(block.rows, 0, family)
        for skip in range(1, _HEADER_LINES):
            above = block.rows[skip - 1] if skip < len(block.rows) else None
            if found is not None or above is None or (len(above.filled) > 1 and any(_concepts(above, family))):
                break
            # A title line a reader set on top of the table (the wrapped end of a section title, a
            # title whose words OCR set apart): one cell, or no label of the family.
            if (found := _header_at(block.rows, skip, family)) is not None:
                block = TableBlock(block.index, block.rows[skip:], block.prose_before + block.rows[:skip])
        opening = _opening_lines(block, previous, previous_page, running) if found is None and previous else []
        if found is not None:
            cols, header, rows = found[0], block.rows[:found[1]], block.rows[found[1]:]
            if (previous is not None and cols.kind != previous.kind and block.page == previous_page + 1
                    and set(cols.where) <= set(previous.where)):
                # The header printed again on the next page with fewer of its labels readable: the same table.
                cols = _Columns(previous.kind, cols.header, cols.where)
        elif (previous is not None and block.page == previous_page + 1
              and (sum(r.page == previous_page for r in block.prose_before) <= _FURNITURE_LINES
                   or _same_columns(previous.header, block.rows[0])
                   or opening)
              and previous.kind in ("budget", "individual", "entity", "areas", "financial", "financial_by_year")
              and not (previous.kind == "budget" and state.budget_done)):
            block.prose_before[:] = [r for r in block.prose_before if not any(r is o for o in opening)]
            cols, header = previous, []
            rows = [_laid_out(r, previous) for r in opening] + [_under(previous.header, r) for r in block.rows]
        else:
            previous = None
            continue
        for part in _parts(block, cols, header, rows, family):
            _read_part(part, state, family)
            cols = part.cols
        previous, previous_page = cols, max(c.page or 0 for r in block.rows for c in r.filled) if any(
            r.filled for r in block.rows) else block.page
    _close_objective(state, None)
    _overall_row(state)
    _emit_composition(state)
    _owners_unread(layout, state)

    texts = [c.text for row in layout.rows for c in row.filled]
    normalizations, warnings = rec.reconcile_budget_codes(doc.tables.get("budget_lines", []), texts,
                                                          context.known_project_codes)
    doc.normalizations += normalizations
    doc.warnings += warnings
    state.amounts.resolve(doc)
    _repair_ocr_texts(doc)
    doc.warnings += check_relazione(doc.tables)
    return doc
