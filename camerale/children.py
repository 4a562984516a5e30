"""Child processes that never outlive their parent.

A run killed with ``kill -9`` cannot clean up after itself, so every process camerale
starts (document workers, page-reader and OCR pools) arranges its own death instead:

- ``die_with_parent`` asks Linux to send SIGKILL when the parent thread that started
  the process ends (``prctl(PR_SET_PDEATHSIG)``), so a pool started from a worker's
  main thread dies the instant that worker does;
- ``watch_parent`` covers what PR_SET_PDEATHSIG cannot: a parent whose starting
  thread may end before the process (a Dask worker's executor thread), or a kernel
  without prctl.  It notices the parent is gone (we were re-parented) and kills this
  process and its whole process group.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.2


def die_with_parent() -> None:
    """SIGKILL this process when the thread that started it ends (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def watch_parent(parent_pid: int, *, whole_group: bool) -> None:
    """Die as soon as ``parent_pid`` is no longer our parent.

    ``whole_group`` kills this process's group too (its pools and Tesseract runs):
    only for a process started as the leader of a group of its own.
    """
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_WATCH_SECONDS)
        if whole_group:
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
