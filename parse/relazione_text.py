"""Relazione sulla performance from converter text: one Row per printed line.

The converter flattens every multi-column table into lines, and scrambles it on the
way: the cells of one row land on several lines, a table's title block is printed
after its body, a value is printed before the row name it belongs to, long titles wrap.
Each table is therefore read by a structural rule, never by line numbers:

- budget table (``OBIETTIVO STRATEGICO PROGETTI`` header, one or more parts): a line
  starting with a project code opens a project; text lines that follow are its wrapped
  title until its figures arrive (trailing on a line or on a line of their own); a line
  of five figures is the subtotal that closes the group of projects since the previous
  subtotal; a text line after a closed project opens an uncoded project.  The group's
  strategic objective is its projects' code prefix; a group without a coded project
  gets, by elimination, the one code of the part's title blocks that no other group
  took.  The ``OBIETTIVO STRATEGICO XX <title>`` blocks after each part's body give
  the strategic objectives (code and title read together inside each block).
- areas: ``Area Strategica N: NAME`` rows and the ``TOTALE`` row after the
  ``RIEPILOGO RISORSE PER AREE`` header.
- entity objectives: ``N) TITLE`` items after the ``OBIETTIVI DI ENTE`` header, each
  closed by its percentage; the overall percentage is the last one printed in the
  sentence just before the header.  The table may be printed twice: the first copy is
  used, a differing later copy raises a warning.
- individual objectives: owner from the section heading (``... del Segretario
  generale - risultati``) or from a ``Dirigente ...`` heading; each ``OBIETTIVO N.
  x/yyyy`` runs to its ``... REALIZZATO AL x%`` line; the upper-case lines after it are
  the title, then ``INDICATORE x)`` blocks (or one unlabelled block) whose last
  figure is the achievement.
- composition: ``PROVENTI|ONERI CORRENTI <years>`` tables, in euro or, after a
  ``COMPOSIZIONE %`` line, in percent.
- financial health (``CONSUNTIVO <years>`` header): ``parse/relazione_text_health.py``,
  which leaves a value out (with a warning) when the text does not give its year.

The document's arithmetic is a check, not a source: printed values are kept and
disagreements become warnings (``parse/relazione_checks.py``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from camerale.model import DocumentInfo, Layout, ParseContext, ParsedDocument
from camerale.normalize.codes import (CodeResolution, Evidence, prints_project_codes, reconcile_project_code,
                                      strategic_objective_of)
from camerale.normalize.text import clean_text
from camerale.parse.families import Family
from camerale.parse import relazione_records as rec
from camerale.parse.relazione_checks import check_relazione
from camerale.parse.relazione_text_health import parse_health
from camerale.parse.text_lines import (Line, find, has_lower, is_upper_text, joined, lines_of,
                                       split_trailing)

# --- budget table ------------------------------------------------------------------

_BUDGET_HEADER = re.compile(r"^\s*OBIETTIVO\s+STRATEGICO\s+PROGETTI\b", re.I)
# 'OBIETTIVO STRATEGICO 1A <title>'; the later detail sections print 'OBIETTIVO STRATEGICO 1A:'.
_TITLE_BLOCK = re.compile(r"^\s*OBIETTIVO\s+STRATEGICO\s+(?P<code>[1-9][A-Z])\b(?!\s*:)", re.I)
_PROJECT_START = re.compile(r"^\s*[0-9A-Z]{2}\d{4}\s*-")
_TOTAL = re.compile(r"^\s*TOTALE\b", re.I)
_CODE_TOKEN = re.compile(r"\b\d[A-Z]\d{4}\b")
SUBTOTAL_FIGURES = 5  # budget initial, updated, actual, % used, % of total
# A project title wraps over a few lines before its figures; a longer run of text
# without figures is prose after the table, not a project.
_MAX_TITLE_LINES = 4


@dataclass
class _Project:
    lines: list[Line]  # title lines, trailing figures cut off
    printed: list[Line]  # the lines as printed, for raw_text
    figures: list[str] = field(default_factory=list)
    code: str | None = None  # reconciled
    resolution: CodeResolution | None = None


@dataclass
class _Group:
    """The projects a subtotal line closes (``line`` None when the table prints no subtotal)."""

    projects: list[_Project]
    line: Line | None
    figures: list[str]
    objective: str | None = None


@dataclass
class _Part:
    groups: list[_Group] = field(default_factory=list)
    blocks: list[list[Line]] = field(default_factory=list)


@dataclass
class BudgetTable:
    parts: list[_Part]
    total: Line | None
    total_figures: list[str]
    end: int  # index of the first line after the table and its title blocks
    warnings: list[str]


def budget_table(lines: Sequence[Line], start: int) -> BudgetTable:
    """The budget table from its first header: parts (body, then title blocks), total line."""
    table = BudgetTable([], None, [], len(lines), [])
    mode = "header"
    pending: list[_Project] = []

    def close_part() -> None:
        if pending:
            table.parts[-1].groups.append(_Group(list(pending), None, []))
            pending.clear()

    i = start
    while i < len(lines):
        line = lines[i]
        text = line.text
        if _BUDGET_HEADER.search(text):
            if table.parts:
                close_part()
            table.parts.append(_Part())
            mode = "header"
            i += 1
            continue
        head, figures = split_trailing(text)
        if mode == "header":
            if not (_PROJECT_START.match(text) or figures):
                i += 1
                continue
            mode = "body"
        if mode == "body":
            if _TITLE_BLOCK.match(text):
                mode = "blocks"
                continue
            if _TOTAL.match(text):
                table.total, table.total_figures = line, figures
            elif not head:
                if len(figures) >= SUBTOTAL_FIGURES:
                    table.parts[-1].groups.append(_Group(list(pending), line, figures))
                    pending.clear()
                elif pending and not pending[-1].figures:
                    pending[-1].figures = figures
                    pending[-1].printed.append(line)
                else:
                    table.warnings.append(f"budget_lines: figures {' '.join(figures)} at line "
                                          f"{line.prov['line']} belong to no project; left out")
            elif pending and not pending[-1].figures and not _PROJECT_START.match(head):
                if len(pending[-1].lines) >= _MAX_TITLE_LINES:
                    # Prose, not a title: the table ended where this text began.
                    i = lines.index(pending.pop().printed[0])
                    break
                pending[-1].lines.append(Line(head, line.cells))
                pending[-1].printed.append(line)
                pending[-1].figures = figures
            else:
                pending.append(_Project([Line(head, line.cells)], [line], figures))
            i += 1
            continue
        # mode == "blocks": the title blocks printed after the body
        if _TITLE_BLOCK.match(text):
            table.parts[-1].blocks.append([line])
        elif has_lower(text) and not figures and table.parts[-1].blocks:
            table.parts[-1].blocks[-1].append(line)
        else:
            break
        i += 1
    if table.parts:
        close_part()
    table.end = i
    return table


def _document_codes(lines: Sequence[Line]) -> set[str]:
    return {m.group(0) for line in lines for m in _CODE_TOKEN.finditer(line.text)}


def _parse_budget(lines: Sequence[Line], context: ParseContext, doc: ParsedDocument,
                  amounts: rec.AmountFigures) -> int | None:
    start = find(lines, _BUDGET_HEADER)
    if start is None:
        doc.warnings.append("relazione text: budget table header 'OBIETTIVO STRATEGICO PROGETTI' not found")
        return None
    table = budget_table(lines, start)
    doc.warnings.extend(table.warnings)
    printed = [rec.split_project(joined(project.lines))[0]
               for part in table.parts for group in part.groups for project in group.projects]
    evidence = Evidence(document_codes=_document_codes(lines), registry=context.known_project_codes,
                        grammar_in_use=prints_project_codes(printed))
    objectives: dict[str, dict] = {}
    for part in table.parts:
        for block in part.blocks:
            split = rec.split_strategic_objective(joined(block))
            if split is not None and split[0] not in objectives:
                objectives[split[0]] = rec.strategic_objective(split[0], split[1], block[0].prov)
        _assign_objectives(part, evidence, doc)
        for group in part.groups:
            for project in group.projects:
                _add_project(project, group.objective, doc, amounts)
            if group.line is not None:
                record = rec.budget_line("subtotal", group.objective, None, group.figures, group.line.text.strip(),
                                         group.line.prov)
                amounts.read(doc, "budget_lines", f"budget_lines subtotal {group.objective or ''}".strip(), record,
                             group.figures)
                doc.add("budget_lines", record)
    if table.total is not None:
        record = rec.budget_line("total", None, None, table.total_figures, table.total.text.strip(), table.total.prov)
        amounts.read(doc, "budget_lines", "budget_lines total", record, table.total_figures)
        doc.add("budget_lines", record)
    for code in sorted(objectives):
        doc.add("strategic_objectives", objectives[code])
    return table.end


def _assign_objectives(part: _Part, evidence: Evidence, doc: ParsedDocument) -> None:
    """Each group's objective from its projects' codes; one leftover group by elimination."""
    for group in part.groups:
        prefixes = set()
        for project in group.projects:
            raw, _title = rec.split_project(joined(project.lines))
            if raw is None:
                continue
            resolution = reconcile_project_code(raw, evidence)
            project.code, project.resolution = resolution.normalized, resolution
            if resolution.warning:
                doc.warnings.append(f"budget_lines: {resolution.warning} (line {project.lines[0].prov['line']})")
            if resolution.changed:
                doc.normalizations.append(resolution.normalization(
                    "budget_lines", "project_code", raw, project.lines[0].prov))
            if (prefix := strategic_objective_of(resolution.normalized)) is not None:
                prefixes.add(prefix)
        if len(prefixes) == 1:
            group.objective = prefixes.pop()
        elif len(prefixes) > 1:
            doc.warnings.append(f"budget_lines: the projects at line {group.projects[0].lines[0].prov['line']} "
                                f"belong to several objectives {sorted(prefixes)} but share one subtotal; "
                                "objective left empty")
    titled = [m.group("code").upper() for block in part.blocks if (m := _TITLE_BLOCK.match(block[0].text))]
    taken = {g.objective for g in part.groups if g.objective}
    open_groups = [g for g in part.groups if g.objective is None]
    left = [code for code in titled if code not in taken]
    if len(open_groups) == 1 and len(left) == 1:
        group = open_groups[0]
        group.objective = left[0]
        where = group.line or group.projects[0].lines[0]
        doc.normalizations.append({
            "table": "budget_lines", "column": "strategic_objective",
            "record_key": f"budget line {where.prov['line']}", "raw": None, "normalized": left[0],
            "rule": "elimination: the only title block of the table part without a coded project line",
            "confidence": 0.9, **where.prov})
    elif open_groups:
        doc.warnings.append(f"budget_lines: {len(open_groups)} subtotal groups without a project code and "
                            f"{len(left)} unclaimed objective blocks ({', '.join(left) or 'none'}); "
                            "objective left empty")


def _add_project(project: _Project, objective: str | None, doc: ParsedDocument, amounts: rec.AmountFigures) -> None:
    record = rec.budget_line("project", objective, joined(project.lines), project.figures,
                             joined(project.printed), project.lines[0].prov)
    record["project_code"] = project.code
    if project.resolution is not None:
        record["project_code_method"] = project.resolution.method
        record["project_code_confidence"] = project.resolution.confidence
    if not project.figures:
        doc.warnings.append(f"budget_lines: project at line {project.lines[0].prov['line']} has no figures")
    amounts.read(doc, "budget_lines", f"budget_lines project {record['project_code_raw'] or objective or ''}".strip(),
                 record, project.figures)
    doc.add("budget_lines", record)


# --- strategic areas -----------------------------------------------------------------

_AREAS_HEADER = re.compile(r"^\s*RIEPILOGO\s+RISORSE\s+PER\s+AREE", re.I)
_AREA_ROW = re.compile(r"^\s*Area\s+Strategica\s+\d", re.I)


def _parse_areas(lines: Sequence[Line], start: int, doc: ParsedDocument, amounts: rec.AmountFigures) -> None:
    header = find(lines, _AREAS_HEADER, start)
    if header is None:
        doc.warnings.append("relazione text: 'RIEPILOGO RISORSE PER AREE STRATEGICHE' not found")
        return
    label: list[Line] = []
    printed: list[Line] = []
    for line in lines[header + 1:]:
        head, figures = split_trailing(line.text)
        if _AREA_ROW.match(line.text) or _TOTAL.match(line.text):
            label, printed = [Line(head, line.cells)], [line]
        elif label:
            printed.append(line)
            if head:
                label.append(Line(head, line.cells))
        if label and len(figures) >= SUBTOTAL_FIGURES:
            record = rec.strategic_area(joined(label), figures, joined(printed), label[0].prov)
            amounts.read(doc, "strategic_areas", f"strategic_areas {record['name']}", record, figures)
            doc.add("strategic_areas", record)
            if _TOTAL.match(label[0].text):
                return
            label, printed = [], []


# --- entity objectives ------------------------------------------------------------

_ENTITY_HEADER = re.compile(r"^\s*OBIETTIVI\s+DI\s+ENTE\b", re.I)
_ENTITY_ITEM = re.compile(r"^\s*\d{1,2}\)\s")
# An achievement: a percentage, or 'N.C.' (not computed) kept as printed.
_ACHIEVEMENT = r"\d{1,3}(?:[.,]\d+)?\s*%?|[Nn]\.\s?[Cc]\."
_PCT_ONLY = re.compile(rf"^\s*(?:{_ACHIEVEMENT}|NC|nc)\s*$")
# A trailing achievement on a text line; a year (2016) is part of the text, not a figure.
_TRAILING_PCT = re.compile(rf"\s(?!(?:19|20)\d\d\s*$)({_ACHIEVEMENT})\s*$")
_OVERALL = re.compile(r"(\d{1,3}[.,]\d+)\s*%")
_OVERALL_LOOKBACK = 6  # lines of the sentence that introduces the table


def entity_items(lines: Sequence[Line], header: int) -> list[tuple[list[Line], str]]:
    """``(title lines, printed %)`` of each ``N) TITLE ... %`` item after the header."""
    items: list[tuple[list[Line], str]] = []
    title: list[Line] = []
    for line in lines[header + 1:]:
        text = line.text
        if not title:
            if not _ENTITY_ITEM.match(text):
                break
            title = [line]
        elif _PCT_ONLY.match(text):
            items.append((title, text.strip()))
            title = []
            continue
        else:
            title.append(line)
        if (m := _TRAILING_PCT.search(title[-1].text)) is not None:
            title[-1] = Line(title[-1].text[:m.start()], title[-1].cells)
            items.append((title, m.group(1)))
            title = []
    return items


def _parse_entity(lines: Sequence[Line], doc: ParsedDocument) -> None:
    headers = [i for i, line in enumerate(lines) if _ENTITY_HEADER.search(line.text)]
    if not headers:
        doc.warnings.append("relazione text: 'OBIETTIVI DI ENTE' table not found")
        return
    copies = [entity_items(lines, h) for h in headers]
    first = copies[0]
    signature = [(clean_text(joined(t)), p) for t, p in first]
    for h, copy in zip(headers[1:], copies[1:]):
        if [(clean_text(joined(t)), p) for t, p in copy] != signature:
            doc.warnings.append(f"achievements: the entity objectives table at line {lines[h].prov['line']} "
                                f"differs from the first copy (line {lines[headers[0]].prov['line']}); first copy used")
    overall = _overall_pct(lines, headers[0])
    if overall is not None:
        line, printed = overall
        doc.add("achievements", rec.achievement("Ente", None, None, printed, line.prov))
    for title, printed in first:
        split = rec.split_entity_objective(joined(title))
        if split is None:
            continue
        doc.add("achievements", rec.achievement("Ente", split[0], split[1], printed, title[0].prov))


def _overall_pct(lines: Sequence[Line], header: int) -> tuple[Line, str] | None:
    for line in reversed(lines[max(0, header - _OVERALL_LOOKBACK):header]):
        found = _OVERALL.findall(line.text)
        if found:
            return line, found[-1] + "%"
    return None


# --- individual objectives --------------------------------------------------------------

_OWNER_SECTION = re.compile(r"obiettivi\s+individuali\s+del\s+(?P<owner>.+?)\s+[–-]\s+risultati", re.I)
_PLURAL_SECTION = re.compile(r"obiettivi\s+individuali\s+dei\s+", re.I)
_DIRIGENTE_HEADING = re.compile(r"^\s*Dirigente\s+\S")
_OBJECTIVE = re.compile(r"^\s*OBIETTIVO\s+N\.?\s*\d{1,2}/\d{4}", re.I)
_INDICATOR = re.compile(r"^\s*INDICATORE\s+[0-9]{0,2}[A-Za-z]?\)", re.I)
_CLOSING_HINT = re.compile(r"REALIZZATO", re.I)


def _parse_individual(lines: Sequence[Line], doc: ParsedDocument) -> None:
    owner: str | None = None
    i = 0
    while i < len(lines):
        text = lines[i].text
        if (m := _OWNER_SECTION.search(text)) is not None:
            owner = clean_text(m.group("owner"))
        elif _PLURAL_SECTION.search(text):
            owner = None
        elif _DIRIGENTE_HEADING.match(text) and has_lower(text):
            heading = [lines[i]]
            while i + 1 < len(lines) and has_lower(lines[i + 1].text) and not _OBJECTIVE.match(lines[i + 1].text):
                i += 1
                heading.append(lines[i])
            owner = clean_text(joined(heading))
        elif _OBJECTIVE.match(text):
            end = i + 1
            while end < len(lines) and not _is_closing(lines[end]) and not _OBJECTIVE.match(lines[end].text):
                end += 1
            if owner is None:
                doc.warnings.append(f"achievements: objective at line {lines[i].prov['line']} has no owner heading")
            elif end < len(lines) and _is_closing(lines[end]):
                objective_records(owner, lines[i:end], lines[end], doc)
            else:
                doc.warnings.append(f"achievements: objective at line {lines[i].prov['line']} has no "
                                    "'REALIZZATO AL' line; left out")
            i = end
        i += 1


def _is_closing(line: Line) -> bool:
    # The cheap test first: closing_pct cleans the text, which costs more than a search.
    return _CLOSING_HINT.search(line.text) is not None and rec.closing_pct(line.text) is not None


def objective_records(owner: str, body: Sequence[Line], closing: Line, doc: ParsedDocument) -> None:
    """An objective row and its indicator rows from ``OBIETTIVO N. ...`` up to its closing line."""
    title_end = 1
    while title_end < len(body) and is_upper_text(body[title_end].text) and not _INDICATOR.match(body[title_end].text):
        title_end += 1
    split = rec.split_individual_objective(joined(body[:title_end]))
    if split is None:
        return
    number, title = split
    doc.add("achievements", rec.achievement(owner, number, title, rec.closing_pct(closing.text), body[0].prov))
    blocks: list[list[Line]] = []
    for line in body[title_end:]:
        if _INDICATOR.match(line.text) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    for seq, block in enumerate(blocks, start=1):
        text_lines, printed = indicator_value(block)
        label, text = rec.split_indicator(joined(text_lines))
        if printed is None:
            doc.warnings.append(f"achievements: {owner} {number} indicator {label or seq} has no printed "
                                f"achievement (line {block[0].prov['line']})")
        first_text = next((ln for ln in text_lines if not _INDICATOR.fullmatch(ln.text.strip())), block[0])
        doc.add("achievements", rec.achievement(owner, number, title, printed, first_text.prov,
                                                indicator_seq=seq, indicator_label=label, indicator_text=text))


_INDICATOR_ONLY = re.compile(r"^\s*INDICATORE\s+[0-9]{0,2}[A-Za-z]?\)\s*$", re.I)


def indicator_value(block: Sequence[Line]) -> tuple[list[Line], str | None]:
    """An indicator block's text lines and its achievement: the last line's figure (or ``N.C.``)."""
    lines = list(block)
    last = lines[-1]
    if _PCT_ONLY.match(last.text) and not _INDICATOR_ONLY.match(last.text):
        return lines[:-1], last.text.strip()
    if (m := _TRAILING_PCT.search(last.text)) is not None:
        return lines[:-1] + [Line(last.text[:m.start()], last.cells)], m.group(1)
    return lines, None


# --- composition -------------------------------------------------------------------

_COMPOSITION_HEADER = re.compile(r"^\s*(?P<kind>PROVENTI|ONERI)\s+CORRENTI\s+(?P<years>(?:(?:19|20)\d\d\s*)+)$", re.I)
_PERCENT_TITLE = re.compile(r"COMPOSIZIONE\s*%", re.I)
_MAX_ITEM_LINES = 3  # a wrapped item name; more text means the table has ended


@dataclass
class _CompositionRow:
    kind: str
    item: str
    line: Line
    values: dict[int, str]


def composition_tables(lines: Sequence[Line]) -> tuple[list[_CompositionRow], list[_CompositionRow]]:
    """Rows of the euro tables and of the percent tables."""
    amounts: list[_CompositionRow] = []
    percents: list[_CompositionRow] = []
    for i, line in enumerate(lines):
        m = _COMPOSITION_HEADER.match(line.text)
        if m is None:
            continue
        kind = m.group("kind").lower()
        years = [int(y) for y in m.group("years").split()]
        is_percent = any(_PERCENT_TITLE.search(lines[j].text) for j in range(max(0, i - 2), i))
        target = percents if is_percent else amounts
        name: list[Line] = []
        for row in lines[i + 1:]:
            head, figures = split_trailing(row.text)
            if _COMPOSITION_HEADER.match(row.text) or len(figures) > len(years):
                break
            if head:
                name.append(Line(head, row.cells))
            if len(figures) == len(years) and name:
                target.append(_CompositionRow(kind, clean_text(joined(name)) or "", name[0],
                                              dict(zip(years, figures))))
                name = []
            elif figures or len(name) >= _MAX_ITEM_LINES:
                break
    return amounts, percents


def _parse_composition(lines: Sequence[Line], doc: ParsedDocument) -> None:
    amounts, percents = composition_tables(lines)
    by_key = {(r.kind, r.item): r for r in amounts}
    used = set()
    for row in percents:
        amount_row = by_key.get((row.kind, row.item))
        used.add((row.kind, row.item))
        for year, pct in row.values.items():
            amount_text = amount_row.values.get(year) if amount_row else None
            doc.add("composition", rec.composition(row.kind, row.item, year, pct, amount_text, row.line.prov))
    for row in amounts:
        if (row.kind, row.item) not in used:
            for year, amount_text in row.values.items():
                doc.add("composition", rec.composition(row.kind, row.item, year, None, amount_text, row.line.prov))


# --- entry point ---------------------------------------------------------------------


def parse_text(layout: Layout, info: DocumentInfo, context: ParseContext,
               family: Family | None = None) -> ParsedDocument:
    """All Relazione tables from converter text."""
    doc = ParsedDocument(info=info)
    lines = lines_of(layout)
    amounts = rec.AmountFigures()
    end = _parse_budget(lines, context, doc, amounts)
    _parse_areas(lines, end or 0, doc, amounts)
    _parse_entity(lines, doc)
    _parse_individual(lines, doc)
    _parse_composition(lines, doc)
    parse_health(lines, doc)
    amounts.resolve(doc)
    doc.warnings.extend(check_relazione(doc.tables))
    return doc
