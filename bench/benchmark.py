"""Pages per second and peak memory of camerale's extraction, side by side with plain libraries.

Run:  python bench/benchmark.py                       # every measurement on both born-digital samples
      python bench/benchmark.py --only camelot --repeat 5
      python bench/benchmark.py --tracemalloc          # adds the Python-heap peak (slower runs)
      python bench/benchmark.py --list

Every run happens in a fresh Python process, so one measurement's caches, imports and
memory never leak into the next: the child imports what it needs (``setup``), records
its resident-set high-water mark, then times the work and reports
- seconds (median over ``--repeat`` runs) and pages per second;
- peak RSS (``ru_maxrss``, the whole process) and the part added by the work itself;
- with ``--tracemalloc``, the peak of Python allocations in a separate run, since
  tracing slows the work down two- to three-fold.

A measurement is a named ``setup(path) -> run`` pair in ``MEASUREMENTS``: ``setup`` imports
and prepares outside the clock, ``run()`` does the work and returns the number of pages it
processed.  Add one with the ``@measurement`` decorator; ``files`` says which samples it
reads (the OCR ones read the scan), ``group`` gives it its own section of the report, and
``baseline`` names another measurement of the group to print a speed-up against (e.g.
page-parallel OCR against serial OCR).
"""
from __future__ import annotations

import argparse
import atexit
import gc
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BORN_DIGITAL = ("lucca-pira-consuntivo-2019.pdf", "lucca-relazione-performance-2016.pdf")
SCAN = ("lucca-pira-consuntivo-2019-scan.pdf",)

Run = Callable[[], int]


@dataclass(frozen=True)
class Measurement:
    name: str
    setup: Callable[[Path], Run]
    files: tuple[str, ...]
    group: str
    baseline: str | None


MEASUREMENTS: dict[str, Measurement] = {}


def measurement(name: str, *, files: tuple[str, ...] = BORN_DIGITAL, group: str = "born-digital PDF",
                baseline: str | None = None) -> Callable[[Callable[[Path], Run]], Callable[[Path], Run]]:
    def register(setup: Callable[[Path], Run]) -> Callable[[Path], Run]:
        MEASUREMENTS[name] = Measurement(name, setup, files, group, baseline)
        return setup
    return register


