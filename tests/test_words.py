"""Words and text of upright characters (extract/words.py) are pdfplumber's, exactly.

The reference is pdfplumber itself (``WordExtractor`` and ``extract_text`` with their
defaults), run on the same characters (pdfplumber's): every page of the bundled samples
and of two renditions, and boxes over them; plus small cases written by hand for each rule.
"""
from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import extract_text
from pdfplumber.utils.text import WordExtractor

from camerale.extract.page_objects import from_pdfplumber
from camerale.extract.words import cell_text, page_words_and_text
from fixtures import RELAZIONE_PDF

RENDITIONS = Path(__file__).resolve().parent.parent / "samples" / "renditions"
DOCUMENTS = [RELAZIONE_PDF, RENDITIONS / "relazione-b-reportlab-unruled.pdf",
             RENDITIONS / "relazione-a-weasyprint-landscape.pdf"]


def _pages(path: Path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            yield from_pdfplumber(page)
            page.close()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: Path(p).name)
def test_pages_and_boxes_read_as_pdfplumber_reads_them(path: Path) -> None:
    rng = random.Random(13)
    for page in _pages(path):
        wordmap = WordExtractor().extract_wordmap(page.chars)
        expected_words = [{k: w[k] for k in ("text", "x0", "x1", "top", "bottom", "upright")}
                          for w, _ in wordmap.tuples]
        words, text = page_words_and_text(page.chars)
        assert words == expected_words, page.number
        assert text == wordmap.to_textmap(presorted=True).as_string, page.number
        for _ in range(40):
            x0, top = rng.uniform(0, page.width), rng.uniform(0, page.height)
            box = (x0, top, rng.uniform(x0, page.width), rng.uniform(top, page.height))
            chars = page.centred_in("chars", *box)
            assert cell_text(chars) == extract_text(chars), (page.number, box)


def _char(text: str, x0: float, top: float, width: float = 5.0, upright: bool = True) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10, "doctop": top,
            "upright": upright, "size": 10.0, "fontname": "F"}


def _chars(text: str, x0: float, top: float) -> list[dict]:
    return [_char(ch, x0 + 5 * i, top) for i, ch in enumerate(text)]


def test_hand_cases() -> None:
    # a gap of more than 3 pt ends a word; a blank ends it too; a top within 3 pt is the same line,
    # and lines chain: 100, 102.5, 105 are one line although 100 and 105 are 5 pt apart
    chars = [*_chars("Oneri", 10, 100), *_chars("correnti", 40, 102.5), *_chars("2019", 90, 105),
             _char(" ", 110, 105), *_chars("ok", 115, 105), *_chars("€ 1.000,00", 10, 130)]
    assert cell_text(chars) == "Oneri correnti 2019 ok\n€ 1.000,00"
    words, text = page_words_and_text(chars)
    assert [w["text"] for w in words] == ["Oneri", "correnti", "2019", "ok", "€", "1.000,00"]
    assert text == "Oneri correnti 2019 ok\n€ 1.000,00"
    # a ligature glyph is its letters; characters are read left to right whatever their order
    assert cell_text([_char("ﬁ", 10, 0), *_chars("ne", 15, 0), *_chars("x", 0, 0)]) == "x fine"
    assert cell_text([_char(" ", 0, 0)]) == "" and page_words_and_text([]) == ([], "")


def test_text_that_is_not_upright_is_pdfplumber_s() -> None:
    chars = [_char(ch, 10, 100 + 6 * i, upright=False) for i, ch in enumerate("Totale")]
    chars += _chars("2019", 40, 100)
    assert cell_text(chars) == extract_text(chars)
    wordmap = WordExtractor().extract_wordmap(chars)
    assert page_words_and_text(chars)[1] == wordmap.to_textmap(presorted=True).as_string
