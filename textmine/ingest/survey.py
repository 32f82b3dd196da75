"""Read survey exports (CSV/TSV, XLSX, Parquet, JSON, JSONL) into a string-typed DataFrame.

Everything is read as text so nothing is coerced silently; validation decides what a value means
and quarantines what it cannot use. ``source_row`` is the row number a spreadsheet would show
(header = row 1), so error messages point at the right line. CSV, JSONL and Parquet go through
the chunked reader in :mod:`textmine.ingest.stream`; ``read_table`` is the whole-file API.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from textmine.errors import InputError
from textmine.ingest.stream import (
    MIXED,
    SOURCE_ROW,
    STREAMABLE,
    as_strings,
    check_file,
    decode_line,
    detect_encoding,
    iter_table,
)

TABULAR_SUFFIXES = STREAMABLE | {".xlsx", ".xlsm", ".json"}
QUESTION, ANSWER = "question", "answer"


def read_table(
    path: str | Path,
    sheet: str | int | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Read a survey export; adds ``source_row`` and records the encoding in ``df.attrs``.

    ``encoding``/``delimiter`` override detection (``None`` = detect).
    """
    path = Path(path)
    check_file(path, TABULAR_SUFFIXES)
    suffix = path.suffix.lower()
    if suffix in STREAMABLE:
        chunks = list(iter_table(path, encoding=encoding, delimiter=delimiter, progress=progress))
        frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
        frame.attrs.update(chunks[0].attrs)
        return frame
    try:
        if suffix in {".xlsx", ".xlsm"}:
            frame, used = _read_excel(path, sheet), "xlsx"
        else:
            frame, used = _read_json(path, encoding)
    except InputError:
        raise
    except Exception as exc:  # the reader libraries raise many types; give one clear message
        raise InputError(f"cannot read file: {exc}", file=str(path)) from exc
    frame = as_strings(frame)
    frame.insert(0, SOURCE_ROW, range(2, len(frame) + 2))
    frame.attrs.update(file=str(path), encoding=used)
    return frame


def read_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Whole file as text with the encoding used (for JSON documents that cannot stream)."""
    used = encoding or detect_encoding(path)
    raw = path.read_bytes()
    try:
        if used == MIXED:
            text = "".join(decode_line(line) for line in raw.splitlines(keepends=True))
        else:
            text = raw.decode(used)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {used} near byte {exc.start}", file=str(path)) from exc
    if not text.strip():
        raise InputError("file is empty", file=str(path))
    return text, used


def _read_excel(path: Path, sheet: str | int | None) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=sheet or 0, dtype=str, engine="openpyxl")


def _read_json(path: Path, encoding: str | None) -> tuple[pd.DataFrame, str]:
    text, used = read_text(path, encoding)
    return pd.read_json(io.StringIO(text), dtype=False), used


def stack_questions(frame: pd.DataFrame, questions: list[str]) -> pd.DataFrame:
    """Wide export with several open questions -> one row per (respondent, question).

    Other columns (scores, id, segments) repeat on every row of a respondent; ``question``
    names the question and ``answer`` holds the text. Rows keep their ``source_row``, so
    quarantine entries still point at the right spreadsheet row.
    """
    missing = [q for q in questions if q not in frame.columns]
    if missing:
        raise InputError(
            f"question column(s) {missing} not in the file",
            file=frame.attrs.get("file"),
            hint="columns in the file: " + ", ".join(map(repr, frame.columns)),
        )
    clash = {QUESTION, ANSWER} & (set(frame.columns) - set(questions))
    if clash:
        raise InputError(
            f"cannot stack questions: the file already has column(s) {sorted(clash)}",
            file=frame.attrs.get("file"),
            hint="rename them, or analyse the questions separately",
        )
    keep = [c for c in frame.columns if c not in questions]
    parts = [
        frame[keep].assign(**{QUESTION: question, ANSWER: frame[question].to_numpy()})
        for question in questions
    ]
    stacked = pd.concat(parts, ignore_index=True)
    stacked = stacked.sort_values(SOURCE_ROW, kind="stable").reset_index(drop=True)
    values = [c for c in stacked.columns if c != SOURCE_ROW]
    stacked[values] = stacked[values].astype(object).where(stacked[values].notna(), None)
    stacked.attrs.update(frame.attrs)
    return stacked
