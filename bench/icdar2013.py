"""Tables of the ICDAR-2013 table competition set: camerale beside camelot and pdfplumber, one run.

Run:  python bench/icdar2013.py [FOLDER]            # default ../shared/benchmarks/icdar2013 beside the clone
      python bench/icdar2013.py --methods camerale,pdfplumber --no-ocr
      python bench/icdar2013.py --ocr-pages 40       # how many unruled pages go through OCR

The set is read where it is (it is never copied into the project).  Each method runs in
a fresh Python process over the 67 PDFs (238 pages) and reports its tables; this process
scores them.  camerale's tables are what ``camerale ingest`` writes in the ``tables``
dataset (the command is run as a user would, its Parquet read back), never an internal call.

Printed per method: tables found (one per table and page), detection precision and
recall, structure precision / recall / F1 (micro over all relations, and the mean of
the per-document F1), seconds per page (the method's wall time over all 238 pages; and its CPU time, which a busy machine
inflates less)
and peak memory (resident-set high-water mark of the method's processes).

Detection: a found table region and a ground-truth region (``-reg.xml``) of the same page
match when their intersection over union is at least 0.5; regions are matched one to one,
best IoU first.  Ground-truth boxes have a bottom-left origin in the page as displayed
(``eu-015``'s two pages carry ``/Rotate 90``: its ``-reg.xml`` boxes are in the rotated,
displayed frame, 842 x 595, as pdfplumber's coordinates are), and are turned to a top-left
origin with the displayed page height.

Structure, by the competition's adjacency relations: a table is a grid of cells, each with
its first row and column and its spans; cells without text are dropped (the ground truth
lists only cells with content).  From each cell, for every row it spans, the nearest cell
to its right in that row, and for every column it spans, the nearest cell below it in that
column, give one relation (cell, neighbour, direction); a neighbour met from two rows of a
span counts once.  A relation is compared by content: both texts with whitespace removed,
NFKC-normalised and lower-cased, plus the direction.  So spans matter exactly as far as
they change who neighbours whom, and the frame of the ``-str.xml`` boxes (``eu-015``'s
differs) never matters.  Ground-truth tables made of several regions (``us-035a`` table 2,
three column blocks) are laid on one grid by their ``row-increment``/``col-increment``.
Relations are pooled per document (all its tables, a table continued on the next page
included) and compared as multisets: a relation found in a table that is not in the
ground truth (a frame taken for a table) costs precision.  Micro figures sum true, found
and expected relations over the documents; the per-document mean averages each document's
F1 (0 for a document where nothing right was found).  The ``b`` variants (a second
reading of four documents) are not scored.

OCR: the pages where camerale finds a table without rules (ruling ``none``) and the ground
truth has a table are rendered at 300 dpi into image-only PDFs and ingested again; the
share of the born-digital table's non-empty cells that the OCR'd table has at the same
row and column with the same text (rapidfuzz ratio >= 80 on the normalised texts) is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "benchmarks" / "icdar2013"
METHODS = ("camerale", "camerale-pdfplumber", "camelot-lattice", "camelot-stream", "camelot-network", "camelot-hybrid", "pdfplumber")
IOU = 0.5
OCR_MATCH = 80.0

# A found table, as every method reports it: its page, region (top-left origin) and cells.
Found = dict[str, Any]   # {"page": int, "bbox": [x0, top, x1, bottom], "cells": [[row, col, rs, cs, text], ...]}


# --- ground truth --------------------------------------------------------------------------------


@dataclass
class Truth:
    name: str
    pdf: Path
    pages: int
    regions: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)
    tables: list[list[tuple[int, int, int, int, str]]] = field(default_factory=list)


def documents(folder: Path) -> list[Truth]:
    import pdfplumber

    truths = []
    for pdf in sorted(folder.glob("competition-dataset-*/*.pdf")):
        reg, struct = pdf.with_name(pdf.stem + "-reg.xml"), pdf.with_name(pdf.stem + "-str.xml")
        with pdfplumber.open(pdf) as doc:
            heights = [float(p.height) for p in doc.pages]
        truth = Truth(pdf.stem, pdf, len(heights))
        for region in ET.parse(reg).getroot().iter("region"):
            page = int(region.get("page"))
            b = region.find("bounding-box")
            x1, y1, x2, y2 = (float(b.get(k).replace("ß", "8")) for k in ("x1", "y1", "x2", "y2"))
            h = heights[page - 1]
            truth.regions.append((page, (min(x1, x2), h - max(y1, y2), max(x1, x2), h - min(y1, y2))))
        for table in ET.parse(struct).getroot().iter("table"):
            cells = []
            for region in table.iter("region"):
                dr, dc = int(region.get("row-increment", 0)), int(region.get("col-increment", 0))
                for cell in region.iter("cell"):
                    r0, c0 = int(cell.get("start-row")), int(cell.get("start-col"))
                    r1, c1 = int(cell.get("end-row", r0)), int(cell.get("end-col", c0))
                    text = cell.findtext("content") or ""
                    cells.append((r0 + dr, c0 + dc, r1 - r0 + 1, c1 - c0 + 1, text))
            truth.tables.append(cells)
        truths.append(truth)
    return truths


# --- the measure ---------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def relations(cells: list[tuple[int, int, int, int, str]]) -> Counter[tuple[str, str, str]]:
    """Adjacency relations of one table (see the module doc)."""
    cells = [c for c in cells if _norm(c[4])]
    at: dict[tuple[int, int], int] = {}
    for i, (r, c, rs, cs, _) in enumerate(cells):
        for dr in range(rs):
            for dc in range(cs):
                at.setdefault((r + dr, c + dc), i)
    if not at:
        return Counter()
    max_row = max(r for r, _ in at)
    max_col = max(c for _, c in at)
    found: set[tuple[int, int, str]] = set()
    for i, (r, c, rs, cs, _) in enumerate(cells):
        for row in range(r, r + rs):
            for col in range(c + cs, max_col + 1):
                j = at.get((row, col))
                if j is not None and j != i:
                    found.add((i, j, "h"))
                    break
        for col in range(c, c + cs):
            for row in range(r + rs, max_row + 1):
                j = at.get((row, col))
                if j is not None and j != i:
                    found.add((i, j, "v"))
                    break
    return Counter((_norm(cells[i][4]), _norm(cells[j][4]), d) for i, j, d in found)


def _iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


@dataclass
class Score:
    found: int = 0
    matched_found: int = 0
    truth_regions: int = 0
    matched_truth: int = 0
    true_rel: int = 0
    found_rel: int = 0
    truth_rel: int = 0
    doc_f1: list[float] = field(default_factory=list)


def score(truths: list[Truth], found: dict[str, list[Found]]) -> Score:
    s = Score()
    for truth in truths:
        tables = found.get(truth.name, [])
        # Detection, page by page, one to one, best IoU first.
        s.found += len(tables)
        s.truth_regions += len(truth.regions)
        pairs = sorted(((_iou(tuple(t["bbox"]), box), i, j) for i, t in enumerate(tables)
                        for j, (page, box) in enumerate(truth.regions) if t["page"] == page), reverse=True)
        used_found, used_truth = set(), set()
        for iou, i, j in pairs:
            if iou < IOU:
                break
            if i not in used_found and j not in used_truth:
                used_found.add(i)
                used_truth.add(j)
        s.matched_found += len(used_found)
        s.matched_truth += len(used_truth)
        # Structure: relations pooled over the document.
        expected = sum((relations(t) for t in truth.tables), Counter())
        got = sum((relations([tuple(c) for c in t["cells"]]) for t in tables), Counter())
        true = sum((expected & got).values())
        s.true_rel += true
        s.found_rel += sum(got.values())
        s.truth_rel += sum(expected.values())
        p = true / sum(got.values()) if got else 0.0
        r = true / sum(expected.values()) if expected else 0.0
        s.doc_f1.append(2 * p * r / (p + r) if p + r else 0.0)
    return s


# --- the methods (each in its own process) -----------------------------------------------------------


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _camerale_ingest(pdfs: list[Path], out: Path, *options: str) -> float:
    """Wall seconds of ``camerale ingest`` on the PDFs (a fresh command, as a user runs it)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from camerale.cli import app; app()", "ingest", *map(str, pdfs),
                    "--out", str(out), "--force", *options], check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _camerale_tables(out: Path) -> dict[str, list[Found]]:
    """Tables as ``camerale ingest`` wrote them: one per (document, table, page)."""
    import pyarrow.dataset as ds

    names = {d["doc_id"]: Path(d["source_name"]).stem
             for d in ds.dataset(out / "documents", partitioning="hive").to_table().to_pylist()}
    found: dict[str, dict[tuple[int, int], Found]] = {}
    if not (out / "tables").exists():
        return {}
    for cell in ds.dataset(out / "tables", partitioning="hive").to_table().to_pylist():
        doc = names[cell["doc_id"]]
        region = cell["region"]
        key = (cell["table_index"], cell["page"])
        table = found.setdefault(doc, {}).setdefault(key, {
            "page": cell["page"], "bbox": [region["x0"], region["top"], region["x1"], region["bottom"]],
            "cells": [], "ruling": cell["ruling"], "table": cell["table_index"]})
        table["cells"].append([cell["row"], cell["col"], cell["row_span"], cell["col_span"], cell["text"]])
    return {doc: list(tables.values()) for doc, tables in found.items()}


