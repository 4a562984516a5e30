"""The words of Italian: the word list Tesseract's Italian data carries (about 180,000 forms).

camerale already needs Tesseract and its Italian data for scans; the same data holds the
dictionary Tesseract reads words against, and Tesseract's own tools print it
(``combine_tessdata -u`` unpacks the data, ``dawg2wordlist`` lists the words).  The list is
written once to the user's cache (``$XDG_CACHE_HOME/camerale``, keyed by the data file it
came from), lower case, one form a line, and read from there afterwards.

Used where a document's own words cannot tell a reading apart ('conformemente' / 'a' at a
cell's line end: one word broken, or two?).  Without Tesseract the lexicon is None and the
callers keep to the document's evidence.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

_LANG = "ita"
# 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):'
_TESSDATA = re.compile(r'"([^"]+)"')


class Lexicon:
    """Word forms, lower case, asked one at a time: ``word in lexicon``.

    A document asks for a handful of words (the line-end breaks its own words cannot settle), so
    the forms stay the cached file's text, one a line, and a word is searched for in it: a set of
    180,000 strings cost each document worker about 0.05 CPU s to build, for those few questions.
    """

    def __init__(self, text: str) -> None:
        self._text = text   # "\nform\nform\n...form\n"

    def __contains__(self, word: object) -> bool:
        # A form holds no blank (the list was split at blanks): a text with one is no form.
        return isinstance(word, str) and word.split() == [word] and f"\n{word}\n" in self._text


@lru_cache(maxsize=1)
def italian_words() -> Lexicon | None:
    """Italian word forms; None when Tesseract's Italian data or tools are missing."""
    data = _traineddata()
    if data is None or not (shutil.which("combine_tessdata") and shutil.which("dawg2wordlist")):
        return None
    stat = data.stat()
    key = hashlib.sha1(f"{data.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    cached = _cache_dir() / f"forms-{_LANG}-{key}.txt"
    if not cached.exists() and not _write_word_list(data, cached):
        return None
    return Lexicon(cached.read_text(encoding="utf-8"))


def _traineddata() -> Path | None:
    prefix = os.environ.get("TESSDATA_PREFIX")
    folders = [Path(prefix)] if prefix else []
    program = shutil.which("tesseract")
    if program is None:
        return _language_file(folders)
    # Tesseract's answer, kept, may name a folder the data has left since: then it is asked again.
    return (_language_file(folders + _language_folders(program, prefix or "", ask=False))
            or _language_file(folders + _language_folders(program, prefix or "", ask=True)))


def _language_file(folders: list[Path]) -> Path | None:
    return next((f / f"{_LANG}.traineddata" for f in folders if (f / f"{_LANG}.traineddata").is_file()), None)


def _language_folders(program: str, prefix: str, ask: bool) -> list[Path]:
    """The folders ``tesseract --list-langs`` names.  The answer is kept in the cache for this program
    (its path, size and time) and this TESSDATA_PREFIX, and read from there unless ``ask``: asking starts
    Tesseract, about 0.02 CPU s in every document worker that needs the lexicon."""
    stat = os.stat(program)
    key = hashlib.sha1(f"{os.path.realpath(program)}|{stat.st_size}|{stat.st_mtime_ns}|{prefix}".encode())
    kept = _cache_dir() / f"tessdata-{key.hexdigest()[:12]}.txt"
    if not ask and kept.is_file():
        return [Path(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    try:
        listing = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    folders = _TESSDATA.findall(listing.stdout + listing.stderr)
    if folders:
        _write_whole(kept, "\n".join(folders) + "\n")
    return [Path(f) for f in folders]


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "camerale"


def _write_word_list(data: Path, target: Path) -> bool:
    """Unpack ``data``'s word dictionary into ``target``, its forms lower case one a line (whole or not
    at all); False when the tools fail."""
    with tempfile.TemporaryDirectory() as work:
        parts = Path(work) / f"{_LANG}."
        words = Path(work) / "words.txt"
        try:
            subprocess.run(["combine_tessdata", "-u", str(data), str(parts)], capture_output=True, timeout=60,
                           check=True)
            subprocess.run(["dawg2wordlist", f"{parts}lstm-unicharset", f"{parts}lstm-word-dawg", str(words)],
                           capture_output=True, timeout=60, check=True)
        except (OSError, subprocess.SubprocessError):
            return False
        forms = sorted(set(words.read_text(encoding="utf-8").lower().split())) if words.is_file() else []
        if not forms:
            return False
        _write_whole(target, "\n" + "\n".join(forms) + "\n")
    return True


def _write_whole(target: Path, text: str) -> None:
    """``text`` into the cache file ``target``: other processes may write it at the same time, each
    renames a whole file into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
