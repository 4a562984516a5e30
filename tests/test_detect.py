"""Document type, chamber, phase and year come from content, never from the file name."""
from __future__ import annotations

from pathlib import Path

import pytest

from camerale.detect import describe
from camerale.errors import UnknownDocument
from camerale.extract.inputs import read_document
from fixtures import PIRA_PDF, PIRA_TEXT, RELAZIONE_PDF, RELAZIONE_TEXT, load_gold


@pytest.mark.parametrize("source", [PIRA_TEXT, PIRA_PDF])
def test_pira_is_recognised_under_any_name(source: Path, tmp_path: Path) -> None:
    misleading = tmp_path / f"relazione-performance-2016{source.suffix}"
    misleading.write_bytes(source.read_bytes())
    info = describe(read_document(misleading))
    gold = load_gold("pira-lucca-2019.json")["document"]
    assert (info.doc_type, info.chamber, info.phase, info.reference_year, info.title) == (
        gold["doc_type"], gold["chamber"], gold["phase"], gold["reference_year"], gold["title"])


@pytest.mark.parametrize("source", [RELAZIONE_TEXT, RELAZIONE_PDF])
def test_relazione_is_recognised(source: Path) -> None:
    info = describe(read_document(source))
    gold = load_gold("relazione-lucca-2016.json")["document"]
    assert (info.doc_type, info.chamber, info.phase, info.reference_year, info.title) == (
        gold["doc_type"], gold["chamber"], None, gold["reference_year"], gold["title"])


def test_chamber_named_only_in_prose(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("PIRA: Piano degli indicatori e dei risultati attesi di bilancio – Preventivo 2021\n\n"
                    "La Camera di Commercio di Pisa presenta il piano.\nLa Camera di Pisa conferma.\n",
                    encoding="utf-8")
    info = describe(read_document(text))
    assert (info.doc_type, info.chamber, info.phase, info.reference_year) == ("pira", "Pisa", "preventivo", 2021)


def test_report_without_year_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("Relazione sulla performance\nCamera di Commercio di Lucca\n", encoding="utf-8")
    with pytest.raises(UnknownDocument, match="no reference year"):
        describe(read_document(text))
