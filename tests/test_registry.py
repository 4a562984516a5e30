"""The chamber registry is applied after each batch: the dataset does not depend on ingest order or grouping."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures import PIRA_TEXT, RELAZIONE_TEXT
from ocr_noise import damage_text

from camerale.normalize.codes import EXACT_IN_REGISTRY
from camerale.pipeline import ingest
from camerale.registry import reconcile_document
from camerale.store import dataset

# Columns that record when or by which run a row was written, not what the documents say.
_RUN_COLUMNS = {"ingested_at", "run_id"}


def _canonical(out: Path) -> dict[str, list[str]]:
    """Every table of the dataset as sorted row texts, without ingest timestamps and run ids."""
    tables = {}
    for name in [*dataset.PER_DOCUMENT_TABLES, dataset.LINKS_TABLE]:
        rows = dataset.read_table(out, name).to_pylist()
        tables[name] = sorted(repr(sorted((k, v) for k, v in row.items() if k not in _RUN_COLUMNS)) for row in rows)
    return tables


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The Relazione 2016 and two OCR-damaged copies of the PIRA 2019, as converter text."""
    folder = tmp_path_factory.mktemp("archive")
    relazione = folder / "relazione-2016.txt"
    relazione.write_bytes(RELAZIONE_TEXT.read_bytes())
    files = [relazione]
    for seed in (3, 5):
        damaged, _ = damage_text(PIRA_TEXT.read_text(encoding="utf-8"), 0.2, seed)
        path = folder / f"pira-2019-damaged-{seed}.txt"
        path.write_text(damaged, encoding="utf-8")
        files.append(path)
    return files


def _ingest(out: Path, *runs: list[Path]) -> dict[str, list[str]]:
    for files in runs:
        outcomes = ingest(files, out)
        assert all(o.status in ("ok", "partial") for o in outcomes), [(o.path, o.reason) for o in outcomes]
    return _canonical(out)


def test_the_same_documents_give_the_same_dataset_in_any_order_and_grouping(documents: list[Path],
                                                                           tmp_path: Path) -> None:
    relazione, pira_3, pira_5 = documents
    reference = _ingest(tmp_path / "one-run", [relazione, pira_3, pira_5])
    others = {
        "reversed": _ingest(tmp_path / "reversed", [pira_5, pira_3, relazione]),
        "three runs": _ingest(tmp_path / "three-runs", [pira_3], [pira_5], [relazione]),
        "two runs": _ingest(tmp_path / "two-runs", [relazione], [pira_5, pira_3]),
    }
    for name, tables in others.items():
        for table, rows in reference.items():
            assert tables[table] == rows, f"{name}: table {table} differs from the one-run dataset"
    # Not vacuous: the registry decided codes and confirmed others, and said so in the normalizations.
    objectives = dataset.read_table(tmp_path / "three-runs", "objectives").to_pylist()
    methods = {m for o in objectives for m in o["project_codes_method"]}
    confidences = {c for o in objectives for c, m in zip(o["project_codes_confidence"], o["project_codes_method"])
                   if m == "exact"}
    assert "registry" in methods and EXACT_IN_REGISTRY in confidences
    rules = {n["rule"] for n in dataset.read_table(tmp_path / "three-runs", "normalizations").to_pylist()}
    assert "ocr_confusion+registry" in rules
    # And the two damaged copies of the PIRA decided some of each other's amounts (camerale/report_copies.py).
    assert "ocr_letter_in_number+same_report" in rules


