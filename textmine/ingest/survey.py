"""Read survey exports (CSV/TSV, XLSX, Parquet, JSON, JSONL) into a string-typed DataFrame.

Everything is read as text so nothing is coerced silently; validation decides what a value means
and quarantines what it cannot use. ``source_row`` is the row number a spreadsheet would show
(header = row 1), so error messages point at the right line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from textmine.errors import InputError

SOURCE_ROW = "source_row"
TABULAR_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".json", ".jsonl"}


def read_table(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a survey export; adds ``source_row`` and records the encoding in ``df.attrs``."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=str(path))
    if path.is_dir():
        raise InputError("expected a file, got a directory", file=str(path))
    suffix = path.suffix.lower()
    if suffix not in TABULAR_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix!r}",
            file=str(path),
            hint="use CSV, TSV, XLSX, Parquet, JSON or JSONL",
        )
    try:
        if suffix in {".xlsx", ".xlsm"}:
            frame, encoding = _read_excel(path, sheet), "xlsx"
        elif suffix == ".parquet":
            frame, encoding = pd.read_parquet(path), "parquet"
        elif suffix in {".json", ".jsonl"}:
            frame, encoding = _read_json(path, lines=suffix == ".jsonl")
        else:
            frame, encoding = _read_delimited(path)
    except InputError:
        raise
    except Exception as exc:  # the reader libraries raise many types; give one clear message
        raise InputError(f"cannot read file: {exc}", file=str(path)) from exc
    frame = _as_strings(frame)
    frame.insert(0, SOURCE_ROW, range(2, len(frame) + 2))
    frame.attrs.update(file=str(path), encoding=encoding)
    return frame


def decode_bytes(raw: bytes, file: str) -> tuple[str, str]:
    """Decode with BOMs first, then UTF-8, BOM-less UTF-16, cp1252 and finally latin-1."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if raw[1:200:2].count(0) > 40:  # ASCII-range text stored as UTF-16-LE without a BOM
        try:
            return raw.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    for encoding in ("cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode file", file=file)  # unreachable: latin-1 decodes any bytes


def _read_delimited(path: Path) -> tuple[pd.DataFrame, str]:
    text, encoding = decode_bytes(path.read_bytes(), str(path))
    if "\x00" in text:
        raise InputError(
            "file contains NUL bytes; it looks binary, not delimited text", file=str(path)
        )
    if not text.strip():
        raise InputError("file is empty", file=str(path))
    delimiter = _sniff_delimiter(text, path)
    frame = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        engine="python",
        on_bad_lines="error",
    )
    return frame, encoding


def _sniff_delimiter(text: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    sample = text[:64_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max(",;\t|", key=header.count) if header else ","


def _read_excel(path: Path, sheet: str | int | None) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=sheet or 0, dtype=str, engine="openpyxl")


def _read_json(path: Path, lines: bool) -> tuple[pd.DataFrame, str]:
    text, encoding = decode_bytes(path.read_bytes(), str(path))
    frame = pd.read_json(io.StringIO(text), lines=lines, dtype=False)
    return frame, encoding


def _as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep values as text (None for missing) so validation sees exactly what the file had."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in frame.columns:
        values = [None if _missing(v) else _to_text(v) for v in frame[column].tolist()]
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
