"""Reference missions and programmes of the Camere di Commercio (``schemas/missions_programmes.csv``).

The list follows the MISE note that assigned the State's missions and programmes
(DPCM 12 dicembre 2012) to the chambers under the D.M. 27 marzo 2013; each row names
its own source, and rows written from knowledge rather than from a copy of the note
say so.  Codes are three digits, kept as strings (``'011'``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Programme:
    mission_code: str
    mission_name: str
    program_code: str
    program_name: str
    source: str


@cache
def programmes() -> tuple[Programme, ...]:
    """Every (mission, programme) row of the reference list."""
    text = resources.files("camerale.schemas").joinpath("missions_programmes.csv").read_text(encoding="utf-8")
    return tuple(Programme(**row) for row in csv.DictReader(text.splitlines()))


def mission_codes() -> set[str]:
    return {p.mission_code for p in programmes()}


def program_codes(mission_code: str) -> set[str]:
    return {p.program_code for p in programmes() if p.mission_code == mission_code}


def mission_name(mission_code: str) -> str | None:
    return next((p.mission_name for p in programmes() if p.mission_code == mission_code), None)


def program_name(mission_code: str, program_code: str) -> str | None:
    return next((p.program_name for p in programmes()
                 if p.mission_code == mission_code and p.program_code == program_code), None)