def test_a_code_the_registry_decides_loses_its_warning_and_gains_a_normalization(documents: list[Path]) -> None:
    from camerale.extract.text import extract_text
    from camerale.model import DocumentInfo
    from camerale.parse.pira import parse

    doc = parse(extract_text(str(PIRA_TEXT), PIRA_TEXT.read_bytes().replace(b"(PROGETTO 3D0101)", b"(PROGETTO 300101)"),
                             "d"), DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA"))
    # '300101': 0 in the letter position reads C, D, O or Q, and the document prints 3D0101 nowhere else.
    assert any("'300101'" in w for w in doc.warnings)
    result = reconcile_document(doc.tables, doc.normalizations, doc.warnings, frozenset({"3D0101", "1B0101"}))
    assert result is not None
    normalizations, warnings = result
    assert not any("'300101'" in w for w in warnings)
    assert [(n["raw"], n["normalized"], n["rule"], n["record_key"]) for n in normalizations if n["raw"] == "300101"] \
        == [("300101", "3D0101", "ocr_confusion+registry", "032-002/2")]
    objective = next(o for o in doc.tables["objectives"] if o["project_codes_raw"] == ["300101"])
    assert (objective["project_codes"], objective["project_codes_method"]) == (["3D0101"], ["registry"])
    # Applying the same registry again changes nothing.
    assert reconcile_document(doc.tables, normalizations, warnings, frozenset({"3D0101", "1B0101"})) is None


def test_a_copy_of_the_same_report_decides_a_damaged_amount_and_only_by_what_it_read_itself() -> None:
    from decimal import Decimal

    from camerale.extract.text import extract_text
    from camerale.model import DocumentInfo
    from camerale.parse.pira import parse
    from camerale.report_copies import decide_amounts, self_read

    def pira(text: bytes):
        return parse(extract_text(str(PIRA_TEXT), text, "copy"), DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA"))

    clean = PIRA_TEXT.read_bytes()
    # Line 103, objective 011-005/3: oneri correnti consuntivo 529.841,00 printed with Z (2 or 7).
    damaged = pira(clean.replace("€ 529.841,00".encode(), "€ 5Z9.841,00".encode()))
    row = next(r for r in damaged.tables["resources"] if r["amount_text"] == "€ 5Z9.841,00")
    assert row["amount"] is None and any("'€ 5Z9.841,00' reads 529841.00 or 579841.00" in w for w in damaged.warnings)
    # A copy that printed the amount with another damage (3 -> E) reads it by itself as no value: no evidence.
    other = pira(clean.replace("€ 529.841,00".encode(), "€ 5E9.841,00".encode()))
    assert decide_amounts(damaged.tables["resources"], damaged.normalizations, damaged.warnings,
                          [self_read(other.tables["resources"], other.normalizations)]) is None
    # The clean copy read 529,841.00: one of the readings, so it is the amount.
    normalizations, warnings = decide_amounts(damaged.tables["resources"], damaged.normalizations, damaged.warnings,
                                              [self_read(pira(clean).tables["resources"], [])])
    assert row["amount"] == Decimal("529841.00")
    assert [(n["raw"], n["normalized"], n["rule"], n["confidence"], n["record_key"]) for n in normalizations
            if n["rule"].endswith("same_report")] == [("€ 5Z9.841,00", "529841.00", "ocr_letter_in_number+same_report",
                                                       0.85, "011-005/3/consuntivo/2019/oneri_correnti")]
    assert not any("5Z9.841,00" in w for w in warnings)
    # What a copy decided from another copy is no evidence for a third: self_read leaves it out.
    assert ("011", "005", 3, "consuntivo", 2019, "oneri_correnti") not in self_read(damaged.tables["resources"],
                                                                                      normalizations)
    # Without the copy the decision is undone, its warning back; two copies that disagree decide nothing.
    key = ("011", "005", 3, "consuntivo", 2019, "oneri_correnti")
    normalizations, warnings = decide_amounts(damaged.tables["resources"], normalizations, warnings, [])
    assert row["amount"] is None and not any(n["rule"].endswith("same_report") for n in normalizations)
    assert sorted(warnings) == sorted(damaged.warnings)
    assert decide_amounts(damaged.tables["resources"], normalizations, warnings,
                          [{key: Decimal("529841.00")}, {key: Decimal("579841.00")}]) is None
