"""Relazione sulla performance from converter text: the Lucca 2016 seed against its gold,
plus hand-written cases of the structural rules the text parser relies on."""
from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from camerale.extract.text import extract_text
from camerale.model import Cell, DocumentInfo, Layout, ParseContext, ParsedDocument, Row
from camerale.parse.relazione_text import budget_table, indicator_value, parse_text
from camerale.parse.relazione_text_health import Amounts, HealthRow, attribute, health_rows
from camerale.parse.text_lines import Line, split_leading, split_trailing

from fixtures import RELAZIONE_TEXT
from relazione_gold import compare, load_gold, report

INFO = DocumentInfo("relazione_performance", "Lucca", None, 2016, "Relazione sulla performance 2016")


@pytest.fixture(scope="module")
def parsed() -> ParsedDocument:
    data = RELAZIONE_TEXT.read_bytes()
    layout = extract_text(str(RELAZIONE_TEXT), data, hashlib.sha256(data).hexdigest())
    return parse_text(layout, INFO, ParseContext())


@pytest.fixture(scope="module")
def gold() -> dict:
    return load_gold("relazione-lucca-2016.json")


def test_every_table_matches_the_gold(parsed: ParsedDocument, gold: dict) -> None:
    scores = compare(parsed.tables, gold)
    print("\n" + report(scores))
    for score in scores.values():
        assert (score.recall, score.precision) == (1.0, 1.0), report({score.table: score})


def test_every_record_keeps_its_source_line(parsed: ParsedDocument) -> None:
    for table, records in parsed.tables.items():
        assert records, table
        assert all(isinstance(r["line"], int) and r["line"] > 0 for r in records), table


def test_unattributed_health_values_are_warnings_not_rows(parsed: ParsedDocument, gold: dict) -> None:
    rows = {(r["name"], r["year"]) for r in parsed.tables["financial_indicators"]}
    for g in gold["financial_indicators"]:
        for year in g.get("unattributed_years", []):
            assert (g["name"], int(year)) not in rows
            assert any(g["name"] in w and "not attributable" in w and year in w for w in parsed.warnings), g["name"]


def test_code_reconciliation_and_elimination_are_recorded(parsed: ParsedDocument) -> None:
    by_column = {n["column"]: n for n in parsed.normalizations}
    code = by_column["project_code"]
    assert (code["raw"], code["normalized"], code["line"]) == ("IE0101", "1E0101", 377)
    objective = by_column["strategic_objective"]
    assert objective["normalized"] == "1F" and "elimination" in objective["rule"]


@pytest.mark.parametrize("damaged, code, method", [
    ("3(0I04", "3C0104", "confusion+evidence"),  # lines 1502 and 4576 print 3C0104
    ("3CO1O4", "3C0104", "confusion+evidence"),
])
def test_a_damaged_budget_line_code_is_kept_and_read_never_folded_into_the_title(damaged: str, code: str,
                                                                                 method: str) -> None:
    lines = RELAZIONE_TEXT.read_text(encoding="utf-8").split("\n")
    assert lines[523].startswith("3C0104 - Gestione informatica")
    lines[523] = lines[523].replace("3C0104", damaged)
    data = "\n".join(lines).encode("utf-8")
    doc = parse_text(extract_text(str(RELAZIONE_TEXT), data, "damaged"), INFO, ParseContext())
    line = next(b for b in doc.tables["budget_lines"] if b["line"] == 524)
    assert (line["project_code_raw"], line["project_code"], line["project_code_method"]) == (damaged, code, method)
    assert line["project_title"].startswith("Gestione informatica")
    assert (line["strategic_objective"], line["actual"]) == ("3C", Decimal("0.00"))


def test_document_inconsistencies_are_warned_with_both_figures(parsed: ParsedDocument) -> None:
    # Gold note: area 2 prints 1,658,300.00 while its objectives sum to 1,670,300.00.
    assert any("1,658,300.00" in w and "1,670,300.00" in w for w in parsed.warnings)
    assert any("1,759,900.00" in w and "1,781,900.00" in w for w in parsed.warnings)


# --- structural rules, by hand -----------------------------------------------------------

def _lines(*texts: str) -> list[Line]:
    return [Line(t, (Cell(t, line=i),)) for i, t in enumerate(texts, start=1)]


def test_split_trailing_and_leading_figures() -> None:
    assert split_trailing("2C0102- Formazione 130.500,00 90.300,00 59.300,76 65,7") == (
        "2C0102- Formazione", ["130.500,00", "90.300,00", "59.300,76", "65,7"])
    # A code inside the title is not a figure: figures carry decimals or a % sign.
    assert split_trailing("Attuazione nel progetto 1A0101 0,00") == ("Attuazione nel progetto 1A0101", ["0,00"])
    assert split_leading("44,2%Efficienza di Struttura 47,2%") == (["44,2%"], "Efficienza di Struttura 47,2%")


