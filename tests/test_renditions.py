"""The committed test renditions (samples/renditions/) print what their golds say.

These check the *documents*, not camerale: every gold value is printed in each born-digital
rendition's text layer, the scans have no text layer, the pages-removed copies lost their
last third, and the unknown-family copy uses none of the report's own labels.  Whether
camerale reads them is measured by bench/renditions.py (and asserted by the parser tests).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest

from fixtures import ROOT, load_gold
from layout_rows import italian
from relazione_gold import gold_notation

RENDITIONS = ROOT / "samples" / "renditions"
BORN_DIGITAL = sorted(p for p in RENDITIONS.glob("*.pdf") if not p.stem.endswith(("-scan", "-removed")))
_TOKEN = re.compile(r"[\w€%]+(?:[.,'’][\w]+)*%?")
_FIGURE = re.compile(r"-?\d[\d.,]*%?")
# Gold fields that are normalised or derived, not printed as they stand (e.g. type 'efficacia' is
# printed 'Efficacia' six times, project_codes '1B0101' is printed '180101' in one title).
_NOT_PRINTED = {"notes", "source", "document", "type", "project_codes", "project_code", "unit", "phase", "item",
                "kind", "area", "value", "src_line", "amount_src_line", "year", "seq", "number",
                "n_indicators_declared"}


def _gold_strings(node, key: str | None = None):
    if key in _NOT_PRINTED:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _gold_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _gold_strings(v, key)
    elif isinstance(node, str) and node:
        yield node


def _figure(text: str) -> str:
    """A figure in gold notation, without sign or % ('-25,3%' -> '25.3', '5.400,00' -> '5400.00')."""
    return gold_notation(text).lstrip("-").rstrip("%")


def _text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def _tokens(text: str) -> Counter[str]:
    # pdfium marks a hyphen at a line end (joined to the next line) with U+FFFE.
    return Counter(_TOKEN.findall(text.replace("\ufffe", "-")))


def test_there_are_four_renditions_of_each_report_and_two_scans() -> None:
    names = [p.stem for p in BORN_DIGITAL]
    assert sum(n.startswith("pira-") and "unknown" not in n for n in names) >= 4
    assert sum(n.startswith("relazione-") for n in names) >= 4
    assert len(list(RENDITIONS.glob("*-scan.pdf"))) >= 2
    readme = (RENDITIONS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in readme for p in RENDITIONS.glob("*.pdf")), "every PDF is described"


def test_the_folder_stays_small() -> None:
    sizes = {p.name: p.stat().st_size for p in RENDITIONS.glob("*.pdf")}
    assert sum(sizes.values()) < 15e6
    assert all(size < 4e6 for size in sizes.values()), sizes


@pytest.mark.parametrize("path", BORN_DIGITAL, ids=lambda p: p.stem)
def test_every_gold_value_is_printed(path: Path) -> None:
    gold = load_gold("pira-lucca-2019.json" if path.stem.startswith("pira") else "relazione-lucca-2016-pdf.json")
    values = list(_gold_strings(gold))
    text = _text(path)
    printed = _tokens(text)
    # A word a narrow cell broke between letters ('Manteniment' / 'o') is printed as its two parts, one
    # after the other: found in the text with its blanks taken out.
    squeezed = re.sub(r"\s+", "", text.replace("\ufffe", "-"))
    figures = [v for v in values if _FIGURE.fullmatch(v)]
    texts = [v for v in values if not _FIGURE.fullmatch(v)]
    missing = [v for v in texts if any(printed[t] == 0 and t not in squeezed for t in _TOKEN.findall(v))]
    assert not missing, missing[:5]
    # Figures are counted: each occurs in the text layer at least as often as in the gold.  An amount a narrow
    # cell broke before its last digit ('1.781.900,0' over '0') is printed as that first part.
    printed_figures = Counter(_figure(t) for t in printed.elements() if _FIGURE.fullmatch(t))
    short = {f: n for f, n in Counter(map(_figure, figures)).items()
             if printed_figures[f] + printed[italian(f)[:-1] if "," in italian(f) else f] < n}
    assert not short, short


@pytest.mark.parametrize("path", sorted(RENDITIONS.glob("*-scan.pdf")), ids=lambda p: p.stem)
def test_scans_are_images_only(path: Path) -> None:
    source = path.with_name(path.name.removesuffix("-scan.pdf") + ".pdf")
    pdf = pypdfium2.PdfDocument(str(path))
    assert len(pdf) == len(pypdfium2.PdfDocument(str(source)))
    assert all(page.get_textpage().count_chars() == 0 for page in pdf)


@pytest.mark.parametrize("path", sorted(RENDITIONS.glob("*-last-third-removed.pdf")), ids=lambda p: p.stem)
def test_pages_removed_copies_keep_the_first_two_thirds(path: Path) -> None:
    source = path.with_name(path.name.removesuffix("-last-third-removed.pdf") + ".pdf")
    n = len(pypdfium2.PdfDocument(str(source)))
    assert len(pypdfium2.PdfDocument(str(path))) == n - n // 3
    assert _text(path) and _text(source).startswith(_text(path)[:2000])


def test_the_unknown_family_prints_none_of_the_report_labels() -> None:
    [path] = RENDITIONS.glob("pira-*-unknown-family-*.pdf")
    text = re.sub(r"\s+", " ", _text(path))
    # A label may still occur inside a printed value ('... - Risultato atteso: inferiore a 5 giorni').
    values = " ".join(_gold_strings(load_gold("pira-lucca-2019.json")))
    for label in ("Cosa misura", "Risultato atteso", "Risultato anno", "Nr indicatori associati", "Tipologia",
                  "Algoritmo di calcolo", "Centro di responsabilità", "Ultimo valore osservato", "Titolo"):
        assert text.count(label) == values.count(label), label
    assert "Piano degli indicatori e dei risultati attesi di bilancio" in text     # still a PIRA
