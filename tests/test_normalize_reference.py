"""The reference list of missions and programmes (schemas/missions_programmes.csv)."""
from __future__ import annotations

import re

import pytest

from camerale.normalize.codes import reconcile_mission_code, reconcile_program_code
from camerale.normalize.reference import (
    mission_codes,
    mission_name,
    program_codes,
    program_name,
    programmes,
)


def test_every_row_is_well_formed_and_names_its_source() -> None:
    rows = programmes()
    assert len(rows) >= 10
    for p in rows:
        assert re.fullmatch(r"\d{3}", p.mission_code) and re.fullmatch(r"\d{3}", p.program_code)
        assert p.mission_name and p.program_name and p.source
    assert len({(p.mission_code, p.program_code) for p in rows}) == len(rows)
    assert {"011", "012", "016", "032", "033", "090", "091"} <= mission_codes()


@pytest.mark.parametrize("mission, program, m_name, p_name", [
    # names as the PIRA seed prints them in its block headers (L55-L56, L388-L389, L435-L438, L478-L481)
    ("011", "005", "Competitività e sviluppo delle imprese",
     "Promozione e attuazione di politiche di sviluppo, competitività e innovazione, di responsabilità sociale "
     "d'impresa e movimento cooperativo"),
    ("012", "004", "Regolazione dei mercati",
     "Vigilanza sui mercati e sui prodotti, promozione della concorrenza e tutela dei consumatori"),
    ("016", "005", "Commercio internazionale ed internazionalizzazione del sistema produttivo",
     "Sostegno all'internazionalizzazione delle imprese e promozione del made in Italy"),
    ("032", "002", "Servizi istituzionali e generali delle amministrazioni pubbliche", "Indirizzo politico"),
    ("032", "004", "Servizi istituzionali e generali delle amministrazioni pubbliche",
     "Servizi generali, formativi ed approvvigionamenti per le Amministrazioni pubbliche"),
])
def test_seed_missions_and_programmes(mission: str, program: str, m_name: str, p_name: str) -> None:
    assert mission_name(mission) == m_name
    assert program_name(mission, program) == p_name
    assert program in program_codes(mission)
    assert reconcile_mission_code(mission).warning is None
    assert reconcile_program_code(program, mission).warning is None


def test_unknown_codes_are_flagged() -> None:
    assert "'099'" in reconcile_mission_code("099").warning
    assert "'007'" in reconcile_program_code("007", "011").warning
