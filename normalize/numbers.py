"""Italian printed numbers to typed values: euro amounts, percentages, measures.

Two levels, so that no correction goes unrecorded:

``parse_amount(text) -> Decimal | None`` and ``parse_measure(text) -> Measure | None``
    strict: they read a cell printed as a number (``€ 1.781.900,00``, ``-3,05%``,
    ``2,9 gg``, ``99.57%``) and give None for anything else, including OCR-damaged
    numbers.  Use them where nothing is ever repaired.
``read_amount(text, ocr_confidence=None) -> NumberReading`` and ``read_measure(...)``
    what parsers call: the same reading plus the repair of OCR damage the grammar of a
    number undoes: letters inside a number (``5.4O0,00`` -> 5400.00, ``1OO%`` -> 100.0; rule
    ``'ocr_letter_in_number'``), specks beside it (``€ 2.000,00.`` -> 2000.00; rule
    ``'ocr_stray_speck'``) and, in amounts, separators read as one another (``€ 319,808,00``
    -> 319808.00: ``d{1,3}`` groups and a final separator followed by exactly two digits leave
    one reading; rule ``'amount_grammar_separators'``).  Repairs combine with ``+``.  A letter
    with several digit look-alikes (``Z``: 2 or 7; ``normalize/lookalikes.py``) is never
    guessed: when its readings give different values the value is None and the warning
    lists them.  ``reading.rule`` names the repair and
    ``reading.confidence`` its confidence, so the parser can append
    ``reading.normalization(table, column, record_key, provenance)`` to
    ``ParsedDocument.normalizations``; ``reading.warning`` is set when a cell that is not a
    placeholder could not be read, or was OCR'd with a confidence below ``LOW_OCR_CONFIDENCE``
    (the value is then None and the printed text stays).
``is_placeholder(text)``
    empty cells, ``---`` and what OCR makes of it (``—``, ``_``, ``-—-``), ``n.d.``.

Every function takes the printed text and leaves it untouched, so callers keep both.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from camerale.normalize.audit import correction
from camerale.normalize.lookalikes import DIGIT_LOOKALIKES
from camerale.normalize.text import dash_placeholder

PLACEHOLDERS = frozenset({"---", "--", "-", "–", "—", "n.d.", "n.d", "nd", "n.a.", "n/a", "//", "n.c.", "n.c"})

# Optional sign, digits with '.' thousands groups, optional ',' decimals.
_NUMBER = r"[-−–]?\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−–]?\s*\d+(?:,\d+)?|[-−–]?\s*\d+\.\d+"
_AMOUNT = re.compile(rf"^\s*(?:€|euro|eur)?\s*(?P<num>{_NUMBER})\s*(?:€|euro|eur)?\s*$", re.I)
_UNITS = r"%|gg\.?|giorni|€|euro|n\.|ore|mesi"
_MEASURE = re.compile(rf"^\s*(?P<euro>€|euro)?\s*(?P<num>{_NUMBER})\s*(?P<unit>{_UNITS})?\s*$", re.I)
# Accounting style negatives: '(2.800,00)'.
_PARENTHESES = re.compile(r"^\s*\(\s*(?P<inner>[^()]*?)\s*\)\s*$")

_UNIT_ALIASES = {"gg.": "gg", "giorni": "gg", "euro": "€", "n.": "n"}

_NUMBER_CHARS = "0-9.," + re.escape("".join(DIGIT_LOOKALIKES))
# A cell that is one number-like token with an optional currency or unit: the only shape repaired,
# so that words ('SI', 'Lubec') are never read as numbers.
_DAMAGED_CELL = re.compile(
    rf"^(?P<pre>\s*(?:€|euro|eur)?\s*)(?P<tok>[-−–]?[{_NUMBER_CHARS}]+)(?P<post>\s*(?:€|euro|eur|{_UNITS})?\s*)$", re.I)
# The Italian amount grammar with either separator in any place: 1-3 digits, groups of three,
# a final separator followed by exactly two digits (the cents).
_ANY_SEPARATORS = re.compile(
    r"^(?P<pre>\s*(?:€|euro|eur)?\s*[-−–]?\s*)(?P<whole>\d{1,3}(?:[.,]\d{3})*)[.,](?P<cents>\d{2})"
    r"(?P<post>\s*(?:€|euro|eur)?\s*)$", re.I)
# More readings than this (several ambiguous letters in one cell) are not enumerated.
_MAX_READINGS = 16

REPAIR_RULE = "ocr_letter_in_number"
SEPARATOR_RULE = "amount_grammar_separators"
_SEPARATOR_CONFIDENCE = 0.9
# An OCR'd number read with less confidence than this is not typed.  On the bundled scan (six
# Tesseract runs) every correctly read amount or result scored >= 37, while a '---' cell read as
# '22' scored 23; Tesseract's confidence on short tokens is coarse, so the bar is kept low.
LOW_OCR_CONFIDENCE = 30.0
SPECK_RULE = "ocr_stray_speck"
_SPECK_CONFIDENCE = 0.95

# Specks OCR reads from dust or ruling lines beside a cell's number ('€ 2.000,00.', "'€ 0,00").
# '|' is left out: after a digit it may be a '1'.
_SPECKS = r"[.,:;'’‘`´\"_~·•]"
# A speck is dropped at the start only before a blank or a currency sign, and at the end only after a
# unit, a blank, or the decimals of a number: '.400,00' or '5.400.' may hide a lost digit or group.
_LEADING_SPECKS = re.compile(rf"^\s*{_SPECKS}+(?=\s|€|eur)", re.I)
_TRAILING_SPECKS = re.compile(rf"{_SPECKS}+\s*$")
_SAFE_BEFORE_TRAILING = re.compile(r"(?:[^\d.,\s]|\s|,\d+)$")


def is_placeholder(text: str | None) -> bool:
    """True for an empty cell or a printed placeholder such as ``---`` (or an OCR reading of it) or ``n.d.``."""
    return (text is None or not text.strip() or text.strip().lower() in PLACEHOLDERS
            or dash_placeholder(text) is not None)


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


def _negated(text: str) -> str | None:
    m = _PARENTHESES.match(text)
    return f"-{m.group('inner')}" if m else None


def parse_amount(text: str | None) -> Decimal | None:
    """``€ 1.781.900,00`` -> Decimal('1781900.00'); None for placeholders and non-amounts."""
    if is_placeholder(text):
        return None
    m = _AMOUNT.match(_negated(text) or text)
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
    m = _MEASURE.match(_negated(text) or text)
    if not m:
        return None
    value = _to_decimal(m.group("num"))
    if value is None:
        return None
    unit = m.group("unit") or m.group("euro")
    if unit is not None:
        unit = unit.lower()
        unit = _UNIT_ALIASES.get(unit, unit)
    return Measure(float(value), unit)


@dataclass(frozen=True)
class NumberReading:
    """A printed number read, with what (if anything) was repaired to read it."""

    text: str | None                 # as printed
    value: Decimal | float | None    # Decimal for amounts, float for measures
    unit: str | None = None
    repaired_text: str | None = None  # the text actually read, when a repair was needed
    rule: str | None = None
    confidence: float = 1.0
    warning: str | None = None
    readings: tuple[Decimal | float, ...] = ()  # the values an ambiguous text may stand for (value None)

    @property
    def changed(self) -> bool:
        return self.rule is not None

    def normalization(self, table: str, column: str, record_key: str,
                      provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The ``normalizations`` record for this repair (call it only when ``changed``)."""
        return correction(table, column, record_key, self.text,
                          None if self.value is None else str(self.value), self.rule or "", self.confidence,
                          provenance)


