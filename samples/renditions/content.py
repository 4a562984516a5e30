"""What the two reports print, read from the gold files and, where the gold has no text
(cover, prose, the overview table's mission and programme names, printed Tipologia,
closing lines), from the seed texts bundled in samples/.

Every value is returned *as printed*: Italian figures (`€ 5.400,00`, `3,7`, `98,40`),
project codes as the report prints them (`(PROGETTO 180101)`), `Efficacia` where the
seed capitalises it.  Nothing here decides a layout.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
PIRA_SEED = ROOT / "samples" / "lucca-pira-consuntivo-2019.txt"
RELAZIONE_SEED = ROOT / "samples" / "lucca-relazione-performance-2016.txt"

_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")


def gold(name: str) -> dict[str, Any]:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def clean(text: str) -> str:
    """Seed text without HTML tags, whitespace collapsed."""
    return _WS.sub(" ", _TAG.sub(" ", text)).strip()


def italian(figure: str | None, euro: bool = False) -> str:
    """A gold figure ('5400.00', '-3.7', '89.6%') printed Italian style ('5.400,00', '-3,7', '89,6%').

    The digits are kept exactly (no rounding, no added decimals).
    """
    if figure is None:
        return ""
    text = figure.strip()
    pct = text.endswith("%")
    text = text.rstrip("%")
    try:
        Decimal(text)
    except ArithmeticError:          # 'N.C.' and other words stay as printed
        return figure
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("+-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups) + ("," + frac if frac else "")
    if euro:
        out = "€ " + out
    return out + ("%" if pct else "")


# --- PIRA -----------------------------------------------------------------------------

PIRA_GOLD = "pira-lucca-2019.json"


@dataclass
class PiraContent:
    gold: dict[str, Any]
    cover: list[str]                    # cover lines, top to bottom
    heading: str                        # the document's own title heading
    prose: list[str]                    # intro paragraphs (a line starting '- ' is a list item)
    overview: list[dict[str, Any]]      # per mission column: mission, programme, objectives (lines)
    type_raw: dict[tuple[str, str, int, int], str]   # (mission, programme, objective, indicator) -> printed

    @property
    def blocks(self) -> list[dict[str, Any]]:
        return self.gold["blocks"]


def pira_content() -> PiraContent:
    g = gold(PIRA_GOLD)
    lines = PIRA_SEED.read_text(encoding="utf-8").split("\n")
    # Cover: the seed's first lines up to the intro heading, without the stray '1182' (logo text).
    heading_at = next(i for i, l in enumerate(lines) if l.startswith("PIRA: Piano degli indicatori"))
    cover = [clean(l) for l in lines[:heading_at] if clean(l) and clean(l) != "1182"]
    overview_at = next(i for i, l in enumerate(lines) if l.startswith("Missione\t") and "012" in l)
    prose = [clean(l) for l in lines[heading_at + 1:overview_at] if clean(l)]
    missions = lines[overview_at].split("\t")[1:]
    programmes = lines[overview_at + 1].split("\t")[1:]
    objectives = lines[overview_at + 2].split("\t")[1:]
    overview = []
    for mission, programme, cell in zip(missions, programmes, objectives):
        items = [clean(p) for p in re.findall(r"<p>(.*?)</p>", cell, re.S)] or [clean(cell)]
        overview.append({"mission": clean(mission), "programme": clean(programme), "objectives": items})
    # Printed Tipologia, in document order: the value row under each 'Tipologia' header.
    printed_types = [lines[i + 1].split("\t")[0].strip() for i, l in enumerate(lines) if l.startswith("Tipologia\t")]
    type_raw: dict[tuple[str, str, int, int], str] = {}
    order = [(b["mission_code"], b["program_code"], o["seq"], ind["seq"], ind["type"])
             for b in g["blocks"] for o in b["objectives"] for ind in o["indicators"]]
    assert len(order) == len(printed_types), (len(order), len(printed_types))
    for (m, p, o, i, gold_type), printed in zip(order, printed_types):
        assert printed.lower() == gold_type, (m, p, o, i, printed, gold_type)
        type_raw[(m, p, o, i)] = printed
    # Sanity of the overview against the gold.
    codes = [item.split()[0] for col in overview for item in col["objectives"]]
    assert codes == [s["objective_code"] for s in g["summary_objectives"]], codes
    return PiraContent(g, cover, clean(lines[heading_at]), prose, overview, type_raw)


# --- Relazione ----------------------------------------------------------------------------

RELAZIONE_GOLD = "relazione-lucca-2016-pdf.json"


@dataclass
class RelazioneContent:
    gold: dict[str, Any]
    cover: list[str]
    presentazione: list[str]            # paragraphs, then the signature lines
    overall_sentence: str               # the 2.1 sentence that prints the overall 99.57%
    closings: list[str]                 # 'OBIETTIVO REALIZZATO AL 98,4%' etc., in gold order
    owner_headers: dict[str, str]       # owner -> the table header the report prints


def _paragraphs(lines: list[str]) -> list[str]:
    """Seed lines (wrapped, blank-line separated, some ending a paragraph with '.') joined into paragraphs."""
    paragraphs, current = [], []
    for raw in lines:
        line = clean(raw)
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if line.endswith((".", ":")) and len(raw.rstrip()) < 80:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def relazione_content() -> RelazioneContent:
    g = gold(RELAZIONE_GOLD)
    lines = RELAZIONE_SEED.read_text(encoding="utf-8").split("\n")
    cover = ["Relazione sulla performance", "2016", "giugno 2017", "in conformità al", "D. Lgs. n. 150/2009"]
    start = next(i for i, l in enumerate(lines) if clean(l) == "Presentazione")
    end = next(i for i, l in enumerate(lines) if clean(l).startswith("1. Sintesi delle informazioni"))
    presentazione = _paragraphs(lines[start + 1:end])
    overall = ("La performance conseguita nel 2016 è pienamente in linea con gli obiettivi che l’Ente si era "
               f"prefissato, evidenziando un elevato livello di raggiungimento del risultato atteso pari al "
               f"{g['entity_overall_pct']}%.")
    assert clean(overall).replace(" ", "") in clean(" ".join(lines[890:912])).replace(" ", "")
    # Closing lines of the individual objectives, as printed, in document (= gold) order.
    section = lines[next(i for i, l in enumerate(lines) if "2.2 Gli obiettivi individuali" in l):
                    next(i for i, l in enumerate(lines) if l.strip().startswith("3. Profilo economico"))]
    closings = [clean(l) for l in section if "REALIZZATO AL" in l]
    assert len(closings) == len(g["individual_objectives"]), closings
    headers = {
        "Segretario generale": "SEGRETARIO GENERALE",
        "Dirigente Area Promozione e sviluppo per le imprese - Amministrazione":
            "DIRIGENTE PROMOZIONE E SVILUPPO PER LE IMPRESE, AMMINISTRAZIONE",
        "Dirigente Area Anagrafico certificativa, Studi, Politiche economiche e Regolazione del mercato":
            "DIRIGENTE ANAGRAFICO CERTIFICATIVO, STUDI, POLITICHE ECONOMICHE E REGOLAZIONE MERCATO",
    }
    assert set(headers) == {o["owner"] for o in g["individual_objectives"]}
    return RelazioneContent(g, cover, presentazione, overall, closings, headers)
