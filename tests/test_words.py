"""Words and text of upright characters (extract/words.py) are pdfplumber's, exactly.

The reference is pdfplumber itself (``WordExtractor`` and ``extract_text`` with their
defaults), run on the same characters (pdfplumber's): every page of the bundled samples
and of two renditions, and boxes over them; plus small cases written by hand for each rule.
Words may carry two marks pdfplumber does not give: where the printer set a run of text apart
without a space glyph (a table cell set close to its neighbour).
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
        # Where a run of text is set apart without a space glyph, a word says so (``cuts``, ``unspaced``).
        assert [{k: w[k] for k in expected_words[0]} for w in words] == expected_words, page.number
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
    # ... unless the chain sets two lines' letters over each other: a page in two text columns whose
    # lines are offset (left 100 and 109, right 103 and 106): lines within 3 pt of their first top,
    # 100 with 103 and 106 with 109, each left to right
    chars = [*_chars("OBBLIGHI", 10, 100), *_chars("ANTICORRUZIONE", 10, 109),
             *_chars("nelle", 300, 103), *_chars("imprese", 300, 106)]
    assert [w["text"] for w in page_words_and_text(chars)[0]] == ["OBBLIGHI", "nelle", "ANTICORRUZIONE", "imprese"]
    # a ligature glyph is its letters; characters are read left to right whatever their order
    assert cell_text([_char("ﬁ", 10, 0), *_chars("ne", 15, 0), *_chars("x", 0, 0)]) == "x fine"
    assert cell_text([_char(" ", 0, 0)]) == "" and page_words_and_text([]) == ([], "")


def test_text_that_is_not_upright_is_pdfplumber_s() -> None:
    chars = [_char(ch, 10, 100 + 6 * i, upright=False) for i, ch in enumerate("Totale")]
    chars += _chars("2019", 40, 100)
    assert cell_text(chars) == extract_text(chars)
    wordmap = WordExtractor().extract_wordmap(chars)
    assert page_words_and_text(chars)[1] == wordmap.to_textmap(presorted=True).as_string


def test_a_run_set_apart_without_a_space_glyph_is_marked() -> None:
    # Cells set 2 pt apart on a page that prints its spaces as glyphs: pdfplumber's words stay as they
    # are ('realizzazioneufficio': 2 pt is within its 3 pt tolerance), the places where the printer
    # started a new run are marked: inside a word at offset 13, and before a word 4 pt after the last.
    spaced_line = [*_chars("Fonte dei dati rilevati in sede", 0, 60)]   # its blanks are space glyphs, 5 pt wide
    chars = [*_chars("attività", 0, 0), _char(" ", 40, 0), *_chars("competente", 45, 0),
             *_chars("realizzazione", 0, 20), *_chars("ufficio", 67, 20), *_chars("dati", 106, 20), *spaced_line]
    words, text = page_words_and_text(chars)
    assert [w["text"] for w in words][:4] == ["attività", "competente", "realizzazioneufficio", "dati"]
    assert text == "attività competente\nrealizzazioneufficio dati\nFonte dei dati rilevati in sede"
    assert words[2]["cuts"] == [(13, 65.0, 67.0)] and words[3]["unspaced"] is True
    assert "cuts" not in words[0] and "unspaced" not in words[1]   # a space glyph parts them
    # A letter set apart inside a word is marked too (the table reader keeps it unless a border confirms).
    assert page_words_and_text(chars[:19] + [*_chars("ab", 0, 40), *_chars("cd", 12, 40)])[0][-1]["cuts"] \
        == [(2, 10.0, 12.0)]


def test_a_run_printed_over_the_end_of_the_one_before_is_marked() -> None:
    # A unit wider than its cell: its 'e' ends 2 pt past where the next cell's run starts, printed after
    # the other lines of its cell.  pdfplumber's word stays 'programmateattività'; the cut is where the
    # second run starts, and the left part ends there.  Two letters one after the other in the page's
    # printing order overlap by kerning, never a new run: no cut.
    spaced_line = [*_chars("Fonte dei dati rilevati in sede", 0, 60)]
    unit = _chars("programmate", 0, 0)                 # 11 letters, 5 pt each: ends at 55
    other = [*_chars("realizzazione", 0, 20)]          # another line of the cell, printed in between
    algorithm = _chars("attività", 53, 0)               # starts 2 pt inside the 'e'
    words, _ = page_words_and_text([*unit, *other, *algorithm, *spaced_line])
    assert words[0]["text"] == "programmateattività" and words[0]["cuts"] == [(11, 53.0, 53.0)]
    kerned = [*_chars("programmate", 0, 0), *_chars("attività", 53, 0), *spaced_line]
    assert "cuts" not in page_words_and_text(kerned)[0][0]
    # Three cells of a row, each word running 0.5 pt into the next one's (less than kerning could move
    # a letter, but not the next glyph printed): a cut where each run starts.
    row = [*_chars("sensibile", 0, 0), *other, *_chars("sensibile", 44.5, 0), *_chars("presso", 44.5, 10),
           *_chars("sensibile", 89, 0), *spaced_line]
    words, _ = page_words_and_text(row)
    assert words[0]["text"] == "sensibile" * 3 and words[0]["cuts"] == [(9, 44.5, 44.5), (18, 89.0, 89.0)]


def test_runs_printed_over_each_other_are_words_of_their_own() -> None:
    # 'subordinatamente' (16 letters, 5 pt each: 0-80) runs 7 pt into the next cell's, printed later:
    # sorted by x0 alone their letters interleave.  Each run's letters stay together, the second run a
    # word of its own, marked as set apart.  A word printed twice 0.5 pt apart (a bold face drawn so)
    # is left as pdfplumber reads it.
    spaced_line = [*_chars("Fonte dei dati rilevati in sede", 0, 60)]
    woven = [*_chars("subordinatamente", 0, 0), *_chars("alle", 0, 20), *_chars("subordinatamente", 73, 0),
             *spaced_line]
    words, text = page_words_and_text(woven)
    assert [w["text"] for w in words][:3] == ["subordinatamente", "subordinatamente", "alle"]
    assert words[1]["unspaced"] is True and text.startswith("subordinatamente subordinatamente\nalle")
    bold = [*_chars("Totale", 0, 0), *_chars("Totale", 0.5, 0), *spaced_line]
    expected = WordExtractor().extract_wordmap(bold)
    assert [w["text"] for w in page_words_and_text(bold)[0]] == [w["text"] for w, _ in expected.tuples]


def test_two_lines_printed_over_each_other_closer_than_the_tolerance_are_two_lines() -> None:
    # A clipped cell's last line ('calcolo', top 0) printed 2.3 pt above the next row's first line
    # ('numero', top 2.3) over the same letters: pdfplumber chains them into one line and one word,
    # their letters interleaved; they are two lines, a word each (the page's text keeps pdfplumber's
    # line: its words in one cluster of tops).  An accent set as a glyph of its own, 2 pt over its
    # letter, is no line.
    stacked = [*_chars("calcolo", 0, 0), *[{**c, "top": 2.3, "bottom": 12.3} for c in _chars("numero", 1, 0)]]
    words, text = page_words_and_text(stacked)
    assert [(w["text"], w["top"]) for w in words] == [("calcolo", 0), ("numero", 2.3)]
    assert text == "calcolo numero"
    accented = [*_chars("perche", 0, 2), _char("´", 25.5, 0, width=3.0)]
    assert [w["text"] for w in page_words_and_text(accented)[0]] == \
        [w["text"] for w, _ in WordExtractor().extract_wordmap(accented).tuples]


def test_a_page_whose_words_are_placed_without_space_glyphs_is_not_marked() -> None:
    # A typesetter that places every word by position (no space glyph on most lines): a gap is a word space.
    chars = [*_chars("One", 0, 0), *_chars("two", 19, 0), *_chars("three", 0, 20), *_chars("four", 29, 20),
             *_chars("five", 0, 40), _char(" ", 20, 40), *_chars("six", 25, 40)]
    words, _ = page_words_and_text(chars)
    assert [w["text"] for w in words] == ["One", "two", "three", "four", "five", "six"]
    assert not any("cuts" in w or "unspaced" in w for w in words)
    # A blank of no width (pdfium adds one where it guesses a word ends) is no space glyph.
    chars = [*_chars("One", 0, 0), _char(" ", 15, 0, width=0), *_chars("two", 19, 0),
             *_chars("big", 0, 20), _char(" ", 15, 20), *_chars("cat", 20, 20)]
    words, _ = page_words_and_text(chars)
    assert not any("unspaced" in w for w in words)


def test_cells_set_close_in_runs_of_their_own_do_not_make_a_page_of_placed_words() -> None:
    # A page that is mostly a table: each cell's two lines printed, then the next cell's, its words set
    # 5 pt after the cell before with no space glyph (on both lines, six such pairs), against five spaces
    # printed as glyphs.  Those words are not printed right after the word before: other runs, which say
    # nothing of how the page spaces its words.  The page prints its spaces as glyphs, so the header cell
    # 'Unità' started 1.5 pt inside the 'a' of 'Tipologia' (wider than its cell) is marked where it starts.
    spaced_line = [*_chars("Fonte dei dati rilevati in sede", 0, 100)]
    header = [*_chars("Tipologia", 0, 0), *_chars("di", 43.5, 10), *_chars("Unità", 43.5, 0)]
    rows = [ch for top in (30, 50, 70) for ch in
            [*_chars("efficacia", 0, top), *_chars("qualità", 0, top + 10),
             *_chars("numero", 50, top), *_chars("valore", 50, top + 10)]]
    words, _ = page_words_and_text([*header, *rows, *spaced_line])
    assert words[0]["text"] == "TipologiaUnità" and words[0]["cuts"] == [(9, 43.5, 43.5)]
