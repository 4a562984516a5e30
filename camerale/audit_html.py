"""Self-contained HTML pages for auditors: the diff report and the document view.

One file each, with nothing fetched when opened: CSS and JavaScript are inline, page
images are ``data:`` URLs, and a Content-Security-Policy forbids any other source.  Every
value from a dataset goes through ``html.escape`` (after ``compare.shown``), so no value is
ever read as markup, in text or in an attribute.

* ``diff_report``: an overview (documents compared, counts per table), then every change
  with the old and new value side by side, each with a crop of the page region it was
  printed in and the normalizer's trail (raw text, rule, confidence) where there is one;
  filters by table, kind of change and document, and a search box.  The report's values come
  first; changed cells of the ``tables`` dataset follow, folded per printed table.  Crops are
  decoded only when their row nears the screen, so the page opens as fast with thousands of
  changes as with ten.
* ``document_view``: every page of one document with each extracted value boxed and
  labelled (table, column); normalizations and warnings in their own colours.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from html import escape
from pathlib import Path
from typing import Any

from camerale.compare import NATURAL_KEYS, RECORD, TWINS, Change, Comparison, shown
from camerale.errors import one_line
from camerale.model import Box
from camerale.page_images import SourcePages
from camerale.schemas.tables import SCHEMAS
from camerale.store import dataset

# No source but the page itself: inline style and script, data: images.
_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'")
# Tables whose rows are not extracted report values (boxed apart, or not at all).
_NOT_VALUES = {"documents", "tables", "warnings", "normalizations", "objective_links"}
_PROVENANCE = {"doc_id", "page", "bbox", "line", "ocr_confidence"}
_WS = re.compile(r"\s+")
# A record whose least confident OCR'd word is below this is flagged for a look at its crop.
DOUBTFUL_OCR = 0.80
# The generic cell dataset: every printed table cell by cell, the text the report's values are
# read from.  Its changes follow the report's values, one entry per printed table with the changed
# cells folded, so that a table whose every cell changed does not bury the values.
_CELLS = "tables"
# Value rows laid out at first (the others as the reader scrolls to them): layout, not parsing,
# is what a report of thousands of changes would wait for.
ROWS_AT_ONCE = 150

_STYLE = """
:root{--old:#fdecea;--new:#e8f5e9;--ink:#1d2330;--muted:#5f6b7a;--line:#d8dee6;--accent:#1f5fbf}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:#f6f8fa}
header,section{padding:12px 20px}
header{background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:8px 0}
.muted{color:var(--muted)} code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.problem{color:#9a3412;font-weight:600}
#filters{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid var(--line);z-index:2}
.chips button{border:1px solid var(--line);background:#fff;border-radius:14px;padding:3px 10px;margin:2px;cursor:pointer}
.chips button[aria-pressed=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
#search{width:260px;padding:4px 8px} select{padding:3px}
#changes,table.cells{width:100%;table-layout:fixed}
#changes td{overflow-wrap:anywhere}
#changes td.what{width:26%} #changes td.old{background:var(--old)} #changes td.new{background:var(--new)}
#changes tr.group>td,#changes tr.heading>td{padding:6px 8px;background:#fff}
#changes tr.group summary{cursor:pointer} table.cells{margin-top:6px}
button.link{border:none;background:none;padding:0;color:var(--accent);cursor:pointer;font:inherit;text-decoration:underline}
.value{font-size:15px;white-space:pre-wrap} mark{background:#fde68a;padding:0 1px}
.kind{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px;background:#e2e8f0;margin-right:4px}
.kind.added{background:#c8e6c9} .kind.removed{background:#ffcdd2} .kind.duplicate{background:#ffe0b2}
tr.later{display:none}
.crop{display:block;max-width:100%;height:auto;margin:6px 0;border:1px solid var(--line);background:#fff}
.where{font-size:12px;color:var(--muted)} .doubtful{color:#b45309;font-weight:600}
.trail{font-size:12px;margin-top:4px;padding:3px 6px;background:#fff7e6;border-left:3px solid #f59e0b}
.page{position:relative;display:inline-block;margin:8px 0;border:1px solid var(--line);background:#fff}
.page img{display:block;width:100%}
.box{position:absolute;border:1.5px solid #1f5fbf;background:rgba(31,95,191,.06)}
.box.record{border:1px dashed #64748b;background:none}
.box.normalized{border:2px solid #f59e0b;background:rgba(245,158,11,.12)}
.box.cell{border:1px solid rgba(100,116,139,.35);background:none}
.box span{position:absolute;left:0;top:-13px;font-size:9px;line-height:12px;white-space:nowrap;padding:0 2px;
 background:#1f5fbf;color:#fff;pointer-events:none}
.box.record span{background:#64748b;left:auto;right:0;top:auto;bottom:-13px} .box.normalized span{background:#b45309;top:auto;bottom:-13px}
.warning{color:#b91c1c} .legend span{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px}
body.hide-cell .box.cell,body.hide-values .box.value,body.hide-values .box.record,
body.hide-normalized .box.normalized{display:none}
"""

_DIFF_SCRIPT = """
(function(){
  const table = document.getElementById('changes');
  const rows = Array.from(table.querySelectorAll('tr.change'));
  const values = new Set(table.querySelectorAll(':scope > tbody > tr.change'));
  const groups = Array.from(table.querySelectorAll('tr.group'));
  const heading = table.querySelector('tr.heading');
  const more = document.getElementById('more');
  // Value rows are laid out a batch at a time (more as the list end nears the screen): the page
  // opens as fast with thousands of changes as with a hundred.
  const batch = Number(table.dataset.rowsAtOnce);
  const state = {table: '', kind: '', doc: '', q: ''};
  let limit = batch;
  function apply(){
    let n = 0, matched = 0;
    for (const r of rows){
      const ok = (!state.table || r.dataset.table === state.table) && (!state.kind || r.dataset.kind === state.kind)
        && (!state.doc || r.dataset.doc === state.doc) && (!state.q || r.dataset.search.includes(state.q));
      let show = ok;
      if (ok && values.has(r)) show = matched++ < limit;
      r.hidden = !show; if (ok) n++;
    }
    for (const r of table.querySelectorAll('tr.later')) r.classList.remove('later');
    if (more){
      more.hidden = matched <= limit;
      more.querySelector('.count').textContent = matched - limit;
    }
    // A printed table is listed while one of its cells passes the filters; a search opens it.
    for (const g of groups){
      const shown = g.querySelectorAll('tr.change:not([hidden])').length;
      g.hidden = shown === 0;
      g.querySelector('.shown').textContent = shown;
      const details = g.querySelector('details');
      if (state.q && shown && !details.open){ details.open = true; g.dataset.opened = 'search'; }
      else if (!state.q && g.dataset.opened){ details.open = false; delete g.dataset.opened; }
    }
    if (heading) heading.hidden = groups.every(g => g.hidden);
    document.getElementById('shown').textContent = n + ' of ' + rows.length + ' changes shown';
  }
  const filter = () => { limit = batch; apply(); };
  for (const group of document.querySelectorAll('.chips')){
    group.addEventListener('click', e => {
      const b = e.target.closest('button'); if (!b) return;
      state[group.dataset.filter] = b.dataset.value;
      for (const o of group.querySelectorAll('button')) o.setAttribute('aria-pressed', String(o === b));
      filter();
    });
  }
  if (more){
    const next = () => { limit += batch; apply(); };
    more.querySelector('button').addEventListener('click', next);
    if ('IntersectionObserver' in window){
      new IntersectionObserver(entries => { if (entries.some(e => e.isIntersecting)) next(); },
                               {rootMargin: '1200px 0px'}).observe(more);
    }
  }
  for (const b of document.querySelectorAll('#overview button[data-table]')){
    b.addEventListener('click', () => {
      document.querySelector('.chips[data-filter="table"] button[data-value="' + CSS.escape(b.dataset.table) + '"]').click();
      document.getElementById('filters').scrollIntoView();
    });
  }
  document.getElementById('doc').addEventListener('change', e => { state.doc = e.target.value; filter(); });
  document.getElementById('search').addEventListener('input', e => { state.q = e.target.value.trim().toLowerCase(); filter(); });
  // A crop is decoded when its row comes near the screen (or the page is printed), not all at load.
  const crops = JSON.parse(document.getElementById('crops').textContent);
  const show = img => { const id = img.dataset.crop; if (id){ img.src = crops[id]; delete img.dataset.crop; } };
  const pending = document.querySelectorAll('img[data-crop]');
  if ('IntersectionObserver' in window){
    const near = new IntersectionObserver(entries => {
      for (const e of entries) if (e.isIntersecting){ near.unobserve(e.target); show(e.target); }
    }, {rootMargin: '800px 0px'});
    pending.forEach(img => near.observe(img));
  } else pending.forEach(show);
  addEventListener('beforeprint', () => {
    limit = Infinity; apply();
    document.querySelectorAll('img[data-crop]').forEach(show);
  });
  apply();
})();
"""

_SHOW_SCRIPT = """
(function(){
  for (const box of document.querySelectorAll('input[data-layer]')){
    const apply = () => document.body.classList.toggle('hide-' + box.dataset.layer, !box.checked);
    box.addEventListener('change', apply); apply();
  }
})();
"""


def _e(value: Any) -> str:
    """Escaped, visible text of a value (for text and for quoted attributes)."""
    return escape(shown(value), quote=True)


def _page(title: str, body: str, script: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n'
            f'<script>{script}</script>\n</body></html>\n')


# --- value boxes and normalizer trails ---------------------------------------------------

def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def value_box(text: str | None, page: int | None, record: Box | None,
              cells: dict[int, list[tuple[Box, str]]]) -> Box | None:
    """The box of the printed cell holding ``text`` inside a record's box; None when none does.

    Records keep one box (the union of their cells); the ``tables`` dataset keeps every cell,
    so the value's own cell is the one inside the record whose text is the value's text.
    """
    if not text or page is None or record is None:
        return None
    wanted = _collapse(text)
    inside = [(box, _collapse(t)) for box, t in cells.get(page, ()) if record.contains(box)]
    for box, t in inside:
        if t == wanted:
            return box
    if len(wanted) >= 6:
        for box, t in inside:
            if wanted in t:
                return box
    if len(wanted) >= 12:  # long enough to be that value wherever the record's box ends
        for box, t in cells.get(page, ()):
            if _collapse(t) == wanted:
                return box
    return None


def _cells_by_page(out: Path, doc_id: str) -> dict[int, list[tuple[Box, str]]]:
    cells: dict[int, list[tuple[Box, str]]] = {}
    for c in dataset.read_document_table(out, "tables", doc_id).select(["page", "bbox", "text"]).to_pylist():
        if c["page"] is not None and c["bbox"] is not None and c["text"]:
            cells.setdefault(c["page"], []).append((Box.of(c["bbox"]), c["text"]))
    return cells


def _trail(normalizations: list[dict[str, Any]], table: str, column: str, page: int | None,
           box: Box | None, line: int | None) -> list[dict[str, Any]]:
    """The normalizations of one value: same table and column, printed inside the record."""
    found = []
    for n in normalizations:
        if n["table"] != table or n["column"] != column:
            continue
        if page is not None and box is not None and n["page"] == page and n["bbox"] is not None:
            if box.overlaps(Box.of(n["bbox"])):
                found.append(n)
        elif page is None and line is not None and n["line"] == line:
            found.append(n)
    return found


def _trail_html(trail: Iterable[dict[str, Any]]) -> str:
    return "".join(
        f'<div class="trail">normalized: printed <code>{_e(n["raw"])}</code> → <code>{_e(n["normalized"])}</code>'
        f' · rule {_e(n["rule"])} · confidence {_e(n["confidence"])}</div>' for n in trail)


# --- the diff report -------------------------------------------------------------------

class _Side:
    """What the report needs of one document of one run: its pages, cells and normalizations."""

    def __init__(self, out: Path, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.pages = SourcePages(doc)
        self.cells = _cells_by_page(out, doc["doc_id"])
        self.normalizations = dataset.read_document_table(out, "normalizations", doc["doc_id"]).to_pylist()


def diff_report(comparison: Comparison, path: Path) -> None:
    """Write the HTML report of ``comparison`` to ``path`` (one self-contained file)."""
    # Only documents with a change are opened (their source hashed, their cells read).
    docs = {(name, doc["doc_id"]): (out, doc) for pair in comparison.pairs
            for name, out, doc in (("old", comparison.old, pair.old), ("new", comparison.new, pair.new)) if doc}
    sides: dict[tuple[str, str], _Side] = {}
    for change in comparison.changes:
        for name in ("old", "new"):
            key = (name, getattr(change, f"{name}_doc_id") or "")
            if key in docs and key not in sides:
                sides[key] = _Side(*docs[key])
    doc_of_pair = {}
    for i, pair in enumerate(comparison.pairs):
        for doc in (pair.old, pair.new):
            if doc is not None:
                doc_of_pair[doc["doc_id"]] = f"d{i}"

    # Every crop first, page by page (each page rendered once), the same region only once.
    regions: dict[tuple[str, str, int, Box], str] = {}
    plans = []
    for change in comparison.changes:
        plan = {}
        for name in ("old", "new"):
            side = sides.get((name, getattr(change, f"{name}_doc_id") or ""))
            page, bbox = getattr(change, f"{name}_page"), Box.of(getattr(change, f"{name}_bbox"))
            value = getattr(change, name)
            text = value if isinstance(value, str) and change.column not in (RECORD, TWINS) else None
            box = (value_box(text, page, bbox, side.cells) or bbox) if side else None
            if side and box and page and not side.pages.problem:
                regions.setdefault((name, side.doc["doc_id"], page, box), f"c{len(regions)}")
            plan[name] = (side, page, box)
        plans.append(plan)
    crops: dict[str, tuple[str, int, int]] = {}
    for (name, doc_id, page, box), crop_id in sorted(regions.items(), key=lambda kv: kv[0][:3]):
        crop = sides[(name, doc_id)].pages.crop(page, box)
        if crop:
            crops[crop_id] = crop
    for side in sides.values():
        side.pages.close()

    values: list[str] = []
    printed_tables: dict[tuple[str, Any, Any], list[tuple[Change, str]]] = {}
    for change, plan in zip(comparison.changes, plans):
        cells = []
        for name in ("old", "new"):
            side, page, box = plan[name]
            crop_id = regions.get((name, side.doc["doc_id"], page, box)) if side and box and page else None
            # The crop's id and pixel size; none when the region could not be rendered.
            crop = (crop_id, *crops[crop_id][1:]) if crop_id in crops else None
            cells.append(_side_cell(change, name, side, crop))
        pair_doc = doc_of_pair.get(change.new_doc_id or change.old_doc_id or "", "dataset")
        later = change.table != _CELLS and len(values) >= ROWS_AT_ONCE
        row = _change_row(change, pair_doc, cells, later)
        if change.table == _CELLS:
            key = dict(zip(NATURAL_KEYS[_CELLS], change.key_values))
            printed_tables.setdefault((change.report, key["page"], key["table_index"]), []).append((change, row))
        else:
            values.append(row)
    n_cells = sum(len(group) for group in printed_tables.values())

    body = [f'<header><h1>camerale diff</h1><div>old run: <code>{_e(str(comparison.old))}</code> · new run: '
            f'<code>{_e(str(comparison.new))}</code></div>'
            f'<div class="muted">{len(comparison.changes)} differences'
            f'{"" if comparison.changes else " — the two runs are identical"}'
            f'{f": {len(values)} in the report, {n_cells} in printed table cells" if n_cells else ""}</div></header>',
            _overview(comparison, {doc_id: side.pages.problem for (_, doc_id), side in sides.items()}),
            _filters(comparison),
            f'<section><table id="changes" data-rows-at-once="{ROWS_AT_ONCE}"><thead><tr><th>record · column</th>'
            '<th>old run</th><th>new run</th></tr></thead><tbody>', *values]
    if len(values) > ROWS_AT_ONCE:
        body.append(f'<tr id="more"><td colspan="3"><button type="button" class="link">show <span class="count">'
                    f'{len(values) - ROWS_AT_ONCE}</span> more changes</button> <span class="muted">(or scroll on: '
                    f'they are laid out as the end of the list nears)</span></td></tr>')
    if printed_tables:
        body.append(f'<tr class="heading"><td colspan="3"><h2>Printed tables, cell by cell</h2><span class="muted">'
                    f'The <code>{_CELLS}</code> dataset: {n_cells} changed cells in {len(printed_tables)} printed '
                    f'tables, folded per table. The report\'s values above are read from these cells.</span>'
                    f'</td></tr>')
        body += [_printed_table_row(*where, group) for where, group in printed_tables.items()]
    body += ['</tbody></table></section>',
             f'<script type="application/json" id="crops">'
             f'{_json_for_script({crop_id: url for crop_id, (url, _, _) in crops.items()})}</script>']
    path.write_text(_page("camerale diff", "\n".join(body), _DIFF_SCRIPT), encoding="utf-8")


def _change_row(change: Change, pair_doc: str, cells: list[str], later: bool = False) -> str:
    search = " ".join(shown(v) for v in (change.report, change.table, change.key, change.column,
                                        change.old, change.new)).lower()
    return (f'<tr class="change{" later" if later else ""}" data-table="{_e(change.table)}" data-kind="{_e(change.kind)}" data-doc="{pair_doc}"'
            f' data-search="{_e(search)}"><td class="what"><span class="kind {_e(change.kind)}">{_e(change.kind)}'
            f'</span><b>{_e(change.table)}</b> · {_e(_column_label(change))}<div class="mono">{_e(change.key)}</div>'
            f'<div class="muted">{_e(change.report)}</div></td>{cells[0]}{cells[1]}</tr>')


def _printed_table_row(report: str, page: Any, index: Any, group: list[tuple[Change, str]]) -> str:
    """One printed table's changed cells, folded under a line saying where and how many."""
    kinds = ", ".join(f"{n} {kind}" for kind, n in Counter(c.kind for c, _ in group).items())
    first = next((c.new for c, _ in group if isinstance(c.new, str) and c.column not in (RECORD, TWINS)), None)
    preview = f' · <span class="muted">{_e(one_line(shown(first), 80))}</span>' if first else ""
    return (f'<tr class="group"><td colspan="3"><details><summary><b>{_CELLS}</b> · {_e(report)} · page {_e(page)}, '
            f'table {_e(index)} · <span class="shown">{len(group)}</span> of {len(group)} changed cells shown '
            f'({_e(kinds)}){preview}</summary><table class="cells">'
            f'<tbody>{"".join(row for _, row in group)}</tbody></table></details></td></tr>')


def _column_label(change: Change) -> str:
    if change.column == RECORD:
        return "whole record"
    return "duplicate key" if change.column == TWINS else change.column


def _marked(change: Change, name: str) -> str:
    """The escaped value of one side, the words that differ from the other side in <mark>."""
    value, other = getattr(change, name), getattr(change, "new" if name == "old" else "old")
    if not (isinstance(value, str) and isinstance(other, str)):
        return _e(value)
    words, other_words = re.split(r"(\s+)", shown(value)), re.split(r"(\s+)", shown(other))
    pairs = (words, other_words) if name == "old" else (other_words, words)
    html = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *pairs, autojunk=False).get_opcodes():
        lo, hi = (i1, i2) if name == "old" else (j1, j2)
        text = escape("".join(words[lo:hi]))
        html.append(text if tag == "equal" or not text.strip() else f"<mark>{text}</mark>")
    return "".join(html)


def _side_cell(change: Change, name: str, side: _Side | None, crop: tuple[str, int, int] | None) -> str:
    value = getattr(change, name)
    where = getattr(change, f"{name}_where")
    parts = [f'<td class="{name}"><div class="value">{_marked(change, name)}</div>']
    if side is not None:
        if crop:
            # The image's size is given so that the page keeps its layout while crops are decoded.
            crop_id, width, height = crop
            parts.append(f'<img class="crop" data-crop="{crop_id}" width="{width}" height="{height}"'
                         f' alt="page region of the {name} value">')
        elif side.pages.problem and where:
            parts.append(f'<div class="problem">{_e(side.pages.problem)}</div>')
        if where:
            parts.append(f'<div class="where">{_e(side.doc["source_name"])} · {_e(where)}</div>')
        confidence = getattr(change, f"{name}_ocr_confidence")
        if confidence is not None:
            doubtful = confidence < DOUBTFUL_OCR
            parts.append(f'<div class="where{" doubtful" if doubtful else ""}">OCR confidence {confidence:.2f}'
                         f'{" — doubtful reading, check the crop" if doubtful else ""}</div>')
        if change.column not in (RECORD, TWINS):
            page, line = getattr(change, f"{name}_page"), getattr(change, f"{name}_line")
            parts.append(_trail_html(_trail(side.normalizations, change.table, change.column, page,
                                            Box.of(getattr(change, f"{name}_bbox")), line)))
    parts.append("</td>")
    return "".join(parts)


def _overview(comparison: Comparison, problems: dict[str, str | None]) -> str:
    docs = ['<section id="overview"><h2>Documents compared</h2><table><tr><th>report</th><th>old run</th>'
            '<th>new run</th></tr>']
    for pair in comparison.pairs:
        docs.append(f'<tr><td>{_e(pair.report)}</td><td>{_document_cell(pair.old, problems)}</td>'
                    f'<td>{_document_cell(pair.new, problems)}</td></tr>')
    docs.append('</table><h2>Changes per table</h2><table><tr><th>table</th><th>records added</th>'
                '<th>records removed</th><th>records changed</th><th>values changed</th><th>duplicate keys</th></tr>')
    identical = []
    for table, n in comparison.counts().items():
        if not n.total:
            identical.append(table)
            continue
        docs.append(f'<tr><td><button type="button" class="link" data-table="{_e(table)}">{_e(table)}</button></td>'
                    + "".join(f'<td class="n">{v}</td>' for v in (n.added, n.removed, n.changed_records,
                                                                  n.changed_values, n.duplicates)) + '</tr>')
    docs.append('</table>')
    if identical:  # said, not left out: "resources identical" is a finding too
        docs.append(f'<p>Identical in both runs: {_e(", ".join(identical))}.</p>')
    docs.append('</section>')
    return "".join(docs)


def _document_cell(doc: dict[str, Any] | None, problems: dict[str, str | None]) -> str:
    if doc is None:
        return '<span class="muted">—</span>'
    problem = problems.get(doc["doc_id"]) if doc.get("input_kind") != "text" else None
    note = f'<div class="problem">{_e(problem)}</div>' if problem else ""
    return (f'{_e(doc["source_name"])} <span class="muted">[{_e(doc["input_kind"])}, '
            f'{_e(doc["n_pages"])} p]</span><div class="mono muted">{_e(doc["doc_id"][:16])}…</div>{note}')


def _filters(comparison: Comparison) -> str:
    counts = comparison.counts()
    tables = [t for t, n in counts.items() if n.total]
    kinds = [k for k in ("changed", "added", "removed", "duplicate") if any(c.kind == k for c in comparison.changes)]

    def chips(name: str, values: list[str], label: str) -> str:
        buttons = "".join(f'<button type="button" data-value="{_e(v)}" aria-pressed="false">{_e(v)}</button>'
                          for v in values)
        return (f'<div class="chips" data-filter="{name}">{label}: <button type="button" data-value=""'
                f' aria-pressed="true">all</button>{buttons}</div>')

    options = "".join(f'<option value="d{i}">{_e(p.report)} — {_e((p.new or p.old)["source_name"])}</option>'
                      for i, p in enumerate(comparison.pairs))
    return (f'<section id="filters">{chips("table", tables, "table")}{chips("kind", kinds, "change")}'
            f'<div>document: <select id="doc"><option value="">all</option>{options}'
            f'<option value="dataset">dataset-level (objective_links)</option></select> '
            f'<input id="search" type="search" placeholder="search values, keys, columns…" aria-label="search"> '
            f'<span id="shown" class="muted"></span></div></section>')


def _json_for_script(value: Any) -> str:
    # Inside <script>, '</' must not appear: escape it so no value can close the element.
    return json.dumps(value).replace("</", "<\\/")


# --- the document view ------------------------------------------------------------------

def document_view(out: Path, doc: dict[str, Any], path: Path, page: int | None = None) -> None:
    """Write the pages of one document with every extracted value boxed and labelled."""
    doc_id = doc["doc_id"]
    pages = SourcePages(doc)
    records = {table: dataset.read_document_table(out, table, doc_id).to_pylist()
               for table in SCHEMAS if table not in _NOT_VALUES}
    normalizations = dataset.read_document_table(out, "normalizations", doc_id).to_pylist()
    warnings = dataset.read_document_table(out, "warnings", doc_id).to_pylist()
    cells = _cells_by_page(out, doc_id)

    boxes: dict[int, list[_Marked]] = {}
    unplaced: list[str] = []
    for table, rows in records.items():
        for record in rows:
            _record_boxes(table, record, cells, boxes, unplaced)
    for n in normalizations:
        box = Box.of(n["bbox"])
        if n["page"] is not None and box is not None:
            label = f'normalized {n["table"]}.{n["column"]}'
            title = f'{n["table"]}.{n["column"]}: printed {shown(n["raw"])} → {shown(n["normalized"])} · ' \
                    f'rule {shown(n["rule"])} · confidence {shown(n["confidence"])}'
            boxes.setdefault(n["page"], []).append(("normalized", box, label, title))
        else:
            unplaced.append(f'<li class="normalized">{_e(n["table"])}.{_e(n["column"])} ({_e(_where_text(n))}): '
                            f'printed <code>{_e(n["raw"])}</code> → <code>{_e(n["normalized"])}</code> · '
                            f'rule {_e(n["rule"])} · confidence {_e(n["confidence"])}</li>')
    for number, page_cells in cells.items():
        for box, text in page_cells:
            boxes.setdefault(number, []).append(("cell", box, None, f"tables: {shown(text)}"))

    page_warnings: dict[int, list[str]] = {}
    document_warnings = []
    for w in warnings:
        numbers = _pages_named(w["message"])
        for number in numbers:
            page_warnings.setdefault(number, []).append(w["message"])
        if not numbers:
            document_warnings.append(w["message"])

    n_pages = doc.get("n_pages") or 0
    wanted = [page] if page else list(range(1, n_pages + 1))
    body = [f'<header><h1>{_e(doc["source_name"])}</h1><div>{_e(doc["title"])}</div>'
            f'<div class="muted">{_e(doc["doc_type"])} · {_e(doc["chamber"])} · {_e(doc["phase"])} · '
            f'{_e(doc["reference_year"])} · {_e(doc["input_kind"])} · doc_id <code>{_e(doc_id)}</code></div>'
            '<div class="legend"><label><input type="checkbox" data-layer="values" checked> '
            '<span style="background:#dbe7fb">extracted values</span></label> '
            '<label><input type="checkbox" data-layer="normalized" checked> '
            '<span style="background:#fde7c2">normalizations</span></label> '
            '<label><input type="checkbox" data-layer="cell"> <span style="background:#eef2f6">'
            'every table cell</span></label> <span class="warning">■ warnings</span></div>']
    if pages.problem:
        body.append(f'<p class="problem">{_e(pages.problem)}</p>')
    if document_warnings:
        body.append('<section><h2 class="warning">Warnings</h2><ul>' + "".join(
            f'<li class="warning">{_e(m)}</li>' for m in document_warnings) + '</ul></section>')
    if unplaced:
        body.append('<section><h2>Values without a page position</h2><ul>' + "".join(unplaced) + '</ul></section>')
    for number in wanted:
        body.append(f'<section id="page-{number}"><h2>Page {number}</h2>')
        for message in page_warnings.get(number, []):
            body.append(f'<div class="warning">warning: {_e(message)}</div>')
        if not any(kind != "cell" for kind, *_ in boxes.get(number, [])):
            body.append('<p class="muted">No extracted value on this page.</p>')
        image = pages.page(number) if not pages.problem else None
        if image:
            url, width, height = image
            body.append(f'<div class="page" style="width:min(100%,{width * 1.4:.0f}px)"><img src="{url}" '
                        f'alt="page {number}">' + "".join(_box_html(*b, width, height) for b in boxes.get(number, []))
                        + '</div>')
        body.append('</section>')
    pages.close()
    path.write_text(_page(f"camerale show {shown(doc['source_name'])}", "\n".join(body), _SHOW_SCRIPT),
                    encoding="utf-8")


_Marked = tuple[str, Box, "str | None", str]  # kind (CSS class), box, label, tooltip


def _record_boxes(table: str, record: dict[str, Any], cells: dict[int, list[tuple[Box, str]]],
                  boxes: dict[int, list[_Marked]], unplaced: list[str]) -> None:
    page, box = record.get("page"), Box.of(record.get("bbox"))
    columns = [c for c in SCHEMAS[table].names if c not in _PROVENANCE and record.get(c) is not None]
    if page is None or box is None:
        unplaced.append(f'<li>{_e(table)} ({_e(_where_text(record))}): ' + "; ".join(
            f'{_e(c)} <code>{_e(record[c])}</code>' for c in columns) + '</li>')
        return
    located, rest = [], []
    for column in columns:
        value = record[column]
        text = value if isinstance(value, str) else record.get(f"{column}_text")
        cell = value_box(text, page, box, cells) if isinstance(text, str) else None
        if cell is not None:
            located.append(("value", cell, f"{table}.{column}", f"{table}.{column}: {shown(value)}"))
        else:
            rest.append(column)
    title = f"{table}: " + "; ".join(f"{c} = {shown(record[c])}" for c in columns)
    label = f"{table} (+{len(rest)} values, hover)" if rest else table
    boxes.setdefault(page, []).append(("record", box, label, title))
    boxes[page] += located


def _box_html(kind: str, box: Box, label: str | None, title: str, width: float, height: float) -> str:
    """A box over a page image, placed in percent of the page so that it scales with the image."""
    style = (f"left:{box.x0 / width * 100:.2f}%;top:{box.top / height * 100:.2f}%;"
             f"width:{(box.x1 - box.x0) / width * 100:.2f}%;height:{(box.bottom - box.top) / height * 100:.2f}%")
    span = f"<span>{_e(label)}</span>" if label else ""
    return f'<div class="box {kind}" style="{style}" title="{_e(title)}">{span}</div>'


def _where_text(row: dict[str, Any]) -> str:
    if row.get("page") is not None:
        return f"page {row['page']}"
    return f"line {row['line']}" if row.get("line") is not None else "no position"


_PAGES = re.compile(r"\bpages? (\d+)(?:\s*-\s*(\d+))?")


def _pages_named(message: str) -> list[int]:
    """Pages a warning names ('page 8', 'pages 1-25'), for showing it on those pages."""
    numbers: list[int] = []
    for first, last in _PAGES.findall(message):
        numbers += range(int(first), int(last or first) + 1)
    return numbers
