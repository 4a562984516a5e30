"""Speed per core: camerale's full ingest beside the field's libraries, on one core and on two, in one run.

Run:  python bench/speed.py                                   # everything, 3 interleaved rounds
      python bench/speed.py ../shared/benchmarks/icdar2013 --rounds 5 --ocr-pages 1-4
      python bench/speed.py --only camerale --only pdfplumber --sets pira relazione

Sets: the shared PIRA and Relazione PDFs (``samples/``) and ICDAR-2013 (a folder, read in
place; the path is the first argument, ``../shared/benchmarks/icdar2013`` beside the clone
by default).  Measurements on each set:

- ``camerale ingest``: the whole pipeline (read, parse, Parquet, links) into a fresh dataset;
  on two cores a document's pages go to two processes, a folder's documents to two Dask workers;
- ``camerale ingest, pdfplumber source``: the same with ``--pdf-source pdfplumber``;
- ``pdfplumber extract_tables``: every page's ``extract_tables()``, pages closed as read;
- ``camelot lattice (vector)`` and ``camelot hybrid``;
- ``pypdfium2 text``: every page's full text, the limit for anything built on a PDF parser.
On two cores the libraries' pages are split into two processes (contiguous halves of each file).
OCR, on the shared scan: camerale's OCR of the pages (render, grids, cells, rereads) beside
bare ``tesseract`` on the same pages rendered at the same dpi (rendering not counted for it).

Every run is a fresh process pinned to its cores (``sched_setaffinity``); rounds interleave
the measurements so that load from other users of the machine falls on all of them, and the
report gives medians: wall seconds, pages per second, CPU seconds per page (the process and
its children), and the peak resident memory of the largest process.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmark import page_count  # bench/benchmark.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SETS = {"pira": [ROOT / "samples" / "lucca-pira-consuntivo-2019.pdf"],
        "relazione": [ROOT / "samples" / "lucca-relazione-performance-2016.pdf"]}
SCAN = ROOT / "samples" / "lucca-pira-consuntivo-2019-scan.pdf"
DEFAULT_ICDAR = ROOT.parent / "shared" / "benchmarks" / "icdar2013"
OCR_DPI = 300


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pdf"))


def _halves(files: list[Path], cores: int) -> list[list[tuple[str, int, int]]]:
    """Work split in ``cores`` parts: (file, first page, last page), contiguous page ranges of each file."""
    units = [(str(f), 1, page_count(f)) for f in files]
    if cores == 1:
        return [units]
    parts: list[list[tuple[str, int, int]]] = [[] for _ in range(cores)]
    for path, first, last in units:
        n = last - first + 1
        if n < cores:   # a one-page file goes whole to the lighter part
            min(parts, key=lambda p: sum(b - a + 1 for _, a, b in p)).append((path, first, last))
            continue
        size = -(-n // cores)
        for k in range(cores):
            a, b = first + k * size, min(last, first + (k + 1) * size - 1)
            if a <= b:
                parts[k].append((path, a, b))
    return [p for p in parts if p]


# --- work of one process (a list of (file, first page, last page)) ---------------------------

def _pdfplumber_tables(units: list[tuple[str, int, int]]) -> int:
    import pdfplumber

    pages = 0
    for path, first, last in units:
        with pdfplumber.open(path, pages=list(range(first, last + 1))) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages


def _camelot(units: list[tuple[str, int, int]], flavor: str) -> int:
    import warnings

    import camelot

    pages = 0
    for path, first, last in units:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # "no tables found on page N"
            kwargs = {"flavor": flavor} if flavor == "hybrid" else {"flavor": "lattice", "engine": "vector"}
            try:
                camelot.read_pdf(path, pages=f"{first}-{last}", **kwargs)
            except Exception:   # camelot gives up on some ICDAR pages; the pages still cost the time
                pass
        pages += last - first + 1
    return pages


def _camelot_lattice(units: list[tuple[str, int, int]]) -> int:
    return _camelot(units, "lattice")


def _camelot_hybrid(units: list[tuple[str, int, int]]) -> int:
    return _camelot(units, "hybrid")


def _pypdfium2_text(units: list[tuple[str, int, int]]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for path, first, last in units:
        pdf = pdfium.PdfDocument(path)
        for index in range(first - 1, last):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages


def _split(work: Callable[[list[tuple[str, int, int]]], int]) -> Callable[[list[Path], int], int]:
    def run(files: list[Path], cores: int) -> int:
        parts = _halves(files, cores)
        if len(parts) == 1:
            return work(parts[0])
        with ProcessPoolExecutor(max_workers=len(parts)) as pool:
            return sum(pool.map(work, parts))
    return run


def _camerale_ingest(source: str) -> Callable[[list[Path], int], int]:
    def run(files: list[Path], cores: int) -> int:
        from camerale.extract.settings import OcrSettings, PdfSettings
        from camerale.pipeline import RunSettings, ingest

        out = Path(tempfile.mkdtemp(prefix="camerale-speed-"))
        settings = RunSettings(workers=cores if len(files) > 1 else 1, ocr_settings=OcrSettings(workers=cores),
                               pdf_settings=PdfSettings(source=source))
        try:
            outcomes = ingest(files, out, force=True, settings=settings)
        finally:
            shutil.rmtree(out, ignore_errors=True)
        failed = [f"{o.path}: {o.reason}" for o in outcomes if o.status == "failed"]
        if failed:
            raise RuntimeError("; ".join(failed[:3]))
        return sum(o.n_pages or 0 for o in outcomes)
    return run


def _page_numbers(spec: str) -> list[int]:
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _camerale_ocr(spec: str) -> Callable[[list[Path], int], int]:
    def run(files: list[Path], cores: int) -> int:
        from camerale.extract.ocr import ocr_pages
        from camerale.extract.settings import OcrSettings

        pages = _page_numbers(spec)
        return len(ocr_pages(str(files[0]), pages, OcrSettings(dpi=OCR_DPI, workers=cores)))
    return run


def _bare_tesseract(spec: str) -> Callable[[list[Path], int], int]:
    """Setup outside the clock is not possible in one call, so images are rendered to files first, then timed:
    wall time from the first Tesseract start, CPU time of the Tesseract processes only (rendering and PNG
    encoding are this script's, not Tesseract's)."""
    def run(files: list[Path], cores: int) -> int:
        images = _rendered(files[0], _page_numbers(spec))
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        running: list[subprocess.Popen] = []
        for image in images:
            if len(running) >= cores:
                running.pop(0).wait()
            running.append(subprocess.Popen(["tesseract", str(image), "stdout", "-l", "ita", "--dpi", str(OCR_DPI)],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        for process in running:
            process.wait()
        _CLOCK["seconds"] = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        _CLOCK["cpu"] = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        return len(images)
    return run


_CLOCK: dict[str, float] = {}
_IMPORTS = {"camerale ingest": ("camerale.pipeline",), "camerale OCR": ("camerale.extract.ocr",),
            "pdfplumber extract_tables": ("pdfplumber",), "camelot lattice (vector)": ("camelot",),
            "camelot hybrid": ("camelot",), "pypdfium2 text": ("pypdfium2",)}


def _rendered(path: Path, pages: list[int]) -> list[Path]:
    import pypdfium2 as pdfium
    from PIL import Image

    folder = Path(tempfile.mkdtemp(prefix="camerale-speed-ocr-"))
    pdf = pdfium.PdfDocument(path)
    out = []
    for number in pages:
        bitmap = pdf[number - 1].render(scale=OCR_DPI / 72, grayscale=True)
        image = folder / f"{number}.png"
        Image.fromarray(bitmap.to_numpy()).save(image)
        out.append(image)
    pdf.close()
    return out


def measurements(ocr_pages: str) -> dict[str, tuple[str, Callable[[list[Path], int], int]]]:
    """name -> (group, run(files, cores) -> pages)."""
    return {
        "camerale ingest": ("born-digital", _camerale_ingest("pdfium")),
        "camerale ingest, pdfplumber source": ("born-digital", _camerale_ingest("pdfplumber")),
        "pdfplumber extract_tables": ("born-digital", _split(_pdfplumber_tables)),
        "camelot lattice (vector)": ("born-digital", _split(_camelot_lattice)),
        "camelot hybrid": ("born-digital", _split(_camelot_hybrid)),
        "pypdfium2 text": ("born-digital", _split(_pypdfium2_text)),
        "camerale OCR": ("scan", _camerale_ocr(ocr_pages)),
        "bare tesseract": ("scan", _bare_tesseract(ocr_pages)),
    }


# --- running ---------------------------------------------------------------------------------

def _child(name: str, set_name: str, files: list[Path], cores: int, ocr_pages: str) -> dict[str, float]:
    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    _, run = measurements(ocr_pages)[name]
    if name.startswith("camerale ingest"):
        from camerale.ingest_process import lean_ingest_process

        lean_ingest_process()   # as the `camerale ingest` command does: this process only ingests
    for module in _IMPORTS.get(name.split(",")[0], ()):
        __import__(module)   # outside the clock: a long-running worker pays its imports once
    before, children_before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    pages = run(files, cores)
    seconds = _CLOCK.get("seconds", time.perf_counter() - started)
    if "camerale.sandbox" in sys.modules:
        # ingest reads documents in a worker process kept for the next batch: end it, so that its
        # CPU time and memory count here
        sys.modules["camerale.sandbox"].close_shared()
    after, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
           + children.ru_utime + children.ru_stime - children_before.ru_utime - children_before.ru_stime)
    return {"pages": pages, "seconds": seconds, "cpu": _CLOCK.get("cpu", cpu),
            "peak_mib": max(after.ru_maxrss, children.ru_maxrss) / 1024}


def _spawn(name: str, set_name: str, files: list[Path], cores: int, ocr_pages: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", name, set_name, str(cores), "--ocr-pages", ocr_pages]
    for path in files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("icdar", nargs="?", type=Path, default=DEFAULT_ICDAR, help="the ICDAR-2013 folder")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians are reported)")
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sets", nargs="+", default=["pira", "relazione", "icdar", "scan"])
    parser.add_argument("--only", action="append", default=[], help="measurements whose name contains this")
    parser.add_argument("--ocr-pages", default="1-4", help="pages of the scan for OCR, e.g. 1-4")
    parser.add_argument("--child", nargs=3, metavar=("NAME", "SET", "CORES"), help=argparse.SUPPRESS)
    parser.add_argument("--file", action="append", type=Path, default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, set_name, cores = args.child
        print(json.dumps(_child(name, set_name, args.file, int(cores), args.ocr_pages)))
        return 0

    sets = {**SETS, "icdar": _pdfs(args.icdar) if args.icdar.is_dir() else [], "scan": [SCAN]}
    chosen = {n: g for n, (g, _) in measurements(args.ocr_pages).items()
              if not args.only or any(o.lower() in n.lower() for o in args.only)}
    plan = [(name, set_name, cores) for set_name in args.sets for name, group in chosen.items()
            if (group == "scan") == (set_name == "scan") and sets.get(set_name) for cores in args.cores]
    results: dict[tuple[str, str, int], list[dict]] = {key: [] for key in plan}
    for round_ in range(args.rounds):
        for name, set_name, cores in plan:
            results[(name, set_name, cores)].append(_spawn(name, set_name, sets[set_name], cores, args.ocr_pages))
        print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    print(report(results))
    return 0


def report(results: dict[tuple[str, str, int], list[dict]]) -> str:
    lines = ["| set | measurement | cores | pages | wall s (median) | pages/s | CPU s/page | peak MiB |",
             "|---|---|---|---|---|---|---|---|"]
    for (name, set_name, cores), runs in results.items():
        ok = [r for r in runs if "error" in r] == [] and runs
        if not ok:
            error = next((r["error"] for r in runs if "error" in r), "no run")
            lines.append(f"| {set_name} | {name} | {cores} | | failed: {error[:80]} | | | |")
            continue
        seconds = statistics.median(r["seconds"] for r in runs)
        pages = int(runs[0]["pages"])
        cpu = statistics.median(r["cpu"] for r in runs) / max(pages, 1)
        peak = max(r["peak_mib"] for r in runs)
        lines.append(f"| {set_name} | {name} | {cores} | {pages} | {seconds:.2f} | {pages / seconds:.1f} | "
                     f"{cpu:.3f} | {peak:.0f} |")
    return "\n".join(lines + _ocr_ratios(results))


def _ocr_ratios(results: dict[tuple[str, str, int], list[dict]]) -> list[str]:
    """camerale's OCR against bare Tesseract on the same pages, by the medians of CPU seconds (the
    figure that load from other users of the machine moves least) and of wall seconds, per cores."""
    out = []
    for (name, set_name, cores), runs in results.items():
        bare = results.get(("bare tesseract", set_name, cores))
        if name != "camerale OCR" or not bare or any("error" in r for r in runs + bare) or not runs:
            continue
        cpu = statistics.median(r["cpu"] for r in runs) / statistics.median(r["cpu"] for r in bare)
        wall = statistics.median(r["seconds"] for r in runs) / statistics.median(r["seconds"] for r in bare)
        out.append(f"OCR on {cores} core(s): camerale / bare tesseract = {cpu:.2f}x CPU, {wall:.2f}x wall")
    return ["", *out] if out else []


if __name__ == "__main__":
    sys.exit(main())
