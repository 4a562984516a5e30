"""The Italian word list read from Tesseract's Italian data (the real tools, as installed by setup)."""
from __future__ import annotations

from pathlib import Path

import pytest

from camerale.extract import lexicon


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """``italian_words`` built anew into an empty cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon.italian_words.cache_clear()
    yield tmp_path
    lexicon.italian_words.cache_clear()


def test_italian_words_hold_the_reports_words_and_not_their_broken_parts(fresh: Path) -> None:
    words = lexicon.italian_words()
    assert words is not None
    assert all(w in words for w in ("gradimento", "conformemente", "organismo", "rilevazione", "percentuale"))
    assert not any(w in words for w in ("gradime", "conformementea", "rilevazion", "percentu"))
    # a part of a form, two forms, or a form with its line's blanks is no form
    assert not any(w in words for w in ("", "ganism", "organismo\nrilevazione", "organismo\n", " organismo"))
    # written once to the cache, whole, lower case; read from there the next time
    [cached] = (fresh / "camerale").glob("forms-ita-*.txt")
    forms = cached.read_text(encoding="utf-8").split("\n")
    assert len(forms) > 100_000 and forms[0] == forms[-1] == "" and all(f == f.lower() for f in forms)
    cached.write_text("\nparolainventata\n", encoding="utf-8")
    lexicon.italian_words.cache_clear()
    again = lexicon.italian_words()
    assert again is not None and "parolainventata" in again and "organismo" not in again
    assert {cached, *(fresh / "camerale").glob("tessdata-*.txt")} == set((fresh / "camerale").glob("*"))


def test_tesseracts_language_folders_are_asked_once_and_again_when_the_data_moved(
        fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lexicon.italian_words() is not None
    [kept] = (fresh / "camerale").glob("tessdata-*.txt")
    folders = kept.read_text(encoding="utf-8").split()
    assert any((Path(f) / "ita.traineddata").is_file() for f in folders)
    asked = []
    real_run = lexicon.subprocess.run
    monkeypatch.setattr(lexicon.subprocess, "run", lambda *a, **k: asked.append(a[0]) or real_run(*a, **k))
    lexicon.italian_words.cache_clear()
    assert lexicon.italian_words() is not None and asked == []          # the kept answer
    kept.write_text(f"{fresh / 'moved'}\n", encoding="utf-8")          # names a folder without the data
    lexicon.italian_words.cache_clear()
    assert lexicon.italian_words() is not None and [a[1] for a in asked] == ["--list-langs"]
    assert kept.read_text(encoding="utf-8").split() == folders


def test_without_tesseract_there_is_no_lexicon(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(fresh))
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    assert lexicon.italian_words() is None
