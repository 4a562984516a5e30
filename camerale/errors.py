"""Errors that stop one document, never the batch.

Each carries a reason short enough for one line of output: ``path: reason``.
"""
from __future__ import annotations


class IngestError(Exception):
    """A document that cannot be ingested; ``str()`` is the one-line reason."""


class UnsupportedInput(IngestError):
    """The file is not something camerale reads (empty, wrong type, encrypted, corrupt)."""


class UnknownDocument(IngestError):
    """The file reads fine but is not a report camerale knows how to parse."""


class DatasetError(Exception):
    """A dataset that cannot be read as a whole (missing, not a dataset, corrupt or wrongly typed
    Parquet, a doc_id that is not a sha256); ``str()`` is the one-line reason, naming the path."""
