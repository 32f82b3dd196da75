"""Readers for each feedback source. Each returns a string-typed DataFrame with ``source_row``."""

from textmine.ingest.survey import read_table

__all__ = ["read_table"]
