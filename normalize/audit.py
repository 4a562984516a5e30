"""Records of the ``normalizations`` table: every value the normalizer changed, for auditors."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def correction(table: str, column: str, record_key: str, raw: str | None, normalized: str | None,
               rule: str, confidence: float, provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One ``normalizations`` record; ``provenance`` is ``camerale.model.provenance(cell)`` of the printed value."""
    where = provenance or {}
    return {"table": table, "column": column, "record_key": record_key, "raw": raw, "normalized": normalized,
            "rule": rule, "confidence": confidence,
            "page": where.get("page"), "bbox": where.get("bbox"), "line": where.get("line"),
            "ocr_confidence": where.get("ocr_confidence")}
