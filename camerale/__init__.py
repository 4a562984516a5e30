"""camerale: planning and performance reports of the Camere di Commercio into Parquet datasets."""

__version__ = "0.1.0"
# Stored with every document: a new parser version makes ingest redo documents it already has.
PARSER_VERSION = f"camerale-{__version__}"
