"""Faults of the environment, not of a document: each is one line, never a traceback.

Dataset-level faults (output a file or read-only, a table folder read-only, a full disk,
an unreachable scheduler) stop the run with exit status 2; an unreadable file in a
folder is that file's failure (exit status 1) and the batch goes on.  Permissions do not
stop root, so these runs drop root's permission-bypassing capabilities.
"""
from __future__ import annotations

import resource
import shutil
from pathlib import Path

import pytest

from archive_helpers import cli, unprivileged
from fixtures import PIRA_TEXT, RELAZIONE_TEXT


def _only_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_output_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder")
    result = cli("ingest", str(PIRA_TEXT), "--out", str(out))
    assert result.returncode == 2
    assert _only_line(result.stderr) == f"camerale: {out}: is a file, not a folder"


def test_output_folder_not_writable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    result = cli("ingest", str(PIRA_TEXT), "--out", str(out), **unprivileged())
    assert result.returncode == 2
    assert _only_line(result.stderr) == f"camerale: {out}: cannot write into the folder (Permission denied)"


def test_table_folder_made_read_only_stops_the_run_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("ingest", str(PIRA_TEXT), "--out", str(out), **unprivileged()).returncode == 0
    (out / "objectives").chmod(0o555)
    result = cli("ingest", str(PIRA_TEXT), "--out", str(out), "--force", **unprivileged())
    assert result.returncode == 2
    line = _only_line(result.stderr)
    assert line.startswith(f"camerale: {out}/")
    assert line.endswith(": cannot write the dataset (Permission denied)")


def test_full_disk_stops_the_run_with_one_line(tmp_path: Path) -> None:
    # The file-size limit makes every large write fail as a full disk would (Python ignores SIGXFSZ).
    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = cli("ingest", str(PIRA_TEXT), "--out", str(tmp_path / "out"), preexec_fn=small_disk)
    assert result.returncode == 2
    assert _only_line(result.stderr).endswith(": cannot write the dataset (File too large)")


def test_unreadable_file_in_a_folder_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(RELAZIONE_TEXT, folder / "relazione.txt")
    secret = folder / "secret.txt"
    shutil.copy(PIRA_TEXT, secret)
    secret.chmod(0o000)
    result = cli("ingest", str(folder), "--out", str(tmp_path / "out"), **unprivileged())
    assert result.returncode == 1
    assert _only_line(result.stderr) == f"camerale: {secret}: cannot read file (Permission denied)"
    assert "1 ingested, 0 skipped, 1 failed" in result.stdout


def test_unreachable_scheduler_is_one_line_within_the_timeout(tmp_path: Path) -> None:
    result = cli("ingest", str(PIRA_TEXT), "--out", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9", "--scheduler-timeout", "2", timeout=60)
    assert result.returncode == 2
    assert _only_line(result.stderr).startswith(
        "camerale: tcp://127.0.0.1:9: Dask scheduler did not answer within 2 s")
