"""The first stages of every run: read a file, map its columns, check every value, and
account for every input row; also the text clean-up shared by all engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from textmine.config import Config
from textmine.errors import ConfigError
from textmine.ingest import Ingested, load
from textmine.normalize import normalize_text
from textmine.schema import detect_columns
from textmine.validate import CheckedInput, account_rows, add_issues, prepare


def validate_input(data: pd.DataFrame | str | Path, config: Config | None = None) -> CheckedInput:
    """Read and check a file exactly as ``analyze`` would, without analysing it."""
    config = config or Config()
    return check_input(load(data, config), config)


def check_input(loaded: Ingested, config: Config) -> CheckedInput:
    """Map columns, check every value and account for every input row; no analysis."""
    survey = config.survey
    if survey.questions_mode == "separate" and survey.questions and config.columns.text is None:
        raise ConfigError(
            "survey.questions_mode is 'separate': use analyze_questions() "
            "(or the CLI), which runs one analysis per question"
        )
    config = _with_source_columns(config, loaded.columns)
    file = loaded.attrs.get("file") or loaded.frame.attrs.get("file")
    labels = loaded.attrs.get("column_labels")
    resolved = detect_columns(loaded.frame, config.columns, file=file, labels=labels)
    responses, quarantine, scales = prepare(loaded.frame, resolved, config.scales, file=file)
    responses, quarantine = add_issues(responses, quarantine, loaded.issues)
    for name in loaded.columns.get("keep", []):
        if name not in responses:
            responses[name] = loaded.frame[name].to_numpy()
    rows, row_problems = None, None
    if loaded.rows is not None:
        row_problems = loaded.rows[loaded.rows["status"] == "quarantined"]
        rows = account_rows(loaded.rows, responses)
    attrs = {**loaded.frame.attrs, **loaded.attrs}
    return CheckedInput(
        config, file, resolved, responses, quarantine, scales, rows, row_problems, attrs
    )


def _with_source_columns(config: Config, known: dict[str, Any]) -> Config:
    """Column roles a reader knows fill the roles the user left open."""
    overrides: dict[str, Any] = {}
    for role, name in known.items():
        if role == "keep":
            continue
        if role == "segments":
            overrides["columns.segments"] = list(dict.fromkeys([*name, *config.columns.segments]))
        elif getattr(config.columns, role) is None:
            overrides[f"columns.{role}"] = name
    return config.with_overrides(overrides)


def clean_text(text: Any, config: Config) -> Any:
    """Normalised and redacted text, as configured; non-text values pass through."""
    if not isinstance(text, str):
        return text
    n = config.normalize
    return normalize_text(text, n.redact_pii, n.redact_handles, n.redact_ids)


def source_counts(rows: pd.DataFrame | None, loaded: Ingested) -> dict[str, Any]:
    """The reader's own counts (conversations, duplicates, signatures removed, ...) and, for
    chats and social posts, how every input row was used: analysed, excluded or quarantined."""
    reader = {k: v for k, v in loaded.attrs.items() if k not in _FILE_ATTRS}
    if rows is None:
        return reader
    by_status = rows["status"].value_counts()
    counts = {
        "source_rows": int(len(rows)),
        "source_rows_analysed": int(by_status.get("analysed", 0)),
        "source_rows_excluded": int(by_status.get("excluded", 0)),
        "source_rows_quarantined": int(by_status.get("quarantined", 0)),
        "excluded_reasons": rows["reason"][rows["status"] == "excluded"].value_counts().to_dict(),
    }
    return counts | reader


_FILE_ATTRS = ("file", "encoding", "delimiter", "format")
