"""Survey-tool exports with more than one header row (Qualtrics, SurveyMonkey).

Both tools write extra header rows under the column names: Qualtrics the question text and a
row of ``{"ImportId": ...}``, SurveyMonkey a row of answer types ("Response", "Open-Ended
Response") under the question text. Read as data, those rows become two bogus answers (the
question text is themed like a customer's remark) and quarantine entries. They are taken off
the top here, reported, and the question texts serve as column labels for role detection
("How likely are you to recommend us?" names the NPS column that Qualtrics calls ``Q1``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from textmine.ingest.stream import SOURCE_ROW

_SURVEYMONKEY_TYPES = {"response", "open-ended response", "other (please specify)"}


@dataclass
class ExportHeader:
    """What was taken off: the tool, the file rows, and a label per column (question text)."""

    tool: str | None = None
    rows: list[int] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def note(self) -> str | None:
        if not self.rows:
            return None
        span = f"{self.rows[0]}-{self.rows[-1]}" if len(self.rows) > 1 else str(self.rows[0])
        return f"file rows {span}: {self.tool} header rows (question texts), not answers"


def strip_export_header(frame: pd.DataFrame) -> tuple[pd.DataFrame, ExportHeader]:
    """``frame`` without the extra header rows of a Qualtrics or SurveyMonkey export (row
    numbers in ``source_row`` stay those of the file), and what was removed."""
    if len(frame) >= 2 and _is_import_id_row(frame.iloc[1]):
        labels = _question_texts(frame.iloc[0])
        return _drop(frame, 2), ExportHeader("Qualtrics", _source_rows(frame, 2), labels)
    if len(frame) >= 1 and _is_surveymonkey(frame) and _is_answer_type_row(frame.iloc[0]):
        labels = _monkey_labels(frame)
        return _drop(frame, 1), ExportHeader("SurveyMonkey", _source_rows(frame, 1), labels)
    return frame, ExportHeader()


def _cells(row: pd.Series) -> list[str]:
    return ["" if v is None else str(v).strip() for k, v in row.items() if k != SOURCE_ROW]


def _is_import_id_row(row: pd.Series) -> bool:
    cells = [c for c in _cells(row) if c]
    return bool(cells) and sum(_is_import_id(c) for c in cells) >= 0.5 * len(cells)


def _is_import_id(cell: str) -> bool:
    if not cell.startswith("{"):
        return False
    try:
        value = json.loads(cell)
    except json.JSONDecodeError:
        return False
    return isinstance(value, dict) and "ImportId" in value


def _is_surveymonkey(frame: pd.DataFrame) -> bool:
    """Its exports start with the respondent and collector ids."""
    names = {str(c).strip().lower() for c in frame.columns}
    return bool(names & {"respondent id", "collector id"})


def _is_answer_type_row(row: pd.Series) -> bool:
    """SurveyMonkey's second header row: answer types (and choice labels), never a number,
    with at least one "Response"/"Open-Ended Response" and the id columns left empty."""
    cells = _cells(row)
    filled = [c for c in cells if c]
    if not filled or (cells and cells[0]):
        return False
    lowered = {c.lower() for c in filled}
    return bool(lowered & _SURVEYMONKEY_TYPES) and not any(_is_number(c) for c in filled)


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def _question_texts(row: pd.Series) -> dict[str, str]:
    return {
        str(column): str(value).strip()
        for column, value in row.items()
        if column != SOURCE_ROW and value is not None and str(value).strip()
    }


def _monkey_labels(frame: pd.DataFrame) -> dict[str, str]:
    """SurveyMonkey puts the question over its first column only; a multiple-choice question's
    further columns (unnamed) are labelled "question / choice"."""
    labels, question = {}, ""
    for column, kind in frame.iloc[0].items():
        if column == SOURCE_ROW:
            continue
        if not str(column).startswith("Unnamed:"):
            question = str(column)
        kind = "" if kind is None else str(kind).strip()
        unnamed = str(column).startswith("Unnamed:")
        labels[str(column)] = f"{question} / {kind}" if unnamed and kind else question
    return labels


def _source_rows(frame: pd.DataFrame, n: int) -> list[int]:
    if SOURCE_ROW in frame:
        return [int(r) for r in frame[SOURCE_ROW].iloc[:n]]
    return list(range(2, 2 + n))


def _drop(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    out = frame.iloc[n:].reset_index(drop=True)
    out.attrs = dict(frame.attrs)
    return out


def without_export_header(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The chunked reader's chunks with the extra header rows taken off the first one; every
    chunk carries the column labels and the note in ``attrs`` (the streaming engine)."""
    extra: dict[str, object] = {}
    for index, chunk in enumerate(chunks):
        if index == 0:
            chunk, header = strip_export_header(chunk)
            extra = {"column_labels": header.labels, "header_rows": header.note()}
        chunk.attrs.update(extra)
        yield chunk
