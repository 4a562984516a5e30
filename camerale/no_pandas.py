"""A process that only ingests does not load pandas.

Ingesting builds Arrow tables from Python rows and never uses pandas, but pyarrow imports
it (about 50 MiB) the first time it converts a list or loads ``pyarrow.dataset``, only to
ask whether an object is a pandas one.  Refused, pyarrow records that pandas is missing and
works as before; the `camerale ingest` command so stays under 150 MiB on a born-digital
report.  Only for a process that never needs pandas afterwards (pyarrow remembers): the
command itself, not a test or a notebook that calls the pipeline in its own process.
"""
from __future__ import annotations

import importlib.abc
import sys
from typing import Any


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"pandas is not used while ingesting ({name})", name=name)
        return None


def refuse_pandas() -> None:
    """Make pandas unimportable in this process (no effect once pandas is loaded)."""
    if "pandas" not in sys.modules and not any(isinstance(f, _NoPandas) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPandas())
