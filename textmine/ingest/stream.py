"""Read big tables in chunks with bounded memory: CSV/TSV, JSONL and Parquet.

``iter_table`` yields string-typed DataFrames of at most ``chunk_rows`` rows with a continuous
``source_row`` (the row a spreadsheet would show; header = row 1). Delimited text is decoded
block by block into UTF-8, so a 10 GB cp1252 export never sits in memory as one string.

>>> for chunk in iter_table("mentions.csv", chunk_rows=50_000):   # doctest: +SKIP
...     handle(chunk)
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from textmine.errors import InputError

SOURCE_ROW = "source_row"
MIXED = "utf-8+cp1252"  # a file that is mostly UTF-8 with some cp1252 lines (concatenated exports)
STREAMABLE = {".csv", ".tsv", ".txt", ".jsonl", ".parquet"}
_BLOCK = 1 << 20
_SNIFF_CHARS = 64_000


def detect_encoding(path: Path) -> str:
    """BOMs first, then UTF-8 over the whole file (streamed), BOM-less UTF-16, cp1252, latin-1.

    A file whose lines are each valid UTF-8 or cp1252, but not all UTF-8, is ``utf-8+cp1252``
    and is decoded line by line.
    """
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig" if _decodes(path, "utf-8-sig") else MIXED
    if (utf16 := _utf16_without_bom(head)) and _decodes(path, utf16):
        return utf16
    if _decodes(path, "utf-8"):
        return "utf-8"
    if _has_utf8_multibyte(path):
        return MIXED
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _utf16_without_bom(head: bytes) -> str | None:
    """ASCII-range text stored as UTF-16 without a BOM: every other byte is NUL."""
    for encoding, zeros, others in (
        ("utf-16-le", head[1::2], head[::2]),
        ("utf-16-be", head[::2], head[1::2]),
    ):
        if zeros.count(0) > 0.4 * len(zeros) and others.count(0) < 0.1 * len(others):
            return encoding
    return None


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _has_utf8_multibyte(path: Path) -> bool:
    """True when some line is non-ASCII *and* valid UTF-8: then the file mixes encodings."""
    with path.open("rb") as handle:
        for line in handle:
            if not line.isascii():
                try:
                    line.decode("utf-8")
                    return True
                except UnicodeDecodeError:
                    continue
    return False


def decode_line(line: bytes) -> str:
    """One line of a mixed file: UTF-8 when it is valid, else cp1252."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


class Utf8Stream(io.RawIOBase):
    """Bytes in any supported encoding in, UTF-8 bytes out, one block at a time.

    Rejects NUL characters (binary files) with a clear error and reports progress in bytes.
    """

    def __init__(self, path: Path, encoding: str, progress: Callable[[int], None] | None = None):
        self._path, self._encoding, self._progress = path, encoding, progress
        self._handle = path.open("rb")
        self._decoder = None if encoding == MIXED else codecs.getincrementaldecoder(encoding)()
        self._buffer = bytearray()
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:  # type: ignore[override]
        while not self._buffer and not self._eof:
            self._fill()
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        del self._buffer[:n]
        return n

    def _fill(self) -> None:
        start = self._handle.tell()
        if self._decoder is None:
            raw = self._handle.readline(_BLOCK)
            text = decode_line(raw)
            if start == 0:
                text = text.removeprefix("\ufeff")
        else:
            raw = self._handle.read(_BLOCK)
            try:
                text = self._decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {self._encoding} near byte {start + exc.start}",
                    file=str(self._path),
                    hint="re-save the file as UTF-8 or set read.encoding",
                ) from exc
        if "\x00" in text:
            raise InputError(
                f"NUL byte near byte {start}: the file looks binary, not delimited text",
                file=str(self._path),
            )
        self._eof = not raw
        self._buffer += text.encode("utf-8")
        if self._progress and raw:
            self._progress(len(raw))

    def close(self) -> None:
        self._handle.close()
        super().close()


def head_text(path: Path, encoding: str, chars: int = _SNIFF_CHARS) -> str:
    """The first ``chars`` characters, decoded, for sniffing delimiters and checking emptiness."""
    with io.TextIOWrapper(Utf8Stream(path, encoding), encoding="utf-8", newline="") as text:
        return text.read(chars)


