"""One writer per dataset: an advisory lock on ``OUT/.lock``.

``flock`` rather than a pid file: the kernel drops the lock when its holder dies,
however it dies (kill -9 included), so a crashed run never leaves a stale lock.
The file holds the holder's pid and start time, for the message a second run prints.
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from camerale.errors import DatasetLocked

LOCK_FILE = ".lock"
_POLL_SECONDS = 0.2


def _holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 200).decode("utf-8", "replace").strip()
    return text or "another camerale run"


@contextmanager
def dataset_lock(out: Path, wait: float, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the dataset's write lock; wait up to ``wait`` seconds for another holder.

    Raises DatasetLocked (one line, exit 2) when the lock is still held after ``wait``.
    """
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if wait <= 0:
                raise DatasetLocked(f"{out}: dataset is being written by {holder}") from None
            if on_wait:
                on_wait(f"waiting up to {wait:g} s for {holder} to finish writing {out}")
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise DatasetLocked(f"{out}: dataset is still being written by {_holder(fd)} "
                                                      f"after {wait:g} s") from None
                    time.sleep(_POLL_SECONDS)
        started = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"camerale run pid {os.getpid()} started {started}".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
