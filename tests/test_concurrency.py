"""Runs that die or overlap never lose or duplicate data: kill -9 at random moments, two writers.

The real command runs in processes of its own and is killed for real; every table of the
dataset (links included) is then compared with an uninterrupted run of the same files.
"""
from __future__ import annotations

import queue
import random
import signal
import threading
import time
from pathlib import Path

import pytest

from archive_helpers import alive, cli, cli_process, descendants, snapshot, text_variants
from camerale.pipeline import ingest
from camerale.store import catalog, dataset


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """Four text documents and the snapshot of one uninterrupted run over them."""
    root = tmp_path_factory.mktemp("kill")
    folder = root / "reports"
    text_variants(folder, 2)
    reference = root / "reference"
    outcomes = ingest([folder], reference)
    assert [o.status for o in outcomes] == ["ok"] * 4
    return folder, snapshot(reference)


def _lines(process, sink: queue.Queue) -> None:
    for line in process.stdout:
        sink.put(line)


def _kill_at_random_moments(folder: Path, out: Path, positions: int, extra: list[str], seed: int) -> None:
    """Kill the command ``positions`` times, each after a random number of finished documents
    plus a random delay (startup, reading, writing, links and catalog are all hit)."""
    rng = random.Random(seed)
    for position in range(positions):
        process = cli_process("ingest", str(folder), "--out", str(out), *extra)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_lines, args=(process, lines), daemon=True).start()
        wanted, seen = rng.randint(0, 4), 0
        deadline = time.monotonic() + 60
        while seen < wanted and process.poll() is None and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen += line.startswith(("ok ", "skip ", "FAIL "))
        time.sleep(rng.uniform(0.0, 0.5))
        family = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Every worker the run started dies with it: nothing is left behind.
        deadline = time.monotonic() + 10
        while alive(family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(family), f"position {position} (seed {seed}): processes left behind"


@pytest.mark.parametrize("workers, positions", [(1, 10), (2, 10)])
def test_kill_9_at_random_moments_then_rerun_gives_the_uninterrupted_dataset(
        archive: tuple[Path, dict], tmp_path: Path, workers: int, positions: int) -> None:
    folder, reference = archive
    out = tmp_path / "out"
    extra = ["--workers", str(workers)] if workers > 1 else []
    _kill_at_random_moments(folder, out, positions, extra, seed=workers)
    final = cli("ingest", str(folder), "--out", str(out), *extra)
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    got = snapshot(out)
    for table, rows in reference.items():
        assert got[table] == rows, table
    assert not catalog.stale_steps(out, _steps())
    assert not any((out / dataset.STAGING).rglob("*.parquet"))


def _steps():
    from camerale.pipeline import DATASET_STEPS

    return DATASET_STEPS


def test_two_concurrent_ingests_give_one_run_s_dataset(archive: tuple[Path, dict], tmp_path: Path) -> None:
    folder, reference = archive
    out = tmp_path / "out"
    first = cli_process("ingest", str(folder), "--out", str(out), "--lock-wait", "120")
    second = cli_process("ingest", str(folder), "--out", str(out), "--lock-wait", "120")
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in (first, second)]
    for code, _, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    # One wrote, the other waited for the lock and then found everything done.
    assert sorted(stdout.count("ok   ") for _, stdout, _ in results) == [0, 4]
    assert any("waiting up to 120 s" in stderr for _, _, stderr in results)
    assert snapshot(out) == reference


def test_second_writer_fails_at_once_with_one_line_when_told_not_to_wait(tmp_path: Path) -> None:
    from camerale.store.lock import dataset_lock

    out = tmp_path / "out"
    out.mkdir()
    with dataset_lock(out, wait=0):
        result = cli("ingest", str(tmp_path), "--out", str(out), "--lock-wait", "0")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"camerale: {out}: dataset is being written by camerale run pid ")


def test_links_lost_to_a_crash_are_rebuilt_by_a_run_with_nothing_to_do(
        archive: tuple[Path, dict], tmp_path: Path) -> None:
    folder, reference = archive
    out = tmp_path / "out"
    ingest([folder], out)
    # A crash after the documents but before the links: the products file is gone or old.
    (out / dataset.LINKS_TABLE / "links.parquet").unlink()
    (out / catalog.CATALOG / "products.json").unlink()
    outcomes = ingest([folder], out)
    assert {o.status for o in outcomes} == {"skipped"}
    assert snapshot(out) == reference


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_stop_the_run_keeping_what_is_written(
        archive: tuple[Path, dict], tmp_path: Path, signum: int) -> None:
    folder, reference = archive
    out = tmp_path / "out"
    process = cli_process("ingest", str(folder), "--out", str(out))
    first = process.stdout.readline()
    assert first.startswith("ok ")
    family = descendants(process.pid)
    process.send_signal(signum)
    assert process.wait(timeout=30) == 130
    [line] = process.stderr.read().splitlines()
    assert line == f"camerale: {out}: interrupted; documents written so far are kept, a re-run finishes the rest"
    deadline = time.monotonic() + 10
    while alive(family) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(family)
    assert cli("ingest", str(folder), "--out", str(out)).returncode == 0
    assert snapshot(out) == reference
