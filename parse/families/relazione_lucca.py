"""Relazione sulla performance in the Lucca template (2016).

Section 1 prints the budget by strategic objective and project (objective cell merged
down its projects and subtotal, a TOTALE RISORSE line) and its summary by strategic
area; section 2 the entity's objectives with their achievement %, then one table per
owner (Segretario generale, each Dirigente) of individual objectives, indicators and
closing rows 'OBIETTIVO REALIZZATO AL 98,4%'; section 3 the composition of revenue and
costs (amounts, then 'COMPOSIZIONE %') and the financial-health indicators by year.

A table is recognised by the concepts of its header row, in any order and any column;
a part without a header continues the table before it.
"""
from camerale.parse.families import Family, TableSpec, Vocabulary

_FIGURE_WORDS = r"(?: (?:anno )?(?:19|20)\d{2}| al \d{1,2}/\d{1,2}(?:/\d{2,4})?| \(?euro\)?)*"

LABELS = {
    # Budget table and areas summary.
    # A column headed 'Obiettivo' alone, beside the objective's code column, holds its title.
    "strategic_objective": (r"obiettiv[oi] strategic[oi]", r"obiettiv[oi]"),
    # One column holding both: the objective on a full-width row, its projects below it.
    "objective_and_project": (r"obiettiv[oi] strategic[oi] ?/ ?progett[oi]",),
    "objective_code": (r"ob\.? ?strat\.?", r"cod(?:ice)?\.? obiettivo(?: strategico)?"),
    "project": (r"progett[oi]", r"progetto/iniziativa", r"iniziative", r"descrizione progetto"),
    "project_code": (r"cod(?:ice)?\.? progetto",),
    "budget_initial": (r"budget iniziale" + _FIGURE_WORDS, r"(?:previsione|stanziamento) iniziale" + _FIGURE_WORDS),
    "budget_updated": (r"budget (?:aggiornato|assestato|al \d{1,2}/\d{1,2}(?:/\d{2,4})?)" + _FIGURE_WORDS,
                       r"(?:previsione|stanziamento) (?:aggiornat[oa]|assestat[oa]|definitiv[oa])" + _FIGURE_WORDS),
    "actual": (r"consuntivo" + _FIGURE_WORDS, r"(?:importo )?(?:realizzato|utilizzato|speso|impiegato)" + _FIGURE_WORDS),
    # 'aggiornat' : a narrow header cell (or OCR) may lose the last letter.
    "pct_used": (r"% (?:di )?utilizzo(?: (?:del )?budget)?(?: (?:aggiornat[oa]?|assestato|al \d{1,2}/\d{1,2}(?:/\d{2,4})?))?",
                 r"% utilizzat[oa]", r"grado di utilizzo(?: %)?"),
    "pct_of_total": (r"% (?:risorse )?impiegate(?: per (?:ob\.?|obiettivo|area) ?(?:strategic[oa])?)?",
                     r"% (?:sul|del) totale", r"incidenza(?: %)?(?: sul totale)?"),
    "total": (r"totale(?: risorse| generale(?: aree strategiche)?)?",),
    # Achievements.
    "entity_objectives": (r"obiettiv[oi] (?:di|dell'?) ente(?: anno (?:19|20)\d{2})?",),
    "number": (r"n\.?", r"nr\.?", r"numero", r"area"),
    "area_name": (r"area strategica", r"aree strategiche(?: .*)?", r"riepilogo risorse per aree strategiche(?: .*)?"),
    "realization": (r"(?:% )?(?:di )?realizzazione(?: %)?", r"grado di (?:realizzazione|raggiungimento)(?: %)?"),
    "indicator": (r"indicator[ei](?: di (?:performance|risultato))?",),
    # Stems: a narrow header cell may lose its last letter to the cell's edge.
    "achievement": (r"% (?:di )?raggiungiment\w*", r"raggiungiment\w*(?: %)?"),
    "owner_secretary": (r"segretario generale.*",),
    "year_label": (r"anno", r"esercizio"),
    "owner_manager": (r"dirigente.*",),
    # Section 3.
    "proventi": (r"proventi correnti",),
    "oneri": (r"oneri correnti",),
    "composition_pct": (r"composizione %",),
    "year": (r"(?:consuntivo |anno )?(?:19|20)\d{2}",),
}

FAMILY = Family(
    name="relazione_lucca",
    doc_type="relazione_performance",
    vocabulary=Vocabulary(LABELS),
    signature=("strategic_objective", "project", "budget_initial", "budget_updated", "actual", "pct_used",
               "entity_objectives", "indicator", "achievement", "proventi", "oneri"),
    min_signature=0.6,
    parser="camerale.parse.relazione:parse",
    completeness="camerale.parse.completeness:relazione",
    text_parser="camerale.parse.relazione_text:parse_text",
    # Tried in this order: the first whose header concepts are all printed names the table.
    tables=(
        TableSpec("composition", identify=(), columns=("proventi", "oneri", "composition_pct", "year")),
        TableSpec("financial", identify=("indicator", "year"), columns=("indicator", "year")),
        TableSpec("financial_by_year", identify=("year_label",), columns=("year_label", "indicator")),
        TableSpec("individual", identify=("achievement",), columns=("owner", "indicator", "achievement")),
        TableSpec("entity", identify=("entity_objectives", "realization"),
                  columns=("number", "entity_objectives", "realization")),
        TableSpec("areas", identify=("area_name", "budget_initial"),
                  columns=("number", "area_name", "budget_initial", "budget_updated", "actual", "pct_used",
                           "pct_of_total")),
        TableSpec("budget", identify=("budget_initial",),
                  columns=("objective_code", "strategic_objective", "project_code", "project", "budget_initial",
                           "budget_updated", "actual", "pct_used", "pct_of_total")),
    ),
)
