"""Progress of a long run: a bar on a terminal, plain lines in a log, nothing with --quiet."""
from __future__ import annotations

import io

from rich.console import Console

from camerale import progress as progress_module
from camerale.document import Outcome
from camerale.progress import IngestProgress


def _run(console: Console, quiet: bool = False) -> None:
    with IngestProgress(console, quiet) as progress:
        progress.plan(["a/scan.pdf", "b/report.txt", "c/other.pdf"])
        progress.start("a/scan.pdf")
        progress.finish(Outcome("a/scan.pdf", "ok", n_pages=25))     # 25 OCR'd pages
        progress.finish(Outcome("elsewhere.xlsx", "skipped"))        # never planned: not counted
        progress.start("b/report.txt")
        if progress._bar is not None:
            progress._bar.refresh()   # draw now, not at the next 1/10 s tick


def test_terminal_shows_documents_pages_rate_and_current_file() -> None:
    screen = io.StringIO()
    _run(Console(file=screen, force_terminal=True, width=160))
    shown = screen.getvalue()
    assert "1/3" in shown and "25 p" in shown and "p/s" in shown and "report.txt" in shown


def test_log_gets_plain_periodic_lines(monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 0.0)
    log = io.StringIO()
    _run(Console(file=log, force_terminal=False, width=160))
    lines = log.getvalue().splitlines()
    assert lines[-1].startswith("progress: 1/3 documents, 25 pages, ")
    assert lines[-1].endswith("reading report.txt")


def test_quiet_prints_nothing(monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 0.0)
    for terminal in (True, False):
        out = io.StringIO()
        _run(Console(file=out, force_terminal=terminal), quiet=True)
        assert out.getvalue() == "", terminal
