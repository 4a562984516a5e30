"""Bad input gets one clear line naming the file and the reason; the batch goes on."""
from __future__ import annotations

import io
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from pypdf import PdfReader, PdfWriter

from camerale.pipeline import ingest
from fixtures import PIRA_PDF, PIRA_TEXT


def _encrypted_copy(source: Path, target: Path) -> None:
    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    writer.write(target)


def _pages_without_title(source: Path, target: Path) -> None:
    """A real PDF from the sample, but only body pages: no title says what it is."""
    reader = PdfReader(source)
    writer = PdfWriter()
    for page in reader.pages[6:8]:
        writer.add_page(page)
    writer.write(target)


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    data = PIRA_PDF.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500)
    (folder / "letter.pdf").write_text("Gentile utente, questo non è un PDF.\n", encoding="utf-8")
    _encrypted_copy(PIRA_PDF, folder / "encrypted.pdf")
    _pages_without_title(PIRA_PDF, folder / "body-only.pdf")
    (folder / "minutes.txt").write_text("Verbale della riunione del 3 marzo.\nPresenti: tutti.\n", encoding="utf-8")
    buffer = io.BytesIO()
    buffer.write(b"PK\x03\x04" + b"\x00" * 100)
    (folder / "budget.txt").write_bytes(buffer.getvalue())  # a zip disguised as text
    (folder / "good.txt").write_bytes(PIRA_TEXT.read_bytes())
    return folder


# Reasons written by hand: what a person reading the one-line error needs to know.
EXPECTED_REASONS = {
    "empty.pdf": "empty file",
    "truncated.pdf": "corrupt or truncated PDF",
    "corrupt.pdf": "corrupt or truncated PDF",
    "letter.pdf": "named .pdf but is not a PDF",
    "encrypted.pdf": "encrypted PDF",
    "minutes.txt": "unknown document type",
    "budget.txt": "unsupported file type",
}


def test_each_bad_file_fails_alone_and_the_batch_goes_on(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcomes = {Path(o.path).name: o for o in ingest([bad_folder], out)}

    assert outcomes["good.txt"].status == "ok"
    # A readable PDF that is not a report is ingested for its tables, with a warning.
    other = outcomes["body-only.pdf"]
    assert other.status == "ok" and other.info.doc_type is None
    assert any("no report parser applies" in w for w in other.warnings)
    for name, reason in EXPECTED_REASONS.items():
        outcome = outcomes[name]
        assert outcome.status == "failed", name
        assert reason in outcome.reason, (name, outcome.reason)
        assert "\n" not in outcome.reason

    # Only the readable documents reached the dataset, and nothing is left staged.
    docs = ds.dataset(out / "documents", partitioning="hive").to_table().to_pylist()
    assert sorted((d["source_name"], d["doc_type"]) for d in docs) == [("body-only.pdf", None), ("good.txt", "pira")]
    body_tables = ds.dataset(out / "tables", partitioning="hive").to_table(
        filter=ds.field("doc_id") == other.doc_id).to_pylist()
    assert body_tables and {t["ruling"] for t in body_tables} == {"full"}
    assert not any((out / ".staging").rglob("*"))


def test_cli_prints_one_line_per_failure_and_exits_nonzero(bad_folder: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from camerale.cli import app

    result = CliRunner().invoke(app, ["ingest", str(bad_folder / "empty.pdf"),
                                      str(bad_folder / "good.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    failure_lines = [line for line in result.output.splitlines() if line.startswith("camerale: ")]
    assert failure_lines == [f"camerale: {bad_folder / 'empty.pdf'}: empty file"]
    assert "1 ingested, 0 skipped, 1 failed" in result.output


def test_missing_path_is_reported(tmp_path: Path) -> None:
    outcomes = ingest([tmp_path / "nowhere.pdf"], tmp_path / "out")
    assert [(o.status, o.reason) for o in outcomes] == [("failed", "no such file or folder")]
