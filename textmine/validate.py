"""Map input columns to roles, check every value, and quarantine rows that cannot be analysed.

Nothing is clipped or dropped: a bad score or an empty answer puts the row in ``quarantine``
with the file, row, column, value and reason; the row stays in ``responses`` marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from textmine import scores
from textmine.answer_labels import choice_labels, label_key
from textmine.config import Columns, Config, Scales
from textmine.schema import RESPONSE_ID, SOURCE_ROW, to_numbers

QUARANTINE_COLUMNS = ["response_id", "source_row", "file", "column", "value", "reason"]
_PLACEHOLDER_ANSWERS = {"", "-", "--", "n/a", "na", "none", "null", "nan", ".", "?", "/"}


def prepare(
    raw: pd.DataFrame, columns: Columns, scales: Scales, file: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, Scales]:
    """Return (responses, quarantine, resolved scales).

    ``responses`` has one row per input row with canonical columns (text, nps, csat, ces, id,
    date, segment columns) and ``status`` = analysed | quarantined.
    """
    frame = pd.DataFrame({RESPONSE_ID: range(len(raw))})
    frame[SOURCE_ROW] = raw[SOURCE_ROW].to_numpy() if SOURCE_ROW in raw else range(2, len(raw) + 2)
    issues: list[dict] = []
    frame["text"] = raw[columns.text].to_numpy()
    issues += _check_text(frame, columns.text, file)
    resolved_scales = scales.model_copy()
    for role in ("nps", "csat", "ces"):
        name = getattr(columns, role)
        if name is None:
            continue
        labels = choice_labels(role, resolved_scales.csat, resolved_scales.ces)
        numbers, bad = to_numbers(raw[name], labels)
        issues += _issues(frame, bad, raw[name], name, file, "is not a number")
        if role == "csat" and resolved_scales.csat is None and _has_choice_text(raw[name], labels):
            resolved_scales.csat = 5  # "Very satisfied" is the top of a 1-5 scale
        low, high = _score_range(role, numbers[~bad], resolved_scales)
        if role == "csat" and resolved_scales.csat is None:
            resolved_scales.csat = high
        out = scores.out_of_range(numbers, low, high)
        issues += _issues(
            frame, out, raw[name], name, file, f"is outside the {role} scale {low}-{high}"
        )
        frame[role] = numbers.where(~(bad | out))
    for role in ("id", "date", "language", "wave"):
        name = getattr(columns, role)
        if name is not None:
            frame[role] = raw[name].to_numpy()
    if columns.date is not None:
        issues += _parse_dates(frame, raw[columns.date], columns.date, file, columns.date_format)
    for name in columns.segments:
        frame[name] = raw[name].to_numpy()
    quarantine = pd.DataFrame(issues, columns=QUARANTINE_COLUMNS)
    frame["status"] = "analysed"
    frame.loc[frame[RESPONSE_ID].isin(quarantine["response_id"]), "status"] = "quarantined"
    reasons = quarantine.groupby("response_id")["reason"].agg("; ".join)
    frame["quarantine_reason"] = frame[RESPONSE_ID].map(reasons)
    return frame, quarantine, resolved_scales


def _check_text(frame: pd.DataFrame, column: str, file: str | None) -> list[dict]:
    text = frame["text"].fillna("").astype(str)
    stripped = text.str.strip()
    empty = stripped.str.lower().isin(_PLACEHOLDER_ANSWERS)
    no_letters = ~empty & ~stripped.str.contains(r"[^\W\d_]", regex=True)
    return _issues(frame, empty, frame["text"], column, file, "empty answer", False) + _issues(
        frame, no_letters, frame["text"], column, file, "answer has no letters", False
    )


def _has_choice_text(values: pd.Series, labels: dict[str, int]) -> bool:
    return bool(values.map(lambda v: isinstance(v, str) and label_key(v) in labels).any())


def _score_range(role: str, valid: pd.Series, scales: Scales) -> tuple[int, int]:
    if role == "nps":
        return scores.NPS_RANGE
    if role == "ces":
        return (1, scales.ces)
    if scales.csat is not None:
        return (1, scales.csat)
    in_range = valid[(valid >= 1) & (valid <= 10)]
    return (1, scores.infer_csat_scale(in_range))


def _parse_dates(
    frame: pd.DataFrame, values: pd.Series, column: str, file: str | None, date_format: str | None
) -> list[dict]:
    parsed = pd.to_datetime(
        values,
        errors="coerce",
        format=date_format or "mixed",
        dayfirst=date_format is None and _day_first(values),
        utc=True,
    )
    bad = values.notna().to_numpy() & parsed.isna().to_numpy()
    frame["date"] = parsed.dt.tz_convert(None).to_numpy()
    return _issues(frame, pd.Series(bad), values, column, file, "is not a date")


def _day_first(values: pd.Series) -> bool:
    """True when slash/dot dates show a first number above 12 (13/04/2018) and none in second
    place; ISO dates are unaffected either way."""
    parts = values.dropna().astype(str).str.extract(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}")
    parts = parts.dropna().astype(int)
    if parts.empty:
        return False
    return bool((parts[0] > 12).any() and not (parts[1] > 12).any())


def _issues(
    frame: pd.DataFrame,
    mask: pd.Series,
    values: pd.Series,
    column: str,
    file: str | None,
    why: str,
    show_value: bool = True,
) -> list[dict]:
    rows = []
    for position in np.asarray(mask, dtype=bool).nonzero()[0]:
        value = values.iloc[position]
        rows.append(
            {
                "response_id": int(frame[RESPONSE_ID].iloc[position]),
                "source_row": int(frame[SOURCE_ROW].iloc[position]),
                "file": file,
                "column": column,
                "value": None if value is None else str(value)[:200],
                "reason": f"{column}: {why}"
                if value is None or not show_value
                else f"{column}: {value!r} {why}",
            }
        )
    return rows


def add_issues(
    responses: pd.DataFrame, quarantine: pd.DataFrame, issues: list[dict]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quarantine responses for problems a reader found (e.g. conflicting scores in a chat)."""
    if not issues:
        return responses, quarantine
    extra = pd.DataFrame(issues, columns=QUARANTINE_COLUMNS)
    quarantine = pd.concat([quarantine, extra], ignore_index=True)
    quarantine = quarantine.sort_values(["response_id", "source_row"], kind="stable")
    responses = responses.copy()
    hit = responses[RESPONSE_ID].isin(quarantine["response_id"])
    responses.loc[hit, "status"] = "quarantined"
    reasons = quarantine.groupby("response_id")["reason"].agg("; ".join)
    responses["quarantine_reason"] = responses[RESPONSE_ID].map(reasons)
    return responses, quarantine.reset_index(drop=True)


