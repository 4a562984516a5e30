"""Inputs of an archive: folders, zip and tar, manifests, encodings; nothing read from outside."""
from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from archive_helpers import byte_flipped, cli
from camerale.pipeline import ingest
from camerale.sources import ArchiveLimits, gather
from camerale.store import dataset
from fixtures import PIRA_PDF, PIRA_TEXT, RELAZIONE_PDF, RELAZIONE_TEXT


def _zip(path: Path, members: dict[str, bytes], stored: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members_are_ingested_with_their_provenance_and_a_climbing_member_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "lucca.zip", {"2019/pira.txt": PIRA_TEXT.read_bytes(),
                                            "../../evil.txt": b"Camera di Commercio di Lucca\n",
                                            "notes.xlsx": b"PK"})
    outcomes = {o.path: o for o in ingest([archive], tmp_path / "out")}
    assert outcomes[f"{archive}!2019/pira.txt"].status == "ok"
    assert (outcomes[f"{archive}!../../evil.txt"].status, outcomes[f"{archive}!../../evil.txt"].reason) == \
        ("failed", "archive member path leads out of the archive; not unpacked")
    assert outcomes[f"{archive}!notes.xlsx"].status == "skipped"
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()
    [doc] = dataset.read_table(tmp_path / "out", "documents").to_pylist()
    assert (doc["source_path"], doc["source_name"]) == (f"{archive}!2019/pira.txt", "pira.txt")


def test_tar_is_streamed_and_archive_limits_hold(tmp_path: Path) -> None:
    archive = tmp_path / "reports.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in {"a/pira.txt": PIRA_TEXT.read_bytes(), "a/rel.txt": RELAZIONE_TEXT.read_bytes()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("a/passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    with gather([archive]) as inputs:
        assert [s.display for s in inputs.sources] == [f"{archive}!a/pira.txt", f"{archive}!a/rel.txt"]
        assert inputs.refused == [(f"{archive}!a/passwd.txt", "archive member is a link; not followed")]
        assert [s.path.read_bytes() for s in inputs.sources][0] == PIRA_TEXT.read_bytes()
    with gather([archive], ArchiveLimits(members=1)) as inputs:
        assert len(inputs.sources) == 1
        assert inputs.refused == [(str(archive), "archive has more than 1 members; the rest is not read")]
    with gather([archive], ArchiveLimits(expanded_bytes=100_000)) as inputs:
        assert [reason for _, reason in inputs.refused] == [
            f"archive expands past the limit of {100_000 / 1024 ** 3:g} GiB; the rest is not read"]
    scratch = inputs.sources[0].path.parent.parent
    assert not scratch.exists()  # the private unpacking area is gone after the batch


def test_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "pira.txt").write_bytes(PIRA_TEXT.read_bytes())
    secret = tmp_path / "outside.txt"
    secret.write_bytes(RELAZIONE_TEXT.read_bytes())
    os.symlink(secret, folder / "link.txt")
    os.symlink(folder / "pira.txt", folder / "inside.txt")   # stays inside: the same document
    outcomes = {Path(o.path).name: o for o in ingest([folder], tmp_path / "out")}
    assert (outcomes["link.txt"].status, outcomes["link.txt"].reason) == \
        ("failed", f"symbolic link leads out of {folder}; not followed")
    assert {outcomes["pira.txt"].status, outcomes["inside.txt"].status} == {"ok", "skipped"}
    assert [d["chamber"] for d in dataset.read_table(tmp_path / "out", "documents").to_pylist()] == ["Lucca"]


def test_manifests_list_files_relative_to_themselves(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pira.txt").write_bytes(PIRA_TEXT.read_bytes())
    csv = tmp_path / "manifest.csv"
    csv.write_text("path,comment\ndocs/pira.txt,first\nmissing.pdf,gone\n", encoding="utf-8")
    parquet = tmp_path / "manifest.parquet"
    pq.write_table(pa.table({"path": [str(RELAZIONE_TEXT)]}), parquet)
    outcomes = {o.path: o.status for o in ingest([csv, parquet], tmp_path / "out")}
    assert outcomes == {str(tmp_path / "docs" / "pira.txt"): "ok", str(tmp_path / "missing.pdf"): "failed",
                        str(RELAZIONE_TEXT): "ok"}


def test_utf16_and_latin1_text_are_read_and_a_stored_zip_is_not_a_pdf(tmp_path: Path) -> None:
    text = PIRA_TEXT.read_text(encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes(text.replace("€", "EUR").encode("latin-1", errors="replace"))
    _zip(tmp_path / "bundle.pdf", {"report.pdf": PIRA_PDF.read_bytes()}, stored=True)
    outcomes = {Path(o.path).name: o for o in ingest(sorted(tmp_path.glob("*.*")), tmp_path / "out")}
    assert outcomes["utf16.txt"].status == "ok"
    assert outcomes["latin1.txt"].status == "ok"
    assert outcomes["bundle.pdf"].status == "failed"
    assert outcomes["bundle.pdf"].reason.startswith("unsupported file type: a ZIP archive")


def test_control_characters_in_a_name_keep_the_fault_on_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "evil\nname\x1b[31m.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    result = cli("ingest", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line == f"camerale: {tmp_path}/evil\\nname\\x1b[31m.pdf: " + line.split(".pdf: ", 1)[1]
    assert line.split(".pdf: ", 1)[1].startswith("corrupt or truncated PDF")
    assert len(line.split(".pdf: ", 1)[1]) <= 200


def test_a_number_too_large_for_its_column_costs_that_value_only(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PIRA_TEXT.read_text(encoding="utf-8").replace(
        "Nr indicatori associati 2\t", "Nr indicatori associati 99999999999\t", 1), encoding="utf-8")
    [outcome] = ingest([big], tmp_path / "out")
    # Written, not failed; 'partial' because the objective declares 99999999999 indicators and prints 2.
    assert outcome.status == "partial"
    assert "objectives.n_indicators_declared: 99999999999 is too large for the column; left empty" \
        in outcome.warnings


def test_damaged_pdfs_fail_with_a_short_reason_and_no_library_logging(tmp_path: Path) -> None:
    # Seeds 1 and 8 damage the Relazione so that pdfium opens it and pdfminer then fails.
    damaged = []
    for seed in (1, 8):
        damaged.append(tmp_path / f"flipped-{seed}.pdf")
        damaged[-1].write_bytes(byte_flipped(RELAZIONE_PDF, seed))
    result = cli("ingest", *map(str, damaged), str(PIRA_TEXT), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()   # nothing but the two fault lines: no pdfminer log
    assert [line.split(": ", 2)[1] for line in lines] == [str(path) for path in damaged]
    for line in lines:
        reason = line.split(": ", 2)[2]
        assert reason.startswith(("damaged PDF (pdfminer: ", "damaged PDF (pdfplumber: ")), reason
        assert len(reason) <= 200
