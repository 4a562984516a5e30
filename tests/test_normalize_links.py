"""objective_links on the two seeds: PIRA Lucca 2019 objectives to Relazione Lucca 2016 records.

The input frames are built from the gold files (hand-checked records) and round-tripped
through Parquet, as the pipeline reads them; the expected links are written by hand from
the seeds (PIRA line 53 and blocks, Relazione lines 354-520).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from camerale.normalize.links import TITLE_LINK_THRESHOLD, link_objectives, title_score
from camerale.schemas.tables import OBJECTIVE_LINKS

GOLD = Path(__file__).parent / "gold"

# PIRA objective -> Relazione strategic objective, through the project code prefix.
STRATEGIC = {
    ("011-005-001", "1B"), ("011-005-002", "2D"), ("011-005-003", "2C"), ("011-005-004", "2E"),
    ("011-005-005", "3E"), ("012-004-001", "1D"), ("012-004-002", "1E"), ("012-004-003", "1F"),
    ("012-004-004", "2A"), ("012-004-005", "2B"), ("012-004-006", "2C"), ("016-005-001", "2E"),
    ("032-002-001", "3B"), ("032-002-002", "3D"), ("032-004-002", "3C"), ("032-004-003", "3F"),
}
# PIRA objective -> Relazione budget line, through the same project code.
BUDGET = {
    ("011-005-001", "1B0101"), ("011-005-002", "2D0101"), ("011-005-003", "2C0101"), ("011-005-003", "2C0104"),
    ("011-005-004", "2E0101"), ("011-005-004", "2E0103"), ("011-005-004", "2E0104"), ("012-004-002", "1E0101"),
    ("012-004-004", "2A0101"), ("012-004-005", "2B0101"), ("016-005-001", "2E0102"), ("032-002-001", "3B0101"),
    ("032-002-001", "3B0102"), ("032-002-002", "3D0101"), ("032-004-002", "3C0102"), ("032-004-002", "3C0103"),
    ("032-004-002", "3C0104"), ("032-004-002", "3C0105"), ("032-004-003", "3F0101"),
}
# Shared by title only: the PIRA prints 3E7101 where the Relazione has 3E0101, and
# 'RIORGANIZZAZIONE DELL'ENTE.' prints no project code at all.
TITLE = {("011-005-005", "budget_lines", "3E0101"), ("032-004-001", "strategic_objectives", "3A")}


def _roundtrip(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)
    return pq.read_table(path).to_pandas()


def _rows(df: pd.DataFrame | None) -> list[dict] | None:
    """Rows as the pipeline gives them to link_objectives: through Arrow, one dict per row."""
    return None if df is None else pa.Table.from_pandas(df, preserve_index=False).to_pylist()


def _links(objectives, strategic, budget, documents=None) -> list[dict]:
    return link_objectives(_rows(objectives), _rows(strategic), _rows(budget), _rows(documents))


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    tmp = tmp_path_factory.mktemp("links")
    pira = json.loads((GOLD / "pira-lucca-2019.json").read_text(encoding="utf-8"))
    relazione = json.loads((GOLD / "relazione-lucca-2016.json").read_text(encoding="utf-8"))
    objectives = [{"doc_id": "pira", "mission_code": b["mission_code"], "program_code": b["program_code"],
                   "objective_seq": o["seq"], "objective_code": o["objective_code"], "title": o["title_raw"],
                   "project_codes": o["project_codes"],
                   "project_codes_method": ["exact"] * len(o["project_codes"])}
                  for b in pira["blocks"] for o in b["objectives"]]
    strategic = [{"doc_id": "relazione", "code": s["code"], "title": s["title"]}
                 for s in relazione["strategic_objectives"]]
    budget = [{"doc_id": "relazione", "line_kind": "project", "strategic_objective": b["strategic_objective"],
               "project_code": b["project_code"], "project_title": b["project_title"]}
              for b in relazione["budget_lines"]]
    documents = [{"doc_id": "pira", "chamber": "Lucca", "reference_year": 2019},
                 {"doc_id": "relazione", "chamber": "Lucca", "reference_year": 2016}]
    return {name: _roundtrip(pd.DataFrame(rows), tmp / f"{name}.parquet")
            for name, rows in [("objectives", objectives), ("strategic_objectives", strategic),
                               ("budget_lines", budget), ("documents", documents)]}


def test_seed_links_are_the_shared_projects_and_the_matching_titles(frames: dict[str, pd.DataFrame]) -> None:
    links = _links(frames["objectives"], frames["strategic_objectives"], frames["budget_lines"],
                            frames["documents"])
    by_code = {(l["left_key"], l["right_table"], l["right_key"]) for l in links if l["method"] == "project_code"}
    assert by_code == ({(o, "strategic_objectives", s) for o, s in STRATEGIC}
                       | {(o, "budget_lines", b) for o, b in BUDGET})
    by_title = {(l["left_key"], l["right_table"], l["right_key"]) for l in links if l["method"] == "title"}
    assert by_title == TITLE
    assert all(l["left_doc_id"] == "pira" and l["right_doc_id"] == "relazione" for l in links)


def test_a_link_carries_titles_codes_and_score(frames: dict[str, pd.DataFrame]) -> None:
    links = _links(frames["objectives"], frames["strategic_objectives"], frames["budget_lines"],
                            frames["documents"])
    link = next(l for l in links if l["left_key"] == "011-005-001" and l["right_key"] == "1B")
    assert link["left_table"] == "objectives" and link["right_table"] == "strategic_objectives"
    assert link["left_title"].startswith("ANALISI DEL SISTEMA ECONOMICO LOCALE")
    assert link["right_title"] == "Analisi del sistema economico locale"
    assert (link["method"], link["score"], link["shared_codes"]) == ("project_code", 1.0, ["1B0101"])
    # the table fits the published schema
    table = pa.Table.from_pylist(links, schema=OBJECTIVE_LINKS)
    assert table.num_rows == len(STRATEGIC) + len(BUDGET) + len(TITLE)


def test_unresolved_codes_do_not_link(frames: dict[str, pd.DataFrame]) -> None:
    objectives = frames["objectives"].copy()
    objectives["project_codes"] = [["180101"] if k == "011-005-001" else list(c)
                                   for k, c in zip(objectives["objective_code"], objectives["project_codes"])]
    objectives["project_codes_method"] = [["unresolved"] * len(c) if k == "011-005-001" else list(m)
                                          for k, c, m in zip(objectives["objective_code"], objectives["project_codes"],
                                                             objectives["project_codes_method"])]
    links = _links(objectives, frames["strategic_objectives"], frames["budget_lines"], frames["documents"])
    mine = {(l["right_key"], l["method"]) for l in links if l["left_key"] == "011-005-001"}
    # the raw code links nothing; the titles still find the strategic objective 1B and the budget
    # line 1B0101, whose title is the second half of the PIRA title
    assert mine == {("1B", "title"), ("1B0101", "title")}


def test_other_chambers_are_not_linked(frames: dict[str, pd.DataFrame]) -> None:
    documents = frames["documents"].copy()
    documents.loc[documents["doc_id"] == "relazione", "chamber"] = "Pisa"
    assert _links(frames["objectives"], frames["strategic_objectives"], frames["budget_lines"],
                           documents) == []


def test_objectives_of_two_pira_years_link_by_project_code(frames: dict[str, pd.DataFrame]) -> None:
    later = frames["objectives"].copy()
    later["doc_id"] = "pira-2020"
    objectives = pd.concat([frames["objectives"], later], ignore_index=True)
    documents = pd.concat([frames["documents"], pd.DataFrame(
        [{"doc_id": "pira-2020", "chamber": "Lucca", "reference_year": 2020}])], ignore_index=True)
    links = _links(objectives, None, None, documents)
    pairs = {(l["left_doc_id"], l["left_key"], l["right_doc_id"], l["right_key"], l["method"]) for l in links}
    assert ("pira", "011-005-001", "pira-2020", "011-005-001", "project_code") in pairs
    # no project code: linked by its identical title
    assert ("pira", "032-004-001", "pira-2020", "032-004-001", "title") in pairs
    # the two objectives printed with the same title but different projects link across years too,
    # by title: an analyst sees the ambiguity instead of a silent choice
    assert ("pira", "011-005-004", "pira-2020", "016-005-001", "title") in pairs


def test_title_score_threshold_separates_the_seed_pairs() -> None:
    # same objective, different wording (scores measured on the seeds and written down by hand)
    assert title_score("RIORGANIZZAZIONE DELL'ENTE.", "Riorganizzazione dell'ente") >= TITLE_LINK_THRESHOLD
    assert title_score("ANALISI DEL SISTEMA ECONOMICO LOCALE: Valorizzazione dell'informazione economica",
                       "Analisi del sistema economico locale") >= TITLE_LINK_THRESHOLD
    # different objectives sharing words
    assert title_score("ANALISI DEL SISTEMA ECONOMICO LOCALE: Valorizzazione dell'informazione economica per il "
                       "miglioramento della definizione delle politiche di intervento per lo sviluppo del territorio.",
                       "Proposte per nuove politiche di sviluppo") < TITLE_LINK_THRESHOLD
    # a one-word title is compared whole, not as a subset of a longer one
    assert title_score("Trasparenza", "ATTUAZIONE OBBLIGHI TRASPARENZA E ANTICORRUZIONE") < TITLE_LINK_THRESHOLD
    assert title_score("TRASPARENZA.", "Trasparenza") == 100


def test_the_text_seeds_through_the_real_parsers_give_the_same_links() -> None:
    from camerale.extract.text import extract_text
    from camerale.model import DocumentInfo, ParseContext
    from camerale.parse import pira, relazione_text

    samples = Path(__file__).resolve().parent.parent / "samples"
    pira_path = samples / "lucca-pira-consuntivo-2019.txt"
    rel_path = samples / "lucca-relazione-performance-2016.txt"
    p = pira.parse(extract_text(str(pira_path), pira_path.read_bytes(), "pira"),
                   DocumentInfo("pira", "Lucca", "consuntivo", 2019, "PIRA"), ParseContext())
    r = relazione_text.parse_text(extract_text(str(rel_path), rel_path.read_bytes(), "relazione"),
                                  DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione"),
                                  ParseContext())

    def frame(doc, table: str, doc_id: str) -> pd.DataFrame:
        return pd.DataFrame([{**record, "doc_id": doc_id} for record in doc.tables[table]])

    links = _links(frame(p, "objectives", "pira"), frame(r, "strategic_objectives", "relazione"),
                            frame(r, "budget_lines", "relazione"))
    found = {(l["left_key"], l["right_table"], l["right_key"], l["method"]) for l in links}
    assert found == ({(o, "strategic_objectives", s, "project_code") for o, s in STRATEGIC}
                     | {(o, "budget_lines", b, "project_code") for o, b in BUDGET}
                     | {(o, t, k, "title") for o, t, k in TITLE})
