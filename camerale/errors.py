"""What can go wrong, and what the ``camerale`` command exits with.

Two kinds of fault, one exception tree:

- ``IngestError``: one document cannot be ingested.  It is reported as one line,
  ``camerale: PATH: reason``, and the batch goes on (exit ``SOME_FAILED``).
- ``DatasetError``: the dataset itself cannot be worked on (the output folder is a
  file or read-only, another run holds the lock, the Dask scheduler does not answer).
  Nothing can go on: one line, exit ``DATASET_ERROR``.

Each exception carries its exit code, so the command line never maps messages to codes.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable

# A reason is cut to this many characters: library messages can run to hundreds.
MAX_REASON = 200


class ExitCode(enum.IntEnum):
    """Exit status of ``camerale ingest``; the worst outcome of the batch wins."""

    OK = 0
    SOME_FAILED = 1      # at least one document failed; the others are in the dataset
    DATASET_ERROR = 2    # dataset-level fault: lock held, output not writable, scheduler unreachable
    SOME_PARTIAL = 3     # no failure, but at least one document was read only in part
    INTERRUPTED = 130    # Ctrl-C or SIGTERM: the documents written so far are kept


class CameraleError(Exception):
    """Base of every error camerale reports to a person; ``str()`` is the one-line reason."""

    exit_code: ExitCode = ExitCode.SOME_FAILED


class IngestError(CameraleError):
    """A document that cannot be ingested; the batch goes on without it."""


class UnsupportedInput(IngestError):
    """The file is not something camerale reads (empty, wrong type, encrypted, corrupt)."""


class UnknownDocument(IngestError):
    """The file reads fine but is not a report camerale knows how to parse."""


class LimitExceeded(IngestError):
    """The document passed a limit of time, pages, memory or archive size."""


class DatasetError(CameraleError):
    """The dataset cannot be worked on or read as a whole (missing, not a dataset, corrupt or
    wrongly typed Parquet, a doc_id that is not a sha256, locked, not writable); the whole
    command stops.  ``str()`` is the one-line reason, starting with the path it is about."""

    exit_code = ExitCode.DATASET_ERROR


class DatasetLocked(DatasetError):
    """Another run is writing into the same dataset."""


class OutputNotWritable(DatasetError):
    """The output folder cannot be created or written (a file, read-only, full disk)."""


class SchedulerUnreachable(DatasetError):
    """The Dask scheduler given with ``--scheduler`` did not answer in time."""


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """``text`` fit for one line of output: control characters escaped, cut to ``limit``.

    A file name may hold a newline or an escape sequence; printed raw it would break
    the one-line-per-fault contract (or the terminal).
    """
    escaped = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                      for ch in text)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def fault_line(path: str, reason: str) -> str:
    """The line printed for a fault: ``camerale: PATH: reason``."""
    return f"camerale: {one_line(path, 1000)}: {one_line(reason)}"


def worst(codes: Iterable[ExitCode]) -> ExitCode:
    """The exit code of a batch: a failure outweighs a partial document, which outweighs ok."""
    rank = [ExitCode.OK, ExitCode.SOME_PARTIAL, ExitCode.SOME_FAILED, ExitCode.DATASET_ERROR]
    return max(codes, key=rank.index, default=ExitCode.OK)
