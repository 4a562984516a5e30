"""What a character printed where the grammar expects a digit, or a letter, may stand for.

One table for every grammar that reads printed values (project and objective codes in
``codes.py``, euro amounts and measures in ``numbers.py``), so that a look-alike is
either unambiguous everywhere or nowhere.

A character with a single look-alike is *forced*: the grammar of the value leaves one
reading, which the normalizer applies (with a confidence below any evidence-confirmed
reading).  A character with several look-alikes (``Z``: 2 or 7) leaves several readings;
only evidence picks one, and without evidence the printed value is kept.

Measured with Tesseract 5.3 (ita, psm 6) on code lines rendered at 10 pt and degraded like the
bundled scan (blur, JPEG q35) at 300/200/150/120 dpi: letters became digits (C D O Q->0, I L->1,
Z->2 or 7, A->4, S->5, E G->6, T->7, B->8); the scan itself printed 2C0108 as 200108, 1D7101 as
107101 and 2E0103 as 260103.  A pair of look-alikes confuses both ways, so the same pairs read a
letter printed in a digit position.

Measured again by ``bench/ocr_confusions.py`` (camerale's own OCR settings, psm 4, Liberation Sans
10 pt, 100-300 dpi, three blurs, JPEG q30; 2026-11-30, 7,900 tokens): a code letter printed ``E``
was read 6 (30 times), 5 (7) and 4 (1), never 3; ``B`` 8 (72) and 5 (1); ``Z`` 7 (77) and 2 (29);
``S`` 5 (89) and 9 (5).  So a ``5`` where a letter stands may be S, E or B and a ``4`` A or E:
several readings, never forced (before, ``250103`` would have been forced to 2S0103 though it is
2E0103 as often as OCR reads E as 5).  ``E`` in a digit position keeps 3 (the classic confusion,
unmeasured) beside the measured 4, 5 and 6.  Printed digits were almost never read as letters
(of 40,000 digits: 0->O 2, 1->I 3 B 1, 3->S 1, 4->A 1, 5->S 5, 8->B 11; never Z, E, G or T; 7 was
read as ``/`` 19 times, which is no look-alike here, so such an amount stays unread).
"""
from __future__ import annotations

# Printed where only a digit can stand -> (the digits it may be, how sure a forced reading is
# when there is one: the numbers reader logs it; codes use their own method confidences).
DIGIT_LOOKALIKES: dict[str, tuple[str, float]] = {
    "O": ("0", 0.95), "o": ("0", 0.95), "D": ("0", 0.85), "Q": ("0", 0.85), "C": ("0", 0.85), "c": ("0", 0.85),
    "I": ("1", 0.95), "l": ("1", 0.95), "i": ("1", 0.9), "|": ("1", 0.9), "!": ("1", 0.9), "L": ("1", 0.85),
    "Z": ("27", 0.0), "z": ("27", 0.0),
    "E": ("3456", 0.0),
    "A": ("4", 0.85),
    "S": ("5", 0.9), "s": ("5", 0.9),
    "G": ("6", 0.85), "b": ("6", 0.85),
    "T": ("7", 0.85),
    "B": ("8", 0.9),
    "g": ("9", 0.85), "q": ("9", 0.85),
}

# Printed where only an uppercase letter can stand -> the letters it may be.  '(' is the
# look-alike of 'C' ('3C0104' printed '3(0104').  A lowercase letter stands for its capital.
LETTER_LOOKALIKES: dict[str, str] = {
    "0": "CDOQ", "1": "IL", "|": "I", "!": "I", "l": "IL", "2": "Z", "3": "BE", "4": "AE", "5": "BES",
    "6": "EG", "7": "TZ", "8": "B", "(": "C",
}


def as_digits(ch: str) -> str:
    """The digits ``ch`` may stand for where only a digit can stand ('' if none)."""
    if ch.isdigit():
        return ch
    return DIGIT_LOOKALIKES.get(ch, ("", 0.0))[0]


def as_letters(ch: str) -> str:
    """The uppercase letters ``ch`` may stand for where only a letter can stand ('' if none)."""
    if "A" <= ch <= "Z":
        return ch
    return LETTER_LOOKALIKES.get(ch, "") or (ch.upper() if ch.isalpha() and ch.isascii() else "")
