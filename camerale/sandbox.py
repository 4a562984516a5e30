"""Each document is read in a worker process, under limits of time, pages and memory.

A hostile file can loop forever inside pdfminer, expand to gigabytes, or crash a C
library.  None of that may stop the batch or outlive the command, so the process
that reads a document is not the one that runs the batch:

- the worker is a fresh interpreter (``python -m camerale.sandbox``), leader of a
  process group of its own that also holds its page-reader and OCR pools and the
  Tesseract runs; on a limit or a crash the whole group is killed at once;
- its address space is capped with ``setrlimit`` (the memory limit), and a document
  that passes it fails with that reason; the worker is then replaced;
- the driver waits at most the time limit for each answer, then kills the group;
- the worker dies with its parent (``camerale.children``), so a killed run leaves
  no process behind.

One worker reads one document after another (starting an interpreter per document
would cost more than most documents), and stays warm for the next batch of the same
process; it is replaced only after a kill.  Serially the driver owns one; under Dask
each Dask worker process owns one.
"""
from __future__ import annotations

import logging
import os
import pickle
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camerale.document import Outcome, Records
    from camerale.extract.settings import OcrSettings, PdfSettings

GIB = 1024 ** 3
# How long a new worker may take to import the document stages (a loaded machine is slow to start one).
STARTUP_SECONDS = 300


@dataclass(frozen=True)
class Limits:
    """What one document may take; passing any of them fails that document only."""

    seconds: float = 600.0           # wall-clock time to read, parse and tabulate it
    pages: int = 2000                # pages of a PDF
    memory: int = 2 * GIB            # address space of the worker process, in bytes


@dataclass(frozen=True)
class Job:
    """One document for a worker: the file it reads, and what the batch calls it."""

    path: str
    display: str                                     # the path shown and stored (archive member: archive!member)
    ocr_settings: OcrSettings | None
    page_workers: int
    pdf_settings: PdfSettings | None = None


def _human_bytes(n: int) -> str:
    return f"{n / GIB:g} GiB" if n >= GIB else f"{n / 1024 ** 2:g} MiB"


class Sandbox:
    """A worker process reading documents under ``limits``; replaced after a kill or crash."""

    def __init__(self, limits: Limits, verbose: bool = False) -> None:
        self.limits, self.verbose = limits, verbose
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._stderr: IO[bytes] | None = None   # the worker's stderr, read back when it dies

    def _start(self) -> bool:
        """Start a worker; False when it is not ready in time (it is then killed)."""
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "camerale.sandbox", str(theirs.fileno()), str(os.getpid()),
                   "1" if threading.current_thread() is threading.main_thread() else "0"]
        self._stderr = None if self.verbose else tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            command, pass_fds=[theirs.fileno()], start_new_session=True, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._stderr, env=_worker_environment())
        theirs.close()
        self._conn = Connection(ours.detach())
        self._conn.send((self.limits, self.verbose))
        # The time limit is the document's: wait for the worker's imports before the clock starts.
        try:
            if self._conn.poll(STARTUP_SECONDS):
                return self._conn.recv() == "ready"
        except (EOFError, OSError):
            pass
        self.close()
        return False

    def run(self, job: Job) -> tuple[Outcome, Records]:
        """The document's outcome and records; a limit or crash is a failed outcome, never an exception."""
        return self.send(job) or self.receive(job)

    def send(self, job: Job) -> tuple[Outcome, Records] | None:
        """Hand ``job`` to the worker (started if needed); a failed outcome when no worker starts.

        The worker reads while the caller does something else (writes the document before);
        ``receive`` waits for the answer.
        """
        from camerale.document import Outcome

        not_ready = (Outcome(job.display, "failed", f"document worker did not start within {STARTUP_SECONDS} s"),
                     {})
        if (self._process is None or self._process.poll() is not None) and not self._restart():
            return not_ready
        assert self._conn is not None
        try:
            self._conn.send(job)
        except OSError:  # the worker died while idle (killed from outside): a new one
            if not self._restart():
                return not_ready
            self._conn.send(job)
        return None

    def receive(self, job: Job) -> tuple[Outcome, Records]:
        """The answer to the job last sent, waiting at most the time limit from now."""
        from camerale.document import Outcome

        assert self._conn is not None and self._process is not None
        if not self._conn.poll(self.limits.seconds):
            self.close()
            return Outcome(job.display, "failed", f"time limit exceeded ({self.limits.seconds:g} s)",
                           seconds=self.limits.seconds), {}
        try:
            outcome, records = self._conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            reason = self._death_reason(self._process.wait())
            self.close()
            return Outcome(job.display, "failed", reason), {}
        if outcome.reason == _MEMORY_ERROR:
            outcome.reason = f"memory limit exceeded ({_human_bytes(self.limits.memory)})"
            self.close()  # its heap is in no state to read the next document
        return outcome, records

    def _death_reason(self, status: int) -> str:
        if status < 0:
            name = signal.Signals(-status).name
            return (f"reading process ended by {name} (memory limit {_human_bytes(self.limits.memory)}"
                    f" or a crash in a PDF library){self._last_words()}")
        return f"reading process exited with status {status}{self._last_words()}"

    def _last_words(self) -> str:
        """': <the last line the dead worker wrote on stderr>', or '' (a C library's abort message)."""
        if self._stderr is None:
            return ""
        self._stderr.seek(max(0, self._stderr.seek(0, os.SEEK_END) - 4096))
        lines = [line.strip() for line in self._stderr.read().decode(errors="replace").splitlines()]
        last = next((line for line in reversed(lines) if line), "")
        return f": {last[:200]}" if last else ""

    def _restart(self) -> bool:
        self.close()
        return self._start()

    def close(self) -> None:
        """Kill the worker and everything it started."""
        if self._process is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._process.wait()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# One document per worker and parallelism by processes: numeric libraries (OpenBLAS under
