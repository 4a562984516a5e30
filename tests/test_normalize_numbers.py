"""Italian numbers: every form the seeds print, and hand-damaged variants."""
from __future__ import annotations

from decimal import Decimal

import pytest

from camerale.normalize.numbers import (
    LOW_OCR_CONFIDENCE,
    REPAIR_RULE,
    SEPARATOR_RULE,
    SPECK_RULE,
    Measure,
    is_placeholder,
    parse_amount,
    parse_measure,
    read_amount,
    read_measure,
)


@pytest.mark.parametrize("text, expected", [
    # PIRA resources (lines 62-63 and following)
    ("€ 0,00", "0.00"), ("€ 5.400,00", "5400.00"), ("€ 813,00", "813.00"), ("€ 507.100,00", "507100.00"),
    ("€ 536.002,00", "536002.00"), ("€ 20.500,00", "20500.00"),
    # Relazione budget table (lines 354-520) and composition tables
    ("1.781.900,00", "1781900.00"), ("1.133.303,68", "1133303.68"), ("23.395,19", "23395.19"),
    ("596,20", "596.20"), ("300,00", "300.00"), ("5.951.442,78", "5951442.78"),
    # euro-valued financial indicators print no thousands separator (gold: 23.371,4 -> 23371.4)
    ("23371,4", "23371.40"),
    # forms other chambers print
    ("-1.200,50", "-1200.50"), ("(2.800,00)", "-2800.00"), ("5.400,00 €", "5400.00"), ("euro 12,5", "12.50"),
])
def test_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)
    reading = read_amount(text)
    assert (reading.value, reading.rule, reading.warning, reading.text) == (Decimal(expected), None, None, text)


@pytest.mark.parametrize("text", ["---", "-", "", "   ", None, "n.d.", "N.D.", "N.C."])
def test_placeholders_are_no_value_and_no_warning(text: str | None) -> None:
    assert is_placeholder(text)
    assert parse_amount(text) is None and parse_measure(text) is None
    assert read_amount(text).warning is None and read_amount(text).value is None


@pytest.mark.parametrize("text, value, unit", [
    # PIRA results (lines 73ff, 293, 504-511, 554)
    ("100%", 100.0, "%"), ("100,0%", 100.0, "%"), ("-3,05%", -3.05, "%"), ("-7,06%", -7.06, "%"),
    ("-10,68%", -10.68, "%"), ("-6,06%", -6.06, "%"), ("-1,40%", -1.4, "%"), ("3,06%", 3.06, "%"),
    ("2,9 gg", 2.9, "gg"), ("3,9 gg", 3.9, "gg"), ("2,1 gg.", 2.1, "gg"),
    # Relazione: entity objective '99.57%' with a decimal point (line 910), percentages '98,40', '3,7'
    ("99.57%", 99.57, "%"), ("98,40", 98.4, None), ("3,7", 3.7, None), ("100", 100.0, None),
    ("-25,3%", -25.3, "%"), ("89,6%", 89.6, "%"), ("0,0", 0.0, None),
    # units the issue names
    ("5 giorni", 5.0, "gg"), ("12 n.", 12.0, "n"), ("€ 3,5", 3.5, "€"),
])
def test_measures(text: str, value: float, unit: str | None) -> None:
    assert parse_measure(text) == Measure(value, unit)
    reading = read_measure(text)
    assert (reading.value, reading.unit, reading.rule) == (value, unit, None)


@pytest.mark.parametrize("text", [
    # free text results (PIRA L213, L304): not measures, and legitimately text
    "Voto di gradimento sul servizio dell'Organismo: 4,7 Giudizio complessivo sull'attività del mediatore: 4,9",
    "Tempo medio di sospensione camerale delle pratiche pari a 9,4",
    "Regolare funzionamento del complesso",
])
def test_free_text_is_not_a_measure_and_not_a_warning(text: str) -> None:
    reading = read_measure(text)
    assert (reading.value, reading.warning) == (None, None)


