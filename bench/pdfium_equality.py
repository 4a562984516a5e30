"""Does the pdfium source give every page exactly what the pdfplumber source gives?

Run:  python bench/pdfium_equality.py                     # the samples and ICDAR-2013
      python bench/pdfium_equality.py some.pdf folder/ --verbose

For each page of each PDF, both sources (``extract/pdfium_objects.py`` and pdfplumber)
build the ``PageObjects`` the table reader consumes, and this compares what reaches the
dataset: the words (text, and boxes within ``TOLERANCE`` points), the ruling segments and
fills, every row the table reader gives (cell texts exactly, boxes within ``TOLERANCE``)
and the page's plain text (``PageObjects.text``, read from the words: not pdfplumber's
``extract_text``, which runs together lines printed over each other that ``words.py``
parts).  Pages that the pdfium source hands back to pdfplumber
(``NotMirrored``) are counted with their reason: they are read by pdfplumber, so they are
equal by construction.  Exit status 1 when any page differs.

Characters themselves are not compared one to one: pdfium keeps one space of a run of
spaces and drops spaces it puts nowhere, which changes no word (a space only ends a word).
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from camerale.extract.page_objects import PageObjects, from_pdfplumber  # noqa: E402
from camerale.extract.pdfium_objects import NotMirrored, PdfiumSource  # noqa: E402
from camerale.extract.table_reader import read_tables  # noqa: E402

DEFAULT_PATHS = [ROOT / "samples", ROOT.parent / "shared" / "benchmarks" / "icdar2013"]
# Points: pdfium keeps coordinates as 32-bit floats, pdfminer as 64-bit.
TOLERANCE = 0.01


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _boxes_near(a: dict, b: dict, keys: tuple[str, ...] = ("x0", "x1", "top", "bottom")) -> bool:
    return all(_near(a[k], b[k]) for k in keys)


def _same_shapes(a: list[dict], b: list[dict]) -> bool:
    """Same segments (or fills), in any order, coordinates within ``TOLERANCE``."""
    if len(a) != len(b):
        return False
    buckets: dict[tuple, list[dict]] = collections.defaultdict(list)
    for s in b:
        buckets[(str(s.get("orientation")), round(s["x0"]), round(s["top"]))].append(s)
    for s in a:
        orientation, x, y = str(s.get("orientation")), round(s["x0"]), round(s["top"])
        match = next((t for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                      for t in buckets.get((orientation, x + dx, y + dy), []) if _boxes_near(s, t)), None)
        if match is None:
            return False
        buckets[(orientation, round(match["x0"]), round(match["top"]))].remove(match)
    return True


def compare_page(reference: PageObjects, mirrored: PageObjects) -> str | None:
    """The first difference between the two sources' readings of a page, or None."""
    ours, theirs = [w["text"] for w in reference.words], [w["text"] for w in mirrored.words]
    if ours != theirs:
        at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        return f"words differ at word {at}: pdfminer {ours[at:at + 3]!r}, pdfium {theirs[at:at + 3]!r}"
    if not all(_boxes_near(a, b) for a, b in zip(reference.words, mirrored.words)):
        return "word boxes differ"
    if not _same_shapes(reference.segments, mirrored.segments):
        return f"segments differ ({len(reference.segments)} vs {len(mirrored.segments)})"
    if not _same_shapes(reference.fills, mirrored.fills):
        return "fills differ"
    rows_a, rows_b = read_tables(reference).rows(reference.number), read_tables(mirrored).rows(mirrored.number)
    if [r.texts for r in rows_a] != [r.texts for r in rows_b]:
        first = next(i for i, (a, b) in enumerate(zip(rows_a + [None], rows_b + [None]))
                     if a is None or b is None or a.texts != b.texts)
        return f"row {first} texts differ"
    for a, b in zip(rows_a, rows_b):
        for ca, cb in zip(a.cells, b.cells):
            if (ca is None) != (cb is None) or (ca is not None and not _boxes_near(ca.bbox.as_dict(), cb.bbox.as_dict())):
                return "cell boxes differ"
    if reference.text != mirrored.text:
        return "page text differs"
    return None


def compare_file(path: Path, verbose: bool) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    source = PdfiumSource(path.read_bytes())
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                try:
                    mirrored = source.page_objects(page.page_number - 1, page.initial_doctop)
                except NotMirrored as reason:
                    counts[f"read by pdfplumber: {reason}"] += 1
                    continue
                try:
                    difference = compare_page(from_pdfplumber(page), mirrored)
                except Exception as exc:  # the reader's own failures: the same on both sides?
                    difference = f"reading failed: {type(exc).__name__}: {exc}"
                page.close()
                counts["equal" if difference is None else "DIFFERENT"] += 1
                if difference and verbose:
                    print(f"{path.name} page {page.page_number}: {difference}")
    finally:
        source.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    parser.add_argument("--verbose", action="store_true", help="name every page that differs")
    args = parser.parse_args(argv)
    files = [f for p in args.paths for f in (sorted(p.rglob("*.pdf")) if p.is_dir() else [p])]
    total: collections.Counter = collections.Counter()
    for path in files:
        if b"%PDF-" not in path.read_bytes()[:1024]:
            continue
        counts = compare_file(path, args.verbose)
        total += counts
        print(f"{path.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), flush=True)
    print("\nall pages: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return 1 if total["DIFFERENT"] else 0


if __name__ == "__main__":
    sys.exit(main())