def page_count(path: Path) -> int:
    """Pages of a PDF, as pdfium counts them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


# --- born-digital PDF ----------------------------------------------------------------------

def _camerale_extract(workers: int) -> Callable[[Path], Run]:
    def setup(path: Path) -> Run:
        from camerale.extract.inputs import doc_id_of
        from camerale.extract.pdf import extract_pdf

        data = path.read_bytes()
        doc_id = doc_id_of(data)
        return lambda: extract_pdf(str(path), data, doc_id, workers=workers).n_pages
    return setup


measurement("camerale extract_pdf")(_camerale_extract(1))
measurement("camerale extract_pdf, pages in 2 processes", baseline="camerale extract_pdf")(_camerale_extract(2))


@measurement("camerale ingest (read, parse, Parquet)")
def _camerale_ingest(path: Path) -> Run:
    from camerale.pipeline import ingest

    out = Path(tempfile.mkdtemp(prefix="camerale-bench-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)

    def run() -> int:
        (outcome,) = ingest([path], out, force=True)
        if outcome.status != "ok":
            raise RuntimeError(f"ingest failed: {outcome.reason}")
        return outcome.n_pages
    return run


@measurement("pdfplumber extract_tables")
def _pdfplumber_tables(path: Path) -> Run:
    import pdfplumber

    def run() -> int:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
            return len(pdf.pages)
    return run


def _camelot(engine: str) -> Callable[[Path], Run]:
    def setup(path: Path) -> Run:
        import warnings

        import camelot

        pages = page_count(path)

        def run() -> int:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no tables found on page N" for prose pages
                camelot.read_pdf(str(path), pages="all", flavor="lattice", engine=engine)
            return pages
        return run
    return setup


measurement("camelot lattice, vector engine")(_camelot("vector"))
measurement("camelot lattice, default engine (combined)")(_camelot("combined"))


# --- memory on a long document ---------------------------------------------------------------
# The sample repeated LONG_COPIES times: memory that stays flat while pages are closed as they
# are read, against pdfplumber with every page left open.
LONG_COPIES = 4


def _long_copy(path: Path) -> Path:
    import pypdfium2 as pdfium

    source, long = pdfium.PdfDocument(path), pdfium.PdfDocument.new()
    for _ in range(LONG_COPIES):
        long.import_pages(source)
    handle, name = tempfile.mkstemp(prefix="camerale-bench-", suffix=".pdf")
    with open(handle, "wb") as out:
        long.save(out)
    long.close()
    source.close()
    atexit.register(Path(name).unlink, missing_ok=True)
    return Path(name)


@measurement(f"camerale extract_pdf, sample ×{LONG_COPIES}", files=BORN_DIGITAL[:1], group="long document")
def _camerale_extract_long(path: Path) -> Run:
    return _camerale_extract(_long_copy(path))


@measurement(f"pdfplumber extract_tables, sample ×{LONG_COPIES}, pages left open", files=BORN_DIGITAL[:1],
             group="long document")
def _pdfplumber_tables_open(path: Path) -> Run:
    import pdfplumber

    long = _long_copy(path)

    def run() -> int:
        with pdfplumber.open(long) as pdf:
            for page in pdf.pages:
                page.extract_tables()
            return len(pdf.pages)
    return run


# --- scanned PDF (OCR) ---------------------------------------------------------------------

def _ocr(workers: int, tesseract_threads: int | None) -> Callable[[Path], Run]:
    def setup(path: Path) -> Run:
        from camerale.extract.ocr import OcrSettings, ocr_pages

        pages = list(range(1, page_count(path) + 1))
        settings = OcrSettings(workers=workers, tesseract_threads=tesseract_threads)
        return lambda: len(ocr_pages(path.read_bytes(), pages, settings))
    return setup


measurement("ocr_pages, 1 worker", files=SCAN, group="scanned PDF (OCR)")(_ocr(1, 1))
measurement("ocr_pages, 2 workers", files=SCAN, group="scanned PDF (OCR)",
            baseline="ocr_pages, 1 worker")(_ocr(2, 1))
measurement("ocr_pages, 1 worker, Tesseract's default threading", files=SCAN, group="scanned PDF (OCR)",
            baseline="ocr_pages, 1 worker")(_ocr(1, None))
measurement("camerale extract_pdf (scan: OCR, 2 workers)", files=SCAN, group="scanned PDF (OCR)",
            baseline="ocr_pages, 1 worker")(_camerale_extract)


# --- running -------------------------------------------------------------------------------

def _child(name: str, path: Path, trace: bool) -> dict[str, float]:
    """One measurement in this (fresh) process."""
    run = MEASUREMENTS[name].setup(path)
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    pages = run()
    seconds = time.perf_counter() - started
    result = {"pages": pages, "seconds": seconds,
              "rss_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
              "rss_before_mib": rss_before / 1024}
    if trace:
        result["heap_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result


def _spawn(name: str, path: Path, trace: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", name, str(path)] + (["--tracemalloc"] if trace else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} on {path.name} failed:\n{done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Result:
    measurement: Measurement
    file: str
    pages: int
    seconds: float
    rss_peak_mib: float
    rss_added_mib: float
    heap_peak_mib: float | None

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def measure(m: Measurement, path: Path, repeat: int, trace: bool) -> Result:
    runs = [_spawn(m.name, path, trace=False) for _ in range(repeat)]
    heap = _spawn(m.name, path, trace=True)["heap_peak_mib"] if trace else None
    return Result(m, path.name, int(runs[0]["pages"]), statistics.median(r["seconds"] for r in runs),
                  max(r["rss_peak_mib"] for r in runs),
                  max(r["rss_peak_mib"] - r["rss_before_mib"] for r in runs), heap)


def report(results: list[Result], trace: bool) -> str:
    lines: list[str] = []
    by_key = {(r.measurement.name, r.file): r for r in results}
    for group in dict.fromkeys(r.measurement.group for r in results):
        members = [r for r in results if r.measurement.group == group]
        lines += [f"### {group}", ""]
        head = ["measurement", "file", "pages", "seconds", "pages/s", "s/page", "peak RSS MiB", "RSS added MiB"]
        head += ["Python heap peak MiB"] if trace else []
        head += ["speed-up"] if any(r.measurement.baseline for r in members) else []
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in members:
            cells = [r.measurement.name, r.file, str(r.pages), f"{r.seconds:.2f}", f"{r.pages_per_second:.1f}",
                     f"{r.seconds / r.pages:.3f}", f"{r.rss_peak_mib:.0f}", f"{r.rss_added_mib:.0f}"]
            if trace:
                cells.append(f"{r.heap_peak_mib:.1f}")
            if "speed-up" in head:
                base = by_key.get((r.measurement.baseline, r.file)) if r.measurement.baseline else None
                cells.append(f"{base.seconds / r.seconds:.2f}×" if base else "")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[],
                        help="run measurements whose name contains this text (repeatable)")
    parser.add_argument("--group", help="run only this group of measurements")
    parser.add_argument("--files", nargs="+", type=Path,
                        help="PDFs to measure instead of each measurement's own samples")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median seconds)")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure the Python-heap peak")
    parser.add_argument("--list", action="store_true", help="list the measurements and exit")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        name, file = args.child
        print(json.dumps(_child(name, Path(file), args.tracemalloc)))
        return
    chosen = [m for m in MEASUREMENTS.values()
              if (not args.only or any(o.lower() in m.name.lower() for o in args.only))
              and (args.group is None or m.group == args.group)]
    if args.list:
        for m in MEASUREMENTS.values():
            print(f"{m.group}: {m.name}  [{', '.join(m.files)}]")
        return
    results = []
    for m in chosen:
        for path in args.files or [SAMPLES / f for f in m.files]:
            results.append(measure(m, Path(path), args.repeat, args.tracemalloc))
            print(f"measured {m.name} on {Path(path).name}", file=sys.stderr)
    print(report(results, args.tracemalloc))


if __name__ == "__main__":
    main()
