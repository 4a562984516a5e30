"""Size and browser load time of the diff report: born-digital PIRA against its scan.

Run:  python bench/audit_report.py                          # ingests both renditions first (OCR: minutes)
      python bench/audit_report.py --old OUT_PDF --new OUT_SCAN [--old-doc ID] [--repeat 5]
      python bench/audit_report.py --screenshot docs/diff-report.png

Measures, for the report ``camerale diff --html`` writes:
- seconds to build it (comparison, page rendering, crops) and its size in bytes;
- in Debian's headless chromium (driven by Playwright), per load of a fresh page: time to the
  ``load`` event and time until every crop image is decoded (median over ``--repeat`` loads);
- how many changes, crops and requests (the report must make none but the file itself).
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
    comparison = compare(old, new, old_docs=args.old_doc)
    diff_report(comparison, report)
    build = time.perf_counter() - started
    html = report.read_text(encoding="utf-8")

    from playwright.sync_api import sync_playwright

    loads, decoded, requests, errors = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for i in range(args.repeat):
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            started = time.perf_counter()
            page.goto(report.as_uri(), wait_until="load")
            loads.append(time.perf_counter() - started)
            page.wait_for_function("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
            decoded.append(time.perf_counter() - started)
            if i == 0 and args.screenshot:
                page.click('.chips[data-filter="table"] button[data-value="indicator_values"]')
                page.evaluate("document.querySelector('#filters').scrollIntoView()")
                page.screenshot(path=str(args.screenshot))
                _shrink(args.screenshot)
            page.close()
        browser.close()

    others = sorted({r for r in requests if r != report.as_uri() and not r.startswith("data:")})
    print(f"report            {report}")
    print(f"changes           {len(comparison.changes)}  (crops: {html.count('data:image/webp')})")
    print(f"size              {len(html.encode()) / 1e6:.2f} MB")
    print(f"build             {build:.1f} s")
    print(f"load event        {statistics.median(loads):.2f} s  (median of {args.repeat}; "
          f"min {min(loads):.2f}, max {max(loads):.2f})")
    print(f"all crops decoded {statistics.median(decoded):.2f} s")
    print(f"other requests    {len(others)} {others[:3]}")
    print(f"console errors    {len(errors)}")


if __name__ == "__main__":
    main()
