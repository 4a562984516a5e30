"""Size and browser load time of the diff report: born-digital PIRA against its scan.

Run:  python bench/audit_report.py                          # ingests both renditions first (OCR: minutes)
      python bench/audit_report.py --old OUT_PDF --new OUT_SCAN [--old-doc ID] [--new-doc ID] [--repeat 5]
      python bench/audit_report.py --screenshot docs/diff-report.png

Measures, for the report ``camerale diff --html`` writes:
- seconds to build it (comparison, page rendering, crops) and its size in bytes;
- in Debian's headless chromium (driven by Playwright), per load of a fresh page (median over
  ``--repeat`` loads): time to the ``load`` event; to the first change's crop on screen and decoded
  (scrolled to right after the load event); after a jump to the last change, to its crop decoded
  (crops are decoded when their row nears the screen and value rows are laid out 150 at a time:
  these times should not grow with the number of changes, only with the file's size);
- how many changes, crops and requests (the report must make none but the file itself).
A stress case: two different reports (``--old-doc`` one, ``--new-doc`` the other) make every
record an added or removed one, each with its crop.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# The first or last change's first crop has been decoded (crops are decoded as they near the screen).
_DECODED = """end => {
  const crops = Array.from(document.querySelectorAll('tr.change img.crop'));
  const crop = end === 'first' ? crops[0] : crops[crops.length - 1];
  return crop.complete && crop.naturalWidth > 0;
}"""

# The first or last change with a crop scrolled to (its printed table unfolded).
_JUMP = """end => {
  const crops = Array.from(document.querySelectorAll('tr.change img.crop'));
  const crop = end === 'first' ? crops[0] : crops[crops.length - 1];
  const folded = crop.closest('details');
  if (folded) folded.open = true;
  crop.scrollIntoView();
}"""

# Every crop of a shown row that is on screen has been decoded (before a screenshot).
_ON_SCREEN_DECODED = """() => Array.from(document.querySelectorAll('tr.change:not([hidden]) img.crop'))
  .filter(i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
  .every(i => i.complete && i.naturalWidth > 0)"""


def _ingest(path: Path, out: Path) -> None:
    from camerale.pipeline import ingest

    [outcome] = ingest([path], out)
    if outcome.status != "ok":
        sys.exit(f"bench: {path}: {outcome.reason}")


def _shrink(png: Path) -> None:
    """A palette PNG: the screenshot goes in the README, a few hundred kB would be too much."""
    from PIL import Image

    Image.open(png).convert("RGB").quantize(colors=48).save(png, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="dataset of the born-digital PIRA (ingested when omitted)")
    parser.add_argument("--new", type=Path, help="dataset of the scanned PIRA (ingested when omitted)")
    parser.add_argument("--old-doc", action="append", help="doc_id(s) of OLD to compare")
    parser.add_argument("--new-doc", action="append", help="doc_id(s) of NEW to compare")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="also save a screenshot of the report here (PNG)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from camerale.audit_html import diff_report
    from camerale.compare import compare

    work = Path(tempfile.mkdtemp(prefix="camerale-bench-report-"))
    old, new = args.old, args.new
    if old is None:
        old = work / "pdf"
        _ingest(SAMPLES / "lucca-pira-consuntivo-2019.pdf", old)
    if new is None:
        new = work / "scan"
        _ingest(SAMPLES / "lucca-pira-consuntivo-2019-scan.pdf", new)

    report = work / "report.html"
    started = time.perf_counter()
    comparison = compare(old, new, old_docs=args.old_doc, new_docs=args.new_doc)
    diff_report(comparison, report)
    build = time.perf_counter() - started
    html = report.read_text(encoding="utf-8")

    from playwright.sync_api import sync_playwright

    loads, first_crop, last_crop, requests, errors = [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for i in range(args.repeat):
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            started = time.perf_counter()
            page.goto(report.as_uri(), wait_until="load")
            loads.append(time.perf_counter() - started)
            page.evaluate(_JUMP, "first")
            page.wait_for_function(_DECODED, arg="first")
            first_crop.append(time.perf_counter() - started)
            started = time.perf_counter()
            page.evaluate(_JUMP, "last")
            page.wait_for_function(_DECODED, arg="last")
            last_crop.append(time.perf_counter() - started)
            if i == 0 and args.screenshot:
                page.click('.chips[data-filter="table"] button[data-value="indicator_values"]')
                page.set_viewport_size({"width": 1280, "height": 900})
                page.evaluate("scrollTo(0, document.querySelector('#changes').getBoundingClientRect().top + scrollY"
                              " - document.querySelector('#filters').offsetHeight)")
                page.wait_for_function(_ON_SCREEN_DECODED)
                page.screenshot(path=str(args.screenshot))
                _shrink(args.screenshot)
            page.close()
        browser.close()

    others = sorted({r for r in requests if r != report.as_uri() and not r.startswith("data:")})
    print(f"report            {report}")
    n_cells = sum(c.table == "tables" for c in comparison.changes)
    print(f"changes           {len(comparison.changes)}  ({len(comparison.changes) - n_cells} report values, "
          f"{n_cells} table cells; crops: {html.count('data:image/webp')})")
    print(f"size              {len(html.encode()) / 1e6:.2f} MB")
    print(f"build             {build:.1f} s")
    print(f"load event        {statistics.median(loads):.2f} s  (median of {args.repeat}; "
          f"min {min(loads):.2f}, max {max(loads):.2f})")
    print(f"first crop        {statistics.median(first_crop):.2f} s  (on screen, decoded; from the start of loading)")
    print(f"last crop         {statistics.median(last_crop):.2f} s  (decoded, from the jump to the last change)")
    print(f"other requests    {len(others)} {others[:3]}")
    print(f"console errors    {len(errors)}")


if __name__ == "__main__":
    main()
