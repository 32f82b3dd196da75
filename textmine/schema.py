"""Column names of the tidy output tables and the auto-detection of input column roles.

The full column reference for users is docs/schema.md; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from textmine.answer_labels import choice_labels, label_key
from textmine.config import Columns
from textmine.errors import InputError, MissingColumnError

RESPONSE_ID = "response_id"
SEGMENT_ID = "segment_id"
SOURCE_ROW = "source_row"
UNCLASSIFIED = -1
UNCLASSIFIED_LABEL = "Unclassified"

SCORE_ROLES = ("nps", "csat", "ces")
SINGLE_ROLES = ("text", "nps", "csat", "ces", "id", "date", "language", "wave")

# Name patterns per role, tried in order; English, German, Swedish and Chinese headers.
_ROLE_PATTERNS: dict[str, list[str]] = {
    "text": [
        r"^(text|answer|comment|comments|feedback|verbatim|response|open[_ ]?(answer|text))$",
        r"(verbatim|comment|feedback|answer|reason|kommentar|antwort|svar|fritext|意见|评论|反馈)",
    ],
    "nps": [
        r"^nps([_ ]?(score|rating|answer))?$",
        r"\bnps\b|recommend|likelihood|empfehl|rekommend|推荐",
    ],
    "csat": [
        r"^csat([_ ]?(score|rating))?$",
        r"\bcsat\b|satisf|zufrieden|nöjd|满意",
        r"^(stars?|rating|review[_ ]?(stars|rating|score)|sterne|betyg|评分|星级)$",  # reviews
    ],
    "ces": [
        r"^ces([_ ]?(score|rating))?$",
        r"\bces\b|\beffort\b|\bease\b|\beasy\b|aufwand|ansträng|费力",
    ],
    "id": [
        r"^(id|respondent[_ ]?id|response[_ ]?id|customer[_ ]?id|user[_ ]?id)$",
        r"(respondent|customer|kunde|kund)[_ ]?(id|nr|number)",
    ],
    "date": [
        r"^(date|datum|timestamp|created[_ ]?at|submitted[_ ]?at)$",
        r"(date|time|datum|zeit|submitted|created|日期|时间)",
    ],
}


def detect_columns(
    frame: pd.DataFrame,
    declared: Columns,
    file: str | None = None,
    labels: dict[str, str] | None = None,
) -> Columns:
    """Fill undeclared roles from header names (or ``labels``: the question text a survey
    tool exports under a short name such as ``Q1``); check declared ones exist.

    The text column falls back to the string column with the longest average value, since
    open answers are nearly always the longest cells in a survey export.
    """
    available = [c for c in frame.columns if c != SOURCE_ROW]
    resolved = declared.model_copy(deep=True)
    used: set[str] = set()
    for role in SINGLE_ROLES:
        name = getattr(declared, role)
        if name is not None:
            _require(frame, role, name, available, file)
            used.add(name)
    for column in declared.segments:
        _require(frame, "segment", column, available, file)
    for role, patterns in _ROLE_PATTERNS.items():
        if getattr(resolved, role) is None:
            found = _match(frame, available, patterns, used, _ACCEPT.get(role), labels or {})
            if found is not None:
                setattr(resolved, role, found)
                used.add(found)
    if resolved.text is None:
        resolved.text = _longest_text_column(frame, available, used)
    if resolved.text is None:
        raise InputError(
            "no text column found",
            file=file,
            hint="name it with --text; columns in the file: " + ", ".join(map(repr, available)),
        )
    return resolved


def _require(frame: pd.DataFrame, role: str, name: str, available: list[str], file: str | None):
    if name not in frame.columns:
        raise MissingColumnError(role, name, available, file=file)


def _match(
    frame: pd.DataFrame,
    available: list[str],
    patterns: list[str],
    used: set[str],
    accept: Callable[[pd.Series, bool], bool] | None = None,
    labels: dict[str, str] | None = None,
) -> str | None:
    labels = labels or {}
    for tier, pattern in enumerate(patterns):
        for column in available:
            names = (column, labels.get(str(column), ""))
            if column in used or not any(re.search(pattern, n.strip().lower()) for n in names):
                continue
            if accept is None or accept(frame[column], tier == 0):
                return column
    return None


def _scores_in(role: str, low: float, high: float) -> Callable[[pd.Series, bool], bool]:
    """A score column holds numbers (at least 80% of its present values) and, unless its name
    is the role's own (``nps``, ``CSAT score``), numbers on the role's scale: names alone
    mislead. Exports put the NPS category beside the score (NPS_RATING = "Promoter",
    NPS_SCORE = 10), and review data has aspect columns such as ``dish_recommendation`` with
    values -2..1. A column named ``nps`` with values off the scale is still taken, so its
    rows are quarantined with that reason instead of silently losing the score."""

    def accept(values: pd.Series, named: bool) -> bool:
        numbers, bad = to_numbers(values, choice_labels(role))
        present = int(numbers.notna().sum() + bad.sum())
        fits = int(numbers.notna().sum() if named else numbers.between(low, high).sum())
        return present > 0 and fits >= 0.8 * present

    return accept


_DATE_LIKE = re.compile(
    r"\d{1,4}\s*[-/.年]\s*\d{1,2}|[A-Za-zäöüé]{3,}\.?\s+\d|\d\s+[A-Za-zäöüé]{3,}"
)


def _mostly_dates(values: pd.Series, named: bool) -> bool:
    """A date column holds date-like text (2025-03-01, 01/03/2025, 1 March 2025, Mar 1 2025)
    in at least 80% of its present values unless it is named ``date``, ``created_at``, ...:
    ``service_wait_time`` = 1 is not a date."""
    if named:
        return True
    present = values.dropna().astype(str).str.strip()
    present = present[present != ""]
    return len(present) > 0 and present.str.contains(_DATE_LIKE).mean() >= 0.8


_ACCEPT: dict[str, Callable[[pd.Series, bool], bool]] = {
    "nps": _scores_in("nps", 0, 10),
    "csat": _scores_in("csat", 1, 10),
    "ces": _scores_in("ces", 1, 7),
    "date": _mostly_dates,
}


_LABELLED_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:[-–—:=(]\s*\D.*)?$", re.DOTALL)


def to_numbers(
    values: pd.Series, labels: dict[str, int] | None = None
) -> tuple[pd.Series, pd.Series]:
    """Parse scores: numbers (comma decimals allowed), labelled answers as survey tools
    export them ("10 - Extremely likely", "5 (Very satisfied)", "1 = strongly disagree") and
    choice texts found in ``labels`` (see :mod:`textmine.answer_labels`); ``bad`` marks
    present values that are none of these."""
    labels = labels or {}

    def clean(value):
        if not isinstance(value, str):
            return value
        if (point := labels.get(label_key(value))) is not None:
            return point
        match = _LABELLED_NUMBER.match(value)
        return match.group(1).replace(",", ".") if match else value.strip() or None

    cleaned = values.astype(object).map(clean)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype(float)
    bad = cleaned.notna() & numbers.isna()
    return pd.Series(numbers.to_numpy(), dtype=float), pd.Series(bad.to_numpy(), dtype=bool)


def _longest_text_column(frame: pd.DataFrame, available: list[str], used: set[str]) -> str | None:
    best, best_len = None, 0.0
    for column in available:
        if column in used:
            continue
        values = frame[column].dropna().astype(str)
        if values.empty or pd.to_numeric(values, errors="coerce").notna().mean() > 0.5:
            continue
        avg = float(values.str.len().mean())
        if avg > best_len:
            best, best_len = column, avg
    return best
