"""Helpers of the archive-scale tests: hostile files built in a few lines, CLI runs, snapshots.

Every document here is made by code from the bundled samples or written by hand, so
anyone can re-create it.
"""
from __future__ import annotations

import ctypes
import os
import random
import subprocess
import sys
from pathlib import Path

from camerale.store import dataset
from fixtures import PIRA_TEXT, RELAZIONE_TEXT


# Chambers of the copies.  Each copy is the only document of its chamber: the project codes
# of a chamber's earlier documents feed the reading of its later ones (issue 11 makes that
# order-free), and these tests compare runs whose documents are read in different orders.
CHAMBERS = ("Pisa", "Siena", "Arezzo", "Livorno", "Prato", "Pistoia", "Grosseto", "Carrara")


def text_variants(folder: Path, copies: int) -> list[Path]:
    """Copies of the two text samples, each renamed to a chamber of its own: distinct documents."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(copies):
        for j, sample in enumerate((PIRA_TEXT, RELAZIONE_TEXT)):
            chamber = CHAMBERS[2 * i + j].encode()
            target = folder / f"{sample.stem}-{i}.txt"
            target.write_bytes(sample.read_bytes().replace(b"Lucca", chamber))
            made.append(target)
    return made


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 0 obj is the catalog) with a correct xref table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def self_referencing_pdf() -> bytes:
    """One page whose /Resources is an object that refers to itself: pdfminer resolves it forever."""
    content = b"BT /F1 12 Tf (x) Tj ET"
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources 4 0 R /Contents 5 0 R >>",
        b"4 0 R",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])


def page_bomb(pages: int) -> bytes:
    """A small PDF of many blank pages (each would go to OCR)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages)).encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    return minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                        *[page] * pages])


def byte_flipped(source: Path, seed: int, flips: int = 20) -> bytes:
    """``source`` with ``flips`` random bytes overwritten (a damaged download or disk)."""
    rng = random.Random(seed)
    data = bytearray(source.read_bytes())
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The real command in a process of its own."""
    return subprocess.run([sys.executable, "-m", "camerale.cli", *args], capture_output=True, text=True,
                          timeout=kwargs.pop("timeout", 180), **kwargs)


def cli_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "camerale.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def snapshot(out: Path) -> dict[str, list[str]]:
    """Every table's rows, order-free, without the time of ingest: what two runs must agree on."""
    tables = {}
    for table in (*dataset.PER_DOCUMENT_TABLES, dataset.LINKS_TABLE):
        rows = dataset.read_table(out, table).to_pylist()
        for row in rows:
            row.pop("ingested_at", None)
        tables[table] = sorted(repr(sorted(row.items())) for row in rows)
    return tables


def descendants(pid: int) -> set[int]:
    """Every living process started, directly or not, by ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def unprivileged() -> dict:
    """subprocess arguments under which file permissions hold even for root.

    Root passes permission checks through its capabilities (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH, CAP_FOWNER); dropping them from the run's bounding set makes
    it a root that read-only folders and unreadable files stop.  {} when not root.
    """
    if os.geteuid() != 0:
        return {}

    def drop_capabilities() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2, 3):  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop capabilities")

    return {"preexec_fn": drop_capabilities}
