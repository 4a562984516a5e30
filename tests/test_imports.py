"""Heavy libraries load only where they are used (issue 13).

Every process pays for what it imports: the command line on each call, every Dask worker
and page process on start.  Each check runs in a fresh interpreter, since this test
session has long imported everything.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# The OCR stack, the dataframe library and the cluster: loaded only when a page needs OCR,
# a notebook helper or `diff` runs, or a cluster is requested.
OCR_STACK = ("pytesseract", "cv2")
CLUSTER = ("dask", "distributed")
HEAVY = (*OCR_STACK, "pandas", *CLUSTER)


def _loaded_after(statement: str, modules: tuple[str, ...]) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps([m for m in {list(modules)!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_command_line_loads_no_heavy_library() -> None:
    assert _loaded_after("import camerale.cli", HEAVY) == []


def test_the_command_line_loads_no_pipeline_stage() -> None:
    # `camerale --help` and argument errors answer without pyarrow or pdfplumber
    assert _loaded_after("import camerale.cli", ("pyarrow", "pdfplumber", "camerale.pipeline")) == []


@pytest.mark.parametrize("module", ["camerale.pipeline", "camerale.document", "camerale.extract.inputs", "camerale.extract.pdf",
                                    "camerale.extract.settings"])
def test_document_stages_load_neither_ocr_nor_cluster(module: str) -> None:
    # what a Dask worker or a page process imports to read a born-digital document (pandas is not
    # checked: pyarrow loads it itself, for pyarrow.dataset and when it converts Python rows)
    assert _loaded_after(f"import {module}", (*OCR_STACK, *CLUSTER)) == []


def test_the_driver_of_an_ingest_loads_no_pdf_reader() -> None:
    # the driver lists, hashes and writes; documents are read in workers (about 0.2 s of imports saved
    # on every `camerale ingest`)
    assert _loaded_after("import camerale.pipeline", ("pdfplumber", "pdfminer", "pypdfium2")) == []


def test_a_document_worker_reads_a_report_without_pyarrow() -> None:
    # a worker hands plain rows to the driver: pyarrow (with numpy, and pandas on its first
    # conversion) would double its start time and memory
    statement = ("from camerale.document import process_document\n"
                 "from fixtures import PIRA_PDF\n"
                 "outcome, records = process_document(PIRA_PDF)\n"
                 "assert outcome.status == 'ok' and len(records['objectives']) == 17, outcome")
    assert _loaded_after(f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n{statement}",
                         ("pyarrow", "pandas", "numpy")) == []


def test_the_ingest_command_loads_no_pandas_and_gives_memory_back(tmp_path: Path) -> None:
    # the console script refuses pandas for `ingest` (pyarrow would load it to type-check rows), and
    # has Arrow allocate with the system allocator (pyarrow's mimalloc pool keeps what the driver frees)
    statement = ("import os\nos.environ.pop('ARROW_DEFAULT_MEMORY_POOL', None)\n"
                 "from camerale.cli import command\n"
                 "from fixtures import PIRA_PDF\n"
                 f"sys.argv = ['camerale', 'ingest', str(PIRA_PDF), '--out', {str(tmp_path / 'out')!r}]\n"
                 "try:\n    command()\nexcept SystemExit:\n    pass\n"
                 "import pyarrow\nassert pyarrow.default_memory_pool().backend_name == 'system'")
    assert _loaded_after(f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n{statement}", ("pandas",)) == []
    assert len(list((tmp_path / "out" / "objectives").glob("*.parquet"))) == 1


@pytest.mark.ocr
def test_a_document_worker_reads_a_scanned_page_without_pandas(tmp_path: Path) -> None:
    # pytesseract imports pandas when it is imported (about 0.5 s and 50 MiB in every worker that
    # meets a scanned page), only to ask whether it was given a DataFrame: the worker refuses it
    from PIL import Image

    from camerale.extract.settings import OcrSettings
    from camerale.sandbox import Job, Limits, Sandbox

    scan = tmp_path / "blank-scan.pdf"
    Image.new("L", (300, 400), 255).save(scan, "PDF", resolution=72)
    with Sandbox(Limits()) as sandbox:
        outcome, _ = sandbox.run(Job(str(scan), str(scan), OcrSettings(dpi=72, workers=1), page_workers=1))
        assert sandbox._process is not None
        libraries = Path(f"/proc/{sandbox._process.pid}/maps").read_text()
    assert outcome.input_kind == "ocr", outcome   # the page went to Tesseract: the OCR stack is loaded
    assert "/cv2/" in libraries and "/pandas/" not in libraries
