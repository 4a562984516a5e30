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
letter printed in a digit position.  ``E`` stands for 6 (measured) and for 3 (the classic
confusion, unmeasured): two readings, never forced.  ``B`` was only ever read as 8.
"""
from __future__ import annotations

# Printed where only a digit can stand -> (the digits it may be, how sure a forced reading is
# when there is one: the numbers reader logs it; codes use their own method confidences).
DIGIT_LOOKALIKES: dict[str, tuple[str, float]] = {
    "O": ("0", 0.95), "o": ("0", 0.95), "D": ("0", 0.85), "Q": ("0", 0.85), "C": ("0", 0.85), "c": ("0", 0.85),
    "I": ("1", 0.95), "l": ("1", 0.95), "i": ("1", 0.9), "|": ("1", 0.9), "!": ("1", 0.9), "L": ("1", 0.85),
    "Z": ("27", 0.0), "z": ("27", 0.0),
    "E": ("36", 0.0),
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
    "0": "CDOQ", "1": "IL", "|": "I", "!": "I", "l": "IL", "2": "Z", "3": "BE", "4": "A", "5": "S",
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
