"""Field-level accuracy of `camerale ingest` on every test rendition: rendition x table.

Run:  python bench/renditions.py                    # samples/renditions/*.pdf (scans included)
      python bench/renditions.py --no-scans         # born-digital renditions only (no OCR: fast)
      python bench/renditions.py --with-samples     # also the bundled samples/ as reference rows
      python bench/renditions.py --keep out-bench   # keep the dataset
      python bench/renditions.py --folder DIR       # other renditions of the same two reports

All files go through the real command line (`camerale ingest FILES --out TMP`) into one
temporary dataset; each document is then scored against its report's gold, field by field,
by tests/field_scores.py (the same scorer the tests assert with).  One matrix per report:
recall/precision of each dataset table, then of the groups the scan acceptance names
(codes, amounts, results, declared counts) and of all fields.  The derived documents
(pages removed, labels renamed) are scored too, but what matters for them is the status
column (`partial`, not `ok`): a complete score is not expected there.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from field_scores import GROUP_NAMES, dataset_records, scores  # noqa: E402
import gold_compare  # noqa: E402
import relazione_gold  # noqa: E402

RENDITIONS = ROOT / "samples" / "renditions"
SAMPLES = ROOT / "samples"
# First word of each summary line of `camerale ingest`: the document's status.
_STATUS = re.compile(r"^(?P<status>\w+)\s+(?P<name>\S+\.(?:pdf|txt))\b(?P<rest>.*)$")


def gold_for(name: str, doc_type: str) -> dict | None:
    """The report's gold (None: the scorer's default), except for the Relazione's converter text, whose
    gold leaves the financial-health years the text does not settle unattributed."""
    if doc_type == "relazione_performance" and name.endswith(".txt"):
        return relazione_gold.load_gold("relazione-lucca-2016.json")
    return None


def _cell(recall: float, precision: float) -> str:
    return f"{recall:.2f}/{precision:.2f}"


def ingest(files: list[Path], out: Path) -> tuple[dict[str, str], int, float]:
    """Run the CLI; the status word it prints per file, its exit status and the seconds it took."""
    camerale = Path(sys.executable).with_name("camerale")
    command = [str(camerale) if camerale.exists() else "camerale", "ingest", *map(str, files), "--out", str(out)]
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    status = {}
    for line in run.stdout.splitlines():
        if m := _STATUS.match(line.strip()):
            status[m["name"]] = m["status"]
    for line in run.stderr.splitlines():
        if line.startswith("camerale: "):
            name = Path(line.split(": ")[1]).name
            status.setdefault(name, "failed")
    return status, run.returncode, seconds


def matrices(out: Path, names: list[str], status: dict[str, str]) -> str:
    records = {doc["source_name"]: (doc, tables) for doc, tables in dataset_records(out).values()}
    lines = []
    for doc_type, tables, title in (("pira", tuple(gold_compare.KEYS), "PIRA consuntivo 2019"),
                                    ("relazione_performance", relazione_gold.TABLES, "Relazione 2016")):
        columns = [*tables, *(g for g in GROUP_NAMES if not (doc_type != "pira" and g == "declared counts"))]
        lines += [f"\n### {title} (recall/precision)\n",
                  "| document | status | " + " | ".join(columns) + " |",
                  "|---|---|" + "---|" * len(columns)]
        for name in names:
            expected_type = "pira" if name.startswith(("pira", "lucca-pira")) else "relazione_performance"
            if expected_type != doc_type:
                continue
            doc, produced = records.get(name, (None, {}))
            stat = status.get(name, "?")
            if doc is not None and doc.get("status"):
                stat = doc["status"] + (f" {doc['completeness']:.2f}" if doc.get("completeness") is not None else "")
            if doc is None or doc["doc_type"] != doc_type:
                lines.append(f"| {name} | {stat} | " + " | ".join("–" for _ in columns) + " |")
                continue
            scored = scores(doc_type, produced, gold_for(name, doc_type))
            lines.append(f"| {name} | {stat} | " +
                         " | ".join(_cell(scored[c].recall, scored[c].precision) for c in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-scans", action="store_true", help="skip the image-only renditions (no OCR)")
    parser.add_argument("--with-samples", action="store_true", help="also score the bundled samples/")
    parser.add_argument("--keep", type=Path, help="write the dataset here and keep it")
    parser.add_argument("--only", nargs="*", help="file names to run (default: all)")
    parser.add_argument("--folder", type=Path, default=RENDITIONS,
                        help="renditions of the two reports to score (default: samples/renditions/)")
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*.pdf"))
    if args.no_scans:
        files = [f for f in files if "-scan" not in f.stem]
    if args.with_samples:
        files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".txt")) + files
    if args.only:
        files = [f for f in files if f.name in args.only or f.stem in args.only]
    out = args.keep or Path(tempfile.mkdtemp(prefix="camerale-renditions-"))
    try:
        status, code, seconds = ingest(files, out)
        print(f"`camerale ingest` of {len(files)} files: exit status {code}, {seconds:.0f} s")
        print(matrices(out, [f.name for f in files], status))
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