def test_budget_groups_wrapped_titles_subtotals_and_title_blocks() -> None:
    lines = _lines(
        "OBIETTIVO STRATEGICO PROGETTI", "Budget iniziale", "2016",
        "9A0101 - Primo progetto con titolo", "a capo", "10,00 10,00 5,00 50,0",
        "9A0102 - Secondo 0,00 0,00 0,00",
        "10,00 10,00 5,00 50,0 40,00",
        "Senza codice 1,00 1,00 1,00 100,0",
        "1,00 1,00 1,00 100,0 60,00",
        "OBIETTIVO STRATEGICO 9B", "Titolo del nove B",
        "OBIETTIVO STRATEGICO 9A Titolo del nove A", "che va a capo",
        "TITOLO IN MAIUSCOLO DI UN'ALTRA TABELLA")
    table = budget_table(lines, 0)
    assert table.total is None and table.end == len(lines) - 1 and not table.warnings
    [part] = table.parts
    first, second = part.groups
    assert [p.lines[0].text for p in first.projects] == ["9A0101 - Primo progetto con titolo", "9A0102 - Secondo"]
    assert [ln.text for ln in first.projects[0].lines] == ["9A0101 - Primo progetto con titolo", "a capo"]
    assert first.projects[1].figures == ["0,00", "0,00", "0,00"]  # no % printed: stays missing
    assert first.figures[-1] == "40,00"
    assert [p.lines[0].text for p in second.projects] == ["Senza codice"]
    assert [[ln.text for ln in b] for b in part.blocks] == [
        ["OBIETTIVO STRATEGICO 9B", "Titolo del nove B"],
        ["OBIETTIVO STRATEGICO 9A Titolo del nove A", "che va a capo"]]


def test_uncoded_group_takes_the_only_unclaimed_objective() -> None:
    texts = ["OBIETTIVO STRATEGICO PROGETTI", "9A0101 - Coded 1,00 1,00 1,00 100,0", "1,00 1,00 1,00 100,0 50,00",
             "Uncoded 1,00 1,00 1,00 100,0", "1,00 1,00 1,00 100,0 50,00",
             "TOTALE RISORSE 2,00 2,00 2,00 100,0 100,00",
             "OBIETTIVO STRATEGICO 9B", "Bi", "OBIETTIVO STRATEGICO 9A", "A"]
    layout = Layout("x.txt", "0" * 64, "text", None,
                    [Row([Cell(t, line=i)], line=i) for i, t in enumerate(texts, start=1)])
    doc = parse_text(layout, INFO, ParseContext())
    kinds = [(r["line_kind"], r["strategic_objective"], r["project_title"]) for r in doc.tables["budget_lines"]]
    assert kinds == [("project", "9A", "Coded"), ("subtotal", "9A", None),
                     ("project", "9B", "Uncoded"), ("subtotal", "9B", None), ("total", None, None)]
    assert [r["code"] for r in doc.tables["strategic_objectives"]] == ["9A", "9B"]


def test_indicator_value_is_the_last_figure_of_its_block() -> None:
    # A year on its own line inside the text is text, the last line is the achievement.
    text, value = indicator_value(_lines("INDICATORE 2b)", "rispetto alla performance", "2014", "100"))
    assert value == "100" and [ln.text for ln in text][-1] == "2014"
    text, value = indicator_value(_lines("INDICATORE C) relazione alla Giunta entro settembre 100"))
    assert value == "100" and text[0].text == "INDICATORE C) relazione alla Giunta entro settembre"
    assert indicator_value(_lines("INDICATORE 4b)", "Avvio gestione", "N.C."))[1] == "N.C."


def test_health_runs_split_into_rows_with_displaced_values() -> None:
    lines = _lines("Formula a", "Formula b", "1,0%", "Prima riga", "2,0% 3,0% 4,0%",
                   "Seconda riga 5,0% 6,0% 7,0% 8,0%", "9,0%Terza riga 10,0% 11,0% 12,0%", "TITOLO")
    rows, warnings = health_rows(lines, 4)
    assert not warnings
    assert [(r.name_text, [v for v, _ in r.before], [v for v, _ in r.after]) for r in rows] == [
        ("Prima riga", ["1,0%"], ["2,0%", "3,0%", "4,0%"]),
        ("Seconda riga", [], ["5,0%", "6,0%", "7,0%", "8,0%"]),
        ("Terza riga", ["9,0%"], ["10,0%", "11,0%", "12,0%"])]


