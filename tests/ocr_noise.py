"""OCR-like damage for robustness tests: confuse characters inside codes and numbers.

``damage_text(text, rate, seed)`` finds the values an OCR pass is most likely to garble
and that the dataset must get right, and replaces each of their characters, with
probability ``rate``, by a character OCR confuses it with:

===========  =============================================  ==========================
kind         what is damaged                                example
===========  =============================================  ==========================
project      project codes (digit, letter, four digits)     ``1B0101`` -> ``1BO1O1``
amount       euro amounts printed after ``€``               ``€ 5.400,00`` -> ``€ 5.4O0,00``
percent      percentages                                    ``100%`` -> ``1OO%``
===========  =============================================  ==========================

Confusion pairs (both directions where both are plausible in the position): 0/O/D, 1/I/l,
2/Z, 5/S, 6/G, 8/B.  Only well-formed values are damaged (the seed's own ``180101`` and
``ZD0101`` stay as printed), separators and layout are never touched, and the random
generator is seeded, so a (rate, seed) pair always gives the same text.

``rate`` is a per-character probability: at 5% about a quarter of the six-character codes
get at least one confusion, at 20% about three quarters.  Every change is returned as a
``Damage`` (line, kind, original, damaged) so a test can tell damaged values from clean ones.

Run it by hand to see what it does::

    python tests/ocr_noise.py 0.2 7 < samples/lucca-pira-consuntivo-2019.txt | diff samples/lucca-pira-consuntivo-2019.txt -
"""
from __future__ import annotations

import random
import re
import sys
from collections.abc import Collection
from dataclasses import dataclass

CONFUSIONS: dict[str, str] = {
    "0": "OD", "1": "Il", "2": "Z", "5": "S", "6": "G", "8": "B",
    "O": "0", "D": "0", "I": "1", "Z": "2", "S": "5", "G": "6", "B": "8",
}

KINDS: dict[str, re.Pattern[str]] = {
    "project": re.compile(r"(?<![0-9A-Za-z])[0-9][A-Z][0-9]{4}(?![0-9A-Za-z])"),
    "amount": re.compile(r"(?<=€ )\d{1,3}(?:\.\d{3})*,\d{2}(?!\d)"),
    "percent": re.compile(r"(?<![\w,.])-?\d+(?:,\d+)?(?=%)"),
}


@dataclass(frozen=True)
class Damage:
    line: int        # 1-based line of the text
    kind: str        # a key of KINDS
    original: str
    damaged: str


def damage_value(value: str, rate: float, rng: random.Random) -> str:
    """``value`` with each confusable character replaced with probability ``rate``."""
    out = []
    for ch in value:
        if ch in CONFUSIONS and rng.random() < rate:
            out.append(rng.choice(CONFUSIONS[ch]))
        else:
            out.append(ch)
    return "".join(out)


def damage_text(text: str, rate: float, seed: int,
                kinds: Collection[str] = ("project", "amount")) -> tuple[str, list[Damage]]:
    """The text with OCR confusions injected into the values of ``kinds``, and the list of changes."""
    rng = random.Random(seed)
    damages: list[Damage] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for kind in kinds:
            def replace(m: re.Match[str], kind: str = kind, number: int = number) -> str:
                damaged = damage_value(m.group(0), rate, rng)
                if damaged != m.group(0):
                    damages.append(Damage(number, kind, m.group(0), damaged))
                return damaged
            line = KINDS[kind].sub(replace, line)
        lines[number - 1] = line
    return "\n".join(lines), damages


if __name__ == "__main__":
    rate_arg = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    seed_arg = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    damaged_text, changes = damage_text(sys.stdin.read(), rate_arg, seed_arg, tuple(KINDS))
    sys.stdout.write(damaged_text)
    for change in changes:
        print(f"L{change.line} {change.kind}: {change.original} -> {change.damaged}", file=sys.stderr)
