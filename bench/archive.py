"""Archive-scale ingest: documents and pages per second, memory per worker, re-runs, compaction.

    .venv/bin/python bench/archive.py [--documents 500] [--pdf-share 0.1] [--work DIR]

Builds an archive of copies of the bundled samples, each with different bytes (a
comment after a PDF's end; text copies renamed to one of 60 chambers, trailing blank
lines: distinct doc_ids), then measures with the real command:

- documents/s and pages/s with 1 worker and with 2 (``--workers 2``, local Dask);
- peak memory of each document worker (the sandbox process with its page pools),
  sampled from /proc while the run goes;
- a second run over the same archive with nothing changed, against the first;
- a DuckDB query over the dataset as ingested (one file per document per table)
  and after ``camerale compact``;
- plain pdfplumber ``extract_tables`` over the PDF copies, in one process, as the peer.

Not run by the tests: numbers go in the notes of issue 10.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEXTS = [SAMPLES / "lucca-pira-consuntivo-2019.txt", SAMPLES / "lucca-relazione-performance-2016.txt"]
PDFS = [SAMPLES / "lucca-pira-consuntivo-2019.pdf", SAMPLES / "lucca-relazione-performance-2016.pdf"]
CHAMBERS = 60


def build_archive(folder: Path, documents: int, pdf_share: float) -> tuple[int, int]:
    """Copies with varied bytes; returns (documents, PDF pages)."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True)
    n_pdf = round(documents * pdf_share)
    pages = 0
    for i in range(documents):
        if i < n_pdf:
            source = PDFS[i % len(PDFS)]
            data = source.read_bytes() + f"\n% copy {i}\n".encode()
            pages += len(pdfium.PdfDocument(source))
        else:
            # Text copies spread over CHAMBERS chambers, as an archive is: the dataset-level steps
            # (registry, links) compare documents within a chamber.
            source = TEXTS[i % len(TEXTS)]
            chamber = f"Camera{i % CHAMBERS:02d}".encode()
            data = source.read_bytes().replace(b"Lucca", chamber) + b"\n" * (i + 1)
        (folder / f"{i:04d}-{source.name}").write_bytes(data)
    return documents, pages


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _worker_groups() -> dict[int, int]:
    """Resident bytes of each document worker's process group (worker + its pools)."""
    groups: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pgid = int(stat[2])
        groups.setdefault(pgid, 0)
        groups[pgid] += _rss(int(entry.name))
    workers = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"camerale.sandbox" in (entry / "cmdline").read_bytes():
                    workers.add(int(entry.name))
            except OSError:
                continue
    return {pid: groups.get(pid, 0) for pid in workers}


def run_ingest(archive: Path, out: Path, workers: int) -> tuple[float, dict[int, int]]:
    """Seconds of one real `camerale ingest`, and the peak memory of each document worker."""
    peaks: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid, rss in _worker_groups().items():
                peaks[pid] = max(peaks.get(pid, 0), rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    command = [sys.executable, "-m", "camerale.cli", "ingest", str(archive), "--out", str(out), "--quiet"]
    if workers > 1:
        command += ["--workers", str(workers)]
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if result.returncode != 0:
        raise SystemExit(f"ingest failed ({result.returncode}): {result.stderr[-2000:]}")
    return seconds, peaks


def duckdb_seconds(out: Path, pattern: str, repeat: int = 5) -> float:
    import duckdb

    query = f"""
        SELECT d.chamber, d.reference_year, r.item, sum(r.amount) AS euro, count(*) AS n
        FROM read_parquet('{out}/resources/{pattern}', hive_partitioning = true) r
        JOIN read_parquet('{out}/documents/{pattern}', hive_partitioning = true) d USING (doc_id)
        WHERE r.phase = 'consuntivo' GROUP BY ALL"""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        duckdb.sql(query).fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pdfplumber_pages_per_second(archive: Path, copies: int = 6) -> float:
    import pdfplumber

    files = sorted(archive.glob("*.pdf"))[:copies]
    pages, started = 0, time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--pdf-share", type=float, default=0.1, help="share of born-digital PDFs (the rest text)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the archive and datasets")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="camerale-bench-"))
    archive = work / "archive"
    shutil.rmtree(archive, ignore_errors=True)
    n_docs, n_pages = build_archive(archive, args.documents, args.pdf_share)
    print(f"archive: {n_docs} documents ({round(n_docs * args.pdf_share)} PDFs, {n_pages} PDF pages) in {archive}")

    rows = []
    for workers in (1, 2):
        out = work / f"out-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        seconds, peaks = run_ingest(archive, out, workers)
        peak = max(peaks.values(), default=0)
        rows.append((f"camerale ingest, {workers} worker{'s' if workers > 1 else ''}", seconds,
                     n_docs / seconds, n_pages / seconds, peak))
    again, _ = run_ingest(archive, work / "out-1", 1)
    print()
    print(f"{'run':34} {'seconds':>8} {'docs/s':>8} {'PDF pages/s':>12} {'peak MiB/worker':>16}")
    for name, seconds, docs, pages, peak in rows:
        print(f"{name:34} {seconds:8.1f} {docs:8.2f} {pages:12.2f} {peak / 2 ** 20:16.0f}")
    first = rows[0][1]
    print(f"{'second run, nothing changed':34} {again:8.1f}   ({100 * again / first:.1f}% of the first run)")
    print(f"{'plain pdfplumber extract_tables':34} {'':8} {'':8} {pdfplumber_pages_per_second(archive):12.2f}"
          "   (one process, PDF pages only)")

    compacted = work / "out-compacted"
    shutil.rmtree(compacted, ignore_errors=True)
    shutil.copytree(work / "out-1", compacted)
    files_before = sum(1 for _ in (compacted).rglob("*.parquet"))
    subprocess.run([sys.executable, "-m", "camerale.cli", "compact", str(compacted)], check=True,
                   capture_output=True)
    files_after = sum(1 for _ in (compacted).rglob("*.parquet"))
    flat = duckdb_seconds(work / "out-1", "*.parquet")
    hive = duckdb_seconds(compacted, "**/*.parquet")
    print(f"\nDuckDB query (resources x documents, consuntivo by chamber/year/item), median of 5:")
    print(f"  as ingested: {files_before} files, {flat * 1000:.0f} ms")
    print(f"  compacted:   {files_after} files, {hive * 1000:.0f} ms")


if __name__ == "__main__":
    main()