def test_displaced_value_years_stay_open_unless_the_amounts_settle_them() -> None:
    years = [2016, 2015, 2014, 2013]
    # Proventi 2016: 100 (diritto annuale 70, diritti di segreteria 20) -> 10% other proventi;
    # 2015: 200 (150 + 40) -> 5%.
    amounts = Amounts({("proventi", 2016): {"Diritto annuale": 70, "Diritti di segreteria": 20, "Altro": 10},
                       ("proventi", 2015): {"Diritto annuale": 150, "Diritti di segreteria": 40, "Altro": 10}})
    cell = _lines("x")[0]
    row = HealthRow(_lines("Capacità di generare proventi diversi da diritto annuale"),
                    before=[("7,0%", cell)], after=[("10,0%", cell), ("5,0%", cell), ("6,0%", cell)])
    chosen, warnings = attribute(row, years, amounts)
    assert {y: v for y, (v, _) in chosen.items()} == {2016: "10,0%", 2015: "5,0%"}
    assert len(warnings) == 1 and "2014, 2013" in warnings[0]
    unknown = HealthRow(_lines("Efficienza di Struttura"), before=row.before, after=row.after)
    chosen, warnings = attribute(unknown, years, amounts)
    assert chosen == {} and "2016, 2015, 2014, 2013" in warnings[0]


def test_budget_body_ends_where_prose_begins() -> None:
    # Without title blocks, a run of text lines with no figures is prose after the table;
    # the projects are kept even though no subtotal closes them.
    lines = _lines("OBIETTIVO STRATEGICO PROGETTI", "9A0101 - Progetto 1,00 1,00 1,00 100,0",
                   "Testo che segue la tabella", "e continua", "per parecchie", "righe", "senza cifre")
    table = budget_table(lines, 0)
    [part] = table.parts
    [group] = part.groups
    assert group.line is None and [p.lines[0].text for p in group.projects] == ["9A0101 - Progetto"]
    assert table.end == 2  # the first prose line


def _layout(*texts: str) -> Layout:
    return Layout("x.txt", "0" * 64, "text", None,
                  [Row([Cell(t, line=i)], line=i) for i, t in enumerate(texts, start=1)])


def test_individual_objectives_owner_title_and_indicators() -> None:
    doc = parse_text(_layout(
        "2.3 Gli obiettivi individuali dei dirigenti - risultati 2016.",
        "Dirigente Area Prova e", "Verifica",
        "DIRIGENTE PROVA", "INDICATORE", "%",
        "OBIETTIVO N. 1/2016", "TITOLO IN", "MAIUSCOLO",
        "Testo dell'indicatore senza etichetta", "2015", "97,5",
        "OBIETTIVO REALIZZATO AL 97,5%",
        "OBIETTIVO N. 2/2016 SECONDO", "INDICATORE 1a)", "primo", "100", "INDICATORE 1b) secondo N.C.",
        "L'OBIETTIVO E' REALIZZATO AL 100%"), INFO, ParseContext())
    rows = [(r["owner"], r["objective_number"], r["title"], r["indicator_seq"], r["indicator_label"],
             r["indicator_text"], r["achievement_text"]) for r in doc.tables["achievements"]]
    owner = "Dirigente Area Prova e Verifica"
    assert rows == [
        (owner, "1/2016", "TITOLO IN MAIUSCOLO", None, None, None, "97,5%"),
        (owner, "1/2016", "TITOLO IN MAIUSCOLO", 1, None, "Testo dell'indicatore senza etichetta 2015", "97,5"),
        (owner, "2/2016", "SECONDO", None, None, None, "100%"),
        (owner, "2/2016", "SECONDO", 1, "1a)", "primo", "100"),
        (owner, "2/2016", "SECONDO", 2, "1b)", "secondo", "N.C.")]


def test_entity_table_printed_twice_uses_the_first_copy_and_warns_on_a_difference() -> None:
    doc = parse_text(_layout(
        "risultato atteso pari al", "99.50%.", "OBIETTIVI DI ENTE ANNO 2016 REALIZZAZIONE",
        "1) PRIMO", "OBIETTIVO LUNGO", "99,00", "2) SECONDO 100", "Testo.",
        "OBIETTIVI DI ENTE ANNO 2016 REALIZZAZIONE", "1) PRIMO", "OBIETTIVO LUNGO", "98,00", "2) SECONDO 100"),
        INFO, ParseContext())
    rows = [(r["objective_number"], r["title"], r["achievement_pct"]) for r in doc.tables["achievements"]]
    assert rows == [(None, None, 99.5), ("1", "PRIMO OBIETTIVO LUNGO", 99.0), ("2", "SECONDO", 100.0)]
    assert any("differs from the first copy" in w for w in doc.warnings)
