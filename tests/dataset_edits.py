"""Hand-made edits of a copy of a real dataset, for the diff tests: one document's file of one
table is read, changed by the test, and written back with the table's schema."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from camerale.schemas.tables import SCHEMAS
from camerale.store.dataset import read_table


def doc_id_of(out: Path, input_kind: str, doc_type: str = "pira") -> str:
    """The doc_id of the dataset's document of this input kind and type."""
    return next(d["doc_id"] for d in read_table(out, "documents").to_pylist()
                if d["input_kind"] == input_kind and d["doc_type"] == doc_type)


def edit(out: Path, table: str, doc_id: str, change: Callable[[list[dict]], list[dict]]) -> None:
    """Rewrite one document's file of one table with ``change`` applied to its records."""
    path = out / table / f"{doc_id}.parquet"
    rows = change(pq.read_table(path).to_pylist())
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), path)


def set_values(rows: list[dict], match: dict, **values) -> list[dict]:
    """``rows`` with ``values`` set in the one record that matches ``match``."""
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (match, len(hits))
    hits[0].update(values)
    return rows