@pytest.mark.parametrize("text, expected, confidence", [
    ("5.4O0,00", "5400.00", 0.95),            # the example
    ("€ 5.4O0,00", "5400.00", 0.95),
    ("€ BI3,00", "813.00", 0.9),
    ("€ 5D7.100,00", "507100.00", 0.85),
    ("€ O,OO", "0.00", 0.95),                 # no real digit left, but '€' and ',' show a number
    ("1.78I.9OO,OO", "1781900.00", 0.95),
])
def test_ocr_letters_inside_amounts_are_repaired_and_say_so(text: str, expected: str, confidence: float) -> None:
    assert parse_amount(text) is None  # the strict reader never repairs
    reading = read_amount(text)
    assert (reading.value, reading.rule, reading.confidence, reading.warning) == (
        Decimal(expected), REPAIR_RULE, confidence, None)
    record = reading.normalization("resources", "amount", "011-005/1/preventivo/oneri_correnti", {"line": 62})
    assert (record["raw"], record["normalized"], record["rule"], record["line"]) == (text, expected, REPAIR_RULE, 62)


@pytest.mark.parametrize("text, value, unit", [("1OO%", 100.0, "%"), ("IOO%", 100.0, "%"),
                                               ("-3,O5%", -3.05, "%"), ("S,9 gg", 5.9, "gg")])
def test_ocr_letters_inside_measures_are_repaired(text: str, value: float, unit: str) -> None:
    reading = read_measure(text)
    assert (reading.value, reading.unit, reading.rule) == (value, unit, REPAIR_RULE)


@pytest.mark.parametrize("text, expected, rule", [
    # issue 11: the thousands separator read as a comma; the final separator before two digits is the cents'
    ("€ 319,808,00", "319808.00", SEPARATOR_RULE),
    ("€ 35,550,O0", "35550.00", f"{REPAIR_RULE}+{SEPARATOR_RULE}"),
    ("€ 5.400.00", "5400.00", SEPARATOR_RULE),       # the decimal comma read as a point
    ("€ 1,781,900.00", "1781900.00", SEPARATOR_RULE),  # every separator swapped
    ("€ 2,000,00.", "2000.00", f"{SPECK_RULE}+{SEPARATOR_RULE}"),
    ("(2,800,00)", "-2800.00", SEPARATOR_RULE),
])
def test_separators_read_as_one_another_are_forced_by_the_amount_grammar(text: str, expected: str, rule: str) -> None:
    assert parse_amount(text) is None
    reading = read_amount(text)
    assert (reading.value, reading.rule, reading.warning) == (Decimal(expected), rule, None)
    assert reading.confidence <= 0.9
    record = reading.normalization("resources", "amount", "032-002/3/consuntivo/2019/oneri_correnti")
    assert (record["raw"], record["normalized"], record["rule"]) == (text, expected, rule)


@pytest.mark.parametrize("text", ["€ 5,40,00", "€ 1,000", "€ 12,5,00", "1.000.000"])
def test_separators_are_not_repaired_where_the_grammar_leaves_a_doubt(text: str) -> None:
    # '5,40,00' has a group of two; '1,000' has no cents (1.000 or 1,000?); '1.000.000' is well formed
    reading = read_amount(text)
    assert reading.rule != SEPARATOR_RULE


@pytest.mark.parametrize("read, text, values", [
    (read_amount, "€ 5Z9,841,00", (Decimal("529841.00"), Decimal("579841.00"))),  # issue 11: Z is 2 or 7
    (read_amount, "€ 5Z9.841,00", (Decimal("529841.00"), Decimal("579841.00"))),
    # E is 3 (the classic confusion) or 4, 5, 6 (measured, bench/ocr_confusions.py)
    (read_amount, "€ 1E,000,00", (Decimal("13000.00"), Decimal("14000.00"), Decimal("15000.00"),
                                  Decimal("16000.00"))),
    (read_measure, "Z,9 gg", (2.9, 7.9)),
])
def test_a_letter_with_several_digit_look_alikes_is_never_guessed(read, text: str, values: tuple) -> None:
    reading = read(text)
    assert (reading.value, reading.rule, reading.readings) == (None, None, values)
    assert text in reading.warning and all(str(v) in reading.warning for v in values)


