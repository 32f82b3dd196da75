"""What every source reader returns, and helpers they share.

A reader turns a file into *units of analysis* (a survey row, a conversation, a unique post, an
e-mail) plus an optional row table that accounts for every input row: which unit it went into,
and whether it was analysed, excluded (agent turn, duplicate post) or quarantined, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from textmine.config import ReadSettings
from textmine.ingest.stream import SOURCE_ROW
from textmine.ingest.survey import read_table

ROW_COLUMNS = ["source_row", "response_id", "status", "reason"]
ANALYSED, EXCLUDED, QUARANTINED = "analysed", "excluded", "quarantined"


@dataclass
class Ingested:
    """``frame``: one row per unit, string cells and ``source_row``; row position = response_id.

    ``columns``: roles the reader knows (``{"text": "text", "id": "conversation_id"}``); the
    user's config wins where it names a column. ``columns["keep"]``: further columns copied
    into ``responses`` as they are (conversation attributes, duplicate counts).
    ``rows``: one row per input row or turn (``ROW_COLUMNS`` first, then source-specific
    context such as role and text); ``None`` when input rows and units are the same thing.
    ``issues``: quarantine entries per unit found while reading (quarantine table columns).
    """

    frame: pd.DataFrame
    columns: dict[str, Any] = field(default_factory=dict)
    rows: pd.DataFrame | None = None
    issues: list[dict] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    rows_name: str = "input_rows"


def to_frame(data: pd.DataFrame | str | Path, read: ReadSettings) -> pd.DataFrame:
    """A file path is read as a table; a DataFrame gets ``source_row`` if it has none."""
    if isinstance(data, pd.DataFrame):
        frame = data.reset_index(drop=True).copy()
        if SOURCE_ROW not in frame:
            frame.insert(0, SOURCE_ROW, range(2, len(frame) + 2))
        frame.attrs.setdefault("file", None)
        frame.attrs.setdefault("encoding", None)
        return frame
    return read_table(
        data,
        read.sheet,
        encoding=read.encoding,
        delimiter=read.delimiter,
        progress=read.progress,
    )


def find_column(frame: pd.DataFrame, declared: str | None, aliases: tuple[str, ...]) -> str | None:
    """The declared column, else the first alias present (case- and separator-insensitive)."""
    if declared is not None:
        return declared if declared in frame.columns else None
    canon = {_canon(c): c for c in frame.columns}
    return next((canon[_canon(a)] for a in aliases if _canon(a) in canon), None)


def _canon(name: str) -> str:
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def issue(response_id: int, source_row: int, file: str | None, column: str, value, reason: str):
    """One quarantine entry (same columns as :data:`textmine.validate.QUARANTINE_COLUMNS`)."""
    return {
        "response_id": response_id,
        "source_row": source_row,
        "file": file,
        "column": column,
        "value": None if value is None else str(value)[:200],
        "reason": reason,
    }