# numpy/OpenCV) must not start a thread pool each, whose per-thread buffers can push a worker
# past its address-space limit (seen on ICDAR eu-012 after 26 documents: "OpenBLAS error:
# Memory allocation still failed", exit 1).  A user's own setting wins.
def _worker_environment() -> dict[str, str]:
    return {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **os.environ}


# Set by a worker as the reason of a document that hit the memory limit; the driver words it.
_MEMORY_ERROR = "\0memory"

# The worker of this process, kept warm between batches: serially the driver's, under Dask
# each Dask worker process's (Dask runs one task at a time there: threads_per_worker=1).
_shared: Sandbox | None = None


def shared(limits: Limits, verbose: bool) -> Sandbox:
    """This process's worker for ``limits``: started on first use, replaced when the limits change.

    It dies with this process (``camerale.children``); ``close_shared`` ends it sooner.
    """
    global _shared
    if _shared is None or _shared.limits != limits or _shared.verbose != verbose:
        close_shared()
        _shared = Sandbox(limits, verbose)
    return _shared


def close_shared() -> None:
    """Kill this process's worker (an interrupted batch must not leave a document running)."""
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None


def run_on_dask_worker(job: Job, limits: Limits, verbose: bool) -> tuple[Outcome, Records]:
    """The Dask task: the document in this Dask worker's own sandbox."""
    return shared(limits, verbose).run(job)


def quiet_libraries(verbose: bool) -> None:
    """Library logging and warnings stay off stderr unless asked for (pdfminer floods it)."""
    if verbose:
        logging.basicConfig(level=logging.WARNING)
        return
    logging.getLogger().addHandler(logging.NullHandler())  # no last-resort printing to stderr
    for name in ("pdfminer", "pdfplumber", "camelot", "PIL", "distributed"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _serve(fd: int, parent_pid: int, started_from_main_thread: bool) -> None:
    from camerale.children import die_with_parent, watch_parent
    from camerale.ingest_process import lean_ingest_process

    # A worker only reads documents: pytesseract, on the first scanned page, would import pandas
    # (about 0.5 s and 50 MiB) only to ask whether it was given a DataFrame.
    lean_ingest_process()
    if started_from_main_thread:
        die_with_parent()
    watch_parent(parent_pid, whole_group=True)
    conn = Connection(fd)
    limits, verbose = conn.recv()
    quiet_libraries(verbose)
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))

    import camerale.extract.pdf  # noqa: F401  (the PDF readers load before the time limit counts)
    from camerale.document import process_document

    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            outcome, records = process_document(job.path, job.ocr_settings,
                                                page_workers=job.page_workers, max_pages=limits.pages,
                                                display=job.display, pdf_settings=job.pdf_settings)
        except MemoryError:
            from camerale.document import Outcome

            outcome, records = Outcome(job.display, "failed", _MEMORY_ERROR), {}
        conn.send((outcome, records))


if __name__ == "__main__":
    _serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1")
