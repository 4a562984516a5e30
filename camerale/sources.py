"""Where the files of a batch come from: files, folders, zip and tar archives, manifests.

- A file named on the command line is always tried; a folder is walked for report
  files (``INGESTED_SUFFIXES``) and archives.  Symbolic links are followed only when
  they stay inside the folders given: a link out of them is refused, never read.
- A zip or tar archive (by its name: ``.zip``, ``.tar``, ``.tgz``, ``.tar.gz`` ...) is
  unpacked into a private temporary folder, member by member, under limits of member
  count and expanded size; a member whose name climbs out (``../``, an absolute path)
  or is a link is refused.  A member keeps its provenance: ``ARCHIVE!MEMBER``.
- A manifest (``.csv`` with a ``path`` column, or ``.parquet`` with one) lists files
  and archives, relative to the manifest's folder when not absolute.
"""
from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from camerale.extract.inputs import INGESTED_SUFFIXES

GIB = 1024 ** 3
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MANIFEST_SUFFIXES = (".csv", ".parquet")
_COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """What one archive may unpack to; past a limit its remaining members are refused."""

    members: int = 10_000
    expanded_bytes: int = 20 * GIB


@dataclass(frozen=True)
class Source:
    """A file to ingest: where to read it, and the name it keeps in the dataset."""

    path: Path
    display: str


@dataclass
class Inputs:
    """The files of a batch, and the paths refused or passed over with their reasons."""

    sources: list[Source] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)   # (path, reason): failures
    passed: list[tuple[str, str]] = field(default_factory=list)    # (path, reason): skips


def _is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


@contextmanager
def gather(paths: Iterable[str | Path], limits: ArchiveLimits | None = None) -> Iterator[Inputs]:
    """The batch's inputs; archive members live in a private temporary folder until exit."""
    limits = limits or ArchiveLimits()
    inputs = Inputs()
    scratch = Path(tempfile.mkdtemp(prefix="camerale-archive-"))  # mode 0700: ours alone
    try:
        for raw in paths:
            _add(Path(raw), inputs, limits, scratch)
        yield inputs
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _add(path: Path, inputs: Inputs, limits: ArchiveLimits, scratch: Path) -> None:
    if path.is_dir():
        _walk(path, inputs, limits, scratch)
    elif not path.is_file():
        inputs.refused.append((str(path), "no such file or folder"))
    elif _is_archive(path):
        _unpack(path, inputs, limits, scratch)
    elif path.suffix.lower() in MANIFEST_SUFFIXES:
        _read_manifest(path, inputs, limits, scratch)
    else:
        inputs.sources.append(Source(path, str(path)))


def _walk(root: Path, inputs: Inputs, limits: ArchiveLimits, scratch: Path) -> None:
    real_root = root.resolve()

    def unreadable(exc: OSError) -> None:
        inputs.refused.append((str(exc.filename), f"cannot list folder ({exc.strerror or exc})"))

    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            child = Path(folder) / name
            if child.is_symlink():
                target = child.resolve()
                if not target.is_relative_to(real_root):
                    inputs.refused.append((str(child), f"symbolic link leads out of {root}; not followed"))
                    continue
            if _is_archive(child):
                _unpack(child, inputs, limits, scratch)
            elif child.suffix.lower() in INGESTED_SUFFIXES:
                inputs.sources.append(Source(child, str(child)))
            else:
                inputs.passed.append((str(child), f"not a report file ({child.suffix or 'no suffix'})"))


def _read_manifest(path: Path, inputs: Inputs, limits: ArchiveLimits, scratch: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path) if path.suffix.lower() == ".parquet" else pacsv.read_csv(path)
    except (OSError, pa.ArrowException) as exc:
        inputs.refused.append((str(path), f"unreadable manifest ({exc})"))
        return
    if "path" not in table.column_names:
        inputs.refused.append((str(path), "manifest has no 'path' column"))
        return
    for entry in table["path"].to_pylist():
        if entry:
            listed = Path(entry)
            _add(listed if listed.is_absolute() else path.parent / listed, inputs, limits, scratch)


# --- archives --------------------------------------------------------------------------


@dataclass
class _Member:
    name: str
    size: int
    is_file: bool
    open: object   # () -> IO[bytes]


def _members(path: Path) -> Iterator[_Member]:
    if path.name.lower().endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    # A zip symlink is a file whose external attributes say S_IFLNK.
                    link = (info.external_attr >> 16) & 0o170000 == 0o120000
                    yield _Member(info.filename, info.file_size, not link,
                                  lambda info=info: archive.open(info))
    else:
        with tarfile.open(path, "r:*") as archive:
            for info in archive:  # streamed: members are read in order, never all listed first
                if not info.isdir():
                    yield _Member(info.name, info.size, info.isfile(),
                                  lambda info=info: archive.extractfile(info))


def _unsafe(name: str) -> bool:
    member = PurePosixPath(name.replace("\\", "/"))
    return member.is_absolute() or ".." in member.parts or (len(name) > 1 and name[1] == ":")


def _unpack(path: Path, inputs: Inputs, limits: ArchiveLimits, scratch: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=scratch))
    expanded = count = 0
    try:
        for member in _members(path):
            display = f"{path}!{member.name}"
            count += 1
            if count > limits.members:
                inputs.refused.append((str(path), f"archive has more than {limits.members} members; "
                                                  "the rest is not read"))
                return
            if _unsafe(member.name):
                inputs.refused.append((display, "archive member path leads out of the archive; not unpacked"))
                continue
            if not member.is_file:
                inputs.refused.append((display, "archive member is a link; not followed"))
                continue
            suffix = PurePosixPath(member.name).suffix.lower()
            if suffix not in INGESTED_SUFFIXES:
                inputs.passed.append((display, f"not a report file ({suffix or 'no suffix'})"))
                continue
            target = folder / f"{count}{suffix}"
            written = _copy_capped(member.open(), target, limits.expanded_bytes - expanded)
            if written is None:
                inputs.refused.append((str(path), "archive expands past the limit of "
                                                  f"{limits.expanded_bytes / GIB:g} GiB; the rest is not read"))
                target.unlink(missing_ok=True)
                return
            expanded += written
            inputs.sources.append(Source(target, display))
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        inputs.refused.append((str(path), f"unreadable archive ({exc})"))


def _copy_capped(source: IO[bytes], target: Path, budget: int) -> int | None:
    """Bytes copied, or None past ``budget``: sizes declared in headers are not trusted."""
    written = 0
    with source, open(target, "wb") as sink:
        while chunk := source.read(_COPY_CHUNK):
            written += len(chunk)
            if written > budget:
                return None
            sink.write(chunk)
    return written