def account_rows(rows: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Rows that went into a quarantined response are quarantined too, with its reason.

    Afterwards every input row is analysed, excluded or quarantined, each with a reason
    unless analysed.
    """
    rows = rows.copy()
    reason = responses.set_index(RESPONSE_ID)["quarantine_reason"]
    status = responses.set_index(RESPONSE_ID)["status"]
    linked = rows["response_id"].notna() & (rows["status"] == "analysed")
    ids = rows.loc[linked, "response_id"].astype(int)
    bad = ids.map(status).eq("quarantined")
    bad_index = bad[bad].index
    rows.loc[bad_index, "status"] = "quarantined"
    rows.loc[bad_index, "reason"] = ids[bad_index].map(reason).to_numpy()
    return rows


@dataclass
class CheckedInput:
    """What ``validate`` reports and ``analyze`` builds on: rows mapped, checked, accounted."""

    config: Config
    file: str | None
    columns: Columns
    responses: pd.DataFrame
    quarantine: pd.DataFrame
    scales: Scales
    rows: pd.DataFrame | None
    row_problems: pd.DataFrame | None = None
    attrs: dict[str, Any] | None = None

    def problems(self) -> list[str]:
        """Every problem as ``file:row:column: reason``, in file order."""
        found = [
            (
                row.source_row,
                _where(row.file, row.source_row, row.column),
                str(row.reason).removeprefix(f"{row.column}: "),
            )
            for row in self.quarantine.itertuples(index=False)
        ]
        if self.row_problems is not None:
            for row in self.row_problems.itertuples(index=False):
                column, _, why = str(row.reason).partition(": ")
                found.append((row.source_row, _where(self.file, row.source_row, column), why))
        return [f"{where}: {reason}" for _, where, reason in sorted(found, key=lambda f: f[0])]


def _where(file: str | None, row: Any, column: str | None) -> str:
    return ":".join(str(p) for p in (file or "<data>", row, column) if p is not None)
