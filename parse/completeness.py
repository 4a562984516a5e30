"""How much of what a report declares was read: the completeness figure (0-1) and its gaps.

A report states its own structure: the PIRA's overview table lists the objectives of each
programme, every objective declares how many indicators it has, every indicator prints a
targets header and a results header with values under them (for as many consecutive years), every objective its
resources; the Relazione's budget table closes with its total, the entity table lists
the entity's objectives with their achievement, each individual objective closes with
its achievement.  What was read is compared with that, never with a count fitted to a
sample; each shortfall is one line (a gap), and the figure says how much is there.

PIRA: the mean, over every objective the document lists or prints, of the share of its
parts read (its title, its resources, and for each declared or printed indicator its
name, its targets and its results); an objective listed in the overview and never
printed scores 0.
Relazione: the mean over the family's tables (budget, areas, entity objectives, individual
objectives, composition, financial health) of the share read of each.
Either way, values printed that no record could take (an indicator row before any objective: the
row naming the objective was lost) lower the figure in proportion to the records read
(``with_unplaced``).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from camerale.normalize.codes import strategic_objective_of

Record = dict[str, Any]
Tables = dict[str, list[Record]]


@dataclass
class Completeness:
    figure: float
    gaps: list[str] = field(default_factory=list)


def _objective_key(record: Record) -> tuple[Any, Any, Any]:
    return record.get("mission_code"), record.get("program_code"), record.get("objective_seq")


def pira(tables: Tables) -> Completeness:
    objectives = tables.get("objectives", [])
    indicators: dict[tuple, list[Record]] = defaultdict(list)
    for ind in tables.get("indicators", []):
        indicators[_objective_key(ind)].append(ind)
    kinds: dict[tuple, set[str]] = defaultdict(set)
    years: dict[tuple, set[int]] = defaultdict(set)
    for value in tables.get("indicator_values", []):
        kinds[(*_objective_key(value), value.get("indicator_seq"))].add(value["kind"])
        years[(*_objective_key(value), value.get("indicator_seq"), value["kind"])].add(value["year"])
    resourced = {_objective_key(r) for r in tables.get("resources", [])}
    listed = {s["objective_code"]: _words(s.get("title")) for s in tables.get("summary_objectives", [])}

    scores: list[float] = []
    gaps: list[str] = []
    for ob in objectives:
        key = _objective_key(ob)
        name = f"objective {key[0]}-{key[1]}/{key[2]}"
        found = indicators.get(key, [])
        declared = ob.get("n_indicators_declared")
        expected = max(declared or 0, len(found))
        parts, read = 2 + 3 * expected, 1 + 3 * len(found)
        title, overview_title = _words(ob.get("title")), listed.get(ob.get("objective_code"), [])
        if not title:
            read -= 1
            gaps.append(f"{name}: no title read")
        elif len(title) < len(overview_title) and overview_title[:len(title)] == title:
            # The overview prints the title whole: the lines after a page break or a misread label lost.
            read -= 1 - len(title) / len(overview_title)
            gaps.append(f"{name}: title read as its first {len(title)} of the {len(overview_title)} words the "
                        "overview prints")
        if key in resourced:
            read += 1
        else:
            gaps.append(f"{name}: no resources read")
        if len(found) < expected:
            gaps.append(f"{name}: declares {declared} indicators, {len(found)} read")
        for ind in found:
            if not ind.get("name"):
                read -= 1
                gaps.append(f"indicator {key[0]}-{key[1]}/{key[2]}/{ind.get('indicator_seq')}: no name read")
            printed = kinds.get((*key, ind.get("indicator_seq")), set())
            label = f"indicator {key[0]}-{key[1]}/{key[2]}/{ind.get('indicator_seq')}"
            counts = {kind: len(years[(*key, ind.get("indicator_seq"), kind)]) for kind in printed}
            for kind in ("target", "result"):
                if kind in printed:
                    # A header prints consecutive years, as many for the targets as for the results (the
                    # plan's): a year missing between two read, or fewer years than the other kind, is lost.
                    read_years = years[(*key, ind.get("indicator_seq"), kind)]
                    span = range(min(read_years), max(read_years) + 1)
                    holes = [y for y in span if y not in read_years]
                    short = max(counts.values()) - counts[kind]
                    if holes or short:
                        read -= max(len(holes), short) / max(len(span), max(counts.values()))
                        gaps.append(f"{label}: no {kind} value read for {', '.join(map(str, holes))}" if holes else
                                    f"{label}: {counts['target']} target years read, {counts['result']} result years")
                    continue
                read -= 1
                gaps.append(f"{label}: no {kind} values read")
        scores.append(read / parts)

    matched = {ob.get("objective_code") for ob in objectives if ob.get("objective_code")}
    for summary in tables.get("summary_objectives", []):
        if summary["objective_code"] not in matched:
            scores.append(0.0)
            gaps.append(f"objective {summary['objective_code']} is listed in the overview table but not printed")
    if not scores:
        return Completeness(0.0, ["no objective read"])
    return Completeness(sum(scores) / len(scores), gaps)


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def relazione(tables: Tables) -> Completeness:
    gaps: list[str] = []
    scores = [_budget(tables.get("budget_lines", []), gaps), _areas(tables.get("strategic_areas", []), gaps)]

    achievements = tables.get("achievements", [])
    entity = [a for a in achievements if a["owner"] == "Ente" and a.get("objective_number")]
    with_pct = [a for a in entity if a.get("achievement_text")]
    scores.append(_share(len(with_pct), len(entity)))
    if not entity:
        gaps.append("entity objectives: no table read")
    elif len(with_pct) < len(entity):
        gaps.append(f"entity objectives: {len(entity) - len(with_pct)} of {len(entity)} without achievement")

    # Individual objectives and their indicators: each prints its % (or 'N.C.'); one read without it
    # lost its figure.
    individual = [a for a in achievements if a["owner"] != "Ente"]
    closed = [a for a in individual if a.get("achievement_text")]
    skipped = _skipped_numbers(individual)
    unlabelled = _unlabelled_among_labelled(individual)
    scores.append(_share(len(closed) - len(unlabelled), len(individual) + sum(len(n) for n in skipped.values())))
    if not individual:
        gaps.append("individual objectives: no table read")
    for owner, numbers in skipped.items():
        gaps.append(f"individual objectives of {owner}: {', '.join(map(str, numbers))} not read "
                    "(the objectives read are numbered past them)")
    for a in unlabelled:
        gaps.append(f"indicator {a['indicator_seq']} of individual objective {a['objective_number']} of {a['owner']}: "
                    "read without the label its objective's other indicators print ('INDICATORE 1)'): its label "
                    "lost, or the rest of a row read as an indicator of its own")
    for a in individual:
        if not a.get("achievement_text"):
            indicator = f"indicator {a['indicator_seq']} of " if a.get("indicator_seq") is not None else ""
            gaps.append(f"{indicator}individual objective {a['objective_number']} of {a['owner']}: "
                        "no achievement read")

    printed = {(c["kind"], what) for c in tables.get("composition", [])
               for what in ("amount", "pct") if c.get(f"{what}_text")}
    expected = {(kind, what) for kind in ("proventi", "oneri") for what in ("amount", "pct")}
    scores.append(len(printed & expected) / len(expected))
    for kind, what in sorted(expected - printed):
        gaps.append(f"composition: no {kind} {what} table read")

    financial = tables.get("financial_indicators", [])
    scores.append(1.0 if financial else 0.0)
    if not financial:
        gaps.append("financial health: no table read")
    return Completeness(sum(scores) / len(scores), gaps)


def _skipped_numbers(individual: list[Record]) -> dict[str, list[int]]:
    """Per owner, the objective numbers missing below the highest read: each owner's objectives are
    numbered from 1 on ('OBIETTIVO N. 1/2016', '2/2016', ...), so a gap is an objective lost."""
    numbers: dict[str, set[int]] = {}
    for a in individual:
        if m := re.match(r"\s*(\d+)", str(a.get("objective_number") or "")):
            numbers.setdefault(a["owner"], set()).add(int(m.group(1)))
    return {owner: missing for owner, read in numbers.items()
            if (missing := sorted(set(range(1, max(read) + 1)) - read))}


def _unlabelled_among_labelled(individual: list[Record]) -> list[Record]:
    """Indicators read without a label under an objective whose other indicators print one ('INDICATORE 6a)'):
    an objective labels every indicator, or none when it has one only, so such a record lost its label, or is
    the rest of a row (a page cut it, or its wrapped lines were read apart) taken for an indicator of its own."""
    by_objective: dict[tuple[str, str | None], list[Record]] = {}
    for a in individual:
        if a.get("indicator_seq") is not None:
            by_objective.setdefault((a["owner"], a.get("objective_number")), []).append(a)
    return [a for indicators in by_objective.values() if any(i.get("indicator_label") for i in indicators)
            for a in indicators if not a.get("indicator_label")]


def _close(total: Decimal | None, parts: list[Decimal | None]) -> bool:
    return total is not None and None not in parts and sum(parts, Decimal(0)) == total


def _budget(lines: list[Record], gaps: list[str]) -> float:
    """Budget lines against the printed total (1 when some amount column adds up), times the share of
    project lines read under the strategic objective their own code names: a line whose code says
    2C0101 read under 2B, or under none, means the objective of its part was lost, though every
    amount adds up."""
    if not lines:
        gaps.append("budget table: not read")
        return 0.0
    projects = [r for r in lines if r["line_kind"] == "project"]
    # Read under no objective at all counts too: the rows naming the objectives were lost.
    misplaced = [p for p in projects if (named := strategic_objective_of(p.get("project_code")))
                 and named != p.get("strategic_objective")]
    if misplaced:
        gaps.append(f"budget table: {len(misplaced)} of {len(projects)} project lines read under another strategic "
                    f"objective than their code names, or under none (first: {misplaced[0]['project_code']} under "
                    f"{misplaced[0].get('strategic_objective')})")
    placed = 1 - len(misplaced) / len(projects) if projects else 1.0
    return placed * _single_subtotals(lines, gaps) * _budget_sums(lines, gaps)


def _single_subtotals(lines: list[Record], gaps: list[str]) -> float:
    """The share of subtotal lines that are their strategic objective's only one: an objective closes
    with one subtotal, so more under one objective are other lines (project lines whose codes were
    lost, an objective's part) read as its subtotal."""
    subtotals = Counter(r.get("strategic_objective") for r in lines if r["line_kind"] == "subtotal")
    extra = {objective: n - 1 for objective, n in subtotals.items() if n > 1}
    if not extra:
        return 1.0
    first = next(iter(extra))
    gaps.append(f"budget table: {sum(extra.values())} subtotal lines more than one per strategic objective "
                f"(first: {first}, {extra[first] + 1} subtotals)")
    return 1 - sum(extra.values()) / sum(subtotals.values())


def _budget_sums(lines: list[Record], gaps: list[str]) -> float:
    totals = [r for r in lines if r["line_kind"] == "total"]
    subtotals = [r for r in lines if r["line_kind"] == "subtotal"]
    projects = [r for r in lines if r["line_kind"] == "project"]
    if not totals:
        gaps.append("budget table: no total line read")
        return 0.5
    total = totals[0]
    columns = ("budget_initial", "budget_updated", "actual")
    for parts in (subtotals, projects):
        if parts and any(_close(total.get(c), [p.get(c) for p in parts]) for c in columns):
            return 1.0
    read = sum((p.get("budget_updated") or Decimal(0) for p in subtotals or projects), Decimal(0))
    printed = total.get("budget_updated")
    share = float(min(read / printed, Decimal(1))) if printed else 0.5
    gaps.append(f"budget table: its lines add up to {read:,.2f} of the total {printed or 0:,.2f} (budget_updated)")
    return share


def _areas(areas: list[Record], gaps: list[str]) -> float:
    if not areas:
        gaps.append("strategic areas: not read")
        return 0.0
    totals = [a for a in areas if a.get("area") is None]
    rows = [a for a in areas if a.get("area") is not None]
    if not totals or not rows:
        gaps.append("strategic areas: " + ("no total row read" if not totals else "no area row read"))
        return 0.5
    # A row whose figures are printed (its raw text) but none was read into a column.
    unread = [a for a in areas if all(a.get(k) is None for k in _AREA_FIGURES)
              and re.search(r"\d", a.get("raw_text") or "")]
    if unread:
        gaps.append(f"strategic areas: {len(unread)} of {len(areas)} rows print figures none of which was read "
                    f"(first: {unread[0].get('name')!r})")
        return 1.0 - len(unread) / len(areas)
    return 1.0


_AREA_FIGURES = ("budget_initial", "budget_updated", "actual", "pct_used", "pct_of_total")


def with_unplaced(completeness: Completeness, tables: Tables, unplaced: list[str]) -> Completeness:
    """The figure scaled by records / (records + printed values no record took)."""
    if not unplaced:
        return completeness
    records = sum(len(rows) for rows in tables.values())
    figure = completeness.figure * records / (records + len(unplaced)) if records else 0.0
    return Completeness(figure, [*completeness.gaps, f"{len(unplaced)} printed values placed in no record "
                                                      f"(first: {unplaced[0]})"])