def sniff_delimiter(sample: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max(",;\t|", key=header.count) if header else ","


def iter_table(
    path: str | Path,
    chunk_rows: int = 100_000,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    progress: bool | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield string-typed chunks with ``source_row``; ``chunk.attrs`` has file and encoding.

    ``progress=None`` shows a bar only on an interactive terminal.
    """
    path = Path(path)
    check_file(path, STREAMABLE)
    _check_encoding_name(encoding)
    suffix = path.suffix.lower()
    bar = _progress_bar(path, progress)
    try:
        if suffix == ".parquet":
            chunks, used = _parquet_chunks(path, chunk_rows, bar), "parquet"
        elif suffix == ".jsonl":
            used = encoding or detect_encoding(path)
            chunks = _jsonl_chunks(path, used, chunk_rows, bar)
        else:
            used = encoding or detect_encoding(path)
            sample = head_text(path, used)
            if not sample.strip():
                raise InputError("file is empty", file=str(path))
            delimiter = delimiter or sniff_delimiter(sample, path)
            if suffix == ".txt" and not looks_like_table(sample, delimiter):
                chunks, delimiter = _line_chunks(path, used, chunk_rows, bar), None
            else:
                chunks = _delimited_chunks(path, used, chunk_rows, bar, delimiter)
        next_row = 1 if suffix == ".txt" and delimiter is None else 2
        for chunk in _wrap_errors(chunks, path):
            chunk = as_strings(chunk)
            chunk.insert(0, SOURCE_ROW, range(next_row, next_row + len(chunk)))
            next_row += len(chunk)
            chunk.attrs.update(file=str(path), encoding=used)
            if delimiter is not None:
                chunk.attrs["delimiter"] = delimiter
            yield chunk
    finally:
        bar.close()


def check_file(path: Path, suffixes: set[str]) -> None:
    if not path.exists():
        raise InputError("file not found", file=str(path))
    if path.is_dir():
        raise InputError("expected a file, got a directory", file=str(path))
    if path.suffix.lower() not in suffixes:
        raise InputError(
            f"unsupported file type {path.suffix.lower()!r}",
            file=str(path),
            hint="supported: " + ", ".join(sorted(suffixes)),
        )


def _check_encoding_name(encoding: str | None) -> None:
    if encoding is None or encoding == MIXED:
        return
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise InputError(
            f"unknown encoding {encoding!r}", hint="e.g. utf-8, utf-16, cp1252, latin-1"
        ) from exc


def _wrap_errors(chunks: Iterator[pd.DataFrame], path: Path) -> Iterator[pd.DataFrame]:
    """Parser libraries raise many exception types; the user gets one InputError."""
    try:
        yield from chunks
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot read file: {exc}", file=str(path)) from exc


def looks_like_table(sample: str, delimiter: str) -> bool:
    """A .txt file is a table when its first line splits into several fields and nearly every
    other line into as many; otherwise it is plain text with one answer per line (a common
    way to hand over verbatims), which a CSV parser would reject at the first stray comma."""
    lines = sample.splitlines()[:-1] or sample.splitlines()  # the last one may be cut off
    widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
    if not widths or widths[0] < 2:
        return False
    return sum(w == widths[0] for w in widths) >= 0.9 * len(widths)


def _line_chunks(path, encoding, chunk_rows, bar) -> Iterator[pd.DataFrame]:
    """Plain text: every line is one answer in a ``text`` column (blank lines too, so they
    are quarantined as empty answers rather than dropped); ``source_row`` = line number."""
    stream = io.TextIOWrapper(Utf8Stream(path, encoding, bar.update), encoding="utf-8")
    lines: list[str | None] = []
    with stream:
        for line in stream:
            lines.append(line.rstrip("\r\n") or None)
            if len(lines) >= chunk_rows:
                yield pd.DataFrame({"text": lines})
                lines = []
    if lines:
        yield pd.DataFrame({"text": lines})


def _delimited_chunks(path, encoding, chunk_rows, bar, sep) -> Iterator[pd.DataFrame]:
    stream = io.BufferedReader(Utf8Stream(path, encoding, bar.update), buffer_size=_BLOCK)
    with (
        stream,
        pd.read_csv(
            stream,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
            on_bad_lines="error",
            chunksize=chunk_rows,
        ) as reader,
    ):
        yield from reader


def _jsonl_chunks(path, encoding, chunk_rows, bar) -> Iterator[pd.DataFrame]:
    records: list[dict] = []
    seen_any = False
    stream = io.TextIOWrapper(Utf8Stream(path, encoding, bar.update), encoding="utf-8")
    with stream:
        for line_no, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            seen_any = True
            records.append(_json_record(line, path, line_no))
            if len(records) >= chunk_rows:
                yield pd.DataFrame(records)
                records = []
    if not seen_any:
        raise InputError("file is empty", file=str(path))
    if records:
        yield pd.DataFrame(records)


def _json_record(line: str, path: Path, line_no: int) -> dict:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {line_no} is not valid JSON: {exc.msg}", file=str(path)) from exc
    if not isinstance(value, dict):
        raise InputError(f"line {line_no} is not a JSON object", file=str(path))
    return value


def _parquet_chunks(path: Path, chunk_rows: int, bar) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for batch in parquet.iter_batches(batch_size=chunk_rows):
        bar.update(batch.nbytes)
        yield batch.to_pandas()


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep values as text (None for missing) so validation sees exactly what the file had."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_string_dtype(series) and series.dtype != object:
            values = series.astype(object).where(series.notna(), None)  # fast path: CSV text
        else:
            values = [None if _missing(v) else _to_text(v) for v in series.tolist()]
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(path: Path, progress: bool | None):
    """A byte-counting tqdm bar on a terminal; nothing in pipes, logs and CI."""
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=path.stat().st_size,
        unit="B",
        unit_scale=True,
        desc=f"reading {path.name}",
        leave=False,
    )