def run_camerale(pdfs: list[Path], *options: str) -> tuple[dict[str, list[Found]], float]:
    with tempfile.TemporaryDirectory() as tmp:
        seconds = _camerale_ingest(pdfs, Path(tmp) / "out", *options)
        return _camerale_tables(Path(tmp) / "out"), seconds


def run_camelot(pdfs: list[Path], flavor: str) -> tuple[dict[str, list[Found]], float]:
    import camelot
    import pdfplumber

    found: dict[str, list[Found]] = {}
    seconds = 0.0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            heights = [float(p.height) for p in doc.pages]
        started = time.perf_counter()
        try:
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor, suppress_stdout=True)
        except Exception as exc:  # a peer's failure on one file is its score, not the run's end
            print(f"  camelot {flavor}: {pdf.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            tables = []
        seconds += time.perf_counter() - started
        for t in tables:
            page = int(t.page)
            x1, y1, x2, y2 = t._bbox
            h = heights[page - 1]
            cells = [[r, c, 1, 1, str(text)] for r, row in enumerate(t.df.values.tolist())
                     for c, text in enumerate(row) if str(text).strip()]
            found.setdefault(pdf.stem, []).append({"page": page, "bbox": [x1, h - y2, x2, h - y1], "cells": cells})
    return found, seconds


def run_pdfplumber(pdfs: list[Path]) -> tuple[dict[str, list[Found]], float]:
    import pdfplumber

    found: dict[str, list[Found]] = {}
    started = time.perf_counter()
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                for t in page.find_tables():
                    cells = [[r, c, 1, 1, text] for r, row in enumerate(t.extract())
                             for c, text in enumerate(row) if text]
                    found.setdefault(pdf.stem, []).append({"page": page.page_number, "bbox": list(t.bbox),
                                                           "cells": cells})
                page.close()
    return found, time.perf_counter() - started


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (camerale's command and its workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(method: str, folder: Path, result: Path) -> None:
    pdfs = [t.pdf for t in documents(folder)]
    cpu = _cpu_seconds()
    if method == "camerale":
        found, seconds = run_camerale(pdfs)
    elif method == "camerale-pdfplumber":  # the same reader over pdfminer's objects instead of pdfium's
        found, seconds = run_camerale(pdfs, "--pdf-source", "pdfplumber")
    elif method.startswith("camelot-"):
        found, seconds = run_camelot(pdfs, method.split("-", 1)[1])
    else:
        found, seconds = run_pdfplumber(pdfs)
    result.write_text(json.dumps({"found": found, "seconds": seconds, "cpu_seconds": _cpu_seconds() - cpu,
                                  "peak_mib": _peak_mib()}))


# --- OCR of the unruled pages -----------------------------------------------------------------------


def ocr_share(truths: list[Truth], camerale: dict[str, list[Found]], max_pages: int) -> tuple[int, int, int]:
    """(pages, born-digital cells, cells the OCR path puts at the same position with the same text)."""
    import pypdfium2 as pdfium
    from rapidfuzz import fuzz

    by_name = {t.name: t for t in truths}
    chosen = []
    for doc, tables in sorted(camerale.items()):
        truth_pages = {page for page, _ in by_name[doc].regions} if doc in by_name else set()
        for page in sorted({t["page"] for t in tables if t["ruling"] == "none" and t["page"] in truth_pages}):
            chosen.append((doc, page))
    chosen = chosen[:max_pages]
    if not chosen:
        return 0, 0, 0
    total = same = 0
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for doc, page in chosen:
            pdf = pdfium.PdfDocument(by_name[doc].pdf)
            image = pdf[page - 1].render(scale=300 / 72).to_pil().convert("L")
            path = Path(tmp) / f"{doc}-p{page}.pdf"
            image.save(path, "PDF", resolution=300.0)
            images.append(path)
            pdf.close()
        _camerale_ingest(images, Path(tmp) / "out")
        ocr = _camerale_tables(Path(tmp) / "out")
        for doc, page in chosen:
            scanned = ocr.get(f"{doc}-p{page}", [])
            for table in (t for t in camerale[doc] if t["page"] == page and t["ruling"] == "none"):
                cells = [c for c in table["cells"] if _norm(c[4])]
                total += len(cells)
                twin = max(scanned, key=lambda t: _iou(tuple(t["bbox"]), tuple(table["bbox"])), default=None)
                if twin is None or _iou(tuple(twin["bbox"]), tuple(table["bbox"])) < IOU:
                    continue
                at = {(c[0], c[1]): _norm(c[4]) for c in twin["cells"]}
                same += sum(1 for c in cells if fuzz.ratio(at.get((c[0], c[1]), ""), _norm(c[4])) >= OCR_MATCH)
    return len(chosen), total, same


# --- report -----------------------------------------------------------------------------------------


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--no-ocr", action="store_true", help="skip the image-only rendering of unruled pages")
    parser.add_argument("--ocr-pages", type=int, default=30, help="at most this many unruled pages through OCR")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--save", type=Path, help="write every method's tables to this JSON file")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder, args.result)
        return
    if not args.folder.is_dir():
        sys.exit(f"icdar2013: {args.folder}: no such folder (give the benchmark folder as an argument)")

    truths = documents(args.folder)
    pages = sum(t.pages for t in truths)
    print(f"ICDAR-2013: {len(truths)} PDFs, {pages} pages, {sum(len(t.tables) for t in truths)} tables, "
          f"{sum(len(t.regions) for t in truths)} regions, "
          f"{sum(sum(relations(tab).values()) for t in truths for tab in t.tables)} relations; {os.cpu_count()} cores")
    header = (f"{'method':<16} {'tables':>6} {'det P':>6} {'det R':>6} {'str P':>6} {'str R':>6} {'str F1':>6} "
              f"{'doc F1':>6} {'s/page':>7} {'CPU s/page':>10} {'peak MiB':>8}")
    print(header)
    saved: dict[str, Any] = {}
    camerale: dict[str, list[Found]] = {}
    for method in args.methods.split(","):
        with tempfile.NamedTemporaryFile(suffix=".json") as result:
            subprocess.run([sys.executable, __file__, str(args.folder), "--child", method, "--result", result.name],
                           check=True)
            data = json.loads(Path(result.name).read_text())
        s = score(truths, data["found"])
        p, r = _ratio(s.true_rel, s.found_rel), _ratio(s.true_rel, s.truth_rel)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{method:<16} {s.found:>6} {_ratio(s.matched_found, s.found):>6.3f} "
              f"{_ratio(s.matched_truth, s.truth_regions):>6.3f} {p:>6.3f} {r:>6.3f} {f1:>6.3f} "
              f"{sum(s.doc_f1) / len(s.doc_f1):>6.3f} {data['seconds'] / pages:>7.3f} "
              f"{data['cpu_seconds'] / pages:>10.3f} {data['peak_mib']:>8.0f}",
              flush=True)
        saved[method] = data["found"]
        if method == "camerale":
            camerale = data["found"]
    if args.save:
        args.save.write_text(json.dumps(saved))
    if camerale and not args.no_ocr:
        n, total, same = ocr_share(truths, camerale, args.ocr_pages)
        print(f"OCR of {n} unruled pages rendered image-only: {same} of {total} born-digital cells "
              f"({_ratio(same, total):.3f}) at the same row and column with the same text")


if __name__ == "__main__":
    main()