def _without_specks(text: str) -> str | None:
    """``text`` without OCR specks before or after its number, or None when it has none."""
    stripped = _LEADING_SPECKS.sub("", text)
    if (m := _TRAILING_SPECKS.search(stripped)) and _SAFE_BEFORE_TRAILING.search(stripped[:m.start()]):
        stripped = stripped[:m.start()]
    stripped = stripped.strip()
    return stripped if stripped and stripped != text.strip() else None


def _letter_readings(text: str) -> tuple[list[str], float]:
    """``text`` with OCR letters inside its number read as digits: every reading, and the lowest
    confidence of the letters read; ``([text], 1.0)`` when there is nothing to read.

    Only a cell holding one number-like token is read, and the token must show it is a
    number: a real digit, a separator, or a currency or unit beside it.
    """
    m = _DAMAGED_CELL.match(text)
    if not m:
        return [text], 1.0
    tok = m.group("tok")
    if not (re.search(r"[\d.,]", tok) or m.group("pre").strip() or m.group("post").strip()):
        return [text], 1.0
    confidence = 1.0
    options = []
    for ch in tok:
        digits, conf = DIGIT_LOOKALIKES.get(ch, (ch, 1.0))
        options.append(digits)
        if len(digits) == 1:
            confidence = min(confidence, conf)
    if all(o == c for o, c in zip(options, tok)):
        return [text], 1.0
    readings = [m.group("pre") + "".join(p) + m.group("post") for p in itertools.islice(
        itertools.product(*options), _MAX_READINGS + 1)]
    return readings[:_MAX_READINGS], confidence


