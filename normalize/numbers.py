"""Italian printed numbers to typed values: euro amounts, percentages, measures.

Every function takes the printed text and returns the typed value (or None) without
touching the text, so callers keep both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PLACEHOLDERS = frozenset({"---", "--", "-", "n.d.", "n.d", "nd", "n.a.", "n/a", "//"})

# Optional sign, digits with '.' thousands groups, optional ',' decimals.
_NUMBER = r"[-−–]?\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−–]?\s*\d+(?:,\d+)?|[-−–]?\s*\d+\.\d+"
_AMOUNT = re.compile(rf"^\s*(?:€|euro|eur)?\s*(?P<num>{_NUMBER})\s*(?:€|euro|eur)?\s*$", re.I)
_MEASURE = re.compile(
    rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>%|gg\.?|giorni|€|euro|n\.|ore|mesi)?\s*$", re.I)

_UNIT_ALIASES = {"gg.": "gg", "giorni": "gg", "euro": "€", "n.": "n"}


def is_placeholder(text: str | None) -> bool:
    """True for an empty cell or a printed placeholder such as ``---`` or ``n.d.``."""
    return text is None or text.strip().lower() in PLACEHOLDERS or not text.strip()


def _to_decimal(num: str) -> Decimal | None:
    num = re.sub(r"\s", "", num).replace("−", "-").replace("–", "-")
    # "99.57%" is a decimal point (some reports print it so); "5.400" is a thousands group.
    decimal_point = re.fullmatch(r"-?\d+\.\d+", num) and not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", num)
    if not decimal_point:
        num = num.replace(".", "").replace(",", ".")
    try:
        return Decimal(num)
    except InvalidOperation:
        return None


def parse_amount(text: str | None) -> Decimal | None:
    """``€ 1.781.900,00`` -> Decimal('1781900.00'); None for placeholders and non-amounts."""
    if is_placeholder(text):
        return None
    m = _AMOUNT.match(text)
    if not m:
        return None
    value = _to_decimal(m.group("num"))
    return value.quantize(Decimal("0.01")) if value is not None else None


@dataclass(frozen=True)
class Measure:
    value: float
    unit: str | None


def parse_measure(text: str | None) -> Measure | None:
    """``-3,05%`` -> Measure(-3.05, '%'); ``2,9 gg`` -> Measure(2.9, 'gg').

    Only a cell that is one number with an optional unit is a measure: free text
    that contains numbers (``Voto di gradimento ... 4,81``) gives None.
    """
    if is_placeholder(text):
        return None
    m = _MEASURE.match(text)
    if not m:
        return None
    value = _to_decimal(m.group("num"))
    if value is None:
        return None
    unit = m.group("unit")
    if unit is not None:
        unit = unit.lower()
        unit = _UNIT_ALIASES.get(unit, unit)
    return Measure(float(value), unit)
