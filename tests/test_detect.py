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


def test_chamber_named_in_a_text_column(tmp_path: Path) -> None:
    """A page in two text columns: the right column prints its lines at the heights of the left
    column's, so the page text, read across the page, cuts apart the name the left column wraps
    ("... Camera di Commercio di" / "Pisa ..."); the lines read column by column keep it whole."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    pdf = tmp_path / "two-columns.pdf"
    width, height = A4
    frames = [Frame(50, 50, 230, height - 100, id="left"), Frame(310, 50, 230, height - 100, id="right")]
    doc = BaseDocTemplate(str(pdf), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)])
    body = getSampleStyleSheet()["BodyText"]
    left = ("Relazione sulla performance 2016. Il documento illustra nuovamente ai cittadini e a tutti i "
            "portatori di interesse i risultati ottenuti nuovamente nel corso dell'anno dalla Camera di "
            "Commercio di Pisa, con le risorse impiegate e gli eventuali scostamenti rilevati.")
    right = ("Il bilancio di esercizio chiude in avanzo. Gli obiettivi strategici sono tre, declinati in "
             "obiettivi operativi e progetti, ciascuno misurato da indicatori con un valore atteso e un "
             "risultato, e le risorse sono riportate per progetto nella tabella che segue il testo.")
    doc.build([Paragraph(left, body), Paragraph(left, body), FrameBreak(),
               Paragraph(right, body), Paragraph(right, body)])
    import pdfplumber
    with pdfplumber.open(pdf) as opened:
        across = opened.pages[0].extract_text()
    assert "Commercio di Pisa" not in across.replace("\n", " ")   # the page text cuts the name apart
    info = describe(read_document(pdf))
    assert (info.doc_type, info.chamber, info.reference_year) == ("relazione_performance", "Pisa", 2016)