@pytest.mark.parametrize("text", ["€ 5.4X0,00", "€ 5.40,00,00", "abc", "€ 5,4.00"])
def test_an_unreadable_amount_is_kept_with_a_warning(text: str) -> None:
    reading = read_amount(text)
    assert reading.value is None and reading.text == text and text in reading.warning


@pytest.mark.parametrize("word", ["SI", "IO", "Lubec", "OSSI"])
def test_words_are_never_read_as_numbers(word: str) -> None:
    assert read_measure(word).value is None
    assert read_amount(word).value is None


@pytest.mark.parametrize("text, expected, rule", [
    ("€ 2.000,00.", "2000.00", SPECK_RULE),     # scan p.5, 011-005/2 preventivo oneri correnti
    ("€ 2.000,00 .", "2000.00", SPECK_RULE),
    ("'€ 0,00", "0.00", SPECK_RULE),
    ("€ 813,00,", "813.00", SPECK_RULE),
    ("€ 5.4O0,00.", "5400.00", f"{SPECK_RULE}+{REPAIR_RULE}"),
])
def test_ocr_specks_beside_an_amount_are_dropped_and_say_so(text: str, expected: str, rule: str) -> None:
    assert parse_amount(text) is None
    reading = read_amount(text)
    assert (reading.value, reading.rule, reading.warning) == (Decimal(expected), rule, None)
    assert 0 < reading.confidence < 1 and reading.changed
    record = reading.normalization("resources", "amount", "011-005/2/preventivo/2019/oneri_correnti")
    assert (record["raw"], record["normalized"], record["rule"]) == (text, expected, rule)


@pytest.mark.parametrize("text, value, unit", [("100%.", 100.0, "%"), ("3,05%'", 3.05, "%"), ("2,1 gg..", 2.1, "gg")])
def test_ocr_specks_after_a_measure_are_dropped(text: str, value: float, unit: str) -> None:
    reading = read_measure(text)
    assert (reading.value, reading.unit, reading.rule) == (value, unit, SPECK_RULE)


@pytest.mark.parametrize("text", [
    ".400,00",        # a speck glued before digits may be a lost digit (5.400,00)
    "€ 1.000.",       # '1.000.' may be a cut '1.000.000'
    "5.400.",
])
def test_a_speck_that_may_hide_a_digit_is_not_dropped(text: str) -> None:
    reading = read_amount(text)
    assert reading.value is None and text in reading.warning


def test_a_bar_after_a_digit_is_a_one_not_a_speck() -> None:
    reading = read_amount("€ 2.000,0|")
    assert (reading.value, reading.rule) == (Decimal("2000.01"), REPAIR_RULE)


@pytest.mark.parametrize("text", ["_", "--", "—", "-—-", "- - -", "-—"])
def test_ocr_readings_of_the_dash_placeholder_are_placeholders(text: str) -> None:
    assert is_placeholder(text)
    assert (read_measure(text).value, read_measure(text).warning) == (None, None)
    assert (read_amount(text).value, read_amount(text).warning) == (None, None)


def test_a_number_ocr_read_with_very_low_confidence_is_not_typed() -> None:
    # Scan p.12, 012-004/3/1 result 2018: the printed '---' came out as '22' with confidence 23.
    reading = read_measure("22", ocr_confidence=23.0)
    assert reading.value is None and "'22'" in reading.warning and "23" in reading.warning
    # The least confident correct reading on that scan: '€ 0,00' at 37.
    assert read_amount("€ 0,00", ocr_confidence=37.0).value == Decimal("0.00")
    assert read_measure("100%", ocr_confidence=LOW_OCR_CONFIDENCE).value == 100.0
    assert read_measure("22").value == 22.0  # converter text and born-digital PDFs carry no confidence
    # Text that is not a number stays a silent non-value, whatever the confidence.
    assert read_measure("Regolare funzionamento", ocr_confidence=5.0).warning is None
