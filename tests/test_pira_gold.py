"""PIRA parser against the hand-checked gold, for every input rendition of the Lucca PIRA.

Adding an input (a PDF, a scan) is one line in ``INPUTS``: a name, the sample path and the
extractor as ``module:function`` (every extractor takes ``(path, data, doc_id)``).
"""
from __future__ import annotations

import copy
import hashlib
import importlib
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from camerale.detect import describe
from camerale.model import ParseContext, ParsedDocument
from camerale.parse.pira import parse

from gold_compare import compare_tables, gold_tables, load_gold

ROOT = Path(__file__).resolve().parents[1]

INPUTS: dict[str, tuple[str, str]] = {
    "text": ("samples/lucca-pira-consuntivo-2019.txt", "camerale.extract.text:extract_text"),
    "pdf": ("samples/lucca-pira-consuntivo-2019.pdf", "camerale.extract.pdf:extract_pdf"),
}
# Lowest recall and precision accepted per input; an input not listed must reproduce every gold field.
FLOOR: dict[str, float] = {}


@cache
def parsed(name: str) -> ParsedDocument:
    path, extractor = INPUTS[name]
    module, function = extractor.split(":")
    extract = getattr(importlib.import_module(module), function)
    data = (ROOT / path).read_bytes()
    layout = extract(str(ROOT / path), data, hashlib.sha256(data).hexdigest())
    return parse(layout, describe(layout), ParseContext())


def _records(doc: ParsedDocument, table: str, **where: object) -> list[dict]:
    return [r for r in doc.tables[table] if all(r.get(k) == v for k, v in where.items())]


@pytest.mark.parametrize("name", INPUTS)
def test_every_gold_field(name: str) -> None:
    comparison = compare_tables(parsed(name).tables)
    print(f"\n[{name}]\n{comparison.summary()}")
    for difference in comparison.differences[:40]:
        print("  ", difference)
    assert set(comparison.scores) == {"summary_objectives", "objectives", "resources", "indicators",
                                      "indicator_values"}
    floor = FLOOR.get(name, 1.0)
    for score in comparison.scores.values():
        assert score.gold_fields > 0
        assert score.recall >= floor and score.precision >= floor, score.table


@pytest.mark.parametrize("name", INPUTS)
def test_damaged_project_codes_are_reconciled_and_logged(name: str) -> None:
    doc = parsed(name)
    changes = {(n["table"], n["record_key"], n["raw"], n["normalized"]) for n in doc.normalizations
               if n["column"] == "project_codes"}
    # Gold notes L58 and L84: '180101' -> '1B0101', 'ZD0101' -> '2D0101', confirmed by the overview.
    assert changes == {("objectives", "011-005/1", "180101", "1B0101"),
                       ("objectives", "011-005/2", "ZD0101", "2D0101")}
    first = _records(doc, "objectives", mission_code="011", program_code="005", objective_seq=1)[0]
    assert first["project_codes_method"] == ["confusion+evidence"]
    assert 0 < first["project_codes_confidence"][0] < 1


@pytest.mark.parametrize("name", INPUTS)
def test_declared_and_found_indicators(name: str) -> None:
    doc = parsed(name)
    # Gold note L195: 'Nr indicatori associati 2' but three indicators follow.
    mediation = _records(doc, "objectives", mission_code="012", program_code="004", objective_seq=1)[0]
    assert (mediation["n_indicators_declared"], mediation["n_indicators_declared_text"],
            mediation["n_indicators_found"]) == (2, "2", 3)
    assert [w for w in doc.warnings if "Nr indicatori associati" in w] == [
        "objective 012-004/1: 'Nr indicatori associati' says 2 but 3 indicators are printed"]


@pytest.mark.parametrize("name", INPUTS)
def test_type_keeps_printed_case(name: str) -> None:
    doc = parsed(name)
    # Gold note L153: 'Efficacia' printed with a capital, stored lower-cased.
    puccini = _records(doc, "indicators", mission_code="011", program_code="005", objective_seq=4,
                       indicator_seq=2)[0]
    assert (puccini["type"], puccini["type_raw"]) == ("efficacia", "Efficacia")
    lowered = [n for n in doc.normalizations if n["column"] == "type"]
    assert len(lowered) == 6 and {n["raw"] for n in lowered} == {"Efficacia"}


