"""OCR-like damage for robustness tests: confuse characters inside codes, amounts and project groups.

``damage_text(text, rate, seed)`` finds the values an OCR pass is most likely to garble
and that the dataset must get right, and replaces each of their damageable characters, with
probability ``rate``, by a character OCR confuses it with:

===========  ==============================================  ==============================
kind         what is damaged                                 example
===========  ==============================================  ==============================
project      project codes (digit, letter, four digits)      ``3C0104`` -> ``3(0I04``
amount       euro amounts printed after ``€``: digits and    ``€ 319.808,00`` -> ``€ 319,808,00``
             separators
figure       a table cell that is a bare amount (Relazione   ``26.500,00`` -> ``2Z.500,00``
             budget), by ``damage_cells`` on a ``Layout``
bracket      the bracket opening a ``(PROGETTO ...)`` group  ``(PROGETTO`` -> ``CPROGETTO``
percent      percentages                                     ``100%`` -> ``1OO%``
===========  ==============================================  ==============================

The confusions are the look-alike pairs Tesseract was measured to confuse (``normalize/lookalikes.py``),
in the direction a printed character is misread, each pair used both ways:

- a digit read as a letter (letters in digit positions): 0->O D, 1->I l, 2->Z, 4->A, 5->S, 6->G E,
  7->T Z, 8->B.  ``Z`` (from 2 or 7) and ``E`` (from 6; read 3, 4, 5 or 6) have several readings, so a
  fair reader must leave them raw unless evidence decides.  Tesseract itself was never seen to read a
  printed digit as Z, E, G or T (``bench/ocr_confusions.py``): those are the issue's stress model;
- the letter of a project code read as a digit or a bracket: A->4, B->8, C->0 (, D->0, E->6 5
  (E->5 measured by ``bench/ocr_confusions.py``: 7 of 38 misread Es);
- a separator read as the other one: ``.``->``,`` and ``,``->``.``;
- the bracket before ``PROGETTO`` read as ``C``.

Only well-formed values are damaged (the seed's own ``180101`` and ``ZD0101`` stay as printed),
layout is never touched, and the random generator is seeded, so a (rate, seed) pair always gives
the same text.  ``rate`` is a per-character probability: at 5% about a quarter of the six-character
codes get at least one confusion, at 20% about three quarters.  Every change is returned as a
``Damage`` (line, kind, original, damaged) so a test can tell damaged values from clean ones.

Run it by hand to see what it does::

    python tests/ocr_noise.py 0.2 7 < samples/lucca-pira-consuntivo-2019.txt | diff samples/lucca-pira-consuntivo-2019.txt -
"""
from __future__ import annotations

import dataclasses
import random
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from camerale.model import Layout

DIGIT_CONFUSIONS: dict[str, str] = {"0": "OD", "1": "Il", "2": "Z", "4": "A", "5": "S", "6": "GE", "7": "TZ",
                                    "8": "B"}
LETTER_CONFUSIONS: dict[str, str] = {"A": "4", "B": "8", "C": "0(", "D": "0", "E": "65"}
SEPARATOR_CONFUSIONS: dict[str, str] = {".": ",", ",": "."}
BRACKET_CONFUSIONS: dict[str, str] = {"(": "C"}

KINDS: dict[str, re.Pattern[str]] = {
    "project": re.compile(r"(?<![0-9A-Za-z])[0-9][A-Z][0-9]{4}(?![0-9A-Za-z])"),
    "amount": re.compile(r"(?<=€ )\d{1,3}(?:\.\d{3})*,\d{2}(?!\d)"),
    # A bare amount filling a table cell, as the Relazione prints its budget ('26.500,00').
    "figure": re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$"),
    "bracket": re.compile(r"\((?=PROGETT)"),
    "percent": re.compile(r"(?<![\w,.])-?\d+(?:,\d+)?(?=%)"),
}
# What each position of a value may turn into: per kind, a confusion table per position
# (None: the same table for every position).
_POSITIONS: dict[str, list[Mapping[str, str]] | Mapping[str, str]] = {
    "project": [DIGIT_CONFUSIONS, LETTER_CONFUSIONS, *[DIGIT_CONFUSIONS] * 4],
    "amount": {**DIGIT_CONFUSIONS, **SEPARATOR_CONFUSIONS},
    "figure": {**DIGIT_CONFUSIONS, **SEPARATOR_CONFUSIONS},
    "bracket": BRACKET_CONFUSIONS,
    "percent": DIGIT_CONFUSIONS,
}
DEFAULT_KINDS = ("project", "amount", "bracket")


@dataclass(frozen=True)
class Damage:
    line: int        # 1-based line of the text
    kind: str        # a key of KINDS
    original: str
    damaged: str


def damage_value(value: str, rate: float, rng: random.Random, kind: str = "amount") -> str:
    """``value`` with each confusable character replaced with probability ``rate``."""
    tables = _POSITIONS[kind]
    out = []
    for i, ch in enumerate(value):
        table = tables[i] if isinstance(tables, list) else tables
        if ch in table and rng.random() < rate:
            out.append(rng.choice(table[ch]))
        else:
            out.append(ch)
    return "".join(out)


def damage_text(text: str, rate: float, seed: int,
                kinds: Collection[str] = DEFAULT_KINDS) -> tuple[str, list[Damage]]:
    """The text with OCR confusions injected into the values of ``kinds``, and the list of changes."""
    rng = random.Random(seed)
    damages: list[Damage] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for kind in kinds:
            def replace(m: re.Match[str], kind: str = kind, number: int = number) -> str:
                damaged = damage_value(m.group(0), rate, rng, kind)
                if damaged != m.group(0):
                    damages.append(Damage(number, kind, m.group(0), damaged))
                return damaged
            line = KINDS[kind].sub(replace, line)
        lines[number - 1] = line
    return "\n".join(lines), damages


def damage_cells(layout: Layout, rate: float, seed: int, kind: str = "figure") -> tuple[Layout, list[Damage]]:
    """A copy of an extracted ``layout`` whose table cells holding a value of ``kind`` are damaged,
    as OCR damages a cell of a scanned table; ``Damage.line`` is the index of the row."""
    rng = random.Random(seed)
    damages: list[Damage] = []
    rows = []
    for number, row in enumerate(layout.rows):
        cells = []
        for cell in row.cells:
            if cell is not None and KINDS[kind].fullmatch(text := cell.text.strip()):
                damaged = damage_value(text, rate, rng, kind)
                if damaged != text:
                    damages.append(Damage(number, kind, text, damaged))
                    cell = dataclasses.replace(cell, text=damaged)
            cells.append(cell)
        rows.append(dataclasses.replace(row, cells=cells))
    return dataclasses.replace(layout, rows=rows), damages


if __name__ == "__main__":
    rate_arg = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    seed_arg = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    damaged_text, changes = damage_text(sys.stdin.read(), rate_arg, seed_arg, tuple(KINDS))
    sys.stdout.write(damaged_text)
    for change in changes:
        print(f"L{change.line} {change.kind}: {change.original} -> {change.damaged}", file=sys.stderr)
