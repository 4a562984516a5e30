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
    assert words is not None and len(words) > 100_000
    assert {"gradimento", "conformemente", "organismo", "rilevazione", "percentuale"} <= words
    assert not {"gradime", "conformementea", "rilevazion", "percentu"} & words
    # written once to the cache, whole; read from there the next time
    [cached] = (fresh / "camerale").glob("words-ita-*.txt")
    lexicon.italian_words.cache_clear()
    assert lexicon.italian_words() == words and [cached] == list((fresh / "camerale").glob("*"))


def test_without_tesseract_there_is_no_lexicon(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(fresh))
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    assert lexicon.italian_words() is None