def test_text_provenance_is_the_source_line() -> None:
    doc = parsed("text")
    first = _records(doc, "objectives", mission_code="011", program_code="005", objective_seq=1)[0]
    assert (first["page"], first["bbox"], first["line"]) == (None, None, 58)
    indicator = _records(doc, "indicators", mission_code="011", program_code="005", objective_seq=1,
                         indicator_seq=1)[0]
    assert indicator["line"] == 66  # 'Indicatore Ideazione ...' glued label
    consuntivo = _records(doc, "resources", mission_code="011", program_code="005", objective_seq=1,
                          phase="consuntivo", item="oneri_correnti")[0]
    assert (consuntivo["amount"], consuntivo["amount_text"], consuntivo["line"]) == (
        Decimal("813.00"), "€ 813,00", 63)
    # L279: 'investimenti' printed without an amount: the record stays, amount null, line of the label.
    no_amount = _records(doc, "resources", mission_code="012", program_code="004", objective_seq=4,
                         phase="preventivo", item="investimenti")[0]
    assert (no_amount["amount"], no_amount["amount_text"], no_amount["line"]) == (None, None, 279)
    # L293: '2,9 gg<TAB><TAB>3,9 gg': the empty 2018 result is a record with null text.
    results = {r["year"]: (r["text"], r["value"], r["value_unit"], r["line"])
               for r in _records(doc, "indicator_values", mission_code="012", program_code="004",
                                 objective_seq=4, indicator_seq=1, kind="result")}
    assert results == {2017: ("2,9 gg", 2.9, "gg", 293), 2018: (None, None, None, 293),
                       2019: ("3,9 gg", 3.9, "gg", 293)}


def test_records_use_only_schema_columns() -> None:
    from camerale.schemas.tables import SCHEMAS

    for table, records in parsed("text").tables.items():
        columns = set(SCHEMAS[table].names) - {"doc_id"}
        for record in records:
            assert set(record) == columns, table


def test_comparison_names_every_wrong_field() -> None:
    gold = load_gold()
    produced = copy.deepcopy(gold_tables(gold))
    produced["resources"][1]["amount"] = Decimal("5400.01")
    produced["indicators"][0]["type"] = "Efficacia"
    produced["objectives"][0]["title"] = produced["objectives"][0]["title"].replace("'", "’")
    produced["indicator_values"].append({**produced["indicator_values"][0], "year": 2016})
    comparison = compare_tables(produced, gold)
    assert [(d.table, d.key, d.field) for d in comparison.differences] == [
        ("resources", ("011", "005", 1, "preventivo", 2019, "oneri_correnti"), "amount"),
        ("indicators", ("011", "005", 1, 1), "type"),
        ("indicator_values", ("011", "005", 1, 1, "target", 2016), "<record>"),
    ]
    assert comparison.scores["resources"].recall == 101 / 102
    assert comparison.scores["objectives"].recall == 1.0
    assert comparison.scores["indicator_values"].recall == 1.0
    assert comparison.scores["indicator_values"].precision == 528 / 529


@pytest.mark.parametrize("input_kind", ["text", "pdf"])
def test_written_dataset_matches_gold(ingested: Path, input_kind: str) -> None:
    """What `camerale ingest` wrote to Parquet, read back, against the gold."""
    from camerale.store.dataset import read_table

    from gold_compare import compare_dataset

    [doc_id] = [d["doc_id"] for d in read_table(ingested, "documents").to_pylist()
                if d["doc_type"] == "pira" and d["input_kind"] == input_kind]
    comparison = compare_dataset(ingested, doc_id)
    print(f"\n[dataset, {input_kind}]\n{comparison.summary()}")
    assert [str(d) for d in comparison.differences] == []
    assert all(s.gold_fields > 0 for s in comparison.scores.values())


def test_unknown_programme_is_flagged(tmp_path: Path) -> None:
    """A programme code outside the reference list is kept as printed, with a warning."""
    from camerale.extract.text import extract_text

    text = (ROOT / INPUTS["text"][0]).read_text(encoding="utf-8")
    damaged = text.replace("Programma\t004 - Servizi generali", "Programma\t009 - Servizi generali")
    assert damaged != text
    layout = extract_text("damaged.txt", damaged.encode(), "damaged")
    doc = parse(layout, describe(layout), ParseContext())
    assert any("programme of mission 032 code '009' is not in the reference list" in w for w in doc.warnings)
    assert {o["program_code"] for o in doc.tables["objectives"] if o["mission_code"] == "032"} == {"002", "009"}


def test_ocr_damaged_mission_code_is_reconciled_with_the_reference_list() -> None:
    """'O12' (letter O for zero) in a block header is mission 012 of the reference list."""
    from camerale.extract.text import extract_text

    text = (ROOT / INPUTS["text"][0]).read_text(encoding="utf-8")
    damaged = text.replace("Missione\t012 - Regolazione dei mercati", "Missione\tO12 - Regolazione dei mercati")
    assert damaged != text
    layout = extract_text("damaged.txt", damaged.encode(), "damaged")
    doc = parse(layout, describe(layout), ParseContext())
    assert len([o for o in doc.tables["objectives"] if o["mission_code"] == "012"]) == 6
    [fix] = [n for n in doc.normalizations if n["column"] == "mission_code"]
    assert (fix["raw"], fix["normalized"]) == ("O12", "012")
