"""Project codes and resource amounts of a PIRA parse, scored against the gold, field by field.

Every gold field lands in exactly one bin:

- right: the value equals the gold;
- raw: the printed (damaged) value is kept, not typed or reconciled, and a warning names it and
  lists the right value among its readings (a warning that leaves the right value out misleads:
  wrong);
- wrong: any other value: a guess that is worse than a warning;
- dropped: the gold value has no counterpart at all (a printed code missing from the list, a
  resource row missing), with or without a warning.

``damaged`` counts the fields whose printing differs from the gold (the seed's own ``180101`` and
``ZD0101`` included).  Used by ``tests/test_robustness.py`` and ``bench/ocr_damage.py``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fixtures import load_gold

GOLD = load_gold("pira-lucca-2019.json")


@dataclass
class Tally:
    values: int = 0
    damaged: int = 0
    right: int = 0
    raw: int = 0
    wrong: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def add(self, damaged: bool, right: bool, kept_raw: bool, where: str, detail: str) -> None:
        self.values += 1
        self.damaged += damaged
        if right:
            self.right += 1
        elif kept_raw:
            self.raw += 1
        else:
            self.wrong.append(f"{where}: {detail}")

    def drop(self, where: str) -> None:
        self.values += 1
        self.damaged += 1
        self.dropped.append(where)

    def __iadd__(self, other: Tally) -> Tally:
        self.values += other.values
        self.damaged += other.damaged
        self.right += other.right
        self.raw += other.raw
        self.wrong += other.wrong
        self.dropped += other.dropped
        return self

    def share(self, n: int) -> float:
        return n / self.values if self.values else 1.0


def _warned(warnings: list[str], printed: str, right: str) -> bool:
    """A warning names the printed value and lists the right reading."""
    return any(printed in w and right in w for w in warnings)


def _score_codes(tally: Tally, gold_codes: list[str], record: Mapping[str, Any] | None, warnings: list[str],
                 where: str) -> None:
    raw = list(record["project_codes_raw"]) if record else []
    got = list(record["project_codes"]) if record else []
    methods = list(record.get("project_codes_method") or []) if record else []
    for i, expected in enumerate(gold_codes):
        if i >= len(got):
            tally.drop(f"{where} code {i + 1} ({expected})")
            continue
        printed = raw[i]
        unresolved = methods[i] == "unresolved" if i < len(methods) else got[i] == printed
        tally.add(printed != expected, got[i] == expected,
                  got[i] == printed and unresolved and _warned(warnings, printed, expected),
                  where, f"printed {printed!r}, got {got[i]!r}, gold {expected!r}")


def _printed_amount(value: Decimal) -> str:
    """How the seed prints an amount: '€ 5.400,00'."""
    whole, cents = f"{value:.2f}".split(".")
    return f"€ {int(whole):,}".replace(",", ".") + f",{cents}"


def score(tables: Mapping[str, list[dict[str, Any]]], warnings: list[str]) -> dict[str, Tally]:
    """{'project codes': Tally, 'amounts': Tally} of one parse against the PIRA gold."""
    codes, amounts = Tally(), Tally()
    summaries = {s["objective_code"]: s for s in tables.get("summary_objectives", [])}
    for gold in GOLD["summary_objectives"]:
        _score_codes(codes, gold["project_codes"], summaries.get(gold["objective_code"]), warnings,
                     f"summary {gold['objective_code']}")
    found = {(o["mission_code"], o["program_code"], o["objective_seq"]): o for o in tables.get("objectives", [])}
    resources = {(r["mission_code"], r["program_code"], r["objective_seq"], r["phase"], r["item"]): r
                 for r in tables.get("resources", [])}
    for block in GOLD["blocks"]:
        for objective in block["objectives"]:
            key = (block["mission_code"], block["program_code"], objective["seq"])
            _score_codes(codes, objective["project_codes"], found.get(key), warnings, f"objective {key}")
            for res in objective["resources"]:
                where = f"resource {key} {res['phase']} {res['item']}"
                record = resources.get((*key, res["phase"], res["item"]))
                if record is None:
                    amounts.drop(where)
                    continue
                expected = None if res["amount"] is None else Decimal(res["amount"])
                printed, got = record["amount_text"], record["amount"]
                clean = None if expected is None else _printed_amount(expected)
                amounts.add(printed != clean, got == expected,
                            got is None and printed is not None and expected is not None
                            and _warned(warnings, printed, str(expected)),
                            where, f"printed {printed!r}, got {got!r}, gold {expected!r}")
    return {"project codes": codes, "amounts": amounts}


RELAZIONE_GOLD = load_gold("relazione-lucca-2016-pdf.json")
_BUDGET_COLUMNS = ("budget_initial", "budget_updated", "actual")


def _relazione_rows() -> list[tuple[str, str, dict[str, Any], Any]]:
    """(where, what its warnings name, gold row, test that finds its record) for every budget and
    area row of the Relazione gold."""
    rows: list[tuple[str, str, dict[str, Any], Any]] = []
    for b in RELAZIONE_GOLD["budget_lines"]:
        code = b["project_code"]
        rows.append((f"project {code or b['project_title']}", f"budget_lines project {b['project_code_raw'] or ''}",
                     b, lambda r, b=b: r.get("line_kind") == "project"
                     and r.get("strategic_objective") == b["strategic_objective"]
                     and (r.get("project_code") == b["project_code"] if b["project_code"]
                          else r.get("project_title") == b["project_title"])))
    for b in RELAZIONE_GOLD["budget_subtotals"]:
        so = b["strategic_objective"]
        rows.append((f"subtotal {so}", f"budget_lines subtotal {so}", b,
                     lambda r, so=so: r.get("line_kind") == "subtotal" and r.get("strategic_objective") == so))
    rows.append(("total", "budget_lines total", RELAZIONE_GOLD["budget_total"],
                 lambda r: r.get("line_kind") == "total"))
    for a in RELAZIONE_GOLD["strategic_areas"]:
        area = None if a["area"] == "total" else a["area"]
        rows.append((f"area {a['area']}", f"strategic_areas {a['name']}", a,
                     lambda r, area=area: "line_kind" not in r and r.get("area") == area))
    return rows


def score_relazione(tables: Mapping[str, list[dict[str, Any]]], warnings: list[str]) -> Tally:
    """The amounts of the Relazione's budget and area tables (150) against the PDF gold.

    ``damaged`` is not known per field here (the damage is injected into cells, and a row's
    figures may print the same text): the caller counts damaged cells.  A figure left unread
    is 'raw' when a warning names its row and column and lists the right value.
    """
    tally = Tally()
    records = [*tables.get("budget_lines", []), *tables.get("strategic_areas", [])]
    for where, named, gold, finds in _relazione_rows():
        found = [r for r in records if finds(r)]
        for column in _BUDGET_COLUMNS:
            expected = Decimal(gold[column])
            if len(found) != 1:
                tally.drop(f"relazione {where} {column}")
                continue
            got = found[0][column]
            tally.add(False, got == expected,
                      got is None and any(named in w and f": {column} " in w and str(expected) in w for w in warnings),
                      f"relazione {where} {column}", f"got {got!r}, gold {expected}")
    return tally