def _with_separators(text: str) -> str | None:
    """An amount whose separators were read as one another, in Italian form; None if not one."""
    inner = _PARENTHESES.match(text)
    m = _ANY_SEPARATORS.match(inner.group("inner") if inner else text)
    if not m:
        return None
    fixed = f"{m.group('pre')}{m.group('whole').replace(',', '.')},{m.group('cents')}{m.group('post')}"
    fixed = f"({fixed})" if inner else fixed
    return fixed if fixed != text else None


def _read(text: str | None, parse, what: str, ocr_confidence: float | None,
          separators: bool = False) -> NumberReading:
    if is_placeholder(text):
        return NumberReading(text, None)
    reading = _read_text(text, parse, what, separators)
    if reading.value is not None and ocr_confidence is not None and ocr_confidence < LOW_OCR_CONFIDENCE:
        return NumberReading(text, None, warning=f"{what} {text!r} was read by OCR with confidence "
                                                 f"{ocr_confidence:.0f}; not typed, kept as printed")
    return reading


def _read_text(text: str, parse, what: str, separators: bool) -> NumberReading:
    """The value of ``text``, the lightest repair first; several values from one repair are no value."""
    parsed = parse(text)
    if parsed is not None:
        return _reading(text, parsed)
    bases = [(text, [], 1.0)]
    if (unspecked := _without_specks(text)) is not None:
        bases.append((unspecked, [SPECK_RULE], _SPECK_CONFIDENCE))
    for base, rules, confidence in bases:
        readings, letter_confidence = _letter_readings(base)
        lettered = readings != [base]
        found: dict[Decimal | Measure, tuple[str, list[str], float]] = {}
        for candidate in readings:
            repaired, extra, conf = candidate, [], min(confidence, letter_confidence)
            value = parse(candidate)
            if value is None and separators and (fixed := _with_separators(candidate)) is not None:
                repaired, extra, conf = fixed, [SEPARATOR_RULE], min(conf, _SEPARATOR_CONFIDENCE)
                value = parse(fixed)
            if value is not None:
                found.setdefault(value, (repaired, extra, conf))
        if len(found) == 1:
            value, (repaired, extra, conf) = next(iter(found.items()))
            if repaired == text:
                return _reading(text, value)
            rule = "+".join(rules + ([REPAIR_RULE] if lettered else []) + extra)
            return _reading(text, value, repaired, rule, conf)
        if len(found) > 1:
            values = tuple(v.value if isinstance(v, Measure) else v for v in found)
            return NumberReading(text, None, readings=values,
                                 warning=f"{what} {text!r} reads {' or '.join(map(str, values))}: a letter in "
                                         "it looks like several digits; kept as printed")
    return NumberReading(text, None, warning=f"{what} {text!r} could not be read; kept as printed")


def _reading(text: str, parsed: Decimal | Measure, repaired: str | None = None,
             rule: str | None = None, confidence: float = 1.0) -> NumberReading:
    if isinstance(parsed, Measure):
        return NumberReading(text, parsed.value, parsed.unit, repaired, rule, confidence)
    return NumberReading(text, parsed, "€", repaired, rule, confidence)


def read_amount(text: str | None, ocr_confidence: float | None = None) -> NumberReading:
    """A euro amount cell, OCR letters and separators repaired (``5.4O0,00``, ``5,400,00`` -> 5400.00).

    ``ocr_confidence`` is the cell's OCR confidence (``Cell.confidence``, 0-100) when it was OCR'd;
    below ``LOW_OCR_CONFIDENCE`` the value is not typed and a warning says so.
    """
    return _read(text, parse_amount, "amount", ocr_confidence, separators=True)


def read_measure(text: str | None, ocr_confidence: float | None = None) -> NumberReading:
    """A percentage or measure cell, OCR letters inside the number repaired (``1OO%`` -> 100.0 %).

    Free text with numbers in it (``... pari a 9,4``) is not a measure: value None, and no
    warning, since such cells are legitimately text.  ``ocr_confidence`` as for ``read_amount``.
    """
    reading = _read(text, parse_measure, "measure", ocr_confidence)
    if reading.value is None and reading.warning and not reading.readings and not _looks_numeric(text):
        return NumberReading(text, None)
    return reading


def _looks_numeric(text: str | None) -> bool:
    """A cell that is mostly a number (so failing to read it deserves a warning)."""
    if not text:
        return False
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    return digits > 0 and letters <= max(2, digits // 2)
