"""How many project codes and amounts survive OCR-like damage: right, kept raw with a warning, wrong, dropped.

Run:  python bench/ocr_damage.py                     # 5% and 20% damage, seeds 0-7
      python bench/ocr_damage.py --rates 0.1 --seeds 16

The converter text of the Lucca PIRA 2019 (``samples/``) is damaged by ``tests/ocr_noise.py``
(letters in digit positions, a code's letter read as a digit or ``(``, separators read as one
another, the bracket of ``(PROGETTO`` read as ``C``) and parsed by the real text pipeline
(``extract_text`` + ``parse.pira.parse``), with no registry, then with the project codes of the
Relazione 2016 as the chamber's registry, applied the way the dataset-level step applies it
(``camerale.registry.reconcile_document``).  Every gold project code and resource amount is
scored by ``tests/damage_score.py``.  Percentages are of all gold fields (816 amounts and 360
codes over 8 seeds), damaged or not; ``damaged`` says how many were damaged.

The Relazione 2016 is damaged where OCR damages it, in the cells of its born-digital PDF
(``damage_cells``: every cell that is a bare amount, budget and area tables included) and parsed
by the PDF parser; its 150 budget and area amounts per seed are scored against the PDF gold
(``damaged`` there counts the damaged amount cells of the whole document).  Its printed sums
(project lines to subtotals to total, areas to their total) decide between the readings of a
damaged amount; the PIRA prints each amount once and no total, so nothing decides there.

``(second copy)``: the PIRA amounts again, with a second copy of the report damaged with another
seed (another scan of it) in the dataset: ``camerale/report_copies.py`` decides a damaged amount by
the value the other copy read by itself, when it is one of the readings.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from damage_score import Tally, load_gold, score, score_relazione  # noqa: E402
from ocr_noise import damage_cells, damage_text  # noqa: E402

from camerale.extract.pdf import extract_pdf  # noqa: E402
from camerale.extract.text import extract_text  # noqa: E402
from camerale.model import DocumentInfo, ParseContext  # noqa: E402
from camerale.parse import relazione  # noqa: E402
from camerale.parse.pira import parse  # noqa: E402
from camerale.registry import reconcile_document  # noqa: E402
from camerale.report_copies import decide_amounts, self_read  # noqa: E402

SEED = ROOT / "samples" / "lucca-pira-consuntivo-2019.txt"
INFO = DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA: Piano degli indicatori e dei risultati attesi di bilancio")
# Project codes the dataset knows for Lucca once the Relazione 2016 is ingested.
RELAZIONE_CODES = frozenset(b["project_code"] for b in load_gold("relazione-lucca-2016.json")["budget_lines"]
                            if b["project_code"])
REGISTRIES = {"none": frozenset(), "relazione-2016": RELAZIONE_CODES}
# A second copy of the same report, damaged independently (another scan): its seed is the first's + this.
SECOND_COPY = 1000
RELAZIONE_PDF = ROOT / "samples" / "lucca-relazione-performance-2016.pdf"
RELAZIONE_INFO = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")


def _damaged_parse(text: str, rate: float, seed: int):
    damaged, _ = damage_text(text, rate, seed)
    return parse(extract_text(str(SEED), damaged.encode("utf-8"), f"damaged-{rate}-{seed}"), INFO)


def run(rate: float, seeds: range, registry: frozenset[str], second_copy: bool = False) -> dict[str, Tally]:
    """Totals over ``seeds`` of the damaged seed text at ``rate``, parsed and scored; with
    ``second_copy``, its amounts decided by a second, independently damaged copy
    (``camerale/report_copies.py``, as the dataset-level step applies it)."""
    text = SEED.read_text(encoding="utf-8")
    totals = {"project codes": Tally(), "amounts": Tally()}
    for seed in seeds:
        doc = _damaged_parse(text, rate, seed)
        normalizations, warnings = doc.normalizations, doc.warnings
        if registry and (result := reconcile_document(doc.tables, normalizations, warnings, registry)):
            normalizations, warnings = result
        if second_copy:
            copy = _damaged_parse(text, rate, seed + SECOND_COPY)
            other = self_read(copy.tables["resources"], copy.normalizations)
            if result := decide_amounts(doc.tables["resources"], normalizations, warnings, [other]):
                normalizations, warnings = result
        for name, tally in score(doc.tables, warnings).items():
            totals[name] += tally
    return totals


def run_relazione(rate: float, seeds: range) -> Tally:
    """Totals over ``seeds`` of the Relazione PDF with damaged amount cells, parsed and scored."""
    data = RELAZIONE_PDF.read_bytes()
    layout = extract_pdf(str(RELAZIONE_PDF), data, "relazione-2016")
    total = Tally()
    for seed in seeds:
        damaged, damages = damage_cells(layout, rate, seed)
        doc = relazione.parse(damaged, RELAZIONE_INFO, ParseContext())
        tally = score_relazione(doc.tables, doc.warnings)
        tally.damaged = len(damages)
        total += tally
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", type=float, nargs="+", default=[0.05, 0.20])
    parser.add_argument("--seeds", type=int, default=8, help="seeds 0..N-1 (at least 8 for the report)")
    parser.add_argument("--show", type=int, default=0, help="print up to N fields left raw, wrong or dropped")
    args = parser.parse_args()
    seeds = range(args.seeds)
    print(f"{'damage':>6} {'registry':<15} {'field':<13} {'values':>6} {'damaged':>7} {'right':>14} "
          f"{'raw+warning':>11} {'wrong':>5} {'dropped':>7}")
    started = time.perf_counter()
    for rate in args.rates:
        for name, registry in REGISTRIES.items():
            for field, t in run(rate, seeds, registry).items():
                print(f"{rate:>6.0%} {name:<15} {field:<13} {t.values:>6} {t.damaged:>7} "
                      f"{t.right:>6} ({t.share(t.right):>5.1%}) {t.raw:>11} {len(t.wrong):>5} {len(t.dropped):>7}")
                for line in (t.wrong + t.dropped)[:args.show]:
                    print(f"{'':>8}{line}")
        t = run(rate, seeds, frozenset(), second_copy=True)["amounts"]
        print(f"{rate:>6.0%} {'(second copy)':<15} {'amounts':<13} {t.values:>6} {t.damaged:>7} "
              f"{t.right:>6} ({t.share(t.right):>5.1%}) {t.raw:>11} {len(t.wrong):>5} {len(t.dropped):>7}")
        for line in (t.wrong + t.dropped)[:args.show]:
            print(f"{'':>8}{line}")
        t = run_relazione(rate, seeds)
        print(f"{rate:>6.0%} {'(sums)':<15} {'relazione':<13} {t.values:>6} {t.damaged:>7} "
              f"{t.right:>6} ({t.share(t.right):>5.1%}) {t.raw:>11} {len(t.wrong):>5} {len(t.dropped):>7}")
        for line in (t.wrong + t.dropped)[:args.show]:
            print(f"{'':>8}{line}")
    print(f"\n{len(args.rates) * (len(REGISTRIES) + 3) * len(seeds)} parses of damaged documents in "
          f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
