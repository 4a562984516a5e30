"""Arrow schemas of the published datasets: the v1 contract with analysts.

One dataset per table under ``OUT/<table>/``.  Every table carries ``doc_id`` and the
provenance columns ``page`` (1-based; null for converter text without page marks),
``bbox`` (PDF points, top-left origin; null for text input) and ``line`` (1-based line
of converter text; null for PDF input) and ``ocr_confidence`` (0-1, the least confident
OCR'd word behind the record; null for born-digital and text input).  Euro amounts are ``decimal128(18, 2)``;
percentages and measures are float64 with the printed text kept beside them.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"

AMOUNT = pa.decimal128(18, 2)
BBOX = pa.struct([("x0", pa.float32()), ("top", pa.float32()),
                  ("x1", pa.float32()), ("bottom", pa.float32())])

PROVENANCE = [
    pa.field("page", pa.int32()),
    pa.field("bbox", BBOX),
    pa.field("line", pa.int32()),
    # The least confident OCR word behind the record (0-1); null when nothing was OCR'd.
    pa.field("ocr_confidence", pa.float64()),
]


def _schema(name: str, *fields: pa.Field, provenance: bool = True, per_document: bool = True) -> pa.Schema:
    all_fields = [pa.field("doc_id", pa.string(), nullable=False)] if per_document else []
    all_fields += fields
    if provenance:
        all_fields += PROVENANCE
    return pa.schema(all_fields, metadata={"camerale.table": name,
                                           "camerale.schema_version": SCHEMA_VERSION})


def _f(name: str, type_: pa.DataType) -> pa.Field:
    return pa.field(name, type_)


_S, _I, _F, _B = pa.string(), pa.int32(), pa.float64(), pa.bool_()

DOCUMENTS = _schema(
    "documents",
    _f("source_path", _S), _f("source_name", _S), _f("chamber", _S), _f("doc_type", _S),
    _f("phase", _S), _f("reference_year", _I), _f("title", _S), _f("n_pages", _I),
    _f("input_kind", _S), _f("parser_version", _S), _f("ocr_confidence", _F),
    _f("n_warnings", _I), _f("ingested_at", pa.timestamp("s", tz="UTC")),
    # The layout family that read the document (null: not recognised), 'ok' or 'partial', and the
    # share (0-1) of what the document declares that was read (parse/completeness.py).
    _f("layout", _S), _f("status", _S), _f("completeness", _F),
    provenance=False,
)

# --- PIRA -----------------------------------------------------------------------
OBJECTIVES = _schema(
    "objectives",
    _f("mission_code", _S), _f("mission_name", _S), _f("program_code", _S), _f("program_name", _S),
    _f("objective_seq", _I), _f("objective_code", _S), _f("title", _S),
    _f("project_codes", pa.list_(_S)), _f("project_codes_raw", pa.list_(_S)),
    _f("project_codes_method", pa.list_(_S)), _f("project_codes_confidence", pa.list_(_F)),
    _f("description", _S), _f("time_span", _S), _f("responsibility_center", _S),
    _f("n_indicators_declared", _I), _f("n_indicators_declared_text", _S), _f("n_indicators_found", _I),
)

SUMMARY_OBJECTIVES = _schema(
    "summary_objectives",
    _f("objective_code", _S), _f("mission_code", _S), _f("program_code", _S), _f("title", _S),
    _f("project_codes", pa.list_(_S)), _f("project_codes_raw", pa.list_(_S)),
    _f("project_codes_method", pa.list_(_S)), _f("project_codes_confidence", pa.list_(_F)),
)

INDICATORS = _schema(
    "indicators",
    _f("mission_code", _S), _f("program_code", _S), _f("objective_seq", _I), _f("indicator_seq", _I),
    _f("name", _S), _f("measures", _S), _f("type", _S), _f("type_raw", _S), _f("unit", _S),
    _f("algorithm", _S), _f("source", _S), _f("last_observed", _S),
)

INDICATOR_VALUES = _schema(
    "indicator_values",
    _f("mission_code", _S), _f("program_code", _S), _f("objective_seq", _I), _f("indicator_seq", _I),
    _f("kind", _S), _f("year", _I), _f("text", _S), _f("value", _F), _f("value_unit", _S),
)

RESOURCES = _schema(
    "resources",
    _f("mission_code", _S), _f("program_code", _S), _f("objective_seq", _I),
    _f("phase", _S), _f("year", _I), _f("item", _S), _f("amount", AMOUNT), _f("amount_text", _S),
)

# --- Relazione sulla performance ---------------------------------------------------
STRATEGIC_OBJECTIVES = _schema(
    "strategic_objectives",
    _f("code", _S), _f("title", _S), _f("area", _I),
)

BUDGET_LINES = _schema(
    "budget_lines",
    _f("line_kind", _S), _f("strategic_objective", _S), _f("project_code", _S),
    _f("project_code_raw", _S), _f("project_code_method", _S), _f("project_code_confidence", _F),
    _f("project_title", _S),
    _f("budget_initial", AMOUNT), _f("budget_updated", AMOUNT), _f("actual", AMOUNT),
    _f("pct_used", _F), _f("pct_of_total", _F), _f("raw_text", _S),
)

STRATEGIC_AREAS = _schema(
    "strategic_areas",
    _f("area", _I), _f("name", _S),
    _f("budget_initial", AMOUNT), _f("budget_updated", AMOUNT), _f("actual", AMOUNT),
    _f("pct_used", _F), _f("pct_of_total", _F), _f("raw_text", _S),
)

ACHIEVEMENTS = _schema(
    "achievements",
    _f("owner", _S), _f("objective_number", _S), _f("title", _S),
    _f("indicator_seq", _I), _f("indicator_label", _S), _f("indicator_text", _S),
    _f("achievement_pct", _F), _f("achievement_text", _S),
)

FINANCIAL_INDICATORS = _schema(
    "financial_indicators",
    _f("name", _S), _f("year", _I), _f("value", _F), _f("value_text", _S), _f("unit", _S),
)

COMPOSITION = _schema(
    "composition",
    _f("kind", _S), _f("item", _S), _f("year", _I), _f("pct", _F), _f("pct_text", _S),
    _f("amount", AMOUNT), _f("amount_text", _S),
)

# --- Any document ----------------------------------------------------------------
TABLES = _schema(
    "tables",
    _f("table_index", _I), _f("row", _I), _f("col", _I), _f("row_span", _I), _f("col_span", _I), _f("text", _S),
    # How the table was ruled: 'full' (a grid of lines), 'partial' (some lines), 'none'; null for text input.
    _f("ruling", _S),
    # The table's region on this cell's page (a table continued on the next page has one per page).
    _f("region", BBOX),
)

WARNINGS = _schema(
    "warnings",
    _f("seq", _I), _f("stage", _S), _f("message", _S),
)

NORMALIZATIONS = _schema(
    "normalizations",
    _f("table", _S), _f("column", _S), _f("record_key", _S),
    _f("raw", _S), _f("normalized", _S), _f("rule", _S), _f("confidence", _F),
)

OBJECTIVE_LINKS = _schema(
    "objective_links",
    _f("left_doc_id", _S), _f("left_table", _S), _f("left_key", _S), _f("left_title", _S),
    _f("right_doc_id", _S), _f("right_table", _S), _f("right_key", _S), _f("right_title", _S),
    _f("method", _S), _f("score", _F), _f("shared_codes", pa.list_(_S)),
    provenance=False, per_document=False,  # rebuilt from the whole dataset after every ingest
)

# The catalog: one row per attempt to ingest a file (store.catalog).  Not in SCHEMAS, which
# lists the tables of report content: a failed attempt has no document, so doc_id may be null.
INGEST_LOG = pa.schema(
    [_f("doc_id", _S), _f("path", _S), _f("size", pa.int64()), _f("parser_version", _S),
     _f("status", _S), _f("reason", _S), _f("seconds", _F), _f("pages", _I), _f("warnings", _I),
     _f("run_id", _S), _f("logged_at", pa.timestamp("s", tz="UTC"))],
    metadata={"camerale.table": "ingest_log", "camerale.schema_version": SCHEMA_VERSION},
)

SCHEMAS: dict[str, pa.Schema] = {
    s.metadata[b"camerale.table"].decode(): s
    for s in (DOCUMENTS, OBJECTIVES, SUMMARY_OBJECTIVES, INDICATORS, INDICATOR_VALUES, RESOURCES,
              STRATEGIC_OBJECTIVES, BUDGET_LINES, STRATEGIC_AREAS, ACHIEVEMENTS,
              FINANCIAL_INDICATORS, COMPOSITION, TABLES, WARNINGS, NORMALIZATIONS, OBJECTIVE_LINKS)
}
