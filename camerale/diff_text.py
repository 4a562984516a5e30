"""The terminal view of a comparison: counts per table first, then one block per changed record.

Laid out for the terminal's width (80 columns when it is not a terminal): a record's key
wraps on its own lines, each changed value is ``column: old → new`` when it fits and an
``old:`` / ``new:`` pair of wrapped paragraphs when it does not.  Long texts are cut after a
few lines; ``--csv`` and ``--parquet`` keep every value whole.
"""
from __future__ import annotations

import textwrap
from itertools import groupby

from camerale.compare import RECORD, TWINS, Change, Comparison, shown

MAX_LINES = 4  # per value side; the rest is in --csv / --parquet
_INDENT = "  "


def render(comparison: Comparison, width: int = 80) -> list[str]:
    """Lines of text, none longer than ``width``."""
    width = max(width, 40)
    lines = _overview(comparison, width)
    if comparison.identical:
        return lines + ["no differences"]
    lines += ["", f"changes ({len(comparison.changes)}):"]
    for (report, table, key), group in groupby(comparison.changes, key=lambda c: (c.report, c.table, c.key)):
        changes = list(group)
        lines.append("")
        lines += _wrap(f"{table} · {report}", width, "", "")
        lines += _wrap(key, width, _INDENT, _INDENT)
        for change in changes:
            lines += _value_lines(change, width)
        first = changes[0]
        if first.old_where or first.new_where:
            lines += _wrap(f"where: {_side_where(first, 'old')} → {_side_where(first, 'new')}", width,
                           _INDENT, _INDENT * 2)
    counts = comparison.counts()
    lines += ["", f"{len(comparison.changes)} differences: "
              + ", ".join(f"{name} {sum(getattr(n, attr) for n in counts.values())}"
                          for name, attr in (("added", "added"), ("removed", "removed"),
                                             ("changed values", "changed_values"), ("duplicate keys", "duplicates")))]
    return [line for block in lines for line in _fit(block, width)]


def _overview(comparison: Comparison, width: int) -> list[str]:
    lines = _wrap(f"old: {shown(str(comparison.old))}", width, "", _INDENT)
    lines += _wrap(f"new: {shown(str(comparison.new))}", width, "", _INDENT)
    lines.append(f"documents compared: {sum(p.old is not None and p.new is not None for p in comparison.pairs)}"
                 f" in both, {sum(p.new is None for p in comparison.pairs)} only in old,"
                 f" {sum(p.old is None for p in comparison.pairs)} only in new")
    for pair in comparison.pairs:
        old = _document(pair.old)
        new = _document(pair.new)
        lines += _wrap(f"{pair.report}: {old} → {new}", width, _INDENT, _INDENT * 2)
    if comparison.identical:
        return lines
    lines += ["", f"{'table':<21}{'added':>7}{'removed':>9}{'changed':>9}{'values':>8}{'dup.keys':>10}"]
    identical = []
    for table, n in comparison.counts().items():
        if n.total == 0:
            identical.append(table)
            continue
        lines.append(f"{table[:20]:<21}{n.added:>7}{n.removed:>9}{n.changed_records:>9}"
                     f"{n.changed_values:>8}{n.duplicates:>10}")
    lines += _wrap("(added/removed/changed: records; values: values changed) identical: "
                   + ", ".join(identical), width, "", "")
    return lines


def _side_where(change: Change, side: str) -> str:
    where = getattr(change, f"{side}_where") or "—"
    confidence = getattr(change, f"{side}_ocr_confidence")
    return where if confidence is None else f"{where} OCR {confidence:.2f}"


def _document(doc: dict | None) -> str:
    if doc is None:
        return "—"
    return f"{shown(doc['source_name'])} [{shown(doc['input_kind'])}]"


def _value_lines(change: Change, width: int) -> list[str]:
    if change.column == RECORD:
        return [f"{_INDENT}record {change.kind} ({'only in new' if change.kind == 'added' else 'only in old'})"]
    label = "duplicate key" if change.column == TWINS else change.column
    old, new = shown(change.old), shown(change.new)
    one_line = f"{_INDENT}{label}: {old} → {new}"
    if len(one_line) <= width:
        return [one_line]
    lines = [f"{_INDENT}{label}:"]
    for side, text in zip(("old", "new"), _around_difference(old, new)):
        lines += _wrap(f"{side}: {text}", width, _INDENT * 2, _INDENT * 4, MAX_LINES)
    return lines


def _around_difference(old: str, new: str, context: int = 40) -> tuple[str, str]:
    """Both texts from a little before their first difference, so that it is on screen."""
    same = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    start = old.rfind(" ", 0, max(same - context, 0)) + 1
    if start <= 0:
        return old, new
    return "…" + old[start:], "…" + new[start:]


def _wrap(text: str, width: int, first: str, rest: str, max_lines: int | None = None) -> list[str]:
    wrapped = textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest,
                            break_long_words=True, break_on_hyphens=False) or [first.rstrip()]
    if max_lines is not None and len(wrapped) > max_lines:
        wrapped = wrapped[:max_lines]
        wrapped[-1] = wrapped[-1][: width - 26].rstrip() + " … (whole value in --csv)"
    return wrapped


def _fit(line: str, width: int) -> list[str]:
    # Table rows and fixed lines are short by construction; this is the guarantee.
    return [line[i:i + width] for i in range(0, len(line), width)] or [""]
