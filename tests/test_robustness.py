"""The PIRA text pipeline on OCR-damaged text: recover what the evidence allows, never guess.

``tests/ocr_noise.py`` injects OCR confusions into the project codes and euro amounts of the
seed PIRA text at 5% and 20% per character.  The damaged text goes through the real text
pipeline (``extract_text`` + ``parse.pira.parse``) and every project code (overview table and
objective blocks) and every resource amount is checked against the gold:

- recovered: the value equals the gold;
- kept raw: the printed (damaged) value is kept, not typed, and a warning names it;
- wrong: anything else.  A wrong value is worse than a warning, so there must be none.

The recovery rate (recovered / damaged) and the number kept raw are printed (``pytest -s``).
Values the seed already prints damaged (``180101``, ``ZD0101``) count as damaged values.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from camerale.extract.text import extract_text
from camerale.model import DocumentInfo, ParseContext, ParsedDocument
from camerale.parse.pira import parse

sys.path.insert(0, str(Path(__file__).parent))
from ocr_noise import damage_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "lucca-pira-consuntivo-2019.txt"
GOLD = json.loads((Path(__file__).parent / "gold" / "pira-lucca-2019.json").read_text(encoding="utf-8"))
RELAZIONE_GOLD = json.loads((Path(__file__).parent / "gold" / "relazione-lucca-2016.json").read_text(encoding="utf-8"))
INFO = DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA: Piano degli indicatori e dei risultati attesi di bilancio")
SEEDS = range(8)
# Project codes the dataset would already know for Lucca after ingesting the Relazione 2016.
RELAZIONE_CODES = frozenset(b["project_code"] for b in RELAZIONE_GOLD["budget_lines"] if b["project_code"])


@dataclass
class Tally:
    values: int = 0
    damaged: int = 0
    recovered: int = 0
    kept_raw: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, damaged: bool, printed: str | None, expected: object, got: object,
            kept_raw: bool, where: str) -> None:
        self.values += 1
        self.damaged += damaged
        if got == expected:
            self.recovered += damaged
        elif kept_raw:
            self.kept_raw += 1
        else:
            self.wrong.append(f"{where}: printed {printed!r}, got {got!r}, gold {expected!r}")

    def __iadd__(self, other: Tally) -> Tally:
        self.values += other.values
        self.damaged += other.damaged
        self.recovered += other.recovered
        self.kept_raw += other.kept_raw
        self.wrong += other.wrong
        return self

    @property
    def recovery(self) -> float:
        return self.recovered / self.damaged if self.damaged else 1.0


def _warned(doc: ParsedDocument, printed: str) -> bool:
    return any(printed in w for w in doc.warnings)


def _gold_objectives() -> dict[tuple[str, str, int], dict]:
    return {(b["mission_code"], b["program_code"], o["seq"]): o for b in GOLD["blocks"] for o in b["objectives"]}


def score(doc: ParsedDocument) -> dict[str, Tally]:
    """Project codes and amounts of a parse of damaged text, against the gold."""
    codes, amounts = Tally(), Tally()
    gold_summary = {s["objective_code"]: s for s in GOLD["summary_objectives"]}
    for summary in doc.tables.get("summary_objectives", []):
        gold = gold_summary[summary["objective_code"]]
        for i, expected in enumerate(gold["project_codes"]):
            printed = summary["project_codes_raw"][i] if i < len(summary["project_codes_raw"]) else None
            got = summary["project_codes"][i] if i < len(summary["project_codes"]) else None
            codes.add(printed != expected, printed, expected, got,
                      got == printed and printed is not None and _warned(doc, printed),
                      f"summary {summary['objective_code']}")
    gold_objectives = _gold_objectives()
    found = {(o["mission_code"], o["program_code"], o["objective_seq"]): o for o in doc.tables.get("objectives", [])}
    for key, gold in gold_objectives.items():
        objective = found.get(key)
        for i, expected in enumerate(gold["project_codes"]):
            if objective is None or i >= len(objective["project_codes"]):
                codes.add(True, None, expected, None, False, f"objective {key}")
                continue
            printed, got = objective["project_codes_raw"][i], objective["project_codes"][i]
            method = objective["project_codes_method"][i]
            codes.add(printed != expected, printed, expected, got,
                      got == printed and method == "unresolved" and _warned(doc, printed), f"objective {key}")
    resources = {(r["mission_code"], r["program_code"], r["objective_seq"], r["phase"], r["item"]): r
                 for r in doc.tables.get("resources", [])}
    for key, gold in gold_objectives.items():
        for res in gold["resources"]:
            expected = None if res["amount"] is None else Decimal(res["amount"])
            record = resources.get((*key, res["phase"], res["item"]))
            printed = record["amount_text"] if record else None
            got = record["amount"] if record else None
            clean = None if expected is None else _printed_amount(expected)
            amounts.add(printed != clean, printed, expected, got,
                        record is not None and got is None and printed is not None and _warned(doc, printed),
                        f"resource {key} {res['phase']} {res['item']}")
    return {"project codes": codes, "amounts": amounts}


def _printed_amount(value: Decimal) -> str:
    """How the seed prints an amount: '€ 5.400,00'."""
    whole, cents = f"{value:.2f}".split(".")
    return f"€ {int(whole):,}".replace(",", ".") + f",{cents}"


def run(rate: float, known: frozenset[str]) -> dict[str, Tally]:
    text = SEED.read_text(encoding="utf-8")
    totals = {"project codes": Tally(), "amounts": Tally()}
    for seed in SEEDS:
        damaged, _ = damage_text(text, rate, seed)
        layout = extract_text(str(SEED), damaged.encode("utf-8"), f"damaged-{rate}-{seed}")
        doc = parse(layout, INFO, ParseContext(known_project_codes=known))
        for name, tally in score(doc).items():
            totals[name] += tally
    return totals


def _report(rate: float, registry: str, totals: dict[str, Tally]) -> None:
    for name, t in totals.items():
        print(f"\n[robustness] damage {rate:.0%} per char, registry {registry}, {len(SEEDS)} seeds: {name}: "
              f"{t.values} values, {t.damaged} damaged, {t.recovered} recovered ({t.recovery:.1%}), "
              f"{t.kept_raw} kept raw with a warning, {len(t.wrong)} wrong")


def test_the_clean_seed_is_all_recovered() -> None:
    layout = extract_text(str(SEED), SEED.read_bytes(), "clean")
    totals = score(parse(layout, INFO, ParseContext()))
    for name, t in totals.items():
        assert t.wrong == [], t.wrong
        assert t.kept_raw == 0, name
    # The seed's own damage: 180101 and ZD0101 in the objective blocks.
    assert totals["project codes"].damaged == 2
    assert totals["project codes"].recovered == 2
    assert totals["amounts"].values == 102


@pytest.mark.parametrize("rate", [0.05, 0.20])
@pytest.mark.parametrize("registry", ["none", "relazione-2016"])
def test_damaged_values_are_recovered_or_kept_raw_never_guessed(rate: float, registry: str) -> None:
    known = RELAZIONE_CODES if registry == "relazione-2016" else frozenset()
    totals = run(rate, known)
    _report(rate, registry, totals)
    for name, t in totals.items():
        assert t.damaged > 0, f"the generator damaged no {name}"
        assert t.wrong == [], f"{name}: {len(t.wrong)} wrong guesses, e.g. {t.wrong[:5]}"
    # Floors below the measured rates (90-91% with no registry: a damaged code the grammar leaves one
    # reading for is read; Z reads 2 or 7 and a 0 in the letter position C, D, O or Q, so 'ZD0101'
    # printed twice stays raw; 98-100% with the Relazione 2016 codes known).
    assert totals["project codes"].recovery >= (0.95 if known else 0.85)
