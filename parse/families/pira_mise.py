"""PIRA in the template the Ministero dello Sviluppo Economico set for the chambers (2013).

Per Missione/Programma block, each objective prints Titolo, Descrizione, Arco temporale,
Centro di responsabilità, its resources (Risorse preventivo/consuntivo YYYY: proventi
correnti, oneri correnti, investimenti) and the number of indicators; each indicator
prints its name, what it measures, Tipologia, Unità di misura, Algoritmo, Fonte,
Ultimo valore, its targets (Risultato atteso YYYY) and results (Risultato anno YYYY).
An overview table lists the objective codes (011-005-001) per programme.

Chambers print these with other words too; every variant below is read as the same
concept, wherever it stands: beside its value, glued to it, or as a column header.
"""
from camerale.parse.families import Family, TableSpec, Vocabulary

_YEAR = r"(?:anno |al |per il )?(?P<year>(?:19|20)\d{2})"

LABELS = {
    # Block headers: 'Missione | 011 - Competitività delle imprese'.
    "mission": (r"missione",),
    "programme": (r"programma(?: di spesa)?",),
    # The overview table's row of objective codes.
    "overview": (r"obiettivi(?: (?:strategici|del programma))?",),
    # Objective.  A bare 'Obiettivo' heads the title (or frames the objective's rows).
    "title": (r"titolo(?: (?:dell'?|del )?obiettivo)?",
              r"obiettivo(?: (?:strategico|operativo))?(?: (?:n\. ?)?\d{1,2}(?:\.\d{1,2})*(?=[:.\s]|$))?",
              r"denominazione(?: (?:dell'?)?obiettivo)?", r"nome (?:dell'?)?obiettivo"),
    "objective_code": (r"codice(?: (?:dell'?)?obiettivo)?", r"cod\. obiettivo"),
    "description": (r"descrizione(?: (?:dell'?)?obiettivo| sintetica)?",),
    "time_span": (r"arco temporale(?: di)?(?: realizzazione)?", r"durata", r"orizzonte temporale",
                  r"periodo(?: di realizzazione)?", r"tempi(?: di realizzazione)?"),
    "responsibility_center": (r"centr[oi] di responsabilita", r"struttura responsabile",
                              r"unita organizzativa(?: responsabile)?", r"responsabile", r"cdr"),
    "resources": (r"risorse(?: finanziarie)?(?: (?P<phase>preventiv[oae]|previst[oae]|consuntiv[oae]|"
                  r"utilizzat[oae]|impiegat[oae]))?(?: " + _YEAR + r")?",),
    "proventi_correnti": (r"proventi correnti",),
    "oneri_correnti": (r"oneri correnti",),
    "investimenti": (r"investimenti",),
    "n_indicators": (r"(?:n|nr|num|numero)\.? ?(?:di |degli )?indicatori(?: associati)?",
                     r"indicatori associati"),
    # Indicator.
    "indicator": (r"indicatore(?: di (?:performance|risultato|impatto))?(?: (?:n\. ?)?\d{1,2}(?:\.\d{1,2})*)?", r"nome (?:dell'?)?indicatore",
                  r"denominazione (?:dell'?)?indicatore"),
    "measures": (r"cosa misura", r"descrizione (?:dell'?)?indicatore", r"finalita(?: (?:dell'?)?indicatore)?"),
    "type": (r"tipologia(?: (?:di |dell'?)?indicatore)?", r"tipo(?: (?:di |dell'?)?indicatore)?"),
    "unit": (r"unita di misura", r"u\. ?m\.?", r"um"),
    "algorithm": (r"algoritmo(?: di calcolo)?", r"formula(?: di calcolo)?", r"(?:metodo|modalita) di calcolo"),
    "source": (r"fonte(?: (?:dei |del )?dat[oi])?", r"fonti(?: (?:dei )?dati)?"),
    "last_observed": (r"ultimo valore(?: (?:osservato|disponibile|rilevato))?",
                      r"valore (?:di partenza|iniziale|storico)", r"baseline"),
    "target": (r"risultato atteso(?: " + _YEAR + r")?", r"target(?: " + _YEAR + r")?",
               r"valore atteso(?: " + _YEAR + r")?", r"valore obiettivo(?: " + _YEAR + r")?",
               r"risultati attesi(?: " + _YEAR + r")?"),
    "result": (r"risultato anno(?: " + _YEAR + r")?",
               r"risultat[oi](?: (?:conseguit[oi]|raggiunt[oi]|realizzat[oi]|a consuntivo|effettiv[oi]))?(?: "
               + _YEAR + r")?",
               r"(?:valore )?(?:a )?consuntivo(?: " + _YEAR + r")?", r"valore (?:rilevato|raggiunto)(?: " + _YEAR + r")?"),
    # Printed by some templates, not part of the dataset: known, so never taken for a value.
    "weight": (r"peso(?: %)?",),
    "notes": (r"note",),
}

# Labels converter text glues to their value without a colon ('Indicatore Ideazione di ...').
GLUED = ("mission", "programme", "overview", "indicator", "measures", "n_indicators", "resources")
# Labels that open a block or a record: only ever at the start of a line (a title may say 'obiettivo:').
OPENING = ("mission", "programme", "overview", "title", "objective_code", "notes", "weight")

FAMILY = Family(
    name="pira_mise",
    doc_type="pira",
    vocabulary=Vocabulary(LABELS, GLUED, OPENING, dated=("target", "result")),
    signature=("title", "description", "responsibility_center", "resources", "n_indicators", "indicator",
               "type", "unit", "algorithm", "source", "target", "result"),
    min_signature=0.6,
    parser="camerale.parse.pira:parse",
    completeness="camerale.parse.completeness:pira",
    tables=(
        TableSpec("objective", identify=("title",),
                  columns=("title", "objective_code", "description", "time_span", "responsibility_center",
                           "n_indicators")),
        TableSpec("indicator", identify=("indicator",),
                  columns=("indicator", "measures", "type", "unit", "algorithm", "source", "last_observed",
                           "target", "result")),
        TableSpec("resources", identify=("resources",),
                  columns=("proventi_correnti", "oneri_correnti", "investimenti")),
    ),
)
